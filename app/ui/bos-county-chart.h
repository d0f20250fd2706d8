/* bos-county-chart.h: requests per county as bars, one or two series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BOS_TYPE_COUNTY_CHART (bos_county_chart_get_type ())
G_DECLARE_FINAL_TYPE (BosCountyChart, bos_county_chart, BOS, COUNTY_CHART, GtkWidget)

GtkWidget *bos_county_chart_new          (void);
/* @values_b may be NULL for one series; -1 is "no value" (no bar) */
void       bos_county_chart_set_data     (BosCountyChart      *self,
                                          guint                n,
                                          const char * const  *labels,
                                          const gint64        *values_a,
                                          const gint64        *values_b);
void       bos_county_chart_set_series   (BosCountyChart      *self,
                                          const char          *name_a,
                                          const char          *name_b);
void       bos_county_chart_set_selected (BosCountyChart      *self,
                                          int                  index);
guint      bos_county_chart_get_n_bars   (BosCountyChart      *self);
/* How many times the chart was drawn (for tests and the benchmark) */
guint      bos_county_chart_get_n_draws  (BosCountyChart      *self);

G_END_DECLS
