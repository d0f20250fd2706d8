/* test-ui-audit.c: the Change History (audit) in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under Xvfb (`xvfb-run meson test --suite ui`). Locks a municipality
 * in the demo plan's distribution scenario through the core API, as a
 * colleague's edit or a meeting would, opens the Change History from the
 * main menu and sees the entry (who, what in words, old → new, why); a
 * second change appears while the window is open; the municipality filter
 * narrows the list; the municipality's detail shows its own changes; the
 * distribution page opens the same window; and everything is freed.
 */
#include "config.h"

#include <adwaita.h>

#include "bos-application.h"
#include "bos-audit-window.h"
#include "bos-municipality-detail.h"
#include "bos-plan-scenario.h"
#include "bos-seed.h"
#include "bos-test-ui.h"
#include "bos-test-util.h"
#include "bos-window.h"

typedef struct
{
  char           *dir;
  BosApplication *app;
  GtkWindow      *window;
  gboolean        done;
} Run;

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

typedef struct
{
  GtkColumnView *view;
  const char    *text;
} Shows;

static gboolean
shows (gpointer data)
{
  Shows *shows = data;

  return view_shows (shows->view, shows->text);
}

static void
wait_for_text (GtkColumnView *view,
               const char    *text)
{
  Shows data = { view, text };
  g_autofree char *what = g_strdup_printf ("“%s” in the table", text);

  bos_test_wait_for (shows, &data, what);
}

