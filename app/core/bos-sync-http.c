/* bos-sync-http.c: requests to a CouchDB server, with login and clear errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One BosSyncHttp per sync run, used from the thread that created it (the
 * sync worker), with a SoupSession of its own and the blocking libsoup API.
 *
 * Login (sync.md): POST /_session with the name and password, then the
 * AuthSession cookie on every request (CouchDB refreshes it in answers).
 * A server without /_session gets Basic auth instead. A 401 logs in again
 * once per run; a second refusal is an error: pouchdb-server answers 401
 * where CouchDB answers 403 to a logged-in user who is not a member of the
 * database, and looping would never end.
 *
 * The password lives in this struct only, is wiped when freed and never
 * appears in a message or a log line.
 */
#define G_LOG_DOMAIN "bos-sync-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "bos-error.h"
#include "bos-sync-http.h"

struct _BosSyncHttp
{
  SoupSession *session;
  char        *base;       /* normalized server URL, no trailing slash */
  char        *database;
  char        *user;       /* NULL: anonymous */
  char        *password;
  char        *cookie;     /* "AuthSession=…" */
  guint        timeout;
  gboolean     basic;      /* no /_session on this server */
  gboolean     logged_in;
  gboolean     relogged;
};

/**
 * bos_sync_secure_free:
 *
 * Overwrites a secret before freeing it.
 */
void
bos_sync_secure_free (char *secret)
{
  if (secret == NULL)
    return;
  for (volatile char *p = secret; *p; p++)
    *p = '\0';
  g_free (secret);
}

static gboolean
host_is_loopback (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0 ||
         g_str_equal (host, "127.0.0.1") ||
         g_str_equal (host, "::1");
}

/**
 * bos_sync_http_check_url:
 * @url: a server address as a planner typed it
 *
 * Checks the address (sync.md, security): http or https with a host, https
 * unless the host is this computer, no user name or password in it.
 *
 * Returns: (transfer full): the address normalized (no trailing slash), or
 *   %NULL with @error set (%BOS_ERROR_INVALID)
 */
char *
bos_sync_http_check_url (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower_scheme = NULL;
  const char *scheme, *host;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not a server address such as https://couchdb.example.no"), url);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not a server address such as https://couchdb.example.no"), url);
      return NULL;
    }
  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The server address must not contain a user name or password; "
                     "give the user name separately"));
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The server address “%s” must not contain “?” or “#”"), url);
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "https") != 0 && !host_is_loopback (host))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The server address must start with https:// so that passwords and plans "
                     "are encrypted on the way; plain http:// is only allowed to this computer "
                     "(localhost, 127.0.0.1 or ::1)"));
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';
  lower_scheme = g_ascii_strdown (scheme, -1);
  return g_uri_join (G_URI_FLAGS_ENCODED_PATH, lower_scheme, NULL, host, g_uri_get_port (uri), path,
                     NULL, NULL);
}

/**
 * bos_sync_http_new:
 * @base_url: from bos_sync_http_check_url()
 * @user: (nullable): %NULL for anonymous access
 * @password: (nullable): the password of @user
 * @timeout: seconds without an answer before a request fails
 */
BosSyncHttp *
bos_sync_http_new (const char *base_url,
                   const char *database,
                   const char *user,
                   const char *password,
                   guint       timeout)
{
  BosSyncHttp *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (database != NULL, NULL);

  self = g_new0 (BosSyncHttp, 1);
  self->base = g_strdup (base_url);
  self->database = g_strdup (database);
  self->user = (user && *user) ? g_strdup (user) : NULL;
  self->password = g_strdup (password ? password : "");
  self->timeout = timeout;
  self->session = soup_session_new_with_options ("timeout", timeout,
                                                 "idle-timeout", MAX (timeout, 60u),
                                                 "user-agent", "Bosetting/" PACKAGE_VERSION " ",
                                                 NULL);
  return self;
}

