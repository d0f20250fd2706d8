/* bos-sync-status.h: the sync status button of the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-sync-controller.h"

G_BEGIN_DECLS

#define BOS_TYPE_SYNC_STATUS (bos_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (BosSyncStatus, bos_sync_status, BOS, SYNC_STATUS, AdwBin)

BosSyncController *bos_sync_status_get_controller (BosSyncStatus     *self);
void               bos_sync_status_set_controller (BosSyncStatus     *self,
                                                   BosSyncController *controller);
const char        *bos_sync_status_get_icon_name  (BosSyncStatus     *self);
const char        *bos_sync_status_get_label      (BosSyncStatus     *self);

G_END_DECLS
