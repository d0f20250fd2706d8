/* bench-startup.c: cold start to the first frame of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: xvfb-run -a dbus-run-session bench-startup [RUNS]   (default 5)
 *
 * Seeds a database once, then starts RUNS fresh processes. Each one does
 * what `bosetting --db PATH` does (GTK and libadwaita start-up, opening
 * the store, building the window with every page and its tables) and
 * measures from the start of main() to the end of the window's first
 * paint. Prints the median, fastest and slowest run, and when the store
 * was open, GTK started and the window built. Target: under 500 ms.
 *
 * Then, in one more process, scrolls the municipality table (357 rows)
 * from top to bottom, a few rows per frame, and prints the work per frame
 * (from the frame clock's before-paint to after-paint: layout, snapshot
 * and rendering), mean and slowest: the table recycles its rows, so this
 * should stay under the 16.7 ms of 60 Hz. Under Xvfb the frames are
 * rendered in software and paced by a timer, so the interval between
 * frames says little; the work does.
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "bos-application.h"
#include "bos-municipality-page.h"
#include "bos-window.h"

static gint64 start_time;
static gint64 store_time;
static gint64 startup_time;
static gint64 window_time;

static void
after_paint_cb (GdkFrameClock  *clock,
                BosApplication *app)
{
  gint64 now = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_print ("%.1f %.1f %.1f %.1f\n", (now - start_time) / 1000.0, (store_time - start_time) / 1000.0,
           (startup_time - start_time) / 1000.0, (window_time - start_time) / 1000.0);
  g_application_quit (G_APPLICATION (app));
}

static void
startup_cb (BosApplication *app)
{
  startup_time = g_get_monotonic_time ();
}

static void
activate_cb (BosApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GdkFrameClock *clock;

  window_time = g_get_monotonic_time ();
  g_assert (window != NULL);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert (clock != NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), app);
}

typedef struct
{
  BosApplication *app;
  GtkAdjustment  *adjustment;
  GArray         *frame_ms;
  gint64          frame_start;
  guint           idle;
} Scroll;

static void
scroll_before_paint_cb (GdkFrameClock *clock,
                        Scroll        *scroll)
{
  scroll->frame_start = g_get_monotonic_time ();
}

static void
scroll_paint_cb (GdkFrameClock *clock,
                 Scroll        *scroll)
{
  gint64 now = g_get_monotonic_time ();
  double value = gtk_adjustment_get_value (scroll->adjustment);
  double end = gtk_adjustment_get_upper (scroll->adjustment) -
               gtk_adjustment_get_page_size (scroll->adjustment);

  if (scroll->frame_start != 0)
    {
      double ms = (now - scroll->frame_start) / 1000.0;
      g_array_append_val (scroll->frame_ms, ms);
    }

  if (value >= end - 0.5 && scroll->frame_ms->len > 0)
    {
      double total = 0.0, worst = 0.0;

      g_signal_handlers_disconnect_by_func (clock, scroll_paint_cb, scroll);
      g_signal_handlers_disconnect_by_func (clock, scroll_before_paint_cb, scroll);
      for (guint i = 0; i < scroll->frame_ms->len; i++)
        {
          double ms = g_array_index (scroll->frame_ms, double, i);
          total += ms;
          worst = MAX (worst, ms);
        }
      g_print ("%.2f %.2f %u\n", total / scroll->frame_ms->len, worst, scroll->frame_ms->len);
      g_application_quit (G_APPLICATION (scroll->app));
      return;
    }
  /* About three rows per frame, as a quick flick of the wheel */
  gtk_adjustment_set_value (scroll->adjustment, MIN (end, value + 60.0));
}

static gboolean
start_scroll_cb (gpointer data)
{
  Scroll *scroll = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (scroll->app));
  GtkWidget *page = bos_window_get_page (BOS_WINDOW (window), "municipalities");
  GtkWidget *view = GTK_WIDGET (bos_municipality_page_get_column_view (BOS_MUNICIPALITY_PAGE (page)));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  scroll->idle = 0;
  scroll->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_signal_connect (clock, "before-paint", G_CALLBACK (scroll_before_paint_cb), scroll);
  g_signal_connect (clock, "after-paint", G_CALLBACK (scroll_paint_cb), scroll);
  gtk_adjustment_set_value (scroll->adjustment, 0.0);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  return G_SOURCE_REMOVE;
}

