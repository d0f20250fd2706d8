/* test-municipality.c: the municipality and county summaries of the tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "bos-county.h"
#include "bos-error.h"
#include "bos-figures.h"
#include "bos-history.h"
#include "bos-municipality.h"

#include "bos-test-util.h"

typedef BosTestStore Fixture;

static BosMunicipality *
find (GListModel *list,
      const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(BosMunicipality) municipality = g_list_model_get_item (list, i);

      if (g_str_equal (bos_municipality_get_code (municipality), code))
        return municipality;   /* the list keeps it alive */
    }
  return NULL;
}

static void
assert_figure (const BosHistoryTotal *figure,
               BosHistoryTotalStatus  status,
               gint64                 persons)
{
  g_assert_cmpint (figure->status, ==, status);
  if (status == BOS_HISTORY_TOTAL_OK)
    g_assert_cmpint (figure->persons, ==, persons);
}

/* All 357 municipalities, with the last five years that have data */
static void
test_list_seeded (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GArray) years = NULL;
  BosMunicipality *tonsberg;
  gint64 population = 0;
  gint64 start = g_get_monotonic_time ();

  list = bos_municipality_list (fixture->store, BOS_MUNICIPALITY_SUMMARY_YEARS, &years, &error);
  g_assert_no_error (error);
  g_test_message ("bos_municipality_list: %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 357);
  g_assert_cmpuint (years->len, ==, 5);
  for (guint i = 0; i < years->len; i++)
    g_assert_cmpint (g_array_index (years, int, i), ==, 2016 + (int) i);

  /* The CSV's 2026 populations add up to the country's */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(BosMunicipality) municipality = g_list_model_get_item (list, i);

      g_assert_cmpint (bos_municipality_get_population_year (municipality), ==, 2026);
      population += bos_municipality_get_population (municipality);
    }
  g_assert_cmpint (population, ==, bos_test_query_int (fixture->store,
                                                        "SELECT sum (persons) FROM population "
                                                        "WHERE year = 2026"));

  /* Tønsberg: 3905 today; 0704 and 0716 Re until 2019, 3803 in 2020 */
  tonsberg = find (list, "3905");
  g_assert_nonnull (tonsberg);
  g_assert_cmpstr (bos_municipality_get_name (tonsberg), ==, "Tønsberg");
  g_assert_cmpstr (bos_municipality_get_county_code (tonsberg), ==, "39");
  g_assert_cmpstr (bos_municipality_get_county_name (tonsberg), ==, "Vestfold");
  g_assert_cmpstr (bos_municipality_get_language_form (tonsberg), ==, "neutral");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT sum (persons) FROM settlement_history "
                                              "WHERE code IN (SELECT old_code FROM code_history "
                                              "               WHERE code_2024 = '3905') "
                                              "AND year = %d AND kind = 'request' AND status = 'ok'",
                                              2016 + i);
      assert_figure (bos_municipality_get_figure (tonsberg, i, BOS_HISTORY_REQUEST),
                     BOS_HISTORY_TOTAL_OK, bos_test_query_int (fixture->store, sql));
    }
  g_assert_false (isnan (bos_municipality_get_acceptance_ratio (tonsberg)));
}

/* The table's sums agree with bos_history_for_municipality(), for every
 * municipality, every summary year and every kind, splits included. */
static void
test_list_matches_history (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GArray) years = NULL;
  guint n;

  list = bos_municipality_list (fixture->store, BOS_MUNICIPALITY_SUMMARY_YEARS, &years, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosMunicipality) municipality = g_list_model_get_item (list, i);
      const char *code = bos_municipality_get_code (municipality);
      g_autoptr(GArray) history = bos_history_for_municipality (fixture->store, code, &error);
      g_autoptr(GArray) figures = NULL;

      g_assert_no_error (error);
      figures = bos_figures_from_history (history);

      for (guint y = 0; y < years->len; y++)
        {
          int year = g_array_index (years, int, y);
          const BosYearFigures *expected = NULL;

          for (guint f = 0; f < figures->len; f++)
            if (g_array_index (figures, BosYearFigures, f).year == year)
              expected = &g_array_index (figures, BosYearFigures, f);

          for (guint k = 0; k < BOS_HISTORY_N_KINDS; k++)
            {
              const BosHistoryTotal *got = bos_municipality_get_figure (municipality, y, k);

              if (expected == NULL)
                {
                  g_assert_cmpint (got->status, ==, BOS_HISTORY_TOTAL_MISSING);
                  continue;
                }
              if (got->status != expected->totals[k].status ||
                  got->persons != expected->totals[k].persons)
                g_error ("%s %d %s: table %d/%" G_GINT64_FORMAT ", history %d/%" G_GINT64_FORMAT,
                         code, year, bos_history_kind_to_string (k),
                         got->status, got->persons,
                         expected->totals[k].status, expected->totals[k].persons);
            }
        }
    }
}

