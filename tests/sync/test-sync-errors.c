/* test-sync-errors.c: bad server answers give a clear error and change
 * nothing locally; the address rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fake server on 127.0.0.1 (bos-test-http.c) answers like CouchDB until
 * the point each test breaks: an HTML page, truncated JSON, a cut
 * connection, HTTP 500, no answer at all, 401. The sync runs with
 * bos_sync_client_run_async(), as in the interface, while this thread
 * runs the main loop that accepts the fake server's connections.
 */
#include <string.h>

#include "bos-plan.h"
#include "bos-sync-test.h"
#include "bos-test-http.h"

typedef enum
{
  BREAK_HTML_ALL,          /* a captive portal: a web page for everything */
  BREAK_HTML_502,          /* a proxy's error page */
  BREAK_TRUNCATED_CHANGES, /* _changes cut in the middle of the JSON */
  BREAK_CUT_CHANGES,       /* the connection closes before the promised length */
  BREAK_500_CHANGES,
  BREAK_HANG_CHANGES,      /* _changes never answers */
  BREAK_SESSION_401,       /* wrong password */
  BREAK_DB_401,            /* logged in, then always refused */
  BREAK_BULK_HTML,         /* the push gets a web page */
  BASIC_ONLY,              /* not broken: no /_session, Basic auth works */
} Break;

typedef struct
{
  char        *dir;
  BosStore    *store;
  BosTestHttp *http;
  Break        mode;
} Fixture;

