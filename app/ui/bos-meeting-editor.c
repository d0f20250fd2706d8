/* bos-meeting-editor.c: adding and editing a collaboration meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The meeting's date and times, place and video link, the county it
 * covers, its participants (organisation, name, role, e-mail; IMDi, KS,
 * the county municipality and Bufetat offered from the Add menu) and its
 * agenda, checked as they are typed with bos_meeting_validate(): the
 * message says what is wrong, the row in question is marked, and Save
 * stays off until everything is right. The editor works on its own copy;
 * the stored meeting changes only on Save, in one transaction.
 */
#define G_LOG_DOMAIN "bos-meeting-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bos-form.h"
#include "bos-meeting-editor.h"

typedef struct
{
  AdwExpanderRow *row;
  AdwEntryRow    *organisation;
  AdwEntryRow    *name;
  AdwEntryRow    *role;
  AdwEntryRow    *email;
} ParticipantRow;

typedef struct
{
  AdwExpanderRow *row;
  AdwEntryRow    *title;
  AdwEntryRow    *notes;
  GtkWidget      *up;
  GtkWidget      *down;
} AgendaRow;

struct _BosMeetingEditor
{
  AdwWindow             parent_instance;

  BosStore             *store;
  char                 *plan_id;
  char                 *meeting_id;
  BosMeeting           *meeting;       /* the copy being edited */
  char                 *stored_start;  /* to keep a stored end date */
  char                 *stored_end;
  GStrv                 county_codes;  /* [0] is "" for no county */
  GStrv                 county_names;
  GArray               *participant_rows;
  GArray               *agenda_rows;
  gboolean              is_new;
  gboolean              loading;
  gboolean              touched;
  char                 *message;

  /* template children */
  GtkLabel             *message_label;
  AdwEntryRow          *title_row;
  AdwComboRow          *county_row;
  AdwComboRow          *status_row;
  AdwEntryRow          *date_row;
  AdwEntryRow          *start_time_row;
  AdwEntryRow          *end_time_row;
  AdwEntryRow          *location_row;
  AdwEntryRow          *video_link_row;
  AdwPreferencesGroup  *participants_group;
  AdwPreferencesGroup  *agenda_group;
  GtkTextView          *notes_view;
  GtkWidget            *delete_group;
};

G_DEFINE_FINAL_TYPE (BosMeetingEditor, bos_meeting_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN_ID,
  PROP_MEETING_ID,
  N_PROPS
};

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild_participants (BosMeetingEditor *self);
static void rebuild_agenda       (BosMeetingEditor *self);

static void
show_message (BosMeetingEditor *self,
              const char       *message)
{
  bos_form_show_message (self->message_label, &self->message, message);
}

static const char *
selected_county (BosMeetingEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->county_row);

  if (self->county_codes == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0 ||
      selected >= g_strv_length (self->county_codes))
    return NULL;
  return self->county_codes[selected];
}

static const char *
selected_county_name (BosMeetingEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->county_row);

  if (selected_county (self) == NULL)
    return NULL;
  return self->county_names[selected];
}

/* The row title of a participant: the name, or the organisation */
static void
update_participant_title (ParticipantRow       *prow,
                          const BosParticipant *participant)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *title;

  if (*participant->name != '\0')
    {
      title = participant->name;
      g_string_append (subtitle, participant->organisation);
    }
  else if (*participant->organisation != '\0')
    title = participant->organisation;
  else
    title = _("New participant");

  if (*participant->role != '\0')
    {
      if (subtitle->len > 0)
        /* Translators: between a participant's organisation and role */
        g_string_append (subtitle, _(" · "));
      g_string_append (subtitle, participant->role);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (prow->row), title);
  adw_expander_row_set_subtitle (prow->row, subtitle->str);
}

