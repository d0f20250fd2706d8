/* bos-meeting-mode.c: a collaboration meeting on the projector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A full-screen window with large type and high contrast whatever the
 * theme (style.css, .meeting-mode), laid out for 1280×720 and up: the
 * meeting, the county total it keeps and how many numbers are agreed at
 * the top; below, one row per municipality of the county with the
 * proposed request, an entry for the agreed number, the request now and
 * an entry for the reason. Enter in a row agrees its number
 * (bos_meeting_county_agree(): a lock in the plan's scenario with the
 * meeting as its source, the rest of the county recomputed at once with
 * the total kept, everything recorded); the × takes it back. A number
 * that cannot be met is refused with the reason in a banner. Esc leaves.
 */
#define G_LOG_DOMAIN "bos-meeting-mode"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "bos-form.h"
#include "bos-meeting-county.h"
#include "bos-meeting-mode.h"

typedef struct
{
  char       code[8];
  GtkWidget *name;
  GtkWidget *proposed;
  GtkEntry  *agreed;
  GtkWidget *now;
  GtkEntry  *why;
  GtkWidget *take_back;
} Row;

struct _BosMeetingMode
{
  GtkWindow   parent_instance;

  BosStore   *store;
  char       *meeting_id;
  BosMeeting *meeting;
  GArray     *rows;       /* Row, in the meeting's order */
  char       *message;
  char       *total_text;
  gboolean    refreshing;
  gboolean    finished;

  /* template children */
  GtkLabel   *title_label;
  GtkLabel   *subtitle_label;
  GtkLabel   *total_label;
  GtkLabel   *agreed_label;
  GtkLabel   *message_label;
  GtkLabel   *finished_label;
  GtkButton  *finish_button;
  GtkStack   *stack;
  GtkGrid    *grid;
  GtkLabel   *error_label;
};

G_DEFINE_FINAL_TYPE (BosMeetingMode, bos_meeting_mode, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MEETING_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COLUMN_NAME,
  COLUMN_PROPOSED,
  COLUMN_AGREED,
  COLUMN_NOW,
  COLUMN_WHY,
  COLUMN_TAKE_BACK,
};

static void
show_message (BosMeetingMode *self,
              const char     *message)
{
  bos_form_show_message (self->message_label, &self->message, message);
}

static GtkWidget *
cell_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
set_number (GtkWidget *label,
            gint64     value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (entry));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* Never under the planner's fingers */
  if (focus != NULL &&
      (focus == GTK_WIDGET (entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (entry))))
    return;
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
refresh (BosMeetingMode *self)
{
  GPtrArray *municipalities = bos_meeting_get_municipalities (self->meeting);
  gint64 total = bos_meeting_get_county_total (self->meeting);
  gint64 result = bos_meeting_get_result_total (self->meeting);
  g_autofree char *agreed = NULL;

  self->refreshing = TRUE;
  for (guint i = 0; i < self->rows->len && i < municipalities->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      BosMeetingMunicipality *m = g_ptr_array_index (municipalities, i);
      g_autofree char *agreed_text = m->agreed >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, m->agreed)
                                                    : g_strdup ("");

      g_assert (g_str_equal (row->code, m->code));
      set_number (row->proposed, m->proposed);
      set_number (row->now, m->result);
      set_entry_text (row->agreed, agreed_text);
      set_entry_text (row->why, m->why);
      gtk_widget_remove_css_class (GTK_WIDGET (row->agreed), "error");

      gtk_widget_remove_css_class (row->now, "mm-up");
      gtk_widget_remove_css_class (row->now, "mm-down");
      if (m->result > m->proposed)
        gtk_widget_add_css_class (row->now, "mm-up");
      else if (m->result < m->proposed)
        gtk_widget_add_css_class (row->now, "mm-down");

      if (m->agreed >= 0)
        {
          gtk_widget_add_css_class (row->name, "mm-agreed");
          gtk_widget_add_css_class (row->now, "mm-agreed");
        }
      else
        {
          gtk_widget_remove_css_class (row->name, "mm-agreed");
          gtk_widget_remove_css_class (row->now, "mm-agreed");
        }
      gtk_widget_set_visible (row->take_back, m->agreed >= 0);
    }
  self->refreshing = FALSE;

  g_free (self->total_text);
  if (result == total)
    self->total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  else
    /* Translators: the requests add up to the first number, not to the
     * county total (the second) */
    self->total_text = g_strdup_printf (_("%" PRId64 " ≠ %" PRId64), result, total);
  gtk_label_set_text (self->total_label, self->total_text);

  /* Translators: "2 of 6" municipalities agreed */
  agreed = g_strdup_printf (_("%u of %u"), bos_meeting_get_n_agreed (self->meeting),
                            municipalities->len);
  gtk_label_set_text (self->agreed_label, agreed);

  /* A finished meeting shows its numbers and can be reopened */
  self->finished = bos_meeting_county_is_finished (self->store, self->meeting);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      /* Read-only, not insensitive: the numbers stay legible (and a
       * focused entry keeps its focus) */
      gtk_editable_set_editable (GTK_EDITABLE (row->agreed), !self->finished);
      gtk_editable_set_editable (GTK_EDITABLE (row->why), !self->finished);
      gtk_widget_set_sensitive (row->take_back, !self->finished);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->finished_label), self->finished);
  gtk_button_set_label (self->finish_button, self->finished ? _("_Reopen") : _("_Finish Meeting"));
  gtk_button_set_use_underline (self->finish_button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->finish_button),
                               self->finished
                                 ? _("Let the meeting change its numbers again")
                                 : _("Lock every municipality at its number, so the plan keeps "
                                     "the meeting’s numbers and the county total"));
}

