/* bos-test-couch.c: a real pouchdb-server on 127.0.0.1 for the sync tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sync.md, "pouchdb-server in tests": pouchdb-server 4.2.0 from npm is
 * installed once into a cache folder under the build directory
 * (pouchdb-install.sh), then started per test program on a free port of
 * 127.0.0.1 with a config.json in a temporary folder whose admins entry
 * turns authentication on. In memory by default; on disk (-d) for the
 * tests that kill it and expect the data back. Killed at the end.
 */
#define G_LOG_DOMAIN "bos-test-couch"

#include "config.h"

#include <string.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "bos-test-couch.h"

struct _BosTestCouch
{
  GSubprocess *process;
  SoupSession *session;
  char        *dir;
  char        *url;
  guint16      port;
  gboolean     in_memory;
};

static char *
node_cache_dir (void)
{
  const char *env = g_getenv ("BOSETTING_NODE_CACHE");

  return g_strdup (env ? env : BOS_TEST_NODE_CACHE);
}

static char *
server_script (void)
{
  g_autofree char *cache = node_cache_dir ();

  return g_build_filename (cache, "node_modules", "pouchdb-server", "bin", "pouchdb-server", NULL);
}

/**
 * bos_test_couch_available:
 * @why_not: (out): the reason when not
 *
 * Installs pouchdb-server when needed (once, under a lock).
 *
 * Returns: %FALSE when there is no node (the tests are skipped)
 */
gboolean
bos_test_couch_available (char **why_not)
{
  static int installed = -1;
  static char *reason = NULL;

  if (installed < 0)
    {
      g_autofree char *node = g_find_program_in_path ("node");
      g_autofree char *cache = node_cache_dir ();
      g_autoptr(GError) error = NULL;
      const char *argv[] = { "sh", BOS_TEST_INSTALL_SCRIPT, cache, NULL };
      int status = 0;

      if (node == NULL)
        {
          installed = 0;
          reason = g_strdup ("node is not installed (apt-get install nodejs npm)");
        }
      else if (!g_spawn_sync (NULL, (char **) argv, NULL,
                              G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                              NULL, NULL, NULL, NULL, &status, &error) ||
               !g_spawn_check_wait_status (status, &error))
        g_error ("Installing pouchdb-server into %s failed: %s", cache, error->message);
      else
        installed = 1;
    }
  if (why_not != NULL)
    *why_not = g_strdup (reason);
  return installed == 1;
}

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
couch_answers (BosTestCouch *self)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", self->url);
  g_autoptr(GBytes) body = soup_session_send_and_read (self->session, msg, NULL, NULL);

  return body != NULL && soup_message_get_status (msg) == 200;
}

/* In the child before exec: the server dies with the test program, also
 * when a failed assertion aborts it before the teardown. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

static gboolean
couch_spawn (BosTestCouch *self)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = server_script ();
  g_autofree char *port = g_strdup_printf ("%u", self->port);
  g_autofree char *log = g_build_filename (self->dir, "server.log", NULL);
  g_autofree char *data = g_build_filename (self->dir, "data", NULL);
  gint64 deadline;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_cwd (launcher, self->dir);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_mkdir_with_parents (data, 0700);
  if (self->in_memory)
    self->process = g_subprocess_launcher_spawn (launcher, &error, "node", script, "--in-memory",
                                                 "-o", "127.0.0.1", "-p", port, "-c", "config.json", NULL);
  else
    self->process = g_subprocess_launcher_spawn (launcher, &error, "node", script, "-d", "data",
                                                 "-o", "127.0.0.1", "-p", port, "-c", "config.json", NULL);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      if (couch_answers (self))
        return TRUE;
      /* GLib's worker thread reaps it: no identifier once it has exited */
      if (g_subprocess_get_identifier (self->process) == NULL)
        break;
      g_usleep (100 * 1000);
    }
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (log, &contents, NULL, NULL);
    g_printerr ("pouchdb-server on port %u did not start:\n%s\n", self->port, contents ? contents : "");
  }
  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
  return FALSE;
}

/**
 * bos_test_couch_start:
 * @in_memory: %FALSE to keep the data on disk across bos_test_couch_restart()
 *
 * Returns: (transfer full): a running server with the admin
 *   %BOS_TEST_COUCH_ADMIN
 */
