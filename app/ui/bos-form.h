/* bos-form.h: what the editor windows share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A field an editor fills by name: a GtkEditable (entry row) or a
 * GtkTextView. */
typedef struct
{
  const char *name;
  GtkWidget  *widget;
} BosFormField;

typedef void (*BosFormFunc) (gpointer object);

char     *bos_form_dup_text          (AdwEntryRow        *row);
char     *bos_form_dup_view_text     (GtkTextView        *view);
void      bos_form_set_view_text     (GtkTextView        *view,
                                      const char         *text);
gboolean  bos_form_set_field_text    (const BosFormField *fields,
                                      guint               n_fields,
                                      const char         *name,
                                      const char         *text);
void      bos_form_set_error         (GtkWidget          *widget,
                                      gboolean            error);
void      bos_form_show_message      (GtkLabel           *label,
                                      char              **message,
                                      const char         *text);
void      bos_form_confirm_delete    (GtkWindow          *parent,
                                      const char         *heading,
                                      const char         *body,
                                      const char         *cancel_label,
                                      const char         *delete_label,
                                      BosFormFunc         confirmed,
                                      gpointer            object);
void      bos_form_close_later       (GtkWindow          *window);

G_END_DECLS
