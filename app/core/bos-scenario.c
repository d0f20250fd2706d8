/* bos-scenario.c: distribution scenarios and their JSON file format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading is strict: an unknown key, a value of the wrong type or out of
 * range is an error whose message names the file and the key's path
 * (e.g. "draft.json: municipalities[3].popluation: unknown key"). A
 * missing optional key takes the default of distribution.md. Writing gives
 * every key explicitly, one municipality per line, with numbers in their
 * shortest form that reads back to the same value, so that reading what was
 * written gives the same scenario. Lock notes (BosMunicipalityInput.lock_note)
 * are not part of the file format.
 */
#define G_LOG_DOMAIN "bos-scenario"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "bos-error.h"
#include "bos-scenario.h"

BosScenario *
bos_scenario_new (void)
{
  BosScenario *scenario = g_new0 (BosScenario, 1);

  scenario->name = g_strdup ("");
  scenario->input = bos_apportion_input_new ();
  return scenario;
}

void
bos_scenario_free (BosScenario *scenario)
{
  if (scenario == NULL)
    return;
  g_free (scenario->name);
  bos_apportion_input_free (scenario->input);
  g_free (scenario);
}

BosScenario *
bos_scenario_copy (const BosScenario *scenario)
{
  BosScenario *copy;

  g_return_val_if_fail (scenario != NULL, NULL);

  copy = g_new0 (BosScenario, 1);
  copy->name = g_strdup (scenario->name);
  copy->year = scenario->year;
  copy->input = bos_apportion_input_copy (scenario->input);
  return copy;
}

/**
 * bos_scenario_build_input:
 * @scenario: a scenario
 *
 * Returns: (transfer full): the input of the distribution method, a copy
 *   the caller may change (lock a municipality, change a weight) and run.
 */
BosApportionInput *
bos_scenario_build_input (const BosScenario *scenario)
{
  g_return_val_if_fail (scenario != NULL, NULL);

  return bos_apportion_input_copy (scenario->input);
}

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static double
indicator_value (const BosApportionInput    *input,
                 const BosMunicipalityInput *municipality,
                 const char                 *name)
{
  int index = bos_apportion_input_find_indicator (input, name);

  return index < 0 ? NAN : municipality->indicators[index];
}

/* Every indicator value of @a's municipality is the same in @b's. */
static gboolean
same_indicators (const BosApportionInput    *a,
                 const BosMunicipalityInput *ma,
                 const BosApportionInput    *b,
                 const BosMunicipalityInput *mb)
{
  for (guint k = 0; k < a->indicator_names->len; k++)
    {
      const char *name = g_ptr_array_index (a->indicator_names, k);

      if (!same_double (ma->indicators[k], indicator_value (b, mb, name)))
        return FALSE;
    }
  return TRUE;
}

/**
 * bos_scenario_equal:
 *
 * Whether two scenarios hold the same values: everything the file format
 * holds, with municipalities compared in order and indicators by name
 * (lock notes are not compared).
 */
