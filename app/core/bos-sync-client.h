/* bos-sync-client.h: sync a Bosetting database with a CouchDB server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-store.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_SYNC_PHASE_CONNECTING,
  BOS_SYNC_PHASE_PULLING,
  BOS_SYNC_PHASE_PUSHING,
  BOS_SYNC_PHASE_FINISHING,
} BosSyncPhase;

/* @total is 0 when unknown. Called in the thread that runs the sync. */
typedef void (*BosSyncProgressFunc) (BosSyncPhase phase,
                                     guint        done,
                                     guint        total,
                                     gpointer     user_data);

#define BOS_TYPE_SYNC_RESULT (bos_sync_result_get_type ())

typedef struct
{
  guint      pushed;         /* records the server stored in this run */
  guint      pulled;         /* server changes applied locally in this run */
  guint      conflicts;      /* conflicts waiting for a planner after the run */
  guint      new_conflicts;  /* of which found in this run */
  guint      refused;        /* records the server refused in this run (kept dirty) */
  guint      pending;        /* received documents kept aside (parent missing, …) */
  guint      unsynced;       /* local edits the server does not have yet */
  gboolean   reset;          /* the server database was new or recreated */
  GPtrArray *messages;       /* (element-type utf8): refusals and documents kept aside */
  GPtrArray *changed_tables; /* (element-type utf8): tables written locally */
} BosSyncResult;

GType          bos_sync_result_get_type    (void) G_GNUC_CONST;
BosSyncResult *bos_sync_result_new         (void);
BosSyncResult *bos_sync_result_copy        (const BosSyncResult *result);
void           bos_sync_result_free        (BosSyncResult       *result);
gboolean       bos_sync_result_is_in_sync  (const BosSyncResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosSyncResult, bos_sync_result_free)

#define BOS_TYPE_SYNC_CLIENT (bos_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (BosSyncClient, bos_sync_client, BOS, SYNC_CLIENT, GObject)

/* Timeout for one request when none is set, in seconds */
#define BOS_SYNC_DEFAULT_TIMEOUT 30

BosSyncClient *bos_sync_client_new           (const char           *url,
                                              const char           *database,
                                              const char           *user,
                                              GError              **error);
const char    *bos_sync_client_get_url       (BosSyncClient        *self);
const char    *bos_sync_client_get_database  (BosSyncClient        *self);
const char    *bos_sync_client_get_user      (BosSyncClient        *self);
void           bos_sync_client_set_password  (BosSyncClient        *self,
                                              const char           *password);
guint          bos_sync_client_get_timeout   (BosSyncClient        *self);
void           bos_sync_client_set_timeout   (BosSyncClient        *self,
                                              guint                 seconds);
void           bos_sync_client_set_batch_sizes (BosSyncClient      *self,
                                              guint                 pull_limit,
                                              guint                 push_batch);
gboolean       bos_sync_client_get_running   (BosSyncClient        *self);

gboolean       bos_sync_client_run           (BosSyncClient        *self,
                                              BosStore             *store,
                                              GCancellable         *cancellable,
                                              BosSyncProgressFunc   progress,
                                              gpointer              progress_data,
                                              BosSyncResult       **result,
                                              GError              **error);
void           bos_sync_client_run_async     (BosSyncClient        *self,
                                              BosStore             *store,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
BosSyncResult *bos_sync_client_run_finish    (BosSyncClient        *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
