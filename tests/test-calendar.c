/* test-calendar.c: iCalendar export (checked with libical), import and the
 * `calendar` command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/wait.h>

#include <libical/ical.h>

#include "bos-activity.h"
#include "bos-calendar.h"
#include "bos-error.h"
#include "bos-plan.h"
#include "bos-test-util.h"

#define PLAN_ID "plan:2027:national"

typedef struct
{
  char     *dir;
  BosStore *store;
  char     *long_title;
} Fixture;

static BosStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  BosStore *store = bos_store_open (path, BOS_STORE_OPEN_NONE, &error);

  g_assert_no_error (error);
  return store;
}

static void
add_activity (BosStore    *store,
              BosActivity *activity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bos_activity_create (store, activity, &error));
  g_assert_no_error (error);
}

/* A plan with the default cycle and activities whose text needs escaping,
 * folding and every kind of date. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(BosActivity) meeting = bos_activity_new (PLAN_ID);
  g_autoptr(BosActivity) long_one = bos_activity_new (PLAN_ID);
  g_autoptr(BosActivity) month_start = bos_activity_new (PLAN_ID);
  g_autoptr(BosActivity) two_days = bos_activity_new (PLAN_ID);
  g_autoptr(BosActivity) cancelled = bos_activity_new (PLAN_ID);
  g_autoptr(GString) title = g_string_new (NULL);

  fixture->dir = bos_test_make_tmp_dir ("bos-test-calendar");
  fixture->store = open_store (fixture->dir, "calendar.sqlite");
  plan = bos_plan_create (fixture->store, 2027, BOS_PLAN_SCOPE_NATIONAL, 5350, 270, 2930, FALSE,
                          &error);
  g_assert_no_error (error);

  g_object_set (meeting,
                "kind", BOS_ACTIVITY_KIND_MEETING,
                "title", "Samarbeidsmøte Østfold, Ås; «særskilt» \\ C:\\temp",
                "description", "Linje 1\nLinje 2, med komma; og semikolon\\ og backslash.\n"
                               "Linje 3 æøå ÆØÅ",
                "start", "2026-09-15", "end", "2026-09-15",
                "start-time", "09:00", "end-time", "15:30",
                "location", "Fylkeshuset, Sarpsberg; rom 3",
                "video-link", "https://meet.example.org/abc?x=1,2",
                "responsible", "IMDi;KS",
                "participants", "IMDi;KS;Østfold fylkeskommune;Bufetat",
                "notes", "Husk tall, og kaffe",
                "county-code", "31",
                NULL);
  add_activity (fixture->store, meeting);

  while (g_utf8_strlen (title->str, -1) < 200)
    g_string_append (title, "Fordeling på kommunene i Vestfold og Telemark – særlig Ålesund; ");
  fixture->long_title = g_utf8_substring (title->str, 0, 200);
  g_object_set (long_one,
                "kind", BOS_ACTIVITY_KIND_LETTERS,
                "title", fixture->long_title,
                "start", "2026-10-05", "end", "2026-11",
                "status", BOS_ACTIVITY_STATUS_DONE,
                NULL);
  add_activity (fixture->store, long_one);

  g_object_set (month_start,
                "kind", BOS_ACTIVITY_KIND_ANSWER_DEADLINE,
                "title", "Svar fra kommunene",
                "start", "2026-11", "end", "2026-12-15",
                "status", BOS_ACTIVITY_STATUS_IN_PROGRESS,
                NULL);
  add_activity (fixture->store, month_start);

  g_object_set (two_days,
                "title", "Seminar",
                "start", "2026-09-20", "end", "2026-09-21", "start-time", "10:00",
                NULL);
  add_activity (fixture->store, two_days);

  g_object_set (cancelled,
                "title", "Avlyst møte",
                "start", "2026-08-10", "end", "2026-08-10",
                "status", BOS_ACTIVITY_STATUS_CANCELLED,
                NULL);
  add_activity (fixture->store, cancelled);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  bos_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->long_title);
}

static char *
export (BosStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = bos_calendar_export_ics (store, PLAN_ID, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static GListModel *
list (BosStore *store)
{
  g_autoptr(GError) error = NULL;
  GListModel *activities = bos_activity_list (store, PLAN_ID, &error);

  g_assert_no_error (error);
  return activities;
}

static BosActivity *
find_title (GListModel *activities,
            const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);

      if (g_str_equal (bos_activity_get_title (activity), title))
        return g_steal_pointer (&activity);
    }
  g_assert_not_reached ();
}

/* RFC 5545 §3.1: CRLF after every line, at most 75 octets per line, a
 * continuation starts with a space; we also never split a character. */
