/* bos-coverage-chart.c: requested and decided per county, with the forecast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per county, so the names stay readable: a pale bar for what the
 * plan requests, a solid bar for what the municipalities decided so far,
 * and the forecast of the decisions as a line from its 10th to its 90th
 * percentile with a dot at its expectation. The figures "decided /
 * requested" stand at the right; the axis is under the rows. Colours
 * come from the style (foreground and accent), so light, dark and high
 * contrast all work.
 */
#define G_LOG_DOMAIN "bos-coverage-chart"

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n.h>

#include "bos-coverage-chart.h"

#define ROW_HEIGHT     24.0
#define BAR_HEIGHT     16.0
#define DECIDED_HEIGHT 8.0
#define LEGEND_HEIGHT  30.0
#define AXIS_HEIGHT    22.0
#define GAP            10.0

typedef struct
{
  char   *label;
  gint64  requested;
  gint64  decided;
  double  expected;
  gint64  p10;
  gint64  p90;
} Bar;

struct _BosCoverageChart
{
  GtkWidget  parent_instance;

  GArray    *bars;  /* of Bar */
  guint      n_draws;
};

G_DEFINE_FINAL_TYPE (BosCoverageChart, bos_coverage_chart, GTK_TYPE_WIDGET)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
}

static char *
format_count (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* A round step for about @n_ticks ticks up to @max */
static double
nice_step (double max,
           int    n_ticks)
{
  double raw = max / n_ticks;
  double magnitude = pow (10.0, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1.0)
    return magnitude;
  if (fraction <= 2.0)
    return 2.0 * magnitude;
  if (fraction <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static void
get_colors (BosCoverageChart *self,
            GdkRGBA          *foreground,
            GdkRGBA          *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, foreground);
  if (!gtk_style_context_lookup_color (context, "accent_color", accent))
    gdk_rgba_parse (accent, "#1c71d8");
}

static double
label_width (BosCoverageChart *self)
{
  double width = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                      g_array_index (self->bars, Bar, i).label);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      width = MAX (width, w);
    }
  return MIN (width, 160.0);
}

static double
value_width (BosCoverageChart *self)
{
  double width = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                                               bar->decided, bar->requested);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      width = MAX (width, w);
    }
  return width;
}

static double
scale_max (BosCoverageChart *self)
{
  double max = 1.0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);

      max = MAX (max, (double) bar->requested);
      max = MAX (max, (double) bar->decided);
      if (bar->p90 >= 0)
        max = MAX (max, (double) bar->p90);
    }
  return max;
}

static void
draw_legend_item (cairo_t         *cr,
                  GtkWidget       *widget,
                  double          *x,
                  const GdkRGBA   *color,
                  double           swatch_height,
                  gboolean         range,
                  const char      *text,
                  const GdkRGBA   *foreground)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  gdk_cairo_set_source_rgba (cr, color);
  if (range)
    {
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, *x, 10);
      cairo_line_to (cr, *x + 16, 10);
      cairo_move_to (cr, *x, 6);
      cairo_line_to (cr, *x, 14);
      cairo_move_to (cr, *x + 16, 6);
      cairo_line_to (cr, *x + 16, 14);
      cairo_stroke (cr);
      cairo_arc (cr, *x + 8, 10, 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else
    {
      cairo_rectangle (cr, *x, 10 - swatch_height / 2, 16, swatch_height);
      cairo_fill (cr);
    }
  *x += 22;
  gdk_cairo_set_source_rgba (cr, foreground);
  cairo_move_to (cr, *x, 10 - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  *x += w + 18;
}

static void
bos_coverage_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  BosCoverageChart *self = BOS_COVERAGE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA foreground, accent, pale, grid, range;
  double labels = label_width (self);
  double values = value_width (self);
  double left = labels + GAP;
  double right = width - values - GAP;
  double plot = right - left;
  double max = scale_max (self);
  double step = nice_step (max, plot > 300 ? 5 : 3);
  double top = LEGEND_HEIGHT;
  double bottom = top + self->bars->len * ROW_HEIGHT;
  double x;
  cairo_t *cr;

  if (self->bars->len == 0 || plot < 40)
    return;

  self->n_draws++;
  get_colors (self, &foreground, &accent);
  pale = foreground;
  pale.alpha = 0.16;
  grid = foreground;
  grid.alpha = 0.12;
  range = foreground;
  range.alpha = 0.85;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Legend */
  x = 0;
  draw_legend_item (cr, widget, &x, &pale, BAR_HEIGHT, FALSE, _("Requested"), &foreground);
  draw_legend_item (cr, widget, &x, &accent, DECIDED_HEIGHT, FALSE, _("Decided"), &foreground);
  draw_legend_item (cr, widget, &x, &range, 0, TRUE, _("Forecast, 10th–90th percentile"),
                    &foreground);

  /* Grid and axis */
  cairo_set_line_width (cr, 1.0);
  for (double tick = 0; tick <= max * 1.0001; tick += step)
    {
      double tx = round (left + plot * tick / max) + 0.5;
      g_autofree char *text = format_count ((gint64) tick);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int w, h;

      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_move_to (cr, tx, top);
      cairo_line_to (cr, tx, bottom);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &range);
      cairo_move_to (cr, MIN (tx - w / 2.0, right - w), bottom + 4);
      pango_cairo_show_layout (cr, layout);
    }

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      double cy = top + i * ROW_HEIGHT + ROW_HEIGHT / 2.0;
      g_autoptr(PangoLayout) name = gtk_widget_create_pango_layout (widget, bar->label);
      g_autofree char *figures = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                                                  bar->decided, bar->requested);
      g_autoptr(PangoLayout) value = gtk_widget_create_pango_layout (widget, figures);
      int w, h;

      /* The county's name, ellipsized to the label column */
      pango_layout_set_width (name, (int) (labels * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (name, &w, &h);
      gdk_cairo_set_source_rgba (cr, &foreground);
      cairo_move_to (cr, 0, cy - h / 2.0);
      pango_cairo_show_layout (cr, name);

      gdk_cairo_set_source_rgba (cr, &pale);
      cairo_rectangle (cr, left, cy - BAR_HEIGHT / 2, plot * bar->requested / max, BAR_HEIGHT);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_rectangle (cr, left, cy - DECIDED_HEIGHT / 2, plot * bar->decided / max, DECIDED_HEIGHT);
      cairo_fill (cr);

      if (bar->p10 >= 0 && bar->p90 >= 0)
        {
          double x10 = left + plot * bar->p10 / max;
          double x90 = left + plot * bar->p90 / max;

          gdk_cairo_set_source_rgba (cr, &range);
          cairo_set_line_width (cr, 2.0);
          cairo_move_to (cr, x10, cy);
          cairo_line_to (cr, x90, cy);
          cairo_move_to (cr, x10, cy - 5);
          cairo_line_to (cr, x10, cy + 5);
          cairo_move_to (cr, x90, cy - 5);
          cairo_line_to (cr, x90, cy + 5);
          cairo_stroke (cr);
        }
      if (!isnan (bar->expected))
        {
          gdk_cairo_set_source_rgba (cr, &range);
          cairo_arc (cr, left + plot * bar->expected / max, cy, 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }

      pango_layout_get_pixel_size (value, &w, &h);
      gdk_cairo_set_source_rgba (cr, &foreground);
      cairo_move_to (cr, width - w, cy - h / 2.0);
      pango_cairo_show_layout (cr, value);
    }

  cairo_destroy (cr);
}

static void
bos_coverage_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  BosCoverageChart *self = BOS_COVERAGE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 520;
    }
  else
    *minimum = *natural = (int) (LEGEND_HEIGHT + MAX (self->bars->len, 1) * ROW_HEIGHT + AXIS_HEIGHT);
}

