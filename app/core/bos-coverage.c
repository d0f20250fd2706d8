/* bos-coverage.c: how much of the need the municipalities' decisions cover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bos-coverage"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bos-coverage.h"

const char *
bos_answer_status_to_string (BosAnswerStatus status)
{
  switch (status)
    {
    case BOS_ANSWER_NOT_REQUESTED:
      return "not_requested";
    case BOS_ANSWER_OUTSTANDING:
      return "outstanding";
    case BOS_ANSWER_OVERDUE:
      return "overdue";
    case BOS_ANSWER_DECIDED:
      return "decided";
    case BOS_ANSWER_DECIDED_LATE:
      return "decided_late";
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp (((const BosCoverageRow *) a)->code, ((const BosCoverageRow *) b)->code);
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const BosCoverageTotals *) a)->county_code,
                 ((const BosCoverageTotals *) b)->county_code);
}

static void
totals_add (BosCoverageTotals    *totals,
            const BosCoverageRow *row)
{
  totals->request += row->request;
  totals->request_minors += row->request_minors;
  totals->decided += row->decided;
  totals->decided_minors += row->decided_minors;
  if (row->request > 0)
    totals->n_requested++;
  if (row->has_decision)
    {
      totals->n_decided++;
      totals->gap += row->request - row->decided;
    }
  if (row->status == BOS_ANSWER_OUTSTANDING || row->status == BOS_ANSWER_OVERDUE)
    totals->n_outstanding++;
  if (row->status == BOS_ANSWER_OVERDUE)
    totals->n_overdue++;
  if (row->status == BOS_ANSWER_DECIDED_LATE)
    totals->n_late++;
}

/**
 * bos_coverage_compute:
 * @requests: (element-type BosRequest): the plan's requests
 * @decisions: (array length=n_decisions): the decisions registered
 * @need: the settlement need the decisions should cover
 * @deadline: (nullable): the answer deadline (the last day to answer)
 * @today: the date that decides whether the deadline has passed
 *
 * A municipality's answer is overdue when it has a request, no decision
 * and @today is after @deadline; a decision is late when its date is after
 * @deadline. Without a deadline nothing is overdue or late.
 *
 * Returns: (transfer full): the coverage
 */
BosCoverage *
bos_coverage_compute (GArray                    *requests,
                      const BosCoverageDecision *decisions,
                      guint                      n_decisions,
                      gint64                     need,
                      const GDate               *deadline,
                      const GDate               *today)
{
  g_autoptr(GHashTable) rows_by_code = NULL;
  g_autoptr(GHashTable) counties = NULL;
  BosCoverage *coverage;
  gboolean past_deadline;

  g_return_val_if_fail (requests != NULL, NULL);
  g_return_val_if_fail (decisions != NULL || n_decisions == 0, NULL);
  g_return_val_if_fail (deadline == NULL || g_date_valid (deadline), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  coverage = g_new0 (BosCoverage, 1);
  coverage->need = need;
  coverage->municipalities = g_array_new (FALSE, TRUE, sizeof (BosCoverageRow));
  coverage->counties = g_array_new (FALSE, TRUE, sizeof (BosCoverageTotals));
  g_date_clear (&coverage->deadline, 1);
  if (deadline != NULL)
    {
      coverage->has_deadline = TRUE;
      coverage->deadline = *deadline;
    }
  past_deadline = deadline != NULL && g_date_compare (today, deadline) > 0;

  /* One row per municipality that was asked or answered. */
  rows_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < requests->len; i++)
    {
      const BosRequest *request = &g_array_index (requests, BosRequest, i);
      BosCoverageRow row = { { 0 } };

      g_strlcpy (row.code, request->code, sizeof row.code);
      g_strlcpy (row.county_code, request->county_code, sizeof row.county_code);
      row.request = request->request;
      row.request_minors = request->minors;
      g_array_append_val (coverage->municipalities, row);
    }
  /* Keys are the callers' strings, which do not move while the array grows. */
  for (guint i = 0; i < requests->len; i++)
    g_hash_table_add (rows_by_code, (gpointer) g_array_index (requests, BosRequest, i).code);
  for (guint i = 0; i < n_decisions; i++)
    {
      if (!g_hash_table_contains (rows_by_code, decisions[i].code))
        {
          BosCoverageRow row = { { 0 } };

          g_hash_table_add (rows_by_code, (gpointer) decisions[i].code);
          g_strlcpy (row.code, decisions[i].code, sizeof row.code);
          g_strlcpy (row.county_code, decisions[i].county_code, sizeof row.county_code);
          g_array_append_val (coverage->municipalities, row);
        }
    }
  /* The array may have grown and is sorted now: index it again. */
  g_hash_table_remove_all (rows_by_code);
  g_array_sort (coverage->municipalities, compare_rows);
  for (guint i = 0; i < coverage->municipalities->len; i++)
    {
      BosCoverageRow *row = &g_array_index (coverage->municipalities, BosCoverageRow, i);

      g_hash_table_insert (rows_by_code, row->code, row);
    }

  for (guint i = 0; i < n_decisions; i++)
    {
      BosCoverageRow *row = g_hash_table_lookup (rows_by_code, decisions[i].code);

      g_assert (row != NULL);
      row->has_decision = TRUE;
      row->decided = decisions[i].persons;
      row->decided_minors = decisions[i].minors;
      if (deadline != NULL && g_date_valid (&decisions[i].decided_on) &&
          g_date_compare (&decisions[i].decided_on, deadline) > 0)
        row->status = BOS_ANSWER_DECIDED_LATE;
      else
        row->status = BOS_ANSWER_DECIDED;
    }

  counties = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < coverage->municipalities->len; i++)
    {
      BosCoverageRow *row = &g_array_index (coverage->municipalities, BosCoverageRow, i);

      if (!row->has_decision)
        {
          if (row->request <= 0)
            row->status = BOS_ANSWER_NOT_REQUESTED;
          else
            row->status = past_deadline ? BOS_ANSWER_OVERDUE : BOS_ANSWER_OUTSTANDING;
        }
      if (!g_hash_table_contains (counties, row->county_code))
        {
          BosCoverageTotals totals = { { 0 } };

          g_strlcpy (totals.county_code, row->county_code, sizeof totals.county_code);
          g_array_append_val (coverage->counties, totals);
          g_hash_table_add (counties, row->county_code);
        }
    }
  g_array_sort (coverage->counties, compare_totals);
  for (guint i = 0; i < coverage->municipalities->len; i++)
    {
      const BosCoverageRow *row = &g_array_index (coverage->municipalities, BosCoverageRow, i);

      totals_add ((BosCoverageTotals *) bos_coverage_get_county (coverage, row->county_code), row);
      totals_add (&coverage->national, row);
    }

  coverage->coverage = need > 0 ? (double) coverage->national.decided / (double) need : NAN;
  return coverage;
}

void
bos_coverage_free (BosCoverage *coverage)
{
  if (coverage == NULL)
    return;
  g_clear_pointer (&coverage->municipalities, g_array_unref);
  g_clear_pointer (&coverage->counties, g_array_unref);
  g_free (coverage);
}

const BosCoverageTotals *
bos_coverage_get_county (BosCoverage *coverage,
                         const char  *county_code)
{
  g_return_val_if_fail (coverage != NULL, NULL);
  g_return_val_if_fail (county_code != NULL, NULL);

  for (guint i = 0; i < coverage->counties->len; i++)
    {
      const BosCoverageTotals *totals = &g_array_index (coverage->counties, BosCoverageTotals, i);

      if (g_str_equal (totals->county_code, county_code))
        return totals;
    }
  return NULL;
}
