/* bos-scenario-compare.c: two scenarios of a plan side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each county's and each municipality's request (and minors) in two
 * scenarios with the difference; differences are highlighted (the
 * difference coloured by direction, the names in bold) and "Only
 * differences" hides the rest. A bar chart shows both scenarios' requests
 * per county. Both scenarios run on today's figures as stored (the
 * distribution page saves its pending criteria before opening this).
 */
#define G_LOG_DOMAIN "bos-scenario-compare"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bos-distribution-row.h"
#include "bos-format.h"
#include "bos-municipality-index.h"
#include "bos-plan-scenario.h"
#include "bos-scenario-compare.h"
#include "bos-table.h"

struct _BosScenarioCompare
{
  AdwWindow           parent_instance;

  BosStore           *store;
  BosPlan            *plan;
  GListStore         *scenarios;
  GListStore         *county_rows;
  GListStore         *municipality_rows;
  GtkCustomFilter    *county_filter;
  GtkCustomFilter    *municipality_filter;
  gboolean            only_differences;
  gboolean            updating;
  guint               n_differences;

  /* template children */
  AdwWindowTitle     *window_title;
  GtkDropDown        *a_dropdown;
  GtkDropDown        *b_dropdown;
  GtkCheckButton     *only_differences_check;
  GtkLabel           *summary_label;
  GtkRevealer        *message_revealer;
  GtkLabel           *message_label;
  GtkColumnView      *county_view;
  BosCountyChart     *chart;
  GtkColumnView      *municipality_view;
};

G_DEFINE_FINAL_TYPE (BosScenarioCompare, bos_scenario_compare, ADW_TYPE_WINDOW)

#define ROW(item) ((BosDistributionRow *) (item))

static gboolean
differs (BosDistributionRow *row)
{
  return row->request != row->other_request || row->ema_request != row->other_ema_request;
}

static char *
count_or_dash (gint64 value)
{
  return value >= 0 ? bos_format_count (value) : g_strdup ("–");
}

static int
compare_int (gint64 a, gint64 b)
{
  return (a > b) - (a < b);
}

static char *
code_text (gpointer item, gpointer data, char **tooltip)
{
  return g_strdup (ROW (item)->code);
}

static int
code_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  return strcmp (ROW (a)->code, ROW (b)->code);
}

static char *
name_text (gpointer item, gpointer data, char **tooltip)
{
  return g_strdup (ROW (item)->name);
}

static const char *
name_class (gpointer item, gpointer data)
{
  return differs (ROW (item)) ? "differs" : NULL;
}

static int
name_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  int cmp = strcmp (ROW (a)->collate_key, ROW (b)->collate_key);

  return cmp != 0 ? cmp : code_compare (a, b, data);
}

static char *
county_text (gpointer item, gpointer data, char **tooltip)
{
  return g_strdup (ROW (item)->county);
}

static char *
a_text (gpointer item, gpointer data, char **tooltip)
{
  return count_or_dash (ROW (item)->request);
}

static int
a_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_int (ROW (a)->request, ROW (b)->request);
}

static char *
b_text (gpointer item, gpointer data, char **tooltip)
{
  return count_or_dash (ROW (item)->other_request);
}

static int
b_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_int (ROW (a)->other_request, ROW (b)->other_request);
}

static char *
a_minors_text (gpointer item, gpointer data, char **tooltip)
{
  return ROW (item)->request >= 0 ? bos_format_count (ROW (item)->ema_request) : g_strdup ("–");
}

static char *
b_minors_text (gpointer item, gpointer data, char **tooltip)
{
  return ROW (item)->other_request >= 0 ? bos_format_count (ROW (item)->other_ema_request)
                                        : g_strdup ("–");
}

static const char *
minors_class (gpointer item, gpointer data)
{
  return ROW (item)->ema_request != ROW (item)->other_ema_request ? "differs" : NULL;
}

static gboolean
difference (BosDistributionRow *row,
            gint64             *value)
{
  if (row->request < 0 || row->other_request < 0)
    return FALSE;
  *value = row->other_request - row->request;
  return TRUE;
}

static char *
difference_text (gpointer item, gpointer data, char **tooltip)
{
  gint64 value;
  g_autofree char *number = NULL;

  if (!difference (ROW (item), &value))
    return g_strdup ("–");
  if (value == 0)
    return g_strdup ("0");
  number = bos_format_count (ABS (value));
  return g_strconcat (value > 0 ? "+" : "−", number, NULL);
}

static const char *
difference_class (gpointer item, gpointer data)
{
  gint64 value;

  if (!difference (ROW (item), &value) || value == 0)
    return NULL;
  return value > 0 ? "diff-up" : "diff-down";
}

