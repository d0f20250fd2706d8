/* test-activity.c: the default cycle and editing activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bos-activity.h"
#include "bos-calendar.h"
#include "bos-error.h"
#include "bos-plan.h"
#include "bos-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  BosStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = bos_test_make_tmp_dir ("bos-test-activity");
  fixture->path = g_build_filename (fixture->dir, "activity.sqlite", NULL);
  fixture->store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  bos_store_set_author (fixture->store, "Test Planner");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  bos_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
fixture_reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (fixture->store);
  fixture->store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  bos_store_set_author (fixture->store, "Test Planner");
}

static BosPlan *
create_plan (BosStore   *store,
             int         year,
             const char *scope)
{
  g_autoptr(GError) error = NULL;
  BosPlan *plan = bos_plan_create (store, year, scope, 5350, 270, 2930, FALSE, &error);

  g_assert_no_error (error);
  return plan;
}

static BosActivity *
find_kind (GListModel      *activities,
           BosActivityKind  kind)
{
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);

      if (bos_activity_get_kind (activity) == kind)
        return g_steal_pointer (&activity);
    }
  g_assert_not_reached ();
}

static void
test_default_cycle (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2027, BOS_PLAN_SCOPE_NATIONAL);
  g_autoptr(BosPlan) county_plan = create_plan (fixture->store, 2027, "39");
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(GListModel) county_activities = NULL;
  g_autoptr(BosActivity) county_meeting = NULL;
  /* The 2027 plan is prepared in 2026 (domain.md: requests go out in the
   * autumn before the settlement year). */
  struct {
    const char *start, *end, *kind, *title, *responsible, *participants;
  } expected[] = {
    { "2026-03", "2026-03", "criteria", "Propose settlement criteria", "NU", "NU" },
    { "2026-05", "2026-06", "criteria", "Fix the settlement criteria", "KD", "KD" },
    { "2026-07-01", "2026-07-01", "need", "Preliminary settlement need, split between counties",
      "NU", "NU;IMDi (possibly);KS (possibly)" },
    { "2026-08", "2026-08", "county_distribution",
      "Proposal: county-wise distribution to municipalities", "IMDi", "IMDi" },
    { "2026-09", "2026-09", "meeting", "Collaboration meetings on the distribution", "IMDi;KS",
      "IMDi;KS;county municipality;Bufetat" },
    { "2026-10", "2026-10", "letters", "Letters with the request to each municipality", "IMDi",
      "IMDi;KS (possibly)" },
    { "2026-12", "2026-12", "answer_deadline", "Deadline for the municipalities’ decisions",
      "municipalities", "municipalities" },
  };

  activities = bos_activity_list (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);

      g_assert_cmpstr (bos_activity_get_start (activity), ==, expected[i].start);
      g_assert_cmpstr (bos_activity_get_end (activity), ==, expected[i].end);
      g_assert_cmpstr (bos_activity_kind_to_string (bos_activity_get_kind (activity)), ==,
                       expected[i].kind);
      g_assert_cmpstr (bos_activity_get_title (activity), ==, expected[i].title);
      g_assert_cmpstr (bos_activity_get_responsible (activity), ==, expected[i].responsible);
      g_assert_cmpstr (bos_activity_get_participants (activity), ==, expected[i].participants);
      g_assert_cmpint (bos_activity_get_status (activity), ==, BOS_ACTIVITY_STATUS_PLANNED);
      g_assert_cmpstr (bos_activity_get_description (activity), !=, "");
      g_assert_null (bos_activity_get_start_time (activity));
      g_assert_null (bos_activity_get_county_code (activity));
      g_assert_true (g_str_has_prefix (bos_activity_get_id (activity), "activity:"));
      g_assert_cmpstr (bos_activity_get_plan_id (activity), ==, "plan:2027:national");
      g_assert_cmpstr (bos_activity_get_author (activity), ==, "Test Planner");
      g_assert_true (bos_activity_validate (activity, NULL));
    }

  /* Ready for sync: dirty, never synced */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM activity WHERE dirty = 1 "
                                       "AND base_rev = '' AND deleted = 0"), ==, 14);
  g_assert_cmpint (bos_store_count (fixture->store, "activity", &error), ==, 14);

  /* A county plan's meeting covers its county. */
  county_activities = bos_activity_list (fixture->store, bos_plan_get_id (county_plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (county_activities), ==, 7);
  county_meeting = find_kind (county_activities, BOS_ACTIVITY_KIND_MEETING);
  g_assert_cmpstr (bos_activity_get_county_code (county_meeting), ==, "39");
}

