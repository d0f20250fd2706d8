/* test-sync-failover.c: a server that goes away, loses answers, comes back
 * empty; afterwards every client and the server agree, no edit lost, no
 * record twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test has a pouchdb-server of its own that it kills (SIGKILL) and
 * restarts: on disk, it comes back with what it had stored; in memory, it
 * comes back empty and the database is created again (the reset marker).
 */
#include <string.h>

#include "bos-audit.h"
#include "bos-plan.h"
#include "bos-sync-test.h"
#include "bos-test-http.h"

#define DATABASE "plans"

typedef struct
{
  char         *dir;
  BosTestCouch *couch;
  BosStore     *a, *b;
} Fixture;

static void
prepare_server (BosTestCouch *couch)
{
  bos_test_couch_add_user (couch, PLANNER, PLANNER_PASSWORD);
  bos_test_couch_create_db (couch, DATABASE);
  bos_test_couch_set_members (couch, DATABASE, PLANNER);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean in_memory = GPOINTER_TO_INT (data);

  if (!bos_test_couch_available (NULL))
    return;
  fixture->dir = bos_test_make_tmp_dir ("bos-test-sync-failover");
  fixture->couch = bos_test_couch_start (in_memory);
  prepare_server (fixture->couch);
  fixture->a = bos_test_open_seeded_copy (fixture->dir, "a.sqlite");
  fixture->b = bos_test_open_seeded_copy (fixture->dir, "b.sqlite");
  bos_store_set_author (fixture->a, "Anne A");
  bos_store_set_author (fixture->b, "Bjørn B");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
  g_clear_pointer (&fixture->couch, bos_test_couch_free);
  if (fixture->dir != NULL)
    bos_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static BosSyncClient *
client_for (Fixture *fixture)
{
  return bos_sync_test_client (bos_test_couch_get_url (fixture->couch), DATABASE, PLANNER, PLANNER_PASSWORD);
}

static BosSyncResult *
sync_now (Fixture  *fixture,
          BosStore *store)
{
  g_autoptr(BosSyncClient) client = client_for (fixture);

  return bos_sync_test_run (client, store);
}

static void
create_plan (BosStore *store,
             int       year,
             int       need)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = bos_plan_create (store, year, BOS_PLAN_SCOPE_NATIONAL, need, 0, 0, FALSE, &error);

  g_assert_no_error (error);
}

/* Many records to push: activities of the plan, each with an audit entry. */
static void
add_activities (BosStore *store,
                guint     n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (bos_store_begin (store, &error));
  sql = g_strdup_printf ("INSERT INTO activity (id, plan_id, kind, title, start_date, end_date, modified, "
                         "  author) "
                         "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u) "
                         "SELECT 'activity:bulk-' || i, 'plan:2030:national', 'other', 'Task ' || i, "
                         "  '2029-03', '2029-03', '2026-01-01T00:00:00.000Z', 'Anne A' FROM n",
                         n / 2);
  bos_store_exec (store, sql, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n / 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("activity:bulk-%u", i + 1);

      bos_audit_record (store, id, "sequence", NULL, "0", "failover test", &error);
      g_assert_no_error (error);
    }
  bos_store_commit (store, &error);
  g_assert_no_error (error);
}

static void
assert_agree (Fixture *fixture)
{
  BosStore *stores[2] = { fixture->a, fixture->b };

  bos_sync_test_assert_agree (fixture->couch, DATABASE, stores, 2);
}

static void
test_server_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BosSyncClient) client = NULL;
  g_autoptr(BosSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));
  bos_sync_result_free (sync_now (fixture, fixture->b));

  /* Offline: the planner goes on working; the sync fails cleanly. */
  bos_test_couch_kill (fixture->couch);
  bos_sync_test_edit (fixture->a, "plan", "plan:2030:national", "need", "5600");
  before = bos_sync_test_fingerprint (fixture->a);
  client = client_for (fixture);
  g_assert_false (bos_sync_client_run (client, fixture->a, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Could not reach the sync server"));
  after = bos_sync_test_fingerprint (fixture->a);
  g_assert_cmpstr (before, ==, after);

  /* Back on line */
  bos_test_couch_restart (fixture->couch);
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);

    g_assert_false (r->reset);
    g_assert_cmpuint (r->pushed, ==, 1);
  }
  bos_sync_result_free (sync_now (fixture, fixture->b));
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT need FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 5600);
  assert_agree (fixture);
}

typedef struct
{
  BosTestCouch *couch;
  guint         kill_after;
  gboolean      killed;
} Killer;

static void
kill_in_push_cb (BosSyncPhase phase,
                 guint        done,
                 guint        total,
                 gpointer     user_data)
{
  Killer *killer = user_data;

  if (phase == BOS_SYNC_PHASE_PUSHING && done >= killer->kill_after && !killer->killed)
    {
      bos_test_couch_kill (killer->couch);
      killer->killed = TRUE;
    }
}

