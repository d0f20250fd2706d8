/* bos-indicator.c: per-municipality indicators of a plan year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records "indicator:YEAR:CODE:NAME" (natural keys: two planners who
 * import the same file offline meet in one record when they sync).
 */
#define G_LOG_DOMAIN "bos-indicator"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-apportion.h"
#include "bos-error.h"
#include "bos-indicator.h"
#include "bos-municipality-index.h"

#define MIN_YEAR 1990
#define MAX_YEAR 2200
#define MAX_NAME 64

enum {
  COL_CODE,
  COL_INDICATOR,
  COL_VALUE,
  N_COLS
};

/**
 * bos_indicator_check_name:
 * @name: an indicator's name
 *
 * Returns: %TRUE when @name can name an indicator, else %FALSE with @error
 *   saying why
 */
gboolean
bos_indicator_check_name (const char  *name,
                          GError     **error)
{
  gsize length;

  g_return_val_if_fail (name != NULL, FALSE);

  length = strlen (name);
  if (length == 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, _("the indicator needs a name"));
      return FALSE;
    }
  if (g_str_equal (name, BOS_INDICATOR_POPULATION))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“population” is the municipalities' population from the reference data, "
                     "not an indicator to import"));
      return FALSE;
    }
  if (length > MAX_NAME || !g_ascii_islower (name[0]))
    goto bad;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (name[i]) && !g_ascii_isdigit (name[i]) && name[i] != '_')
      goto bad;
  return TRUE;

bad:
  g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
               _("“%s” is not an indicator name: use lower-case letters a–z, digits and “_”, "
                 "starting with a letter, at most %d characters (e.g. employment_rate)"),
               name, MAX_NAME);
  return FALSE;
}

