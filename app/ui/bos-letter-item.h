/* bos-letter-item.h: a row of the letters page: one municipality's letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bos-letter.h"

G_BEGIN_DECLS

#define BOS_TYPE_LETTER_ITEM (bos_letter_item_get_type ())
G_DECLARE_FINAL_TYPE (BosLetterItem, bos_letter_item, BOS, LETTER_ITEM, GObject)

BosLetterItem   *bos_letter_item_new                (const char    *code,
                                                     const char    *name,
                                                     const char    *county_code,
                                                     const char    *automatic_language);
const char      *bos_letter_item_get_code           (BosLetterItem *self);
const char      *bos_letter_item_get_name           (BosLetterItem *self);
const char      *bos_letter_item_get_county_code    (BosLetterItem *self);
/* "nb" or "nn": the override when there is one, else the automatic one;
 * for a sent letter the language it was sent in */
const char      *bos_letter_item_get_language       (BosLetterItem *self);
/* From the municipality's language form */
const char      *bos_letter_item_get_automatic_language (BosLetterItem *self);
/* "nb", "nn" or NULL */
const char      *bos_letter_item_get_override       (BosLetterItem *self);
gint64           bos_letter_item_get_request        (BosLetterItem *self);
gint64           bos_letter_item_get_minors         (BosLetterItem *self);
gint64           bos_letter_item_get_next_year_figure (BosLetterItem *self);
BosLetterStatus  bos_letter_item_get_status         (BosLetterItem *self);
/* "YYYY-MM-DD" or NULL */
const char      *bos_letter_item_get_sent_on        (BosLetterItem *self);
const char      *bos_letter_item_get_sent_language  (BosLetterItem *self);

/* Sets what may change and emits "changed" when something did. */
void             bos_letter_item_update             (BosLetterItem    *self,
                                                     const BosRequest *request,
                                                     const char       *override,
                                                     BosLetter        *letter);
/* The request as the core takes it */
void             bos_letter_item_get_request_record (BosLetterItem    *self,
                                                     BosRequest       *request);

G_END_DECLS
