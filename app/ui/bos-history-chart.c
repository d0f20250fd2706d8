/* bos-history-chart.c: request vs decision vs settled over the years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A line chart drawn with Cairo: one line per kind of figure, years along
 * the bottom, persons up the side on round steps, and a legend. A year
 * without a known figure is a gap in the line, never a zero. Besides the
 * colour, each line has its own marker shape and dash, so the chart also
 * reads in greyscale and for colour-blind people.
 */
#define G_LOG_DOMAIN "bos-history-chart"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-format.h"
#include "bos-history-chart.h"

#define N_SERIES      3
#define MARKER_RADIUS 3.5
#define TICK_GAP      6.0
#define LEGEND_GAP    16.0

struct _BosHistoryChart
{
  GtkWidget  parent_instance;

  GArray    *years;        /* BosYearFigures, oldest first, or NULL */
  int        first_year;
  int        last_year;
  gint64     max_persons;
  guint      n_points;

  /* the plot area of the last snapshot, for tooltips */
  double     plot_x;
  double     plot_width;
};

G_DEFINE_FINAL_TYPE (BosHistoryChart, bos_history_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_POINTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  MARKER_CIRCLE,
  MARKER_SQUARE,
  MARKER_DIAMOND,
} Marker;

typedef struct
{
  BosHistoryKind  kind;
  const char     *label;
  const char     *light;   /* libadwaita palette colours */
  const char     *dark;
  Marker          marker;
  double          dash;    /* 0 for a solid line */
} Series;

static const Series series[N_SERIES] = {
  /* blue 3 / blue 2 */
  { BOS_HISTORY_REQUEST, N_("Request"), "#3584e4", "#62a0ea", MARKER_CIRCLE, 0 },
  /* orange 5 / orange 2 */
  { BOS_HISTORY_DECISION, N_("Decision"), "#c64600", "#ffa348", MARKER_SQUARE, 0 },
  /* green 5 / green 2 */
  { BOS_HISTORY_SETTLED, N_("Settled"), "#26a269", "#8ff0a4", MARKER_DIAMOND, 5 },
};

static void
series_color (const Series *s,
              gboolean      dark,
              GdkRGBA      *color)
{
  gdk_rgba_parse (color, dark ? s->dark : s->light);
}

/* The step of the person axis: 1, 2, 2.5 or 5 times a power of ten, so
 * that about @max_ticks steps cover @max. */
