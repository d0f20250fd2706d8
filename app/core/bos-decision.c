/* bos-decision.c: a municipality's decision on the plan's request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each municipal council decides (vedtak) how many refugees it will settle
 * in the plan year, of which unaccompanied minors, on a date and under a
 * council case reference. One decision per municipality and year: its id
 * is the natural key "decision:YEAR:CODE", so two planners who register the
 * same answer offline meet in one record when they sync. The decision
 * belongs to the plan it was registered under; a county plan only takes
 * decisions of its own county's municipalities.
 *
 * A BosDecision is a value: set its fields, then bos_decision_save()
 * inserts or updates it in one transaction with a change-log entry (who,
 * when, old and new value) per changed field. Deleting leaves a tombstone
 * for sync. Importing a CSV file (code,persons,minors,date,reference
 * [,note]) is one transaction with the same rules as the other importers:
 * every row is checked, the first bad one rolls everything back and the
 * error names the file, the line and the field; importing the same file
 * again changes nothing.
 */
#define G_LOG_DOMAIN "bos-decision"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-activity.h"
#include "bos-audit.h"
#include "bos-date.h"
#include "bos-decision.h"
#include "bos-error.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"
#include "bos-record.h"

struct _BosDecision
{
  GObject  parent_instance;

  char    *id;
  char    *plan_id;
  int      year;
  char    *code;
  gint64   persons;
  gint64   minors;
  char    *decided_on;  /* NULL when not known */
  char    *reference;
  char    *note;
  char    *modified;
  char    *author;
};

G_DEFINE_FINAL_TYPE (BosDecision, bos_decision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_YEAR,
  PROP_CODE,
  PROP_PERSONS,
  PROP_MINORS,
  PROP_DECIDED_ON,
  PROP_REFERENCE,
  PROP_NOTE,
  PROP_MODIFIED,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  ROW_UNCHANGED,
  ROW_UPDATED,
  ROW_INSERTED,
} RowChange;

/* The fields a user edits, as the change log names them. */
enum {
  FIELD_PLAN_ID,
  FIELD_PERSONS,
  FIELD_MINORS,
  FIELD_DECIDED_ON,
  FIELD_REFERENCE,
  FIELD_NOTE,
  N_FIELDS
};

static const char * const field_names[N_FIELDS] = {
  "plan_id", "persons", "minors", "decided_on", "reference", "note",
};

#define DECISION_COLUMNS \
  "id, plan_id, year, code, persons, minors, decided_on, reference, note, modified, author"

/* ---- helpers ------------------------------------------------------------- */

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static BosDecision *
decision_from_row (sqlite3_stmt *stmt)
{
  BosDecision *self = g_object_new (BOS_TYPE_DECISION,
                                    "plan-id", bos_sqlite_text (stmt, 1),
                                    "year", sqlite3_column_int (stmt, 2),
                                    "code", bos_sqlite_text (stmt, 3),
                                    NULL);

  g_assert (g_str_equal (self->id, bos_sqlite_text (stmt, 0)));
  self->persons = sqlite3_column_int64 (stmt, 4);
  self->minors = sqlite3_column_int64 (stmt, 5);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    self->decided_on = g_strdup (bos_sqlite_text (stmt, 6));
  set_string (&self->reference, bos_sqlite_text (stmt, 7));
  set_string (&self->note, bos_sqlite_text (stmt, 8));
  self->modified = g_strdup (bos_sqlite_text (stmt, 9));
  self->author = g_strdup (bos_sqlite_text (stmt, 10));
  return self;
}

/* The values of the user-edited fields as the change log writes them. */
static void
decision_values (BosDecision *self,
                 char        *values[N_FIELDS])
{
  values[FIELD_PLAN_ID] = g_strdup (self->plan_id);
  values[FIELD_PERSONS] = g_strdup_printf ("%" G_GINT64_FORMAT, self->persons);
  values[FIELD_MINORS] = g_strdup_printf ("%" G_GINT64_FORMAT, self->minors);
  values[FIELD_DECIDED_ON] = g_strdup (self->decided_on);
  values[FIELD_REFERENCE] = g_strdup (self->reference);
  values[FIELD_NOTE] = g_strdup (self->note);
}

