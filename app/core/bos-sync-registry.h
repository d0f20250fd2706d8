/* bos-sync-registry.h: the tables whose records sync with a CouchDB server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-store.h"

G_BEGIN_DECLS

/* The columns sync.md adds to every table that users edit (SYNC_COLUMNS in
 * bos-store-schema.c). base_rev, dirty, deleted and conflicts are sync
 * bookkeeping and never leave this computer; modified and author travel in
 * the document (who changed the record and when). */
#define BOS_SYNC_BOOKKEEPING_COLUMNS "base_rev", "dirty", "deleted", "conflicts"

typedef struct
{
  /* The table; also the record type (the document's "type" field) and the
   * prefix of its ids ("plan:2027:national"). */
  const char *table;
  /* An SQL condition on the table's rows: the records that go to the
   * server. NULL for all. Records of a demo plan stay on this computer. */
  const char *shared;
} BosSyncTable;

const BosSyncTable *bos_sync_registry_tables    (guint        *n_tables);
const BosSyncTable *bos_sync_registry_lookup    (const char   *type);
const BosSyncTable *bos_sync_registry_for_id    (const char   *id);
gboolean            bos_sync_registry_is_bookkeeping_column (const char *column);
gboolean            bos_sync_registry_check     (BosStore     *store,
                                                 GError      **error);

G_END_DECLS
