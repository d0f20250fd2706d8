/* bos-distribution-page.c: the distribution of the open plan's need
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan's scenarios (new, duplicate, rename, delete, import, export,
 * choose, compare) and for the one shown: the county table (population,
 * quota, request, minors, the latest year's request and decision before
 * the plan year) with a bar chart beside it, and the selected county's
 * municipalities (request, minors, the change against that year's
 * request, why). A county plan shows its county only, with its total.
 *
 * Every change to a criterion (the criteria editor in the side pane) or to
 * a municipality's settings (lock, exclusion, inclusion, adjustment, cap:
 * activate its row) recomputes at once, on the main thread: a national run
 * takes about 100 µs. The page keeps the run's input in memory and changes
 * it in place; the rows of the tables stay the same objects and only the
 * cells shown refresh (bos_table_live_column_new()), so nothing flickers
 * or scrolls. Settings are stored as they are saved; criteria a moment
 * after the last change (each is in the change log, so a dragged spin
 * button should not write a hundred entries).
 */
#define G_LOG_DOMAIN "bos-distribution-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-distribution-help.h"
#include "bos-distribution-page.h"
#include "bos-distribution-row.h"
#include "bos-error.h"
#include "bos-figures.h"
#include "bos-format.h"
#include "bos-history.h"
#include "bos-indicator.h"
#include "bos-municipality-index.h"
#include "bos-override-dialog.h"
#include "bos-page.h"
#include "bos-scenario-compare.h"
#include "bos-table.h"

#define SAVE_DELAY_MS 600

struct _BosDistributionPage
{
  GtkWidget             parent_instance;

  BosStore             *store;
  BosPlan              *plan;
  BosMunicipalityIndex *index;
  GListStore           *scenarios;       /* BosPlanScenario */
  BosPlanScenario      *scenario;        /* shown */
  char                 *chosen_id;
  BosApportionInput    *input;
  BosApportionResult   *result;
  GListStore           *county_rows;
  GListStore           *municipality_rows;
  GHashTable           *county_row_by_code;  /* borrowed rows */
  GtkSingleSelection   *county_selection;
  GtkCustomFilter      *municipality_filter;
  GtkFilterListModel   *municipality_filtered;
  char                 *county_code;         /* the selected county */
  int                   history_year;        /* the latest year with requests before the plan's */
  char                 *history_plan_id;
  guint                 save_source;
  guint                 reload_source;
  guint                 own_writes;
  gboolean              updating;
  guint                 n_runs;

  /* template children */
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  GtkDropDown          *scenario_dropdown;
  GtkLabel             *chosen_label;
  GtkButton            *choose_button;
  GtkCheckButton       *by_county_check;
  GtkLabel             *summary_label;
  GtkToggleButton      *criteria_button;
  GtkRevealer          *message_revealer;
  GtkLabel             *message_label;
  GtkWidget            *counties_box;
  GtkColumnView        *county_view;
  BosCountyChart       *chart;
  GtkLabel             *municipalities_label;
  GtkColumnView        *municipality_view;
  BosCriteriaEditor    *criteria_editor;
};

static void bos_distribution_page_page_iface_init (BosPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BosDistributionPage, bos_distribution_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BOS_TYPE_PAGE,
                                                      bos_distribution_page_page_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  N_PROPS
};

static void reload (BosDistributionPage *self);
static void recompute (BosDistributionPage *self);

/* ------------------------------------------------------------------------ */
/* Columns                                                                  */

#define ROW(item) ((BosDistributionRow *) (item))

static char *
count_or_dash (gint64 value)
{
  return value >= 0 ? bos_format_count (value) : g_strdup ("–");
}

static int
compare_int (gint64 a,
             gint64 b)
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

static int
name_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  int cmp = strcmp (ROW (a)->collate_key, ROW (b)->collate_key);

  return cmp != 0 ? cmp : code_compare (a, b, data);
}

static char *
population_text (gpointer item, gpointer data, char **tooltip)
{
  return bos_format_count (ROW (item)->population);
}

static int
population_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_int (ROW (a)->population, ROW (b)->population);
}

static char *
quota_text (gpointer item, gpointer data, char **tooltip)
{
  if (isnan (ROW (item)->quota))
    return g_strdup ("–");
  if (tooltip != NULL)
    *tooltip = g_strdup (_("The sum of the municipalities’ shares before rounding"));
  return g_strdup_printf ("%.1f", ROW (item)->quota);
}

static int
quota_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  double qa = ROW (a)->quota, qb = ROW (b)->quota;

  if (isnan (qa) || isnan (qb))
    return isnan (qa) - isnan (qb);
  return (qa > qb) - (qa < qb);
}

static char *
request_text (gpointer item, gpointer data, char **tooltip)
{
  return count_or_dash (ROW (item)->request);
}

static int
request_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_int (ROW (a)->request, ROW (b)->request);
}

static char *
minors_text (gpointer item, gpointer data, char **tooltip)
{
  if (ROW (item)->request < 0)
    return g_strdup ("–");
  return bos_format_count (ROW (item)->ema_request);
}

static int
minors_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_int (ROW (a)->ema_request, ROW (b)->ema_request);
}

static char *
last_request_text (gpointer item, gpointer data, char **tooltip)
{
  return bos_format_figure (&ROW (item)->last_request_total, tooltip);
}

static int
last_request_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  return bos_figures_compare (&ROW (a)->last_request_total, &ROW (b)->last_request_total);
}

static char *
last_decision_text (gpointer item, gpointer data, char **tooltip)
{
  return bos_format_figure (&ROW (item)->last_decision_total, tooltip);
}

static int
last_decision_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  return bos_figures_compare (&ROW (a)->last_decision_total, &ROW (b)->last_decision_total);
}

static gboolean
has_change (BosDistributionRow *row,
            gint64             *change)
{
  if (row->request < 0 || row->last_request < 0)
    return FALSE;
  *change = row->request - row->last_request;
  return TRUE;
}

static char *
change_text (gpointer item, gpointer data, char **tooltip)
{
  gint64 change;
  g_autofree char *number = NULL;

  if (!has_change (ROW (item), &change))
    return g_strdup ("–");
  if (change == 0)
    return g_strdup ("0");
  number = bos_format_count (ABS (change));
  /* U+2212 MINUS SIGN */
  return g_strconcat (change > 0 ? "+" : "−", number, NULL);
}

static const char *
change_class (gpointer item, gpointer data)
{
  gint64 change;

  if (!has_change (ROW (item), &change) || change == 0)
    return NULL;
  return change > 0 ? "diff-up" : "diff-down";
}

static int
change_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  gint64 ca = G_MININT64, cb = G_MININT64;

  has_change (ROW (a), &ca);
  has_change (ROW (b), &cb);
  return compare_int (ca, cb);
}

