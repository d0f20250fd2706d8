/* bos-plan-scenario.c: a plan's stored distribution scenarios
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records:
 *   scenario               "scenario:UUID", or the natural key
 *                          "scenario:YEAR:SCOPE:default" for the scenario
 *                          every plan starts with, so two planners who
 *                          create the same plan offline meet in one record;
 *                          criteria are the "criteria" object of the
 *                          scenario file format (bos_criteria_to_json()).
 *   scenario_municipality  "scenario_municipality:<scenario id without
 *                          'scenario:'>:CODE", one per municipality with
 *                          settings; a row set back to the defaults is a
 *                          tombstone, so it syncs like any other edit.
 *
 * Every edit is one transaction (a savepoint, so it nests inside a
 * caller's transaction) with a change-log entry per field (who, when, old,
 * new, why); edits that change numbers (locks, caps, adjustments,
 * exclusions, the chosen scenario) go to the shared audit as well.
 *
 * Running a scenario takes the figures from the plan (need, minors) and
 * the reference data: population of the plan year (else the latest year
 * before it, else the latest there is), the latest immigrant share (an
 * indicator "immigrant_share" of the plan year wins over it) and the
 * indicators imported for the plan year. A county plan runs on its
 * county's municipalities only, in one stage.
 */
#define G_LOG_DOMAIN "bos-plan-scenario"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-audit.h"
#include "bos-error.h"
#include "bos-plan.h"
#include "bos-plan-scenario.h"
#include "bos-record.h"
#include "bos-requests.h"

#define SCENARIO_PREFIX "scenario:"
#define OVERRIDE_PREFIX "scenario_municipality:"
#define DEFAULT_SUFFIX  ":default"
#define MAX_NAME_CHARS  200

/* ------------------------------------------------------------------------ */
/* BosScenarioOverride                                                      */

void
bos_scenario_override_init (BosScenarioOverride *override)
{
  g_return_if_fail (override != NULL);

  memset (override, 0, sizeof *override);
  override->adjustment = 1.0;
  override->locked = -1;
  override->ema_capable = TRUE;
  override->cap = -1;
}

void
bos_scenario_override_clear (BosScenarioOverride *override)
{
  g_return_if_fail (override != NULL);

  g_clear_pointer (&override->lock_reason, g_free);
  g_clear_pointer (&override->lock_source, g_free);
  g_clear_pointer (&override->note, g_free);
}

void
bos_scenario_override_copy (BosScenarioOverride       *dest,
                            const BosScenarioOverride *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  *dest = *src;
  dest->lock_reason = g_strdup (src->lock_reason);
  dest->lock_source = g_strdup (src->lock_source);
  dest->note = g_strdup (src->note);
}

BosScenarioOverride *
bos_scenario_override_dup (const BosScenarioOverride *override)
{
  BosScenarioOverride *copy;

  g_return_val_if_fail (override != NULL, NULL);

  copy = g_new0 (BosScenarioOverride, 1);
  bos_scenario_override_copy (copy, override);
  return copy;
}

void
bos_scenario_override_free (BosScenarioOverride *override)
{
  if (override == NULL)
    return;
  bos_scenario_override_clear (override);
  g_free (override);
}

/* Empty texts are the same as none. */
static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

gboolean
bos_scenario_override_equal (const BosScenarioOverride *a,
                             const BosScenarioOverride *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->adjustment == b->adjustment &&
         MAX (a->locked, -1) == MAX (b->locked, -1) &&
         same_text (a->lock_reason, b->lock_reason) &&
         same_text (a->lock_source, b->lock_source) &&
         !a->excluded == !b->excluded &&
         !a->included == !b->included &&
         !a->ema_capable == !b->ema_capable &&
         MAX (a->cap, -1) == MAX (b->cap, -1) &&
         same_text (a->note, b->note);
}

gboolean
bos_scenario_override_is_default (const BosScenarioOverride *override)
{
  g_auto(BosScenarioOverride) plain = { 0 };

  g_return_val_if_fail (override != NULL, FALSE);

  bos_scenario_override_init (&plain);
  return bos_scenario_override_equal (override, &plain);
}

/* ------------------------------------------------------------------------ */
/* BosPlanScenario                                                          */

struct _BosPlanScenario
{
  GObject      parent_instance;

  char        *id;
  char        *plan_id;
  char        *name;
  gboolean     by_county;
  BosCriteria  criteria;
  char        *modified;
  char        *author;
};

G_DEFINE_FINAL_TYPE (BosPlanScenario, bos_plan_scenario, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_BY_COUNTY,
  PROP_MODIFIED,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SCENARIO_COLUMNS "id, plan_id, name, by_county, criteria, modified, author"

static void
bos_plan_scenario_finalize (GObject *object)
{
  BosPlanScenario *self = (BosPlanScenario *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->author, g_free);
  bos_criteria_clear (&self->criteria);

  G_OBJECT_CLASS (bos_plan_scenario_parent_class)->finalize (object);
}

static void
bos_plan_scenario_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BosPlanScenario *self = BOS_PLAN_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_PLAN_ID:
      g_value_set_string (value, self->plan_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, bos_plan_scenario_dup_display_name (self));
      break;
    case PROP_BY_COUNTY:
      g_value_set_boolean (value, self->by_county);
      break;
    case PROP_MODIFIED:
      g_value_set_string (value, self->modified);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_plan_scenario_class_init (BosPlanScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bos_plan_scenario_finalize;
  object_class->get_property = bos_plan_scenario_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_PLAN_ID] = g_param_spec_string ("plan-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_BY_COUNTY] = g_param_spec_boolean ("by-county", NULL, NULL, FALSE, flags);
  properties[PROP_MODIFIED] = g_param_spec_string ("modified", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_plan_scenario_init (BosPlanScenario *self)
{
  bos_criteria_init (&self->criteria);
}

const char *
bos_plan_scenario_get_id (BosPlanScenario *self)
{
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);
  return self->id;
}

const char *
bos_plan_scenario_get_plan_id (BosPlanScenario *self)
{
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);
  return self->plan_id;
}

const char *
bos_plan_scenario_get_name (BosPlanScenario *self)
{
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);
  return self->name;
}

/**
 * bos_plan_scenario_dup_display_name:
 *
 * Returns: (transfer full): the name, with the default scenario's stored
 *   name translated
 */
char *
bos_plan_scenario_dup_display_name (BosPlanScenario *self)
{
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);

  if (g_str_equal (self->name, BOS_PLAN_SCENARIO_DEFAULT_NAME))
    /* Translators: the name of the distribution scenario every plan starts with */
    return g_strdup (C_("scenario", "Default"));
  return g_strdup (self->name);
}

gboolean
bos_plan_scenario_get_by_county (BosPlanScenario *self)
{
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), FALSE);
  return self->by_county;
}

const BosCriteria *
bos_plan_scenario_get_criteria (BosPlanScenario *self)
{
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);
  return &self->criteria;
}

const char *
bos_plan_scenario_get_modified (BosPlanScenario *self)
{
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);
  return self->modified;
}

const char *
bos_plan_scenario_get_author (BosPlanScenario *self)
{
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);
  return self->author;
}

