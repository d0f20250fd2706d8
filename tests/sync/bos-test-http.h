/* bos-test-http.h: a tiny HTTP server on 127.0.0.1 that answers what a
 * test tells it to (bad answers), or forwards to a real server (a proxy
 * that can lose answers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char   *method;
  char   *path;     /* with the query */
  char   *head;     /* the request line and headers as received */
  GBytes *body;
} BosTestRequest;

typedef struct _BosTestHttp BosTestHttp;

/* Writes the answer to @out, or nothing to close the connection without an
 * answer. Runs in a worker thread. */
typedef void (*BosTestHandler) (BosTestHttp    *http,
                                BosTestRequest *request,
                                GOutputStream  *out,
                                gpointer        user_data);

BosTestHttp *bos_test_http_new            (BosTestHandler  handler,
                                           gpointer        user_data);
void         bos_test_http_free           (BosTestHttp    *self);
char        *bos_test_http_get_url        (BosTestHttp    *self);
guint        bos_test_http_get_n_requests (BosTestHttp    *self);
void         bos_test_http_hang           (BosTestHttp    *self);

void         bos_test_http_respond        (GOutputStream  *out,
                                           guint           status,
                                           const char     *content_type,
                                           const char     *body);
GBytes      *bos_test_http_forward        (BosTestRequest *request,
                                           guint16         port);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosTestHttp, bos_test_http_free)

G_END_DECLS
