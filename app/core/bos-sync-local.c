/* bos-sync-local.c: the local side of a sync, one connection, no network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of sync.md for what arrives and what was sent, on the sync
 * worker's own connection. Everything here runs inside a transaction that
 * bos_sync_local_begin() opened (BEGIN IMMEDIATE, so the interface's
 * connection waits for it instead of failing half-way).
 *
 * A document from the server for a record that is
 *  - missing locally: inserted;
 *  - clean locally: applied (a deletion keeps the row as a clean tombstone
 *    until bos_sync_local_purge(), so children arriving later still find it);
 *  - dirty locally: our own earlier write (the digest of the last push,
 *    sync_digest.inflight) or exactly the version the edit started from
 *    (sync_digest.base, e.g. pushed again by another client after a server
 *    reset) → the edit now builds on it and stays to be sent; the same
 *    content → adopted; else a conflict in sync_conflict, the local record
 *    untouched.
 * Applying is idempotent: a revision equal to base_rev changes nothing.
 * A document that is the real version of a demo plan's record replaces the
 * whole demo plan (see "Demo plans" below).
 *
 * Foreign keys are deferred inside the transaction, so a child may arrive
 * before its parent. At commit, rows whose parent is still missing are
 * undone (the previous local row restored, or the new row removed) and
 * their documents kept in sync_pending, retried at the next sync: the
 * rest of the batch goes in.
 */
#define G_LOG_DOMAIN "bos-sync-local"

#include "config.h"

#include "bos-error.h"
#include "bos-sync-local.h"

typedef struct
{
  const BosSyncTable *table;
  char               *id;
  JsonObject         *doc;          /* what was applied */
  JsonObject         *prior;        /* the row before, NULL if there was none */
  BosSyncRecordState  prior_state;
  char               *prior_base;   /* sync_digest.base before */
  gboolean            counted;      /* counted in pulled */
  gboolean            conflict_created;
} Touched;

typedef struct
{
  guint pulled;
  guint pushed;
  guint new_conflicts;
} Counts;

struct _BosSyncLocal
{
  BosStore       *store;
  BosSyncRecords *records;
  GHashTable     *touched;        /* id → Touched, during a transaction */
  GHashTable     *changed_tables; /* table names written in this run */
  Counts          counts;
  Counts          counts_at_begin;
  gboolean        in_transaction;
  char           *url;            /* the server of this run */
  char           *database;
  char           *client_id;
};

static void
touched_free (gpointer data)
{
  Touched *t = data;

  g_free (t->id);
  g_clear_pointer (&t->doc, json_object_unref);
  g_clear_pointer (&t->prior, json_object_unref);
  bos_sync_record_state_clear (&t->prior_state);
  g_free (t->prior_base);
  g_free (t);
}

void
bos_sync_item_free (BosSyncItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item);
}

BosSyncLocal *
bos_sync_local_new (BosStore  *store,
                    GError   **error)
{
  g_autoptr(BosSyncLocal) self = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  self = g_new0 (BosSyncLocal, 1);
  self->store = g_object_ref (store);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, touched_free);
  self->changed_tables = g_hash_table_new (g_str_hash, g_str_equal);
  self->records = bos_sync_records_new (store, error);
  if (self->records == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

void
bos_sync_local_free (BosSyncLocal *self)
{
  if (self == NULL)
    return;
  if (self->in_transaction)
    bos_sync_local_rollback (self);
  g_clear_pointer (&self->records, bos_sync_records_free);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->changed_tables, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self->url);
  g_free (self->database);
  g_free (self->client_id);
  g_free (self);
}

BosSyncRecords *
bos_sync_local_get_records (BosSyncLocal *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->records;
}

/* Runs one statement of the cache with text parameters (NULL binds NULL). */
static gboolean
local_exec (BosSyncLocal  *self,
            const char    *sql,
            GError       **error,
            guint          n_params,
            ...)
{
  g_autoptr(BosSyncStmt) stmt = NULL;
  va_list args;

  stmt = bos_sync_records_statement (self->records, sql, error);
  if (stmt == NULL)
    return FALSE;
  va_start (args, n_params);
  for (guint i = 0; i < n_params; i++)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        sqlite3_bind_text (stmt, i + 1, value, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, i + 1);
    }
  va_end (args);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (self->store, error, "Could not update the sync state");
  return TRUE;
}

