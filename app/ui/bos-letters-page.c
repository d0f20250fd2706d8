/* bos-letters-page.c: the request letters of the open plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the left every municipality the plan asks to settle more than 0
 * (bos_requests_for_plan()), with the language its letter is written in
 * (automatic from its language form, or chosen in the row's drop-down),
 * its request and the letter's status. In the middle the templates in
 * Bokmål and Nynorsk, their merge fields highlighted and an unknown field
 * underlined with the error below, and the letters' settings (sender,
 * contact, reference, signatory, date; the answer deadline comes from the
 * calendar). On the right the selected municipality's letter, drawn by
 * the renderer that writes the PDFs, following every keystroke.
 *
 * Edits are saved a moment after typing stops (and when the page goes),
 * never while a template has an error. Export writes one PDF per letter
 * and a combined one in a worker thread, with progress and Cancel; print
 * goes through GtkPrintOperation with the same renderer. Marking letters
 * sent freezes them: a sent letter's editor shows what was sent, read-only.
 */
#define G_LOG_DOMAIN "bos-letters-page"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-date.h"
#include "bos-decision.h"
#include "bos-format.h"
#include "bos-letter.h"
#include "bos-letter-item.h"
#include "bos-letter-text.h"
#include "bos-letters-page.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"
#include "bos-requests.h"
#include "bos-table.h"
#include "bos-window.h"

#define SAVE_DELAY_MS    700
#define PREVIEW_DELAY_MS 120

enum {
  LANGUAGE_NB,
  LANGUAGE_NN,
  N_LANGUAGES
};

static const char * const language_codes[N_LANGUAGES] = { "nb", "nn" };

struct _BosLettersPage
{
  GtkWidget             parent_instance;

  BosStore             *store;
  BosPlan              *plan;
  GListStore           *items;
  GtkCustomFilter      *filter;
  GtkSingleSelection   *selection;
  GArray               *requests;
  BosLetterSettings     settings;
  gboolean              settings_valid;
  gboolean              settings_dirty;
  gboolean              has_deadline;
  GDate                 deadline;
  char                 *search;
  char                 *template_errors[N_LANGUAGES];
  gboolean              template_dirty[N_LANGUAGES];
  gboolean              loading;       /* filling widgets from the store */
  gboolean              saving;        /* our own writes: no reload for them */
  gboolean              needs_reload;
  gboolean              disposed;
  guint                 reload_source;
  guint                 preview_source;
  guint                 save_source;
  GtkWidget            *language_popover;
  GtkCheckButton       *language_checks[3];
  char                 *language_code;   /* the row the popover is for */
  GtkFileChooserNative *file_chooser;
  GtkPrintOperation    *print_operation;
  GCancellable         *export_cancellable;
  guint                 export_generation;
  guint                 export_total;
  char                 *export_directory;

  /* template children */
  GtkStack             *stack;
  AdwStatusPage        *no_requests_status;
  GtkLabel             *summary_label;
  GtkRevealer          *export_revealer;
  GtkLabel             *export_label;
  GtkProgressBar       *export_progress;
  GtkSearchEntry       *search_entry;
  GtkColumnView        *column_view;
  GtkStack             *editor_mode_stack;
  GtkStack             *editor_stack;
  GtkWidget            *fields_button;
  GtkTextView          *nb_view;
  GtkTextView          *nn_view;
  GtkTextView          *sender_view;
  AdwEntryRow          *contact_row;
  AdwEntryRow          *reference_row;
  AdwEntryRow          *signatory_row;
  AdwEntryRow          *signatory_title_row;
  AdwEntryRow          *date_row;
  GtkLabel             *date_error_label;
  AdwActionRow         *deadline_row;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkLabel             *sent_label;
  GtkTextView          *sent_view;
  GtkLabel             *preview_title;
  GtkLabel             *page_label;
  GtkStack             *preview_stack;
  AdwStatusPage        *preview_status;
  BosLetterPreview     *preview;
  GtkListBox           *fields_list;
  GtkPopover           *fields_popover;
};