static void
update_agenda_title (AgendaRow           *arow,
                     guint                index,
                     const BosAgendaItem *item)
{
  g_autofree char *title = g_strdup_printf ("%u. %s", index + 1,
                                            *item->title ? item->title : _("New item"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (arow->row), title);
  adw_expander_row_set_subtitle (arow->row, item->notes);
}

/* Copies the fields into the meeting and checks it. */
static void
update_meeting (BosMeetingEditor *self)
{
  g_autoptr(GError) error = NULL;
  BosActivity *activity = bos_meeting_get_activity (self->meeting);
  GPtrArray *participants = bos_meeting_get_participants (self->meeting);
  GPtrArray *agenda = bos_meeting_get_agenda (self->meeting);
  g_autofree char *title = bos_form_dup_text (self->title_row);
  g_autofree char *date = bos_form_dup_text (self->date_row);
  g_autofree char *start_time = bos_form_dup_text (self->start_time_row);
  g_autofree char *end_time = bos_form_dup_text (self->end_time_row);
  g_autofree char *location = bos_form_dup_text (self->location_row);
  g_autofree char *video_link = bos_form_dup_text (self->video_link_row);
  g_autofree char *notes = bos_form_dup_view_text (self->notes_view);
  guint status = adw_combo_row_get_selected (self->status_row);
  gboolean valid;
  GtkWidget *error_widget = NULL;

  g_object_freeze_notify (G_OBJECT (activity));
  bos_activity_set_title (activity, title);
  if (status < BOS_ACTIVITY_N_STATUSES)
    bos_activity_set_status (activity, status);
  bos_activity_set_start (activity, date);
  /* One day, unless it was stored as several and the start is unchanged */
  if (self->stored_start != NULL && g_str_equal (date, self->stored_start))
    bos_activity_set_end (activity, self->stored_end);
  else
    bos_activity_set_end (activity, date);
  bos_activity_set_start_time (activity, start_time);
  bos_activity_set_end_time (activity, end_time);
  bos_activity_set_location (activity, location);
  bos_activity_set_video_link (activity, video_link);
  bos_activity_set_county_code (activity, selected_county (self));
  bos_activity_set_notes (activity, notes);
  g_object_thaw_notify (G_OBJECT (activity));

  g_assert (participants->len == self->participant_rows->len);
  for (guint i = 0; i < participants->len; i++)
    {
      ParticipantRow *prow = &g_array_index (self->participant_rows, ParticipantRow, i);
      BosParticipant *participant = g_ptr_array_index (participants, i);
      gboolean bad_email, nobody;

      g_free (participant->organisation);
      participant->organisation = bos_form_dup_text (prow->organisation);
      g_free (participant->name);
      participant->name = bos_form_dup_text (prow->name);
      g_free (participant->role);
      participant->role = bos_form_dup_text (prow->role);
      g_free (participant->email);
      participant->email = bos_form_dup_text (prow->email);
      update_participant_title (prow, participant);

      /* Marked as typed, once the form was touched */
      bad_email = *participant->email != '\0' && !bos_email_is_valid (participant->email);
      nobody = *participant->organisation == '\0' && *participant->name == '\0';
      bos_form_set_error (GTK_WIDGET (prow->email), self->touched && bad_email);
      bos_form_set_error (GTK_WIDGET (prow->organisation), self->touched && nobody);
      bos_form_set_error (GTK_WIDGET (prow->name), self->touched && nobody);
      if (error_widget == NULL && (bad_email || nobody))
        error_widget = GTK_WIDGET (prow->row);
    }

  g_assert (agenda->len == self->agenda_rows->len);
  for (guint i = 0; i < agenda->len; i++)
    {
      AgendaRow *arow = &g_array_index (self->agenda_rows, AgendaRow, i);
      BosAgendaItem *item = g_ptr_array_index (agenda, i);

      g_free (item->title);
      item->title = bos_form_dup_text (arow->title);
      g_free (item->notes);
      item->notes = bos_form_dup_text (arow->notes);
      update_agenda_title (arow, i, item);
      bos_form_set_error (GTK_WIDGET (arow->title), self->touched && *item->title == '\0');
    }

  valid = bos_meeting_validate (self->meeting, &error);
  show_message (self, valid || !self->touched ? NULL : error->message);
  /* A participant in error shows its fields. */
  if (self->touched && error_widget != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (error_widget), TRUE);

  /* The meeting's own rows, in the order the checks run */
  {
    BosPlanDate start;
    gboolean bad_title = *title == '\0';
    gboolean bad_date = !bos_plan_date_parse (date, &start, NULL);
    gboolean bad_start = *start_time != '\0' &&
                         (!bos_plan_time_parse (start_time, NULL, NULL) ||
                          (!bad_date && bos_plan_date_is_month (&start)));
    gboolean bad_end = *end_time != '\0' && !bad_start &&
                       (!bos_plan_time_parse (end_time, NULL, NULL) || *start_time == '\0' ||
                        strcmp (end_time, start_time) < 0);
    gboolean bad_link = *video_link != '\0' && !bos_video_link_is_valid (video_link);

    bos_form_set_error (GTK_WIDGET (self->title_row), self->touched && bad_title);
    bos_form_set_error (GTK_WIDGET (self->date_row), self->touched && bad_date);
    bos_form_set_error (GTK_WIDGET (self->start_time_row), self->touched && bad_start);
    bos_form_set_error (GTK_WIDGET (self->end_time_row), self->touched && bad_end);
    bos_form_set_error (GTK_WIDGET (self->video_link_row), self->touched && bad_link);
  }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting-editor.save", valid);
}

static void
changed_cb (BosMeetingEditor *self)
{
  if (self->loading || self->meeting == NULL)
    return;
  self->touched = TRUE;
  update_meeting (self);
}

static void
entry_activated_cb (BosMeetingEditor *self)
{
  if (bos_meeting_editor_can_save (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "meeting-editor.save", NULL);
}

static AdwEntryRow *
entry_row_new (BosMeetingEditor *self,
               const char       *title,
               const char       *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_object (row, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_activated_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *tooltip,
                 const char *action_name,
                 guint       index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* An icon says nothing to a screen reader */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  if (action_name != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_uint32 (index));
    }
  return button;
}

static void
rebuild_participants (BosMeetingEditor *self)
{
  GPtrArray *participants = bos_meeting_get_participants (self->meeting);
  gboolean loading = self->loading;

  self->loading = TRUE;
  for (guint i = 0; i < self->participant_rows->len; i++)
    adw_preferences_group_remove (self->participants_group,
                                  GTK_WIDGET (g_array_index (self->participant_rows,
                                                             ParticipantRow, i).row));
  g_array_set_size (self->participant_rows, 0);

  for (guint i = 0; i < participants->len; i++)
    {
      BosParticipant *participant = g_ptr_array_index (participants, i);
      ParticipantRow prow;

      prow.row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      prow.organisation = entry_row_new (self, _("Organisation"), participant->organisation);
      prow.name = entry_row_new (self, _("Name"), participant->name);
      prow.role = entry_row_new (self, _("Role"), participant->role);
      prow.email = entry_row_new (self, _("E-mail"), participant->email);
      adw_entry_row_set_input_purpose (prow.email, GTK_INPUT_PURPOSE_EMAIL);
      adw_expander_row_add_row (prow.row, GTK_WIDGET (prow.organisation));
      adw_expander_row_add_row (prow.row, GTK_WIDGET (prow.name));
      adw_expander_row_add_row (prow.row, GTK_WIDGET (prow.role));
      adw_expander_row_add_row (prow.row, GTK_WIDGET (prow.email));
      adw_expander_row_add_action (prow.row,
                                   icon_button_new ("user-trash-symbolic",
                                                    _("Remove the participant"),
                                                    "meeting-editor.remove-participant", i));
      update_participant_title (&prow, participant);
      adw_preferences_group_add (self->participants_group, GTK_WIDGET (prow.row));
      g_array_append_val (self->participant_rows, prow);
    }
  self->loading = loading;
}

static void
rebuild_agenda (BosMeetingEditor *self)
{
  GPtrArray *agenda = bos_meeting_get_agenda (self->meeting);
  gboolean loading = self->loading;

  self->loading = TRUE;
  for (guint i = 0; i < self->agenda_rows->len; i++)
    adw_preferences_group_remove (self->agenda_group,
                                  GTK_WIDGET (g_array_index (self->agenda_rows, AgendaRow, i).row));
  g_array_set_size (self->agenda_rows, 0);

  for (guint i = 0; i < agenda->len; i++)
    {
      BosAgendaItem *item = g_ptr_array_index (agenda, i);
      AgendaRow arow;

      arow.row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      arow.title = entry_row_new (self, _("Title"), item->title);
      arow.notes = entry_row_new (self, _("Notes"), item->notes);
      adw_expander_row_add_row (arow.row, GTK_WIDGET (arow.title));
      adw_expander_row_add_row (arow.row, GTK_WIDGET (arow.notes));
      /* The first item cannot move up nor the last down: the buttons
       * are off (their actions are targeted, so a button of their own) */
      arow.up = icon_button_new ("go-up-symbolic", _("Move up"),
                                 i > 0 ? "meeting-editor.move-agenda-up" : NULL, i);
      arow.down = icon_button_new ("go-down-symbolic", _("Move down"),
                                   i + 1 < agenda->len ? "meeting-editor.move-agenda-down" : NULL,
                                   i);
      gtk_widget_set_sensitive (arow.up, i > 0);
      gtk_widget_set_sensitive (arow.down, i + 1 < agenda->len);
      /* Actions are packed from the end: shown as up, down, remove */
      adw_expander_row_add_action (arow.row,
                                   icon_button_new ("user-trash-symbolic", _("Remove the item"),
                                                    "meeting-editor.remove-agenda-item", i));
      adw_expander_row_add_action (arow.row, arow.down);
      adw_expander_row_add_action (arow.row, arow.up);
      update_agenda_title (&arow, i, item);
      adw_preferences_group_add (self->agenda_group, GTK_WIDGET (arow.row));
      g_array_append_val (self->agenda_rows, arow);
    }
  self->loading = loading;
}

static void
fill_fields (BosMeetingEditor *self)
{
  BosActivity *activity = bos_meeting_get_activity (self->meeting);
  const char *county = bos_activity_get_county_code (activity);
  const char *text;
  guint county_index = 0;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), bos_activity_get_title (activity));
  adw_combo_row_set_selected (self->status_row, bos_activity_get_status (activity));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), bos_activity_get_start (activity));
  text = bos_activity_get_start_time (activity);
  gtk_editable_set_text (GTK_EDITABLE (self->start_time_row), text ? text : "");
  text = bos_activity_get_end_time (activity);
  gtk_editable_set_text (GTK_EDITABLE (self->end_time_row), text ? text : "");
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), bos_activity_get_location (activity));
  gtk_editable_set_text (GTK_EDITABLE (self->video_link_row),
                         bos_activity_get_video_link (activity));
  for (guint i = 1; county != NULL && self->county_codes[i] != NULL; i++)
    if (g_str_equal (self->county_codes[i], county))
      county_index = i;
  adw_combo_row_set_selected (self->county_row, county_index);
  bos_form_set_view_text (self->notes_view, bos_activity_get_notes (activity));
  rebuild_participants (self);
  rebuild_agenda (self);
  self->loading = FALSE;
}

