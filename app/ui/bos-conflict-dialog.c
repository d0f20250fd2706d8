/* bos-conflict-dialog.c: both versions of a record, field by field, and
 * the planner's decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sync.md: a conflict view shows both versions field by field, who changed
 * each and when, and lets the planner keep one side or combine; server-side
 * _conflicts are shown the same way. On the left the records in conflict,
 * on the right one row per field with this computer's value and the
 * server's; where they differ a Here/Server switch picks the side for
 * "Combine as Chosen". The decision goes through
 * bos_sync_conflict_resolve() and is sent at the next sync.
 */
#define G_LOG_DOMAIN "bos-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-conflict-dialog.h"
#include "bos-sync-conflict.h"

struct _BosConflictDialog
{
  AdwWindow         parent_instance;

  BosStore         *store;
  GListModel       *conflicts;
  BosSyncConflict  *current;
  GHashTable       *choices;   /* field → the "Server" GtkToggleButton */

  /* template children */
  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkListBox       *conflict_list;
  GtkLabel         *versions_label;
  GtkListBox       *field_list;
};

G_DEFINE_FINAL_TYPE (BosConflictDialog, bos_conflict_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_value (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (*json_node_get_string (node) ? json_node_get_string (node) : _("(empty)"));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
    }
  return json_to_string (node, FALSE);
}

/* "changed by Kari Nordmann, 2026-09-12 10:03" or "deleted by …" */
static char *
describe_version (JsonObject *doc)
{
  const char *author = json_object_has_member (doc, "author")
                       ? json_object_get_string_member_with_default (doc, "author", "") : "";
  const char *modified = json_object_get_string_member_with_default (doc, "modified", "");
  g_autoptr(GDateTime) utc = *modified ? g_date_time_new_from_iso8601 (modified, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (modified);
  gboolean deleted = json_object_get_boolean_member_with_default (doc, "_deleted", FALSE);

  if (*author == '\0')
    author = _("someone");
  if (deleted)
    /* Translators: who deleted a record, and when */
    return g_strdup_printf (_("deleted by %s, %s"), author, when);
  /* Translators: who changed a record, and when */
  return g_strdup_printf (_("changed by %s, %s"), author, when);
}

static void
clear_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

/* One row per field: both values, and where they differ the side to take. */
static void
add_field_row (BosConflictDialog *self,
               BosSyncConflict   *conflict,
               const char        *field,
               gboolean           differs)
{
  JsonObject *mine_doc = bos_sync_conflict_get_mine (conflict);
  JsonObject *theirs_doc = bos_sync_conflict_get_theirs (conflict);
  g_autofree char *here_value = format_value (json_object_get_member (mine_doc, field));
  g_autofree char *server_value = format_value (json_object_get_member (theirs_doc, field));
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;

  /* who and when are in the heading */
  if (g_str_equal (field, "modified") || g_str_equal (field, "author"))
    return;
  row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field);
  if (differs)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *here = gtk_toggle_button_new_with_label (_("Here"));
      GtkWidget *server = gtk_toggle_button_new_with_label (_("Server"));

      /* Translators: a field's value on this computer and on the server */
      subtitle = g_strdup_printf (_("Here: %s\nServer: %s"), here_value, server_value);
      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (server), GTK_TOGGLE_BUTTON (here));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (here), TRUE);
      gtk_box_append (GTK_BOX (box), here);
      gtk_box_append (GTK_BOX (box), server);
      adw_action_row_add_suffix (row, box);
      g_hash_table_insert (self->choices, g_strdup (field), server);
    }
  else
    {
      /* Translators: a field's value, the same on both sides */
      subtitle = g_strdup_printf (_("Both: %s"), here_value);
      gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
    }
  adw_action_row_set_subtitle (row, subtitle);
  gtk_list_box_append (self->field_list, GTK_WIDGET (row));
}