static void
values_clear (char *values[N_FIELDS])
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&values[i], g_free);
}

/* The plan's year and scope (BOS_PLAN_SCOPE_NATIONAL or a county code). */
static gboolean
load_plan_scope (BosStore    *store,
                 const char  *plan_id,
                 int         *year,
                 char       **scope,
                 gint64      *need,
                 GError     **error)
{
  g_autoptr(BosPlan) plan = bos_plan_load (store, plan_id, error);

  if (plan == NULL)
    return FALSE;
  if (year != NULL)
    *year = bos_plan_get_year (plan);
  if (scope != NULL)
    *scope = g_strdup (bos_plan_get_scope (plan));
  if (need != NULL)
    *need = bos_plan_get_need (plan);
  return TRUE;
}

/* NULL when @info may be part of a plan of @scope, else a sentence. */
static char *
scope_problem (const BosMunicipalityInfo *info,
               const char                *scope)
{
  if (g_str_equal (scope, BOS_PLAN_SCOPE_NATIONAL) || g_str_equal (scope, info->county_code))
    return NULL;
  return g_strdup_printf (_("%s %s is in county %s (%s), not in this plan's county %s"),
                          info->code, info->name, info->county_code, info->county_name, scope);
}

/* Checks the values of @self against the plan and the municipalities. */
static gboolean
check_decision (BosDecision           *self,
                BosMunicipalityIndex  *index,
                int                    plan_year,
                const char            *plan_scope,
                GError               **error)
{
  g_autofree char *problem = NULL;
  const BosMunicipalityInfo *info;

  if (!bos_decision_validate (self, error))
    return FALSE;
  if (self->year != plan_year)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The decision is for %d but the plan “%s” is for %d"),
                   self->year, self->plan_id, plan_year);
      return FALSE;
    }
  if (!bos_municipality_index_check_code (index, self->code, &problem))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, "%s", problem);
      return FALSE;
    }
  info = bos_municipality_index_lookup (index, self->code);
  problem = scope_problem (info, plan_scope);
  if (problem != NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, "%s", problem);
      return FALSE;
    }
  return TRUE;
}

/* Inserts or updates @self inside the caller's transaction, with a
 * change-log entry per changed field. A tombstone comes back to life. */
