/* bos-audit-entry.c: one immutable audit entry (a change to a number)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only: entries are written with bos_audit_record() and never
 * changed. The audit views list them with bos_audit_list().
 */
#define G_LOG_DOMAIN "bos-audit-entry"

#include "config.h"

#include "bos-audit-entry.h"

struct _BosAuditEntry
{
  GObject  parent_instance;

  char    *id;
  char    *record_id;
  char    *plan_id;
  char    *code;
  char    *field;
  char    *old_value;
  char    *new_value;
  char    *why;
  char    *author;
  char    *when;
};

G_DEFINE_FINAL_TYPE (BosAuditEntry, bos_audit_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_RECORD_ID,
  PROP_PLAN_ID,
  PROP_CODE,
  PROP_FIELD,
  PROP_OLD_VALUE,
  PROP_NEW_VALUE,
  PROP_WHY,
  PROP_AUTHOR,
  PROP_WHEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bos_audit_entry_finalize (GObject *object)
{
  BosAuditEntry *self = (BosAuditEntry *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->old_value, g_free);
  g_clear_pointer (&self->new_value, g_free);
  g_clear_pointer (&self->why, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->when, g_free);

  G_OBJECT_CLASS (bos_audit_entry_parent_class)->finalize (object);
}

static void
bos_audit_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BosAuditEntry *self = BOS_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;
    case PROP_PLAN_ID:
      g_value_set_string (value, self->plan_id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_OLD_VALUE:
      g_value_set_string (value, self->old_value);
      break;
    case PROP_NEW_VALUE:
      g_value_set_string (value, self->new_value);
      break;
    case PROP_WHY:
      g_value_set_string (value, self->why);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_WHEN:
      g_value_set_string (value, self->when);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_audit_entry_class_init (BosAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bos_audit_entry_finalize;
  object_class->get_property = bos_audit_entry_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_RECORD_ID] = g_param_spec_string ("record-id", NULL, NULL, NULL, ro);
  properties[PROP_PLAN_ID] = g_param_spec_string ("plan-id", NULL, NULL, NULL, ro);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, ro);
  properties[PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL, ro);
  properties[PROP_OLD_VALUE] = g_param_spec_string ("old-value", NULL, NULL, NULL, ro);
  properties[PROP_NEW_VALUE] = g_param_spec_string ("new-value", NULL, NULL, NULL, ro);
  properties[PROP_WHY] = g_param_spec_string ("why", NULL, NULL, NULL, ro);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, ro);
  properties[PROP_WHEN] = g_param_spec_string ("when", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bos_audit_entry_init (BosAuditEntry *self)
{
}

BosAuditEntry *
bos_audit_entry_new_take (char *id,
                          char *record_id,
                          char *plan_id,
                          char *code,
                          char *field,
                          char *old_value,
                          char *new_value,
                          char *why,
                          char *author,
                          char *when)
{
  BosAuditEntry *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (BOS_TYPE_AUDIT_ENTRY, NULL);
  self->id = id;
  self->record_id = record_id;
  self->plan_id = plan_id;
  self->code = code;
  self->field = field;
  self->old_value = old_value;
  self->new_value = new_value;
  self->why = why;
  self->author = author;
  self->when = when;
  return self;
}

const char *
bos_audit_entry_get_id (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->id;
}

const char *
bos_audit_entry_get_record_id (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->record_id;
}

const char *
bos_audit_entry_get_plan_id (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->plan_id;
}

/**
 * bos_audit_entry_get_code:
 *
 * Returns: (nullable): the municipality the change is about, if any
 */
const char *
bos_audit_entry_get_code (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->code;
}

const char *
bos_audit_entry_get_field (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->field;
}

/**
 * bos_audit_entry_get_old_value:
 *
 * Returns: (nullable): the value before, %NULL when the record was new
 */
const char *
bos_audit_entry_get_old_value (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->old_value;
}

/**
 * bos_audit_entry_get_new_value:
 *
 * Returns: (nullable): the value after, %NULL when it was removed
 */
const char *
bos_audit_entry_get_new_value (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->new_value;
}

const char *
bos_audit_entry_get_why (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->why;
}

const char *
bos_audit_entry_get_author (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->author;
}

/**
 * bos_audit_entry_get_when:
 *
 * Returns: ISO 8601 UTC time of the change
 */
const char *
bos_audit_entry_get_when (BosAuditEntry *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (self), NULL);
  return self->when;
}
