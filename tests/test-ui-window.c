/* test-ui-window.c: the main window, driven as a planner would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (`xvfb-run meson test --suite ui`). Opens the real
 * application on a new seeded database, creates a plan through the New
 * Plan dialog, finds a municipality by search and opens its detail, and
 * checks that the window, the application and the store are finalized.
 * A private session bus (GTestDBus) keeps GtkApplication from warning
 * about a missing one; nothing touches the network.
 */
#include "config.h"

#include <adwaita.h>

#include "bos-application.h"
#include "bos-municipality-detail.h"
#include "bos-municipality-page.h"
#include "bos-new-plan-dialog.h"
#include "bos-overview-page.h"
#include "bos-plan.h"
#include "bos-seed.h"
#include "bos-test-ui.h"
#include "bos-test-util.h"
#include "bos-window.h"

static void
wait_for_n_items (GListModel *model,
                  guint       n_items)
{
  BosTestModelSize size = { model, n_items };
  g_autofree char *what = g_strdup_printf ("%u items", n_items);

  bos_test_wait_for (bos_test_has_n_items, &size, what);
}

static const char *
plan_id_at (GListModel *model,
            guint       position)
{
  g_autoptr(BosPlan) plan = g_list_model_get_item (model, position);

  /* The list holds its own reference. */
  return plan != NULL ? bos_plan_get_id (plan) : NULL;
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title_prefix)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_has_prefix (gtk_column_view_column_get_title (column), title_prefix))
        return column;
    }
  return NULL;
}

static gboolean
has_column (gpointer data)
{
  return find_column (GTK_COLUMN_VIEW (data), "Request\n2021") != NULL;
}

static const char *
code_at (GListModel *model,
         guint       position)
{
  g_autoptr(BosMunicipality) municipality = g_list_model_get_item (model, position);

  return municipality != NULL ? bos_municipality_get_code (municipality) : NULL;
}

static void
search (GtkEditable *entry,
        GListModel  *model,
        const char  *text,
        guint        expected)
{
  gtk_editable_set_text (entry, text);
  /* GtkSearchEntry reports the change after a short delay. */
  wait_for_n_items (model, expected);
}

/* The scenario, run from the application's activate as a user's session
 * would be, so that g_application_run() also shuts the application down. */
