/* bos-history.c: a municipality's settlement history under today's code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See bos-history.h for how recorded codes are attributed to today's
 * municipalities. The mapping (a few hundred codes) is read once per call
 * and applied in C, so the totals of all 357 municipalities take one query
 * over the settlement history.
 */
#define G_LOG_DOMAIN "bos-history"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bos-error.h"
#include "bos-history.h"

static const char * const kind_names[BOS_HISTORY_N_KINDS] = {
  [BOS_HISTORY_REQUEST] = "request",
  [BOS_HISTORY_DECISION] = "decision",
  [BOS_HISTORY_SETTLED] = "settled",
  [BOS_HISTORY_ORIGINAL_REQUEST] = "original_request",
};

typedef struct
{
  char   code[8];
  double share;   /* as recorded */
} Successor;

/* A recorded code's successors, ordered by share (larger first), then
 * code: the order in which remainders are given out. */
typedef struct
{
  GArray *successors;   /* of Successor */
  double  share_sum;
} Mapping;

/* The figure of one municipality, year and kind, while it is collected. */
typedef struct
{
  gint64 persons;
  guint  n_ok;
  guint  n_suppressed;
} Cell;

struct _BosHistoryTotals
{
  int         first_year;
  int         last_year;
  GHashTable *totals;   /* code → BosHistoryTotal[n_years * BOS_HISTORY_N_KINDS] */
};

