/* bos-activity-editor.h: adding, editing and deleting an activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-activity.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_ACTIVITY_EDITOR (bos_activity_editor_get_type ())
G_DECLARE_FINAL_TYPE (BosActivityEditor, bos_activity_editor, BOS, ACTIVITY_EDITOR, AdwWindow)

BosActivityEditor *bos_activity_editor_new          (GtkWindow         *parent,
                                                     BosStore          *store,
                                                     const char        *plan_id,
                                                     BosActivity       *activity);
BosActivity       *bos_activity_editor_get_activity (BosActivityEditor *self);
gboolean           bos_activity_editor_get_is_new   (BosActivityEditor *self);
gboolean           bos_activity_editor_set_text     (BosActivityEditor *self,
                                                     const char        *field,
                                                     const char        *text);
void               bos_activity_editor_set_kind     (BosActivityEditor *self,
                                                     BosActivityKind    kind);
void               bos_activity_editor_set_status   (BosActivityEditor *self,
                                                     BosActivityStatus  status);
const char        *bos_activity_editor_get_message  (BosActivityEditor *self);
gboolean           bos_activity_editor_can_save     (BosActivityEditor *self);

G_END_DECLS