static void
add_participant (BosMeetingEditor *self,
                 const char       *organisation)
{
  GPtrArray *participants = bos_meeting_get_participants (self->meeting);
  ParticipantRow *prow;

  bos_meeting_add_participant (self->meeting, bos_participant_new (organisation, "", "", ""));
  rebuild_participants (self);
  prow = &g_array_index (self->participant_rows, ParticipantRow, participants->len - 1);
  adw_expander_row_set_expanded (prow->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (organisation && *organisation ? prow->name
                                                                   : prow->organisation));
  update_meeting (self);
}

static void
add_participant_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  add_participant (BOS_MEETING_EDITOR (widget), "");
}

static void
add_suggested_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BosMeetingEditor *self = BOS_MEETING_EDITOR (widget);
  g_auto(GStrv) suggestions = bos_meeting_dup_suggested_organisations (selected_county_name (self));
  guint index = g_variant_get_uint32 (parameter);

  if (index < g_strv_length (suggestions))
    add_participant (self, suggestions[index]);
}

static void
add_all_suggested_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BosMeetingEditor *self = BOS_MEETING_EDITOR (widget);
  g_auto(GStrv) suggestions = bos_meeting_dup_suggested_organisations (selected_county_name (self));
  GPtrArray *participants = bos_meeting_get_participants (self->meeting);

  for (guint s = 0; suggestions[s] != NULL; s++)
    {
      gboolean present = FALSE;

      for (guint i = 0; i < participants->len; i++)
        present |= g_str_equal (((BosParticipant *) participants->pdata[i])->organisation,
                                suggestions[s]);
      if (!present)
        bos_meeting_add_participant (self->meeting,
                                     bos_participant_new (suggestions[s], "", "", ""));
    }
  rebuild_participants (self);
  update_meeting (self);
}

