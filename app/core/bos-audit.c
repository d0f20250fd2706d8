/* bos-audit.c: the shared, immutable audit log of changes to numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sync.md: changes to numbers (requests, decisions, agreed figures, the
 * settlement need) also write an immutable audit document "audit:UUID"
 * with who, when, which record and field, old and new value and why (e.g.
 * the collaboration meeting). CouchDB revisions are no history (compaction
 * removes old bodies); these documents are.
 *
 * The audit table is a synced table like the others (bos-sync-registry.c),
 * so every planner sees every planner's entries, but an entry is never
 * edited or deleted after it is written, so it never conflicts.
 *
 * The local change_log (bos_store_log_change()) is something else: every
 * edit of this computer, for undo and the history of a record, never sent.
 * An edit of a number calls both, in the edit's transaction.
 */
#define G_LOG_DOMAIN "bos-audit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bos-audit.h"
#include "bos-error.h"
#include "bos-sync-registry.h"

static gboolean
table_has_column (BosStore   *store,
                  const char *table,
                  const char *column)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (store, "SELECT 1 FROM pragma_table_info (?) WHERE name = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static char *
query_text (BosStore   *store,
            const char *sql,
            const char *param)
{
  g_autoptr(sqlite3_stmt) stmt = bos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup (bos_sqlite_text (stmt, 0));
}

/* The plan and the municipality a record belongs to, from its columns. */
static void
record_context (BosStore    *store,
                const char  *record_id,
                char       **plan_id,
                char       **code)
{
  const BosSyncTable *table = bos_sync_registry_for_id (record_id);
  g_autofree char *sql = NULL;

  *plan_id = NULL;
  *code = NULL;
  if (table == NULL)
    return;

  if (g_str_equal (table->table, "plan"))
    *plan_id = g_strdup (record_id);
  else if (table_has_column (store, table->table, "plan_id"))
    {
      sql = g_strdup_printf ("SELECT plan_id FROM \"%s\" WHERE id = ?", table->table);
      *plan_id = query_text (store, sql, record_id);
    }
  else if (table_has_column (store, table->table, "scenario_id"))
    {
      sql = g_strdup_printf ("SELECT s.plan_id FROM \"%s\" t JOIN scenario s ON s.id = t.scenario_id "
                             "WHERE t.id = ?", table->table);
      *plan_id = query_text (store, sql, record_id);
    }

  if (table_has_column (store, table->table, "code"))
    {
      g_free (sql);
      sql = g_strdup_printf ("SELECT code FROM \"%s\" WHERE id = ?", table->table);
      *code = query_text (store, sql, record_id);
    }
}

/**
 * bos_audit_record_full:
 * @record_id: the record whose number changed ("decision:2027:0301")
 * @plan_id: (nullable): the plan it belongs to, for the plan's audit view
 * @code: (nullable): the municipality it is about, for its audit view
 * @field: the field that changed ("persons")
 * @old_value: (nullable): before; %NULL for a new record
 * @new_value: (nullable): after; %NULL when removed
 * @why: (nullable): the reason, e.g. "collaboration meeting 12 September"
 *
 * Writes one audit entry by the store's author, now. Call it inside the
 * transaction of the edit, so both are stored or neither.
 */
gboolean
bos_audit_record_full (BosStore    *store,
                       const char  *record_id,
                       const char  *plan_id,
                       const char  *code,
                       const char  *field,
                       const char  *old_value,
                       const char  *new_value,
                       const char  *why,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = bos_new_uuid_id ("audit");
  g_autofree char *now = bos_timestamp_now ();

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record_id != NULL && *record_id != '\0', FALSE);
  g_return_val_if_fail (field != NULL && *field != '\0', FALSE);

  stmt = bos_store_prepare (store,
                            "INSERT INTO audit (id, record_id, plan_id, code, field, old_value, new_value, "
                            "  why, modified, author, dirty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, plan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, old_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, new_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, why ? why : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not write the audit log"));
  return TRUE;
}

/**
 * bos_audit_record:
 * @record_id: the record whose number changed; its plan and municipality
 *   are read from its plan_id (or its scenario's) and code columns, so call
 *   this after the record is written
 * @field: the field that changed
 * @old_value: (nullable): before; %NULL for a new record
 * @new_value: (nullable): after
 * @why: (nullable): the reason
 *
 * Writes one audit entry (see bos_audit_record_full()).
 */
gboolean
bos_audit_record (BosStore    *store,
                  const char  *record_id,
                  const char  *field,
                  const char  *old_value,
                  const char  *new_value,
                  const char  *why,
                  GError     **error)
{
  g_autofree char *plan_id = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record_id != NULL && *record_id != '\0', FALSE);
  g_return_val_if_fail (field != NULL && *field != '\0', FALSE);

  record_context (store, record_id, &plan_id, &code);
  return bos_audit_record_full (store, record_id, plan_id, code, field, old_value, new_value, why, error);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup (bos_sqlite_text (stmt, column));
}

/**
 * bos_audit_list:
 * @plan_id: (nullable): only entries of this plan
 * @code: (nullable): only entries about this municipality
 * @record_id: (nullable): only entries of this record
 *
 * The audit entries of every planner (synced), newest first.
 *
 * Returns: (transfer full): a #GListModel of #BosAuditEntry, or %NULL with
 *   @error set
 */
GListModel *
bos_audit_list (BosStore    *store,
                const char  *plan_id,
                const char  *code,
                const char  *record_id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) list = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  stmt = bos_store_prepare (store,
                            "SELECT id, record_id, plan_id, code, field, old_value, new_value, why, "
                            "  author, modified FROM audit "
                            "WHERE deleted = 0 AND (?1 IS NULL OR plan_id = ?1) "
                            "  AND (?2 IS NULL OR code = ?2) AND (?3 IS NULL OR record_id = ?3) "
                            "ORDER BY modified DESC, id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, record_id, -1, SQLITE_TRANSIENT);

  list = g_list_store_new (BOS_TYPE_AUDIT_ENTRY);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BosAuditEntry) entry = NULL;

      entry = bos_audit_entry_new_take (dup_column (stmt, 0), dup_column (stmt, 1), dup_column (stmt, 2),
                                        dup_column (stmt, 3), dup_column (stmt, 4), dup_column (stmt, 5),
                                        dup_column (stmt, 6), dup_column (stmt, 7), dup_column (stmt, 8),
                                        dup_column (stmt, 9));
      g_list_store_append (list, entry);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the audit log"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}
