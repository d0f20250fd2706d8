/* bos-minutes.c: the minutes of a collaboration meeting, as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The minutes are a list of items (headings, paragraphs, table rows,
 * rules), each laid out by Pango at 72 dpi with hinting off, so the pages
 * look the same on screen and on paper. Pagination places them top-down
 * on A4; a table that continues on the next page repeats its header row,
 * and a heading is never left alone at the foot of a page. Rendering a
 * page draws the placed items with their own layouts, so the preview and
 * the PDF are the same drawing.
 */
#define G_LOG_DOMAIN "bos-minutes"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "bos-error.h"
#include "bos-minutes.h"
#include "bos-plan.h"

#define PAGE_WIDTH      BOS_MINUTES_PAGE_WIDTH
#define PAGE_HEIGHT     BOS_MINUTES_PAGE_HEIGHT
#define MARGIN_LEFT     62.36   /* 22 mm */
#define MARGIN_RIGHT    56.69   /* 20 mm */
#define MARGIN_TOP      56.69
#define MARGIN_BOTTOM   70.87   /* 25 mm: room for the footer */
#define TEXT_WIDTH      (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define FOOTER_TOP      (PAGE_HEIGHT - 46.0)
#define CELL_PAD_X      4.0
#define CELL_PAD_Y      3.0
#define MAX_COLUMNS     6

#define FONT_FAMILY     "DejaVu Sans, Sans"

typedef enum
{
  ITEM_TEXT,
  ITEM_ROW,
  ITEM_RULE,
} ItemKind;

typedef enum
{
  ROW_BODY,
  ROW_HEADER,
  ROW_TOTAL,
} RowKind;

typedef struct
{
  guint           n_columns;
  double          widths[MAX_COLUMNS];
  PangoAlignment  align[MAX_COLUMNS];
} TableSpec;

typedef struct
{
  ItemKind          kind;
  double            gap_before;      /* dropped at the top of a page */
  double            height;
  double            indent;
  gboolean          keep_with_next;  /* a heading */
  double            gray;            /* text colour, 0 = black */
  PangoLayout      *layout;          /* ITEM_TEXT */
  const TableSpec  *table;           /* ITEM_ROW */
  RowKind           row_kind;
  gboolean          shaded;
  PangoLayout      *cells[MAX_COLUMNS];
  double            cell_gray[MAX_COLUMNS];
  int               header;          /* the table's header item, or -1 */
} Item;

typedef struct
{
  guint  item;
  double y;
} Placement;

struct _BosMinutes
{
  char                 *title;
  char                 *file_name;

  PangoFontMap         *font_map;
  PangoContext         *context;
  PangoFontDescription *body;
  PangoFontDescription *bold;
  PangoFontDescription *small;
  PangoFontDescription *small_bold;
  PangoFontDescription *heading;
  PangoFontDescription *title_font;
  PangoFontDescription *kicker;

  TableSpec             info_table;
  TableSpec             participant_table;
  TableSpec             number_table;

  GArray               *items;   /* Item */
  GPtrArray            *pages;   /* GArray of Placement */
  PangoLayout          *footer_left;
};

/* ---- building the items --------------------------------------------------- */

