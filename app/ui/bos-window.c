/* bos-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header bar with the plan switcher, the area switcher and the main
 * menu; one page per area in a view stack; the municipality detail slides
 * in from the side (a leaflet that never unfolds, with a back button,
 * Alt+Left and swipe). The window remembers its size and the open plan.
 */
#define G_LOG_DOMAIN "bos-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bos-audit-window.h"
#include "bos-calendar-page.h"
#include "bos-conflict-dialog.h"
#include "bos-decisions-page.h"
#include "bos-distribution-page.h"
#include "bos-letters-page.h"
#include "bos-meetings-page.h"
#include "bos-municipality-detail.h"
#include "bos-municipality-page.h"
#include "bos-new-plan-dialog.h"
#include "bos-overview-page.h"
#include "bos-page.h"
#include "bos-sync-controller.h"
#include "bos-sync-preferences.h"
#include "bos-sync-status.h"
#include "bos-window.h"

struct _BosWindow
{
  AdwApplicationWindow  parent_instance;

  BosStore             *store;
  BosPlan              *plan;
  GListStore           *plans;
  GSettings            *settings;
  BosSyncController    *sync_controller;
  GtkWindow            *new_plan_dialog;   /* weak */
  GtkWindow            *audit_window;      /* weak */
  gboolean              updating_plans;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkDropDown          *plan_dropdown;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  BosMunicipalityDetail *detail;
  BosSyncStatus        *sync_status;
  GtkRevealer          *progress_revealer;
  GtkSpinner           *progress_spinner;
  GtkLabel             *progress_label;
  GtkButton            *progress_cancel_button;
};

G_DEFINE_FINAL_TYPE (BosWindow, bos_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The areas of the app, in switcher order. A new area is one line here: a
 * widget type that implements BosPage. */
static const struct
{
  const char *name;
  const char *title;       /* with a mnemonic */
  const char *icon_name;
  GType     (*get_type) (void);
} pages[] = {
  { "overview", N_("_Overview"), "view-grid-symbolic", bos_overview_page_get_type },
  { "municipalities", N_("_Municipalities"), "view-list-symbolic", bos_municipality_page_get_type },
  { "distribution", N_("_Distribution"), "view-paged-symbolic", bos_distribution_page_get_type },
  { "calendar", N_("_Calendar"), "x-office-calendar-symbolic", bos_calendar_page_get_type },
  { "meetings", N_("M_eetings"), "system-users-symbolic", bos_meetings_page_get_type },
  { "letters", N_("_Letters"), "mail-send-symbolic", bos_letters_page_get_type },
  { "decisions", N_("Dec_isions"), "emblem-ok-symbolic", bos_decisions_page_get_type },
};

static void
set_plan (BosWindow *self,
          BosPlan   *plan)
{
  if (!g_set_object (&self->plan, plan))
    return;

  if (plan != NULL && !self->updating_plans)
    g_settings_set_string (self->settings, "last-plan", bos_plan_get_id (plan));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

static gboolean
find_plan (BosWindow  *self,
           const char *plan_id,
           guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plans));

  if (plan_id == NULL || *plan_id == '\0')
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosPlan) plan = g_list_model_get_item (G_LIST_MODEL (self->plans), i);

      if (g_str_equal (bos_plan_get_id (plan), plan_id))
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
reload_plans (BosWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *wanted = NULL;
  guint position = 0;
  guint n;

  plans = bos_plan_list (self->store, &error);
  if (plans == NULL)
    {
      g_warning ("Could not read the plans: %s", error->message);
      return;
    }

  if (self->plan != NULL)
    wanted = g_strdup (bos_plan_get_id (self->plan));
  else
    wanted = g_settings_get_string (self->settings, "last-plan");

  n = g_list_model_get_n_items (plans);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (plans, i));

  self->updating_plans = TRUE;
  g_list_store_splice (self->plans, 0, g_list_model_get_n_items (G_LIST_MODEL (self->plans)),
                       items->pdata, items->len);

  if (n == 0)
    {
      gtk_drop_down_set_selected (self->plan_dropdown, GTK_INVALID_LIST_POSITION);
      set_plan (self, NULL);
    }
  else
    {
      g_autoptr(BosPlan) plan = NULL;

      if (!find_plan (self, wanted, &position))
        position = 0;
      gtk_drop_down_set_selected (self->plan_dropdown, position);
      plan = g_list_model_get_item (G_LIST_MODEL (self->plans), position);
      /* A reloaded plan is a new object with possibly new numbers. */
      set_plan (self, plan);
    }
  self->updating_plans = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->plan_dropdown), n > 0);
}

