/* bos-municipality.c: a municipality of today with its settlement summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The municipality table and the county overview show, for every
 * municipality of the 2024 structure, its latest population and the
 * request, decision and settled figures of the last few years with data.
 * The whole list is read in three queries: the municipalities, the years
 * with data, and their totals from bos_history_totals_new_for_municipalities()
 * (figures under former codes mapped to today's municipality, split ones
 * apportioned), so the tables, the detail and the CLI agree.
 */
#define G_LOG_DOMAIN "bos-municipality"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-error.h"
#include "bos-municipality.h"

struct _BosMunicipality
{
  GObject    parent_instance;

  char      *code;
  char      *name;
  char      *county_code;
  char      *county_name;
  gint64     population;
  int        population_year;
  double     area;
  char      *admin_centre;
  char      *language_form;
  double     acceptance_ratio;

  GArray          *years;     /* int, oldest first; shared by the whole list */
  BosHistoryTotal *figures;   /* years->len × BOS_HISTORY_N_KINDS */

  char      *name_folded;
  char      *name_collate_key;
};

G_DEFINE_FINAL_TYPE (BosMunicipality, bos_municipality, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_COUNTY_CODE,
  PROP_COUNTY_NAME,
  PROP_POPULATION,
  PROP_POPULATION_YEAR,
  PROP_AREA,
  PROP_ADMIN_CENTRE,
  PROP_LANGUAGE_FORM,
  PROP_ACCEPTANCE_RATIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static BosMunicipality *
municipality_from_row (sqlite3_stmt *stmt,
                       GArray       *years)
{
  BosMunicipality *self = g_object_new (BOS_TYPE_MUNICIPALITY, NULL);

  self->code = g_strdup (bos_sqlite_text (stmt, 0));
  self->name = g_strdup (bos_sqlite_text (stmt, 1));
  self->county_code = g_strdup (bos_sqlite_text (stmt, 2));
  self->county_name = g_strdup (bos_sqlite_text (stmt, 3));
  self->area = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 4);
  self->admin_centre = g_strdup (bos_sqlite_text (stmt, 5));
  self->language_form = g_strdup (bos_sqlite_text (stmt, 6));
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    {
      self->population_year = sqlite3_column_int (stmt, 7);
      self->population = sqlite3_column_int64 (stmt, 8);
    }
  else
    self->population = -1;

  self->years = g_array_ref (years);
  self->figures = g_new (BosHistoryTotal, MAX (years->len, 1) * BOS_HISTORY_N_KINDS);
  for (guint i = 0; i < years->len * BOS_HISTORY_N_KINDS; i++)
    self->figures[i] = (BosHistoryTotal) BOS_HISTORY_TOTAL_INIT;

  self->name_folded = bos_municipality_fold_query (self->name);
  self->name_collate_key = g_utf8_collate_key (self->name, -1);
  return self;
}

static GArray *
load_summary_years (BosStore  *store,
                    guint      n_years,
                    GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  stmt = bos_store_prepare (store,
                            "SELECT DISTINCT year FROM settlement_history "
                            "WHERE status = 'ok' AND kind IN ('request', 'decision', 'settled') "
                            "ORDER BY year DESC LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) n_years);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_array_prepend_val (years, year);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the years of the settlement history"));
      return NULL;
    }
  return g_steal_pointer (&years);
}

static gboolean
load_summary (BosStore    *store,
              GPtrArray   *municipalities,
              GArray      *years,
              GError     **error)
{
  g_autoptr(BosHistoryTotals) totals = NULL;
  int first, last;

  if (years->len == 0)
    return TRUE;

  first = g_array_index (years, int, 0);
  last = g_array_index (years, int, years->len - 1);
  totals = bos_history_totals_new_for_municipalities (store, first, last, error);
  if (totals == NULL)
    return FALSE;

  for (guint i = 0; i < municipalities->len; i++)
    {
      BosMunicipality *municipality = g_ptr_array_index (municipalities, i);

      for (guint y = 0; y < years->len; y++)
        for (guint k = 0; k < BOS_HISTORY_N_KINDS; k++)
          municipality->figures[y * BOS_HISTORY_N_KINDS + k] =
            bos_history_totals_get (totals, municipality->code, k, g_array_index (years, int, y));
      municipality->acceptance_ratio =
        bos_history_totals_acceptance_ratio (totals, municipality->code, first, last);
    }
  return TRUE;
}

static GPtrArray *
load_municipalities (BosStore    *store,
                     const char  *only_code,
                     guint        n_years,
                     GArray     **years_out,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) municipalities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) years = NULL;
  int rc;

  years = load_summary_years (store, n_years, error);
  if (years == NULL)
    return NULL;

  stmt = bos_store_prepare (store,
                            "SELECT m.code, m.name, m.county_code, c.name, m.area_km2, "
                            "  m.admin_centre, m.language_form, p.year, p.persons "
                            "FROM municipality m JOIN county c ON c.code = m.county_code "
                            "LEFT JOIN population p ON p.code = m.code AND p.year = "
                            "  (SELECT max (year) FROM population WHERE code = m.code) "
                            "WHERE ?1 IS NULL OR m.code = ?1 "
                            "ORDER BY m.code",
                            error);
  if (stmt == NULL)
    return NULL;
  if (only_code != NULL)
    sqlite3_bind_text (stmt, 1, only_code, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (municipalities, municipality_from_row (stmt, years));
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the municipalities"));
      return NULL;
    }

  if (!load_summary (store, municipalities, years, error))
    return NULL;

  if (years_out != NULL)
    *years_out = g_steal_pointer (&years);
  return g_steal_pointer (&municipalities);
}

