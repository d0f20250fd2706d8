/* test-ui-calendar.c: the calendar page, driven as a planner would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (`xvfb-run meson test --suite ui`). Opens the real
 * application on a new seeded database, shows the calendar page, checks
 * that the wheel and the list show the demo plan's default cycle with
 * overdue and near activities marked, adds an activity through the
 * editor, edits and deletes it, and checks that everything is freed.
 */
#include "config.h"

#include <adwaita.h>

#include "bos-application.h"
#include "bos-activity.h"
#include "bos-activity-editor.h"
#include "bos-calendar-page.h"
#include "bos-plan.h"
#include "bos-seed.h"
#include "bos-test-ui.h"
#include "bos-test-util.h"
#include "bos-window.h"
#include "bos-year-wheel.h"

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 200 &&
         gtk_widget_get_height (GTK_WIDGET (data)) > 200;
}

/* The list view's rows, found the way a person reads them: by title */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *row = find_row (child, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static BosActivity *
find_activity (GListModel *activities,
               const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);

      if (g_str_equal (bos_activity_get_title (activity), title))
        return activity;  /* the model keeps it */
    }
  return NULL;
}

typedef struct
{
  BosApplication *app;
  GtkWindow      *window;
  gboolean        done;
} Run;

/* The checks, run from the application's main loop once it is active */
static void
check_calendar_page (Run *run)
{
  g_autofree char *date = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(BosActivity) stored = NULL;
  g_autofree char *new_id = NULL;
  const char *new_title = "Regional meeting, Vestfold & Telemark";
  int cycle_year = bos_seed_demo_year () - 1;
  BosApplication *app;
  BosStore *store;
  GtkWindow *window;
  BosCalendarPage *page;
  BosYearWheel *wheel;
  GListModel *activities;
  BosActivityEditor *editor;
  AdwActionRow *row;
  GDate today;

  app = run->app;
  store = bos_application_get_store (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (BOS_IS_WINDOW (window));
  run->window = g_object_ref (window);
  gtk_window_set_default_size (window, 1300, 850);
  bos_test_wait_for (bos_test_is_mapped, window, "the window to be mapped");

  /* The calendar page of the demo plan */
  g_assert_true (bos_window_show_page (BOS_WINDOW (window), "calendar"));
  page = BOS_CALENDAR_PAGE (bos_window_get_page (BOS_WINDOW (window), "calendar"));
  wheel = bos_calendar_page_get_wheel (page);
  activities = bos_calendar_page_get_activities (page);
  bos_test_wait_for (bos_test_is_mapped, wheel, "the wheel to be mapped");
  bos_test_wait_for (has_size, wheel, "the wheel to get its size");
  g_assert_cmpstr (bos_calendar_page_get_view (page), ==, "wheel");

  /* The default cycle, on the wheel of the year the plan is prepared in */
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 7);
  g_assert_cmpint (bos_year_wheel_get_year (wheel), ==, cycle_year);
  g_assert_cmpuint (bos_year_wheel_get_n_arcs (wheel), ==, 7);

  /* Every arc is where a click finds it; the centre is empty */
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);
      double x, y;

      g_assert_true (bos_year_wheel_get_activity_point (wheel, activity, &x, &y));
      g_assert_true (bos_year_wheel_get_activity_at (wheel, x, y) == activity);
    }
  g_assert_null (bos_year_wheel_get_activity_at (wheel, gtk_widget_get_width (GTK_WIDGET (wheel)) / 2.0,
                                                 gtk_widget_get_height (GTK_WIDGET (wheel)) / 2.0));

  /* Selecting an arc shows the activity beside the wheel */
  {
    BosActivity *letters = find_activity (activities, "Letters with the request to each municipality");

    g_assert_nonnull (letters);
    bos_year_wheel_set_selected (wheel, letters);
    g_assert_true (bos_year_wheel_get_selected (wheel) == letters);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.edit-selected", NULL));
    bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_ACTIVITY_EDITOR),
                       "the editor of the selected activity");
    editor = BOS_ACTIVITY_EDITOR (bos_test_find_toplevel (BOS_TYPE_ACTIVITY_EDITOR));
    g_assert_cmpstr (bos_activity_get_id (bos_activity_editor_get_activity (editor)), ==,
                     bos_activity_get_id (letters));
    g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
    gtk_window_close (GTK_WINDOW (editor));
    bos_test_wait_for (bos_test_is_null, &editor, "the editor to close unchanged");
  }

  /* On 20 August: March, May–June and 1 July are overdue, August ends
   * within two weeks */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_AUGUST, (GDateYear) cycle_year);
  bos_year_wheel_set_today (wheel, &today);

  /* The list view: one group per month, a row per activity */
  bos_calendar_page_set_view (page, "list");
  bos_test_settle ();
  bos_test_collect (bos_calendar_page_get_list (page), ADW_TYPE_ACTION_ROW, rows);
  bos_test_collect (bos_calendar_page_get_list (page), ADW_TYPE_PREFERENCES_GROUP, groups);
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_cmpuint (groups->len, ==, 7);
  {
    g_autofree char *march = g_strdup_printf ("March %d", cycle_year);

    g_assert_cmpstr (adw_preferences_group_get_title (g_ptr_array_index (groups, 0)), ==, march);
  }
  row = find_row (bos_calendar_page_get_list (page), "Fix the settlement criteria");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "overdue"));
  row = find_row (bos_calendar_page_get_list (page),
                  "Proposal: county-wise distribution to municipalities");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "due-soon"));
  row = find_row (bos_calendar_page_get_list (page), "Collaboration meetings on the distribution");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "overdue"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "due-soon"));

  /* Add an activity through the editor */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.add", NULL));
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_ACTIVITY_EDITOR),
                     "the activity editor");
  editor = BOS_ACTIVITY_EDITOR (bos_test_find_toplevel (BOS_TYPE_ACTIVITY_EDITOR));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == window);
  g_assert_true (bos_activity_editor_get_is_new (editor));
  /* No title yet: Save is off, but no error is shouted at an empty form */
  g_assert_false (bos_activity_editor_can_save (editor));
  g_assert_null (bos_activity_editor_get_message (editor));

  date = g_strdup_printf ("%d-09-15", cycle_year);
  bos_activity_editor_set_text (editor, "title", new_title);
  bos_activity_editor_set_kind (editor, BOS_ACTIVITY_KIND_MEETING);
  bos_activity_editor_set_text (editor, "start", date);
  bos_activity_editor_set_text (editor, "end", date);
  bos_activity_editor_set_text (editor, "start-time", "09:00");
  bos_activity_editor_set_text (editor, "end-time", "08:00");
  g_assert_false (bos_activity_editor_can_save (editor));
  g_assert_cmpstr (bos_activity_editor_get_message (editor), ==,
                   "The end time (08:00) is before the start time (09:00)");
  /* Save refuses as well */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (bos_test_find_toplevel (BOS_TYPE_ACTIVITY_EDITOR) == GTK_WINDOW (editor));

  bos_activity_editor_set_text (editor, "end-time", "15:30");
  bos_activity_editor_set_text (editor, "responsible", "IMDi, KS");
  bos_activity_editor_set_text (editor, "participants", "IMDi, KS, Vestfold fylkeskommune, Bufetat");
  bos_activity_editor_set_text (editor, "location", "Fylkeshuset, Tønsberg");
  bos_activity_editor_set_text (editor, "county-code", "39");
  bos_activity_editor_set_text (editor, "description", "Agree the requests per municipality.");
  g_assert_true (bos_activity_editor_can_save (editor));
  g_assert_null (bos_activity_editor_get_message (editor));

  new_id = g_strdup (bos_activity_get_id (bos_activity_editor_get_activity (editor)));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  bos_test_wait_for (bos_test_is_null, &editor, "the editor to close");

  /* In the store, in the page's model, on the wheel and in the list */
  stored = bos_activity_load (store, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_activity_get_title (stored), ==, new_title);
  g_assert_cmpstr (bos_activity_get_start (stored), ==, date);
  g_assert_cmpstr (bos_activity_get_end_time (stored), ==, "15:30");
  g_assert_cmpstr (bos_activity_get_responsible (stored), ==, "IMDi;KS");
  g_assert_cmpstr (bos_activity_get_participants (stored), ==,
                   "IMDi;KS;Vestfold fylkeskommune;Bufetat");
  g_assert_cmpstr (bos_activity_get_county_code (stored), ==, "39");
  g_assert_cmpint (bos_activity_get_kind (stored), ==, BOS_ACTIVITY_KIND_MEETING);

  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 8);
  g_assert_cmpuint (bos_year_wheel_get_n_arcs (wheel), ==, 8);
  g_assert_nonnull (bos_year_wheel_get_selected (wheel));
  g_assert_cmpstr (bos_activity_get_id (bos_year_wheel_get_selected (wheel)), ==, new_id);
  row = find_row (bos_calendar_page_get_list (page), new_title);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "09:00–15:30"));

  /* Edit it: activating the row opens the editor on a copy */
  g_signal_emit_by_name (row, "activated");
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_ACTIVITY_EDITOR),
                     "the editor of the new activity");
  editor = BOS_ACTIVITY_EDITOR (bos_test_find_toplevel (BOS_TYPE_ACTIVITY_EDITOR));
  g_assert_false (bos_activity_editor_get_is_new (editor));
  bos_activity_editor_set_status (editor, BOS_ACTIVITY_STATUS_DONE);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  bos_test_wait_for (bos_test_is_null, &editor, "the editor to close after the edit");
  g_clear_object (&stored);
  stored = bos_activity_load (store, new_id, &error);
  g_assert_cmpint (bos_activity_get_status (stored), ==, BOS_ACTIVITY_STATUS_DONE);
  g_assert_cmpint (bos_activity_get_sequence (stored), ==, 1);

  /* Delete it, after confirming */
  editor = bos_calendar_page_edit_activity (page, new_id);
  g_assert_nonnull (editor);
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_ACTIVITY_EDITOR),
                     "the editor for deleting");
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                     "the confirmation");
  {
    GtkWindow *confirmation = bos_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirmation), "delete");
  }
  bos_test_wait_for (bos_test_is_null, &editor, "the editor to close after deleting");
  {
    BosTestModelSize size = { activities, 7 };

    bos_test_wait_for (bos_test_has_n_items, &size, "the deleted activity to leave the list");
  }
  g_assert_null (find_row (bos_calendar_page_get_list (page), new_title));
  g_assert_cmpint (bos_test_query_int (store, "SELECT count(*) FROM activity "
                                              "WHERE deleted = 1 AND dirty = 1"), ==, 1);

  /* Back to the wheel */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.view", "s", "wheel"));
  g_assert_cmpstr (bos_calendar_page_get_view (page), ==, "wheel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.next-year", NULL));
  g_assert_cmpint (bos_year_wheel_get_year (wheel), ==, cycle_year + 1);
  g_assert_cmpuint (bos_year_wheel_get_n_arcs (wheel), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.previous-year", NULL));

  /* Closing the last window ends the application. */
  gtk_window_close (window);
  run->done = TRUE;
}

