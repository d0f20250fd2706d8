/* bos-activity-editor.c: adding, editing and deleting an activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field of an activity, checked as it is typed with the rules of
 * bos_activity_validate(): the message says what is wrong and Save stays
 * off until it is right. The editor works on a copy; the stored activity
 * changes only on Save, in one transaction. Delete asks first and leaves a
 * tombstone for sync; a meeting is deleted as bos_meeting_delete() does,
 * with its participants and agenda, and not while it has agreed numbers.
 */
#define G_LOG_DOMAIN "bos-activity-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-activity-editor.h"
#include "bos-error.h"
#include "bos-form.h"
#include "bos-meeting.h"

struct _BosActivityEditor
{
  AdwWindow     parent_instance;

  BosStore     *store;
  char         *plan_id;
  BosActivity  *activity;     /* the copy being edited */
  gboolean      is_new;
  gboolean      is_meeting;   /* stored as a meeting */
  gboolean      loading;
  gboolean      touched;
  char         *message;

  /* template children */
  AdwEntryRow  *title_row;
  AdwComboRow  *kind_row;
  AdwComboRow  *status_row;
  AdwEntryRow  *start_row;
  AdwEntryRow  *end_row;
  AdwEntryRow  *start_time_row;
  AdwEntryRow  *end_time_row;
  AdwEntryRow  *responsible_row;
  AdwEntryRow  *participants_row;
  AdwEntryRow  *location_row;
  AdwEntryRow  *video_link_row;
  AdwEntryRow  *county_row;
  GtkTextView  *description_view;
  GtkTextView  *notes_view;
  GtkLabel     *message_label;
  GtkWidget    *delete_group;
};

