/* bos-letter-pdf.h: request letters as PDF (Pango and Cairo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C, no database: a BosLetterDocument holds everything one letter
 * shows, so the PDFs can be written in a worker thread. A4 (595 × 842 pt),
 * the sender (IMDi and the sending office) at the top left, the letter's
 * date, reference and contact at the top right, the recipient "<Name>
 * kommune", the subject in bold, the body, and "Side 1 av 2" at the foot
 * of every page. Cairo embeds the fonts it uses (subsets).
 *
 * Files are written to a temporary file in the same folder
 * (".NAME.XXXXXX.tmp") and renamed into place when complete, so a
 * cancelled or failed export leaves no half-written file: letters finished
 * before the cancellation stay, complete; the combined PDF only appears
 * when every letter is in it.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char   code[8];
  int    year;
  char  *language;   /* "nb" or "nn" */
  char  *recipient;  /* "Tønsberg kommune" */
  char  *sender;     /* the sending office, one or more lines; may be "" */
  char  *date;       /* as printed: "1. oktober 2026" */
  char  *reference;  /* may be "" */
  char  *contact;    /* may be "" */
  char  *content;    /* the merged letter: subject, blank line, paragraphs */
  char  *file_name;  /* "2027-3905-tonsberg-anmodning.pdf" */
} BosLetterDocument;

/* From a letter's merge values (bos-letter-text.h fields) and its merged
 * text. */
BosLetterDocument *bos_letter_document_new      (const char          *code,
                                                 const char          *language,
                                                 GHashTable          *values,
                                                 const char          *content);
void               bos_letter_document_free     (BosLetterDocument   *document);

/* Called after each letter with how many are done; from the thread that
 * writes (bos_letter_pdf_export_async() calls it in the caller's main
 * context instead). */
typedef void (*BosLetterProgressFunc) (guint     done,
                                       guint     total,
                                       gpointer  user_data);

/* Writes @documents (element-type BosLetterDocument) into one PDF at
 * @path, each letter starting on a new page with its own page numbers. */
gboolean           bos_letter_pdf_write         (GPtrArray           *documents,
                                                 const char          *path,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
/* One PDF per document in @directory (created when missing), named by its
 * file_name, and, when @combined_path is given, one PDF with them all. */
gboolean           bos_letter_pdf_export        (GPtrArray           *documents,
                                                 const char          *directory,
                                                 const char          *combined_path,
                                                 BosLetterProgressFunc progress,
                                                 gpointer             progress_data,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
void               bos_letter_pdf_export_async  (GPtrArray           *documents,
                                                 const char          *directory,
                                                 const char          *combined_path,
                                                 BosLetterProgressFunc progress,
                                                 gpointer             progress_data,
                                                 GDestroyNotify       progress_data_destroy,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean           bos_letter_pdf_export_finish (GAsyncResult        *result,
                                                 GError             **error);

/* Drawing letters on a cairo context of the caller's (the app's preview
 * and printing), page by page, laid out exactly as in the PDFs. */
#define BOS_LETTER_PAGE_WIDTH  595.276  /* A4, points */
#define BOS_LETTER_PAGE_HEIGHT 841.890

typedef struct _BosLetterRenderer BosLetterRenderer;

BosLetterRenderer *bos_letter_renderer_new         (void);
void               bos_letter_renderer_free        (BosLetterRenderer       *renderer);
guint              bos_letter_renderer_count_pages (BosLetterRenderer       *renderer,
                                                    const BosLetterDocument *document);
/* @page from 0; in points, the page's top left at 0, 0; text only (no
 * paper, no cairo_show_page()). */
void               bos_letter_renderer_draw_page   (BosLetterRenderer       *renderer,
                                                    const BosLetterDocument *document,
                                                    guint                    page,
                                                    cairo_t                 *cr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosLetterDocument, bos_letter_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosLetterRenderer, bos_letter_renderer_free)

G_END_DECLS
