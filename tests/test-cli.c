/* test-cli.c: the real bosetting-cli binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the program named by $BOSETTING_CLI (set by meson) and checks exit
 * codes, stdout and stderr.
 */
#include <string.h>

#include <gio/gio.h>

#include "bos-test-util.h"

typedef BosTestFolder Fixture;

static void
test_info (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(BosTestRun) run = { 0 };

  bos_test_run_cli (&run, fixture->db, "info", "--db", fixture->db, NULL);
  g_assert_cmpint (run.status, ==, 0);
  bos_test_assert_contains (run.out, "\nmunicipalities: 357\n");
  bos_test_assert_contains (run.out, "\ncounties: 15\n");
  bos_test_assert_contains (run.out, "\nsettlement_history: 34413\n");
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_import_imdi (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *file = bos_test_data_path ("imdi-latin1.csv");
  g_auto(BosTestRun) first = { 0 };
  g_auto(BosTestRun) second = { 0 };

  bos_test_run_cli (&first, fixture->db, "import", "imdi", file, "--db", fixture->db, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.out, ==, "read=13 inserted=7 updated=1 unchanged=3 skipped=2\n");

  bos_test_run_cli (&second, fixture->db, "import", "--db", fixture->db, "imdi", file, NULL);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_cmpstr (second.out, ==, "read=13 inserted=0 updated=0 unchanged=11 skipped=2\n");
}

static void
test_import_kinds (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct
  {
    const char *kind;
    const char *file;
    const char *summary;
  } cases[] = {
    { "municipalities", "municipalities.csv", "read=357 inserted=0 updated=0 unchanged=357 skipped=0\n" },
    { "code-history", "municipality_code_history.csv", "read=731 inserted=0 updated=0 unchanged=731 skipped=0\n" },
    { "immigrant-share", "immigrant_share_2021.csv", "read=356 inserted=0 updated=0 unchanged=356 skipped=0\n" },
    { "history", "settlement_history.csv", "read=34413 inserted=0 updated=0 unchanged=34413 skipped=0\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = bos_test_reference_path (cases[i].file);
      g_auto(BosTestRun) run = { 0 };

      bos_test_run_cli (&run, fixture->db, "import", cases[i].kind, file, "--db", fixture->db,
                        NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, cases[i].summary);
    }
}

static void
test_import_bad (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *bad = bos_test_data_path ("history-bad-persons.csv");
  g_autofree char *bad_c1 = bos_test_data_path ("imdi-bad-c1.csv");
  g_autofree char *good = bos_test_data_path ("history-good.csv");
  g_auto(BosTestRun) run = { 0 };
  g_auto(BosTestRun) info_before = { 0 };
  g_auto(BosTestRun) info_after = { 0 };
  g_auto(BosTestRun) encoding = { 0 };
  g_auto(BosTestRun) retry = { 0 };

  bos_test_run_cli (&info_before, fixture->db, "info", "--db", fixture->db, NULL);
  bos_test_run_cli (&run, fixture->db, "import", "history", bad, "--db", fixture->db, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  bos_test_assert_contains (run.err, "history-bad-persons.csv, line 3, field “persons”: “ti” is not a whole number");

  bos_test_run_cli (&encoding, fixture->db, "import", "imdi", bad_c1, "--db", fixture->db, NULL);
  g_assert_cmpint (encoding.status, ==, 1);
  bos_test_assert_contains (encoding.err, "imdi-bad-c1.csv, line 3");

  /* Nothing of the bad files is stored. */
  bos_test_run_cli (&info_after, fixture->db, "info", "--db", fixture->db, NULL);
  g_assert_cmpstr (info_before.out, ==, info_after.out);

  bos_test_run_cli (&retry, fixture->db, "import", "history", good, "--db", fixture->db, NULL);
  g_assert_cmpint (retry.status, ==, 0);
  g_assert_cmpstr (retry.out, ==, "read=3 inserted=3 updated=0 unchanged=0 skipped=0\n");
}

static void
test_import_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *file = bos_test_data_path ("history-good.csv");
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-file.csv", NULL);
  g_auto(BosTestRun) kind = { 0 };
  g_auto(BosTestRun) few = { 0 };
  g_auto(BosTestRun) many = { 0 };
  g_auto(BosTestRun) option = { 0 };
  g_auto(BosTestRun) nofile = { 0 };
  g_auto(BosTestRun) help = { 0 };

  bos_test_run_cli (&kind, fixture->db, "import", "population", file, "--db", fixture->db, NULL);
  g_assert_cmpint (kind.status, ==, 2);
  bos_test_assert_contains (kind.err, "population");
  bos_test_run_cli (&few, fixture->db, "import", "history", "--db", fixture->db, NULL);
  g_assert_cmpint (few.status, ==, 2);
  bos_test_run_cli (&many, fixture->db, "import", "history", file, file, "--db", fixture->db, NULL);
  g_assert_cmpint (many.status, ==, 2);
  bos_test_run_cli (&option, fixture->db, "import", "history", file, "--frobnicate", NULL);
  g_assert_cmpint (option.status, ==, 2);
  bos_test_run_cli (&nofile, fixture->db, "import", "history", missing, "--db", fixture->db, NULL);
  g_assert_cmpint (nofile.status, ==, 1);
  bos_test_assert_contains (nofile.err, "no-such-file.csv");
  bos_test_run_cli (&help, fixture->db, "import", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  bos_test_assert_contains (help.out, "imdi");
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(BosTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  guint n_0101 = 0, n_3001 = 0;

  bos_test_run_cli (&run, fixture->db, "history", "3101", "--db", fixture->db, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "year,kind,persons,status,source_code\n"));
  bos_test_assert_contains (run.out, "\n1995,request,20,ok,0101\n");
  bos_test_assert_contains (run.out, "\n1995,settled,,missing,0101\n");

  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      n_0101 += g_str_equal (fields[4], "0101");
      n_3001 += g_str_equal (fields[4], "3001");
      /* persons only with ok */
      g_assert_true (g_str_equal (fields[3], "ok") == (*fields[2] != '\0'));
    }
  g_assert_cmpuint (n_0101, >, 0);
  g_assert_cmpuint (n_3001, >, 0);
}

static void
test_history_split (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(BosTestRun) alesund = { 0 };
  g_auto(BosTestRun) haram = { 0 };

  bos_test_run_cli (&alesund, fixture->db, "history", "1508", "--db", fixture->db, NULL);
  bos_test_run_cli (&haram, fixture->db, "history", "1580", "--db", fixture->db, NULL);
  g_assert_cmpint (alesund.status, ==, 0);
  g_assert_cmpint (haram.status, ==, 0);
  /* 2020 request 41 under 1507: 35 + 6. */
  bos_test_assert_contains (alesund.out, "\n2020,request,35,ok,1507\n");
  bos_test_assert_contains (haram.out, "\n2020,request,6,ok,1507\n");
}

static void
test_history_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(BosTestRun) unknown = { 0 };
  g_auto(BosTestRun) former = { 0 };
  g_auto(BosTestRun) nowhere = { 0 };
  g_auto(BosTestRun) none = { 0 };
  g_auto(BosTestRun) extra = { 0 };

  bos_test_run_cli (&unknown, fixture->db, "history", "4242", "--db", fixture->db, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_cmpstr (unknown.out, ==, "");
  bos_test_assert_contains (unknown.err, "4242");

  bos_test_run_cli (&former, fixture->db, "history", "0101", "--db", fixture->db, NULL);
  g_assert_cmpint (former.status, ==, 1);
  bos_test_assert_contains (former.err, "3101");

  bos_test_run_cli (&nowhere, fixture->db, "history", "9999", "--db", fixture->db, NULL);
  g_assert_cmpint (nowhere.status, ==, 1);
  bos_test_assert_contains (nowhere.err, "no municipality of today");

  bos_test_run_cli (&none, fixture->db, "history", "--db", fixture->db, NULL);
  g_assert_cmpint (none.status, ==, 2);
  bos_test_run_cli (&extra, fixture->db, "history", "3101", "3103", "--db", fixture->db, NULL);
  g_assert_cmpint (extra.status, ==, 2);
}

static void
test_plan (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *demo = g_strdup_printf ("plan:%d:national,%d,national,5000,150,2200,",
                                           g_date_time_get_year (now) + 1,
                                           g_date_time_get_year (now) + 1);
  g_auto(BosTestRun) created = { 0 };
  g_auto(BosTestRun) again = { 0 };
  g_auto(BosTestRun) list = { 0 };
  g_auto(BosTestRun) invalid = { 0 };

  bos_test_run_cli (&created, fixture->db, "plan", "new", "--year", "2035", "--need", "300",
                    "--minors", "10", "--db", fixture->db, NULL);
  g_assert_cmpint (created.status, ==, 0);
  g_assert_cmpstr (created.out, ==, "plan:2035:national\n");

  bos_test_run_cli (&again, fixture->db, "plan", "new", "--year", "2035", "--need", "300",
                    "--db", fixture->db, NULL);
  g_assert_cmpint (again.status, ==, 1);
  bos_test_assert_contains (again.err, "2035");

  bos_test_run_cli (&invalid, fixture->db, "plan", "new", "--year", "2036", "--need", "10",
                    "--minors", "20", "--db", fixture->db, NULL);
  g_assert_cmpint (invalid.status, ==, 1);

  bos_test_run_cli (&list, fixture->db, "plan", "list", "--db", fixture->db, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "id,year,scope,need,minors,resettlement,status,demo\n"));
  bos_test_assert_contains (list.out, "plan:2035:national,2035,national,300,10,0,");
  bos_test_assert_contains (list.out, demo);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(BosTestRun) nothing = { 0 };
  g_auto(BosTestRun) unknown = { 0 };
  g_auto(BosTestRun) plan = { 0 };
  g_auto(BosTestRun) year = { 0 };
  g_auto(BosTestRun) help = { 0 };

  bos_test_run_cli (&nothing, fixture->db, NULL);
  g_assert_cmpint (nothing.status, ==, 2);
  bos_test_assert_contains (nothing.err, "Usage");

  bos_test_run_cli (&unknown, fixture->db, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  bos_test_assert_contains (unknown.err, "frobnicate");

  bos_test_run_cli (&plan, fixture->db, "plan", "new", "--need", "10", "--db", fixture->db, NULL);
  g_assert_cmpint (plan.status, ==, 2);
  bos_test_assert_contains (plan.err, "--year");

  bos_test_run_cli (&year, fixture->db, "plan", "new", "--year", "twenty", "--need", "10",
                    "--db", fixture->db, NULL);
  g_assert_cmpint (year.status, ==, 2);

  bos_test_run_cli (&help, fixture->db, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  bos_test_assert_contains (help.out, "import");
  bos_test_assert_contains (help.out, "history");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, bos_test_folder_set_up, func, bos_test_folder_tear_down)

  ADD ("/cli/info", test_info);
  ADD ("/cli/import/imdi", test_import_imdi);
  ADD ("/cli/import/kinds", test_import_kinds);
  ADD ("/cli/import/bad", test_import_bad);
  ADD ("/cli/import/usage", test_import_usage);
  ADD ("/cli/history", test_history);
  ADD ("/cli/history/split", test_history_split);
  ADD ("/cli/history/errors", test_history_errors);
  ADD ("/cli/plan", test_plan);
  ADD ("/cli/usage", test_usage);

#undef ADD

  return g_test_run ();
}
