/* test-import.c: every importer on good and bad files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "bos-error.h"
#include "bos-history.h"
#include "bos-import.h"

#include "bos-test-util.h"

typedef struct
{
  char     *dir;
  BosStore *store;
} Fixture;

/* An empty database (no seed). */
static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("bos-test-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.sqlite", NULL);
  fixture->store = bos_store_open (path, BOS_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
}

/* A copy of a seeded database. */
static void
fixture_set_up_seeded (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bos-test-import-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = bos_test_open_seeded_copy (fixture->dir, "test.sqlite");
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
import_data_file (BosStore       *store,
                  BosImportKind   kind,
                  const char     *name,
                  BosImportStats *stats)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bos_test_data_path (name);

  g_assert_true (bos_import_file (store, kind, path, stats, &error));
  g_assert_no_error (error);
}

/* The small test world: 3 municipalities, a code history with splits. */
static void
import_small_world (BosStore *store)
{
  import_data_file (store, BOS_IMPORT_MUNICIPALITIES, "municipalities-small.csv", NULL);
  import_data_file (store, BOS_IMPORT_CODE_HISTORY, "code-history-small.csv", NULL);
}

/* Imports @contents as a file named @name and expects an error whose
 * message contains each of the NULL-terminated strings. The database must
 * be unchanged afterwards. */
static void
assert_import_fails (Fixture       *fixture,
                     BosImportKind  kind,
                     const char    *name,
                     const char    *contents,
                     gssize         length,
                     int            code,
                     ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bos_test_write_file (fixture->dir, name, contents, length);
  g_autofree char *before = bos_test_checksum (fixture->store);
  g_autofree char *after = NULL;
  BosImportStats stats;
  const char *expected;
  va_list args;

  g_assert_false (bos_import_file (fixture->store, kind, path, &stats, &error));
  g_assert_error (error, BOS_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  va_start (args, code);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, expected) == NULL)
        g_error ("“%s” is not in the message “%s”", expected, error->message);
    }
  va_end (args);

  after = bos_test_checksum (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_kind_names (void)
{
  BosImportKind kind;

  g_assert_true (bos_import_kind_from_string ("municipalities", &kind));
  g_assert_cmpint (kind, ==, BOS_IMPORT_MUNICIPALITIES);
  g_assert_true (bos_import_kind_from_string ("imdi", &kind));
  g_assert_cmpint (kind, ==, BOS_IMPORT_IMDI);
  g_assert_true (bos_import_kind_from_string ("history", &kind));
  g_assert_cmpint (kind, ==, BOS_IMPORT_HISTORY);
  g_assert_true (bos_import_kind_from_string ("code-history", &kind));
  g_assert_cmpint (kind, ==, BOS_IMPORT_CODE_HISTORY);
  g_assert_true (bos_import_kind_from_string ("immigrant-share", &kind));
  g_assert_cmpint (kind, ==, BOS_IMPORT_IMMIGRANT_SHARE);
  g_assert_false (bos_import_kind_from_string ("population", &kind));
  g_assert_cmpstr (bos_import_kind_to_string (BOS_IMPORT_IMDI), ==, "imdi");
  g_assert_cmpstr (bos_import_kind_to_string (BOS_IMPORT_CODE_HISTORY), ==, "code-history");
}

/* ---- municipalities ------------------------------------------------------ */

static void
test_municipalities_good (Fixture       *fixture,
                          gconstpointer  data)
{
  BosImportStats stats;
  g_autofree char *county = NULL;
  g_autofree char *centre = NULL;

  import_data_file (fixture->store, BOS_IMPORT_MUNICIPALITIES, "municipalities-small.csv", &stats);
  g_assert_cmpuint (stats.rows_read, ==, 3);
  g_assert_cmpuint (stats.rows_inserted, ==, 3);
  g_assert_cmpuint (stats.rows_updated, ==, 0);
  g_assert_cmpuint (stats.rows_unchanged, ==, 0);

  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM county"), ==, 2);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM municipality"), ==, 3);
  /* The years come from the header; Moss has no 2024 figure. */
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM population"), ==, 5);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT persons FROM population WHERE code = '3101' AND year = 2024"),
                   ==, 31800);
  county = bos_test_query_text (fixture->store, "SELECT name FROM county WHERE code = '31'");
  g_assert_cmpstr (county, ==, "Østfold");
  centre = bos_test_query_text (fixture->store, "SELECT admin_centre FROM municipality WHERE code = '3103'");
  g_assert_null (centre);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM municipality WHERE language_form = 'bokmal'"),
                   ==, 2);

  /* Again: nothing changes. */
  import_data_file (fixture->store, BOS_IMPORT_MUNICIPALITIES, "municipalities-small.csv", &stats);
  g_assert_cmpuint (stats.rows_read, ==, 3);
  g_assert_cmpuint (stats.rows_inserted, ==, 0);
  g_assert_cmpuint (stats.rows_updated, ==, 0);
  g_assert_cmpuint (stats.rows_unchanged, ==, 3);
}

