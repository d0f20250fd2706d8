/* test-format.c: numbers and dates as the views show them, in English and
 * in Norwegian
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Norwegian cases need the nb_NO.UTF-8 locale (the C library's month
 * names and separators) and the translations built into
 * $BOSETTING_LOCALEDIR; they are skipped where the locale is not installed.
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "bos-format.h"
#include "bos-plan-date.h"

#define NNBSP "\u202f"  /* narrow no-break space */
#define NBSP "\u00a0"   /* no-break space */

/* Switches the messages and formats to @language in @locale; FALSE when
 * the locale is not installed. */
static gboolean
use_language (const char *locale,
              const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  if (setlocale (LC_ALL, locale) == NULL)
    return FALSE;
  /* textdomain() makes gettext forget the messages it looked up in the
   * previous language. */
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

static void
assert_count (gint64      value,
              const char *expected)
{
  g_autofree char *text = bos_format_count (value);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_count_c (void)
{
  g_assert_true (use_language ("C", NULL));

  assert_count (0, "0");
  assert_count (999, "999");
  assert_count (5350, "5" NNBSP "350");
  assert_count (728714, "728" NNBSP "714");
  assert_count (1234567, "1" NNBSP "234" NNBSP "567");
  assert_count (-5350, "\u2212" "5" NNBSP "350");
  assert_count (G_MININT64, "\u2212" "9" NNBSP "223" NNBSP "372" NNBSP "036" NNBSP "854"
                            NNBSP "775" NNBSP "808");
}

static void
test_count_norwegian (void)
{
  if (!use_language ("nb_NO.UTF-8", "nb"))
    {
      g_test_skip ("the nb_NO.UTF-8 locale is not installed");
      return;
    }

  assert_count (5350, "5" NNBSP "350");
  assert_count (35000, "35" NNBSP "000");
  assert_count (-270, "\u2212" "270");
  use_language ("C", NULL);
}

static void
test_date_norwegian (void)
{
  BosPlanDate date = { 2027, 7, 1 };
  BosPlanDate month = { 2027, 9, 0 };
  BosPlanDate end = { 2027, 9, 16 };
  BosPlanDate start = { 2027, 9, 15 };
  g_autofree char *text = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *range = NULL;

  if (!use_language ("nb_NO.UTF-8", "nb"))
    {
      g_test_skip ("the nb_NO.UTF-8 locale is not installed");
      return;
    }

  text = bos_plan_date_format (&date);
  month_text = bos_plan_date_format (&month);
  range = bos_plan_date_format_range (&start, &end);
  if (g_str_equal (text, "1 juli 2027"))
    {
      /* The C library speaks Norwegian but our catalogue was not found */
      use_language ("C", NULL);
      g_test_skip ("the translations are not built in $BOSETTING_LOCALEDIR");
      return;
    }
  g_assert_cmpstr (text, ==, "1. juli 2027");
  g_assert_cmpstr (month_text, ==, "september 2027");
  g_assert_cmpstr (range, ==, "15. september – 16. september 2027");
  use_language ("C", NULL);
}

static void
test_date_english (void)
{
  BosPlanDate date = { 2027, 7, 1 };
  g_autofree char *text = NULL;

  g_assert_true (use_language ("C", NULL));
  text = bos_plan_date_format (&date);
  g_assert_cmpstr (text, ==, "1 July 2027");
}

static void
test_ratio_and_language (void)
{
  g_autofree char *ratio = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *missing = NULL;

  g_assert_true (use_language ("C", NULL));
  ratio = bos_format_ratio (0.85);
  g_assert_cmpstr (ratio, ==, "85%");
  g_clear_pointer (&ratio, g_free);

  if (!use_language ("nb_NO.UTF-8", "nb"))
    {
      g_test_skip ("the nb_NO.UTF-8 locale is not installed");
      return;
    }
  ratio = bos_format_ratio (0.85);
  if (g_str_equal (ratio, "85%"))
    {
      use_language ("C", NULL);
      g_test_skip ("the translations are not built in $BOSETTING_LOCALEDIR");
      return;
    }
  g_assert_cmpstr (ratio, ==, "85" NBSP "%");
  missing = bos_format_figure (NULL, &tooltip);
  g_assert_cmpstr (missing, ==, "–");
  g_assert_cmpstr (tooltip, ==, "Ingen tall registrert");
  g_clear_pointer (&tooltip, g_free);
  g_clear_pointer (&missing, g_free);

  /* Nynorsk: the same C library locale, the other catalogue */
  g_assert_true (use_language ("nb_NO.UTF-8", "nn"));
  missing = bos_format_figure (NULL, &tooltip);
  g_assert_cmpstr (tooltip, ==, "Ingen tal registrerte");
  use_language ("C", NULL);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BOSETTING_LOCALEDIR");

  g_test_init (&argc, &argv, NULL);

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/format/count/c", test_count_c);
  g_test_add_func ("/format/count/norwegian", test_count_norwegian);
  g_test_add_func ("/format/date/english", test_date_english);
  g_test_add_func ("/format/date/norwegian", test_date_norwegian);
  g_test_add_func ("/format/ratio-and-language", test_ratio_and_language);

  return g_test_run ();
}
