/* bos-plan-date.c: a date, or just a month when the day is not known yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The yearly cycle is planned in months ("May/June: fix the criteria")
 * long before anyone knows the day; a date is added when a meeting is
 * booked. Stored as ISO 8601 text, "YYYY-MM-DD" or "YYYY-MM", which also
 * sorts correctly as text when both sides have the same shape.
 */
#define G_LOG_DOMAIN "bos-plan-date"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-error.h"
#include "bos-plan-date.h"

static gboolean
parse_digits (const char *text,
              guint       n,
              guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (guint) (text[i] - '0');
    }
  *value = v;
  return TRUE;
}

/**
 * bos_plan_date_parse:
 * @text: "YYYY-MM-DD" or "YYYY-MM"
 * @date: (out): the parsed date
 *
 * Returns: %TRUE if @text is a real date or a month; otherwise %FALSE with
 *   @error (%BOS_ERROR_INVALID) saying what was expected
 */
gboolean
bos_plan_date_parse (const char   *text,
                     BosPlanDate  *date,
                     GError      **error)
{
  guint year, month, day = 0;
  gsize len;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL)
    text = "";
  len = strlen (text);

  if ((len != 7 && len != 10) ||
      !parse_digits (text, 4, &year) || text[4] != '-' ||
      !parse_digits (text + 5, 2, &month) ||
      (len == 10 && (text[7] != '-' || !parse_digits (text + 8, 2, &day) || day == 0)) ||
      year == 0 || month < 1 || month > 12)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not a date (YYYY-MM-DD) or a month (YYYY-MM)"), text);
      return FALSE;
    }

  if (day != 0 && !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not a date: that month has %u days"), text,
                   (guint) g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      return FALSE;
    }

  date->year = (guint16) year;
  date->month = (guint8) month;
  date->day = (guint8) day;
  return TRUE;
}

gboolean
bos_plan_date_is_valid (const BosPlanDate *date)
{
  if (date == NULL || date->year == 0 || date->month < 1 || date->month > 12)
    return FALSE;
  return date->day == 0 ||
         g_date_valid_dmy (date->day, (GDateMonth) date->month, date->year);
}

gboolean
bos_plan_date_is_month (const BosPlanDate *date)
{
  g_return_val_if_fail (date != NULL, FALSE);
  return date->day == 0;
}

/**
 * bos_plan_date_to_string:
 *
 * Returns: (transfer full): the storage form, "YYYY-MM-DD" or "YYYY-MM"
 */
char *
bos_plan_date_to_string (const BosPlanDate *date)
{
  g_return_val_if_fail (bos_plan_date_is_valid (date), NULL);

  if (date->day == 0)
    return g_strdup_printf ("%04u-%02u", date->year, date->month);
  return g_strdup_printf ("%04u-%02u-%02u", date->year, date->month, date->day);
}

void
bos_plan_date_set_dmy (BosPlanDate *date,
                       guint8       day,
                       guint8       month,
                       guint16      year)
{
  g_return_if_fail (date != NULL);
  g_return_if_fail (g_date_valid_dmy (day, (GDateMonth) month, year));

  date->year = year;
  date->month = month;
  date->day = day;
}

void
bos_plan_date_set_month (BosPlanDate *date,
                         guint8       month,
                         guint16      year)
{
  g_return_if_fail (date != NULL);
  g_return_if_fail (month >= 1 && month <= 12 && year >= 1);

  date->year = year;
  date->month = month;
  date->day = 0;
}

void
bos_plan_date_set_gdate (BosPlanDate *date,
                         const GDate *gdate)
{
  g_return_if_fail (date != NULL);
  g_return_if_fail (gdate != NULL && g_date_valid (gdate));

  date->year = g_date_get_year (gdate);
  date->month = (guint8) g_date_get_month (gdate);
  date->day = g_date_get_day (gdate);
}

/**
 * bos_plan_date_get_first_day:
 * @first: (out caller-allocates): the first day @date covers
 */
void
bos_plan_date_get_first_day (const BosPlanDate *date,
                             GDate             *first)
{
  g_return_if_fail (bos_plan_date_is_valid (date));
  g_return_if_fail (first != NULL);

  g_date_clear (first, 1);
  g_date_set_dmy (first, date->day ? date->day : 1, (GDateMonth) date->month, date->year);
}

/**
 * bos_plan_date_get_last_day:
 * @last: (out caller-allocates): the last day @date covers (the end of the
 *   month for a month-only date)
 */
