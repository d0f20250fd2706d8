/* bos-sync-secret.h: the sync password in the desktop keyring (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      bos_sync_secret_lookup_async  (const char           *url,
                                         const char           *user,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char     *bos_sync_secret_lookup_finish (GAsyncResult         *result,
                                         GError              **error);
void      bos_sync_secret_store_async   (const char           *url,
                                         const char           *user,
                                         const char           *password,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  bos_sync_secret_store_finish  (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