static void
handler (BosTestHttp    *http,
         BosTestRequest *request,
         GOutputStream  *out,
         gpointer        user_data)
{
  Fixture *fixture = user_data;
  const char *path = request->path;

  if (fixture->mode == BREAK_HTML_ALL)
    {
      bos_test_http_respond (out, 200, "text/html",
                             "<!DOCTYPE html>\n<html><body><h1>Log in to the hotel Wi-Fi</h1></body></html>\n");
      return;
    }
  if (fixture->mode == BREAK_HTML_502)
    {
      bos_test_http_respond (out, 502, "text/html", "<html><body>502 Bad Gateway</body></html>");
      return;
    }
  if (fixture->mode == BASIC_ONLY)
    {
      g_autofree char *pair = g_strconcat (PLANNER, ":", PLANNER_PASSWORD, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *expected = g_strconcat ("Authorization: Basic ", encoded, "\r\n", NULL);

      if (g_str_equal (path, "/_session"))
        {
          bos_test_http_respond (out, 404, "application/json", "{\"error\":\"not_found\"}");
          return;
        }
      if (strstr (request->head, expected) == NULL)
        {
          bos_test_http_respond (out, 401, "application/json", "{\"error\":\"unauthorized\"}");
          return;
        }
      if (g_str_has_prefix (path, "/plans/_bulk_docs"))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GString) answer = g_string_new ("[");
          JsonArray *docs;

          g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (request->body, NULL),
                                                     g_bytes_get_size (request->body), NULL));
          docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "docs");
          for (guint i = 0; i < json_array_get_length (docs); i++)
            g_string_append_printf (answer, "%s{\"ok\":true,\"id\":\"%s\",\"rev\":\"1-%u\"}", i ? "," : "",
                                    json_object_get_string_member (json_array_get_object_element (docs, i), "_id"),
                                    i);
          g_string_append (answer, "]");
          bos_test_http_respond (out, 201, "application/json", answer->str);
          return;
        }
      if (g_str_has_prefix (path, "/plans/_local/") && g_str_equal (request->method, "PUT"))
        {
          bos_test_http_respond (out, 201, "application/json", "{\"ok\":true,\"rev\":\"0-1\"}");
          return;
        }
    }
  if (g_str_equal (path, "/_session"))
    {
      if (fixture->mode == BREAK_SESSION_401)
        bos_test_http_respond (out, 401, "application/json",
                               "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}");
      else
        {
          const char *answer = "{\"ok\":true,\"name\":\"planner\",\"roles\":[]}";
          g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                   "Set-Cookie: AuthSession=c2Vzc2lvbg; Version=1; Path=/; "
                                                   "HttpOnly\r\nContent-Length: %zu\r\n"
                                                   "Connection: close\r\n\r\n%s",
                                                   strlen (answer), answer);
          g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
        }
      return;
    }
  if (fixture->mode == BREAK_DB_401)
    {
      bos_test_http_respond (out, 401, "application/json",
                             "{\"error\":\"unauthorized\",\"reason\":\"You are not authorized to access this db.\"}");
      return;
    }
  if (g_str_equal (path, "/plans"))
    {
      bos_test_http_respond (out, 200, "application/json", "{\"db_name\":\"plans\",\"update_seq\":\"3-g1A\"}");
      return;
    }
  if (g_str_has_prefix (path, "/plans/_local/"))
    {
      bos_test_http_respond (out, 404, "application/json", "{\"error\":\"not_found\",\"reason\":\"missing\"}");
      return;
    }
  if (g_str_has_prefix (path, "/plans/_changes"))
    {
      const char *changes = "{\"results\":[{\"seq\":\"1-g1A\",\"id\":\"plan:2040:national\",\"changes\":"
                            "[{\"rev\":\"1-abc\"}],\"doc\":{\"_id\":\"plan:2040:national\",\"_rev\":\"1-abc\","
                            "\"type\":\"plan\",\"year\":2040,\"scope\":\"national\",\"need\":10,\"created\":\"x\","
                            "\"modified\":\"x\",\"author\":\"x\"}}],\"last_seq\":\"1-g1A\"}";

      switch (fixture->mode)
        {
        case BREAK_TRUNCATED_CHANGES:
          {
            g_autofree char *cut = g_strndup (changes, strlen (changes) / 2);
            bos_test_http_respond (out, 200, "application/json", cut);
          }
          return;
        case BREAK_CUT_CHANGES:
          {
            g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                     "Content-Length: %zu\r\n\r\n", strlen (changes));

            g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
            g_output_stream_write_all (out, changes, strlen (changes) / 3, NULL, NULL, NULL);
          }
          return;
        case BREAK_500_CHANGES:
          bos_test_http_respond (out, 500, "application/json",
                                 "{\"error\":\"unknown_error\",\"reason\":\"function_clause\"}");
          return;
        case BREAK_HANG_CHANGES:
          bos_test_http_hang (http);
          return;
        case BREAK_BULK_HTML:
        default:
          bos_test_http_respond (out, 200, "application/json", "{\"results\":[],\"last_seq\":\"3-g1A\"}");
          return;
        }
    }
  if (g_str_has_prefix (path, "/plans/_bulk_docs"))
    {
      bos_test_http_respond (out, 200, "text/html", "<html><body>Upload blocked by policy</body></html>");
      return;
    }
  bos_test_http_respond (out, 404, "application/json", "{\"error\":\"not_found\",\"reason\":\"missing\"}");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  fixture->mode = GPOINTER_TO_INT (data);
  fixture->dir = bos_test_make_tmp_dir ("bos-test-sync-errors");
  fixture->store = bos_test_open_seeded_copy (fixture->dir, "client.sqlite");
  plan = bos_plan_create (fixture->store, 2030, BOS_PLAN_SCOPE_NATIONAL, 5000, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  fixture->http = bos_test_http_new (handler, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->http, bos_test_http_free);
  g_clear_object (&fixture->store);
  bos_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;
  BosSyncResult *figures = bos_sync_client_run_finish (BOS_SYNC_CLIENT (source), result, &wait->error);

  bos_sync_result_free (figures);
  wait->done = TRUE;
}

