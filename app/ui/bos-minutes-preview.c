/* bos-minutes-preview.c: the minutes of a meeting, previewed and exported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The minutes are generated from the stored meeting when the window opens
 * and drawn page by page (bos_minutes_render_page(), the same drawing
 * that goes into the PDF) on paper-white pages one below the other, at a
 * zoom the planner chooses. Export PDF asks where to save (GtkFileChooser-
 * Native, so the portal is used in a sandbox) and writes the file whole.
 */
#define G_LOG_DOMAIN "bos-minutes-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-minutes-preview.h"

#define ZOOM_MIN 0.5
#define ZOOM_MAX 2.5
#define ZOOM_STEP 1.2

struct _BosMinutesPreview
{
  AdwWindow             parent_instance;

  BosStore             *store;
  char                 *meeting_id;
  BosMinutes           *minutes;
  double                zoom;
  GtkFileChooserNative *file_chooser;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *zoom_button;
  GtkStack             *stack;
  GtkWidget            *pages_box;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (BosMinutesPreview, bos_minutes_preview, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MEETING_ID,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_draw (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  BosMinutesPreview *self = BOS_MINUTES_PREVIEW (gtk_widget_get_root (GTK_WIDGET (area)));
  guint page = GPOINTER_TO_UINT (data);

  if (self->minutes == NULL || page >= bos_minutes_get_n_pages (self->minutes))
    return;
  cairo_scale (cr, width / BOS_MINUTES_PAGE_WIDTH, height / BOS_MINUTES_PAGE_HEIGHT);
  bos_minutes_render_page (self->minutes, cr, page);
}

static void
size_pages (BosMinutesPreview *self)
{
  g_autofree char *label = g_strdup_printf ("%.0f %%", self->zoom * 100);
  int width = (int) (BOS_MINUTES_PAGE_WIDTH * self->zoom + 0.5);
  int height = (int) (BOS_MINUTES_PAGE_HEIGHT * self->zoom + 0.5);

  for (GtkWidget *child = gtk_widget_get_first_child (self->pages_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *area = gtk_widget_get_first_child (child);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), width);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), height);
    }
  gtk_button_set_label (self->zoom_button, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "minutes.zoom-out", self->zoom > ZOOM_MIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "minutes.zoom-in", self->zoom < ZOOM_MAX);
}

static void
load (BosMinutesPreview *self)
{
  g_autoptr(GError) error = NULL;
  guint n_pages;

  self->minutes = bos_minutes_new_for_id (self->store, self->meeting_id, &error);
  if (self->minutes == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "minutes.export", FALSE);
      return;
    }

  adw_window_title_set_subtitle (self->window_title, bos_minutes_get_title (self->minutes));
  n_pages = bos_minutes_get_n_pages (self->minutes);
  for (guint i = 0; i < n_pages; i++)
    {
      /* A frame gives the page its edge and shadow (.minutes-page). */
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *area = gtk_drawing_area_new ();
      g_autofree char *name = NULL;

      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), page_draw, GUINT_TO_POINTER (i),
                                      NULL);
      /* Translators: the accessible name of a page in the minutes' preview */
      name = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_frame_set_child (GTK_FRAME (frame), area);
      gtk_widget_set_halign (frame, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (frame, "minutes-page");
      gtk_box_append (GTK_BOX (self->pages_box), frame);
    }
  size_pages (self);
  gtk_stack_set_visible_child_name (self->stack, "pages");
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BosMinutesPreview *self = BOS_MINUTES_PREVIEW (widget);

  bos_minutes_preview_set_zoom (self, self->zoom * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BosMinutesPreview *self = BOS_MINUTES_PREVIEW (widget);

  bos_minutes_preview_set_zoom (self, self->zoom / ZOOM_STEP);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  bos_minutes_preview_set_zoom (BOS_MINUTES_PREVIEW (widget), 1.0);
}

