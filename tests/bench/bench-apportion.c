/* bench-apportion.c: how long a national distribution takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-apportion [SOURCE_DIR] [ITERATIONS]
 *
 * Builds a national scenario from data/municipalities.csv (357
 * municipalities, population on 1 January 2025) and
 * data/immigrant_share_2021.csv, with two synthetic indicators (fixed
 * pseudo-random values, 5 % missing) and every rule of distribution.md
 * switched on: three factors (one share, two population-scaled), minimum
 * and drop threshold, maximum immigrant share, minimum population,
 * max_per_1000 caps, explicit caps, the 15 largest scaled down, locks,
 * manual exclusions and an inclusion, two-stage county mode and
 * unaccompanied minors. Then it times bos_apportion_run_full(), once with
 * the numbers only (BOS_APPORTION_SKIP_REASONS: what a recomputation needs)
 * and once with the English reason of every municipality, and prints the
 * median and the 90th percentile in microseconds, for the two-stage and the
 * one-stage run. It prints figures and asserts nothing about time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bos-apportion.h"

#ifndef BOSETTING_SOURCE_ROOT
#define BOSETTING_SOURCE_ROOT "."
#endif

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : (x > y);
}

static char **
read_lines (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      g_printerr ("bench-apportion: %s\n", error->message);
      exit (1);
    }
  return g_strsplit (contents, "\n", -1);
}

static BosApportionInput *
build_input (const char *dir)
{
  g_auto(GStrv) lines = read_lines (dir, "municipalities.csv");
  g_auto(GStrv) shares = read_lines (dir, "immigrant_share_2021.csv");
  g_autoptr(GHashTable) share_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  BosApportionInput *input = bos_apportion_input_new ();
  BosCriteria *cr = &input->criteria;
  GRand *rand = g_rand_new_with_seed (2027);

  /* code,name,population_2021,immigrants_2021,immigrant_share_pct,code_2024 */
  for (guint i = 1; shares[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (shares[i], ",", -1);
      g_auto(GStrv) codes = NULL;

      if (g_strv_length (f) < 6)
        continue;
      codes = g_strsplit (f[5], ";", -1);
      for (guint k = 0; codes[k] != NULL; k++)
        g_hash_table_insert (share_by_code, g_strdup (codes[k]), g_strdup (f[4]));
    }

  bos_criteria_clear_factors (cr);
  bos_criteria_add_factor (cr, BOS_INDICATOR_POPULATION, 0.4, BOS_FACTOR_MODE_SHARE);
  bos_criteria_add_factor (cr, "programme_results", 0.3, BOS_FACTOR_MODE_POPULATION_SCALED);
  bos_criteria_add_factor (cr, "employment_rate", 0.3, BOS_FACTOR_MODE_POPULATION_SCALED);
  cr->min_request = 10;
  cr->drop_below = 5;
  cr->max_immigrant_share = 25.0;
  cr->min_population = 1000;
  cr->max_per_1000 = 8.0;
  cr->largest_n = 15;
  cr->largest_factor = 0.7;
  cr->ema_min_request = 2;
  cr->ema_drop_below = 1;
  input->need = 5350;
  input->ema_need = 270;
  input->by_county = TRUE;
  bos_apportion_input_add_indicator (input, "programme_results");
  bos_apportion_input_add_indicator (input, "employment_rate");

  /* code,name,county_code,county_name,population_2020..2026,… */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      BosMunicipalityInput *m;
      const char *share;

      if (g_strv_length (f) < 11)
        continue;
      m = bos_apportion_input_add_municipality (input, f[0], f[1], f[2],
                                                g_ascii_strtoll (f[9], NULL, 10));
      share = g_hash_table_lookup (share_by_code, f[0]);
      if (share != NULL)
        m->immigrant_share = g_ascii_strtod (share, NULL);
      if (g_rand_int_range (rand, 0, 100) >= 5)
        m->indicators[0] = g_rand_int_range (rand, 30, 81) / 100.0;
      if (g_rand_int_range (rand, 0, 100) >= 5)
        m->indicators[1] = g_rand_int_range (rand, 60, 81) / 100.0;
      if (g_rand_int_range (rand, 0, 100) < 4)
        m->adjustment = 0.8;
      if (g_str_equal (f[0], "0301"))
        m->locked = 1000;
      else if (g_str_equal (f[0], "4601"))
        m->locked = 300;
      else if (g_str_equal (f[0], "5001"))
        m->locked = 250;
      else if (g_str_equal (f[0], "1835") || g_str_equal (f[0], "1106"))
        m->excluded = TRUE;
      else if (g_str_equal (f[0], "5632"))
        m->included = TRUE;
      else if (g_str_equal (f[0], "1103") || g_str_equal (f[0], "3905"))
        m->cap = 120;
      if (g_rand_int_range (rand, 0, 100) < 10)
        m->ema_capable = FALSE;
    }
  g_rand_free (rand);
  return input;
}

static void
bench (const char        *label,
       BosApportionInput *input,
       BosApportionFlags  flags,
       guint              iterations)
{
  g_autofree gint64 *ns = g_new (gint64, iterations);
  guint requested = 0;
  gint64 total = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BosApportionResult) result = bos_apportion_run_full (input, flags, &error);

      if (result == NULL)
        {
          g_printerr ("bench-apportion: %s\n", error->message);
          exit (1);
        }
      requested = 0;
      for (guint k = 0; k < result->n_municipalities; k++)
        requested += result->municipalities[k].request > 0;
    }
  for (guint i = 0; i < iterations; i++)
    {
      gint64 start = now_ns ();
      BosApportionResult *result = bos_apportion_run_full (input, flags, NULL);

      ns[i] = now_ns () - start;
      bos_apportion_result_free (result);
      total += ns[i];
    }
  qsort (ns, iterations, sizeof (gint64), compare_gint64);
  printf ("%s: %u municipalities (%u requested), %u runs: "
          "median %.1f µs, p90 %.1f µs, min %.1f µs, mean %.1f µs\n",
          label, input->municipalities->len, requested, iterations,
          ns[iterations / 2] / 1000.0, ns[iterations * 9 / 10] / 1000.0,
          ns[0] / 1000.0, (double) total / iterations / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = argc > 1 ? argv[1] : BOSETTING_SOURCE_ROOT;
  guint iterations = argc > 2 ? (guint) atoi (argv[2]) : 2000;
  g_autoptr(BosApportionInput) input = NULL;

  if (iterations < 10)
    iterations = 10;
  input = build_input (dir);
  bench ("two-stage national run, all rules, numbers only", input,
         BOS_APPORTION_SKIP_REASONS, iterations);
  bench ("two-stage national run, all rules, with every reason", input,
         BOS_APPORTION_FLAGS_NONE, iterations);
  input->by_county = FALSE;
  bench ("one-stage national run, all rules, numbers only", input,
         BOS_APPORTION_SKIP_REASONS, iterations);
  bench ("one-stage national run, all rules, with every reason", input,
         BOS_APPORTION_FLAGS_NONE, iterations);
  return 0;
}
