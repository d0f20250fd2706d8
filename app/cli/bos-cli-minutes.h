/* bos-cli-minutes.h: `bosetting-cli minutes`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int bos_cli_minutes (int    argc,
                     char **argv);

G_END_DECLS
