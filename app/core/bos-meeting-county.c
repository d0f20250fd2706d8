/* bos-meeting-county.c: the county a meeting covers, run in meeting mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a collaboration meeting takes up its county, the requests the
 * plan's chosen scenario gives the county's municipalities are recorded as
 * the proposal; their sum is the county total N_c that the meeting keeps.
 *
 * An agreed number becomes a lock in that scenario (lock_source = the
 * meeting's activity id, lock_reason = why) and the rest of the county is
 * recomputed at once with N_c fixed: the other municipalities absorb the
 * difference. In two-stage mode (distribution.md, step 7) a lock would
 * otherwise raise the county's quota Q_c and so its total N_c, taking
 * persons from other counties; the meeting must not change other
 * counties' numbers, so it runs its county on its own (county mode):
 *
 *  1. the national step runs as usual on the scenario with every lock,
 *     for the scores s_i (eligibility, adjustments and the largest-n rule
 *     included);
 *  2. a county input is made (bos_meeting_county_input_new()): the
 *     county's municipalities only, need N_c, one factor whose values are
 *     the national scores (so the county run's scores are proportional to
 *     s_i, exactly as in step 7), exclusions as the national step decided
 *     them, the same locks, minimum, drop threshold and caps;
 *  3. steps 2, 5 and 6 of the method run on it: R = N_c − Σ locks is
 *     shared by water-filling and rounded by largest remainder.
 * Without new locks this gives back the county stage of the two-stage
 * run, i.e. the proposal (test-meeting checks it). For a county plan the
 * national step is the county's own run and the same holds; in one-stage
 * national mode the county total is the sum of its requests, and the first
 * recomputation may move single persons between municipalities where the
 * national rounding fell otherwise. The requests after the agreements (result) are
 * stored with the meeting; the county total stays N_c unless the locks
 * alone exceed it, which is refused.
 *
 * Finishing the meeting (bos_meeting_county_finish()) locks the other
 * municipalities of the county at their numbers too, with the meeting as
 * source. Then every run of the scenario, two-stage included, gives the
 * county exactly the meeting's numbers: the locks add up to N_c, so the
 * county's quota is N_c and the other counties keep theirs, and the
 * letters request what the meeting agreed. Reopening takes those locks
 * (not the agreed ones) away again.
 */
#define G_LOG_DOMAIN "bos-meeting-county"

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "bos-error.h"
#include "bos-meeting-county.h"
#include "bos-plan-scenario.h"

/* The county run's indicator values: the national scores scaled so the
 * largest is this (the method reads real inputs to 9 decimals). */
#define SCORE_SCALE 1e6

static gboolean
is_excluded (BosConstraint constraint)
{
  return constraint == BOS_CONSTRAINT_EXCLUDED_MANUAL ||
         constraint == BOS_CONSTRAINT_EXCLUDED_IMMIGRANT_SHARE ||
         constraint == BOS_CONSTRAINT_EXCLUDED_POPULATION;
}

/**
 * bos_meeting_county_input_new:
 * @national: the scenario's input
 * @national_result: its result (the national step's scores)
 * @county: a county code
 * @county_total: N_c, the county total to keep
 *
 * The county-mode input of meeting mode: the county's municipalities of
 * @national with need @county_total, scored by their national scores.
 * See the top of this file.
 *
 * Returns: (transfer full): the input
 */
BosApportionInput *
bos_meeting_county_input_new (const BosApportionInput  *national,
                              const BosApportionResult *national_result,
                              const char               *county,
                              gint64                    county_total)
{
  BosApportionInput *input;
  double max_score = 0;

  g_return_val_if_fail (national != NULL, NULL);
  g_return_val_if_fail (national_result != NULL, NULL);
  g_return_val_if_fail (national_result->n_municipalities == national->municipalities->len, NULL);
  g_return_val_if_fail (county != NULL, NULL);
  g_return_val_if_fail (county_total >= 0, NULL);

  input = bos_apportion_input_new ();
  input->need = county_total;
  input->ema_need = 0;
  input->by_county = FALSE;
  bos_criteria_clear (&input->criteria);
  bos_criteria_copy (&input->criteria, &national->criteria);
  bos_criteria_clear_factors (&input->criteria);
  bos_criteria_add_factor (&input->criteria, BOS_MEETING_COUNTY_SCORE, 1.0, BOS_FACTOR_MODE_SHARE);
  /* Eligibility and the largest-n rule are in the national scores. */
  input->criteria.max_immigrant_share = NAN;
  input->criteria.min_population = 0;
  input->criteria.largest_n = 0;
  input->criteria.largest_factor = 1.0;
  bos_apportion_input_add_indicator (input, BOS_MEETING_COUNTY_SCORE);

  for (guint i = 0; i < national->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (national->municipalities, i);
      double score = national_result->municipalities[i].score;

      if (g_str_equal (m->county, county) && isfinite (score))
        max_score = MAX (max_score, score);
    }

  for (guint i = 0; i < national->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (national->municipalities, i);
      const BosMunicipalityResult *r = &national_result->municipalities[i];
      BosMunicipalityInput *c;
      double value = 0;

      if (!g_str_equal (m->county, county))
        continue;

      c = bos_apportion_input_add_municipality (input, m->code, m->name, m->county, m->population);
      c->locked = m->locked;
      c->lock_note = g_strdup (m->lock_note);
      c->excluded = m->locked < 0 && is_excluded (r->constraint);
      c->ema_capable = m->ema_capable;
      c->cap = m->cap;
      if (isfinite (r->score) && max_score > 0)
        value = r->score / max_score * SCORE_SCALE;
      bos_apportion_input_set_indicator (input, c, BOS_MEETING_COUNTY_SCORE, value);
    }
  return input;
}

