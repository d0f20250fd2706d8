/* bos-figures.h: settlement figures per year, summed over source codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-history.h"

G_BEGIN_DECLS

/* One kind of figure (request, decision, …) for one year, summed over the
 * codes it was recorded under. */
typedef struct
{
  gint64           persons;       /* sum of the known parts */
  BosHistoryStatus status;        /* OK when at least one part is known,
                                   * SUPPRESSED when none is known but some
                                   * are suppressed, MISSING otherwise */
  guint            n_suppressed;  /* parts that are suppressed (4 or fewer each) */
} BosFigure;

typedef struct
{
  int       year;
  BosFigure figures[BOS_HISTORY_N_KINDS];
} BosYearFigures;

void        bos_figure_init            (BosFigure         *figure);
void        bos_figure_add             (BosFigure         *figure,
                                        BosHistoryStatus   status,
                                        gint64             persons);
void        bos_figure_add_figure      (BosFigure         *figure,
                                        const BosFigure   *other);
gboolean    bos_figure_is_known        (const BosFigure   *figure);
int         bos_figure_compare         (const BosFigure   *a,
                                        const BosFigure   *b);

GArray     *bos_year_figures_from_history (GArray         *entries);
gboolean    bos_year_figures_has_kind     (GArray         *years,
                                           BosHistoryKind  kind);

double      bos_acceptance_ratio       (const BosFigure   *requests,
                                        const BosFigure   *decisions,
                                        guint              n_years);

G_END_DECLS