static void bos_letters_page_page_iface_init (BosPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BosLettersPage, bos_letters_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BOS_TYPE_PAGE,
                                                      bos_letters_page_page_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the merge fields are, for the Insert Field popover */
static const struct
{
  const char *name;
  const char *description;
} field_help[] = {
  { BOS_LETTER_FIELD_MUNICIPALITY, N_("The municipality’s name, such as “Tønsberg”") },
  { BOS_LETTER_FIELD_COUNTY, N_("The county’s name, such as “Vestfold”") },
  { BOS_LETTER_FIELD_YEAR, N_("The year of the plan") },
  { BOS_LETTER_FIELD_NEXT_YEAR, N_("The year after the plan’s") },
  { BOS_LETTER_FIELD_REQUEST, N_("How many refugees the municipality is asked to settle") },
  { BOS_LETTER_FIELD_MINORS, N_("Of which unaccompanied minors; {minors|one|many} adds the word in the right number") },
  { BOS_LETTER_FIELD_NEXT_YEAR_FIGURE, N_("The planning figure for the year after, when the plan has one") },
  { BOS_LETTER_FIELD_DEADLINE, N_("The answer deadline from the calendar, such as “1. desember 2026”") },
  { BOS_LETTER_FIELD_CONTACT, N_("The contact person from the settings") },
  { BOS_LETTER_FIELD_REFERENCE, N_("Our reference (case number) from the settings") },
  { BOS_LETTER_FIELD_SIGNATORY, N_("Who signs the letter") },
  { BOS_LETTER_FIELD_SIGNATORY_TITLE, N_("The signatory’s title") },
  { BOS_LETTER_FIELD_DATE, N_("The letter’s date") },
  { BOS_LETTER_FIELD_SENDER, N_("The sending office and its address") },
};

/* ---- helpers ------------------------------------------------------------- */

static int
language_index (const char *language)
{
  return g_strcmp0 (language, "nn") == 0 ? LANGUAGE_NN : LANGUAGE_NB;
}

static const char *
language_name (const char *language)
{
  return g_strcmp0 (language, "nn") == 0 ? _("Nynorsk") : _("Bokmål");
}

static GtkWindow *
parent_window (BosLettersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (BosLettersPage *self,
            const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (BOS_IS_WINDOW (root))
    bos_window_show_toast (BOS_WINDOW (root), message);
}

static void
show_error (BosLettersPage *self,
            const char     *heading,
            const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkTextView *
template_view (BosLettersPage *self,
               int             language)
{
  return language == LANGUAGE_NN ? self->nn_view : self->nb_view;
}

static GtkTextBuffer *
template_buffer (BosLettersPage *self,
                 int             language)
{
  return gtk_text_view_get_buffer (template_view (self, language));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Sets the text without an undo step and without our change handlers
 * treating it as an edit; nothing happens when it is the same. */
static void
set_buffer_text (BosLettersPage *self,
                 GtkTextBuffer  *buffer,
                 const char     *text)
{
  g_autofree char *old = buffer_text (buffer);

  if (g_strcmp0 (old, text) == 0)
    return;
  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  self->loading = FALSE;
}

static void
set_editable_text (BosLettersPage *self,
                   GtkEditable    *editable,
                   const char     *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text ? text : "") == 0)
    return;
  self->loading = TRUE;
  gtk_editable_set_text (editable, text ? text : "");
  self->loading = FALSE;
}

/* The visible template's language, or -1 on the settings page */
static int
editor_language (BosLettersPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->editor_stack);

  if (g_strcmp0 (name, "nb") == 0)
    return LANGUAGE_NB;
  if (g_strcmp0 (name, "nn") == 0)
    return LANGUAGE_NN;
  return -1;
}

static BosLetterItem *
selected_item (BosLettersPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* The language the preview merges: the template being edited, else the
 * municipality's. */
static int
preview_language (BosLettersPage *self,
                  BosLetterItem  *item)
{
  int language = editor_language (self);

  if (language >= 0)
    return language;
  return language_index (bos_letter_item_get_language (item));
}

static char *
format_date (const char *iso,
             const char *format)
{
  GDate date;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || !bos_date_parse (iso, &date, NULL))
    return g_strdup (iso ? iso : "");
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
  return g_date_time_format (dt, format);
}

static char *
format_gdate (const GDate *date)
{
  g_autofree char *iso = bos_date_to_iso (date);

  /* Translators: a date in the letters page, g_date_time_format() */
  return format_date (iso, C_("long date", "%-d %B %Y"));
}

/* ---- actions' state ------------------------------------------------------ */

static void
update_actions (BosLettersPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean exporting = self->export_cancellable != NULL;
  gboolean has_letters = self->plan != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0;
  guint page = bos_letter_preview_get_page (self->preview);
  guint n_pages = bos_letter_preview_get_n_pages (self->preview);
  gboolean editing = g_strcmp0 (gtk_stack_get_visible_child_name (self->editor_mode_stack), "edit") == 0;

  gtk_widget_action_set_enabled (widget, "letters.export", has_letters && !exporting);
  gtk_widget_action_set_enabled (widget, "letters.print", has_letters && !exporting);
  gtk_widget_action_set_enabled (widget, "letters.mark-sent", has_letters && !exporting);
  gtk_widget_action_set_enabled (widget, "letters.cancel-export", exporting);
  gtk_widget_action_set_enabled (widget, "letters.reset-template",
                                 editing && editor_language (self) >= 0);
  gtk_widget_action_set_enabled (widget, "letters.insert-field",
                                 editing && editor_language (self) >= 0);
  gtk_widget_set_sensitive (self->fields_button, editing && editor_language (self) >= 0);
  gtk_widget_action_set_enabled (widget, "letters.previous-page", page > 0);
  gtk_widget_action_set_enabled (widget, "letters.next-page", page + 1 < n_pages);
}

static void
update_page_label (BosLettersPage *self)
{
  guint n_pages = bos_letter_preview_get_n_pages (self->preview);
  g_autofree char *text = NULL;

  if (n_pages > 0)
    /* Translators: the page of the letter preview, "1 of 2" */
    text = g_strdup_printf (_("%u of %u"), bos_letter_preview_get_page (self->preview) + 1, n_pages);
  gtk_label_set_text (self->page_label, text ? text : "");
  update_actions (self);
}

/* ---- the template error -------------------------------------------------- */

static void
update_error (BosLettersPage *self)
{
  int language = editor_language (self);
  const char *message = language >= 0 ? self->template_errors[language] : NULL;

  for (int i = 0; i < N_LANGUAGES; i++)
    {
      GtkStackPage *page = gtk_stack_get_page (self->editor_stack,
                                               gtk_widget_get_parent (GTK_WIDGET (template_view (self, i))));

      gtk_stack_page_set_needs_attention (page, self->template_errors[i] != NULL);
    }
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Merge fields in bold, unknown ones underlined as errors. */
static void
highlight_fields (GtkTextBuffer *buffer,
                  const char    *text)
{
  GtkTextIter start, end;
  const char *p = text;
  glong offset = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "field", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "unknown-field", &start, &end);

  while (*p != '\0')
    {
      if (*p == '{' && p[1] == '{')
        {
          p += 2;
          offset += 2;
        }
      else if (*p == '{')
        {
          g_autofree char *name = NULL;
          const char *name_start = p + 1;
          const char *q;
          glong length;

          if (*name_start == '?' || *name_start == '/')
            name_start++;
          for (q = name_start; g_ascii_isalnum (*q) || *q == '_'; q++)
            ;
          name = g_strndup (name_start, q - name_start);
          while (*q != '\0' && *q != '}' && *q != '{' && *q != '\n')
            q = g_utf8_next_char (q);
          if (*q == '}')
            q++;
          length = g_utf8_strlen (p, q - p);

          gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) offset);
          gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) (offset + length));
          gtk_text_buffer_apply_tag_by_name (buffer, bos_letter_is_field (name) ? "field" : "unknown-field",
                                             &start, &end);
          offset += length;
          p = q;
        }
      else
        {
          p = g_utf8_next_char (p);
          offset++;
        }
    }
}

static void
check_template (BosLettersPage *self,
                int             language)
{
  GtkTextBuffer *buffer = template_buffer (self, language);
  g_autofree char *text = buffer_text (buffer);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->template_errors[language], g_free);
  if (!bos_letter_template_check (text, &error))
    self->template_errors[language] = g_strdup (error->message);
  highlight_fields (buffer, text);
  update_error (self);
}

/* ---- saving -------------------------------------------------------------- */

static void
save_now (BosLettersPage *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->store == NULL)
    return;

  for (int i = 0; i < N_LANGUAGES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gboolean saved;

      if (!self->template_dirty[i] || self->template_errors[i] != NULL)
        continue;
      text = buffer_text (template_buffer (self, i));
      self->saving = TRUE;
      saved = bos_letter_save_template (self->store, language_codes[i], text, &error);
      self->saving = FALSE;
      if (!saved)
        show_toast (self, error->message);
      else
        self->template_dirty[i] = FALSE;
    }

  if (self->settings_dirty && self->settings_valid && self->plan != NULL)
    {
      g_autoptr(GError) error = NULL;
      gboolean saved;

      self->saving = TRUE;
      saved = bos_letter_settings_save (self->store, bos_plan_get_id (self->plan), &self->settings,
                                        &error);
      self->saving = FALSE;
      if (!saved)
        show_toast (self, error->message);
      else
        self->settings_dirty = FALSE;
    }
}

