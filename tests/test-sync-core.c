/* test-sync-core.c: the sync registry, the record ⇄ document mapping, the
 * local rules of a pull and a push, conflicts and audit, without a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "bos-audit.h"
#include "bos-error.h"
#include "bos-plan.h"
#include "bos-plan-scenario.h"
#include "bos-seed.h"
#include "bos-sync-conflict.h"
#include "bos-sync-local.h"
#include "bos-sync-registry.h"
#include "bos-test-util.h"

typedef struct
{
  char     *dir;
  BosStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = bos_test_make_tmp_dir ("bos-test-sync-core");
  fixture->store = bos_test_open_seeded_copy (fixture->dir, "client.sqlite");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  bos_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static JsonObject *
doc (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = bos_sync_doc_parse (json, &error);

  g_assert_no_error (error);
  return object;
}

static char *
plan_json (int         year,
           const char *rev,
           int         need,
           const char *author)
{
  return g_strdup_printf ("{\"_id\": \"plan:%d:national\", \"_rev\": \"%s\", \"type\": \"plan\", "
                          "\"year\": %d, \"scope\": \"national\", \"need\": %d, \"minors\": 0, "
                          "\"resettlement\": 0, \"status\": \"draft\", \"is_demo\": 0, "
                          "\"created\": \"2026-01-01T00:00:00.000Z\", "
                          "\"modified\": \"2026-01-02T00:00:00.000Z\", \"author\": \"%s\"}",
                          year, rev, year, need, author);
}

static char *
activity_json (const char *id,
               const char *rev,
               const char *plan_id,
               const char *title)
{
  return g_strdup_printf ("{\"_id\": \"%s\", \"_rev\": \"%s\", \"type\": \"activity\", "
                          "\"plan_id\": \"%s\", \"kind\": \"other\", \"title\": \"%s\", "
                          "\"start_date\": \"2030-03\", \"end_date\": \"2030-03\", "
                          "\"modified\": \"2026-01-02T00:00:00.000Z\", \"author\": \"Kari\"}",
                          id, rev, plan_id, title);
}

/* Applies documents in one transaction, as a pull batch does. */
static void
apply_docs (BosSyncLocal      *local,
            const char * const *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bos_sync_local_begin (local, &error));
  g_assert_no_error (error);
  for (guint i = 0; json[i] != NULL; i++)
    {
      g_autoptr(JsonObject) object = doc (json[i]);

      bos_sync_local_apply (local, object, NULL, &error);
      g_assert_no_error (error);
    }
  bos_sync_local_commit (local, &error);
  g_assert_no_error (error);
}

static BosSyncLocal *
local_new (BosStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *seq = NULL;
  BosSyncLocal *local = bos_sync_local_new (store, &error);

  g_assert_no_error (error);
  bos_sync_local_open_server (local, "http://127.0.0.1:1", "test", &client_id, &seq, &error);
  g_assert_no_error (error);
  return local;
}

/* The registry */

