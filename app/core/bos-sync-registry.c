/* bos-sync-registry.c: the tables whose records sync with a CouchDB server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync is generic: a record is a row of one of the tables below, its
 * document has every column except the sync bookkeeping as a field (read
 * with PRAGMA table_info, see bos-sync-record.c), "_id" is the row's id
 * and "type" the table name. Adding a table that users edit to sync is one
 * line in sync_tables[]; test-sync-registry fails when a table with the
 * SYNC_COLUMNS is missing here.
 *
 * Rules for a synced table (bos_sync_registry_check() enforces them):
 *  - a text primary key "id" prefixed with the table name ("letter:2027:0301");
 *  - the SYNC_COLUMNS of bos-store-schema.c;
 *  - no column named "type" or starting with "_" (they are document fields);
 *  - no foreign key into it with ON DELETE CASCADE / SET NULL / SET DEFAULT:
 *    sync removes confirmed tombstones and must never take live rows along.
 * Order parents before children; nothing depends on it but it reads well.
 */
#define G_LOG_DOMAIN "bos-sync-registry"

#include "config.h"

#include <string.h>

#include "bos-error.h"
#include "bos-sync-registry.h"

/* Records of a demo plan (bos_seed) never leave this computer: every new
 * database has one for next year, and they would all meet on the server. */
#define IN_SHARED_PLAN(column) column " IN (SELECT id FROM plan WHERE is_demo = 0)"
#define IN_SHARED_ACTIVITY(column) \
  column " IN (SELECT a.id FROM activity a JOIN plan p ON p.id = a.plan_id WHERE p.is_demo = 0)"

static const BosSyncTable sync_tables[] = {
  { "plan",                  "is_demo = 0" },
  { "scenario",              IN_SHARED_PLAN ("plan_id") },
  { "scenario_municipality", "scenario_id IN (SELECT s.id FROM scenario s JOIN plan p ON p.id = s.plan_id"
                             " WHERE p.is_demo = 0)" },
  { "indicator",             NULL },
  { "activity",              IN_SHARED_PLAN ("plan_id") },
  { "decision",              IN_SHARED_PLAN ("plan_id") },
  { "letter",                IN_SHARED_PLAN ("plan_id") },
  { "letter_template",       NULL },
  { "letter_language",       NULL },
  { "letter_settings",       IN_SHARED_PLAN ("plan_id") },
  { "meeting_participant",   IN_SHARED_ACTIVITY ("activity_id") },
  { "agenda_item",           IN_SHARED_ACTIVITY ("activity_id") },
  { "meeting_municipality",  IN_SHARED_ACTIVITY ("activity_id") },
  { "audit",                 "plan_id IS NULL OR plan_id NOT IN (SELECT id FROM plan WHERE is_demo = 1)" },
};

static const char * const sync_columns[] = {
  "base_rev", "dirty", "deleted", "conflicts", "modified", "author",
};

static const char * const bookkeeping_columns[] = {
  BOS_SYNC_BOOKKEEPING_COLUMNS,
};

/**
 * bos_sync_registry_tables:
 * @n_tables: (out): the number of tables
 *
 * Returns: the synced tables, parents first
 */
const BosSyncTable *
bos_sync_registry_tables (guint *n_tables)
{
  g_return_val_if_fail (n_tables != NULL, NULL);

  *n_tables = G_N_ELEMENTS (sync_tables);
  return sync_tables;
}

/**
 * bos_sync_registry_lookup:
 * @type: a document's "type"
 *
 * Returns: (nullable): the table for @type, or %NULL when this version of
 *   Bosetting does not know it
 */
const BosSyncTable *
bos_sync_registry_lookup (const char *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sync_tables); i++)
    if (g_str_equal (sync_tables[i].table, type))
      return &sync_tables[i];
  return NULL;
}

/**
 * bos_sync_registry_for_id:
 * @id: a record id "type:…"
 *
 * Returns: (nullable): the table the id's prefix names
 */
const BosSyncTable *
bos_sync_registry_for_id (const char *id)
{
  const char *colon;

  g_return_val_if_fail (id != NULL, NULL);

  colon = strchr (id, ':');
  if (colon == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (sync_tables); i++)
    {
      size_t len = strlen (sync_tables[i].table);

      if ((size_t) (colon - id) == len && strncmp (id, sync_tables[i].table, len) == 0)
        return &sync_tables[i];
    }
  return NULL;
}