G_DEFINE_FINAL_TYPE (BosActivityEditor, bos_activity_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN_ID,
  PROP_ACTIVITY,
  N_PROPS
};

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* "IMDi, KS" as typed → "IMDi;KS" as stored */
static char *
list_from_entry (AdwEntryRow *row)
{
  g_autofree char *text = bos_form_dup_text (row);
  g_auto(GStrv) parts = g_strsplit_set (text, ",;", -1);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (list->len > 0)
        g_string_append_c (list, ';');
      g_string_append (list, parts[i]);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static void
show_message (BosActivityEditor *self,
              const char        *message)
{
  bos_form_show_message (self->message_label, &self->message, message);
}

/* The row the validation message is about, found with the checks of
 * bos_activity_validate() in the same order. */
static AdwEntryRow *
error_row (BosActivityEditor *self)
{
  BosActivity *a = self->activity;
  const char *start_time = bos_activity_get_start_time (a);
  const char *end_time = bos_activity_get_end_time (a);
  const char *county = bos_activity_get_county_code (a);
  g_autofree char *title = g_strstrip (g_strdup (bos_activity_get_title (a)));
  BosPlanDate start, end;

  if (*title == '\0')
    return self->title_row;
  if (!bos_plan_date_parse (bos_activity_get_start (a), &start, NULL))
    return self->start_row;
  if (!bos_plan_date_check_range (bos_activity_get_start (a), bos_activity_get_end (a),
                                  NULL, NULL, NULL))
    return self->end_row;
  bos_plan_date_parse (bos_activity_get_end (a), &end, NULL);
  if (start_time != NULL &&
      (!bos_plan_time_parse (start_time, NULL, NULL) || bos_plan_date_is_month (&start)))
    return self->start_time_row;
  if (end_time != NULL)
    return self->end_time_row;
  if (county != NULL)
    return self->county_row;
  return self->video_link_row;
}

static void
mark_error_row (BosActivityEditor *self,
                AdwEntryRow       *row)
{
  AdwEntryRow *rows[] = {
    self->title_row, self->start_row, self->end_row, self->start_time_row,
    self->end_time_row, self->county_row, self->video_link_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    bos_form_set_error (GTK_WIDGET (rows[i]), rows[i] == row);
}

/* Copies the fields into the activity and checks it. */
static void
update_activity (BosActivityEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = bos_form_dup_text (self->title_row);
  g_autofree char *start = bos_form_dup_text (self->start_row);
  g_autofree char *end = bos_form_dup_text (self->end_row);
  g_autofree char *start_time = bos_form_dup_text (self->start_time_row);
  g_autofree char *end_time = bos_form_dup_text (self->end_time_row);
  g_autofree char *responsible = list_from_entry (self->responsible_row);
  g_autofree char *participants = list_from_entry (self->participants_row);
  g_autofree char *location = bos_form_dup_text (self->location_row);
  g_autofree char *video_link = bos_form_dup_text (self->video_link_row);
  g_autofree char *county = bos_form_dup_text (self->county_row);
  g_autofree char *description = bos_form_dup_view_text (self->description_view);
  g_autofree char *notes = bos_form_dup_view_text (self->notes_view);
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint status = adw_combo_row_get_selected (self->status_row);
  gboolean valid;

  g_object_freeze_notify (G_OBJECT (self->activity));
  bos_activity_set_title (self->activity, title);
  if (kind < BOS_ACTIVITY_N_KINDS)
    bos_activity_set_kind (self->activity, kind);
  if (status < BOS_ACTIVITY_N_STATUSES)
    bos_activity_set_status (self->activity, status);
  bos_activity_set_start (self->activity, start);
  bos_activity_set_end (self->activity, end);
  bos_activity_set_start_time (self->activity, start_time);
  bos_activity_set_end_time (self->activity, end_time);
  bos_activity_set_responsible (self->activity, responsible);
  bos_activity_set_participants (self->activity, participants);
  bos_activity_set_location (self->activity, location);
  bos_activity_set_video_link (self->activity, video_link);
  bos_activity_set_county_code (self->activity, county);
  bos_activity_set_description (self->activity, description);
  bos_activity_set_notes (self->activity, notes);
  g_object_thaw_notify (G_OBJECT (self->activity));

  valid = bos_activity_validate (self->activity, &error);
  /* A new, untouched form is not an error yet; Save is off all the same. */
  show_message (self, valid || !self->touched ? NULL : error->message);
  mark_error_row (self, valid || !self->touched ? NULL : error_row (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
}

static void
changed_cb (BosActivityEditor *self)
{
  if (self->loading || self->activity == NULL)
    return;
  self->touched = TRUE;
  update_activity (self);
}

static void
entry_activated_cb (BosActivityEditor *self)
{
  if (bos_activity_editor_can_save (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
fill_fields (BosActivityEditor *self)
{
  BosActivity *a = self->activity;
  g_autofree char *responsible = bos_activity_dup_list_label (bos_activity_get_responsible (a));
  g_autofree char *participants = bos_activity_dup_list_label (bos_activity_get_participants (a));
  const char *text;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), bos_activity_get_title (a));
  adw_combo_row_set_selected (self->kind_row, bos_activity_get_kind (a));
  adw_combo_row_set_selected (self->status_row, bos_activity_get_status (a));
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), bos_activity_get_start (a));
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), bos_activity_get_end (a));
  text = bos_activity_get_start_time (a);
  gtk_editable_set_text (GTK_EDITABLE (self->start_time_row), text ? text : "");
  text = bos_activity_get_end_time (a);
  gtk_editable_set_text (GTK_EDITABLE (self->end_time_row), text ? text : "");
  gtk_editable_set_text (GTK_EDITABLE (self->responsible_row), responsible);
  gtk_editable_set_text (GTK_EDITABLE (self->participants_row), participants);
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), bos_activity_get_location (a));
  gtk_editable_set_text (GTK_EDITABLE (self->video_link_row), bos_activity_get_video_link (a));
  text = bos_activity_get_county_code (a);
  gtk_editable_set_text (GTK_EDITABLE (self->county_row), text ? text : "");
  bos_form_set_view_text (self->description_view, bos_activity_get_description (a));
  bos_form_set_view_text (self->notes_view, bos_activity_get_notes (a));
  self->loading = FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BosActivityEditor *self = BOS_ACTIVITY_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->touched = TRUE;
  update_activity (self);
  if (!bos_activity_validate (self->activity, &error))
    {
      show_message (self, error->message);
      return;
    }

  if (self->is_new)
    ok = bos_activity_create (self->store, self->activity, &error);
  else
    ok = bos_activity_update (self->store, self->activity, NULL, &error);
  if (!ok)
    {
      show_message (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->activity);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_confirmed (gpointer object)
{
  BosActivityEditor *self = object;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = g_strdup (bos_activity_get_id (self->activity));
  if (self->is_meeting ? !bos_meeting_delete (self->store, id, &error)
                       : !bos_activity_delete (self->store, id, &error))
    {
      show_message (self, error->message);
      return;
    }
  g_signal_emit (self, signals[DELETED], 0, id);
  bos_form_close_later (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosActivityEditor *self = BOS_ACTIVITY_EDITOR (widget);
  g_autofree char *heading = NULL;

  if (self->is_new)
    return;

  /* Translators: %s is an activity's title */
  heading = g_strdup_printf (_("Delete “%s”?"), bos_activity_get_title (self->activity));
  bos_form_confirm_delete (GTK_WINDOW (self), heading,
                           self->is_meeting
                           ? _("The meeting, its participants and its agenda are removed from "
                               "the plan, also for colleagues when they sync.")
                           : _("The activity is removed from the plan’s calendar, also for "
                               "colleagues when they sync."),
                           _("_Cancel"), _("_Delete"), delete_confirmed, self);
}

static void
bos_activity_editor_constructed (GObject *object)
{
  BosActivityEditor *self = (BosActivityEditor *) object;

  G_OBJECT_CLASS (bos_activity_editor_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));

  if (self->activity == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      g_assert (self->plan_id != NULL);
      self->activity = bos_activity_new (self->plan_id);
      bos_activity_set_start (self->activity, today);
      bos_activity_set_end (self->activity, today);
    }
  self->is_new = bos_activity_get_modified (self->activity) == NULL;
  self->is_meeting = !self->is_new &&
                     bos_activity_get_kind (self->activity) == BOS_ACTIVITY_KIND_MEETING;

  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Activity") : _("Edit Activity"));
  gtk_widget_set_visible (self->delete_group, !self->is_new);

  fill_fields (self);
  update_activity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
bos_activity_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_ACTIVITY_EDITOR);

  G_OBJECT_CLASS (bos_activity_editor_parent_class)->dispose (object);
}