static void
test_registry_covers_schema (void)
{
  g_autofree char *dir = bos_test_make_tmp_dir ("bos-test-sync-registry");
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Fails when a table with SYNC_COLUMNS (bos-store-schema.c) is not in
   * sync_tables[] of bos-sync-registry.c: add it there, one line. */
  store = bos_store_open (path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  bos_sync_registry_check (store, &error);
  g_assert_no_error (error);

  g_clear_object (&store);
  bos_test_remove_tree (dir);
}

static void
test_registry_catches_a_forgotten_table (void)
{
  g_autofree char *dir = bos_test_make_tmp_dir ("bos-test-sync-registry");
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = bos_store_open (path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  bos_store_exec (store,
                  "CREATE TABLE meeting_note (id TEXT PRIMARY KEY, body TEXT NOT NULL,"
                  " base_rev TEXT NOT NULL DEFAULT '', dirty INTEGER NOT NULL DEFAULT 1,"
                  " deleted INTEGER NOT NULL DEFAULT 0, conflicts TEXT, modified TEXT NOT NULL,"
                  " author TEXT NOT NULL DEFAULT '')",
                  &error);
  g_assert_no_error (error);
  g_assert_false (bos_sync_registry_check (store, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“meeting_note” has the sync columns but is not in sync_tables[]"));

  g_clear_object (&store);
  bos_test_remove_tree (dir);
}

static void
test_registry_lookup (void)
{
  g_assert_cmpstr (bos_sync_registry_lookup ("plan")->table, ==, "plan");
  g_assert_null (bos_sync_registry_lookup ("meeting_note"));
  g_assert_cmpstr (bos_sync_registry_for_id ("activity:123")->table, ==, "activity");
  g_assert_cmpstr (bos_sync_registry_for_id ("plan:2027:national")->table, ==, "plan");
  g_assert_null (bos_sync_registry_for_id ("planet:1"));
  g_assert_null (bos_sync_registry_for_id ("plan"));
  g_assert_true (bos_sync_registry_is_bookkeeping_column ("dirty"));
  g_assert_false (bos_sync_registry_is_bookkeeping_column ("modified"));
}

/* The mapping */

static void
test_record_document (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(BosSyncRecords) records = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  plan = bos_plan_create (fixture->store, 2031, BOS_PLAN_SCOPE_NATIONAL, 4000, 100, 1500, FALSE, &error);
  g_assert_no_error (error);
  records = bos_sync_records_new (fixture->store, &error);
  g_assert_no_error (error);

  object = bos_sync_records_read (records, bos_sync_registry_lookup ("plan"), "plan:2031:national", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (object, "_id"), ==, "plan:2031:national");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "plan");
  g_assert_cmpint (json_object_get_int_member (object, "need"), ==, 4000);
  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2031);
  g_assert_true (json_object_has_member (object, "modified"));
  g_assert_true (json_object_has_member (object, "author"));
  g_assert_true (json_object_has_member (object, "chosen_scenario"));
  /* sync bookkeeping never leaves this computer */
  g_assert_false (json_object_has_member (object, "id"));
  g_assert_false (json_object_has_member (object, "base_rev"));
  g_assert_false (json_object_has_member (object, "dirty"));
  g_assert_false (json_object_has_member (object, "deleted"));
  g_assert_false (json_object_has_member (object, "conflicts"));
  g_assert_false (json_object_has_member (object, "_deleted"));

  g_assert_null (bos_sync_records_read (records, bos_sync_registry_lookup ("plan"), "plan:1999:national",
                                        &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
}

static void
test_record_unknown_and_missing_fields (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) older = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = plan_json (2032, "1-a", 300, "Kari");
  g_autofree char *status = NULL;
  const char *with_extra[2] = { NULL, NULL };
  BosSyncRecords *records = bos_sync_local_get_records (local);

  /* A newer Bosetting's field is kept and comes back with the record. */
  object = doc (plan);
  json_object_set_int_member (object, "future_figure", 42);
  json_object_set_string_member (object, "_rev", "1-a");
  with_extra[0] = bos_sync_doc_to_string (object);
  apply_docs (local, with_extra);
  g_free ((char *) with_extra[0]);
  g_clear_pointer (&object, json_object_unref);
  object = bos_sync_records_read (records, bos_sync_registry_lookup ("plan"), "plan:2032:national", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (object, "future_figure"), ==, 42);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM sync_extra"), ==, 1);

  /* An older Bosetting's document without "status": the local value stays. */
  bos_store_exec (fixture->store, "UPDATE plan SET status = 'agreed' WHERE id = 'plan:2032:national'", &error);
  g_assert_no_error (error);
  older = doc (plan);
  json_object_remove_member (older, "status");
  json_object_set_string_member (older, "_rev", "2-b");
  {
    g_autofree char *json = bos_sync_doc_to_string (older);
    const char *docs[] = { json, NULL };

    apply_docs (local, docs);
  }
  status = bos_test_query_text (fixture->store, "SELECT status FROM plan WHERE id = 'plan:2032:national'");
  g_assert_cmpstr (status, ==, "agreed");
  /* …and the extra field went with that document */
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM sync_extra"), ==, 0);
}

static void
test_record_digest (void)
{
  g_autoptr(JsonObject) a = doc ("{\"_id\": \"x\", \"_rev\": \"1-a\", \"b\": 1.0, \"a\": \"æ\", "
                                 "\"modified\": \"1\", \"author\": \"A\"}");
  g_autoptr(JsonObject) b = doc ("{\"a\": \"æ\", \"b\": 1, \"_id\": \"x\", \"_rev\": \"2-b\", "
                                 "\"modified\": \"1\", \"author\": \"A\", \"_conflicts\": [\"1-z\"]}");
  g_autoptr(JsonObject) c = doc ("{\"a\": \"æ\", \"b\": 1, \"_id\": \"x\", \"modified\": \"2\", "
                                 "\"author\": \"B\"}");
  g_autoptr(JsonObject) d = doc ("{\"a\": \"æ\", \"b\": 1.5, \"_id\": \"x\", \"modified\": \"2\", "
                                 "\"author\": \"B\"}");
  g_autoptr(JsonObject) gone1 = doc ("{\"_id\": \"x\", \"_deleted\": true, \"b\": 1}");
  g_autoptr(JsonObject) gone2 = doc ("{\"_id\": \"x\", \"_deleted\": true}");
  g_autofree char *da = bos_sync_doc_digest (a);
  g_autofree char *db = bos_sync_doc_digest (b);
  g_autofree char *dc = bos_sync_doc_digest (c);

  /* JavaScript writes 1.0 as 1; revisions are not content */
  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
  g_assert_true (bos_sync_doc_same_content (a, c));
  g_assert_false (bos_sync_doc_same_content (c, d));
  g_assert_true (bos_sync_doc_same_content (gone1, gone2));
  g_assert_false (bos_sync_doc_same_content (gone1, a));
}

/* Pull rules */

static void
test_apply_idempotent (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autofree char *v1 = plan_json (2033, "1-a", 300, "Kari");
  g_autofree char *v2 = plan_json (2033, "2-b", 350, "Ola");
  const char *first[] = { v1, NULL };
  const char *second[] = { v2, v1, v2, NULL };

  apply_docs (local, first);
  g_assert_cmpuint (bos_sync_local_get_pulled (local), ==, 1);
  apply_docs (local, first);
  g_assert_cmpuint (bos_sync_local_get_pulled (local), ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT dirty FROM plan WHERE id = 'plan:2033:national'"), ==, 0);

  /* A repeated feed (an older change again) does not go back. */
  apply_docs (local, second);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT need FROM plan WHERE id = 'plan:2033:national'"), ==, 350);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM sync_conflict"), ==, 0);
}

static void
test_apply_dirty_is_a_conflict (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(BosSyncConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = plan_json (2034, "1-s", 999, "Ola");
  const char *docs[] = { server, NULL };
  g_auto(GStrv) fields = NULL;

  plan = bos_plan_create (fixture->store, 2034, BOS_PLAN_SCOPE_NATIONAL, 500, 0, 0, FALSE, &error);
  g_assert_no_error (error);

  apply_docs (local, docs);
  /* never silently overwritten */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT need FROM plan WHERE id = 'plan:2034:national'"), ==, 500);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT dirty FROM plan WHERE id = 'plan:2034:national'"), ==, 1);
  g_assert_cmpuint (bos_sync_local_get_new_conflicts (local), ==, 1);
  g_assert_cmpint (bos_sync_conflict_count (fixture->store, NULL), ==, 1);

  conflict = bos_sync_conflict_load (fixture->store, "plan:2034:national", &error);
  g_assert_no_error (error);
  g_assert_false (bos_sync_conflict_get_server_side (conflict));
  g_assert_cmpint (json_object_get_int_member (bos_sync_conflict_get_mine (conflict), "need"), ==, 500);
  g_assert_cmpint (json_object_get_int_member (bos_sync_conflict_get_theirs (conflict), "need"), ==, 999);
  g_assert_true (bos_sync_conflict_field_differs (conflict, "need"));
  g_assert_false (bos_sync_conflict_field_differs (conflict, "year"));
  fields = bos_sync_conflict_dup_fields (conflict);
  g_assert_true (g_strv_contains ((const char * const *) fields, "need"));
  g_assert_true (g_strv_contains ((const char * const *) fields, "author"));
  g_assert_false (g_strv_contains ((const char * const *) fields, "_rev"));

  /* A record in conflict is not sent until a planner decides. */
  {
    g_autoptr(GPtrArray) items = bos_sync_local_collect (local, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < items->len; i++)
      g_assert_cmpstr (((BosSyncItem *) g_ptr_array_index (items, i))->id, !=, "plan:2034:national");
  }
}

static void
test_apply_same_content_is_not_a_conflict (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *json = NULL;
  g_autofree char *base_rev = NULL;
  g_autofree char *author = NULL;

  plan = bos_plan_create (fixture->store, 2035, BOS_PLAN_SCOPE_NATIONAL, 500, 0, 0, FALSE, &error);
  g_assert_no_error (error);

  /* Another planner typed the same numbers: who and when differ. */
  server = bos_sync_records_read (bos_sync_local_get_records (local), bos_sync_registry_lookup ("plan"),
                                  "plan:2035:national", &error);
  g_assert_no_error (error);
  json_object_set_string_member (server, "_rev", "1-s");
  json_object_set_string_member (server, "author", "Ola");
  json_object_set_string_member (server, "modified", "2026-02-03T04:05:06.000Z");
  json = bos_sync_doc_to_string (server);
  {
    const char *docs[] = { json, NULL };
    apply_docs (local, docs);
  }
  author = bos_test_query_text (fixture->store, "SELECT author FROM plan WHERE id = 'plan:2035:national'");
  g_assert_cmpstr (author, ==, "Ola");
  g_assert_cmpint (bos_sync_conflict_count (fixture->store, NULL), ==, 0);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT dirty FROM plan WHERE id = 'plan:2035:national'"), ==, 0);
  base_rev = bos_test_query_text (fixture->store, "SELECT base_rev FROM plan WHERE id = 'plan:2035:national'");
  g_assert_cmpstr (base_rev, ==, "1-s");
}

static void
test_apply_child_before_parent (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *child = activity_json ("activity:child", "1-c", "plan:2036:national", "Early");
  g_autofree char *orphan = activity_json ("activity:orphan", "1-o", "plan:2099:national", "Alone");
  g_autofree char *parent = plan_json (2036, "1-p", 100, "Kari");
  g_autofree char *message = NULL;
  const char *batch1[] = { child, orphan, NULL };
  const char *batch2[] = { parent, NULL };

  /* Children whose parent has not arrived wait aside; the batch goes in. */
  apply_docs (local, batch1);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM activity WHERE id IN "
                                       "('activity:child', 'activity:orphan')"), ==, 0);
  g_assert_cmpint (bos_sync_local_count_pending (local, NULL), ==, 2);
  message = bos_test_query_text (fixture->store,
                                 "SELECT message FROM sync_pending WHERE record_id = 'activity:orphan'");
  g_assert_nonnull (strstr (message, "plan:2099:national"));
  g_assert_cmpuint (bos_sync_local_get_pulled (local), ==, 0);

  apply_docs (local, batch2);
  g_assert_true (bos_sync_local_begin (local, &error));
  bos_sync_local_retry_pending (local, &error);
  g_assert_no_error (error);
  bos_sync_local_commit (local, &error);
  g_assert_no_error (error);

  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM activity WHERE id = 'activity:child'"), ==, 1);
  /* The one whose parent never comes stays aside, without failing anything. */
  g_assert_cmpint (bos_sync_local_count_pending (local, NULL), ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

static void
test_apply_update_to_missing_parent_restores (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autofree char *parent = plan_json (2037, "1-p", 100, "Kari");
  g_autofree char *child = activity_json ("activity:moved", "1-c", "plan:2037:national", "Here");
  g_autofree char *moved = activity_json ("activity:moved", "2-c", "plan:2098:national", "There");
  g_autofree char *title = NULL;
  g_autofree char *base_rev = NULL;
  const char *batch1[] = { parent, child, NULL };
  const char *batch2[] = { moved, NULL };

  apply_docs (local, batch1);
  apply_docs (local, batch2);
  /* The local record is as before, the new version waits for its plan. */
  title = bos_test_query_text (fixture->store, "SELECT title FROM activity WHERE id = 'activity:moved'");
  g_assert_cmpstr (title, ==, "Here");
  base_rev = bos_test_query_text (fixture->store, "SELECT base_rev FROM activity WHERE id = 'activity:moved'");
  g_assert_cmpstr (base_rev, ==, "1-c");
  g_assert_cmpint (bos_sync_local_count_pending (local, NULL), ==, 1);
}

static void
test_apply_unknown_and_invalid (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autofree char *bad_year = plan_json (1800, "1-x", 100, "Kari");
  g_autofree char *good = plan_json (2038, "1-g", 100, "Kari");
  const char *docs[] = {
    "{\"_id\": \"meeting_note:1\", \"_rev\": \"1-m\", \"type\": \"meeting_note\", \"body\": \"hi\"}",
    "{\"_id\": \"_design/app\", \"_rev\": \"1-d\", \"views\": {}}",
    bad_year, good, NULL
  };

  apply_docs (local, docs);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM sync_pending WHERE reason = 'type'"), ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM sync_pending WHERE reason = 'invalid'"), ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM plan WHERE id = 'plan:2038:national'"), ==, 1);
}

