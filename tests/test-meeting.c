/* test-meeting.c: collaboration meetings, their minutes and meeting mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Participants and agenda stored, reread, reordered and removed
 * (tombstones, change log); validation of e-mail addresses and times; the
 * minutes as PDF, read back with pdftotext; meeting mode: agreed numbers
 * become locks in the plan's scenario and the county total is kept.
 */
#include "config.h"

#include <math.h>

#include "bos-apportion.h"
#include "bos-calendar.h"
#include "bos-error.h"
#include "bos-meeting.h"
#include "bos-meeting-county.h"
#include "bos-minutes.h"
#include "bos-plan.h"
#include "bos-plan-scenario.h"
#include "bos-test-util.h"

#define PLAN_ID "plan:2027:national"

typedef struct
{
  char     *dir;
  BosStore *store;
  char     *scenario_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = bos_test_make_tmp_dir ("bos-test-meeting");
  fixture->store = bos_test_open_seeded_copy (fixture->dir, "meeting.sqlite");
  bos_store_set_author (fixture->store, "Test Planner");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  bos_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->scenario_id);
}

static void
fixture_reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (bos_store_get_path (fixture->store));

  g_assert_finalize_object (fixture->store);
  fixture->store = bos_store_open (path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  bos_store_set_author (fixture->store, "Test Planner");
}

/* A Vestfold meeting with four participants and three agenda items */
static BosMeeting *
make_meeting (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  BosMeeting *meeting = bos_meeting_new (PLAN_ID);
  BosActivity *activity = bos_meeting_get_activity (meeting);

  bos_activity_set_title (activity, "Samarbeidsmøte Vestfold");
  bos_activity_set_start (activity, "2026-09-16");
  bos_activity_set_end (activity, "2026-09-16");
  bos_activity_set_start_time (activity, "09:00");
  bos_activity_set_end_time (activity, "12:30");
  bos_activity_set_location (activity, "Fylkeshuset, Tønsberg");
  bos_activity_set_video_link (activity, "https://meet.example.no/vestfold-2027");
  bos_activity_set_county_code (activity, "39");
  bos_activity_set_notes (activity, "Housing in Færder is the main question.");

  bos_meeting_add_participant (meeting, bos_participant_new ("IMDi", "Kari Nordmann",
                                                             "Senior adviser", "kari@imdi.no"));
  bos_meeting_add_participant (meeting, bos_participant_new ("KS", "Ola Hansen", "Adviser",
                                                             "ola.hansen@ks.no"));
  bos_meeting_add_participant (meeting, bos_participant_new ("Vestfold fylkeskommune",
                                                             "Åse Berg", "Head of section", ""));
  bos_meeting_add_participant (meeting, bos_participant_new ("Bufetat", "", "", ""));
  bos_meeting_add_agenda_item (meeting, bos_agenda_item_new ("Welcome", ""));
  bos_meeting_add_agenda_item (meeting, bos_agenda_item_new ("IMDi’s proposal",
                                                             "Presented by IMDi."));
  bos_meeting_add_agenda_item (meeting, bos_agenda_item_new ("Agreeing the numbers", ""));

  bos_meeting_save (fixture->store, meeting, &error);
  g_assert_no_error (error);
  return meeting;
}

