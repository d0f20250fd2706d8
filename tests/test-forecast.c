/* test-forecast.c: the acceptance forecast on made-up and on real history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "bos-error.h"
#include "bos-forecast.h"
#include "bos-municipality-index.h"

#include "bos-test-util.h"

typedef BosTestStore Fixture;

/* A made-up country: two counties, seven municipalities with 2005–2019
 * history of different habits, and 0399 without any. */
static BosForecastHistory *
make_history (void)
{
  static const struct
  {
    const char *code;
    const char *county;
    const char *habit;   /* per year: Y yes, N no, H half, M more, S suppressed */
  } areas[] = {
    { "0101", "01", "YYYYYYYYYYYYYYY" },
    { "0102", "01", "YYHYYYHYYYYHYYY" },
    { "0103", "01", "NNYNNHNNYNNNHNN" },
    { "0104", "01", "HHHHHHHHHHHHHHH" },
    { "0301", "03", "YYYYYMYYYYYMYYY" },
    { "0302", "03", "HYHYHYHYHYHYHYS" },
    { "0303", "03", "YYYYYYYYYYYYNNN" },
    { "0399", "03", NULL },
  };
  BosForecastHistory *history = bos_forecast_history_new ();

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      guint position = bos_forecast_history_add_area (history, areas[i].code, areas[i].county);

      for (int t = 0; areas[i].habit != NULL && areas[i].habit[t] != '\0'; t++)
        {
          gint64 request = 20 + 5 * i + t;

          switch (areas[i].habit[t])
            {
            case 'Y':
              bos_forecast_history_add (history, position, 2005 + t, request, request, FALSE);
              break;
            case 'N':
              bos_forecast_history_add (history, position, 2005 + t, request, 0, FALSE);
              break;
            case 'H':
              bos_forecast_history_add (history, position, 2005 + t, request, request / 2, FALSE);
              break;
            case 'M':
              bos_forecast_history_add (history, position, 2005 + t, request, request + 7, FALSE);
              break;
            case 'S':
            default:
              bos_forecast_history_add (history, position, 2005 + t, request, 0, TRUE);
              break;
            }
        }
    }
  return history;
}

static GArray *
make_requests (gint64 scale_percent)
{
  static const char * const codes[] = { "0101", "0102", "0103", "0104", "0301", "0302", "0303", "0399" };
  GArray *requests = g_array_new (FALSE, TRUE, sizeof (BosRequest));

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      BosRequest request = { { 0 } };

      g_strlcpy (request.code, codes[i], sizeof request.code);
      g_strlcpy (request.county_code, codes[i][1] == '1' ? "01" : "03", sizeof request.county_code);
      request.request = (40 + 10 * (gint64) i) * scale_percent / 100;
      request.next_year_figure = -1;
      g_array_append_val (requests, request);
    }
  return requests;
}