static double
nice_step (double max,
           int    max_ticks)
{
  static const double factors[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double raw = MAX (max, 1.0) / MAX (max_ticks, 1);
  double magnitude = pow (10.0, floor (log10 (raw)));

  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    {
      double step = factors[i] * magnitude;
      if (step >= raw && (step >= 1.0))
        return step;
    }
  return MAX (10.0 * magnitude, 1.0);
}

static void
draw_marker (cairo_t *cr,
             Marker   marker,
             double   x,
             double   y)
{
  double r = MARKER_RADIUS;

  switch (marker)
    {
    case MARKER_SQUARE:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case MARKER_DIAMOND:
      r += 1.0;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case MARKER_CIRCLE:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
  cairo_fill (cr);
}

static PangoLayout *
create_layout (BosHistoryChart *self,
               const char      *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static const BosYearFigures *
find_year (BosHistoryChart *self,
           int              year)
{
  if (self->years == NULL)
    return NULL;
  for (guint i = 0; i < self->years->len; i++)
    {
      const BosYearFigures *y = &g_array_index (self->years, BosYearFigures, i);
      if (y->year == year)
        return y;
    }
  return NULL;
}

static void
draw_chart (BosHistoryChart *self,
            cairo_t         *cr,
            double           width,
            double           height)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (style);
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA fg;
  double legend_height = 0.0;
  double label_width = 0.0;
  double label_height = 0.0;
  double plot_x, plot_y, plot_w, plot_h;
  double step, top;
  int n_ticks;
  int year_step;
  int span;
  double x;

  gtk_style_context_get_color (context, &fg);

  /* Legend, centred along the top */
  {
    double total = 0.0;
    double swatch = 24.0;

    for (guint i = 0; i < N_SERIES; i++)
      {
        g_autoptr(PangoLayout) layout = create_layout (self, _(series[i].label));
        double w, h;

        layout_size (layout, &w, &h);
        total += swatch + 6.0 + w + (i + 1 < N_SERIES ? LEGEND_GAP : 0.0);
        legend_height = MAX (legend_height, h);
      }

    x = MAX (0.0, (width - total) / 2.0);
    for (guint i = 0; i < N_SERIES; i++)
      {
        g_autoptr(PangoLayout) layout = create_layout (self, _(series[i].label));
        GdkRGBA color;
        double w, h;

        layout_size (layout, &w, &h);
        series_color (&series[i], dark, &color);
        gdk_cairo_set_source_rgba (cr, &color);
        cairo_set_line_width (cr, 2.0);
        if (series[i].dash > 0)
          cairo_set_dash (cr, &series[i].dash, 1, 0);
        cairo_move_to (cr, x, legend_height / 2.0);
        cairo_line_to (cr, x + swatch, legend_height / 2.0);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        draw_marker (cr, series[i].marker, x + swatch / 2.0, legend_height / 2.0);

        gdk_cairo_set_source_rgba (cr, &fg);
        cairo_move_to (cr, x + swatch + 6.0, (legend_height - h) / 2.0);
        pango_cairo_show_layout (cr, layout);
        x += swatch + 6.0 + w + LEGEND_GAP;
      }
  }

  if (self->years == NULL || self->n_points == 0)
    {
      g_autoptr(PangoLayout) layout = create_layout (self, _("No settlement figures recorded"));
      double w, h;
      GdkRGBA dim = fg;

      dim.alpha *= 0.55;
      layout_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_move_to (cr, (width - w) / 2.0, (height - h) / 2.0);
      pango_cairo_show_layout (cr, layout);
      return;
    }

  /* Person axis: round steps, about one per 50 pixels */
  {
    g_autoptr(PangoLayout) probe = create_layout (self, "0");
    double w;

    layout_size (probe, &w, &label_height);
  }
  plot_y = legend_height + LEGEND_GAP;
  plot_h = height - plot_y - label_height - TICK_GAP - 2.0;
  if (plot_h < 20.0)
    return;
  n_ticks = CLAMP ((int) (plot_h / 50.0), 2, 8);
  step = nice_step ((double) self->max_persons, n_ticks);
  top = ceil ((double) MAX (self->max_persons, 1) / step) * step;

  for (double v = 0.0; v <= top + step / 2.0; v += step)
    {
      g_autofree char *text = bos_format_count ((gint64) llround (v));
      g_autoptr(PangoLayout) layout = create_layout (self, text);
      double w, h;

      layout_size (layout, &w, &h);
      label_width = MAX (label_width, w);
    }

  plot_x = label_width + TICK_GAP;
  plot_w = width - plot_x - 12.0;
  if (plot_w < 40.0)
    return;
  self->plot_x = plot_x;
  self->plot_width = plot_w;

  for (double v = 0.0; v <= top + step / 2.0; v += step)
    {
      g_autofree char *text = bos_format_count ((gint64) llround (v));
      g_autoptr(PangoLayout) layout = create_layout (self, text);
      double y = plot_y + plot_h - v / top * plot_h;
      GdkRGBA grid = fg;
      double w, h;

      grid.alpha *= v == 0.0 ? 0.5 : 0.12;
      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, plot_x, floor (y) + 0.5);
      cairo_line_to (cr, plot_x + plot_w, floor (y) + 0.5);
      cairo_stroke (cr);

      layout_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, plot_x - TICK_GAP - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* Year axis: a label every 1, 2, 5 or 10 years, as room allows */
  span = self->last_year - self->first_year;
  {
    static const int steps[] = { 1, 2, 5, 10, 20, 50 };
    g_autoptr(PangoLayout) probe = create_layout (self, "0000");
    double w, h;

    layout_size (probe, &w, &h);
    year_step = steps[G_N_ELEMENTS (steps) - 1];
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      if (span == 0 || plot_w / ((double) span / steps[i] + 1.0) >= w + 12.0)
        {
          year_step = steps[i];
          break;
        }
  }

#define YEAR_X(year) (span == 0 ? plot_x + plot_w / 2.0 \
                                : plot_x + MARKER_RADIUS + 2.0 + \
                                  ((year) - self->first_year) * (plot_w - 2.0 * (MARKER_RADIUS + 2.0)) / span)
#define PERSONS_Y(persons) (plot_y + plot_h - (double) (persons) / top * plot_h)

  for (int year = self->first_year; year <= self->last_year; year++)
    {
      GdkRGBA tick = fg;
      double yx = YEAR_X (year);

      tick.alpha *= 0.5;
      gdk_cairo_set_source_rgba (cr, &tick);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, floor (yx) + 0.5, plot_y + plot_h);
      cairo_line_to (cr, floor (yx) + 0.5, plot_y + plot_h + (year % year_step == 0 ? 4.0 : 2.0));
      cairo_stroke (cr);

      if (year % year_step == 0 || span == 0)
        {
          g_autofree char *text = g_strdup_printf ("%d", year);
          g_autoptr(PangoLayout) layout = create_layout (self, text);
          double w, h;

          layout_size (layout, &w, &h);
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_move_to (cr, CLAMP (yx - w / 2.0, 0.0, width - w), plot_y + plot_h + TICK_GAP);
          pango_cairo_show_layout (cr, layout);
        }
    }

  /* The lines, broken where a year has no known figure */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint s = 0; s < N_SERIES; s++)
    {
      GdkRGBA color;
      gboolean drawing = FALSE;

      series_color (&series[s], dark, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 2.0);
      if (series[s].dash > 0)
        cairo_set_dash (cr, &series[s].dash, 1, 0);

      for (int year = self->first_year; year <= self->last_year; year++)
        {
          const BosYearFigures *y = find_year (self, year);
          const BosHistoryTotal *figure = y ? &y->totals[series[s].kind] : NULL;

          if (!bos_figures_is_known (figure))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, YEAR_X (year), PERSONS_Y (figure->persons));
          else
            cairo_move_to (cr, YEAR_X (year), PERSONS_Y (figure->persons));
          drawing = TRUE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      for (int year = self->first_year; year <= self->last_year; year++)
        {
          const BosYearFigures *y = find_year (self, year);
          const BosHistoryTotal *figure = y ? &y->totals[series[s].kind] : NULL;

          if (bos_figures_is_known (figure))
            draw_marker (cr, series[s].marker, YEAR_X (year), PERSONS_Y (figure->persons));
        }
    }

