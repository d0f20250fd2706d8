/* bos-sync-client.c: sync a Bosetting database with a CouchDB server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run (sync.md):
 *  1. GET /{db}: the database exists and we may open it (login first).
 *  2. GET /{db}/_local/bosetting-client-<client id>: when the marker is
 *     missing the database is new or was recreated: pull from scratch and
 *     send every record again (bos_sync_local_forget_server()).
 *  3. Pull: GET _changes (style=all_docs, include_docs, conflicts) in
 *     batches; each batch and the sequence after it in one transaction.
 *     Then the documents kept aside are tried again.
 *  4. Push: the dirty records in batches to POST _bulk_docs, each with
 *     _rev = base_rev; every answer entry read: ok → clean (unless edited
 *     meanwhile), conflict → the server's version fetched (POST _all_docs
 *     with keys) and the rules applied, forbidden and the like → kept
 *     dirty and reported. A digest of each document sent is stored before
 *     the request, so an answer lost on the way is recognised later.
 *  5. Confirmed tombstones are removed; after a reset the marker is written.
 *
 * bos_sync_client_run() blocks and uses the caller's connection (CLI,
 * tests); bos_sync_client_run_async() opens a connection of its own in a
 * GTask thread and reports progress on the caller's main context.
 *
 * Requests that crash pouchdb-server (open_revs or _bulk_get with
 * latest=true for an unknown revision, POST _changes?filter=_selector) are
 * not used: losing revisions are read with GET /{db}/{id}?rev=.
 */
#define G_LOG_DOMAIN "bos-sync-client"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-error.h"
#include "bos-sync-client.h"
#include "bos-sync-http.h"
#include "bos-sync-local.h"

#define DEFAULT_PULL_LIMIT 300
#define DEFAULT_PUSH_BATCH 500
#define MARKER_PREFIX "_local/bosetting-client-"

struct _BosSyncClient
{
  GObject  parent_instance;

  char    *url;
  char    *database;
  char    *user;
  char    *password;
  guint    timeout;
  guint    pull_limit;
  guint    push_batch;
  int      running;   /* atomic */
};

G_DEFINE_FINAL_TYPE (BosSyncClient, bos_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_DATABASE,
  PROP_USER,
  PROP_TIMEOUT,
  PROP_RUNNING,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_BOXED_TYPE (BosSyncResult, bos_sync_result, bos_sync_result_copy, bos_sync_result_free)

/* What one run needs, copied from the client when it starts. */
typedef struct
{
  char  *url;
  char  *database;
  char  *user;
  char  *password;
  guint  timeout;
  guint  pull_limit;
  guint  push_batch;
} Settings;

typedef struct
{
  Settings            *settings;
  BosSyncHttp         *http;
  BosSyncLocal        *local;
  BosSyncResult       *result;
  GCancellable        *cancellable;
  BosSyncProgressFunc  progress;
  gpointer             progress_data;
  char                *client_id;
  guint                pull_estimate;
} Run;

/* BosSyncResult */

BosSyncResult *
bos_sync_result_new (void)
{
  BosSyncResult *result = g_new0 (BosSyncResult, 1);

  result->messages = g_ptr_array_new_with_free_func (g_free);
  result->changed_tables = g_ptr_array_new_with_free_func (g_free);
  return result;
}

static GPtrArray *
copy_strings (GPtrArray *strings)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < strings->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (strings, i)));
  return copy;
}

BosSyncResult *
bos_sync_result_copy (const BosSyncResult *result)
{
  BosSyncResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_memdup2 (result, sizeof *result);
  copy->messages = copy_strings (result->messages);
  copy->changed_tables = copy_strings (result->changed_tables);
  return copy;
}

void
bos_sync_result_free (BosSyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->messages, g_ptr_array_unref);
  g_clear_pointer (&result->changed_tables, g_ptr_array_unref);
  g_free (result);
}

/**
 * bos_sync_result_is_in_sync:
 *
 * Returns: %TRUE when the database and the server agree: no conflict, no
 *   refused or unsent edit, nothing kept aside
 */
gboolean
bos_sync_result_is_in_sync (const BosSyncResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  return result->conflicts == 0 && result->refused == 0 && result->pending == 0 &&
         result->unsynced == 0;
}

/* Settings */

static void
settings_free (Settings *settings)
{
  g_free (settings->url);
  g_free (settings->database);
  g_free (settings->user);
  bos_sync_secure_free (settings->password);
  g_free (settings);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Settings, settings_free)

static Settings *
settings_copy (BosSyncClient *self)
{
  Settings *settings = g_new0 (Settings, 1);

  settings->url = g_strdup (self->url);
  settings->database = g_strdup (self->database);
  settings->user = g_strdup (self->user);
  settings->password = g_strdup (self->password);
  settings->timeout = self->timeout;
  settings->pull_limit = self->pull_limit;
  settings->push_batch = self->push_batch;
  return settings;
}

/* Helpers for the answers */

