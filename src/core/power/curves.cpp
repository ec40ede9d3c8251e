#include "power/curves.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "stats/normal.hpp"

namespace mlwb::power {

namespace {

void resize(Curve& c, int points) {
    c.x.resize(static_cast<std::size_t>(points));
    c.y.resize(static_cast<std::size_t>(points));
}

// A group-sequential design's power at each n of the curve. Exact (one pass over the design's
// grids, ~8 us) at every kStride-th point and the last; between them a cubic Hermite in the
// drift from the exact power and slope at both ends, which is within 2e-6 of exact
// (tests/unit/test_power_curves.cpp). Exact everywhere, the curve was 80 % of a 2.8 ms update.
void sequential_power_curve(const TestModel& m, const seq::GroupSequentialDesign& gs, double effect,
                            const std::vector<double>& n, std::vector<double>& power) {
    constexpr std::size_t kStride = 4;
    const std::size_t count = n.size();
    std::vector<double> drift(count, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < count; ++i) {
        const double fixed = power_at(m, n[i], effect);
        if (fixed > 0 && fixed < 1) drift[i] = sequential_drift(m, fixed);
        else power[i] = fixed;  // as design_power: a fixed power of 0 or 1 (or NaN) stands
    }
    auto exact = [&](std::size_t i) { return seq::rejection_probability_with_slope(gs, drift[i]); };
    for (std::size_t a = 0; a + 1 < count; a += kStride) {  // segments [a, b]; the last ends at the last point
        const std::size_t b = std::min(a + kStride, count - 1);
        bool smooth = true;
        for (std::size_t i = a; i <= b; ++i) smooth = smooth && std::isfinite(drift[i]);
        if (!smooth) {  // a segment touching power 0 or 1: every point exactly
            for (std::size_t i = a; i <= b; ++i)
                if (std::isfinite(drift[i])) power[i] = exact(i).power;
            continue;
        }
        const seq::PowerWithSlope pa = exact(a), pb = exact(b);
        power[a] = pa.power;
        power[b] = pb.power;
        const double h = drift[b] - drift[a];
        if (!(h > 0)) {
            for (std::size_t i = a + 1; i < b; ++i) power[i] = exact(i).power;
            continue;
        }
        for (std::size_t i = a + 1; i < b; ++i) {
            const double t = (drift[i] - drift[a]) / h, t2 = t * t, t3 = t2 * t;
            power[i] = (2 * t3 - 3 * t2 + 1) * pa.power + (t3 - 2 * t2 + t) * h * pa.slope +
                       (-2 * t3 + 3 * t2) * pb.power + (t3 - t2) * h * pb.slope;
        }
    }
}

double normal_density(double x, double mean, double sd) {
    const double z = (x - mean) / sd;
    return std::exp(-0.5 * z * z) / (sd * 2.5066282746310002);
}

}  // namespace

void compute_power_curves(const PowerInputs& in, const PowerResult& r, int points, PowerCurves& out) {
    points = std::max(points, 2);
    const TestModel& m = r.model;
    const double span = points - 1;

    // Power vs n: from an eighth to three times the planned n, evenly spaced so the
    // S-shape reads naturally.
    resize(out.power_vs_n, points);
    const double n_lo = std::max(r.n_per_arm / 8, 3.0), n_hi = std::max(r.n_per_arm * 3, n_lo * 2);
    for (int i = 0; i < points; ++i) out.power_vs_n.x[i] = n_lo + (n_hi - n_lo) * i / span;
    if (const auto* gs = r.sequential_design())
        sequential_power_curve(m, *gs, r.effect, out.power_vs_n.x, out.power_vs_n.y);
    else
        for (int i = 0; i < points; ++i) out.power_vs_n.y[i] = design_power(in, m, nullptr, out.power_vs_n.x[i], r.effect);

    // MDE vs days: one day to twice the planned duration (at least four weeks).
    resize(out.mde_vs_days, points);
    const double control_share = static_cast<double>(r.n_per_arm_ceil) / static_cast<double>(r.n_total_ceil);
    const double day_hi = std::max(2.0 * static_cast<double>(r.days), 28.0);
    // Start at one day, or earlier when the design itself needs less than a day.
    const double day_lo = std::min(1.0, 0.5 * r.planned_days);
    out.mde_relative = m.baseline != 0;
    // The t-test's MDE needs a root find over the non-central t (~15 us) per point. Its ratio to
    // the z-test's MDE is smooth in n and tends to 1, so it is solved exactly at every
    // kTStride-th point and interpolated between, in 1/n (tests/unit/test_power_curves.cpp bounds the error).
    TestModel z_model = m;
    z_model.t_test = false;
    constexpr int kTStride = 8;
    constexpr double kExactBelowUnits = 600;
    auto n_at = [&](int i) { return (day_lo + (day_hi - day_lo) * i / span) * r.units_per_day * control_share; };
    auto t_ratio = [&](int i) {
        const double n = n_at(i);
        return design_mde(in, m, r.inflation, n) / design_mde(in, z_model, r.inflation, n);
    };
    // An anchor with few degrees of freedom is not used: its whole segment is solved exactly.
    auto few_df = [&](int i) { return n_at(i) * (1 + m.allocation) < kExactBelowUnits; };
    std::vector<double>& ratios = out.t_ratio_anchors;  // at points 0, S, 2S, ... and the last
    ratios.clear();
    if (m.t_test) {
        for (int i = 0; i < points; i += kTStride) ratios.push_back(few_df(i) ? NAN : t_ratio(i));
        ratios.push_back(t_ratio(points - 1));
    }
    for (int i = 0; i < points; ++i) {
        const double n = n_at(i);
        double mde;
        const int a = i / kTStride, b_index = std::min((a + 1) * kTStride, points - 1);
        // (At an anchor, w = 0 and this gives back the exact t-test MDE it was solved for.)
        const bool interpolate = m.t_test && std::isfinite(ratios[a]) && std::isfinite(ratios[a + 1]);
        if (interpolate) {
            // The ratio behaves like 1 + c/df: interpolate it linearly in 1/n.
            const double ra = ratios[a], rb = ratios[a + 1];
            const double inv_a = 1 / n_at(a * kTStride), inv_b = 1 / n_at(b_index);
            const double w = b_index > a * kTStride ? (1 / n - inv_a) / (inv_b - inv_a) : 0;
            mde = design_mde(in, z_model, r.inflation, n) * (ra + (rb - ra) * w);
        } else {
            mde = design_mde(in, m, r.inflation, n);
        }
        out.mde_vs_days.x[i] = day_lo + (day_hi - day_lo) * i / span;
        out.mde_vs_days.y[i] = out.mde_relative ? mde / m.baseline : mde;
    }

    // The two distributions of the z statistic at the planned n.
    const ZTerms t = z_terms(m, r.effect);
    const double n_test = r.n_per_arm / r.inflation;
    out.z_crit = m.z_crit;
    out.two_sided = m.tails == 2;
    out.alt_mean = t.delta * std::sqrt(n_test) / t.s0;
    const double alt_sd = t.s1 / t.s0;
    const double x_lo = std::min(-4.0, out.alt_mean - 4 * alt_sd), x_hi = std::max(4.0, out.alt_mean + 4 * alt_sd);
    resize(out.null_density, points);
    resize(out.alt_density, points);
    for (int i = 0; i < points; ++i) {
        const double x = x_lo + (x_hi - x_lo) * i / span;
        out.null_density.x[i] = out.alt_density.x[i] = x;
        out.null_density.y[i] = normal_density(x, 0, 1);
        out.alt_density.y[i] = normal_density(x, out.alt_mean, alt_sd);
    }
}

}  // namespace mlwb::power