static void
bos_municipality_finalize (GObject *object)
{
  BosMunicipality *self = (BosMunicipality *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->county_code, g_free);
  g_clear_pointer (&self->county_name, g_free);
  g_clear_pointer (&self->admin_centre, g_free);
  g_clear_pointer (&self->language_form, g_free);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->figures, g_free);
  g_clear_pointer (&self->name_folded, g_free);
  g_clear_pointer (&self->name_collate_key, g_free);

  G_OBJECT_CLASS (bos_municipality_parent_class)->finalize (object);
}

static void
bos_municipality_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BosMunicipality *self = BOS_MUNICIPALITY (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COUNTY_CODE:
      g_value_set_string (value, self->county_code);
      break;
    case PROP_COUNTY_NAME:
      g_value_set_string (value, self->county_name);
      break;
    case PROP_POPULATION:
      g_value_set_int64 (value, self->population);
      break;
    case PROP_POPULATION_YEAR:
      g_value_set_int (value, self->population_year);
      break;
    case PROP_AREA:
      g_value_set_double (value, self->area);
      break;
    case PROP_ADMIN_CENTRE:
      g_value_set_string (value, self->admin_centre);
      break;
    case PROP_LANGUAGE_FORM:
      g_value_set_string (value, self->language_form);
      break;
    case PROP_ACCEPTANCE_RATIO:
      g_value_set_double (value, self->acceptance_ratio);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_municipality_class_init (BosMunicipalityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bos_municipality_finalize;
  object_class->get_property = bos_municipality_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COUNTY_CODE] =
    g_param_spec_string ("county-code", NULL, NULL, NULL, flags);
  properties[PROP_COUNTY_NAME] =
    g_param_spec_string ("county-name", NULL, NULL, NULL, flags);
  /* -1 when no population is recorded */
  properties[PROP_POPULATION] =
    g_param_spec_int64 ("population", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_POPULATION_YEAR] =
    g_param_spec_int ("population-year", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* NAN when unknown */
  properties[PROP_AREA] =
    g_param_spec_double ("area", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_ADMIN_CENTRE] =
    g_param_spec_string ("admin-centre", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE_FORM] =
    g_param_spec_string ("language-form", NULL, NULL, NULL, flags);
  /* NAN when no year has both a request and a decision */
  properties[PROP_ACCEPTANCE_RATIO] =
    g_param_spec_double ("acceptance-ratio", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_municipality_init (BosMunicipality *self)
{
  self->acceptance_ratio = NAN;
  self->area = NAN;
  self->population = -1;
}

const char *
bos_municipality_get_code (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NULL);
  return self->code;
}

const char *
bos_municipality_get_name (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NULL);
  return self->name;
}

const char *
bos_municipality_get_county_code (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NULL);
  return self->county_code;
}

const char *
bos_municipality_get_county_name (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NULL);
  return self->county_name;
}

/**
 * bos_municipality_get_population:
 *
 * Returns: the latest recorded population, or -1 when there is none
 */
gint64
bos_municipality_get_population (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), -1);
  return self->population;
}

/**
 * bos_municipality_get_population_year:
 *
 * Returns: the year (1 January) of bos_municipality_get_population(), or 0
 */
int
bos_municipality_get_population_year (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), 0);
  return self->population_year;
}

/**
 * bos_municipality_get_area:
 *
 * Returns: the total area in km², fresh water included, or NAN
 */
double
bos_municipality_get_area (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NAN);
  return self->area;
}

const char *
bos_municipality_get_admin_centre (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NULL);
  return self->admin_centre;
}

/**
 * bos_municipality_get_language_form:
 *
 * Returns: "bokmal", "nynorsk" or "neutral"
 */
const char *
bos_municipality_get_language_form (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NULL);
  return self->language_form;
}

/**
 * bos_municipality_get_acceptance_ratio:
 *
 * Returns: decisions / requests over the summary years in which both are
 *   OK, or NAN
 */
double
bos_municipality_get_acceptance_ratio (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NAN);
  return self->acceptance_ratio;
}

guint
bos_municipality_get_n_years (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), 0);
  return self->years->len;
}

/**
 * bos_municipality_get_year:
 * @year_index: 0 for the oldest summary year
 */
int
bos_municipality_get_year (BosMunicipality *self,
                           guint            year_index)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), 0);
  g_return_val_if_fail (year_index < self->years->len, 0);
  return g_array_index (self->years, int, year_index);
}

/**
 * bos_municipality_get_figure:
 * @year_index: 0 for the oldest summary year
 *
 * Returns: (transfer none): the total of @kind in that year
 */