static int
row_index (BosMeetingMode *self,
           GtkWidget      *widget)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "row")) - 1;
}

/* Agrees the number typed in row @i; empty takes an agreement back. */
static gboolean
apply_row (BosMeetingMode *self,
           guint           i)
{
  Row *row = &g_array_index (self->rows, Row, i);
  const BosMeetingMunicipality *m = bos_meeting_lookup_municipality (self->meeting, row->code);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->agreed))));
  g_autofree char *why = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->why))));
  guint64 value = 0;
  gint64 agreed;

  if (*text == '\0')
    {
      if (m == NULL || m->agreed < 0)
        return TRUE;
      agreed = -1;
    }
  else if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &value, NULL))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what was typed instead of a number */
      message = g_strdup_printf (_("“%s” is not a number of persons: type digits only, such as 25"),
                                 text);
      show_message (self, message);
      gtk_widget_add_css_class (GTK_WIDGET (row->agreed), "error");
      return FALSE;
    }
  else
    agreed = (gint64) value;

  if (m != NULL && agreed == m->agreed && g_strcmp0 (why, m->why) == 0)
    {
      show_message (self, NULL);
      return TRUE;
    }

  if (!bos_meeting_county_agree (self->store, self->meeting, row->code, agreed, why, &error))
    {
      show_message (self, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (row->agreed), "error");
      return FALSE;
    }
  show_message (self, NULL);
  /* The entries show what is stored, also the ones being typed in */
  {
    g_autofree char *stored = agreed >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, agreed)
                                          : g_strdup ("");

    gtk_editable_set_text (GTK_EDITABLE (row->agreed), stored);
  }
  refresh (self);
  return TRUE;
}

static void
agreed_activate_cb (GtkEntry       *entry,
                    BosMeetingMode *self)
{
  int i = row_index (self, GTK_WIDGET (entry));

  if (i < 0 || !apply_row (self, (guint) i))
    return;
  /* On to the reason of this row, as people usually give one */
  gtk_widget_grab_focus (GTK_WIDGET (g_array_index (self->rows, Row, i).why));
}

static void
why_activate_cb (GtkEntry       *entry,
                 BosMeetingMode *self)
{
  int i = row_index (self, GTK_WIDGET (entry));

  if (i < 0 || !apply_row (self, (guint) i))
    return;
  /* On to the next municipality */
  if ((guint) i + 1 < self->rows->len)
    gtk_widget_grab_focus (GTK_WIDGET (g_array_index (self->rows, Row, i + 1).agreed));
}