static void
export_response_cb (BosMinutesPreview    *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!bos_minutes_preview_export (self, file, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                      _("Could Not Export the Minutes"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_clear_object (&self->file_chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosMinutesPreview *self = BOS_MINUTES_PREVIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->minutes == NULL || self->file_chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");

  self->file_chooser = gtk_file_chooser_native_new (_("Export Minutes"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  name = bos_minutes_dup_file_name (self->minutes);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);
  g_signal_connect_object (self->file_chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
bos_minutes_preview_constructed (GObject *object)
{
  BosMinutesPreview *self = (BosMinutesPreview *) object;

  G_OBJECT_CLASS (bos_minutes_preview_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));
  g_assert (self->meeting_id != NULL);
  load (self);
}

static void
bos_minutes_preview_dispose (GObject *object)
{
  BosMinutesPreview *self = (BosMinutesPreview *) object;

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_MINUTES_PREVIEW);

  G_OBJECT_CLASS (bos_minutes_preview_parent_class)->dispose (object);
}

static void
bos_minutes_preview_finalize (GObject *object)
{
  BosMinutesPreview *self = (BosMinutesPreview *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->meeting_id, g_free);
  g_clear_pointer (&self->minutes, bos_minutes_free);

  G_OBJECT_CLASS (bos_minutes_preview_parent_class)->finalize (object);
}

static void
bos_minutes_preview_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BosMinutesPreview *self = BOS_MINUTES_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MEETING_ID:
      g_value_set_string (value, self->meeting_id);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_minutes_preview_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BosMinutesPreview *self = BOS_MINUTES_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_MEETING_ID:
      self->meeting_id = g_value_dup_string (value);
      break;
    case PROP_ZOOM:
      bos_minutes_preview_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_minutes_preview_class_init (BosMinutesPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_minutes_preview_constructed;
  object_class->dispose = bos_minutes_preview_dispose;
  object_class->finalize = bos_minutes_preview_finalize;
  object_class->get_property = bos_minutes_preview_get_property;
  object_class->set_property = bos_minutes_preview_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The meeting (its activity id) whose minutes are shown */
  properties[PROP_MEETING_ID] =
    g_param_spec_string ("meeting-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* 1.0: a page as large as on paper at 72 dpi */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-minutes-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, BosMinutesPreview, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BosMinutesPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, BosMinutesPreview, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, BosMinutesPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, BosMinutesPreview, pages_box);
  gtk_widget_class_bind_template_child (widget_class, BosMinutesPreview, error_page);

  gtk_widget_class_install_action (widget_class, "minutes.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "minutes.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "minutes.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "minutes.zoom-reset", NULL, zoom_reset_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "minutes.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "minutes.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "minutes.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "minutes.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "minutes.zoom-reset", NULL);
}

static void
bos_minutes_preview_init (BosMinutesPreview *self)
{
  self->zoom = 1.0;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bos_minutes_preview_new:
 * @parent: (nullable): the window the preview belongs to
 * @meeting_id: the meeting
 *
 * Returns: (transfer none): a new preview; it destroys itself when closed
 */
BosMinutesPreview *
bos_minutes_preview_new (GtkWindow  *parent,
                         BosStore   *store,
                         const char *meeting_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return g_object_new (BOS_TYPE_MINUTES_PREVIEW,
                       "transient-for", parent,
                       "store", store,
                       "meeting-id", meeting_id,
                       NULL);
}

/**
 * bos_minutes_preview_get_minutes:
 *
 * Returns: (transfer none) (nullable): the minutes shown, or %NULL when
 *   they could not be made
 */
BosMinutes *
bos_minutes_preview_get_minutes (BosMinutesPreview *self)
{
  g_return_val_if_fail (BOS_IS_MINUTES_PREVIEW (self), NULL);
  return self->minutes;
}

guint
bos_minutes_preview_get_n_pages (BosMinutesPreview *self)
{
  guint n = 0;

  g_return_val_if_fail (BOS_IS_MINUTES_PREVIEW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->pages_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

double
bos_minutes_preview_get_zoom (BosMinutesPreview *self)
{
  g_return_val_if_fail (BOS_IS_MINUTES_PREVIEW (self), 1.0);
  return self->zoom;
}

void
bos_minutes_preview_set_zoom (BosMinutesPreview *self,
                              double             zoom)
{
  g_return_if_fail (BOS_IS_MINUTES_PREVIEW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (G_APPROX_VALUE (zoom, self->zoom, 1e-9))
    return;
  self->zoom = zoom;
  size_pages (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * bos_minutes_preview_export:
 * @file: a local PDF file
 *
 * What Export PDF does once a file is chosen: writes the minutes and
 * shows a toast.
 */
gboolean
bos_minutes_preview_export (BosMinutesPreview  *self,
                            GFile              *file,
                            GError            **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (BOS_IS_MINUTES_PREVIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->minutes == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There are no minutes to export"));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file; choose a folder on this computer"), uri);
      return FALSE;
    }
  if (!bos_minutes_write_pdf (self->minutes, path, error))
    return FALSE;

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Minutes saved as “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  return TRUE;
}
