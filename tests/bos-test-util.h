/* bos-test-util.h: helpers for tests that need real database files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only (static inline) so every test program can include it
 * without a shared library: temporary folders, seeded databases, queries,
 * and runs of the real bosetting-cli.
 */
#pragma once

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bos-import.h"
#include "bos-store.h"

/* Removes @path and everything below it. */
static inline void
bos_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          bos_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Returns: (transfer full): a new empty folder under the temporary folder */
static inline char *
bos_test_make_tmp_dir (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Returns: (transfer full): the path of a file in tests/data */
static inline char *
bos_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Returns: (transfer full): the path of a reference data file in data/ */
static inline char *
bos_test_reference_path (const char *name)
{
  const char *source = g_getenv ("BOSETTING_SOURCE_DIR");

  if (source != NULL)
    return g_build_filename (source, "data", name, NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
}

static inline char *
bos_test_write_file (const char *dir,
                     const char *name,
                     const char *contents,
                     gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *bos_test_template_dir;

static inline void
bos_test_remove_template (void)
{
  if (bos_test_template_dir != NULL)
    bos_test_remove_tree (bos_test_template_dir);
  g_clear_pointer (&bos_test_template_dir, g_free);
}

/* A seeded database is made once per test program (in a folder of its own,
 * removed at exit) and copied for each test: seeding takes a few hundred
 * milliseconds. */
static inline BosStore *
bos_test_open_seeded_copy (const char *dir,
                           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *template_path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (bos_test_template_dir == NULL)
    {
      g_autoptr(BosStore) template_store = NULL;
      g_autofree char *first = NULL;

      bos_test_template_dir = bos_test_make_tmp_dir ("bos-test-seeded");
      atexit (bos_test_remove_template);
      first = g_build_filename (bos_test_template_dir, "seeded.sqlite", NULL);
      template_store = bos_store_open (first, BOS_STORE_OPEN_SEED, &error);
      g_assert_no_error (error);
      /* Closing the last connection checkpoints the WAL into the file. */
    }
  template_path = g_build_filename (bos_test_template_dir, "seeded.sqlite", NULL);

  g_file_get_contents (template_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  store = bos_store_open (path, BOS_STORE_OPEN_SEED, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static inline gint64
bos_test_query_int (BosStore   *store,
                    const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = bos_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static inline char *
bos_test_query_text (BosStore   *store,
                     const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = bos_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup (bos_sqlite_text (stmt, 0));
}

static inline int
bos_test_compare_strings (gconstpointer a,
                          gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Returns: (transfer full): a SHA-256 of every row of every table the
 * importers write, independent of row order */
static inline char *
bos_test_checksum (BosStore *store)
{
  static const char * const tables[] = {
    "county", "municipality", "population", "code_history", "immigrant_share",
    "settlement_history", "plan", "meta",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", tables[t]);

      stmt = bos_store_prepare (store, sql, &error);
      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
                g_string_append (row, "\x01NULL");
              else
                g_string_append (row, bos_sqlite_text (stmt, c));
              g_string_append_c (row, '\x1f');
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      g_ptr_array_sort (rows, bos_test_compare_strings);
      g_checksum_update (checksum, (const guchar *) tables[t], -1);
      for (guint i = 0; i < rows->len; i++)
        {
          g_checksum_update (checksum, g_ptr_array_index (rows, i), -1);
          g_checksum_update (checksum, (const guchar *) "\n", 1);
        }
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* The small test world of tests/data/…-small.csv: a new database in @dir
 * with its municipalities, code history and settlement history. */
static inline BosStore *
bos_test_open_small_world (const char *dir)
{
  static const struct
  {
    BosImportKind  kind;
    const char    *file;
  } files[] = {
    { BOS_IMPORT_MUNICIPALITIES, "municipalities-small.csv" },
    { BOS_IMPORT_CODE_HISTORY,   "code-history-small.csv" },
    { BOS_IMPORT_HISTORY,        "history-small.csv" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autofree char *path = g_build_filename (dir, "small.sqlite", NULL);

  store = bos_store_open (path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *file = bos_test_data_path (files[i].file);

      g_assert_true (bos_import_file (store, files[i].kind, file, NULL, &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&store);
}

/* The fixture of the tests on one database in a folder of their own */
typedef struct
{
  char     *dir;
  BosStore *store;
} BosTestStore;

/* Returns: (transfer full): a new empty folder named after the test program */
static inline char *
bos_test_make_program_dir (void)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *prefix = g_strconcat ("bos-", program, NULL);

  return bos_test_make_tmp_dir (prefix);
}

/* A copy of the seeded database (bos_test_open_seeded_copy()) */
static inline void
bos_test_store_set_up_seeded (BosTestStore  *fixture,
                              gconstpointer  data)
{
  fixture->dir = bos_test_make_program_dir ();
  fixture->store = bos_test_open_seeded_copy (fixture->dir, "test.sqlite");
}

/* The small test world (bos_test_open_small_world()) */
static inline void
bos_test_store_set_up_small (BosTestStore  *fixture,
                             gconstpointer  data)
{
  fixture->dir = bos_test_make_program_dir ();
  fixture->store = bos_test_open_small_world (fixture->dir);
}

/* Checks that nothing keeps the store, and removes the folder */
static inline void
bos_test_store_tear_down (BosTestStore  *fixture,
                          gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  bos_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The fixture of the tests that run bosetting-cli: a folder of their own
 * and the path of a database in it (not created yet) */
typedef struct
{
  char *dir;
  char *db;
} BosTestFolder;

static inline void
bos_test_folder_set_up (BosTestFolder *fixture,
                        gconstpointer  data)
{
  fixture->dir = bos_test_make_program_dir ();
  fixture->db = g_build_filename (fixture->dir, "cli.sqlite", NULL);
}

static inline void
bos_test_folder_tear_down (BosTestFolder *fixture,
                           gconstpointer  data)
{
  bos_test_remove_tree (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
}

/* What a run of bosetting-cli gave: its exit status, stdout and stderr */
typedef struct
{
  int   status;
  char *out;
  char *err;
} BosTestRun;

static inline void
bos_test_run_clear (BosTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BosTestRun, bos_test_run_clear)

/* Runs the program named by $BOSETTING_CLI (set by meson) with the
 * NULL-terminated arguments, in the C locale (a Norwegian one must not
 * turn decimal points into commas nor the messages into Norwegian) and,
 * when @db is not NULL, with it as $BOSETTING_DB: never the user's
 * database, even for a command without --db. Returns FALSE (and skips the
 * test) when $BOSETTING_CLI is not set. */
static inline gboolean bos_test_run_cli (BosTestRun *run,
                                         const char *db,
                                         ...) G_GNUC_NULL_TERMINATED;

static inline gboolean
bos_test_run_cli (BosTestRun *run,
                  const char *db,
                  ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("BOSETTING_CLI");
  const char *arg;
  va_list args;

  bos_test_run_clear (run);
  if (cli == NULL)
    {
      g_test_skip ("BOSETTING_CLI is not set");
      return FALSE;
    }

  g_ptr_array_add (argv, (char *) cli);
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (db != NULL)
    g_subprocess_launcher_setenv (launcher, "BOSETTING_DB", db, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
  return TRUE;
}

/* Fails the test, showing both, when @needle is not in @haystack */
static inline void
bos_test_assert_contains (const char *haystack,
                          const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in “%s”", needle, haystack);
}
