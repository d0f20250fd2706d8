/* bos-plan.c: a year's settlement plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan is one year's settlement need (national or for one county), of
 * which unaccompanied minors and resettlement refugees. Its id is the
 * natural key "plan:YEAR:SCOPE", so two planners who create the same year's
 * plan offline meet in one record when they sync, not in two.
 */
#define G_LOG_DOMAIN "bos-plan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-calendar.h"
#include "bos-error.h"
#include "bos-plan.h"
#include "bos-plan-scenario.h"

struct _BosPlan
{
  GObject   parent_instance;

  char     *id;
  int       year;
  char     *scope;
  int       need;
  int       minors;
  int       resettlement;
  char     *status;
  gboolean  is_demo;
  char     *created;
  char     *modified;
};

G_DEFINE_FINAL_TYPE (BosPlan, bos_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_YEAR,
  PROP_SCOPE,
  PROP_NEED,
  PROP_MINORS,
  PROP_RESETTLEMENT,
  PROP_STATUS,
  PROP_IS_DEMO,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PLAN_COLUMNS "id, year, scope, need, minors, resettlement, status, is_demo, created, modified"

static BosPlan *
plan_from_row (sqlite3_stmt *stmt)
{
  BosPlan *self = g_object_new (BOS_TYPE_PLAN, NULL);

  self->id = g_strdup (bos_sqlite_text (stmt, 0));
  self->year = sqlite3_column_int (stmt, 1);
  self->scope = g_strdup (bos_sqlite_text (stmt, 2));
  self->need = sqlite3_column_int (stmt, 3);
  self->minors = sqlite3_column_int (stmt, 4);
  self->resettlement = sqlite3_column_int (stmt, 5);
  self->status = g_strdup (bos_sqlite_text (stmt, 6));
  self->is_demo = sqlite3_column_int (stmt, 7) != 0;
  self->created = g_strdup (bos_sqlite_text (stmt, 8));
  self->modified = g_strdup (bos_sqlite_text (stmt, 9));
  return self;
}

static void
bos_plan_finalize (GObject *object)
{
  BosPlan *self = (BosPlan *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);

  G_OBJECT_CLASS (bos_plan_parent_class)->finalize (object);
}

static void
bos_plan_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BosPlan *self = BOS_PLAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_NEED:
      g_value_set_int (value, self->need);
      break;
    case PROP_MINORS:
      g_value_set_int (value, self->minors);
      break;
    case PROP_RESETTLEMENT:
      g_value_set_int (value, self->resettlement);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;
    case PROP_TITLE:
      g_value_take_string (value, bos_plan_dup_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_plan_class_init (BosPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bos_plan_finalize;
  object_class->get_property = bos_plan_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NEED] =
    g_param_spec_int ("need", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MINORS] =
    g_param_spec_int ("minors", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RESETTLEMENT] =
    g_param_spec_int ("resettlement", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_plan_init (BosPlan *self)
{
}

const char *
bos_plan_get_id (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), NULL);
  return self->id;
}

int
bos_plan_get_year (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), 0);
  return self->year;
}

const char *
bos_plan_get_scope (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), NULL);
  return self->scope;
}

int
bos_plan_get_need (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), 0);
  return self->need;
}

int
bos_plan_get_minors (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), 0);
  return self->minors;
}

int
bos_plan_get_resettlement (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), 0);
  return self->resettlement;
}

const char *
bos_plan_get_status (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), NULL);
  return self->status;
}

gboolean
bos_plan_get_is_demo (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), FALSE);
  return self->is_demo;
}

const char *
bos_plan_get_created (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), NULL);
  return self->created;
}

const char *
bos_plan_get_modified (BosPlan *self)
{
  g_return_val_if_fail (BOS_IS_PLAN (self), NULL);
  return self->modified;
}

/**
 * bos_plan_dup_title:
 *
 * Returns: (transfer full): "Plan 2027", with the county and a demo mark
 *   where they apply, translated
 */
char *
bos_plan_dup_title (BosPlan *self)
{
  g_autoptr(GString) title = g_string_new (NULL);

  g_return_val_if_fail (BOS_IS_PLAN (self), NULL);

  /* Translators: %d is a year */
  g_string_printf (title, _("Plan %d"), self->year);
  if (!g_str_equal (self->scope, BOS_PLAN_SCOPE_NATIONAL))
    /* Translators: a county plan; %s is the county number */
    g_string_append_printf (title, _(" (county %s)"), self->scope);
  if (self->is_demo)
    g_string_append (title, _(" (demo)"));
  return g_string_free (g_steal_pointer (&title), FALSE);
}

char *
bos_plan_make_id (int         year,
                  const char *scope)
{
  g_return_val_if_fail (scope != NULL, NULL);
  return g_strdup_printf ("plan:%d:%s", year, scope);
}

/**
 * bos_plan_validate:
 *
 * Checks the numbers of a new plan, with a message that says which one is
 * wrong and why.
 */
