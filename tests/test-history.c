/* test-history.c: settlement history under today's municipality codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "bos-error.h"
#include "bos-history.h"

#include "bos-test-util.h"

typedef BosTestStore Fixture;

static GArray *
history_of (BosStore   *store,
            const char *code)
{
  g_autoptr(GError) error = NULL;
  GArray *entries = bos_history_for_municipality (store, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

/* The entry for @year, @kind and @source_code, or NULL. */
static const BosHistoryEntry *
find_entry (GArray         *entries,
            int             year,
            BosHistoryKind  kind,
            const char     *source_code)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const BosHistoryEntry *entry = &g_array_index (entries, BosHistoryEntry, i);

      if (entry->year == year && entry->kind == kind && g_str_equal (entry->source_code, source_code))
        return entry;
    }
  return NULL;
}

static gint64
recorded (BosStore       *store,
          int             year,
          const char     *code,
          BosHistoryKind  kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT persons FROM settlement_history "
                                          "WHERE year = %d AND code = '%s' AND kind = '%s' "
                                          "AND status = 'ok'",
                                          year, code, bos_history_kind_to_string (kind));

  return bos_test_query_int (store, sql);
}

static void
test_names (void)
{
  BosHistoryKind kind;

  for (guint i = 0; i < BOS_HISTORY_N_KINDS; i++)
    {
      g_assert_true (bos_history_kind_from_string (bos_history_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_cmpstr (bos_history_kind_to_string (BOS_HISTORY_ORIGINAL_REQUEST), ==, "original_request");
  g_assert_false (bos_history_kind_from_string ("anmodning", &kind));
  g_assert_cmpstr (bos_history_status_to_string (BOS_HISTORY_SUPPRESSED), ==, "suppressed");
  g_assert_cmpstr (bos_history_total_status_to_string (BOS_HISTORY_TOTAL_PARTIAL), ==, "partial");
}

/* Halden's history under 0101 shows under 3101. */
static void
test_halden (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GArray) entries = history_of (fixture->store, "3101");
  const BosHistoryEntry *entry;
  guint from_0101 = 0;

  entry = find_entry (entries, 1995, BOS_HISTORY_REQUEST, "0101");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->status, ==, BOS_HISTORY_OK);
  g_assert_cmpint (entry->persons, ==, 20);
  g_assert_cmpfloat (entry->share, ==, 1.0);

  for (guint i = 0; i < entries->len; i++)
    {
      const BosHistoryEntry *e = &g_array_index (entries, BosHistoryEntry, i);

      from_0101 += g_str_equal (e->source_code, "0101");
      /* Ordered by year, kind, source code. */
      if (i > 0)
        {
          const BosHistoryEntry *p = &g_array_index (entries, BosHistoryEntry, i - 1);

          g_assert_true (p->year < e->year ||
                         (p->year == e->year && p->kind < e->kind) ||
                         (p->year == e->year && p->kind == e->kind &&
                          strcmp (p->source_code, e->source_code) < 0));
        }
    }
  g_assert_cmpuint (from_0101, ==, bos_test_query_int (fixture->store,
                                                       "SELECT count(*) FROM settlement_history "
                                                       "WHERE code = '0101'"));
  /* 3001 (Halden 2020-2023) counts too. */
  g_assert_nonnull (find_entry (entries, 2020, BOS_HISTORY_REQUEST, "3001"));
}

/* 0301 maps to itself: each figure once. */
static void
test_oslo_once (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GArray) entries = history_of (fixture->store, "0301");

  g_assert_cmpuint (entries->len, ==, bos_test_query_int (fixture->store,
                                                          "SELECT count(*) FROM settlement_history "
                                                          "WHERE code = '0301'"));
}