static char *
settings_text (gpointer item, gpointer data, char **tooltip)
{
  BosDistributionRow *row = ROW (item);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (row->locked)
    g_ptr_array_add (parts, g_strdup (_("locked")));
  if (row->excluded)
    g_ptr_array_add (parts, g_strdup (_("excluded")));
  if (row->included)
    g_ptr_array_add (parts, g_strdup (_("included")));
  if (row->capped)
    g_ptr_array_add (parts, g_strdup (_("capped")));
  if (row->adjusted)
    g_ptr_array_add (parts, g_strdup (_("adjusted")));
  if (row->no_minors)
    g_ptr_array_add (parts, g_strdup (_("no minors")));
  if (parts->len == 0)
    return g_strdup ("");
  if (tooltip != NULL && row->lock_note != NULL)
    *tooltip = g_strdup (row->lock_note);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static const char *
settings_class (gpointer item, gpointer data)
{
  return ROW (item)->locked ? "locked" : NULL;
}

static char *
reason_text (gpointer item, gpointer data, char **tooltip)
{
  BosDistributionRow *row = ROW (item);

  if (row->request < 0)
    return g_strdup ("");
  if (tooltip != NULL && row->reason != NULL)
    *tooltip = g_strdup (row->reason);
  if (row->constraint == BOS_CONSTRAINT_LOCKED && row->lock_note != NULL)
    /* Translators: "Locked: why", e.g. "Locked: agreed in the meeting" */
    return g_strdup_printf (_("Locked: %s"), row->lock_note);
  return g_strdup (bos_distribution_row_constraint_text (row->constraint));
}

static int
reason_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  int cmp = (int) ROW (a)->constraint - (int) ROW (b)->constraint;

  return cmp != 0 ? cmp : code_compare (a, b, data);
}

static void
build_county_columns (BosDistributionPage *self)
{
  g_autofree char *request_title = NULL;
  g_autofree char *decision_title = NULL;
  GtkColumnViewColumn *name;

  bos_table_remove_columns (self->county_view);

  if (self->history_year > 0)
    {
      /* Translators: column titles on two lines, e.g. "Request\n2020" */
      request_title = g_strdup_printf (_("Request\n%d"), self->history_year);
      decision_title = g_strdup_printf (_("Decision\n%d"), self->history_year);
    }
  else
    {
      request_title = g_strdup (_("Request\nlast year"));
      decision_title = g_strdup (_("Decision\nlast year"));
    }

  name = bos_table_live_column_new (_("County"), BOS_TABLE_TEXT, 170, name_text, NULL,
                                    name_compare, NULL);
  gtk_column_view_column_set_expand (name, TRUE);
  bos_table_append_column (self->county_view, name);
  bos_table_append_column (self->county_view,
                           bos_table_live_column_new (_("Population"), BOS_TABLE_NUMBER, 110,
                                                      population_text, NULL, population_compare,
                                                      NULL));
  bos_table_append_column (self->county_view,
                           bos_table_live_column_new (_("Quota"), BOS_TABLE_NUMBER, 90, quota_text,
                                                      NULL, quota_compare, NULL));
  bos_table_append_column (self->county_view,
                           bos_table_live_column_new (_("Request"), BOS_TABLE_NUMBER, 100,
                                                      request_text, NULL, request_compare, NULL));
  bos_table_append_column (self->county_view,
                           bos_table_live_column_new (_("Of which\nminors"), BOS_TABLE_NUMBER, 90,
                                                      minors_text, NULL, minors_compare, NULL));
  bos_table_append_column (self->county_view,
                           bos_table_live_column_new (request_title, BOS_TABLE_NUMBER, 100,
                                                      last_request_text, NULL, last_request_compare,
                                                      NULL));
  bos_table_append_column (self->county_view,
                           bos_table_live_column_new (decision_title, BOS_TABLE_NUMBER, 90,
                                                      last_decision_text, NULL,
                                                      last_decision_compare, NULL));
}

static void
build_municipality_columns (BosDistributionPage *self)
{
  g_autofree char *request_title = NULL;
  g_autofree char *change_title = NULL;
  GtkColumnViewColumn *code, *reason;

  bos_table_remove_columns (self->municipality_view);

  if (self->history_year > 0)
    {
      request_title = g_strdup_printf (_("Request\n%d"), self->history_year);
      /* Translators: the change against a year's request, e.g. "Change\nfrom 2020" */
      change_title = g_strdup_printf (_("Change\nfrom %d"), self->history_year);
    }
  else
    {
      request_title = g_strdup (_("Request\nlast year"));
      change_title = g_strdup (_("Change"));
    }

  code = bos_table_live_column_new (_("Number"), BOS_TABLE_CODE, 95, code_text, NULL,
                                    code_compare, NULL);
  bos_table_append_column (self->municipality_view, g_object_ref (code));
  bos_table_append_column (self->municipality_view,
                           bos_table_live_column_new (_("Name"), BOS_TABLE_TEXT, 150, name_text,
                                                      NULL, name_compare, NULL));
  bos_table_append_column (self->municipality_view,
                           bos_table_live_column_new (_("Population"), BOS_TABLE_NUMBER, 100,
                                                      population_text, NULL, population_compare,
                                                      NULL));
  bos_table_append_column (self->municipality_view,
                           bos_table_live_column_new (_("Request"), BOS_TABLE_NUMBER, 100,
                                                      request_text, NULL, request_compare, NULL));
  bos_table_append_column (self->municipality_view,
                           bos_table_live_column_new (_("Of which\nminors"), BOS_TABLE_NUMBER, 90,
                                                      minors_text, NULL, minors_compare, NULL));
  bos_table_append_column (self->municipality_view,
                           bos_table_live_column_new (request_title, BOS_TABLE_NUMBER, 100,
                                                      last_request_text, NULL, last_request_compare,
                                                      NULL));
  bos_table_append_column (self->municipality_view,
                           bos_table_live_column_new (change_title, BOS_TABLE_NUMBER, 90,
                                                      change_text, change_class, change_compare,
                                                      NULL));
  bos_table_append_column (self->municipality_view,
                           bos_table_live_column_new (_("Settings"), BOS_TABLE_TEXT, 120,
                                                      settings_text, settings_class, NULL, NULL));
  reason = bos_table_live_column_new (_("Why"), BOS_TABLE_TEXT, 220, reason_text, NULL,
                                      reason_compare, NULL);
  gtk_column_view_column_set_expand (reason, TRUE);
  bos_table_append_column (self->municipality_view, reason);

  gtk_column_view_sort_by_column (self->municipality_view, code, GTK_SORT_ASCENDING);
  g_object_unref (code);
}

/* ------------------------------------------------------------------------ */
/* Messages                                                                 */