static void
report (Run          *run,
        BosSyncPhase  phase,
        guint         done,
        guint         total)
{
  if (run->progress != NULL)
    run->progress (phase, done, total, run->progress_data);
}

static gboolean
check_cancelled (Run     *run,
                 GError **error)
{
  if (run->cancellable != NULL && g_cancellable_is_cancelled (run->cancellable))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_CANCELLED, _("The sync was cancelled"));
      return TRUE;
    }
  return FALSE;
}

static gboolean
unexpected_answer (Run         *run,
                   const char  *what,
                   GError     **error)
{
  g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
               _("The sync server at %s sent an answer to %s that is not what a CouchDB server "
                 "sends. Nothing was changed; is this the address of a CouchDB server?"),
               run->settings->url, what);
  return FALSE;
}

/* A sequence as opaque text: CouchDB 2+ sends strings, PouchDB numbers. */
static char *
seq_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%.0f", json_node_get_double (node));
    }
  return json_to_string (node, FALSE);
}

/* The leading number of a sequence, for a progress estimate only. */
static guint64
seq_estimate (const char *seq)
{
  if (seq == NULL || !g_ascii_isdigit (*seq))
    return 0;
  return g_ascii_strtoull (seq, NULL, 10);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
object_unref_nullable (gpointer object)
{
  if (object != NULL)
    json_object_unref (object);
}

/* The first losing revision's document of a doc with _conflicts, for the
 * conflict view; %NULL (no error) when the server no longer has it. */
static gboolean
fetch_losing_leaf (Run          *run,
                   JsonObject   *doc,
                   JsonObject  **leaf,
                   GError      **error)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *query = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  JsonNode *conflicts = json_object_get_member (doc, "_conflicts");
  const char *rev;
  guint status;

  *leaf = NULL;
  if (conflicts == NULL || !JSON_NODE_HOLDS_ARRAY (conflicts) ||
      json_array_get_length (json_node_get_array (conflicts)) == 0)
    return TRUE;
  rev = json_array_get_string_element (json_node_get_array (conflicts), 0);
  if (rev == NULL)
    return TRUE;

  escaped = g_uri_escape_string (rev, NULL, FALSE);
  query = g_strconcat ("rev=", escaped, NULL);
  path = bos_sync_http_doc_path (run->http, bos_sync_doc_id (doc), query);
  answer = bos_sync_http_request (run->http, "GET", path, NULL, &status, run->cancellable, error);
  if (answer == NULL)
    return FALSE;
  if (status == 200 && JSON_NODE_HOLDS_OBJECT (answer))
    *leaf = json_object_ref (json_node_get_object (answer));
  return TRUE;
}

/* Steps 1 and 2 */

static gboolean
run_connect (Run       *run,
             gboolean  *reset,
             GError   **error)
{
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(JsonNode) marker = NULL;
  g_autofree char *path = NULL;
  g_autofree char *marker_id = NULL;
  guint status;

  report (run, BOS_SYNC_PHASE_CONNECTING, 0, 0);

  path = bos_sync_http_db_path (run->http, "");
  info = bos_sync_http_request (run->http, "GET", path, NULL, &status, run->cancellable, error);
  if (info == NULL)
    return FALSE;
  if (status == 404)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                   _("There is no database “%s” on the sync server at %s. Check the name, or ask "
                     "the server's administrator to create it."),
                   run->settings->database, run->settings->url);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (info))
    return unexpected_answer (run, path, error);
  {
    g_autofree char *update_seq = seq_to_text (json_object_get_member (json_node_get_object (info),
                                                                       "update_seq"));
    run->pull_estimate = (guint) MIN (seq_estimate (update_seq), G_MAXUINT);
  }

  marker_id = g_strconcat (MARKER_PREFIX, run->client_id, NULL);
  g_clear_pointer (&path, g_free);
  path = bos_sync_http_doc_path (run->http, marker_id, NULL);
  marker = bos_sync_http_request (run->http, "GET", path, NULL, &status, run->cancellable, error);
  if (marker == NULL)
    return FALSE;
  *reset = (status == 404);
  if (*reset)
    g_debug ("No marker %s on %s/%s: pulling from scratch and sending everything",
             marker_id, run->settings->url, run->settings->database);
  return TRUE;
}

static gboolean
run_write_marker (Run     *run,
                  GError **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *marker_id = g_strconcat (MARKER_PREFIX, run->client_id, NULL);
  g_autofree char *path = bos_sync_http_doc_path (run->http, marker_id, NULL);
  g_autofree char *now = bos_timestamp_now ();
  guint status;

  json_object_set_string_member (body, "client_id", run->client_id);
  json_object_set_string_member (body, "written", now);
  json_node_set_object (node, body);
  answer = bos_sync_http_request (run->http, "PUT", path, node, &status, run->cancellable, error);
  if (answer == NULL)
    return FALSE;
  /* 409: another run of this client wrote it first; that is as good. */
  if (status != 201 && status != 200 && status != 409)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                   _("The sync server at %s did not store this computer's sync marker (HTTP %u)."),
                   run->settings->url, status);
      return FALSE;
    }
  return TRUE;
}

