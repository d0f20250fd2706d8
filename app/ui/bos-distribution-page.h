/* bos-distribution-page.h: the distribution of the open plan's need
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-apportion.h"
#include "bos-criteria-editor.h"
#include "bos-county-chart.h"
#include "bos-plan-scenario.h"

G_BEGIN_DECLS

#define BOS_TYPE_DISTRIBUTION_PAGE (bos_distribution_page_get_type ())
G_DECLARE_FINAL_TYPE (BosDistributionPage, bos_distribution_page, BOS, DISTRIBUTION_PAGE, GtkWidget)

/* For tests, the benchmark and other pages */
BosPlanScenario          *bos_distribution_page_get_scenario         (BosDistributionPage *self);
gboolean                  bos_distribution_page_set_scenario_id      (BosDistributionPage *self,
                                                                      const char          *id);
const BosApportionResult *bos_distribution_page_get_result           (BosDistributionPage *self);
const BosApportionInput  *bos_distribution_page_get_input            (BosDistributionPage *self);
BosCriteriaEditor        *bos_distribution_page_get_criteria_editor  (BosDistributionPage *self);
BosCountyChart           *bos_distribution_page_get_chart            (BosDistributionPage *self);
GtkColumnView            *bos_distribution_page_get_county_view      (BosDistributionPage *self);
GtkColumnView            *bos_distribution_page_get_municipality_view (BosDistributionPage *self);
/* The rows (BosDistributionRow) of the tables: all counties, and the
 * municipalities of the selected county */
GListModel               *bos_distribution_page_get_county_rows      (BosDistributionPage *self);
GListModel               *bos_distribution_page_get_municipality_rows (BosDistributionPage *self);
gboolean                  bos_distribution_page_select_county        (BosDistributionPage *self,
                                                                      const char          *county);
gboolean                  bos_distribution_page_set_override         (BosDistributionPage       *self,
                                                                      const char                *code,
                                                                      const BosScenarioOverride *override,
                                                                      GError                   **error);
GtkWindow                *bos_distribution_page_edit_municipality    (BosDistributionPage *self,
                                                                      const char          *code);
/* Writes pending criteria to the store now (they are saved shortly after
 * the last change otherwise) */
void                      bos_distribution_page_save_now             (BosDistributionPage *self);
guint                     bos_distribution_page_get_n_runs           (BosDistributionPage *self);
void                      bos_distribution_page_show_criteria        (BosDistributionPage *self,
                                                                      gboolean             show);

G_END_DECLS
