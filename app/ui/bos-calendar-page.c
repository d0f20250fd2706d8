/* bos-calendar-page.c: the plan's yearly calendar, as a wheel and a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two views of the open plan's activities, switched with a linked pair of
 * toggle buttons: the year wheel (årshjul) with the selected activity and
 * a legend beside it, and a list grouped by the month each activity
 * starts in. Overdue activities and deadlines within two weeks are marked
 * in both. Activities are added, edited and deleted in BosActivityEditor;
 * the calendar is exported to and imported from iCalendar files.
 */
#define G_LOG_DOMAIN "bos-calendar-page"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-calendar.h"
#include "bos-calendar-page.h"
#include "bos-page.h"

/* Legend entries after the kinds */
enum {
  LEGEND_OVERDUE = BOS_ACTIVITY_N_KINDS,
  LEGEND_DUE_SOON,
  LEGEND_DONE,
  LEGEND_TODAY,
};

struct _BosCalendarPage
{
  GtkWidget             parent_instance;

  BosStore             *store;
  BosPlan              *plan;
  GListStore           *activities;
  char                 *view;
  char                 *selected_id;
  BosActivityKind       detail_kind;
  GtkFileChooserNative *file_chooser;

  /* template children */
  GtkStack             *stack;
  GtkWidget            *year_box;
  GtkLabel             *year_label;
  GtkLabel             *summary_label;
  GtkStack             *view_stack;
  AdwFlap              *flap;
  BosYearWheel         *wheel;
  GtkStack             *detail_stack;
  GtkDrawingArea       *detail_swatch;
  GtkLabel             *detail_kind_label;
  GtkLabel             *detail_title_label;
  GtkLabel             *detail_dates_label;
  GtkLabel             *detail_state_label;
  GtkLabel             *detail_text_label;
  GtkWidget            *legend_box;
  GtkWidget            *list_box;
};

static void bos_calendar_page_page_iface_init (BosPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BosCalendarPage, bos_calendar_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BOS_TYPE_PAGE,
                                                      bos_calendar_page_page_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GDate *
today (BosCalendarPage *self)
{
  return bos_year_wheel_get_today (self->wheel);
}

static void
show_error (BosCalendarPage *self,
            const char      *heading,
            const char      *message)
{
  GtkWidget *dialog = adw_message_dialog_new (bos_page_get_parent_window (BOS_PAGE (self)),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Overdue", "Due in 3 days", or the status; with the style class */
static char *
state_text (BosCalendarPage  *self,
            BosActivity      *activity,
            const char      **css_class)
{
  const GDate *day = today (self);
  BosActivityStatus status = bos_activity_get_status (activity);

  *css_class = NULL;
  if (day != NULL && bos_activity_is_overdue (activity, day))
    {
      *css_class = "error";
      return g_strdup (_("Overdue"));
    }
  if (day != NULL && bos_activity_is_due_soon (activity, day))
    {
      BosPlanDate end;
      GDate last;
      int days;

      bos_activity_get_end_date (activity, &end);
      bos_plan_date_get_last_day (&end, &last);
      days = g_date_days_between (day, &last);
      *css_class = "warning";
      if (days == 0)
        return g_strdup (_("Due today"));
      return g_strdup_printf (ngettext ("Due in %d day", "Due in %d days", days), days);
    }
  if (status == BOS_ACTIVITY_STATUS_DONE)
    *css_class = "success";
  else if (status == BOS_ACTIVITY_STATUS_CANCELLED)
    *css_class = "dim-label";
  return g_strdup (bos_activity_status_get_label (status));
}

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  guint entry = GPOINTER_TO_UINT (data);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (area));
  double r = MIN (width, height) / 2.0;
  GdkRGBA color;

  if (entry == LEGEND_TODAY)
    {
      gtk_style_context_get_color (context, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, width / 2.0 - 1.0, 0, 2.0, height);
      cairo_fill (cr);
      return;
    }

  if (entry < BOS_ACTIVITY_N_KINDS)
    bos_year_wheel_get_kind_color (entry, dark, &color);
  else if (entry == LEGEND_OVERDUE)
    {
      if (!gtk_style_context_lookup_color (context, "error_color", &color))
        gdk_rgba_parse (&color, "#c01c28");
    }
  else if (entry == LEGEND_DUE_SOON)
    {
      if (!gtk_style_context_lookup_color (context, "warning_color", &color))
        gdk_rgba_parse (&color, "#9c6e03");
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 2.5);
      cairo_arc (cr, width / 2.0, height / 2.0, r - 1.5, 0, 2 * G_PI);
      cairo_stroke (cr);
      return;
    }
  else
    {
      gtk_style_context_get_color (context, &color);
      color.alpha = 0.35;
    }

  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
detail_swatch_draw (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        data)
{
  BosCalendarPage *self = data;

  swatch_draw (area, cr, width, height, GUINT_TO_POINTER (self->detail_kind));
}

static GtkWidget *
swatch_new (guint entry)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 12);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw,
                                  GUINT_TO_POINTER (entry), NULL);
  return area;
}