gboolean
bos_scenario_equal (const BosScenario *a,
                    const BosScenario *b)
{
  const BosApportionInput *ia, *ib;
  const BosCriteria *ca, *cb;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  ia = a->input;
  ib = b->input;
  ca = &ia->criteria;
  cb = &ib->criteria;
  if (g_strcmp0 (a->name, b->name) != 0 || a->year != b->year ||
      ia->need != ib->need || ia->ema_need != ib->ema_need || ia->by_county != ib->by_county)
    return FALSE;
  if (ca->n_factors != cb->n_factors ||
      ca->min_request != cb->min_request || ca->drop_below != cb->drop_below ||
      !same_double (ca->max_immigrant_share, cb->max_immigrant_share) ||
      ca->min_population != cb->min_population ||
      !same_double (ca->max_per_1000, cb->max_per_1000) ||
      ca->largest_n != cb->largest_n || !same_double (ca->largest_factor, cb->largest_factor) ||
      ca->ema_min_request != cb->ema_min_request || ca->ema_drop_below != cb->ema_drop_below)
    return FALSE;
  for (guint k = 0; k < ca->n_factors; k++)
    if (g_strcmp0 (ca->factors[k].indicator, cb->factors[k].indicator) != 0 ||
        ca->factors[k].weight != cb->factors[k].weight ||
        ca->factors[k].mode != cb->factors[k].mode)
      return FALSE;
  if (ia->municipalities->len != ib->municipalities->len)
    return FALSE;
  for (guint i = 0; i < ia->municipalities->len; i++)
    {
      const BosMunicipalityInput *ma = g_ptr_array_index (ia->municipalities, i);
      const BosMunicipalityInput *mb = g_ptr_array_index (ib->municipalities, i);

      if (g_strcmp0 (ma->code, mb->code) != 0 || g_strcmp0 (ma->name, mb->name) != 0 ||
          g_strcmp0 (ma->county, mb->county) != 0 || ma->population != mb->population ||
          !same_double (ma->immigrant_share, mb->immigrant_share) ||
          ma->adjustment != mb->adjustment ||
          (ma->locked < 0 ? -1 : ma->locked) != (mb->locked < 0 ? -1 : mb->locked) ||
          !ma->excluded != !mb->excluded || !ma->included != !mb->included ||
          !ma->ema_capable != !mb->ema_capable ||
          (ma->cap < 0 ? -1 : ma->cap) != (mb->cap < 0 ? -1 : mb->cap))
        return FALSE;
      if (!same_indicators (ia, ma, ib, mb) || !same_indicators (ib, mb, ia, ma))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */

typedef struct
{
  const char  *source;
  GError     **error;
} Loader;

static gboolean
fail (Loader     *loader,
      BosError    code,
      const char *path,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Loader     *loader,
      BosError    code,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (path != NULL && path[0] != '\0')
    g_set_error (loader->error, BOS_ERROR, code, "%s: %s: %s", loader->source, path, message);
  else
    g_set_error (loader->error, BOS_ERROR, code, "%s: %s", loader->source, message);
  return FALSE;
}

static char *
key_path (const char *prefix,
          const char *key)
{
  if (prefix == NULL || prefix[0] == '\0')
    return g_strdup (key);
  return g_strconcat (prefix, ".", key, NULL);
}

static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return "a string";
        case G_TYPE_BOOLEAN:
          return "true or false";
        default:
          return "a number";
        }
    }
}

