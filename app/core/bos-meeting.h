/* bos-meeting.h: a collaboration meeting with its participants and agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-activity.h"
#include "bos-store.h"

G_BEGIN_DECLS

/* One person (or an organisation without a name yet) taking part. */
typedef struct
{
  char *id;            /* "meeting_participant:UUID"; NULL until stored */
  char *organisation;  /* "IMDi", "KS", "Vestfold fylkeskommune", "Bufetat", … */
  char *name;
  char *role;
  char *email;         /* "" or an address */
} BosParticipant;

/* One item of the agenda. */
typedef struct
{
  char *id;            /* "agenda_item:UUID"; NULL until stored */
  char *title;
  char *notes;
} BosAgendaItem;

/* One municipality of the county the meeting covers. */
typedef struct
{
  char    code[8];
  char   *name;
  char   *id;          /* "meeting_municipality:<activity uuid>:<code>" */
  char   *scenario_id; /* the scenario the agreed number is locked in, or NULL */
  gint64  proposed;    /* the request proposed when the meeting took up the county */
  gint64  result;      /* the request after the meeting's agreements */
  gint64  agreed;      /* the agreed number, or -1 when none */
  char   *why;         /* why it was agreed; "" when none */
  char   *agreed_at;   /* ISO 8601 UTC, or NULL */
  char   *agreed_by;   /* "" when not agreed */
} BosMeetingMunicipality;

#define BOS_TYPE_PARTICIPANT (bos_participant_get_type ())
GType            bos_participant_get_type     (void) G_GNUC_CONST;
BosParticipant  *bos_participant_new          (const char             *organisation,
                                               const char             *name,
                                               const char             *role,
                                               const char             *email);
BosParticipant  *bos_participant_copy         (const BosParticipant   *participant);
void             bos_participant_free         (BosParticipant         *participant);
gboolean         bos_participant_validate     (const BosParticipant   *participant,
                                               GError                **error);

#define BOS_TYPE_AGENDA_ITEM (bos_agenda_item_get_type ())
GType            bos_agenda_item_get_type     (void) G_GNUC_CONST;
BosAgendaItem   *bos_agenda_item_new          (const char             *title,
                                               const char             *notes);
BosAgendaItem   *bos_agenda_item_copy         (const BosAgendaItem    *item);
void             bos_agenda_item_free         (BosAgendaItem          *item);

void             bos_meeting_municipality_free (BosMeetingMunicipality *municipality);

gboolean         bos_email_is_valid           (const char             *email);

/* Organisations that usually take part (domain.md), as shown. */
GStrv            bos_meeting_dup_suggested_organisations (const char  *county_name);
char            *bos_meeting_dup_default_agenda_title   (guint        index);
gboolean         bos_meeting_list_counties    (BosStore               *store,
                                               GStrv                  *codes,
                                               GStrv                  *names,
                                               GError                **error);

#define BOS_TYPE_MEETING (bos_meeting_get_type ())
G_DECLARE_FINAL_TYPE (BosMeeting, bos_meeting, BOS, MEETING, GObject)

BosMeeting      *bos_meeting_new              (const char             *plan_id);
BosMeeting      *bos_meeting_new_for_activity (BosActivity            *activity);
BosMeeting      *bos_meeting_load             (BosStore               *store,
                                               const char             *activity_id,
                                               GError                **error);
GListModel      *bos_meeting_list             (BosStore               *store,
                                               const char             *plan_id,
                                               GError                **error);

BosActivity     *bos_meeting_get_activity     (BosMeeting             *self);
const char      *bos_meeting_get_id           (BosMeeting             *self);
char            *bos_meeting_dup_county_name  (BosMeeting             *self,
                                               BosStore               *store);
char            *bos_meeting_dup_reason       (BosMeeting             *self,
                                               const char             *why);

GPtrArray       *bos_meeting_get_participants (BosMeeting             *self);
void             bos_meeting_add_participant  (BosMeeting             *self,
                                               BosParticipant         *participant);
void             bos_meeting_remove_participant (BosMeeting           *self,
                                               guint                   index);
void             bos_meeting_move_participant (BosMeeting             *self,
                                               guint                   from,
                                               guint                   to);

GPtrArray       *bos_meeting_get_agenda       (BosMeeting             *self);
void             bos_meeting_add_agenda_item  (BosMeeting             *self,
                                               BosAgendaItem          *item);
void             bos_meeting_remove_agenda_item (BosMeeting           *self,
                                               guint                   index);
void             bos_meeting_move_agenda_item (BosMeeting             *self,
                                               guint                   from,
                                               guint                   to);

GPtrArray       *bos_meeting_get_municipalities (BosMeeting           *self);
const BosMeetingMunicipality *bos_meeting_lookup_municipality (BosMeeting *self,
                                               const char             *code);
gboolean         bos_meeting_has_proposal     (BosMeeting             *self);
gint64           bos_meeting_get_county_total (BosMeeting             *self);
gint64           bos_meeting_get_result_total (BosMeeting             *self);
guint            bos_meeting_get_n_agreed     (BosMeeting             *self);

gboolean         bos_meeting_validate         (BosMeeting             *self,
                                               GError                **error);
gboolean         bos_meeting_save             (BosStore               *store,
                                               BosMeeting             *self,
                                               GError                **error);
gboolean         bos_meeting_delete           (BosStore               *store,
                                               const char             *activity_id,
                                               GError                **error);

/* The per-municipality records of the meeting's county; called by
 * bos-meeting-county.c inside its transactions. */
gboolean         bos_meeting_store_proposal   (BosStore               *store,
                                               BosMeeting             *self,
                                               const char             *scenario_id,
                                               const char * const     *codes,
                                               const gint64           *proposed,
                                               guint                   n,
                                               GError                **error);
gboolean         bos_meeting_store_results    (BosStore               *store,
                                               BosMeeting             *self,
                                               const char * const     *codes,
                                               const gint64           *results,
                                               guint                   n,
                                               GError                **error);
gboolean         bos_meeting_store_agreement  (BosStore               *store,
                                               BosMeeting             *self,
                                               const char             *code,
                                               gint64                  agreed,
                                               const char             *why,
                                               GError                **error);
gboolean         bos_meeting_reload_municipalities (BosStore          *store,
                                               BosMeeting             *self,
                                               GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosParticipant, bos_participant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosAgendaItem, bos_agenda_item_free)

G_END_DECLS