static const char *
meeting_county (BosMeeting  *meeting,
                GError     **error)
{
  const char *county = bos_activity_get_county_code (bos_meeting_get_activity (meeting));

  if (county == NULL)
    g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                 _("“%s” covers no county: choose the county the meeting agrees numbers for"),
                 bos_activity_get_title (bos_meeting_get_activity (meeting)));
  return county;
}

static char *
chosen_scenario (BosStore    *store,
                 BosMeeting  *meeting,
                 GError     **error)
{
  const char *plan_id = bos_activity_get_plan_id (bos_meeting_get_activity (meeting));
  g_autoptr(GError) local_error = NULL;
  char *id;

  id = bos_plan_dup_chosen_scenario_id (store, plan_id, &local_error);
  if (id == NULL)
    {
      if (g_error_matches (local_error, BOS_ERROR, BOS_ERROR_NOT_FOUND))
        g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                     _("The plan has no distribution scenario chosen: choose the scenario whose "
                       "requests the meeting starts from"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return id;
}

/* The scenario the meeting works in: the one its proposal came from, or
 * the plan's chosen scenario. */
static char *
meeting_scenario (BosStore    *store,
                  BosMeeting  *meeting,
                  GError     **error)
{
  GPtrArray *rows = bos_meeting_get_municipalities (meeting);

  for (guint i = 0; i < rows->len; i++)
    {
      BosMeetingMunicipality *row = g_ptr_array_index (rows, i);

      if (row->scenario_id != NULL)
        return g_strdup (row->scenario_id);
    }
  return chosen_scenario (store, meeting, error);
}

/* Runs the scenario nationally (as stored, every lock included). */
static gboolean
run_national (BosStore            *store,
              const char          *scenario_id,
              BosApportionInput  **input,
              BosApportionResult **result,
              GError             **error)
{
  g_autoptr(BosPlanScenario) scenario = bos_plan_scenario_load (store, scenario_id, error);

  if (scenario == NULL)
    return FALSE;
  *input = bos_plan_scenario_build_input (store, scenario, error);
  if (*input == NULL)
    return FALSE;
  *result = bos_apportion_run_full (*input, BOS_APPORTION_SKIP_REASONS, error);
  if (*result == NULL)
    {
      g_prefix_error (error, _("The distribution cannot be computed: "));
      return FALSE;
    }
  return TRUE;
}

static void
emit_changed (BosStore *store)
{
  if (!sqlite3_get_autocommit (bos_store_get_db (store)))
    return;
  bos_store_emit_changed (store, "meeting");
  bos_store_emit_changed (store, "scenario_municipality");
}

static gboolean
take_proposal (BosStore    *store,
               BosMeeting  *meeting,
               GError     **error)
{
  g_autoptr(BosApportionInput) input = NULL;
  g_autoptr(BosApportionResult) result = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GArray) proposed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *scenario_id = NULL;
  const char *county;

  county = meeting_county (meeting, error);
  if (county == NULL)
    return FALSE;
  scenario_id = chosen_scenario (store, meeting, error);
  if (scenario_id == NULL || !run_national (store, scenario_id, &input, &result, error))
    return FALSE;

  for (guint i = 0; i < input->municipalities->len; i++)
    {
      BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);

      if (!g_str_equal (m->county, county))
        continue;
      g_ptr_array_add (codes, m->code);
      g_array_append_val (proposed, result->municipalities[i].request);
    }
  if (codes->len == 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   _("The scenario has no municipalities in county %s"), county);
      return FALSE;
    }

  if (!bos_store_begin (store, error))
    return FALSE;
  if (!bos_meeting_store_proposal (store, meeting, scenario_id, (const char * const *) codes->pdata,
                                   (const gint64 *) proposed->data, codes->len, error) ||
      !bos_store_commit (store, error))
    {
      bos_store_rollback (store);
      bos_meeting_reload_municipalities (store, meeting, NULL);
      return FALSE;
    }
  emit_changed (store);
  return TRUE;
}

