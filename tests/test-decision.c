/* test-decision.c: municipalities' decisions, their import and the coverage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "bos-activity.h"
#include "bos-date.h"
#include "bos-decision.h"
#include "bos-error.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"
#include "bos-requests.h"

#include "bos-test-util.h"

#define PLAN_ID "plan:2030:national"

typedef BosTestStore Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(BosPlan) county_plan = NULL;

  bos_test_store_set_up_seeded (fixture, data);
  bos_store_set_author (fixture->store, "Test Planner");
  plan = bos_plan_create (fixture->store, 2030, BOS_PLAN_SCOPE_NATIONAL, 1000, 50, 300, FALSE, &error);
  g_assert_no_error (error);
  county_plan = bos_plan_create (fixture->store, 2030, "46", 200, 10, 50, FALSE, &error);
  g_assert_no_error (error);
}

static gint64
count_decisions (Fixture *fixture)
{
  return bos_test_query_int (fixture->store, "SELECT count(*) FROM decision WHERE deleted = 0");
}

static void
test_save_load (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosDecision) decision = bos_decision_new (PLAN_ID, 2030, "3905");
  g_autoptr(BosDecision) loaded = NULL;
  g_autoptr(BosDecision) missing = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *author = NULL;

  g_assert_cmpstr (bos_decision_get_id (decision), ==, "decision:2030:3905");
  bos_decision_set_persons (decision, 40);
  bos_decision_set_minors (decision, 5);
  bos_decision_set_decided_on (decision, "2029-11-20");
  bos_decision_set_reference (decision, "PS 112/29");
  bos_decision_set_note (decision, "Fewer than asked: housing");
  g_assert_true (bos_decision_save (fixture->store, decision, "council meeting", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bos_decision_get_author (decision), ==, "Test Planner");

  loaded = bos_decision_load (fixture->store, 2030, "3905", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_decision_get_persons (loaded), ==, 40);
  g_assert_cmpint (bos_decision_get_minors (loaded), ==, 5);
  g_assert_cmpstr (bos_decision_get_decided_on (loaded), ==, "2029-11-20");
  g_assert_cmpstr (bos_decision_get_reference (loaded), ==, "PS 112/29");
  g_assert_cmpstr (bos_decision_get_note (loaded), ==, "Fewer than asked: housing");
  g_assert_cmpstr (bos_decision_get_plan_id (loaded), ==, PLAN_ID);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT dirty FROM decision WHERE id = 'decision:2030:3905'"), ==, 1);

  /* The change log has who, when, old and new; the audit log the numbers. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM change_log WHERE record_id = 'decision:2030:3905'"),
                   ==, 6);
  bos_decision_set_persons (loaded, 45);
  g_assert_true (bos_decision_save (fixture->store, loaded, "revised", &error));
  g_assert_no_error (error);
  old_value = bos_test_query_text (fixture->store,
                                   "SELECT old_value FROM change_log WHERE record_id = 'decision:2030:3905' "
                                   "ORDER BY seq DESC LIMIT 1");
  new_value = bos_test_query_text (fixture->store,
                                   "SELECT new_value FROM change_log WHERE record_id = 'decision:2030:3905' "
                                   "ORDER BY seq DESC LIMIT 1");
  author = bos_test_query_text (fixture->store,
                                "SELECT author FROM change_log WHERE record_id = 'decision:2030:3905' "
                                "ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (old_value, ==, "40");
  g_assert_cmpstr (new_value, ==, "45");
  g_assert_cmpstr (author, ==, "Test Planner");
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM audit WHERE record_id = 'decision:2030:3905' "
                                       "AND field = 'persons'"), ==, 2);

  /* Saving the same values writes nothing. */
  g_assert_true (bos_decision_save (fixture->store, loaded, "again", &error));
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM change_log WHERE record_id = 'decision:2030:3905'"),
                   ==, 7);

  missing = bos_decision_load (fixture->store, 2030, "0301", &error);
  g_assert_null (missing);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
}

