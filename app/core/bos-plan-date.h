/* bos-plan-date.h: a date, or just a month when the day is not known yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A plain value: "2027-07-01" (a date) or "2027-09" (a month, day = 0).
 * A month-only date sorts at the start of its month when it starts
 * something and covers the whole month when it ends something. */
typedef struct
{
  guint16 year;   /* 1..9999 */
  guint8  month;  /* 1..12 */
  guint8  day;    /* 1..31, or 0 for a month-only date */
} BosPlanDate;

gboolean  bos_plan_date_parse        (const char        *text,
                                      BosPlanDate       *date,
                                      GError           **error);
gboolean  bos_plan_date_is_valid     (const BosPlanDate *date);
gboolean  bos_plan_date_is_month     (const BosPlanDate *date);
char     *bos_plan_date_to_string    (const BosPlanDate *date);
char     *bos_plan_date_format       (const BosPlanDate *date);
void      bos_plan_date_set_dmy      (BosPlanDate       *date,
                                      guint8             day,
                                      guint8             month,
                                      guint16            year);
void      bos_plan_date_set_month    (BosPlanDate       *date,
                                      guint8             month,
                                      guint16            year);
void      bos_plan_date_set_gdate    (BosPlanDate       *date,
                                      const GDate       *gdate);
void      bos_plan_date_get_first_day (const BosPlanDate *date,
                                      GDate             *first);
void      bos_plan_date_get_last_day (const BosPlanDate *date,
                                      GDate             *last);
int       bos_plan_date_compare      (const BosPlanDate *a,
                                      const BosPlanDate *b);

gboolean  bos_plan_date_check_range  (const char        *start,
                                      const char        *end,
                                      BosPlanDate       *start_date,
                                      BosPlanDate       *end_date,
                                      GError           **error);
char     *bos_plan_date_format_range (const BosPlanDate *start,
                                      const BosPlanDate *end);

gboolean  bos_plan_time_parse        (const char        *text,
                                      int               *minutes,
                                      GError           **error);

G_END_DECLS
