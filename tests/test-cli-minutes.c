/* test-cli-minutes.c: `bosetting-cli minutes`, run as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting with participants and an agreed number is made through the
 * core; the real bosetting-cli ($BOSETTING_CLI) writes its minutes, read
 * back with pdftotext.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "bos-meeting.h"
#include "bos-meeting-county.h"
#include "bos-plan.h"
#include "bos-seed.h"
#include "bos-test-util.h"

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static void
test_minutes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = bos_test_make_tmp_dir ("bos-test-cli-minutes");
  g_autofree char *db = NULL;
  g_autofree char *pdf = g_build_filename (dir, "minutes.pdf", NULL);
  g_autofree char *plan_id = bos_plan_make_id (bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL);
  g_autofree char *meeting_id = NULL;
  g_autofree char *agreed = NULL;
  g_autofree char *text = NULL;
  g_autoptr(BosMeeting) meeting = NULL;
  g_auto(BosTestRun) run = { 0 };
  g_auto(BosTestRun) missing = { 0 };
  g_auto(BosTestRun) unknown = { 0 };
  BosStore *store;
  BosActivity *activity;
  gint64 tonsberg;

  store = bos_test_open_seeded_copy (dir, "cli.sqlite");
  db = g_strdup (bos_store_get_path (store));
  bos_store_set_author (store, "Test Planner");

  meeting = bos_meeting_new (plan_id);
  activity = bos_meeting_get_activity (meeting);
  bos_activity_set_title (activity, "Samarbeidsmøte Vestfold");
  bos_activity_set_start (activity, "2026-09-16");
  bos_activity_set_end (activity, "2026-09-16");
  bos_activity_set_county_code (activity, "39");
  bos_meeting_add_participant (meeting, bos_participant_new ("KS", "Ola Hansen", "Adviser",
                                                             "ola.hansen@ks.no"));
  bos_meeting_save (store, meeting, &error);
  g_assert_no_error (error);
  bos_meeting_county_start (store, meeting, &error);
  g_assert_no_error (error);
  tonsberg = bos_meeting_lookup_municipality (meeting, "3905")->proposed + 12;
  bos_meeting_county_agree (store, meeting, "3905", tonsberg, "Fleire bustader", &error);
  g_assert_no_error (error);
  meeting_id = g_strdup (bos_meeting_get_id (meeting));
  g_clear_object (&meeting);
  g_assert_finalize_object (store);

  if (!bos_test_run_cli (&run, NULL, "minutes", "--db", db, "--meeting", meeting_id, "--out", pdf,
                         NULL))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "minutes.pdf: 1 page"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if (have_program ("pdftotext"))
    {
      const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, "Ola Hansen"));
      g_assert_nonnull (strstr (text, "Fleire bustader"));
      agreed = g_strdup_printf ("%" G_GINT64_FORMAT, tonsberg);
      g_assert_nonnull (strstr (text, agreed));
    }

  /* Usage errors exit 2, failures 1 with a message */
  bos_test_run_cli (&missing, NULL, "minutes", "--db", db, "--meeting", meeting_id, NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "--out"));
  bos_test_run_cli (&unknown, NULL, "minutes", "--db", db, "--meeting", "activity:nonesuch",
                    "--out", pdf, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "activity:nonesuch"));

  bos_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/minutes", test_minutes);

  return g_test_run ();
}