static gboolean
save_timeout_cb (gpointer data)
{
  BosLettersPage *self = data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (BosLettersPage *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* ---- the preview --------------------------------------------------------- */

static void
show_sent_letter (BosLettersPage *self,
                  BosLetter      *letter)
{
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  /* Translators: the date a letter was sent, g_date_time_format() */
  date = format_date (bos_letter_get_sent_on (letter), C_("long date", "%-d %B %Y"));
  /* Translators: %s is a date */
  text = g_strdup_printf (_("Sent on %s. This is the letter as it was sent; it can no longer be "
                            "changed."), date);
  gtk_label_set_text (self->sent_label, text);
  set_buffer_text (self, gtk_text_view_get_buffer (self->sent_view), bos_letter_get_content (letter));
  gtk_stack_set_visible_child_name (self->editor_mode_stack, "sent");
}

static void
update_preview (BosLettersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  BosLetterDocument *document = NULL;
  const BosLetterDocument *shown;
  BosLetterItem *item;

  g_clear_handle_id (&self->preview_source, g_source_remove);

  item = self->plan != NULL ? selected_item (self) : NULL;
  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->editor_mode_stack, "edit");
      gtk_stack_set_visible_child_name (self->preview_stack, "none");
      gtk_label_set_text (self->preview_title, "");
      bos_letter_preview_take_document (self->preview, NULL);
      update_page_label (self);
      return;
    }

  if (bos_letter_item_get_status (item) == BOS_LETTER_STATUS_SENT)
    {
      g_autoptr(BosLetter) letter = bos_letter_load (self->store, bos_plan_get_year (self->plan),
                                                     bos_letter_item_get_code (item), &error);

      if (letter != NULL)
        {
          show_sent_letter (self, letter);
          document = bos_letter_to_document (letter);
          /* Translators: the preview's title; "Voss kommune", then a language */
          title = g_strdup_printf (_("%s, as sent in %s"), document->recipient,
                                   language_name (document->language));
        }
    }
  else
    {
      int language = preview_language (self, item);
      g_autofree char *template_text = buffer_text (template_buffer (self, language));
      BosRequest request;

      gtk_stack_set_visible_child_name (self->editor_mode_stack, "edit");
      shown = bos_letter_preview_get_document (self->preview);
      /* While a template has an error (half-typed field), the last good
       * letter stays, faded. */
      if (self->template_errors[language] != NULL && shown != NULL &&
          g_str_equal (shown->code, bos_letter_item_get_code (item)) &&
          g_str_equal (shown->language, language_codes[language]))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->preview), "stale");
          update_actions (self);
          return;
        }
      bos_letter_item_get_request_record (item, &request);
      document = bos_letter_make_document (self->store, bos_plan_get_id (self->plan), &request,
                                           language_codes[language], template_text,
                                           &self->settings, NULL, &error);
      if (document != NULL)
        {
          const char *own = bos_letter_item_get_language (item);

          if (g_str_equal (own, language_codes[language]))
            /* Translators: the preview's title; "Voss kommune", then a language */
            title = g_strdup_printf (_("%s, in %s"), document->recipient,
                                     language_name (document->language));
          else
            /* Translators: the preview's title when the template shown is not the
             * municipality's language; "Voss kommune", then two languages */
            title = g_strdup_printf (_("%s, in %s (its letter goes in %s)"), document->recipient,
                                     language_name (document->language), language_name (own));
        }
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->preview), "stale");
  if (document == NULL)
    {
      adw_status_page_set_description (self->preview_status, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      gtk_label_set_text (self->preview_title, bos_letter_item_get_name (item));
      bos_letter_preview_take_document (self->preview, NULL);
      update_page_label (self);
      return;
    }

  gtk_label_set_text (self->preview_title, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  bos_letter_preview_take_document (self->preview, document);
  gtk_stack_set_visible_child_name (self->preview_stack, "preview");
  update_page_label (self);
}

static gboolean
preview_timeout_cb (gpointer data)
{
  BosLettersPage *self = data;

  self->preview_source = 0;
  update_preview (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (BosLettersPage *self)
{
  if (self->preview_source != 0)
    return;
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

/* ---- loading ------------------------------------------------------------- */

static void
fill_settings (BosLettersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(BosLetterSettings) stored = { 0 };

  if (self->settings_dirty || self->plan == NULL)
    return;
  if (!bos_letter_settings_load (self->store, bos_plan_get_id (self->plan), &stored, &error))
    {
      show_toast (self, error->message);
      return;
    }
  bos_letter_settings_clear (&self->settings);
  self->settings = stored;
  memset (&stored, 0, sizeof stored);
  self->settings_valid = TRUE;

  set_buffer_text (self, gtk_text_view_get_buffer (self->sender_view), self->settings.sender);
  set_editable_text (self, GTK_EDITABLE (self->contact_row), self->settings.contact);
  set_editable_text (self, GTK_EDITABLE (self->reference_row), self->settings.reference);
  set_editable_text (self, GTK_EDITABLE (self->signatory_row), self->settings.signatory);
  set_editable_text (self, GTK_EDITABLE (self->signatory_title_row), self->settings.signatory_title);
  set_editable_text (self, GTK_EDITABLE (self->date_row), self->settings.letter_date);
  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
}

static void
fill_templates (BosLettersPage *self)
{
  for (int i = 0; i < N_LANGUAGES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      if (self->template_dirty[i])
        continue;
      text = bos_letter_load_template (self->store, language_codes[i], &error);
      if (text == NULL)
        {
          show_toast (self, error->message);
          continue;
        }
      set_buffer_text (self, template_buffer (self, i), text);
      check_template (self, i);
    }
}

static void
update_deadline (BosLettersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->has_deadline = FALSE;
  if (!bos_decision_find_deadline (self->store, bos_plan_get_id (self->plan), &self->deadline,
                                   &self->has_deadline, &error))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->deadline_row), error->message);
      return;
    }
  if (self->has_deadline)
    text = format_gdate (&self->deadline);
  else
    text = g_strdup (_("None yet: add the answer deadline to the plan’s calendar"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->deadline_row), text);
}

static void
update_summary (BosLettersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n_nn = 0, n_sent = 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosLetterItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_str_equal (bos_letter_item_get_language (item), "nn"))
        n_nn++;
      if (bos_letter_item_get_status (item) == BOS_LETTER_STATUS_SENT)
        n_sent++;
    }

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u letter", "%u letters", n), n));
  /* Translators: how many letters are in each language */
  g_ptr_array_add (parts, g_strdup_printf (_("%u in Bokmål, %u in Nynorsk"), n - n_nn, n_nn));
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u sent", "%u sent", n_sent), n_sent));
  if (self->has_deadline)
    {
      g_autofree char *date = format_gdate (&self->deadline);

      /* Translators: %s is the answer deadline */
      g_ptr_array_add (parts, g_strdup_printf (_("answers by %s"), date));
    }
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the parts of the letters summary */
  text = g_strjoinv (_(" · "), (char **) parts->pdata);
  gtk_label_set_text (self->summary_label, text);
}

static void
reload (BosLettersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(GHashTable) overrides = NULL;
  g_autoptr(GListModel) letters = NULL;
  g_autoptr(GHashTable) by_code = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *selected_code = NULL;
  const char *plan_id;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  gboolean same = TRUE;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->needs_reload = FALSE;

  if (self->plan == NULL)
    {
      g_list_store_remove_all (self->items);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_preview (self);
      return;
    }
  plan_id = bos_plan_get_id (self->plan);

  g_clear_pointer (&self->requests, g_array_unref);
  self->requests = bos_requests_for_plan (self->store, plan_id, &error);
  if (self->requests == NULL ||
      (index = bos_municipality_index_load (self->store, &error)) == NULL ||
      (overrides = bos_letter_dup_language_overrides (self->store, &error)) == NULL ||
      (letters = bos_letter_list (self->store, plan_id, &error)) == NULL)
    {
      adw_status_page_set_description (self->no_requests_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "no-requests");
      g_list_store_remove_all (self->items);
      update_preview (self);
      return;
    }

  /* The model keeps the letters; the table borrows them. */
  by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < g_list_model_get_n_items (letters); i++)
    {
      g_autoptr(BosLetter) letter = g_list_model_get_item (letters, i);

      g_hash_table_insert (by_code, (gpointer) bos_letter_get_code (letter), letter);
    }

  /* Items are updated in place while the municipalities stay the same,
   * so the table keeps its scroll position and selection. */
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->requests->len; i++)
    {
      const BosRequest *request = &g_array_index (self->requests, BosRequest, i);
      const BosMunicipalityInfo *info;
      BosLetterItem *item = NULL;

      if (request->request <= 0 || (info = bos_municipality_index_lookup (index, request->code)) == NULL)
        continue;
      if (same && items->len < n_old)
        {
          BosLetterItem *old = g_list_model_get_item (G_LIST_MODEL (self->items), items->len);

          if (g_str_equal (bos_letter_item_get_code (old), info->code))
            item = old;
          else
            {
              same = FALSE;
              g_object_unref (old);
            }
        }
      else
        same = FALSE;
      if (item == NULL)
        item = bos_letter_item_new (info->code, info->name, info->county_code,
                                    bos_letter_language_for (info->language_form, NULL));
      bos_letter_item_update (item, request, g_hash_table_lookup (overrides, info->code),
                              g_hash_table_lookup (by_code, info->code));
      g_ptr_array_add (items, item);
    }
  if (items->len != n_old)
    same = FALSE;

  if (!same)
    {
      BosLetterItem *selected = selected_item (self);

      if (selected != NULL)
        selected_code = g_strdup (bos_letter_item_get_code (selected));
      g_list_store_splice (self->items, 0, n_old, items->pdata, items->len);
      if (selected_code == NULL || !bos_letters_page_select (self, selected_code))
        gtk_single_selection_set_selected (self->selection, 0);
    }

  fill_settings (self);
  fill_templates (self);
  update_deadline (self);
  update_summary (self);
  gtk_stack_set_visible_child_name (self->stack, "letters");
  update_preview (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  BosLettersPage *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Reloads soon when shown, else when next shown. */
static void
request_reload (BosLettersPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->needs_reload = TRUE;
      return;
    }
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

/* ---- callbacks ----------------------------------------------------------- */

static void
store_changed_cb (BosLettersPage *self,
                  const char     *table,
                  BosStore       *store)
{
  if (self->saving)
    return;
  /* What the letters do not depend on */
  if (g_str_equal (table, "decision") || g_str_has_prefix (table, "meeting") ||
      g_str_has_prefix (table, "sync") || g_str_equal (table, "agenda_item"))
    return;
  request_reload (self);
}

static void
template_changed_cb (BosLettersPage *self,
                     GtkTextBuffer  *buffer)
{
  int language = buffer == template_buffer (self, LANGUAGE_NN) ? LANGUAGE_NN : LANGUAGE_NB;

  check_template (self, language);
  if (self->loading)
    return;
  self->template_dirty[language] = TRUE;
  schedule_save (self);
  schedule_preview (self);
}

static void
settings_changed_cb (BosLettersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *date_text = NULL;
  GDate date;

  if (self->loading)
    return;

  sender = buffer_text (gtk_text_view_get_buffer (self->sender_view));
  g_free (self->settings.sender);
  self->settings.sender = g_steal_pointer (&sender);
#define TAKE(field, row) \
  g_free (self->settings.field); \
  self->settings.field = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row))))
  TAKE (contact, contact_row);
  TAKE (reference, reference_row);
  TAKE (signatory, signatory_row);
  TAKE (signatory_title, signatory_title_row);
