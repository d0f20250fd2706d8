/* bos-coverage-item.c: a row of the decisions page: a county or a municipality
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the decisions tables show of a county or a municipality: requested
 * and decided (bos-coverage.h), the state of its answer, and the forecast
 * of its decisions once that has run. Items are updated in place, with a
 * "changed" signal for the tables' live columns, so the forecast arriving
 * from its thread fills the cells without the tables losing their place.
 */
#define G_LOG_DOMAIN "bos-coverage-item"

#include "config.h"

#include <math.h>

#include "bos-coverage-item.h"

struct _BosCoverageItem
{
  GObject          parent_instance;

  gboolean         is_county;
  char            *code;
  char            *name;
  char            *county_name;

  gint64           request;
  gint64           request_minors;
  gint64           decided;
  gint64           decided_minors;
  gboolean         has_decision;
  BosAnswerStatus  status;
  char            *decided_on;
  guint            n_requested;
  guint            n_decided;
  guint            n_outstanding;
  guint            n_overdue;

  double           expected;
  gint64           p10;
  gint64           p90;
  double           shortfall;
  double           p_cover;
};

G_DEFINE_FINAL_TYPE (BosCoverageItem, bos_coverage_item, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (BosCoverageItem *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
bos_coverage_item_finalize (GObject *object)
{
  BosCoverageItem *self = (BosCoverageItem *) object;

  g_free (self->code);
  g_free (self->name);
  g_free (self->county_name);
  g_free (self->decided_on);

  G_OBJECT_CLASS (bos_coverage_item_parent_class)->finalize (object);
}

static void
bos_coverage_item_class_init (BosCoverageItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bos_coverage_item_finalize;

  /* The figures or the forecast changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bos_coverage_item_init (BosCoverageItem *self)
{
  self->status = BOS_ANSWER_NOT_REQUESTED;
  self->expected = NAN;
  self->p10 = -1;
  self->p90 = -1;
  self->shortfall = NAN;
  self->p_cover = NAN;
}

/**
 * bos_coverage_item_new:
 * @is_county: a county's totals, else a municipality
 * @code: the municipality's or the county's number
 * @county_name: (nullable): a municipality's county
 */
BosCoverageItem *
bos_coverage_item_new (gboolean    is_county,
                       const char *code,
                       const char *name,
                       const char *county_name)
{
  BosCoverageItem *self;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (BOS_TYPE_COVERAGE_ITEM, NULL);
  self->is_county = is_county;
  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->county_name = g_strdup (county_name ? county_name : "");
  return self;
}

gboolean
bos_coverage_item_get_is_county (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), FALSE);
  return self->is_county;
}

const char *
bos_coverage_item_get_code (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), NULL);
  return self->code;
}

const char *
bos_coverage_item_get_name (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), NULL);
  return self->name;
}

const char *
bos_coverage_item_get_county_name (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), NULL);
  return self->county_name;
}

gint64
bos_coverage_item_get_request (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), 0);
  return self->request;
}

gint64
bos_coverage_item_get_request_minors (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), 0);
  return self->request_minors;
}

gint64
bos_coverage_item_get_decided (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), 0);
  return self->decided;
}

gint64
bos_coverage_item_get_decided_minors (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), 0);
  return self->decided_minors;
}

gboolean
bos_coverage_item_get_has_decision (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), FALSE);
  return self->has_decision;
}

BosAnswerStatus
bos_coverage_item_get_status (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), BOS_ANSWER_NOT_REQUESTED);
  return self->status;
}

const char *
bos_coverage_item_get_decided_on (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), NULL);
  return self->decided_on;
}

guint
bos_coverage_item_get_n_requested (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), 0);
  return self->n_requested;
}

guint
bos_coverage_item_get_n_decided (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), 0);
  return self->n_decided;
}

guint
bos_coverage_item_get_n_outstanding (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), 0);
  return self->n_outstanding;
}

guint
bos_coverage_item_get_n_overdue (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), 0);
  return self->n_overdue;
}