static BosForecastResult *
simulate (BosForecastModel *model,
          GArray           *requests,
          gint64            need,
          guint64           seed)
{
  g_autoptr(GError) error = NULL;
  BosForecastOptions options;
  BosForecastResult *result;

  bos_forecast_options_init (&options);
  options.n_draws = 4000;
  options.seed = seed;
  result = bos_forecast_simulate (model, requests, need, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static BosForecastModel *
fit (BosForecastHistory *history,
     int                 year)
{
  g_autoptr(GError) error = NULL;
  BosForecastModel *model = bos_forecast_fit (history, year, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static char *
describe (BosForecastResult *result)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "total %.6f %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %.6f %.6f %.2f %.6f\n",
                          result->total_expected, result->total_p10, result->total_p90,
                          result->p_cover, result->expected_shortfall, result->uplift,
                          result->correlation);
  for (guint i = 0; i < result->municipalities->len; i++)
    {
      const BosForecastMunicipality *row =
        &g_array_index (result->municipalities, BosForecastMunicipality, i);

      g_string_append_printf (text, "%s %" G_GINT64_FORMAT " %.6f %" G_GINT64_FORMAT " %"
                              G_GINT64_FORMAT " %.6f %.6f\n", row->code, row->request,
                              row->expected, row->p10, row->p90, row->p_decline, row->p_full);
    }
  for (guint i = 0; i < result->counties->len; i++)
    {
      const BosForecastCounty *county = &g_array_index (result->counties, BosForecastCounty, i);

      g_string_append_printf (text, "county %s %" G_GINT64_FORMAT " %.6f %.6f %.6f %"
                              G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              county->county_code, county->need, county->expected,
                              county->expected_shortfall, county->p_cover, county->p10,
                              county->p90);
    }
  return g_string_free (text, FALSE);
}

/* The same seed gives the same result, to the last digit. */
static void
test_reproducible (void)
{
  g_autoptr(BosForecastHistory) history = make_history ();
  g_autoptr(BosForecastModel) model_a = fit (history, 2020);
  g_autoptr(BosForecastModel) model_b = fit (history, 2020);
  g_autoptr(GArray) requests = make_requests (100);
  g_autoptr(BosForecastResult) a = simulate (model_a, requests, -1, 7);
  g_autoptr(BosForecastResult) b = simulate (model_b, requests, -1, 7);
  g_autoptr(BosForecastResult) other = simulate (model_a, requests, -1, 8);
  g_autofree char *text_a = describe (a);
  g_autofree char *text_b = describe (b);
  g_autofree char *text_other = describe (other);

  g_test_message ("%s", text_a);
  g_assert_cmpstr (text_a, ==, text_b);
  /* Another seed: other draws, the same exact per-municipality figures. */
  g_assert_cmpstr (text_a, !=, text_other);
  for (guint i = 0; i < a->municipalities->len; i++)
    g_assert_cmpfloat (g_array_index (a->municipalities, BosForecastMunicipality, i).expected, ==,
                       g_array_index (other->municipalities, BosForecastMunicipality, i).expected);
}

/* Computed once with this build (x86-64, glibc) and kept: the draws use
 * only + − × and table lookups, so they must not move. */
#define FIXED_VALUES \
  "total 324.633517 182 481 0.266000 90.247500 1.75 0.164114\n" \
  "0101 40 36.088408 17 40 0.067031 0.887382\n" \
  "0102 50 40.682275 8 50 0.067007 0.757959\n" \
  "0103 60 7.210240 0 30 0.786251 0.076204\n" \
  "0104 70 23.348777 6 42 0.066874 0.044364\n" \
  "0301 80 66.293697 9 80 0.066599 0.779080\n" \
  "0302 90 52.172139 1 90 0.066532 0.429193\n" \
  "0303 100 38.594680 0 100 0.589256 0.374852\n" \
  "0399 110 60.243300 0 110 0.275095 0.467334\n" \
  "county 01 220 107.329700 111.941750 0.003500 62 159\n" \
  "county 03 380 217.303816 161.132500 0.096000 89 371\n"

/* Fixed inputs and seed give these figures on every machine. */
static void
test_fixed_values (void)
{
  g_autoptr(BosForecastHistory) history = make_history ();
  g_autoptr(BosForecastModel) model = fit (history, 2020);
  g_autoptr(GArray) requests = make_requests (100);
  g_autoptr(BosForecastResult) result = simulate (model, requests, 400, 2027);
  g_autofree char *text = describe (result);

  g_test_message ("%s", text);
  g_assert_cmpint (result->total_request, ==, 600);
  g_assert_cmpint (result->need, ==, 400);
  g_assert_cmpint (result->n_draws, ==, 4000);
  g_assert_cmpstr (text, ==, FIXED_VALUES);
}

/* A municipality with no history still gets a forecast: its county's. */
static void
test_no_history (void)
{
  g_autoptr(BosForecastHistory) history = make_history ();
  g_autoptr(BosForecastModel) model = fit (history, 2020);
  g_autoptr(GArray) requests = make_requests (100);
  g_autoptr(BosForecastResult) result = simulate (model, requests, -1, 1);
  const BosForecastFit *fit_new = bos_forecast_model_get_fit (model, "0399");
  const BosForecastFit *fit_old = bos_forecast_model_get_fit (model, "0301");
  const BosForecastMunicipality *row = NULL;

  g_assert_nonnull (fit_new);
  g_assert_cmpuint (fit_new->n_years, ==, 0);
  g_assert_cmpfloat (fit_new->evidence, ==, 0.0);
  g_assert_cmpuint (fit_old->n_years, ==, 15);
  for (guint i = 0; i < result->municipalities->len; i++)
    if (g_str_equal (g_array_index (result->municipalities, BosForecastMunicipality, i).code, "0399"))
      row = &g_array_index (result->municipalities, BosForecastMunicipality, i);
  g_assert_nonnull (row);
  g_assert_false (row->has_history);
  g_assert_cmpfloat (row->expected, >, 0.0);
  g_assert_cmpfloat (row->expected, <=, 1.5 * row->request);
  g_assert_cmpint (row->p10, <=, row->p90);
  g_assert_cmpfloat (fit_new->p_decline, >, 0.0);
  g_assert_cmpfloat (fit_new->p_decline, <, 1.0);
}

static void
assert_probabilities (BosForecastResult *result)
{
  g_assert_cmpfloat (result->p_cover, >=, 0.0);
  g_assert_cmpfloat (result->p_cover, <=, 1.0);
  g_assert_cmpfloat (result->correlation, >=, 0.0);
  g_assert_cmpfloat (result->correlation, <, 1.0);
  g_assert_cmpint (result->total_p10, <=, result->total_p90);
  g_assert_cmpfloat (result->total_p10, <=, result->total_expected + 1e-9);
  g_assert_cmpfloat (result->total_expected, <=, result->total_p90 + 1e-9);
  g_assert_cmpfloat (result->expected_shortfall, >=, 0.0);
  for (guint i = 0; i < result->municipalities->len; i++)
    {
      const BosForecastMunicipality *row =
        &g_array_index (result->municipalities, BosForecastMunicipality, i);

      g_assert_cmpfloat (row->p_decline, >=, 0.0);
      g_assert_cmpfloat (row->p_decline, <=, 1.0);
      g_assert_cmpfloat (row->p_full, >=, 0.0);
      g_assert_cmpfloat (row->p_full, <=, 1.0);
      /* One municipality's decision can be lopsided (91 % “the request”,
       * 9 % “nothing” has p10 above the mean), so only the order of the
       * percentiles and the range are certain; for the totals (sums of
       * many) p10 ≤ expected ≤ p90 is checked above. */
      g_assert_cmpint (row->p10, >=, 0);
      g_assert_cmpint (row->p10, <=, row->p90);
      g_assert_cmpfloat (row->expected, >=, 0.0);
      g_assert_cmpfloat (row->expected, <=, 1.5 * row->request + 0.5);
      g_assert_cmpfloat (row->p90, <=, 1.5 * row->request + 0.5);
    }
  for (guint i = 0; i < result->counties->len; i++)
    {
      const BosForecastCounty *county = &g_array_index (result->counties, BosForecastCounty, i);

      g_assert_cmpfloat (county->p_cover, >=, 0.0);
      g_assert_cmpfloat (county->p_cover, <=, 1.0);
      g_assert_cmpfloat (county->expected_shortfall, >=, 0.0);
      /* The county's range holds its expectation */
      g_assert_cmpint (county->p10, >=, 0);
      g_assert_cmpint (county->p10, <=, county->p90);
      g_assert_cmpfloat ((double) county->p10, <=, county->expected + 0.5);
      g_assert_cmpfloat ((double) county->p90, >=, county->expected - 0.5);
    }
}

/* Probabilities stay in [0, 1] and move the right way: up with the
 * requests, down with the need. */
static void
test_monotone (void)
{
  g_autoptr(BosForecastHistory) history = make_history ();
  g_autoptr(BosForecastModel) model = fit (history, 2020);
  g_autoptr(GArray) requests = make_requests (100);
  g_autoptr(GArray) more = make_requests (130);
  g_autoptr(GArray) much_more = make_requests (200);
  g_autoptr(BosForecastResult) base = simulate (model, requests, 500, 3);
  g_autoptr(BosForecastResult) raised = simulate (model, more, 500, 3);
  g_autoptr(BosForecastResult) raised_more = simulate (model, much_more, 500, 3);
  g_autoptr(BosForecastResult) needier = simulate (model, requests, 560, 3);
  g_autoptr(BosForecastResult) modest = simulate (model, requests, 400, 3);

  assert_probabilities (base);
  assert_probabilities (raised);
  assert_probabilities (needier);
  g_assert_cmpfloat (raised->p_cover, >, base->p_cover);
  g_assert_cmpfloat (raised_more->p_cover, >=, raised->p_cover);
  g_assert_cmpfloat (raised->total_expected, >, base->total_expected);
  g_assert_cmpfloat (needier->p_cover, <, base->p_cover);
  g_assert_cmpfloat (modest->p_cover, >, base->p_cover);
  g_assert_cmpfloat (needier->expected_shortfall, >, base->expected_shortfall);
  /* The need does not change what is expected. */
  g_assert_cmpfloat (needier->total_expected, ==, base->total_expected);
}

/* The uplift is the smallest multiplier (in hundredths) with P ≥ 80 %. */
static void
test_uplift (void)
{
  g_autoptr(BosForecastHistory) history = make_history ();
  g_autoptr(BosForecastModel) model = fit (history, 2020);
  g_autoptr(GArray) requests = make_requests (100);
  g_autoptr(BosForecastResult) base = simulate (model, requests, 600, 11);
  g_autoptr(GArray) scaled = NULL;
  g_autoptr(GArray) below = NULL;
  g_autoptr(BosForecastResult) at_uplift = NULL;
  g_autoptr(BosForecastResult) under_uplift = NULL;
  gint64 steps;

  g_assert_false (isnan (base->uplift));
  g_assert_cmpfloat (base->uplift, >, 1.0);
  g_assert_cmpfloat (base->p_cover, <, 0.8);
  g_assert_cmpfloat (base->uplift_p_cover, >=, 0.8);
  steps = (gint64) llround (base->uplift * 100);

  /* The same draws with the requests multiplied: covered 80 % of the time,
   * and not with one hundredth less. */
  scaled = g_array_copy (requests);
  below = g_array_copy (requests);
  for (guint i = 0; i < requests->len; i++)
    {
      gint64 request = g_array_index (requests, BosRequest, i).request;

      g_array_index (scaled, BosRequest, i).request = (request * steps + 50) / 100;
      g_array_index (below, BosRequest, i).request = (request * (steps - 1) + 50) / 100;
    }
  at_uplift = simulate (model, scaled, 600, 11);
  under_uplift = simulate (model, below, 600, 11);
  g_assert_cmpfloat (at_uplift->p_cover, ==, base->uplift_p_cover);
  g_assert_cmpfloat (at_uplift->p_cover, >=, 0.8);
  g_assert_cmpfloat (under_uplift->p_cover, <, 0.8);

  /* Out of reach: 10.00 is not enough. */
  {
    g_autoptr(BosForecastResult) hopeless = simulate (model, requests, 100000, 11);

    g_assert_true (isnan (hopeless->uplift));
    g_assert_cmpfloat (hopeless->p_cover, ==, 0.0);
  }
}

static void
test_errors (void)
{
  g_autoptr(BosForecastHistory) history = make_history ();
  g_autoptr(BosForecastModel) model = fit (history, 2020);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (BosRequest));
  BosRequest unknown = { "5001", "50", 10, 0, -1 };
  BosForecastOptions options;

  /* Nothing before 2005. */
  g_assert_null (bos_forecast_fit (history, 2005, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_array_append_val (requests, unknown);
  g_assert_null (bos_forecast_simulate (model, requests, -1, NULL, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  bos_forecast_options_init (&options);
  options.n_draws = 10;
  g_array_set_size (requests, 0);
  g_assert_null (bos_forecast_simulate (model, requests, -1, &options, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
}

/* The fit uses only the years before the target year. */
static void
test_only_past (void)
{
  g_autoptr(BosForecastHistory) history = make_history ();
  g_autoptr(BosForecastModel) model = fit (history, 2015);
  g_autoptr(GArray) requests = make_requests (100);
  g_autoptr(BosForecastResult) before = simulate (model, requests, -1, 5);
  g_autoptr(BosForecastModel) model_after = NULL;
  g_autoptr(BosForecastResult) after = NULL;
  g_autofree char *text_before = describe (before);
  g_autofree char *text_after = NULL;

  /* 2015 onwards says “no” everywhere: no change to a 2015 forecast. */
  for (guint i = 0; i < history->municipalities->len; i++)
    for (int year = 2015; year <= 2025; year++)
      bos_forecast_history_add (history, i, year, 50, 0, FALSE);
  model_after = fit (history, 2015);
  after = simulate (model_after, requests, -1, 5);
  text_after = describe (after);
  g_assert_cmpstr (text_before, ==, text_after);
}

/* The real history: 357 municipalities, 2021, former codes mapped. */
static void
test_real_history (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = bos_municipality_index_load (fixture->store, &error);
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (BosRequest));
  g_autoptr(BosForecastResult) result = NULL;
  g_autoptr(BosForecastResult) again = NULL;
  g_autoptr(BosForecastHistory) history = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  BosForecastOptions options;
  guint without_history = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < bos_municipality_index_get_n (index); i++)
    {
      const BosMunicipalityInfo *info = bos_municipality_index_get (index, i);
      BosRequest request = { { 0 } };

      g_strlcpy (request.code, info->code, sizeof request.code);
      g_strlcpy (request.county_code, info->county_code, sizeof request.county_code);
      request.request = 10 + (i % 7) * 5;
      request.next_year_figure = -1;
      g_array_append_val (requests, request);
    }

  bos_forecast_options_init (&options);
  result = bos_forecast_run (fixture->store, 2021, requests, -1, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->municipalities->len, ==, 357);
  g_assert_cmpuint (result->counties->len, ==, 15);
  g_assert_cmpuint (result->n_draws, ==, 10000);
  assert_probabilities (result);
  for (guint i = 0; i < result->municipalities->len; i++)
    if (!g_array_index (result->municipalities, BosForecastMunicipality, i).has_history)
      without_history++;
  g_test_message ("%u municipalities without history; expected %.1f of %" G_GINT64_FORMAT
                  ", p10–p90 %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT ", P(cover) %.3f, uplift %.2f",
                  without_history, result->total_expected, result->total_request,
                  result->total_p10, result->total_p90, result->p_cover, result->uplift);
  g_assert_cmpfloat (result->total_expected, <, result->total_request);
  g_assert_cmpfloat (result->total_expected, >, 0.5 * result->total_request);

  /* Former codes are mapped: 3101 Halden has the history of 0101. */
  history = bos_forecast_history_load (fixture->store, 1995, 2020, &error);
  g_assert_no_error (error);
  {
    int halden = bos_forecast_history_find (history, "3101");
    guint n = 0;

    g_assert_cmpint (halden, >=, 0);
    for (guint i = 0; i < history->observations->len; i++)
      if (g_array_index (history->observations, BosForecastObservation, i).municipality == (guint) halden)
        n++;
    g_assert_cmpuint (n, >=, 20);
  }

  /* A figure for 2021 itself changes nothing. */
  g_assert_true (bos_store_exec (fixture->store,
                                 "INSERT INTO settlement_history (year, code, name, kind, persons, status) "
                                 "VALUES (2021, '3101', 'Halden', 'request', 100, 'ok'), "
                                 "(2021, '3101', 'Halden', 'decision', 0, 'ok')", &error));
  g_assert_no_error (error);
  again = bos_forecast_run (fixture->store, 2021, requests, -1, &options, &error);
  g_assert_no_error (error);
  text = describe (result);
  text_again = describe (again);
  g_assert_cmpstr (text, ==, text_again);

  /* Nothing before 1996. */
  g_clear_pointer (&again, bos_forecast_result_free);
  again = bos_forecast_run (fixture->store, 1995, requests, -1, &options, &error);
  g_assert_null (again);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
}

typedef struct
{
  BosForecastResult *result;
  gpointer           task;  /* weak: cleared when the worker lets go */
} RunState;

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->result = bos_forecast_run_finish (BOS_STORE (source), result, &error);
  g_assert_no_error (error);
  state->task = result;
  g_object_add_weak_pointer (G_OBJECT (result), &state->task);
}

/* In a worker thread with its own connection: the same result. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (BosRequest));
  g_autoptr(BosForecastResult) direct = NULL;
  g_autoptr(BosForecastResult) threaded = NULL;
  g_autofree char *text_direct = NULL;
  g_autofree char *text_threaded = NULL;
  BosRequest oslo = { "0301", "03", 600, 0, -1 };
  BosRequest voss = { "4621", "46", 30, 0, -1 };
  BosForecastOptions options;
  RunState state = { NULL, NULL };

  g_array_append_val (requests, oslo);
  g_array_append_val (requests, voss);
  bos_forecast_options_init (&options);
  options.n_draws = 1000;
  direct = bos_forecast_run (fixture->store, 2019, requests, -1, &options, &error);
  g_assert_no_error (error);
  bos_forecast_run_async (fixture->store, 2019, requests, -1, &options, NULL, run_done_cb, &state);
  while (state.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  threaded = state.result;
  /* The task (and its reference to the store) may go in the worker. */
  while (g_atomic_pointer_get (&state.task) != NULL)
    g_usleep (1000);
  text_direct = describe (direct);
  text_threaded = describe (threaded);
  g_assert_cmpstr (text_direct, ==, text_threaded);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forecast/reproducible", test_reproducible);
  g_test_add_func ("/forecast/fixed-values", test_fixed_values);
  g_test_add_func ("/forecast/no-history", test_no_history);
  g_test_add_func ("/forecast/monotone", test_monotone);
  g_test_add_func ("/forecast/uplift", test_uplift);
  g_test_add_func ("/forecast/errors", test_errors);
  g_test_add_func ("/forecast/only-past", test_only_past);
  g_test_add ("/forecast/real-history", Fixture, NULL, bos_test_store_set_up_seeded,
              test_real_history, bos_test_store_tear_down);
  g_test_add ("/forecast/async", Fixture, NULL, bos_test_store_set_up_seeded, test_async,
              bos_test_store_tear_down);

  return g_test_run ();
}