static int
difference_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  gint64 da = G_MININT64, db = G_MININT64;

  difference (ROW (a), &da);
  difference (ROW (b), &db);
  return compare_int (da, db);
}

static void
build_columns (BosScenarioCompare *self,
               const char         *a_name,
               const char         *b_name)
{
  GtkColumnView *views[] = { self->county_view, self->municipality_view };

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      GtkColumnView *view = views[v];
      GtkColumnViewColumn *name;
      g_autofree char *a_minors = NULL;
      g_autofree char *b_minors = NULL;

      bos_table_remove_columns (view);
      if (v == 1)
        bos_table_append_column (view,
                                 bos_table_live_column_new (_("Number"), BOS_TABLE_CODE, 95,
                                                            code_text, NULL, code_compare, NULL));
      name = bos_table_live_column_new (v == 0 ? _("County") : _("Name"), BOS_TABLE_TEXT, 160,
                                        name_text, name_class, name_compare, NULL);
      gtk_column_view_column_set_expand (name, TRUE);
      bos_table_append_column (view, name);
      if (v == 1)
        bos_table_append_column (view,
                                 bos_table_live_column_new (_("County"), BOS_TABLE_CODE, 70,
                                                            county_text, NULL, NULL, NULL));
      bos_table_append_column (view,
                               bos_table_live_column_new (a_name, BOS_TABLE_NUMBER, 110, a_text,
                                                          NULL, a_compare, NULL));
      bos_table_append_column (view,
                               bos_table_live_column_new (b_name, BOS_TABLE_NUMBER, 110, b_text,
                                                          NULL, b_compare, NULL));
      bos_table_append_column (view,
                               bos_table_live_column_new (_("Difference"), BOS_TABLE_NUMBER, 100,
                                                          difference_text, difference_class,
                                                          difference_compare, NULL));
      /* Translators: column titles: a scenario's minors, e.g. "Draft B:\nminors" */
      a_minors = g_strdup_printf (_("%s:\nminors"), a_name);
      b_minors = g_strdup_printf (_("%s:\nminors"), b_name);
      bos_table_append_column (view,
                               bos_table_live_column_new (a_minors, BOS_TABLE_NUMBER, 100,
                                                          a_minors_text, NULL, NULL, NULL));
      bos_table_append_column (view,
                               bos_table_live_column_new (b_minors, BOS_TABLE_NUMBER, 100,
                                                          b_minors_text, minors_class, NULL, NULL));
    }
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  BosScenarioCompare *self = user_data;

  return !self->only_differences || differs (ROW (item));
}

