/* bos-criteria-editor.c: the distribution criteria, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every criterion of distribution.md: the factors with their weights (the
 * sum shown, and each weight's share of it, since the method normalises
 * them) and every rule with its default and a line of help. Each change
 * emits "changed" at once; the distribution page recomputes on it. The
 * limits the method sets between rules (leave out below ≤ minimum) are
 * kept by the spin buttons' ranges.
 */
#define G_LOG_DOMAIN "bos-criteria-editor"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bos-criteria-editor.h"

struct _BosCriteriaEditor
{
  GtkWidget       parent_instance;

  BosCriteria     criteria;
  GStrv           indicators;     /* available for the plan year */
  int             year;
  GPtrArray      *weight_buttons; /* GtkSpinButton *, one per factor */
  GPtrArray      *factor_rows;    /* AdwActionRow *, one per factor */
  guint           updating;

  /* template children */
  AdwPreferencesGroup *factors_group;
  GtkLabel       *weights_label;
  GtkListBox     *factors_list;
  GtkBox         *add_factor_box;
  GtkPopover     *add_factor_popover;
  GtkSpinButton  *min_request_spin;
  GtkSpinButton  *drop_below_spin;
  GtkSpinButton  *max_immigrant_share_spin;
  GtkSwitch      *max_immigrant_share_switch;
  GtkSpinButton  *min_population_spin;
  GtkSpinButton  *max_per_1000_spin;
  GtkSwitch      *max_per_1000_switch;
  GtkSpinButton  *largest_n_spin;
  GtkSpinButton  *largest_factor_spin;
  GtkSpinButton  *ema_min_request_spin;
  GtkSpinButton  *ema_drop_below_spin;
};

G_DEFINE_FINAL_TYPE (BosCriteriaEditor, bos_criteria_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * bos_criteria_editor_indicator_title:
 *
 * Returns: how the UI names an indicator: "Population" translated, other
 *   indicators by their name
 */
const char *
bos_criteria_editor_indicator_title (const char *indicator)
{
  if (g_strcmp0 (indicator, BOS_INDICATOR_POPULATION) == 0)
    return _("Population");
  return indicator;
}

static double
weight_sum (const BosCriteria *criteria)
{
  double sum = 0;

  for (guint k = 0; k < criteria->n_factors; k++)
    sum += criteria->factors[k].weight;
  return sum;
}

static void
update_weights (BosCriteriaEditor *self)
{
  double sum = weight_sum (&self->criteria);
  g_autofree char *text = NULL;

  if (sum <= 0)
    {
      text = g_strdup (_("All weights are 0: give at least one factor a weight above 0."));
      gtk_widget_add_css_class (GTK_WIDGET (self->weights_label), "error");
    }
  else
    {
      /* Translators: the sum of the factors' weights, e.g. "1.50" */
      text = g_strdup_printf (_("The need is shared in proportion to a score made of these "
                                "factors. Sum of the weights: %.2f; each counts as its share "
                                "of the sum."), sum);
      gtk_widget_remove_css_class (GTK_WIDGET (self->weights_label), "error");
    }
  gtk_label_set_text (self->weights_label, text);

  for (guint k = 0; k < self->factor_rows->len && k < self->criteria.n_factors; k++)
    {
      const BosFactor *factor = &self->criteria.factors[k];
      g_autofree char *subtitle = NULL;
      double share = sum > 0 ? 100.0 * factor->weight / sum : 0;

      /* Translators: a factor's normalised weight, e.g. "40 % of the score" */
      subtitle = g_strdup_printf (_("%.0f %% of the score"), share);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (g_ptr_array_index (self->factor_rows, k)),
                                   subtitle);
    }
}

static void
emit_changed (BosCriteriaEditor *self)
{
  update_weights (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static guint
widget_factor (GtkWidget *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "bos-factor"));
}

static void
weight_changed_cb (GtkSpinButton     *spin,
                   BosCriteriaEditor *self)
{
  guint k = widget_factor (GTK_WIDGET (spin));

  if (self->updating > 0 || k >= self->criteria.n_factors)
    return;
  self->criteria.factors[k].weight = gtk_spin_button_get_value (spin);
  emit_changed (self);
}

static void
mode_changed_cb (AdwComboRow       *row,
                 GParamSpec        *pspec,
                 BosCriteriaEditor *self)
{
  guint k = widget_factor (GTK_WIDGET (row));

  if (self->updating > 0 || k >= self->criteria.n_factors)
    return;
  self->criteria.factors[k].mode = adw_combo_row_get_selected (row) == 1 ?
    BOS_FACTOR_MODE_POPULATION_SCALED : BOS_FACTOR_MODE_SHARE;
  emit_changed (self);
}

