/* bos-decision-dialog.h: register a municipality's decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_DECISION_DIALOG (bos_decision_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BosDecisionDialog, bos_decision_dialog, BOS, DECISION_DIALOG, AdwWindow)

/* @requests: (element-type BosRequest) (nullable): the plan's requests, to
 * show what was asked; @code: (nullable): the municipality, else chosen in
 * the dialog */
BosDecisionDialog *bos_decision_dialog_new        (GtkWindow         *parent,
                                                   BosStore          *store,
                                                   const char        *plan_id,
                                                   int                year,
                                                   GArray            *requests,
                                                   const char        *code);
/* The chosen municipality, or NULL */
const char        *bos_decision_dialog_get_code   (BosDecisionDialog *self);
gboolean           bos_decision_dialog_set_code   (BosDecisionDialog *self,
                                                   const char        *code);
/* Fills the fields as a planner would; @date, @reference, @note nullable */
void               bos_decision_dialog_set_values (BosDecisionDialog *self,
                                                   gint64             persons,
                                                   gint64             minors,
                                                   const char        *date,
                                                   const char        *reference,
                                                   const char        *note);
/* Why the decision cannot be saved as it is, or NULL */
const char        *bos_decision_dialog_get_error  (BosDecisionDialog *self);

G_END_DECLS
