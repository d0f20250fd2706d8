/* bos-calendar-page.h: the plan's yearly calendar, as a wheel and a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-activity-editor.h"
#include "bos-year-wheel.h"

G_BEGIN_DECLS

#define BOS_TYPE_CALENDAR_PAGE (bos_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (BosCalendarPage, bos_calendar_page, BOS, CALENDAR_PAGE, GtkWidget)

GListModel        *bos_calendar_page_get_activities (BosCalendarPage *self);
BosYearWheel      *bos_calendar_page_get_wheel      (BosCalendarPage *self);
GtkWidget         *bos_calendar_page_get_list       (BosCalendarPage *self);
const char        *bos_calendar_page_get_view       (BosCalendarPage *self);
void               bos_calendar_page_set_view       (BosCalendarPage *self,
                                                     const char      *view);
BosActivityEditor *bos_calendar_page_add_activity   (BosCalendarPage *self);
BosActivityEditor *bos_calendar_page_edit_activity  (BosCalendarPage *self,
                                                     const char      *id);

G_END_DECLS
