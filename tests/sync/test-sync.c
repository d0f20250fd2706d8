/* test-sync.c: two and three clients and a real pouchdb-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pouchdb-server (in memory, with authentication) for the program; a
 * database of its own per test, open to the user "planner" only. Every
 * client is a separate SQLite file, seeded as a new installation is.
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/wait.h>

#include "bos-activity.h"
#include "bos-audit.h"
#include "bos-plan.h"
#include "bos-sync-test.h"

static BosTestCouch *couch;

typedef struct
{
  char     *dir;
  char     *database;
  BosStore *a, *b, *c;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static int counter;

  if (couch == NULL)
    return;
  fixture->dir = bos_test_make_tmp_dir ("bos-test-sync");
  fixture->database = g_strdup_printf ("plans-%d", ++counter);
  bos_test_couch_create_db (couch, fixture->database);
  bos_test_couch_set_members (couch, fixture->database, PLANNER);
  fixture->a = bos_test_open_seeded_copy (fixture->dir, "a.sqlite");
  fixture->b = bos_test_open_seeded_copy (fixture->dir, "b.sqlite");
  fixture->c = bos_test_open_seeded_copy (fixture->dir, "c.sqlite");
  bos_store_set_author (fixture->a, "Anne A");
  bos_store_set_author (fixture->b, "Bjørn B");
  bos_store_set_author (fixture->c, "Cecilie C");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
  g_clear_object (&fixture->c);
  if (fixture->dir != NULL)
    bos_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->database);
}

static BosSyncResult *
sync_now (Fixture  *fixture,
          BosStore *store)
{
  g_autoptr(BosSyncClient) client = bos_sync_test_client (bos_test_couch_get_url (couch),
                                                          fixture->database, PLANNER, PLANNER_PASSWORD);

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

static int
plan_need (BosStore *store,
           int       year)
{
  g_autofree char *sql = g_strdup_printf ("SELECT need FROM plan WHERE id = 'plan:%d:national'", year);

  return bos_test_query_int (store, sql);
}

static void
test_different_records (Fixture       *fixture,
                        gconstpointer  data)
{
  BosStore *stores[2];

  if (!bos_sync_test_need_node ())
    return;
  stores[0] = fixture->a;
  stores[1] = fixture->b;

  create_plan (fixture->a, 2030, 5000);
  create_plan (fixture->b, 2031, 6000);
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);

    /* the plan and its default yearly cycle; the demo plan stays here */
    g_assert_cmpuint (r->pushed, >=, 2);
    g_assert_cmpuint (r->pulled, ==, 0);
    g_assert_true (r->reset);
    g_assert_true (bos_sync_result_is_in_sync (r));
  }
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);

    g_assert_cmpuint (r->pulled, >=, 2);
    g_assert_cmpuint (r->pushed, >=, 2);
    g_assert_cmpuint (r->conflicts, ==, 0);
  }
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);

    g_assert_false (r->reset);
    g_assert_cmpuint (r->pushed, ==, 0);
    g_assert_true (bos_sync_result_is_in_sync (r));
  }
  g_assert_cmpint (plan_need (fixture->a, 2031), ==, 6000);
  g_assert_cmpint (plan_need (fixture->b, 2030), ==, 5000);
  /* each keeps its own demo plan */
  g_assert_cmpint (bos_test_query_int (fixture->a, "SELECT count(*) FROM plan WHERE is_demo = 1"), ==, 1);
  bos_sync_test_assert_agree (couch, fixture->database, stores, 2);
}

