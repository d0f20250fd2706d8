/* bos-calendar.h: a plan's yearly cycle, its default and iCalendar files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-activity.h"
#include "bos-store.h"

G_BEGIN_DECLS

/* The suffix that turns an activity id into an iCalendar UID. */
#define BOS_CALENDAR_UID_SUFFIX "@bosetting"

/* The time zone of activity times. */
#define BOS_CALENDAR_TZID "Europe/Oslo"

gboolean  bos_calendar_create_default   (BosStore     *store,
                                         const char   *plan_id,
                                         int           year,
                                         GError      **error);

char     *bos_calendar_to_ics           (GListModel   *activities,
                                         const char   *calendar_name,
                                         const char   *plan_id);
char     *bos_calendar_export_ics       (BosStore     *store,
                                         const char   *plan_id,
                                         GError      **error);
gboolean  bos_calendar_import_ics       (BosStore     *store,
                                         const char   *plan_id,
                                         const char   *data,
                                         gsize         length,
                                         const char   *source_name,
                                         guint        *n_created,
                                         guint        *n_updated,
                                         GError      **error);
gboolean  bos_calendar_import_ics_file  (BosStore     *store,
                                         const char   *plan_id,
                                         GFile        *file,
                                         guint        *n_created,
                                         guint        *n_updated,
                                         GError      **error);

G_END_DECLS
