#include "power/sequential.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "stats/normal.hpp"
#include "util/format.hpp"

// How the numbers are computed (Jennison & Turnbull 2000, "Group Sequential Methods with
// Applications to Clinical Trials", ch. 19; Armitage, McPherson & Rowe 1969, JRSS A 132:235).
//
// Work in the score scale S_k = Z_k sqrt(t_k), a Brownian motion observed at t_1 < ... < t_K:
// increments are independent N(theta dt, dt) with dt = 1/K. Let f_k(s) be the sub-density of
// S_k on paths that have not crossed a boundary at looks 1..k. Then f_1 is the N(0, t_1)
// density and, for b_k = c_k sqrt(t_k),
//   f_k(s)           = integral_{-inf}^{b_{k-1}} f_{k-1}(u) phi_dt(s - u) du,      s < b_k
//   P(cross at k)    = integral_{-inf}^{b_{k-1}} f_{k-1}(u) Q((b_k - u) / sqrt(dt)) du
// with phi_dt the N(0, dt) density and Q the upper normal tail. Each integral is a quadrature
// on a uniform grid ending exactly at b_{k-1}, where the integrand is cut off; elsewhere it is
// smooth, so the trapezoid rule with end corrections (below) has error O(h^8).
//
// Why a uniform grid with one spacing h for all looks: the kernel phi_dt(s_j - u_i) then depends
// only on i - j, so a look needs a few hundred exp() calls (not one per pair of points) and
// the rest is multiply-adds.
//
// Only H0 densities are ever computed. Brownian motion with drift theta has likelihood ratio
// exp(theta s - theta^2 t / 2) to the driftless one, a function of the current value only, so
// f_k under theta is f_k under H0 times that factor. This identity also holds exactly for the
// discretised recursion, so the power for any theta is a single pass over the stored grids.

