/* bos-sync-secret.c: the sync password in the desktop keyring (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sync.md: the password lives in the desktop keyring through libsecret's
 * async API, keyed by server URL and user name; never in SQLite, GSettings
 * or logs.
 */
#define G_LOG_DOMAIN "bos-sync-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "bos-sync-secret.h"

static const SecretSchema *
sync_schema (void)
{
  static const SecretSchema schema = {
    "io.github.bosetting.Bosetting.SyncPassword", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/**
 * bos_sync_secret_lookup_async:
 *
 * Reads the password of @user on @url from the keyring.
 */
void
bos_sync_secret_lookup_async (const char          *url,
                              const char          *user,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (url != NULL && user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bos_sync_secret_lookup_async);
  secret_password_lookup (sync_schema (), cancellable, lookup_cb, task,
                          "server", url, "user", user, NULL);
}

/**
 * bos_sync_secret_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the password (free it with
 *   bos_sync_secure_free()), or %NULL: none stored (no error) or no keyring
 */
char *
bos_sync_secret_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_autofree char *password = NULL;
  char *secret;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  secret = g_task_propagate_pointer (G_TASK (result), error);
  if (secret == NULL)
    return NULL;
  password = g_strdup (secret);
  secret_password_free (secret);
  return g_steal_pointer (&password);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * bos_sync_secret_store_async:
 *
 * Stores the password of @user on @url in the login keyring.
 */
void
bos_sync_secret_store_async (const char          *url,
                             const char          *user,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (url != NULL && user != NULL && password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bos_sync_secret_store_async);
  /* Translators: the keyring item; %s are a user name and a server address */
  label = g_strdup_printf (_("Bosetting sync password for %s on %s"), user, url);
  secret_password_store (sync_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         store_cb, task, "server", url, "user", user, NULL);
}

gboolean
bos_sync_secret_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
