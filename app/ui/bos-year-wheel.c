/* bos-year-wheel.c: the yearly cycle as a wheel (årshjul)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Twelve equal month sectors around a circle, January at the top and the
 * months running clockwise, as Norwegian public-sector årshjul are drawn.
 * A wheel shows one calendar year: the plan for settlement year Y is
 * prepared in Y − 1 (March to December, see bos-calendar.c), so the whole
 * default cycle fits one turn of the wheel and reads like a clock; what
 * spills into the next year (a January answer deadline) is shown on the
 * next year's wheel, which the calendar page switches to. Starting the
 * wheel at the planning year's first month instead would put a different
 * month at the top for every plan that was moved, which makes wheels hard
 * to compare.
 *
 * Activities are coloured arcs on rings inside the month band: an activity
 * goes on the outermost ring where it does not overlap another, so the
 * default cycle (no overlaps) is one ring. A single day is a dot. Overdue
 * activities (ended before today, neither done nor cancelled) are filled
 * in the error colour with a band of their kind's colour, deadlines within
 * BOS_ACTIVITY_NEAR_DAYS are outlined in the warning colour, done ones are
 * faded and cancelled ones greyed out. A line marks today. Clicking an arc
 * selects its activity; a double click or Enter activates it. The list
 * view of the calendar page is the accessible equivalent of the drawing.
 */
#define G_LOG_DOMAIN "bos-year-wheel"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-year-wheel.h"

/* An arc of one activity, in fractions of the year (0 = 1 January 00:00,
 * 1 = the end of 31 December); months are twelve equal sectors. */
typedef struct
{
  BosActivity *activity;
  double       start;
  double       end;
  guint        lane;
  gboolean     dot;       /* a single day */
} Arc;

typedef struct
{
  double cx;
  double cy;
  double radius;          /* outer edge of the month band */
  double month_inner;     /* inner edge of the month band */
  double lanes_outer;     /* outer edge of ring 0 */
  double lane_width;
  double lane_gap;
  double hub;             /* radius of the centre */
} Geometry;

struct _BosYearWheel
{
  GtkWidget    parent_instance;

  GListModel  *model;
  int          year;
  char        *title;
  GDate        today;
  BosActivity *selected;

  GArray      *arcs;       /* of Arc, in model order */
  guint        n_lanes;
};

G_DEFINE_FINAL_TYPE (BosYearWheel, bos_year_wheel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_YEAR,
  PROP_TITLE,
  PROP_TODAY,
  PROP_SELECTED,
  N_PROPS
};

enum {
  ACTIVITY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define DOT_FRACTION (1.0 / 60.0)    /* the room a single day takes on its ring */
#define MIN_FRACTION (1.0 / 180.0)   /* the narrowest arc drawn */

/* The libadwaita palette: a light and a dark variant per kind, told apart
 * by hue; overdue uses the error colour and near deadlines the warning
 * colour, so no kind is red or yellow. */
static const struct
{
  const char *light;
  const char *dark;
} kind_colors[BOS_ACTIVITY_N_KINDS] = {
  [BOS_ACTIVITY_KIND_CRITERIA] = { "#9141ac", "#c061cb" },            /* purple */
  [BOS_ACTIVITY_KIND_NEED] = { "#1c71d8", "#62a0ea" },                /* blue */
  [BOS_ACTIVITY_KIND_COUNTY_DISTRIBUTION] = { "#26a269", "#57e389" }, /* green */
  [BOS_ACTIVITY_KIND_MEETING] = { "#e66100", "#ffa348" },             /* orange */
  [BOS_ACTIVITY_KIND_LETTERS] = { "#865e3c", "#cdab8f" },             /* brown */
  [BOS_ACTIVITY_KIND_ANSWER_DEADLINE] = { "#0e7c86", "#5bc8d1" },     /* teal */
  [BOS_ACTIVITY_KIND_OTHER] = { "#5e5c64", "#9a9996" },               /* grey */
};

static void
arc_clear (gpointer data)
{
  Arc *arc = data;

  g_clear_object (&arc->activity);
}

static double
date_fraction (const GDate *date,
               gboolean     end_of_day)
{
  double days = g_date_get_days_in_month (g_date_get_month (date), g_date_get_year (date));
  double day = g_date_get_day (date) - (end_of_day ? 0.0 : 1.0);

  return ((g_date_get_month (date) - 1) + day / days) / 12.0;
}

static double
fraction_angle (double fraction)
{
  return -G_PI / 2.0 + 2.0 * G_PI * fraction;
}

static int
compare_arcs_by_start (gconstpointer a,
                       gconstpointer b)
{
  const Arc *x = *(const Arc **) a;
  const Arc *y = *(const Arc **) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* Arcs of the activities that touch the year, each on the outermost ring
 * where it overlaps nothing. */
static void
rebuild_arcs (BosYearWheel *self)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GArray) lane_ends = g_array_new (FALSE, FALSE, sizeof (double));
  GDate year_first, year_last;
  guint n;

