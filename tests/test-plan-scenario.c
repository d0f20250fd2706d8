/* test-plan-scenario.c: a plan's stored scenarios, their settings, the
 * chosen scenario and indicators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "bos-test-util.h"

#include "bos-audit.h"
#include "bos-error.h"
#include "bos-indicator.h"
#include "bos-plan.h"
#include "bos-plan-scenario.h"
#include "bos-requests.h"

/* One seeded database for the whole program, copied for each test:
 * seeding under the address sanitizer takes seconds. */
static char *seeded_path;
static char *tmp_dir;

typedef struct
{
  char     *path;
  BosStore *store;
} Fixture;

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, (gssize) length, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static guint counter;

  fixture->path = g_strdup_printf ("%s/test-%u.sqlite", tmp_dir, ++counter);
  copy_file (seeded_path, fixture->path);
  fixture->store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
}

static gint64
query_int (BosStore   *store,
           const char *sql,
           const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = bos_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static BosPlan *
create_plan (BosStore   *store,
             int         year,
             const char *scope,
             int         need,
             int         minors)
{
  g_autoptr(GError) error = NULL;
  BosPlan *plan = bos_plan_create (store, year, scope, need, minors, 0, FALSE, &error);

  g_assert_no_error (error);
  return plan;
}

static const BosMunicipalityInput *
find_input (const BosApportionInput *input,
            const char              *code,
            guint                   *index)
{
  for (guint i = 0; i < input->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);

      if (g_str_equal (m->code, code))
        {
          if (index != NULL)
            *index = i;
          return m;
        }
    }
  return NULL;
}

static void
test_default_scenario (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, BOS_PLAN_SCOPE_NATIONAL, 5000, 200);
  g_autoptr(BosPlan) county = create_plan (fixture->store, 2029, "39", 400, 20);
  g_autoptr(GListModel) scenarios = NULL;
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autoptr(BosPlanScenario) county_scenario = NULL;
  g_autofree char *chosen = NULL;
  const BosCriteria *criteria;

  scenarios = bos_plan_scenario_list (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  scenario = g_list_model_get_item (scenarios, 0);
  g_assert_cmpstr (bos_plan_scenario_get_id (scenario), ==, "scenario:2029:national:default");
  g_assert_cmpstr (bos_plan_scenario_get_name (scenario), ==, BOS_PLAN_SCENARIO_DEFAULT_NAME);
  g_assert_true (bos_plan_scenario_is_default (scenario));
  g_assert_true (bos_plan_scenario_get_by_county (scenario));

  /* distribution.md's defaults with population as the only factor */
  criteria = bos_plan_scenario_get_criteria (scenario);
  g_assert_cmpuint (criteria->n_factors, ==, 1);
  g_assert_cmpstr (criteria->factors[0].indicator, ==, BOS_INDICATOR_POPULATION);
  g_assert_cmpfloat (criteria->factors[0].weight, ==, 1.0);
  g_assert_cmpint (criteria->min_request, ==, 10);
  g_assert_cmpint (criteria->drop_below, ==, 5);
  g_assert_cmpfloat (criteria->max_immigrant_share, ==, 30.0);
  g_assert_true (isnan (criteria->max_per_1000));

  chosen = bos_plan_dup_chosen_scenario_id (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chosen, ==, bos_plan_scenario_get_id (scenario));

  county_scenario = bos_plan_load_chosen_scenario (fixture->store, bos_plan_get_id (county), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_plan_scenario_get_id (county_scenario), ==, "scenario:2029:39:default");
  g_assert_false (bos_plan_scenario_get_by_county (county_scenario));

  /* The seeded demo plan has one too */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM plan p JOIN scenario s ON s.id = p.chosen_scenario "
                              "WHERE p.is_demo = 1", NULL), ==, 1);
}