static void
test_municipalities_update (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char update[] =
    "code,name,county_code,county_name,population_2024,population_2025,area_km2,admin_centre,language_form\n"
    "0301,Oslo,03,Oslo,717710,724290,454.12,Oslo,neutral\n"   /* a new year */
    "3101,Halden,31,Østfold,31800,,642.0,Halden,bokmal\n"     /* the same */
    "3103,Moss,31,Østfold,,,63.6,Moss,bokmal\n";              /* a centre */
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *centre = NULL;
  BosImportStats stats;

  import_data_file (fixture->store, BOS_IMPORT_MUNICIPALITIES, "municipalities-small.csv", NULL);
  path = bos_test_write_file (fixture->dir, "update.csv", update, -1);
  g_assert_true (bos_import_file (fixture->store, BOS_IMPORT_MUNICIPALITIES, path, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows_read, ==, 3);
  g_assert_cmpuint (stats.rows_inserted, ==, 0);
  g_assert_cmpuint (stats.rows_updated, ==, 2);
  g_assert_cmpuint (stats.rows_unchanged, ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT persons FROM population WHERE code = '0301' AND year = 2025"),
                   ==, 724290);
  /* Years the file does not have stay. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT persons FROM population WHERE code = '0301' AND year = 2023"),
                   ==, 709037);
  centre = bos_test_query_text (fixture->store, "SELECT admin_centre FROM municipality WHERE code = '3103'");
  g_assert_cmpstr (centre, ==, "Moss");
}

#define MUN_HEADER "code,name,county_code,county_name,population_2023,population_2024,area_km2,admin_centre,language_form\n"
#define MUN_OSLO "0301,Oslo,03,Oslo,709037,717710,454.12,Oslo,neutral\n"

static void
test_municipalities_bad (Fixture       *fixture,
                         gconstpointer  data)
{
  import_data_file (fixture->store, BOS_IMPORT_MUNICIPALITIES, "municipalities-small.csv", NULL);

  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "header.csv",
                       "code,name,county_code,county_name,population_2024,area_km2,admin_centre\n"
                       MUN_OSLO, -1, BOS_ERROR_PARSE,
                       "line 1", "header", "language_form", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "no-years.csv",
                       "code,name,county_code,county_name,area_km2,admin_centre,language_form\n"
                       "0301,Oslo,03,Oslo,454.12,Oslo,neutral\n", -1, BOS_ERROR_PARSE,
                       "line 1", "population_YYYY", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "bad-year.csv",
                       "code,name,county_code,county_name,population_24,area_km2,admin_centre,language_form\n"
                       "0301,Oslo,03,Oslo,1,454.12,Oslo,neutral\n", -1, BOS_ERROR_PARSE,
                       "line 1", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "twice-a-year.csv",
                       "code,name,county_code,county_name,population_2024,population_2024,area_km2,admin_centre,language_form\n"
                       "0301,Oslo,03,Oslo,1,1,454.12,Oslo,neutral\n", -1, BOS_ERROR_PARSE,
                       "line 1", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "columns.csv",
                       MUN_HEADER MUN_OSLO "3101,Halden,31,Østfold,31444,31800,642.0,Halden\n",
                       -1, BOS_ERROR_PARSE, "line 3", "8 fields, expected 9", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "persons.csv",
                       MUN_HEADER MUN_OSLO "3101,Halden,31,Østfold,31444,mange,642.0,Halden,bokmal\n",
                       -1, BOS_ERROR_PARSE, "line 3", "“population_2024”", "mange", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "negative.csv",
                       MUN_HEADER MUN_OSLO "3101,Halden,31,Østfold,-5,31800,642.0,Halden,bokmal\n",
                       -1, BOS_ERROR_PARSE, "line 3", "“population_2023”", "negative", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "language.csv",
                       MUN_HEADER MUN_OSLO "3101,Halden,31,Østfold,1,2,642.0,Halden,bokmål\n",
                       -1, BOS_ERROR_PARSE, "line 3", "“language_form”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "code.csv",
                       MUN_HEADER "301,Oslo,03,Oslo,709037,717710,454.12,Oslo,neutral\n",
                       -1, BOS_ERROR_PARSE, "line 2", "“code”", "0301", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "county.csv",
                       MUN_HEADER MUN_OSLO "3101,Halden,3,Østfold,1,2,642.0,Halden,bokmal\n",
                       -1, BOS_ERROR_PARSE, "line 3", "“county_code”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "county-names.csv",
                       MUN_HEADER "3101,Halden,31,Østfold,1,2,642.0,Halden,bokmal\n"
                       "3103,Moss,31,Viken,1,2,63.6,Moss,bokmal\n",
                       -1, BOS_ERROR_PARSE, "line 3", "“county_name”", "line 2", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "twice.csv",
                       MUN_HEADER MUN_OSLO MUN_OSLO, -1, BOS_ERROR_PARSE,
                       "line 3", "line 2", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "empty.csv", "", 0, BOS_ERROR_PARSE,
                       "empty", NULL);
  assert_import_fails (fixture, BOS_IMPORT_MUNICIPALITIES, "latin1.csv",
                       MUN_HEADER "3101,Halden,31,\xd8stfold,1,2,642.0,Halden,bokmal\n",
                       -1, BOS_ERROR_ENCODING, "line 2", "UTF-8", NULL);
}

/* ---- code history -------------------------------------------------------- */

#define CH_HEADER "old_code,old_name,first_year,last_year,code_2024,share\n"

static void
test_code_history (Fixture       *fixture,
                   gconstpointer  data)
{
  BosImportStats stats;

  import_data_file (fixture->store, BOS_IMPORT_MUNICIPALITIES, "municipalities-small.csv", NULL);
  import_data_file (fixture->store, BOS_IMPORT_CODE_HISTORY, "code-history-small.csv", &stats);
  g_assert_cmpuint (stats.rows_read, ==, 11);
  g_assert_cmpuint (stats.rows_inserted, ==, 11);
  /* 9999 has no municipality of today. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM code_history "
                                       "WHERE old_code = '9999' AND code_2024 IS NULL AND share IS NULL"),
                   ==, 1);

  import_data_file (fixture->store, BOS_IMPORT_CODE_HISTORY, "code-history-small.csv", &stats);
  g_assert_cmpuint (stats.rows_inserted, ==, 0);
  g_assert_cmpuint (stats.rows_updated, ==, 0);
  g_assert_cmpuint (stats.rows_unchanged, ==, 11);

  /* A file that describes 0199 again replaces its successors. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = bos_test_write_file (fixture->dir, "merge.csv",
                                                 CH_HEADER "0199,Likt delt,2000,2010,3101,1.0\n", -1);

    g_assert_true (bos_import_file (fixture->store, BOS_IMPORT_CODE_HISTORY, path, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.rows_inserted, ==, 0);
    g_assert_cmpuint (stats.rows_updated, ==, 2);  /* 3101's share, 3103 removed */
    g_assert_cmpint (bos_test_query_int (fixture->store,
                                         "SELECT count(*) FROM code_history WHERE old_code = '0199'"),
                     ==, 1);
    g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM code_history"), ==, 10);
  }
}

static void
test_code_history_bad (Fixture       *fixture,
                       gconstpointer  data)
{
  import_small_world (fixture->store);

  assert_import_fails (fixture, BOS_IMPORT_CODE_HISTORY, "header.csv",
                       "old_code;old_name;first_year;last_year;code_2024;share\n", -1,
                       BOS_ERROR_PARSE, "line 1", "header", NULL);
  assert_import_fails (fixture, BOS_IMPORT_CODE_HISTORY, "unknown.csv",
                       CH_HEADER "0101,Halden,1995,2019,3101,1.0\n0102,Sarpsborg,1995,2013,3105,1.0\n",
                       -1, BOS_ERROR_PARSE, "line 3", "“code_2024”", "3105", NULL);
  assert_import_fails (fixture, BOS_IMPORT_CODE_HISTORY, "shares.csv",
                       CH_HEADER "0101,Halden,1995,2019,3101,1.0\n"
                       "0198,Ulikt delt,2000,2010,3101,0.3\n0198,Ulikt delt,2000,2010,3103,0.6\n",
                       -1, BOS_ERROR_PARSE, "line 3", "0198", "0.9", NULL);
  assert_import_fails (fixture, BOS_IMPORT_CODE_HISTORY, "no-share.csv",
                       CH_HEADER "0101,Halden,1995,2019,3101,\n", -1, BOS_ERROR_PARSE,
                       "line 2", "“share”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_CODE_HISTORY, "share-alone.csv",
                       CH_HEADER "9999,Uoppgitt kommune,2014,2015,,1.0\n", -1, BOS_ERROR_PARSE,
                       "line 2", "“share”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_CODE_HISTORY, "share-range.csv",
                       CH_HEADER "0101,Halden,1995,2019,3101,1.5\n", -1, BOS_ERROR_PARSE,
                       "line 2", "“share”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_CODE_HISTORY, "years.csv",
                       CH_HEADER "0101,Halden,2019,1995,3101,1.0\n", -1, BOS_ERROR_PARSE,
                       "line 2", "“last_year”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_CODE_HISTORY, "year-range.csv",
                       CH_HEADER "0101,Halden,1895,2019,3101,1.0\n", -1, BOS_ERROR_PARSE,
                       "line 2", "“first_year”", "1990", NULL);
  assert_import_fails (fixture, BOS_IMPORT_CODE_HISTORY, "twice.csv",
                       CH_HEADER "0101,Halden,1995,2019,3101,1.0\n0101,Halden,1995,2019,3101,1.0\n",
                       -1, BOS_ERROR_PARSE, "line 3", "line 2", NULL);
}

/* ---- immigrant share ----------------------------------------------------- */

#define IS_HEADER "code,name,population_2021,immigrants_2021,immigrant_share_pct,code_2024\n"

static void
test_immigrant_share (Fixture       *fixture,
                      gconstpointer  data)
{
  BosImportStats stats;

  import_small_world (fixture->store);
  import_data_file (fixture->store, BOS_IMPORT_IMMIGRANT_SHARE, "immigrant-share-small.csv", &stats);
  g_assert_cmpuint (stats.rows_read, ==, 2);
  g_assert_cmpuint (stats.rows_inserted, ==, 2);

  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT immigrants FROM immigrant_share WHERE code = '0301' AND year = 2021"),
                   ==, 176994);
  /* A split former municipality: each part gets the share, not the
   * whole's population. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM immigrant_share WHERE code IN ('3101', '3103') "
                                       "AND year = 2021 AND share_pct = 10.0 AND population IS NULL "
                                       "AND immigrants IS NULL"),
                   ==, 2);

  import_data_file (fixture->store, BOS_IMPORT_IMMIGRANT_SHARE, "immigrant-share-small.csv", &stats);
  g_assert_cmpuint (stats.rows_inserted, ==, 0);
  g_assert_cmpuint (stats.rows_updated, ==, 0);
  g_assert_cmpuint (stats.rows_unchanged, ==, 2);
}

static void
test_immigrant_share_bad (Fixture       *fixture,
                          gconstpointer  data)
{
  import_small_world (fixture->store);

  assert_import_fails (fixture, BOS_IMPORT_IMMIGRANT_SHARE, "header.csv",
                       "code,name,population_2021,immigrants_2020,immigrant_share_pct,code_2024\n", -1,
                       BOS_ERROR_PARSE, "line 1", "header", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMMIGRANT_SHARE, "inconsistent.csv",
                       IS_HEADER "0301,Oslo,697010,176994,35.39,0301\n", -1,
                       BOS_ERROR_PARSE, "line 2", "“immigrant_share_pct”", "25.39", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMMIGRANT_SHARE, "more.csv",
                       IS_HEADER "0301,Oslo,1000,2000,200.00,0301\n", -1,
                       BOS_ERROR_PARSE, "line 2", "“immigrants_2021”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMMIGRANT_SHARE, "unknown.csv",
                       IS_HEADER "0301,Oslo,697010,176994,25.39,0301\n0199,Likt delt,10000,1000,10.00,3101;3105\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“code_2024”", "3105", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMMIGRANT_SHARE, "mapping.csv",
                       IS_HEADER "0199,Likt delt,10000,1000,10.00,3101\n", -1,
                       BOS_ERROR_PARSE, "line 2", "“code_2024”", "3101;3103", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMMIGRANT_SHARE, "persons.csv",
                       IS_HEADER "0301,Oslo,697 010,176994,25.39,0301\n", -1,
                       BOS_ERROR_PARSE, "line 2", "“population_2021”", NULL);
}

/* ---- settlement history (normalised) ------------------------------------- */

#define SH_HEADER "year,code,name,kind,persons,status\n"
#define SH_GOOD "1995,0101,Halden,request,20,ok\n"

static void
test_history_good (Fixture       *fixture,
                   gconstpointer  data)
{
  BosImportStats stats;
  g_autofree char *name = NULL;

  import_small_world (fixture->store);
  import_data_file (fixture->store, BOS_IMPORT_HISTORY, "history-small.csv", &stats);
  g_assert_cmpuint (stats.rows_read, ==, 15);
  g_assert_cmpuint (stats.rows_inserted, ==, 15);
  g_assert_cmpint (bos_test_query_int (fixture->store, "SELECT count(*) FROM settlement_history"), ==, 15);
  /* 9999 is kept, under its own code. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT persons FROM settlement_history WHERE code = '9999'"),
                   ==, 74);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM settlement_history "
                                       "WHERE status = 'missing' AND persons IS NULL"),
                   ==, 2);
  name = bos_test_query_text (fixture->store,
                              "SELECT name FROM settlement_history WHERE code = '0197'");
  g_assert_cmpstr (name, ==, "Tredelt");

  import_data_file (fixture->store, BOS_IMPORT_HISTORY, "history-small.csv", &stats);
  g_assert_cmpuint (stats.rows_read, ==, 15);
  g_assert_cmpuint (stats.rows_inserted, ==, 0);
  g_assert_cmpuint (stats.rows_updated, ==, 0);
  g_assert_cmpuint (stats.rows_unchanged, ==, 15);
}

static void
test_history_bad (Fixture       *fixture,
                  gconstpointer  data)
{
  import_small_world (fixture->store);
  import_data_file (fixture->store, BOS_IMPORT_HISTORY, "history-small.csv", NULL);

  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "header.csv",
                       "year,code,kind,persons,status\n", -1,
                       BOS_ERROR_PARSE, "line 1", "header", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "columns.csv",
                       SH_HEADER SH_GOOD "1995,0104,Moss,request,20\n", -1,
                       BOS_ERROR_PARSE, "line 3", "5 fields, expected 6", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "persons.csv",
                       SH_HEADER SH_GOOD "1995,0104,Moss,request,ti,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“persons”", "ti", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "decimal.csv",
                       SH_HEADER SH_GOOD "1995,0104,Moss,request,2.5,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“persons”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "negative.csv",
                       SH_HEADER SH_GOOD "1995,0104,Moss,request,-3,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“persons”", "negative", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "unknown-code.csv",
                       SH_HEADER SH_GOOD "1995,0102,Sarpsborg,request,20,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“code”", "0102", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "bad-code.csv",
                       SH_HEADER SH_GOOD "1995,Moss,Moss,request,20,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“code”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "kind.csv",
                       SH_HEADER SH_GOOD "1995,0104,Moss,anmodning,20,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“kind”", "anmodning", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "status.csv",
                       SH_HEADER SH_GOOD "1995,0104,Moss,request,20,fine\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“status”", "fine", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "ok-empty.csv",
                       SH_HEADER SH_GOOD "1995,0104,Moss,request,,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“persons”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "missing-persons.csv",
                       SH_HEADER SH_GOOD "1995,0104,Moss,request,7,missing\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“persons”", "missing", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "year.csv",
                       SH_HEADER SH_GOOD "1989,0104,Moss,request,7,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“year”", "1989", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "year-far.csv",
                       SH_HEADER SH_GOOD "2201,0104,Moss,request,7,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“year”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "twice.csv",
                       SH_HEADER SH_GOOD "1995,0104,Moss,request,7,ok\n" SH_GOOD, -1,
                       BOS_ERROR_PARSE, "line 4", "line 2", NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "quote.csv",
                       SH_HEADER SH_GOOD "1995,0104,\"Moss,request,7,ok\n", -1,
                       BOS_ERROR_PARSE, "line 3", NULL);

}

/* The fixture files (for a seeded database): invalid UTF-8 on line 3, a
 * word for persons on line 3. */
static void
test_history_bad_files (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *bad_utf8 = NULL;
  g_autofree char *bad_persons = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  import_data_file (fixture->store, BOS_IMPORT_HISTORY, "history-good.csv", NULL);
  bad_utf8 = bos_test_data_path ("history-bad-utf8.csv");
  g_file_get_contents (bad_utf8, &contents, &length, NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "history-bad-utf8.csv", contents, length,
                       BOS_ERROR_ENCODING, "line 3", "UTF-8", NULL);
  g_clear_pointer (&contents, g_free);
  bad_persons = bos_test_data_path ("history-bad-persons.csv");
  g_file_get_contents (bad_persons, &contents, &length, NULL);
  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "history-bad-persons.csv", contents, length,
                       BOS_ERROR_PARSE, "line 3", "“persons”", NULL);
}

/* A long file whose last row is bad leaves nothing behind. */
static void
test_history_atomic (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new (SH_HEADER);
  g_autofree char *message_line = NULL;

  for (int year = 1995; year <= 2020; year++)
    {
      g_string_append_printf (contents, "%d,0101,Halden,request,%d,ok\n", year, year - 1990);
      g_string_append_printf (contents, "%d,3101,Halden,decision,%d,ok\n", year, year - 1990);
    }
  g_string_append (contents, "2020,3101,Halden,settled,5,maybe\n");
  message_line = g_strdup_printf ("line %d", 2 + 2 * 26);

  assert_import_fails (fixture, BOS_IMPORT_HISTORY, "atomic.csv", contents->str, contents->len,
                       BOS_ERROR_PARSE, message_line, "“status”", NULL);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM settlement_history WHERE year > 2020"),
                   ==, 0);
}