static void
agreed_changed_cb (GtkEntry       *entry,
                   BosMeetingMode *self)
{
  if (!self->refreshing)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
take_back_clicked_cb (GtkButton      *button,
                      BosMeetingMode *self)
{
  int i = row_index (self, GTK_WIDGET (button));

  if (i >= 0)
    bos_meeting_mode_take_back (self, g_array_index (self->rows, Row, i).code);
}

static void
build_rows (BosMeetingMode *self)
{
  GPtrArray *municipalities = bos_meeting_get_municipalities (self->meeting);
  const char *headers[] = {
    C_("meeting mode column", "Municipality"), C_("meeting mode column", "Proposed"),
    C_("meeting mode column", "Agreed"), C_("meeting mode column", "Now"),
    C_("meeting mode column", "Reason"),
  };

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    gtk_grid_attach (self->grid,
                     cell_label (headers[c], c == COLUMN_PROPOSED || c == COLUMN_NOW ? 1.0 : 0.0,
                                 "mm-header"),
                     c, 0, c == COLUMN_WHY ? 2 : 1, 1);

  for (guint i = 0; i < municipalities->len; i++)
    {
      BosMeetingMunicipality *m = g_ptr_array_index (municipalities, i);
      g_autofree char *name = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *accessible = NULL;
      Row row = { { 0 } };

      g_strlcpy (row.code, m->code, sizeof row.code);
      escaped = g_markup_escape_text (m->name, -1);
      name = g_strdup_printf ("%s <span size=\"smaller\" alpha=\"75%%\">%s</span>", escaped, m->code);
      row.name = cell_label (NULL, 0.0, "mm-name");
      gtk_label_set_markup (GTK_LABEL (row.name), name);
      gtk_label_set_ellipsize (GTK_LABEL (row.name), PANGO_ELLIPSIZE_END);
      gtk_widget_set_size_request (row.name, 300, -1);
      row.proposed = cell_label (NULL, 1.0, "mm-number");
      row.now = cell_label (NULL, 1.0, "mm-number");
      gtk_widget_add_css_class (row.now, "mm-now");

      row.agreed = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_alignment (row.agreed, 1.0);
      gtk_editable_set_width_chars (GTK_EDITABLE (row.agreed), 5);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (row.agreed), 6);
      gtk_entry_set_input_purpose (row.agreed, GTK_INPUT_PURPOSE_DIGITS);
      gtk_widget_add_css_class (GTK_WIDGET (row.agreed), "mm-number");
      /* Translators: the accessible name of the agreed number of a municipality */
      accessible = g_strdup_printf (_("Agreed for %s"), m->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row.agreed), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      g_free (accessible);

      row.why = GTK_ENTRY (gtk_entry_new ());
      gtk_widget_set_hexpand (GTK_WIDGET (row.why), TRUE);
      gtk_entry_set_placeholder_text (row.why, _("Why"));
      /* Translators: the accessible name of the reason for a municipality's number */
      accessible = g_strdup_printf (_("Reason for %s"), m->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row.why), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);

      row.take_back = gtk_button_new_from_icon_name ("edit-undo-symbolic");
      gtk_widget_set_valign (row.take_back, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (row.take_back, _("Take the agreed number back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row.take_back),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Take the agreed number back"), -1);
      gtk_widget_add_css_class (row.take_back, "mm-button");

      g_object_set_data (G_OBJECT (row.agreed), "row", GINT_TO_POINTER (i + 1));
      g_object_set_data (G_OBJECT (row.why), "row", GINT_TO_POINTER (i + 1));
      g_object_set_data (G_OBJECT (row.take_back), "row", GINT_TO_POINTER (i + 1));
      g_signal_connect_object (row.agreed, "activate", G_CALLBACK (agreed_activate_cb), self, 0);
      g_signal_connect_object (row.agreed, "changed", G_CALLBACK (agreed_changed_cb), self, 0);
      g_signal_connect_object (row.why, "activate", G_CALLBACK (why_activate_cb), self, 0);
      g_signal_connect_object (row.take_back, "clicked", G_CALLBACK (take_back_clicked_cb), self, 0);

      gtk_grid_attach (self->grid, row.name, COLUMN_NAME, i + 1, 1, 1);
      gtk_grid_attach (self->grid, row.proposed, COLUMN_PROPOSED, i + 1, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (row.agreed), COLUMN_AGREED, i + 1, 1, 1);
      gtk_grid_attach (self->grid, row.now, COLUMN_NOW, i + 1, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (row.why), COLUMN_WHY, i + 1, 1, 1);
      gtk_grid_attach (self->grid, row.take_back, COLUMN_TAKE_BACK, i + 1, 1, 1);
      g_array_append_val (self->rows, row);
    }
}

