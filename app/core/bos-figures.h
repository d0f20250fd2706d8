/* bos-figures.h: settlement figures per year, for tables and charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-history.h"

G_BEGIN_DECLS

/* One year's totals of a municipality, one per kind. */
typedef struct
{
  int             year;
  BosHistoryTotal totals[BOS_HISTORY_N_KINDS];
} BosYearFigures;

gboolean  bos_figures_is_known      (const BosHistoryTotal *total);
int       bos_figures_compare       (const BosHistoryTotal *a,
                                     const BosHistoryTotal *b);
double    bos_figures_ratio         (const BosHistoryTotal *requests,
                                     const BosHistoryTotal *decisions);

GArray   *bos_figures_from_history  (GArray                *entries);
gboolean  bos_figures_has_kind      (GArray                *years,
                                     BosHistoryKind         kind);

G_END_DECLS
