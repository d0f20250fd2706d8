/* test-letter.c: request letters: templates, language, PDF export, status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDFs are read back with pdftotext (poppler-utils); the tests that
 * need it are skipped when it is not installed.
 */
#include <string.h>

#include "bos-date.h"
#include "bos-error.h"
#include "bos-letter.h"
#include "bos-letter-text.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"
#include "bos-requests.h"

#include "bos-test-util.h"

#define PLAN_ID "plan:2030:national"

typedef struct
{
  char     *dir;
  char     *out;
  BosStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = NULL;
  BosLetterSettings settings = { 0 };

  fixture->dir = bos_test_make_tmp_dir ("bos-test-letter");
  fixture->out = g_build_filename (fixture->dir, "letters", NULL);
  fixture->store = bos_test_open_seeded_copy (fixture->dir, "test.sqlite");
  plan = bos_plan_create (fixture->store, 2030, BOS_PLAN_SCOPE_NATIONAL, 5000, 200, 2000, FALSE, &error);
  g_assert_no_error (error);

  settings.sender = (char *) "IMDi Sør\nPostboks 8059 Dep\n0031 Oslo";
  settings.contact = (char *) "Kari Nordmann, tlf. 400 00 000";
  settings.signatory = (char *) "Ola Åsheim";
  settings.signatory_title = (char *) "regiondirektør";
  settings.reference = (char *) "29/01234";
  settings.letter_date = (char *) "2029-10-01";
  g_assert_true (bos_letter_settings_save (fixture->store, PLAN_ID, &settings, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  bos_test_remove_tree (fixture->dir);
  g_free (fixture->out);
  g_free (fixture->dir);
}

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in “%s”", needle, haystack);
}

/* The text of @path with every run of white space (line breaks and
 * no-break spaces included) made one space; NULL when pdftotext is
 * missing (the test is then skipped). */
static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) text = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status;
  gboolean space = FALSE;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  text = g_string_new (NULL);
  for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00a0)
        {
          space = TRUE;
          continue;
        }
      if (space && text->len > 0)
        g_string_append_c (text, ' ');
      space = FALSE;
      g_string_append_unichar (text, c);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
pdf_pages (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  const char *pages;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return -1;
  if (!g_spawn_check_wait_status (status, NULL))
    return 0;
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

static GArray *
load_requests (Fixture    *fixture,
               const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = bos_municipality_index_load (fixture->store, &error);
  g_autofree char *path = bos_test_write_file (fixture->dir, "requests.csv", csv, -1);
  GArray *requests;

  g_assert_no_error (error);
  requests = bos_requests_load_file (index, path, &error);
  g_assert_no_error (error);
  return requests;
}

/* Prepares and exports the letters for @csv; returns the documents. */
static GPtrArray *
export (Fixture    *fixture,
        const char *csv,
        const char *combined)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = load_requests (fixture, csv);
  GPtrArray *documents;

  documents = bos_letter_prepare (fixture->store, PLAN_ID, requests, NULL, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (bos_letter_pdf_export (documents, fixture->out, combined, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return documents;
}

static char *
letter_text (Fixture    *fixture,
             const char *file_name)
{
  g_autofree char *path = g_build_filename (fixture->out, file_name, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return pdf_text (path);
}

/* Files in @dir: how many end in .pdf and how many are temporary. */
static void
count_files (const char *dir,
             guint      *n_pdf,
             guint      *n_tmp)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  *n_pdf = *n_tmp = 0;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_suffix (name, ".tmp") || strstr (name, ".XXXXXX") != NULL)
        (*n_tmp)++;
      else if (g_str_has_suffix (name, ".pdf"))
        (*n_pdf)++;
    }
}

/* ---- text ---------------------------------------------------------------- */

static void
test_slug (void)
{
  static const struct { const char *name; const char *slug; } cases[] = {
    { "Tønsberg", "tonsberg" },
    { "Bærum", "baerum" },
    { "Ås", "as" },
    { "Ålesund", "alesund" },
    { "Aurskog-Høland", "aurskog-holand" },
    { "Evje og Hornnes", "evje-og-hornnes" },
    { "Sør-Varanger", "sor-varanger" },
    { "Unjárga-Nesseby", "unjarga-nesseby" },
    { "Våler (Østf.)", "valer-ostf" },
  };
  g_autofree char *file_name = bos_letter_file_name (2027, "3905", "Tønsberg");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = bos_letter_slug (cases[i].name);

      g_assert_cmpstr (slug, ==, cases[i].slug);
    }
  g_assert_cmpstr (file_name, ==, "2027-3905-tonsberg-anmodning.pdf");
}

