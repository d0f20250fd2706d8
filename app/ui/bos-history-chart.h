/* bos-history-chart.h: request vs decision vs settled over the years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-figures.h"

G_BEGIN_DECLS

#define BOS_TYPE_HISTORY_CHART (bos_history_chart_get_type ())
G_DECLARE_FINAL_TYPE (BosHistoryChart, bos_history_chart, BOS, HISTORY_CHART, GtkWidget)

GtkWidget *bos_history_chart_new          (void);
void       bos_history_chart_set_years    (BosHistoryChart *self,
                                           GArray          *years);
GArray    *bos_history_chart_get_years    (BosHistoryChart *self);
guint      bos_history_chart_get_n_points (BosHistoryChart *self);

G_END_DECLS