static void
run_scenario_cb (BosApplication *app,
                 const char     *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(BosPlan) stored = NULL;
  g_autofree char *last_plan = NULL;
  g_autofree char *exists_message = NULL;
  BosStore *store;
  GtkWindow *window;
  BosWindow *bos_window;
  BosNewPlanDialog *dialog;
  GtkDropDown *switcher;
  GListModel *plans;
  BosMunicipalityPage *page;
  GListModel *model;
  GtkEditable *entry;
  GtkColumnView *view;
  GtkColumnViewColumn *population_column;
  BosMunicipalityDetail *detail;
  BosHistoryChart *chart;
  GListModel *counties;
  int demo_year = bos_seed_demo_year ();

  store = bos_application_get_store (app);
  g_assert_true (BOS_IS_STORE (store));
  g_assert_cmpstr (bos_store_get_path (store), ==, db_path);

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (BOS_IS_WINDOW (window));
  bos_window = BOS_WINDOW (window);
  g_object_ref (window);
  bos_test_wait_for (bos_test_is_mapped, window, "the window to be mapped");

  /* Ctrl+? works: the shortcuts window came from the resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* The seeded database has the demo plan; it is open. */
  plans = bos_window_get_plans (bos_window);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_nonnull (bos_window_get_plan (bos_window));
  g_assert_cmpint (bos_plan_get_year (bos_window_get_plan (bos_window)), ==, demo_year);

  /* The overview's county table: the 15 counties of today. */
  counties = bos_overview_page_get_counties (BOS_OVERVIEW_PAGE (bos_window_get_page (bos_window,
                                                                                     "overview")));
  g_assert_cmpuint (g_list_model_get_n_items (counties), ==, 15);

  /* About and the keyboard shortcuts open without complaint */
  {
    GtkWindow *about;
    GtkWindow *shortcuts = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

    g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
    about = bos_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
    g_assert_nonnull (about);
    bos_test_wait_for (bos_test_is_mapped, about, "the About window");
    gtk_window_destroy (about);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
    bos_test_wait_for (bos_test_is_mapped, shortcuts, "the shortcuts window");
    gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
  }

  /* New plan, as from the menu or Ctrl+N */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-plan", NULL);
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_NEW_PLAN_DIALOG),
                     "the New Plan dialog");
  dialog = BOS_NEW_PLAN_DIALOG (bos_test_find_toplevel (BOS_TYPE_NEW_PLAN_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  /* It suggests a year that has no plan yet. */
  g_assert_true (bos_new_plan_dialog_can_create (dialog));

  /* Parts above the whole: refused inline, Create off */
  bos_new_plan_dialog_set_values (dialog, demo_year + 4, 100, 200, 0);
  g_assert_false (bos_new_plan_dialog_can_create (dialog));
  g_assert_nonnull (strstr (bos_new_plan_dialog_get_message (dialog), "cannot be more"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "plan.create", NULL);
  g_assert_true (bos_test_find_toplevel (BOS_TYPE_NEW_PLAN_DIALOG) == GTK_WINDOW (dialog));

  /* A year that has a plan already */
  bos_new_plan_dialog_set_values (dialog, demo_year, 4940, 100, 2280);
  g_assert_false (bos_new_plan_dialog_can_create (dialog));
  exists_message = g_strdup_printf ("There is already a national plan for %d", demo_year);
  g_assert_cmpstr (bos_new_plan_dialog_get_message (dialog), ==, exists_message);

  /* The 2019 figures from the seeds: valid, so Create is on */
  bos_new_plan_dialog_set_values (dialog, demo_year + 4, 5350, 270, 2930);
  g_assert_true (bos_new_plan_dialog_can_create (dialog));
  g_assert_null (bos_new_plan_dialog_get_message (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan.create", NULL));
  bos_test_wait_for (bos_test_is_null, &dialog, "the dialog to close");

  /* The plan is in the store … */
  {
    g_autofree char *id = bos_plan_make_id (demo_year + 4, BOS_PLAN_SCOPE_NATIONAL);

    stored = bos_plan_load (store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (bos_plan_get_need (stored), ==, 5350);
    g_assert_cmpint (bos_plan_get_minors (stored), ==, 270);
    g_assert_cmpint (bos_plan_get_resettlement (stored), ==, 2930);

    /* … in the switcher, newest first, and open */
    switcher = bos_window_get_plan_switcher (bos_window);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (switcher)));
    g_assert_true (gtk_drop_down_get_model (switcher) == plans);
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
    g_assert_cmpstr (plan_id_at (plans, 0), ==, id);
    g_assert_cmpuint (gtk_drop_down_get_selected (switcher), ==, 0);
    g_assert_cmpstr (bos_plan_get_id (gtk_drop_down_get_selected_item (switcher)), ==, id);
    g_assert_cmpstr (bos_plan_get_id (bos_window_get_plan (bos_window)), ==, id);

    /* … and remembered */
    settings = g_settings_new (APP_ID);
    last_plan = g_settings_get_string (settings, "last-plan");
    g_assert_cmpstr (last_plan, ==, id);
  }

  /* Switching back to the demo plan through the switcher */
  gtk_drop_down_set_selected (switcher, 1);
  g_assert_cmpint (bos_plan_get_year (bos_window_get_plan (bos_window)), ==, demo_year);
  gtk_drop_down_set_selected (switcher, 0);

  /* The municipality table: all 357 municipalities */
  g_assert_true (bos_window_show_page (bos_window, "municipalities"));
  page = BOS_MUNICIPALITY_PAGE (bos_window_get_page (bos_window, "municipalities"));
  bos_test_wait_for (bos_test_is_mapped, page, "the municipality page to be mapped");
  model = bos_municipality_page_get_model (page);
  entry = bos_municipality_page_get_search_entry (page);
  view = bos_municipality_page_get_column_view (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 357);

  /* Sorting by population sorts numbers as numbers: Oslo is largest */
  population_column = find_column (view, "Population");
  g_assert_nonnull (population_column);
  gtk_column_view_sort_by_column (view, population_column, GTK_SORT_DESCENDING);
  g_assert_cmpstr (code_at (model, 0), ==, "0301");
  gtk_column_view_sort_by_column (view, population_column, GTK_SORT_ASCENDING);
  g_assert_cmpstr (code_at (model, 356), ==, "0301");
  gtk_column_view_sort_by_column (view, find_column (view, "Number"), GTK_SORT_ASCENDING);
  g_assert_cmpstr (code_at (model, 0), ==, "0301");

  /* The county filter: Vestfold has 6 municipalities */
  g_assert_true (bos_municipality_page_set_county (page, "39"));
  wait_for_n_items (model, 6);
  g_assert_true (bos_municipality_page_set_county (page, NULL));
  wait_for_n_items (model, 357);

  /* Search by name or number, any case */
  search (entry, model, "tøns", 1);
  g_assert_cmpstr (code_at (model, 0), ==, "3905");
  search (entry, model, "3905", 1);
  g_assert_cmpstr (code_at (model, 0), ==, "3905");
  search (entry, model, "", 357);
  search (entry, model, "Tønsberg", 1);
  g_assert_cmpstr (code_at (model, 0), ==, "3905");

  detail = BOS_MUNICIPALITY_DETAIL (bos_window_get_detail (bos_window));

  /* Enter in the search opens the one municipality found … */
  g_signal_emit_by_name (entry, "activate");
  bos_test_wait_for (bos_test_is_mapped, detail, "the detail to be mapped");
  g_assert_cmpstr (bos_municipality_get_code (bos_municipality_detail_get_municipality (detail)),
                   ==, "3905");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  bos_test_wait_for (bos_test_is_mapped, page, "the municipality page to come back");

  /* … and so does activating its row */
  g_signal_emit_by_name (view, "activate", 0u);
  bos_test_wait_for (bos_test_is_mapped, detail, "the detail to be mapped");
  g_assert_cmpstr (bos_municipality_get_code (bos_municipality_detail_get_municipality (detail)),
                   ==, "3905");
  g_assert_cmpstr (bos_municipality_detail_get_title (detail), ==, "Tønsberg");

  /* The chart has the history, recorded under 0704 and 3803 as well */
  chart = bos_municipality_detail_get_chart (detail);
  g_assert_cmpuint (bos_history_chart_get_n_points (chart), >, 20);
  {
    GArray *years = bos_history_chart_get_years (chart);
    GListModel *rows = bos_municipality_detail_get_years (detail);

    g_assert_nonnull (years);
    g_assert_cmpint (g_array_index (years, BosYearFigures, 0).year, <=, 2000);
    g_assert_cmpint (g_array_index (years, BosYearFigures, years->len - 1).year, >=, 2020);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, years->len);
  }

  /* Back to the list; Ctrl+F puts the focus in the search */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  bos_test_wait_for (bos_test_is_mapped, page, "the municipality page to come back");
  g_assert_true (bos_window_show_page (bos_window, "overview"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (entry)) ||
                 gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (entry));

  /* Importing a year of history: the table gets 2021 and reloads */
  {
    g_autofree char *path = bos_test_data_path ("history-good.csv");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    GtkColumnViewColumn *column;

    search (entry, model, "", 357);
    bos_application_import (app, BOS_IMPORT_HISTORY, file);
    /* The progress is the window's, not a toast the app would have to
     * dismiss (libadwaita 1.2 crashes on that: bos_window_show_progress()) */
    g_assert_nonnull (strstr (bos_window_get_progress (bos_window), "history-good.csv"));
    bos_test_wait_for (has_column, view, "the 2021 columns");
    g_assert_null (bos_window_get_progress (bos_window));
    column = find_column (view, "Request\n2021");
    g_assert_nonnull (column);
    search (entry, model, "3101", 1);
    {
      g_autoptr(BosMunicipality) halden = g_list_model_get_item (model, 0);
      guint last = bos_municipality_get_n_years (halden) - 1;
      const BosHistoryTotal *request = bos_municipality_get_figure (halden, last, BOS_HISTORY_REQUEST);

      g_assert_cmpint (bos_municipality_get_year (halden, last), ==, 2021);
      g_assert_cmpint (request->status, ==, BOS_HISTORY_TOTAL_OK);
      g_assert_cmpint (request->persons, ==, 30);
    }
  }

  /* A bad file: a dialog names it, and nothing is imported */
  {
    g_autofree char *path = bos_test_data_path ("history-bad-persons.csv");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    gint64 before = bos_test_query_int (store, "SELECT count(*) FROM settlement_history");
    AdwMessageDialog *message;

    bos_application_import (app, BOS_IMPORT_HISTORY, file);
    bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                       "the error dialog");
    message = ADW_MESSAGE_DIALOG (bos_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Import Failed");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "history-bad-persons.csv"));
    g_assert_cmpint (bos_test_query_int (store, "SELECT count(*) FROM settlement_history"), ==, before);
    adw_message_dialog_response (message, "close");
    gtk_window_destroy (GTK_WINDOW (message));
  }

  /* Closing the last window ends the application. */
  gtk_window_close (window);
  bos_test_settle ();
  g_assert_finalize_object (window);
}

static void
test_window (void)
{
  g_autofree char *dir = bos_test_make_tmp_dir ("bos-test-ui");
  g_autofree char *db_path = g_build_filename (dir, "bosetting.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  BosApplication *app;
  BosStore *store;
  int status;

  /* The application as main.c makes it, but without D-Bus uniqueness, on
   * a new database (as --db gives it), seeded on opening. */
  app = bos_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_assert_true (bos_application_open_store (app, db_path, &error));
  g_assert_no_error (error);
  store = g_object_ref (bos_application_get_store (app));

  g_signal_connect_after (app, "activate", G_CALLBACK (run_scenario_cb), db_path);
  status = g_application_run (G_APPLICATION (app), 0, NULL);
  g_assert_cmpint (status, ==, 0);

  g_assert_finalize_object (app);
  g_assert_finalize_object (store);

  bos_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = bos_test_ui_init (&argc, &argv);
  int result;

  g_test_add_func ("/ui/window", test_window);

  result = g_test_run ();
  g_test_dbus_stop (bus);
  return result;
}
