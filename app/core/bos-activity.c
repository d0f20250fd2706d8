/* bos-activity.c: one activity of a plan's yearly cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An activity is a step of the yearly cycle (årshjul): criteria, the
 * settlement need, the county distribution, collaboration meetings,
 * letters, the answer deadline, or anything else planners add. A
 * collaboration meeting is an activity of kind "meeting"; its participants,
 * agenda and agreed numbers live in tables that refer to the activity.
 *
 * A BosActivity is a value read from the database: change its properties,
 * then bos_activity_update() writes what changed in one transaction, with a
 * change-log entry per field. Deleting leaves a tombstone for sync.
 */
#define G_LOG_DOMAIN "bos-activity"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-activity.h"
#include "bos-error.h"
#include "bos-record.h"

struct _BosActivity
{
  GObject           parent_instance;

  char             *id;
  char             *plan_id;
  BosActivityKind   kind;
  char             *title;
  char             *description;
  char             *start;
  char             *end;
  char             *start_time;    /* NULL when not set */
  char             *end_time;      /* NULL when not set */
  char             *responsible;
  char             *participants;
  BosActivityStatus status;
  char             *notes;
  char             *location;
  char             *video_link;
  char             *county_code;   /* NULL when not set */
  int               sequence;
  char             *modified;
  char             *author;
};

G_DEFINE_FINAL_TYPE (BosActivity, bos_activity, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BosActivityKind, bos_activity_kind,
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_KIND_CRITERIA, "criteria"),
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_KIND_NEED, "need"),
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_KIND_COUNTY_DISTRIBUTION, "county_distribution"),
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_KIND_MEETING, "meeting"),
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_KIND_LETTERS, "letters"),
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_KIND_ANSWER_DEADLINE, "answer_deadline"),
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_KIND_OTHER, "other"))

G_DEFINE_ENUM_TYPE (BosActivityStatus, bos_activity_status,
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_STATUS_PLANNED, "planned"),
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_STATUS_IN_PROGRESS, "in_progress"),
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_STATUS_DONE, "done"),
  G_DEFINE_ENUM_VALUE (BOS_ACTIVITY_STATUS_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_START,
  PROP_END,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_RESPONSIBLE,
  PROP_PARTICIPANTS,
  PROP_STATUS,
  PROP_NOTES,
  PROP_LOCATION,
  PROP_VIDEO_LINK,
  PROP_COUNTY_CODE,
  PROP_SEQUENCE,
  PROP_MODIFIED,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The storage strings are the enum nicks: one table, no second spelling. */
static const char * const kind_names[BOS_ACTIVITY_N_KINDS] = {
  "criteria", "need", "county_distribution", "meeting", "letters", "answer_deadline", "other",
};

static const char * const status_names[BOS_ACTIVITY_N_STATUSES] = {
  "planned", "in_progress", "done", "cancelled",
};

/* The columns a user edits, in the order activity_values() fills them. */
enum {
  COL_PLAN_ID,
  COL_KIND,
  COL_TITLE,
  COL_DESCRIPTION,
  COL_START_DATE,
  COL_END_DATE,
  COL_START_TIME,
  COL_END_TIME,
  COL_RESPONSIBLE,
  COL_PARTICIPANTS,
  COL_STATUS,
  COL_NOTES,
  COL_LOCATION,
  COL_VIDEO_LINK,
  COL_COUNTY_CODE,
  N_COLS
};

static const char * const column_names[N_COLS] = {
  "plan_id", "kind", "title", "description", "start_date", "end_date", "start_time",
  "end_time", "responsible", "participants", "status", "notes", "location", "video_link",
  "county_code",
};

#define ACTIVITY_COLUMNS \
  "id, plan_id, kind, title, description, start_date, end_date, start_time, end_time, " \
  "responsible, participants, status, notes, location, video_link, county_code, sequence, " \
  "modified, author"

static void
activity_values (BosActivity *self,
                 const char  *values[N_COLS])
{
  values[COL_PLAN_ID] = self->plan_id;
  values[COL_KIND] = kind_names[self->kind];
  values[COL_TITLE] = self->title;
  values[COL_DESCRIPTION] = self->description;
  values[COL_START_DATE] = self->start;
  values[COL_END_DATE] = self->end;
  values[COL_START_TIME] = self->start_time;
  values[COL_END_TIME] = self->end_time;
  values[COL_RESPONSIBLE] = self->responsible;
  values[COL_PARTICIPANTS] = self->participants;
  values[COL_STATUS] = status_names[self->status];
  values[COL_NOTES] = self->notes;
  values[COL_LOCATION] = self->location;
  values[COL_VIDEO_LINK] = self->video_link;
  values[COL_COUNTY_CODE] = self->county_code;
}

static const char *
nullable_text (sqlite3_stmt *stmt,
               int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static BosActivity *
activity_from_row (sqlite3_stmt *stmt)
{
  BosActivity *self = g_object_new (BOS_TYPE_ACTIVITY, NULL);

  self->id = g_strdup (bos_sqlite_text (stmt, 0));
  self->plan_id = g_strdup (bos_sqlite_text (stmt, 1));
  if (!bos_activity_kind_from_string (bos_sqlite_text (stmt, 2), &self->kind))
    self->kind = BOS_ACTIVITY_KIND_OTHER;
  g_free (self->title);
  self->title = g_strdup (bos_sqlite_text (stmt, 3));
  g_free (self->description);
  self->description = g_strdup (bos_sqlite_text (stmt, 4));
  g_free (self->start);
  self->start = g_strdup (bos_sqlite_text (stmt, 5));
  g_free (self->end);
  self->end = g_strdup (bos_sqlite_text (stmt, 6));
  self->start_time = g_strdup (nullable_text (stmt, 7));
  self->end_time = g_strdup (nullable_text (stmt, 8));
  g_free (self->responsible);
  self->responsible = g_strdup (bos_sqlite_text (stmt, 9));
  g_free (self->participants);
  self->participants = g_strdup (bos_sqlite_text (stmt, 10));
  if (!bos_activity_status_from_string (bos_sqlite_text (stmt, 11), &self->status))
    self->status = BOS_ACTIVITY_STATUS_PLANNED;
  g_free (self->notes);
  self->notes = g_strdup (bos_sqlite_text (stmt, 12));
  g_free (self->location);
  self->location = g_strdup (bos_sqlite_text (stmt, 13));
  g_free (self->video_link);
  self->video_link = g_strdup (bos_sqlite_text (stmt, 14));
  self->county_code = g_strdup (nullable_text (stmt, 15));
  self->sequence = sqlite3_column_int (stmt, 16);
  self->modified = g_strdup (bos_sqlite_text (stmt, 17));
  self->author = g_strdup (bos_sqlite_text (stmt, 18));
  return self;
}

/* Sets a text field that is never NULL ("" when empty). */
static void
set_text (BosActivity  *self,
          char        **field,
          const char   *value,
          guint         prop_id)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Sets a text field that is NULL when empty. */
static void
set_optional_text (BosActivity  *self,
                   char        **field,
                   const char   *value,
                   guint         prop_id)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Only emit ::changed once the outermost transaction is committed; a
 * caller that wraps several edits emits after its own commit. */
static void
emit_if_committed (BosStore *store)
{
  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "activity");
}

static gboolean
plan_exists (BosStore    *store,
             const char  *plan_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (store, "SELECT 1 FROM plan WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no plan “%s”"), plan_id);
      return FALSE;
    }
  return TRUE;
}

