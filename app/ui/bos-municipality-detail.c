/* bos-municipality-detail.c: one municipality's figures and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The municipality's county, population by year, area, administrative
 * centre, language form and former municipality numbers; a chart of the
 * requests, decisions and settled refugees over the years; and the same
 * figures year by year in a table. The history includes what was recorded
 * under former numbers (bos_history_for_municipality() maps them). Last,
 * the changes to the municipality's numbers in the open plan (the audit,
 * BosAuditView; the window binds its plan to it).
 */
#define G_LOG_DOMAIN "bos-municipality-detail"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-audit-view.h"
#include "bos-format.h"
#include "bos-history.h"
#include "bos-municipality-detail.h"
#include "bos-table.h"

typedef struct
{
  BosMunicipalityDetail *self;
  BosHistoryKind         kind;
} YearColumn;

struct _BosMunicipalityDetail
{
  GtkWidget             parent_instance;

  BosStore             *store;
  BosMunicipality      *municipality;
  GArray               *figures;        /* BosYearFigures, oldest first, every year */
  GtkStringList        *year_list;      /* the table's rows: years, newest first */
  GPtrArray            *extra_rows;     /* rows added to the expander rows */
  YearColumn            year_columns[BOS_HISTORY_N_KINDS];
  GtkColumnViewColumn  *original_request_column;

  /* template children */
  AdwWindowTitle       *window_title;
  GtkScrolledWindow    *scrolled_window;
  GtkLabel             *county_label;
  AdwExpanderRow       *population_row;
  GtkLabel             *population_label;
  GtkLabel             *area_label;
  GtkLabel             *admin_centre_label;
  GtkLabel             *language_form_label;
  AdwExpanderRow       *former_codes_row;
  GtkLabel             *former_codes_label;
  BosHistoryChart      *chart;
  GtkColumnView        *years_view;
  BosAuditView         *audit_view;
};

G_DEFINE_FINAL_TYPE (BosMunicipalityDetail, bos_municipality_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MUNICIPALITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const BosYearFigures *
figures_for_item (BosMunicipalityDetail *self,
                  gpointer               item)
{
  int year = atoi (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));

  if (self->figures == NULL || self->figures->len == 0)
    return NULL;
  year -= g_array_index (self->figures, BosYearFigures, 0).year;
  if (year < 0 || (guint) year >= self->figures->len)
    return NULL;
  /* Every year from the first to the last has an element. */
  return &g_array_index (self->figures, BosYearFigures, year);
}

static char *
year_text (gpointer   item,
           gpointer   data,
           char     **tooltip)
{
  return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

static char *
figure_text (gpointer   item,
             gpointer   data,
             char     **tooltip)
{
  YearColumn *column = data;
  const BosYearFigures *figures = figures_for_item (column->self, item);

  return bos_format_figure (figures ? &figures->totals[column->kind] : NULL, tooltip);
}

static char *
ratio_text (gpointer   item,
            gpointer   data,
            char     **tooltip)
{
  BosMunicipalityDetail *self = data;
  const BosYearFigures *figures = figures_for_item (self, item);
  double ratio = NAN;

  if (figures != NULL)
    ratio = bos_figures_ratio (&figures->totals[BOS_HISTORY_REQUEST],
                               &figures->totals[BOS_HISTORY_DECISION]);
  return bos_format_ratio (ratio);
}

static void
build_columns (BosMunicipalityDetail *self)
{
  static const struct
  {
    BosHistoryKind  kind;
    const char     *title;
  } kinds[] = {
    { BOS_HISTORY_REQUEST, N_("Request") },
    { BOS_HISTORY_DECISION, N_("Decision") },
    { BOS_HISTORY_SETTLED, N_("Settled") },
    { BOS_HISTORY_ORIGINAL_REQUEST, N_("Original request") },
  };
  GtkColumnViewColumn *column;

  column = bos_table_column_new (_("Year"), BOS_TABLE_CODE, 70, year_text, NULL, NULL);
  bos_table_append_column (self->years_view, column);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      self->year_columns[kinds[i].kind].self = self;
      self->year_columns[kinds[i].kind].kind = kinds[i].kind;
      column = bos_table_column_new (_(kinds[i].title), BOS_TABLE_NUMBER, -1, figure_text, NULL,
                                     &self->year_columns[kinds[i].kind]);
      gtk_column_view_column_set_expand (column, TRUE);
      if (kinds[i].kind == BOS_HISTORY_ORIGINAL_REQUEST)
        self->original_request_column = column;
      bos_table_append_column (self->years_view, column);
    }

  column = bos_table_column_new (_("Decided of requested"), BOS_TABLE_NUMBER, -1, ratio_text,
                                 NULL, self);
  gtk_column_view_column_set_expand (column, TRUE);
  bos_table_append_column (self->years_view, column);
}