static void
plan_dropdown_selected_cb (BosWindow *self)
{
  g_autoptr(BosPlan) plan = NULL;
  guint selected;

  if (self->updating_plans)
    return;

  selected = gtk_drop_down_get_selected (self->plan_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION)
    plan = g_list_model_get_item (G_LIST_MODEL (self->plans), selected);
  set_plan (self, plan);
}

static void
store_changed_cb (BosWindow  *self,
                  const char *table,
                  BosStore   *store)
{
  reload_plans (self);
}

static void
leaflet_visible_child_cb (BosWindow *self)
{
  const char *name = adw_leaflet_get_visible_child_name (self->leaflet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", g_strcmp0 (name, "detail") == 0);
}

static void
plan_created_cb (BosWindow *self,
                 BosPlan   *plan)
{
  g_autofree char *title = bos_plan_dup_title (plan);
  g_autofree char *message = NULL;

  /* The store's change signal has reloaded the list already. */
  bos_window_set_plan_id (self, bos_plan_get_id (plan));
  bos_window_show_page (self, "overview");

  /* Translators: %s is a plan's title, e.g. "Plan 2028" */
  message = g_strdup_printf (_("%s created"), title);
  bos_window_show_toast (self, message);
}

static void
show_municipality_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BosWindow *self = BOS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!bos_window_show_municipality (self, g_variant_get_string (parameter, NULL), &error))
    bos_window_show_toast (self, error->message);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BosWindow *self = BOS_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "main");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BosWindow *self = BOS_WINDOW (widget);
  GtkWidget *page = bos_window_get_page (self, "municipalities");

  adw_leaflet_set_visible_child_name (self->leaflet, "main");
  bos_window_show_page (self, "municipalities");
  if (BOS_IS_MUNICIPALITY_PAGE (page))
    bos_municipality_page_focus_search (BOS_MUNICIPALITY_PAGE (page));
}

static gboolean
bos_window_close_request (GtkWindow *window)
{
  BosWindow *self = BOS_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      gtk_window_get_default_size (window, &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  if (self->plan != NULL)
    g_settings_set_string (self->settings, "last-plan", bos_plan_get_id (self->plan));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (bos_window_parent_class)->close_request (window);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  bos_sync_controller_sync (BOS_WINDOW (widget)->sync_controller);
}

static void
sync_preferences_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BosWindow *self = BOS_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (bos_sync_preferences_new (GTK_WINDOW (self), self->sync_controller)));
}

static void
show_audit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  bos_window_show_audit (BOS_WINDOW (widget));
}

