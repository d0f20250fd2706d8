/* test-ui-distribution.c: the distribution page in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under Xvfb (`xvfb-run meson test --suite ui`). Opens the demo plan's
 * distribution, changes a factor's weight in the criteria editor and sees
 * the tables and the chart follow; locks a municipality through its
 * settings dialog and sees the rest of its county move while the total
 * stays; excludes one; compares two scenarios; chooses a scenario; opens
 * the explanation; shows a county plan; and checks that everything is
 * freed.
 *
 * With BOSETTING_SCREENSHOTS=DIR it saves screenshots of the screen into
 * DIR; with BOSETTING_TEST_LANGUAGE it runs in that language (e.g. nb).
 */
#include "config.h"

#include <adwaita.h>

#include "bos-application.h"
#include "bos-distribution-help.h"
#include "bos-distribution-page.h"
#include "bos-distribution-row.h"
#include "bos-format.h"
#include "bos-indicator.h"
#include "bos-new-plan-dialog.h"
#include "bos-override-dialog.h"
#include "bos-plan.h"
#include "bos-plan-scenario.h"
#include "bos-scenario-compare.h"
#include "bos-seed.h"
#include "bos-test-ui.h"
#include "bos-test-util.h"
#include "bos-window.h"

/* Whether a cell of @view shows @text now */
static gboolean
view_shows (GtkColumnView *view,
            const char    *text)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  bos_test_collect (GTK_WIDGET (view), GTK_TYPE_INSCRIPTION, cells);
  for (guint i = 0; i < cells->len; i++)
    if (g_strcmp0 (gtk_inscription_get_text (cells->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

static GArray *
requests_of (GListModel *rows)
{
  GArray *requests = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(BosDistributionRow) row = g_list_model_get_item (rows, i);

      g_array_append_val (requests, row->request);
    }
  return requests;
}

static gint64
sum_of (GArray *values)
{
  gint64 sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, gint64, i);
  return sum;
}

static BosDistributionRow *
find_row (GListModel *rows,
          const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(BosDistributionRow) row = g_list_model_get_item (rows, i);

      if (g_str_equal (row->code, code))
        return row;   /* the model keeps it */
    }
  return NULL;
}

/* The requests of every municipality of the run shown */
static GArray *
result_requests (BosDistributionPage *page)
{
  const BosApportionResult *result = bos_distribution_page_get_result (page);
  GArray *requests = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_nonnull (result);
  for (guint i = 0; i < result->n_municipalities; i++)
    g_array_append_val (requests, result->municipalities[i].request);
  return requests;
}

/* Locks @code at @locked through its settings dialog, as a planner would */
static void
lock_through_dialog (BosDistributionPage *page,
                     const char          *code,
                     gint64               locked,
                     const char          *why)
{
  GtkWindow *dialog = bos_distribution_page_edit_municipality (page, code);
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  guint runs = bos_distribution_page_get_n_runs (page);

  g_assert_nonnull (dialog);
  bos_test_wait_for (bos_test_is_mapped, dialog, "the settings dialog");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  bos_test_collect (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, switches);
  bos_test_collect (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, spins);
  bos_test_collect (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
  /* The lock's switch, number and reason come first */
  gtk_switch_set_active (switches->pdata[0], TRUE);
  gtk_spin_button_set_value (spins->pdata[0], (double) locked);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), why);
  bos_test_screenshot ("distribution-lock");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "override.save", NULL));
  bos_test_wait_for (bos_test_is_null, &dialog, "the dialog to close");
  g_assert_cmpuint (bos_distribution_page_get_n_runs (page), ==, runs + 1);
}

typedef struct
{
  BosApplication *app;
  GtkWindow      *window;
  char           *dir;
  gboolean        done;
} Run;

/* An indicator for every municipality of the demo year, so a second
 * factor changes the result */
static void
add_indicators (BosStore *store,
                int       year,
                char     *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) csv = g_string_new ("code,indicator,value\n");
  g_autofree char *path = NULL;

  stmt = bos_store_prepare (store, "SELECT code FROM municipality ORDER BY code", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = bos_sqlite_text (stmt, 0);
      int digits = (code[2] - '0') * 10 + (code[3] - '0');

      g_string_append_printf (csv, "%s,employment_rate,0.%02d\n", code, 40 + digits % 50);
    }
  path = bos_test_write_file (dir, "indicators.csv", csv->str, -1);
  bos_indicator_import_file (store, year, path, NULL, &error);
  g_assert_no_error (error);
}

