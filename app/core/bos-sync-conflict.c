/* bos-sync-conflict.c: a record whose versions a planner must choose between
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync never overwrites a local edit silently (sync.md): when a record
 * edited here meets another version on the server, or the server's
 * document has _conflicts (a CouchDB cluster, two replicas), both versions
 * wait in sync_conflict and the record is not sent until a planner keeps
 * one side or combines them. No automatic resolver: clients that resolved
 * differently would start a conflict storm.
 *
 * "Mine" is the record as it is here now, "theirs" the server's version
 * (for a server-side conflict: the losing revision). Resolving writes the
 * chosen content on top of the server's current revision and marks the
 * record dirty; the next sync sends it with the losing revisions deleted.
 */
#define G_LOG_DOMAIN "bos-sync-conflict"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-error.h"
#include "bos-sync-conflict.h"
#include "bos-sync-record.h"

struct _BosSyncConflict
{
  GObject     parent_instance;

  char       *record_id;
  char       *record_type;
  char       *detected;
  gboolean    server_side;
  JsonObject *mine;
  JsonObject *theirs;
};

G_DEFINE_FINAL_TYPE (BosSyncConflict, bos_sync_conflict, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECORD_ID,
  PROP_RECORD_TYPE,
  PROP_SERVER_SIDE,
  PROP_DETECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define CONFLICT_COLUMNS "record_id, record_type, kind, server_rev, server_doc, local_doc, " \
                         "losing_revs, detected"

static void
bos_sync_conflict_finalize (GObject *object)
{
  BosSyncConflict *self = (BosSyncConflict *) object;

  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->record_type, g_free);
  g_clear_pointer (&self->detected, g_free);
  g_clear_pointer (&self->mine, json_object_unref);
  g_clear_pointer (&self->theirs, json_object_unref);

  G_OBJECT_CLASS (bos_sync_conflict_parent_class)->finalize (object);
}

