/* test-cli-simulate.c: bosetting-cli simulate, run as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the program named by $BOSETTING_CLI on the scenario files in
 * tests/data/scenarios and checks exit codes, stdout and stderr.
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "bos-test-util.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "scenarios", name, NULL);
}

static char *
read_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The CSV of a good file, byte for byte (numbers checked by hand and
 * against an exact-rational reference; see vestfold.json) */
static void
test_csv (void)
{
  const char *files[][2] = {
    { "vestfold.json", "vestfold.csv" },
    { "minimal.json", "minimal.csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(BosTestRun) run = { 0 };
      g_autofree char *path = data_path (files[i][0]);
      g_autofree char *expected = read_data (files[i][1]);

      if (!bos_test_run_cli (&run, NULL, "simulate", path, NULL))
        return;
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, expected);
    }
}

/* The same with --format csv given; the header is the contract's */
static void
test_csv_explicit (void)
{
  g_auto(BosTestRun) run = { 0 };
  g_autofree char *path = data_path ("minimal.json");

  if (!bos_test_run_cli (&run, NULL, "simulate", "--format", "csv", path, NULL))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "code,name,county,request,ema_request,reason\n"));
  /* a name with a comma and one with quotes, quoted as RFC 4180 says */
  g_assert_nonnull (strstr (run.out, "\n0002,\"Beta, the second\",01,11,0,"));
  g_assert_nonnull (strstr (run.out, "\n0003,\"Gamma \"\"G\"\"\",02,0,0,\"score 0.2; "));
}

/* JSON: name, year, need, counties (two-stage) and every municipality */
static void
test_json (void)
{
  g_auto(BosTestRun) run = { 0 };
  g_autofree char *path = data_path ("two-stage.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *county, *m;
  JsonArray *counties, *municipalities;

  if (!bos_test_run_cli (&run, NULL, "simulate", path, "--format", "json", NULL))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Two counties");
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2026);
  g_assert_cmpint (json_object_get_int_member (root, "need"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (root, "ema_need"), ==, 0);

  /* the county totals: 3.5 and 3.5, the tie to the lower county code */
  counties = json_object_get_array_member (root, "counties");
  g_assert_cmpuint (json_array_get_length (counties), ==, 2);
  county = json_array_get_object_element (counties, 0);
  g_assert_cmpstr (json_object_get_string_member (county, "county"), ==, "01");
  g_assert_cmpint (json_object_get_int_member (county, "request"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (county, "quota"), ==, 3.5);

  municipalities = json_object_get_array_member (root, "municipalities");
  g_assert_cmpuint (json_array_get_length (municipalities), ==, 4);
  m = json_array_get_object_element (municipalities, 1);
  g_assert_cmpstr (json_object_get_string_member (m, "code"), ==, "0102");
  g_assert_cmpint (json_object_get_int_member (m, "request"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (m, "ema_request"), ==, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "score"), 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "quota"), 1.6, 1e-12);
  g_assert_cmpstr (json_object_get_string_member (m, "constraint"), ==, "proportional");
  g_assert_nonnull (strstr (json_object_get_string_member (m, "reason"), "largest remainder +1"));
}

/* Bad files: exit 1, "bosetting-cli: FILE: message" naming the problem */
static void
test_bad_files (void)
{
  const char *files[][2] = {
    { "bad-unknown-key.json", "municipalities[1].popluation: unknown key" },
    { "bad-negative-population.json", "municipalities[1].population: must be greater than 0 (got -5)" },
    { "bad-locks-above-need.json", "locked requests exceed the need: the locks add up to 70 but "
                                   "the need is 50 (20 persons too many)" },
    { "bad-drop-below.json", "criteria.drop_below: must not be above min_request 10 (got 12)" },
    { "bad-not-json.json", "not valid JSON at line 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(BosTestRun) run = { 0 };
      g_autofree char *path = data_path (files[i][0]);
      g_autofree char *expected = g_strdup_printf ("bosetting-cli: %s: %s", path, files[i][1]);

      if (!bos_test_run_cli (&run, NULL, "simulate", path, NULL))
        return;
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      if (!g_str_has_prefix (run.err, expected))
        g_error ("stderr “%s” is not “%s…”", run.err, expected);
    }
}

/* Usage errors exit 2; --help exits 0 */
static void
test_usage (void)
{
  {
    g_auto(BosTestRun) run = { 0 };

    if (!bos_test_run_cli (&run, NULL, "simulate", NULL))
      return;
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "a scenario file is needed"));
  }
  {
    g_auto(BosTestRun) run = { 0 };
    g_autofree char *path = data_path ("minimal.json");

    bos_test_run_cli (&run, NULL, "simulate", path, "--format", "xml", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--format must be “csv” or “json”, not “xml”"));
  }
  {
    g_auto(BosTestRun) run = { 0 };

    bos_test_run_cli (&run, NULL, "simulate", "a.json", "b.json", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unexpected argument “b.json”"));
  }
  {
    g_auto(BosTestRun) run = { 0 };

    bos_test_run_cli (&run, NULL, "simulate", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "code,name,county,request,ema_request,reason"));
  }
  {
    g_auto(BosTestRun) run = { 0 };

    bos_test_run_cli (&run, NULL, "simulate", "/nonexistent/scenario.json", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==,
                     "bosetting-cli: /nonexistent/scenario.json: cannot read the file (no such file)\n");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/simulate/csv", test_csv);
  g_test_add_func ("/cli/simulate/csv-explicit", test_csv_explicit);
  g_test_add_func ("/cli/simulate/json", test_json);
  g_test_add_func ("/cli/simulate/bad-files", test_bad_files);
  g_test_add_func ("/cli/simulate/usage", test_usage);

  return g_test_run ();
}
