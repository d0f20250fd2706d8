/* bos-sqlite.h: g_autoptr support for SQLite handles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Column text as a const char *, never NULL ("" for SQL NULL). */
static inline const char *
bos_sqlite_text (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text ? (const char *) text : "";
}