/* 1507 Ålesund (2020-2023) went to 1508 Ålesund and 1580 Haram. */
static void
test_alesund_split (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GArray) alesund = history_of (fixture->store, "1508");
  g_autoptr(GArray) haram = history_of (fixture->store, "1580");

  for (guint kind = 0; kind < BOS_HISTORY_N_KINDS; kind++)
    {
      const BosHistoryEntry *a = find_entry (alesund, 2020, kind, "1507");
      const BosHistoryEntry *h = find_entry (haram, 2020, kind, "1507");
      gint64 whole = recorded (fixture->store, 2020, "1507", kind);

      g_assert_nonnull (a);
      g_assert_nonnull (h);
      g_test_message ("%s: %" G_GINT64_FORMAT " = %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT,
                      bos_history_kind_to_string (kind), whole, a->persons, h->persons);
      g_assert_cmpint (a->persons + h->persons, ==, whole);
      g_assert_cmpfloat_with_epsilon (a->share, 0.8621, 1e-9);
      g_assert_cmpfloat_with_epsilon (h->share, 0.1379, 1e-9);
      /* Each part is within one person of its exact share. */
      g_assert_cmpfloat (fabs (a->persons - whole * 0.8621), <, 1.0);
    }
  /* 2020 request 41: 35.35 and 5.65; the remainder goes to Haram. */
  g_assert_cmpint (find_entry (alesund, 2020, BOS_HISTORY_REQUEST, "1507")->persons, ==, 35);
  g_assert_cmpint (find_entry (haram, 2020, BOS_HISTORY_REQUEST, "1507")->persons, ==, 6);
  /* 1534 Haram (until 2019) is Haram's alone. */
  g_assert_nonnull (find_entry (haram, 2019, BOS_HISTORY_REQUEST, "1534"));
  g_assert_null (find_entry (alesund, 2019, BOS_HISTORY_REQUEST, "1534"));
}

/* 1850 Tysfjord went half to 1806 Narvik, half to 1875 Hamarøy. */
static void
test_tysfjord (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GArray) narvik = history_of (fixture->store, "1806");
  g_autoptr(GArray) hamaroy = history_of (fixture->store, "1875");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0, n_odd = 0;

  stmt = bos_store_prepare (fixture->store,
                            "SELECT year, kind, persons FROM settlement_history "
                            "WHERE code = '1850' AND status = 'ok'",
                            &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BosHistoryKind kind;
      int year = sqlite3_column_int (stmt, 0);
      gint64 whole = sqlite3_column_int64 (stmt, 2);
      const BosHistoryEntry *a, *b;

      g_assert_true (bos_history_kind_from_string (bos_sqlite_text (stmt, 1), &kind));
      a = find_entry (narvik, year, kind, "1850");
      b = find_entry (hamaroy, year, kind, "1850");
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpint (a->persons + b->persons, ==, whole);
      /* Equal shares: the odd person goes to the lower code, 1806. */
      g_assert_cmpint (a->persons, ==, (whole + 1) / 2);
      n++;
      n_odd += whole % 2;
    }
  g_assert_cmpuint (n, >, 0);
  g_test_message ("%u figures, %u odd", n, n_odd);
  g_assert_cmpuint (n_odd, >, 0);
}

static void
test_not_a_municipality (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const codes[] = { "9999", "2111", "0101", "1507", "0000", "abc" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) entries = bos_history_for_municipality (fixture->store, codes[i], &error);

      g_assert_null (entries);
      g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, codes[i]));
    }
}

/* 9999 belongs to no municipality and no county: the national totals
 * are the sums over codes that map to a municipality. */
static void
test_unknown_municipality_totals (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosHistoryTotals) counties = NULL;
  g_autoptr(BosHistoryTotals) municipalities = NULL;
  BosHistoryTotal national;
  gint64 all, unknown;

  counties = bos_history_totals_new_for_counties (fixture->store, 2014, 2015, &error);
  g_assert_no_error (error);
  municipalities = bos_history_totals_new_for_municipalities (fixture->store, 2014, 2015, &error);
  g_assert_no_error (error);
  g_assert_false (bos_history_totals_contains (municipalities, "9999"));
  g_assert_false (bos_history_totals_contains (counties, "9999"));

  all = bos_test_query_int (fixture->store,
                            "SELECT sum (persons) FROM settlement_history "
                            "WHERE year = 2015 AND kind = 'settled' AND status = 'ok'");
  unknown = recorded (fixture->store, 2015, "9999", BOS_HISTORY_SETTLED);
  g_assert_cmpint (unknown, ==, 74);
  national = bos_history_totals_get (counties, BOS_HISTORY_NATIONAL, BOS_HISTORY_SETTLED, 2015);
  g_assert_cmpint (national.persons, ==, all - unknown);
}