static void
test_language (void)
{
  g_assert_cmpstr (bos_letter_language_for ("nynorsk", NULL), ==, "nn");
  g_assert_cmpstr (bos_letter_language_for ("bokmal", NULL), ==, "nb");
  g_assert_cmpstr (bos_letter_language_for ("neutral", NULL), ==, "nb");
  g_assert_cmpstr (bos_letter_language_for ("nynorsk", "nb"), ==, "nb");
  g_assert_cmpstr (bos_letter_language_for ("neutral", "nn"), ==, "nn");
  g_assert_cmpstr (bos_letter_language_for ("bokmal", "xx"), ==, "nb");
}

static GHashTable *
sample_values (void)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (values, "municipality", "Tønsberg");
  g_hash_table_insert (values, "county", "Vestfold");
  g_hash_table_insert (values, "year", "2030");
  g_hash_table_insert (values, "next_year", "2031");
  g_hash_table_insert (values, "request", "1250");
  g_hash_table_insert (values, "minors", "1");
  g_hash_table_insert (values, "next_year_figure", "");
  g_hash_table_insert (values, "deadline", "1. desember 2029");
  g_hash_table_insert (values, "reference", "29/01234");
  return values;
}

static void
test_merge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = sample_values ();
  g_autofree char *text = NULL;
  g_autofree char *subject = NULL;

  text = bos_letter_merge ("Emne {year}\n\n"
                           "{municipality} kommune: {request} personer{?minors}, hvorav "
                           "{minors|enslig mindreårig|enslige mindreårige}{/minors}.\n\n"
                           "{?next_year_figure}Planleggingstall {next_year_figure}.{/next_year_figure}\n\n"
                           "{?contact}Kontakt {contact}.{/contact}\n\n"
                           "Frist {deadline}. Klammer: {{x}}.\n"
                           "Ny linje   \n\n\n\n"
                           "Slutt{?reference} ({reference}){/reference}",
                           values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "Emne 2030\n\n"
                   "Tønsberg kommune: 1\xc2\xa0" "250 personer, hvorav 1 enslig mindreårig.\n\n"
                   "Frist 1. desember 2029. Klammer: {x}.\nNy linje\n\n"
                   "Slutt (29/01234)");
  subject = bos_letter_dup_subject (text);
  g_assert_cmpstr (subject, ==, "Emne 2030");
  g_assert_true (g_str_has_prefix (bos_letter_get_body (text), "Tønsberg kommune"));

  /* Plural, and a minors count of 0 leaves the clause out. */
  g_hash_table_insert (values, "minors", "3");
  g_clear_pointer (&text, g_free);
  text = bos_letter_merge ("{request} i {year}{?minors}, hvorav {minors|enslig mindreårig|enslige mindreårige}{/minors}.",
                           values, &error);
  g_assert_cmpstr (text, ==, "1\xc2\xa0" "250 i 2030, hvorav 3 enslige mindreårige.");
  g_hash_table_insert (values, "minors", "0");
  g_clear_pointer (&text, g_free);
  text = bos_letter_merge ("{request} i {year}{?minors}, hvorav {minors|enslig mindreårig|enslige mindreårige}{/minors}.",
                           values, &error);
  g_assert_cmpstr (text, ==, "1\xc2\xa0" "250 i 2030.");
}

static void
test_merge_errors (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "Hei {kommune}!", "unknown merge field “kommune” on line 1" },
    { "A\nB\n{?contakt}x{/contakt}", "unknown merge field “contakt” on line 3" },
    { "Hei {municipality", "without its “}” on line 1" },
    { "{?minors}x", "“{?minors}” on line 1 is never closed" },
    { "{?minors}x{/request}", "closes “{/request}” on line 1" },
    { "x{/minors}", "without an opening" },
    { "{county|a|b}", "is not a number" },
    { "{minors|a}", "needs two words" },
  };
  g_autoptr(GHashTable) values = sample_values ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) check_error = NULL;
      g_autofree char *text = bos_letter_merge (cases[i].text, values, &error);

      g_assert_null (text);
      g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
      bos_test_assert_contains (error->message, cases[i].message);
      g_assert_false (bos_letter_template_check (cases[i].text, &check_error));
      g_assert_error (check_error, BOS_ERROR, BOS_ERROR_PARSE);
    }
}