static void
check_audit (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autoptr(BosAuditEntry) newest = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *locked_what = NULL;
  g_autofree char *what = NULL;
  g_autofree char *change = NULL;
  BosStore *store;
  BosWindow *window;
  GtkWindow *audit_window;
  BosAuditView *view;
  GListModel *entries;
  BosMunicipalityDetail *detail;
  BosAuditView *detail_view;
  guint n_before;

  store = bos_application_get_store (run->app);
  run->window = g_object_ref (gtk_application_get_active_window (GTK_APPLICATION (run->app)));
  g_assert_true (BOS_IS_WINDOW (run->window));
  window = BOS_WINDOW (run->window);
  gtk_window_set_default_size (run->window, 1200, 800);
  bos_test_wait_for (bos_test_is_mapped, window, "the window to be mapped");

  /* A lock in the demo plan's distribution scenario, through the core */
  plan_id = bos_plan_make_id (bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL);
  g_assert_cmpstr (bos_plan_get_id (bos_window_get_plan (window)), ==, plan_id);
  scenario = bos_plan_load_chosen_scenario (store, plan_id, &error);
  g_assert_no_error (error);
  scenario_name = bos_plan_scenario_dup_display_name (scenario);
  bos_store_set_author (store, "Kari Nordmann");
  bos_plan_scenario_set_lock (store, bos_plan_scenario_get_id (scenario), "3905", 120,
                              "Agreed at the county meeting", NULL, &error);
  g_assert_no_error (error);

  /* The Change History from the main menu shows it, newest first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-audit", NULL));
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_AUDIT_WINDOW),
                     "the Change History");
  audit_window = bos_test_find_toplevel (BOS_TYPE_AUDIT_WINDOW);
  g_assert_true (gtk_window_get_transient_for (audit_window) == run->window);
  view = bos_audit_window_get_view (BOS_AUDIT_WINDOW (audit_window));
  g_assert_true (bos_audit_view_get_plan (view) == bos_window_get_plan (window));
  entries = bos_audit_view_get_entries (view);
  n_before = g_list_model_get_n_items (entries);
  g_assert_cmpuint (n_before, >=, 1);
  newest = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (bos_audit_entry_get_code (newest), ==, "3905");
  g_assert_cmpstr (bos_audit_entry_get_field (newest), ==, "locked");
  g_assert_null (bos_audit_entry_get_old_value (newest));
  g_assert_cmpstr (bos_audit_entry_get_new_value (newest), ==, "120");

  /* … in words, as the table shows it */
  locked_what = g_strdup_printf ("Locked request in “%s”", scenario_name);
  what = bos_audit_view_dup_what (view, newest);
  g_assert_cmpstr (what, ==, locked_what);
  change = bos_audit_view_dup_change (view, newest);
  g_assert_cmpstr (change, ==, "– → 120");
  wait_for_text (bos_audit_view_get_column_view (view), locked_what);
  g_assert_true (view_shows (bos_audit_view_get_column_view (view), "Kari Nordmann"));
  g_assert_true (view_shows (bos_audit_view_get_column_view (view), "Tønsberg"));
  g_assert_true (view_shows (bos_audit_view_get_column_view (view), "– → 120"));
  g_assert_true (view_shows (bos_audit_view_get_column_view (view), "Agreed at the county meeting"));
  bos_test_screenshot ("audit");

  /* A change made while it is open appears at once */
  bos_plan_scenario_set_lock (store, bos_plan_scenario_get_id (scenario), "3905", 150,
                              "Revised after the council's answer", NULL, &error);
  g_assert_no_error (error);
  bos_plan_scenario_set_lock (store, bos_plan_scenario_get_id (scenario), "0301", 800,
                              "Oslo asked for more", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, n_before + 2);
  wait_for_text (bos_audit_view_get_column_view (view), "120 → 150");

  /* The municipality filter */
  g_assert_true (bos_audit_view_set_filter_code (view, "3905"));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(BosAuditEntry) entry = g_list_model_get_item (entries, i);

      g_assert_cmpstr (bos_audit_entry_get_code (entry), ==, "3905");
    }
  g_assert_false (bos_audit_view_set_filter_code (view, "4601"));
  g_assert_true (bos_audit_view_set_filter_code (view, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, n_before + 2);

  /* The distribution page opens the same window */
  g_assert_true (bos_window_show_page (window, "distribution"));
  g_assert_true (gtk_widget_activate_action (bos_window_get_page (window, "distribution"),
                                             "win.show-audit", NULL));
  g_assert_true (bos_test_find_toplevel (BOS_TYPE_AUDIT_WINDOW) == audit_window);
  g_object_add_weak_pointer (G_OBJECT (audit_window), (gpointer *) &audit_window);
  gtk_window_close (audit_window);
  bos_test_wait_for (bos_test_is_null, &audit_window, "the Change History to close");

  /* The municipality's detail: its own changes in the open plan */
  g_assert_true (bos_window_show_municipality (window, "3905", &error));
  g_assert_no_error (error);
  detail = BOS_MUNICIPALITY_DETAIL (bos_window_get_detail (window));
  bos_test_wait_for (bos_test_is_mapped, detail, "the detail");
  detail_view = bos_municipality_detail_get_audit_view (detail);
  g_assert_cmpstr (bos_audit_view_get_code (detail_view), ==, "3905");
  g_assert_true (bos_audit_view_get_plan (detail_view) == bos_window_get_plan (window));
  g_assert_cmpuint (g_list_model_get_n_items (bos_audit_view_get_entries (detail_view)), ==, 2);
  wait_for_text (bos_audit_view_get_column_view (detail_view), "Revised after the council's answer");
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (detail_view), GTK_TYPE_SCROLLED_WINDOW);
    graphene_point_t point;

    /* The section in view, for the screenshot */
    bos_test_settle ();
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (detail_view),
                                             gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                             &GRAPHENE_POINT_INIT (0, 0), &point));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                              point.y - 100);
    bos_test_screenshot ("audit-detail");
  }

  /* Another municipality has none */
  g_assert_true (bos_window_show_municipality (window, "4601", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (bos_audit_view_get_entries (detail_view)), ==, 0);

  gtk_window_close (run->window);
  run->done = TRUE;
}

static gboolean
check_idle_cb (gpointer data)
{
  check_audit (data);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Run          *run)
{
  g_idle_add (check_idle_cb, run);
}

static void
test_audit (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  BosStore *store;

  run.dir = bos_test_make_tmp_dir ("bos-test-ui-audit");
  db_path = g_build_filename (run.dir, "bosetting.sqlite", NULL);

  run.app = bos_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_assert_true (bos_application_open_store (run.app, db_path, &error));
  g_assert_no_error (error);
  store = g_object_ref (bos_application_get_store (run.app));

  g_signal_connect_after (run.app, "activate", G_CALLBACK (activate_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 0, NULL), ==, 0);
  g_assert_true (run.done);

  /* Everything is freed: the windows, the application and the database. */
  bos_test_settle ();
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

  g_test_add_func ("/ui/audit", test_audit);

  result = g_test_run ();
  g_test_dbus_stop (bus);
  return result;
}
