// A/B test readout against R: prop.test(correct = FALSE), chisq.test and the Katz interval.
// Golden values: tests/golden/readout.json, made by scripts/golden/readout.R.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "golden.hpp"

#include "power/readout.hpp"

MLWB_GOLDEN(readout);

namespace {

using mlwb::power::analyse_readout;
using mlwb::power::ReadoutInputs;

nlohmann::json golden() {
    return parse_golden(golden_readout, golden_readout_size);
}

ReadoutInputs inputs_of(const nlohmann::json& c) {
    ReadoutInputs in;
    in.control_units = c["control_units"].get<double>();
    in.control_conversions = c["control_conversions"].get<double>();
    in.treatment_units = c["treatment_units"].get<double>();
    in.treatment_conversions = c["treatment_conversions"].get<double>();
    in.alpha = c["alpha"].get<double>();
    in.ratio = c["ratio"].get<double>();
    return in;
}

// |got - want| within rel of |want|, or within abs (for p-values near the end of the double range).
bool close(double got, double want, double rel, double abs = 0) {
    return std::fabs(got - want) <= rel * std::fabs(want) || std::fabs(got - want) <= abs;
}

constexpr double kTinyP = 1e-300;

// The field of the first error, and its message, or "" when the readout succeeds.
std::string first_field(const ReadoutInputs& in) {
    const auto r = analyse_readout(in);
    return r.ok() ? std::string() : r.errors.front().field;
}
std::string first_message(const ReadoutInputs& in) {
    const auto r = analyse_readout(in);
    return r.ok() ? std::string() : r.errors.front().message;
}

}  // namespace

TEST_CASE("readout matches R prop.test, chisq.test and the Katz interval to 1e-9", "[readout][reference]") {
    const auto g = golden();  // a range-for over golden()["cases"] would outlive the temporary
    REQUIRE(g["cases"].size() >= 100);
    for (const auto& c : g["cases"]) {
        INFO(c.dump());
        const auto r = analyse_readout(inputs_of(c));
        REQUIRE(r.ok());
        // 1e-9, except one case where R's own arithmetic loses digits (see scripts/golden/readout.R).
        const double kRel = c["tolerance"].get<double>();
        CHECK(close(r.value.p_value, c["p_value"].get<double>(), kRel, kTinyP));
        CHECK(close(r.value.z, c["z"].get<double>(), kRel));
        CHECK(close(r.value.ci_low, c["ci_low"].get<double>(), kRel));
        CHECK(close(r.value.ci_high, c["ci_high"].get<double>(), kRel));
        CHECK(close(r.value.difference, c["difference"].get<double>(), kRel));
        CHECK(close(r.value.srm_chi2, c["srm_chi2"].get<double>(), kRel));
        CHECK(close(r.value.srm_p_value, c["srm_p_value"].get<double>(), kRel, kTinyP));
        CHECK(r.value.srm_alert == c["srm_alert"].get<bool>());
        CHECK(r.value.srm_message.empty() == !r.value.srm_alert);

        CHECK(r.value.relative_lift_defined == !c["relative_lift"].is_null());
        if (r.value.relative_lift_defined) CHECK(close(r.value.relative_lift, c["relative_lift"].get<double>(), kRel));
        CHECK(r.value.relative_ci_defined == !c["rel_ci_low"].is_null());
        if (r.value.relative_ci_defined) {
            CHECK(close(r.value.rel_ci_low, c["rel_ci_low"].get<double>(), kRel));
            CHECK(close(r.value.rel_ci_high, c["rel_ci_high"].get<double>(), kRel));
        } else {
            CHECK_FALSE(r.value.relative_note.empty());
        }
    }
}

TEST_CASE("rates a hair below 1 keep their digits (60-digit mpmath reference)", "[readout][reference]") {
    // R's prop.test loses ~1e-7 here (it forms 1 - p from a rounded p); these values come from
    // /usr/bin/python3 with mpmath at mp.dps = 50, evaluating the same formulas on the same counts.
    const auto r = analyse_readout({1e9, 999999990, 1e9, 999999980, 0.05, 1});
    REQUIRE(r.ok());
    CHECK(close(r.value.p_value, 0.067889152798271591651, 1e-13));
    CHECK(close(r.value.z, -1.8257418720436178032, 1e-13));
    CHECK(close(r.value.ci_low, -2.0735164772843235945e-8, 1e-13));
    CHECK(close(r.value.ci_high, 7.351647728432359452e-10, 1e-13));
    CHECK(close(r.value.rel_ci_low, -2.0735164886789119848e-8, 1e-13));
    CHECK(close(r.value.rel_ci_high, 7.3516480203288323679e-10, 1e-13));
}