static void
clear_extra_rows (BosMunicipalityDetail *self)
{
  for (guint i = 0; i < self->extra_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->extra_rows, i);
      GtkWidget *expander = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);

      if (expander != NULL)
        adw_expander_row_remove (ADW_EXPANDER_ROW (expander), row);
    }
  g_ptr_array_set_size (self->extra_rows, 0);
}

static void
add_value_row (BosMunicipalityDetail *self,
               AdwExpanderRow        *expander,
               const char            *title,
               const char            *subtitle,
               const char            *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_expander_row_add_row (expander, row);
  g_ptr_array_add (self->extra_rows, g_object_ref (row));
}

static void
show_population (BosMunicipalityDetail *self,
                 GArray                *population)
{
  g_autofree char *latest = NULL;

  if (population == NULL || population->len == 0)
    {
      gtk_label_set_text (self->population_label, "–");
      adw_expander_row_set_subtitle (self->population_row, _("No population recorded"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->population_row), FALSE);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->population_row), TRUE);
  {
    const BosPopulation *last = &g_array_index (population, BosPopulation, population->len - 1);
    g_autofree char *subtitle = NULL;

    latest = bos_format_count (last->persons);
    gtk_label_set_text (self->population_label, latest);
    /* Translators: when the population was counted */
    subtitle = g_strdup_printf (_("On 1 January %d"), last->year);
    adw_expander_row_set_subtitle (self->population_row, subtitle);
  }

  for (guint i = population->len; i-- > 0;)
    {
      const BosPopulation *row = &g_array_index (population, BosPopulation, i);
      g_autofree char *year = g_strdup_printf (_("1 January %d"), row->year);
      g_autofree char *persons = bos_format_count (row->persons);

      add_value_row (self, self->population_row, year, NULL, persons);
    }
}

static void
show_former_codes (BosMunicipalityDetail *self,
                   GArray                *codes)
{
  g_autofree char *count = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->former_codes_row), codes != NULL && codes->len > 0);
  if (codes == NULL || codes->len == 0)
    return;

  count = g_strdup_printf ("%u", codes->len);
  gtk_label_set_text (self->former_codes_label, count);

  for (guint i = 0; i < codes->len; i++)
    {
      const BosFormerCode *former = &g_array_index (codes, BosFormerCode, i);
      g_autofree char *title = g_strdup_printf ("%s %s", former->code, former->name);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (former->first_year > 0 && former->last_year > 0)
        /* Translators: the years a former municipality number occurs in the statistics */
        g_string_printf (subtitle, _("In the statistics %d–%d"), former->first_year, former->last_year);
      if (former->share < 0.9999)
        {
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          /* Translators: the part of a former municipality that came here */
          g_string_append_printf (subtitle, _("%.0f%% of it counted here"), former->share * 100.0);
        }
      add_value_row (self, self->former_codes_row, title,
                     subtitle->len > 0 ? subtitle->str : NULL, NULL);
    }
}

