/* bos-letter-preview.c: one page of a request letter, as it prints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sheet of A4 as wide as the widget, drawn by the same renderer that
 * writes the PDFs (bos_letter_renderer_draw_page()), so what the planner
 * sees is what the municipality gets. The sheet stays white in the dark
 * style, as paper does.
 */
#define G_LOG_DOMAIN "bos-letter-preview"

#include "config.h"

#include "bos-letter-preview.h"

#define SHEET_MARGIN 12

struct _BosLetterPreview
{
  GtkWidget          parent_instance;

  BosLetterRenderer *renderer;
  BosLetterDocument *document;
  guint              page;
  guint              n_pages;
  guint              n_draws;
};

G_DEFINE_FINAL_TYPE (BosLetterPreview, bos_letter_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_N_PAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bos_letter_preview_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 520;
    }
  else
    {
      int width = for_size > 0 ? for_size : 520;
      double sheet_width = MAX (width - 2 * SHEET_MARGIN, 1);

      *minimum = *natural = (int) (sheet_width * BOS_LETTER_PAGE_HEIGHT / BOS_LETTER_PAGE_WIDTH) +
                            2 * SHEET_MARGIN;
    }
}

static GtkSizeRequestMode
bos_letter_preview_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
bos_letter_preview_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  BosLetterPreview *self = BOS_LETTER_PREVIEW (widget);
  double sheet_width = gtk_widget_get_width (widget) - 2.0 * SHEET_MARGIN;
  double scale = sheet_width / BOS_LETTER_PAGE_WIDTH;
  double sheet_height = BOS_LETTER_PAGE_HEIGHT * scale;
  GskRoundedRect outline;
  GdkRGBA shadow = { 0, 0, 0, 0.25 };
  GdkRGBA white = { 1, 1, 1, 1 };
  graphene_rect_t sheet;
  cairo_t *cr;

  if (sheet_width < 1.0)
    return;

  graphene_rect_init (&sheet, SHEET_MARGIN, SHEET_MARGIN, (float) sheet_width, (float) sheet_height);
  gsk_rounded_rect_init_from_rect (&outline, &sheet, 2.0f);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow, 0, 1, 1, 6);
  gtk_snapshot_append_color (snapshot, &white, &sheet);

  if (self->document == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &sheet);
  cairo_translate (cr, SHEET_MARGIN, SHEET_MARGIN);
  cairo_scale (cr, scale, scale);
  bos_letter_renderer_draw_page (self->renderer, self->document, self->page, cr);
  cairo_destroy (cr);
  self->n_draws++;
}

static void
bos_letter_preview_finalize (GObject *object)
{
  BosLetterPreview *self = (BosLetterPreview *) object;

  g_clear_pointer (&self->document, bos_letter_document_free);
  g_clear_pointer (&self->renderer, bos_letter_renderer_free);

  G_OBJECT_CLASS (bos_letter_preview_parent_class)->finalize (object);
}

static void
bos_letter_preview_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BosLetterPreview *self = BOS_LETTER_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_letter_preview_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BosLetterPreview *self = BOS_LETTER_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      bos_letter_preview_set_page (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_letter_preview_class_init (BosLetterPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bos_letter_preview_finalize;
  object_class->get_property = bos_letter_preview_get_property;
  object_class->set_property = bos_letter_preview_set_property;

  widget_class->measure = bos_letter_preview_measure;
  widget_class->get_request_mode = bos_letter_preview_get_request_mode;
  widget_class->snapshot = bos_letter_preview_snapshot;

  /* The page shown, from 0 */
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* How many pages the letter has; 0 without a letter */
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "letterpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bos_letter_preview_init (BosLetterPreview *self)
{
  self->renderer = bos_letter_renderer_new ();
}

GtkWidget *
bos_letter_preview_new (void)
{
  return g_object_new (BOS_TYPE_LETTER_PREVIEW, NULL);
}

/**
 * bos_letter_preview_take_document:
 * @document: (transfer full) (nullable): the letter to show
 *
 * Shows @document, on the same page as before when it has that many.
 */
void
bos_letter_preview_take_document (BosLetterPreview  *self,
                                  BosLetterDocument *document)
{
  guint n_pages;

  g_return_if_fail (BOS_IS_LETTER_PREVIEW (self));

  g_clear_pointer (&self->document, bos_letter_document_free);
  self->document = document;

  n_pages = document != NULL ? bos_letter_renderer_count_pages (self->renderer, document) : 0;
  if (n_pages != self->n_pages)
    {
      self->n_pages = n_pages;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
    }
  if (self->page >= MAX (n_pages, 1))
    bos_letter_preview_set_page (self, MAX (n_pages, 1) - 1);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * bos_letter_preview_get_document:
 *
 * Returns: (transfer none) (nullable): the letter shown
 */
const BosLetterDocument *
bos_letter_preview_get_document (BosLetterPreview *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_PREVIEW (self), NULL);
  return self->document;
}

guint
bos_letter_preview_get_page (BosLetterPreview *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_PREVIEW (self), 0);
  return self->page;
}

void
bos_letter_preview_set_page (BosLetterPreview *self,
                             guint             page)
{
  g_return_if_fail (BOS_IS_LETTER_PREVIEW (self));

  page = MIN (page, MAX (self->n_pages, 1) - 1);
  if (page == self->page)
    return;
  self->page = page;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

guint
bos_letter_preview_get_n_pages (BosLetterPreview *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_PREVIEW (self), 0);
  return self->n_pages;
}

guint
bos_letter_preview_get_n_draws (BosLetterPreview *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_PREVIEW (self), 0);
  return self->n_draws;
}
