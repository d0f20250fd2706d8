/* bos-seed.h: filling a new database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-store.h"

G_BEGIN_DECLS

/* The year of the demo plan a new database gets: next year. */
int      bos_seed_demo_year   (void);
gboolean bos_seed_database    (BosStore  *store,
                               GError   **error);

G_END_DECLS
