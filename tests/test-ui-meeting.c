/* test-ui-meeting.c: the meetings page, the meeting editor, meeting mode
 * and the minutes' preview, driven as a planner would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (`xvfb-run meson test --suite ui`). Opens the real
 * application on a new seeded database, adds a collaboration meeting for
 * Vestfold through the editor (with the checks of e-mail addresses and
 * times), runs it in meeting mode (an agreed number becomes a lock in the
 * plan's chosen scenario and the county total stays), previews and
 * exports the minutes, and checks that everything is freed.
 *
 * With BOSETTING_SCREENSHOTS=DIR it also saves screenshots of the screen
 * (ImageMagick's `import -window root`) into DIR; with
 * BOSETTING_TEST_LANGUAGE it runs in that language (e.g. nb).
 */
#include "config.h"

#include <adwaita.h>

#include "bos-application.h"
#include "bos-meetings-page.h"
#include "bos-plan.h"
#include "bos-plan-scenario.h"
#include "bos-seed.h"
#include "bos-test-ui.h"
#include "bos-test-util.h"
#include "bos-window.h"

static gint64
proposed (BosMeeting *meeting,
          const char *code,
          gboolean    result)
{
  const BosMeetingMunicipality *row = bos_meeting_lookup_municipality (meeting, code);

  g_assert_nonnull (row);
  return result ? row->result : row->proposed;
}

typedef struct
{
  BosApplication *app;
  GtkWindow      *window;
  char           *dir;
  gboolean        done;
} Run;

static char *
add_meeting (Run             *run,
             BosMeetingsPage *page,
             int              year)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = g_strdup_printf ("%d-09-16", year);
  BosMeetingEditor *editor;
  BosMeeting *meeting;
  char *id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "meetings.new", NULL));
  bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_MEETING_EDITOR),
                     "the meeting editor");
  editor = BOS_MEETING_EDITOR (bos_test_find_toplevel (BOS_TYPE_MEETING_EDITOR));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == run->window);
  g_assert_true (bos_meeting_editor_get_is_new (editor));
  meeting = bos_meeting_editor_get_meeting (editor);
  /* A new meeting comes with the usual agenda, and no error yet */
  g_assert_cmpuint (bos_meeting_get_agenda (meeting)->len, ==, 6);
  g_assert_null (bos_meeting_editor_get_message (editor));

  bos_meeting_editor_set_text (editor, "title", "Samarbeidsmøte Vestfold");
  bos_meeting_editor_set_text (editor, "date", date);
  bos_meeting_editor_set_text (editor, "start-time", "9.00");
  g_assert_false (bos_meeting_editor_can_save (editor));
  g_assert_nonnull (bos_meeting_editor_get_message (editor));
  bos_meeting_editor_set_text (editor, "start-time", "09:00");
  bos_meeting_editor_set_text (editor, "end-time", "12:30");
  bos_meeting_editor_set_text (editor, "location", "Fylkeshuset, Tønsberg");
  bos_meeting_editor_set_text (editor, "video-link", "https://meet.example.no/vestfold");
  g_assert_true (bos_meeting_editor_set_county (editor, "39"));
  g_assert_true (bos_meeting_editor_can_save (editor));

  /* The four organisations, from the Add menu */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "meeting-editor.add-all-suggested",
                                             NULL));
  g_assert_cmpuint (bos_meeting_get_participants (meeting)->len, ==, 4);
  g_assert_cmpstr (((BosParticipant *) bos_meeting_get_participants (meeting)->pdata[2])->organisation,
                   !=, "");
  bos_meeting_editor_set_participant_text (editor, 0, "name", "Kari Nordmann");
  bos_meeting_editor_set_participant_text (editor, 0, "role", "Senior adviser");
  bos_meeting_editor_set_participant_text (editor, 0, "email", "kari@imdi");
  g_assert_false (bos_meeting_editor_can_save (editor));
  g_assert_nonnull (strstr (bos_meeting_editor_get_message (editor), "kari@imdi"));
  /* Save refuses and says why */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "meeting-editor.save", NULL));
  g_assert_true (bos_test_find_toplevel (BOS_TYPE_MEETING_EDITOR) == GTK_WINDOW (editor));
  bos_meeting_editor_set_participant_text (editor, 0, "email", "kari.nordmann@imdi.no");
  bos_meeting_editor_set_participant_text (editor, 1, "name", "Ola Hansen");
  bos_meeting_editor_set_participant_text (editor, 1, "email", "ola.hansen@ks.no");
  bos_meeting_editor_set_text (editor, "notes", "Housing in Færder is the main question.");
  g_assert_true (bos_meeting_editor_can_save (editor));
  g_assert_null (bos_meeting_editor_get_message (editor));
  bos_test_screenshot ("meeting-editor");
  if (g_getenv ("BOSETTING_SCREENSHOTS") != NULL)
    {
      /* The participants and the agenda, further down */
      g_autoptr(GPtrArray) groups = g_ptr_array_new ();
      g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
      GtkAdjustment *adjustment;
      graphene_point_t point;

      bos_test_collect (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_GROUP, groups);
      bos_test_collect (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW, scrollers);
      g_assert_cmpuint (groups->len, >=, 4);
      g_assert_cmpuint (scrollers->len, >=, 1);
      g_assert_true (gtk_widget_compute_point (groups->pdata[3],
                                               gtk_scrolled_window_get_child (scrollers->pdata[0]),
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      adjustment = gtk_scrolled_window_get_vadjustment (scrollers->pdata[0]);
      gtk_adjustment_set_value (adjustment, point.y - 12);
      bos_test_screenshot ("meeting-editor-participants");
    }

  id = g_strdup (bos_meeting_get_id (meeting));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "meeting-editor.save", NULL));
  bos_test_wait_for (bos_test_is_null, &editor, "the editor to close");
  return id;
}