static gboolean
bos_coverage_chart_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  BosCoverageChart *self = BOS_COVERAGE_CHART (widget);
  g_autoptr(GString) text = NULL;
  const Bar *bar;
  int row;

  if (y < LEGEND_HEIGHT)
    return FALSE;
  row = (int) ((y - LEGEND_HEIGHT) / ROW_HEIGHT);
  if (row < 0 || (guint) row >= self->bars->len)
    return FALSE;
  bar = &g_array_index (self->bars, Bar, row);

  text = g_string_new (NULL);
  /* Translators: a county's bar in the coverage chart: name, requested,
   * decided */
  g_string_append_printf (text, _("%s: %" PRId64 " requested, %" PRId64 " decided"),
                          bar->label, bar->requested, bar->decided);
  if (!isnan (bar->expected) && bar->p10 >= 0)
    /* Translators: the forecast in a county's tooltip: expected, 10th and
     * 90th percentile */
    g_string_append_printf (text, _("\nForecast: %.0f expected, %" PRId64 "–%" PRId64),
                            bar->expected, bar->p10, bar->p90);
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
bos_coverage_chart_finalize (GObject *object)
{
  BosCoverageChart *self = (BosCoverageChart *) object;

  g_clear_pointer (&self->bars, g_array_unref);

  G_OBJECT_CLASS (bos_coverage_chart_parent_class)->finalize (object);
}

static void
bos_coverage_chart_class_init (BosCoverageChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bos_coverage_chart_finalize;

  widget_class->snapshot = bos_coverage_chart_snapshot;
  widget_class->measure = bos_coverage_chart_measure;
  widget_class->query_tooltip = bos_coverage_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "coveragechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bos_coverage_chart_init (BosCoverageChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
bos_coverage_chart_new (void)
{
  return g_object_new (BOS_TYPE_COVERAGE_CHART, NULL);
}

/**
 * bos_coverage_chart_set_bars:
 * @bars: (array length=n_bars): one per county, top to bottom
 */
void
bos_coverage_chart_set_bars (BosCoverageChart          *self,
                             const BosCoverageChartBar *bars,
                             guint                      n_bars)
{
  guint old_n;

  g_return_if_fail (BOS_IS_COVERAGE_CHART (self));
  g_return_if_fail (bars != NULL || n_bars == 0);

  old_n = self->bars->len;
  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < n_bars; i++)
    {
      Bar bar = {
        g_strdup (bars[i].label ? bars[i].label : ""),
        bars[i].requested, bars[i].decided, bars[i].expected, bars[i].p10, bars[i].p90,
      };

      g_array_append_val (self->bars, bar);
    }
  if (old_n != n_bars)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
bos_coverage_chart_get_n_bars (BosCoverageChart *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_CHART (self), 0);
  return self->bars->len;
}

guint
bos_coverage_chart_get_n_draws (BosCoverageChart *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_CHART (self), 0);
  return self->n_draws;
}
