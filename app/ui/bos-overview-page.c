/* bos-overview-page.c: the open plan and the counties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan's settlement need and its parts (unaccompanied minors,
 * resettlement refugees, the others), and a table of the counties with
 * their municipalities, population, and what was requested and decided in
 * the last three years with data. Without a plan, a status page offers to
 * create one.
 */
#define G_LOG_DOMAIN "bos-overview-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-county.h"
#include "bos-format.h"
#include "bos-municipality.h"
#include "bos-overview-page.h"
#include "bos-page.h"
#include "bos-table.h"

#define COUNTY_YEARS 3

struct _BosOverviewPage
{
  GtkWidget       parent_instance;

  BosStore       *store;
  BosPlan        *plan;
  GListStore     *counties;
  GArray         *years;        /* int, oldest first: the columns shown */

  /* template children */
  GtkStack       *stack;
  GtkLabel       *plan_title_label;
  GtkLabel       *plan_status_label;
  GtkLabel       *plan_subtitle_label;
  GtkLabel       *need_label;
  GtkLabel       *minors_label;
  GtkLabel       *minors_share_label;
  GtkLabel       *resettlement_label;
  GtkLabel       *resettlement_share_label;
  GtkLabel       *rest_label;
  GtkLabel       *rest_share_label;
  GtkLabel       *counties_description;
  GtkColumnView  *county_view;
};

static void bos_overview_page_page_iface_init (BosPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BosOverviewPage, bos_overview_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BOS_TYPE_PAGE,
                                                      bos_overview_page_page_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
name_text (gpointer   item,
           gpointer   data,
           char     **tooltip)
{
  return g_strdup (bos_county_get_name (item));
}

static int
name_compare (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  return g_utf8_collate (bos_county_get_name ((BosCounty *) a),
                         bos_county_get_name ((BosCounty *) b));
}

static char *
municipalities_text (gpointer   item,
                     gpointer   data,
                     char     **tooltip)
{
  return g_strdup_printf ("%u", bos_county_get_n_municipalities (item));
}

static int
municipalities_compare (gconstpointer a,
                        gconstpointer b,
                        gpointer      data)
{
  guint na = bos_county_get_n_municipalities ((BosCounty *) a);
  guint nb = bos_county_get_n_municipalities ((BosCounty *) b);

  return (na > nb) - (na < nb);
}

static char *
population_text (gpointer   item,
                 gpointer   data,
                 char     **tooltip)
{
  return bos_format_count (bos_county_get_population (item));
}

static int
population_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  gint64 pa = bos_county_get_population ((BosCounty *) a);
  gint64 pb = bos_county_get_population ((BosCounty *) b);

  return (pa > pb) - (pa < pb);
}

static char *
figure_text (gpointer   item,
             gpointer   data,
             char     **tooltip)
{
  return bos_format_figure (bos_county_get_figure (item, BOS_TABLE_FIGURE_YEAR (data),
                                                   BOS_TABLE_FIGURE_KIND (data)),
                            tooltip);
}

static int
figure_compare (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  guint year = BOS_TABLE_FIGURE_YEAR (data);
  BosHistoryKind kind = BOS_TABLE_FIGURE_KIND (data);

  return bos_figures_compare (bos_county_get_figure ((BosCounty *) a, year, kind),
                             bos_county_get_figure ((BosCounty *) b, year, kind));
}

static char *
ratio_text (gpointer   item,
            gpointer   data,
            char     **tooltip)
{
  return bos_format_acceptance_ratio (bos_county_get_acceptance_ratio (item), tooltip);
}

static int
ratio_compare (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  double ra = bos_county_get_acceptance_ratio ((BosCounty *) a);
  double rb = bos_county_get_acceptance_ratio ((BosCounty *) b);

  if (isnan (ra) || isnan (rb))
    return isnan (rb) - isnan (ra);
  return (ra > rb) - (ra < rb);
}