static void rebuild_factors (BosCriteriaEditor *self);

static void
remove_factor_cb (GtkButton         *button,
                  BosCriteriaEditor *self)
{
  guint k = widget_factor (GTK_WIDGET (button));
  BosCriteria copy;

  if (k >= self->criteria.n_factors || self->criteria.n_factors <= 1)
    return;
  bos_criteria_copy (&copy, &self->criteria);
  bos_criteria_clear_factors (&self->criteria);
  for (guint i = 0; i < copy.n_factors; i++)
    if (i != k)
      bos_criteria_add_factor (&self->criteria, copy.factors[i].indicator, copy.factors[i].weight,
                               copy.factors[i].mode);
  bos_criteria_clear (&copy);
  rebuild_factors (self);
  emit_changed (self);
}

static void
rebuild_factors (BosCriteriaEditor *self)
{
  GtkWidget *child;

  self->updating++;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->factors_list))) != NULL)
    gtk_list_box_remove (self->factors_list, child);
  g_ptr_array_set_size (self->weight_buttons, 0);
  g_ptr_array_set_size (self->factor_rows, 0);

  for (guint k = 0; k < self->criteria.n_factors; k++)
    {
      const BosFactor *factor = &self->criteria.factors[k];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 1000, 0.05);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *spin_name = g_strdup_printf ("weight-%u", k);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     bos_criteria_editor_indicator_title (factor->indicator));
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), factor->weight);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_name (spin, spin_name);
      gtk_widget_set_tooltip_text (spin, _("Weight"));
      g_object_set_data (G_OBJECT (spin), "bos-factor", GUINT_TO_POINTER (k));
      g_signal_connect (spin, "value-changed", G_CALLBACK (weight_changed_cb), self);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove the factor"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove the factor"), -1);
      gtk_widget_set_sensitive (remove, self->criteria.n_factors > 1);
      g_object_set_data (G_OBJECT (remove), "bos-factor", GUINT_TO_POINTER (k));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_factor_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_append (self->factors_list, row);

      /* How an indicator counts, on a row of its own under it */
      if (!g_str_equal (factor->indicator, BOS_INDICATOR_POPULATION))
        {
          const char * const modes[] = { _("As given"), _("Times population"), NULL };
          g_autoptr(GtkStringList) model = gtk_string_list_new (modes);
          GtkWidget *mode_row = adw_combo_row_new ();
          g_autofree char *title = NULL;

          /* Translators: %s is an indicator's name */
          title = g_strdup_printf (_("%s counts"), bos_criteria_editor_indicator_title (factor->indicator));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (mode_row), title);
          gtk_widget_set_tooltip_text (mode_row,
                                       _("As given: the values are compared as they are. Times "
                                         "population: each is multiplied by the population first "
                                         "(for rates and shares)."));
          adw_combo_row_set_model (ADW_COMBO_ROW (mode_row), G_LIST_MODEL (model));
          adw_combo_row_set_selected (ADW_COMBO_ROW (mode_row),
                                      factor->mode == BOS_FACTOR_MODE_POPULATION_SCALED ? 1 : 0);
          gtk_widget_add_css_class (mode_row, "factor-mode");
          g_object_set_data (G_OBJECT (mode_row), "bos-factor", GUINT_TO_POINTER (k));
          g_signal_connect (mode_row, "notify::selected", G_CALLBACK (mode_changed_cb), self);
          gtk_list_box_append (self->factors_list, mode_row);
        }
      g_ptr_array_add (self->weight_buttons, spin);
      g_ptr_array_add (self->factor_rows, row);
    }
  self->updating--;
  update_weights (self);
}

static void
add_factor_clicked_cb (GtkButton         *button,
                       BosCriteriaEditor *self)
{
  const char *indicator = g_object_get_data (G_OBJECT (button), "bos-indicator");

  gtk_popover_popdown (self->add_factor_popover);
  bos_criteria_add_factor (&self->criteria, indicator, 1.0,
                           g_str_equal (indicator, BOS_INDICATOR_POPULATION) ?
                           BOS_FACTOR_MODE_SHARE : BOS_FACTOR_MODE_POPULATION_SCALED);
  rebuild_factors (self);
  emit_changed (self);
}

static gboolean
has_factor (BosCriteriaEditor *self,
            const char        *indicator)
{
  for (guint k = 0; k < self->criteria.n_factors; k++)
    if (g_str_equal (self->criteria.factors[k].indicator, indicator))
      return TRUE;
  return FALSE;
}