/* TRUE for the scenario the plan was created with */
gboolean
bos_plan_scenario_is_default (BosPlanScenario *self)
{
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), FALSE);
  return g_str_has_suffix (self->id, DEFAULT_SUFFIX);
}

/**
 * bos_plan_scenario_make_default_id:
 * @plan_id: "plan:2027:national"
 *
 * Returns: (transfer full): "scenario:2027:national:default"
 */
char *
bos_plan_scenario_make_default_id (const char *plan_id)
{
  g_return_val_if_fail (plan_id != NULL, NULL);

  if (g_str_has_prefix (plan_id, "plan:"))
    plan_id += strlen ("plan:");
  return g_strconcat (SCENARIO_PREFIX, plan_id, DEFAULT_SUFFIX, NULL);
}

/**
 * bos_plan_scenario_default_criteria:
 * @criteria: (out caller-allocates): uninitialised or cleared criteria
 *
 * The criteria a new plan's scenario starts with: the defaults of
 * distribution.md with population as the only factor.
 */
void
bos_plan_scenario_default_criteria (BosCriteria *criteria)
{
  bos_criteria_init (criteria);
}

static char *
override_id (const char *scenario_id,
             const char *code)
{
  if (g_str_has_prefix (scenario_id, SCENARIO_PREFIX))
    scenario_id += strlen (SCENARIO_PREFIX);
  return g_strconcat (OVERRIDE_PREFIX, scenario_id, ":", code, NULL);
}

static BosPlanScenario *
scenario_from_row (sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(BosPlanScenario) self = g_object_new (BOS_TYPE_PLAN_SCENARIO, NULL);
  g_autoptr(GError) local_error = NULL;

  self->id = g_strdup (bos_sqlite_text (stmt, 0));
  self->plan_id = g_strdup (bos_sqlite_text (stmt, 1));
  self->name = g_strdup (bos_sqlite_text (stmt, 2));
  self->by_county = sqlite3_column_int (stmt, 3) != 0;
  bos_criteria_clear (&self->criteria);
  if (!bos_criteria_load_json (&self->criteria, bos_sqlite_text (stmt, 4), self->id, &local_error))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The criteria of the scenario “%s” cannot be read: %s"),
                   self->name, local_error->message);
      return NULL;
    }
  self->modified = g_strdup (bos_sqlite_text (stmt, 5));
  self->author = g_strdup (bos_sqlite_text (stmt, 6));
  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */

/**
 * bos_plan_scenario_list:
 * @plan_id: a plan
 *
 * Returns: (transfer full): a #GListModel of #BosPlanScenario, the default
 *   scenario first, then by name; %NULL with @error set on failure
 */
GListModel *
bos_plan_scenario_list (BosStore    *store,
                        const char  *plan_id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) scenarios = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  stmt = bos_store_prepare (store,
                            "SELECT " SCENARIO_COLUMNS " FROM scenario "
                            "WHERE plan_id = ? AND deleted = 0 "
                            "ORDER BY id LIKE '%" DEFAULT_SUFFIX "' DESC, name COLLATE NOCASE, id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);

  scenarios = g_list_store_new (BOS_TYPE_PLAN_SCENARIO);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BosPlanScenario) scenario = scenario_from_row (stmt, error);

      if (scenario == NULL)
        return NULL;
      g_list_store_append (scenarios, scenario);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the scenarios"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&scenarios));
}

/**
 * bos_plan_scenario_load:
 * @id: a scenario id
 *
 * Returns: (transfer full): the scenario, or %NULL with @error set
 *   (BOS_ERROR_NOT_FOUND when there is none)
 */
BosPlanScenario *
bos_plan_scenario_load (BosStore    *store,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = bos_store_prepare (store,
                            "SELECT " SCENARIO_COLUMNS " FROM scenario WHERE id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no scenario “%s”"), id);
      return NULL;
    }
  return scenario_from_row (stmt, error);
}

/**
 * bos_plan_scenario_find:
 * @name: the scenario's name as stored, or its translated display name
 *
 * Returns: (transfer full): the plan's scenario called @name, or %NULL with
 *   @error set (BOS_ERROR_NOT_FOUND when there is none)
 */
BosPlanScenario *
bos_plan_scenario_find (BosStore    *store,
                        const char  *plan_id,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(GListModel) scenarios = NULL;
  guint n;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  scenarios = bos_plan_scenario_list (store, plan_id, error);
  if (scenarios == NULL)
    return NULL;
  n = g_list_model_get_n_items (scenarios);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(BosPlanScenario) scenario = g_list_model_get_item (scenarios, i);
        g_autofree char *display = bos_plan_scenario_dup_display_name (scenario);

        if (g_str_equal (pass == 0 ? scenario->name : display, name))
          return g_steal_pointer (&scenario);
      }
  g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
               _("The plan has no scenario called “%s”"), name);
  return NULL;
}

/* The plan's scope, or NULL with @error set when there is no such plan */
static char *
plan_scope (BosStore    *store,
            const char  *plan_id,
            int         *year,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (store, "SELECT scope, year FROM plan WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no plan “%s”"), plan_id);
      return NULL;
    }
  if (year != NULL)
    *year = sqlite3_column_int (stmt, 1);
  return g_strdup (bos_sqlite_text (stmt, 0));
}

/* Strips @name and checks it: not empty, not too long, not the name of
 * another live scenario of the plan (other than @except_id). */
static char *
check_name (BosStore    *store,
            const char  *plan_id,
            const char  *name,
            const char  *except_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  if (*clean == '\0')
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, _("A scenario needs a name"));
      return NULL;
    }
  if (!g_utf8_validate (clean, -1, NULL) || g_utf8_strlen (clean, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("A scenario's name can have at most %d characters"), MAX_NAME_CHARS);
      return NULL;
    }
  stmt = bos_store_prepare (store,
                            "SELECT 1 FROM scenario WHERE plan_id = ? AND deleted = 0 "
                            "AND name = ? COLLATE NOCASE AND id IS NOT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, except_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_EXISTS,
                   _("The plan already has a scenario called “%s”"), clean);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* Checks criteria by writing and reading them: the rules of the file. */
static char *
criteria_to_checked_json (const BosCriteria  *criteria,
                          GError            **error)
{
  g_autofree char *json = bos_criteria_to_json (criteria);
  g_autoptr(GError) local_error = NULL;
  BosCriteria check;

  if (!bos_criteria_load_json (&check, json, NULL, &local_error))
    {
      bos_criteria_clear (&check);
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, _("The criteria are not valid: %s"),
                   local_error->message);
      return NULL;
    }
  bos_criteria_clear (&check);
  return g_steal_pointer (&json);
}

