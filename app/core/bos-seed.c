/* bos-seed.c: filling a new database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new database gets the reference data compiled into the program (the
 * four CSV files in data/, see data/README.md) and a demo plan for next
 * year, all in one transaction: it is either fully seeded or not at all.
 */
#define G_LOG_DOMAIN "bos-seed"

#include "config.h"

#include "bos-activity.h"
#include "bos-error.h"
#include "bos-import.h"
#include "bos-plan.h"
#include "bos-reference-data.h"
#include "bos-seed.h"

#define RESOURCE_PREFIX "/io/github/bosetting/Bosetting/data/"

/* Demo figures for the national plan, in the range of recent years' needs;
 * they are not an official need. */
#define DEMO_NEED          5000
#define DEMO_MINORS         150
#define DEMO_RESETTLEMENT  2200

/* In dependency order: municipalities before what refers to them. */
static const struct
{
  const char    *file;
  BosImportKind  kind;
} seed_files[] = {
  { "municipalities.csv",            BOS_IMPORT_MUNICIPALITIES },
  { "municipality_code_history.csv", BOS_IMPORT_CODE_HISTORY },
  { "immigrant_share_2021.csv",      BOS_IMPORT_IMMIGRANT_SHARE },
  { "settlement_history.csv",        BOS_IMPORT_HISTORY },
};

/**
 * bos_seed_demo_year:
 *
 * Returns: the year of the demo plan a new database gets: next year
 */
int
bos_seed_demo_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now) + 1;
}

/* The demo plan is prepared during this year, so the steps of its cycle
 * that have already ended are shown as done, as a planner would have them,
 * and the rest as planned. */
static gboolean
mark_past_activities_done (BosStore    *store,
                           const char  *plan_id,
                           GError     **error)
{
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                           g_date_time_get_month (now),
                                           g_date_time_get_year (now));

  activities = bos_activity_list (store, plan_id, error);
  if (activities == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);

      if (!bos_activity_is_overdue (activity, today))
        continue;
      bos_activity_set_status (activity, BOS_ACTIVITY_STATUS_DONE);
      if (!bos_activity_update (store, activity, "demo plan", error))
        return FALSE;
    }
  return TRUE;
}

/**
 * bos_seed_database:
 * @store: a migrated, empty database
 * @error: return location for an error
 *
 * Imports the reference data compiled into the program, creates the demo
 * plan for bos_seed_demo_year() and sets meta "seeded" to the time, in one
 * transaction.
 *
 * Returns: %TRUE on success; on failure nothing has been written
 */
gboolean
bos_seed_database (BosStore  *store,
                   GError   **error)
{
  g_autoptr(BosPlan) plan = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The reference data lives in the static core library; referring to it
   * here makes the linker keep it (and the constructor that registers it)
   * in every program that seeds. */
  if (bos_reference_data_get_resource () == NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   "The reference data is missing from this build of Bosetting");
      return FALSE;
    }

  if (!bos_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (seed_files); i++)
    {
      g_autofree char *resource = g_strconcat (RESOURCE_PREFIX, seed_files[i].file, NULL);
      g_autoptr(BosCsv) csv = NULL;

      csv = bos_csv_new_from_resource (resource, seed_files[i].file, error);
      if (csv == NULL ||
          !bos_import_csv (store, seed_files[i].kind, csv, NULL, error))
        goto failed;
    }

  plan = bos_plan_create (store, bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL,
                          DEMO_NEED, DEMO_MINORS, DEMO_RESETTLEMENT, TRUE, error);
  if (plan == NULL)
    goto failed;
  if (!mark_past_activities_done (store, bos_plan_get_id (plan), error))
    goto failed;

  now = bos_timestamp_now ();
  if (!bos_store_set_meta (store, "seeded", now, error))
    goto failed;

  if (!bos_store_commit (store, error))
    goto failed;

  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}
