/* bos-audit-view.c: the audit of a plan's numbers, as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shared, immutable audit entries (bos_audit_list()) of a plan, newest
 * first: when, who, which municipality, what changed in words ("Locked
 * request in “Default”"), old → new and why. For one municipality (the
 * municipality detail) or for the whole plan with a municipality filter
 * (the Change History window). It reloads when the database changes,
 * also when a sync brought other planners' entries; while it is not shown
 * it only notes that it is out of date.
 */
#define G_LOG_DOMAIN "bos-audit-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bos-audit.h"
#include "bos-audit-view.h"
#include "bos-format.h"
#include "bos-municipality-index.h"
#include "bos-plan-scenario.h"
#include "bos-sync-registry.h"
#include "bos-table.h"

struct _BosAuditView
{
  GtkWidget             parent_instance;

  BosStore             *store;
  BosPlan              *plan;
  char                 *code;            /* one municipality only, or NULL */
  char                 *filter_code;     /* the filter's municipality, or NULL */
  gboolean              scrolls;
  gboolean              stale;
  gboolean              updating_filter;
  GListStore           *entries;         /* BosAuditEntry, newest first */
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  GPtrArray            *filter_codes;    /* the dropdown's municipalities after "All" */
  GHashTable           *scenario_names;  /* scenario id → name, per reload */
  BosMunicipalityIndex *index;
  GtkColumnViewColumn  *municipality_column;  /* owned: not shown for one municipality */

  /* template children */
  GtkBox               *filter_box;
  GtkDropDown          *municipality_dropdown;
  GtkLabel             *count_label;
  GtkStack             *stack;
  GtkScrolledWindow    *scrolled_window;
  GtkColumnView        *column_view;
};

