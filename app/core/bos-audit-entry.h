/* bos-audit-entry.h: one immutable audit entry (a change to a number)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BOS_TYPE_AUDIT_ENTRY (bos_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (BosAuditEntry, bos_audit_entry, BOS, AUDIT_ENTRY, GObject)

const char *bos_audit_entry_get_id        (BosAuditEntry *self);
const char *bos_audit_entry_get_record_id (BosAuditEntry *self);
const char *bos_audit_entry_get_plan_id   (BosAuditEntry *self);
const char *bos_audit_entry_get_code      (BosAuditEntry *self);
const char *bos_audit_entry_get_field     (BosAuditEntry *self);
const char *bos_audit_entry_get_old_value (BosAuditEntry *self);
const char *bos_audit_entry_get_new_value (BosAuditEntry *self);
const char *bos_audit_entry_get_why       (BosAuditEntry *self);
const char *bos_audit_entry_get_author    (BosAuditEntry *self);
const char *bos_audit_entry_get_when      (BosAuditEntry *self);

/* For bos-audit.c: takes the strings (NULL allowed except id). */
BosAuditEntry *bos_audit_entry_new_take   (char *id,
                                           char *record_id,
                                           char *plan_id,
                                           char *code,
                                           char *field,
                                           char *old_value,
                                           char *new_value,
                                           char *why,
                                           char *author,
                                           char *when);

G_END_DECLS
