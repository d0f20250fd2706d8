/* bos-plan-scenario.h: a plan's stored distribution scenarios
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan has one or more scenarios: a name, criteria (distribution.md) and
 * per-municipality settings (adjustment, lock, exclusion, inclusion,
 * minors, cap, note). The figures (need, population, immigrant share,
 * indicators) are never stored in a scenario: they come from the plan and
 * the reference data when the scenario is run, so a scenario always runs on
 * today's figures. One scenario is the plan's chosen one; its result is the
 * plan's proposed requests.
 */
#pragma once

#include <gio/gio.h>

#include "bos-apportion.h"
#include "bos-scenario.h"
#include "bos-store.h"

G_BEGIN_DECLS

/* The stored name of the scenario every new plan starts with; the UI shows
 * it translated (bos_plan_scenario_dup_display_name()). */
#define BOS_PLAN_SCENARIO_DEFAULT_NAME "Default"

/* One municipality's settings in a scenario. Every field at its default
 * (bos_scenario_override_init()) means "no override". */
typedef struct
{
  double    adjustment;   /* a_i, default 1.0 */
  gint64    locked;       /* the locked request, or < 0 when not locked */
  char     *lock_reason;  /* why it is locked, or NULL */
  char     *lock_source;  /* where the lock comes from (a meeting's activity id), or NULL */
  gboolean  excluded;     /* excluded by hand */
  gboolean  included;     /* included by hand, whatever the rules say */
  gboolean  ema_capable;  /* may be asked to settle minors, default TRUE */
  gint64    cap;          /* at most this many, or < 0 for none */
  char     *note;         /* a planner's note, or NULL */
} BosScenarioOverride;

void      bos_scenario_override_init       (BosScenarioOverride       *override);
void      bos_scenario_override_clear      (BosScenarioOverride       *override);
void      bos_scenario_override_copy       (BosScenarioOverride       *dest,
                                            const BosScenarioOverride *src);
BosScenarioOverride *bos_scenario_override_dup (const BosScenarioOverride *override);
void      bos_scenario_override_free       (BosScenarioOverride       *override);
gboolean  bos_scenario_override_equal      (const BosScenarioOverride *a,
                                            const BosScenarioOverride *b);
gboolean  bos_scenario_override_is_default (const BosScenarioOverride *override);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BosScenarioOverride, bos_scenario_override_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosScenarioOverride, bos_scenario_override_free)

#define BOS_TYPE_PLAN_SCENARIO (bos_plan_scenario_get_type ())
G_DECLARE_FINAL_TYPE (BosPlanScenario, bos_plan_scenario, BOS, PLAN_SCENARIO, GObject)

const char        *bos_plan_scenario_get_id        (BosPlanScenario *self);
const char        *bos_plan_scenario_get_plan_id   (BosPlanScenario *self);
const char        *bos_plan_scenario_get_name      (BosPlanScenario *self);
char              *bos_plan_scenario_dup_display_name (BosPlanScenario *self);
gboolean           bos_plan_scenario_get_by_county (BosPlanScenario *self);
const BosCriteria *bos_plan_scenario_get_criteria  (BosPlanScenario *self);
const char        *bos_plan_scenario_get_modified  (BosPlanScenario *self);
const char        *bos_plan_scenario_get_author    (BosPlanScenario *self);
gboolean           bos_plan_scenario_is_default    (BosPlanScenario *self);

char              *bos_plan_scenario_make_default_id (const char    *plan_id);
void               bos_plan_scenario_default_criteria (BosCriteria  *criteria);

/* Scenarios */
GListModel        *bos_plan_scenario_list          (BosStore         *store,
                                                    const char       *plan_id,
                                                    GError          **error);
BosPlanScenario   *bos_plan_scenario_load          (BosStore         *store,
                                                    const char       *id,
                                                    GError          **error);
BosPlanScenario   *bos_plan_scenario_find          (BosStore         *store,
                                                    const char       *plan_id,
                                                    const char       *name,
                                                    GError          **error);
