/* bos-new-plan-dialog.h: creating the plan for a year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_NEW_PLAN_DIALOG (bos_new_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BosNewPlanDialog, bos_new_plan_dialog, BOS, NEW_PLAN_DIALOG, AdwWindow)

BosNewPlanDialog *bos_new_plan_dialog_new         (GtkWindow        *parent,
                                                   BosStore         *store);
void              bos_new_plan_dialog_set_values  (BosNewPlanDialog *self,
                                                   int               year,
                                                   int               need,
                                                   int               minors,
                                                   int               resettlement);
const char       *bos_new_plan_dialog_get_message (BosNewPlanDialog *self);
gboolean          bos_new_plan_dialog_can_create  (BosNewPlanDialog *self);
gboolean          bos_new_plan_dialog_set_scope   (BosNewPlanDialog *self,
                                                   const char       *scope);

G_END_DECLS