static gboolean
insert_scenario (BosStore           *store,
                 const char         *id,
                 const char         *plan_id,
                 const char         *name,
                 gboolean            by_county,
                 const char         *criteria_json,
                 GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = bos_timestamp_now ();

  /* A tombstone of the same id (the default scenario of a plan deleted and
   * created again) is revived, not duplicated. */
  stmt = bos_store_prepare (store,
                            "INSERT INTO scenario (id, plan_id, name, by_county, criteria, modified, "
                            "  author, dirty, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, 0) "
                            "ON CONFLICT (id) DO UPDATE SET plan_id = ?2, name = ?3, by_county = ?4, "
                            "  criteria = ?5, modified = ?6, author = ?7, dirty = 1, deleted = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, plan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, by_county ? 1 : 0);
  sqlite3_bind_text (stmt, 5, criteria_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not save the scenario"));
  return bos_store_log_change (store, id, "name", NULL, name, "created", error);
}

/* ------------------------------------------------------------------------ */
/* Scenarios                                                                */

/**
 * bos_plan_scenario_create:
 * @plan_id: a plan
 * @name: a name no other scenario of the plan has
 * @criteria: (nullable): the criteria, or %NULL for the defaults
 *
 * Creates a scenario without per-municipality settings. A national plan's
 * scenario runs in two stages (counties, then municipalities) until
 * bos_plan_scenario_set_by_county() says otherwise.
 *
 * Returns: (transfer full): the scenario, or %NULL with @error set
 */
BosPlanScenario *
bos_plan_scenario_create (BosStore           *store,
                          const char         *plan_id,
                          const char         *name,
                          const BosCriteria  *criteria,
                          GError            **error)
{
  g_autofree char *scope = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *json = NULL;
  g_autofree char *id = NULL;
  BosPlanScenario *scenario;
  BosCriteria defaults;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  if (criteria == NULL)
    {
      bos_plan_scenario_default_criteria (&defaults);
      json = criteria_to_checked_json (&defaults, error);
      bos_criteria_clear (&defaults);
    }
  else
    json = criteria_to_checked_json (criteria, error);
  if (json == NULL)
    return NULL;

  if (!bos_store_begin (store, error))
    return NULL;
  scope = plan_scope (store, plan_id, NULL, error);
  if (scope == NULL)
    goto failed;
  clean = check_name (store, plan_id, name, NULL, error);
  if (clean == NULL)
    goto failed;
  id = bos_new_uuid_id ("scenario");
  if (!insert_scenario (store, id, plan_id, clean, g_str_equal (scope, BOS_PLAN_SCOPE_NATIONAL),
                        json, error))
    goto failed;
  scenario = bos_plan_scenario_load (store, id, error);
  if (scenario == NULL)
    goto failed;
  if (!bos_store_commit (store, error))
    {
      g_object_unref (scenario);
      goto failed;
    }
  bos_store_emit_changed (store, "scenario");
  return scenario;

failed:
  bos_store_rollback (store);
  return NULL;
}

/**
 * bos_plan_scenario_create_default:
 * @plan_id: a plan
 *
 * Gives the plan its default scenario (named
 * %BOS_PLAN_SCENARIO_DEFAULT_NAME, default criteria with population as the
 * only factor, two-stage for a national plan) and chooses it when the plan
 * has no chosen scenario. bos_plan_create() calls this inside its
 * transaction. Does nothing when the plan has its default scenario already.
 */
gboolean
bos_plan_scenario_create_default (BosStore    *store,
                                  const char  *plan_id,
                                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *chosen = NULL;
  gboolean exists;
  BosCriteria criteria;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);

  bos_plan_scenario_default_criteria (&criteria);
  json = bos_criteria_to_json (&criteria);
  bos_criteria_clear (&criteria);
  id = bos_plan_scenario_make_default_id (plan_id);

  if (!bos_store_begin (store, error))
    return FALSE;
  scope = plan_scope (store, plan_id, NULL, error);
  if (scope == NULL)
    goto failed;

  stmt = bos_store_prepare (store, "SELECT 1 FROM scenario WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!exists)
    {
      /* The name "Default" may be taken by a scenario a planner named so */
      g_autoptr(GError) name_error = NULL;
      g_autofree char *name = check_name (store, plan_id, BOS_PLAN_SCENARIO_DEFAULT_NAME, NULL,
                                          &name_error);

      if (name == NULL)
        name = g_strdup_printf ("%s (%s)", BOS_PLAN_SCENARIO_DEFAULT_NAME, id + strlen (SCENARIO_PREFIX));
      if (!insert_scenario (store, id, plan_id, name,
                            g_str_equal (scope, BOS_PLAN_SCOPE_NATIONAL), json, error))
        goto failed;
    }

  stmt = bos_store_prepare (store,
                            "SELECT p.chosen_scenario FROM plan p JOIN scenario s "
                            "ON s.id = p.chosen_scenario AND s.deleted = 0 WHERE p.id = ?",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    chosen = g_strdup (bos_sqlite_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (chosen == NULL &&
      !bos_plan_set_chosen_scenario (store, plan_id, id, "created", error))
    goto failed;

  if (!bos_store_commit (store, error))
    goto failed;
  bos_store_emit_changed (store, "scenario");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_plan_scenario_duplicate:
 * @source: the scenario to copy
 * @name: the copy's name
 *
 * Copies the criteria, the mode and every per-municipality setting (locks
 * keep their reason and source).
 *
 * Returns: (transfer full): the copy, or %NULL with @error set
 */
BosPlanScenario *
bos_plan_scenario_duplicate (BosStore         *store,
                             BosPlanScenario  *source,
                             const char       *name,
                             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *json = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = bos_timestamp_now ();
  g_autofree char *why = NULL;
  BosPlanScenario *scenario;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (source), NULL);

  json = criteria_to_checked_json (&source->criteria, error);
  if (json == NULL)
    return NULL;
  if (!bos_store_begin (store, error))
    return NULL;
  clean = check_name (store, source->plan_id, name, NULL, error);
  if (clean == NULL)
    goto failed;
  id = bos_new_uuid_id ("scenario");
  if (!insert_scenario (store, id, source->plan_id, clean, source->by_county, json, error))
    goto failed;

  stmt = bos_store_prepare (store,
                            "INSERT INTO scenario_municipality (id, scenario_id, code, adjustment, "
                            "  locked, lock_reason, lock_source, excluded, included, ema_capable, cap, "
                            "  note, modified, author, dirty, deleted) "
                            "SELECT ?1 || code, ?2, code, adjustment, locked, lock_reason, "
                            "  lock_source, excluded, included, ema_capable, cap, note, ?3, ?4, 1, 0 "
                            "FROM scenario_municipality WHERE scenario_id = ?5 AND deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  {
    g_autofree char *prefix = override_id (id, "");

    sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  }
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, source->id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not copy the scenario's settings"));
      goto failed;
    }
  why = g_strdup_printf ("copy of %s (%s)", source->name, source->id);
  if (!bos_store_log_change (store, id, "source", NULL, source->id, why, error))
    goto failed;

  scenario = bos_plan_scenario_load (store, id, error);
  if (scenario == NULL)
    goto failed;
  if (!bos_store_commit (store, error))
    {
      g_object_unref (scenario);
      goto failed;
    }
  bos_store_emit_changed (store, "scenario");
  bos_store_emit_changed (store, "scenario_municipality");
  return scenario;

failed:
  bos_store_rollback (store);
  return NULL;
}

/* Updates one column of a live scenario with its modification time,
 * author and a change-log entry. */
static gboolean
update_scenario (BosStore    *store,
                 const char  *id,
                 const char  *column,
                 const char  *text_value,
                 int          int_value,
                 const char  *old_value,
                 const char  *new_value,
                 const char  *why,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = bos_timestamp_now ();

  sql = g_strdup_printf ("UPDATE scenario SET %s = ?1, modified = ?2, author = ?3, dirty = 1 "
                         "WHERE id = ?4 AND deleted = 0", column);
  stmt = bos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (text_value != NULL)
    sqlite3_bind_text (stmt, 1, text_value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int (stmt, 1, int_value);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not save the scenario"));
  if (sqlite3_changes (bos_store_get_db (store)) == 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no scenario “%s”"), id);
      return FALSE;
    }
  return bos_store_log_change (store, id, column, old_value, new_value, why, error);
}

static void
set_modified (BosStore        *store,
              BosPlanScenario *self)
{
  g_free (self->modified);
  self->modified = bos_timestamp_now ();
  g_free (self->author);
  self->author = g_strdup (bos_store_get_author (store));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

/**
 * bos_plan_scenario_rename:
 *
 * Renames the scenario (in the store and @self).
 */
gboolean
bos_plan_scenario_rename (BosStore         *store,
                          BosPlanScenario  *self,
                          const char       *name,
                          GError          **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), FALSE);

  if (!bos_store_begin (store, error))
    return FALSE;
  clean = check_name (store, self->plan_id, name, self->id, error);
  if (clean == NULL)
    goto failed;
  if (g_str_equal (clean, self->name))
    {
      bos_store_rollback (store);
      return TRUE;
    }
  if (!update_scenario (store, self->id, "name", clean, 0, self->name, clean, NULL, error) ||
      !bos_store_commit (store, error))
    goto failed;

  g_free (self->name);
  self->name = g_steal_pointer (&clean);
  set_modified (store, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  bos_store_emit_changed (store, "scenario");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_plan_scenario_delete:
 *
 * Deletes the scenario and its per-municipality settings (as tombstones,
 * for sync). The plan's chosen scenario cannot be deleted (choose another
 * one first), nor one that a meeting's agreed numbers are locked in.
 */
gboolean
bos_plan_scenario_delete (BosStore         *store,
                          BosPlanScenario  *self,
                          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), FALSE);

  display = bos_plan_scenario_dup_display_name (self);
  if (!bos_store_begin (store, error))
    return FALSE;

  chosen = bos_plan_dup_chosen_scenario_id (store, self->plan_id, NULL);
  if (g_strcmp0 (chosen, self->id) == 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is the plan's chosen scenario; choose another scenario before "
                     "deleting it"), display);
      goto failed;
    }

  stmt = bos_store_prepare (store,
                            "SELECT count(*) FROM meeting_municipality "
                            "WHERE scenario_id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” holds numbers agreed in meetings and cannot be deleted"), display);
      goto failed;
    }

  if (!bos_record_tombstone (store, "scenario_municipality", "scenario_id", self->id,
                             _("Could not delete the scenario"), error) ||
      !bos_record_tombstone (store, "scenario", "id", self->id,
                             _("Could not delete the scenario"), error) ||
      !bos_store_log_change (store, self->id, "deleted", NULL, "1", self->name, error) ||
      !bos_store_commit (store, error))
    goto failed;

  bos_store_emit_changed (store, "scenario");
  bos_store_emit_changed (store, "scenario_municipality");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_plan_scenario_set_criteria:
 * @criteria: the new criteria; checked with the rules of the file format
 * @why: (nullable): why, for the change log
 *
 * Stores new criteria (in the store and @self). The change log keeps the
 * old and new criteria as JSON.
 */
