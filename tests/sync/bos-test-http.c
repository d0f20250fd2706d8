/* bos-test-http.c: a tiny HTTP server on 127.0.0.1 for the sync tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GThreadedSocketService: connections are accepted on the thread-default
 * main context of its creator (so the test iterates it while a sync runs
 * with bos_sync_client_run_async()) and handled in worker threads, one
 * request per connection ("Connection: close").
 */
#define G_LOG_DOMAIN "bos-test-http"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "bos-test-http.h"

struct _BosTestHttp
{
  GSocketService *service;
  GCancellable   *stop;
  BosTestHandler  handler;
  gpointer        user_data;
  guint16         port;
  int             n_requests;  /* atomic */
  int             n_active;    /* atomic */
};

static void
request_free (BosTestRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->head);
  g_clear_pointer (&request->body, g_bytes_unref);
}

static gboolean
read_request (GInputStream   *in,
              BosTestRequest *request)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autoptr(GString) head = g_string_new (NULL);
  gsize content_length = 0;
  char *line;
  gboolean first = TRUE;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  while ((line = g_data_input_stream_read_line (data, NULL, NULL, NULL)) != NULL)
    {
      if (*line == '\0')
        {
          g_free (line);
          break;
        }
      if (first)
        {
          g_auto(GStrv) parts = g_strsplit (line, " ", 3);

          if (g_strv_length (parts) < 2)
            {
              g_free (line);
              return FALSE;
            }
          request->method = g_strdup (parts[0]);
          request->path = g_strdup (parts[1]);
          first = FALSE;
        }
      else if (g_ascii_strncasecmp (line, "Content-Length:", 15) == 0)
        content_length = strtoul (line + 15, NULL, 10);
      g_string_append (head, line);
      g_string_append (head, "\r\n");
      g_free (line);
    }
  if (first)
    return FALSE;
  request->head = g_string_free (g_steal_pointer (&head), FALSE);
  if (content_length > 0)
    {
      g_autofree char *body = g_malloc (content_length);
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (data), body, content_length, &n, NULL, NULL) ||
          n != content_length)
        return FALSE;
      request->body = g_bytes_new_take (g_steal_pointer (&body), content_length);
    }
  else
    request->body = g_bytes_new (NULL, 0);
  return TRUE;
}

static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                user_data)
{
  BosTestHttp *self = user_data;
  BosTestRequest request = { 0 };

  g_atomic_int_inc (&self->n_active);
  if (read_request (g_io_stream_get_input_stream (G_IO_STREAM (connection)), &request))
    {
      g_atomic_int_inc (&self->n_requests);
      self->handler (self, &request,
                     g_io_stream_get_output_stream (G_IO_STREAM (connection)), self->user_data);
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  request_free (&request);
  g_atomic_int_dec_and_test (&self->n_active);
  return TRUE;
}

/**
 * bos_test_http_new:
 *
 * Listens on a free port of 127.0.0.1.
 */
BosTestHttp *
bos_test_http_new (BosTestHandler handler,
                   gpointer       user_data)
{
  BosTestHttp *self = g_new0 (BosTestHttp, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  self->handler = handler;
  self->user_data = user_data;
  self->stop = g_cancellable_new ();
  self->service = g_threaded_socket_service_new (8);
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (self->service, "run", G_CALLBACK (run_cb), self);
  g_socket_service_start (self->service);
  return self;
}

void
bos_test_http_free (BosTestHttp *self)
{
  gint64 deadline;

  if (self == NULL)
    return;
  g_cancellable_cancel (self->stop);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_atomic_int_get (&self->n_active) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_cmpint (g_atomic_int_get (&self->n_active), ==, 0);
  g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_object (&self->stop);
  g_free (self);
}

char *
bos_test_http_get_url (BosTestHttp *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

guint
bos_test_http_get_n_requests (BosTestHttp *self)
{
  return g_atomic_int_get (&self->n_requests);
}

/* From a handler: never answer (until the server is freed). */
void
bos_test_http_hang (BosTestHttp *self)
{
  while (!g_cancellable_is_cancelled (self->stop))
    g_usleep (10 * 1000);
}

void
bos_test_http_respond (GOutputStream *out,
                       guint          status,
                       const char    *content_type,
                       const char    *body)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                                           "Connection: close\r\n\r\n",
                                           status, soup_status_get_phrase (status), content_type,
                                           strlen (body));

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, strlen (body), NULL, NULL, NULL);
}

/**
 * bos_test_http_forward:
 *
 * Sends @request to 127.0.0.1:@port and reads the whole answer.
 *
 * Returns: (transfer full) (nullable): the raw HTTP answer, %NULL when the
 *   server could not be reached
 */
GBytes *
bos_test_http_forward (BosTestRequest *request,
                       guint16         port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  g_auto(GStrv) lines = g_strsplit (request->head, "\r\n", -1);
  GOutputStream *out;
  GInputStream *in;
  guint8 buffer[16384];
  gssize n;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  if (connection == NULL)
    return NULL;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0' || g_ascii_strncasecmp (lines[i], "Connection:", 11) == 0 ||
          g_ascii_strncasecmp (lines[i], "Keep-Alive:", 11) == 0)
        continue;
      g_string_append_printf (head, "%s\r\n", lines[i]);
    }
  g_string_append (head, "Connection: close\r\n\r\n");

  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (out, head->str, head->len, NULL, NULL, NULL) ||
      !g_output_stream_write_all (out, g_bytes_get_data (request->body, NULL),
                                  g_bytes_get_size (request->body), NULL, NULL, NULL))
    return NULL;
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (answer, buffer, n);
  if (answer->len == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&answer));
}