TEST_CASE("the golden cases cover what they claim to", "[readout][reference]") {
    const auto g = golden();
    int strict = 0, alerts = 0, quiet = 0, tiny_p = 0, huge = 0, undefined_ci = 0;
    for (const auto& c : g["cases"]) {
        (c["srm_alert"].get<bool>() ? alerts : quiet) += 1;
        if (c["p_value"].get<double>() < 1e-250) ++tiny_p;
        if (c["control_units"].get<double>() >= 1e8) ++huge;
        if (c["rel_ci_low"].is_null()) ++undefined_ci;
        if (c["tolerance"].get<double>() <= 1e-9) ++strict;
    }
    CHECK(strict >= 100);
    CHECK(alerts >= 20);
    CHECK(quiet >= 20);
    CHECK(tiny_p >= 3);
    CHECK(huge >= 20);
    CHECK(undefined_ci >= 3);
}

TEST_CASE("R example by hand: 1000 of 10000 against 1100 of 10000", "[readout]") {
    // prop.test(c(1100, 1000), c(10000, 10000), correct = FALSE): X-squared = 5.3206, p = 0.02108,
    // 95 percent CI 0.001504059 0.018495941.
    const auto r = analyse_readout(ReadoutInputs{});
    REQUIRE(r.ok());
    CHECK(r.value.control_rate == 0.1);
    CHECK(r.value.treatment_rate == 0.11);
    CHECK(r.value.z * r.value.z == Approx(5.3206).epsilon(1e-4));
    CHECK(r.value.p_value == Approx(0.02108).epsilon(1e-3));
    CHECK(r.value.ci_low == Approx(0.001504059).epsilon(1e-6));
    CHECK(r.value.ci_high == Approx(0.018495941).epsilon(1e-6));
    CHECK(r.value.relative_lift == Approx(0.1).epsilon(1e-12));
    CHECK(r.value.significant);
    CHECK_FALSE(r.value.srm_alert);
    CHECK(r.value.srm_p_value == 1.0);
    CHECK(r.value.verdict == "Significant at alpha = 0.05 (p = 0.0211): the treatment rate is higher than the control rate.");
}

TEST_CASE("the verdict is plain and never rounds p across alpha", "[readout]") {
    ReadoutInputs in;  // p = 0.0210752
    in.alpha = 0.0211;
    auto r = analyse_readout(in);
    REQUIRE(r.ok());
    CHECK(r.value.significant);
    CHECK(r.value.verdict == "Significant at alpha = 0.0211 (p = 0.02108): the treatment rate is higher than the control rate.");

    in.alpha = 0.02107;
    r = analyse_readout(in);
    CHECK_FALSE(r.value.significant);
    CHECK(r.value.verdict == "Not significant at alpha = 0.02107 (p = 0.0211): the data cannot tell the two rates apart.");

    in = {};
    in.treatment_conversions = 900;
    r = analyse_readout(in);
    CHECK(r.value.verdict.find("lower than the control rate") != std::string::npos);

    in = {};
    in.control_units = in.treatment_units = 1e9;
    in.control_conversions = 1e8;
    in.treatment_conversions = 1.0052e8;  // z = 38.7: p underflows the double range
    r = analyse_readout(in);
    CHECK(r.value.p_value < 1e-300);
    CHECK(r.value.verdict == "Significant at alpha = 0.05 (p < 1e-300): the treatment rate is higher than the control rate.");
}

TEST_CASE("swapping the groups mirrors the difference, z and its interval", "[readout]") {
    const ReadoutInputs a{52345, 4321, 61234, 5432, 0.01, 1};
    const ReadoutInputs b{61234, 5432, 52345, 4321, 0.01, 1};
    const auto ra = analyse_readout(a), rb = analyse_readout(b);
    REQUIRE(ra.ok());
    REQUIRE(rb.ok());
    CHECK(ra.value.z == -rb.value.z);
    CHECK(ra.value.p_value == rb.value.p_value);
    CHECK(ra.value.ci_low == Approx(-rb.value.ci_high).epsilon(1e-14));
    // The lift interval mirrors through 1/(1 + lift) - 1.
    CHECK(1 / (1 + ra.value.rel_ci_low) - 1 == Approx(rb.value.rel_ci_high).epsilon(1e-12));
}