/* The first column of the first row as text, or NULL. */
static gboolean
local_query_text (BosSyncLocal  *self,
                  const char    *sql,
                  const char    *param,
                  char         **value,
                  GError       **error)
{
  g_autoptr(BosSyncStmt) stmt = NULL;
  int rc;

  *value = NULL;
  stmt = bos_sync_records_statement (self->records, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        *value = g_strdup (bos_sqlite_text (stmt, 0));
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return bos_store_set_error (self->store, error, "Could not read the sync state");
  return TRUE;
}

static gint64
local_count (BosSyncLocal  *self,
             const char    *sql,
             GError       **error)
{
  g_autoptr(BosSyncStmt) stmt = bos_sync_records_statement (self->records, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bos_store_set_error (self->store, error, "Could not count records");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Transactions */

static gboolean
local_begin (BosSyncLocal  *self,
             gboolean       defer_foreign_keys,
             GError       **error)
{
  g_assert (!self->in_transaction);

  if (!bos_store_exec (self->store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (defer_foreign_keys && !bos_store_exec (self->store, "PRAGMA defer_foreign_keys = ON", error))
    {
      bos_store_exec (self->store, "ROLLBACK", NULL);
      return FALSE;
    }
  self->in_transaction = TRUE;
  self->counts_at_begin = self->counts;
  return TRUE;
}

gboolean
bos_sync_local_begin (BosSyncLocal  *self,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return local_begin (self, TRUE, error);
}

void
bos_sync_local_rollback (BosSyncLocal *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self != NULL);

  if (!self->in_transaction)
    return;
  if (!bos_store_exec (self->store, "ROLLBACK", &error))
    g_warning ("Rolling back a sync transaction failed: %s", error->message);
  self->in_transaction = FALSE;
  self->counts = self->counts_at_begin;
  g_hash_table_remove_all (self->touched);
}

static void
local_changed (BosSyncLocal *self,
               const char   *table)
{
  g_hash_table_add (self->changed_tables, (gpointer) g_intern_string (table));
}

static gboolean
pending_keep (BosSyncLocal  *self,
              const char    *id,
              JsonObject    *doc,
              const char    *reason,
              const char    *message,
              GError       **error)
{
  g_autofree char *json = bos_sync_doc_to_string (doc);
  g_autofree char *now = bos_timestamp_now ();

  g_debug ("Keeping %s aside (%s): %s", id, reason, message);
  return local_exec (self,
                     "INSERT INTO sync_pending (record_id, doc, reason, message, received) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET doc = excluded.doc, "
                     "reason = excluded.reason, message = excluded.message",
                     error, 5, id, json, reason, message, now);
}

static gboolean
pending_drop (BosSyncLocal  *self,
              const char    *id,
              GError       **error)
{
  return local_exec (self, "DELETE FROM sync_pending WHERE record_id = ?", error, 1, id);
}

static gboolean
inflight_drop (BosSyncLocal  *self,
               const char    *id,
               GError       **error)
{
  return local_exec (self, "UPDATE sync_digest SET inflight = NULL WHERE record_id = ?", error, 1, id);
}

/* The digest of the server version a record was last synced from. */
static gboolean
base_set (BosSyncLocal  *self,
          const char    *id,
          const char    *digest,
          GError       **error)
{
  return local_exec (self,
                     "INSERT INTO sync_digest (record_id, base) VALUES (?, ?) "
                     "ON CONFLICT (record_id) DO UPDATE SET base = excluded.base",
                     error, 2, id, digest);
}

static gboolean
base_set_doc (BosSyncLocal  *self,
              JsonObject    *doc,
              GError       **error)
{
  g_autofree char *digest = bos_sync_doc_digest (doc);

  return base_set (self, bos_sync_doc_id (doc), digest, error);
}

static gboolean
digest_get (BosSyncLocal  *self,
            const char    *id,
            gboolean       inflight,
            char         **digest,
            GError       **error)
{
  return local_query_text (self,
                           inflight ? "SELECT inflight FROM sync_digest WHERE record_id = ?"
                                    : "SELECT base FROM sync_digest WHERE record_id = ?",
                           id, digest, error);
}

static gboolean
conflict_drop (BosSyncLocal  *self,
               const char    *id,
               GError       **error)
{
  return local_exec (self, "DELETE FROM sync_conflict WHERE record_id = ?", error, 1, id);
}

/* Remembers a record's row before the first change in this transaction. */
static gboolean
local_touch (BosSyncLocal        *self,
             const BosSyncTable  *table,
             const char          *id,
             JsonObject          *doc,
             GError             **error)
{
  Touched *t = g_hash_table_lookup (self->touched, id);

  local_changed (self, table->table);
  if (t != NULL)
    {
      g_clear_pointer (&t->doc, json_object_unref);
      t->doc = doc ? json_object_ref (doc) : NULL;
      return TRUE;
    }

  t = g_new0 (Touched, 1);
  t->table = table;
  t->id = g_strdup (id);
  t->doc = doc ? json_object_ref (doc) : NULL;
  if (!bos_sync_records_get_state (self->records, table, id, &t->prior_state, error))
    {
      touched_free (t);
      return FALSE;
    }
  if (t->prior_state.exists)
    {
      t->prior = bos_sync_records_read (self->records, table, id, error);
      if (t->prior == NULL)
        {
          touched_free (t);
          return FALSE;
        }
    }
  if (!digest_get (self, id, FALSE, &t->prior_base, error))
    {
      touched_free (t);
      return FALSE;
    }
  g_hash_table_insert (self->touched, t->id, t);
  return TRUE;
}

/* The missing parent of a row that violates a foreign key, for the message. */
static char *
describe_missing_parent (BosSyncLocal *self,
                         const char   *table,
                         gint64        rowid,
                         const char   *parent,
                         int           fkid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *column = NULL;
  g_autofree char *sql = NULL;

  stmt = bos_store_prepare (self->store, "SELECT \"from\" FROM pragma_foreign_key_list (?) WHERE id = ?",
                            NULL);
  if (stmt == NULL)
    return g_strdup_printf ("waits for a %s record that has not arrived", parent);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, fkid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    column = g_strdup (bos_sqlite_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (column == NULL)
    return g_strdup_printf ("waits for a %s record that has not arrived", parent);

  sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE rowid = ?", column, table);
  stmt = bos_store_prepare (self->store, sql, NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return g_strdup_printf ("waits for %s “%s”, which has not arrived", parent,
                                bos_sqlite_text (stmt, 0));
    }
  return g_strdup_printf ("waits for a %s record that has not arrived", parent);
}

/* Undoes a row whose parent is missing and keeps its document aside. */
static gboolean
local_undo (BosSyncLocal  *self,
            Touched       *t,
            const char    *message,
            GError       **error)
{
  if (t->prior != NULL)
    {
      g_autoptr(JsonObject) prior = json_object_ref (t->prior);

      /* A tombstone's content is restored too: write the fields and keep
       * the deleted flag in the state. */
      if (json_object_has_member (prior, "_deleted"))
        {
          g_autofree char *json = bos_sync_doc_to_string (t->prior);

          g_clear_pointer (&prior, json_object_unref);
          prior = bos_sync_doc_parse (json, error);
          if (prior == NULL)
            return FALSE;
          json_object_remove_member (prior, "_deleted");
        }
      if (!bos_sync_records_write (self->records, t->table, prior, &t->prior_state, error))
        return FALSE;
    }
  else if (!bos_sync_records_remove (self->records, t->table, t->id, error))
    return FALSE;

  if (t->prior_base != NULL)
    {
      if (!base_set (self, t->id, t->prior_base, error))
        return FALSE;
    }
  else if (!local_exec (self, "UPDATE sync_digest SET base = NULL WHERE record_id = ?", error, 1, t->id))
    return FALSE;
  if (t->conflict_created && !conflict_drop (self, t->id, error))
    return FALSE;
  if (t->counted && self->counts.pulled > 0)
    self->counts.pulled--;
  if (t->doc != NULL && !pending_keep (self, t->id, t->doc, "parent", message, error))
    return FALSE;
  return TRUE;
}

/* One round: finds rows of this transaction with a missing parent. */
static gboolean
local_fix_foreign_keys (BosSyncLocal  *self,
                        gboolean      *fixed_any,
                        GError       **error)
{
  const BosSyncTable *tables;
  guint n_tables;

  *fixed_any = FALSE;
  tables = bos_sync_registry_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GPtrArray) undo = g_ptr_array_new ();
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);

      /* pragma_foreign_key_check gives rowids; the ids are read for each. */
      stmt = bos_store_prepare (self->store,
                                "SELECT rowid, parent, fkid FROM pragma_foreign_key_check (?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, tables[i].table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 rowid = sqlite3_column_int64 (stmt, 0);
          g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE rowid = ?", tables[i].table);
          g_autoptr(sqlite3_stmt) id_stmt = bos_store_prepare (self->store, sql, error);
          Touched *t;

          if (id_stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (id_stmt, 1, rowid);
          if (sqlite3_step (id_stmt) != SQLITE_ROW)
            continue;
          t = g_hash_table_lookup (self->touched, bos_sqlite_text (id_stmt, 0));
          /* Rows this transaction did not write were there before: not ours. */
          if (t == NULL || g_ptr_array_find (undo, t, NULL))
            continue;
          g_ptr_array_add (undo, t);
          g_ptr_array_add (messages,
                           describe_missing_parent (self, tables[i].table, rowid,
                                                    bos_sqlite_text (stmt, 1),
                                                    sqlite3_column_int (stmt, 2)));
        }
      g_clear_pointer (&stmt, sqlite3_finalize);

      for (guint j = 0; j < undo->len; j++)
        {
          Touched *t = g_ptr_array_index (undo, j);

          if (!local_undo (self, t, g_ptr_array_index (messages, j), error))
            return FALSE;
          /* Its row is as before now; a later round must not undo it again. */
          g_hash_table_remove (self->touched, t->id);
          *fixed_any = TRUE;
        }
    }
  return TRUE;
}

gboolean
bos_sync_local_commit (BosSyncLocal  *self,
                       GError       **error)
{
  gboolean fixed_any = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  /* Undoing a parent can orphan a child written in the same transaction:
   * repeat until nothing is left. Each round removes rows from touched, so
   * this ends. */
  while (fixed_any)
    {
      if (!local_fix_foreign_keys (self, &fixed_any, error))
        goto failed;
    }

  if (!bos_store_exec (self->store, "COMMIT", error))
    goto failed;
  self->in_transaction = FALSE;
  g_hash_table_remove_all (self->touched);
  return TRUE;

failed:
  bos_sync_local_rollback (self);
  return FALSE;
}

/* The server */

/**
 * bos_sync_local_open_server:
 * @client_id: (out): this database's id for the server (new the first time)
 * @last_seq: (out): the sequence the last pull reached, "" for none
 *
 * Reads what this database knows about a server. Nothing is written: a
 * server seen for the first time is remembered by the first pull batch.
 */
gboolean
bos_sync_local_open_server (BosSyncLocal  *self,
                            const char    *url,
                            const char    *database,
                            char         **client_id,
                            char         **last_seq,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (url != NULL && database != NULL, FALSE);

  g_free (self->url);
  g_free (self->database);
  g_clear_pointer (&self->client_id, g_free);
  self->url = g_strdup (url);
  self->database = g_strdup (database);

  stmt = bos_store_prepare (self->store,
                            "SELECT client_id, last_seq FROM sync_server WHERE url = ? AND database = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, database, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->client_id = g_strdup (bos_sqlite_text (stmt, 0));
      *last_seq = g_strdup (bos_sqlite_text (stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    {
      self->client_id = g_uuid_string_random ();
      *last_seq = g_strdup ("");
    }
  else
    return bos_store_set_error (self->store, error, "Could not read the sync servers");
  *client_id = g_strdup (self->client_id);
  return TRUE;
}

/**
 * bos_sync_local_save_seq:
 *
 * Stores the sequence a pull reached, in the transaction of the changes
 * it covers.
 */
gboolean
bos_sync_local_save_seq (BosSyncLocal  *self,
                         const char    *seq,
                         GError       **error)
{
  g_return_val_if_fail (self != NULL && seq != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);
  g_return_val_if_fail (self->client_id != NULL, FALSE);

  return local_exec (self,
                     "INSERT INTO sync_server (url, database, client_id, last_seq) VALUES (?1, ?2, ?3, ?4) "
                     "ON CONFLICT (url, database) DO UPDATE SET last_seq = excluded.last_seq",
                     error, 4, self->url, self->database, self->client_id, seq);
}

/**
 * bos_sync_local_forget_server:
 *
 * The server's database is new or was recreated: forget the sequence and
 * every base revision, so the pull starts from scratch and every record
 * goes up again. Call inside the first pull transaction.
 */
gboolean
bos_sync_local_forget_server (BosSyncLocal  *self,
                              GError       **error)
{
  const BosSyncTable *tables;
  guint n_tables;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!bos_sync_local_save_seq (self, "", error))
    return FALSE;
  tables = bos_sync_registry_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET base_rev = '' WHERE base_rev <> ''",
                                              tables[i].table);

      if (!bos_store_exec (self->store, sql, error))
        return FALSE;
    }
  return bos_store_exec (self->store, "UPDATE sync_conflict SET server_rev = ''", error);
}

/* Conflicts */

static gboolean
conflict_kind (BosSyncLocal  *self,
               const char    *id,
               char         **kind,
               GError       **error)
{
  return local_query_text (self, "SELECT kind FROM sync_conflict WHERE record_id = ?", id, kind, error);
}

static gboolean
conflict_record (BosSyncLocal        *self,
                 const BosSyncTable  *table,
                 const char          *id,
                 const char          *kind,
                 const char          *server_rev,
                 JsonObject          *server_doc,
                 JsonObject          *local_doc,
                 const char          *losing_revs,
                 GError             **error)
{
  g_autofree char *existing = NULL;
  g_autofree char *server_json = bos_sync_doc_to_string (server_doc);

  if (!conflict_kind (self, id, &existing, error))
    return FALSE;

  local_changed (self, "sync_conflict");
  if (existing != NULL)
    return local_exec (self,
                       "UPDATE sync_conflict SET kind = ?2, server_rev = ?3, server_doc = ?4, "
                       "losing_revs = ?5 WHERE record_id = ?1",
                       error, 5, id, kind, server_rev, server_json, losing_revs);
  else
    {
      g_autofree char *local_json = bos_sync_doc_to_string (local_doc);
      g_autofree char *now = bos_timestamp_now ();
      Touched *t = g_hash_table_lookup (self->touched, id);

      g_debug ("Conflict (%s) on %s", kind, id);
      self->counts.new_conflicts++;
      if (t != NULL)
        t->conflict_created = TRUE;
      return local_exec (self,
                         "INSERT INTO sync_conflict (record_id, record_type, kind, server_rev, "
                         "server_doc, local_doc, losing_revs, detected) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         error, 8, id, table->table, kind, server_rev, server_json, local_json,
                         losing_revs, now);
    }
}

/* The server's winner has _conflicts: show the planner the losing leaf
 * against the local record (now the winner, or the local edit). */
static gboolean
conflict_record_server (BosSyncLocal        *self,
                        const BosSyncTable  *table,
                        JsonObject          *winner,
                        JsonObject          *losing_leaf,
                        const char          *losing_revs,
                        GError             **error)
{
  g_autoptr(JsonObject) local_doc = NULL;
  g_autoptr(JsonObject) stub = NULL;
  const char *id = bos_sync_doc_id (winner);

  local_doc = bos_sync_records_read (self->records, table, id, error);
  if (local_doc == NULL)
    return FALSE;
  if (losing_leaf == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *revs;

      stub = json_object_new ();
      json_object_set_string_member (stub, "_id", id);
      if (json_parser_load_from_data (parser, losing_revs, -1, NULL) &&
          JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)) &&
          (revs = json_node_get_array (json_parser_get_root (parser))) != NULL &&
          json_array_get_length (revs) > 0)
        json_object_set_member (stub, "_rev", json_array_dup_element (revs, 0));
      losing_leaf = stub;
    }
  return conflict_record (self, table, id, "server", bos_sync_doc_rev (winner), losing_leaf, local_doc,
                          losing_revs, error);
}

/* Pull */

/* A document for a record with unpushed local edits (also a push that met
 * another revision). */
static gboolean
apply_to_dirty (BosSyncLocal              *self,
                const BosSyncTable        *table,
                JsonObject                *doc,
                JsonObject                *losing_leaf,
                const BosSyncRecordState  *state,
                const char                *kind,
                GError                   **error)
{
  g_autoptr(JsonObject) local_doc = NULL;
  g_autofree char *server_conflicts = bos_sync_doc_dup_conflicts (doc);
  g_autofree char *inflight = NULL;
  g_autofree char *base = NULL;
  g_autofree char *server_digest = NULL;
  const char *id = bos_sync_doc_id (doc);
  const char *rev = bos_sync_doc_rev (doc);

  local_doc = bos_sync_records_read (self->records, table, id, error);
  if (local_doc == NULL)
    return FALSE;
  if (!digest_get (self, id, TRUE, &inflight, error) ||
      !digest_get (self, id, FALSE, &base, error))
    return FALSE;

  server_digest = bos_sync_doc_digest (doc);
  if (inflight != NULL && g_str_equal (inflight, server_digest))
    {
      /* Our own push reached the server though its answer did not reach
       * us: the record builds on that revision, and is clean unless edited
       * since. */
      g_autofree char *local_digest = bos_sync_doc_digest (local_doc);
      BosSyncRecordState next = { TRUE, !g_str_equal (local_digest, server_digest), state->deleted,
                                  (char *) rev, server_conflicts };

      g_debug ("%s: the server has our own write %s", id, rev);
      if (!local_touch (self, table, id, NULL, error) ||
          !bos_sync_records_set_state (self->records, table, id, &next, error) ||
          !base_set (self, id, server_digest, error) ||
          !inflight_drop (self, id, error))
        return FALSE;
      if (server_conflicts != NULL && kind == NULL)
        return conflict_record_server (self, table, doc, losing_leaf, server_conflicts, error);
      return TRUE;
    }

  if (base != NULL && g_str_equal (base, server_digest) && g_strcmp0 (rev, state->base_rev) != 0)
    {
      /* The server holds exactly the version this edit started from, under
       * another revision (pushed again after a reset): the edit builds on it. */
      BosSyncRecordState next = *state;

      g_debug ("%s: the server has our base under %s", id, rev);
      next.base_rev = (char *) rev;
      next.conflicts = server_conflicts;
      if (!local_touch (self, table, id, NULL, error) ||
          !bos_sync_records_set_state (self->records, table, id, &next, error))
        return FALSE;
      if (server_conflicts != NULL && kind == NULL)
        return conflict_record_server (self, table, doc, losing_leaf, server_conflicts, error);
      if (server_conflicts == NULL && kind != NULL)
        return conflict_drop (self, id, error);
      return TRUE;
    }

  if (g_strcmp0 (rev, state->base_rev) == 0)
    {
      /* The local edit builds on this very revision. */
      if (g_strcmp0 (server_conflicts, state->conflicts) != 0)
        {
          BosSyncRecordState next = *state;

          next.conflicts = server_conflicts;
          if (!bos_sync_records_set_state (self->records, table, id, &next, error))
            return FALSE;
        }
      if (server_conflicts != NULL && kind == NULL)
        return conflict_record_server (self, table, doc, losing_leaf, server_conflicts, error);
      return TRUE;
    }

  if (bos_sync_doc_same_content (local_doc, doc))
    {
      /* Both sides hold the same data (two planners typed the same, or a
       * record pushed again after a server reset): nothing to decide. */
      BosSyncRecordState next = { TRUE, FALSE, bos_sync_doc_is_deleted (doc), (char *) rev,
                                  server_conflicts };

      if (!local_touch (self, table, id, doc, error) ||
          !bos_sync_records_write (self->records, table, doc, &next, error) ||
          !base_set (self, id, server_digest, error) ||
          !inflight_drop (self, id, error))
        return FALSE;
      if (kind != NULL && !conflict_drop (self, id, error))
        return FALSE;
      if (server_conflicts != NULL)
        return conflict_record_server (self, table, doc, losing_leaf, server_conflicts, error);
      return TRUE;
    }

  return conflict_record (self, table, id, "edit", rev, doc, local_doc, server_conflicts, error);
}

static gboolean
apply_keep_invalid (BosSyncLocal  *self,
                    const char    *id,
                    JsonObject    *doc,
                    GError        *write_error,
                    GError       **error)
{
  if (!g_error_matches (write_error, BOS_ERROR, BOS_ERROR_INVALID))
    {
      g_propagate_error (error, write_error);
      return FALSE;
    }
  if (!pending_keep (self, id, doc, "invalid", write_error->message, error))
    {
      g_error_free (write_error);
      return FALSE;
    }
  g_error_free (write_error);
  return TRUE;
}

/* Demo plans
 *
 * The demo plan of a new database (is_demo = 1) has the id the real plan
 * of its year has ("plan:2027:national"), and so have records made with it
 * whose ids follow from the plan or the year: its default scenario and
 * that one's settings, the steps of its yearly cycle, decisions, letters.
 * None of it ever leaves this computer (the registry's shared conditions).
 *
 * When the server has the real plan of that year, the demo plan gives way:
 * the first document that is one of its records, or that belongs to it
 * (its plan_id, activity_id or scenario_id is the demo plan's), removes the
 * demo plan with everything that belongs to it and was never synced, with
 * their local history, and the document comes in as a new record, like
 * the real plan's other documents after it. This is no conflict: nothing
 * of the demo was ever shared, and there is nothing to choose between a
 * demo and the real plan. A real record thus never ends up under a demo
 * one; one that arrived earlier in the same pull stays (it has a base_rev)
 * and, if its parent went with the demo, waits in sync_pending for the
 * real parent (bos_sync_local_commit()). */

/* An SQL condition for the rows of @table that belong to plan ?1, or NULL
 * when the table's rows belong to no plan. */
static char *
belongs_to_plan (BosSyncLocal       *self,
                 const BosSyncTable *table)
{
  if (g_str_equal (table->table, "plan"))
    return g_strdup ("id = ?1");
  if (bos_sync_records_has_column (self->records, table, "plan_id"))
    return g_strdup ("plan_id = ?1");
  if (bos_sync_records_has_column (self->records, table, "activity_id"))
    return g_strdup ("activity_id IN (SELECT id FROM activity WHERE plan_id = ?1)");
  if (bos_sync_records_has_column (self->records, table, "scenario_id"))
    return g_strdup ("scenario_id IN (SELECT id FROM scenario WHERE plan_id = ?1)");
  return NULL;
}

/* Whether @doc is a demo plan's record or belongs to demo plan @plan_id. */
static gboolean
doc_is_demo_plans (BosSyncLocal        *self,
                   const BosSyncTable  *table,
                   JsonObject          *doc,
                   const char          *plan_id,
                   gboolean            *is_demo_plans,
                   GError             **error)
{
  static const struct
  {
    const char *member;
    const char *sql;
  } parents[] = {
    { "plan_id", "SELECT ?1 WHERE ?1 = ?2" },
    { "activity_id", "SELECT id FROM activity WHERE id = ?1 AND plan_id = ?2" },
    { "scenario_id", "SELECT id FROM scenario WHERE id = ?1 AND plan_id = ?2" },
  };
  g_autofree char *belongs = belongs_to_plan (self, table);

  *is_demo_plans = FALSE;
  if (belongs != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ?2 AND base_rev = '' AND %s",
                                              table->table, belongs);
      g_autoptr(BosSyncStmt) stmt = bos_sync_records_statement (self->records, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, bos_sync_doc_id (doc), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return bos_store_set_error (self->store, error, "Could not read the demo plan");
      if (rc == SQLITE_ROW)
        {
          *is_demo_plans = TRUE;
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    {
      JsonNode *node = json_object_get_member (doc, parents[i].member);
      g_autoptr(BosSyncStmt) stmt = NULL;
      int rc;

      if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      stmt = bos_sync_records_statement (self->records, parents[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, plan_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return bos_store_set_error (self->store, error, "Could not read the demo plan");
      if (rc == SQLITE_ROW)
        {
          *is_demo_plans = TRUE;
          return TRUE;
        }
    }
  return TRUE;
}

/* Removes demo plan @plan_id and what belongs to it and was never synced. */
static gboolean
remove_demo_plan (BosSyncLocal  *self,
                  const char    *plan_id,
                  GError       **error)
{
  static const char * const bookkeeping[] = {
    "change_log", "sync_digest", "sync_conflict", "sync_extra",
  };
  const BosSyncTable *tables;
  guint n_tables;

  g_debug ("The server has the real %s: the demo plan gives way", plan_id);
  tables = bos_sync_registry_tables (&n_tables);
  /* Children first: the conditions look their parents up. */
  for (guint i = n_tables; i-- > 0;)
    {
      g_autofree char *belongs = belongs_to_plan (self, &tables[i]);
      g_autofree char *rows = NULL;
      g_autofree char *sql = NULL;

      if (belongs == NULL)
        continue;
      rows = g_strdup_printf ("FROM \"%s\" WHERE base_rev = '' AND %s", tables[i].table, belongs);
      for (guint j = 0; j < G_N_ELEMENTS (bookkeeping); j++)
        {
          g_autofree char *side = g_strdup_printf ("DELETE FROM %s WHERE record_id IN (SELECT id %s)",
                                                   bookkeeping[j], rows);

          if (!local_exec (self, side, error, 1, plan_id))
            return FALSE;
        }
      sql = g_strdup_printf ("DELETE %s", rows);
      if (!local_exec (self, sql, error, 1, plan_id))
        return FALSE;
      if (sqlite3_changes (bos_store_get_db (self->store)) > 0)
        local_changed (self, tables[i].table);
    }
  local_changed (self, "sync_conflict");
  return TRUE;
}

/* Before @doc is applied: the demo plan it is the real version of gives way. */
static gboolean
replace_demo_plan (BosSyncLocal        *self,
                   const BosSyncTable  *table,
                   JsonObject          *doc,
                   GError             **error)
{
  g_autoptr(BosSyncStmt) stmt = NULL;
  g_autoptr(GPtrArray) demo_plans = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (bos_sync_doc_is_deleted (doc))
    return TRUE;

  stmt = bos_sync_records_statement (self->records,
                                     "SELECT id FROM plan WHERE is_demo = 1 AND base_rev = ''", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (demo_plans, g_strdup (bos_sqlite_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return bos_store_set_error (self->store, error, "Could not read the demo plan");

  for (guint i = 0; i < demo_plans->len; i++)
    {
      const char *plan_id = g_ptr_array_index (demo_plans, i);
      gboolean is_demo_plans;

      if (!doc_is_demo_plans (self, table, doc, plan_id, &is_demo_plans, error))
        return FALSE;
      if (is_demo_plans)
        return remove_demo_plan (self, plan_id, error);
    }
  return TRUE;
}

/**
 * bos_sync_local_apply:
 * @doc: a document from the server's changes feed (its current winner)
 * @losing_leaf: (nullable): when @doc has _conflicts, the first losing
 *   revision's document, for the conflict view
 *
 * Applies one change by the rules at the top of this file. Inside a
 * transaction. A document this version cannot store (unknown type, refused
 * value) is kept in sync_pending; only database failures are errors.
 */
gboolean
bos_sync_local_apply (BosSyncLocal  *self,
                      JsonObject    *doc,
                      JsonObject    *losing_leaf,
                      GError       **error)
{
  g_auto(BosSyncRecordState) state = { 0 };
  g_autofree char *server_conflicts = NULL;
  g_autofree char *kind = NULL;
  const BosSyncTable *table;
  const char *id, *rev;
  gboolean deleted;
  GError *write_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  id = bos_sync_doc_id (doc);
  rev = bos_sync_doc_rev (doc);
  if (id == NULL || rev == NULL || id[0] == '_')
    return TRUE;  /* design documents and the like are not records */
  deleted = bos_sync_doc_is_deleted (doc);

  table = bos_sync_doc_table (doc);
  if (table == NULL)
    {
      if (deleted)
        return pending_drop (self, id, error);
      return pending_keep (self, id, doc, "type",
                           "a kind of record this version of Bosetting does not know; "
                           "a newer version will show it",
                           error);
    }

  if (!replace_demo_plan (self, table, doc, error) ||
      !bos_sync_records_get_state (self->records, table, id, &state, error) ||
      !conflict_kind (self, id, &kind, error) ||
      !pending_drop (self, id, error))
    return FALSE;
  server_conflicts = bos_sync_doc_dup_conflicts (doc);

  if (!state.exists)
    {
      BosSyncRecordState next = { TRUE, FALSE, FALSE, (char *) rev, server_conflicts };
      Touched *t;

      if (deleted)
        return TRUE;
      if (!local_touch (self, table, id, doc, error))
        return FALSE;
      if (!bos_sync_records_write (self->records, table, doc, &next, &write_error))
        {
          g_hash_table_remove (self->touched, id);
          return apply_keep_invalid (self, id, doc, write_error, error);
        }
      if (!base_set_doc (self, doc, error))
        return FALSE;
      t = g_hash_table_lookup (self->touched, id);
      t->counted = TRUE;
      self->counts.pulled++;
      if (server_conflicts != NULL)
        return conflict_record_server (self, table, doc, losing_leaf, server_conflicts, error);
      return TRUE;
    }

  if (state.dirty)
    return apply_to_dirty (self, table, doc, losing_leaf, &state, kind, error);

  /* Clean locally */
  if (g_strcmp0 (rev, state.base_rev) == 0)
    {
      if (!state.deleted && !base_set_doc (self, doc, error))
        return FALSE;
      if (g_strcmp0 (server_conflicts, state.conflicts) != 0)
        {
          BosSyncRecordState next = state;

          next.conflicts = server_conflicts;
          if (!bos_sync_records_set_state (self->records, table, id, &next, error))
            return FALSE;
        }
      if (server_conflicts != NULL && kind == NULL)
        return conflict_record_server (self, table, doc, losing_leaf, server_conflicts, error);
      if (server_conflicts == NULL && kind != NULL)
        return conflict_drop (self, id, error);
      return TRUE;
    }

  if (!local_touch (self, table, id, doc, error))
    return FALSE;
  if (deleted)
    {
      /* Kept as a clean tombstone until purged: children may still refer to it. */
      BosSyncRecordState next = { TRUE, FALSE, TRUE, (char *) rev, NULL };

      if (!bos_sync_records_set_state (self->records, table, id, &next, error))
        return FALSE;
    }
  else
    {
      BosSyncRecordState next = { TRUE, FALSE, FALSE, (char *) rev, server_conflicts };

      if (!bos_sync_records_write (self->records, table, doc, &next, &write_error))
        {
          g_hash_table_remove (self->touched, id);
          return apply_keep_invalid (self, id, doc, write_error, error);
        }
    }
  if (!base_set_doc (self, doc, error))
    return FALSE;
  ((Touched *) g_hash_table_lookup (self->touched, id))->counted = TRUE;
  self->counts.pulled++;

  if (server_conflicts != NULL)
    return conflict_record_server (self, table, doc, losing_leaf, server_conflicts, error);
  if (kind != NULL)
    return conflict_drop (self, id, error);
  return TRUE;
}

/**
 * bos_sync_local_retry_pending:
 *
 * Applies the documents kept aside again (their parent may have arrived,
 * this version may know their type now). Inside a transaction.
 */
gboolean
bos_sync_local_retry_pending (BosSyncLocal  *self,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  stmt = bos_store_prepare (self->store, "SELECT record_id, doc FROM sync_pending ORDER BY received", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      JsonObject *doc = bos_sync_doc_parse (bos_sqlite_text (stmt, 1), &local_error);

      if (doc == NULL)
        g_warning ("Unreadable pending document %s: %s", bos_sqlite_text (stmt, 0), local_error->message);
      else
        g_ptr_array_add (docs, doc);
    }
  if (rc != SQLITE_DONE)
    return bos_store_set_error (self->store, error, "Could not read the pending documents");
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < docs->len; i++)
    if (!bos_sync_local_apply (self, g_ptr_array_index (docs, i), NULL, error))
      return FALSE;
  return TRUE;
}

/**
 * bos_sync_local_mark_unsynced:
 *
 * After a full pull from a new or recreated server database: every clean
 * record the server did not send (its base revision still empty) is made
 * dirty, so it goes up again.
 */
gboolean
bos_sync_local_mark_unsynced (BosSyncLocal  *self,
                              GError       **error)
{
  const BosSyncTable *tables;
  guint n_tables;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  tables = bos_sync_registry_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET dirty = 1 "
                                              "WHERE dirty = 0 AND deleted = 0 AND base_rev = '' AND (%s)",
                                              tables[i].table,
                                              tables[i].shared ? tables[i].shared : "1");

      if (!bos_store_exec (self->store, sql, error))
        return FALSE;
      if (sqlite3_changes (bos_store_get_db (self->store)) > 0)
        local_changed (self, tables[i].table);
    }
  return TRUE;
}

/* Push */

/**
 * bos_sync_local_collect:
 *
 * Returns: (transfer full) (element-type BosSyncItem): the records to push:
 *   dirty, shared, not waiting for a planner's decision on a conflict
 */
GPtrArray *
bos_sync_local_collect (BosSyncLocal  *self,
                        GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) bos_sync_item_free);
  const BosSyncTable *tables;
  guint n_tables;

  g_return_val_if_fail (self != NULL, NULL);

  tables = bos_sync_registry_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = NULL;
      int rc;

      sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE dirty = 1 AND (%s) "
                             "AND id NOT IN (SELECT record_id FROM sync_conflict) ORDER BY rowid",
                             tables[i].table, tables[i].shared ? tables[i].shared : "1");
      stmt = bos_store_prepare (self->store, sql, error);
      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          BosSyncItem *item = g_new0 (BosSyncItem, 1);

          item->table = &tables[i];
          item->id = g_strdup (bos_sqlite_text (stmt, 0));
          g_ptr_array_add (items, item);
        }
      if (rc != SQLITE_DONE)
        {
          bos_store_set_error (self->store, error, "Could not list the records to send");
          return NULL;
        }
    }
  return g_steal_pointer (&items);
}

