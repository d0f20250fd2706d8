/* bos-plan.h: a year's settlement plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_PLAN (bos_plan_get_type ())
G_DECLARE_FINAL_TYPE (BosPlan, bos_plan, BOS, PLAN, GObject)

/* The scope of a national plan; a county plan's scope is its county code. */
#define BOS_PLAN_SCOPE_NATIONAL "national"

const char *bos_plan_get_id           (BosPlan     *self);
int         bos_plan_get_year         (BosPlan     *self);
const char *bos_plan_get_scope        (BosPlan     *self);
int         bos_plan_get_need         (BosPlan     *self);
int         bos_plan_get_minors       (BosPlan     *self);
int         bos_plan_get_resettlement (BosPlan     *self);
const char *bos_plan_get_status       (BosPlan     *self);
gboolean    bos_plan_get_is_demo      (BosPlan     *self);
const char *bos_plan_get_created      (BosPlan     *self);
const char *bos_plan_get_modified     (BosPlan     *self);
char       *bos_plan_dup_title        (BosPlan     *self);

char       *bos_plan_make_id          (int          year,
                                       const char  *scope);
gboolean    bos_plan_validate         (int          year,
                                       const char  *scope,
                                       int          need,
                                       int          minors,
                                       int          resettlement,
                                       GError     **error);
BosPlan    *bos_plan_create           (BosStore    *store,
                                       int          year,
                                       const char  *scope,
                                       int          need,
                                       int          minors,
                                       int          resettlement,
                                       gboolean     is_demo,
                                       GError     **error);
BosPlan    *bos_plan_load             (BosStore    *store,
                                       const char  *id,
                                       GError     **error);
GListModel *bos_plan_list             (BosStore    *store,
                                       GError     **error);

G_END_DECLS