static void
test_participants_and_agenda (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = make_meeting (fixture);
  g_autoptr(BosMeeting) loaded = NULL;
  g_autoptr(BosMeeting) again = NULL;
  g_autofree char *id = g_strdup (bos_meeting_get_id (meeting));
  g_autofree char *removed_id = NULL;
  g_autofree char *sql = NULL;
  GPtrArray *participants;
  GPtrArray *agenda;
  BosParticipant *participant;

  g_assert_true (g_str_has_prefix (id, "activity:"));
  fixture_reopen (fixture);

  loaded = bos_meeting_load (fixture->store, id, &error);
  g_assert_no_error (error);
  participants = bos_meeting_get_participants (loaded);
  g_assert_cmpuint (participants->len, ==, 4);
  participant = g_ptr_array_index (participants, 0);
  g_assert_true (g_str_has_prefix (participant->id, "meeting_participant:"));
  g_assert_cmpstr (participant->organisation, ==, "IMDi");
  g_assert_cmpstr (participant->name, ==, "Kari Nordmann");
  g_assert_cmpstr (participant->role, ==, "Senior adviser");
  g_assert_cmpstr (participant->email, ==, "kari@imdi.no");
  participant = g_ptr_array_index (participants, 2);
  g_assert_cmpstr (participant->name, ==, "Åse Berg");
  g_assert_cmpstr (((BosParticipant *) g_ptr_array_index (participants, 3))->organisation, ==,
                   "Bufetat");

  agenda = bos_meeting_get_agenda (loaded);
  g_assert_cmpuint (agenda->len, ==, 3);
  g_assert_true (g_str_has_prefix (((BosAgendaItem *) agenda->pdata[0])->id, "agenda_item:"));
  g_assert_cmpstr (((BosAgendaItem *) agenda->pdata[1])->title, ==, "IMDi’s proposal");
  g_assert_cmpstr (((BosAgendaItem *) agenda->pdata[1])->notes, ==, "Presented by IMDi.");

  /* The activity: a meeting with time, place, link and county */
  g_assert_cmpint (bos_activity_get_kind (bos_meeting_get_activity (loaded)), ==,
                   BOS_ACTIVITY_KIND_MEETING);
  g_assert_cmpstr (bos_activity_get_start_time (bos_meeting_get_activity (loaded)), ==, "09:00");
  g_assert_cmpstr (bos_activity_get_county_code (bos_meeting_get_activity (loaded)), ==, "39");
  /* The calendar shows the organisations taking part. */
  g_assert_cmpstr (bos_activity_get_participants (bos_meeting_get_activity (loaded)), ==,
                   "IMDi;KS;Vestfold fylkeskommune;Bufetat");

  /* Ready for sync */
  sql = g_strdup_printf ("SELECT count(*) FROM meeting_participant WHERE activity_id = '%s' "
                         "AND dirty = 1 AND deleted = 0 AND author = 'Test Planner'", id);
  g_assert_cmpint (bos_test_query_int (fixture->store, sql), ==, 4);
  g_assert_cmpint (bos_store_count (fixture->store, "agenda_item", &error), ==, 3);

  /* Edit: remove KS, move Bufetat first, change an e-mail, add an item */
  removed_id = g_strdup (((BosParticipant *) participants->pdata[1])->id);
  bos_meeting_remove_participant (loaded, 1);
  bos_meeting_move_participant (loaded, 2, 0);
  participant = g_ptr_array_index (participants, 1);
  g_assert_cmpstr (participant->organisation, ==, "IMDi");
  g_free (participant->email);
  participant->email = g_strdup ("kari.nordmann@imdi.no");
  bos_meeting_add_agenda_item (loaded, bos_agenda_item_new ("Any other business", ""));
  bos_meeting_save (fixture->store, loaded, &error);
  g_assert_no_error (error);

  again = bos_meeting_load (fixture->store, id, &error);
  g_assert_no_error (error);
  participants = bos_meeting_get_participants (again);
  g_assert_cmpuint (participants->len, ==, 3);
  g_assert_cmpstr (((BosParticipant *) participants->pdata[0])->organisation, ==, "Bufetat");
  g_assert_cmpstr (((BosParticipant *) participants->pdata[1])->email, ==, "kari.nordmann@imdi.no");
  g_assert_cmpstr (((BosParticipant *) participants->pdata[2])->name, ==, "Åse Berg");
  g_assert_cmpuint (bos_meeting_get_agenda (again)->len, ==, 4);

  /* The removed participant is a tombstone; every change is logged. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT deleted FROM meeting_participant WHERE id = '%s'", removed_id);
  g_assert_cmpint (bos_test_query_int (fixture->store, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE record_id = '%s' "
                         "AND field = 'deleted'", removed_id);
  g_assert_cmpint (bos_test_query_int (fixture->store, sql), ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM change_log WHERE field = 'email' "
                                       "AND old_value = 'kari@imdi.no' "
                                       "AND new_value = 'kari.nordmann@imdi.no' "
                                       "AND author = 'Test Planner'"), ==, 1);
  g_assert_cmpint (bos_store_count (fixture->store, "meeting_participant", &error), ==, 3);
  g_assert_cmpstr (bos_activity_get_participants (bos_meeting_get_activity (again)), ==,
                   "Bufetat;IMDi;Vestfold fylkeskommune");

  /* Saving again without changes writes nothing. */
  {
    gint64 before = bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log");

    bos_meeting_save (fixture->store, again, &error);
    g_assert_no_error (error);
    g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log"), ==,
                     before);
  }

  /* The plan's meetings: the default cycle's and this one */
  {
    g_autoptr(GListModel) meetings = bos_meeting_list (fixture->store, PLAN_ID, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 2);
  }

  /* Deleting takes participants and agenda along (tombstones). */
  bos_meeting_delete (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_store_count (fixture->store, "meeting_participant", &error), ==, 0);
  g_assert_cmpint (bos_store_count (fixture->store, "agenda_item", &error), ==, 0);
  g_assert_null (bos_meeting_load (fixture->store, id, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *good[] = {
    "kari@imdi.no", "ola.hansen@ks.no", "a@b.co", "first.last+tag@sub.example.org",
    "åse@kommune.no",
  };
  const char *bad[] = {
    "", "kari", "kari@", "@imdi.no", "kari@imdi", "kari@@imdi.no", "kari@imdi..no",
    "kari@.imdi.no", "kari@imdi.no.", "kari nordmann@imdi.no", "kari@imdi.no;ola@ks.no",
    ".kari@imdi.no", "kari.@imdi.no", "<kari@imdi.no>",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = bos_meeting_new (PLAN_ID);
  BosActivity *activity = bos_meeting_get_activity (meeting);
  g_autoptr(BosParticipant) nobody = bos_participant_new ("", "  ", "Chair", "");
  g_autoptr(BosParticipant) bad_email = bos_participant_new ("KS", "Ola", "", "ola@ks");

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (bos_email_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (bos_email_is_valid (bad[i]))
        g_error ("“%s” was taken for an e-mail address", bad[i]);
    }

  g_assert_false (bos_participant_validate (nobody, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bos_participant_validate (bad_email, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ola@ks"));
  g_clear_error (&error);

  /* A meeting needs a date; times are HH:MM */
  g_assert_false (bos_meeting_save (fixture->store, meeting, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);
  bos_activity_set_start (activity, "2026-09-16");
  bos_activity_set_end (activity, "2026-09-16");
  bos_activity_set_start_time (activity, "9.00");
  g_assert_false (bos_meeting_validate (meeting, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);
  bos_activity_set_start_time (activity, "25:00");
  g_assert_false (bos_meeting_validate (meeting, &error));
  g_clear_error (&error);
  bos_activity_set_start_time (activity, "09:00");
  g_assert_true (bos_meeting_validate (meeting, &error));
  g_assert_no_error (error);

  /* The message names the participant. */
  bos_meeting_add_participant (meeting, bos_participant_new ("IMDi", "Kari", "", "kari@imdi.no"));
  bos_meeting_add_participant (meeting, g_steal_pointer (&bad_email));
  g_assert_false (bos_meeting_save (fixture->store, meeting, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Participant 2: "));
  g_clear_error (&error);
  bos_meeting_remove_participant (meeting, 1);

  bos_meeting_add_agenda_item (meeting, bos_agenda_item_new ("  ", "notes"));
  g_assert_false (bos_meeting_validate (meeting, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);
  bos_meeting_remove_agenda_item (meeting, 0);

  /* Nothing was stored by the failed saves. */
  g_assert_cmpint (bos_store_count (fixture->store, "meeting_participant", &error), ==, 0);
  bos_meeting_save (fixture->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_store_count (fixture->store, "meeting_participant", &error), ==, 1);
}

static void
test_suggestions (void)
{
  g_auto(GStrv) organisations = bos_meeting_dup_suggested_organisations ("Vestfold");
  g_auto(GStrv) generic = bos_meeting_dup_suggested_organisations (NULL);
  g_autofree char *first = bos_meeting_dup_default_agenda_title (0);

  g_assert_cmpuint (g_strv_length (organisations), ==, 4);
  g_assert_cmpstr (organisations[0], ==, "IMDi");
  g_assert_cmpstr (organisations[1], ==, "KS");
  g_assert_cmpstr (organisations[2], ==, "Vestfold County Municipality");
  g_assert_cmpstr (organisations[3], ==, "Bufetat");
  g_assert_cmpstr (generic[2], ==, "County municipality");
  g_assert_nonnull (first);
  g_assert_null (bos_meeting_dup_default_agenda_title (100));
}

/* Writes a proposal and an agreement straight to the meeting's rows (no
 * scenario): what the minutes show. */
static void
store_numbers (Fixture    *fixture,
               BosMeeting *meeting)
{
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "3901", "3903", "3905", "3907", "3909", "3911" };
  const gint64 proposed[] = { 25, 12, 48, 58, 43, 14 };
  const gint64 results[] = { 23, 11, 60, 54, 40, 12 };

  g_assert_true (bos_store_begin (fixture->store, &error));
  bos_meeting_store_proposal (fixture->store, meeting, NULL, codes, proposed, 6, &error);
  g_assert_no_error (error);
  bos_meeting_store_agreement (fixture->store, meeting, "3905", 60, "New housing in Tønsberg",
                               &error);
  g_assert_no_error (error);
  bos_meeting_store_results (fixture->store, meeting, codes, results, 6, &error);
  g_assert_no_error (error);
  g_assert_true (bos_store_commit (fixture->store, &error));
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static char *
pdf_to_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

  if (!have_program ("pdftotext"))
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static gboolean
has_line (const char *text,
          const char *pattern)
{
  return g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0);
}

static void
test_minutes_pdf (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = make_meeting (fixture);
  g_autoptr(BosMinutes) minutes = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "minutes.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  store_numbers (fixture, meeting);
  g_assert_cmpint (bos_meeting_get_county_total (meeting), ==, 200);
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==, 200);
  g_assert_cmpuint (bos_meeting_get_n_agreed (meeting), ==, 1);

  /* The agreed number is in the change log and the shared audit. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM change_log WHERE field = 'agreed' "
                                       "AND old_value IS NULL AND new_value = '60' "
                                       "AND why = 'New housing in Tønsberg' "
                                       "AND author = 'Test Planner'"), ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM audit WHERE field = 'agreed' "
                                       "AND code = '3905' AND new_value = '60' "
                                       "AND plan_id = '" PLAN_ID "' "
                                       "AND why LIKE 'Samarbeidsmøte Vestfold (%): New housing%'"),
                   ==, 1);

  minutes = bos_minutes_new_for_id (fixture->store, bos_meeting_get_id (meeting), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bos_minutes_get_n_pages (minutes), >=, 1);
  file_name = bos_minutes_dup_file_name (minutes);
  g_assert_cmpstr (file_name, ==, "minutes-2026-09-16-samarbeidsmoete-vestfold.pdf");

  /* A preview draws each page onto any cairo_t. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
    cairo_t *cr = cairo_create (surface);

    cairo_scale (cr, 0.5, 0.5);
    for (guint i = 0; i < bos_minutes_get_n_pages (minutes); i++)
      bos_minutes_render_page (minutes, cr, i);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  /* An earlier file is replaced whole. */
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  bos_minutes_write_pdf (minutes, path, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* No temporary file left behind */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_has_prefix (name, "meeting.sqlite") || g_str_equal (name, "minutes.pdf"));
  }

  text = pdf_to_text (path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Samarbeidsmøte Vestfold"));
  g_assert_nonnull (strstr (text, "16 September 2026, 09:00–12:30"));
  g_assert_nonnull (strstr (text, "Fylkeshuset, Tønsberg"));
  g_assert_nonnull (strstr (text, "https://meet.example.no/vestfold-2027"));
  /* participants */
  g_assert_nonnull (strstr (text, "Kari Nordmann"));
  g_assert_nonnull (strstr (text, "ola.hansen@ks.no"));
  g_assert_nonnull (strstr (text, "Åse Berg"));
  g_assert_nonnull (strstr (text, "Bufetat"));
  /* agenda */
  g_assert_nonnull (strstr (text, "2. IMDi’s proposal"));
  g_assert_nonnull (strstr (text, "Presented by IMDi."));
  /* proposed vs agreed per municipality, the county total */
  g_assert_true (has_line (text, "^\\s*3905\\s+Tønsberg\\s+48\\s+60\\s+\\+12\\s+New housing in Tønsberg"));
  g_assert_true (has_line (text, "^\\s*3907\\s+Sandefjord\\s+58\\s+54\\s+−4\\s+recomputed"));
  g_assert_true (has_line (text, "^\\s*County total\\s+200\\s+200\\s+0"));
  g_assert_nonnull (strstr (text, "Housing in Færder is the main question."));
  g_assert_nonnull (strstr (text, "Page 1 of"));
}

/* Fonts are embedded (pdffonts: "emb" yes for every font). */
static void
test_minutes_fonts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = make_meeting (fixture);
  g_autoptr(BosMinutes) minutes = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "fonts.pdf", NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "pdffonts", path, NULL };
  int status = 0;
  guint fonts = 0;

  if (!have_program ("pdffonts"))
    {
      g_test_skip ("pdffonts is not installed");
      return;
    }

  minutes = bos_minutes_new (fixture->store, meeting, &error);
  g_assert_no_error (error);
  bos_minutes_write_pdf (minutes, path, &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint n;

      if (*lines[i] == '\0')
        continue;
      fields = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      n = g_strv_length (fields);
      /* name type encoding emb sub uni object ID */
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (fields[n - 5], ==, "yes");
      fonts++;
    }
  g_assert_cmpuint (fonts, >=, 2);
}

static void
test_minutes_many_pages (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = make_meeting (fixture);
  g_autoptr(BosMinutes) minutes = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i + 1);

      bos_meeting_add_participant (meeting, bos_participant_new ("KS", name, "", ""));
    }
  bos_meeting_save (fixture->store, meeting, &error);
  g_assert_no_error (error);

  minutes = bos_minutes_new (fixture->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bos_minutes_get_n_pages (minutes), >=, 2);
  bos_minutes_write_pdf (minutes, path, &error);
  g_assert_no_error (error);

  text = pdf_to_text (path);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "Person 60"));
  g_assert_nonnull (strstr (text, "Page 2 of"));
  /* the participants' table repeats its header on the next page */
  {
    g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

    g_assert_nonnull (strstr (pages[1], "Organisation"));
  }
}

static void
test_minutes_bad_path (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = make_meeting (fixture);
  g_autoptr(BosMinutes) minutes = bos_minutes_new (fixture->store, meeting, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "m.pdf", NULL);

  g_assert_no_error (error);
  g_assert_false (bos_minutes_write_pdf (minutes, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "m.pdf"));
}


/* ---- meeting mode: the county run -------------------------------------- */

/* Two-stage national run vs the county run of meeting mode: with no new
 * lock the county run gives back each county's two-stage requests. */
static void
test_county_input_matches_two_stage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosApportionInput) national = bos_apportion_input_new ();
  g_autoptr(BosApportionResult) result = NULL;
  GRand *rand = g_rand_new_with_seed (2027);
  const char *counties[] = { "31", "39", "40", "42" };

  national->need = 731;
  national->by_county = TRUE;
  bos_criteria_clear_factors (&national->criteria);
  bos_criteria_add_factor (&national->criteria, BOS_INDICATOR_POPULATION, 0.4, BOS_FACTOR_MODE_SHARE);
  bos_criteria_add_factor (&national->criteria, "programme_results", 0.35,
                           BOS_FACTOR_MODE_POPULATION_SCALED);
  bos_criteria_add_factor (&national->criteria, "employment_rate", 0.25,
                           BOS_FACTOR_MODE_POPULATION_SCALED);
  national->criteria.largest_n = 3;
  national->criteria.largest_factor = 0.6;
  national->criteria.max_per_1000 = 8.0;

  for (guint i = 0; i < 48; i++)
    {
      g_autofree char *code = g_strdup_printf ("%s%02u", counties[i % 4], i + 1);
      g_autofree char *name = g_strdup_printf ("Municipality %u", i + 1);
      BosMunicipalityInput *m;

      m = bos_apportion_input_add_municipality (national, code, name, counties[i % 4],
                                                g_rand_int_range (rand, 1200, 90000));
      m->immigrant_share = g_rand_double_range (rand, 4, 36);
      bos_apportion_input_set_indicator (national, m, "programme_results",
                                         g_rand_double_range (rand, 0.3, 0.8));
      if (i % 7 != 3)
        bos_apportion_input_set_indicator (national, m, "employment_rate",
                                           g_rand_double_range (rand, 0.5, 0.85));
      if (i == 5)
        m->locked = 40;
      if (i == 9)
        m->excluded = TRUE;
      if (i == 13)
        m->cap = 12;
      if (i == 17)
        m->adjustment = 1.4;
    }
  g_rand_free (rand);

  result = bos_apportion_run (national, &error);
  g_assert_no_error (error);

  for (guint c = 0; c < result->n_counties; c++)
    {
      const BosCountyResult *county = &result->counties[c];
      g_autoptr(BosApportionInput) input = NULL;
      g_autoptr(BosApportionResult) county_result = NULL;
      guint k = 0;

      input = bos_meeting_county_input_new (national, result, county->county, county->request);
      g_assert_cmpint (input->need, ==, county->request);
      county_result = bos_apportion_run (input, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < national->municipalities->len; i++)
        {
          BosMunicipalityInput *m = g_ptr_array_index (national->municipalities, i);
          BosMunicipalityInput *mc;

          if (!g_str_equal (m->county, county->county))
            continue;
          mc = g_ptr_array_index (input->municipalities, k);
          g_assert_cmpstr (mc->code, ==, m->code);
          if (county_result->municipalities[k].request != result->municipalities[i].request)
            g_error ("%s: county run %" G_GINT64_FORMAT ", two-stage %" G_GINT64_FORMAT,
                     m->code, county_result->municipalities[k].request,
                     result->municipalities[i].request);
          k++;
        }
      g_assert_cmpuint (k, ==, input->municipalities->len);
    }
}