/* Two planners who create the same plan offline get the same default
 * activities, not two copies, when they sync. */
static void
test_default_ids_are_stable (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = bos_test_make_tmp_dir ("bos-test-activity-other");
  g_autofree char *other_path = g_build_filename (other_dir, "other.sqlite", NULL);
  g_autoptr(BosStore) other = bos_store_open (other_path, BOS_STORE_OPEN_NONE, &error);
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2027, BOS_PLAN_SCOPE_NATIONAL);
  g_autoptr(BosPlan) other_plan = create_plan (other, 2027, BOS_PLAN_SCOPE_NATIONAL);
  g_autoptr(BosPlan) next_year = create_plan (fixture->store, 2028, BOS_PLAN_SCOPE_NATIONAL);
  g_autoptr(GListModel) a = bos_activity_list (fixture->store, "plan:2027:national", NULL);
  g_autoptr(GListModel) b = bos_activity_list (other, "plan:2027:national", NULL);
  g_autoptr(GListModel) c = bos_activity_list (fixture->store, "plan:2028:national", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(BosActivity) x = g_list_model_get_item (a, i);
      g_autoptr(BosActivity) y = g_list_model_get_item (b, i);
      g_autoptr(BosActivity) z = g_list_model_get_item (c, i);

      g_assert_cmpstr (bos_activity_get_id (x), ==, bos_activity_get_id (y));
      g_assert_cmpstr (bos_activity_get_id (x), !=, bos_activity_get_id (z));
    }

  g_clear_object (&other);
  bos_test_remove_tree (other_dir);
}

static void
test_edit_and_persist (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2027, BOS_PLAN_SCOPE_NATIONAL);
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(BosActivity) meeting = NULL;
  g_autoptr(BosActivity) loaded = NULL;
  g_autofree char *id = NULL;
  g_autofree char *modified_before = NULL;
  g_autofree char *sql = NULL;
  gint64 log_before;

  activities = bos_activity_list (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_no_error (error);
  meeting = find_kind (activities, BOS_ACTIVITY_KIND_MEETING);
  id = g_strdup (bos_activity_get_id (meeting));
  modified_before = g_strdup (bos_activity_get_modified (meeting));
  log_before = bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log");

  /* The sync layer would have cleared dirty after a push. */
  sql = g_strdup_printf ("UPDATE activity SET dirty = 0, base_rev = '1-abc' WHERE id = '%s'", id);
  g_assert_true (bos_store_exec (fixture->store, sql, NULL));
  g_usleep (2000);

  bos_activity_set_start (meeting, "2026-09-15");
  bos_activity_set_end (meeting, "2026-09-15");
  bos_activity_set_start_time (meeting, "09:00");
  bos_activity_set_end_time (meeting, "15:00");
  bos_activity_set_location (meeting, "Fylkeshuset, Tønsberg");
  bos_activity_set_video_link (meeting, "https://meet.example.org/samarbeidsmote");
  bos_activity_set_status (meeting, BOS_ACTIVITY_STATUS_IN_PROGRESS);
  bos_activity_set_notes (meeting, "Bring last year's figures");
  g_assert_true (bos_activity_update (fixture->store, meeting, "moved to the booked day", &error));
  g_assert_no_error (error);

  g_assert_cmpint (bos_activity_get_sequence (meeting), ==, 1);
  g_assert_cmpstr (bos_activity_get_modified (meeting), >, modified_before);

  /* One change-log entry per changed field, with the reason */
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log"), ==,
                   log_before + 8);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE record_id = '%s' AND field = "
                         "'start_date' AND old_value = '2026-09' AND new_value = '2026-09-15' "
                         "AND why = 'moved to the booked day' AND author = 'Test Planner'", id);
  g_assert_cmpint (bos_test_query_int (fixture->store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT dirty FROM activity WHERE id = '%s'", id);
  g_assert_cmpint (bos_test_query_int (fixture->store, sql), ==, 1);

  /* Saving again without changes writes nothing. */
  g_assert_true (bos_activity_update (fixture->store, meeting, NULL, &error));
  g_assert_cmpint (bos_activity_get_sequence (meeting), ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log"), ==,
                   log_before + 8);

  fixture_reopen (fixture);

  loaded = bos_activity_load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_activity_get_start (loaded), ==, "2026-09-15");
  g_assert_cmpstr (bos_activity_get_end (loaded), ==, "2026-09-15");
  g_assert_cmpstr (bos_activity_get_start_time (loaded), ==, "09:00");
  g_assert_cmpstr (bos_activity_get_end_time (loaded), ==, "15:00");
  g_assert_cmpstr (bos_activity_get_location (loaded), ==, "Fylkeshuset, Tønsberg");
  g_assert_cmpstr (bos_activity_get_video_link (loaded), ==, "https://meet.example.org/samarbeidsmote");
  g_assert_cmpstr (bos_activity_get_notes (loaded), ==, "Bring last year's figures");
  g_assert_cmpint (bos_activity_get_status (loaded), ==, BOS_ACTIVITY_STATUS_IN_PROGRESS);
  g_assert_cmpint (bos_activity_get_sequence (loaded), ==, 1);
  g_assert_cmpstr (bos_activity_get_author (loaded), ==, "Test Planner");
}