const char *
bos_history_kind_to_string (BosHistoryKind kind)
{
  g_return_val_if_fail (kind < BOS_HISTORY_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
bos_history_kind_from_string (const char     *name,
                              BosHistoryKind *kind)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < BOS_HISTORY_N_KINDS; i++)
    if (g_str_equal (name, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
bos_history_status_to_string (BosHistoryStatus status)
{
  switch (status)
    {
    case BOS_HISTORY_OK:
      return "ok";
    case BOS_HISTORY_MISSING:
      return "missing";
    case BOS_HISTORY_SUPPRESSED:
      return "suppressed";
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
status_from_string (const char       *name,
                    BosHistoryStatus *status)
{
  if (g_str_equal (name, "ok"))
    *status = BOS_HISTORY_OK;
  else if (g_str_equal (name, "suppressed"))
    *status = BOS_HISTORY_SUPPRESSED;
  else if (g_str_equal (name, "missing"))
    *status = BOS_HISTORY_MISSING;
  else
    return FALSE;
  return TRUE;
}

const char *
bos_history_total_status_to_string (BosHistoryTotalStatus status)
{
  switch (status)
    {
    case BOS_HISTORY_TOTAL_OK:
      return "ok";
    case BOS_HISTORY_TOTAL_PARTIAL:
      return "partial";
    case BOS_HISTORY_TOTAL_SUPPRESSED:
      return "suppressed";
    case BOS_HISTORY_TOTAL_MISSING:
      return "missing";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * bos_history_total_add:
 * @sum: a total, BOS_HISTORY_TOTAL_INIT to start with
 * @part: the total to add
 *
 * Adds @part's persons and combines the statuses: OK when all parts are
 * OK, MISSING when all are MISSING, SUPPRESSED when all are SUPPRESSED or
 * MISSING, PARTIAL otherwise.
 */
void
bos_history_total_add (BosHistoryTotal       *sum,
                       const BosHistoryTotal *part)
{
  BosHistoryTotalStatus a, b;

  g_return_if_fail (sum != NULL);
  g_return_if_fail (part != NULL);

  sum->persons += part->persons;
  if (sum->n_parts == 0)
    {
      sum->status = part->status;
      sum->n_parts = 1;
      return;
    }
  sum->n_parts++;

  a = sum->status;
  b = part->status;
  if (a == b)
    return;
  if ((a == BOS_HISTORY_TOTAL_MISSING || a == BOS_HISTORY_TOTAL_SUPPRESSED) &&
      (b == BOS_HISTORY_TOTAL_MISSING || b == BOS_HISTORY_TOTAL_SUPPRESSED))
    sum->status = BOS_HISTORY_TOTAL_SUPPRESSED;
  else
    sum->status = BOS_HISTORY_TOTAL_PARTIAL;
}

static void
mapping_free (gpointer data)
{
  Mapping *mapping = data;

  g_array_unref (mapping->successors);
  g_free (mapping);
}

static int
compare_successors (gconstpointer a,
                    gconstpointer b)
{
  const Successor *x = a;
  const Successor *y = b;

  if (x->share != y->share)
    return x->share > y->share ? -1 : 1;
  return strcmp (x->code, y->code);
}

static Mapping *
mapping_ensure (GHashTable *mappings,
                const char *code)
{
  Mapping *mapping = g_hash_table_lookup (mappings, code);

  if (mapping == NULL)
    {
      mapping = g_new0 (Mapping, 1);
      mapping->successors = g_array_new (FALSE, FALSE, sizeof (Successor));
      g_hash_table_insert (mappings, g_strdup (code), mapping);
    }
  return mapping;
}

/* Returns: recorded code → Mapping, for every code in the code history
 * (9999 with no successors) and every municipality of today. When
 * @municipalities is given, it is filled with today's code → county code. */
static GHashTable *
load_mappings (BosStore    *store,
               GHashTable  *municipalities,
               GError     **error)
{
  g_autoptr(GHashTable) mappings = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer value;
  int rc;

  mappings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, mapping_free);

  stmt = bos_store_prepare (store,
                            "SELECT old_code, code_2024, share FROM code_history "
                            "WHERE code_2024 IN (SELECT code FROM municipality) OR code_2024 IS NULL",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Mapping *mapping = mapping_ensure (mappings, bos_sqlite_text (stmt, 0));
      Successor successor = { { 0 }, 1.0 };

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      g_strlcpy (successor.code, bos_sqlite_text (stmt, 1), sizeof successor.code);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        successor.share = sqlite3_column_double (stmt, 2);
      g_array_append_val (mapping->successors, successor);
      mapping->share_sum += successor.share;
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, "Could not read the municipality code history");
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bos_store_prepare (store, "SELECT code, county_code FROM municipality", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = bos_sqlite_text (stmt, 0);

      if (municipalities != NULL)
        g_hash_table_insert (municipalities, g_strdup (code),
                             g_strdup (bos_sqlite_text (stmt, 1)));
      if (!g_hash_table_contains (mappings, code))
        {
          Mapping *mapping = mapping_ensure (mappings, code);
          Successor successor = { { 0 }, 1.0 };

          g_strlcpy (successor.code, code, sizeof successor.code);
          g_array_append_val (mapping->successors, successor);
          mapping->share_sum = 1.0;
        }
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, "Could not read the municipalities");
      return NULL;
    }

  g_hash_table_iter_init (&iter, mappings);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Mapping *mapping = value;

      g_array_sort (mapping->successors, compare_successors);
    }

  return g_steal_pointer (&mappings);
}

/* Splits @persons among @mapping's successors by largest remainder, in
 * proportion to their shares (normalised, so they always add up): @parts
 * gets one number per successor, in the mapping's order, adding up to
 * @persons exactly. */
static void
apportion (const Mapping *mapping,
           gint64         persons,
           gint64        *parts)
{
  guint n = mapping->successors->len;
  g_autofree double *remainders = NULL;
  g_autofree guint *order = NULL;
  gint64 given = 0;

  if (n == 1)
    {
      parts[0] = persons;
      return;
    }

  remainders = g_new (double, n);
  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      const Successor *successor = &g_array_index (mapping->successors, Successor, i);
      double quota = (double) persons * successor->share / mapping->share_sum;
      /* A quota that should be whole (0.5 × 20) may come out as 9.9999…. */
      double whole = floor (quota + 1e-9);

      parts[i] = (gint64) whole;
      remainders[i] = quota - whole;
      given += parts[i];
      order[i] = i;
    }

  /* The successors are ordered by share, then code, so a stable sort on the
   * remainder alone breaks ties as documented. Insertion sort: n is 2 or 3. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && remainders[order[j]] > remainders[order[j - 1]] + 1e-9; j--)
      {
        guint tmp = order[j];
        order[j] = order[j - 1];
        order[j - 1] = tmp;
      }

  for (guint i = 0; given < persons; i = (i + 1) % n)
    {
      parts[order[i]]++;
      given++;
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const BosHistoryEntry *x = a;
  const BosHistoryEntry *y = b;

  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return strcmp (x->source_code, y->source_code);
}

static gboolean
not_a_municipality_error (BosStore    *store,
                          const char  *code,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) successors = g_string_new (NULL);
  g_autofree char *old_name = NULL;

  stmt = bos_store_prepare (store,
                            "SELECT old_name, code_2024, ifnull (m.name, '') FROM code_history "
                            "LEFT JOIN municipality m ON m.code = code_2024 "
                            "WHERE old_code = ? ORDER BY code_2024",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (old_name == NULL)
        old_name = g_strdup (bos_sqlite_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      if (successors->len > 0)
        g_string_append (successors, " and ");
      g_string_append_printf (successors, "%s %s", bos_sqlite_text (stmt, 1),
                              bos_sqlite_text (stmt, 2));
    }

  if (old_name == NULL)
    g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                 "There is no municipality with the number “%s”", code);
  else if (successors->len == 0)
    g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                 "%s (%s) is a former municipality number that belongs to no municipality of today",
                 code, old_name);
  else
    g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                 "%s (%s) is a former municipality number; its history is shown under %s",
                 code, old_name, successors->str);
  return FALSE;
}

/**
 * bos_history_for_municipality:
 * @code: a municipality of today, e.g. "3101"
 *
 * Every settlement figure attributed to @code: those recorded under it and
 * under each former code that maps to it, split figures apportioned.
 *
 * Returns: (transfer full) (element-type BosHistoryEntry): ordered by
 *   year, kind and source code, or %NULL with @error set
 */
GArray *
bos_history_for_municipality (BosStore    *store,
                              const char  *code,
                              GError     **error)
{
  g_autoptr(GHashTable) mappings = NULL;
  g_autoptr(GHashTable) municipalities = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) entries = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  municipalities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  mappings = load_mappings (store, municipalities, error);
  if (mappings == NULL)
    return NULL;
  if (!g_hash_table_contains (municipalities, code))
    {
      not_a_municipality_error (store, code, error);
      return NULL;
    }

  stmt = bos_store_prepare (store,
                            "SELECT year, kind, persons, status FROM settlement_history "
                            "WHERE code = ?",
                            error);
  if (stmt == NULL)
    return NULL;

  entries = g_array_new (FALSE, FALSE, sizeof (BosHistoryEntry));

  /* Each recorded code whose successors include @code, once. */
  g_hash_table_iter_init (&iter, mappings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Mapping *mapping = value;
      g_autofree gint64 *parts = NULL;
      int index = -1;
      int rc;

      for (guint i = 0; i < mapping->successors->len; i++)
        if (g_str_equal (g_array_index (mapping->successors, Successor, i).code, code))
          index = i;
      if (index < 0)
        continue;

      parts = g_new (gint64, mapping->successors->len);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          BosHistoryEntry entry = { 0 };

          entry.year = sqlite3_column_int (stmt, 0);
          if (!bos_history_kind_from_string (bos_sqlite_text (stmt, 1), &entry.kind) ||
              !status_from_string (bos_sqlite_text (stmt, 3), &entry.status))
            continue;
          g_strlcpy (entry.source_code, key, sizeof entry.source_code);
          entry.share = g_array_index (mapping->successors, Successor, index).share;
          if (entry.status == BOS_HISTORY_OK)
            {
              apportion (mapping, sqlite3_column_int64 (stmt, 2), parts);
              entry.persons = parts[index];
            }
          g_array_append_val (entries, entry);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          bos_store_set_error (store, error, "Could not read the settlement history");
          return NULL;
        }
    }

  g_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

/* ---- totals -------------------------------------------------------------- */

static guint
n_years (BosHistoryTotals *totals)
{
  return (guint) (totals->last_year - totals->first_year + 1);
}

static BosHistoryTotal *
totals_new_row (BosHistoryTotals *totals,
                const char       *code)
{
  guint n = n_years (totals) * BOS_HISTORY_N_KINDS;
  BosHistoryTotal *row = g_new (BosHistoryTotal, n);
  const BosHistoryTotal empty = BOS_HISTORY_TOTAL_INIT;

  for (guint i = 0; i < n; i++)
    row[i] = empty;
  g_hash_table_insert (totals->totals, g_strdup (code), row);
  return row;
}

static BosHistoryTotals *
totals_new (int first_year,
            int last_year)
{
  BosHistoryTotals *totals = g_new0 (BosHistoryTotals, 1);

  totals->first_year = first_year;
  totals->last_year = last_year;
  totals->totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return totals;
}

/* The municipality totals, and today's code → county code in
 * @municipalities. */
static BosHistoryTotals *
collect_municipalities (BosStore    *store,
                        int          first_year,
                        int          last_year,
                        GHashTable  *municipalities,
                        GError     **error)
{
  g_autoptr(BosHistoryTotals) totals = NULL;
  g_autoptr(GHashTable) mappings = NULL;
  g_autoptr(GHashTable) cells = NULL;   /* code → Cell[n_years * N_KINDS] */
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree gint64 *parts = NULL;
  guint n_cells, max_successors = 1;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  mappings = load_mappings (store, municipalities, error);
  if (mappings == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, mappings);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    max_successors = MAX (max_successors, ((Mapping *) value)->successors->len);
  parts = g_new (gint64, max_successors);

  totals = totals_new (first_year, last_year);
  n_cells = n_years (totals) * BOS_HISTORY_N_KINDS;
  cells = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_iter_init (&iter, municipalities);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_insert (cells, key, g_new0 (Cell, n_cells));

  stmt = bos_store_prepare (store,
                            "SELECT year, kind, persons, status, code FROM settlement_history "
                            "WHERE year BETWEEN ?1 AND ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, first_year);
  sqlite3_bind_int (stmt, 2, last_year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const Mapping *mapping = g_hash_table_lookup (mappings, bos_sqlite_text (stmt, 4));
      BosHistoryKind kind;
      BosHistoryStatus status;
      guint index;

      if (mapping == NULL || mapping->successors->len == 0 ||
          !bos_history_kind_from_string (bos_sqlite_text (stmt, 1), &kind) ||
          !status_from_string (bos_sqlite_text (stmt, 3), &status) ||
          status == BOS_HISTORY_MISSING)
        continue;

      index = (sqlite3_column_int (stmt, 0) - first_year) * BOS_HISTORY_N_KINDS + kind;
      if (status == BOS_HISTORY_OK)
        apportion (mapping, sqlite3_column_int64 (stmt, 2), parts);
      for (guint i = 0; i < mapping->successors->len; i++)
        {
          Cell *row = g_hash_table_lookup (cells, g_array_index (mapping->successors, Successor, i).code);

          if (row == NULL)
            continue;
          if (status == BOS_HISTORY_OK)
            {
              row[index].persons += parts[i];
              row[index].n_ok++;
            }
          else
            row[index].n_suppressed++;
        }
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, "Could not read the settlement history");
      return NULL;
    }

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Cell *cell = value;
      BosHistoryTotal *row = totals_new_row (totals, key);

      for (guint i = 0; i < n_cells; i++)
        {
          row[i].persons = cell[i].persons;
          row[i].n_parts = 1;
          if (cell[i].n_ok > 0)
            row[i].status = cell[i].n_suppressed > 0 ? BOS_HISTORY_TOTAL_PARTIAL : BOS_HISTORY_TOTAL_OK;
          else
            row[i].status = cell[i].n_suppressed > 0 ? BOS_HISTORY_TOTAL_SUPPRESSED : BOS_HISTORY_TOTAL_MISSING;
        }
    }

  return g_steal_pointer (&totals);
}

static gboolean
check_years (int      first_year,
             int      last_year,
             GError **error)
{
  if (first_year < 1990 || last_year > 2200 || first_year > last_year)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "The years %d–%d are not a range within 1990–2200", first_year, last_year);
      return FALSE;
    }
  return TRUE;
}