/**
 * bos_sync_registry_is_bookkeeping_column:
 *
 * Returns: %TRUE for base_rev, dirty, deleted and conflicts: columns that
 *   are never part of a document
 */
gboolean
bos_sync_registry_is_bookkeeping_column (const char *column)
{
  g_return_val_if_fail (column != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (bookkeeping_columns); i++)
    if (g_str_equal (bookkeeping_columns[i], column))
      return TRUE;
  return FALSE;
}

static gboolean
registry_has (const char *table)
{
  return bos_sync_registry_lookup (table) != NULL;
}

/* Returns the number of SYNC_COLUMNS @table has; checks the other rules
 * for a synced table and appends problems to @problems. */
static int
check_columns (BosStore   *store,
               const char *table,
               gboolean    synced,
               GString    *problems)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n_sync = 0;
  gboolean id_is_key = FALSE;
  int n_pk = 0;

  stmt = bos_store_prepare (store, "SELECT name, upper (type), pk FROM pragma_table_info (?)", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = bos_sqlite_text (stmt, 0);
      const char *type = bos_sqlite_text (stmt, 1);
      int pk = sqlite3_column_int (stmt, 2);

      for (guint i = 0; i < G_N_ELEMENTS (sync_columns); i++)
        if (g_str_equal (name, sync_columns[i]))
          n_sync++;
      if (pk > 0)
        n_pk++;
      if (pk > 0 && g_str_equal (name, "id") && g_str_equal (type, "TEXT"))
        id_is_key = TRUE;
      if (synced && (g_str_equal (name, "type") || name[0] == '_'))
        g_string_append_printf (problems,
                                "“%s” has a column “%s”: that name is a document field of its own\n",
                                table, name);
    }
  if (synced && (!id_is_key || n_pk != 1))
    g_string_append_printf (problems, "“%s” needs a TEXT PRIMARY KEY named “id”\n", table);
  return n_sync;
}

/* Foreign keys from any table into a synced one must not act on delete. */
static void
check_foreign_keys (BosStore   *store,
                    const char *table,
                    GString    *problems)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (store, "SELECT \"table\", upper (on_delete) FROM pragma_foreign_key_list (?)",
                            NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *parent = bos_sqlite_text (stmt, 0);
      const char *on_delete = bos_sqlite_text (stmt, 1);

      if (registry_has (parent) &&
          !g_str_equal (on_delete, "NO ACTION") && !g_str_equal (on_delete, "RESTRICT"))
        g_string_append_printf (problems,
                                "“%s” refers to the synced table “%s” with ON DELETE %s: removing "
                                "a confirmed tombstone would change live rows\n",
                                table, parent, on_delete);
    }
}

/**
 * bos_sync_registry_check:
 *
 * Checks the registry against the database's schema: every table with the
 * sync columns is registered, every registered table exists and follows
 * the rules at the top of this file.
 *
 * Returns: %TRUE, or %FALSE with @error listing every problem
 */
gboolean
bos_sync_registry_check (BosStore  *store,
                         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);

  stmt = bos_store_prepare (store,
                            "SELECT name FROM sqlite_master WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                            error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = bos_sqlite_text (stmt, 0);
      gboolean synced = registry_has (table);
      int n_sync;

      g_hash_table_add (existing, g_strdup (table));
      n_sync = check_columns (store, table, synced, problems);
      if (n_sync == G_N_ELEMENTS (sync_columns) && !synced)
        g_string_append_printf (problems,
                                "“%s” has the sync columns but is not in sync_tables[] of "
                                "bos-sync-registry.c\n", table);
      else if (synced && n_sync != G_N_ELEMENTS (sync_columns))
        g_string_append_printf (problems, "“%s” is synced but lacks some of the SYNC_COLUMNS\n", table);
      check_foreign_keys (store, table, problems);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sync_tables); i++)
    if (!g_hash_table_contains (existing, sync_tables[i].table))
      g_string_append_printf (problems, "sync_tables[] lists “%s”, which is not in the database\n",
                              sync_tables[i].table);

  if (problems->len > 0)
    {
      g_string_truncate (problems, problems->len - 1);
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, "The sync registry does not match the schema:\n%s",
                   problems->str);
      return FALSE;
    }
  return TRUE;
}
