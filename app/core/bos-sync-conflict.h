/* bos-sync-conflict.h: a record whose versions a planner must choose between
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bos-store.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_SYNC_KEEP_MINE,    /* this computer's version wins */
  BOS_SYNC_KEEP_THEIRS,  /* the server's version wins */
  BOS_SYNC_COMBINE,      /* fields chosen from both (or typed anew) */
} BosSyncResolution;

#define BOS_TYPE_SYNC_CONFLICT (bos_sync_conflict_get_type ())
G_DECLARE_FINAL_TYPE (BosSyncConflict, bos_sync_conflict, BOS, SYNC_CONFLICT, GObject)

const char      *bos_sync_conflict_get_record_id   (BosSyncConflict   *self);
const char      *bos_sync_conflict_get_record_type (BosSyncConflict   *self);
gboolean         bos_sync_conflict_get_server_side (BosSyncConflict   *self);
const char      *bos_sync_conflict_get_detected    (BosSyncConflict   *self);
JsonObject      *bos_sync_conflict_get_mine        (BosSyncConflict   *self);
JsonObject      *bos_sync_conflict_get_theirs      (BosSyncConflict   *self);
GStrv            bos_sync_conflict_dup_fields      (BosSyncConflict   *self);
gboolean         bos_sync_conflict_field_differs   (BosSyncConflict   *self,
                                                    const char        *field);

GListModel      *bos_sync_conflict_list            (BosStore          *store,
                                                    GError           **error);
BosSyncConflict *bos_sync_conflict_load            (BosStore          *store,
                                                    const char        *record_id,
                                                    GError           **error);
gint64           bos_sync_conflict_count           (BosStore          *store,
                                                    GError           **error);
gboolean         bos_sync_conflict_resolve         (BosStore          *store,
                                                    const char        *record_id,
                                                    BosSyncResolution  how,
                                                    JsonObject        *combined,
                                                    GError           **error);

G_END_DECLS