static void
show_message (BosDistributionPage *self,
              const char          *message)
{
  if (message != NULL)
    gtk_label_set_text (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
toast (BosDistributionPage *self,
       const char          *message)
{
  if (!bos_page_show_toast (BOS_PAGE (self), message))
    show_message (self, message);
}

/* ------------------------------------------------------------------------ */
/* The rows                                                                 */

static gboolean
same_codes (GListStore              *rows,
            const BosApportionInput *input)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));

  if (input == NULL || n != input->municipalities->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosDistributionRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);

      if (!g_str_equal (row->code, m->code))
        return FALSE;
    }
  return TRUE;
}

static BosHistoryTotal
history_total (BosHistoryTotals *totals,
               const char       *code,
               BosHistoryKind    kind,
               int               year)
{
  BosHistoryTotal missing = BOS_HISTORY_TOTAL_INIT;

  if (totals == NULL)
    return missing;
  return bos_history_totals_get (totals, code, kind, year);
}

static void
set_history (BosDistributionRow *row,
             BosHistoryTotals   *totals,
             int                 year)
{
  row->last_request_total = history_total (totals, row->code, BOS_HISTORY_REQUEST, year);
  row->last_decision_total = history_total (totals, row->code, BOS_HISTORY_DECISION, year);
  /* The change against it only when it is known exactly */
  row->last_request = row->last_request_total.status == BOS_HISTORY_TOTAL_OK ?
    row->last_request_total.persons : -1;
  bos_distribution_row_changed (row);
}

/* The latest year before the plan's with requests recorded */
static int
find_history_year (BosDistributionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (self->store,
                            "SELECT max (year) FROM settlement_history "
                            "WHERE kind = 'request' AND status = 'ok' AND year < ?",
                            &error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, bos_plan_get_year (self->plan));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

static void
update_history (BosDistributionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosHistoryTotals) municipalities = NULL;
  g_autoptr(BosHistoryTotals) counties = NULL;
  guint n;

  if (self->history_year > 0)
    {
      municipalities = bos_history_totals_new_for_municipalities (self->store, self->history_year,
                                                                  self->history_year, &error);
      g_clear_error (&error);
      counties = bos_history_totals_new_for_counties (self->store, self->history_year,
                                                      self->history_year, &error);
      g_clear_error (&error);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->municipality_rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosDistributionRow) row = g_list_model_get_item (G_LIST_MODEL (self->municipality_rows), i);

      set_history (row, municipalities, self->history_year);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->county_rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosDistributionRow) row = g_list_model_get_item (G_LIST_MODEL (self->county_rows), i);

      set_history (row, counties, self->history_year);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
rebuild_rows (BosDistributionPage *self)
{
  g_autoptr(GPtrArray) municipalities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) counties = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) county_codes = g_ptr_array_new ();

  for (guint i = 0; i < self->input->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (self->input->municipalities, i);
      BosDistributionRow *row = bos_distribution_row_new (m->code, m->name, m->county);

      row->population = m->population;
      row->input_index = i;
      g_ptr_array_add (municipalities, row);
      if (!g_hash_table_contains (seen, m->county))
        {
          g_hash_table_add (seen, m->county);
          g_ptr_array_add (county_codes, m->county);
        }
    }
  g_ptr_array_sort (county_codes, compare_strings);

  g_hash_table_remove_all (self->county_row_by_code);
  for (guint c = 0; c < county_codes->len; c++)
    {
      const char *code = g_ptr_array_index (county_codes, c);
      const char *name = self->index ? bos_municipality_index_get_county_name (self->index, code) : NULL;
      BosDistributionRow *row = bos_distribution_row_new (code, name ? name : code, code);

      g_ptr_array_add (counties, row);
      g_hash_table_insert (self->county_row_by_code, row->code, row);
    }

  g_list_store_splice (self->municipality_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->municipality_rows)),
                       municipalities->pdata, municipalities->len);
  self->updating = TRUE;
  g_list_store_splice (self->county_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->county_rows)),
                       counties->pdata, counties->len);
  self->updating = FALSE;
  update_history (self);
}

static void
update_municipalities_label (BosDistributionPage *self)
{
  BosDistributionRow *county = self->county_code ?
    g_hash_table_lookup (self->county_row_by_code, self->county_code) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->municipality_filtered));
  g_autofree char *text = NULL;
  g_autofree char *total = NULL;

  if (county == NULL)
    {
      gtk_label_set_text (self->municipalities_label, _("Select a county"));
      return;
    }
  total = count_or_dash (county->request);
  /* Translators: e.g. "Vestfold: 238 persons in 12 municipalities" */
  text = g_strdup_printf (ngettext ("%s: %s in %u municipality", "%s: %s in %u municipalities", n),
                          county->name, total, n);
  gtk_label_set_text (self->municipalities_label, text);
}

static gboolean
municipality_filter_func (gpointer item,
                          gpointer user_data)
{
  BosDistributionPage *self = user_data;

  return self->county_code != NULL && g_str_equal (ROW (item)->county, self->county_code);
}

static void
county_selected_cb (BosDistributionPage *self)
{
  g_autoptr(BosDistributionRow) row = NULL;
  guint selected;

  if (self->updating)
    return;
  selected = gtk_single_selection_get_selected (self->county_selection);
  row = selected != GTK_INVALID_LIST_POSITION ?
    g_list_model_get_item (G_LIST_MODEL (self->county_selection), selected) : NULL;
  if (row != NULL && g_strcmp0 (row->code, self->county_code) == 0)
    return;
  g_free (self->county_code);
  self->county_code = row ? g_strdup (row->code) : NULL;
  gtk_filter_changed (GTK_FILTER (self->municipality_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_municipalities_label (self);
  bos_county_chart_set_selected (self->chart, row ? (int) selected : -1);
}

static void
chart_county_activated_cb (BosDistributionPage *self,
                           guint                index)
{
  gtk_single_selection_set_selected (self->county_selection, index);
}

/* ------------------------------------------------------------------------ */
/* The run                                                                  */

static void
update_summary (BosDistributionPage *self)
{
  g_autofree char *need = NULL;
  g_autofree char *minors = NULL;
  g_autofree char *text = NULL;
  guint asked = 0;

  if (self->input == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }
  need = bos_format_count (self->input->need);
  minors = bos_format_count (self->input->ema_need);
  if (self->result != NULL)
    for (guint i = 0; i < self->result->n_municipalities; i++)
      asked += self->result->municipalities[i].request > 0;

  if (bos_plan_get_scope (self->plan) != NULL &&
      !g_str_equal (bos_plan_get_scope (self->plan), BOS_PLAN_SCOPE_NATIONAL))
    /* Translators: a county plan's total; "County total 400, of which 20 minors · 9 asked" */
    text = g_strdup_printf (ngettext ("County total %s, of which %s minors · %u municipality asked",
                                      "County total %s, of which %s minors · %u municipalities asked",
                                      asked),
                            need, minors, asked);
  else
    /* Translators: "Need 5 000, of which 200 minors · 180 municipalities asked" */
    text = g_strdup_printf (ngettext ("Need %s, of which %s minors · %u municipality asked",
                                      "Need %s, of which %s minors · %u municipalities asked",
                                      asked),
                            need, minors, asked);
  gtk_label_set_text (self->summary_label, text);
}

static void
update_chart (BosDistributionPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->county_rows));
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree gint64 *requests = g_new0 (gint64, MAX (n, 1));
  g_autofree gint64 *last = g_new0 (gint64, MAX (n, 1));
  g_autofree char *scenario_name = NULL;
  g_autofree char *last_name = NULL;
  gboolean any_last = FALSE;

  for (guint i = 0; i < n; i++)
    {
      BosDistributionRow *row = g_list_model_get_item (G_LIST_MODEL (self->county_rows), i);

      labels[i] = row->name;
      requests[i] = row->request;
      last[i] = bos_figures_is_known (&row->last_request_total) ?
        row->last_request_total.persons : -1;
      any_last |= last[i] >= 0;
      g_object_unref (row);  /* the store keeps it */
    }
  scenario_name = self->scenario ? bos_plan_scenario_dup_display_name (self->scenario) : NULL;
  if (any_last)
    /* Translators: the chart's legend for the requests of a year, e.g. "Request 2020" */
    last_name = g_strdup_printf (_("Request %d"), self->history_year);
  bos_county_chart_set_series (self->chart, scenario_name, last_name);
  bos_county_chart_set_data (self->chart, n, labels, requests, any_last ? last : NULL);
}