/* Step 3 */

/* One _changes batch and its transaction. @pending: what the server says
 * is left (CouchDB 2+), -1 when it does not say (pouchdb-server). */
static gboolean
run_pull_batch (Run         *run,
                const char  *since,
                gboolean     forget,
                guint       *n_results,
                gint64      *pending,
                char       **new_seq,
                GError     **error)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) leaves = g_ptr_array_new_with_free_func (object_unref_nullable);
  g_autofree char *escaped = g_uri_escape_string (*since ? since : "0", NULL, FALSE);
  g_autofree char *suffix = NULL;
  g_autofree char *path = NULL;
  JsonObject *object;
  JsonNode *results;
  JsonArray *array;
  guint status;

  suffix = g_strdup_printf ("/_changes?style=all_docs&include_docs=true&conflicts=true&limit=%u&since=%s",
                            run->settings->pull_limit, escaped);
  path = bos_sync_http_db_path (run->http, suffix);
  answer = bos_sync_http_request (run->http, "GET", path, NULL, &status, run->cancellable, error);
  if (answer == NULL)
    return FALSE;
  if (status != 200 || !JSON_NODE_HOLDS_OBJECT (answer))
    return unexpected_answer (run, "GET _changes", error);
  object = json_node_get_object (answer);
  results = json_object_get_member (object, "results");
  *new_seq = seq_to_text (json_object_get_member (object, "last_seq"));
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results) || *new_seq == NULL)
    return unexpected_answer (run, "GET _changes", error);
  {
    JsonNode *left = json_object_get_member (object, "pending");

    *pending = left != NULL && JSON_NODE_HOLDS_VALUE (left) && json_node_get_value_type (left) == G_TYPE_INT64
               ? json_node_get_int (left) : -1;
  }

  /* Read everything before anything is written. */
  array = json_node_get_array (results);
  *n_results = json_array_get_length (array);
  for (guint i = 0; i < *n_results; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *doc;
      JsonObject *leaf = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return unexpected_answer (run, "GET _changes", error);
      doc = object_member (json_node_get_object (element), "doc");
      if (doc == NULL)
        continue;  /* a change without its document (not asked for) */
      if (bos_sync_doc_id (doc) == NULL || bos_sync_doc_rev (doc) == NULL)
        return unexpected_answer (run, "GET _changes", error);
      if (!fetch_losing_leaf (run, doc, &leaf, error))
        return FALSE;
      g_ptr_array_add (docs, json_object_ref (doc));
      g_ptr_array_add (leaves, leaf);
    }

  if (!bos_sync_local_begin (run->local, error))
    return FALSE;
  if (forget && !bos_sync_local_forget_server (run->local, error))
    goto failed;
  for (guint i = 0; i < docs->len; i++)
    if (!bos_sync_local_apply (run->local, g_ptr_array_index (docs, i), g_ptr_array_index (leaves, i),
                               error))
      goto failed;
  if (!bos_sync_local_save_seq (run->local, *new_seq, error))
    goto failed;
  return bos_sync_local_commit (run->local, error);

failed:
  bos_sync_local_rollback (run->local);
  return FALSE;
}

static gboolean
run_pull (Run         *run,
          const char  *last_seq,
          gboolean     reset,
          GError     **error)
{
  g_autofree char *since = g_strdup (reset ? "" : last_seq);
  guint64 start = seq_estimate (since);
  guint total = run->pull_estimate > start ? (guint) (run->pull_estimate - start) : 0;
  guint done = 0;
  gboolean first = TRUE;

  report (run, BOS_SYNC_PHASE_PULLING, 0, total);
  for (;;)
    {
      g_autofree char *new_seq = NULL;
      gint64 pending = -1;
      guint n = 0;

      if (check_cancelled (run, error))
        return FALSE;
      if (!run_pull_batch (run, since, reset && first, &n, &pending, &new_seq, error))
        return FALSE;
      first = FALSE;
      done += n;
      report (run, BOS_SYNC_PHASE_PULLING, done, MAX (total, done));
      /* Done when the server says nothing is pending, else after a short
       * batch; a sequence that does not move would loop. */
      if ((pending >= 0 ? pending == 0 : n < run->settings->pull_limit) || g_strcmp0 (new_seq, since) == 0)
        break;
      g_free (since);
      since = g_steal_pointer (&new_seq);
    }

  /* The documents kept aside: their parents may have come. */
  if (!bos_sync_local_begin (run->local, error))
    return FALSE;
  if (!bos_sync_local_retry_pending (run->local, error) ||
      (reset && !bos_sync_local_mark_unsynced (run->local, error)))
    {
      bos_sync_local_rollback (run->local);
      return FALSE;
    }
  return bos_sync_local_commit (run->local, error);
}

