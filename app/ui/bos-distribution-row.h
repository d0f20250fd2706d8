/* bos-distribution-row.h: one county's or municipality's line of a
 * distribution table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bos-apportion.h"
#include "bos-history.h"

G_BEGIN_DECLS

#define BOS_TYPE_DISTRIBUTION_ROW (bos_distribution_row_get_type ())
G_DECLARE_FINAL_TYPE (BosDistributionRow, bos_distribution_row, BOS, DISTRIBUTION_ROW, GObject)

/* Plain fields: the tables read them directly. After changing them, call
 * bos_distribution_row_changed() so the shown cells refresh. */
struct _BosDistributionRow
{
  GObject        parent_instance;

  char          *code;           /* municipality or county code */
  char          *name;
  char          *county;         /* county code (a county's own code for a county) */
  char          *collate_key;    /* of the name, for sorting */
  gint64         population;
  double         quota;          /* NAN when not run */
  gint64         request;        /* -1 when the run failed */
  gint64         ema_request;
  gint64         last_request;   /* the latest year's before the plan, -1 unless known exactly */
  BosHistoryTotal last_request_total;
  BosHistoryTotal last_decision_total;
  BosConstraint  constraint;
  BosConstraint  ema_constraint;
  char          *reason;         /* the working, in English */
  char          *lock_note;
  gboolean       locked;
  gboolean       excluded;       /* by hand */
  gboolean       included;       /* by hand */
  gboolean       capped;         /* a cap of its own */
  gboolean       adjusted;       /* an adjustment other than 1 */
  gboolean       no_minors;      /* not ema_capable */
  gint64         other_request;  /* comparisons: the other scenario's, -1 none */
  gint64         other_ema_request;
  guint          input_index;    /* in the run's input */
};

BosDistributionRow *bos_distribution_row_new     (const char          *code,
                                                  const char          *name,
                                                  const char          *county);
void                bos_distribution_row_changed (BosDistributionRow  *self);
/* A short, translated description of the constraint that fixed the request */
const char         *bos_distribution_row_constraint_text (BosConstraint constraint);

G_END_DECLS
