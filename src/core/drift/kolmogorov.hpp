// The null distributions behind the two-sample Kolmogorov–Smirnov test, computed the way
// scipy 1.10.1 computes them (see /work/notes/drift_stats_spec.md §1.4–1.6), so that
// ks_2samp's p-values agree with scipy to 1e-9 and its branch decisions are the same.
//
// All functions are total: arguments outside the domain give NaN, never an abort.
#pragma once

namespace mlwb::drift {

// P(D_n >= d) for the one-sample two-sided statistic D_n with n observations:
// scipy.stats.kstwo.sf(d, n). ks_2samp uses it with n = round(n1 n2 / (n1 + n2)).
// Simard & L'Ecuyer's choice of method: Ruben–Gambino at both ends, 2·smirnov in the
// upper tail, the Durbin matrix (Marsaglia–Tsang–Wang) for small n·d, Pelz–Good for large n.
double kstwo_sf(double d, long long n);

// P(D_n^+ >= x), the one-sided statistic: scipy.special.smirnov(n, x). Birnbaum–Tingey's
// sum, each term evaluated as a binomial probability by Loader's saddle-point form, so no
// term over- or underflows in the middle and n up to 10^6 keeps ~1e-13 relative accuracy.
// n > 10^6 uses scipy's closed-form approximation, as scipy does.
double smirnov(long long n, double x);

// P(D_n <= d) by the Durbin matrix method (Marsaglia, Tsang & Wang 2003): exact, and the
// method scipy uses for small n·d. Exposed for tests; ks_2samp reaches it via kstwo_sf.
// The matrix has 2·ceil(n d) - 1 rows: NaN when ceil(n d) > 128 (kstwo_sf needs at most 59).
double kolmogorov_cdf_durbin(long long n, double d);

// The exact null probability P(D_{n,n} >= h/n) of the two-sample statistic for equal sample
// sizes, by scipy's Horner-like alternating sum (it can exceed 1 by an ulp for small h, and
// ks_2samp then falls back to the asymptotic distribution: keep the operation order).
double ks_prob_outside_square(long long n, long long h);

// The exact null probability P(D_{m,n} >= h/lcm(m,n)) for unequal sizes, by Hodges' inside
// method carrying 1 - p (Viehmann 2021), as scipy's _compute_outer_prob_inside_method.
// Costs about m·min(n, 2h/(m/g)) steps: up to 1e8 at m, n = 10^4.
double ks_outer_prob_inside(long long m, long long n, long long h);

}  // namespace mlwb::drift