/* Every year from the first to the last, so gaps show as gaps. */
static GArray *
fill_years (GArray *figures)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (BosYearFigures));
  int first, last;
  guint at = 0;

  if (figures->len == 0)
    return all;

  first = g_array_index (figures, BosYearFigures, 0).year;
  last = g_array_index (figures, BosYearFigures, figures->len - 1).year;
  for (int year = first; year <= last; year++)
    {
      BosYearFigures empty = { .year = year };

      if (at < figures->len && g_array_index (figures, BosYearFigures, at).year == year)
        {
          g_array_append_val (all, g_array_index (figures, BosYearFigures, at));
          at++;
          continue;
        }
      for (guint k = 0; k < BOS_HISTORY_N_KINDS; k++)
        empty.totals[k] = (BosHistoryTotal) BOS_HISTORY_TOTAL_INIT;
      g_array_append_val (all, empty);
    }
  return all;
}

static void
bos_municipality_detail_dispose (GObject *object)
{
  BosMunicipalityDetail *self = (BosMunicipalityDetail *) object;
  GtkWidget *child;

  g_clear_pointer (&self->extra_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOS_TYPE_MUNICIPALITY_DETAIL);

  /* Children of the template that have no id bound to a field */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bos_municipality_detail_parent_class)->dispose (object);
}

static void
bos_municipality_detail_finalize (GObject *object)
{
  BosMunicipalityDetail *self = (BosMunicipalityDetail *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->municipality);
  g_clear_object (&self->year_list);
  g_clear_pointer (&self->figures, g_array_unref);

  G_OBJECT_CLASS (bos_municipality_detail_parent_class)->finalize (object);
}

static void
bos_municipality_detail_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  BosMunicipalityDetail *self = BOS_MUNICIPALITY_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MUNICIPALITY:
      g_value_set_object (value, self->municipality);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_municipality_detail_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  BosMunicipalityDetail *self = BOS_MUNICIPALITY_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bos_municipality_detail_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_municipality_detail_class_init (BosMunicipalityDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bos_municipality_detail_dispose;
  object_class->finalize = bos_municipality_detail_finalize;
  object_class->get_property = bos_municipality_detail_get_property;
  object_class->set_property = bos_municipality_detail_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The municipality shown, or NULL. */
  properties[PROP_MUNICIPALITY] =
    g_param_spec_object ("municipality", NULL, NULL, BOS_TYPE_MUNICIPALITY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BOS_TYPE_HISTORY_CHART);
  g_type_ensure (BOS_TYPE_AUDIT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-municipality-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, window_title);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, county_label);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, population_row);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, population_label);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, area_label);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, admin_centre_label);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, language_form_label);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, former_codes_row);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, former_codes_label);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, chart);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, years_view);
  gtk_widget_class_bind_template_child (widget_class, BosMunicipalityDetail, audit_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "municipalitydetail");
}

static void
bos_municipality_detail_init (BosMunicipalityDetail *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->extra_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->year_list = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->year_list)));
  gtk_column_view_set_model (self->years_view, GTK_SELECTION_MODEL (selection));
  build_columns (self);
}

