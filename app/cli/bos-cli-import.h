/* bos-cli-import.h: `bosetting-cli import` and `bosetting-cli history`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int bos_cli_import  (int    argc,
                     char **argv);
int bos_cli_history (int    argc,
                     char **argv);

G_END_DECLS
