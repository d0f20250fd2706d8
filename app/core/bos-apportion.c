/* bos-apportion.c: the distribution method of distribution.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Steps 1-8 of ../shared/design/distribution.md: eligibility, the remainder
 * after locks, factor values and scores, water-filling with a threshold to
 * enter, largest-remainder integers, the two-stage county mode and the
 * unaccompanied minors.
 *
 * HOW FLOATING-POINT ERROR IS KEPT OUT OF EVERY FLOOR AND TIE
 *
 * No decision of the method is taken on a floating-point number.
 *
 * 1. Real inputs are decimals. Each real input (weight, indicator value,
 *    adjustment, largest_factor, max_per_1000, immigrant share and its
 *    maximum) is taken as the decimal the user wrote: the decimal with the
 *    fewest places, at most BOS_APPORTION_DECIMALS (9), that converts to
 *    the same double (0.61 is 61/100, not the binary double next to it).
 *    A value that no such decimal gives is rounded to 9 places (fewer
 *    above 9e6, where a double holds no more), e.g. 0.1 + 0.2 becomes
 *    0.300000000 = 3/10; that is the one place where an input is changed.
 *
 * 2. Scores are exact integers over a common denominator. Within a group
 *    (one factor's indicator values, the weights, the adjustments) the
 *    decimals are scaled to integers by the group's largest number of
 *    places. A missing indicator value is the pool's population-weighted
 *    mean G/H; every value of that factor is then multiplied by H, so the
 *    mean is an integer too. With x'_ik these integers and X'_k their sums
 *    over the pool U,
 *
 *      s_i = a_i Σ_k w_k x_ik / X_k  =  σ_i / D,
 *      σ_i = a'_i Σ_k w'_k x'_ik Π_{l≠k} X'_l,
 *
 *    where D > 0 is the same for every municipality. σ_i is a natural
 *    number of a few hundred bits, held in multi-precision arithmetic
 *    (64-bit limbs with 128-bit products where the compiler has them, else
 *    32-bit limbs; the number of limbs per run comes from an upper bound on
 *    every intermediate value, so nothing overflows, and the arithmetic
 *    asserts it). The method only ever compares scores with each other or
 *    multiplies them by integers, so D never needs to be divided out: it
 *    cancels from every comparison and from every quota.
 *
 * 3. Every decision is a comparison of integers. Entry order compares σ_i
 *    with σ_j. A level λ is carried as a fraction p / σ_j (p = d, m or a
 *    cap), and λ_1 < λ_2 is p_1 σ_2 < p_2 σ_1. The piecewise-linear
 *    function f(λ) = fixed + λ Σσ_free is compared with R at a breakpoint
 *    p / σ_g as p Σσ_free against (R - fixed) σ_g. The final quotas are
 *    q_i = T σ_i / Σ with integers T = R - (persons at a minimum or a cap)
 *    and Σ = Σσ over the proportional members, so floor(q_i) is the
 *    largest k with k Σ ≤ T σ_i, and the fractional parts are compared as
 *    the exact remainders T σ_i - k Σ over the common denominator Σ. County
 *    quotas in two-stage mode are sums of these, over the same Σ. Caps from
 *    max_per_1000 are floor(digits × P / (1000 × 10^places)) in integers;
 *    the immigrant share is compared with its maximum as scaled integers.
 *    The tests include ties that doubles get wrong (test-apportion.c:
 *    exact-tie, decimal-inputs, minors-entry-tie).
 *
 * 4. Speed without giving up exactness (floating-point filters, as in
 *    exact geometric predicates). A comparison of p_1 A with p_2 B first
 *    looks at double approximations of A and B (the top 64 bits, relative
 *    error below 2^-52, so each product is within 2^-51). When they differ
 *    by more than a factor 1 + 2^-48 the answer is certain; otherwise, and
 *    whenever an approximation is out of the safe range, the exact integers
 *    decide. Sorting works the same way: by double keys (each within 2^-51
 *    of the value it stands for), then every run of neighbouring keys closer
 *    than a relative 2^-46 is sorted again with the exact comparison. Ties
 *    therefore always reach the exact path and then the stated tie-breaks.
 *
 * Floating point is used for the figures printed in the explanations
 * (score, quota, shares) and nowhere else. Everything is sorted by code
 * first, and every sort has a complete tie-break, so the row order of the
 * input cannot change the output.
 *
 * READINGS OF distribution.md WHERE IT LEAVES A CHOICE
 *
 * - Step 8, "(nobody locked)": in the minors' run no municipality is
 *   locked, so locked municipalities take part like the others, with their
 *   locked request as cap (step 4 computes their scores for this).
 * - Step 5: when the first entrants admitted (those whose minimums fit)
 *   cannot hold R with their caps although later entrants could, the
 *   method as written has no solution; the run reports the shortfall as
 *   infeasible rather than choose other municipalities.
 * - Step 5 with 0 < R < m: nobody can be admitted; reported as infeasible.
 * - Step 3: a factor whose values sum to 0 over the pool counts for
 *   nothing (with a warning); a missing value when no pool member has one
 *   is an error (there is no mean to use).
 * - largest_n: ties in population at the boundary go to the lower code.
 */
#define G_LOG_DOMAIN "bos-apportion"

#include <math.h>
#include <string.h>

#include "bos-apportion.h"
#include "bos-error.h"

/* ------------------------------------------------------------------------ */
/* Natural numbers of L limbs, least significant first                      */

#ifdef __SIZEOF_INT128__
typedef guint64 Limb;
__extension__ typedef unsigned __int128 DLimb;
#define LIMB_BITS 64
#else
typedef guint32 Limb;
typedef guint64 DLimb;
#define LIMB_BITS 32
#endif

static guint
nat_len (const Limb *a,
         guint       L)
{
  while (L > 0 && a[L - 1] == 0)
    L--;
  return L;
}

static inline gboolean
nat_is_zero (const Limb *a,
             guint       L)
{
  return nat_len (a, L) == 0;
}

static void
nat_set (Limb    *r,
         guint    L,
         guint64  v)
{
  memset (r, 0, L * sizeof (Limb));
#if LIMB_BITS == 64
  r[0] = v;
#else
  r[0] = (Limb) v;
  if (v >> 32)
    {
      g_assert (L > 1);
      r[1] = (Limb) (v >> 32);
    }
#endif
}

#if LIMB_BITS == 32
/* The value when it fits in 64 bits, else G_MAXUINT64 */
static guint64
nat_get_u64 (const Limb *a,
             guint       L)
{
  guint len = nat_len (a, L);

  if (len * LIMB_BITS > 64)
    return G_MAXUINT64;
#if LIMB_BITS == 64
  return len ? a[0] : 0;
#else
  return len == 0 ? 0 : (a[0] | (len > 1 ? (guint64) a[1] << 32 : 0));
#endif
}
#endif

static inline void
nat_copy (Limb       *r,
          const Limb *a,
          guint       L)
{
  memcpy (r, a, L * sizeof (Limb));
}

static int
nat_cmp (const Limb *a,
         const Limb *b,
         guint       L)
{
  for (guint i = L; i-- > 0;)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

/* r += a */
static void
nat_add (Limb       *r,
         const Limb *a,
         guint       L)
{
  DLimb carry = 0;

  for (guint i = 0; i < L; i++)
    {
      carry += (DLimb) r[i] + a[i];
      r[i] = (Limb) carry;
      carry >>= LIMB_BITS;
    }
  g_assert (carry == 0);
}

/* r -= a, with r ≥ a */
static void
nat_sub (Limb       *r,
         const Limb *a,
         guint       L)
{
  Limb borrow = 0;

  for (guint i = 0; i < L; i++)
    {
      Limb x = r[i];
      Limb y = a[i] + borrow;

      /* y wrapped to 0 only when a[i] is the largest limb and borrow is 1 */
      borrow = (y < borrow) || (x < y);
      r[i] = x - y;
    }
  g_assert (borrow == 0);
}

/* r = a × m; r may be a */
static void
nat_mul_small (Limb       *r,
               const Limb *a,
               guint32     m,
               guint       L)
{
  DLimb carry = 0;

  for (guint i = 0; i < L; i++)
    {
      carry += (DLimb) a[i] * m;
      r[i] = (Limb) carry;
      carry >>= LIMB_BITS;
    }
  g_assert (carry == 0);
}

/* r = a × m for any 64-bit m; r may be a, @scratch is one more number */
static void
nat_mul_u64 (Limb       *r,
             const Limb *a,
             guint64     m,
             Limb       *scratch,
             guint       L)
{
#if LIMB_BITS == 64
  DLimb carry = 0;

  for (guint i = 0; i < L; i++)
    {
      carry += (DLimb) a[i] * m;
      r[i] = (Limb) carry;
      carry >>= LIMB_BITS;
    }
  g_assert (carry == 0);
  (void) scratch;
#else
  if (m <= G_MAXUINT32)
    nat_mul_small (r, a, (guint32) m, L);
  else
    {
      /* a × hi × 2^32 + a × lo */
      nat_mul_small (scratch, a, (guint32) (m >> 32), L);
      g_assert (scratch[L - 1] == 0);
      memmove (scratch + 1, scratch, (L - 1) * sizeof (Limb));
      scratch[0] = 0;
      nat_mul_small (r, a, (guint32) m, L);
      nat_add (r, scratch, L);
    }
#endif
}

/* r = a × b; r must be neither a nor b */
static void
nat_mul (Limb       *r,
         const Limb *a,
         const Limb *b,
         guint       L)
{
  guint la = nat_len (a, L);
  guint lb = nat_len (b, L);

  g_assert (r != a && r != b);
  memset (r, 0, L * sizeof (Limb));
  if (la == 0 || lb == 0)
    return;
  /* a[la-1] and b[lb-1] are not 0, so the product needs la + lb - 1 limbs */
  g_assert (la + lb <= L + 1);
  for (guint i = 0; i < la; i++)
    {
      DLimb carry = 0;

      for (guint j = 0; j < lb; j++)
        {
          carry += (DLimb) a[i] * b[j] + r[i + j];
          r[i + j] = (Limb) carry;
          carry >>= LIMB_BITS;
        }
      if (i + lb < L)
        r[i + lb] = (Limb) carry;
      else
        g_assert (carry == 0);
    }
}

/* acc += a × b */
static void
nat_addmul (Limb       *acc,
            const Limb *a,
            const Limb *b,
            guint       L)
{
  guint la = nat_len (a, L);
  guint lb = nat_len (b, L);

  for (guint i = 0; i < la; i++)
    {
      DLimb carry = 0;
      guint k;

      g_assert (i + lb <= L);
      for (guint j = 0; j < lb; j++)
        {
          carry += (DLimb) a[i] * b[j] + acc[i + j];
          acc[i + j] = (Limb) carry;
          carry >>= LIMB_BITS;
        }
      for (k = i + lb; carry != 0 && k < L; k++)
        {
          carry += acc[k];
          acc[k] = (Limb) carry;
          carry >>= LIMB_BITS;
        }
      g_assert (carry == 0);
    }
}

/* r = floor (r / d), returns the remainder */
static guint32
nat_div_small (Limb    *r,
               guint32  d,
               guint    L)
{
  DLimb rem = 0;

  for (guint i = L; i-- > 0;)
    {
      DLimb cur = (rem << LIMB_BITS) | r[i];

      r[i] = (Limb) (cur / d);
      rem = cur % d;
    }
  return (guint32) rem;
}

static int
msb_limb (Limb v)
{
  g_assert (v != 0);
#if defined(__GNUC__) && LIMB_BITS == 64
  return 63 - __builtin_clzll (v);
#elif defined(__GNUC__)
  return 31 - __builtin_clz (v);
#else
  {
    int n = -1;

    while (v)
      {
        n++;
        v >>= 1;
      }
    return n;
  }
#endif
}

/* a ≈ top × 2^e with top in [2^63, 2^64), truncated (so the error is below
 * 2^e), or exactly top when a < 2^64. Returns 0 for a = 0. */
static guint64
nat_top (const Limb *a,
         guint       L,
         int        *e)
{
  guint len = nat_len (a, L);
  guint64 top;
  int s;

  *e = 0;
  if (len == 0)
    return 0;
#if LIMB_BITS == 64
  if (len == 1)
    return a[0];
  s = 63 - msb_limb (a[len - 1]);
  top = a[len - 1] << s;
  if (s > 0)
    top |= a[len - 2] >> (64 - s);
  *e = 64 * (int) (len - 1) - s;
#else
  if (len <= 2)
    return a[0] | (len == 2 ? (guint64) a[1] << 32 : 0);
  s = 31 - msb_limb (a[len - 1]);
  top = (((guint64) a[len - 1] << 32) | a[len - 2]) << s;
  if (s > 0)
    top |= a[len - 3] >> (32 - s);
  *e = 32 * (int) (len - 2) - s;
#endif
  return top;
}

/* The approximation used by the filters: a × 2^-shift within a relative
 * 2^-52, or -1 when it is out of the range where that holds. */
static double
nat_approx (const Limb *a,
            guint       L,
            int         shift)
{
  int e;
  guint64 top = nat_top (a, L, &e);
  double x;

  if (top == 0)
    return 0.0;
  x = ldexp ((double) top, e - shift);
  if (!(x >= 0x1p-900 && x <= 0x1p+960))
    return -1.0;
  return x;
}

/* a / b as a double, for the explanations only */
static double
nat_ratio (const Limb *a,
           const Limb *b,
           guint       L)
{
  int ea, eb;
  guint64 ta = nat_top (a, L, &ea);
  guint64 tb = nat_top (b, L, &eb);

  if (tb == 0)
    return NAN;
  if (ta == 0)
    return 0.0;
  return ldexp ((double) ta / (double) tb, ea - eb);
}

/* ------------------------------------------------------------------------ */
/* Decimals                                                                 */

typedef struct
{
  guint64 digits;
  guint   scale;  /* value = digits / 10^scale */
} Decimal;

static const guint64 pow10_u64[] = {
  G_GUINT64_CONSTANT (1),
  G_GUINT64_CONSTANT (10),
  G_GUINT64_CONSTANT (100),
  G_GUINT64_CONSTANT (1000),
  G_GUINT64_CONSTANT (10000),
  G_GUINT64_CONSTANT (100000),
  G_GUINT64_CONSTANT (1000000),
  G_GUINT64_CONSTANT (10000000),
  G_GUINT64_CONSTANT (100000000),
  G_GUINT64_CONSTANT (1000000000),
  G_GUINT64_CONSTANT (10000000000),
  G_GUINT64_CONSTANT (100000000000),
  G_GUINT64_CONSTANT (1000000000000),
  G_GUINT64_CONSTANT (10000000000000),
  G_GUINT64_CONSTANT (100000000000000),
  G_GUINT64_CONSTANT (1000000000000000),
  G_GUINT64_CONSTANT (10000000000000000),
  G_GUINT64_CONSTANT (100000000000000000),
  G_GUINT64_CONSTANT (1000000000000000000),
};

/* The decimal a user meant by @x (≥ 0, ≤ BOS_APPORTION_MAX_VALUE): the one
 * with the fewest places (at most BOS_APPORTION_DECIMALS) that converts to
 * exactly @x; else @x rounded to as many places as a double can tell. */
static Decimal
decimal_from_double (double x)
{
  Decimal best = { (guint64) (x + 0.5), 0 };

  g_assert (x >= 0 && x <= BOS_APPORTION_MAX_VALUE);
  if (x == (double) best.digits)
    return best;

  /* The usual case, x < 10^6: a double is then within 2^-34 of the decimal
   * it came from, so x × 10^9 is within 0.13 of an integer when x has at
   * most 9 places, and rounds to it; dropping trailing zeros gives the
   * fewest places, and one division checks that it converts back to x. */
  if (x < 1e6)
    {
      guint64 digits = (guint64) (x * 1e9 + 0.5);
      guint scale = BOS_APPORTION_DECIMALS;

      while (scale > 0 && digits % 10 == 0)
        {
          digits /= 10;
          scale--;
        }
      if ((double) digits / (double) pow10_u64[scale] == x)
        {
          best.digits = digits;
          best.scale = scale;
          return best;
        }
    }

  for (guint places = 1; places <= BOS_APPORTION_DECIMALS; places++)
    {
      double scaled = x * (double) pow10_u64[places];
      double digits;

      if (scaled >= 0x1p53)
        break;
      digits = nearbyint (scaled);
      best.digits = (guint64) digits;
      best.scale = places;
      if (digits / (double) pow10_u64[places] == x)
        break;
    }
  return best;
}

/* r = value × 10^scale, with scale ≥ value.scale */
static void
decimal_to_nat (Decimal  value,
                guint    scale,
                Limb    *r,
                guint    L)
{
  g_assert (scale >= value.scale && scale - value.scale <= 9);
  nat_set (r, L, value.digits);
  if (scale > value.scale)
    nat_mul_small (r, r, (guint32) pow10_u64[scale - value.scale], L);
}

static int
decimal_cmp (Decimal a,
             Decimal b)
{
  Limb x[4], y[4];
  guint scale = MAX (a.scale, b.scale);

  decimal_to_nat (a, scale, x, 4);
  decimal_to_nat (b, scale, y, 4);
  return nat_cmp (x, y, 4);
}

/* Whether the decimal of @share is above @max (whose decimal is @max_dec).
 * A decimal is within 0.5e-9 + 1e-15 |x| of its double x (see
 * decimal_from_double()), so a wider gap between the doubles decides. */
static gboolean
share_above (double  share,
             double  max,
             Decimal max_dec)
{
  double margin = 1e-9 + 1e-14 * (share + max);

  if (share > max + margin)
    return TRUE;
  if (share < max - margin)
    return FALSE;
  return decimal_cmp (decimal_from_double (share), max_dec) > 0;
}

static gboolean
decimal_is_one (Decimal a)
{
  return a.digits == pow10_u64[a.scale];
}

/* ------------------------------------------------------------------------ */
/* Formatting for the explanations, independent of the locale               */

/* Appending to a GString that mostly has room already, without the calls */
static inline void
text_append_len (GString    *s,
                 const char *text,
                 gsize       len)
{
  if (G_UNLIKELY (s->len + len + 1 > s->allocated_len))
    {
      g_string_append_len (s, text, (gssize) len);
      return;
    }
  memcpy (s->str + s->len, text, len);
  s->len += len;
  s->str[s->len] = '\0';
}

static inline void
text_append (GString    *s,
             const char *text)
{
  text_append_len (s, text, strlen (text));
}

static inline void
text_append_c (GString *s,
               char     c)
{
  text_append_len (s, &c, 1);
}

/* text_append() of a string literal, without measuring it */
#define APPEND_LITERAL(s, literal) text_append_len ((s), "" literal, sizeof (literal) - 1)

static void
append_int (GString *s,
            gint64   v)
{
  char buf[24];
  guint i = sizeof buf;
  guint64 u = v < 0 ? (guint64) -(v + 1) + 1 : (guint64) v;

  buf[--i] = '\0';
  do
    {
      buf[--i] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u);
  if (v < 0)
    buf[--i] = '-';
  text_append_len (s, buf + i, sizeof buf - 1 - i);
}

static void
append_digits_point (GString *s,
                     guint64  digits,
                     guint    scale,
                     gboolean strip)
{
  guint64 p = pow10_u64[scale];
  guint64 frac = digits % p;

  append_int (s, (gint64) (digits / p));
  if (scale == 0 || (strip && frac == 0))
    return;
  {
    char buf[24];
    guint n = scale;

    buf[n] = '\0';
    for (guint i = n; i-- > 0;)
      {
        buf[i] = (char) ('0' + frac % 10);
        frac /= 10;
      }
    if (strip)
      while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    text_append_c (s, '.');
    text_append_len (s, buf, n);
  }
}

static void
append_decimal (GString *s,
                Decimal  v)
{
  append_digits_point (s, v.digits, v.scale, TRUE);
}

/* a / 10^scale in decimal, trailing zeros dropped */
static void
append_nat_decimal (GString    *s,
                    const Limb *a,
                    guint       L,
                    guint       scale)
{
  Limb *q = g_newa (Limb, L);
  GString *digits = g_string_new (NULL);
  guint n;

  nat_copy (q, a, L);
  do
    g_string_prepend_c (digits, (char) ('0' + nat_div_small (q, 10, L)));
  while (!nat_is_zero (q, L));
  while (digits->len <= scale)
    g_string_prepend_c (digits, '0');
  n = (guint) digits->len;
  g_string_append_len (s, digits->str, n - scale);
  while (scale > 0 && digits->str[n - 1] == '0')
    {
      n--;
      scale--;
    }
  if (scale > 0)
    {
      g_string_append_c (s, '.');
      g_string_append_len (s, digits->str + n - scale, scale);
    }
  g_string_free (digits, TRUE);
}

static void
append_real_slow (GString    *s,
                  const char *format,
                  double      x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, format, x));
}