static void
set_row_result (BosDistributionRow          *row,
                const BosMunicipalityInput  *m,
                const BosMunicipalityResult *r)
{
  gboolean changed = FALSE;

#define SET(field, value) \
  G_STMT_START { if (row->field != (value)) { row->field = (value); changed = TRUE; } } G_STMT_END
  SET (request, r ? r->request : -1);
  SET (ema_request, r ? r->ema_request : 0);
  SET (constraint, r ? r->constraint : BOS_CONSTRAINT_NONE);
  SET (ema_constraint, r ? r->ema_constraint : BOS_CONSTRAINT_NONE);
  SET (population, m->population);
  SET (locked, m->locked >= 0);
  SET (excluded, m->excluded);
  SET (included, m->included);
  SET (capped, m->cap >= 0);
  SET (adjusted, m->adjustment != 1.0);
  SET (no_minors, !m->ema_capable);
#undef SET
  if (r != NULL && !(row->quota == r->quota || (isnan (row->quota) && isnan (r->quota))))
    {
      row->quota = r->quota;
      changed = TRUE;
    }
  if (g_strcmp0 (row->reason, r ? r->reason : NULL) != 0)
    {
      g_free (row->reason);
      row->reason = g_strdup (r ? r->reason : NULL);
      changed = TRUE;
    }
  if (g_strcmp0 (row->lock_note, m->lock_note) != 0)
    {
      g_free (row->lock_note);
      row->lock_note = g_strdup (m->lock_note);
      changed = TRUE;
    }
  if (changed)
    bos_distribution_row_changed (row);
}

static void
set_county_result (BosDistributionRow    *row,
                   const BosCountyResult *r)
{
  gint64 request = r ? r->request : -1;
  gint64 ema = r ? r->ema_request : 0;
  double quota = r ? r->quota : NAN;

  if (row->request == request && row->ema_request == ema &&
      (row->quota == quota || (isnan (quota) && isnan (row->quota))) &&
      (r == NULL || row->population == r->population))
    return;
  row->request = request;
  row->ema_request = ema;
  row->quota = quota;
  if (r != NULL)
    row->population = r->population;
  bos_distribution_row_changed (row);
}

/* Runs the distribution on self->input and shows the result in place */
static void
recompute (BosDistributionPage *self)
{
  g_autoptr(GError) error = NULL;
  guint n;

  g_clear_pointer (&self->result, bos_apportion_result_free);
  if (self->input == NULL)
    return;

  self->result = bos_apportion_run (self->input, &error);
  self->n_runs++;
  if (self->result == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, e.g. "locked requests exceed the need by 40 persons" */
      message = g_strdup_printf (_("The need cannot be distributed with these settings: %s"),
                                 error->message);
      show_message (self, message);
    }
  else
    show_message (self, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->municipality_rows));
  for (guint i = 0; i < n && i < self->input->municipalities->len; i++)
    {
      BosDistributionRow *row = g_list_model_get_item (G_LIST_MODEL (self->municipality_rows), i);

      set_row_result (row, g_ptr_array_index (self->input->municipalities, i),
                      self->result ? &self->result->municipalities[i] : NULL);
      g_object_unref (row);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->county_rows));
  for (guint i = 0; i < n; i++)
    {
      BosDistributionRow *row = g_list_model_get_item (G_LIST_MODEL (self->county_rows), i);
      const BosCountyResult *county = NULL;

      for (guint c = 0; self->result != NULL && c < self->result->n_counties; c++)
        if (g_str_equal (self->result->counties[c].county, row->code))
          county = &self->result->counties[c];
      set_county_result (row, county);
      g_object_unref (row);
    }

  update_chart (self);
  update_summary (self);
  update_municipalities_label (self);
}

/* ------------------------------------------------------------------------ */
/* Saving                                                                   */

static void
save_criteria (BosDistributionPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->scenario == NULL || self->input == NULL)
    return;
  self->own_writes++;
  if (!bos_plan_scenario_set_criteria (self->store, self->scenario, &self->input->criteria,
                                       NULL, &error))
    {
      /* Criteria the method refuses (e.g. all weights 0) stay unsaved
       * until they are fixed; the message says why. */
      if (!g_error_matches (error, BOS_ERROR, BOS_ERROR_INVALID))
        toast (self, error->message);
    }
  self->own_writes--;
}

static gboolean
save_timeout_cb (gpointer data)
{
  BosDistributionPage *self = data;

  self->save_source = 0;
  save_criteria (self);
  return G_SOURCE_REMOVE;
}

void
bos_distribution_page_save_now (BosDistributionPage *self)
{
  g_return_if_fail (BOS_IS_DISTRIBUTION_PAGE (self));

  if (self->save_source != 0)
    save_criteria (self);
}

