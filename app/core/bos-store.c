/* bos-store.c: the SQLite database behind a Bosetting installation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bos-store"

#include "config.h"

#include <glib/gstdio.h>

#include "bos-error.h"
#include "bos-seed.h"
#include "bos-store.h"
#include "bos-store-schema.h"

struct _BosStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  char    *author;
  int      schema_version;
};

G_DEFINE_FINAL_TYPE (BosStore, bos_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const table_names[] = {
  "county",
  "municipality",
  "population",
  "code_history",
  "immigrant_share",
  "settlement_history",
  "plan",
  "activity",
  "change_log",
  "decision",
  "letter",
  "meeting_participant",
  "agenda_item",
  "meeting_municipality",
  NULL
};

static gboolean
store_read_version (BosStore  *self,
                    int       *version,
                    GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = bos_store_prepare (self,
                            "SELECT count(*) FROM sqlite_master "
                            "WHERE type = 'table' AND name = 'schema_version'",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return bos_store_set_error (self, error, "Could not read the schema version");
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      *version = 0;
      return TRUE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bos_store_prepare (self, "SELECT max(version) FROM schema_version", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return bos_store_set_error (self, error, "Could not read the schema version");
  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
store_migrate (BosStore  *self,
               int        target,
               GError   **error)
{
  const char * const *migrations;
  guint n_migrations;
  int version = 0;

  migrations = bos_store_schema_migrations (&n_migrations);
  g_assert (target >= 0 && (guint) target <= n_migrations);

  if (!bos_store_begin (self, error))
    return FALSE;

  /* Read the version inside the transaction so two processes opening a new
   * database at once cannot both run the same migration. */
  if (!store_read_version (self, &version, error))
    goto failed;

  if (version > (int) n_migrations)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NEWER_SCHEMA,
                   "“%s” was written by a newer version of Bosetting (database version %d, "
                   "this version understands up to %u). Update Bosetting to open it; "
                   "the file has not been changed.",
                   self->path, version, n_migrations);
      goto failed;
    }

  if (!bos_store_exec (self, "CREATE TABLE IF NOT EXISTS schema_version ("
                             "version INTEGER NOT NULL, applied TEXT NOT NULL)", error))
    goto failed;

  for (int v = version; v < target; v++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *now = bos_timestamp_now ();

      if (!bos_store_exec (self, migrations[v], error))
        {
          g_prefix_error (error, "Upgrading “%s” to version %d failed: ", self->path, v + 1);
          goto failed;
        }
      stmt = bos_store_prepare (self, "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                                error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int (stmt, 1, v + 1);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          bos_store_set_error (self, error, "Could not record the schema version");
          goto failed;
        }
    }

  if (!bos_store_commit (self, error))
    goto failed;

  self->schema_version = MAX (version, target);
  return TRUE;

failed:
  bos_store_rollback (self);
  return FALSE;
}

static void
bos_store_finalize (GObject *object)
{
  BosStore *self = (BosStore *) object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->author, g_free);

  G_OBJECT_CLASS (bos_store_parent_class)->finalize (object);
}