/* Runs a sync against the fake server; returns its error. */
static GError *
sync_with_fake (Fixture    *fixture,
                const char *user,
                guint       timeout)
{
  g_autofree char *url = bos_test_http_get_url (fixture->http);
  g_autoptr(BosSyncClient) client = bos_sync_test_client (url, "plans", user, user ? PLANNER_PASSWORD : NULL);
  Wait wait = { FALSE, NULL };

  bos_sync_client_set_timeout (client, timeout);
  bos_sync_client_run_async (client, fixture->store, NULL, done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  return wait.error;
}

static void
test_bad_answer (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = bos_sync_test_fingerprint (fixture->store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *expected = NULL;

  error = sync_with_fake (fixture, fixture->mode == BREAK_SESSION_401 || fixture->mode == BREAK_DB_401
                                     ? PLANNER : NULL,
                          fixture->mode == BREAK_HANG_CHANGES ? 1 : 10);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  switch (fixture->mode)
    {
    case BREAK_HTML_ALL:
      g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
      expected = "with a web page (HTTP 200) instead of data";
      break;
    case BREAK_HTML_502:
      g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
      expected = "failed with HTTP 502 (Bad Gateway)";
      break;
    case BREAK_TRUNCATED_CHANGES:
      g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
      expected = "sent an incomplete or unreadable answer to GET /plans/_changes";
      break;
    case BREAK_CUT_CHANGES:
      g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
      expected = "connection to the sync server at http://127.0.0.1:";
      break;
    case BREAK_500_CHANGES:
      g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
      expected = "failed with HTTP 500 (Internal Server Error) on GET /plans/_changes: function_clause";
      break;
    case BREAK_HANG_CHANGES:
      g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
      expected = "did not answer within 1 seconds";
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      break;
    case BREAK_SESSION_401:
      g_assert_error (error, BOS_ERROR, BOS_ERROR_AUTH);
      expected = "refused the user name or password for “planner”";
      /* no retry with a password known to be wrong */
      g_assert_cmpuint (bos_test_http_get_n_requests (fixture->http), ==, 1);
      break;
    case BREAK_DB_401:
      g_assert_error (error, BOS_ERROR, BOS_ERROR_AUTH);
      expected = "does not let that user open the database “plans”";
      /* log in, refused, log in again once, refused: then stop */
      g_assert_cmpuint (bos_test_http_get_n_requests (fixture->http), ==, 4);
      break;
    case BREAK_BULK_HTML:
    default:
      g_assert_not_reached ();
    }
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  g_assert_null (strstr (error->message, PLANNER_PASSWORD));

  after = bos_sync_test_fingerprint (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_push_answer (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) before = bos_sync_test_dump (fixture->store);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  error = sync_with_fake (fixture, NULL, 10);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "answered POST /plans/_bulk_docs with a web page"));
  /* Every record as it was, still to be sent */
  after = bos_sync_test_dump (fixture->store);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (before, i), ==, g_ptr_array_index (after, i));
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT dirty FROM plan WHERE id = 'plan:2030:national'"), ==, 1);
}

static void
test_basic_auth (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A server (or a proxy in front of it) without /_session: Basic auth */
  error = sync_with_fake (fixture, PLANNER, 10);
  g_assert_no_error (error);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT dirty FROM plan WHERE id = 'plan:2030:national'"), ==, 0);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM sync_server WHERE last_seq = '3-g1A'"), ==, 1);
}

