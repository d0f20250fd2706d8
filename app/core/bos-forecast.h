/* bos-forecast.h: how much of a request each municipality is likely to decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C on plain structs (no GObject, no database in the computation):
 *
 *   history  = bos_forecast_history_load (store, 1995, YEAR − 1)   (or built by hand)
 *   model    = bos_forecast_fit (history, YEAR, &options)         (years < YEAR only)
 *   result   = bos_forecast_simulate (model, requests, need, &options)
 *
 * bos_forecast_run() does the three for a store. The model is explained in
 * bos-forecast.c and, for planners, by bos_forecast_get_help().
 */
#pragma once

#include "bos-requests.h"
#include "bos-store.h"

G_BEGIN_DECLS

typedef struct
{
  double  half_life;            /* recency: a year this many years older weighs half;
                                 * 0 (default): chosen from 1–5 by validation */
  double  ratio_cap;            /* decision / request above this counts as this; 1.5 */
  double  suppressed_decision;  /* persons assumed for a suppressed (0–4) decision; 2 */
  double  correlation;          /* < 0: estimated from the history (default); else fixed */
  double  cover_target;         /* the probability the uplift aims for; 0.80 */
  guint   n_draws;              /* Monte Carlo draws, 100..100000; 10000 */
  guint64 seed;                 /* the same seed gives the same result; 1 */
} BosForecastOptions;

#define BOS_FORECAST_MIN_DRAWS 100
#define BOS_FORECAST_MAX_DRAWS 100000

void bos_forecast_options_init (BosForecastOptions *options);

/* ---- history ------------------------------------------------------------- */

typedef struct
{
  char code[8];         /* today's municipality number */
  char county_code[4];  /* today's county */
} BosForecastArea;

/* One municipality-year with a request above 0 and a known (or
 * suppressed) decision. */
typedef struct
{
  guint    municipality;  /* position in BosForecastHistory.municipalities */
  int      year;
  gint64   request;       /* the request the decision answered (> 0) */
  gint64   decision;      /* persons decided; 0 when suppressed */
  gboolean suppressed;    /* IMDi published ":" (a number 0–4) for the decision */
} BosForecastObservation;

typedef struct
{
  GArray *municipalities;  /* of BosForecastArea, in code order */
  GArray *observations;    /* of BosForecastObservation */
} BosForecastHistory;

BosForecastHistory *bos_forecast_history_new      (void);
void                bos_forecast_history_free     (BosForecastHistory  *history);
/* Adds a municipality (keep code order) and returns its position. */
guint               bos_forecast_history_add_area (BosForecastHistory  *history,
                                                   const char          *code,
                                                   const char          *county_code);
void                bos_forecast_history_add      (BosForecastHistory  *history,
                                                   guint                municipality,
                                                   int                  year,
                                                   gint64               request,
                                                   gint64               decision,
                                                   gboolean             suppressed);
int                 bos_forecast_history_find     (const BosForecastHistory *history,
                                                   const char          *code);
BosForecastHistory *bos_forecast_history_load     (BosStore            *store,
                                                   int                  first_year,
                                                   int                  last_year,
                                                   GError             **error);

/* ---- the fitted model ---------------------------------------------------- */

typedef struct _BosForecastModel BosForecastModel;

/* What the model says about one municipality's answer to a request. */
typedef struct
{
  char   code[8];
  char   county_code[4];
  guint  n_years;         /* its own years in the fit */
  double evidence;        /* the sum of their recency weights (last year = 1) */
  double p_decline;       /* P(decides 0) */
  double p_exact;         /* P(decides exactly the request) */
  double p_full;          /* P(decides the request or more) */
  double mean_fraction;   /* E[decision / request] */
  double beta_a, beta_b;  /* the "some other number" part: Beta(a, b) on [0, cap] */
} BosForecastFit;

BosForecastModel     *bos_forecast_fit                 (const BosForecastHistory *history,
                                                        int                       target_year,
                                                        const BosForecastOptions *options,
                                                        GError                  **error);