TEST_CASE("a group with no conversions: the relative interval is flagged, not NaN in silence", "[readout]") {
    ReadoutInputs in;
    in.control_conversions = 0;
    in.treatment_conversions = 7;
    auto r = analyse_readout(in);
    REQUIRE(r.ok());
    CHECK(std::isfinite(r.value.p_value));
    CHECK_FALSE(r.value.relative_lift_defined);
    CHECK_FALSE(r.value.relative_ci_defined);
    CHECK(r.value.relative_note == "The relative lift is undefined: the control group has no conversions.");

    in.control_conversions = 7;
    in.treatment_conversions = 0;
    r = analyse_readout(in);
    REQUIRE(r.ok());
    CHECK(r.value.relative_lift_defined);
    CHECK(r.value.relative_lift == -1.0);
    CHECK_FALSE(r.value.relative_ci_defined);
    CHECK(r.value.relative_note == "The interval for the relative lift needs at least one conversion in each group.");
}

TEST_CASE("the SRM alert says what share was expected and what was observed", "[readout]") {
    ReadoutInputs in;
    in.treatment_units = 10500;  // chisq.test(c(10000, 10500)): X-squared = 12.195, p = 0.0004791
    auto r = analyse_readout(in);
    REQUIRE(r.ok());
    CHECK(r.value.srm_alert);
    CHECK(r.value.srm_message ==
          "Sample ratio mismatch: treatment got 51.2% of units (10,500 of 20,500) but the planned 1:1 split expects 50.0% "
          "(about 10,250). A split this far off the plan has p = 0.000479, so check assignment and logging before "
          "trusting the results.");

    // A 0.01-point drift at 2 * 10^9 units: shares shown with enough decimals to differ.
    in = {};
    in.control_units = 999900000;
    in.treatment_units = 1000100000;
    r = analyse_readout(in);
    CHECK(r.value.srm_alert);
    CHECK(r.value.srm_message.find("50.01%") != std::string::npos);
    CHECK(r.value.srm_message.find("50.00%") != std::string::npos);

    // On plan with a 1:2 split: no alert, no sentence.
    in = {};
    in.ratio = 2;
    in.treatment_units = 20000;
    r = analyse_readout(in);
    CHECK_FALSE(r.value.srm_alert);
    CHECK(r.value.srm_chi2 == 0.0);
    CHECK(r.value.srm_message.empty());
    CHECK(r.value.expected_treatment_share == Approx(2.0 / 3).epsilon(1e-15));
}

