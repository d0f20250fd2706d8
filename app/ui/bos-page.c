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
