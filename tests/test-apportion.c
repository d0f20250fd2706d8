/* test-apportion.c: the distribution method, by hand and by property
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each hand-computed case writes out its arithmetic so a reviewer can check
 * it against ../shared/design/distribution.md. Scores are written s, the
 * level λ, quotas q. Every case is also run with its rows in reverse order
 * and must give the same output (run_checked()).
 */
#include <math.h>
#include <string.h>

#include "bos-apportion.h"
#include "bos-error.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

static BosApportionInput *
new_input (gint64 need,
           gint64 min_request,
           gint64 drop_below)
{
  BosApportionInput *input = bos_apportion_input_new ();

  input->need = need;
  input->criteria.min_request = min_request;
  input->criteria.drop_below = drop_below;
  return input;
}

static BosMunicipalityInput *
add (BosApportionInput *input,
     const char        *code,
     const char        *county,
     gint64             population)
{
  g_autofree char *name = g_strdup_printf ("M%s", code);

  return bos_apportion_input_add_municipality (input, code, name, county, population);
}

static int
index_of (const BosApportionInput *input,
          const char              *code)
{
  for (guint i = 0; i < input->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);

      if (g_str_equal (m->code, code))
        return (int) i;
    }
  g_assert_not_reached ();
}

static const BosMunicipalityResult *
get (const BosApportionInput  *input,
     const BosApportionResult *result,
     const char               *code)
{
  return &result->municipalities[index_of (input, code)];
}

/* The same input with its municipalities in reverse order */
static BosApportionInput *
reversed (const BosApportionInput *input)
{
  BosApportionInput *copy = bos_apportion_input_copy (input);
  guint n = copy->municipalities->len;

  for (guint i = 0; i < n / 2; i++)
    {
      gpointer tmp = copy->municipalities->pdata[i];

      copy->municipalities->pdata[i] = copy->municipalities->pdata[n - 1 - i];
      copy->municipalities->pdata[n - 1 - i] = tmp;
    }
  return copy;
}

/* Asserts that @a (from @ia) and @b (from @ib) say the same for every code. */
static void
assert_same_results (const BosApportionInput  *ia,
                     const BosApportionResult *a,
                     const BosApportionInput  *ib,
                     const BosApportionResult *b)
{
  g_assert_cmpuint (a->n_municipalities, ==, b->n_municipalities);
  for (guint i = 0; i < ia->municipalities->len; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (ia->municipalities, i);
      const BosMunicipalityResult *ra = &a->municipalities[i];
      const BosMunicipalityResult *rb = get (ib, b, m->code);

      g_assert_cmpint (ra->request, ==, rb->request);
      g_assert_cmpint (ra->ema_request, ==, rb->ema_request);
      g_assert_cmpint (ra->constraint, ==, rb->constraint);
      g_assert_cmpint (ra->ema_constraint, ==, rb->ema_constraint);
      g_assert_cmpstr (ra->reason, ==, rb->reason);
      g_assert_true ((isnan (ra->score) && isnan (rb->score)) || ra->score == rb->score);
      g_assert_true (ra->quota == rb->quota);
    }
  g_assert_cmpuint (a->n_counties, ==, b->n_counties);
  for (guint c = 0; c < a->n_counties; c++)
    {
      g_assert_cmpstr (a->counties[c].county, ==, b->counties[c].county);
      g_assert_cmpint (a->counties[c].request, ==, b->counties[c].request);
      g_assert_cmpint (a->counties[c].ema_request, ==, b->counties[c].ema_request);
    }
  g_assert_cmpuint (a->warnings->len, ==, b->warnings->len);
}

/* Runs @input, which must succeed; checks the totals and that the reversed
 * input gives the same output. */
static BosApportionResult *
run_checked (const BosApportionInput *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosApportionInput) other = reversed (input);
  g_autoptr(BosApportionResult) other_result = NULL;
  BosApportionResult *result;
  gint64 total = 0, ema_total = 0;

  result = bos_apportion_run (input, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  for (guint i = 0; i < result->n_municipalities; i++)
    {
      total += result->municipalities[i].request;
      ema_total += result->municipalities[i].ema_request;
      g_assert_nonnull (result->municipalities[i].reason);
    }
  g_assert_cmpint (total, ==, input->need);
  g_assert_cmpint (ema_total, ==, input->ema_need);

  other_result = bos_apportion_run (other, &error);
  g_assert_no_error (error);
  assert_same_results (input, result, other, other_result);
  return result;
}

/* Asserts the requests of the given codes: "code", request, …, NULL */
static void
assert_requests (const BosApportionInput  *input,
                 const BosApportionResult *result,
                 ...)
{
  const char *code;
  va_list args;

  va_start (args, result);
  while ((code = va_arg (args, const char *)) != NULL)
    {
      gint64 expected = va_arg (args, int);

      if (get (input, result, code)->request != expected)
        g_error ("%s: request %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT " (%s)",
                 code, get (input, result, code)->request, expected,
                 get (input, result, code)->reason);
    }
  va_end (args);
}

static void
assert_ema (const BosApportionInput  *input,
            const BosApportionResult *result,
            ...)
{
  const char *code;
  va_list args;

  va_start (args, result);
  while ((code = va_arg (args, const char *)) != NULL)
    {
      gint64 expected = va_arg (args, int);

      if (get (input, result, code)->ema_request != expected)
        g_error ("%s: minors %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT " (%s)",
                 code, get (input, result, code)->ema_request, expected,
                 get (input, result, code)->reason);
    }
  va_end (args);
}

static void
assert_infeasible (const BosApportionInput *input,
                   const char * const      *fragments)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosApportionResult) result = bos_apportion_run (input, &error);

  g_assert_null (result);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INFEASIBLE);
  for (guint i = 0; fragments[i] != NULL; i++)
    if (strstr (error->message, fragments[i]) == NULL)
      g_error ("“%s” does not say “%s”", error->message, fragments[i]);
}

/* ------------------------------------------------------------------------ */
/* Hand-computed cases                                                      */

/* Population only, m = d = 0, N = 7, P = 5000, 3000, 2000:
 *   s = 0.5, 0.3, 0.2; q = 7 s = 3.5, 2.1, 1.4
 *   floors 3 + 2 + 1 = 6, one unit missing; fractions .5, .1, .4 → 0001
 *   requests 4, 2, 1 */