static gboolean
check_keys (Loader            *loader,
            JsonObject        *object,
            const char        *path,
            const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (!g_strv_contains (allowed, key))
        {
          g_autofree char *where = key_path (path, key);

          return fail (loader, BOS_ERROR_PARSE, where, "unknown key");
        }
    }
  return TRUE;
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
read_int (Loader     *loader,
          JsonNode   *node,
          const char *path,
          gint64      min,
          gint64      max,
          gint64     *out)
{
  gint64 value;

  if (!is_number (node))
    return fail (loader, BOS_ERROR_PARSE, path, "expected a whole number, got %s",
                 node_kind (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else
    {
      double x = json_node_get_double (node);

      if (x != floor (x) || fabs (x) > 9e15)
        return fail (loader, BOS_ERROR_INVALID, path, "expected a whole number, got %g", x);
      value = (gint64) x;
    }
  if (value < min)
    {
      if (min == 1)
        return fail (loader, BOS_ERROR_INVALID, path,
                     "must be greater than 0 (got %" G_GINT64_FORMAT ")", value);
      if (min == 0)
        return fail (loader, BOS_ERROR_INVALID, path,
                     "must not be negative (got %" G_GINT64_FORMAT ")", value);
      return fail (loader, BOS_ERROR_INVALID, path,
                   "must be at least %" G_GINT64_FORMAT " (got %" G_GINT64_FORMAT ")", min, value);
    }
  if (value > max)
    return fail (loader, BOS_ERROR_INVALID, path,
                 "must be at most %" G_GINT64_FORMAT " (got %" G_GINT64_FORMAT ")", max, value);
  *out = value;
  return TRUE;
}

static gboolean
read_number (Loader     *loader,
             JsonNode   *node,
             const char *path,
             double     *out)
{
  double value;

  if (!is_number (node))
    return fail (loader, BOS_ERROR_PARSE, path, "expected a number, got %s", node_kind (node));
  value = json_node_get_double (node);
  if (!isfinite (value))
    return fail (loader, BOS_ERROR_INVALID, path, "expected a finite number");
  if (value < 0)
    return fail (loader, BOS_ERROR_INVALID, path, "must not be negative (got %g)", value);
  if (value > BOS_APPORTION_MAX_VALUE)
    return fail (loader, BOS_ERROR_INVALID, path, "must be at most %g (got %g)",
                 BOS_APPORTION_MAX_VALUE, value);
  *out = value;
  return TRUE;
}

static gboolean
read_bool (Loader     *loader,
           JsonNode   *node,
           const char *path,
           gboolean   *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (loader, BOS_ERROR_PARSE, path, "expected true or false, got %s", node_kind (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_string (Loader      *loader,
             JsonNode    *node,
             const char  *path,
             gboolean     non_empty,
             const char **out)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (loader, BOS_ERROR_PARSE, path, "expected a string, got %s", node_kind (node));
  *out = json_node_get_string (node);
  if (non_empty && (*out)[0] == '\0')
    return fail (loader, BOS_ERROR_INVALID, path, "must not be empty");
  return TRUE;
}

/* The member @key of @object, or NULL; an error when it is required. */
static JsonNode *
member (Loader     *loader,
        JsonObject *object,
        const char *prefix,
        const char *key,
        gboolean    required,
        gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, key);

  *ok = TRUE;
  if (node == NULL && required)
    {
      g_autofree char *where = key_path (prefix, key);

      *ok = fail (loader, BOS_ERROR_PARSE, where, "missing");
    }
  return node;
}

/* Reads an optional number-or-null key: NAN for null, @fallback when absent. */
static gboolean
read_optional_number (Loader     *loader,
                      JsonObject *object,
                      const char *prefix,
                      const char *key,
                      double      fallback,
                      double     *out)
{
  gboolean ok;
  JsonNode *node = member (loader, object, prefix, key, FALSE, &ok);
  g_autofree char *where = key_path (prefix, key);

  if (node == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = NAN;
      return TRUE;
    }
  return read_number (loader, node, where, out);
}

static gboolean
read_optional_int (Loader     *loader,
                   JsonObject *object,
                   const char *prefix,
                   const char *key,
                   gint64      min,
                   gint64      max,
                   gboolean    nullable,
                   gint64     *out)
{
  gboolean ok;
  JsonNode *node = member (loader, object, prefix, key, FALSE, &ok);
  g_autofree char *where = key_path (prefix, key);

  if (node == NULL)
    return TRUE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = -1;
      return TRUE;
    }
  return read_int (loader, node, where, min, max, out);
}

static gboolean
read_optional_bool (Loader     *loader,
                    JsonObject *object,
                    const char *prefix,
                    const char *key,
                    gboolean   *out)
{
  gboolean ok;
  JsonNode *node = member (loader, object, prefix, key, FALSE, &ok);
  g_autofree char *where = key_path (prefix, key);

  if (node == NULL)
    return TRUE;
  return read_bool (loader, node, where, out);
}

static gboolean
load_factors (Loader      *loader,
              JsonNode    *node,
              BosCriteria *criteria)
{
  static const char * const keys[] = { "indicator", "weight", "mode", NULL };
  JsonArray *array;
  gboolean any_positive = FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (loader, BOS_ERROR_PARSE, "criteria.factors", "expected an array, got %s",
                 node_kind (node));
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return fail (loader, BOS_ERROR_INVALID, "criteria.factors", "at least one factor is needed");

  bos_criteria_clear_factors (criteria);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("criteria.factors[%u]", i);
      g_autofree char *where = NULL;
      JsonObject *object;
      JsonNode *field;
      const char *indicator, *mode_name;
      BosFactorMode mode = BOS_FACTOR_MODE_SHARE;
      double weight;
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (loader, BOS_ERROR_PARSE, path, "expected an object, got %s",
                     node_kind (element));
      object = json_node_get_object (element);
      if (!check_keys (loader, object, path, keys))
        return FALSE;

      field = member (loader, object, path, "indicator", TRUE, &ok);
      where = key_path (path, "indicator");
      if (!ok || !read_string (loader, field, where, TRUE, &indicator))
        return FALSE;
      g_free (where);

      field = member (loader, object, path, "weight", TRUE, &ok);
      where = key_path (path, "weight");
      if (!ok || !read_number (loader, field, where, &weight))
        return FALSE;
      g_free (where);

      field = member (loader, object, path, "mode", FALSE, &ok);
      where = key_path (path, "mode");
      if (field != NULL)
        {
          if (!read_string (loader, field, where, FALSE, &mode_name))
            return FALSE;
          if (!bos_factor_mode_from_string (mode_name, &mode))
            return fail (loader, BOS_ERROR_INVALID, where,
                         "expected “share” or “population_scaled”, got “%s”", mode_name);
        }
      if (weight > 0)
        any_positive = TRUE;
      bos_criteria_add_factor (criteria, indicator, weight, mode);
    }
  if (!any_positive)
    return fail (loader, BOS_ERROR_INVALID, "criteria.factors", "the weights are all 0");
  return TRUE;
}

static gboolean
load_criteria (Loader      *loader,
               JsonNode    *node,
               BosCriteria *criteria)
{
  static const char * const keys[] = {
    "factors", "min_request", "drop_below", "max_immigrant_share", "min_population",
    "max_per_1000", "largest_n", "largest_factor", "ema_min_request", "ema_drop_below", NULL
  };
  const char *path = "criteria";
  const gint64 max = BOS_APPORTION_MAX_PERSONS;
  JsonObject *object;
  JsonNode *field;
  gboolean ok;
  double largest_factor = criteria->largest_factor;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (loader, BOS_ERROR_PARSE, path, "expected an object, got %s", node_kind (node));
  object = json_node_get_object (node);
  if (!check_keys (loader, object, path, keys))
    return FALSE;

  field = member (loader, object, path, "factors", FALSE, &ok);
  if (field != NULL && !load_factors (loader, field, criteria))
    return FALSE;

  if (!read_optional_int (loader, object, path, "min_request", 0, max, FALSE,
                          &criteria->min_request) ||
      !read_optional_int (loader, object, path, "drop_below", 0, max, FALSE,
                          &criteria->drop_below) ||
      !read_optional_number (loader, object, path, "max_immigrant_share",
                             criteria->max_immigrant_share, &criteria->max_immigrant_share) ||
      !read_optional_int (loader, object, path, "min_population", 0,
                          BOS_APPORTION_MAX_POPULATION, FALSE, &criteria->min_population) ||
      !read_optional_number (loader, object, path, "max_per_1000", criteria->max_per_1000,
                             &criteria->max_per_1000) ||
      !read_optional_int (loader, object, path, "largest_n", 0, max, FALSE,
                          &criteria->largest_n) ||
      !read_optional_int (loader, object, path, "ema_min_request", 0, max, FALSE,
                          &criteria->ema_min_request) ||
      !read_optional_int (loader, object, path, "ema_drop_below", 0, max, FALSE,
                          &criteria->ema_drop_below))
    return FALSE;

  field = member (loader, object, path, "largest_factor", FALSE, &ok);
  if (field != NULL && !read_number (loader, field, "criteria.largest_factor", &largest_factor))
    return FALSE;
  criteria->largest_factor = largest_factor;

  if (criteria->drop_below > criteria->min_request)
    return fail (loader, BOS_ERROR_INVALID, "criteria.drop_below",
                 "must not be above min_request %" G_GINT64_FORMAT " (got %" G_GINT64_FORMAT ")",
                 criteria->min_request, criteria->drop_below);
  if (criteria->ema_drop_below > criteria->ema_min_request)
    return fail (loader, BOS_ERROR_INVALID, "criteria.ema_drop_below",
                 "must not be above ema_min_request %" G_GINT64_FORMAT
                 " (got %" G_GINT64_FORMAT ")",
                 criteria->ema_min_request, criteria->ema_drop_below);
  return TRUE;
}

static gboolean
load_indicators (Loader               *loader,
                 JsonNode             *node,
                 const char           *path,
                 BosApportionInput    *input,
                 BosMunicipalityInput *municipality)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (loader, BOS_ERROR_PARSE, path, "expected an object, got %s", node_kind (node));
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);
      g_autofree char *where = key_path (path, name);
      double x;

      if (name[0] == '\0')
        return fail (loader, BOS_ERROR_INVALID, path, "an indicator needs a name");
      if (g_str_equal (name, BOS_INDICATOR_POPULATION))
        return fail (loader, BOS_ERROR_INVALID, where,
                     "“population” is the municipality's population, not an indicator");
      if (JSON_NODE_HOLDS_NULL (value))
        x = NAN;
      else if (!read_number (loader, value, where, &x))
        return FALSE;
      bos_apportion_input_set_indicator (input, municipality, name, x);
    }
  return TRUE;
}