static void
bos_store_class_init (BosStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bos_store_finalize;

  /**
   * BosStore::changed:
   * @table: the table whose rows changed
   *
   * Emitted after a committed change, so views can reload.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
bos_store_init (BosStore *self)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  self->author = g_strdup (name);
}

static BosStore *
store_open_internal (const char  *path,
                     int          target_version,
                     gboolean     seed,
                     GError     **error)
{
  g_autoptr(BosStore) self = NULL;
  g_autofree char *dir = NULL;
  gboolean existed;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (BOS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, BOS_ERROR, BOS_ERROR_DATABASE,
                   "Could not create the folder “%s” for the database: %s",
                   dir, g_strerror (errsv));
      return NULL;
    }

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_DATABASE,
                   "Could not open the database “%s”: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* A file that is not a database fails here, before anything is written. */
  if (!bos_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !bos_store_exec (self, "SELECT count(*) FROM sqlite_master", error))
    {
      g_prefix_error (error, "“%s” is not a Bosetting database: ", path);
      return NULL;
    }
  if (!bos_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !bos_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;

  if (!store_migrate (self, target_version, error))
    return NULL;

  if (seed)
    {
      g_autofree char *seeded = bos_store_get_meta (self, "seeded");

      if (seeded == NULL && !bos_seed_database (self, error))
        {
          g_prefix_error (error, "Could not fill the new database “%s”: ", path);
          if (!existed)
            {
              g_autofree char *wal = g_strconcat (path, "-wal", NULL);
              g_autofree char *shm = g_strconcat (path, "-shm", NULL);
              g_clear_pointer (&self->db, sqlite3_close);
              g_unlink (path);
              g_unlink (wal);
              g_unlink (shm);
            }
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

/**
 * bos_store_latest_version:
 *
 * Returns: the schema version this build writes.
 */
int
bos_store_latest_version (void)
{
  guint n;

  bos_store_schema_migrations (&n);
  return (int) n;
}

/**
 * bos_store_default_path:
 *
 * The database used when none is given: `$BOSETTING_DB` if set, else
 * `$XDG_DATA_HOME/bosetting/bosetting.sqlite`.
 *
 * Returns: (transfer full): a file name
 */
char *
bos_store_default_path (void)
{
  const char *env = g_getenv ("BOSETTING_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "bosetting", "bosetting.sqlite", NULL);
}

/**
 * bos_store_open:
 * @path: the database file; created with its folder when missing
 * @flags: %BOS_STORE_OPEN_SEED to fill a new database with the reference data
 *   and the demo plan
 * @error: return location for an error
 *
 * Opens the database in WAL mode with foreign keys on and brings its schema
 * up to date. A database written by a newer version is refused untouched.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
BosStore *
bos_store_open (const char         *path,
                BosStoreOpenFlags   flags,
                GError            **error)
{
  return store_open_internal (path, bos_store_latest_version (),
                              (flags & BOS_STORE_OPEN_SEED) != 0, error);
}

/**
 * bos_store_open_at_version:
 *
 * Opens @path and migrates it to @version only, without seeding. For tests
 * that need a database as an older version wrote it.
 */
BosStore *
bos_store_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_return_val_if_fail (version >= 0 && version <= bos_store_latest_version (), NULL);

  return store_open_internal (path, version, FALSE, error);
}

const char *
bos_store_get_path (BosStore *self)
{
  g_return_val_if_fail (BOS_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
bos_store_get_db (BosStore *self)
{
  g_return_val_if_fail (BOS_IS_STORE (self), NULL);
  return self->db;
}

int
bos_store_get_schema_version (BosStore *self)
{
  g_return_val_if_fail (BOS_IS_STORE (self), -1);
  return self->schema_version;
}

const char *
bos_store_get_author (BosStore *self)
{
  g_return_val_if_fail (BOS_IS_STORE (self), NULL);
  return self->author;
}

void
bos_store_set_author (BosStore   *self,
                      const char *author)
{
  g_return_if_fail (BOS_IS_STORE (self));
  g_return_if_fail (author != NULL);
  g_free (self->author);
  self->author = g_strdup (author);
}

/**
 * bos_store_set_error:
 * @what: what was being done, for the message
 *
 * Sets @error from the connection's last SQLite error.
 *
 * Returns: %FALSE, so callers can `return bos_store_set_error (...)`
 */
gboolean
bos_store_set_error (BosStore    *self,
                     GError     **error,
                     const char  *what)
{
  g_return_val_if_fail (BOS_IS_STORE (self), FALSE);
  g_set_error (error, BOS_ERROR, BOS_ERROR_DATABASE, "%s: %s", what, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
bos_store_exec (BosStore    *self,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;

  g_return_val_if_fail (BOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_DATABASE, "%s",
                   message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
bos_store_prepare (BosStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (BOS_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      bos_store_set_error (self, error, "Could not prepare a database query");
      return NULL;
    }
  return stmt;
}

/* Transactions are savepoints, so they nest: an import called inside a
 * larger change becomes part of it. */
gboolean
bos_store_begin (BosStore  *self,
                 GError   **error)
{
  return bos_store_exec (self, "SAVEPOINT bos", error);
}

gboolean
bos_store_commit (BosStore  *self,
                  GError   **error)
{
  return bos_store_exec (self, "RELEASE bos", error);
}

void
bos_store_rollback (BosStore *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BOS_IS_STORE (self));

  if (!bos_store_exec (self, "ROLLBACK TO bos; RELEASE bos", &error))
    g_warning ("Rolling back failed: %s", error->message);
}

void
bos_store_emit_changed (BosStore   *self,
                        const char *table)
{
  g_return_if_fail (BOS_IS_STORE (self));
  g_return_if_fail (table != NULL);

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
}

/**
 * bos_store_log_change:
 *
 * Appends one entry to the local change log (who, when, which record and
 * field, old and new value, why). Call it inside the edit's transaction.
 */
gboolean
bos_store_log_change (BosStore    *self,
                      const char  *record_id,
                      const char  *field,
                      const char  *old_value,
                      const char  *new_value,
                      const char  *why,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = bos_timestamp_now ();

  g_return_val_if_fail (BOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record_id != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  stmt = bos_store_prepare (self,
                            "INSERT INTO change_log (at, author, record_id, field, old_value, "
                            "new_value, why) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, old_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, new_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, why, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (self, error, "Could not write the change log");
  return TRUE;
}

/**
 * bos_store_count:
 * @table: one of bos_store_table_names()
 *
 * Returns: the number of rows in @table (tombstones of synced tables not
 *   counted), or -1 with @error set
 */
gint64
bos_store_count (BosStore    *self,
                 const char  *table,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean known = FALSE;

  g_return_val_if_fail (BOS_IS_STORE (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  for (guint i = 0; table_names[i] != NULL; i++)
    known |= g_str_equal (table_names[i], table);
  if (!known)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, "No table named “%s”", table);
      return -1;
    }

  /* Tables that users edit have a deleted column (sync.md): their
   * tombstones are not counted. */
  stmt = bos_store_prepare (self,
                            "SELECT count(*) FROM pragma_table_info (?) WHERE name = 'deleted'",
                            error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bos_store_set_error (self, error, "Could not read the columns of a table");
      return -1;
    }
  if (sqlite3_column_int (stmt, 0) > 0)
    sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", table);
  else
    sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bos_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bos_store_set_error (self, error, "Could not count rows");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

const char * const *
bos_store_table_names (void)
{
  return table_names;
}

/**
 * bos_store_get_meta:
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
bos_store_get_meta (BosStore   *self,
                    const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BOS_IS_STORE (self), NULL);

  stmt = bos_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup (bos_sqlite_text (stmt, 0));
}

gboolean
bos_store_set_meta (BosStore    *self,
                    const char  *key,
                    const char  *value,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BOS_IS_STORE (self), FALSE);

  stmt = bos_store_prepare (self,
                            "INSERT INTO meta (key, value) VALUES (?, ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (self, error, "Could not save a setting in the database");
  return TRUE;
}

/**
 * bos_timestamp_now:
 *
 * Returns: (transfer full): the current time as ISO 8601 UTC with milliseconds
 */
char *
bos_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/**
 * bos_new_uuid_id:
 * @type: the record type, e.g. "scenario"
 *
 * Returns: (transfer full): a new stable record id "type:uuid"
 */
char *
bos_new_uuid_id (const char *type)
{
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (type != NULL, NULL);
  return g_strconcat (type, ":", uuid, NULL);
}
