/* bos-activity.h: one activity of a plan's yearly cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-plan-date.h"
#include "bos-store.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_ACTIVITY_KIND_CRITERIA,
  BOS_ACTIVITY_KIND_NEED,
  BOS_ACTIVITY_KIND_COUNTY_DISTRIBUTION,
  BOS_ACTIVITY_KIND_MEETING,
  BOS_ACTIVITY_KIND_LETTERS,
  BOS_ACTIVITY_KIND_ANSWER_DEADLINE,
  BOS_ACTIVITY_KIND_OTHER,
} BosActivityKind;

#define BOS_ACTIVITY_N_KINDS (BOS_ACTIVITY_KIND_OTHER + 1)

typedef enum
{
  BOS_ACTIVITY_STATUS_PLANNED,
  BOS_ACTIVITY_STATUS_IN_PROGRESS,
  BOS_ACTIVITY_STATUS_DONE,
  BOS_ACTIVITY_STATUS_CANCELLED,
} BosActivityStatus;

#define BOS_ACTIVITY_N_STATUSES (BOS_ACTIVITY_STATUS_CANCELLED + 1)

/* Deadlines this close (in days) count as near. */
#define BOS_ACTIVITY_NEAR_DAYS 14

#define BOS_TYPE_ACTIVITY_KIND (bos_activity_kind_get_type ())
GType        bos_activity_kind_get_type     (void) G_GNUC_CONST;
#define BOS_TYPE_ACTIVITY_STATUS (bos_activity_status_get_type ())
GType        bos_activity_status_get_type   (void) G_GNUC_CONST;

const char  *bos_activity_kind_to_string    (BosActivityKind    kind);
gboolean     bos_activity_kind_from_string  (const char        *text,
                                             BosActivityKind   *kind);
const char  *bos_activity_kind_get_label    (BosActivityKind    kind);
const char  *bos_activity_status_to_string  (BosActivityStatus  status);
gboolean     bos_activity_status_from_string (const char       *text,
                                             BosActivityStatus *status);
const char  *bos_activity_status_get_label  (BosActivityStatus  status);

#define BOS_TYPE_ACTIVITY (bos_activity_get_type ())
G_DECLARE_FINAL_TYPE (BosActivity, bos_activity, BOS, ACTIVITY, GObject)

BosActivity *bos_activity_new               (const char        *plan_id);
BosActivity *bos_activity_copy              (BosActivity       *self);

const char  *bos_activity_get_id            (BosActivity       *self);
void         bos_activity_set_id            (BosActivity       *self,
                                             const char        *id);
const char  *bos_activity_get_plan_id       (BosActivity       *self);
BosActivityKind bos_activity_get_kind       (BosActivity       *self);
void         bos_activity_set_kind          (BosActivity       *self,
                                             BosActivityKind    kind);
const char  *bos_activity_get_title         (BosActivity       *self);
void         bos_activity_set_title         (BosActivity       *self,
                                             const char        *title);
const char  *bos_activity_get_description   (BosActivity       *self);
void         bos_activity_set_description   (BosActivity       *self,
                                             const char        *description);
const char  *bos_activity_get_start         (BosActivity       *self);
void         bos_activity_set_start         (BosActivity       *self,
                                             const char        *start);
const char  *bos_activity_get_end           (BosActivity       *self);
void         bos_activity_set_end           (BosActivity       *self,
                                             const char        *end);
const char  *bos_activity_get_start_time    (BosActivity       *self);
void         bos_activity_set_start_time    (BosActivity       *self,
                                             const char        *start_time);
const char  *bos_activity_get_end_time      (BosActivity       *self);
void         bos_activity_set_end_time      (BosActivity       *self,
                                             const char        *end_time);
const char  *bos_activity_get_responsible   (BosActivity       *self);
void         bos_activity_set_responsible   (BosActivity       *self,
                                             const char        *responsible);
const char  *bos_activity_get_participants  (BosActivity       *self);
void         bos_activity_set_participants  (BosActivity       *self,
                                             const char        *participants);
BosActivityStatus bos_activity_get_status   (BosActivity       *self);
void         bos_activity_set_status        (BosActivity       *self,
                                             BosActivityStatus  status);
const char  *bos_activity_get_notes         (BosActivity       *self);
void         bos_activity_set_notes         (BosActivity       *self,
                                             const char        *notes);
const char  *bos_activity_get_location      (BosActivity       *self);
void         bos_activity_set_location      (BosActivity       *self,
                                             const char        *location);
const char  *bos_activity_get_video_link    (BosActivity       *self);
void         bos_activity_set_video_link    (BosActivity       *self,
                                             const char        *video_link);
const char  *bos_activity_get_county_code   (BosActivity       *self);
void         bos_activity_set_county_code   (BosActivity       *self,
                                             const char        *county_code);
int          bos_activity_get_sequence      (BosActivity       *self);
const char  *bos_activity_get_modified      (BosActivity       *self);
const char  *bos_activity_get_author        (BosActivity       *self);

gboolean     bos_activity_get_start_date    (BosActivity       *self,
                                             BosPlanDate       *date);
gboolean     bos_activity_get_end_date      (BosActivity       *self,
                                             BosPlanDate       *date);
char        *bos_activity_dup_dates_label   (BosActivity       *self);
char        *bos_activity_dup_list_label    (const char        *list);
gboolean     bos_activity_is_open           (BosActivity       *self);
gboolean     bos_activity_is_overdue        (BosActivity       *self,
                                             const GDate       *today);
gboolean     bos_activity_is_due_soon       (BosActivity       *self,
                                             const GDate       *today);
int          bos_activity_compare           (BosActivity       *a,
                                             BosActivity       *b);

gboolean     bos_video_link_is_valid        (const char        *link);
gboolean     bos_activity_validate          (BosActivity       *self,
                                             GError           **error);
gboolean     bos_activity_create            (BosStore          *store,
                                             BosActivity       *activity,
                                             GError           **error);
gboolean     bos_activity_update            (BosStore          *store,
                                             BosActivity       *activity,
                                             const char        *why,
                                             GError           **error);
gboolean     bos_activity_delete            (BosStore          *store,
                                             const char        *id,
                                             GError           **error);
BosActivity *bos_activity_load              (BosStore          *store,
                                             const char        *id,
                                             GError           **error);
GListModel  *bos_activity_list              (BosStore          *store,
                                             const char        *plan_id,
                                             GError           **error);

G_END_DECLS
