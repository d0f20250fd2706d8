/* bos-meeting.c: a collaboration meeting with its participants and agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A collaboration meeting (samarbeidsmøte) is an activity of kind
 * "meeting" (bos-activity.c: date, time, place or video link, the county
 * it covers) with, in tables of their own, the people taking part, the
 * agenda, and one row per municipality of the covered county with the
 * request proposed when the meeting took it up, the request after the
 * meeting's agreements and the agreed number (bos-meeting-county.c runs
 * the meeting's county and writes those rows).
 *
 * A BosMeeting is a value read from the database, like BosActivity: change
 * the activity, the participants and the agenda, then bos_meeting_save()
 * writes what changed in one transaction with a change-log entry per
 * changed field. Removed participants and agenda items become tombstones
 * for sync.
 */
#define G_LOG_DOMAIN "bos-meeting"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-audit.h"
#include "bos-error.h"
#include "bos-meeting.h"
#include "bos-record.h"

struct _BosMeeting
{
  GObject      parent_instance;

  BosActivity *activity;
  GPtrArray   *participants;    /* BosParticipant */
  GPtrArray   *agenda;          /* BosAgendaItem */
  GPtrArray   *municipalities;  /* BosMeetingMunicipality, code order */
};

G_DEFINE_FINAL_TYPE (BosMeeting, bos_meeting, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (BosParticipant, bos_participant, bos_participant_copy, bos_participant_free)
G_DEFINE_BOXED_TYPE (BosAgendaItem, bos_agenda_item, bos_agenda_item_copy, bos_agenda_item_free)

enum {
  PROP_0,
  PROP_ACTIVITY,
  PROP_N_PARTICIPANTS,
  PROP_N_AGENDA_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- participants, agenda items, municipalities -------------------------- */

static char *
dup_stripped (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

/**
 * bos_participant_new:
 *
 * A participant not stored yet; the texts are stripped of surrounding
 * white space, %NULL is "".
 *
 * Returns: (transfer full): the participant
 */
BosParticipant *
bos_participant_new (const char *organisation,
                     const char *name,
                     const char *role,
                     const char *email)
{
  BosParticipant *participant = g_new0 (BosParticipant, 1);

  participant->organisation = dup_stripped (organisation);
  participant->name = dup_stripped (name);
  participant->role = dup_stripped (role);
  participant->email = dup_stripped (email);
  return participant;
}

BosParticipant *
bos_participant_copy (const BosParticipant *participant)
{
  BosParticipant *copy;

  g_return_val_if_fail (participant != NULL, NULL);

  copy = bos_participant_new (participant->organisation, participant->name, participant->role,
                              participant->email);
  copy->id = g_strdup (participant->id);
  return copy;
}

void
bos_participant_free (BosParticipant *participant)
{
  if (participant == NULL)
    return;
  g_free (participant->id);
  g_free (participant->organisation);
  g_free (participant->name);
  g_free (participant->role);
  g_free (participant->email);
  g_free (participant);
}

/**
 * bos_email_is_valid:
 * @email: an e-mail address as typed
 *
 * The shape of an address, not whether it exists: one "@" with something
 * before it, a domain after it with a dot inside (not at either end, no
 * empty label), and no spaces, commas, semicolons or angle brackets.
 *
 * Returns: whether @email looks like an e-mail address
 */
gboolean
bos_email_is_valid (const char *email)
{
  const char *at;
  const char *domain;
  gboolean dot = FALSE;

  if (email == NULL || *email == '\0')
    return FALSE;
  if (!g_utf8_validate (email, -1, NULL))
    return FALSE;
  if (strpbrk (email, " \t\r\n,;<>()[]\\\"") != NULL)
    return FALSE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  if (email[0] == '.' || at[-1] == '.' || strstr (email, "..") != NULL)
    return FALSE;

  domain = at + 1;
  if (*domain == '\0' || *domain == '.' || *domain == '-')
    return FALSE;
  for (const char *p = domain; *p != '\0'; p++)
    if (*p == '.')
      {
        if (p[1] == '\0' || p[1] == '.')
          return FALSE;
        dot = TRUE;
      }
  return dot;
}

/**
 * bos_participant_validate:
 *
 * A participant needs an organisation or a name; an e-mail address, when
 * given, must look like one.
 */
gboolean
bos_participant_validate (const BosParticipant  *participant,
                          GError               **error)
{
  g_return_val_if_fail (participant != NULL, FALSE);

  if (*participant->organisation == '\0' && *participant->name == '\0')
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("A participant needs an organisation or a name"));
      return FALSE;
    }
  if (*participant->email != '\0' && !bos_email_is_valid (participant->email))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not an e-mail address (name@example.no)"), participant->email);
      return FALSE;
    }
  return TRUE;
}

/**
 * bos_agenda_item_new:
 *
 * Returns: (transfer full): an agenda item not stored yet
 */
BosAgendaItem *
bos_agenda_item_new (const char *title,
                     const char *notes)
{
  BosAgendaItem *item = g_new0 (BosAgendaItem, 1);

  item->title = dup_stripped (title);
  item->notes = g_strdup (notes ? notes : "");
  g_strchomp (item->notes);
  return item;
}

BosAgendaItem *
bos_agenda_item_copy (const BosAgendaItem *item)
{
  BosAgendaItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = bos_agenda_item_new (item->title, item->notes);
  copy->id = g_strdup (item->id);
  return copy;
}

