/* bos-calendar.c: a plan's yearly cycle, its default and iCalendar files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The default cycle is the table of the 2017–2021 agreement between KS and
 * the government (domain.md); planners move, add and delete from there.
 *
 * iCalendar (RFC 5545) export lets colleagues subscribe in Outlook or GNOME
 * Calendar. UIDs are the activity ids, so a new export updates the events
 * of the previous one instead of duplicating them. Every field of an
 * activity is in the file (X-BOSETTING-* where iCalendar has no property),
 * so importing an export restores the calendar exactly. The reader is our
 * own: the core must not need libical.
 */
#define G_LOG_DOMAIN "bos-calendar"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-calendar.h"
#include "bos-error.h"
#include "bos-plan.h"

/* The default cycle for the plan of settlement year Y runs in Y − 1:
 * domain.md's "Need 2019: 5,350" is the figure 224 municipalities were asked
 * to settle in letters of autumn 2018 (status 31 Oct 2018), and the 2018
 * letters went out on 6 November with a 6 January deadline. Requests are
 * made, and answered, the year before the refugees are settled, so criteria
 * (March), need (1 July), distribution (August), meetings (September),
 * letters (October) and the answer deadline (December) all fall in Y − 1. */
#define CYCLE_YEAR_OFFSET (-1)

typedef struct
{
  const char      *key;           /* part of the stable id, never changed */
  BosActivityKind  kind;
  guint8           start_month;
  guint8           start_day;     /* 0: month only */
  guint8           end_month;
  guint8           end_day;       /* 0: month only */
  const char      *title;
  const char      *description;
  const char      *responsible[4];
  const char      *participants[5];
} DefaultActivity;

/* Organisation names (NU, KD, IMDi, KS, Bufetat) are the same in every
 * language; the words around them are translated. */
static const DefaultActivity default_cycle[] = {
  { "criteria-proposal", BOS_ACTIVITY_KIND_CRITERIA, 3, 0, 3, 0,
    N_("Propose settlement criteria"),
    N_("The national committee (NU) proposes the settlement criteria to the ministry."),
    { "NU" }, { "NU" } },
  { "criteria-fixed", BOS_ACTIVITY_KIND_CRITERIA, 5, 0, 6, 0,
    N_("Fix the settlement criteria"),
    N_("The ministry (KD) fixes the criteria the distribution follows."),
    { "KD" }, { "KD" } },
  { "need", BOS_ACTIVITY_KIND_NEED, 7, 1, 7, 1,
    N_("Preliminary settlement need, split between counties"),
    N_("By 1 July NU sets the preliminary national settlement need and its split between the "
       "counties, possibly with IMDi and KS."),
    { "NU" }, { "NU", N_("IMDi (possibly)"), N_("KS (possibly)") } },
  { "county-distribution", BOS_ACTIVITY_KIND_COUNTY_DISTRIBUTION, 8, 0, 8, 0,
    N_("Proposal: county-wise distribution to municipalities"),
    N_("IMDi proposes how many refugees each municipality of a county is asked to settle."),
    { "IMDi" }, { "IMDi" } },
  { "collaboration-meetings", BOS_ACTIVITY_KIND_MEETING, 9, 0, 9, 0,
    N_("Collaboration meetings on the distribution"),
    N_("IMDi and KS meet each county municipality and Bufetat to agree the number each "
       "municipality is asked to settle."),
    { "IMDi", "KS" }, { "IMDi", "KS", N_("county municipality"), "Bufetat" } },
  { "letters", BOS_ACTIVITY_KIND_LETTERS, 10, 0, 10, 0,
    N_("Letters with the request to each municipality"),
    N_("IMDi asks each municipality by letter to settle a number of refugees, of which "
       "unaccompanied minors."),
    { "IMDi" }, { "IMDi", N_("KS (possibly)") } },
  { "answer-deadline", BOS_ACTIVITY_KIND_ANSWER_DEADLINE, 12, 0, 12, 0,
    N_("Deadline for the municipalities’ decisions"),
    N_("Each municipal council decides how many refugees it will settle and answers IMDi."),
    { N_("municipalities") }, { N_("municipalities") } },
};

/* Name-based (version 5) UUIDs in this namespace give the default
 * activities of a plan the same ids on every computer, so two planners who
 * create the same year's plan offline meet in the same records when they
 * sync, as the plan itself does. */
static const guint8 bosetting_namespace[16] = {
  0x4f, 0x0a, 0x6b, 0x1c, 0x93, 0x2e, 0x4d, 0x57, 0xa1, 0x0e, 0x52, 0x7c, 0x3b, 0x88, 0xd4, 0x61,
};

