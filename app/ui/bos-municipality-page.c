/* bos-municipality-page.c: the table of all municipalities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every municipality of today with its county, latest population and the
 * request, decision and settled figures of the last five years with data
 * (history under former municipality numbers included), and the share of
 * the requests it decided to settle. Every column sorts by its value; the
 * search finds a municipality by name or number, the drop-down limits the
 * table to one county. Activating a row opens the municipality.
 */
#define G_LOG_DOMAIN "bos-municipality-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-format.h"
#include "bos-municipality.h"
#include "bos-municipality-page.h"
#include "bos-page.h"
#include "bos-table.h"

struct _BosMunicipalityPage
{
  GtkWidget          parent_instance;

  BosStore          *store;
  BosPlan           *plan;
  GListStore        *municipalities;
  GArray            *years;          /* int, oldest first: the columns shown */
  GtkFilterListModel *filter_model;
  GtkCustomFilter   *filter;
  GtkSelectionModel *selection;      /* given to the table when first shown */
  GtkStringList     *county_names;
  GPtrArray         *county_codes;   /* parallel to county_names; [0] = NULL for all */
  char              *query;          /* folded */
  char              *county_code;    /* NULL for all */

  /* template children */
  GtkSearchEntry    *search_entry;
  GtkDropDown       *county_dropdown;
  GtkLabel          *count_label;
  GtkStack          *stack;
  GtkColumnView     *column_view;
};

static void bos_municipality_page_page_iface_init (BosPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BosMunicipalityPage, bos_municipality_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BOS_TYPE_PAGE,
                                                      bos_municipality_page_page_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
code_text (gpointer   item,
           gpointer   data,
           char     **tooltip)
{
  return g_strdup (bos_municipality_get_code (item));
}

static int
code_compare (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  return strcmp (bos_municipality_get_code ((BosMunicipality *) a),
                 bos_municipality_get_code ((BosMunicipality *) b));
}

static char *
name_text (gpointer   item,
           gpointer   data,
           char     **tooltip)
{
  return g_strdup (bos_municipality_get_name (item));
}

static int
name_compare (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  int cmp = strcmp (bos_municipality_get_name_collate_key ((BosMunicipality *) a),
                    bos_municipality_get_name_collate_key ((BosMunicipality *) b));

  /* Herøy and Våler occur twice; keep them in a stable order. */
  return cmp != 0 ? cmp : code_compare (a, b, data);
}

static char *
county_text (gpointer   item,
             gpointer   data,
             char     **tooltip)
{
  return g_strdup (bos_municipality_get_county_name (item));
}

static int
county_compare (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  int cmp = g_utf8_collate (bos_municipality_get_county_name ((BosMunicipality *) a),
                            bos_municipality_get_county_name ((BosMunicipality *) b));

  return cmp != 0 ? cmp : code_compare (a, b, data);
}

static char *
population_text (gpointer   item,
                 gpointer   data,
                 char     **tooltip)
{
  gint64 population = bos_municipality_get_population (item);

  if (population < 0)
    {
      if (tooltip != NULL)
        *tooltip = g_strdup (_("No population recorded"));
      return g_strdup ("–");
    }
  return bos_format_count (population);
}

static int
population_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  gint64 pa = bos_municipality_get_population ((BosMunicipality *) a);
  gint64 pb = bos_municipality_get_population ((BosMunicipality *) b);

  return (pa > pb) - (pa < pb);
}

