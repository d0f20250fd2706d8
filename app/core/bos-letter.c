/* bos-letter.c: the request letter to a municipality, its status and its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One letter per municipality and year, id "letter:YEAR:CODE". A letter is
 * a draft until it is marked sent (with the date); from then on its text
 * and merge values are frozen: what was sent is what is stored, and
 * bos_letter_prepare() gives it back exactly so, whatever the template or
 * the requests say now. The database refuses local edits of a sent
 * letter's content (trigger letter_sent_is_frozen).
 *
 * Besides the letters this file keeps what they are made from: the
 * templates planners edited ("letter_template:nb", "letter_template:nn";
 * without one the default in the program is used), the language a
 * municipality is written to in when it differs from its language form
 * ("letter_language:CODE"), and per plan the sender, contact, signatory,
 * reference and date ("letter_settings:YEAR:SCOPE"). All are records with
 * the sync columns.
 */
#define G_LOG_DOMAIN "bos-letter"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bos-date.h"
#include "bos-decision.h"
#include "bos-error.h"
#include "bos-letter.h"
#include "bos-letter-text.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"
#include "bos-requests.h"

struct _BosLetter
{
  GObject          parent_instance;

  char            *id;
  char            *plan_id;
  int              year;
  char            *code;
  char            *language;
  BosLetterStatus  status;
  char            *sent_on;
  char            *merge_values;  /* JSON object */
  char            *content;
  char            *modified;
  char            *author;
};

G_DEFINE_FINAL_TYPE (BosLetter, bos_letter, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BosLetterStatus, bos_letter_status,
  G_DEFINE_ENUM_VALUE (BOS_LETTER_STATUS_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (BOS_LETTER_STATUS_SENT, "sent"))

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_YEAR,
  PROP_CODE,
  PROP_LANGUAGE,
  PROP_STATUS,
  PROP_SENT_ON,
  PROP_CONTENT,
  PROP_MODIFIED,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define LETTER_COLUMNS \
  "id, plan_id, year, code, language, status, sent_on, merge_values, content, modified, author"

/* ---- helpers ------------------------------------------------------------- */

const char *
bos_letter_status_to_string (BosLetterStatus status)
{
  switch (status)
    {
    case BOS_LETTER_STATUS_DRAFT:
      return "draft";
    case BOS_LETTER_STATUS_SENT:
      return "sent";
    default:
      g_return_val_if_reached (NULL);
    }
}

static BosLetter *
letter_from_row (sqlite3_stmt *stmt)
{
  BosLetter *self = g_object_new (BOS_TYPE_LETTER, NULL);

  self->id = g_strdup (bos_sqlite_text (stmt, 0));
  self->plan_id = g_strdup (bos_sqlite_text (stmt, 1));
  self->year = sqlite3_column_int (stmt, 2);
  self->code = g_strdup (bos_sqlite_text (stmt, 3));
  self->language = g_strdup (bos_sqlite_text (stmt, 4));
  self->status = g_str_equal (bos_sqlite_text (stmt, 5), "sent") ? BOS_LETTER_STATUS_SENT
                                                                  : BOS_LETTER_STATUS_DRAFT;
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    self->sent_on = g_strdup (bos_sqlite_text (stmt, 6));
  self->merge_values = g_strdup (bos_sqlite_text (stmt, 7));
  self->content = g_strdup (bos_sqlite_text (stmt, 8));
  self->modified = g_strdup (bos_sqlite_text (stmt, 9));
  self->author = g_strdup (bos_sqlite_text (stmt, 10));
  return self;
}

/* Field → value as a JSON object, the fields in their documented order. */
static char *
values_to_json (GHashTable *values)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char * const *fields = bos_letter_fields ();

  json_builder_begin_object (builder);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (values, fields[i]);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, fields[i]);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static GHashTable *
values_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return values;
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (object, l->data);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_hash_table_insert (values, g_strdup (l->data),
                                 g_strdup (json_node_get_string (node)));
        }
    }
  return values;
}

static gboolean
step_done (BosStore      *store,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bos_store_set_error (store, error, what);
  return TRUE;
}

static void
emit_changed (BosStore   *store,
              const char *table)
{
  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, table);
}

/* ---- GObject ------------------------------------------------------------- */

