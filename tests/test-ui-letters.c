/* test-ui-letters.c: the letters and decisions pages, driven as a planner would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (`xvfb-run meson test --suite ui`). Opens the real
 * application on a new seeded database and, on the demo plan's proposed
 * requests:
 *  - letters: a Nynorsk municipality's row shows nn and its letter comes in
 *    Nynorsk; the language is overridden and set back through the row's
 *    popover; an unknown merge field typed into the template is underlined
 *    and named under the editor, a good edit reaches the preview and is
 *    saved; every letter is exported to PDF (and a cancelled export leaves
 *    no half-written file), printed to a file, and one marked sent, after
 *    which its editor shows what was sent, read-only;
 *  - decisions: the forecast fills in, a decision registered through the
 *    dialog (after its validation refused minors above persons) moves the
 *    coverage, and a bad CSV is refused naming its line and field while a
 *    good one is imported.
 * Everything is freed at the end.
 *
 * With BOSETTING_SCREENSHOTS=DIR it also saves screenshots of the screen
 * (ImageMagick's `import -window root`) into DIR; with
 * BOSETTING_TEST_LANGUAGE it runs in that language (e.g. nb).
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bos-application.h"
#include "bos-coverage-item.h"
#include "bos-decisions-page.h"
#include "bos-letter.h"
#include "bos-letter-item.h"
#include "bos-letter-text.h"
#include "bos-letters-page.h"
#include "bos-plan.h"
#include "bos-seed.h"
#include "bos-test-util.h"
#include "bos-window.h"

#define TIMEOUT_MS 60000

/* Voss writes Nynorsk; Tønsberg is neutral (Bokmål letters). */
#define NYNORSK_CODE "4621"

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds; fails after TIMEOUT_MS. */
static void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

/* Lets pending idles, animations and frame callbacks run. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (wake);
}

/* With BOSETTING_SCREENSHOTS=DIR: the screen as DIR/NAME.png */
static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("BOSETTING_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL || *dir == '\0')
    return;
  settle ();
  settle ();
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  argv[3] = path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     NULL, &error))
    g_test_message ("No screenshot %s: %s", path, error->message);
}

/* The checks of English text only hold in English. */
static gboolean
in_english (void)
{
  const char *language = g_getenv ("BOSETTING_TEST_LANGUAGE");

  return language == NULL || *language == '\0';
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static BosLetterItem *
find_letter (BosLettersPage *page,
             const char     *code)
{
  GListModel *items = bos_letters_page_get_items (page);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(BosLetterItem) item = g_list_model_get_item (items, i);

      if (g_str_equal (bos_letter_item_get_code (item), code))
        return item;  /* the page keeps it */
    }
  return NULL;
}

static BosCoverageItem *
find_coverage_item (GListModel *items,
                    const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(BosCoverageItem) item = g_list_model_get_item (items, i);

      if (g_str_equal (bos_coverage_item_get_code (item), code))
        return item;  /* the page keeps it */
    }
  return NULL;
}

typedef struct
{
  BosLettersPage *page;
  const char     *code;
  const char     *language;
} LanguageWait;

static gboolean
has_language (gpointer data)
{
  LanguageWait *wait = data;
  BosLetterItem *item = find_letter (wait->page, wait->code);

  return item != NULL && g_str_equal (bos_letter_item_get_language (item), wait->language);
}

static gboolean
is_sent (gpointer data)
{
  LanguageWait *wait = data;
  BosLetterItem *item = find_letter (wait->page, wait->code);

  return item != NULL && bos_letter_item_get_status (item) == BOS_LETTER_STATUS_SENT;
}

typedef struct
{
  BosLettersPage *page;
  const char     *text;
} PreviewWait;

/* The preview shows the selected letter with @text in it */
static gboolean
preview_contains (gpointer data)
{
  PreviewWait *wait = data;
  const BosLetterDocument *document = bos_letter_preview_get_document (bos_letters_page_get_preview (wait->page));

  return document != NULL && strstr (document->content, wait->text) != NULL &&
         bos_letter_preview_get_n_draws (bos_letters_page_get_preview (wait->page)) > 0;
}

static gboolean
has_template_error (gpointer data)
{
  return bos_letters_page_get_template_error (data) != NULL;
}