void
bos_agenda_item_free (BosAgendaItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->title);
  g_free (item->notes);
  g_free (item);
}

void
bos_meeting_municipality_free (BosMeetingMunicipality *municipality)
{
  if (municipality == NULL)
    return;
  g_free (municipality->name);
  g_free (municipality->id);
  g_free (municipality->scenario_id);
  g_free (municipality->why);
  g_free (municipality->agreed_at);
  g_free (municipality->agreed_by);
  g_free (municipality);
}

/**
 * bos_meeting_dup_suggested_organisations:
 * @county_name: (nullable): the covered county, for its county municipality
 *
 * The organisations that take part in collaboration meetings (domain.md):
 * IMDi, KS, the county municipality and Bufetat.
 *
 * Returns: (transfer full): the names as shown, translated
 */
GStrv
bos_meeting_dup_suggested_organisations (const char *county_name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, "IMDi");
  g_strv_builder_add (builder, "KS");
  if (county_name != NULL && *county_name != '\0')
    {
      /* Translators: the county municipality of a county, %s is the
       * county's name: "Vestfold fylkeskommune" */
      g_autofree char *name = g_strdup_printf (_("%s County Municipality"), county_name);

      g_strv_builder_add (builder, name);
    }
  else
    g_strv_builder_add (builder, _("County municipality"));
  g_strv_builder_add (builder, "Bufetat");
  return g_strv_builder_end (builder);
}

/**
 * bos_meeting_dup_default_agenda_title:
 * @index: 0, 1, …
 *
 * The agenda a new collaboration meeting starts with.
 *
 * Returns: (transfer full) (nullable): the @index-th item, or %NULL after
 *   the last
 */
char *
bos_meeting_dup_default_agenda_title (guint index)
{
  const char *titles[] = {
    N_("Welcome and introductions"),
    N_("The settlement need for the county"),
    N_("IMDi’s proposal per municipality"),
    N_("Agreeing the numbers per municipality"),
    N_("Unaccompanied minors (Bufetat)"),
    N_("The letters to the municipalities and the way ahead"),
  };

  if (index >= G_N_ELEMENTS (titles))
    return NULL;
  return g_strdup (_(titles[index]));
}

/**
 * bos_meeting_list_counties:
 * @codes: (out) (transfer full): the county codes, in code order
 * @names: (out) (transfer full): their names
 *
 * The counties a meeting can cover.
 */
gboolean
bos_meeting_list_counties (BosStore  *store,
                           GStrv     *codes,
                           GStrv     *names,
                           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) code_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) name_builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (codes != NULL && names != NULL, FALSE);

  stmt = bos_store_prepare (store, "SELECT code, name FROM county ORDER BY code", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (code_builder, bos_sqlite_text (stmt, 0));
      g_strv_builder_add (name_builder, bos_sqlite_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not read the counties"));
  *codes = g_strv_builder_end (code_builder);
  *names = g_strv_builder_end (name_builder);
  return TRUE;
}

/* ---- the GObject ---------------------------------------------------------- */

static void
bos_meeting_finalize (GObject *object)
{
  BosMeeting *self = (BosMeeting *) object;

  g_clear_object (&self->activity);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->agenda, g_ptr_array_unref);
  g_clear_pointer (&self->municipalities, g_ptr_array_unref);

  G_OBJECT_CLASS (bos_meeting_parent_class)->finalize (object);
}

