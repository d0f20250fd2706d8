/* bos-sync-test.h: helpers for the sync tests (clients, edits, agreement)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only, like ../bos-test-util.h.
 */
#pragma once

#include <string.h>

#include "bos-error.h"
#include "bos-sync-client.h"
#include "bos-sync-conflict.h"
#include "bos-sync-record.h"
#include "bos-sync-registry.h"
#include "bos-test-couch.h"
#include "bos-test-util.h"

#define PLANNER          "planner"
#define PLANNER_PASSWORD "Pl4nner-pw-ÆØÅ-x9"

/* Skips the test when there is no node to run pouchdb-server. */
static inline gboolean
bos_sync_test_need_node (void)
{
  g_autofree char *why = NULL;

  if (bos_test_couch_available (&why))
    return TRUE;
  g_test_skip (why);
  return FALSE;
}

static inline BosSyncClient *
bos_sync_test_client (const char *url,
                      const char *database,
                      const char *user,
                      const char *password)
{
  g_autoptr(GError) error = NULL;
  BosSyncClient *client = bos_sync_client_new (url, database, user, &error);

  g_assert_no_error (error);
  if (password != NULL)
    bos_sync_client_set_password (client, password);
  return client;
}

/* One sync that must succeed. */
static inline BosSyncResult *
bos_sync_test_run (BosSyncClient *client,
                   BosStore      *store)
{
  g_autoptr(GError) error = NULL;
  BosSyncResult *result = NULL;

  bos_sync_client_run (client, store, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* An edit as the interface makes it: dirty, stamped. @value is SQL. */
static inline void
bos_sync_test_edit (BosStore   *store,
                    const char *table,
                    const char *id,
                    const char *column,
                    const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = bos_timestamp_now ();
  g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = %s, dirty = 1, modified = '%s', "
                                          "author = '%s' WHERE id = '%s'",
                                          table, column, value, now, bos_store_get_author (store), id);

  bos_store_exec (store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_changes (bos_store_get_db (store)), ==, 1);
}

static inline void
bos_sync_test_delete (BosStore   *store,
                      const char *table,
                      const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = bos_timestamp_now ();
  g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET deleted = 1, dirty = 1, modified = '%s' "
                                          "WHERE id = '%s'", table, now, id);

  bos_store_exec (store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_changes (bos_store_get_db (store)), ==, 1);
}

static inline int
bos_sync_test_compare (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every shared row of every synced table, bookkeeping included, sorted. */
static inline GPtrArray *
bos_sync_test_dump (BosStore *store)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  const BosSyncTable *tables;
  guint n_tables;

  tables = bos_sync_registry_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE (%s)", tables[t].table,
                                              tables[t].shared ? tables[t].shared : "1");

      stmt = bos_store_prepare (store, sql, &error);
      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (tables[t].table);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (row, "|%s=%s", sqlite3_column_name (stmt, c),
                                    sqlite3_column_type (stmt, c) == SQLITE_NULL ? "NULL"
                                      : bos_sqlite_text (stmt, c));
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
    }
  g_ptr_array_sort (rows, bos_sync_test_compare);
  return rows;
}

/* A fingerprint of every table: "nothing changed locally". */
static inline char *
bos_sync_test_fingerprint (BosStore *store)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) tables = NULL;

  tables = bos_store_prepare (store, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite_%' ORDER BY name", &error);
  g_assert_no_error (error);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", bos_sqlite_text (tables, 0));
      g_autoptr(sqlite3_stmt) stmt = bos_store_prepare (store, sql, &error);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (row, "%s\x1f", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                                     ? "\x01" : bos_sqlite_text (stmt, c));
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      g_ptr_array_sort (rows, bos_sync_test_compare);
      g_checksum_update (checksum, (const guchar *) bos_sqlite_text (tables, 0), -1);
      for (guint i = 0; i < rows->len; i++)
        g_checksum_update (checksum, g_ptr_array_index (rows, i), -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* Every client and the server agree: the same rows (with the same
 * revisions), nothing dirty, no conflict, nothing aside, and every live
 * server document is exactly a client's record (no duplicate, no loss). */
static inline void
bos_sync_test_assert_agree (BosTestCouch *couch,
                            const char   *database,
                            BosStore    **stores,
                            guint         n_stores)
{
  g_autoptr(GPtrArray) first = bos_sync_test_dump (stores[0]);
  g_autoptr(GHashTable) server = bos_test_couch_all_docs (couch, database);
  g_autoptr(GError) error = NULL;
  g_autoptr(BosSyncRecords) records = bos_sync_records_new (stores[0], &error);
  const BosSyncTable *tables;
  guint n_tables, n_live = 0;

  g_assert_no_error (error);
  for (guint s = 0; s < n_stores; s++)
    {
      g_autoptr(GPtrArray) rows = bos_sync_test_dump (stores[s]);

      g_assert_cmpint (bos_test_query_int (stores[s], "SELECT count(*) FROM sync_conflict"), ==, 0);
      g_assert_cmpint (bos_test_query_int (stores[s], "SELECT count(*) FROM sync_pending"), ==, 0);
      for (guint i = 0; i < rows->len; i++)
        g_assert_null (strstr (g_ptr_array_index (rows, i), "|dirty=1|"));
      if (s == 0)
        continue;
      g_assert_cmpuint (rows->len, ==, first->len);
      for (guint i = 0; i < rows->len; i++)
        g_assert_cmpstr (g_ptr_array_index (rows, i), ==, g_ptr_array_index (first, i));
    }

  tables = bos_sync_registry_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, base_rev FROM \"%s\" WHERE deleted = 0 AND (%s)",
                                              tables[t].table, tables[t].shared ? tables[t].shared : "1");
      g_autoptr(sqlite3_stmt) stmt = bos_store_prepare (stores[0], sql, &error);

      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *id = bos_sqlite_text (stmt, 0);
          JsonObject *server_doc = g_hash_table_lookup (server, id);
          g_autoptr(JsonObject) local_doc = NULL;
          g_autofree char *local_digest = NULL;
          g_autofree char *server_digest = NULL;

          if (server_doc == NULL)
            g_error ("%s is not on the server", id);
          g_assert_cmpstr (json_object_get_string_member (server_doc, "_rev"), ==, bos_sqlite_text (stmt, 1));
          g_assert_false (json_object_has_member (server_doc, "_conflicts"));
          local_doc = bos_sync_records_read (records, &tables[t], id, &error);
          g_assert_no_error (error);
          local_digest = bos_sync_doc_digest (local_doc);
          server_digest = bos_sync_doc_digest (server_doc);
          g_assert_cmpstr (local_digest, ==, server_digest);
          n_live++;
        }
    }
  g_assert_cmpuint (g_hash_table_size (server), ==, n_live);
}
