/* bos-meetings-page.c: the plan's collaboration meetings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open plan's meetings (activities of kind meeting, also shown in the
 * calendar) in a sidebar; the selected meeting beside it: when and where,
 * the numbers the meeting agreed, its participants, agenda and notes.
 * From here a meeting is added or edited (BosMeetingEditor), run on a
 * projector (BosMeetingMode) and its minutes previewed and exported
 * (BosMinutesPreview).
 */
#define G_LOG_DOMAIN "bos-meetings-page"

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-meetings-page.h"
#include "bos-page.h"

struct _BosMeetingsPage
{
  GtkWidget            parent_instance;

  BosStore            *store;
  BosPlan             *plan;
  GListStore          *meetings;     /* BosActivity of kind meeting */
  char                *selected_id;
  BosMeeting          *meeting;      /* the selected meeting, read whole */
  GPtrArray           *detail_rows;  /* rows added to the groups below */
  gboolean             updating;

  /* template children */
  GtkStack            *stack;
  GtkListBox          *list;
  GtkStack            *detail_stack;
  AdwStatusPage       *none_page;
  GtkLabel            *title_label;
  GtkLabel            *when_label;
  GtkLabel            *where_label;
  AdwPreferencesGroup *numbers_group;
  AdwActionRow        *numbers_row;
  AdwPreferencesGroup *participants_group;
  AdwPreferencesGroup *agenda_group;
  GtkWidget           *notes_group;
  GtkLabel            *notes_label;
};

static void bos_meetings_page_page_iface_init (BosPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BosMeetingsPage, bos_meetings_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BOS_TYPE_PAGE,
                                                      bos_meetings_page_page_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_selected_id (BosMeetingsPage *self,
                 const char      *id)
{
  if (g_strcmp0 (self->selected_id, id) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

/* "16 September 2026, 09:00–12:30 · Vestfold" */
static char *
meeting_subtitle (BosMeetingsPage *self,
                  BosActivity     *activity)
{
  g_autofree char *dates = bos_activity_dup_dates_label (activity);
  g_autoptr(BosMeeting) meeting = bos_meeting_new_for_activity (activity);
  g_autofree char *county = bos_meeting_dup_county_name (meeting, self->store);

  if (county == NULL)
    return g_steal_pointer (&dates);
  /* Translators: a meeting's date, then its county */
  return g_strdup_printf (_("%s · %s"), dates, county);
}

static GtkWidget *
meeting_row_new (BosMeetingsPage *self,
                 BosActivity     *activity)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (bos_activity_get_title (activity));
  g_autofree char *subtitle_text = meeting_subtitle (self, activity);
  GtkWidget *subtitle = gtk_label_new (subtitle_text);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 28);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 34);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "meeting-id", g_strdup (bos_activity_get_id (activity)),
                          g_free);
  return row;
}

static void
clear_detail_rows (BosMeetingsPage *self)
{
  for (guint i = 0; i < self->detail_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->detail_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->detail_rows, 0);
}

static void
add_detail_row (BosMeetingsPage     *self,
                AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle,
                gboolean             dim)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (dim)
    gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->detail_rows, row);
}

static char *
where_markup (BosActivity *activity)
{
  const char *location = bos_activity_get_location (activity);
  const char *link = bos_activity_get_video_link (activity);
  g_autofree char *location_markup = g_markup_escape_text (location, -1);
  g_autofree char *link_markup = g_markup_escape_text (link, -1);

  if (*location != '\0' && *link != '\0')
    return g_strdup_printf ("%s · <a href=\"%s\">%s</a>", location_markup, link_markup,
                            link_markup);
  if (*link != '\0')
    return g_strdup_printf ("<a href=\"%s\">%s</a>", link_markup, link_markup);
  if (*location != '\0')
    return g_steal_pointer (&location_markup);
  return g_markup_printf_escaped ("<i>%s</i>", _("No place or video link yet"));
}

