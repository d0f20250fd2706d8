/* bos-sync-record.c: a synced table's row as a CouchDB document and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document of a row has "_id" (the row's id), "type" (the table) and
 * one field per column except the sync bookkeeping (base_rev, dirty,
 * deleted, conflicts); the columns come from PRAGMA table_info, so a column
 * added by a migration syncs without code. SQL NULL is JSON null, INTEGER a
 * number, REAL a number, TEXT a string.
 *
 * Writing a document back:
 *  - fields this version has no column for (a newer Bosetting's) go to
 *    sync_extra and are sent back unchanged with the record;
 *  - a column the document lacks (an older Bosetting's) keeps its local
 *    value, or its default for a new row;
 *  - a constraint that refuses the values (CHECK, NOT NULL, UNIQUE, a
 *    trigger) fails with BOS_ERROR_INVALID, for the caller to keep the
 *    document aside; foreign keys are the caller's business (deferred).
 *
 * Digests compare documents the way the server stores them: keys sorted,
 * numbers without a fraction written as integers (JavaScript turns 1.0
 * into 1), revision fields left out.
 */
#define G_LOG_DOMAIN "bos-sync-record"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bos-error.h"
#include "bos-sync-record.h"

typedef struct
{
  const BosSyncTable *table;
  GPtrArray          *columns;   /* content columns (not id, not bookkeeping) */
  GHashTable         *index;     /* column name → position + 1 */
  char               *state_sql;
  char               *read_sql;
  char               *set_state_sql;
  char               *remove_sql;
  GHashTable         *upsert_sql; /* mask of present columns → SQL */
} TableInfo;

struct _BosSyncRecords
{
  BosStore   *store;
  GHashTable *tables;      /* table name → TableInfo */
  GHashTable *statements;  /* SQL → sqlite3_stmt */
};

static void
table_info_free (gpointer data)
{
  TableInfo *info = data;

  g_ptr_array_unref (info->columns);
  g_hash_table_unref (info->index);
  g_hash_table_unref (info->upsert_sql);
  g_free (info->state_sql);
  g_free (info->read_sql);
  g_free (info->set_state_sql);
  g_free (info->remove_sql);
  g_free (info);
}

/* Double-quoted SQL identifier */
static void
append_ident (GString    *sql,
              const char *name)
{
  g_string_append_c (sql, '"');
  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '"');
}

static TableInfo *
table_info_new (BosStore            *store,
                const BosSyncTable  *table,
                GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  TableInfo *info;
  int rc;

  stmt = bos_store_prepare (store, "SELECT name FROM pragma_table_info (?) ORDER BY cid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table->table, -1, SQLITE_STATIC);

  info = g_new0 (TableInfo, 1);
  info->table = table;
  info->columns = g_ptr_array_new_with_free_func (g_free);
  info->index = g_hash_table_new (g_str_hash, g_str_equal);
  info->upsert_sql = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = bos_sqlite_text (stmt, 0);

      if (g_str_equal (name, "id") || bos_sync_registry_is_bookkeeping_column (name))
        continue;
      g_ptr_array_add (info->columns, g_strdup (name));
      g_hash_table_insert (info->index, g_ptr_array_index (info->columns, info->columns->len - 1),
                           GUINT_TO_POINTER (info->columns->len));
    }
  if (rc != SQLITE_DONE || info->columns->len == 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_DATABASE,
                   "Could not read the columns of the synced table “%s”", table->table);
      table_info_free (info);
      return NULL;
    }

  g_string_assign (sql, "SELECT base_rev, dirty, deleted, conflicts FROM ");
  append_ident (sql, table->table);
  g_string_append (sql, " WHERE id = ?");
  info->state_sql = g_strdup (sql->str);

  g_string_assign (sql, "SELECT deleted");
  for (guint i = 0; i < info->columns->len; i++)
    {
      g_string_append (sql, ", ");
      append_ident (sql, g_ptr_array_index (info->columns, i));
    }
  g_string_append (sql, " FROM ");
  append_ident (sql, table->table);
  g_string_append (sql, " WHERE id = ?");
  info->read_sql = g_strdup (sql->str);

  g_string_assign (sql, "UPDATE ");
  append_ident (sql, table->table);
  g_string_append (sql, " SET base_rev = ?2, dirty = ?3, deleted = ?4, conflicts = ?5 WHERE id = ?1");
  info->set_state_sql = g_strdup (sql->str);

  g_string_assign (sql, "DELETE FROM ");
  append_ident (sql, table->table);
  g_string_append (sql, " WHERE id = ?");
  info->remove_sql = g_strdup (sql->str);

  return info;
}

