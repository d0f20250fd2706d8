/* bos-municipality-page.h: the table of all municipalities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BOS_TYPE_MUNICIPALITY_PAGE (bos_municipality_page_get_type ())
G_DECLARE_FINAL_TYPE (BosMunicipalityPage, bos_municipality_page, BOS, MUNICIPALITY_PAGE, GtkWidget)

GListModel     *bos_municipality_page_get_model        (BosMunicipalityPage *self);
GtkEditable    *bos_municipality_page_get_search_entry (BosMunicipalityPage *self);
GtkColumnView  *bos_municipality_page_get_column_view  (BosMunicipalityPage *self);
gboolean        bos_municipality_page_set_county       (BosMunicipalityPage *self,
                                                        const char          *county_code);
void            bos_municipality_page_focus_search     (BosMunicipalityPage *self);

G_END_DECLS
