/* bos-meetings-page.h: the plan's collaboration meetings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-meeting-editor.h"
#include "bos-meeting-mode.h"
#include "bos-minutes-preview.h"

G_BEGIN_DECLS

#define BOS_TYPE_MEETINGS_PAGE (bos_meetings_page_get_type ())
G_DECLARE_FINAL_TYPE (BosMeetingsPage, bos_meetings_page, BOS, MEETINGS_PAGE, GtkWidget)

GListModel        *bos_meetings_page_get_meetings       (BosMeetingsPage *self);
const char        *bos_meetings_page_get_selected_id    (BosMeetingsPage *self);
gboolean           bos_meetings_page_select             (BosMeetingsPage *self,
                                                         const char      *meeting_id);
BosMeeting        *bos_meetings_page_get_meeting        (BosMeetingsPage *self);
BosMeetingEditor  *bos_meetings_page_new_meeting        (BosMeetingsPage *self);
BosMeetingEditor  *bos_meetings_page_edit_meeting       (BosMeetingsPage *self);
BosMinutesPreview *bos_meetings_page_show_minutes       (BosMeetingsPage *self);
BosMeetingMode    *bos_meetings_page_start_meeting_mode (BosMeetingsPage *self);

G_END_DECLS