static void
criteria_changed_cb (BosDistributionPage *self)
{
  if (self->input == NULL)
    return;
  bos_criteria_clear (&self->input->criteria);
  bos_criteria_copy (&self->input->criteria, bos_criteria_editor_get_criteria (self->criteria_editor));

  /* Factors on indicators without values for the plan year cannot run:
   * the message says so, and the run refuses them anyway. */
  for (guint k = 0; k < self->input->criteria.n_factors; k++)
    {
      const char *indicator = self->input->criteria.factors[k].indicator;

      if (!g_str_equal (indicator, BOS_INDICATOR_POPULATION) &&
          bos_apportion_input_find_indicator (self->input, indicator) < 0)
        bos_apportion_input_add_indicator (self->input, indicator);
    }

  recompute (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */

static void
update_chosen (BosDistributionPage *self)
{
  gboolean chosen = self->scenario != NULL &&
                    g_strcmp0 (self->chosen_id, bos_plan_scenario_get_id (self->scenario)) == 0;
  gboolean national = self->plan != NULL &&
                      g_str_equal (bos_plan_get_scope (self->plan), BOS_PLAN_SCOPE_NATIONAL);

  gtk_widget_set_visible (GTK_WIDGET (self->chosen_label), chosen);
  gtk_widget_set_visible (GTK_WIDGET (self->choose_button), self->scenario != NULL && !chosen);
  gtk_widget_set_visible (GTK_WIDGET (self->by_county_check), national);
  /* A county plan is its county: the municipalities and the total (in the
   * summary and above the table) are all there is to show */
  gtk_widget_set_visible (self->counties_box, national);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "distribution.delete",
                                 self->scenario != NULL && !chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "distribution.choose",
                                 self->scenario != NULL && !chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "distribution.by-county",
                                 self->scenario != NULL && national);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "distribution.compare",
                                 g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)) > 1);
  gtk_check_button_set_active (self->by_county_check,
                               self->scenario != NULL &&
                               bos_plan_scenario_get_by_county (self->scenario));
}

static void
select_county (BosDistributionPage *self,
               const char          *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->county_rows));
  guint position = n > 0 ? 0 : GTK_INVALID_LIST_POSITION;

  for (guint i = 0; code != NULL && i < n; i++)
    {
      g_autoptr(BosDistributionRow) row = g_list_model_get_item (G_LIST_MODEL (self->county_rows), i);

      if (g_str_equal (row->code, code))
        position = i;
    }
  gtk_single_selection_set_selected (self->county_selection, position);
  county_selected_cb (self);
}

static void
load_scenario (BosDistributionPage *self,
               BosPlanScenario     *scenario)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) indicators = NULL;
  g_autofree char *keep_county = g_strdup (self->county_code);

  g_set_object (&self->scenario, scenario);
  g_clear_pointer (&self->result, bos_apportion_result_free);
  g_clear_pointer (&self->input, bos_apportion_input_free);
  if (scenario == NULL)
    return;

  self->input = bos_plan_scenario_build_input (self->store, scenario, &error);
  indicators = bos_indicator_list_names (self->store, bos_plan_get_year (self->plan), NULL);
  bos_criteria_editor_set_indicators (self->criteria_editor, (const char * const *) indicators,
                                      bos_plan_get_year (self->plan));
  bos_criteria_editor_set_criteria (self->criteria_editor, bos_plan_scenario_get_criteria (scenario));

  if (self->input == NULL)
    {
      /* e.g. a factor on an indicator without values for the plan year:
       * show the criteria so the planner can fix them */
      show_message (self, error->message);
      gtk_toggle_button_set_active (self->criteria_button, TRUE);
      return;
    }

  if (!same_codes (self->municipality_rows, self->input))
    {
      rebuild_rows (self);
      g_clear_pointer (&self->county_code, g_free);
    }
  if (self->county_code == NULL)
    select_county (self, keep_county);
  recompute (self);
}

