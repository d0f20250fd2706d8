/* bos-override-dialog.c: one municipality's settings in a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lock at a number (with why), exclude or include by hand, minors or not,
 * an adjustment of the score, a cap and a note. Save emits "save"; the
 * distribution page stores the settings and recomputes. A lock agreed in
 * a meeting says so; changing it here makes it a planner's own lock.
 */
#define G_LOG_DOMAIN "bos-override-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-format.h"
#include "bos-override-dialog.h"

struct _BosOverrideDialog
{
  AdwWindow            parent_instance;

  char                *code;
  BosScenarioOverride  original;
  gboolean             updating;

  /* template children */
  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *lock_group;
  GtkSwitch           *lock_switch;
  GtkSpinButton       *lock_spin;
  AdwEntryRow         *lock_reason_row;
  GtkSwitch           *exclude_switch;
  GtkSwitch           *include_switch;
  GtkSwitch           *minors_switch;
  GtkSpinButton       *adjustment_spin;
  GtkSwitch           *cap_switch;
  GtkSpinButton       *cap_spin;
  AdwEntryRow         *note_row;
};

G_DEFINE_FINAL_TYPE (BosOverrideDialog, bos_override_dialog, ADW_TYPE_WINDOW)

enum {
  SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
values_changed_cb (BosOverrideDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_spin), gtk_switch_get_active (self->lock_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_reason_row),
                            gtk_switch_get_active (self->lock_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cap_spin), gtk_switch_get_active (self->cap_switch));
}

static void
exclude_toggled_cb (BosOverrideDialog *self)
{
  if (gtk_switch_get_active (self->exclude_switch))
    gtk_switch_set_active (self->include_switch, FALSE);
  values_changed_cb (self);
}

static void
include_toggled_cb (BosOverrideDialog *self)
{
  if (gtk_switch_get_active (self->include_switch))
    gtk_switch_set_active (self->exclude_switch, FALSE);
  values_changed_cb (self);
}

static void
show_override (BosOverrideDialog         *self,
               const BosScenarioOverride *override,
               gint64                     request)
{
  gtk_switch_set_active (self->lock_switch, override->locked >= 0);
  gtk_spin_button_set_value (self->lock_spin,
                             (double) (override->locked >= 0 ? override->locked : MAX (request, 0)));
  gtk_editable_set_text (GTK_EDITABLE (self->lock_reason_row),
                         override->lock_reason ? override->lock_reason : "");
  gtk_switch_set_active (self->exclude_switch, override->excluded);
  gtk_switch_set_active (self->include_switch, override->included);
  gtk_switch_set_active (self->minors_switch, override->ema_capable);
  gtk_spin_button_set_value (self->adjustment_spin, override->adjustment);
  gtk_switch_set_active (self->cap_switch, override->cap >= 0);
  gtk_spin_button_set_value (self->cap_spin,
                             (double) (override->cap >= 0 ? override->cap : MAX (request, 0)));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), override->note ? override->note : "");
  values_changed_cb (self);
}

/**
 * bos_override_dialog_get_override:
 * @override: (out caller-allocates): set to the settings shown; clear it
 */
void
bos_override_dialog_get_override (BosOverrideDialog   *self,
                                  BosScenarioOverride *override)
{
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->lock_reason_row));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));

  g_return_if_fail (BOS_IS_OVERRIDE_DIALOG (self));

  bos_scenario_override_init (override);
  if (gtk_switch_get_active (self->lock_switch))
    {
      override->locked = gtk_spin_button_get_value_as_int (self->lock_spin);
      override->lock_reason = *reason ? g_strdup (reason) : NULL;
      /* A lock from a meeting stays the meeting's while it is unchanged */
      if (self->original.locked == override->locked &&
          g_strcmp0 (self->original.lock_reason, override->lock_reason) == 0)
        override->lock_source = g_strdup (self->original.lock_source);
    }
  override->excluded = gtk_switch_get_active (self->exclude_switch);
  override->included = gtk_switch_get_active (self->include_switch);
  override->ema_capable = gtk_switch_get_active (self->minors_switch);
  override->adjustment = gtk_spin_button_get_value (self->adjustment_spin);
  if (gtk_switch_get_active (self->cap_switch))
    override->cap = gtk_spin_button_get_value_as_int (self->cap_spin);
  override->note = *note ? g_strdup (note) : NULL;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BosOverrideDialog *self = BOS_OVERRIDE_DIALOG (widget);
  g_auto(BosScenarioOverride) override = { 0 };

  bos_override_dialog_get_override (self, &override);
  g_signal_emit (self, signals[SAVE], 0, &override);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BosOverrideDialog *self = BOS_OVERRIDE_DIALOG (widget);
  g_auto(BosScenarioOverride) plain = { 0 };

  bos_scenario_override_init (&plain);
  show_override (self, &plain, gtk_spin_button_get_value_as_int (self->lock_spin));
}

static void
bos_override_dialog_finalize (GObject *object)
{
  BosOverrideDialog *self = (BosOverrideDialog *) object;

  g_free (self->code);
  bos_scenario_override_clear (&self->original);

  G_OBJECT_CLASS (bos_override_dialog_parent_class)->finalize (object);
}

static void
bos_override_dialog_class_init (BosOverrideDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bos_override_dialog_finalize;

  /**
   * BosOverrideDialog::save:
   * @override: (type gpointer): the BosScenarioOverride to store
   *
   * The planner saved; the dialog stays open until the caller closes it
   * (so an error can be shown first).
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-override-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BosOverrideDialog, name)
  BIND (window_title);
  BIND (lock_group);
  BIND (lock_switch);
  BIND (lock_spin);
  BIND (lock_reason_row);
  BIND (exclude_switch);
  BIND (include_switch);
  BIND (minors_switch);
  BIND (adjustment_spin);
  BIND (cap_switch);
  BIND (cap_spin);
  BIND (note_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, values_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, exclude_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, include_toggled_cb);
  gtk_widget_class_install_action (widget_class, "override.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "override.reset", NULL, reset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bos_override_dialog_init (BosOverrideDialog *self)
{
  bos_scenario_override_init (&self->original);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bos_override_dialog_new:
 * @current: the municipality's settings now
 * @request: its request now, the starting value of a new lock or cap
 *
 * Returns: (transfer none): a new dialog (a toplevel; it owns itself)
 */
BosOverrideDialog *
bos_override_dialog_new (GtkWindow                 *parent,
                         const char                *code,
                         const char                *name,
                         const BosScenarioOverride *current,
                         gint64                     request)
{
  BosOverrideDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *number = NULL;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (current != NULL, NULL);

  self = g_object_new (BOS_TYPE_OVERRIDE_DIALOG, "transient-for", parent, NULL);
  self->code = g_strdup (code);
  bos_scenario_override_clear (&self->original);
  bos_scenario_override_copy (&self->original, current);

  /* Translators: the dialog's title, e.g. "3905 Tønsberg" */
  title = g_strdup_printf (_("%s %s"), code, name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  number = request >= 0 ? bos_format_count (request) : g_strdup ("–");
  /* Translators: %s is the municipality's request in this scenario now */
  subtitle = g_strdup_printf (_("Requested now: %s"), number);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (current->lock_source != NULL && current->locked >= 0)
    adw_preferences_group_set_description (self->lock_group,
                                           _("Locked by a meeting’s agreement. Changing the "
                                             "number here makes it a lock of your own."));
  show_override (self, current, request);
  return self;
}

const char *
bos_override_dialog_get_code (BosOverrideDialog *self)
{
  g_return_val_if_fail (BOS_IS_OVERRIDE_DIALOG (self), NULL);
  return self->code;
}