static void
test_apply_delete_and_purge (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = plan_json (2039, "1-p", 100, "Kari");
  g_autofree char *child = activity_json ("activity:kept", "1-c", "plan:2039:national", "Kept");
  const char *batch1[] = { parent, child, NULL };
  const char *batch2[] = {
    "{\"_id\": \"plan:2039:national\", \"_rev\": \"2-p\", \"_deleted\": true, \"type\": \"plan\"}",
    NULL
  };
  const char *batch3[] = {
    "{\"_id\": \"activity:kept\", \"_rev\": \"2-c\", \"_deleted\": true}",
    NULL
  };

  apply_docs (local, batch1);
  apply_docs (local, batch2);
  /* A tombstone hides the plan; its row stays while a child refers to it. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT deleted FROM plan WHERE id = 'plan:2039:national'"), ==, 1);
  bos_sync_local_purge (local, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM plan WHERE id = 'plan:2039:national'"), ==, 1);

  apply_docs (local, batch3);
  bos_sync_local_purge (local, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM plan "
                                       "WHERE id = 'plan:2039:national'"), ==, 0);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM activity "
                                       "WHERE id = 'activity:kept'"), ==, 0);
}

/* Push rules */

static void
test_push_confirm_and_edit_meanwhile (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autofree char *digest = NULL;
  g_auto(GStrv) losing = NULL;
  BosSyncItem *item = NULL;

  plan = bos_plan_create (fixture->store, 2040, BOS_PLAN_SCOPE_NATIONAL, 500, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  items = bos_sync_local_collect (local, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((BosSyncItem *) g_ptr_array_index (items, i))->id, "plan:2040:national"))
      item = g_ptr_array_index (items, i);
  g_assert_nonnull (item);
  /* The demo plan of the seed never leaves this computer */
  for (guint i = 0; i < items->len; i++)
    g_assert_false (g_str_has_prefix (((BosSyncItem *) g_ptr_array_index (items, i))->id, "plan:2027"));

  sent = bos_sync_local_push_doc (local, item, &digest, &losing, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (sent, "_rev"));
  g_assert_null (losing);

  /* Edited while the push was on its way: stays dirty, builds on the new rev. */
  bos_store_exec (fixture->store, "UPDATE plan SET need = 501, dirty = 1 WHERE id = 'plan:2040:national'",
                  &error);
  g_assert_no_error (error);
  g_assert_true (bos_sync_local_begin (local, &error));
  bos_sync_local_confirm (local, item, "1-new", digest, &error);
  g_assert_no_error (error);
  bos_sync_local_commit (local, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT dirty FROM plan WHERE id = 'plan:2040:national'"), ==, 1);
  g_free (digest);
  g_clear_pointer (&sent, json_object_unref);
  sent = bos_sync_local_push_doc (local, item, &digest, &losing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (sent, "_rev"), ==, "1-new");

  g_assert_true (bos_sync_local_begin (local, &error));
  bos_sync_local_confirm (local, item, "2-new", digest, &error);
  g_assert_no_error (error);
  bos_sync_local_commit (local, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT dirty FROM plan WHERE id = 'plan:2040:national'"), ==, 0);
}

static void
test_push_lost_answer_is_ours (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *server_json = NULL;
  g_auto(GStrv) losing = NULL;
  BosSyncItem *item = NULL;

  plan = bos_plan_create (fixture->store, 2041, BOS_PLAN_SCOPE_NATIONAL, 500, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  items = bos_sync_local_collect (local, &error);
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((BosSyncItem *) g_ptr_array_index (items, i))->id, "plan:2041:national"))
      item = g_ptr_array_index (items, i);
  g_assert_true (bos_sync_local_begin (local, &error));
  sent = bos_sync_local_push_doc (local, item, &digest, &losing, &error);
  bos_sync_local_set_inflight (local, item->id, digest, &error);
  g_assert_no_error (error);
  bos_sync_local_commit (local, &error);
  g_assert_no_error (error);

  /* The answer never came; the planner edits again; the next pull brings
   * our own write back: not a conflict, the new edit stays to be sent. */
  bos_store_exec (fixture->store, "UPDATE plan SET need = 777, dirty = 1 WHERE id = 'plan:2041:national'",
                  &error);
  g_assert_no_error (error);
  json_object_set_string_member (sent, "_rev", "1-landed");
  server_json = bos_sync_doc_to_string (sent);
  {
    const char *docs[] = { server_json, NULL };
    apply_docs (local, docs);
  }
  g_assert_cmpint (bos_sync_conflict_count (fixture->store, NULL), ==, 0);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT need FROM plan WHERE id = 'plan:2041:national'"), ==, 777);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT dirty FROM plan WHERE id = 'plan:2041:national'"), ==, 1);
  {
    g_autofree char *base_rev = bos_test_query_text (fixture->store, "SELECT base_rev FROM plan "
                                                     "WHERE id = 'plan:2041:national'");
    g_assert_cmpstr (base_rev, ==, "1-landed");
  }
}