static char *
name_based_id (const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  g_checksum_update (checksum, bosetting_namespace, sizeof bosetting_namespace);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);

  digest[6] = (digest[6] & 0x0f) | 0x50;  /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80;  /* RFC 4122 variant */

  return g_strdup_printf ("activity:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static char *
join_translated (const char * const *parts,
                 guint               n_parts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_parts && parts[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, ';');
      g_string_append (text, _(parts[i]));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
activity_row_state (BosStore    *store,
                    const char  *id,
                    gboolean    *exists,
                    gboolean    *deleted,
                    char       **plan_id,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = bos_store_prepare (store, "SELECT deleted, plan_id FROM activity WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return bos_store_set_error (store, error, _("Could not read the activities"));
  *exists = rc == SQLITE_ROW;
  *deleted = *exists && sqlite3_column_int (stmt, 0) != 0;
  if (plan_id != NULL)
    *plan_id = *exists ? g_strdup (bos_sqlite_text (stmt, 1)) : NULL;
  return TRUE;
}

/**
 * bos_calendar_create_default:
 * @plan_id: a plan stored in @store
 * @year: the plan's settlement year
 *
 * Adds the default yearly cycle (domain.md) to a plan, dated in the year
 * before @year, when the plan is prepared: months where the cycle gives a
 * month, a date where it gives one (1 July). A county plan's collaboration
 * meeting covers its county. The default activities have ids derived from
 * the plan id; one that exists already is left as the planners made it.
 * Called by bos_plan_create() inside its transaction.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing added
 */
gboolean
bos_calendar_create_default (BosStore    *store,
                             const char  *plan_id,
                             int          year,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *scope = NULL;
  int cycle_year = year + CYCLE_YEAR_OFFSET;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);
  g_return_val_if_fail (year > 1 && year <= 9999, FALSE);

  if (!bos_store_begin (store, error))
    return FALSE;

  stmt = bos_store_prepare (store, "SELECT scope FROM plan WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, _("There is no plan “%s”"), plan_id);
      goto failed;
    }
  scope = g_strdup (bos_sqlite_text (stmt, 0));

  for (guint i = 0; i < G_N_ELEMENTS (default_cycle); i++)
    {
      const DefaultActivity *d = &default_cycle[i];
      g_autofree char *name = g_strconcat (plan_id, "/", d->key, NULL);
      g_autofree char *id = name_based_id (name);
      g_autofree char *responsible = NULL;
      g_autofree char *participants = NULL;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autoptr(BosActivity) activity = NULL;
      gboolean exists, deleted;
      BosPlanDate date;

      if (!activity_row_state (store, id, &exists, &deleted, NULL, error))
        goto failed;
      if (exists && !deleted)
        continue;

      if (d->start_day == 0)
        bos_plan_date_set_month (&date, d->start_month, (guint16) cycle_year);
      else
        bos_plan_date_set_dmy (&date, d->start_day, d->start_month, (guint16) cycle_year);
      start = bos_plan_date_to_string (&date);
      if (d->end_day == 0)
        bos_plan_date_set_month (&date, d->end_month, (guint16) cycle_year);
      else
        bos_plan_date_set_dmy (&date, d->end_day, d->end_month, (guint16) cycle_year);
      end = bos_plan_date_to_string (&date);

      responsible = join_translated (d->responsible, G_N_ELEMENTS (d->responsible));
      participants = join_translated (d->participants, G_N_ELEMENTS (d->participants));

      activity = g_object_new (BOS_TYPE_ACTIVITY,
                               "plan-id", plan_id,
                               "id", id,
                               "kind", d->kind,
                               "title", _(d->title),
                               "description", _(d->description),
                               "start", start,
                               "end", end,
                               "responsible", responsible,
                               "participants", participants,
                               NULL);
      if (d->kind == BOS_ACTIVITY_KIND_MEETING && !g_str_equal (scope, BOS_PLAN_SCOPE_NATIONAL))
        bos_activity_set_county_code (activity, scope);

      if (!bos_activity_create (store, activity, error))
        goto failed;
    }

  if (!bos_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/* Writing iCalendar */

/* Appends one content line, folded so that no line is longer than 75
 * octets (RFC 5545 §3.1) without splitting a UTF-8 character, and ended
 * with CRLF. An escape ("\n", "\,") is kept on one line too: the standard
 * allows splitting it, but not every calendar program unfolds first. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize width = 0;

  for (const char *p = line; *p != '\0';)
    {
      const char *next = g_utf8_next_char (p);
      gsize n;

      if (*p == '\\' && *next != '\0')
        next = g_utf8_next_char (next);
      n = (gsize) (next - p);

      if (width + n > 75)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, p, (gssize) n);
      width += n;
      p = next;
    }
  g_string_append (out, "\r\n");
}

/* Escapes a TEXT value (§3.3.11): backslash, semicolon, comma and line
 * breaks; other control characters are not allowed and are dropped. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\r':
          if (p[1] != '\n')
            g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append_c (out, '\t');
          break;
        default:
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (out, *p);
        }
    }
}

static void
append_text_property (GString    *out,
                      const char *name,
                      const char *value)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL || *value == '\0')
    return;
  line = g_string_new (name);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  append_folded (out, line->str);
}

static void
append_raw_property (GString    *out,
                     const char *name,
                     const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  append_folded (out, line);
}

/* "2027-01-05T10:11:12.345Z" → "20270105T101112Z" */
static char *
ics_utc_from_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) dt = NULL;

  if (timestamp != NULL && *timestamp != '\0')
    dt = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (dt == NULL)
    dt = g_date_time_new_now_utc ();
  else
    {
      GDateTime *utc = g_date_time_to_utc (dt);
      g_date_time_unref (dt);
      dt = utc;
    }
  return g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
}

static char *
ics_date (const GDate *date)
{
  return g_strdup_printf ("%04u%02u%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
ics_date_time (const GDate *date,
               const char  *time)
{
  return g_strdup_printf ("%04u%02u%02uT%c%c%c%c00", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date),
                          time[0], time[1], time[3], time[4]);
}

/* Norway's rules since 1996 (EU summer time): CEST from the last Sunday of
 * March 02:00 to the last Sunday of October 03:00. */
static void
append_vtimezone (GString *out)
{
  append_raw_property (out, "BEGIN", "VTIMEZONE");
  append_raw_property (out, "TZID", BOS_CALENDAR_TZID);
  append_raw_property (out, "X-LIC-LOCATION", BOS_CALENDAR_TZID);
  append_raw_property (out, "BEGIN", "DAYLIGHT");
  append_raw_property (out, "TZOFFSETFROM", "+0100");
  append_raw_property (out, "TZOFFSETTO", "+0200");
  append_raw_property (out, "TZNAME", "CEST");
  append_raw_property (out, "DTSTART", "19700329T020000");
  append_raw_property (out, "RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
  append_raw_property (out, "END", "DAYLIGHT");
  append_raw_property (out, "BEGIN", "STANDARD");
  append_raw_property (out, "TZOFFSETFROM", "+0200");
  append_raw_property (out, "TZOFFSETTO", "+0100");
  append_raw_property (out, "TZNAME", "CET");
  append_raw_property (out, "DTSTART", "19701025T030000");
  append_raw_property (out, "RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
  append_raw_property (out, "END", "STANDARD");
  append_raw_property (out, "END", "VTIMEZONE");
}

/* The DESCRIPTION people read in their calendar: the description, then who
 * is responsible, who takes part and the notes. */
static char *
compose_description (BosActivity *activity)
{
  g_autoptr(GString) text = g_string_new (bos_activity_get_description (activity));
  g_autofree char *responsible = bos_activity_dup_list_label (bos_activity_get_responsible (activity));
  g_autofree char *participants = bos_activity_dup_list_label (bos_activity_get_participants (activity));
  const char *notes = bos_activity_get_notes (activity);
  gboolean separated = FALSE;

#define SEPARATE() G_STMT_START { \
    if (!separated && text->len > 0) g_string_append (text, "\n"); \
    separated = TRUE; \
    if (text->len > 0) g_string_append (text, "\n"); \
  } G_STMT_END

  if (*responsible != '\0')
    {
      SEPARATE ();
      /* Translators: in the description of an exported calendar event */
      g_string_append_printf (text, _("Responsible: %s"), responsible);
    }
  if (*participants != '\0')
    {
      SEPARATE ();
      /* Translators: in the description of an exported calendar event */
      g_string_append_printf (text, _("Participants: %s"), participants);
    }
  if (*notes != '\0')
    {
      SEPARATE ();
      /* Translators: in the description of an exported calendar event */
      g_string_append_printf (text, _("Notes: %s"), notes);
    }
#undef SEPARATE

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
append_event (GString     *out,
              BosActivity *activity)
{
  g_autofree char *uid = g_strconcat (bos_activity_get_id (activity), BOS_CALENDAR_UID_SUFFIX, NULL);
  g_autofree char *stamp = ics_utc_from_timestamp (bos_activity_get_modified (activity));
  g_autofree char *description = compose_description (activity);
  g_autofree char *sequence = g_strdup_printf ("%d", bos_activity_get_sequence (activity));
  const char *start_time = bos_activity_get_start_time (activity);
  const char *end_time = bos_activity_get_end_time (activity);
  BosActivityStatus status = bos_activity_get_status (activity);
  BosPlanDate start, end;
  GDate first, last;
  const char *month_only = NULL;
  const char *ics_status;

  if (!bos_activity_get_start_date (activity, &start) || !bos_activity_get_end_date (activity, &end))
    {
      g_warning ("Activity %s has invalid dates; not exported", bos_activity_get_id (activity));
      return;
    }
  bos_plan_date_get_first_day (&start, &first);
  bos_plan_date_get_last_day (&end, &last);

  append_raw_property (out, "BEGIN", "VEVENT");
  append_text_property (out, "UID", uid);
  append_raw_property (out, "DTSTAMP", stamp);

  if (start_time != NULL)
    {
      g_autofree char *dtstart = ics_date_time (&first, start_time);

      append_raw_property (out, "DTSTART;TZID=" BOS_CALENDAR_TZID, dtstart);
      if (end_time != NULL)
        {
          g_autofree char *dtend = ics_date_time (&last, end_time);
          append_raw_property (out, "DTEND;TZID=" BOS_CALENDAR_TZID, dtend);
        }
      else if (g_date_compare (&first, &last) != 0)
        {
          /* Runs through its last day */
          g_autofree char *dtend = NULL;

          g_date_add_days (&last, 1);
          dtend = ics_date_time (&last, "00:00");
          append_raw_property (out, "DTEND;TZID=" BOS_CALENDAR_TZID, dtend);
        }
    }
  else
    {
      g_autofree char *dtstart = ics_date (&first);
      g_autofree char *dtend = NULL;

      /* All day: DTEND is the day after the last (exclusive), so a month
       * runs to the first of the next month. */
      g_date_add_days (&last, 1);
      dtend = ics_date (&last);
      append_raw_property (out, "DTSTART;VALUE=DATE", dtstart);
      append_raw_property (out, "DTEND;VALUE=DATE", dtend);
    }

  append_text_property (out, "SUMMARY", bos_activity_get_title (activity));
  append_text_property (out, "DESCRIPTION", description);
  append_text_property (out, "LOCATION", bos_activity_get_location (activity));
  if (*bos_activity_get_video_link (activity) != '\0')
    append_raw_property (out, "URL", bos_activity_get_video_link (activity));

  /* Only a month known: the date is tentative. */
  if (status == BOS_ACTIVITY_STATUS_CANCELLED)
    ics_status = "CANCELLED";
  else if (status == BOS_ACTIVITY_STATUS_PLANNED &&
           (bos_plan_date_is_month (&start) || bos_plan_date_is_month (&end)))
    ics_status = "TENTATIVE";
  else
    ics_status = "CONFIRMED";
  append_raw_property (out, "STATUS", ics_status);
  append_text_property (out, "CATEGORIES", bos_activity_kind_get_label (bos_activity_get_kind (activity)));
  append_raw_property (out, "SEQUENCE", sequence);
  append_raw_property (out, "LAST-MODIFIED", stamp);

  append_raw_property (out, "X-BOSETTING-KIND",
                       bos_activity_kind_to_string (bos_activity_get_kind (activity)));
  append_raw_property (out, "X-BOSETTING-STATUS", bos_activity_status_to_string (status));
  if (bos_plan_date_is_month (&start) && bos_plan_date_is_month (&end))
    month_only = "BOTH";
  else if (bos_plan_date_is_month (&start))
    month_only = "START";
  else if (bos_plan_date_is_month (&end))
    month_only = "END";
  if (month_only != NULL)
    append_raw_property (out, "X-BOSETTING-MONTH-ONLY", month_only);
  if (!g_str_equal (description, bos_activity_get_description (activity)))
    append_text_property (out, "X-BOSETTING-DESCRIPTION", bos_activity_get_description (activity));
  append_text_property (out, "X-BOSETTING-RESPONSIBLE", bos_activity_get_responsible (activity));
  append_text_property (out, "X-BOSETTING-PARTICIPANTS", bos_activity_get_participants (activity));
  append_text_property (out, "X-BOSETTING-NOTES", bos_activity_get_notes (activity));
  append_text_property (out, "X-BOSETTING-COUNTY", bos_activity_get_county_code (activity));
  append_raw_property (out, "END", "VEVENT");
}

/**
 * bos_calendar_to_ics:
 * @activities: a #GListModel of #BosActivity
 * @calendar_name: the name calendars show (X-WR-CALNAME)
 * @plan_id: (nullable): the plan, recorded as X-BOSETTING-PLAN
 *
 * Writes an iCalendar (RFC 5545) file: UTF-8, CRLF line ends, lines folded
 * at 75 octets; one VEVENT per activity with UID "<activity id>@bosetting",
 * DTSTAMP and LAST-MODIFIED from the activity's last change (so an
 * unchanged calendar exports to the same bytes) and SEQUENCE counting its
 * revisions. All-day activities are DATE values; timed ones are local times
 * in Europe/Oslo with its VTIMEZONE.
 *
 * Returns: (transfer full): the file's text
 */
char *
bos_calendar_to_ics (GListModel *activities,
                     const char *calendar_name,
                     const char *plan_id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *prodid = NULL;
  guint n;
  gboolean timed = FALSE;

  g_return_val_if_fail (G_IS_LIST_MODEL (activities), NULL);
  g_return_val_if_fail (g_list_model_get_item_type (activities) == BOS_TYPE_ACTIVITY, NULL);
  g_return_val_if_fail (calendar_name != NULL, NULL);

  prodid = g_strdup_printf ("-//Bosetting//Bosetting %s//EN", PACKAGE_VERSION);
  append_raw_property (out, "BEGIN", "VCALENDAR");
  append_text_property (out, "PRODID", prodid);
  append_raw_property (out, "VERSION", "2.0");
  append_raw_property (out, "CALSCALE", "GREGORIAN");
  append_text_property (out, "X-WR-CALNAME", calendar_name);
  append_raw_property (out, "X-WR-TIMEZONE", BOS_CALENDAR_TZID);
  if (plan_id != NULL)
    append_text_property (out, "X-BOSETTING-PLAN", plan_id);

  n = g_list_model_get_n_items (activities);
  for (guint i = 0; i < n && !timed; i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);
      timed = bos_activity_get_start_time (activity) != NULL;
    }
  if (timed)
    append_vtimezone (out);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);
      append_event (out, activity);
    }

  append_raw_property (out, "END", "VCALENDAR");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * bos_calendar_export_ics:
 * @plan_id: the plan whose activities to write
 *
 * Returns: (transfer full): the plan's calendar as iCalendar text (see
 *   bos_calendar_to_ics()), or %NULL with @error set
 */
char *
bos_calendar_export_ics (BosStore    *store,
                         const char  *plan_id,
                         GError     **error)
{
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GListModel) activities = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  plan = bos_plan_load (store, plan_id, error);
  if (plan == NULL)
    return NULL;
  activities = bos_activity_list (store, plan_id, error);
  if (activities == NULL)
    return NULL;

  title = bos_plan_dup_title (plan);
  /* Translators: the name of an exported calendar; %s is "Plan 2027" */
  name = g_strdup_printf (_("Settlement: %s"), title);
  return bos_calendar_to_ics (activities, name, plan_id);
}

/* Reading iCalendar */

typedef struct
{
  char  *name;     /* upper case */
  char  *params;   /* "TZID=Europe/Oslo;VALUE=DATE-TIME", names upper case */
  char  *value;    /* as written, still escaped */
  guint  line;
} IcsProperty;

typedef struct
{
  guint      line;        /* of BEGIN:VEVENT */
  GPtrArray *properties;  /* of IcsProperty, the event's own */
} IcsEvent;

typedef struct
{
  const char *source;
  GPtrArray  *events;     /* of IcsEvent */
} IcsReader;

static void
ics_property_free (IcsProperty *property)
{
  g_free (property->name);
  g_free (property->params);
  g_free (property->value);
  g_free (property);
}

static void
ics_event_free (IcsEvent *event)
{
  g_ptr_array_unref (event->properties);
  g_free (event);
}

static void
string_free_cb (gpointer data)
{
  g_string_free (data, TRUE);
}

static gboolean G_GNUC_PRINTF (4, 5)
ics_error (GError     **error,
           const char  *source,
           guint        line,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: an error in an iCalendar file; "calendar.ics line 12: …" */
  g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE, _("%s line %u: %s"), source, line, message);
  return FALSE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

/* Splits one unfolded content line into name, parameters and value. */
static IcsProperty *
ics_parse_line (const char  *text,
                guint        line,
                const char  *source,
                GError     **error)
{
  g_autoptr(GString) params = g_string_new (NULL);
  const char *p = text;
  IcsProperty *property;
  const char *name_end;

  while (is_name_char (*p))
    p++;
  if (p == text || (*p != ':' && *p != ';'))
    {
      g_autofree char *start = g_utf8_substring (text, 0, 40);

      ics_error (error, source, line, _("“%s%s” is not a property (expected NAME:VALUE)"),
                 start, g_utf8_strlen (text, -1) > 40 ? "…" : "");
      return NULL;
    }
  name_end = p;

  while (*p == ';')
    {
      const char *pname = ++p;

      while (is_name_char (*p))
        p++;
      if (p == pname || *p != '=')
        {
          g_autofree char *name = g_ascii_strup (text, name_end - text);
          ics_error (error, source, line, _("%s: a parameter has no name or no “=”"), name);
          return NULL;
        }
      if (params->len > 0)
        g_string_append_c (params, ';');
      {
        g_autofree char *upper = g_ascii_strup (pname, p - pname);
        g_string_append (params, upper);
      }
      g_string_append_c (params, *p++);  /* '=' */

      /* One or more values, each plain or quoted */
      for (;;)
        {
          if (*p == '"')
            {
              const char *close = strchr (p + 1, '"');

              if (close == NULL)
                {
                  g_autofree char *name = g_ascii_strup (text, name_end - text);
                  ics_error (error, source, line, _("%s: a quoted parameter value is not closed"),
                             name);
                  return NULL;
                }
              g_string_append_len (params, p + 1, close - p - 1);
              p = close + 1;
            }
          else
            {
              const char *start = p;

              while (*p != '\0' && *p != ';' && *p != ':' && *p != ',')
                p++;
              g_string_append_len (params, start, p - start);
            }
          if (*p != ',')
            break;
          g_string_append_c (params, *p++);
        }
    }

  if (*p != ':')
    {
      g_autofree char *name = g_ascii_strup (text, name_end - text);
      ics_error (error, source, line, _("%s has no value (expected NAME:VALUE)"), name);
      return NULL;
    }

  property = g_new0 (IcsProperty, 1);
  property->name = g_ascii_strup (text, name_end - text);
  property->params = g_string_free (g_steal_pointer (&params), FALSE);
  property->value = g_strdup (p + 1);
  property->line = line;
  return property;
}

/* Reads the structure: VCALENDAR with VEVENTs; other components (time
 * zones, alarms, to-dos) are skipped, keeping BEGIN/END balanced. */
static gboolean
ics_read (IcsReader   *reader,
          const char  *data,
          gsize        length,
          GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) lines = NULL;  /* of GString, unfolded */
  g_autoptr(GArray) line_numbers = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) stack_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  IcsEvent *event = NULL;
  const char *end;
  const char *p;
  guint line = 1;
  gboolean seen_calendar = FALSE;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (data, length, &end))
    {
      guint bad_line = 1;

      for (const char *q = data; q < end; q++)
        if (*q == '\n')
          bad_line++;
      return ics_error (error, reader->source, bad_line, _("the text is not UTF-8"));
    }

  text = g_strndup (data, length);
  lines = g_ptr_array_new_with_free_func (string_free_cb);
  line_numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Unfold (§3.1): a line that starts with a space or a tab continues the
   * previous one. CRLF is the standard line end; a bare LF is accepted. */
  p = text;
  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      gsize len = eol ? (gsize) (eol - p) : strlen (p);

      if (len > 0 && p[len - 1] == '\r')
        len--;
      if ((*p == ' ' || *p == '\t') && lines->len > 0)
        g_string_append_len (g_ptr_array_index (lines, lines->len - 1), p + 1, (gssize) len - 1);
      else if (len > 0)
        {
          g_ptr_array_add (lines, g_string_new_len (p, (gssize) len));
          g_array_append_val (line_numbers, line);
        }
      line++;
      p = eol ? eol + 1 : p + strlen (p);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      GString *content = g_ptr_array_index (lines, i);
      guint at = g_array_index (line_numbers, guint, i);
      g_autoptr(GError) local_error = NULL;
      IcsProperty *property;

      property = ics_parse_line (content->str, at, reader->source, &local_error);
      if (property == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (stack->len == 0)
        {
          if (seen_calendar || !g_str_equal (property->name, "BEGIN") ||
              g_ascii_strcasecmp (property->value, "VCALENDAR") != 0)
            {
              ics_property_free (property);
              if (seen_calendar)
                return ics_error (error, reader->source, at,
                                  _("there is text after END:VCALENDAR"));
              return ics_error (error, reader->source, at,
                                _("this is not an iCalendar file (expected BEGIN:VCALENDAR)"));
            }
          seen_calendar = TRUE;
        }

      if (g_str_equal (property->name, "BEGIN"))
        {
          char *component = g_ascii_strup (property->value, -1);

          if (*component == '\0')
            {
              g_free (component);
              ics_property_free (property);
              return ics_error (error, reader->source, at, _("BEGIN names no component"));
            }
          if (stack->len == 1 && g_str_equal (component, "VEVENT"))
            {
              event = g_new0 (IcsEvent, 1);
              event->line = at;
              event->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) ics_property_free);
              g_ptr_array_add (reader->events, event);
            }
          g_ptr_array_add (stack, component);
          g_array_append_val (stack_lines, at);
          ics_property_free (property);
          continue;
        }

      if (g_str_equal (property->name, "END"))
        {
          g_autofree char *component = g_ascii_strup (property->value, -1);
          const char *open = g_ptr_array_index (stack, stack->len - 1);
          guint open_line = g_array_index (stack_lines, guint, stack_lines->len - 1);

          ics_property_free (property);
          if (!g_str_equal (component, open))
            return ics_error (error, reader->source, at,
                              _("END:%s does not match BEGIN:%s on line %u"),
                              component, open, open_line);
          if (stack->len == 2 && g_str_equal (component, "VEVENT"))
            event = NULL;
          g_ptr_array_remove_index (stack, stack->len - 1);
          g_array_remove_index (stack_lines, stack_lines->len - 1);
          continue;
        }

      /* Properties of an event itself, not of an alarm inside it */
      if (event != NULL && stack->len == 2)
        g_ptr_array_add (event->properties, property);
      else
        ics_property_free (property);
    }

  if (!seen_calendar)
    return ics_error (error, reader->source, 1,
                      _("this is not an iCalendar file (expected BEGIN:VCALENDAR)"));
  if (stack->len > 0)
    return ics_error (error, reader->source, line > 1 ? line - 1 : 1,
                      _("the file ends inside %s begun on line %u (END:%s missing)"),
                      (const char *) g_ptr_array_index (stack, stack->len - 1),
                      g_array_index (stack_lines, guint, stack_lines->len - 1),
                      (const char *) g_ptr_array_index (stack, stack->len - 1));
  return TRUE;
}