static void
assert_lines_folded (const char *text)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[n - 1], ==, "");
  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      if (strlen (lines[i]) > 75)
        g_error ("line %u is %zu octets: %s", i + 1, strlen (lines[i]), lines[i]);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_cmpstr (lines[i], !=, "");
    }
}

static icalcomponent *
parse_with_libical (const char *text)
{
  icalcomponent *calendar = icalparser_parse_string (text);

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  if (icalcomponent_count_errors (calendar) != 0)
    g_error ("libical found errors:\n%s", icalcomponent_as_ical_string (calendar));
  return calendar;
}

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *uid)
{
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (event), uid) == 0)
      return event;
  return NULL;
}

static guint
count_events (icalcomponent *calendar)
{
  return (guint) icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT);
}

static char *
uid_of (BosActivity *activity)
{
  return g_strconcat (bos_activity_get_id (activity), "@bosetting", NULL);
}

static void
test_export_libical (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = export (fixture->store);
  g_autoptr(GListModel) activities = list (fixture->store);
  icalcomponent *calendar;
  icalcomponent *event;
  icalproperty *property;
  struct icaltimetype t;
  g_autofree char *uid = NULL;
  g_autoptr(BosActivity) meeting = NULL;
  g_autoptr(BosActivity) long_one = NULL;
  g_autoptr(BosActivity) month_start = NULL;
  g_autoptr(BosActivity) two_days = NULL;
  g_autoptr(BosActivity) cancelled = NULL;
  g_autoptr(BosActivity) criteria = NULL;

  assert_lines_folded (text);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nPRODID:-//Bosetting//Bosetting "));
  g_assert_nonnull (strstr (text, "\r\nVERSION:2.0\r\n"));
  g_assert_nonnull (strstr (text, "\r\nCALSCALE:GREGORIAN\r\n"));
  g_assert_nonnull (strstr (text, "\r\nX-WR-CALNAME:Settlement: Plan 2027\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));

  calendar = parse_with_libical (text);
  g_assert_cmpuint (count_events (calendar), ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 12);

  /* Every activity is there under its UID */
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);
      g_autofree char *activity_uid = uid_of (activity);

      event = find_event (calendar, activity_uid);
      g_assert_nonnull (event);
      g_assert_cmpstr (icalcomponent_get_summary (event), ==, bos_activity_get_title (activity));
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DTSTAMP_PROPERTY));
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_LASTMODIFIED_PROPERTY));
    }

  /* Special characters come back as they were */
  meeting = find_title (activities, "Samarbeidsmøte Østfold, Ås; «særskilt» \\ C:\\temp");
  uid = uid_of (meeting);
  event = find_event (calendar, uid);
  g_assert_true (g_str_has_prefix (icalcomponent_get_description (event),
                                   "Linje 1\nLinje 2, med komma; og semikolon\\ og backslash.\n"
                                   "Linje 3 æøå ÆØÅ\n\nResponsible: IMDi, KS\n"
                                   "Participants: IMDi, KS, Østfold fylkeskommune, Bufetat\n"
                                   "Notes: Husk tall, og kaffe"));
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Fylkeshuset, Sarpsberg; rom 3");
  property = icalcomponent_get_first_property (event, ICAL_URL_PROPERTY);
  g_assert_cmpstr (icalproperty_get_url (property), ==, "https://meet.example.org/abc?x=1,2");
  property = icalcomponent_get_first_property (event, ICAL_CATEGORIES_PROPERTY);
  g_assert_cmpstr (icalproperty_get_categories (property), ==, "Meeting");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);

  /* A meeting is local time in Europe/Oslo */
  t = icalcomponent_get_dtstart (event);
  g_assert_false (t.is_date);
  g_assert_cmpint (t.year, ==, 2026);
  g_assert_cmpint (t.month, ==, 9);
  g_assert_cmpint (t.day, ==, 15);
  g_assert_cmpint (t.hour, ==, 9);
  g_assert_cmpint (t.minute, ==, 0);
  g_assert_cmpstr (icaltime_get_tzid (t), ==, "Europe/Oslo");
  t = icalcomponent_get_dtend (event);
  g_assert_cmpint (t.hour, ==, 15);
  g_assert_cmpint (t.minute, ==, 30);
  /* 07:00 UTC: summer time */
  t = icaltime_convert_to_zone (icalcomponent_get_dtstart (event), icaltimezone_get_utc_timezone ());
  g_assert_cmpint (t.hour, ==, 7);

  /* The 200-character title is folded and comes back whole */
  long_one = find_title (activities, fixture->long_title);
  g_clear_pointer (&uid, g_free);
  uid = uid_of (long_one);
  event = find_event (calendar, uid);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, fixture->long_title);
  g_assert_cmpint (strlen (fixture->long_title), >, 200);
  /* start date, end month: all day from 5 October to the end of November */
  t = icalcomponent_get_dtstart (event);
  g_assert_true (t.is_date);
  g_assert_cmpint (t.month, ==, 10);
  g_assert_cmpint (t.day, ==, 5);
  t = icalcomponent_get_dtend (event);
  g_assert_true (t.is_date);
  g_assert_cmpint (t.month, ==, 12);
  g_assert_cmpint (t.day, ==, 1);
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);

  /* Month-only: the whole month, all day, tentative */
  criteria = find_title (activities, "Fix the settlement criteria");
  g_clear_pointer (&uid, g_free);
  uid = uid_of (criteria);
  event = find_event (calendar, uid);
  t = icalcomponent_get_dtstart (event);
  g_assert_true (t.is_date);
  g_assert_cmpint (t.year, ==, 2026);
  g_assert_cmpint (t.month, ==, 5);
  g_assert_cmpint (t.day, ==, 1);
  t = icalcomponent_get_dtend (event);
  g_assert_true (t.is_date);
  g_assert_cmpint (t.month, ==, 7);
  g_assert_cmpint (t.day, ==, 1);
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_TENTATIVE);

  month_start = find_title (activities, "Svar fra kommunene");
  g_clear_pointer (&uid, g_free);
  uid = uid_of (month_start);
  event = find_event (calendar, uid);
  t = icalcomponent_get_dtstart (event);
  g_assert_cmpint (t.month, ==, 11);
  g_assert_cmpint (t.day, ==, 1);
  t = icalcomponent_get_dtend (event);
  g_assert_cmpint (t.month, ==, 12);
  g_assert_cmpint (t.day, ==, 16);

  /* A start time and no end time over two days runs through the last day */
  two_days = find_title (activities, "Seminar");
  g_clear_pointer (&uid, g_free);
  uid = uid_of (two_days);
  event = find_event (calendar, uid);
  t = icalcomponent_get_dtend (event);
  g_assert_cmpint (t.day, ==, 22);
  g_assert_cmpint (t.hour, ==, 0);

  cancelled = find_title (activities, "Avlyst møte");
  g_clear_pointer (&uid, g_free);
  uid = uid_of (cancelled);
  event = find_event (calendar, uid);
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);

  /* The 1 July date is all day on that day */
  {
    g_autoptr(BosActivity) need = find_title (activities,
                                              "Preliminary settlement need, split between counties");
    g_autofree char *need_uid = uid_of (need);

    event = find_event (calendar, need_uid);
    t = icalcomponent_get_dtstart (event);
    g_assert_true (t.is_date);
    g_assert_cmpint (t.month, ==, 7);
    g_assert_cmpint (t.day, ==, 1);
    t = icalcomponent_get_dtend (event);
    g_assert_cmpint (t.day, ==, 2);
  }

  icalcomponent_free (calendar);
}