static gboolean
decision_write (BosStore     *store,
                BosDecision  *self,
                const char   *why,
                RowChange    *change,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  char *values[N_FIELDS] = { NULL };
  char *old_values[N_FIELDS] = { NULL };
  gboolean exists = FALSE, deleted = FALSE, same = TRUE, ok = FALSE;
  int rc;

  stmt = bos_store_prepare (store,
                            "SELECT " DECISION_COLUMNS ", deleted FROM decision WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(BosDecision) stored = decision_from_row (stmt);

      exists = TRUE;
      deleted = sqlite3_column_int (stmt, 11) != 0;
      if (!deleted)
        decision_values (stored, old_values);
    }
  else if (rc != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not read a decision"));
  g_clear_pointer (&stmt, sqlite3_finalize);

  decision_values (self, values);
  for (guint i = 0; i < N_FIELDS; i++)
    same &= g_strcmp0 (values[i], old_values[i]) == 0;
  if (exists && !deleted && same)
    {
      *change = ROW_UNCHANGED;
      ok = TRUE;
      goto out;
    }

  now = bos_timestamp_now ();
  stmt = bos_store_prepare (store,
                            "INSERT INTO decision (" DECISION_COLUMNS ", dirty, deleted) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, 0) "
                            "ON CONFLICT (id) DO UPDATE SET plan_id = ?2, persons = ?5, minors = ?6, "
                            "  decided_on = ?7, reference = ?8, note = ?9, modified = ?10, "
                            "  author = ?11, dirty = 1, deleted = 0",
                            error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->plan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, self->year);
  sqlite3_bind_text (stmt, 4, self->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, self->persons);
  sqlite3_bind_int64 (stmt, 6, self->minors);
  if (self->decided_on != NULL)
    sqlite3_bind_text (stmt, 7, self->decided_on, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, self->reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, self->note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not save the decision"));
      goto out;
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (g_strcmp0 (values[i], old_values[i]) == 0)
        continue;
      /* A new record logs only the fields that have a value. */
      if (old_values[i] == NULL && (values[i] == NULL || *values[i] == '\0'))
        continue;
      if (!bos_store_log_change (store, self->id, field_names[i], old_values[i], values[i],
                                 why, error))
        goto out;
      /* Numbers also go to the shared audit log (sync.md). */
      if ((i == FIELD_PERSONS || i == FIELD_MINORS) &&
          !bos_audit_record_full (store, self->id, self->plan_id, self->code, field_names[i],
                                  old_values[i], values[i], why, error))
        goto out;
    }

  set_string (&self->modified, now);
  set_string (&self->author, bos_store_get_author (store));
  *change = exists && !deleted ? ROW_UPDATED : ROW_INSERTED;
  ok = TRUE;

out:
  values_clear (values);
  values_clear (old_values);
  return ok;
}

/* ---- GObject ------------------------------------------------------------- */

static void
bos_decision_finalize (GObject *object)
{
  BosDecision *self = (BosDecision *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->decided_on, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->author, g_free);

  G_OBJECT_CLASS (bos_decision_parent_class)->finalize (object);
}

static void
bos_decision_constructed (GObject *object)
{
  BosDecision *self = (BosDecision *) object;

  G_OBJECT_CLASS (bos_decision_parent_class)->constructed (object);

  self->id = bos_decision_make_id (self->year, self->code ? self->code : "");
}

static void
bos_decision_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BosDecision *self = BOS_DECISION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_PLAN_ID:
      g_value_set_string (value, self->plan_id);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_PERSONS:
      g_value_set_int64 (value, self->persons);
      break;
    case PROP_MINORS:
      g_value_set_int64 (value, self->minors);
      break;
    case PROP_DECIDED_ON:
      g_value_set_string (value, self->decided_on);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
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
bos_decision_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BosDecision *self = BOS_DECISION (object);

  switch (prop_id)
    {
    case PROP_PLAN_ID:
      self->plan_id = g_value_dup_string (value);
      break;
    case PROP_YEAR:
      self->year = g_value_get_int (value);
      break;
    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;
    case PROP_PERSONS:
      bos_decision_set_persons (self, g_value_get_int64 (value));
      break;
    case PROP_MINORS:
      bos_decision_set_minors (self, g_value_get_int64 (value));
      break;
    case PROP_DECIDED_ON:
      bos_decision_set_decided_on (self, g_value_get_string (value));
      break;
    case PROP_REFERENCE:
      bos_decision_set_reference (self, g_value_get_string (value));
      break;
    case PROP_NOTE:
      bos_decision_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_decision_class_init (BosDecisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bos_decision_finalize;
  object_class->constructed = bos_decision_constructed;
  object_class->get_property = bos_decision_get_property;
  object_class->set_property = bos_decision_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN_ID] =
    g_param_spec_string ("plan-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSONS] =
    g_param_spec_int64 ("persons", NULL, NULL, 0, G_MAXINT32, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MINORS] =
    g_param_spec_int64 ("minors", NULL, NULL, 0, G_MAXINT32, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECIDED_ON] =
    g_param_spec_string ("decided-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_string ("modified", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_decision_init (BosDecision *self)
{
  self->reference = g_strdup ("");
  self->note = g_strdup ("");
}

/* ---- public API ---------------------------------------------------------- */

/**
 * bos_decision_new:
 * @plan_id: the plan the decision answers, e.g. "plan:2027:national"
 * @year: the plan's year
 * @code: today's municipality number
 *
 * Returns: (transfer full): a decision of 0 persons, not yet stored
 */
BosDecision *
bos_decision_new (const char *plan_id,
                  int         year,
                  const char *code)
{
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_object_new (BOS_TYPE_DECISION,
                       "plan-id", plan_id,
                       "year", year,
                       "code", code,
                       NULL);
}

/**
 * bos_decision_make_id:
 *
 * Returns: (transfer full): "decision:YEAR:CODE"
 */
char *
bos_decision_make_id (int         year,
                      const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);
  return g_strdup_printf ("decision:%d:%s", year, code);
}

const char *
bos_decision_get_id (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), NULL);
  return self->id;
}

const char *
bos_decision_get_plan_id (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), NULL);
  return self->plan_id;
}