/* ---- IMDi ---------------------------------------------------------------- */

#define IMDI_HEADER "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n"

static void
test_imdi_good (Fixture       *fixture,
                gconstpointer  data)
{
  BosImportStats stats;
  g_autofree char *name = NULL;

  import_data_file (fixture->store, BOS_IMPORT_IMDI, "imdi-utf8.csv", &stats);
  g_assert_cmpuint (stats.rows_read, ==, 13);
  g_assert_cmpuint (stats.rows_skipped, ==, 2);      /* Prosent */
  g_assert_cmpuint (stats.rows_inserted, ==, 7);
  g_assert_cmpuint (stats.rows_updated, ==, 1);      /* 1995 0101 decision 20 → 25 */
  g_assert_cmpuint (stats.rows_unchanged, ==, 3);

  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT persons FROM settlement_history "
                                       "WHERE year = 1995 AND code = '0101' AND kind = 'decision'"),
                   ==, 25);
  /* Prosent rows are never persons: 2021 3001 decision is 25, not 83,3. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT persons FROM settlement_history "
                                       "WHERE year = 2021 AND code = '3001' AND kind = 'decision'"),
                   ==, 25);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM settlement_history WHERE year = 2021 "
                                       "AND code = '1507' AND kind = 'decision'"),
                   ==, 0);
  /* ":" and ".". */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM settlement_history WHERE year = 2021 "
                                       "AND code = '3001' AND kind = 'settled' AND status = 'suppressed' "
                                       "AND persons IS NULL"),
                   ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT count(*) FROM settlement_history WHERE year = 2021 "
                                       "AND code = '3001' AND kind = 'original_request' "
                                       "AND status = 'missing' AND persons IS NULL"),
                   ==, 1);
  /* 9999 is kept. */
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT persons FROM settlement_history WHERE year = 2021 "
                                       "AND code = '9999'"),
                   ==, 3);
  /* Names: as IMDi gives them, without "(t.o.m. 2019)". */
  name = bos_test_query_text (fixture->store,
                              "SELECT name FROM settlement_history WHERE year = 2021 AND code = '1812'");
  g_assert_cmpstr (name, ==, "Sømna");
  g_clear_pointer (&name, g_free);
  name = bos_test_query_text (fixture->store,
                              "SELECT name FROM settlement_history WHERE year = 1995 AND code = '0104' "
                              "AND kind = 'decision'");
  g_assert_cmpstr (name, ==, "Moss");

  /* Again: nothing changes. */
  import_data_file (fixture->store, BOS_IMPORT_IMDI, "imdi-utf8.csv", &stats);
  g_assert_cmpuint (stats.rows_read, ==, 13);
  g_assert_cmpuint (stats.rows_skipped, ==, 2);
  g_assert_cmpuint (stats.rows_inserted, ==, 0);
  g_assert_cmpuint (stats.rows_updated, ==, 0);
  g_assert_cmpuint (stats.rows_unchanged, ==, 11);
}