/* The totals agree with bos_history_for_municipality() everywhere. */
static void
test_totals_match_entries (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char * const codes[] = { "0301", "3101", "1508", "1580", "1806", "1875", "5001",
                                        "5055", "5059", "4621", "1812" };
  g_autoptr(GError) error = NULL;
  g_autoptr(BosHistoryTotals) totals = NULL;

  totals = bos_history_totals_new_for_municipalities (fixture->store, 1995, 2020, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_history_totals_get_first_year (totals), ==, 1995);
  g_assert_cmpint (bos_history_totals_get_last_year (totals), ==, 2020);

  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    {
      g_autoptr(GArray) entries = history_of (fixture->store, codes[c]);

      g_assert_true (bos_history_totals_contains (totals, codes[c]));
      for (int year = 1995; year <= 2020; year++)
        for (guint kind = 0; kind < BOS_HISTORY_N_KINDS; kind++)
          {
            BosHistoryTotal total = bos_history_totals_get (totals, codes[c], kind, year);
            gint64 persons = 0;
            guint n_ok = 0, n_suppressed = 0;

            for (guint i = 0; i < entries->len; i++)
              {
                const BosHistoryEntry *e = &g_array_index (entries, BosHistoryEntry, i);

                if (e->year != year || e->kind != kind)
                  continue;
                persons += e->persons;
                n_ok += e->status == BOS_HISTORY_OK;
                n_suppressed += e->status == BOS_HISTORY_SUPPRESSED;
              }
            g_assert_cmpint (total.persons, ==, persons);
            if (n_ok > 0 && n_suppressed == 0)
              g_assert_cmpint (total.status, ==, BOS_HISTORY_TOTAL_OK);
            else if (n_ok > 0)
              g_assert_cmpint (total.status, ==, BOS_HISTORY_TOTAL_PARTIAL);
            else if (n_suppressed > 0)
              g_assert_cmpint (total.status, ==, BOS_HISTORY_TOTAL_SUPPRESSED);
            else
              g_assert_cmpint (total.status, ==, BOS_HISTORY_TOTAL_MISSING);
          }
    }

  /* Halden 1995: 0101's 20. */
  g_assert_cmpint (bos_history_totals_get (totals, "3101", BOS_HISTORY_REQUEST, 1995).persons, ==, 20);
  g_assert_cmpint (bos_history_totals_get (totals, "3101", BOS_HISTORY_REQUEST, 1995).status,
                   ==, BOS_HISTORY_TOTAL_OK);
  /* Outside the range and unknown codes: missing. */
  g_assert_cmpint (bos_history_totals_get (totals, "3101", BOS_HISTORY_REQUEST, 2021).status,
                   ==, BOS_HISTORY_TOTAL_MISSING);
  g_assert_cmpint (bos_history_totals_get (totals, "4242", BOS_HISTORY_REQUEST, 2000).n_parts, ==, 0);
}

/* Every figure that belongs to a municipality is counted exactly once:
 * the municipalities, the counties and the nation agree with SQL. */