static gboolean
import_rows (BosStore              *store,
             int                    year,
             BosCsv                *csv,
             BosMunicipalityIndex  *index,
             BosImportStats        *stats,
             GError               **error)
{
  g_autoptr(sqlite3_stmt) select_row = NULL;
  g_autoptr(sqlite3_stmt) upsert_row = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *source = g_path_get_basename (bos_csv_get_source_name (csv));
  g_autofree char *now = bos_timestamp_now ();
  const char * const *header;

  header = bos_csv_read_any_header (csv, error);
  if (header == NULL)
    return FALSE;
  if (g_strv_length ((char **) header) != N_COLS || !g_str_equal (header[COL_CODE], "code") ||
      !g_str_equal (header[COL_INDICATOR], "indicator") || !g_str_equal (header[COL_VALUE], "value"))
    {
      g_autofree char *got = g_strjoinv (",", (char **) header);

      return bos_csv_set_error (csv, error, -1,
                                _("the header is “%s”, expected “code,indicator,value” (one row "
                                  "per municipality and indicator)"), got);
    }

  select_row = bos_store_prepare (store,
                                  "SELECT value, deleted FROM indicator WHERE id = ?", error);
  upsert_row = bos_store_prepare (store,
                                  "INSERT INTO indicator (id, year, code, name, value, source, "
                                  "  modified, author, dirty, deleted) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, 0) "
                                  "ON CONFLICT (id) DO UPDATE SET value = ?5, source = ?6, "
                                  "  modified = ?7, author = ?8, dirty = 1, deleted = 0",
                                  error);
  if (select_row == NULL || upsert_row == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *problem = NULL;
      g_autofree char *key = NULL;
      g_autofree char *id = NULL;
      gpointer first_line;
      double value;
      int rc;

      if (!bos_csv_next_row (csv, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }
      stats->rows_read++;

      code = g_strstrip (g_strdup (bos_csv_get_field (csv, COL_CODE)));
      if (!bos_municipality_index_check_code (index, code, &problem))
        return bos_csv_set_error (csv, error, COL_CODE, "%s", problem);

      name = g_strstrip (g_strdup (bos_csv_get_field (csv, COL_INDICATOR)));
      if (!bos_indicator_check_name (name, &local_error))
        return bos_csv_set_error (csv, error, COL_INDICATOR, "%s", local_error->message);

      if (!bos_csv_get_double (csv, COL_VALUE, FALSE, NULL, &value, error))
        return FALSE;
      if (!isfinite (value) || value < 0 || value > BOS_APPORTION_MAX_VALUE)
        return bos_csv_set_error (csv, error, COL_VALUE,
                                  _("%g is not a value an indicator can have (0 to %g)"),
                                  value, BOS_APPORTION_MAX_VALUE);

      key = g_strconcat (code, ":", name, NULL);
      if (g_hash_table_lookup_extended (seen, key, NULL, &first_line))
        return bos_csv_set_error (csv, error, -1,
                                  _("a second row for %s of %s (the first is on line %u)"),
                                  name, code, GPOINTER_TO_UINT (first_line));
      g_hash_table_insert (seen, g_strdup (key),
                           GUINT_TO_POINTER (bos_csv_get_line (csv)));

      id = g_strdup_printf ("indicator:%d:%s:%s", year, code, name);
      sqlite3_bind_text (select_row, 1, id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (select_row);
      if (rc == SQLITE_ROW && sqlite3_column_int (select_row, 1) == 0 &&
          sqlite3_column_double (select_row, 0) == value)
        {
          stats->rows_unchanged++;
          sqlite3_reset (select_row);
          continue;
        }
      if (rc == SQLITE_ROW && sqlite3_column_int (select_row, 1) == 0)
        stats->rows_updated++;
      else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        stats->rows_inserted++;
      else
        {
          sqlite3_reset (select_row);
          return bos_csv_set_error (csv, error, -1, _("the row could not be read back: %s"),
                                    sqlite3_errmsg (bos_store_get_db (store)));
        }
      sqlite3_reset (select_row);

      sqlite3_bind_text (upsert_row, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (upsert_row, 2, year);
      sqlite3_bind_text (upsert_row, 3, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upsert_row, 4, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (upsert_row, 5, value);
      sqlite3_bind_text (upsert_row, 6, source, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upsert_row, 7, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upsert_row, 8, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (upsert_row);
      sqlite3_reset (upsert_row);
      if (rc != SQLITE_DONE)
        return bos_csv_set_error (csv, error, -1, _("the row could not be stored: %s"),
                                  sqlite3_errmsg (bos_store_get_db (store)));
    }
}

/**
 * bos_indicator_import_csv:
 * @year: the plan year the values are for
 * @csv: a reader positioned before the header `code,indicator,value`
 * @stats: (out caller-allocates) (optional): what the import did
 *
 * Imports indicators (see bos-indicator.h). Codes must be today's
 * municipalities (a former code gets a message naming today's); values
 * are numbers from 0; one row per municipality and indicator.
 */
gboolean
bos_indicator_import_csv (BosStore        *store,
                          int              year,
                          BosCsv          *csv,
                          BosImportStats  *stats,
                          GError         **error)
{
  g_autoptr(BosMunicipalityIndex) index = NULL;
  BosImportStats counts = { 0 };
  gboolean ok;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (year < MIN_YEAR || year > MAX_YEAR)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The year %d is not a plausible plan year (%d–%d)"), year, MIN_YEAR, MAX_YEAR);
      return FALSE;
    }
  index = bos_municipality_index_load (store, error);
  if (index == NULL)
    return FALSE;

  if (!bos_store_begin (store, error))
    return FALSE;
  ok = import_rows (store, year, csv, index, &counts, error) && bos_store_commit (store, error);
  if (!ok)
    {
      bos_store_rollback (store);
      return FALSE;
    }
  if (stats != NULL)
    *stats = counts;
  if ((counts.rows_inserted > 0 || counts.rows_updated > 0) &&
      sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "indicator");
  return TRUE;
}

/**
 * bos_indicator_import_file:
 * @path: a UTF-8 CSV file separated by “,”
 */
gboolean
bos_indicator_import_file (BosStore        *store,
                           int              year,
                           const char      *path,
                           BosImportStats  *stats,
                           GError         **error)
{
  g_autoptr(BosCsv) csv = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);
  csv = bos_csv_new_from_file (path, ',', BOS_CSV_ENCODING_UTF8, error);
  if (csv == NULL)
    return FALSE;
  return bos_indicator_import_csv (store, year, csv, stats, error);
}

/**
 * bos_indicator_list_names:
 *
 * Returns: (transfer full): the names of the indicators with values for
 *   @year, sorted; %NULL with @error set on failure
 */
GStrv
bos_indicator_list_names (BosStore    *store,
                          int          year,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  stmt = bos_store_prepare (store,
                            "SELECT DISTINCT name FROM indicator WHERE year = ? AND deleted = 0 "
                            "ORDER BY name",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, bos_sqlite_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the indicators"));
      return NULL;
    }
  return g_strv_builder_end (names);
}