G_DEFINE_FINAL_TYPE (BosAuditView, bos_audit_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  PROP_CODE,
  PROP_SCROLLS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The numbers the audit has, in words */
static const struct
{
  const char *table;
  const char *field;
  const char *words;
} field_words[] = {
  { "scenario_municipality", "locked", N_("Locked request") },
  { "scenario_municipality", "cap", N_("At most") },
  { "scenario_municipality", "excluded", N_("Excluded") },
  { "scenario_municipality", "included", N_("Included by hand") },
  { "scenario_municipality", "ema_capable", N_("Can settle unaccompanied minors") },
  { "scenario_municipality", "adjustment", N_("Adjustment") },
  { "plan", "need", N_("Settlement need") },
  { "plan", "minors", N_("Unaccompanied minors in the need") },
  { "plan", "resettlement", N_("Resettlement refugees in the need") },
  { "plan", "chosen_scenario", N_("Chosen scenario") },
  { "decision", "persons", N_("Decision") },
  { "decision", "minors", N_("Decision on unaccompanied minors") },
  { "meeting_municipality", "agreed", N_("Agreed in a meeting") },
};

static const char *
entry_table (BosAuditEntry *entry)
{
  const BosSyncTable *table = bos_sync_registry_for_id (bos_audit_entry_get_record_id (entry));

  return table != NULL ? table->table : NULL;
}

static const char *
scenario_name (BosAuditView *self,
               const char   *scenario_id)
{
  g_autoptr(BosPlanScenario) scenario = NULL;
  char *name;

  if (g_hash_table_lookup_extended (self->scenario_names, scenario_id, NULL, (gpointer *) &name))
    return name;

  scenario = self->store != NULL ? bos_plan_scenario_load (self->store, scenario_id, NULL) : NULL;
  name = scenario != NULL ? bos_plan_scenario_dup_display_name (scenario) : NULL;
  /* A deleted scenario has no name any more: NULL, remembered as such */
  g_hash_table_insert (self->scenario_names, g_strdup (scenario_id), name);
  return name;
}

/* "scenario_municipality:2027:national:default:0301" → "scenario:2027:national:default" */
static char *
override_scenario_id (const char *record_id,
                      const char *code)
{
  const char *rest = strchr (record_id, ':');
  const char *end;
  g_autofree char *scenario = NULL;

  if (rest == NULL)
    return NULL;
  rest++;
  end = strrchr (rest, ':');
  if (end == NULL || (code != NULL && !g_str_equal (end + 1, code)))
    return NULL;
  scenario = g_strndup (rest, end - rest);
  return g_strconcat ("scenario:", scenario, NULL);
}

static char *
format_value (BosAuditView *self,
              const char   *field,
              const char   *value)
{
  gint64 number;

  if (value == NULL || *value == '\0')
    return g_strdup ("–");
  if (g_str_equal (field, "excluded") || g_str_equal (field, "included") ||
      g_str_equal (field, "ema_capable"))
    return g_strdup (g_str_equal (value, "0") ? _("No") : _("Yes"));
  if (g_str_equal (field, "adjustment"))
    return g_strdup_printf ("%.2f", g_ascii_strtod (value, NULL));
  if (g_str_equal (field, "chosen_scenario"))
    {
      const char *name = scenario_name (self, value);

      return g_strdup (name != NULL ? name : value);
    }
  if (g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return bos_format_count (number);
  return g_strdup (value);
}

static const char *
municipality_name (BosAuditView *self,
                   const char   *code)
{
  const BosMunicipalityInfo *info;

  if (code == NULL)
    return NULL;
  info = self->index != NULL ? bos_municipality_index_lookup (self->index, code) : NULL;
  return info != NULL ? info->name : code;
}

/* Columns */

static char *
when_text (gpointer   item,
           gpointer   data,
           char     **tooltip)
{
  const char *when = bos_audit_entry_get_when (item);
  g_autoptr(GDateTime) utc = when != NULL ? g_date_time_new_from_iso8601 (when, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (when != NULL ? when : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
who_text (gpointer   item,
          gpointer   data,
          char     **tooltip)
{
  const char *author = bos_audit_entry_get_author (item);

  return g_strdup (author != NULL && *author != '\0' ? author : _("Unknown"));
}

static char *
municipality_text (gpointer   item,
                   gpointer   data,
                   char     **tooltip)
{
  const char *code = bos_audit_entry_get_code (item);

  if (code == NULL)
    return g_strdup (_("The whole plan"));
  if (tooltip != NULL)
    /* Translators: a municipality's number, in a tooltip */
    *tooltip = g_strdup_printf (_("Municipality %s"), code);
  return g_strdup (municipality_name (data, code));
}

static char *
what_text (gpointer   item,
           gpointer   data,
           char     **tooltip)
{
  return bos_audit_view_dup_what (data, item);
}

static char *
change_text (gpointer   item,
             gpointer   data,
             char     **tooltip)
{
  return bos_audit_view_dup_change (data, item);
}

static char *
why_text (gpointer   item,
          gpointer   data,
          char     **tooltip)
{
  const char *why = bos_audit_entry_get_why (item);

  if (why == NULL || *why == '\0')
    return g_strdup ("");
  if (tooltip != NULL)
    *tooltip = g_strdup (why);
  return g_strdup (why);
}

static void
build_columns (BosAuditView *self)
{
  GtkColumnViewColumn *column;

  column = bos_table_column_new (_("When"), BOS_TABLE_CODE, 140, when_text, NULL, self);
  bos_table_append_column (self->column_view, column);
  column = bos_table_column_new (_("Who"), BOS_TABLE_TEXT, 140, who_text, NULL, self);
  bos_table_append_column (self->column_view, column);
  self->municipality_column = bos_table_column_new (_("Municipality"), BOS_TABLE_TEXT, 130,
                                                    municipality_text, NULL, self);
  bos_table_append_column (self->column_view, g_object_ref (self->municipality_column));
  column = bos_table_column_new (_("What"), BOS_TABLE_TEXT, -1, what_text, NULL, self);
  gtk_column_view_column_set_expand (column, TRUE);
  bos_table_append_column (self->column_view, column);
  column = bos_table_column_new (_("Change"), BOS_TABLE_NUMBER, 130, change_text, NULL, self);
  bos_table_append_column (self->column_view, column);
  column = bos_table_column_new (_("Why"), BOS_TABLE_TEXT, -1, why_text, NULL, self);
  gtk_column_view_column_set_expand (column, TRUE);
  bos_table_append_column (self->column_view, column);
}

/* Filtering by municipality */

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  BosAuditView *self = data;

  return self->filter_code == NULL || g_strcmp0 (bos_audit_entry_get_code (item), self->filter_code) == 0;
}

static int
compare_codes_by_name (gconstpointer a,
                       gconstpointer b,
                       gpointer      data)
{
  BosAuditView *self = data;
  const char *code_a = *(const char * const *) a;
  const char *code_b = *(const char * const *) b;

  return g_utf8_collate (municipality_name (self, code_a), municipality_name (self, code_b));
}

static void
update_state (BosAuditView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *count = g_strdup_printf (ngettext ("%u change", "%u changes", n), n);

  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "entries" : "empty");
}

static void
apply_filter (BosAuditView *self,
              const char   *code)
{
  if (g_strcmp0 (self->filter_code, code) == 0)
    return;
  g_free (self->filter_code);
  self->filter_code = g_strdup (code);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* The dropdown offers the municipalities that have entries, by name. */
static void
update_filter_choices (BosAuditView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint selected = 0;

  g_ptr_array_set_size (self->filter_codes, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      const char *code = bos_audit_entry_get_code (entry);

      if (code != NULL && g_hash_table_add (seen, (gpointer) code))
        g_ptr_array_add (self->filter_codes, g_strdup (code));
    }
  /* The filter's municipality stays offered even without entries now. */
  if (self->filter_code != NULL && !g_hash_table_contains (seen, self->filter_code))
    g_ptr_array_add (self->filter_codes, g_strdup (self->filter_code));
  g_ptr_array_sort_with_data (self->filter_codes, compare_codes_by_name, self);

  gtk_string_list_append (names, _("All municipalities"));
  for (guint i = 0; i < self->filter_codes->len; i++)
    {
      const char *code = g_ptr_array_index (self->filter_codes, i);

      gtk_string_list_append (names, municipality_name (self, code));
      if (g_strcmp0 (code, self->filter_code) == 0)
        selected = i + 1;
    }

  self->updating_filter = TRUE;
  gtk_drop_down_set_model (self->municipality_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->municipality_dropdown, selected);
  self->updating_filter = FALSE;
}

static void
municipality_selected_cb (BosAuditView *self)
{
  guint selected = gtk_drop_down_get_selected (self->municipality_dropdown);

  if (self->updating_filter)
    return;
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->filter_codes->len)
    apply_filter (self, NULL);
  else
    apply_filter (self, g_ptr_array_index (self->filter_codes, selected - 1));
}

static void
store_changed_cb (BosAuditView *self,
                  const char   *table,
                  BosStore     *store)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    bos_audit_view_reload (self);
  else
    self->stale = TRUE;
}

/* Embedded in a page that scrolls itself, the table is as tall as its
 * rows; in a window of its own, it scrolls. */
static void
update_scrolling (BosAuditView *self)
{
  gtk_scrolled_window_set_policy (self->scrolled_window, GTK_POLICY_AUTOMATIC,
                                  self->scrolls ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (self->scrolled_window, !self->scrolls);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled_window), self->scrolls);
}

static void
set_scrolls (BosAuditView *self,
             gboolean      scrolls)
{
  if (self->scrolls == !!scrolls)
    return;
  self->scrolls = !!scrolls;
  update_scrolling (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCROLLS]);
}