/**
 * bos_history_totals_new_for_municipalities:
 *
 * Reads the settlement figures of @first_year..@last_year for all of
 * today's municipalities at once (see bos-history.h for the statuses).
 *
 * Returns: (transfer full): the totals, or %NULL with @error set
 */
BosHistoryTotals *
bos_history_totals_new_for_municipalities (BosStore  *store,
                                           int        first_year,
                                           int        last_year,
                                           GError   **error)
{
  g_autoptr(GHashTable) municipalities = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_years (first_year, last_year, error))
    return NULL;
  municipalities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return collect_municipalities (store, first_year, last_year, municipalities, error);
}

/**
 * bos_history_totals_new_for_counties:
 *
 * Like bos_history_totals_new_for_municipalities(), summed per county
 * (keyed by county code) and for the whole country (BOS_HISTORY_NATIONAL).
 *
 * Returns: (transfer full): the totals, or %NULL with @error set
 */
BosHistoryTotals *
bos_history_totals_new_for_counties (BosStore  *store,
                                     int        first_year,
                                     int        last_year,
                                     GError   **error)
{
  g_autoptr(GHashTable) municipalities = NULL;
  g_autoptr(BosHistoryTotals) per_municipality = NULL;
  g_autoptr(BosHistoryTotals) totals = NULL;
  g_autoptr(GList) codes = NULL;
  BosHistoryTotal *national;
  guint n_cells;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_years (first_year, last_year, error))
    return NULL;
  municipalities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  per_municipality = collect_municipalities (store, first_year, last_year, municipalities, error);
  if (per_municipality == NULL)
    return NULL;

  totals = totals_new (first_year, last_year);
  n_cells = n_years (totals) * BOS_HISTORY_N_KINDS;
  national = totals_new_row (totals, BOS_HISTORY_NATIONAL);

  /* In code order, so the result never depends on hash order. */
  codes = g_list_sort (g_hash_table_get_keys (municipalities), (GCompareFunc) g_strcmp0);
  for (GList *l = codes; l != NULL; l = l->next)
    {
      const char *code = l->data;
      const char *county = g_hash_table_lookup (municipalities, code);
      const BosHistoryTotal *row = g_hash_table_lookup (per_municipality->totals, code);
      BosHistoryTotal *county_row = g_hash_table_lookup (totals->totals, county);

      if (county_row == NULL)
        county_row = totals_new_row (totals, county);
      for (guint i = 0; i < n_cells; i++)
        {
          bos_history_total_add (&county_row[i], &row[i]);
          bos_history_total_add (&national[i], &row[i]);
        }
    }

  return g_steal_pointer (&totals);
}