static void
test_dates_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *july = NULL;
  g_autofree char *december = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *small = bos_letter_format_number (999);
  g_autofree char *thousand = bos_letter_format_number (1000);
  g_autofree char *big = bos_letter_format_number (1234567);
  GDate date;

  g_assert_true (bos_date_parse ("2027-07-01", &date, &error));
  july = bos_date_format_long (&date, "nb");
  g_assert_cmpstr (july, ==, "1. juli 2027");
  g_assert_true (bos_date_parse ("6.1.2028", &date, &error));
  iso = bos_date_to_iso (&date);
  g_assert_cmpstr (iso, ==, "2028-01-06");
  g_assert_true (bos_date_parse ("31.12.2026", &date, &error));
  december = bos_date_format_long (&date, "nn");
  g_assert_cmpstr (december, ==, "31. desember 2026");
  g_assert_false (bos_date_parse ("2027-02-29", &date, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bos_date_parse ("1 juli 2027", &date, &error));
  g_clear_error (&error);
  g_assert_false (bos_date_parse ("2027-7-1", &date, &error));
  g_clear_error (&error);

  g_assert_cmpstr (small, ==, "999");
  g_assert_cmpstr (thousand, ==, "1\xc2\xa0" "000");
  g_assert_cmpstr (big, ==, "1\xc2\xa0" "234\xc2\xa0" "567");
}

static void
test_default_templates (void)
{
  g_autoptr(GHashTable) values = sample_values ();
  g_autofree char *nb = bos_letter_default_template ("nb");
  g_autofree char *nn = bos_letter_default_template ("nn");
  g_autofree char *nb_text = NULL;
  g_autofree char *nn_text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bos_letter_template_check (nb, &error));
  g_assert_no_error (error);
  g_assert_true (bos_letter_template_check (nn, &error));
  g_assert_no_error (error);

  g_hash_table_insert (values, "minors", "12");
  g_hash_table_insert (values, "next_year_figure", "900");
  g_hash_table_insert (values, "contact", "Kari Nordmann");
  nb_text = bos_letter_merge (nb, values, &error);
  g_assert_no_error (error);
  nn_text = bos_letter_merge (nn, values, &error);
  g_assert_no_error (error);
  g_test_message ("%s\n\n%s", nb_text, nn_text);

  g_assert_true (g_str_has_prefix (nb_text, "Anmodning om bosetting av flyktninger i 2030\n\n"));
  bos_test_assert_contains (nb_text, "anmoder IMDi Tønsberg kommune om å bosette 1\xc2\xa0" "250 flyktninger i 2030, "
                                     "hvorav 12 enslige mindreårige.");
  bos_test_assert_contains (nb_text, "For 2031 ber vi kommunen legge til grunn et planleggingstall på 900 flyktninger.");
  bos_test_assert_contains (nb_text, "innen 1. desember 2029");
  bos_test_assert_contains (nb_text, "Oppgi vår referanse 29/01234 i svaret.");
  bos_test_assert_contains (nb_text, "kan dere kontakte Kari Nordmann.");
  bos_test_assert_contains (nb_text, "Med hilsen");

  g_assert_true (g_str_has_prefix (nn_text, "Oppmoding om busetjing av flyktningar i 2030\n\n"));
  bos_test_assert_contains (nn_text, "ber IMDi Tønsberg kommune om å busetje 1\xc2\xa0" "250 flyktningar i 2030, "
                                     "av dei 12 einslege mindreårige.");
  bos_test_assert_contains (nn_text, "For 2031 ber vi kommunen leggje til grunn eit planleggingstal på 900 flyktningar.");
  bos_test_assert_contains (nn_text, "innan 1. desember 2029");
  bos_test_assert_contains (nn_text, "Oppgje referansen vår, 29/01234, i svaret.");
  bos_test_assert_contains (nn_text, "Med helsing");
  assert_not_contains (nn_text, "flyktninger");
  assert_not_contains (nn_text, "hvorav");
}