/* Reads sequence, modified and author back after a write. */
static gboolean
refresh_sync_fields (BosActivity  *self,
                     BosStore     *store,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (store, "SELECT sequence, modified, author FROM activity WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return bos_store_set_error (store, error, _("Could not read the activity back"));

  if (self->sequence != sqlite3_column_int (stmt, 0))
    {
      self->sequence = sqlite3_column_int (stmt, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEQUENCE]);
    }
  if (g_strcmp0 (self->modified, bos_sqlite_text (stmt, 1)) != 0)
    {
      g_free (self->modified);
      self->modified = g_strdup (bos_sqlite_text (stmt, 1));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (g_strcmp0 (self->author, bos_sqlite_text (stmt, 2)) != 0)
    {
      g_free (self->author);
      self->author = g_strdup (bos_sqlite_text (stmt, 2));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
    }
  return TRUE;
}

/* Whether the activity is a meeting with agreed numbers: they are locks in
 * the distribution (bos-meeting-county.c) with the meeting as their source,
 * so the meeting must stay a meeting and must not go away until meeting
 * mode has cleared them. */
static gboolean
has_agreements (BosStore    *store,
                const char  *id,
                gboolean    *agreed,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (store,
                            "SELECT 1 FROM meeting_municipality "
                            "WHERE activity_id = ? AND deleted = 0 AND agreed IS NOT NULL LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      *agreed = TRUE;
      return TRUE;
    case SQLITE_DONE:
      *agreed = FALSE;
      return TRUE;
    default:
      return bos_store_set_error (store, error, _("Could not read the meeting’s municipalities"));
    }
}

static void
bos_activity_finalize (GObject *object)
{
  BosActivity *self = (BosActivity *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->start, g_free);
  g_clear_pointer (&self->end, g_free);
  g_clear_pointer (&self->start_time, g_free);
  g_clear_pointer (&self->end_time, g_free);
  g_clear_pointer (&self->responsible, g_free);
  g_clear_pointer (&self->participants, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->video_link, g_free);
  g_clear_pointer (&self->county_code, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->author, g_free);

  G_OBJECT_CLASS (bos_activity_parent_class)->finalize (object);
}

static void
bos_activity_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BosActivity *self = BOS_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_PLAN_ID:
      g_value_set_string (value, self->plan_id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_START:
      g_value_set_string (value, self->start);
      break;
    case PROP_END:
      g_value_set_string (value, self->end);
      break;
    case PROP_START_TIME:
      g_value_set_string (value, self->start_time);
      break;
    case PROP_END_TIME:
      g_value_set_string (value, self->end_time);
      break;
    case PROP_RESPONSIBLE:
      g_value_set_string (value, self->responsible);
      break;
    case PROP_PARTICIPANTS:
      g_value_set_string (value, self->participants);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_VIDEO_LINK:
      g_value_set_string (value, self->video_link);
      break;
    case PROP_COUNTY_CODE:
      g_value_set_string (value, self->county_code);
      break;
    case PROP_SEQUENCE:
      g_value_set_int (value, self->sequence);
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
bos_activity_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BosActivity *self = BOS_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      bos_activity_set_id (self, g_value_get_string (value));
      break;
    case PROP_PLAN_ID:
      g_assert (self->plan_id == NULL);
      self->plan_id = g_value_dup_string (value);
      break;
    case PROP_KIND:
      bos_activity_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      bos_activity_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      bos_activity_set_description (self, g_value_get_string (value));
      break;
    case PROP_START:
      bos_activity_set_start (self, g_value_get_string (value));
      break;
    case PROP_END:
      bos_activity_set_end (self, g_value_get_string (value));
      break;
    case PROP_START_TIME:
      bos_activity_set_start_time (self, g_value_get_string (value));
      break;
    case PROP_END_TIME:
      bos_activity_set_end_time (self, g_value_get_string (value));
      break;
    case PROP_RESPONSIBLE:
      bos_activity_set_responsible (self, g_value_get_string (value));
      break;
    case PROP_PARTICIPANTS:
      bos_activity_set_participants (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      bos_activity_set_status (self, g_value_get_enum (value));
      break;
    case PROP_NOTES:
      bos_activity_set_notes (self, g_value_get_string (value));
      break;
    case PROP_LOCATION:
      bos_activity_set_location (self, g_value_get_string (value));
      break;
    case PROP_VIDEO_LINK:
      bos_activity_set_video_link (self, g_value_get_string (value));
      break;
    case PROP_COUNTY_CODE:
      bos_activity_set_county_code (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_activity_class_init (BosActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bos_activity_finalize;
  object_class->get_property = bos_activity_get_property;
  object_class->set_property = bos_activity_set_property;

  /* "activity:uuid"; the iCalendar UID is this id + "@bosetting" */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, rw);
  properties[PROP_PLAN_ID] =
    g_param_spec_string ("plan-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, BOS_TYPE_ACTIVITY_KIND, BOS_ACTIVITY_KIND_OTHER, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", rw);
  /* "YYYY-MM-DD" or "YYYY-MM" */
  properties[PROP_START] = g_param_spec_string ("start", NULL, NULL, "", rw);
  properties[PROP_END] = g_param_spec_string ("end", NULL, NULL, "", rw);
  /* "HH:MM" or NULL */
  properties[PROP_START_TIME] = g_param_spec_string ("start-time", NULL, NULL, NULL, rw);
  properties[PROP_END_TIME] = g_param_spec_string ("end-time", NULL, NULL, NULL, rw);
  /* organisations, separated by ';' */
  properties[PROP_RESPONSIBLE] = g_param_spec_string ("responsible", NULL, NULL, "", rw);
  properties[PROP_PARTICIPANTS] = g_param_spec_string ("participants", NULL, NULL, "", rw);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, BOS_TYPE_ACTIVITY_STATUS,
                       BOS_ACTIVITY_STATUS_PLANNED, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, "", rw);
  properties[PROP_VIDEO_LINK] = g_param_spec_string ("video-link", NULL, NULL, "", rw);
  /* the county whose municipalities a meeting covers, or NULL */
  properties[PROP_COUNTY_CODE] = g_param_spec_string ("county-code", NULL, NULL, NULL, rw);
  /* the iCalendar SEQUENCE: how often the stored activity was revised */
  properties[PROP_SEQUENCE] = g_param_spec_int ("sequence", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_MODIFIED] = g_param_spec_string ("modified", NULL, NULL, NULL, ro);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_activity_init (BosActivity *self)
{
  self->kind = BOS_ACTIVITY_KIND_OTHER;
  self->status = BOS_ACTIVITY_STATUS_PLANNED;
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->start = g_strdup ("");
  self->end = g_strdup ("");
  self->responsible = g_strdup ("");
  self->participants = g_strdup ("");
  self->notes = g_strdup ("");
  self->location = g_strdup ("");
  self->video_link = g_strdup ("");
}

/* Enums */

const char *
bos_activity_kind_to_string (BosActivityKind kind)
{
  g_return_val_if_fail (kind < BOS_ACTIVITY_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
bos_activity_kind_from_string (const char      *text,
                               BosActivityKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (kind_names[i], text))
      {
        *kind = (BosActivityKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * bos_activity_kind_get_label:
 *
 * Returns: the kind for people, translated
 */
const char *
bos_activity_kind_get_label (BosActivityKind kind)
{
  switch (kind)
    {
    case BOS_ACTIVITY_KIND_CRITERIA:
      return C_("activity kind", "Criteria");
    case BOS_ACTIVITY_KIND_NEED:
      return C_("activity kind", "Settlement need");
    case BOS_ACTIVITY_KIND_COUNTY_DISTRIBUTION:
      return C_("activity kind", "County distribution");
    case BOS_ACTIVITY_KIND_MEETING:
      return C_("activity kind", "Meeting");
    case BOS_ACTIVITY_KIND_LETTERS:
      return C_("activity kind", "Letters");
    case BOS_ACTIVITY_KIND_ANSWER_DEADLINE:
      return C_("activity kind", "Answer deadline");
    case BOS_ACTIVITY_KIND_OTHER:
      return C_("activity kind", "Other");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
bos_activity_status_to_string (BosActivityStatus status)
{
  g_return_val_if_fail (status < BOS_ACTIVITY_N_STATUSES, NULL);
  return status_names[status];
}

gboolean
bos_activity_status_from_string (const char        *text,
                                 BosActivityStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (status_names[i], text))
      {
        *status = (BosActivityStatus) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * bos_activity_status_get_label:
 *
 * Returns: the status for people, translated
 */
const char *
bos_activity_status_get_label (BosActivityStatus status)
{
  switch (status)
    {
    case BOS_ACTIVITY_STATUS_PLANNED:
      return C_("activity status", "Planned");
    case BOS_ACTIVITY_STATUS_IN_PROGRESS:
      return C_("activity status", "In progress");
    case BOS_ACTIVITY_STATUS_DONE:
      return C_("activity status", "Done");
    case BOS_ACTIVITY_STATUS_CANCELLED:
      return C_("activity status", "Cancelled");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Construction */

/**
 * bos_activity_new:
 * @plan_id: the plan the activity belongs to
 *
 * A new activity, not stored yet, with a fresh id "activity:uuid", kind
 * other and status planned. Set its fields, then bos_activity_create().
 *
 * Returns: (transfer full): the activity
 */
BosActivity *
bos_activity_new (const char *plan_id)
{
  g_autofree char *id = bos_new_uuid_id ("activity");

  g_return_val_if_fail (plan_id != NULL, NULL);

  return g_object_new (BOS_TYPE_ACTIVITY, "plan-id", plan_id, "id", id, NULL);
}

/**
 * bos_activity_copy:
 *
 * A copy with the same id, for an editor that changes the copy and keeps
 * the original untouched until the user saves.
 *
 * Returns: (transfer full): the copy
 */
BosActivity *
bos_activity_copy (BosActivity *self)
{
  BosActivity *copy;

  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);

  copy = g_object_new (BOS_TYPE_ACTIVITY, "plan-id", self->plan_id, "id", self->id, NULL);
  copy->kind = self->kind;
  g_free (copy->title);
  copy->title = g_strdup (self->title);
  g_free (copy->description);
  copy->description = g_strdup (self->description);
  g_free (copy->start);
  copy->start = g_strdup (self->start);
  g_free (copy->end);
  copy->end = g_strdup (self->end);
  copy->start_time = g_strdup (self->start_time);
  copy->end_time = g_strdup (self->end_time);
  g_free (copy->responsible);
  copy->responsible = g_strdup (self->responsible);
  g_free (copy->participants);
  copy->participants = g_strdup (self->participants);
  copy->status = self->status;
  g_free (copy->notes);
  copy->notes = g_strdup (self->notes);
  g_free (copy->location);
  copy->location = g_strdup (self->location);
  g_free (copy->video_link);
  copy->video_link = g_strdup (self->video_link);
  copy->county_code = g_strdup (self->county_code);
  copy->sequence = self->sequence;
  copy->modified = g_strdup (self->modified);
  copy->author = g_strdup (self->author);
  return copy;
}

/* Accessors */

const char *
bos_activity_get_id (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->id;
}

void
bos_activity_set_id (BosActivity *self,
                     const char  *id)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  g_return_if_fail (id != NULL && *id != '\0');
  set_text (self, &self->id, id, PROP_ID);
}

const char *
bos_activity_get_plan_id (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->plan_id;
}

BosActivityKind
bos_activity_get_kind (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), BOS_ACTIVITY_KIND_OTHER);
  return self->kind;
}

void
bos_activity_set_kind (BosActivity     *self,
                       BosActivityKind  kind)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  g_return_if_fail (kind < BOS_ACTIVITY_N_KINDS);

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
bos_activity_get_title (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->title;
}

void
bos_activity_set_title (BosActivity *self,
                        const char  *title)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_text (self, &self->title, title, PROP_TITLE);
}

const char *
bos_activity_get_description (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->description;
}

void
bos_activity_set_description (BosActivity *self,
                              const char  *description)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_text (self, &self->description, description, PROP_DESCRIPTION);
}

const char *
bos_activity_get_start (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->start;
}

void
bos_activity_set_start (BosActivity *self,
                        const char  *start)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_text (self, &self->start, start, PROP_START);
}

const char *
bos_activity_get_end (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->end;
}

void
bos_activity_set_end (BosActivity *self,
                      const char  *end)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_text (self, &self->end, end, PROP_END);
}

/**
 * bos_activity_get_start_time:
 *
 * Returns: (nullable): "HH:MM", or %NULL for an all-day activity
 */
const char *
bos_activity_get_start_time (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->start_time;
}

void
bos_activity_set_start_time (BosActivity *self,
                             const char  *start_time)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_optional_text (self, &self->start_time, start_time, PROP_START_TIME);
}

/**
 * bos_activity_get_end_time:
 *
 * Returns: (nullable): "HH:MM", or %NULL
 */
const char *
bos_activity_get_end_time (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->end_time;
}

void
bos_activity_set_end_time (BosActivity *self,
                           const char  *end_time)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_optional_text (self, &self->end_time, end_time, PROP_END_TIME);
}

const char *
bos_activity_get_responsible (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->responsible;
}

void
bos_activity_set_responsible (BosActivity *self,
                              const char  *responsible)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_text (self, &self->responsible, responsible, PROP_RESPONSIBLE);
}

const char *
bos_activity_get_participants (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->participants;
}

void
bos_activity_set_participants (BosActivity *self,
                               const char  *participants)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_text (self, &self->participants, participants, PROP_PARTICIPANTS);
}