static gboolean
load_municipality (Loader            *loader,
                   JsonNode          *node,
                   guint              index,
                   BosApportionInput *input,
                   GHashTable        *codes)
{
  static const char * const keys[] = {
    "code", "name", "county", "population", "immigrant_share", "indicators", "adjustment",
    "locked", "excluded", "included", "ema_capable", "cap", NULL
  };
  g_autofree char *path = g_strdup_printf ("municipalities[%u]", index);
  g_autofree char *where = NULL;
  JsonObject *object;
  JsonNode *field;
  BosMunicipalityInput *municipality;
  const char *code, *name, *county;
  gint64 population;
  gpointer other;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (loader, BOS_ERROR_PARSE, path, "expected an object, got %s", node_kind (node));
  object = json_node_get_object (node);
  if (!check_keys (loader, object, path, keys))
    return FALSE;

  field = member (loader, object, path, "code", TRUE, &ok);
  where = key_path (path, "code");
  if (!ok || !read_string (loader, field, where, TRUE, &code))
    return FALSE;
  if (g_hash_table_lookup_extended (codes, code, NULL, &other))
    return fail (loader, BOS_ERROR_INVALID, where,
                 "the code “%s” occurs twice (also in municipalities[%u])",
                 code, GPOINTER_TO_UINT (other));
  g_hash_table_insert (codes, g_strdup (code), GUINT_TO_POINTER (index));
  g_free (where);

  field = member (loader, object, path, "name", TRUE, &ok);
  where = key_path (path, "name");
  if (!ok || !read_string (loader, field, where, FALSE, &name))
    return FALSE;
  g_free (where);

  field = member (loader, object, path, "county", TRUE, &ok);
  where = key_path (path, "county");
  if (!ok || !read_string (loader, field, where, TRUE, &county))
    return FALSE;
  g_free (where);

  field = member (loader, object, path, "population", TRUE, &ok);
  where = key_path (path, "population");
  if (!ok || !read_int (loader, field, where, 1, BOS_APPORTION_MAX_POPULATION, &population))
    return FALSE;

  municipality = bos_apportion_input_add_municipality (input, code, name, county, population);

  field = member (loader, object, path, "indicators", FALSE, &ok);
  if (field != NULL)
    {
      g_autofree char *indicators_path = key_path (path, "indicators");

      if (!load_indicators (loader, field, indicators_path, input, municipality))
        return FALSE;
    }

  if (!read_optional_number (loader, object, path, "immigrant_share", NAN,
                             &municipality->immigrant_share) ||
      !read_optional_int (loader, object, path, "locked", 0, BOS_APPORTION_MAX_PERSONS, TRUE,
                          &municipality->locked) ||
      !read_optional_int (loader, object, path, "cap", 0, BOS_APPORTION_MAX_PERSONS, TRUE,
                          &municipality->cap) ||
      !read_optional_bool (loader, object, path, "excluded", &municipality->excluded) ||
      !read_optional_bool (loader, object, path, "included", &municipality->included) ||
      !read_optional_bool (loader, object, path, "ema_capable", &municipality->ema_capable))
    return FALSE;

  field = member (loader, object, path, "adjustment", FALSE, &ok);
  if (field != NULL)
    {
      g_autofree char *adjustment_path = key_path (path, "adjustment");

      if (!read_number (loader, field, adjustment_path, &municipality->adjustment))
        return FALSE;
    }
  return TRUE;
}