void
bos_sync_http_free (BosSyncHttp *self)
{
  if (self == NULL)
    return;
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_free (self->base);
  g_free (self->database);
  g_free (self->user);
  bos_sync_secure_free (self->password);
  bos_sync_secure_free (self->cookie);
  g_free (self);
}

const char *
bos_sync_http_get_url (BosSyncHttp *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->base;
}

/**
 * bos_sync_http_db_path:
 * @suffix: what follows the database, e.g. "/_changes?since=0"
 *
 * Returns: (transfer full): "/DATABASE" + @suffix, the name escaped
 */
char *
bos_sync_http_db_path (BosSyncHttp *self,
                       const char  *suffix)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  escaped = g_uri_escape_string (self->database, NULL, FALSE);
  return g_strconcat ("/", escaped, suffix, NULL);
}

/**
 * bos_sync_http_doc_path:
 * @query: (nullable): e.g. "conflicts=true"
 *
 * Returns: (transfer full): the path of a document of the database
 */
char *
bos_sync_http_doc_path (BosSyncHttp *self,
                        const char  *id,
                        const char  *query)
{
  g_autofree char *escaped = NULL;
  g_autofree char *suffix = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* "_local/x" and "_design/x" keep their slash; record ids are escaped whole. */
  if (g_str_has_prefix (id, "_local/"))
    {
      g_autofree char *rest = g_uri_escape_string (id + strlen ("_local/"), NULL, FALSE);
      escaped = g_strconcat ("_local/", rest, NULL);
    }
  else
    escaped = g_uri_escape_string (id, NULL, FALSE);
  suffix = g_strconcat ("/", escaped, query ? "?" : "", query ? query : "", NULL);
  return bos_sync_http_db_path (self, suffix);
}

/* "GET /db/_changes" for messages: the query left out. */
static char *
describe_request (const char *method,
                  const char *path)
{
  const char *query = strchr (path, '?');

  if (query == NULL)
    return g_strdup_printf ("%s %s", method, path);
  return g_strdup_printf ("%s %.*s", method, (int) (query - path), path);
}

static void
wipe_bytes (gpointer data)
{
  bos_sync_secure_free (data);
}

static void
take_cookie (BosSyncHttp *self,
             SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      const char *end;

      if (g_ascii_strcasecmp (name, "Set-Cookie") != 0 || !g_str_has_prefix (value, "AuthSession="))
        continue;
      end = strchr (value, ';');
      bos_sync_secure_free (self->cookie);
      self->cookie = end ? g_strndup (value, end - value) : g_strdup (value);
      /* An empty AuthSession= is a logout */
      if (g_str_equal (self->cookie, "AuthSession="))
        g_clear_pointer (&self->cookie, bos_sync_secure_free);
    }
}

static gboolean
transport_error (BosSyncHttp  *self,
                 const char   *method,
                 const char   *path,
                 GError       *soup_error,
                 GError      **error)
{
  g_autofree char *what = describe_request (method, path);

  if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, BOS_ERROR, BOS_ERROR_CANCELLED, _("The sync was cancelled"));
  else if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                 _("The sync server at %s did not answer within %u seconds (%s). Your changes are "
                   "kept and will be sent at the next sync."),
                 self->base, self->timeout, what);
  else if (soup_error->domain == G_TLS_ERROR)
    g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                 _("Could not open a secure connection to the sync server at %s: %s. Check the "
                   "address; if the server's certificate is not trusted by this computer, ask its "
                   "administrator."),
                 self->base, soup_error->message);
  else if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
           g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
           g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
           g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           soup_error->domain == G_RESOLVER_ERROR)
    g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                 _("Could not reach the sync server at %s: %s. Your changes are kept and will be "
                   "sent at the next sync."),
                 self->base, soup_error->message);
  else
    g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                 _("The connection to the sync server at %s broke off during %s (%s). Your changes "
                   "are kept and will be sent at the next sync."),
                 self->base, what, soup_error->message);
  return FALSE;
}