gboolean
bos_plan_scenario_set_criteria (BosStore           *store,
                                BosPlanScenario    *self,
                                const BosCriteria  *criteria,
                                const char         *why,
                                GError            **error)
{
  g_autofree char *json = NULL;
  g_autofree char *old_json = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), FALSE);
  g_return_val_if_fail (criteria != NULL, FALSE);

  json = criteria_to_checked_json (criteria, error);
  if (json == NULL)
    return FALSE;
  old_json = bos_criteria_to_json (&self->criteria);
  if (g_str_equal (json, old_json))
    return TRUE;

  if (!bos_store_begin (store, error))
    return FALSE;
  if (!update_scenario (store, self->id, "criteria", json, 0, old_json, json, why, error) ||
      !bos_store_commit (store, error))
    {
      bos_store_rollback (store);
      return FALSE;
    }
  if (&self->criteria != criteria)
    {
      bos_criteria_clear (&self->criteria);
      bos_criteria_copy (&self->criteria, criteria);
    }
  set_modified (store, self);
  bos_store_emit_changed (store, "scenario");
  return TRUE;
}

/**
 * bos_plan_scenario_set_by_county:
 * @by_county: two stages (counties, then municipalities) or one
 *
 * Only a national plan's scenario runs in two stages; a county plan's
 * runs in one whatever this says.
 */
gboolean
bos_plan_scenario_set_by_county (BosStore         *store,
                                 BosPlanScenario  *self,
                                 gboolean          by_county,
                                 GError          **error)
{
  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), FALSE);

  by_county = !!by_county;
  if (by_county == self->by_county)
    return TRUE;
  if (!bos_store_begin (store, error))
    return FALSE;
  if (!update_scenario (store, self->id, "by_county", NULL, by_county,
                        self->by_county ? "1" : "0", by_county ? "1" : "0", NULL, error) ||
      !bos_store_commit (store, error))
    {
      bos_store_rollback (store);
      return FALSE;
    }
  self->by_county = by_county;
  set_modified (store, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BY_COUNTY]);
  bos_store_emit_changed (store, "scenario");
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Per-municipality settings                                                */

#define OVERRIDE_COLUMNS \
  "code, adjustment, locked, lock_reason, lock_source, excluded, included, ema_capable, cap, note"

static char *
dup_nullable (sqlite3_stmt *stmt,
              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup (bos_sqlite_text (stmt, column));
}

static void
override_from_row (sqlite3_stmt        *stmt,
                   BosScenarioOverride *override)
{
  bos_scenario_override_init (override);
  override->adjustment = sqlite3_column_double (stmt, 1);
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    override->locked = sqlite3_column_int64 (stmt, 2);
  override->lock_reason = dup_nullable (stmt, 3);
  override->lock_source = dup_nullable (stmt, 4);
  override->excluded = sqlite3_column_int (stmt, 5) != 0;
  override->included = sqlite3_column_int (stmt, 6) != 0;
  override->ema_capable = sqlite3_column_int (stmt, 7) != 0;
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    override->cap = sqlite3_column_int64 (stmt, 8);
  override->note = dup_nullable (stmt, 9);
}

/**
 * bos_plan_scenario_get_override:
 * @override: (out caller-allocates): set to the municipality's settings,
 *   or the defaults when it has none; clear it with
 *   bos_scenario_override_clear()
 */