static TableInfo *
records_table (BosSyncRecords     *self,
               const BosSyncTable *table)
{
  TableInfo *info = g_hash_table_lookup (self->tables, table->table);

  g_assert (info != NULL);
  return info;
}

/**
 * bos_sync_records_new:
 *
 * Reads the columns of every synced table of @store.
 *
 * Returns: (transfer full): the records, or %NULL with @error set
 */
BosSyncRecords *
bos_sync_records_new (BosStore  *store,
                      GError   **error)
{
  g_autoptr(BosSyncRecords) self = NULL;
  const BosSyncTable *tables;
  guint n_tables;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  self = g_new0 (BosSyncRecords, 1);
  self->store = g_object_ref (store);
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, table_info_free);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);

  tables = bos_sync_registry_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      TableInfo *info = table_info_new (store, &tables[i], error);

      if (info == NULL)
        return NULL;
      g_hash_table_insert (self->tables, (gpointer) tables[i].table, info);
    }
  return g_steal_pointer (&self);
}

void
bos_sync_records_free (BosSyncRecords *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->tables, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self);
}

BosStore *
bos_sync_records_get_store (BosSyncRecords *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->store;
}

/**
 * bos_sync_records_statement:
 *
 * Returns: (transfer none): a prepared statement for @sql, kept for the
 *   life of @self; hold it in a g_autoptr(BosSyncStmt) to reset it
 */
