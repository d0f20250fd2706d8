/* bos-date.c: calendar dates as planners write them and letters print them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bos-date"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-date.h"
#include "bos-error.h"

/* Month names in Bokmål and Nynorsk: the same words, written lower case. */
static const char * const month_names[12] = {
  "januar", "februar", "mars", "april", "mai", "juni",
  "juli", "august", "september", "oktober", "november", "desember",
};

/* Reads @n_min..@n_max digits from *@text and advances it. */
static gboolean
read_number (const char **text,
             guint        n_min,
             guint        n_max,
             guint       *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit ((*text)[n]) && n < n_max)
    {
      *value = *value * 10 + (guint) ((*text)[n] - '0');
      n++;
    }
  if (n < n_min || g_ascii_isdigit ((*text)[n]))
    return FALSE;
  *text += n;
  return TRUE;
}

/**
 * bos_date_parse:
 * @text: "YYYY-MM-DD" or "D.M.YYYY"
 * @date: (out caller-allocates): the date
 *
 * Returns: %TRUE, or %FALSE with a BOS_ERROR_INVALID @error that says what
 *   was expected
 */
gboolean
bos_date_parse (const char  *text,
                GDate       *date,
                GError     **error)
{
  g_autofree char *stripped = NULL;
  const char *p;
  guint year = 0, month = 0, day = 0;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  p = stripped;
  if (strchr (stripped, '-') != NULL)
    ok = read_number (&p, 4, 4, &year) && *p++ == '-' &&
         read_number (&p, 2, 2, &month) && *p++ == '-' &&
         read_number (&p, 2, 2, &day) && *p == '\0';
  else
    ok = read_number (&p, 1, 2, &day) && *p++ == '.' &&
         read_number (&p, 1, 2, &month) && *p++ == '.' &&
         read_number (&p, 4, 4, &year) && *p == '\0';

  if (!ok || year < 1 || month < 1 || month > 12 || day < 1)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not a date; expected YYYY-MM-DD (2027-12-01) or D.M.YYYY (1.12.2027)"),
                   stripped);
      return FALSE;
    }
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not a date: that month has %u days"), stripped,
                   (guint) g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      return FALSE;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
bos_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/**
 * bos_date_format_long:
 * @language: "nb" or "nn"
 *
 * Returns: (transfer full): "1. juli 2027"
 */
char *
bos_date_format_long (const GDate *date,
                      const char  *language)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  return g_strdup_printf ("%u. %s %u", (guint) g_date_get_day (date),
                          month_names[g_date_get_month (date) - 1],
                          (guint) g_date_get_year (date));
}

void
bos_date_set_today (GDate *date)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Oslo");
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (date != NULL);

  if (zone == NULL)
    zone = g_time_zone_new_local ();
  now = g_date_time_new_now (zone);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}