static void
remove_participant_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BosMeetingEditor *self = BOS_MEETING_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= bos_meeting_get_participants (self->meeting)->len)
    return;
  bos_meeting_remove_participant (self->meeting, index);
  rebuild_participants (self);
  self->touched = TRUE;
  update_meeting (self);
}

static void
add_agenda_item_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BosMeetingEditor *self = BOS_MEETING_EDITOR (widget);
  AgendaRow *arow;

  bos_meeting_editor_add_agenda_item (self, "");
  arow = &g_array_index (self->agenda_rows, AgendaRow, self->agenda_rows->len - 1);
  adw_expander_row_set_expanded (arow->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (arow->title));
}

static void
move_agenda (BosMeetingEditor *self,
             guint             from,
             int               delta)
{
  guint n = bos_meeting_get_agenda (self->meeting)->len;
  guint to;

  if (from >= n || (delta < 0 && from == 0) || (delta > 0 && from + 1 >= n))
    return;
  to = delta < 0 ? from - 1 : from + 1;
  bos_meeting_move_agenda_item (self->meeting, from, to);
  rebuild_agenda (self);
  gtk_widget_grab_focus (delta < 0 ? g_array_index (self->agenda_rows, AgendaRow, to).up
                                   : g_array_index (self->agenda_rows, AgendaRow, to).down);
  self->touched = TRUE;
  update_meeting (self);
}