static void
test_totals_add_up (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosHistoryTotals) municipalities = NULL;
  g_autoptr(BosHistoryTotals) counties = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) county_codes = NULL;
  guint n_counties = 0;

  municipalities = bos_history_totals_new_for_municipalities (fixture->store, 1995, 2020, &error);
  g_assert_no_error (error);
  counties = bos_history_totals_new_for_counties (fixture->store, 1995, 2020, &error);
  g_assert_no_error (error);

  stmt = bos_store_prepare (fixture->store, "SELECT code FROM county ORDER BY code", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_true (bos_history_totals_contains (counties, bos_sqlite_text (stmt, 0)));
      n_counties++;
    }
  g_assert_cmpuint (n_counties, ==, 15);
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (int year = 1995; year <= 2020; year++)
    for (guint kind = 0; kind < BOS_HISTORY_N_KINDS; kind++)
      {
        g_autofree char *sql = NULL;
        gint64 expected, sum_municipalities = 0, sum_counties = 0;
        BosHistoryTotal national;

        sql = g_strdup_printf ("SELECT ifnull (sum (persons), 0) FROM settlement_history "
                               "WHERE year = %d AND kind = '%s' AND status = 'ok' "
                               "AND code IN (SELECT code FROM municipality UNION "
                               "  SELECT old_code FROM code_history WHERE code_2024 IS NOT NULL)",
                               year, bos_history_kind_to_string (kind));
        expected = bos_test_query_int (fixture->store, sql);

        stmt = bos_store_prepare (fixture->store, "SELECT code FROM municipality", &error);
        g_assert_no_error (error);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          sum_municipalities += bos_history_totals_get (municipalities, bos_sqlite_text (stmt, 0),
                                                        kind, year).persons;
        g_clear_pointer (&stmt, sqlite3_finalize);

        stmt = bos_store_prepare (fixture->store, "SELECT code FROM county", &error);
        g_assert_no_error (error);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          sum_counties += bos_history_totals_get (counties, bos_sqlite_text (stmt, 0), kind, year).persons;
        g_clear_pointer (&stmt, sqlite3_finalize);

        national = bos_history_totals_get (counties, BOS_HISTORY_NATIONAL, kind, year);
        g_assert_cmpint (sum_municipalities, ==, expected);
        g_assert_cmpint (sum_counties, ==, expected);
        g_assert_cmpint (national.persons, ==, expected);
        g_assert_cmpuint (national.n_parts, ==, 357);
      }

  /* 2020: 144 municipalities have everything suppressed, so the national
   * figures are lower bounds; 1995 has no settled figures at all. */
  g_assert_cmpint (bos_history_totals_get (counties, BOS_HISTORY_NATIONAL, BOS_HISTORY_REQUEST, 2020).status,
                   ==, BOS_HISTORY_TOTAL_PARTIAL);
  g_assert_cmpint (bos_history_totals_get (counties, BOS_HISTORY_NATIONAL, BOS_HISTORY_SETTLED, 1995).status,
                   ==, BOS_HISTORY_TOTAL_MISSING);
  g_assert_cmpint (bos_history_totals_get (municipalities, "1812", BOS_HISTORY_REQUEST, 2020).status,
                   ==, BOS_HISTORY_TOTAL_SUPPRESSED);
}

