/* bench-distribution-ui.c: from a weight change to the tables and the
 * chart drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: xvfb-run -a dbus-run-session bench-distribution-ui [CHANGES]  (default 60)
 *
 * Opens the demo plan's distribution page in the real window with the
 * criteria shown (population and an indicator as factors, counties first,
 * 357 municipalities), then changes the indicator's weight CHANGES times
 * through its spin button, as a planner would, and measures each change
 * from setting the value to the end of the frame that shows it: the run,
 * the rows updated in place, the chart's new data, and the frame's
 * layout, snapshot and rendering (the frame clock's after-paint). Between
 * changes the window idles 60 ms, so a frame starts as soon as it is
 * asked for. Prints the median, fastest and slowest of the whole, of the
 * recomputation with the rows' update, and of the frame's layout and its
 * drawing and rendering. Target: a median of 16 ms (one frame at 60 Hz).
 * Under Xvfb everything is rendered in software (the GL renderer on
 * llvmpipe is several times slower than GSK_RENDERER=cairo there); the
 * page's own work is the recomputation and the layout. Never asserted.
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "bos-application.h"
#include "bos-distribution-page.h"
#include "bos-indicator.h"
#include "bos-plan-scenario.h"
#include "bos-seed.h"
#include "bos-window.h"

typedef struct
{
  BosApplication      *app;
  BosDistributionPage *page;
  GtkWindow           *window;
  GdkFrameClock       *clock;
  guint                changes;
  guint                done;
  GArray              *total;     /* double, ms */
  GArray              *compute;
  GArray              *frame;
  gint64               started;
  gint64               before_paint;
  gint64               layout_done;
  gint64               paint_done;
  GArray              *layout;
  GArray              *paint;
  gboolean             waiting;
  guint                draws;
} Bench;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_figures (const char *what,
               GArray     *values)
{
  g_array_sort (values, compare_doubles);
  g_print ("%-44s median %6.2f ms   fastest %6.2f   slowest %6.2f   (%u changes)\n", what,
           g_array_index (values, double, values->len / 2),
           g_array_index (values, double, 0),
           g_array_index (values, double, values->len - 1),
           values->len);
}

static gboolean next_change_cb (gpointer data);

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->before_paint = g_get_monotonic_time ();
}

/* Connected after GTK's own handlers: the ends of the layout and the paint */
static void
layout_cb (GdkFrameClock *clock,
           Bench         *bench)
{
  bench->layout_done = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          Bench         *bench)
{
  bench->paint_done = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  BosCountyChart *chart = bos_distribution_page_get_chart (bench->page);
  double total, frame;

  if (!bench->waiting)
    return;
  /* The frame that shows the change has drawn the chart again */
  if (bos_county_chart_get_n_draws (chart) == bench->draws)
    return;
  bench->waiting = FALSE;
  total = (now - bench->started) / 1000.0;
  frame = (now - bench->before_paint) / 1000.0;
  g_array_append_val (bench->total, total);
  g_array_append_val (bench->frame, frame);
  frame = (bench->layout_done - bench->before_paint) / 1000.0;
  g_array_append_val (bench->layout, frame);
  frame = (bench->paint_done - bench->layout_done) / 1000.0;
  g_array_append_val (bench->paint, frame);
  bench->done++;
  g_timeout_add (60, next_change_cb, bench);
}

static gboolean
next_change_cb (gpointer data)
{
  Bench *bench = data;
  BosCriteriaEditor *editor = bos_distribution_page_get_criteria_editor (bench->page);
  GtkSpinButton *weight = bos_criteria_editor_get_weight_button (editor, 1);
  guint runs = bos_distribution_page_get_n_runs (bench->page);
  gint64 computed;
  double compute;

  if (bench->done >= bench->changes)
    {
      g_print ("renderer: %s (set GSK_RENDERER=cairo or gl to choose)\n",
               G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bench->window))));
      print_figures ("weight change to tables and chart drawn", bench->total);
      print_figures ("  of which the recomputation and the rows", bench->compute);
      print_figures ("  of which the frame (layout, draw, render)", bench->frame);
      print_figures ("    of which the layout", bench->layout);
      print_figures ("    of which the drawing and rendering", bench->paint);
      gtk_window_close (bench->window);
      return G_SOURCE_REMOVE;
    }

  bench->draws = bos_county_chart_get_n_draws (bos_distribution_page_get_chart (bench->page));
  bench->waiting = TRUE;
  bench->started = g_get_monotonic_time ();
  gtk_spin_button_set_value (weight, bench->done % 2 == 0 ? 2.0 : 0.5);
  computed = g_get_monotonic_time ();
  if (bos_distribution_page_get_n_runs (bench->page) != runs + 1)
    g_error ("The weight change did not recompute");
  compute = (computed - bench->started) / 1000.0;
  g_array_append_val (bench->compute, compute);
  return G_SOURCE_REMOVE;
}