static void
move_agenda_up_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  move_agenda (BOS_MEETING_EDITOR (widget), g_variant_get_uint32 (parameter), -1);
}

static void
move_agenda_down_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  move_agenda (BOS_MEETING_EDITOR (widget), g_variant_get_uint32 (parameter), 1);
}

static void
remove_agenda_item_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BosMeetingEditor *self = BOS_MEETING_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= bos_meeting_get_agenda (self->meeting)->len)
    return;
  bos_meeting_remove_agenda_item (self->meeting, index);
  rebuild_agenda (self);
  self->touched = TRUE;
  update_meeting (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bos_meeting_editor_save (BOS_MEETING_EDITOR (widget));
}

static void
delete_confirmed (gpointer object)
{
  BosMeetingEditor *self = object;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = g_strdup (bos_meeting_get_id (self->meeting));
  if (!bos_meeting_delete (self->store, id, &error))
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
  BosMeetingEditor *self = BOS_MEETING_EDITOR (widget);
  g_autofree char *heading = NULL;

  if (self->is_new)
    return;

  /* Translators: %s is a meeting's title */
  heading = g_strdup_printf (_("Delete “%s”?"),
                             bos_activity_get_title (bos_meeting_get_activity (self->meeting)));
  bos_form_confirm_delete (GTK_WINDOW (self), heading,
                           _("The meeting, its participants and its agenda are removed from the "
                             "plan, also for colleagues when they sync."),
                           _("_Cancel"), _("_Delete"), delete_confirmed, self);
}

