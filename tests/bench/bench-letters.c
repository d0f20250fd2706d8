/* bench-letters.c: how long the request letters to all municipalities take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-letters [RUNS]   (default 3)
 *
 * Seeds a database in a temporary folder, asks all 357 municipalities for
 * 1 per 1,000 inhabitants (at least 10, a tenth of it minors), and times
 * preparing the letters (templates merged, drafts stored) and writing one
 * PDF per municipality plus the combined PDF (target: all under 5 s).
 * Prints the median and the fastest of RUNS runs (wall clock, and the
 * processor time, which does not depend on what else the machine does),
 * the files' total size and the combined PDF's size.
 */
#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "bos-letter.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"
#include "bos-requests.h"
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
  g_print ("%-50s median %7.0f ms, min %7.0f ms (%u runs)\n", what,
           g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, 0), ms->len);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static goffset
folder_size (const char *path,
             guint      *n_files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  goffset size = 0;

  *n_files = 0;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_stat (child, &st) == 0)
        {
          size += st.st_size;
          (*n_files)++;
        }
    }
  return size;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (BosRequest));
  g_autoptr(GArray) prepare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) export_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *combined = NULL;
  BosLetterSettings settings = { 0 };
  int runs = argc > 1 ? atoi (argv[1]) : 3;
  guint n_files = 0;
  goffset size = 0;
  GStatBuf st;

  if (runs < 1)
    {
      g_printerr ("Usage: %s [RUNS]\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("bos-bench-letters-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "bench.sqlite", NULL);
  out = g_build_filename (dir, "letters", NULL);
  combined = g_build_filename (dir, "alle.pdf", NULL);
  store = bos_store_open (path, BOS_STORE_OPEN_SEED, &error);
  if (store == NULL ||
      (index = bos_municipality_index_load (store, &error)) == NULL ||
      (plan = bos_plan_create (store, 2030, BOS_PLAN_SCOPE_NATIONAL, 7000, 300, 3000, FALSE,
                               &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  settings.sender = (char *) "IMDi Sør\nPostboks 8059 Dep\n0031 Oslo";
  settings.contact = (char *) "Kari Nordmann, tlf. 400 00 000";
  settings.signatory = (char *) "Ola Åsheim";
  settings.signatory_title = (char *) "regiondirektør";
  settings.reference = (char *) "29/01234";
  settings.letter_date = (char *) "2029-10-01";

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
      request.minors = request.request / 10;
      request.next_year_figure = -1;
      g_array_append_val (requests, request);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) documents = NULL;
      gint64 t0, t1, t2;
      clock_t c0, c1;
      double ms;

      remove_tree (out);
      g_unlink (combined);
      c0 = clock ();
      t0 = g_get_monotonic_time ();
      documents = bos_letter_prepare (store, bos_plan_get_id (plan), requests, &settings, NULL,
                                      TRUE, &error);
      t1 = g_get_monotonic_time ();
      if (documents == NULL ||
          !bos_letter_pdf_export (documents, out, combined, NULL, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      t2 = g_get_monotonic_time ();
      c1 = clock ();
      ms = (double) (c1 - c0) * 1000.0 / CLOCKS_PER_SEC;
      g_array_append_val (cpu_ms, ms);
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (prepare_ms, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (export_ms, ms);
      ms = (t2 - t0) / 1000.0;
      g_array_append_val (total_ms, ms);
    }

  size = folder_size (out, &n_files);
  g_print ("%u letters, %.1f MB in the folder; combined PDF %.1f MB\n", n_files, size / 1e6,
           g_stat (combined, &st) == 0 ? st.st_size / 1e6 : 0.0);
  print_figures ("prepare (merge 357 letters, store drafts)", prepare_ms);
  print_figures ("write 357 PDFs + the combined PDF", export_ms);
  print_figures ("all 357 letters to PDF (target < 5 s)", total_ms);
  print_figures ("  of which processor time (user + system)", cpu_ms);

  g_clear_object (&plan);
  g_clear_object (&store);
  remove_tree (dir);
  return 0;
}