BosActivityStatus
bos_activity_get_status (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), BOS_ACTIVITY_STATUS_PLANNED);
  return self->status;
}

void
bos_activity_set_status (BosActivity       *self,
                         BosActivityStatus  status)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  g_return_if_fail (status < BOS_ACTIVITY_N_STATUSES);

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
bos_activity_get_notes (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->notes;
}

void
bos_activity_set_notes (BosActivity *self,
                        const char  *notes)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_text (self, &self->notes, notes, PROP_NOTES);
}

const char *
bos_activity_get_location (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->location;
}

void
bos_activity_set_location (BosActivity *self,
                           const char  *location)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_text (self, &self->location, location, PROP_LOCATION);
}

const char *
bos_activity_get_video_link (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->video_link;
}

void
bos_activity_set_video_link (BosActivity *self,
                             const char  *video_link)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_text (self, &self->video_link, video_link, PROP_VIDEO_LINK);
}

/**
 * bos_activity_get_county_code:
 *
 * Returns: (nullable): the county a meeting covers
 */
const char *
bos_activity_get_county_code (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->county_code;
}

void
bos_activity_set_county_code (BosActivity *self,
                              const char  *county_code)
{
  g_return_if_fail (BOS_IS_ACTIVITY (self));
  set_optional_text (self, &self->county_code, county_code, PROP_COUNTY_CODE);
}

