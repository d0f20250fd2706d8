/* bos-coverage.h: how much of the need the municipalities' decisions cover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C on plain values: the requests of a plan, the decisions that
 * came back, the need, the answer deadline and today's date give per
 * municipality, per county and in total what was requested and decided,
 * which answers are outstanding, which are overdue (no answer and the
 * deadline has passed) and which came late (decided after the deadline).
 * Decisions of municipalities that were not asked count in the decided
 * totals: a municipality may offer places unasked.
 */
#pragma once

#include "bos-requests.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_ANSWER_NOT_REQUESTED,  /* no request (or 0) and no decision */
  BOS_ANSWER_OUTSTANDING,    /* requested, no decision, deadline not passed (or none) */
  BOS_ANSWER_OVERDUE,        /* requested, no decision, the deadline has passed */
  BOS_ANSWER_DECIDED,        /* decided, by the deadline or date unknown */
  BOS_ANSWER_DECIDED_LATE,   /* decided after the deadline */
} BosAnswerStatus;

/* "not_requested", "outstanding", "overdue", "decided", "decided_late" */
const char *bos_answer_status_to_string (BosAnswerStatus status);

/* A decision as coverage needs it. */
typedef struct
{
  char   code[8];
  char   county_code[4];
  gint64 persons;
  gint64 minors;
  GDate  decided_on;  /* invalid (g_date_clear) when not known */
} BosCoverageDecision;

typedef struct
{
  char            code[8];
  char            county_code[4];
  gint64          request;
  gint64          request_minors;
  gboolean        has_decision;
  gint64          decided;
  gint64          decided_minors;
  BosAnswerStatus status;
} BosCoverageRow;

typedef struct
{
  char   county_code[4];       /* "" for the national totals */
  gint64 request;
  gint64 request_minors;
  gint64 decided;
  gint64 decided_minors;
  gint64 gap;                  /* requests of municipalities that answered − their decisions */
  guint  n_requested;          /* municipalities with a request > 0 */
  guint  n_decided;            /* municipalities with a decision */
  guint  n_outstanding;        /* requested, no decision (overdue included) */
  guint  n_overdue;            /* of which the deadline has passed */
  guint  n_late;               /* decided after the deadline */
} BosCoverageTotals;

typedef struct
{
  gint64             need;
  double             coverage;        /* decided / need; NAN when the need is 0 */
  gboolean           has_deadline;
  GDate              deadline;
  BosCoverageTotals  national;
  GArray            *municipalities;  /* of BosCoverageRow, code order */
  GArray            *counties;        /* of BosCoverageTotals, code order */
} BosCoverage;

BosCoverage *bos_coverage_compute (GArray                    *requests,
                                   const BosCoverageDecision *decisions,
                                   guint                      n_decisions,
                                   gint64                     need,
                                   const GDate               *deadline,
                                   const GDate               *today);
void         bos_coverage_free    (BosCoverage               *coverage);
const BosCoverageTotals *bos_coverage_get_county (BosCoverage *coverage,
                                                  const char  *county_code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosCoverage, bos_coverage_free)

G_END_DECLS