static BosScenario *
load_root (Loader   *loader,
           JsonNode *root)
{
  static const char * const keys[] = {
    "format", "version", "name", "year", "need", "ema_need", "by_county", "criteria",
    "municipalities", NULL
  };
  g_autoptr(BosScenario) scenario = bos_scenario_new ();
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  BosApportionInput *input = scenario->input;
  JsonObject *object;
  JsonNode *field;
  JsonArray *array;
  const char *text;
  gint64 number;
  gboolean ok;
  g_autoptr(GError) local_error = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (loader, BOS_ERROR_PARSE, NULL, "expected a JSON object at the top level");
      return NULL;
    }
  object = json_node_get_object (root);
  if (!check_keys (loader, object, NULL, keys))
    return NULL;

  field = member (loader, object, NULL, "format", TRUE, &ok);
  if (!ok || !read_string (loader, field, "format", FALSE, &text))
    return NULL;
  if (!g_str_equal (text, BOS_SCENARIO_FORMAT))
    {
      fail (loader, BOS_ERROR_PARSE, "format", "expected “%s”, got “%s”", BOS_SCENARIO_FORMAT, text);
      return NULL;
    }
  field = member (loader, object, NULL, "version", TRUE, &ok);
  if (!ok || !read_int (loader, field, "version", 0, G_MAXINT32, &number))
    return NULL;
  if (number != BOS_SCENARIO_VERSION)
    {
      fail (loader, BOS_ERROR_PARSE, "version",
            "this Bosetting reads version %d, not %" G_GINT64_FORMAT,
            BOS_SCENARIO_VERSION, number);
      return NULL;
    }

  field = member (loader, object, NULL, "name", FALSE, &ok);
  if (field != NULL)
    {
      if (!read_string (loader, field, "name", FALSE, &text))
        return NULL;
      g_free (scenario->name);
      scenario->name = g_strdup (text);
    }
  field = member (loader, object, NULL, "year", FALSE, &ok);
  if (field != NULL && !JSON_NODE_HOLDS_NULL (field))
    {
      if (!read_int (loader, field, "year", 0, 9999, &number))
        return NULL;
      scenario->year = (int) number;
    }
  field = member (loader, object, NULL, "need", TRUE, &ok);
  if (!ok || !read_int (loader, field, "need", 0, BOS_APPORTION_MAX_PERSONS, &input->need))
    return NULL;
  if (!read_optional_int (loader, object, NULL, "ema_need", 0, BOS_APPORTION_MAX_PERSONS, FALSE,
                          &input->ema_need) ||
      !read_optional_bool (loader, object, NULL, "by_county", &input->by_county))
    return NULL;
  if (input->ema_need > input->need)
    {
      fail (loader, BOS_ERROR_INVALID, "ema_need",
            "must not be above the need %" G_GINT64_FORMAT " (got %" G_GINT64_FORMAT ")",
            input->need, input->ema_need);
      return NULL;
    }

  field = member (loader, object, NULL, "criteria", FALSE, &ok);
  if (field != NULL && !load_criteria (loader, field, &input->criteria))
    return NULL;

  field = member (loader, object, NULL, "municipalities", TRUE, &ok);
  if (!ok)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (field))
    {
      fail (loader, BOS_ERROR_PARSE, "municipalities", "expected an array, got %s",
            node_kind (field));
      return NULL;
    }
  array = json_node_get_array (field);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!load_municipality (loader, json_array_get_element (array, i), i, input, codes))
      return NULL;

  for (guint k = 0; k < input->criteria.n_factors; k++)
    {
      const char *indicator = input->criteria.factors[k].indicator;

      if (!g_str_equal (indicator, BOS_INDICATOR_POPULATION) &&
          bos_apportion_input_find_indicator (input, indicator) < 0)
        {
          g_autofree char *where = g_strdup_printf ("criteria.factors[%u].indicator", k);

          fail (loader, BOS_ERROR_INVALID, where,
                "no municipality has the indicator “%s” (use “population” or a key of "
                "the municipalities' indicators)",
                indicator);
          return NULL;
        }
    }

  /* What is left to check is across keys; the paths above cover the rest. */
  if (!bos_apportion_input_validate (input, &local_error))
    {
      fail (loader, BOS_ERROR_INVALID, NULL, "%s", local_error->message);
      return NULL;
    }
  return g_steal_pointer (&scenario);
}