static void
show_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BosWindow *self = BOS_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (bos_conflict_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
bos_window_constructed (GObject *object)
{
  BosWindow *self = (BosWindow *) object;

  G_OBJECT_CLASS (bos_window_parent_class)->constructed (object);

  g_assert (BOS_IS_STORE (self->store));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = g_object_new (pages[i].get_type (), "store", self->store, NULL);
      AdwViewStackPage *stack_page;

      g_assert (BOS_IS_PAGE (page));
      stack_page = adw_view_stack_add_titled (self->view_stack, page, pages[i].name,
                                              _(pages[i].title));
      adw_view_stack_page_set_icon_name (stack_page, pages[i].icon_name);
      adw_view_stack_page_set_use_underline (stack_page, TRUE);
      g_object_bind_property (self, "plan", page, "plan", G_BINDING_SYNC_CREATE);
    }

  bos_municipality_detail_set_store (self->detail, self->store);
  g_object_bind_property (self, "plan", bos_municipality_detail_get_audit_view (self->detail), "plan",
                          G_BINDING_SYNC_CREATE);

  /* Sharing: syncs in the background, status in the header bar */
  self->sync_controller = bos_sync_controller_new (self->store, self->settings);
  bos_sync_status_set_controller (self->sync_status, self->sync_controller);

  g_signal_connect_object (self->store, "changed::plan", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload_plans (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
bos_window_dispose (GObject *object)
{
  BosWindow *self = (BosWindow *) object;

  if (self->new_plan_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->new_plan_dialog),
                                  (gpointer *) &self->new_plan_dialog);
  self->new_plan_dialog = NULL;
  g_clear_weak_pointer (&self->audit_window);

  if (self->sync_controller != NULL)
    bos_sync_controller_cancel (self->sync_controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOS_TYPE_WINDOW);
  g_clear_object (&self->sync_controller);

  G_OBJECT_CLASS (bos_window_parent_class)->dispose (object);
}

static void
bos_window_finalize (GObject *object)
{
  BosWindow *self = (BosWindow *) object;

  g_clear_object (&self->plan);
  g_clear_object (&self->plans);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bos_window_parent_class)->finalize (object);
}

static void
bos_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BosWindow *self = BOS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bos_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BosWindow *self = BOS_WINDOW (object);

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
bos_window_class_init (BosWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = bos_window_constructed;
  object_class->dispose = bos_window_dispose;
  object_class->finalize = bos_window_finalize;
  object_class->get_property = bos_window_get_property;
  object_class->set_property = bos_window_set_property;

  window_class->close_request = bos_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The open plan, or NULL when there is none. */
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, BOS_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BOS_TYPE_MUNICIPALITY_DETAIL);
  g_type_ensure (BOS_TYPE_SYNC_STATUS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BosWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, detail);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, sync_status);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, BosWindow, progress_cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, plan_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "win.show-municipality", "s",
                                   show_municipality_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.sync-preferences", NULL, sync_preferences_action);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL, show_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.show-audit", NULL, show_audit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}

static void
bos_window_init (BosWindow *self)
{
  g_autoptr(GtkExpression) title = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->plans = g_list_store_new (BOS_TYPE_PLAN);

  title = gtk_property_expression_new (BOS_TYPE_PLAN, NULL, "title");
  gtk_drop_down_set_expression (self->plan_dropdown, title);
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (self->plans));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);
}

/**
 * bos_window_new:
 *
 * Returns: (transfer none): a new main window on @store
 */
BosWindow *
bos_window_new (BosApplication *application,
                BosStore       *store)
{
  g_return_val_if_fail (BOS_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);

  return g_object_new (BOS_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

BosStore *
bos_window_get_store (BosWindow *self)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * bos_window_get_plan:
 *
 * Returns: (transfer none) (nullable): the open plan
 */
BosPlan *
bos_window_get_plan (BosWindow *self)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);
  return self->plan;
}

/**
 * bos_window_set_plan_id:
 *
 * Opens the plan @plan_id.
 *
 * Returns: whether there is such a plan
 */
gboolean
bos_window_set_plan_id (BosWindow  *self,
                        const char *plan_id)
{
  guint position;

  g_return_val_if_fail (BOS_IS_WINDOW (self), FALSE);

  if (!find_plan (self, plan_id, &position))
    {
      reload_plans (self);
      if (!find_plan (self, plan_id, &position))
        return FALSE;
    }
  gtk_drop_down_set_selected (self->plan_dropdown, position);
  return TRUE;
}

/**
 * bos_window_get_plans:
 *
 * Returns: (transfer none): the plans the switcher lists, newest first
 */
GListModel *
bos_window_get_plans (BosWindow *self)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->plans);
}

/**
 * bos_window_get_plan_switcher:
 *
 * Returns: (transfer none): the plan switcher of the header bar
 */
GtkDropDown *
bos_window_get_plan_switcher (BosWindow *self)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);
  return self->plan_dropdown;
}

/**
 * bos_window_get_page:
 * @name: "overview", "municipalities", …
 *
 * Returns: (transfer none) (nullable): the page of that area
 */
GtkWidget *
bos_window_get_page (BosWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

/**
 * bos_window_show_page:
 *
 * Returns: whether there is a page @name
 */
gboolean
bos_window_show_page (BosWindow  *self,
                      const char *name)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), FALSE);

  if (bos_window_get_page (self, name) == NULL)
    return FALSE;
  adw_leaflet_set_visible_child_name (self->leaflet, "main");
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  return TRUE;
}

/**
 * bos_window_show_municipality:
 * @code: a municipality number of today
 *
 * Opens the detail of a municipality.
 */
