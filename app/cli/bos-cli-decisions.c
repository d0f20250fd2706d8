/* bos-cli-decisions.c: `bosetting-cli decisions` and `bosetting-cli forecast`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bosetting-cli decisions import --plan YEAR FILE.csv
 *   bosetting-cli decisions list --plan YEAR
 *   bosetting-cli decisions coverage --plan YEAR --requests FILE.csv [--deadline D] [--today D]
 *   bosetting-cli forecast --year YEAR --requests FILE.csv [--draws N] [--seed S] [--need N]
 *
 * Numbers are printed with a full stop as decimal separator whatever the
 * locale, so the CSV stays CSV.
 */
#define G_LOG_DOMAIN "bos-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bos-cli.h"
#include "bos-cli-decisions.h"
#include "bos-date.h"
#include "bos-decision.h"
#include "bos-error.h"
#include "bos-forecast.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"
#include "bos-requests.h"

#define DB_OPTION_HELP "The database (default: $BOSETTING_DB or the embedded default)"
#define PLAN_OPTION_HELP "The plan: a year (its national plan) or a plan id such as plan:2027:46"

char *
bos_cli_plan_id_option (const char *command,
                        const char *value)
{
  guint64 year;

  if (value == NULL)
    {
      bos_cli_usage_error (command, "--plan is required");
      return NULL;
    }
  if (g_str_has_prefix (value, "plan:"))
    return g_strdup (value);
  if (!g_ascii_string_to_unsigned (value, 10, 1990, 2200, &year, NULL))
    {
      bos_cli_usage_error (command, "--plan must be a year (1990–2200) or a plan id, not “%s”",
                           value);
      return NULL;
    }
  return bos_plan_make_id ((int) year, BOS_PLAN_SCOPE_NATIONAL);
}

/* "12.3" whatever the locale */
static void
append_double (GString    *out,
               const char *format,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static gboolean
parse_date_option (const char  *name,
                   const char  *value,
                   GDate       *date,
                   GError     **error)
{
  if (!bos_date_parse (value, date, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  return TRUE;
}

/* ---- decisions ----------------------------------------------------------- */

static int
decisions_import (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *plan_id = NULL;
  BosImportStats stats = { 0 };
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan, PLAN_OPTION_HELP, "YEAR" },
    { NULL }
  };

  context = g_option_context_new ("FILE.csv - import the municipalities' decisions");
  g_option_context_set_summary (context,
                                "FILE has the header code,persons,minors,date,reference (and "
                                "optionally ,note):\ntoday's municipality number, the persons "
                                "decided, of which unaccompanied minors\n(empty: 0), the date "
                                "of the decision (YYYY-MM-DD or D.M.YYYY, empty: not known)\nand "
                                "the council case reference.\n"
                                "\n"
                                "The whole file is imported or, on the first error, nothing. "
                                "Importing a file again changes nothing.\n"
                                "Prints: read=N inserted=N updated=N unchanged=N");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return bos_cli_usage_error ("decisions import", "expected FILE.csv");
  if (argc > 2)
    return bos_cli_usage_error ("decisions import", "unexpected argument “%s”", argv[2]);
  plan_id = bos_cli_plan_id_option ("decisions import", plan);
  if (plan_id == NULL)
    return BOS_CLI_EXIT_USAGE;

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL ||
      !bos_decision_import_file (store, plan_id, argv[1], &stats, &error))
    return bos_cli_fail (error);

  g_print ("read=%u inserted=%u updated=%u unchanged=%u\n",
           stats.rows_read, stats.rows_inserted, stats.rows_updated, stats.rows_unchanged);
  return BOS_CLI_EXIT_OK;
}

static int
decisions_list (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) decisions = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *plan_id = NULL;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan, PLAN_OPTION_HELP, "YEAR" },
    { NULL }
  };

  context = g_option_context_new ("- the decisions registered for a plan");
  g_option_context_set_summary (context,
                                "Prints CSV: code,persons,minors,date,reference,note (code order)");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("decisions list", "unexpected argument “%s”", argv[1]);
  plan_id = bos_cli_plan_id_option ("decisions list", plan);
  if (plan_id == NULL)
    return BOS_CLI_EXIT_USAGE;

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL || (decisions = bos_decision_list (store, plan_id, &error)) == NULL)
    return bos_cli_fail (error);

  out = g_string_new ("code,persons,minors,date,reference,note\n");
  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr(BosDecision) decision = g_list_model_get_item (decisions, i);

      g_string_append_printf (out, "%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%s,",
                              bos_decision_get_code (decision), bos_decision_get_persons (decision),
                              bos_decision_get_minors (decision),
                              bos_decision_get_decided_on (decision) ? bos_decision_get_decided_on (decision) : "");
      bos_cli_print_csv_field (out, bos_decision_get_reference (decision));
      g_string_append_c (out, ',');
      bos_cli_print_csv_field (out, bos_decision_get_note (decision));
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
  return BOS_CLI_EXIT_OK;
}