static void
reload (BosDistributionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) scenarios = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BosPlanScenario) wanted = NULL;
  g_autofree char *keep_id = NULL;
  guint position = 0;
  guint n;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->save_source != 0)
    save_criteria (self);

  if (self->plan == NULL || self->store == NULL)
    {
      load_scenario (self, NULL);
      g_list_store_remove_all (self->scenarios);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  if (self->index == NULL)
    self->index = bos_municipality_index_load (self->store, NULL);

  if (g_strcmp0 (self->history_plan_id, bos_plan_get_id (self->plan)) != 0)
    {
      g_free (self->history_plan_id);
      self->history_plan_id = g_strdup (bos_plan_get_id (self->plan));
      self->history_year = find_history_year (self);
      build_county_columns (self);
      build_municipality_columns (self);
      g_list_store_remove_all (self->municipality_rows);
    }

  scenarios = bos_plan_scenario_list (self->store, bos_plan_get_id (self->plan), &error);
  if (scenarios == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Scenarios Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }
  g_free (self->chosen_id);
  self->chosen_id = bos_plan_dup_chosen_scenario_id (self->store, bos_plan_get_id (self->plan), NULL);

  keep_id = self->scenario ? g_strdup (bos_plan_scenario_get_id (self->scenario)) : NULL;
  n = g_list_model_get_n_items (scenarios);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (scenarios, i));
  for (int pass = 0; pass < 2 && wanted == NULL; pass++)
    for (guint i = 0; i < n && wanted == NULL; i++)
      if (g_strcmp0 (bos_plan_scenario_get_id (g_ptr_array_index (items, i)),
                     pass == 0 ? keep_id : self->chosen_id) == 0)
        {
          wanted = g_object_ref (g_ptr_array_index (items, i));
          position = i;
        }
  if (wanted == NULL && n > 0)
    wanted = g_object_ref (g_ptr_array_index (items, 0));

  self->updating = TRUE;
  g_list_store_splice (self->scenarios, 0, g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)),
                       items->pdata, items->len);
  gtk_drop_down_set_selected (self->scenario_dropdown, n > 0 ? position : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;

  if (wanted == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Scenario"));
      adw_status_page_set_description (self->empty_page,
                                       _("This plan has no distribution scenario yet."));
      load_scenario (self, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "distribution");
  load_scenario (self, wanted);
  update_chosen (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  BosDistributionPage *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (BosDistributionPage *self,
                  const char          *table,
                  BosStore            *store)
{
  static const char * const tables[] = {
    "scenario", "scenario_municipality", "indicator", "municipality", "population",
    "immigrant_share", "settlement_history", NULL
  };

  if (self->own_writes > 0 || self->plan == NULL || !g_strv_contains (tables, table))
    return;
  if (g_str_equal (table, "municipality"))
    g_clear_pointer (&self->index, bos_municipality_index_free);
  if (g_str_equal (table, "settlement_history"))
    g_clear_pointer (&self->history_plan_id, g_free);
  /* A meeting's agreement, an import or another window: several tables
   * may change at once, so reload once when they are done. */
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
scenario_selected_cb (BosDistributionPage *self)
{
  g_autoptr(BosPlanScenario) scenario = NULL;
  guint selected;

  if (self->updating)
    return;
  selected = gtk_drop_down_get_selected (self->scenario_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  scenario = g_list_model_get_item (G_LIST_MODEL (self->scenarios), selected);
  if (scenario == self->scenario)
    return;
  if (self->save_source != 0)
    save_criteria (self);
  load_scenario (self, scenario);
  update_chosen (self);
}

/* ------------------------------------------------------------------------ */
/* Municipality settings                                                    */

/**
 * bos_distribution_page_set_override:
 *
 * Stores a municipality's settings in the scenario shown and recomputes.
 */
gboolean
bos_distribution_page_set_override (BosDistributionPage        *self,
                                    const char                 *code,
                                    const BosScenarioOverride  *override,
                                    GError                    **error)
{
  BosMunicipalityInput *m = NULL;
  gboolean ok;

  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), FALSE);
  g_return_val_if_fail (code != NULL && override != NULL, FALSE);

  if (self->scenario == NULL || self->input == NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("No scenario is open"));
      return FALSE;
    }

  self->own_writes++;
  ok = bos_plan_scenario_set_override (self->store, bos_plan_scenario_get_id (self->scenario),
                                       code, override,
                                       override->locked >= 0 ? override->lock_reason : NULL, error);
  self->own_writes--;
  if (!ok)
    return FALSE;

  for (guint i = 0; i < self->input->municipalities->len && m == NULL; i++)
    if (g_str_equal (((BosMunicipalityInput *) g_ptr_array_index (self->input->municipalities, i))->code,
                     code))
      m = g_ptr_array_index (self->input->municipalities, i);
  if (m != NULL)
    {
      m->adjustment = override->adjustment;
      m->locked = override->locked;
      m->excluded = override->excluded;
      m->included = override->included;
      m->ema_capable = override->ema_capable;
      m->cap = override->cap;
      g_free (m->lock_note);
      m->lock_note = NULL;
      if (override->locked >= 0)
        m->lock_note = g_strdup (override->lock_reason && *override->lock_reason ?
                                 override->lock_reason : override->lock_source);
    }
  recompute (self);
  return TRUE;
}

static void
override_save_cb (BosOverrideDialog   *dialog,
                  BosScenarioOverride *override,
                  BosDistributionPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!bos_distribution_page_set_override (self, bos_override_dialog_get_code (dialog), override,
                                           &error))
    {
      show_message (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/**
 * bos_distribution_page_edit_municipality:
 *
 * Opens the settings of municipality @code in the scenario shown.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
bos_distribution_page_edit_municipality (BosDistributionPage *self,
                                         const char          *code)
{
  g_auto(BosScenarioOverride) override = { 0 };
  g_autoptr(GError) error = NULL;
  BosOverrideDialog *dialog;
  const char *name = code;
  gint64 request = -1;
  guint n;

  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (self->scenario == NULL)
    return NULL;
  if (!bos_plan_scenario_get_override (self->store, bos_plan_scenario_get_id (self->scenario), code,
                                       &override, &error))
    {
      show_message (self, error->message);
      return NULL;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->municipality_rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosDistributionRow) row = g_list_model_get_item (G_LIST_MODEL (self->municipality_rows), i);

      if (g_str_equal (row->code, code))
        {
          name = row->name;
          request = row->request;
          dialog = bos_override_dialog_new (bos_page_get_parent_window (BOS_PAGE (self)), code,
                                            name, &override, request);
          g_signal_connect_object (dialog, "save", G_CALLBACK (override_save_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return GTK_WINDOW (dialog);
        }
    }
  return NULL;
}

static void
municipality_activated_cb (BosDistributionPage *self,
                           guint                position)
{
  GtkSelectionModel *model = gtk_column_view_get_model (self->municipality_view);
  g_autoptr(BosDistributionRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

  if (row != NULL)
    bos_distribution_page_edit_municipality (self, row->code);
}

static void
edit_municipality_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  bos_distribution_page_edit_municipality (BOS_DISTRIBUTION_PAGE (widget),
                                           g_variant_get_string (parameter, NULL));
}

/* ------------------------------------------------------------------------ */
/* Scenarios                                                                */

typedef void (*NameCallback) (BosDistributionPage *self,
                              const char          *name);

static void
name_entry_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *text != '\0');
}

static void
name_entry_activate_cb (GtkEntry         *entry,
                        AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "ok"))
    adw_message_dialog_response (dialog, "ok");
}

static void
name_response_cb (AdwMessageDialog    *dialog,
                  const char          *response,
                  BosDistributionPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  NameCallback callback = (NameCallback) g_object_get_data (G_OBJECT (dialog), "bos-callback");

  if (g_str_equal (response, "ok"))
    callback (self, gtk_editable_get_text (entry));
}

static AdwMessageDialog *
ask_text (BosDistributionPage *self,
          const char          *heading,
          const char          *body,
          const char          *initial,
          const char          *ok_label,
          gboolean             required,
          NameCallback         callback)
{
  GtkWidget *dialog = adw_message_dialog_new (bos_page_get_parent_window (BOS_PAGE (self)),
                                              heading, body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "ok", ok_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "bos-callback", (gpointer) callback);
  if (required)
    {
      g_signal_connect (entry, "changed", G_CALLBACK (name_entry_changed_cb), dialog);
      name_entry_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
    }
  g_signal_connect (entry, "activate", G_CALLBACK (name_entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
show_scenario (BosDistributionPage *self,
               BosPlanScenario     *scenario)
{
  /* The store's signal reloads in an idle; reload now, showing @scenario */
  g_set_object (&self->scenario, scenario);
  reload (self);
}

static void
create_named (BosDistributionPage *self,
              const char          *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlanScenario) scenario = NULL;

  self->own_writes++;
  scenario = bos_plan_scenario_create (self->store, bos_plan_get_id (self->plan), name, NULL, &error);
  self->own_writes--;
  if (scenario == NULL)
    {
      toast (self, error->message);
      return;
    }
  show_scenario (self, scenario);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);

  if (self->plan == NULL)
    return;
  ask_text (self, _("New Scenario"),
            _("A new scenario starts from the default criteria, without locks or other settings."),
            "", _("C_reate"), TRUE, create_named);
}

static void
duplicate_named (BosDistributionPage *self,
                 const char          *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlanScenario) scenario = NULL;

  bos_distribution_page_save_now (self);
  self->own_writes++;
  scenario = bos_plan_scenario_duplicate (self->store, self->scenario, name, &error);
  self->own_writes--;
  if (scenario == NULL)
    {
      toast (self, error->message);
      return;
    }
  show_scenario (self, scenario);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);
  g_autofree char *display = NULL;
  g_autofree char *initial = NULL;

  if (self->scenario == NULL)
    return;
  display = bos_plan_scenario_dup_display_name (self->scenario);
  /* Translators: the suggested name of a copy, e.g. "Default (copy)" */
  initial = g_strdup_printf (_("%s (copy)"), display);
  ask_text (self, _("Duplicate Scenario"),
            _("The copy has the same criteria, locks and other settings."),
            initial, _("_Duplicate"), TRUE, duplicate_named);
}

