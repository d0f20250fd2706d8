/* bos-distribution-row.c: one county's or municipality's line of a
 * distribution table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of a distribution table stay the same objects while the
 * numbers change: each run writes the new numbers into them and emits
 * "changed", and the tables refresh the cells shown (bos_table_live_column_new()).
 */
#define G_LOG_DOMAIN "bos-distribution-row"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bos-distribution-row.h"

G_DEFINE_FINAL_TYPE (BosDistributionRow, bos_distribution_row, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bos_distribution_row_finalize (GObject *object)
{
  BosDistributionRow *self = (BosDistributionRow *) object;

  g_free (self->code);
  g_free (self->name);
  g_free (self->county);
  g_free (self->collate_key);
  g_free (self->reason);
  g_free (self->lock_note);

  G_OBJECT_CLASS (bos_distribution_row_parent_class)->finalize (object);
}

static void
bos_distribution_row_class_init (BosDistributionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bos_distribution_row_finalize;

  /**
   * BosDistributionRow::changed:
   *
   * The numbers of the row changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bos_distribution_row_init (BosDistributionRow *self)
{
  self->quota = NAN;
  self->request = -1;
  self->last_request = -1;
  self->last_request_total = (BosHistoryTotal) BOS_HISTORY_TOTAL_INIT;
  self->last_decision_total = (BosHistoryTotal) BOS_HISTORY_TOTAL_INIT;
  self->other_request = -1;
  self->other_ema_request = -1;
}

BosDistributionRow *
bos_distribution_row_new (const char *code,
                          const char *name,
                          const char *county)
{
  BosDistributionRow *self = g_object_new (BOS_TYPE_DISTRIBUTION_ROW, NULL);

  self->code = g_strdup (code);
  self->name = g_strdup (name ? name : code);
  self->county = g_strdup (county);
  self->collate_key = g_utf8_collate_key (self->name, -1);
  return self;
}

void
bos_distribution_row_changed (BosDistributionRow *self)
{
  g_return_if_fail (BOS_IS_DISTRIBUTION_ROW (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
bos_distribution_row_constraint_text (BosConstraint constraint)
{
  switch (constraint)
    {
    case BOS_CONSTRAINT_EXCLUDED_MANUAL:
      return _("Excluded by hand");
    case BOS_CONSTRAINT_EXCLUDED_IMMIGRANT_SHARE:
      return _("Excluded: immigrant share too high");
    case BOS_CONSTRAINT_EXCLUDED_POPULATION:
      return _("Excluded: population too small");
    case BOS_CONSTRAINT_LOCKED:
      return _("Locked");
    case BOS_CONSTRAINT_NOTHING_LEFT:
      return _("Nothing left after the locks");
    case BOS_CONSTRAINT_ZERO_SCORE:
      return _("Score 0");
    case BOS_CONSTRAINT_CAP_BELOW_MIN:
      return _("Cap below the minimum");
    case BOS_CONSTRAINT_BELOW_DROP:
      return _("Share too small: not asked");
    case BOS_CONSTRAINT_NO_ROOM:
      return _("No room for the minimum");
    case BOS_CONSTRAINT_AT_MIN:
      return _("Raised to the minimum");
    case BOS_CONSTRAINT_AT_CAP:
      return _("Held at its cap");
    case BOS_CONSTRAINT_PROPORTIONAL:
      return _("Proportional");
    case BOS_CONSTRAINT_NOT_EMA_CAPABLE:
      return _("Not for minors");
    case BOS_CONSTRAINT_NO_REQUEST:
      return _("No request");
    case BOS_CONSTRAINT_NONE:
    default:
      return "";
    }
}
