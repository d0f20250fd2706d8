/* bench-forecast.c: how long the acceptance forecast takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-forecast [RUNS]   (default 10)
 *
 * Seeds a database in a temporary folder, asks every one of the 357
 * municipalities for 1 per 1,000 inhabitants (at least 10) in 2021, and
 * times separately: reading the history (1995–2020), fitting the model
 * (with the validation that chooses its constants) and the Monte Carlo
 * simulation with 10,000 draws (target: under 200 ms), uplift bisection
 * included. Prints the median and the fastest of RUNS runs of each, and
 * the processor time of the simulation (which does not depend on what
 * else the machine does).
 */
#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "bos-forecast.h"
#include "bos-municipality-index.h"
#include "bos-store.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_figures (const char *what,
               GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  g_print ("%-52s median %7.1f ms, min %7.1f ms (%u runs)\n", what,
           g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, 0), ms->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (BosRequest));
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) simulate_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) simulate_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  BosForecastOptions options;
  int runs = argc > 1 ? atoi (argv[1]) : 10;

  if (runs < 1)
    {
      g_printerr ("Usage: %s [RUNS]\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("bos-bench-forecast-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "bench.sqlite", NULL);
  store = bos_store_open (path, BOS_STORE_OPEN_SEED, &error);
  if (store == NULL || (index = bos_municipality_index_load (store, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  stmt = bos_store_prepare (store, "SELECT code, persons FROM population WHERE year = 2024 "
                                   "ORDER BY code", &error);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const BosMunicipalityInfo *info = bos_municipality_index_lookup (index,
                                                                       bos_sqlite_text (stmt, 0));
      BosRequest request = { { 0 } };

      g_strlcpy (request.code, info->code, sizeof request.code);
      g_strlcpy (request.county_code, info->county_code, sizeof request.county_code);
      request.request = MAX (10, sqlite3_column_int64 (stmt, 1) / 1000);
      request.next_year_figure = -1;
      g_array_append_val (requests, request);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  bos_forecast_options_init (&options);
  for (int run = 0; run < runs; run++)
    {
      g_autoptr(BosForecastHistory) history = NULL;
      g_autoptr(BosForecastModel) model = NULL;
      g_autoptr(BosForecastResult) result = NULL;
      gint64 t0, t1, t2, t3;
      clock_t c2, c3;
      double ms;

      t0 = g_get_monotonic_time ();
      history = bos_forecast_history_load (store, 1995, 2020, &error);
      t1 = g_get_monotonic_time ();
      if (history != NULL)
        model = bos_forecast_fit (history, 2021, &options, &error);
      t2 = g_get_monotonic_time ();
      c2 = clock ();
      if (model != NULL)
        result = bos_forecast_simulate (model, requests, -1, &options, &error);
      c3 = clock ();
      t3 = g_get_monotonic_time ();
      if (result == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (load_ms, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (fit_ms, ms);
      ms = (t3 - t2) / 1000.0;
      g_array_append_val (simulate_ms, ms);
      ms = (double) (c3 - c2) * 1000.0 / CLOCKS_PER_SEC;
      g_array_append_val (simulate_cpu_ms, ms);
      if (run == 0)
        g_print ("%u municipalities, requests %" G_GINT64_FORMAT ", expected %.1f, "
                 "p10–p90 %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT ", P(cover) %.3f, "
                 "uplift %.2f, ρ %.2f\n",
                 result->municipalities->len, result->total_request, result->total_expected,
                 result->total_p10, result->total_p90, result->p_cover, result->uplift,
                 result->correlation);
    }

  print_figures ("read the history 1995–2020", load_ms);
  print_figures ("fit (validation included)", fit_ms);
  print_figures ("simulate 10,000 draws × 357 (uplift included)", simulate_ms);
  print_figures ("  of which processor time", simulate_cpu_ms);

  g_clear_object (&store);
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