static void
test_same_record (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BosSyncConflict) conflict = NULL;
  g_autoptr(JsonObject) combined = json_object_new ();
  g_autoptr(GError) error = NULL;
  BosStore *stores[2];

  if (!bos_sync_test_need_node ())
    return;
  stores[0] = fixture->a;
  stores[1] = fixture->b;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));
  bos_sync_result_free (sync_now (fixture, fixture->b));

  bos_sync_test_edit (fixture->a, "plan", "plan:2030:national", "need", "5100");
  bos_sync_test_edit (fixture->b, "plan", "plan:2030:national", "need", "5200");
  bos_sync_result_free (sync_now (fixture, fixture->a));
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);

    /* shown, not overwritten */
    g_assert_cmpuint (r->new_conflicts, ==, 1);
    g_assert_cmpuint (r->conflicts, ==, 1);
    g_assert_cmpuint (r->pushed, ==, 0);
    g_assert_false (bos_sync_result_is_in_sync (r));
  }
  g_assert_cmpint (plan_need (fixture->b, 2030), ==, 5200);
  g_assert_cmpint (json_object_get_int_member (bos_test_couch_get_doc (couch, fixture->database,
                                                                        "plan:2030:national"), "need"),
                   ==, 5100);

  conflict = bos_sync_conflict_load (fixture->b, "plan:2030:national", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (bos_sync_conflict_get_mine (conflict), "need"), ==, 5200);
  g_assert_cmpint (json_object_get_int_member (bos_sync_conflict_get_theirs (conflict), "need"), ==, 5100);
  g_assert_cmpstr (json_object_get_string_member (bos_sync_conflict_get_theirs (conflict), "author"),
                   ==, "Anne A");
  g_assert_cmpstr (json_object_get_string_member (bos_sync_conflict_get_mine (conflict), "author"),
                   ==, "Bjørn B");

  /* A second sync before the decision changes nothing. */
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);

    g_assert_cmpuint (r->new_conflicts, ==, 0);
    g_assert_cmpuint (r->conflicts, ==, 1);
  }

  json_object_set_int_member (combined, "need", 5150);
  bos_sync_conflict_resolve (fixture->b, "plan:2030:national", BOS_SYNC_COMBINE, combined, &error);
  g_assert_no_error (error);
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);

    g_assert_cmpuint (r->pushed, ==, 1);
    g_assert_true (bos_sync_result_is_in_sync (r));
  }
  bos_sync_result_free (sync_now (fixture, fixture->a));
  g_assert_cmpint (plan_need (fixture->a, 2030), ==, 5150);
  bos_sync_test_assert_agree (couch, fixture->database, stores, 2);
}

