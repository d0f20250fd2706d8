/* bos-meeting-mode.h: a collaboration meeting on the projector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-meeting.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_MEETING_MODE (bos_meeting_mode_get_type ())
G_DECLARE_FINAL_TYPE (BosMeetingMode, bos_meeting_mode, BOS, MEETING_MODE, GtkWindow)

BosMeetingMode *bos_meeting_mode_new         (GtkWindow      *parent,
                                              BosStore       *store,
                                              const char     *meeting_id);
BosMeeting     *bos_meeting_mode_get_meeting (BosMeetingMode *self);
gboolean        bos_meeting_mode_agree       (BosMeetingMode *self,
                                              const char     *code,
                                              const char     *agreed,
                                              const char     *why);
gboolean        bos_meeting_mode_take_back   (BosMeetingMode *self,
                                              const char     *code);
gboolean        bos_meeting_mode_finish      (BosMeetingMode *self);
gboolean        bos_meeting_mode_reopen      (BosMeetingMode *self);
gboolean        bos_meeting_mode_get_finished (BosMeetingMode *self);
const char     *bos_meeting_mode_get_message (BosMeetingMode *self);
const char     *bos_meeting_mode_get_total_text (BosMeetingMode *self);

G_END_DECLS
