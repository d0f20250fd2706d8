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
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "bos-application.h"

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
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (db_path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return EXIT_SUCCESS;
}