/* Raw checks of what libical hides: escapes as written, and folds */
static void
test_export_escaping (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = export (fixture->store);
  g_autofree char *unfolded = NULL;
  g_autoptr(GRegex) fold = g_regex_new ("\r\n[ \t]", 0, 0, NULL);

  unfolded = g_regex_replace_literal (fold, text, -1, 0, "", 0, NULL);
  g_assert_nonnull (strstr (unfolded,
                            "\r\nSUMMARY:Samarbeidsmøte Østfold\\, Ås\\; «særskilt» \\\\ C:\\\\temp\r\n"));
  g_assert_nonnull (strstr (unfolded,
                            "\r\nX-BOSETTING-DESCRIPTION:Linje 1\\nLinje 2\\, med komma\\; og "
                            "semikolon\\\\ og backslash.\\nLinje 3 æøå ÆØÅ\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nLOCATION:Fylkeshuset\\, Sarpsberg\\; rom 3\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTSTART;TZID=Europe/Oslo:20260915T090000\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTEND;TZID=Europe/Oslo:20260915T153000\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nX-BOSETTING-MONTH-ONLY:END\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nX-BOSETTING-KIND:county_distribution\r\n"));

  /* The long title needs several lines */
  {
    const char *summary = strstr (text, "SUMMARY:Fordeling");
    const char *end = strstr (summary, "\r\n");
    guint continuations = 0;

    while (end[2] == ' ')
      {
        continuations++;
        end = strstr (end + 2, "\r\n");
      }
    g_assert_cmpuint (continuations, >=, 3);
  }
}

