/* bos-new-plan-dialog.c: creating the plan for a year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Year, settlement need, of which unaccompanied minors and of which
 * resettlement refugees. The numbers are checked as they are typed, with
 * the same rules bos_plan_create() applies; the message says what is wrong
 * and Create stays off until it is right. A year that has a plan already
 * is refused before Create, and again by the store if another window or
 * a colleague's sync got there first.
 */
#define G_LOG_DOMAIN "bos-new-plan-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-error.h"
#include "bos-form.h"
#include "bos-new-plan-dialog.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"

struct _BosNewPlanDialog
{
  AdwWindow      parent_instance;

  BosStore      *store;
  char          *message;

  GPtrArray     *scopes;       /* BOS_PLAN_SCOPE_NATIONAL, then county codes */

  /* template children */
  AdwComboRow   *scope_row;
  GtkSpinButton *year_spin;
  GtkSpinButton *need_spin;
  GtkSpinButton *minors_spin;
  GtkSpinButton *resettlement_spin;
  GtkLabel      *message_label;
};

G_DEFINE_FINAL_TYPE (BosNewPlanDialog, bos_new_plan_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  PLAN_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The number typed so far, before the spin button takes it over. */
static gboolean
spin_get_int (GtkSpinButton *spin,
              int           *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  gint64 parsed;

  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &parsed, NULL))
    return FALSE;
  *value = (int) parsed;
  return TRUE;
}

static void
show_message (BosNewPlanDialog *self,
              const char       *message)
{
  bos_form_show_message (self->message_label, &self->message, message);
}

static const char *
selected_scope (BosNewPlanDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->scope_row);

  if (self->scopes == NULL || selected >= self->scopes->len)
    return BOS_PLAN_SCOPE_NATIONAL;
  return g_ptr_array_index (self->scopes, selected);
}

/* The whole country, then each county of today */
static void
fill_scopes (BosNewPlanDialog *self)
{
  g_autoptr(BosMunicipalityIndex) index = bos_municipality_index_load (self->store, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = index ? bos_municipality_index_get_n_counties (index) : 0;

  self->scopes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->scopes, g_strdup (BOS_PLAN_SCOPE_NATIONAL));
  gtk_string_list_append (names, _("The whole country"));
  for (guint i = 0; i < n; i++)
    {
      const char *code = bos_municipality_index_get_county_code (index, i);
      const char *name = bos_municipality_index_get_county_name (index, code);
      /* Translators: a county plan's scope, e.g. "Vestfold (county 39)" */
      g_autofree char *label = g_strdup_printf (_("%s (county %s)"), name ? name : code, code);

      g_ptr_array_add (self->scopes, g_strdup (code));
      gtk_string_list_append (names, label);
    }
  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->scope_row, 0);
}

/* Checks the numbers; fills the values when they are all whole numbers. */
static gboolean
validate (BosNewPlanDialog  *self,
          int               *year,
          int               *need,
          int               *minors,
          int               *resettlement,
          GError           **error)
{
  g_autoptr(BosPlan) existing = NULL;
  g_autofree char *id = NULL;

  if (!spin_get_int (self->year_spin, year))
    {
      g_set_error_literal (error, BOS_ERROR, BOS_ERROR_INVALID, _("The year must be a whole number"));
      return FALSE;
    }
  if (!spin_get_int (self->need_spin, need))
    {
      g_set_error_literal (error, BOS_ERROR, BOS_ERROR_INVALID,
                           _("The settlement need must be a whole number"));
      return FALSE;
    }
  if (!spin_get_int (self->minors_spin, minors))
    {
      g_set_error_literal (error, BOS_ERROR, BOS_ERROR_INVALID,
                           _("The number of unaccompanied minors must be a whole number"));
      return FALSE;
    }
  if (!spin_get_int (self->resettlement_spin, resettlement))
    {
      g_set_error_literal (error, BOS_ERROR, BOS_ERROR_INVALID,
                           _("The number of resettlement refugees must be a whole number"));
      return FALSE;
    }

  if (!bos_plan_validate (*year, selected_scope (self), *need, *minors, *resettlement, error))
    return FALSE;

  id = bos_plan_make_id (*year, selected_scope (self));
  existing = bos_plan_load (self->store, id, NULL);
  if (existing != NULL)
    {
      if (g_str_equal (selected_scope (self), BOS_PLAN_SCOPE_NATIONAL))
        g_set_error (error, BOS_ERROR, BOS_ERROR_EXISTS,
                     _("There is already a national plan for %d"), *year);
      else
        g_set_error (error, BOS_ERROR, BOS_ERROR_EXISTS,
                     _("There is already a plan for %d for county %s"), *year,
                     selected_scope (self));
      return FALSE;
    }
  return TRUE;
}