int
bos_decision_get_year (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), 0);
  return self->year;
}

const char *
bos_decision_get_code (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), NULL);
  return self->code;
}

gint64
bos_decision_get_persons (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), 0);
  return self->persons;
}

void
bos_decision_set_persons (BosDecision *self,
                          gint64       persons)
{
  g_return_if_fail (BOS_IS_DECISION (self));

  if (self->persons == persons)
    return;
  self->persons = persons;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONS]);
}

gint64
bos_decision_get_minors (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), 0);
  return self->minors;
}

void
bos_decision_set_minors (BosDecision *self,
                         gint64       minors)
{
  g_return_if_fail (BOS_IS_DECISION (self));

  if (self->minors == minors)
    return;
  self->minors = minors;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINORS]);
}

const char *
bos_decision_get_decided_on (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), NULL);
  return self->decided_on;
}

/**
 * bos_decision_set_decided_on:
 * @decided_on: (nullable): "YYYY-MM-DD", or %NULL (or "") when not known
 */
void
bos_decision_set_decided_on (BosDecision *self,
                             const char  *decided_on)
{
  g_return_if_fail (BOS_IS_DECISION (self));

  if (decided_on != NULL && *decided_on == '\0')
    decided_on = NULL;
  if (set_string (&self->decided_on, decided_on))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIDED_ON]);
}

const char *
bos_decision_get_reference (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), NULL);
  return self->reference;
}

void
bos_decision_set_reference (BosDecision *self,
                            const char  *reference)
{
  g_return_if_fail (BOS_IS_DECISION (self));

  if (set_string (&self->reference, reference ? reference : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE]);
}

const char *
bos_decision_get_note (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), NULL);
  return self->note;
}

void
bos_decision_set_note (BosDecision *self,
                       const char  *note)
{
  g_return_if_fail (BOS_IS_DECISION (self));

  if (set_string (&self->note, note ? note : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

const char *
bos_decision_get_modified (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), NULL);
  return self->modified;
}

const char *
bos_decision_get_author (BosDecision *self)
{
  g_return_val_if_fail (BOS_IS_DECISION (self), NULL);
  return self->author;
}

/**
 * bos_decision_validate:
 *
 * Checks the values on their own: persons ≥ 0, 0 ≤ minors ≤ persons and a
 * real date (or none). bos_decision_save() also checks the plan and the
 * municipality.
 *
 * Returns: %TRUE, or %FALSE with a BOS_ERROR_INVALID @error
 */
gboolean
bos_decision_validate (BosDecision  *self,
                       GError      **error)
{
  GDate date;

  g_return_val_if_fail (BOS_IS_DECISION (self), FALSE);

  if (self->persons < 0 || self->persons > G_MAXINT32)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("%" PRId64 " is not a number of persons (0 or more)"), self->persons);
      return FALSE;
    }
  if (self->minors < 0 || self->minors > self->persons)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("%" PRId64 " unaccompanied minors is not between 0 and the %"
                     PRId64 " persons decided"), self->minors, self->persons);
      return FALSE;
    }
  if (self->decided_on != NULL)
    {
      g_autofree char *iso = NULL;

      if (!bos_date_parse (self->decided_on, &date, error))
        return FALSE;
      iso = bos_date_to_iso (&date);
      if (!g_str_equal (iso, self->decided_on))
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("The date of the decision must be written YYYY-MM-DD, not “%s”"),
                       self->decided_on);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * bos_decision_save:
 * @decision: a new decision or one read with bos_decision_load() and changed
 * @why: (nullable): the reason written to the change log
 *
 * Inserts or updates @decision in one transaction, with a change-log entry
 * per changed field (who, when, old and new value, @why); marks it dirty
 * for sync. A decision that was deleted comes back. Nothing is written when
 * nothing changed. The municipality must be one of today's, in the plan's
 * county for a county plan, and the year the plan's.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing stored
 */
