/* bos-form.c: what the editor windows share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The activity editor, the meeting editor, meeting mode and the new-plan
 * dialog read their fields the same way (entry rows stripped, text views
 * without trailing white space), mark a field in error with the "error"
 * style class, show what is wrong in one label, ask before deleting and
 * close once the confirmation is gone. The texts shown come from the
 * callers, already translated: this file has none of its own.
 */
#define G_LOG_DOMAIN "bos-form"

#include "config.h"

#include "bos-form.h"

/**
 * bos_form_dup_text:
 *
 * Returns: (transfer full): the row's text without surrounding white space
 */
char *
bos_form_dup_text (AdwEntryRow *row)
{
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/**
 * bos_form_dup_view_text:
 *
 * Returns: (transfer full): the view's text without trailing white space
 */
char *
bos_form_dup_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strchomp (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/**
 * bos_form_set_view_text:
 * @text: (nullable): the text; %NULL empties the view
 */
void
bos_form_set_view_text (GtkTextView *view,
                        const char  *text)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

/**
 * bos_form_set_field_text:
 * @fields: (array length=n_fields): the editor's fields
 * @name: the field's name
 * @text: the text, as if typed
 *
 * Returns: whether there is such a field
 */
gboolean
bos_form_set_field_text (const BosFormField *fields,
                         guint               n_fields,
                         const char         *name,
                         const char         *text)
{
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);
  g_return_val_if_fail (name != NULL && text != NULL, FALSE);

  for (guint i = 0; i < n_fields; i++)
    {
      if (!g_str_equal (fields[i].name, name))
        continue;
      if (GTK_IS_TEXT_VIEW (fields[i].widget))
        bos_form_set_view_text (GTK_TEXT_VIEW (fields[i].widget), text);
      else
        gtk_editable_set_text (GTK_EDITABLE (fields[i].widget), text);
      return TRUE;
    }
  return FALSE;
}

/**
 * bos_form_set_error:
 * @error: whether @widget shows a value in error
 */
void
bos_form_set_error (GtkWidget *widget,
                    gboolean   error)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  /* The colour is not seen by a screen reader: say it too */
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/**
 * bos_form_show_message:
 * @label: the label that shows what is wrong
 * @message: (inout): the message shown, owned by the caller
 * @text: (nullable): what is wrong, or %NULL to hide the label
 */
void
bos_form_show_message (GtkLabel    *label,
                       char       **message,
                       const char  *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (message != NULL);

  if (g_strcmp0 (*message, text) == 0)
    return;

  g_free (*message);
  *message = g_strdup (text);
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          object)
{
  BosFormFunc confirmed = g_object_get_data (G_OBJECT (dialog), "bos-form-confirmed");

  if (g_str_equal (response, "delete"))
    confirmed (object);
}

/**
 * bos_form_confirm_delete:
 * @parent: the editor
 * @confirmed: called with @object when the planner chose
 *   @delete_label (the response "delete")
 * @object: a #GObject; nothing is called once it is gone
 *
 * Asks whether to delete: @heading and @body, with @cancel_label (the
 * default, also on Escape) and a destructive @delete_label.
 */
void
bos_form_confirm_delete (GtkWindow   *parent,
                         const char  *heading,
                         const char  *body,
                         const char  *cancel_label,
                         const char  *delete_label,
                         BosFormFunc  confirmed,
                         gpointer     object)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (heading != NULL && cancel_label != NULL && delete_label != NULL);
  g_return_if_fail (confirmed != NULL);
  g_return_if_fail (G_IS_OBJECT (object));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", cancel_label,
                                    "delete", delete_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "bos-form-confirmed", confirmed);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), object, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/**
 * bos_form_close_later:
 *
 * Hides @window now and destroys it once the main loop is idle: a
 * confirmation transient for it may still be busy with its response.
 */
void
bos_form_close_later (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_idle_cb, g_object_ref (window),
                   g_object_unref);
}
