/* bos-cli-decisions.h: `bosetting-cli decisions` and `bosetting-cli forecast`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int   bos_cli_decisions       (int          argc,
                               char       **argv);
int   bos_cli_forecast        (int          argc,
                               char       **argv);

/* --plan YEAR (the national plan of YEAR) or --plan PLAN-ID ("plan:2027:46").
 * Returns: (transfer full): the plan id, or NULL after printing a usage
 * error for @command. */
char *bos_cli_plan_id_option  (const char  *command,
                               const char  *value);

G_END_DECLS