gboolean
bos_window_show_municipality (BosWindow   *self,
                              const char  *code,
                              GError     **error)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!bos_municipality_detail_show (self->detail, code, error))
    return FALSE;
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  return TRUE;
}

/**
 * bos_window_get_detail:
 *
 * Returns: (transfer none): the #BosMunicipalityDetail
 */
GtkWidget *
bos_window_get_detail (BosWindow *self)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->detail);
}

/**
 * bos_window_new_plan:
 *
 * Opens the New Plan dialog, or raises it when it is open.
 *
 * Returns: (transfer none): the dialog
 */
GtkWindow *
bos_window_new_plan (BosWindow *self)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);

  if (self->new_plan_dialog == NULL)
    {
      BosNewPlanDialog *dialog = bos_new_plan_dialog_new (GTK_WINDOW (self), self->store);

      g_signal_connect_object (dialog, "plan-created", G_CALLBACK (plan_created_cb), self,
                               G_CONNECT_SWAPPED);
      self->new_plan_dialog = GTK_WINDOW (dialog);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->new_plan_dialog);
    }
  gtk_window_present (self->new_plan_dialog);
  return self->new_plan_dialog;
}

/**
 * bos_window_show_audit:
 *
 * Opens the Change History of the open plan, or raises it when it is open;
 * it follows the plan open here.
 *
 * Returns: (transfer none): the window
 */
GtkWindow *
bos_window_show_audit (BosWindow *self)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);

  if (self->audit_window == NULL)
    {
      BosAuditWindow *window = bos_audit_window_new (GTK_WINDOW (self), self->store);

      g_object_bind_property (self, "plan", window, "plan", G_BINDING_SYNC_CREATE);
      g_set_weak_pointer (&self->audit_window, GTK_WINDOW (window));
    }
  gtk_window_present (self->audit_window);
  return self->audit_window;
}

/**
 * bos_window_add_toast:
 * @toast: (transfer full): the toast; let it time out or the planner close
 *   it, never adw_toast_dismiss() it (see bos_window_show_progress())
 */
void
bos_window_add_toast (BosWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (BOS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
bos_window_show_toast (BosWindow  *self,
                       const char *message)
{
  g_return_if_fail (BOS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * bos_window_show_progress:
 * @message: what is being done, e.g. "Importing “file.csv”…"
 * @cancel_action: (nullable): the action of the Cancel button, or %NULL for
 *   no button
 *
 * Shows work in progress at the bottom of the window until
 * bos_window_hide_progress().
 *
 * Not a toast, on purpose: in libadwaita 1.2 (Debian 12), AdwToastOverlay
 * frees a toast's bookkeeping when its hide animation ends even if its
 * slide-in animation is still running, and that animation's "done" handler
 * then writes into the freed memory (a crash in adw_animation_skip()). A
 * toast dismissed in code a moment after it was added, as a progress toast
 * is when the work is quick, does exactly that. So the app never dismisses
 * a toast itself; toasts only time out or are closed by the planner.
 */
void
bos_window_show_progress (BosWindow  *self,
                          const char *message,
                          const char *cancel_action)
{
  g_return_if_fail (BOS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Disposed: the window is going away. */
  if (self->progress_revealer == NULL)
    return;

  gtk_label_set_text (self->progress_label, message);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->progress_cancel_button), cancel_action);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_cancel_button), cancel_action != NULL);
  gtk_spinner_start (self->progress_spinner);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
}

void
bos_window_hide_progress (BosWindow *self)
{
  g_return_if_fail (BOS_IS_WINDOW (self));

  if (self->progress_revealer == NULL)
    return;

  gtk_spinner_stop (self->progress_spinner);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->progress_cancel_button), NULL);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

/**
 * bos_window_get_progress:
 *
 * Returns: (nullable): the work in progress shown, or %NULL
 */
const char *
bos_window_get_progress (BosWindow *self)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);

  if (self->progress_revealer == NULL || !gtk_revealer_get_reveal_child (self->progress_revealer))
    return NULL;
  return gtk_label_get_text (self->progress_label);
}

/**
 * bos_window_get_sync_controller:
 *
 * Returns: (transfer none): what syncs this window's database
 */
BosSyncController *
bos_window_get_sync_controller (BosWindow *self)
{
  g_return_val_if_fail (BOS_IS_WINDOW (self), NULL);
  return self->sync_controller;
}
