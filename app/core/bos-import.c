/* bos-import.c: importing reference data and IMDi statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every importer reads one CSV file with BosCsv, checks each row completely
 * before it touches the database and upserts it: a row that is already
 * there with the same values is counted as unchanged, so importing a file
 * twice changes nothing. Importing never deletes rows the file does not
 * mention, with one exception: the code history of an old code is replaced
 * as a whole, so its shares keep adding up to 1.
 *
 * The whole file is one transaction: the first bad row rolls everything
 * back and the error names the file, the line and the field.
 *
 * Settlement figures are stored under the code as recorded in that year;
 * bos-history.c maps them to today's municipalities when they are read.
 */
#define G_LOG_DOMAIN "bos-import"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bos-error.h"
#include "bos-history.h"
#include "bos-import.h"

#define MIN_YEAR 1990
#define MAX_YEAR 2200

typedef struct
{
  BosStore       *store;
  BosCsv         *csv;
  BosImportStats  stats;
  GPtrArray      *statements;     /* of sqlite3_stmt *, finalized at the end */
  GHashTable     *municipalities; /* today's code → name */
  GHashTable     *old_codes;      /* code in the code history → old name */
  GHashTable     *seen;           /* key of a row in this file → its line */
  GHashTable     *tables;         /* names of the tables that changed (static strings) */
  int             last_changes;   /* rows changed by the last import_exec() */
  GCancellable   *cancellable;
} Import;

typedef enum
{
  ROW_UNCHANGED,
  ROW_UPDATED,
  ROW_INSERTED,
} RowChange;

static const struct
{
  BosImportKind  kind;
  const char    *name;
  const char    *alias;
} kind_names[] = {
  { BOS_IMPORT_MUNICIPALITIES,  "municipalities",  NULL },
  { BOS_IMPORT_IMDI,            "imdi",            NULL },
  { BOS_IMPORT_HISTORY,         "history",         "settlement-history" },
  { BOS_IMPORT_CODE_HISTORY,    "code-history",    NULL },
  { BOS_IMPORT_IMMIGRANT_SHARE, "immigrant-share", NULL },
};

static void
import_clear (Import *self)
{
  g_clear_pointer (&self->statements, g_ptr_array_unref);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);
  g_clear_pointer (&self->old_codes, g_hash_table_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->tables, g_hash_table_unref);
}

static void
count_change (Import    *self,
              RowChange  change)
{
  switch (change)
    {
    case ROW_INSERTED:
      self->stats.rows_inserted++;
      break;
    case ROW_UPDATED:
      self->stats.rows_updated++;
      break;
    case ROW_UNCHANGED:
    default:
      self->stats.rows_unchanged++;
      break;
    }
}

static sqlite3_stmt *
import_prepare (Import      *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = bos_store_prepare (self->store, sql, error);

  if (stmt != NULL)
    g_ptr_array_add (self->statements, stmt);
  return stmt;
}

/* Runs a statement that returns no rows and resets it for the next use;
 * self->last_changes is the number of rows it changed. */
static gboolean
import_exec (Import        *self,
             sqlite3_stmt  *stmt,
             const char    *table,
             GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      bos_csv_set_error (self->csv, error, -1, "the row could not be stored: %s",
                         sqlite3_errmsg (bos_store_get_db (self->store)));
      sqlite3_reset (stmt);
      return FALSE;
    }
  self->last_changes = sqlite3_changes (bos_store_get_db (self->store));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (self->last_changes > 0)
    g_hash_table_add (self->tables, (gpointer) table);
  return TRUE;
}

/* Steps a SELECT of at most one row. Returns SQLITE_ROW, SQLITE_DONE, or
 * an error code with @error set. The caller resets the statement. */
static int
import_lookup (Import        *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    bos_csv_set_error (self->csv, error, -1, "the database could not be read: %s",
                       sqlite3_errmsg (bos_store_get_db (self->store)));
  return rc;
}