/* Overrides */

static void
bos_audit_view_map (GtkWidget *widget)
{
  BosAuditView *self = BOS_AUDIT_VIEW (widget);

  GTK_WIDGET_CLASS (bos_audit_view_parent_class)->map (widget);

  if (self->stale)
    bos_audit_view_reload (self);
}

static void
bos_audit_view_dispose (GObject *object)
{
  BosAuditView *self = (BosAuditView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BOS_TYPE_AUDIT_VIEW);

  G_OBJECT_CLASS (bos_audit_view_parent_class)->dispose (object);
}

static void
bos_audit_view_finalize (GObject *object)
{
  BosAuditView *self = (BosAuditView *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->entries);
  g_clear_object (&self->filter);
  g_clear_object (&self->filtered);
  g_clear_object (&self->municipality_column);
  g_clear_pointer (&self->filter_codes, g_ptr_array_unref);
  g_clear_pointer (&self->scenario_names, g_hash_table_unref);
  g_clear_pointer (&self->index, bos_municipality_index_free);
  g_free (self->code);
  g_free (self->filter_code);

  G_OBJECT_CLASS (bos_audit_view_parent_class)->finalize (object);
}

static void
bos_audit_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BosAuditView *self = BOS_AUDIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_SCROLLS:
      g_value_set_boolean (value, self->scrolls);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_audit_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BosAuditView *self = BOS_AUDIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bos_audit_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_PLAN:
      bos_audit_view_set_plan (self, g_value_get_object (value));
      break;
    case PROP_CODE:
      bos_audit_view_set_code (self, g_value_get_string (value));
      break;
    case PROP_SCROLLS:
      set_scrolls (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_audit_view_class_init (BosAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bos_audit_view_dispose;
  object_class->finalize = bos_audit_view_finalize;
  object_class->get_property = bos_audit_view_get_property;
  object_class->set_property = bos_audit_view_set_property;

  widget_class->map = bos_audit_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The plan whose entries are shown, or NULL for none. */
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, BOS_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Only this municipality's entries, without the filter; NULL for all. */
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the table scrolls (in a window of its own) or is as tall as
   * its rows (in a page that scrolls). */
  properties[PROP_SCROLLS] =
    g_param_spec_boolean ("scrolls", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BosAuditView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, BosAuditView, municipality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BosAuditView, count_label);
  gtk_widget_class_bind_template_child (widget_class, BosAuditView, stack);
  gtk_widget_class_bind_template_child (widget_class, BosAuditView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, BosAuditView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, municipality_selected_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "auditview");
}

static void
bos_audit_view_init (BosAuditView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  g_autoptr(GtkExpression) name = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (BOS_TYPE_AUDIT_ENTRY);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->filter_codes = g_ptr_array_new_with_free_func (g_free);
  self->scenario_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  build_columns (self);

  name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->municipality_dropdown, name);

  update_scrolling (self);
  update_filter_choices (self);
  update_state (self);
}

