/* bos-history.h: a municipality's settlement history under today's code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Settlement figures are stored as IMDi recorded them: under the code a
 * municipality had in that year. Reading them for today's municipalities
 * maps every recorded code through the municipality code history:
 *
 *  - a code that is a municipality of today and not in the code history
 *    counts for itself;
 *  - a code in the code history counts for each of its 2024 successors
 *    (0101 Halden → 3101); a code that maps to itself (0301 → 0301) is
 *    counted once;
 *  - when a former municipality was split (1507 Ålesund → 1508 0.8621 and
 *    1580 0.1379), its figure is apportioned by largest remainder so the
 *    parts add up exactly to the recorded figure; ties go to the larger
 *    share, then to the lower code;
 *  - codes without a municipality of today (9999 "unknown municipality",
 *    Svalbard) belong to no municipality and no county.
 */
#pragma once

#include "bos-store.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_HISTORY_REQUEST,
  BOS_HISTORY_DECISION,
  BOS_HISTORY_SETTLED,
  BOS_HISTORY_ORIGINAL_REQUEST,
  BOS_HISTORY_N_KINDS
} BosHistoryKind;

typedef enum
{
  BOS_HISTORY_OK,
  BOS_HISTORY_MISSING,
  BOS_HISTORY_SUPPRESSED,
} BosHistoryStatus;

/* One figure as recorded under @source_code in @year, attributed to today's
 * municipality. When the former municipality was split, @persons is its
 * share, apportioned by largest remainder so the parts add up to the
 * recorded figure. */
typedef struct
{
  int              year;
  BosHistoryKind   kind;
  BosHistoryStatus status;
  gint64           persons;      /* valid when status == BOS_HISTORY_OK, else 0 */
  char             source_code[8];
  double           share;        /* 1.0 unless the source was split */
} BosHistoryEntry;

/* "request", "decision", "settled", "original_request" */
const char *bos_history_kind_to_string   (BosHistoryKind    kind);
gboolean    bos_history_kind_from_string (const char       *name,
                                          BosHistoryKind   *kind);
/* "ok", "missing", "suppressed" */
const char *bos_history_status_to_string (BosHistoryStatus  status);

/* Returns: (transfer full): a GArray of BosHistoryEntry for today's
 * municipality @code, ordered by year, kind, source code; rows recorded
 * under former codes included. A @code that is not a municipality of today
 * is a BOS_ERROR_NOT_FOUND error (which says so when it is a former code). */
GArray     *bos_history_for_municipality (BosStore         *store,
                                          const char       *code,
                                          GError          **error);

/* ---- Totals per year and kind ---------------------------------------------
 *
 * For tables and charts: the figures of every municipality (or county) for
 * a range of years, read with one query.
 *
 * The status of a total:
 *   OK          every figure that is there is known;
 *   PARTIAL     some figures are known and some are suppressed (IMDi does
 *               not publish small numbers) or, in a sum over several years
 *               or municipalities, missing: @persons is a lower bound;
 *   SUPPRESSED  nothing is known but something was suppressed (a small
 *               number, 0–4);
 *   MISSING     nothing is known. A missing figure is not a zero.
 *
 * One municipality, one year and kind: the figures recorded under its
 * codes. "missing" rows of other codes are not gaps when one code has a
 * figure, because IMDi lists a fixed set of codes for whole periods and
 * most of those rows are codes that did not exist that year. So it is OK
 * when at least one code has a figure and none is suppressed.
 *
 * Sums (over years, or over the municipalities of a county): OK when
 * every part is OK, MISSING when every part is MISSING, SUPPRESSED when
 * every part is SUPPRESSED or MISSING, PARTIAL otherwise. */
typedef enum
{
  BOS_HISTORY_TOTAL_OK,
  BOS_HISTORY_TOTAL_PARTIAL,
  BOS_HISTORY_TOTAL_SUPPRESSED,
  BOS_HISTORY_TOTAL_MISSING,
} BosHistoryTotalStatus;

typedef struct
{
  gint64                persons;  /* the sum of the known figures */
  BosHistoryTotalStatus status;
  guint                 n_parts;  /* how many totals were added; 0 = empty */
} BosHistoryTotal;

/* The empty total, to add parts to with bos_history_total_add(). */
#define BOS_HISTORY_TOTAL_INIT { 0, BOS_HISTORY_TOTAL_MISSING, 0 }

/* "ok", "partial", "suppressed", "missing" */
const char *bos_history_total_status_to_string (BosHistoryTotalStatus status);
/* Adds @part to @sum with the rule for sums above. */
void        bos_history_total_add        (BosHistoryTotal        *sum,
                                          const BosHistoryTotal  *part);

/* The key of the national totals in bos_history_totals_new_for_counties(). */
#define BOS_HISTORY_NATIONAL "national"

typedef struct _BosHistoryTotals BosHistoryTotals;

/* Totals for each of today's municipalities (keyed by code) and each year
 * of @first_year..@last_year. Every municipality of today is there, with
 * MISSING totals where nothing is recorded. */
BosHistoryTotals *bos_history_totals_new_for_municipalities (BosStore   *store,
                                                             int         first_year,
                                                             int         last_year,
                                                             GError    **error);
/* Totals for each county (keyed by its two-digit code): the sum over its
 * municipalities, plus BOS_HISTORY_NATIONAL, the sum over all
 * municipalities (figures under 9999 and Svalbard codes excluded). */
BosHistoryTotals *bos_history_totals_new_for_counties       (BosStore   *store,
                                                             int         first_year,
                                                             int         last_year,
                                                             GError    **error);
void              bos_history_totals_free                   (BosHistoryTotals *totals);
int               bos_history_totals_get_first_year         (BosHistoryTotals *totals);
int               bos_history_totals_get_last_year          (BosHistoryTotals *totals);
gboolean          bos_history_totals_contains               (BosHistoryTotals *totals,
                                                             const char       *code);
/* One year's total; MISSING (n_parts 0) for an unknown code or a year
 * outside the range. */
BosHistoryTotal   bos_history_totals_get                    (BosHistoryTotals *totals,
                                                             const char       *code,
                                                             BosHistoryKind    kind,
                                                             int               year);
/* The sum over @first_year..@last_year (clamped to the range). */
BosHistoryTotal   bos_history_totals_sum                    (BosHistoryTotals *totals,
                                                             const char       *code,
                                                             BosHistoryKind    kind,
                                                             int               first_year,
                                                             int               last_year);
/* Decisions divided by requests, both summed over the years of
 * @first_year..@last_year in which both are OK (so a year without a
 * decision does not lower the ratio). NAN when there is no such year or
 * the requests add up to 0. */
double            bos_history_totals_acceptance_ratio       (BosHistoryTotals *totals,
                                                             const char       *code,
                                                             int               first_year,
                                                             int               last_year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosHistoryTotals, bos_history_totals_free)

G_END_DECLS
