/* bench-sync.c: the initial push and pull of a 5,000-record plan, against
 * PouchDB's own replicator moving the same documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-sync [RECORDS] [RUNS]   (default 5000 and 3)
 *
 * Starts pouchdb-server 4.2.0 (in memory, with authentication, on a free
 * port of 127.0.0.1; installed into the build directory like the sync
 * tests), then per run:
 *  - Bosetting: a client with a plan of RECORDS records (the plan, its
 *    yearly cycle, scenarios with their 357 municipality settings, more
 *    activities to make the count) syncs to an empty database (push); a new
 *    client syncs from it (pull);
 *  - PouchDB: the same documents, loaded into a new local PouchDB, are
 *    replicated to another empty database of the same server, then from it
 *    into a second new local PouchDB (tests/bench/pouchdb-replicate.js).
 * Prints the medians and the ratio. Target: Bosetting faster than PouchDB.
 */
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bos-plan.h"
#include "bos-sync-client.h"
#include "bos-sync-record.h"
#include "bos-sync-registry.h"
#include "bos-test-couch.h"
#include "bos-test-util.h"

#define USER     "planner"
#define PASSWORD "bench-Planner-pw"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static void
exec (BosStore   *store,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!bos_store_exec (store, sql, &error))
    g_error ("%s", error->message);
}

/* The records of plan 2030 that sync (the demo plan stays local). */
static gint64
count_shared (BosStore *store)
{
  const BosSyncTable *tables;
  guint n_tables;
  gint64 total = 0;

  tables = bos_sync_registry_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE deleted = 0 AND (%s)",
                                              tables[i].table, tables[i].shared ? tables[i].shared : "1");
      total += bos_test_query_int (store, sql);
    }
  return total;
}

static void
fill_plan (BosStore *store,
           guint     n_records)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autofree char *sql = NULL;
  guint n_municipalities, n_scenarios;
  gint64 have;

  plan = bos_plan_create (store, 2030, BOS_PLAN_SCOPE_NATIONAL, 5350, 270, 2930, FALSE, &error);
  if (plan == NULL)
    g_error ("%s", error->message);
  n_municipalities = bos_test_query_int (store, "SELECT count(*) FROM municipality");
  have = count_shared (store);
  n_scenarios = (n_records - have) / (n_municipalities + 1);

  exec (store, "BEGIN");
  for (guint s = 0; s < n_scenarios; s++)
    {
      g_free (sql);
      sql = g_strdup_printf ("INSERT INTO scenario (id, plan_id, name, by_county, criteria, modified, author) "
                             "VALUES ('scenario:bench-%u', 'plan:2030:national', 'Scenario %u', %u, "
                             "'{\"population\": 0.%u, \"labour\": 0.2, \"results\": 0.1}', "
                             "'2026-05-01T10:00:00.000Z', 'Bench')",
                             s, s + 1, s % 2, 40 + s);
      exec (store, sql);
      g_free (sql);
      sql = g_strdup_printf ("INSERT INTO scenario_municipality (id, scenario_id, code, adjustment, locked, "
                             "  lock_reason, excluded, cap, note, modified, author) "
                             "SELECT 'scenario_municipality:bench-%u:' || code, 'scenario:bench-%u', code, "
                             "  1.0 + (abs (random ()) %% 50) / 100.0, "
                             "  CASE WHEN rowid %% 7 = 0 THEN 10 + rowid %% 90 END, "
                             "  CASE WHEN rowid %% 7 = 0 THEN 'agreed in the collaboration meeting' END, "
                             "  rowid %% 31 = 0, NULL, 'Merknad for ' || name, "
                             "  '2026-05-01T10:00:00.000Z', 'Bench' FROM municipality",
                             s, s);
      exec (store, sql);
    }
  have = count_shared (store);
  if (have < n_records)
    {
      g_free (sql);
      sql = g_strdup_printf ("INSERT INTO activity (id, plan_id, kind, title, description, start_date, "
                             "  end_date, responsible, modified, author) "
                             "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %"
                             G_GINT64_FORMAT ") "
                             "SELECT 'activity:bench-' || i, 'plan:2030:national', 'meeting', "
                             "  'Samarbeidsmøte ' || i, 'Fordeling for fylket', '2029-09', '2029-09', "
                             "  'IMDi', '2026-05-01T10:00:00.000Z', 'Bench' FROM n",
                             n_records - have);
      exec (store, sql);
    }
  exec (store, "COMMIT");
  g_assert_cmpint (count_shared (store), ==, n_records);
}

/* The same documents for PouchDB, as JSON without revisions. */
static void
export_docs (BosStore   *store,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosSyncRecords) records = bos_sync_records_new (store, &error);
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *json = NULL;
  const BosSyncTable *tables;
  guint n_tables;

  g_assert_no_error (error);
  tables = bos_sync_registry_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE deleted = 0 AND (%s)",
                                              tables[i].table, tables[i].shared ? tables[i].shared : "1");
      g_autoptr(sqlite3_stmt) stmt = bos_store_prepare (store, sql, &error);

      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(JsonObject) doc = bos_sync_records_read (records, &tables[i], bos_sqlite_text (stmt, 0),
                                                             &error);

          g_assert_no_error (error);
          json_array_add_object_element (docs, bos_sync_doc_push_form (doc));
        }
    }
  json_node_set_array (root, docs);
  json = json_to_string (root, FALSE);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
}

