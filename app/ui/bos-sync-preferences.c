/* bos-sync-preferences.c: the sharing settings (server, database, user,
 * password in the keyring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server, database and user go to GSettings when applied; the address
 * must be https:// unless it is this computer (bos_sync_http_check_url()).
 * The password goes to the login keyring (libsecret) and to the sync
 * controller's memory, never to GSettings or the database; the row is
 * emptied once it is stored.
 */
#define G_LOG_DOMAIN "bos-sync-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-sync-http.h"
#include "bos-sync-preferences.h"
#include "bos-sync-secret.h"

struct _BosSyncPreferences
{
  AdwPreferencesWindow  parent_instance;

  BosSyncController    *controller;

  /* template children */
  AdwEntryRow          *url_row;
  AdwEntryRow          *database_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  AdwActionRow         *status_row;
  GtkButton            *sync_button;
};

G_DEFINE_FINAL_TYPE (BosSyncPreferences, bos_sync_preferences, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GSettings *
settings (BosSyncPreferences *self)
{
  return bos_sync_controller_get_settings (self->controller);
}

static void
toast (BosSyncPreferences *self,
       const char         *message)
{
  AdwToast *item = adw_toast_new (message);

  adw_toast_set_timeout (item, 8);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), item);
}

static void
update_status (BosSyncPreferences *self)
{
  const char *message = bos_sync_controller_get_message (self->controller);
  BosSyncState state = bos_sync_controller_get_state (self->controller);

  adw_action_row_set_subtitle (self->status_row, message ? message : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button),
                            state != BOS_SYNC_STATE_SYNCING && state != BOS_SYNC_STATE_OFF);
}

static void
controller_notify_cb (BosSyncPreferences *self,
                      GParamSpec         *pspec,
                      BosSyncController  *controller)
{
  update_status (self);
}

/**
 * bos_sync_preferences_apply_server:
 * @url: what the planner typed; "" stops sharing
 *
 * Checks and stores the server address.
 */
gboolean
bos_sync_preferences_apply_server (BosSyncPreferences  *self,
                                   const char          *url,
                                   GError             **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (BOS_IS_SYNC_PREFERENCES (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (url));
  if (*trimmed != '\0')
    {
      normalized = bos_sync_http_check_url (trimmed, error);
      if (normalized == NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
          return FALSE;
        }
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  g_settings_set_string (settings (self), "sync-server-url", normalized ? normalized : "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), normalized ? normalized : "");
  return TRUE;
}

static void
url_apply_cb (BosSyncPreferences *self,
              AdwEntryRow        *row)
{
  g_autoptr(GError) error = NULL;

  if (!bos_sync_preferences_apply_server (self, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    toast (self, error->message);
}

static void
url_changed_cb (BosSyncPreferences *self,
                AdwEntryRow        *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
database_apply_cb (BosSyncPreferences *self,
                   AdwEntryRow        *row)
{
  g_autofree char *database = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  g_settings_set_string (settings (self), "sync-database", database);
}

static void
user_apply_cb (BosSyncPreferences *self,
               AdwEntryRow        *row)
{
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  g_settings_set_string (settings (self), "sync-user", user);
}

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BosSyncPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (bos_sync_secret_store_finish (result, &error))
    toast (self, _("The password is saved in the login keyring"));
  else
    {
      g_autofree char *message = g_strdup_printf (_("The password could not be saved in the keyring (%s); "
                                                    "it is used until Bosetting closes"),
                                                  error->message);
      toast (self, message);
    }
}

static void
password_apply_cb (BosSyncPreferences *self,
                   AdwEntryRow        *row)
{
  g_autofree char *url = g_settings_get_string (settings (self), "sync-server-url");
  g_autofree char *user = g_settings_get_string (settings (self), "sync-user");
  const char *password = gtk_editable_get_text (GTK_EDITABLE (row));

  if (*url == '\0' || *user == '\0')
    {
      toast (self, _("Set the server address and the user name first"));
      return;
    }
  bos_sync_controller_set_password (self->controller, password);
  bos_sync_secret_store_async (url, user, password, NULL, store_done_cb, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
sync_clicked_cb (BosSyncPreferences *self,
                 GtkButton          *button)
{
  bos_sync_controller_sync (self->controller);
}

static void
bos_sync_preferences_constructed (GObject *object)
{
  BosSyncPreferences *self = (BosSyncPreferences *) object;
  g_autofree char *url = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;

  G_OBJECT_CLASS (bos_sync_preferences_parent_class)->constructed (object);

  g_assert (BOS_IS_SYNC_CONTROLLER (self->controller));
  url = g_settings_get_string (settings (self), "sync-server-url");
  database = g_settings_get_string (settings (self), "sync-database");
  user = g_settings_get_string (settings (self), "sync-user");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  g_signal_connect_object (self->controller, "notify", G_CALLBACK (controller_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
}

static void
bos_sync_preferences_dispose (GObject *object)
{
  BosSyncPreferences *self = (BosSyncPreferences *) object;

  /* The pages belong to AdwPreferencesWindow, which disposes them. */
  g_clear_object (&self->controller);

  G_OBJECT_CLASS (bos_sync_preferences_parent_class)->dispose (object);
}

static void
bos_sync_preferences_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BosSyncPreferences *self = BOS_SYNC_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_sync_preferences_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BosSyncPreferences *self = BOS_SYNC_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      self->controller = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_sync_preferences_class_init (BosSyncPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_sync_preferences_constructed;
  object_class->dispose = bos_sync_preferences_dispose;
  object_class->get_property = bos_sync_preferences_get_property;
  object_class->set_property = bos_sync_preferences_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, BOS_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-sync-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, BosSyncPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, BosSyncPreferences, database_row);
  gtk_widget_class_bind_template_child (widget_class, BosSyncPreferences, user_row);
  gtk_widget_class_bind_template_child (widget_class, BosSyncPreferences, password_row);
  gtk_widget_class_bind_template_child (widget_class, BosSyncPreferences, status_row);
  gtk_widget_class_bind_template_child (widget_class, BosSyncPreferences, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, database_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_clicked_cb);
}

static void
bos_sync_preferences_init (BosSyncPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bos_sync_preferences_new:
 *
 * Returns: (transfer none): the sharing settings of @parent's controller
 */
BosSyncPreferences *
bos_sync_preferences_new (GtkWindow         *parent,
                          BosSyncController *controller)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOS_IS_SYNC_CONTROLLER (controller), NULL);

  return g_object_new (BOS_TYPE_SYNC_PREFERENCES,
                       "transient-for", parent,
                       "controller", controller,
                       NULL);
}