static void
bos_meeting_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BosMeeting *self = BOS_MEETING (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      g_value_set_object (value, self->activity);
      break;
    case PROP_N_PARTICIPANTS:
      g_value_set_uint (value, self->participants->len);
      break;
    case PROP_N_AGENDA_ITEMS:
      g_value_set_uint (value, self->agenda->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_meeting_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BosMeeting *self = BOS_MEETING (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      g_assert (self->activity == NULL);
      self->activity = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_meeting_class_init (BosMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bos_meeting_finalize;
  object_class->get_property = bos_meeting_get_property;
  object_class->set_property = bos_meeting_set_property;

  /* The meeting's activity (kind meeting): date, time, place, county */
  properties[PROP_ACTIVITY] =
    g_param_spec_object ("activity", NULL, NULL, BOS_TYPE_ACTIVITY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PARTICIPANTS] =
    g_param_spec_uint ("n-participants", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_AGENDA_ITEMS] =
    g_param_spec_uint ("n-agenda-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_meeting_init (BosMeeting *self)
{
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) bos_participant_free);
  self->agenda = g_ptr_array_new_with_free_func ((GDestroyNotify) bos_agenda_item_free);
  self->municipalities =
    g_ptr_array_new_with_free_func ((GDestroyNotify) bos_meeting_municipality_free);
}

/* ---- reading -------------------------------------------------------------- */

static gboolean
load_participants (BosMeeting  *self,
                   BosStore    *store,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = bos_store_prepare (store,
                            "SELECT id, organisation, name, role, email FROM meeting_participant "
                            "WHERE activity_id = ? AND deleted = 0 ORDER BY position, rowid",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bos_activity_get_id (self->activity), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BosParticipant *participant = g_new0 (BosParticipant, 1);

      participant->id = g_strdup (bos_sqlite_text (stmt, 0));
      participant->organisation = g_strdup (bos_sqlite_text (stmt, 1));
      participant->name = g_strdup (bos_sqlite_text (stmt, 2));
      participant->role = g_strdup (bos_sqlite_text (stmt, 3));
      participant->email = g_strdup (bos_sqlite_text (stmt, 4));
      g_ptr_array_add (self->participants, participant);
    }
  if (rc != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not read the meeting’s participants"));
  return TRUE;
}

static gboolean
load_agenda (BosMeeting  *self,
             BosStore    *store,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = bos_store_prepare (store,
                            "SELECT id, title, notes FROM agenda_item "
                            "WHERE activity_id = ? AND deleted = 0 ORDER BY position, rowid",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bos_activity_get_id (self->activity), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BosAgendaItem *item = g_new0 (BosAgendaItem, 1);

      item->id = g_strdup (bos_sqlite_text (stmt, 0));
      item->title = g_strdup (bos_sqlite_text (stmt, 1));
      item->notes = g_strdup (bos_sqlite_text (stmt, 2));
      g_ptr_array_add (self->agenda, item);
    }
  if (rc != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not read the meeting’s agenda"));
  return TRUE;
}

/**
 * bos_meeting_reload_municipalities:
 *
 * Reads the meeting's per-municipality rows (proposed, result, agreed)
 * again, after bos-meeting-county.c changed them.
 */
gboolean
bos_meeting_reload_municipalities (BosStore    *store,
                                   BosMeeting  *self,
                                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (self), FALSE);

  stmt = bos_store_prepare (store,
                            "SELECT mm.code, ifnull (m.name, mm.code), mm.id, mm.scenario_id, "
                            "  mm.proposed, mm.result, mm.agreed, mm.why, mm.agreed_at, mm.agreed_by "
                            "FROM meeting_municipality mm LEFT JOIN municipality m ON m.code = mm.code "
                            "WHERE mm.activity_id = ? AND mm.deleted = 0 ORDER BY mm.code",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bos_activity_get_id (self->activity), -1, SQLITE_TRANSIENT);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bos_meeting_municipality_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BosMeetingMunicipality *row = g_new0 (BosMeetingMunicipality, 1);

      g_strlcpy (row->code, bos_sqlite_text (stmt, 0), sizeof row->code);
      row->name = g_strdup (bos_sqlite_text (stmt, 1));
      row->id = g_strdup (bos_sqlite_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        row->scenario_id = g_strdup (bos_sqlite_text (stmt, 3));
      row->proposed = sqlite3_column_int64 (stmt, 4);
      row->result = sqlite3_column_int64 (stmt, 5);
      row->agreed = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 6);
      row->why = g_strdup (bos_sqlite_text (stmt, 7));
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        row->agreed_at = g_strdup (bos_sqlite_text (stmt, 8));
      row->agreed_by = g_strdup (bos_sqlite_text (stmt, 9));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not read the meeting’s municipalities"));

  /* In place: callers may hold the array (bos_meeting_get_municipalities()) */
  g_ptr_array_set_size (self->municipalities, 0);
  g_ptr_array_extend_and_steal (self->municipalities, g_steal_pointer (&rows));
  return TRUE;
}

/* ---- writing -------------------------------------------------------------- */

/* A table of rows that belong to the meeting's activity, in order. */
typedef struct
{
  const char         *table;      /* also the id prefix */
  const char * const *columns;    /* the text columns after id, activity_id, position */
  guint               n_columns;
  const char         *what;       /* for messages */
} ChildTable;

static const char * const participant_columns[] = { "organisation", "name", "role", "email" };
static const char * const agenda_columns[] = { "title", "notes" };

static void
participant_values (gpointer     item,
                    const char **values)
{
  BosParticipant *participant = item;

  values[0] = participant->organisation;
  values[1] = participant->name;
  values[2] = participant->role;
  values[3] = participant->email;
}

static void
agenda_values (gpointer     item,
               const char **values)
{
  BosAgendaItem *agenda_item = item;

  values[0] = agenda_item->title;
  values[1] = agenda_item->notes;
}

/* Reads the live rows: id → GStrv { position, columns… } */
static GHashTable *
read_children (BosStore          *store,
               const char        *activity_id,
               const ChildTable  *table,
               GError           **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_strfreev);
  g_autoptr(GString) sql = g_string_new ("SELECT id, position");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", %s", table->columns[i]);
  g_string_append_printf (sql, " FROM %s WHERE activity_id = ? AND deleted = 0", table->table);

  stmt = bos_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv values = g_new0 (char *, table->n_columns + 2);

      for (guint i = 0; i < table->n_columns + 1; i++)
        values[i] = g_strdup (bos_sqlite_text (stmt, (int) i + 1));
      g_hash_table_insert (rows, g_strdup (bos_sqlite_text (stmt, 0)), values);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the meeting"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Writes @items (in order) as the live rows of @table for the activity:
 * new items are inserted (and get their id), changed ones updated, rows
 * no longer listed become tombstones; a change-log entry per change. */
static gboolean
save_children (BosStore          *store,
               const char        *activity_id,
               const ChildTable  *table,
               GPtrArray         *items,
               char **          (*item_id) (gpointer item),
               void             (*item_values) (gpointer item, const char **values),
               GError           **error)
{
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GString) upsert = g_string_new (NULL);
  g_autofree char *now = bos_timestamp_now ();
  const char *author = bos_store_get_author (store);
  const char *values[8];
  GHashTableIter iter;
  gpointer key, value;

  g_assert (table->n_columns <= G_N_ELEMENTS (values));

  stored = read_children (store, activity_id, table, error);
  if (stored == NULL)
    return FALSE;

  /* INSERT … ON CONFLICT: also revives a row that became a tombstone
   * meanwhile (sync), so what the planner sees is what is stored. */
  g_string_append_printf (upsert, "INSERT INTO %s (id, activity_id, position", table->table);
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (upsert, ", %s", table->columns[i]);
  g_string_append (upsert, ", modified, author, dirty, deleted) VALUES (?1, ?2, ?3");
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (upsert, ", ?%u", i + 4);
  g_string_append_printf (upsert, ", ?%u, ?%u, 1, 0) ON CONFLICT (id) DO UPDATE SET position = ?3",
                          table->n_columns + 4, table->n_columns + 5);
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (upsert, ", %s = ?%u", table->columns[i], i + 4);
  g_string_append_printf (upsert, ", modified = ?%u, author = ?%u, dirty = 1, deleted = 0 "
                                  "WHERE %s.activity_id = ?2",
                          table->n_columns + 4, table->n_columns + 5, table->table);

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      char **id = item_id (item);
      GStrv old = NULL;
      gboolean changed = FALSE;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      char position[16];

      g_snprintf (position, sizeof position, "%u", i);
      item_values (item, values);

      if (*id == NULL)
        *id = bos_new_uuid_id (table->table);
      old = g_hash_table_lookup (stored, *id);

      if (old == NULL)
        {
          changed = TRUE;
          if (!bos_store_log_change (store, *id, "created", NULL, values[0], NULL, error))
            return FALSE;
        }
      else
        {
          if (!g_str_equal (old[0], position))
            {
              changed = TRUE;
              if (!bos_store_log_change (store, *id, "position", old[0], position, NULL, error))
                return FALSE;
            }
          for (guint c = 0; c < table->n_columns; c++)
            if (g_strcmp0 (old[c + 1], values[c]) != 0)
              {
                changed = TRUE;
                if (!bos_store_log_change (store, *id, table->columns[c], old[c + 1], values[c],
                                           NULL, error))
                  return FALSE;
              }
          g_hash_table_remove (stored, *id);
        }

      if (!changed)
        continue;

      stmt = bos_store_prepare (store, upsert->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, *id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, activity_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, (int) i);
      for (guint c = 0; c < table->n_columns; c++)
        sqlite3_bind_text (stmt, (int) c + 4, values[c] ? values[c] : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, (int) table->n_columns + 4, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, (int) table->n_columns + 5, author, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return bos_store_set_error (store, error, _(table->what));
      if (sqlite3_changes (bos_store_get_db (store)) == 0)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_EXISTS,
                       _("“%s” belongs to another meeting"), *id);
          return FALSE;
        }
    }

  /* What is left was removed. */
  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!bos_record_tombstone (store, table->table, "id", key, _(table->what), error) ||
        !bos_store_log_change (store, key, "deleted", "0", "1", NULL, error))
      return FALSE;
  return TRUE;
}

