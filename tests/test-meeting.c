/* test-meeting.c: collaboration meetings, their minutes and meeting mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Participants and agenda stored, reread, reordered and removed
 * (tombstones, change log); validation of e-mail addresses and times; the
 * minutes as PDF, read back with pdftotext.
 */
#include "config.h"

#include "bos-error.h"
#include "bos-meeting.h"
#include "bos-minutes.h"
#include "bos-plan.h"
#include "bos-test-util.h"

#define PLAN_ID "plan:2027:national"

typedef struct
{
  char     *dir;
  BosStore *store;
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

static char *
pdf_to_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

  if (g_find_program_in_path ("pdftotext") == NULL)
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

  if (g_find_program_in_path ("pdffonts") == NULL)
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
#undef ADD
  g_test_add_func ("/meeting/suggestions", test_suggestions);

  return g_test_run ();
}