static char *
figure_text (gpointer   item,
             gpointer   data,
             char     **tooltip)
{
  return bos_format_figure (bos_municipality_get_figure (item, BOS_TABLE_FIGURE_YEAR (data),
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
  int cmp = bos_figures_compare (bos_municipality_get_figure ((BosMunicipality *) a, year, kind),
                                bos_municipality_get_figure ((BosMunicipality *) b, year, kind));

  return cmp != 0 ? cmp : code_compare (a, b, data);
}

static char *
ratio_text (gpointer   item,
            gpointer   data,
            char     **tooltip)
{
  return bos_format_acceptance_ratio (bos_municipality_get_acceptance_ratio (item), tooltip);
}

static int
ratio_compare (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  double ra = bos_municipality_get_acceptance_ratio ((BosMunicipality *) a);
  double rb = bos_municipality_get_acceptance_ratio ((BosMunicipality *) b);

  if (isnan (ra) || isnan (rb))
    {
      if (isnan (ra) && isnan (rb))
        return code_compare (a, b, data);
      return isnan (rb) - isnan (ra);
    }
  if (ra != rb)
    return (ra > rb) - (ra < rb);
  return code_compare (a, b, data);
}

static void
build_columns (BosMunicipalityPage *self,
               int                  population_year)
{
  static const struct
  {
    BosHistoryKind  kind;
    const char     *format;
  } kinds[] = {
    /* Translators: column titles on two lines, e.g. "Request\n2020" */
    { BOS_HISTORY_REQUEST, N_("Request\n%d") },
    { BOS_HISTORY_DECISION, N_("Decision\n%d") },
    { BOS_HISTORY_SETTLED, N_("Settled\n%d") },
  };
  GtkColumnView *view = self->column_view;
  g_autofree char *population_title = NULL;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *name_column;

  bos_table_remove_columns (view);

  code_column = bos_table_column_new (_("Number"), BOS_TABLE_CODE, 90,
                                      code_text, code_compare, NULL);
  bos_table_append_column (view, g_object_ref (code_column));
  name_column = bos_table_column_new (_("Name"), BOS_TABLE_TEXT, 170,
                                      name_text, name_compare, NULL);
  gtk_column_view_column_set_expand (name_column, TRUE);
  bos_table_append_column (view, name_column);
  bos_table_append_column (view, bos_table_column_new (_("County"), BOS_TABLE_TEXT, 150,
                                                       county_text, county_compare, NULL));

  if (population_year > 0)
    /* Translators: a column title on two lines; the population on 1 January */
    population_title = g_strdup_printf (_("Population\n%d"), population_year);
  else
    population_title = g_strdup (_("Population"));
  bos_table_append_column (view, bos_table_column_new (population_title, BOS_TABLE_NUMBER, 110,
                                                       population_text, population_compare, NULL));

  /* Newest year first: the figures that matter most need no scrolling. */
  for (guint i = self->years->len; i-- > 0;)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *title = g_strdup_printf (_(kinds[k].format),
                                                  g_array_index (self->years, int, i));
        GtkColumnViewColumn *column;

        column = bos_table_column_new (title, BOS_TABLE_NUMBER, 90, figure_text, figure_compare,
                                       BOS_TABLE_FIGURE_DATA (i, kinds[k].kind));
        bos_table_append_column (view, column);
      }

  bos_table_append_column (view, bos_table_column_new (_("Decided of\nrequested"), BOS_TABLE_NUMBER,
                                                       110, ratio_text, ratio_compare, NULL));

  gtk_column_view_sort_by_column (view, code_column, GTK_SORT_ASCENDING);
  g_object_unref (code_column);
}

static void
update_count (BosMunicipalityPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u municipality", "%u municipalities", total), total);
  else
    /* Translators: e.g. "1 of 357 municipalities" */
    text = g_strdup_printf (ngettext ("%u of %u municipality", "%u of %u municipalities", total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 || total == 0 ? "table" : "empty");
}

static void
update_counties (BosMunicipalityPage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));
  guint selected = 0;
  g_autofree char *keep = g_strdup (self->county_code);

  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (names, (gpointer) _("All counties"));

  /* Counties in county-number order, the order planners know them in. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosMunicipality) municipality =
        g_list_model_get_item (G_LIST_MODEL (self->municipalities), i);
      const char *code = bos_municipality_get_county_code (municipality);
      guint at;

      if (g_hash_table_contains (seen, code))
        continue;
      g_hash_table_add (seen, (gpointer) code);

      for (at = 1; at < codes->len; at++)
        if (strcmp (code, g_ptr_array_index (codes, at)) < 0)
          break;
      g_ptr_array_insert (codes, at, g_strdup (code));
      g_ptr_array_insert (names, at, (gpointer) bos_municipality_get_county_name (municipality));
    }
  g_ptr_array_add (names, NULL);

  g_clear_pointer (&self->county_codes, g_ptr_array_unref);
  self->county_codes = g_steal_pointer (&codes);
  gtk_string_list_splice (self->county_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->county_names)),
                          (const char * const *) names->pdata);

  for (guint i = 1; keep != NULL && i < self->county_codes->len; i++)
    if (g_str_equal (keep, g_ptr_array_index (self->county_codes, i)))
      selected = i;
  gtk_drop_down_set_selected (self->county_dropdown, selected);
}

static void
reload (BosMunicipalityPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) municipalities = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int population_year = 0;
  guint n;

  municipalities = bos_municipality_list (self->store, BOS_MUNICIPALITY_SUMMARY_YEARS, &years,
                                          &error);
  if (municipalities == NULL)
    {
      g_warning ("Could not read the municipalities: %s", error->message);
      return;
    }

  n = g_list_model_get_n_items (municipalities);
  for (guint i = 0; i < n; i++)
    {
      BosMunicipality *municipality = g_list_model_get_item (municipalities, i);

      population_year = MAX (population_year, bos_municipality_get_population_year (municipality));
      g_ptr_array_add (items, municipality);
    }

  if (bos_table_set_years (&self->years, g_steal_pointer (&years)))
    build_columns (self, population_year);

  g_list_store_splice (self->municipalities, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->municipalities)),
                       items->pdata, items->len);
  update_counties (self);
  update_count (self);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  BosMunicipalityPage *self = user_data;
  BosMunicipality *municipality = item;

  if (self->county_code != NULL &&
      !g_str_equal (self->county_code, bos_municipality_get_county_code (municipality)))
    return FALSE;
  return bos_municipality_matches (municipality, self->query);
}

static void
search_changed_cb (BosMunicipalityPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = bos_municipality_fold_query (text);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (query, self->query) == 0)
    return;

  /* Typing on narrows the result, deleting widens it. */
  if (self->query != NULL && g_str_has_prefix (query, self->query))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->query != NULL && g_str_has_prefix (self->query, query))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
