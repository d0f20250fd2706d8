/* bos-audit.h: the shared, immutable audit log of changes to numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-audit-entry.h"
#include "bos-store.h"

G_BEGIN_DECLS

gboolean    bos_audit_record      (BosStore    *store,
                                   const char  *record_id,
                                   const char  *field,
                                   const char  *old_value,
                                   const char  *new_value,
                                   const char  *why,
                                   GError     **error);
gboolean    bos_audit_record_full (BosStore    *store,
                                   const char  *record_id,
                                   const char  *plan_id,
                                   const char  *code,
                                   const char  *field,
                                   const char  *old_value,
                                   const char  *new_value,
                                   const char  *why,
                                   GError     **error);
GListModel *bos_audit_list        (BosStore    *store,
                                   const char  *plan_id,
                                   const char  *code,
                                   const char  *record_id,
                                   GError     **error);

G_END_DECLS