  g_array_set_size (self->arcs, 0);
  self->n_lanes = 0;
  if (self->model == NULL)
    return;

  g_date_clear (&year_first, 1);
  g_date_clear (&year_last, 1);
  g_date_set_dmy (&year_first, 1, G_DATE_JANUARY, (GDateYear) self->year);
  g_date_set_dmy (&year_last, 31, G_DATE_DECEMBER, (GDateYear) self->year);

  n = g_list_model_get_n_items (self->model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (self->model, i);
      BosPlanDate start, end;
      GDate first, last;
      Arc arc = { 0 };

      if (!bos_activity_get_start_date (activity, &start) ||
          !bos_activity_get_end_date (activity, &end))
        continue;
      bos_plan_date_get_first_day (&start, &first);
      bos_plan_date_get_last_day (&end, &last);
      if (g_date_compare (&last, &year_first) < 0 || g_date_compare (&first, &year_last) > 0)
        continue;

      arc.dot = g_date_compare (&first, &last) == 0;
      arc.start = g_date_compare (&first, &year_first) < 0 ? 0.0 : date_fraction (&first, FALSE);
      arc.end = g_date_compare (&last, &year_last) > 0 ? 1.0 : date_fraction (&last, TRUE);
      if (arc.end - arc.start < MIN_FRACTION)
        arc.end = MIN (1.0, arc.start + MIN_FRACTION);
      arc.activity = g_steal_pointer (&activity);
      g_array_append_val (self->arcs, arc);
    }

  for (guint i = 0; i < self->arcs->len; i++)
    g_ptr_array_add (order, &g_array_index (self->arcs, Arc, i));
  g_ptr_array_sort (order, compare_arcs_by_start);

  for (guint i = 0; i < order->len; i++)
    {
      Arc *arc = g_ptr_array_index (order, i);
      double start = arc->start;
      double end = arc->dot ? arc->start + DOT_FRACTION : arc->end;
      guint lane;

      for (lane = 0; lane < lane_ends->len; lane++)
        if (g_array_index (lane_ends, double, lane) <= start + 1e-9)
          break;
      if (lane == lane_ends->len)
        g_array_append_val (lane_ends, end);
      else
        g_array_index (lane_ends, double, lane) = end;
      arc->lane = lane;
    }
  self->n_lanes = lane_ends->len;
}

static gboolean
compute_geometry (BosYearWheel *self,
                  Geometry     *g)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double size = MIN (width, height);
  double band, available;
  guint lanes = MAX (self->n_lanes, 1);

  if (size < 120.0)
    return FALSE;

  g->cx = width / 2.0;
  g->cy = height / 2.0;
  g->radius = size / 2.0 - 4.0;
  band = CLAMP (size * 0.075, 24.0, 36.0);
  g->month_inner = g->radius - band;
  g->lanes_outer = g->month_inner - 8.0;
  g->hub = g->radius * 0.36;
  g->lane_gap = 5.0;
  available = g->lanes_outer - g->hub - 8.0;
  g->lane_width = MIN (44.0, (available - (lanes - 1) * g->lane_gap) / lanes);
  g->lane_width = MAX (g->lane_width, 6.0);
  return TRUE;
}