gboolean
bos_decision_save (BosStore     *store,
                   BosDecision  *decision,
                   const char   *why,
                   GError      **error)
{
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autofree char *scope = NULL;
  RowChange change = ROW_UNCHANGED;
  int plan_year;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_DECISION (decision), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!load_plan_scope (store, decision->plan_id, &plan_year, &scope, NULL, error))
    return FALSE;
  index = bos_municipality_index_load (store, error);
  if (index == NULL || !check_decision (decision, index, plan_year, scope, error))
    return FALSE;

  if (!bos_store_begin (store, error))
    return FALSE;
  if (!decision_write (store, decision, why, &change, error) ||
      !bos_store_commit (store, error))
    {
      bos_store_rollback (store);
      return FALSE;
    }
  if (change != ROW_UNCHANGED && sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "decision");
  return TRUE;
}

/**
 * bos_decision_load:
 *
 * Returns: (transfer full): the decision of municipality @code for @year,
 *   or %NULL with a BOS_ERROR_NOT_FOUND @error when there is none
 */
BosDecision *
bos_decision_load (BosStore    *store,
                   int          year,
                   const char  *code,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = bos_decision_make_id (year, code);
  stmt = bos_store_prepare (store,
                            "SELECT " DECISION_COLUMNS " FROM decision WHERE id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return decision_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                 _("There is no decision of municipality %s for %d"), code, year);
  else
    bos_store_set_error (store, error, _("Could not read a decision"));
  return NULL;
}

/**
 * bos_decision_delete:
 * @why: (nullable): the reason written to the change log
 *
 * Deletes the decision of @code for @year, leaving a tombstone for sync.
 *
 * Returns: %TRUE, or %FALSE with @error set (BOS_ERROR_NOT_FOUND when
 *   there is no such decision)
 */
gboolean
bos_decision_delete (BosStore    *store,
                     int          year,
                     const char  *code,
                     const char  *why,
                     GError     **error)
{
  g_autoptr(BosDecision) stored = NULL;
  g_autofree char *persons = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bos_store_begin (store, error))
    return FALSE;
  stored = bos_decision_load (store, year, code, error);
  if (stored == NULL)
    goto failed;

  if (!bos_record_tombstone (store, "decision", "id", stored->id,
                             _("Could not delete the decision"), error))
    goto failed;
  persons = g_strdup_printf ("%" G_GINT64_FORMAT, stored->persons);
  if (!bos_store_log_change (store, stored->id, "deleted", persons, NULL, why, error) ||
      !bos_audit_record_full (store, stored->id, stored->plan_id, stored->code, "persons",
                              persons, NULL, why, error) ||
      !bos_store_commit (store, error))
    goto failed;

  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "decision");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_decision_list:
 * @plan_id: a plan
 *
 * The decisions of the plan's year, in code order; for a county plan only
 * those of the county's municipalities.
 *
 * Returns: (transfer full): a list model of BosDecision, or %NULL with
 *   @error set
 */
GListModel *
bos_decision_list (BosStore    *store,
                   const char  *plan_id,
                   GError     **error)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *scope = NULL;
  int year, rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_plan_scope (store, plan_id, &year, &scope, NULL, error))
    return NULL;

  stmt = bos_store_prepare (store,
                            "SELECT d.id, d.plan_id, d.year, d.code, d.persons, d.minors, "
                            "  d.decided_on, d.reference, d.note, d.modified, d.author "
                            "FROM decision d JOIN municipality m ON m.code = d.code "
                            "WHERE d.year = ?1 AND d.deleted = 0 "
                            "  AND (?2 = '" BOS_PLAN_SCOPE_NATIONAL "' OR m.county_code = ?2) "
                            "ORDER BY d.code",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_TRANSIENT);

  list = g_list_store_new (BOS_TYPE_DECISION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BosDecision) decision = decision_from_row (stmt);

      g_list_store_append (list, decision);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the decisions"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* ---- import -------------------------------------------------------------- */

