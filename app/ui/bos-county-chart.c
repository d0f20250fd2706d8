/* bos-county-chart.c: requests per county as bars, one or two series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Horizontal bars drawn with Cairo: one line per county (its name on the
 * left), one bar per series with its value at the end. The first series
 * is filled, the second outlined with a light fill, so the two read apart
 * in greyscale too. The selected county has a band behind it; clicking a
 * line emits "county-activated". Values of -1 draw no bar and "–".
 */
#define G_LOG_DOMAIN "bos-county-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-county-chart.h"
#include "bos-format.h"

#define BAR_HEIGHT   9.0
#define BAR_GAP      2.0
#define LINE_GAP     7.0
#define LABEL_GAP    8.0
#define LEGEND_GAP   10.0
#define SWATCH       12.0

struct _BosCountyChart
{
  GtkWidget  parent_instance;

  GPtrArray *labels;      /* char * */
  GArray    *values_a;    /* gint64 */
  GArray    *values_b;    /* gint64, or NULL for one series */
  char      *name_a;
  char      *name_b;
  int        selected;
  guint      n_draws;

  /* the geometry of the last snapshot, for clicks and tooltips */
  double     top;
  double     line_height;
};

G_DEFINE_FINAL_TYPE (BosCountyChart, bos_county_chart, GTK_TYPE_WIDGET)

enum {
  COUNTY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
series_color (guint    series,
              gboolean dark,
              GdkRGBA *color)
{
  /* blue 3 / blue 2, orange 5 / orange 2 of the GNOME palette */
  static const char * const light[] = { "#3584e4", "#c64600" };
  static const char * const dark_colors[] = { "#62a0ea", "#ffa348" };

  gdk_rgba_parse (color, dark ? dark_colors[series] : light[series]);
}

static PangoLayout *
create_layout (BosCountyChart *self,
               const char     *text,
               gboolean        bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static guint
n_series (BosCountyChart *self)
{
  return self->values_b != NULL ? 2 : 1;
}

static double
line_height (BosCountyChart *self,
             double          text_height)
{
  double bars = n_series (self) * BAR_HEIGHT + (n_series (self) - 1) * BAR_GAP;

  return MAX (bars, text_height) + LINE_GAP;
}

static double
legend_height (BosCountyChart *self,
               double          text_height)
{
  return self->name_a != NULL ? text_height + LEGEND_GAP : 0;
}

static gint64
value_at (GArray *values,
          guint   i)
{
  if (values == NULL || i >= values->len)
    return -1;
  return g_array_index (values, gint64, i);
}

static void
draw_chart (BosCountyChart *self,
            cairo_t        *cr,
            double          width,
            double          height)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autoptr(PangoLayout) probe = create_layout (self, "0", FALSE);
  GdkRGBA fg, band, colors[2];
  guint n = self->labels ? self->labels->len : 0;
  double label_width = 0, value_width = 0, text_height, bars_x, bars_width, y;
  gint64 max_value = 1;
  int w, h;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  band = fg;
  band.alpha = 0.08;
  series_color (0, dark, &colors[0]);
  series_color (1, dark, &colors[1]);

  pango_layout_get_pixel_size (probe, &w, &h);
  text_height = h;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = create_layout (self, g_ptr_array_index (self->labels, i),
                                                     (int) i == self->selected);

      pango_layout_get_pixel_size (layout, &w, &h);
      label_width = MAX (label_width, w);
      max_value = MAX (max_value, value_at (self->values_a, i));
      max_value = MAX (max_value, value_at (self->values_b, i));
    }
  {
    g_autofree char *text = bos_format_count (max_value);
    g_autoptr(PangoLayout) layout = create_layout (self, text, FALSE);

    pango_layout_get_pixel_size (layout, &w, &h);
    value_width = w + LABEL_GAP;
  }
  label_width = MIN (label_width, width * 0.45);