const BosHistoryTotal *
bos_municipality_get_figure (BosMunicipality *self,
                             guint            year_index,
                             BosHistoryKind   kind)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NULL);
  g_return_val_if_fail (year_index < self->years->len, NULL);
  g_return_val_if_fail ((guint) kind < BOS_HISTORY_N_KINDS, NULL);
  return &self->figures[year_index * BOS_HISTORY_N_KINDS + kind];
}

const char *
bos_municipality_get_name_collate_key (BosMunicipality *self)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), NULL);
  return self->name_collate_key;
}

/**
 * bos_municipality_fold_query:
 *
 * Normalises and case-folds @text for bos_municipality_matches().
 *
 * Returns: (transfer full): the folded text
 */
char *
bos_municipality_fold_query (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normalized == NULL)
    return g_strdup ("");
  return g_utf8_casefold (normalized, -1);
}

/**
 * bos_municipality_matches:
 * @folded_query: from bos_municipality_fold_query()
 *
 * Returns: whether the name contains @folded_query or the code starts
 *   with it; an empty query matches everything
 */
gboolean
bos_municipality_matches (BosMunicipality *self,
                          const char      *folded_query)
{
  g_return_val_if_fail (BOS_IS_MUNICIPALITY (self), FALSE);

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;
  return g_str_has_prefix (self->code, folded_query) ||
         strstr (self->name_folded, folded_query) != NULL;
}

/**
 * bos_municipality_list:
 * @n_years: how many of the latest years with data to summarise
 * @years: (out) (optional) (transfer full): a #GArray of int, the summary
 *   years, oldest first
 *
 * Returns: (transfer full): a #GListModel of #BosMunicipality ordered by
 *   code, or %NULL with @error set
 */
GListModel *
bos_municipality_list (BosStore  *store,
                       guint      n_years,
                       GArray   **years,
                       GError   **error)
{
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GListStore) list = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (years == NULL || *years == NULL, NULL);

  municipalities = load_municipalities (store, NULL, n_years, years, error);
  if (municipalities == NULL)
    return NULL;

  list = g_list_store_new (BOS_TYPE_MUNICIPALITY);
  g_list_store_splice (list, 0, 0, municipalities->pdata, municipalities->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * bos_municipality_load:
 * @code: a municipality code of today
 * @n_years: how many of the latest years with data to summarise
 *
 * Returns: (transfer full): the municipality, or %NULL with @error set
 */
BosMunicipality *
bos_municipality_load (BosStore    *store,
                       const char  *code,
                       guint        n_years,
                       GError     **error)
{
  g_autoptr(GPtrArray) municipalities = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  municipalities = load_municipalities (store, code, n_years, NULL, error);
  if (municipalities == NULL)
    return NULL;
  if (municipalities->len == 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   _("There is no municipality with the number %s"), code);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (municipalities, 0));
}

/**
 * bos_municipality_population:
 *
 * Returns: (transfer full): a #GArray of #BosPopulation, oldest year first,
 *   or %NULL with @error set
 */
GArray *
bos_municipality_population (BosStore    *store,
                             const char  *code,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) population = g_array_new (FALSE, FALSE, sizeof (BosPopulation));
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = bos_store_prepare (store,
                            "SELECT year, persons FROM population WHERE code = ? ORDER BY year",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BosPopulation row = {
        .year = sqlite3_column_int (stmt, 0),
        .persons = sqlite3_column_int64 (stmt, 1),
      };
      g_array_append_val (population, row);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the population"));
      return NULL;
    }
  return g_steal_pointer (&population);
}

static void
former_code_clear (gpointer data)
{
  BosFormerCode *former = data;

  g_clear_pointer (&former->name, g_free);
}

/**
 * bos_municipality_former_codes:
 *
 * The codes other than @code that the municipality's history was recorded
 * under, oldest first.
 *
 * Returns: (transfer full): a #GArray of #BosFormerCode, or %NULL with
 *   @error set
 */
GArray *
bos_municipality_former_codes (BosStore    *store,
                               const char  *code,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) codes = g_array_new (FALSE, TRUE, sizeof (BosFormerCode));
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  g_array_set_clear_func (codes, former_code_clear);

  stmt = bos_store_prepare (store,
                            "SELECT old_code, old_name, ifnull (first_year, 0), "
                            "  ifnull (last_year, 0), ifnull (share, 1.0) "
                            "FROM code_history WHERE code_2024 = ?1 AND old_code <> ?1 "
                            "ORDER BY first_year, last_year, old_code",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BosFormerCode former = { 0 };

      g_strlcpy (former.code, bos_sqlite_text (stmt, 0), sizeof former.code);
      former.name = g_strdup (bos_sqlite_text (stmt, 1));
      former.first_year = sqlite3_column_int (stmt, 2);
      former.last_year = sqlite3_column_int (stmt, 3);
      former.share = sqlite3_column_double (stmt, 4);
      g_array_append_val (codes, former);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the former municipality numbers"));
      return NULL;
    }
  return g_steal_pointer (&codes);
}