static void
lane_radii (const Geometry *g,
            guint           lane,
            double         *inner,
            double         *outer)
{
  *outer = g->lanes_outer - lane * (g->lane_width + g->lane_gap);
  *inner = *outer - g->lane_width;
}

static void
dot_centre (const Geometry *g,
            const Arc      *arc,
            double         *x,
            double         *y)
{
  double inner, outer, r;
  /* A day is a dot that starts on its day, so it does not cover an arc
   * that ends the day before. */
  double angle = fraction_angle (arc->start + DOT_FRACTION / 2.0);

  lane_radii (g, arc->lane, &inner, &outer);
  r = (inner + outer) / 2.0;
  *x = g->cx + r * cos (angle);
  *y = g->cy + r * sin (angle);
}

static double
dot_radius (const Geometry *g,
            const Arc      *arc)
{
  double inner, outer;

  lane_radii (g, arc->lane, &inner, &outer);
  return MIN (g->lane_width * 0.42, (inner + outer) / 2.0 * G_PI * DOT_FRACTION * 0.9);
}

static Arc *
arc_at (BosYearWheel *self,
        double        x,
        double        y)
{
  Geometry g;
  double dx, dy, r, fraction;

  if (!compute_geometry (self, &g))
    return NULL;

  dx = x - g.cx;
  dy = y - g.cy;
  r = hypot (dx, dy);
  fraction = (atan2 (dy, dx) + G_PI / 2.0) / (2.0 * G_PI);
  fraction -= floor (fraction);

  for (guint i = 0; i < self->arcs->len; i++)
    {
      Arc *arc = &g_array_index (self->arcs, Arc, i);
      double inner, outer;

      lane_radii (&g, arc->lane, &inner, &outer);
      if (arc->dot)
        {
          double px, py;

          dot_centre (&g, arc, &px, &py);
          if (hypot (x - px, y - py) <= dot_radius (&g, arc) + 3.0)
            return arc;
          continue;
        }
      if (r < inner - g.lane_gap / 2.0 || r > outer + g.lane_gap / 2.0)
        continue;
      if (fraction >= arc->start && fraction <= arc->end)
        return arc;
    }
  return NULL;
}

static Arc *
find_arc (BosYearWheel *self,
          BosActivity  *activity)
{
  if (activity == NULL)
    return NULL;
  for (guint i = 0; i < self->arcs->len; i++)
    {
      Arc *arc = &g_array_index (self->arcs, Arc, i);

      if (arc->activity == activity ||
          g_strcmp0 (bos_activity_get_id (arc->activity), bos_activity_get_id (activity)) == 0)
        return arc;
    }
  return NULL;
}

static gboolean
lookup_color (BosYearWheel *self,
              const char   *name,
              GdkRGBA      *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  return gtk_style_context_lookup_color (context, name, color);
}