static void
only_differences_toggled_cb (BosScenarioCompare *self)
{
  self->only_differences = gtk_check_button_get_active (self->only_differences_check);
  gtk_filter_changed (GTK_FILTER (self->county_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->municipality_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static BosPlanScenario *
selected_scenario (BosScenarioCompare *self,
                   GtkDropDown        *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->scenarios), selected);
}

static void
show_message (BosScenarioCompare *self,
              const char         *message)
{
  if (message != NULL)
    gtk_label_set_text (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
compare (BosScenarioCompare *self)
{
  g_autoptr(BosPlanScenario) a = selected_scenario (self, self->a_dropdown);
  g_autoptr(BosPlanScenario) b = selected_scenario (self, self->b_dropdown);
  g_autoptr(BosApportionInput) a_input = NULL;
  g_autoptr(BosApportionInput) b_input = NULL;
  g_autoptr(BosApportionResult) a_result = NULL;
  g_autoptr(BosApportionResult) b_result = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(GPtrArray) municipalities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) counties = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) county_rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) a_values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) b_values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *a_name = NULL;
  g_autofree char *b_name = NULL;
  g_autofree char *summary = NULL;
  guint n_counties_differ = 0;

  if (a == NULL || b == NULL)
    return;
  a_name = bos_plan_scenario_dup_display_name (a);
  b_name = bos_plan_scenario_dup_display_name (b);
  build_columns (self, a_name, b_name);

  a_result = bos_plan_scenario_run (self->store, a, &a_input, &error);
  if (a_result == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", a_name, error->message);
      show_message (self, message);
      g_clear_error (&error);
    }
  b_result = bos_plan_scenario_run (self->store, b, &b_input, &error);
  if (b_result == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", b_name, error->message);
      show_message (self, message);
    }
  if (a_result != NULL && b_result != NULL)
    show_message (self, NULL);

  index = bos_municipality_index_load (self->store, NULL);
  self->n_differences = 0;
  if (a_input != NULL || b_input != NULL)
    {
      const BosApportionInput *input = a_input ? a_input : b_input;

      for (guint i = 0; i < input->municipalities->len; i++)
        {
          const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);
          BosDistributionRow *row = bos_distribution_row_new (m->code, m->name, m->county);
          BosDistributionRow *county = g_hash_table_lookup (county_rows, m->county);

          /* Both inputs list the plan's municipalities in code order */
          row->request = a_result ? a_result->municipalities[i].request : -1;
          row->ema_request = a_result ? a_result->municipalities[i].ema_request : 0;
          row->other_request = b_result ? b_result->municipalities[i].request : -1;
          row->other_ema_request = b_result ? b_result->municipalities[i].ema_request : 0;
          self->n_differences += differs (row);
          g_ptr_array_add (municipalities, row);

          if (county == NULL)
            {
              const char *name = index ? bos_municipality_index_get_county_name (index, m->county) : NULL;

              county = bos_distribution_row_new (m->county, name ? name : m->county, m->county);
              county->request = a_result ? 0 : -1;
              county->other_request = b_result ? 0 : -1;
              county->ema_request = county->other_ema_request = 0;
              g_hash_table_insert (county_rows, county->code, county);
              g_ptr_array_add (counties, county);
            }
          if (a_result)
            {
              county->request += row->request;
              county->ema_request += row->ema_request;
            }
          if (b_result)
            {
              county->other_request += row->other_request;
              county->other_ema_request += row->other_ema_request;
            }
        }
    }
  for (guint c = 0; c < counties->len; c++)
    {
      BosDistributionRow *county = g_ptr_array_index (counties, c);

      n_counties_differ += differs (county);
      g_ptr_array_add (labels, county->name);
      g_array_append_val (a_values, county->request);
      g_array_append_val (b_values, county->other_request);
    }

  g_list_store_splice (self->municipality_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->municipality_rows)),
                       municipalities->pdata, municipalities->len);
  g_list_store_splice (self->county_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->county_rows)),
                       counties->pdata, counties->len);
  bos_county_chart_set_series (self->chart, a_name, b_name);
  bos_county_chart_set_data (self->chart, labels->len, (const char * const *) labels->pdata,
                             (const gint64 *) a_values->data, (const gint64 *) b_values->data);

  /* Translators: "12 municipalities and 3 counties differ" */
  summary = g_strdup_printf (ngettext ("%u municipality differs", "%u municipalities differ",
                                       self->n_differences), self->n_differences);
  if (n_counties_differ > 0)
    {
      g_autofree char *counties_text = NULL;

      counties_text = g_strdup_printf (ngettext ("%u county", "%u counties", n_counties_differ),
                                       n_counties_differ);
      g_free (summary);
      /* Translators: "12 municipalities differ; 3 counties" */
      summary = g_strdup_printf (ngettext ("%u municipality and %s differ",
                                           "%u municipalities and %s differ",
                                           self->n_differences),
                                 self->n_differences, counties_text);
    }
  gtk_label_set_text (self->summary_label, summary);
}

static void
selection_changed_cb (BosScenarioCompare *self)
{
  if (!self->updating)
    compare (self);
}

static void
bos_scenario_compare_finalize (GObject *object)
{
  BosScenarioCompare *self = (BosScenarioCompare *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->scenarios);
  g_clear_object (&self->county_rows);
  g_clear_object (&self->municipality_rows);

  G_OBJECT_CLASS (bos_scenario_compare_parent_class)->finalize (object);
}

static void
bos_scenario_compare_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_SCENARIO_COMPARE);

  G_OBJECT_CLASS (bos_scenario_compare_parent_class)->dispose (object);
}

static void
bos_scenario_compare_class_init (BosScenarioCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bos_scenario_compare_dispose;
  object_class->finalize = bos_scenario_compare_finalize;

  g_type_ensure (BOS_TYPE_COUNTY_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-scenario-compare.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BosScenarioCompare, name)
  BIND (window_title);
  BIND (a_dropdown);
  BIND (b_dropdown);
  BIND (only_differences_check);
  BIND (summary_label);
  BIND (message_revealer);
  BIND (message_label);
  BIND (county_view);
  BIND (chart);
  BIND (municipality_view);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, only_differences_toggled_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkSelectionModel *
table_model (GListModel      *rows,
             GtkCustomFilter *filter,
             GtkColumnView   *view)
{
  GtkFilterListModel *filtered = gtk_filter_list_model_new (g_object_ref (rows),
                                                            g_object_ref (GTK_FILTER (filter)));
  GtkSortListModel *sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                                      g_object_ref (gtk_column_view_get_sorter (view)));

  return GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted)));
}

