/* test-cli-letters.c: bosetting-cli forecast, decisions and letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the program named by $BOSETTING_CLI (set by meson) as a user
 * would and checks exit codes, stdout, stderr and the files written.
 */
#include <string.h>

#include <gio/gio.h>

#include "bos-test-util.h"

typedef BosTestFolder Fixture;

static void
assert_matches (const char *text,
                const char *pattern)
{
  if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
    g_error ("“%s” does not match /%s/", text, pattern);
}

/* pdftotext's text with white space made single spaces, or NULL. */
static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  {
    g_auto(GStrv) words = g_regex_split_simple ("[\\s\\x{00a0}]+", out, 0, 0);
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (*words[i] == '\0')
          continue;
        if (text->len > 0)
          g_string_append_c (text, ' ');
        g_string_append (text, words[i]);
      }
    return g_string_free (g_steal_pointer (&text), FALSE);
  }
}

static void
test_forecast (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *requests = bos_test_write_file (fixture->dir, "requests.csv",
                                                   "code,request\n4621,30\n0301,600\n3905,50\n"
                                                   "1103,150\n", -1);
  g_autofree char *bad = bos_test_write_file (fixture->dir, "bad.csv",
                                              "code,request\n0301,600\n0701,20\n", -1);
  g_autofree char *lines_text = NULL;
  g_auto(BosTestRun) first = { 0 };
  g_auto(BosTestRun) second = { 0 };
  g_auto(BosTestRun) needier = { 0 };
  g_auto(BosTestRun) counties = { 0 };
  g_auto(BosTestRun) usage = { 0 };
  g_auto(BosTestRun) draws = { 0 };
  g_auto(BosTestRun) error = { 0 };
  g_auto(GStrv) lines = NULL;
  double p_cover_first, p_cover_needier;

  if (!bos_test_run_cli (&first, fixture->db, "forecast", "--db", fixture->db, "--year", "2021",
                         "--requests", requests, "--draws", "2000", "--seed", "3", NULL))
    return;
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.err, ==, "");
  lines = g_strsplit (first.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_cmpstr (lines[0], ==, "code,request,expected,p10,p90");
  /* Code order; expected with one decimal, percentiles whole persons. */
  assert_matches (lines[1], "^0301,600,[0-9]+\\.[0-9],[0-9]+,[0-9]+$");
  assert_matches (lines[2], "^1103,150,[0-9]+\\.[0-9],[0-9]+,[0-9]+$");
  assert_matches (lines[3], "^3905,50,[0-9]+\\.[0-9],[0-9]+,[0-9]+$");
  assert_matches (lines[4], "^4621,30,[0-9]+\\.[0-9],[0-9]+,[0-9]+$");
  assert_matches (lines[5], "^total_expected=[0-9]+\\.[0-9] p10=[0-9]+ p90=[0-9]+ p_cover=[01]\\.[0-9]{3} "
                            "need=830 uplift=([0-9]+\\.[0-9]{2}|none)$");
  g_assert_cmpstr (lines[6], ==, "");

  /* The same seed, the same output. */
  bos_test_run_cli (&second, fixture->db, "forecast", "--db", fixture->db, "--year", "2021",
                    "--requests", requests, "--draws", "2000", "--seed", "3", NULL);
  g_assert_cmpstr (first.out, ==, second.out);

  /* A larger need is less likely covered. */
  bos_test_run_cli (&needier, fixture->db, "forecast", "--db", fixture->db, "--year", "2021",
                    "--requests", requests, "--draws", "2000", "--seed", "3", "--need", "900",
                    NULL);
  g_assert_cmpint (needier.status, ==, 0);
  p_cover_first = g_ascii_strtod (strstr (first.out, "p_cover=") + 8, NULL);
  p_cover_needier = g_ascii_strtod (strstr (needier.out, "p_cover=") + 8, NULL);
  g_assert_cmpfloat (p_cover_needier, <=, p_cover_first);
  bos_test_assert_contains (needier.out, " need=900 ");

  bos_test_run_cli (&counties, fixture->db, "forecast", "--db", fixture->db, "--year", "2021",
                    "--requests", requests, "--draws", "2000", "--seed", "3", "--counties", NULL);
  g_assert_cmpint (counties.status, ==, 0);
  g_assert_true (g_str_has_prefix (counties.out, first.out));
  assert_matches (counties.out, "^county=03 need=600 expected=[0-9]+\\.[0-9] shortfall=[0-9]+\\.[0-9] "
                                "p_cover=[01]\\.[0-9]{3}$");
  assert_matches (counties.out, "^county=46 need=30 ");

  bos_test_run_cli (&usage, fixture->db, "forecast", "--db", fixture->db, "--requests", requests,
                    NULL);
  g_assert_cmpint (usage.status, ==, 2);
  bos_test_assert_contains (usage.err, "--year is required");
  bos_test_run_cli (&draws, fixture->db, "forecast", "--db", fixture->db, "--year", "2021",
                    "--requests", requests, "--draws", "5", NULL);
  g_assert_cmpint (draws.status, ==, 2);

  bos_test_run_cli (&error, fixture->db, "forecast", "--db", fixture->db, "--year", "2021",
                    "--requests", bad, NULL);
  g_assert_cmpint (error.status, ==, 1);
  g_assert_cmpstr (error.out, ==, "");
  bos_test_assert_contains (error.err, "bad.csv, line 3, field “code”");
  bos_test_assert_contains (error.err, "former municipality number");
}

