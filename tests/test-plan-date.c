/* test-plan-date.c: dates that may be just a month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bos-error.h"
#include "bos-plan-date.h"

static void
test_parse (void)
{
  const char *good[] = { "2027-07-01", "2027-09", "2028-02-29", "1999-12-31", "2027-01" };
  struct {
    const char *text;
    const char *message;
  } bad[] = {
    { "2027-13", "“2027-13” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "2027-00", "“2027-00” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "2027-7-1", "“2027-7-1” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "27-07-01", "“27-07-01” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "2027-07-00", "“2027-07-00” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "2027-07-01T10:00", "“2027-07-01T10:00” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "", "“” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "2027-06-31", "“2027-06-31” is not a date: that month has 30 days" },
    { "2027-02-29", "“2027-02-29” is not a date: that month has 28 days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;
      BosPlanDate date;

      g_assert_true (bos_plan_date_parse (good[i], &date, &error));
      g_assert_no_error (error);
      g_assert_true (bos_plan_date_is_valid (&date));
      back = bos_plan_date_to_string (&date);
      g_assert_cmpstr (back, ==, good[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      BosPlanDate date;

      g_assert_false (bos_plan_date_parse (bad[i].text, &date, &error));
      g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_month_only (void)
{
  BosPlanDate month, first, later, next_month;
  GDate day;

  g_assert_true (bos_plan_date_parse ("2026-09", &month, NULL));
  g_assert_true (bos_plan_date_parse ("2026-09-01", &first, NULL));
  g_assert_true (bos_plan_date_parse ("2026-09-15", &later, NULL));
  g_assert_true (bos_plan_date_parse ("2026-10", &next_month, NULL));

  g_assert_true (bos_plan_date_is_month (&month));
  g_assert_false (bos_plan_date_is_month (&first));

  /* A month sorts at the start of the month, before its first day */
  g_assert_cmpint (bos_plan_date_compare (&month, &first), <, 0);
  g_assert_cmpint (bos_plan_date_compare (&first, &month), >, 0);
  g_assert_cmpint (bos_plan_date_compare (&later, &next_month), <, 0);
  g_assert_cmpint (bos_plan_date_compare (&month, &month), ==, 0);

  bos_plan_date_get_first_day (&month, &day);
  g_assert_cmpint (g_date_get_day (&day), ==, 1);
  bos_plan_date_get_last_day (&month, &day);
  g_assert_cmpint (g_date_get_day (&day), ==, 30);
  g_assert_true (bos_plan_date_parse ("2028-02", &month, NULL));
  bos_plan_date_get_last_day (&month, &day);
  g_assert_cmpint (g_date_get_day (&day), ==, 29);
  bos_plan_date_get_last_day (&later, &day);
  g_assert_cmpint (g_date_get_day (&day), ==, 15);
}

static void
test_range (void)
{
  struct {
    const char *start, *end, *message;
  } cases[] = {
    { "2027-05", "2027-06", NULL },
    { "2027-07-01", "2027-07-01", NULL },
    /* A month-only end covers its whole month */
    { "2027-05-20", "2027-05", NULL },
    { "2027-05", "2027-05-01", NULL },
    { "2027-13", "2027-12", "Start: “2027-13” is not a date (YYYY-MM-DD) or a month (YYYY-MM)" },
    { "2027-12", "2027-12-32", "End: “2027-12-32” is not a date: that month has 31 days" },
    { "2027-06", "2027-05", "The end (2027-05) is before the start (2027-06)" },
    { "2027-06-02", "2027-06-01", "The end (2027-06-01) is before the start (2027-06-02)" },
    { "2027-06-01", "2027-05", "The end (2027-05) is before the start (2027-06-01)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = bos_plan_date_check_range (cases[i].start, cases[i].end, NULL, NULL, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

static void
test_format (void)
{
  struct {
    const char *start, *end, *label;
  } cases[] = {
    { "2027-03", "2027-03", "March 2027" },
    { "2027-07-01", "2027-07-01", "1 July 2027" },
    { "2027-05", "2027-06", "May – June 2027" },
    { "2027-09-15", "2027-09-16", "15 September – 16 September 2027" },
    { "2026-11-06", "2027-01-06", "6 November 2026 – 6 January 2027" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BosPlanDate start, end;
      g_autofree char *label = NULL;

      g_assert_true (bos_plan_date_check_range (cases[i].start, cases[i].end, &start, &end, NULL));
      label = bos_plan_date_format_range (&start, &end);
      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_time (void)
{
  const char *bad[] = { "24:00", "9:30", "09:60", "0930", "09:30:00", "" };
  int minutes = -1;

  g_assert_true (bos_plan_time_parse ("09:30", &minutes, NULL));
  g_assert_cmpint (minutes, ==, 570);
  g_assert_true (bos_plan_time_parse ("00:00", &minutes, NULL));
  g_assert_cmpint (minutes, ==, 0);
  g_assert_true (bos_plan_time_parse ("23:59", NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;

      g_assert_false (bos_plan_time_parse (bad[i], NULL, &error));
      expected = g_strdup_printf ("“%s” is not a time of day (HH:MM, 00:00 to 23:59)", bad[i]);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-date/parse", test_parse);
  g_test_add_func ("/plan-date/month-only", test_month_only);
  g_test_add_func ("/plan-date/range", test_range);
  g_test_add_func ("/plan-date/format", test_format);
  g_test_add_func ("/plan-date/time", test_time);

  return g_test_run ();
}
