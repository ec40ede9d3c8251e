#include "power/curves.hpp"

#include <algorithm>
#include <cmath>

#include "stats/normal.hpp"

namespace mlwb::power {

namespace {

void resize(Curve& c, int points) {
    c.x.resize(static_cast<std::size_t>(points));
    c.y.resize(static_cast<std::size_t>(points));
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
    for (int i = 0; i < points; ++i) {
        const double n = n_lo + (n_hi - n_lo) * i / span;
        out.power_vs_n.x[i] = n;
        out.power_vs_n.y[i] = design_power(in, m, r.sequential_design(), n, r.effect);
    }

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