static void
test_overrides_persist (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, BOS_PLAN_SCOPE_NATIONAL, 5000, 200);
  g_autofree char *scenario_id = bos_plan_scenario_make_default_id (bos_plan_get_id (plan));
  g_auto(BosScenarioOverride) override = { 0 };
  g_auto(BosScenarioOverride) read = { 0 };
  g_autoptr(GHashTable) overrides = NULL;
  g_autoptr(GListModel) audit = NULL;
  const char *record = "scenario_municipality:2029:national:default:0301";

  bos_scenario_override_init (&override);
  override.locked = 500;
  override.lock_reason = g_strdup ("agreed in the meeting");
  override.lock_source = g_strdup ("activity:test");
  override.cap = 900;
  override.adjustment = 1.25;
  override.ema_capable = FALSE;
  override.note = g_strdup ("big city");
  bos_plan_scenario_set_override (fixture->store, scenario_id, "0301", &override, "test", &error);
  g_assert_no_error (error);

  reopen (fixture);
  bos_plan_scenario_get_override (fixture->store, scenario_id, "0301", &read, &error);
  g_assert_no_error (error);
  g_assert_true (bos_scenario_override_equal (&override, &read));

  /* Every field that changed is in the change log, the numbers in the audit */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM change_log WHERE record_id = ? AND field = 'locked' "
                              "AND old_value IS NULL AND new_value = '500' AND why = 'test'",
                              record), ==, 1);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM change_log WHERE record_id = ?", record), ==, 7);
  audit = bos_audit_list (fixture->store, bos_plan_get_id (plan), "0301", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (audit), ==, 4); /* locked, cap, ema_capable, adjustment */

  /* Setting the same again changes nothing */
  bos_plan_scenario_set_override (fixture->store, scenario_id, "0301", &override, "again", &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM change_log WHERE record_id = ?", record), ==, 7);

  /* Unlocking keeps the rest */
  bos_plan_scenario_set_lock (fixture->store, scenario_id, "0301", -1, NULL, NULL, &error);
  g_assert_no_error (error);
  bos_scenario_override_clear (&read);
  bos_plan_scenario_get_override (fixture->store, scenario_id, "0301", &read, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read.locked, <, 0);
  g_assert_null (read.lock_reason);
  g_assert_cmpint (read.cap, ==, 900);

  /* Back to the defaults: a tombstone, nothing left to read */
  bos_scenario_override_clear (&override);
  bos_scenario_override_init (&override);
  bos_plan_scenario_set_override (fixture->store, scenario_id, "0301", &override, NULL, &error);
  g_assert_no_error (error);
  overrides = bos_plan_scenario_get_overrides (fixture->store, scenario_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (overrides), ==, 0);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT deleted FROM scenario_municipality WHERE id = ?", record), ==, 1);

  /* Bad settings */
  override.excluded = override.included = TRUE;
  g_assert_false (bos_plan_scenario_set_override (fixture->store, scenario_id, "0301", &override,
                                                  NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);
  override.included = FALSE;
  g_assert_false (bos_plan_scenario_set_override (fixture->store, scenario_id, "0999", &override,
                                                  NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
}

static void
test_county_plan_overrides (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, "39", 400, 20);
  g_autofree char *scenario_id = bos_plan_scenario_make_default_id (bos_plan_get_id (plan));

  /* Oslo is not in Vestfold */
  g_assert_false (bos_plan_scenario_set_lock (fixture->store, scenario_id, "0301", 10, NULL, NULL,
                                              &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);
  bos_plan_scenario_set_lock (fixture->store, scenario_id, "3905", 100, "agreed", NULL, &error);
  g_assert_no_error (error);
}

static void
test_duplicate_and_delete (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, BOS_PLAN_SCOPE_NATIONAL, 5000, 200);
  const char *plan_id = bos_plan_get_id (plan);
  g_autoptr(BosPlanScenario) original = bos_plan_load_chosen_scenario (fixture->store, plan_id, &error);
  g_autoptr(BosPlanScenario) copy = NULL;
  g_autoptr(BosPlanScenario) again = NULL;
  g_autoptr(GHashTable) overrides = NULL;
  g_autoptr(GListModel) scenarios = NULL;
  BosScenarioOverride *copied;
  BosCriteria criteria;

  g_assert_no_error (error);
  bos_criteria_copy (&criteria, bos_plan_scenario_get_criteria (original));
  criteria.min_request = 15;
  bos_plan_scenario_set_criteria (fixture->store, original, &criteria, "higher minimum", &error);
  g_assert_no_error (error);
  bos_criteria_clear (&criteria);
  bos_plan_scenario_set_lock (fixture->store, bos_plan_scenario_get_id (original), "3905", 77,
                              "agreed", "activity:x", &error);
  g_assert_no_error (error);

  copy = bos_plan_scenario_duplicate (fixture->store, original, "Draft B", &error);
  g_assert_no_error (error);
  g_assert_false (bos_plan_scenario_is_default (copy));
  g_assert_cmpint (bos_plan_scenario_get_criteria (copy)->min_request, ==, 15);
  overrides = bos_plan_scenario_get_overrides (fixture->store, bos_plan_scenario_get_id (copy), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (overrides), ==, 1);
  copied = g_hash_table_lookup (overrides, "3905");
  g_assert_nonnull (copied);
  g_assert_cmpint (copied->locked, ==, 77);
  g_assert_cmpstr (copied->lock_source, ==, "activity:x");

  /* Names are unique in a plan (case does not make a new name) */
  again = bos_plan_scenario_duplicate (fixture->store, original, "draft b", &error);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_EXISTS);
  g_assert_null (again);
  g_clear_error (&error);

  bos_plan_scenario_rename (fixture->store, copy, "Draft C", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_plan_scenario_get_name (copy), ==, "Draft C");

  /* The chosen scenario cannot be deleted */
  g_assert_false (bos_plan_scenario_delete (fixture->store, original, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);

  /* Deleting leaves tombstones of the scenario and its settings */
  bos_plan_scenario_delete (fixture->store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT deleted FROM scenario WHERE id = ?",
                              bos_plan_scenario_get_id (copy)), ==, 1);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM scenario_municipality WHERE scenario_id = ? "
                              "AND deleted = 1 AND dirty = 1",
                              bos_plan_scenario_get_id (copy)), ==, 1);
  scenarios = bos_plan_scenario_list (fixture->store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);

  /* The original keeps its settings */
  g_clear_pointer (&overrides, g_hash_table_unref);
  overrides = bos_plan_scenario_get_overrides (fixture->store, bos_plan_scenario_get_id (original),
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (overrides), ==, 1);
}