static void
test_three_clients (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(BosActivity) first = NULL;
  g_autoptr(BosActivity) second = NULL;
  g_autoptr(BosActivity) third = NULL;
  BosStore *stores[3];

  if (!bos_sync_test_need_node ())
    return;
  stores[0] = fixture->a;
  stores[1] = fixture->b;
  stores[2] = fixture->c;

  create_plan (fixture->a, 2030, 5000);
  for (guint i = 0; i < 3; i++)
    bos_sync_result_free (sync_now (fixture, stores[i]));

  activities = bos_activity_list (fixture->a, "plan:2030:national", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (activities), >=, 3);
  first = g_list_model_get_item (activities, 0);
  second = g_list_model_get_item (activities, 1);
  third = g_list_model_get_item (activities, 2);

  /* Different records on each client, with the real editing code. */
  {
    g_autoptr(BosActivity) edit = bos_activity_load (fixture->a, bos_activity_get_id (first), &error);
    g_assert_no_error (error);
    bos_activity_set_location (edit, "Lillestrøm");
    bos_activity_update (fixture->a, edit, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(BosActivity) edit = bos_activity_load (fixture->b, bos_activity_get_id (second), &error);
    g_assert_no_error (error);
    bos_activity_set_notes (edit, "Agreed with KS");
    bos_activity_update (fixture->b, edit, NULL, &error);
    g_assert_no_error (error);
  }
  bos_activity_delete (fixture->c, bos_activity_get_id (third), &error);
  g_assert_no_error (error);
  bos_sync_test_edit (fixture->c, "plan", "plan:2030:national", "minors", "300");

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(BosSyncResult) r = sync_now (fixture, stores[i]);
        g_assert_cmpuint (r->conflicts, ==, 0);
      }

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BosActivity) one = bos_activity_load (stores[i], bos_activity_get_id (first), &error);
      g_autoptr(BosActivity) two = bos_activity_load (stores[i], bos_activity_get_id (second), &error);
      g_autoptr(BosActivity) gone = NULL;

      g_assert_cmpstr (bos_activity_get_location (one), ==, "Lillestrøm");
      g_assert_cmpstr (bos_activity_get_notes (two), ==, "Agreed with KS");
      gone = bos_activity_load (stores[i], bos_activity_get_id (third), &error);
      g_assert_null (gone);
      g_clear_error (&error);
      g_assert_cmpint (bos_test_query_int (stores[i], "SELECT minors FROM plan WHERE id = 'plan:2030:national'"),
                       ==, 300);
    }
  bos_sync_test_assert_agree (couch, fixture->database, stores, 3);

  /* Then two of them edit the same field: B's sync shows the conflict, C
   * never sees one because it did not edit; B keeps the server's version. */
  bos_sync_test_edit (fixture->a, "plan", "plan:2030:national", "resettlement", "1000");
  bos_sync_test_edit (fixture->b, "plan", "plan:2030:national", "resettlement", "1200");
  bos_sync_result_free (sync_now (fixture, fixture->a));
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);
    g_assert_cmpuint (r->conflicts, ==, 1);
  }
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->c);
    g_assert_cmpuint (r->conflicts, ==, 0);
  }
  bos_sync_conflict_resolve (fixture->b, "plan:2030:national", BOS_SYNC_KEEP_THEIRS, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    bos_sync_result_free (sync_now (fixture, stores[i]));
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT resettlement FROM plan "
                                       "WHERE id = 'plan:2030:national'"), ==, 1000);
  bos_sync_test_assert_agree (couch, fixture->database, stores, 3);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(BosActivity) victim = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) tombstone = NULL;
  guint status;
  BosStore *stores[2];

  if (!bos_sync_test_need_node ())
    return;
  stores[0] = fixture->a;
  stores[1] = fixture->b;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));
  bos_sync_result_free (sync_now (fixture, fixture->b));

  activities = bos_activity_list (fixture->b, "plan:2030:national", &error);
  g_assert_no_error (error);
  victim = g_list_model_get_item (activities, 0);
  id = g_strdup (bos_activity_get_id (victim));
  bos_activity_delete (fixture->b, id, &error);
  g_assert_no_error (error);
  bos_sync_result_free (sync_now (fixture, fixture->b));

  /* A tombstone on the server, not a missing document */
  {
    g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
    path = g_strdup_printf ("/%s/%s?open_revs=all", fixture->database, escaped);
  }
  tombstone = bos_test_couch_request (couch, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  {
    JsonObject *leaf = json_object_get_object_member (json_array_get_object_element (
                                                        json_node_get_array (tombstone), 0), "ok");
    g_assert_true (json_object_get_boolean_member (leaf, "_deleted"));
    g_assert_cmpstr (json_object_get_string_member (leaf, "author"), ==, "Bjørn B");
  }
  /* …and B has let go of its row */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM activity WHERE id = '%s'", id);

    g_assert_cmpint (bos_test_query_int (fixture->b, sql), ==, 0);
    bos_sync_result_free (sync_now (fixture, fixture->a));
    g_assert_cmpint (bos_test_query_int (fixture->a, sql), ==, 0);
  }
  bos_sync_test_assert_agree (couch, fixture->database, stores, 2);

  /* The plan deleted too, with everything of it, on the other client:
   * the rows go once the server has the tombstones, children first. */
  {
    const BosSyncTable *tables;
    guint n_tables;

    tables = bos_sync_registry_tables (&n_tables);
    for (guint i = 0; i < n_tables; i++)
      {
        g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET deleted = 1, dirty = 1 "
                                                "WHERE deleted = 0 AND (%s)", tables[i].table,
                                                tables[i].shared ? tables[i].shared : "1");

        bos_store_exec (fixture->a, sql, &error);
        g_assert_no_error (error);
      }
  }
  bos_sync_result_free (sync_now (fixture, fixture->a));
  bos_sync_result_free (sync_now (fixture, fixture->b));
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (bos_test_query_int (stores[i], "SELECT count(*) FROM plan "
                                           "WHERE id = 'plan:2030:national'"), ==, 0);
      g_assert_cmpint (bos_test_query_int (stores[i], "SELECT count(*) FROM activity "
                                           "WHERE plan_id = 'plan:2030:national'"), ==, 0);
    }
  g_assert_null (bos_test_couch_get_doc (couch, fixture->database, "plan:2030:national"));
  bos_sync_test_assert_agree (couch, fixture->database, stores, 2);
}