enum {
  CSV_CODE,
  CSV_PERSONS,
  CSV_MINORS,
  CSV_DATE,
  CSV_REFERENCE,
  CSV_NOTE,
};

static gboolean
read_persons (BosCsv   *csv,
              guint     column,
              gboolean  allow_empty,
              gint64   *value,
              GError  **error)
{
  if (!bos_csv_get_int (csv, column, allow_empty, NULL, value, error))
    return FALSE;
  if (*value < 0)
    return bos_csv_set_error (csv, error, column,
                              "%" G_GINT64_FORMAT " is negative; a number of persons is 0 or more",
                              *value);
  if (*value > G_MAXINT32)
    return bos_csv_set_error (csv, error, column,
                              "%" G_GINT64_FORMAT " is not a plausible number of persons", *value);
  return TRUE;
}

static gboolean
import_rows (BosStore              *store,
             const char            *plan_id,
             int                    year,
             const char            *scope,
             BosMunicipalityIndex  *index,
             BosCsv                *csv,
             BosImportStats        *stats,
             gboolean              *changed,
             GError               **error)
{
  static const char * const expected[] = {
    "code", "persons", "minors", "date", "reference", NULL
  };
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *why = NULL;
  const char * const *header;
  gboolean has_note;
  guint n_header;

  header = bos_csv_read_any_header (csv, error);
  if (header == NULL)
    return FALSE;
  n_header = g_strv_length ((char **) header);
  has_note = n_header == 6 && g_str_equal (header[5], "note");
  if ((n_header != 5 && !has_note) ||
      !g_str_equal (header[0], expected[0]) || !g_str_equal (header[1], expected[1]) ||
      !g_str_equal (header[2], expected[2]) || !g_str_equal (header[3], expected[3]) ||
      !g_str_equal (header[4], expected[4]))
    {
      g_autofree char *got = g_strjoinv (",", (char **) header);

      g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                   _("%s, line 1: the header is “%s”, expected “code,persons,minors,date,reference” "
                     "(and optionally “,note”)"),
                   bos_csv_get_source_name (csv), got);
      return FALSE;
    }

  why = g_strdup_printf ("import of %s", bos_csv_get_source_name (csv));
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(BosDecision) decision = NULL;
      g_autoptr(BosDecision) stored = NULL;
      g_autofree char *code = NULL;
      g_autofree char *problem = NULL;
      g_autofree char *date_text = NULL;
      g_autofree char *reference = NULL;
      const BosMunicipalityInfo *info;
      RowChange change = ROW_UNCHANGED;
      gpointer first_line;
      gint64 persons, minors;

      if (!bos_csv_next_row (csv, &local_error))
        {
          if (local_error == NULL)
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      stats->rows_read++;

      code = g_strstrip (g_strdup (bos_csv_get_field (csv, CSV_CODE)));
      if (!bos_municipality_index_check_code (index, code, &problem))
        return bos_csv_set_error (csv, error, CSV_CODE, "%s", problem);
      info = bos_municipality_index_lookup (index, code);
      problem = scope_problem (info, scope);
      if (problem != NULL)
        return bos_csv_set_error (csv, error, CSV_CODE, "%s", problem);
      if (g_hash_table_lookup_extended (lines, code, NULL, &first_line))
        return bos_csv_set_error (csv, error, CSV_CODE,
                                  _("a second decision of %s (the first is on line %u)"),
                                  code, GPOINTER_TO_UINT (first_line));
      g_hash_table_insert (lines, g_strdup (code), GUINT_TO_POINTER (bos_csv_get_line (csv)));

      if (!read_persons (csv, CSV_PERSONS, FALSE, &persons, error) ||
          !read_persons (csv, CSV_MINORS, TRUE, &minors, error))
        return FALSE;
      if (minors > persons)
        return bos_csv_set_error (csv, error, CSV_MINORS,
                                  _("%" PRId64 " unaccompanied minors is more than the %"
                                    PRId64 " persons decided"), minors, persons);

      date_text = g_strstrip (g_strdup (bos_csv_get_field (csv, CSV_DATE)));
      if (*date_text != '\0')
        {
          GDate date;

          if (!bos_date_parse (date_text, &date, &local_error))
            return bos_csv_set_error (csv, error, CSV_DATE, "%s", local_error->message);
          g_free (date_text);
          date_text = bos_date_to_iso (&date);
        }

      decision = bos_decision_new (plan_id, year, info->code);
      decision->persons = persons;
      decision->minors = minors;
      bos_decision_set_decided_on (decision, date_text);
      reference = g_strstrip (g_strdup (bos_csv_get_field (csv, CSV_REFERENCE)));
      bos_decision_set_reference (decision, reference);
      if (has_note)
        {
          g_autofree char *note = g_strstrip (g_strdup (bos_csv_get_field (csv, CSV_NOTE)));

          bos_decision_set_note (decision, note);
        }
      else
        {
          /* A file without notes keeps the notes planners wrote. */
          stored = bos_decision_load (store, year, info->code, NULL);
          if (stored != NULL)
            bos_decision_set_note (decision, stored->note);
        }

      if (!decision_write (store, decision, why, &change, &local_error))
        return bos_csv_set_error (csv, error, -1, _("the decision could not be stored: %s"),
                                  local_error->message);
      switch (change)
        {
        case ROW_INSERTED:
          stats->rows_inserted++;
          *changed = TRUE;
          break;
        case ROW_UPDATED:
          stats->rows_updated++;
          *changed = TRUE;
          break;
        case ROW_UNCHANGED:
        default:
          stats->rows_unchanged++;
          break;
        }
    }
}

