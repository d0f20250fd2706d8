/* bos-coverage-chart.h: requested and decided per county, with the forecast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BOS_TYPE_COVERAGE_CHART (bos_coverage_chart_get_type ())
G_DECLARE_FINAL_TYPE (BosCoverageChart, bos_coverage_chart, BOS, COVERAGE_CHART, GtkWidget)

typedef struct
{
  const char *label;      /* the county's name */
  gint64      requested;
  gint64      decided;
  double      expected;   /* the forecast's expectation, or NAN */
  gint64      p10;        /* the forecast's range, or -1 */
  gint64      p90;
} BosCoverageChartBar;

GtkWidget *bos_coverage_chart_new      (void);
/* @bars: (array length=n_bars): copied */
void       bos_coverage_chart_set_bars (BosCoverageChart          *self,
                                        const BosCoverageChartBar *bars,
                                        guint                      n_bars);
guint      bos_coverage_chart_get_n_bars  (BosCoverageChart       *self);
/* How many times the chart was drawn (for tests) */
guint      bos_coverage_chart_get_n_draws (BosCoverageChart       *self);

G_END_DECLS
