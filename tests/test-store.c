/* test-store.c: opening, migrating and refusing databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bos-error.h"
#include "bos-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bos-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sub", "test.sqlite", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "sub", NULL);
  g_autoptr(GDir) dir = g_dir_open (sub, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (sub, name, NULL);
      g_unlink (file);
    }
  g_rmdir (sub);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
query_text (BosStore   *store,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = bos_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup (bos_sqlite_text (stmt, 0));
}

static void
test_open_new (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *fk = NULL;
  g_autofree char *version = NULL;

  store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  journal = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  fk = query_text (store, "PRAGMA foreign_keys");
  g_assert_cmpstr (fk, ==, "1");
  version = query_text (store, "SELECT max(version) FROM schema_version");
  g_assert_cmpint (atoi (version), ==, bos_store_latest_version ());
  g_assert_cmpint (bos_store_get_schema_version (store), ==, bos_store_latest_version ());

  /* Unseeded: the reference tables are there and empty. */
  g_assert_cmpint (bos_store_count (store, "municipality", &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (bos_store_count (store, "no_such_table", &error), ==, -1);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_reopen_keeps_data (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autofree char *value = NULL;
  g_autofree char *rows = NULL;

  store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (bos_store_set_meta (store, "probe", "kept", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  value = bos_store_get_meta (store, "probe");
  g_assert_cmpstr (value, ==, "kept");
  /* Opening again runs no migration twice. */
  rows = query_text (store, "SELECT count(*) FROM schema_version");
  g_assert_cmpint (atoi (rows), ==, bos_store_latest_version ());
}

static void
test_older_version_is_migrated (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  int latest = bos_store_latest_version ();

  /* Every older version a released build could have written migrates to
   * the latest, keeping what was stored. */
  for (int v = 0; v < latest; v++)
    {
      g_autofree char *value = NULL;

      g_unlink (fixture->path);
      store = bos_store_open_at_version (fixture->path, v, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bos_store_get_schema_version (store), ==, v);
      if (v >= 1)
        {
          g_assert_true (bos_store_set_meta (store, "written-by", "old", &error));
          g_assert_no_error (error);
        }
      g_clear_object (&store);

      store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bos_store_get_schema_version (store), ==, latest);
      value = bos_store_get_meta (store, "written-by");
      if (v >= 1)
        g_assert_cmpstr (value, ==, "old");
      g_clear_object (&store);
      g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
    }
}

static void
test_newer_version_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autofree char *sql = NULL;

  store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO schema_version VALUES (%d, 'future');"
                         "PRAGMA wal_checkpoint(TRUNCATE);",
                         bos_store_latest_version () + 1);
  g_assert_true (bos_store_exec (store, sql, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));
  store = bos_store_open (fixture->path, BOS_STORE_OPEN_SEED, &error);
  g_assert_null (store);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version of Bosetting"));
  g_assert_nonnull (strstr (error->message, fixture->path));

  /* Nothing was written: the file is byte for byte the same. */
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autofree char *sub = g_path_get_dirname (fixture->path);
  g_autofree char *after = NULL;
  const char *junk = "code,name\n0301,Oslo\n this is a spreadsheet, not a database\n";

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, junk, -1, NULL));

  store = bos_store_open (fixture->path, BOS_STORE_OPEN_SEED, &error);
  g_assert_null (store);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a Bosetting database"));

  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);
}

static void
test_nested_transactions (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autofree char *outer = NULL;
  g_autofree char *inner = NULL;

  store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  g_assert_true (bos_store_begin (store, &error));
  g_assert_true (bos_store_set_meta (store, "outer", "1", &error));
  g_assert_true (bos_store_begin (store, &error));
  g_assert_true (bos_store_set_meta (store, "inner", "1", &error));
  bos_store_rollback (store);
  g_assert_true (bos_store_commit (store, &error));
  g_assert_no_error (error);

  outer = bos_store_get_meta (store, "outer");
  inner = bos_store_get_meta (store, "inner");
  g_assert_cmpstr (outer, ==, "1");
  g_assert_null (inner);
}

static void
test_change_log (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  store = bos_store_open (fixture->path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  bos_store_set_author (store, "Kari Nordmann");
  g_assert_true (bos_store_log_change (store, "plan:2027:national", "need", "5000", "5350",
                                       "raised by the national committee", &error));
  g_assert_no_error (error);

  stmt = bos_store_prepare (store, "SELECT author, record_id, field, old_value, new_value, why, at "
                                   "FROM change_log", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (bos_sqlite_text (stmt, 0), ==, "Kari Nordmann");
  g_assert_cmpstr (bos_sqlite_text (stmt, 1), ==, "plan:2027:national");
  g_assert_cmpstr (bos_sqlite_text (stmt, 2), ==, "need");
  g_assert_cmpstr (bos_sqlite_text (stmt, 3), ==, "5000");
  g_assert_cmpstr (bos_sqlite_text (stmt, 4), ==, "5350");
  g_assert_cmpstr (bos_sqlite_text (stmt, 5), ==, "raised by the national committee");
  g_assert_true (g_str_has_suffix (bos_sqlite_text (stmt, 6), "Z"));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;

  g_setenv ("BOSETTING_DB", "/tmp/elsewhere.sqlite", TRUE);
  path = bos_store_default_path ();
  g_assert_cmpstr (path, ==, "/tmp/elsewhere.sqlite");
  g_free (g_steal_pointer (&path));

  g_unsetenv ("BOSETTING_DB");
  path = bos_store_default_path ();
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "/bosetting/bosetting.sqlite"));
}

static void
test_ids (void)
{
  g_autofree char *a = bos_new_uuid_id ("scenario");
  g_autofree char *b = bos_new_uuid_id ("scenario");

  g_assert_true (g_str_has_prefix (a, "scenario:"));
  g_assert_cmpuint (strlen (a), ==, strlen ("scenario:") + 36);
  g_assert_cmpstr (a, !=, b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/open-new", Fixture, NULL, fixture_set_up, test_open_new, fixture_tear_down);
  g_test_add ("/store/reopen-keeps-data", Fixture, NULL, fixture_set_up, test_reopen_keeps_data, fixture_tear_down);
  g_test_add ("/store/older-version-is-migrated", Fixture, NULL, fixture_set_up, test_older_version_is_migrated, fixture_tear_down);
  g_test_add ("/store/newer-version-refused", Fixture, NULL, fixture_set_up, test_newer_version_refused, fixture_tear_down);
  g_test_add ("/store/not-a-database", Fixture, NULL, fixture_set_up, test_not_a_database, fixture_tear_down);
  g_test_add ("/store/nested-transactions", Fixture, NULL, fixture_set_up, test_nested_transactions, fixture_tear_down);
  g_test_add ("/store/change-log", Fixture, NULL, fixture_set_up, test_change_log, fixture_tear_down);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/ids", test_ids);

  return g_test_run ();
}
