/* bos-cli-calendar.h: `bosetting-cli calendar`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int bos_cli_calendar (int    argc,
                      char **argv);

G_END_DECLS