void
bos_plan_date_get_last_day (const BosPlanDate *date,
                            GDate             *last)
{
  guint8 day;

  g_return_if_fail (bos_plan_date_is_valid (date));
  g_return_if_fail (last != NULL);

  day = date->day ? date->day
                  : g_date_get_days_in_month ((GDateMonth) date->month, date->year);
  g_date_clear (last, 1);
  g_date_set_dmy (last, day, (GDateMonth) date->month, date->year);
}

/**
 * bos_plan_date_compare:
 *
 * Orders by the first day covered; a month-only date comes before the
 * dates of its month (it sorts at the start of the month).
 *
 * Returns: negative, 0 or positive, as strcmp()
 */
int
bos_plan_date_compare (const BosPlanDate *a,
                       const BosPlanDate *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0);

  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->month != b->month)
    return a->month < b->month ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return 0;
}

/**
 * bos_plan_date_check_range:
 * @start: the start as text
 * @end: the end as text
 * @start_date: (out) (optional): the parsed start
 * @end_date: (out) (optional): the parsed end
 *
 * Checks that both are dates or months and that the end is not before the
 * start (a month-only end covers its whole month).
 */
gboolean
bos_plan_date_check_range (const char   *start,
                           const char   *end,
                           BosPlanDate  *start_date,
                           BosPlanDate  *end_date,
                           GError      **error)
{
  BosPlanDate s, e;
  GDate first, last;

  if (!bos_plan_date_parse (start, &s, error))
    {
      g_prefix_error (error, _("Start: "));
      return FALSE;
    }
  if (!bos_plan_date_parse (end, &e, error))
    {
      g_prefix_error (error, _("End: "));
      return FALSE;
    }

  bos_plan_date_get_first_day (&s, &first);
  bos_plan_date_get_last_day (&e, &last);
  if (g_date_compare (&last, &first) < 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The end (%s) is before the start (%s)"), end, start);
      return FALSE;
    }

  if (start_date != NULL)
    *start_date = s;
  if (end_date != NULL)
    *end_date = e;
  return TRUE;
}

static char *
format_with (const BosPlanDate *date,
             const char        *month_format,
             const char        *day_format)
{
  g_autoptr(GDateTime) dt = NULL;

  dt = g_date_time_new_local (date->year, date->month, date->day ? date->day : 1, 12, 0, 0);
  if (dt == NULL)
    return bos_plan_date_to_string (date);
  return g_date_time_format (dt, date->day ? day_format : month_format);
}

/**
 * bos_plan_date_format:
 *
 * Returns: (transfer full): @date for people, in the current language:
 *   "March 2027" or "1 July 2027"
 */
char *
bos_plan_date_format (const BosPlanDate *date)
{
  g_return_val_if_fail (bos_plan_date_is_valid (date), NULL);

  /* Translators: a month and year, a g_date_time_format() format */
  return format_with (date, C_("month-format", "%B %Y"),
                      /* Translators: a date, a g_date_time_format() format;
                       * %-d is the day without padding */
                      C_("date-format", "%-d %B %Y"));
}

/**
 * bos_plan_date_format_range:
 *
 * Returns: (transfer full): "May – June 2027", "15 – 16 September 2027",
 *   "March 2027" or "1 July 2027" when start and end are the same
 */
char *
bos_plan_date_format_range (const BosPlanDate *start,
                            const BosPlanDate *end)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  g_return_val_if_fail (bos_plan_date_is_valid (start), NULL);
  g_return_val_if_fail (bos_plan_date_is_valid (end), NULL);

  if (bos_plan_date_compare (start, end) == 0)
    return bos_plan_date_format (start);

  if (start->year == end->year)
    start_text = format_with (start,
                              /* Translators: a month without the year, at the
                               * start of a range */
                              C_("month-format", "%B"),
                              /* Translators: a date without the year, at the
                               * start of a range */
                              C_("date-format", "%-d %B"));
  else
    start_text = bos_plan_date_format (start);
  end_text = bos_plan_date_format (end);

  /* Translators: a range of dates or months, "May – June 2027" */
  return g_strdup_printf (_("%s – %s"), start_text, end_text);
}

/**
 * bos_plan_time_parse:
 * @text: "HH:MM", 00:00 to 23:59
 * @minutes: (out) (optional): minutes after midnight
 */
gboolean
bos_plan_time_parse (const char  *text,
                     int         *minutes,
                     GError     **error)
{
  guint hours, mins;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !parse_digits (text, 2, &hours) || !parse_digits (text + 3, 2, &mins) ||
      hours > 23 || mins > 59)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not a time of day (HH:MM, 00:00 to 23:59)"), text ? text : "");
      return FALSE;
    }
  if (minutes != NULL)
    *minutes = (int) (hours * 60 + mins);
  return TRUE;
}