static void
test_server_side_conflict (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) winner = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(BosSyncConflict) conflict = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/_bulk_docs", fixture->database);
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *first_rev = NULL;
  guint status;
  BosStore *stores[2];

  if (!bos_sync_test_need_node ())
    return;
  stores[0] = fixture->a;
  stores[1] = fixture->b;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));
  winner = bos_test_couch_get_doc (couch, fixture->database, "plan:2030:national");
  first_rev = g_strdup (json_object_get_string_member (winner, "_rev"));
  bos_sync_test_edit (fixture->a, "plan", "plan:2030:national", "need", "5001");
  bos_sync_result_free (sync_now (fixture, fixture->a));

  /* A sibling of A's edit, as replication between CouchDB nodes makes one;
   * its higher revision id makes it the winner. */
  body = g_strdup_printf ("{\"new_edits\": false, \"docs\": [{\"_id\": \"plan:2030:national\", "
                          "\"_rev\": \"2-%s\", \"_revisions\": {\"start\": 2, \"ids\": [\"%s\", \"%s\"]}, "
                          "\"type\": \"plan\", \"year\": 2030, \"scope\": \"national\", \"need\": 4444, "
                          "\"minors\": 0, \"resettlement\": 0, \"status\": \"draft\", \"is_demo\": 0, "
                          "\"created\": \"2026-01-01T00:00:00.000Z\", \"modified\": \"2026-01-01T00:00:00.000Z\", "
                          "\"author\": \"Replica\"}]}",
                          "ffffffffffffffffffffffffffffffff", "ffffffffffffffffffffffffffffffff",
                          strchr (first_rev, '-') + 1);
  answer = bos_test_couch_request (couch, "POST", path, body, &status);
  g_assert_cmpuint (status, ==, 201);
  g_clear_pointer (&winner, json_object_unref);
  winner = bos_test_couch_get_doc (couch, fixture->database, "plan:2030:national");
  g_assert_true (json_object_has_member (winner, "_conflicts"));
  g_assert_cmpint (json_object_get_int_member (winner, "need"), ==, 4444);

  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);
    g_assert_cmpuint (r->conflicts, ==, 1);
  }
  conflict = bos_sync_conflict_load (fixture->b, "plan:2030:national", &error);
  g_assert_no_error (error);
  g_assert_true (bos_sync_conflict_get_server_side (conflict));
  g_assert_true (bos_sync_conflict_field_differs (conflict, "need"));

  bos_sync_conflict_resolve (fixture->b, "plan:2030:national", BOS_SYNC_KEEP_MINE, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);
    g_assert_true (bos_sync_result_is_in_sync (r));
  }
  /* The losing leaf is deleted on the server; A, which saw the conflict
   * too, sees it go. */
  after = bos_test_couch_get_doc (couch, fixture->database, "plan:2030:national");
  g_assert_false (json_object_has_member (after, "_conflicts"));
  g_assert_cmpint (json_object_get_int_member (after, "need"), ==, 4444);
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);
    g_assert_true (bos_sync_result_is_in_sync (r));
  }
  g_assert_cmpint (plan_need (fixture->a, 2030), ==, 4444);
  g_assert_cmpint (bos_test_query_int (fixture->a, "SELECT count(*) FROM plan "
                                       "WHERE id = 'plan:2030:national' AND conflicts IS NOT NULL"), ==, 0);
  bos_sync_test_assert_agree (couch, fixture->database, stores, 2);
}