static void
values_changed_cb (BosNewPlanDialog *self)
{
  g_autoptr(GError) error = NULL;
  int year, need, minors, resettlement;
  gboolean valid;

  if (self->store == NULL || self->scopes == NULL)
    return;

  valid = validate (self, &year, &need, &minors, &resettlement, &error);
  show_message (self, valid ? NULL : error->message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.create", valid);
}

static void
spin_activate_cb (BosNewPlanDialog *self)
{
  if (bos_new_plan_dialog_can_create (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "plan.create", NULL);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosNewPlanDialog *self = BOS_NEW_PLAN_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlan) plan = NULL;
  int year, need, minors, resettlement;

  if (!validate (self, &year, &need, &minors, &resettlement, &error))
    {
      show_message (self, error->message);
      return;
    }

  plan = bos_plan_create (self->store, year, selected_scope (self), need, minors,
                          resettlement, FALSE, &error);
  if (plan == NULL)
    {
      /* e.g. "There is already a national plan for 2028" */
      show_message (self, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.create", FALSE);
      return;
    }

  g_signal_emit (self, signals[PLAN_CREATED], 0, plan);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The first year from next year on that has no national plan yet. */
static int
suggest_year (BosNewPlanDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now) + 1;

  for (int i = 0; i < 50; i++, year++)
    {
      g_autofree char *id = bos_plan_make_id (year, BOS_PLAN_SCOPE_NATIONAL);
      g_autoptr(BosPlan) existing = bos_plan_load (self->store, id, NULL);

      if (existing == NULL)
        break;
    }
  return year;
}

static void
bos_new_plan_dialog_constructed (GObject *object)
{
  BosNewPlanDialog *self = (BosNewPlanDialog *) object;

  G_OBJECT_CLASS (bos_new_plan_dialog_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));
  fill_scopes (self);
  gtk_spin_button_set_value (self->year_spin, suggest_year (self));
  values_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->need_spin));
}

static void
bos_new_plan_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BOS_TYPE_NEW_PLAN_DIALOG);

  G_OBJECT_CLASS (bos_new_plan_dialog_parent_class)->dispose (object);
}

static void
bos_new_plan_dialog_finalize (GObject *object)
{
  BosNewPlanDialog *self = (BosNewPlanDialog *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->scopes, g_ptr_array_unref);

  G_OBJECT_CLASS (bos_new_plan_dialog_parent_class)->finalize (object);
}

static void
bos_new_plan_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BosNewPlanDialog *self = BOS_NEW_PLAN_DIALOG (object);

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
bos_new_plan_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BosNewPlanDialog *self = BOS_NEW_PLAN_DIALOG (object);

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
bos_new_plan_dialog_class_init (BosNewPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bos_new_plan_dialog_constructed;
  object_class->dispose = bos_new_plan_dialog_dispose;
  object_class->finalize = bos_new_plan_dialog_finalize;
  object_class->get_property = bos_new_plan_dialog_get_property;
  object_class->set_property = bos_new_plan_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BosNewPlanDialog::plan-created:
   * @plan: the new plan
   *
   * Emitted after the plan was stored, just before the dialog closes.
   */
  signals[PLAN_CREATED] =
    g_signal_new ("plan-created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BOS_TYPE_PLAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-new-plan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BosNewPlanDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, BosNewPlanDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, BosNewPlanDialog, need_spin);
  gtk_widget_class_bind_template_child (widget_class, BosNewPlanDialog, minors_spin);
  gtk_widget_class_bind_template_child (widget_class, BosNewPlanDialog, resettlement_spin);
  gtk_widget_class_bind_template_child (widget_class, BosNewPlanDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, values_changed_cb);

  gtk_widget_class_install_action (widget_class, "plan.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bos_new_plan_dialog_init (BosNewPlanDialog *self)
{
  GtkSpinButton *spins[4];

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Enter in any field creates the plan; GtkSpinButton has no "activate"
   * of its own in GTK 4.8, its text field has. */
  spins[0] = self->year_spin;
  spins[1] = self->need_spin;
  spins[2] = self->minors_spin;
  spins[3] = self->resettlement_spin;
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (spins[i])), "activate",
                             G_CALLBACK (spin_activate_cb), self, G_CONNECT_SWAPPED);
}

/**
 * bos_new_plan_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 *
 * Returns: (transfer none): a new dialog; it destroys itself when closed
 */
BosNewPlanDialog *
bos_new_plan_dialog_new (GtkWindow *parent,
                         BosStore  *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  return g_object_new (BOS_TYPE_NEW_PLAN_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

/**
 * bos_new_plan_dialog_set_values:
 *
 * Fills the four fields as if they had been typed.
 */
void
bos_new_plan_dialog_set_values (BosNewPlanDialog *self,
                                int               year,
                                int               need,
                                int               minors,
                                int               resettlement)
{
  g_return_if_fail (BOS_IS_NEW_PLAN_DIALOG (self));

  gtk_spin_button_set_value (self->year_spin, year);
  gtk_spin_button_set_value (self->need_spin, need);
  gtk_spin_button_set_value (self->minors_spin, minors);
  gtk_spin_button_set_value (self->resettlement_spin, resettlement);
  values_changed_cb (self);
}

/**
 * bos_new_plan_dialog_get_message:
 *
 * Returns: (nullable): what is wrong with the numbers, as shown
 */
const char *
bos_new_plan_dialog_get_message (BosNewPlanDialog *self)
{
  g_return_val_if_fail (BOS_IS_NEW_PLAN_DIALOG (self), NULL);
  return self->message;
}

/**
 * bos_new_plan_dialog_can_create:
 *
 * Returns: whether Create is enabled
 */
gboolean
bos_new_plan_dialog_can_create (BosNewPlanDialog *self)
{
  g_return_val_if_fail (BOS_IS_NEW_PLAN_DIALOG (self), FALSE);
  return self->message == NULL;
}

/**
 * bos_new_plan_dialog_set_scope:
 * @scope: %BOS_PLAN_SCOPE_NATIONAL or a county code
 *
 * Chooses whom the plan is for, as if picked from the list.
 *
 * Returns: whether there is such a county
 */
gboolean
bos_new_plan_dialog_set_scope (BosNewPlanDialog *self,
                               const char       *scope)
{
  g_return_val_if_fail (BOS_IS_NEW_PLAN_DIALOG (self), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  for (guint i = 0; self->scopes != NULL && i < self->scopes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->scopes, i), scope))
      {
        adw_combo_row_set_selected (self->scope_row, i);
        values_changed_cb (self);
        return TRUE;
      }
  return FALSE;
}