static IcsProperty *
event_get (IcsEvent   *event,
           const char *name)
{
  for (guint i = 0; i < event->properties->len; i++)
    {
      IcsProperty *property = g_ptr_array_index (event->properties, i);

      if (g_str_equal (property->name, name))
        return property;
    }
  return NULL;
}

/* The value of parameter @name, or NULL */
static char *
property_param (IcsProperty *property,
                const char  *name)
{
  g_auto(GStrv) params = g_strsplit (property->params, ";", -1);
  gsize name_len = strlen (name);

  for (guint i = 0; params[i] != NULL; i++)
    if (strncmp (params[i], name, name_len) == 0 && params[i][name_len] == '=')
      return g_strdup (params[i] + name_len + 1);
  return NULL;
}

/* Undoes append_escaped(): \\ \; \, \n \N. An unknown escape is kept as
 * written. */
static char *
unescape_text (const char *value)
{
  GString *text = g_string_sized_new (strlen (value));

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (text, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n':
        case 'N':
          g_string_append_c (text, '\n');
          break;
        case '\\':
        case ';':
        case ',':
          g_string_append_c (text, *p);
          break;
        default:
          g_string_append_c (text, '\\');
          g_string_append_c (text, *p);
        }
    }
  return g_string_free (text, FALSE);
}