static void
test_child_before_parent (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(BosSyncClient) client = NULL;
  g_autoptr(BosSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/_bulk_docs", fixture->database);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));

  /* Written children first, one change per batch: B meets the children
   * before the plan. An orphan whose plan never comes waits aside. */
  answer = bos_test_couch_request (couch, "POST", path,
                                   "{\"docs\": [{\"_id\": \"activity:orphan\", \"type\": \"activity\", "
                                   "\"plan_id\": \"plan:2099:national\", \"kind\": \"other\", \"title\": \"Lost\", "
                                   "\"start_date\": \"2098-05\", \"end_date\": \"2098-05\", "
                                   "\"modified\": \"2026-01-01T00:00:00.000Z\", \"author\": \"X\"}]}",
                                   &status);
  g_assert_cmpuint (status, ==, 201);
  client = bos_sync_test_client (bos_test_couch_get_url (couch), fixture->database, PLANNER, PLANNER_PASSWORD);
  bos_sync_client_set_batch_sizes (client, 1, 1);
  bos_sync_client_run (client, fixture->b, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->pending, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->messages, 0), "plan:2099:national"));
  g_assert_false (bos_sync_result_is_in_sync (result));
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT count(*) FROM activity "
                                       "WHERE plan_id = 'plan:2030:national'"),
                   ==,
                   bos_test_query_int (fixture->a, "SELECT count(*) FROM activity "
                                       "WHERE plan_id = 'plan:2030:national'"));
  g_assert_cmpint (plan_need (fixture->b, 2030), ==, 5000);
}

static void
test_unknown_fields_and_types (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(JsonObject) server_doc = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/_bulk_docs", fixture->database);
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));

  /* A newer Bosetting adds a field to the plan and a kind of record. */
  server_doc = bos_test_couch_get_doc (couch, fixture->database, "plan:2030:national");
  json_object_set_string_member (server_doc, "headline", "Ukraine");
  {
    g_autofree char *json = bos_sync_doc_to_string (server_doc);
    body = g_strdup_printf ("{\"docs\": [%s, {\"_id\": \"meeting_note:1\", \"type\": \"meeting_note\", "
                            "\"text\": \"from a newer version\"}]}", json);
  }
  answer = bos_test_couch_request (couch, "POST", path, body, &status);
  g_assert_cmpuint (status, ==, 201);

  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);
    g_assert_cmpuint (r->pending, ==, 1);  /* the meeting note, kept */
  }
  /* B edits the plan: the field it does not know goes back unchanged */
  bos_sync_test_edit (fixture->b, "plan", "plan:2030:national", "need", "5500");
  bos_sync_result_free (sync_now (fixture, fixture->b));
  g_clear_pointer (&server_doc, json_object_unref);
  server_doc = bos_test_couch_get_doc (couch, fixture->database, "plan:2030:national");
  g_assert_cmpint (json_object_get_int_member (server_doc, "need"), ==, 5500);
  g_assert_cmpstr (json_object_get_string_member (server_doc, "headline"), ==, "Ukraine");
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT count(*) FROM sync_pending "
                                       "WHERE record_id = 'meeting_note:1' AND reason = 'type'"), ==, 1);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/%s/_design/rules", fixture->database);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  if (!bos_sync_test_need_node ())
    return;

  /* The server refuses plans above 100 000 (validate_doc_update). */
  answer = bos_test_couch_request (couch, "PUT", path,
                                   "{\"validate_doc_update\": \"function (doc) { if (doc.type === 'plan' "
                                   "&& doc.need > 100000) throw ({forbidden: 'the need is implausible'}); }\"}",
                                   &status);
  g_assert_cmpuint (status, ==, 201);

  create_plan (fixture->a, 2030, 5000);
  create_plan (fixture->a, 2031, 200000);
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);

    g_assert_cmpuint (r->refused, ==, 1);
    g_assert_false (bos_sync_result_is_in_sync (r));
    g_assert_nonnull (strstr (g_ptr_array_index (r->messages, 0), "the need is implausible"));
  }
  /* kept, still to send; the rest went */
  g_assert_cmpint (bos_test_query_int (fixture->a, "SELECT dirty FROM plan WHERE id = 'plan:2031:national'"),
                   ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->a, "SELECT dirty FROM plan WHERE id = 'plan:2030:national'"),
                   ==, 0);
  bos_sync_test_edit (fixture->a, "plan", "plan:2031:national", "need", "20000");
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->a);
    g_assert_true (bos_sync_result_is_in_sync (r));
  }
}