static gboolean
has_no_template_error (gpointer data)
{
  return bos_letters_page_get_template_error (data) == NULL;
}

static gboolean
export_done (gpointer data)
{
  return !bos_letters_page_get_exporting (data);
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
forecast_done (gpointer data)
{
  return bos_decisions_page_get_forecast (data) != NULL &&
         !bos_decisions_page_get_forecast_running (data);
}

typedef struct
{
  BosDecisionsPage *page;
  gint64            decided;
} DecidedWait;

static gboolean
has_decided (gpointer data)
{
  DecidedWait *wait = data;
  const BosCoverage *coverage = bos_decisions_page_get_coverage (wait->page);

  return coverage != NULL && coverage->national.decided == wait->decided;
}

/* The PDFs in @dir; fails on a temporary (half-written) file or a PDF that
 * is not whole. */
static guint
count_whole_pdfs (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (listing == NULL)
    return 0;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_false (g_str_has_suffix (name, ".tmp"));
      g_assert_true (g_str_has_suffix (name, ".pdf"));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      g_assert_nonnull (g_strrstr_len (contents + length - MIN (length, 64), MIN (length, 64), "%%EOF"));
      n++;
    }
  return n;
}

/* The table shows one row's language button */
static gboolean
shows_one_language_button (gpointer data)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint shown = 0;

  collect (GTK_WIDGET (data), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    shown += gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "language-button") &&
             gtk_widget_get_mapped (g_ptr_array_index (buttons, i));
  return shown == 1;
}

/* Every text view shown is read-only, and there is one */
static gboolean
shows_only_read_only_text (gpointer data)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  guint shown = 0;

  collect (GTK_WIDGET (data), GTK_TYPE_TEXT_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextView *view = g_ptr_array_index (views, i);

      if (!gtk_widget_get_mapped (GTK_WIDGET (view)))
        continue;
      if (gtk_text_view_get_editable (view))
        return FALSE;
      shown++;
    }
  return shown == 1;
}

typedef struct
{
  BosApplication *app;
  GtkWindow      *window;
  char           *dir;
  gboolean        done;
} Run;

