/* test-plan.c: creating and listing plans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "bos-error.h"
#include "bos-plan.h"

static BosStore *
open_temp_store (char **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bos-test-plan-XXXXXX", &error);
  g_autofree char *path = NULL;
  BosStore *store;

  g_assert_no_error (error);
  path = g_build_filename (dir, "plan.sqlite", NULL);
  store = bos_store_open (path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  *path_out = g_steal_pointer (&path);
  return store;
}

static void
test_create_and_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BosStore) store = open_temp_store (&path);
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(BosPlan) older = NULL;
  g_autoptr(BosPlan) county = NULL;
  g_autoptr(BosPlan) loaded = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(BosPlan) first = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *title = NULL;

  plan = bos_plan_create (store, 2027, BOS_PLAN_SCOPE_NATIONAL, 5350, 270, 2930, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_plan_get_id (plan), ==, "plan:2027:national");
  g_assert_cmpint (bos_plan_get_need (plan), ==, 5350);
  g_assert_cmpint (bos_plan_get_minors (plan), ==, 270);
  g_assert_cmpint (bos_plan_get_resettlement (plan), ==, 2930);
  g_assert_cmpstr (bos_plan_get_status (plan), ==, "draft");
  g_assert_false (bos_plan_get_is_demo (plan));

  older = bos_plan_create (store, 2019, BOS_PLAN_SCOPE_NATIONAL, 5350, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  county = bos_plan_create (store, 2027, "39", 400, 20, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_plan_get_id (county), ==, "plan:2027:39");

  plans = bos_plan_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 3);
  first = g_list_model_get_item (plans, 0);
  g_assert_cmpstr (bos_plan_get_id (first), ==, "plan:2027:national");

  loaded = bos_plan_load (store, "plan:2019:national", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_plan_get_year (loaded), ==, 2019);

  title = bos_plan_dup_title (plan);
  g_assert_cmpstr (title, ==, "Plan 2027");

  /* Ready for sync: dirty, never synced, with its author and time. */
  stmt = bos_store_prepare (store, "SELECT dirty, base_rev, deleted, author, modified FROM plan "
                                   "WHERE id = 'plan:2027:national'", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_assert_cmpstr (bos_sqlite_text (stmt, 1), ==, "");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 0);
  g_assert_cmpstr (bos_sqlite_text (stmt, 3), ==, bos_store_get_author (store));
  g_assert_cmpstr (bos_sqlite_text (stmt, 4), !=, "");
}

static void
test_one_plan_per_year_and_scope (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BosStore) store = open_temp_store (&path);
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(BosPlan) again = NULL;
  g_autoptr(BosPlan) unchanged = NULL;

  plan = bos_plan_create (store, 2027, BOS_PLAN_SCOPE_NATIONAL, 5000, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  again = bos_plan_create (store, 2027, BOS_PLAN_SCOPE_NATIONAL, 6000, 0, 0, FALSE, &error);
  g_assert_null (again);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "There is already a national plan for 2027");
  g_clear_error (&error);

  /* The refused attempt changed nothing. */
  unchanged = bos_plan_load (store, "plan:2027:national", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_plan_get_need (unchanged), ==, 5000);
}

static void
test_validation (void)
{
  struct {
    int year, need, minors, resettlement;
    const char *scope;
    const char *message;
  } cases[] = {
    { 2027, -1, 0, 0, "national", "The settlement need cannot be negative (-1)" },
    { 2027, 100, -5, 0, "national", "The number of unaccompanied minors cannot be negative (-5)" },
    { 2027, 100, 0, -5, "national", "The number of resettlement refugees cannot be negative (-5)" },
    { 2027, 100, 101, 0, "national", "Unaccompanied minors (101) cannot be more than the settlement need (100)" },
    { 2027, 100, 0, 150, "national", "Resettlement refugees (150) cannot be more than the settlement need (100)" },
    { 1800, 100, 0, 0, "national", "The year 1800 is not a plausible plan year (1990–2200)" },
    { 2027, 100, 0, 0, "Vestfold", "The scope must be “national” or a two-digit county number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (bos_plan_validate (cases[i].year, cases[i].scope, cases[i].need,
                                         cases[i].minors, cases[i].resettlement, &error));
      g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  g_assert_true (bos_plan_validate (2027, "national", 0, 0, 0, NULL));
  g_assert_true (bos_plan_validate (2027, "39", 400, 400, 400, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/create-and-list", test_create_and_list);
  g_test_add_func ("/plan/one-per-year-and-scope", test_one_plan_per_year_and_scope);
  g_test_add_func ("/plan/validation", test_validation);

  return g_test_run ();
}
