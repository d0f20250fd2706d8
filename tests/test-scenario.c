/* test-scenario.c: the scenario file format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bos-error.h"
#include "bos-scenario.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "scenarios", name, NULL);
}

static BosScenario *
load_data_file (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  BosScenario *scenario = bos_scenario_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

static const BosMunicipalityInput *
municipality (const BosScenario *scenario,
              guint              index)
{
  return g_ptr_array_index (scenario->input->municipalities, index);
}

static double
indicator (const BosScenario          *scenario,
           const BosMunicipalityInput *m,
           const char                 *name)
{
  int index = bos_apportion_input_find_indicator (scenario->input, name);

  return index < 0 ? NAN : m->indicators[index];
}

/* The file of distribution.md's example, with more municipalities */
static void
test_load (void)
{
  g_autoptr(BosScenario) scenario = load_data_file ("vestfold.json");
  const BosCriteria *cr = &scenario->input->criteria;
  const BosMunicipalityInput *m;

  g_assert_cmpstr (scenario->name, ==, "Vestfold 2027, draft A");
  g_assert_cmpint (scenario->year, ==, 2027);
  g_assert_cmpint (scenario->input->need, ==, 400);
  g_assert_cmpint (scenario->input->ema_need, ==, 20);
  g_assert_false (scenario->input->by_county);

  g_assert_cmpuint (cr->n_factors, ==, 3);
  g_assert_cmpstr (cr->factors[0].indicator, ==, "population");
  g_assert_cmpfloat (cr->factors[0].weight, ==, 0.4);
  g_assert_cmpint (cr->factors[0].mode, ==, BOS_FACTOR_MODE_SHARE);
  g_assert_cmpstr (cr->factors[2].indicator, ==, "employment_rate");
  g_assert_cmpint (cr->factors[2].mode, ==, BOS_FACTOR_MODE_POPULATION_SCALED);
  g_assert_cmpint (cr->min_request, ==, 10);
  g_assert_cmpint (cr->drop_below, ==, 5);
  g_assert_cmpfloat (cr->max_immigrant_share, ==, 15.0);
  g_assert_true (isnan (cr->max_per_1000));
  g_assert_cmpint (cr->ema_min_request, ==, 2);
  g_assert_cmpint (cr->ema_drop_below, ==, 1);

  g_assert_cmpuint (scenario->input->municipalities->len, ==, 6);
  m = municipality (scenario, 0);
  g_assert_cmpstr (m->code, ==, "3905");
  g_assert_cmpstr (m->name, ==, "Tønsberg");
  g_assert_cmpstr (m->county, ==, "39");
  g_assert_cmpint (m->population, ==, 59830);
  g_assert_cmpfloat (m->immigrant_share, ==, 12.47);
  g_assert_cmpfloat (indicator (scenario, m, "programme_results"), ==, 0.61);
  g_assert_cmpfloat (indicator (scenario, m, "employment_rate"), ==, 0.71);
  g_assert_cmpint (m->locked, <, 0);
  g_assert_cmpint (m->cap, <, 0);
  g_assert_true (m->ema_capable);

  m = municipality (scenario, 2);
  g_assert_cmpstr (m->code, ==, "3903");
  g_assert_true (isnan (indicator (scenario, m, "employment_rate")));
  g_assert_false (m->ema_capable);
  m = municipality (scenario, 3);
  g_assert_true (m->included);
  g_assert_cmpint (m->cap, ==, 90);
  g_assert_cmpint (municipality (scenario, 4)->locked, ==, 60);
  g_assert_cmpfloat (municipality (scenario, 5)->adjustment, ==, 0.8);
}

/* Every optional key missing: the defaults of distribution.md */
static void
test_defaults (void)
{
  g_autoptr(BosScenario) scenario = load_data_file ("minimal.json");
  const BosCriteria *cr = &scenario->input->criteria;
  const BosMunicipalityInput *m = municipality (scenario, 0);

  g_assert_cmpstr (scenario->name, ==, "");
  g_assert_cmpint (scenario->year, ==, 0);
  g_assert_cmpint (scenario->input->need, ==, 25);
  g_assert_cmpint (scenario->input->ema_need, ==, 0);
  g_assert_false (scenario->input->by_county);
  g_assert_cmpuint (cr->n_factors, ==, 1);
  g_assert_cmpstr (cr->factors[0].indicator, ==, "population");
  g_assert_cmpfloat (cr->factors[0].weight, ==, 1.0);
  g_assert_cmpint (cr->min_request, ==, 10);
  g_assert_cmpint (cr->drop_below, ==, 5);
  g_assert_cmpfloat (cr->max_immigrant_share, ==, 30.0);
  g_assert_cmpint (cr->min_population, ==, 0);
  g_assert_true (isnan (cr->max_per_1000));
  g_assert_cmpint (cr->largest_n, ==, 0);
  g_assert_cmpfloat (cr->largest_factor, ==, 1.0);
  g_assert_cmpint (cr->ema_min_request, ==, 0);
  g_assert_cmpint (cr->ema_drop_below, ==, 0);

  g_assert_true (isnan (m->immigrant_share));
  g_assert_cmpfloat (m->adjustment, ==, 1.0);
  g_assert_cmpint (m->locked, <, 0);
  g_assert_false (m->excluded);
  g_assert_false (m->included);
  g_assert_true (m->ema_capable);
  g_assert_cmpint (m->cap, <, 0);
  g_assert_cmpstr (municipality (scenario, 2)->name, ==, "Gamma \"G\"");
}

