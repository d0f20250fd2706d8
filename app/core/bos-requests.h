/* bos-requests.h: the numbers a plan asks each municipality to settle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request list is a GArray of BosRequest in code order, one per
 * municipality: the letters, the decisions' coverage and the forecast all
 * take one. Today it is read from a CSV file with the header
 *   code,request[,minors][,next_year_figure]
 * (today's municipality numbers; minors is "of which unaccompanied
 * minors", next_year_figure the planning figure for the year after, empty
 * when there is none). bos_requests_for_plan() gives the plan's proposed
 * requests: the result of its chosen distribution scenario.
 */
#pragma once

#include "bos-csv.h"
#include "bos-municipality-index.h"
#include "bos-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   code[8];
  char   county_code[4];
  gint64 request;           /* persons, ≥ 0 */
  gint64 minors;            /* of which unaccompanied minors, 0..request */
  gint64 next_year_figure;  /* planning figure for the year after, or -1 */
} BosRequest;

GArray   *bos_requests_load_csv   (BosMunicipalityIndex  *index,
                                   BosCsv                *csv,
                                   GError               **error);
GArray   *bos_requests_load_file  (BosMunicipalityIndex  *index,
                                   const char            *path,
                                   GError               **error);
GArray   *bos_requests_for_plan   (BosStore              *store,
                                   const char            *plan_id,
                                   GError               **error);
gint64    bos_requests_sum        (GArray                *requests);
const BosRequest *bos_requests_lookup (GArray            *requests,
                                   const char            *code);

G_END_DECLS
