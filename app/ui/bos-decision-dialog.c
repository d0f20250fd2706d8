/* bos-decision-dialog.c: register a municipality's decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The municipality (searchable; preset when the dialog is opened from its
 * row), what it was asked, and its council's decision: persons, of which
 * unaccompanied minors, the date, the case reference and a note. Every
 * change is checked as the core checks it (bos_decision_validate()); the
 * reason a decision cannot be saved stands under the fields and Save waits
 * until there is none. A decision registered before is shown for editing,
 * with Delete.
 */
#define G_LOG_DOMAIN "bos-decision-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-date.h"
#include "bos-decision.h"
#include "bos-decision-dialog.h"
#include "bos-format.h"
#include "bos-municipality-index.h"
#include "bos-requests.h"

struct _BosDecisionDialog
{
  AdwWindow             parent_instance;

  BosStore             *store;
  char                 *plan_id;
  int                   year;
  GArray               *requests;
  GPtrArray            *codes;     /* the drop-down's municipalities, in its order */
  char                 *error;
  gboolean              loading;
  gboolean              exists;

  /* template children */
  AdwWindowTitle       *window_title;
  GtkDropDown          *municipality_dropdown;
  AdwPreferencesGroup  *decision_group;
  GtkSpinButton        *persons_spin;
  GtkSpinButton        *minors_spin;
  AdwEntryRow          *date_row;
  AdwEntryRow          *reference_row;
  AdwEntryRow          *note_row;
  GtkLabel             *error_label;
  GtkWidget            *delete_group;
};

G_DEFINE_FINAL_TYPE (BosDecisionDialog, bos_decision_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *code;
  char *label;
} Choice;

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (((const Choice *) a)->label, ((const Choice *) b)->label);
}

