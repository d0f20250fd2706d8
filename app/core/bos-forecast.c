/* bos-forecast.c: how much of a request each municipality is likely to decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model
 * =========
 * Data. For every municipality of today (former codes mapped through the
 * code history by bos-history.c, split municipalities apportioned) and every
 * year before the target year with a request above 0 and a decision:
 * the ratio r = decision / request. The request is the one the decision
 * answered: IMDi's "original request" when it is recorded (2020, where the
 * request was revised down after the decisions), otherwise the request. A
 * suppressed decision (IMDi publishes ":" for 0–4 persons) counts as 2
 * persons (the middle of 0–4, never more than the request); a missing one
 * is unknown and the year is left out. A suppressed or missing request
 * leaves the year out.
 *
 * Three outcomes. Municipalities mostly decide exactly what they were
 * asked (in 2017–2019 three answers in four), some decline entirely, the
 * rest decide another number, usually fewer, sometimes more (seed 002). So
 * the fraction F = decision / request of a request is a mixture:
 *   F = 0                 with probability p0 (declines),
 *   F = 1                 with probability p1 (decides the request),
 *   F = 1.5 · Y, Y ~ Beta(a, b)   otherwise (another number, capped at
 *                                  150 % of the request).
 *
 * The year's level and the municipality's habit. The shares of the three
 * outcomes (and the mean of Y) move with the year: in some years most
 * municipalities decide fewer (1999–2003, 2010), in others nearly all say
 * yes (2005–2006, 2018–2020). So a municipality's chance of each outcome
 * is the level expected for the target year times its usual ratio to the
 * levels of the years it answered (observed / expected, as in indirect
 * standardisation), the three then scaled to add up to 1; the mean of Y
 * is the level of Y plus its usual difference from the years' levels. The
 * level is the past years' national shares weighted by recency with a
 * short half-life h_L; a municipality's years are weighted by recency
 * with half-life h (weight 2^(−(Y − 1 − t) / h)).
 *
 * Borrowing strength (empirical Bayes). A municipality's ratio is shrunk
 * towards its county's, and a county's towards 1 (the country):
 *   ratio = (observed + k · county ratio) / (expected + k),
 * where observed and expected are recency-weighted counts, so a
 * municipality with few (or long past) years leans on its county; the
 * difference in Y likewise: Z · own + (1 − Z) · county's, Z = w / (w + k),
 * w the sum of its recency weights (its effective number of years). The
 * counties' constants are Bühlmann–Straub estimates (within variance /
 * between variance, with the year effects taken out). The municipalities'
 * constants k (one for the outcomes, one for Y) and the half-lives h and
 * h_L are chosen from small grids so that the method, fitted on the years
 * before each of the last three years, would have predicted those years
 * best (the log predictive score, each answer counted with its request):
 * one-year-ahead validation that never looks at the target year. The
 * variance of Y is the municipality's own spread, shrunk towards the
 * county's with two years' weight, plus (1 − Z) times the variance between
 * municipalities for the uncertainty of its mean. A municipality without
 * history gets its county's distribution.
 *
 * Years move everyone. The answers of one year are therefore drawn
 * together through a Gaussian copula: municipality i's fraction is
 * Q_i(Φ(√ρ·Z + √(1−ρ)·ε_i)) with one Z per draw, so each municipality
 * keeps its own distribution while the total gets the spread of the past
 * years. ρ is estimated from the history: the mean normal score of each
 * year's answers varies more than independent answers would allow (ρ from
 * Var(mean z_t) = ρ·s² + (1 − ρ)·s²/n_t, years weighted by recency).
 *
 * Monte Carlo. Per draw and municipality, decision = round (request · F)
 * (half up); the totals of the draws give the 10th/90th percentiles, the
 * probability that the total covers the need, the expected shortfall per
 * county and the uplift: the smallest multiplier u of every request (in
 * steps of 0.01, each multiplied request rounded) with P(cover) ≥ 80 %,
 * found by bisection on the same draws (P(cover) only grows with u). The
 * per-municipality expectation and percentiles come from the same
 * distribution exactly, without sampling noise.
 *
 * Speed and reproducibility. Each municipality's quantile function is
 * tabulated once per fit on 513 normal scores (the Beta CDF by its
 * continued fraction on 257 points); a draw is then a table lookup. The
 * random numbers come from xoshiro256** seeded with splitmix64, normal
 * deviates from a 4096-cell inverse-CDF table, so the draws use only
 * + − × and lookups: the same seed gives the same output everywhere the
 * tables come out the same (they use exp, log and erfc from the C library
 * once per fit). No allocation per draw; the draws' fractions are kept
 * (4 bytes × municipalities asked × draws) for the uplift.
 */
#define G_LOG_DOMAIN "bos-forecast"

/* Floating-point contraction (fused multiply-add) would make results
 * differ between machines. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-error.h"
#include "bos-forecast.h"
#include "bos-history.h"
#include "bos-municipality-index.h"

enum {
  OUTCOME_ZERO,
  OUTCOME_EXACT,
  OUTCOME_OTHER,
  N_OUTCOMES
};

#define Z_MAX              4.5          /* normal scores beyond are clamped */
#define Z_CELLS            512          /* quantile table: Z_CELLS + 1 nodes */
#define BETA_CELLS         256          /* Beta CDF grid: BETA_CELLS + 1 nodes */
#define NORMAL_BITS        12
#define NORMAL_CELLS       (1 << NORMAL_BITS)
#define UPLIFT_MAX_STEPS   1000         /* multipliers 0.01 … 10.00 */
#define K_MIN              0.5          /* bounds of the credibility constants */
#define K_MAX              50.0
#define VARIANCE_PRIOR     2.0          /* years' weight of the county's spread */
#define MIN_PROBABILITY    1e-4
#define MIN_BETA_PARAMETER 0.3

/* Weighted sums of one municipality's, county's or the country's years. */
typedef struct
{
  double weight;              /* Σ w */
  double weight2;             /* Σ w² */
  double outcome[N_OUTCOMES]; /* Σ w per outcome */
  double other_weight2;       /* Σ w² over OTHER years */
  double other_sum;           /* Σ w·y over OTHER years */
  double other_sum2;          /* Σ w·y² over OTHER years */
  /* The same with each year's mean over all municipalities taken out
   * (and the overall mean put back), for the credibility constants. */
  double adjusted_sum[N_OUTCOMES];
  double adjusted_sum2[N_OUTCOMES];
  double adjusted_other_sum;
  double adjusted_other_sum2;
  guint  n_years;
} Stats;

/* One unit (municipality or county) for the credibility estimate. */
typedef struct
{
  double weight;
  double weight2;
  double mean;
  double ss;        /* Σ w (x − mean)² */
  guint  group;
} Unit;

typedef struct
{
  BosForecastFit fit;
  guint          county;            /* position in the model's counties */
  gboolean       has_history;
  double         p0, p1, pc;        /* outcome probabilities */
  double         b1;                /* Beta CDF at 1 / cap */
  double         beta_cdf[BETA_CELLS + 1];
  float          table[Z_CELLS + 1];  /* F at the normal scores z_k */
} Area;

struct _BosForecastModel
{
  int      target_year;
  double   cap;
  double   half_life;         /* chosen or given */
  double   level_half_life;   /* for the level of the year */
  double   k_outcome;         /* credibility constants used for municipalities */
  double   k_other;
  double   correlation;
  guint    n_observations;
  guint    n_areas;
  Area    *areas;             /* code order */
  guint    n_counties;
  char   (*county_codes)[4];
  double   cell_weights[Z_CELLS + 2];  /* lower tail, cells, upper tail */
};

static double beta_grid[BETA_CELLS + 1];
static double normal_table[NORMAL_CELLS + 1];
static double z_nodes_u[Z_CELLS + 1];   /* Φ(z_k) */

/* ---- numerics ------------------------------------------------------------ */

/* log Γ(x) for x > 0 (Lanczos, g = 7), thread-safe unlike lgamma(). */
static double
log_gamma (double x)
{
  static const double c[9] = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028,
    771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  };
  double sum, t;

  if (x < 0.5)
    return log (G_PI / sin (G_PI * x)) - log_gamma (1.0 - x);
  x -= 1.0;
  sum = c[0];
  for (int i = 1; i < 9; i++)
    sum += c[i] / (x + i);
  t = x + 7.5;
  return 0.5 * log (2.0 * G_PI) + (x + 0.5) * log (t) - t + log (sum);
}

/* The continued fraction of the incomplete Beta function (Lentz). */
static double
beta_continued_fraction (double a,
                         double b,
                         double x)
{
  const double tiny = 1e-300;
  double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap, h;

  if (fabs (d) < tiny)
    d = tiny;
  d = 1.0 / d;
  h = d;
  for (int m = 1; m <= 500; m++)
    {
      double m2 = 2.0 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      double delta;

      d = 1.0 + aa * d;
      if (fabs (d) < tiny)
        d = tiny;
      c = 1.0 + aa / c;
      if (fabs (c) < tiny)
        c = tiny;
      d = 1.0 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1.0 + aa * d;
      if (fabs (d) < tiny)
        d = tiny;
      c = 1.0 + aa / c;
      if (fabs (c) < tiny)
        c = tiny;
      d = 1.0 / d;
      delta = d * c;
      h *= delta;
      if (fabs (delta - 1.0) < 1e-13)
        break;
    }
  return h;
}