static void
add_choice (BosCriteriaEditor *self,
            const char        *indicator)
{
  GtkWidget *button = gtk_button_new_with_label (bos_criteria_editor_indicator_title (indicator));

  gtk_widget_add_css_class (button, "flat");
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  g_object_set_data_full (G_OBJECT (button), "bos-indicator", g_strdup (indicator), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (add_factor_clicked_cb), self);
  gtk_box_append (self->add_factor_box, button);
}

static void
add_factor_popover_show_cb (BosCriteriaEditor *self)
{
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->add_factor_box))) != NULL)
    gtk_box_remove (self->add_factor_box, child);

  if (!has_factor (self, BOS_INDICATOR_POPULATION))
    {
      add_choice (self, BOS_INDICATOR_POPULATION);
      n++;
    }
  for (guint i = 0; self->indicators != NULL && self->indicators[i] != NULL; i++)
    if (!has_factor (self, self->indicators[i]))
      {
        add_choice (self, self->indicators[i]);
        n++;
      }
  if (n == 0)
    {
      g_autofree char *text = NULL;
      GtkWidget *label;

      /* Translators: %d is the plan year */
      text = g_strdup_printf (_("No more indicators for %d. Import them with "
                                "“bosetting-cli import indicators FILE --year %d” "
                                "(code,indicator,value)."), self->year, self->year);
      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_box_append (self->add_factor_box, label);
    }
}

static void
rule_changed_cb (BosCriteriaEditor *self)
{
  BosCriteria *c = &self->criteria;

  if (self->updating > 0)
    return;

  self->updating++;
  c->min_request = (gint64) gtk_spin_button_get_value (self->min_request_spin);
  /* drop_below ≤ min_request, ema_drop_below ≤ ema_min_request */
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->drop_below_spin),
                            (double) c->min_request);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->ema_drop_below_spin),
                            gtk_spin_button_get_value (self->ema_min_request_spin));
  c->drop_below = (gint64) gtk_spin_button_get_value (self->drop_below_spin);
  c->max_immigrant_share = gtk_switch_get_active (self->max_immigrant_share_switch) ?
    gtk_spin_button_get_value (self->max_immigrant_share_spin) : NAN;
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_immigrant_share_spin),
                            gtk_switch_get_active (self->max_immigrant_share_switch));
  c->min_population = (gint64) gtk_spin_button_get_value (self->min_population_spin);
  c->max_per_1000 = gtk_switch_get_active (self->max_per_1000_switch) ?
    gtk_spin_button_get_value (self->max_per_1000_spin) : NAN;
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_per_1000_spin),
                            gtk_switch_get_active (self->max_per_1000_switch));
  c->largest_n = (gint64) gtk_spin_button_get_value (self->largest_n_spin);
  c->largest_factor = gtk_spin_button_get_value (self->largest_factor_spin);
  c->ema_min_request = (gint64) gtk_spin_button_get_value (self->ema_min_request_spin);
  c->ema_drop_below = (gint64) gtk_spin_button_get_value (self->ema_drop_below_spin);
  self->updating--;

  emit_changed (self);
}

static void
show_rules (BosCriteriaEditor *self)
{
  const BosCriteria *c = &self->criteria;

  self->updating++;
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->drop_below_spin),
                            MAX ((double) c->min_request, 0));
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->ema_drop_below_spin),
                            MAX ((double) c->ema_min_request, 0));
  gtk_spin_button_set_value (self->min_request_spin, (double) c->min_request);
  gtk_spin_button_set_value (self->drop_below_spin, (double) c->drop_below);
  gtk_switch_set_active (self->max_immigrant_share_switch, !isnan (c->max_immigrant_share));
  gtk_spin_button_set_value (self->max_immigrant_share_spin,
                             isnan (c->max_immigrant_share) ? 30.0 : c->max_immigrant_share);
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_immigrant_share_spin),
                            !isnan (c->max_immigrant_share));
  gtk_spin_button_set_value (self->min_population_spin, (double) c->min_population);
  gtk_switch_set_active (self->max_per_1000_switch, !isnan (c->max_per_1000));
  gtk_spin_button_set_value (self->max_per_1000_spin,
                             isnan (c->max_per_1000) ? 10.0 : c->max_per_1000);
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_per_1000_spin), !isnan (c->max_per_1000));
  gtk_spin_button_set_value (self->largest_n_spin, (double) c->largest_n);
  gtk_spin_button_set_value (self->largest_factor_spin, c->largest_factor);
  gtk_spin_button_set_value (self->ema_min_request_spin, (double) c->ema_min_request);
  gtk_spin_button_set_value (self->ema_drop_below_spin, (double) c->ema_drop_below);
  self->updating--;
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BosCriteriaEditor *self = BOS_CRITERIA_EDITOR (widget);
  BosCriteria defaults;

  bos_criteria_init (&defaults);
  bos_criteria_editor_set_criteria (self, &defaults);
  bos_criteria_clear (&defaults);
  emit_changed (self);
}

