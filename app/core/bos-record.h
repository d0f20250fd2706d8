/* bos-record.h: the sync columns every stored record has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-store.h"

G_BEGIN_DECLS

gboolean bos_record_tombstone (BosStore    *store,
                               const char  *table,
                               const char  *column,
                               const char  *value,
                               const char  *what,
                               GError     **error);

G_END_DECLS