static void
update_numbers (BosMeetingsPage *self)
{
  BosActivity *activity = bos_meeting_get_activity (self->meeting);
  g_autofree char *county = bos_meeting_dup_county_name (self->meeting, self->store);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (bos_meeting_has_proposal (self->meeting))
    {
      GPtrArray *rows = bos_meeting_get_municipalities (self->meeting);
      gint64 total = bos_meeting_get_county_total (self->meeting);
      guint agreed = bos_meeting_get_n_agreed (self->meeting);

      /* Translators: %s is a county, then a number of persons */
      title = g_strdup_printf (_("%s: county total %" PRId64), county ? county : "", total);
      /* Translators: "2 of 6 municipalities agreed" */
      subtitle = g_strdup_printf (ngettext ("%u of %u municipality agreed",
                                            "%u of %u municipalities agreed", rows->len),
                                  agreed, rows->len);
    }
  else if (bos_activity_get_county_code (activity) != NULL)
    {
      title = g_strdup (_("Not taken up yet"));
      /* Translators: %s is a county */
      subtitle = g_strdup_printf (_("Meeting mode shows the proposed request of every "
                                    "municipality in %s and records the agreed numbers."),
                                  county);
    }
  else
    {
      title = g_strdup (_("No county chosen"));
      subtitle = g_strdup (_("Choose the county the meeting covers with Edit to agree its "
                             "numbers in meeting mode."));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->numbers_row), title);
  adw_action_row_set_subtitle (self->numbers_row, subtitle);

  /* What was agreed, municipality by municipality */
  for (guint i = 0; i < bos_meeting_get_municipalities (self->meeting)->len; i++)
    {
      BosMeetingMunicipality *m = g_ptr_array_index (bos_meeting_get_municipalities (self->meeting), i);
      g_autofree char *row_title = NULL;

      if (m->agreed < 0)
        continue;
      /* Translators: a municipality, its proposed and its agreed number */
      row_title = g_strdup_printf (_("%s: %" PRId64 " → %" PRId64), m->name,
                                   m->proposed, m->agreed);
      add_detail_row (self, self->numbers_group, row_title, m->why, FALSE);
    }
}

static void
update_detail (BosMeetingsPage *self)
{
  g_autoptr(GError) error = NULL;
  BosActivity *activity;
  GPtrArray *participants, *agenda;
  g_autofree char *when = NULL;
  g_autofree char *where = NULL;
  gboolean has_meeting, has_county;

  g_clear_object (&self->meeting);
  clear_detail_rows (self);

  if (self->selected_id != NULL)
    {
      self->meeting = bos_meeting_load (self->store, self->selected_id, &error);
      if (self->meeting == NULL)
        g_debug ("Could not read the meeting: %s", error->message);
    }

  has_meeting = self->meeting != NULL;
  has_county = has_meeting &&
               bos_activity_get_county_code (bos_meeting_get_activity (self->meeting)) != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.edit", has_meeting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.minutes", has_meeting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.meeting-mode", has_county);
  gtk_stack_set_visible_child_name (self->detail_stack, has_meeting ? "meeting" : "none");
  if (!has_meeting)
    return;

  activity = bos_meeting_get_activity (self->meeting);
  gtk_label_set_text (self->title_label, bos_activity_get_title (activity));
  when = bos_activity_dup_dates_label (activity);
  gtk_label_set_text (self->when_label, when);
  where = where_markup (activity);
  gtk_label_set_markup (self->where_label, where);
  update_numbers (self);

  participants = bos_meeting_get_participants (self->meeting);
  for (guint i = 0; i < participants->len; i++)
    {
      BosParticipant *participant = g_ptr_array_index (participants, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *parts[3];
      const char *title;

      title = *participant->name ? participant->name : participant->organisation;
      parts[0] = *participant->name ? participant->organisation : "";
      parts[1] = participant->role;
      parts[2] = participant->email;
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          if (*parts[p] == '\0')
            continue;
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, parts[p]);
        }
      add_detail_row (self, self->participants_group, title, subtitle->str, FALSE);
    }
  if (participants->len == 0)
    add_detail_row (self, self->participants_group, _("No participants yet"),
                    _("Add them with Edit: IMDi, KS, the county municipality and Bufetat usually "
                      "take part."), TRUE);

  agenda = bos_meeting_get_agenda (self->meeting);
  for (guint i = 0; i < agenda->len; i++)
    {
      BosAgendaItem *item = g_ptr_array_index (agenda, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, item->title);

      add_detail_row (self, self->agenda_group, title, item->notes, FALSE);
    }
  if (agenda->len == 0)
    add_detail_row (self, self->agenda_group, _("No agenda yet"), NULL, TRUE);

  gtk_label_set_text (self->notes_label, bos_activity_get_notes (activity));
  gtk_widget_set_visible (self->notes_group, *bos_activity_get_notes (activity) != '\0');
}

static void
select_row_for (BosMeetingsPage *self,
                const char      *id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "meeting-id"), id) == 0)
      {
        gtk_list_box_select_row (self->list, row);
        return;
      }
  gtk_list_box_select_row (self->list, NULL);
}