static void
store_changed_cb (BosMeetingMode *self,
                  const char     *table,
                  BosStore       *store)
{
  g_autoptr(GError) error = NULL;

  /* A colleague's change arriving by sync, or this window's own */
  if (self->meeting == NULL || !bos_meeting_has_proposal (self->meeting))
    return;
  if (!bos_meeting_reload_municipalities (self->store, self->meeting, &error))
    show_message (self, error->message);
  else if (bos_meeting_get_municipalities (self->meeting)->len == self->rows->len)
    refresh (self);
}

static void
load (BosMeetingMode *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *county = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *dates = NULL;

  self->meeting = bos_meeting_load (self->store, self->meeting_id, &error);
  if (self->meeting == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  gtk_label_set_text (self->title_label,
                      bos_activity_get_title (bos_meeting_get_activity (self->meeting)));
  county = bos_meeting_dup_county_name (self->meeting, self->store);
  dates = bos_activity_dup_dates_label (bos_meeting_get_activity (self->meeting));
  /* Translators: under the meeting's title in meeting mode: county, date */
  subtitle = county ? g_strdup_printf (_("%s · %s"), county, dates) : g_strdup (dates);
  gtk_label_set_text (self->subtitle_label, subtitle);

  if (!bos_meeting_county_start (self->store, self->meeting, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_text (self->total_label, "–");
      gtk_label_set_text (self->agreed_label, "–");
      return;
    }

  build_rows (self);
  refresh (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting-mode.finish", TRUE);
  gtk_stack_set_visible_child_name (self->stack, "table");
  if (self->rows->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (g_array_index (self->rows, Row, 0).agreed));

  g_signal_connect_object (self->store, "changed::meeting", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosMeetingMode *self = BOS_MEETING_MODE (widget);

  if (self->finished)
    bos_meeting_mode_reopen (self);
  else
    bos_meeting_mode_finish (self);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
bos_meeting_mode_constructed (GObject *object)
{
  BosMeetingMode *self = (BosMeetingMode *) object;

  G_OBJECT_CLASS (bos_meeting_mode_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));
  g_assert (self->meeting_id != NULL);
  load (self);
  gtk_window_fullscreen (GTK_WINDOW (self));
}

static void
bos_meeting_mode_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_MEETING_MODE);

  G_OBJECT_CLASS (bos_meeting_mode_parent_class)->dispose (object);
}

static void
bos_meeting_mode_finalize (GObject *object)
{
  BosMeetingMode *self = (BosMeetingMode *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->meeting_id, g_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->total_text, g_free);

  G_OBJECT_CLASS (bos_meeting_mode_parent_class)->finalize (object);
}

static void
bos_meeting_mode_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BosMeetingMode *self = BOS_MEETING_MODE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MEETING_ID:
      g_value_set_string (value, self->meeting_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_meeting_mode_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BosMeetingMode *self = BOS_MEETING_MODE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_MEETING_ID:
      self->meeting_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_meeting_mode_class_init (BosMeetingModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_meeting_mode_constructed;
  object_class->dispose = bos_meeting_mode_dispose;
  object_class->finalize = bos_meeting_mode_finalize;
  object_class->get_property = bos_meeting_mode_get_property;
  object_class->set_property = bos_meeting_mode_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The meeting (its activity id) */
  properties[PROP_MEETING_ID] =
    g_param_spec_string ("meeting-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-meeting-mode.ui");
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, title_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, total_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, agreed_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, message_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, finished_label);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, finish_button);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, stack);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, grid);
  gtk_widget_class_bind_template_child (widget_class, BosMeetingMode, error_label);

  gtk_widget_class_install_action (widget_class, "meeting-mode.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "meeting-mode.finish", NULL, finish_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "meeting-mode.leave", NULL);
}