BosTestCouch *
bos_test_couch_start (gboolean in_memory)
{
  BosTestCouch *self = g_new0 (BosTestCouch, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;

  g_assert_true (bos_test_couch_available (NULL));

  self->in_memory = in_memory;
  self->dir = g_dir_make_tmp ("bos-couch-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_build_filename (self->dir, "config.json", NULL);
  g_file_set_contents (config,
                       "{ \"admins\": { \"" BOS_TEST_COUCH_ADMIN "\": \""
                       BOS_TEST_COUCH_ADMIN_PASSWORD "\" } }\n", -1, &error);
  g_assert_no_error (error);
  self->session = soup_session_new_with_options ("timeout", 30, NULL);

  for (int attempt = 0; attempt < 5; attempt++)
    {
      self->port = free_port ();
      g_free (self->url);
      self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
      if (couch_spawn (self))
        return self;
    }
  g_error ("pouchdb-server did not start");
}

/**
 * bos_test_couch_kill:
 *
 * SIGKILL, as a crash or a power cut would; the port stays reserved for
 * bos_test_couch_restart().
 */
void
bos_test_couch_kill (BosTestCouch *self)
{
  if (self->process == NULL)
    return;
  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
  /* Connections to the dead server must not be reused */
  soup_session_abort (self->session);
}

/**
 * bos_test_couch_restart:
 *
 * Starts the server again on the same port: with the same data when on
 * disk, empty when in memory.
 */
void
bos_test_couch_restart (BosTestCouch *self)
{
  bos_test_couch_kill (self);
  for (int attempt = 0; attempt < 20; attempt++)
    {
      if (couch_spawn (self))
        return;
      g_usleep (250 * 1000);
    }
  g_error ("pouchdb-server did not start again on port %u", self->port);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
bos_test_couch_free (BosTestCouch *self)
{
  if (self == NULL)
    return;
  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  g_clear_object (&self->session);
  if (self->dir != NULL)
    remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->url);
  g_free (self);
}

const char *
bos_test_couch_get_url (BosTestCouch *self)
{
  return self->url;
}

guint16
bos_test_couch_get_port (BosTestCouch *self)
{
  return self->port;
}

/**
 * bos_test_couch_request:
 * @json_body: (nullable): sent as JSON
 *
 * A request as the admin.
 *
 * Returns: (transfer full) (nullable): the JSON answer
 */
JsonNode *
bos_test_couch_request (BosTestCouch *self,
                        const char   *method,
                        const char   *path,
                        const char   *json_body,
                        guint        *status)
{
  g_autofree char *url = g_strconcat (self->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pair = g_strdup (BOS_TEST_COUCH_ADMIN ":" BOS_TEST_COUCH_ADMIN_PASSWORD);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  gsize size;
  const char *data;

  g_assert_nonnull (msg);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (json_body != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json_body, strlen (json_body));
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }
  answer = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  data = g_bytes_get_data (answer, &size);
  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

void
bos_test_couch_create_db (BosTestCouch *self,
                          const char   *database)
{
  g_autofree char *path = g_strconcat ("/", database, NULL);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = bos_test_couch_request (self, "PUT", path, NULL, &status);
  g_assert_cmpuint (status, ==, 201);
}

void
bos_test_couch_add_user (BosTestCouch *self,
                         const char   *name,
                         const char   *password)
{
  g_autofree char *path = g_strconcat ("/_users/org.couchdb.user:", name, NULL);
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"password\": \"%s\", \"roles\": [], "
                                           "\"type\": \"user\"}", name, password);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = bos_test_couch_request (self, "PUT", path, body, &status);
  g_assert_cmpuint (status, ==, 201);
}

/* Only @name (and admins) may open @database. */
void
bos_test_couch_set_members (BosTestCouch *self,
                            const char   *database,
                            const char   *name)
{
  g_autofree char *path = g_strconcat ("/", database, "/_security", NULL);
  g_autofree char *body = g_strdup_printf ("{\"admins\": {\"names\": [], \"roles\": []}, "
                                           "\"members\": {\"names\": [\"%s\"], \"roles\": []}}", name);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = bos_test_couch_request (self, "PUT", path, body, &status);
  g_assert_cmpuint (status, ==, 200);
}

/**
 * bos_test_couch_get_doc:
 *
 * Returns: (transfer full) (nullable): the document with _conflicts, %NULL
 *   when missing or deleted
 */
JsonObject *
bos_test_couch_get_doc (BosTestCouch *self,
                        const char   *database,
                        const char   *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/", database, "/", escaped, "?conflicts=true", NULL);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = bos_test_couch_request (self, "GET", path, NULL, &status);
  if (status != 200)
    return NULL;
  return json_object_ref (json_node_get_object (answer));
}

/**
 * bos_test_couch_all_docs:
 *
 * Returns: (transfer full): id → JsonObject of every live document
 */
GHashTable *
bos_test_couch_all_docs (BosTestCouch *self,
                         const char   *database)
{
  g_autofree char *path = g_strconcat ("/", database, "/_all_docs?include_docs=true&conflicts=true", NULL);
  g_autoptr(JsonNode) answer = NULL;
  GHashTable *docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) json_object_unref);
  JsonArray *rows;
  guint status = 0;

  answer = bos_test_couch_request (self, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  rows = json_object_get_array_member (json_node_get_object (answer), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *doc = json_object_get_object_member (row, "doc");

      g_hash_table_insert (docs, g_strdup (json_object_get_string_member (row, "id")),
                           json_object_ref (doc));
    }
  return docs;
}