void
bos_history_totals_free (BosHistoryTotals *totals)
{
  if (totals == NULL)
    return;
  g_hash_table_unref (totals->totals);
  g_free (totals);
}

int
bos_history_totals_get_first_year (BosHistoryTotals *totals)
{
  g_return_val_if_fail (totals != NULL, 0);
  return totals->first_year;
}

int
bos_history_totals_get_last_year (BosHistoryTotals *totals)
{
  g_return_val_if_fail (totals != NULL, 0);
  return totals->last_year;
}

gboolean
bos_history_totals_contains (BosHistoryTotals *totals,
                             const char       *code)
{
  g_return_val_if_fail (totals != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  return g_hash_table_contains (totals->totals, code);
}

BosHistoryTotal
bos_history_totals_get (BosHistoryTotals *totals,
                        const char       *code,
                        BosHistoryKind    kind,
                        int               year)
{
  const BosHistoryTotal empty = BOS_HISTORY_TOTAL_INIT;
  const BosHistoryTotal *row;

  g_return_val_if_fail (totals != NULL, empty);
  g_return_val_if_fail (code != NULL, empty);
  g_return_val_if_fail (kind < BOS_HISTORY_N_KINDS, empty);

  row = g_hash_table_lookup (totals->totals, code);
  if (row == NULL || year < totals->first_year || year > totals->last_year)
    return empty;
  return row[(year - totals->first_year) * BOS_HISTORY_N_KINDS + kind];
}

BosHistoryTotal
bos_history_totals_sum (BosHistoryTotals *totals,
                        const char       *code,
                        BosHistoryKind    kind,
                        int               first_year,
                        int               last_year)
{
  BosHistoryTotal sum = BOS_HISTORY_TOTAL_INIT;

  g_return_val_if_fail (totals != NULL, sum);
  g_return_val_if_fail (code != NULL, sum);
  g_return_val_if_fail (kind < BOS_HISTORY_N_KINDS, sum);

  if (!g_hash_table_contains (totals->totals, code))
    return sum;
  for (int year = MAX (first_year, totals->first_year);
       year <= MIN (last_year, totals->last_year);
       year++)
    {
      BosHistoryTotal part = bos_history_totals_get (totals, code, kind, year);

      bos_history_total_add (&sum, &part);
    }
  return sum;
}

double
bos_history_totals_acceptance_ratio (BosHistoryTotals *totals,
                                     const char       *code,
                                     int               first_year,
                                     int               last_year)
{
  gint64 requests = 0, decisions = 0;
  guint n_years_used = 0;

  g_return_val_if_fail (totals != NULL, NAN);
  g_return_val_if_fail (code != NULL, NAN);

  for (int year = MAX (first_year, totals->first_year);
       year <= MIN (last_year, totals->last_year);
       year++)
    {
      BosHistoryTotal request = bos_history_totals_get (totals, code, BOS_HISTORY_REQUEST, year);
      BosHistoryTotal decision = bos_history_totals_get (totals, code, BOS_HISTORY_DECISION, year);

      if (request.status != BOS_HISTORY_TOTAL_OK || decision.status != BOS_HISTORY_TOTAL_OK)
        continue;
      requests += request.persons;
      decisions += decision.persons;
      n_years_used++;
    }
  if (n_years_used == 0 || requests == 0)
    return NAN;
  return (double) decisions / (double) requests;
}
