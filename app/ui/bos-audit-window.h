/* bos-audit-window.h: the Change History window of a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-audit-view.h"
#include "bos-plan.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_AUDIT_WINDOW (bos_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (BosAuditWindow, bos_audit_window, BOS, AUDIT_WINDOW, AdwWindow)

BosAuditWindow *bos_audit_window_new      (GtkWindow      *parent,
                                           BosStore       *store);
void            bos_audit_window_set_plan (BosAuditWindow *self,
                                           BosPlan        *plan);
BosAuditView   *bos_audit_window_get_view (BosAuditWindow *self);

G_END_DECLS
