/* bos-sync-controller.c: when the window syncs, and what it tells the planner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One per window. Reads the server, database and user from GSettings and
 * the password from the keyring (bos-sync-secret.c), syncs in a worker
 * thread (bos_sync_client_run_async(), its own connection), at the planner's
 * request and every five minutes while the network is up, and keeps a
 * state and a message for the status button: not shared, in sync, syncing
 * (with progress), offline, n conflicts, an error with its reason, or a
 * password to enter. Everything keeps working offline: edits stay in the
 * database until a sync succeeds.
 */
#define G_LOG_DOMAIN "bos-sync-controller"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-error.h"
#include "bos-sync-client.h"
#include "bos-sync-conflict.h"
#include "bos-sync-controller.h"
#include "bos-sync-http.h"
#include "bos-sync-secret.h"

struct _BosSyncController
{
  GObject          parent_instance;

  BosStore        *store;
  GSettings       *settings;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;   /* of the running sync */
  char            *password;      /* memory only */
  char            *message;
  BosSyncState     state;
  double           progress;      /* 0…1, or -1 when unknown */
  guint            n_conflicts;
  guint            interval;
  guint            timer_id;
  guint            first_id;
  gboolean         running;
};

G_DEFINE_FINAL_TYPE (BosSyncController, bos_sync_controller, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (BosSyncState, bos_sync_state,
  G_DEFINE_ENUM_VALUE (BOS_SYNC_STATE_OFF, "off"),
  G_DEFINE_ENUM_VALUE (BOS_SYNC_STATE_SYNCED, "synced"),
  G_DEFINE_ENUM_VALUE (BOS_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (BOS_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (BOS_SYNC_STATE_CONFLICTS, "conflicts"),
  G_DEFINE_ENUM_VALUE (BOS_SYNC_STATE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (BOS_SYNC_STATE_PASSWORD, "password"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_PROGRESS,
  PROP_N_CONFLICTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule (BosSyncController *self);

static void
set_status (BosSyncController *self,
            BosSyncState       state,
            const char        *message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_progress (BosSyncController *self,
              double             progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static gboolean
is_configured (BosSyncController *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "sync-server-url");
  g_autofree char *database = g_settings_get_string (self->settings, "sync-database");

  return *url != '\0' && *database != '\0';
}

static void
count_conflicts (BosSyncController *self)
{
  g_autoptr(GError) error = NULL;
  gint64 n = bos_sync_conflict_count (self->store, &error);

  if (n < 0)
    {
      g_warning ("Could not count the sync conflicts: %s", error->message);
      return;
    }
  if (self->n_conflicts != (guint) n)
    {
      self->n_conflicts = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
    }
}

/* The state when no sync is running, from what is known. */
static void
update_idle_status (BosSyncController *self,
                    const char        *synced_message)
{
  g_autofree char *conflicts = NULL;

  if (self->running)
    return;
  count_conflicts (self);
  if (!is_configured (self))
    set_status (self, BOS_SYNC_STATE_OFF, _("Plans are not shared. Set up a server under Sharing."));
  else if (self->n_conflicts > 0)
    {
      conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u record has two versions: choose which to keep.",
                                                "%u records have two versions: choose which to keep.",
                                                self->n_conflicts),
                                   self->n_conflicts);
      set_status (self, BOS_SYNC_STATE_CONFLICTS, conflicts);
    }
  else if (synced_message != NULL)
    set_status (self, BOS_SYNC_STATE_SYNCED, synced_message);
  else if (self->state == BOS_SYNC_STATE_OFF || self->state == BOS_SYNC_STATE_CONFLICTS)
    set_status (self, BOS_SYNC_STATE_SYNCED, _("Shared; not synced yet"));
}

static void
progress_cb (BosSyncClient     *client,
             int                phase,
             guint              done,
             guint              total,
             BosSyncController *self)
{
  g_autofree char *message = NULL;

  switch (phase)
    {
    case BOS_SYNC_PHASE_CONNECTING:
      message = g_strdup (_("Connecting…"));
      set_progress (self, -1);
      break;
    case BOS_SYNC_PHASE_PULLING:
      message = g_strdup_printf (_("Receiving changes… (%u)"), done);
      set_progress (self, total > 0 ? 0.5 * MIN (1.0, (double) done / total) : -1);
      break;
    case BOS_SYNC_PHASE_PUSHING:
      message = g_strdup_printf (_("Sending changes… %u of %u"), done, total);
      set_progress (self, total > 0 ? 0.5 + 0.5 * done / total : 0.5);
      break;
    case BOS_SYNC_PHASE_FINISHING:
    default:
      message = g_strdup (_("Finishing…"));
      set_progress (self, 1.0);
      break;
    }
  set_status (self, BOS_SYNC_STATE_SYNCING, message);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BosSyncController) self = user_data;
  g_autoptr(BosSyncResult) figures = NULL;
  g_autoptr(GError) error = NULL;
  BosSyncClient *client = BOS_SYNC_CLIENT (source);

  figures = bos_sync_client_run_finish (client, result, &error);
  g_signal_handlers_disconnect_by_func (client, progress_cb, self);
  g_clear_object (&self->cancellable);
  self->running = FALSE;
  set_progress (self, -1);

  if (figures == NULL)
    {
      if (g_error_matches (error, BOS_ERROR, BOS_ERROR_CANCELLED))
        update_idle_status (self, NULL);
      else if (g_error_matches (error, BOS_ERROR, BOS_ERROR_AUTH))
        {
          /* Logged in again once already: ask the planner. */
          g_clear_pointer (&self->password, bos_sync_secure_free);
          set_status (self, BOS_SYNC_STATE_PASSWORD, error->message);
        }
      else
        set_status (self, BOS_SYNC_STATE_ERROR, error->message);
      return;
    }

  if (figures->refused > 0)
    {
      g_autofree char *message = g_strdup_printf (_("The server refused %u changes; they are kept here. %s"),
                                                  figures->refused,
                                                  (const char *) g_ptr_array_index (figures->messages, 0));
      count_conflicts (self);
      set_status (self, BOS_SYNC_STATE_ERROR, message);
      return;
    }
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *time = g_date_time_format (now, "%H:%M");
    g_autofree char *message = NULL;

    if (figures->pending > 0)
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "In sync at %s; %u received record waits for another",
                                              "In sync at %s; %u received records wait for others",
                                              figures->pending),
                                 time, figures->pending);
    else
      message = g_strdup_printf (_("In sync at %s"), time);
    update_idle_status (self, message);
  }
}

static void
start_run (BosSyncController *self)
{
  g_autoptr(BosSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_settings_get_string (self->settings, "sync-server-url");
  g_autofree char *database = g_settings_get_string (self->settings, "sync-database");
  g_autofree char *user = g_settings_get_string (self->settings, "sync-user");

  client = bos_sync_client_new (url, database, *user ? user : NULL, &error);
  if (client == NULL)
    {
      self->running = FALSE;
      set_status (self, BOS_SYNC_STATE_ERROR, error->message);
      return;
    }
  if (self->password != NULL)
    bos_sync_client_set_password (client, self->password);
  self->cancellable = g_cancellable_new ();
  g_signal_connect (client, "progress", G_CALLBACK (progress_cb), self);
  set_status (self, BOS_SYNC_STATE_SYNCING, _("Connecting…"));
  bos_sync_client_run_async (client, self->store, self->cancellable, run_done_cb, g_object_ref (self));
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BosSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *user = g_settings_get_string (self->settings, "sync-user");
  char *password = bos_sync_secret_lookup_finish (result, &error);

  if (password == NULL)
    {
      g_autofree char *message = NULL;

      self->running = FALSE;
      if (error != NULL)
        message = g_strdup_printf (_("The password for “%s” could not be read from the keyring (%s). "
                                     "Enter it under Sharing."), user, error->message);
      else
        message = g_strdup_printf (_("Enter the password for “%s” under Sharing."), user);
      set_status (self, BOS_SYNC_STATE_PASSWORD, message);
      return;
    }
  bos_sync_secure_free (self->password);
  self->password = password;
  start_run (self);
}

/**
 * bos_sync_controller_sync:
 *
 * Syncs now, unless a sync is running, no server is set up or the network
 * is down (the state says which).
 */
void
bos_sync_controller_sync (BosSyncController *self)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;

  g_return_if_fail (BOS_IS_SYNC_CONTROLLER (self));

  if (self->running)
    return;
  if (!is_configured (self))
    {
      update_idle_status (self, NULL);
      return;
    }
  if (!g_network_monitor_get_network_available (self->monitor))
    {
      set_status (self, BOS_SYNC_STATE_OFFLINE,
                  _("Offline. Your changes are kept and sent when the network is back."));
      return;
    }

  self->running = TRUE;
  url = g_settings_get_string (self->settings, "sync-server-url");
  user = g_settings_get_string (self->settings, "sync-user");
  if (*user != '\0' && self->password == NULL)
    {
      g_autofree char *normalized = bos_sync_http_check_url (url, NULL);

      set_status (self, BOS_SYNC_STATE_SYNCING, _("Reading the password from the keyring…"));
      bos_sync_secret_lookup_async (normalized ? normalized : url, user, NULL, lookup_cb, g_object_ref (self));
      return;
    }
  start_run (self);
}

void
bos_sync_controller_cancel (BosSyncController *self)
{
  g_return_if_fail (BOS_IS_SYNC_CONTROLLER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
timer_cb (gpointer user_data)
{
  BosSyncController *self = user_data;

  if (self->state != BOS_SYNC_STATE_PASSWORD)
    bos_sync_controller_sync (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_sync_cb (gpointer user_data)
{
  BosSyncController *self = user_data;

  self->first_id = 0;
  bos_sync_controller_sync (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (BosSyncController *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->first_id, g_source_remove);
  if (!is_configured (self) || self->interval == 0)
    return;
  self->timer_id = g_timeout_add_seconds (self->interval, timer_cb, self);
  /* Soon after the window opens or the settings change */
  self->first_id = g_timeout_add_seconds (2, first_sync_cb, self);
}

static void
settings_changed_cb (BosSyncController *self,
                     const char        *key,
                     GSettings         *settings)
{
  if (!g_str_has_prefix (key, "sync-"))
    return;
  /* Another server or user: another password. */
  if (!g_str_equal (key, "sync-database"))
    g_clear_pointer (&self->password, bos_sync_secure_free);
  if (!self->running && is_configured (self))
    set_status (self, BOS_SYNC_STATE_SYNCED, _("Shared; not synced yet"));
  update_idle_status (self, NULL);
  schedule (self);
}

static void
network_changed_cb (BosSyncController *self,
                    gboolean           available,
                    GNetworkMonitor   *monitor)
{
  if (available && self->state == BOS_SYNC_STATE_OFFLINE)
    bos_sync_controller_sync (self);
}

static void
store_changed_cb (BosSyncController *self,
                  const char        *table,
                  BosStore          *store)
{
  /* A planner resolved a conflict, or a sync found one. */
  update_idle_status (self, self->state == BOS_SYNC_STATE_SYNCED ? self->message : NULL);
}

static void
bos_sync_controller_constructed (GObject *object)
{
  BosSyncController *self = (BosSyncController *) object;

  G_OBJECT_CLASS (bos_sync_controller_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));
  g_assert (G_IS_SETTINGS (self->settings));

  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::sync_conflict", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_idle_status (self, NULL);
  schedule (self);
}

static void
bos_sync_controller_dispose (GObject *object)
{
  BosSyncController *self = (BosSyncController *) object;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->first_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (bos_sync_controller_parent_class)->dispose (object);
}

static void
bos_sync_controller_finalize (GObject *object)
{
  BosSyncController *self = (BosSyncController *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->password, bos_sync_secure_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (bos_sync_controller_parent_class)->finalize (object);
}

static void
bos_sync_controller_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BosSyncController *self = BOS_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_sync_controller_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BosSyncController *self = BOS_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_sync_controller_class_init (BosSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = bos_sync_controller_constructed;
  object_class->dispose = bos_sync_controller_dispose;
  object_class->finalize = bos_sync_controller_finalize;
  object_class->get_property = bos_sync_controller_get_property;
  object_class->set_property = bos_sync_controller_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, BOS_TYPE_SYNC_STATE, BOS_SYNC_STATE_OFF, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -1, 1, -1, ro);
  properties[PROP_N_CONFLICTS] = g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_sync_controller_init (BosSyncController *self)
{
  self->interval = BOS_SYNC_CONTROLLER_INTERVAL;
  self->progress = -1;
  self->state = BOS_SYNC_STATE_OFF;
}

/**
 * bos_sync_controller_new:
 * @settings: the application's settings (sync-server-url, sync-database,
 *   sync-user)
 *
 * Returns: (transfer full): a controller that syncs @store
 */
BosSyncController *
bos_sync_controller_new (BosStore  *store,
                         GSettings *settings)
{
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (BOS_TYPE_SYNC_CONTROLLER, "store", store, "settings", settings, NULL);
}

BosStore *
bos_sync_controller_get_store (BosSyncController *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONTROLLER (self), NULL);
  return self->store;
}

GSettings *
bos_sync_controller_get_settings (BosSyncController *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONTROLLER (self), NULL);
  return self->settings;
}

BosSyncState
bos_sync_controller_get_state (BosSyncController *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONTROLLER (self), BOS_SYNC_STATE_OFF);
  return self->state;
}

const char *
bos_sync_controller_get_message (BosSyncController *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONTROLLER (self), NULL);
  return self->message;
}

/**
 * bos_sync_controller_get_progress:
 *
 * Returns: the progress of the running sync from 0 to 1, or -1
 */
double
bos_sync_controller_get_progress (BosSyncController *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONTROLLER (self), -1);
  return self->progress;
}

guint
bos_sync_controller_get_n_conflicts (BosSyncController *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_CONTROLLER (self), 0);
  return self->n_conflicts;
}

/**
 * bos_sync_controller_set_password:
 *
 * The password the planner just typed (also stored in the keyring by the
 * preferences); kept in memory for the next syncs.
 */
void
bos_sync_controller_set_password (BosSyncController *self,
                                  const char        *password)
{
  g_return_if_fail (BOS_IS_SYNC_CONTROLLER (self));

  bos_sync_secure_free (self->password);
  self->password = (password && *password) ? g_strdup (password) : NULL;
  if (self->state == BOS_SYNC_STATE_PASSWORD && !self->running)
    set_status (self, BOS_SYNC_STATE_SYNCED, _("Shared; not synced yet"));
}

/**
 * bos_sync_controller_set_interval:
 * @seconds: between automatic syncs; 0 for none
 */
void
bos_sync_controller_set_interval (BosSyncController *self,
                                  guint              seconds)
{
  g_return_if_fail (BOS_IS_SYNC_CONTROLLER (self));

  self->interval = seconds;
  schedule (self);
}