/* Resolution */

static void
make_conflict (Fixture    *fixture,
               int         year,
               int         local_need,
               int         server_need,
               const char *conflicts)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = plan_json (year, "3-s", server_need, "Ola");
  g_autoptr(JsonObject) object = doc (server);
  g_autofree char *json = NULL;

  if (conflicts != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, conflicts, -1, &error);
      g_assert_no_error (error);
      json_object_set_member (object, "_conflicts", json_node_copy (json_parser_get_root (parser)));
    }
  json = bos_sync_doc_to_string (object);
  plan = bos_plan_create (fixture->store, year, BOS_PLAN_SCOPE_NATIONAL, local_need, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  {
    const char *docs[] = { json, NULL };
    apply_docs (local, docs);
  }
  g_assert_cmpint (bos_sync_conflict_count (fixture->store, NULL), ==, 1);
}

static void
test_resolve (Fixture       *fixture,
              gconstpointer  data)
{
  BosSyncResolution how = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) combined = json_object_new ();
  g_autofree char *base_rev = NULL;
  g_autofree char *why = NULL;
  int need;

  make_conflict (fixture, 2042, 500, 900, NULL);
  json_object_set_int_member (combined, "need", 700);
  bos_sync_conflict_resolve (fixture->store, "plan:2042:national", how,
                             how == BOS_SYNC_COMBINE ? combined : NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (bos_sync_conflict_count (fixture->store, NULL), ==, 0);
  need = bos_test_query_int (fixture->store, "SELECT need FROM plan WHERE id = 'plan:2042:national'");
  base_rev = bos_test_query_text (fixture->store, "SELECT base_rev FROM plan WHERE id = 'plan:2042:national'");
  g_assert_cmpstr (base_rev, ==, "3-s");
  switch (how)
    {
    case BOS_SYNC_KEEP_MINE:
      g_assert_cmpint (need, ==, 500);
      g_assert_cmpint (bos_test_query_int (fixture->store,
                                           "SELECT dirty FROM plan WHERE id = 'plan:2042:national'"), ==, 1);
      break;
    case BOS_SYNC_KEEP_THEIRS:
      g_assert_cmpint (need, ==, 900);
      /* exactly the server's version: nothing to send */
      g_assert_cmpint (bos_test_query_int (fixture->store,
                                           "SELECT dirty FROM plan WHERE id = 'plan:2042:national'"), ==, 0);
      break;
    case BOS_SYNC_COMBINE:
    default:
      g_assert_cmpint (need, ==, 700);
      g_assert_cmpint (bos_test_query_int (fixture->store,
                                           "SELECT dirty FROM plan WHERE id = 'plan:2042:national'"), ==, 1);
      break;
    }
  why = bos_test_query_text (fixture->store, "SELECT new_value FROM change_log WHERE field = 'sync_conflict'");
  g_assert_nonnull (why);
}

