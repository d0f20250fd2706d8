/* test-cli-distribution.c: `bosetting-cli simulate --db DB --plan YEAR` and
 * `bosetting-cli import indicators`, run as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "bos-test-util.h"

#include "bos-plan-scenario.h"

static char *tmp_dir;
static char *db_path;

/* Sums a CSV column of the simulate output; checks the header and rows */
static gint64
sum_column (const char *csv,
            guint       column,
            guint      *n_rows)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  gint64 sum = 0;

  g_assert_cmpstr (lines[0], ==, "code,name,county,request,ema_request,reason");
  *n_rows = 0;
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", 6);

      g_assert_cmpuint (g_strv_length (fields), ==, 6);
      sum += g_ascii_strtoll (fields[column], NULL, 10);
      (*n_rows)++;
    }
  return sum;
}

static void
test_simulate_plan (void)
{
  g_auto(BosTestRun) run = { 0 };
  g_auto(BosTestRun) named = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  guint n_rows;

  if (g_getenv ("BOSETTING_CLI") == NULL)
    {
      g_test_skip ("BOSETTING_CLI is not set");
      return;
    }

  bos_test_run_cli (&run, NULL, "plan", "new", "--year", "2031", "--need", "1000", "--minors", "40",
                    "--db", db_path, NULL);
  g_assert_cmpint (run.status, ==, 0);

  bos_test_run_cli (&run, NULL, "simulate", "--db", db_path, "--plan", "2031", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (sum_column (run.out, 3, &n_rows), ==, 1000);
  g_assert_cmpuint (n_rows, ==, 357);
  g_assert_cmpint (sum_column (run.out, 4, &n_rows), ==, 40);
  g_assert_true (g_str_has_prefix (strstr (run.out, "\n0301,Oslo,03,"), "\n0301,Oslo,03,"));

  /* The chosen scenario is the default one: naming it gives the same */
  bos_test_run_cli (&named, NULL, "simulate", "--db", db_path, "--plan", "2031", "--scenario",
                    "Default", NULL);
  g_assert_cmpint (named.status, ==, 0);
  g_assert_cmpstr (named.out, ==, run.out);

  bos_test_run_cli (&run, NULL, "simulate", "--db", db_path, "--plan", "2031", "--format", "json",
                    NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "need"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2031);
  g_assert_true (json_object_get_boolean_member (root, "by_county"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "municipalities")),
                    ==, 357);
}

/* The stored plan prints exactly as its exported scenario file does */
static void
test_same_as_file (void)
{
  g_auto(BosTestRun) from_plan = { 0 };
  g_auto(BosTestRun) from_file = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (tmp_dir, "exported.json", NULL);

  if (g_getenv ("BOSETTING_CLI") == NULL)
    {
      g_test_skip ("BOSETTING_CLI is not set");
      return;
    }

  {
    g_autoptr(BosStore) store = bos_store_open (db_path, BOS_STORE_OPEN_NONE, &error);
    g_autoptr(BosPlanScenario) scenario = NULL;
    BosCriteria criteria;

    g_assert_no_error (error);
    scenario = bos_plan_load_chosen_scenario (store, "plan:2031:national", &error);
    g_assert_no_error (error);
    bos_criteria_copy (&criteria, bos_plan_scenario_get_criteria (scenario));
    criteria.min_request = 12;
    criteria.max_per_1000 = 2.0;
    bos_plan_scenario_set_criteria (store, scenario, &criteria, NULL, &error);
    g_assert_no_error (error);
    bos_criteria_clear (&criteria);
    /* Lock reasons are not in the file format: none here */
    bos_plan_scenario_set_lock (store, bos_plan_scenario_get_id (scenario), "3905", 50, NULL,
                                NULL, &error);
    g_assert_no_error (error);
    bos_plan_scenario_export_file (store, scenario, file, &error);
    g_assert_no_error (error);
  }

  bos_test_run_cli (&from_plan, NULL, "simulate", "--db", db_path, "--plan", "2031", NULL);
  g_assert_cmpint (from_plan.status, ==, 0);
  bos_test_run_cli (&from_file, NULL, "simulate", file, NULL);
  g_assert_cmpint (from_file.status, ==, 0);
  g_assert_cmpstr (from_plan.out, ==, from_file.out);
  bos_test_assert_contains (from_plan.out, "\n3905,Tønsberg,39,50,");
}

