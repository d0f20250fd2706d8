/* bos-letter.h: the request letter to a municipality, its status and its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-letter-pdf.h"
#include "bos-requests.h"
#include "bos-store.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_LETTER_STATUS_DRAFT,
  BOS_LETTER_STATUS_SENT,
} BosLetterStatus;

#define BOS_TYPE_LETTER_STATUS (bos_letter_status_get_type ())
GType        bos_letter_status_get_type     (void) G_GNUC_CONST;
/* "draft", "sent" */
const char  *bos_letter_status_to_string    (BosLetterStatus  status);

#define BOS_TYPE_LETTER (bos_letter_get_type ())
G_DECLARE_FINAL_TYPE (BosLetter, bos_letter, BOS, LETTER, GObject)

char        *bos_letter_make_id             (int              year,
                                             const char      *code);

const char  *bos_letter_get_id              (BosLetter       *self);
const char  *bos_letter_get_plan_id         (BosLetter       *self);
int          bos_letter_get_year            (BosLetter       *self);
const char  *bos_letter_get_code            (BosLetter       *self);
const char  *bos_letter_get_language        (BosLetter       *self);
BosLetterStatus bos_letter_get_status       (BosLetter       *self);
/* "YYYY-MM-DD" when sent, else NULL */
const char  *bos_letter_get_sent_on         (BosLetter       *self);
/* The merged text as stored (for a sent letter: what was sent). */
const char  *bos_letter_get_content         (BosLetter       *self);
/* The merge values as stored, field → text. */
GHashTable  *bos_letter_dup_values          (BosLetter       *self);
const char  *bos_letter_get_modified        (BosLetter       *self);
const char  *bos_letter_get_author          (BosLetter       *self);
BosLetterDocument *bos_letter_to_document   (BosLetter       *self);

BosLetter   *bos_letter_load                (BosStore        *store,
                                             int              year,
                                             const char      *code,
                                             GError         **error);
GListModel  *bos_letter_list                (BosStore        *store,
                                             const char      *plan_id,
                                             GError         **error);
gboolean     bos_letter_save_draft          (BosStore        *store,
                                             const char      *plan_id,
                                             const char      *code,
                                             const char      *language,
                                             GHashTable      *values,
                                             const char      *content,
                                             GError         **error);
gboolean     bos_letter_mark_sent           (BosStore        *store,
                                             int              year,
                                             const char      *code,
                                             const char      *sent_on,
                                             GError         **error);

/* What a plan's letters say besides the numbers. */
typedef struct
{
  char *sender;           /* the sending office and its address, lines */
  char *contact;          /* "Kari Nordmann, tlf. 400 00 000, kari.nordmann@imdi.no" */
  char *signatory;
  char *signatory_title;
  char *reference;        /* the case number, "26/01234" */
  char *letter_date;      /* "YYYY-MM-DD"; NULL: the day the letters are made */
} BosLetterSettings;

void         bos_letter_settings_clear      (BosLetterSettings       *settings);
gboolean     bos_letter_settings_load       (BosStore                *store,
                                             const char              *plan_id,
                                             BosLetterSettings       *settings,
                                             GError                 **error);
gboolean     bos_letter_settings_save       (BosStore                *store,
                                             const char              *plan_id,
                                             const BosLetterSettings *settings,
                                             GError                 **error);

/* The language a municipality is written to in: its override, else from
 * its language form (bos_letter_language_for()). */
char        *bos_letter_language_of         (BosStore        *store,
                                             const char      *code,
                                             GError         **error);
/* @language "nb" or "nn", or NULL to follow the language form again. */
gboolean     bos_letter_set_language_override (BosStore      *store,
                                             const char      *code,
                                             const char      *language,
                                             GError         **error);

/* Code → "nb" or "nn" for every municipality with an override. */
GHashTable  *bos_letter_dup_language_overrides (BosStore    *store,
                                             GError         **error);

/* The template planners edited for @language, or the default one. */
char        *bos_letter_load_template       (BosStore        *store,
                                             const char      *language,
                                             GError         **error);
/* @text NULL (or "") goes back to the default template. */
gboolean     bos_letter_save_template       (BosStore        *store,
                                             const char      *language,
                                             const char      *text,
                                             GError         **error);

/* The letters for @requests (element-type BosRequest) with a request
 * above 0, in code order (element-type BosLetterDocument). A letter
 * already sent comes back as it was sent. @settings NULL: the plan's
 * stored settings; @deadline NULL: the plan's answer deadline (an error
 * when it has none). With @save_drafts the merged letters not yet sent are
 * stored as drafts, so that what is exported is what bos_letter_mark_sent()
 * freezes, and drafts to municipalities no longer asked are deleted. */
GPtrArray   *bos_letter_prepare             (BosStore                *store,
                                             const char              *plan_id,
                                             GArray                  *requests,
                                             const BosLetterSettings *settings,
                                             const GDate             *deadline,
                                             gboolean                 save_drafts,
                                             GError                 **error);

/* One letter as bos_letter_prepare() makes it, for a preview: nothing is
 * stored, a sent letter is merged anew. @language NULL: the
 * municipality's; @template_text NULL: the stored template; @settings and
 * @deadline NULL: the plan's. */
BosLetterDocument *bos_letter_make_document (BosStore                *store,
                                             const char              *plan_id,
                                             const BosRequest        *request,
                                             const char              *language,
                                             const char              *template_text,
                                             const BosLetterSettings *settings,
                                             const GDate             *deadline,
                                             GError                 **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BosLetterSettings, bos_letter_settings_clear)

G_END_DECLS