TEST_CASE("invalid counts are reported per field, never thrown", "[readout][validation]") {
    struct Case {
        const char* what;
        ReadoutInputs in;
        const char* field;
        const char* message;
    };
    const double nan = std::nan(""), inf = std::numeric_limits<double>::infinity();
    const Case cases[] = {
        {"fractional control units", {100.5, 10, 100, 10, 0.05, 1}, "control_units", "Control units must be a whole number."},
        {"NaN control units", {nan, 10, 100, 10, 0.05, 1}, "control_units", "Control units must be a whole number."},
        {"infinite control units", {inf, 10, 100, 10, 0.05, 1}, "control_units", "Control units must be a whole number."},
        {"negative control units", {-100, 0, 100, 10, 0.05, 1}, "control_units", "Control units must be at least 1: a group with no units has no rate."},
        {"zero control units", {0, 0, 100, 10, 0.05, 1}, "control_units", "Control units must be at least 1: a group with no units has no rate."},
        {"too many control units", {2e15, 10, 100, 10, 0.05, 1}, "control_units", "Control units must be at most 10^15."},
        {"fractional control conversions", {100, 9.5, 100, 10, 0.05, 1}, "control_conversions", "Control conversions must be a whole number."},
        {"negative control conversions", {100, -1, 100, 10, 0.05, 1}, "control_conversions", "Control conversions must not be negative."},
        {"control conversions above units", {100, 101, 100, 10, 0.05, 1}, "control_conversions", "Control conversions cannot exceed control units."},
        {"fractional treatment units", {100, 10, 99.9, 10, 0.05, 1}, "treatment_units", "Treatment units must be a whole number."},
        {"zero treatment units", {100, 10, 0, 0, 0.05, 1}, "treatment_units", "Treatment units must be at least 1: a group with no units has no rate."},
        {"too many treatment units", {100, 10, 1e16, 10, 0.05, 1}, "treatment_units", "Treatment units must be at most 10^15."},
        {"NaN treatment conversions", {100, 10, 100, nan, 0.05, 1}, "treatment_conversions", "Treatment conversions must be a whole number."},
        {"negative treatment conversions", {100, 10, 100, -3, 0.05, 1}, "treatment_conversions", "Treatment conversions must not be negative."},
        {"treatment conversions above units", {100, 10, 100, 200, 0.05, 1}, "treatment_conversions", "Treatment conversions cannot exceed treatment units."},
        {"alpha 0", {100, 10, 100, 10, 0, 1}, "alpha", "Significance level must be between 0 and 1 (exclusive)."},
        {"alpha 1", {100, 10, 100, 10, 1, 1}, "alpha", "Significance level must be between 0 and 1 (exclusive)."},
        {"alpha NaN", {100, 10, 100, 10, nan, 1}, "alpha", "Significance level must be between 0 and 1 (exclusive)."},
        {"ratio 0", {100, 10, 100, 10, 0.05, 0}, "ratio", "Planned split ratio must be a positive number (treatment units per control unit)."},
        {"ratio negative", {100, 10, 100, 10, 0.05, -1}, "ratio", "Planned split ratio must be a positive number (treatment units per control unit)."},
        {"ratio infinite", {100, 10, 100, 10, 0.05, inf}, "ratio", "Planned split ratio must be a positive number (treatment units per control unit)."},
        {"ratio NaN", {100, 10, 100, 10, 0.05, nan}, "ratio", "Planned split ratio must be a positive number (treatment units per control unit)."},
        {"ratio 10^7", {100, 10, 100, 10, 0.05, 1e7}, "ratio", "Planned split ratio must be between 10^-6 and 10^6."},
        {"ratio 10^-7", {100, 10, 100, 10, 0.05, 1e-7}, "ratio", "Planned split ratio must be between 10^-6 and 10^6."},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        const auto errors = mlwb::power::validate(c.in);
        REQUIRE(errors.size() == 1);
        CHECK(errors.front().field == c.field);
        CHECK(errors.front().message == c.message);
        CHECK(first_field(c.in) == c.field);
        CHECK(first_message(c.in) == c.message);
    }
}

TEST_CASE("no variation: both rates 0 or both 1 is an error on both conversion fields, not a NaN p-value", "[readout][validation]") {
    ReadoutInputs in;
    in.control_conversions = in.treatment_conversions = 0;
    auto r = analyse_readout(in);
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].field == "control_conversions");
    CHECK(r.errors[1].field == "treatment_conversions");
    CHECK(r.errors[0].message ==
          "No variation: every unit in both groups failed to convert, so there is nothing to test. The test needs at least one conversion.");

    in.control_conversions = in.control_units;
    in.treatment_conversions = in.treatment_units;
    r = analyse_readout(in);
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[1].field == "treatment_conversions");
    CHECK(r.errors[0].message ==
          "No variation: every unit in both groups converted, so there is nothing to test. The test needs at least one unit that did not convert.");

    // Rates 0 and 1 do vary: prop.test gives p = 1.524e-23 and the interval [1, 1].
    in = {};
    in.control_units = in.treatment_units = 50;
    in.control_conversions = 0;
    in.treatment_conversions = 50;
    r = analyse_readout(in);
    REQUIRE(r.ok());
    CHECK(r.value.p_value == Approx(1.5239706048321054e-23).epsilon(1e-9));
    CHECK(r.value.ci_low == 1.0);
    CHECK(r.value.ci_high == 1.0);
}

TEST_CASE("errors in several fields are all reported, and validate agrees with analyse_readout", "[readout][validation]") {
    ReadoutInputs in{-1, 0.5, 10, 11, 2, 0};
    const auto errors = mlwb::power::validate(in);
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].field == "control_units");
    CHECK(errors[1].field == "control_conversions");
    CHECK(errors[2].field == "alpha");
    CHECK(errors[3].field == "ratio");
    CHECK(errors[4].field == "treatment_conversions");
    CHECK(analyse_readout(in).errors.size() == errors.size());

    // A bad alpha does not hide the no-variation problem.
    in = {};
    in.alpha = 0;
    in.control_conversions = in.treatment_conversions = 0;
    CHECK(mlwb::power::validate(in).size() == 3);
}
