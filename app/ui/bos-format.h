/* bos-format.h: numbers and figures as the views show them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "bos-figures.h"

G_BEGIN_DECLS

char       *bos_format_count          (gint64            value);
char       *bos_format_figure         (const BosHistoryTotal  *total,
                                       char                  **tooltip);
char       *bos_format_ratio          (double            ratio);
char       *bos_format_acceptance_ratio (double          ratio,
                                       char            **tooltip);
char       *bos_format_area           (double            area);
const char *bos_format_language_form  (const char       *language_form);

G_END_DECLS