static double
timed_sync (BosTestCouch *couch,
            const char   *database,
            BosStore     *store,
            guint        *moved,
            gboolean      pushing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosSyncClient) client = bos_sync_client_new (bos_test_couch_get_url (couch), database, USER,
                                                         &error);
  g_autoptr(BosSyncResult) result = NULL;
  gint64 start;
  double seconds;

  g_assert_no_error (error);
  bos_sync_client_set_password (client, PASSWORD);
  start = g_get_monotonic_time ();
  if (!bos_sync_client_run (client, store, NULL, NULL, NULL, &result, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *moved = pushing ? result->pushed : result->pulled;
  return seconds;
}

static void
run_pouchdb (BosTestCouch *couch,
             const char   *database,
             const char   *docs,
             const char   *dir,
             double       *push,
             double       *pull)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *node_path = g_build_filename (BOS_TEST_NODE_CACHE, "node_modules", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "NODE_PATH", node_path, TRUE);
  const char *argv[] = {
    "node", BENCH_REPLICATE_SCRIPT, docs, bos_test_couch_get_url (couch), database, USER, PASSWORD, dir, NULL
  };
  JsonObject *figures;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("pouchdb-replicate.js failed: %s\n%s", error->message, err ? err : "");
  if (!json_parser_load_from_data (parser, out, -1, &error))
    g_error ("pouchdb-replicate.js said “%s”: %s", out, error->message);
  figures = json_node_get_object (json_parser_get_root (parser));
  *push = json_object_get_double_member (figures, "push_ms") / 1000.0;
  *pull = json_object_get_double_member (figures, "pull_ms") / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  guint n_records = argc > 1 ? (guint) atoi (argv[1]) : 5000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 3;
  g_autoptr(BosTestCouch) couch = NULL;
  g_autoptr(GArray) bos_push = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bos_pull = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bos_total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pouch_push = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pouch_pull = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pouch_total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *why = NULL;
  double bos, pouch;

  if (n_records < 1000 || runs < 1)
    {
      g_printerr ("usage: bench-sync [RECORDS ≥ 1000] [RUNS ≥ 1]\n");
      return 2;
    }
  if (!bos_test_couch_available (&why))
    {
      g_printerr ("bench-sync: %s\n", why);
      return 1;
    }
  couch = bos_test_couch_start (TRUE);
  bos_test_couch_add_user (couch, USER, PASSWORD);

  for (guint run = 0; run < runs; run++)
    {
      g_autofree char *dir = bos_test_make_tmp_dir ("bos-bench-sync");
      g_autofree char *bos_db = g_strdup_printf ("bench-bosetting-%u", run);
      g_autofree char *pouch_db = g_strdup_printf ("bench-pouchdb-%u", run);
      g_autofree char *docs = g_build_filename (dir, "docs.json", NULL);
      g_autoptr(BosStore) source = NULL;
      g_autoptr(BosStore) target = NULL;
      double push, pull;
      guint moved;

      for (guint i = 0; i < 2; i++)
        {
          bos_test_couch_create_db (couch, i == 0 ? bos_db : pouch_db);
          bos_test_couch_set_members (couch, i == 0 ? bos_db : pouch_db, USER);
        }

      source = bos_test_open_seeded_copy (dir, "source.sqlite");
      target = bos_test_open_seeded_copy (dir, "target.sqlite");
      fill_plan (source, n_records);
      export_docs (source, docs);

      push = timed_sync (couch, bos_db, source, &moved, TRUE);
      if (moved != n_records)
        g_error ("pushed %u records, expected %u", moved, n_records);
      pull = timed_sync (couch, bos_db, target, &moved, FALSE);
      if (moved != n_records || count_shared (target) != n_records)
        g_error ("pulled %u records, expected %u", moved, n_records);
      g_array_append_val (bos_push, push);
      g_array_append_val (bos_pull, pull);
      bos = push + pull;
      g_array_append_val (bos_total, bos);

      run_pouchdb (couch, pouch_db, docs, dir, &push, &pull);
      g_array_append_val (pouch_push, push);
      g_array_append_val (pouch_pull, pull);
      pouch = push + pull;
      g_array_append_val (pouch_total, pouch);

      g_clear_object (&source);
      g_clear_object (&target);
      bos_test_remove_tree (dir);
    }

  bos = median (bos_total);
  pouch = median (pouch_total);
  g_print ("bench-sync: %u records of one plan, pouchdb-server 4.2.0 in memory on 127.0.0.1, "
           "median of %u runs\n", n_records, runs);
  g_print ("                         push      pull     total\n");
  g_print ("Bosetting (libsoup)  %7.2f s %7.2f s %7.2f s\n", median (bos_push), median (bos_pull), bos);
  g_print ("PouchDB 7.3.1        %7.2f s %7.2f s %7.2f s\n", median (pouch_push), median (pouch_pull), pouch);
  g_print ("PouchDB / Bosetting: %.1fx (target: above 1, Bosetting faster)\n", pouch / bos);
  return 0;
}