static void
test_create_and_order (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2027, BOS_PLAN_SCOPE_NATIONAL);
  g_autoptr(BosActivity) extra = bos_activity_new (bos_plan_get_id (plan));
  g_autoptr(BosActivity) timed = bos_activity_new (bos_plan_get_id (plan));
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(BosActivity) fourth = NULL;
  g_autoptr(BosActivity) fifth = NULL;
  g_autoptr(BosActivity) sixth = NULL;
  g_autoptr(BosActivity) seventh = NULL;

  /* On the 1st of September: after the month-only September meetings */
  g_object_set (extra, "title", "Regional meeting", "kind", BOS_ACTIVITY_KIND_MEETING,
                "start", "2026-09-01", "end", "2026-09-01", NULL);
  g_assert_true (bos_activity_create (fixture->store, extra, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bos_activity_get_sequence (extra), ==, 0);
  g_assert_nonnull (bos_activity_get_modified (extra));

  g_object_set (timed, "title", "Morning meeting", "start", "2026-09-01", "end", "2026-09-01",
                "start-time", "08:30", NULL);
  g_assert_true (bos_activity_create (fixture->store, timed, &error));
  g_assert_no_error (error);

  /* The same id twice is refused */
  g_assert_false (bos_activity_create (fixture->store, extra, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_EXISTS);
  g_clear_error (&error);

  activities = bos_activity_list (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 9);
  fourth = g_list_model_get_item (activities, 3);
  fifth = g_list_model_get_item (activities, 4);
  sixth = g_list_model_get_item (activities, 5);
  seventh = g_list_model_get_item (activities, 6);
  g_assert_cmpstr (bos_activity_get_start (fourth), ==, "2026-08");
  g_assert_cmpstr (bos_activity_get_start (fifth), ==, "2026-09");
  g_assert_cmpstr (bos_activity_get_title (sixth), ==, "Regional meeting");
  g_assert_cmpstr (bos_activity_get_title (seventh), ==, "Morning meeting");

  /* An activity for a plan that does not exist */
  {
    g_autoptr(BosActivity) orphan = bos_activity_new ("plan:1999:national");

    g_object_set (orphan, "title", "Nowhere", "start", "1998-03", "end", "1998-03", NULL);
    g_assert_false (bos_activity_create (fixture->store, orphan, &error));
    g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
    g_assert_cmpstr (error->message, ==, "There is no plan “plan:1999:national”");
  }
}

static void
test_month_only (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2027, BOS_PLAN_SCOPE_NATIONAL);
  g_autoptr(BosActivity) activity = bos_activity_new (bos_plan_get_id (plan));
  g_autoptr(BosActivity) loaded = NULL;
  g_autofree char *label = NULL;
  BosPlanDate start, end;
  GDate today;

  g_object_set (activity, "title", "Answers", "kind", BOS_ACTIVITY_KIND_ANSWER_DEADLINE,
                "start", "2026-11", "end", "2026-12", NULL);
  g_assert_true (bos_activity_create (fixture->store, activity, &error));
  g_assert_no_error (error);

  loaded = bos_activity_load (fixture->store, bos_activity_get_id (activity), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_activity_get_start (loaded), ==, "2026-11");
  g_assert_cmpstr (bos_activity_get_end (loaded), ==, "2026-12");
  g_assert_true (bos_activity_get_start_date (loaded, &start));
  g_assert_true (bos_activity_get_end_date (loaded, &end));
  g_assert_true (bos_plan_date_is_month (&start));
  g_assert_true (bos_plan_date_is_month (&end));
  label = bos_activity_dup_dates_label (loaded);
  g_assert_cmpstr (label, ==, "November – December 2026");

  /* A month-only end is due on the last day of the month */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2026);
  g_assert_false (bos_activity_is_overdue (loaded, &today));
  g_assert_true (bos_activity_is_due_soon (loaded, &today));
  g_date_set_dmy (&today, 17, 12, 2026);
  g_assert_true (bos_activity_is_due_soon (loaded, &today));
  g_date_set_dmy (&today, 16, 12, 2026);
  g_assert_false (bos_activity_is_due_soon (loaded, &today));
  g_date_set_dmy (&today, 1, 1, 2027);
  g_assert_true (bos_activity_is_overdue (loaded, &today));
  g_assert_false (bos_activity_is_due_soon (loaded, &today));

  /* Done activities are never overdue */
  bos_activity_set_status (loaded, BOS_ACTIVITY_STATUS_DONE);
  g_assert_false (bos_activity_is_overdue (loaded, &today));

  /* The database refuses a malformed date even past the program */
  g_assert_false (bos_store_exec (fixture->store,
                                  "UPDATE activity SET start_date = '2026-13' "
                                  "WHERE title = 'Answers'", NULL));
  g_assert_false (bos_store_exec (fixture->store,
                                  "UPDATE activity SET start_date = '2026-1-05' "
                                  "WHERE title = 'Answers'", NULL));
  g_assert_false (bos_store_exec (fixture->store,
                                  "UPDATE activity SET start_time = '24:00' "
                                  "WHERE title = 'Answers'", NULL));
}