static void
show_conflict (BosConflictDialog *self,
               BosSyncConflict   *conflict)
{
  g_auto(GStrv) fields = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *versions = NULL;
  JsonObject *mine_doc, *theirs_doc;

  g_set_object (&self->current, conflict);
  g_hash_table_remove_all (self->choices);
  clear_box (self->field_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.keep-mine", conflict != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.keep-theirs", conflict != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.combine", conflict != NULL);
  if (conflict == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, "");
      gtk_label_set_label (self->versions_label, _("No record has two versions."));
      return;
    }

  mine_doc = bos_sync_conflict_get_mine (conflict);
  theirs_doc = bos_sync_conflict_get_theirs (conflict);
  mine = describe_version (mine_doc);
  theirs = describe_version (theirs_doc);
  if (bos_sync_conflict_get_server_side (conflict))
    versions = g_strdup_printf (_("Two versions were saved on the server at the same time.\n"
                                  "Here (the server's current version): %s.\nOther version: %s."),
                                mine, theirs);
  else
    versions = g_strdup_printf (_("This record was changed here and on the server.\n"
                                  "Here: %s.\nOn the server: %s."),
                                mine, theirs);
  adw_window_title_set_subtitle (self->window_title, bos_sync_conflict_get_record_id (conflict));
  gtk_label_set_label (self->versions_label, versions);

  /* The fields that differ first, then the others */
  fields = bos_sync_conflict_dup_fields (conflict);
  for (guint i = 0; fields[i] != NULL; i++)
    if (bos_sync_conflict_field_differs (conflict, fields[i]))
      add_field_row (self, conflict, fields[i], TRUE);
  for (guint i = 0; fields[i] != NULL; i++)
    if (!bos_sync_conflict_field_differs (conflict, fields[i]))
      add_field_row (self, conflict, fields[i], FALSE);
}

static void
reload (BosConflictDialog *self,
        const char        *select_id)
{
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *select = NULL;
  guint n;

  g_clear_object (&self->conflicts);
  self->conflicts = bos_sync_conflict_list (self->store, &error);
  if (self->conflicts == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      self->conflicts = G_LIST_MODEL (g_list_store_new (BOS_TYPE_SYNC_CONFLICT));
    }

  clear_box (self->conflict_list);
  n = g_list_model_get_n_items (self->conflicts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosSyncConflict) conflict = g_list_model_get_item (self->conflicts, i);
      JsonObject *mine = bos_sync_conflict_get_mine (conflict);
      const char *title = json_object_get_string_member_with_default (mine, "title", NULL);
      GtkWidget *row = adw_action_row_new ();

      if (title == NULL)
        title = json_object_get_string_member_with_default (mine, "name", NULL);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     title ? title : bos_sync_conflict_get_record_type (conflict));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), bos_sync_conflict_get_record_id (conflict));
      gtk_list_box_append (self->conflict_list, row);
      if (select_id != NULL && g_str_equal (select_id, bos_sync_conflict_get_record_id (conflict)))
        select = GTK_LIST_BOX_ROW (row);
    }
  if (select == NULL && n > 0)
    select = gtk_list_box_get_row_at_index (self->conflict_list, 0);
  gtk_list_box_select_row (self->conflict_list, select);
  if (select == NULL)
    show_conflict (self, NULL);
}

static void
conflict_selected_cb (BosConflictDialog *self,
                      GtkListBoxRow     *row,
                      GtkListBox        *box)
{
  g_autoptr(BosSyncConflict) conflict = NULL;

  if (row != NULL)
    conflict = g_list_model_get_item (self->conflicts, gtk_list_box_row_get_index (row));
  show_conflict (self, conflict);
}

static void
resolve (BosConflictDialog *self,
         BosSyncResolution  how)
{
  g_autoptr(JsonObject) combined = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *done;

  if (self->current == NULL)
    return;
  id = g_strdup (bos_sync_conflict_get_record_id (self->current));

  if (how == BOS_SYNC_COMBINE)
    {
      JsonObject *theirs = bos_sync_conflict_get_theirs (self->current);
      GHashTableIter iter;
      gpointer field, toggle;

      combined = json_object_new ();
      g_hash_table_iter_init (&iter, self->choices);
      while (g_hash_table_iter_next (&iter, &field, &toggle))
        {
          JsonNode *value;

          if (!gtk_toggle_button_get_active (toggle))
            continue;
          value = json_object_get_member (theirs, field);
          json_object_set_member (combined, field, value ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
        }
    }

  if (!bos_sync_conflict_resolve (self->store, id, how, combined, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  switch (how)
    {
    case BOS_SYNC_KEEP_MINE:
      done = _("Kept this computer's version; it is sent at the next sync");
      break;
    case BOS_SYNC_KEEP_THEIRS:
      done = _("Kept the server's version");
      break;
    case BOS_SYNC_COMBINE:
    default:
      done = _("Combined; the result is sent at the next sync");
      break;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (done));
  reload (self, NULL);
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  resolve (BOS_CONFLICT_DIALOG (widget), BOS_SYNC_KEEP_MINE);
}

static void
keep_theirs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  resolve (BOS_CONFLICT_DIALOG (widget), BOS_SYNC_KEEP_THEIRS);
}

static void
combine_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  resolve (BOS_CONFLICT_DIALOG (widget), BOS_SYNC_COMBINE);
}

static void
bos_conflict_dialog_constructed (GObject *object)
{
  BosConflictDialog *self = (BosConflictDialog *) object;

  G_OBJECT_CLASS (bos_conflict_dialog_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));
  reload (self, NULL);
}