static void
bos_letter_finalize (GObject *object)
{
  BosLetter *self = (BosLetter *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->sent_on, g_free);
  g_clear_pointer (&self->merge_values, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->author, g_free);

  G_OBJECT_CLASS (bos_letter_parent_class)->finalize (object);
}

static void
bos_letter_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BosLetter *self = BOS_LETTER (object);

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
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_SENT_ON:
      g_value_set_string (value, self->sent_on);
      break;
    case PROP_CONTENT:
      g_value_set_string (value, self->content);
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
bos_letter_class_init (BosLetterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bos_letter_finalize;
  object_class->get_property = bos_letter_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN_ID] =
    g_param_spec_string ("plan-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, BOS_TYPE_LETTER_STATUS, BOS_LETTER_STATUS_DRAFT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENT_ON] =
    g_param_spec_string ("sent-on", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_string ("modified", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_letter_init (BosLetter *self)
{
}

/* ---- the letter ---------------------------------------------------------- */

char *
bos_letter_make_id (int         year,
                    const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);
  return g_strdup_printf ("letter:%d:%s", year, code);
}

const char *
bos_letter_get_id (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);
  return self->id;
}

const char *
bos_letter_get_plan_id (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);
  return self->plan_id;
}

int
bos_letter_get_year (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), 0);
  return self->year;
}

const char *
bos_letter_get_code (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);
  return self->code;
}

const char *
bos_letter_get_language (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);
  return self->language;
}

BosLetterStatus
bos_letter_get_status (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), BOS_LETTER_STATUS_DRAFT);
  return self->status;
}

const char *
bos_letter_get_sent_on (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);
  return self->sent_on;
}

const char *
bos_letter_get_content (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);
  return self->content;
}

/**
 * bos_letter_dup_values:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the merge values
 */
GHashTable *
bos_letter_dup_values (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);
  return values_from_json (self->merge_values);
}

const char *
bos_letter_get_modified (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);
  return self->modified;
}

const char *
bos_letter_get_author (BosLetter *self)
{
  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);
  return self->author;
}

/**
 * bos_letter_to_document:
 *
 * Returns: (transfer full): the letter as stored, ready for PDF
 */
BosLetterDocument *
bos_letter_to_document (BosLetter *self)
{
  g_autoptr(GHashTable) values = NULL;

  g_return_val_if_fail (BOS_IS_LETTER (self), NULL);

  values = values_from_json (self->merge_values);
  return bos_letter_document_new (self->code, self->language, values, self->content);
}

/**
 * bos_letter_load:
 *
 * Returns: (transfer full): the letter to @code for @year, or %NULL with
 *   a BOS_ERROR_NOT_FOUND @error when there is none
 */
BosLetter *
bos_letter_load (BosStore    *store,
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

  id = bos_letter_make_id (year, code);
  stmt = bos_store_prepare (store,
                            "SELECT " LETTER_COLUMNS " FROM letter WHERE id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return letter_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                 _("There is no letter to municipality %s for %d"), code, year);
  else
    bos_store_set_error (store, error, _("Could not read a letter"));
  return NULL;
}

/**
 * bos_letter_list:
 *
 * Returns: (transfer full): the letters of @plan_id in code order (a
 *   list model of BosLetter), or %NULL with @error set
 */
GListModel *
bos_letter_list (BosStore    *store,
                 const char  *plan_id,
                 GError     **error)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = bos_store_prepare (store,
                            "SELECT " LETTER_COLUMNS " FROM letter "
                            "WHERE plan_id = ? AND deleted = 0 ORDER BY code",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  list = g_list_store_new (BOS_TYPE_LETTER);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BosLetter) letter = letter_from_row (stmt);

      g_list_store_append (list, letter);
    }
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the letters"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static gboolean
refuse_sent (BosLetter  *letter,
             GError    **error)
{
  g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
               _("The letter to municipality %s for %d was sent on %s; what was sent cannot be "
                 "changed"), letter->code, letter->year, letter->sent_on);
  return FALSE;
}