/* One exchange. Returns the body (never NULL on success). */
static GBytes *
http_send (BosSyncHttp   *self,
           const char    *method,
           const char    *path,
           GBytes        *body,
           gboolean       authenticate,
           guint         *status,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = g_strconcat (self->base, path, NULL);
  SoupMessageHeaders *headers;
  GBytes *answer;

  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, _("Could not make a request to %s"), self->base);
      return NULL;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  if (authenticate && self->user != NULL)
    {
      if (self->cookie != NULL)
        soup_message_headers_replace (headers, "Cookie", self->cookie);
      else if (self->basic)
        {
          g_autofree char *pair = g_strconcat (self->user, ":", self->password, NULL);
          g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
          g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

          soup_message_headers_replace (headers, "Authorization", value);
          memset (pair, 0, strlen (pair));
          memset (encoded, 0, strlen (encoded));
          memset (value, 0, strlen (value));
        }
    }

  g_debug ("%s %s", method, path);
  answer = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
  if (answer == NULL)
    {
      transport_error (self, method, path, local_error, error);
      return NULL;
    }
  *status = soup_message_get_status (msg);
  g_debug ("%s %s → %u (%zu bytes)", method, path, *status, g_bytes_get_size (answer));
  take_cookie (self, msg);
  return answer;
}

/* Parses a JSON answer; an HTML page or broken JSON is a clear error. */
static JsonNode *
parse_answer (BosSyncHttp  *self,
              const char   *method,
              const char   *path,
              guint         status,
              GBytes       *answer,
              GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *what = describe_request (method, path);
  gsize size;
  const char *data = g_bytes_get_data (answer, &size);
  gsize skip = 0;

  while (skip < size && g_ascii_isspace (data[skip]))
    skip++;
  if (skip < size && data[skip] == '<')
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                   _("The sync server at %s answered %s with a web page (HTTP %u) instead of "
                     "data. Is this the address of a CouchDB server?"),
                   self->base, what, status);
      return NULL;
    }
  if (size == 0 || !json_parser_load_from_data (parser, data, size, &parse_error))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                   _("The sync server at %s sent an incomplete or unreadable answer to %s "
                     "(HTTP %u, %zu bytes: %s). Nothing was changed; try again later."),
                   self->base, what, status, size,
                   parse_error ? parse_error->message : _("empty"));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/* The "reason" of a CouchDB error answer, or NULL. */
static char *
couch_reason (GBytes *answer)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (answer, &size);
  JsonNode *root;
  JsonObject *object;

  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "reason") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "reason")))
    return g_strdup (json_object_get_string_member (object, "reason"));
  if (json_object_has_member (object, "error") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "error")))
    return g_strdup (json_object_get_string_member (object, "error"));
  return NULL;
}

static gboolean
http_login (BosSyncHttp   *self,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  char *json;
  guint status = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, self->password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  body = g_bytes_new_with_free_func (json, strlen (json), wipe_bytes, json);
  /* The builder's copy of the password goes with it */
  g_clear_pointer (&root, json_node_unref);
  json_builder_reset (builder);

  bos_sync_secure_free (self->cookie);
  self->cookie = NULL;
  answer = http_send (self, "POST", "/_session", body, FALSE, &status, cancellable, error);
  if (answer == NULL)
    return FALSE;
  self->logged_in = TRUE;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_AUTH,
                   _("The sync server at %s refused the user name or password for “%s”. "
                     "Check them in the preferences."),
                   self->base, self->user);
      return FALSE;
    }
  if (SOUP_STATUS_IS_SUCCESSFUL (status) && self->cookie != NULL)
    {
      g_debug ("Logged in as %s with a session cookie", self->user);
      return TRUE;
    }
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED ||
      status == SOUP_STATUS_NOT_IMPLEMENTED || SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* No session API (or no cookie through a proxy): Basic on every request. */
      g_debug ("No session cookie from %s; using Basic auth", self->base);
      self->basic = TRUE;
      return TRUE;
    }
  g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
               _("The sync server at %s could not log in “%s” (HTTP %u). Try again later."),
               self->base, self->user, status);
  return FALSE;
}