/* Step 4 */

typedef struct
{
  BosSyncItem *item;
  char        *digest;
  GStrv        losing;  /* server-side losing revisions to delete after it */
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->digest);
  g_strfreev (entry->losing);
}

/* The server's current versions of @ids, with tombstones as such. */
static GHashTable *
fetch_server_docs (Run        *run,
                   GPtrArray  *ids,
                   GError    **error)
{
  g_autoptr(GHashTable) docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonArray) keys = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = NULL;
  JsonNode *rows;
  guint status;

  if (ids->len == 0)
    return g_steal_pointer (&docs);

  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (keys, g_ptr_array_index (ids, i));
  json_object_set_array_member (body, "keys", json_array_ref (keys));
  json_node_set_object (node, body);
  path = bos_sync_http_db_path (run->http, "/_all_docs?include_docs=true&conflicts=true");
  answer = bos_sync_http_request (run->http, "POST", path, node, &status, run->cancellable, error);
  if (answer == NULL)
    return NULL;
  if (status != 200 || !JSON_NODE_HOLDS_OBJECT (answer) ||
      (rows = json_object_get_member (json_node_get_object (answer), "rows")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (rows))
    {
      unexpected_answer (run, "POST _all_docs", error);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (rows), i);
      JsonObject *row, *value, *doc;
      const char *key;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      row = json_node_get_object (element);
      key = string_member (row, "key");
      value = object_member (row, "value");
      doc = object_member (row, "doc");
      if (key == NULL || value == NULL)
        continue;  /* {"key": …, "error": "not_found"} */
      if (doc != NULL)
        g_hash_table_insert (docs, g_strdup (key), json_object_ref (doc));
      else if (string_member (value, "rev") != NULL)
        {
          /* A deleted document: _all_docs gives its revision only. */
          JsonObject *tombstone = json_object_new ();

          json_object_set_string_member (tombstone, "_id", key);
          json_object_set_string_member (tombstone, "_rev", string_member (value, "rev"));
          json_object_set_boolean_member (tombstone, "_deleted", TRUE);
          g_hash_table_insert (docs, g_strdup (key), tombstone);
        }
    }
  return g_steal_pointer (&docs);
}

static void
add_refusal (Run        *run,
             const char *id,
             JsonObject *entry)
{
  const char *error_name = string_member (entry, "error");
  const char *reason = string_member (entry, "reason");

  run->result->refused++;
  g_ptr_array_add (run->result->messages,
                   g_strdup_printf (_("%s: the server refused it (%s%s%s)"), id,
                                    error_name ? error_name : "error",
                                    reason ? ": " : "", reason ? reason : ""));
}

/* POST _bulk_docs; the answer's entries by id. CouchDB answers in the
 * order of the documents, pouchdb-server puts refusals first: go by id.
 * An id sent twice (several losing revisions) gets its entries in a list. */
static GHashTable *
post_bulk_docs (Run        *run,
                JsonArray  *docs,
                GError    **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autofree char *path = bos_sync_http_db_path (run->http, "/_bulk_docs");
  JsonArray *results;
  guint status;

  json_object_set_array_member (body, "docs", json_array_ref (docs));
  json_node_set_object (node, body);
  answer = bos_sync_http_request (run->http, "POST", path, node, &status, run->cancellable, error);
  if (answer == NULL)
    return NULL;
  if ((status != 201 && status != 200) || !JSON_NODE_HOLDS_ARRAY (answer) ||
      json_array_get_length (json_node_get_array (answer)) != json_array_get_length (docs))
    {
      unexpected_answer (run, "POST _bulk_docs", error);
      return NULL;
    }

  results = json_node_get_array (answer);
  by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      GPtrArray *list;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          (id = string_member (json_node_get_object (element), "id")) == NULL)
        {
          unexpected_answer (run, "POST _bulk_docs", error);
          return NULL;
        }
      list = g_hash_table_lookup (by_id, id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
          g_hash_table_insert (by_id, g_strdup (id), list);
        }
      g_ptr_array_add (list, json_object_ref (json_node_get_object (element)));
    }
  return g_steal_pointer (&by_id);
}

/* Deletes the losing revisions of resolved server-side conflicts, once the
 * chosen version is on the server. */