static void
build_legend (BosCalendarPage *self)
{
  const struct {
    guint       entry;
    const char *label;
  } extra[] = {
    { LEGEND_OVERDUE, N_("Overdue: should have ended, not done") },
    { LEGEND_DUE_SOON, N_("Ends within two weeks") },
    { LEGEND_DONE, N_("Done (faded) or cancelled (grey)") },
    { LEGEND_TODAY, N_("Today") },
  };

  for (guint i = 0; i < BOS_ACTIVITY_N_KINDS + G_N_ELEMENTS (extra); i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      guint entry = i < BOS_ACTIVITY_N_KINDS ? i : extra[i - BOS_ACTIVITY_N_KINDS].entry;
      const char *text = i < BOS_ACTIVITY_N_KINDS ? bos_activity_kind_get_label (i)
                                                  : _(extra[i - BOS_ACTIVITY_N_KINDS].label);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (row), swatch_new (entry));
      gtk_box_append (GTK_BOX (row), label);
      if (i == BOS_ACTIVITY_N_KINDS)
        gtk_widget_set_margin_top (row, 6);
      gtk_box_append (GTK_BOX (self->legend_box), row);
    }
}

static BosActivity *
find_activity (BosCalendarPage *self,
               const char      *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->activities), i);

      if (g_str_equal (bos_activity_get_id (activity), id))
        return activity;  /* the store keeps it alive */
    }
  return NULL;
}

static void
append_detail (GString    *text,
               const char *heading,
               const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = g_markup_escape_text (value, -1);
  if (text->len > 0)
    g_string_append (text, "\n\n");
  g_string_append_printf (text, "<b>%s</b>\n%s", heading, escaped);
}

static void
update_detail (BosCalendarPage *self)
{
  BosActivity *activity = find_activity (self, self->selected_id);
  g_autoptr(GString) text = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *state = NULL;
  g_autofree char *responsible = NULL;
  g_autofree char *participants = NULL;
  const char *css_class;

  if (activity == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.edit-selected", FALSE);
      return;
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "activity");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.edit-selected", TRUE);

  self->detail_kind = bos_activity_get_kind (activity);
  gtk_widget_queue_draw (GTK_WIDGET (self->detail_swatch));
  gtk_label_set_text (self->detail_kind_label, bos_activity_kind_get_label (self->detail_kind));
  gtk_label_set_text (self->detail_title_label, bos_activity_get_title (activity));
  dates = bos_activity_dup_dates_label (activity);
  gtk_label_set_text (self->detail_dates_label, dates);

  state = state_text (self, activity, &css_class);
  gtk_label_set_text (self->detail_state_label, state);
  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_state_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_state_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_state_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_state_label), "dim-label");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->detail_state_label), css_class);

  text = g_string_new (NULL);
  responsible = bos_activity_dup_list_label (bos_activity_get_responsible (activity));
  participants = bos_activity_dup_list_label (bos_activity_get_participants (activity));
  append_detail (text, _("Responsible"), responsible);
  append_detail (text, _("Participants"), participants);
  append_detail (text, _("Place"), bos_activity_get_location (activity));
  append_detail (text, _("Video link"), bos_activity_get_video_link (activity));
  append_detail (text, _("County"), bos_activity_get_county_code (activity));
  append_detail (text, _("Description"), bos_activity_get_description (activity));
  append_detail (text, _("Notes"), bos_activity_get_notes (activity));
  gtk_label_set_markup (self->detail_text_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_text_label), text->len > 0);
}

static void
open_editor_cb (AdwActionRow *row,
                gpointer      data)
{
  BosCalendarPage *self = data;
  const char *id = g_object_get_data (G_OBJECT (row), "activity-id");

  bos_calendar_page_edit_activity (self, id);
}

