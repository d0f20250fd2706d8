/* bos-format.c: numbers and figures as the views show them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place decides how a missing figure ("–"), a suppressed one ("≤4")
 * and a ratio look, so every table and the chart say the same thing.
 */
#define G_LOG_DOMAIN "bos-format"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bos-format.h"

/**
 * bos_format_count:
 *
 * Returns: (transfer full): @value with the locale's digit grouping
 */
char *
bos_format_count (gint64 value)
{
  const struct lconv *conv = localeconv ();
  g_autofree char *digits = NULL;
  GString *grouped;
  gsize len, first;

  if (conv->thousands_sep != NULL && *conv->thousands_sep != '\0')
    return g_strdup_printf ("%'" G_GINT64_FORMAT, value);

  /* The C locale groups nothing; 728714 is hard to read, so group by
   * three with a narrow no-break space, as SI and Norwegian do. */
  digits = g_strdup_printf ("%" G_GINT64_FORMAT, value < 0 ? -value : value);
  len = strlen (digits);
  if (len <= 3)
    return value < 0 ? g_strconcat ("−", digits, NULL) : g_steal_pointer (&digits);

  grouped = g_string_new (value < 0 ? "−" : NULL);
  first = len % 3 == 0 ? 3 : len % 3;
  g_string_append_len (grouped, digits, first);
  for (gsize i = first; i < len; i += 3)
    {
      g_string_append (grouped, "\u202f");
      g_string_append_len (grouped, digits + i, 3);
    }
  return g_string_free (grouped, FALSE);
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