static void
build_columns (BosOverviewPage *self)
{
  GtkColumnView *view = self->county_view;
  GtkColumnViewColumn *name_column;
  g_autofree char *ratio_title = NULL;

  bos_table_remove_columns (view);

  name_column = bos_table_column_new (_("County"), BOS_TABLE_TEXT, 150,
                                      name_text, name_compare, NULL);
  gtk_column_view_column_set_expand (name_column, TRUE);
  bos_table_append_column (view, name_column);
  bos_table_append_column (view, bos_table_column_new (_("Municipalities"), BOS_TABLE_NUMBER, 116,
                                                       municipalities_text, municipalities_compare,
                                                       NULL));
  bos_table_append_column (view, bos_table_column_new (_("Population"), BOS_TABLE_NUMBER, 104,
                                                       population_text, population_compare, NULL));

  for (guint i = self->years->len; i-- > 0;)
    {
      int year = g_array_index (self->years, int, i);
      /* Translators: a column title on two lines, e.g. "Request\n2020" */
      g_autofree char *request = g_strdup_printf (_("Request\n%d"), year);
      /* Translators: a column title on two lines, e.g. "Decision\n2020" */
      g_autofree char *decision = g_strdup_printf (_("Decision\n%d"), year);

      gpointer request_data = BOS_TABLE_FIGURE_DATA (i, BOS_HISTORY_REQUEST);
      gpointer decision_data = BOS_TABLE_FIGURE_DATA (i, BOS_HISTORY_DECISION);

      bos_table_append_column (view, bos_table_column_new (request, BOS_TABLE_NUMBER, 90,
                                                           figure_text, figure_compare,
                                                           request_data));
      bos_table_append_column (view, bos_table_column_new (decision, BOS_TABLE_NUMBER, 90,
                                                           figure_text, figure_compare,
                                                           decision_data));
    }

  bos_table_append_column (view, bos_table_column_new (_("Decided of\nrequested"), BOS_TABLE_NUMBER,
                                                       100, ratio_text, ratio_compare, NULL));
}

static void
reload_counties (BosOverviewPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) municipalities = NULL;
  g_autoptr(GListModel) counties = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  municipalities = bos_municipality_list (self->store, COUNTY_YEARS, &years, &error);
  if (municipalities == NULL)
    {
      g_warning ("Could not read the municipalities: %s", error->message);
      return;
    }
  counties = bos_county_list_from_municipalities (municipalities, COUNTY_YEARS);

  if (bos_table_set_years (&self->years, g_steal_pointer (&years)))
    build_columns (self);

  n = g_list_model_get_n_items (counties);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (counties, i));
  g_list_store_splice (self->counties, 0, g_list_model_get_n_items (G_LIST_MODEL (self->counties)),
                       items->pdata, items->len);

  if (self->years->len > 0)
    {
      g_autofree char *description =
        /* Translators: the years are the first and last of the county table */
        g_strdup_printf (_("Requests and decisions %d–%d, summed over each county’s "
                           "municipalities of today, with history under former municipality "
                           "numbers included. The ratio counts the years where both are known."),
                         g_array_index (self->years, int, 0),
                         g_array_index (self->years, int, self->years->len - 1));
      gtk_label_set_text (self->counties_description, description);
    }
  else
    gtk_label_set_text (self->counties_description, _("No settlement history recorded."));
}

static char *
format_share (int part,
              int need)
{
  if (need <= 0)
    return g_strdup (_("of the need"));
  /* Translators: e.g. "12% of the need" */
  return g_strdup_printf (_("%.0f%% of the need"), 100.0 * part / need);
}

static char *
format_date (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (utc);
  /* Translators: a date, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y"));
}

static void
update_plan (BosOverviewPage *self)
{
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  int need, minors, resettlement, rest;

  if (self->plan == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "plan");

  need = bos_plan_get_need (self->plan);
  minors = bos_plan_get_minors (self->plan);
  resettlement = bos_plan_get_resettlement (self->plan);

  /* The badge says "Demo"; the heading need not. */
  if (g_str_equal (bos_plan_get_scope (self->plan), BOS_PLAN_SCOPE_NATIONAL))
    /* Translators: %d is a year */
    title = g_strdup_printf (_("Plan %d"), bos_plan_get_year (self->plan));
  else
    title = bos_plan_dup_title (self->plan);
  gtk_label_set_text (self->plan_title_label, title);

  if (bos_plan_get_is_demo (self->plan))
    gtk_label_set_text (self->plan_status_label, _("Demo"));
  else if (g_strcmp0 (bos_plan_get_status (self->plan), "draft") == 0)
    gtk_label_set_text (self->plan_status_label, _("Draft"));
  else
    gtk_label_set_text (self->plan_status_label, bos_plan_get_status (self->plan));

  created = format_date (bos_plan_get_created (self->plan));
  modified = format_date (bos_plan_get_modified (self->plan));
  if (bos_plan_get_is_demo (self->plan))
    text = g_strdup_printf (_("Demonstration figures for trying out the program. Created %s."),
                            created);
  else if (g_strcmp0 (created, modified) == 0)
    text = g_strdup_printf (_("National plan, created %s."), created);
  else
    text = g_strdup_printf (_("National plan, created %s, last changed %s."), created, modified);
  gtk_label_set_text (self->plan_subtitle_label, text);
  g_clear_pointer (&text, g_free);

  text = bos_format_count (need);
  gtk_label_set_text (self->need_label, text);
  g_clear_pointer (&text, g_free);

  text = bos_format_count (minors);
  gtk_label_set_text (self->minors_label, text);
  g_clear_pointer (&text, g_free);
  text = format_share (minors, need);
  gtk_label_set_text (self->minors_share_label, text);
  g_clear_pointer (&text, g_free);

  text = bos_format_count (resettlement);
  gtk_label_set_text (self->resettlement_label, text);
  g_clear_pointer (&text, g_free);
  text = format_share (resettlement, need);
  gtk_label_set_text (self->resettlement_share_label, text);
  g_clear_pointer (&text, g_free);

  /* Minors and resettlement refugees may overlap; then the rest is not
   * a simple difference. */
  rest = need - minors - resettlement;
  if (rest >= 0)
    {
      text = bos_format_count (rest);
      gtk_label_set_text (self->rest_label, text);
      g_clear_pointer (&text, g_free);
      text = need > 0
           ? g_strdup_printf (_("%.0f%% of the need: from reception centres and elsewhere in Norway"),
                              100.0 * rest / need)
           : g_strdup (_("from reception centres and elsewhere in Norway"));
      gtk_label_set_text (self->rest_share_label, text);
    }
  else
    {
      gtk_label_set_text (self->rest_label, "–");
      gtk_label_set_text (self->rest_share_label,
                          _("Minors and resettlement refugees overlap and add up to more than the need"));
    }
}

