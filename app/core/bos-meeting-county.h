/* bos-meeting-county.h: the county a meeting covers, run in meeting mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-apportion.h"
#include "bos-meeting.h"
#include "bos-store.h"

G_BEGIN_DECLS

/* The indicator of a county run: the national score of each municipality. */
#define BOS_MEETING_COUNTY_SCORE "national_score"

BosApportionInput *bos_meeting_county_input_new       (const BosApportionInput  *national,
                                                       const BosApportionResult *national_result,
                                                       const char               *county,
                                                       gint64                    county_total);

gboolean           bos_meeting_county_start           (BosStore                 *store,
                                                       BosMeeting               *meeting,
                                                       GError                  **error);
gboolean           bos_meeting_county_retake_proposal (BosStore                 *store,
                                                       BosMeeting               *meeting,
                                                       GError                  **error);
gboolean           bos_meeting_county_agree           (BosStore                 *store,
                                                       BosMeeting               *meeting,
                                                       const char               *code,
                                                       gint64                    agreed,
                                                       const char               *why,
                                                       GError                  **error);
gboolean           bos_meeting_county_recompute       (BosStore                 *store,
                                                       BosMeeting               *meeting,
                                                       GError                  **error);
gboolean           bos_meeting_county_is_finished     (BosStore                 *store,
                                                       BosMeeting               *meeting);
gboolean           bos_meeting_county_finish          (BosStore                 *store,
                                                       BosMeeting               *meeting,
                                                       GError                  **error);
gboolean           bos_meeting_county_reopen          (BosStore                 *store,
                                                       BosMeeting               *meeting,
                                                       GError                  **error);

G_END_DECLS
