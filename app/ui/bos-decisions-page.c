/* bos-decisions-page.c: the municipalities' decisions on the open plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the left, how far the decisions registered so far cover the plan's
 * need (a big figure and a bar), what was requested and decided, the
 * answers outstanding and past the deadline; a chart of requested and
 * decided per county with the forecast's range; and the forecast of the
 * decisions on the plan's requests (bos_forecast_run_async(), 10,000
 * draws): the expected total, its 10th–90th percentile, the chance the
 * need is covered, the expected shortfall and the uplift of every request
 * that would make coverage 80 % likely, with the model explained in a
 * popover. On the right the same per county or per municipality in a
 * sortable table, answers past the deadline in red.
 *
 * Decisions are registered in BosDecisionDialog (a row's activation opens
 * it for that municipality) or imported from a CSV file in one
 * transaction; the page follows the store's changes.
 */
#define G_LOG_DOMAIN "bos-decisions-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-coverage-item.h"
#include "bos-date.h"
#include "bos-decision.h"
#include "bos-decisions-page.h"
#include "bos-format.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"
#include "bos-requests.h"
#include "bos-table.h"
#include "bos-window.h"

enum {
  FILTER_ALL,
  FILTER_OUTSTANDING,
  FILTER_OVERDUE,
  FILTER_DECIDED,
  FILTER_DECIDED_LESS,
};

struct _BosDecisionsPage
{
  GtkWidget             parent_instance;

  BosStore             *store;
  BosPlan              *plan;
  GListStore           *counties;
  GListStore           *municipalities;
  GtkCustomFilter      *county_filter;
  GtkCustomFilter      *municipality_filter;
  GtkSingleSelection   *county_selection;
  GtkSingleSelection   *municipality_selection;
  GArray               *requests;
  BosCoverage          *coverage;
  BosForecastResult    *forecast;
  GArray               *forecast_requests;   /* what the forecast ran (or runs) for */
  gint64                forecast_need;
  int                   forecast_year;
  GCancellable         *forecast_cancellable;
  char                 *view;
  char                 *search;
  gboolean              needs_reload;
  gboolean              disposed;
  guint                 reload_source;
  GtkFileChooserNative *file_chooser;

  /* template children */
  GtkStack             *stack;
  AdwStatusPage        *error_status;
  GtkLabel             *summary_label;
  GtkLabel             *coverage_label;
  GtkLabel             *coverage_detail_label;
  GtkProgressBar       *coverage_bar;
  GtkLabel             *requested_label;
  GtkLabel             *decided_label;
  GtkLabel             *outstanding_label;
  GtkLabel             *overdue_label;
  BosCoverageChart     *chart;
  GtkSpinner           *forecast_spinner;
  GtkLabel             *expected_label;
  GtkLabel             *range_label;
  GtkLabel             *p_cover_label;
  GtkLabel             *shortfall_label;
  GtkLabel             *uplift_label;
  GtkLabel             *forecast_note_label;
  GtkLabel             *forecast_help_label;
  GtkDropDown          *filter_dropdown;
  GtkSearchEntry       *search_entry;
  GtkStack             *table_stack;
  GtkColumnView        *county_view;
  GtkColumnView        *municipality_view;
};

static void bos_decisions_page_page_iface_init (BosPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BosDecisionsPage, bos_decisions_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BOS_TYPE_PAGE,
                                                      bos_decisions_page_page_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ------------------------------------------------------------- */

static GtkWindow *
parent_window (BosDecisionsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (BosDecisionsPage *self,
            const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (BOS_IS_WINDOW (root))
    bos_window_show_toast (BOS_WINDOW (root), message);
}

static void
show_error (BosDecisionsPage *self,
            const char       *heading,
            const char       *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
format_percent (double fraction)
{
  if (isnan (fraction))
    return g_strdup ("–");
  /* A little is not nothing: 0.5 % stays 0.5 %, not 0 %. */
  if (fraction > 0.0 && fraction < 0.095)
    /* Translators: a small percentage, "0.5 %" */
    return g_strdup_printf (_("%.1f %%"), 100.0 * fraction);
  /* Translators: a percentage, "64 %" */
  return g_strdup_printf (_("%.0f %%"), 100.0 * fraction);
}

static char *
format_rounded (double value)
{
  if (isnan (value))
    return g_strdup ("");
  return bos_format_count ((gint64) round (value));
}

static char *
format_date (const char *iso)
{
  GDate date;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || !bos_date_parse (iso, &date, NULL))
    return g_strdup (iso ? iso : "");
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
  /* Translators: a short date in the decisions table, g_date_time_format() */
  return g_date_time_format (dt, C_("short date", "%-d %b %Y"));
}

static int
compare_int64 (gint64 x,
               gint64 y)
{
  return (x > y) - (x < y);
}

static int
compare_double (double x,
                double y)
{
  /* A missing figure sorts first. */
  if (isnan (x) || isnan (y))
    return isnan (x) - isnan (y) ? (isnan (x) ? -1 : 1) : 0;
  return (x > y) - (x < y);
}

/* ---- the figures --------------------------------------------------------- */

static void
update_figures (BosDecisionsPage *self)
{
  const BosCoverageTotals *national = &self->coverage->national;
  g_autofree char *percent = format_percent (self->coverage->coverage);
  g_autofree char *decided = bos_format_count (national->decided);
  g_autofree char *need = bos_format_count (self->coverage->need);
  g_autofree char *requested = bos_format_count (national->request);
  g_autofree char *outstanding = g_strdup_printf ("%u", national->n_outstanding);
  g_autofree char *overdue = g_strdup_printf ("%u", national->n_overdue);
  g_autofree char *detail = NULL;
  g_autofree char *answered = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *summary = NULL;

  gtk_label_set_text (self->coverage_label, percent);
  /* Translators: under the coverage figure; decided, then the need */
  detail = g_strdup_printf (_("%s decided of a need of %s"), decided, need);
  gtk_label_set_text (self->coverage_detail_label, detail);
  gtk_progress_bar_set_fraction (self->coverage_bar,
                                 isnan (self->coverage->coverage) ? 0.0
                                                                   : MIN (self->coverage->coverage, 1.0));
  gtk_label_set_text (self->requested_label, requested);
  gtk_label_set_text (self->decided_label, decided);
  gtk_label_set_text (self->outstanding_label, outstanding);
  gtk_label_set_text (self->overdue_label, overdue);
  if (national->n_overdue > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->overdue_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->overdue_label), "error");

  /* Translators: the decisions summary; answered, asked */
  answered = g_strdup_printf (ngettext ("%u of %u municipality has answered",
                                        "%u of %u municipalities have answered",
                                        national->n_requested),
                              national->n_requested - national->n_outstanding,
                              national->n_requested);
  if (self->coverage->has_deadline)
    {
      g_autofree char *iso = bos_date_to_iso (&self->coverage->deadline);
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&self->coverage->deadline),
                                                       g_date_get_month (&self->coverage->deadline),
                                                       g_date_get_day (&self->coverage->deadline),
                                                       12, 0, 0);
      /* Translators: a date in the decisions summary, g_date_time_format() */
      g_autofree char *date = dt ? g_date_time_format (dt, C_("long date", "%-d %B %Y")) : g_strdup (iso);

      /* Translators: %s is the answer deadline */
      deadline = g_strdup_printf (_("answer deadline %s"), date);
    }
  else
    deadline = g_strdup (_("no answer deadline in the calendar"));
  /* Translators: the two parts of the decisions summary */
  summary = g_strdup_printf (_("%s · %s"), answered, deadline);
  gtk_label_set_text (self->summary_label, summary);
}

