/* bos-year-wheel.h: the yearly cycle as a wheel (årshjul)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-activity.h"

G_BEGIN_DECLS

#define BOS_TYPE_YEAR_WHEEL (bos_year_wheel_get_type ())
G_DECLARE_FINAL_TYPE (BosYearWheel, bos_year_wheel, BOS, YEAR_WHEEL, GtkWidget)

GtkWidget   *bos_year_wheel_new                (void);
GListModel  *bos_year_wheel_get_model          (BosYearWheel     *self);
void         bos_year_wheel_set_model          (BosYearWheel     *self,
                                                GListModel       *model);
int          bos_year_wheel_get_year           (BosYearWheel     *self);
void         bos_year_wheel_set_year           (BosYearWheel     *self,
                                                int               year);
const char  *bos_year_wheel_get_title          (BosYearWheel     *self);
void         bos_year_wheel_set_title          (BosYearWheel     *self,
                                                const char       *title);
const GDate *bos_year_wheel_get_today          (BosYearWheel     *self);
void         bos_year_wheel_set_today          (BosYearWheel     *self,
                                                const GDate      *today);
BosActivity *bos_year_wheel_get_selected       (BosYearWheel     *self);
void         bos_year_wheel_set_selected       (BosYearWheel     *self,
                                                BosActivity      *activity);

guint        bos_year_wheel_get_n_arcs         (BosYearWheel     *self);
BosActivity *bos_year_wheel_get_activity_at    (BosYearWheel     *self,
                                                double            x,
                                                double            y);
gboolean     bos_year_wheel_get_activity_point (BosYearWheel     *self,
                                                BosActivity      *activity,
                                                double           *x,
                                                double           *y);

void         bos_year_wheel_get_kind_color     (BosActivityKind   kind,
                                                gboolean          dark,
                                                GdkRGBA          *color);

G_END_DECLS
