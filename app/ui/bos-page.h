/* bos-page.h: what the window needs from the page of an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-plan.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_PAGE (bos_page_get_type ())
G_DECLARE_INTERFACE (BosPage, bos_page, BOS, PAGE, GtkWidget)

/* Every page has two properties the window sets: "store" (BosStore,
 * construct-only) and "plan" (BosPlan or NULL, the open plan). */
struct _BosPageInterface
{
  GTypeInterface parent_iface;
};

void       bos_page_install_properties (GObjectClass *object_class,
                                        guint         store_prop_id,
                                        guint         plan_prop_id);
GtkWindow *bos_page_get_parent_window  (BosPage      *self);
gboolean   bos_page_show_toast         (BosPage      *self,
                                        const char   *message);

G_END_DECLS
