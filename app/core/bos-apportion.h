/* bos-apportion.h: the distribution method of distribution.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain structs and functions, no GObject: a BosApportionInput (the need,
 * the criteria and the municipalities) goes in, a BosApportionResult (a
 * request, a minors' request and an explanation per municipality, and the
 * county totals) comes out.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The indicator name that stands for the municipality's population. */
#define BOS_INDICATOR_POPULATION "population"

/* Limits of the inputs, checked by bos_apportion_input_validate(). */
#define BOS_APPORTION_MAX_PERSONS    G_GINT64_CONSTANT (1000000000) /* need, locks, caps */
#define BOS_APPORTION_MAX_POPULATION G_GINT64_CONSTANT (1000000000)
#define BOS_APPORTION_MAX_VALUE      1e12 /* weights, indicators, adjustments, … */
#define BOS_APPORTION_MAX_FACTORS    12   /* factors with a weight above 0 */
#define BOS_APPORTION_DECIMALS       9    /* real inputs are used to 9 decimal places */

typedef enum
{
  BOS_FACTOR_MODE_SHARE,             /* x = v */
  BOS_FACTOR_MODE_POPULATION_SCALED, /* x = population × v */
} BosFactorMode;

typedef struct
{
  char          *indicator; /* BOS_INDICATOR_POPULATION or an indicator name */
  double         weight;    /* ≥ 0; the weights are normalised to sum 1 */
  BosFactorMode  mode;
} BosFactor;

typedef struct
{
  BosFactor *factors;             /* n_factors, owned */
  guint      n_factors;
  gint64     min_request;         /* m, default 10 */
  gint64     drop_below;          /* d, default 5, ≤ m */
  double     max_immigrant_share; /* percent, default 30; NAN: no such rule */
  gint64     min_population;      /* default 0 */
  double     max_per_1000;        /* NAN (the default): no such rule */
  gint64     largest_n;           /* default 0 */
  double     largest_factor;      /* default 1.0 */
  gint64     ema_min_request;     /* default 0 */
  gint64     ema_drop_below;      /* default 0, ≤ ema_min_request */
} BosCriteria;

typedef struct
{
  char     *code;            /* unique, e.g. "3905" */
  char     *name;
  char     *county;          /* county code, e.g. "39" */
  gint64    population;      /* > 0 */
  double    immigrant_share; /* percent; NAN when unknown */
  double   *indicators;      /* one per input indicator name; NAN when missing */
  double    adjustment;      /* a_i, default 1.0 */
  gint64    locked;          /* the locked request, or < 0 when not locked */
  char     *lock_note;       /* why it is locked (e.g. which meeting), or NULL */
  gboolean  excluded;        /* excluded by hand */
  gboolean  included;        /* included by hand, whatever the rules say */
  gboolean  ema_capable;     /* may be asked to settle minors, default TRUE */
  gint64    cap;             /* at most this many, or < 0 for no cap */
} BosMunicipalityInput;

typedef struct
{
  gint64       need;            /* N */
  gint64       ema_need;        /* E, of which unaccompanied minors */
  gboolean     by_county;       /* two-stage mode */
  BosCriteria  criteria;
  GPtrArray   *indicator_names; /* char *, owned */
  GPtrArray   *municipalities;  /* BosMunicipalityInput *, owned */
} BosApportionInput;

/* Which rule fixed a municipality's (or its minors') request. */
typedef enum
{
  BOS_CONSTRAINT_NONE,                    /* minors: nothing to distribute */
  BOS_CONSTRAINT_EXCLUDED_MANUAL,         /* excluded by hand */
  BOS_CONSTRAINT_EXCLUDED_IMMIGRANT_SHARE,
  BOS_CONSTRAINT_EXCLUDED_POPULATION,
  BOS_CONSTRAINT_LOCKED,
  BOS_CONSTRAINT_NOTHING_LEFT,            /* the locks take the whole need */
  BOS_CONSTRAINT_ZERO_SCORE,
  BOS_CONSTRAINT_CAP_BELOW_MIN,           /* a cap below the minimum: never enters */
  BOS_CONSTRAINT_BELOW_DROP,              /* proportional share below drop_below */
  BOS_CONSTRAINT_NO_ROOM,                 /* entered, but no room for its minimum */
  BOS_CONSTRAINT_AT_MIN,                  /* raised to the minimum */
  BOS_CONSTRAINT_AT_CAP,                  /* held at its cap */
  BOS_CONSTRAINT_PROPORTIONAL,
  BOS_CONSTRAINT_NOT_EMA_CAPABLE,         /* minors only */
  BOS_CONSTRAINT_NO_REQUEST,              /* minors only: the request is 0 */
} BosConstraint;

