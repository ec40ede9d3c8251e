// Group-sequential designs with K equally spaced looks and Lan-DeMets alpha spending for
// efficacy only (no futility boundary): the boundaries, and how much bigger the maximum
// sample size must be than a fixed design's to keep the same power.
//
// The z statistic at look k uses information fraction t_k = k/K. Under independent increments
// the score S_k = Z_k sqrt(t_k) is a Brownian motion with drift theta (theta = E[Z_K] under H1),
// so the boundary c_k is chosen so that under H0
//   P(Z_1 < c_1, ..., Z_{k-1} < c_{k-1}, Z_k >= c_k) = alpha(t_k) - alpha(t_{k-1}),
// and theta so that P_theta(some Z_k >= c_k) = power. Both are computed by numerical
// integration of the sub-density of S_k on the continuation region (Armitage, McPherson &
// Rowe 1969; Jennison & Turnbull 2000, ch. 19), see sequential.cpp.
//
// Accuracy: boundaries to about 1e-8, inflation and expected sample sizes to about 5e-8
// relative (for power up to 0.99; as power nears 1 the drift becomes sensitive to tiny errors
// in the power, e.g. 3e-5 relative at power 1 - 1e-6). Cost: K = 10 takes about 0.25 ms
// natively (-O2) and 2 ms as wasm, K = 20 about 0.7 ms and 6 ms.
//
// One-sided only. A two-sided symmetric test at level alpha is treated by the caller as
// one-sided at alpha/2 per side: these boundaries are used on both sides, and under H1 the
// probability of crossing the opposite (wrong-direction) boundary is ignored. So are paths
// that would cross one boundary after having stopped at the other: without them the true
// two-sided level is at most alpha, and the power (to reject in the right direction) is
// overstated only by the chance of going from below the lower boundary to above the upper
// one between looks, which is negligible. This API takes the one-sided alpha; the caller
// halves a two-sided level.
#pragma once

#include <vector>

#include "util/outcome.hpp"

namespace mlwb::power::seq {

// Lan-DeMets spending functions that mimic O'Brien-Fleming and Pocock boundaries.
enum class Spending { OBrienFleming, Pocock };

inline constexpr int kMinLooks = 1;
inline constexpr int kMaxLooks = 20;

struct Look {
    double information = 0;   // t_k = k/K, the fraction of the maximum sample size seen so far
    double z_boundary = 0;    // c_k: stop for efficacy when Z_k >= c_k
    double nominal_p = 0;     // one-sided p-value of c_k on its own: 1 - Phi(c_k)
    double alpha_spent = 0;   // cumulative alpha(t_k)
    double reject_prob_h1 = 0;  // P_H1(first crossing at this look); they sum to the power
    double stop_prob_h1 = 0;    // P_H1(the trial stops here): reject_prob_h1, and at the last
                                // look everything that gets there (1 - earlier stops)
};

// The continuation region at one look, in the score scale: points s_j = top - j h,
// j = 0..n, with mass[j] = quadrature weight * f_k(s_j) under H0. Kept with the design so the
// rejection probability at any other drift costs one cheap pass (likelihood-ratio reweighting).
struct ContinuationGrid {
    double t = 0;     // information fraction of this look
    double top = 0;   // s_0: the boundary b_k, or the cut when b_k is far out
    double h = 0;
    std::vector<double> mass;
    double s(std::size_t j) const { return top - static_cast<double>(j) * h; }
};

struct GroupSequentialDesign {
    std::vector<Look> looks;
    double drift = 0;          // theta = E[Z_K] under H1 at the maximum sample size
    double fixed_drift = 0;    // z_{1-alpha} + z_{1-beta}: the same for a fixed design
    double inflation = 1;      // R = N_max / N_fixed = (drift / fixed_drift)^2
    double expected_n_h1 = 1;  // E[N] / N_fixed under H1
    double expected_n_h0 = 1;  // E[N] / N_fixed under H0
    // For rejection_probability(): the H0 densities before looks 2..K and the boundaries in
    // the score scale; drifts above max_drift are beyond the grids' reach (power ~ 1 there).
    std::vector<ContinuationGrid> grids;
    std::vector<double> score_boundaries;
    double max_drift = 0;
};

// Cumulative one-sided alpha spent by information fraction t (0 at t <= 0, alpha at t >= 1):
//   O'Brien-Fleming type: 2 - 2 Phi(z_{1-alpha/2} / sqrt(t))
//   Pocock type:          alpha ln(1 + (e - 1) t)
double alpha_spent(Spending s, double alpha, double t);

// Field-level validation, keyed by "looks", "alpha", "power": looks 1..20, alpha in (0, 0.5),
// power in (alpha, 1).
std::vector<FieldError> validate_group_sequential(int looks, double alpha_one_sided, double power);

// The design for K = looks. With K = 1 it is the fixed design: c_1 = z_{1-alpha}, R = 1.
// Besides validate_group_sequential's errors, an absurdly small alpha (below about 1e-200,
// where the densities underflow) is reported on "alpha" rather than answered wrongly.
Outcome<GroupSequentialDesign> design_group_sequential(int looks, Spending s, double alpha_one_sided, double power);

// P(some Z_k >= c_k) when E[Z_K] = drift: the design's power at another sample size or effect
// (drift = the design's drift x sqrt(N / N_max) for the same effect). `design` must be valid.
double rejection_probability(const GroupSequentialDesign& design, double drift);

// The same with its derivative in the drift (0 past max_drift), for curves that interpolate.
struct PowerWithSlope {
    double power = 0;
    double slope = 0;
};
PowerWithSlope rejection_probability_with_slope(const GroupSequentialDesign& design, double drift);

}  // namespace mlwb::power::seq