static void
check_distribution (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counties_before = NULL;
  g_autoptr(GArray) counties_after = NULL;
  g_autoptr(GArray) all_before = NULL;
  g_autoptr(GArray) all_after = NULL;
  g_autoptr(GArray) county_before = NULL;
  g_autoptr(BosPlanScenario) stored = NULL;
  g_autoptr(BosPlanScenario) draft = NULL;
  g_autoptr(BosPlan) county_plan = NULL;
  g_auto(BosScenarioOverride) exclude = { 0 };
  g_autofree char *plan_id = NULL;
  g_autofree char *oslo_text = NULL;
  BosStore *store;
  GtkWindow *window;
  BosDistributionPage *page;
  BosCriteriaEditor *editor;
  GtkSpinButton *weight;
  GListModel *counties;
  BosDistributionRow *oslo, *tonsberg, *horten;
  const BosApportionInput *input;
  guint runs, draws;
  gint64 need, locked_at, vestfold_total;
  int changed;

  store = bos_application_get_store (run->app);
  window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  g_assert_true (BOS_IS_WINDOW (window));
  run->window = g_object_ref (window);
  gtk_window_set_default_size (window, 1400, 900);
  bos_test_wait_for (bos_test_is_mapped, window, "the window to be mapped");
  plan_id = bos_plan_make_id (bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL);

  /* The demo plan's default scenario, chosen, run at once */
  g_assert_true (bos_window_show_page (BOS_WINDOW (window), "distribution"));
  page = BOS_DISTRIBUTION_PAGE (bos_window_get_page (BOS_WINDOW (window), "distribution"));
  bos_test_wait_for (bos_test_is_mapped, page, "the distribution page");
  g_assert_nonnull (bos_distribution_page_get_scenario (page));
  g_assert_true (bos_plan_scenario_is_default (bos_distribution_page_get_scenario (page)));
  g_assert_nonnull (bos_distribution_page_get_result (page));
  input = bos_distribution_page_get_input (page);
  need = input->need;
  counties = bos_distribution_page_get_county_rows (page);
  g_assert_cmpuint (g_list_model_get_n_items (counties), ==, 15);
  counties_before = requests_of (counties);
  g_assert_cmpint (sum_of (counties_before), ==, need);
  g_assert_cmpuint (bos_county_chart_get_n_bars (bos_distribution_page_get_chart (page)), >=, 15);
  bos_test_screenshot ("distribution");

  /* Change a weight: the tables and the chart follow at once */
  bos_distribution_page_show_criteria (page, TRUE);
  bos_test_settle ();
  editor = bos_distribution_page_get_criteria_editor (page);
  g_assert_cmpuint (bos_distribution_page_get_criteria_editor (page) ?
                    bos_criteria_editor_get_criteria (editor)->n_factors : 0, ==, 2);
  weight = bos_criteria_editor_get_weight_button (editor, 1);
  g_assert_nonnull (weight);
  bos_test_screenshot ("distribution-criteria");
  runs = bos_distribution_page_get_n_runs (page);
  draws = bos_county_chart_get_n_draws (bos_distribution_page_get_chart (page));
  gtk_spin_button_set_value (weight, 3.0);
  g_assert_cmpuint (bos_distribution_page_get_n_runs (page), ==, runs + 1);
  counties_after = requests_of (counties);
  g_assert_cmpint (sum_of (counties_after), ==, need);
  changed = 0;
  for (guint i = 0; i < counties_after->len; i++)
    changed += g_array_index (counties_after, gint64, i) != g_array_index (counties_before, gint64, i);
  g_assert_cmpint (changed, >, 0);
  bos_test_settle ();
  g_assert_cmpuint (bos_county_chart_get_n_draws (bos_distribution_page_get_chart (page)), >, draws);
  oslo = find_row (counties, "03");
  oslo_text = bos_format_count (oslo->request);
  g_assert_true (view_shows (bos_distribution_page_get_county_view (page), oslo_text));

  /* … and is stored a moment later */
  bos_test_settle_for (900);
  stored = bos_plan_scenario_load (store, bos_plan_scenario_get_id (bos_distribution_page_get_scenario (page)),
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (bos_plan_scenario_get_criteria (stored)->factors[1].weight, ==, 3.0);
  bos_distribution_page_show_criteria (page, FALSE);

  /* Lock Tønsberg through its settings dialog: it gets exactly that,
   * others move, the total stays */
  g_assert_true (bos_distribution_page_select_county (page, "39"));
  bos_test_settle ();
  all_before = result_requests (page);
  tonsberg = find_row (bos_distribution_page_get_municipality_rows (page), "3905");
  horten = find_row (bos_distribution_page_get_municipality_rows (page), "3903");
  g_assert_nonnull (tonsberg);
  g_assert_nonnull (horten);
  locked_at = tonsberg->request + 25;
  lock_through_dialog (page, "3905", locked_at, "Agreed with the municipality");
  g_assert_cmpint (tonsberg->request, ==, locked_at);
  g_assert_true (tonsberg->locked);
  g_assert_cmpint (tonsberg->constraint, ==, BOS_CONSTRAINT_LOCKED);
  all_after = result_requests (page);
  g_assert_cmpint (sum_of (all_after), ==, need);
  g_assert_cmpint (sum_of (requests_of (counties)), ==, need);
  changed = 0;
  for (guint i = 0; i < all_after->len; i++)
    changed += g_array_index (all_after, gint64, i) != g_array_index (all_before, gint64, i);
  g_assert_cmpint (changed, >, 1);
  vestfold_total = find_row (counties, "39")->request;
  g_assert_cmpint (sum_of (requests_of (bos_distribution_page_get_municipality_rows (page))), ==,
                   vestfold_total);
  {
    g_auto(BosScenarioOverride) lock = { 0 };

    bos_plan_scenario_get_override (store, bos_plan_scenario_get_id (bos_distribution_page_get_scenario (page)),
                                    "3905", &lock, &error);
    g_assert_no_error (error);
    g_assert_cmpint (lock.locked, ==, locked_at);
    g_assert_cmpstr (lock.lock_reason, ==, "Agreed with the municipality");
  }
  bos_test_screenshot ("distribution-locked");

  /* Exclude Horten: it gets nothing, the total stays */
  bos_scenario_override_init (&exclude);
  exclude.excluded = TRUE;
  bos_distribution_page_set_override (page, "3903", &exclude, &error);
  g_assert_no_error (error);
  g_assert_cmpint (horten->request, ==, 0);
  g_assert_true (horten->excluded);
  g_assert_cmpint (sum_of (requests_of (counties)), ==, need);

  /* A second scenario, compared with this one */
  draft = bos_plan_scenario_create (store, plan_id, "Draft B", NULL, &error);
  g_assert_no_error (error);
  bos_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "distribution.compare", NULL));
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_SCENARIO_COMPARE),
                     "the comparison");
  {
    GtkWindow *compare = bos_test_find_toplevel (BOS_TYPE_SCENARIO_COMPARE);

    bos_test_wait_for (bos_test_is_mapped, compare, "the comparison to show");
    g_assert_cmpuint (bos_scenario_compare_get_n_differences (BOS_SCENARIO_COMPARE (compare)), >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (bos_scenario_compare_get_municipality_rows (BOS_SCENARIO_COMPARE (compare))),
                      ==, 357);
    g_assert_cmpuint (bos_county_chart_get_n_bars (bos_scenario_compare_get_chart (BOS_SCENARIO_COMPARE (compare))),
                      >=, 30);
    bos_test_screenshot ("distribution-compare");
    g_object_add_weak_pointer (G_OBJECT (compare), (gpointer *) &compare);
    gtk_window_close (compare);
    bos_test_wait_for (bos_test_is_null, &compare, "the comparison to close");
  }

  /* The explanation of the method */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "distribution.help", NULL));
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_DISTRIBUTION_HELP),
                     "the explanation");
  {
    GtkWindow *help = bos_test_find_toplevel (BOS_TYPE_DISTRIBUTION_HELP);

    bos_test_wait_for (bos_test_is_mapped, help, "the explanation to show");
    bos_test_screenshot ("distribution-help");
    g_object_add_weak_pointer (G_OBJECT (help), (gpointer *) &help);
    gtk_window_close (help);
    bos_test_wait_for (bos_test_is_null, &help, "the explanation to close");
  }

  /* Choosing another scenario is explicit and recorded */
  g_assert_true (bos_distribution_page_set_scenario_id (page, bos_plan_scenario_get_id (draft)));
  bos_test_settle ();
  g_assert_true (bos_distribution_page_get_scenario (page) != NULL &&
                 g_str_equal (bos_plan_scenario_get_id (bos_distribution_page_get_scenario (page)),
                              bos_plan_scenario_get_id (draft)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "distribution.choose", NULL));
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                     "the confirmation");
  {
    GtkWindow *dialog = bos_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    GtkWidget *entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
    g_autofree char *chosen = NULL;

    bos_test_wait_for (bos_test_is_mapped, dialog, "the confirmation to show");
    gtk_editable_set_text (GTK_EDITABLE (entry), "Agreed with the ministry");
    bos_test_screenshot ("distribution-choose");
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    /* What the button does: respond, then close */
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
    gtk_window_close (dialog);
    bos_test_wait_for (bos_test_is_null, &dialog, "the confirmation to close");
    chosen = bos_plan_dup_chosen_scenario_id (store, plan_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (chosen, ==, bos_plan_scenario_get_id (draft));
  }
  bos_test_settle ();

  /* A county plan, made as a county planner would: its county only,
   * with its total */
  {
    GtkWindow *dialog = bos_window_new_plan (BOS_WINDOW (window));
    g_autofree char *county_id = bos_plan_make_id (bos_seed_demo_year (), "39");

    bos_test_wait_for (bos_test_is_mapped, dialog, "the New Plan dialog");
    g_assert_true (bos_new_plan_dialog_set_scope (BOS_NEW_PLAN_DIALOG (dialog), "39"));
    bos_new_plan_dialog_set_values (BOS_NEW_PLAN_DIALOG (dialog), bos_seed_demo_year (), 400, 20, 0);
    g_assert_true (bos_new_plan_dialog_can_create (BOS_NEW_PLAN_DIALOG (dialog)));
    bos_test_screenshot ("distribution-new-county-plan");
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan.create", NULL));
    bos_test_wait_for (bos_test_is_null, &dialog, "the New Plan dialog to close");
    county_plan = bos_plan_load (store, county_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (bos_plan_get_id (bos_window_get_plan (BOS_WINDOW (window))), ==, county_id);
  }
  g_assert_true (bos_window_show_page (BOS_WINDOW (window), "distribution"));
  bos_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (bos_distribution_page_get_county_rows (page)), ==, 1);
  g_assert_cmpint (find_row (bos_distribution_page_get_county_rows (page), "39")->request, ==, 400);
  g_assert_false (bos_distribution_page_get_input (page)->by_county);
  g_assert_cmpint (sum_of (requests_of (bos_distribution_page_get_municipality_rows (page))), ==, 400);
  bos_test_screenshot ("distribution-county-plan");

  /* In county mode a lock moves the rest of the county; its total stays */
  county_before = requests_of (bos_distribution_page_get_municipality_rows (page));
  tonsberg = find_row (bos_distribution_page_get_municipality_rows (page), "3905");
  locked_at = tonsberg->request + 25;
  lock_through_dialog (page, "3905", locked_at, "Agreed in the county meeting");
  {
    g_autoptr(GArray) county_after = requests_of (bos_distribution_page_get_municipality_rows (page));
    gint64 others_before = sum_of (county_before) - (locked_at - 25);
    gint64 others_after = sum_of (county_after) - locked_at;

    g_assert_cmpint (tonsberg->request, ==, locked_at);
    g_assert_cmpint (sum_of (county_after), ==, 400);
    g_assert_cmpint (others_after, ==, others_before - 25);
    g_assert_cmpint (find_row (bos_distribution_page_get_county_rows (page), "39")->request, ==, 400);
  }
  bos_test_screenshot ("distribution-county-plan-locked");

  gtk_window_close (window);
  run->done = TRUE;
}