static int
decisions_coverage (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(BosCoverage) coverage = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *requests_path = NULL;
  g_autofree char *deadline_text = NULL;
  g_autofree char *today_text = NULL;
  GDate deadline, today;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan, PLAN_OPTION_HELP, "YEAR" },
    { "requests", 0, 0, G_OPTION_ARG_FILENAME, &requests_path, "The requests: CSV code,request[,minors] (required)", "FILE.csv" },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline_text, "The answer deadline (default: the plan's answer_deadline activity)", "DATE" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, "The date to judge overdue answers by (default: today)", "DATE" },
    { NULL }
  };

  context = g_option_context_new ("- how much of the need the decisions cover");
  g_option_context_set_summary (context,
                                "Prints CSV per county: county,requested,decided,municipalities,"
                                "answered,outstanding,overdue,late\nthen a summary line: need=N "
                                "requested=N decided=N coverage=F outstanding=N overdue=N late=N "
                                "deadline=DATE|none");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("decisions coverage", "unexpected argument “%s”", argv[1]);
  plan_id = bos_cli_plan_id_option ("decisions coverage", plan);
  if (plan_id == NULL)
    return BOS_CLI_EXIT_USAGE;
  if (requests_path == NULL)
    return bos_cli_usage_error ("decisions coverage", "--requests is required");
  if (deadline_text != NULL && !parse_date_option ("--deadline", deadline_text, &deadline, &error))
    return bos_cli_usage_error ("decisions coverage", "%s", error->message);
  if (today_text != NULL)
    {
      if (!parse_date_option ("--today", today_text, &today, &error))
        return bos_cli_usage_error ("decisions coverage", "%s", error->message);
    }
  else
    bos_date_set_today (&today);

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL ||
      (index = bos_municipality_index_load (store, &error)) == NULL ||
      (requests = bos_requests_load_file (index, requests_path, &error)) == NULL ||
      (coverage = bos_decision_coverage (store, plan_id, requests,
                                         deadline_text ? &deadline : NULL, &today, &error)) == NULL)
    return bos_cli_fail (error);

  out = g_string_new ("county,requested,decided,municipalities,answered,outstanding,overdue,late\n");
  for (guint i = 0; i < coverage->counties->len; i++)
    {
      const BosCoverageTotals *t = &g_array_index (coverage->counties, BosCoverageTotals, i);

      g_string_append_printf (out, "%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%u,%u,%u,%u\n",
                              t->county_code, t->request, t->decided, t->n_requested, t->n_decided,
                              t->n_outstanding, t->n_overdue, t->n_late);
    }
  g_string_append_printf (out, "need=%" G_GINT64_FORMAT " requested=%" G_GINT64_FORMAT
                          " decided=%" G_GINT64_FORMAT " coverage=",
                          coverage->need, coverage->national.request, coverage->national.decided);
  if (isnan (coverage->coverage))
    g_string_append (out, "none");
  else
    append_double (out, "%.3f", coverage->coverage);
  g_string_append_printf (out, " outstanding=%u overdue=%u late=%u deadline=",
                          coverage->national.n_outstanding, coverage->national.n_overdue,
                          coverage->national.n_late);
  if (coverage->has_deadline)
    {
      g_autofree char *iso = bos_date_to_iso (&coverage->deadline);

      g_string_append (out, iso);
    }
  else
    g_string_append (out, "none");
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);
  return BOS_CLI_EXIT_OK;
}

/**
 * bos_cli_decisions:
 *
 * `bosetting-cli decisions import|list|coverage …`
 */
int
bos_cli_decisions (int    argc,
                   char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return decisions_import (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return decisions_list (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "coverage"))
    return decisions_coverage (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("Usage: bosetting-cli decisions import --plan YEAR FILE.csv [--db PATH]\n"
               "       bosetting-cli decisions list --plan YEAR [--db PATH]\n"
               "       bosetting-cli decisions coverage --plan YEAR --requests FILE.csv "
               "[--deadline DATE] [--today DATE] [--db PATH]\n");
      return BOS_CLI_EXIT_OK;
    }
  return bos_cli_usage_error ("decisions", "expected “import”, “list” or “coverage”");
}

/* ---- forecast ------------------------------------------------------------ */

/**
 * bos_cli_forecast:
 *
 * `bosetting-cli forecast --year YEAR --requests FILE.csv [--draws N]
 * [--seed S] [--need N]`: CSV code,request,expected,p10,p90 per
 * municipality of FILE in code order (expected with one decimal, the
 * percentiles whole persons), then
 * `total_expected=X p10=N p90=N p_cover=P need=N uplift=U|none`; with
 * --counties one line per county with requests:
 * `county=CODE need=N expected=X shortfall=X p_cover=P` (need = the
 * county's requests, shortfall = E[max (0, need − decisions)]).
 */
