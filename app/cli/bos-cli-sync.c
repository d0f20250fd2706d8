/* bos-cli-sync.c: `bosetting-cli sync`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bosetting-cli sync --server URL --database NAME [--user NAME] [--db PATH]
 *
 * Syncs the database with a CouchDB server once (sync.md) for servers and
 * scripts. The password comes from $BOSETTING_PASSWORD or, when that is not
 * set, from the first line of standard input (without echo on a terminal);
 * it is never written anywhere. Prints one line per record that is not in
 * sync (conflict, refused, kept aside) and, always as the last line,
 * `pushed=N pulled=N conflicts=N` (conflicts: waiting for a decision after
 * the run). Exits 0 when everything is in sync, 1 when the sync failed or
 * something is left (the reason on standard error), 2 on a usage error.
 */
#define G_LOG_DOMAIN "bos-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bos-cli.h"
#include "bos-cli-sync.h"
#include "bos-sync-client.h"
#include "bos-sync-conflict.h"
#include "bos-sync-http.h"

#define DB_OPTION_HELP "The database (default: $BOSETTING_DB or the embedded default)"

/* One line from standard input, without echo when it is a terminal. */
static char *
read_password (const char *user)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[1024];
  char *line;

  if (tty)
    {
      fprintf (stderr, "Password for %s: ", user);
      fflush (stderr);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~ECHO;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
        }
      else
        tty = FALSE;
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fprintf (stderr, "\n");
    }
  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return line;
}

static void
print_figures (BosSyncResult *result)
{
  g_print ("pushed=%u pulled=%u conflicts=%u\n",
           result ? result->pushed : 0, result ? result->pulled : 0, result ? result->conflicts : 0);
}

/**
 * bos_cli_sync:
 *
 * `bosetting-cli sync`: see the top of this file.
 */
int
bos_cli_sync (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosSyncClient) client = NULL;
  g_autoptr(BosSyncResult) result = NULL;
  g_autoptr(GListModel) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *server = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  char *password = NULL;
  int timeout = BOS_SYNC_DEFAULT_TIMEOUT;
  int exit_code = 0;
  gboolean ok;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The CouchDB server (https://…; http only to localhost)", "URL" },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, "The database on the server", "NAME" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "The user name (password from $BOSETTING_PASSWORD or standard input)", "NAME" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Seconds to wait for an answer (default 30)", "SECONDS" },
    { NULL }
  };

  context = g_option_context_new ("- sync the database with a CouchDB server");
  g_option_context_set_summary (context,
                                "Sends this database's edits to the server and brings the server's "
                                "edits here.\n"
                                "With --user the password is read from $BOSETTING_PASSWORD, else from "
                                "the first line of standard input.\n"
                                "Last line: pushed=N pulled=N conflicts=N (conflicts waiting for a "
                                "decision in Bosetting).\n"
                                "Exit status 0 when everything is in sync.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("sync", "unexpected argument “%s”", argv[1]);
  if (server == NULL)
    return bos_cli_usage_error ("sync", "--server is required");
  if (database == NULL)
    return bos_cli_usage_error ("sync", "--database is required");
  if (timeout <= 0)
    return bos_cli_usage_error ("sync", "--timeout must be a positive number of seconds");

  client = bos_sync_client_new (server, database, user, &error);
  if (client == NULL)
    return bos_cli_fail (error);
  bos_sync_client_set_timeout (client, timeout);

  if (user != NULL)
    {
      const char *env = g_getenv ("BOSETTING_PASSWORD");

      password = env != NULL ? g_strdup (env) : read_password (user);
      if (password == NULL)
        {
          g_printerr ("bosetting-cli: no password for “%s”: set BOSETTING_PASSWORD or give it on "
                      "standard input\n", user);
          return BOS_CLI_EXIT_FAILURE;
        }
      bos_sync_client_set_password (client, password);
      bos_sync_secure_free (password);
    }

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL)
    return bos_cli_fail (error);

  ok = bos_sync_client_run (client, store, NULL, NULL, NULL, &result, &error);

  conflicts = bos_sync_conflict_list (store, NULL);
  for (guint i = 0; conflicts != NULL && i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(BosSyncConflict) conflict = g_list_model_get_item (conflicts, i);

      g_print ("conflict: %s%s\n", bos_sync_conflict_get_record_id (conflict),
               bos_sync_conflict_get_server_side (conflict) ? " (on the server)" : "");
    }
  for (guint i = 0; result != NULL && i < result->messages->len; i++)
    g_print ("not synced: %s\n", (const char *) g_ptr_array_index (result->messages, i));

  if (!ok)
    {
      g_printerr ("bosetting-cli: %s\n", error->message);
      print_figures (result);
      return BOS_CLI_EXIT_FAILURE;
    }
  if (!bos_sync_result_is_in_sync (result))
    g_printerr ("bosetting-cli: not everything is in sync: %u conflicts wait for a decision in "
                "Bosetting, %u edits were refused, %u received records are kept aside, %u edits "
                "are not sent\n",
                result->conflicts, result->refused, result->pending, result->unsynced);
  print_figures (result);
  return bos_sync_result_is_in_sync (result) ? BOS_CLI_EXIT_OK : BOS_CLI_EXIT_FAILURE;
}