static char **
participant_id (gpointer item)
{
  return &((BosParticipant *) item)->id;
}

static char **
agenda_item_id (gpointer item)
{
  return &((BosAgendaItem *) item)->id;
}

static const ChildTable participant_table = {
  "meeting_participant", participant_columns, G_N_ELEMENTS (participant_columns),
  N_("Could not save the meeting’s participants"),
};

static const ChildTable agenda_table = {
  "agenda_item", agenda_columns, G_N_ELEMENTS (agenda_columns),
  N_("Could not save the meeting’s agenda"),
};

/* "IMDi;KS;Vestfold fylkeskommune": the organisations taking part, in
 * order, once each, as the calendar shows participants. */
static char *
participant_organisations (BosMeeting *self)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->participants->len; i++)
    {
      BosParticipant *participant = g_ptr_array_index (self->participants, i);
      const char *organisation = participant->organisation;

      if (*organisation == '\0' || g_hash_table_contains (seen, organisation))
        continue;
      g_hash_table_add (seen, (gpointer) organisation);
      if (list->len > 0)
        g_string_append_c (list, ';');
      g_string_append (list, organisation);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static gboolean
activity_is_stored (BosStore   *store,
                    const char *id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bos_store_prepare (store, "SELECT 1 FROM activity WHERE id = ? AND deleted = 0", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static void
emit_if_committed (BosStore *store)
{
  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    {
      bos_store_emit_changed (store, "activity");
      bos_store_emit_changed (store, "meeting");
    }
}

/* ---- public API ----------------------------------------------------------- */

/**
 * bos_meeting_new:
 * @plan_id: the plan the meeting belongs to
 *
 * A new collaboration meeting, not stored yet: an activity of kind
 * meeting, IMDi and KS responsible, no date yet (set one before saving).
 *
 * Returns: (transfer full): the meeting
 */
BosMeeting *
bos_meeting_new (const char *plan_id)
{
  g_autoptr(BosActivity) activity = NULL;

  g_return_val_if_fail (plan_id != NULL, NULL);

  activity = bos_activity_new (plan_id);
  bos_activity_set_kind (activity, BOS_ACTIVITY_KIND_MEETING);
  bos_activity_set_title (activity, _("Collaboration meeting"));
  bos_activity_set_responsible (activity, "IMDi;KS");
  return bos_meeting_new_for_activity (activity);
}

/**
 * bos_meeting_new_for_activity:
 * @activity: an activity (of kind meeting)
 *
 * A meeting around @activity with no participants or agenda yet.
 *
 * Returns: (transfer full): the meeting
 */
BosMeeting *
bos_meeting_new_for_activity (BosActivity *activity)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY (activity), NULL);

  return g_object_new (BOS_TYPE_MEETING, "activity", activity, NULL);
}

/**
 * bos_meeting_load:
 * @activity_id: the meeting's activity
 *
 * Reads the meeting with its participants and agenda in order and its
 * per-municipality rows in code order.
 *
 * Returns: (transfer full): the meeting, or %NULL with @error set
 *   (%BOS_ERROR_NOT_FOUND when there is no such activity, %BOS_ERROR_INVALID
 *   when it is not a meeting)
 */
BosMeeting *
bos_meeting_load (BosStore    *store,
                  const char  *activity_id,
                  GError     **error)
{
  g_autoptr(BosActivity) activity = NULL;
  g_autoptr(BosMeeting) self = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (activity_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  activity = bos_activity_load (store, activity_id, error);
  if (activity == NULL)
    return NULL;
  if (bos_activity_get_kind (activity) != BOS_ACTIVITY_KIND_MEETING)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is not a meeting but an activity of the kind “%s”"),
                   bos_activity_get_title (activity),
                   bos_activity_kind_get_label (bos_activity_get_kind (activity)));
      return NULL;
    }

  self = bos_meeting_new_for_activity (activity);
  if (!load_participants (self, store, error) ||
      !load_agenda (self, store, error) ||
      !bos_meeting_reload_municipalities (store, self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * bos_meeting_list:
 * @plan_id: the plan
 *
 * Returns: (transfer full): a #GListModel of the plan's meetings
 *   (#BosActivity of kind meeting) in calendar order
 */
GListModel *
bos_meeting_list (BosStore    *store,
                  const char  *plan_id,
                  GError     **error)
{
  g_autoptr(GListModel) activities = NULL;
  GListStore *meetings;
  guint n;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  activities = bos_activity_list (store, plan_id, error);
  if (activities == NULL)
    return NULL;

  meetings = g_list_store_new (BOS_TYPE_ACTIVITY);
  n = g_list_model_get_n_items (activities);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);

      if (bos_activity_get_kind (activity) == BOS_ACTIVITY_KIND_MEETING)
        g_list_store_append (meetings, activity);
    }
  return G_LIST_MODEL (meetings);
}

/**
 * bos_meeting_get_activity:
 *
 * Returns: (transfer none): the meeting's activity; change it and save
 *   with bos_meeting_save()
 */
BosActivity *
bos_meeting_get_activity (BosMeeting *self)
{
  g_return_val_if_fail (BOS_IS_MEETING (self), NULL);
  return self->activity;
}

const char *
bos_meeting_get_id (BosMeeting *self)
{
  g_return_val_if_fail (BOS_IS_MEETING (self), NULL);
  return bos_activity_get_id (self->activity);
}

/**
 * bos_meeting_dup_county_name:
 *
 * Returns: (transfer full) (nullable): the name of the county the meeting
 *   covers, its code when the county is unknown, or %NULL when none is set
 */
char *
bos_meeting_dup_county_name (BosMeeting *self,
                             BosStore   *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *code;

  g_return_val_if_fail (BOS_IS_MEETING (self), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  code = bos_activity_get_county_code (self->activity);
  if (code == NULL)
    return NULL;
  stmt = bos_store_prepare (store, "SELECT name FROM county WHERE code = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return g_strdup (bos_sqlite_text (stmt, 0));
    }
  return g_strdup (code);
}

/**
 * bos_meeting_get_participants:
 *
 * Returns: (transfer none) (element-type BosParticipant): the participants
 *   in order; change them in place, then save
 */
GPtrArray *
bos_meeting_get_participants (BosMeeting *self)
{
  g_return_val_if_fail (BOS_IS_MEETING (self), NULL);
  return self->participants;
}

/**
 * bos_meeting_add_participant:
 * @participant: (transfer full): the participant, added at the end
 */
void
bos_meeting_add_participant (BosMeeting     *self,
                             BosParticipant *participant)
{
  g_return_if_fail (BOS_IS_MEETING (self));
  g_return_if_fail (participant != NULL);

  g_ptr_array_add (self->participants, participant);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PARTICIPANTS]);
}

void
bos_meeting_remove_participant (BosMeeting *self,
                                guint       index)
{
  g_return_if_fail (BOS_IS_MEETING (self));
  g_return_if_fail (index < self->participants->len);

  g_ptr_array_remove_index (self->participants, index);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PARTICIPANTS]);
}