/* The checks, run from the application's main loop once it is active */
static void
check_meetings (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) stored = NULL;
  g_autofree char *id = NULL;
  g_autofree char *scenario_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *pdf = NULL;
  g_auto(BosScenarioOverride) lock = { 0 };
  BosApplication *app = run->app;
  BosStore *store;
  GtkWindow *window;
  BosMeetingsPage *page;
  BosMeetingMode *mode;
  BosMinutesPreview *preview;
  BosMeeting *meeting;
  gint64 total, tonsberg;

  store = bos_application_get_store (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (BOS_IS_WINDOW (window));
  run->window = g_object_ref (window);
  gtk_window_set_default_size (window, 1300, 850);
  bos_test_wait_for (bos_test_is_mapped, window, "the window to be mapped");
  plan_id = bos_plan_make_id (bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL);

  /* The meetings page lists the demo cycle's meeting */
  g_assert_true (bos_window_show_page (BOS_WINDOW (window), "meetings"));
  page = BOS_MEETINGS_PAGE (bos_window_get_page (BOS_WINDOW (window), "meetings"));
  bos_test_wait_for (bos_test_is_mapped, page, "the meetings page");
  g_assert_cmpuint (g_list_model_get_n_items (bos_meetings_page_get_meetings (page)), ==, 1);
  g_assert_nonnull (bos_meetings_page_get_meeting (page));
  /* No county yet: no meeting mode */
  g_assert_null (bos_meetings_page_start_meeting_mode (page));

  /* A new meeting through the editor */
  id = add_meeting (run, page, bos_seed_demo_year () - 1);
  stored = bos_meeting_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bos_meeting_get_participants (stored)->len, ==, 4);
  g_assert_cmpstr (((BosParticipant *) bos_meeting_get_participants (stored)->pdata[0])->email, ==,
                   "kari.nordmann@imdi.no");
  g_assert_cmpuint (bos_meeting_get_agenda (stored)->len, ==, 6);
  g_assert_cmpstr (bos_activity_get_county_code (bos_meeting_get_activity (stored)), ==, "39");
  g_assert_cmpuint (g_list_model_get_n_items (bos_meetings_page_get_meetings (page)), ==, 2);
  g_assert_cmpstr (bos_meetings_page_get_selected_id (page), ==, id);
  bos_test_screenshot ("meetings-page");

  /* Meeting mode: the proposal of the plan's chosen scenario */
  mode = bos_meetings_page_start_meeting_mode (page);
  g_assert_nonnull (mode);
  bos_test_wait_for (bos_test_is_mapped, mode, "meeting mode");
  g_object_add_weak_pointer (G_OBJECT (mode), (gpointer *) &mode);
  meeting = bos_meeting_mode_get_meeting (mode);
  g_assert_nonnull (meeting);
  g_assert_cmpuint (bos_meeting_get_municipalities (meeting)->len, ==, 6);
  total = bos_meeting_get_county_total (meeting);
  g_assert_cmpint (total, >, 0);
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, total);

    g_assert_cmpstr (bos_meeting_mode_get_total_text (mode), ==, text);
  }
  bos_test_screenshot ("meeting-mode-start");

  /* Tønsberg agrees to 15 more: a lock with the meeting as source; the
   * county total stays */
  tonsberg = proposed (meeting, "3905", FALSE) + 15;
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, tonsberg);

    g_assert_true (bos_meeting_mode_agree (mode, "3905", text, "New housing ready in spring"));
  }
  g_assert_null (bos_meeting_mode_get_message (mode));
  g_assert_cmpint (proposed (meeting, "3905", TRUE), ==, tonsberg);
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==, total);
  scenario_id = bos_plan_dup_chosen_scenario_id (store, plan_id, &error);
  g_assert_no_error (error);
  bos_plan_scenario_get_override (store, scenario_id, "3905", &lock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lock.locked, ==, tonsberg);
  g_assert_cmpstr (lock.lock_source, ==, id);
  g_assert_cmpstr (lock.lock_reason, ==, "New housing ready in spring");

  /* Not a number, and more than the county: refused with a message */
  g_assert_false (bos_meeting_mode_agree (mode, "3901", "tjue", NULL));
  g_assert_nonnull (bos_meeting_mode_get_message (mode));
  {
    g_autofree char *too_many = g_strdup_printf ("%" G_GINT64_FORMAT, total + 5);

    g_assert_false (bos_meeting_mode_agree (mode, "3901", too_many, NULL));
  }
  g_assert_nonnull (bos_meeting_mode_get_message (mode));
  bos_test_screenshot ("meeting-mode-refused");
  g_assert_true (bos_meeting_mode_agree (mode, "3901", "20", "Agreed as proposed by the county"));
  g_assert_null (bos_meeting_mode_get_message (mode));
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==, total);
  g_assert_cmpuint (bos_meeting_get_n_agreed (meeting), ==, 2);
  bos_test_screenshot ("meeting-mode-agreed");

  /* Finish: the rest is locked too; nothing changes until reopened */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mode), "meeting-mode.finish", NULL));
  g_assert_null (bos_meeting_mode_get_message (mode));
  g_assert_true (bos_meeting_mode_get_finished (mode));
  bos_test_screenshot ("meeting-mode-finished");
  g_assert_false (bos_meeting_mode_agree (mode, "3903", "30", NULL));
  g_assert_nonnull (bos_meeting_mode_get_message (mode));
  g_assert_true (bos_meeting_mode_reopen (mode));
  g_assert_false (bos_meeting_mode_get_finished (mode));
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==, total);

  /* Take Horten back; Esc leaves */
  g_assert_true (bos_meeting_mode_take_back (mode, "3901"));
  g_assert_cmpuint (bos_meeting_get_n_agreed (meeting), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mode), "meeting-mode.leave", NULL));
  bos_test_wait_for (bos_test_is_null, &mode, "meeting mode to close");

  /* The page shows the agreed numbers */
  g_clear_object (&stored);
  stored = bos_meeting_load (store, id, &error);
  g_assert_cmpuint (bos_meeting_get_n_agreed (stored), ==, 1);
  g_assert_cmpuint (bos_meeting_get_n_agreed (bos_meetings_page_get_meeting (page)), ==, 1);
  bos_test_screenshot ("meetings-page-agreed");

  /* The minutes, previewed and exported */
  preview = bos_meetings_page_show_minutes (page);
  g_assert_nonnull (preview);
  bos_test_wait_for (bos_test_is_mapped, preview, "the minutes");
  g_object_add_weak_pointer (G_OBJECT (preview), (gpointer *) &preview);
  g_assert_cmpuint (bos_minutes_preview_get_n_pages (preview), >=, 1);
  g_assert_cmpuint (bos_minutes_preview_get_n_pages (preview), ==,
                    bos_minutes_get_n_pages (bos_minutes_preview_get_minutes (preview)));
  bos_test_screenshot ("minutes-preview");
  bos_minutes_preview_set_zoom (preview, 0.7);
  g_assert_cmpfloat_with_epsilon (bos_minutes_preview_get_zoom (preview), 0.7, 1e-9);
  pdf = g_build_filename (run->dir, "minutes.pdf", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    g_autofree char *contents = NULL;

    g_assert_true (bos_minutes_preview_export (preview, file, &error));
    g_assert_no_error (error);
    g_file_get_contents (pdf, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  }
  gtk_window_close (GTK_WINDOW (preview));
  bos_test_wait_for (bos_test_is_null, &preview, "the minutes to close");

  /* The page's editor opens the stored meeting */
  {
    BosMeetingEditor *editor = bos_meetings_page_edit_meeting (page);

    g_assert_nonnull (editor);
    bos_test_wait_for (bos_test_has_toplevel, GSIZE_TO_POINTER (BOS_TYPE_MEETING_EDITOR),
                       "the editor");
    g_assert_false (bos_meeting_editor_get_is_new (editor));
    g_assert_cmpuint (bos_meeting_get_participants (bos_meeting_editor_get_meeting (editor))->len,
                      ==, 4);
    g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
    gtk_window_close (GTK_WINDOW (editor));
    bos_test_wait_for (bos_test_is_null, &editor, "the editor to close unchanged");
  }

  /* Closing the last window ends the application. */
  gtk_window_close (window);
  run->done = TRUE;
}

static gboolean
check_idle_cb (gpointer data)
{
  check_meetings (data);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Run          *run)
{
  g_idle_add (check_idle_cb, run);
}

static void
test_meetings (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  BosStore *store;

  run.dir = bos_test_make_tmp_dir ("bos-test-ui-meeting");
  db_path = g_build_filename (run.dir, "bosetting.sqlite", NULL);

  run.app = bos_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_assert_true (bos_application_open_store (run.app, db_path, &error));
  g_assert_no_error (error);
  store = g_object_ref (bos_application_get_store (run.app));
  g_signal_connect_after (run.app, "activate", G_CALLBACK (activate_cb), &run);

  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 0, NULL), ==, 0);
  g_assert_true (run.done);

  /* Everything is freed: the window with the page, the editors, meeting
   * mode, the preview, the application and the database. */
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

  g_test_add_func ("/ui/meetings", test_meetings);

  result = g_test_run ();
  g_test_dbus_stop (bus);
  return result;
}