BosPlanScenario   *bos_plan_scenario_create        (BosStore         *store,
                                                    const char       *plan_id,
                                                    const char       *name,
                                                    const BosCriteria *criteria,
                                                    GError          **error);
gboolean           bos_plan_scenario_create_default (BosStore        *store,
                                                    const char       *plan_id,
                                                    GError          **error);
BosPlanScenario   *bos_plan_scenario_duplicate     (BosStore         *store,
                                                    BosPlanScenario  *source,
                                                    const char       *name,
                                                    GError          **error);
gboolean           bos_plan_scenario_rename        (BosStore         *store,
                                                    BosPlanScenario  *self,
                                                    const char       *name,
                                                    GError          **error);
gboolean           bos_plan_scenario_delete        (BosStore         *store,
                                                    BosPlanScenario  *self,
                                                    GError          **error);
gboolean           bos_plan_scenario_set_criteria  (BosStore         *store,
                                                    BosPlanScenario  *self,
                                                    const BosCriteria *criteria,
                                                    const char       *why,
                                                    GError          **error);
gboolean           bos_plan_scenario_set_by_county (BosStore         *store,
                                                    BosPlanScenario  *self,
                                                    gboolean          by_county,
                                                    GError          **error);

/* Per-municipality settings */
gboolean           bos_plan_scenario_get_override  (BosStore            *store,
                                                    const char          *scenario_id,
                                                    const char          *code,
                                                    BosScenarioOverride *override,
                                                    GError             **error);
GHashTable        *bos_plan_scenario_get_overrides (BosStore            *store,
                                                    const char          *scenario_id,
                                                    GError             **error);
gboolean           bos_plan_scenario_set_override  (BosStore            *store,
                                                    const char          *scenario_id,
                                                    const char          *code,
                                                    const BosScenarioOverride *override,
                                                    const char          *why,
                                                    GError             **error);
gboolean           bos_plan_scenario_set_lock      (BosStore            *store,
                                                    const char          *scenario_id,
                                                    const char          *code,
                                                    gint64               locked,
                                                    const char          *reason,
                                                    const char          *source,
                                                    GError             **error);

/* Running */
BosApportionInput *bos_plan_scenario_build_input   (BosStore         *store,
                                                    BosPlanScenario  *self,
                                                    GError          **error);
BosApportionResult *bos_plan_scenario_run          (BosStore          *store,
                                                    BosPlanScenario   *self,
                                                    BosApportionInput **input,
                                                    GError           **error);
BosScenario       *bos_plan_scenario_to_scenario   (BosStore         *store,
                                                    BosPlanScenario  *self,
                                                    GError          **error);
gboolean           bos_plan_scenario_export_file   (BosStore         *store,
                                                    BosPlanScenario  *self,
                                                    const char       *path,
                                                    GError          **error);
BosPlanScenario   *bos_plan_scenario_import_file   (BosStore         *store,
                                                    const char       *plan_id,
                                                    const char       *path,
                                                    const char       *name,
                                                    GError          **error);
BosPlanScenario   *bos_plan_scenario_import_scenario (BosStore       *store,
                                                    const char       *plan_id,
                                                    const BosScenario *scenario,
                                                    const char       *name,
                                                    GError          **error);

/* The plan's chosen scenario and its proposed requests */
char              *bos_plan_dup_chosen_scenario_id (BosStore         *store,
                                                    const char       *plan_id,
                                                    GError          **error);
BosPlanScenario   *bos_plan_load_chosen_scenario   (BosStore         *store,
                                                    const char       *plan_id,
                                                    GError          **error);
gboolean           bos_plan_set_chosen_scenario    (BosStore         *store,
                                                    const char       *plan_id,
                                                    const char       *scenario_id,
                                                    const char       *why,
                                                    GError          **error);
GArray            *bos_plan_get_proposed_requests  (BosStore         *store,
                                                    const char       *plan_id,
                                                    GError          **error);

G_END_DECLS