/* The regularized incomplete Beta function I_x(a, b). */
static double
beta_cdf (double a,
          double b,
          double log_beta,
          double x)
{
  double front;

  if (x <= 0.0)
    return 0.0;
  if (x >= 1.0)
    return 1.0;
  front = exp (a * log (x) + b * log1p (-x) - log_beta);
  if (x < (a + 1.0) / (a + b + 2.0))
    return front * beta_continued_fraction (a, b, x) / a;
  return 1.0 - front * beta_continued_fraction (b, a, 1.0 - x) / b;
}

static double
normal_cdf (double z)
{
  return 0.5 * erfc (-z / G_SQRT2);
}

/* Φ⁻¹(p) for 0 < p < 1: Acklam's approximation and one Halley step. */
static double
normal_quantile (double p)
{
  static const double a[6] = {
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
  };
  static const double b[5] = {
    -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
    6.680131188771972e+01, -1.328068155288572e+01,
  };
  static const double c[6] = {
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
  };
  static const double d[4] = {
    7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
    3.754408661907416e+00,
  };
  double q, r, x, e, u;

  g_assert (p > 0.0 && p < 1.0);

  if (p < 0.02425)
    {
      q = sqrt (-2.0 * log (p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
          ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
  else if (p > 1.0 - 0.02425)
    {
      q = sqrt (-2.0 * log1p (-p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
  else
    {
      q = p - 0.5;
      r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
          (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }

  e = normal_cdf (x) - p;
  u = e * sqrt (2.0 * G_PI) * exp (x * x / 2.0);
  return x - u / (1.0 + x * u / 2.0);
}

static double
normal_density (double z)
{
  return exp (-z * z / 2.0) / sqrt (2.0 * G_PI);
}

/* Grids shared by every model, computed once. */
static void
init_tables (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  /* Denser near 0 and 1, where a Beta CDF bends most. */
  for (int j = 0; j <= BETA_CELLS; j++)
    beta_grid[j] = (1.0 - cos (G_PI * j / BETA_CELLS)) / 2.0;
  beta_grid[0] = 0.0;
  beta_grid[BETA_CELLS] = 1.0;

  for (int k = 0; k <= Z_CELLS; k++)
    z_nodes_u[k] = normal_cdf (-Z_MAX + 2.0 * Z_MAX * k / Z_CELLS);

  /* The inverse normal CDF at u = i / 4096. The two end nodes are set so
   * that each tail cell, read linearly, has the tail's true mean. */
  for (int i = 1; i < NORMAL_CELLS; i++)
    normal_table[i] = normal_quantile ((double) i / NORMAL_CELLS);
  {
    double edge = normal_table[NORMAL_CELLS - 1];
    double tail_mean = normal_density (edge) * NORMAL_CELLS;

    normal_table[NORMAL_CELLS] = 2.0 * tail_mean - edge;
    normal_table[0] = -normal_table[NORMAL_CELLS];
  }

  g_once_init_leave (&initialized, 1);
}

/* ---- random numbers ------------------------------------------------------ */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_seed (Rng     *rng,
          guint64  seed)
{
  guint64 state = seed;

  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

/* xoshiro256** */
static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* A standard normal deviate from the inverse-CDF table. */
static inline double
rng_normal (Rng *rng)
{
  guint64 x = rng_next (rng);
  guint cell = (guint) (x >> (64 - NORMAL_BITS));
  double frac = (double) ((x >> 11) & ((G_GUINT64_CONSTANT (1) << (53 - NORMAL_BITS)) - 1)) *
                (1.0 / (double) (G_GUINT64_CONSTANT (1) << (53 - NORMAL_BITS)));

  return normal_table[cell] + frac * (normal_table[cell + 1] - normal_table[cell]);
}

/* ---- history ------------------------------------------------------------- */

void
bos_forecast_options_init (BosForecastOptions *options)
{
  g_return_if_fail (options != NULL);

  options->half_life = 0.0;
  options->ratio_cap = 1.5;
  options->suppressed_decision = 2.0;
  options->correlation = -1.0;
  options->cover_target = 0.80;
  options->n_draws = 10000;
  options->seed = 1;
}

BosForecastHistory *
bos_forecast_history_new (void)
{
  BosForecastHistory *history = g_new0 (BosForecastHistory, 1);

  history->municipalities = g_array_new (FALSE, TRUE, sizeof (BosForecastArea));
  history->observations = g_array_new (FALSE, TRUE, sizeof (BosForecastObservation));
  return history;
}

void
bos_forecast_history_free (BosForecastHistory *history)
{
  if (history == NULL)
    return;
  g_clear_pointer (&history->municipalities, g_array_unref);
  g_clear_pointer (&history->observations, g_array_unref);
  g_free (history);
}

guint
bos_forecast_history_add_area (BosForecastHistory *history,
                               const char         *code,
                               const char         *county_code)
{
  BosForecastArea area = { { 0 } };

  g_return_val_if_fail (history != NULL, 0);
  g_return_val_if_fail (code != NULL && county_code != NULL, 0);
  g_return_val_if_fail (history->municipalities->len == 0 ||
                        strcmp (g_array_index (history->municipalities, BosForecastArea,
                                               history->municipalities->len - 1).code, code) < 0,
                        0);

  g_strlcpy (area.code, code, sizeof area.code);
  g_strlcpy (area.county_code, county_code, sizeof area.county_code);
  g_array_append_val (history->municipalities, area);
  return history->municipalities->len - 1;
}

void
bos_forecast_history_add (BosForecastHistory *history,
                          guint               municipality,
                          int                 year,
                          gint64              request,
                          gint64              decision,
                          gboolean            suppressed)
{
  BosForecastObservation observation = { 0 };

  g_return_if_fail (history != NULL);
  g_return_if_fail (municipality < history->municipalities->len);
  g_return_if_fail (request > 0);
  g_return_if_fail (decision >= 0);

  observation.municipality = municipality;
  observation.year = year;
  observation.request = request;
  observation.decision = suppressed ? 0 : decision;
  observation.suppressed = suppressed;
  g_array_append_val (history->observations, observation);
}

static int
compare_area_code (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (((const BosForecastArea *) a)->code, ((const BosForecastArea *) b)->code);
}

int
bos_forecast_history_find (const BosForecastHistory *history,
                           const char               *code)
{
  BosForecastArea key = { { 0 } };
  guint position;

  g_return_val_if_fail (history != NULL, -1);
  g_return_val_if_fail (code != NULL, -1);

  g_strlcpy (key.code, code, sizeof key.code);
  if (!g_array_binary_search (history->municipalities, &key, compare_area_code, &position))
    return -1;
  return (int) position;
}

/**
 * bos_forecast_history_load:
 * @first_year: the first year to read (settlement history starts 1995)
 * @last_year: the last year to read
 *
 * Every municipality of today and every year of @first_year..@last_year in
 * which it had a request above 0 and a decision (see the model above for
 * original requests and suppressed figures).
 *
 * Returns: (transfer full): the history, or %NULL with @error set
 */
BosForecastHistory *
bos_forecast_history_load (BosStore  *store,
                           int        first_year,
                           int        last_year,
                           GError   **error)
{
  g_autoptr(BosForecastHistory) history = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(BosHistoryTotals) totals = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  index = bos_municipality_index_load (store, error);
  if (index == NULL)
    return NULL;
  totals = bos_history_totals_new_for_municipalities (store, first_year, last_year, error);
  if (totals == NULL)
    return NULL;

  history = bos_forecast_history_new ();
  for (guint i = 0; i < bos_municipality_index_get_n (index); i++)
    {
      const BosMunicipalityInfo *info = bos_municipality_index_get (index, i);
      guint position = bos_forecast_history_add_area (history, info->code, info->county_code);

      for (int year = first_year; year <= last_year; year++)
        {
          BosHistoryTotal original = bos_history_totals_get (totals, info->code,
                                                             BOS_HISTORY_ORIGINAL_REQUEST, year);
          BosHistoryTotal request = bos_history_totals_get (totals, info->code,
                                                            BOS_HISTORY_REQUEST, year);
          BosHistoryTotal decision = bos_history_totals_get (totals, info->code,
                                                             BOS_HISTORY_DECISION, year);
          gint64 asked;

          /* The decision answered the original request where one is
           * recorded (2020: the request was revised after the decisions). */
          if (original.status == BOS_HISTORY_TOTAL_OK && original.persons > 0)
            asked = original.persons;
          else if (request.status == BOS_HISTORY_TOTAL_OK)
            asked = request.persons;
          else
            continue;
          if (asked <= 0)
            continue;

          if (decision.status == BOS_HISTORY_TOTAL_OK)
            bos_forecast_history_add (history, position, year, asked, decision.persons, FALSE);
          else if (decision.status == BOS_HISTORY_TOTAL_SUPPRESSED)
            bos_forecast_history_add (history, position, year, asked, 0, TRUE);
        }
    }
  return g_steal_pointer (&history);
}

/* ---- fitting ------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Each year's mean of the outcome indicators and of Y over all
 * municipalities, less the mean over all years: the year effects. */
typedef struct
{
  int    first_year;
  guint  n_years;
  double (*outcome)[N_OUTCOMES];
  double *other;
  double *count;                  /* observations per year */
  double *other_count;            /* OTHER observations per year */
  double  overall[N_OUTCOMES];    /* the means over all observations */
  double  overall_other;
} YearEffects;

static void
stats_add (Stats             *stats,
           double             w,
           int                outcome,
           double             y,
           const YearEffects *effects,
           int                year)
{
  guint t = (guint) (year - effects->first_year);

  stats->weight += w;
  stats->weight2 += w * w;
  stats->outcome[outcome] += w;
  stats->n_years++;
  for (int o = 0; o < N_OUTCOMES; o++)
    {
      double x = (o == outcome ? 1.0 : 0.0) - effects->outcome[t][o];

      stats->adjusted_sum[o] += w * x;
      stats->adjusted_sum2[o] += w * x * x;
    }
  if (outcome == OUTCOME_OTHER)
    {
      double x = y - effects->other[t];

      stats->other_weight2 += w * w;
      stats->other_sum += w * y;
      stats->other_sum2 += w * y * y;
      stats->adjusted_other_sum += w * x;
      stats->adjusted_other_sum2 += w * x * x;
    }
}

static double
stats_other_mean (const Stats *stats)
{
  double w = stats->outcome[OUTCOME_OTHER];

  return w > 0.0 ? stats->other_sum / w : 0.0;
}

/* Σ w (y − mean)² over the OTHER years. */
static double
stats_other_ss (const Stats *stats)
{
  double w = stats->outcome[OUTCOME_OTHER];
  double mean = stats_other_mean (stats);

  if (w <= 0.0)
    return 0.0;
  return MAX (0.0, stats->other_sum2 - w * mean * mean);
}

/* The weighted degrees of freedom of a variance (Bessel for weights). */
static double
dof (double weight,
     double weight2)
{
  return weight > 0.0 ? MAX (0.0, weight - weight2 / weight) : 0.0;
}

/* Bühlmann–Straub: the within-unit variance σ² and the variance τ² of the
 * units' true means around their group's mean. */
static void
credibility (const Unit *units,
             guint       n_units,
             guint       n_groups,
             double     *sigma2,
             double     *tau2)
{
  g_autofree double *group_weight = g_new0 (double, n_groups);
  g_autofree double *group_weight2 = g_new0 (double, n_groups);
  g_autofree double *group_sum = g_new0 (double, n_groups);
  g_autofree guint *group_n = g_new0 (guint, n_groups);
  double ss = 0.0, degrees = 0.0, between = 0.0, denominator = 0.0;
  guint n_extra = 0;

  for (guint i = 0; i < n_units; i++)
    {
      const Unit *unit = &units[i];

      if (unit->weight <= 0.0)
        continue;
      ss += unit->ss;
      degrees += dof (unit->weight, unit->weight2);
      group_weight[unit->group] += unit->weight;
      group_weight2[unit->group] += unit->weight * unit->weight;
      group_sum[unit->group] += unit->weight * unit->mean;
      group_n[unit->group]++;
    }
  *sigma2 = degrees > 0.0 ? ss / degrees : 0.0;

  for (guint i = 0; i < n_units; i++)
    {
      const Unit *unit = &units[i];
      double mean;

      if (unit->weight <= 0.0)
        continue;
      mean = group_sum[unit->group] / group_weight[unit->group];
      between += unit->weight * (unit->mean - mean) * (unit->mean - mean);
    }
  for (guint g = 0; g < n_groups; g++)
    {
      if (group_n[g] < 2)
        continue;
      n_extra += group_n[g] - 1;
      denominator += group_weight[g] - group_weight2[g] / group_weight[g];
    }
  *tau2 = denominator > 0.0 ? (between - n_extra * *sigma2) / denominator : 0.0;
}

/* k = σ² / τ², within sensible bounds. */
static double
credibility_constant (double sigma2,
                      double tau2)
{
  if (tau2 <= 0.0)
    return K_MAX;
  return CLAMP (sigma2 / tau2, K_MIN, K_MAX);
}

/* The average constant over the three outcome indicators. */
static double
outcome_constant (const Stats *stats,
                  guint        n_units,
                  const guint *groups,
                  guint        n_groups)
{
  g_autofree Unit *units = g_new0 (Unit, n_units);
  double sum = 0.0;

  for (int outcome = 0; outcome < N_OUTCOMES; outcome++)
    {
      double sigma2, tau2;

      for (guint i = 0; i < n_units; i++)
        {
          double w = stats[i].weight;
          double mean = w > 0.0 ? stats[i].adjusted_sum[outcome] / w : 0.0;

          units[i].weight = w;
          units[i].weight2 = stats[i].weight2;
          units[i].mean = mean;
          units[i].ss = MAX (0.0, stats[i].adjusted_sum2[outcome] - w * mean * mean);
          units[i].group = groups[i];
        }
      credibility (units, n_units, n_groups, &sigma2, &tau2);
      sum += credibility_constant (sigma2, tau2);
    }
  return sum / N_OUTCOMES;
}

/* The constant for the mean of Y, and the between variance τ². */
static double
other_constant (const Stats *stats,
                guint        n_units,
                const guint *groups,
                guint        n_groups,
                double      *tau2)
{
  g_autofree Unit *units = g_new0 (Unit, n_units);
  double sigma2;

  for (guint i = 0; i < n_units; i++)
    {
      double w = stats[i].outcome[OUTCOME_OTHER];
      double mean = w > 0.0 ? stats[i].adjusted_other_sum / w : 0.0;

      units[i].weight = w;
      units[i].weight2 = stats[i].other_weight2;
      units[i].mean = mean;
      units[i].ss = MAX (0.0, stats[i].adjusted_other_sum2 - w * mean * mean);
      units[i].group = groups[i];
    }
  credibility (units, n_units, n_groups, &sigma2, tau2);
  *tau2 = MAX (*tau2, 1e-4);
  return credibility_constant (sigma2, *tau2);
}

/* The Beta parameters with mean @m and variance @v, kept usable. */
static void
beta_from_moments (double  m,
                   double  v,
                   double *a,
                   double *b)
{
  double kappa;

  m = CLAMP (m, 0.01, 0.99);
  v = CLAMP (v, 1e-5, 0.95 * m * (1.0 - m));
  kappa = m * (1.0 - m) / v - 1.0;
  kappa = MAX (kappa, MAX (MIN_BETA_PARAMETER / m, MIN_BETA_PARAMETER / (1.0 - m)));
  *a = m * kappa;
  *b = (1.0 - m) * kappa;
}

/* The Beta CDF at @y from the area's grid. */
static double
area_beta_cdf (const Area *area,
               double      y)
{
  guint lo = 0, hi = BETA_CELLS;

  if (y <= 0.0)
    return 0.0;
  if (y >= 1.0)
    return 1.0;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (beta_grid[mid] <= y)
        lo = mid;
      else
        hi = mid;
    }
  return area->beta_cdf[lo] + (y - beta_grid[lo]) / (beta_grid[hi] - beta_grid[lo]) *
                              (area->beta_cdf[hi] - area->beta_cdf[lo]);
}

/* The inverse of the area's Beta CDF at @t (0..1), from its grid. */
static double
area_beta_quantile (const Area *area,
                    double      t)
{
  guint lo = 0, hi = BETA_CELLS;
  double span;

  if (t <= 0.0)
    return 0.0;
  if (t >= 1.0)
    return 1.0;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (area->beta_cdf[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }
  span = area->beta_cdf[hi] - area->beta_cdf[lo];
  if (span <= 0.0)
    return beta_grid[lo];
  return beta_grid[lo] + (t - area->beta_cdf[lo]) / span * (beta_grid[hi] - beta_grid[lo]);
}

/* The fraction F at probability @u (the mixture's quantile function). */
static double
area_quantile (const Area *area,
               double      u,
               double      cap)
{
  double below_one = area->p0 + area->pc * area->b1;

  if (u <= area->p0)
    return 0.0;
  if (u <= below_one)
    return cap * area_beta_quantile (area, (u - area->p0) / area->pc);
  if (u <= below_one + area->p1)
    return 1.0;
  return cap * area_beta_quantile (area, (u - area->p0 - area->p1) / area->pc);
}

/* The mid-distribution probability of an observed fraction: the middle of
 * a point mass, or the CDF of a continuous value. */
static double
area_mid_probability (const Area *area,
                      int         outcome,
                      double      y,
                      double      cap)
{
  switch (outcome)
    {
    case OUTCOME_ZERO:
      return area->p0 / 2.0;
    case OUTCOME_EXACT:
      return area->p0 + area->pc * area->b1 + area->p1 / 2.0;
    case OUTCOME_OTHER:
    default:
      return area->p0 + area->pc * area_beta_cdf (area, y) + (y * cap > 1.0 ? area->p1 : 0.0);
    }
}

static void
area_build (Area   *area,
            double  p[N_OUTCOMES],
            double  mean,
            double  variance,
            double  cap)
{
  double log_beta;
  double a, b;

  area->p0 = p[OUTCOME_ZERO];
  area->p1 = p[OUTCOME_EXACT];
  area->pc = p[OUTCOME_OTHER];
  beta_from_moments (mean, variance, &a, &b);
  log_beta = log_gamma (a) + log_gamma (b) - log_gamma (a + b);
  for (int j = 0; j <= BETA_CELLS; j++)
    area->beta_cdf[j] = beta_cdf (a, b, log_beta, beta_grid[j]);
  area->b1 = beta_cdf (a, b, log_beta, 1.0 / cap);

  for (int k = 0; k <= Z_CELLS; k++)
    area->table[k] = (float) area_quantile (area, z_nodes_u[k], cap);

  area->fit.p_decline = area->p0;
  area->fit.p_exact = area->p1;
  area->fit.p_full = area->p1 + area->pc * (1.0 - area->b1);
  area->fit.mean_fraction = area->p1 + area->pc * cap * a / (a + b);
  area->fit.beta_a = a;
  area->fit.beta_b = b;
}

static double
recency_weight (int    year,
                int    target_year,
                double half_life)
{
  return exp2 (-(double) (target_year - 1 - year) / half_life);
}

static int
observation_outcome (const BosForecastObservation *observation,
                     const BosForecastOptions     *options,
                     double                       *y)
{
  double decision = observation->suppressed
                    ? MIN (options->suppressed_decision, (double) observation->request)
                    : (double) observation->decision;
  double ratio;

  *y = 0.0;
  if (decision <= 0.0)
    return OUTCOME_ZERO;
  if (decision == (double) observation->request)
    return OUTCOME_EXACT;
  ratio = MIN (decision / (double) observation->request, options->ratio_cap);
  *y = ratio / options->ratio_cap;
  return OUTCOME_OTHER;
}

static void
year_effects_clear (YearEffects *effects)
{
  g_clear_pointer (&effects->outcome, g_free);
  g_clear_pointer (&effects->other, g_free);
  g_clear_pointer (&effects->count, g_free);
  g_clear_pointer (&effects->other_count, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (YearEffects, year_effects_clear)

/* The year effects of the observations before @target_year. */
static void
year_effects_compute (YearEffects              *effects,
                      const BosForecastHistory *history,
                      int                       target_year,
                      const BosForecastOptions *options)
{
  double *count, *other_count, *overall = effects->overall;
  double overall_other = 0.0, n = 0.0, n_other = 0.0;
  int first = target_year, last = target_year - 1;

  for (guint i = 0; i < history->observations->len; i++)
    {
      int year = g_array_index (history->observations, BosForecastObservation, i).year;

      if (year < target_year)
        {
          first = MIN (first, year);
          last = MAX (last, year);
        }
    }
  effects->first_year = first;
  effects->n_years = last >= first ? (guint) (last - first + 1) : 0;
  effects->outcome = g_malloc0 (sizeof *effects->outcome * MAX (effects->n_years, 1));
  effects->other = g_new0 (double, MAX (effects->n_years, 1));
  count = effects->count = g_new0 (double, MAX (effects->n_years, 1));
  other_count = effects->other_count = g_new0 (double, MAX (effects->n_years, 1));
  memset (effects->overall, 0, sizeof effects->overall);

  for (guint i = 0; i < history->observations->len; i++)
    {
      const BosForecastObservation *observation =
        &g_array_index (history->observations, BosForecastObservation, i);
      guint t;
      double y;
      int outcome;

      if (observation->year >= target_year || observation->request <= 0)
        continue;
      t = (guint) (observation->year - first);
      outcome = observation_outcome (observation, options, &y);
      effects->outcome[t][outcome] += 1.0;
      overall[outcome] += 1.0;
      count[t] += 1.0;
      n += 1.0;
      if (outcome == OUTCOME_OTHER)
        {
          effects->other[t] += y;
          other_count[t] += 1.0;
          overall_other += y;
          n_other += 1.0;
        }
    }
  for (int o = 0; o < N_OUTCOMES; o++)
    overall[o] = n > 0.0 ? overall[o] / n : 0.0;
  effects->overall_other = n_other > 0.0 ? overall_other / n_other : 0.6;
  for (guint t = 0; t < effects->n_years; t++)
    {
      for (int o = 0; o < N_OUTCOMES; o++)
        effects->outcome[t][o] = count[t] > 0.0 ? effects->outcome[t][o] / count[t] - overall[o]
                                                : 0.0;
      effects->other[t] = other_count[t] > 0.0
                          ? effects->other[t] / other_count[t] - effects->overall_other
                          : 0.0;
    }
}

/* ρ of the copula from how much each year's mean normal score varies. */
static double
estimate_correlation (BosForecastModel         *model,
                      const BosForecastHistory *history,
                      const BosForecastOptions *options)
{
  g_autoptr(GHashTable) years = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;
  double sum_z2 = 0.0, weight_z2 = 0.0, numerator = 0.0, denominator = 0.0, s2;

  for (guint i = 0; i < history->observations->len; i++)
    {
      const BosForecastObservation *observation =
        &g_array_index (history->observations, BosForecastObservation, i);
      const Area *area = &model->areas[observation->municipality];
      double *year_sums, y, u, z, w;
      int outcome;

      if (observation->year >= model->target_year)
        continue;
      outcome = observation_outcome (observation, options, &y);
      u = CLAMP (area_mid_probability (area, outcome, y, model->cap), 1e-6, 1.0 - 1e-6);
      z = normal_quantile (u);
      w = recency_weight (observation->year, model->target_year, model->half_life);

      year_sums = g_hash_table_lookup (years, GINT_TO_POINTER (observation->year));
      if (year_sums == NULL)
        {
          year_sums = g_new0 (double, 2);
          g_hash_table_insert (years, GINT_TO_POINTER (observation->year), year_sums);
        }
      year_sums[0] += z;
      year_sums[1] += 1.0;
      sum_z2 += w * z * z;
      weight_z2 += w;
    }
  if (weight_z2 <= 0.0)
    return 0.0;
  s2 = sum_z2 / weight_z2;

  g_hash_table_iter_init (&iter, years);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const double *year_sums = value;
      double n = year_sums[1], mean = year_sums[0] / n;
      double w = recency_weight (GPOINTER_TO_INT (key), model->target_year, model->half_life);

      if (n < 5.0)
        continue;
      numerator += w * (mean * mean - s2 / n);
      denominator += w * s2 * (1.0 - 1.0 / n);
    }
  if (denominator <= 0.0)
    return 0.0;
  return CLAMP (numerator / denominator, 0.0, 0.9);
}

static gboolean
check_options (const BosForecastOptions  *options,
               GError                   **error)
{
  if (!(options->half_life >= 0.0) || !(options->ratio_cap >= 1.0) ||
      !(options->suppressed_decision >= 0.0) || !(options->correlation < 1.0) ||
      !(options->cover_target > 0.0 && options->cover_target < 1.0))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("The forecast options are out of range (half-life ≥ 0, ratio cap ≥ 1, "
                     "correlation < 1, cover target between 0 and 1)"));
      return FALSE;
    }
  if (options->n_draws < BOS_FORECAST_MIN_DRAWS || options->n_draws > BOS_FORECAST_MAX_DRAWS)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("%u draws is not between %u and %u"), options->n_draws,
                   BOS_FORECAST_MIN_DRAWS, BOS_FORECAST_MAX_DRAWS);
      return FALSE;
    }
  return TRUE;
}

/* Everything one fit needs, prepared once per bos_forecast_fit(). */
typedef struct
{
  const BosForecastHistory *history;
  const BosForecastOptions *options;
  guint                     n_areas;
  guint                     n_counties;
  guint                    *area_county;   /* n_areas */
  guint                    *area_groups;   /* = area_county, as groups */
  guint                    *county_groups; /* all 0 */
} Fitter;

/* The weighted sums for one target year and half-life, and what follows
 * from them for the country and the counties. */
typedef struct
{
  Stats  *areas;
  Stats  *counties;
  Stats   national;
  guint   n_observations;
  double  k_outcome_area, k_other_area;     /* Bühlmann–Straub estimates */
  double  k_outcome_county, k_other_county;
  double  tau2_area;
  double  national_variance;
  double *county_variance;
  /* The level of the target year; each county's ratio to the years'
   * levels per outcome (shrunk towards 1) and difference in Y (towards 0). */
  YearEffects effects;
  double  level[N_OUTCOMES];
  double  level_other;
  double *county_ratio;                 /* n_counties × N_OUTCOMES */
  double *county_deviation_other;
} Sums;

/* A municipality's distribution before it is tabulated. */
typedef struct
{
  double p[N_OUTCOMES];
  double mean;       /* of Y */
  double variance;   /* of Y */
} Shape;

static void
sums_clear (Sums *sums)
{
  g_clear_pointer (&sums->areas, g_free);
  g_clear_pointer (&sums->counties, g_free);
  g_clear_pointer (&sums->county_variance, g_free);
  g_clear_pointer (&sums->county_ratio, g_free);
  g_clear_pointer (&sums->county_deviation_other, g_free);
  year_effects_clear (&sums->effects);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sums, sums_clear)

/* Fills @sums from the observations before @target_year. */
static void
sums_compute (Sums         *sums,
              const Fitter *fitter,
              int           target_year,
              double        half_life)
{
  const BosForecastHistory *history = fitter->history;
  YearEffects *effects;
  double national_ss = 0.0, national_dof = 0.0;
  guint n_counties = MAX (fitter->n_counties, 1);

  sums_clear (sums);
  memset (sums, 0, sizeof *sums);
  sums->areas = g_new0 (Stats, MAX (fitter->n_areas, 1));
  sums->counties = g_new0 (Stats, n_counties);
  sums->county_variance = g_new0 (double, n_counties);
  sums->county_ratio = g_new0 (double, n_counties * N_OUTCOMES);
  sums->county_deviation_other = g_new0 (double, n_counties);
  effects = &sums->effects;

  year_effects_compute (effects, history, target_year, fitter->options);
  for (guint i = 0; i < history->observations->len; i++)
    {
      const BosForecastObservation *observation =
        &g_array_index (history->observations, BosForecastObservation, i);
      guint area = observation->municipality;
      double w, y;
      int outcome;

      if (observation->year >= target_year || observation->request <= 0 ||
          area >= fitter->n_areas)
        continue;
      w = recency_weight (observation->year, target_year, half_life);
      outcome = observation_outcome (observation, fitter->options, &y);
      stats_add (&sums->areas[area], w, outcome, y, effects, observation->year);
      stats_add (&sums->counties[fitter->area_county[area]], w, outcome, y, effects,
                 observation->year);
      stats_add (&sums->national, w, outcome, y, effects, observation->year);
      sums->n_observations++;
    }
  if (sums->n_observations == 0)
    return;

  /* How much a municipality (a county) would borrow from its county (the
   * country) by Bühlmann–Straub, with the year effects taken out. */
  sums->k_outcome_area = outcome_constant (sums->areas, fitter->n_areas, fitter->area_groups,
                                           fitter->n_counties);
  sums->k_other_area = other_constant (sums->areas, fitter->n_areas, fitter->area_groups,
                                       fitter->n_counties, &sums->tau2_area);
  {
    double tau2_county;

    sums->k_outcome_county = outcome_constant (sums->counties, fitter->n_counties,
                                               fitter->county_groups, 1);
    sums->k_other_county = other_constant (sums->counties, fitter->n_counties,
                                           fitter->county_groups, 1, &tau2_county);
  }

  /* The country. */
  for (guint i = 0; i < fitter->n_areas; i++)
    {
      national_ss += stats_other_ss (&sums->areas[i]);
      national_dof += dof (sums->areas[i].outcome[OUTCOME_OTHER], sums->areas[i].other_weight2);
    }
  sums->national_variance = national_dof > 0.0 ? national_ss / national_dof : 0.04;

  /* The counties, shrunk towards the country. */
  for (guint c = 0; c < fitter->n_counties; c++)
    {
      const Stats *stats = &sums->counties[c];
      double w = stats->outcome[OUTCOME_OTHER];
      double ss = 0.0, degrees = 0.0;

      for (guint i = 0; i < fitter->n_areas; i++)
        if (fitter->area_county[i] == c)
          {
            ss += stats_other_ss (&sums->areas[i]);
            degrees += dof (sums->areas[i].outcome[OUTCOME_OTHER], sums->areas[i].other_weight2);
          }
      sums->county_variance[c] = (ss + VARIANCE_PRIOR * sums->national_variance) /
                                 (degrees + VARIANCE_PRIOR);

      /* How often the county had each outcome relative to the levels of
       * its years (observed / expected), shrunk towards 1. */
      for (int o = 0; o < N_OUTCOMES; o++)
        {
          double observed = stats->outcome[o];
          double expected = observed - stats->adjusted_sum[o] + stats->weight * effects->overall[o];

          sums->county_ratio[c * N_OUTCOMES + o] =
            (observed + sums->k_outcome_county) / (MAX (expected, 0.0) + sums->k_outcome_county);
        }
      sums->county_deviation_other[c] =
        w > 0.0 ? (stats->adjusted_other_sum - w * effects->overall_other) / (w + sums->k_other_county)
                : 0.0;
    }
}

/* The level of @target_year: the years' levels weighted with half-life
 * @level_half_life (the country's mood moves faster than a
 * municipality's habits). */
static void
sums_set_level (Sums   *sums,
                int     target_year,
                double  level_half_life)
{
  const YearEffects *effects = &sums->effects;
  double weight = 0.0, other_weight = 0.0, sum = 0.0;

  memset (sums->level, 0, sizeof sums->level);
  sums->level_other = 0.0;
  for (guint t = 0; t < effects->n_years; t++)
    {
      double w = recency_weight (effects->first_year + (int) t, target_year, level_half_life);

      if (effects->count[t] > 0.0)
        {
          for (int o = 0; o < N_OUTCOMES; o++)
            sums->level[o] += w * (effects->outcome[t][o] + effects->overall[o]);
          weight += w;
        }
      if (effects->other_count[t] > 0.0)
        {
          sums->level_other += w * (effects->other[t] + effects->overall_other);
          other_weight += w;
        }
    }
  for (int o = 0; o < N_OUTCOMES; o++)
    {
      sums->level[o] = weight > 0.0 ? sums->level[o] / weight : 1.0 / N_OUTCOMES;
      sum += sums->level[o];
    }
  for (int o = 0; o < N_OUTCOMES; o++)
    sums->level[o] /= sum;
  sums->level_other = other_weight > 0.0 ? sums->level_other / other_weight
                                         : effects->overall_other;
}

/* Municipality @i's distribution, shrunk towards its county with the
 * credibility constants @k_outcome and @k_other. */
static void
area_shape (const Sums   *sums,
            const Fitter *fitter,
            guint         i,
            double        k_outcome,
            double        k_other,
            Shape        *shape)
{
  const Stats *stats = &sums->areas[i];
  const YearEffects *effects = &sums->effects;
  guint c = fitter->area_county[i];
  double w = stats->outcome[OUTCOME_OTHER];
  double z = w / (w + k_other);
  double within, deviation, sum = 0.0;

  /* The level of the year times how often the municipality had each
   * outcome relative to the levels of its years (observed / expected),
   * shrunk towards its county's ratio. */
  for (int o = 0; o < N_OUTCOMES; o++)
    {
      double observed = stats->outcome[o];
      double expected = observed - stats->adjusted_sum[o] + stats->weight * effects->overall[o];
      double ratio = (observed + k_outcome * sums->county_ratio[c * N_OUTCOMES + o]) /
                     (MAX (expected, 0.0) + k_outcome);

      shape->p[o] = MAX (sums->level[o] * ratio, MIN_PROBABILITY);
      sum += shape->p[o];
    }
  for (int o = 0; o < N_OUTCOMES; o++)
    shape->p[o] /= sum;
  deviation = z * (w > 0.0 ? stats->adjusted_other_sum / w - effects->overall_other : 0.0) +
              (1.0 - z) * sums->county_deviation_other[c];
  shape->mean = sums->level_other + deviation;
  within = (stats_other_ss (stats) + VARIANCE_PRIOR * sums->county_variance[c]) /
           (dof (w, stats->other_weight2) + VARIANCE_PRIOR);
  shape->variance = within + (1.0 - z) * sums->tau2_area;
}

/* log of the Beta density of Y (kept away from 0 and 1). */
static double
log_beta_density (double mean,
                  double variance,
                  double y)
{
  double a, b;

  beta_from_moments (mean, variance, &a, &b);
  y = CLAMP (y, 1e-3, 1.0 - 1e-3);
  return (a - 1.0) * log (y) + (b - 1.0) * log1p (-y) -
         (log_gamma (a) + log_gamma (b) - log_gamma (a + b));
}

static const double half_life_grid[] = { 1.0, 2.0, 3.0, 5.0 };
static const double level_half_life_grid[] = { 0.5, 1.0, 2.0, 4.0 };
static const double k_grid[] = { 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0 };
#define N_K G_N_ELEMENTS (k_grid)
#define N_LEVELS G_N_ELEMENTS (level_half_life_grid)
#define N_VALIDATION_YEARS 3

/* Adds the log predictive score of year @year's observations, predicted
 * from @sums (the years before it), for each credibility constant: the
 * outcomes to @outcome_scores, the other numbers to @other_scores. Each
 * observation counts with its request: persons matter, not municipalities. */
static guint
score_year (const Sums   *sums,
            const Fitter *fitter,
            int           year,
            double       *outcome_scores,
            double       *other_scores)
{
  const BosForecastHistory *history = fitter->history;
  guint n = 0;

  for (guint i = 0; i < history->observations->len; i++)
    {
      const BosForecastObservation *observation =
        &g_array_index (history->observations, BosForecastObservation, i);
      double y;
      int outcome;

      if (observation->year != year || observation->municipality >= fitter->n_areas)
        continue;
      outcome = observation_outcome (observation, fitter->options, &y);
      for (guint k = 0; k < N_K; k++)
        {
          Shape shape;

          area_shape (sums, fitter, observation->municipality, k_grid[k], k_grid[k], &shape);
          double weight = (double) observation->request;

          outcome_scores[k] += weight * log (shape.p[outcome]);
          if (outcome == OUTCOME_OTHER)
            other_scores[k] += weight * log_beta_density (shape.mean, shape.variance, y);
        }
      n++;
    }
  return n;
}

/* Chooses the half-lives and the credibility constants that would have
 * predicted the last few years before @target_year best (each from the
 * years before it): empirical Bayes by one-year-ahead validation. Returns
 * FALSE when there is too little history for that. */
static gboolean
choose_parameters (const Fitter *fitter,
                   int           target_year,
                   double       *half_life,
                   double       *level_half_life,
                   double       *k_outcome,
                   double       *k_other)
{
  const BosForecastOptions *options = fitter->options;
  double best = -G_MAXDOUBLE;
  gboolean found = FALSE;
  guint n_half_lives = options->half_life > 0.0 ? 1 : G_N_ELEMENTS (half_life_grid);

  for (guint h = 0; h < n_half_lives; h++)
    {
      double candidate = options->half_life > 0.0 ? options->half_life : half_life_grid[h];
      double outcome_scores[N_LEVELS][N_K] = { { 0 } }, other_scores[N_LEVELS][N_K] = { { 0 } };
      guint n = 0;

      for (int year = target_year - N_VALIDATION_YEARS; year < target_year; year++)
        {
          g_auto(Sums) sums = { 0 };

          sums_compute (&sums, fitter, year, candidate);
          if (sums.n_observations == 0)
            continue;
          for (guint l = 0; l < N_LEVELS; l++)
            {
              sums_set_level (&sums, year, level_half_life_grid[l]);
              n += score_year (&sums, fitter, year, outcome_scores[l], other_scores[l]);
            }
        }
      if (n == 0)
        continue;

      for (guint l = 0; l < N_LEVELS; l++)
        {
          double best_outcome = -G_MAXDOUBLE, best_other = -G_MAXDOUBLE;
          guint k_outcome_index = 0, k_other_index = 0;

          for (guint k = 0; k < N_K; k++)
            {
              if (outcome_scores[l][k] > best_outcome)
                {
                  best_outcome = outcome_scores[l][k];
                  k_outcome_index = k;
                }
              if (other_scores[l][k] > best_other)
                {
                  best_other = other_scores[l][k];
                  k_other_index = k;
                }
            }
          if (best_outcome + best_other > best)
            {
              best = best_outcome + best_other;
              *half_life = candidate;
              *level_half_life = level_half_life_grid[l];
              *k_outcome = k_grid[k_outcome_index];
              *k_other = k_grid[k_other_index];
              found = TRUE;
            }
        }
    }
  return found;
}

/**
 * bos_forecast_fit:
 * @history: the observations (only those before @target_year are used)
 * @target_year: the year to forecast
 * @options: (nullable): %NULL for the defaults
 *
 * Fits the model described at the top of bos-forecast.c.
 *
 * Returns: (transfer full): the model, or %NULL with @error set
 *   (BOS_ERROR_NOT_FOUND when there is no history before @target_year)
 */
BosForecastModel *
bos_forecast_fit (const BosForecastHistory  *history,
                  int                        target_year,
                  const BosForecastOptions  *options,
                  GError                   **error)
{
  g_autoptr(BosForecastModel) model = NULL;
  g_autoptr(GPtrArray) county_codes = NULL;
  g_autofree guint *area_county = NULL;
  g_autofree guint *county_groups = NULL;
  g_auto(Sums) sums = { 0 };
  BosForecastOptions defaults;
  Fitter fitter = { 0 };

  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      bos_forecast_options_init (&defaults);
      options = &defaults;
    }
  if (!check_options (options, error))
    return NULL;
  init_tables ();

  model = g_new0 (BosForecastModel, 1);
  model->target_year = target_year;
  model->cap = options->ratio_cap;
  model->n_areas = history->municipalities->len;
  model->areas = g_new0 (Area, MAX (model->n_areas, 1));

  /* Counties in code order. */
  county_codes = g_ptr_array_new ();
  for (guint i = 0; i < model->n_areas; i++)
    {
      const char *county = g_array_index (history->municipalities, BosForecastArea, i).county_code;
      gboolean found = FALSE;

      for (guint c = 0; c < county_codes->len && !found; c++)
        found = g_str_equal (g_ptr_array_index (county_codes, c), county);
      if (!found)
        g_ptr_array_add (county_codes, (gpointer) county);
    }
  g_ptr_array_sort (county_codes, compare_strings);
  model->n_counties = county_codes->len;
  model->county_codes = g_malloc0 (sizeof *model->county_codes * MAX (model->n_counties, 1));
  for (guint c = 0; c < model->n_counties; c++)
    g_strlcpy (model->county_codes[c], g_ptr_array_index (county_codes, c), 4);

  area_county = g_new0 (guint, MAX (model->n_areas, 1));
  county_groups = g_new0 (guint, MAX (model->n_counties, 1));
  for (guint i = 0; i < model->n_areas; i++)
    {
      const BosForecastArea *area = &g_array_index (history->municipalities, BosForecastArea, i);

      g_strlcpy (model->areas[i].fit.code, area->code, sizeof model->areas[i].fit.code);
      g_strlcpy (model->areas[i].fit.county_code, area->county_code,
                 sizeof model->areas[i].fit.county_code);
      for (guint c = 0; c < model->n_counties; c++)
        if (g_str_equal (model->county_codes[c], area->county_code))
          model->areas[i].county = c;
      area_county[i] = model->areas[i].county;
    }

  fitter.history = history;
  fitter.options = options;
  fitter.n_areas = model->n_areas;
  fitter.n_counties = model->n_counties;
  fitter.area_county = area_county;
  fitter.area_groups = area_county;
  fitter.county_groups = county_groups;

  /* The half-life and the constants that predicted the last years best;
   * with too little history for that, the Bühlmann–Straub constants. */
  if (!choose_parameters (&fitter, target_year, &model->half_life, &model->level_half_life,
                          &model->k_outcome, &model->k_other))
    {
      model->half_life = options->half_life > 0.0 ? options->half_life : 3.0;
      model->level_half_life = 1.0;
      model->k_outcome = -1.0;
    }

  sums_compute (&sums, &fitter, target_year, model->half_life);
  sums_set_level (&sums, target_year, model->level_half_life);
  model->n_observations = sums.n_observations;
  if (model->n_observations == 0)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                   _("There is no settlement history before %d (requests with decisions) "
                     "to base a forecast on"), target_year);
      return NULL;
    }
  if (model->k_outcome < 0.0)
    {
      model->k_outcome = sums.k_outcome_area;
      model->k_other = sums.k_other_area;
    }

  for (guint i = 0; i < model->n_areas; i++)
    {
      Area *area = &model->areas[i];
      Shape shape;

      area_shape (&sums, &fitter, i, model->k_outcome, model->k_other, &shape);
      area->has_history = sums.areas[i].n_years > 0;
      area->fit.n_years = sums.areas[i].n_years;
      area->fit.evidence = sums.areas[i].weight;
      area_build (area, shape.p, shape.mean, shape.variance, options->ratio_cap);
    }

  /* Cell probabilities of the normal scores, for exact expectations. */
  model->cell_weights[0] = z_nodes_u[0];
  for (int k = 0; k < Z_CELLS; k++)
    model->cell_weights[k + 1] = z_nodes_u[k + 1] - z_nodes_u[k];
  model->cell_weights[Z_CELLS + 1] = 1.0 - z_nodes_u[Z_CELLS];

  model->correlation = options->correlation >= 0.0
                       ? options->correlation
                       : estimate_correlation (model, history, options);

  g_debug ("fit %d: %u observations, half-life %.1f, level %.1f, k outcome %.2f (Bühlmann %.2f, county %.2f), "
           "k other %.2f (Bühlmann %.2f, county %.2f), τ² %.4f, ρ %.3f",
           target_year, model->n_observations, model->half_life, model->level_half_life,
           model->k_outcome,
           sums.k_outcome_area, sums.k_outcome_county, model->k_other, sums.k_other_area,
           sums.k_other_county, sums.tau2_area, model->correlation);
  return g_steal_pointer (&model);
}

void
bos_forecast_model_free (BosForecastModel *model)
{
  if (model == NULL)
    return;
  g_free (model->areas);
  g_free (model->county_codes);
  g_free (model);
}

int
bos_forecast_model_get_target_year (BosForecastModel *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->target_year;
}

double
bos_forecast_model_get_correlation (BosForecastModel *model)
{
  g_return_val_if_fail (model != NULL, 0.0);
  return model->correlation;
}

guint
bos_forecast_model_get_n_observations (BosForecastModel *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->n_observations;
}

static int
find_area (BosForecastModel *model,
           const char       *code)
{
  int lo = 0, hi = (int) model->n_areas - 1;

  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;
      int cmp = strcmp (model->areas[mid].fit.code, code);

      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid - 1;
    }
  return -1;
}

const BosForecastFit *
bos_forecast_model_get_fit (BosForecastModel *model,
                            const char       *code)
{
  int position;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  position = find_area (model, code);
  return position < 0 ? NULL : &model->areas[position].fit;
}

/* F at the normal score @z: the table read linearly, clamped at ±Z_MAX. */
static inline double
table_lookup (const float *table,
              double       z)
{
  double position = (z + Z_MAX) * (Z_CELLS / (2.0 * Z_MAX));
  int cell;
  double frac;

  if (position <= 0.0)
    return table[0];
  if (position >= Z_CELLS)
    return table[Z_CELLS];
  cell = (int) position;
  frac = position - cell;
  return table[cell] + frac * (table[cell + 1] - table[cell]);
}

static inline gint64
decision_of (gint64 request,
             float  fraction)
{
  return (gint64) ((double) request * (double) fraction + 0.5);
}

static gint64
area_quantile_decision (const Area *area,
                        gint64      request,
                        double      p)
{
  float fraction = (float) table_lookup (area->table, normal_quantile (p));

  return decision_of (request, fraction);
}

static double
area_expected_decision (BosForecastModel *model,
                        const Area       *area,
                        gint64            request)
{
  double sum;

  if (request <= 0)
    return 0.0;
  sum = model->cell_weights[0] * decision_of (request, area->table[0]) +
        model->cell_weights[Z_CELLS + 1] * decision_of (request, area->table[Z_CELLS]);
  for (int k = 0; k < Z_CELLS; k++)
    {
      float middle = (float) ((area->table[k] + (double) area->table[k + 1]) / 2.0);

      sum += model->cell_weights[k + 1] * decision_of (request, middle);
    }
  return sum;
}

gint64
bos_forecast_model_quantile (BosForecastModel *model,
                             const char       *code,
                             gint64            request,
                             double            p)
{
  int position;

  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (code != NULL, 0);
  g_return_val_if_fail (p > 0.0 && p < 1.0, 0);

  position = find_area (model, code);
  g_return_val_if_fail (position >= 0, 0);
  return area_quantile_decision (&model->areas[position], request, p);
}

double
bos_forecast_model_expected (BosForecastModel *model,
                             const char       *code,
                             gint64            request)
{
  int position;

  g_return_val_if_fail (model != NULL, 0.0);
  g_return_val_if_fail (code != NULL, 0.0);

  position = find_area (model, code);
  g_return_val_if_fail (position >= 0, 0.0);
  return area_expected_decision (model, &model->areas[position], request);
}

/* ---- Monte Carlo --------------------------------------------------------- */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The value of rank ⌈p·n⌉ (1-based) of sorted @values. */
static gint64
nearest_rank (const gint64 *sorted,
              guint         n,
              double        p)
{
  guint rank = (guint) ceil (p * n - 1e-9);

  return sorted[CLAMP (rank, 1, n) - 1];
}

typedef struct
{
  guint         n_active;
  guint         n_draws;
  const gint64 *requests;   /* n_active */
  const float  *fractions;  /* n_draws × n_active */
  gint64        need;
} Draws;

/* The number of covering draws that makes P(cover) ≥ @target. */
static guint
draws_needed (guint  n_draws,
              double target)
{
  return (guint) ceil (target * n_draws - 1e-9);
}

/* Whether at least @needed draws cover the need when every request is
 * multiplied by @steps / 100 (each rounded half up). Stops as soon as the
 * answer is certain unless @count_all; @covered gets the count when all
 * draws were counted. */
static gboolean
covers (const Draws *draws,
        guint        steps,
        guint        needed,
        gboolean     count_all,
        gint64      *scaled,
        guint       *covered)
{
  guint count = 0;

  *covered = 0;
  for (guint j = 0; j < draws->n_active; j++)
    scaled[j] = (draws->requests[j] * (gint64) steps + 50) / 100;
  for (guint d = 0; d < draws->n_draws; d++)
    {
      const float *fractions = &draws->fractions[(gsize) d * draws->n_active];
      gint64 total = 0;

      for (guint j = 0; j < draws->n_active; j++)
        total += decision_of (scaled[j], fractions[j]);
      if (total >= draws->need)
        count++;
      if (count_all)
        continue;
      if (count >= needed)
        return TRUE;
      if (count + (draws->n_draws - d - 1) < needed)
        return FALSE;
    }
  *covered = count;
  return count >= needed;
}

/**
 * bos_forecast_simulate:
 * @requests: (element-type BosRequest): the requests, any municipalities
 *   of the model
 * @need: the need the decisions should cover; < 0 for the sum of @requests
 * @options: (nullable): draws and seed (%NULL for the defaults)
 *
 * Draws every municipality's decision @options->n_draws times (see the
 * model above) and sums them.
 *
 * Returns: (transfer full): the result, or %NULL with @error set (a code
 *   the model does not know)
 */
BosForecastResult *
bos_forecast_simulate (BosForecastModel          *model,
                       GArray                    *requests,
                       gint64                     need,
                       const BosForecastOptions  *options,
                       GError                   **error)
{
  g_autoptr(BosForecastResult) result = NULL;
  g_autofree guint *active_area = NULL;
  g_autofree guint *active_county = NULL;
  g_autofree gint64 *active_request = NULL;
  g_autofree gint64 *totals = NULL;
  g_autofree gint64 *county_totals = NULL;
  g_autofree gint64 *county_need = NULL;
  g_autofree double *county_shortfall = NULL;
  g_autofree guint *county_covered = NULL;
  g_autofree gint64 *county_draws = NULL;
  g_autofree float *fractions = NULL;
  g_autofree gint64 *scaled = NULL;
  BosForecastOptions defaults;
  double sqrt_rho, sqrt_rest, shortfall = 0.0;
  guint n_active = 0, covered = 0;
  Rng rng;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (requests != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      bos_forecast_options_init (&defaults);
      options = &defaults;
    }
  if (!check_options (options, error))
    return NULL;

  result = g_new0 (BosForecastResult, 1);
  result->target_year = model->target_year;
  result->n_draws = options->n_draws;
  result->seed = options->seed;
  result->correlation = model->correlation;
  result->municipalities = g_array_new (FALSE, TRUE, sizeof (BosForecastMunicipality));
  result->counties = g_array_new (FALSE, TRUE, sizeof (BosForecastCounty));
  for (guint c = 0; c < model->n_counties; c++)
    {
      BosForecastCounty county = { { 0 } };

      g_strlcpy (county.county_code, model->county_codes[c], sizeof county.county_code);
      g_array_append_val (result->counties, county);
    }

  active_area = g_new0 (guint, MAX (requests->len, 1));
  active_county = g_new0 (guint, MAX (requests->len, 1));
  active_request = g_new0 (gint64, MAX (requests->len, 1));
  county_need = g_new0 (gint64, MAX (model->n_counties, 1));

  /* Per municipality, exactly. */
  for (guint i = 0; i < requests->len; i++)
    {
      const BosRequest *request = &g_array_index (requests, BosRequest, i);
      BosForecastMunicipality row = { { 0 } };
      BosForecastCounty *county;
      const Area *area;
      int position = find_area (model, request->code);

      if (position < 0)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND,
                       _("The forecast knows no municipality %s"), request->code);
          return NULL;
        }
      area = &model->areas[position];
      g_strlcpy (row.code, area->fit.code, sizeof row.code);
      g_strlcpy (row.county_code, area->fit.county_code, sizeof row.county_code);
      row.request = request->request;
      row.has_history = area->has_history;
      if (request->request > 0)
        {
          row.expected = area_expected_decision (model, area, request->request);
          row.p10 = area_quantile_decision (area, request->request, 0.10);
          row.p90 = area_quantile_decision (area, request->request, 0.90);
          row.p_decline = area->fit.p_decline;
          row.p_full = area->fit.p_full;

          active_area[n_active] = (guint) position;
          active_county[n_active] = area->county;
          active_request[n_active] = request->request;
          n_active++;
        }
      g_array_append_val (result->municipalities, row);

      county = &g_array_index (result->counties, BosForecastCounty, area->county);
      county->request += request->request;
      county->need += request->request;
      county->expected += row.expected;
      county_need[area->county] += request->request;
      result->total_request += request->request;
      result->total_expected += row.expected;
    }
  result->need = need >= 0 ? need : result->total_request;

  /* The draws. */
  totals = g_new0 (gint64, options->n_draws);
  county_totals = g_new0 (gint64, MAX (model->n_counties, 1));
  county_shortfall = g_new0 (double, MAX (model->n_counties, 1));
  county_covered = g_new0 (guint, MAX (model->n_counties, 1));
  /* county × draw, for the counties' percentiles */
  county_draws = g_new (gint64, (gsize) options->n_draws * MAX (model->n_counties, 1));
  fractions = g_new (float, (gsize) options->n_draws * MAX (n_active, 1));
  sqrt_rho = sqrt (model->correlation);
  sqrt_rest = sqrt (1.0 - model->correlation);
  init_tables ();
  rng_seed (&rng, options->seed);

  for (guint d = 0; d < options->n_draws; d++)
    {
      float *draw_fractions = &fractions[(gsize) d * n_active];
      double common = sqrt_rho * rng_normal (&rng);
      gint64 total = 0;

      memset (county_totals, 0, sizeof (gint64) * MAX (model->n_counties, 1));
      for (guint j = 0; j < n_active; j++)
        {
          double z = common + sqrt_rest * rng_normal (&rng);
          float fraction = (float) table_lookup (model->areas[active_area[j]].table, z);
          gint64 decision = decision_of (active_request[j], fraction);

          draw_fractions[j] = fraction;
          total += decision;
          county_totals[active_county[j]] += decision;
        }
      totals[d] = total;
      if (total >= result->need)
        covered++;
      else
        shortfall += (double) (result->need - total);
      for (guint c = 0; c < model->n_counties; c++)
        {
          county_draws[(gsize) c * options->n_draws + d] = county_totals[c];
          if (county_totals[c] >= county_need[c])
            county_covered[c]++;
          else
            county_shortfall[c] += (double) (county_need[c] - county_totals[c]);
        }
    }

  result->p_cover = (double) covered / options->n_draws;
  result->expected_shortfall = shortfall / options->n_draws;
  for (guint c = 0; c < model->n_counties; c++)
    {
      BosForecastCounty *county = &g_array_index (result->counties, BosForecastCounty, c);

      gint64 *draws = &county_draws[(gsize) c * options->n_draws];

      county->p_cover = (double) county_covered[c] / options->n_draws;
      county->expected_shortfall = county_shortfall[c] / options->n_draws;
      qsort (draws, options->n_draws, sizeof (gint64), compare_gint64);
      county->p10 = nearest_rank (draws, options->n_draws, 0.10);
      county->p90 = nearest_rank (draws, options->n_draws, 0.90);
    }

  /* The uplift: bisection over multipliers on the same draws (P(cover)
   * only grows with the multiplier), bracketed from the first guess
   * need / expected total. */
  result->uplift = NAN;
  result->uplift_p_cover = NAN;
  if (n_active > 0 && result->need > 0 && result->total_expected > 0.0)
    {
      Draws draws = { n_active, options->n_draws, active_request, fractions, result->need };
      guint needed = draws_needed (options->n_draws, options->cover_target);
      double guess = 100.0 * result->need / result->total_expected;
      guint lo, hi, step = 4, unused;

      scaled = g_new (gint64, n_active);
      hi = (guint) CLAMP (guess, 1.0, (double) UPLIFT_MAX_STEPS);
      lo = hi;
      if (covers (&draws, hi, needed, FALSE, scaled, &unused))
        {
          /* Walk down until it no longer covers. */
          while (lo > 1)
            {
              guint next = lo > step ? lo - step : 1;

              if (!covers (&draws, next, needed, FALSE, scaled, &unused))
                {
                  lo = next + 1;
                  break;
                }
              hi = lo = next;
              step *= 2;
            }
        }
      else
        {
          /* Walk up until it covers (or cannot). */
          for (;;)
            {
              guint next = MIN (hi + step, UPLIFT_MAX_STEPS);

              if (covers (&draws, next, needed, FALSE, scaled, &unused))
                {
                  lo = hi + 1;
                  hi = next;
                  break;
                }
              if (next == UPLIFT_MAX_STEPS)
                {
                  lo = hi = 0;
                  break;
                }
              hi = next;
              step *= 2;
            }
        }
      if (hi > 0)
        {
          guint at_answer = 0;

          while (lo < hi)
            {
              guint mid = (lo + hi) / 2;

              if (covers (&draws, mid, needed, FALSE, scaled, &unused))
                hi = mid;
              else
                lo = mid + 1;
            }
          /* The full count at the answer, for its P(cover). */
          covers (&draws, lo, needed, TRUE, scaled, &at_answer);
          result->uplift = lo / 100.0;
          result->uplift_p_cover = (double) at_answer / options->n_draws;
        }
    }

  qsort (totals, options->n_draws, sizeof (gint64), compare_gint64);
  result->total_p10 = nearest_rank (totals, options->n_draws, 0.10);
  result->total_p90 = nearest_rank (totals, options->n_draws, 0.90);

  return g_steal_pointer (&result);
}