static void
test_audit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(BosAuditEntry) entry = NULL;
  BosStore *stores[2];

  if (!bos_sync_test_need_node ())
    return;
  stores[0] = fixture->a;
  stores[1] = fixture->b;

  create_plan (fixture->a, 2030, 5000);
  g_assert_true (bos_store_begin (fixture->a, &error));
  bos_sync_test_edit (fixture->a, "plan", "plan:2030:national", "need", "5300");
  bos_audit_record (fixture->a, "plan:2030:national", "need", "5000", "5300", "national committee, May", &error);
  g_assert_no_error (error);
  bos_store_commit (fixture->a, &error);
  g_assert_no_error (error);

  bos_sync_result_free (sync_now (fixture, fixture->a));
  bos_sync_result_free (sync_now (fixture, fixture->b));
  entries = bos_audit_list (fixture->b, "plan:2030:national", NULL, "plan:2030:national", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (entries) && entry == NULL; i++)
    {
      g_autoptr(BosAuditEntry) candidate = g_list_model_get_item (entries, i);

      if (g_strcmp0 (bos_audit_entry_get_why (candidate), "national committee, May") == 0)
        entry = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (entry);
  g_assert_cmpint (bos_test_query_int (fixture->b, "SELECT count(*) FROM audit"),
                   ==, bos_test_query_int (fixture->a, "SELECT count(*) FROM audit"));
  g_assert_cmpstr (bos_audit_entry_get_author (entry), ==, "Anne A");
  g_assert_cmpstr (bos_audit_entry_get_old_value (entry), ==, "5000");
  g_assert_cmpstr (bos_audit_entry_get_new_value (entry), ==, "5300");
  g_assert_cmpstr (bos_audit_entry_get_why (entry), ==, "national committee, May");
  bos_sync_test_assert_agree (couch, fixture->database, stores, 2);
}

static void
test_pull_again_changes_nothing (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));
  bos_sync_result_free (sync_now (fixture, fixture->b));

  /* The feed may repeat: read everything again from the start. */
  before = bos_sync_test_fingerprint (fixture->b);
  bos_store_exec (fixture->b, "UPDATE sync_server SET last_seq = ''", &error);
  g_assert_no_error (error);
  {
    g_autoptr(BosSyncResult) r = sync_now (fixture, fixture->b);

    g_assert_cmpuint (r->pulled, ==, 0);
    g_assert_cmpuint (r->pushed, ==, 0);
    g_assert_cmpuint (r->conflicts, ==, 0);
  }
  after = bos_sync_test_fingerprint (fixture->b);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  GMainLoop     *loop;
  BosSyncResult *result;
  GError        *error;
  guint          n_progress;
  gboolean       plan_changed;
  gboolean       done_before_callback;
} AsyncRun;

static void
progress_cb (BosSyncClient *client,
             int            phase,
             guint          done,
             guint          total,
             AsyncRun      *run)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  run->n_progress++;
}

static void
changed_cb (BosStore   *store,
            const char *table,
            AsyncRun   *run)
{
  if (g_str_equal (table, "plan"))
    run->plan_changed = TRUE;
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->result = bos_sync_client_run_finish (BOS_SYNC_CLIENT (source), result, &run->error);
  run->done_before_callback = run->plan_changed;
  g_main_loop_quit (run->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(BosSyncClient) client = NULL;
  AsyncRun run = { 0 };

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));

  client = bos_sync_test_client (bos_test_couch_get_url (couch), fixture->database, PLANNER, PLANNER_PASSWORD);
  run.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (client, "progress", G_CALLBACK (progress_cb), &run);
  g_signal_connect (fixture->b, "changed", G_CALLBACK (changed_cb), &run);
  bos_sync_client_run_async (client, fixture->b, NULL, run_done_cb, &run);
  g_assert_true (bos_sync_client_get_running (client));
  g_main_loop_run (run.loop);

  g_assert_no_error (run.error);
  g_assert_nonnull (run.result);
  g_assert_false (bos_sync_client_get_running (client));
  g_assert_cmpuint (run.result->pulled, >=, 2);
  g_assert_cmpuint (run.n_progress, >=, 3);
  /* the interface's connection hears about the sync's writes */
  g_assert_true (run.done_before_callback);
  g_assert_cmpint (plan_need (fixture->b, 2030), ==, 5000);

  g_signal_handlers_disconnect_by_data (fixture->b, &run);
  bos_sync_result_free (run.result);
  g_main_loop_unref (run.loop);

  /* The worker thread lets go of its task (and the client) just after the
   * result has come: the client must then be gone, nothing else keeps it. */
  {
    gpointer weak = client;
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_object_add_weak_pointer (G_OBJECT (client), &weak);
    g_clear_object (&client);
    while (weak != NULL && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_assert_null (weak);
  }
}