static void
update_chart (BosDecisionsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->counties));
  g_autofree BosCoverageChartBar *bars = g_new0 (BosCoverageChartBar, MAX (n, 1));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      BosCoverageItem *item = g_list_model_get_item (G_LIST_MODEL (self->counties), i);

      g_ptr_array_add (keep, item);
      bars[i].label = bos_coverage_item_get_name (item);
      bars[i].requested = bos_coverage_item_get_request (item);
      bars[i].decided = bos_coverage_item_get_decided (item);
      bars[i].expected = bos_coverage_item_get_expected (item);
      bars[i].p10 = bos_coverage_item_get_p10 (item);
      bars[i].p90 = bos_coverage_item_get_p90 (item);
    }
  bos_coverage_chart_set_bars (self->chart, bars, n);
}

static void
update_forecast_figures (BosDecisionsPage *self)
{
  const BosForecastResult *result = self->forecast;
  g_autofree char *expected = NULL;
  g_autofree char *range = NULL;
  g_autofree char *p_cover = NULL;
  g_autofree char *shortfall = NULL;
  g_autofree char *uplift = NULL;
  g_autofree char *note = NULL;

  if (result == NULL)
    {
      const char *waiting = self->forecast_cancellable != NULL ? "…" : "–";

      gtk_label_set_text (self->expected_label, waiting);
      gtk_label_set_text (self->range_label, waiting);
      gtk_label_set_text (self->p_cover_label, waiting);
      gtk_label_set_text (self->shortfall_label, waiting);
      gtk_label_set_text (self->uplift_label, waiting);
      return;
    }

  expected = format_rounded (result->total_expected);
  {
    g_autofree char *p10 = bos_format_count (result->total_p10);
    g_autofree char *p90 = bos_format_count (result->total_p90);

    /* Translators: a range of numbers, "4 300–4 900" */
    range = g_strdup_printf (_("%s–%s"), p10, p90);
  }
  p_cover = format_percent (result->p_cover);
  shortfall = format_rounded (result->expected_shortfall);
  if (isnan (result->uplift))
    uplift = g_strdup (_("Not reachable by raising the requests"));
  else if (result->uplift <= 1.0)
    uplift = g_strdup (_("None needed"));
  else
    /* Translators: how much every request would have to rise, "+8 % on every request" */
    uplift = g_strdup_printf (_("+%.0f %% on every request"), 100.0 * (result->uplift - 1.0));

  gtk_label_set_text (self->expected_label, expected);
  gtk_label_set_text (self->range_label, range);
  gtk_label_set_text (self->p_cover_label, p_cover);
  gtk_label_set_text (self->shortfall_label, shortfall);
  gtk_label_set_text (self->uplift_label, uplift);

  {
    g_autofree char *need = bos_format_count (result->need);
    g_autofree char *requested = bos_format_count (result->total_request);
    g_autofree char *draws = bos_format_count (result->n_draws);

    /* Translators: under the forecast; the need, the sum of the requests,
     * the last year of history used, the number of draws */
    note = g_strdup_printf (_("For a need of %s and requests of %s, from the decisions up to %d; "
                              "%s draws."), need, requested, result->target_year - 1, draws);
  }
  gtk_label_set_text (self->forecast_note_label, note);
}

