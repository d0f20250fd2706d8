/* bos-figures.c: settlement figures per year, summed over source codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A municipality of today can have figures under several former codes in
 * one year, some known, some suppressed (IMDi does not publish 4 or
 * fewer), some missing (the code did not exist). A sum is known when one
 * part is known; suppressed parts are counted so views can say the sum may
 * be a few persons higher. A missing figure is never a zero.
 */
#define G_LOG_DOMAIN "bos-figures"

#include "config.h"

#include <math.h>

#include "bos-figures.h"

void
bos_figure_init (BosFigure *figure)
{
  g_return_if_fail (figure != NULL);

  figure->persons = 0;
  figure->status = BOS_HISTORY_MISSING;
  figure->n_suppressed = 0;
}

/**
 * bos_figure_add:
 *
 * Adds one recorded part to @figure.
 */
void
bos_figure_add (BosFigure        *figure,
                BosHistoryStatus  status,
                gint64            persons)
{
  g_return_if_fail (figure != NULL);

  switch (status)
    {
    case BOS_HISTORY_OK:
      figure->persons += persons;
      figure->status = BOS_HISTORY_OK;
      break;
    case BOS_HISTORY_SUPPRESSED:
      figure->n_suppressed++;
      if (figure->status == BOS_HISTORY_MISSING)
        figure->status = BOS_HISTORY_SUPPRESSED;
      break;
    case BOS_HISTORY_MISSING:
    default:
      break;
    }
}

/**
 * bos_figure_add_figure:
 *
 * Adds a sum to @figure, e.g. a municipality's to its county's.
 */
void
bos_figure_add_figure (BosFigure       *figure,
                       const BosFigure *other)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (other != NULL);

  if (other->status == BOS_HISTORY_OK)
    {
      figure->persons += other->persons;
      figure->status = BOS_HISTORY_OK;
    }
  else if (other->status == BOS_HISTORY_SUPPRESSED && figure->status == BOS_HISTORY_MISSING)
    figure->status = BOS_HISTORY_SUPPRESSED;
  figure->n_suppressed += other->n_suppressed;
}

gboolean
bos_figure_is_known (const BosFigure *figure)
{
  return figure != NULL && figure->status == BOS_HISTORY_OK;
}

/* Missing < suppressed (4 or fewer) < known, then by persons. */
static double
figure_sort_key (const BosFigure *figure)
{
  switch (figure->status)
    {
    case BOS_HISTORY_OK:
      return (double) figure->persons;
    case BOS_HISTORY_SUPPRESSED:
      return 2.5;
    case BOS_HISTORY_MISSING:
    default:
      return -1.0;
    }
}

/**
 * bos_figure_compare:
 *
 * Orders figures numerically: missing first, then suppressed figures as
 * if they were between 1 and 4, then known figures by number.
 *
 * Returns: negative, zero or positive like strcmp()
 */
int
bos_figure_compare (const BosFigure *a,
                    const BosFigure *b)
{
  double ka = figure_sort_key (a);
  double kb = figure_sort_key (b);

  return (ka > kb) - (ka < kb);
}

static int
compare_year (gconstpointer a,
              gconstpointer b)
{
  const BosYearFigures *ya = a;
  const BosYearFigures *yb = b;

  return (ya->year > yb->year) - (ya->year < yb->year);
}

/**
 * bos_year_figures_from_history:
 * @entries: a #GArray of #BosHistoryEntry
 *
 * Sums a municipality's history per year and kind.
 *
 * Returns: (transfer full): a #GArray of #BosYearFigures, oldest year
 *   first, one element for every year that has at least one entry
 */
GArray *
bos_year_figures_from_history (GArray *entries)
{
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  GArray *years = g_array_new (FALSE, FALSE, sizeof (BosYearFigures));

  g_return_val_if_fail (entries != NULL, years);

  for (guint i = 0; i < entries->len; i++)
    {
      const BosHistoryEntry *entry = &g_array_index (entries, BosHistoryEntry, i);
      gpointer slot;
      BosYearFigures *year;

      if ((guint) entry->kind >= BOS_HISTORY_N_KINDS)
        continue;

      if (!g_hash_table_lookup_extended (index, GINT_TO_POINTER (entry->year), NULL, &slot))
        {
          BosYearFigures fresh = { .year = entry->year };

          for (guint k = 0; k < BOS_HISTORY_N_KINDS; k++)
            bos_figure_init (&fresh.figures[k]);
          g_array_append_val (years, fresh);
          slot = GUINT_TO_POINTER (years->len);
          g_hash_table_insert (index, GINT_TO_POINTER (entry->year), slot);
        }
      year = &g_array_index (years, BosYearFigures, GPOINTER_TO_UINT (slot) - 1);
      bos_figure_add (&year->figures[entry->kind], entry->status, entry->persons);
    }

  g_array_sort (years, compare_year);
  return years;
}

/**
 * bos_year_figures_has_kind:
 *
 * Returns: whether any year has a known or suppressed figure of @kind
 */
gboolean
bos_year_figures_has_kind (GArray         *years,
                           BosHistoryKind  kind)
{
  g_return_val_if_fail (years != NULL, FALSE);
  g_return_val_if_fail ((guint) kind < BOS_HISTORY_N_KINDS, FALSE);

  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, BosYearFigures, i).figures[kind].status != BOS_HISTORY_MISSING)
      return TRUE;
  return FALSE;
}

/**
 * bos_acceptance_ratio:
 * @requests: @n_years request figures
 * @decisions: @n_years decision figures, the same years
 *
 * The share of the requests that municipalities decided to settle, over
 * the years in which both the request and the decision are known.
 *
 * Returns: decisions / requests, or NAN when no year has both or the
 *   requests add up to zero
 */
double
bos_acceptance_ratio (const BosFigure *requests,
                      const BosFigure *decisions,
                      guint            n_years)
{
  gint64 requested = 0;
  gint64 decided = 0;

  g_return_val_if_fail (n_years == 0 || (requests != NULL && decisions != NULL), NAN);

  for (guint i = 0; i < n_years; i++)
    {
      if (!bos_figure_is_known (&requests[i]) || !bos_figure_is_known (&decisions[i]))
        continue;
      requested += requests[i].persons;
      decided += decisions[i].persons;
    }
  if (requested <= 0)
    return NAN;
  return (double) decided / (double) requested;
}
