/* bos-county.c: a county with the sums of its municipalities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The county table of the overview: how many municipalities, how many
 * inhabitants, and what was requested and decided in the last years with
 * data. Summed from the municipality summaries, so both tables agree.
 */
#define G_LOG_DOMAIN "bos-county"

#include "config.h"

#include <math.h>

#include "bos-county.h"
#include "bos-municipality.h"

struct _BosCounty
{
  GObject    parent_instance;

  char      *code;
  char      *name;
  guint      n_municipalities;
  gint64     population;
  double     acceptance_ratio;
  gint64     requested_both;   /* requests where the decision is known too */
  gint64     decided_both;

  GArray          *years;     /* int, oldest first */
  BosHistoryTotal *figures;   /* years->len × BOS_HISTORY_N_KINDS */
};

G_DEFINE_FINAL_TYPE (BosCounty, bos_county, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_N_MUNICIPALITIES,
  PROP_POPULATION,
  PROP_ACCEPTANCE_RATIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bos_county_finalize (GObject *object)
{
  BosCounty *self = (BosCounty *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->figures, g_free);

  G_OBJECT_CLASS (bos_county_parent_class)->finalize (object);
}

static void
bos_county_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BosCounty *self = BOS_COUNTY (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_MUNICIPALITIES:
      g_value_set_uint (value, self->n_municipalities);
      break;
    case PROP_POPULATION:
      g_value_set_int64 (value, self->population);
      break;
    case PROP_ACCEPTANCE_RATIO:
      g_value_set_double (value, self->acceptance_ratio);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_county_class_init (BosCountyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bos_county_finalize;
  object_class->get_property = bos_county_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_N_MUNICIPALITIES] =
    g_param_spec_uint ("n-municipalities", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_POPULATION] =
    g_param_spec_int64 ("population", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* NAN when no year has both a request and a decision */
  properties[PROP_ACCEPTANCE_RATIO] =
    g_param_spec_double ("acceptance-ratio", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_county_init (BosCounty *self)
{
  self->acceptance_ratio = NAN;
}

const char *
bos_county_get_code (BosCounty *self)
{
  g_return_val_if_fail (BOS_IS_COUNTY (self), NULL);
  return self->code;
}

const char *
bos_county_get_name (BosCounty *self)
{
  g_return_val_if_fail (BOS_IS_COUNTY (self), NULL);
  return self->name;
}

guint
bos_county_get_n_municipalities (BosCounty *self)
{
  g_return_val_if_fail (BOS_IS_COUNTY (self), 0);
  return self->n_municipalities;
}

/**
 * bos_county_get_population:
 *
 * Returns: the sum of the municipalities' latest populations
 */
gint64
bos_county_get_population (BosCounty *self)
{
  g_return_val_if_fail (BOS_IS_COUNTY (self), 0);
  return self->population;
}

double
bos_county_get_acceptance_ratio (BosCounty *self)
{
  g_return_val_if_fail (BOS_IS_COUNTY (self), NAN);
  return self->acceptance_ratio;
}

guint
bos_county_get_n_years (BosCounty *self)
{
  g_return_val_if_fail (BOS_IS_COUNTY (self), 0);
  return self->years->len;
}

int
bos_county_get_year (BosCounty *self,
                     guint      year_index)
{
  g_return_val_if_fail (BOS_IS_COUNTY (self), 0);
  g_return_val_if_fail (year_index < self->years->len, 0);
  return g_array_index (self->years, int, year_index);
}

/**
 * bos_county_get_figure:
 *
 * Returns: (transfer none): the sum over the county's municipalities, by
 *   the rule of bos_history_total_add()
 */
const BosHistoryTotal *
bos_county_get_figure (BosCounty      *self,
                       guint           year_index,
                       BosHistoryKind  kind)
{
  g_return_val_if_fail (BOS_IS_COUNTY (self), NULL);
  g_return_val_if_fail (year_index < self->years->len, NULL);
  g_return_val_if_fail ((guint) kind < BOS_HISTORY_N_KINDS, NULL);
  return &self->figures[year_index * BOS_HISTORY_N_KINDS + kind];
}

static int
compare_county_code (gconstpointer a,
                     gconstpointer b)
{
  BosCounty *ca = *(BosCounty * const *) a;
  BosCounty *cb = *(BosCounty * const *) b;

  return g_strcmp0 (ca->code, cb->code);
}

/**
 * bos_county_list_from_municipalities:
 * @municipalities: a #GListModel of #BosMunicipality from
 *   bos_municipality_list()
 * @n_years: how many of the municipalities' latest summary years to sum
 *
 * Returns: (transfer full): a #GListModel of #BosCounty ordered by code
 */
GListModel *
bos_county_list_from_municipalities (GListModel *municipalities,
                                     guint       n_years)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) counties = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GListStore) list = g_list_store_new (BOS_TYPE_COUNTY);
  guint n_items;
  guint first_index = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (municipalities), NULL);

  n_items = g_list_model_get_n_items (municipalities);
  if (n_items > 0)
    {
      g_autoptr(BosMunicipality) first = g_list_model_get_item (municipalities, 0);
      guint n_summary = bos_municipality_get_n_years (first);

      first_index = n_summary > n_years ? n_summary - n_years : 0;
      for (guint i = first_index; i < n_summary; i++)
        {
          int year = bos_municipality_get_year (first, i);
          g_array_append_val (years, year);
        }
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BosMunicipality) municipality = g_list_model_get_item (municipalities, i);
      const char *county_code = bos_municipality_get_county_code (municipality);
      BosCounty *county = g_hash_table_lookup (by_code, county_code);
      gint64 population;

      if (county == NULL)
        {
          county = g_object_new (BOS_TYPE_COUNTY, NULL);
          county->code = g_strdup (county_code);
          county->name = g_strdup (bos_municipality_get_county_name (municipality));
          county->years = g_array_ref (years);
          county->figures = g_new (BosHistoryTotal, MAX (years->len, 1) * BOS_HISTORY_N_KINDS);
          for (guint f = 0; f < years->len * BOS_HISTORY_N_KINDS; f++)
            county->figures[f] = (BosHistoryTotal) BOS_HISTORY_TOTAL_INIT;
          g_ptr_array_add (counties, county);
          g_hash_table_insert (by_code, county->code, county);
        }

      county->n_municipalities++;
      population = bos_municipality_get_population (municipality);
      if (population > 0)
        county->population += population;

      for (guint y = 0; y < years->len; y++)
        {
          const BosHistoryTotal *request;
          const BosHistoryTotal *decision;

          for (guint k = 0; k < BOS_HISTORY_N_KINDS; k++)
            bos_history_total_add (&county->figures[y * BOS_HISTORY_N_KINDS + k],
                                   bos_municipality_get_figure (municipality, first_index + y, k));

          /* The ratio counts a municipality's year only when both its
           * request and its decision are OK, as for a municipality: the
           * county's sums are nearly always partial (municipalities that
           * were not asked have no figure), so they cannot decide. */
          request = bos_municipality_get_figure (municipality, first_index + y, BOS_HISTORY_REQUEST);
          decision = bos_municipality_get_figure (municipality, first_index + y, BOS_HISTORY_DECISION);
          if (request->status == BOS_HISTORY_TOTAL_OK && decision->status == BOS_HISTORY_TOTAL_OK)
            {
              county->requested_both += request->persons;
              county->decided_both += decision->persons;
            }
        }
    }

  for (guint i = 0; i < counties->len; i++)
    {
      BosCounty *county = g_ptr_array_index (counties, i);

      if (county->requested_both > 0)
        county->acceptance_ratio = (double) county->decided_both / (double) county->requested_both;
    }

  g_ptr_array_sort (counties, compare_county_code);
  g_list_store_splice (list, 0, 0, counties->pdata, counties->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}
