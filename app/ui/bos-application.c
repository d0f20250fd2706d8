/* bos-application.c: the Bosetting application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the database (`--db PATH`, else $BOSETTING_DB, else the embedded
 * default), seeding it when it is new, and shows the main window. The
 * application actions (new plan, import, about, quit) live here; the
 * import runs in a worker thread on its own database connection
 * (bos_import_file_async()) and can be cancelled from the window's progress
 * bar (not a toast: see bos_window_show_progress()).
 *
 * Options besides --db open a given place of the window, for launchers,
 * scripts and screenshots: --page NAME (overview, municipalities),
 * --municipality CODE (its detail) and --new-plan (the New Plan dialog).
 * $BOSETTING_COLOR_SCHEME (light, dark) forces a colour scheme, for
 * screenshots of both styles; by default the system's scheme is followed.
 */
#define G_LOG_DOMAIN "bos-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-application.h"
#include "bos-error.h"
#include "bos-import.h"
#include "bos-resources.h"
#include "bos-window.h"

struct _BosApplication
{
  AdwApplication  parent_instance;

  BosStore       *store;
  GCancellable   *import_cancellable;   /* while an import runs */
};

G_DEFINE_FINAL_TYPE (BosApplication, bos_application, ADW_TYPE_APPLICATION)

typedef struct
{
  BosApplication *app;
  char           *file_name;
  BosWindow      *window;   /* weak; shows the progress */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->app);
  g_free (job->file_name);
  g_clear_weak_pointer (&job->window);
  g_free (job);
}

static const struct
{
  BosImportKind  kind;
  const char    *id;
  const char    *label;
} import_kinds[] = {
  { BOS_IMPORT_IMDI, "imdi", N_("IMDi settlement statistics") },
  { BOS_IMPORT_HISTORY, "history", N_("Settlement history (normalised CSV)") },
  { BOS_IMPORT_MUNICIPALITIES, "municipalities", N_("Municipalities and population") },
};

static BosWindow *
get_window (BosApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (BOS_IS_WINDOW (window))
    return BOS_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (BOS_IS_WINDOW (l->data))
      return BOS_WINDOW (l->data);
  return NULL;
}

static void
show_error_dialog (BosApplication *self,
                   const char     *heading,
                   const char     *body,
                   gboolean        quit_on_close)
{
  BosWindow *window = get_window (self);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window ? GTK_WINDOW (window) : NULL,
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "close", quit_on_close ? _("_Quit") : _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  /* Without a main window, the dialog keeps the application running. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  if (quit_on_close)
    g_signal_connect_object (dialog, "response", G_CALLBACK (g_application_quit), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static BosWindow *
ensure_window (BosApplication *self)
{
  BosWindow *window = get_window (self);

  if (window == NULL && self->store != NULL)
    window = bos_window_new (self, self->store);
  return window;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportJob *job = user_data;
  BosApplication *self = job->app;
  g_autoptr(GError) error = NULL;
  BosImportStats stats;
  BosWindow *window;

  g_clear_object (&self->import_cancellable);
  if (job->window != NULL)
    bos_window_hide_progress (job->window);

  /* On success this emits BosStore::changed, so the views reload. */
  if (!bos_import_file_finish (BOS_STORE (object), result, &stats, &error))
    {
      window = get_window (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, BOS_ERROR, BOS_ERROR_CANCELLED))
        {
          if (window != NULL)
            bos_window_show_toast (window, _("Import cancelled; nothing was changed"));
        }
      else
        /* The importer's message names the file, the line and the field. */
        show_error_dialog (self, _("Import Failed"), error->message, FALSE);
      import_job_free (job);
      return;
    }

  window = get_window (self);
  if (window != NULL)
    {
      g_autofree char *inserted = g_strdup_printf ("%u", stats.rows_inserted);
      g_autofree char *updated = g_strdup_printf ("%u", stats.rows_updated);
      g_autofree char *unchanged = g_strdup_printf ("%u", stats.rows_unchanged);
      g_autofree char *message = NULL;

      /* Translators: a toast after an import; the numbers are rows */
      message = g_strdup_printf (_("Imported “%s”: %s new, %s changed, %s unchanged"),
                                 job->file_name, inserted, updated, unchanged);
      bos_window_show_toast (window, message);
    }
  import_job_free (job);
}

/**
 * bos_application_import:
 * @kind: what the file holds
 * @file: a local CSV file
 *
 * Imports @file into the open database in a worker thread, with progress
 * and Cancel in the window; the views reload when it is done. Errors
 * (naming the file, the line and the field) are shown in a dialog.
 */