search_activate_cb (BosMunicipalityPage *self)
{
  g_autoptr(BosMunicipality) municipality = NULL;

  /* Enter opens the one municipality the search found. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) != 1)
    return;
  municipality = g_list_model_get_item (G_LIST_MODEL (self->filter_model), 0);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-municipality", "s",
                              bos_municipality_get_code (municipality));
}

static void
county_selected_cb (BosMunicipalityPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->county_dropdown);
  const char *code = NULL;

  if (self->county_codes != NULL && selected < self->county_codes->len)
    code = g_ptr_array_index (self->county_codes, selected);
  if (g_strcmp0 (code, self->county_code) == 0)
    return;

  g_free (self->county_code);
  self->county_code = g_strdup (code);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
row_activated_cb (BosMunicipalityPage *self,
                  guint                position)
{
  g_autoptr(BosMunicipality) municipality = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                                  position);

  if (municipality != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-municipality", "s",
                                bos_municipality_get_code (municipality));
}

/* A column view with a model makes its rows as soon as it is in a window,
 * visible or not: 50 rows of 20 cells cost about 100 ms of the start-up.
 * So the table gets its model when the page is first shown. */
static void
bos_municipality_page_map (GtkWidget *widget)
{
  BosMunicipalityPage *self = BOS_MUNICIPALITY_PAGE (widget);

  if (gtk_column_view_get_model (self->column_view) == NULL)
    gtk_column_view_set_model (self->column_view, self->selection);

  GTK_WIDGET_CLASS (bos_municipality_page_parent_class)->map (widget);
}

static void
filter_items_changed_cb (BosMunicipalityPage *self)
{
  update_count (self);
}

static void
store_changed_cb (BosMunicipalityPage *self,
                  const char          *table,
                  BosStore            *store)
{
  if (g_str_equal (table, "municipality") || g_str_equal (table, "population") ||
      g_str_equal (table, "county") || g_str_equal (table, "code_history") ||
      g_str_equal (table, "settlement_history"))
    reload (self);
}

static void
bos_municipality_page_constructed (GObject *object)
{
  BosMunicipalityPage *self = (BosMunicipalityPage *) object;
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;

  G_OBJECT_CLASS (bos_municipality_page_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));

  /* municipalities → sorted by the column view's sorter → filtered */
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->municipalities)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&sorted)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (filter_items_changed_cb), self, G_CONNECT_SWAPPED);

  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  self->selection = GTK_SELECTION_MODEL (g_steal_pointer (&selection));

  reload (self);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