int
bos_cli_forecast (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(BosForecastResult) result = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *requests_path = NULL;
  g_autofree char *summary = NULL;
  BosForecastOptions options;
  gint64 need = -1, seed = 1;
  gboolean counties = FALSE;
  int year = G_MININT, draws = 10000;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The year of the requests; only history before it is used (required)", "YEAR" },
    { "requests", 0, 0, G_OPTION_ARG_FILENAME, &requests_path, "CSV code,request with today's municipality numbers (required)", "FILE.csv" },
    { "draws", 0, 0, G_OPTION_ARG_INT, &draws, "Monte Carlo draws (default 10000, 100–100000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed; the same seed gives the same output (default 1)", "S" },
    { "need", 0, 0, G_OPTION_ARG_INT64, &need, "The need to cover (default: the sum of the requests)", "N" },
    { "counties", 0, 0, G_OPTION_ARG_NONE, &counties, "Also one line per county: county=CODE need=N expected=X shortfall=X p_cover=P", NULL },
    { NULL }
  };

  bos_forecast_options_init (&options);
  summary = g_strconcat ("Prints CSV code,request,expected,p10,p90 for each municipality of "
                         "FILE in code order\n(expected decision with one decimal; 10th and "
                         "90th percentiles in whole persons),\nthen one line:\n"
                         "  total_expected=X p10=N p90=N p_cover=P need=N uplift=U\n"
                         "p_cover is the probability that the decisions add up to the need at "
                         "least; uplift\nis the smallest factor on every request that makes "
                         "that probability 80 % (none\nwhen even 10.00 is not enough).\n\n",
                         bos_forecast_get_help (), NULL);

  context = g_option_context_new ("- forecast the decisions on a year's requests");
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("forecast", "unexpected argument “%s”", argv[1]);
  if (year == G_MININT)
    return bos_cli_usage_error ("forecast", "--year is required");
  if (year < 1996 || year > 2200)
    return bos_cli_usage_error ("forecast", "--year must be between 1996 and 2200, not %d", year);
  if (requests_path == NULL)
    return bos_cli_usage_error ("forecast", "--requests is required");
  if (draws < BOS_FORECAST_MIN_DRAWS || draws > BOS_FORECAST_MAX_DRAWS)
    return bos_cli_usage_error ("forecast", "--draws must be between %d and %d, not %d",
                                BOS_FORECAST_MIN_DRAWS, BOS_FORECAST_MAX_DRAWS, draws);
  if (seed < 0)
    return bos_cli_usage_error ("forecast", "--seed must be 0 or more");
  if (need < -1)
    return bos_cli_usage_error ("forecast", "--need must be 0 or more");
  options.n_draws = (guint) draws;
  options.seed = (guint64) seed;

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL ||
      (index = bos_municipality_index_load (store, &error)) == NULL ||
      (requests = bos_requests_load_file (index, requests_path, &error)) == NULL ||
      (result = bos_forecast_run (store, year, requests, need, &options, &error)) == NULL)
    return bos_cli_fail (error);

  out = g_string_new ("code,request,expected,p10,p90\n");
  for (guint i = 0; i < result->municipalities->len; i++)
    {
      const BosForecastMunicipality *row =
        &g_array_index (result->municipalities, BosForecastMunicipality, i);

      g_string_append_printf (out, "%s,%" G_GINT64_FORMAT ",", row->code, row->request);
      append_double (out, "%.1f", row->expected);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\n",
                              row->p10, row->p90);
    }
  g_string_append (out, "total_expected=");
  append_double (out, "%.1f", result->total_expected);
  g_string_append_printf (out, " p10=%" G_GINT64_FORMAT " p90=%" G_GINT64_FORMAT " p_cover=",
                          result->total_p10, result->total_p90);
  append_double (out, "%.3f", result->p_cover);
  g_string_append_printf (out, " need=%" G_GINT64_FORMAT " uplift=", result->need);
  if (isnan (result->uplift))
    g_string_append (out, "none");
  else
    append_double (out, "%.2f", result->uplift);
  g_string_append_c (out, '\n');

  /* Per county the need is the sum of its requests. */
  for (guint i = 0; counties && i < result->counties->len; i++)
    {
      const BosForecastCounty *county = &g_array_index (result->counties, BosForecastCounty, i);

      if (county->request == 0)
        continue;
      g_string_append_printf (out, "county=%s need=%" G_GINT64_FORMAT " expected=",
                              county->county_code, county->need);
      append_double (out, "%.1f", county->expected);
      g_string_append (out, " shortfall=");
      append_double (out, "%.1f", county->expected_shortfall);
      g_string_append (out, " p_cover=");
      append_double (out, "%.3f", county->p_cover);
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
  return BOS_CLI_EXIT_OK;
}