static void
test_resolve_server_side (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(BosSyncConflict) conflict = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *winner = plan_json (2043, "2-w", 800, "Ola");
  g_autofree char *loser = plan_json (2043, "2-l", 600, "Kari");
  g_autoptr(JsonObject) winner_doc = doc (winner);
  g_autoptr(JsonObject) loser_doc = doc (loser);
  g_autoptr(JsonObject) sent = NULL;
  g_autofree char *digest = NULL;
  g_auto(GStrv) losing = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_parser_load_from_data (parser, "[\"2-l\"]", -1, NULL);
  json_object_set_member (winner_doc, "_conflicts", json_node_copy (json_parser_get_root (parser)));
  g_assert_true (bos_sync_local_begin (local, &error));
  bos_sync_local_apply (local, winner_doc, loser_doc, &error);
  g_assert_no_error (error);
  bos_sync_local_commit (local, &error);
  g_assert_no_error (error);

  /* The winner is applied, the losing leaf shown against it. */
  conflict = bos_sync_conflict_load (fixture->store, "plan:2043:national", &error);
  g_assert_no_error (error);
  g_assert_true (bos_sync_conflict_get_server_side (conflict));
  g_assert_cmpint (json_object_get_int_member (bos_sync_conflict_get_mine (conflict), "need"), ==, 800);
  g_assert_cmpint (json_object_get_int_member (bos_sync_conflict_get_theirs (conflict), "need"), ==, 600);

  bos_sync_conflict_resolve (fixture->store, "plan:2043:national", BOS_SYNC_KEEP_THEIRS, NULL, &error);
  g_assert_no_error (error);
  items = bos_sync_local_collect (local, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 1);
  for (guint i = 0; i < items->len; i++)
    {
      BosSyncItem *item = g_ptr_array_index (items, i);

      if (!g_str_equal (item->id, "plan:2043:national"))
        continue;
      sent = bos_sync_local_push_doc (local, item, &digest, &losing, &error);
      g_assert_no_error (error);
    }
  g_assert_nonnull (sent);
  /* Sent on top of the winner, with the losing revision deleted. */
  g_assert_cmpstr (json_object_get_string_member (sent, "_rev"), ==, "2-w");
  g_assert_cmpint (json_object_get_int_member (sent, "need"), ==, 600);
  g_assert_nonnull (losing);
  g_assert_cmpstr (losing[0], ==, "2-l");
  g_assert_null (losing[1]);
}