static PangoLayout *
create_layout (BosYearWheel *self,
               const char   *text,
               double        scale,
               gboolean      bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
show_centred (cairo_t     *cr,
              PangoLayout *layout,
              double       x,
              double       y)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
band_path (cairo_t        *cr,
           const Geometry *g,
           double          inner,
           double          outer,
           double          start,
           double          end)
{
  double a0 = fraction_angle (start);
  double a1 = fraction_angle (end);
  /* a little air between arcs that touch */
  double gap = MIN (1.5 / outer, (a1 - a0) / 4.0);

  cairo_new_path (cr);
  cairo_arc (cr, g->cx, g->cy, outer, a0 + gap, a1 - gap);
  cairo_arc_negative (cr, g->cx, g->cy, inner, a1 - gap, a0 + gap);
  cairo_close_path (cr);
}

static void
draw_months (BosYearWheel   *self,
             cairo_t        *cr,
             const Geometry *g,
             const GdkRGBA  *fg)
{
  GdkRGBA accent;
  gboolean this_year = g_date_valid (&self->today) && g_date_get_year (&self->today) == self->year;
  double label_radius = (g->radius + g->month_inner) / 2.0;
  double room = 2.0 * G_PI * label_radius / 12.0 - 8.0;

  if (!lookup_color (self, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");

  for (int m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (self->year, m + 1, 1, 12, 0, 0);
      g_autofree char *name = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double mid = fraction_angle ((m + 0.5) / 12.0);
      gboolean current = this_year && (int) g_date_get_month (&self->today) == m + 1;
      int w, h;

      /* the sector */
      band_path (cr, g, g->month_inner, g->radius, m / 12.0, (m + 1) / 12.0);
      if (current)
        cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.25);
      else
        cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, m % 2 ? 0.05 : 0.09);
      cairo_fill (cr);

      /* the boundary, across the rings */
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.10);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, g->cx + g->hub * cos (fraction_angle (m / 12.0)),
                     g->cy + g->hub * sin (fraction_angle (m / 12.0)));
      cairo_line_to (cr, g->cx + g->month_inner * cos (fraction_angle (m / 12.0)),
                     g->cy + g->month_inner * sin (fraction_angle (m / 12.0)));
      cairo_stroke (cr);

      /* the name, full where it fits */
      name = dt ? g_date_time_format (dt, "%B") : g_strdup_printf ("%d", m + 1);
      layout = create_layout (self, name, 0.9, current);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (w > room && dt != NULL)
        {
          g_clear_pointer (&name, g_free);
          g_clear_object (&layout);
          name = g_date_time_format (dt, "%b");
          layout = create_layout (self, name, 0.85, current);
        }
      if (current)
        cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1.0);
      else
        gdk_cairo_set_source_rgba (cr, fg);
      show_centred (cr, layout, g->cx + label_radius * cos (mid), g->cy + label_radius * sin (mid));
    }
}

static void
draw_rings (BosYearWheel   *self,
            cairo_t        *cr,
            const Geometry *g,
            const GdkRGBA  *fg)
{
  for (guint lane = 0; lane < MAX (self->n_lanes, 1); lane++)
    {
      double inner, outer;

      lane_radii (g, lane, &inner, &outer);
      cairo_new_path (cr);
      cairo_arc (cr, g->cx, g->cy, outer, 0, 2 * G_PI);
      cairo_arc_negative (cr, g->cx, g->cy, inner, 2 * G_PI, 0);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.035);
      cairo_fill (cr);
    }
}

static void
arc_path (cairo_t        *cr,
          const Geometry *g,
          const Arc      *arc,
          double          grow)
{
  double inner, outer;

  lane_radii (g, arc->lane, &inner, &outer);
  if (arc->dot)
    {
      double x, y;

      dot_centre (g, arc, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, dot_radius (g, arc) + grow, 0, 2 * G_PI);
      cairo_close_path (cr);
    }
  else
    band_path (cr, g, inner - grow, outer + grow, arc->start, arc->end);
}

