/* bos-letter-text.h: letter templates, merge fields and names of letter files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template is plain text. The first paragraph is the subject; the
 * others are the body, closing and signature. Paragraphs are separated by
 * a blank line; a single line break stays a line break. Inside the text:
 *
 *   {field}             the value of a merge field
 *   {field|one|many}    a number and the word that goes with it:
 *                       "1 enslig mindreårig", "3 enslige mindreårige"
 *   {?field}…{/field}   the text only when the field has a value that is
 *                       not empty and not 0
 *   {{ and }}           a literal { and }
 *
 * Numbers (request, minors, next_year_figure) are written the Norwegian
 * way: "1 250" with a no-break space. Paragraphs left empty by a
 * condition are dropped. An unknown field is an error that names it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The merge fields a template may use. */
#define BOS_LETTER_FIELD_MUNICIPALITY     "municipality"      /* "Tønsberg" */
#define BOS_LETTER_FIELD_COUNTY           "county"            /* "Vestfold" */
#define BOS_LETTER_FIELD_YEAR             "year"              /* "2027" */
#define BOS_LETTER_FIELD_NEXT_YEAR        "next_year"         /* "2028" */
#define BOS_LETTER_FIELD_REQUEST          "request"           /* persons */
#define BOS_LETTER_FIELD_MINORS           "minors"            /* of which unaccompanied minors */
#define BOS_LETTER_FIELD_NEXT_YEAR_FIGURE "next_year_figure"  /* planning figure, or empty */
#define BOS_LETTER_FIELD_DEADLINE         "deadline"          /* "1. desember 2026" */
#define BOS_LETTER_FIELD_CONTACT          "contact"
#define BOS_LETTER_FIELD_REFERENCE        "reference"
#define BOS_LETTER_FIELD_SIGNATORY        "signatory"
#define BOS_LETTER_FIELD_SIGNATORY_TITLE  "signatory_title"
#define BOS_LETTER_FIELD_DATE             "date"              /* the letter's date */
#define BOS_LETTER_FIELD_SENDER           "sender"            /* the sending office, lines */

const char * const *bos_letter_fields            (void);
gboolean            bos_letter_is_field          (const char   *name);

/* "nn" for a Nynorsk municipality, "nb" for Bokmål and neutral ones
 * (state bodies write to Nynorsk municipalities in Nynorsk); @override
 * ("nb" or "nn") wins when given. */
const char         *bos_letter_language_for      (const char   *language_form,
                                                  const char   *override);
gboolean            bos_letter_is_language       (const char   *language);

/* "Tønsberg" → "tonsberg": lower-case ASCII, æ → ae, ø → o, å → a,
 * other letters without their accents, anything else → "-". */
char               *bos_letter_slug              (const char   *name);
/* "2027-3905-tonsberg-anmodning.pdf" */
char               *bos_letter_file_name         (int           year,
                                                  const char   *code,
                                                  const char   *name);
/* 1250 → "1 250" (no-break space) */
char               *bos_letter_format_number     (gint64        number);

/* The default template of @language ("nb" or "nn"), from the resources
 * compiled into the program. */
char               *bos_letter_default_template  (const char   *language);
/* Checks the syntax and the field names without merging. */
gboolean            bos_letter_template_check    (const char   *template_text,
                                                  GError      **error);
/* Merges @values (field name → text; numbers as digits) into
 * @template_text. A field without a value merges as empty text.
 * Returns: (transfer full): the letter's text, or NULL with @error set */
char               *bos_letter_merge             (const char   *template_text,
                                                  GHashTable   *values,
                                                  GError      **error);
/* The subject (first paragraph) of a merged letter. */
char               *bos_letter_dup_subject       (const char   *content);
/* Everything after the subject. */
const char         *bos_letter_get_body          (const char   *content);

G_END_DECLS