static gboolean
check_idle_cb (gpointer data)
{
  check_calendar_page (data);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Run          *run)
{
  g_idle_add (check_idle_cb, run);
}

/* The seed ticks off the demo cycle's steps that have ended; the checks
 * below move "today" themselves, so they start from a cycle that is all
 * still planned. */
static void
reopen_demo_cycle (BosStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_id = bos_plan_make_id (bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL);
  g_autoptr(GListModel) activities = bos_activity_list (store, plan_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);

      bos_activity_set_status (activity, BOS_ACTIVITY_STATUS_PLANNED);
      g_assert_true (bos_activity_update (store, activity, "test", &error));
      g_assert_no_error (error);
    }
}

static void
test_calendar_page (void)
{
  g_autofree char *dir = bos_test_make_tmp_dir ("bos-test-ui-calendar");
  g_autofree char *db_path = g_build_filename (dir, "bosetting.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  BosStore *store;

  /* The application as main.c runs it, without D-Bus uniqueness, on a
   * new database (as --db gives it), seeded on opening. */
  run.app = bos_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_assert_true (bos_application_open_store (run.app, db_path, &error));
  g_assert_no_error (error);
  store = g_object_ref (bos_application_get_store (run.app));
  reopen_demo_cycle (store);
  g_signal_connect_after (run.app, "activate", G_CALLBACK (activate_cb), &run);

  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 0, NULL), ==, 0);
  g_assert_true (run.done);

  /* Everything is freed: the window with the page, the wheel and the
   * editors, the application and the database. */
  bos_test_settle ();
  g_assert_finalize_object (run.window);
  g_assert_finalize_object (run.app);
  g_assert_finalize_object (store);

  bos_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = bos_test_ui_init (&argc, &argv);
  int result;

  g_test_add_func ("/ui/calendar-page", test_calendar_page);

  result = g_test_run ();
  g_test_dbus_stop (bus);
  return result;
}