static void
bos_meeting_mode_init (BosMeetingMode *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  gtk_button_set_label (self->finish_button, _("_Finish Meeting"));
  gtk_button_set_use_underline (self->finish_button, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting-mode.finish", FALSE);
}

/**
 * bos_meeting_mode_new:
 * @parent: (nullable): the main window
 * @meeting_id: a meeting with a county
 *
 * Opens the meeting full screen; the first time, the meeting takes up its
 * county (the proposal from the plan's chosen scenario).
 *
 * Returns: (transfer none): the window; it destroys itself when left
 */
BosMeetingMode *
bos_meeting_mode_new (GtkWindow  *parent,
                      BosStore   *store,
                      const char *meeting_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return g_object_new (BOS_TYPE_MEETING_MODE,
                       "transient-for", parent,
                       "store", store,
                       "meeting-id", meeting_id,
                       NULL);
}

/**
 * bos_meeting_mode_get_meeting:
 *
 * Returns: (transfer none) (nullable): the meeting, as stored
 */
BosMeeting *
bos_meeting_mode_get_meeting (BosMeetingMode *self)
{
  g_return_val_if_fail (BOS_IS_MEETING_MODE (self), NULL);
  return self->meeting;
}

static int
find_row (BosMeetingMode *self,
          const char     *code)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_str_equal (g_array_index (self->rows, Row, i).code, code))
      return (int) i;
  return -1;
}

/**
 * bos_meeting_mode_agree:
 * @code: a municipality of the county
 * @agreed: the number as typed
 * @why: (nullable): the reason as typed
 *
 * What typing a number and a reason into @code's row and pressing Enter
 * does.
 *
 * Returns: whether the number was agreed (else the banner says why)
 */
gboolean
bos_meeting_mode_agree (BosMeetingMode *self,
                        const char     *code,
                        const char     *agreed,
                        const char     *why)
{
  Row *row;
  int i;

  g_return_val_if_fail (BOS_IS_MEETING_MODE (self), FALSE);
  g_return_val_if_fail (code != NULL && agreed != NULL, FALSE);

  i = find_row (self, code);
  if (i < 0)
    return FALSE;
  row = &g_array_index (self->rows, Row, i);
  gtk_editable_set_text (GTK_EDITABLE (row->agreed), agreed);
  gtk_editable_set_text (GTK_EDITABLE (row->why), why ? why : "");
  return apply_row (self, (guint) i);
}

/**
 * bos_meeting_mode_take_back:
 *
 * What the row's take-back button does.
 */
gboolean
bos_meeting_mode_take_back (BosMeetingMode *self,
                            const char     *code)
{
  Row *row;
  int i;

  g_return_val_if_fail (BOS_IS_MEETING_MODE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  i = find_row (self, code);
  if (i < 0)
    return FALSE;
  row = &g_array_index (self->rows, Row, i);
  gtk_editable_set_text (GTK_EDITABLE (row->agreed), "");
  gtk_editable_set_text (GTK_EDITABLE (row->why), "");
  return apply_row (self, (guint) i);
}

/**
 * bos_meeting_mode_get_message:
 *
 * Returns: (nullable): the banner's text: why the last number was refused
 */
const char *
bos_meeting_mode_get_message (BosMeetingMode *self)
{
  g_return_val_if_fail (BOS_IS_MEETING_MODE (self), NULL);
  return self->message;
}

/**
 * bos_meeting_mode_get_total_text:
 *
 * Returns: (nullable): the county total as shown
 */
const char *
bos_meeting_mode_get_total_text (BosMeetingMode *self)
{
  g_return_val_if_fail (BOS_IS_MEETING_MODE (self), NULL);
  return self->total_text;
}

/**
 * bos_meeting_mode_finish:
 *
 * What Finish Meeting does: every municipality without an agreement is
 * locked at its number (bos_meeting_county_finish()).
 *
 * Returns: whether the meeting is finished (else the banner says why)
 */
gboolean
bos_meeting_mode_finish (BosMeetingMode *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BOS_IS_MEETING_MODE (self), FALSE);

  if (self->meeting == NULL || !bos_meeting_county_finish (self->store, self->meeting, &error))
    {
      show_message (self, error ? error->message : NULL);
      return FALSE;
    }
  show_message (self, NULL);
  refresh (self);
  return TRUE;
}

/**
 * bos_meeting_mode_reopen:
 *
 * What Reopen does (bos_meeting_county_reopen()).
 */
gboolean
bos_meeting_mode_reopen (BosMeetingMode *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BOS_IS_MEETING_MODE (self), FALSE);

  if (self->meeting == NULL || !bos_meeting_county_reopen (self->store, self->meeting, &error))
    {
      show_message (self, error ? error->message : NULL);
      return FALSE;
    }
  show_message (self, NULL);
  refresh (self);
  return TRUE;
}

gboolean
bos_meeting_mode_get_finished (BosMeetingMode *self)
{
  g_return_val_if_fail (BOS_IS_MEETING_MODE (self), FALSE);
  return self->finished;
}
