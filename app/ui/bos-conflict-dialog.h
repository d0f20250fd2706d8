/* bos-conflict-dialog.h: both versions of a record, field by field, and
 * the planner's decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_CONFLICT_DIALOG (bos_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BosConflictDialog, bos_conflict_dialog, BOS, CONFLICT_DIALOG, AdwWindow)

BosConflictDialog *bos_conflict_dialog_new              (GtkWindow         *parent,
                                                         BosStore          *store);
guint              bos_conflict_dialog_get_n_conflicts  (BosConflictDialog *self);
const char        *bos_conflict_dialog_get_record_id    (BosConflictDialog *self);
gboolean           bos_conflict_dialog_select           (BosConflictDialog *self,
                                                         guint              position);
gboolean           bos_conflict_dialog_choose_theirs    (BosConflictDialog *self,
                                                         const char        *field,
                                                         gboolean           theirs);

G_END_DECLS
