/* bos-letters-page.h: the request letters of the open plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-letter-preview.h"
#include "bos-page.h"

G_BEGIN_DECLS

#define BOS_TYPE_LETTERS_PAGE (bos_letters_page_get_type ())
G_DECLARE_FINAL_TYPE (BosLettersPage, bos_letters_page, BOS, LETTERS_PAGE, GtkWidget)

/* Every letter of the plan (element-type BosLetterItem), code order */
GListModel       *bos_letters_page_get_items         (BosLettersPage  *self);
gboolean          bos_letters_page_select            (BosLettersPage  *self,
                                                      const char      *code);
const char       *bos_letters_page_get_selected_code (BosLettersPage  *self);
GtkColumnView    *bos_letters_page_get_column_view   (BosLettersPage  *self);
GtkEditable      *bos_letters_page_get_search_entry  (BosLettersPage  *self);
BosLetterPreview *bos_letters_page_get_preview       (BosLettersPage  *self);
/* "nb" or "nn" */
GtkTextView      *bos_letters_page_get_template_view (BosLettersPage  *self,
                                                      const char      *language);
/* The error of the template shown in the editor, or NULL */
const char       *bos_letters_page_get_template_error (BosLettersPage *self);
GtkWidget        *bos_letters_page_get_error_label   (BosLettersPage  *self);
/* "edit" or "sent" */
const char       *bos_letters_page_get_editor_mode   (BosLettersPage  *self);
/* Saves edited templates and settings now instead of in a moment. */
void              bos_letters_page_save_now          (BosLettersPage  *self);
/* The export as the Export button starts it, into @directory. */
gboolean          bos_letters_page_export_to         (BosLettersPage  *self,
                                                      const char      *directory,
                                                      GError         **error);
gboolean          bos_letters_page_get_exporting     (BosLettersPage  *self);
void              bos_letters_page_cancel_export     (BosLettersPage  *self);
/* Prints every letter; with @export_path to that PDF without a dialog. */
gboolean          bos_letters_page_print             (BosLettersPage  *self,
                                                      const char      *export_path,
                                                      GError         **error);
/* @code NULL: every draft */
gboolean          bos_letters_page_mark_sent         (BosLettersPage  *self,
                                                      const char      *code,
                                                      const char      *sent_on,
                                                      GError         **error);

G_END_DECLS