static void
rename_named (BosDistributionPage *self,
              const char          *name)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->own_writes++;
  ok = bos_plan_scenario_rename (self->store, self->scenario, name, &error);
  self->own_writes--;
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  reload (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);
  g_autofree char *display = NULL;

  if (self->scenario == NULL)
    return;
  display = bos_plan_scenario_dup_display_name (self->scenario);
  ask_text (self, _("Rename Scenario"), NULL, display, _("_Rename"), TRUE, rename_named);
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    BosDistributionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *display = NULL;
  gboolean ok;

  if (!g_str_equal (response, "delete") || self->scenario == NULL)
    return;
  display = bos_plan_scenario_dup_display_name (self->scenario);
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->own_writes++;
  ok = bos_plan_scenario_delete (self->store, self->scenario, &error);
  self->own_writes--;
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  g_clear_object (&self->scenario);
  reload (self);
  /* Translators: %s is a scenario's name */
  message = g_strdup_printf (_("“%s” deleted"), display);
  toast (self, message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);
  g_autofree char *display = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->scenario == NULL)
    return;
  display = bos_plan_scenario_dup_display_name (self->scenario);
  /* Translators: %s is a scenario's name */
  heading = g_strdup_printf (_("Delete “%s”?"), display);
  dialog = adw_message_dialog_new (bos_page_get_parent_window (BOS_PAGE (self)), heading,
                                   _("Its criteria and the municipalities’ settings in it are "
                                     "deleted. The change log keeps what it was."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
choose_with_reason (BosDistributionPage *self,
                    const char          *why)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *message = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (why));
  gboolean ok;

  if (self->scenario == NULL)
    return;
  bos_distribution_page_save_now (self);
  ok = bos_plan_set_chosen_scenario (self->store, bos_plan_get_id (self->plan),
                                     bos_plan_scenario_get_id (self->scenario),
                                     *clean ? clean : NULL, &error);
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  g_free (self->chosen_id);
  self->chosen_id = g_strdup (bos_plan_scenario_get_id (self->scenario));
  update_chosen (self);
  display = bos_plan_scenario_dup_display_name (self->scenario);
  /* Translators: %s is a scenario's name */
  message = g_strdup_printf (_("“%s” now gives the plan’s proposed requests"), display);
  toast (self, message);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);
  g_autofree char *display = NULL;
  g_autofree char *heading = NULL;

  if (self->scenario == NULL)
    return;
  display = bos_plan_scenario_dup_display_name (self->scenario);
  /* Translators: %s is a scenario's name */
  heading = g_strdup_printf (_("Choose “%s” for the Plan?"), display);
  ask_text (self, heading,
            _("Its requests become the plan’s proposed requests, which the letters and the "
              "meetings use. The change is recorded with who made it, when and why. Why?"),
            "", _("C_hoose"), FALSE, choose_with_reason);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);
  GtkWindow *window;

  if (self->plan == NULL)
    return;
  bos_distribution_page_save_now (self);
  window = bos_scenario_compare_new (bos_page_get_parent_window (BOS_PAGE (self)), self->store,
                                     self->plan,
                                     self->scenario ? bos_plan_scenario_get_id (self->scenario) : NULL);
  gtk_window_present (window);
}

static void
by_county_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean by_county;
  gboolean ok;

  if (self->scenario == NULL || self->input == NULL)
    return;
  by_county = !bos_plan_scenario_get_by_county (self->scenario);
  self->own_writes++;
  ok = bos_plan_scenario_set_by_county (self->store, self->scenario, by_county, &error);
  self->own_writes--;
  if (!ok)
    {
      toast (self, error->message);
      update_chosen (self);
      return;
    }
  self->input->by_county = by_county;
  update_chosen (self);
  recompute (self);
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);

  gtk_window_present (bos_distribution_help_new (bos_page_get_parent_window (BOS_PAGE (self))));
}