static void
reload (BosMeetingsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *wanted = g_strdup (self->selected_id);
  gboolean has_plan = self->plan != NULL;
  gboolean found = FALSE;
  GtkWidget *child;

  gtk_stack_set_visible_child_name (self->stack, has_plan ? "meetings" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.new", has_plan);

  if (has_plan)
    {
      meetings = bos_meeting_list (self->store, bos_plan_get_id (self->plan), &error);
      if (meetings == NULL)
        g_warning ("Could not read the meetings: %s", error->message);
    }
  for (guint i = 0; meetings != NULL && i < g_list_model_get_n_items (meetings); i++)
    {
      BosActivity *activity = g_list_model_get_item (meetings, i);

      found |= g_strcmp0 (bos_activity_get_id (activity), wanted) == 0;
      g_ptr_array_add (items, activity);
    }
  g_list_store_splice (self->meetings, 0, g_list_model_get_n_items (G_LIST_MODEL (self->meetings)),
                       items->pdata, items->len);

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->list, meeting_row_new (self, g_ptr_array_index (items, i)));

  if (!found)
    {
      g_free (wanted);
      wanted = items->len > 0 ? g_strdup (bos_activity_get_id (g_ptr_array_index (items, 0)))
                              : NULL;
    }
  select_row_for (self, wanted);
  self->updating = FALSE;

  set_selected_id (self, wanted);
  update_detail (self);
}

static void
store_changed_cb (BosMeetingsPage *self,
                  const char      *table,
                  BosStore        *store)
{
  reload (self);
}

static void
row_selected_cb (BosMeetingsPage *self,
                 GtkListBoxRow   *row)
{
  if (self->updating || row == NULL)
    return;
  set_selected_id (self, g_object_get_data (G_OBJECT (row), "meeting-id"));
  update_detail (self);
}

static void
editor_saved_cb (BosMeetingsPage *self,
                 const char      *id)
{
  set_selected_id (self, id);
  reload (self);
}

static void
editor_deleted_cb (BosMeetingsPage *self,
                   const char      *id)
{
  if (g_strcmp0 (self->selected_id, id) == 0)
    set_selected_id (self, NULL);
  reload (self);
  bos_page_show_toast (BOS_PAGE (self), _("Meeting deleted"));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  bos_meetings_page_new_meeting (BOS_MEETINGS_PAGE (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bos_meetings_page_edit_meeting (BOS_MEETINGS_PAGE (widget));
}

static void
minutes_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bos_meetings_page_show_minutes (BOS_MEETINGS_PAGE (widget));
}

static void
meeting_mode_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  bos_meetings_page_start_meeting_mode (BOS_MEETINGS_PAGE (widget));
}

static void
bos_meetings_page_constructed (GObject *object)
{
  BosMeetingsPage *self = (BosMeetingsPage *) object;

  G_OBJECT_CLASS (bos_meetings_page_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed::activity", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::meeting", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::plan", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

static void
bos_meetings_page_dispose (GObject *object)
{
  BosMeetingsPage *self = (BosMeetingsPage *) object;

  g_ptr_array_set_size (self->detail_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_MEETINGS_PAGE);

  G_OBJECT_CLASS (bos_meetings_page_parent_class)->dispose (object);
}

static void
bos_meetings_page_finalize (GObject *object)
{
  BosMeetingsPage *self = (BosMeetingsPage *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->meetings);
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bos_meetings_page_parent_class)->finalize (object);
}

static void
bos_meetings_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BosMeetingsPage *self = BOS_MEETINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_meetings_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BosMeetingsPage *self = BOS_MEETINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PLAN:
      if (g_set_object (&self->plan, g_value_get_object (value)))
        {
          if (self->store != NULL)
            reload (self);
          g_object_notify_by_pspec (object, properties[PROP_PLAN]);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_meetings_page_page_iface_init (BosPageInterface *iface)
{
}

static void
bos_meetings_page_class_init (BosMeetingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_meetings_page_constructed;
  object_class->dispose = bos_meetings_page_dispose;
  object_class->finalize = bos_meetings_page_finalize;
  object_class->get_property = bos_meetings_page_get_property;
  object_class->set_property = bos_meetings_page_set_property;

  bos_page_install_properties (object_class, PROP_STORE, PROP_PLAN);
  properties[PROP_STORE] = g_object_class_find_property (object_class, "store");
  properties[PROP_PLAN] = g_object_class_find_property (object_class, "plan");
  /* The activity id of the meeting shown, or NULL */
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_SELECTED_ID, properties[PROP_SELECTED_ID]);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-meetings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, list);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, when_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, where_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, numbers_group);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, numbers_row);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, participants_group);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, agenda_group);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingsPage, notes_label);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_install_action (widget_class, "meetings.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "meetings.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "meetings.minutes", NULL, minutes_action);
  gtk_widget_class_install_action (widget_class, "meetings.meeting-mode", NULL,
                                   meeting_mode_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "meetings.meeting-mode", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "meetingspage");

  g_type_ensure (BOS_TYPE_MEETING_EDITOR);
}

