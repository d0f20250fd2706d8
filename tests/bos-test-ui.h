/* bos-test-ui.h: helpers for the tests that drive the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only (static inline), like bos-test-util.h: setting up a UI test
 * program as GNOME apps do, running the main loop until something holds,
 * finding windows and widgets, and screenshots.
 */
#pragma once

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#define BOS_TEST_UI_TIMEOUT_MS 10000

/* Whether what a test waits for holds */
typedef gboolean (*BosTestCondition) (gpointer data);

static inline gboolean
bos_test_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Returns: (transfer none) (nullable): a visible toplevel of @type */
static inline GtkWindow *
bos_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;  /* the toplevel list keeps it */
    }
  return NULL;
}

/* Runs the main loop until @condition holds; fails after
 * BOS_TEST_UI_TIMEOUT_MS, showing the message dialog that is open, if any
 * (it usually says why). */
static inline void
bos_test_wait_for (BosTestCondition  condition,
                   gpointer          data,
                   const char       *what)
{
  gint64 deadline = g_get_monotonic_time () + BOS_TEST_UI_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (10, bos_test_wake_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          GtkWindow *message = bos_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

          if (message != NULL)
            g_printerr ("# Dialog: %s: %s\n",
                        adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)),
                        adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)));
          g_error ("Timed out waiting for %s", what);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

/* Lets pending idles, animations and frame callbacks run for @ms. */
static inline void
bos_test_settle_for (int ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (10, bos_test_wake_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (wake);
}

static inline void
bos_test_settle (void)
{
  bos_test_settle_for (250);
}

/* With BOSETTING_SCREENSHOTS=DIR: the screen as DIR/NAME.png */
static inline void
bos_test_screenshot (const char *name)
{
  const char *dir = g_getenv ("BOSETTING_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL || *dir == '\0')
    return;
  bos_test_settle ();
  bos_test_settle ();
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  argv[3] = path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     NULL, &error))
    g_test_message ("No screenshot %s: %s", path, error->message);
}

/* Conditions for bos_test_wait_for() */

static inline gboolean
bos_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

/* @pointer: the address of a pointer (a weak pointer, say) */
static inline gboolean
bos_test_is_null (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

/* @type: a GType, as GSIZE_TO_POINTER (type); a mapped toplevel of it */
static inline gboolean
bos_test_has_toplevel (gpointer type)
{
  GtkWindow *window = bos_test_find_toplevel ((GType) GPOINTER_TO_SIZE (type));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} BosTestModelSize;

/* @size: a BosTestModelSize */
static inline gboolean
bos_test_has_n_items (gpointer size)
{
  BosTestModelSize *model_size = size;

  return g_list_model_get_n_items (model_size->model) == model_size->n_items;
}

/* Adds @widget and every widget below it of @type to @found, in order */
static inline void
bos_test_collect (GtkWidget *widget,
                  GType      type,
                  GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    bos_test_collect (child, type, found);
}

/* Sets up a UI test program: the C locale, or the language in
 * $BOSETTING_TEST_LANGUAGE ("nb", "nn") for screenshots, with the
 * uninstalled build's translations bound as app/main.c binds them; a
 * private session bus (GtkApplication wants one); then gtk_test_init()
 * and adw_init().
 *
 * Returns: (transfer full): the bus; after g_test_run(), stop it with
 *   g_test_dbus_stop(), not g_test_dbus_down(), which waits for the bus
 *   connection to be finalized: libadwaita's style manager keeps it for
 *   the life of the process. */
static inline GTestDBus *
bos_test_ui_init (int    *argc,
                  char ***argv)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  const char *language = g_getenv ("BOSETTING_TEST_LANGUAGE");
  const char *localedir = g_getenv ("BOSETTING_LOCALEDIR");
  GTestDBus *bus;

  if (language != NULL && *language != '\0')
    {
      g_setenv ("LANGUAGE", language, TRUE);
      g_setenv ("LC_ALL", "nb_NO.UTF-8", TRUE);
    }
  else
    {
      g_setenv ("LANGUAGE", "C", TRUE);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The private bus unsets DISPLAY, which Xvfb set for us. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  gtk_test_init (argc, argv, NULL);
  /* gtk_test_init() sets a fixed locale; take the one asked for above */
  setlocale (LC_ALL, "");
  adw_init ();
  return bus;
}
