/* bos-letter-pdf.c: request letters as PDF (Pango and Cairo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each letter is laid out twice: once to count its pages (for "Side 1 av
 * 2"), once to draw them. Drawing goes to the letter's own file and, in
 * the same pass, to the combined PDF, so no letter is laid out more than
 * twice. Text is laid out by Pango with hinting off, so the PDF looks the
 * same whatever screen settings the machine has.
 */
#define G_LOG_DOMAIN "bos-letter-pdf"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "bos-error.h"
#include "bos-letter-pdf.h"
#include "bos-letter-text.h"

/* A4 in points, margins 25 mm left, 20 mm right and top, 25 mm bottom. */
#define PAGE_WIDTH      595.276
#define PAGE_HEIGHT     841.890
#define MARGIN_LEFT     70.87
#define MARGIN_RIGHT    56.69
#define MARGIN_TOP      56.69
#define MARGIN_BOTTOM   70.87
#define TEXT_WIDTH      (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define INFO_LEFT       340.0        /* the date and reference column */
#define RECIPIENT_TOP   150.0        /* where a window envelope shows it */
#define SUBJECT_TOP     225.0
#define FOOTER_BASELINE (PAGE_HEIGHT - 36.0)
#define PARAGRAPH_GAP   7.0

#define FONT_FAMILY     "DejaVu Serif, Serif"

struct _BosLetterRenderer
{
  PangoFontMap         *font_map;
  PangoContext         *context;
  PangoFontDescription *body;
  PangoFontDescription *subject;
  PangoFontDescription *small;
  PangoFontDescription *small_bold;
  PangoFontDescription *recipient;
  PangoAttrList        *attributes;
};

typedef BosLetterRenderer Renderer;

/* Where drawing goes: none (counting pages), one or two cairo contexts;
 * every page, or only page @only_page (1-based) without a page break. */
typedef struct
{
  cairo_t *targets[2];
  guint    n_targets;
  guint    only_page;
} Canvas;

static const char *
organization_name (const char *language)
{
  return g_str_equal (language, "nn") ? "Integrerings- og mangfaldsdirektoratet"
                                      : "Integrerings- og mangfoldsdirektoratet";
}

static const char *
contact_label (const char *language)
{
  return g_str_equal (language, "nn") ? "Saksbehandlar" : "Saksbehandler";
}

/* ---- documents ----------------------------------------------------------- */

static const char *
value_or_empty (GHashTable *values,
                const char *name)
{
  const char *value = g_hash_table_lookup (values, name);

  return value ? value : "";
}

/**
 * bos_letter_document_new:
 * @code: the municipality number
 * @language: "nb" or "nn"
 * @values: (element-type utf8 utf8): the merge values
 * @content: the merged letter
 *
 * Returns: (transfer full): the document
 */
BosLetterDocument *
bos_letter_document_new (const char *code,
                         const char *language,
                         GHashTable *values,
                         const char *content)
{
  BosLetterDocument *document;
  const char *municipality;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (bos_letter_is_language (language), NULL);
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  municipality = value_or_empty (values, BOS_LETTER_FIELD_MUNICIPALITY);
  document = g_new0 (BosLetterDocument, 1);
  g_strlcpy (document->code, code, sizeof document->code);
  document->year = (int) g_ascii_strtoll (value_or_empty (values, BOS_LETTER_FIELD_YEAR), NULL, 10);
  document->language = g_strdup (language);
  document->recipient = g_strdup_printf ("%s kommune", municipality);
  document->sender = g_strdup (value_or_empty (values, BOS_LETTER_FIELD_SENDER));
  document->date = g_strdup (value_or_empty (values, BOS_LETTER_FIELD_DATE));
  document->reference = g_strdup (value_or_empty (values, BOS_LETTER_FIELD_REFERENCE));
  document->contact = g_strdup (value_or_empty (values, BOS_LETTER_FIELD_CONTACT));
  document->content = g_strdup (content);
  document->file_name = bos_letter_file_name (document->year, code, municipality);
  return document;
}

void
bos_letter_document_free (BosLetterDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->language);
  g_free (document->recipient);
  g_free (document->sender);
  g_free (document->date);
  g_free (document->reference);
  g_free (document->contact);
  g_free (document->content);
  g_free (document->file_name);
  g_free (document);
}

