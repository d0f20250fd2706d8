/* bos-sync-http.h: requests to a CouchDB server, with login and clear errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _BosSyncHttp BosSyncHttp;

char        *bos_sync_http_check_url   (const char     *url,
                                        GError        **error);
BosSyncHttp *bos_sync_http_new         (const char     *base_url,
                                        const char     *database,
                                        const char     *user,
                                        const char     *password,
                                        guint           timeout);
void         bos_sync_http_free        (BosSyncHttp    *self);
const char  *bos_sync_http_get_url     (BosSyncHttp    *self);
char        *bos_sync_http_db_path     (BosSyncHttp    *self,
                                        const char     *suffix);
char        *bos_sync_http_doc_path    (BosSyncHttp    *self,
                                        const char     *id,
                                        const char     *query);
JsonNode    *bos_sync_http_request     (BosSyncHttp    *self,
                                        const char     *method,
                                        const char     *path,
                                        JsonNode       *body,
                                        guint          *status,
                                        GCancellable   *cancellable,
                                        GError        **error);
void         bos_sync_secure_free      (char           *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosSyncHttp, bos_sync_http_free)

G_END_DECLS