static void
lookup_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static gboolean
load_codes (Import  *self,
            GError **error)
{
  sqlite3_stmt *stmt;

  self->municipalities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->old_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stmt = import_prepare (self, "SELECT code, name FROM municipality", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (self->municipalities,
                         g_strdup (bos_sqlite_text (stmt, 0)),
                         g_strdup (bos_sqlite_text (stmt, 1)));
  sqlite3_reset (stmt);

  stmt = import_prepare (self, "SELECT old_code, old_name FROM code_history", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (self->old_codes,
                         g_strdup (bos_sqlite_text (stmt, 0)),
                         g_strdup (bos_sqlite_text (stmt, 1)));
  sqlite3_reset (stmt);
  return TRUE;
}

/* The next row; every few hundred rows, whether the import was cancelled. */
static gboolean
import_next_row (Import  *self,
                 GError **error)
{
  if (self->cancellable != NULL && self->stats.rows_read % 256 == 255 &&
      g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  return bos_csv_next_row (self->csv, error);
}

/* Errors about a line other than the current one (duplicates found late). */
static gboolean
set_error_at_line (Import      *self,
                   GError     **error,
                   guint        line,
                   const char  *message)
{
  g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE, "%s, line %u: %s",
               bos_csv_get_source_name (self->csv), line, message);
  return FALSE;
}

/* Remembers @key (taken) for this file; a second row with the same key is
 * an error that names both lines. */
static gboolean
check_unique (Import      *self,
              char        *key,
              const char  *what,
              GError     **error)
{
  gpointer first;

  if (g_hash_table_lookup_extended (self->seen, key, NULL, &first))
    {
      bos_csv_set_error (self->csv, error, -1, "a second row for %s (the first is on line %u)",
                         what, GPOINTER_TO_UINT (first));
      g_free (key);
      return FALSE;
    }
  g_hash_table_insert (self->seen, key, GUINT_TO_POINTER (bos_csv_get_line (self->csv)));
  return TRUE;
}

static char *
get_stripped (BosCsv *csv,
              guint   column)
{
  return g_strstrip (g_strdup (bos_csv_get_field (csv, column)));
}

static gboolean
is_digits (const char *text,
           gsize       n)
{
  if (strlen (text) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* A municipality code as text: exactly four digits. */
static gboolean
check_code_format (Import      *self,
                   guint        column,
                   const char  *code,
                   GError     **error)
{
  if (is_digits (code, 4))
    return TRUE;
  if (is_digits (code, 3))
    return bos_csv_set_error (self->csv, error, column,
                              "“%s” is not a municipality number: it needs four digits "
                              "(did a spreadsheet drop the leading zero? write 0%s)",
                              code, code);
  if (*code == '\0')
    return bos_csv_set_error (self->csv, error, column,
                              "a municipality number is required, the field is empty");
  return bos_csv_set_error (self->csv, error, column,
                            "“%s” is not a municipality number (four digits, e.g. 0301)", code);
}

/* A code settlement figures may be recorded under: today's or a former one. */
static gboolean
check_known_code (Import      *self,
                  guint        column,
                  const char  *code,
                  GError     **error)
{
  if (!check_code_format (self, column, code, error))
    return FALSE;
  if (!g_hash_table_contains (self->municipalities, code) &&
      !g_hash_table_contains (self->old_codes, code))
    return bos_csv_set_error (self->csv, error, column,
                              "unknown municipality number “%s”: it is neither a municipality "
                              "of today nor in the municipality code history", code);
  return TRUE;
}

/* Today's municipality, which the row refers to. */
static gboolean
check_municipality (Import      *self,
                    guint        column,
                    const char  *code,
                    GError     **error)
{
  if (!check_code_format (self, column, code, error))
    return FALSE;
  if (!g_hash_table_contains (self->municipalities, code))
    return bos_csv_set_error (self->csv, error, column,
                              "unknown municipality number “%s”: it is not one of today's "
                              "municipalities (import the municipalities first)", code);
  return TRUE;
}

static gboolean
get_year (Import  *self,
          guint    column,
          int     *year,
          GError **error)
{
  gint64 value;

  if (!bos_csv_get_int (self->csv, column, FALSE, NULL, &value, error))
    return FALSE;
  if (value < MIN_YEAR || value > MAX_YEAR)
    return bos_csv_set_error (self->csv, error, column,
                              "the year %" G_GINT64_FORMAT " is outside %d–%d",
                              value, MIN_YEAR, MAX_YEAR);
  *year = (int) value;
  return TRUE;
}

static gboolean
get_count (Import   *self,
           guint     column,
           gboolean  allow_empty,
           gboolean *is_empty,
           gint64   *value,
           GError  **error)
{
  if (!bos_csv_get_int (self->csv, column, allow_empty, is_empty, value, error))
    return FALSE;
  if (*value < 0)
    return bos_csv_set_error (self->csv, error, column,
                              "%" G_GINT64_FORMAT " is negative; a number of persons is 0 or more",
                              *value);
  if (*value > G_MAXINT32)
    return bos_csv_set_error (self->csv, error, column,
                              "%" G_GINT64_FORMAT " is not a plausible number of persons", *value);
  return TRUE;
}

static gboolean
get_text (Import      *self,
          guint        column,
          gboolean     allow_empty,
          char       **text,
          GError     **error)
{
  g_autofree char *value = get_stripped (self->csv, column);

  if (!allow_empty && *value == '\0')
    return bos_csv_set_error (self->csv, error, column, "the field is empty");
  *text = g_steal_pointer (&value);
  return TRUE;
}

static const char * const *
read_header (Import              *self,
             const char * const  *expected,
             GError             **error)
{
  if (!bos_csv_read_header (self->csv, expected, error))
    return NULL;
  return expected;
}

/* Both text values equal, NULL and "" being different. */
static gboolean
same_text (sqlite3_stmt *stmt,
           int           column,
           const char   *value)
{
  const char *stored = (const char *) sqlite3_column_text (stmt, column);

  if (stored == NULL || value == NULL)
    return stored == value;
  return strcmp (stored, value) == 0;
}

static gboolean
same_int (sqlite3_stmt *stmt,
          int           column,
          gboolean      has_value,
          gint64        value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return !has_value;
  return has_value && sqlite3_column_int64 (stmt, column) == value;
}

static gboolean
same_double (sqlite3_stmt *stmt,
             int           column,
             gboolean      has_value,
             double        value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return !has_value;
  return has_value && sqlite3_column_double (stmt, column) == value;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value != NULL && *value != '\0')
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           index,
                  gboolean      has_value,
                  gint64        value)
{
  if (has_value)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_double_or_null (sqlite3_stmt *stmt,
                     int           index,
                     gboolean      has_value,
                     double        value)
{
  if (has_value)
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* "population_2024" → 2024 */
static gboolean
parse_year_column (const char *name,
                   const char *prefix,
                   int        *year)
{
  const char *digits;
  guint64 value;

  if (!g_str_has_prefix (name, prefix))
    return FALSE;
  digits = name + strlen (prefix);
  if (!is_digits (digits, 4) ||
      !g_ascii_string_to_unsigned (digits, 10, MIN_YEAR, MAX_YEAR, &value, NULL))
    return FALSE;
  *year = (int) value;
  return TRUE;
}

/* ---- municipalities ------------------------------------------------------ */

enum {
  MUN_CODE,
  MUN_NAME,
  MUN_COUNTY_CODE,
  MUN_COUNTY_NAME,
  MUN_FIRST_POPULATION,
};

static gboolean
import_municipalities (Import  *self,
                       GError **error)
{
  const char * const *header;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) county_names = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, g_free);
  g_autoptr(GHashTable) county_lines = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, NULL);
  sqlite3_stmt *select_county, *insert_county, *update_county;
  sqlite3_stmt *select_mun, *insert_mun, *update_mun;
  sqlite3_stmt *select_pop, *insert_pop, *update_pop, *delete_pop;
  guint n_columns, col_area, col_centre, col_language;
  gboolean header_ok;

  header = bos_csv_read_any_header (self->csv, error);
  if (header == NULL)
    return FALSE;

  /* code,name,county_code,county_name,population_YYYY…,area_km2,admin_centre,language_form */
  n_columns = g_strv_length ((char **) header);
  header_ok = n_columns >= MUN_FIRST_POPULATION + 4 &&
              g_str_equal (header[MUN_CODE], "code") &&
              g_str_equal (header[MUN_NAME], "name") &&
              g_str_equal (header[MUN_COUNTY_CODE], "county_code") &&
              g_str_equal (header[MUN_COUNTY_NAME], "county_name") &&
              g_str_equal (header[n_columns - 3], "area_km2") &&
              g_str_equal (header[n_columns - 2], "admin_centre") &&
              g_str_equal (header[n_columns - 1], "language_form");
  for (guint i = MUN_FIRST_POPULATION; header_ok && i < n_columns - 3; i++)
    {
      int year;

      header_ok = parse_year_column (header[i], "population_", &year);
      for (guint j = 0; header_ok && j < years->len; j++)
        header_ok = g_array_index (years, int, j) != year;
      if (header_ok)
        g_array_append_val (years, year);
    }
  if (!header_ok)
    {
      g_autofree char *got = g_strjoinv (",", (char **) header);

      return bos_csv_set_error (self->csv, error, -1,
                                "the header is “%s”, expected “code,name,county_code,county_name,"
                                "population_YYYY,…,area_km2,admin_centre,language_form” with one "
                                "population column per year (%d–%d, each year once)",
                                got, MIN_YEAR, MAX_YEAR);
    }
  col_area = n_columns - 3;
  col_centre = n_columns - 2;
  col_language = n_columns - 1;

  if (!(select_county = import_prepare (self, "SELECT name FROM county WHERE code = ?", error)) ||
      !(insert_county = import_prepare (self, "INSERT INTO county (code, name) VALUES (?, ?)", error)) ||
      !(update_county = import_prepare (self, "UPDATE county SET name = ?2 WHERE code = ?1", error)) ||
      !(select_mun = import_prepare (self,
                                     "SELECT name, county_code, area_km2, admin_centre, language_form "
                                     "FROM municipality WHERE code = ?", error)) ||
      !(insert_mun = import_prepare (self,
                                     "INSERT INTO municipality (code, name, county_code, area_km2, "
                                     "admin_centre, language_form) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                     error)) ||
      !(update_mun = import_prepare (self,
                                     "UPDATE municipality SET name = ?2, county_code = ?3, "
                                     "area_km2 = ?4, admin_centre = ?5, language_form = ?6 "
                                     "WHERE code = ?1", error)) ||
      !(select_pop = import_prepare (self, "SELECT persons FROM population WHERE code = ? AND year = ?",
                                     error)) ||
      !(insert_pop = import_prepare (self, "INSERT INTO population (code, year, persons) VALUES (?, ?, ?)",
                                     error)) ||
      !(update_pop = import_prepare (self, "UPDATE population SET persons = ?3 WHERE code = ?1 AND year = ?2",
                                     error)) ||
      !(delete_pop = import_prepare (self, "DELETE FROM population WHERE code = ? AND year = ?", error)))
    return FALSE;

  for (;;)
    {
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *county_code = NULL;
      g_autofree char *county_name = NULL;
      g_autofree char *centre = NULL;
      g_autofree char *language = NULL;
      g_autofree gint64 *population = NULL;
      g_autofree gboolean *population_empty = NULL;
      RowChange change = ROW_UNCHANGED;
      gboolean area_empty;
      double area;
      const char *first_name;
      int rc;

      if (!import_next_row (self, error))
        return error == NULL || *error == NULL;
      self->stats.rows_read++;

      /* Check the whole row first. */
      code = get_stripped (self->csv, MUN_CODE);
      if (!check_code_format (self, MUN_CODE, code, error) ||
          !check_unique (self, g_strdup (code), code, error) ||
          !get_text (self, MUN_NAME, FALSE, &name, error) ||
          !get_text (self, MUN_COUNTY_CODE, FALSE, &county_code, error) ||
          !get_text (self, MUN_COUNTY_NAME, FALSE, &county_name, error))
        return FALSE;
      if (!is_digits (county_code, 2))
        return bos_csv_set_error (self->csv, error, MUN_COUNTY_CODE,
                                  "“%s” is not a county number (two digits, e.g. 03)", county_code);
      first_name = g_hash_table_lookup (county_names, county_code);
      if (first_name != NULL && !g_str_equal (first_name, county_name))
        return bos_csv_set_error (self->csv, error, MUN_COUNTY_NAME,
                                  "county %s is called “%s” here but “%s” on line %u",
                                  county_code, county_name, first_name,
                                  GPOINTER_TO_UINT (g_hash_table_lookup (county_lines, county_code)));

      population = g_new0 (gint64, years->len);
      population_empty = g_new0 (gboolean, years->len);
      for (guint i = 0; i < years->len; i++)
        if (!get_count (self, MUN_FIRST_POPULATION + i, TRUE, &population_empty[i],
                        &population[i], error))
          return FALSE;

      if (!bos_csv_get_double (self->csv, col_area, TRUE, &area_empty, &area, error))
        return FALSE;
      if (!area_empty && area < 0)
        return bos_csv_set_error (self->csv, error, col_area, "the area cannot be negative");
      centre = get_stripped (self->csv, col_centre);
      language = get_stripped (self->csv, col_language);
      if (!g_str_equal (language, "bokmal") && !g_str_equal (language, "nynorsk") &&
          !g_str_equal (language, "neutral"))
        return bos_csv_set_error (self->csv, error, col_language,
                                  "“%s” is not a language form; expected “bokmal”, “nynorsk” "
                                  "or “neutral”", language);

      /* The county, the first time this file names it. */
      if (first_name == NULL)
        {
          sqlite3_bind_text (select_county, 1, county_code, -1, SQLITE_STATIC);
          rc = import_lookup (self, select_county, error);
          if (rc == SQLITE_ROW && !same_text (select_county, 0, county_name))
            {
              lookup_done (select_county);
              sqlite3_bind_text (update_county, 1, county_code, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (update_county, 2, county_name, -1, SQLITE_TRANSIENT);
              if (!import_exec (self, update_county, "county", error))
                return FALSE;
              change = ROW_UPDATED;
            }
          else if (rc == SQLITE_DONE)
            {
              lookup_done (select_county);
              sqlite3_bind_text (insert_county, 1, county_code, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (insert_county, 2, county_name, -1, SQLITE_TRANSIENT);
              if (!import_exec (self, insert_county, "county", error))
                return FALSE;
            }
          else
            {
              lookup_done (select_county);
              if (rc != SQLITE_ROW)
                return FALSE;
            }
          g_hash_table_insert (county_names, g_strdup (county_code), g_strdup (county_name));
          g_hash_table_insert (county_lines, g_strdup (county_code),
                               GUINT_TO_POINTER (bos_csv_get_line (self->csv)));
        }

      /* The municipality. */
      sqlite3_bind_text (select_mun, 1, code, -1, SQLITE_STATIC);
      rc = import_lookup (self, select_mun, error);
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        {
          sqlite3_stmt *write = NULL;

          if (rc == SQLITE_DONE)
            {
              write = insert_mun;
              change = ROW_INSERTED;
            }
          else if (!same_text (select_mun, 0, name) ||
                   !same_text (select_mun, 1, county_code) ||
                   !same_double (select_mun, 2, !area_empty, area) ||
                   !same_text (select_mun, 3, *centre ? centre : NULL) ||
                   !same_text (select_mun, 4, language))
            {
              write = update_mun;
              change = ROW_UPDATED;
            }
          lookup_done (select_mun);
          if (write != NULL)
            {
              sqlite3_bind_text (write, 1, code, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (write, 2, name, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (write, 3, county_code, -1, SQLITE_TRANSIENT);
              bind_double_or_null (write, 4, !area_empty, area);
              bind_text_or_null (write, 5, centre);
              sqlite3_bind_text (write, 6, language, -1, SQLITE_TRANSIENT);
              if (!import_exec (self, write, "municipality", error))
                return FALSE;
            }
        }
      else
        {
          lookup_done (select_mun);
          return FALSE;
        }

      /* Its population, one row per year; an empty cell removes the year. */
      for (guint i = 0; i < years->len; i++)
        {
          int year = g_array_index (years, int, i);
          sqlite3_stmt *write = NULL;

          sqlite3_bind_text (select_pop, 1, code, -1, SQLITE_STATIC);
          sqlite3_bind_int (select_pop, 2, year);
          rc = import_lookup (self, select_pop, error);
          if (rc == SQLITE_ROW)
            {
              if (population_empty[i])
                write = delete_pop;
              else if (sqlite3_column_int64 (select_pop, 0) != population[i])
                write = update_pop;
            }
          else if (rc == SQLITE_DONE)
            {
              if (!population_empty[i])
                write = insert_pop;
            }
          lookup_done (select_pop);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return FALSE;

          if (write == NULL)
            continue;
          sqlite3_bind_text (write, 1, code, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (write, 2, year);
          if (write != delete_pop)
            sqlite3_bind_int64 (write, 3, population[i]);
          if (!import_exec (self, write, "population", error))
            return FALSE;
          if (change == ROW_UNCHANGED)
            change = ROW_UPDATED;
        }

      g_hash_table_insert (self->municipalities, g_strdup (code), g_strdup (name));
      count_change (self, change);
    }
}

/* ---- code history -------------------------------------------------------- */

enum {
  CH_OLD_CODE,
  CH_OLD_NAME,
  CH_FIRST_YEAR,
  CH_LAST_YEAR,
  CH_CODE_2024,
  CH_SHARE,
};

typedef struct
{
  guint    first_line;
  double   share_sum;
  gboolean has_unmapped;  /* a row without a 2024 municipality */
  guint    n_rows;
} OldCodeCheck;

static gboolean
import_code_history (Import  *self,
                     GError **error)
{
  static const char * const expected[] = {
    "old_code", "old_name", "first_year", "last_year", "code_2024", "share", NULL
  };
  g_autoptr(GHashTable) checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *select_row, *insert_row, *update_row, *select_all, *delete_row;
  GHashTableIter iter;
  gpointer key, value;

  if (read_header (self, expected, error) == NULL)
    return FALSE;

  if (!(select_row = import_prepare (self,
                                     "SELECT old_name, first_year, last_year, share FROM code_history "
                                     "WHERE old_code = ?1 AND ifnull (code_2024, '') = ?2", error)) ||
      !(insert_row = import_prepare (self,
                                     "INSERT INTO code_history (old_code, old_name, first_year, "
                                     "last_year, code_2024, share) VALUES (?1, ?3, ?4, ?5, ?2, ?6)",
                                     error)) ||
      !(update_row = import_prepare (self,
                                     "UPDATE code_history SET old_name = ?3, first_year = ?4, "
                                     "last_year = ?5, share = ?6 "
                                     "WHERE old_code = ?1 AND ifnull (code_2024, '') = ?2", error)))
    return FALSE;

  for (;;)
    {
      g_autofree char *old_code = NULL;
      g_autofree char *old_name = NULL;
      g_autofree char *code_2024 = NULL;
      g_autofree char *what = NULL;
      gboolean first_empty, last_empty, share_empty;
      gint64 first_year, last_year;
      double share;
      OldCodeCheck *check;
      sqlite3_stmt *write = NULL;
      RowChange change = ROW_UNCHANGED;
      int rc;

      if (!import_next_row (self, error))
        break;
      self->stats.rows_read++;

      old_code = get_stripped (self->csv, CH_OLD_CODE);
      code_2024 = get_stripped (self->csv, CH_CODE_2024);
      if (!check_code_format (self, CH_OLD_CODE, old_code, error) ||
          !get_text (self, CH_OLD_NAME, FALSE, &old_name, error) ||
          !bos_csv_get_int (self->csv, CH_FIRST_YEAR, TRUE, &first_empty, &first_year, error) ||
          !bos_csv_get_int (self->csv, CH_LAST_YEAR, TRUE, &last_empty, &last_year, error) ||
          !bos_csv_get_double (self->csv, CH_SHARE, TRUE, &share_empty, &share, error))
        return FALSE;
      if (!first_empty && (first_year < MIN_YEAR || first_year > MAX_YEAR))
        return bos_csv_set_error (self->csv, error, CH_FIRST_YEAR,
                                  "the year %" G_GINT64_FORMAT " is outside %d–%d",
                                  first_year, MIN_YEAR, MAX_YEAR);
      if (!last_empty && (last_year < MIN_YEAR || last_year > MAX_YEAR))
        return bos_csv_set_error (self->csv, error, CH_LAST_YEAR,
                                  "the year %" G_GINT64_FORMAT " is outside %d–%d",
                                  last_year, MIN_YEAR, MAX_YEAR);
      if (!first_empty && !last_empty && last_year < first_year)
        return bos_csv_set_error (self->csv, error, CH_LAST_YEAR,
                                  "the last year %" G_GINT64_FORMAT " is before the first year %"
                                  G_GINT64_FORMAT, last_year, first_year);
      if (*code_2024 != '\0')
        {
          if (!check_municipality (self, CH_CODE_2024, code_2024, error))
            return FALSE;
          if (share_empty)
            return bos_csv_set_error (self->csv, error, CH_SHARE,
                                      "a share is required when there is a 2024 municipality");
          if (!(share > 0 && share <= 1))
            return bos_csv_set_error (self->csv, error, CH_SHARE,
                                      "the share %g is not above 0 and at most 1", share);
        }
      else if (!share_empty)
        return bos_csv_set_error (self->csv, error, CH_SHARE,
                                  "a share without a 2024 municipality (code_2024 is empty)");

      what = g_strdup_printf ("%s → %s", old_code, *code_2024 ? code_2024 : "(none)");
      if (!check_unique (self, g_strdup_printf ("%s>%s", old_code, code_2024), what, error))
        return FALSE;

      check = g_hash_table_lookup (checks, old_code);
      if (check == NULL)
        {
          check = g_new0 (OldCodeCheck, 1);
          check->first_line = bos_csv_get_line (self->csv);
          g_hash_table_insert (checks, g_strdup (old_code), check);
        }
      check->n_rows++;
      if (*code_2024 == '\0')
        check->has_unmapped = TRUE;
      else
        check->share_sum += share;
      if (check->has_unmapped && check->n_rows > 1)
        return bos_csv_set_error (self->csv, error, CH_CODE_2024,
                                  "%s has rows with and without a 2024 municipality (first on line %u)",
                                  old_code, check->first_line);

      sqlite3_bind_text (select_row, 1, old_code, -1, SQLITE_STATIC);
      sqlite3_bind_text (select_row, 2, code_2024, -1, SQLITE_STATIC);
      rc = import_lookup (self, select_row, error);
      if (rc == SQLITE_DONE)
        {
          write = insert_row;
          change = ROW_INSERTED;
        }
      else if (rc == SQLITE_ROW &&
               (!same_text (select_row, 0, old_name) ||
                !same_int (select_row, 1, !first_empty, first_year) ||
                !same_int (select_row, 2, !last_empty, last_year) ||
                !same_double (select_row, 3, !share_empty, share)))
        {
          write = update_row;
          change = ROW_UPDATED;
        }
      lookup_done (select_row);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return FALSE;

      if (write != NULL)
        {
          sqlite3_bind_text (write, 1, old_code, -1, SQLITE_TRANSIENT);
          if (write == insert_row)
            bind_text_or_null (write, 2, code_2024);
          else
            sqlite3_bind_text (write, 2, code_2024, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (write, 3, old_name, -1, SQLITE_TRANSIENT);
          bind_int_or_null (write, 4, !first_empty, first_year);
          bind_int_or_null (write, 5, !last_empty, last_year);
          bind_double_or_null (write, 6, !share_empty, share);
          if (!import_exec (self, write, "code_history", error))
            return FALSE;
        }
      g_hash_table_insert (self->old_codes, g_strdup (old_code), g_strdup (old_name));
      count_change (self, change);
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  /* The shares of a split municipality must add up to the whole. */
  g_hash_table_iter_init (&iter, checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      OldCodeCheck *check = value;

      if (!check->has_unmapped && fabs (check->share_sum - 1.0) > 0.001)
        {
          g_autofree char *message =
            g_strdup_printf ("the shares of %s add up to %.4g, not 1",
                             (const char *) key, check->share_sum);
          return set_error_at_line (self, error, check->first_line, message);
        }
    }

  /* This file now describes each of its old codes completely: a successor
   * the file no longer lists is removed. */
  if (!(select_all = import_prepare (self,
                                     "SELECT old_code, ifnull (code_2024, '') FROM code_history", error)) ||
      !(delete_row = import_prepare (self,
                                     "DELETE FROM code_history "
                                     "WHERE old_code = ?1 AND ifnull (code_2024, '') = ?2", error)))
    return FALSE;
  {
    g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    while (sqlite3_step (select_all) == SQLITE_ROW)
      {
        const char *old_code = bos_sqlite_text (select_all, 0);
        const char *code_2024 = bos_sqlite_text (select_all, 1);
        g_autofree char *pair = g_strdup_printf ("%s>%s", old_code, code_2024);

        if (g_hash_table_contains (checks, old_code) && !g_hash_table_contains (self->seen, pair))
          {
            char **row = g_new0 (char *, 3);

            row[0] = g_strdup (old_code);
            row[1] = g_strdup (code_2024);
            g_ptr_array_add (stale, row);
          }
      }
    sqlite3_reset (select_all);
    for (guint i = 0; i < stale->len; i++)
      {
        char **row = g_ptr_array_index (stale, i);

        sqlite3_bind_text (delete_row, 1, row[0], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (delete_row, 2, row[1], -1, SQLITE_TRANSIENT);
        if (!import_exec (self, delete_row, "code_history", error))
          return FALSE;
        /* The old code's row changed; count it so a re-import shows it. */
        self->stats.rows_updated++;
      }
  }
  return TRUE;
}

static int
compare_string_items (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* ---- immigrant share ----------------------------------------------------- */

enum {
  IS_CODE,
  IS_NAME,
  IS_POPULATION,
  IS_IMMIGRANTS,
  IS_SHARE,
  IS_CODE_2024,
};

static gboolean
import_immigrant_share (Import  *self,
                        GError **error)
{
  const char * const *header;
  sqlite3_stmt *select_row, *insert_row, *update_row, *select_successors;
  int year = 0, year2 = 0;
  gboolean header_ok;

  header = bos_csv_read_any_header (self->csv, error);
  if (header == NULL)
    return FALSE;
  header_ok = g_strv_length ((char **) header) == 6 &&
              g_str_equal (header[IS_CODE], "code") &&
              g_str_equal (header[IS_NAME], "name") &&
              parse_year_column (header[IS_POPULATION], "population_", &year) &&
              parse_year_column (header[IS_IMMIGRANTS], "immigrants_", &year2) &&
              year == year2 &&
              g_str_equal (header[IS_SHARE], "immigrant_share_pct") &&
              g_str_equal (header[IS_CODE_2024], "code_2024");
  if (!header_ok)
    {
      g_autofree char *got = g_strjoinv (",", (char **) header);

      return bos_csv_set_error (self->csv, error, -1,
                                "the header is “%s”, expected “code,name,population_YYYY,"
                                "immigrants_YYYY,immigrant_share_pct,code_2024” (the same year "
                                "twice, %d–%d)", got, MIN_YEAR, MAX_YEAR);
    }

  if (!(select_row = import_prepare (self,
                                     "SELECT population, immigrants, share_pct FROM immigrant_share "
                                     "WHERE code = ?1 AND year = ?2", error)) ||
      !(insert_row = import_prepare (self,
                                     "INSERT INTO immigrant_share (code, year, population, immigrants, "
                                     "share_pct) VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(update_row = import_prepare (self,
                                     "UPDATE immigrant_share SET population = ?3, immigrants = ?4, "
                                     "share_pct = ?5 WHERE code = ?1 AND year = ?2", error)) ||
      !(select_successors = import_prepare (self,
                                            "SELECT group_concat (code_2024, ';') FROM "
                                            "(SELECT code_2024 FROM code_history WHERE old_code = ? "
                                            " AND code_2024 IS NOT NULL ORDER BY code_2024)", error)))
    return FALSE;

  for (;;)
    {
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *codes_text = NULL;
      g_auto(GStrv) codes = NULL;
      gint64 population, immigrants;
      double share;
      RowChange change = ROW_UNCHANGED;
      gboolean split;
      guint n_codes;
      int rc;

      if (!import_next_row (self, error))
        return error == NULL || *error == NULL;
      self->stats.rows_read++;

      code = get_stripped (self->csv, IS_CODE);
      if (!check_code_format (self, IS_CODE, code, error) ||
          !get_text (self, IS_NAME, FALSE, &name, error) ||
          !get_count (self, IS_POPULATION, FALSE, NULL, &population, error) ||
          !get_count (self, IS_IMMIGRANTS, FALSE, NULL, &immigrants, error) ||
          !bos_csv_get_double (self->csv, IS_SHARE, FALSE, NULL, &share, error))
        return FALSE;
      if (immigrants > population)
        return bos_csv_set_error (self->csv, error, IS_IMMIGRANTS,
                                  "%" G_GINT64_FORMAT " immigrants in a population of %" G_GINT64_FORMAT,
                                  immigrants, population);
      if (share < 0 || share > 100)
        return bos_csv_set_error (self->csv, error, IS_SHARE,
                                  "the share %g %% is not between 0 and 100", share);
      /* The share is given with two decimals. */
      if (population > 0 && fabs (share - 100.0 * immigrants / population) > 0.0051)
        return bos_csv_set_error (self->csv, error, IS_SHARE,
                                  "the share %g %% does not match %" G_GINT64_FORMAT " immigrants in "
                                  "a population of %" G_GINT64_FORMAT " (%.2f %%)",
                                  share, immigrants, population, 100.0 * immigrants / population);
      if (!check_unique (self, g_strdup (code), code, error))
        return FALSE;

      codes_text = get_stripped (self->csv, IS_CODE_2024);
      codes = g_strsplit (codes_text, ";", -1);
      n_codes = g_strv_length (codes);
      if (n_codes == 0)
        return check_municipality (self, IS_CODE_2024, "", error);
      for (guint i = 0; i < n_codes; i++)
        {
          g_autofree char *key = NULL;

          g_strstrip (codes[i]);
          if (!check_municipality (self, IS_CODE_2024, codes[i], error))
            return FALSE;
          for (guint j = 0; j < i; j++)
            if (g_str_equal (codes[i], codes[j]))
              return bos_csv_set_error (self->csv, error, IS_CODE_2024,
                                        "%s is named twice", codes[i]);
          /* Two former municipalities cannot both be today's one. */
          key = g_strconcat ("2024:", codes[i], NULL);
          if (!check_unique (self, g_steal_pointer (&key), codes[i], error))
            return FALSE;
        }

      /* The 2024 codes must be those the code history gives for @code. */
      sqlite3_bind_text (select_successors, 1, code, -1, SQLITE_STATIC);
      rc = import_lookup (self, select_successors, error);
      if (rc == SQLITE_ROW && sqlite3_column_type (select_successors, 0) != SQLITE_NULL)
        {
          g_autofree char *want = g_strdup (bos_sqlite_text (select_successors, 0));
          g_autofree char *got = NULL;
          g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

          for (guint i = 0; i < n_codes; i++)
            g_ptr_array_add (sorted, codes[i]);
          g_ptr_array_sort (sorted, compare_string_items);
          g_ptr_array_add (sorted, NULL);
          got = g_strjoinv (";", (char **) sorted->pdata);
          lookup_done (select_successors);
          if (!g_str_equal (want, got))
            return bos_csv_set_error (self->csv, error, IS_CODE_2024,
                                      "“%s”, but the municipality code history maps %s to “%s”",
                                      codes_text, code, want);
        }
      else
        {
          lookup_done (select_successors);
          if (rc != SQLITE_ROW)
            return FALSE;
          if (!g_hash_table_contains (self->municipalities, code))
            return bos_csv_set_error (self->csv, error, IS_CODE,
                                      "unknown municipality number “%s”: it is neither a "
                                      "municipality of today nor in the municipality code history",
                                      code);
          if (n_codes != 1 || !g_str_equal (codes[0], code))
            return bos_csv_set_error (self->csv, error, IS_CODE_2024,
                                      "“%s”, but %s is a municipality of today", codes_text, code);
        }

      /* A split municipality's share applies to each part; its population
       * and immigrants are the whole's, so the parts do not get them. */
      split = n_codes > 1;
      for (guint i = 0; i < n_codes; i++)
        {
          sqlite3_stmt *write = NULL;

          sqlite3_bind_text (select_row, 1, codes[i], -1, SQLITE_STATIC);
          sqlite3_bind_int (select_row, 2, year);
          rc = import_lookup (self, select_row, error);
          if (rc == SQLITE_DONE)
            {
              write = insert_row;
              change = ROW_INSERTED;
            }
          else if (rc == SQLITE_ROW &&
                   (!same_int (select_row, 0, !split, population) ||
                    !same_int (select_row, 1, !split, immigrants) ||
                    !same_double (select_row, 2, TRUE, share)))
            {
              write = update_row;
              if (change == ROW_UNCHANGED)
                change = ROW_UPDATED;
            }
          lookup_done (select_row);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return FALSE;
          if (write == NULL)
            continue;

          sqlite3_bind_text (write, 1, codes[i], -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (write, 2, year);
          bind_int_or_null (write, 3, !split, population);
          bind_int_or_null (write, 4, !split, immigrants);
          sqlite3_bind_double (write, 5, share);
          if (!import_exec (self, write, "immigrant_share", error))
            return FALSE;
        }
      count_change (self, change);
    }
}

/* ---- settlement history -------------------------------------------------- */

typedef struct
{
  sqlite3_stmt *insert_row;
  sqlite3_stmt *update_row;
} HistoryStatements;

/* Two statements instead of a look-up and a write: a new row costs one
 * INSERT, which is what seeding a database does 34,000 times. */
static gboolean
prepare_history (Import             *self,
                 HistoryStatements  *statements,
                 GError            **error)
{
  return (statements->insert_row =
            import_prepare (self,
                            "INSERT INTO settlement_history (year, code, kind, name, persons, status) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                            "ON CONFLICT (year, code, kind) DO NOTHING", error)) != NULL &&
         (statements->update_row =
            import_prepare (self,
                            "UPDATE settlement_history "
                            "SET name = coalesce (?4, name), persons = ?5, status = ?6 "
                            "WHERE year = ?1 AND code = ?2 AND kind = ?3 "
                            "  AND (name IS NOT coalesce (?4, name) OR persons IS NOT ?5 "
                            "       OR status IS NOT ?6)", error)) != NULL;
}

/* Stores one figure. @name may be empty: then the stored name is kept, or
 * for a new row taken from the code history or today's municipality. */
static gboolean
store_history_row (Import             *self,
                   HistoryStatements  *statements,
                   int                 year,
                   const char         *code,
                   const char         *name,
                   BosHistoryKind      kind,
                   BosHistoryStatus    status,
                   gint64              persons,
                   GError            **error)
{
  const char *kind_name = bos_history_kind_to_string (kind);
  const char *status_name = bos_history_status_to_string (status);
  gboolean has_persons = status == BOS_HISTORY_OK;
  const char *new_name = name;
  char *key;

  key = g_strdup_printf ("%d, %s, %s", year, code, kind_name);
  if (!check_unique (self, key, key, error))
    return FALSE;

  if (*new_name == '\0')
    {
      new_name = g_hash_table_lookup (self->old_codes, code);
      if (new_name == NULL)
        new_name = g_hash_table_lookup (self->municipalities, code);
      if (new_name == NULL)
        new_name = "";
    }

  sqlite3_bind_int (statements->insert_row, 1, year);
  sqlite3_bind_text (statements->insert_row, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (statements->insert_row, 3, kind_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (statements->insert_row, 4, new_name, -1, SQLITE_STATIC);
  bind_int_or_null (statements->insert_row, 5, has_persons, persons);
  sqlite3_bind_text (statements->insert_row, 6, status_name, -1, SQLITE_STATIC);
  if (!import_exec (self, statements->insert_row, "settlement_history", error))
    return FALSE;
  if (self->last_changes > 0)
    {
      count_change (self, ROW_INSERTED);
      return TRUE;
    }

  /* The row exists: an empty name keeps the stored one. */
  sqlite3_bind_int (statements->update_row, 1, year);
  sqlite3_bind_text (statements->update_row, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (statements->update_row, 3, kind_name, -1, SQLITE_STATIC);
  bind_text_or_null (statements->update_row, 4, name);
  bind_int_or_null (statements->update_row, 5, has_persons, persons);
  sqlite3_bind_text (statements->update_row, 6, status_name, -1, SQLITE_STATIC);
  if (!import_exec (self, statements->update_row, "settlement_history", error))
    return FALSE;
  count_change (self, self->last_changes > 0 ? ROW_UPDATED : ROW_UNCHANGED);
  return TRUE;
}

enum {
  SH_YEAR,
  SH_CODE,
  SH_NAME,
  SH_KIND,
  SH_PERSONS,
  SH_STATUS,
};

static gboolean
import_history (Import  *self,
                GError **error)
{
  static const char * const expected[] = {
    "year", "code", "name", "kind", "persons", "status", NULL
  };
  HistoryStatements statements;

  if (read_header (self, expected, error) == NULL ||
      !prepare_history (self, &statements, error))
    return FALSE;

  for (;;)
    {
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *kind_text = NULL;
      g_autofree char *status_text = NULL;
      BosHistoryKind kind;
      BosHistoryStatus status;
      gboolean persons_empty;
      gint64 persons;
      int year;

      if (!import_next_row (self, error))
        return error == NULL || *error == NULL;
      self->stats.rows_read++;

      code = get_stripped (self->csv, SH_CODE);
      name = get_stripped (self->csv, SH_NAME);
      kind_text = get_stripped (self->csv, SH_KIND);
      status_text = get_stripped (self->csv, SH_STATUS);
      if (!get_year (self, SH_YEAR, &year, error) ||
          !check_known_code (self, SH_CODE, code, error))
        return FALSE;
      if (!bos_history_kind_from_string (kind_text, &kind))
        return bos_csv_set_error (self->csv, error, SH_KIND,
                                  "“%s” is not a kind of figure; expected “request”, “decision”, "
                                  "“settled” or “original_request”", kind_text);
      if (!get_count (self, SH_PERSONS, TRUE, &persons_empty, &persons, error))
        return FALSE;
      if (g_str_equal (status_text, "ok"))
        status = BOS_HISTORY_OK;
      else if (g_str_equal (status_text, "missing"))
        status = BOS_HISTORY_MISSING;
      else if (g_str_equal (status_text, "suppressed"))
        status = BOS_HISTORY_SUPPRESSED;
      else
        return bos_csv_set_error (self->csv, error, SH_STATUS,
                                  "“%s” is not a status; expected “ok”, “missing” or “suppressed”",
                                  status_text);
      if (status == BOS_HISTORY_OK && persons_empty)
        return bos_csv_set_error (self->csv, error, SH_PERSONS,
                                  "the status is “ok” but there is no number of persons");
      if (status != BOS_HISTORY_OK && !persons_empty)
        return bos_csv_set_error (self->csv, error, SH_PERSONS,
                                  "the status is “%s” but there is a number of persons (%" G_GINT64_FORMAT
                                  "); only “ok” figures have one", status_text, persons);

      if (!store_history_row (self, &statements, year, code, name, kind, status, persons, error))
        return FALSE;
    }
}

/* ---- IMDi's own export --------------------------------------------------- */

enum {
  IMDI_UNIT,
  IMDI_YEAR,
  IMDI_CODE,
  IMDI_NAME,
  IMDI_KIND,
  IMDI_COUNT,
};

static const struct
{
  const char     *label;
  BosHistoryKind  kind;
} imdi_kinds[] = {
  { "Anmodning om bosetting", BOS_HISTORY_REQUEST },
  { "Vedtak om bosetting",    BOS_HISTORY_DECISION },
  { "Faktisk bosetting",      BOS_HISTORY_SETTLED },
  { "Opprinnelig anmodning",  BOS_HISTORY_ORIGINAL_REQUEST },
};

/* "Moss (t.o.m. 2019)" → "Moss"; IMDi's disambiguations such as
 * "Våler (Østf.)" stay. */
static char *
imdi_clean_name (const char *label)
{
  g_autofree char *name = g_strstrip (g_strdup (label));
  char *open = strrchr (name, '(');

  if (open != NULL && g_str_has_suffix (name, ")") &&
      (g_str_has_prefix (open, "(t.o.m.") || g_str_has_prefix (open, "(f.o.m.") ||
       g_str_has_prefix (open, "(fra ") || g_str_has_prefix (open, "(til ")))
    {
      *open = '\0';
      g_strchomp (name);
    }
  return g_steal_pointer (&name);
}

static gboolean
import_imdi (Import  *self,
             GError **error)
{
  static const char * const expected[] = {
    "Enhet", "År", "Kommunenummer", "Kommune", "Bosetting", "Antall", NULL
  };
  HistoryStatements statements;

  if (read_header (self, expected, error) == NULL ||
      !prepare_history (self, &statements, error))
    return FALSE;

  for (;;)
    {
      g_autofree char *unit = NULL;
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *label = NULL;
      g_autofree char *count = NULL;
      BosHistoryStatus status;
      gint64 persons = 0;
      gboolean found = FALSE;
      BosHistoryKind kind = BOS_HISTORY_REQUEST;
      int year;

      if (!import_next_row (self, error))
        return error == NULL || *error == NULL;
      self->stats.rows_read++;

      unit = get_stripped (self->csv, IMDI_UNIT);
      if (g_str_equal (unit, "Prosent"))
        {
          /* Percentages of the request, not persons: never stored. */
          self->stats.rows_skipped++;
          continue;
        }
      if (!g_str_equal (unit, "Personer"))
        return bos_csv_set_error (self->csv, error, IMDI_UNIT,
                                  "“%s” is not a unit; expected “Personer” or “Prosent”", unit);

      code = get_stripped (self->csv, IMDI_CODE);
      if (!get_year (self, IMDI_YEAR, &year, error) ||
          !check_known_code (self, IMDI_CODE, code, error))
        return FALSE;
      name = imdi_clean_name (bos_csv_get_field (self->csv, IMDI_NAME));

      label = get_stripped (self->csv, IMDI_KIND);
      for (guint i = 0; i < G_N_ELEMENTS (imdi_kinds) && !found; i++)
        if (g_str_equal (label, imdi_kinds[i].label))
          {
            kind = imdi_kinds[i].kind;
            found = TRUE;
          }
      if (!found)
        return bos_csv_set_error (self->csv, error, IMDI_KIND,
                                  "“%s” is not a kind of settlement figure; expected “Anmodning om "
                                  "bosetting”, “Vedtak om bosetting”, “Faktisk bosetting” or "
                                  "“Opprinnelig anmodning”", label);

      count = get_stripped (self->csv, IMDI_COUNT);
      if (g_str_equal (count, ".") || *count == '\0')
        status = BOS_HISTORY_MISSING;
      else if (g_str_equal (count, ":"))
        status = BOS_HISTORY_SUPPRESSED;
      else
        {
          const char *digits = count[0] == '-' ? count + 1 : count;

          if (*digits == '\0' || strspn (digits, "0123456789") != strlen (digits))
            return bos_csv_set_error (self->csv, error, IMDI_COUNT,
                                      "“%s” is not a number of persons; expected a whole number, "
                                      "“.” (missing) or “:” (suppressed)", count);
          if (!get_count (self, IMDI_COUNT, FALSE, NULL, &persons, error))
            return FALSE;
          status = BOS_HISTORY_OK;
        }

      if (!store_history_row (self, &statements, year, code, name, kind, status, persons, error))
        return FALSE;
    }
}

/* ---- public API ---------------------------------------------------------- */

/**
 * bos_import_kind_from_string:
 * @name: "municipalities", "imdi", "history", "code-history" or
 *   "immigrant-share"
 *
 * Returns: %TRUE when @name is a kind of import, with @kind set
 */
gboolean
bos_import_kind_from_string (const char    *name,
                             BosImportKind *kind)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (name, kind_names[i].name) ||
        (kind_names[i].alias != NULL && g_str_equal (name, kind_names[i].alias)))
      {
        *kind = kind_names[i].kind;
        return TRUE;
      }
  return FALSE;
}

const char *
bos_import_kind_to_string (BosImportKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (kind_names[i].kind == kind)
      return kind_names[i].name;
  g_return_val_if_reached (NULL);
}

/* Imports @csv in one savepoint. The names of the tables that changed are
 * added to @tables (static strings). */
static gboolean
import_run (BosStore        *store,
            BosImportKind    kind,
            BosCsv          *csv,
            GCancellable    *cancellable,
            BosImportStats  *stats,
            GHashTable      *tables,
            GError         **error)
{
  Import self = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean ok = FALSE;

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);

  self.store = store;
  self.csv = csv;
  self.cancellable = cancellable;
  self.statements = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_finalize);
  self.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.tables = g_hash_table_ref (tables);

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error) ||
      !bos_store_begin (store, &local_error))
    goto out;

  if (load_codes (&self, &local_error))
    {
      switch (kind)
        {
        case BOS_IMPORT_MUNICIPALITIES:
          ok = import_municipalities (&self, &local_error);
          break;
        case BOS_IMPORT_IMDI:
          ok = import_imdi (&self, &local_error);
          break;
        case BOS_IMPORT_HISTORY:
          ok = import_history (&self, &local_error);
          break;
        case BOS_IMPORT_CODE_HISTORY:
          ok = import_code_history (&self, &local_error);
          break;
        case BOS_IMPORT_IMMIGRANT_SHARE:
          ok = import_immigrant_share (&self, &local_error);
          break;
        default:
          g_set_error (&local_error, BOS_ERROR, BOS_ERROR_INVALID,
                       "Unknown kind of import %d", (int) kind);
          break;
        }
    }

  /* Statements must be finalized before the savepoint is released. */
  g_clear_pointer (&self.statements, g_ptr_array_unref);

  if (ok)
    ok = bos_store_commit (store, &local_error);
  if (!ok)
    {
      bos_store_rollback (store);
      g_hash_table_remove_all (tables);
    }

out:
  if (ok)
    {
      if (stats != NULL)
        *stats = self.stats;
    }
  else
    {
      g_assert (local_error != NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  import_clear (&self);
  return ok;
}

static void
emit_changed (BosStore   *store,
              GHashTable *tables)
{
  GHashTableIter iter;
  gpointer table;

  g_hash_table_iter_init (&iter, tables);
  while (g_hash_table_iter_next (&iter, &table, NULL))
    bos_store_emit_changed (store, table);
}

static BosCsv *
open_file (BosImportKind   kind,
           const char     *path,
           GError        **error)
{
  if (kind == BOS_IMPORT_IMDI)
    return bos_csv_new_from_file (path, ';', BOS_CSV_ENCODING_UTF8_OR_LATIN1, error);
  return bos_csv_new_from_file (path, ',', BOS_CSV_ENCODING_UTF8, error);
}

/**
 * bos_import_csv:
 * @csv: a reader positioned before the header
 * @stats: (out caller-allocates) (optional): what the import did
 *
 * Imports @csv in one transaction (a savepoint, so inside a caller's
 * transaction it becomes part of it). On error nothing of the file is
 * stored and @error names the file, line and field. Emits
 * BosStore::changed for each table that changed, once the outermost
 * transaction is committed (inside a caller's transaction: not at all;
 * the caller tells views when it commits).
 *
 * Returns: %TRUE on success
 */
gboolean
bos_import_csv (BosStore        *store,
                BosImportKind    kind,
                BosCsv          *csv,
                BosImportStats  *stats,
                GError         **error)
{
  g_autoptr(GHashTable) tables = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tables = g_hash_table_new (g_str_hash, g_str_equal);
  if (!import_run (store, kind, csv, NULL, stats, tables, error))
    return FALSE;
  /* Tell views only when the change is really in the database, not while
   * a caller's transaction could still roll it back. */
  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    emit_changed (store, tables);
  return TRUE;
}

/**
 * bos_import_file:
 * @path: the file; IMDi exports may be UTF-8 (with or without BOM) or
 *   ISO-8859-1 and are separated by “;”, the other kinds are UTF-8 with “,”
 * @stats: (out caller-allocates) (optional): what the import did
 *
 * Reads @path and imports it with bos_import_csv().
 */
gboolean
bos_import_file (BosStore        *store,
                 BosImportKind    kind,
                 const char      *path,
                 BosImportStats  *stats,
                 GError         **error)
{
  g_autoptr(BosCsv) csv = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);

  csv = open_file (kind, path, error);
  if (csv == NULL)
    return FALSE;

  return bos_import_csv (store, kind, csv, stats, error);
}

/* ---- in a worker thread -------------------------------------------------- */

typedef struct
{
  char           *db_path;
  char           *path;
  BosImportKind   kind;
  BosImportStats  stats;
  GHashTable     *tables;
} ImportTask;

static void
import_task_free (gpointer data)
{
  ImportTask *task = data;

  g_free (task->db_path);
  g_free (task->path);
  g_clear_pointer (&task->tables, g_hash_table_unref);
  g_free (task);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *data = task_data;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosCsv) csv = NULL;
  GError *error = NULL;

  /* SQLite connections are used by one thread: the worker opens its own. */
  store = bos_store_open (data->db_path, BOS_STORE_OPEN_NONE, &error);
  if (store == NULL ||
      (csv = open_file (data->kind, data->path, &error)) == NULL ||
      !import_run (store, data->kind, csv, cancellable, &data->stats, data->tables, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * bos_import_file_async:
 * @store: the database to import into
 * @cancellable: (nullable): cancels the import (nothing is then stored)
 *
 * Like bos_import_file(), in a worker thread with its own connection to
 * @store's database, so the UI stays responsive. Finish with
 * bos_import_file_finish(), which emits BosStore::changed on @store.
 */
void
bos_import_file_async (BosStore            *store,
                       BosImportKind        kind,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTask *data;

  g_return_if_fail (BOS_IS_STORE (store));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportTask, 1);
  data->db_path = g_strdup (bos_store_get_path (store));
  data->path = g_strdup (path);
  data->kind = kind;
  data->tables = g_hash_table_new (g_str_hash, g_str_equal);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, bos_import_file_async);
  g_task_set_task_data (task, data, import_task_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * bos_import_file_finish:
 * @stats: (out caller-allocates) (optional): what the import did
 *
 * Returns: %TRUE when the file was imported; %FALSE with @error set
 *   otherwise, and then nothing of it is stored
 */
gboolean
bos_import_file_finish (BosStore        *store,
                        GAsyncResult    *result,
                        BosImportStats  *stats,
                        GError         **error)
{
  ImportTask *data;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bos_import_file_async, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = data->stats;
  emit_changed (store, data->tables);
  return TRUE;
}