static void
test_validate (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct
  {
    const char *plan_id;
    int         year;
    const char *code;
    gint64      persons;
    gint64      minors;
    const char *date;
    int         error_code;
    const char *message;
  } cases[] = {
    { PLAN_ID, 2030, "3905", 10, 11, NULL, BOS_ERROR_INVALID, "11 unaccompanied minors" },
    { PLAN_ID, 2030, "3905", 10, 0, "2029-02-30", BOS_ERROR_INVALID, "28 days" },
    { PLAN_ID, 2030, "3905", 10, 0, "20.11.2029", BOS_ERROR_INVALID, "YYYY-MM-DD" },
    { PLAN_ID, 2031, "3905", 10, 0, NULL, BOS_ERROR_INVALID, "is for 2030" },
    { PLAN_ID, 2030, "0701", 10, 0, NULL, BOS_ERROR_NOT_FOUND, "former municipality number" },
    { PLAN_ID, 2030, "9998", 10, 0, NULL, BOS_ERROR_NOT_FOUND, "9998" },
    { "plan:2030:46", 2030, "3905", 10, 0, NULL, BOS_ERROR_INVALID, "not in this plan's county 46" },
    { "plan:2099:national", 2099, "3905", 10, 0, NULL, BOS_ERROR_NOT_FOUND, "plan:2099:national" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BosDecision) decision = bos_decision_new (cases[i].plan_id, cases[i].year, cases[i].code);

      bos_decision_set_persons (decision, cases[i].persons);
      bos_decision_set_minors (decision, cases[i].minors);
      bos_decision_set_decided_on (decision, cases[i].date);
      g_assert_false (bos_decision_save (fixture->store, decision, NULL, &error));
      g_assert_error (error, BOS_ERROR, cases[i].error_code);
      bos_test_assert_contains (error->message, cases[i].message);
    }
  g_assert_cmpint (count_decisions (fixture), ==, 0);

  /* A county plan takes its own municipalities. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BosDecision) decision = bos_decision_new ("plan:2030:46", 2030, "4621");

    bos_decision_set_persons (decision, 20);
    g_assert_true (bos_decision_save (fixture->store, decision, NULL, &error));
    g_assert_no_error (error);
  }
}

static const char good_csv[] =
  "code,persons,minors,date,reference\n"
  "3905,40,5,2029-11-20,PS 112/29\n"
  "0301,600,,1.12.2029,Bystyresak 300/29\n"
  "4621,0,0,,\n"
  "1103,150,20,2029-12-10,\"PS 45/29, vedtak 2\"\n";

static void
test_import_good (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bos_test_write_file (fixture->dir, "decisions.csv", good_csv, -1);
  g_autofree char *update_path = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(BosDecision) oslo = NULL;
  BosImportStats stats;

  g_assert_true (bos_decision_import_file (fixture->store, PLAN_ID, path, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows_read, ==, 4);
  g_assert_cmpuint (stats.rows_inserted, ==, 4);
  g_assert_cmpuint (stats.rows_updated, ==, 0);
  g_assert_cmpuint (count_decisions (fixture), ==, 4);

  oslo = bos_decision_load (fixture->store, 2030, "0301", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_decision_get_persons (oslo), ==, 600);
  g_assert_cmpint (bos_decision_get_minors (oslo), ==, 0);
  g_assert_cmpstr (bos_decision_get_decided_on (oslo), ==, "2029-12-01");
  reference = bos_test_query_text (fixture->store,
                                   "SELECT reference FROM decision WHERE code = '1103'");
  g_assert_cmpstr (reference, ==, "PS 45/29, vedtak 2");
  date = bos_test_query_text (fixture->store, "SELECT decided_on FROM decision WHERE code = '4621'");
  g_assert_null (date);

  list = bos_decision_list (fixture->store, PLAN_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  {
    g_autoptr(BosDecision) first = g_list_model_get_item (list, 0);

    g_assert_cmpstr (bos_decision_get_code (first), ==, "0301");
  }
  /* The county plan sees Vestland's only. */
  {
    g_autoptr(GListModel) county = bos_decision_list (fixture->store, "plan:2030:46", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (county), ==, 1);
  }

  /* Again: nothing changes. */
  g_assert_true (bos_decision_import_file (fixture->store, PLAN_ID, path, &stats, &error));
  g_assert_cmpuint (stats.rows_unchanged, ==, 4);
  g_assert_cmpuint (stats.rows_inserted + stats.rows_updated, ==, 0);

  /* A revised file updates one row and logs why. */
  update_path = bos_test_write_file (fixture->dir, "revised.csv",
                                     "code,persons,minors,date,reference,note\n"
                                     "3905,45,5,2029-11-20,PS 112/29,revised in December\n", -1);
  g_assert_true (bos_decision_import_file (fixture->store, PLAN_ID, update_path, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows_updated, ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM change_log WHERE record_id = 'decision:2030:3905' "
                                       "AND why LIKE 'import of %revised.csv' AND field = 'persons' "
                                       "AND old_value = '40' AND new_value = '45'"), ==, 1);
}