/* ---- PDF ----------------------------------------------------------------- */

static void
test_pdf_content (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = export (fixture, "code,request,minors,next_year_figure\n"
                                                    "3905,59,5,64\n0301,1250,40,\n3907,0,0,\n",
                                           NULL);
  g_autofree char *text = NULL;
  g_autofree char *oslo = NULL;
  guint n_pdf, n_tmp;

  /* No letter for a request of 0. */
  g_assert_cmpuint (documents->len, ==, 2);
  count_files (fixture->out, &n_pdf, &n_tmp);
  g_assert_cmpuint (n_pdf, ==, 2);
  g_assert_cmpuint (n_tmp, ==, 0);

  text = letter_text (fixture, "2030-3905-tonsberg-anmodning.pdf");
  if (text == NULL)
    return;
  g_test_message ("%s", text);
  bos_test_assert_contains (text, "Integrerings- og mangfoldsdirektoratet IMDi Sør Postboks 8059 Dep 0031 Oslo");
  bos_test_assert_contains (text, "Tønsberg kommune");
  bos_test_assert_contains (text, "Vår dato: 1. oktober 2029");
  bos_test_assert_contains (text, "Vår referanse: 29/01234");
  bos_test_assert_contains (text, "Saksbehandler: Kari Nordmann, tlf. 400 00 000");
  bos_test_assert_contains (text, "Anmodning om bosetting av flyktninger i 2030");
  bos_test_assert_contains (text, "om å bosette 59 flyktninger i 2030, hvorav 5 enslige mindreårige.");
  bos_test_assert_contains (text, "planleggingstall på 64 flyktninger");
  bos_test_assert_contains (text, "kommunene i Vestfold");
  /* The default calendar's answer deadline is December the year before. */
  bos_test_assert_contains (text, "innen 31. desember 2029");
  bos_test_assert_contains (text, "Ola Åsheim regiondirektør");
  bos_test_assert_contains (text, "Side 1 av 1");

  oslo = letter_text (fixture, "2030-0301-oslo-anmodning.pdf");
  bos_test_assert_contains (oslo, "Oslo kommune");
  bos_test_assert_contains (oslo, "om å bosette 1 250 flyktninger i 2030, hvorav 40 enslige mindreårige.");
  assert_not_contains (oslo, "planleggingstall");
}