static void
test_export_stable (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = export (fixture->store);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(GListModel) activities = list (fixture->store);
  g_autoptr(BosActivity) seminar = find_title (activities, "Seminar");
  g_autofree char *uid = uid_of (seminar);
  icalcomponent *a, *b;

  /* Nothing changed: the same bytes */
  second = export (fixture->store);
  g_assert_cmpstr (first, ==, second);

  g_usleep (2000);
  bos_activity_set_end (seminar, "2026-09-22");
  g_assert_true (bos_activity_update (fixture->store, seminar, NULL, &error));
  g_assert_no_error (error);
  third = export (fixture->store);
  g_assert_cmpstr (first, !=, third);

  /* The same UIDs; the changed event has a higher SEQUENCE */
  a = parse_with_libical (first);
  b = parse_with_libical (third);
  g_assert_cmpuint (count_events (a), ==, count_events (b));
  for (icalcomponent *event = icalcomponent_get_first_component (a, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (a, ICAL_VEVENT_COMPONENT))
    g_assert_nonnull (find_event (b, icalcomponent_get_uid (event)));
  g_assert_cmpint (icalcomponent_get_sequence (find_event (a, uid)), ==, 0);
  g_assert_cmpint (icalcomponent_get_sequence (find_event (b, uid)), ==, 1);
  icalcomponent_free (a);
  icalcomponent_free (b);
}

static void
assert_same_activity (BosActivity *a,
                      BosActivity *b)
{
  static const char * const properties[] = {
    "id", "plan-id", "title", "description", "start", "end", "start-time", "end-time",
    "responsible", "participants", "notes", "location", "video-link", "county-code",
  };

  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      g_autofree char *x = NULL;
      g_autofree char *y = NULL;

      g_object_get (a, properties[i], &x, NULL);
      g_object_get (b, properties[i], &y, NULL);
      if (g_strcmp0 (x, y) != 0)
        g_error ("%s differs: “%s” and “%s”", properties[i], x, y);
    }
  g_assert_cmpint (bos_activity_get_kind (a), ==, bos_activity_get_kind (b));
  g_assert_cmpint (bos_activity_get_status (a), ==, bos_activity_get_status (b));
}

