/* bos-minutes.h: the minutes of a collaboration meeting, as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Minutes are generated from the meeting: title, date and time, place and
 * video link, the county, the participants, the agenda, per municipality
 * the proposed and the agreed request with the reason, the county total
 * and the notes. They are laid out once with Pango on A4 (595 × 842 pt)
 * and can then be drawn page by page onto any cairo_t (the in-app
 * preview) or written as a PDF with the fonts embedded, page numbers at
 * the foot of every page and the file written whole or not at all.
 */
#pragma once

#include <cairo.h>

#include "bos-meeting.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_MINUTES_PAGE_WIDTH  595.276  /* A4 in points */
#define BOS_MINUTES_PAGE_HEIGHT 841.890

typedef struct _BosMinutes BosMinutes;

BosMinutes *bos_minutes_new          (BosStore    *store,
                                      BosMeeting  *meeting,
                                      GError     **error);
BosMinutes *bos_minutes_new_for_id   (BosStore    *store,
                                      const char  *activity_id,
                                      GError     **error);
void        bos_minutes_free         (BosMinutes  *minutes);

const char *bos_minutes_get_title    (BosMinutes  *minutes);
char       *bos_minutes_dup_file_name (BosMinutes *minutes);
guint       bos_minutes_get_n_pages  (BosMinutes  *minutes);
void        bos_minutes_render_page  (BosMinutes  *minutes,
                                      cairo_t     *cr,
                                      guint        page);
gboolean    bos_minutes_write_pdf    (BosMinutes  *minutes,
                                      const char  *path,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosMinutes, bos_minutes_free)

G_END_DECLS