static void
test_bad_criteria (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, BOS_PLAN_SCOPE_NATIONAL, 5000, 200);
  g_autoptr(BosPlanScenario) scenario = bos_plan_load_chosen_scenario (fixture->store,
                                                                       bos_plan_get_id (plan), &error);
  BosCriteria criteria;

  g_assert_no_error (error);
  bos_criteria_copy (&criteria, bos_plan_scenario_get_criteria (scenario));
  criteria.drop_below = 20;
  g_assert_false (bos_plan_scenario_set_criteria (fixture->store, scenario, &criteria, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "drop_below"));
  g_assert_cmpint (bos_plan_scenario_get_criteria (scenario)->drop_below, ==, 5);
  bos_criteria_clear (&criteria);
}

static void
test_build_input (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2025, BOS_PLAN_SCOPE_NATIONAL, 5000, 200);
  g_autoptr(BosPlan) later = create_plan (fixture->store, 2031, BOS_PLAN_SCOPE_NATIONAL, 5000, 0);
  g_autoptr(BosPlan) county = create_plan (fixture->store, 2025, "39", 400, 20);
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autoptr(BosPlanScenario) later_scenario = NULL;
  g_autoptr(BosPlanScenario) county_scenario = NULL;
  g_autoptr(BosApportionInput) input = NULL;
  g_autoptr(BosApportionInput) later_input = NULL;
  g_autoptr(BosApportionInput) county_input = NULL;
  g_autoptr(BosApportionResult) result = NULL;
  const BosMunicipalityInput *oslo;
  gint64 sum = 0;
  guint index;

  scenario = bos_plan_load_chosen_scenario (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_no_error (error);
  bos_plan_scenario_set_lock (fixture->store, bos_plan_scenario_get_id (scenario), "0301", 600,
                              "agreed", NULL, &error);
  g_assert_no_error (error);

  input = bos_plan_scenario_build_input (fixture->store, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (input->need, ==, 5000);
  g_assert_cmpint (input->ema_need, ==, 200);
  g_assert_true (input->by_county);
  g_assert_cmpuint (input->municipalities->len, ==, 357);
  oslo = find_input (input, "0301", &index);
  g_assert_nonnull (oslo);
  g_assert_cmpint (oslo->population, ==, 724290);   /* 2025 */
  g_assert_cmpfloat_with_epsilon (oslo->immigrant_share, 25.39, 1e-9);
  g_assert_cmpint (oslo->locked, ==, 600);
  g_assert_cmpstr (oslo->lock_note, ==, "agreed");

  result = bos_apportion_run (input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->municipalities[index].request, ==, 600);
  for (guint i = 0; i < result->n_municipalities; i++)
    sum += result->municipalities[i].request;
  g_assert_cmpint (sum, ==, 5000);

  /* No figure for the plan year: the latest before it */
  later_scenario = bos_plan_load_chosen_scenario (fixture->store, bos_plan_get_id (later), &error);
  g_assert_no_error (error);
  later_input = bos_plan_scenario_build_input (fixture->store, later_scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_input (later_input, "0301", NULL)->population, ==, 728714); /* 2026 */

  /* A county plan: its municipalities, one stage */
  county_scenario = bos_plan_load_chosen_scenario (fixture->store, bos_plan_get_id (county), &error);
  g_assert_no_error (error);
  county_input = bos_plan_scenario_build_input (fixture->store, county_scenario, &error);
  g_assert_no_error (error);
  g_assert_false (county_input->by_county);
  g_assert_cmpint (county_input->need, ==, 400);
  g_assert_null (find_input (county_input, "0301", NULL));
  g_assert_nonnull (find_input (county_input, "3905", NULL));
  for (guint i = 0; i < county_input->municipalities->len; i++)
    g_assert_cmpstr (((BosMunicipalityInput *) g_ptr_array_index (county_input->municipalities, i))->county,
                     ==, "39");
}

static void
test_chosen_and_proposed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, BOS_PLAN_SCOPE_NATIONAL, 5000, 200);
  const char *plan_id = bos_plan_get_id (plan);
  g_autoptr(BosPlanScenario) original = bos_plan_load_chosen_scenario (fixture->store, plan_id, &error);
  g_autoptr(BosPlanScenario) other = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autofree char *chosen = NULL;
  const BosRequest *oslo;

  g_assert_no_error (error);
  other = bos_plan_scenario_duplicate (fixture->store, original, "Locked Oslo", &error);
  g_assert_no_error (error);
  bos_plan_scenario_set_lock (fixture->store, bos_plan_scenario_get_id (other), "0301", 1234, NULL,
                              NULL, &error);
  g_assert_no_error (error);

  bos_plan_set_chosen_scenario (fixture->store, plan_id, bos_plan_scenario_get_id (other),
                                "meeting of 3 March", &error);
  g_assert_no_error (error);
  chosen = bos_plan_dup_chosen_scenario_id (fixture->store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chosen, ==, bos_plan_scenario_get_id (other));
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM change_log WHERE record_id = ? "
                              "AND field = 'chosen_scenario' AND old_value = 'scenario:2029:national:default' "
                              "AND why = 'meeting of 3 March'", plan_id), ==, 1);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM audit WHERE record_id = ? AND field = 'chosen_scenario' "
                              "AND old_value = 'scenario:2029:national:default'",
                              plan_id), ==, 1);

  /* A scenario of another plan cannot be chosen */
  g_assert_false (bos_plan_set_chosen_scenario (fixture->store, plan_id, "scenario:nope", NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  requests = bos_plan_get_proposed_requests (fixture->store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 357);
  g_assert_cmpint (bos_requests_sum (requests), ==, 5000);
  oslo = bos_requests_lookup (requests, "0301");
  g_assert_nonnull (oslo);
  g_assert_cmpint (oslo->request, ==, 1234);
  g_assert_cmpstr (oslo->county_code, ==, "03");
  for (guint i = 1; i < requests->len; i++)
    g_assert_cmpstr (g_array_index (requests, BosRequest, i - 1).code, <,
                     g_array_index (requests, BosRequest, i).code);
  {
    gint64 minors = 0;

    for (guint i = 0; i < requests->len; i++)
      {
        const BosRequest *r = &g_array_index (requests, BosRequest, i);

        g_assert_cmpint (r->minors, <=, r->request);
        minors += r->minors;
      }
    g_assert_cmpint (minors, ==, 200);
  }
}

static char *
write_tmp (const char *name,
           const char *contents)
{
  return bos_test_write_file (tmp_dir, name, contents, -1);
}

static void
test_indicators_good (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_tmp ("indicators-good.csv",
                                     "code,indicator,value\n"
                                     "3905,employment_rate,0.71\n"
                                     "3907,employment_rate,0.69\n"
                                     "3905,programme_results,0.61\n");
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, "39", 400, 0);
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autoptr(BosApportionInput) input = NULL;
  g_autoptr(BosApportionResult) result = NULL;
  g_auto(GStrv) names = NULL;
  BosImportStats stats = { 0 };
  BosCriteria criteria;
  const BosMunicipalityInput *m;
  int k;

  bos_indicator_import_file (fixture->store, 2029, path, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows_read, ==, 3);
  g_assert_cmpuint (stats.rows_inserted, ==, 3);

  /* Again: nothing changes */
  bos_indicator_import_file (fixture->store, 2029, path, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows_unchanged, ==, 3);
  g_assert_cmpuint (stats.rows_inserted + stats.rows_updated, ==, 0);

  names = bos_indicator_list_names (fixture->store, 2029, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "employment_rate");

  /* A factor on an indicator: the plan year's values, the pool mean for
   * those without */
  scenario = bos_plan_load_chosen_scenario (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_no_error (error);
  bos_criteria_copy (&criteria, bos_plan_scenario_get_criteria (scenario));
  bos_criteria_add_factor (&criteria, "employment_rate", 1.0, BOS_FACTOR_MODE_POPULATION_SCALED);
  bos_plan_scenario_set_criteria (fixture->store, scenario, &criteria, NULL, &error);
  g_assert_no_error (error);
  bos_criteria_clear (&criteria);
  input = bos_plan_scenario_build_input (fixture->store, scenario, &error);
  g_assert_no_error (error);
  k = bos_apportion_input_find_indicator (input, "employment_rate");
  g_assert_cmpint (k, >=, 0);
  m = find_input (input, "3905", NULL);
  g_assert_cmpfloat (m->indicators[k], ==, 0.71);
  result = bos_apportion_run (input, &error);
  g_assert_no_error (error);
}

static void
test_indicators_missing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, "39", 400, 0);
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autoptr(BosApportionInput) input = NULL;
  BosCriteria criteria;

  scenario = bos_plan_load_chosen_scenario (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_no_error (error);
  bos_criteria_copy (&criteria, bos_plan_scenario_get_criteria (scenario));
  bos_criteria_add_factor (&criteria, "employment_rate", 0.5, BOS_FACTOR_MODE_SHARE);
  bos_plan_scenario_set_criteria (fixture->store, scenario, &criteria, NULL, &error);
  g_assert_no_error (error);

  input = bos_plan_scenario_build_input (fixture->store, scenario, &error);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "employment_rate"));
  g_assert_null (input);
  g_clear_error (&error);

  /* At weight 0 it plays no part */
  criteria.factors[1].weight = 0;
  bos_plan_scenario_set_criteria (fixture->store, scenario, &criteria, NULL, &error);
  g_assert_no_error (error);
  bos_criteria_clear (&criteria);
  input = bos_plan_scenario_build_input (fixture->store, scenario, &error);
  g_assert_no_error (error);
}

