// The drift lens's two-sample tests (KS, Anderson–Darling k-sample, Cramér–von Mises) and the
// Kolmogorov distributions behind KS, against scipy 1.10.1.
// Golden values: tests/golden/drift_tests.json, made by scripts/golden/drift_tests.py with
// /usr/bin/python3 (scipy's ks_2samp, anderson_ksamp, cramervonmises_2samp, kstwo.sf,
// special.smirnov and its exact two-sample helpers). Large samples are stored as recipes that
// build() below turns into the same doubles as the script.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "golden.hpp"

#include "drift/anderson_ksamp.hpp"
#include "drift/cramer_von_mises.hpp"
#include "drift/kolmogorov.hpp"
#include "drift/ks_test.hpp"

MLWB_GOLDEN(drift_tests);

namespace {

using namespace mlwb::drift;
using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kStatisticTolerance = 1e-9;  // relative
constexpr double kPRelTolerance = 1e-9;
constexpr double kPAbsTolerance = 1e-12;

const json& golden() {
    static const json parsed = parse_golden(golden_drift_tests, golden_drift_tests_size);
    return parsed;
}

double value_or_nan(const json& v) { return v.is_null() ? kNaN : v.get<double>(); }

bool statistic_matches(double got, double want) {
    if (std::isnan(want)) return std::isnan(got);
    return std::fabs(got - want) <= kStatisticTolerance * std::fabs(want);
}

bool pvalue_matches(double got, double want) {
    if (std::isnan(want)) return std::isnan(got);
    const double err = std::fabs(got - want);
    return err <= kPRelTolerance * std::fabs(want) || err <= kPAbsTolerance;
}

// The recipes of scripts/golden/drift_tests.py (build()), operation for operation. The
// product goes through a volatile so that no compiler fuses it with the addition (an FMA
// would change the last bit, and these values must be the script's exactly).
std::vector<double> build(const json& recipe) {
    const std::string kind = recipe.at("kind");
    const std::size_t n = recipe.at("n");
    const double start = recipe.value("start", 1.0);
    const double scale = recipe.at("scale"), offset = recipe.at("offset");
    double mult[4] = {0, 0, 0, 0};
    if (kind == "irwin")
        for (int c = 0; c < 4; ++c) mult[c] = recipe.at("mults").at(c);
    else
        mult[0] = recipe.at("mult");
    const double levels = recipe.value("levels", 1.0);
    std::vector<double> values(n);
    for (std::size_t k = 0; k < n; ++k) {
        const double i = start + static_cast<double>(k);
        double base;
        if (kind == "frac") {
            base = std::fmod(i * mult[0], 1.0);
        } else if (kind == "irwin") {
            double f[4];
            for (int c = 0; c < 4; ++c) f[c] = std::fmod(i * mult[c], 1.0);
            base = (((f[0] + f[1]) + f[2]) + f[3]) - 2.0;
        } else if (kind == "cauchy") {
            const double u = std::fmod(i * mult[0], 1.0);
            base = 1.0 / u - 1.0 / (1.0 - u);
        } else {  // "levels"
            base = std::floor(std::fmod(i * mult[0], 1.0) * levels) / levels;
        }
        volatile double scaled = base * scale;
        values[k] = scaled + offset;
    }
    return values;
}

std::vector<double> sorted_sample(const json& c, const char* values_key, const char* recipe_key) {
    std::vector<double> v = c.contains(recipe_key) ? build(c.at(recipe_key)) : c.at(values_key).get<std::vector<double>>();
    std::sort(v.begin(), v.end());
    return v;
}

void check(const char* test, const json& want, const TestResult& got) {
    const double want_statistic = want.is_null() ? kNaN : value_or_nan(want.at(0));
    const double want_p = want.is_null() ? kNaN : value_or_nan(want.at(1));
    INFO(test << ": statistic " << got.statistic << " want " << want_statistic << ", p " << got.pvalue << " want " << want_p);
    CHECK(statistic_matches(got.statistic, want_statistic));
    CHECK(pvalue_matches(got.pvalue, want_p));
}

std::vector<double> ramp(std::size_t n, double first, double step) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = first + step * static_cast<double>(i);
    return v;
}

bool valid(const TestResult& r) { return !std::isnan(r.statistic) && r.pvalue >= 0.0 && r.pvalue <= 1.0; }

}  // namespace