static void
draw_arc (BosYearWheel   *self,
          cairo_t        *cr,
          const Geometry *g,
          const Arc      *arc,
          const GdkRGBA  *fg,
          gboolean        dark)
{
  BosActivityStatus status = bos_activity_get_status (arc->activity);
  gboolean valid_today = g_date_valid (&self->today);
  gboolean overdue = valid_today && bos_activity_is_overdue (arc->activity, &self->today);
  gboolean due_soon = valid_today && bos_activity_is_due_soon (arc->activity, &self->today);
  GdkRGBA color, error, warning;

  bos_year_wheel_get_kind_color (bos_activity_get_kind (arc->activity), dark, &color);
  if (!lookup_color (self, "error_color", &error))
    gdk_rgba_parse (&error, "#c01c28");
  if (!lookup_color (self, "warning_color", &warning))
    gdk_rgba_parse (&warning, "#9c6e03");

  arc_path (cr, g, arc, 0.0);
  if (status == BOS_ACTIVITY_STATUS_CANCELLED)
    {
      double dash = 4.0;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.12);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.45);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, &dash, 1, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else if (status == BOS_ACTIVITY_STATUS_DONE)
    {
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.35);
      cairo_fill (cr);
    }
  else if (overdue)
    {
      gdk_cairo_set_source_rgba (cr, &error);
      cairo_fill (cr);
      /* keep the kind readable: a band of its colour on the inside */
      if (!arc->dot)
        {
          double inner, outer;

          lane_radii (g, arc->lane, &inner, &outer);
          band_path (cr, g, inner, inner + MIN (5.0, g->lane_width / 4.0), arc->start, arc->end);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_fill (cr);
        }
    }
  else
    {
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill (cr);
      if (due_soon)
        {
          arc_path (cr, g, arc, 1.5);
          gdk_cairo_set_source_rgba (cr, &warning);
          cairo_set_line_width (cr, 3.0);
          cairo_stroke (cr);
        }
    }

  if (self->selected != NULL &&
      g_strcmp0 (bos_activity_get_id (self->selected), bos_activity_get_id (arc->activity)) == 0)
    {
      arc_path (cr, g, arc, 3.0);
      gdk_cairo_set_source_rgba (cr, fg);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
}

static void
draw_today (BosYearWheel   *self,
            cairo_t        *cr,
            const Geometry *g,
            const GdkRGBA  *fg)
{
  double fraction, angle, x, y;

  if (!g_date_valid (&self->today) || g_date_get_year (&self->today) != self->year)
    return;

  fraction = (date_fraction (&self->today, FALSE) + date_fraction (&self->today, TRUE)) / 2.0;
  angle = fraction_angle (fraction);

  gdk_cairo_set_source_rgba (cr, fg);
  cairo_set_line_width (cr, 2.0);
  cairo_move_to (cr, g->cx + (g->hub - 4.0) * cos (angle), g->cy + (g->hub - 4.0) * sin (angle));
  cairo_line_to (cr, g->cx + g->month_inner * cos (angle), g->cy + g->month_inner * sin (angle));
  cairo_stroke (cr);

  /* a triangle on the month band pointing in */
  x = g->cx + g->month_inner * cos (angle);
  y = g->cy + g->month_inner * sin (angle);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + 7.0 * cos (angle + 0.35) * 1.6, y + 7.0 * sin (angle + 0.35) * 1.6);
  cairo_line_to (cr, x + 7.0 * cos (angle - 0.35) * 1.6, y + 7.0 * sin (angle - 0.35) * 1.6);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_centre (BosYearWheel   *self,
             cairo_t        *cr,
             const Geometry *g,
             const GdkRGBA  *fg)
{
  g_autofree char *year = g_strdup_printf ("%d", self->year);
  g_autoptr(PangoLayout) year_layout = create_layout (self, year, g->hub > 90 ? 2.4 : 1.7, TRUE);
  int year_w, year_h;

  pango_layout_get_pixel_size (year_layout, &year_w, &year_h);
  gdk_cairo_set_source_rgba (cr, fg);

  if (self->title != NULL && *self->title != '\0')
    {
      g_autoptr(PangoLayout) title = create_layout (self, self->title, 0.9, FALSE);
      int title_w, title_h;

      pango_layout_set_width (title, (int) (g->hub * 1.6) * PANGO_SCALE);
      pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (title, &title_w, &title_h);
      show_centred (cr, year_layout, g->cx, g->cy - title_h / 2.0);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.65);
      show_centred (cr, title, g->cx, g->cy + year_h / 2.0);
    }
  else
    show_centred (cr, year_layout, g->cx, g->cy);
}