static void
test_indicators_bad (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    const char *contents;
    const char *message;
  } cases[] = {
    { "code,value\n3905,1\n", "line 1" },
    { "code,indicator,value\n3905,employment_rate,0.7\n3999,employment_rate,0.5\n", "line 3" },
    { "code,indicator,value\n3905,employment_rate,0.7\n0701,employment_rate,0.5\n", "line 3" },
    { "code,indicator,value\n3905,Employment rate,0.7\n", "not an indicator name" },
    { "code,indicator,value\n3905,population,7\n", "population" },
    { "code,indicator,value\n3905,employment_rate,-1\n", "line 2" },
    { "code,indicator,value\n3905,employment_rate,abc\n", "line 2" },
    { "code,indicator,value\n3905,employment_rate,\n", "line 2" },
    { "code,indicator,value\n3905,employment_rate,1\n3905,employment_rate,2\n",
      "the first is on line 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("indicators-bad-%u.csv", i);
      g_autofree char *path = write_tmp (name, cases[i].contents);

      g_assert_false (bos_indicator_import_file (fixture->store, 2029, path, NULL, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL || strstr (error->message, name) == NULL)
        g_error ("case %u: “%s” does not name %s and “%s”", i, error->message, name,
                 cases[i].message);
      /* nothing of the file is stored */
      g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM indicator", NULL), ==, 0);
    }
}

static void
test_file_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, BOS_PLAN_SCOPE_NATIONAL, 5000, 200);
  const char *plan_id = bos_plan_get_id (plan);
  g_autoptr(BosPlanScenario) original = bos_plan_load_chosen_scenario (fixture->store, plan_id, &error);
  g_autoptr(BosPlanScenario) imported = NULL;
  g_autoptr(BosPlanScenario) imported2 = NULL;
  g_autoptr(GHashTable) overrides = NULL;
  g_autoptr(BosScenario) file_scenario = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "round-trip.json", NULL);
  g_auto(BosScenarioOverride) override = { 0 };
  BosScenarioOverride *read;
  BosCriteria criteria;

  g_assert_no_error (error);
  bos_criteria_copy (&criteria, bos_plan_scenario_get_criteria (original));
  criteria.max_per_1000 = 4.5;
  criteria.largest_n = 3;
  criteria.largest_factor = 0.8;
  bos_plan_scenario_set_criteria (fixture->store, original, &criteria, NULL, &error);
  g_assert_no_error (error);
  bos_plan_scenario_set_by_county (fixture->store, original, FALSE, &error);
  g_assert_no_error (error);
  bos_scenario_override_init (&override);
  override.excluded = TRUE;
  bos_plan_scenario_set_override (fixture->store, bos_plan_scenario_get_id (original), "1101",
                                  &override, NULL, &error);
  g_assert_no_error (error);
  bos_plan_scenario_set_lock (fixture->store, bos_plan_scenario_get_id (original), "0301", 300,
                              "agreed", NULL, &error);
  g_assert_no_error (error);

  bos_plan_scenario_export_file (fixture->store, original, path, &error);
  g_assert_no_error (error);
  file_scenario = bos_scenario_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (file_scenario->year, ==, 2029);
  g_assert_cmpint (file_scenario->input->need, ==, 5000);
  g_assert_cmpuint (file_scenario->input->municipalities->len, ==, 357);

  imported = bos_plan_scenario_import_file (fixture->store, plan_id, path, NULL, &error);
  g_assert_no_error (error);
  /* "Default" is taken */
  g_assert_cmpstr (bos_plan_scenario_get_name (imported), !=, bos_plan_scenario_get_name (original));
  g_assert_false (bos_plan_scenario_get_by_county (imported));
  g_assert_cmpfloat (bos_plan_scenario_get_criteria (imported)->max_per_1000, ==, 4.5);
  g_assert_cmpint (bos_plan_scenario_get_criteria (imported)->largest_n, ==, 3);
  overrides = bos_plan_scenario_get_overrides (fixture->store, bos_plan_scenario_get_id (imported),
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (overrides), ==, 2);
  read = g_hash_table_lookup (overrides, "1101");
  g_assert_true (read->excluded);
  read = g_hash_table_lookup (overrides, "0301");
  g_assert_cmpint (read->locked, ==, 300);

  imported2 = bos_plan_scenario_import_file (fixture->store, plan_id, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_plan_scenario_get_name (imported2), !=, bos_plan_scenario_get_name (imported));
  bos_criteria_clear (&criteria);
}