static GtkWidget *
activity_row_new (BosCalendarPage *self,
                  BosActivity     *activity)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state_label;
  g_autofree char *dates = bos_activity_dup_dates_label (activity);
  g_autofree char *responsible = bos_activity_dup_list_label (bos_activity_get_responsible (activity));
  g_autofree char *subtitle = NULL;
  g_autofree char *state = NULL;
  const char *css_class;

  if (*responsible != '\0')
    /* Translators: dates, then who is responsible */
    subtitle = g_strdup_printf (_("%s · %s"), dates, responsible);
  else
    subtitle = g_strdup (dates);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bos_activity_get_title (activity));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch_new (bos_activity_get_kind (activity)));

  state = state_text (self, activity, &css_class);
  state_label = gtk_label_new (state);
  gtk_widget_set_valign (state_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (state_label, "activity-state");
  if (css_class != NULL)
    {
      gtk_widget_add_css_class (state_label, css_class);
      if (g_str_equal (css_class, "error") || g_str_equal (css_class, "warning"))
        gtk_widget_add_css_class (row, css_class[0] == 'e' ? "overdue" : "due-soon");
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data_full (G_OBJECT (row), "activity-id", g_strdup (bos_activity_get_id (activity)),
                          g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (open_editor_cb), self, 0);
  return row;
}

static char *
month_title (const BosPlanDate *start)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (start->year, start->month, 1, 12, 0, 0);
  g_autofree char *text = NULL;

  if (dt == NULL)
    return g_strdup_printf ("%04u-%02u", start->year, start->month);
  /* Translators: a month heading in the calendar list, g_date_time_format() */
  text = g_date_time_format (dt, C_("month-heading", "%B %Y"));
  /* "september 2026" → "September 2026" */
  {
    gunichar first = g_utf8_get_char (text);
    g_autofree char *rest = g_strdup (g_utf8_next_char (text));
    char buffer[8] = { 0 };

    g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
    return g_strconcat (buffer, rest, NULL);
  }
}

static void
build_list (BosCalendarPage *self)
{
  GtkWidget *child;
  GtkWidget *group = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  int group_year = 0, group_month = 0;

  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->list_box), child);

  if (n == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-calendar-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Activities"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Add the activities of the yearly cycle, or import "
                                         "them from an iCalendar file."));
      gtk_box_append (GTK_BOX (self->list_box), status);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->activities), i);
      BosPlanDate start;

      if (!bos_activity_get_start_date (activity, &start))
        continue;
      if (group == NULL || start.year != group_year || start.month != group_month)
        {
          g_autofree char *title = month_title (&start);

          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
          gtk_box_append (GTK_BOX (self->list_box), group);
          group_year = start.year;
          group_month = start.month;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), activity_row_new (self, activity));
    }
}

static void
update_summary (BosCalendarPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  guint overdue = 0, soon = 0;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *year = g_strdup_printf ("%d", bos_year_wheel_get_year (self->wheel));

  gtk_label_set_text (self->year_label, year);

  for (guint i = 0; i < n && today (self) != NULL; i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->activities), i);

      overdue += bos_activity_is_overdue (activity, today (self));
      soon += bos_activity_is_due_soon (activity, today (self));
    }

  g_string_printf (text, ngettext ("%u activity", "%u activities", n), n);
  if (overdue > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u overdue", "%u overdue", overdue), overdue);
    }
  if (soon > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u ends within two weeks",
                                              "%u end within two weeks", soon), soon);
    }
  gtk_label_set_text (self->summary_label, text->str);
}

/* The year most activities start in: for plan Y that is Y − 1. */
static int
busiest_year (BosCalendarPage *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  int best = self->plan ? bos_plan_get_year (self->plan) - 1 : 0;
  guint best_count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->activities), i);
      BosPlanDate start;
      guint count;

      if (!bos_activity_get_start_date (activity, &start))
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (start.year))) + 1;
      g_hash_table_insert (counts, GINT_TO_POINTER (start.year), GUINT_TO_POINTER (count));
      if (count > best_count || (count == best_count && start.year < best))
        {
          best = start.year;
          best_count = count;
        }
    }
  return best;
}