static void
apply_forecast (BosDecisionsPage *self)
{
  guint n;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->counties));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosCoverageItem) item = g_list_model_get_item (G_LIST_MODEL (self->counties), i);
      const BosForecastCounty *county = NULL;

      for (guint c = 0; self->forecast != NULL && c < self->forecast->counties->len; c++)
        if (g_str_equal (g_array_index (self->forecast->counties, BosForecastCounty, c).county_code,
                         bos_coverage_item_get_code (item)))
          county = &g_array_index (self->forecast->counties, BosForecastCounty, c);
      if (county != NULL)
        bos_coverage_item_set_county_forecast (item, county);
      else
        bos_coverage_item_clear_forecast (item);
    }

  if (self->forecast != NULL)
    {
      g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint m = 0; m < self->forecast->municipalities->len; m++)
        {
          BosForecastMunicipality *row = &g_array_index (self->forecast->municipalities,
                                                         BosForecastMunicipality, m);

          g_hash_table_insert (by_code, row->code, row);
        }
      n = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BosCoverageItem) item = g_list_model_get_item (G_LIST_MODEL (self->municipalities), i);
          const BosForecastMunicipality *row = g_hash_table_lookup (by_code,
                                                                    bos_coverage_item_get_code (item));

          if (row != NULL && row->request > 0)
            bos_coverage_item_set_municipality_forecast (item, row);
          else
            bos_coverage_item_clear_forecast (item);
        }
    }
  else
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BosCoverageItem) item = g_list_model_get_item (G_LIST_MODEL (self->municipalities), i);

          bos_coverage_item_clear_forecast (item);
        }
    }

  update_chart (self);
  update_forecast_figures (self);
}

/* ---- the forecast -------------------------------------------------------- */

static void
forecast_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(BosDecisionsPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BosForecastResult) forecast = bos_forecast_run_finish (BOS_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    return;

  g_clear_object (&self->forecast_cancellable);
  gtk_spinner_stop (self->forecast_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->forecast_spinner), FALSE);
  if (forecast == NULL)
    {
      gtk_label_set_text (self->forecast_note_label, error->message);
      update_forecast_figures (self);
      return;
    }
  g_clear_pointer (&self->forecast, bos_forecast_result_free);
  self->forecast = g_steal_pointer (&forecast);
  apply_forecast (self);
}

static gboolean
same_requests (GArray *a,
               GArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  return memcmp (a->data, b->data, (gsize) a->len * sizeof (BosRequest)) == 0;
}

/* Runs the forecast when the requests or the need changed. */
static void
start_forecast (BosDecisionsPage *self)
{
  BosForecastOptions options;
  gint64 need = bos_plan_get_need (self->plan);

  if (same_requests (self->requests, self->forecast_requests) && need == self->forecast_need &&
      bos_plan_get_year (self->plan) == self->forecast_year)
    return;

  if (self->forecast_cancellable != NULL)
    g_cancellable_cancel (self->forecast_cancellable);
  g_clear_object (&self->forecast_cancellable);
  g_clear_pointer (&self->forecast, bos_forecast_result_free);
  g_clear_pointer (&self->forecast_requests, g_array_unref);
  self->forecast_requests = g_array_ref (self->requests);
  self->forecast_need = need;
  self->forecast_year = bos_plan_get_year (self->plan);
  self->forecast_cancellable = g_cancellable_new ();

  gtk_label_set_text (self->forecast_note_label, _("Simulating the decisions…"));
  gtk_widget_set_visible (GTK_WIDGET (self->forecast_spinner), TRUE);
  gtk_spinner_start (self->forecast_spinner);
  apply_forecast (self);

  bos_forecast_options_init (&options);
  options.n_draws = 10000;
  bos_forecast_run_async (self->store, bos_plan_get_year (self->plan), self->requests, need,
                          &options, self->forecast_cancellable, forecast_done_cb,
                          g_object_ref (self));
}

/* ---- loading ------------------------------------------------------------- */

/* Puts @items in @store unless it holds them already (the same items in
 * the same order), so the tables keep their place. */
static void
merge_items (GListStore *store,
             GPtrArray  *items)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  gboolean same = n_old == items->len;

  for (guint i = 0; same && i < n_old; i++)
    {
      g_autoptr(BosCoverageItem) old = g_list_model_get_item (G_LIST_MODEL (store), i);

      same = old == g_ptr_array_index (items, i);
    }
  if (!same)
    g_list_store_splice (store, 0, n_old, items->pdata, items->len);
}

/* Code → item of what @model holds (borrowed) */
static GHashTable *
index_items (GListModel *model)
{
  GHashTable *items = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BosCoverageItem) item = g_list_model_get_item (model, i);

      g_hash_table_insert (items, (gpointer) bos_coverage_item_get_code (item), item);
    }
  return items;
}

static BosCoverageItem *
reuse_or_new (GHashTable *existing,
              gboolean    is_county,
              const char *code,
              const char *name,
              const char *county_name)
{
  BosCoverageItem *item = g_hash_table_lookup (existing, code);

  if (item != NULL)
    return g_object_ref (item);
  return bos_coverage_item_new (is_county, code, name, county_name);
}