/**
 * bos_decision_import_csv:
 * @plan_id: the plan the decisions answer
 * @csv: a reader positioned before the header
 *   `code,persons,minors,date,reference[,note]`
 * @stats: (out caller-allocates) (optional): what the import did
 *
 * Imports the decisions of @csv in one transaction. Each row is checked:
 * a municipality of today (a former number is refused with today's number
 * named), in the plan's county for a county plan, at most once; persons a
 * whole number ≥ 0; minors empty (0) or a whole number between 0 and
 * persons; date empty (not known), YYYY-MM-DD or D.M.YYYY and a real date.
 * The first bad row stops the import with a BOS_ERROR_PARSE error naming
 * the file, the line and the field, and nothing is stored. Rows already
 * stored with the same values are unchanged; changed values are updated
 * with a change-log entry per field ("import of FILE"). Without a note
 * column the stored notes are kept.
 *
 * Returns: %TRUE on success
 */
gboolean
bos_decision_import_csv (BosStore        *store,
                         const char      *plan_id,
                         BosCsv          *csv,
                         BosImportStats  *stats,
                         GError         **error)
{
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autofree char *scope = NULL;
  BosImportStats local_stats = { 0 };
  gboolean changed = FALSE;
  int year;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);

  if (!load_plan_scope (store, plan_id, &year, &scope, NULL, error))
    return FALSE;
  index = bos_municipality_index_load (store, error);
  if (index == NULL)
    return FALSE;

  if (!bos_store_begin (store, error))
    return FALSE;
  if (!import_rows (store, plan_id, year, scope, index, csv, &local_stats, &changed, error) ||
      !bos_store_commit (store, error))
    {
      bos_store_rollback (store);
      return FALSE;
    }

  if (stats != NULL)
    *stats = local_stats;
  if (changed && sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "decision");
  return TRUE;
}

/**
 * bos_decision_import_file:
 * @path: a UTF-8 CSV file separated by “,”
 *
 * Reads @path and imports it with bos_decision_import_csv().
 */