static gboolean
check_idle_cb (gpointer data)
{
  check_distribution (data);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Run          *run)
{
  g_idle_add (check_idle_cb, run);
}

static void
test_distribution (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autofree char *plan_id = NULL;
  Run run = { 0 };
  BosStore *store;
  BosCriteria criteria;

  run.dir = bos_test_make_tmp_dir ("bos-test-ui-distribution");
  db_path = g_build_filename (run.dir, "bosetting.sqlite", NULL);

  run.app = bos_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_assert_true (bos_application_open_store (run.app, db_path, &error));
  g_assert_no_error (error);
  store = g_object_ref (bos_application_get_store (run.app));

  /* The demo plan's scenario with a second factor on an indicator */
  plan_id = bos_plan_make_id (bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL);
  add_indicators (store, bos_seed_demo_year (), run.dir);
  scenario = bos_plan_load_chosen_scenario (store, plan_id, &error);
  g_assert_no_error (error);
  bos_criteria_copy (&criteria, bos_plan_scenario_get_criteria (scenario));
  bos_criteria_add_factor (&criteria, "employment_rate", 0.5, BOS_FACTOR_MODE_POPULATION_SCALED);
  bos_plan_scenario_set_criteria (store, scenario, &criteria, "test", &error);
  g_assert_no_error (error);
  bos_criteria_clear (&criteria);

  g_signal_connect_after (run.app, "activate", G_CALLBACK (activate_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 0, NULL), ==, 0);
  g_assert_true (run.done);

  /* Everything is freed: the window with the page, the dialogs, the
   * application and the database. */
  bos_test_settle ();
  g_clear_object (&scenario);
  g_assert_finalize_object (run.window);
  g_assert_finalize_object (run.app);
  g_assert_finalize_object (store);

  bos_test_remove_tree (run.dir);
  g_free (run.dir);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = bos_test_ui_init (&argc, &argv);
  int result;

  g_test_add_func ("/ui/distribution", test_distribution);

  result = g_test_run ();
  g_test_dbus_stop (bus);
  return result;
}