/* Public API */

void
bos_audit_view_set_store (BosAuditView *self,
                          BosStore     *store)
{
  g_return_if_fail (BOS_IS_AUDIT_VIEW (self));
  g_return_if_fail (store == NULL || BOS_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->index, bos_municipality_index_free);
  if (store != NULL)
    {
      self->index = bos_municipality_index_load (store, NULL);
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  bos_audit_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
bos_audit_view_set_plan (BosAuditView *self,
                         BosPlan      *plan)
{
  g_return_if_fail (BOS_IS_AUDIT_VIEW (self));
  g_return_if_fail (plan == NULL || BOS_IS_PLAN (plan));

  if (!g_set_object (&self->plan, plan))
    return;
  bos_audit_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * bos_audit_view_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan whose entries are shown
 */
BosPlan *
bos_audit_view_get_plan (BosAuditView *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_VIEW (self), NULL);
  return self->plan;
}

/**
 * bos_audit_view_set_code:
 * @code: (nullable): a municipality, or %NULL for all of the plan's
 *
 * Shows only @code's entries, without the municipality filter and column.
 */
void
bos_audit_view_set_code (BosAuditView *self,
                         const char   *code)
{
  g_return_if_fail (BOS_IS_AUDIT_VIEW (self));

  if (g_strcmp0 (self->code, code) == 0)
    return;
  g_free (self->code);
  self->code = g_strdup (code);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_box), code == NULL);
  /* Removed rather than hidden: GTK 4.8 keeps a hidden column's width. */
  if (code != NULL && gtk_column_view_column_get_column_view (self->municipality_column) != NULL)
    gtk_column_view_remove_column (self->column_view, self->municipality_column);
  else if (code == NULL && gtk_column_view_column_get_column_view (self->municipality_column) == NULL)
    gtk_column_view_insert_column (self->column_view, 2, self->municipality_column);
  apply_filter (self, NULL);
  bos_audit_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
bos_audit_view_get_code (BosAuditView *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_VIEW (self), NULL);
  return self->code;
}