/* x with @places decimals, like "%.2f" in the C locale */
static void
append_fixed (GString *s,
              double   x,
              guint    places)
{
  double scaled;

  if (isnan (x))
    {
      APPEND_LITERAL (s, "?");
      return;
    }
  scaled = floor (fabs (x) * (double) pow10_u64[places] + 0.5);
  if (!(scaled < 9e15))
    {
      append_real_slow (s, "%.6g", x);
      return;
    }
  if (x < 0 && scaled > 0)
    text_append_c (s, '-');
  append_digits_point (s, (guint64) scaled, places, FALSE);
}

/* x with @sig significant digits and trailing zeros dropped, like "%.6g" */
static void
append_sig (GString *s,
            double   x,
            int      sig)
{
  int e, places;
  double scaled;

  if (isnan (x))
    {
      APPEND_LITERAL (s, "?");
      return;
    }
  if (x == 0)
    {
      APPEND_LITERAL (s, "0");
      return;
    }
  if (!(x >= 1e-9 && x < 1e12))
    {
      append_real_slow (s, "%.6g", x);
      return;
    }
  /* e = floor (log10 (x)), from a first guess by the binary exponent */
  frexp (x, &e);
  e = (int) floor ((e - 1) * 0.30102999566398120);
  while (e + 1 < 12 && x >= (e + 1 >= 0 ? (double) pow10_u64[e + 1] : 1.0 / (double) pow10_u64[-(e + 1)]))
    e++;
  while (e > -9 && x < (e >= 0 ? (double) pow10_u64[e] : 1.0 / (double) pow10_u64[-e]))
    e--;
  places = CLAMP (sig - 1 - e, 0, 18);
  scaled = floor (x * (double) pow10_u64[places] + 0.5);
  if (!(scaled < 9e15))
    {
      append_real_slow (s, "%.6g", x);
      return;
    }
  append_digits_point (s, (guint64) scaled, (guint) places, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Inputs                                                                   */

void
bos_criteria_init (BosCriteria *criteria)
{
  g_return_if_fail (criteria != NULL);

  memset (criteria, 0, sizeof *criteria);
  bos_criteria_add_factor (criteria, BOS_INDICATOR_POPULATION, 1.0, BOS_FACTOR_MODE_SHARE);
  criteria->min_request = 10;
  criteria->drop_below = 5;
  criteria->max_immigrant_share = 30.0;
  criteria->min_population = 0;
  criteria->max_per_1000 = NAN;
  criteria->largest_n = 0;
  criteria->largest_factor = 1.0;
  criteria->ema_min_request = 0;
  criteria->ema_drop_below = 0;
}

void
bos_criteria_clear_factors (BosCriteria *criteria)
{
  g_return_if_fail (criteria != NULL);

  for (guint i = 0; i < criteria->n_factors; i++)
    g_free (criteria->factors[i].indicator);
  g_clear_pointer (&criteria->factors, g_free);
  criteria->n_factors = 0;
}

void
bos_criteria_clear (BosCriteria *criteria)
{
  g_return_if_fail (criteria != NULL);

  bos_criteria_clear_factors (criteria);
}

void
bos_criteria_copy (BosCriteria       *dest,
                   const BosCriteria *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);
  g_return_if_fail (dest != src);

  *dest = *src;
  dest->factors = g_new0 (BosFactor, MAX (src->n_factors, 1));
  for (guint i = 0; i < src->n_factors; i++)
    {
      dest->factors[i] = src->factors[i];
      dest->factors[i].indicator = g_strdup (src->factors[i].indicator);
    }
}

void
bos_criteria_add_factor (BosCriteria   *criteria,
                         const char    *indicator,
                         double         weight,
                         BosFactorMode  mode)
{
  BosFactor *factor;

  g_return_if_fail (criteria != NULL);
  g_return_if_fail (indicator != NULL);

  criteria->factors = g_renew (BosFactor, criteria->factors, criteria->n_factors + 1);
  factor = &criteria->factors[criteria->n_factors++];
  factor->indicator = g_strdup (indicator);
  factor->weight = weight;
  factor->mode = mode;
}

const char *
bos_factor_mode_to_string (BosFactorMode mode)
{
  switch (mode)
    {
    case BOS_FACTOR_MODE_SHARE:
      return "share";
    case BOS_FACTOR_MODE_POPULATION_SCALED:
      return "population_scaled";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
bos_factor_mode_from_string (const char    *string,
                             BosFactorMode *mode)
{
  g_return_val_if_fail (string != NULL, FALSE);
  g_return_val_if_fail (mode != NULL, FALSE);

  if (g_str_equal (string, "share"))
    *mode = BOS_FACTOR_MODE_SHARE;
  else if (g_str_equal (string, "population_scaled"))
    *mode = BOS_FACTOR_MODE_POPULATION_SCALED;
  else
    return FALSE;
  return TRUE;
}

static void
municipality_input_free (gpointer data)
{
  BosMunicipalityInput *municipality = data;

  g_free (municipality->code);
  g_free (municipality->name);
  g_free (municipality->county);
  g_free (municipality->indicators);
  g_free (municipality->lock_note);
  g_free (municipality);
}

BosApportionInput *
bos_apportion_input_new (void)
{
  BosApportionInput *input = g_new0 (BosApportionInput, 1);

  bos_criteria_init (&input->criteria);
  input->indicator_names = g_ptr_array_new_with_free_func (g_free);
  input->municipalities = g_ptr_array_new_with_free_func (municipality_input_free);
  return input;
}

void
bos_apportion_input_free (BosApportionInput *input)
{
  if (input == NULL)
    return;
  bos_criteria_clear (&input->criteria);
  g_ptr_array_unref (input->indicator_names);
  g_ptr_array_unref (input->municipalities);
  g_free (input);
}

BosApportionInput *
bos_apportion_input_copy (const BosApportionInput *input)
{
  BosApportionInput *copy;
  guint n_indicators;

  g_return_val_if_fail (input != NULL, NULL);

  copy = bos_apportion_input_new ();
  copy->need = input->need;
  copy->ema_need = input->ema_need;
  copy->by_county = input->by_county;
  bos_criteria_clear (&copy->criteria);
  bos_criteria_copy (&copy->criteria, &input->criteria);
  for (guint i = 0; i < input->indicator_names->len; i++)
    g_ptr_array_add (copy->indicator_names, g_strdup (g_ptr_array_index (input->indicator_names, i)));
  n_indicators = input->indicator_names->len;
  for (guint i = 0; i < input->municipalities->len; i++)
    {
      const BosMunicipalityInput *src = g_ptr_array_index (input->municipalities, i);
      BosMunicipalityInput *dest = g_new0 (BosMunicipalityInput, 1);

      *dest = *src;
      dest->code = g_strdup (src->code);
      dest->name = g_strdup (src->name);
      dest->county = g_strdup (src->county);
      dest->lock_note = g_strdup (src->lock_note);
      dest->indicators = g_new (double, MAX (n_indicators, 1));
      if (n_indicators > 0)
        memcpy (dest->indicators, src->indicators, n_indicators * sizeof (double));
      g_ptr_array_add (copy->municipalities, dest);
    }
  return copy;
}

int
bos_apportion_input_find_indicator (const BosApportionInput *input,
                                    const char              *name)
{
  g_return_val_if_fail (input != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < input->indicator_names->len; i++)
    if (g_str_equal (g_ptr_array_index (input->indicator_names, i), name))
      return (int) i;
  return -1;
}

/* Returns the index of the indicator @name, adding it (missing for every
 * municipality) when it is new. */
guint
bos_apportion_input_add_indicator (BosApportionInput *input,
                                   const char        *name)
{
  int found;
  guint n;

  g_return_val_if_fail (input != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  found = bos_apportion_input_find_indicator (input, name);
  if (found >= 0)
    return (guint) found;

  g_ptr_array_add (input->indicator_names, g_strdup (name));
  n = input->indicator_names->len;
  for (guint i = 0; i < input->municipalities->len; i++)
    {
      BosMunicipalityInput *municipality = g_ptr_array_index (input->municipalities, i);

      municipality->indicators = g_renew (double, municipality->indicators, n);
      municipality->indicators[n - 1] = NAN;
    }
  return n - 1;
}

/* Adds a municipality with the defaults of distribution.md; the pointer
 * stays valid as long as @input. */
BosMunicipalityInput *
bos_apportion_input_add_municipality (BosApportionInput *input,
                                      const char        *code,
                                      const char        *name,
                                      const char        *county,
                                      gint64             population)
{
  BosMunicipalityInput *municipality;
  guint n_indicators;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  n_indicators = input->indicator_names->len;
  municipality = g_new0 (BosMunicipalityInput, 1);
  municipality->code = g_strdup (code);
  municipality->name = g_strdup (name ? name : "");
  municipality->county = g_strdup (county ? county : "");
  municipality->population = population;
  municipality->immigrant_share = NAN;
  municipality->indicators = g_new (double, MAX (n_indicators, 1));
  for (guint i = 0; i < n_indicators; i++)
    municipality->indicators[i] = NAN;
  municipality->adjustment = 1.0;
  municipality->locked = -1;
  municipality->ema_capable = TRUE;
  municipality->cap = -1;
  g_ptr_array_add (input->municipalities, municipality);
  return municipality;
}

void
bos_apportion_input_set_indicator (BosApportionInput    *input,
                                   BosMunicipalityInput *municipality,
                                   const char           *name,
                                   double                value)
{
  guint index;

  g_return_if_fail (input != NULL);
  g_return_if_fail (municipality != NULL);
  g_return_if_fail (name != NULL);

  index = bos_apportion_input_add_indicator (input, name);
  municipality->indicators[index] = value;
}

static gboolean
real_ok (double x)
{
  return isfinite (x) && x >= 0 && x <= BOS_APPORTION_MAX_VALUE;
}

/* Sorts input indices by code; @user_data is the municipalities' pdata */
static int
compare_code_indices (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  BosMunicipalityInput **m = user_data;

  return strcmp (m[*(const guint *) a]->code, m[*(const guint *) b]->code);
}

/* Checks @input; on success *order_out (when not NULL) gets the indices of
 * its municipalities in code order. */
static gboolean
validate_input (const BosApportionInput  *input,
                guint                   **order_out,
                GError                  **error)
{
  const BosCriteria *criteria;
  guint n_positive = 0;
  g_autofree guint *order = NULL;
  BosMunicipalityInput **all;
  guint n;

  criteria = &input->criteria;
  if (input->need < 0 || input->need > BOS_APPORTION_MAX_PERSONS)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "need must be between 0 and %" G_GINT64_FORMAT " (got %" G_GINT64_FORMAT ")",
                   BOS_APPORTION_MAX_PERSONS, input->need);
      return FALSE;
    }
  if (input->ema_need < 0 || input->ema_need > input->need)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "ema_need must be between 0 and the need %" G_GINT64_FORMAT
                   " (got %" G_GINT64_FORMAT ")",
                   input->need, input->ema_need);
      return FALSE;
    }

  if (criteria->n_factors == 0)
    {
      g_set_error_literal (error, BOS_ERROR, BOS_ERROR_INVALID, "criteria: there are no factors");
      return FALSE;
    }
  for (guint k = 0; k < criteria->n_factors; k++)
    {
      const BosFactor *factor = &criteria->factors[k];

      if (factor->indicator == NULL || factor->indicator[0] == '\0')
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID, "factor %u has no indicator", k + 1);
          return FALSE;
        }
      if (!real_ok (factor->weight))
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "factor %u (“%s”): the weight must be a number from 0 to %g (got %g)",
                       k + 1, factor->indicator, BOS_APPORTION_MAX_VALUE, factor->weight);
          return FALSE;
        }
      if (factor->mode != BOS_FACTOR_MODE_SHARE && factor->mode != BOS_FACTOR_MODE_POPULATION_SCALED)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "factor %u (“%s”): unknown mode", k + 1, factor->indicator);
          return FALSE;
        }
      if (!g_str_equal (factor->indicator, BOS_INDICATOR_POPULATION) &&
          bos_apportion_input_find_indicator (input, factor->indicator) < 0)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "factor %u: no municipality has the indicator “%s”",
                       k + 1, factor->indicator);
          return FALSE;
        }
      if (factor->weight > 0)
        n_positive++;
    }
  if (n_positive == 0)
    {
      g_set_error_literal (error, BOS_ERROR, BOS_ERROR_INVALID,
                           "criteria: the factor weights are all 0");
      return FALSE;
    }
  if (n_positive > BOS_APPORTION_MAX_FACTORS)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "criteria: at most %d factors may have a weight above 0 (got %u)",
                   BOS_APPORTION_MAX_FACTORS, n_positive);
      return FALSE;
    }

