/* bos-decision.h: a municipality's decision on the plan's request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-coverage.h"
#include "bos-import.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_DECISION (bos_decision_get_type ())
G_DECLARE_FINAL_TYPE (BosDecision, bos_decision, BOS, DECISION, GObject)

BosDecision *bos_decision_new           (const char   *plan_id,
                                         int           year,
                                         const char   *code);
char        *bos_decision_make_id       (int           year,
                                         const char   *code);

const char  *bos_decision_get_id        (BosDecision  *self);
const char  *bos_decision_get_plan_id   (BosDecision  *self);
int          bos_decision_get_year      (BosDecision  *self);
const char  *bos_decision_get_code      (BosDecision  *self);
gint64       bos_decision_get_persons   (BosDecision  *self);
void         bos_decision_set_persons   (BosDecision  *self,
                                         gint64        persons);
gint64       bos_decision_get_minors    (BosDecision  *self);
void         bos_decision_set_minors    (BosDecision  *self,
                                         gint64        minors);
/* "YYYY-MM-DD" or NULL when the date is not known */
const char  *bos_decision_get_decided_on (BosDecision *self);
void         bos_decision_set_decided_on (BosDecision *self,
                                         const char   *decided_on);
const char  *bos_decision_get_reference (BosDecision  *self);
void         bos_decision_set_reference (BosDecision  *self,
                                         const char   *reference);
const char  *bos_decision_get_note      (BosDecision  *self);
void         bos_decision_set_note      (BosDecision  *self,
                                         const char   *note);
const char  *bos_decision_get_modified  (BosDecision  *self);
const char  *bos_decision_get_author    (BosDecision  *self);

gboolean     bos_decision_validate      (BosDecision  *self,
                                         GError      **error);
gboolean     bos_decision_save          (BosStore     *store,
                                         BosDecision  *decision,
                                         const char   *why,
                                         GError      **error);
BosDecision *bos_decision_load          (BosStore     *store,
                                         int           year,
                                         const char   *code,
                                         GError      **error);
gboolean     bos_decision_delete        (BosStore     *store,
                                         int           year,
                                         const char   *code,
                                         const char   *why,
                                         GError      **error);
GListModel  *bos_decision_list          (BosStore     *store,
                                         const char   *plan_id,
                                         GError      **error);

gboolean     bos_decision_import_csv    (BosStore        *store,
                                         const char      *plan_id,
                                         BosCsv          *csv,
                                         BosImportStats  *stats,
                                         GError         **error);
gboolean     bos_decision_import_file   (BosStore        *store,
                                         const char      *plan_id,
                                         const char      *path,
                                         BosImportStats  *stats,
                                         GError         **error);

gboolean     bos_decision_find_deadline (BosStore     *store,
                                         const char   *plan_id,
                                         GDate        *deadline,
                                         gboolean     *found,
                                         GError      **error);
BosCoverage *bos_decision_coverage      (BosStore     *store,
                                         const char   *plan_id,
                                         GArray       *requests,
                                         const GDate  *deadline,
                                         const GDate  *today,
                                         GError      **error);

G_END_DECLS