gboolean
bos_plan_scenario_get_override (BosStore             *store,
                                const char           *scenario_id,
                                const char           *code,
                                BosScenarioOverride  *override,
                                GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (scenario_id != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (override != NULL, FALSE);

  bos_scenario_override_init (override);
  stmt = bos_store_prepare (store,
                            "SELECT " OVERRIDE_COLUMNS " FROM scenario_municipality "
                            "WHERE scenario_id = ? AND code = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scenario_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    override_from_row (stmt, override);
  else if (rc != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not read the scenario's settings"));
  return TRUE;
}

/**
 * bos_plan_scenario_get_overrides:
 *
 * Returns: (transfer full) (element-type utf8 BosScenarioOverride): the
 *   municipalities with settings, by code; %NULL with @error set on failure
 */
GHashTable *
bos_plan_scenario_get_overrides (BosStore    *store,
                                 const char  *scenario_id,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) overrides = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (scenario_id != NULL, NULL);

  stmt = bos_store_prepare (store,
                            "SELECT " OVERRIDE_COLUMNS " FROM scenario_municipality "
                            "WHERE scenario_id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, scenario_id, -1, SQLITE_TRANSIENT);
  overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) bos_scenario_override_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BosScenarioOverride *override = g_new0 (BosScenarioOverride, 1);

      override_from_row (stmt, override);
      g_hash_table_insert (overrides, g_strdup (bos_sqlite_text (stmt, 0)), override);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the scenario's settings"));
      return NULL;
    }
  return g_steal_pointer (&overrides);
}

static gboolean
check_override (const BosScenarioOverride  *override,
                const char                 *code,
                GError                    **error)
{
  if (!isfinite (override->adjustment) || override->adjustment < 0 ||
      override->adjustment > BOS_APPORTION_MAX_VALUE)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("Municipality %s: the adjustment must be a number of 0 or more (got %g)"),
                   code, override->adjustment);
      return FALSE;
    }
  if (override->locked > BOS_APPORTION_MAX_PERSONS || override->cap > BOS_APPORTION_MAX_PERSONS)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("Municipality %s: %" PRId64 " is not a plausible number of persons"),
                   code, MAX (override->locked, override->cap));
      return FALSE;
    }
  if (override->excluded && override->included)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("Municipality %s cannot be both excluded and included by hand"), code);
      return FALSE;
    }
  return TRUE;
}