/**
 * bos_scenario_load_data:
 * @data: the JSON text (UTF-8)
 * @length: its length, or -1 when it is nul-terminated
 * @source_name: the file name used in error messages
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the scenario, or %NULL with @error set; the
 *   message starts with @source_name and names the key's path.
 */
BosScenario *
bos_scenario_load_data (const char  *data,
                        gssize       length,
                        const char  *source_name,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  Loader loader = { source_name ? source_name : "scenario", error };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (!g_utf8_validate_len (data, (gsize) length, NULL))
    {
      fail (&loader, BOS_ERROR_ENCODING, NULL, "not UTF-8 text");
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      const char *message = local_error->message;
      guint line, column;
      int consumed = 0;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: WHAT" */
      if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        {
          message += consumed;
          if (g_str_has_prefix (message, "Parse error: "))
            message += strlen ("Parse error: ");
          fail (&loader, BOS_ERROR_PARSE, NULL, "not valid JSON at line %u, column %u: %s",
                line, column, message);
        }
      else
        fail (&loader, BOS_ERROR_PARSE, NULL, "not valid JSON: %s", message);
      return NULL;
    }
  return load_root (&loader, json_parser_get_root (parser));
}

BosScenario *
bos_scenario_load_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, BOS_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ?
                   BOS_ERROR_NOT_FOUND : BOS_ERROR_FAILED,
                   "%s: cannot read the file (%s)", path,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ?
                   "no such file" : local_error->message);
      return NULL;
    }
  return bos_scenario_load_data (contents, (gssize) length, path, error);
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as @x; whole numbers get a ".0". */
static void
append_json_number (GString *out,
                    double   x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (x))
    {
      g_string_append (out, "null");
      return;
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, x);
      if (g_ascii_strtod (buf, NULL) == x)
        break;
    }
  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_json_int_or_null (GString *out,
                         gint64   value)
{
  if (value < 0)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

/**
 * bos_scenario_to_json:
 * @scenario: a scenario
 *
 * Returns: (transfer full): the scenario in the file format of
 *   distribution.md, UTF-8, ending with a newline
 */
char *
bos_scenario_to_json (const BosScenario *scenario)
{
  const BosApportionInput *input;
  const BosCriteria *cr;
  GString *out;

  g_return_val_if_fail (scenario != NULL, NULL);

  input = scenario->input;
  cr = &input->criteria;
  out = g_string_sized_new (512 + 256 * input->municipalities->len);
  g_string_append (out, "{\n  \"format\": ");
  append_json_string (out, BOS_SCENARIO_FORMAT);
  g_string_append_printf (out, ",\n  \"version\": %d,\n  \"name\": ", BOS_SCENARIO_VERSION);
  append_json_string (out, scenario->name ? scenario->name : "");
  g_string_append (out, ",\n  \"year\": ");
  if (scenario->year > 0)
    g_string_append_printf (out, "%d", scenario->year);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\n  \"need\": %" G_GINT64_FORMAT
                          ",\n  \"ema_need\": %" G_GINT64_FORMAT
                          ",\n  \"by_county\": %s,\n",
                          input->need, input->ema_need, input->by_county ? "true" : "false");

  g_string_append (out, "  \"criteria\": {\n    \"factors\": [");
  for (guint k = 0; k < cr->n_factors; k++)
    {
      g_string_append (out, k == 0 ? "\n      {\"indicator\": " : ",\n      {\"indicator\": ");
      append_json_string (out, cr->factors[k].indicator);
      g_string_append (out, ", \"weight\": ");
      append_json_number (out, cr->factors[k].weight);
      g_string_append (out, ", \"mode\": ");
      append_json_string (out, bos_factor_mode_to_string (cr->factors[k].mode));
      g_string_append (out, "}");
    }
  g_string_append (out, "\n    ],\n");
  g_string_append_printf (out, "    \"min_request\": %" G_GINT64_FORMAT
                          ",\n    \"drop_below\": %" G_GINT64_FORMAT
                          ",\n    \"max_immigrant_share\": ",
                          cr->min_request, cr->drop_below);
  append_json_number (out, cr->max_immigrant_share);
  g_string_append_printf (out, ",\n    \"min_population\": %" G_GINT64_FORMAT
                          ",\n    \"max_per_1000\": ",
                          cr->min_population);
  append_json_number (out, cr->max_per_1000);
  g_string_append_printf (out, ",\n    \"largest_n\": %" G_GINT64_FORMAT
                          ",\n    \"largest_factor\": ",
                          cr->largest_n);
  append_json_number (out, cr->largest_factor);
  g_string_append_printf (out, ",\n    \"ema_min_request\": %" G_GINT64_FORMAT
                          ",\n    \"ema_drop_below\": %" G_GINT64_FORMAT "\n  },\n",
                          cr->ema_min_request, cr->ema_drop_below);

  g_string_append (out, "  \"municipalities\": [");
  for (guint i = 0; i < input->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);
      gboolean first = TRUE;

      g_string_append (out, i == 0 ? "\n    {\"code\": " : ",\n    {\"code\": ");
      append_json_string (out, m->code);
      g_string_append (out, ", \"name\": ");
      append_json_string (out, m->name ? m->name : "");
      g_string_append (out, ", \"county\": ");
      append_json_string (out, m->county ? m->county : "");
      g_string_append_printf (out, ", \"population\": %" G_GINT64_FORMAT ", \"immigrant_share\": ",
                              m->population);
      append_json_number (out, m->immigrant_share);
      g_string_append (out, ", \"indicators\": {");
      for (guint k = 0; k < input->indicator_names->len; k++)
        {
          if (isnan (m->indicators[k]))
            continue;
          if (!first)
            g_string_append (out, ", ");
          first = FALSE;
          append_json_string (out, g_ptr_array_index (input->indicator_names, k));
          g_string_append (out, ": ");
          append_json_number (out, m->indicators[k]);
        }
      g_string_append (out, "}, \"adjustment\": ");
      append_json_number (out, m->adjustment);
      g_string_append (out, ", \"locked\": ");
      append_json_int_or_null (out, m->locked);
      g_string_append_printf (out, ", \"excluded\": %s, \"included\": %s, \"ema_capable\": %s",
                              m->excluded ? "true" : "false", m->included ? "true" : "false",
                              m->ema_capable ? "true" : "false");
      g_string_append (out, ", \"cap\": ");
      append_json_int_or_null (out, m->cap);
      g_string_append (out, "}");
    }
  g_string_append (out, input->municipalities->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}