/* Empty Kommune: a new row takes the name from the code history. */
static void
test_imdi_names (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  path = bos_test_write_file (fixture->dir, "names.csv",
                              IMDI_HEADER
                              "Personer;2022;0101;;Anmodning om bosetting;4\n"
                              "Personer;2022;3101;;Anmodning om bosetting;5\n"
                              "Personer;2022;1867;Bø (Nordland) (t.o.m. 2023);Anmodning om bosetting;6\n",
                              -1);
  g_assert_true (bos_import_file (fixture->store, BOS_IMPORT_IMDI, path, NULL, &error));
  g_assert_no_error (error);
  name = bos_test_query_text (fixture->store,
                              "SELECT name FROM settlement_history WHERE year = 2022 AND code = '0101'");
  g_assert_cmpstr (name, ==, "Halden");
  g_clear_pointer (&name, g_free);
  name = bos_test_query_text (fixture->store,
                              "SELECT name FROM settlement_history WHERE year = 2022 AND code = '3101'");
  g_assert_cmpstr (name, ==, "Halden");
  g_clear_pointer (&name, g_free);
  name = bos_test_query_text (fixture->store,
                              "SELECT name FROM settlement_history WHERE year = 2022 AND code = '1867'");
  g_assert_cmpstr (name, ==, "Bø (Nordland)");
}