static void
test_import_bad_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = create_plan (fixture->store, 2029, "39", 400, 20);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "scenarios",
                                                   "bad-unknown-key.json", NULL);
  g_autofree char *other_county = write_tmp ("other-county.json",
                                             "{\"format\": \"bosetting-scenario\", \"version\": 1,"
                                             " \"need\": 10, \"municipalities\": [{\"code\": \"0301\","
                                             " \"name\": \"Oslo\", \"county\": \"03\","
                                             " \"population\": 700000}]}");
  g_autoptr(BosPlanScenario) imported = NULL;
  g_autoptr(GListModel) scenarios = NULL;

  imported = bos_plan_scenario_import_file (fixture->store, bos_plan_get_id (plan), source, NULL,
                                            &error);
  g_assert_null (imported);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
  g_clear_error (&error);

  imported = bos_plan_scenario_import_file (fixture->store, bos_plan_get_id (plan), other_county,
                                            "Other", &error);
  g_assert_null (imported);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "0301"));
  scenarios = bos_plan_scenario_list (fixture->store, bos_plan_get_id (plan), &error);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
}

/* Plans made before scenarios existed get the default one on migration,
 * the same as bos_plan_create() gives. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosStore) fresh = NULL;
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autoptr(BosPlanScenario) county = NULL;
  g_autoptr(BosPlanScenario) made = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "migrate.sqlite", NULL);
  g_autofree char *fresh_path = g_build_filename (tmp_dir, "fresh.sqlite", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  BosCriteria defaults;

  store = bos_store_open_at_version (path, 6, &error);
  g_assert_no_error (error);
  bos_store_exec (store,
                  "INSERT INTO plan (id, year, scope, need, created, modified) VALUES "
                  "('plan:2029:national', 2029, 'national', 100, 'x', 'x'), "
                  "('plan:2029:39', 2029, '39', 10, 'x', 'x')", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = bos_store_open (path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  scenario = bos_plan_load_chosen_scenario (store, "plan:2029:national", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_plan_scenario_get_id (scenario), ==, "scenario:2029:national:default");
  g_assert_true (bos_plan_scenario_get_by_county (scenario));
  county = bos_plan_load_chosen_scenario (store, "plan:2029:39", &error);
  g_assert_no_error (error);
  g_assert_false (bos_plan_scenario_get_by_county (county));

  /* The same criteria, to the byte, as a new plan's */
  bos_plan_scenario_default_criteria (&defaults);
  a = bos_criteria_to_json (&defaults);
  bos_criteria_clear (&defaults);
  b = bos_criteria_to_json (bos_plan_scenario_get_criteria (scenario));
  g_assert_cmpstr (a, ==, b);
  fresh = bos_store_open (fresh_path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    bos_store_exec (fresh, "INSERT INTO county VALUES ('03', 'Oslo')", &error);
    g_assert_no_error (error);
    plan = bos_plan_create (fresh, 2029, BOS_PLAN_SCOPE_NATIONAL, 10, 0, 0, FALSE, &error);
    g_assert_no_error (error);
    made = bos_plan_load_chosen_scenario (fresh, "plan:2029:national", &error);
    g_assert_no_error (error);
    stmt = bos_store_prepare (store, "SELECT criteria FROM scenario WHERE id = 'scenario:2029:national:default'",
                              &error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr (bos_sqlite_text (stmt, 0), ==, a);
  }
}

