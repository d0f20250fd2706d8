/* bos-sync-record.h: a synced table's row as a CouchDB document and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bos-store.h"
#include "bos-sync-registry.h"

G_BEGIN_DECLS

/* The sync bookkeeping of one local record. */
typedef struct
{
  gboolean  exists;
  gboolean  dirty;
  gboolean  deleted;
  char     *base_rev;   /* "" when never synced */
  char     *conflicts;  /* the server's _conflicts as a JSON array, or NULL */
} BosSyncRecordState;

void bos_sync_record_state_clear (BosSyncRecordState *state);

/* Reads and writes records of every synced table on one connection, with
 * the columns of each table read once (PRAGMA table_info) and prepared
 * statements kept. Not thread-safe: one per connection and thread. */
typedef struct _BosSyncRecords BosSyncRecords;

BosSyncRecords     *bos_sync_records_new        (BosStore            *store,
                                                 GError             **error);
void                bos_sync_records_free       (BosSyncRecords      *self);
BosStore           *bos_sync_records_get_store  (BosSyncRecords      *self);
sqlite3_stmt       *bos_sync_records_statement  (BosSyncRecords      *self,
                                                 const char          *sql,
                                                 GError             **error);
gboolean            bos_sync_records_get_state  (BosSyncRecords      *self,
                                                 const BosSyncTable  *table,
                                                 const char          *id,
                                                 BosSyncRecordState  *state,
                                                 GError             **error);
JsonObject         *bos_sync_records_read       (BosSyncRecords      *self,
                                                 const BosSyncTable  *table,
                                                 const char          *id,
                                                 GError             **error);
gboolean            bos_sync_records_write      (BosSyncRecords      *self,
                                                 const BosSyncTable  *table,
                                                 JsonObject          *doc,
                                                 const BosSyncRecordState *sync,
                                                 GError             **error);
gboolean            bos_sync_records_set_state  (BosSyncRecords      *self,
                                                 const BosSyncTable  *table,
                                                 const char          *id,
                                                 const BosSyncRecordState *sync,
                                                 GError             **error);
gboolean            bos_sync_records_remove     (BosSyncRecords      *self,
                                                 const BosSyncTable  *table,
                                                 const char          *id,
                                                 GError             **error);
gboolean            bos_sync_records_has_column (BosSyncRecords      *self,
                                                 const BosSyncTable  *table,
                                                 const char          *column);

/* Documents */
const BosSyncTable *bos_sync_doc_table          (JsonObject          *doc);
const char         *bos_sync_doc_id             (JsonObject          *doc);
const char         *bos_sync_doc_rev            (JsonObject          *doc);
gboolean            bos_sync_doc_is_deleted     (JsonObject          *doc);
char               *bos_sync_doc_dup_conflicts  (JsonObject          *doc);
JsonObject         *bos_sync_doc_push_form      (JsonObject          *local_doc);
char               *bos_sync_doc_digest         (JsonObject          *doc);
gboolean            bos_sync_doc_same_content   (JsonObject          *a,
                                                 JsonObject          *b);
JsonObject         *bos_sync_doc_parse          (const char          *json,
                                                 GError             **error);
char               *bos_sync_doc_to_string      (JsonObject          *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosSyncRecords, bos_sync_records_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BosSyncRecordState, bos_sync_record_state_clear)

/* A statement from bos_sync_records_statement(): g_autoptr(BosSyncStmt)
 * resets it and clears its bindings when it goes out of scope. */
typedef sqlite3_stmt BosSyncStmt;

static inline void
bos_sync_stmt_reset (BosSyncStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosSyncStmt, bos_sync_stmt_reset)

G_END_DECLS
