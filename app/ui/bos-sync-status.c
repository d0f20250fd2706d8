/* bos-sync-status.c: the sync status button of the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An icon that says how sharing stands (synced, offline, syncing, n
 * conflicts, an error, a password to enter) and a popover with the reason
 * in words, the progress, and Sync Now / Resolve Conflicts / Sharing
 * Settings (win.sync-now, win.show-conflicts, win.sync-preferences).
 */
#define G_LOG_DOMAIN "bos-sync-status"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-sync-status.h"

struct _BosSyncStatus
{
  AdwBin             parent_instance;

  BosSyncController *controller;
  const char        *icon_name;
  char              *label;

  /* template children */
  GtkMenuButton     *button;
  GtkLabel          *title_label;
  GtkLabel          *message_label;
  GtkProgressBar    *progress_bar;
  GtkButton         *sync_button;
  GtkButton         *conflicts_button;
};

G_DEFINE_FINAL_TYPE (BosSyncStatus, bos_sync_status, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (BosSyncStatus *self)
{
  BosSyncState state = BOS_SYNC_STATE_OFF;
  const char *message = NULL;
  double progress = -1;
  guint n_conflicts = 0;

  if (self->controller != NULL)
    {
      state = bos_sync_controller_get_state (self->controller);
      message = bos_sync_controller_get_message (self->controller);
      progress = bos_sync_controller_get_progress (self->controller);
      n_conflicts = bos_sync_controller_get_n_conflicts (self->controller);
    }

  g_clear_pointer (&self->label, g_free);
  switch (state)
    {
    case BOS_SYNC_STATE_SYNCED:
      self->icon_name = "emblem-ok-symbolic";
      self->label = g_strdup (_("In Sync"));
      break;
    case BOS_SYNC_STATE_SYNCING:
      self->icon_name = "emblem-synchronizing-symbolic";
      self->label = g_strdup (_("Syncing"));
      break;
    case BOS_SYNC_STATE_OFFLINE:
      self->icon_name = "network-offline-symbolic";
      self->label = g_strdup (_("Offline"));
      break;
    case BOS_SYNC_STATE_CONFLICTS:
      self->icon_name = "dialog-warning-symbolic";
      self->label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Conflict", "%u Conflicts", n_conflicts),
                                     n_conflicts);
      break;
    case BOS_SYNC_STATE_ERROR:
      self->icon_name = "dialog-error-symbolic";
      self->label = g_strdup (_("Sync Failed"));
      break;
    case BOS_SYNC_STATE_PASSWORD:
      self->icon_name = "dialog-password-symbolic";
      self->label = g_strdup (_("Password Needed"));
      break;
    case BOS_SYNC_STATE_OFF:
    default:
      self->icon_name = "emblem-shared-symbolic";
      self->label = g_strdup (_("Not Shared"));
      break;
    }

  gtk_menu_button_set_icon_name (self->button, self->icon_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->label);
  gtk_label_set_label (self->title_label, self->label);
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), state == BOS_SYNC_STATE_SYNCING);
  if (progress >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, progress);
  else if (state == BOS_SYNC_STATE_SYNCING)
    gtk_progress_bar_pulse (self->progress_bar);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), n_conflicts > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button),
                            state != BOS_SYNC_STATE_SYNCING && state != BOS_SYNC_STATE_OFF);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->label, -1);
}

static void
controller_notify_cb (BosSyncStatus *self,
                      GParamSpec    *pspec,
                      GObject       *controller)
{
  update (self);
}

static void
bos_sync_status_dispose (GObject *object)
{
  BosSyncStatus *self = (BosSyncStatus *) object;

  /* AdwBin disposes its child, the template's button */
  bos_sync_status_set_controller (self, NULL);

  G_OBJECT_CLASS (bos_sync_status_parent_class)->dispose (object);
}

static void
bos_sync_status_finalize (GObject *object)
{
  BosSyncStatus *self = (BosSyncStatus *) object;

  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (bos_sync_status_parent_class)->finalize (object);
}

static void
bos_sync_status_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BosSyncStatus *self = BOS_SYNC_STATUS (object);

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
bos_sync_status_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BosSyncStatus *self = BOS_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      bos_sync_status_set_controller (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_sync_status_class_init (BosSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bos_sync_status_dispose;
  object_class->finalize = bos_sync_status_finalize;
  object_class->get_property = bos_sync_status_get_property;
  object_class->set_property = bos_sync_status_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, BOS_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, BosSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, BosSyncStatus, title_label);
  gtk_widget_class_bind_template_child (widget_class, BosSyncStatus, message_label);
  gtk_widget_class_bind_template_child (widget_class, BosSyncStatus, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BosSyncStatus, sync_button);
  gtk_widget_class_bind_template_child (widget_class, BosSyncStatus, conflicts_button);
}

static void
bos_sync_status_init (BosSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

BosSyncController *
bos_sync_status_get_controller (BosSyncStatus *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_STATUS (self), NULL);
  return self->controller;
}

void
bos_sync_status_set_controller (BosSyncStatus     *self,
                                BosSyncController *controller)
{
  g_return_if_fail (BOS_IS_SYNC_STATUS (self));
  g_return_if_fail (controller == NULL || BOS_IS_SYNC_CONTROLLER (controller));

  if (self->controller == controller)
    return;
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, controller_notify_cb, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    g_signal_connect_object (controller, "notify", G_CALLBACK (controller_notify_cb), self,
                             G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
}

/**
 * bos_sync_status_get_icon_name:
 *
 * Returns: the icon shown for the current state
 */
const char *
bos_sync_status_get_icon_name (BosSyncStatus *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_STATUS (self), NULL);
  return self->icon_name;
}

/**
 * bos_sync_status_get_label:
 *
 * Returns: the short status ("In Sync", "2 Conflicts", …)
 */
const char *
bos_sync_status_get_label (BosSyncStatus *self)
{
  g_return_val_if_fail (BOS_IS_SYNC_STATUS (self), NULL);
  return self->label;
}