#undef YEAR_X
#undef PERSONS_Y
}

static void
update_accessible_description (BosHistoryChart *self)
{
  g_autofree char *description = NULL;

  if (self->n_points == 0)
    description = g_strdup (_("No settlement figures recorded"));
  else
    /* Translators: the chart's description for screen readers */
    description = g_strdup_printf (_("Requests, decisions and settled persons per year, %d to %d. "
                                     "The table below lists the same figures."),
                                   self->first_year, self->last_year);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static gboolean
query_tooltip_cb (BosHistoryChart *self,
                  int              x,
                  int              y,
                  gboolean         keyboard_mode,
                  GtkTooltip      *tooltip)
{
  g_autoptr(GString) text = NULL;
  const BosYearFigures *figures;
  int span = self->last_year - self->first_year;
  int year;

  if (self->n_points == 0 || self->plot_width <= 0)
    return FALSE;

  if (span == 0)
    year = self->first_year;
  else
    year = self->first_year + (int) lround ((x - self->plot_x) / self->plot_width * span);
  if (year < self->first_year || year > self->last_year)
    return FALSE;

  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%d</b>", year);
  figures = find_year (self, year);
  for (guint s = 0; s < N_SERIES; s++)
    {
      g_autofree char *value = bos_format_figure (figures ? &figures->totals[series[s].kind] : NULL,
                                                  NULL);
      /* Translators: a line of the chart's tooltip, e.g. "Request: 20" */
      g_string_append_printf (text, "\n%s: %s", _(series[s].label), value);
    }
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

static void
bos_history_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  BosHistoryChart *self = BOS_HISTORY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height);
  cairo_destroy (cr);
}