static void
check_letters_page (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autofree char *out = g_build_filename (run->dir, "brev", NULL);
  g_autofree char *cancelled = g_build_filename (run->dir, "avbrutt", NULL);
  g_autofree char *printed = g_build_filename (run->dir, "utskrift.pdf", NULL);
  g_autofree char *combined = NULL;
  g_autofree char *voss_name = NULL;
  g_autofree char *voss_file = NULL;
  g_autofree char *subject = NULL;
  BosStore *store = bos_application_get_store (run->app);
  int year = bos_seed_demo_year ();
  BosLettersPage *page;
  BosLetterItem *voss;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  LanguageWait language = { NULL, NYNORSK_CODE, "nn" };
  PreviewWait preview = { NULL, NULL };
  guint n_letters;

  g_assert_true (bos_window_show_page (BOS_WINDOW (run->window), "letters"));
  page = BOS_LETTERS_PAGE (bos_window_get_page (BOS_WINDOW (run->window), "letters"));
  language.page = preview.page = page;
  wait_for (is_mapped, bos_letters_page_get_column_view (page), "the letters table");

  /* One letter per municipality asked for more than 0 */
  n_letters = g_list_model_get_n_items (bos_letters_page_get_items (page));
  g_assert_cmpuint (n_letters, >, 100);
  voss = find_letter (page, NYNORSK_CODE);
  g_assert_nonnull (voss);
  g_assert_cmpstr (bos_letter_item_get_language (voss), ==, "nn");
  g_assert_cmpstr (bos_letter_item_get_automatic_language (voss), ==, "nn");
  g_assert_null (bos_letter_item_get_override (voss));

  /* The row as shown: searched for, its language button reads nn */
  gtk_editable_set_text (bos_letters_page_get_search_entry (page), "Voss");
  wait_for (shows_one_language_button, bos_letters_page_get_column_view (page), "Voss's row alone");
  collect (GTK_WIDGET (bos_letters_page_get_column_view (page)), GTK_TYPE_BUTTON, buttons);
  {
    guint shown = 0;

    for (guint i = 0; i < buttons->len; i++)
      {
        GtkWidget *button = g_ptr_array_index (buttons, i);
        GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

        if (!gtk_widget_has_css_class (button, "language-button") || !gtk_widget_get_mapped (button))
          continue;
        g_assert_true (GTK_IS_LABEL (label));
        g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "nn"));
        shown++;
        /* The row's popover overrides the language: Bokmål */
        g_signal_emit_by_name (button, "clicked");
        settle ();
        screenshot ("letters-language-popover");
        collect (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, checks);
        for (guint c = 0; c < checks->len; c++)
          if (g_strcmp0 (gtk_check_button_get_label (g_ptr_array_index (checks, c)), "") > 0 &&
              g_str_has_suffix (gtk_check_button_get_label (g_ptr_array_index (checks, c)), "(nb)"))
            gtk_check_button_set_active (g_ptr_array_index (checks, c), TRUE);
      }
    g_assert_cmpuint (shown, ==, 1);
  }
  language.language = "nb";
  wait_for (has_language, &language, "Voss written to in Bokmål");
  g_assert_cmpstr (bos_letter_item_get_override (find_letter (page, NYNORSK_CODE)), ==, "nb");
  /* … and back to its language form */
  g_assert_true (bos_letter_set_language_override (store, NYNORSK_CODE, NULL, &error));
  g_assert_no_error (error);
  language.language = "nn";
  wait_for (has_language, &language, "Voss written to in Nynorsk again");
  gtk_editable_set_text (bos_letters_page_get_search_entry (page), "");

  /* Selected, its letter is in Nynorsk, in the Nynorsk template */
  g_assert_true (bos_letters_page_select (page, NYNORSK_CODE));
  preview.text = "Oppmoding om busetjing av flyktningar";
  wait_for (preview_contains, &preview, "Voss's letter in the preview");
  g_assert_cmpstr (bos_letter_preview_get_document (bos_letters_page_get_preview (page))->recipient, ==,
                   "Voss kommune");
  g_assert_cmpstr (bos_letter_preview_get_document (bos_letters_page_get_preview (page))->language, ==,
                   "nn");
  g_assert_cmpstr (bos_letters_page_get_editor_mode (page), ==, "edit");
  screenshot ("letters-nynorsk");

  /* An unknown merge field: underlined, and named under the editor */
  view = bos_letters_page_get_template_view (page, "nn");
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_insert (buffer, &iter, " {kommune}", -1);
  wait_for (has_template_error, page, "the unknown field's error");
  g_assert_nonnull (strstr (bos_letters_page_get_template_error (page), "kommune"));
  g_assert_true (gtk_widget_get_mapped (bos_letters_page_get_error_label (page)) ||
                 gtk_widget_get_child_visible (bos_letters_page_get_error_label (page)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (bos_letters_page_get_error_label (page))),
                            "kommune"));
  {
    GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "unknown-field");
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    g_assert_true (gtk_text_iter_forward_search (&start, "{kommune}", 0, &iter, NULL, NULL));
    gtk_text_iter_forward_char (&iter);
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
  }
  screenshot ("letters-template-error");
  /* Written as a known field it merges, live */
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_start_iter (buffer, &start);
    g_assert_true (gtk_text_iter_forward_search (&start, " {kommune}", 0, &start, &end, NULL));
    gtk_text_buffer_delete (buffer, &start, &end);
    gtk_text_buffer_insert (buffer, &start, " til {municipality}", -1);
  }
  wait_for (has_no_template_error, page, "the template to be right again");
  subject = g_strdup_printf ("i %d til Voss", year);
  preview.text = subject;
  wait_for (preview_contains, &preview, "the edit in the preview");
  bos_letters_page_save_now (page);
  {
    g_autofree char *stored = bos_letter_load_template (store, "nn", &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (stored, "til {municipality}"));
  }

  /* The letters' settings, stored elsewhere (a colleague, the CLI), come
   * into the fields and the letters */
  {
    g_auto(BosLetterSettings) settings = { 0 };
    g_autofree char *plan_id = bos_plan_make_id (year, BOS_PLAN_SCOPE_NATIONAL);
    g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    GtkStack *editor_stack = NULL;
    guint filled = 0;

    settings.sender = g_strdup ("IMDi Vest\nPostboks 1\n5000 Bergen");
    settings.contact = g_strdup ("Kari Nordmann, tlf. 400 00 000");
    settings.reference = g_strdup ("26/01234");
    settings.signatory = g_strdup ("Ola Åsheim");
    settings.signatory_title = g_strdup ("avdelingsdirektør");
    settings.letter_date = g_strdup ("2026-10-01");
    g_assert_true (bos_letter_settings_save (store, plan_id, &settings, &error));
    g_assert_no_error (error);
    preview.text = "26/01234";
    wait_for (preview_contains, &preview, "the reference in the preview");
    g_assert_cmpstr (bos_letter_preview_get_document (bos_letters_page_get_preview (page))->date, ==,
                     "1. oktober 2026");

    collect (GTK_WIDGET (page), GTK_TYPE_STACK, stacks);
    for (guint i = 0; i < stacks->len; i++)
      if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "settings") != NULL)
        editor_stack = g_ptr_array_index (stacks, i);
    g_assert_nonnull (editor_stack);
    gtk_stack_set_visible_child_name (editor_stack, "settings");
    collect (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      filled += g_str_equal (gtk_editable_get_text (g_ptr_array_index (rows, i)), "26/01234") ||
                g_str_equal (gtk_editable_get_text (g_ptr_array_index (rows, i)), "Ola Åsheim");
    g_assert_cmpuint (filled, ==, 2);
    screenshot ("letters-settings");
    gtk_stack_set_visible_child_name (editor_stack, "nn");
  }

  /* Every letter as PDF, and the combined one */
  g_assert_true (bos_letters_page_export_to (page, out, &error));
  g_assert_no_error (error);
  g_assert_true (bos_letters_page_get_exporting (page));
  screenshot ("letters-export-progress");
  wait_for (export_done, page, "the export");
  g_assert_cmpuint (count_whole_pdfs (out), ==, n_letters + 1);
  combined = g_strdup_printf ("%s/%d-anmodninger.pdf", out, year);
  g_assert_true (g_file_test (combined, G_FILE_TEST_IS_REGULAR));
  voss_name = bos_letter_file_name (year, NYNORSK_CODE, "Voss");
  voss_file = g_build_filename (out, voss_name, NULL);
  g_assert_true (g_file_test (voss_file, G_FILE_TEST_IS_REGULAR));

  /* Cancelled at once: what is there is whole, and no combined PDF */
  g_assert_true (bos_letters_page_export_to (page, cancelled, &error));
  g_assert_no_error (error);
  bos_letters_page_cancel_export (page);
  wait_for (export_done, page, "the cancelled export");
  g_assert_cmpuint (count_whole_pdfs (cancelled), <, n_letters + 1);

  /* Printed (to a file, as the print dialog's Print to File does) */
  g_assert_true (bos_letters_page_print (page, printed, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));

  /* Sent, after the confirmation (with the date), only the selected one:
   * frozen, the editor shows what was sent */
  g_assert_true (bos_letters_page_select (page, NYNORSK_CODE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "letters.mark-sent", NULL));
  wait_for (has_message_dialog, NULL, "the confirmation");
  {
    AdwMessageDialog *confirm = find_message_dialog ();

    g_assert_true (adw_message_dialog_has_response (confirm, "selected"));
    g_assert_true (adw_message_dialog_has_response (confirm, "all"));
    screenshot ("letters-mark-sent");
    adw_message_dialog_response (confirm, "selected");
    gtk_window_destroy (GTK_WINDOW (confirm));
  }
  wait_for (is_sent, &language, "Voss's letter to be sent");
  {
    GListModel *items = bos_letters_page_get_items (page);
    guint n_sent = 0;

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(BosLetterItem) item = g_list_model_get_item (items, i);

        n_sent += bos_letter_item_get_status (item) == BOS_LETTER_STATUS_SENT;
      }
    g_assert_cmpuint (n_sent, ==, 1);
  }
  g_assert_true (bos_letters_page_select (page, NYNORSK_CODE));
  settle ();
  g_assert_cmpstr (bos_letters_page_get_editor_mode (page), ==, "sent");
  {
    g_autoptr(BosLetter) letter = bos_letter_load (store, year, NYNORSK_CODE, &error);
    const BosLetterDocument *shown = bos_letter_preview_get_document (bos_letters_page_get_preview (page));

    g_assert_no_error (error);
    g_assert_cmpint (bos_letter_get_status (letter), ==, BOS_LETTER_STATUS_SENT);
    g_assert_nonnull (shown);
    g_assert_cmpstr (shown->content, ==, bos_letter_get_content (letter));
  }
  /* The sent letter is shown read-only (once the editor's crossfade is
   * over, only its view is shown) */
  wait_for (shows_only_read_only_text, page, "only the sent letter's text");
  screenshot ("letters-sent");
}