void
bos_forecast_result_free (BosForecastResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->municipalities, g_array_unref);
  g_clear_pointer (&result->counties, g_array_unref);
  g_free (result);
}

/**
 * bos_forecast_run:
 * @target_year: the year of the requests; only history before it is used
 * @requests: (element-type BosRequest): the requests (today's codes)
 * @need: the need; < 0 for the sum of the requests
 * @options: (nullable): %NULL for the defaults
 *
 * Loads the history before @target_year, fits the model and simulates.
 * Works on its own data once the history is read, so it can run in a
 * worker thread with the worker's own store.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
BosForecastResult *
bos_forecast_run (BosStore                  *store,
                  int                        target_year,
                  GArray                    *requests,
                  gint64                     need,
                  const BosForecastOptions  *options,
                  GError                   **error)
{
  g_autoptr(BosForecastHistory) history = NULL;
  g_autoptr(BosForecastModel) model = NULL;

  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (requests != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (target_year <= 1995 || target_year > 2200)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   _("%d is not a year to forecast: the settlement history starts in 1995"),
                   target_year);
      return NULL;
    }
  history = bos_forecast_history_load (store, 1995, target_year - 1, error);
  if (history == NULL)
    return NULL;
  model = bos_forecast_fit (history, target_year, options, error);
  if (model == NULL)
    return NULL;
  return bos_forecast_simulate (model, requests, need, options, error);
}

typedef struct
{
  char               *db_path;
  int                 target_year;
  GArray             *requests;
  gint64              need;
  BosForecastOptions  options;
} RunTask;

static void
run_task_free (gpointer data)
{
  RunTask *task = data;

  g_free (task->db_path);
  g_array_unref (task->requests);
  g_free (task);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunTask *data = task_data;
  g_autoptr(BosStore) store = NULL;
  BosForecastResult *result;
  GError *error = NULL;

  /* SQLite connections are used by one thread: the worker opens its own. */
  store = bos_store_open (data->db_path, BOS_STORE_OPEN_NONE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = bos_forecast_run (store, data->target_year, data->requests, data->need,
                             &data->options, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else if (g_task_return_error_if_cancelled (task))
    bos_forecast_result_free (result);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) bos_forecast_result_free);
}

