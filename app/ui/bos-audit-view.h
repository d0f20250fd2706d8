/* bos-audit-view.h: the audit of a plan's numbers, as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-audit-entry.h"
#include "bos-plan.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_AUDIT_VIEW (bos_audit_view_get_type ())
G_DECLARE_FINAL_TYPE (BosAuditView, bos_audit_view, BOS, AUDIT_VIEW, GtkWidget)

void           bos_audit_view_set_store       (BosAuditView  *self,
                                               BosStore      *store);
void           bos_audit_view_set_plan        (BosAuditView  *self,
                                               BosPlan       *plan);
BosPlan       *bos_audit_view_get_plan        (BosAuditView  *self);
void           bos_audit_view_set_code        (BosAuditView  *self,
                                               const char    *code);
const char    *bos_audit_view_get_code        (BosAuditView  *self);
gboolean       bos_audit_view_set_filter_code (BosAuditView  *self,
                                               const char    *code);
void           bos_audit_view_reload          (BosAuditView  *self);
GListModel    *bos_audit_view_get_entries     (BosAuditView  *self);
GtkColumnView *bos_audit_view_get_column_view (BosAuditView  *self);
char          *bos_audit_view_dup_what        (BosAuditView  *self,
                                               BosAuditEntry *entry);
char          *bos_audit_view_dup_change      (BosAuditView  *self,
                                               BosAuditEntry *entry);

G_END_DECLS