/**
 * bos_sync_local_push_doc:
 * @digest: (out): the digest of what is sent
 * @losing_revs: (out) (transfer full): server-side losing revisions to
 *   delete with it (after a planner resolved a conflict), or %NULL
 *
 * Returns: (transfer full): the document to send, "_rev" = base_rev, or
 *   %NULL with @error set
 */
JsonObject *
bos_sync_local_push_doc (BosSyncLocal  *self,
                         BosSyncItem   *item,
                         char         **digest,
                         GStrv         *losing_revs,
                         GError       **error)
{
  g_auto(BosSyncRecordState) state = { 0 };
  g_autoptr(JsonObject) local_doc = NULL;
  JsonObject *push;

  g_return_val_if_fail (self != NULL && item != NULL, NULL);

  *losing_revs = NULL;
  if (!bos_sync_records_get_state (self->records, item->table, item->id, &state, error))
    return NULL;
  local_doc = bos_sync_records_read (self->records, item->table, item->id, error);
  if (local_doc == NULL)
    return NULL;

  push = bos_sync_doc_push_form (local_doc);
  if (state.base_rev != NULL && *state.base_rev != '\0')
    json_object_set_string_member (push, "_rev", state.base_rev);
  *digest = bos_sync_doc_digest (local_doc);

  if (state.conflicts != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (json_parser_load_from_data (parser, state.conflicts, -1, NULL) &&
          JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        {
          JsonArray *revs = json_node_get_array (json_parser_get_root (parser));

          for (guint i = 0; i < json_array_get_length (revs); i++)
            {
              const char *rev = json_array_get_string_element (revs, i);

              if (rev != NULL && g_strcmp0 (rev, state.base_rev) != 0)
                g_strv_builder_add (builder, rev);
            }
        }
      *losing_revs = g_strv_builder_end (builder);
      if (g_strv_length (*losing_revs) == 0)
        g_clear_pointer (losing_revs, g_strfreev);
    }
  return push;
}

gboolean
bos_sync_local_set_inflight (BosSyncLocal  *self,
                             const char    *id,
                             const char    *digest,
                             GError       **error)
{
  g_return_val_if_fail (self != NULL && id != NULL && digest != NULL, FALSE);

  return local_exec (self,
                     "INSERT INTO sync_digest (record_id, inflight) VALUES (?, ?) "
                     "ON CONFLICT (record_id) DO UPDATE SET inflight = excluded.inflight",
                     error, 2, id, digest);
}

/**
 * bos_sync_local_confirm:
 * @new_rev: the revision the server gave
 * @digest: the digest of what was sent
 *
 * The server stored the record. It becomes clean unless it was edited
 * since it was read for the push; either way it now builds on @new_rev.
 */
gboolean
bos_sync_local_confirm (BosSyncLocal  *self,
                        BosSyncItem   *item,
                        const char    *new_rev,
                        const char    *digest,
                        GError       **error)
{
  g_auto(BosSyncRecordState) state = { 0 };
  g_autoptr(JsonObject) local_doc = NULL;
  g_autofree char *local_digest = NULL;
  BosSyncRecordState next;

  g_return_val_if_fail (self != NULL && item != NULL && new_rev != NULL && digest != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!bos_sync_records_get_state (self->records, item->table, item->id, &state, error))
    return FALSE;
  self->counts.pushed++;
  if (!state.exists)
    return inflight_drop (self, item->id, error);

  local_doc = bos_sync_records_read (self->records, item->table, item->id, error);
  if (local_doc == NULL)
    return FALSE;
  local_digest = bos_sync_doc_digest (local_doc);

  next = state;
  next.base_rev = (char *) new_rev;
  next.dirty = !g_str_equal (local_digest, digest);
  if (next.dirty)
    g_debug ("%s was edited while it was sent; it stays to be sent", item->id);
  local_changed (self, item->table->table);
  if (!bos_sync_records_set_state (self->records, item->table, item->id, &next, error) ||
      !base_set (self, item->id, digest, error))
    return FALSE;
  return inflight_drop (self, item->id, error);
}

/**
 * bos_sync_local_refused:
 *
 * The server refused the record (forbidden, unauthorized, invalid): it
 * stays dirty, nothing was stored there.
 */
gboolean
bos_sync_local_refused (BosSyncLocal  *self,
                        BosSyncItem   *item,
                        GError       **error)
{
  g_return_val_if_fail (self != NULL && item != NULL, FALSE);
  return inflight_drop (self, item->id, error);
}

/**
 * bos_sync_local_push_conflict:
 * @server_doc: (nullable): the server's current version, %NULL when it
 *   could not be read (the record stays dirty and is sent again next time)
 *
 * The server has another revision than the record's base: apply the dirty
 * record rules (our own write, the same content, or a conflict).
 */
gboolean
bos_sync_local_push_conflict (BosSyncLocal  *self,
                              BosSyncItem   *item,
                              JsonObject    *server_doc,
                              JsonObject    *losing_leaf,
                              GError       **error)
{
  g_auto(BosSyncRecordState) state = { 0 };
  g_autofree char *kind = NULL;

  g_return_val_if_fail (self != NULL && item != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (server_doc == NULL || bos_sync_doc_rev (server_doc) == NULL)
    return TRUE;
  if (!bos_sync_records_get_state (self->records, item->table, item->id, &state, error) ||
      !conflict_kind (self, item->id, &kind, error))
    return FALSE;
  if (!state.exists)
    return TRUE;
  /* Only dirty records are sent, and only this connection clears dirty. */
  g_assert (state.dirty);
  return apply_to_dirty (self, item->table, server_doc, losing_leaf, &state, kind, error);
}

/**
 * bos_sync_local_leaf_result:
 * @rev: a losing revision sent as deleted
 * @gone: %TRUE when the server deleted it (or it was gone already)
 */
gboolean
bos_sync_local_leaf_result (BosSyncLocal  *self,
                            BosSyncItem   *item,
                            const char    *rev,
                            gboolean       gone,
                            GError       **error)
{
  g_auto(BosSyncRecordState) state = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) left = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  BosSyncRecordState next;

  g_return_val_if_fail (self != NULL && item != NULL && rev != NULL, FALSE);

  if (!bos_sync_records_get_state (self->records, item->table, item->id, &state, error))
    return FALSE;
  if (!state.exists || state.conflicts == NULL)
    return TRUE;

  next = state;
  if (!gone)
    {
      /* Refused: send the deletion again next time. */
      next.dirty = TRUE;
      return bos_sync_records_set_state (self->records, item->table, item->id, &next, error);
    }

  if (json_parser_load_from_data (parser, state.conflicts, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      JsonArray *revs = json_node_get_array (json_parser_get_root (parser));

      for (guint i = 0; i < json_array_get_length (revs); i++)
        if (g_strcmp0 (json_array_get_string_element (revs, i), rev) != 0)
          json_array_add_element (left, json_array_dup_element (revs, i));
    }
  if (json_array_get_length (left) > 0)
    {
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, left);
      json = json_to_string (node, FALSE);
    }
  next.conflicts = json;
  return bos_sync_records_set_state (self->records, item->table, item->id, &next, error);
}

/* After */

/**
 * bos_sync_local_purge:
 *
 * Removes tombstones the server has confirmed (clean and deleted), children
 * first; a row still referred to stays (a tombstone is invisible anyway).
 * In a transaction of its own, with foreign keys checked at once.
 */
gboolean
bos_sync_local_purge (BosSyncLocal  *self,
                      GError       **error)
{
  const BosSyncTable *tables;
  guint n_tables;
  gboolean progress = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!local_begin (self, FALSE, error))
    return FALSE;

  tables = bos_sync_registry_tables (&n_tables);
  while (progress)
    {
      progress = FALSE;
      for (guint i = n_tables; i-- > 0;)
        {
          g_autoptr(sqlite3_stmt) stmt = NULL;
          g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *sql = NULL;

          sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE deleted = 1 AND dirty = 0 "
                                 "AND id NOT IN (SELECT record_id FROM sync_conflict)",
                                 tables[i].table);
          stmt = bos_store_prepare (self->store, sql, error);
          if (stmt == NULL)
            goto failed;
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_ptr_array_add (ids, g_strdup (bos_sqlite_text (stmt, 0)));
          g_clear_pointer (&stmt, sqlite3_finalize);

          for (guint j = 0; j < ids->len; j++)
            {
              g_autoptr(GError) local_error = NULL;
              const char *id = g_ptr_array_index (ids, j);

              if (!bos_sync_records_remove (self->records, &tables[i], id, &local_error))
                {
                  if (!g_error_matches (local_error, BOS_ERROR, BOS_ERROR_INVALID))
                    {
                      g_propagate_error (error, g_steal_pointer (&local_error));
                      goto failed;
                    }
                  continue;  /* still referred to */
                }
              if (!local_exec (self, "DELETE FROM sync_digest WHERE record_id = ?", error, 1, id))
                goto failed;
              local_changed (self, tables[i].table);
              progress = TRUE;
            }
        }
    }

  if (!bos_store_exec (self->store, "COMMIT", error))
    goto failed;
  self->in_transaction = FALSE;
  return TRUE;