#define CHECK_PERSONS(field)                                                        \
  if (criteria->field < 0 || criteria->field > BOS_APPORTION_MAX_PERSONS)           \
    {                                                                               \
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,                             \
                   "criteria: " #field " must be between 0 and %" G_GINT64_FORMAT   \
                   " (got %" G_GINT64_FORMAT ")",                                   \
                   BOS_APPORTION_MAX_PERSONS, criteria->field);                     \
      return FALSE;                                                                 \
    }
  CHECK_PERSONS (min_request)
  CHECK_PERSONS (drop_below)
  CHECK_PERSONS (ema_min_request)
  CHECK_PERSONS (ema_drop_below)
  CHECK_PERSONS (largest_n)
#undef CHECK_PERSONS
  if (criteria->min_population < 0 || criteria->min_population > BOS_APPORTION_MAX_POPULATION)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "criteria: min_population must be between 0 and %" G_GINT64_FORMAT,
                   BOS_APPORTION_MAX_POPULATION);
      return FALSE;
    }
  if (criteria->drop_below > criteria->min_request)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "criteria: drop_below (%" G_GINT64_FORMAT ") must not be above min_request (%"
                   G_GINT64_FORMAT ")",
                   criteria->drop_below, criteria->min_request);
      return FALSE;
    }
  if (criteria->ema_drop_below > criteria->ema_min_request)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "criteria: ema_drop_below (%" G_GINT64_FORMAT
                   ") must not be above ema_min_request (%" G_GINT64_FORMAT ")",
                   criteria->ema_drop_below, criteria->ema_min_request);
      return FALSE;
    }
  if (!isnan (criteria->max_immigrant_share) && !real_ok (criteria->max_immigrant_share))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "criteria: max_immigrant_share must be a number from 0 to %g, or none (got %g)",
                   BOS_APPORTION_MAX_VALUE, criteria->max_immigrant_share);
      return FALSE;
    }
  if (!isnan (criteria->max_per_1000) && !real_ok (criteria->max_per_1000))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "criteria: max_per_1000 must be a number from 0 to %g, or none (got %g)",
                   BOS_APPORTION_MAX_VALUE, criteria->max_per_1000);
      return FALSE;
    }
  if (!real_ok (criteria->largest_factor))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                   "criteria: largest_factor must be a number from 0 to %g (got %g)",
                   BOS_APPORTION_MAX_VALUE, criteria->largest_factor);
      return FALSE;
    }

  n = input->municipalities->len;
  for (guint i = 0; i < n; i++)
    {
      const BosMunicipalityInput *m = g_ptr_array_index (input->municipalities, i);
      const char *code = m->code;

      if (code == NULL || code[0] == '\0')
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "municipality %u has no code", i + 1);
          return FALSE;
        }
      if (m->name == NULL || m->county == NULL)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "municipality %s has no name or county", code);
          return FALSE;
        }
      if (m->population <= 0 || m->population > BOS_APPORTION_MAX_POPULATION)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "municipality %s: population must be between 1 and %" G_GINT64_FORMAT
                       " (got %" G_GINT64_FORMAT ")",
                       code, BOS_APPORTION_MAX_POPULATION, m->population);
          return FALSE;
        }
      if (!isnan (m->immigrant_share) && !real_ok (m->immigrant_share))
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "municipality %s: immigrant_share must be a number from 0 to %g (got %g)",
                       code, BOS_APPORTION_MAX_VALUE, m->immigrant_share);
          return FALSE;
        }
      for (guint k = 0; k < input->indicator_names->len; k++)
        if (!isnan (m->indicators[k]) && !real_ok (m->indicators[k]))
          {
            g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                         "municipality %s: indicator “%s” must be a number from 0 to %g (got %g)",
                         code, (const char *) g_ptr_array_index (input->indicator_names, k),
                         BOS_APPORTION_MAX_VALUE, m->indicators[k]);
            return FALSE;
          }
      if (!real_ok (m->adjustment))
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "municipality %s: adjustment must be a number from 0 to %g (got %g)",
                       code, BOS_APPORTION_MAX_VALUE, m->adjustment);
          return FALSE;
        }
      if (m->locked > BOS_APPORTION_MAX_PERSONS)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "municipality %s: locked must be at most %" G_GINT64_FORMAT,
                       code, BOS_APPORTION_MAX_PERSONS);
          return FALSE;
        }
      if (m->cap > BOS_APPORTION_MAX_PERSONS)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "municipality %s: cap must be at most %" G_GINT64_FORMAT,
                       code, BOS_APPORTION_MAX_PERSONS);
          return FALSE;
        }
    }

  all = (BosMunicipalityInput **) input->municipalities->pdata;
  order = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = 1; i < n; i++)
    if (strcmp (all[i - 1]->code, all[i]->code) >= 0)
      {
        /* not already in code order */
        g_qsort_with_data (order, (gint) n, sizeof (guint), compare_code_indices, all);
        break;
      }
  for (guint i = 1; i < n; i++)
    if (g_str_equal (all[order[i - 1]]->code, all[order[i]]->code))
      {
        g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                     "municipality code %s occurs more than once", all[order[i]]->code);
        return FALSE;
      }
  if (order_out != NULL)
    *order_out = g_steal_pointer (&order);
  return TRUE;
}

/**
 * bos_apportion_input_validate:
 * @input: an input
 * @error: return location for a #GError
 *
 * Checks every value against the limits of distribution.md (and the
 * BOS_APPORTION_MAX_* limits); fails with %BOS_ERROR_INVALID and a message
 * that names the municipality or the criterion.
 */
gboolean
bos_apportion_input_validate (const BosApportionInput  *input,
                              GError                  **error)
{
  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return validate_input (input, NULL, error);
}

/* ------------------------------------------------------------------------ */
/* The run                                                                  */

typedef enum
{
  STATUS_POOL,
  STATUS_LOCKED,
  STATUS_EXCLUDED,
} Status;

enum
{
  EXCLUDE_MANUAL = 1 << 0,
  EXCLUDE_IMMIGRANT_SHARE = 1 << 1,
  EXCLUDE_POPULATION = 1 << 2,
};

/* One municipality's outcome in one water-filling (national, county, minors) */
typedef struct
{
  gint64   value;
  double   share;       /* λ·s at the level that decided, for the explanation;
                         * for the proportional, the quota */
  guint32  earlier;     /* NO_ROOM: entrants admitted before it */
  guint8   constraint;  /* BosConstraint */
  guint8   rounded_up;
} Stage;

/* The real quota of a stage: the share when proportional, else the value */
static double
stage_quota (const Stage *st)
{
  return st->constraint == BOS_CONSTRAINT_PROPORTIONAL ? st->share : (double) st->value;
}

typedef struct
{
  const BosMunicipalityInput *in;
  guint     input_index;
  guint     county;
  Status    status;
  guint     exclusions;      /* EXCLUDE_* rules that apply (an override may win) */
  gboolean  largest;
  gint64    cap;             /* < 0: none */
  gboolean  cap_from_rule;
  Decimal   adjustment;
  guint32   missing;         /* bit k: factor k used the pool's mean */
  Limb     *sigma;
  double    sigma_approx;
  guint     rank;            /* in the entry order */
  guint     fill_id;         /* the water-filling it takes part in now, as member */
  struct _Member *member;
  Limb     *rem;
  double    rem_approx;
  gint64    request;
  Stage     national;
  Stage     local;           /* the county stage of two-stage mode */
  Stage     minors;
} Muni;

typedef struct
{
  const char *code;
  gint64      population;
  gint64      locked;
  gint64      fixed;         /* national stage: locks, minimums and caps */
  Limb       *sigma;         /* Σσ of its proportional members */
  Limb       *rem;
  double      rem_approx;
  double      quota;
  gint64      total;         /* N_c */
  guint8      rounded_up;
  gint64      requests;
  gint64      ema;
} County;

typedef struct
{
  const BosFactor *factor;
  const char      *name;
  int              indicator;    /* -1: population */
  Decimal          weight;
  guint            scale;        /* places of its indicator values */
  gboolean         has_missing;
  guint64          pool_population;  /* H */
  Limb            *pool_sum;     /* G */
  Limb            *total;        /* X' */
  Limb            *coef;         /* w'_k Π_{l≠k} X'_l */
  gboolean         live;         /* X' > 0 */
  double           mean;
} Factor;

typedef struct
{
  const BosApportionInput *input;
  const BosCriteria       *criteria;
  guint                    n;
  Muni                    *munis;      /* in code order */
  County                  *counties;   /* in county code order */
  guint                    n_counties;
  Factor                  *factors;    /* those with a weight above 0 */
  guint                    n_factors;
  Decimal                 *values;     /* n × n_factors indicator values */
  Decimal                  largest_factor;
  Decimal                  max_per_1000;
  Decimal                  max_immigrant_share;
  guint                    L;
  int                      shift;
  Limb                    *arena;
  gsize                    arena_used;
  gsize                    arena_size;
  Limb                    *tmp[4];
  Limb                    *score_den;
  Limb                    *level_den;
  Limb                    *shared_sum;
  gint64                   locked_total;
  guint                   *muni_of_input;  /* input index → index in munis */
  Muni                   **order;          /* the eligible, in entry order */
  guint                    n_order;
  Muni                   **cap_order;      /* the pool with caps, by cap / σ */
  struct _Member          *members;        /* room for the members of one water-filling */
  struct _Member         **cand;           /* and for fill_run()'s lists */
  struct _Member         **by_cap;
  struct _LrItem          *items;
  guint                    n_cap_order;
  guint                    fill_counter;
  GPtrArray               *warnings;
} Run;

typedef struct _Member
{
  Muni    *muni;
  gint64   cap;      /* < 0: none */
  Stage   *stage;
  guint    pos;      /* in entry order */
  gboolean prop;     /* past its minimum */
  gboolean capped;   /* at its cap */
} Member;

typedef struct
{
  const char *what;  /* "" or "county " or "unaccompanied minors: " */
  const char *county; /* with "county ": its code */
  const char *noun;  /* "persons" or "minors" */
  const char *cap_word;
  gint64      R;
  gint64      m;
  gint64      d;
  gboolean    round;
  gboolean    caps_ranked; /* the members' caps are the national ones: use run->cap_order */
  gint64      T;     /* out: R minus the persons at a minimum or a cap */
  Limb       *sum;   /* out: Σσ of the proportional members */
} Fill;

static Limb *
run_nat (Run *run)
{
  Limb *r;

  g_assert (run->arena_used + run->L <= run->arena_size);
  r = run->arena + run->arena_used;
  run->arena_used += run->L;
  return r;  /* the arena starts out zeroed */
}

static int
scaled_cmp_exact (Run        *run,
                  gint64      p1,
                  const Limb *a,
                  gint64      p2,
                  const Limb *b)
{
  nat_mul_small (run->tmp[0], a, (guint32) p1, run->L);
  nat_mul_small (run->tmp[1], b, (guint32) p2, run->L);
  return nat_cmp (run->tmp[0], run->tmp[1], run->L);
}