static void
test_nynorsk (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = export (fixture, "code,request,minors\n4621,30,1\n1511,12,0\n", NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *voss = NULL;
  g_autofree char *vanylven = NULL;
  g_autofree char *voss_nb = NULL;
  g_autofree char *language = NULL;

  voss = letter_text (fixture, "2030-4621-voss-anmodning.pdf");
  if (voss == NULL)
    return;
  g_test_message ("%s", voss);
  bos_test_assert_contains (voss, "Integrerings- og mangfaldsdirektoratet");
  bos_test_assert_contains (voss, "Voss kommune");
  bos_test_assert_contains (voss, "Oppmoding om busetjing av flyktningar i 2030");
  bos_test_assert_contains (voss, "om å busetje 30 flyktningar i 2030, av dei 1 einsleg mindreårig.");
  bos_test_assert_contains (voss, "innan 31. desember 2029");
  bos_test_assert_contains (voss, "Saksbehandlar: Kari Nordmann");
  bos_test_assert_contains (voss, "Med helsing");
  assert_not_contains (voss, "Anmodning");

  vanylven = letter_text (fixture, "2030-1511-vanylven-anmodning.pdf");
  bos_test_assert_contains (vanylven, "Oppmoding om busetjing av flyktningar i 2030");
  assert_not_contains (vanylven, "av dei");

  /* A municipality can ask for Bokmål. */
  language = bos_letter_language_of (fixture->store, "4621", &error);
  g_assert_cmpstr (language, ==, "nn");
  g_assert_true (bos_letter_set_language_override (fixture->store, "4621", "nb", &error));
  g_assert_no_error (error);
  g_clear_pointer (&language, g_free);
  language = bos_letter_language_of (fixture->store, "4621", &error);
  g_assert_cmpstr (language, ==, "nb");
  again = export (fixture, "code,request,minors\n4621,30,1\n", NULL);
  voss_nb = letter_text (fixture, "2030-4621-voss-anmodning.pdf");
  bos_test_assert_contains (voss_nb, "Anmodning om bosetting av flyktninger i 2030");
  bos_test_assert_contains (voss_nb, "hvorav 1 enslig mindreårig.");

  g_assert_true (bos_letter_set_language_override (fixture->store, "4621", NULL, &error));
  g_clear_pointer (&language, g_free);
  language = bos_letter_language_of (fixture->store, "4621", &error);
  g_assert_cmpstr (language, ==, "nn");
}

/* æøå, Sami letters and long names survive layout and font embedding. */
static void
test_characters (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = export (fixture, "code,request\n3226,20\n1508,40\n4219,10\n", NULL);
  g_autoptr(GPtrArray) custom = g_ptr_array_new_with_free_func ((GDestroyNotify) bos_letter_document_free);
  g_autoptr(GHashTable) values = sample_values ();
  g_autofree char *holand = NULL;
  g_autofree char *alesund = NULL;
  g_autofree char *evje = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *long_name = "Guovdageaidnu-Kautokeino ja Unjárga-Nesseby ovttasbargi "
                          "gielddat og Sør-Trøndelags æøå ÆØÅ interkommunale";

  holand = letter_text (fixture, "2030-3226-aurskog-holand-anmodning.pdf");
  if (holand == NULL)
    return;
  bos_test_assert_contains (holand, "Aurskog-Høland kommune");
  alesund = letter_text (fixture, "2030-1508-alesund-anmodning.pdf");
  bos_test_assert_contains (alesund, "Ålesund kommune");
  bos_test_assert_contains (alesund, "kommunene i Møre og Romsdal");
  evje = letter_text (fixture, "2030-4219-evje-og-hornnes-anmodning.pdf");
  bos_test_assert_contains (evje, "Evje og Hornnes kommune");

  g_hash_table_insert (values, "municipality", (gpointer) long_name);
  g_ptr_array_add (custom, bos_letter_document_new ("5444", "nb", values,
                                                    "Emne med æøå ÆØÅ\n\nBrødtekst om "
                                                    "Sørfold, Hå og Ås; Čáhcesuolu."));
  path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_assert_true (bos_letter_pdf_write (custom, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_test_message ("%s", text);
  /* pdftotext joins a word broken at its hyphen, so look at the parts. */
  bos_test_assert_contains (text, "Guovdageaidnu-Kautokeino ja Unjárga");
  bos_test_assert_contains (text, "Nesseby ovttasbargi gielddat");
  bos_test_assert_contains (text, "Trøndelags æøå ÆØÅ interkommunale kommune");
  bos_test_assert_contains (text, "Emne med æøå ÆØÅ");
  bos_test_assert_contains (text, "Sørfold, Hå og Ås; Čáhcesuolu.");
}

/* A long letter runs onto a second page, numbered "Side 2 av 2". */
static void
test_two_pages (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) template = g_string_new ("Anmodning om bosetting i {year}\n\n");
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  for (int i = 1; i <= 22; i++)
    g_string_append_printf (template,
                            "Avsnitt %d. {municipality} kommune blir bedt om å bosette {request} "
                            "flyktninger. Dette avsnittet er med for å gjøre brevet langt nok til "
                            "at det går over mer enn én side, slik lange brev gjør.\n\n", i);
  g_string_append (template, "Med hilsen\n\n{signatory}");
  g_assert_true (bos_letter_save_template (fixture->store, "nb", template->str, &error));
  g_assert_no_error (error);

  documents = export (fixture, "code,request\n3905,59\n", NULL);
  path = g_build_filename (fixture->out, "2030-3905-tonsberg-anmodning.pdf", NULL);
  text = pdf_text (path);
  if (text == NULL)
    return;
  g_assert_cmpint (pdf_pages (path), ==, 2);
  bos_test_assert_contains (text, "Side 1 av 2");
  bos_test_assert_contains (text, "Side 2 av 2");
  bos_test_assert_contains (text, "Avsnitt 22.");
  bos_test_assert_contains (text, "Med hilsen Ola Åsheim");
}

static GArray *
all_requests (Fixture *fixture)
{
  g_autoptr(GString) csv = g_string_new ("code,request,minors\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = bos_municipality_index_load (fixture->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < bos_municipality_index_get_n (index); i++)
    g_string_append_printf (csv, "%s,%u,%u\n", bos_municipality_index_get (index, i)->code,
                            10 + i % 40, i % 5);
  return load_requests (fixture, csv->str);
}

/* All 357 letters, one file each and one combined PDF. */
static void
test_batch_all (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = all_requests (fixture);
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *combined = g_build_filename (fixture->dir, "alle.pdf", NULL);
  guint n_pdf, n_tmp, n_nn = 0;
  gint64 start;

  start = g_get_monotonic_time ();
  documents = bos_letter_prepare (fixture->store, PLAN_ID, requests, NULL, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 357);
  g_assert_true (bos_letter_pdf_export (documents, fixture->out, combined, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("357 letters in %.2f s", (g_get_monotonic_time () - start) / 1e6);

  count_files (fixture->out, &n_pdf, &n_tmp);
  g_assert_cmpuint (n_pdf, ==, 357);
  g_assert_cmpuint (n_tmp, ==, 0);
  g_assert_true (g_file_test (combined, G_FILE_TEST_IS_REGULAR));
  for (guint i = 0; i < documents->len; i++)
    if (g_str_equal (((BosLetterDocument *) g_ptr_array_index (documents, i))->language, "nn"))
      n_nn++;
  g_assert_cmpuint (n_nn, ==, bos_test_query_int (fixture->store,
                                                  "SELECT count(*) FROM municipality "
                                                  "WHERE language_form = 'nynorsk'"));
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM letter "
                                                       "WHERE status = 'draft'"), ==, 357);
  if (pdf_pages (combined) >= 0)
    g_assert_cmpint (pdf_pages (combined), >=, 357);
}

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_after;
  guint         calls;
  guint         last_done;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, ==, progress->last_done + 1);
  g_assert_cmpuint (total, ==, 357);
  progress->calls++;
  progress->last_done = done;
  if (done == progress->cancel_after)
    g_cancellable_cancel (progress->cancellable);
}

/* Cancelling leaves no temporary or partial file and no combined PDF. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = all_requests (fixture);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *combined = g_build_filename (fixture->out, "alle.pdf", NULL);
  g_autoptr(GDir) dir = NULL;
  Progress progress = { cancellable, 5, 0, 0 };
  const char *name;
  guint n_pdf, n_tmp;

  documents = bos_letter_prepare (fixture->store, PLAN_ID, requests, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (bos_letter_pdf_export (documents, fixture->out, combined, progress_cb, &progress,
                                         cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 5);

  count_files (fixture->out, &n_pdf, &n_tmp);
  g_assert_cmpuint (n_tmp, ==, 0);
  g_assert_cmpuint (n_pdf, ==, 5);
  g_assert_false (g_file_test (combined, G_FILE_TEST_EXISTS));

  /* The letters finished before the cancellation are whole PDFs. */
  dir = g_dir_open (fixture->out, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->out, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      g_assert_nonnull (g_strrstr_len (contents + length - MIN (length, 32), MIN (length, 32), "%%EOF"));
      if (pdf_pages (path) >= 0)
        g_assert_cmpint (pdf_pages (path), ==, 1);
    }

  /* Cancelled before it starts: nothing at all. */
  bos_test_remove_tree (fixture->out);
  g_clear_error (&error);
  g_assert_false (bos_letter_pdf_export (documents, fixture->out, combined, NULL, NULL,
                                         cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  count_files (fixture->out, &n_pdf, &n_tmp);
  g_assert_cmpuint (n_pdf + n_tmp, ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  guint      progress_calls;
  gboolean   in_main_thread;
  gboolean   destroyed;
  gboolean   done;
  GError    *error;
} AsyncState;

static void
async_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  AsyncState *state = user_data;

  state->progress_calls++;
  state->in_main_thread &= g_main_context_is_owner (g_main_context_default ());
}

static void
async_destroy_cb (gpointer user_data)
{
  ((AsyncState *) user_data)->destroyed = TRUE;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  bos_letter_pdf_export_finish (result, &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GArray) requests = load_requests (fixture, "code,request\n3905,59\n4621,30\n0301,500\n");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, 0, TRUE, FALSE, FALSE, NULL };
  guint n_pdf, n_tmp;

  documents = bos_letter_prepare (fixture->store, PLAN_ID, requests, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  bos_letter_pdf_export_async (documents, fixture->out, NULL, async_progress_cb, &state,
                               async_destroy_cb, NULL, async_done_cb, &state);
  g_main_loop_run (loop);
  /* The progress reports ran in this thread, before the end. */
  while (!state.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_true (state.done);
  g_assert_cmpuint (state.progress_calls, ==, 3);
  g_assert_true (state.in_main_thread);
  count_files (fixture->out, &n_pdf, &n_tmp);
  g_assert_cmpuint (n_pdf, ==, 3);
  g_assert_cmpuint (n_tmp, ==, 0);
}

/* ---- status and what is stored ------------------------------------------- */

static void
test_sent_is_frozen (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = export (fixture, "code,request,minors\n3905,59,5\n", NULL);
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(BosLetter) letter = NULL;
  g_autoptr(BosLetter) sent = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *sent_content = NULL;
  const BosLetterDocument *document;

  letter = bos_letter_load (fixture->store, 2030, "3905", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_letter_get_status (letter), ==, BOS_LETTER_STATUS_DRAFT);
  g_assert_cmpstr (bos_letter_get_language (letter), ==, "nb");
  g_assert_null (bos_letter_get_sent_on (letter));
  values = bos_letter_dup_values (letter);
  g_assert_cmpstr (g_hash_table_lookup (values, "request"), ==, "59");
  g_assert_cmpstr (g_hash_table_lookup (values, "deadline"), ==, "31. desember 2029");

  /* A draft follows the requests; sending freezes it. */
  g_assert_true (bos_letter_mark_sent (fixture->store, 2030, "3905", "2029-10-02", &error));
  g_assert_no_error (error);
  sent = bos_letter_load (fixture->store, 2030, "3905", &error);
  g_assert_cmpint (bos_letter_get_status (sent), ==, BOS_LETTER_STATUS_SENT);
  g_assert_cmpstr (bos_letter_get_sent_on (sent), ==, "2029-10-02");
  sent_content = g_strdup (bos_letter_get_content (sent));
  bos_test_assert_contains (sent_content, "bosette 59 flyktninger");

  g_assert_false (bos_letter_mark_sent (fixture->store, 2030, "3905", "2029-10-03", &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bos_letter_save_draft (fixture->store, PLAN_ID, "3905", "nb", values, "Nytt brev",
                                         &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  bos_test_assert_contains (error->message, "was sent on 2029-10-02");
  g_clear_error (&error);

  /* The database refuses a local edit of what was sent … */
  g_assert_false (bos_store_exec (fixture->store,
                                  "UPDATE letter SET content = 'endret', dirty = 1 "
                                  "WHERE id = 'letter:2030:3905'", &error));
  bos_test_assert_contains (error->message, "sent");
  g_clear_error (&error);

  /* … and a new request or template does not change the letter sent. */
  g_assert_true (bos_letter_save_template (fixture->store, "nb", "Nytt emne {year}\n\nNy tekst.",
                                           &error));
  g_assert_no_error (error);
  later = export (fixture, "code,request,minors\n3905,80,0\n3907,20,0\n", NULL);
  g_assert_cmpuint (later->len, ==, 2);
  document = g_ptr_array_index (later, 0);
  g_assert_cmpstr (document->code, ==, "3905");
  g_assert_cmpstr (document->content, ==, sent_content);
  document = g_ptr_array_index (later, 1);
  g_assert_cmpstr (document->content, ==, "Nytt emne 2030\n\nNy tekst.");
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM change_log WHERE record_id = 'letter:2030:3905' "
                                       "AND field = 'status' AND new_value = 'sent'"), ==, 1);

  /* Drafts follow the requests; the sent letter stays whatever happens. */
  g_clear_pointer (&later, g_ptr_array_unref);
  later = export (fixture, "code,request\n0301,500\n", NULL);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM letter WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT deleted FROM letter WHERE id = 'letter:2030:3907'"), ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT deleted FROM letter WHERE id = 'letter:2030:3905'"), ==, 0);
}

static void
test_settings_templates (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(BosLetterSettings) settings = { 0 };
  g_auto(BosLetterSettings) empty = { 0 };
  g_autofree char *template_text = NULL;
  g_autofree char *default_text = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (bos_letter_settings_load (fixture->store, PLAN_ID, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (settings.reference, ==, "29/01234");
  g_assert_cmpstr (settings.letter_date, ==, "2029-10-01");
  g_assert_cmpstr (settings.sender, ==, "IMDi Sør\nPostboks 8059 Dep\n0031 Oslo");
  g_assert_true (bos_letter_settings_load (fixture->store, "plan:2031:national", &empty, &error));
  g_assert_cmpstr (empty.reference, ==, "");
  g_assert_null (empty.letter_date);

  /* An edited template is checked before it is stored. */
  g_assert_false (bos_letter_save_template (fixture->store, "nn", "Hei {kommune}", &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
  bos_test_assert_contains (error->message, "“kommune”");
  g_clear_error (&error);

  default_text = bos_letter_default_template ("nn");
  template_text = bos_letter_load_template (fixture->store, "nn", &error);
  g_assert_cmpstr (template_text, ==, default_text);
  g_assert_true (bos_letter_save_template (fixture->store, "nn", "Emne {year}\n\nTekst.", &error));
  stored = bos_letter_load_template (fixture->store, "nn", &error);
  g_assert_cmpstr (stored, ==, "Emne {year}\n\nTekst.");
  g_assert_true (bos_letter_save_template (fixture->store, "nn", NULL, &error));
  g_clear_pointer (&template_text, g_free);
  template_text = bos_letter_load_template (fixture->store, "nn", &error);
  g_assert_cmpstr (template_text, ==, default_text);
}

static void
test_deadline_needed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = load_requests (fixture, "code,request\n3905,59\n");
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(BosPlan) plan = NULL;
  GDate deadline;

  /* A county plan made without calendar activities has no deadline. */
  g_assert_true (bos_store_exec (fixture->store,
                                 "UPDATE activity SET status = 'cancelled' "
                                 "WHERE plan_id = 'plan:2030:national' AND kind = 'answer_deadline'",
                                 &error));
  documents = bos_letter_prepare (fixture->store, PLAN_ID, requests, NULL, NULL, FALSE, &error);
  g_assert_null (documents);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  bos_test_assert_contains (error->message, "answer deadline");
  g_clear_error (&error);

  g_date_clear (&deadline, 1);
  g_date_set_dmy (&deadline, 6, 1, 2030);
  documents = bos_letter_prepare (fixture->store, PLAN_ID, requests, NULL, &deadline, FALSE, &error);
  g_assert_no_error (error);
  bos_test_assert_contains (((BosLetterDocument *) g_ptr_array_index (documents, 0))->content,
                            "innen 6. januar 2030");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/letter/slug", test_slug);
  g_test_add_func ("/letter/language", test_language);
  g_test_add_func ("/letter/merge", test_merge);
  g_test_add_func ("/letter/merge-errors", test_merge_errors);
  g_test_add_func ("/letter/dates-numbers", test_dates_numbers);
  g_test_add_func ("/letter/default-templates", test_default_templates);
  g_test_add ("/letter/pdf-content", Fixture, NULL, fixture_set_up, test_pdf_content, fixture_tear_down);
  g_test_add ("/letter/nynorsk", Fixture, NULL, fixture_set_up, test_nynorsk, fixture_tear_down);
  g_test_add ("/letter/characters", Fixture, NULL, fixture_set_up, test_characters, fixture_tear_down);
  g_test_add ("/letter/two-pages", Fixture, NULL, fixture_set_up, test_two_pages, fixture_tear_down);
  g_test_add ("/letter/batch-all", Fixture, NULL, fixture_set_up, test_batch_all, fixture_tear_down);
  g_test_add ("/letter/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/letter/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);
  g_test_add ("/letter/sent-is-frozen", Fixture, NULL, fixture_set_up, test_sent_is_frozen,
              fixture_tear_down);
  g_test_add ("/letter/settings-templates", Fixture, NULL, fixture_set_up, test_settings_templates,
              fixture_tear_down);
  g_test_add ("/letter/deadline-needed", Fixture, NULL, fixture_set_up, test_deadline_needed,
              fixture_tear_down);

  return g_test_run ();
}