/* A scenario for the demo plan: population and a programme indicator,
 * two-stage, chosen by the plan. */
static void
choose_scenario (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosPlanScenario) scenario = NULL;
  BosCriteria criteria;

  bos_store_exec (fixture->store,
                  "INSERT INTO indicator (id, year, code, name, value, modified) "
                  "  SELECT 'indicator:2027:' || code || ':programme_results', 2027, code, "
                  "    'programme_results', 0.4 + (CAST (code AS INTEGER) % 37) / 100.0, "
                  "    '2026-08-01T00:00:00Z' FROM municipality",
                  &error);
  g_assert_no_error (error);

  bos_criteria_init (&criteria);
  bos_criteria_clear_factors (&criteria);
  bos_criteria_add_factor (&criteria, BOS_INDICATOR_POPULATION, 0.6, BOS_FACTOR_MODE_SHARE);
  bos_criteria_add_factor (&criteria, "programme_results", 0.4, BOS_FACTOR_MODE_POPULATION_SCALED);
  scenario = bos_plan_scenario_create (fixture->store, PLAN_ID, "Test", &criteria, &error);
  g_assert_no_error (error);
  bos_criteria_clear (&criteria);
  bos_plan_scenario_set_by_county (fixture->store, scenario, TRUE, &error);
  g_assert_no_error (error);
  bos_plan_set_chosen_scenario (fixture->store, PLAN_ID, bos_plan_scenario_get_id (scenario), NULL,
                                &error);
  g_assert_no_error (error);
  g_free (fixture->scenario_id);
  fixture->scenario_id = g_strdup (bos_plan_scenario_get_id (scenario));
}