/* A pushes 600 records in batches of 50; the server dies after 150. */
static void
push_and_kill (Fixture *fixture)
{
  g_autoptr(BosSyncClient) client = client_for (fixture);
  g_autoptr(BosSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Killer killer = { fixture->couch, 150, FALSE };

  bos_sync_client_set_batch_sizes (client, 0, 50);
  g_assert_false (bos_sync_client_run (client, fixture->a, NULL, kill_in_push_cb, &killer, &result, &error));
  g_assert_true (killer.killed);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
  g_assert_cmpuint (result->pushed, ==, 150);
  g_assert_cmpint (bos_test_query_int (fixture->a, "SELECT count(*) FROM activity WHERE dirty = 1"), >, 0);
}

static void
test_killed_mid_push (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *sent = NULL;
  g_autofree char *unsent = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *notes = NULL;

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));
  bos_sync_result_free (sync_now (fixture, fixture->b));

  add_activities (fixture->a, 600);
  push_and_kill (fixture);

  /* While it is down: an edit of a record already sent, one not yet sent */
  sent = bos_test_query_text (fixture->a, "SELECT id FROM activity WHERE dirty = 0 "
                                          "AND id LIKE 'activity:bulk-%' LIMIT 1");
  unsent = bos_test_query_text (fixture->a, "SELECT id FROM activity WHERE dirty = 1 "
                                            "AND id LIKE 'activity:bulk-%' LIMIT 1");
  g_assert_nonnull (sent);
  g_assert_nonnull (unsent);
  bos_sync_test_edit (fixture->a, "activity", sent, "notes", "'corrected'");
  bos_sync_test_edit (fixture->a, "activity", unsent, "notes", "'corrected too'");
  bos_sync_test_edit (fixture->b, "plan", "plan:2030:national", "minors", "77");

  bos_test_couch_restart (fixture->couch);
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);

    g_assert_false (r->reset);
    g_assert_cmpuint (r->conflicts, ==, 0);
    g_assert_true (bos_sync_result_is_in_sync (r));
  }
  bos_sync_result_free (sync_now (fixture, fixture->b));
  bos_sync_result_free (sync_now (fixture, fixture->a));

  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT count(*) FROM audit"),
                   ==, bos_test_query_int (fixture->a, "SELECT count(*) FROM audit"));
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT count(*) FROM audit WHERE why = 'failover test'"), ==, 300);
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT count(*) FROM activity "
                                       "WHERE id LIKE 'activity:bulk-%'"), ==, 300);
  sql = g_strdup_printf ("SELECT notes FROM activity WHERE id = '%s'", sent);
  notes = bos_test_query_text (fixture->b, sql);
  g_assert_cmpstr (notes, ==, "corrected");
  g_free (sql);
  g_free (notes);
  sql = g_strdup_printf ("SELECT notes FROM activity WHERE id = '%s'", unsent);
  notes = bos_test_query_text (fixture->b, sql);
  g_assert_cmpstr (notes, ==, "corrected too");
  g_assert_cmpint (bos_test_query_int (fixture->a, "SELECT minors FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 77);
  assert_agree (fixture);
}

/* A proxy that forwards to the server and loses the first push's answer
 * after the server has stored it. */
typedef struct
{
  guint16 upstream;
  int     drop_bulk;  /* atomic */
} Proxy;

static void
proxy_handler (BosTestHttp    *http,
               BosTestRequest *request,
               GOutputStream  *out,
               gpointer        user_data)
{
  Proxy *proxy = user_data;
  g_autoptr(GBytes) answer = bos_test_http_forward (request, proxy->upstream);

  if (answer == NULL)
    return;
  if (g_str_has_suffix (request->path, "/_bulk_docs") && g_atomic_int_compare_and_exchange (&proxy->drop_bulk, 1, 0))
    return;  /* stored on the server, the answer lost on the way */
  g_output_stream_write_all (out, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL, NULL, NULL);
}

typedef struct
{
  gboolean       done;
  gboolean       ok;
  BosSyncResult *result;
  GError        *error;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = bos_sync_client_run_finish (BOS_SYNC_CLIENT (source), result, &wait->error);
  wait->done = TRUE;
}

static void
sync_through (const char *url,
              BosStore   *store,
              Wait       *wait)
{
  g_autoptr(BosSyncClient) client = bos_sync_test_client (url, DATABASE, PLANNER, PLANNER_PASSWORD);

  bos_sync_client_run_async (client, store, NULL, done_cb, wait);
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_lost_answer (Fixture       *fixture,
                  gconstpointer  data)
{
  Proxy proxy = { 0, 1 };
  g_autoptr(BosTestHttp) http = NULL;
  g_autofree char *url = NULL;
  Wait first = { 0 }, second = { 0 };

  if (!bos_sync_test_need_node ())
    return;

  proxy.upstream = bos_test_couch_get_port (fixture->couch);
  http = bos_test_http_new (proxy_handler, &proxy);
  url = bos_test_http_get_url (http);

  create_plan (fixture->a, 2030, 5000);
  sync_through (url, fixture->a, &first);
  g_assert_error (first.error, BOS_ERROR, BOS_ERROR_SERVER);
  g_assert_null (first.result);
  g_clear_error (&first.error);
  /* The server has the plan; A does not know it. */
  g_assert_nonnull (bos_test_couch_get_doc (fixture->couch, DATABASE, "plan:2030:national"));
  g_assert_cmpint (bos_test_query_int (fixture->a, "SELECT dirty FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 1);

  /* A edits it again before the next sync: no conflict with itself. */
  bos_sync_test_edit (fixture->a, "plan", "plan:2030:national", "need", "5050");
  sync_through (url, fixture->a, &second);
  g_assert_no_error (second.error);
  g_assert_cmpuint (second.result->conflicts, ==, 0);
  g_assert_true (bos_sync_result_is_in_sync (second.result));
  bos_sync_result_free (second.result);

  bos_sync_result_free (sync_now (fixture, fixture->b));
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT need FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 5050);
  assert_agree (fixture);
}

static void
recreate_empty (Fixture *fixture)
{
  bos_test_couch_restart (fixture->couch);  /* in memory: empty */
  prepare_server (fixture->couch);
}

static void
test_database_recreated (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *activity = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *notes = NULL;

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  create_plan (fixture->b, 2031, 6000);
  bos_sync_result_free (sync_now (fixture, fixture->a));
  bos_sync_result_free (sync_now (fixture, fixture->b));
  bos_sync_result_free (sync_now (fixture, fixture->a));
  assert_agree (fixture);

  /* The server loses everything; meanwhile both planners edit. */
  recreate_empty (fixture);
  bos_sync_test_edit (fixture->a, "plan", "plan:2030:national", "need", "5100");
  activity = bos_test_query_text (fixture->b, "SELECT id FROM activity WHERE plan_id = 'plan:2031:national' "
                                              "ORDER BY id LIMIT 1");
  bos_sync_test_edit (fixture->b, "activity", activity, "notes", "'moved to Tromsø'");

  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);

    g_assert_true (r->reset);
    g_assert_cmpuint (r->conflicts, ==, 0);
    g_assert_cmpuint (r->pushed, >=, 2 * 8);
  }
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);

    g_assert_true (r->reset);
    /* the server holds exactly what B's edit started from: no conflict */
    g_assert_cmpuint (r->conflicts, ==, 0);
    g_assert_cmpuint (r->pushed, ==, 1);
  }
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);

    g_assert_false (r->reset);
    g_assert_true (bos_sync_result_is_in_sync (r));
  }

  sql = g_strdup_printf ("SELECT notes FROM activity WHERE id = '%s'", activity);
  notes = bos_test_query_text (fixture->a, sql);
  g_assert_cmpstr (notes, ==, "moved to Tromsø");
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT need FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 5100);
  assert_agree (fixture);
}