gboolean
bos_plan_validate (int          year,
                   const char  *scope,
                   int          need,
                   int          minors,
                   int          resettlement,
                   GError     **error)
{
  if (year < 1990 || year > 2200)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The year %d is not a plausible plan year (1990–2200)"), year);
      return FALSE;
    }
  if (scope == NULL || !(g_str_equal (scope, BOS_PLAN_SCOPE_NATIONAL) ||
                         (strlen (scope) == 2 && g_ascii_isdigit (scope[0]) &&
                          g_ascii_isdigit (scope[1]))))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The scope must be “national” or a two-digit county number"));
      return FALSE;
    }
  if (need < 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The settlement need cannot be negative (%d)"), need);
      return FALSE;
    }
  if (minors < 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The number of unaccompanied minors cannot be negative (%d)"), minors);
      return FALSE;
    }
  if (resettlement < 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The number of resettlement refugees cannot be negative (%d)"), resettlement);
      return FALSE;
    }
  if (minors > need)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("Unaccompanied minors (%d) cannot be more than the settlement need (%d)"),
                   minors, need);
      return FALSE;
    }
  if (resettlement > need)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("Resettlement refugees (%d) cannot be more than the settlement need (%d)"),
                   resettlement, need);
      return FALSE;
    }
  return TRUE;
}

/**
 * bos_plan_create:
 * @scope: %BOS_PLAN_SCOPE_NATIONAL or a county code
 *
 * Creates and stores a new plan; one plan per year and scope.
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
BosPlan *
bos_plan_create (BosStore    *store,
                 int          year,
                 const char  *scope,
                 int          need,
                 int          minors,
                 int          resettlement,
                 gboolean     is_demo,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *need_text = NULL;
  BosPlan *plan;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  if (!bos_plan_validate (year, scope, need, minors, resettlement, error))
    return NULL;

  id = bos_plan_make_id (year, scope);
  now = bos_timestamp_now ();

  if (!bos_store_begin (store, error))
    return NULL;

  stmt = bos_store_prepare (store, "SELECT deleted FROM plan WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0)
    {
      if (g_str_equal (scope, BOS_PLAN_SCOPE_NATIONAL))
        g_set_error (error, BOS_ERROR, BOS_ERROR_EXISTS,
                     _("There is already a national plan for %d"), year);
      else
        g_set_error (error, BOS_ERROR, BOS_ERROR_EXISTS,
                     _("There is already a plan for %d for county %s"), year, scope);
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* A plan deleted earlier keeps its tombstone until sync; creating it
   * again revives the same record instead of adding a second one. */
  stmt = bos_store_prepare (store,
                            "INSERT INTO plan (id, year, scope, need, minors, resettlement, status, "
                            "  is_demo, created, modified, author, dirty, deleted) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7, ?8, ?8, ?9, 1, 0) "
                            "ON CONFLICT (id) DO UPDATE SET need = ?4, minors = ?5, "
                            "  resettlement = ?6, status = 'draft', is_demo = ?7, created = ?8, "
                            "  modified = ?8, author = ?9, dirty = 1, deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_text (stmt, 3, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, need);
  sqlite3_bind_int (stmt, 5, minors);
  sqlite3_bind_int (stmt, 6, resettlement);
  sqlite3_bind_int (stmt, 7, is_demo ? 1 : 0);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not save the plan"));
      goto failed;
    }

  need_text = g_strdup_printf ("%d", need);
  if (!bos_store_log_change (store, id, "need", NULL, need_text, "created", error))
    goto failed;

  /* Every new plan starts with the default yearly cycle (årshjul). */
  if (!bos_calendar_create_default (store, id, year, error))
    goto failed;

  /* … and a default distribution scenario, chosen (distribution.md) */
  if (!bos_plan_scenario_create_default (store, id, error))
    goto failed;

  plan = bos_plan_load (store, id, error);
  if (plan == NULL)
    goto failed;

  if (!bos_store_commit (store, error))
    {
      g_object_unref (plan);
      goto failed;
    }

  bos_store_emit_changed (store, "plan");
  bos_store_emit_changed (store, "activity");
  bos_store_emit_changed (store, "scenario");
  return plan;

failed:
  bos_store_rollback (store);
  return NULL;
}

BosPlan *
bos_plan_load (BosStore    *store,
               const char  *id,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = bos_store_prepare (store, "SELECT " PLAN_COLUMNS " FROM plan WHERE id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no plan “%s”"), id);
      return NULL;
    }
  return plan_from_row (stmt);
}

/**
 * bos_plan_list:
 *
 * Returns: (transfer full): a #GListModel of #BosPlan, newest year first
 */
GListModel *
bos_plan_list (BosStore  *store,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) plans = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  stmt = bos_store_prepare (store,
                            "SELECT " PLAN_COLUMNS " FROM plan WHERE deleted = 0 "
                            "ORDER BY year DESC, scope = 'national' DESC, scope",
                            error);
  if (stmt == NULL)
    return NULL;

  plans = g_list_store_new (BOS_TYPE_PLAN);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BosPlan) plan = plan_from_row (stmt);
      g_list_store_append (plans, plan);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the plans"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&plans));
}