static gboolean
run_push_leaves (Run     *run,
                 GArray  *entries,
                 GError **error)
{
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(GHashTable) results = NULL;
  g_autoptr(GPtrArray) done = g_ptr_array_new ();

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      for (guint j = 0; entry->losing != NULL && entry->losing[j] != NULL; j++)
        {
          JsonObject *deletion = json_object_new ();

          json_object_set_string_member (deletion, "_id", entry->item->id);
          json_object_set_string_member (deletion, "_rev", entry->losing[j]);
          json_object_set_boolean_member (deletion, "_deleted", TRUE);
          json_array_add_object_element (docs, deletion);
        }
    }
  if (json_array_get_length (docs) == 0)
    return TRUE;

  results = post_bulk_docs (run, docs, error);
  if (results == NULL)
    return FALSE;

  if (!bos_sync_local_begin (run->local, error))
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      GPtrArray *list;

      if (entry->losing == NULL)
        continue;
      list = g_hash_table_lookup (results, entry->item->id);
      for (guint j = 0; j < g_strv_length (entry->losing); j++)
        {
          /* Gone also when it was gone already (conflict, not_found). */
          JsonObject *result = list && j < list->len ? g_ptr_array_index (list, j) : NULL;
          const char *error_name = result ? string_member (result, "error") : "missing";
          gboolean gone = error_name == NULL || g_str_equal (error_name, "conflict") ||
                          g_str_equal (error_name, "not_found");

          if (!gone)
            {
              g_autoptr(JsonObject) none = json_object_new ();
              add_refusal (run, entry->item->id, result ? result : none);
            }
          if (!bos_sync_local_leaf_result (run->local, entry->item, entry->losing[j], gone, error))
            goto failed;
        }
    }
  return bos_sync_local_commit (run->local, error);

failed:
  bos_sync_local_rollback (run->local);
  return FALSE;
}

static gboolean
run_push_batch (Run        *run,
                GPtrArray  *items,
                guint       start,
                guint       end,
                GError    **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr(GArray) confirmed = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(GHashTable) results = NULL;
  g_autoptr(GPtrArray) conflict_ids = g_ptr_array_new ();
  g_autoptr(GHashTable) server_docs = NULL;
  g_autoptr(GHashTable) server_leaves = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                               (GDestroyNotify) json_object_unref);

  g_array_set_clear_func (entries, entry_clear);

  /* The documents and their digests, read in one transaction. */
  if (!bos_sync_local_begin (run->local, error))
    return FALSE;
  for (guint i = start; i < end; i++)
    {
      BosSyncItem *item = g_ptr_array_index (items, i);
      Entry entry = { item, NULL, NULL };
      JsonObject *doc;

      doc = bos_sync_local_push_doc (run->local, item, &entry.digest, &entry.losing, error);
      if (doc == NULL)
        goto failed;
      json_array_add_object_element (docs, doc);
      g_array_append_val (entries, entry);
      if (!bos_sync_local_set_inflight (run->local, item->id, entry.digest, error))
        goto failed;
    }
  if (!bos_sync_local_commit (run->local, error))
    return FALSE;

  results = post_bulk_docs (run, docs, error);
  if (results == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      GPtrArray *list = g_hash_table_lookup (results, entry->item->id);

      if (list == NULL || list->len != 1)
        return unexpected_answer (run, "POST _bulk_docs", error);
      if (g_strcmp0 (string_member (g_ptr_array_index (list, 0), "error"), "conflict") == 0)
        g_ptr_array_add (conflict_ids, entry->item->id);
    }

  /* The server's versions of the records that met another revision. */
  server_docs = fetch_server_docs (run, conflict_ids, error);
  if (server_docs == NULL)
    return FALSE;
  for (guint i = 0; i < conflict_ids->len; i++)
    {
      JsonObject *server_doc = g_hash_table_lookup (server_docs, g_ptr_array_index (conflict_ids, i));
      JsonObject *leaf = NULL;

      if (server_doc != NULL && !fetch_losing_leaf (run, server_doc, &leaf, error))
        return FALSE;
      if (leaf != NULL)
        g_hash_table_insert (server_leaves, g_ptr_array_index (conflict_ids, i), leaf);
    }

  if (!bos_sync_local_begin (run->local, error))
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      GPtrArray *list = g_hash_table_lookup (results, entry->item->id);
      JsonObject *result = g_ptr_array_index (list, 0);
      const char *error_name = string_member (result, "error");
      const char *rev = string_member (result, "rev");

      if (error_name == NULL && rev != NULL)
        {
          if (!bos_sync_local_confirm (run->local, entry->item, rev, entry->digest, error))
            goto failed;
          if (entry->losing != NULL)
            {
              Entry leaves = { entry->item, NULL, g_steal_pointer (&entry->losing) };
              g_array_append_val (confirmed, leaves);
            }
        }
      else if (g_strcmp0 (error_name, "conflict") == 0)
        {
          if (!bos_sync_local_push_conflict (run->local, entry->item,
                                             g_hash_table_lookup (server_docs, entry->item->id),
                                             g_hash_table_lookup (server_leaves, entry->item->id),
                                             error))
            goto failed;
        }
      else
        {
          /* forbidden, unauthorized, a validation refusal: keep the edit. */
          add_refusal (run, entry->item->id, result);
          if (!bos_sync_local_refused (run->local, entry->item, error))
            goto failed;
        }
    }
  if (!bos_sync_local_commit (run->local, error))
    return FALSE;

  g_array_set_clear_func (confirmed, entry_clear);
  return run_push_leaves (run, confirmed, error);

