/* bos-meeting-editor.h: adding and editing a collaboration meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-meeting.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_MEETING_EDITOR (bos_meeting_editor_get_type ())
G_DECLARE_FINAL_TYPE (BosMeetingEditor, bos_meeting_editor, BOS, MEETING_EDITOR, AdwWindow)

BosMeetingEditor *bos_meeting_editor_new                  (GtkWindow        *parent,
                                                           BosStore         *store,
                                                           const char       *plan_id,
                                                           const char       *meeting_id);
BosMeeting       *bos_meeting_editor_get_meeting          (BosMeetingEditor *self);
gboolean          bos_meeting_editor_get_is_new           (BosMeetingEditor *self);
gboolean          bos_meeting_editor_set_text             (BosMeetingEditor *self,
                                                           const char       *field,
                                                           const char       *text);
gboolean          bos_meeting_editor_set_county           (BosMeetingEditor *self,
                                                           const char       *county_code);
void              bos_meeting_editor_add_participant      (BosMeetingEditor *self,
                                                           const char       *organisation);
gboolean          bos_meeting_editor_set_participant_text (BosMeetingEditor *self,
                                                           guint             index,
                                                           const char       *field,
                                                           const char       *text);
void              bos_meeting_editor_add_agenda_item      (BosMeetingEditor *self,
                                                           const char       *title);
const char       *bos_meeting_editor_get_message          (BosMeetingEditor *self);
gboolean          bos_meeting_editor_can_save             (BosMeetingEditor *self);
gboolean          bos_meeting_editor_save                 (BosMeetingEditor *self);

G_END_DECLS
