/* bos-cli-simulate.c: bosetting-cli simulate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bosetting-cli simulate FILE.json [--format csv|json]
 *   bosetting-cli simulate --db DB --plan YEAR [--county NN] [--scenario NAME]
 *                          [--format csv|json]
 *
 * Runs the distribution of distribution.md on a scenario file and prints
 * one row per municipality in code order: CSV with the header
 * code,name,county,request,ema_request,reason (the default), or JSON with
 * the score and the quota as well. With --plan it runs a stored plan's
 * scenario (the chosen one unless --scenario names another) on the plan's
 * need and today's figures (bos-plan-scenario.h). Option parsing is kept apart from
 * bos_cli_simulate_run_scenario(), which any source of a scenario can use.
 */
#define G_LOG_DOMAIN "bos-cli-simulate"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bos-cli.h"
#include "bos-cli-simulate.h"
#include "bos-error.h"
#include "bos-plan.h"
#include "bos-plan-scenario.h"

typedef struct
{
  char              *file;
  BosSimulateFormat  format;
  char              *db_path;
  int                plan_year;    /* 0: a scenario file */
  char              *county;       /* NULL: the national plan */
  char              *scenario;     /* NULL: the chosen one */
} SimulateOptions;

static void
simulate_options_clear (SimulateOptions *options)
{
  g_clear_pointer (&options->file, g_free);
  g_clear_pointer (&options->db_path, g_free);
  g_clear_pointer (&options->county, g_free);
  g_clear_pointer (&options->scenario, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SimulateOptions, simulate_options_clear)

/* Returns -1 when the command line is fine, else the exit code. */
static int
parse_options (int              argc,
               char           **argv,
               SimulateOptions *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *format = NULL;
  int exit_code = BOS_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "Output format: csv (default) or json", "FORMAT" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path,
      "The database (default: $BOSETTING_DB or the embedded default); with --plan", "PATH" },
    { "plan", 0, 0, G_OPTION_ARG_INT, &options->plan_year,
      "Run a stored plan's scenario instead of a file: the plan's year", "YEAR" },
    { "county", 0, 0, G_OPTION_ARG_STRING, &options->county,
      "With --plan: the county plan of county NN (default: the national plan)", "NN" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &options->scenario,
      "With --plan: the scenario's name (default: the plan's chosen scenario)", "NAME" },
    { NULL }
  };

  context = g_option_context_new ("[FILE.json] - distribute a scenario's need");
  g_option_context_set_summary (context,
                                "Runs the distribution method on a scenario file and prints one row per\n"
                                "municipality in code order. CSV columns:\n"
                                "  code,name,county,request,ema_request,reason\n"
                                "JSON adds each municipality's score, quota and constraint, and the\n"
                                "county totals in two-stage mode.\n"
                                "\n"
                                "With --plan YEAR, runs a stored plan's scenario (the chosen one, or\n"
                                "--scenario NAME) on the plan's need and today's reference figures.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  if (format == NULL || g_str_equal (format, "csv"))
    options->format = BOS_SIMULATE_FORMAT_CSV;
  else if (g_str_equal (format, "json"))
    options->format = BOS_SIMULATE_FORMAT_JSON;
  else
    return bos_cli_usage_error ("simulate", "--format must be “csv” or “json”, not “%s”", format);

  if (options->plan_year != 0)
    {
      if (argc > 1)
        return bos_cli_usage_error ("simulate", "give a scenario file or --plan, not both");
      return -1;
    }
  if (options->db_path != NULL || options->county != NULL || options->scenario != NULL)
    return bos_cli_usage_error ("simulate", "--db, --county and --scenario go with --plan YEAR");
  if (argc < 2)
    return bos_cli_usage_error ("simulate", "a scenario file is needed (or --plan YEAR)");
  if (argc > 2)
    return bos_cli_usage_error ("simulate", "unexpected argument “%s”", argv[2]);
  options->file = g_strdup (argv[1]);
  return -1;
}

static int
compare_by_code (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const BosApportionInput *input = user_data;
  const BosMunicipalityInput *x = g_ptr_array_index (input->municipalities, *(const guint *) a);
  const BosMunicipalityInput *y = g_ptr_array_index (input->municipalities, *(const guint *) b);

  return strcmp (x->code, y->code);
}

static guint *
code_order (const BosApportionInput *input)
{
  guint n = input->municipalities->len;
  guint *order = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof (guint), compare_by_code, (gpointer) input);
  return order;
}

char *
bos_cli_simulate_format_csv (const BosApportionInput  *input,
                             const BosApportionResult *result)
{
  g_autofree guint *order = NULL;
  GString *out;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (result->n_municipalities == input->municipalities->len, NULL);

  order = code_order (input);
  out = g_string_new ("code,name,county,request,ema_request,reason\n");
  for (guint j = 0; j < result->n_municipalities; j++)
    {
      guint i = order[j];
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);
      const BosMunicipalityResult *r = &result->municipalities[i];

      bos_cli_print_csv_field (out, m->code);
      g_string_append_c (out, ',');
      bos_cli_print_csv_field (out, m->name);
      g_string_append_c (out, ',');
      bos_cli_print_csv_field (out, m->county);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",",
                              r->request, r->ema_request);
      bos_cli_print_csv_field (out, r->reason);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text ? text : ""; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as @x, or null */
static void
append_json_number (GString *out,
                    double   x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (x))
    {
      g_string_append (out, "null");
      return;
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, x);
      if (g_ascii_strtod (buf, NULL) == x)
        break;
    }
  g_string_append (out, buf);
}