static void
test_proportional (void)
{
  g_autoptr(BosApportionInput) input = new_input (7, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;

  add (input, "0001", "01", 5000);
  add (input, "0002", "01", 3000);
  add (input, "0003", "01", 2000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 4, "0002", 2, "0003", 1, NULL);
  g_assert_cmpint (get (input, result, "0001")->constraint, ==, BOS_CONSTRAINT_PROPORTIONAL);
  g_assert_true (get (input, result, "0001")->rounded_up);
  g_assert_false (get (input, result, "0002")->rounded_up);
  g_assert_cmpfloat_with_epsilon (get (input, result, "0001")->score, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (get (input, result, "0002")->quota, 2.1, 1e-12);
  g_assert_cmpstr (get (input, result, "0001")->reason, ==,
                   "score 0.5; proportional 3.50 → 4 (largest remainder +1)");
}

/* Three equal municipalities (P = 1000) share 10, m = d = 0, given in the
 * order 0003, 0001, 0002:
 *   q = 10/3 each; floors 3 × 3 = 9; one unit missing; the fractions 1/3
 *   tie, so do the populations: the lowest code, 0001, gets it → 4, 3, 3 */
static void
test_tie_by_code (void)
{
  g_autoptr(BosApportionInput) input = new_input (10, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;

  add (input, "0003", "01", 1000);
  add (input, "0001", "01", 1000);
  add (input, "0002", "01", 1000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 4, "0002", 3, "0003", 3, NULL);
}

/* An indicator x = 1 for all, share mode, weight 1: equal scores 1/3 with
 * populations 1000, 2000, 3000; N = 10, m = d = 0:
 *   q = 10/3 each; one unit missing; fractions tie; the larger population
 *   wins → 0003 (P 3000) gets 4, the others 3 */
static void
test_tie_by_population (void)
{
  g_autoptr(BosApportionInput) input = new_input (10, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;
  const char *codes[] = { "0001", "0002", "0003" };

  bos_criteria_clear_factors (&input->criteria);
  bos_criteria_add_factor (&input->criteria, "x", 1.0, BOS_FACTOR_MODE_SHARE);
  for (guint i = 0; i < 3; i++)
    {
      BosMunicipalityInput *m = add (input, codes[i], "01", 1000 * (i + 1));

      bos_apportion_input_set_indicator (input, m, "x", 1.0);
    }
  result = run_checked (input);
  assert_requests (input, result, "0001", 3, "0002", 3, "0003", 4, NULL);
}

/* A tie that a naive floating-point computation breaks the wrong way.
 * Factors: population 0.5 and x 0.5 (share). P = 3000, 3000, 1000 (sum
 * 7000); x = 0.6, 0.2, 0.2 (sum 1.0). N = 5, m = d = 0.
 *   s_0001 = .5·3/7 + .5·.6 = 3/14 + 3/10 = 36/70
 *   s_0002 = .5·3/7 + .5·.2 = 3/14 + 1/10 = 22/70
 *   s_0003 = .5·1/7 + .5·.2 = 1/14 + 1/10 = 12/70   (sum 1)
 *   q = 5 s = 18/7, 11/7, 6/7 = 2.571…, 1.571…, 0.857…
 *   floors 2 + 1 + 0 = 3, two units missing; fractions 4/7, 4/7, 6/7:
 *   0003 first; 0001 and 0002 tie at 4/7 and have the same population, so
 *   the lower code, 0001, gets the second → 3, 1, 1.
 * In doubles 0001's fraction comes out below 0002's (checked below), which
 * would give 2, 2, 1. */
static void
test_exact_tie (void)
{
  g_autoptr(BosApportionInput) input = new_input (5, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;
  const double pop[] = { 3000, 3000, 1000 }, x[] = { 0.6, 0.2, 0.2 };
  double naive_x = 0, naive_q[3], naive_s[3], naive_sum = 0;

  bos_criteria_clear_factors (&input->criteria);
  bos_criteria_add_factor (&input->criteria, "population", 0.5, BOS_FACTOR_MODE_SHARE);
  bos_criteria_add_factor (&input->criteria, "x", 0.5, BOS_FACTOR_MODE_SHARE);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *code = g_strdup_printf ("000%u", i + 1);
      BosMunicipalityInput *m = add (input, code, "01", (gint64) pop[i]);

      bos_apportion_input_set_indicator (input, m, "x", x[i]);
      naive_x += x[i];
    }

  /* the naive computation */
  for (guint i = 0; i < 3; i++)
    {
      naive_s[i] = 0.5 * pop[i] / 7000 + 0.5 * x[i] / naive_x;
      naive_sum += naive_s[i];
    }
  for (guint i = 0; i < 3; i++)
    naive_q[i] = 5 * naive_s[i] / naive_sum;
  g_assert_cmpfloat (naive_q[0] - floor (naive_q[0]), <, naive_q[1] - floor (naive_q[1]));

  result = run_checked (input);
  assert_requests (input, result, "0001", 3, "0002", 1, "0003", 1, NULL);
  g_assert_true (get (input, result, "0001")->rounded_up);
  g_assert_false (get (input, result, "0002")->rounded_up);
}

/* m = 10, d = 5, population only, N = 100, P = 60000, 30000, 6000, 4000:
 *   s = .6, .3, .06, .04; entry levels d/s = 8.33, 16.67, 83.33, 125
 *   at λ = 83.33 (0003 enters): 50 + 25 + 10 = 85 < 100
 *   on [83.33, 125): f = .9 λ + 10 (0003 stays at 10 while .06 λ < 10)
 *   = 100 at λ* = 100, before 0004 would enter (its share 4 < d = 5)
 *   λ' = λ* = 100: 60, 30, max(10, 6) = 10 (raised), 0004 not asked */
static void
test_drop_and_raise (void)
{
  g_autoptr(BosApportionInput) input = new_input (100, 10, 5);
  g_autoptr(BosApportionResult) result = NULL;

  add (input, "0001", "01", 60000);
  add (input, "0002", "01", 30000);
  add (input, "0003", "02", 6000);
  add (input, "0004", "02", 4000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 60, "0002", 30, "0003", 10, "0004", 0, NULL);
  g_assert_cmpint (get (input, result, "0003")->constraint, ==, BOS_CONSTRAINT_AT_MIN);
  g_assert_cmpint (get (input, result, "0004")->constraint, ==, BOS_CONSTRAINT_BELOW_DROP);
  g_assert_cmpstr (get (input, result, "0003")->reason, ==,
                   "score 0.06; share 6.00 raised to the minimum 10");
  g_assert_cmpstr (get (input, result, "0004")->reason, ==,
                   "score 0.04; share 4.00 is below drop_below 5: not asked");
}

/* Caps, one below the minimum. m = 10, d = 5, N = 100, population only:
 * 0001 P 50000 cap 20, 0002 P 30000, 0003 P 15000 cap 8, 0004 P 5000.
 *   s = .5, .3, .15, .05; 0003 never enters (cap 8 < m 10)
 *   entry levels: 10, 16.67, (0003 none), 100; 0001 reaches its cap at 40
 *   just before λ = 100: 20 + 30 = 50; 0004 enters: 60
 *   on [100, 200]: 20 + .3 λ + 10 = 100 gives λ = 233 > 200, so on
 *   [200, ∞): 20 + .35 λ = 100, λ* = 1600/7 = 228.57
 *   q = 20, .3 λ = 480/7 = 68.57, .05 λ = 80/7 = 11.43 (sum 100)
 *   floors 20 + 68 + 11 = 99; fractions 4/7, 3/7 → 0002: 20, 69, 0, 11 */
static void
test_caps (void)
{
  g_autoptr(BosApportionInput) input = new_input (100, 10, 5);
  g_autoptr(BosApportionResult) result = NULL;

  add (input, "0001", "01", 50000)->cap = 20;
  add (input, "0002", "01", 30000);
  add (input, "0003", "01", 15000)->cap = 8;
  add (input, "0004", "01", 5000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 20, "0002", 69, "0003", 0, "0004", 11, NULL);
  g_assert_cmpint (get (input, result, "0001")->constraint, ==, BOS_CONSTRAINT_AT_CAP);
  g_assert_cmpint (get (input, result, "0003")->constraint, ==, BOS_CONSTRAINT_CAP_BELOW_MIN);
  g_assert_true (get (input, result, "0002")->rounded_up);
  g_assert_cmpfloat_with_epsilon (get (input, result, "0004")->quota, 80.0 / 7, 1e-9);
}

/* max_per_1000 = 2.5, m = 10, d = 5, N = 38, population only:
 * 0001 P 10000 → cap floor(25) = 25; 0002 P 5000 with its own cap 14 (the
 * rule would give 12: the explicit cap wins); 0003 P 1500 → cap
 * floor(3.75) = 3 < m: never enters.
 *   s = 20/33, 10/33, 3/33; entry levels 8.25, 16.5
 *   [16.5, 33]: 10 + 20λ/33 = 38 → λ = 46.2, too far; [33, 41.25]:
 *   30λ/33 = 38 → λ = 41.8, too far (0001 is at 25 from 41.25); then
 *   25 + 10λ/33 = 38 → λ* = 42.9, below 0002's cap level 46.2
 *   0001 25 (at its cap), 0002 13 (above the rule's 12), 0003 0 */
static void
test_max_per_1000 (void)
{
  g_autoptr(BosApportionInput) input = new_input (38, 10, 5);
  g_autoptr(BosApportionResult) result = NULL;

  input->criteria.max_per_1000 = 2.5;
  add (input, "0001", "01", 10000);
  add (input, "0002", "01", 5000)->cap = 14;
  add (input, "0003", "01", 1500);
  result = run_checked (input);
  assert_requests (input, result, "0001", 25, "0002", 13, "0003", 0, NULL);
  g_assert_cmpint (get (input, result, "0001")->constraint, ==, BOS_CONSTRAINT_AT_CAP);
  g_assert_cmpint (get (input, result, "0003")->constraint, ==, BOS_CONSTRAINT_CAP_BELOW_MIN);
  g_assert_nonnull (strstr (get (input, result, "0003")->reason,
                            "cap 3 (max_per_1000 2.5) is below the minimum 10"));
}

/* Exclusions, m = d = 0, N = 80, min_population 2000, max share 30 %:
 * 0001 P 4000 share 31.0 → excluded (above 30)
 * 0002 P 4000 share 30.0 → stays (not above)
 * 0003 P 1000          → excluded (below 2000)
 * 0004 P 2000 excluded by hand
 * 0005 P 2000 share 45.0 but included by hand → stays
 *   pool 0002 + 0005, P 6000: q = 53.33, 26.67; floors 79; 0005 gets the
 *   unit (fraction .67 > .33) → 53 and 27 */
static void
test_exclusions (void)
{
  g_autoptr(BosApportionInput) input = new_input (80, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;

  input->criteria.min_population = 2000;
  add (input, "0001", "01", 4000)->immigrant_share = 31.0;
  add (input, "0002", "01", 4000)->immigrant_share = 30.0;
  add (input, "0003", "01", 1000);
  add (input, "0004", "01", 2000)->excluded = TRUE;
  {
    BosMunicipalityInput *m = add (input, "0005", "01", 2000);

    m->immigrant_share = 45.0;
    m->included = TRUE;
  }
  result = run_checked (input);
  assert_requests (input, result, "0001", 0, "0002", 53, "0003", 0, "0004", 0, "0005", 27, NULL);
  g_assert_cmpint (get (input, result, "0001")->constraint, ==,
                   BOS_CONSTRAINT_EXCLUDED_IMMIGRANT_SHARE);
  g_assert_cmpint (get (input, result, "0003")->constraint, ==, BOS_CONSTRAINT_EXCLUDED_POPULATION);
  g_assert_cmpint (get (input, result, "0004")->constraint, ==, BOS_CONSTRAINT_EXCLUDED_MANUAL);
  g_assert_true (isnan (get (input, result, "0001")->score));
  g_assert_cmpstr (get (input, result, "0001")->reason, ==,
                   "excluded: immigrant share 31 % above the maximum 30 %");
  g_assert_cmpstr (get (input, result, "0004")->reason, ==, "excluded by hand");
  g_assert_nonnull (strstr (get (input, result, "0005")->reason,
                            "included by hand, so not excluded (immigrant share 45 %"));
}

/* Locks, m = 10, d = 5, N = 100:
 * 0001 P 5000 locked 30 and excluded by hand: locked wins, 30
 * 0003 P 2000 share 40 % (above 30) and locked 5: 5, below m too
 * pool 0002 P 3000, 0004 P 2000, 0005 P 1000; R = 100 - 35 = 65
 *   s over the pool: 1/2, 1/3, 1/6; entry levels 10, 15, 30
 *   at λ = 30 (0005 enters): 15 + 10 + 10 = 35
 *   (30, 60): λ/2 + λ/3 + 10 = 65 gives 66, too far; from 60 all grow:
 *   λ = 65 = λ*; q = 32.5, 21.67, 10.83; floors 63; fractions .5, .67,
 *   .83 → 0005 and 0004 get one: 32, 22, 11 */
static void
test_locks (void)
{
  g_autoptr(BosApportionInput) input = new_input (100, 10, 5);
  g_autoptr(BosApportionResult) result = NULL;
  BosMunicipalityInput *m;

  m = add (input, "0001", "01", 5000);
  m->locked = 30;
  m->excluded = TRUE;
  m->lock_note = g_strdup ("meeting 12 September");
  add (input, "0002", "01", 3000);
  m = add (input, "0003", "01", 2000);
  m->immigrant_share = 40.0;
  m->locked = 5;
  add (input, "0004", "01", 2000);
  add (input, "0005", "01", 1000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 30, "0002", 32, "0003", 5, "0004", 22, "0005", 11,
                   NULL);
  g_assert_cmpint (get (input, result, "0001")->constraint, ==, BOS_CONSTRAINT_LOCKED);
  g_assert_cmpint (get (input, result, "0003")->constraint, ==, BOS_CONSTRAINT_LOCKED);
  /* the locked municipalities' scores over the pool: 5000/6000, 2000/6000 */
  g_assert_cmpfloat_with_epsilon (get (input, result, "0001")->score, 5.0 / 6, 1e-12);
  g_assert_nonnull (strstr (get (input, result, "0001")->reason,
                            "locked at 30 (meeting 12 September), so not excluded (by hand)"));
}

/* A population-scaled factor with a missing value. Factors: population 0.5
 * (share) and rate 0.5 (population_scaled); m = d = 0, N = 50.
 * 0001 P 1000 rate .2; 0002 P 3000 rate .6; 0003 P 2000 no rate.
 *   pool mean of rate, weighted by population: (1000·.2 + 3000·.6) / 4000
 *   = 0.5, so 0003's rate is 0.5
 *   x = P·rate = 200, 1800, 1000 (sum 3000)
 *   s_0001 = .5·1/6 + .5·200/3000 = 7/60
 *   s_0002 = .5·3/6 + .5·1800/3000 = 33/60
 *   s_0003 = .5·2/6 + .5·1000/3000 = 20/60
 *   q = 50 s = 5.83, 27.5, 16.67; floors 48; fractions .83, .5, .67 →
 *   0001 and 0003: 6, 27, 17 */
static void
test_population_scaled_missing (void)
{
  g_autoptr(BosApportionInput) input = new_input (50, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;

  bos_criteria_clear_factors (&input->criteria);
  bos_criteria_add_factor (&input->criteria, "population", 0.5, BOS_FACTOR_MODE_SHARE);
  bos_criteria_add_factor (&input->criteria, "rate", 0.5, BOS_FACTOR_MODE_POPULATION_SCALED);
  bos_apportion_input_set_indicator (input, add (input, "0001", "01", 1000), "rate", 0.2);
  bos_apportion_input_set_indicator (input, add (input, "0002", "01", 3000), "rate", 0.6);
  add (input, "0003", "01", 2000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 6, "0002", 27, "0003", 17, NULL);
  g_assert_true (get (input, result, "0003")->used_pool_mean);
  g_assert_false (get (input, result, "0002")->used_pool_mean);
  g_assert_cmpfloat_with_epsilon (get (input, result, "0003")->score, 1.0 / 3, 1e-12);
  g_assert_nonnull (strstr (get (input, result, "0003")->reason,
                            "no value for “rate”: the pool's population-weighted mean 0.5 used"));
}

/* largest_n = 2, largest_factor = 0.5, population only, m = d = 0, N = 99:
 * P = 40000, 30000, 20000, 10000 (sum 100000)
 *   s = .4·.5, .3·.5, .2, .1 = .2, .15, .2, .1 (sum .65)
 *   q = 99 s / .65 = 30.46, 22.85, 30.46, 15.23; floors 97
 *   fractions 6/13, 11/13, 6/13, 3/13: 0002 first, then 0001 and 0003 tie
 *   at 6/13 and 0001 is larger → 31, 23, 30, 15 */
static void
test_largest_n (void)
{
  g_autoptr(BosApportionInput) input = new_input (99, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;

  input->criteria.largest_n = 2;
  input->criteria.largest_factor = 0.5;
  add (input, "0001", "01", 40000);
  add (input, "0002", "01", 30000);
  add (input, "0003", "01", 20000);
  add (input, "0004", "01", 10000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 31, "0002", 23, "0003", 30, "0004", 15, NULL);
  g_assert_nonnull (strstr (get (input, result, "0001")->reason, "×0.5 as one of the 2 largest"));
}

/* No room for the last entrant. m = 10, d = 5, N = 25, population only:
 * P = 4500, 3500, 2000: s = .45, .35, .2; entry levels 11.1, 14.3, 25
 *   just before λ = 25: 11.25 + 10 = 21.25 < 25; 0003 enters: 31.25 ≥ 25
 *   so λ* = 25 and all three have entered; admission in entry order while
 *   the minimums fit: 10, 20, 30 > 25 → 0003 stays out
 *   λ': .45 λ + .35 λ = 25, λ = 31.25 (both above 10): 14.06, 10.94
 *   floors 24; fractions .06, .94 → 14, 11, 0 */
static void
test_no_room (void)
{
  g_autoptr(BosApportionInput) input = new_input (25, 10, 5);
  g_autoptr(BosApportionResult) result = NULL;

  add (input, "0001", "01", 4500);
  add (input, "0002", "01", 3500);
  add (input, "0003", "01", 2000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 14, "0002", 11, "0003", 0, NULL);
  g_assert_cmpint (get (input, result, "0003")->constraint, ==, BOS_CONSTRAINT_NO_ROOM);
  g_assert_nonnull (strstr (get (input, result, "0003")->reason, "no room for the minimum 10"));
}

/* Two-stage counties. m = d = 0, N = 7, population only:
 * county 01: 0101 P 3000, 0102 P 2000; county 02: 0201 P 4000, 0202 P 1000
 *   national q = .7 P/1000 = 2.1, 1.4, 2.8, 0.7
 *   Q_01 = 3.5, Q_02 = 3.5; floors 6; the fractions tie at .5, so do the
 *   county populations (5000): the lower county code, 01, gets the unit:
 *   N_01 = 4, N_02 = 3
 *   county 01, R = 4: q = 2.4, 1.6 → 2, 2; county 02, R = 3: 2.4, 0.6 →
 *   2, 1
 * One-stage for comparison: floors 2, 1, 2, 0 = 5; fractions .1, .4, .8,
 *   .7 → 2, 1, 3, 1 */
static void
test_two_stage (void)
{
  g_autoptr(BosApportionInput) input = new_input (7, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;
  g_autoptr(BosApportionResult) one_stage = NULL;

  add (input, "0101", "01", 3000);
  add (input, "0102", "01", 2000);
  add (input, "0201", "02", 4000);
  add (input, "0202", "02", 1000);
  one_stage = run_checked (input);
  assert_requests (input, one_stage, "0101", 2, "0102", 1, "0201", 3, "0202", 1, NULL);

  input->by_county = TRUE;
  result = run_checked (input);
  g_assert_cmpuint (result->n_counties, ==, 2);
  g_assert_cmpstr (result->counties[0].county, ==, "01");
  g_assert_cmpint (result->counties[0].request, ==, 4);
  g_assert_cmpint (result->counties[1].request, ==, 3);
  g_assert_cmpfloat_with_epsilon (result->counties[0].quota, 3.5, 1e-12);
  g_assert_true (result->counties[0].rounded_up);
  g_assert_false (result->counties[1].rounded_up);
  assert_requests (input, result, "0101", 2, "0102", 2, "0201", 2, "0202", 1, NULL);
  g_assert_cmpfloat_with_epsilon (get (input, result, "0102")->national_quota, 1.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (get (input, result, "0102")->quota, 1.6, 1e-12);
}

/* County totals tied on the fraction, broken by county population.
 * Indicator x = 1 (share, weight 1): 0101 P 1000 in 01, 0201 P 3000 in
 * 02; m = d = 0, N = 3, two-stage:
 *   s = 1/2 each; Q = 1.5, 1.5; floors 2; tie at .5; county 02 is larger
 *   → N_01 = 1, N_02 = 2 */
static void
test_two_stage_population_tie (void)
{
  g_autoptr(BosApportionInput) input = new_input (3, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;

  input->by_county = TRUE;
  bos_criteria_clear_factors (&input->criteria);
  bos_criteria_add_factor (&input->criteria, "x", 1.0, BOS_FACTOR_MODE_SHARE);
  bos_apportion_input_set_indicator (input, add (input, "0101", "01", 1000), "x", 1.0);
  bos_apportion_input_set_indicator (input, add (input, "0201", "02", 3000), "x", 1.0);
  result = run_checked (input);
  assert_requests (input, result, "0101", 1, "0201", 2, NULL);
  g_assert_cmpint (result->counties[1].request, ==, 2);
}

/* Minors on the caps case (requests 20, 69, 0, 11; s = .5, .3, .15, .05),
 * E = 9, ema_min_request = ema_drop_below = 0, everyone ema_capable:
 *   pool: 0001, 0002, 0004 (0003 has no request); caps = the requests
 *   q = 9 s / .85 = 5.29, 3.18, 0.53; floors 8; fractions .29, .18, .53
 *   → 0004: minors 5, 3, 0, 1 */
static void
test_minors (void)
{
  g_autoptr(BosApportionInput) input = new_input (100, 10, 5);
  g_autoptr(BosApportionResult) result = NULL;

  input->ema_need = 9;
  add (input, "0001", "01", 50000)->cap = 20;
  add (input, "0002", "01", 30000);
  add (input, "0003", "01", 15000)->cap = 8;
  add (input, "0004", "01", 5000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 20, "0002", 69, "0003", 0, "0004", 11, NULL);
  assert_ema (input, result, "0001", 5, "0002", 3, "0003", 0, "0004", 1, NULL);
  g_assert_cmpint (get (input, result, "0003")->ema_constraint, ==, BOS_CONSTRAINT_NO_REQUEST);
  g_assert_true (get (input, result, "0004")->ema_rounded_up);
}

/* Minors where the level λ* falls exactly on an entry (the drop-and-raise
 * case: requests 60, 30, 10, 0; s = .6, .3, .06, .04). 0002 is not
 * ema_capable; E = 10, ema_min_request 2, ema_drop_below 1:
 *   pool 0001 (cap 60), 0003 (cap 10); entry levels 1/.6 = 1.67 and
 *   1/.06 = 16.67; just below 16.67, 0001 alone has .6 λ → exactly 10 = E,
 *   so f < E before that level and f = 10 + 2 ≥ E at it: λ* = 16.67 and
 *   0003 has entered. Both fit (2 + 2 ≤ 10). λ' with 0003 at 2:
 *   .6 λ + 2 = 10, λ = 13.33 (0003's share .8 < 2): 8 and 2.
 * (Had floating point put .6/.06 a hair above 10, 0003 would be left out.) */
static void
test_minors_entry_tie (void)
{
  g_autoptr(BosApportionInput) input = new_input (100, 10, 5);
  g_autoptr(BosApportionResult) result = NULL;

  input->ema_need = 10;
  input->criteria.ema_min_request = 2;
  input->criteria.ema_drop_below = 1;
  add (input, "0001", "01", 60000);
  add (input, "0002", "01", 30000)->ema_capable = FALSE;
  add (input, "0003", "02", 6000);
  add (input, "0004", "02", 4000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 60, "0002", 30, "0003", 10, "0004", 0, NULL);
  assert_ema (input, result, "0001", 8, "0002", 0, "0003", 2, "0004", 0, NULL);
  g_assert_cmpint (get (input, result, "0002")->ema_constraint, ==,
                   BOS_CONSTRAINT_NOT_EMA_CAPABLE);
  g_assert_cmpint (get (input, result, "0003")->ema_constraint, ==, BOS_CONSTRAINT_AT_MIN);
}

/* Minors with locked municipalities (the locks case: requests 30, 32, 5,
 * 22, 11). In step 8 nobody is locked: the locked take part with their
 * request as cap. E = 6, ema_min = ema_drop = 0. Scores over the pool
 * (P 6000): 5/6, 1/2, 1/3, 1/3, 1/6 (sum 13/6)
 *   q = 6 s / (13/6) = 36 s / 13 = 30/13, 18/13, 12/13, 12/13, 6/13
 *   = 2.31, 1.38, .92, .92, .46; floors 3; three units: 0003 and 0004 (.92,
 *   tied, both get one) and 0005 (.46 > .38 of 0002) → 2, 1, 1, 1, 1 */
static void
test_minors_locked (void)
{
  g_autoptr(BosApportionInput) input = new_input (100, 10, 5);
  g_autoptr(BosApportionResult) result = NULL;
  BosMunicipalityInput *m;

  input->ema_need = 6;
  m = add (input, "0001", "01", 5000);
  m->locked = 30;
  m->excluded = TRUE;
  add (input, "0002", "01", 3000);
  m = add (input, "0003", "01", 2000);
  m->immigrant_share = 40.0;
  m->locked = 5;
  add (input, "0004", "01", 2000);
  add (input, "0005", "01", 1000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 30, "0002", 32, "0003", 5, "0004", 22, "0005", 11,
                   NULL);
  assert_ema (input, result, "0001", 2, "0002", 1, "0003", 1, "0004", 1, "0005", 1, NULL);
}

/* Locks taking the whole need: R = 30 - 30 = 0, the rest get nothing. */
static void
test_nothing_left (void)
{
  g_autoptr(BosApportionInput) input = new_input (30, 10, 5);
  g_autoptr(BosApportionResult) result = NULL;

  add (input, "0001", "01", 1000)->locked = 30;
  add (input, "0002", "01", 5000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 30, "0002", 0, NULL);
  g_assert_cmpint (get (input, result, "0002")->constraint, ==, BOS_CONSTRAINT_NOTHING_LEFT);
  g_assert_cmpstr (get (input, result, "0002")->reason, ==,
                   "score 1; nothing left to distribute after the locks");

  /* a need of 0 without locks: nothing to distribute at all */
  {
    g_autoptr(BosApportionInput) empty = new_input (0, 10, 5);
    g_autoptr(BosApportionResult) none = NULL;

    add (empty, "0001", "01", 1000);
    none = run_checked (empty);
    assert_requests (empty, none, "0001", 0, NULL);
    g_assert_cmpstr (get (empty, none, "0001")->reason, ==, "score 1; nothing to distribute");
  }
}

/* Weights 2 and 2 are used as .5 and .5 (the population-scaled case gives
 * 6, 27, 17 again), with a warning. */
static void
test_weights_normalised (void)
{
  g_autoptr(BosApportionInput) input = new_input (50, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;

  bos_criteria_clear_factors (&input->criteria);
  bos_criteria_add_factor (&input->criteria, "population", 2, BOS_FACTOR_MODE_SHARE);
  bos_criteria_add_factor (&input->criteria, "rate", 2, BOS_FACTOR_MODE_POPULATION_SCALED);
  bos_apportion_input_set_indicator (input, add (input, "0001", "01", 1000), "rate", 0.2);
  bos_apportion_input_set_indicator (input, add (input, "0002", "01", 3000), "rate", 0.6);
  add (input, "0003", "01", 2000);
  result = run_checked (input);
  assert_requests (input, result, "0001", 6, "0002", 27, "0003", 17, NULL);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0),
                            "the factor weights add up to 4, not 1"));
}

/* Infeasible inputs: an error with the shortfall and the cause, never a
 * result. */
static void
test_infeasible (void)
{
  {
    /* locks 30 + 30 = 60 > N = 50: 10 too many */
    g_autoptr(BosApportionInput) input = new_input (50, 10, 5);
    const char * const says[] = { "locked requests exceed the need", "add up to 60",
                                  "10 persons too many", NULL };

    add (input, "0001", "01", 1000)->locked = 30;
    add (input, "0002", "01", 1000)->locked = 30;
    add (input, "0003", "01", 1000);
    assert_infeasible (input, says);
  }
  {
    /* caps 10 + 15 = 25 < N = 40: 15 short */
    g_autoptr(BosApportionInput) input = new_input (40, 0, 0);
    const char * const says[] = { "15 persons cannot be placed", "hold only 25 of the 40", NULL };

    add (input, "0001", "01", 1000)->cap = 10;
    add (input, "0002", "01", 1000)->cap = 15;
    assert_infeasible (input, says);
  }
  {
    /* everyone excluded, N = 10 */
    g_autoptr(BosApportionInput) input = new_input (10, 10, 5);
    const char * const says[] = { "10 persons cannot be placed",
                                  "no municipality can take a request", NULL };

    add (input, "0001", "01", 1000)->excluded = TRUE;
    add (input, "0002", "01", 1000)->immigrant_share = 50;
    assert_infeasible (input, says);
  }
  {
    /* R = 5 is below m = 10: nobody fits */
    g_autoptr(BosApportionInput) input = new_input (5, 10, 5);
    const char * const says[] = { "5 persons cannot be placed", "minimum request 10", NULL };

    add (input, "0001", "01", 1000);
    add (input, "0002", "01", 2000);
    assert_infeasible (input, says);
  }
  {
    /* m = 10, d = 5, N = 25; 0001 and 0002 P 4000 cap 10, 0003 P 2000:
     * s = .4, .4, .2; entry levels 12.5, 12.5, 25; just below 25 the two
     * are at their caps (20); 0003 enters (30 ≥ 25), λ* = 25; only two
     * minimums fit (20 ≤ 25 < 30) and their caps hold 20: 5 short */
    g_autoptr(BosApportionInput) input = new_input (25, 10, 5);
    const char * const says[] = { "5 persons cannot be placed", "only 2 municipalities fit",
                                  "hold only 20 of the 25", NULL };

    add (input, "0001", "01", 4000)->cap = 10;
    add (input, "0002", "01", 4000)->cap = 10;
    add (input, "0003", "01", 2000);
    assert_infeasible (input, says);
  }
  {
    /* minors: E = 8 but the one ema_capable municipality is asked for 5 */
    g_autoptr(BosApportionInput) input = new_input (10, 0, 0);
    const char * const says[] = { "unaccompanied minors: ", "3 minors cannot be placed", NULL };

    input->ema_need = 8;
    add (input, "0001", "01", 1000);
    add (input, "0002", "01", 1000)->ema_capable = FALSE;
    assert_infeasible (input, says);
  }
}

/* Inputs that break the rules are refused as invalid, naming the problem. */
static void
test_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosApportionInput) input = new_input (10, 10, 12);
  g_autoptr(BosApportionResult) result = NULL;

  add (input, "0001", "01", 1000);
  result = bos_apportion_run (input, &error);
  g_assert_null (result);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "drop_below (12) must not be above min_request (10)"));
  g_clear_error (&error);

  input->criteria.drop_below = 5;
  add (input, "0001", "01", 2000);
  g_assert_false (bos_apportion_input_validate (input, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0001 occurs more than once"));
  g_clear_error (&error);

  g_ptr_array_remove_index (input->municipalities, 1);
  ((BosMunicipalityInput *) g_ptr_array_index (input->municipalities, 0))->population = 0;
  g_assert_false (bos_apportion_input_validate (input, &error));
  g_assert_nonnull (strstr (error->message, "municipality 0001: population must be"));
}

/* Reasons can be skipped and built on demand, the same text. */
static void
test_explain_on_demand (void)
{
  g_autoptr(BosApportionInput) input = new_input (100, 10, 5);
  g_autoptr(BosApportionResult) full = NULL;
  g_autoptr(BosApportionResult) numbers = NULL;
  g_autoptr(GError) error = NULL;

  input->ema_need = 9;
  add (input, "0001", "01", 50000)->cap = 20;
  add (input, "0002", "01", 30000);
  add (input, "0003", "01", 15000)->cap = 8;
  add (input, "0004", "01", 5000);
  full = run_checked (input);
  numbers = bos_apportion_run_full (input, BOS_APPORTION_SKIP_REASONS, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < numbers->n_municipalities; i++)
    {
      g_autofree char *reason = bos_apportion_result_explain (numbers, i);

      g_assert_null (numbers->municipalities[i].reason);
      g_assert_cmpint (numbers->municipalities[i].request, ==, full->municipalities[i].request);
      g_assert_cmpstr (reason, ==, full->municipalities[i].reason);
    }
}

/* ------------------------------------------------------------------------ */
/* Properties on random inputs                                              */

/* A random valid input: decimals with at most two places, so that the
 * checks below can use doubles safely. */
static BosApportionInput *
random_input (GRand *rand)
{
  BosApportionInput *input = bos_apportion_input_new ();
  BosCriteria *cr = &input->criteria;
  guint n = (guint) g_rand_int_range (rand, 1, g_rand_boolean (rand) ? 12 : 60);
  guint n_counties = (guint) g_rand_int_range (rand, 1, 5);
  const char *indicators[] = { "a", "b" };
  const double values[] = { 0, 0.1, 0.2, 0.3, 0.5, 0.61, 0.71, 1, 2.5 };
  const double shares[] = { 5, 12.3, 20, 30, 31.2, 45 };
  gboolean any_weight = FALSE;

  bos_criteria_clear_factors (cr);
  if (g_rand_int_range (rand, 0, 5) > 0)
    {
      bos_criteria_add_factor (cr, "population", g_rand_int_range (rand, 0, 5) / 4.0,
                               BOS_FACTOR_MODE_SHARE);
      any_weight = cr->factors[0].weight > 0;
    }
  for (guint k = 0; k < G_N_ELEMENTS (indicators); k++)
    if (g_rand_boolean (rand))
      {
        double weight = g_rand_int_range (rand, 0, 4) / 10.0;

        bos_criteria_add_factor (cr, indicators[k], weight,
                                 g_rand_boolean (rand) ? BOS_FACTOR_MODE_SHARE
                                                       : BOS_FACTOR_MODE_POPULATION_SCALED);
        bos_apportion_input_add_indicator (input, indicators[k]);
        any_weight = any_weight || weight > 0;
      }
  if (!any_weight)
    bos_criteria_add_factor (cr, "population", 1, BOS_FACTOR_MODE_SHARE);
  cr->min_request = g_rand_int_range (rand, 0, 4) * 3;
  cr->drop_below = g_rand_int_range (rand, 0, (gint32) cr->min_request + 1);
  cr->max_immigrant_share = g_rand_boolean (rand) ? 30.0 : NAN;
  cr->min_population = g_rand_int_range (rand, 0, 4) == 0 ? 2000 : 0;
  cr->max_per_1000 = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 5, 40) / 2.0 : NAN;
  cr->largest_n = g_rand_int_range (rand, 0, 3);
  cr->largest_factor = g_rand_int_range (rand, 2, 11) / 10.0;
  cr->ema_min_request = g_rand_int_range (rand, 0, 3);
  cr->ema_drop_below = g_rand_int_range (rand, 0, (gint32) cr->ema_min_request + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("%04u", i * 37 % 9973 + 100);
      g_autofree char *county = g_strdup_printf ("%02u", g_rand_int_range (rand, 0, (gint32) n_counties));
      gint64 population = g_rand_boolean (rand) ? 1000 * g_rand_int_range (rand, 1, 4)
                                                : g_rand_int_range (rand, 300, 120000);
      BosMunicipalityInput *m = bos_apportion_input_add_municipality (input, code, code, county,
                                                                       population);

      if (g_rand_int_range (rand, 0, 10) < 7)
        m->immigrant_share = shares[g_rand_int_range (rand, 0, G_N_ELEMENTS (shares))];
      for (guint k = 0; k < input->indicator_names->len; k++)
        if (g_rand_int_range (rand, 0, 10) < 9)
          m->indicators[k] = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];
      if (g_rand_int_range (rand, 0, 10) == 0)
        m->adjustment = g_rand_int_range (rand, 0, 13) / 10.0;
      if (g_rand_int_range (rand, 0, 12) == 0)
        m->locked = g_rand_int_range (rand, 0, 12);
      m->excluded = g_rand_int_range (rand, 0, 12) == 0;
      m->included = g_rand_int_range (rand, 0, 12) == 0;
      m->ema_capable = g_rand_int_range (rand, 0, 6) > 0;
      if (g_rand_int_range (rand, 0, 8) == 0)
        m->cap = g_rand_int_range (rand, 0, 200);
    }
  /* an indicator nobody has would be refused as invalid */
  for (guint k = 0; k < input->indicator_names->len; k++)
    ((BosMunicipalityInput *) g_ptr_array_index (input->municipalities, 0))->indicators[k] = 0.5;

  input->need = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 0, 40)
                                                    : g_rand_int_range (rand, 20, 1500);
  input->ema_need = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, (gint32) (input->need / 5 + 1)) : 0;
  input->by_county = g_rand_boolean (rand);
  return input;
}

static gboolean
expect_excluded (const BosApportionInput    *input,
                 const BosMunicipalityInput *m)
{
  const BosCriteria *cr = &input->criteria;
  gboolean rule = m->excluded ||
                  (!isnan (cr->max_immigrant_share) && !isnan (m->immigrant_share) &&
                   m->immigrant_share > cr->max_immigrant_share) ||
                  m->population < cr->min_population;

  return m->locked < 0 && rule && !m->included;
}

static gint64
expect_cap (const BosApportionInput    *input,
            const BosMunicipalityInput *m)
{
  if (m->cap >= 0)
    return m->cap;
  if (!isnan (input->criteria.max_per_1000))
    return (gint64) floor (input->criteria.max_per_1000 * 2 * (double) m->population / 2000);
  return G_MAXINT64;
}

/* 500 random inputs: the requests add up, every rule holds, and a shuffled
 * row order gives the same output. */
static void
test_properties (void)
{
  GRand *rand = g_rand_new_with_seed (20270101);
  guint feasible = 0, infeasible = 0, two_stage = 0, with_minors = 0;

  for (guint run = 0; run < 500; run++)
    {
      g_autoptr(BosApportionInput) input = random_input (rand);
      g_autoptr(BosApportionInput) shuffled = bos_apportion_input_copy (input);
      g_autoptr(BosApportionResult) result = NULL;
      g_autoptr(BosApportionResult) shuffled_result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) shuffled_error = NULL;
      gint64 total = 0, ema_total = 0;
      guint n = input->municipalities->len;

      for (guint i = n; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          gpointer tmp = shuffled->municipalities->pdata[i - 1];

          shuffled->municipalities->pdata[i - 1] = shuffled->municipalities->pdata[j];
          shuffled->municipalities->pdata[j] = tmp;
        }

      result = bos_apportion_run (input, &error);
      shuffled_result = bos_apportion_run (shuffled, &shuffled_error);
      if (result == NULL)
        {
          /* Valid inputs can only be infeasible, or lack an indicator in
           * the whole pool; and the same way shuffled. */
          g_assert_nonnull (error);
          g_assert_nonnull (shuffled_error);
          g_assert_cmpstr (error->message, ==, shuffled_error->message);
          g_assert_null (shuffled_result);
          if (g_error_matches (error, BOS_ERROR, BOS_ERROR_INVALID))
            {
              g_assert_nonnull (strstr (error->message, "no municipality in the pool has a value"));
              continue;
            }
          g_assert_error (error, BOS_ERROR, BOS_ERROR_INFEASIBLE);
          g_assert_true (strstr (error->message, "persons") != NULL ||
                         strstr (error->message, "minors") != NULL);
          infeasible++;
          continue;
        }
      g_assert_no_error (shuffled_error);
      feasible++;
      two_stage += input->by_county;
      with_minors += input->ema_need > 0;

      for (guint i = 0; i < n; i++)
        {
          const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);
          const BosMunicipalityResult *r = &result->municipalities[i];

          total += r->request;
          ema_total += r->ema_request;
          g_assert_cmpint (r->request, >=, 0);
          g_assert_cmpint (r->ema_request, >=, 0);
          g_assert_cmpint (r->ema_request, <=, r->request);
          if (m->locked >= 0)
            g_assert_cmpint (r->request, ==, m->locked);
          else if (expect_excluded (input, m))
            g_assert_cmpint (r->request, ==, 0);
          else if (r->request > 0)
            {
              g_assert_cmpint (r->request, >=, input->criteria.min_request);
              g_assert_cmpint (r->request, <=, expect_cap (input, m));
            }
          if (r->ema_request > 0)
            {
              g_assert_true (m->ema_capable);
              g_assert_cmpint (r->ema_request, >=, input->criteria.ema_min_request);
            }
        }
      g_assert_cmpint (total, ==, input->need);
      g_assert_cmpint (ema_total, ==, input->ema_need);
      if (input->by_county)
        {
          gint64 counties = 0;

          for (guint c = 0; c < result->n_counties; c++)
            counties += result->counties[c].request;
          g_assert_cmpint (counties, ==, input->need);
        }
      assert_same_results (input, result, shuffled, shuffled_result);
    }
  g_rand_free (rand);
  g_test_message ("%u feasible (%u two-stage, %u with minors), %u infeasible",
                  feasible, two_stage, with_minors, infeasible);
  /* the properties must have been tested on enough outcomes */
  g_assert_cmpuint (feasible, >=, 250);
  g_assert_cmpuint (two_stage, >=, 100);
  g_assert_cmpuint (with_minors, >=, 100);
  g_assert_cmpuint (infeasible, >=, 10);
}