static void
reload (BosDecisionsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(GListModel) decisions = NULL;
  g_autoptr(GHashTable) dates = NULL;
  g_autoptr(GPtrArray) counties = NULL;
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GHashTable) old_counties = NULL;
  g_autoptr(GHashTable) old_municipalities = NULL;
  BosCoverage *coverage;
  const char *plan_id;
  GDate today;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->needs_reload = FALSE;

  if (self->plan == NULL)
    {
      g_list_store_remove_all (self->counties);
      g_list_store_remove_all (self->municipalities);
      g_clear_pointer (&self->coverage, bos_coverage_free);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  plan_id = bos_plan_get_id (self->plan);
  bos_date_set_today (&today);

  g_clear_pointer (&self->requests, g_array_unref);
  self->requests = bos_requests_for_plan (self->store, plan_id, &error);
  coverage = self->requests != NULL
             ? bos_decision_coverage (self->store, plan_id, self->requests, NULL, &today, &error)
             : NULL;
  if (coverage == NULL ||
      (index = bos_municipality_index_load (self->store, &error)) == NULL ||
      (decisions = bos_decision_list (self->store, plan_id, &error)) == NULL)
    {
      g_clear_pointer (&coverage, bos_coverage_free);
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->coverage, bos_coverage_free);
  self->coverage = coverage;

  dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr(BosDecision) decision = g_list_model_get_item (decisions, i);

      if (bos_decision_get_decided_on (decision) != NULL)
        g_hash_table_insert (dates, g_strdup (bos_decision_get_code (decision)),
                             g_strdup (bos_decision_get_decided_on (decision)));
    }

  old_counties = index_items (G_LIST_MODEL (self->counties));
  old_municipalities = index_items (G_LIST_MODEL (self->municipalities));
  counties = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < coverage->counties->len; i++)
    {
      const BosCoverageTotals *totals = &g_array_index (coverage->counties, BosCoverageTotals, i);
      const char *name = bos_municipality_index_get_county_name (index, totals->county_code);
      BosCoverageItem *item;

      if (totals->n_requested == 0 && totals->n_decided == 0)
        continue;
      item = reuse_or_new (old_counties, TRUE, totals->county_code,
                           name ? name : totals->county_code, NULL);
      bos_coverage_item_set_totals (item, totals);
      g_ptr_array_add (counties, item);
    }

  municipalities = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < coverage->municipalities->len; i++)
    {
      const BosCoverageRow *row = &g_array_index (coverage->municipalities, BosCoverageRow, i);
      const BosMunicipalityInfo *info = bos_municipality_index_lookup (index, row->code);
      BosCoverageItem *item;

      if ((row->request <= 0 && !row->has_decision) || info == NULL)
        continue;
      item = reuse_or_new (old_municipalities, FALSE, row->code, info->name,
                           info->county_name);
      bos_coverage_item_set_row (item, row, g_hash_table_lookup (dates, row->code));
      g_ptr_array_add (municipalities, item);
    }

  merge_items (self->counties, counties);
  merge_items (self->municipalities, municipalities);

  update_figures (self);
  gtk_stack_set_visible_child_name (self->stack, "decisions");
  start_forecast (self);
  apply_forecast (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  BosDecisionsPage *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Reloads soon when shown, else when next shown. */
static void
request_reload (BosDecisionsPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->needs_reload = TRUE;
      return;
    }
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

/* ---- callbacks ----------------------------------------------------------- */

static void
store_changed_cb (BosDecisionsPage *self,
                  const char       *table,
                  BosStore         *store)
{
  /* What the decisions do not depend on */
  if (g_str_has_prefix (table, "letter") || g_str_has_prefix (table, "meeting") ||
      g_str_has_prefix (table, "sync") || g_str_equal (table, "agenda_item"))
    return;
  request_reload (self);
}

static gboolean
matches_search (BosDecisionsPage *self,
                BosCoverageItem  *item)
{
  if (self->search == NULL || *self->search == '\0')
    return TRUE;
  return g_str_has_prefix (bos_coverage_item_get_code (item), self->search) ||
         g_str_match_string (self->search, bos_coverage_item_get_name (item), TRUE) ||
         g_str_match_string (self->search, bos_coverage_item_get_county_name (item), TRUE);
}

static gboolean
county_filter_func (gpointer item,
                    gpointer data)
{
  return matches_search (data, item);
}

static gboolean
municipality_filter_func (gpointer item,
                          gpointer data)
{
  BosDecisionsPage *self = data;
  BosAnswerStatus status = bos_coverage_item_get_status (item);

  if (!matches_search (self, item))
    return FALSE;
  switch (gtk_drop_down_get_selected (self->filter_dropdown))
    {
    case FILTER_OUTSTANDING:
      return status == BOS_ANSWER_OUTSTANDING || status == BOS_ANSWER_OVERDUE;
    case FILTER_OVERDUE:
      return status == BOS_ANSWER_OVERDUE;
    case FILTER_DECIDED:
      return bos_coverage_item_get_has_decision (item);
    case FILTER_DECIDED_LESS:
      return bos_coverage_item_get_has_decision (item) &&
             bos_coverage_item_get_decided (item) < bos_coverage_item_get_request (item);
    case FILTER_ALL:
    default:
      return TRUE;
    }
}

static void
filter_changed_cb (BosDecisionsPage *self)
{
  g_free (self->search);
  self->search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  gtk_filter_changed (GTK_FILTER (self->county_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->municipality_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
municipality_activated_cb (BosDecisionsPage *self,
                           guint             position)
{
  g_autoptr(BosCoverageItem) item =
    g_list_model_get_item (G_LIST_MODEL (self->municipality_selection), position);

  if (item != NULL)
    bos_decisions_page_register (self, bos_coverage_item_get_code (item));
}

/* A county's row shows its municipalities. */
static void
county_activated_cb (BosDecisionsPage *self,
                     guint             position)
{
  g_autoptr(BosCoverageItem) item =
    g_list_model_get_item (G_LIST_MODEL (self->county_selection), position);

  if (item == NULL)
    return;
  bos_decisions_page_set_view (self, "municipalities");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), bos_coverage_item_get_name (item));
  filter_changed_cb (self);
}

/* ---- the tables ---------------------------------------------------------- */

#define ITEM(x) ((BosCoverageItem *) (x))

static char *
code_text (gpointer item, gpointer data, char **tooltip)
{
  return g_strdup (bos_coverage_item_get_code (item));
}

static int
compare_code (gconstpointer a, gconstpointer b, gpointer data)
{
  return g_strcmp0 (bos_coverage_item_get_code (ITEM (a)), bos_coverage_item_get_code (ITEM (b)));
}

static char *
name_text (gpointer item, gpointer data, char **tooltip)
{
  return g_strdup (bos_coverage_item_get_name (item));
}

static int
compare_name (gconstpointer a, gconstpointer b, gpointer data)
{
  return g_utf8_collate (bos_coverage_item_get_name (ITEM (a)), bos_coverage_item_get_name (ITEM (b)));
}

/* A municipality's name, its county in the tooltip */
static char *
municipality_name_text (gpointer item, gpointer data, char **tooltip)
{
  if (tooltip != NULL && *bos_coverage_item_get_county_name (item) != '\0')
    *tooltip = g_strdup (bos_coverage_item_get_county_name (item));
  return g_strdup (bos_coverage_item_get_name (item));
}

static char *
request_text (gpointer item, gpointer data, char **tooltip)
{
  if (tooltip != NULL && bos_coverage_item_get_request_minors (item) > 0)
    {
      g_autofree char *minors = bos_format_count (bos_coverage_item_get_request_minors (item));

      /* Translators: a tooltip on a request */
      *tooltip = g_strdup_printf (_("Of which %s unaccompanied minors"), minors);
    }
  return bos_format_count (bos_coverage_item_get_request (item));
}

static int
compare_request (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_int64 (bos_coverage_item_get_request (ITEM (a)), bos_coverage_item_get_request (ITEM (b)));
}

static char *
decided_text (gpointer item, gpointer data, char **tooltip)
{
  if (!bos_coverage_item_get_is_county (item) && !bos_coverage_item_get_has_decision (item))
    return g_strdup ("–");
  if (tooltip != NULL && bos_coverage_item_get_decided_minors (item) > 0)
    {
      g_autofree char *minors = bos_format_count (bos_coverage_item_get_decided_minors (item));

      /* Translators: a tooltip on a decision */
      *tooltip = g_strdup_printf (_("Of which %s unaccompanied minors"), minors);
    }
  return bos_format_count (bos_coverage_item_get_decided (item));
}

static const char *
decided_class (gpointer item, gpointer data)
{
  if (bos_coverage_item_get_has_decision (item) &&
      bos_coverage_item_get_decided (item) < bos_coverage_item_get_request (item))
    return "warning";
  return NULL;
}

static int
compare_decided (gconstpointer a, gconstpointer b, gpointer data)
{
  gint64 x = bos_coverage_item_get_has_decision (ITEM (a)) || bos_coverage_item_get_is_county (ITEM (a))
             ? bos_coverage_item_get_decided (ITEM (a)) : -1;
  gint64 y = bos_coverage_item_get_has_decision (ITEM (b)) || bos_coverage_item_get_is_county (ITEM (b))
             ? bos_coverage_item_get_decided (ITEM (b)) : -1;

  return compare_int64 (x, y);
}

static char *
date_text (gpointer item, gpointer data, char **tooltip)
{
  return format_date (bos_coverage_item_get_decided_on (item));
}

static int
compare_date (gconstpointer a, gconstpointer b, gpointer data)
{
  return g_strcmp0 (bos_coverage_item_get_decided_on (ITEM (a)),
                    bos_coverage_item_get_decided_on (ITEM (b)));
}

static const char *
status_label (BosCoverageItem *item)
{
  switch (bos_coverage_item_get_status (item))
    {
    case BOS_ANSWER_OUTSTANDING:
      return C_("answer", "Outstanding");
    case BOS_ANSWER_OVERDUE:
      return C_("answer", "Past the deadline");
    case BOS_ANSWER_DECIDED:
      return bos_coverage_item_get_request (item) > 0 ? C_("answer", "Decided")
                                                      : C_("answer", "Offered unasked");
    case BOS_ANSWER_DECIDED_LATE:
      return C_("answer", "Decided late");
    case BOS_ANSWER_NOT_REQUESTED:
    default:
      return C_("answer", "Not asked");
    }
}

static char *
status_text (gpointer item, gpointer data, char **tooltip)
{
  return g_strdup (status_label (item));
}

static const char *
status_class (gpointer item, gpointer data)
{
  switch (bos_coverage_item_get_status (item))
    {
    case BOS_ANSWER_OVERDUE:
      return "error";
    case BOS_ANSWER_DECIDED_LATE:
      return "warning";
    case BOS_ANSWER_DECIDED:
      return "success";
    case BOS_ANSWER_OUTSTANDING:
    case BOS_ANSWER_NOT_REQUESTED:
    default:
      return "dim-label";
    }
}

/* Past the deadline in red on the name as well */
static const char *
name_class (gpointer item, gpointer data)
{
  return bos_coverage_item_get_status (item) == BOS_ANSWER_OVERDUE ? "error" : NULL;
}

static int
compare_status (gconstpointer a, gconstpointer b, gpointer data)
{
  return (int) bos_coverage_item_get_status (ITEM (a)) - (int) bos_coverage_item_get_status (ITEM (b));
}

static char *
expected_text (gpointer item, gpointer data, char **tooltip)
{
  double expected = bos_coverage_item_get_expected (item);

  if (isnan (expected))
    return g_strdup ("");
  if (tooltip != NULL && bos_coverage_item_get_p10 (item) >= 0)
    {
      g_autofree char *p10 = bos_format_count (bos_coverage_item_get_p10 (item));
      g_autofree char *p90 = bos_format_count (bos_coverage_item_get_p90 (item));

      /* Translators: a tooltip on a forecast; a range of numbers */
      *tooltip = g_strdup_printf (_("8 times in 10 between %s and %s"), p10, p90);
    }
  return format_rounded (expected);
}

static int
compare_expected (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_double (bos_coverage_item_get_expected (ITEM (a)), bos_coverage_item_get_expected (ITEM (b)));
}

static char *
shortfall_text (gpointer item, gpointer data, char **tooltip)
{
  return format_rounded (bos_coverage_item_get_shortfall (item));
}

static int
compare_shortfall (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_double (bos_coverage_item_get_shortfall (ITEM (a)), bos_coverage_item_get_shortfall (ITEM (b)));
}

static char *
p_cover_text (gpointer item, gpointer data, char **tooltip)
{
  if (isnan (bos_coverage_item_get_p_cover (item)))
    return g_strdup ("");
  return format_percent (bos_coverage_item_get_p_cover (item));
}

static int
compare_p_cover (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_double (bos_coverage_item_get_p_cover (ITEM (a)), bos_coverage_item_get_p_cover (ITEM (b)));
}

static char *
answered_text (gpointer item, gpointer data, char **tooltip)
{
  guint asked = bos_coverage_item_get_n_requested (item);

  /* Translators: municipalities that answered of those asked, "12 of 20" */
  return g_strdup_printf (_("%u of %u"), asked - bos_coverage_item_get_n_outstanding (item), asked);
}

static int
compare_answered (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_int64 (bos_coverage_item_get_n_requested (ITEM (a)) - bos_coverage_item_get_n_outstanding (ITEM (a)),
                        bos_coverage_item_get_n_requested (ITEM (b)) - bos_coverage_item_get_n_outstanding (ITEM (b)));
}

static char *
overdue_text (gpointer item, gpointer data, char **tooltip)
{
  return g_strdup_printf ("%u", bos_coverage_item_get_n_overdue (item));
}

static const char *
overdue_class (gpointer item, gpointer data)
{
  return bos_coverage_item_get_n_overdue (item) > 0 ? "error" : "dim-label";
}

static int
compare_overdue (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_int64 (bos_coverage_item_get_n_overdue (ITEM (a)), bos_coverage_item_get_n_overdue (ITEM (b)));
}

#undef ITEM

static void
append (GtkColumnView       *view,
        GtkColumnViewColumn *column)
{
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
}

static void
build_columns (BosDecisionsPage *self)
{
  GtkColumnViewColumn *name;
  GtkColumnViewColumn *code;

  /* Counties */
  /* Names keep their width; a narrow window scrolls the table instead */
  name = bos_table_live_column_new (_("County"), BOS_TABLE_TEXT, 120, name_text, NULL, compare_name, self);
  gtk_column_view_column_set_expand (name, TRUE);
  g_object_ref (name);
  append (self->county_view, name);
  append (self->county_view, bos_table_live_column_new (_("Requested"), BOS_TABLE_NUMBER, 88, request_text,
                                                        NULL, compare_request, self));
  append (self->county_view, bos_table_live_column_new (_("Decided"), BOS_TABLE_NUMBER, 72, decided_text,
                                                        decided_class, compare_decided, self));
  append (self->county_view, bos_table_live_column_new (_("Answered"), BOS_TABLE_NUMBER, 76, answered_text,
                                                        NULL, compare_answered, self));
  append (self->county_view, bos_table_live_column_new (_("Overdue"), BOS_TABLE_NUMBER, 84,
                                                        overdue_text, overdue_class, compare_overdue, self));
  append (self->county_view, bos_table_live_column_new (_("Forecast"), BOS_TABLE_NUMBER, 76, expected_text,
                                                        NULL, compare_expected, self));
  append (self->county_view, bos_table_live_column_new (_("Shortfall"), BOS_TABLE_NUMBER, 92,
                                                        shortfall_text, NULL, compare_shortfall, self));
  append (self->county_view, bos_table_live_column_new (_("Chance Covered"), BOS_TABLE_NUMBER, 124, p_cover_text,
                                                        NULL, compare_p_cover, self));
  gtk_column_view_sort_by_column (self->county_view, name, GTK_SORT_ASCENDING);
  g_object_unref (name);

  /* Municipalities */
  code = bos_table_column_new (_("Code"), BOS_TABLE_CODE, 66, code_text, compare_code, self);
  g_object_ref (code);
  append (self->municipality_view, code);
  name = bos_table_live_column_new (_("Municipality"), BOS_TABLE_TEXT, 120, municipality_name_text,
                                    name_class, compare_name, self);
  gtk_column_view_column_set_expand (name, TRUE);
  append (self->municipality_view, name);
  append (self->municipality_view, bos_table_live_column_new (_("Requested"), BOS_TABLE_NUMBER, 88,
                                                              request_text, NULL, compare_request, self));
  append (self->municipality_view, bos_table_live_column_new (_("Decided"), BOS_TABLE_NUMBER, 72,
                                                              decided_text, decided_class,
                                                              compare_decided, self));
  append (self->municipality_view, bos_table_live_column_new (_("Date"), BOS_TABLE_TEXT, 108, date_text,
                                                              NULL, compare_date, self));
  append (self->municipality_view, bos_table_live_column_new (_("Answer"), BOS_TABLE_TEXT, 120,
                                                              status_text, status_class,
                                                              compare_status, self));
  append (self->municipality_view, bos_table_live_column_new (_("Forecast"), BOS_TABLE_NUMBER, 76,
                                                              expected_text, NULL, compare_expected,
                                                              self));
  gtk_column_view_sort_by_column (self->municipality_view, code, GTK_SORT_ASCENDING);
  g_object_unref (code);
}

/* ---- actions ------------------------------------------------------------- */

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BosDecisionsPage *self = BOS_DECISIONS_PAGE (widget);
  BosCoverageItem *item = NULL;

  if (g_strcmp0 (self->view, "municipalities") == 0)
    item = gtk_single_selection_get_selected_item (self->municipality_selection);
  bos_decisions_page_register (self, item ? bos_coverage_item_get_code (item) : NULL);
}

static void
import_response_cb (BosDecisionsPage     *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->file_chooser);
  if (file != NULL && !bos_decisions_page_import (self, file, &error))
    show_error (self, _("Could Not Import the Decisions"), error->message);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosDecisionsPage *self = BOS_DECISIONS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->plan == NULL || self->file_chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _("Decisions (CSV)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  self->file_chooser = gtk_file_chooser_native_new (_("Import Decisions"), parent_window (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  g_signal_connect_object (self->file_chooser, "response", G_CALLBACK (import_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
view_changed (BosDecisionsPage *self)
{
  gboolean municipalities = g_strcmp0 (self->view, "municipalities") == 0;

  gtk_stack_set_visible_child_name (self->table_stack, municipalities ? "municipalities" : "counties");
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_dropdown), municipalities);
}

