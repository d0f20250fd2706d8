/* bos-cli-minutes.c: `bosetting-cli minutes`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bos-cli"

#include "config.h"

#include "bos-cli.h"
#include "bos-cli-minutes.h"
#include "bos-minutes.h"

#define DB_OPTION_HELP "The database (default: $BOSETTING_DB or the embedded default)"

/**
 * bos_cli_minutes:
 *
 * `bosetting-cli minutes --meeting ID --out FILE.pdf [--db PATH]`: writes
 * the minutes of a collaboration meeting (an activity id, as
 * `calendar --ics` shows them in the UIDs) as PDF.
 */
int
bos_cli_minutes (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosMinutes) minutes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *meeting_id = NULL;
  g_autofree char *out_path = NULL;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { "meeting", 0, 0, G_OPTION_ARG_STRING, &meeting_id,
      "The meeting: its activity id, activity:UUID (required)", "ID" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, "The PDF file to write (required)",
      "FILE.pdf" },
    { NULL }
  };

  context = g_option_context_new ("- the minutes of a collaboration meeting as PDF");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Writes the minutes (participants, agenda, proposed and agreed\n"
                                    "numbers per municipality, the county total, notes) as an A4 PDF.\n"
                                    "An existing file is replaced whole.\n");
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("minutes", "unexpected argument “%s”", argv[1]);
  if (meeting_id == NULL)
    return bos_cli_usage_error ("minutes", "--meeting ID is needed");
  if (out_path == NULL)
    return bos_cli_usage_error ("minutes", "--out FILE.pdf is needed");

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL)
    return bos_cli_fail (error);

  minutes = bos_minutes_new_for_id (store, meeting_id, &error);
  if (minutes == NULL || !bos_minutes_write_pdf (minutes, out_path, &error))
    return bos_cli_fail (error);

  g_print ("%s: %u %s\n", out_path, bos_minutes_get_n_pages (minutes),
           bos_minutes_get_n_pages (minutes) == 1 ? "page" : "pages");
  return BOS_CLI_EXIT_OK;
}