static void
test_decisions (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *good = bos_test_write_file (fixture->dir, "vedtak.csv",
                                               "code,persons,minors,date,reference\n"
                                               "3905,40,5,2029-11-20,PS 112/29\n"
                                               "4621,30,0,2.12.2029,\"PS 7/29, punkt 2\"\n", -1);
  g_autofree char *bad = bos_test_write_file (fixture->dir, "feil.csv",
                                              "code,persons,minors,date,reference\n"
                                              "3905,40,5,2029-11-20,PS 112/29\n"
                                              "4621,30,31,2029-12-02,\n", -1);
  g_autofree char *requests = bos_test_write_file (fixture->dir, "requests.csv",
                                                   "code,request,minors\n3905,50,5\n4621,30,0\n"
                                                   "0301,600,20\n", -1);
  g_auto(BosTestRun) plan = { 0 };
  g_auto(BosTestRun) import = { 0 };
  g_auto(BosTestRun) again = { 0 };
  g_auto(BosTestRun) failed = { 0 };
  g_auto(BosTestRun) list = { 0 };
  g_auto(BosTestRun) coverage = { 0 };
  g_auto(BosTestRun) no_plan = { 0 };
  g_auto(BosTestRun) usage = { 0 };

  if (!bos_test_run_cli (&plan, fixture->db, "plan", "new", "--db", fixture->db, "--year", "2030",
                         "--need", "1000", NULL))
    return;
  g_assert_cmpint (plan.status, ==, 0);

  bos_test_run_cli (&failed, fixture->db, "decisions", "import", "--db", fixture->db, "--plan",
                    "2030", bad, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  bos_test_assert_contains (failed.err, "feil.csv, line 3, field “minors”");

  bos_test_run_cli (&import, fixture->db, "decisions", "import", "--db", fixture->db, "--plan",
                    "2030", good, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.out, ==, "read=2 inserted=2 updated=0 unchanged=0\n");
  bos_test_run_cli (&again, fixture->db, "decisions", "import", "--db", fixture->db, "--plan",
                    "2030", good, NULL);
  g_assert_cmpstr (again.out, ==, "read=2 inserted=0 updated=0 unchanged=2\n");

  /* Nothing of the bad file was stored. */
  bos_test_run_cli (&list, fixture->db, "decisions", "list", "--db", fixture->db, "--plan", "2030",
                    NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpstr (list.out, ==,
                   "code,persons,minors,date,reference,note\n"
                   "3905,40,5,2029-11-20,PS 112/29,\n"
                   "4621,30,0,2029-12-02,\"PS 7/29, punkt 2\",\n");

  bos_test_run_cli (&coverage, fixture->db, "decisions", "coverage", "--db", fixture->db, "--plan",
                    "2030", "--requests", requests, "--deadline", "2029-12-01", "--today",
                    "2029-12-15", NULL);
  g_assert_cmpint (coverage.status, ==, 0);
  bos_test_assert_contains (coverage.out, "county,requested,decided,municipalities,answered,outstanding,overdue,late\n");
  bos_test_assert_contains (coverage.out, "03,600,0,1,0,1,1,0\n");
  bos_test_assert_contains (coverage.out, "39,50,40,1,1,0,0,0\n");
  bos_test_assert_contains (coverage.out, "46,30,30,1,1,0,0,1\n");
  bos_test_assert_contains (coverage.out, "need=1000 requested=680 decided=70 coverage=0.070 outstanding=1 "
                                          "overdue=1 late=1 deadline=2029-12-01\n");

  bos_test_run_cli (&no_plan, fixture->db, "decisions", "import", "--db", fixture->db, "--plan",
                    "2031", good, NULL);
  g_assert_cmpint (no_plan.status, ==, 1);
  bos_test_assert_contains (no_plan.err, "plan:2031:national");
  bos_test_run_cli (&usage, fixture->db, "decisions", "import", "--db", fixture->db, good, NULL);
  g_assert_cmpint (usage.status, ==, 2);
  bos_test_assert_contains (usage.err, "--plan is required");
}

static void
test_letters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *requests = bos_test_write_file (fixture->dir, "requests.csv",
                                                   "code,request,minors,next_year_figure\n"
                                                   "3905,59,5,64\n4621,30,1,\n0301,1250,40,\n"
                                                   "3907,0,0,\n", -1);
  g_autofree char *changed = bos_test_write_file (fixture->dir, "changed.csv",
                                                  "code,request\n3905,99\n4621,31\n0301,1250\n", -1);
  g_autofree char *out = g_build_filename (fixture->dir, "brev", NULL);
  g_autofree char *combined = g_build_filename (fixture->dir, "alle.pdf", NULL);
  g_autofree char *tonsberg = g_build_filename (out, "2030-3905-tonsberg-anmodning.pdf", NULL);
  g_autofree char *voss = g_build_filename (out, "2030-4621-voss-anmodning.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *voss_text = NULL;
  g_autofree char *after = NULL;
  g_autofree char *proposed_out = g_build_filename (fixture->dir, "forslag", NULL);
  g_autofree char *proposed_tonsberg = g_build_filename (proposed_out, "2030-3905-tonsberg-anmodning.pdf",
                                                         NULL);
  g_autofree char *proposed_text = NULL;
  g_auto(BosTestRun) plan = { 0 };
  g_auto(BosTestRun) letters = { 0 };
  g_auto(BosTestRun) sent = { 0 };
  g_auto(BosTestRun) resend = { 0 };
  g_auto(BosTestRun) proposed = { 0 };
  g_auto(BosTestRun) no_out = { 0 };
  g_auto(BosTestRun) bad_date = { 0 };

  if (!bos_test_run_cli (&plan, fixture->db, "plan", "new", "--db", fixture->db, "--year", "2030",
                         "--need", "5000", NULL))
    return;

  bos_test_run_cli (&letters, fixture->db, "letters", "--db", fixture->db, "--plan", "2030",
                    "--out", out, "--combined", combined, "--requests", requests, "--date",
                    "2029-10-01", "--reference", "29/01234", "--contact", "Kari Nordmann",
                    "--signatory", "Ola Åsheim", "--sender", "IMDi Vest\\nPostboks 1\\n5000 Bergen",
                    NULL);
  g_assert_cmpint (letters.status, ==, 0);
  g_assert_cmpstr (letters.out, ==, "letters=3 nb=2 nn=1\n");
  g_assert_true (g_file_test (tonsberg, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (voss, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (combined, G_FILE_TEST_IS_REGULAR));

  text = pdf_text (tonsberg);
  if (text != NULL)
    {
      bos_test_assert_contains (text, "IMDi Vest Postboks 1 5000 Bergen");
      bos_test_assert_contains (text, "Tønsberg kommune");
      bos_test_assert_contains (text, "bosette 59 flyktninger i 2030, hvorav 5 enslige mindreårige");
      bos_test_assert_contains (text, "Vår dato: 1. oktober 2029");
      bos_test_assert_contains (text, "innen 31. desember 2029");
      bos_test_assert_contains (text, "Vår referanse: 29/01234");
      voss_text = pdf_text (voss);
      bos_test_assert_contains (voss_text, "Oppmoding om busetjing av flyktningar i 2030");
    }

  /* Sent: the letters are frozen. Made again with other numbers, the sent
   * letter keeps what was sent. */
  bos_test_run_cli (&sent, fixture->db, "letters", "--db", fixture->db, "--plan", "2030", "--out",
                    out, "--requests", requests, "--date", "2029-10-01", "--mark-sent",
                    "2029-10-02", NULL);
  g_assert_cmpint (sent.status, ==, 0);
  bos_test_run_cli (&resend, fixture->db, "letters", "--db", fixture->db, "--plan", "2030", "--out",
                    out, "--requests", changed, NULL);
  g_assert_cmpint (resend.status, ==, 0);
  after = pdf_text (tonsberg);
  if (after != NULL)
    {
      bos_test_assert_contains (after, "bosette 59 flyktninger i 2030");
      g_assert_null (strstr (after, "99 flyktninger"));
    }

  /* Without --requests: the plan's proposed requests (its chosen
   * scenario), every municipality asked for more than 0; the sent letter
   * still as it was sent. */
  bos_test_run_cli (&proposed, fixture->db, "letters", "--db", fixture->db, "--plan", "2030",
                    "--out", proposed_out, NULL);
  g_assert_cmpint (proposed.status, ==, 0);
  g_assert_true (g_str_has_prefix (proposed.out, "letters="));
  g_assert_cmpint (g_ascii_strtoll (proposed.out + strlen ("letters="), NULL, 10), >, 100);
  proposed_text = pdf_text (proposed_tonsberg);
  if (proposed_text != NULL)
    bos_test_assert_contains (proposed_text, "bosette 59 flyktninger i 2030");
  bos_test_run_cli (&no_out, fixture->db, "letters", "--db", fixture->db, "--plan", "2030",
                    "--requests", requests, NULL);
  g_assert_cmpint (no_out.status, ==, 2);
  bos_test_assert_contains (no_out.err, "--out is required");
  bos_test_run_cli (&bad_date, fixture->db, "letters", "--db", fixture->db, "--plan", "2030",
                    "--out", out, "--requests", requests, "--deadline", "2029-02-30", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  bos_test_assert_contains (bad_date.err, "28 days");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, bos_test_folder_set_up, func, bos_test_folder_tear_down)
  ADD ("/cli/forecast", test_forecast);
  ADD ("/cli/decisions", test_decisions);
  ADD ("/cli/letters", test_letters);
#undef ADD

  return g_test_run ();
}