/**
 * bos_forecast_run_async:
 * @requests: (element-type BosRequest): copied
 * @options: (nullable): copied; %NULL for the defaults
 * @cancellable: (nullable): a cancelled forecast returns G_IO_ERROR_CANCELLED
 *
 * Like bos_forecast_run(), in a worker thread. Finish with
 * bos_forecast_run_finish().
 */
void
bos_forecast_run_async (BosStore                 *store,
                        int                       target_year,
                        GArray                   *requests,
                        gint64                    need,
                        const BosForecastOptions *options,
                        GCancellable             *cancellable,
                        GAsyncReadyCallback       callback,
                        gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  RunTask *data;

  g_return_if_fail (BOS_IS_STORE (store));
  g_return_if_fail (requests != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (RunTask, 1);
  data->db_path = g_strdup (bos_store_get_path (store));
  data->target_year = target_year;
  data->requests = g_array_copy (requests);
  data->need = need;
  if (options != NULL)
    data->options = *options;
  else
    bos_forecast_options_init (&data->options);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, bos_forecast_run_async);
  g_task_set_task_data (task, data, run_task_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * bos_forecast_run_finish:
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
BosForecastResult *
bos_forecast_run_finish (BosStore      *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (BOS_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bos_forecast_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bos_forecast_get_help:
 *
 * Returns: the forecast model explained for planners (translated)
 */
const char *
bos_forecast_get_help (void)
{
  /* xgettext:no-c-format */
  return _("The forecast estimates, for each municipality, how much of a request it is likely "
           "to decide, from the requests and decisions of past years (IMDi's statistics; "
           "former municipality numbers are counted for today's municipalities). Only years "
           "before the plan year are used.\n"
           "\n"
           "A municipality answers a request in one of three ways: it decides exactly the "
           "request (the most common answer), it declines entirely, or it decides another "
           "number, usually fewer and sometimes more (counted up to 150 % of the request). "
           "For each municipality the program estimates the chance of each answer and, for "
           "the third, how large the decision is likely to be.\n"
           "\n"
           "Each year has its mood: in some years most municipalities decide fewer, in "
           "others nearly all say yes. The forecast therefore starts from the level of "
           "recent years and weighs it by how each municipality usually answered compared "
           "with the other municipalities in the same years, recent years weighing more. A "
           "municipality with few years of history borrows strength from its county, and a "
           "county from the whole country: its own record counts in proportion to its "
           "(weighted) number of years. How fast old years fade and how much a municipality "
           "borrows are chosen so "
           "that the method would have predicted the last three years best. A municipality "
           "without history gets its county's pattern. Small decisions IMDi does not "
           "publish (0–4 persons) count as 2; "
           "years without a known request or decision are left out. In 2020 decisions are "
           "compared with the original request, which they answered.\n"
           "\n"
           "Municipalities tend to say yes or no together in the same year, so the simulation "
           "draws all answers of a year together, with the strength of that link estimated "
           "from the history. It draws the decisions 10,000 times (the same seed always "
           "gives the same result) and reports the expected total, the range in which the "
           "total falls 8 times in 10 (10th to 90th percentile), the probability that the "
           "decisions cover the need, the expected shortfall per county, and the uplift: the "
           "smallest factor by which all requests would have to be raised for an 80 % "
           "chance of covering the need.");
}
