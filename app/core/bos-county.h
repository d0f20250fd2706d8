/* bos-county.h: a county with the sums of its municipalities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-figures.h"

G_BEGIN_DECLS

#define BOS_TYPE_COUNTY (bos_county_get_type ())
G_DECLARE_FINAL_TYPE (BosCounty, bos_county, BOS, COUNTY, GObject)

const char      *bos_county_get_code             (BosCounty      *self);
const char      *bos_county_get_name             (BosCounty      *self);
guint            bos_county_get_n_municipalities (BosCounty      *self);
gint64           bos_county_get_population       (BosCounty      *self);
double           bos_county_get_acceptance_ratio (BosCounty      *self);
guint            bos_county_get_n_years          (BosCounty      *self);
int              bos_county_get_year             (BosCounty      *self,
                                                  guint           year_index);
const BosHistoryTotal *bos_county_get_figure     (BosCounty      *self,
                                                  guint           year_index,
                                                  BosHistoryKind  kind);

GListModel      *bos_county_list_from_municipalities (GListModel *municipalities,
                                                      guint       n_years);

G_END_DECLS
