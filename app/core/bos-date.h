/* bos-date.h: calendar dates as planners write them and letters print them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses "2027-12-01" (ISO 8601) or the Norwegian "1.12.2027" /
 * "01.12.2027". Only real dates: "2027-02-30" is an error that says the
 * month has 28 days. */
gboolean  bos_date_parse          (const char   *text,
                                   GDate        *date,
                                   GError      **error);
/* "2027-12-01" */
char     *bos_date_to_iso         (const GDate  *date);
/* The way Norwegian letters write a date: "1. juli 2027". @language is
 * "nb" or "nn" (the month names are the same in both, lower case). */
char     *bos_date_format_long    (const GDate  *date,
                                   const char   *language);
/* Today in Norway (Europe/Oslo). */
void      bos_date_set_today      (GDate        *date);

G_END_DECLS