static void
test_imdi_encodings (void)
{
  static const char * const files[] = { "imdi-utf8.csv", "imdi-latin1.csv", "imdi-utf8-bom.csv" };
  g_autofree char *first_checksum = NULL;
  BosImportStats first_stats = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *dir = bos_test_make_tmp_dir ("bos-test-import");
      g_autoptr(BosStore) store = bos_test_open_seeded_copy (dir, "test.sqlite");
      g_autofree char *checksum = NULL;
      BosImportStats stats;

      import_data_file (store, BOS_IMPORT_IMDI, files[i], &stats);
      checksum = bos_test_checksum (store);
      g_test_message ("%s: %s", files[i], checksum);
      if (i == 0)
        {
          first_checksum = g_strdup (checksum);
          first_stats = stats;
        }
      else
        {
          /* Copies of one seeded template: everything must be equal. */
          g_assert_cmpstr (checksum, ==, first_checksum);
          g_assert_cmpmem (&stats, sizeof stats, &first_stats, sizeof first_stats);
        }
      g_clear_object (&store);
      bos_test_remove_tree (dir);
    }
}

static void
test_imdi_bad (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *bad_c1 = bos_test_data_path ("imdi-bad-c1.csv");
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (bad_c1, &contents, &length, NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "imdi-bad-c1.csv", contents, length,
                       BOS_ERROR_ENCODING, "line 3", "0x96", NULL);

  /* A UTF-8 file with a BOM must be valid UTF-8. */
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "bom.csv",
                       "\xef\xbb\xbf" IMDI_HEADER "Personer;2021;1812;S\xf8mna;Vedtak om bosetting;3\n",
                       -1, BOS_ERROR_ENCODING, "line 2", "UTF-8", NULL);
  /* UTF-8 with one stray Latin-1 byte is not silently read as Latin-1. */
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "mixed.csv",
                       IMDI_HEADER "Personer;2021;1507;Ålesund;Vedtak om bosetting;3\n"
                       "Personer;2021;1812;S\xf8mna;Vedtak om bosetting;3\n",
                       -1, BOS_ERROR_ENCODING, "line 3", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "header.csv",
                       "Enhet;År;Kommunenummer;Bosetting;Antall\n", -1,
                       BOS_ERROR_PARSE, "line 1", "header", "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "commas.csv",
                       "Enhet,År,Kommunenummer,Kommune,Bosetting,Antall\n", -1,
                       BOS_ERROR_PARSE, "line 1", "header", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "columns.csv",
                       IMDI_HEADER "Personer;2021;1812;Sømna;Vedtak om bosetting;3;4\n", -1,
                       BOS_ERROR_PARSE, "line 2", "7 fields, expected 6", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "count.csv",
                       IMDI_HEADER "Personer;2021;1812;Sømna;Vedtak om bosetting;3\n"
                       "Personer;2021;1812;Sømna;Anmodning om bosetting;tre\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“Antall”", "tre", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "decimal.csv",
                       IMDI_HEADER "Personer;2021;1812;Sømna;Vedtak om bosetting;3,5\n", -1,
                       BOS_ERROR_PARSE, "line 2", "“Antall”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "negative.csv",
                       IMDI_HEADER "Personer;2021;1812;Sømna;Vedtak om bosetting;-3\n", -1,
                       BOS_ERROR_PARSE, "line 2", "“Antall”", "negative", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "unit.csv",
                       IMDI_HEADER "Prosent;2021;1812;Sømna;Vedtak om bosetting;50\n"
                       "Personen;2021;1812;Sømna;Vedtak om bosetting;3\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“Enhet”", "Personen", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "kind.csv",
                       IMDI_HEADER "Personer;2021;1812;Sømna;Bosatt;3\n", -1,
                       BOS_ERROR_PARSE, "line 2", "“Bosetting”", "Bosatt", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "code.csv",
                       IMDI_HEADER "Personer;2021;1234;Sømna;Vedtak om bosetting;3\n"
                       "Personer;2021;4242;Sømna;Vedtak om bosetting;3\n", -1,
                       BOS_ERROR_PARSE, "line 3", "“Kommunenummer”", "4242", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "zero.csv",
                       IMDI_HEADER "Personer;2021;301;Oslo;Vedtak om bosetting;3\n", -1,
                       BOS_ERROR_PARSE, "line 2", "“Kommunenummer”", "0301", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "year.csv",
                       IMDI_HEADER "Personer;21;0301;Oslo;Vedtak om bosetting;3\n", -1,
                       BOS_ERROR_PARSE, "line 2", "“År”", NULL);
  assert_import_fails (fixture, BOS_IMPORT_IMDI, "twice.csv",
                       IMDI_HEADER "Personer;2021;0301;Oslo;Vedtak om bosetting;3\n"
                       "Personer;2021;0301;Oslo;Vedtak om bosetting;4\n", -1,
                       BOS_ERROR_PARSE, "line 3", "line 2", NULL);
}