static void
test_server_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *url = bos_test_http_get_url (fixture->http);
  g_autofree char *before = bos_sync_test_fingerprint (fixture->store);
  g_autofree char *after = NULL;
  g_autoptr(BosSyncClient) client = NULL;
  g_autoptr(BosSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing listens there any more */
  g_clear_pointer (&fixture->http, bos_test_http_free);
  client = bos_sync_test_client (url, "plans", NULL, NULL);
  g_assert_false (bos_sync_client_run (client, fixture->store, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Could not reach the sync server at http://127.0.0.1:"));
  g_assert_nonnull (strstr (error->message, "Your changes are kept"));
  g_assert_cmpuint (result->pushed, ==, 0);
  g_assert_cmpuint (result->pulled, ==, 0);
  after = bos_sync_test_fingerprint (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *url = bos_test_http_get_url (fixture->http);
  g_autoptr(BosSyncClient) client = bos_sync_test_client (url, "plans", NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = bos_sync_test_fingerprint (fixture->store);
  g_autofree char *after = NULL;
  Wait wait = { FALSE, NULL };
  gint64 start = g_get_monotonic_time ();
  guint tick;

  /* _changes hangs; the planner presses cancel */
  fixture->mode = BREAK_HANG_CHANGES;
  bos_sync_client_run_async (client, fixture->store, cancellable, done_cb, &wait);
  /* the requests are counted in the server's threads: look now and then */
  tick = g_timeout_add (20, tick_cb, NULL);
  while (bos_test_http_get_n_requests (fixture->http) < 3)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_cancellable_cancel (cancellable);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (wait.error, BOS_ERROR, BOS_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&wait.error);
  after = bos_sync_test_fingerprint (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_addresses (void)
{
  static const struct {
    const char *url;
    const char *normalized;  /* NULL: refused */
  } cases[] = {
    { "https://couchdb.example.no", "https://couchdb.example.no" },
    { "https://couchdb.example.no:6984/couch/", "https://couchdb.example.no:6984/couch" },
    { "HTTPS://couchdb.example.no", "https://couchdb.example.no" },
    { "http://127.0.0.1:5984/", "http://127.0.0.1:5984" },
    { "http://localhost:5984", "http://localhost:5984" },
    { "http://[::1]:5984", "http://[::1]:5984" },
    { "http://couchdb.example.no", NULL },
    { "http://127.0.0.2:5984", NULL },
    { "http://10.0.0.5:5984", NULL },
    { "https://planner:secret@couchdb.example.no", NULL },
    { "ftp://couchdb.example.no", NULL },
    { "couchdb.example.no", NULL },
    { "https://couchdb.example.no/?db=plans", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BosSyncClient) client = bos_sync_client_new (cases[i].url, "plans", NULL, &error);

      if (cases[i].normalized == NULL)
        {
          g_assert_null (client);
          g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
          g_assert_null (strstr (error->message, "secret"));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (bos_sync_client_get_url (client), ==, cases[i].normalized);
        }
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BosSyncClient) client = bos_sync_client_new ("http://couchdb.example.no", "plans", NULL, &error);

    g_assert_nonnull (strstr (error->message, "must start with https://"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, mode, func) \
  g_test_add (name, Fixture, GINT_TO_POINTER (mode), fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/sync-errors/addresses", test_addresses);
  ADD ("/sync-errors/html-page", BREAK_HTML_ALL, test_bad_answer);
  ADD ("/sync-errors/html-error-page", BREAK_HTML_502, test_bad_answer);
  ADD ("/sync-errors/truncated-json", BREAK_TRUNCATED_CHANGES, test_bad_answer);
  ADD ("/sync-errors/cut-connection", BREAK_CUT_CHANGES, test_bad_answer);
  ADD ("/sync-errors/http-500", BREAK_500_CHANGES, test_bad_answer);
  ADD ("/sync-errors/timeout", BREAK_HANG_CHANGES, test_bad_answer);
  ADD ("/sync-errors/wrong-password", BREAK_SESSION_401, test_bad_answer);
  ADD ("/sync-errors/refused-after-login", BREAK_DB_401, test_bad_answer);
  ADD ("/sync-errors/push-answer-html", BREAK_BULK_HTML, test_bad_push_answer);
  ADD ("/sync-errors/server-down", BREAK_BULK_HTML, test_server_down);
  ADD ("/sync-errors/basic-auth", BASIC_ONLY, test_basic_auth);
  ADD ("/sync-errors/cancel", BREAK_BULK_HTML, test_cancel);

  return g_test_run ();
}
