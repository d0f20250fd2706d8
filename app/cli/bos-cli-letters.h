/* bos-cli-letters.h: `bosetting-cli letters`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int bos_cli_letters (int    argc,
                     char **argv);

G_END_DECLS