bos_municipality_page_dispose (GObject *object)
{
  BosMunicipalityPage *self = (BosMunicipalityPage *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), BOS_TYPE_MUNICIPALITY_PAGE);

  /* Children of the template that have no id bound to a field */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  /* The filter calls back into this page; drop it with the page. */
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (bos_municipality_page_parent_class)->dispose (object);
}

static void
bos_municipality_page_finalize (GObject *object)
{
  BosMunicipalityPage *self = (BosMunicipalityPage *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->municipalities);
  g_clear_object (&self->county_names);
  g_clear_pointer (&self->county_codes, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->county_code, g_free);

  G_OBJECT_CLASS (bos_municipality_page_parent_class)->finalize (object);
}

static void
bos_municipality_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BosMunicipalityPage *self = BOS_MUNICIPALITY_PAGE (object);

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
bos_municipality_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BosMunicipalityPage *self = BOS_MUNICIPALITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PLAN:
      /* The table shows history only, the same for every plan. */
      if (g_set_object (&self->plan, g_value_get_object (value)))
        g_object_notify_by_pspec (object, properties[PROP_PLAN]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_municipality_page_page_iface_init (BosPageInterface *iface)
{
}

static void
bos_municipality_page_class_init (BosMunicipalityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_municipality_page_constructed;
  object_class->dispose = bos_municipality_page_dispose;
  object_class->finalize = bos_municipality_page_finalize;
  object_class->get_property = bos_municipality_page_get_property;
  object_class->set_property = bos_municipality_page_set_property;

  widget_class->map = bos_municipality_page_map;

  bos_page_install_properties (object_class, PROP_STORE, PROP_PLAN);
  properties[PROP_STORE] = g_object_class_find_property (object_class, "store");
  properties[PROP_PLAN] = g_object_class_find_property (object_class, "plan");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-municipality-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityPage, county_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, county_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "municipalitypage");
}

static void
bos_municipality_page_init (BosMunicipalityPage *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->municipalities = g_list_store_new (BOS_TYPE_MUNICIPALITY);
  self->county_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->county_dropdown, G_LIST_MODEL (self->county_names));
}

/**
 * bos_municipality_page_get_model:
 *
 * Returns: (transfer none): the municipalities the table shows, sorted and
 *   filtered
 */
GListModel *
bos_municipality_page_get_model (BosMunicipalityPage *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY_PAGE (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

/**
 * bos_municipality_page_get_search_entry:
 *
 * Returns: (transfer none): the search entry
 */
GtkEditable *
bos_municipality_page_get_search_entry (BosMunicipalityPage *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

/**
 * bos_municipality_page_get_column_view:
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
bos_municipality_page_get_column_view (BosMunicipalityPage *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY_PAGE (self), NULL);
  return self->column_view;
}

/**
 * bos_municipality_page_set_county:
 * @county_code: (nullable): a county number, or %NULL for all counties
 *
 * Returns: whether there is such a county
 */
gboolean
bos_municipality_page_set_county (BosMunicipalityPage *self,
                                  const char          *county_code)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY_PAGE (self), FALSE);

  for (guint i = 0; i < self->county_codes->len; i++)
    if (g_strcmp0 (county_code, g_ptr_array_index (self->county_codes, i)) == 0)
      {
        gtk_drop_down_set_selected (self->county_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
bos_municipality_page_focus_search (BosMunicipalityPage *self)
{
  g_return_if_fail (BOS_IS_MUNICIPALITY_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
