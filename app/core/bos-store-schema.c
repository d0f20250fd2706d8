/* bos-store-schema.c: forward-only migrations of the Bosetting database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry takes the database one version up and is never edited once it
 * has shipped: a change is a new entry at the end.
 *
 * Reference tables (counties, municipalities, population, code history,
 * settlement history) are facts with sources, replaced by imports.
 * Tables that users edit carry the columns sync.md needs from day one:
 *   id        stable text id ("plan:2027:national", "type:uuid"),
 *   base_rev  the server revision the record was last synced from ('' = never),
 *   dirty     1 when the local record has edits the server has not confirmed,
 *   deleted   1 for a tombstone that still has to reach the server,
 *   conflicts the server's _conflicts as a JSON array, or NULL,
 *   modified  ISO 8601 UTC time of the last edit, author who made it.
 *
 * CHECKs on tables that imports fill list values with OR, not IN (…): SQLite
 * 3.40 builds a temporary b-tree for an IN list of three or more values on
 * every INSERT, which made seeding the settlement history three times
 * slower.
 */
#include "bos-store-schema.h"

#define SYNC_COLUMNS \
  "  base_rev   TEXT NOT NULL DEFAULT '',\n" \
  "  dirty      INTEGER NOT NULL DEFAULT 1 CHECK (dirty IN (0, 1)),\n" \
  "  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),\n" \
  "  conflicts  TEXT,\n" \
  "  modified   TEXT NOT NULL,\n" \
  "  author     TEXT NOT NULL DEFAULT ''\n"

/* 'YYYY-MM' or 'YYYY-MM-DD' with month 01-12 and day 01-31; the program
 * checks the real calendar (no 31 June) before writing. */
#define PLAN_DATE_CHECK(col) \
  "(" col " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND date (" col " || '-01') IS NOT NULL)" \
  " OR (" col " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date (" col ") IS NOT NULL)"

/* NULL or a real calendar date 'YYYY-MM-DD' (SQLite's date () rolls 30
 * February over to March, so the value must come back unchanged). */
#define CALENDAR_DATE_CHECK(col) \
  col " IS NULL OR (" col " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'" \
  " AND date (" col ") = " col ")"

/* NULL or 'HH:MM' from 00:00 to 23:59 */
#define PLAN_TIME_CHECK(col) \
  col " IS NULL OR (" col " GLOB '[0-2][0-9]:[0-5][0-9]' AND " col " < '24:00')"