TEST_CASE("Golden file records the scipy it came from", "[drift]") {
    const json& v = golden().at("versions");
    CHECK(v.at("scipy") == "1.10.1");
    CHECK(v.at("numpy") == "1.24.2");
    CHECK(golden().at("two_sample").size() > 200);
}

// One test for all three so that the large recipe samples are built and sorted once.
TEST_CASE("ks_2samp, anderson_ksamp and cramervonmises_2samp agree with scipy on the golden samples", "[drift]") {
    for (const json& c : golden().at("two_sample")) {
        const std::vector<double> x = sorted_sample(c, "x", "x_recipe");
        const std::vector<double> y = sorted_sample(c, "y", "y_recipe");
        INFO(c.at("name").get<std::string>() << " (" << x.size() << " x " << y.size() << ")");
        check("ks_2samp", c.at("ks"), ks_2samp(x, y));
        check("anderson_ksamp", c.at("anderson"), anderson_ksamp(x, y));
        check("cramervonmises_2samp", c.at("cvm"), cramervonmises_2samp(x, y));
    }
}

TEST_CASE("kstwo_sf agrees with scipy.stats.kstwo.sf on every branch", "[drift]") {
    for (const json& c : golden().at("kstwo_sf")) {
        const double d = c.at("d");
        const long long n = c.at("n");
        const double got = kstwo_sf(d, n), want = value_or_nan(c.at("sf"));
        INFO("kstwo.sf(" << d << ", " << n << ") = " << got << " want " << want);
        CHECK(pvalue_matches(got, want));
    }
}

TEST_CASE("smirnov agrees with scipy.special.smirnov", "[drift]") {
    for (const json& c : golden().at("smirnov")) {
        const long long n = c.at("n");
        const double x = c.at("x");
        const double got = smirnov(n, x), want = value_or_nan(c.at("sf"));
        INFO("smirnov(" << n << ", " << x << ") = " << got << " want " << want);
        CHECK(pvalue_matches(got, want));
    }
}

TEST_CASE("Durbin matrix CDF agrees with scipy's _kolmogn_DMTW", "[drift]") {
    for (const json& c : golden().at("durbin_cdf")) {
        const long long n = c.at("n");
        const double d = c.at("d");
        const double got = kolmogorov_cdf_durbin(n, d), want = c.at("cdf");
        INFO("durbin(" << n << ", " << d << ") = " << got << " want " << want);
        CHECK(pvalue_matches(got, want));
    }
}

TEST_CASE("Exact two-sample KS probabilities agree with scipy's helpers", "[drift]") {
    for (const json& c : golden().at("square")) {
        const long long n = c.at("n"), h = c.at("h");
        const double got = ks_prob_outside_square(n, h), want = c.at("p");
        INFO("square(" << n << ", " << h << ") = " << got << " want " << want);
        CHECK(pvalue_matches(got, want));
    }
    for (const json& c : golden().at("inside")) {
        const long long m = c.at("m"), n = c.at("n"), h = c.at("h");
        const double got = ks_outer_prob_inside(m, n, h), want = c.at("p");
        INFO("inside(" << m << ", " << n << ", " << h << ") = " << got << " want " << want);
        CHECK(pvalue_matches(got, want));
    }
    // The equal-size sum exceeds 1 by an ulp here; ks_2samp must then fall back to kstwo.
    CHECK(ks_prob_outside_square(5, 1) > 1.0);
}

TEST_CASE("Two-sample tests handle one-element and empty samples", "[drift]") {
    const std::vector<double> one{1.0}, other{2.0}, three{0.0, 1.5, 3.0};
    const std::vector<double> empty;

    const TestResult ks = ks_2samp(one, other);
    CHECK(ks.statistic == 1.0);
    CHECK(ks.pvalue == 1.0);  // two values can never be significant
    CHECK(ks_2samp(one, one).statistic == 0.0);
    CHECK(valid(ks_2samp(one, three)));
    CHECK(std::isnan(ks_2samp(empty, three).statistic));
    CHECK(std::isnan(ks_2samp(three, empty).pvalue));

    // scipy raises for these; the engine answers NaN.
    CHECK(std::isnan(anderson_ksamp(one, other).statistic));  // N = 2
    CHECK(std::isnan(anderson_ksamp(empty, three).pvalue));
    CHECK(std::isnan(cramervonmises_2samp(one, three).statistic));
    CHECK(std::isnan(cramervonmises_2samp(three, one).pvalue));
    CHECK(std::isnan(cramervonmises_2samp(empty, three).pvalue));
}