/* Compares p1 × a with p2 × b (a, b ≥ 0; p1, p2 < 2^32), see (4) above. */
static inline int
scaled_cmp (Run        *run,
            gint64      p1,
            const Limb *a,
            double      a_approx,
            gint64      p2,
            const Limb *b,
            double      b_approx)
{
  g_assert (p1 >= 0 && p1 <= G_MAXUINT32 && p2 >= 0 && p2 <= G_MAXUINT32);

  if (a_approx >= 0 && b_approx >= 0)
    {
      double x = (double) p1 * a_approx;
      double y = (double) p2 * b_approx;

      if (x > y * (1 + 0x1p-48))
        return 1;
      if (y > x * (1 + 0x1p-48))
        return -1;
    }
  return scaled_cmp_exact (run, p1, a, p2, b);
}

/* ------------------------------------------------------------------------ */
/* Sorting with the filters: by double keys, then exactly within every run
 * of keys too close to tell apart. A key is within a relative 2^-51 of the
 * exact value it stands for, so keys that differ by more than a relative
 * 2^-46 are in the exact order already, and only the runs between such
 * gaps need the exact comparison. */

typedef struct
{
  double   key;   /* ascending; NAN when there is no usable key */
  gpointer item;
} Keyed;

typedef struct
{
  GCompareDataFunc exact;
  gpointer         data;
} KeyedExact;

static int
keyed_exact_cmp (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const KeyedExact *closure = user_data;

  return closure->exact (&((const Keyed *) a)->item, &((const Keyed *) b)->item, closure->data);
}

static inline gboolean
keys_apart (double a,
            double b)
{
  /* a ≤ b */
  return b - a > 0x1p-46 * MAX (fabs (a), fabs (b));
}

static void
keyed_sort (Keyed            *a,
            guint             n,
            GCompareDataFunc  exact,
            gpointer          data)
{
  g_autofree Keyed *tmp = NULL;
  Keyed *src = a, *dst;

  for (guint i = 0; i < n; i++)
    if (isnan (a[i].key))
      {
        /* no keys to go by: the exact comparison throughout */
        KeyedExact closure = { exact, data };

        g_qsort_with_data (a, (gint) n, sizeof (Keyed), keyed_exact_cmp, &closure);
        return;
      }

  if (n <= 16)
    {
      for (guint i = 1; i < n; i++)
        {
          Keyed x = a[i];
          guint j = i;

          while (j > 0 && a[j - 1].key > x.key)
            {
              a[j] = a[j - 1];
              j--;
            }
          a[j] = x;
        }
    }
  else
    {
      /* bottom-up merge sort */
      tmp = g_new (Keyed, n);
      dst = tmp;
      for (guint width = 1; width < n; width *= 2)
        {
          for (guint lo = 0; lo < n; lo += 2 * width)
            {
              guint mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
              guint i = lo, j = mid, k = lo;

              while (i < mid && j < hi)
                dst[k++] = src[j].key < src[i].key ? src[j++] : src[i++];
              while (i < mid)
                dst[k++] = src[i++];
              while (j < hi)
                dst[k++] = src[j++];
            }
          {
            Keyed *swap = src;

            src = dst;
            dst = swap;
          }
        }
      if (src != a)
        memcpy (a, src, n * sizeof (Keyed));
    }

  /* the runs of close keys, exactly (insertion sort: runs are short) */
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;

      while (j < n && !keys_apart (a[j - 1].key, a[j].key))
        j++;
      for (guint x = i + 1; x < j; x++)
        {
          Keyed item = a[x];
          guint y = x;

          while (y > i && exact (&a[y - 1].item, &item.item, data) > 0)
            {
              a[y] = a[y - 1];
              y--;
            }
          a[y] = item;
        }
      i = j;
    }
}

/* The key of the level cap / σ at which a municipality reaches its cap */
static double
cap_key (gint64      cap,
         const Muni *mu)
{
  if (mu->sigma_approx == 0)
    return INFINITY;
  if (mu->sigma_approx < 0)
    return NAN;
  return (double) cap / mu->sigma_approx;
}

/* Compares the levels p1 / σ1 and p2 / σ2 */
static int
level_cmp (Run          *run,
           gint64        p1,
           const Member *m1,
           gint64        p2,
           const Member *m2)
{
  return scaled_cmp (run, p1, m2->muni->sigma, m2->muni->sigma_approx,
                     p2, m1->muni->sigma, m1->muni->sigma_approx);
}

/* Entry order: decreasing score, then larger population, then lower code */
static int
entry_order_cmp (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Muni *x = *(Muni * const *) a;
  const Muni *y = *(Muni * const *) b;
  int c;

  c = scaled_cmp (user_data, 1, y->sigma, y->sigma_approx, 1, x->sigma, x->sigma_approx);
  if (c != 0)
    return c;
  if (x->in->population != y->in->population)
    return x->in->population > y->in->population ? -1 : 1;
  return strcmp (x->in->code, y->in->code);
}

/* The order of reaching the cap: cap / σ ascending, then entry order */
static int
national_cap_order_cmp (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const Muni *x = *(Muni * const *) a;
  const Muni *y = *(Muni * const *) b;
  int c = scaled_cmp (user_data, x->cap, y->sigma, y->sigma_approx,
                      y->cap, x->sigma, x->sigma_approx);

  if (c != 0)
    return c;
  return x->rank < y->rank ? -1 : (x->rank > y->rank);
}

/* The same for members whose caps are their own (the minors' requests) */
static int
cap_order_cmp (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Member *x = *(Member * const *) a;
  const Member *y = *(Member * const *) b;
  int c = level_cmp (user_data, x->cap, x, y->cap, y);

  if (c != 0)
    return c;
  return x->pos < y->pos ? -1 : (x->pos > y->pos);
}

typedef struct _LrItem
{
  const Limb  *rem;
  double       rem_approx;
  gint64       population;
  const char  *code;
  gint64      *value;
  guint8      *rounded_up;
} LrItem;

/* Largest remainder first, then larger population, then lower code */
static int
lr_item_cmp (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const LrItem *x = *(LrItem * const *) a;
  const LrItem *y = *(LrItem * const *) b;
  int c = scaled_cmp (user_data, 1, y->rem, y->rem_approx, 1, x->rem, x->rem_approx);

  if (c != 0)
    return c;
  if (x->population != y->population)
    return x->population > y->population ? -1 : 1;
  return strcmp (x->code, y->code);
}

/* Gives the @missing units one each to the largest remainders. */
static void
largest_remainder (Run    *run,
                   LrItem *items,
                   guint   n,
                   gint64  missing)
{
  guint n_positive = 0;
  g_autofree Keyed *keyed = NULL;

  for (guint i = 0; i < n; i++)
    if (!nat_is_zero (items[i].rem, run->L))
      n_positive++;
  /* Σ of the fractional parts is @missing and each is below 1. */
  g_assert (missing >= 0 && (guint64) missing <= n_positive);
  if (missing == 0)
    return;
  keyed = g_new (Keyed, n);
  for (guint i = 0; i < n; i++)
    {
      keyed[i].key = items[i].rem_approx >= 0 ? -items[i].rem_approx : NAN;
      keyed[i].item = &items[i];
    }
  keyed_sort (keyed, n, lr_item_cmp, run);
  for (guint i = 0; i < (guint) missing; i++)
    {
      LrItem *item = keyed[i].item;

      *item->value += 1;
      *item->rounded_up = TRUE;
    }
}

/* k = floor (T σ / Σ) and rem = T σ − k Σ, exactly. The double estimate is
 * within a relative 2^-50 of T σ / Σ ≤ T < 2^30, so it is off by at most
 * one; the exact products decide, and a binary search takes over should
 * the estimate be unusable. */
static gint64
exact_floor (Run        *run,
             gint64      T,
             const Limb *sigma,
             double      sigma_approx,
             const Limb *sum,
             double      sum_approx,
             Limb       *rem)
{
  guint L = run->L;
  Limb *num = run->tmp[2];
  Limb *prod = run->tmp[3];
  gint64 k = -1, lo = 0, hi = T;

  g_assert (T >= 0 && T <= G_MAXUINT32);
  nat_mul_small (num, sigma, (guint32) T, L);
  if (sigma_approx >= 0 && sum_approx > 0)
    k = CLAMP ((gint64) floor ((double) T * sigma_approx / sum_approx), 0, T);

  for (guint step = 0; k >= 0 && step < 4; step++)
    {
      nat_mul_small (prod, sum, (guint32) k, L);
      if (nat_cmp (prod, num, L) > 0)
        {
          k--;
          continue;
        }
      nat_copy (rem, prod, L);
      nat_add (rem, sum, L);
      if (k < T && nat_cmp (rem, num, L) <= 0)
        {
          k++;
          continue;
        }
      /* k Σ ≤ T σ < (k + 1) Σ */
      nat_copy (rem, num, L);
      nat_sub (rem, prod, L);
      return k;
    }

  /* the largest k in [lo, hi] with k Σ ≤ T σ */
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo + 1) / 2;

      nat_mul_small (prod, sum, (guint32) mid, L);
      if (nat_cmp (prod, num, L) <= 0)
        lo = mid;
      else
        hi = mid - 1;
    }
  nat_mul_small (prod, sum, (guint32) lo, L);
  nat_copy (rem, num, L);
  nat_sub (rem, prod, L);
  return lo;
}

/* num × a / b for an explanation, from the filters' approximations when
 * they are usable */
static double
display_ratio (gint64      num,
               const Limb *a,
               double      a_approx,
               const Limb *b,
               double      b_approx,
               guint       L)
{
  if (num == 0)
    return 0.0;
  if (a_approx >= 0 && b_approx > 0)
    return (double) num * a_approx / b_approx;
  return (double) num * nat_ratio (a, b, L);
}

static void
set_stage_error (GError     **error,
                 const Fill  *fill,
                 const char  *format,
                 ...) G_GNUC_PRINTF (3, 4);

static void
set_stage_error (GError     **error,
                 const Fill  *fill,
                 const char  *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (fill->county != NULL)
    g_set_error (error, BOS_ERROR, BOS_ERROR_INFEASIBLE, "%s%s: %s",
                 fill->what, fill->county, message);
  else
    g_set_error (error, BOS_ERROR, BOS_ERROR_INFEASIBLE, "%s%s", fill->what, message);
}