static PangoLayout *
make_layout (BosMinutes                 *self,
             const char                 *text,
             const PangoFontDescription *font,
             double                      width,
             PangoAlignment              alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static Item *
add_item (BosMinutes *self,
          ItemKind    kind,
          double      gap_before)
{
  Item item = { 0 };

  item.kind = kind;
  item.gap_before = gap_before;
  item.header = -1;
  g_array_append_val (self->items, item);
  return &g_array_index (self->items, Item, self->items->len - 1);
}

static void
add_text (BosMinutes                 *self,
          const char                 *text,
          const PangoFontDescription *font,
          double                      gap_before,
          double                      indent,
          double                      gray)
{
  Item *item = add_item (self, ITEM_TEXT, gap_before);

  item->indent = indent;
  item->gray = gray;
  item->layout = make_layout (self, text, font, TEXT_WIDTH - indent, PANGO_ALIGN_LEFT);
  item->height = layout_height (item->layout);
}

static void
add_heading (BosMinutes *self,
             const char *text)
{
  add_text (self, text, self->heading, 20.0, 0, 0);
  g_array_index (self->items, Item, self->items->len - 1).keep_with_next = TRUE;
}

static void
add_rule (BosMinutes *self,
          double      gap_before)
{
  Item *item = add_item (self, ITEM_RULE, gap_before);

  item->height = 0.8;
}

/* Adds a table row; returns its index. @fonts may be NULL (body font). */
static guint
add_row (BosMinutes                  *self,
         const TableSpec             *table,
         RowKind                      row_kind,
         int                          header,
         const char * const          *texts,
         const PangoFontDescription **fonts,
         const double                *grays)
{
  Item *item = add_item (self, ITEM_ROW, row_kind == ROW_HEADER ? 8.0 : 0.0);
  double height = 0;

  item->table = table;
  item->row_kind = row_kind;
  item->header = header;
  for (guint c = 0; c < table->n_columns; c++)
    {
      const PangoFontDescription *font = fonts && fonts[c] ? fonts[c] : self->body;

      if (row_kind != ROW_BODY)
        font = self->small_bold;
      item->cells[c] = make_layout (self, texts[c], font, table->widths[c] - 2 * CELL_PAD_X,
                                    table->align[c]);
      item->cell_gray[c] = grays ? grays[c] : (row_kind == ROW_HEADER ? 0.3 : 0);
      height = MAX (height, layout_height (item->cells[c]));
    }
  item->height = height + 2 * CELL_PAD_Y;
  return self->items->len - 1;
}

static void
table_spec_init (TableSpec            *table,
                 guint                 n_columns,
                 const double         *fractions,
                 const PangoAlignment *align)
{
  table->n_columns = n_columns;
  for (guint c = 0; c < n_columns; c++)
    {
      table->widths[c] = TEXT_WIDTH * fractions[c];
      table->align[c] = align[c];
    }
}

static char *
format_number (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* "+5", "−3" (a real minus sign), "0" */
static char *
format_change (gint64 change)
{
  if (change > 0)
    return g_strdup_printf ("+%" G_GINT64_FORMAT, change);
  if (change < 0)
    return g_strdup_printf ("−%" G_GINT64_FORMAT, -change);
  return g_strdup ("0");
}

static void
add_info_row (BosMinutes *self,
              const char *label,
              const char *value)
{
  const char *texts[2] = { label, value };
  const PangoFontDescription *fonts[2] = { self->bold, self->body };

  if (value == NULL || *value == '\0')
    return;
  add_row (self, &self->info_table, ROW_BODY, -1, texts, fonts, NULL);
}

static void
build_participants (BosMinutes *self,
                    BosMeeting *meeting)
{
  GPtrArray *participants = bos_meeting_get_participants (meeting);
  const char *header_texts[] = {
    C_("minutes column", "Organisation"), C_("minutes column", "Name"),
    C_("minutes column", "Role"), C_("minutes column", "E-mail"),
  };
  guint header;

  add_heading (self, _("Participants"));
  if (participants->len == 0)
    {
      add_text (self, _("No participants were recorded."), self->body, 6.0, 0, 0.35);
      return;
    }

  header = add_row (self, &self->participant_table, ROW_HEADER, -1, header_texts, NULL, NULL);
  for (guint i = 0; i < participants->len; i++)
    {
      BosParticipant *participant = g_ptr_array_index (participants, i);
      const char *texts[] = {
        participant->organisation, participant->name, participant->role, participant->email,
      };

      add_row (self, &self->participant_table, ROW_BODY, (int) header, texts, NULL, NULL);
      g_array_index (self->items, Item, self->items->len - 1).shaded = i % 2 == 1;
    }
}

static void
build_agenda (BosMinutes *self,
              BosMeeting *meeting)
{
  GPtrArray *agenda = bos_meeting_get_agenda (meeting);

  add_heading (self, _("Agenda"));
  if (agenda->len == 0)
    {
      add_text (self, _("No agenda was recorded."), self->body, 6.0, 0, 0.35);
      return;
    }
  for (guint i = 0; i < agenda->len; i++)
    {
      BosAgendaItem *item = g_ptr_array_index (agenda, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, item->title);

      add_text (self, title, self->bold, i == 0 ? 6.0 : 8.0, 0, 0);
      if (*item->notes != '\0')
        add_text (self, item->notes, self->body, 2.0, 16.0, 0.15);
    }
}

static void
build_numbers (BosMinutes *self,
               BosMeeting *meeting,
               const char *county_name)
{
  GPtrArray *rows = bos_meeting_get_municipalities (meeting);
  const char *header_texts[] = {
    C_("minutes column", "No."), C_("minutes column", "Municipality"),
    C_("minutes column", "Proposed"), C_("minutes column", "Agreed"),
    C_("minutes column", "Change"), C_("minutes column", "Reason"),
  };
  g_autofree char *heading = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *county_total = NULL;
  g_autofree char *result_total = NULL;
  g_autofree char *total_change = NULL;
  gint64 total = bos_meeting_get_county_total (meeting);
  gint64 result = bos_meeting_get_result_total (meeting);
  guint n_agreed = bos_meeting_get_n_agreed (meeting);
  guint header;

  if (county_name != NULL)
    /* Translators: a heading in the minutes; %s is a county */
    heading = g_strdup_printf (_("Requests per municipality in %s"), county_name);
  else
    heading = g_strdup (_("Requests per municipality"));
  add_heading (self, heading);

  if (rows->len == 0)
    {
      add_text (self, _("The meeting has not taken up the numbers per municipality."),
                self->body, 6.0, 0, 0.35);
      return;
    }

  county_total = format_number (total);
  explanation = g_strdup_printf (ngettext ("Proposed: the request when the meeting took up the "
                                           "county. %u number was agreed in the meeting (in "
                                           "bold); the other municipalities were recomputed so "
                                           "that the county total stays at %s.",
                                           "Proposed: the request when the meeting took up the "
                                           "county. %u numbers were agreed in the meeting (in "
                                           "bold); the other municipalities were recomputed so "
                                           "that the county total stays at %s.",
                                           n_agreed),
                                 n_agreed, county_total);
  add_text (self, explanation, self->small, 4.0, 0, 0.25);

  header = add_row (self, &self->number_table, ROW_HEADER, -1, header_texts, NULL, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      BosMeetingMunicipality *row = g_ptr_array_index (rows, i);
      gboolean agreed = row->agreed >= 0;
      gint64 value = agreed ? row->agreed : row->result;
      g_autofree char *proposed = format_number (row->proposed);
      g_autofree char *final = format_number (value);
      g_autofree char *change = format_change (value - row->proposed);
      const char *reason = agreed ? (*row->why ? row->why : C_("minutes reason", "agreed"))
                                  : (value != row->proposed ? C_("minutes reason", "recomputed")
                                                            : "");
      const char *texts[] = { row->code, row->name, proposed, final, change, reason };
      const PangoFontDescription *fonts[] = {
        self->body, self->body, self->body, agreed ? self->bold : self->body, self->body,
        self->small,
      };
      const double grays[] = { 0.3, 0, 0, 0, 0, agreed ? 0 : 0.4 };

      add_row (self, &self->number_table, ROW_BODY, (int) header, texts, fonts, grays);
      g_array_index (self->items, Item, self->items->len - 1).shaded = i % 2 == 1;
    }

  result_total = format_number (result);
  total_change = format_change (result - total);
  {
    const char *texts[] = { "", C_("minutes", "County total"), county_total, result_total,
                            total_change, "" };

    add_row (self, &self->number_table, ROW_TOTAL, -1, texts, NULL, NULL);
  }

  if (result != total)
    {
      g_autofree char *warning = NULL;

      /* Translators: %s are numbers of persons */
      warning = g_strdup_printf (_("The requests add up to %s, not to the county total %s: the "
                                   "agreed numbers could not all be met."),
                                 result_total, county_total);
      add_text (self, warning, self->bold, 6.0, 0, 0);
    }
}

static void
build (BosMinutes *self,
       BosStore   *store,
       BosMeeting *meeting)
{
  BosActivity *activity = bos_meeting_get_activity (meeting);
  g_autoptr(BosPlan) plan = bos_plan_load (store, bos_activity_get_plan_id (activity), NULL);
  g_autofree char *plan_title = plan ? bos_plan_dup_title (plan) : NULL;
  g_autofree char *county_name = bos_meeting_dup_county_name (meeting, store);
  g_autofree char *subtitle = NULL;
  g_autofree char *dates = bos_activity_dup_dates_label (activity);
  g_autofree char *responsible = bos_activity_dup_list_label (bos_activity_get_responsible (activity));
  g_autofree char *county = NULL;
  g_autofree char *generated = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *footer = NULL;
  BosPlanDate date;
  const char *notes = bos_activity_get_notes (activity);

  add_text (self, C_("minutes", "MINUTES"), self->kicker, 0, 0, 0.35);
  add_text (self, self->title, self->title_font, 4.0, 0, 0);
  if (plan_title != NULL && county_name != NULL)
    /* Translators: under the minutes' title: the plan and the county */
    subtitle = g_strdup_printf (_("%s · %s"), plan_title, county_name);
  else
    subtitle = g_strdup (plan_title ? plan_title : county_name);
  if (subtitle != NULL)
    add_text (self, subtitle, self->body, 4.0, 0, 0.3);
  add_rule (self, 10.0);

  {
    guint first = self->items->len;

    add_info_row (self, _("Date and time"), dates);
    add_info_row (self, _("Place"), bos_activity_get_location (activity));
    add_info_row (self, _("Video link"), bos_activity_get_video_link (activity));
    if (bos_activity_get_county_code (activity) != NULL)
      {
        const char *code = bos_activity_get_county_code (activity);

        if (g_strcmp0 (county_name, code) == 0)
          county = g_strdup (code);
        else
          county = g_strdup_printf ("%s (%s)", county_name, code);
        add_info_row (self, _("County"), county);
      }
    add_info_row (self, _("Responsible"), responsible);
    add_info_row (self, _("Minutes by"), bos_store_get_author (store));
    if (self->items->len > first)
      g_array_index (self->items, Item, first).gap_before = 8.0;
  }

  build_participants (self, meeting);
  build_agenda (self, meeting);
  build_numbers (self, meeting, county_name);

  if (*notes != '\0')
    {
      add_heading (self, _("Notes"));
      add_text (self, notes, self->body, 6.0, 0, 0);
    }

  bos_plan_date_parse (today, &date, NULL);
  generated = bos_plan_date_format (&date);
  /* Translators: at the foot of every page of the minutes; the meeting,
   * then the day the minutes were made */
  footer = g_strdup_printf (_("Minutes: %s · %s"), self->title, generated);
  self->footer_left = make_layout (self, footer, self->small, TEXT_WIDTH * 0.7, PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (self->footer_left, PANGO_ELLIPSIZE_END);
}

/* ---- pagination ----------------------------------------------------------- */

static GArray *
new_page (BosMinutes *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));

  g_ptr_array_add (self->pages, page);
  return page;
}

static void
place (GArray *page,
       guint   item,
       double  y)
{
  Placement placement = { item, y };

  g_array_append_val (page, placement);
}

static void
paginate (BosMinutes *self)
{
  const double bottom = PAGE_HEIGHT - MARGIN_BOTTOM;
  GArray *page = new_page (self);
  double y = MARGIN_TOP;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      double gap = page->len == 0 ? 0 : item->gap_before;
      double needed = gap + item->height;

      /* A heading keeps its first line of content on the same page. */
      if (item->keep_with_next && i + 1 < self->items->len)
        {
          Item *next = &g_array_index (self->items, Item, i + 1);
          needed += next->gap_before + next->height;
          if (next->kind == ITEM_ROW && next->row_kind == ROW_HEADER && i + 2 < self->items->len)
            needed += g_array_index (self->items, Item, i + 2).height;
        }
      /* A table header keeps its first row. */
      if (item->kind == ITEM_ROW && item->row_kind == ROW_HEADER && i + 1 < self->items->len)
        needed += g_array_index (self->items, Item, i + 1).height;

      if (page->len > 0 && y + needed > bottom)
        {
          page = new_page (self);
          y = MARGIN_TOP;
          gap = 0;
          /* A table that goes on repeats its header. */
          if (item->kind == ITEM_ROW && item->header >= 0)
            {
              place (page, (guint) item->header, y);
              y += g_array_index (self->items, Item, item->header).height;
            }
        }
      y += gap;
      place (page, i, y);
      y += item->height;
    }
}

