/* test-ui-sync.c: the sharing status, the sharing settings and the conflict
 * view, driven as a planner would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (`xvfb-run meson test --suite ui`). Conflicts are made
 * locally, as a pull makes them (bos_sync_local_apply()); the only sync
 * goes to a closed port of 127.0.0.1 and must fail with its reason shown.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "bos-conflict-dialog.h"
#include "bos-error.h"
#include "bos-plan.h"
#include "bos-resources.h"
#include "bos-sync-controller.h"
#include "bos-sync-local.h"
#include "bos-sync-preferences.h"
#include "bos-sync-status.h"
#include "bos-test-util.h"

typedef struct
{
  char      *dir;
  BosStore  *store;
  GSettings *settings;
} Fixture;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (wake);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = bos_test_make_tmp_dir ("bos-test-ui-sync");
  fixture->store = bos_test_open_seeded_copy (fixture->dir, "client.sqlite");
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "sync-server-url");
  g_settings_reset (fixture->settings, "sync-database");
  g_settings_reset (fixture->settings, "sync-user");
  plan = bos_plan_create (fixture->store, 2030, BOS_PLAN_SCOPE_NATIONAL, 5000, 100, 2000, FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  bos_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The server sends plan 2030 with another need and status while the
 * planner here has edited it: a conflict, as a pull finds it. */
static void
make_conflict (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosSyncLocal) local = bos_sync_local_new (fixture->store, &error);
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *seq = NULL;

  g_assert_no_error (error);
  bos_sync_local_open_server (local, "http://127.0.0.1:1", "plans", &client_id, &seq, &error);
  g_assert_no_error (error);
  server = bos_sync_records_read (bos_sync_local_get_records (local), bos_sync_registry_lookup ("plan"),
                                  "plan:2030:national", &error);
  g_assert_no_error (error);
  json_object_set_string_member (server, "_rev", "4-server");
  json_object_set_int_member (server, "need", 5400);
  json_object_set_string_member (server, "status", "agreed");
  json_object_set_string_member (server, "author", "Ola Server");
  bos_store_exec (fixture->store, "UPDATE plan SET minors = 150, dirty = 1 WHERE id = 'plan:2030:national'",
                  &error);
  g_assert_no_error (error);

  g_assert_true (bos_sync_local_begin (local, &error));
  bos_sync_local_apply (local, server, NULL, &error);
  g_assert_no_error (error);
  bos_sync_local_commit (local, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM sync_conflict"), ==, 1);
  /* as bos_sync_client_run_async() tells the interface */
  bos_store_emit_changed (fixture->store, "sync_conflict");
}

static void
destroy_window (gpointer window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_assert_null (weak);
}

static void
test_conflict_combine (Fixture       *fixture,
                       gconstpointer  data)
{
  BosConflictDialog *dialog;
  g_autofree char *status = NULL;

  make_conflict (fixture);
  dialog = bos_conflict_dialog_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (dialog));
  settle ();

  g_assert_cmpuint (bos_conflict_dialog_get_n_conflicts (dialog), ==, 1);
  g_assert_cmpstr (bos_conflict_dialog_get_record_id (dialog), ==, "plan:2030:national");
  /* only the fields that differ have a choice */
  g_assert_true (bos_conflict_dialog_choose_theirs (dialog, "need", TRUE));
  g_assert_true (bos_conflict_dialog_choose_theirs (dialog, "minors", FALSE));
  g_assert_false (bos_conflict_dialog_choose_theirs (dialog, "year", TRUE));

  /* the server's need, this computer's minors and status */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.combine", NULL));
  settle ();
  g_assert_cmpuint (bos_conflict_dialog_get_n_conflicts (dialog), ==, 0);
  g_assert_null (bos_conflict_dialog_get_record_id (dialog));
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT need FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 5400);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT minors FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 150);
  status = bos_test_query_text (fixture->store, "SELECT status FROM plan WHERE id = 'plan:2030:national'");
  g_assert_cmpstr (status, ==, "draft");
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT dirty FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 1);
  destroy_window (dialog);
}

static void
test_conflict_keep_theirs (Fixture       *fixture,
                           gconstpointer  data)
{
  BosConflictDialog *dialog;

  make_conflict (fixture);
  dialog = bos_conflict_dialog_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (dialog));
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.keep-theirs", NULL));
  settle ();
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT need FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 5400);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT dirty FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 0);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM sync_conflict"), ==, 0);
  destroy_window (dialog);
}