/* Steps 5 and (when fill->round) 6 of distribution.md for @members. */
static gboolean
fill_run (Run     *run,
          Member  *members,
          guint    n,
          Fill    *fill,
          GError **error)
{
  guint L = run->L;
  const gint64 R = fill->R, m = fill->m, d = fill->d;
  Member **cand = run->cand;
  Member **by_cap = run->by_cap;
  LrItem *items = run->items;
  guint nc = 0, nb = 0, n_zero = 0, n_cap_low = 0;
  guint ie = 0, ia = 0, ib = 0, entered, admitted;
  gboolean all_capped = TRUE;
  gint64 cap_total = 0, fixed;
  Limb *free_sum = fill->sum;
  Limb *level_den;
  gint64 level_num, at_p = 0;
  Member *at_level = NULL;
  double free_approx = 0, level_approx;
  gboolean have_free = FALSE, interior = FALSE;
  guint fill_id;

  g_assert (R >= 0 && R <= BOS_APPORTION_MAX_PERSONS);
  fill->T = 0;
  memset (free_sum, 0, L * sizeof (Limb));
  for (guint i = 0; i < n; i++)
    {
      Stage *st = members[i].stage;

      memset (st, 0, sizeof *st);
      st->share = NAN;
      members[i].prop = members[i].capped = FALSE;
    }
  if (n == 0 && R == 0)
    return TRUE;
  if (R == 0)
    {
      for (guint i = 0; i < n; i++)
        members[i].stage->constraint = BOS_CONSTRAINT_NOTHING_LEFT;
      return TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      Member *mb = &members[i];

      if (nat_is_zero (mb->muni->sigma, L))
        {
          mb->stage->constraint = BOS_CONSTRAINT_ZERO_SCORE;
          n_zero++;
        }
      else if (mb->cap >= 0 && mb->cap < m)
        {
          mb->stage->constraint = BOS_CONSTRAINT_CAP_BELOW_MIN;
          n_cap_low++;
        }
      else
        {
          cand[nc++] = mb;
          if (mb->cap < 0)
            all_capped = FALSE;
          else
            cap_total += mb->cap;
        }
    }

  if (nc == 0)
    {
      GString *why = g_string_new (NULL);

      if (n == 0)
        g_string_append (why, "there is nobody to ask");
      else
        {
          g_string_append_printf (why, "of the %u that could be asked, ", n);
          if (n_zero > 0)
            g_string_append_printf (why, "%u have score 0", n_zero);
          if (n_zero > 0 && n_cap_low > 0)
            g_string_append (why, " and ");
          if (n_cap_low > 0)
            g_string_append_printf (why, "%u have a %s below the minimum %" G_GINT64_FORMAT,
                                    n_cap_low, fill->cap_word, m);
        }
      set_stage_error (error, fill,
                       "%" G_GINT64_FORMAT " %s cannot be placed: no municipality can take a "
                       "request (%s)",
                       R, fill->noun, why->str);
      g_string_free (why, TRUE);
      return FALSE;
    }
  if (all_capped && cap_total < R)
    {
      set_stage_error (error, fill,
                       "%" G_GINT64_FORMAT " %s cannot be placed: the %ss of the %u "
                       "municipalities that can take a request hold only %" G_GINT64_FORMAT
                       " of the %" G_GINT64_FORMAT " to distribute",
                       R - cap_total, fill->noun, fill->cap_word, nc, cap_total, R);
      return FALSE;
    }

  /* The members come in entry order (run->order). */
  fill_id = ++run->fill_counter;
  for (guint i = 0; i < nc; i++)
    {
      g_assert (i == 0 || cand[i - 1]->muni->rank < cand[i]->muni->rank);
      cand[i]->pos = i;
      cand[i]->muni->fill_id = fill_id;
      cand[i]->muni->member = cand[i];
      if (cand[i]->cap >= 0 && !fill->caps_ranked)
        by_cap[nb++] = cand[i];
    }
  if (fill->caps_ranked)
    {
      /* the members' caps are the national ones: take their order from there */
      for (guint k = 0; k < run->n_cap_order; k++)
        if (run->cap_order[k]->fill_id == fill_id)
          by_cap[nb++] = run->cap_order[k]->member;
    }
  else
    {
      g_autofree Keyed *keyed = g_new (Keyed, MAX (nb, 1));

      for (guint k = 0; k < nb; k++)
        {
          keyed[k].key = cap_key (by_cap[k]->cap, by_cap[k]->muni);
          keyed[k].item = by_cap[k];
        }
      keyed_sort (keyed, nb, cap_order_cmp, run);
      for (guint k = 0; k < nb; k++)
        by_cap[k] = keyed[k].item;
    }

  /* λ*: walk the events in increasing λ. Entering at d/σ adds m; at m/σ a
   * member starts to grow as λσ; at cap/σ it stops. Ties: enter, then
   * grow, then stop. The level is kept as level_num / level_den. */
  fixed = 0;
  level_den = run->level_den;
  level_num = 0;
  for (;;)
    {
      enum { NONE, ENTER, GROW, STOP } kind = NONE;
      Member *mb = NULL;
      gint64 p = 0;
      int c;

      if (ie < nc)
        {
          kind = ENTER;
          mb = cand[ie];
          p = d;
        }
      if (ia < ie && (kind == NONE || level_cmp (run, m, cand[ia], p, mb) < 0))
        {
          kind = GROW;
          mb = cand[ia];
          p = m;
        }
      if (ib < nb && (kind == NONE || level_cmp (run, by_cap[ib]->cap, by_cap[ib], p, mb) < 0))
        {
          kind = STOP;
          mb = by_cap[ib];
          p = mb->cap;
        }
      if (kind == NONE)
        {
          /* Past every breakpoint f grows without bound: someone has no cap. */
          g_assert (have_free);
          interior = TRUE;
          break;
        }

      /* f just below this level, p Σσ_free / σ_g + fixed, against R */
      c = have_free ? scaled_cmp (run, p, free_sum, free_approx,
                                  R - fixed, mb->muni->sigma, mb->muni->sigma_approx) : -1;
      if (c > 0)
        {
          /* f passes R strictly inside the segment before this event */
          interior = TRUE;
          break;
        }
      if (c == 0 && kind != ENTER)
        {
          /* f is continuous here and reaches R exactly at this level */
          at_level = mb;
          at_p = p;
          break;
        }

      switch (kind)
        {
        case ENTER:
          ie++;
          fixed += m;
          break;
        case GROW:
          g_assert (!mb->prop);
          ia++;
          fixed -= m;
          nat_add (free_sum, mb->muni->sigma, L);
          mb->prop = TRUE;
          break;
        case STOP:
          g_assert (mb->prop && !mb->capped);
          ib++;
          fixed += mb->cap;
          nat_sub (free_sum, mb->muni->sigma, L);
          mb->capped = TRUE;
          break;
        case NONE:
        default:
          g_assert_not_reached ();
        }
      if (kind != ENTER)
        {
          have_free = !nat_is_zero (free_sum, L);
          free_approx = nat_approx (free_sum, L, run->shift);
        }
      else if (fixed >= R ||
               (have_free &&
                scaled_cmp (run, p, free_sum, free_approx,
                            R - fixed, mb->muni->sigma, mb->muni->sigma_approx) >= 0))
        {
          /* f jumps to R or above as this member enters */
          at_level = mb;
          at_p = p;
          break;
        }
    }
  if (interior)
    {
      level_num = R - fixed;
      nat_copy (level_den, free_sum, L);
      level_approx = free_approx;
    }
  else
    {
      /* λ* is this level: everyone whose entry level it is has entered */
      while (ie < nc && level_cmp (run, d, cand[ie], at_p, at_level) == 0)
        ie++;
      level_num = at_p;
      nat_copy (level_den, at_level->muni->sigma, L);
      level_approx = at_level->muni->sigma_approx;
    }
  entered = ie;
  for (guint i = 0; i < nc; i++)
    cand[i]->stage->share = display_ratio (level_num, cand[i]->muni->sigma,
                                           cand[i]->muni->sigma_approx,
                                           level_den, level_approx, L);

  /* Admission, in entry order, while the minimums fit */
  admitted = entered;
  if (m > 0 && (gint64) admitted > R / m)
    admitted = (guint) (R / m);
  if (admitted == 0)
    {
      set_stage_error (error, fill,
                       "%" G_GINT64_FORMAT " %s cannot be placed: that is fewer than the "
                       "minimum request %" G_GINT64_FORMAT ", so no municipality can be asked",
                       R, fill->noun, m);
      return FALSE;
    }
  {
    gboolean s_capped = TRUE;
    gint64 s_caps = 0;

    for (guint i = 0; i < admitted; i++)
      {
        if (cand[i]->cap < 0)
          s_capped = FALSE;
        else
          s_caps += cand[i]->cap;
      }
    if (s_capped && s_caps < R)
      {
        set_stage_error (error, fill,
                         "%" G_GINT64_FORMAT " %s cannot be placed: only %u municipalities fit "
                         "with the minimum request %" G_GINT64_FORMAT ", and their %ss hold only %"
                         G_GINT64_FORMAT " of the %" G_GINT64_FORMAT " to distribute",
                         R - s_caps, fill->noun, admitted, m, fill->cap_word, s_caps, R);
        return FALSE;
      }
  }

  /* λ' solves Σ_S min(cap, max(m, λσ)) = R. When λ* lies inside a segment
   * and everyone who entered is admitted, that function is f from the last
   * entry on, and f is below R before it, so λ' = λ* and the walk above
   * has left everything as it is at λ'. Otherwise walk again over the
   * admitted set, starting with everyone at m. */
  if (!(interior && admitted == entered))
    {
      for (guint i = 0; i < nc; i++)
        cand[i]->prop = cand[i]->capped = FALSE;
      memset (free_sum, 0, L * sizeof (Limb));
      have_free = FALSE;
      free_approx = 0;
      fixed = (gint64) admitted * m;
      g_assert (fixed <= R);
      ia = ib = 0;
      while (fixed < R)
        {
          enum { NONE, GROW, STOP } kind = NONE;
          Member *mb = NULL;
          gint64 p = 0;

          while (ib < nb && by_cap[ib]->pos >= admitted)
            ib++;
          if (ia < admitted)
            {
              kind = GROW;
              mb = cand[ia];
              p = m;
            }
          if (ib < nb && (kind == NONE || level_cmp (run, by_cap[ib]->cap, by_cap[ib], p, mb) < 0))
            {
              kind = STOP;
              mb = by_cap[ib];
              p = mb->cap;
            }
          if (kind == NONE)
            break;
          /* f(λ_event) ≥ R: λ' lies in the segment ending here */
          if (have_free &&
              scaled_cmp (run, p, free_sum, free_approx,
                          R - fixed, mb->muni->sigma, mb->muni->sigma_approx) >= 0)
            break;
          if (kind == GROW)
            {
              ia++;
              fixed -= m;
              nat_add (free_sum, mb->muni->sigma, L);
              mb->prop = TRUE;
            }
          else
            {
              g_assert (mb->prop && !mb->capped);
              ib++;
              fixed += mb->cap;
              nat_sub (free_sum, mb->muni->sigma, L);
              mb->capped = TRUE;
            }
          have_free = !nat_is_zero (free_sum, L);
          free_approx = nat_approx (free_sum, L, run->shift);
        }
    }
  fill->T = R - fixed;
  g_assert (fill->T == 0 || have_free);

  /* The quotas */
  {
    guint n_items = 0;
    gint64 floors = fixed;

    for (guint i = 0; i < nc; i++)
      {
        Member *mb = cand[i];
        Stage *st = mb->stage;

        if (i >= entered)
          st->constraint = BOS_CONSTRAINT_BELOW_DROP;
        else if (i >= admitted)
          {
            st->constraint = BOS_CONSTRAINT_NO_ROOM;
            st->earlier = admitted;
          }
        else
          {
            st->share = fill->T == 0 ? 0.0 :
              display_ratio (fill->T, mb->muni->sigma, mb->muni->sigma_approx,
                             free_sum, free_approx, L);
            if (mb->capped)
              {
                st->constraint = BOS_CONSTRAINT_AT_CAP;
                st->value = mb->cap;
              }
            else if (!mb->prop)
              {
                st->constraint = BOS_CONSTRAINT_AT_MIN;
                st->value = m;
              }
            else
              {
                st->constraint = BOS_CONSTRAINT_PROPORTIONAL;
                if (fill->round)
                  {
                    double sum_approx = nat_approx (free_sum, L, run->shift);

                    st->value = exact_floor (run, fill->T, mb->muni->sigma, mb->muni->sigma_approx,
                                             free_sum, sum_approx, mb->muni->rem);
                    mb->muni->rem_approx = nat_approx (mb->muni->rem, L, run->shift);
                    floors += st->value;
                    items[n_items].rem = mb->muni->rem;
                    items[n_items].rem_approx = mb->muni->rem_approx;
                    items[n_items].population = mb->muni->in->population;
                    items[n_items].code = mb->muni->in->code;
                    items[n_items].value = &st->value;
                    items[n_items].rounded_up = &st->rounded_up;
                    n_items++;
                  }
              }
          }
      }
    if (fill->round)
      largest_remainder (run, items, n_items, R - floors);
  }
  return TRUE;
}

static void
run_free (Run *run)
{
  if (run == NULL)
    return;
  g_free (run->muni_of_input);
  g_free (run->order);
  g_free (run->cap_order);
  g_free (run->members);
  g_free (run->cand);
  g_free (run->by_cap);
  g_free (run->items);
  g_free (run->munis);
  g_free (run->counties);
  g_free (run->factors);
  g_free (run->values);
  g_free (run->arena);
  if (run->warnings)
    g_ptr_array_unref (run->warnings);
  g_free (run);
}

static int
muni_largest_cmp (gconstpointer a,
                  gconstpointer b)
{
  const Muni *x = *(Muni * const *) a;
  const Muni *y = *(Muni * const *) b;

  if (x->in->population != y->in->population)
    return x->in->population > y->in->population ? -1 : 1;
  return strcmp (x->in->code, y->in->code);
}

static int
str_ptr_cmp (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* floor (max_per_1000 × population / 1000), exactly, at most the persons limit */
static gint64
cap_per_1000 (Decimal rate,
              gint64  population)
{
#if LIMB_BITS == 64
  DLimb num = (DLimb) rate.digits * (guint64) population;
  guint64 den = 1000 * pow10_u64[rate.scale];
  double estimate = floor ((double) num / (double) den);
  guint64 q;

  if (estimate > (double) BOS_APPORTION_MAX_PERSONS + 2)
    return BOS_APPORTION_MAX_PERSONS;
  /* the estimate is off by at most one; the products decide */
  q = (guint64) estimate;
  while (q > 0 && (DLimb) q * den > num)
    q--;
  while ((DLimb) (q + 1) * den <= num)
    q++;
  return (gint64) MIN (q, (guint64) BOS_APPORTION_MAX_PERSONS);
#else
  Limb x[4];

  nat_set (x, 4, rate.digits);
  nat_mul_small (x, x, (guint32) population, 4);
  nat_div_small (x, 1000, 4);
  nat_div_small (x, (guint32) pow10_u64[rate.scale], 4);
  return (gint64) MIN (nat_get_u64 (x, 4), (guint64) BOS_APPORTION_MAX_PERSONS);
#endif
}

/* Counties, exclusions, locks, caps and largest_n (step 1) */
static gboolean
prepare (Run          *run,
         const guint  *order,
         GError      **error)
{
  const BosApportionInput *input = run->input;
  const BosCriteria *cr = run->criteria;
  guint n = run->n;
  g_autofree Muni **by_size = NULL;
  gboolean share_rule = !isnan (cr->max_immigrant_share);
  gboolean cap_rule = !isnan (cr->max_per_1000);

  run->munis = g_new0 (Muni, MAX (n, 1));
  run->muni_of_input = g_new (guint, MAX (n, 1));
  for (guint j = 0; j < n; j++)
    {
      run->munis[j].in = g_ptr_array_index (input->municipalities, order[j]);
      run->munis[j].input_index = order[j];
      run->muni_of_input[order[j]] = j;
    }

  /* counties: the codes run in blocks, as the municipalities are in code order */
  {
    g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
    GPtrArray *unique = g_ptr_array_new ();
    const char *previous = NULL;
    guint previous_index = 0;

    for (guint i = 0; i < n; i++)
      {
        const char *county = run->munis[i].in->county;

        if (previous != NULL && strcmp (county, previous) == 0)
          continue;
        previous = county;
        if (!g_hash_table_contains (index, county))
          {
            g_hash_table_insert (index, (gpointer) county, NULL);
            g_ptr_array_add (unique, (gpointer) county);
          }
      }
    g_ptr_array_sort (unique, str_ptr_cmp);
    run->counties = g_new0 (County, MAX (unique->len, 1));
    for (guint c = 0; c < unique->len; c++)
      {
        run->counties[c].code = g_ptr_array_index (unique, c);
        g_hash_table_insert (index, g_ptr_array_index (unique, c), GUINT_TO_POINTER (c));
      }
    run->n_counties = unique->len;
    g_ptr_array_free (unique, TRUE);
    previous = NULL;
    for (guint i = 0; i < n; i++)
      {
        Muni *mu = &run->munis[i];

        if (previous == NULL || strcmp (mu->in->county, previous) != 0)
          {
            previous = mu->in->county;
            previous_index = GPOINTER_TO_UINT (g_hash_table_lookup (index, previous));
          }
        mu->county = previous_index;
        run->counties[previous_index].population += mu->in->population;
      }
  }

  /* largest_n: the first largest_n by population, then code */
  if (cr->largest_n >= (gint64) n)
    for (guint i = 0; i < n; i++)
      run->munis[i].largest = TRUE;
  else if (cr->largest_n > 0)
    {
      guint k = (guint) cr->largest_n, used = 0;
      Muni *mu;

      by_size = g_new (Muni *, k);
      for (guint i = 0; i < n; i++)
        {
          guint at;

          mu = &run->munis[i];
          if (used == k && muni_largest_cmp (&mu, &by_size[k - 1]) >= 0)
            continue;
          at = used < k ? used++ : k - 1;
          while (at > 0 && muni_largest_cmp (&mu, &by_size[at - 1]) < 0)
            {
              by_size[at] = by_size[at - 1];
              at--;
            }
          by_size[at] = mu;
        }
      for (guint i = 0; i < used; i++)
        by_size[i]->largest = TRUE;
    }
  run->largest_factor = decimal_from_double (cr->largest_factor);
  if (share_rule)
    run->max_immigrant_share = decimal_from_double (cr->max_immigrant_share);
  if (cap_rule)
    run->max_per_1000 = decimal_from_double (cr->max_per_1000);

  for (guint i = 0; i < n; i++)
    {
      Muni *mu = &run->munis[i];
      const BosMunicipalityInput *in = mu->in;

      if (in->excluded)
        mu->exclusions |= EXCLUDE_MANUAL;
      if (share_rule && !isnan (in->immigrant_share) &&
          share_above (in->immigrant_share, cr->max_immigrant_share, run->max_immigrant_share))
        mu->exclusions |= EXCLUDE_IMMIGRANT_SHARE;
      if (in->population < cr->min_population)
        mu->exclusions |= EXCLUDE_POPULATION;

      if (in->locked >= 0)
        {
          mu->status = STATUS_LOCKED;
          run->locked_total += in->locked;
          run->counties[mu->county].locked += in->locked;
        }
      else if (mu->exclusions != 0 && !in->included)
        mu->status = STATUS_EXCLUDED;
      else
        mu->status = STATUS_POOL;

      mu->cap = -1;
      if (in->cap >= 0)
        mu->cap = in->cap;
      else if (cap_rule)
        {
          mu->cap = cap_per_1000 (run->max_per_1000, in->population);
          mu->cap_from_rule = TRUE;
        }
      mu->adjustment = decimal_from_double (in->adjustment);
    }

  if (run->locked_total > input->need)
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_INFEASIBLE,
                   "locked requests exceed the need: the locks add up to %" G_GINT64_FORMAT
                   " but the need is %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT " persons too many)",
                   run->locked_total, input->need, run->locked_total - input->need);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_eligible (const Muni *mu)
{
  return mu->status != STATUS_EXCLUDED;
}