/* ---- layout -------------------------------------------------------------- */

static void
renderer_init (Renderer *renderer)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  renderer->font_map = pango_cairo_font_map_new ();
  renderer->context = pango_font_map_create_context (renderer->font_map);
  pango_cairo_context_set_resolution (renderer->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (renderer->context, options);
  cairo_font_options_destroy (options);

  renderer->body = pango_font_description_from_string (FONT_FAMILY " 10.5");
  renderer->subject = pango_font_description_from_string (FONT_FAMILY " Bold 12");
  renderer->small = pango_font_description_from_string (FONT_FAMILY " 8.5");
  renderer->small_bold = pango_font_description_from_string (FONT_FAMILY " Bold 9");
  renderer->recipient = pango_font_description_from_string (FONT_FAMILY " 11");

  /* No ligatures: “fl” in “flyktninger” stays two letters, so the text
   * copies and searches as it reads, and each PDF embeds one subset per
   * font instead of two. */
  renderer->attributes = pango_attr_list_new ();
  pango_attr_list_insert (renderer->attributes, pango_attr_font_features_new ("liga 0, clig 0"));
}

static void
renderer_clear (Renderer *renderer)
{
  g_clear_pointer (&renderer->body, pango_font_description_free);
  g_clear_pointer (&renderer->subject, pango_font_description_free);
  g_clear_pointer (&renderer->small, pango_font_description_free);
  g_clear_pointer (&renderer->small_bold, pango_font_description_free);
  g_clear_pointer (&renderer->recipient, pango_font_description_free);
  g_clear_pointer (&renderer->attributes, pango_attr_list_unref);
  g_clear_object (&renderer->context);
  g_clear_object (&renderer->font_map);
}

