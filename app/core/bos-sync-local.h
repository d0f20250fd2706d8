/* bos-sync-local.h: the local side of a sync, one connection, no network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-sync-record.h"

G_BEGIN_DECLS

typedef struct _BosSyncLocal BosSyncLocal;

/* A local record to push */
typedef struct
{
  const BosSyncTable *table;
  char               *id;
} BosSyncItem;

void           bos_sync_item_free              (BosSyncItem     *item);

BosSyncLocal  *bos_sync_local_new              (BosStore        *store,
                                                GError         **error);
void           bos_sync_local_free             (BosSyncLocal    *self);
BosSyncRecords *bos_sync_local_get_records     (BosSyncLocal    *self);

/* Transactions: BEGIN IMMEDIATE with foreign keys deferred; commit keeps
 * aside the documents whose parent is missing and undoes their rows. */
gboolean       bos_sync_local_begin            (BosSyncLocal    *self,
                                                GError         **error);
gboolean       bos_sync_local_commit           (BosSyncLocal    *self,
                                                GError         **error);
void           bos_sync_local_rollback         (BosSyncLocal    *self);

/* The server */
gboolean       bos_sync_local_open_server      (BosSyncLocal    *self,
                                                const char      *url,
                                                const char      *database,
                                                char           **client_id,
                                                char           **last_seq,
                                                GError         **error);
gboolean       bos_sync_local_save_seq         (BosSyncLocal    *self,
                                                const char      *seq,
                                                GError         **error);
gboolean       bos_sync_local_forget_server    (BosSyncLocal    *self,
                                                GError         **error);

/* Pull */
gboolean       bos_sync_local_apply            (BosSyncLocal    *self,
                                                JsonObject      *doc,
                                                JsonObject      *losing_leaf,
                                                GError         **error);
gboolean       bos_sync_local_retry_pending    (BosSyncLocal    *self,
                                                GError         **error);
gboolean       bos_sync_local_mark_unsynced    (BosSyncLocal    *self,
                                                GError         **error);

/* Push */
GPtrArray     *bos_sync_local_collect          (BosSyncLocal    *self,
                                                GError         **error);
JsonObject    *bos_sync_local_push_doc         (BosSyncLocal    *self,
                                                BosSyncItem     *item,
                                                char           **digest,
                                                GStrv           *losing_revs,
                                                GError         **error);
gboolean       bos_sync_local_set_inflight     (BosSyncLocal    *self,
                                                const char      *id,
                                                const char      *digest,
                                                GError         **error);
gboolean       bos_sync_local_confirm          (BosSyncLocal    *self,
                                                BosSyncItem     *item,
                                                const char      *new_rev,
                                                const char      *digest,
                                                GError         **error);
gboolean       bos_sync_local_refused          (BosSyncLocal    *self,
                                                BosSyncItem     *item,
                                                GError         **error);
gboolean       bos_sync_local_push_conflict    (BosSyncLocal    *self,
                                                BosSyncItem     *item,
                                                JsonObject      *server_doc,
                                                JsonObject      *losing_leaf,
                                                GError         **error);
gboolean       bos_sync_local_leaf_result      (BosSyncLocal    *self,
                                                BosSyncItem     *item,
                                                const char      *rev,
                                                gboolean         gone,
                                                GError         **error);

/* After */
gboolean       bos_sync_local_purge            (BosSyncLocal    *self,
                                                GError         **error);

/* Figures of this run and of the database */
guint          bos_sync_local_get_pulled       (BosSyncLocal    *self);
guint          bos_sync_local_get_pushed       (BosSyncLocal    *self);
guint          bos_sync_local_get_new_conflicts (BosSyncLocal   *self);
GPtrArray     *bos_sync_local_get_changed_tables (BosSyncLocal  *self);
gint64         bos_sync_local_count_conflicts  (BosSyncLocal    *self,
                                                GError         **error);
gint64         bos_sync_local_count_pending    (BosSyncLocal    *self,
                                                GError         **error);
gint64         bos_sync_local_count_unsynced   (BosSyncLocal    *self,
                                                GError         **error);
GPtrArray     *bos_sync_local_list_pending     (BosSyncLocal    *self,
                                                GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosSyncLocal, bos_sync_local_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosSyncItem, bos_sync_item_free)

G_END_DECLS