static void
bos_activity_editor_finalize (GObject *object)
{
  BosActivityEditor *self = (BosActivityEditor *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->activity);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (bos_activity_editor_parent_class)->finalize (object);
}

static void
bos_activity_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BosActivityEditor *self = BOS_ACTIVITY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN_ID:
      g_value_set_string (value, self->plan_id);
      break;
    case PROP_ACTIVITY:
      g_value_set_object (value, self->activity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_activity_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BosActivityEditor *self = BOS_ACTIVITY_EDITOR (object);
  BosActivity *activity;

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PLAN_ID:
      self->plan_id = g_value_dup_string (value);
      break;
    case PROP_ACTIVITY:
      /* Edit a copy: the caller's activity changes only when saved. */
      activity = g_value_get_object (value);
      if (activity != NULL)
        self->activity = bos_activity_copy (activity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_activity_editor_class_init (BosActivityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_activity_editor_constructed;
  object_class->dispose = bos_activity_editor_dispose;
  object_class->finalize = bos_activity_editor_finalize;
  object_class->get_property = bos_activity_editor_get_property;
  object_class->set_property = bos_activity_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The plan a new activity goes into */
  properties[PROP_PLAN_ID] =
    g_param_spec_string ("plan-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The activity to edit (a copy is edited), or NULL for a new one */
  properties[PROP_ACTIVITY] =
    g_param_spec_object ("activity", NULL, NULL, BOS_TYPE_ACTIVITY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BosActivityEditor::saved:
   * @activity: the stored activity
   *
   * Emitted after Save stored the activity, just before the editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BOS_TYPE_ACTIVITY);

  /**
   * BosActivityEditor::deleted:
   * @id: the deleted activity's id
   */
  signals[DELETED] =
    g_signal_new ("deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-activity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, start_time_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, end_time_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, participants_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, video_link_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, county_row);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, BosActivityEditor, delete_group);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
bos_activity_editor_init (BosActivityEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < BOS_ACTIVITY_N_KINDS; i++)
    gtk_string_list_append (kinds, bos_activity_kind_get_label (i));
  for (guint i = 0; i < BOS_ACTIVITY_N_STATUSES; i++)
    gtk_string_list_append (statuses, bos_activity_status_get_label (i));
  self->loading = TRUE;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  self->loading = FALSE;

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * bos_activity_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @plan_id: the plan of a new activity
 * @activity: (nullable): the activity to edit, or %NULL for a new one
 *   (dated today); an activity that was never stored is added on Save
 *
 * Returns: (transfer none): a new editor; it destroys itself when closed
 */
BosActivityEditor *
bos_activity_editor_new (GtkWindow   *parent,
                         BosStore    *store,
                         const char  *plan_id,
                         BosActivity *activity)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (activity == NULL || BOS_IS_ACTIVITY (activity), NULL);

  return g_object_new (BOS_TYPE_ACTIVITY_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "plan-id", plan_id,
                       "activity", activity,
                       NULL);
}

/**
 * bos_activity_editor_get_activity:
 *
 * Returns: (transfer none): the activity as the fields describe it
 */
BosActivity *
bos_activity_editor_get_activity (BosActivityEditor *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY_EDITOR (self), NULL);
  return self->activity;
}

gboolean
bos_activity_editor_get_is_new (BosActivityEditor *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY_EDITOR (self), FALSE);
  return self->is_new;
}

/**
 * bos_activity_editor_set_text:
 * @field: "title", "start", "end", "start-time", "end-time", "responsible",
 *   "participants", "location", "video-link", "county-code", "description"
 *   or "notes"
 * @text: the text, as if typed
 *
 * Returns: whether there is such a field
 */
gboolean
bos_activity_editor_set_text (BosActivityEditor *self,
                              const char        *field,
                              const char        *text)
{
  const BosFormField fields[] = {
    { "title", GTK_WIDGET (self->title_row) },
    { "start", GTK_WIDGET (self->start_row) },
    { "end", GTK_WIDGET (self->end_row) },
    { "start-time", GTK_WIDGET (self->start_time_row) },
    { "end-time", GTK_WIDGET (self->end_time_row) },
    { "responsible", GTK_WIDGET (self->responsible_row) },
    { "participants", GTK_WIDGET (self->participants_row) },
    { "location", GTK_WIDGET (self->location_row) },
    { "video-link", GTK_WIDGET (self->video_link_row) },
    { "county-code", GTK_WIDGET (self->county_row) },
    { "description", GTK_WIDGET (self->description_view) },
    { "notes", GTK_WIDGET (self->notes_view) },
  };

  g_return_val_if_fail (BOS_IS_ACTIVITY_EDITOR (self), FALSE);
  g_return_val_if_fail (field != NULL && text != NULL, FALSE);

  return bos_form_set_field_text (fields, G_N_ELEMENTS (fields), field, text);
}

void
bos_activity_editor_set_kind (BosActivityEditor *self,
                              BosActivityKind    kind)
{
  g_return_if_fail (BOS_IS_ACTIVITY_EDITOR (self));
  g_return_if_fail (kind < BOS_ACTIVITY_N_KINDS);

  adw_combo_row_set_selected (self->kind_row, kind);
}

void
bos_activity_editor_set_status (BosActivityEditor *self,
                                BosActivityStatus  status)
{
  g_return_if_fail (BOS_IS_ACTIVITY_EDITOR (self));
  g_return_if_fail (status < BOS_ACTIVITY_N_STATUSES);

  adw_combo_row_set_selected (self->status_row, status);
}

/**
 * bos_activity_editor_get_message:
 *
 * Returns: (nullable): what is wrong with the fields, as shown
 */
const char *
bos_activity_editor_get_message (BosActivityEditor *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY_EDITOR (self), NULL);
  return self->message;
}

/**
 * bos_activity_editor_can_save:
 *
 * Returns: whether Save is enabled
 */
gboolean
bos_activity_editor_can_save (BosActivityEditor *self)
{
  g_return_val_if_fail (BOS_IS_ACTIVITY_EDITOR (self), FALSE);
  return bos_activity_validate (self->activity, NULL);
}