/* 1507 Ålesund (2020–2023) was split into 1508 and 1580: the parts add up */
static void
test_split (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  BosMunicipality *alesund, *haram;
  gint64 recorded;

  list = bos_municipality_list (fixture->store, BOS_MUNICIPALITY_SUMMARY_YEARS, NULL, &error);
  g_assert_no_error (error);
  alesund = find (list, "1508");
  haram = find (list, "1580");
  g_assert_nonnull (alesund);
  g_assert_nonnull (haram);

  /* 2020 is the last summary year (index 4) */
  g_assert_cmpint (bos_municipality_get_year (alesund, 4), ==, 2020);
  for (guint k = 0; k < BOS_HISTORY_N_KINDS; k++)
    {
      const BosHistoryTotal *a = bos_municipality_get_figure (alesund, 4, k);
      const BosHistoryTotal *h = bos_municipality_get_figure (haram, 4, k);
      g_autofree char *sql = g_strdup_printf ("SELECT ifnull (persons, -1) FROM settlement_history "
                                              "WHERE code = '1507' AND year = 2020 AND kind = '%s'",
                                              bos_history_kind_to_string (k));

      recorded = bos_test_query_int (fixture->store, sql);
      if (recorded < 0)
        continue;
      g_assert_cmpint (a->status, ==, BOS_HISTORY_TOTAL_OK);
      g_assert_cmpint (a->persons + h->persons, ==, recorded);
      g_assert_cmpint (a->persons, >, h->persons);
    }
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipality) halden = NULL;
  g_autoptr(BosMunicipality) nowhere = NULL;
  g_autoptr(GArray) population = NULL;
  g_autoptr(GArray) former = NULL;
  gboolean has_0101 = FALSE;

  halden = bos_municipality_load (fixture->store, "3101", BOS_MUNICIPALITY_SUMMARY_YEARS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_municipality_get_name (halden), ==, "Halden");
  g_assert_cmpuint (bos_municipality_get_n_years (halden), ==, 5);
  assert_figure (bos_municipality_get_figure (halden, 0, BOS_HISTORY_REQUEST), BOS_HISTORY_TOTAL_OK,
                 bos_test_query_int (fixture->store,
                                     "SELECT persons FROM settlement_history WHERE code = '0101' "
                                     "AND year = 2016 AND kind = 'request'"));

  nowhere = bos_municipality_load (fixture->store, "9999", 5, &error);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  g_assert_null (nowhere);
  g_clear_error (&error);

  population = bos_municipality_population (fixture->store, "3101", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (population->len, ==, 7);
  g_assert_cmpint (g_array_index (population, BosPopulation, 0).year, ==, 2020);

  former = bos_municipality_former_codes (fixture->store, "3101", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < former->len; i++)
    {
      const BosFormerCode *code = &g_array_index (former, BosFormerCode, i);

      g_assert_cmpstr (code->code, !=, "3101");
      if (g_str_equal (code->code, "0101"))
        {
          has_0101 = TRUE;
          g_assert_cmpstr (code->name, ==, "Halden");
          g_assert_cmpint (code->first_year, ==, 1995);
          g_assert_cmpfloat (code->share, ==, 1.0);
        }
    }
  g_assert_true (has_0101);
}

/* The small world: made-up splits 0.35/0.35/0.30 by largest remainder */
static void
test_small_world (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GArray) years = NULL;
  guint n;

  list = bos_municipality_list (fixture->store, 30, &years, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, ==, 3);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosMunicipality) municipality = g_list_model_get_item (list, i);
      g_autoptr(GArray) history = bos_history_for_municipality (fixture->store,
                                                                bos_municipality_get_code (municipality),
                                                                &error);
      g_autoptr(GArray) figures = NULL;

      g_assert_no_error (error);
      figures = bos_figures_from_history (history);
      for (guint f = 0; f < figures->len; f++)
        {
          const BosYearFigures *expected = &g_array_index (figures, BosYearFigures, f);

          for (guint y = 0; y < years->len; y++)
            {
              if (g_array_index (years, int, y) != expected->year)
                continue;
              for (guint k = 0; k < BOS_HISTORY_N_KINDS; k++)
                {
                  const BosHistoryTotal *got = bos_municipality_get_figure (municipality, y, k);

                  g_assert_cmpint (got->status, ==, expected->totals[k].status);
                  g_assert_cmpint (got->persons, ==, expected->totals[k].persons);
                }
            }
        }
    }
}