/* ---- drawing -------------------------------------------------------------- */

static void
set_gray (cairo_t *cr,
          double   gray)
{
  cairo_set_source_rgb (cr, gray, gray, gray);
}

static void
draw_row (cairo_t    *cr,
          const Item *item,
          double      y)
{
  const TableSpec *table = item->table;
  double x = MARGIN_LEFT;

  if (item->shaded)
    {
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      cairo_rectangle (cr, MARGIN_LEFT, y, TEXT_WIDTH, item->height);
      cairo_fill (cr);
    }

  for (guint c = 0; c < table->n_columns; c++)
    {
      set_gray (cr, item->cell_gray[c]);
      cairo_move_to (cr, x + CELL_PAD_X, y + CELL_PAD_Y);
      pango_cairo_show_layout (cr, item->cells[c]);
      x += table->widths[c];
    }

  if (item->row_kind == ROW_HEADER)
    {
      set_gray (cr, 0.2);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, MARGIN_LEFT, y + item->height);
      cairo_line_to (cr, MARGIN_LEFT + TEXT_WIDTH, y + item->height);
      cairo_stroke (cr);
    }
  else if (item->row_kind == ROW_TOTAL)
    {
      set_gray (cr, 0.2);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, MARGIN_LEFT, y);
      cairo_line_to (cr, MARGIN_LEFT + TEXT_WIDTH, y);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_LEFT, y + item->height);
      cairo_line_to (cr, MARGIN_LEFT + TEXT_WIDTH, y + item->height);
      cairo_stroke (cr);
    }
}