static char *
int_text (gint64 value)
{
  return value < 0 ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static char *
double_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

static const char *
bool_text (gboolean value)
{
  return value ? "1" : "0";
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* One changed field: a change-log entry and, for numbers, an audit entry */
static gboolean
log_field (BosStore    *store,
           const char  *record_id,
           const char  *plan_id,
           const char  *code,
           const char  *field,
           const char  *old_value,
           const char  *new_value,
           const char  *why,
           gboolean     audit,
           GError     **error)
{
  if (!bos_store_log_change (store, record_id, field, old_value, new_value, why, error))
    return FALSE;
  return !audit ||
         bos_audit_record_full (store, record_id, plan_id, code, field, old_value, new_value,
                                why, error);
}

/**
 * bos_plan_scenario_set_override:
 * @scenario_id: a scenario
 * @code: one of today's municipalities (of the plan's county, for a
 *   county plan)
 * @override: its settings; all defaults removes the settings
 * @why: (nullable): why, for the change log and the audit
 *
 * Stores a municipality's settings in a scenario: one change-log entry per
 * field that changed; the numbers (lock, cap, adjustment, exclusion,
 * inclusion, minors) go to the audit as well. Runs in its own savepoint,
 * so it can be called inside a caller's transaction (a meeting's agreement).
 */
gboolean
bos_plan_scenario_set_override (BosStore                   *store,
                                const char                 *scenario_id,
                                const char                 *code,
                                const BosScenarioOverride  *override,
                                const char                 *why,
                                GError                    **error)
{
  g_auto(BosScenarioOverride) old = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *county = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = bos_timestamp_now ();
  gboolean is_default;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (scenario_id != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (override != NULL, FALSE);

  if (!check_override (override, code, error))
    return FALSE;

  if (!bos_store_begin (store, error))
    return FALSE;

  stmt = bos_store_prepare (store,
                            "SELECT s.plan_id, p.scope FROM scenario s JOIN plan p ON p.id = s.plan_id "
                            "WHERE s.id = ? AND s.deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scenario_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no scenario “%s”"), scenario_id);
      goto failed;
    }
  plan_id = g_strdup (bos_sqlite_text (stmt, 0));
  scope = g_strdup (bos_sqlite_text (stmt, 1));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bos_store_prepare (store, "SELECT county_code FROM municipality WHERE code = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   _("There is no municipality %s today"), code);
      goto failed;
    }
  county = g_strdup (bos_sqlite_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!g_str_equal (scope, BOS_PLAN_SCOPE_NATIONAL) && !g_str_equal (scope, county))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("Municipality %s is not in county %s, which the plan is for"), code, scope);
      goto failed;
    }

  if (!bos_plan_scenario_get_override (store, scenario_id, code, &old, error))
    goto failed;
  if (bos_scenario_override_equal (&old, override))
    {
      bos_store_rollback (store);
      return TRUE;
    }
  is_default = bos_scenario_override_is_default (override);

  id = override_id (scenario_id, code);
  stmt = bos_store_prepare (store,
                            "INSERT INTO scenario_municipality (id, scenario_id, code, adjustment, "
                            "  locked, lock_reason, lock_source, excluded, included, ema_capable, cap, "
                            "  note, modified, author, dirty, deleted) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?15) "
                            "ON CONFLICT (id) DO UPDATE SET adjustment = ?4, locked = ?5, "
                            "  lock_reason = ?6, lock_source = ?7, excluded = ?8, included = ?9, "
                            "  ema_capable = ?10, cap = ?11, note = ?12, modified = ?13, author = ?14, "
                            "  dirty = 1, deleted = ?15",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, scenario_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 4, override->adjustment);
  if (override->locked >= 0)
    sqlite3_bind_int64 (stmt, 5, override->locked);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, empty_to_null (override->lock_reason), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, empty_to_null (override->lock_source), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, override->excluded ? 1 : 0);
  sqlite3_bind_int (stmt, 9, override->included ? 1 : 0);
  sqlite3_bind_int (stmt, 10, override->ema_capable ? 1 : 0);
  if (override->cap >= 0)
    sqlite3_bind_int64 (stmt, 11, override->cap);
  else
    sqlite3_bind_null (stmt, 11);
  sqlite3_bind_text (stmt, 12, empty_to_null (override->note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 15, is_default ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not save the municipality's settings"));
      goto failed;
    }

#define LOG_INT(field, audit)                                                              \
  if (MAX (old.field, -1) != MAX (override->field, -1))                                    \
    {                                                                                      \
      g_autofree char *a = int_text (old.field);                                           \
      g_autofree char *b = int_text (override->field);                                     \
      if (!log_field (store, id, plan_id, code, #field, a, b, why, audit, error))          \
        goto failed;                                                                       \
    }
#define LOG_BOOL(field)                                                                    \
  if (!old.field != !override->field &&                                                    \
      !log_field (store, id, plan_id, code, #field, bool_text (old.field),                 \
                  bool_text (override->field), why, TRUE, error))                          \
    goto failed;
#define LOG_TEXT(field)                                                                    \
  if (!same_text (old.field, override->field) &&                                           \
      !log_field (store, id, plan_id, code, #field, empty_to_null (old.field),             \
                  empty_to_null (override->field), why, FALSE, error))                     \
    goto failed;

  LOG_INT (locked, TRUE)
  LOG_TEXT (lock_reason)
  LOG_TEXT (lock_source)
  LOG_INT (cap, TRUE)
  LOG_BOOL (excluded)
  LOG_BOOL (included)
  LOG_BOOL (ema_capable)
  LOG_TEXT (note)
  if (old.adjustment != override->adjustment)
    {
      g_autofree char *a = double_text (old.adjustment);
      g_autofree char *b = double_text (override->adjustment);

      if (!log_field (store, id, plan_id, code, "adjustment", a, b, why, TRUE, error))
        goto failed;
    }
#undef LOG_INT
#undef LOG_BOOL
#undef LOG_TEXT

  if (!bos_store_commit (store, error))
    goto failed;
  bos_store_emit_changed (store, "scenario_municipality");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_plan_scenario_set_lock:
 * @scenario_id: a scenario
 * @code: a municipality
 * @locked: the request to lock it at, or -1 to unlock
 * @reason: (nullable): why (e.g. what the meeting agreed)
 * @source: (nullable): where the lock comes from, e.g. a meeting's
 *   activity id
 *
 * Locks (or unlocks) a municipality's request, keeping its other settings;
 * see bos_plan_scenario_set_override() (change log, audit with @reason as
 * why; nests inside a caller's transaction). Unlocking clears the reason
 * and the source.
 */
gboolean
bos_plan_scenario_set_lock (BosStore    *store,
                            const char  *scenario_id,
                            const char  *code,
                            gint64       locked,
                            const char  *reason,
                            const char  *source,
                            GError     **error)
{
  g_auto(BosScenarioOverride) override = { 0 };

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (scenario_id != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!bos_plan_scenario_get_override (store, scenario_id, code, &override, error))
    return FALSE;
  override.locked = MAX (locked, -1);
  g_free (override.lock_reason);
  g_free (override.lock_source);
  override.lock_reason = locked >= 0 ? g_strdup (empty_to_null (reason)) : NULL;
  override.lock_source = locked >= 0 ? g_strdup (empty_to_null (source)) : NULL;
  return bos_plan_scenario_set_override (store, scenario_id, code, &override, reason, error);
}

/* ------------------------------------------------------------------------ */
/* Running                                                                  */

typedef struct
{
  int    year;
  char  *scope;
  gint64 need;
  gint64 minors;
} PlanFigures;

static gboolean
load_plan_figures (BosStore     *store,
                   const char   *plan_id,
                   PlanFigures  *plan,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (store,
                            "SELECT year, scope, need, minors FROM plan WHERE id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no plan “%s”"), plan_id);
      return FALSE;
    }
  plan->year = sqlite3_column_int (stmt, 0);
  plan->scope = g_strdup (bos_sqlite_text (stmt, 1));
  plan->need = sqlite3_column_int64 (stmt, 2);
  plan->minors = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

/* What the UI shows as a lock's note: the reason and the meeting it was
 * agreed in. */
static char *
lock_note (const BosScenarioOverride *override,
           const char                *source_title,
           const char                *source_date)
{
  const char *reason = empty_to_null (override->lock_reason);

  if (source_title != NULL && *source_title != '\0')
    {
      g_autofree char *where = NULL;

      if (source_date != NULL && *source_date != '\0')
        /* Translators: a meeting (activity) title and its date */
        where = g_strdup_printf (_("%s, %s"), source_title, source_date);
      else
        where = g_strdup (source_title);
      return reason ? g_strdup_printf ("%s (%s)", reason, where) : g_steal_pointer (&where);
    }
  if (reason != NULL)
    return g_strdup (reason);
  return g_strdup (empty_to_null (override->lock_source));
}

/**
 * bos_plan_scenario_build_input:
 *
 * The input of the distribution for the scenario: the plan's need and
 * minors; its municipalities (all of today's for a national plan, two-stage
 * as the scenario says; the county's for a county plan, one stage), each
 * with its population of the plan year (else of the latest year before it,
 * else the latest there is), the latest immigrant share (an indicator
 * "immigrant_share" of the plan year wins), the indicators of the plan
 * year and the scenario's settings. A factor whose indicator has no values
 * for the plan year is an error when its weight is above 0.
 *
 * Returns: (transfer full): the input, or %NULL with @error set
 */
BosApportionInput *
bos_plan_scenario_build_input (BosStore         *store,
                               BosPlanScenario  *self,
                               GError          **error)
{
  g_autoptr(BosApportionInput) input = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_code = NULL;
  PlanFigures plan = { 0 };
  gboolean national;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);

  if (!load_plan_figures (store, self->plan_id, &plan, error))
    return NULL;
  national = g_str_equal (plan.scope, BOS_PLAN_SCOPE_NATIONAL);

  input = bos_apportion_input_new ();
  input->need = plan.need;
  input->ema_need = plan.minors;
  input->by_county = national && self->by_county;
  bos_criteria_clear (&input->criteria);
  bos_criteria_copy (&input->criteria, &self->criteria);
  by_code = g_hash_table_new (g_str_hash, g_str_equal);

  stmt = bos_store_prepare (store,
                            "SELECT m.code, m.name, m.county_code, "
                            "  coalesce ((SELECT persons FROM population p WHERE p.code = m.code "
                            "             AND p.year <= ?1 ORDER BY p.year DESC LIMIT 1), "
                            "            (SELECT persons FROM population p WHERE p.code = m.code "
                            "             ORDER BY p.year DESC LIMIT 1)), "
                            "  (SELECT share_pct FROM immigrant_share s WHERE s.code = m.code "
                            "   ORDER BY s.year DESC LIMIT 1) "
                            "FROM municipality m WHERE ?2 = 'national' OR m.county_code = ?2 "
                            "ORDER BY m.code",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, plan.year);
  sqlite3_bind_text (stmt, 2, plan.scope, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = bos_sqlite_text (stmt, 0);
      gint64 population = sqlite3_column_int64 (stmt, 3);
      BosMunicipalityInput *m;

      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL || population <= 0)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("Municipality %s %s has no population figure; import the "
                         "municipalities' population"),
                       code, bos_sqlite_text (stmt, 1));
          goto failed;
        }
      m = bos_apportion_input_add_municipality (input, code, bos_sqlite_text (stmt, 1),
                                                bos_sqlite_text (stmt, 2), population);
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        m->immigrant_share = sqlite3_column_double (stmt, 4);
      g_hash_table_insert (by_code, m->code, m);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the municipalities"));
      goto failed;
    }
  if (input->municipalities->len == 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   national ? _("There are no municipalities; import the municipalities first")
                            : _("County %s has no municipalities today"), plan.scope);
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bos_store_prepare (store,
                            "SELECT code, name, value FROM indicator "
                            "WHERE year = ? AND deleted = 0 ORDER BY name, code",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, plan.year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BosMunicipalityInput *m = g_hash_table_lookup (by_code, bos_sqlite_text (stmt, 0));
      const char *name = bos_sqlite_text (stmt, 1);
      double value = sqlite3_column_double (stmt, 2);

      if (m == NULL || g_str_equal (name, BOS_INDICATOR_POPULATION))
        continue;
      bos_apportion_input_set_indicator (input, m, name, value);
      if (g_str_equal (name, "immigrant_share"))
        m->immigrant_share = value;
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the indicators"));
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint k = 0; k < input->criteria.n_factors; k++)
    {
      const BosFactor *factor = &input->criteria.factors[k];

      if (g_str_equal (factor->indicator, BOS_INDICATOR_POPULATION) ||
          bos_apportion_input_find_indicator (input, factor->indicator) >= 0)
        continue;
      if (factor->weight > 0)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("The criteria use the indicator “%s”, which has no values for %d; "
                         "import the indicators of %d or set its weight to 0"),
                       factor->indicator, plan.year, plan.year);
          goto failed;
        }
      /* A factor at weight 0 plays no part: its indicator may be missing. */
      bos_apportion_input_add_indicator (input, factor->indicator);
    }

  stmt = bos_store_prepare (store,
                            "SELECT sm." OVERRIDE_COLUMNS ", a.title, a.start_date "
                            "FROM scenario_municipality sm "
                            "LEFT JOIN activity a ON a.id = sm.lock_source AND a.deleted = 0 "
                            "WHERE sm.scenario_id = ? AND sm.deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(BosScenarioOverride) override = { 0 };
      BosMunicipalityInput *m = g_hash_table_lookup (by_code, bos_sqlite_text (stmt, 0));

      if (m == NULL)
        continue;
      override_from_row (stmt, &override);
      m->adjustment = override.adjustment;
      m->locked = override.locked;
      m->excluded = override.excluded;
      m->included = override.included;
      m->ema_capable = override.ema_capable;
      m->cap = override.cap;
      g_free (m->lock_note);
      m->lock_note = override.locked >= 0 ?
        lock_note (&override, bos_sqlite_text (stmt, 10), bos_sqlite_text (stmt, 11)) : NULL;
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the scenario's settings"));
      goto failed;
    }

  g_free (plan.scope);
  return g_steal_pointer (&input);