/* Audit */

static void
test_audit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GListModel) by_plan = NULL;
  g_autoptr(GListModel) other = NULL;
  g_autoptr(BosAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  guint n_plan, n_code;

  plan = bos_plan_create (fixture->store, 2044, BOS_PLAN_SCOPE_NATIONAL, 500, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  /* what creating the plan wrote itself */
  by_plan = bos_audit_list (fixture->store, "plan:2044:national", NULL, NULL, &error);
  g_assert_no_error (error);
  n_plan = g_list_model_get_n_items (by_plan);
  g_clear_object (&by_plan);
  other = bos_audit_list (fixture->store, NULL, "0301", NULL, &error);
  n_code = g_list_model_get_n_items (other);
  g_clear_object (&other);
  bos_store_set_author (fixture->store, "Kari Nordmann");
  bos_audit_record (fixture->store, "plan:2044:national", "need", "500", "550", "meeting 12 September",
                    &error);
  g_assert_no_error (error);
  bos_audit_record_full (fixture->store, "decision:2044:0301", "plan:2044:national", "0301", "persons",
                         NULL, "120", "council decision", &error);
  g_assert_no_error (error);

  by_plan = bos_audit_list (fixture->store, "plan:2044:national", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (by_plan), ==, n_plan + 2);
  other = bos_audit_list (fixture->store, NULL, "0301", "decision:2044:0301", &error);
  g_assert_cmpuint (g_list_model_get_n_items (other), ==, 1);
  g_clear_object (&other);
  other = bos_audit_list (fixture->store, NULL, "0301", NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (other), ==, n_code + 1);
  g_clear_object (&other);
  other = bos_audit_list (fixture->store, NULL, NULL, "decision:2044:0301", &error);
  entry = g_list_model_get_item (other, 0);
  g_assert_true (g_str_has_prefix (bos_audit_entry_get_id (entry), "audit:"));
  g_assert_cmpstr (bos_audit_entry_get_field (entry), ==, "persons");
  g_assert_null (bos_audit_entry_get_old_value (entry));
  g_assert_cmpstr (bos_audit_entry_get_new_value (entry), ==, "120");
  g_assert_cmpstr (bos_audit_entry_get_author (entry), ==, "Kari Nordmann");
  g_assert_cmpstr (bos_audit_entry_get_why (entry), ==, "council decision");
  /* Audit entries are records to send like any other */
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT dirty FROM audit "
                                       "WHERE record_id = 'decision:2044:0301'"), ==, 1);
}