static gboolean
start_cb (gpointer data)
{
  Bench *bench = data;

  bench->clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));
  g_signal_connect (bench->clock, "before-paint", G_CALLBACK (before_paint_cb), bench);
  g_signal_connect (bench->clock, "layout", G_CALLBACK (layout_cb), bench);
  g_signal_connect (bench->clock, "paint", G_CALLBACK (paint_cb), bench);
  g_signal_connect (bench->clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
  g_timeout_add (60, next_change_cb, bench);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (BosApplication *app,
             Bench          *bench)
{
  bench->window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_set_default_size (bench->window, 1400, 900);
  bos_window_show_page (BOS_WINDOW (bench->window), "distribution");
  bench->page = BOS_DISTRIBUTION_PAGE (bos_window_get_page (BOS_WINDOW (bench->window),
                                                            "distribution"));
  bos_distribution_page_show_criteria (bench->page, TRUE);
  bos_distribution_page_select_county (bench->page, "46");
  /* Let the window map and the criteria pane slide in */
  g_timeout_add (1500, start_cb, bench);
}

/* The demo plan's scenario with a second factor on an indicator */
static void
prepare (BosStore   *store,
         const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) csv = g_string_new ("code,indicator,value\n");
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autofree char *path = g_build_filename (dir, "indicators.csv", NULL);
  g_autofree char *plan_id = bos_plan_make_id (bos_seed_demo_year (), BOS_PLAN_SCOPE_NATIONAL);
  BosCriteria criteria;

  stmt = bos_store_prepare (store, "SELECT code FROM municipality ORDER BY code", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = bos_sqlite_text (stmt, 0);

      g_string_append_printf (csv, "%s,employment_rate,0.%02d\n", code,
                              40 + ((code[2] - '0') * 10 + (code[3] - '0')) % 50);
    }
  g_file_set_contents (path, csv->str, -1, &error);
  g_assert_no_error (error);
  bos_indicator_import_file (store, bos_seed_demo_year (), path, NULL, &error);
  g_assert_no_error (error);

  scenario = bos_plan_load_chosen_scenario (store, plan_id, &error);
  g_assert_no_error (error);
  bos_criteria_copy (&criteria, bos_plan_scenario_get_criteria (scenario));
  bos_criteria_add_factor (&criteria, "employment_rate", 1.0, BOS_FACTOR_MODE_POPULATION_SCALED);
  criteria.max_per_1000 = 6.0;
  criteria.largest_n = 5;
  criteria.largest_factor = 0.9;
  criteria.ema_min_request = 2;
  criteria.ema_drop_below = 1;
  bos_plan_scenario_set_criteria (store, scenario, &criteria, NULL, &error);
  g_assert_no_error (error);
  bos_criteria_clear (&criteria);
}

static void
remove_dir (const char *dir)
{
  const char *names[] = { "bosetting.sqlite", "bosetting.sqlite-wal", "bosetting.sqlite-shm",
                          "indicators.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  Bench bench = { 0 };

  bench.changes = argc > 1 ? (guint) MAX (atoi (argv[1]), 1) : 60;
  bench.total = g_array_new (FALSE, FALSE, sizeof (double));
  bench.compute = g_array_new (FALSE, FALSE, sizeof (double));
  bench.frame = g_array_new (FALSE, FALSE, sizeof (double));
  bench.layout = g_array_new (FALSE, FALSE, sizeof (double));
  bench.paint = g_array_new (FALSE, FALSE, sizeof (double));

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BOSETTING_BUILD_ROOT "/data", FALSE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  dir = g_dir_make_tmp ("bench-distribution-ui-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "bosetting.sqlite", NULL);

  bench.app = bos_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  if (!bos_application_open_store (bench.app, db_path, &error))
    g_error ("%s", error->message);
  prepare (bos_application_get_store (bench.app), dir);
  g_signal_connect_after (bench.app, "activate", G_CALLBACK (activate_cb), &bench);
  g_application_run (G_APPLICATION (bench.app), 0, NULL);

  g_object_unref (bench.app);
  g_array_unref (bench.total);
  g_array_unref (bench.compute);
  g_array_unref (bench.frame);
  g_array_unref (bench.layout);
  g_array_unref (bench.paint);
  remove_dir (dir);
  return 0;
}
