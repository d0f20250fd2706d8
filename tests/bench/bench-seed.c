/* bench-seed.c: how long seeding a new database takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-seed [RUNS]   (default 5)
 *
 * Creates and seeds a fresh database RUNS times in a temporary folder
 * (open + migrations + the four reference CSVs + the demo plan) and
 * prints the median and the fastest run. Target: under 1 s. Also times
 * the history totals the overview reads (357 municipalities and 15
 * counties, last five years).
 */
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bos-history.h"
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
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
print_figures (const char *what,
               GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  g_print ("%s: median %.1f ms, min %.1f ms, max %.1f ms (%u runs)\n", what,
           g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, 0),
           g_array_index (ms, double, ms->len - 1), ms->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) seed_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) totals_ms = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = argc > 1 ? atoi (argv[1]) : 5;

  if (runs < 1)
    {
      g_printerr ("Usage: %s [RUNS]\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("bos-bench-seed-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "bench.sqlite", NULL);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(BosStore) store = NULL;
      g_autoptr(BosHistoryTotals) municipalities = NULL;
      g_autoptr(BosHistoryTotals) counties = NULL;
      gint64 start, end;
      double ms;

      remove_database (path);
      start = g_get_monotonic_time ();
      store = bos_store_open (path, BOS_STORE_OPEN_SEED, &error);
      end = g_get_monotonic_time ();
      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      ms = (end - start) / 1000.0;
      g_array_append_val (seed_ms, ms);

      start = g_get_monotonic_time ();
      municipalities = bos_history_totals_new_for_municipalities (store, 2016, 2020, &error);
      counties = bos_history_totals_new_for_counties (store, 2016, 2020, &error);
      end = g_get_monotonic_time ();
      if (municipalities == NULL || counties == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      ms = (end - start) / 1000.0;
      g_array_append_val (totals_ms, ms);
    }

  print_figures ("seed a new database", seed_ms);
  print_figures ("history totals, municipalities + counties, 5 years", totals_ms);

  remove_database (path);
  g_rmdir (dir);
  return 0;
}