static void
move_item (GPtrArray *array,
           guint      from,
           guint      to)
{
  gpointer item;

  if (from == to)
    return;
  item = array->pdata[from];
  if (from < to)
    memmove (&array->pdata[from], &array->pdata[from + 1], (to - from) * sizeof (gpointer));
  else
    memmove (&array->pdata[to + 1], &array->pdata[to], (from - to) * sizeof (gpointer));
  array->pdata[to] = item;
}

/**
 * bos_meeting_move_participant:
 * @from: the participant's place
 * @to: where it goes (the others move up or down)
 */
void
bos_meeting_move_participant (BosMeeting *self,
                              guint       from,
                              guint       to)
{
  g_return_if_fail (BOS_IS_MEETING (self));
  g_return_if_fail (from < self->participants->len && to < self->participants->len);

  move_item (self->participants, from, to);
}

/**
 * bos_meeting_get_agenda:
 *
 * Returns: (transfer none) (element-type BosAgendaItem): the agenda in
 *   order; change the items in place, then save
 */
GPtrArray *
bos_meeting_get_agenda (BosMeeting *self)
{
  g_return_val_if_fail (BOS_IS_MEETING (self), NULL);
  return self->agenda;
}

/**
 * bos_meeting_add_agenda_item:
 * @item: (transfer full): the item, added at the end
 */