gboolean
bos_decision_import_file (BosStore        *store,
                          const char      *plan_id,
                          const char      *path,
                          BosImportStats  *stats,
                          GError         **error)
{
  g_autoptr(BosCsv) csv = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);
  csv = bos_csv_new_from_file (path, ',', BOS_CSV_ENCODING_UTF8, error);
  if (csv == NULL)
    return FALSE;
  return bos_decision_import_csv (store, plan_id, csv, stats, error);
}

/* ---- deadline and coverage ----------------------------------------------- */

/**
 * bos_decision_find_deadline:
 * @plan_id: a plan
 * @deadline: (out caller-allocates): the last day to answer, when found
 * @found: (out): whether the plan has an answer deadline
 *
 * The answer deadline is the plan's calendar activity of kind
 * "answer_deadline" (not cancelled); with several, the latest end. A
 * month-only date ("2027-12") means the last day of that month.
 *
 * Returns: %TRUE (with @found telling whether there is one), or %FALSE
 *   with @error set
 */
gboolean
bos_decision_find_deadline (BosStore    *store,
                            const char  *plan_id,
                            GDate       *deadline,
                            gboolean    *found,
                            GError     **error)
{
  g_autoptr(GListModel) activities = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);
  g_return_val_if_fail (deadline != NULL, FALSE);
  g_return_val_if_fail (found != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *found = FALSE;
  g_date_clear (deadline, 1);
  activities = bos_activity_list (store, plan_id, error);
  if (activities == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);
      BosPlanDate end;
      GDate last;

      if (bos_activity_get_kind (activity) != BOS_ACTIVITY_KIND_ANSWER_DEADLINE ||
          bos_activity_get_status (activity) == BOS_ACTIVITY_STATUS_CANCELLED ||
          !bos_activity_get_end_date (activity, &end))
        continue;
      g_date_clear (&last, 1);
      bos_plan_date_get_last_day (&end, &last);
      if (!*found || g_date_compare (&last, deadline) > 0)
        *deadline = last;
      *found = TRUE;
    }
  return TRUE;
}

/**
 * bos_decision_coverage:
 * @plan_id: a plan
 * @requests: (element-type BosRequest): the plan's requests
 * @deadline: (nullable): the answer deadline, or %NULL for the plan's
 *   (bos_decision_find_deadline())
 * @today: the date that decides what is overdue
 *
 * The coverage of the plan's need by the decisions registered for its
 * year (bos_coverage_compute()).
 *
 * Returns: (transfer full): the coverage, or %NULL with @error set
 */
BosCoverage *
bos_decision_coverage (BosStore     *store,
                       const char   *plan_id,
                       GArray       *requests,
                       const GDate  *deadline,
                       const GDate  *today,
                       GError      **error)
{
  g_autoptr(GListModel) decisions = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autofree BosCoverageDecision *values = NULL;
  GDate plan_deadline;
  gboolean found = FALSE;
  gint64 need;
  guint n;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (requests != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_plan_scope (store, plan_id, NULL, NULL, &need, error))
    return NULL;
  if (deadline == NULL)
    {
      if (!bos_decision_find_deadline (store, plan_id, &plan_deadline, &found, error))
        return NULL;
      if (found)
        deadline = &plan_deadline;
    }
  index = bos_municipality_index_load (store, error);
  if (index == NULL)
    return NULL;
  decisions = bos_decision_list (store, plan_id, error);
  if (decisions == NULL)
    return NULL;

  n = g_list_model_get_n_items (decisions);
  values = g_new0 (BosCoverageDecision, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosDecision) decision = g_list_model_get_item (decisions, i);
      const BosMunicipalityInfo *info = bos_municipality_index_lookup (index, decision->code);

      g_strlcpy (values[i].code, decision->code, sizeof values[i].code);
      if (info != NULL)
        g_strlcpy (values[i].county_code, info->county_code, sizeof values[i].county_code);
      values[i].persons = decision->persons;
      values[i].minors = decision->minors;
      g_date_clear (&values[i].decided_on, 1);
      if (decision->decided_on != NULL)
        bos_date_parse (decision->decided_on, &values[i].decided_on, NULL);
    }

  return bos_coverage_compute (requests, values, n, need, deadline, today);
}
