/* bos-figures.c: settlement figures per year, for tables and charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A municipality of today can have figures under several former codes in
 * one year: known, suppressed (IMDi does not publish 4 or fewer) or
 * missing (the code did not exist). They combine as the totals of
 * bos-history.h do, so the detail of one municipality says what the
 * tables say: OK when a figure is known and none is suppressed, PARTIAL
 * when some are suppressed (the sum is a lower bound), SUPPRESSED when
 * only suppressed ones are there, MISSING otherwise. Missing is never 0.
 */
#define G_LOG_DOMAIN "bos-figures"

#include "config.h"

#include <math.h>

#include "bos-figures.h"

/**
 * bos_figures_is_known:
 *
 * Returns: whether @total has a number to show (OK or PARTIAL)
 */
gboolean
bos_figures_is_known (const BosHistoryTotal *total)
{
  return total != NULL &&
         (total->status == BOS_HISTORY_TOTAL_OK || total->status == BOS_HISTORY_TOTAL_PARTIAL);
}

/* Missing < suppressed (as if 1–4) < known, by persons. */
static double
sort_key (const BosHistoryTotal *total)
{
  if (total == NULL)
    return -1.0;
  switch (total->status)
    {
    case BOS_HISTORY_TOTAL_OK:
    case BOS_HISTORY_TOTAL_PARTIAL:
      return (double) total->persons;
    case BOS_HISTORY_TOTAL_SUPPRESSED:
      return 2.5;
    case BOS_HISTORY_TOTAL_MISSING:
    default:
      return -1.0;
    }
}

/**
 * bos_figures_compare:
 *
 * Orders totals numerically: missing first, then suppressed ones as if
 * they were between 1 and 4, then known ones by number.
 *
 * Returns: negative, zero or positive like strcmp()
 */
int
bos_figures_compare (const BosHistoryTotal *a,
                     const BosHistoryTotal *b)
{
  double ka = sort_key (a);
  double kb = sort_key (b);

  return (ka > kb) - (ka < kb);
}

/**
 * bos_figures_ratio:
 *
 * Returns: @decisions / @requests when both are OK and the request is
 *   not 0, else NAN
 */
double
bos_figures_ratio (const BosHistoryTotal *requests,
                   const BosHistoryTotal *decisions)
{
  g_return_val_if_fail (requests != NULL && decisions != NULL, NAN);

  if (requests->status != BOS_HISTORY_TOTAL_OK || decisions->status != BOS_HISTORY_TOTAL_OK ||
      requests->persons <= 0)
    return NAN;
  return (double) decisions->persons / (double) requests->persons;
}

typedef struct
{
  gint64 persons;
  guint  n_ok;
  guint  n_suppressed;
} Cell;

static int
compare_year (gconstpointer a,
              gconstpointer b)
{
  const BosYearFigures *ya = a;
  const BosYearFigures *yb = b;

  return (ya->year > yb->year) - (ya->year < yb->year);
}

/**
 * bos_figures_from_history:
 * @entries: a #GArray of #BosHistoryEntry from
 *   bos_history_for_municipality()
 *
 * Totals a municipality's history per year and kind.
 *
 * Returns: (transfer full): a #GArray of #BosYearFigures, oldest year
 *   first, one element for every year that has at least one entry
 */
GArray *
bos_figures_from_history (GArray *entries)
{
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  GArray *years = g_array_new (FALSE, FALSE, sizeof (BosYearFigures));

  g_return_val_if_fail (entries != NULL, years);

  for (guint i = 0; i < entries->len; i++)
    {
      const BosHistoryEntry *entry = &g_array_index (entries, BosHistoryEntry, i);
      gpointer slot;
      guint at;
      Cell *cell;

      if ((guint) entry->kind >= BOS_HISTORY_N_KINDS)
        continue;

      if (!g_hash_table_lookup_extended (index, GINT_TO_POINTER (entry->year), NULL, &slot))
        {
          BosYearFigures fresh = { .year = entry->year };

          g_array_append_val (years, fresh);
          g_array_set_size (cells, years->len * BOS_HISTORY_N_KINDS);
          slot = GUINT_TO_POINTER (years->len);
          g_hash_table_insert (index, GINT_TO_POINTER (entry->year), slot);
        }
      at = GPOINTER_TO_UINT (slot) - 1;
      cell = &g_array_index (cells, Cell, at * BOS_HISTORY_N_KINDS + entry->kind);
      if (entry->status == BOS_HISTORY_OK)
        {
          cell->persons += entry->persons;
          cell->n_ok++;
        }
      else if (entry->status == BOS_HISTORY_SUPPRESSED)
        cell->n_suppressed++;
    }

  for (guint y = 0; y < years->len; y++)
    for (guint k = 0; k < BOS_HISTORY_N_KINDS; k++)
      {
        const Cell *cell = &g_array_index (cells, Cell, y * BOS_HISTORY_N_KINDS + k);
        BosHistoryTotal *total = &g_array_index (years, BosYearFigures, y).totals[k];

        total->persons = cell->persons;
        total->n_parts = 1;
        if (cell->n_ok > 0)
          total->status = cell->n_suppressed > 0 ? BOS_HISTORY_TOTAL_PARTIAL : BOS_HISTORY_TOTAL_OK;
        else
          total->status = cell->n_suppressed > 0 ? BOS_HISTORY_TOTAL_SUPPRESSED
                                                 : BOS_HISTORY_TOTAL_MISSING;
      }

  g_array_sort (years, compare_year);
  return years;
}

/**
 * bos_figures_has_kind:
 * @years: a #GArray of #BosYearFigures
 *
 * Returns: whether any year has a known or suppressed figure of @kind
 */
gboolean
bos_figures_has_kind (GArray         *years,
                      BosHistoryKind  kind)
{
  g_return_val_if_fail (years != NULL, FALSE);
  g_return_val_if_fail ((guint) kind < BOS_HISTORY_N_KINDS, FALSE);

  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, BosYearFigures, i).totals[kind].status != BOS_HISTORY_TOTAL_MISSING)
      return TRUE;
  return FALSE;
}