static void
test_delete_is_tombstone (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2027, BOS_PLAN_SCOPE_NATIONAL);
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(BosActivity) letters = NULL;
  g_autoptr(BosActivity) gone = NULL;
  g_autoptr(BosActivity) revived = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *row = NULL;

  activities = bos_activity_list (fixture->store, bos_plan_get_id (plan), &error);
  letters = find_kind (activities, BOS_ACTIVITY_KIND_LETTERS);
  id = g_strdup (bos_activity_get_id (letters));
  sql = g_strdup_printf ("UPDATE activity SET dirty = 0, base_rev = '2-def' WHERE id = '%s'", id);
  g_assert_true (bos_store_exec (fixture->store, sql, NULL));

  g_assert_true (bos_activity_delete (fixture->store, id, &error));
  g_assert_no_error (error);

  gone = bos_activity_load (fixture->store, id, &error);
  g_assert_null (gone);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = bos_activity_list (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 6);
  g_assert_cmpint (bos_store_count (fixture->store, "activity", &error), ==, 6);

  /* The row is still there for sync: deleted, dirty, same base_rev */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT deleted || dirty || base_rev || author FROM activity "
                         "WHERE id = '%s'", id);
  row = bos_test_query_text (fixture->store, sql);
  g_assert_cmpstr (row, ==, "112-defTest Planner");

  g_assert_false (bos_activity_delete (fixture->store, id, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Creating it again (an import of an old export) revives the record */
  g_assert_true (bos_activity_create (fixture->store, letters, &error));
  g_assert_no_error (error);
  revived = bos_activity_load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_activity_get_title (revived), ==, bos_activity_get_title (letters));
  g_assert_cmpint (bos_store_count (fixture->store, "activity", &error), ==, 7);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  struct {
    const char *title, *start, *end, *start_time, *end_time, *county, *link, *message;
  } cases[] = {
    { "  ", "2027-03", "2027-03", NULL, NULL, NULL, NULL, "The activity needs a title" },
    { "A", "2027-13", "2027-12", NULL, NULL, NULL, NULL,
      "Start: “2027-13” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "A", "2027-03", "", NULL, NULL, NULL, NULL,
      "End: “” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "A", "2027-05", "2027-04-30", NULL, NULL, NULL, NULL,
      "The end (2027-04-30) is before the start (2027-05)" },
    { "A", "2027-09", "2027-09", "09:00", NULL, NULL, NULL,
      "A start time needs a start date, not just a month (2027-09)" },
    { "A", "2027-09-01", "2027-09-01", "9:00", NULL, NULL, NULL,
      "Start time: “9:00” is not a time of day (HH:MM, 00:00 to 23:59)" },
    { "A", "2027-09-01", "2027-09-01", NULL, "10:00", NULL, NULL,
      "An end time needs a start time" },
    { "A", "2027-09-01", "2027-09-01", "11:00", "10:00", NULL, NULL,
      "The end time (10:00) is before the start time (11:00)" },
    { "A", "2027-09-01", "2027-09", "11:00", "10:00", NULL, NULL,
      "An end time needs an end date, not just a month (2027-09)" },
    { "A", "2027-09-01", "2027-09-01", NULL, NULL, "Vestfold", NULL,
      "“Vestfold” is not a county number (two digits)" },
    { "A", "2027-09-01", "2027-09-01", NULL, NULL, NULL, "meet dot example",
      "The video link “meet dot example” is not a web address (https://…)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BosActivity) activity = bos_activity_new ("plan:2027:national");

      g_object_set (activity, "title", cases[i].title, "start", cases[i].start,
                    "end", cases[i].end, "start-time", cases[i].start_time,
                    "end-time", cases[i].end_time, "county-code", cases[i].county,
                    "video-link", cases[i].link, NULL);
      g_assert_false (bos_activity_validate (activity, &error));
      g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(BosActivity) activity = bos_activity_new ("plan:2027:national");
  g_autoptr(BosActivity) copy = NULL;
  guint count = 0;

  g_signal_connect (activity, "notify", G_CALLBACK (notify_cb), &count);
  bos_activity_set_title (activity, "Meeting");
  bos_activity_set_title (activity, "Meeting");
  g_assert_cmpuint (count, ==, 1);
  bos_activity_set_kind (activity, BOS_ACTIVITY_KIND_MEETING);
  bos_activity_set_kind (activity, BOS_ACTIVITY_KIND_MEETING);
  g_assert_cmpuint (count, ==, 2);
  bos_activity_set_start_time (activity, "");
  g_assert_cmpuint (count, ==, 2);
  g_assert_null (bos_activity_get_start_time (activity));

  copy = bos_activity_copy (activity);
  g_assert_cmpstr (bos_activity_get_id (copy), ==, bos_activity_get_id (activity));
  g_assert_cmpstr (bos_activity_get_title (copy), ==, "Meeting");
  g_assert_cmpint (bos_activity_get_kind (copy), ==, BOS_ACTIVITY_KIND_MEETING);
}

static void
test_labels (void)
{
  g_autofree char *list = bos_activity_dup_list_label ("IMDi;KS; county municipality;;Bufetat");

  g_assert_cmpstr (list, ==, "IMDi, KS, county municipality, Bufetat");
  for (guint k = 0; k < BOS_ACTIVITY_N_KINDS; k++)
    {
      BosActivityKind kind;

      g_assert_true (bos_activity_kind_from_string (bos_activity_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (bos_activity_kind_get_label (k));
    }
  for (guint s = 0; s < BOS_ACTIVITY_N_STATUSES; s++)
    {
      BosActivityStatus status;

      g_assert_true (bos_activity_status_from_string (bos_activity_status_to_string (s), &status));
      g_assert_cmpint (status, ==, s);
    }
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (BOS_TYPE_ACTIVITY_KIND);
    GEnumValue *value = g_enum_get_value (klass, BOS_ACTIVITY_KIND_ANSWER_DEADLINE);

    /* Enum nicks are the stored strings */
    g_assert_cmpstr (value->value_nick, ==, "answer_deadline");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/activity/default-cycle", test_default_cycle);
  ADD ("/activity/default-ids-are-stable", test_default_ids_are_stable);
  ADD ("/activity/edit-and-persist", test_edit_and_persist);
  ADD ("/activity/create-and-order", test_create_and_order);
  ADD ("/activity/month-only", test_month_only);
  ADD ("/activity/delete-is-tombstone", test_delete_is_tombstone);
  ADD ("/activity/validation", test_validation);
#undef ADD
  g_test_add_func ("/activity/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/activity/labels", test_labels);

  return g_test_run ();
}
