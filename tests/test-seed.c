/* test-seed.c: a new database filled from the reference data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "bos-plan.h"
#include "bos-seed.h"

#include "bos-test-util.h"

typedef struct
{
  char     *path;
  BosStore *store;
} Fixture;

/* One database is seeded for the whole program (the tests only read it):
 * seeding under the address sanitizer takes seconds. */
static char *shared_dir;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (shared_dir == NULL)
    shared_dir = bos_test_make_tmp_dir ("bos-test-seed");
  fixture->path = g_build_filename (shared_dir, "seeded.sqlite", NULL);
  fixture->store = bos_store_open (fixture->path, BOS_STORE_OPEN_SEED, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

/* Reads a reference CSV (no quoted fields) as rows of fields. */
static GPtrArray *
read_reference_csv (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bos_test_reference_path (name);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strchr (contents, '"'));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (*lines[i] != '\0')
        g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
    }
  return rows;
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) history = read_reference_csv ("settlement_history.csv");
  g_autoptr(GPtrArray) code_history = read_reference_csv ("municipality_code_history.csv");

  g_assert_cmpint (bos_store_count (fixture->store, "municipality", NULL), ==, 357);
  g_assert_cmpint (bos_store_count (fixture->store, "county", NULL), ==, 15);
  g_assert_cmpint (bos_store_count (fixture->store, "settlement_history", NULL), ==, 34413);
  g_assert_cmpint (bos_store_count (fixture->store, "settlement_history", NULL), ==, history->len - 1);
  g_assert_cmpint (bos_store_count (fixture->store, "code_history", NULL), ==, code_history->len - 1);
  g_assert_cmpint (bos_store_count (fixture->store, "population", NULL), ==, 357 * 7);
  /* 356 rows, 1507 split into 1508 and 1580. */
  g_assert_cmpint (bos_store_count (fixture->store, "immigrant_share", NULL), ==, 357);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM settlement_history WHERE status = 'suppressed'"),
                   ==, 754);
  /* Every municipality has a county of the same two first digits. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM municipality "
                                       "WHERE county_code <> substr (code, 1, 2)"),
                   ==, 0);
}

static void
test_population (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = read_reference_csv ("municipalities.csv");
  char **header = g_ptr_array_index (rows, 0);
  guint n_years = 0;

  for (guint column = 0; header[column] != NULL; column++)
    {
      g_autofree char *sql = NULL;
      gint64 expected = 0;
      int year;

      if (!g_str_has_prefix (header[column], "population_"))
        continue;
      year = atoi (header[column] + strlen ("population_"));
      for (guint r = 1; r < rows->len; r++)
        expected += g_ascii_strtoll (((char **) g_ptr_array_index (rows, r))[column], NULL, 10);

      sql = g_strdup_printf ("SELECT sum (persons) FROM population WHERE year = %d", year);
      g_test_message ("%d: %" G_GINT64_FORMAT, year, expected);
      g_assert_cmpint (bos_test_query_int (fixture->store, sql), ==, expected);
      n_years++;
    }
  g_assert_cmpuint (n_years, ==, 7);
}

static void
test_demo_plan (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *id = NULL;
  g_autofree char *seeded = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GListModel) plans = NULL;

  g_assert_cmpint (bos_seed_demo_year (), ==, g_date_time_get_year (now) + 1);

  id = bos_plan_make_id (bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL);
  plan = bos_plan_load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (bos_plan_get_is_demo (plan));
  g_assert_cmpint (bos_plan_get_year (plan), ==, bos_seed_demo_year ());
  g_assert_cmpint (bos_plan_get_need (plan), ==, 5000);
  g_assert_cmpint (bos_plan_get_minors (plan), ==, 150);
  g_assert_cmpint (bos_plan_get_resettlement (plan), ==, 2200);

  plans = bos_plan_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);

  seeded = bos_store_get_meta (fixture->store, "seeded");
  g_assert_nonnull (seeded);
  g_assert_true (g_str_has_prefix (seeded, "20"));
}

/* Opening the database again does not seed it again. */
static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = bos_test_checksum (fixture->store);
  g_autofree char *after = NULL;
  g_autoptr(BosStore) again = NULL;

  g_clear_object (&fixture->store);
  again = bos_store_open (fixture->path, BOS_STORE_OPEN_SEED, &error);
  g_assert_no_error (error);
  after = bos_test_checksum (again);
  g_assert_cmpstr (before, ==, after);
}

/* Seeding a database that has a plan for the demo year fails as a whole. */
static void
test_seed_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = bos_test_make_tmp_dir ("bos-test-seed");
  g_autofree char *path = g_build_filename (dir, "plain.sqlite", NULL);
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosPlan) plan = NULL;

  store = bos_store_open (path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  plan = bos_plan_create (store, bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL, 10, 0, 0, FALSE,
                          &error);
  g_assert_no_error (error);

  g_assert_false (bos_seed_database (store, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpint (bos_store_count (store, "municipality", NULL), ==, 0);
  g_assert_cmpint (bos_store_count (store, "settlement_history", NULL), ==, 0);
  g_assert_null (bos_store_get_meta (store, "seeded"));

  g_clear_object (&store);
  bos_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/seed/counts", Fixture, NULL, fixture_set_up, test_counts, fixture_tear_down);
  g_test_add ("/seed/population", Fixture, NULL, fixture_set_up, test_population, fixture_tear_down);
  g_test_add ("/seed/demo-plan", Fixture, NULL, fixture_set_up, test_demo_plan, fixture_tear_down);
  g_test_add ("/seed/reopen", Fixture, NULL, fixture_set_up, test_reopen, fixture_tear_down);
  g_test_add_func ("/seed/atomic", test_seed_atomic);

  status = g_test_run ();
  if (shared_dir != NULL)
    bos_test_remove_tree (shared_dir);
  g_free (shared_dir);
  return status;
}