int
bos_activity_get_sequence (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), 0);
  return self->sequence;
}

/**
 * bos_activity_get_modified:
 *
 * Returns: (nullable): when the stored activity was last changed (ISO 8601
 *   UTC), or %NULL when it was never stored
 */
const char *
bos_activity_get_modified (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->modified;
}

const char *
bos_activity_get_author (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);
  return self->author;
}

/* Derived values */

gboolean
bos_activity_get_start_date (BosActivity *self,
                             BosPlanDate *date)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);
  return bos_plan_date_parse (self->start, date, NULL);
}

gboolean
bos_activity_get_end_date (BosActivity *self,
                           BosPlanDate *date)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);
  return bos_plan_date_parse (self->end, date, NULL);
}

/**
 * bos_activity_dup_dates_label:
 *
 * Returns: (transfer full): the dates (and times) for people: "May – June
 *   2027", "15 September 2027, 09:00–15:00"
 */
char *
bos_activity_dup_dates_label (BosActivity *self)
{
  BosPlanDate start, end;
  g_autofree char *range = NULL;

  g_return_val_if_fail (BOS_IS_ACTIVITY (self), NULL);

  if (!bos_activity_get_start_date (self, &start) || !bos_activity_get_end_date (self, &end))
    return g_strdup_printf ("%s – %s", self->start, self->end);
  range = bos_plan_date_format_range (&start, &end);
  if (self->start_time != NULL && self->end_time != NULL)
    /* Translators: dates, then a start and end time */
    return g_strdup_printf (_("%s, %s–%s"), range, self->start_time, self->end_time);
  if (self->start_time != NULL)
    /* Translators: dates, then a start time */
    return g_strdup_printf (_("%s, %s"), range, self->start_time);
  return g_steal_pointer (&range);
}