#undef TAKE

  /* The date: empty (the day the letters are made) or a real date. An
   * invalid one is shown and not saved; the letters keep the last good. */
  date_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  self->settings_valid = TRUE;
  if (*date_text == '\0')
    g_clear_pointer (&self->settings.letter_date, g_free);
  else if (bos_date_parse (date_text, &date, &error))
    {
      g_free (self->settings.letter_date);
      self->settings.letter_date = bos_date_to_iso (&date);
    }
  else
    self->settings_valid = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), !self->settings_valid);
  if (!self->settings_valid)
    {
      gtk_label_set_text (self->date_error_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");

  self->settings_dirty = TRUE;
  schedule_save (self);
  schedule_preview (self);
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  BosLettersPage *self = data;

  if (self->search == NULL || *self->search == '\0')
    return TRUE;
  return g_str_has_prefix (bos_letter_item_get_code (item), self->search) ||
         g_str_match_string (self->search, bos_letter_item_get_name (item), TRUE);
}

static void
search_changed_cb (BosLettersPage *self)
{
  g_free (self->search);
  self->search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
editor_page_changed_cb (BosLettersPage *self)
{
  if (self->preview == NULL)
    return;
  update_error (self);
  update_actions (self);
  schedule_preview (self);
}

static void
preview_pages_changed_cb (BosLettersPage *self)
{
  update_page_label (self);
}

static void
selection_changed_cb (BosLettersPage *self)
{
  BosLetterItem *item = selected_item (self);

  /* The template of the selected letter's language comes up. */
  if (item != NULL && editor_language (self) >= 0 &&
      bos_letter_item_get_status (item) == BOS_LETTER_STATUS_DRAFT)
    gtk_stack_set_visible_child_name (self->editor_stack, bos_letter_item_get_language (item));
  update_preview (self);
}

static void
insert_field (BosLettersPage *self,
              const char     *name)
{
  int language = editor_language (self);
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;

  if (language < 0)
    return;
  buffer = template_buffer (self, language);
  if (g_str_equal (name, BOS_LETTER_FIELD_MINORS))
    /* The default templates' words; planners adjust them for Nynorsk */
    text = g_strdup (language == LANGUAGE_NN ? "{minors|einsleg mindreårig|einslege mindreårige}"
                                             : "{minors|enslig mindreårig|enslige mindreårige}");
  else
    text = g_strdup_printf ("{%s}", name);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (template_view (self, language)));
}

static void
field_activated_cb (BosLettersPage *self,
                    GtkListBoxRow  *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "field");

  gtk_popover_popdown (self->fields_popover);
  insert_field (self, name);
}

static void
build_fields_list (BosLettersPage *self)
{
  const char * const *fields = bos_letter_fields ();

  for (guint i = 0; fields[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("{%s}", fields[i]);
      const char *description = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (field_help); j++)
        if (g_str_equal (field_help[j].name, fields[i]))
          description = _(field_help[j].description);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (description != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "merge-field");
      g_object_set_data_full (G_OBJECT (row), "field", g_strdup (fields[i]), g_free);
      gtk_list_box_append (self->fields_list, row);
    }
}

/* ---- the table ----------------------------------------------------------- */

static char *
code_text (gpointer   item,
           gpointer   data,
           char     **tooltip)
{
  return g_strdup (bos_letter_item_get_code (item));
}

static int
compare_code (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  return g_strcmp0 (bos_letter_item_get_code ((gpointer) a), bos_letter_item_get_code ((gpointer) b));
}

static char *
name_text (gpointer   item,
           gpointer   data,
           char     **tooltip)
{
  return g_strdup (bos_letter_item_get_name (item));
}

static int
compare_name (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  return g_utf8_collate (bos_letter_item_get_name ((gpointer) a),
                         bos_letter_item_get_name ((gpointer) b));
}

static char *
request_text (gpointer   item,
              gpointer   data,
              char     **tooltip)
{
  return bos_format_count (bos_letter_item_get_request (item));
}

static int
compare_request (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  gint64 x = bos_letter_item_get_request ((gpointer) a);
  gint64 y = bos_letter_item_get_request ((gpointer) b);

  return (x > y) - (x < y);
}

static char *
minors_text (gpointer   item,
             gpointer   data,
             char     **tooltip)
{
  return bos_format_count (bos_letter_item_get_minors (item));
}

static int
compare_minors (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  gint64 x = bos_letter_item_get_minors ((gpointer) a);
  gint64 y = bos_letter_item_get_minors ((gpointer) b);

  return (x > y) - (x < y);
}

static char *
status_text (gpointer   item,
             gpointer   data,
             char     **tooltip)
{
  g_autofree char *date = NULL;

  if (bos_letter_item_get_status (item) == BOS_LETTER_STATUS_DRAFT)
    return g_strdup (C_("letter status", "Draft"));
  if (tooltip != NULL)
    {
      /* Translators: the date a letter was sent, g_date_time_format() */
      g_autofree char *long_date = format_date (bos_letter_item_get_sent_on (item),
                                                C_("long date", "%-d %B %Y"));

      /* Translators: a sent letter's tooltip; %s is a date */
      *tooltip = g_strdup_printf (_("Sent on %s"), long_date);
    }
  /* Translators: a day and month in the letters table, g_date_time_format() */
  date = format_date (bos_letter_item_get_sent_on (item), C_("day and month", "%-d %b"));
  /* Translators: a letter's status; %s is a day and month, "22 Nov" */
  return g_strdup_printf (C_("letter status", "Sent %s"), date);
}

static const char *
status_class (gpointer item,
              gpointer data)
{
  return bos_letter_item_get_status (item) == BOS_LETTER_STATUS_SENT ? "success" : "dim-label";
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  int x = bos_letter_item_get_status ((gpointer) a);
  int y = bos_letter_item_get_status ((gpointer) b);

  if (x != y)
    return x - y;
  return g_strcmp0 (bos_letter_item_get_sent_on ((gpointer) a),
                    bos_letter_item_get_sent_on ((gpointer) b));
}

static int
compare_language (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  return g_strcmp0 (bos_letter_item_get_language ((gpointer) a),
                    bos_letter_item_get_language ((gpointer) b));
}

/* The language cell: a flat button showing "nn" (and "auto" when the
 * language follows the language form); it opens the page's one language
 * popover (Automatic, Bokmål, Nynorsk) for its row. GTK 4.8 makes a row for
 * up to 200 items at once, so a GtkDropDown or GtkMenuButton in every row
 * would make the table slow to fill. */