static void
set_refused_error (BosSyncHttp  *self,
                   guint         status,
                   GBytes       *answer,
                   GError      **error)
{
  g_autofree char *reason = couch_reason (answer);

  if (self->user == NULL)
    g_set_error (error, BOS_ERROR, BOS_ERROR_AUTH,
                 _("The sync server at %s requires a user name and password for the database “%s”."),
                 self->base, self->database);
  else if (self->basic && status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error (error, BOS_ERROR, BOS_ERROR_AUTH,
                 _("The sync server at %s refused the user name or password for “%s”, or does not "
                   "let that user open the database “%s”%s%s%s."),
                 self->base, self->user, self->database,
                 reason ? " (" : "", reason ? reason : "", reason ? ")" : "");
  else
    g_set_error (error, BOS_ERROR, BOS_ERROR_AUTH,
                 _("The sync server at %s accepted the user “%s” but does not let that user open "
                   "the database “%s”%s%s%s. Ask the server's administrator to add the user to the "
                   "database's members."),
                 self->base, self->user, self->database,
                 reason ? " (" : "", reason ? reason : "", reason ? ")" : "");
}

/**
 * bos_sync_http_request:
 * @path: from the server root, e.g. bos_sync_http_db_path()
 * @body: (nullable): sent as JSON
 * @status: (out): the HTTP status
 *
 * Sends a request, logging in first when there is a user. Answers 2xx,
 * 404 (not found), 409 (conflict) and 412 (exists) are returned for the
 * caller to read; every other answer, an answer that is not JSON and a
 * failure to reach the server are errors with a message a planner can act
 * on (%BOS_ERROR_SERVER, %BOS_ERROR_AUTH, %BOS_ERROR_CANCELLED).
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
JsonNode *
bos_sync_http_request (BosSyncHttp   *self,
                       const char    *method,
                       const char    *path,
                       JsonNode      *body,
                       guint         *status,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (method != NULL && path != NULL && status != NULL, NULL);

  if (self->user != NULL && !self->logged_in && !http_login (self, cancellable, error))
    return NULL;

  if (body != NULL)
    {
      gsize length;
      char *json = json_to_string (body, FALSE);

      length = strlen (json);
      request_body = g_bytes_new_take (json, length);
    }

  answer = http_send (self, method, path, request_body, TRUE, status, cancellable, error);
  if (answer == NULL)
    return NULL;

  if (*status == SOUP_STATUS_UNAUTHORIZED && self->user != NULL && !self->basic && !self->relogged)
    {
      /* The session may have expired: log in again, once per run. */
      self->relogged = TRUE;
      g_debug ("401 for %s %s; logging in again", method, path);
      if (!http_login (self, cancellable, error))
        return NULL;
      g_clear_pointer (&answer, g_bytes_unref);
      answer = http_send (self, method, path, request_body, TRUE, status, cancellable, error);
      if (answer == NULL)
        return NULL;
    }

  if (*status == SOUP_STATUS_UNAUTHORIZED || *status == SOUP_STATUS_FORBIDDEN)
    {
      set_refused_error (self, *status, answer, error);
      return NULL;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (*status) || *status == SOUP_STATUS_NOT_FOUND ||
      *status == SOUP_STATUS_CONFLICT || *status == SOUP_STATUS_PRECONDITION_FAILED)
    return parse_answer (self, method, path, *status, answer, error);

  what = describe_request (method, path);
  if (*status >= 500)
    {
      g_autofree char *reason = couch_reason (answer);

      g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                   _("The sync server at %s failed with HTTP %u (%s) on %s%s%s. Nothing was "
                     "changed; try again later."),
                   self->base, *status, soup_status_get_phrase (*status), what,
                   reason ? ": " : "", reason ? reason : "");
    }
  else
    {
      g_autofree char *reason = couch_reason (answer);

      g_set_error (error, BOS_ERROR, BOS_ERROR_SERVER,
                   _("The sync server at %s refused %s with HTTP %u (%s)%s%s."),
                   self->base, what, *status, soup_status_get_phrase (*status),
                   reason ? ": " : "", reason ? reason : "");
    }
  return NULL;
}