void
bos_application_import (BosApplication *self,
                        BosImportKind   kind,
                        GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);
  BosWindow *window = get_window (self);
  ImportJob *job;

  g_return_if_fail (BOS_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *body = g_strdup_printf (_("“%s” is not a local file."), uri);

      show_error_dialog (self, _("Import Failed"), body, FALSE);
      return;
    }

  if (self->import_cancellable != NULL)
    {
      if (window != NULL)
        bos_window_show_toast (window, _("An import is running already"));
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->app = g_object_ref (self);
  job->file_name = g_file_get_basename (file);

  if (window != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Importing “%s”…"), job->file_name);

      g_set_weak_pointer (&job->window, window);
      bos_window_show_progress (window, message, "app.cancel-import");
    }

  /* A worker thread with its own database connection */
  self->import_cancellable = g_cancellable_new ();
  bos_import_file_async (self->store, kind, path, self->import_cancellable,
                         import_done_cb, job);
}

static void
cancel_import_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  BosApplication *self = BOS_APPLICATION (user_data);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
import_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  BosApplication *self = BOS_APPLICATION (user_data);
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
      const char *choice = gtk_file_chooser_get_choice (chooser, "kind");
      BosImportKind kind = BOS_IMPORT_IMDI;

      for (guint i = 0; i < G_N_ELEMENTS (import_kinds); i++)
        if (g_strcmp0 (choice, import_kinds[i].id) == 0)
          kind = import_kinds[i].kind;

      if (file != NULL)
        bos_application_import (self, kind, file);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  BosApplication *self = BOS_APPLICATION (user_data);
  BosWindow *window = get_window (self);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const char *ids[G_N_ELEMENTS (import_kinds) + 1] = { NULL };
  const char *labels[G_N_ELEMENTS (import_kinds) + 1] = { NULL };

  if (self->store == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Import"), window ? GTK_WINDOW (window) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  for (guint i = 0; i < G_N_ELEMENTS (import_kinds); i++)
    {
      ids[i] = import_kinds[i].id;
      labels[i] = _(import_kinds[i].label);
    }
  /* Translators: what the file to import holds */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "kind", _("Contents"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "kind", ids[0]);

  g_signal_connect (native, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
new_plan_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  BosApplication *self = BOS_APPLICATION (user_data);
  BosWindow *window = ensure_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      bos_window_new_plan (window);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BosApplication *self = BOS_APPLICATION (user_data);
  static const char *developers[] = { "The Bosetting developers", NULL };
  BosWindow *window = get_window (self);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-name", _("Bosetting"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Bosetting developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Plan the yearly settlement of refugees in Norwegian "
                                      "municipalities: the settlement need, requests, decisions "
                                      "and their history."),
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Reference data"),
                                      _("Population, municipality numbers and counties: "
                                        "Statistics Norway (SSB), table 07459 and the municipal "
                                        "classification.\n"
                                        "Settlement requests, decisions and settled refugees "
                                        "1995–2020: the Directorate of Integration and Diversity "
                                        "(IMDi).\n"
                                        "Municipal areas: the Norwegian Mapping Authority "
                                        "(Kartverket)."),
                                      GTK_LICENSE_CUSTOM,
                                      _("SSB data under the Norwegian Licence for Open Government "
                                        "Data (NLOD) 2.0; IMDi figures are public statistics."));
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Data from"),
                                       (const char *[]) {
                                         "Statistics Norway (SSB) https://www.ssb.no",
                                         "IMDi https://www.imdi.no",
                                         "Kartverket https://www.kartverket.no",
                                         NULL
                                       });
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  BosApplication *self = BOS_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets them save their size and plan. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "new-plan", new_plan_action },
  { "import", import_action },
  { "cancel-import", cancel_import_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
apply_color_scheme (void)
{
  const char *scheme = g_getenv ("BOSETTING_COLOR_SCHEME");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
bos_application_startup (GApplication *application)
{
  BosApplication *self = BOS_APPLICATION (application);

  G_APPLICATION_CLASS (bos_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-plan",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.import",
                                         (const char *[]) { "<Control>o", NULL });
  apply_color_scheme ();
}

static void
bos_application_activate (GApplication *application)
{
  BosApplication *self = BOS_APPLICATION (application);
  BosWindow *window;

  if (self->store == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!bos_application_open_store (self, NULL, &error))
        {
          show_error_dialog (self, _("Could Not Open the Database"), error->message, TRUE);
          return;
        }
    }

  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));
}

