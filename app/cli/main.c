/* main.c: bosetting-cli entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bos-cli.h"

int
main (int   argc,
      char *argv[])
{
  return bos_cli_run (argc, argv);
}
