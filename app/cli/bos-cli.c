/* bos-cli.c: bosetting-cli, the core from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every subcommand takes --db PATH (default: $BOSETTING_DB, then the
 * embedded default database), prints its result on stdout and errors on
 * stderr, and exits 0 on success, 1 on failure and 2 on a usage error.
 */
#define G_LOG_DOMAIN "bos-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-cli.h"
#include "bos-cli-calendar.h"
#include "bos-cli-decisions.h"
#include "bos-cli-letters.h"
#include "bos-cli-import.h"
#include "bos-cli-minutes.h"
#include "bos-cli-simulate.h"
#include "bos-cli-sync.h"
#include "bos-error.h"
#include "bos-plan.h"

typedef int (*BosCliCommand) (int argc, char **argv);

int
bos_cli_fail (GError *error)
{
  g_printerr ("bosetting-cli: %s\n", error->message);
  return BOS_CLI_EXIT_FAILURE;
}

int
bos_cli_usage_error (const char *command,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("bosetting-cli %s: %s\nTry “bosetting-cli %s --help”.\n", command, message, command);
  return BOS_CLI_EXIT_USAGE;
}

/**
 * bos_cli_open_store:
 * @db_path: (nullable): from --db, or %NULL for the default
 *
 * Opens (and, when new, seeds) the database the command works on.
 */
BosStore *
bos_cli_open_store (const char  *db_path,
                    GError     **error)
{
  g_autofree char *path = db_path ? g_strdup (db_path) : bos_store_default_path ();

  return bos_store_open (path, BOS_STORE_OPEN_SEED, error);
}

/* Parses options; on failure prints the error and sets @exit_code. */
gboolean
bos_cli_parse (GOptionContext   *context,
               int              *argc,
               char           ***argv,
               int              *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("bosetting-cli: %s\n", error->message);
      *exit_code = BOS_CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

/* Appends @value as an RFC 4180 field: quoted when it holds a comma, a
 * quote or a line break. */
void
bos_cli_print_csv_field (GString    *out,
                         const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static int
cli_info (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  const char * const *tables;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The database (default: $BOSETTING_DB or the embedded default)", "PATH" },
    { NULL }
  };

  context = g_option_context_new ("- counts per table");
  g_option_context_set_summary (context, "Prints one “name: count” line per table of the database.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("info", "unexpected argument “%s”", argv[1]);

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL)
    return bos_cli_fail (error);

  g_print ("database: %s\n", bos_store_get_path (store));
  g_print ("schema_version: %d\n", bos_store_get_schema_version (store));
  tables = bos_store_table_names ();
  for (guint i = 0; tables[i] != NULL; i++)
    {
      gint64 count = bos_store_count (store, tables[i], &error);
      const char *name = tables[i];

      if (count < 0)
        return bos_cli_fail (error);
      /* Plural names read better and are what scripts grep for. */
      if (g_str_equal (name, "county"))
        name = "counties";
      else if (g_str_equal (name, "municipality"))
        name = "municipalities";
      else if (g_str_equal (name, "plan"))
        name = "plans";
      else if (g_str_equal (name, "activity"))
        name = "activities";
      g_print ("%s: %" G_GINT64_FORMAT "\n", name, count);
    }
  return BOS_CLI_EXIT_OK;
}

static int
cli_plan_new (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *county = NULL;
  int year = G_MININT, need = G_MININT, minors = 0, resettlement = 0;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The database (default: $BOSETTING_DB or the embedded default)", "PATH" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The plan year (required)", "YEAR" },
    { "need", 0, 0, G_OPTION_ARG_INT, &need, "The settlement need in persons (required)", "N" },
    { "minors", 0, 0, G_OPTION_ARG_INT, &minors, "Of which unaccompanied minors (default 0)", "N" },
    { "resettlement", 0, 0, G_OPTION_ARG_INT, &resettlement, "Of which resettlement refugees (default 0)", "N" },
    { "county", 0, 0, G_OPTION_ARG_STRING, &county, "A county plan for this county number instead of a national plan", "CODE" },
    { NULL }
  };

  context = g_option_context_new ("- create a plan");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("plan new", "unexpected argument “%s”", argv[1]);
  if (year == G_MININT)
    return bos_cli_usage_error ("plan new", "--year is required");
  if (need == G_MININT)
    return bos_cli_usage_error ("plan new", "--need is required");

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL)
    return bos_cli_fail (error);

  plan = bos_plan_create (store, year, county ? county : BOS_PLAN_SCOPE_NATIONAL,
                          need, minors, resettlement, FALSE, &error);
  if (plan == NULL)
    return bos_cli_fail (error);

  g_print ("%s\n", bos_plan_get_id (plan));
  return BOS_CLI_EXIT_OK;
}