failed:
  bos_sync_local_rollback (run->local);
  return FALSE;
}

static gboolean
run_push (Run     *run,
          GError **error)
{
  g_autoptr(GPtrArray) items = bos_sync_local_collect (run->local, error);

  if (items == NULL)
    return FALSE;
  report (run, BOS_SYNC_PHASE_PUSHING, 0, items->len);
  for (guint start = 0; start < items->len; start += run->settings->push_batch)
    {
      guint end = MIN (items->len, start + run->settings->push_batch);

      if (check_cancelled (run, error))
        return FALSE;
      if (!run_push_batch (run, items, start, end, error))
        return FALSE;
      report (run, BOS_SYNC_PHASE_PUSHING, end, items->len);
    }
  return TRUE;
}

/* Step 5 and the figures */

static gboolean
run_finish (Run       *run,
            gboolean   reset,
            GError   **error)
{
  g_autoptr(GPtrArray) pending = NULL;
  gint64 conflicts, n_pending, unsynced;

  report (run, BOS_SYNC_PHASE_FINISHING, 0, 0);
  if (!bos_sync_local_purge (run->local, error))
    return FALSE;
  if (reset && !run_write_marker (run, error))
    return FALSE;

  conflicts = bos_sync_local_count_conflicts (run->local, error);
  if (conflicts < 0)
    return FALSE;
  n_pending = bos_sync_local_count_pending (run->local, error);
  if (n_pending < 0)
    return FALSE;
  unsynced = bos_sync_local_count_unsynced (run->local, error);
  if (unsynced < 0)
    return FALSE;
  pending = bos_sync_local_list_pending (run->local, error);
  if (pending == NULL)
    return FALSE;

  run->result->conflicts = conflicts;
  run->result->pending = n_pending;
  run->result->unsynced = unsynced;
  for (guint i = 0; i < pending->len; i++)
    g_ptr_array_add (run->result->messages, g_strdup (g_ptr_array_index (pending, i)));
  return TRUE;
}

static void
run_collect_figures (Run *run)
{
  g_autoptr(GPtrArray) tables = bos_sync_local_get_changed_tables (run->local);

  run->result->pulled = bos_sync_local_get_pulled (run->local);
  run->result->pushed = bos_sync_local_get_pushed (run->local);
  run->result->new_conflicts = bos_sync_local_get_new_conflicts (run->local);
  g_ptr_array_set_size (run->result->changed_tables, 0);
  for (guint i = 0; i < tables->len; i++)
    g_ptr_array_add (run->result->changed_tables, g_strdup (g_ptr_array_index (tables, i)));
}

/* Returns the figures also on failure (what was done before it). */
static gboolean
sync_run (Settings             *settings,
          BosStore             *store,
          GCancellable         *cancellable,
          BosSyncProgressFunc   progress,
          gpointer              progress_data,
          BosSyncResult       **out_result,
          GError              **error)
{
  g_autoptr(BosSyncLocal) local = NULL;
  g_autoptr(BosSyncHttp) http = NULL;
  g_autoptr(BosSyncResult) result = bos_sync_result_new ();
  g_autofree char *client_id = NULL;
  g_autofree char *last_seq = NULL;
  gboolean reset = FALSE;
  gboolean ok;
  Run run = { 0 };

  *out_result = NULL;
  local = bos_sync_local_new (store, error);
  if (local == NULL ||
      !bos_sync_local_open_server (local, settings->url, settings->database, &client_id, &last_seq, error))
    {
      *out_result = g_steal_pointer (&result);
      return FALSE;
    }
  http = bos_sync_http_new (settings->url, settings->database, settings->user, settings->password,
                            settings->timeout);

  run.settings = settings;
  run.http = http;
  run.local = local;
  run.result = result;
  run.cancellable = cancellable;
  run.progress = progress;
  run.progress_data = progress_data;
  run.client_id = client_id;

  ok = run_connect (&run, &reset, error) &&
       run_pull (&run, last_seq, reset, error) &&
       run_push (&run, error) &&
       run_finish (&run, reset, error);
  result->reset = reset;
  run_collect_figures (&run);
  if (!ok)
    {
      gint64 conflicts = bos_sync_local_count_conflicts (local, NULL);

      result->conflicts = MAX (conflicts, 0);
      *out_result = g_steal_pointer (&result);
      return FALSE;
    }
  g_debug ("Synced with %s/%s: pushed %u, pulled %u, %u conflicts, %u kept aside, %u unsent",
           settings->url, settings->database, result->pushed, result->pulled, result->conflicts,
           result->pending, result->unsynced);
  *out_result = g_steal_pointer (&result);
  return TRUE;
}

/* The GObject */

static void
bos_sync_client_finalize (GObject *object)
{
  BosSyncClient *self = (BosSyncClient *) object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->password, bos_sync_secure_free);

  G_OBJECT_CLASS (bos_sync_client_parent_class)->finalize (object);
}