/**
 * bos_audit_view_set_filter_code:
 * @code: (nullable): a municipality, or %NULL for all
 *
 * Filters the plan's entries by municipality, as the dropdown does.
 *
 * Returns: whether @code is offered (has entries), or %NULL was given
 */
gboolean
bos_audit_view_set_filter_code (BosAuditView *self,
                                const char   *code)
{
  g_return_val_if_fail (BOS_IS_AUDIT_VIEW (self), FALSE);

  if (code == NULL)
    {
      gtk_drop_down_set_selected (self->municipality_dropdown, 0);
      return TRUE;
    }
  for (guint i = 0; i < self->filter_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->filter_codes, i), code))
      {
        gtk_drop_down_set_selected (self->municipality_dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}

/**
 * bos_audit_view_reload:
 *
 * Reads the entries again (the view does so itself when the database
 * changes).
 */
void
bos_audit_view_reload (BosAuditView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (BOS_IS_AUDIT_VIEW (self));

  self->stale = FALSE;
  g_hash_table_remove_all (self->scenario_names);
  if (self->store != NULL && self->plan != NULL)
    {
      entries = bos_audit_list (self->store, bos_plan_get_id (self->plan), self->code, NULL, &error);
      if (entries == NULL)
        g_warning ("Could not read the audit of %s: %s", bos_plan_get_id (self->plan), error->message);
    }
  for (guint i = 0; entries != NULL && i < g_list_model_get_n_items (entries); i++)
    g_ptr_array_add (items, g_list_model_get_item (entries, i));

  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       items->pdata, items->len);
  update_filter_choices (self);
  update_state (self);
}

/**
 * bos_audit_view_get_entries:
 *
 * Returns: (transfer none): the #BosAuditEntry shown, newest first
 */
GListModel *
bos_audit_view_get_entries (BosAuditView *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_VIEW (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

/**
 * bos_audit_view_get_column_view:
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
bos_audit_view_get_column_view (BosAuditView *self)
{
  g_return_val_if_fail (BOS_IS_AUDIT_VIEW (self), NULL);
  return self->column_view;
}

/**
 * bos_audit_view_dup_what:
 *
 * Returns: (transfer full): what @entry changed, in words, e.g. "Locked
 *   request in “Default”"
 */
char *
bos_audit_view_dup_what (BosAuditView  *self,
                         BosAuditEntry *entry)
{
  const char *table = entry_table (entry);
  const char *field = bos_audit_entry_get_field (entry);
  const char *words = NULL;

  g_return_val_if_fail (BOS_IS_AUDIT_VIEW (self), NULL);
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (entry), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_words); i++)
    if (g_strcmp0 (field_words[i].table, table) == 0 && g_strcmp0 (field_words[i].field, field) == 0)
      words = _(field_words[i].words);
  if (words == NULL)
    /* A number this version has no words for: "record type: field" */
    return g_strdup_printf ("%s: %s", table != NULL ? table : bos_audit_entry_get_record_id (entry),
                            field);

  if (g_strcmp0 (table, "scenario_municipality") == 0)
    {
      g_autofree char *scenario_id = override_scenario_id (bos_audit_entry_get_record_id (entry),
                                                           bos_audit_entry_get_code (entry));
      const char *name = scenario_id != NULL ? scenario_name (self, scenario_id) : NULL;

      if (name != NULL)
        /* Translators: what changed in a scenario, e.g. "Locked request in “Default”" */
        return g_strdup_printf (_("%s in “%s”"), words, name);
    }
  return g_strdup (words);
}

/**
 * bos_audit_view_dup_change:
 *
 * Returns: (transfer full): @entry's old and new value, e.g. "– → 120"
 */
char *
bos_audit_view_dup_change (BosAuditView  *self,
                           BosAuditEntry *entry)
{
  const char *field;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  g_return_val_if_fail (BOS_IS_AUDIT_VIEW (self), NULL);
  g_return_val_if_fail (BOS_IS_AUDIT_ENTRY (entry), NULL);

  field = bos_audit_entry_get_field (entry);
  old_value = format_value (self, field, bos_audit_entry_get_old_value (entry));
  new_value = format_value (self, field, bos_audit_entry_get_new_value (entry));
  return g_strdup_printf ("%s → %s", old_value, new_value);
}