/**
 * bos_meeting_county_start:
 * @meeting: a meeting with a county, read from @store
 *
 * Takes up the meeting's county: unless the meeting has a proposal
 * already, records the requests the plan's chosen scenario gives the
 * county's municipalities now as the proposal (and the county total).
 *
 * Returns: %TRUE, or %FALSE with @error set (no county, no chosen
 *   scenario, a distribution that cannot be computed)
 */
gboolean
bos_meeting_county_start (BosStore    *store,
                          BosMeeting  *meeting,
                          GError     **error)
{
  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bos_meeting_has_proposal (meeting))
    return TRUE;
  return take_proposal (store, meeting, error);
}

/**
 * bos_meeting_county_retake_proposal:
 *
 * Records the proposal again from the chosen scenario as it is now (the
 * criteria or the need may have changed). Refused once a number is agreed.
 */
gboolean
bos_meeting_county_retake_proposal (BosStore    *store,
                                    BosMeeting  *meeting,
                                    GError     **error)
{
  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bos_meeting_get_n_agreed (meeting) > 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The meeting has agreed numbers already; its proposal stays as it was"));
      return FALSE;
    }
  return take_proposal (store, meeting, error);
}

/* Runs the county with its total kept and stores the results; inside the
 * caller's transaction. */
static gboolean
recompute (BosStore    *store,
           BosMeeting  *meeting,
           GError     **error)
{
  g_autoptr(BosApportionInput) national = NULL;
  g_autoptr(BosApportionResult) national_result = NULL;
  g_autoptr(BosApportionInput) input = NULL;
  g_autoptr(BosApportionResult) result = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GArray) results = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *scenario_id = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 total = bos_meeting_get_county_total (meeting);
  const char *county;

  county = meeting_county (meeting, error);
  if (county == NULL)
    return FALSE;
  if (!bos_meeting_has_proposal (meeting))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The meeting has not taken up its county yet"));
      return FALSE;
    }
  scenario_id = meeting_scenario (store, meeting, error);
  if (scenario_id == NULL || !run_national (store, scenario_id, &national, &national_result, error))
    return FALSE;

  input = bos_meeting_county_input_new (national, national_result, county, total);
  {
    gint64 locked = 0;

    for (guint i = 0; i < input->municipalities->len; i++)
      locked += MAX (((BosMunicipalityInput *) g_ptr_array_index (input->municipalities, i))->locked, 0);
    if (locked > total)
      {
        g_autofree char *name = bos_meeting_dup_county_name (meeting, store);

        g_set_error (error, BOS_ERROR, BOS_ERROR_INFEASIBLE,
                     /* Translators: numbers of persons, then a county */
                     _("The agreed and locked numbers add up to %" PRId64 ", more than "
                       "the county total of %" PRId64 " for %s (%" PRId64 " too many)"),
                     locked, total, name, locked - total);
        return FALSE;
      }
  }
  result = bos_apportion_run_full (input, BOS_APPORTION_SKIP_REASONS, &local_error);
  if (result == NULL)
    {
      g_autofree char *name = bos_meeting_dup_county_name (meeting, store);

      g_set_error (error, BOS_ERROR,
                   local_error->domain == BOS_ERROR ? local_error->code : BOS_ERROR_INFEASIBLE,
                   /* Translators: %s is a county, then its total; the last %s says why */
                   _("%s cannot keep its county total of %" PRId64 ": %s"),
                   name, total, local_error->message);
      return FALSE;
    }

  for (guint i = 0; i < input->municipalities->len; i++)
    {
      BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);

      g_ptr_array_add (codes, m->code);
      g_array_append_val (results, result->municipalities[i].request);
    }
  return bos_meeting_store_results (store, meeting, (const char * const *) codes->pdata,
                                    (const gint64 *) results->data, codes->len, error);
}

/**
 * bos_meeting_county_recompute:
 *
 * Recomputes the county's requests after the meeting's agreements (when
 * the scenario changed outside the meeting) and stores them.
 */