char *
bos_cli_simulate_format_json (const BosScenario        *scenario,
                              const BosApportionResult *result)
{
  const BosApportionInput *input;
  g_autofree guint *order = NULL;
  GString *out;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);

  input = scenario->input;
  g_return_val_if_fail (result->n_municipalities == input->municipalities->len, NULL);

  order = code_order (input);
  out = g_string_new ("{\n  \"name\": ");
  append_json_string (out, scenario->name);
  g_string_append (out, ",\n  \"year\": ");
  if (scenario->year > 0)
    g_string_append_printf (out, "%d", scenario->year);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\n  \"need\": %" G_GINT64_FORMAT ",\n  \"ema_need\": %"
                          G_GINT64_FORMAT ",\n  \"by_county\": %s,\n",
                          result->need, result->ema_need, result->by_county ? "true" : "false");
  if (result->by_county)
    {
      g_string_append (out, "  \"counties\": [");
      for (guint c = 0; c < result->n_counties; c++)
        {
          const BosCountyResult *county = &result->counties[c];

          g_string_append (out, c == 0 ? "\n    {\"county\": " : ",\n    {\"county\": ");
          append_json_string (out, county->county);
          g_string_append_printf (out, ", \"population\": %" G_GINT64_FORMAT ", \"quota\": ",
                                  county->population);
          append_json_number (out, county->quota);
          g_string_append_printf (out, ", \"request\": %" G_GINT64_FORMAT
                                  ", \"ema_request\": %" G_GINT64_FORMAT "}",
                                  county->request, county->ema_request);
        }
      g_string_append (out, result->n_counties > 0 ? "\n  ],\n" : "],\n");
    }
  g_string_append (out, "  \"municipalities\": [");
  for (guint j = 0; j < result->n_municipalities; j++)
    {
      guint i = order[j];
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);
      const BosMunicipalityResult *r = &result->municipalities[i];

      g_string_append (out, j == 0 ? "\n    {\"code\": " : ",\n    {\"code\": ");
      append_json_string (out, m->code);
      g_string_append (out, ", \"name\": ");
      append_json_string (out, m->name);
      g_string_append (out, ", \"county\": ");
      append_json_string (out, m->county);
      g_string_append_printf (out, ", \"request\": %" G_GINT64_FORMAT
                              ", \"ema_request\": %" G_GINT64_FORMAT ", \"score\": ",
                              r->request, r->ema_request);
      append_json_number (out, r->score);
      g_string_append (out, ", \"quota\": ");
      append_json_number (out, r->quota);
      g_string_append (out, ", \"constraint\": ");
      append_json_string (out, bos_constraint_to_string (r->constraint));
      g_string_append (out, ", \"reason\": ");
      append_json_string (out, r->reason);
      g_string_append (out, "}");
    }
  g_string_append (out, result->n_municipalities > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}

int
bos_cli_simulate_run_scenario (const BosScenario *scenario,
                               const char        *source_name,
                               BosSimulateFormat  format)
{
  g_autoptr(BosApportionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (scenario != NULL, BOS_CLI_EXIT_FAILURE);
  g_return_val_if_fail (source_name != NULL, BOS_CLI_EXIT_FAILURE);

  result = bos_apportion_run (scenario->input, &error);
  if (result == NULL)
    {
      g_printerr ("bosetting-cli: %s: %s\n", source_name, error->message);
      return BOS_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < result->warnings->len; i++)
    g_printerr ("bosetting-cli: %s: warning: %s\n", source_name,
                (const char *) g_ptr_array_index (result->warnings, i));

  if (format == BOS_SIMULATE_FORMAT_JSON)
    text = bos_cli_simulate_format_json (scenario, result);
  else
    text = bos_cli_simulate_format_csv (scenario->input, result);
  if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr ("bosetting-cli: %s: cannot write the output\n", source_name);
      return BOS_CLI_EXIT_FAILURE;
    }
  return BOS_CLI_EXIT_OK;
}

/* --plan: the plan's chosen or named scenario, printed as a file's would be */
static int
simulate_plan (SimulateOptions *options)
{
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(BosPlanScenario) stored = NULL;
  g_autoptr(BosScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *source = NULL;

  store = bos_cli_open_store (options->db_path, &error);
  if (store == NULL)
    return bos_cli_fail (error);
  plan_id = bos_plan_make_id (options->plan_year,
                              options->county ? options->county : BOS_PLAN_SCOPE_NATIONAL);
  plan = bos_plan_load (store, plan_id, &error);
  if (plan == NULL)
    return bos_cli_fail (error);
  if (options->scenario != NULL)
    stored = bos_plan_scenario_find (store, plan_id, options->scenario, &error);
  else
    stored = bos_plan_load_chosen_scenario (store, plan_id, &error);
  if (stored == NULL)
    return bos_cli_fail (error);

  scenario = bos_plan_scenario_to_scenario (store, stored, &error);
  if (scenario == NULL)
    return bos_cli_fail (error);
  source = g_strdup_printf ("%s, scenario “%s”", plan_id, scenario->name);
  return bos_cli_simulate_run_scenario (scenario, source, options->format);
}

int
bos_cli_simulate (int    argc,
                  char **argv)
{
  g_auto(SimulateOptions) options = { NULL, BOS_SIMULATE_FORMAT_CSV, NULL, 0, NULL, NULL };
  g_autoptr(BosScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code;

  g_return_val_if_fail (argc >= 1 && argv != NULL, BOS_CLI_EXIT_USAGE);

  exit_code = parse_options (argc, argv, &options);
  if (exit_code >= 0)
    return exit_code;
  if (options.plan_year != 0)
    return simulate_plan (&options);

  scenario = bos_scenario_load_file (options.file, &error);
  if (scenario == NULL)
    return bos_cli_fail (error);
  return bos_cli_simulate_run_scenario (scenario, options.file, options.format);
}