static char *
event_text (IcsEvent   *event,
            const char *name)
{
  IcsProperty *property = event_get (event, name);

  return property ? unescape_text (property->value) : NULL;
}

static gboolean
all_digits (const char *text,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* A DATE or DATE-TIME value as a day and, for DATE-TIME, "HH:MM" in
 * Europe/Oslo. UTC values and other time zones are converted. */
static gboolean
parse_ics_time (IcsProperty  *property,
                const char   *source,
                GDate        *date,
                char        **time,
                GError      **error)
{
  g_autofree char *value_type = property_param (property, "VALUE");
  g_autofree char *tzid = property_param (property, "TZID");
  const char *v = property->value;
  gsize len = strlen (v);
  guint year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  gboolean utc = FALSE;

  *time = NULL;
  g_date_clear (date, 1);

  if (len >= 8 && all_digits (v, 8) && sscanf (v, "%4u%2u%2u", &year, &month, &day) == 3 &&
      g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      if (len == 8 && (value_type == NULL || g_ascii_strcasecmp (value_type, "DATE") == 0))
        {
          g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
          return TRUE;
        }
      if ((len == 15 || (len == 16 && v[15] == 'Z')) && v[8] == 'T' && all_digits (v + 9, 6) &&
          sscanf (v + 9, "%2u%2u%2u", &hour, &minute, &second) == 3 &&
          hour < 24 && minute < 60 && second < 61 &&
          (value_type == NULL || g_ascii_strcasecmp (value_type, "DATE-TIME") == 0))
        utc = len == 16;
      else
        year = 0;
    }
  else
    year = 0;

  if (year == 0)
    return ics_error (error, source, property->line,
                      _("%s: “%s” is not a date (YYYYMMDD) or a date and time (YYYYMMDDTHHMMSS)"),
                      property->name, v);

  if (utc || (tzid != NULL && !g_str_equal (tzid, BOS_CALENDAR_TZID)))
    {
      g_autoptr(GTimeZone) from = NULL;
      g_autoptr(GTimeZone) oslo = g_time_zone_new_identifier (BOS_CALENDAR_TZID);
      g_autoptr(GDateTime) dt = NULL;
      g_autoptr(GDateTime) local = NULL;

      from = utc ? g_time_zone_new_utc () : g_time_zone_new_identifier (tzid);
      if (from == NULL)
        return ics_error (error, source, property->line, _("%s: unknown time zone “%s”"),
                          property->name, tzid);
      if (oslo == NULL)
        oslo = g_time_zone_new_local ();
      dt = g_date_time_new (from, (int) year, (int) month, (int) day, (int) hour, (int) minute,
                            second);
      if (dt == NULL)
        return ics_error (error, source, property->line, _("%s: “%s” is not a valid time"),
                          property->name, v);
      local = g_date_time_to_timezone (dt, oslo);
      year = (guint) g_date_time_get_year (local);
      month = (guint) g_date_time_get_month (local);
      day = (guint) g_date_time_get_day_of_month (local);
      hour = (guint) g_date_time_get_hour (local);
      minute = (guint) g_date_time_get_minute (local);
    }

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  *time = g_strdup_printf ("%02u:%02u", hour, minute);
  return TRUE;
}

/* "activity:…@bosetting" → "activity:…"; any other UID gets an id derived
 * from it, so importing the same file twice updates instead of adding. */
static char *
id_from_uid (const char *uid)
{
  gsize len = strlen (uid);
  gsize suffix_len = strlen (BOS_CALENDAR_UID_SUFFIX);

  if (g_str_has_prefix (uid, "activity:") && len > suffix_len + 9 &&
      g_str_has_suffix (uid, BOS_CALENDAR_UID_SUFFIX))
    {
      gboolean plain = TRUE;

      for (gsize i = 9; i < len - suffix_len; i++)
        plain &= g_ascii_isalnum (uid[i]) || uid[i] == '-' || uid[i] == ':' || uid[i] == '_';
      if (plain)
        return g_strndup (uid, len - suffix_len);
    }
  {
    g_autofree char *name = g_strconcat ("uid/", uid, NULL);
    return name_based_id (name);
  }
}

static BosActivity *
activity_from_event (IcsEvent     *event,
                     const char   *plan_id,
                     const char   *source,
                     GError      **error)
{
  g_autoptr(BosActivity) activity = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *start_time = NULL;
  g_autofree char *end_time = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  IcsProperty *property;
  IcsProperty *dtstart;
  IcsProperty *dtend;
  GDate first, last;
  BosPlanDate start, end;
  gboolean start_month = FALSE, end_month = FALSE;

  uid = event_text (event, "UID");
  if (uid == NULL || *uid == '\0')
    {
      ics_error (error, source, event->line, _("the event has no UID"));
      return NULL;
    }
  if ((property = event_get (event, "RRULE")) != NULL ||
      (property = event_get (event, "RDATE")) != NULL ||
      (property = event_get (event, "RECURRENCE-ID")) != NULL)
    {
      ics_error (error, source, property->line, _("%s: repeating events are not supported"),
                 property->name);
      return NULL;
    }
  if ((property = event_get (event, "DURATION")) != NULL)
    {
      ics_error (error, source, property->line, _("DURATION is not supported (use DTEND)"));
      return NULL;
    }

  title = event_text (event, "SUMMARY");
  if (title == NULL || *g_strstrip (title) == '\0')
    {
      property = event_get (event, "SUMMARY");
      ics_error (error, source, property ? property->line : event->line,
                 _("SUMMARY: the event has no title"));
      return NULL;
    }

  dtstart = event_get (event, "DTSTART");
  if (dtstart == NULL)
    {
      ics_error (error, source, event->line, _("the event “%s” has no DTSTART"), title);
      return NULL;
    }
  if (!parse_ics_time (dtstart, source, &first, &start_time, error))
    return NULL;

  dtend = event_get (event, "DTEND");
  if (dtend != NULL)
    {
      if (!parse_ics_time (dtend, source, &last, &end_time, error))
        return NULL;
      if ((start_time == NULL) != (end_time == NULL))
        {
          ics_error (error, source, dtend->line,
                     _("DTEND: a date and a date with time cannot be mixed (see DTSTART)"));
          return NULL;
        }
      if (start_time == NULL)
        g_date_subtract_days (&last, 1);  /* exclusive */
      else if (g_str_equal (end_time, "00:00") && g_date_compare (&last, &first) > 0)
        {
          /* Runs through the day before */
          g_date_subtract_days (&last, 1);
          g_clear_pointer (&end_time, g_free);
        }
      if (g_date_compare (&last, &first) < 0)
        {
          ics_error (error, source, dtend->line, _("DTEND: the event ends before it starts"));
          return NULL;
        }
    }
  else
    last = first;

  if ((property = event_get (event, "X-BOSETTING-MONTH-ONLY")) != NULL)
    {
      if (g_ascii_strcasecmp (property->value, "BOTH") == 0)
        start_month = end_month = TRUE;
      else if (g_ascii_strcasecmp (property->value, "START") == 0)
        start_month = TRUE;
      else if (g_ascii_strcasecmp (property->value, "END") == 0)
        end_month = TRUE;
      else
        {
          ics_error (error, source, property->line,
                     _("X-BOSETTING-MONTH-ONLY: “%s” is not START, END or BOTH"),
                     property->value);
          return NULL;
        }
      if (start_time != NULL)
        {
          ics_error (error, source, property->line,
                     _("X-BOSETTING-MONTH-ONLY: a month cannot have a time of day"));
          return NULL;
        }
    }

  bos_plan_date_set_gdate (&start, &first);
  bos_plan_date_set_gdate (&end, &last);
  if (start_month)
    start.day = 0;
  if (end_month)
    end.day = 0;

  id = id_from_uid (uid);
  activity = g_object_new (BOS_TYPE_ACTIVITY, "plan-id", plan_id, "id", id, NULL);
  bos_activity_set_title (activity, title);
  {
    g_autofree char *start_text = bos_plan_date_to_string (&start);
    g_autofree char *end_text = bos_plan_date_to_string (&end);

    bos_activity_set_start (activity, start_text);
    bos_activity_set_end (activity, end_text);
  }
  bos_activity_set_start_time (activity, start_time);
  bos_activity_set_end_time (activity, end_time);

  if ((property = event_get (event, "X-BOSETTING-KIND")) != NULL)
    {
      BosActivityKind kind;

      if (!bos_activity_kind_from_string (property->value, &kind))
        {
          ics_error (error, source, property->line,
                     _("X-BOSETTING-KIND: “%s” is not a kind of activity (criteria, need, "
                       "county_distribution, meeting, letters, answer_deadline or other)"),
                     property->value);
          return NULL;
        }
      bos_activity_set_kind (activity, kind);
    }

  if ((property = event_get (event, "X-BOSETTING-STATUS")) != NULL)
    {
      BosActivityStatus status;

      if (!bos_activity_status_from_string (property->value, &status))
        {
          ics_error (error, source, property->line,
                     _("X-BOSETTING-STATUS: “%s” is not a status (planned, in_progress, done "
                       "or cancelled)"),
                     property->value);
          return NULL;
        }
      bos_activity_set_status (activity, status);
    }
  else if ((property = event_get (event, "STATUS")) != NULL &&
           g_ascii_strcasecmp (property->value, "CANCELLED") == 0)
    bos_activity_set_status (activity, BOS_ACTIVITY_STATUS_CANCELLED);

  text = event_text (event, "X-BOSETTING-DESCRIPTION");
  if (text == NULL)
    text = event_text (event, "DESCRIPTION");
  bos_activity_set_description (activity, text);
  g_clear_pointer (&text, g_free);

#define SET_TEXT(property_name, setter) G_STMT_START { \
    text = event_text (event, property_name); \
    setter (activity, text); \
    g_clear_pointer (&text, g_free); \
  } G_STMT_END
  SET_TEXT ("LOCATION", bos_activity_set_location);
  SET_TEXT ("X-BOSETTING-RESPONSIBLE", bos_activity_set_responsible);
  SET_TEXT ("X-BOSETTING-PARTICIPANTS", bos_activity_set_participants);
  SET_TEXT ("X-BOSETTING-NOTES", bos_activity_set_notes);
  SET_TEXT ("X-BOSETTING-COUNTY", bos_activity_set_county_code);
#undef SET_TEXT

  if ((property = event_get (event, "URL")) != NULL)
    bos_activity_set_video_link (activity, property->value);

  if (!bos_activity_validate (activity, &local_error))
    {
      ics_error (error, source, event->line, _("the event “%s”: %s"), title,
                 local_error->message);
      return NULL;
    }

  return g_steal_pointer (&activity);
}