static void
bos_conflict_dialog_dispose (GObject *object)
{
  BosConflictDialog *self = (BosConflictDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BOS_TYPE_CONFLICT_DIALOG);
  g_clear_object (&self->current);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->store);
  g_clear_pointer (&self->choices, g_hash_table_unref);

  G_OBJECT_CLASS (bos_conflict_dialog_parent_class)->dispose (object);
}

static void
bos_conflict_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BosConflictDialog *self = BOS_CONFLICT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_conflict_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BosConflictDialog *self = BOS_CONFLICT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_conflict_dialog_class_init (BosConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_conflict_dialog_constructed;
  object_class->dispose = bos_conflict_dialog_dispose;
  object_class->get_property = bos_conflict_dialog_get_property;
  object_class->set_property = bos_conflict_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BosConflictDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BosConflictDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BosConflictDialog, conflict_list);
  gtk_widget_class_bind_template_child (widget_class, BosConflictDialog, versions_label);
  gtk_widget_class_bind_template_child (widget_class, BosConflictDialog, field_list);
  gtk_widget_class_bind_template_callback (widget_class, conflict_selected_cb);

  gtk_widget_class_install_action (widget_class, "conflict.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "conflict.keep-theirs", NULL, keep_theirs_action);
  gtk_widget_class_install_action (widget_class, "conflict.combine", NULL, combine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bos_conflict_dialog_init (BosConflictDialog *self)
{
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bos_conflict_dialog_new:
 *
 * Returns: (transfer none): a dialog over the conflicts of @store
 */
BosConflictDialog *
bos_conflict_dialog_new (GtkWindow *parent,
                         BosStore  *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  return g_object_new (BOS_TYPE_CONFLICT_DIALOG, "transient-for", parent, "store", store, NULL);
}

guint
bos_conflict_dialog_get_n_conflicts (BosConflictDialog *self)
{
  g_return_val_if_fail (BOS_IS_CONFLICT_DIALOG (self), 0);
  return g_list_model_get_n_items (self->conflicts);
}

/**
 * bos_conflict_dialog_get_record_id:
 *
 * Returns: (nullable): the record shown
 */
const char *
bos_conflict_dialog_get_record_id (BosConflictDialog *self)
{
  g_return_val_if_fail (BOS_IS_CONFLICT_DIALOG (self), NULL);
  return self->current ? bos_sync_conflict_get_record_id (self->current) : NULL;
}

gboolean
bos_conflict_dialog_select (BosConflictDialog *self,
                            guint              position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (BOS_IS_CONFLICT_DIALOG (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->conflict_list, position);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->conflict_list, row);
  return TRUE;
}

/**
 * bos_conflict_dialog_choose_theirs:
 * @field: a field that differs
 * @theirs: %TRUE for the server's value in "Combine as Chosen"
 *
 * Returns: %FALSE when @field does not differ
 */
gboolean
bos_conflict_dialog_choose_theirs (BosConflictDialog *self,
                                   const char        *field,
                                   gboolean           theirs)
{
  GtkToggleButton *server;

  g_return_val_if_fail (BOS_IS_CONFLICT_DIALOG (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  server = g_hash_table_lookup (self->choices, field);
  if (server == NULL)
    return FALSE;
  if (theirs)
    gtk_toggle_button_set_active (server, TRUE);
  else
    {
      /* the other button of the group */
      GtkWidget *here = gtk_widget_get_prev_sibling (GTK_WIDGET (server));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (here), TRUE);
    }
  return TRUE;
}