static void
bos_meeting_editor_constructed (GObject *object)
{
  BosMeetingEditor *self = (BosMeetingEditor *) object;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) counties = gtk_string_list_new (NULL);
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) code_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) name_builder = g_strv_builder_new ();

  G_OBJECT_CLASS (bos_meeting_editor_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));

  if (!bos_meeting_list_counties (self->store, &codes, &names, &error))
    {
      g_warning ("Could not read the counties: %s", error->message);
      g_clear_error (&error);
    }
  gtk_string_list_append (counties, _("No county"));
  g_strv_builder_add (code_builder, "");
  g_strv_builder_add (name_builder, "");
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      /* Translators: a county in a list: its name and number */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), names[i], codes[i]);

      gtk_string_list_append (counties, label);
      g_strv_builder_add (code_builder, codes[i]);
      g_strv_builder_add (name_builder, names[i]);
    }
  self->county_codes = g_strv_builder_end (code_builder);
  self->county_names = g_strv_builder_end (name_builder);
  self->loading = TRUE;
  adw_combo_row_set_model (self->county_row, G_LIST_MODEL (counties));
  self->loading = FALSE;

  if (self->meeting_id != NULL)
    {
      self->meeting = bos_meeting_load (self->store, self->meeting_id, &error);
      if (self->meeting == NULL)
        {
          g_warning ("Could not open the meeting: %s", error->message);
          g_clear_error (&error);
        }
    }
  if (self->meeting == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      BosActivity *activity;
      char *title;

      g_assert (self->plan_id != NULL);
      self->meeting = bos_meeting_new (self->plan_id);
      activity = bos_meeting_get_activity (self->meeting);
      bos_activity_set_start (activity, today);
      bos_activity_set_end (activity, today);
      for (guint i = 0; (title = bos_meeting_dup_default_agenda_title (i)) != NULL; i++)
        {
          bos_meeting_add_agenda_item (self->meeting, bos_agenda_item_new (title, ""));
          g_free (title);
        }
      self->is_new = TRUE;
    }
  else
    {
      BosActivity *activity = bos_meeting_get_activity (self->meeting);

      self->stored_start = g_strdup (bos_activity_get_start (activity));
      self->stored_end = g_strdup (bos_activity_get_end (activity));
    }

  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Meeting") : _("Edit Meeting"));
  gtk_widget_set_visible (self->delete_group, !self->is_new);

  fill_fields (self);
  update_meeting (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
bos_meeting_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_MEETING_EDITOR);

  G_OBJECT_CLASS (bos_meeting_editor_parent_class)->dispose (object);
}

static void
bos_meeting_editor_finalize (GObject *object)
{
  BosMeetingEditor *self = (BosMeetingEditor *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->meeting_id, g_free);
  g_clear_pointer (&self->stored_start, g_free);
  g_clear_pointer (&self->stored_end, g_free);
  g_clear_pointer (&self->county_codes, g_strfreev);
  g_clear_pointer (&self->county_names, g_strfreev);
  g_clear_pointer (&self->participant_rows, g_array_unref);
  g_clear_pointer (&self->agenda_rows, g_array_unref);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (bos_meeting_editor_parent_class)->finalize (object);
}