static void
bos_history_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 640;
    }
  else
    {
      *minimum = 200;
      *natural = 280;
    }
}

static void
bos_history_chart_finalize (GObject *object)
{
  BosHistoryChart *self = (BosHistoryChart *) object;

  g_clear_pointer (&self->years, g_array_unref);

  G_OBJECT_CLASS (bos_history_chart_parent_class)->finalize (object);
}

static void
bos_history_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BosHistoryChart *self = BOS_HISTORY_CHART (object);

  switch (prop_id)
    {
    case PROP_N_POINTS:
      g_value_set_uint (value, self->n_points);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_history_chart_class_init (BosHistoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bos_history_chart_finalize;
  object_class->get_property = bos_history_chart_get_property;

  widget_class->snapshot = bos_history_chart_snapshot;
  widget_class->measure = bos_history_chart_measure;

  /* How many known figures the chart draws. */
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "historychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bos_history_chart_init (BosHistoryChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Settlement history chart"),
                                  -1);
  update_accessible_description (self);
}

GtkWidget *
bos_history_chart_new (void)
{
  return g_object_new (BOS_TYPE_HISTORY_CHART, NULL);
}

/**
 * bos_history_chart_set_years:
 * @years: (nullable): a #GArray of #BosYearFigures, oldest first
 *
 * Shows @years; the chart keeps a reference.
 */
void
bos_history_chart_set_years (BosHistoryChart *self,
                             GArray          *years)
{
  guint n_points = 0;

  g_return_if_fail (BOS_IS_HISTORY_CHART (self));

  if (years != NULL)
    g_array_ref (years);
  g_clear_pointer (&self->years, g_array_unref);
  self->years = years;

  self->first_year = G_MAXINT;
  self->last_year = G_MININT;
  self->max_persons = 0;

  for (guint i = 0; years != NULL && i < years->len; i++)
    {
      const BosYearFigures *y = &g_array_index (years, BosYearFigures, i);
      gboolean any = FALSE;

      for (guint s = 0; s < N_SERIES; s++)
        {
          const BosHistoryTotal *figure = &y->totals[series[s].kind];

          if (figure->status != BOS_HISTORY_TOTAL_MISSING)
            any = TRUE;
          if (bos_figures_is_known (figure))
            {
              n_points++;
              self->max_persons = MAX (self->max_persons, figure->persons);
            }
        }
      if (any)
        {
          self->first_year = MIN (self->first_year, y->year);
          self->last_year = MAX (self->last_year, y->year);
        }
    }
  if (self->first_year > self->last_year)
    self->first_year = self->last_year = 0;

  if (self->n_points != n_points)
    {
      self->n_points = n_points;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
    }
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * bos_history_chart_get_years:
 *
 * Returns: (transfer none) (nullable): the figures shown
 */
GArray *
bos_history_chart_get_years (BosHistoryChart *self)
{
  g_return_val_if_fail (BOS_IS_HISTORY_CHART (self), NULL);
  return self->years;
}

/**
 * bos_history_chart_get_n_points:
 *
 * Returns: how many known figures the chart draws
 */
guint
bos_history_chart_get_n_points (BosHistoryChart *self)
{
  g_return_val_if_fail (BOS_IS_HISTORY_CHART (self), 0);
  return self->n_points;
}