/* Stores a draft inside the caller's transaction. */
static gboolean
save_draft (BosStore    *store,
            const char  *plan_id,
            int          year,
            const char  *code,
            const char  *language,
            GHashTable  *values,
            const char  *content,
            GError     **error)
{
  g_autoptr(BosLetter) stored = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = values_to_json (values);
  g_autofree char *id = bos_letter_make_id (year, code);
  g_autofree char *now = NULL;

  stored = bos_letter_load (store, year, code, &local_error);
  if (stored == NULL && !g_error_matches (local_error, BOS_ERROR, BOS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (stored != NULL && stored->status == BOS_LETTER_STATUS_SENT)
    return refuse_sent (stored, error);
  if (stored != NULL && g_str_equal (stored->plan_id, plan_id) &&
      g_str_equal (stored->language, language) && g_str_equal (stored->merge_values, json) &&
      g_str_equal (stored->content, content))
    return TRUE;

  now = bos_timestamp_now ();
  stmt = bos_store_prepare (store,
                            "INSERT INTO letter (" LETTER_COLUMNS ", dirty, deleted) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, 'draft', NULL, ?6, ?7, ?8, ?9, 1, 0) "
                            "ON CONFLICT (id) DO UPDATE SET plan_id = ?2, language = ?5, "
                            "  status = 'draft', sent_on = NULL, merge_values = ?6, content = ?7, "
                            "  modified = ?8, author = ?9, dirty = 1, deleted = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, plan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, year);
  sqlite3_bind_text (stmt, 4, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, content, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (!step_done (store, stmt, _("Could not save the letter"), error))
    return FALSE;

  if (stored == NULL || !g_str_equal (stored->language, language))
    if (!bos_store_log_change (store, id, "language", stored ? stored->language : NULL, language,
                               NULL, error))
      return FALSE;
  if (stored == NULL || !g_str_equal (stored->merge_values, json))
    if (!bos_store_log_change (store, id, "merge_values", stored ? stored->merge_values : NULL,
                               json, NULL, error))
      return FALSE;
  return TRUE;
}

static gboolean
plan_year (BosStore    *store,
           const char  *plan_id,
           int         *year,
           GError     **error)
{
  g_autoptr(BosPlan) plan = bos_plan_load (store, plan_id, error);

  if (plan == NULL)
    return FALSE;
  *year = bos_plan_get_year (plan);
  return TRUE;
}

/**
 * bos_letter_save_draft:
 * @plan_id: the plan the letter belongs to
 * @code: the municipality
 * @language: "nb" or "nn"
 * @values: (element-type utf8 utf8): the merge values
 * @content: the merged text
 *
 * Stores the letter as a draft (with a change-log entry for changed
 * language and merge values). Nothing is written when it is stored so
 * already.
 *
 * Returns: %TRUE, or %FALSE with @error set: a BOS_ERROR_INVALID error
 *   when the letter was sent (its content is frozen)
 */
gboolean
bos_letter_save_draft (BosStore    *store,
                       const char  *plan_id,
                       const char  *code,
                       const char  *language,
                       GHashTable  *values,
                       const char  *content,
                       GError     **error)
{
  int year;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL && code != NULL, FALSE);
  g_return_val_if_fail (bos_letter_is_language (language), FALSE);
  g_return_val_if_fail (values != NULL && content != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!plan_year (store, plan_id, &year, error) || !bos_store_begin (store, error))
    return FALSE;
  if (!save_draft (store, plan_id, year, code, language, values, content, error) ||
      !bos_store_commit (store, error))
    {
      bos_store_rollback (store);
      return FALSE;
    }
  emit_changed (store, "letter");
  return TRUE;
}

/**
 * bos_letter_mark_sent:
 * @sent_on: "YYYY-MM-DD"
 *
 * Marks the stored draft to @code for @year as sent on @sent_on. From now
 * on its text and merge values are frozen.
 *
 * Returns: %TRUE, or %FALSE with @error set (BOS_ERROR_NOT_FOUND without a
 *   stored letter, BOS_ERROR_INVALID when it was sent already)
 */
gboolean
bos_letter_mark_sent (BosStore    *store,
                      int          year,
                      const char  *code,
                      const char  *sent_on,
                      GError     **error)
{
  g_autoptr(BosLetter) stored = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  g_autofree char *iso = NULL;
  GDate date;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (code != NULL && sent_on != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bos_date_parse (sent_on, &date, error))
    return FALSE;
  iso = bos_date_to_iso (&date);

  if (!bos_store_begin (store, error))
    return FALSE;
  stored = bos_letter_load (store, year, code, error);
  if (stored == NULL)
    goto failed;
  if (stored->status == BOS_LETTER_STATUS_SENT)
    {
      refuse_sent (stored, error);
      goto failed;
    }

  now = bos_timestamp_now ();
  stmt = bos_store_prepare (store,
                            "UPDATE letter SET status = 'sent', sent_on = ?2, modified = ?3, "
                            "  author = ?4, dirty = 1 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, stored->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (!step_done (store, stmt, _("Could not mark the letter as sent"), error) ||
      !bos_store_log_change (store, stored->id, "status", "draft", "sent", iso, error) ||
      !bos_store_commit (store, error))
    goto failed;

  emit_changed (store, "letter");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/* ---- settings ------------------------------------------------------------ */

void
bos_letter_settings_clear (BosLetterSettings *settings)
{
  g_clear_pointer (&settings->sender, g_free);
  g_clear_pointer (&settings->contact, g_free);
  g_clear_pointer (&settings->signatory, g_free);
  g_clear_pointer (&settings->signatory_title, g_free);
  g_clear_pointer (&settings->reference, g_free);
  g_clear_pointer (&settings->letter_date, g_free);
}

static char *
settings_id (const char *plan_id)
{
  return g_strconcat ("letter_settings:",
                      g_str_has_prefix (plan_id, "plan:") ? plan_id + 5 : plan_id, NULL);
}

/**
 * bos_letter_settings_load:
 * @settings: (out caller-allocates): filled with the plan's settings, all
 *   empty (letter_date NULL) when none are stored
 */
gboolean
bos_letter_settings_load (BosStore           *store,
                          const char         *plan_id,
                          BosLetterSettings  *settings,
                          GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  memset (settings, 0, sizeof *settings);
  stmt = bos_store_prepare (store,
                            "SELECT sender, contact, signatory, signatory_title, reference, "
                            "  letter_date FROM letter_settings WHERE plan_id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      settings->sender = g_strdup (bos_sqlite_text (stmt, 0));
      settings->contact = g_strdup (bos_sqlite_text (stmt, 1));
      settings->signatory = g_strdup (bos_sqlite_text (stmt, 2));
      settings->signatory_title = g_strdup (bos_sqlite_text (stmt, 3));
      settings->reference = g_strdup (bos_sqlite_text (stmt, 4));
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        settings->letter_date = g_strdup (bos_sqlite_text (stmt, 5));
    }
  else if (rc != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not read the letter settings"));
  else
    {
      settings->sender = g_strdup ("");
      settings->contact = g_strdup ("");
      settings->signatory = g_strdup ("");
      settings->signatory_title = g_strdup ("");
      settings->reference = g_strdup ("");
    }
  return TRUE;
}

/**
 * bos_letter_settings_save:
 *
 * Stores @settings for the plan (change-logged per field).
 */
gboolean
bos_letter_settings_save (BosStore                 *store,
                          const char               *plan_id,
                          const BosLetterSettings  *settings,
                          GError                  **error)
{
  g_auto(BosLetterSettings) stored = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *date = NULL;
  const char *names[] = { "sender", "contact", "signatory", "signatory_title", "reference",
                          "letter_date" };
  const char *old_values[6], *new_values[6];
  int year;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (settings->letter_date != NULL && *settings->letter_date != '\0')
    {
      GDate parsed;

      if (!bos_date_parse (settings->letter_date, &parsed, error))
        return FALSE;
      date = bos_date_to_iso (&parsed);
    }
  if (!plan_year (store, plan_id, &year, error) || !bos_store_begin (store, error))
    return FALSE;
  if (!bos_letter_settings_load (store, plan_id, &stored, error))
    goto failed;

  id = settings_id (plan_id);
  now = bos_timestamp_now ();
  stmt = bos_store_prepare (store,
                            "INSERT INTO letter_settings (id, plan_id, sender, contact, signatory, "
                            "  signatory_title, reference, letter_date, modified, author, dirty, deleted) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, 0) "
                            "ON CONFLICT (id) DO UPDATE SET sender = ?3, contact = ?4, signatory = ?5, "
                            "  signatory_title = ?6, reference = ?7, letter_date = ?8, modified = ?9, "
                            "  author = ?10, dirty = 1, deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  new_values[0] = settings->sender ? settings->sender : "";
  new_values[1] = settings->contact ? settings->contact : "";
  new_values[2] = settings->signatory ? settings->signatory : "";
  new_values[3] = settings->signatory_title ? settings->signatory_title : "";
  new_values[4] = settings->reference ? settings->reference : "";
  new_values[5] = date;
  old_values[0] = stored.sender;
  old_values[1] = stored.contact;
  old_values[2] = stored.signatory;
  old_values[3] = stored.signatory_title;
  old_values[4] = stored.reference;
  old_values[5] = stored.letter_date;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, plan_id, -1, SQLITE_TRANSIENT);
  for (int i = 0; i < 6; i++)
    sqlite3_bind_text (stmt, 3 + i, new_values[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (!step_done (store, stmt, _("Could not save the letter settings"), error))
    goto failed;
  for (int i = 0; i < 6; i++)
    if (g_strcmp0 (old_values[i], new_values[i]) != 0 &&
        !bos_store_log_change (store, id, names[i], old_values[i], new_values[i], NULL, error))
      goto failed;
  if (!bos_store_commit (store, error))
    goto failed;
  emit_changed (store, "letter_settings");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/* ---- language ------------------------------------------------------------ */

/* The override of @code, or NULL. */
static gboolean
load_override (BosStore    *store,
               const char  *code,
               char       **language,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *language = NULL;
  stmt = bos_store_prepare (store,
                            "SELECT language FROM letter_language WHERE code = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *language = g_strdup (bos_sqlite_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not read the letter language"));
  return TRUE;
}

/**
 * bos_letter_language_of:
 *
 * Returns: (transfer full): "nb" or "nn", or %NULL with @error set
 *   (BOS_ERROR_NOT_FOUND for an unknown municipality)
 */
char *
bos_letter_language_of (BosStore    *store,
                        const char  *code,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *override = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!load_override (store, code, &override, error))
    return NULL;
  stmt = bos_store_prepare (store, "SELECT language_form FROM municipality WHERE code = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                     _("There is no municipality with the number “%s”"), code);
      else
        bos_store_set_error (store, error, _("Could not read the municipality"));
      return NULL;
    }
  return g_strdup (bos_letter_language_for (bos_sqlite_text (stmt, 0), override));
}

/**
 * bos_letter_set_language_override:
 * @language: (nullable): "nb" or "nn", or %NULL to follow the
 *   municipality's language form again
 */
gboolean
bos_letter_set_language_override (BosStore    *store,
                                  const char  *code,
                                  const char  *language,
                                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (language == NULL || bos_letter_is_language (language), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bos_store_begin (store, error))
    return FALSE;
  if (!load_override (store, code, &old, error))
    goto failed;
  if (g_strcmp0 (old, language) == 0)
    {
      bos_store_rollback (store);
      return TRUE;
    }

  id = g_strconcat ("letter_language:", code, NULL);
  now = bos_timestamp_now ();
  /* Without an override the record becomes a tombstone (for sync). */
  stmt = bos_store_prepare (store,
                            language != NULL
                            ? "INSERT INTO letter_language (id, code, language, modified, author, "
                              "  dirty, deleted) VALUES (?1, ?2, ?3, ?4, ?5, 1, 0) "
                              "ON CONFLICT (id) DO UPDATE SET language = ?3, modified = ?4, "
                              "  author = ?5, dirty = 1, deleted = 0"
                            : "UPDATE letter_language SET deleted = 1, dirty = 1, modified = ?2, "
                              "  author = ?3 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (language != NULL)
    {
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, language, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
    }
  if (!step_done (store, stmt, _("Could not save the letter language"), error) ||
      !bos_store_log_change (store, id, "language", old, language, NULL, error) ||
      !bos_store_commit (store, error))
    goto failed;
  emit_changed (store, "letter_language");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/* ---- templates ----------------------------------------------------------- */

/**
 * bos_letter_load_template:
 * @language: "nb" or "nn"
 *
 * Returns: (transfer full): the edited template, else the default one
 */
char *
bos_letter_load_template (BosStore    *store,
                          const char  *language,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (bos_letter_is_language (language), NULL);

  stmt = bos_store_prepare (store,
                            "SELECT body FROM letter_template WHERE language = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, language, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (bos_sqlite_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the letter template"));
      return NULL;
    }
  return bos_letter_default_template (language);
}

/**
 * bos_letter_save_template:
 * @text: (nullable): the template; %NULL or "" for the default again
 *
 * Checks @text (bos_letter_template_check()) and stores it.
 */
gboolean
bos_letter_save_template (BosStore    *store,
                          const char  *language,
                          const char  *text,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  gboolean reset = text == NULL || *text == '\0';

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (bos_letter_is_language (language), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!reset && !bos_letter_template_check (text, error))
    return FALSE;

  id = g_strconcat ("letter_template:", language, NULL);
  now = bos_timestamp_now ();
  if (!bos_store_begin (store, error))
    return FALSE;
  /* Back to the default: the edited template becomes a tombstone. */
  stmt = bos_store_prepare (store,
                            reset
                            ? "UPDATE letter_template SET deleted = 1, dirty = 1, modified = ?2, "
                              "  author = ?3 WHERE id = ?1"
                            : "INSERT INTO letter_template (id, language, body, modified, author, "
                              "  dirty, deleted) VALUES (?1, ?4, ?5, ?2, ?3, 1, 0) "
                              "ON CONFLICT (id) DO UPDATE SET body = ?5, modified = ?2, author = ?3, "
                              "  dirty = 1, deleted = 0",
                            error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  if (!reset)
    {
      sqlite3_bind_text (stmt, 4, language, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
    }
  if (!step_done (store, stmt, _("Could not save the letter template"), error) ||
      !bos_store_log_change (store, id, "body", NULL, reset ? NULL : "edited", NULL, error) ||
      !bos_store_commit (store, error))
    goto failed;
  emit_changed (store, "letter_template");
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/* ---- preparing a plan's letters ------------------------------------------ */

static char *
number_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static GHashTable *
request_values (const BosMunicipalityInfo *info,
                const BosRequest          *request,
                int                        year,
                const char                *language,
                const BosLetterSettings   *settings,
                const GDate               *deadline,
                const GDate               *letter_date)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_MUNICIPALITY, g_strdup (info->name));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_COUNTY, g_strdup (info->county_name));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_YEAR, g_strdup_printf ("%d", year));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_NEXT_YEAR, g_strdup_printf ("%d", year + 1));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_REQUEST, number_text (request->request));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_MINORS, number_text (request->minors));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_NEXT_YEAR_FIGURE,
                       request->next_year_figure >= 0 ? number_text (request->next_year_figure)
                                                      : g_strdup (""));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_DEADLINE, bos_date_format_long (deadline, language));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_DATE, bos_date_format_long (letter_date, language));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_CONTACT, g_strdup (settings->contact ? settings->contact : ""));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_REFERENCE,
                       g_strdup (settings->reference ? settings->reference : ""));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_SIGNATORY,
                       g_strdup (settings->signatory ? settings->signatory : ""));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_SIGNATORY_TITLE,
                       g_strdup (settings->signatory_title ? settings->signatory_title : ""));
  g_hash_table_insert (values, (gpointer) BOS_LETTER_FIELD_SENDER, g_strdup (settings->sender ? settings->sender : ""));
  return values;
}