static void
choice_clear (gpointer data)
{
  Choice *choice = data;

  g_free (choice->code);
  g_free (choice->label);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The decision as the fields say, or NULL with @error set */
static BosDecision *
decision_from_fields (BosDecisionDialog  *self,
                      GError            **error)
{
  const char *code = bos_decision_dialog_get_code (self);
  g_autoptr(BosDecision) decision = NULL;
  g_autofree char *date = entry_text (self->date_row);
  g_autofree char *reference = entry_text (self->reference_row);
  g_autofree char *note = entry_text (self->note_row);

  if (code == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Choose the municipality"));
      return NULL;
    }

  decision = bos_decision_new (self->plan_id, self->year, code);
  bos_decision_set_persons (decision, (gint64) gtk_spin_button_get_value (self->persons_spin));
  bos_decision_set_minors (decision, (gint64) gtk_spin_button_get_value (self->minors_spin));
  if (*date != '\0')
    {
      GDate parsed;
      g_autofree char *iso = NULL;

      if (!bos_date_parse (date, &parsed, error))
        {
          g_prefix_error (error, "%s", _("The date: "));
          return NULL;
        }
      iso = bos_date_to_iso (&parsed);
      bos_decision_set_decided_on (decision, iso);
    }
  bos_decision_set_reference (decision, *reference != '\0' ? reference : NULL);
  bos_decision_set_note (decision, *note != '\0' ? note : NULL);
  if (!bos_decision_validate (decision, error))
    return NULL;
  return g_steal_pointer (&decision);
}

static void
validate (BosDecisionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosDecision) decision = decision_from_fields (self, &error);

  g_clear_pointer (&self->error, g_free);
  if (decision == NULL)
    self->error = g_strdup (error->message);
  gtk_label_set_text (self->error_label, self->error ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decision.save", self->error == NULL);
}

static void
values_changed_cb (BosDecisionDialog *self)
{
  if (self->loading)
    return;
  validate (self);
}

/* Shows what @code was asked and its decision registered before, if any. */
static void
load_municipality (BosDecisionDialog *self)
{
  const char *code = bos_decision_dialog_get_code (self);
  const BosRequest *request = NULL;
  g_autoptr(BosDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *today = NULL;
  GDate date;

  if (code != NULL && self->requests != NULL)
    request = bos_requests_lookup (self->requests, code);
  if (request != NULL && request->request > 0)
    {
      g_autofree char *persons = bos_format_count (request->request);
      g_autofree char *minors = bos_format_count (request->minors);

      /* Translators: what a municipality was asked; persons, then minors */
      description = g_strdup_printf (ngettext ("Asked to settle %s, of which %s unaccompanied minor",
                                               "Asked to settle %s, of which %s unaccompanied minors",
                                               (gulong) request->minors),
                                     persons, minors);
    }
  else if (code != NULL)
    description = g_strdup (_("Not asked this year: a decision counts as an offer"));
  adw_preferences_group_set_description (self->decision_group, description);

  if (code != NULL)
    decision = bos_decision_load (self->store, self->year, code, &error);
  self->exists = decision != NULL;
  gtk_widget_set_visible (self->delete_group, self->exists);
  adw_window_title_set_title (self->window_title,
                              self->exists ? _("Edit Decision") : _("Register Decision"));

  bos_date_set_today (&date);
  today = bos_date_to_iso (&date);
  self->loading = TRUE;
  if (decision != NULL)
    {
      gtk_spin_button_set_value (self->persons_spin, (double) bos_decision_get_persons (decision));
      gtk_spin_button_set_value (self->minors_spin, (double) bos_decision_get_minors (decision));
      gtk_editable_set_text (GTK_EDITABLE (self->date_row),
                             bos_decision_get_decided_on (decision) ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->reference_row),
                             bos_decision_get_reference (decision) ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), bos_decision_get_note (decision) ?: "");
    }
  else
    {
      /* Most municipalities decide what they were asked. */
      gtk_spin_button_set_value (self->persons_spin, request ? (double) request->request : 0);
      gtk_spin_button_set_value (self->minors_spin, request ? (double) request->minors : 0);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
      gtk_editable_set_text (GTK_EDITABLE (self->reference_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
    }
  self->loading = FALSE;
  validate (self);
}

static void
municipality_changed_cb (BosDecisionDialog *self)
{
  if (self->codes == NULL)
    return;
  load_municipality (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BosDecisionDialog *self = BOS_DECISION_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(BosDecision) decision = NULL;

  /* A number typed but not yet taken in counts. */
  gtk_spin_button_update (self->persons_spin);
  gtk_spin_button_update (self->minors_spin);
  decision = decision_from_fields (self, &error);
  if (decision == NULL || !bos_decision_save (self->store, decision, NULL, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, bos_decision_get_code (decision));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosDecisionDialog *self = BOS_DECISION_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *code = bos_decision_dialog_get_code (self);

  if (code == NULL || !self->exists)
    return;
  if (!bos_decision_delete (self->store, self->year, code, NULL, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill_municipalities (BosDecisionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = bos_municipality_index_load (self->store, &error);
  g_autoptr(GArray) choices = g_array_new (FALSE, TRUE, sizeof (Choice));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;

  g_array_set_clear_func (choices, choice_clear);
  self->codes = g_ptr_array_new_with_free_func (g_free);
  if (index == NULL)
    {
      g_warning ("Could not read the municipalities: %s", error->message);
      return;
    }
  for (guint i = 0; i < bos_municipality_index_get_n (index); i++)
    {
      const BosMunicipalityInfo *info = bos_municipality_index_get (index, i);
      /* Translators: a municipality in the decision dialog, "Tønsberg (3905)" */
      Choice choice = { g_strdup (info->code), g_strdup_printf (_("%s (%s)"), info->name, info->code) };

      g_array_append_val (choices, choice);
    }
  g_array_sort (choices, compare_choices);
  for (guint i = 0; i < choices->len; i++)
    {
      Choice *choice = &g_array_index (choices, Choice, i);

      gtk_string_list_append (labels, choice->label);
      g_ptr_array_add (self->codes, g_steal_pointer (&choice->code));
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->municipality_dropdown, expression);
  gtk_drop_down_set_model (self->municipality_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->municipality_dropdown, GTK_INVALID_LIST_POSITION);
}

static void
bos_decision_dialog_finalize (GObject *object)
{
  BosDecisionDialog *self = (BosDecisionDialog *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->requests, g_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (bos_decision_dialog_parent_class)->finalize (object);
}

static void
bos_decision_dialog_class_init (BosDecisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bos_decision_dialog_finalize;

  /**
   * BosDecisionDialog::saved:
   * @code: the municipality
   *
   * The decision was stored; the dialog closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-decision-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BosDecisionDialog, name)
  BIND (window_title);
  BIND (municipality_dropdown);
  BIND (decision_group);
  BIND (persons_spin);
  BIND (minors_spin);
  BIND (date_row);
  BIND (reference_row);
  BIND (note_row);
  BIND (error_label);
  BIND (delete_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, values_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, municipality_changed_cb);

  gtk_widget_class_install_action (widget_class, "decision.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "decision.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "decision.save", NULL);
}

static void
bos_decision_dialog_init (BosDecisionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bos_decision_dialog_new:
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
BosDecisionDialog *
bos_decision_dialog_new (GtkWindow  *parent,
                         BosStore   *store,
                         const char *plan_id,
                         int         year,
                         GArray     *requests,
                         const char *code)
{
  BosDecisionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  self = g_object_new (BOS_TYPE_DECISION_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->plan_id = g_strdup (plan_id);
  self->year = year;
  if (requests != NULL)
    self->requests = g_array_ref (requests);
  fill_municipalities (self);
  if (code == NULL || !bos_decision_dialog_set_code (self, code))
    load_municipality (self);
  return self;
}

const char *
bos_decision_dialog_get_code (BosDecisionDialog *self)
{
  guint selected;

  g_return_val_if_fail (BOS_IS_DECISION_DIALOG (self), NULL);

  selected = gtk_drop_down_get_selected (self->municipality_dropdown);
  if (self->codes == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= self->codes->len)
    return NULL;
  return g_ptr_array_index (self->codes, selected);
}

/**
 * bos_decision_dialog_set_code:
 *
 * Chooses the municipality @code and shows its decision, if any.
 *
 * Returns: whether there is such a municipality
 */
gboolean
bos_decision_dialog_set_code (BosDecisionDialog *self,
                              const char        *code)
{
  g_return_val_if_fail (BOS_IS_DECISION_DIALOG (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->codes, i), code))
      {
        if (gtk_drop_down_get_selected (self->municipality_dropdown) == i)
          load_municipality (self);
        else
          gtk_drop_down_set_selected (self->municipality_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
bos_decision_dialog_set_values (BosDecisionDialog *self,
                                gint64             persons,
                                gint64             minors,
                                const char        *date,
                                const char        *reference,
                                const char        *note)
{
  g_return_if_fail (BOS_IS_DECISION_DIALOG (self));

  gtk_spin_button_set_value (self->persons_spin, (double) persons);
  gtk_spin_button_set_value (self->minors_spin, (double) minors);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date ? date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), reference ? reference : "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note ? note : "");
  validate (self);
}

const char *
bos_decision_dialog_get_error (BosDecisionDialog *self)
{
  g_return_val_if_fail (BOS_IS_DECISION_DIALOG (self), NULL);
  return self->error;
}