#if LIMB_BITS == 64
static inline guint
bits_64 (guint64 v)
{
  return v == 0 ? 0 : (guint) msb_limb (v) + 1;
}

static inline guint
bits_128 (DLimb v)
{
  guint64 high = (guint64) (v >> 64);

  return high != 0 ? 64 + bits_64 (high) : bits_64 ((guint64) v);
}

/* x'_ik when it fits in 128 bits, as it mostly does: v' < 2^83, and H and P
 * are below 2^40 */
static inline gboolean
factor_value_128 (Run        *run,
                  Factor     *f,
                  guint       k,
                  const Muni *mu,
                  DLimb      *out)
{
  DLimb x;
  guint64 factors[2];
  guint n_factors = 0;

  if (f->indicator < 0)
    x = (DLimb) (guint64) mu->in->population;
  else if (isnan (mu->in->indicators[f->indicator]))
    return FALSE;
  else
    {
      Decimal v = run->values[(gsize) (mu - run->munis) * run->n_factors + k];

      x = (DLimb) v.digits * pow10_u64[f->scale - v.scale];
      if (f->has_missing)
        factors[n_factors++] = f->pool_population;
    }
  if (f->factor->mode == BOS_FACTOR_MODE_POPULATION_SCALED)
    factors[n_factors++] = (guint64) mu->in->population;
  for (guint i = 0; i < n_factors; i++)
    {
      /* the product has at most bits (x) + bits (factor) bits */
      if (x != 0 && factors[i] != 0 && bits_128 (x) + bits_64 (factors[i]) > 128)
        return FALSE;
      x *= factors[i];
    }
  *out = x;
  return TRUE;
}

/* acc += a × x */
static inline void
nat_addmul_128 (Limb       *acc,
                const Limb *a,
                DLimb       x,
                guint       L)
{
  guint la = nat_len (a, L);
  Limb xs[2] = { (Limb) x, (Limb) (x >> 64) };

  for (guint j = 0; j < 2; j++)
    {
      DLimb carry = 0;
      guint k;

      if (xs[j] == 0)
        continue;
      g_assert (la + j <= L);
      for (guint i = 0; i < la; i++)
        {
          carry += (DLimb) a[i] * xs[j] + acc[i + j];
          acc[i + j] = (Limb) carry;
          carry >>= 64;
        }
      for (k = la + j; carry != 0 && k < L; k++)
        {
          carry += acc[k];
          acc[k] = (Limb) carry;
          carry >>= 64;
        }
      g_assert (carry == 0);
    }
}

/* r += x */
static inline void
nat_add_128 (Limb  *r,
             DLimb  x,
             guint  L)
{
  DLimb carry = (DLimb) r[0] + (Limb) x;

  r[0] = (Limb) carry;
  carry = (carry >> 64) + r[1] + (Limb) (x >> 64);
  r[1] = (Limb) carry;
  carry >>= 64;
  for (guint i = 2; carry != 0 && i < L; i++)
    {
      carry += r[i];
      r[i] = (Limb) carry;
      carry >>= 64;
    }
  g_assert (carry == 0);
}
#endif

/* x'_ik of factor @f for @mu into @r (see (2) above) */
static void
factor_value (Run        *run,
              Factor     *f,
              guint       k,
              const Muni *mu,
              Limb       *r)
{
  guint L = run->L;
  Decimal v = run->values[(gsize) (mu - run->munis) * run->n_factors + k];
  gboolean scaled = f->factor->mode == BOS_FACTOR_MODE_POPULATION_SCALED;

#if LIMB_BITS == 64
  {
    DLimb x;

    if (factor_value_128 (run, f, k, mu, &x))
      {
        memset (r, 0, L * sizeof (Limb));
        r[0] = (Limb) x;
        r[1] = (Limb) (x >> 64);
        return;
      }
  }
#endif

  if (f->indicator < 0)
    nat_set (r, L, (guint64) mu->in->population);
  else if (isnan (mu->in->indicators[f->indicator]))
    nat_copy (r, f->pool_sum, L);
  else
    {
      decimal_to_nat (v, f->scale, r, L);
      if (f->has_missing)
        nat_mul_u64 (r, r, f->pool_population, run->tmp[0], L);
    }
  if (scaled)
    nat_mul_small (r, r, (guint32) mu->in->population, L);
}

/* Steps 3 and 4: σ_i for every eligible municipality */
static gboolean
compute_scores (Run     *run,
                GError **error)
{
  const BosApportionInput *input = run->input;
  const BosCriteria *cr = run->criteria;
  guint n = run->n, K = 0;
  guint64 max_pop = 1, total_pop = 0;
  guint adj_scale = 0, w_scale = 0;
  double adj_max = 0, w_max = 0, lf;
  double lg_w, lg_a, lg_sigma, lg_den, lg_max, lg_X_sum = 0, lg_best = 0;
  g_autofree double *lg_x = NULL;
  g_autofree double *lg_X = NULL;
  guint bits_max;
  gboolean any_pool = FALSE;
#if LIMB_BITS == 64
  g_autofree DLimb *x_cache = NULL;   /* x'_ik when it fits in 128 bits */
  g_autofree guint8 *x_fits = NULL;
#endif
  Limb *xval, *acc, *term, *a_scaled, *lf_scaled, *w_sum, *common_a;
  Decimal common_adjustment;

  for (guint k = 0; k < cr->n_factors; k++)
    if (cr->factors[k].weight > 0)
      K++;
  run->n_factors = K;
  run->factors = g_new0 (Factor, MAX (K, 1));
  run->values = g_new0 (Decimal, (gsize) MAX (n, 1) * MAX (K, 1));
  lg_x = g_new0 (double, MAX (K, 1));
  lg_X = g_new0 (double, MAX (K, 1));

  for (guint i = 0; i < n; i++)
    {
      max_pop = MAX (max_pop, (guint64) run->munis[i].in->population);
      total_pop += (guint64) run->munis[i].in->population;
      if (run->munis[i].status == STATUS_POOL)
        any_pool = TRUE;
      if (is_eligible (&run->munis[i]))
        {
          adj_scale = MAX (adj_scale, run->munis[i].adjustment.scale);
          adj_max = MAX (adj_max, run->munis[i].in->adjustment);
        }
    }

  /* Decimals and scales, and an upper bound on the size of every integer
   * below, from logarithms of upper bounds of the values (see (2)). */
  K = 0;
  for (guint k = 0; k < cr->n_factors; k++)
    {
      Factor *f;
      double v_max = 0;

      if (!(cr->factors[k].weight > 0))
        continue;
      f = &run->factors[K];
      f->factor = &cr->factors[k];
      f->name = f->factor->indicator;
      f->weight = decimal_from_double (f->factor->weight);
      w_scale = MAX (w_scale, f->weight.scale);
      w_max = MAX (w_max, f->factor->weight);
      f->indicator = g_str_equal (f->name, BOS_INDICATOR_POPULATION) ? -1 :
        bos_apportion_input_find_indicator (input, f->name);
      if (f->indicator < 0 && !g_str_equal (f->name, BOS_INDICATOR_POPULATION))
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "no municipality has the indicator “%s”", f->name);
          return FALSE;
        }
      for (guint i = 0; i < n && f->indicator >= 0; i++)
        {
          Muni *mu = &run->munis[i];
          double x = mu->in->indicators[f->indicator];
          Decimal *v = &run->values[(gsize) i * run->n_factors + K];

          if (!is_eligible (mu))
            continue;
          if (isnan (x))
            {
              f->has_missing = TRUE;
              mu->missing |= 1u << K;
              continue;
            }
          *v = decimal_from_double (x);
          f->scale = MAX (f->scale, v->scale);
          v_max = MAX (v_max, x);
          if (mu->status == STATUS_POOL)
            f->pool_population += (guint64) mu->in->population;
        }
      if (f->indicator < 0)
        lg_x[K] = log2 ((double) max_pop + 1);
      else
        lg_x[K] = log2 (v_max * (double) pow10_u64[f->scale] + 1);
      if (f->has_missing)
        lg_x[K] += log2 ((double) total_pop + 1);
      if (f->factor->mode == BOS_FACTOR_MODE_POPULATION_SCALED)
        lg_x[K] += log2 ((double) max_pop + 1);
      lg_X[K] = lg_x[K] + log2 ((double) n + 1);
      lg_X_sum += lg_X[K];
      if (f->has_missing && f->pool_population == 0 && any_pool)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_INVALID,
                       "indicator “%s”: no municipality in the pool has a value, so the "
                       "municipalities without one cannot be given the pool's mean",
                       f->name);
          return FALSE;
        }
      K++;
    }

  lf = MAX (run->criteria->largest_factor, 1.0) * (double) pow10_u64[run->largest_factor.scale];
  lg_w = log2 (w_max * (double) pow10_u64[w_scale] + 1) + log2 ((double) K + 1);
  lg_a = log2 (adj_max * (double) pow10_u64[adj_scale] + 1) + log2 (lf + 1);
  for (guint k = 0; k < K; k++)
    lg_best = MAX (lg_best, lg_x[k] + lg_X_sum - lg_X[k]);
  lg_sigma = lg_a + lg_w + lg_best;
  lg_den = lg_w + lg_X_sum + log2 ((double) pow10_u64[adj_scale]) + log2 (lf + 1);
  /* products with persons (< 2^30) of sums over the municipalities */
  lg_max = MAX (lg_sigma + log2 ((double) n + 1) + 32, lg_den);
  /* every bound above is an upper bound already; 2 bits for rounding in log2 */
  bits_max = (guint) ceil (lg_max) + 2;
  /* at least two limbs: 128-bit values are written whole (factor_value()) */
  run->L = MAX ((bits_max + LIMB_BITS - 1) / LIMB_BITS, 2);
  run->shift = bits_max > 900 ? (int) bits_max - 900 : 0;
  run->arena_size = (gsize) run->L * (2 * (gsize) n + 2 * run->n_counties + 5 * K + 24);
  run->arena = g_new0 (Limb, run->arena_size);
  run->arena_used = 0;
  for (guint i = 0; i < G_N_ELEMENTS (run->tmp); i++)
    run->tmp[i] = run_nat (run);
  run->level_den = run_nat (run);
  run->shared_sum = run_nat (run);

  /* G and H for factors with missing values, then X' */
  xval = run_nat (run);
#if LIMB_BITS == 64
  x_cache = g_new (DLimb, MAX ((gsize) n * K, 1));
  x_fits = g_new0 (guint8, MAX ((gsize) n * K, 1));
#endif
  for (guint k = 0; k < K; k++)
    {
      Factor *f = &run->factors[k];

      f->pool_sum = run_nat (run);
      f->total = run_nat (run);
      f->coef = run_nat (run);
      if (f->has_missing)
        {
          for (guint i = 0; i < n; i++)
            {
              Muni *mu = &run->munis[i];
              Decimal value = run->values[(gsize) i * K + k];

              if (mu->status != STATUS_POOL || isnan (mu->in->indicators[f->indicator]))
                continue;
#if LIMB_BITS == 64
              /* v' P < 2^83 × 2^30 */
              nat_add_128 (f->pool_sum,
                           (DLimb) value.digits * pow10_u64[f->scale - value.scale] *
                           (guint64) mu->in->population,
                           run->L);
#else
              decimal_to_nat (value, f->scale, xval, run->L);
              nat_mul_small (xval, xval, (guint32) mu->in->population, run->L);
              nat_add (f->pool_sum, xval, run->L);
#endif
            }
          nat_set (run->tmp[0], run->L, f->pool_population);
          f->mean = f->pool_population > 0 ?
            nat_ratio (f->pool_sum, run->tmp[0], run->L) / (double) pow10_u64[f->scale] : NAN;
        }
      for (guint i = 0; i < n; i++)
        {
          if (!is_eligible (&run->munis[i]))
            continue;
#if LIMB_BITS == 64
          /* kept for σ below; the pool's go into X' */
          if (factor_value_128 (run, f, k, &run->munis[i], &x_cache[(gsize) i * K + k]))
            {
              x_fits[(gsize) i * K + k] = TRUE;
              if (run->munis[i].status == STATUS_POOL)
                nat_add_128 (f->total, x_cache[(gsize) i * K + k], run->L);
              continue;
            }
#endif
          if (run->munis[i].status != STATUS_POOL)
            continue;
          factor_value (run, f, k, &run->munis[i], xval);
          nat_add (f->total, xval, run->L);
        }
      f->live = !nat_is_zero (f->total, run->L);
      if (!f->live && any_pool)
        g_ptr_array_add (run->warnings,
                         g_strdup_printf ("the factor “%s” counts for nothing: it is 0 for "
                                          "every municipality in the pool",
                                          f->name));
    }

  /* C_k = w'_k Π_{l≠k, live} X'_l, and the display denominator
   * D = Σ w' × Π_live X' × 10^(adjustment and largest_factor places) */
  acc = run_nat (run);
  term = run_nat (run);
  w_sum = run_nat (run);
  for (guint k = 0; k < K; k++)
    {
      Factor *f = &run->factors[k];

      decimal_to_nat (f->weight, w_scale, term, run->L);
      nat_add (w_sum, term, run->L);
      if (!f->live)
        continue;
      nat_copy (f->coef, term, run->L);
      for (guint l = 0; l < K; l++)
        {
          if (l == k || !run->factors[l].live)
            continue;
          nat_mul (acc, f->coef, run->factors[l].total, run->L);
          nat_copy (f->coef, acc, run->L);
        }
    }
  nat_set (term, run->L, pow10_u64[w_scale]);
  if (nat_cmp (w_sum, term, run->L) != 0)
    {
      GString *msg = g_string_new ("the factor weights add up to ");

      append_nat_decimal (msg, w_sum, run->L, w_scale);
      g_string_append (msg, ", not 1: they are used normalised to sum 1");
      g_ptr_array_add (run->warnings, g_string_free (msg, FALSE));
    }
  run->score_den = run_nat (run);
  nat_copy (run->score_den, w_sum, run->L);
  for (guint k = 0; k < K; k++)
    if (run->factors[k].live)
      {
        nat_mul (acc, run->score_den, run->factors[k].total, run->L);
        nat_copy (run->score_den, acc, run->L);
      }
  nat_mul_small (run->score_den, run->score_den, (guint32) pow10_u64[adj_scale], run->L);
  nat_mul_small (run->score_den, run->score_den,
                 (guint32) pow10_u64[run->largest_factor.scale], run->L);

  /* σ_i = a'_i Σ_k C_k x'_ik */
  a_scaled = run_nat (run);
  lf_scaled = run_nat (run);
  common_a = run_nat (run);
  common_adjustment = decimal_from_double (1.0);
  decimal_to_nat (common_adjustment, adj_scale, acc, run->L);
  nat_mul_u64 (common_a, acc, pow10_u64[run->largest_factor.scale], lf_scaled, run->L);
  for (guint i = 0; i < n; i++)
    {
      Muni *mu = &run->munis[i];
      Limb *sum = run_nat (run);

      mu->sigma = run_nat (run);
      mu->rem = sum;   /* the sum's room is the remainder's later */
      if (!is_eligible (mu))
        continue;
      for (guint k = 0; k < K; k++)
        {
          if (!run->factors[k].live)
            continue;
#if LIMB_BITS == 64
          if (x_fits[(gsize) i * K + k])
            {
              nat_addmul_128 (sum, run->factors[k].coef, x_cache[(gsize) i * K + k], run->L);
              continue;
            }
#endif
          factor_value (run, &run->factors[k], k, mu, xval);
          nat_addmul (sum, run->factors[k].coef, xval, run->L);
        }
      /* a'_i = adjustment × 10^places × (largest_factor or 1) × 10^places */
      if (mu->adjustment.digits == common_adjustment.digits &&
          mu->adjustment.scale == common_adjustment.scale && !mu->largest)
        nat_copy (a_scaled, common_a, run->L);
      else
        {
          decimal_to_nat (mu->adjustment, adj_scale, acc, run->L);
          nat_mul_u64 (a_scaled, acc,
                       mu->largest ? run->largest_factor.digits
                                   : pow10_u64[run->largest_factor.scale],
                       lf_scaled, run->L);
        }
      if (nat_len (a_scaled, run->L) <= 1)
        nat_mul_u64 (mu->sigma, sum, a_scaled[0], lf_scaled, run->L);
      else
        nat_mul (mu->sigma, a_scaled, sum, run->L);
      mu->sigma_approx = nat_approx (mu->sigma, run->L, run->shift);
    }
  g_clear_pointer (&run->values, g_free);
  return TRUE;
}

