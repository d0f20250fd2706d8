/* bos-cli-simulate.h: bosetting-cli simulate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "bos-apportion.h"
#include "bos-scenario.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_SIMULATE_FORMAT_CSV,
  BOS_SIMULATE_FORMAT_JSON,
} BosSimulateFormat;

/* `bosetting-cli simulate FILE.json [--format csv|json]`; argv[0] is "simulate".
 * Returns the exit code. */
int   bos_cli_simulate               (int                       argc,
                                      char                    **argv);

/* Runs @scenario and prints the result on stdout; errors go to stderr as
 * "bosetting-cli: SOURCE: message". For any source of a scenario (a file,
 * or later a stored plan). Returns the exit code. */
int   bos_cli_simulate_run_scenario  (const BosScenario        *scenario,
                                      const char               *source_name,
                                      BosSimulateFormat         format);

/* The printed forms of a result, municipalities in code order. */
char *bos_cli_simulate_format_csv    (const BosApportionInput  *input,
                                      const BosApportionResult *result);
char *bos_cli_simulate_format_json   (const BosScenario        *scenario,
                                      const BosApportionResult *result);

G_END_DECLS