/* ---- overrides ----------------------------------------------------------- */

static void
bos_decisions_page_map (GtkWidget *widget)
{
  BosDecisionsPage *self = BOS_DECISIONS_PAGE (widget);

  GTK_WIDGET_CLASS (bos_decisions_page_parent_class)->map (widget);

  if (self->needs_reload)
    reload (self);
}

static void
bos_decisions_page_constructed (GObject *object)
{
  BosDecisionsPage *self = (BosDecisionsPage *) object;

  G_OBJECT_CLASS (bos_decisions_page_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  request_reload (self);
}

static void
bos_decisions_page_dispose (GObject *object)
{
  BosDecisionsPage *self = (BosDecisionsPage *) object;

  self->disposed = TRUE;
  if (self->forecast_cancellable != NULL)
    g_cancellable_cancel (self->forecast_cancellable);
  g_clear_object (&self->forecast_cancellable);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
  g_clear_handle_id (&self->reload_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_DECISIONS_PAGE);

  G_OBJECT_CLASS (bos_decisions_page_parent_class)->dispose (object);
}

static void
bos_decisions_page_finalize (GObject *object)
{
  BosDecisionsPage *self = (BosDecisionsPage *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->counties);
  g_clear_object (&self->municipalities);
  g_clear_object (&self->county_filter);
  g_clear_object (&self->municipality_filter);
  g_clear_object (&self->county_selection);
  g_clear_object (&self->municipality_selection);
  g_clear_pointer (&self->requests, g_array_unref);
  g_clear_pointer (&self->forecast_requests, g_array_unref);
  g_clear_pointer (&self->coverage, bos_coverage_free);
  g_clear_pointer (&self->forecast, bos_forecast_result_free);
  g_clear_pointer (&self->view, g_free);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (bos_decisions_page_parent_class)->finalize (object);
}

static void
bos_decisions_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BosDecisionsPage *self = BOS_DECISIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_decisions_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BosDecisionsPage *self = BOS_DECISIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PLAN:
      if (g_set_object (&self->plan, g_value_get_object (value)))
        {
          if (self->store != NULL)
            request_reload (self);
          g_object_notify_by_pspec (object, properties[PROP_PLAN]);
        }
      break;
    case PROP_VIEW:
      bos_decisions_page_set_view (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_decisions_page_page_iface_init (BosPageInterface *iface)
{
}

static void
bos_decisions_page_class_init (BosDecisionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_decisions_page_constructed;
  object_class->dispose = bos_decisions_page_dispose;
  object_class->finalize = bos_decisions_page_finalize;
  object_class->get_property = bos_decisions_page_get_property;
  object_class->set_property = bos_decisions_page_set_property;

  widget_class->map = bos_decisions_page_map;

  bos_page_install_properties (object_class, PROP_STORE, PROP_PLAN);
  properties[PROP_STORE] = g_object_class_find_property (object_class, "store");
  properties[PROP_PLAN] = g_object_class_find_property (object_class, "plan");
  /* "counties" or "municipalities" */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "counties",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_VIEW, properties[PROP_VIEW]);

  g_type_ensure (BOS_TYPE_COVERAGE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-decisions-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BosDecisionsPage, name)
  BIND (stack);
  BIND (error_status);
  BIND (summary_label);
  BIND (coverage_label);
  BIND (coverage_detail_label);
  BIND (coverage_bar);
  BIND (requested_label);
  BIND (decided_label);
  BIND (outstanding_label);
  BIND (overdue_label);
  BIND (chart);
  BIND (forecast_spinner);
  BIND (expected_label);
  BIND (range_label);
  BIND (p_cover_label);
  BIND (shortfall_label);
  BIND (uplift_label);
  BIND (forecast_note_label);
  BIND (forecast_help_label);
  BIND (filter_dropdown);
  BIND (search_entry);
  BIND (table_stack);
  BIND (county_view);
  BIND (municipality_view);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, municipality_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, county_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "decisions.view", "view");
  gtk_widget_class_install_action (widget_class, "decisions.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "decisions.import", NULL, import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "decisions.register", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "decisionspage");
}

static void
bos_decisions_page_init (BosDecisionsPage *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkFilterListModel) filtered = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->view = g_strdup ("counties");
  self->counties = g_list_store_new (BOS_TYPE_COVERAGE_ITEM);
  self->municipalities = g_list_store_new (BOS_TYPE_COVERAGE_ITEM);
  gtk_label_set_text (self->forecast_help_label, bos_forecast_get_help ());

  build_columns (self);

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->counties)),
                                    g_object_ref (gtk_column_view_get_sorter (self->county_view)));
  self->county_filter = gtk_custom_filter_new (county_filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&sorted)),
                                        g_object_ref (GTK_FILTER (self->county_filter)));
  self->county_selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&filtered)));
  gtk_single_selection_set_autoselect (self->county_selection, FALSE);
  gtk_column_view_set_model (self->county_view, GTK_SELECTION_MODEL (self->county_selection));

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->municipalities)),
                                    g_object_ref (gtk_column_view_get_sorter (self->municipality_view)));
  self->municipality_filter = gtk_custom_filter_new (municipality_filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&sorted)),
                                        g_object_ref (GTK_FILTER (self->municipality_filter)));
  self->municipality_selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&filtered)));
  gtk_single_selection_set_autoselect (self->municipality_selection, FALSE);
  gtk_column_view_set_model (self->municipality_view,
                             GTK_SELECTION_MODEL (self->municipality_selection));

  gtk_widget_set_visible (GTK_WIDGET (self->forecast_spinner), FALSE);
  view_changed (self);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * bos_decisions_page_get_coverage:
 *
 * Returns: (transfer none) (nullable): the coverage shown
 */
