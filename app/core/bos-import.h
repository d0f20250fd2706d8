/* bos-import.h: importing reference data and IMDi statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-csv.h"
#include "bos-store.h"

G_BEGIN_DECLS

typedef enum
{
  BOS_IMPORT_MUNICIPALITIES,   /* the layout of data/municipalities.csv */
  BOS_IMPORT_IMDI,             /* IMDi's "bosatt og anmodede" CSV download */
  BOS_IMPORT_HISTORY,          /* the normalised settlement_history.csv */
  BOS_IMPORT_CODE_HISTORY,     /* municipality_code_history.csv */
  BOS_IMPORT_IMMIGRANT_SHARE,  /* immigrant_share_2021.csv */
} BosImportKind;

typedef struct
{
  guint rows_read;       /* data rows in the file */
  guint rows_inserted;   /* new rows in the database */
  guint rows_updated;    /* rows whose values changed */
  guint rows_unchanged;  /* rows already there with the same values */
  guint rows_skipped;    /* rows deliberately not stored (e.g. IMDi "Prosent") */
} BosImportStats;

gboolean    bos_import_kind_from_string (const char      *name,
                                         BosImportKind   *kind);
const char *bos_import_kind_to_string   (BosImportKind    kind);

/* Importing a file:
 *  - checks every row (header, column count, numbers, codes, kinds,
 *    statuses, consistency) and fails on the first bad one with a
 *    BOS_ERROR_PARSE or BOS_ERROR_ENCODING error naming file, line and
 *    field;
 *  - is one transaction: on error nothing of the file is stored;
 *  - upserts: importing the same file again changes nothing (all rows
 *    unchanged). Rows the file does not mention are kept, except that a
 *    code-history file replaces the successors of each old code it lists;
 *  - stores settlement figures under the code as recorded that year
 *    (9999 and Svalbard codes included); bos-history.h maps them.
 * IMDi files may be UTF-8 (with or without BOM) or ISO-8859-1 and are
 * separated by ";"; "Prosent" rows are counted as skipped, never stored.
 * The other kinds are UTF-8 with ",". */
gboolean    bos_import_file             (BosStore        *store,
                                         BosImportKind    kind,
                                         const char      *path,
                                         BosImportStats  *stats,
                                         GError         **error);
gboolean    bos_import_csv              (BosStore        *store,
                                         BosImportKind    kind,
                                         BosCsv          *csv,
                                         BosImportStats  *stats,
                                         GError         **error);

/* bos_import_file() in a worker thread with its own connection; cancelling
 * stores nothing. _finish() emits BosStore::changed on @store. */
void        bos_import_file_async       (BosStore            *store,
                                         BosImportKind        kind,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    bos_import_file_finish      (BosStore        *store,
                                         GAsyncResult    *result,
                                         BosImportStats  *stats,
                                         GError         **error);

G_END_DECLS