void
bos_meeting_add_agenda_item (BosMeeting    *self,
                             BosAgendaItem *item)
{
  g_return_if_fail (BOS_IS_MEETING (self));
  g_return_if_fail (item != NULL);

  g_ptr_array_add (self->agenda, item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_AGENDA_ITEMS]);
}

void
bos_meeting_remove_agenda_item (BosMeeting *self,
                                guint       index)
{
  g_return_if_fail (BOS_IS_MEETING (self));
  g_return_if_fail (index < self->agenda->len);

  g_ptr_array_remove_index (self->agenda, index);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_AGENDA_ITEMS]);
}

void
bos_meeting_move_agenda_item (BosMeeting *self,
                              guint       from,
                              guint       to)
{
  g_return_if_fail (BOS_IS_MEETING (self));
  g_return_if_fail (from < self->agenda->len && to < self->agenda->len);

  move_item (self->agenda, from, to);
}

/**
 * bos_meeting_get_municipalities:
 *
 * Returns: (transfer none) (element-type BosMeetingMunicipality): one row
 *   per municipality of the covered county in code order, empty until the
 *   meeting took up the county (bos_meeting_county_start()); the array
 *   stays the same when the rows are read again, its rows do not
 */
GPtrArray *
bos_meeting_get_municipalities (BosMeeting *self)
{
  g_return_val_if_fail (BOS_IS_MEETING (self), NULL);
  return self->municipalities;
}

/**
 * bos_meeting_lookup_municipality:
 *
 * Returns: (transfer none) (nullable): the row of @code
 */