static void
seed_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;

  tmp_dir = bos_test_make_tmp_dir ("bos-test-plan-scenario");
  seeded_path = g_build_filename (tmp_dir, "seeded.sqlite", NULL);
  store = bos_store_open (seeded_path, BOS_STORE_OPEN_SEED, &error);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  seed_once ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/plan-scenario/default", test_default_scenario);
  ADD ("/plan-scenario/overrides-persist", test_overrides_persist);
  ADD ("/plan-scenario/county-plan-overrides", test_county_plan_overrides);
  ADD ("/plan-scenario/duplicate-and-delete", test_duplicate_and_delete);
  ADD ("/plan-scenario/bad-criteria", test_bad_criteria);
  ADD ("/plan-scenario/build-input", test_build_input);
  ADD ("/plan-scenario/chosen-and-proposed", test_chosen_and_proposed);
  ADD ("/plan-scenario/indicators-good", test_indicators_good);
  ADD ("/plan-scenario/indicators-missing", test_indicators_missing);
  ADD ("/plan-scenario/indicators-bad", test_indicators_bad);
  ADD ("/plan-scenario/file-round-trip", test_file_round_trip);
  ADD ("/plan-scenario/import-bad-file", test_import_bad_file);
#undef ADD
  g_test_add_func ("/plan-scenario/migration", test_migration);

  status = g_test_run ();
  bos_test_remove_tree (tmp_dir);
  g_free (seeded_path);
  g_free (tmp_dir);
  return status;
}