sqlite3_stmt *
bos_sync_records_statement (BosSyncRecords  *self,
                            const char      *sql,
                            GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = bos_store_prepare (self->store, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
bos_sync_records_has_column (BosSyncRecords     *self,
                             const BosSyncTable *table,
                             const char         *column)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  return g_hash_table_contains (records_table (self, table)->index, column);
}

void
bos_sync_record_state_clear (BosSyncRecordState *state)
{
  g_clear_pointer (&state->base_rev, g_free);
  g_clear_pointer (&state->conflicts, g_free);
  state->exists = state->dirty = state->deleted = FALSE;
}

/**
 * bos_sync_records_get_state:
 * @state: (out caller-allocates): cleared first
 *
 * Reads a record's sync bookkeeping; @state->exists is %FALSE when there
 * is no row.
 */
gboolean
bos_sync_records_get_state (BosSyncRecords      *self,
                            const BosSyncTable  *table,
                            const char          *id,
                            BosSyncRecordState  *state,
                            GError             **error)
{
  g_autoptr(BosSyncStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (table != NULL && id != NULL && state != NULL, FALSE);

  bos_sync_record_state_clear (state);
  stmt = bos_sync_records_statement (self, records_table (self, table)->state_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return bos_store_set_error (self->store, error, "Could not read a record's sync state");
  state->exists = TRUE;
  state->base_rev = g_strdup (bos_sqlite_text (stmt, 0));
  state->dirty = sqlite3_column_int (stmt, 1) != 0;
  state->deleted = sqlite3_column_int (stmt, 2) != 0;
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    state->conflicts = g_strdup (bos_sqlite_text (stmt, 3));
  return TRUE;
}

static JsonNode *
column_to_node (sqlite3_stmt *stmt,
                int           column)
{
  JsonNode *node = json_node_alloc ();

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      return json_node_init_int (node, sqlite3_column_int64 (stmt, column));
    case SQLITE_FLOAT:
      return json_node_init_double (node, sqlite3_column_double (stmt, column));
    case SQLITE_TEXT:
      return json_node_init_string (node, bos_sqlite_text (stmt, column));
    case SQLITE_BLOB:
      {
        g_autofree char *base64 = g_base64_encode (sqlite3_column_blob (stmt, column),
                                                   sqlite3_column_bytes (stmt, column));
        return json_node_init_string (node, base64);
      }
    case SQLITE_NULL:
    default:
      return json_node_init_null (node);
    }
}

static gboolean
records_read_extra (BosSyncRecords  *self,
                    const char      *id,
                    JsonObject     **extra,
                    GError         **error)
{
  g_autoptr(BosSyncStmt) stmt = NULL;
  int rc;

  *extra = NULL;
  stmt = bos_sync_records_statement (self, "SELECT fields FROM sync_extra WHERE record_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;

      *extra = bos_sync_doc_parse (bos_sqlite_text (stmt, 0), &local_error);
      if (*extra == NULL)
        g_warning ("Ignoring unreadable extra fields of %s: %s", id, local_error->message);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return bos_store_set_error (self->store, error, "Could not read a record's extra fields");
  return TRUE;
}

/**
 * bos_sync_records_read:
 *
 * The local record as a document: "_id", "type", one field per column,
 * the extra fields kept from the server, and "_deleted": true for a
 * tombstone (with its last content, for the conflict view).
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 *   (%BOS_ERROR_NOT_FOUND when there is no such row)
 */
JsonObject *
bos_sync_records_read (BosSyncRecords      *self,
                       const BosSyncTable  *table,
                       const char          *id,
                       GError             **error)
{
  g_autoptr(BosSyncStmt) stmt = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) extra = NULL;
  TableInfo *info;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (table != NULL && id != NULL, NULL);

  info = records_table (self, table);
  stmt = bos_sync_records_statement (self, info->read_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, "There is no record “%s”", id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      bos_store_set_error (self->store, error, "Could not read a record");
      return NULL;
    }

  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", table->table);
  for (guint i = 0; i < info->columns->len; i++)
    json_object_set_member (doc, g_ptr_array_index (info->columns, i), column_to_node (stmt, i + 1));
  if (sqlite3_column_int (stmt, 0) != 0)
    json_object_set_boolean_member (doc, "_deleted", TRUE);

  if (!records_read_extra (self, id, &extra, error))
    return NULL;
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &value))
        if (!json_object_has_member (doc, name))
          json_object_set_member (doc, name, json_node_copy (value));
    }
  return g_steal_pointer (&doc);
}

static void
bind_node (sqlite3_stmt *stmt,
           int           position,
           JsonNode     *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      sqlite3_bind_null (stmt, position);
      return;
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_INT64)
          sqlite3_bind_int64 (stmt, position, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          sqlite3_bind_double (stmt, position, json_node_get_double (node));
        else if (type == G_TYPE_BOOLEAN)
          sqlite3_bind_int (stmt, position, json_node_get_boolean (node) ? 1 : 0);
        else
          sqlite3_bind_text (stmt, position, json_node_get_string (node), -1, SQLITE_TRANSIENT);
        return;
      }
    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
    default:
      {
        char *text = json_to_string (node, FALSE);
        sqlite3_bind_text (stmt, position, text, -1, g_free);
        return;
      }
    }
}

static const char *
upsert_sql (TableInfo  *info,
            const char *mask)
{
  g_autoptr(GString) sql = NULL;
  const char *cached = g_hash_table_lookup (info->upsert_sql, mask);
  gboolean first = TRUE;

  if (cached != NULL)
    return cached;

  sql = g_string_new ("INSERT INTO ");
  append_ident (sql, info->table->table);
  g_string_append (sql, " (id");
  for (guint i = 0; i < info->columns->len; i++)
    if (mask[i] == '1')
      {
        g_string_append (sql, ", ");
        append_ident (sql, g_ptr_array_index (info->columns, i));
      }
  g_string_append (sql, ", base_rev, dirty, deleted, conflicts) VALUES (?");
  for (guint i = 0; i < info->columns->len; i++)
    if (mask[i] == '1')
      g_string_append (sql, ", ?");
  g_string_append (sql, ", ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET ");
  for (guint i = 0; i < info->columns->len; i++)
    if (mask[i] == '1')
      {
        const char *name = g_ptr_array_index (info->columns, i);

        if (!first)
          g_string_append (sql, ", ");
        first = FALSE;
        append_ident (sql, name);
        g_string_append (sql, " = excluded.");
        append_ident (sql, name);
      }
  if (!first)
    g_string_append (sql, ", ");
  g_string_append (sql, "base_rev = excluded.base_rev, dirty = excluded.dirty, "
                        "deleted = excluded.deleted, conflicts = excluded.conflicts");

  g_hash_table_insert (info->upsert_sql, g_strdup (mask), g_strdup (sql->str));
  return g_hash_table_lookup (info->upsert_sql, mask);
}