static void
test_import_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = export (fixture->store);
  g_autoptr(BosStore) other = open_store (fixture->dir, "other.sqlite");
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GListModel) original = list (fixture->store);
  g_autoptr(GListModel) copied = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(BosActivity) seminar = NULL;
  g_autoptr(BosActivity) restored = NULL;
  guint created = 99, updated = 99;
  gint64 log_before;

  /* A colleague's new 2027 plan has the same default activities: only the
   * five added ones are new. */
  plan = bos_plan_create (other, 2027, BOS_PLAN_SCOPE_NATIONAL, 5350, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (bos_calendar_import_ics (other, PLAN_ID, text, strlen (text), "plan.ics",
                                          &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 5);
  g_assert_cmpuint (updated, ==, 0);

  copied = list (other);
  g_assert_cmpuint (g_list_model_get_n_items (copied), ==, g_list_model_get_n_items (original));
  for (guint i = 0; i < g_list_model_get_n_items (original); i++)
    {
      g_autoptr(BosActivity) a = g_list_model_get_item (original, i);
      g_autoptr(BosActivity) b = g_list_model_get_item (copied, i);

      assert_same_activity (a, b);
    }

  /* Importing our own export changes nothing */
  log_before = bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log");
  g_assert_true (bos_calendar_import_ics (fixture->store, PLAN_ID, text, strlen (text), "plan.ics",
                                          &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 0);
  g_assert_cmpuint (updated, ==, 0);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log"), ==,
                   log_before);

  /* An edit since the export is undone by importing it; a deleted
   * activity comes back. */
  seminar = find_title (original, "Seminar");
  bos_activity_set_title (seminar, "Seminar (moved)");
  bos_activity_set_start_time (seminar, NULL);
  g_assert_true (bos_activity_update (fixture->store, seminar, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(BosActivity) cancelled = find_title (original, "Avlyst møte");

    g_assert_true (bos_activity_delete (fixture->store, bos_activity_get_id (cancelled), &error));
    g_assert_no_error (error);
  }
  g_assert_true (bos_calendar_import_ics (fixture->store, PLAN_ID, text, strlen (text), "plan.ics",
                                          &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpuint (updated, ==, 1);
  restored = bos_activity_load (fixture->store, bos_activity_get_id (seminar), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_activity_get_title (restored), ==, "Seminar");
  g_assert_cmpstr (bos_activity_get_start_time (restored), ==, "10:00");
  g_assert_cmpstr (bos_activity_get_end (restored), ==, "2026-09-21");
  after = list (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 12);

  g_clear_object (&other);
}

/* Events from other calendar programs: UTC times and foreign UIDs */
static void
test_import_foreign (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *text =
    "BEGIN:VCALENDAR\n"
    "VERSION:2.0\n"
    "PRODID:-//Example//Other//EN\n"
    "BEGIN:VEVENT\n"
    "UID:12345@example.org\n"
    "DTSTAMP:20260101T000000Z\n"
    "DTSTART:20261105T080000Z\n"
    "DTEND:20261105T100000Z\n"
    "SUMMARY:Dialogmøte\\, KS\n"
    "BEGIN:VALARM\n"
    "ACTION:DISPLAY\n"
    "DESCRIPTION:Reminder\n"
    "TRIGGER:-PT15M\n"
    "END:VALARM\n"
    "END:VEVENT\n"
    "END:VCALENDAR\n";
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(BosActivity) meeting = NULL;
  guint created = 0, updated = 0;

  g_assert_true (bos_calendar_import_ics (fixture->store, PLAN_ID, text, strlen (text), "other.ics",
                                          &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 1);

  activities = list (fixture->store);
  meeting = find_title (activities, "Dialogmøte, KS");
  /* 08:00 UTC is 09:00 in Oslo in November */
  g_assert_cmpstr (bos_activity_get_start (meeting), ==, "2026-11-05");
  g_assert_cmpstr (bos_activity_get_start_time (meeting), ==, "09:00");
  g_assert_cmpstr (bos_activity_get_end_time (meeting), ==, "11:00");
  g_assert_cmpstr (bos_activity_get_description (meeting), ==, "");
  g_assert_cmpint (bos_activity_get_kind (meeting), ==, BOS_ACTIVITY_KIND_OTHER);

  /* The same file again updates rather than duplicates */
  g_assert_true (bos_calendar_import_ics (fixture->store, PLAN_ID, text, strlen (text), "other.ics",
                                          &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 0);
  g_assert_cmpuint (updated, ==, 0);
}

static char *
activity_checksum (BosStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  stmt = bos_store_prepare (store, "SELECT * FROM activity ORDER BY id", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        g_checksum_update (checksum, (const guchar *) bos_sqlite_text (stmt, c), -1);
        g_checksum_update (checksum, (const guchar *) "\x1f", 1);
      }
  g_checksum_update (checksum, (const guchar *) "log", 3);
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = bos_store_prepare (store, "SELECT count(*) FROM change_log", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_checksum_update (checksum, (const guchar *) bos_sqlite_text (stmt, 0), -1);
  return g_strdup (g_checksum_get_string (checksum));
}

#define EVENT(uid, body) \
  "BEGIN:VEVENT\r\nUID:" uid "\r\nDTSTAMP:20260101T000000Z\r\n" body "END:VEVENT\r\n"
#define GOOD_EVENT(uid) \
  EVENT (uid, "DTSTART;VALUE=DATE:20261001\r\nSUMMARY:Good\r\n")

static void
test_import_bad (Fixture       *fixture,
                 gconstpointer  data)
{
  struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "Hello", "bad.ics line 1: “Hello” is not a property (expected NAME:VALUE)" },
    { "BEGIN:VCARD\r\nEND:VCARD\r\n",
      "bad.ics line 1: this is not an iCalendar file (expected BEGIN:VCALENDAR)" },
    { "", "bad.ics line 1: this is not an iCalendar file (expected BEGIN:VCALENDAR)" },
    /* The first event is fine, the second is not: nothing is imported */
    { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" GOOD_EVENT ("a@example.org")
      EVENT ("b@example.org", "DTSTART;VALUE=DATE:2026130\r\nSUMMARY:Bad\r\n") "END:VCALENDAR\r\n",
      "bad.ics line 12: DTSTART: “2026130” is not a date (YYYYMMDD) or a date and time "
      "(YYYYMMDDTHHMMSS)" },
    { "BEGIN:VCALENDAR\r\n" GOOD_EVENT ("a@example.org")
      EVENT ("b@example.org", "DTSTART;VALUE=DATE:20261001\r\nSUMMARY:X\r\n"
                              "X-BOSETTING-KIND:party\r\n") "END:VCALENDAR\r\n",
      "bad.ics line 13: X-BOSETTING-KIND: “party” is not a kind of activity (criteria, need, "
      "county_distribution, meeting, letters, answer_deadline or other)" },
    { "BEGIN:VCALENDAR\r\n" GOOD_EVENT ("a@example.org"),
      "bad.ics line 7: the file ends inside VCALENDAR begun on line 1 (END:VCALENDAR missing)" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
      "bad.ics line 4: END:VTODO does not match BEGIN:VEVENT on line 2" },
    { "BEGIN:VCALENDAR\r\n" EVENT ("a@example.org", "DTSTART;VALUE=DATE:20261001\r\n")
      "END:VCALENDAR\r\n",
      "bad.ics line 2: SUMMARY: the event has no title" },
    { "BEGIN:VCALENDAR\r\n" EVENT ("a@example.org", "SUMMARY:No start\r\n") "END:VCALENDAR\r\n",
      "bad.ics line 2: the event “No start” has no DTSTART" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261001\r\nSUMMARY:No UID\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n",
      "bad.ics line 2: the event has no UID" },
    { "BEGIN:VCALENDAR\r\n" EVENT ("a@example.org", "DTSTART;VALUE=DATE:20261010\r\n"
                                   "DTEND;VALUE=DATE:20261001\r\nSUMMARY:Back\r\n")
      "END:VCALENDAR\r\n",
      "bad.ics line 6: DTEND: the event ends before it starts" },
    { "BEGIN:VCALENDAR\r\n" EVENT ("a@example.org", "DTSTART;TZID=Mars/Olympus:20261010T100000\r\n"
                                   "SUMMARY:Far\r\n")
      "END:VCALENDAR\r\n",
      "bad.ics line 5: DTSTART: unknown time zone “Mars/Olympus”" },
    { "BEGIN:VCALENDAR\r\n" GOOD_EVENT ("a@example.org") GOOD_EVENT ("a@example.org")
      "END:VCALENDAR\r\n",
      "bad.ics line 9: UID: the event “Good” appears twice (first on line 2)" },
    { "BEGIN:VCALENDAR\r\n" EVENT ("a@example.org", "DTSTART;VALUE=DATE:20261001\r\nSUMMARY:R\r\n"
                                   "RRULE:FREQ=YEARLY\r\n")
      "END:VCALENDAR\r\n",
      "bad.ics line 7: RRULE: repeating events are not supported" },
    { "BEGIN:VCALENDAR\r\n" EVENT ("a@example.org", "DTSTART;VALUE=DATE:20261001\r\nSUMMARY:U\r\n"
                                   "URL:not a link\r\n")
      "END:VCALENDAR\r\n",
      "bad.ics line 2: the event “U”: The video link “not a link” is not a web address (https://…)" },
    { "BEGIN:VCALENDAR\r\nSUMMARY;X=\"open:x\r\nEND:VCALENDAR\r\n",
      "bad.ics line 2: SUMMARY: a quoted parameter value is not closed" },
    { "BEGIN:VCALENDAR\r\nX-NOTE:caf\xe9\r\nEND:VCALENDAR\r\n",
      "bad.ics line 2: the text is not UTF-8" },
  };
  g_autofree char *before = activity_checksum (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      guint created = 0, updated = 0;

      g_assert_false (bos_calendar_import_ics (fixture->store, PLAN_ID, cases[i].text,
                                               strlen (cases[i].text), "bad.ics", &created,
                                               &updated, &error));
      g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      after = activity_checksum (fixture->store);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Another plan's export cannot take over this plan's activities. */
static void
test_import_other_plan (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autofree char *text = export (fixture->store);
  g_autofree char *before = activity_checksum (fixture->store);
  g_autofree char *after = NULL;

  plan = bos_plan_create (fixture->store, 2028, BOS_PLAN_SCOPE_NATIONAL, 100, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = activity_checksum (fixture->store);

  g_assert_false (bos_calendar_import_ics (fixture->store, "plan:2028:national", text, strlen (text),
                                           "plan.ics", NULL, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "plan.ics line "));
  g_assert_nonnull (strstr (error->message, "belongs to the plan “plan:2027:national”, "
                                            "not to “plan:2028:national”"));
  after = activity_checksum (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

/* The command line */

static int
run_cli (const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("BOSETTING_CLI");
  int status = 0;

  if (cli == NULL)
    {
      g_test_skip ("BOSETTING_CLI is not set");
      return -1;
    }
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *dir = bos_test_make_tmp_dir ("bos-test-calendar-cli");
  g_autofree char *db = g_build_filename (dir, "cli.sqlite", NULL);
  g_autofree char *ics_path = g_build_filename (dir, "plan.ics", NULL);
  g_autofree char *bad_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  icalcomponent *calendar;

  if (g_getenv ("BOSETTING_CLI") == NULL)
    {
      g_test_skip ("BOSETTING_CLI is not set");
      bos_test_remove_tree (dir);
      return;
    }

  /* A plan created on the command line gets the default cycle */
  g_assert_cmpint (run_cli ((const char *[]) { "plan", "new", "--db", db, "--year", "2031",
                                               "--need", "4000", NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "plan:2031:national\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "plan", "new", "--db", db, "--year", "2031",
                                               "--need", "300", "--county", "46", NULL },
                            &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "calendar", "--db", db, "--plan", "2031", NULL },
                            &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "start,end,kind,title,responsible,status\n"
                   "2030-03,2030-03,criteria,Propose settlement criteria,NU,planned\n"
                   "2030-05,2030-06,criteria,Fix the settlement criteria,KD,planned\n"
                   "2030-07-01,2030-07-01,need,\"Preliminary settlement need, split between "
                   "counties\",NU,planned\n"
                   "2030-08,2030-08,county_distribution,Proposal: county-wise distribution to "
                   "municipalities,IMDi,planned\n"
                   "2030-09,2030-09,meeting,Collaboration meetings on the distribution,IMDi;KS,"
                   "planned\n"
                   "2030-10,2030-10,letters,Letters with the request to each municipality,IMDi,"
                   "planned\n"
                   "2030-12,2030-12,answer_deadline,Deadline for the municipalities’ decisions,"
                   "municipalities,planned\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The county plan */
  g_assert_cmpint (run_cli ((const char *[]) { "calendar", "--db", db, "--plan", "2031",
                                               "--county", "46", NULL }, &out, &err), ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 9);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "calendar", "--db", db, "--plan", "2031", "--ics",
                                               NULL }, &out, &err), ==, 0);
  assert_lines_folded (out);
  calendar = parse_with_libical (out);
  g_assert_cmpuint (count_events (calendar), ==, 7);
  icalcomponent_free (calendar);
  {
    g_autoptr(GError) error = NULL;
    g_file_set_contents (ics_path, out, -1, &error);
    g_assert_no_error (error);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "calendar", "--db", db, "--plan", "2031",
                                               "--import", ics_path, NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "created=0 updated=0\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Failures: exit 1 with the reason on stderr */
  bad_path = bos_test_write_file (dir, "bad.ics", "BEGIN:VCALENDAR\r\nnonsense\r\n", -1);
  g_assert_cmpint (run_cli ((const char *[]) { "calendar", "--db", db, "--plan", "2031",
                                               "--import", bad_path, NULL }, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "bosetting-cli: bad.ics line 2: “nonsense” is not a property "
                            "(expected NAME:VALUE)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "calendar", "--db", db, "--plan", "1999", NULL },
                            &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "bosetting-cli: There is no plan “plan:1999:national”\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: exit 2 */
  g_assert_cmpint (run_cli ((const char *[]) { "calendar", "--db", db, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--plan YEAR is required"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "calendar", "--db", db, "--plan", "2031", "--ics",
                                               "--import", ics_path, NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "calendar", "--db", db, "--plan", "soon", NULL },
                            &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  bos_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/calendar/export/libical", test_export_libical);
  ADD ("/calendar/export/escaping-and-folding", test_export_escaping);
  ADD ("/calendar/export/stable", test_export_stable);
  ADD ("/calendar/import/round-trip", test_import_round_trip);
  ADD ("/calendar/import/foreign", test_import_foreign);
  ADD ("/calendar/import/bad", test_import_bad);
  ADD ("/calendar/import/other-plan", test_import_other_plan);
#undef ADD
  g_test_add_func ("/calendar/cli", test_cli);

  return g_test_run ();
}
