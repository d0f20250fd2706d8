/* bos-distribution-help.h: how the distribution works, in short
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BOS_TYPE_DISTRIBUTION_HELP (bos_distribution_help_get_type ())
G_DECLARE_FINAL_TYPE (BosDistributionHelp, bos_distribution_help, BOS, DISTRIBUTION_HELP, AdwWindow)

GtkWindow *bos_distribution_help_new (GtkWindow *parent);

G_END_DECLS