static void
import_response_cb (GtkNativeDialog     *native,
                    int                  response,
                    BosDistributionPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      path = file ? g_file_get_path (file) : NULL;
      if (path != NULL)
        {
          self->own_writes++;
          scenario = bos_plan_scenario_import_file (self->store, bos_plan_get_id (self->plan), path,
                                                    NULL, &error);
          self->own_writes--;
          if (scenario == NULL)
            show_message (self, error->message);
          else
            {
              show_scenario (self, scenario);
              display = bos_plan_scenario_dup_display_name (scenario);
              /* Translators: %s is a scenario's name */
              message = g_strdup_printf (_("Imported “%s”: its criteria and the municipalities’ "
                                           "settings. The need and the figures are the plan’s "
                                           "and the reference data’s, not the file’s."), display);
              toast (self, message);
            }
        }
    }
  g_object_unref (native);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Scenario files (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = json_filter ();

  if (self->plan == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Import Scenario File"),
                                        bos_page_get_parent_window (BOS_PAGE (self)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_response_cb (GtkNativeDialog     *native,
                    int                  response,
                    BosDistributionPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autofree char *basename = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->scenario != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      path = file ? g_file_get_path (file) : NULL;
      bos_distribution_page_save_now (self);
      if (path != NULL && !bos_plan_scenario_export_file (self->store, self->scenario, path, &error))
        show_message (self, error->message);
      else if (path != NULL)
        {
          basename = g_path_get_basename (path);
          /* Translators: %s is a file name */
          message = g_strdup_printf (_("Saved “%s”"), basename);
          toast (self, message);
        }
    }
  g_object_unref (native);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = json_filter ();
  g_autofree char *display = NULL;
  g_autofree char *name = NULL;

  if (self->scenario == NULL)
    return;
  display = bos_plan_scenario_dup_display_name (self->scenario);
  name = g_strdup_printf ("%s %d.json", display, bos_plan_get_year (self->plan));
  g_strdelimit (name, "/\\:", '-');
  native = gtk_file_chooser_native_new (_("Export Scenario File"),
                                        bos_page_get_parent_window (BOS_PAGE (self)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
set_plan (BosDistributionPage *self,
          BosPlan             *plan)
{
  gboolean other_plan = plan == NULL || self->plan == NULL ||
                        !g_str_equal (bos_plan_get_id (plan), bos_plan_get_id (self->plan));

  /* The window sets a new plan object whenever any plan changes */
  if (!g_set_object (&self->plan, plan))
    return;
  if (other_plan)
    {
      if (self->save_source != 0 && self->scenario != NULL)
        save_criteria (self);
      g_clear_object (&self->scenario);
      g_clear_pointer (&self->county_code, g_free);
    }
  reload (self);
  g_object_notify (G_OBJECT (self), "plan");
}

static void
bos_distribution_page_dispose (GObject *object)
{
  BosDistributionPage *self = (BosDistributionPage *) object;

  if (self->save_source != 0)
    save_criteria (self);
  g_clear_handle_id (&self->reload_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOS_TYPE_DISTRIBUTION_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (bos_distribution_page_parent_class)->dispose (object);
}

static void
bos_distribution_page_finalize (GObject *object)
{
  BosDistributionPage *self = (BosDistributionPage *) object;

  g_clear_pointer (&self->result, bos_apportion_result_free);
  g_clear_pointer (&self->input, bos_apportion_input_free);
  g_clear_pointer (&self->index, bos_municipality_index_free);
  g_clear_pointer (&self->county_row_by_code, g_hash_table_unref);
  g_clear_object (&self->scenario);
  g_clear_object (&self->scenarios);
  g_clear_object (&self->county_rows);
  g_clear_object (&self->municipality_rows);
  g_clear_object (&self->county_selection);
  g_clear_object (&self->municipality_filtered);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);
  g_free (self->chosen_id);
  g_free (self->county_code);
  g_free (self->history_plan_id);

  G_OBJECT_CLASS (bos_distribution_page_parent_class)->finalize (object);
}

static void
bos_distribution_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (object);

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
bos_distribution_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BosDistributionPage *self = BOS_DISTRIBUTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      if (self->store != NULL)
        g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      break;
    case PROP_PLAN:
      set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_distribution_page_page_iface_init (BosPageInterface *iface)
{
}

static void
bos_distribution_page_class_init (BosDistributionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bos_distribution_page_dispose;
  object_class->finalize = bos_distribution_page_finalize;
  object_class->get_property = bos_distribution_page_get_property;
  object_class->set_property = bos_distribution_page_set_property;

  bos_page_install_properties (object_class, PROP_STORE, PROP_PLAN);

  g_type_ensure (BOS_TYPE_COUNTY_CHART);
  g_type_ensure (BOS_TYPE_CRITERIA_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-distribution-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BosDistributionPage, name)
  BIND (main_stack);
  BIND (empty_page);
  BIND (scenario_dropdown);
  BIND (chosen_label);
  BIND (choose_button);
  BIND (by_county_check);
  BIND (summary_label);
  BIND (criteria_button);
  BIND (message_revealer);
  BIND (message_label);
  BIND (counties_box);
  BIND (county_view);
  BIND (chart);
  BIND (municipalities_label);
  BIND (municipality_view);
  BIND (criteria_editor);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, scenario_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, criteria_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, municipality_activated_cb);

  gtk_widget_class_install_action (widget_class, "distribution.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "distribution.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "distribution.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "distribution.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "distribution.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "distribution.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "distribution.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "distribution.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "distribution.by-county", NULL, by_county_action);
  gtk_widget_class_install_action (widget_class, "distribution.help", NULL, help_action);
  gtk_widget_class_install_action (widget_class, "distribution.edit-municipality", "s",
                                   edit_municipality_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bos_distribution_page_init (BosDistributionPage *self)
{
  g_autoptr(GtkExpression) name = NULL;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->scenarios = g_list_store_new (BOS_TYPE_PLAN_SCENARIO);
  self->county_rows = g_list_store_new (BOS_TYPE_DISTRIBUTION_ROW);
  self->municipality_rows = g_list_store_new (BOS_TYPE_DISTRIBUTION_ROW);
  self->county_row_by_code = g_hash_table_new (g_str_hash, g_str_equal);

  name = gtk_property_expression_new (BOS_TYPE_PLAN_SCENARIO, NULL, "display-name");
  gtk_drop_down_set_expression (self->scenario_dropdown, name);
  gtk_drop_down_set_model (self->scenario_dropdown, G_LIST_MODEL (self->scenarios));

  /* Counties in county-number order */
  self->county_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->county_rows)));
  gtk_single_selection_set_autoselect (self->county_selection, TRUE);
  g_signal_connect_object (self->county_selection, "notify::selected",
                           G_CALLBACK (county_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->county_view, GTK_SELECTION_MODEL (self->county_selection));
  g_signal_connect_object (self->chart, "county-activated", G_CALLBACK (chart_county_activated_cb),
                           self, G_CONNECT_SWAPPED);

  /* The selected county's municipalities, sorted as the table says */
  self->municipality_filter = gtk_custom_filter_new (municipality_filter_func, self, NULL);
  self->municipality_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->municipality_rows)),
                                                           GTK_FILTER (self->municipality_filter));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->municipality_filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->municipality_view)));
  selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (self->municipality_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "distribution.compare", FALSE);
}

/* ------------------------------------------------------------------------ */
/* For tests and other pages                                                */

BosPlanScenario *
bos_distribution_page_get_scenario (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  return self->scenario;
}

gboolean
bos_distribution_page_set_scenario_id (BosDistributionPage *self,
                                       const char          *id)
{
  guint n;

  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->scenarios));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosPlanScenario) scenario = g_list_model_get_item (G_LIST_MODEL (self->scenarios), i);

      if (g_str_equal (bos_plan_scenario_get_id (scenario), id))
        {
          gtk_drop_down_set_selected (self->scenario_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

const BosApportionResult *
bos_distribution_page_get_result (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  return self->result;
}

const BosApportionInput *
bos_distribution_page_get_input (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  return self->input;
}

BosCriteriaEditor *
bos_distribution_page_get_criteria_editor (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  return self->criteria_editor;
}

BosCountyChart *
bos_distribution_page_get_chart (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  return self->chart;
}

GtkColumnView *
bos_distribution_page_get_county_view (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  return self->county_view;
}

GtkColumnView *
bos_distribution_page_get_municipality_view (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  return self->municipality_view;
}

GListModel *
bos_distribution_page_get_county_rows (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  return G_LIST_MODEL (self->county_rows);
}

GListModel *
bos_distribution_page_get_municipality_rows (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), NULL);
  return G_LIST_MODEL (gtk_column_view_get_model (self->municipality_view));
}

gboolean
bos_distribution_page_select_county (BosDistributionPage *self,
                                     const char          *county)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), FALSE);

  if (g_hash_table_lookup (self->county_row_by_code, county) == NULL)
    return FALSE;
  select_county (self, county);
  return TRUE;
}

guint
bos_distribution_page_get_n_runs (BosDistributionPage *self)
{
  g_return_val_if_fail (BOS_IS_DISTRIBUTION_PAGE (self), 0);
  return self->n_runs;
}

/**
 * bos_distribution_page_show_criteria:
 *
 * Shows or hides the criteria beside the tables.
 */
void
bos_distribution_page_show_criteria (BosDistributionPage *self,
                                     gboolean             show)
{
  g_return_if_fail (BOS_IS_DISTRIBUTION_PAGE (self));
  gtk_toggle_button_set_active (self->criteria_button, show);
}