static void
bos_sync_conflict_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BosSyncConflict *self = BOS_SYNC_CONFLICT (object);

  switch (prop_id)
    {
    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;
    case PROP_RECORD_TYPE:
      g_value_set_string (value, self->record_type);
      break;
    case PROP_SERVER_SIDE:
      g_value_set_boolean (value, self->server_side);
      break;
    case PROP_DETECTED:
      g_value_set_string (value, self->detected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_sync_conflict_class_init (BosSyncConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bos_sync_conflict_finalize;
  object_class->get_property = bos_sync_conflict_get_property;

  properties[PROP_RECORD_ID] = g_param_spec_string ("record-id", NULL, NULL, NULL, ro);
  properties[PROP_RECORD_TYPE] = g_param_spec_string ("record-type", NULL, NULL, NULL, ro);
  properties[PROP_SERVER_SIDE] = g_param_spec_boolean ("server-side", NULL, NULL, FALSE, ro);
  properties[PROP_DETECTED] = g_param_spec_string ("detected", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_sync_conflict_init (BosSyncConflict *self)
{
}

/* Reads a conflict row; mine is the record as it is now. */
static BosSyncConflict *
conflict_from_row (BosSyncRecords  *records,
                   sqlite3_stmt    *stmt,
                   GError         **error)
{
  g_autoptr(BosSyncConflict) self = g_object_new (BOS_TYPE_SYNC_CONFLICT, NULL);
  const BosSyncTable *table;

  self->record_id = g_strdup (bos_sqlite_text (stmt, 0));
  self->record_type = g_strdup (bos_sqlite_text (stmt, 1));
  self->server_side = g_str_equal (bos_sqlite_text (stmt, 2), "server");
  self->detected = g_strdup (bos_sqlite_text (stmt, 7));
  self->theirs = bos_sync_doc_parse (bos_sqlite_text (stmt, 4), error);
  if (self->theirs == NULL)
    return NULL;

  table = bos_sync_registry_lookup (self->record_type);
  if (table != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      self->mine = bos_sync_records_read (records, table, self->record_id, &local_error);
      if (self->mine == NULL && !g_error_matches (local_error, BOS_ERROR, BOS_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (self->mine == NULL)
    {
      self->mine = bos_sync_doc_parse (bos_sqlite_text (stmt, 5), error);
      if (self->mine == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
bos_sync_conflict_get_record_id (BosSyncConflict *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONFLICT (self), NULL);
  return self->record_id;
}

/**
 * bos_sync_conflict_get_record_type:
 *
 * Returns: the record's type, its table ("plan", "decision", …)
 */
const char *
bos_sync_conflict_get_record_type (BosSyncConflict *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONFLICT (self), NULL);
  return self->record_type;
}

/**
 * bos_sync_conflict_get_server_side:
 *
 * Returns: %TRUE for a conflict between two revisions on the server
 *   (_conflicts), %FALSE for a local edit that met another server version
 */
gboolean
bos_sync_conflict_get_server_side (BosSyncConflict *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONFLICT (self), FALSE);
  return self->server_side;
}

const char *
bos_sync_conflict_get_detected (BosSyncConflict *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONFLICT (self), NULL);
  return self->detected;
}

/**
 * bos_sync_conflict_get_mine:
 *
 * Returns: (transfer none): the record here, as a document: its fields,
 *   "modified" and "author" (who changed it when), "_deleted" if deleted
 */
JsonObject *
bos_sync_conflict_get_mine (BosSyncConflict *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONFLICT (self), NULL);
  return self->mine;
}

/**
 * bos_sync_conflict_get_theirs:
 *
 * Returns: (transfer none): the server's version, the same way
 */
JsonObject *
bos_sync_conflict_get_theirs (BosSyncConflict *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONFLICT (self), NULL);
  return self->theirs;
}

static int
compare_fields (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * bos_sync_conflict_dup_fields:
 *
 * Returns: (transfer full): the fields of either version, sorted, without
 *   "_id", "_rev" and "type": the rows of a field-by-field view
 */
GStrv
bos_sync_conflict_dup_fields (BosSyncConflict *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  JsonObject *docs[2];

  g_return_val_if_fail (BOS_IS_SYNC_CONFLICT (self), NULL);

  docs[0] = self->mine;
  docs[1] = self->theirs;
  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, docs[d]);
      while (json_object_iter_next (&iter, &name, &value))
        if (name[0] != '_' && !g_str_equal (name, "type") && g_hash_table_add (seen, (gpointer) name))
          g_ptr_array_add (fields, (gpointer) name);
    }
  g_ptr_array_sort (fields, compare_fields);
  {
    GStrv result = g_new0 (char *, fields->len + 1);

    for (guint i = 0; i < fields->len; i++)
      result[i] = g_strdup (g_ptr_array_index (fields, i));
    return result;
  }
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      GType type_a = json_node_get_value_type (a);
      GType type_b = json_node_get_value_type (b);
      gboolean number_a = type_a == G_TYPE_INT64 || type_a == G_TYPE_DOUBLE;
      gboolean number_b = type_b == G_TYPE_INT64 || type_b == G_TYPE_DOUBLE;

      /* JavaScript gives 1 for 1.0 */
      if (number_a && number_b)
        return json_node_get_double (a) == json_node_get_double (b);
    }
  ta = json_to_string (a, FALSE);
  tb = json_to_string (b, FALSE);
  return g_str_equal (ta, tb);
}

/**
 * bos_sync_conflict_field_differs:
 *
 * Returns: %TRUE when the two versions hold different values for @field
 */
gboolean
bos_sync_conflict_field_differs (BosSyncConflict *self,
                                 const char      *field)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONFLICT (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  return !nodes_equal (json_object_get_member (self->mine, field),
                       json_object_get_member (self->theirs, field));
}

/**
 * bos_sync_conflict_list:
 *
 * Returns: (transfer full): a #GListModel of #BosSyncConflict, oldest first
 */
GListModel *
bos_sync_conflict_list (BosStore  *store,
                        GError   **error)
{
  g_autoptr(BosSyncRecords) records = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) list = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  records = bos_sync_records_new (store, error);
  if (records == NULL)
    return NULL;
  stmt = bos_store_prepare (store, "SELECT " CONFLICT_COLUMNS " FROM sync_conflict ORDER BY detected, record_id",
                            error);
  if (stmt == NULL)
    return NULL;
  list = g_list_store_new (BOS_TYPE_SYNC_CONFLICT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BosSyncConflict) conflict = conflict_from_row (records, stmt, error);

      if (conflict == NULL)
        return NULL;
      g_list_store_append (list, conflict);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the sync conflicts"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * bos_sync_conflict_load:
 *
 * Returns: (transfer full): the conflict on @record_id, or %NULL with
 *   @error set (%BOS_ERROR_NOT_FOUND when there is none)
 */
BosSyncConflict *
bos_sync_conflict_load (BosStore    *store,
                        const char  *record_id,
                        GError     **error)
{
  g_autoptr(BosSyncRecords) records = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);

  records = bos_sync_records_new (store, error);
  if (records == NULL)
    return NULL;
  stmt = bos_store_prepare (store, "SELECT " CONFLICT_COLUMNS " FROM sync_conflict WHERE record_id = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no sync conflict on “%s”"), record_id);
      return NULL;
    }
  return conflict_from_row (records, stmt, error);
}

/**
 * bos_sync_conflict_count:
 *
 * Returns: the number of conflicts waiting for a decision, or -1 with
 *   @error set
 */