static PangoLayout *
make_layout (Renderer                   *renderer,
             const char                 *text,
             const PangoFontDescription *font,
             double                      width,
             PangoAlignment              alignment)
{
  PangoLayout *layout = pango_layout_new (renderer->context);

  pango_layout_set_attributes (layout, renderer->attributes);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws a whole layout with its top left at @x, @y. */
static void
canvas_show_layout (Canvas      *canvas,
                    PangoLayout *layout,
                    double       x,
                    double       y,
                    double       gray)
{
  for (guint i = 0; i < canvas->n_targets; i++)
    {
      cairo_t *cr = canvas->targets[i];

      cairo_set_source_rgb (cr, gray, gray, gray);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
canvas_show_line (Canvas          *canvas,
                  PangoLayoutLine *line,
                  double           x,
                  double           baseline)
{
  for (guint i = 0; i < canvas->n_targets; i++)
    {
      cairo_t *cr = canvas->targets[i];

      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x, baseline);
      pango_cairo_show_layout_line (cr, line);
    }
}

static void
canvas_show_page (Canvas *canvas)
{
  for (guint i = 0; i < canvas->n_targets; i++)
    cairo_show_page (canvas->targets[i]);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* The top of the first page: sender, date, reference, recipient. */
static void
draw_letterhead (Renderer                *renderer,
                 Canvas                  *canvas,
                 const BosLetterDocument *document)
{
  g_autoptr(PangoLayout) organization = NULL;
  g_autoptr(PangoLayout) sender = NULL;
  g_autoptr(PangoLayout) info = NULL;
  g_autoptr(PangoLayout) recipient = NULL;
  g_autoptr(GString) info_text = g_string_new (NULL);
  double sender_width = INFO_LEFT - MARGIN_LEFT - 14.0;
  double y;

  organization = make_layout (renderer, organization_name (document->language),
                              renderer->small_bold, sender_width, PANGO_ALIGN_LEFT);
  canvas_show_layout (canvas, organization, MARGIN_LEFT, MARGIN_TOP, 0.0);
  y = MARGIN_TOP + layout_height (organization) + 2.0;
  if (*document->sender != '\0')
    {
      sender = make_layout (renderer, document->sender, renderer->small, sender_width,
                            PANGO_ALIGN_LEFT);
      canvas_show_layout (canvas, sender, MARGIN_LEFT, y, 0.2);
    }

  g_string_append_printf (info_text, "Vår dato: %s", document->date);
  if (*document->reference != '\0')
    g_string_append_printf (info_text, "\nVår referanse: %s", document->reference);
  if (*document->contact != '\0')
    g_string_append_printf (info_text, "\n%s: %s", contact_label (document->language),
                            document->contact);
  info = make_layout (renderer, info_text->str, renderer->small,
                      PAGE_WIDTH - MARGIN_RIGHT - INFO_LEFT, PANGO_ALIGN_LEFT);
  canvas_show_layout (canvas, info, INFO_LEFT, MARGIN_TOP, 0.2);

  recipient = make_layout (renderer, document->recipient, renderer->recipient, sender_width,
                           PANGO_ALIGN_LEFT);
  canvas_show_layout (canvas, recipient, MARGIN_LEFT, RECIPIENT_TOP, 0.0);
}

static void
draw_footer (Renderer *renderer,
             Canvas   *canvas,
             guint     page,
             guint     n_pages)
{
  g_autofree char *text = g_strdup_printf ("Side %u av %u", page, n_pages);
  g_autoptr(PangoLayout) footer = make_layout (renderer, text, renderer->small, TEXT_WIDTH,
                                               PANGO_ALIGN_RIGHT);
  int baseline = pango_layout_get_baseline (footer);

  canvas_show_layout (canvas, footer, MARGIN_LEFT,
                      FOOTER_BASELINE - (double) baseline / PANGO_SCALE, 0.2);
}

/* Whether @canvas draws page @page (1-based). */
static gboolean
canvas_draws (const Canvas *canvas,
              guint         page)
{
  return canvas->n_targets > 0 && (canvas->only_page == 0 || canvas->only_page == page);
}

/* Lays out @document and, when @canvas has targets, draws it. Returns the
 * number of pages; @n_pages is the total to print in the footers. */
static guint
render_document (Renderer                *renderer,
                 Canvas                  *canvas,
                 const BosLetterDocument *document,
                 guint                    n_pages)
{
  g_autofree char *subject = bos_letter_dup_subject (document->content);
  g_auto(GStrv) paragraphs = g_strsplit (bos_letter_get_body (document->content), "\n\n", -1);
  guint page = 1;
  double y = SUBJECT_TOP;
  double bottom = PAGE_HEIGHT - MARGIN_BOTTOM;

  if (canvas_draws (canvas, page))
    draw_letterhead (renderer, canvas, document);

  /* The subject (i = −1), then the paragraphs of the body. */
  for (int i = -1; i < 0 || paragraphs[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      PangoLayoutIter *iter;
      const char *text = i < 0 ? subject : paragraphs[i];

      if (*text == '\0')
        continue;
      layout = make_layout (renderer, text, i < 0 ? renderer->subject : renderer->body,
                            TEXT_WIDTH, PANGO_ALIGN_LEFT);
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;
          double top, height, baseline;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          top = (double) logical.y / PANGO_SCALE;
          height = (double) logical.height / PANGO_SCALE;
          baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top;
          if (y + height > bottom)
            {
              if (canvas_draws (canvas, page))
                {
                  draw_footer (renderer, canvas, page, n_pages);
                  if (canvas->only_page == 0)
                    canvas_show_page (canvas);
                }
              page++;
              y = MARGIN_TOP;
            }
          if (canvas_draws (canvas, page))
            canvas_show_line (canvas, pango_layout_iter_get_line_readonly (iter),
                              MARGIN_LEFT, y + baseline);
          y += height;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      y += i < 0 ? 2.0 * PARAGRAPH_GAP : PARAGRAPH_GAP;
    }

  if (canvas_draws (canvas, page))
    {
      draw_footer (renderer, canvas, page, n_pages);
      if (canvas->only_page == 0)
        canvas_show_page (canvas);
    }
  return page;
}

/* ---- drawing on any cairo context ----------------------------------------- */

/**
 * bos_letter_renderer_new:
 *
 * A renderer for drawing letters page by page on a cairo context of the
 * caller's (the app's preview and printing), laid out exactly as in the
 * PDFs. Use it from one thread at a time.
 *
 * Returns: (transfer full): the renderer
 */
BosLetterRenderer *
bos_letter_renderer_new (void)
{
  BosLetterRenderer *renderer = g_new0 (BosLetterRenderer, 1);

  renderer_init (renderer);
  return renderer;
}

void
bos_letter_renderer_free (BosLetterRenderer *renderer)
{
  if (renderer == NULL)
    return;
  renderer_clear (renderer);
  g_free (renderer);
}

/**
 * bos_letter_renderer_count_pages:
 *
 * Returns: the number of pages @document takes (at least 1)
 */
guint
bos_letter_renderer_count_pages (BosLetterRenderer       *renderer,
                                 const BosLetterDocument *document)
{
  Canvas none = { { NULL, NULL }, 0, 0 };

  g_return_val_if_fail (renderer != NULL, 0);
  g_return_val_if_fail (document != NULL, 0);

  return render_document (renderer, &none, document, 0);
}

/**
 * bos_letter_renderer_draw_page:
 * @page: the page, from 0
 * @cr: where to draw, in points with the page's top left corner at 0, 0
 *   (the page is BOS_LETTER_PAGE_WIDTH × BOS_LETTER_PAGE_HEIGHT)
 *
 * Draws one page of @document as the PDF shows it, footer included, but
 * no paper (the caller paints it) and no page break (no cairo_show_page()).
 * Nothing is drawn for a page past the last.
 */
void
bos_letter_renderer_draw_page (BosLetterRenderer       *renderer,
                               const BosLetterDocument *document,
                               guint                    page,
                               cairo_t                 *cr)
{
  Canvas canvas = { { cr, NULL }, 1, page + 1 };
  guint n_pages;

  g_return_if_fail (renderer != NULL);
  g_return_if_fail (document != NULL);
  g_return_if_fail (cr != NULL);

  n_pages = bos_letter_renderer_count_pages (renderer, document);
  if (page >= n_pages)
    return;
  cairo_save (cr);
  render_document (renderer, &canvas, document, n_pages);
  cairo_restore (cr);
}

/* ---- files written whole or not at all ------------------------------------ */

typedef struct
{
  char         *path;
  char         *tmp_path;
  int           fd;
  int           errsv;
  GCancellable *cancellable;
} AtomicFile;

static void
atomic_file_abort (AtomicFile *file)
{
  if (file->fd >= 0)
    close (file->fd);
  file->fd = -1;
  if (file->tmp_path != NULL)
    g_unlink (file->tmp_path);
  g_clear_pointer (&file->tmp_path, g_free);
  g_clear_pointer (&file->path, g_free);
}

static gboolean
atomic_file_open (AtomicFile    *file,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX.tmp", base);

  memset (file, 0, sizeof *file);
  file->fd = -1;
  file->cancellable = cancellable;
  file->path = g_strdup (path);
  file->tmp_path = g_build_filename (dir, name, NULL);
  file->fd = g_mkstemp_full (file->tmp_path, O_WRONLY | O_CREAT | O_EXCL, 0666);
  if (file->fd < 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not write “%s”: %s"), path, g_strerror (errsv));
      g_clear_pointer (&file->tmp_path, g_free);
      atomic_file_abort (file);
      return FALSE;
    }
  return TRUE;
}

static gboolean
atomic_file_commit (AtomicFile  *file,
                    GError     **error)
{
  int fd = file->fd;

  file->fd = -1;
  if (close (fd) != 0 || g_rename (file->tmp_path, file->path) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not write “%s”: %s"), file->path, g_strerror (errsv));
      atomic_file_abort (file);
      return FALSE;
    }
  g_clear_pointer (&file->tmp_path, g_free);
  g_clear_pointer (&file->path, g_free);
  return TRUE;
}

static cairo_status_t
atomic_file_write_cb (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  AtomicFile *file = closure;

  if (g_cancellable_is_cancelled (file->cancellable))
    return CAIRO_STATUS_WRITE_ERROR;
  while (length > 0)
    {
      ssize_t n = write (file->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          file->errsv = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF being written to an AtomicFile. */
typedef struct
{
  AtomicFile       file;
  cairo_surface_t *surface;
  cairo_t         *cr;
} PdfOutput;

static gboolean
pdf_output_open (PdfOutput     *output,
                 Renderer      *renderer,
                 const char    *path,
                 const char    *title,
                 GCancellable  *cancellable,
                 GError       **error)
{
  if (!atomic_file_open (&output->file, path, cancellable, error))
    return FALSE;
  output->surface = cairo_pdf_surface_create_for_stream (atomic_file_write_cb, &output->file,
                                                         PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (output->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (output->surface, CAIRO_PDF_METADATA_AUTHOR,
                                  "Integrerings- og mangfoldsdirektoratet (IMDi)");
  cairo_pdf_surface_set_metadata (output->surface, CAIRO_PDF_METADATA_CREATOR, "Bosetting");
  output->cr = cairo_create (output->surface);
  pango_cairo_update_context (output->cr, renderer->context);
  return TRUE;
}

static void
pdf_output_abort (PdfOutput *output)
{
  g_clear_pointer (&output->cr, cairo_destroy);
  if (output->surface != NULL)
    {
      /* Finishing would write the rest of the file; it is thrown away. */
      output->file.cancellable = NULL;
      cairo_surface_finish (output->surface);
      g_clear_pointer (&output->surface, cairo_surface_destroy);
    }
  atomic_file_abort (&output->file);
}

static gboolean
pdf_output_close (PdfOutput     *output,
                  GCancellable  *cancellable,
                  GError       **error)
{
  cairo_status_t status;

  g_clear_pointer (&output->cr, cairo_destroy);
  cairo_surface_finish (output->surface);
  status = cairo_surface_status (output->surface);
  g_clear_pointer (&output->surface, cairo_surface_destroy);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      atomic_file_abort (&output->file);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR,
                   output->file.errsv ? g_io_error_from_errno (output->file.errsv) : G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s"), output->file.path,
                   output->file.errsv ? g_strerror (output->file.errsv) : cairo_status_to_string (status));
      atomic_file_abort (&output->file);
      return FALSE;
    }
  return atomic_file_commit (&output->file, error);
}

/* ---- export -------------------------------------------------------------- */

static gboolean
export_documents (GPtrArray              *documents,
                  const char             *directory,
                  const char             *combined_path,
                  BosLetterProgressFunc   progress,
                  gpointer                progress_data,
                  GCancellable           *cancellable,
                  GError                **error)
{
  Renderer renderer = { 0 };
  PdfOutput combined = { { 0 } };
  gboolean has_combined = combined_path != NULL;
  gboolean ok = FALSE;

  combined.file.fd = -1;
  renderer_init (&renderer);

  if (directory != NULL && g_mkdir_with_parents (directory, 0755) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the folder “%s”: %s"), directory, g_strerror (errsv));
      goto out;
    }
  if (has_combined && !pdf_output_open (&combined, &renderer, combined_path,
                                        "Anmodning om bosetting av flyktninger", cancellable, error))
    {
      has_combined = FALSE;
      goto out;
    }

  for (guint i = 0; i < documents->len; i++)
    {
      const BosLetterDocument *document = g_ptr_array_index (documents, i);
      Canvas count = { { NULL, NULL }, 0 };
      Canvas canvas = { { NULL, NULL }, 0 };
      PdfOutput single = { { 0 } };
      g_autofree char *subject = NULL;
      guint n_pages;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      subject = bos_letter_dup_subject (document->content);
      n_pages = render_document (&renderer, &count, document, 0);
      if (directory != NULL)
        {
          g_autofree char *path = g_build_filename (directory, document->file_name, NULL);

          if (!pdf_output_open (&single, &renderer, path, subject, cancellable, error))
            goto out;
          canvas.targets[canvas.n_targets++] = single.cr;
        }
      if (has_combined)
        canvas.targets[canvas.n_targets++] = combined.cr;

      render_document (&renderer, &canvas, document, n_pages);

      if (directory != NULL && !pdf_output_close (&single, cancellable, error))
        goto out;
      if (progress != NULL)
        progress (i + 1, documents->len, progress_data);
    }

  if (has_combined)
    {
      has_combined = FALSE;
      if (!pdf_output_close (&combined, cancellable, error))
        goto out;
    }
  ok = TRUE;

out:
  if (has_combined)
    pdf_output_abort (&combined);
  renderer_clear (&renderer);
  return ok;
}

/**
 * bos_letter_pdf_write:
 * @documents: (element-type BosLetterDocument): the letters
 * @path: the PDF to write (replaced when it exists)
 *
 * Returns: %TRUE, or %FALSE with @error set and no file written
 */
gboolean
bos_letter_pdf_write (GPtrArray     *documents,
                      const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (documents != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_documents (documents, NULL, path, NULL, NULL, cancellable, error);
}

/**
 * bos_letter_pdf_export:
 * @documents: (element-type BosLetterDocument): the letters
 * @directory: (nullable): the folder for one PDF per letter
 * @combined_path: (nullable): one PDF with every letter
 * @progress: (nullable) (scope call): called after each letter
 * @cancellable: (nullable): stops the export; the letter being written is
 *   thrown away and the combined PDF is not written
 *
 * Usable from any thread (a GTask worker): it touches no database.
 *
 * Returns: %TRUE, or %FALSE with @error set (G_IO_ERROR_CANCELLED when
 *   cancelled)
 */
gboolean
bos_letter_pdf_export (GPtrArray              *documents,
                       const char             *directory,
                       const char             *combined_path,
                       BosLetterProgressFunc   progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_return_val_if_fail (documents != NULL, FALSE);
  g_return_val_if_fail (directory != NULL || combined_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_documents (documents, directory, combined_path, progress, progress_data,
                           cancellable, error);
}

/* ---- in a worker thread -------------------------------------------------- */

typedef struct
{
  GPtrArray             *documents;
  char                  *directory;
  char                  *combined_path;
  BosLetterProgressFunc  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_data_destroy;
  GMainContext          *context;
} ExportTask;

typedef struct
{
  GTask *task;  /* keeps the progress data alive until this is shown */
  guint  done;
  guint  total;
} ProgressMessage;

typedef struct
{
  GDestroyNotify destroy;
  gpointer       data;
} DestroyMessage;

static gboolean
destroy_message_dispatch_cb (gpointer user_data)
{
  DestroyMessage *message = user_data;

  message->destroy (message->data);
  return G_SOURCE_REMOVE;
}

/* The last reference to the task may go in the worker thread; the
 * progress data is freed in the caller's main context all the same. */
static void
export_task_free (gpointer data)
{
  ExportTask *task = data;

  g_ptr_array_unref (task->documents);
  g_free (task->directory);
  g_free (task->combined_path);
  if (task->progress_data_destroy != NULL)
    {
      DestroyMessage *message = g_new0 (DestroyMessage, 1);

      message->destroy = task->progress_data_destroy;
      message->data = task->progress_data;
      g_main_context_invoke_full (task->context, G_PRIORITY_DEFAULT, destroy_message_dispatch_cb,
                                  message, g_free);
    }
  g_main_context_unref (task->context);
  g_free (task);
}

static gboolean
progress_message_dispatch_cb (gpointer user_data)
{
  ProgressMessage *message = user_data;
  ExportTask *data = g_task_get_task_data (message->task);

  data->progress (message->done, message->total, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_message_free (gpointer user_data)
{
  ProgressMessage *message = user_data;

  g_object_unref (message->task);
  g_free (message);
}

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ExportTask *data = g_task_get_task_data (task);
  ProgressMessage *message = g_new0 (ProgressMessage, 1);

  message->task = g_object_ref (task);
  message->done = done;
  message->total = total;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_message_dispatch_cb,
                              message, progress_message_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTask *data = task_data;
  GError *error = NULL;

  if (!export_documents (data->documents, data->directory, data->combined_path,
                         data->progress ? export_progress_cb : NULL, task, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * bos_letter_pdf_export_async:
 * @documents: (element-type BosLetterDocument): the letters; kept (by
 *   reference) until the export is done and not to be changed meanwhile
 * @progress: (nullable): called in the thread-default main context of
 *   the caller after each letter
 * @progress_data_destroy: (nullable): frees @progress_data, in the caller's
 *   main context, when the export is done and its last progress report shown
 *
 * Like bos_letter_pdf_export(), in a worker thread.
 */
void
bos_letter_pdf_export_async (GPtrArray             *documents,
                             const char            *directory,
                             const char            *combined_path,
                             BosLetterProgressFunc  progress,
                             gpointer               progress_data,
                             GDestroyNotify         progress_data_destroy,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;

  g_return_if_fail (documents != NULL);
  g_return_if_fail (directory != NULL || combined_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ExportTask, 1);
  data->documents = g_ptr_array_ref (documents);
  data->directory = g_strdup (directory);
  data->combined_path = g_strdup (combined_path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_destroy = progress_data_destroy;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bos_letter_pdf_export_async);
  g_task_set_task_data (task, data, export_task_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
bos_letter_pdf_export_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bos_letter_pdf_export_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