static void
test_counties (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) municipalities = NULL;
  g_autoptr(GListModel) counties = NULL;
  gint64 population = 0;
  guint n_municipalities = 0;
  gint64 requests_2020 = 0;

  municipalities = bos_municipality_list (fixture->store, 3, NULL, &error);
  g_assert_no_error (error);
  counties = bos_county_list_from_municipalities (municipalities, 3);
  g_assert_cmpuint (g_list_model_get_n_items (counties), ==, 15);

  for (guint i = 0; i < 15; i++)
    {
      g_autoptr(BosCounty) county = g_list_model_get_item (counties, i);

      g_assert_cmpuint (bos_county_get_n_years (county), ==, 3);
      g_assert_cmpint (bos_county_get_year (county, 2), ==, 2020);
      population += bos_county_get_population (county);
      n_municipalities += bos_county_get_n_municipalities (county);
      requests_2020 += bos_county_get_figure (county, 2, BOS_HISTORY_REQUEST)->persons;
      if (g_str_equal (bos_county_get_code (county), "39"))
        {
          g_assert_cmpstr (bos_county_get_name (county), ==, "Vestfold");
          g_assert_cmpuint (bos_county_get_n_municipalities (county), ==, 6);
        }
    }
  g_assert_cmpuint (n_municipalities, ==, 357);
  g_assert_cmpint (population, ==, bos_test_query_int (fixture->store,
                                                        "SELECT sum (persons) FROM population "
                                                        "WHERE year = 2026"));
  /* Every known 2020 request belongs to a municipality of today (2020
   * codes have no 9999 row), so the counties add up to the country. */
  g_assert_cmpint (requests_2020, ==, bos_test_query_int (fixture->store,
                                                           "SELECT sum (persons) FROM settlement_history "
                                                           "WHERE year = 2020 AND kind = 'request' "
                                                           "AND status = 'ok'"));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipality) tonsberg = NULL;
  static const struct
  {
    const char *query;
    gboolean    matches;
  } cases[] = {
    { "", TRUE },
    { "tøns", TRUE },
    { "TØNSBERG", TRUE },
    { "  Tønsberg ", TRUE },
    { "berg", TRUE },
    { "3905", TRUE },
    { "39", TRUE },
    { "905", FALSE },
    { "Tonsberg", FALSE },
    { "Halden", FALSE },
  };

  tonsberg = bos_municipality_load (fixture->store, "3905", 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = bos_municipality_fold_query (cases[i].query);

      if (bos_municipality_matches (tonsberg, folded) != cases[i].matches)
        g_error ("“%s” should %smatch Tønsberg", cases[i].query, cases[i].matches ? "" : "not ");
    }
}

static void
test_figures (void)
{
  BosHistoryTotal missing = BOS_HISTORY_TOTAL_INIT;
  BosHistoryTotal suppressed = { 0, BOS_HISTORY_TOTAL_SUPPRESSED, 1 };
  BosHistoryTotal zero = { 0, BOS_HISTORY_TOTAL_OK, 1 };
  BosHistoryTotal partial = { 100, BOS_HISTORY_TOTAL_PARTIAL, 1 };
  BosHistoryTotal twenty = { 20, BOS_HISTORY_TOTAL_OK, 1 };
  BosHistoryTotal ten = { 10, BOS_HISTORY_TOTAL_OK, 1 };

  /* Numeric order: missing, then 0, then suppressed (1–4), then 100 */
  g_assert_cmpint (bos_figures_compare (&missing, &zero), <, 0);
  g_assert_cmpint (bos_figures_compare (&zero, &suppressed), <, 0);
  g_assert_cmpint (bos_figures_compare (&suppressed, &partial), <, 0);
  g_assert_cmpint (bos_figures_compare (&partial, &partial), ==, 0);

  g_assert_true (bos_figures_is_known (&partial));
  g_assert_false (bos_figures_is_known (&suppressed));
  g_assert_false (bos_figures_is_known (&missing));

  g_assert_cmpfloat_with_epsilon (bos_figures_ratio (&twenty, &ten), 0.5, 1e-9);
  g_assert_true (isnan (bos_figures_ratio (&partial, &ten)));
  g_assert_true (isnan (bos_figures_ratio (&zero, &ten)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/municipality/figures", test_figures);
  g_test_add ("/municipality/list", Fixture, NULL,
              bos_test_store_set_up_seeded, test_list_seeded, bos_test_store_tear_down);
  g_test_add ("/municipality/list-matches-history", Fixture, NULL,
              bos_test_store_set_up_seeded, test_list_matches_history, bos_test_store_tear_down);
  g_test_add ("/municipality/split", Fixture, NULL,
              bos_test_store_set_up_seeded, test_split, bos_test_store_tear_down);
  g_test_add ("/municipality/load", Fixture, NULL,
              bos_test_store_set_up_seeded, test_load, bos_test_store_tear_down);
  g_test_add ("/municipality/small-world", Fixture, NULL,
              bos_test_store_set_up_small, test_small_world, bos_test_store_tear_down);
  g_test_add ("/municipality/counties", Fixture, NULL,
              bos_test_store_set_up_seeded, test_counties, bos_test_store_tear_down);
  g_test_add ("/municipality/search", Fixture, NULL,
              bos_test_store_set_up_seeded, test_search, bos_test_store_tear_down);

  return g_test_run ();
}
