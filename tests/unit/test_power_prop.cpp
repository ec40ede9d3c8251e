// Two-proportion sample size against R's stats::power.prop.test.
// Golden values: tests/golden/power_prop.json, made by scripts/golden/power_prop.R.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "golden.hpp"

#include "stats/normal.hpp"

#include "power/solve.hpp"

MLWB_GOLDEN(power_prop);

namespace {

using mlwb::power::Alternative;
using mlwb::power::PowerInputs;

nlohmann::json golden() {
    return parse_golden(golden_power_prop, golden_power_prop_size);
}

PowerInputs inputs_of(const nlohmann::json& c) {
    PowerInputs in;
    in.baseline = c["p1"].get<double>();
    in.effect = c["p2"].get<double>();  // effect_scale is Target by default
    in.alpha = c["alpha"].get<double>();
    in.power = c["power"].get<double>();
    in.alternative = c["alternative"] == "two-sided" ? Alternative::TwoSided : Alternative::OneSided;
    in.strict = c["strict"].get<bool>();
    return in;
}

double relative_error(double a, double b) { return std::fabs(a - b) / std::fabs(b); }

}  // namespace

TEST_CASE("pooled sample size matches R power.prop.test to 1e-9 (exact root)", "[power][reference]") {
    const auto g = golden();
    REQUIRE(g["cases"].size() >= 100);
    for (const auto& c : g["cases"]) {
        const auto r = mlwb::power::solve(inputs_of(c));
        INFO(c.dump());
        REQUIRE(r.ok());
        CHECK(relative_error(r.value.n_per_arm, c["n_exact"].get<double>()) < 1e-9);
        CHECK(r.value.n_per_arm_ceil == c["n_ceil"].get<std::int64_t>());
    }
}

TEST_CASE("the closed form the UI shows equals R's root when not strict and bounds it when strict", "[power][reference]") {
    const auto g = golden();
    for (const auto& c : g["cases"]) {
        const PowerInputs in = inputs_of(c);
        INFO(c.dump());
        const auto m = mlwb::power::make_test_model(in);
        const auto t = mlwb::power::z_terms(m, in.effect - in.baseline);
        const double closed = std::pow((m.z_crit * t.s0 + 1.0 * mlwb::stats::normal_quantile(in.power) * t.s1) / t.delta, 2);
        if (in.strict && in.alternative == Alternative::TwoSided) CHECK(closed >= c["n_exact"].get<double>());
        else CHECK(relative_error(closed, c["n_exact"].get<double>()) < 1e-9);
    }
}

TEST_CASE("pooled sample size is within R's own tolerance of R's default output", "[power][reference]") {
    // R stops uniroot at tol = eps^0.25, so what an R user sees differs from the exact root by
    // up to ~1e-7 relative; the issue asks for 1e-6.
    const auto g = golden();  // a range-for over golden()["cases"] would outlive the temporary
    for (const auto& c : g["cases"]) {
        const auto r = mlwb::power::solve(inputs_of(c));
        INFO(c.dump());
        CHECK(relative_error(r.value.n_per_arm, c["n_r_default"].get<double>()) < 1e-6);
    }
}

TEST_CASE("R help page example: power.prop.test(p1 = .5, p2 = .75, power = .9) gives n = 76.70693", "[power][reference]") {
    PowerInputs in;
    in.baseline = 0.5;
    in.effect = 0.75;
    in.power = 0.9;
    const auto r = mlwb::power::solve(in);
    REQUIRE(r.ok());
    CHECK(std::fabs(r.value.n_per_arm - 76.70693) < 5e-6);  // R prints 7 significant digits
    CHECK(r.value.n_per_arm_ceil == 77);
}

TEST_CASE("the planned whole n reaches the power and one fewer does not", "[power]") {
    const auto g = golden();  // a range-for over golden()["cases"] would outlive the temporary
    for (const auto& c : g["cases"]) {
        const PowerInputs in = inputs_of(c);
        const auto r = mlwb::power::solve(in);
        INFO(c.dump());
        CHECK(r.value.power >= in.power);
        CHECK(mlwb::power::power_at(r.value.model, static_cast<double>(r.value.n_per_arm_ceil - 1), r.value.effect) < in.power);
    }
}

TEST_CASE("direction does not matter, as in R (|p1 - p2|)", "[power]") {
    PowerInputs up, down;
    up.baseline = 0.10, up.effect = 0.12;
    down.baseline = 0.12, down.effect = 0.10;
    CHECK(mlwb::power::solve(up).value.n_per_arm == Approx(mlwb::power::solve(down).value.n_per_arm).epsilon(1e-14));
}

TEST_CASE("invalid inputs are reported per field, never thrown", "[power][validation]") {
    auto field_of = [](PowerInputs in) {
        const auto r = mlwb::power::solve(in);
        return r.ok() ? std::string() : r.errors.front().field;
    };
    PowerInputs in;
    in.baseline = 1.5;
    CHECK(field_of(in) == "baseline");
    in = {};
    in.baseline = std::nan("");
    CHECK(field_of(in) == "baseline");
    in = {};
    in.effect = 0.0;
    CHECK(field_of(in) == "effect");
    in = {};
    in.effect = in.baseline;
    CHECK(field_of(in) == "effect");
    in = {};
    in.alpha = 1.0;
    CHECK(field_of(in) == "alpha");
    in = {};
    in.power = -0.2;
    CHECK(field_of(in) == "power");
    in = {};
    in.power = 0.01;  // below the test's rejection rate with no data
    CHECK(field_of(in) == "power");
    in = {};
    in.baseline = 0.5;
    in.effect = 0.5 + 1e-9;  // would need ~1e17 per arm
    CHECK(field_of(in) == "effect");
}