failed:
  bos_sync_local_rollback (self);
  return FALSE;
}

/* Figures */

guint
bos_sync_local_get_pulled (BosSyncLocal *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counts.pulled;
}

guint
bos_sync_local_get_pushed (BosSyncLocal *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counts.pushed;
}

guint
bos_sync_local_get_new_conflicts (BosSyncLocal *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counts.new_conflicts;
}

/**
 * bos_sync_local_get_changed_tables:
 *
 * Returns: (transfer container) (element-type utf8): the tables written in
 *   this run (interned strings)
 */
GPtrArray *
bos_sync_local_get_changed_tables (BosSyncLocal *self)
{
  GPtrArray *tables = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  g_hash_table_iter_init (&iter, self->changed_tables);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (tables, key);
  return tables;
}

gint64
bos_sync_local_count_conflicts (BosSyncLocal  *self,
                                GError       **error)
{
  g_return_val_if_fail (self != NULL, -1);
  return local_count (self, "SELECT count(*) FROM sync_conflict", error);
}

gint64
bos_sync_local_count_pending (BosSyncLocal  *self,
                              GError       **error)
{
  g_return_val_if_fail (self != NULL, -1);
  return local_count (self, "SELECT count(*) FROM sync_pending", error);
}

/**
 * bos_sync_local_count_unsynced:
 *
 * Returns: the local edits the server does not have and that are not
 *   waiting for a conflict decision, or -1 with @error set
 */
gint64
bos_sync_local_count_unsynced (BosSyncLocal  *self,
                               GError       **error)
{
  const BosSyncTable *tables;
  guint n_tables;
  gint64 total = 0;

  g_return_val_if_fail (self != NULL, -1);

  tables = bos_sync_registry_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE dirty = 1 AND (%s) "
                                              "AND id NOT IN (SELECT record_id FROM sync_conflict)",
                                              tables[i].table,
                                              tables[i].shared ? tables[i].shared : "1");
      gint64 n = local_count (self, sql, error);

      if (n < 0)
        return -1;
      total += n;
    }
  return total;
}

/**
 * bos_sync_local_list_pending:
 *
 * Returns: (transfer full) (element-type utf8): "id: why" per document
 *   kept aside
 */
GPtrArray *
bos_sync_local_list_pending (BosSyncLocal  *self,
                             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = bos_store_prepare (self->store, "SELECT record_id, message FROM sync_pending ORDER BY record_id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup_printf ("%s: %s", bos_sqlite_text (stmt, 0), bos_sqlite_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (self->store, error, "Could not read the pending documents");
      return NULL;
    }
  return g_steal_pointer (&lines);
}