static void
assert_round_trip (const BosScenario *scenario)
{
  g_autofree char *json = bos_scenario_to_json (scenario);
  g_autofree char *again = NULL;
  g_autoptr(BosScenario) read_back = NULL;
  g_autoptr(GError) error = NULL;

  read_back = bos_scenario_load_data (json, -1, "written.json", &error);
  g_assert_no_error (error);
  g_assert_true (bos_scenario_equal (scenario, read_back));
  /* and the text is stable */
  again = bos_scenario_to_json (read_back);
  g_assert_cmpstr (json, ==, again);
}

/* Write then read gives the same scenario */
static void
test_round_trip (void)
{
  const char *files[] = { "vestfold.json", "minimal.json", "two-stage.json" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(BosScenario) scenario = load_data_file (files[i]);

      assert_round_trip (scenario);
    }
}

/* A scenario built in code with awkward values survives the file too. */
static void
test_round_trip_built (void)
{
  g_autoptr(BosScenario) scenario = bos_scenario_new ();
  g_autoptr(BosScenario) copy = NULL;
  BosApportionInput *input = scenario->input;
  BosMunicipalityInput *m;

  g_free (scenario->name);
  scenario->name = g_strdup ("Line one\nquote \" backslash \\ tab\t æøå");
  scenario->year = 2031;
  input->need = 1234;
  input->ema_need = 56;
  input->by_county = TRUE;
  bos_criteria_clear_factors (&input->criteria);
  bos_criteria_add_factor (&input->criteria, "population", 0.1 + 0.2, BOS_FACTOR_MODE_SHARE);
  bos_criteria_add_factor (&input->criteria, "capacity", 1.0 / 3, BOS_FACTOR_MODE_POPULATION_SCALED);
  bos_criteria_add_factor (&input->criteria, "unused", 0, BOS_FACTOR_MODE_SHARE);
  input->criteria.max_immigrant_share = NAN;
  input->criteria.max_per_1000 = 7.25;
  input->criteria.largest_n = 15;
  input->criteria.largest_factor = 0.7;
  input->criteria.min_population = 1500;
  input->criteria.ema_min_request = 3;
  input->criteria.ema_drop_below = 2;

  m = bos_apportion_input_add_municipality (input, "0301", "Oslo", "03", 717710);
  m->immigrant_share = 25.39;
  m->locked = 1000;
  m->lock_note = g_strdup ("not part of the file");
  bos_apportion_input_set_indicator (input, m, "capacity", 1e-7);
  m = bos_apportion_input_add_municipality (input, "5001", "Trondheim", "50", 214565);
  m->cap = 0;
  m->excluded = TRUE;
  m->included = TRUE;
  m->ema_capable = FALSE;
  m->adjustment = 123456.789;
  bos_apportion_input_set_indicator (input, m, "unused", 5);
  m = bos_apportion_input_add_municipality (input, "1103", "", "11", 1);
  bos_apportion_input_set_indicator (input, m, "capacity", 0);

  assert_round_trip (scenario);

  copy = bos_scenario_copy (scenario);
  g_assert_true (bos_scenario_equal (scenario, copy));
  ((BosMunicipalityInput *) g_ptr_array_index (copy->input->municipalities, 1))->cap = 1;
  g_assert_false (bos_scenario_equal (scenario, copy));
}

