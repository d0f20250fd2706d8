/* bench-backtest.c: the acceptance forecast tested on the past
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-backtest [FIRST_YEAR LAST_YEAR [HALF_LIFE]]   (default 2012 2020)
 *
 * HALF_LIFE fixes the recency half-life in years instead of letting each
 * fit choose it (for comparisons).
 *
 * Seeds a database in a temporary folder, then for each year Y: fits the
 * forecast on the years before Y only and predicts each municipality's
 * decision on the request it really got in Y (the original request in
 * 2020), for every municipality with a request above 0 and a published
 * decision in Y. Prints per year the mean absolute error (MAE) and the
 * root mean square error (RMSE) per municipality of
 *   - the forecast's expected decision,
 *   - the forecast's median decision,
 *   - the rule "decision = request" (the baseline the issue asks for),
 *   - request × the municipality's own ratio of decisions to requests over
 *     the five years before (1 without such years), a simple reference;
 * the share of actual decisions inside the forecast's 10th–90th
 * percentile range (80 % if calibrated), and for the national total of
 * those municipalities the simulated 10th–90th range (10,000 draws, seed 1)
 * and whether the actual total fell inside. Asserts nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bos-forecast.h"
#include "bos-store.h"

typedef struct
{
  double abs_expected, sq_expected;
  double abs_median, sq_median;
  double abs_baseline, sq_baseline;
  double abs_ratio, sq_ratio;
  guint  inside;
  guint  n;
} Errors;

static void
errors_add (Errors *errors,
            double  actual,
            double  expected,
            double  median,
            double  baseline,
            double  ratio,
            gboolean inside)
{
  errors->abs_expected += fabs (expected - actual);
  errors->sq_expected += (expected - actual) * (expected - actual);
  errors->abs_median += fabs (median - actual);
  errors->sq_median += (median - actual) * (median - actual);
  errors->abs_baseline += fabs (baseline - actual);
  errors->sq_baseline += (baseline - actual) * (baseline - actual);
  errors->abs_ratio += fabs (ratio - actual);
  errors->sq_ratio += (ratio - actual) * (ratio - actual);
  errors->inside += inside ? 1 : 0;
  errors->n++;
}

static void
print_row (const char   *label,
           const Errors *e,
           const char   *total)
{
  double n = MAX (e->n, 1);

  g_print ("%-6s %4u  %6.2f %6.2f  %6.2f %6.2f  %6.2f %6.2f  %6.2f %6.2f  %5.1f%%  %s\n",
           label, e->n,
           e->abs_expected / n, sqrt (e->sq_expected / n),
           e->abs_median / n, sqrt (e->sq_median / n),
           e->abs_baseline / n, sqrt (e->sq_baseline / n),
           e->abs_ratio / n, sqrt (e->sq_ratio / n),
           100.0 * e->inside / n, total);
}

/* request × the municipality's decided / requested over Y−5..Y−1. */
static double
ratio_prediction (const BosForecastHistory *history,
                  guint                     municipality,
                  int                       year,
                  gint64                    request)
{
  double requested = 0.0, decided = 0.0;

  for (guint i = 0; i < history->observations->len; i++)
    {
      const BosForecastObservation *o = &g_array_index (history->observations,
                                                        BosForecastObservation, i);

      if (o->municipality != municipality || o->year >= year || o->year < year - 5 ||
          o->suppressed)
        continue;
      requested += o->request;
      decided += o->decision;
    }
  if (requested <= 0.0)
    return request;
  return request * decided / requested;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosForecastHistory) history = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int first_year = argc > 2 ? atoi (argv[1]) : 2012;
  int last_year = argc > 2 ? atoi (argv[2]) : 2020;
  double half_life = argc > 3 ? g_ascii_strtod (argv[3], NULL) : 0.0;
  Errors all = { 0 };
  guint totals_inside = 0, n_years = 0;

  if (first_year < 1997 || last_year > 2020 || first_year > last_year)
    {
      g_printerr ("Usage: %s [FIRST_YEAR LAST_YEAR] (1997–2020)\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("bos-bench-backtest-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "bench.sqlite", NULL);
  store = bos_store_open (path, BOS_STORE_OPEN_SEED, &error);
  if (store == NULL ||
      (history = bos_forecast_history_load (store, 1995, 2020, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("Back-test: fit on the years before Y, predict each municipality's decision in Y.\n"
           "Errors in persons per municipality; “inside” = actual within the forecast's p10–p90.\n\n");
  g_print ("%-6s %4s  %13s  %13s  %13s  %13s  %6s  %s\n", "", "", "expected", "median",
           "= request", "own ratio", "", "national total");
  g_print ("%-6s %4s  %6s %6s  %6s %6s  %6s %6s  %6s %6s  %6s  %s\n", "year", "n",
           "MAE", "RMSE", "MAE", "RMSE", "MAE", "RMSE", "MAE", "RMSE", "inside",
           "actual [p10, p90] (ρ)");

  for (int year = first_year; year <= last_year; year++)
    {
      g_autoptr(BosForecastModel) model = NULL;
      g_autoptr(BosForecastResult) result = NULL;
      g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (BosRequest));
      g_autofree char *total = NULL;
      g_autofree char *label = NULL;
      BosForecastOptions options;
      Errors e = { 0 };
      gint64 actual_total = 0;
      gboolean total_inside;

      bos_forecast_options_init (&options);
      if (half_life > 0.0)
        options.half_life = half_life;
      model = bos_forecast_fit (history, year, &options, &error);
      if (model == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      for (guint i = 0; i < history->observations->len; i++)
        {
          const BosForecastObservation *o = &g_array_index (history->observations,
                                                            BosForecastObservation, i);
          const BosForecastArea *area;
          BosRequest request = { { 0 } };
          double expected, median, p10, p90;

          if (o->year != year || o->suppressed)
            continue;
          area = &g_array_index (history->municipalities, BosForecastArea, o->municipality);
          expected = bos_forecast_model_expected (model, area->code, o->request);
          median = bos_forecast_model_quantile (model, area->code, o->request, 0.5);
          p10 = bos_forecast_model_quantile (model, area->code, o->request, 0.1);
          p90 = bos_forecast_model_quantile (model, area->code, o->request, 0.9);
          errors_add (&e, o->decision, expected, median, o->request,
                      ratio_prediction (history, o->municipality, year, o->request),
                      o->decision >= p10 && o->decision <= p90);
          errors_add (&all, o->decision, expected, median, o->request,
                      ratio_prediction (history, o->municipality, year, o->request),
                      o->decision >= p10 && o->decision <= p90);

          g_strlcpy (request.code, area->code, sizeof request.code);
          g_strlcpy (request.county_code, area->county_code, sizeof request.county_code);
          request.request = o->request;
          request.next_year_figure = -1;
          g_array_append_val (requests, request);
          actual_total += o->decision;
        }
      if (e.n == 0)
        continue;

      result = bos_forecast_simulate (model, requests, -1, &options, &error);
      if (result == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      total_inside = actual_total >= result->total_p10 && actual_total <= result->total_p90;
      totals_inside += total_inside ? 1 : 0;
      n_years++;
      total = g_strdup_printf ("%" G_GINT64_FORMAT " [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                               "]%s (%.2f)", actual_total, result->total_p10, result->total_p90,
                               total_inside ? "" : " outside", result->correlation);
      label = g_strdup_printf ("%d", year);
      print_row (label, &e, total);
    }

  {
    g_autofree char *summary = g_strdup_printf ("%u of %u years inside", totals_inside, n_years);

    print_row ("all", &all, summary);
  }

  store = (g_object_unref (store), NULL);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