failed:
  g_free (plan.scope);
  return NULL;
}

/**
 * bos_plan_scenario_run:
 * @input: (out) (transfer full): set to the input the result refers to;
 *   keep it alive and unchanged while the result is used
 *
 * Builds the input and runs the distribution.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 *   (BOS_ERROR_INFEASIBLE with the shortfall when the locks, caps or
 *   rules cannot hold the need)
 */
BosApportionResult *
bos_plan_scenario_run (BosStore            *store,
                       BosPlanScenario     *self,
                       BosApportionInput  **input,
                       GError             **error)
{
  g_autoptr(BosApportionInput) built = NULL;
  BosApportionResult *result;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  built = bos_plan_scenario_build_input (store, self, error);
  if (built == NULL)
    return NULL;
  result = bos_apportion_run (built, error);
  if (result == NULL)
    return NULL;
  *input = g_steal_pointer (&built);
  return result;
}

/**
 * bos_plan_scenario_to_scenario:
 *
 * The scenario as a file would hold it: its name, the plan year and the
 * input with today's figures.
 *
 * Returns: (transfer full): the scenario, or %NULL with @error set
 */
BosScenario *
bos_plan_scenario_to_scenario (BosStore         *store,
                               BosPlanScenario  *self,
                               GError          **error)
{
  g_autoptr(BosScenario) scenario = NULL;
  BosApportionInput *input;
  int year = 0;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), NULL);

  scope = plan_scope (store, self->plan_id, &year, error);
  if (scope == NULL)
    return NULL;
  input = bos_plan_scenario_build_input (store, self, error);
  if (input == NULL)
    return NULL;
  scenario = bos_scenario_new ();
  g_free (scenario->name);
  scenario->name = bos_plan_scenario_dup_display_name (self);
  scenario->year = year;
  bos_apportion_input_free (scenario->input);
  scenario->input = input;
  return g_steal_pointer (&scenario);
}

/**
 * bos_plan_scenario_export_file:
 * @path: where to write the scenario file (JSON, distribution.md)
 *
 * Writes the scenario with the figures it runs on today. Lock reasons and
 * notes are not part of the file format and stay in the database.
 */