static int
bos_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  BosApplication *self = BOS_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *db_path = NULL;
  g_autofree char *page = NULL;
  g_autofree char *municipality = NULL;
  gboolean new_plan = FALSE;
  BosWindow *window;

  g_variant_dict_lookup (options, "db", "^ay", &db_path);
  g_variant_dict_lookup (options, "page", "s", &page);
  g_variant_dict_lookup (options, "municipality", "s", &municipality);
  g_variant_dict_lookup (options, "new-plan", "b", &new_plan);

  if (db_path != NULL && !g_path_is_absolute (db_path))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db_path);
      g_free (db_path);
      db_path = g_file_get_path (file);
    }
  else if (db_path == NULL)
    {
      const char *env = g_application_command_line_getenv (command_line, "BOSETTING_DB");
      if (env != NULL && *env != '\0')
        db_path = g_strdup (env);
    }

  if (self->store != NULL && db_path != NULL &&
      g_strcmp0 (db_path, bos_store_get_path (self->store)) != 0)
    {
      g_application_command_line_printerr (command_line,
                                           _("Bosetting is already running with the database “%s”\n"),
                                           bos_store_get_path (self->store));
      window = get_window (self);
      if (window != NULL)
        gtk_window_present (GTK_WINDOW (window));
      return 1;
    }

  if (self->store == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!bos_application_open_store (self, db_path, &error))
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          show_error_dialog (self, _("Could Not Open the Database"), error->message, TRUE);
          return 1;
        }
    }

  g_application_activate (application);
  window = get_window (self);
  if (window == NULL)
    return 1;

  if (page != NULL && !bos_window_show_page (window, page))
    g_application_command_line_printerr (command_line, _("There is no page “%s”\n"), page);
  if (municipality != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!bos_window_show_municipality (window, municipality, &error))
        g_application_command_line_printerr (command_line, "%s\n", error->message);
    }
  if (new_plan)
    bos_window_new_plan (window);

  return 0;
}

static void
bos_application_shutdown (GApplication *application)
{
  BosApplication *self = BOS_APPLICATION (application);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);

  G_APPLICATION_CLASS (bos_application_parent_class)->shutdown (application);
}

static void
bos_application_dispose (GObject *object)
{
  BosApplication *self = (BosApplication *) object;

  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bos_application_parent_class)->dispose (object);
}

static void
bos_application_class_init (BosApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = bos_application_dispose;

  app_class->startup = bos_application_startup;
  app_class->shutdown = bos_application_shutdown;
  app_class->activate = bos_application_activate;
  app_class->command_line = bos_application_command_line;
}

static void
bos_application_init (BosApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The database to use (default: $BOSETTING_DB, else the one in your data folder)"),
      N_("PATH") },
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The page to show: overview, municipalities, calendar, …"), N_("NAME") },
    { "municipality", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Show the municipality with this number"), N_("CODE") },
    { "new-plan", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the New Plan dialog"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan the yearly settlement of refugees in "
                                              "Norwegian municipalities."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Environment:\n"
                                                  "  BOSETTING_DB            the database, when --db is not given\n"
                                                  "  BOSETTING_COLOR_SCHEME  light or dark, instead of the system's\n"
                                                  "  BOSETTING_LOCALEDIR     where to find translations (uninstalled runs)"));
}

/**
 * bos_application_new:
 *
 * Returns: (transfer full): the application
 */
BosApplication *
bos_application_new (const char        *application_id,
                     GApplicationFlags  flags)
{
  /* Links the resources (templates, style, help overlay) into the
   * program; their constructor registers them. */
  G_GNUC_UNUSED GResource *resources = bos_get_resource ();

  return g_object_new (BOS_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/bosetting/Bosetting",
                       NULL);
}

/**
 * bos_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open database
 */
BosStore *
bos_application_get_store (BosApplication *self)
{
  g_return_val_if_fail (BOS_IS_APPLICATION (self), NULL);
  return self->store;
}

/**
 * bos_application_open_store:
 * @path: (nullable): the database, or %NULL for bos_store_default_path()
 *
 * Opens the database the windows show, seeding it when it is new. Does
 * nothing when a database is open already.
 */
gboolean
bos_application_open_store (BosApplication  *self,
                            const char      *path,
                            GError         **error)
{
  g_autofree char *default_path = NULL;

  g_return_val_if_fail (BOS_IS_APPLICATION (self), FALSE);

  if (self->store != NULL)
    return TRUE;

  if (path == NULL)
    path = default_path = bos_store_default_path ();
  self->store = bos_store_open (path, BOS_STORE_OPEN_SEED, error);
  return self->store != NULL;
}