static void
bos_year_wheel_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  BosYearWheel *self = BOS_YEAR_WHEEL (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  Geometry g;
  GdkRGBA fg;
  cairo_t *cr;

  if (!compute_geometry (self, &g))
    return;

  gtk_style_context_get_color (context, &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw_months (self, cr, &g, &fg);
  draw_rings (self, cr, &g, &fg);
  for (guint i = 0; i < self->arcs->len; i++)
    draw_arc (self, cr, &g, &g_array_index (self->arcs, Arc, i), &fg, dark);
  draw_today (self, cr, &g, &fg);
  draw_centre (self, cr, &g, &fg);

  cairo_destroy (cr);
}

static void
bos_year_wheel_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = 280;
  *natural = for_size > 0 ? MAX (280, MIN (for_size, 720)) : 560;
}

static GtkSizeRequestMode
bos_year_wheel_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static gboolean
query_tooltip_cb (BosYearWheel *self,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip)
{
  Arc *arc = keyboard ? find_arc (self, self->selected) : arc_at (self, x, y);
  g_autofree char *dates = NULL;
  g_autofree char *responsible = NULL;
  g_autofree char *markup = NULL;
  const char *title;
  const char *status;

  if (arc == NULL)
    return FALSE;

  dates = bos_activity_dup_dates_label (arc->activity);
  responsible = bos_activity_dup_list_label (bos_activity_get_responsible (arc->activity));
  title = bos_activity_get_title (arc->activity);
  status = bos_activity_status_get_label (bos_activity_get_status (arc->activity));
  if (*responsible != '\0')
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s · %s\n%s", title, dates, responsible, status);
  else
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n%s", title, dates, status);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
pressed_cb (BosYearWheel    *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  Arc *arc = arc_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  bos_year_wheel_set_selected (self, arc ? arc->activity : NULL);
  if (arc != NULL && n_press == 2)
    g_signal_emit (self, signals[ACTIVITY_ACTIVATED], 0, arc->activity);
}

/* Keyboard: move the selection around the wheel, Enter activates. */
static void
move_selection (BosYearWheel *self,
                int           step)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  Arc *current = find_arc (self, self->selected);
  guint index = 0;

  if (self->arcs->len == 0)
    return;
  for (guint i = 0; i < self->arcs->len; i++)
    g_ptr_array_add (order, &g_array_index (self->arcs, Arc, i));
  g_ptr_array_sort (order, compare_arcs_by_start);

  if (current != NULL)
    {
      g_ptr_array_find (order, current, &index);
      index = (index + order->len + step) % order->len;
    }
  else
    index = step > 0 ? 0 : order->len - 1;
  bos_year_wheel_set_selected (self, ((Arc *) g_ptr_array_index (order, index))->activity);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_selection (BOS_YEAR_WHEEL (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_selection (BOS_YEAR_WHEEL (widget), -1);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BosYearWheel *self = BOS_YEAR_WHEEL (widget);

  if (self->selected != NULL)
    g_signal_emit (self, signals[ACTIVITY_ACTIVATED], 0, self->selected);
}

static void
items_changed_cb (BosYearWheel *self)
{
  rebuild_arcs (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
style_changed_cb (BosYearWheel *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bos_year_wheel_dispose (GObject *object)
{
  BosYearWheel *self = (BosYearWheel *) object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->selected);
  if (self->arcs != NULL)
    g_array_set_size (self->arcs, 0);

  G_OBJECT_CLASS (bos_year_wheel_parent_class)->dispose (object);
}

static void
bos_year_wheel_finalize (GObject *object)
{
  BosYearWheel *self = (BosYearWheel *) object;

  g_clear_pointer (&self->arcs, g_array_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (bos_year_wheel_parent_class)->finalize (object);
}

static void
bos_year_wheel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BosYearWheel *self = BOS_YEAR_WHEEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_TODAY:
      g_value_set_boxed (value, g_date_valid (&self->today) ? &self->today : NULL);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_year_wheel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BosYearWheel *self = BOS_YEAR_WHEEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      bos_year_wheel_set_model (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      bos_year_wheel_set_year (self, g_value_get_int (value));
      break;
    case PROP_TITLE:
      bos_year_wheel_set_title (self, g_value_get_string (value));
      break;
    case PROP_TODAY:
      bos_year_wheel_set_today (self, g_value_get_boxed (value));
      break;
    case PROP_SELECTED:
      bos_year_wheel_set_selected (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_year_wheel_class_init (BosYearWheelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bos_year_wheel_dispose;
  object_class->finalize = bos_year_wheel_finalize;
  object_class->get_property = bos_year_wheel_get_property;
  object_class->set_property = bos_year_wheel_set_property;

  widget_class->snapshot = bos_year_wheel_snapshot;
  widget_class->measure = bos_year_wheel_measure;
  widget_class->get_request_mode = bos_year_wheel_get_request_mode;

  /* A GListModel of BosActivity */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The calendar year the wheel shows */
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 1, 9999, 2000,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A line under the year in the centre, e.g. the plan */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The day marked as today and used for overdue and near deadlines */
  properties[PROP_TODAY] =
    g_param_spec_boxed ("today", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, BOS_TYPE_ACTIVITY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BosYearWheel::activity-activated:
   * @activity: the activity
   *
   * A double click on an arc, or Enter with an activity selected.
   */
  signals[ACTIVITY_ACTIVATED] =
    g_signal_new ("activity-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BOS_TYPE_ACTIVITY);

  gtk_widget_class_install_action (widget_class, "wheel.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wheel.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "wheel.activate", NULL, activate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "wheel.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "wheel.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "wheel.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "wheel.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "wheel.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "wheel.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "wheel.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "yearwheel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bos_year_wheel_init (BosYearWheel *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->arcs = g_array_new (FALSE, TRUE, sizeof (Arc));
  g_array_set_clear_func (self->arcs, arc_clear);
  self->year = g_date_time_get_year (now);
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Year wheel of the plan’s activities"),
                                  -1);
}

GtkWidget *
bos_year_wheel_new (void)
{
  return g_object_new (BOS_TYPE_YEAR_WHEEL, NULL);
}

/**
 * bos_year_wheel_get_model:
 *
 * Returns: (transfer none) (nullable): the activities
 */
GListModel *
bos_year_wheel_get_model (BosYearWheel *self)
{
  g_return_val_if_fail (BOS_IS_YEAR_WHEEL (self), NULL);
  return self->model;
}

/**
 * bos_year_wheel_set_model:
 * @model: (nullable): a #GListModel of #BosActivity
 */
void
bos_year_wheel_set_model (BosYearWheel *self,
                          GListModel   *model)
{
  g_return_if_fail (BOS_IS_YEAR_WHEEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (items_changed_cb), self);

  items_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

int
bos_year_wheel_get_year (BosYearWheel *self)
{
  g_return_val_if_fail (BOS_IS_YEAR_WHEEL (self), 0);
  return self->year;
}

void
bos_year_wheel_set_year (BosYearWheel *self,
                         int           year)
{
  g_return_if_fail (BOS_IS_YEAR_WHEEL (self));
  g_return_if_fail (year >= 1 && year <= 9999);

  if (self->year == year)
    return;
  self->year = year;
  items_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

const char *
bos_year_wheel_get_title (BosYearWheel *self)
{
  g_return_val_if_fail (BOS_IS_YEAR_WHEEL (self), NULL);
  return self->title;
}

void
bos_year_wheel_set_title (BosYearWheel *self,
                          const char   *title)
{
  g_return_if_fail (BOS_IS_YEAR_WHEEL (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * bos_year_wheel_get_today:
 *
 * Returns: (nullable): the day marked as today
 */
const GDate *
bos_year_wheel_get_today (BosYearWheel *self)
{
  g_return_val_if_fail (BOS_IS_YEAR_WHEEL (self), NULL);
  return g_date_valid (&self->today) ? &self->today : NULL;
}

/**
 * bos_year_wheel_set_today:
 * @today: (nullable): the day to mark, or %NULL for none
 */
void
bos_year_wheel_set_today (BosYearWheel *self,
                          const GDate  *today)
{
  g_return_if_fail (BOS_IS_YEAR_WHEEL (self));

  if (today == NULL || !g_date_valid (today))
    {
      if (!g_date_valid (&self->today))
        return;
      g_date_clear (&self->today, 1);
    }
  else
    {
      if (g_date_valid (&self->today) && g_date_compare (&self->today, today) == 0)
        return;
      self->today = *today;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/**
 * bos_year_wheel_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected activity
 */
BosActivity *
bos_year_wheel_get_selected (BosYearWheel *self)
{
  g_return_val_if_fail (BOS_IS_YEAR_WHEEL (self), NULL);
  return self->selected;
}

/**
 * bos_year_wheel_set_selected:
 * @activity: (nullable): the activity to select
 */
void
bos_year_wheel_set_selected (BosYearWheel *self,
                             BosActivity  *activity)
{
  g_return_if_fail (BOS_IS_YEAR_WHEEL (self));
  g_return_if_fail (activity == NULL || BOS_IS_ACTIVITY (activity));

  if (!g_set_object (&self->selected, activity))
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * bos_year_wheel_get_n_arcs:
 *
 * Returns: how many activities the wheel shows (those that touch its year)
 */
guint
bos_year_wheel_get_n_arcs (BosYearWheel *self)
{
  g_return_val_if_fail (BOS_IS_YEAR_WHEEL (self), 0);
  return self->arcs->len;
}

/**
 * bos_year_wheel_get_activity_at:
 *
 * The hit test of a click.
 *
 * Returns: (transfer none) (nullable): the activity drawn at @x, @y
 */
BosActivity *
bos_year_wheel_get_activity_at (BosYearWheel *self,
                                double        x,
                                double        y)
{
  Arc *arc;

  g_return_val_if_fail (BOS_IS_YEAR_WHEEL (self), NULL);

  arc = arc_at (self, x, y);
  return arc ? arc->activity : NULL;
}

/**
 * bos_year_wheel_get_activity_point:
 * @x: (out): where to click
 * @y: (out): where to click
 *
 * Returns: whether @activity is on the wheel; then @x, @y is the middle of
 *   its arc
 */
gboolean
bos_year_wheel_get_activity_point (BosYearWheel *self,
                                   BosActivity  *activity,
                                   double       *x,
                                   double       *y)
{
  Arc *arc;
  Geometry g;
  double inner, outer, r, angle;

  g_return_val_if_fail (BOS_IS_YEAR_WHEEL (self), FALSE);
  g_return_val_if_fail (BOS_IS_ACTIVITY (activity), FALSE);

  arc = find_arc (self, activity);
  if (arc == NULL || !compute_geometry (self, &g))
    return FALSE;

  if (arc->dot)
    {
      dot_centre (&g, arc, x, y);
      return TRUE;
    }
  lane_radii (&g, arc->lane, &inner, &outer);
  r = (inner + outer) / 2.0;
  angle = fraction_angle ((arc->start + arc->end) / 2.0);
  *x = g.cx + r * cos (angle);
  *y = g.cy + r * sin (angle);
  return TRUE;
}

/**
 * bos_year_wheel_get_kind_color:
 * @dark: whether the dark style is in use
 * @color: (out): the colour of @kind's arcs
 */
void
bos_year_wheel_get_kind_color (BosActivityKind  kind,
                               gboolean         dark,
                               GdkRGBA         *color)
{
  g_return_if_fail (kind < BOS_ACTIVITY_N_KINDS);
  g_return_if_fail (color != NULL);

  gdk_rgba_parse (color, dark ? kind_colors[kind].dark : kind_colors[kind].light);
}