static void
bos_sync_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BosSyncClient *self = BOS_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, bos_sync_client_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_sync_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BosSyncClient *self = BOS_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;
    case PROP_DATABASE:
      self->database = g_value_dup_string (value);
      break;
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT:
      bos_sync_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_sync_client_class_init (BosSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bos_sync_client_finalize;
  object_class->get_property = bos_sync_client_get_property;
  object_class->set_property = bos_sync_client_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE] =
    g_param_spec_string ("database", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, BOS_SYNC_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BosSyncClient::progress:
   * @phase: a #BosSyncPhase
   * @done: records done in this phase
   * @total: records in this phase, 0 when unknown
   *
   * Emitted on the main context of bos_sync_client_run_async()'s caller.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
bos_sync_client_init (BosSyncClient *self)
{
  self->timeout = BOS_SYNC_DEFAULT_TIMEOUT;
  self->pull_limit = DEFAULT_PULL_LIMIT;
  self->push_batch = DEFAULT_PUSH_BATCH;
  self->password = g_strdup ("");
}

/**
 * bos_sync_client_new:
 * @url: the server, e.g. "https://couchdb.example.no" (http only to this
 *   computer)
 * @database: the database on the server
 * @user: (nullable): the user name, %NULL for a server without login
 *
 * Returns: (transfer full): a client, or %NULL with @error set when the
 *   address is not acceptable (%BOS_ERROR_INVALID)
 */
BosSyncClient *
bos_sync_client_new (const char  *url,
                     const char  *database,
                     const char  *user,
                     GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (database != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  normalized = bos_sync_http_check_url (url, error);
  if (normalized == NULL)
    return NULL;
  if (*database == '\0')
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, _("The name of the database on the server is missing"));
      return NULL;
    }
  return g_object_new (BOS_TYPE_SYNC_CLIENT,
                       "url", normalized,
                       "database", database,
                       "user", (user != NULL && *user != '\0') ? user : NULL,
                       NULL);
}

const char *
bos_sync_client_get_url (BosSyncClient *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CLIENT (self), NULL);
  return self->url;
}

const char *
bos_sync_client_get_database (BosSyncClient *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CLIENT (self), NULL);
  return self->database;
}

const char *
bos_sync_client_get_user (BosSyncClient *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CLIENT (self), NULL);
  return self->user;
}

/**
 * bos_sync_client_set_password:
 *
 * Sets the password of the user, kept in memory only (wiped when
 * replaced); it is never stored or logged. Read it from the keyring.
 */
void
bos_sync_client_set_password (BosSyncClient *self,
                              const char    *password)
{
  g_return_if_fail (BOS_IS_SYNC_CLIENT (self));

  bos_sync_secure_free (self->password);
  self->password = g_strdup (password ? password : "");
}

guint
bos_sync_client_get_timeout (BosSyncClient *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CLIENT (self), 0);
  return self->timeout;
}

/**
 * bos_sync_client_set_timeout:
 * @seconds: how long a request may go without an answer (default 30)
 */
void
bos_sync_client_set_timeout (BosSyncClient *self,
                             guint          seconds)
{
  g_return_if_fail (BOS_IS_SYNC_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * bos_sync_client_set_batch_sizes:
 * @pull_limit: changes per _changes request (default 300); 0 keeps it
 * @push_batch: documents per _bulk_docs request (default 500); 0 keeps it
 */
void
bos_sync_client_set_batch_sizes (BosSyncClient *self,
                                 guint          pull_limit,
                                 guint          push_batch)
{
  g_return_if_fail (BOS_IS_SYNC_CLIENT (self));

  if (pull_limit > 0)
    self->pull_limit = pull_limit;
  if (push_batch > 0)
    self->push_batch = push_batch;
}

gboolean
bos_sync_client_get_running (BosSyncClient *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CLIENT (self), FALSE);
  return g_atomic_int_get (&self->running) != 0;
}

static gboolean
client_claim (BosSyncClient  *self,
              GError        **error)
{
  if (!g_atomic_int_compare_and_exchange (&self->running, 0, 1))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_FAILED, _("A sync with this server is already running"));
      return FALSE;
    }
  return TRUE;
}

/**
 * bos_sync_client_run:
 * @store: the database, used from this thread only during the run
 * @progress: (nullable) (scope call): called in this thread
 * @result: (out) (transfer full) (optional): the figures, also on failure
 *   (what was done before it)
 *
 * Syncs @store with the server and blocks until done. For the command line
 * and tests; the interface uses bos_sync_client_run_async().
 *
 * A failure leaves the database consistent: every batch that completed is
 * kept (with the sequence it covers), the rest is done at the next run.
 *
 * Returns: %TRUE, or %FALSE with @error set (%BOS_ERROR_SERVER,
 *   %BOS_ERROR_AUTH, %BOS_ERROR_CANCELLED, %BOS_ERROR_DATABASE)
 */