static void
reload (BosCalendarPage *self,
        gboolean         new_plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean has_plan = self->plan != NULL;

  gtk_stack_set_visible_child_name (self->stack, has_plan ? "calendar" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.add", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.export", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import", has_plan);

  if (has_plan)
    {
      activities = bos_activity_list (self->store, bos_plan_get_id (self->plan), &error);
      if (activities == NULL)
        g_warning ("Could not read the calendar: %s", error->message);
    }
  for (guint i = 0; activities != NULL && i < g_list_model_get_n_items (activities); i++)
    g_ptr_array_add (items, g_list_model_get_item (activities, i));
  g_list_store_splice (self->activities, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->activities)),
                       items->pdata, items->len);

  if (new_plan)
    {
      g_autofree char *title = has_plan ? bos_plan_dup_title (self->plan) : NULL;

      g_clear_pointer (&self->selected_id, g_free);
      bos_year_wheel_set_title (self->wheel, title);
      if (has_plan)
        bos_year_wheel_set_year (self->wheel, busiest_year (self));
    }

  /* The wheel holds its own reference to the selected object; give it
   * the reloaded one so it shows the current fields. */
  bos_year_wheel_set_selected (self->wheel, find_activity (self, self->selected_id));
  if (bos_year_wheel_get_selected (self->wheel) == NULL)
    g_clear_pointer (&self->selected_id, g_free);

  build_list (self);
  update_detail (self);
  update_summary (self);
}

static void
store_changed_cb (BosCalendarPage *self,
                  const char      *table,
                  BosStore        *store)
{
  if (self->plan != NULL)
    reload (self, FALSE);
}

static void
wheel_selected_cb (BosCalendarPage *self)
{
  BosActivity *selected = bos_year_wheel_get_selected (self->wheel);

  g_free (self->selected_id);
  self->selected_id = selected ? g_strdup (bos_activity_get_id (selected)) : NULL;
  update_detail (self);
  if (selected != NULL && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
wheel_activated_cb (BosCalendarPage *self,
                    BosActivity     *activity)
{
  bos_calendar_page_edit_activity (self, bos_activity_get_id (activity));
}

static void
wheel_today_cb (BosCalendarPage *self)
{
  build_list (self);
  update_detail (self);
  update_summary (self);
}

static void
year_changed_cb (BosCalendarPage *self)
{
  update_summary (self);
}

static void
editor_saved_cb (BosCalendarPage *self,
                 BosActivity     *activity)
{
  BosPlanDate start;

  g_free (self->selected_id);
  self->selected_id = g_strdup (bos_activity_get_id (activity));
  if (bos_activity_get_start_date (activity, &start))
    bos_year_wheel_set_year (self->wheel, start.year);
  reload (self, FALSE);
}

static void
editor_deleted_cb (BosCalendarPage *self,
                   const char      *id)
{
  if (g_strcmp0 (self->selected_id, id) == 0)
    g_clear_pointer (&self->selected_id, g_free);
  reload (self, FALSE);
  bos_page_show_toast (BOS_PAGE (self), _("Activity deleted"));
}

static void
previous_year_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BosCalendarPage *self = BOS_CALENDAR_PAGE (widget);

  bos_year_wheel_set_year (self->wheel, MAX (1, bos_year_wheel_get_year (self->wheel) - 1));
}

static void
next_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BosCalendarPage *self = BOS_CALENDAR_PAGE (widget);

  bos_year_wheel_set_year (self->wheel, MIN (9999, bos_year_wheel_get_year (self->wheel) + 1));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  bos_calendar_page_add_activity (BOS_CALENDAR_PAGE (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bos_calendar_page_edit_activity (BOS_CALENDAR_PAGE (widget),
                                   g_variant_get_string (parameter, NULL));
}

static void
edit_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BosCalendarPage *self = BOS_CALENDAR_PAGE (widget);

  if (self->selected_id != NULL)
    bos_calendar_page_edit_activity (self, self->selected_id);
}

static GtkFileFilter *
ics_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  return filter;
}