/**
 * bos_calendar_import_ics:
 * @plan_id: the plan to import into
 * @data: the file's bytes
 * @length: their number
 * @source_name: the file's name, for messages
 * @n_created: (out) (optional): how many activities were added
 * @n_updated: (out) (optional): how many existing activities changed
 *
 * Reads an iCalendar file as bos_calendar_to_ics() writes it (other
 * calendars' all-day and timed events work too) and stores its events in
 * one transaction: an event whose UID is an activity of the plan updates
 * it; any other event becomes a new activity. Activities not in the file
 * are kept. On any error nothing is changed and the message names the line
 * and the property.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bos_calendar_import_ics (BosStore    *store,
                         const char  *plan_id,
                         const char  *data,
                         gsize        length,
                         const char  *source_name,
                         guint       *n_created,
                         guint       *n_updated,
                         GError     **error)
{
  IcsReader reader = { 0 };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ics_event_free);
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(BosPlan) plan = NULL;
  guint created = 0, updated = 0;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (source_name == NULL)
    source_name = "calendar.ics";

  plan = bos_plan_load (store, plan_id, error);
  if (plan == NULL)
    return FALSE;

  /* Read and check everything before writing anything. */
  reader.source = source_name;
  reader.events = events;
  if (!ics_read (&reader, data ? data : "", length, error))
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      IcsEvent *event = g_ptr_array_index (events, i);
      BosActivity *activity = activity_from_event (event, plan_id, source_name, error);
      gpointer first_line;

      if (activity == NULL)
        return FALSE;
      if (g_hash_table_lookup_extended (seen, bos_activity_get_id (activity), NULL, &first_line))
        {
          IcsProperty *uid = event_get (event, "UID");

          ics_error (error, source_name, uid->line,
                     _("UID: the event “%s” appears twice (first on line %u)"),
                     bos_activity_get_title (activity), GPOINTER_TO_UINT (first_line));
          g_object_unref (activity);
          return FALSE;
        }
      g_ptr_array_add (activities, activity);
      g_hash_table_insert (seen, (gpointer) bos_activity_get_id (activity),
                           GUINT_TO_POINTER (event->line));
    }

  if (!bos_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < activities->len; i++)
    {
      BosActivity *activity = g_ptr_array_index (activities, i);
      IcsEvent *event = g_ptr_array_index (events, i);
      g_autofree char *owner = NULL;
      gboolean exists, deleted;

      if (!activity_row_state (store, bos_activity_get_id (activity), &exists, &deleted, &owner,
                               error))
        goto failed;

      if (exists && !g_str_equal (owner, plan_id))
        {
          ics_error (error, source_name, event->line,
                     _("the event “%s” belongs to the plan “%s”, not to “%s”"),
                     bos_activity_get_title (activity), owner, plan_id);
          goto failed;
        }

      if (exists && !deleted)
        {
          int before;
          g_autoptr(BosActivity) stored = bos_activity_load (store, bos_activity_get_id (activity),
                                                             error);
          if (stored == NULL)
            goto failed;
          before = bos_activity_get_sequence (stored);
          if (!bos_activity_update (store, activity, "import", error))
            goto failed;
          if (bos_activity_get_sequence (activity) != before)
            updated++;
        }
      else
        {
          if (!bos_activity_create (store, activity, error))
            goto failed;
          created++;
        }
    }

  if (!bos_store_commit (store, error))
    goto failed;

  if ((created > 0 || updated > 0) && sqlite3_get_autocommit (bos_store_get_db (store)))
    bos_store_emit_changed (store, "activity");

  if (n_created != NULL)
    *n_created = created;
  if (n_updated != NULL)
    *n_updated = updated;
  return TRUE;

failed:
  bos_store_rollback (store);
  return FALSE;
}

/**
 * bos_calendar_import_ics_file:
 * @file: an .ics file
 *
 * bos_calendar_import_ics() on the contents of @file.
 */
gboolean
bos_calendar_import_ics_file (BosStore    *store,
                              const char  *plan_id,
                              GFile       *file,
                              guint       *n_created,
                              guint       *n_updated,
                              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (BOS_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  name = g_file_get_basename (file);
  return bos_calendar_import_ics (store, plan_id, contents, length, name, n_created, n_updated,
                                  error);
}
