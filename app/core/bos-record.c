/* bos-record.c: the sync columns every stored record has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every table sync carries has the same bookkeeping columns: modified and
 * author (when and by whom the record last changed), dirty (changed here
 * since the last sync) and deleted. Nothing is ever removed outright: a
 * deleted record becomes a tombstone (deleted = 1, dirty = 1) that sync
 * delivers to the server as a deletion.
 */
#define G_LOG_DOMAIN "bos-record"

#include "config.h"

#include "bos-record.h"

/**
 * bos_record_tombstone:
 * @table: the table
 * @column: the column that picks the rows, e.g. "id" or "activity_id"
 * @value: its value
 * @what: what failed, for the message when SQLite refuses (translated)
 *
 * Turns the live rows of @table whose @column is @value into tombstones
 * for sync, stamped with the time and the store's author. Call it inside
 * the caller's transaction; sqlite3_changes() tells how many rows it
 * turned.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bos_record_tombstone (BosStore    *store,
                      const char  *table,
                      const char  *column,
                      const char  *value,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (table != NULL && column != NULL && value != NULL, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  sql = g_strdup_printf ("UPDATE %s SET deleted = 1, dirty = 1, modified = ?2, author = ?3 "
                         "WHERE %s = ?1 AND deleted = 0",
                         table, column);
  stmt = bos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  now = bos_timestamp_now ();
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (store, error, what);
  return TRUE;
}