static void
bos_meeting_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BosMeetingEditor *self = BOS_MEETING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN_ID:
      g_value_set_string (value, self->plan_id);
      break;
    case PROP_MEETING_ID:
      g_value_set_string (value, self->meeting_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_meeting_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BosMeetingEditor *self = BOS_MEETING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PLAN_ID:
      self->plan_id = g_value_dup_string (value);
      break;
    case PROP_MEETING_ID:
      self->meeting_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_meeting_editor_class_init (BosMeetingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_meeting_editor_constructed;
  object_class->dispose = bos_meeting_editor_dispose;
  object_class->finalize = bos_meeting_editor_finalize;
  object_class->get_property = bos_meeting_editor_get_property;
  object_class->set_property = bos_meeting_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The plan a new meeting goes into */
  properties[PROP_PLAN_ID] =
    g_param_spec_string ("plan-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The meeting to edit (its activity id), or NULL for a new one */
  properties[PROP_MEETING_ID] =
    g_param_spec_string ("meeting-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BosMeetingEditor::saved:
   * @id: the stored meeting's activity id
   *
   * Emitted after Save stored the meeting, just before the editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * BosMeetingEditor::deleted:
   * @id: the deleted meeting's activity id
   */
  signals[DELETED] =
    g_signal_new ("deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-meeting-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, county_row);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, start_time_row);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, end_time_row);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, video_link_row);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, participants_group);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, agenda_group);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingEditor, delete_group);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);

  gtk_widget_class_install_action (widget_class, "meeting-editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "meeting-editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "meeting-editor.add-participant", NULL,
                                   add_participant_action);
  gtk_widget_class_install_action (widget_class, "meeting-editor.add-suggested", "u",
                                   add_suggested_action);
  gtk_widget_class_install_action (widget_class, "meeting-editor.add-all-suggested", NULL,
                                   add_all_suggested_action);
  gtk_widget_class_install_action (widget_class, "meeting-editor.remove-participant", "u",
                                   remove_participant_action);
  gtk_widget_class_install_action (widget_class, "meeting-editor.add-agenda-item", NULL,
                                   add_agenda_item_action);
  gtk_widget_class_install_action (widget_class, "meeting-editor.move-agenda-up", "u",
                                   move_agenda_up_action);
  gtk_widget_class_install_action (widget_class, "meeting-editor.move-agenda-down", "u",
                                   move_agenda_down_action);
  gtk_widget_class_install_action (widget_class, "meeting-editor.remove-agenda-item", "u",
                                   remove_agenda_item_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "meeting-editor.save", NULL);
}

static void
bos_meeting_editor_init (BosMeetingEditor *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->participant_rows = g_array_new (FALSE, FALSE, sizeof (ParticipantRow));
  self->agenda_rows = g_array_new (FALSE, FALSE, sizeof (AgendaRow));

  for (guint i = 0; i < BOS_ACTIVITY_N_STATUSES; i++)
    gtk_string_list_append (statuses, bos_activity_status_get_label (i));
  self->loading = TRUE;
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  self->loading = FALSE;

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  {
    AdwEntryRow *rows[] = {
      self->title_row, self->date_row, self->start_time_row, self->end_time_row,
      self->location_row, self->video_link_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (entry_activated_cb), self,
                               G_CONNECT_SWAPPED);
  }
}

/**
 * bos_meeting_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @plan_id: the plan of a new meeting
 * @meeting_id: (nullable): the meeting to edit, or %NULL for a new one
 *   (dated today, with the usual agenda)
 *
 * Returns: (transfer none): a new editor; it destroys itself when closed
 */
BosMeetingEditor *
bos_meeting_editor_new (GtkWindow  *parent,
                        BosStore   *store,
                        const char *plan_id,
                        const char *meeting_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  return g_object_new (BOS_TYPE_MEETING_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "plan-id", plan_id,
                       "meeting-id", meeting_id,
                       NULL);
}

/**
 * bos_meeting_editor_get_meeting:
 *
 * Returns: (transfer none): the meeting as the fields describe it
 */
BosMeeting *
bos_meeting_editor_get_meeting (BosMeetingEditor *self)
{
  g_return_val_if_fail (BOS_IS_MEETING_EDITOR (self), NULL);
  return self->meeting;
}

gboolean
bos_meeting_editor_get_is_new (BosMeetingEditor *self)
{
  g_return_val_if_fail (BOS_IS_MEETING_EDITOR (self), FALSE);
  return self->is_new;
}

/**
 * bos_meeting_editor_set_text:
 * @field: "title", "date", "start-time", "end-time", "location",
 *   "video-link" or "notes"
 * @text: the text, as if typed
 *
 * Returns: whether there is such a field
 */
gboolean
bos_meeting_editor_set_text (BosMeetingEditor *self,
                             const char       *field,
                             const char       *text)
{
  const BosFormField fields[] = {
    { "title", GTK_WIDGET (self->title_row) },
    { "date", GTK_WIDGET (self->date_row) },
    { "start-time", GTK_WIDGET (self->start_time_row) },
    { "end-time", GTK_WIDGET (self->end_time_row) },
    { "location", GTK_WIDGET (self->location_row) },
    { "video-link", GTK_WIDGET (self->video_link_row) },
    { "notes", GTK_WIDGET (self->notes_view) },
  };

  g_return_val_if_fail (BOS_IS_MEETING_EDITOR (self), FALSE);
  g_return_val_if_fail (field != NULL && text != NULL, FALSE);

  return bos_form_set_field_text (fields, G_N_ELEMENTS (fields), field, text);
}

/**
 * bos_meeting_editor_set_county:
 * @county_code: (nullable): a county number, or %NULL for none
 *
 * Returns: whether there is such a county
 */
gboolean
bos_meeting_editor_set_county (BosMeetingEditor *self,
                               const char       *county_code)
{
  g_return_val_if_fail (BOS_IS_MEETING_EDITOR (self), FALSE);

  for (guint i = 0; self->county_codes[i] != NULL; i++)
    if ((county_code == NULL && i == 0) || g_strcmp0 (self->county_codes[i], county_code) == 0)
      {
        adw_combo_row_set_selected (self->county_row, i);
        return TRUE;
      }
  return FALSE;
}

/**
 * bos_meeting_editor_add_participant:
 * @organisation: (nullable): the participant's organisation
 *
 * Adds a participant row, as the Add menu does.
 */
void
bos_meeting_editor_add_participant (BosMeetingEditor *self,
                                    const char       *organisation)
{
  g_return_if_fail (BOS_IS_MEETING_EDITOR (self));

  add_participant (self, organisation);
}

/**
 * bos_meeting_editor_set_participant_text:
 * @field: "organisation", "name", "role" or "email"
 *
 * Returns: whether there is such a participant and field
 */
gboolean
bos_meeting_editor_set_participant_text (BosMeetingEditor *self,
                                         guint             index,
                                         const char       *field,
                                         const char       *text)
{
  ParticipantRow *prow;
  AdwEntryRow *row = NULL;

  g_return_val_if_fail (BOS_IS_MEETING_EDITOR (self), FALSE);
  g_return_val_if_fail (field != NULL && text != NULL, FALSE);

  if (index >= self->participant_rows->len)
    return FALSE;
  prow = &g_array_index (self->participant_rows, ParticipantRow, index);
  if (g_str_equal (field, "organisation"))
    row = prow->organisation;
  else if (g_str_equal (field, "name"))
    row = prow->name;
  else if (g_str_equal (field, "role"))
    row = prow->role;
  else if (g_str_equal (field, "email"))
    row = prow->email;
  if (row == NULL)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return TRUE;
}

/**
 * bos_meeting_editor_add_agenda_item:
 * @title: the item's title, as if typed
 */
void
bos_meeting_editor_add_agenda_item (BosMeetingEditor *self,
                                    const char       *title)
{
  g_return_if_fail (BOS_IS_MEETING_EDITOR (self));
  g_return_if_fail (title != NULL);

  bos_meeting_add_agenda_item (self->meeting, bos_agenda_item_new (title, ""));
  rebuild_agenda (self);
  update_meeting (self);
}

/**
 * bos_meeting_editor_get_message:
 *
 * Returns: (nullable): what is wrong with the fields, as shown
 */
const char *
bos_meeting_editor_get_message (BosMeetingEditor *self)
{
  g_return_val_if_fail (BOS_IS_MEETING_EDITOR (self), NULL);
  return self->message;
}

/**
 * bos_meeting_editor_can_save:
 *
 * Returns: whether Save is enabled
 */
gboolean
bos_meeting_editor_can_save (BosMeetingEditor *self)
{
  g_return_val_if_fail (BOS_IS_MEETING_EDITOR (self), FALSE);
  return bos_meeting_validate (self->meeting, NULL);
}

/**
 * bos_meeting_editor_save:
 *
 * What Save does: stores the meeting, emits ::saved and closes the editor;
 * when the fields are wrong or the store refuses, shows why and stays.
 *
 * Returns: whether the meeting was stored
 */
gboolean
bos_meeting_editor_save (BosMeetingEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BOS_IS_MEETING_EDITOR (self), FALSE);

  self->touched = TRUE;
  update_meeting (self);
  if (!bos_meeting_save (self->store, self->meeting, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, bos_meeting_get_id (self->meeting));
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