static int
cli_plan_list (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The database (default: $BOSETTING_DB or the embedded default)", "PATH" },
    { NULL }
  };

  context = g_option_context_new ("- list the plans");
  g_option_context_set_summary (context,
                                "Prints CSV: id,year,scope,need,minors,resettlement,status,demo");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("plan list", "unexpected argument “%s”", argv[1]);

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL)
    return bos_cli_fail (error);
  plans = bos_plan_list (store, &error);
  if (plans == NULL)
    return bos_cli_fail (error);

  g_print ("id,year,scope,need,minors,resettlement,status,demo\n");
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(BosPlan) plan = g_list_model_get_item (plans, i);

      g_print ("%s,%d,%s,%d,%d,%d,%s,%s\n",
               bos_plan_get_id (plan), bos_plan_get_year (plan), bos_plan_get_scope (plan),
               bos_plan_get_need (plan), bos_plan_get_minors (plan),
               bos_plan_get_resettlement (plan), bos_plan_get_status (plan),
               bos_plan_get_is_demo (plan) ? "yes" : "no");
    }
  return BOS_CLI_EXIT_OK;
}

static int
cli_plan (int    argc,
          char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "new"))
    return cli_plan_new (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return cli_plan_list (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("Usage: bosetting-cli plan new --year YEAR --need N [--minors N] [--resettlement N] [--db PATH]\n"
               "       bosetting-cli plan list [--db PATH]\n");
      return BOS_CLI_EXIT_OK;
    }
  return bos_cli_usage_error ("plan", "expected “new” or “list”");
}

static const struct {
  const char    *name;
  BosCliCommand  run;
  const char    *summary;
} commands[] = {
  { "info", cli_info, "counts per table of the database" },
  { "plan", cli_plan, "create and list plans (plan new, plan list)" },
  { "import", bos_cli_import, "import municipalities, IMDi statistics, history or indicators (CSV)" },
  { "history", bos_cli_history, "a municipality's settlement history as CSV, former codes included" },
  { "calendar", bos_cli_calendar, "a plan's yearly calendar as CSV or iCalendar; import .ics" },
  { "simulate", bos_cli_simulate, "distribute a scenario file's or a stored plan's need (CSV or JSON)" },
  { "decisions", bos_cli_decisions, "import, list and sum up the municipalities' decisions" },
  { "forecast", bos_cli_forecast, "forecast the decisions on a year's requests (Monte Carlo)" },
  { "letters", bos_cli_letters, "write the request letters as PDF, one per municipality" },
  { "sync", bos_cli_sync, "sync the database with a CouchDB server (sync --server URL --database NAME)" },
  { "minutes", bos_cli_minutes, "the minutes of a collaboration meeting as PDF (--meeting ID --out FILE)" },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "Usage: bosetting-cli COMMAND [OPTIONS…]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (stream, "\nEvery command takes --db PATH and --help.\n");
}

int
bos_cli_run (int    argc,
             char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (argc < 2)
    {
      print_usage (stderr);
      return BOS_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return BOS_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("bosetting-cli %s\n", PACKAGE_VERSION);
      return BOS_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr ("bosetting-cli: unknown command “%s”\n\n", argv[1]);
  print_usage (stderr);
  return BOS_CLI_EXIT_USAGE;
}