static gboolean
set_sqlite_error (BosStore    *store,
                  GError     **error,
                  const char  *what)
{
  sqlite3 *db = bos_store_get_db (store);

  /* A constraint refusing the values is the document's problem (kept aside
   * by the caller); anything else is the database's. */
  if ((sqlite3_extended_errcode (db) & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, "%s: %s", what, sqlite3_errmsg (db));
      return FALSE;
    }
  return bos_store_set_error (store, error, what);
}

static gboolean
records_write_extra (BosSyncRecords  *self,
                     const char      *id,
                     JsonObject      *extra,
                     GError         **error)
{
  g_autoptr(BosSyncStmt) stmt = NULL;

  if (extra != NULL && json_object_get_size (extra) > 0)
    {
      stmt = bos_sync_records_statement (self,
                                         "INSERT INTO sync_extra (record_id, fields) VALUES (?, ?) "
                                         "ON CONFLICT (record_id) DO UPDATE SET fields = excluded.fields",
                                         error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, bos_sync_doc_to_string (extra), -1, g_free);
    }
  else
    {
      stmt = bos_sync_records_statement (self, "DELETE FROM sync_extra WHERE record_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (self->store, error, "Could not keep a record's extra fields");
  return TRUE;
}

/**
 * bos_sync_records_write:
 * @doc: a document of @table; a tombstone only changes the bookkeeping of
 *   an existing row
 * @sync: the bookkeeping to store (exists is ignored)
 *
 * Inserts or updates the record from @doc. Fields without a column go to
 * sync_extra; columns the document lacks keep their value.
 *
 * Returns: %TRUE, or %FALSE with @error set (%BOS_ERROR_INVALID when a
 *   constraint refuses the values; nothing is changed then)
 */
gboolean
bos_sync_records_write (BosSyncRecords            *self,
                        const BosSyncTable        *table,
                        JsonObject                *doc,
                        const BosSyncRecordState  *sync,
                        GError                   **error)
{
  g_autoptr(BosSyncStmt) stmt = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *mask = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  const char *id;
  TableInfo *info;
  int position = 1;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (table != NULL && doc != NULL && sync != NULL, FALSE);

  id = bos_sync_doc_id (doc);
  g_return_val_if_fail (id != NULL, FALSE);

  if (bos_sync_doc_is_deleted (doc))
    {
      BosSyncRecordState tombstone = *sync;

      tombstone.deleted = TRUE;
      return bos_sync_records_set_state (self, table, id, &tombstone, error);
    }

  info = records_table (self, table);
  mask = g_malloc (info->columns->len + 1);
  for (guint i = 0; i < info->columns->len; i++)
    mask[i] = json_object_has_member (doc, g_ptr_array_index (info->columns, i)) ? '1' : '0';
  mask[info->columns->len] = '\0';

  stmt = bos_sync_records_statement (self, upsert_sql (info, mask), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, position++, id, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < info->columns->len; i++)
    if (mask[i] == '1')
      bind_node (stmt, position++,
                 json_object_get_member (doc, g_ptr_array_index (info->columns, i)));
  sqlite3_bind_text (stmt, position++, sync->base_rev ? sync->base_rev : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, position++, sync->dirty ? 1 : 0);
  sqlite3_bind_int (stmt, position++, sync->deleted ? 1 : 0);
  if (sync->conflicts != NULL)
    sqlite3_bind_text (stmt, position++, sync->conflicts, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, position++);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self->store, error, "The record could not be stored");

  json_object_iter_init (&iter, doc);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (name[0] == '_' || g_str_equal (name, "type") || g_hash_table_contains (info->index, name))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, json_node_copy (value));
    }
  return records_write_extra (self, id, extra, error);
}

