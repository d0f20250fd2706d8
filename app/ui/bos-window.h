/* bos-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-application.h"
#include "bos-plan.h"
#include "bos-sync-controller.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_WINDOW (bos_window_get_type ())
G_DECLARE_FINAL_TYPE (BosWindow, bos_window, BOS, WINDOW, AdwApplicationWindow)

BosWindow   *bos_window_new                (BosApplication  *application,
                                            BosStore        *store);
BosStore    *bos_window_get_store          (BosWindow       *self);
BosPlan     *bos_window_get_plan           (BosWindow       *self);
gboolean     bos_window_set_plan_id        (BosWindow       *self,
                                            const char      *plan_id);
GListModel  *bos_window_get_plans          (BosWindow       *self);
GtkDropDown *bos_window_get_plan_switcher  (BosWindow       *self);
GtkWidget   *bos_window_get_page           (BosWindow       *self,
                                            const char      *name);
gboolean     bos_window_show_page          (BosWindow       *self,
                                            const char      *name);
gboolean     bos_window_show_municipality  (BosWindow       *self,
                                            const char      *code,
                                            GError         **error);
GtkWidget   *bos_window_get_detail         (BosWindow       *self);
GtkWindow   *bos_window_new_plan           (BosWindow       *self);
GtkWindow   *bos_window_show_audit         (BosWindow       *self);
void         bos_window_add_toast          (BosWindow       *self,
                                            AdwToast        *toast);
void         bos_window_show_toast         (BosWindow       *self,
                                            const char      *message);
void         bos_window_show_progress      (BosWindow       *self,
                                            const char      *message,
                                            const char      *cancel_action);
void         bos_window_hide_progress      (BosWindow       *self);
const char  *bos_window_get_progress       (BosWindow       *self);
BosSyncController *bos_window_get_sync_controller (BosWindow *self);

G_END_DECLS