/* bos_scenario_build_input() gives a copy to change and run */
static void
test_build_input (void)
{
  g_autoptr(BosScenario) scenario = load_data_file ("vestfold.json");
  g_autoptr(BosApportionInput) input = bos_scenario_build_input (scenario);
  g_autoptr(BosApportionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BosMunicipalityInput *m;

  g_assert_true (input != scenario->input);
  m = g_ptr_array_index (input->municipalities, 0);
  m->locked = 100;
  g_assert_cmpint (municipality (scenario, 0)->locked, <, 0);
  result = bos_apportion_run (input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->municipalities[0].request, ==, 100);
}

typedef struct
{
  const char *json;
  BosError    code;
  const char *message;  /* the whole message after "bad.json: " */
} BadCase;

/* Wrong files: an error naming the file, the key's path and the problem */
static void
test_errors (void)
{
#define HEAD "{\"format\": \"bosetting-scenario\", \"version\": 1, "
#define ONE "\"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 10}]"
  const BadCase cases[] = {
    { "[1, 2]", BOS_ERROR_PARSE, "expected a JSON object at the top level" },
    { "{\"format\": ", BOS_ERROR_PARSE, "not valid JSON at line 1, column 11: unexpected end of file" },
    { HEAD "\"need\": 1, \"neeed\": 2, " ONE "}", BOS_ERROR_PARSE, "neeed: unknown key" },
    { "{\"version\": 1, \"need\": 1, " ONE "}", BOS_ERROR_PARSE, "format: missing" },
    { "{\"format\": \"other\", \"version\": 1, \"need\": 1, " ONE "}", BOS_ERROR_PARSE,
      "format: expected “bosetting-scenario”, got “other”" },
    { "{\"format\": \"bosetting-scenario\", \"version\": 2, \"need\": 1, " ONE "}",
      BOS_ERROR_PARSE, "version: this Bosetting reads version 1, not 2" },
    { HEAD ONE "}", BOS_ERROR_PARSE, "need: missing" },
    { HEAD "\"need\": -1, " ONE "}", BOS_ERROR_INVALID, "need: must not be negative (got -1)" },
    { HEAD "\"need\": \"ten\", " ONE "}", BOS_ERROR_PARSE, "need: expected a whole number, got a string" },
    { HEAD "\"need\": 2.5, " ONE "}", BOS_ERROR_INVALID, "need: expected a whole number, got 2.5" },
    { HEAD "\"need\": 5, \"ema_need\": 6, " ONE "}", BOS_ERROR_INVALID,
      "ema_need: must not be above the need 5 (got 6)" },
    { HEAD "\"need\": 5, \"by_county\": 1, " ONE "}", BOS_ERROR_PARSE,
      "by_county: expected true or false, got a number" },
    { HEAD "\"need\": 5}", BOS_ERROR_PARSE, "municipalities: missing" },
    { HEAD "\"need\": 5, \"criteria\": {\"min_request\": 10, \"drop_below\": 11}, " ONE "}",
      BOS_ERROR_INVALID, "criteria.drop_below: must not be above min_request 10 (got 11)" },
    { HEAD "\"need\": 5, \"criteria\": {\"ema_min_request\": 1, \"ema_drop_below\": 2}, " ONE "}",
      BOS_ERROR_INVALID, "criteria.ema_drop_below: must not be above ema_min_request 1 (got 2)" },
    { HEAD "\"need\": 5, \"criteria\": {\"min_requests\": 10}, " ONE "}", BOS_ERROR_PARSE,
      "criteria.min_requests: unknown key" },
    { HEAD "\"need\": 5, \"criteria\": {\"factors\": []}, " ONE "}", BOS_ERROR_INVALID,
      "criteria.factors: at least one factor is needed" },
    { HEAD "\"need\": 5, \"criteria\": {\"factors\": [{\"indicator\": \"population\", \"weight\": 0}]}, " ONE "}",
      BOS_ERROR_INVALID, "criteria.factors: the weights are all 0" },
    { HEAD "\"need\": 5, \"criteria\": {\"factors\": [{\"indicator\": \"population\", \"weight\": -1}]}, " ONE "}",
      BOS_ERROR_INVALID, "criteria.factors[0].weight: must not be negative (got -1)" },
    { HEAD "\"need\": 5, \"criteria\": {\"factors\": [{\"indicator\": \"population\", \"weight\": 1, \"mode\": \"scaled\"}]}, " ONE "}",
      BOS_ERROR_INVALID, "criteria.factors[0].mode: expected “share” or “population_scaled”, got “scaled”" },
    { HEAD "\"need\": 5, \"criteria\": {\"factors\": [{\"indicator\": \"population\", \"weight\": 1, \"wieght\": 1}]}, " ONE "}",
      BOS_ERROR_PARSE, "criteria.factors[0].wieght: unknown key" },
    { HEAD "\"need\": 5, \"criteria\": {\"factors\": [{\"indicator\": \"jobs\", \"weight\": 1}]}, " ONE "}",
      BOS_ERROR_INVALID, "criteria.factors[0].indicator: no municipality has the indicator “jobs”" },
    { HEAD "\"need\": 5, \"criteria\": {\"max_per_1000\": -2}, " ONE "}", BOS_ERROR_INVALID,
      "criteria.max_per_1000: must not be negative (got -2)" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 0}]}",
      BOS_ERROR_INVALID, "municipalities[0].population: must be greater than 0 (got 0)" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\"}]}",
      BOS_ERROR_PARSE, "municipalities[0].population: missing" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"\", \"name\": \"A\", \"county\": \"01\", \"population\": 1}]}",
      BOS_ERROR_INVALID, "municipalities[0].code: must not be empty" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 1},"
      " {\"code\": \"0001\", \"name\": \"B\", \"county\": \"01\", \"population\": 1}]}",
      BOS_ERROR_INVALID, "municipalities[1].code: the code “0001” occurs twice (also in municipalities[0])" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 1, \"locked\": -3}]}",
      BOS_ERROR_INVALID, "municipalities[0].locked: must not be negative (got -3)" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 1, \"cap\": -1}]}",
      BOS_ERROR_INVALID, "municipalities[0].cap: must not be negative (got -1)" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 1, \"indicators\": {\"x\": -0.5}}]}",
      BOS_ERROR_INVALID, "municipalities[0].indicators.x: must not be negative (got -0.5)" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 1, \"indicators\": {\"population\": 3}}]}",
      BOS_ERROR_INVALID, "municipalities[0].indicators.population: “population” is the municipality's population, not an indicator" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 1, \"adjustment\": -1}]}",
      BOS_ERROR_INVALID, "municipalities[0].adjustment: must not be negative (got -1)" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 1, \"immigrant_share\": \"high\"}]}",
      BOS_ERROR_PARSE, "municipalities[0].immigrant_share: expected a number, got a string" },
    { HEAD "\"need\": 5, \"municipalities\": [{\"code\": \"0001\", \"name\": \"A\", \"county\": \"01\", \"population\": 1, \"excluded\": \"yes\"}]}",
      BOS_ERROR_PARSE, "municipalities[0].excluded: expected true or false, got a string" },
    { HEAD "\"need\": 5, \"municipalities\": [1]}", BOS_ERROR_PARSE,
      "municipalities[0]: expected an object, got a number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BosScenario) scenario = NULL;
      g_autofree char *expected = g_strconcat ("bad.json: ", cases[i].message, NULL);

      scenario = bos_scenario_load_data (cases[i].json, -1, "bad.json", &error);
      if (scenario != NULL)
        g_error ("case %u was read: %s", i, cases[i].json);
      g_assert_error (error, BOS_ERROR, (int) cases[i].code);
      if (!g_str_has_prefix (error->message, expected))
        g_error ("case %u: “%s” is not “%s…”", i, error->message, expected);
    }
