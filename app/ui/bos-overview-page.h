/* bos-overview-page.h: the open plan and the counties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BOS_TYPE_OVERVIEW_PAGE (bos_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (BosOverviewPage, bos_overview_page, BOS, OVERVIEW_PAGE, GtkWidget)

GListModel *bos_overview_page_get_counties (BosOverviewPage *self);

G_END_DECLS