gboolean
bos_scenario_save_file (const BosScenario  *scenario,
                        const char         *path,
                        GError            **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = bos_scenario_to_json (scenario);
  if (!g_file_set_contents (path, json, -1, &local_error))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_FAILED, "%s: cannot write the file (%s)",
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Criteria on their own (the store keeps a scenario's criteria as JSON)    */

/**
 * bos_criteria_to_json:
 * @criteria: criteria
 *
 * The "criteria" object of the file format on its own, on one line, with
 * every key given.
 *
 * Returns: (transfer full): JSON text
 */
char *
bos_criteria_to_json (const BosCriteria *criteria)
{
  GString *out;

  g_return_val_if_fail (criteria != NULL, NULL);

  out = g_string_new ("{\"factors\": [");
  for (guint k = 0; k < criteria->n_factors; k++)
    {
      g_string_append (out, k == 0 ? "{\"indicator\": " : ", {\"indicator\": ");
      append_json_string (out, criteria->factors[k].indicator);
      g_string_append (out, ", \"weight\": ");
      append_json_number (out, criteria->factors[k].weight);
      g_string_append (out, ", \"mode\": ");
      append_json_string (out, bos_factor_mode_to_string (criteria->factors[k].mode));
      g_string_append (out, "}");
    }
  g_string_append_printf (out, "], \"min_request\": %" G_GINT64_FORMAT
                          ", \"drop_below\": %" G_GINT64_FORMAT ", \"max_immigrant_share\": ",
                          criteria->min_request, criteria->drop_below);
  append_json_number (out, criteria->max_immigrant_share);
  g_string_append_printf (out, ", \"min_population\": %" G_GINT64_FORMAT ", \"max_per_1000\": ",
                          criteria->min_population);
  append_json_number (out, criteria->max_per_1000);
  g_string_append_printf (out, ", \"largest_n\": %" G_GINT64_FORMAT ", \"largest_factor\": ",
                          criteria->largest_n);
  append_json_number (out, criteria->largest_factor);
  g_string_append_printf (out, ", \"ema_min_request\": %" G_GINT64_FORMAT
                          ", \"ema_drop_below\": %" G_GINT64_FORMAT "}",
                          criteria->ema_min_request, criteria->ema_drop_below);
  return g_string_free (out, FALSE);
}

/**
 * bos_criteria_load_json:
 * @criteria: (out caller-allocates): set to the criteria read; cleared
 *   and set to the defaults first
 * @json: a "criteria" object as in the file format
 * @source_name: (nullable): for error messages
 *
 * Reads criteria with the rules of the file format (unknown keys are
 * errors, missing keys take their defaults, values are checked).
 *
 * Returns: %TRUE, or %FALSE with @error set (@criteria then holds the
 *   defaults)
 */
gboolean
bos_criteria_load_json (BosCriteria  *criteria,
                        const char   *json,
                        const char   *source_name,
                        GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  Loader loader = { source_name ? source_name : "criteria", error };

  g_return_val_if_fail (criteria != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bos_criteria_init (criteria);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    return fail (&loader, BOS_ERROR_PARSE, NULL, "not valid JSON: %s", local_error->message);
  if (!load_criteria (&loader, json_parser_get_root (parser), criteria))
    {
      bos_criteria_clear (criteria);
      bos_criteria_init (criteria);
      return FALSE;
    }
  return TRUE;
}