typedef struct
{
  gint64         request;
  gint64         ema_request;     /* part of, not added to, the request */
  BosConstraint  constraint;
  BosConstraint  ema_constraint;
  double         score;           /* s_i with the weights normalised; NAN when excluded */
  double         quota;           /* the real quota the request was rounded from
                                   * (the county stage in two-stage mode) */
  double         national_quota;  /* the quota of the national stage */
  double         ema_quota;
  gboolean       rounded_up;      /* got one more by largest remainder */
  gboolean       ema_rounded_up;
  gboolean       used_pool_mean;  /* an indicator was missing */
  const char    *reason;          /* the working, in English; NULL when the run was
                                   * asked to skip it (see bos_apportion_result_explain()) */
} BosMunicipalityResult;

typedef struct
{
  char     *county;      /* county code */
  gint64    population;
  double    quota;       /* Q_c: the sum of the national quotas */
  gint64    request;     /* N_c in two-stage mode, else the sum of the requests */
  gint64    ema_request;
  gboolean  rounded_up;  /* two-stage: got one more by largest remainder */
} BosCountyResult;

typedef struct
{
  gint64                 need;
  gint64                 ema_need;
  gboolean               by_county;
  BosMunicipalityResult *municipalities;   /* in the order of the input */
  guint                  n_municipalities;
  BosCountyResult       *counties;         /* in county code order */
  guint                  n_counties;
  GPtrArray             *warnings;         /* char *: e.g. weights that do not sum to 1 */
  /*< private >*/
  char                  *reasons;          /* the storage of every reason */
  gpointer               priv;
} BosApportionResult;

typedef enum
{
  BOS_APPORTION_FLAGS_NONE   = 0,
  BOS_APPORTION_SKIP_REASONS = 1 << 0, /* leave the reasons NULL: the numbers only */
} BosApportionFlags;

void                  bos_criteria_init               (BosCriteria                *criteria);
void                  bos_criteria_clear              (BosCriteria                *criteria);
void                  bos_criteria_copy               (BosCriteria                *dest,
                                                       const BosCriteria          *src);
void                  bos_criteria_clear_factors      (BosCriteria                *criteria);
void                  bos_criteria_add_factor         (BosCriteria                *criteria,
                                                       const char                 *indicator,
                                                       double                      weight,
                                                       BosFactorMode               mode);
const char           *bos_factor_mode_to_string       (BosFactorMode               mode);
gboolean              bos_factor_mode_from_string     (const char                 *string,
                                                       BosFactorMode              *mode);

BosApportionInput    *bos_apportion_input_new         (void);
BosApportionInput    *bos_apportion_input_copy        (const BosApportionInput    *input);
void                  bos_apportion_input_free        (BosApportionInput          *input);
int                   bos_apportion_input_find_indicator (const BosApportionInput *input,
                                                       const char                 *name);
guint                 bos_apportion_input_add_indicator (BosApportionInput        *input,
                                                       const char                 *name);
BosMunicipalityInput *bos_apportion_input_add_municipality (BosApportionInput     *input,
                                                       const char                 *code,
                                                       const char                 *name,
                                                       const char                 *county,
                                                       gint64                      population);
void                  bos_apportion_input_set_indicator (BosApportionInput        *input,
                                                       BosMunicipalityInput       *municipality,
                                                       const char                 *name,
                                                       double                      value);
gboolean              bos_apportion_input_validate    (const BosApportionInput    *input,
                                                       GError                    **error);

/* The result refers to @input: keep the input alive and unchanged while the
 * result is used. Infeasible inputs fail with BOS_ERROR_INFEASIBLE (the
 * message gives the shortfall in persons and its cause), invalid ones with
 * BOS_ERROR_INVALID. */
BosApportionResult   *bos_apportion_run               (const BosApportionInput    *input,
                                                       GError                    **error);
BosApportionResult   *bos_apportion_run_full          (const BosApportionInput    *input,
                                                       BosApportionFlags           flags,
                                                       GError                    **error);
char                 *bos_apportion_result_explain    (const BosApportionResult   *result,
                                                       guint                       index);
void                  bos_apportion_result_free       (BosApportionResult         *result);

const char           *bos_constraint_to_string        (BosConstraint               constraint);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosApportionInput, bos_apportion_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosApportionResult, bos_apportion_result_free)

G_END_DECLS
