/* bos-store.h: the SQLite database behind a Bosetting installation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "bos-sqlite.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_STORE_OPEN_NONE = 0,
  /* Seed the reference data and the demo plan when the database is new. */
  BOS_STORE_OPEN_SEED = 1 << 0,
} BosStoreOpenFlags;

#define BOS_TYPE_STORE (bos_store_get_type ())
G_DECLARE_FINAL_TYPE (BosStore, bos_store, BOS, STORE, GObject)

/* The schema this build writes. A database with a higher version is refused. */
int         bos_store_latest_version    (void);
char       *bos_store_default_path      (void);
BosStore   *bos_store_open              (const char         *path,
                                         BosStoreOpenFlags   flags,
                                         GError            **error);
BosStore   *bos_store_open_at_version   (const char         *path,
                                         int                 version,
                                         GError            **error);
const char *bos_store_get_path          (BosStore           *self);
sqlite3    *bos_store_get_db            (BosStore           *self);
int         bos_store_get_schema_version (BosStore          *self);
const char *bos_store_get_author        (BosStore           *self);
void        bos_store_set_author        (BosStore           *self,
                                         const char         *author);

gboolean    bos_store_exec              (BosStore           *self,
                                         const char         *sql,
                                         GError            **error);
sqlite3_stmt *bos_store_prepare         (BosStore           *self,
                                         const char         *sql,
                                         GError            **error);
gboolean    bos_store_begin             (BosStore           *self,
                                         GError            **error);
gboolean    bos_store_commit            (BosStore           *self,
                                         GError            **error);
void        bos_store_rollback          (BosStore           *self);
gboolean    bos_store_set_error         (BosStore           *self,
                                         GError            **error,
                                         const char         *what);
void        bos_store_emit_changed      (BosStore           *self,
                                         const char         *table);

gboolean    bos_store_log_change        (BosStore           *self,
                                         const char         *record_id,
                                         const char         *field,
                                         const char         *old_value,
                                         const char         *new_value,
                                         const char         *why,
                                         GError            **error);
gint64      bos_store_count             (BosStore           *self,
                                         const char         *table,
                                         GError            **error);
char       *bos_store_get_meta          (BosStore           *self,
                                         const char         *key);
gboolean    bos_store_set_meta          (BosStore           *self,
                                         const char         *key,
                                         const char         *value,
                                         GError            **error);

char       *bos_timestamp_now           (void);
char       *bos_new_uuid_id             (const char         *type);

/* Names of the tables `bosetting-cli info` counts, in order, NULL-terminated. */
const char * const *bos_store_table_names (void);

G_END_DECLS