static char *
run_cli (Fixture    *fixture,
         const char *db,
         const char *password,
         int        *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->dir, db, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *cli = g_getenv ("BOSETTING_CLI");
  const char *argv[] = {
    cli, "sync", "--db", db_path, "--server", bos_test_couch_get_url (couch),
    "--database", fixture->database, "--user", PLANNER, NULL
  };
  int status = 0;

  g_assert_nonnull (cli);
  env = g_environ_setenv (env, "BOSETTING_PASSWORD", password, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  if (err != NULL && *err != '\0')
    g_test_message ("stderr: %s", err);
  return g_steal_pointer (&out);
}

static const char *
last_line (const char *out)
{
  const char *end = out + strlen (out);
  const char *start;

  g_assert_true (end > out && end[-1] == '\n');
  for (start = end - 1; start > out && start[-1] != '\n'; start--)
    ;
  return start;
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  int status;

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  g_clear_object (&fixture->a);

  out = run_cli (fixture, "a.sqlite", PLANNER_PASSWORD, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_regex_match_simple ("^pushed=[1-9][0-9]* pulled=0 conflicts=0\n$", last_line (out), 0, 0));
  g_free (out);

  /* a fresh database, created and seeded by the command */
  out = run_cli (fixture, "fresh.sqlite", PLANNER_PASSWORD, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_regex_match_simple ("^pushed=0 pulled=[1-9][0-9]* conflicts=0\n$", last_line (out), 0, 0));
  g_free (out);

  out = run_cli (fixture, "fresh.sqlite", PLANNER_PASSWORD, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (last_line (out), ==, "pushed=0 pulled=0 conflicts=0\n");
  g_free (out);

  /* A conflict: not in sync, exit 1, still the figures last */
  {
    g_autofree char *a_path = g_build_filename (fixture->dir, "a.sqlite", NULL);
    g_autofree char *fresh_path = g_build_filename (fixture->dir, "fresh.sqlite", NULL);
    g_autoptr(BosStore) fresh = bos_store_open (fresh_path, BOS_STORE_OPEN_NONE, NULL);

    fixture->a = bos_store_open (a_path, BOS_STORE_OPEN_NONE, NULL);
    bos_sync_test_edit (fixture->a, "plan", "plan:2030:national", "need", "1");
    bos_sync_test_edit (fresh, "plan", "plan:2030:national", "need", "2");
  }
  out = run_cli (fixture, "a.sqlite", PLANNER_PASSWORD, &status);
  g_assert_cmpint (status, ==, 0);
  g_free (out);
  out = run_cli (fixture, "fresh.sqlite", PLANNER_PASSWORD, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "conflict: plan:2030:national\n"));
  g_assert_cmpstr (last_line (out), ==, "pushed=0 pulled=0 conflicts=1\n");
  g_free (out);

  /* The password on standard input instead of the environment */
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_SILENCE);
    g_autoptr(GSubprocess) process = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *a_path = g_build_filename (fixture->dir, "a.sqlite", NULL);
    g_autofree char *stdout_text = NULL;
    g_autofree char *input = g_strconcat (PLANNER_PASSWORD, "\n", NULL);

    g_subprocess_launcher_unsetenv (launcher, "BOSETTING_PASSWORD");
    process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("BOSETTING_CLI"), "sync",
                                           "--db", a_path, "--server", bos_test_couch_get_url (couch),
                                           "--database", fixture->database, "--user", PLANNER, NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (process, input, NULL, &stdout_text, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    g_assert_true (g_str_has_suffix (stdout_text, " conflicts=0\n"));
  }

  /* Wrong password: failure, the figures still last */
  out = run_cli (fixture, "a.sqlite", "wrong", &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (last_line (out), ==, "pushed=0 pulled=0 conflicts=0\n");
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_password_not_stored (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_strdup (bos_store_get_path (fixture->a));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  bos_sync_result_free (sync_now (fixture, fixture->a));
  /* the test itself can find it where it is */
  g_assert_true (file_contains (path, "plan:2030:national") || file_contains (wal, "plan:2030:national"));
  g_assert_false (file_contains (path, PLANNER_PASSWORD));
  g_assert_false (file_contains (wal, PLANNER_PASSWORD));
  g_clear_object (&fixture->a);  /* checkpoint into the main file */
  g_assert_false (file_contains (path, PLANNER_PASSWORD));
  g_assert_false (file_contains (path, "AuthSession"));
}

static void
test_wrong_password (Fixture       *fixture,
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
  before = bos_sync_test_fingerprint (fixture->a);
  client = bos_sync_test_client (bos_test_couch_get_url (couch), fixture->database, PLANNER, "not-it");
  g_assert_false (bos_sync_client_run (client, fixture->a, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "refused the user name or password"));
  g_assert_null (strstr (error->message, "not-it"));
  after = bos_sync_test_fingerprint (fixture->a);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_a_member (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BosSyncClient) client = NULL;
  g_autoptr(BosSyncClient) anonymous = NULL;
  g_autoptr(BosSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 start;

  if (!bos_sync_test_need_node ())
    return;

  create_plan (fixture->a, 2030, 5000);
  before = bos_sync_test_fingerprint (fixture->a);
  /* "outsider" is a valid user, but not a member of the database:
   * pouchdb-server says 401 where CouchDB says 403; no loop either way. */
  start = g_get_monotonic_time ();
  client = bos_sync_test_client (bos_test_couch_get_url (couch), fixture->database, "outsider", "outsider-pw");
  g_assert_false (bos_sync_client_run (client, fixture->a, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "accepted the user “outsider” but does not let that user open"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);

  anonymous = bos_sync_test_client (bos_test_couch_get_url (couch), fixture->database, NULL, NULL);
  g_assert_false (bos_sync_client_run (anonymous, fixture->a, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "requires a user name and password"));

  after = bos_sync_test_fingerprint (fixture->a);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (bos_test_couch_available (NULL))
    {
      couch = bos_test_couch_start (TRUE);
      bos_test_couch_add_user (couch, PLANNER, PLANNER_PASSWORD);
      bos_test_couch_add_user (couch, "outsider", "outsider-pw");
    }

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/two-clients/different-records", test_different_records);
  ADD ("/sync/two-clients/same-record", test_same_record);
  ADD ("/sync/three-clients", test_three_clients);
  ADD ("/sync/delete", test_delete);
  ADD ("/sync/server-side-conflict", test_server_side_conflict);
  ADD ("/sync/child-before-parent", test_child_before_parent);
  ADD ("/sync/unknown-fields-and-types", test_unknown_fields_and_types);
  ADD ("/sync/refused", test_refused);
  ADD ("/sync/audit", test_audit);
  ADD ("/sync/pull-again-changes-nothing", test_pull_again_changes_nothing);
  ADD ("/sync/async", test_async);
  ADD ("/sync/cli", test_cli);
  ADD ("/sync/password-not-stored", test_password_not_stored);
  ADD ("/sync/auth/wrong-password", test_wrong_password);
  ADD ("/sync/auth/not-a-member", test_not_a_member);

  status = g_test_run ();
  g_clear_pointer (&couch, bos_test_couch_free);
  return status;
}