#undef HEAD
#undef ONE
}

/* The bad files of the CLI tests read (or fail) as their names say */
static void
test_error_files (void)
{
  const char *files[] = { "bad-unknown-key.json", "bad-negative-population.json",
                          "bad-drop-below.json", "bad-not-json.json" };
  const char *says[] = { "municipalities[1].popluation: unknown key",
                         "municipalities[1].population: must be greater than 0 (got -5)",
                         "criteria.drop_below: must not be above min_request 10",
                         "not valid JSON at line 3" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path (files[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(BosScenario) scenario = bos_scenario_load_file (path, &error);
      g_autofree char *expected = g_strconcat (path, ": ", says[i], NULL);

      g_assert_null (scenario);
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, expected))
        g_error ("“%s” is not “%s…”", error->message, expected);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BosScenario) scenario = bos_scenario_load_file ("/nonexistent/s.json", &error);

    g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
    g_assert_cmpstr (error->message, ==, "/nonexistent/s.json: cannot read the file (no such file)");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BosScenario) scenario = bos_scenario_load_data ("{\"name\": \"\xff\"}", -1,
                                                              "latin1.json", &error);

    g_assert_error (error, BOS_ERROR, BOS_ERROR_ENCODING);
  }
}

/* save_file writes what to_json gives */
static void
test_save_file (void)
{
  g_autoptr(BosScenario) scenario = load_data_file ("two-stage.json");
  g_autoptr(BosScenario) read_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bos-test-scenario-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "saved.json", NULL);
  g_assert_true (bos_scenario_save_file (scenario, path, &error));
  g_assert_no_error (error);
  read_back = bos_scenario_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (bos_scenario_equal (scenario, read_back));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/load", test_load);
  g_test_add_func ("/scenario/defaults", test_defaults);
  g_test_add_func ("/scenario/round-trip", test_round_trip);
  g_test_add_func ("/scenario/round-trip-built", test_round_trip_built);
  g_test_add_func ("/scenario/build-input", test_build_input);
  g_test_add_func ("/scenario/errors", test_errors);
  g_test_add_func ("/scenario/error-files", test_error_files);
  g_test_add_func ("/scenario/save-file", test_save_file);

  return g_test_run ();
}