gboolean
bos_sync_client_run (BosSyncClient        *self,
                     BosStore             *store,
                     GCancellable         *cancellable,
                     BosSyncProgressFunc   progress,
                     gpointer              progress_data,
                     BosSyncResult       **result,
                     GError              **error)
{
  g_autoptr(Settings) settings = NULL;
  g_autoptr(BosSyncResult) figures = NULL;
  gboolean ok;

  g_return_val_if_fail (BOS_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result != NULL)
    *result = NULL;
  if (!client_claim (self, error))
    {
      if (result != NULL)
        *result = bos_sync_result_new ();
      return FALSE;
    }
  settings = settings_copy (self);
  ok = sync_run (settings, store, cancellable, progress, progress_data, &figures, error);
  g_atomic_int_set (&self->running, 0);
  if (result != NULL)
    *result = g_steal_pointer (&figures);
  return ok;
}

/* Async */

typedef struct
{
  Settings      *settings;
  char          *path;
  char          *author;
  BosSyncClient *client;
  GMainContext  *context;
  BosStore      *store;    /* the caller's, main thread only */
} AsyncData;

static void
async_data_free (gpointer data)
{
  AsyncData *async = data;

  settings_free (async->settings);
  g_free (async->path);
  g_free (async->author);
  g_clear_object (&async->client);
  g_clear_object (&async->store);
  g_main_context_unref (async->context);
  g_free (async);
}

typedef struct
{
  GWeakRef      client;
  BosSyncPhase  phase;
  guint         done;
  guint         total;
} ProgressData;

static void
progress_data_free (gpointer data)
{
  ProgressData *progress = data;

  g_weak_ref_clear (&progress->client);
  g_free (progress);
}

static gboolean
emit_progress_cb (gpointer user_data)
{
  ProgressData *progress = user_data;
  g_autoptr(BosSyncClient) client = g_weak_ref_get (&progress->client);

  /* Nothing after the run has finished (or the client is gone). */
  if (client != NULL && bos_sync_client_get_running (client))
    g_signal_emit (client, signals[PROGRESS], 0, (int) progress->phase, progress->done, progress->total);
  return G_SOURCE_REMOVE;
}

static void
thread_progress (BosSyncPhase phase,
                 guint        done,
                 guint        total,
                 gpointer     user_data)
{
  AsyncData *async = user_data;
  ProgressData *progress = g_new0 (ProgressData, 1);

  g_weak_ref_init (&progress->client, async->client);
  progress->phase = phase;
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (async->context, G_PRIORITY_DEFAULT, emit_progress_cb, progress,
                              progress_data_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AsyncData *async = task_data;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BosSyncResult *result = NULL;

  /* SQLite: one connection per thread. */
  store = bos_store_open (async->path, BOS_STORE_OPEN_NONE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bos_store_set_author (store, async->author);

  if (!sync_run (async->settings, store, cancellable, thread_progress, async, &result, &error))
    {
      bos_sync_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify) bos_sync_result_free);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *inner,
             gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  BosSyncClient *self = BOS_SYNC_CLIENT (source);
  AsyncData *async = g_task_get_task_data (G_TASK (inner));
  GError *error = NULL;
  BosSyncResult *result;

  result = g_task_propagate_pointer (G_TASK (inner), &error);
  g_atomic_int_set (&self->running, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (result == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  /* The views of the caller's connection reload what sync wrote. */
  for (guint i = 0; i < result->changed_tables->len; i++)
    bos_store_emit_changed (async->store, g_ptr_array_index (result->changed_tables, i));
  g_task_return_pointer (outer, result, (GDestroyNotify) bos_sync_result_free);
}

/**
 * bos_sync_client_run_async:
 * @store: the interface's database; the sync opens a connection of its own
 *   to the same file in a worker thread
 *
 * Syncs in a worker thread. #BosSyncClient::progress is emitted on the
 * current thread-default main context, and #BosStore::changed on @store
 * for every table the sync wrote before @callback runs.
 */
void
bos_sync_client_run_async (BosSyncClient       *self,
                           BosStore            *store,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  AsyncData *async;

  g_return_if_fail (BOS_IS_SYNC_CLIENT (self));
  g_return_if_fail (BOS_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, bos_sync_client_run_async);
  /* A cancelled sync reports BOS_ERROR_CANCELLED, like every other error */
  g_task_set_check_cancellable (outer, FALSE);
  if (!client_claim (self, &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  async = g_new0 (AsyncData, 1);
  async->settings = settings_copy (self);
  async->path = g_strdup (bos_store_get_path (store));
  async->author = g_strdup (bos_store_get_author (store));
  async->client = g_object_ref (self);
  async->context = g_main_context_ref_thread_default ();
  async->store = g_object_ref (store);

  inner = g_task_new (self, cancellable, run_done_cb, g_steal_pointer (&outer));
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, async, async_data_free);
  g_task_run_in_thread (inner, run_thread);
}

BosSyncResult *
bos_sync_client_run_finish (BosSyncClient  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (BOS_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
