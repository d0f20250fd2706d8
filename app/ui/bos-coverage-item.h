/* bos-coverage-item.h: a row of the decisions page: a county or a municipality
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bos-coverage.h"
#include "bos-forecast.h"

G_BEGIN_DECLS

#define BOS_TYPE_COVERAGE_ITEM (bos_coverage_item_get_type ())
G_DECLARE_FINAL_TYPE (BosCoverageItem, bos_coverage_item, BOS, COVERAGE_ITEM, GObject)

BosCoverageItem *bos_coverage_item_new              (gboolean                        is_county,
                                                     const char                     *code,
                                                     const char                     *name,
                                                     const char                     *county_name);
gboolean         bos_coverage_item_get_is_county    (BosCoverageItem                *self);
/* The municipality's number, or the county's */
const char      *bos_coverage_item_get_code         (BosCoverageItem                *self);
const char      *bos_coverage_item_get_name         (BosCoverageItem                *self);
const char      *bos_coverage_item_get_county_name  (BosCoverageItem                *self);

gint64           bos_coverage_item_get_request      (BosCoverageItem                *self);
gint64           bos_coverage_item_get_request_minors (BosCoverageItem              *self);
gint64           bos_coverage_item_get_decided      (BosCoverageItem                *self);
gint64           bos_coverage_item_get_decided_minors (BosCoverageItem              *self);
/* Municipalities */
gboolean         bos_coverage_item_get_has_decision (BosCoverageItem                *self);
BosAnswerStatus  bos_coverage_item_get_status       (BosCoverageItem                *self);
/* "YYYY-MM-DD" or NULL */
const char      *bos_coverage_item_get_decided_on   (BosCoverageItem                *self);
/* Counties */
guint            bos_coverage_item_get_n_requested  (BosCoverageItem                *self);
guint            bos_coverage_item_get_n_decided    (BosCoverageItem                *self);
guint            bos_coverage_item_get_n_outstanding (BosCoverageItem               *self);
guint            bos_coverage_item_get_n_overdue    (BosCoverageItem                *self);
/* The forecast; expected is NAN without one */
double           bos_coverage_item_get_expected     (BosCoverageItem                *self);
gint64           bos_coverage_item_get_p10          (BosCoverageItem                *self);
gint64           bos_coverage_item_get_p90          (BosCoverageItem                *self);
double           bos_coverage_item_get_shortfall    (BosCoverageItem                *self);
double           bos_coverage_item_get_p_cover      (BosCoverageItem                *self);

/* Each emits "changed" when something changed. */
void             bos_coverage_item_set_row          (BosCoverageItem                *self,
                                                     const BosCoverageRow           *row,
                                                     const char                     *decided_on);
void             bos_coverage_item_set_totals       (BosCoverageItem                *self,
                                                     const BosCoverageTotals        *totals);
void             bos_coverage_item_set_municipality_forecast (BosCoverageItem         *self,
                                                     const BosForecastMunicipality  *forecast);
void             bos_coverage_item_set_county_forecast (BosCoverageItem             *self,
                                                     const BosForecastCounty        *forecast);
void             bos_coverage_item_clear_forecast   (BosCoverageItem                *self);

G_END_DECLS
