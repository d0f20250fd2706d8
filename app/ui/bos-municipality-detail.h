/* bos-municipality-detail.h: one municipality's figures and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-audit-view.h"
#include "bos-history-chart.h"
#include "bos-municipality.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_MUNICIPALITY_DETAIL (bos_municipality_detail_get_type ())
G_DECLARE_FINAL_TYPE (BosMunicipalityDetail, bos_municipality_detail, BOS, MUNICIPALITY_DETAIL, GtkWidget)

void             bos_municipality_detail_set_store        (BosMunicipalityDetail  *self,
                                                           BosStore               *store);
gboolean         bos_municipality_detail_show             (BosMunicipalityDetail  *self,
                                                           const char             *code,
                                                           GError                **error);
BosMunicipality *bos_municipality_detail_get_municipality (BosMunicipalityDetail  *self);
BosHistoryChart *bos_municipality_detail_get_chart        (BosMunicipalityDetail  *self);
const char      *bos_municipality_detail_get_title        (BosMunicipalityDetail  *self);
GListModel      *bos_municipality_detail_get_years        (BosMunicipalityDetail  *self);
BosAuditView    *bos_municipality_detail_get_audit_view   (BosMunicipalityDetail  *self);

G_END_DECLS