namespace mlwb::power::seq {

namespace {

// ContinuationGrid spacing: 1/10 of sqrt(dt), the sd of one increment (and of the kernel). Against a grid
// four times finer, over K = 1..20, alpha 0.001..0.45, power 0.5..0.99, boundaries agree to
// 1.2e-8 and the inflation and expected sample sizes to 5e-8 relative (at 1/8: 8e-8 and 3e-7).
// The cost grows as the square of this.
constexpr double kPointsPerIncrementSd = 10.0;
// Lower truncation of the continuation region, in z units: P_H0(Z_k < -9) = 1.1e-19, and
// under H1 (positive drift) there is less mass still.
constexpr double kLowestZ = -9.0;
// Quadrature weights (times h) for the points nearest the top of the grid, where the integrand
// is cut off; below them the weight is 1 (trapezoid rule). These are Gregory's end corrections
// through sixth differences (all weights stay positive): they remove the trapezoid rule's error
// at a cut end up to O(h^8). In the interior the trapezoid rule is already far more accurate
// than that, as the integrands are smooth with Gaussian tails. The bottom end needs nothing:
// there is no mass there.
constexpr std::array<double, 7> kTopWeights = {5257.0 / 17280.0, 22081.0 / 15120.0, 54851.0 / 120960.0, 103.0 / 70.0,
                                               89437.0 / 120960.0, 16367.0 / 15120.0, 23917.0 / 24192.0};
// Upper cut of the grid when a boundary is far out (early O'Brien-Fleming looks at small
// alpha): in z units above the H1 mean theta sqrt(t_k), for the largest theta ever tried.
constexpr double kZAboveLargestMean = 12.0;

bool is_finite_in(double v, double lo, double hi) { return std::isfinite(v) && v > lo && v < hi; }

double upper_tail(double x) { return 0.5 * std::erfc(x / std::numbers::sqrt2); }
double density(double x) { return std::exp(-0.5 * x * x) * (std::numbers::inv_sqrtpi / std::numbers::sqrt2); }

// Points from the top down to at least kLowestZ sqrt(t).
std::size_t grid_point_count(double top, double t, double h) {
    const double width = top - kLowestZ * std::sqrt(t);
    return std::max<std::size_t>(kTopWeights.size() + 1, static_cast<std::size_t>(std::ceil(width / h)) + 1);
}

void apply_quadrature_weights(ContinuationGrid& g) {
    for (std::size_t j = 0; j < g.mass.size(); ++j) {
        g.mass[j] *= g.h * (j < kTopWeights.size() ? kTopWeights[j] : 1.0);
    }
    g.mass.back() *= 0.5;  // trapezoid end at the bottom, where the density is ~1e-19
}

ContinuationGrid first_look_grid(double t, double top, double h) {
    ContinuationGrid g{t, top, h, {}};
    g.mass.resize(grid_point_count(top, t, h));
    const double sd = std::sqrt(t);
    for (std::size_t j = 0; j < g.mass.size(); ++j) g.mass[j] = density(g.s(j) / sd) / sd;
    apply_quadrature_weights(g);
    return g;
}

// f_k on the next look's grid from the previous one (see the recursion at the top).
ContinuationGrid next_look_grid(const ContinuationGrid& prev, double t, double top, double dt) {
    ContinuationGrid g{t, top, prev.h, {}};
    const std::size_t m = grid_point_count(top, t, prev.h);
    const std::size_t m_prev = prev.mass.size();
    g.mass.assign(m, 0.0);
    // s_j - u_i = (top - prev.top) + (i - j) h: tabulate the kernel by d = i - j + (m - 1).
    const double sd = std::sqrt(dt);
    const double shift = top - prev.top;
    std::vector<double> kernel(m + m_prev - 1);
    for (std::size_t d = 0; d < kernel.size(); ++d) {
        const double x = shift + (static_cast<double>(d) - static_cast<double>(m - 1)) * prev.h;
        kernel[d] = density(x / sd) / sd;
    }
    // Terms with |s_j - u_i| > reach * sd are left out. Each f_k(s_j) then loses at most
    // phi(reach) / sd in absolute terms. Under H1 that error is multiplied by the likelihood
    // ratio at s_j, at most exp(z^2 / 2) for z = s_j / sqrt(t) <= top / sqrt(t), so the reach
    // grows with the top of the grid to keep the product below 1e-19 (reach ~ 10 at z = 2).
    const double top_z = std::max(0.0, top / std::sqrt(t));
    const double reach = std::sqrt(90.0 + top_z * top_z) * sd;
    const double m_prev_d = static_cast<double>(m_prev);
    for (std::size_t j = 0; j < m; ++j) {
        // i with |shift + (i - j) h| <= reach, within 0..m_prev-1.
        const double jd = static_cast<double>(j);
        const double first = std::max(0.0, std::ceil(jd + (-reach - shift) / prev.h));
        const double last = std::min(m_prev_d - 1.0, std::floor(jd + (reach - shift) / prev.h));
        if (!(first <= last)) continue;
        const std::size_t i_end = static_cast<std::size_t>(last) + 1;
        const double* k = kernel.data() + (m - 1 - j);
        // Four partial sums: independent chains the CPU can overlap (about 3x faster than one).
        double sum[4] = {0.0, 0.0, 0.0, 0.0};
        std::size_t i = static_cast<std::size_t>(first);
        for (; i + 4 <= i_end; i += 4) {
            for (std::size_t lane = 0; lane < 4; ++lane) sum[lane] += prev.mass[i + lane] * k[i + lane];
        }
        for (; i < i_end; ++i) sum[0] += prev.mass[i] * k[i];
        g.mass[j] = (sum[0] + sum[1]) + (sum[2] + sum[3]);
    }
    apply_quadrature_weights(g);
    return g;
}

// Number of leading grid points (from the top down) whose terms count in a sum of
// mass_i * Q((b - s_i) / sd + offset): beyond, Q < Q(x_cut), and the masses add up to < 1.
std::size_t points_that_count(const ContinuationGrid& g, double b, double sd, double offset, double x_cut) {
    const double last = std::floor(((x_cut - offset) * sd - (b - g.top)) / g.h);
    if (!(last >= 0.0)) return 0;
    if (!(last < static_cast<double>(g.mass.size()))) return g.mass.size();
    return static_cast<std::size_t>(last) + 1;
}

// phi(x_0 + i step) for i = 0, 1, ... by two multiplications each instead of an exp():
// phi(x + step) = phi(x) exp(-x step - step^2 / 2), and that factor itself changes by
// exp(-step^2) per step. Rounding grows as i^2 ulp (1e-11 after 500 steps), so this is used
// only for derivatives, which steer Newton's method but do not move the root.
class DensitySteps {
public:
    DensitySteps(double x0, double step)
        : value_(density(x0)), factor_(std::exp(-x0 * step - 0.5 * step * step)), factor_ratio_(std::exp(-step * step)) {}
    double next() {
        const double v = value_;
        value_ *= factor_;
        factor_ *= factor_ratio_;
        return v;
    }

private:
    double value_, factor_, factor_ratio_;
};

// P_H0(no crossing before, S_k >= b) and its derivative in b, from the previous look's grid.
// Terms with Q below x_cut's are left out (see solve_boundary).
struct TailAndSlope {
    double tail = 0;
    double slope = 0;
};
TailAndSlope crossing_h0(const ContinuationGrid& prev, double b, double dt, double x_cut) {
    const double sd = std::sqrt(dt);
    TailAndSlope r;
    const std::size_t n = points_that_count(prev, b, sd, 0.0, x_cut);
    const double x0 = (b - prev.top) / sd;
    const double step = prev.h / sd;
    DensitySteps phi(x0, step);
    const bool exact_phi = x0 < -30.0;  // phi(x0) would be too small to step up from
    for (std::size_t i = 0; i < n; ++i) {
        const double x = x0 + static_cast<double>(i) * step;
        r.tail += prev.mass[i] * upper_tail(x);
        r.slope -= prev.mass[i] * (exact_phi ? density(x) : phi.next()) / sd;
    }
    return r;
}

// Root of a monotone function by Newton's method kept inside a bracket [lo, hi] that holds
// the root (f rises through it when increasing, else falls), bisecting whenever a Newton step
// leaves the bracket.
template <class F>
double safeguarded_newton(F value_and_slope, double lo, double hi, bool increasing, double start, double tolerance) {
    double x = start;
    for (int i = 0; i < 100; ++i) {
        const auto [f, slope] = value_and_slope(x);
        if (f == 0.0) return x;
        ((f < 0.0) == increasing ? lo : hi) = x;
        const double newton_step = f / slope;
        // Converged: checked before the bracket test, as x itself is now one end of the bracket.
        if (std::fabs(newton_step) <= tolerance * std::max(1.0, std::fabs(x))) return x - newton_step;
        double next = x - newton_step;
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        x = next;
        if (hi - lo <= tolerance * std::max(1.0, std::fabs(x))) break;
    }
    return x;
}

// The boundary b in the score scale with P_H0(first crossing at this look) = spend. We solve
// log P(b) = log spend, which is close to linear for large b where the spend is tiny.
double solve_boundary(const ContinuationGrid& prev, double t, double dt, double spend) {
    const double sd_t = std::sqrt(t);
    // The first crossing has at most the probability of Z_k >= c, so c <= z_{1-spend}: the
    // start, and one sd above it surely has too little (the discretised tail can land a hair
    // above the bound when earlier looks spent next to nothing). Below the grid, P is the
    // probability of not having stopped yet, 1 - alpha(t_{k-1}) > spend.
    const double start = stats::normal_upper_quantile(spend) * sd_t;
    const double hi = start + sd_t;
    const double lo = (kLowestZ - 1.0) * sd_t;
    // Terms below 1e-17 of the target cannot change the root at double precision (the cap of
    // 40 keeps this finite when the product underflows).
    const double x_cut = std::min(40.0, stats::normal_upper_quantile(std::max(1e-17 * spend, 1e-300)));
    auto value = [&](double b) {
        const TailAndSlope r = crossing_h0(prev, b, dt, x_cut);
        if (!(r.tail > 0.0)) return std::pair<double, double>{-1e300, -1.0};
        return std::pair<double, double>{std::log(r.tail) - std::log(spend), r.slope / r.tail};
    };
    return safeguarded_newton(value, lo, hi, false, start, 1e-13);
}

struct PowerAndSlope {
    double power = 0;
    double slope = 0;
    std::vector<double> reject;  // P_theta(first crossing at look k)
};

// Rejection probabilities under drift theta, from the H0 grids by the likelihood ratio.
// grids[k] holds look k+1; boundaries are in the score scale (+inf: never crosses); t_1 is
// the first look's information fraction.
PowerAndSlope power_under(double theta, double t_1, const std::vector<ContinuationGrid>& grids, const std::vector<double>& b,
                          double dt) {
    const std::size_t looks = b.size();
    const double sd = std::sqrt(dt);
    PowerAndSlope r;
    r.reject.assign(looks, 0.0);
    const double sd_1 = std::sqrt(t_1);
    if (std::isfinite(b[0])) {
        const double x = b[0] / sd_1 - theta * sd_1;
        r.reject[0] = upper_tail(x);
        r.slope += density(x) * sd_1;
    }
    for (std::size_t k = 1; k < looks; ++k) {
        if (!std::isfinite(b[k])) continue;
        const ContinuationGrid& prev = grids[k - 1];
        double p = 0.0, slope = 0.0;
        // The H1 masses add up to < 1, so terms with Q((b - u) / sd - theta sd) < Q(9) = 1e-19
        // do not count.
        const std::size_t n = points_that_count(prev, b[k], sd, -theta * sd, 9.0);
        // The likelihood ratio exp(theta u - theta^2 t / 2) at u = top - i h is a geometric
        // sequence in i. Far out its first term could overflow (absurdly small alpha only):
        // then each term is formed with the log of the tiny mass instead.
        const double top_exponent = theta * prev.top - 0.5 * theta * theta * prev.t;
        const bool stepped_ratio = top_exponent < 600.0;
        double ratio = stepped_ratio ? std::exp(top_exponent) : 0.0;
        const double ratio_step = std::exp(-theta * prev.h);
        const double x0 = (b[k] - prev.top) / sd - theta * sd;
        const double step = prev.h / sd;
        DensitySteps phi(x0, step);
        const bool exact_phi = x0 < -30.0;
        for (std::size_t i = 0; i < n; ++i, ratio *= ratio_step) {
            const double x = x0 + static_cast<double>(i) * step;
            const double phi_x = exact_phi ? density(x) : phi.next();
            if (prev.mass[i] == 0.0) continue;
            const double u = prev.s(i);
            const double weighted = stepped_ratio ? prev.mass[i] * ratio
                                                  : std::exp(std::log(prev.mass[i]) + theta * u - 0.5 * theta * theta * prev.t);
            const double q = upper_tail(x);
            p += weighted * q;
            slope += weighted * ((u - theta * prev.t) * q + sd * phi_x);
        }
        r.reject[k] = p;
        r.slope += slope;
    }
    for (double p : r.reject) r.power += p;
    return r;
}

// E[N] / N_max: the trial stops at look k < K when it crosses, and at look K regardless.
double expected_fraction(const std::vector<double>& reject, const std::vector<Look>& looks) {
    double expected = 0.0, stopped = 0.0;
    for (std::size_t k = 0; k + 1 < looks.size(); ++k) {
        expected += looks[k].information * reject[k];
        stopped += reject[k];
    }
    return expected + (1.0 - stopped);
}

}  // namespace

double alpha_spent(Spending s, double alpha, double t) {
    if (!(t > 0.0)) return 0.0;
    if (t >= 1.0) return alpha;  // exactly, so the last look spends what is left
    if (s == Spending::Pocock) return alpha * std::log1p((std::numbers::e - 1.0) * t);
    return 2.0 * stats::normal_upper_tail(stats::normal_upper_quantile(alpha / 2.0) / std::sqrt(t));
}

std::vector<FieldError> validate_group_sequential(int looks, double alpha_one_sided, double power) {
    std::vector<FieldError> errors;
    if (looks < kMinLooks || looks > kMaxLooks) {
        errors.push_back({"looks", "Number of looks must be a whole number from " + std::to_string(kMinLooks) +
                                       " to " + std::to_string(kMaxLooks) + "."});
    }
    const bool alpha_ok = is_finite_in(alpha_one_sided, 0.0, 0.5);
    if (!alpha_ok) errors.push_back({"alpha", "One-sided significance level must be between 0 and 0.5 (exclusive)."});
    if (!is_finite_in(power, 0.0, 1.0)) {
        errors.push_back({"power", "Power must be between 0 and 1 (exclusive)."});
    } else if (alpha_ok && power <= alpha_one_sided) {
        errors.push_back({"power", "Power must exceed the one-sided significance level (" +
                                       format_significant(alpha_one_sided, 3) + "): any design reaches that with no effect."});
    }
    return errors;
}

Outcome<GroupSequentialDesign> design_group_sequential(int looks, Spending s, double alpha_one_sided, double power) {
    Outcome<GroupSequentialDesign> out;
    out.errors = validate_group_sequential(looks, alpha_one_sided, power);
    if (!out.ok()) return out;

    GroupSequentialDesign& d = out.value;
    const std::size_t K = static_cast<std::size_t>(looks);
    const double dt = 1.0 / static_cast<double>(looks);
    d.fixed_drift = stats::normal_upper_quantile(alpha_one_sided) + stats::normal_quantile(power);
    // Inflations stay far below 4 (the largest, Pocock-type at K = 20 with power just above
    // alpha, is about 1.8), so the drift is below this, and the grids reach far enough above
    // its H1 means.
    const double largest_drift = 2.0 * d.fixed_drift + 1.0;

    d.looks.resize(K);
    std::vector<double> b(K);  // boundaries in the score scale
    std::vector<ContinuationGrid> grids;
    grids.reserve(K);
    const double h = std::sqrt(dt) / kPointsPerIncrementSd;
    for (std::size_t k = 0; k < K; ++k) {
        Look& look = d.looks[k];
        look.information = k + 1 == K ? 1.0 : static_cast<double>(k + 1) * dt;
        look.alpha_spent = alpha_spent(s, alpha_one_sided, look.information);
        const double spend = look.alpha_spent - (k == 0 ? 0.0 : d.looks[k - 1].alpha_spent);
        const double sd_t = std::sqrt(look.information);
        if (!(spend > 0.0)) {
            // Nothing to spend (the spending underflowed far out): this look never stops.
            b[k] = std::numeric_limits<double>::infinity();
        } else if (k == 0) {
            b[k] = stats::normal_upper_quantile(spend) * sd_t;  // exact: Z_1 is N(0, 1)
        } else {
            b[k] = solve_boundary(grids[k - 1], look.information, dt, spend);
        }
        look.z_boundary = b[k] / sd_t;
        look.nominal_p = stats::normal_upper_tail(look.z_boundary);
        if (k + 1 == K) break;  // the last look needs no density beyond it
        const double cut = (kZAboveLargestMean + largest_drift * sd_t) * sd_t;
        const double top = std::min(b[k], cut);
        grids.push_back(k == 0 ? first_look_grid(look.information, top, h)
                               : next_look_grid(grids[k - 1], look.information, top, dt));
    }

    d.score_boundaries = b;
    d.max_drift = largest_drift;
    if (K == 1) {
        d.drift = d.fixed_drift;  // the fixed design exactly
    } else {
        auto excess_power = [&](double theta) {
            const PowerAndSlope p = power_under(theta, dt, grids, b, dt);
            return std::pair<double, double>{p.power - power, p.slope};
        };
        // Power rises from alpha at theta = 0 with theta; the fixed drift is a close start.
        d.drift = safeguarded_newton(excess_power, 0.0, largest_drift, true, d.fixed_drift, 1e-13);
    }
    d.inflation = (d.drift / d.fixed_drift) * (d.drift / d.fixed_drift);

    const PowerAndSlope at_drift = power_under(d.drift, dt, grids, b, dt);
    // Only for absurd levels (alpha below about 1e-200) do the H0 densities underflow where the
    // H1 paths run, so that no drift reaches the power; say so instead of returning nonsense.
    if (!(std::fabs(at_drift.power - power) <= 1e-8)) {
        out.errors.push_back({"alpha", "Significance level is too small to compute this design."});
        return out;
    }
    const std::vector<double>& reject_h1 = at_drift.reject;
    std::vector<double> reject_h0(K);
    for (std::size_t k = 0; k < K; ++k) {
        reject_h0[k] = d.looks[k].alpha_spent - (k == 0 ? 0.0 : d.looks[k - 1].alpha_spent);
    }
    double stopped = 0.0;
    for (std::size_t k = 0; k < K; ++k) {
        d.looks[k].reject_prob_h1 = reject_h1[k];
        d.looks[k].stop_prob_h1 = k + 1 == K ? 1.0 - stopped : reject_h1[k];
        stopped += reject_h1[k];
    }
    d.expected_n_h1 = d.inflation * expected_fraction(reject_h1, d.looks);
    d.expected_n_h0 = d.inflation * expected_fraction(reject_h0, d.looks);
    d.grids = std::move(grids);
    return out;
}

PowerWithSlope rejection_probability_with_slope(const GroupSequentialDesign& d, double drift) {
    if (d.looks.size() == 1) return {stats::normal_upper_tail(d.looks[0].z_boundary - drift), density(d.looks[0].z_boundary - drift)};
    const double theta = std::fmin(drift, d.max_drift);
    const double dt = 1.0 / static_cast<double>(d.looks.size());
    const PowerAndSlope p = power_under(theta, dt, d.grids, d.score_boundaries, dt);
    return {p.power, drift < d.max_drift ? p.slope : 0.0};
}

double rejection_probability(const GroupSequentialDesign& d, double drift) { return rejection_probability_with_slope(d, drift).power; }

}  // namespace mlwb::power::seq