TEST_CASE("Identical and constant samples show no drift", "[drift]") {
    for (std::size_t n : {1u, 2u, 7u, 60u, 2000u, 12000u}) {
        const std::vector<double> x = ramp(n, -3.0, 0.25);
        const TestResult ks = ks_2samp(x, x);
        INFO("n = " << n);
        CHECK(ks.statistic == 0.0);
        CHECK(ks.pvalue == 1.0);
        if (n >= 2) {
            const TestResult cvm = cramervonmises_2samp(x, x);
            CHECK(valid(cvm));
            CHECK(cvm.pvalue > 0.9);
            const TestResult ad = anderson_ksamp(x, x);
            CHECK(valid(ad));
            CHECK(ad.pvalue == 0.25);  // capped
        }
    }
    const std::vector<double> same(50, 4.0), same_too(30, 4.0);
    CHECK(ks_2samp(same, same_too).statistic == 0.0);
    CHECK(ks_2samp(same, same_too).pvalue == 1.0);
    CHECK(std::isnan(anderson_ksamp(same, same_too).statistic));  // one distinct value
    const TestResult cvm = cramervonmises_2samp(same, same_too);
    CHECK(valid(cvm));
}

TEST_CASE("Extreme separation gives tiny p-values, never negative", "[drift]") {
    for (std::size_t n : {3u, 25u, 400u, 9999u, 10000u, 10001u, 60000u}) {
        const std::vector<double> x = ramp(n, 0.0, 1.0), y = ramp(n + n / 3, 1e9, 1.0);
        INFO("n = " << n);
        for (const TestResult& r : {ks_2samp(x, y), ks_2samp(y, x)}) {
            CHECK(r.statistic == 1.0);
            CHECK(r.pvalue >= 0.0);
            CHECK(r.pvalue < 0.2);
        }
        const TestResult cvm = cramervonmises_2samp(x, y);
        CHECK(valid(cvm));
        CHECK(cvm.pvalue < 0.2);
        const TestResult ad = anderson_ksamp(x, y);
        CHECK(valid(ad));
        if (n >= 25) CHECK(ad.pvalue == 0.001);  // floored
    }
}

TEST_CASE("Valid inputs never produce NaN", "[drift]") {
    // Sizes on both sides of every method switch, data with and without ties.
    const std::size_t sizes[] = {2, 3, 5, 19, 20, 21, 140, 141, 1000, 10000, 10001, 30000};
    for (std::size_t n1 : sizes) {
        for (std::size_t n2 : {std::size_t{2}, std::size_t{20}, std::size_t{21}, std::size_t{9999}, std::size_t{15000}}) {
            std::vector<double> x(n1), y(n2);
            for (std::size_t i = 0; i < n1; ++i) x[i] = std::fmod(static_cast<double>(i + 1) * 0.6180339887498949, 1.0);
            for (std::size_t j = 0; j < n2; ++j) y[j] = std::floor(std::fmod(static_cast<double>(j + 1) * 0.41421356237309503, 1.0) * 10) / 10;
            std::sort(x.begin(), x.end());
            std::sort(y.begin(), y.end());
            INFO(n1 << " x " << n2);
            CHECK(valid(ks_2samp(x, y)));
            CHECK(valid(anderson_ksamp(x, y)));
            CHECK(valid(cramervonmises_2samp(x, y)));
        }
    }
}

TEST_CASE("Kolmogorov distributions reject arguments outside their domain", "[drift]") {
    CHECK(std::isnan(kstwo_sf(0.5, 0)));
    CHECK(std::isnan(kstwo_sf(kNaN, 10)));
    CHECK(kstwo_sf(-1.0, 10) == 1.0);
    CHECK(kstwo_sf(1.0, 10) == 0.0);
    CHECK(std::isnan(smirnov(0, 0.5)));
    CHECK(std::isnan(smirnov(10, 1.5)));
    CHECK(std::isnan(smirnov(10, kNaN)));
    CHECK(std::isnan(kolmogorov_cdf_durbin(0, 0.5)));
    CHECK(std::isnan(kolmogorov_cdf_durbin(1000000, 0.5)));  // a 10^6 x 10^6 matrix: refused
    CHECK(std::isnan(ks_prob_outside_square(10, 0)));
    CHECK(std::isnan(ks_outer_prob_inside(0, 5, 3)));
}
