/* bos-minutes-preview.h: the minutes of a meeting, previewed and exported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-minutes.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_MINUTES_PREVIEW (bos_minutes_preview_get_type ())
G_DECLARE_FINAL_TYPE (BosMinutesPreview, bos_minutes_preview, BOS, MINUTES_PREVIEW, AdwWindow)

BosMinutesPreview *bos_minutes_preview_new          (GtkWindow         *parent,
                                                     BosStore          *store,
                                                     const char        *meeting_id);
BosMinutes        *bos_minutes_preview_get_minutes  (BosMinutesPreview *self);
guint              bos_minutes_preview_get_n_pages  (BosMinutesPreview *self);
double             bos_minutes_preview_get_zoom     (BosMinutesPreview *self);
void               bos_minutes_preview_set_zoom     (BosMinutesPreview *self,
                                                     double             zoom);
gboolean           bos_minutes_preview_export       (BosMinutesPreview *self,
                                                     GFile             *file,
                                                     GError           **error);

G_END_DECLS