static void
test_killed_mid_push_and_recreated (Fixture       *fixture,
                                    gconstpointer  data)
{
  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));
  bos_sync_result_free (sync_now (fixture, fixture->b));

  add_activities (fixture->a, 600);
  push_and_kill (fixture);
  recreate_empty (fixture);
  bos_sync_test_edit (fixture->b, "plan", "plan:2030:national", "resettlement", "2100");

  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);

    g_assert_true (r->reset);
    g_assert_cmpuint (r->conflicts, ==, 0);
  }
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);

    g_assert_true (r->reset);
    g_assert_cmpuint (r->conflicts, ==, 0);
  }
  bos_sync_result_free (sync_now (fixture, fixture->b));

  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT count(*) FROM audit"),
                   ==, bos_test_query_int (fixture->a, "SELECT count(*) FROM audit"));
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT count(*) FROM audit WHERE why = 'failover test'"), ==, 300);
  g_assert_cmpint (bos_test_query_int (fixture->a, "SELECT resettlement FROM plan "
                                       "WHERE id = 'plan:2030:national'"), ==, 2100);
  assert_agree (fixture);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, in_memory, func) \
  g_test_add (name, Fixture, GINT_TO_POINTER (in_memory), fixture_set_up, func, fixture_tear_down)

  ADD ("/sync-failover/server-down", FALSE, test_server_down);
  ADD ("/sync-failover/killed-mid-push", FALSE, test_killed_mid_push);
  ADD ("/sync-failover/lost-answer", TRUE, test_lost_answer);
  ADD ("/sync-failover/database-recreated", TRUE, test_database_recreated);
  ADD ("/sync-failover/killed-mid-push-and-recreated", TRUE, test_killed_mid_push_and_recreated);

  return g_test_run ();
}
