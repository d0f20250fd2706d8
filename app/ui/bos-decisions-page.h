/* bos-decisions-page.h: the municipalities' decisions on the open plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-coverage.h"
#include "bos-coverage-chart.h"
#include "bos-decision-dialog.h"
#include "bos-forecast.h"
#include "bos-page.h"

G_BEGIN_DECLS

#define BOS_TYPE_DECISIONS_PAGE (bos_decisions_page_get_type ())
G_DECLARE_FINAL_TYPE (BosDecisionsPage, bos_decisions_page, BOS, DECISIONS_PAGE, GtkWidget)

/* NULL without a plan or requests */
const BosCoverage       *bos_decisions_page_get_coverage       (BosDecisionsPage *self);
/* The big figure: "64 %" */
const char              *bos_decisions_page_get_coverage_text  (BosDecisionsPage *self);
/* NULL while the forecast runs */
const BosForecastResult *bos_decisions_page_get_forecast       (BosDecisionsPage *self);
gboolean                 bos_decisions_page_get_forecast_running (BosDecisionsPage *self);
BosCoverageChart        *bos_decisions_page_get_chart          (BosDecisionsPage *self);
/* (element-type BosCoverageItem) */
GListModel              *bos_decisions_page_get_counties       (BosDecisionsPage *self);
GListModel              *bos_decisions_page_get_municipalities (BosDecisionsPage *self);
/* "counties" or "municipalities" */
const char              *bos_decisions_page_get_view           (BosDecisionsPage *self);
void                     bos_decisions_page_set_view           (BosDecisionsPage *self,
                                                                const char       *view);
/* Opens the dialog to register a decision of @code (NULL: chosen there) */
BosDecisionDialog       *bos_decisions_page_register           (BosDecisionsPage *self,
                                                                const char       *code);
/* Imports a decisions CSV as the Import button does (one transaction) */
gboolean                 bos_decisions_page_import             (BosDecisionsPage *self,
                                                                GFile            *file,
                                                                GError          **error);

G_END_DECLS