void                  bos_forecast_model_free          (BosForecastModel         *model);
int                   bos_forecast_model_get_target_year (BosForecastModel       *model);
double                bos_forecast_model_get_correlation (BosForecastModel       *model);
guint                 bos_forecast_model_get_n_observations (BosForecastModel    *model);
const BosForecastFit *bos_forecast_model_get_fit       (BosForecastModel         *model,
                                                        const char               *code);
/* The decision's quantile @p (0 < p < 1) for @request, as simulated. */
gint64                bos_forecast_model_quantile      (BosForecastModel         *model,
                                                        const char               *code,
                                                        gint64                    request,
                                                        double                    p);
double                bos_forecast_model_expected      (BosForecastModel         *model,
                                                        const char               *code,
                                                        gint64                    request);

/* ---- Monte Carlo --------------------------------------------------------- */

typedef struct
{
  char   code[8];
  char   county_code[4];
  gint64 request;
  double expected;      /* E[decision], exact from the model (no sampling noise) */
  gint64 p10;           /* 10th percentile of the decision */
  gint64 p90;           /* 90th percentile */
  double p_decline;     /* P(decision = 0) when request > 0 */
  double p_full;        /* P(decision ≥ request) when request > 0 */
  gboolean has_history; /* FALSE: the county's distribution was used */
} BosForecastMunicipality;

typedef struct
{
  char   county_code[4];
  gint64 request;             /* the sum of its requests */
  gint64 need;                /* taken as the sum of its requests */
  double expected;            /* E[decisions] */
  double expected_shortfall;  /* E[max (0, need − decisions)] */
  double p_cover;             /* P(decisions ≥ need) */
  gint64 p10;                 /* 10th percentile of its decisions (nearest rank) */
  gint64 p90;                 /* 90th percentile */
} BosForecastCounty;

typedef struct
{
  int     target_year;
  guint   n_draws;
  guint64 seed;
  double  correlation;         /* used between municipalities' answers */
  gint64  need;
  gint64  total_request;
  double  total_expected;      /* exact sum of the municipalities' expectations */
  gint64  total_p10;           /* from the draws (nearest rank) */
  gint64  total_p90;
  double  p_cover;             /* P(total ≥ need), from the draws */
  double  expected_shortfall;  /* E[max (0, need − total)] */
  double  uplift;              /* smallest multiplier of every request (0.01 steps) with
                                * P(cover) ≥ cover_target; NAN when 10.00 is not enough or
                                * there is nothing to multiply */
  double  uplift_p_cover;      /* P(cover) at that multiplier */
  GArray *municipalities;      /* of BosForecastMunicipality, code order */
  GArray *counties;            /* of BosForecastCounty, code order */
} BosForecastResult;

BosForecastResult *bos_forecast_simulate     (BosForecastModel         *model,
                                              GArray                   *requests,
                                              gint64                    need,
                                              const BosForecastOptions *options,
                                              GError                  **error);
void               bos_forecast_result_free  (BosForecastResult        *result);

BosForecastResult *bos_forecast_run          (BosStore                 *store,
                                              int                       target_year,
                                              GArray                   *requests,
                                              gint64                    need,
                                              const BosForecastOptions *options,
                                              GError                  **error);

/* bos_forecast_run() in a worker thread with its own connection to
 * @store's database; @requests is copied. */
void               bos_forecast_run_async    (BosStore                 *store,
                                              int                       target_year,
                                              GArray                   *requests,
                                              gint64                    need,
                                              const BosForecastOptions *options,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
BosForecastResult *bos_forecast_run_finish   (BosStore                 *store,
                                              GAsyncResult             *result,
                                              GError                  **error);

/* The model in words, for the app's help and `bosetting-cli forecast --help`. */
const char        *bos_forecast_get_help     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosForecastHistory, bos_forecast_history_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosForecastModel, bos_forecast_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosForecastResult, bos_forecast_result_free)

G_END_DECLS