static void
test_total_add (void)
{
  static const struct
  {
    BosHistoryTotalStatus a, b, sum;
  } cases[] = {
    { BOS_HISTORY_TOTAL_OK,         BOS_HISTORY_TOTAL_OK,         BOS_HISTORY_TOTAL_OK },
    { BOS_HISTORY_TOTAL_OK,         BOS_HISTORY_TOTAL_MISSING,    BOS_HISTORY_TOTAL_PARTIAL },
    { BOS_HISTORY_TOTAL_OK,         BOS_HISTORY_TOTAL_SUPPRESSED, BOS_HISTORY_TOTAL_PARTIAL },
    { BOS_HISTORY_TOTAL_OK,         BOS_HISTORY_TOTAL_PARTIAL,    BOS_HISTORY_TOTAL_PARTIAL },
    { BOS_HISTORY_TOTAL_MISSING,    BOS_HISTORY_TOTAL_MISSING,    BOS_HISTORY_TOTAL_MISSING },
    { BOS_HISTORY_TOTAL_MISSING,    BOS_HISTORY_TOTAL_SUPPRESSED, BOS_HISTORY_TOTAL_SUPPRESSED },
    { BOS_HISTORY_TOTAL_SUPPRESSED, BOS_HISTORY_TOTAL_SUPPRESSED, BOS_HISTORY_TOTAL_SUPPRESSED },
    { BOS_HISTORY_TOTAL_MISSING,    BOS_HISTORY_TOTAL_OK,         BOS_HISTORY_TOTAL_PARTIAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BosHistoryTotal sum = BOS_HISTORY_TOTAL_INIT;
      BosHistoryTotal a = { 3, cases[i].a, 1 };
      BosHistoryTotal b = { 4, cases[i].b, 1 };

      bos_history_total_add (&sum, &a);
      g_assert_cmpint (sum.status, ==, cases[i].a);
      bos_history_total_add (&sum, &b);
      g_assert_cmpint (sum.status, ==, cases[i].sum);
      g_assert_cmpint (sum.persons, ==, 7);
      g_assert_cmpuint (sum.n_parts, ==, 2);
    }
}

/* Largest remainder on the small world's splits. */
static void
test_apportion (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GArray) oslo = history_of (fixture->store, "0301");
  g_autoptr(GArray) halden = history_of (fixture->store, "3101");
  g_autoptr(GArray) moss = history_of (fixture->store, "3103");

  /* 0197: 2 persons at 0.35/0.35/0.30 → 0.7, 0.7, 0.6: 1, 1, 0. */
  g_assert_cmpint (find_entry (oslo, 2005, BOS_HISTORY_REQUEST, "0197")->persons, ==, 1);
  g_assert_cmpint (find_entry (halden, 2005, BOS_HISTORY_REQUEST, "0197")->persons, ==, 1);
  g_assert_cmpint (find_entry (moss, 2005, BOS_HISTORY_REQUEST, "0197")->persons, ==, 0);
  /* 0198: 5 persons at 0.3/0.7 → 1.5, 3.5: a tie, the larger share wins. */
  g_assert_cmpint (find_entry (halden, 2005, BOS_HISTORY_REQUEST, "0198")->persons, ==, 1);
  g_assert_cmpint (find_entry (moss, 2005, BOS_HISTORY_REQUEST, "0198")->persons, ==, 4);
  /* 0199: 5 persons at 0.5/0.5 → a tie of equal shares, the lower code wins. */
  g_assert_cmpint (find_entry (halden, 2005, BOS_HISTORY_REQUEST, "0199")->persons, ==, 3);
  g_assert_cmpint (find_entry (moss, 2005, BOS_HISTORY_REQUEST, "0199")->persons, ==, 2);
  g_assert_cmpint (find_entry (moss, 2005, BOS_HISTORY_DECISION, "0199")->status,
                   ==, BOS_HISTORY_SUPPRESSED);
  g_assert_cmpint (find_entry (moss, 2005, BOS_HISTORY_DECISION, "0199")->persons, ==, 0);
}