static gboolean
state_is_not_syncing (BosSyncController *controller)
{
  BosSyncState state = bos_sync_controller_get_state (controller);

  return state != BOS_SYNC_STATE_SYNCING;
}

static void
test_status (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(BosSyncController) controller = bos_sync_controller_new (fixture->store, fixture->settings);
  BosSyncStatus *status = g_object_ref_sink (g_object_new (BOS_TYPE_SYNC_STATUS, NULL));
  GtkWidget *window = gtk_window_new ();
  gint64 deadline;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (status));
  gtk_window_present (GTK_WINDOW (window));
  bos_sync_controller_set_interval (controller, 0);  /* no automatic sync in a test */
  bos_sync_status_set_controller (status, controller);
  settle ();

  /* not set up */
  g_assert_cmpint (bos_sync_controller_get_state (controller), ==, BOS_SYNC_STATE_OFF);
  g_assert_cmpstr (bos_sync_status_get_label (status), ==, "Not Shared");

  /* set up; a conflict found by a sync */
  g_settings_set_string (fixture->settings, "sync-server-url", "http://127.0.0.1:9");
  g_settings_set_string (fixture->settings, "sync-database", "plans");
  settle ();
  g_assert_cmpint (bos_sync_controller_get_state (controller), ==, BOS_SYNC_STATE_SYNCED);
  make_conflict (fixture);
  settle ();
  g_assert_cmpint (bos_sync_controller_get_state (controller), ==, BOS_SYNC_STATE_CONFLICTS);
  g_assert_cmpuint (bos_sync_controller_get_n_conflicts (controller), ==, 1);
  g_assert_cmpstr (bos_sync_status_get_label (status), ==, "1 Conflict");
  g_assert_cmpstr (bos_sync_status_get_icon_name (status), ==, "dialog-warning-symbolic");

  /* Sync Now to a server that is not there: the reason, in words */
  bos_sync_controller_sync (controller);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!state_is_not_syncing (controller) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  if (g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    {
      g_assert_cmpint (bos_sync_controller_get_state (controller), ==, BOS_SYNC_STATE_ERROR);
      g_assert_nonnull (strstr (bos_sync_controller_get_message (controller), "Could not reach the sync server"));
      g_assert_cmpstr (bos_sync_status_get_label (status), ==, "Sync Failed");
    }
  else
    g_assert_cmpint (bos_sync_controller_get_state (controller), ==, BOS_SYNC_STATE_OFFLINE);

  g_object_unref (status);
  destroy_window (window);
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BosSyncController) controller = bos_sync_controller_new (fixture->store, fixture->settings);
  BosSyncPreferences *preferences;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  bos_sync_controller_set_interval (controller, 0);
  preferences = bos_sync_preferences_new (NULL, controller);
  gtk_window_present (GTK_WINDOW (preferences));
  settle ();

  /* plain http to another computer is refused, and nothing is saved */
  g_assert_false (bos_sync_preferences_apply_server (preferences, "http://couch.example.no", &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);
  url = g_settings_get_string (fixture->settings, "sync-server-url");
  g_assert_cmpstr (url, ==, "");
  g_free (url);

  g_assert_true (bos_sync_preferences_apply_server (preferences, " https://couch.example.no/ ", &error));
  g_assert_no_error (error);
  url = g_settings_get_string (fixture->settings, "sync-server-url");
  g_assert_cmpstr (url, ==, "https://couch.example.no");

  destroy_window (preferences);
}

int
main (int    argc,
      char **argv)
{
  GTestDBus *bus;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int result;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* The toolkit wants a session bus; give it a private one. That unsets
   * DISPLAY, which Xvfb set for us. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Links the templates into the program (their constructor registers them) */
  g_assert_nonnull (bos_get_resource ());

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui-sync/conflict/combine", test_conflict_combine);
  ADD ("/ui-sync/conflict/keep-theirs", test_conflict_keep_theirs);
  ADD ("/ui-sync/status", test_status);
  ADD ("/ui-sync/preferences", test_preferences);

  result = g_test_run ();
  /* A singleton of the toolkit keeps the session bus connection for the
   * life of the process: stop the bus without waiting for it to go. */
  g_test_dbus_stop (bus);
  return result;
}
