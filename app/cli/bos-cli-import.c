/* bos-cli-import.c: `bosetting-cli import` and `bosetting-cli history`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bos-cli"

#include "config.h"

#include <stdio.h>

#include "bos-cli.h"
#include "bos-cli-import.h"
#include "bos-history.h"
#include "bos-import.h"
#include "bos-indicator.h"

#define DB_OPTION_HELP "The database (default: $BOSETTING_DB or the embedded default)"

/**
 * bos_cli_import:
 *
 * `bosetting-cli import KIND FILE [--db PATH] [--year YEAR]`: imports FILE in
 * one transaction and prints `read=N inserted=N updated=N unchanged=N skipped=N`.
 * Indicators (`code,indicator,value`) are for the plan year given by --year.
 */
int
bos_cli_import (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  BosImportStats stats = { 0 };
  BosImportKind kind = BOS_IMPORT_MUNICIPALITIES;
  gboolean indicators;
  int exit_code = 0;
  int year = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The plan year of the indicators (indicators only)",
      "YEAR" },
    { NULL }
  };

  context = g_option_context_new ("KIND FILE - import reference data or IMDi statistics");
  g_option_context_set_summary (context,
                                "KIND is one of:\n"
                                "  municipalities   municipalities, counties and population "
                                "(the layout of data/municipalities.csv)\n"
                                "  imdi             IMDi's “bosatt og anmodede” CSV download "
                                "(“;”-separated, ISO-8859-1 or UTF-8)\n"
                                "  history          the normalised settlement history "
                                "(year,code,name,kind,persons,status)\n"
                                "  code-history     the municipality code history\n"
                                "  immigrant-share  the immigrant share per municipality\n"
                                "  indicators       indicators of a plan year for the distribution "
                                "criteria,\n"
                                "                   code,indicator,value (one row per municipality "
                                "and indicator);\n"
                                "                   needs --year YEAR\n"
                                "\n"
                                "The whole file is imported or, on the first error, nothing. "
                                "Importing a file again changes nothing.\n"
                                "Prints: read=N inserted=N updated=N unchanged=N skipped=N");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 3)
    return bos_cli_usage_error ("import", "expected KIND and FILE");
  if (argc > 3)
    return bos_cli_usage_error ("import", "unexpected argument “%s”", argv[3]);
  indicators = g_str_equal (argv[1], "indicators");
  if (!indicators && !bos_import_kind_from_string (argv[1], &kind))
    return bos_cli_usage_error ("import",
                                "unknown kind “%s”; expected municipalities, imdi, history, "
                                "code-history, immigrant-share or indicators", argv[1]);
  if (indicators && year == 0)
    return bos_cli_usage_error ("import", "indicators need the plan year: --year YEAR");
  if (!indicators && year != 0)
    return bos_cli_usage_error ("import", "--year is for indicators only");

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL)
    return bos_cli_fail (error);

  if (indicators ? !bos_indicator_import_file (store, year, argv[2], &stats, &error)
                 : !bos_import_file (store, kind, argv[2], &stats, &error))
    return bos_cli_fail (error);

  g_print ("read=%u inserted=%u updated=%u unchanged=%u skipped=%u\n",
           stats.rows_read, stats.rows_inserted, stats.rows_updated,
           stats.rows_unchanged, stats.rows_skipped);
  return BOS_CLI_EXIT_OK;
}

/**
 * bos_cli_history:
 *
 * `bosetting-cli history CODE [--db PATH]`: the settlement history of
 * today's municipality CODE as CSV `year,kind,persons,status,source_code`,
 * figures recorded under its former codes included (persons empty unless
 * the status is ok; a split former municipality's figure apportioned).
 */
int
bos_cli_history (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries_found = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *db_path = NULL;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { NULL }
  };

  context = g_option_context_new ("CODE - a municipality's settlement history");
  g_option_context_set_summary (context,
                                "Prints CSV: year,kind,persons,status,source_code for today's "
                                "municipality CODE,\nfigures recorded under its former codes "
                                "included. persons is empty unless status is ok.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return bos_cli_usage_error ("history", "expected a municipality number, e.g. 3101");
  if (argc > 2)
    return bos_cli_usage_error ("history", "unexpected argument “%s”", argv[2]);

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL)
    return bos_cli_fail (error);

  entries_found = bos_history_for_municipality (store, argv[1], &error);
  if (entries_found == NULL)
    return bos_cli_fail (error);

  out = g_string_new ("year,kind,persons,status,source_code\n");
  for (guint i = 0; i < entries_found->len; i++)
    {
      const BosHistoryEntry *entry = &g_array_index (entries_found, BosHistoryEntry, i);

      g_string_append_printf (out, "%d,%s,", entry->year, bos_history_kind_to_string (entry->kind));
      if (entry->status == BOS_HISTORY_OK)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, entry->persons);
      g_string_append_printf (out, ",%s,", bos_history_status_to_string (entry->status));
      bos_cli_print_csv_field (out, entry->source_code);
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
  return BOS_CLI_EXIT_OK;
}