static void
check_decisions_page (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;
  BosDecisionsPage *page;
  BosDecisionDialog *dialog;
  const BosCoverage *coverage;
  const BosForecastResult *forecast;
  BosCoverageItem *voss;
  DecidedWait decided = { NULL, 0 };
  gint64 before;

  g_assert_true (bos_window_show_page (BOS_WINDOW (run->window), "decisions"));
  page = BOS_DECISIONS_PAGE (bos_window_get_page (BOS_WINDOW (run->window), "decisions"));
  decided.page = page;
  wait_for (is_mapped, page, "the decisions page");

  coverage = bos_decisions_page_get_coverage (page);
  g_assert_nonnull (coverage);
  g_assert_cmpint (coverage->national.decided, ==, 0);
  g_assert_cmpuint (coverage->national.n_outstanding, ==, coverage->national.n_requested);
  before = coverage->national.decided;
  before_text = g_strdup (bos_decisions_page_get_coverage_text (page));
  if (in_english ())
    g_assert_cmpstr (before_text, ==, "0 %");

  /* The forecast on the plan's requests */
  wait_for (forecast_done, page, "the forecast");
  forecast = bos_decisions_page_get_forecast (page);
  g_assert_cmpuint (forecast->n_draws, ==, 10000);
  g_assert_cmpfloat (forecast->p_cover, >=, 0.0);
  g_assert_cmpfloat (forecast->p_cover, <=, 1.0);
  g_assert_cmpint (forecast->total_p10, <=, forecast->total_p90);
  g_assert_cmpuint (bos_coverage_chart_get_n_bars (bos_decisions_page_get_chart (page)), ==,
                    g_list_model_get_n_items (bos_decisions_page_get_counties (page)));
  g_assert_false (isnan (bos_coverage_item_get_expected (
    find_coverage_item (bos_decisions_page_get_counties (page), "46"))));
  screenshot ("decisions-page");

  /* Registered through the dialog, checked first */
  dialog = bos_decisions_page_register (page, NYNORSK_CODE);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  wait_for (is_mapped, dialog, "the decision dialog");
  g_assert_cmpstr (bos_decision_dialog_get_code (dialog), ==, NYNORSK_CODE);
  bos_decision_dialog_set_values (dialog, 25, 30, "2026-11-20", "PS 45/26", NULL);
  g_assert_nonnull (bos_decision_dialog_get_error (dialog));
  g_assert_nonnull (strstr (bos_decision_dialog_get_error (dialog), "30"));
  screenshot ("decision-dialog-error");
  /* Save waits for a decision that can be saved */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "decision.save", NULL);
  settle ();
  g_assert_nonnull (dialog);
  bos_decision_dialog_set_values (dialog, 25, 3, "20.11.2026", "PS 45/26", "Vedtatt mot 3 stemmer");
  g_assert_null (bos_decision_dialog_get_error (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "decision.save", NULL));
  wait_for (is_null, &dialog, "the dialog to close");

  decided.decided = before + 25;
  wait_for (has_decided, &decided, "the coverage to count the decision");
  g_assert_cmpstr (bos_decisions_page_get_coverage_text (page), !=, before_text);
  voss = find_coverage_item (bos_decisions_page_get_municipalities (page), NYNORSK_CODE);
  g_assert_nonnull (voss);
  g_assert_true (bos_coverage_item_get_has_decision (voss));
  g_assert_cmpint (bos_coverage_item_get_decided (voss), ==, 25);
  g_assert_cmpstr (bos_coverage_item_get_decided_on (voss), ==, "2026-11-20");

  /* A bad file: the dialog names the file, line and field; nothing stored */
  bad = bos_test_write_file (run->dir, "vedtak-feil.csv",
                             "code,persons,minors,date,reference\n"
                             "3905,40,5,2026-11-20,PS 112/26\n"
                             "0301,30,31,2026-12-02,\n", -1);
  {
    g_autoptr(GFile) file = g_file_new_for_path (bad);

    g_assert_false (bos_decisions_page_import (page, file, &error));
    g_assert_nonnull (strstr (error->message, "vedtak-feil.csv"));
    if (in_english ())
      g_assert_nonnull (strstr (error->message, "line 3, field “minors”"));
    g_clear_error (&error);
  }
  settle ();
  g_assert_cmpint (bos_decisions_page_get_coverage (page)->national.decided, ==, before + 25);

  good = bos_test_write_file (run->dir, "vedtak.csv",
                              "code,persons,minors,date,reference\n"
                              "3905,40,5,2026-11-20,PS 112/26\n"
                              "0301,300,10,2026-12-02,\n", -1);
  {
    g_autoptr(GFile) file = g_file_new_for_path (good);

    g_assert_true (bos_decisions_page_import (page, file, &error));
    g_assert_no_error (error);
  }
  decided.decided = before + 25 + 40 + 300;
  wait_for (has_decided, &decided, "the imported decisions");

  /* The municipalities' table, sorted and filtered */
  bos_decisions_page_set_view (page, "municipalities");
  settle ();
  screenshot ("decisions-municipalities");
  if (g_getenv ("BOSETTING_SCREENSHOTS") != NULL)
    {
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      collect (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, buttons);
      g_assert_cmpuint (buttons->len, ==, 1);
      gtk_menu_button_popup (g_ptr_array_index (buttons, 0));
      screenshot ("decisions-forecast-help");
      gtk_menu_button_popdown (g_ptr_array_index (buttons, 0));
    }
}