/* The whole settlement history written back in IMDi's format (ISO-8859-1,
 * "." and ":", Prosent rows, names mostly empty as IMDi gives them) reads
 * as exactly what is stored. */
static void
test_imdi_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const labels[] = {
    "Anmodning om bosetting", "Vedtak om bosetting", "Faktisk bosetting", "Opprinnelig anmodning"
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) text = g_string_new ("Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n");
  g_autofree char *latin1 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = bos_test_checksum (fixture->store);
  g_autofree char *after = NULL;
  BosImportStats stats;
  gsize length;
  guint n = 0;

  stmt = bos_store_prepare (fixture->store,
                            "SELECT year, code, name, kind, persons, status FROM settlement_history "
                            "ORDER BY year, code, kind", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BosHistoryKind kind;
      const char *status = bos_sqlite_text (stmt, 5);

      g_assert_true (bos_history_kind_from_string (bos_sqlite_text (stmt, 3), &kind));
      g_string_append_printf (text, "Personer;%d;%s;%s;%s;", sqlite3_column_int (stmt, 0),
                              bos_sqlite_text (stmt, 1),
                              n % 3 == 0 ? bos_sqlite_text (stmt, 2) : "",
                              labels[kind]);
      if (g_str_equal (status, "ok"))
        g_string_append_printf (text, "%" G_GINT64_FORMAT "\n", (gint64) sqlite3_column_int64 (stmt, 4));
      else
        g_string_append (text, g_str_equal (status, "missing") ? ".\n" : ":\n");
      if (kind == BOS_HISTORY_DECISION)
        g_string_append_printf (text, "Prosent;%d;%s;;%s;97,5\n", sqlite3_column_int (stmt, 0),
                                bos_sqlite_text (stmt, 1), labels[kind]);
      n++;
    }

  latin1 = g_convert (text->str, text->len, "ISO-8859-1", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  path = bos_test_write_file (fixture->dir, "round-trip.csv", latin1, length);
  g_assert_true (bos_import_file (fixture->store, BOS_IMPORT_IMDI, path, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows_read - stats.rows_skipped, ==, 34413);
  g_assert_cmpuint (stats.rows_unchanged, ==, 34413);
  g_assert_cmpuint (stats.rows_inserted, ==, 0);
  g_assert_cmpuint (stats.rows_updated, ==, 0);
  after = bos_test_checksum (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

/* Quoted fields and CRLF line ends, as a spreadsheet might save them. */
static void
test_imdi_quoted (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  BosImportStats stats;

  path = bos_test_write_file (fixture->dir, "quoted.csv",
                              "\"Enhet\";\"År\";\"Kommunenummer\";\"Kommune\";\"Bosetting\";\"Antall\"\r\n"
                              "\"Personer\";\"2022\";\"0301\";\"Oslo\";\"Anmodning om bosetting\";\"500\"\r\n"
                              "\r\n",
                              -1);
  g_assert_true (bos_import_file (fixture->store, BOS_IMPORT_IMDI, path, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows_read, ==, 1);
  g_assert_cmpuint (stats.rows_inserted, ==, 1);
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT persons FROM settlement_history WHERE year = 2022 "
                                       "AND code = '0301' AND kind = 'request'"),
                   ==, 500);
}

/* The importer tells views what changed, once. */
static void
changed_cb (BosStore   *store,
            const char *table,
            GPtrArray  *tables)
{
  g_ptr_array_add (tables, g_strdup (table));
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  gulong handler;

  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), tables);
  import_data_file (fixture->store, BOS_IMPORT_IMDI, "imdi-utf8.csv", NULL);
  g_assert_cmpuint (tables->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tables, 0), ==, "settlement_history");

  /* Nothing changed: no signal. */
  import_data_file (fixture->store, BOS_IMPORT_IMDI, "imdi-utf8.csv", NULL);
  g_assert_cmpuint (tables->len, ==, 1);
  g_signal_handler_disconnect (fixture->store, handler);
}