void
bos_municipality_detail_set_store (BosMunicipalityDetail *self,
                                   BosStore              *store)
{
  g_return_if_fail (BOS_IS_MUNICIPALITY_DETAIL (self));
  g_return_if_fail (store == NULL || BOS_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  bos_audit_view_set_store (self->audit_view, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * bos_municipality_detail_show:
 * @code: a municipality number of today
 *
 * Loads and shows the municipality @code.
 */
gboolean
bos_municipality_detail_show (BosMunicipalityDetail  *self,
                              const char             *code,
                              GError                **error)
{
  g_autoptr(BosMunicipality) municipality = NULL;
  g_autoptr(GArray) population = NULL;
  g_autoptr(GArray) former_codes = NULL;
  g_autoptr(GArray) history = NULL;
  g_autoptr(GArray) figures = NULL;
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *area = NULL;
  GtkAdjustment *adjustment;

  g_return_val_if_fail (BOS_IS_MUNICIPALITY_DETAIL (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (BOS_IS_STORE (self->store), FALSE);

  municipality = bos_municipality_load (self->store, code, BOS_MUNICIPALITY_SUMMARY_YEARS, error);
  if (municipality == NULL)
    return FALSE;
  population = bos_municipality_population (self->store, code, error);
  if (population == NULL)
    return FALSE;
  former_codes = bos_municipality_former_codes (self->store, code, error);
  if (former_codes == NULL)
    return FALSE;
  history = bos_history_for_municipality (self->store, code, error);
  if (history == NULL)
    return FALSE;

  g_set_object (&self->municipality, municipality);

  adw_window_title_set_title (self->window_title, bos_municipality_get_name (municipality));
  /* Translators: the detail's subtitle: municipality number and county */
  subtitle = g_strdup_printf (_("Municipality %s · %s"), bos_municipality_get_code (municipality),
                              bos_municipality_get_county_name (municipality));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_label_set_text (self->county_label, bos_municipality_get_county_name (municipality));
  area = bos_format_area (bos_municipality_get_area (municipality));
  gtk_label_set_text (self->area_label, area);
  gtk_label_set_text (self->admin_centre_label,
                      *bos_municipality_get_admin_centre (municipality) != '\0'
                      ? bos_municipality_get_admin_centre (municipality) : "–");
  gtk_label_set_text (self->language_form_label,
                      bos_format_language_form (bos_municipality_get_language_form (municipality)));

  clear_extra_rows (self);
  adw_expander_row_set_expanded (self->population_row, FALSE);
  adw_expander_row_set_expanded (self->former_codes_row, FALSE);
  show_population (self, population);
  show_former_codes (self, former_codes);

  figures = bos_figures_from_history (history);
  g_clear_pointer (&self->figures, g_array_unref);
  self->figures = fill_years (figures);
  bos_history_chart_set_years (self->chart, self->figures);

  gtk_column_view_column_set_visible (self->original_request_column,
                                      bos_figures_has_kind (self->figures,
                                                                 BOS_HISTORY_ORIGINAL_REQUEST));
  for (guint i = self->figures->len; i-- > 0;)
    g_ptr_array_add (years, g_strdup_printf ("%d", g_array_index (self->figures, BosYearFigures, i).year));
  g_ptr_array_add (years, NULL);
  gtk_string_list_splice (self->year_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->year_list)),
                          (const char * const *) years->pdata);
  bos_audit_view_set_code (self->audit_view, bos_municipality_get_code (municipality));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUNICIPALITY]);
  return TRUE;
}

/**
 * bos_municipality_detail_get_municipality:
 *
 * Returns: (transfer none) (nullable): the municipality shown
 */
BosMunicipality *
bos_municipality_detail_get_municipality (BosMunicipalityDetail *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY_DETAIL (self), NULL);
  return self->municipality;
}

/**
 * bos_municipality_detail_get_chart:
 *
 * Returns: (transfer none): the history chart
 */
BosHistoryChart *
bos_municipality_detail_get_chart (BosMunicipalityDetail *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY_DETAIL (self), NULL);
  return self->chart;
}

/**
 * bos_municipality_detail_get_title:
 *
 * Returns: the title shown in the header bar
 */
const char *
bos_municipality_detail_get_title (BosMunicipalityDetail *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY_DETAIL (self), NULL);
  return adw_window_title_get_title (self->window_title);
}

/**
 * bos_municipality_detail_get_audit_view:
 *
 * Returns: (transfer none): the changes to the municipality's numbers in
 *   the plan set on it
 */
BosAuditView *
bos_municipality_detail_get_audit_view (BosMunicipalityDetail *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY_DETAIL (self), NULL);
  return self->audit_view;
}

/**
 * bos_municipality_detail_get_years:
 *
 * Returns: (transfer none): the rows of the year table, newest year first,
 *   as #GtkStringObject
 */
GListModel *
bos_municipality_detail_get_years (BosMunicipalityDetail *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY_DETAIL (self), NULL);
  return G_LIST_MODEL (self->year_list);
}