static void
language_refresh (GtkButton     *button,
                  BosLetterItem *item)
{
  gboolean sent = bos_letter_item_get_status (item) == BOS_LETTER_STATUS_SENT;
  gboolean automatic = !sent && bos_letter_item_get_override (item) == NULL;
  const char *language = bos_letter_item_get_language (item);
  g_autofree char *markup = NULL;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  if (automatic)
    /* Translators: the language cell of a letter that follows the language
     * form, "nn auto"; keep the markup */
    markup = g_strdup_printf (_("<b>%s</b> <span size=\"small\" alpha=\"55%%\">auto</span>"), language);
  else
    markup = g_strdup_printf ("<b>%s</b>", language);
  gtk_label_set_markup (GTK_LABEL (gtk_button_get_child (button)), markup);
  gtk_widget_set_sensitive (GTK_WIDGET (button), !sent);

  if (sent)
    /* Translators: %s is "Bokmål" or "Nynorsk" */
    tooltip = g_strdup_printf (_("Sent in %s"), language_name (language));
  else if (automatic)
    /* Translators: %s is "Bokmål" or "Nynorsk" */
    tooltip = g_strdup_printf (_("%s, from the municipality’s language form"), language_name (language));
  else
    /* Translators: %s is "Bokmål" or "Nynorsk" */
    tooltip = g_strdup_printf (_("%s, chosen for this municipality"), language_name (language));
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip);

  /* Translators: the accessible name of a letter's language button; the
   * first %s is a municipality, the second "Bokmål" or "Nynorsk" */
  label = g_strdup_printf (_("Letter language for %s: %s"), bos_letter_item_get_name (item),
                           language_name (language));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
language_item_changed_cb (BosLetterItem *item,
                          GtkButton     *button)
{
  language_refresh (button, item);
}

static BosLetterItem *
find_item (BosLettersPage *self,
           const char     *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; code != NULL && i < n; i++)
    {
      g_autoptr(BosLetterItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_str_equal (bos_letter_item_get_code (item), code))
        return item;  /* the list keeps it */
    }
  return NULL;
}

static void
language_chosen_cb (BosLettersPage *self,
                    GtkCheckButton *check)
{
  BosLetterItem *item = find_item (self, self->language_code);
  const char *override = g_object_get_data (G_OBJECT (check), "language");
  g_autoptr(GError) error = NULL;

  if (self->loading || !gtk_check_button_get_active (check) || item == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->language_popover));
  if (g_strcmp0 (override, bos_letter_item_get_override (item)) == 0)
    return;
  if (!bos_letter_set_language_override (self->store, bos_letter_item_get_code (item), override,
                                         &error))
    show_toast (self, error->message);
}

static void
build_language_popover (BosLettersPage *self)
{
  static const char *values[] = { NULL, "nb", "nn" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->language_popover = gtk_popover_new ();
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      GtkWidget *check = gtk_check_button_new ();

      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->language_checks[0]);
      self->language_checks[i] = GTK_CHECK_BUTTON (check);
      g_object_set_data (G_OBJECT (check), "language", (gpointer) values[i]);
      g_signal_connect_object (check, "toggled", G_CALLBACK (language_chosen_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_popover_set_child (GTK_POPOVER (self->language_popover), box);
  gtk_popover_set_position (GTK_POPOVER (self->language_popover), GTK_POS_BOTTOM);
  gtk_widget_set_parent (self->language_popover, GTK_WIDGET (self));
}

/* Opens the language popover for @code at @anchor. */
static void
open_language_popover (BosLettersPage *self,
                       GtkWidget      *anchor,
                       const char     *code)
{
  BosLetterItem *item = find_item (self, code);
  const char *override;
  graphene_rect_t bounds;
  GdkRectangle rect;

  if (item == NULL || !gtk_widget_compute_bounds (anchor, GTK_WIDGET (self), &bounds))
    return;
  g_free (self->language_code);
  self->language_code = g_strdup (code);
  override = bos_letter_item_get_override (item);

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (self->language_checks); i++)
    {
      const char *value = g_object_get_data (G_OBJECT (self->language_checks[i]), "language");
      g_autofree char *text = NULL;

      if (value == NULL)
        /* Translators: the letter language that follows the municipality's
         * language form; %s is "Bokmål" or "Nynorsk" */
        text = g_strdup_printf (_("Automatic: %s"),
                                language_name (bos_letter_item_get_automatic_language (item)));
      else
        /* Translators: a letter language, "Bokmål (nb)" */
        text = g_strdup_printf (_("%s (%s)"), language_name (value), value);
      gtk_check_button_set_label (self->language_checks[i], text);
      gtk_check_button_set_active (self->language_checks[i], g_strcmp0 (override, value) == 0);
    }
  self->loading = FALSE;

  rect.x = (int) bounds.origin.x;
  rect.y = (int) bounds.origin.y;
  rect.width = (int) bounds.size.width;
  rect.height = (int) bounds.size.height;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->language_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->language_popover));
}

static void
language_clicked_cb (GtkButton      *button,
                     BosLettersPage *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "list-item");
  BosLetterItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    open_language_popover (self, GTK_WIDGET (button), bos_letter_item_get_code (item));
}

static void
language_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   BosLettersPage           *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_button_set_has_frame (GTK_BUTTON (button), FALSE);
  gtk_widget_add_css_class (button, "language-button");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (button), "list-item", list_item);
  g_signal_connect_object (button, "clicked", G_CALLBACK (language_clicked_cb), self, 0);
  gtk_list_item_set_child (list_item, button);
}

static void
language_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  BosLettersPage           *self)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  BosLetterItem *item = gtk_list_item_get_item (list_item);

  language_refresh (GTK_BUTTON (button), item);
  g_signal_connect_object (item, "changed", G_CALLBACK (language_item_changed_cb), button, 0);
}

static void
language_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    BosLettersPage           *self)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, language_item_changed_cb, button);
}

static void
build_columns (BosLettersPage *self)
{
  g_autoptr(GtkListItemFactory) language_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) language_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_language, self, NULL));
  g_autoptr(GtkColumnViewColumn) code = NULL;
  g_autoptr(GtkColumnViewColumn) name = NULL;
  g_autoptr(GtkColumnViewColumn) language = NULL;
  g_autoptr(GtkColumnViewColumn) request = NULL;
  g_autoptr(GtkColumnViewColumn) minors = NULL;
  g_autoptr(GtkColumnViewColumn) status = NULL;

  g_signal_connect (language_factory, "setup", G_CALLBACK (language_setup_cb), self);
  g_signal_connect (language_factory, "bind", G_CALLBACK (language_bind_cb), self);
  g_signal_connect (language_factory, "unbind", G_CALLBACK (language_unbind_cb), self);

  code = bos_table_column_new (_("Code"), BOS_TABLE_CODE, 66, code_text, compare_code, self);
  name = bos_table_column_new (_("Municipality"), BOS_TABLE_TEXT, -1, name_text, compare_name, self);
  gtk_column_view_column_set_expand (name, TRUE);
  language = gtk_column_view_column_new (_("Language"), g_object_ref (language_factory));
  gtk_column_view_column_set_fixed_width (language, 84);
  gtk_column_view_column_set_sorter (language, language_sorter);
  gtk_column_view_column_set_resizable (language, TRUE);
  request = bos_table_live_column_new (_("Request"), BOS_TABLE_NUMBER, 86, request_text, NULL,
                                       compare_request, self);
  minors = bos_table_live_column_new (_("Minors"), BOS_TABLE_NUMBER, 64, minors_text, NULL,
                                      compare_minors, self);
  status = bos_table_live_column_new (_("Status"), BOS_TABLE_TEXT, 112, status_text, status_class,
                                      compare_status, self);

  gtk_column_view_append_column (self->column_view, code);
  gtk_column_view_append_column (self->column_view, name);
  gtk_column_view_append_column (self->column_view, language);
  gtk_column_view_append_column (self->column_view, request);
  gtk_column_view_append_column (self->column_view, minors);
  gtk_column_view_append_column (self->column_view, status);
  gtk_column_view_sort_by_column (self->column_view, code, GTK_SORT_ASCENDING);
}

/* ---- export -------------------------------------------------------------- */

/* The letters as they go out: edits saved, drafts stored (so what is
 * exported is what marking them sent freezes). */