  /* Legend */
  y = 0;
  if (self->name_a != NULL)
    {
      double x = 0;

      for (guint s = 0; s < n_series (self); s++)
        {
          g_autoptr(PangoLayout) layout = create_layout (self, s == 0 ? self->name_a : self->name_b,
                                                         FALSE);

          pango_layout_get_pixel_size (layout, &w, &h);
          gdk_cairo_set_source_rgba (cr, &colors[s]);
          cairo_rectangle (cr, x + 0.5, (text_height - SWATCH) / 2 + 0.5, SWATCH - 1, SWATCH - 1);
          if (s == 0)
            cairo_fill (cr);
          else
            {
              cairo_set_line_width (cr, 1.0);
              cairo_stroke_preserve (cr);
              cairo_set_source_rgba (cr, colors[s].red, colors[s].green, colors[s].blue, 0.35);
              cairo_fill (cr);
            }
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_move_to (cr, x + SWATCH + 6, 0);
          pango_layout_set_width (layout, (int) (MAX (width - x - SWATCH - 6, 1) * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_cairo_show_layout (cr, layout);
          x += SWATCH + 6 + w + 18;
        }
      y = legend_height (self, text_height);
    }

  self->top = y;
  self->line_height = line_height (self, text_height);
  bars_x = label_width + LABEL_GAP;
  bars_width = MAX (width - bars_x - value_width, 10);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) label = create_layout (self, g_ptr_array_index (self->labels, i),
                                                    (int) i == self->selected);
      double line_y = self->top + i * self->line_height;
      double bars_y;

      if ((int) i == self->selected)
        {
          gdk_cairo_set_source_rgba (cr, &band);
          cairo_rectangle (cr, 0, line_y, width, self->line_height);
          cairo_fill (cr);
        }

      pango_layout_set_width (label, (int) (label_width * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, &w, &h);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, line_y + (self->line_height - h) / 2);
      pango_cairo_show_layout (cr, label);

      bars_y = line_y + (self->line_height - (n_series (self) * BAR_HEIGHT +
                                              (n_series (self) - 1) * BAR_GAP)) / 2;
      for (guint s = 0; s < n_series (self); s++)
        {
          gint64 value = value_at (s == 0 ? self->values_a : self->values_b, i);
          double bar_y = bars_y + s * (BAR_HEIGHT + BAR_GAP);
          double length = value > 0 ? bars_width * value / (double) max_value : 0;
          g_autofree char *text = value >= 0 ? bos_format_count (value) : g_strdup ("–");
          g_autoptr(PangoLayout) layout = NULL;
          PangoAttrList *attrs;

          /* A missing value of the second series is no bar and no text */
          if (value < 0 && s > 0)
            continue;
          layout = create_layout (self, text, FALSE);
          attrs = pango_layout_get_attributes (layout);

          if (length > 0)
            {
              cairo_rectangle (cr, bars_x + 0.5, bar_y + 0.5, MAX (length - 1, 1), BAR_HEIGHT - 1);
              gdk_cairo_set_source_rgba (cr, &colors[s]);
              if (s == 0)
                cairo_fill (cr);
              else
                {
                  cairo_set_line_width (cr, 1.0);
                  cairo_stroke_preserve (cr);
                  cairo_set_source_rgba (cr, colors[s].red, colors[s].green, colors[s].blue, 0.35);
                  cairo_fill (cr);
                }
            }
          pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
          pango_layout_set_attributes (layout, attrs);
          pango_layout_get_pixel_size (layout, &w, &h);
          fg.alpha = 0.8;
          gdk_cairo_set_source_rgba (cr, &fg);
          fg.alpha = 1.0;
          cairo_move_to (cr, bars_x + length + 4, bar_y + (BAR_HEIGHT - h) / 2);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

static void
bos_county_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  BosCountyChart *self = BOS_COUNTY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height);
  cairo_destroy (cr);
  self->n_draws++;
}

static void
bos_county_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  BosCountyChart *self = BOS_COUNTY_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else
    {
      g_autoptr(PangoLayout) probe = create_layout (self, "0", FALSE);
      guint n = self->labels ? self->labels->len : 0;
      int w, h;

      pango_layout_get_pixel_size (probe, &w, &h);
      *minimum = *natural = (int) ceil (legend_height (self, h) + n * line_height (self, h));
    }
}

static int
line_at (BosCountyChart *self,
         double          y)
{
  guint n = self->labels ? self->labels->len : 0;
  int i;

  if (self->line_height <= 0 || y < self->top)
    return -1;
  i = (int) ((y - self->top) / self->line_height);
  return i >= 0 && (guint) i < n ? i : -1;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  BosCountyChart *self = BOS_COUNTY_CHART (widget);
  int i = line_at (self, y);
  g_autoptr(GString) text = NULL;

  if (i < 0)
    return FALSE;
  text = g_string_new (g_ptr_array_index (self->labels, i));
  for (guint s = 0; s < n_series (self); s++)
    {
      gint64 value = value_at (s == 0 ? self->values_a : self->values_b, i);
      const char *name = s == 0 ? self->name_a : self->name_b;
      g_autofree char *number = value >= 0 ? bos_format_count (value) : g_strdup ("–");

      if (name != NULL)
        g_string_append_printf (text, "\n%s: %s", name, number);
      else
        g_string_append_printf (text, ": %s", number);
    }
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   BosCountyChart  *self)
{
  int i = line_at (self, y);

  if (i >= 0)
    g_signal_emit (self, signals[COUNTY_ACTIVATED], 0, (guint) i);
}