static void
activate_cb (GApplication *application,
             Run          *run)
{
  GtkWindow *window;

  if (run->window != NULL)
    return;
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_assert_true (BOS_IS_WINDOW (window));
  run->window = g_object_ref (window);
  gtk_window_set_default_size (window, 1300, 850);
  wait_for (is_mapped, window, "the window to be mapped");

  check_letters_page (run);
  check_decisions_page (run);

  /* A message dialog left open would keep the application alive. */
  if (find_message_dialog () != NULL)
    gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));
  run->done = TRUE;
  gtk_window_close (window);
}

static void
test_letters_and_decisions (void)
{
  g_autofree char *dir = bos_test_make_tmp_dir ("bos-test-ui-letters");
  g_autofree char *db_path = g_build_filename (dir, "bosetting.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  BosStore *store;

  run.dir = dir;
  run.app = bos_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_assert_true (bos_application_open_store (run.app, db_path, &error));
  g_assert_no_error (error);
  store = g_object_ref (bos_application_get_store (run.app));
  g_signal_connect_after (run.app, "activate", G_CALLBACK (activate_cb), &run);

  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 0, NULL), ==, 0);
  g_assert_true (run.done);

  /* Everything is freed: the window with both pages, the application and
   * the database (no thread keeps them). */
  settle ();
  g_assert_finalize_object (run.window);
  g_assert_finalize_object (run.app);
  g_assert_finalize_object (store);

  bos_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  const char *language = g_getenv ("BOSETTING_TEST_LANGUAGE");
  int result;

  if (language != NULL && *language != '\0')
    {
      g_setenv ("LANGUAGE", language, TRUE);
      g_setenv ("LC_ALL", "nb_NO.UTF-8", TRUE);
    }
  else
    {
      g_setenv ("LANGUAGE", "C", TRUE);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    }
  /* The uninstalled build's translations, as app/main.c binds them */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BOSETTING_LOCALEDIR") ? g_getenv ("BOSETTING_LOCALEDIR")
                                                                   : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* GtkApplication wants a session bus; give it a private one. That
   * unsets DISPLAY, which Xvfb set for us. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() sets a fixed locale; take the one asked for above */
  setlocale (LC_ALL, "");
  adw_init ();

  g_test_add_func ("/ui/letters-and-decisions", test_letters_and_decisions);

  result = g_test_run ();
  /* A singleton of the toolkit keeps the session bus connection for the
   * life of the process, so stop the bus without waiting for the
   * connection to go (which disposing @bus would do). */
  g_test_dbus_stop (bus);
  return result;
}
