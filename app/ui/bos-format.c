/* bos-format.c: numbers and figures as the views show them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place decides how a missing figure ("–"), a suppressed one ("≤4")
 * and a ratio look, so every table and the chart say the same thing.
 */
#define G_LOG_DOMAIN "bos-format"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bos-format.h"

/* The locale's thousands separator in UTF-8, or a narrow no-break space
 * where the locale has none (the C locale): 728714 is hard to read, so
 * group by three as SI and Norwegian do. Norwegian locales use a narrow
 * no-break space too ("5 350"), English ones a comma ("5,350"). */
static char *
dup_thousands_separator (const struct lconv *conv)
{
  const char *separator = conv->thousands_sep;

  if (separator == NULL || *separator == '\0')
    return g_strdup ("\u202f");
  if (g_utf8_validate (separator, -1, NULL))
    {
      /* A plain space would let a line break split a number. */
      if (g_str_equal (separator, " "))
        return g_strdup ("\u202f");
      return g_strdup (separator);
    }
  /* A locale in a legacy charset: ISO-8859-1's no-break space is 0xA0. */
  return g_locale_to_utf8 (separator, -1, NULL, NULL, NULL) ?: g_strdup ("\u202f");
}

/**
 * bos_format_count:
 *
 * Groups the digits as the locale does (its separator and group sizes;
 * by three with a narrow no-break space where the locale groups nothing,
 * as in the C locale), with a minus sign (U+2212) for negative values.
 *
 * Returns: (transfer full): @value with the locale's digit grouping, e.g.
 *   "5 350" in Norwegian
 */
char *
bos_format_count (gint64 value)
{
  const struct lconv *conv = localeconv ();
  const char *grouping = NULL;
  g_autofree char *separator = dup_thousands_separator (conv);
  g_autofree char *digits = NULL;
  g_autofree gboolean *separator_before = NULL;
  guint64 magnitude = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;
  GString *result;
  gsize len, group_end;
  guint group_size = 3;

  /* The locale's group sizes, when it groups at all; else by three. */
  if (conv->thousands_sep != NULL && *conv->thousands_sep != '\0' &&
      conv->grouping != NULL && *conv->grouping > 0 && *conv->grouping != CHAR_MAX)
    {
      grouping = conv->grouping;
      group_size = (guint) *grouping;
    }

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  separator_before = g_new0 (gboolean, len + 1);

  /* Group sizes count from the last digit; the last size of the grouping
   * string repeats, and CHAR_MAX ends the grouping. */
  group_end = len;
  while (group_size > 0 && group_end > group_size)
    {
      group_end -= group_size;
      separator_before[group_end] = TRUE;
      if (grouping != NULL && grouping[1] != '\0')
        {
          grouping++;
          group_size = *grouping > 0 && *grouping != CHAR_MAX ? (guint) *grouping : 0;
        }
    }

  result = g_string_new (value < 0 ? "\u2212" : NULL);
  for (gsize i = 0; i < len; i++)
    {
      if (separator_before[i])
        g_string_append (result, separator);
      g_string_append_c (result, digits[i]);
    }
  return g_string_free (result, FALSE);
}

/**
 * bos_format_figure:
 * @tooltip: (out) (optional) (transfer full): an explanation for figures
 *   that are not plain numbers, else %NULL
 *
 * Returns: (transfer full): the total as a table cell shows it: the
 *   number, "≤4" when IMDi did not publish it, "–" when there is none.
 *   Never 0 for a figure that is not known.
 */
char *
bos_format_figure (const BosHistoryTotal  *total,
                   char                  **tooltip)
{
  if (tooltip != NULL)
    *tooltip = NULL;

  if (total == NULL || total->status == BOS_HISTORY_TOTAL_MISSING)
    {
      if (tooltip != NULL)
        *tooltip = g_strdup (_("No figure recorded"));
      return g_strdup ("–");
    }

  if (total->status == BOS_HISTORY_TOTAL_SUPPRESSED)
    {
      if (tooltip != NULL)
        *tooltip = g_strdup (_("Not published by IMDi: 4 or fewer persons per municipality"));
      /* Translators: a figure IMDi does not publish because it is small */
      return g_strdup (_("≤4"));
    }

  if (total->status == BOS_HISTORY_TOTAL_PARTIAL && tooltip != NULL)
    *tooltip = g_strdup (_("At least this many: some figures are not published (4 or fewer) "
                           "or not recorded"));
  return bos_format_count (total->persons);
}

/**
 * bos_format_ratio:
 *
 * Returns: (transfer full): @ratio as a whole percentage, or "–" for NAN
 */
char *
bos_format_ratio (double ratio)
{
  if (isnan (ratio))
    return g_strdup ("–");
  /* Translators: a percentage; use your language's spacing, e.g. "85 %" */
  return g_strdup_printf (_("%.0f%%"), ratio * 100.0);
}

/**
 * bos_format_acceptance_ratio:
 * @ratio: decided of requested, or NAN when no year has both
 * @tooltip: (out) (optional) (nullable): why there is no ratio
 *
 * Returns: (transfer full): @ratio as bos_format_ratio() shows it
 */
char *
bos_format_acceptance_ratio (double   ratio,
                             char   **tooltip)
{
  if (isnan (ratio) && tooltip != NULL)
    *tooltip = g_strdup (_("No year with both a request and a decision"));
  return bos_format_ratio (ratio);
}

/**
 * bos_format_area:
 *
 * Returns: (transfer full): @area in km², or "–" for NAN
 */
char *
bos_format_area (double area)
{
  if (isnan (area))
    return g_strdup ("–");
  /* Translators: an area in square kilometres */
  return g_strdup_printf (_("%'.1f km²"), area);
}

/**
 * bos_format_language_form:
 *
 * Returns: the language form the municipality uses, for people
 */
const char *
bos_format_language_form (const char *language_form)
{
  if (g_strcmp0 (language_form, "bokmal") == 0)
    return _("Bokmål");
  if (g_strcmp0 (language_form, "nynorsk") == 0)
    return _("Nynorsk");
  if (g_strcmp0 (language_form, "neutral") == 0)
    /* Translators: a municipality that has chosen neither Bokmål nor Nynorsk */
    return _("Neutral (neither Bokmål nor Nynorsk)");
  return "–";
}
