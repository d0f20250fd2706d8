/* bos-distribution-help.c: how the distribution works, in short
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The method of distribution.md in plain words, opened from the
 * distribution page's help button. This is the place the in-app
 * explanation of the method (issue 7) grows from.
 */
#define G_LOG_DOMAIN "bos-distribution-help"

#include "config.h"

#include "bos-distribution-help.h"

struct _BosDistributionHelp
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (BosDistributionHelp, bos_distribution_help, ADW_TYPE_WINDOW)

static void
bos_distribution_help_class_init (BosDistributionHelpClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bosetting/Bosetting/ui/bos-distribution-help.ui");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bos_distribution_help_init (BosDistributionHelp *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bos_distribution_help_new:
 *
 * Returns: (transfer none): a new window (it owns itself)
 */
GtkWindow *
bos_distribution_help_new (GtkWindow *parent)
{
  return g_object_new (BOS_TYPE_DISTRIBUTION_HELP, "transient-for", parent, NULL);
}
