/* bos-letter-preview.h: one page of a request letter, as it prints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-letter-pdf.h"

G_BEGIN_DECLS

#define BOS_TYPE_LETTER_PREVIEW (bos_letter_preview_get_type ())
G_DECLARE_FINAL_TYPE (BosLetterPreview, bos_letter_preview, BOS, LETTER_PREVIEW, GtkWidget)

GtkWidget               *bos_letter_preview_new           (void);
/* @document: (transfer full) (nullable) */
void                     bos_letter_preview_take_document (BosLetterPreview  *self,
                                                           BosLetterDocument *document);
const BosLetterDocument *bos_letter_preview_get_document  (BosLetterPreview  *self);
/* From 0 */
guint                    bos_letter_preview_get_page      (BosLetterPreview  *self);
void                     bos_letter_preview_set_page      (BosLetterPreview  *self,
                                                           guint              page);
guint                    bos_letter_preview_get_n_pages   (BosLetterPreview  *self);
/* How many times a page was drawn (for tests) */
guint                    bos_letter_preview_get_n_draws   (BosLetterPreview  *self);

G_END_DECLS
