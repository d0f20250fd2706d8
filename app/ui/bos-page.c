/* bos-page.c: what the window needs from the page of an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows one page per area of the app (overview, municipalities,
 * and later calendar, distribution, meetings, letters, decisions). A page
 * is any widget that implements BosPage: the window creates it with the
 * store and keeps its "plan" property bound to the open plan, so adding
 * an area is one line in the window's table of pages.
 */
#define G_LOG_DOMAIN "bos-page"

#include "config.h"

#include "bos-page.h"
#include "bos-window.h"

G_DEFINE_INTERFACE (BosPage, bos_page, GTK_TYPE_WIDGET)

static void
bos_page_default_init (BosPageInterface *iface)
{
  g_object_interface_install_property (iface,
                                       g_param_spec_object ("store", NULL, NULL,
                                                            BOS_TYPE_STORE,
                                                            G_PARAM_READWRITE |
                                                            G_PARAM_CONSTRUCT_ONLY |
                                                            G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
                                       g_param_spec_object ("plan", NULL, NULL,
                                                            BOS_TYPE_PLAN,
                                                            G_PARAM_READWRITE |
                                                            G_PARAM_EXPLICIT_NOTIFY |
                                                            G_PARAM_STATIC_STRINGS));
}

/**
 * bos_page_install_properties:
 *
 * Overrides the interface's "store" and "plan" properties in a page class
 * with the given property ids.
 */
void
bos_page_install_properties (GObjectClass *object_class,
                             guint         store_prop_id,
                             guint         plan_prop_id)
{
  g_object_class_override_property (object_class, store_prop_id, "store");
  g_object_class_override_property (object_class, plan_prop_id, "plan");
}

/**
 * bos_page_get_parent_window:
 *
 * Returns: (transfer none) (nullable): the window the page is in, for the
 *   dialogs it opens; %NULL while it is in none
 */
GtkWindow *
bos_page_get_parent_window (BosPage *self)
{
  GtkRoot *root;

  g_return_val_if_fail (BOS_IS_PAGE (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * bos_page_show_toast:
 * @message: what to tell the planner
 *
 * Shows @message in a toast of the main window the page is in.
 *
 * Returns: whether the page is in a main window (and the toast shown)
 */
gboolean
bos_page_show_toast (BosPage    *self,
                     const char *message)
{
  GtkRoot *root;

  g_return_val_if_fail (BOS_IS_PAGE (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (!BOS_IS_WINDOW (root))
    return FALSE;
  bos_window_show_toast (BOS_WINDOW (root), message);
  return TRUE;
}