const BosMeetingMunicipality *
bos_meeting_lookup_municipality (BosMeeting *self,
                                 const char *code)
{
  g_return_val_if_fail (BOS_IS_MEETING (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < self->municipalities->len; i++)
    {
      BosMeetingMunicipality *row = g_ptr_array_index (self->municipalities, i);

      if (g_str_equal (row->code, code))
        return row;
    }
  return NULL;
}

gboolean
bos_meeting_has_proposal (BosMeeting *self)
{
  g_return_val_if_fail (BOS_IS_MEETING (self), FALSE);
  return self->municipalities->len > 0;
}

/**
 * bos_meeting_get_county_total:
 *
 * Returns: the county total the meeting keeps: the sum of the proposed
 *   requests when it took up the county
 */
gint64
bos_meeting_get_county_total (BosMeeting *self)
{
  gint64 total = 0;

  g_return_val_if_fail (BOS_IS_MEETING (self), 0);

  for (guint i = 0; i < self->municipalities->len; i++)
    total += ((BosMeetingMunicipality *) g_ptr_array_index (self->municipalities, i))->proposed;
  return total;
}

/**
 * bos_meeting_get_result_total:
 *
 * Returns: the sum of the requests after the meeting's agreements (equal
 *   to the county total unless the locks could not be met)
 */
gint64
bos_meeting_get_result_total (BosMeeting *self)
{
  gint64 total = 0;

  g_return_val_if_fail (BOS_IS_MEETING (self), 0);

  for (guint i = 0; i < self->municipalities->len; i++)
    total += ((BosMeetingMunicipality *) g_ptr_array_index (self->municipalities, i))->result;
  return total;
}

guint
bos_meeting_get_n_agreed (BosMeeting *self)
{
  guint n = 0;

  g_return_val_if_fail (BOS_IS_MEETING (self), 0);

  for (guint i = 0; i < self->municipalities->len; i++)
    n += ((BosMeetingMunicipality *) g_ptr_array_index (self->municipalities, i))->agreed >= 0;
  return n;
}

/**
 * bos_meeting_validate:
 *
 * Checks the activity (bos_activity_validate(): the date, times as HH:MM,
 * the county, the video link), every participant (an organisation or a
 * name, the shape of the e-mail address) and every agenda item (a title).
 * The message names the participant or item.
 */
gboolean
bos_meeting_validate (BosMeeting  *self,
                      GError     **error)
{
  g_return_val_if_fail (BOS_IS_MEETING (self), FALSE);

  if (bos_activity_get_kind (self->activity) != BOS_ACTIVITY_KIND_MEETING)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, _("The activity is not a meeting"));
      return FALSE;
    }
  if (!bos_activity_validate (self->activity, error))
    return FALSE;

  for (guint i = 0; i < self->participants->len; i++)
    if (!bos_participant_validate (g_ptr_array_index (self->participants, i), error))
      {
        /* Translators: the prefix of a message about a participant */
        g_prefix_error (error, _("Participant %u: "), i + 1);
        return FALSE;
      }

  for (guint i = 0; i < self->agenda->len; i++)
    {
      BosAgendaItem *item = g_ptr_array_index (self->agenda, i);

      if (*item->title == '\0')
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       _("Agenda item %u needs a title"), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * bos_meeting_save:
 *
 * Validates the meeting and stores it in one transaction: the activity
 * (added when new), its participants and agenda in order, with a change-log
 * entry per changed field; participants and agenda items no longer listed
 * become tombstones. The activity's participants field is set to the
 * organisations taking part, so the calendar shows them. New participants
 * and agenda items get their ids.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing stored
 */
gboolean
bos_meeting_save (BosStore    *store,
                  BosMeeting  *self,
                  GError     **error)
{
  g_autofree char *organisations = NULL;
  const char *id;
  gboolean ok;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  organisations = participant_organisations (self);
  if (self->participants->len > 0)
    bos_activity_set_participants (self->activity, organisations);

  if (!bos_meeting_validate (self, error))
    return FALSE;

  if (!bos_store_begin (store, error))
    return FALSE;

  id = bos_activity_get_id (self->activity);
  if (activity_is_stored (store, id))
    ok = bos_activity_update (store, self->activity, NULL, error);
  else
    ok = bos_activity_create (store, self->activity, error);

  if (!ok ||
      !save_children (store, id, &participant_table, self->participants, participant_id,
                      participant_values, error) ||
      !save_children (store, id, &agenda_table, self->agenda, agenda_item_id, agenda_values,
                      error) ||
      !bos_store_commit (store, error))
    {
      bos_store_rollback (store);
      return FALSE;
    }

  emit_if_committed (store);
  return TRUE;
}

/**
 * bos_meeting_delete:
 * @activity_id: the meeting's activity
 *
 * Deletes a meeting with its participants and agenda (tombstones for
 * sync). A meeting with agreed numbers is refused: its agreements are
 * locks in the distribution; clear them in meeting mode first.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bos_meeting_delete (BosStore    *store,
                    const char  *activity_id,
                    GError     **error)
{
  g_autoptr(BosMeeting) self = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (activity_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self = bos_meeting_load (store, activity_id, error);
  if (self == NULL)
    return FALSE;
  if (bos_meeting_get_n_agreed (self) > 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” has agreed numbers that are locks in the distribution; clear them in "
                     "meeting mode before deleting the meeting"),
                   bos_activity_get_title (self->activity));
      return FALSE;
    }

  if (!bos_store_begin (store, error))
    return FALSE;

  g_ptr_array_set_size (self->participants, 0);
  g_ptr_array_set_size (self->agenda, 0);
  if (!save_children (store, activity_id, &participant_table, self->participants, participant_id,
                      participant_values, error) ||
      !save_children (store, activity_id, &agenda_table, self->agenda, agenda_item_id,
                      agenda_values, error) ||
      !bos_record_tombstone (store, "meeting_municipality", "activity_id", activity_id,
                             _("Could not delete the meeting"), error) ||
      !bos_activity_delete (store, activity_id, error) ||
      !bos_store_commit (store, error))
    goto failed;

  emit_if_committed (store);
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_meeting_dup_reason:
 * @why: (nullable): the group's reason for a number
 *
 * The reason written with a lock or an audit entry: the meeting, its date
 * and @why, e.g. "Collaboration meeting Vestfold (16 September 2026):
 * housing ready in spring".
 *
 * Returns: (transfer full): the reason
 */
char *
bos_meeting_dup_reason (BosMeeting *self,
                        const char *why)
{
  g_autofree char *dates = NULL;
  BosPlanDate start;

  g_return_val_if_fail (BOS_IS_MEETING (self), NULL);

  if (bos_activity_get_start_date (self->activity, &start))
    dates = bos_plan_date_format (&start);
  else
    dates = g_strdup (bos_activity_get_start (self->activity));
  if (why == NULL || *why == '\0')
    /* Translators: a lock's reason: the meeting's title and its date */
    return g_strdup_printf (_("%s (%s)"), bos_activity_get_title (self->activity), dates);
  /* Translators: a lock's reason: the meeting's title, its date and why */
  return g_strdup_printf (_("%s (%s): %s"), bos_activity_get_title (self->activity), dates, why);
}

static char *
meeting_municipality_id (BosMeeting *self,
                         const char *code)
{
  const char *id = bos_activity_get_id (self->activity);
  const char *colon = strchr (id, ':');

  return g_strdup_printf ("meeting_municipality:%s:%s", colon ? colon + 1 : id, code);
}

/**
 * bos_meeting_store_proposal:
 * @scenario_id: (nullable): the scenario the proposal comes from
 * @codes: (array length=n): the county's municipalities
 * @proposed: (array length=n): their proposed requests
 *
 * Records what was proposed for each municipality of the covered county
 * when the meeting took it up (the result starts equal to it). Replaces an
 * earlier proposal as long as nothing was agreed. Call it inside a
 * transaction.
 */
gboolean
bos_meeting_store_proposal (BosStore            *store,
                            BosMeeting          *self,
                            const char          *scenario_id,
                            const char * const  *codes,
                            const gint64        *proposed,
                            guint                n,
                            GError             **error)
{
  g_autofree char *now = bos_timestamp_now ();
  const char *activity_id;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (self), FALSE);
  g_return_val_if_fail (n == 0 || (codes != NULL && proposed != NULL), FALSE);

  if (bos_meeting_get_n_agreed (self) > 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The meeting has agreed numbers already; its proposal stays as it was"));
      return FALSE;
    }

  activity_id = bos_activity_get_id (self->activity);
  if (!bos_record_tombstone (store, "meeting_municipality", "activity_id", activity_id,
                             _("Could not save the meeting’s proposal"), error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *id = meeting_municipality_id (self, codes[i]);
      char number[32];

      g_return_val_if_fail (proposed[i] >= 0, FALSE);

      stmt = bos_store_prepare (store,
                                "INSERT INTO meeting_municipality (id, activity_id, scenario_id, code, "
                                "  proposed, result, agreed, why, agreed_at, agreed_by, modified, "
                                "  author, dirty, deleted) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?5, NULL, '', NULL, '', ?6, ?7, 1, 0) "
                                "ON CONFLICT (id) DO UPDATE SET scenario_id = ?3, proposed = ?5, "
                                "  result = ?5, agreed = NULL, why = '', agreed_at = NULL, "
                                "  agreed_by = '', modified = ?6, author = ?7, dirty = 1, deleted = 0",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, activity_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, scenario_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, codes[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, proposed[i]);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return bos_store_set_error (store, error, _("Could not save the meeting’s proposal"));

      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, proposed[i]);
      if (!bos_store_log_change (store, id, "proposed", NULL, number, NULL, error))
        return FALSE;
    }

  return bos_meeting_reload_municipalities (store, self, error);
}

/**
 * bos_meeting_store_results:
 * @codes: (array length=n): municipalities of the meeting's county
 * @results: (array length=n): their requests after the agreements
 *
 * Records the requests the county's distribution gives after the
 * meeting's agreements. Derived numbers: not in the change log (the
 * agreements that caused them are). Call it inside a transaction.
 */
gboolean
bos_meeting_store_results (BosStore            *store,
                           BosMeeting          *self,
                           const char * const  *codes,
                           const gint64        *results,
                           guint                n,
                           GError             **error)
{
  g_autofree char *now = bos_timestamp_now ();

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (self), FALSE);
  g_return_val_if_fail (n == 0 || (codes != NULL && results != NULL), FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      stmt = bos_store_prepare (store,
                                "UPDATE meeting_municipality SET result = ?3, modified = ?4, "
                                "  author = ?5, dirty = 1 "
                                "WHERE activity_id = ?1 AND code = ?2 AND deleted = 0 AND result <> ?3",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, bos_activity_get_id (self->activity), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, codes[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, results[i]);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return bos_store_set_error (store, error, _("Could not save the meeting’s results"));
    }

  return bos_meeting_reload_municipalities (store, self, error);
}

/**
 * bos_meeting_store_agreement:
 * @code: a municipality of the meeting's county
 * @agreed: the agreed number, or -1 to take the agreement back
 * @why: (nullable): why, as the group put it
 *
 * Records an agreed number (who: the store's author, when: now) with a
 * change-log entry (old, new, why). The lock in the scenario is
 * bos-meeting-county.c's business; call this inside its transaction.
 */
gboolean
bos_meeting_store_agreement (BosStore    *store,
                             BosMeeting  *self,
                             const char  *code,
                             gint64       agreed,
                             const char  *why,
                             GError     **error)
{
  const BosMeetingMunicipality *row;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = bos_timestamp_now ();
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *clean_why = dup_stripped (why);
  g_autofree char *audit_why = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  row = bos_meeting_lookup_municipality (self, code);
  if (row == NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   _("Municipality %s is not in the county this meeting covers"), code);
      return FALSE;
    }

  if (row->agreed >= 0)
    old_value = g_strdup_printf ("%" G_GINT64_FORMAT, row->agreed);
  if (agreed >= 0)
    new_value = g_strdup_printf ("%" G_GINT64_FORMAT, agreed);

  stmt = bos_store_prepare (store,
                            "UPDATE meeting_municipality SET agreed = ?2, why = ?3, agreed_at = ?4, "
                            "  agreed_by = ?5, modified = ?6, author = ?7, dirty = 1 "
                            "WHERE id = ?1 AND deleted = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_TRANSIENT);
  if (agreed >= 0)
    {
      sqlite3_bind_int64 (stmt, 2, agreed);
      sqlite3_bind_text (stmt, 3, clean_why, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_null (stmt, 2);
      sqlite3_bind_text (stmt, 3, "", -1, SQLITE_STATIC);
      sqlite3_bind_null (stmt, 4);
      sqlite3_bind_text (stmt, 5, "", -1, SQLITE_STATIC);
    }
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not save the agreed number"));

  /* Agreed figures go to the shared audit too (sync.md), with the meeting
   * in the reason so every planner sees where the number came from. */
  audit_why = bos_meeting_dup_reason (self, clean_why);
  if (!bos_store_log_change (store, row->id, "agreed", old_value, new_value, clean_why, error) ||
      !bos_audit_record_full (store, row->id, bos_activity_get_plan_id (self->activity), code,
                              "agreed", old_value, new_value, audit_why, error))
    return FALSE;
  if (g_strcmp0 (row->why, clean_why) != 0 && agreed >= 0 &&
      !bos_store_log_change (store, row->id, "why", row->why, clean_why, NULL, error))
    return FALSE;

  return bos_meeting_reload_municipalities (store, self, error);
}