gint64
bos_sync_conflict_count (BosStore  *store,
                         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), -1);

  stmt = bos_store_prepare (store, "SELECT count(*) FROM sync_conflict", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bos_store_set_error (store, error, _("Could not read the sync conflicts"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
exec_text (BosStore    *store,
           const char  *sql,
           const char  *a,
           const char  *b,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = bos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not resolve the sync conflict"));
  return TRUE;
}

/**
 * bos_sync_conflict_resolve:
 * @record_id: a record with a conflict
 * @how: which version wins
 * @combined: (nullable): for %BOS_SYNC_COMBINE, the fields that differ
 *   from the local record (the others are kept); "_deleted": true deletes
 *
 * Decides a conflict. The record then builds on the server's current
 * revision and goes to the server at the next sync, with the losing
 * revisions of a server-side conflict deleted; keeping the server's
 * version of an ordinary conflict needs nothing sent. Logged in the change
 * log. Nothing changes when it fails.
 */
gboolean
bos_sync_conflict_resolve (BosStore           *store,
                           const char         *record_id,
                           BosSyncResolution   how,
                           JsonObject         *combined,
                           GError            **error)
{
  g_autoptr(BosSyncRecords) records = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) server_doc = NULL;
  g_autoptr(JsonObject) final = NULL;
  g_auto(BosSyncRecordState) state = { 0 };
  g_autofree char *server_rev = NULL;
  g_autofree char *losing_revs = NULL;
  g_autofree char *server_digest = NULL;
  g_autofree char *now = NULL;
  const BosSyncTable *table;
  BosSyncRecordState next = { 0 };
  gboolean server_side;
  const char *what;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record_id != NULL, FALSE);
  g_return_val_if_fail (how != BOS_SYNC_COMBINE || combined != NULL, FALSE);

  records = bos_sync_records_new (store, error);
  if (records == NULL)
    return FALSE;
  if (!bos_store_begin (store, error))
    return FALSE;

  stmt = bos_store_prepare (store,
                            "SELECT record_type, kind, server_rev, server_doc, losing_revs "
                            "FROM sync_conflict WHERE record_id = ?",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no sync conflict on “%s”"), record_id);
      goto failed;
    }
  table = bos_sync_registry_lookup (bos_sqlite_text (stmt, 0));
  server_side = g_str_equal (bos_sqlite_text (stmt, 1), "server");
  server_rev = g_strdup (bos_sqlite_text (stmt, 2));
  server_doc = bos_sync_doc_parse (bos_sqlite_text (stmt, 3), error);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    losing_revs = g_strdup (bos_sqlite_text (stmt, 4));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (server_doc == NULL)
    goto failed;
  if (table == NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is a kind of record this version of Bosetting cannot change"), record_id);
      goto failed;
    }
  if (!bos_sync_records_get_state (records, table, record_id, &state, error))
    goto failed;
  if (!state.exists)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no record “%s”"), record_id);
      goto failed;
    }
  final = bos_sync_records_read (records, table, record_id, error);
  if (final == NULL)
    goto failed;

  now = bos_timestamp_now ();
  next.exists = TRUE;
  next.base_rev = server_rev;
  next.conflicts = losing_revs;
  next.dirty = TRUE;
  switch (how)
    {
    case BOS_SYNC_KEEP_MINE:
      what = "kept this computer's version";
      next.deleted = bos_sync_doc_is_deleted (final);
      break;

    case BOS_SYNC_KEEP_THEIRS:
      what = "kept the server's version";
      g_clear_pointer (&final, json_object_unref);
      final = json_object_ref (server_doc);
      next.deleted = bos_sync_doc_is_deleted (final);
      /* The server's winner as it is: nothing to send. */
      next.dirty = server_side || losing_revs != NULL;
      break;

    case BOS_SYNC_COMBINE:
    default:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *value;

        what = "combined both versions";
        json_object_iter_init (&iter, combined);
        while (json_object_iter_next (&iter, &name, &value))
          if (name[0] != '_' && !g_str_equal (name, "type"))
            json_object_set_member (final, name, json_node_copy (value));
        next.deleted = json_object_has_member (combined, "_deleted") && bos_sync_doc_is_deleted (combined);
        if (json_object_has_member (final, "_deleted"))
          json_object_remove_member (final, "_deleted");
        break;
      }
    }

  if (next.dirty)
    {
      /* A decision is an edit: by whom and when. */
      json_object_set_string_member (final, "modified", now);
      json_object_set_string_member (final, "author", bos_store_get_author (store));
      if (json_object_has_member (final, "_deleted"))
        {
          json_object_remove_member (final, "_deleted");
          next.deleted = TRUE;
        }
    }
  else if (json_object_has_member (final, "_deleted"))
    {
      /* Deleted on the server: a clean tombstone here. */
      if (!bos_sync_records_set_state (records, table, record_id, &next, error))
        goto failed;
      goto written;
    }

  if (!bos_sync_records_write (records, table, final, &next, error))
    goto failed;

written:
  server_digest = bos_sync_doc_digest (server_doc);
  if (!exec_text (store, "DELETE FROM sync_conflict WHERE record_id = ?", record_id, NULL, error) ||
      !exec_text (store, "UPDATE sync_digest SET inflight = NULL WHERE record_id = ?", record_id, NULL, error))
    goto failed;
  if (!server_side &&
      !exec_text (store,
                  "INSERT INTO sync_digest (record_id, base) VALUES (?1, ?2) "
                  "ON CONFLICT (record_id) DO UPDATE SET base = excluded.base",
                  record_id, server_digest, error))
    goto failed;
  if (!bos_store_log_change (store, record_id, "sync_conflict", NULL, what, NULL, error))
    goto failed;
  if (!bos_store_commit (store, error))
    goto failed;

  bos_store_emit_changed (store, table->table);
  bos_store_emit_changed (store, "sync_conflict");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}