/**
 * bos_activity_dup_list_label:
 * @list: organisations separated by ';', as responsible and participants
 *   are stored
 *
 * Returns: (transfer full): "IMDi, KS"
 */
char *
bos_activity_dup_list_label (const char *list)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) label = g_string_new (NULL);

  if (list == NULL)
    return g_strdup ("");

  parts = g_strsplit (list, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (label->len > 0)
        g_string_append (label, ", ");
      g_string_append (label, parts[i]);
    }
  return g_string_free (g_steal_pointer (&label), FALSE);
}

/**
 * bos_activity_is_open:
 *
 * Returns: %TRUE while the activity is planned or in progress
 */
gboolean
bos_activity_is_open (BosActivity *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (self), FALSE);
  return self->status == BOS_ACTIVITY_STATUS_PLANNED ||
         self->status == BOS_ACTIVITY_STATUS_IN_PROGRESS;
}

/**
 * bos_activity_is_overdue:
 * @today: the current day
 *
 * Returns: %TRUE if the activity should have ended before @today (the end
 *   of the month for a month-only end) and is neither done nor cancelled
 */
gboolean
bos_activity_is_overdue (BosActivity *self,
                         const GDate *today)
{
  BosPlanDate end;
  GDate last;

  g_return_val_if_fail (BOS_IS_ACTIVITY (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!bos_activity_is_open (self) || !bos_activity_get_end_date (self, &end))
    return FALSE;
  bos_plan_date_get_last_day (&end, &last);
  return g_date_compare (&last, today) < 0;
}

/**
 * bos_activity_is_due_soon:
 * @today: the current day
 *
 * Returns: %TRUE if the activity is open and ends within
 *   %BOS_ACTIVITY_NEAR_DAYS days from @today (today included)
 */
gboolean
bos_activity_is_due_soon (BosActivity *self,
                          const GDate *today)
{
  BosPlanDate end;
  GDate last;
  int days;

  g_return_val_if_fail (BOS_IS_ACTIVITY (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!bos_activity_is_open (self) || !bos_activity_get_end_date (self, &end))
    return FALSE;
  bos_plan_date_get_last_day (&end, &last);
  days = g_date_days_between (today, &last);
  return days >= 0 && days <= BOS_ACTIVITY_NEAR_DAYS;
}

/**
 * bos_activity_compare:
 *
 * The order of the calendar: by start (a month-only start at the start of
 * its month), start time, end, then title.
 */
int
bos_activity_compare (BosActivity *a,
                      BosActivity *b)
{
  BosPlanDate as, bs, ae, be;
  GDate a_last, b_last;
  int cmp;

  g_return_val_if_fail (BOS_IS_ACTIVITY (a) && BOS_IS_ACTIVITY (b), 0);

  if (bos_activity_get_start_date (a, &as) && bos_activity_get_start_date (b, &bs))
    {
      cmp = bos_plan_date_compare (&as, &bs);
      if (cmp != 0)
        return cmp;
    }
  else if ((cmp = g_strcmp0 (a->start, b->start)) != 0)
    return cmp;

  /* All-day before timed, then by time ("HH:MM" sorts as text) */
  if ((cmp = g_strcmp0 (a->start_time, b->start_time)) != 0)
    return cmp;

  if (bos_activity_get_end_date (a, &ae) && bos_activity_get_end_date (b, &be))
    {
      bos_plan_date_get_last_day (&ae, &a_last);
      bos_plan_date_get_last_day (&be, &b_last);
      if ((cmp = g_date_compare (&a_last, &b_last)) != 0)
        return cmp;
    }

  if ((cmp = g_utf8_collate (a->title, b->title)) != 0)
    return cmp;
  return g_strcmp0 (a->id, b->id);
}

static int
compare_activities_cb (gconstpointer a,
                       gconstpointer b)
{
  return bos_activity_compare (*(BosActivity **) a, *(BosActivity **) b);
}

/**
 * bos_video_link_is_valid:
 * @link: a video link as typed
 *
 * The shape of an address, not whether it answers: a URI with a scheme and
 * no white space.
 *
 * Returns: whether @link looks like a web address
 */
gboolean
bos_video_link_is_valid (const char *link)
{
  g_autofree char *scheme = NULL;

  if (link == NULL)
    return FALSE;
  scheme = g_uri_parse_scheme (link);
  return scheme != NULL && strpbrk (link, " \t\r\n") == NULL &&
         g_uri_is_valid (link, G_URI_FLAGS_NONE, NULL);
}

/**
 * bos_activity_validate:
 *
 * Checks the fields a planner enters, with a message that names the field
 * and what was expected.
 */
gboolean
bos_activity_validate (BosActivity  *self,
                       GError      **error)
{
  BosPlanDate start, end;
  int start_minutes = 0, end_minutes = 0;

  g_return_val_if_fail (BOS_IS_ACTIVITY (self), FALSE);

  if (self->id == NULL || *self->id == '\0')
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, _("The activity has no id"));
      return FALSE;
    }
  if (self->plan_id == NULL || *self->plan_id == '\0')
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, _("The activity belongs to no plan"));
      return FALSE;
    }
  {
    g_autofree char *title = g_strstrip (g_strdup (self->title));

    if (*title == '\0')
      {
        g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, _("The activity needs a title"));
        return FALSE;
      }
  }

  if (!bos_plan_date_check_range (self->start, self->end, &start, &end, error))
    return FALSE;

  if (self->start_time != NULL)
    {
      if (!bos_plan_time_parse (self->start_time, &start_minutes, error))
        {
          g_prefix_error (error, _("Start time: "));
          return FALSE;
        }
      if (bos_plan_date_is_month (&start))
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("A start time needs a start date, not just a month (%s)"), self->start);
          return FALSE;
        }
    }
  if (self->end_time != NULL)
    {
      if (!bos_plan_time_parse (self->end_time, &end_minutes, error))
        {
          g_prefix_error (error, _("End time: "));
          return FALSE;
        }
      if (self->start_time == NULL)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("An end time needs a start time"));
          return FALSE;
        }
      if (bos_plan_date_is_month (&end))
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("An end time needs an end date, not just a month (%s)"), self->end);
          return FALSE;
        }
      if (bos_plan_date_compare (&start, &end) == 0 && end_minutes < start_minutes)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("The end time (%s) is before the start time (%s)"),
                       self->end_time, self->start_time);
          return FALSE;
        }
    }

  if (self->county_code != NULL &&
      !(strlen (self->county_code) == 2 && g_ascii_isdigit (self->county_code[0]) &&
        g_ascii_isdigit (self->county_code[1])))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not a county number (two digits)"), self->county_code);
      return FALSE;
    }

  if (*self->video_link != '\0' && !bos_video_link_is_valid (self->video_link))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The video link “%s” is not a web address (https://…)"), self->video_link);
      return FALSE;
    }

  return TRUE;
}