gboolean
bos_plan_scenario_export_file (BosStore         *store,
                               BosPlanScenario  *self,
                               const char       *path,
                               GError          **error)
{
  g_autoptr(BosScenario) scenario = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_PLAN_SCENARIO (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  scenario = bos_plan_scenario_to_scenario (store, self, error);
  if (scenario == NULL)
    return FALSE;
  return bos_scenario_save_file (scenario, path, error);
}

/* @base, or "@base (2)", "@base (3)", … whichever is free */
static char *
free_name (BosStore    *store,
           const char  *plan_id,
           const char  *base,
           GError     **error)
{
  for (guint n = 1; n < 1000; n++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *candidate = n == 1 ? g_strdup (base) : g_strdup_printf ("%s (%u)", base, n);
      g_autofree char *clean = check_name (store, plan_id, candidate, NULL, &local_error);

      if (clean != NULL)
        return g_steal_pointer (&clean);
      if (!g_error_matches (local_error, BOS_ERROR, BOS_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error (error, BOS_ERROR, BOS_ERROR_EXISTS, _("The plan already has a scenario called “%s”"),
               base);
  return NULL;
}

/* Every municipality of @input is one of today's, in @scope */
static gboolean
check_scenario_codes (BosStore                 *store,
                      const char               *scope,
                      const BosApportionInput  *input,
                      GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (store, "SELECT county_code FROM municipality WHERE code = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < input->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, m->code, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                       _("municipalities[%u]: there is no municipality %s today"), i, m->code);
          return FALSE;
        }
      if (!g_str_equal (scope, BOS_PLAN_SCOPE_NATIONAL) &&
          !g_str_equal (scope, bos_sqlite_text (stmt, 0)))
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("municipalities[%u]: municipality %s is not in county %s, which the "
                         "plan is for"), i, m->code, scope);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * bos_plan_scenario_import_scenario:
 * @scenario: a scenario read from a file
 * @name: (nullable): the new scenario's name; %NULL for the file's (made
 *   unique with " (2)", …)
 *
 * Makes a new scenario of the plan from a scenario file: its criteria,
 * its mode (for a national plan) and each municipality's settings
 * (adjustment, lock, exclusion, inclusion, minors, cap). The figures of the
 * file (need, population, immigrant share, indicators, names) are not
 * taken: the plan's scenarios always run on the plan's need and the
 * reference data. Every municipality in the file must be one of today's
 * (and of the plan's county, for a county plan).
 *
 * Returns: (transfer full): the new scenario, or %NULL with @error set
 *   (nothing stored)
 */
BosPlanScenario *
bos_plan_scenario_import_scenario (BosStore           *store,
                                   const char         *plan_id,
                                   const BosScenario  *scenario,
                                   const char         *name,
                                   GError            **error)
{
  g_autoptr(BosPlanScenario) created = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *scope = NULL;
  const BosApportionInput *input;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  input = scenario->input;
  if (!bos_store_begin (store, error))
    return NULL;
  scope = plan_scope (store, plan_id, NULL, error);
  if (scope == NULL)
    goto failed;
  if (name != NULL)
    clean = g_strdup (name);
  else
    {
      const char *base = scenario->name && *scenario->name ? scenario->name : _("Imported");

      clean = free_name (store, plan_id, base, error);
      if (clean == NULL)
        goto failed;
    }
  if (!check_scenario_codes (store, scope, input, error))
    goto failed;
  created = bos_plan_scenario_create (store, plan_id, clean, &input->criteria, error);
  if (created == NULL ||
      !bos_plan_scenario_set_by_county (store, created, input->by_county, error))
    goto failed;

  for (guint i = 0; i < input->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);
      g_auto(BosScenarioOverride) override = { 0 };

      bos_scenario_override_init (&override);
      override.adjustment = m->adjustment;
      override.locked = m->locked;
      override.excluded = m->excluded;
      override.included = m->included;
      override.ema_capable = m->ema_capable;
      override.cap = m->cap;
      if (bos_scenario_override_is_default (&override))
        continue;
      if (!bos_plan_scenario_set_override (store, created->id, m->code, &override,
                                           "imported from a scenario file", error))
        goto failed;
    }

  if (!bos_store_commit (store, error))
    goto failed;
  return g_steal_pointer (&created);

failed:
  bos_store_rollback (store);
  return NULL;
}

/**
 * bos_plan_scenario_import_file:
 * @path: a scenario file (JSON, distribution.md)
 * @name: (nullable): see bos_plan_scenario_import_scenario()
 *
 * Reads the file (strictly, as `bosetting-cli simulate` does) and imports
 * it with bos_plan_scenario_import_scenario().
 */
BosPlanScenario *
bos_plan_scenario_import_file (BosStore    *store,
                               const char  *plan_id,
                               const char  *path,
                               const char  *name,
                               GError     **error)
{
  g_autoptr(BosScenario) scenario = NULL;
  g_autoptr(GError) local_error = NULL;
  BosPlanScenario *created;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  scenario = bos_scenario_load_file (path, error);
  if (scenario == NULL)
    return NULL;
  created = bos_plan_scenario_import_scenario (store, plan_id, scenario, name, &local_error);
  if (created == NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);

      g_set_error (error, local_error->domain, local_error->code, "%s: %s", basename,
                   local_error->message);
    }
  return created;
}

/* ------------------------------------------------------------------------ */
/* The chosen scenario                                                      */

/**
 * bos_plan_dup_chosen_scenario_id:
 *
 * Returns: (transfer full): the id of the plan's chosen scenario, or %NULL
 *   with @error set (BOS_ERROR_NOT_FOUND when the plan has none)
 */
char *
bos_plan_dup_chosen_scenario_id (BosStore    *store,
                                 const char  *plan_id,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  stmt = bos_store_prepare (store,
                            "SELECT s.id FROM plan p JOIN scenario s ON s.id = p.chosen_scenario "
                            "AND s.deleted = 0 AND s.plan_id = p.id WHERE p.id = ? AND p.deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   _("The plan “%s” has no chosen distribution scenario"), plan_id);
      return NULL;
    }
  return g_strdup (bos_sqlite_text (stmt, 0));
}

/**
 * bos_plan_load_chosen_scenario:
 *
 * Returns: (transfer full): the plan's chosen scenario, or %NULL with
 *   @error set
 */
BosPlanScenario *
bos_plan_load_chosen_scenario (BosStore    *store,
                               const char  *plan_id,
                               GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  id = bos_plan_dup_chosen_scenario_id (store, plan_id, error);
  if (id == NULL)
    return NULL;
  return bos_plan_scenario_load (store, id, error);
}

/**
 * bos_plan_set_chosen_scenario:
 * @plan_id: a plan
 * @scenario_id: one of its scenarios
 * @why: (nullable): why, for the change log and the audit
 *
 * Chooses the scenario whose result is the plan's proposed requests. The
 * change is in the change log and the audit (old, new, why).
 */
gboolean
bos_plan_set_chosen_scenario (BosStore    *store,
                              const char  *plan_id,
                              const char  *scenario_id,
                              const char  *why,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old = NULL;
  g_autofree char *now = bos_timestamp_now ();

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);
  g_return_val_if_fail (scenario_id != NULL, FALSE);

  if (!bos_store_begin (store, error))
    return FALSE;

  stmt = bos_store_prepare (store,
                            "SELECT 1 FROM scenario WHERE id = ? AND plan_id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scenario_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, plan_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   _("The plan “%s” has no scenario “%s”"), plan_id, scenario_id);
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bos_store_prepare (store, "SELECT chosen_scenario FROM plan WHERE id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no plan “%s”"), plan_id);
      goto failed;
    }
  old = dup_nullable (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (g_strcmp0 (old, scenario_id) == 0)
    {
      bos_store_rollback (store);
      return TRUE;
    }

  stmt = bos_store_prepare (store,
                            "UPDATE plan SET chosen_scenario = ?1, modified = ?2, author = ?3, "
                            "  dirty = 1 WHERE id = ?4",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scenario_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, plan_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not save the plan's chosen scenario"));
      goto failed;
    }
  if (!log_field (store, plan_id, plan_id, NULL, "chosen_scenario", old, scenario_id, why,
                  TRUE, error) ||
      !bos_store_commit (store, error))
    goto failed;

  bos_store_emit_changed (store, "plan");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_plan_get_proposed_requests:
 * @plan_id: a plan
 *
 * The plan's proposed requests: the result of its chosen scenario on
 * today's figures, one #BosRequest per municipality of the plan (all of
 * today's for a national plan, the county's for a county plan; requests of
 * 0 included), in code order, with minors = the unaccompanied minors'
 * request and next_year_figure = -1.
 *
 * Returns: (transfer full) (element-type BosRequest): the requests, or
 *   %NULL with @error set (BOS_ERROR_NOT_FOUND without a chosen scenario,
 *   BOS_ERROR_INFEASIBLE when the scenario cannot be run)
 */
GArray *
bos_plan_get_proposed_requests (BosStore    *store,
                                const char  *plan_id,
                                GError     **error)
{
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autoptr(BosApportionInput) input = NULL;
  g_autoptr(BosApportionResult) result = NULL;
  g_autoptr(GArray) requests = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  scenario = bos_plan_load_chosen_scenario (store, plan_id, error);
  if (scenario == NULL)
    return NULL;
  result = bos_plan_scenario_run (store, scenario, &input, error);
  if (result == NULL)
    return NULL;

  requests = g_array_sized_new (FALSE, TRUE, sizeof (BosRequest), input->municipalities->len);
  for (guint i = 0; i < input->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);
      BosRequest request = { { 0 } };

      g_strlcpy (request.code, m->code, sizeof request.code);
      g_strlcpy (request.county_code, m->county, sizeof request.county_code);
      request.request = result->municipalities[i].request;
      request.minors = result->municipalities[i].ema_request;
      request.next_year_figure = -1;
      g_array_append_val (requests, request);
    }
  /* build_input reads the municipalities in code order */
  return g_steal_pointer (&requests);
}