/* Sums over years and the acceptance ratio on the small world. */
static void
test_sums_and_ratio (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosHistoryTotals) totals = NULL;
  g_autoptr(BosHistoryTotals) counties = NULL;
  BosHistoryTotal sum;
  double ratio;

  totals = bos_history_totals_new_for_municipalities (fixture->store, 1995, 2020, &error);
  g_assert_no_error (error);

  /* Halden requests: 1995 20 (0101), 2005 1 + 1 + 3 from the splits
   * (3101's own 2005 row is missing), 2020 30. */
  sum = bos_history_totals_sum (totals, "3101", BOS_HISTORY_REQUEST, 1995, 2020);
  g_assert_cmpint (sum.persons, ==, 20 + 1 + 1 + 3 + 30);
  g_assert_cmpint (sum.status, ==, BOS_HISTORY_TOTAL_PARTIAL);   /* most years missing */
  sum = bos_history_totals_sum (totals, "3101", BOS_HISTORY_REQUEST, 2020, 2020);
  g_assert_cmpint (sum.status, ==, BOS_HISTORY_TOTAL_OK);
  g_assert_cmpint (sum.persons, ==, 30);

  /* 2005 decision: 3101's own 4 and 0199's suppressed figure. */
  g_assert_cmpint (bos_history_totals_get (totals, "3101", BOS_HISTORY_DECISION, 2005).status,
                   ==, BOS_HISTORY_TOTAL_PARTIAL);
  g_assert_cmpint (bos_history_totals_get (totals, "3101", BOS_HISTORY_DECISION, 2005).persons, ==, 4);

  /* Ratio: only years with both figures OK: 1995 (15/20). 2005 has a
   * partial decision, 2020 a suppressed one. */
  ratio = bos_history_totals_acceptance_ratio (totals, "3101", 1995, 2020);
  g_assert_cmpfloat_with_epsilon (ratio, 15.0 / 20.0, 1e-12);
  ratio = bos_history_totals_acceptance_ratio (totals, "3103", 2016, 2020);
  g_assert_cmpfloat_with_epsilon (ratio, 8.0 / 10.0, 1e-12);
  g_assert_true (isnan (bos_history_totals_acceptance_ratio (totals, "0301", 2016, 2020)));

  counties = bos_history_totals_new_for_counties (fixture->store, 2020, 2020, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bos_history_totals_get (counties, "31", BOS_HISTORY_REQUEST, 2020).persons, ==, 40);
  g_assert_cmpint (bos_history_totals_get (counties, "31", BOS_HISTORY_REQUEST, 2020).status,
                   ==, BOS_HISTORY_TOTAL_OK);
  g_assert_cmpint (bos_history_totals_get (counties, "31", BOS_HISTORY_DECISION, 2020).persons, ==, 8);
  g_assert_cmpint (bos_history_totals_get (counties, "31", BOS_HISTORY_DECISION, 2020).status,
                   ==, BOS_HISTORY_TOTAL_PARTIAL);
  g_assert_cmpint (bos_history_totals_get (counties, "03", BOS_HISTORY_REQUEST, 2020).status,
                   ==, BOS_HISTORY_TOTAL_MISSING);
  g_assert_cmpint (bos_history_totals_get (counties, BOS_HISTORY_NATIONAL, BOS_HISTORY_REQUEST, 2020).persons,
                   ==, 40);

  /* Bad ranges are refused. */
  g_assert_null (bos_history_totals_new_for_counties (fixture->store, 2020, 2019, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/names", test_names);
  g_test_add_func ("/history/total-add", test_total_add);
  g_test_add ("/history/halden", Fixture, NULL,
              bos_test_store_set_up_seeded, test_halden, bos_test_store_tear_down);
  g_test_add ("/history/oslo-once", Fixture, NULL,
              bos_test_store_set_up_seeded, test_oslo_once, bos_test_store_tear_down);
  g_test_add ("/history/alesund-split", Fixture, NULL,
              bos_test_store_set_up_seeded, test_alesund_split, bos_test_store_tear_down);
  g_test_add ("/history/tysfjord", Fixture, NULL,
              bos_test_store_set_up_seeded, test_tysfjord, bos_test_store_tear_down);
  g_test_add ("/history/not-a-municipality", Fixture, NULL,
              bos_test_store_set_up_seeded, test_not_a_municipality, bos_test_store_tear_down);
  g_test_add ("/history/unknown-municipality-totals", Fixture, NULL,
              bos_test_store_set_up_seeded, test_unknown_municipality_totals,
              bos_test_store_tear_down);
  g_test_add ("/history/totals-match-entries", Fixture, NULL,
              bos_test_store_set_up_seeded, test_totals_match_entries, bos_test_store_tear_down);
  g_test_add ("/history/totals-add-up", Fixture, NULL,
              bos_test_store_set_up_seeded, test_totals_add_up, bos_test_store_tear_down);
  g_test_add ("/history/apportion", Fixture, NULL,
              bos_test_store_set_up_small, test_apportion, bos_test_store_tear_down);
  g_test_add ("/history/sums-and-ratio", Fixture, NULL,
              bos_test_store_set_up_small, test_sums_and_ratio, bos_test_store_tear_down);

  return g_test_run ();
}