const BosCoverage *
bos_decisions_page_get_coverage (BosDecisionsPage *self)
{
  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), NULL);
  return self->coverage;
}

const char *
bos_decisions_page_get_coverage_text (BosDecisionsPage *self)
{
  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), NULL);
  return gtk_label_get_text (self->coverage_label);
}

/**
 * bos_decisions_page_get_forecast:
 *
 * Returns: (transfer none) (nullable): the forecast shown, or %NULL while
 *   it runs
 */
const BosForecastResult *
bos_decisions_page_get_forecast (BosDecisionsPage *self)
{
  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), NULL);
  return self->forecast;
}

gboolean
bos_decisions_page_get_forecast_running (BosDecisionsPage *self)
{
  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), FALSE);
  return self->forecast_cancellable != NULL;
}

BosCoverageChart *
bos_decisions_page_get_chart (BosDecisionsPage *self)
{
  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), NULL);
  return self->chart;
}

GListModel *
bos_decisions_page_get_counties (BosDecisionsPage *self)
{
  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), NULL);
  return G_LIST_MODEL (self->counties);
}

GListModel *
bos_decisions_page_get_municipalities (BosDecisionsPage *self)
{
  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), NULL);
  return G_LIST_MODEL (self->municipalities);
}

const char *
bos_decisions_page_get_view (BosDecisionsPage *self)
{
  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), NULL);
  return self->view;
}