static void
draw_footer (BosMinutes *self,
             cairo_t    *cr,
             guint       page)
{
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) right = NULL;

  set_gray (cr, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_LEFT, FOOTER_TOP);
  cairo_line_to (cr, MARGIN_LEFT + TEXT_WIDTH, FOOTER_TOP);
  cairo_stroke (cr);

  set_gray (cr, 0.35);
  cairo_move_to (cr, MARGIN_LEFT, FOOTER_TOP + 6.0);
  pango_cairo_show_layout (cr, self->footer_left);

  /* Translators: the page number at the foot of the minutes */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  right = make_layout (self, number, self->small, TEXT_WIDTH * 0.3, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, MARGIN_LEFT + TEXT_WIDTH * 0.7, FOOTER_TOP + 6.0);
  pango_cairo_show_layout (cr, right);
}

/* "Samarbeidsmøte Vestfold" → "samarbeidsmoete-vestfold" */
static char *
slug_from_title (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "meeting");
  return g_string_free (slug, FALSE);
}

/* ---- public API ----------------------------------------------------------- */

/**
 * bos_minutes_new:
 * @meeting: a meeting as read from @store (bos_meeting_load())
 *
 * Generates and lays out the minutes of @meeting.
 *
 * Returns: (transfer full): the minutes
 */