static void
bind_values (sqlite3_stmt *stmt,
             int           first,
             const char   *values[N_COLS])
{
  for (int i = 0; i < N_COLS; i++)
    if (values[i] != NULL)
      sqlite3_bind_text (stmt, first + i, values[i], -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_null (stmt, first + i);
}

/**
 * bos_activity_create:
 * @activity: a new activity (bos_activity_new()); its id, sequence,
 *   modified and author are updated
 *
 * Validates and stores @activity in its plan. An activity deleted earlier
 * (a tombstone with the same id in the same plan) is revived rather than
 * duplicated, so an import of an old export brings it back.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing stored
 */
gboolean
bos_activity_create (BosStore     *store,
                     BosActivity  *activity,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  const char *values[N_COLS];

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_ACTIVITY (activity), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bos_activity_validate (activity, error))
    return FALSE;

  now = bos_timestamp_now ();
  activity_values (activity, values);

  if (!bos_store_begin (store, error))
    return FALSE;

  if (!plan_exists (store, activity->plan_id, error))
    goto failed;

  stmt = bos_store_prepare (store,
                            "INSERT INTO activity (id, plan_id, kind, title, description, "
                            "  start_date, end_date, start_time, end_time, responsible, "
                            "  participants, status, notes, location, video_link, county_code, "
                            "  sequence, modified, author, dirty, deleted) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                            "  ?15, ?16, 0, ?17, ?18, 1, 0) "
                            "ON CONFLICT (id) DO UPDATE SET kind = ?3, title = ?4, "
                            "  description = ?5, start_date = ?6, end_date = ?7, start_time = ?8, "
                            "  end_time = ?9, responsible = ?10, participants = ?11, status = ?12, "
                            "  notes = ?13, location = ?14, video_link = ?15, county_code = ?16, "
                            "  sequence = sequence + 1, modified = ?17, author = ?18, dirty = 1, "
                            "  deleted = 0 "
                            "WHERE activity.deleted = 1 AND activity.plan_id = ?2",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, activity->id, -1, SQLITE_TRANSIENT);
  bind_values (stmt, 2, values);
  sqlite3_bind_text (stmt, 17, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 18, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not save the activity"));
      goto failed;
    }
  if (sqlite3_changes (bos_store_get_db (store)) == 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_EXISTS,
                   _("There is already an activity “%s”"), activity->id);
      goto failed;
    }

  if (!bos_store_log_change (store, activity->id, "created", NULL, activity->title, NULL, error) ||
      !refresh_sync_fields (activity, store, error) ||
      !bos_store_commit (store, error))
    goto failed;

  emit_if_committed (store);
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_activity_update:
 * @activity: an activity read from @store and changed since
 * @why: (nullable): the reason written to the change log
 *
 * Writes the fields of @activity that differ from the stored record, in one
 * transaction with a change-log entry per changed field; marks the record
 * dirty for sync and stamps it with the time and the author. Nothing is
 * written when nothing changed. A meeting with agreed numbers stays a
 * meeting: changing its kind is refused (%BOS_ERROR_INVALID).
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing stored
 */