/**
 * bos_decisions_page_set_view:
 * @view: "counties" or "municipalities"
 */
void
bos_decisions_page_set_view (BosDecisionsPage *self,
                             const char       *view)
{
  g_return_if_fail (BOS_IS_DECISIONS_PAGE (self));
  g_return_if_fail (g_strcmp0 (view, "counties") == 0 || g_strcmp0 (view, "municipalities") == 0);

  if (g_strcmp0 (self->view, view) == 0)
    return;
  g_free (self->view);
  self->view = g_strdup (view);
  view_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/**
 * bos_decisions_page_register:
 * @code: (nullable): the municipality, or %NULL to choose it in the dialog
 *
 * Returns: (transfer none) (nullable): the dialog, shown; %NULL without a
 *   plan
 */
BosDecisionDialog *
bos_decisions_page_register (BosDecisionsPage *self,
                             const char       *code)
{
  BosDecisionDialog *dialog;

  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), NULL);

  if (self->plan == NULL)
    return NULL;
  dialog = bos_decision_dialog_new (parent_window (self), self->store, bos_plan_get_id (self->plan),
                                    bos_plan_get_year (self->plan), self->requests, code);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * bos_decisions_page_import:
 * @file: a CSV file "code,persons,minors,date,reference"
 *
 * Imports the decisions in one transaction: on an error (which names the
 * file, the line and the field) nothing of the file is stored.
 */
gboolean
bos_decisions_page_import (BosDecisionsPage  *self,
                           GFile             *file,
                           GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  BosImportStats stats = { 0 };

  g_return_val_if_fail (BOS_IS_DECISIONS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->plan == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No plan is open"));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The file is not on this computer"));
      return FALSE;
    }
  if (!bos_decision_import_file (self->store, bos_plan_get_id (self->plan), path, &stats, error))
    return FALSE;

  /* Translators: after importing decisions; read, then new, changed, unchanged */
  message = g_strdup_printf (ngettext ("%u decision read: %u new, %u changed, %u unchanged",
                                       "%u decisions read: %u new, %u changed, %u unchanged",
                                       stats.rows_read),
                             stats.rows_read, stats.rows_inserted, stats.rows_updated,
                             stats.rows_unchanged);
  show_toast (self, message);
  return TRUE;
}