/* The entry order, and the order of reaching the national caps, once */
static void
order_municipalities (Run *run)
{
  Muni **by_cap = g_new (Muni *, MAX (run->n, 1));
  g_autofree Keyed *keyed = NULL;
  guint nb = 0;

  run->order = g_new (Muni *, MAX (run->n, 1));
  run->n_order = 0;
  for (guint i = 0; i < run->n; i++)
    if (is_eligible (&run->munis[i]))
      run->order[run->n_order++] = &run->munis[i];
  keyed = g_new (Keyed, MAX (run->n, 1));
  for (guint j = 0; j < run->n_order; j++)
    {
      Muni *mu = run->order[j];

      keyed[j].key = mu->sigma_approx >= 0 ? -mu->sigma_approx : NAN;
      keyed[j].item = mu;
    }
  keyed_sort (keyed, run->n_order, entry_order_cmp, run);
  for (guint j = 0; j < run->n_order; j++)
    run->order[j] = keyed[j].item;
  for (guint j = 0; j < run->n_order; j++)
    {
      Muni *mu = run->order[j];

      mu->rank = j;
      if (mu->status == STATUS_POOL && mu->cap >= 0)
        by_cap[nb++] = mu;
    }
  for (guint k = 0; k < nb; k++)
    {
      keyed[k].key = cap_key (by_cap[k]->cap, by_cap[k]);
      keyed[k].item = by_cap[k];
    }
  keyed_sort (keyed, nb, national_cap_order_cmp, run);
  for (guint k = 0; k < nb; k++)
    by_cap[k] = keyed[k].item;
  run->cap_order = by_cap;
  run->n_cap_order = nb;
}

static void
init_fill (Fill       *fill,
           Run        *run,
           const char *what,
           gint64      R,
           gboolean    minors)
{
  const BosCriteria *cr = run->criteria;

  memset (fill, 0, sizeof *fill);
  fill->what = what;
  fill->noun = minors ? "minors" : "persons";
  fill->cap_word = minors ? "request" : "cap";
  fill->R = R;
  fill->m = minors ? cr->ema_min_request : cr->min_request;
  fill->d = minors ? cr->ema_drop_below : cr->drop_below;
}

/* Step 7: county totals from the national quotas, then each county alone */
static gboolean
two_stage (Run     *run,
           Fill    *national,
           GError **error)
{
  guint L = run->L;
  const BosCriteria *cr = run->criteria;
  double sum_approx = nat_approx (national->sum, L, run->shift);
  gboolean have_sum = !nat_is_zero (national->sum, L);
  g_autofree LrItem *items = g_new (LrItem, MAX (run->n_counties, 1));
  Member *members = run->members;
  g_autofree guint *start = NULL;
  g_autofree guint *next = NULL;
  gint64 floors = 0;

  for (guint c = 0; c < run->n_counties; c++)
    {
      County *county = &run->counties[c];

      county->sigma = run_nat (run);
      county->rem = run_nat (run);
      county->fixed = county->locked;
    }
  for (guint i = 0; i < run->n; i++)
    {
      Muni *mu = &run->munis[i];
      County *county = &run->counties[mu->county];

      if (mu->status != STATUS_POOL)
        continue;
      switch (mu->national.constraint)
        {
        case BOS_CONSTRAINT_AT_MIN:
          county->fixed += cr->min_request;
          break;
        case BOS_CONSTRAINT_AT_CAP:
          county->fixed += mu->cap;
          break;
        case BOS_CONSTRAINT_PROPORTIONAL:
          nat_add (county->sigma, mu->sigma, L);
          break;
        default:
          break;
        }
    }
  for (guint c = 0; c < run->n_counties; c++)
    {
      County *county = &run->counties[c];
      gint64 k = 0;

      county->quota = (double) county->fixed;
      if (have_sum)
        {
          double sigma_approx = nat_approx (county->sigma, L, run->shift);

          k = exact_floor (run, national->T, county->sigma, sigma_approx,
                           national->sum, sum_approx, county->rem);
          county->rem_approx = nat_approx (county->rem, L, run->shift);
          county->quota += (double) national->T * nat_ratio (county->sigma, national->sum, L);
        }
      county->total = county->fixed + k;
      floors += county->total;
      items[c].rem = county->rem;
      items[c].rem_approx = county->rem_approx;
      items[c].population = county->population;
      items[c].code = county->code;
      items[c].value = &county->total;
      items[c].rounded_up = &county->rounded_up;
    }
  largest_remainder (run, items, run->n_counties, run->input->need - floors);

  /* each county's pool, in entry order, one after the other in members[] */
  start = g_new0 (guint, run->n_counties + 1);
  next = g_new0 (guint, run->n_counties + 1);
  for (guint j = 0; j < run->n_order; j++)
    if (run->order[j]->status == STATUS_POOL)
      start[run->order[j]->county + 1]++;
  for (guint c = 0; c < run->n_counties; c++)
    start[c + 1] += start[c];
  memcpy (next, start, (run->n_counties + 1) * sizeof (guint));
  for (guint j = 0; j < run->n_order; j++)
    {
      Muni *mu = run->order[j];
      Member *mb;

      if (mu->status != STATUS_POOL)
        continue;
      mb = &members[next[mu->county]++];
      mb->muni = mu;
      mb->cap = mu->cap;
      mb->stage = &mu->local;
    }

  for (guint c = 0; c < run->n_counties; c++)
    {
      County *county = &run->counties[c];
      Fill fill;

      g_assert (county->total >= county->locked);
      init_fill (&fill, run, "county ", county->total - county->locked, FALSE);
      fill.county = county->code;
      fill.round = TRUE;
      fill.caps_ranked = TRUE;
      fill.sum = run->shared_sum;
      if (!fill_run (run, members + start[c], start[c + 1] - start[c], &fill, error))
        return FALSE;
    }
  return TRUE;
}

/* Step 8 */
static gboolean
distribute_minors (Run     *run,
                   GError **error)
{
  Member *members = run->members;
  guint nm = 0;
  Fill fill;

  for (guint i = 0; i < run->n; i++)
    {
      Muni *mu = &run->munis[i];

      memset (&mu->minors, 0, sizeof mu->minors);
      mu->minors.share = NAN;
      if (run->input->ema_need == 0)
        mu->minors.constraint = BOS_CONSTRAINT_NONE;
      else if (mu->request == 0)
        mu->minors.constraint = BOS_CONSTRAINT_NO_REQUEST;
      else if (!mu->in->ema_capable)
        mu->minors.constraint = BOS_CONSTRAINT_NOT_EMA_CAPABLE;
    }
  if (run->input->ema_need == 0)
    return TRUE;
  for (guint j = 0; j < run->n_order; j++)
    {
      Muni *mu = run->order[j];

      /* Locked municipalities take part: in this step nobody is locked, and
       * the request is the cap. */
      if (mu->request == 0 || !mu->in->ema_capable)
        continue;
      members[nm].muni = mu;
      members[nm].cap = mu->request;
      members[nm].stage = &mu->minors;
      nm++;
    }
  init_fill (&fill, run, "unaccompanied minors: ", run->input->ema_need, TRUE);
  fill.round = TRUE;
  fill.sum = run->shared_sum;
  return fill_run (run, members, nm, &fill, error);
}

/* ------------------------------------------------------------------------ */
/* Explanations                                                             */

/* "by hand, immigrant share 31.2 % above the maximum 30 %, …" */
static void
append_exclusions (Run        *run,
                   const Muni *mu,
                   GString    *s)
{
  const char *sep = "";

  if (mu->exclusions & EXCLUDE_MANUAL)
    {
      APPEND_LITERAL (s, "by hand");
      sep = ", ";
    }
  if (mu->exclusions & EXCLUDE_IMMIGRANT_SHARE)
    {
      text_append (s, sep);
      APPEND_LITERAL (s, "immigrant share ");
      append_decimal (s, decimal_from_double (mu->in->immigrant_share));
      APPEND_LITERAL (s, " % above the maximum ");
      append_decimal (s, run->max_immigrant_share);
      APPEND_LITERAL (s, " %");
      sep = ", ";
    }
  if (mu->exclusions & EXCLUDE_POPULATION)
    {
      text_append (s, sep);
      APPEND_LITERAL (s, "population ");
      append_int (s, mu->in->population);
      APPEND_LITERAL (s, " below the minimum ");
      append_int (s, run->criteria->min_population);
    }
}

/* The national stage of two-stage mode, in brief */
static void
append_national (const Stage *st,
                 GString     *s)
{
  APPEND_LITERAL (s, "national quota ");
  append_fixed (s, stage_quota (st), 2);
  switch (st->constraint)
    {
    case BOS_CONSTRAINT_AT_MIN:
      APPEND_LITERAL (s, " (at the minimum)");
      break;
    case BOS_CONSTRAINT_AT_CAP:
      APPEND_LITERAL (s, " (at the cap)");
      break;
    case BOS_CONSTRAINT_BELOW_DROP:
      APPEND_LITERAL (s, " (below drop_below)");
      break;
    case BOS_CONSTRAINT_NO_ROOM:
      APPEND_LITERAL (s, " (no room for the minimum)");
      break;
    default:
      break;
    }
}

static void
append_stage (Run         *run,
              const Muni  *mu,
              const Stage *st,
              gboolean     minors,
              gboolean     rounded,
              GString     *s)
{
  const BosCriteria *cr = run->criteria;
  gint64 m = minors ? cr->ema_min_request : cr->min_request;
  gint64 d = minors ? cr->ema_drop_below : cr->drop_below;

  switch (st->constraint)
    {
    case BOS_CONSTRAINT_NONE:
      break;
    case BOS_CONSTRAINT_NOTHING_LEFT:
      if (run->locked_total > 0)
        APPEND_LITERAL (s, "nothing left to distribute after the locks");
      else
        APPEND_LITERAL (s, "nothing to distribute");
      break;
    case BOS_CONSTRAINT_ZERO_SCORE:
      APPEND_LITERAL (s, "not asked");
      break;
    case BOS_CONSTRAINT_CAP_BELOW_MIN:
      text_append (s, minors ? "request " : "cap ");
      append_int (s, minors ? mu->request : mu->cap);
      if (!minors && mu->cap_from_rule)
        {
          APPEND_LITERAL (s, " (max_per_1000 ");
          append_decimal (s, run->max_per_1000);
          APPEND_LITERAL (s, ")");
        }
      APPEND_LITERAL (s, " is below the minimum ");
      append_int (s, m);
      APPEND_LITERAL (s, ": not asked");
      break;
    case BOS_CONSTRAINT_BELOW_DROP:
      APPEND_LITERAL (s, "share ");
      append_fixed (s, st->share, 2);
      APPEND_LITERAL (s, " is below drop_below ");
      append_int (s, d);
      APPEND_LITERAL (s, ": not asked");
      break;
    case BOS_CONSTRAINT_NO_ROOM:
      APPEND_LITERAL (s, "share ");
      append_fixed (s, st->share, 2);
      APPEND_LITERAL (s, " reaches drop_below ");
      append_int (s, d);
      APPEND_LITERAL (s, ", but there is no room for the minimum ");
      append_int (s, m);
      APPEND_LITERAL (s, " after the ");
      append_int (s, st->earlier);
      APPEND_LITERAL (s, " earlier in the entry order: not asked");
      break;
    case BOS_CONSTRAINT_AT_MIN:
      APPEND_LITERAL (s, "share ");
      append_fixed (s, st->share, 2);
      APPEND_LITERAL (s, " raised to the minimum ");
      append_int (s, m);
      break;
    case BOS_CONSTRAINT_AT_CAP:
      APPEND_LITERAL (s, "share ");
      append_fixed (s, st->share, 2);
      if (minors)
        APPEND_LITERAL (s, " held at the request ");
      else
        text_append (s, mu->cap_from_rule ? " held at the cap (max_per_1000) " :
                         " held at the cap ");
      append_int (s, st->value);
      break;
    case BOS_CONSTRAINT_PROPORTIONAL:
      APPEND_LITERAL (s, "proportional ");
      append_fixed (s, stage_quota (st), 2);
      if (rounded)
        {
          APPEND_LITERAL (s, " → ");
          append_int (s, st->value);
          if (st->rounded_up)
            APPEND_LITERAL (s, " (largest remainder +1)");
        }
      break;
    case BOS_CONSTRAINT_EXCLUDED_MANUAL:
    case BOS_CONSTRAINT_EXCLUDED_IMMIGRANT_SHARE:
    case BOS_CONSTRAINT_EXCLUDED_POPULATION:
    case BOS_CONSTRAINT_LOCKED:
    case BOS_CONSTRAINT_NOT_EMA_CAPABLE:
    case BOS_CONSTRAINT_NO_REQUEST:
    default:
      g_assert_not_reached ();
    }
}

