/* bos-store-schema.h: forward-only migrations of the Bosetting database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* migration[i] takes the schema from version i to version i + 1. */
const char * const *bos_store_schema_migrations (guint *n_migrations);

G_END_DECLS
