/* bos-scenario-compare.h: two scenarios of a plan side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-county-chart.h"
#include "bos-plan.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_SCENARIO_COMPARE (bos_scenario_compare_get_type ())
G_DECLARE_FINAL_TYPE (BosScenarioCompare, bos_scenario_compare, BOS, SCENARIO_COMPARE, AdwWindow)

GtkWindow      *bos_scenario_compare_new              (GtkWindow          *parent,
                                                       BosStore           *store,
                                                       BosPlan            *plan,
                                                       const char         *scenario_a_id);
gboolean        bos_scenario_compare_set_scenarios    (BosScenarioCompare *self,
                                                       const char         *a_id,
                                                       const char         *b_id);
/* For tests: the municipalities' rows (BosDistributionRow, request = A,
 * other_request = B), how many differ, and the chart */
GListModel     *bos_scenario_compare_get_municipality_rows (BosScenarioCompare *self);
guint           bos_scenario_compare_get_n_differences (BosScenarioCompare *self);
BosCountyChart *bos_scenario_compare_get_chart        (BosScenarioCompare *self);

G_END_DECLS