gboolean
bos_activity_update (BosStore     *store,
                     BosActivity  *activity,
                     const char   *why,
                     GError      **error)
{
  g_autoptr(BosActivity) stored = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  const char *values[N_COLS];
  const char *old_values[N_COLS];
  gboolean changed = FALSE;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_ACTIVITY (activity), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bos_activity_validate (activity, error))
    return FALSE;

  if (!bos_store_begin (store, error))
    return FALSE;

  stored = bos_activity_load (store, activity->id, error);
  if (stored == NULL)
    goto failed;
  if (!g_str_equal (stored->plan_id, activity->plan_id))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The activity “%s” belongs to the plan “%s”, not “%s”"),
                   activity->id, stored->plan_id, activity->plan_id);
      goto failed;
    }
  if (stored->kind == BOS_ACTIVITY_KIND_MEETING && activity->kind != BOS_ACTIVITY_KIND_MEETING)
    {
      gboolean agreed;

      if (!has_agreements (store, activity->id, &agreed, error))
        goto failed;
      if (agreed)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("“%s” has agreed numbers that are locks in the distribution; clear them "
                         "in meeting mode before making the meeting another kind of activity"),
                       stored->title);
          goto failed;
        }
    }

  now = bos_timestamp_now ();
  activity_values (activity, values);
  activity_values (stored, old_values);

  for (int i = 0; i < N_COLS; i++)
    {
      if (g_strcmp0 (values[i], old_values[i]) == 0)
        continue;
      changed = TRUE;
      if (!bos_store_log_change (store, activity->id, column_names[i], old_values[i], values[i],
                                 why, error))
        goto failed;
    }

  if (!changed)
    {
      bos_store_rollback (store);
      return refresh_sync_fields (activity, store, error);
    }

  stmt = bos_store_prepare (store,
                            "UPDATE activity SET kind = ?3, title = ?4, description = ?5, "
                            "  start_date = ?6, end_date = ?7, start_time = ?8, end_time = ?9, "
                            "  responsible = ?10, participants = ?11, status = ?12, notes = ?13, "
                            "  location = ?14, video_link = ?15, county_code = ?16, "
                            "  sequence = sequence + 1, modified = ?17, author = ?18, dirty = 1 "
                            "WHERE id = ?1 AND plan_id = ?2 AND deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, activity->id, -1, SQLITE_TRANSIENT);
  bind_values (stmt, 2, values);
  sqlite3_bind_text (stmt, 17, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 18, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not save the activity"));
      goto failed;
    }

  if (!refresh_sync_fields (activity, store, error) ||
      !bos_store_commit (store, error))
    goto failed;

  emit_if_committed (store);
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_activity_delete:
 * @id: the activity's id
 *
 * Deletes an activity by turning it into a tombstone (deleted = 1,
 * dirty = 1) that sync pushes to the server as a deletion; the row itself
 * stays until sync has delivered it. A meeting with agreed numbers is
 * refused (%BOS_ERROR_INVALID): they are locks in the distribution; clear
 * them in meeting mode first. Delete meetings with bos_meeting_delete(),
 * which also removes their participants and agenda.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bos_activity_delete (BosStore    *store,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(BosActivity) stored = NULL;
  gboolean agreed;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bos_store_begin (store, error))
    return FALSE;

  stored = bos_activity_load (store, id, error);
  if (stored == NULL || !has_agreements (store, id, &agreed, error))
    goto failed;
  if (agreed)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” has agreed numbers that are locks in the distribution; clear them in "
                     "meeting mode before deleting the meeting"),
                   stored->title);
      goto failed;
    }

  /* Loaded above in this transaction: the row is there and live. */
  if (!bos_record_tombstone (store, "activity", "id", id, _("Could not delete the activity"),
                             error) ||
      !bos_store_log_change (store, id, "deleted", "0", "1", NULL, error) ||
      !bos_store_commit (store, error))
    goto failed;

  emit_if_committed (store);
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_activity_load:
 *
 * Returns: (transfer full): the activity (not a tombstone), or %NULL with
 *   @error set (%BOS_ERROR_NOT_FOUND)
 */
BosActivity *
bos_activity_load (BosStore    *store,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = bos_store_prepare (store,
                            "SELECT " ACTIVITY_COLUMNS " FROM activity WHERE id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no activity “%s”"), id);
      return NULL;
    }
  return activity_from_row (stmt);
}

/**
 * bos_activity_list:
 * @plan_id: the plan
 *
 * Returns: (transfer full): a #GListModel of #BosActivity in calendar order
 *   (bos_activity_compare()), without tombstones
 */
GListModel *
bos_activity_list (BosStore    *store,
                   const char  *plan_id,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GListStore *activities;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  stmt = bos_store_prepare (store,
                            "SELECT " ACTIVITY_COLUMNS " FROM activity "
                            "WHERE plan_id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, activity_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the activities"));
      return NULL;
    }

  g_ptr_array_sort (items, compare_activities_cb);
  activities = g_list_store_new (BOS_TYPE_ACTIVITY);
  g_list_store_splice (activities, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (activities);
}