static void
bos_meetings_page_init (BosMeetingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->meetings = g_list_store_new (BOS_TYPE_ACTIVITY);
  self->detail_rows = g_ptr_array_new ();
}

/**
 * bos_meetings_page_get_meetings:
 *
 * Returns: (transfer none): the open plan's meetings (#BosActivity)
 */
GListModel *
bos_meetings_page_get_meetings (BosMeetingsPage *self)
{
  g_return_val_if_fail (BOS_IS_MEETINGS_PAGE (self), NULL);
  return G_LIST_MODEL (self->meetings);
}

const char *
bos_meetings_page_get_selected_id (BosMeetingsPage *self)
{
  g_return_val_if_fail (BOS_IS_MEETINGS_PAGE (self), NULL);
  return self->selected_id;
}

/**
 * bos_meetings_page_select:
 * @meeting_id: a meeting of the open plan
 *
 * Returns: whether there is such a meeting
 */
gboolean
bos_meetings_page_select (BosMeetingsPage *self,
                          const char      *meeting_id)
{
  g_return_val_if_fail (BOS_IS_MEETINGS_PAGE (self), FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);

  select_row_for (self, meeting_id);
  return g_strcmp0 (self->selected_id, meeting_id) == 0;
}

/**
 * bos_meetings_page_get_meeting:
 *
 * Returns: (transfer none) (nullable): the meeting shown
 */
BosMeeting *
bos_meetings_page_get_meeting (BosMeetingsPage *self)
{
  g_return_val_if_fail (BOS_IS_MEETINGS_PAGE (self), NULL);
  return self->meeting;
}

/**
 * bos_meetings_page_new_meeting:
 *
 * Returns: (transfer none) (nullable): the editor of a new meeting in the
 *   open plan, or %NULL without a plan
 */
BosMeetingEditor *
bos_meetings_page_new_meeting (BosMeetingsPage *self)
{
  BosMeetingEditor *editor;

  g_return_val_if_fail (BOS_IS_MEETINGS_PAGE (self), NULL);

  if (self->plan == NULL)
    return NULL;
  editor = bos_meeting_editor_new (bos_page_get_parent_window (BOS_PAGE (self)), self->store,
                                   bos_plan_get_id (self->plan), NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/**
 * bos_meetings_page_edit_meeting:
 *
 * Returns: (transfer none) (nullable): the editor of the meeting shown
 */
BosMeetingEditor *
bos_meetings_page_edit_meeting (BosMeetingsPage *self)
{
  BosMeetingEditor *editor;

  g_return_val_if_fail (BOS_IS_MEETINGS_PAGE (self), NULL);

  if (self->plan == NULL || self->meeting == NULL)
    return NULL;
  editor = bos_meeting_editor_new (bos_page_get_parent_window (BOS_PAGE (self)), self->store,
                                   bos_plan_get_id (self->plan), bos_meeting_get_id (self->meeting));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (editor_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/**
 * bos_meetings_page_show_minutes:
 *
 * Returns: (transfer none) (nullable): the preview of the shown meeting's
 *   minutes
 */
BosMinutesPreview *
bos_meetings_page_show_minutes (BosMeetingsPage *self)
{
  BosMinutesPreview *preview;

  g_return_val_if_fail (BOS_IS_MEETINGS_PAGE (self), NULL);

  if (self->meeting == NULL)
    return NULL;
  preview = bos_minutes_preview_new (bos_page_get_parent_window (BOS_PAGE (self)), self->store,
                                     bos_meeting_get_id (self->meeting));
  gtk_window_present (GTK_WINDOW (preview));
  return preview;
}

/**
 * bos_meetings_page_start_meeting_mode:
 *
 * Opens the shown meeting in meeting mode, full screen.
 *
 * Returns: (transfer none) (nullable): the meeting mode window, or %NULL
 *   when no meeting with a county is shown
 */
BosMeetingMode *
bos_meetings_page_start_meeting_mode (BosMeetingsPage *self)
{
  BosMeetingMode *mode;

  g_return_val_if_fail (BOS_IS_MEETINGS_PAGE (self), NULL);

  if (self->meeting == NULL ||
      bos_activity_get_county_code (bos_meeting_get_activity (self->meeting)) == NULL)
    return NULL;
  mode = bos_meeting_mode_new (bos_page_get_parent_window (BOS_PAGE (self)), self->store,
                               bos_meeting_get_id (self->meeting));
  gtk_window_present (GTK_WINDOW (mode));
  return mode;
}
