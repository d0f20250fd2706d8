/* bos-municipality-index.c: today's municipalities by code, for lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bos-municipality-index"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-municipality-index.h"

struct _BosMunicipalityIndex
{
  GArray     *municipalities;  /* of BosMunicipalityInfo, code order */
  GHashTable *positions;       /* code → position + 1 */
  GPtrArray  *county_codes;    /* code order */
  GHashTable *county_names;    /* county code → name */
  GHashTable *former;          /* former code → "name|successor, successor" */
};

static void
info_clear (gpointer data)
{
  BosMunicipalityInfo *info = data;

  g_free (info->name);
  g_free (info->county_name);
  g_free (info->language_form);
}

void
bos_municipality_index_free (BosMunicipalityIndex *index)
{
  if (index == NULL)
    return;
  g_clear_pointer (&index->municipalities, g_array_unref);
  g_clear_pointer (&index->positions, g_hash_table_unref);
  g_clear_pointer (&index->county_codes, g_ptr_array_unref);
  g_clear_pointer (&index->county_names, g_hash_table_unref);
  g_clear_pointer (&index->former, g_hash_table_unref);
  g_free (index);
}

/**
 * bos_municipality_index_load:
 *
 * Returns: (transfer full): the index, or %NULL with @error set
 */
BosMunicipalityIndex *
bos_municipality_index_load (BosStore  *store,
                             GError   **error)
{
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  index = g_new0 (BosMunicipalityIndex, 1);
  index->municipalities = g_array_new (FALSE, TRUE, sizeof (BosMunicipalityInfo));
  g_array_set_clear_func (index->municipalities, info_clear);
  index->positions = g_hash_table_new (g_str_hash, g_str_equal);
  index->county_codes = g_ptr_array_new_with_free_func (g_free);
  index->county_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  index->former = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stmt = bos_store_prepare (store,
                            "SELECT m.code, m.name, m.county_code, ifnull (c.name, ''), m.language_form "
                            "FROM municipality m LEFT JOIN county c ON c.code = m.county_code "
                            "ORDER BY m.code",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BosMunicipalityInfo info = { { 0 } };
      const char *county_code = bos_sqlite_text (stmt, 2);

      g_strlcpy (info.code, bos_sqlite_text (stmt, 0), sizeof info.code);
      info.name = g_strdup (bos_sqlite_text (stmt, 1));
      g_strlcpy (info.county_code, county_code, sizeof info.county_code);
      info.county_name = g_strdup (bos_sqlite_text (stmt, 3));
      info.language_form = g_strdup (bos_sqlite_text (stmt, 4));
      g_array_append_val (index->municipalities, info);
      if (!g_hash_table_contains (index->county_names, county_code))
        g_hash_table_insert (index->county_names, g_strdup (county_code),
                             g_strdup (bos_sqlite_text (stmt, 3)));
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the municipalities"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < index->municipalities->len; i++)
    {
      BosMunicipalityInfo *info = &g_array_index (index->municipalities, BosMunicipalityInfo, i);

      g_hash_table_insert (index->positions, info->code, GUINT_TO_POINTER (i + 1));
    }

  stmt = bos_store_prepare (store, "SELECT code FROM county ORDER BY code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (index->county_codes, g_strdup (bos_sqlite_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the counties"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bos_store_prepare (store,
                            "SELECT old_code, old_name, group_concat (code_2024, ', ') "
                            "FROM (SELECT old_code, old_name, code_2024 FROM code_history "
                            "      ORDER BY old_code, code_2024) "
                            "GROUP BY old_code",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (index->former, g_strdup (bos_sqlite_text (stmt, 0)),
                         g_strdup_printf ("%s|%s", bos_sqlite_text (stmt, 1),
                                          bos_sqlite_text (stmt, 2)));
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the municipality code history"));
      return NULL;
    }

  return g_steal_pointer (&index);
}

guint
bos_municipality_index_get_n (BosMunicipalityIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->municipalities->len;
}

const BosMunicipalityInfo *
bos_municipality_index_get (BosMunicipalityIndex *index,
                            guint                 position)
{
  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (position < index->municipalities->len, NULL);
  return &g_array_index (index->municipalities, BosMunicipalityInfo, position);
}

int
bos_municipality_index_find (BosMunicipalityIndex *index,
                             const char           *code)
{
  g_return_val_if_fail (index != NULL, -1);
  g_return_val_if_fail (code != NULL, -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (index->positions, code)) - 1;
}

const BosMunicipalityInfo *
bos_municipality_index_lookup (BosMunicipalityIndex *index,
                               const char           *code)
{
  int position = bos_municipality_index_find (index, code);

  if (position < 0)
    return NULL;
  return &g_array_index (index->municipalities, BosMunicipalityInfo, position);
}

guint
bos_municipality_index_get_n_counties (BosMunicipalityIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->county_codes->len;
}

const char *
bos_municipality_index_get_county_code (BosMunicipalityIndex *index,
                                        guint                 position)
{
  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (position < index->county_codes->len, NULL);
  return g_ptr_array_index (index->county_codes, position);
}

const char *
bos_municipality_index_get_county_name (BosMunicipalityIndex *index,
                                        const char           *county_code)
{
  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (county_code != NULL, NULL);
  return g_hash_table_lookup (index->county_names, county_code);
}

static gboolean
is_digits (const char *code,
           gsize       n)
{
  if (strlen (code) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

gboolean
bos_municipality_index_check_code (BosMunicipalityIndex  *index,
                                   const char            *code,
                                   char                 **problem)
{
  const char *former;

  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (g_hash_table_contains (index->positions, code))
    return TRUE;
  if (problem == NULL)
    return FALSE;

  if (*code == '\0')
    *problem = g_strdup (_("a municipality number is required, the field is empty"));
  else if (is_digits (code, 3))
    *problem = g_strdup_printf (_("“%s” is not a municipality number: it needs four digits "
                                  "(did a spreadsheet drop the leading zero? write 0%s)"),
                                code, code);
  else if (!is_digits (code, 4))
    *problem = g_strdup_printf (_("“%s” is not a municipality number (four digits, e.g. 0301)"),
                                code);
  else if ((former = g_hash_table_lookup (index->former, code)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (former, "|", 2);

      if (parts[1] == NULL || *parts[1] == '\0')
        *problem = g_strdup_printf (_("%s (%s) is a former municipality number that belongs to "
                                      "no municipality of today"), code, parts[0]);
      else
        *problem = g_strdup_printf (_("%s (%s) is a former municipality number; use today's "
                                      "number %s"), code, parts[0], parts[1]);
    }
  else
    *problem = g_strdup_printf (_("unknown municipality number “%s”: it is not one of today's "
                                  "municipalities"), code);
  return FALSE;
}
