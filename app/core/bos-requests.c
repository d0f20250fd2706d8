/* bos-requests.c: the numbers a plan asks each municipality to settle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bos-requests"

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-error.h"
#include "bos-plan-scenario.h"
#include "bos-requests.h"

enum {
  COL_CODE,
  COL_REQUEST,
  COL_MINORS,
  COL_NEXT_YEAR,
  N_COLS
};

static const char * const column_names[N_COLS] = {
  "code", "request", "minors", "next_year_figure",
};

static int
compare_requests (gconstpointer a,
                  gconstpointer b)
{
  return strcmp (((const BosRequest *) a)->code, ((const BosRequest *) b)->code);
}

static gboolean
read_count (BosCsv   *csv,
            int       column,
            gboolean  allow_empty,
            gboolean *is_empty,
            gint64   *value,
            GError  **error)
{
  if (!bos_csv_get_int (csv, column, allow_empty, is_empty, value, error))
    return FALSE;
  if (*value < 0)
    return bos_csv_set_error (csv, error, column,
                              "%" G_GINT64_FORMAT " is negative; a number of persons is 0 or more",
                              *value);
  if (*value > G_MAXINT32)
    return bos_csv_set_error (csv, error, column,
                              "%" G_GINT64_FORMAT " is not a plausible number of persons", *value);
  return TRUE;
}

/**
 * bos_requests_load_csv:
 * @index: today's municipalities, to check the codes
 * @csv: a reader positioned before the header
 *
 * Reads `code,request[,minors][,next_year_figure]` (the optional columns
 * in any order after request). Every row is checked: a known code of
 * today, at most one row per code, whole numbers ≥ 0, minors ≤ request.
 * Errors name the file, the line and the field.
 *
 * Returns: (transfer full) (element-type BosRequest): in code order, or
 *   %NULL with @error set
 */
GArray *
bos_requests_load_csv (BosMunicipalityIndex  *index,
                       BosCsv                *csv,
                       GError               **error)
{
  g_autoptr(GArray) requests = NULL;
  g_autoptr(GHashTable) lines = NULL;
  const char * const *header;
  int columns[N_COLS];
  guint n_header;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  header = bos_csv_read_any_header (csv, error);
  if (header == NULL)
    return NULL;
  n_header = g_strv_length ((char **) header);
  for (guint c = 0; c < N_COLS; c++)
    columns[c] = -1;
  for (guint i = 0; i < n_header; i++)
    {
      gboolean known = FALSE;

      for (guint c = 0; c < N_COLS; c++)
        if (g_str_equal (header[i], column_names[c]))
          {
            if (columns[c] >= 0)
              {
                g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                             _("%s, line 1: the column “%s” appears twice"),
                             bos_csv_get_source_name (csv), header[i]);
                return NULL;
              }
            columns[c] = (int) i;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                       _("%s, line 1: unknown column “%s”; expected code,request and "
                         "optionally minors and next_year_figure"),
                       bos_csv_get_source_name (csv), header[i]);
          return NULL;
        }
    }
  if (columns[COL_CODE] != 0 || columns[COL_REQUEST] != 1)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                   _("%s, line 1: the header must start with “code,request”"),
                   bos_csv_get_source_name (csv));
      return NULL;
    }

  requests = g_array_new (FALSE, TRUE, sizeof (BosRequest));
  lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *code = NULL;
      g_autofree char *problem = NULL;
      const BosMunicipalityInfo *info;
      BosRequest request = { { 0 } };
      gpointer first_line;
      gboolean empty;

      if (!bos_csv_next_row (csv, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          break;
        }

      code = g_strstrip (g_strdup (bos_csv_get_field (csv, COL_CODE)));
      if (!bos_municipality_index_check_code (index, code, &problem))
        {
          bos_csv_set_error (csv, error, COL_CODE, "%s", problem);
          return NULL;
        }
      if (g_hash_table_lookup_extended (lines, code, NULL, &first_line))
        {
          bos_csv_set_error (csv, error, COL_CODE,
                             _("a second row for %s (the first is on line %u)"),
                             code, GPOINTER_TO_UINT (first_line));
          return NULL;
        }
      g_hash_table_insert (lines, g_strdup (code), GUINT_TO_POINTER (bos_csv_get_line (csv)));

      info = bos_municipality_index_lookup (index, code);
      g_strlcpy (request.code, info->code, sizeof request.code);
      g_strlcpy (request.county_code, info->county_code, sizeof request.county_code);
      request.next_year_figure = -1;

      if (!read_count (csv, COL_REQUEST, FALSE, NULL, &request.request, error))
        return NULL;
      if (columns[COL_MINORS] >= 0)
        {
          if (!read_count (csv, columns[COL_MINORS], TRUE, NULL, &request.minors, error))
            return NULL;
          if (request.minors > request.request)
            {
              bos_csv_set_error (csv, error, columns[COL_MINORS],
                                 _("%" PRId64 " unaccompanied minors is more than the "
                                   "request of %" PRId64 " persons they are part of"),
                                 request.minors, request.request);
              return NULL;
            }
        }
      if (columns[COL_NEXT_YEAR] >= 0)
        {
          if (!read_count (csv, columns[COL_NEXT_YEAR], TRUE, &empty,
                           &request.next_year_figure, error))
            return NULL;
          if (empty)
            request.next_year_figure = -1;
        }
      g_array_append_val (requests, request);
    }

  g_array_sort (requests, compare_requests);
  return g_steal_pointer (&requests);
}

/**
 * bos_requests_load_file:
 * @path: a UTF-8 CSV file separated by “,”
 *
 * Returns: (transfer full) (element-type BosRequest): see
 *   bos_requests_load_csv()
 */
GArray *
bos_requests_load_file (BosMunicipalityIndex  *index,
                        const char            *path,
                        GError               **error)
{
  g_autoptr(BosCsv) csv = NULL;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  csv = bos_csv_new_from_file (path, ',', BOS_CSV_ENCODING_UTF8, error);
  if (csv == NULL)
    return NULL;
  return bos_requests_load_csv (index, csv, error);
}

/**
 * bos_requests_for_plan:
 * @plan_id: a plan, e.g. "plan:2027:national"
 *
 * The plan's proposed requests: the result of its chosen distribution
 * scenario on today's figures (bos_plan_get_proposed_requests()), one
 * request per municipality of the plan, requests of 0 included. The
 * letters, the coverage and the forecast take the plan's requests from
 * here unless a planner gives a requests file.
 *
 * Returns: (transfer full) (element-type BosRequest): the requests in code
 *   order, or %NULL with @error set (BOS_ERROR_NOT_FOUND when the plan has
 *   no chosen scenario)
 */
GArray *
bos_requests_for_plan (BosStore    *store,
                       const char  *plan_id,
                       GError     **error)
{
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return bos_plan_get_proposed_requests (store, plan_id, error);
}

gint64
bos_requests_sum (GArray *requests)
{
  gint64 sum = 0;

  g_return_val_if_fail (requests != NULL, 0);

  for (guint i = 0; i < requests->len; i++)
    sum += g_array_index (requests, BosRequest, i).request;
  return sum;
}

const BosRequest *
bos_requests_lookup (GArray     *requests,
                     const char *code)
{
  BosRequest key = { { 0 } };
  guint position;

  g_return_val_if_fail (requests != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  g_strlcpy (key.code, code, sizeof key.code);
  if (!g_array_binary_search (requests, &key, compare_requests, &position))
    return NULL;
  return &g_array_index (requests, BosRequest, position);
}