/**
 * bos_sync_records_set_state:
 *
 * Stores a record's bookkeeping without touching its content.
 */
gboolean
bos_sync_records_set_state (BosSyncRecords            *self,
                            const BosSyncTable        *table,
                            const char                *id,
                            const BosSyncRecordState  *sync,
                            GError                   **error)
{
  g_autoptr(BosSyncStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (table != NULL && id != NULL && sync != NULL, FALSE);

  stmt = bos_sync_records_statement (self, records_table (self, table)->set_state_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sync->base_rev ? sync->base_rev : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, sync->dirty ? 1 : 0);
  sqlite3_bind_int (stmt, 4, sync->deleted ? 1 : 0);
  if (sync->conflicts != NULL)
    sqlite3_bind_text (stmt, 5, sync->conflicts, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self->store, error, "Could not store a record's sync state");
  return TRUE;
}

/**
 * bos_sync_records_remove:
 *
 * Deletes the row and its extra fields. Fails with %BOS_ERROR_INVALID when
 * other rows still refer to it.
 */
gboolean
bos_sync_records_remove (BosSyncRecords      *self,
                         const BosSyncTable  *table,
                         const char          *id,
                         GError             **error)
{
  g_autoptr(BosSyncStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (table != NULL && id != NULL, FALSE);

  stmt = bos_sync_records_statement (self, records_table (self, table)->remove_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self->store, error, "Could not remove a record");
  return records_write_extra (self, id, NULL, error);
}

/* Documents */

/**
 * bos_sync_doc_table:
 *
 * Returns: (nullable): the table of a document: its "type", else its id's
 *   prefix; %NULL when this version does not know it
 */
const BosSyncTable *
bos_sync_doc_table (JsonObject *doc)
{
  JsonNode *type;
  const char *id;

  g_return_val_if_fail (doc != NULL, NULL);

  type = json_object_get_member (doc, "type");
  if (type != NULL && JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    return bos_sync_registry_lookup (json_node_get_string (type));
  id = bos_sync_doc_id (doc);
  return id ? bos_sync_registry_for_id (id) : NULL;
}

static const char *
doc_string (JsonObject *doc,
            const char *member)
{
  JsonNode *node = json_object_get_member (doc, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
bos_sync_doc_id (JsonObject *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc_string (doc, "_id");
}

const char *
bos_sync_doc_rev (JsonObject *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc_string (doc, "_rev");
}

gboolean
bos_sync_doc_is_deleted (JsonObject *doc)
{
  JsonNode *node;

  g_return_val_if_fail (doc != NULL, FALSE);

  node = json_object_get_member (doc, "_deleted");
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/**
 * bos_sync_doc_dup_conflicts:
 *
 * Returns: (transfer full) (nullable): the document's "_conflicts" as JSON
 *   text, or %NULL when it has none
 */
char *
bos_sync_doc_dup_conflicts (JsonObject *doc)
{
  JsonNode *node;

  g_return_val_if_fail (doc != NULL, NULL);

  node = json_object_get_member (doc, "_conflicts");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return NULL;
  return json_to_string (node, FALSE);
}

/**
 * bos_sync_doc_push_form:
 * @local_doc: from bos_sync_records_read()
 *
 * What goes to the server: the document itself, or for a tombstone only
 * "_id", "type", "_deleted" and who deleted it when.
 *
 * Returns: (transfer full): a new document without "_rev"
 */
JsonObject *
bos_sync_doc_push_form (JsonObject *local_doc)
{
  JsonObject *push = json_object_new ();
  static const char * const tombstone_fields[] = { "_id", "type", "modified", "author" };
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (local_doc != NULL, NULL);

  if (bos_sync_doc_is_deleted (local_doc))
    {
      for (guint i = 0; i < G_N_ELEMENTS (tombstone_fields); i++)
        {
          JsonNode *field = json_object_get_member (local_doc, tombstone_fields[i]);
          if (field != NULL)
            json_object_set_member (push, tombstone_fields[i], json_node_copy (field));
        }
      json_object_set_boolean_member (push, "_deleted", TRUE);
      return push;
    }

  json_object_iter_init (&iter, local_doc);
  while (json_object_iter_next (&iter, &name, &value))
    if (name[0] != '_' || g_str_equal (name, "_id"))
      json_object_set_member (push, name, json_node_copy (value));
  return push;
}

static void
canon_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (a, b);
}

static void canon_node (GString *out, JsonNode *node);

static gboolean
canon_skip (const char *name,
            gboolean    top,
            gboolean    content_only)
{
  if (!top)
    return FALSE;
  if (name[0] == '_' && !g_str_equal (name, "_id") && !g_str_equal (name, "_deleted"))
    return TRUE;
  return content_only && (g_str_equal (name, "modified") || g_str_equal (name, "author"));
}

static void
canon_object (GString    *out,
              JsonObject *object,
              gboolean    top,
              gboolean    content_only)
{
  GList *names = g_list_sort (json_object_get_members (object), compare_names);
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (canon_skip (name, top, content_only))
        continue;
      /* For content, a field that is null and one that is missing say the same. */
      if (top && content_only && JSON_NODE_HOLDS_NULL (json_object_get_member (object, name)))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      canon_string (out, name);
      g_string_append_c (out, ':');
      canon_node (out, json_object_get_member (object, name));
    }
  g_string_append_c (out, '}');
  g_list_free (names);
}

static void
canon_node (GString  *out,
            JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      canon_object (out, json_node_get_object (node), FALSE, FALSE);
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            canon_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          {
            double d = json_node_get_double (node);

            if (isfinite (d) && d == floor (d) && fabs (d) < 9007199254740992.0)
              g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) d);
            else
              {
                char buf[G_ASCII_DTOSTR_BUF_SIZE];
                g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", d));
              }
          }
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else
          canon_string (out, json_node_get_string (node));
        break;
      }
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * bos_sync_doc_digest:
 *
 * Returns: (transfer full): a SHA-256 of what the server stores for @doc
 *   (its push form, revision fields left out)
 */
char *
bos_sync_doc_digest (JsonObject *doc)
{
  g_autoptr(JsonObject) push = NULL;
  g_autoptr(GString) canon = g_string_new (NULL);

  g_return_val_if_fail (doc != NULL, NULL);

  push = bos_sync_doc_push_form (doc);
  canon_object (canon, push, TRUE, FALSE);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canon->str, canon->len);
}

/**
 * bos_sync_doc_same_content:
 *
 * Two versions of a record hold the same data when both are deleted, or
 * neither is and every field except modified and author is equal: nothing
 * for a planner to decide.
 */
gboolean
bos_sync_doc_same_content (JsonObject *a,
                           JsonObject *b)
{
  g_autoptr(GString) ca = g_string_new (NULL);
  g_autoptr(GString) cb = g_string_new (NULL);
  gboolean deleted_a, deleted_b;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  deleted_a = bos_sync_doc_is_deleted (a);
  deleted_b = bos_sync_doc_is_deleted (b);
  if (deleted_a || deleted_b)
    return deleted_a == deleted_b;

  canon_object (ca, a, TRUE, TRUE);
  canon_object (cb, b, TRUE, TRUE);
  return g_string_equal (ca, cb);
}

/**
 * bos_sync_doc_parse:
 *
 * Returns: (transfer full): the JSON object in @json, or %NULL with @error set
 */
JsonObject *
bos_sync_doc_parse (const char  *json,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE, "Expected a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/**
 * bos_sync_doc_to_string:
 *
 * Returns: (transfer full): @doc as compact JSON
 */
char *
bos_sync_doc_to_string (JsonObject *doc)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (doc != NULL, NULL);

  json_node_set_object (node, doc);
  return json_to_string (node, FALSE);
}