static GPtrArray *
prepare_letters (BosLettersPage  *self,
                 GError         **error)
{
  save_now (self);

  if (self->plan == NULL || self->requests == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There are no letters to write"));
      return NULL;
    }
  for (int i = 0; i < N_LANGUAGES; i++)
    if (self->template_errors[i] != NULL)
      {
        /* Translators: %s is "Bokmål" or "Nynorsk", then the error */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The %s template: %s"),
                     language_name (language_codes[i]), self->template_errors[i]);
        return NULL;
      }
  if (!self->settings_valid)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The letter date in the settings is not a valid date"));
      return NULL;
    }
  return bos_letter_prepare (self->store, bos_plan_get_id (self->plan), self->requests, NULL, NULL,
                             TRUE, error);
}

typedef struct
{
  BosLettersPage *page;
  guint           generation;
} ExportProgress;

static void
export_progress_free (gpointer data)
{
  ExportProgress *progress = data;

  g_object_unref (progress->page);
  g_free (progress);
}

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer data)
{
  ExportProgress *progress = data;
  BosLettersPage *self = progress->page;
  g_autofree char *text = NULL;

  if (self->disposed || self->export_cancellable == NULL ||
      progress->generation != self->export_generation)
    return;
  /* Translators: export progress, "12 of 179 letters" */
  text = g_strdup_printf (ngettext ("%u of %u letter", "%u of %u letters", total), done, total);
  gtk_label_set_text (self->export_label, text);
  gtk_progress_bar_set_fraction (self->export_progress, total > 0 ? (double) done / total : 0.0);
}

static void
open_folder_cb (AdwToast   *toast,
                const char *uri)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Could not open %s: %s", uri, error->message);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(BosLettersPage) self = data;
  g_autoptr(GError) error = NULL;
  gboolean done = bos_letter_pdf_export_finish (result, &error);

  if (self->disposed)
    return;
  g_clear_object (&self->export_cancellable);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  update_actions (self);

  if (!done && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, _("Export cancelled; no half-written files were left"));
  else if (!done)
    show_error (self, _("Could Not Export the Letters"), error->message);
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autoptr(GFile) folder = g_file_new_for_path (self->export_directory);
      g_autofree char *message = NULL;
      AdwToast *toast;

      message = g_strdup_printf (ngettext ("%u letter saved", "%u letters saved",
                                           self->export_total), self->export_total);
      toast = adw_toast_new (message);
      adw_toast_set_button_label (toast, _("_Open Folder"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_folder_cb),
                             g_file_get_uri (folder), (GClosureNotify) g_free, 0);
      if (BOS_IS_WINDOW (root))
        bos_window_add_toast (BOS_WINDOW (root), toast);
      else
        g_object_unref (toast);
    }
}

static void
export_response_cb (BosLettersPage       *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->file_chooser);
  if (folder == NULL)
    return;
  path = g_file_get_path (folder);
  if (path == NULL)
    show_error (self, _("Could Not Export the Letters"), _("The folder is not on this computer"));
  else if (!bos_letters_page_export_to (self, path, &error))
    show_error (self, _("Could Not Export the Letters"), error->message);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);

  if (self->file_chooser != NULL || self->export_cancellable != NULL)
    return;
  self->file_chooser = gtk_file_chooser_native_new (_("Export Letters to a Folder"),
                                                    parent_window (self),
                                                    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                    _("_Export"), _("_Cancel"));
  g_signal_connect_object (self->file_chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  bos_letters_page_cancel_export (BOS_LETTERS_PAGE (widget));
}

/* ---- printing ------------------------------------------------------------ */

typedef struct
{
  guint document;
  guint page;
} PrintPage;

typedef struct
{
  GPtrArray         *documents;
  BosLetterRenderer *renderer;
  GArray            *pages;
} PrintJob;

static void
print_job_free (gpointer  data,
                GClosure *closure)
{
  PrintJob *job = data;

  g_ptr_array_unref (job->documents);
  bos_letter_renderer_free (job->renderer);
  g_array_unref (job->pages);
  g_free (job);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  const PrintPage *page = &g_array_index (job->pages, PrintPage, page_nr);

  bos_letter_renderer_draw_page (job->renderer, g_ptr_array_index (job->documents, page->document),
                                 page->page, gtk_print_context_get_cairo_context (context));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               BosLettersPage          *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (self, _("Could Not Print the Letters"), error ? error->message : "");
    }
  if (self->print_operation == operation)
    g_clear_object (&self->print_operation);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->print_operation != NULL)
    return;
  if (!bos_letters_page_print (self, NULL, &error))
    show_error (self, _("Could Not Print the Letters"), error->message);
}

/* ---- marking sent -------------------------------------------------------- */

static void
mark_sent_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  GDate date;
  gboolean valid = bos_date_parse (gtk_editable_get_text (entry), &date, NULL);

  adw_message_dialog_set_response_enabled (dialog, "all", valid);
  if (adw_message_dialog_has_response (dialog, "selected"))
    adw_message_dialog_set_response_enabled (dialog, "selected", valid);
}

static void
mark_sent_response_cb (BosLettersPage   *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "date-entry");
  const char *code = g_object_get_data (G_OBJECT (dialog), "code");
  g_autoptr(GError) error = NULL;
  guint before = 0, after = 0;
  g_autofree char *message = NULL;
  guint n;

  if (!g_str_equal (response, "all") && !g_str_equal (response, "selected"))
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosLetterItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      before += bos_letter_item_get_status (item) == BOS_LETTER_STATUS_SENT;
    }
  if (!bos_letters_page_mark_sent (self, g_str_equal (response, "selected") ? code : NULL,
                                   gtk_editable_get_text (entry), &error))
    {
      show_error (self, _("Could Not Mark the Letters as Sent"), error->message);
      return;
    }
  reload (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(BosLetterItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      after += bos_letter_item_get_status (item) == BOS_LETTER_STATUS_SENT;
    }
  message = g_strdup_printf (ngettext ("%u letter marked as sent", "%u letters marked as sent",
                                       after - before), after - before);
  show_toast (self, message);
}

static void
mark_sent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);
  BosLetterItem *item = selected_item (self);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *entry;
  g_autofree char *today = NULL;
  g_autofree char *all_label = NULL;
  guint n_drafts = 0;
  GDate date;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(BosLetterItem) other = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      n_drafts += bos_letter_item_get_status (other) == BOS_LETTER_STATUS_DRAFT;
    }
  if (n_drafts == 0)
    {
      show_toast (self, _("Every letter is marked as sent already"));
      return;
    }

  dialog = adw_message_dialog_new (parent_window (self), _("Mark Letters as Sent?"),
                                   _("A sent letter is kept exactly as it is now: later changes "
                                     "to the template, the settings or the requests no longer "
                                     "change it. Export the PDFs first, so that what is kept is "
                                     "what the municipalities get."));

  bos_date_set_today (&date);
  today = bos_date_to_iso (&date);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  label = gtk_label_new_with_mnemonic (_("Sent _on"));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), today);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "date-entry", entry);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (item != NULL && bos_letter_item_get_status (item) == BOS_LETTER_STATUS_DRAFT)
    {
      g_object_set_data_full (G_OBJECT (dialog), "code", g_strdup (bos_letter_item_get_code (item)),
                              g_free);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "selected",
                                       _("Only the _Selected"));
    }
  all_label = g_strdup_printf (ngettext ("Mark _%u Letter", "Mark _All %u Letters", n_drafts),
                               n_drafts);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "all", all_label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "all",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "all");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_object (entry, "changed", G_CALLBACK (mark_sent_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (mark_sent_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the other actions --------------------------------------------------- */

static void
reset_response_cb (BosLettersPage   *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  int language = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "language"));
  g_autoptr(GError) error = NULL;
  gboolean reset;

  if (!g_str_equal (response, "reset"))
    return;
  self->saving = TRUE;
  reset = bos_letter_save_template (self->store, language_codes[language], NULL, &error);
  self->saving = FALSE;
  if (!reset)
    {
      show_error (self, _("Could Not Reset the Template"), error->message);
      return;
    }
  self->template_dirty[language] = FALSE;
  fill_templates (self);
  update_preview (self);
}

static void
reset_template_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);
  int language = editor_language (self);
  GtkWidget *dialog;

  if (language < 0)
    return;
  dialog = adw_message_dialog_new (parent_window (self),
                                   language == LANGUAGE_NN
                                   ? _("Go Back to the Default Nynorsk Template?")
                                   : _("Go Back to the Default Bokmål Template?"),
                                   _("Your changes to this template are lost. Letters already "
                                     "sent stay as they were sent."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "reset", _("_Reset"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "language", GINT_TO_POINTER (language));
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
insert_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *name = g_variant_get_string (parameter, NULL);

  if (bos_letter_is_field (name))
    insert_field (BOS_LETTERS_PAGE (widget), name);
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);
  guint page = bos_letter_preview_get_page (self->preview);

  if (page > 0)
    bos_letter_preview_set_page (self->preview, page - 1);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);

  bos_letter_preview_set_page (self->preview, bos_letter_preview_get_page (self->preview) + 1);
}