static void
export_response_cb (BosCalendarPage      *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      text = bos_calendar_export_ics (self->store, bos_plan_get_id (self->plan), &error);
      if (text == NULL ||
          !g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        show_error (self, _("Could Not Export the Calendar"), error->message);
      else
        {
          g_autofree char *message = NULL;

          name = g_file_get_basename (file);
          /* Translators: %s is a file name */
          message = g_strdup_printf (_("Calendar saved as “%s”"), name);
          bos_page_show_toast (BOS_PAGE (self), message);
        }
    }
  g_clear_object (&self->file_chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosCalendarPage *self = BOS_CALENDAR_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = ics_filter_new ();
  g_autofree char *name = NULL;

  if (self->plan == NULL || self->file_chooser != NULL)
    return;

  self->file_chooser = gtk_file_chooser_native_new (_("Export Calendar"),
                                                    bos_page_get_parent_window (BOS_PAGE (self)),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  /* Translators: the suggested file name of an exported calendar; %d is the plan year */
  name = g_strdup_printf (_("settlement-plan-%d.ics"), bos_plan_get_year (self->plan));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);
  g_signal_connect_object (self->file_chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
import_response_cb (BosCalendarPage      *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint created = 0, updated = 0;

  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!bos_calendar_import_ics_file (self->store, bos_plan_get_id (self->plan), file,
                                         &created, &updated, &error))
        show_error (self, _("Could Not Import the Calendar"), error->message);
      else
        {
          g_autofree char *added_text = NULL;
          g_autofree char *message = NULL;

          /* Translators: the first part of "Imported: 2 added, 3 changed" */
          added_text = g_strdup_printf (ngettext ("%u added", "%u added", created), created);
          /* Translators: %s is "2 added"; %u the number of changed activities */
          message = g_strdup_printf (ngettext ("Imported: %s, %u changed",
                                               "Imported: %s, %u changed", updated),
                                     added_text, updated);
          bos_page_show_toast (BOS_PAGE (self), message);
        }
    }
  g_clear_object (&self->file_chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosCalendarPage *self = BOS_CALENDAR_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = ics_filter_new ();

  if (self->plan == NULL || self->file_chooser != NULL)
    return;

  self->file_chooser = gtk_file_chooser_native_new (_("Import Calendar"),
                                                    bos_page_get_parent_window (BOS_PAGE (self)),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  g_signal_connect_object (self->file_chooser, "response", G_CALLBACK (import_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
view_changed_cb (BosCalendarPage *self)
{
  gboolean wheel = g_strcmp0 (self->view, "list") != 0;

  gtk_stack_set_visible_child_name (self->view_stack, wheel ? "wheel" : "list");
  gtk_widget_set_visible (self->year_box, wheel);
}

static void
bos_calendar_page_constructed (GObject *object)
{
  BosCalendarPage *self = (BosCalendarPage *) object;

  G_OBJECT_CLASS (bos_calendar_page_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed::activity", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::plan", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self, TRUE);
}

static void
bos_calendar_page_dispose (GObject *object)
{
  BosCalendarPage *self = (BosCalendarPage *) object;

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_CALENDAR_PAGE);

  G_OBJECT_CLASS (bos_calendar_page_parent_class)->dispose (object);
}

static void
bos_calendar_page_finalize (GObject *object)
{
  BosCalendarPage *self = (BosCalendarPage *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->activities);
  g_clear_pointer (&self->view, g_free);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (bos_calendar_page_parent_class)->finalize (object);
}

static void
bos_calendar_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BosCalendarPage *self = BOS_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_calendar_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BosCalendarPage *self = BOS_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PLAN:
      {
        BosPlan *plan = g_value_get_object (value);
        /* The window hands over a new object whenever plans reload; only
         * another plan resets the wheel's year and the selection. */
        gboolean other_plan = self->plan == NULL || plan == NULL ||
                              !g_str_equal (bos_plan_get_id (self->plan), bos_plan_get_id (plan));

        if (g_set_object (&self->plan, plan))
          {
            if (self->store != NULL)
              reload (self, other_plan);
            g_object_notify_by_pspec (object, properties[PROP_PLAN]);
          }
      }
      break;
    case PROP_VIEW:
      bos_calendar_page_set_view (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_calendar_page_page_iface_init (BosPageInterface *iface)
{
}

static void
bos_calendar_page_class_init (BosCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_calendar_page_constructed;
  object_class->dispose = bos_calendar_page_dispose;
  object_class->finalize = bos_calendar_page_finalize;
  object_class->get_property = bos_calendar_page_get_property;
  object_class->set_property = bos_calendar_page_set_property;

  bos_page_install_properties (object_class, PROP_STORE, PROP_PLAN);
  properties[PROP_STORE] = g_object_class_find_property (object_class, "store");
  properties[PROP_PLAN] = g_object_class_find_property (object_class, "plan");
  /* "wheel" or "list" */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "wheel",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_VIEW, properties[PROP_VIEW]);

  g_type_ensure (BOS_TYPE_YEAR_WHEEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, year_box);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, flap);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, wheel);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, detail_swatch);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, detail_kind_label);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, detail_title_label);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, detail_dates_label);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, detail_state_label);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, detail_text_label);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, BosCalendarPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, wheel_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, wheel_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "calendar.view", "view");
  gtk_widget_class_install_action (widget_class, "calendar.previous-year", NULL,
                                   previous_year_action);
  gtk_widget_class_install_action (widget_class, "calendar.next-year", NULL, next_year_action);
  gtk_widget_class_install_action (widget_class, "calendar.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "calendar.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "calendar.edit-selected", NULL,
                                   edit_selected_action);
  gtk_widget_class_install_action (widget_class, "calendar.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "calendar.import", NULL, import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "calendar.previous-year", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "calendar.next-year", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calendarpage");
}