gboolean
bos_meeting_county_recompute (BosStore    *store,
                              BosMeeting  *meeting,
                              GError     **error)
{
  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bos_store_begin (store, error))
    return FALSE;
  if (!recompute (store, meeting, error) || !bos_store_commit (store, error))
    {
      bos_store_rollback (store);
      bos_meeting_reload_municipalities (store, meeting, NULL);
      return FALSE;
    }
  emit_changed (store);
  return TRUE;
}

/**
 * bos_meeting_county_agree:
 * @meeting: a meeting that took up its county (bos_meeting_county_start())
 * @code: a municipality of the county
 * @agreed: the agreed number, or -1 to take an agreement back
 * @why: (nullable): why, as the group put it
 *
 * Records what the group agreed for @code, in one transaction: the
 * agreement with the meeting (who, when, old, new, why in the change log
 * and the audit), the lock in the scenario (lock_source = the meeting's
 * activity id, lock_reason = @why, or the meeting when @why is empty;
 * change log and audit), and the rest of the county recomputed with the
 * county total kept. Taking an agreement back removes the meeting's lock.
 * When the county cannot be distributed with the agreed numbers (they
 * exceed the county total, or leave no room for the others' minimum),
 * nothing is stored and @error says why.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bos_meeting_county_agree (BosStore    *store,
                          BosMeeting  *meeting,
                          const char  *code,
                          gint64       agreed,
                          const char  *why,
                          GError     **error)
{
  const BosMeetingMunicipality *row;
  g_autofree char *scenario_id = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *clean_why = NULL;
  g_auto(BosScenarioOverride) lock = { 0 };
  const char *meeting_id;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (agreed > BOS_APPORTION_MAX_PERSONS)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("%" PRId64 " is not a number of persons to agree"), agreed);
      return FALSE;
    }
  row = bos_meeting_lookup_municipality (meeting, code);
  if (row == NULL)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   _("Municipality %s is not in the county this meeting covers"), code);
      return FALSE;
    }
  if (agreed < 0 && row->agreed < 0)
    return TRUE;

  if (bos_meeting_county_is_finished (store, meeting))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("“%s” is finished: reopen it to change its numbers"),
                   bos_activity_get_title (bos_meeting_get_activity (meeting)));
      return FALSE;
    }

  scenario_id = meeting_scenario (store, meeting, error);
  if (scenario_id == NULL)
    return FALSE;
  meeting_id = bos_meeting_get_id (meeting);
  clean_why = g_strstrip (g_strdup (why ? why : ""));
  reason = bos_meeting_dup_reason (meeting, clean_why);

  if (!bos_store_begin (store, error))
    return FALSE;

  if (!bos_plan_scenario_get_override (store, scenario_id, code, &lock, error) ||
      !bos_meeting_store_agreement (store, meeting, code, agreed, clean_why, error))
    goto failed;

  if (agreed >= 0)
    {
      if (!bos_plan_scenario_set_lock (store, scenario_id, code, agreed,
                                       *clean_why ? clean_why : reason, meeting_id, error))
        goto failed;
    }
  else if (lock.locked >= 0 && g_strcmp0 (lock.lock_source, meeting_id) == 0)
    {
      /* Only the meeting's own lock goes with its agreement. */
      if (!bos_plan_scenario_set_lock (store, scenario_id, code, -1, reason, NULL, error))
        goto failed;
    }

  if (!recompute (store, meeting, error) || !bos_store_commit (store, error))
    goto failed;

  emit_changed (store);
  return TRUE;

failed:
  bos_store_rollback (store);
  bos_meeting_reload_municipalities (store, meeting, NULL);
  /* Views that reloaded on the scenario's signal inside the transaction
   * read again what is stored. */
  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "scenario_municipality");
  return FALSE;
}

/* The county's municipalities without an agreement that the meeting
 * locked when it finished (lock_source = the meeting) */
static GPtrArray *
kept_locks (BosStore    *store,
            BosMeeting  *meeting,
            const char  *scenario_id,
            GError     **error)
{
  g_autoptr(GHashTable) overrides = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *rows = bos_meeting_get_municipalities (meeting);
  const char *meeting_id = bos_meeting_get_id (meeting);

  overrides = bos_plan_scenario_get_overrides (store, scenario_id, error);
  if (overrides == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      BosMeetingMunicipality *row = g_ptr_array_index (rows, i);
      BosScenarioOverride *override = g_hash_table_lookup (overrides, row->code);

      if (row->agreed < 0 && override != NULL && override->locked >= 0 &&
          g_strcmp0 (override->lock_source, meeting_id) == 0)
        g_ptr_array_add (codes, g_strdup (row->code));
    }
  return g_steal_pointer (&codes);
}

/**
 * bos_meeting_county_is_finished:
 *
 * Returns: whether the meeting was finished (bos_meeting_county_finish())
 *   and not reopened
 */