static void
bos_county_chart_finalize (GObject *object)
{
  BosCountyChart *self = (BosCountyChart *) object;

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->values_a, g_array_unref);
  g_clear_pointer (&self->values_b, g_array_unref);
  g_free (self->name_a);
  g_free (self->name_b);

  G_OBJECT_CLASS (bos_county_chart_parent_class)->finalize (object);
}

static void
bos_county_chart_class_init (BosCountyChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bos_county_chart_finalize;
  widget_class->snapshot = bos_county_chart_snapshot;
  widget_class->measure = bos_county_chart_measure;

  /**
   * BosCountyChart::county-activated:
   * @index: the county's line
   *
   * A county's line was clicked.
   */
  signals[COUNTY_ACTIVATED] = g_signal_new ("county-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "countychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bos_county_chart_init (BosCountyChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->selected = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Requests per county"),
                                  -1);
}

GtkWidget *
bos_county_chart_new (void)
{
  return g_object_new (BOS_TYPE_COUNTY_CHART, NULL);
}

static GArray *
values_array (guint         n,
              const gint64 *values)
{
  GArray *array;

  if (values == NULL)
    return NULL;
  array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (array, values, n);
  return array;
}

static gboolean
same_values (GArray       *array,
             guint         n,
             const gint64 *values)
{
  if (array == NULL || values == NULL)
    return array == NULL && values == NULL;
  return array->len == n && memcmp (array->data, values, n * sizeof (gint64)) == 0;
}

/**
 * bos_county_chart_set_data:
 * @labels: (array length=n): the counties' names
 * @values_a: (array length=n): the first series
 * @values_b: (array length=n) (nullable): the second series, or %NULL
 *
 * Redraws only when something changed; resizes only when the number of
 * lines or series changed.
 */
void
bos_county_chart_set_data (BosCountyChart      *self,
                           guint                n,
                           const char * const  *labels,
                           const gint64        *values_a,
                           const gint64        *values_b)
{
  gboolean same_labels;
  gboolean same_shape;

  g_return_if_fail (BOS_IS_COUNTY_CHART (self));
  g_return_if_fail (n == 0 || (labels != NULL && values_a != NULL));

  same_labels = self->labels != NULL && self->labels->len == n;
  for (guint i = 0; same_labels && i < n; i++)
    same_labels = g_str_equal (g_ptr_array_index (self->labels, i), labels[i]);
  same_shape = same_labels && (self->values_b != NULL) == (values_b != NULL);
  if (same_shape && same_values (self->values_a, n, values_a) &&
      same_values (self->values_b, n, values_b))
    return;

  if (!same_labels)
    {
      g_clear_pointer (&self->labels, g_ptr_array_unref);
      self->labels = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->labels, g_strdup (labels[i]));
    }
  g_clear_pointer (&self->values_a, g_array_unref);
  g_clear_pointer (&self->values_b, g_array_unref);
  self->values_a = values_array (n, values_a);
  self->values_b = values_array (n, values_b);
  if (!same_shape)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * bos_county_chart_set_series:
 * @name_a: (nullable): the first series' name for the legend; %NULL for
 *   no legend
 * @name_b: (nullable): the second's
 */
void
bos_county_chart_set_series (BosCountyChart *self,
                             const char     *name_a,
                             const char     *name_b)
{
  g_return_if_fail (BOS_IS_COUNTY_CHART (self));

  if (g_strcmp0 (self->name_a, name_a) == 0 && g_strcmp0 (self->name_b, name_b) == 0)
    return;
  g_free (self->name_a);
  g_free (self->name_b);
  self->name_a = g_strdup (name_a);
  self->name_b = g_strdup (name_b);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
bos_county_chart_set_selected (BosCountyChart *self,
                               int             index)
{
  g_return_if_fail (BOS_IS_COUNTY_CHART (self));

  if (self->selected == index)
    return;
  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
bos_county_chart_get_n_bars (BosCountyChart *self)
{
  guint n = 0;

  g_return_val_if_fail (BOS_IS_COUNTY_CHART (self), 0);

  for (guint i = 0; self->labels != NULL && i < self->labels->len; i++)
    n += (value_at (self->values_a, i) > 0) + (value_at (self->values_b, i) > 0);
  return n;
}

guint
bos_county_chart_get_n_draws (BosCountyChart *self)
{
  g_return_val_if_fail (BOS_IS_COUNTY_CHART (self), 0);
  return self->n_draws;
}