static void
bos_calendar_page_init (BosCalendarPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->activities = g_list_store_new (BOS_TYPE_ACTIVITY);
  self->view = g_strdup ("wheel");
  bos_year_wheel_set_model (self->wheel, G_LIST_MODEL (self->activities));
  gtk_drawing_area_set_draw_func (self->detail_swatch, detail_swatch_draw, self, NULL);
  build_legend (self);
  view_changed_cb (self);

  g_signal_connect_object (self->wheel, "notify::today", G_CALLBACK (wheel_today_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->wheel, "notify::year", G_CALLBACK (year_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * bos_calendar_page_get_activities:
 *
 * Returns: (transfer none): the open plan's activities, in calendar order
 */
GListModel *
bos_calendar_page_get_activities (BosCalendarPage *self)
{
  g_return_val_if_fail (BOS_IS_CALENDAR_PAGE (self), NULL);
  return G_LIST_MODEL (self->activities);
}

/**
 * bos_calendar_page_get_wheel:
 *
 * Returns: (transfer none): the year wheel
 */
BosYearWheel *
bos_calendar_page_get_wheel (BosCalendarPage *self)
{
  g_return_val_if_fail (BOS_IS_CALENDAR_PAGE (self), NULL);
  return self->wheel;
}

/**
 * bos_calendar_page_get_list:
 *
 * Returns: (transfer none): the box holding the list view's month groups
 */
GtkWidget *
bos_calendar_page_get_list (BosCalendarPage *self)
{
  g_return_val_if_fail (BOS_IS_CALENDAR_PAGE (self), NULL);
  return self->list_box;
}

const char *
bos_calendar_page_get_view (BosCalendarPage *self)
{
  g_return_val_if_fail (BOS_IS_CALENDAR_PAGE (self), NULL);
  return self->view;
}

/**
 * bos_calendar_page_set_view:
 * @view: "wheel" or "list"
 */
void
bos_calendar_page_set_view (BosCalendarPage *self,
                            const char      *view)
{
  g_return_if_fail (BOS_IS_CALENDAR_PAGE (self));
  g_return_if_fail (g_strcmp0 (view, "wheel") == 0 || g_strcmp0 (view, "list") == 0);

  if (g_strcmp0 (self->view, view) == 0)
    return;
  g_free (self->view);
  self->view = g_strdup (view);
  view_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/**
 * bos_calendar_page_add_activity:
 *
 * Opens the editor for a new activity in the open plan.
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL without a plan
 */
BosActivityEditor *
bos_calendar_page_add_activity (BosCalendarPage *self)
{
  BosActivityEditor *editor;

  g_return_val_if_fail (BOS_IS_CALENDAR_PAGE (self), NULL);

  if (self->plan == NULL)
    return NULL;

  editor = bos_activity_editor_new (bos_page_get_parent_window (BOS_PAGE (self)), self->store,
                                    bos_plan_get_id (self->plan), NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/**
 * bos_calendar_page_edit_activity:
 * @id: an activity of the open plan
 *
 * Opens the editor for an activity.
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL when there is
 *   no such activity
 */
BosActivityEditor *
bos_calendar_page_edit_activity (BosCalendarPage *self,
                                 const char      *id)
{
  g_autoptr(BosActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  BosActivityEditor *editor;

  g_return_val_if_fail (BOS_IS_CALENDAR_PAGE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (self->plan == NULL)
    return NULL;

  /* Fresh from the store: a colleague's sync may have changed it. */
  activity = bos_activity_load (self->store, id, &error);
  if (activity == NULL)
    {
      bos_page_show_toast (BOS_PAGE (self), error->message);
      return NULL;
    }

  editor = bos_activity_editor_new (bos_page_get_parent_window (BOS_PAGE (self)), self->store,
                                    bos_plan_get_id (self->plan), activity);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (editor_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}