/* How many rows of @table belong to @plan_id (and match @extra) */
static gint64
count_plan_rows (BosStore   *store,
                 const char *table,
                 const char *plan_id,
                 const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *belongs = "plan_id = ?1";

  if (g_str_equal (table, "plan"))
    belongs = "id = ?1";
  else if (g_str_equal (table, "scenario_municipality"))
    belongs = "scenario_id IN (SELECT id FROM scenario WHERE plan_id = ?1)";
  else if (g_str_equal (table, "change_log"))
    belongs = "record_id IN (SELECT id FROM scenario_municipality WHERE scenario_id IN "
              "(SELECT id FROM scenario WHERE plan_id = ?1)) OR record_id = ?1";
  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE (%s) AND %s", table, belongs,
                         extra != NULL ? extra : "1");
  stmt = bos_store_prepare (store, sql, &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The server has the real plan of the demo plan's year, same id: the demo
 * plan and everything of it give way, no conflict (bos-sync-local.c, "Demo
 * plans"). @data: the real plan's default scenario arrives before the plan. */
static void
test_apply_real_plan_replaces_demo (Fixture       *fixture,
                                    gconstpointer  data)
{
  gboolean child_first = GPOINTER_TO_INT (data);
  g_autoptr(BosSyncLocal) local = local_new (fixture->store);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = NULL;
  int year = bos_seed_demo_year ();
  g_autofree char *plan_id = bos_plan_make_id (year, BOS_PLAN_SCOPE_NATIONAL);
  g_autofree char *scenario_id = bos_plan_scenario_make_default_id (plan_id);
  g_autofree char *real_plan = plan_json (year, "1-real", 4321, "Ola");
  g_autofree char *real_scenario = NULL;
  g_autofree char *real_activity = activity_json ("activity:real-1", "1-act", plan_id, "Kickoff");
  const char *plan_first[] = { real_plan, real_scenario, real_activity, NULL };
  const char *scenario_first[] = { real_scenario, real_plan, real_activity, NULL };

  real_scenario = g_strdup_printf ("{\"_id\": \"%s\", \"_rev\": \"1-sc\", \"type\": \"scenario\", "
                                   "\"plan_id\": \"%s\", \"name\": \"\", \"by_county\": 0, "
                                   "\"criteria\": \"{}\", \"modified\": \"2026-01-02T00:00:00.000Z\", "
                                   "\"author\": \"Ola\"}",
                                   scenario_id, plan_id);
  plan_first[1] = scenario_first[0] = real_scenario;

  /* The demo plan, played with: a lock (settings, change log, audit) */
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM plan WHERE is_demo = 1"), ==, 1);
  bos_plan_scenario_set_lock (fixture->store, scenario_id, "0301", 500, "demo meeting", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_plan_rows (fixture->store, "scenario_municipality", plan_id, NULL), ==, 1);
  g_assert_cmpint (count_plan_rows (fixture->store, "audit", plan_id, NULL), >, 0);
  g_assert_cmpint (count_plan_rows (fixture->store, "activity", plan_id, NULL), >, 1);
  g_assert_cmpint (count_plan_rows (fixture->store, "change_log", plan_id, NULL), >, 0);

  apply_docs (local, child_first ? scenario_first : plan_first);

  /* No conflict: the real plan and its records are here, clean */
  g_assert_cmpuint (bos_sync_local_get_new_conflicts (local), ==, 0);
  g_assert_cmpint (bos_sync_conflict_count (fixture->store, NULL), ==, 0);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM sync_pending"), ==, 0);
  plan = bos_plan_load (fixture->store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_false (bos_plan_get_is_demo (plan));
  g_assert_cmpint (bos_plan_get_need (plan), ==, 4321);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM plan WHERE is_demo = 1"), ==, 0);
  g_assert_cmpint (count_plan_rows (fixture->store, "scenario", plan_id, "base_rev = '1-sc'"), ==, 1);
  g_assert_cmpint (count_plan_rows (fixture->store, "scenario", plan_id, NULL), ==, 1);
  g_assert_cmpint (count_plan_rows (fixture->store, "activity", plan_id, NULL), ==, 1);

  /* Nothing of the demo is left to show as the real plan's or to send */
  g_assert_cmpint (count_plan_rows (fixture->store, "scenario_municipality", plan_id, NULL), ==, 0);
  g_assert_cmpint (count_plan_rows (fixture->store, "audit", plan_id, NULL), ==, 0);
  g_assert_cmpint (count_plan_rows (fixture->store, "change_log", plan_id, NULL), ==, 0);
  items = bos_sync_local_collect (local, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      BosSyncItem *item = g_ptr_array_index (items, i);

      g_assert_true (g_str_equal (item->table->table, "letter_template") ||
                     g_str_equal (item->table->table, "letter_language") ||
                     g_str_equal (item->table->table, "indicator"));
    }

  /* The real plan of another year leaves a demo plan alone */
  {
    g_autoptr(BosPlan) demo = NULL;
    g_autofree char *other = plan_json (year + 1, "1-other", 100, "Ola");
    const char *docs[] = { other, NULL };

    demo = bos_plan_create (fixture->store, year + 2, BOS_PLAN_SCOPE_NATIONAL, 200, 0, 0, TRUE, &error);
    g_assert_no_error (error);
    apply_docs (local, docs);
    g_assert_cmpint (count_plan_rows (fixture->store, "plan", bos_plan_get_id (demo), "is_demo = 1"), ==, 1);
    g_assert_cmpint (count_plan_rows (fixture->store, "activity", bos_plan_get_id (demo), NULL), >, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/sync-core/registry/covers-schema", test_registry_covers_schema);
  g_test_add_func ("/sync-core/registry/catches-a-forgotten-table", test_registry_catches_a_forgotten_table);
  g_test_add_func ("/sync-core/registry/lookup", test_registry_lookup);
  g_test_add_func ("/sync-core/record/digest", test_record_digest);
  ADD ("/sync-core/record/document", test_record_document);
  ADD ("/sync-core/record/unknown-and-missing-fields", test_record_unknown_and_missing_fields);
  ADD ("/sync-core/pull/idempotent", test_apply_idempotent);
  ADD ("/sync-core/pull/dirty-is-a-conflict", test_apply_dirty_is_a_conflict);
  ADD ("/sync-core/pull/same-content-is-not-a-conflict", test_apply_same_content_is_not_a_conflict);
  ADD ("/sync-core/pull/child-before-parent", test_apply_child_before_parent);
  ADD ("/sync-core/pull/update-to-missing-parent", test_apply_update_to_missing_parent_restores);
  ADD ("/sync-core/pull/unknown-and-invalid", test_apply_unknown_and_invalid);
  ADD ("/sync-core/pull/delete-and-purge", test_apply_delete_and_purge);
  g_test_add ("/sync-core/pull/real-plan-replaces-demo", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_apply_real_plan_replaces_demo, fixture_tear_down);
  g_test_add ("/sync-core/pull/real-plan-replaces-demo/child-first", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_apply_real_plan_replaces_demo, fixture_tear_down);
  ADD ("/sync-core/push/confirm-and-edit-meanwhile", test_push_confirm_and_edit_meanwhile);
  ADD ("/sync-core/push/lost-answer-is-ours", test_push_lost_answer_is_ours);
  g_test_add ("/sync-core/resolve/keep-mine", Fixture, GINT_TO_POINTER (BOS_SYNC_KEEP_MINE),
              fixture_set_up, test_resolve, fixture_tear_down);
  g_test_add ("/sync-core/resolve/keep-theirs", Fixture, GINT_TO_POINTER (BOS_SYNC_KEEP_THEIRS),
              fixture_set_up, test_resolve, fixture_tear_down);
  g_test_add ("/sync-core/resolve/combine", Fixture, GINT_TO_POINTER (BOS_SYNC_COMBINE),
              fixture_set_up, test_resolve, fixture_tear_down);
  ADD ("/sync-core/resolve/server-side", test_resolve_server_side);
  ADD ("/sync-core/audit", test_audit);

  return g_test_run ();
}