static void
bos_criteria_editor_dispose (GObject *object)
{
  BosCriteriaEditor *self = (BosCriteriaEditor *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BOS_TYPE_CRITERIA_EDITOR);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (bos_criteria_editor_parent_class)->dispose (object);
}

static void
bos_criteria_editor_finalize (GObject *object)
{
  BosCriteriaEditor *self = (BosCriteriaEditor *) object;

  bos_criteria_clear (&self->criteria);
  g_strfreev (self->indicators);
  g_ptr_array_unref (self->weight_buttons);
  g_ptr_array_unref (self->factor_rows);

  G_OBJECT_CLASS (bos_criteria_editor_parent_class)->finalize (object);
}

static void
bos_criteria_editor_class_init (BosCriteriaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bos_criteria_editor_dispose;
  object_class->finalize = bos_criteria_editor_finalize;

  /**
   * BosCriteriaEditor::changed:
   *
   * The planner changed a criterion; bos_criteria_editor_get_criteria()
   * has the new criteria.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-criteria-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BosCriteriaEditor, name)
  BIND (factors_group);
  BIND (weights_label);
  BIND (factors_list);
  BIND (add_factor_box);
  BIND (add_factor_popover);
  BIND (min_request_spin);
  BIND (drop_below_spin);
  BIND (max_immigrant_share_spin);
  BIND (max_immigrant_share_switch);
  BIND (min_population_spin);
  BIND (max_per_1000_spin);
  BIND (max_per_1000_switch);
  BIND (largest_n_spin);
  BIND (largest_factor_spin);
  BIND (ema_min_request_spin);
  BIND (ema_drop_below_spin);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, rule_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_factor_popover_show_cb);
  gtk_widget_class_install_action (widget_class, "criteria.reset", NULL, reset_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "criteriaeditor");
}

static void
bos_criteria_editor_init (BosCriteriaEditor *self)
{
  self->weight_buttons = g_ptr_array_new ();
  self->factor_rows = g_ptr_array_new ();
  bos_criteria_init (&self->criteria);
  gtk_widget_init_template (GTK_WIDGET (self));
  rebuild_factors (self);
  show_rules (self);
}

GtkWidget *
bos_criteria_editor_new (void)
{
  return g_object_new (BOS_TYPE_CRITERIA_EDITOR, NULL);
}

/**
 * bos_criteria_editor_set_criteria:
 *
 * Shows @criteria (without emitting "changed").
 */
void
bos_criteria_editor_set_criteria (BosCriteriaEditor *self,
                                  const BosCriteria *criteria)
{
  g_return_if_fail (BOS_IS_CRITERIA_EDITOR (self));
  g_return_if_fail (criteria != NULL);

  if (&self->criteria != criteria)
    {
      bos_criteria_clear (&self->criteria);
      bos_criteria_copy (&self->criteria, criteria);
    }
  rebuild_factors (self);
  show_rules (self);
}

const BosCriteria *
bos_criteria_editor_get_criteria (BosCriteriaEditor *self)
{
  g_return_val_if_fail (BOS_IS_CRITERIA_EDITOR (self), NULL);
  return &self->criteria;
}

/**
 * bos_criteria_editor_set_indicators:
 * @names: (nullable): the indicators with values for the plan year
 * @year: the plan year, for the hint on importing indicators
 */
void
bos_criteria_editor_set_indicators (BosCriteriaEditor  *self,
                                    const char * const *names,
                                    int                 year)
{
  g_return_if_fail (BOS_IS_CRITERIA_EDITOR (self));

  g_strfreev (self->indicators);
  self->indicators = g_strdupv ((char **) names);
  self->year = year;
}

/**
 * bos_criteria_editor_get_weight_button:
 *
 * Returns: (transfer none) (nullable): factor @k's weight
 */
GtkSpinButton *
bos_criteria_editor_get_weight_button (BosCriteriaEditor *self,
                                       guint              k)
{
  g_return_val_if_fail (BOS_IS_CRITERIA_EDITOR (self), NULL);

  if (k >= self->weight_buttons->len)
    return NULL;
  return g_ptr_array_index (self->weight_buttons, k);
}