gboolean
bos_meeting_county_is_finished (BosStore   *store,
                                BosMeeting *meeting)
{
  g_autofree char *scenario_id = NULL;
  g_autoptr(GPtrArray) kept = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (meeting), FALSE);

  if (!bos_meeting_has_proposal (meeting))
    return FALSE;
  scenario_id = meeting_scenario (store, meeting, NULL);
  if (scenario_id == NULL)
    return FALSE;
  kept = kept_locks (store, meeting, scenario_id, NULL);
  return kept != NULL && kept->len > 0;
}

/* Sets the meeting activity's status, with the change logged */
static gboolean
set_status (BosStore           *store,
            BosMeeting         *meeting,
            BosActivityStatus   status,
            const char         *why,
            GError            **error)
{
  g_autoptr(BosActivity) activity = bos_activity_copy (bos_meeting_get_activity (meeting));

  bos_activity_set_status (activity, status);
  if (!bos_activity_update (store, activity, why, error))
    return FALSE;
  bos_activity_set_status (bos_meeting_get_activity (meeting), status);
  return TRUE;
}

/**
 * bos_meeting_county_finish:
 *
 * Ends the meeting: the county is recomputed once more and every
 * municipality without an agreement is locked at its number, with the
 * meeting as source, so the plan keeps the meeting's numbers and its
 * county total whatever else changes; the meeting is marked done. One
 * transaction, each lock in the change log and the audit.
 */
gboolean
bos_meeting_county_finish (BosStore    *store,
                           BosMeeting  *meeting,
                           GError     **error)
{
  g_autofree char *scenario_id = NULL;
  g_autofree char *reason = NULL;
  const char *meeting_id;
  GPtrArray *rows;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bos_meeting_has_proposal (meeting))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The meeting has not taken up its county yet"));
      return FALSE;
    }
  if (bos_meeting_county_is_finished (store, meeting))
    return TRUE;
  scenario_id = meeting_scenario (store, meeting, error);
  if (scenario_id == NULL)
    return FALSE;
  meeting_id = bos_meeting_get_id (meeting);
  /* Translators: the reason of the locks a finished meeting sets on the
   * municipalities whose numbers it did not agree one by one */
  reason = bos_meeting_dup_reason (meeting, _("the county total was kept"));

  if (!bos_store_begin (store, error))
    return FALSE;
  if (!recompute (store, meeting, error))
    goto failed;

  rows = bos_meeting_get_municipalities (meeting);
  for (guint i = 0; i < rows->len; i++)
    {
      BosMeetingMunicipality *row = g_ptr_array_index (rows, i);

      if (row->agreed >= 0)
        continue;
      if (!bos_plan_scenario_set_lock (store, scenario_id, row->code, row->result, reason,
                                       meeting_id, error))
        goto failed;
    }
  if (!set_status (store, meeting, BOS_ACTIVITY_STATUS_DONE, reason, error) ||
      !bos_store_commit (store, error))
    goto failed;

  emit_changed (store);
  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "activity");
  return TRUE;

failed:
  bos_store_rollback (store);
  bos_meeting_reload_municipalities (store, meeting, NULL);
  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "scenario_municipality");
  return FALSE;
}

/**
 * bos_meeting_county_reopen:
 *
 * Reopens a finished meeting: the locks it set on municipalities without
 * an agreement are taken away (the agreed numbers stay locked), and the
 * meeting is in progress again.
 */
gboolean
bos_meeting_county_reopen (BosStore    *store,
                           BosMeeting  *meeting,
                           GError     **error)
{
  g_autofree char *scenario_id = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GPtrArray) kept = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (BOS_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  scenario_id = meeting_scenario (store, meeting, error);
  if (scenario_id == NULL)
    return FALSE;
  /* Translators: why a finished meeting's locks were taken away */
  reason = bos_meeting_dup_reason (meeting, _("reopened"));

  if (!bos_store_begin (store, error))
    return FALSE;
  kept = kept_locks (store, meeting, scenario_id, error);
  if (kept == NULL)
    goto failed;
  for (guint i = 0; i < kept->len; i++)
    if (!bos_plan_scenario_set_lock (store, scenario_id, kept->pdata[i], -1, reason, NULL, error))
      goto failed;
  if (!set_status (store, meeting, BOS_ACTIVITY_STATUS_IN_PROGRESS, reason, error) ||
      !bos_store_commit (store, error))
    goto failed;

  emit_changed (store);
  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "activity");
  return TRUE;

failed:
  bos_store_rollback (store);
  if (sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "scenario_municipality");
  return FALSE;
}