BosMinutes *
bos_minutes_new (BosStore    *store,
                 BosMeeting  *meeting,
                 GError     **error)
{
  const double info_fractions[] = { 0.24, 0.76 };
  const PangoAlignment info_align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT };
  const double participant_fractions[] = { 0.25, 0.24, 0.21, 0.30 };
  const PangoAlignment participant_align[] = {
    PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT,
  };
  const double number_fractions[] = { 0.08, 0.24, 0.12, 0.11, 0.11, 0.34 };
  const PangoAlignment number_align[] = {
    PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
    PANGO_ALIGN_LEFT,
  };
  cairo_font_options_t *options;
  BosMinutes *self;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (BOS_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (BosMinutes, 1);
  self->title = g_strdup (bos_activity_get_title (bos_meeting_get_activity (meeting)));
  {
    BosActivity *activity = bos_meeting_get_activity (meeting);
    g_autofree char *slug = slug_from_title (self->title);

    /* Translators: the suggested file name of minutes; the first %s is the
     * meeting's date, the second its title in lower case with dashes */
    self->file_name = g_strdup_printf (_("minutes-%s-%s.pdf"), bos_activity_get_start (activity),
                                       slug);
  }

  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  self->body = pango_font_description_from_string (FONT_FAMILY " 9.5");
  self->bold = pango_font_description_from_string (FONT_FAMILY " Bold 9.5");
  self->small = pango_font_description_from_string (FONT_FAMILY " 8");
  self->small_bold = pango_font_description_from_string (FONT_FAMILY " Bold 8");
  self->heading = pango_font_description_from_string (FONT_FAMILY " Bold 12");
  self->title_font = pango_font_description_from_string (FONT_FAMILY " Bold 17");
  self->kicker = pango_font_description_from_string (FONT_FAMILY " Bold 8.5");

  table_spec_init (&self->info_table, 2, info_fractions, info_align);
  table_spec_init (&self->participant_table, 4, participant_fractions, participant_align);
  table_spec_init (&self->number_table, 6, number_fractions, number_align);

  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  build (self, store, meeting);
  paginate (self);
  return self;
}