static void
open_calendar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (BOS_IS_WINDOW (root))
    bos_window_show_page (BOS_WINDOW (root), "calendar");
}

/* ---- overrides ----------------------------------------------------------- */

static void
bos_letters_page_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* The stack fills the page; the language popover points into it. */
static void
bos_letters_page_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  if (self->language_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->language_popover));
}

static void
bos_letters_page_map (GtkWidget *widget)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);

  GTK_WIDGET_CLASS (bos_letters_page_parent_class)->map (widget);

  if (self->needs_reload)
    reload (self);
}

static void
bos_letters_page_unmap (GtkWidget *widget)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (widget);

  save_now (self);

  GTK_WIDGET_CLASS (bos_letters_page_parent_class)->unmap (widget);
}

static void
bos_letters_page_constructed (GObject *object)
{
  BosLettersPage *self = (BosLettersPage *) object;

  G_OBJECT_CLASS (bos_letters_page_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  request_reload (self);
}

static void
bos_letters_page_dispose (GObject *object)
{
  BosLettersPage *self = (BosLettersPage *) object;

  if (!self->disposed)
    save_now (self);
  self->disposed = TRUE;

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
  g_clear_object (&self->print_operation);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_pointer (&self->language_popover, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_LETTERS_PAGE);

  G_OBJECT_CLASS (bos_letters_page_parent_class)->dispose (object);
}

static void
bos_letters_page_finalize (GObject *object)
{
  BosLettersPage *self = (BosLettersPage *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->items);
  g_clear_object (&self->filter);
  g_clear_object (&self->selection);
  for (int i = 0; i < N_LANGUAGES; i++)
    {
      g_clear_pointer (&self->template_errors[i], g_free);
    }
  g_clear_pointer (&self->requests, g_array_unref);
  bos_letter_settings_clear (&self->settings);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->export_directory, g_free);
  g_clear_pointer (&self->language_code, g_free);

  G_OBJECT_CLASS (bos_letters_page_parent_class)->finalize (object);
}

static void
bos_letters_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_letters_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BosLettersPage *self = BOS_LETTERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PLAN:
      {
        BosPlan *plan = g_value_get_object (value);
        gboolean other_plan = self->plan == NULL || plan == NULL ||
                              !g_str_equal (bos_plan_get_id (self->plan), bos_plan_get_id (plan));

        if (other_plan && self->store != NULL)
          {
            /* The edits belong to the plan they were made in. */
            save_now (self);
            self->settings_dirty = FALSE;
          }
        if (g_set_object (&self->plan, plan))
          {
            if (self->store != NULL)
              request_reload (self);
            g_object_notify_by_pspec (object, properties[PROP_PLAN]);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_letters_page_page_iface_init (BosPageInterface *iface)
{
}

static void
bos_letters_page_class_init (BosLettersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_letters_page_constructed;
  object_class->dispose = bos_letters_page_dispose;
  object_class->finalize = bos_letters_page_finalize;
  object_class->get_property = bos_letters_page_get_property;
  object_class->set_property = bos_letters_page_set_property;

  widget_class->measure = bos_letters_page_measure;
  widget_class->size_allocate = bos_letters_page_size_allocate;
  widget_class->map = bos_letters_page_map;
  widget_class->unmap = bos_letters_page_unmap;

  bos_page_install_properties (object_class, PROP_STORE, PROP_PLAN);
  properties[PROP_STORE] = g_object_class_find_property (object_class, "store");
  properties[PROP_PLAN] = g_object_class_find_property (object_class, "plan");

  g_type_ensure (BOS_TYPE_LETTER_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-letters-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BosLettersPage, name)
  BIND (stack);
  BIND (no_requests_status);
  BIND (summary_label);
  BIND (export_revealer);
  BIND (export_label);
  BIND (export_progress);
  BIND (search_entry);
  BIND (column_view);
  BIND (editor_mode_stack);
  BIND (editor_stack);
  BIND (fields_button);
  BIND (nb_view);
  BIND (nn_view);
  BIND (sender_view);
  BIND (contact_row);
  BIND (reference_row);
  BIND (signatory_row);
  BIND (signatory_title_row);
  BIND (date_row);
  BIND (date_error_label);
  BIND (deadline_row);
  BIND (error_revealer);
  BIND (error_label);
  BIND (sent_label);
  BIND (sent_view);
  BIND (preview_title);
  BIND (page_label);
  BIND (preview_stack);
  BIND (preview_status);
  BIND (preview);
  BIND (fields_list);
  BIND (fields_popover);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, settings_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_pages_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_activated_cb);

  gtk_widget_class_install_action (widget_class, "letters.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "letters.cancel-export", NULL, cancel_export_action);
  gtk_widget_class_install_action (widget_class, "letters.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "letters.mark-sent", NULL, mark_sent_action);
  gtk_widget_class_install_action (widget_class, "letters.reset-template", NULL,
                                   reset_template_action);
  gtk_widget_class_install_action (widget_class, "letters.insert-field", "s", insert_field_action);
  gtk_widget_class_install_action (widget_class, "letters.previous-page", NULL, previous_page_action);
  gtk_widget_class_install_action (widget_class, "letters.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "letters.open-calendar", NULL, open_calendar_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "letters.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "letters.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "letters.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "letters.next-page", NULL);

  gtk_widget_class_set_css_name (widget_class, "letterspage");
}

static void
bos_letters_page_init (BosLettersPage *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkFilterListModel) filtered = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings_valid = TRUE;
  self->items = g_list_store_new (BOS_TYPE_LETTER_ITEM);
  for (int i = 0; i < N_LANGUAGES; i++)
    {
      GtkTextBuffer *buffer = template_buffer (self, i);

      gtk_text_buffer_create_tag (buffer, "field", "weight", PANGO_WEIGHT_BOLD, NULL);
      gtk_text_buffer_create_tag (buffer, "unknown-field",
                                  "underline", PANGO_UNDERLINE_ERROR,
                                  "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                                  "background-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 0.15 },
                                  NULL);
      g_signal_connect_object (buffer, "changed", G_CALLBACK (template_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (gtk_text_view_get_buffer (self->sender_view), "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  build_columns (self);
  build_fields_list (self);
  build_language_popover (self);

  /* items → sorted by the column view's sorter → filtered by the search */
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&sorted)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&filtered)));
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  update_error (self);
  update_actions (self);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * bos_letters_page_get_items:
 *
 * Returns: (transfer none): every letter of the open plan, in code order
 */
GListModel *
bos_letters_page_get_items (BosLettersPage *self)
{
  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * bos_letters_page_select:
 *
 * Selects the letter to @code (clearing a search that hides it).
 *
 * Returns: whether there is such a letter
 */
gboolean
bos_letters_page_select (BosLettersPage *self,
                         const char     *code)
{
  GListModel *shown;
  guint n;

  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      shown = gtk_single_selection_get_model (self->selection);
      n = g_list_model_get_n_items (shown);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BosLetterItem) item = g_list_model_get_item (shown, i);

          if (g_str_equal (bos_letter_item_get_code (item), code))
            {
              gtk_single_selection_set_selected (self->selection, i);
              return TRUE;
            }
        }
      if (self->search == NULL || *self->search == '\0')
        break;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      search_changed_cb (self);
    }
  return FALSE;
}