/* Tombstones a draft inside the caller's transaction. */
static gboolean
delete_draft (BosStore   *store,
              BosLetter  *letter,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = bos_timestamp_now ();

  stmt = bos_store_prepare (store,
                            "UPDATE letter SET deleted = 1, dirty = 1, modified = ?2, author = ?3 "
                            "WHERE id = ?1 AND status = 'draft'",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, letter->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, bos_store_get_author (store), -1, SQLITE_TRANSIENT);
  return step_done (store, stmt, _("Could not delete a draft letter"), error) &&
         bos_store_log_change (store, letter->id, "deleted", "draft", NULL,
                               "no longer requested", error);
}

/* Every override, code → language. */
static GHashTable *
load_overrides (BosStore  *store,
                GError   **error)
{
  g_autoptr(GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = bos_store_prepare (store, "SELECT code, language FROM letter_language WHERE deleted = 0",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (overrides, g_strdup (bos_sqlite_text (stmt, 0)),
                         g_strdup (bos_sqlite_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      bos_store_set_error (store, error, _("Could not read the letter languages"));
      return NULL;
    }
  return g_steal_pointer (&overrides);
}

/**
 * bos_letter_prepare:
 * @plan_id: the plan
 * @requests: (element-type BosRequest): what each municipality is asked;
 *   today from a file, later bos_requests_for_plan()
 * @settings: (nullable): sender, contact, signatory, reference and date;
 *   %NULL for the plan's stored settings
 * @deadline: (nullable): the answer deadline; %NULL for the plan's
 * @save_drafts: store the letters not yet sent as drafts
 *
 * Returns: (transfer full) (element-type BosLetterDocument): one letter
 *   per municipality with a request above 0, in code order; or %NULL with
 *   @error set (the template's error names an unknown merge field)
 */
GPtrArray *
bos_letter_prepare (BosStore                 *store,
                    const char               *plan_id,
                    GArray                   *requests,
                    const BosLetterSettings  *settings,
                    const GDate              *deadline,
                    gboolean                  save_drafts,
                    GError                  **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(GHashTable) overrides = NULL;
  g_autoptr(GHashTable) sent = NULL;
  g_autoptr(GListModel) letters = NULL;
  g_auto(BosLetterSettings) stored_settings = { 0 };
  g_autofree char *template_nb = NULL;
  g_autofree char *template_nn = NULL;
  GDate plan_deadline, letter_date;
  gboolean found;
  int year;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (requests != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!plan_year (store, plan_id, &year, error))
    return NULL;
  if (settings == NULL)
    {
      if (!bos_letter_settings_load (store, plan_id, &stored_settings, error))
        return NULL;
      settings = &stored_settings;
    }
  if (deadline == NULL)
    {
      if (!bos_decision_find_deadline (store, plan_id, &plan_deadline, &found, error))
        return NULL;
      if (!found)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                       _("The plan “%s” has no answer deadline: add an activity of kind "
                         "“answer_deadline” to its calendar, or give the deadline"), plan_id);
          return NULL;
        }
      deadline = &plan_deadline;
    }
  if (settings->letter_date != NULL && *settings->letter_date != '\0')
    {
      if (!bos_date_parse (settings->letter_date, &letter_date, error))
        return NULL;
    }
  else
    bos_date_set_today (&letter_date);

  index = bos_municipality_index_load (store, error);
  if (index == NULL || (overrides = load_overrides (store, error)) == NULL ||
      (letters = bos_letter_list (store, plan_id, error)) == NULL)
    return NULL;

  /* Letters sent already come back as they were sent. */
  sent = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (letters); i++)
    {
      BosLetter *letter = g_list_model_get_item (letters, i);

      if (letter->status == BOS_LETTER_STATUS_SENT)
        g_hash_table_insert (sent, letter->code, letter);
      else
        g_object_unref (letter);
    }

  if (save_drafts && !bos_store_begin (store, error))
    return NULL;

  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) bos_letter_document_free);
  for (guint i = 0; i < requests->len; i++)
    {
      const BosRequest *request = &g_array_index (requests, BosRequest, i);
      g_autoptr(GHashTable) values = NULL;
      g_autofree char *content = NULL;
      const BosMunicipalityInfo *info;
      BosLetter *sent_letter;
      const char *language;
      char **template_text;

      if (request->request <= 0)
        continue;
      sent_letter = g_hash_table_lookup (sent, request->code);
      if (sent_letter != NULL)
        {
          g_ptr_array_add (documents, bos_letter_to_document (sent_letter));
          continue;
        }

      info = bos_municipality_index_lookup (index, request->code);
      if (info == NULL)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                       _("There is no municipality with the number “%s”"), request->code);
          goto failed;
        }
      language = bos_letter_language_for (info->language_form,
                                          g_hash_table_lookup (overrides, info->code));
      template_text = g_str_equal (language, "nn") ? &template_nn : &template_nb;
      if (*template_text == NULL &&
          (*template_text = bos_letter_load_template (store, language, error)) == NULL)
        goto failed;

      values = request_values (info, request, year, language, settings, deadline, &letter_date);
      content = bos_letter_merge (*template_text, values, error);
      if (content == NULL)
        {
          g_prefix_error (error, "%s", g_str_equal (language, "nn")
                                       ? _("The Nynorsk letter template: ")
                                       : _("The Bokmål letter template: "));
          goto failed;
        }
      if (save_drafts &&
          !save_draft (store, plan_id, year, info->code, language, values, content, error))
        goto failed;
      g_ptr_array_add (documents, bos_letter_document_new (info->code, language, values, content));
    }

  if (save_drafts)
    {
      /* Drafts follow the requests: one to a municipality no longer asked
       * goes (a tombstone for sync). */
      g_autoptr(GHashTable) asked = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < documents->len; i++)
        g_hash_table_add (asked, ((BosLetterDocument *) g_ptr_array_index (documents, i))->code);
      for (guint i = 0; i < g_list_model_get_n_items (letters); i++)
        {
          g_autoptr(BosLetter) letter = g_list_model_get_item (letters, i);

          if (letter->status == BOS_LETTER_STATUS_DRAFT &&
              !g_hash_table_contains (asked, letter->code) &&
              !delete_draft (store, letter, error))
            goto failed;
        }
      if (!bos_store_commit (store, error))
        goto failed;
      emit_changed (store, "letter");
    }
  return g_steal_pointer (&documents);

