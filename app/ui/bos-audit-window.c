/* bos-audit-window.c: the Change History window of a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change to the plan's numbers (locks, limits, agreed numbers,
 * decisions, the settlement need), newest first, with who made it, when
 * and why, filterable by municipality (BosAuditView). Opened from the main
 * menu and the distribution page (win.show-audit); it follows the plan
 * open in the main window.
 */
#define G_LOG_DOMAIN "bos-audit-window"

#include "config.h"

#include "bos-audit-window.h"

struct _BosAuditWindow
{
  AdwWindow       parent_instance;

  /* template children */
  AdwWindowTitle *window_title;
  BosAuditView   *view;
};

G_DEFINE_FINAL_TYPE (BosAuditWindow, bos_audit_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bos_audit_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_AUDIT_WINDOW);

  G_OBJECT_CLASS (bos_audit_window_parent_class)->dispose (object);
}

static void
bos_audit_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BosAuditWindow *self = BOS_AUDIT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->view ? bos_audit_view_get_plan (self->view) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_audit_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BosAuditWindow *self = BOS_AUDIT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      bos_audit_window_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_audit_window_class_init (BosAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bos_audit_window_dispose;
  object_class->get_property = bos_audit_window_get_property;
  object_class->set_property = bos_audit_window_set_property;

  /* The plan whose changes are shown */
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, BOS_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BOS_TYPE_AUDIT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BosAuditWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BosAuditWindow, view);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bos_audit_window_init (BosAuditWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bos_audit_window_new:
 *
 * Returns: (transfer none): a new window (it owns itself); give it a plan
 *   with bos_audit_window_set_plan()
 */
BosAuditWindow *
bos_audit_window_new (GtkWindow *parent,
                      BosStore  *store)
{
  BosAuditWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  self = g_object_new (BOS_TYPE_AUDIT_WINDOW, "transient-for", parent, NULL);
  bos_audit_view_set_store (self->view, store);
  return self;
}

void
bos_audit_window_set_plan (BosAuditWindow *self,
                           BosPlan        *plan)
{
  g_autofree char *title = NULL;

  g_return_if_fail (BOS_IS_AUDIT_WINDOW (self));
  g_return_if_fail (plan == NULL || BOS_IS_PLAN (plan));

  /* Disposed: the window is going away. */
  if (self->view == NULL || bos_audit_view_get_plan (self->view) == plan)
    return;

  bos_audit_view_set_plan (self->view, plan);
  title = plan != NULL ? bos_plan_dup_title (plan) : NULL;
  adw_window_title_set_subtitle (self->window_title, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * bos_audit_window_get_view:
 *
 * Returns: (transfer none): the table of changes
 */
BosAuditView *
bos_audit_window_get_view (BosAuditWindow *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_WINDOW (self), NULL);
  return self->view;
}
