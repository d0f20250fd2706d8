/* bos-sync-controller.h: when the window syncs, and what it tells the planner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bos-store.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_SYNC_STATE_OFF,        /* no server set up: plans are not shared */
  BOS_SYNC_STATE_SYNCED,     /* in sync (or not synced yet) */
  BOS_SYNC_STATE_SYNCING,
  BOS_SYNC_STATE_OFFLINE,    /* no network; edits are kept */
  BOS_SYNC_STATE_CONFLICTS,  /* records wait for a planner's decision */
  BOS_SYNC_STATE_ERROR,      /* the last sync failed; the message says why */
  BOS_SYNC_STATE_PASSWORD,   /* no password, or the server refused it */
} BosSyncState;

#define BOS_TYPE_SYNC_STATE (bos_sync_state_get_type ())
GType bos_sync_state_get_type (void) G_GNUC_CONST;

/* Automatic sync while on line, in seconds */
#define BOS_SYNC_CONTROLLER_INTERVAL (5 * 60)

#define BOS_TYPE_SYNC_CONTROLLER (bos_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (BosSyncController, bos_sync_controller, BOS, SYNC_CONTROLLER, GObject)

BosSyncController *bos_sync_controller_new            (BosStore          *store,
                                                       GSettings         *settings);
BosStore          *bos_sync_controller_get_store      (BosSyncController *self);
GSettings         *bos_sync_controller_get_settings   (BosSyncController *self);
BosSyncState       bos_sync_controller_get_state      (BosSyncController *self);
const char        *bos_sync_controller_get_message    (BosSyncController *self);
double             bos_sync_controller_get_progress   (BosSyncController *self);
guint              bos_sync_controller_get_n_conflicts (BosSyncController *self);
void               bos_sync_controller_set_password   (BosSyncController *self,
                                                       const char        *password);
void               bos_sync_controller_set_interval   (BosSyncController *self,
                                                       guint              seconds);
void               bos_sync_controller_sync           (BosSyncController *self);
void               bos_sync_controller_cancel         (BosSyncController *self);

G_END_DECLS