/* Imports @contents and expects an error naming the file and containing
 * each NULL-terminated string; nothing may change. */
static void
assert_import_fails (Fixture    *fixture,
                     const char *name,
                     const char *contents,
                     ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bos_test_write_file (fixture->dir, name, contents, -1);
  gint64 decisions = count_decisions (fixture);
  gint64 log = bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log");
  const char *expected;
  va_list args;

  g_assert_false (bos_decision_import_file (fixture->store, PLAN_ID, path, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  va_start (args, contents);
  while ((expected = va_arg (args, const char *)) != NULL)
    bos_test_assert_contains (error->message, expected);
  va_end (args);
  g_assert_cmpint (count_decisions (fixture), ==, decisions);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log"), ==, log);
}

#define HEADER "code,persons,minors,date,reference\n"
#define GOOD_ROW "3905,40,5,2029-11-20,PS 112/29\n"

static void
test_import_bad (Fixture       *fixture,
                 gconstpointer  data)
{
  assert_import_fails (fixture, "header.csv", "code,persons,date\n3905,40,2029-11-20\n",
                       "line 1", "code,persons,minors,date,reference", NULL);
  assert_import_fails (fixture, "unknown.csv", HEADER GOOD_ROW "9998,10,0,,\n",
                       "line 3", "field “code”", "9998", NULL);
  assert_import_fails (fixture, "former.csv", HEADER GOOD_ROW "0701,10,0,,\n",
                       "line 3", "field “code”", "former municipality number", "3901", NULL);
  assert_import_fails (fixture, "zero.csv", HEADER "301,10,0,,\n",
                       "line 2", "write 0301", NULL);
  assert_import_fails (fixture, "persons.csv", HEADER GOOD_ROW "0301,ti,0,,\n",
                       "line 3", "field “persons”", "“ti” is not a whole number", NULL);
  assert_import_fails (fixture, "negative.csv", HEADER "0301,-4,0,,\n",
                       "line 2", "field “persons”", "negative", NULL);
  assert_import_fails (fixture, "empty-persons.csv", HEADER "0301,,0,,\n",
                       "line 2", "field “persons”", "empty", NULL);
  assert_import_fails (fixture, "minors.csv", HEADER GOOD_ROW "0301,10,12,,\n",
                       "line 3", "field “minors”", "12 unaccompanied minors", NULL);
  assert_import_fails (fixture, "date.csv", HEADER GOOD_ROW "0301,10,0,2029-02-30,\n",
                       "line 3", "field “date”", "28 days", NULL);
  assert_import_fails (fixture, "date-text.csv", HEADER "0301,10,0,i desember,\n",
                       "line 2", "field “date”", "YYYY-MM-DD", NULL);
  assert_import_fails (fixture, "twice.csv", HEADER GOOD_ROW "0301,10,0,,\n" GOOD_ROW,
                       "line 4", "line 2", NULL);
  assert_import_fails (fixture, "fields.csv", HEADER GOOD_ROW "0301,10,0\n",
                       "line 3", "3 fields, expected 5", NULL);

  /* A county plan refuses another county's municipality. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = bos_test_write_file (fixture->dir, "county.csv",
                                                 HEADER "4621,20,0,,\n" GOOD_ROW, -1);

    g_assert_false (bos_decision_import_file (fixture->store, "plan:2030:46", path, NULL, &error));
    g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
    bos_test_assert_contains (error->message, "line 3");
    bos_test_assert_contains (error->message, "not in this plan's county 46");
    g_assert_cmpint (count_decisions (fixture), ==, 0);
  }
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bos_test_write_file (fixture->dir, "decisions.csv", good_csv, -1);
  BosImportStats stats;

  g_assert_true (bos_decision_import_file (fixture->store, PLAN_ID, path, NULL, &error));
  g_assert_true (bos_decision_delete (fixture->store, 2030, "3905", "entered by mistake", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_decisions (fixture), ==, 3);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT deleted FROM decision WHERE id = 'decision:2030:3905'"), ==, 1);
  g_assert_false (bos_decision_delete (fixture->store, 2030, "3905", NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Importing again brings it back. */
  g_assert_true (bos_decision_import_file (fixture->store, PLAN_ID, path, &stats, &error));
  g_assert_cmpuint (stats.rows_inserted, ==, 1);
  g_assert_cmpuint (stats.rows_unchanged, ==, 3);
  g_assert_cmpint (count_decisions (fixture), ==, 4);
}

static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) activities = NULL;
  GDate deadline;
  gboolean found = FALSE;

  /* The default calendar has a month-only deadline: December before. */
  g_assert_true (bos_decision_find_deadline (fixture->store, PLAN_ID, &deadline, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  g_assert_cmpint (g_date_get_year (&deadline), ==, 2029);
  g_assert_cmpint (g_date_get_month (&deadline), ==, 12);
  g_assert_cmpint (g_date_get_day (&deadline), ==, 31);

  /* A planner moves it to 6 January; cancelled deadlines do not count. */
  activities = bos_activity_list (fixture->store, PLAN_ID, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);

      if (bos_activity_get_kind (activity) != BOS_ACTIVITY_KIND_ANSWER_DEADLINE)
        continue;
      bos_activity_set_start (activity, "2030-01-06");
      bos_activity_set_end (activity, "2030-01-06");
      g_assert_true (bos_activity_update (fixture->store, activity, "moved", &error));
      g_assert_no_error (error);
    }
  g_assert_true (bos_decision_find_deadline (fixture->store, PLAN_ID, &deadline, &found, &error));
  g_assert_true (found);
  g_assert_cmpint (g_date_get_year (&deadline), ==, 2030);
  g_assert_cmpint (g_date_get_day (&deadline), ==, 6);

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);
      g_autoptr(BosActivity) fresh = NULL;

      if (bos_activity_get_kind (activity) != BOS_ACTIVITY_KIND_ANSWER_DEADLINE)
        continue;
      fresh = bos_activity_load (fixture->store, bos_activity_get_id (activity), &error);
      g_assert_no_error (error);
      bos_activity_set_status (fresh, BOS_ACTIVITY_STATUS_CANCELLED);
      g_assert_true (bos_activity_update (fixture->store, fresh, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (bos_decision_find_deadline (fixture->store, PLAN_ID, &deadline, &found, &error));
  g_assert_false (found);
}

static GArray *
load_requests (Fixture    *fixture,
               const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = bos_municipality_index_load (fixture->store, &error);
  g_autofree char *path = bos_test_write_file (fixture->dir, "requests.csv", csv, -1);
  GArray *requests;

  g_assert_no_error (error);
  requests = bos_requests_load_file (index, path, &error);
  g_assert_no_error (error);
  return requests;
}

static void
test_coverage (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(BosCoverage) coverage = NULL;
  g_autoptr(BosCoverage) before = NULL;
  g_autoptr(BosCoverage) no_deadline = NULL;
  g_autofree char *path = NULL;
  const BosCoverageTotals *vestfold, *vestland, *oslo;
  GDate deadline, today;

  /* Asked: Tønsberg 50 (5), Oslo 600, Voss 30, Bergen 200 (20), Stavanger 150. */
  requests = load_requests (fixture,
                            "code,request,minors\n"
                            "3905,50,5\n0301,600,0\n4621,30,0\n4601,200,20\n1103,150,10\n");
  g_assert_cmpint (bos_requests_sum (requests), ==, 1030);

  /* Decided: Tønsberg 40 on time, Oslo 600 late, Voss 0, Stavanger 150,
   * and Sandefjord 10 without being asked. Bergen has not answered. */
  path = bos_test_write_file (fixture->dir, "decisions.csv",
                              "code,persons,minors,date,reference\n"
                              "3905,40,5,2029-11-20,PS 112/29\n"
                              "0301,600,0,2030-01-15,Bystyresak 300/29\n"
                              "4621,0,0,2029-12-01,\n"
                              "1103,150,10,,\n"
                              "3907,10,0,2029-12-02,\n", -1);
  g_assert_true (bos_decision_import_file (fixture->store, PLAN_ID, path, NULL, &error));
  g_assert_no_error (error);

  g_date_clear (&deadline, 1);
  g_date_set_dmy (&deadline, 31, 12, 2029);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, 1, 2030);
  coverage = bos_decision_coverage (fixture->store, PLAN_ID, requests, &deadline, &today, &error);
  g_assert_no_error (error);

  g_assert_cmpint (coverage->need, ==, 1000);
  g_assert_cmpint (coverage->national.request, ==, 1030);
  g_assert_cmpint (coverage->national.decided, ==, 800);
  g_assert_cmpint (coverage->national.request_minors, ==, 35);
  g_assert_cmpint (coverage->national.decided_minors, ==, 15);
  g_assert_cmpfloat_with_epsilon (coverage->coverage, 0.8, 1e-12);
  g_assert_cmpuint (coverage->national.n_requested, ==, 5);
  g_assert_cmpuint (coverage->national.n_decided, ==, 5);
  g_assert_cmpuint (coverage->national.n_outstanding, ==, 1);
  g_assert_cmpuint (coverage->national.n_overdue, ==, 1);
  g_assert_cmpuint (coverage->national.n_late, ==, 1);
  /* Requests of those who answered minus their decisions: 10 + 0 + 30 + 0 − 10. */
  g_assert_cmpint (coverage->national.gap, ==, 30);
  g_assert_cmpuint (coverage->municipalities->len, ==, 6);

  vestfold = bos_coverage_get_county (coverage, "39");
  g_assert_nonnull (vestfold);
  g_assert_cmpint (vestfold->request, ==, 50);
  g_assert_cmpint (vestfold->decided, ==, 50);
  g_assert_cmpuint (vestfold->n_requested, ==, 1);
  g_assert_cmpuint (vestfold->n_decided, ==, 2);
  vestland = bos_coverage_get_county (coverage, "46");
  g_assert_cmpint (vestland->request, ==, 230);
  g_assert_cmpint (vestland->decided, ==, 0);
  g_assert_cmpuint (vestland->n_overdue, ==, 1);
  oslo = bos_coverage_get_county (coverage, "03");
  g_assert_cmpuint (oslo->n_late, ==, 1);

  for (guint i = 0; i < coverage->municipalities->len; i++)
    {
      const BosCoverageRow *row = &g_array_index (coverage->municipalities, BosCoverageRow, i);
      BosAnswerStatus expected;

      if (g_str_equal (row->code, "4601"))
        expected = BOS_ANSWER_OVERDUE;
      else if (g_str_equal (row->code, "0301"))
        expected = BOS_ANSWER_DECIDED_LATE;
      else
        expected = BOS_ANSWER_DECIDED;
      g_assert_cmpstr (bos_answer_status_to_string (row->status), ==,
                       bos_answer_status_to_string (expected));
    }

  /* Before the deadline nothing is overdue; without one nothing is late. */
  g_date_set_dmy (&today, 15, 12, 2029);
  before = bos_decision_coverage (fixture->store, PLAN_ID, requests, &deadline, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->national.n_outstanding, ==, 1);
  g_assert_cmpuint (before->national.n_overdue, ==, 0);

  /* NULL: the plan's own deadline (31 December 2029 from the calendar). */
  no_deadline = bos_decision_coverage (fixture->store, PLAN_ID, requests, NULL, &today, &error);
  g_assert_no_error (error);
  g_assert_true (no_deadline->has_deadline);
  g_assert_cmpint (g_date_get_day (&no_deadline->deadline), ==, 31);
  g_assert_cmpuint (no_deadline->national.n_late, ==, 1);
}

static void
test_coverage_plain (void)
{
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (BosRequest));
  g_autoptr(BosCoverage) coverage = NULL;
  BosRequest request = { "0301", "03", 100, 0, -1 };
  BosCoverageDecision decision = { "0301", "03", 0, 0, { 0 } };
  GDate today;

  g_array_append_val (requests, request);
  g_date_clear (&decision.decided_on, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2030);

  /* Need 0: coverage is not a number. */
  coverage = bos_coverage_compute (requests, &decision, 1, 0, NULL, &today);
  g_assert_true (isnan (coverage->coverage));
  g_assert_cmpuint (coverage->national.n_decided, ==, 1);
  g_assert_cmpint (coverage->national.gap, ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, bos_test_store_tear_down)
  ADD ("/decision/save-load", test_save_load);
  ADD ("/decision/validate", test_validate);
  ADD ("/decision/import-good", test_import_good);
  ADD ("/decision/import-bad", test_import_bad);
  ADD ("/decision/delete", test_delete);
  ADD ("/decision/deadline", test_deadline);
  ADD ("/decision/coverage", test_coverage);
#undef ADD
  g_test_add_func ("/decision/coverage-plain", test_coverage_plain);

  return g_test_run ();
}