static void
explain (Run        *run,
         const Muni *mu,
         double      score,
         GString    *s)
{
  const BosCriteria *cr = run->criteria;
  gboolean first = TRUE;

  if (mu->status == STATUS_EXCLUDED)
    {
      text_append (s, mu->exclusions == EXCLUDE_MANUAL ? "excluded " : "excluded: ");
      append_exclusions (run, mu, s);
      return;
    }

  if (mu->status == STATUS_LOCKED)
    {
      APPEND_LITERAL (s, "locked at ");
      append_int (s, mu->in->locked);
      if (mu->in->lock_note != NULL && mu->in->lock_note[0] != '\0')
        {
          APPEND_LITERAL (s, " (");
          text_append (s, mu->in->lock_note);
          APPEND_LITERAL (s, ")");
        }
      if (mu->exclusions != 0)
        {
          APPEND_LITERAL (s, ", so not excluded (");
          append_exclusions (run, mu, s);
          APPEND_LITERAL (s, ")");
        }
      APPEND_LITERAL (s, "; ");
    }
  else if (mu->exclusions != 0)
    {
      APPEND_LITERAL (s, "included by hand, so not excluded (");
      append_exclusions (run, mu, s);
      APPEND_LITERAL (s, "); ");
    }

  APPEND_LITERAL (s, "score ");
  append_sig (s, score, 6);
  if (!decimal_is_one (mu->adjustment) || mu->largest)
    {
      APPEND_LITERAL (s, " (");
      if (!decimal_is_one (mu->adjustment))
        {
          APPEND_LITERAL (s, "adjustment ×");
          append_decimal (s, mu->adjustment);
          first = FALSE;
        }
      if (mu->largest)
        {
          if (!first)
            APPEND_LITERAL (s, ", ");
          APPEND_LITERAL (s, "×");
          append_decimal (s, run->largest_factor);
          APPEND_LITERAL (s, " as one of the ");
          append_int (s, cr->largest_n);
          APPEND_LITERAL (s, " largest");
        }
      APPEND_LITERAL (s, ")");
    }
  for (guint k = 0; k < run->n_factors; k++)
    {
      if (!(mu->missing & (1u << k)) || !run->factors[k].live)
        continue;
      APPEND_LITERAL (s, "; no value for “");
      text_append (s, run->factors[k].name);
      APPEND_LITERAL (s, "”: the pool's population-weighted mean ");
      append_sig (s, run->factors[k].mean, 6);
      APPEND_LITERAL (s, " used");
    }

  if (mu->status == STATUS_POOL)
    {
      APPEND_LITERAL (s, "; ");
      if (run->input->by_county)
        {
          const County *county = &run->counties[mu->county];

          append_national (&mu->national, s);
          APPEND_LITERAL (s, "; in county ");
          text_append (s, county->code);
          APPEND_LITERAL (s, " (");
          append_int (s, county->total);
          APPEND_LITERAL (s, "): ");
          append_stage (run, mu, &mu->local, FALSE, TRUE, s);
        }
      else
        append_stage (run, mu, &mu->national, FALSE, TRUE, s);
    }

  if (run->input->ema_need > 0)
    {
      APPEND_LITERAL (s, "; minors ");
      append_int (s, mu->minors.value);
      switch (mu->minors.constraint)
        {
        case BOS_CONSTRAINT_NO_REQUEST:
          break;
        case BOS_CONSTRAINT_NOT_EMA_CAPABLE:
          APPEND_LITERAL (s, ": not ema_capable");
          break;
        default:
          APPEND_LITERAL (s, ": ");
          append_stage (run, mu, &mu->minors, TRUE, TRUE, s);
          break;
        }
    }
}

/* ------------------------------------------------------------------------ */

static BosConstraint
exclusion_constraint (guint exclusions)
{
  if (exclusions & EXCLUDE_MANUAL)
    return BOS_CONSTRAINT_EXCLUDED_MANUAL;
  if (exclusions & EXCLUDE_IMMIGRANT_SHARE)
    return BOS_CONSTRAINT_EXCLUDED_IMMIGRANT_SHARE;
  return BOS_CONSTRAINT_EXCLUDED_POPULATION;
}

static double
fixed_or_quota (const Muni  *mu,
                const Stage *st)
{
  if (mu->status == STATUS_LOCKED)
    return (double) mu->in->locked;
  if (mu->status == STATUS_EXCLUDED)
    return 0.0;
  return stage_quota (st);
}

/**
 * bos_apportion_run_full:
 * @input: the need, the criteria and the municipalities
 * @flags: %BOS_APPORTION_SKIP_REASONS to leave every reason %NULL
 * @error: return location for a #GError
 *
 * Runs the method of distribution.md. The requests add up to the need and
 * the minors' requests to the minors' need; when the constraints cannot be
 * met, fails with %BOS_ERROR_INFEASIBLE and a message that states the
 * shortfall in persons and its cause. Invalid inputs fail with
 * %BOS_ERROR_INVALID. The result refers to @input (see
 * bos_apportion_result_explain()), which must outlive it unchanged.
 *
 * Returns: (transfer full): the result, or %NULL on error
 */
BosApportionResult *
bos_apportion_run_full (const BosApportionInput  *input,
                        BosApportionFlags         flags,
                        GError                  **error)
{
  Run *run = NULL;
  BosApportionResult *result = NULL;
  Member *members;
  g_autofree guint *order = NULL;
  Fill national;
  guint nm = 0;
  gint64 total = 0, ema_total = 0;
  double den_approx;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate_input (input, &order, error))
    return NULL;

  run = g_new0 (Run, 1);
  run->input = input;
  run->criteria = &input->criteria;
  run->n = input->municipalities->len;
  run->warnings = g_ptr_array_new_with_free_func (g_free);

  if (!prepare (run, order, error) || !compute_scores (run, error))
    goto fail;

  /* Steps 5 and 6 nationally (step 6 only in one-stage mode) */
  order_municipalities (run);
  run->members = g_new0 (Member, MAX (run->n, 1));
  run->cand = g_new (Member *, MAX (run->n, 1));
  run->by_cap = g_new (Member *, MAX (run->n, 1));
  run->items = g_new (LrItem, MAX (run->n, 1));
  members = run->members;
  for (guint j = 0; j < run->n_order; j++)
    {
      Muni *mu = run->order[j];

      if (mu->status != STATUS_POOL)
        continue;
      members[nm].muni = mu;
      members[nm].cap = mu->cap;
      members[nm].stage = &mu->national;
      nm++;
    }
  init_fill (&national, run, "", input->need - run->locked_total, FALSE);
  national.round = !input->by_county;
  national.caps_ranked = TRUE;
  national.sum = run_nat (run);
  if (!fill_run (run, members, nm, &national, error))
    goto fail;
  if (input->by_county && !two_stage (run, &national, error))
    goto fail;

  for (guint i = 0; i < run->n; i++)
    {
      Muni *mu = &run->munis[i];

      if (mu->status == STATUS_LOCKED)
        mu->request = mu->in->locked;
      else if (mu->status == STATUS_EXCLUDED)
        mu->request = 0;
      else
        mu->request = input->by_county ? mu->local.value : mu->national.value;
    }

  if (!distribute_minors (run, error))
    goto fail;

  den_approx = nat_approx (run->score_den, run->L, run->shift);
  result = g_new0 (BosApportionResult, 1);
  result->need = input->need;
  result->ema_need = input->ema_need;
  result->by_county = input->by_county;
  result->n_municipalities = run->n;
  result->municipalities = g_new0 (BosMunicipalityResult, MAX (run->n, 1));
  result->n_counties = run->n_counties;
  result->counties = g_new0 (BosCountyResult, MAX (run->n_counties, 1));
  for (guint i = 0; i < run->n; i++)
    {
      Muni *mu = &run->munis[i];
      BosMunicipalityResult *r = &result->municipalities[mu->input_index];
      County *county = &run->counties[mu->county];
      const Stage *final = input->by_county ? &mu->local : &mu->national;

      r->request = mu->request;
      r->ema_request = mu->minors.value;
      r->ema_constraint = mu->minors.constraint;
      r->ema_quota = stage_quota (&mu->minors);
      r->ema_rounded_up = mu->minors.rounded_up;
      r->used_pool_mean = mu->missing != 0;
      if (mu->status == STATUS_EXCLUDED)
        {
          r->constraint = exclusion_constraint (mu->exclusions);
          r->score = NAN;
        }
      else
        {
          r->constraint = mu->status == STATUS_LOCKED ? BOS_CONSTRAINT_LOCKED : final->constraint;
          r->score = display_ratio (1, mu->sigma, mu->sigma_approx,
                                    run->score_den, den_approx, run->L);
          r->rounded_up = mu->status == STATUS_POOL && final->rounded_up;
        }
      r->quota = fixed_or_quota (mu, final);
      r->national_quota = fixed_or_quota (mu, &mu->national);

      county->requests += r->request;
      county->ema += r->ema_request;
      if (!input->by_county)
        county->quota += r->national_quota;
      total += r->request;
      ema_total += r->ema_request;
    }

  /* Never return totals that do not add up. */
  if (total != input->need || ema_total != input->ema_need)
    {
      g_critical ("requests add up to %" G_GINT64_FORMAT " (minors %" G_GINT64_FORMAT
                  ") instead of %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT ")",
                  total, ema_total, input->need, input->ema_need);
      g_set_error (error, BOS_ERROR, BOS_ERROR_FAILED,
                   "internal error: the requests do not add up to the need");
      g_clear_pointer (&result, bos_apportion_result_free);
      goto fail;
    }

  for (guint c = 0; c < run->n_counties; c++)
    {
      County *county = &run->counties[c];
      BosCountyResult *r = &result->counties[c];

      r->county = g_strdup (county->code);
      r->population = county->population;
      r->quota = county->quota;
      r->request = county->requests;
      r->ema_request = county->ema;
      r->rounded_up = county->rounded_up;
    }
  result->warnings = g_steal_pointer (&run->warnings);
  result->priv = run;
  /* What explain() needs stays; the numbers go. */
  g_clear_pointer (&run->arena, g_free);
  g_clear_pointer (&run->order, g_free);
  g_clear_pointer (&run->cap_order, g_free);
  g_clear_pointer (&run->members, g_free);
  g_clear_pointer (&run->cand, g_free);
  g_clear_pointer (&run->by_cap, g_free);
  g_clear_pointer (&run->items, g_free);

  if (!(flags & BOS_APPORTION_SKIP_REASONS))
    {
      /* every reason in one block: result->reasons */
      GString *text = g_string_sized_new (200 * (gsize) MAX (run->n, 1));
      g_autofree gsize *offsets = g_new (gsize, MAX (run->n, 1));

      for (guint i = 0; i < run->n; i++)
        {
          offsets[i] = text->len;
          explain (run, &run->munis[i], result->municipalities[run->munis[i].input_index].score,
                   text);
          text_append_c (text, '\0');
        }
      result->reasons = g_string_free (text, FALSE);
      for (guint i = 0; i < run->n; i++)
        result->municipalities[run->munis[i].input_index].reason = result->reasons + offsets[i];
    }
  return result;

fail:
  run_free (run);
  return NULL;
}

/**
 * bos_apportion_run:
 * @input: the need, the criteria and the municipalities
 * @error: return location for a #GError
 *
 * bos_apportion_run_full() with every reason filled in.
 *
 * Returns: (transfer full): the result, or %NULL on error
 */
BosApportionResult *
bos_apportion_run (const BosApportionInput  *input,
                   GError                  **error)
{
  return bos_apportion_run_full (input, BOS_APPORTION_FLAGS_NONE, error);
}

/**
 * bos_apportion_result_explain:
 * @result: a result
 * @index: a municipality, by its index in the input
 *
 * The reason of one municipality, also when the run skipped the reasons.
 * The input the result came from must still be there, unchanged.
 *
 * Returns: (transfer full): the reason in English
 */
char *
bos_apportion_result_explain (const BosApportionResult *result,
                              guint                     index)
{
  Run *run;
  GString *text;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (index < result->n_municipalities, NULL);

  run = result->priv;
  text = g_string_sized_new (160);
  explain (run, &run->munis[run->muni_of_input[index]], result->municipalities[index].score, text);
  return g_string_free (text, FALSE);
}

void
bos_apportion_result_free (BosApportionResult *result)
{
  if (result == NULL)
    return;
  g_free (result->reasons);
  run_free (result->priv);
  for (guint i = 0; i < result->n_counties; i++)
    g_free (result->counties[i].county);
  g_free (result->municipalities);
  g_free (result->counties);
  if (result->warnings)
    g_ptr_array_unref (result->warnings);
  g_free (result);
}

const char *
bos_constraint_to_string (BosConstraint constraint)
{
  switch (constraint)
    {
    case BOS_CONSTRAINT_NONE:
      return "none";
    case BOS_CONSTRAINT_EXCLUDED_MANUAL:
      return "excluded_manual";
    case BOS_CONSTRAINT_EXCLUDED_IMMIGRANT_SHARE:
      return "excluded_immigrant_share";
    case BOS_CONSTRAINT_EXCLUDED_POPULATION:
      return "excluded_population";
    case BOS_CONSTRAINT_LOCKED:
      return "locked";
    case BOS_CONSTRAINT_NOTHING_LEFT:
      return "nothing_left";
    case BOS_CONSTRAINT_ZERO_SCORE:
      return "zero_score";
    case BOS_CONSTRAINT_CAP_BELOW_MIN:
      return "cap_below_min";
    case BOS_CONSTRAINT_BELOW_DROP:
      return "below_drop";
    case BOS_CONSTRAINT_NO_ROOM:
      return "no_room";
    case BOS_CONSTRAINT_AT_MIN:
      return "at_min";
    case BOS_CONSTRAINT_AT_CAP:
      return "at_cap";
    case BOS_CONSTRAINT_PROPORTIONAL:
      return "proportional";
    case BOS_CONSTRAINT_NOT_EMA_CAPABLE:
      return "not_ema_capable";
    case BOS_CONSTRAINT_NO_REQUEST:
      return "no_request";
    default:
      g_return_val_if_reached (NULL);
    }
}
