/* bos-cli.h: bosetting-cli, the core from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-store.h"

G_BEGIN_DECLS

/* Exit codes of bosetting-cli */
#define BOS_CLI_EXIT_OK      0
#define BOS_CLI_EXIT_FAILURE 1  /* the command failed; the message is on stderr */
#define BOS_CLI_EXIT_USAGE   2  /* the command line was wrong */

int       bos_cli_run            (int            argc,
                                  char         **argv);

/* Helpers for subcommands */
int       bos_cli_fail           (GError        *error);
int       bos_cli_usage_error    (const char    *command,
                                  const char    *format,
                                  ...) G_GNUC_PRINTF (2, 3);
BosStore *bos_cli_open_store     (const char    *db_path,
                                  GError       **error);
gboolean  bos_cli_parse          (GOptionContext *context,
                                  int           *argc,
                                  char        ***argv,
                                  int           *exit_code);
void      bos_cli_print_csv_field (GString      *out,
                                  const char    *value);

G_END_DECLS