static const char * const migrations[] = {
  /* 0 → 1: reference data, plans, the change log and sync bookkeeping */
  "CREATE TABLE meta (\n"
  "  key   TEXT PRIMARY KEY,\n"
  "  value TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE county (\n"
  "  code TEXT PRIMARY KEY CHECK (length (code) = 2),\n"
  "  name TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE municipality (\n"
  "  code          TEXT PRIMARY KEY CHECK (length (code) = 4),\n"
  "  name          TEXT NOT NULL,\n"
  "  county_code   TEXT NOT NULL REFERENCES county (code),\n"
  "  area_km2      REAL,\n"
  "  admin_centre  TEXT,\n"
  "  language_form TEXT NOT NULL CHECK (language_form = 'bokmal' OR language_form = 'nynorsk'\n"
  "                                      OR language_form = 'neutral')\n"
  ");\n"
  "CREATE INDEX municipality_county ON municipality (county_code);\n"
  "CREATE TABLE population (\n"
  "  code    TEXT NOT NULL REFERENCES municipality (code) ON DELETE CASCADE,\n"
  "  year    INTEGER NOT NULL,\n"
  "  persons INTEGER NOT NULL CHECK (persons >= 0),\n"
  "  PRIMARY KEY (code, year)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE code_history (\n"
  "  old_code   TEXT NOT NULL,\n"
  "  old_name   TEXT NOT NULL,\n"
  "  first_year INTEGER,\n"
  "  last_year  INTEGER,\n"
  "  code_2024  TEXT REFERENCES municipality (code),\n"
  "  share      REAL CHECK (share IS NULL OR (share > 0 AND share <= 1))\n"
  ");\n"
  "CREATE UNIQUE INDEX code_history_pair ON code_history (old_code, ifnull (code_2024, ''));\n"
  "CREATE INDEX code_history_new ON code_history (code_2024);\n"
  "CREATE TABLE immigrant_share (\n"
  "  code       TEXT NOT NULL REFERENCES municipality (code) ON DELETE CASCADE,\n"
  "  year       INTEGER NOT NULL,\n"
  "  population INTEGER,\n"
  "  immigrants INTEGER,\n"
  "  share_pct  REAL NOT NULL CHECK (share_pct >= 0 AND share_pct <= 100),\n"
  "  PRIMARY KEY (code, year)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE settlement_history (\n"
  "  year    INTEGER NOT NULL,\n"
  "  code    TEXT NOT NULL,\n"
  "  name    TEXT NOT NULL DEFAULT '',\n"
  "  kind    TEXT NOT NULL CHECK (kind = 'request' OR kind = 'decision' OR kind = 'settled'\n"
  "                                OR kind = 'original_request'),\n"
  "  persons INTEGER CHECK (persons IS NULL OR persons >= 0),\n"
  "  status  TEXT NOT NULL CHECK (status = 'ok' OR status = 'missing' OR status = 'suppressed'),\n"
  "  PRIMARY KEY (year, code, kind)\n"
  ") WITHOUT ROWID;\n"
  "CREATE INDEX settlement_history_code ON settlement_history (code);\n"
  "CREATE TABLE plan (\n"
  "  id           TEXT PRIMARY KEY,\n"
  "  year         INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),\n"
  "  scope        TEXT NOT NULL DEFAULT 'national',\n"
  "  need         INTEGER NOT NULL CHECK (need >= 0),\n"
  "  minors       INTEGER NOT NULL DEFAULT 0 CHECK (minors >= 0 AND minors <= need),\n"
  "  resettlement INTEGER NOT NULL DEFAULT 0 CHECK (resettlement >= 0 AND resettlement <= need),\n"
  "  status       TEXT NOT NULL DEFAULT 'draft',\n"
  "  is_demo      INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),\n"
  "  created      TEXT NOT NULL,\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE UNIQUE INDEX plan_year_scope ON plan (year, scope);\n"
  "CREATE TABLE change_log (\n"
  "  seq       INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  at        TEXT NOT NULL,\n"
  "  author    TEXT NOT NULL,\n"
  "  record_id TEXT NOT NULL,\n"
  "  field     TEXT NOT NULL,\n"
  "  old_value TEXT,\n"
  "  new_value TEXT,\n"
  "  why       TEXT\n"
  ");\n"
  "CREATE INDEX change_log_record ON change_log (record_id);\n"
  "CREATE TABLE sync_server (\n"
  "  url       TEXT NOT NULL,\n"
  "  database  TEXT NOT NULL,\n"
  "  client_id TEXT NOT NULL,\n"
  "  last_seq  TEXT NOT NULL DEFAULT '',\n"
  "  PRIMARY KEY (url, database)\n"
  ");\n",

  /* 1 → 2: distribution scenarios of a plan, their per-municipality
   * settings (locks, exclusions, adjustments, caps) and indicators per year */
  "ALTER TABLE plan ADD COLUMN chosen_scenario TEXT;\n"
  "CREATE TABLE scenario (\n"
  "  id        TEXT PRIMARY KEY,\n"
  "  plan_id   TEXT NOT NULL REFERENCES plan (id),\n"
  "  name      TEXT NOT NULL,\n"
  "  by_county INTEGER NOT NULL DEFAULT 1 CHECK (by_county IN (0, 1)),\n"
  "  criteria  TEXT NOT NULL,\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE INDEX scenario_plan ON scenario (plan_id);\n"
  "CREATE TABLE scenario_municipality (\n"
  "  id          TEXT PRIMARY KEY,\n"
  "  scenario_id TEXT NOT NULL REFERENCES scenario (id),\n"
  "  code        TEXT NOT NULL REFERENCES municipality (code),\n"
  "  adjustment  REAL NOT NULL DEFAULT 1.0 CHECK (adjustment >= 0),\n"
  "  locked      INTEGER CHECK (locked IS NULL OR locked >= 0),\n"
  "  lock_reason TEXT,\n"
  "  lock_source TEXT,\n"
  "  excluded    INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),\n"
  "  included    INTEGER NOT NULL DEFAULT 0 CHECK (included IN (0, 1)),\n"
  "  ema_capable INTEGER NOT NULL DEFAULT 1 CHECK (ema_capable IN (0, 1)),\n"
  "  cap         INTEGER CHECK (cap IS NULL OR cap >= 0),\n"
  "  note        TEXT,\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE UNIQUE INDEX scenario_municipality_key ON scenario_municipality (scenario_id, code);\n"
  "CREATE TABLE indicator (\n"
  "  id     TEXT PRIMARY KEY,\n"
  "  year   INTEGER NOT NULL,\n"
  "  code   TEXT NOT NULL REFERENCES municipality (code),\n"
  "  name   TEXT NOT NULL,\n"
  "  value  REAL NOT NULL CHECK (value >= 0),\n"
  "  source TEXT NOT NULL DEFAULT '',\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE UNIQUE INDEX indicator_key ON indicator (year, code, name);\n",

  /* 2 → 3: the yearly cycle (årshjul) of a plan. A collaboration meeting is
   * an activity of kind 'meeting'; its participants, agenda and agreed
   * numbers go in tables that refer to activity (id). Dates are 'YYYY-MM-DD'
   * or month-only 'YYYY-MM'; times 'HH:MM' (Europe/Oslo). county_code has no
   * foreign key: county codes change with reforms and a record may arrive
   * by sync before the county list is imported. */
  "CREATE TABLE activity (\n"
  "  id           TEXT PRIMARY KEY CHECK (id LIKE 'activity:%'),\n"
  "  plan_id      TEXT NOT NULL REFERENCES plan (id),\n"
  "  kind         TEXT NOT NULL CHECK (kind IN ('criteria', 'need', 'county_distribution',\n"
  "                                            'meeting', 'letters', 'answer_deadline',\n"
  "                                            'other')),\n"
  "  title        TEXT NOT NULL CHECK (title <> ''),\n"
  "  description  TEXT NOT NULL DEFAULT '',\n"
  "  start_date   TEXT NOT NULL CHECK (" PLAN_DATE_CHECK ("start_date") "),\n"
  "  end_date     TEXT NOT NULL CHECK (" PLAN_DATE_CHECK ("end_date") "),\n"
  "  start_time   TEXT CHECK (" PLAN_TIME_CHECK ("start_time") "),\n"
  "  end_time     TEXT CHECK (" PLAN_TIME_CHECK ("end_time") "),\n"
  "  responsible  TEXT NOT NULL DEFAULT '',\n"
  "  participants TEXT NOT NULL DEFAULT '',\n"
  "  status       TEXT NOT NULL DEFAULT 'planned'\n"
  "                 CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),\n"
  "  notes        TEXT NOT NULL DEFAULT '',\n"
  "  location     TEXT NOT NULL DEFAULT '',\n"
  "  video_link   TEXT NOT NULL DEFAULT '',\n"
  "  county_code  TEXT CHECK (county_code IS NULL OR county_code GLOB '[0-9][0-9]'),\n"
  "  sequence     INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE INDEX activity_plan ON activity (plan_id, start_date);\n",

  /* 3 → 4: the municipalities' decisions and the request letters.
   * Ids are natural keys, so two planners who register the same answer
   * offline meet in one record: "decision:YEAR:CODE", "letter:YEAR:CODE",
   * "letter_template:LANGUAGE", "letter_language:CODE" and
   * "letter_settings:YEAR:SCOPE" (the plan id without "plan:"). Dates are
   * real calendar dates 'YYYY-MM-DD' (date (x) = x rejects 30 February).
   * A letter marked sent is frozen: what was sent (the merged text and the
   * merge values) stays as stored. The trigger refuses local edits of a
   * sent letter's content (dirty = 1); records written by sync from the
   * server (dirty = 0) and tombstones are let through, so a server's
   * version can still be applied and conflicts shown. */
  "CREATE TABLE decision (\n"
  "  id         TEXT PRIMARY KEY CHECK (id LIKE 'decision:%'),\n"
  "  plan_id    TEXT NOT NULL REFERENCES plan (id),\n"
  "  year       INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),\n"
  "  code       TEXT NOT NULL REFERENCES municipality (code),\n"
  "  persons    INTEGER NOT NULL CHECK (persons >= 0),\n"
  "  minors     INTEGER NOT NULL DEFAULT 0 CHECK (minors >= 0 AND minors <= persons),\n"
  "  decided_on TEXT CHECK (" CALENDAR_DATE_CHECK ("decided_on") "),\n"
  "  reference  TEXT NOT NULL DEFAULT '',\n"
  "  note       TEXT NOT NULL DEFAULT '',\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE UNIQUE INDEX decision_year_code ON decision (year, code);\n"
  "CREATE INDEX decision_plan ON decision (plan_id);\n"
  "CREATE TABLE letter (\n"
  "  id           TEXT PRIMARY KEY CHECK (id LIKE 'letter:%'),\n"
  "  plan_id      TEXT NOT NULL REFERENCES plan (id),\n"
  "  year         INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),\n"
  "  code         TEXT NOT NULL REFERENCES municipality (code),\n"
  "  language     TEXT NOT NULL CHECK (language = 'nb' OR language = 'nn'),\n"
  "  status       TEXT NOT NULL DEFAULT 'draft' CHECK (status = 'draft' OR status = 'sent'),\n"
  "  sent_on      TEXT CHECK (" CALENDAR_DATE_CHECK ("sent_on") "),\n"
  "  merge_values TEXT NOT NULL DEFAULT '{}',\n"
  "  content      TEXT NOT NULL DEFAULT '',\n"
  SYNC_COLUMNS
  "  , CHECK ((status = 'draft' AND sent_on IS NULL)\n"
  "           OR (status = 'sent' AND sent_on IS NOT NULL AND content <> ''))\n"
  ");\n"
  "CREATE UNIQUE INDEX letter_year_code ON letter (year, code);\n"
  "CREATE INDEX letter_plan ON letter (plan_id);\n"
  "CREATE TRIGGER letter_sent_is_frozen BEFORE UPDATE ON letter\n"
  "  WHEN OLD.status = 'sent' AND NEW.dirty = 1 AND NEW.deleted = 0\n"
  "    AND (NEW.status IS NOT OLD.status OR NEW.sent_on IS NOT OLD.sent_on\n"
  "         OR NEW.language IS NOT OLD.language OR NEW.merge_values IS NOT OLD.merge_values\n"
  "         OR NEW.content IS NOT OLD.content OR NEW.code IS NOT OLD.code\n"
  "         OR NEW.year IS NOT OLD.year OR NEW.plan_id IS NOT OLD.plan_id)\n"
  "BEGIN\n"
  "  SELECT RAISE (ABORT, 'the letter was sent and cannot be changed');\n"
  "END;\n"
  "CREATE TABLE letter_template (\n"
  "  id       TEXT PRIMARY KEY CHECK (id LIKE 'letter_template:%'),\n"
  "  language TEXT NOT NULL UNIQUE CHECK (language = 'nb' OR language = 'nn'),\n"
  "  body     TEXT NOT NULL,\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE TABLE letter_language (\n"
  "  id       TEXT PRIMARY KEY CHECK (id LIKE 'letter_language:%'),\n"
  "  code     TEXT NOT NULL UNIQUE REFERENCES municipality (code),\n"
  "  language TEXT NOT NULL CHECK (language = 'nb' OR language = 'nn'),\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE TABLE letter_settings (\n"
  "  id              TEXT PRIMARY KEY CHECK (id LIKE 'letter_settings:%'),\n"
  "  plan_id         TEXT NOT NULL UNIQUE REFERENCES plan (id),\n"
  "  sender          TEXT NOT NULL DEFAULT '',\n"
  "  contact         TEXT NOT NULL DEFAULT '',\n"
  "  signatory       TEXT NOT NULL DEFAULT '',\n"
  "  signatory_title TEXT NOT NULL DEFAULT '',\n"
  "  reference       TEXT NOT NULL DEFAULT '',\n"
  "  letter_date     TEXT CHECK (" CALENDAR_DATE_CHECK ("letter_date") "),\n"
  SYNC_COLUMNS
  ");\n",

  /* 4 → 5: sync bookkeeping (sync.md, app/core/bos-sync-*.c).
   * audit: immutable audit documents "audit:UUID" (who = author, when =
   * modified, which record and field, old and new value, why) for changes
   * to numbers. They sync like every other record but are never edited,
   * so they never conflict; plan_id and code (a municipality) are for the
   * audit views and have no foreign key: an audit entry must never block.
   * sync_conflict: a record whose local edit met another server version
   * (kind 'edit') or whose server document has _conflicts (kind 'server'),
   * both versions as JSON, kept until a planner decides.
   * sync_pending: documents received that cannot be stored yet (a parent
   * that has not arrived, a type from a newer Bosetting, a value this
   * version refuses), retried at every sync.
   * sync_extra: fields of a record that this version has no column for,
   * kept and sent back unchanged.
   * sync_digest: per record, a digest of the server version it was last
   * synced from (base) and of what the last push sent (inflight), so a
   * server that holds exactly our base (after a reset) or our own write
   * whose answer was lost on the way is not taken for a conflict. */
  "CREATE TABLE audit (\n"
  "  id        TEXT PRIMARY KEY CHECK (id LIKE 'audit:%'),\n"
  "  record_id TEXT NOT NULL,\n"
  "  plan_id   TEXT,\n"
  "  code      TEXT,\n"
  "  field     TEXT NOT NULL,\n"
  "  old_value TEXT,\n"
  "  new_value TEXT,\n"
  "  why       TEXT NOT NULL DEFAULT '',\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE INDEX audit_record ON audit (record_id);\n"
  "CREATE INDEX audit_plan ON audit (plan_id);\n"
  "CREATE INDEX audit_code ON audit (code);\n"
  "CREATE TABLE sync_conflict (\n"
  "  record_id   TEXT PRIMARY KEY,\n"
  "  record_type TEXT NOT NULL,\n"
  "  kind        TEXT NOT NULL CHECK (kind = 'edit' OR kind = 'server'),\n"
  "  server_rev  TEXT NOT NULL DEFAULT '',\n"
  "  server_doc  TEXT NOT NULL,\n"
  "  local_doc   TEXT NOT NULL,\n"
  "  losing_revs TEXT,\n"
  "  detected    TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE sync_pending (\n"
  "  record_id TEXT PRIMARY KEY,\n"
  "  doc       TEXT NOT NULL,\n"
  "  reason    TEXT NOT NULL CHECK (reason = 'parent' OR reason = 'type' OR reason = 'invalid'),\n"
  "  message   TEXT NOT NULL DEFAULT '',\n"
  "  received  TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE sync_extra (\n"
  "  record_id TEXT PRIMARY KEY,\n"
  "  fields    TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE sync_digest (\n"
  "  record_id TEXT PRIMARY KEY,\n"
  "  base      TEXT,\n"
  "  inflight  TEXT\n"
  ");\n",

  /* 5 → 6: collaboration meetings (activities of kind 'meeting').
   * meeting_participant: who takes part (organisation, name, role, e-mail),
   * in the order listed. agenda_item: the agenda, in order.
   * meeting_municipality: one row per municipality of the county a meeting
   * covers: the request proposed when the meeting took up the county
   * (proposed; their sum is the county total the meeting keeps), the
   * request after the meeting's agreements (result), and the agreed number
   * with why, when and by whom. An agreed number is also a lock in the
   * scenario (scenario_id) with lock_source = the activity id and
   * lock_reason = why; each change is in the change log and the audit.
   * Ids: "meeting_participant:UUID", "agenda_item:UUID" and the natural key
   * "meeting_municipality:<activity uuid>:<code>", so two planners who
   * agree the same number offline meet in one record. */
  "CREATE TABLE meeting_participant (\n"
  "  id           TEXT PRIMARY KEY CHECK (id LIKE 'meeting_participant:%'),\n"
  "  activity_id  TEXT NOT NULL REFERENCES activity (id),\n"
  "  position     INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),\n"
  "  organisation TEXT NOT NULL DEFAULT '',\n"
  "  name         TEXT NOT NULL DEFAULT '',\n"
  "  role         TEXT NOT NULL DEFAULT '',\n"
  "  email        TEXT NOT NULL DEFAULT '',\n"
  SYNC_COLUMNS
  "  , CHECK (organisation <> '' OR name <> '')\n"
  ");\n"
  "CREATE INDEX meeting_participant_activity ON meeting_participant (activity_id, position);\n"
  "CREATE TABLE agenda_item (\n"
  "  id          TEXT PRIMARY KEY CHECK (id LIKE 'agenda_item:%'),\n"
  "  activity_id TEXT NOT NULL REFERENCES activity (id),\n"
  "  position    INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),\n"
  "  title       TEXT NOT NULL CHECK (title <> ''),\n"
  "  notes       TEXT NOT NULL DEFAULT '',\n"
  SYNC_COLUMNS
  ");\n"
  "CREATE INDEX agenda_item_activity ON agenda_item (activity_id, position);\n"
  "CREATE TABLE meeting_municipality (\n"
  "  id          TEXT PRIMARY KEY CHECK (id LIKE 'meeting_municipality:%'),\n"
  "  activity_id TEXT NOT NULL REFERENCES activity (id),\n"
  "  scenario_id TEXT REFERENCES scenario (id),\n"
  "  code        TEXT NOT NULL REFERENCES municipality (code),\n"
  "  proposed    INTEGER NOT NULL CHECK (proposed >= 0),\n"
  "  result      INTEGER NOT NULL CHECK (result >= 0),\n"
  "  agreed      INTEGER CHECK (agreed IS NULL OR agreed >= 0),\n"
  "  why         TEXT NOT NULL DEFAULT '',\n"
  "  agreed_at   TEXT,\n"
  "  agreed_by   TEXT NOT NULL DEFAULT '',\n"
  SYNC_COLUMNS
  "  , CHECK ((agreed IS NULL) = (agreed_at IS NULL))\n"
  ");\n"
  "CREATE UNIQUE INDEX meeting_municipality_key ON meeting_municipality (activity_id, code);\n",

  /* 6 → 7: every plan has a distribution scenario and a chosen one
   * (bos-plan-scenario.c). bos_plan_create() gives new plans theirs; plans
   * made before get the same default scenario here: the natural key
   * "scenario:YEAR:SCOPE:default" (so two planners meet in one record),
   * named "Default", with distribution.md's default criteria and
   * population as the only factor (bos_criteria_to_json() of
   * bos_criteria_init()), two-stage for national plans. */
  "INSERT INTO scenario (id, plan_id, name, by_county, criteria, modified, author, dirty, deleted)\n"
  "  SELECT 'scenario:' || substr (p.id, 6) || ':default', p.id, 'Default',\n"
  "         p.scope = 'national',\n"
  "         '{\"factors\": [{\"indicator\": \"population\", \"weight\": 1.0, \"mode\": \"share\"}], '\n"
  "         || '\"min_request\": 10, \"drop_below\": 5, \"max_immigrant_share\": 30.0, '\n"
  "         || '\"min_population\": 0, \"max_per_1000\": null, \"largest_n\": 0, '\n"
  "         || '\"largest_factor\": 1.0, \"ema_min_request\": 0, \"ema_drop_below\": 0}',\n"
  "         strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), p.author, 1, 0\n"
  "  FROM plan p\n"
  "  WHERE p.deleted = 0 AND p.id LIKE 'plan:%'\n"
  "    AND NOT EXISTS (SELECT 1 FROM scenario s WHERE s.plan_id = p.id AND s.deleted = 0)\n"
  "  ON CONFLICT (id) DO NOTHING;\n"
  "UPDATE plan SET chosen_scenario = 'scenario:' || substr (id, 6) || ':default', dirty = 1\n"
  "  WHERE deleted = 0 AND chosen_scenario IS NULL\n"
  "    AND EXISTS (SELECT 1 FROM scenario s\n"
  "                WHERE s.id = 'scenario:' || substr (plan.id, 6) || ':default' AND s.deleted = 0);\n",
};

const char * const *
bos_store_schema_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