/**
 * bos_minutes_new_for_id:
 * @activity_id: a meeting
 *
 * Returns: (transfer full): the minutes of the meeting, or %NULL with
 *   @error set
 */
BosMinutes *
bos_minutes_new_for_id (BosStore    *store,
                        const char  *activity_id,
                        GError     **error)
{
  g_autoptr(BosMeeting) meeting = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (activity_id != NULL, NULL);

  meeting = bos_meeting_load (store, activity_id, error);
  if (meeting == NULL)
    return NULL;
  return bos_minutes_new (store, meeting, error);
}

void
bos_minutes_free (BosMinutes *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      g_clear_object (&item->layout);
      for (guint c = 0; c < MAX_COLUMNS; c++)
        g_clear_object (&item->cells[c]);
    }
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->footer_left);
  g_clear_pointer (&self->body, pango_font_description_free);
  g_clear_pointer (&self->bold, pango_font_description_free);
  g_clear_pointer (&self->small, pango_font_description_free);
  g_clear_pointer (&self->small_bold, pango_font_description_free);
  g_clear_pointer (&self->heading, pango_font_description_free);
  g_clear_pointer (&self->title_font, pango_font_description_free);
  g_clear_pointer (&self->kicker, pango_font_description_free);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_free (self->title);
  g_free (self->file_name);
  g_free (self);
}

const char *
bos_minutes_get_title (BosMinutes *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

/**
 * bos_minutes_dup_file_name:
 *
 * Returns: (transfer full): a file name to suggest, "minutes-2026-09-16-collaboration-meeting.pdf"
 */
char *
bos_minutes_dup_file_name (BosMinutes *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_strdup (self->file_name);
}

guint
bos_minutes_get_n_pages (BosMinutes *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pages->len;
}

/**
 * bos_minutes_render_page:
 * @cr: where to draw, in points (scale it for a preview)
 * @page: 0 … n_pages − 1
 *
 * Draws one page, white paper included, at the origin of @cr.
 */
void
bos_minutes_render_page (BosMinutes *self,
                         cairo_t    *cr,
                         guint       page)
{
  GArray *placements;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  placements = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_fill (cr);

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);
      const Item *item = &g_array_index (self->items, Item, placement->item);

      switch (item->kind)
        {
        case ITEM_TEXT:
          set_gray (cr, item->gray);
          cairo_move_to (cr, MARGIN_LEFT + item->indent, placement->y);
          pango_cairo_show_layout (cr, item->layout);
          break;
        case ITEM_RULE:
          set_gray (cr, 0.2);
          cairo_rectangle (cr, MARGIN_LEFT, placement->y, TEXT_WIDTH, item->height);
          cairo_fill (cr);
          break;
        case ITEM_ROW:
          draw_row (cr, item, placement->y);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  draw_footer (self, cr, page);
  cairo_restore (cr);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * bos_minutes_write_pdf:
 * @path: the PDF file; replaced when it exists
 *
 * Writes the minutes as an A4 PDF with the fonts embedded. The file is
 * written to a temporary file beside @path and renamed into place, so a
 * failure leaves any earlier file as it was.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bos_minutes_write_pdf (BosMinutes  *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Bosetting");
  cr = cairo_create (surface);
  for (guint page = 0; page < self->pages->len; page++)
    {
      bos_minutes_render_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_FAILED, _("Could not make the PDF of “%s”: %s"),
                   self->title, cairo_status_to_string (status));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, error))
    {
      g_prefix_error (error, _("Could not save the minutes: "));
      return FALSE;
    }
  return TRUE;
}