static void
bos_scenario_compare_init (BosScenarioCompare *self)
{
  g_autoptr(GtkExpression) name = NULL;
  g_autoptr(GtkSelectionModel) counties = NULL;
  g_autoptr(GtkSelectionModel) municipalities = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->scenarios = g_list_store_new (BOS_TYPE_PLAN_SCENARIO);
  self->county_rows = g_list_store_new (BOS_TYPE_DISTRIBUTION_ROW);
  self->municipality_rows = g_list_store_new (BOS_TYPE_DISTRIBUTION_ROW);
  self->county_filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->municipality_filter = gtk_custom_filter_new (filter_func, self, NULL);

  name = gtk_property_expression_new (BOS_TYPE_PLAN_SCENARIO, NULL, "display-name");
  gtk_drop_down_set_expression (self->a_dropdown, name);
  gtk_drop_down_set_expression (self->b_dropdown, name);
  self->updating = TRUE;
  gtk_drop_down_set_model (self->a_dropdown, G_LIST_MODEL (self->scenarios));
  gtk_drop_down_set_model (self->b_dropdown, G_LIST_MODEL (self->scenarios));
  self->updating = FALSE;

  counties = table_model (G_LIST_MODEL (self->county_rows), self->county_filter, self->county_view);
  municipalities = table_model (G_LIST_MODEL (self->municipality_rows), self->municipality_filter,
                                self->municipality_view);
  g_object_unref (self->county_filter);        /* the filter models keep them */
  g_object_unref (self->municipality_filter);
  gtk_column_view_set_model (self->county_view, counties);
  gtk_column_view_set_model (self->municipality_view, municipalities);
}

static int
find_scenario (BosScenarioCompare *self,
               const char         *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scenarios));

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(BosPlanScenario) scenario = g_list_model_get_item (G_LIST_MODEL (self->scenarios), i);

      if (g_str_equal (bos_plan_scenario_get_id (scenario), id))
        return (int) i;
    }
  return -1;
}

/**
 * bos_scenario_compare_set_scenarios:
 *
 * Compares the scenarios @a_id and @b_id of the plan.
 */
gboolean
bos_scenario_compare_set_scenarios (BosScenarioCompare *self,
                                    const char         *a_id,
                                    const char         *b_id)
{
  int a, b;

  g_return_val_if_fail (BOS_IS_SCENARIO_COMPARE (self), FALSE);

  a = find_scenario (self, a_id);
  b = find_scenario (self, b_id);
  if (a < 0 || b < 0)
    return FALSE;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->a_dropdown, (guint) a);
  gtk_drop_down_set_selected (self->b_dropdown, (guint) b);
  self->updating = FALSE;
  compare (self);
  return TRUE;
}

/**
 * bos_scenario_compare_new:
 * @scenario_a_id: (nullable): the first scenario; the second is the
 *   plan's chosen one, or another when that is the first
 *
 * Returns: (transfer none): a new window (it owns itself)
 */
GtkWindow *
bos_scenario_compare_new (GtkWindow  *parent,
                          BosStore   *store,
                          BosPlan    *plan,
                          const char *scenario_a_id)
{
  BosScenarioCompare *self;
  g_autoptr(GListModel) scenarios = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *chosen = NULL;
  g_autofree char *title = NULL;
  int a, b;
  guint n;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (BOS_IS_PLAN (plan), NULL);

  self = g_object_new (BOS_TYPE_SCENARIO_COMPARE, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->plan = g_object_ref (plan);
  title = bos_plan_dup_title (plan);
  adw_window_title_set_subtitle (self->window_title, title);

  scenarios = bos_plan_scenario_list (store, bos_plan_get_id (plan), NULL);
  n = scenarios ? g_list_model_get_n_items (scenarios) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (scenarios, i));
  self->updating = TRUE;
  g_list_store_splice (self->scenarios, 0, 0, items->pdata, items->len);
  self->updating = FALSE;

  chosen = bos_plan_dup_chosen_scenario_id (store, bos_plan_get_id (plan), NULL);
  a = find_scenario (self, scenario_a_id);
  if (a < 0)
    a = 0;
  b = find_scenario (self, chosen);
  if (b < 0 || b == a)
    b = a == 0 ? 1 : 0;
  if (n > 0)
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->a_dropdown, (guint) a);
      gtk_drop_down_set_selected (self->b_dropdown, (guint) MIN ((guint) b, n - 1));
      self->updating = FALSE;
      compare (self);
    }
  return GTK_WINDOW (self);
}

GListModel *
bos_scenario_compare_get_municipality_rows (BosScenarioCompare *self)
{
  g_return_val_if_fail (BOS_IS_SCENARIO_COMPARE (self), NULL);
  return G_LIST_MODEL (self->municipality_rows);
}

guint
bos_scenario_compare_get_n_differences (BosScenarioCompare *self)
{
  g_return_val_if_fail (BOS_IS_SCENARIO_COMPARE (self), 0);
  return self->n_differences;
}

BosCountyChart *
bos_scenario_compare_get_chart (BosScenarioCompare *self)
{
  g_return_val_if_fail (BOS_IS_SCENARIO_COMPARE (self), NULL);
  return self->chart;
}