static gint64
get_lock (Fixture     *fixture,
          const char  *code,
          char       **reason,
          char       **source)
{
  g_autoptr(GError) error = NULL;
  g_auto(BosScenarioOverride) lock = { 0 };

  bos_plan_scenario_get_override (fixture->store, fixture->scenario_id, code, &lock, &error);
  g_assert_no_error (error);
  if (reason != NULL)
    *reason = g_strdup (lock.lock_reason);
  if (source != NULL)
    *source = g_strdup (lock.lock_source);
  return lock.locked;
}

static gint64
row_value (BosMeeting *meeting,
           const char *code,
           gboolean    result)
{
  const BosMeetingMunicipality *row = bos_meeting_lookup_municipality (meeting, code);

  g_assert_nonnull (row);
  return result ? row->result : row->proposed;
}

static void
test_agreed_numbers_become_locks (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = make_meeting (fixture);
  g_autoptr(BosMeeting) reread = NULL;
  g_autoptr(BosApportionInput) national = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *source = NULL;
  const char *id = bos_meeting_get_id (meeting);
  GPtrArray *rows;
  gint64 total, proposed_3905, others_before = 0, others_after = 0, locked;

  /* Without a chosen scenario there is nothing to take up. */
  bos_store_exec (fixture->store, "UPDATE plan SET chosen_scenario = NULL", &error);
  g_assert_no_error (error);
  g_assert_false (bos_meeting_county_start (fixture->store, meeting, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  choose_scenario (fixture);
  bos_meeting_county_start (fixture->store, meeting, &error);
  g_assert_no_error (error);

  /* The proposal: Vestfold's six municipalities, as the scenario gives
   * them; the county run gives the same numbers back. */
  rows = bos_meeting_get_municipalities (meeting);
  g_assert_cmpuint (rows->len, ==, 6);
  total = bos_meeting_get_county_total (meeting);
  g_assert_cmpint (total, >, 100);
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==, total);
  bos_meeting_county_recompute (fixture->store, meeting, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      BosMeetingMunicipality *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (row->result, ==, row->proposed);
      g_assert_cmpint (row->agreed, ==, -1);
      g_assert_cmpstr (row->scenario_id, ==, fixture->scenario_id);
      if (!g_str_equal (row->code, "3905"))
        others_before += row->result;
    }
  proposed_3905 = row_value (meeting, "3905", FALSE);

  /* Taking up the county again changes nothing. */
  bos_meeting_county_start (fixture->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_meeting_get_county_total (meeting), ==, total);

  /* Tønsberg agrees to settle 20 more. */
  bos_meeting_county_agree (fixture->store, meeting, "3905", proposed_3905 + 20,
                            "New housing ready in spring", &error);
  g_assert_no_error (error);

  /* The county total is kept: the others absorb the 20. */
  g_assert_cmpint (bos_meeting_get_county_total (meeting), ==, total);
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==, total);
  g_assert_cmpint (row_value (meeting, "3905", TRUE), ==, proposed_3905 + 20);
  rows = bos_meeting_get_municipalities (meeting);
  for (guint i = 0; i < rows->len; i++)
    {
      BosMeetingMunicipality *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->code, "3905"))
        continue;
      g_assert_cmpint (row->result, <=, row->proposed);
      others_after += row->result;
    }
  g_assert_cmpint (others_after, ==, others_before - 20);
  g_assert_cmpuint (bos_meeting_get_n_agreed (meeting), ==, 1);

  /* The agreed number is a lock in the scenario, with the meeting as its
   * source and the group's reason. */
  locked = get_lock (fixture, "3905", &reason, &source);
  g_assert_cmpint (locked, ==, proposed_3905 + 20);
  g_assert_cmpstr (reason, ==, "New housing ready in spring");
  g_assert_cmpstr (source, ==, id);
  {
    g_autoptr(BosPlanScenario) scenario = bos_plan_scenario_load (fixture->store,
                                                                  fixture->scenario_id, &error);

    g_assert_no_error (error);
    national = bos_plan_scenario_build_input (fixture->store, scenario, &error);
    g_assert_no_error (error);
  }
  for (guint i = 0; i < national->municipalities->len; i++)
    {
      BosMunicipalityInput *m = g_ptr_array_index (national->municipalities, i);

      if (!g_str_equal (m->code, "3905"))
        {
          g_assert_cmpint (m->locked, ==, -1);
          continue;
        }
      g_assert_cmpint (m->locked, ==, proposed_3905 + 20);
      g_assert_nonnull (strstr (m->lock_note, "New housing ready in spring"));
      g_assert_nonnull (strstr (m->lock_note, "Samarbeidsmøte Vestfold"));
    }

  /* Recorded: who, when, old, new, why (change log and audit) */
  sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE record_id = "
                         "'scenario_municipality:%s:3905' "
                         "AND field = 'locked' AND old_value IS NULL AND new_value = '%"
                         G_GINT64_FORMAT "' AND author = 'Test Planner' AND at <> '' "
                         "AND why = 'New housing ready in spring'",
                         fixture->scenario_id + strlen ("scenario:"), proposed_3905 + 20);
  g_assert_cmpint (bos_test_query_int (fixture->store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE code = '3905' AND plan_id = '" PLAN_ID "' "
                         "AND field IN ('agreed', 'locked') AND old_value IS NULL "
                         "AND new_value = '%" G_GINT64_FORMAT "' AND author = 'Test Planner'",
                         proposed_3905 + 20);
  g_assert_cmpint (bos_test_query_int (fixture->store, sql), ==, 2);

  /* A second thought: 10 more, not 20; old and new recorded */
  bos_meeting_county_agree (fixture->store, meeting, "3905", proposed_3905 + 10,
                            "New housing, fewer flats", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==, total);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE code = '3905' AND field = 'locked' "
                         "AND old_value = '%" G_GINT64_FORMAT "' AND new_value = '%"
                         G_GINT64_FORMAT "'", proposed_3905 + 20, proposed_3905 + 10);
  g_assert_cmpint (bos_test_query_int (fixture->store, sql), ==, 1);

  /* Horten agrees to its proposal as it stands; both locks hold. */
  bos_meeting_county_agree (fixture->store, meeting, "3901", row_value (meeting, "3901", TRUE),
                            NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bos_meeting_get_n_agreed (meeting), ==, 2);
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==, total);
  g_assert_cmpint (get_lock (fixture, "3901", NULL, NULL), ==, row_value (meeting, "3901", TRUE));

  /* More than the county total cannot be agreed: refused, nothing stored */
  {
    gint64 changes = bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log");

    g_assert_false (bos_meeting_county_agree (fixture->store, meeting, "3905", total + 1, "Too many",
                                              &error));
    g_assert_error (error, BOS_ERROR, BOS_ERROR_INFEASIBLE);
    g_assert_nonnull (strstr (error->message, "Vestfold"));
    g_clear_error (&error);
    g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log"), ==,
                     changes);
    g_assert_cmpint (row_value (meeting, "3905", TRUE), ==, proposed_3905 + 10);
    g_assert_cmpint (get_lock (fixture, "3905", NULL, NULL), ==, proposed_3905 + 10);
  }

  /* Not in the county */
  g_assert_false (bos_meeting_county_agree (fixture->store, meeting, "0301", 100, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The proposal stays once something is agreed. */
  g_assert_false (bos_meeting_county_retake_proposal (fixture->store, meeting, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);

  /* Stored: a fresh read sees the same */
  reread = bos_meeting_load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bos_meeting_get_n_agreed (reread), ==, 2);
  g_assert_cmpint (bos_meeting_lookup_municipality (reread, "3905")->agreed, ==, proposed_3905 + 10);
  g_assert_cmpstr (bos_meeting_lookup_municipality (reread, "3905")->why, ==,
                   "New housing, fewer flats");
  g_assert_cmpstr (bos_meeting_lookup_municipality (reread, "3905")->agreed_by, ==, "Test Planner");
  g_assert_nonnull (bos_meeting_lookup_municipality (reread, "3905")->agreed_at);
  g_assert_cmpint (bos_meeting_get_result_total (reread), ==, total);

  /* A meeting with agreed numbers is not deleted by accident. */
  g_assert_false (bos_meeting_delete (fixture->store, id, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);

  /* Taking both agreements back removes the meeting's locks; the county
   * returns to the proposal. */
  bos_meeting_county_agree (fixture->store, meeting, "3905", -1, "Withdrawn", &error);
  g_assert_no_error (error);
  bos_meeting_county_agree (fixture->store, meeting, "3901", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (get_lock (fixture, "3905", NULL, NULL), ==, -1);
  rows = bos_meeting_get_municipalities (meeting);
  for (guint i = 0; i < rows->len; i++)
    {
      BosMeetingMunicipality *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (row->result, ==, row->proposed);
      g_assert_cmpint (row->agreed, ==, -1);
    }
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM audit WHERE code = '3905' "
                                       "AND field = 'locked' AND new_value IS NULL"), ==, 1);
}

/* A lock set elsewhere (the distribution page) is not the meeting's: it
 * stays when the meeting takes its own agreement back. */
static void
test_foreign_lock_stays (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = make_meeting (fixture);

  choose_scenario (fixture);
  bos_plan_scenario_set_lock (fixture->store, fixture->scenario_id, "3909", 30, "Reception centre",
                              NULL, &error);
  g_assert_no_error (error);

  bos_meeting_county_start (fixture->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row_value (meeting, "3909", FALSE), ==, 30);
  bos_meeting_county_agree (fixture->store, meeting, "3907", row_value (meeting, "3907", TRUE) + 5,
                            NULL, &error);
  g_assert_no_error (error);
  /* The meeting's reason is the meeting when the group gave none */
  {
    g_autofree char *reason = NULL;

    get_lock (fixture, "3907", &reason, NULL);
    g_assert_cmpstr (reason, ==, "Samarbeidsmøte Vestfold (16 September 2026)");
  }
  g_assert_cmpint (row_value (meeting, "3909", TRUE), ==, 30);
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==,
                   bos_meeting_get_county_total (meeting));

  bos_meeting_county_agree (fixture->store, meeting, "3907", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (get_lock (fixture, "3909", NULL, NULL), ==, 30);
}

/* The agreements are locks with the meeting as their source: deleting the
 * meeting's activity or making it another kind is refused in core, so
 * neither the calendar's editor nor an iCalendar import can leave locks
 * pointing at a meeting that is gone. */
static void
test_agreements_keep_the_meeting (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = make_meeting (fixture);
  g_autoptr(BosActivity) activity = NULL;
  g_autoptr(BosActivity) stored = NULL;
  g_autoptr(GListStore) events = g_list_store_new (BOS_TYPE_ACTIVITY);
  g_autofree char *ics = NULL;
  const char *id = bos_meeting_get_id (meeting);
  gint64 agreed, changes;

  choose_scenario (fixture);
  bos_meeting_county_start (fixture->store, meeting, &error);
  g_assert_no_error (error);
  agreed = row_value (meeting, "3905", FALSE) + 20;
  bos_meeting_county_agree (fixture->store, meeting, "3905", agreed, "New housing", &error);
  g_assert_no_error (error);
  changes = bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log");

  /* Deleting the activity: refused, with the meeting's title */
  g_assert_false (bos_activity_delete (fixture->store, id, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Samarbeidsmøte Vestfold"));
  g_assert_nonnull (strstr (error->message, "meeting mode"));
  g_clear_error (&error);

  /* Another kind: refused, nothing stored */
  activity = bos_activity_load (fixture->store, id, &error);
  g_assert_no_error (error);
  bos_activity_set_kind (activity, BOS_ACTIVITY_KIND_OTHER);
  g_assert_false (bos_activity_update (fixture->store, activity, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Samarbeidsmøte Vestfold"));
  g_clear_error (&error);

  /* … also from an iCalendar file */
  g_list_store_append (events, activity);
  ics = bos_calendar_to_ics (G_LIST_MODEL (events), "Test", PLAN_ID);
  g_assert_nonnull (strstr (ics, "X-BOSETTING-KIND:other"));
  g_assert_false (bos_calendar_import_ics (fixture->store, PLAN_ID, ics, strlen (ics), "test.ics",
                                           NULL, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM change_log"), ==,
                   changes);
  stored = bos_activity_load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_activity_get_kind (stored), ==, BOS_ACTIVITY_KIND_MEETING);
  g_assert_cmpint (get_lock (fixture, "3905", NULL, NULL), ==, agreed);

  /* Other edits of the activity are fine */
  bos_activity_set_notes (stored, "Moved to the small hall.");
  g_assert_true (bos_activity_update (fixture->store, stored, NULL, &error));
  g_assert_no_error (error);

  /* Once meeting mode has taken the agreement back, it can go. */
  bos_meeting_county_agree (fixture->store, meeting, "3905", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bos_activity_delete (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_lock (fixture, "3905", NULL, NULL), ==, -1);
}

/* Finishing locks the rest of the county at the meeting's numbers: the
 * plan's two-stage run then gives the county exactly those, and its
 * total. */
static void
test_finish_keeps_county (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMeeting) meeting = make_meeting (fixture);
  g_autoptr(BosPlanScenario) scenario = NULL;
  g_autoptr(BosApportionInput) input = NULL;
  g_autoptr(BosApportionResult) result = NULL;
  GPtrArray *rows;
  gint64 total, county_sum = 0;
  g_autofree char *source = NULL;

  choose_scenario (fixture);
  bos_meeting_county_start (fixture->store, meeting, &error);
  g_assert_no_error (error);
  total = bos_meeting_get_county_total (meeting);
  bos_meeting_county_agree (fixture->store, meeting, "3905", row_value (meeting, "3905", FALSE) + 25,
                            "New housing", &error);
  g_assert_no_error (error);
  g_assert_false (bos_meeting_county_is_finished (fixture->store, meeting));

  bos_meeting_county_finish (fixture->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_true (bos_meeting_county_is_finished (fixture->store, meeting));
  g_assert_cmpint (bos_activity_get_status (bos_meeting_get_activity (meeting)), ==,
                   BOS_ACTIVITY_STATUS_DONE);

  /* Every municipality of the county is locked at the meeting's number */
  rows = bos_meeting_get_municipalities (meeting);
  for (guint i = 0; i < rows->len; i++)
    {
      BosMeetingMunicipality *row = g_ptr_array_index (rows, i);

      g_clear_pointer (&source, g_free);
      g_assert_cmpint (get_lock (fixture, row->code, NULL, &source), ==, row->result);
      g_assert_cmpstr (source, ==, bos_meeting_get_id (meeting));
    }

  /* The plan's own (two-stage) run gives the county the same numbers */
  scenario = bos_plan_scenario_load (fixture->store, fixture->scenario_id, &error);
  g_assert_no_error (error);
  result = bos_plan_scenario_run (fixture->store, scenario, &input, &error);
  g_assert_no_error (error);
  g_assert_true (input->by_county);
  for (guint i = 0; i < input->municipalities->len; i++)
    {
      BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);

      if (!g_str_equal (m->county, "39"))
        continue;
      g_assert_cmpint (result->municipalities[i].request, ==, row_value (meeting, m->code, TRUE));
      county_sum += result->municipalities[i].request;
    }
  g_assert_cmpint (county_sum, ==, total);
  for (guint c = 0; c < result->n_counties; c++)
    if (g_str_equal (result->counties[c].county, "39"))
      g_assert_cmpint (result->counties[c].request, ==, total);

  /* Finished: no more changes until reopened */
  g_assert_false (bos_meeting_county_agree (fixture->store, meeting, "3901", 30, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_clear_error (&error);

  bos_meeting_county_reopen (fixture->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_false (bos_meeting_county_is_finished (fixture->store, meeting));
  g_assert_cmpint (get_lock (fixture, "3901", NULL, NULL), ==, -1);
  g_assert_cmpint (get_lock (fixture, "3905", NULL, NULL), ==, row_value (meeting, "3905", FALSE) + 25);
  g_assert_cmpint (bos_activity_get_status (bos_meeting_get_activity (meeting)), ==,
                   BOS_ACTIVITY_STATUS_IN_PROGRESS);
  bos_meeting_county_agree (fixture->store, meeting, "3901", 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_meeting_get_result_total (meeting), ==, total);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/meeting/participants-and-agenda", test_participants_and_agenda);
  ADD ("/meeting/validation", test_validation);
  ADD ("/meeting/minutes-pdf", test_minutes_pdf);
  ADD ("/meeting/minutes-fonts", test_minutes_fonts);
  ADD ("/meeting/minutes-many-pages", test_minutes_many_pages);
  ADD ("/meeting/minutes-bad-path", test_minutes_bad_path);
  ADD ("/meeting/agreed-numbers-become-locks", test_agreed_numbers_become_locks);
  ADD ("/meeting/foreign-lock-stays", test_foreign_lock_stays);
  ADD ("/meeting/agreements-keep-the-meeting", test_agreements_keep_the_meeting);
  ADD ("/meeting/finish-keeps-county", test_finish_keeps_county);
#undef ADD
  g_test_add_func ("/meeting/suggestions", test_suggestions);
  g_test_add_func ("/meeting/county-input-matches-two-stage", test_county_input_matches_two_stage);

  return g_test_run ();
}
