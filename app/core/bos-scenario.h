/* bos-scenario.h: distribution scenarios and their JSON file format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario is a name, a plan year and everything the distribution method
 * needs (a BosApportionInput). The file format is the one in
 * distribution.md: "format": "bosetting-scenario", "version": 1.
 */
#pragma once

#include <glib.h>

#include "bos-apportion.h"

G_BEGIN_DECLS

#define BOS_SCENARIO_FORMAT  "bosetting-scenario"
#define BOS_SCENARIO_VERSION 1

typedef struct
{
  char              *name;
  int                year;   /* 0: none */
  BosApportionInput *input;  /* need, ema_need, by_county, criteria, municipalities */
} BosScenario;

BosScenario       *bos_scenario_new           (void);
BosScenario       *bos_scenario_copy          (const BosScenario  *scenario);
void               bos_scenario_free          (BosScenario        *scenario);
gboolean           bos_scenario_equal         (const BosScenario  *a,
                                               const BosScenario  *b);

BosScenario       *bos_scenario_load_file     (const char         *path,
                                               GError            **error);
BosScenario       *bos_scenario_load_data     (const char         *data,
                                               gssize              length,
                                               const char         *source_name,
                                               GError            **error);
char              *bos_scenario_to_json       (const BosScenario  *scenario);
gboolean           bos_scenario_save_file     (const BosScenario  *scenario,
                                               const char         *path,
                                               GError            **error);

BosApportionInput *bos_scenario_build_input   (const BosScenario  *scenario);

/* The "criteria" object on its own, e.g. to store a scenario's criteria. */
char              *bos_criteria_to_json       (const BosCriteria  *criteria);
gboolean           bos_criteria_load_json     (BosCriteria        *criteria,
                                               const char         *json,
                                               const char         *source_name,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosScenario, bos_scenario_free)

G_END_DECLS