double
bos_coverage_item_get_expected (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), NAN);
  return self->expected;
}

gint64
bos_coverage_item_get_p10 (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), -1);
  return self->p10;
}

gint64
bos_coverage_item_get_p90 (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), -1);
  return self->p90;
}

double
bos_coverage_item_get_shortfall (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), NAN);
  return self->shortfall;
}

double
bos_coverage_item_get_p_cover (BosCoverageItem *self)
{
  g_return_val_if_fail (BOS_IS_COVERAGE_ITEM (self), NAN);
  return self->p_cover;
}

/**
 * bos_coverage_item_set_row:
 * @decided_on: (nullable): the decision's date, "YYYY-MM-DD"
 *
 * A municipality's figures.
 */
void
bos_coverage_item_set_row (BosCoverageItem      *self,
                           const BosCoverageRow *row,
                           const char           *decided_on)
{
  g_return_if_fail (BOS_IS_COVERAGE_ITEM (self));
  g_return_if_fail (row != NULL);

  if (self->request == row->request && self->request_minors == row->request_minors &&
      self->decided == row->decided && self->decided_minors == row->decided_minors &&
      self->has_decision == row->has_decision && self->status == row->status &&
      g_strcmp0 (self->decided_on, decided_on) == 0)
    return;
  self->request = row->request;
  self->request_minors = row->request_minors;
  self->decided = row->decided;
  self->decided_minors = row->decided_minors;
  self->has_decision = row->has_decision;
  self->status = row->status;
  g_free (self->decided_on);
  self->decided_on = g_strdup (decided_on);
  emit_changed (self);
}

/* A county's totals */
void
bos_coverage_item_set_totals (BosCoverageItem         *self,
                              const BosCoverageTotals *totals)
{
  g_return_if_fail (BOS_IS_COVERAGE_ITEM (self));
  g_return_if_fail (totals != NULL);

  if (self->request == totals->request && self->request_minors == totals->request_minors &&
      self->decided == totals->decided && self->decided_minors == totals->decided_minors &&
      self->n_requested == totals->n_requested && self->n_decided == totals->n_decided &&
      self->n_outstanding == totals->n_outstanding && self->n_overdue == totals->n_overdue)
    return;
  self->request = totals->request;
  self->request_minors = totals->request_minors;
  self->decided = totals->decided;
  self->decided_minors = totals->decided_minors;
  self->n_requested = totals->n_requested;
  self->n_decided = totals->n_decided;
  self->n_outstanding = totals->n_outstanding;
  self->n_overdue = totals->n_overdue;
  emit_changed (self);
}

void
bos_coverage_item_set_municipality_forecast (BosCoverageItem               *self,
                                             const BosForecastMunicipality *forecast)
{
  g_return_if_fail (BOS_IS_COVERAGE_ITEM (self));
  g_return_if_fail (forecast != NULL);

  self->expected = forecast->expected;
  self->p10 = forecast->p10;
  self->p90 = forecast->p90;
  self->shortfall = NAN;
  self->p_cover = forecast->p_full;
  emit_changed (self);
}

void
bos_coverage_item_set_county_forecast (BosCoverageItem         *self,
                                       const BosForecastCounty *forecast)
{
  g_return_if_fail (BOS_IS_COVERAGE_ITEM (self));
  g_return_if_fail (forecast != NULL);

  self->expected = forecast->expected;
  self->p10 = forecast->p10;
  self->p90 = forecast->p90;
  self->shortfall = forecast->expected_shortfall;
  self->p_cover = forecast->p_cover;
  emit_changed (self);
}

void
bos_coverage_item_clear_forecast (BosCoverageItem *self)
{
  g_return_if_fail (BOS_IS_COVERAGE_ITEM (self));

  if (isnan (self->expected))
    return;
  self->expected = NAN;
  self->p10 = -1;
  self->p90 = -1;
  self->shortfall = NAN;
  self->p_cover = NAN;
  emit_changed (self);
}