static void
store_changed_cb (BosOverviewPage *self,
                  const char      *table,
                  BosStore        *store)
{
  if (g_str_equal (table, "municipality") || g_str_equal (table, "population") ||
      g_str_equal (table, "county") || g_str_equal (table, "code_history") ||
      g_str_equal (table, "settlement_history"))
    reload_counties (self);
}

static void
bos_overview_page_constructed (GObject *object)
{
  BosOverviewPage *self = (BosOverviewPage *) object;
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkSorter *sorter;

  G_OBJECT_CLASS (bos_overview_page_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));

  sorter = gtk_column_view_get_sorter (self->county_view);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->counties)),
                                    g_object_ref (sorter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_column_view_set_model (self->county_view, GTK_SELECTION_MODEL (selection));

  reload_counties (self);
  update_plan (self);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
bos_overview_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_OVERVIEW_PAGE);

  /* Children of the template that have no id bound to a field */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bos_overview_page_parent_class)->dispose (object);
}

static void
bos_overview_page_finalize (GObject *object)
{
  BosOverviewPage *self = (BosOverviewPage *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->counties);
  g_clear_pointer (&self->years, g_array_unref);

  G_OBJECT_CLASS (bos_overview_page_parent_class)->finalize (object);
}

static void
bos_overview_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BosOverviewPage *self = BOS_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_overview_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BosOverviewPage *self = BOS_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PLAN:
      if (g_set_object (&self->plan, g_value_get_object (value)))
        {
          if (self->store != NULL)
            update_plan (self);
          g_object_notify_by_pspec (object, properties[PROP_PLAN]);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_overview_page_page_iface_init (BosPageInterface *iface)
{
}

static void
bos_overview_page_class_init (BosOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_overview_page_constructed;
  object_class->dispose = bos_overview_page_dispose;
  object_class->finalize = bos_overview_page_finalize;
  object_class->get_property = bos_overview_page_get_property;
  object_class->set_property = bos_overview_page_set_property;

  bos_page_install_properties (object_class, PROP_STORE, PROP_PLAN);
  properties[PROP_STORE] = g_object_class_find_property (object_class, "store");
  properties[PROP_PLAN] = g_object_class_find_property (object_class, "plan");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, plan_title_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, plan_status_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, plan_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, need_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, minors_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, minors_share_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, resettlement_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, resettlement_share_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, rest_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, rest_share_label);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, counties_description);
  gtk_widget_class_bind_template_child (widget_class, BosOverviewPage, county_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "overviewpage");
}

static void
bos_overview_page_init (BosOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->counties = g_list_store_new (BOS_TYPE_COUNTY);
}

/**
 * bos_overview_page_get_counties:
 *
 * Returns: (transfer none): the counties of the table, by county number
 */
GListModel *
bos_overview_page_get_counties (BosOverviewPage *self)
{
  g_return_val_if_fail (BOS_IS_OVERVIEW_PAGE (self), NULL);
  return G_LIST_MODEL (self->counties);
}