/* The reference data itself imports again without a change. */
static void
test_reference_idempotent (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct
  {
    const char    *file;
    BosImportKind  kind;
    guint          rows;
  } files[] = {
    { "municipalities.csv",            BOS_IMPORT_MUNICIPALITIES,  357 },
    { "municipality_code_history.csv", BOS_IMPORT_CODE_HISTORY,    731 },
    { "immigrant_share_2021.csv",      BOS_IMPORT_IMMIGRANT_SHARE, 356 },
    { "settlement_history.csv",        BOS_IMPORT_HISTORY,         34413 },
  };
  g_autofree char *before = bos_test_checksum (fixture->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = bos_test_reference_path (files[i].file);
      BosImportStats stats;

      g_assert_true (bos_import_file (fixture->store, files[i].kind, path, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.rows_read, ==, files[i].rows);
      g_assert_cmpuint (stats.rows_inserted, ==, 0);
      g_assert_cmpuint (stats.rows_updated, ==, 0);
      g_assert_cmpuint (stats.rows_unchanged, ==, files[i].rows);
    }
  after = bos_test_checksum (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

/* Inside a caller's transaction an import is part of it. */
static void
test_nested_rollback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = bos_test_checksum (fixture->store);
  g_autofree char *after = NULL;

  g_assert_true (bos_store_begin (fixture->store, &error));
  import_data_file (fixture->store, BOS_IMPORT_IMDI, "imdi-utf8.csv", NULL);
  bos_store_rollback (fixture->store);
  after = bos_test_checksum (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The worker thread drops its reference to the task (and so to the store)
 * a moment after the result has been delivered. */
static void
wait_for_worker (BosStore *store)
{
  for (guint i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (store)->ref_count) > 1; i++)
    g_usleep (1000);
}

/* In a worker thread: the same result, and views are told. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bos_test_data_path ("imdi-latin1.csv");
  BosImportStats stats;
  gulong handler;

  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), tables);
  bos_import_file_async (fixture->store, BOS_IMPORT_IMDI, path, NULL, async_done_cb, &result);
  g_assert_true (bos_import_file_finish (fixture->store, wait_for_result (&result), &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows_read, ==, 13);
  g_assert_cmpuint (stats.rows_inserted, ==, 7);
  g_assert_cmpuint (stats.rows_updated, ==, 1);
  g_assert_cmpuint (stats.rows_skipped, ==, 2);
  g_assert_cmpuint (tables->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tables, 0), ==, "settlement_history");
  g_assert_cmpint (bos_test_query_int (fixture->store,
                                       "SELECT persons FROM settlement_history WHERE year = 2021 "
                                       "AND code = '3001' AND kind = 'request'"),
                   ==, 30);
  g_signal_handler_disconnect (fixture->store, handler);
  g_clear_object (&result);
  wait_for_worker (fixture->store);
}

static void
test_async_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) bad_result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *bad = bos_test_data_path ("imdi-bad-c1.csv");
  g_autofree char *good = bos_test_data_path ("imdi-utf8.csv");
  g_autofree char *before = bos_test_checksum (fixture->store);
  g_autofree char *after = NULL;
  BosImportStats stats;

  bos_import_file_async (fixture->store, BOS_IMPORT_IMDI, bad, NULL, async_done_cb, &bad_result);
  g_assert_false (bos_import_file_finish (fixture->store, wait_for_result (&bad_result), &stats, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  bos_import_file_async (fixture->store, BOS_IMPORT_IMDI, good, cancellable, async_done_cb,
                         &cancelled_result);
  g_assert_false (bos_import_file_finish (fixture->store, wait_for_result (&cancelled_result),
                                          &stats, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = bos_test_checksum (fixture->store);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&bad_result);
  g_clear_object (&cancelled_result);
  wait_for_worker (fixture->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/kind-names", test_kind_names);
  g_test_add ("/import/municipalities/good", Fixture, NULL,
              fixture_set_up_empty, test_municipalities_good, fixture_tear_down);
  g_test_add ("/import/municipalities/update", Fixture, NULL,
              fixture_set_up_empty, test_municipalities_update, fixture_tear_down);
  g_test_add ("/import/municipalities/bad", Fixture, NULL,
              fixture_set_up_empty, test_municipalities_bad, fixture_tear_down);
  g_test_add ("/import/code-history/good", Fixture, NULL,
              fixture_set_up_empty, test_code_history, fixture_tear_down);
  g_test_add ("/import/code-history/bad", Fixture, NULL,
              fixture_set_up_empty, test_code_history_bad, fixture_tear_down);
  g_test_add ("/import/immigrant-share/good", Fixture, NULL,
              fixture_set_up_empty, test_immigrant_share, fixture_tear_down);
  g_test_add ("/import/immigrant-share/bad", Fixture, NULL,
              fixture_set_up_empty, test_immigrant_share_bad, fixture_tear_down);
  g_test_add ("/import/history/good", Fixture, NULL,
              fixture_set_up_empty, test_history_good, fixture_tear_down);
  g_test_add ("/import/history/bad", Fixture, NULL,
              fixture_set_up_empty, test_history_bad, fixture_tear_down);
  g_test_add ("/import/history/bad-files", Fixture, NULL,
              fixture_set_up_seeded, test_history_bad_files, fixture_tear_down);
  g_test_add ("/import/history/atomic", Fixture, NULL,
              fixture_set_up_seeded, test_history_atomic, fixture_tear_down);
  g_test_add ("/import/imdi/good", Fixture, NULL,
              fixture_set_up_seeded, test_imdi_good, fixture_tear_down);
  g_test_add ("/import/imdi/names", Fixture, NULL,
              fixture_set_up_seeded, test_imdi_names, fixture_tear_down);
  g_test_add_func ("/import/imdi/encodings", test_imdi_encodings);
  g_test_add ("/import/imdi/bad", Fixture, NULL,
              fixture_set_up_seeded, test_imdi_bad, fixture_tear_down);
  g_test_add ("/import/imdi/round-trip", Fixture, NULL,
              fixture_set_up_seeded, test_imdi_round_trip, fixture_tear_down);
  g_test_add ("/import/imdi/quoted", Fixture, NULL,
              fixture_set_up_seeded, test_imdi_quoted, fixture_tear_down);
  g_test_add ("/import/changed-signal", Fixture, NULL,
              fixture_set_up_seeded, test_changed_signal, fixture_tear_down);
  g_test_add ("/import/reference-idempotent", Fixture, NULL,
              fixture_set_up_seeded, test_reference_idempotent, fixture_tear_down);
  g_test_add ("/import/async", Fixture, NULL,
              fixture_set_up_seeded, test_async, fixture_tear_down);
  g_test_add ("/import/async-errors", Fixture, NULL,
              fixture_set_up_seeded, test_async_errors, fixture_tear_down);
  g_test_add ("/import/nested-rollback", Fixture, NULL,
              fixture_set_up_seeded, test_nested_rollback, fixture_tear_down);

  return g_test_run ();
}