static void
test_simulate_plan_errors (void)
{
  g_auto(BosTestRun) run = { 0 };
  g_autofree char *scenario_file = g_test_build_filename (G_TEST_DIST, "data", "scenarios",
                                                          "minimal.json", NULL);

  if (g_getenv ("BOSETTING_CLI") == NULL)
    {
      g_test_skip ("BOSETTING_CLI is not set");
      return;
    }

  bos_test_run_cli (&run, NULL, "simulate", "--db", db_path, "--plan", "2044", NULL);
  g_assert_cmpint (run.status, ==, 1);
  bos_test_assert_contains (run.err, "no plan “plan:2044:national”");

  bos_test_run_cli (&run, NULL, "simulate", "--db", db_path, "--plan", "2031", "--scenario", "Nope",
                    NULL);
  g_assert_cmpint (run.status, ==, 1);
  bos_test_assert_contains (run.err, "no scenario called “Nope”");

  bos_test_run_cli (&run, NULL, "simulate", "--db", db_path, "--plan", "2031", scenario_file, NULL);
  g_assert_cmpint (run.status, ==, 2);
  bos_test_assert_contains (run.err, "not both");

  bos_test_run_cli (&run, NULL, "simulate", "--db", db_path, scenario_file, NULL);
  g_assert_cmpint (run.status, ==, 2);
  bos_test_assert_contains (run.err, "--plan");

  /* Locks above the need: the shortfall, exit 1 */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BosStore) store = bos_store_open (db_path, BOS_STORE_OPEN_NONE, &error);

    g_assert_no_error (error);
    bos_plan_scenario_set_lock (store, "scenario:2031:national:default", "0301", 5000, NULL, NULL,
                                &error);
    g_assert_no_error (error);
  }
  bos_test_run_cli (&run, NULL, "simulate", "--db", db_path, "--plan", "2031", NULL);
  g_assert_cmpint (run.status, ==, 1);
  bos_test_assert_contains (run.err, "plan:2031:national");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BosStore) store = bos_store_open (db_path, BOS_STORE_OPEN_NONE, &error);

    g_assert_no_error (error);
    bos_plan_scenario_set_lock (store, "scenario:2031:national:default", "0301", -1, NULL, NULL,
                                &error);
    g_assert_no_error (error);
  }
}

static void
test_import_indicators (void)
{
  g_auto(BosTestRun) run = { 0 };
  g_autofree char *good = bos_test_write_file (tmp_dir, "indicators.csv",
                                               "code,indicator,value\n"
                                               "0301,employment_rate,0.68\n"
                                               "3905,employment_rate,0.71\n", -1);
  g_autofree char *bad = bos_test_write_file (tmp_dir, "indicators-bad.csv",
                                              "code,indicator,value\n"
                                              "0301,employment_rate,0.68\n"
                                              "3905,employment_rate,-2\n", -1);

  if (g_getenv ("BOSETTING_CLI") == NULL)
    {
      g_test_skip ("BOSETTING_CLI is not set");
      return;
    }

  bos_test_run_cli (&run, NULL, "import", "indicators", good, "--year", "2031", "--db", db_path,
                    NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "read=2 inserted=2 updated=0 unchanged=0 skipped=0\n");
  bos_test_run_cli (&run, NULL, "import", "indicators", good, "--year", "2031", "--db", db_path,
                    NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "read=2 inserted=0 updated=0 unchanged=2 skipped=0\n");

  bos_test_run_cli (&run, NULL, "import", "indicators", bad, "--year", "2031", "--db", db_path,
                    NULL);
  g_assert_cmpint (run.status, ==, 1);
  bos_test_assert_contains (run.err, "indicators-bad.csv, line 3, field “value”");

  bos_test_run_cli (&run, NULL, "import", "indicators", good, "--db", db_path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  bos_test_assert_contains (run.err, "--year");
  bos_test_run_cli (&run, NULL, "import", "history", good, "--year", "2031", "--db", db_path, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = bos_test_make_tmp_dir ("bos-test-cli-distribution");
  db_path = g_build_filename (tmp_dir, "cli.sqlite", NULL);

  g_test_add_func ("/cli-distribution/simulate-plan", test_simulate_plan);
  g_test_add_func ("/cli-distribution/same-as-file", test_same_as_file);
  g_test_add_func ("/cli-distribution/simulate-plan-errors", test_simulate_plan_errors);
  g_test_add_func ("/cli-distribution/import-indicators", test_import_indicators);

  status = g_test_run ();
  bos_test_remove_tree (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