/**
 * bos_letters_page_get_selected_code:
 *
 * Returns: (nullable): the selected letter's municipality
 */
const char *
bos_letters_page_get_selected_code (BosLettersPage *self)
{
  BosLetterItem *item;

  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), NULL);

  item = selected_item (self);
  return item != NULL ? bos_letter_item_get_code (item) : NULL;
}

GtkColumnView *
bos_letters_page_get_column_view (BosLettersPage *self)
{
  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), NULL);
  return self->column_view;
}

GtkEditable *
bos_letters_page_get_search_entry (BosLettersPage *self)
{
  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

BosLetterPreview *
bos_letters_page_get_preview (BosLettersPage *self)
{
  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), NULL);
  return self->preview;
}

/**
 * bos_letters_page_get_template_view:
 * @language: "nb" or "nn"
 *
 * Returns: (transfer none): the editor of that template (and shows it)
 */
GtkTextView *
bos_letters_page_get_template_view (BosLettersPage *self,
                                    const char     *language)
{
  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), NULL);
  g_return_val_if_fail (bos_letter_is_language (language), NULL);

  gtk_stack_set_visible_child_name (self->editor_stack, language);
  return template_view (self, language_index (language));
}

const char *
bos_letters_page_get_template_error (BosLettersPage *self)
{
  int language;

  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), NULL);

  language = editor_language (self);
  return language >= 0 ? self->template_errors[language] : NULL;
}

/**
 * bos_letters_page_get_error_label:
 *
 * Returns: (transfer none): the label under the editor that shows the
 *   template's error (in a revealer)
 */
GtkWidget *
bos_letters_page_get_error_label (BosLettersPage *self)
{
  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), NULL);
  return GTK_WIDGET (self->error_label);
}

const char *
bos_letters_page_get_editor_mode (BosLettersPage *self)
{
  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->editor_mode_stack);
}

void
bos_letters_page_save_now (BosLettersPage *self)
{
  g_return_if_fail (BOS_IS_LETTERS_PAGE (self));
  save_now (self);
}

/**
 * bos_letters_page_export_to:
 * @directory: the folder for the PDFs (made when missing)
 *
 * Starts the export the Export button starts: one PDF per letter and one
 * with every letter ("YEAR-anmodninger.pdf") in @directory, in a worker
 * thread, shown with a progress bar and Cancel.
 *
 * Returns: whether the export started (else @error says why)
 */
gboolean
bos_letters_page_export_to (BosLettersPage  *self,
                            const char      *directory,
                            GError         **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *combined_name = NULL;
  g_autofree char *combined = NULL;
  g_autofree char *text = NULL;
  ExportProgress *progress;

  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->export_cancellable != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("The letters are being exported"));
      return FALSE;
    }
  documents = prepare_letters (self, error);
  if (documents == NULL)
    return FALSE;

  /* The letters' file names are Norwegian, whatever the app's language. */
  combined_name = g_strdup_printf ("%d-anmodninger.pdf", bos_plan_get_year (self->plan));
  combined = g_build_filename (directory, combined_name, NULL);
  g_free (self->export_directory);
  self->export_directory = g_strdup (directory);
  self->export_total = documents->len;
  self->export_cancellable = g_cancellable_new ();
  self->export_generation++;

  text = g_strdup_printf (ngettext ("%u of %u letter", "%u of %u letters", documents->len), 0,
                          documents->len);
  gtk_label_set_text (self->export_label, text);
  gtk_progress_bar_set_fraction (self->export_progress, 0.0);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  update_actions (self);

  progress = g_new0 (ExportProgress, 1);
  progress->page = g_object_ref (self);
  progress->generation = self->export_generation;
  bos_letter_pdf_export_async (documents, directory, combined, export_progress_cb, progress,
                               export_progress_free, self->export_cancellable, export_done_cb,
                               g_object_ref (self));
  return TRUE;
}

gboolean
bos_letters_page_get_exporting (BosLettersPage *self)
{
  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), FALSE);
  return self->export_cancellable != NULL;
}

void
bos_letters_page_cancel_export (BosLettersPage *self)
{
  g_return_if_fail (BOS_IS_LETTERS_PAGE (self));

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/**
 * bos_letters_page_print:
 * @export_path: (nullable): write the print to this PDF without a dialog
 *
 * Prints every letter through GtkPrintOperation (A4, each letter from a
 * new page), drawn by the renderer that writes the PDFs.
 *
 * Returns: whether printing started (or, with @export_path, finished)
 */
gboolean
bos_letters_page_print (BosLettersPage  *self,
                        const char      *export_path,
                        GError         **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *job_name = NULL;
  GtkPrintOperationResult result;
  GPtrArray *documents;
  PrintJob *job;

  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  documents = prepare_letters (self, error);
  if (documents == NULL)
    return FALSE;

  job = g_new0 (PrintJob, 1);
  job->documents = documents;
  job->renderer = bos_letter_renderer_new ();
  job->pages = g_array_new (FALSE, FALSE, sizeof (PrintPage));
  for (guint d = 0; d < documents->len; d++)
    {
      guint n_pages = bos_letter_renderer_count_pages (job->renderer,
                                                       g_ptr_array_index (documents, d));

      for (guint p = 0; p < n_pages; p++)
        {
          PrintPage page = { d, p };

          g_array_append_val (job->pages, page);
        }
    }

  operation = gtk_print_operation_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, (int) job->pages->len);
  /* Translators: the print job's name; %d is the plan year */
  job_name = g_strdup_printf (_("Request letters %d"), bos_plan_get_year (self->plan));
  gtk_print_operation_set_job_name (operation, job_name);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), job, print_job_free, 0);

  if (export_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        parent_window (self), error);
      return result != GTK_PRINT_OPERATION_RESULT_ERROR;
    }

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  self->print_operation = g_object_ref (operation);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent_window (self), error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_clear_object (&self->print_operation);
      return FALSE;
    }
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_clear_object (&self->print_operation);
  return TRUE;
}

/**
 * bos_letters_page_mark_sent:
 * @code: (nullable): one municipality, or %NULL for every draft
 * @sent_on: the date, "2026-10-02" or "2.10.2026"
 *
 * Stores the letters as they are now and marks them sent, in one
 * transaction: from now on they are frozen.
 */
gboolean
bos_letters_page_mark_sent (BosLettersPage  *self,
                            const char      *code,
                            const char      *sent_on,
                            GError         **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  int year;

  g_return_val_if_fail (BOS_IS_LETTERS_PAGE (self), FALSE);
  g_return_val_if_fail (sent_on != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->plan == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There are no letters to write"));
      return FALSE;
    }
  year = bos_plan_get_year (self->plan);

  if (!bos_store_begin (self->store, error))
    return FALSE;
  documents = prepare_letters (self, error);
  if (documents == NULL)
    goto failed;
  for (guint i = 0; i < documents->len; i++)
    {
      const BosLetterDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(BosLetter) letter = NULL;

      if (code != NULL && !g_str_equal (code, document->code))
        continue;
      letter = bos_letter_load (self->store, year, document->code, error);
      if (letter == NULL)
        goto failed;
      if (bos_letter_get_status (letter) == BOS_LETTER_STATUS_DRAFT &&
          !bos_letter_mark_sent (self->store, year, document->code, sent_on, error))
        goto failed;
    }
  if (!bos_store_commit (self->store, error))
    goto failed;
  /* Inside the transaction the letters said nothing of their changes. */
  bos_store_emit_changed (self->store, "letter");
  return TRUE;

failed:
  bos_store_rollback (self->store);
  return FALSE;
}