failed:
  if (save_drafts)
    bos_store_rollback (store);
  return NULL;
}

/**
 * bos_letter_make_document:
 * @plan_id: the plan
 * @request: what the municipality is asked
 * @language: (nullable): "nb" or "nn"; %NULL for the municipality's
 *   (bos_letter_language_of())
 * @template_text: (nullable): the template to merge, e.g. one being
 *   edited; %NULL for the stored template of the language
 * @settings: (nullable): %NULL for the plan's stored settings
 * @deadline: (nullable): %NULL for the plan's answer deadline
 *
 * One letter as bos_letter_prepare() makes it, for a preview: nothing is
 * stored, and a letter that was sent is merged anew all the same (use
 * bos_letter_load() and bos_letter_to_document() to show what was sent).
 *
 * Returns: (transfer full): the letter, or %NULL with @error set (a
 *   template error names the unknown merge field; BOS_ERROR_NOT_FOUND when
 *   the plan has no answer deadline)
 */
BosLetterDocument *
bos_letter_make_document (BosStore                 *store,
                          const char               *plan_id,
                          const BosRequest         *request,
                          const char               *language,
                          const char               *template_text,
                          const BosLetterSettings  *settings,
                          const GDate              *deadline,
                          GError                  **error)
{
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_auto(BosLetterSettings) stored_settings = { 0 };
  g_autofree char *override = NULL;
  g_autofree char *stored_template = NULL;
  g_autofree char *content = NULL;
  const BosMunicipalityInfo *info;
  GDate plan_deadline, letter_date;
  gboolean found;
  int year;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (language == NULL || bos_letter_is_language (language), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!plan_year (store, plan_id, &year, error))
    return NULL;
  if (settings == NULL)
    {
      if (!bos_letter_settings_load (store, plan_id, &stored_settings, error))
        return NULL;
      settings = &stored_settings;
    }
  if (deadline == NULL)
    {
      if (!bos_decision_find_deadline (store, plan_id, &plan_deadline, &found, error))
        return NULL;
      if (!found)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                       _("The plan “%s” has no answer deadline: add an activity of kind "
                         "“answer_deadline” to its calendar, or give the deadline"), plan_id);
          return NULL;
        }
      deadline = &plan_deadline;
    }
  if (settings->letter_date != NULL && *settings->letter_date != '\0')
    {
      if (!bos_date_parse (settings->letter_date, &letter_date, error))
        return NULL;
    }
  else
    bos_date_set_today (&letter_date);

  index = bos_municipality_index_load (store, error);
  if (index == NULL)
    return NULL;
  info = bos_municipality_index_lookup (index, request->code);
  if (info == NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   _("There is no municipality with the number “%s”"), request->code);
      return NULL;
    }
  if (language == NULL)
    {
      if (!load_override (store, info->code, &override, error))
        return NULL;
      language = bos_letter_language_for (info->language_form, override);
    }
  if (template_text == NULL)
    {
      stored_template = bos_letter_load_template (store, language, error);
      if (stored_template == NULL)
        return NULL;
      template_text = stored_template;
    }

  values = request_values (info, request, year, language, settings, deadline, &letter_date);
  content = bos_letter_merge (template_text, values, error);
  if (content == NULL)
    return NULL;
  return bos_letter_document_new (info->code, language, values, content);
}

/**
 * bos_letter_dup_language_overrides:
 *
 * Returns: (transfer full) (element-type utf8 utf8): every municipality a
 *   planner chose the letter language of, code → "nb" or "nn"; or %NULL
 *   with @error set
 */
GHashTable *
bos_letter_dup_language_overrides (BosStore  *store,
                                   GError   **error)
{
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_overrides (store, error);
}