/* Exact decimals: 0.1 + 0.2 and 0.3 are the same tenths to the method,
 * whatever their binary doubles, so x = 0.1, 0.2 and 0.3 with N = 6 give
 * exactly 1, 2, 3 (q = 6 x / 0.6), with no unit moved by rounding. */
static void
test_decimal_inputs (void)
{
  g_autoptr(BosApportionInput) input = new_input (6, 0, 0);
  g_autoptr(BosApportionResult) result = NULL;

  bos_criteria_clear_factors (&input->criteria);
  bos_criteria_add_factor (&input->criteria, "x", 1, BOS_FACTOR_MODE_SHARE);
  bos_apportion_input_set_indicator (input, add (input, "0001", "01", 1000), "x", 0.1);
  bos_apportion_input_set_indicator (input, add (input, "0002", "01", 1000), "x", 0.2);
  bos_apportion_input_set_indicator (input, add (input, "0003", "01", 1000), "x", 0.1 + 0.2);
  result = run_checked (input);
  assert_requests (input, result, "0001", 1, "0002", 2, "0003", 3, NULL);
  for (guint i = 0; i < 3; i++)
    g_assert_false (result->municipalities[i].rounded_up);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/apportion/proportional", test_proportional);
  g_test_add_func ("/apportion/tie-by-code", test_tie_by_code);
  g_test_add_func ("/apportion/tie-by-population", test_tie_by_population);
  g_test_add_func ("/apportion/exact-tie", test_exact_tie);
  g_test_add_func ("/apportion/decimal-inputs", test_decimal_inputs);
  g_test_add_func ("/apportion/drop-and-raise", test_drop_and_raise);
  g_test_add_func ("/apportion/caps", test_caps);
  g_test_add_func ("/apportion/max-per-1000", test_max_per_1000);
  g_test_add_func ("/apportion/exclusions", test_exclusions);
  g_test_add_func ("/apportion/locks", test_locks);
  g_test_add_func ("/apportion/population-scaled-missing", test_population_scaled_missing);
  g_test_add_func ("/apportion/largest-n", test_largest_n);
  g_test_add_func ("/apportion/no-room", test_no_room);
  g_test_add_func ("/apportion/two-stage", test_two_stage);
  g_test_add_func ("/apportion/two-stage-population-tie", test_two_stage_population_tie);
  g_test_add_func ("/apportion/minors", test_minors);
  g_test_add_func ("/apportion/minors-entry-tie", test_minors_entry_tie);
  g_test_add_func ("/apportion/minors-locked", test_minors_locked);
  g_test_add_func ("/apportion/nothing-left", test_nothing_left);
  g_test_add_func ("/apportion/weights-normalised", test_weights_normalised);
  g_test_add_func ("/apportion/infeasible", test_infeasible);
  g_test_add_func ("/apportion/invalid", test_invalid);
  g_test_add_func ("/apportion/explain-on-demand", test_explain_on_demand);
  g_test_add_func ("/apportion/properties", test_properties);

  return g_test_run ();
}
