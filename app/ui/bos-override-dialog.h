/* bos-override-dialog.h: one municipality's settings in a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-plan-scenario.h"

G_BEGIN_DECLS

#define BOS_TYPE_OVERRIDE_DIALOG (bos_override_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BosOverrideDialog, bos_override_dialog, BOS, OVERRIDE_DIALOG, AdwWindow)

BosOverrideDialog         *bos_override_dialog_new          (GtkWindow                 *parent,
                                                             const char                *code,
                                                             const char                *name,
                                                             const BosScenarioOverride *current,
                                                             gint64                     request);
const char                *bos_override_dialog_get_code     (BosOverrideDialog         *self);
/* What the dialog shows now */
void                       bos_override_dialog_get_override (BosOverrideDialog         *self,
                                                             BosScenarioOverride       *override);

G_END_DECLS