static void
scroll_activate_cb (BosApplication *app,
                    Scroll         *scroll)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  bos_window_show_page (BOS_WINDOW (window), "municipalities");
  /* Let the table make its rows first. */
  scroll->idle = g_timeout_add (500, start_scroll_cb, scroll);
}

static int
run_scroll_child (const char *db_path)
{
  g_autoptr(BosApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Scroll scroll = { 0 };

  app = bos_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  if (!bos_application_open_store (app, db_path, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return EXIT_FAILURE;
    }
  scroll.app = app;
  scroll.frame_ms = frame_ms;
  g_signal_connect_after (app, "activate", G_CALLBACK (scroll_activate_cb), &scroll);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static int
run_child (const char *db_path)
{
  g_autoptr(BosApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  app = bos_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  if (!bos_application_open_store (app, db_path, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return EXIT_FAILURE;
    }
  store_time = g_get_monotonic_time ();
  g_signal_connect_after (app, "startup", G_CALLBACK (startup_cb), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) startups = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) windows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  int runs = 5;

  start_time = g_get_monotonic_time ();

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--scroll-child"))
    return run_scroll_child (argv[2]);
  if (argc > 1)
    runs = MAX (1, atoi (argv[1]));

  /* Uninstalled: the schemas of this build, settings kept in memory. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", BOSETTING_BUILD_ROOT "/data", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  dir = g_dir_make_tmp ("bench-startup-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "bosetting.sqlite", NULL);
  {
    g_autoptr(BosStore) store = bos_store_open (db_path, BOS_STORE_OPEN_SEED, &error);
    g_assert_no_error (error);
  }

  for (int i = 0; i < runs; i++)
    {
      const char *child_argv[] = { argv[0], "--child", db_path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      double frame, store, startup, window;
      int status;

      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, &err, &status, &error) ||
          !g_spawn_check_wait_status (status, &error) ||
          sscanf (out, "%lf %lf %lf %lf", &frame, &store, &startup, &window) != 4)
        {
          g_printerr ("bench-startup: run %d failed: %s\n%s", i + 1,
                      error ? error->message : "no figures", err ? err : "");
          return EXIT_FAILURE;
        }
      g_array_append_val (frames, frame);
      g_array_append_val (stores, store);
      g_array_append_val (startups, startup);
      g_array_append_val (windows, window);
    }

  g_array_sort (frames, compare_doubles);
  g_array_sort (stores, compare_doubles);
  g_array_sort (startups, compare_doubles);
  g_array_sort (windows, compare_doubles);
  g_print ("cold start to first frame: median %.1f ms, min %.1f ms, max %.1f ms (%d runs; target < 500 ms)\n",
           g_array_index (frames, double, frames->len / 2), g_array_index (frames, double, 0),
           g_array_index (frames, double, frames->len - 1), runs);
  g_print ("  medians: store open at %.1f ms, GTK and libadwaita started at %.1f ms, "
           "window built at %.1f ms\n",
           g_array_index (stores, double, stores->len / 2),
           g_array_index (startups, double, startups->len / 2),
           g_array_index (windows, double, windows->len / 2));

  {
    const char *child_argv[] = { argv[0], "--scroll-child", db_path, NULL };
    g_autofree char *out = NULL;
    double mean, worst;
    guint frames_n;
    int status;

    if (g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                      &out, NULL, &status, NULL) &&
        g_spawn_check_wait_status (status, NULL) &&
        sscanf (out, "%lf %lf %u", &mean, &worst, &frames_n) == 3)
      g_print ("scrolling the municipality table top to bottom: %u frames, work per frame "
               "mean %.1f ms, slowest %.1f ms (target < 16.7 ms)\n", frames_n, mean, worst);
    else
      g_print ("scrolling the municipality table: no figures\n");
  }

  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (db_path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return EXIT_SUCCESS;
}
