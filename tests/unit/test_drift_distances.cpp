// The drift lens's binning, divergences, distances and count tests against numpy 1.24.2,
// scipy 1.10.1 and Evidently 0.6.7's formulas (re-done in pandas/numpy/scipy).
// Golden values: tests/golden/drift_distances.json, made by scripts/golden/drift_distances.py.
// Large samples are stored as recipes (splitmix64 integers turned into doubles by exact
// operations) and rebuilt here bit for bit.
// Set MLWB_PRINT_DRIFT_ERRORS=1 to print the largest relative error of each function.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "golden.hpp"

#include "drift/binning.hpp"
#include "drift/count_tests.hpp"
#include "drift/distance.hpp"
#include "drift/divergence.hpp"
#include "drift/numpy_sum.hpp"

MLWB_GOLDEN(drift_distances);

namespace {

using namespace mlwb::drift;
using nlohmann::json;

constexpr double kRelative = 1e-9;        // statistics and distances, relative
constexpr double kPValueAbsolute = 1e-12;  // p-values: relative or absolute
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

const json& golden() {
    static const json parsed = parse_golden(golden_drift_distances, golden_drift_distances_size);
    return parsed;
}

// JSON has no inf/NaN: the generator writes them as strings.
double num(const json& j) {
    if (j.is_string()) {
        const std::string s = j.get<std::string>();
        if (s == "inf") return kInf;
        if (s == "-inf") return -kInf;
        return kNaN;
    }
    return j.get<double>();
}

std::vector<double> nums(const json& j) {
    std::vector<double> out;
    for (const json& v : j) out.push_back(num(v));
    return out;
}

// ---- the generator's recipes (scripts/golden/drift_distances.py, build()) ------------------

std::uint64_t splitmix64(std::uint64_t seed, std::uint64_t i) {  // output i (from 1) of a stream
    std::uint64_t z = seed + i * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::int64_t top53(std::uint64_t u) { return static_cast<std::int64_t>(u >> 11); }

// Every product below is by a power of two (exact), so contraction into an FMA cannot change a bit.
std::vector<double> build(const json& spec) {
    if (spec.is_array()) return nums(spec);
    const std::string kind = spec.at("gen").get<std::string>();
    std::vector<double> out;
    if (kind == "repeat") {
        const std::vector<double> values = nums(spec.at("values"));
        for (std::size_t i = 0; i < values.size(); ++i)
            out.insert(out.end(), spec.at("counts")[i].get<std::size_t>(), values[i]);
        return out;
    }
    const std::size_t n = spec.at("n").get<std::size_t>();
    const std::uint64_t seed = spec.at("seed").get<std::uint64_t>();
    const double lo = spec.contains("lo") ? spec.at("lo").get<double>() : 0.0;
    const int e = spec.contains("exp") ? spec.at("exp").get<int>() : 0;
    out.reserve(n);
    for (std::uint64_t k = 0; k < n; ++k) {
        double v = 0.0;
        if (kind == "uniform") {
            v = static_cast<double>(top53(splitmix64(seed, k + 1))) * std::ldexp(1.0, e - 53) + lo;
        } else if (kind == "bell") {
            std::int64_t s = 0;
            for (std::uint64_t j = 1; j <= 4; ++j) s += static_cast<std::int64_t>(splitmix64(seed, 4 * k + j) >> 13);
            v = static_cast<double>(s - (std::int64_t{1} << 52)) * std::ldexp(1.0, e - 52) + lo;
        } else if (kind == "ratio") {
            const double a = static_cast<double>(top53(splitmix64(seed, 2 * k + 1)) - (std::int64_t{1} << 52));
            const double b = static_cast<double>(top53(splitmix64(seed, 2 * k + 2)) + 1);
            v = a / b * std::ldexp(1.0, e) + lo;
        } else if (kind == "int") {
            const std::uint64_t u = splitmix64(seed, k + 1) % spec.at("k").get<std::uint64_t>();
            v = static_cast<double>(u) * std::ldexp(1.0, e) + lo;
        } else if (kind == "grid") {
            const std::uint64_t u = splitmix64(seed, k + 1) % spec.at("k").get<std::uint64_t>();
            v = static_cast<double>(u) / spec.at("d").get<double>() + lo;
        } else if (kind == "mixed") {
            const std::uint64_t u = splitmix64(seed, k + 1);
            v = std::ldexp(static_cast<double>(top53(u) - (std::int64_t{1} << 52)), static_cast<int>(u & 63) - 80);
        }
        out.push_back(v);
    }
    return out;
}

std::vector<double> sorted(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// ---- comparisons, with the largest error per function kept for the report -------------------

// Printed when the test binary exits (the map lives in the same object, so it outlives the print).
struct ErrorReport {
    std::map<std::string, double> errors;
    ~ErrorReport() {
        if (std::getenv("MLWB_PRINT_DRIFT_ERRORS") == nullptr) return;
        for (const auto& [function, error] : errors) std::printf("max error %-52s %.3g\n", function.c_str(), error);
    }
} report_at_exit;

std::map<std::string, double>& max_errors() { return report_at_exit.errors; }

double relative_error(double got, double want) {
    if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got) ? 0.0 : kInf;
    if (got == want) return 0.0;  // includes equal infinities
    if (want == 0.0) return std::fabs(got) == 0.0 ? 0.0 : kInf;
    return std::fabs(got - want) / std::fabs(want);
}

void note(const std::string& function, double error) {
    double& worst = max_errors()[function];
    worst = std::max(worst, error);
}

bool close(const std::string& function, double got, double want, double rel = kRelative) {
    const double error = relative_error(got, want);
    note(function, error);
    return error <= rel;
}

// p-values: 1e-9 relative or 1e-12 absolute. The report keeps the relative error where it means
// something (p in the normal range; below, scipy's cephes and Boost underflow at different points).
bool close_p(const std::string& function, double got, double want) {
    const double error = relative_error(got, want);
    if (!(std::fabs(want) < 1e-290)) note(function + " (relative, p >= 1e-290)", error);
    if (std::isfinite(got) && std::isfinite(want)) note(function + " (absolute)", std::fabs(got - want));
    return error <= kRelative || std::fabs(got - want) <= kPValueAbsolute;
}

bool same(const std::string& function, double got, double want) { return close(function, got, want, 0.0); }

bool same_vectors(const std::string& function, const std::vector<double>& got, const std::vector<double>& want) {
    if (got.size() != want.size()) return false;
    bool ok = true;
    for (std::size_t i = 0; i < got.size(); ++i) ok = same(function, got[i], want[i]) && ok;
    return ok;
}

bool all_finite(std::initializer_list<double> values) {
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace

TEST_CASE("drift numpy_sum equals np.sum bit for bit", "[drift]") {
    for (const json& c : golden().at("numpy_sum")) {
        const std::vector<double> values = build(c.at("data"));
        INFO(c.at("name").get<std::string>());
        CHECK(same("numpy_sum", numpy_sum(values), num(c.at("sum"))));
        CHECK(same("numpy_sum", numpy_sum_of(values.size(), [&](std::size_t i) { return values[i]; }), num(c.at("sum"))));
    }
}

TEST_CASE("drift Sturges edges and histogram counts equal numpy's exactly", "[drift]") {
    for (const json& c : golden().at("sturges")) {
        INFO(c.at("name").get<std::string>());
        const std::vector<double> values = sorted(build(c.at("data")));
        REQUIRE(values.size() == c.at("count").get<std::size_t>());
        CHECK(values.front() == num(c.at("min")));
        CHECK(values.back() == num(c.at("max")));
        const std::vector<double> edges = sturges_edges(values.front(), values.back(), values.size());
        CHECK(same_vectors("sturges_edges", edges, nums(c.at("edges"))));
        CHECK(same_vectors("histogram_counts", histogram_counts(values, edges), nums(c.at("counts"))));
    }
    int beyond_log2 = 0;  // the power-of-two cases where ceil lands one bin above log2(n) + 1
    for (const json& c : golden().at("sturges_edges")) {
        INFO(c.at("name").get<std::string>());
        const std::size_t count = c.at("count").get<std::size_t>();
        const std::vector<double> edges = sturges_edges(num(c.at("min")), num(c.at("max")), count);
        if (c.at("edges").is_string()) {
            CHECK(edges.empty());  // numpy raises
            continue;
        }
        CHECK(same_vectors("sturges_edges", edges, nums(c.at("edges"))));
        if (num(c.at("min")) != num(c.at("max")) &&
            static_cast<double>(edges.size() - 1) > std::log2(static_cast<double>(count)) + 1.0)
            ++beyond_log2;
    }
    CHECK(beyond_log2 > 0);
}

TEST_CASE("drift Evidently numeric shares, divergences and distances", "[drift]") {
    for (const json& c : golden().at("numeric")) {
        INFO(c.at("name").get<std::string>());
        const std::vector<double> ref_in_data_order = build(c.at("ref"));
        const std::vector<double> ref = sorted(ref_in_data_order);
        const std::vector<double> cur = sorted(build(c.at("cur")));
        const Shares shares = evidently_numeric_shares(ref, cur);
        CHECK(shares.reference.size() == c.at("buckets").get<std::size_t>());
        CHECK(shares.current.size() == shares.reference.size());
        if (c.contains("ref_shares")) {
            CHECK(same_vectors("evidently_numeric_shares", shares.reference, nums(c.at("ref_shares"))));
            CHECK(same_vectors("evidently_numeric_shares", shares.current, nums(c.at("cur_shares"))));
            std::vector<double> filled_ref = shares.reference;
            std::vector<double> filled_cur = shares.current;
            fill_zeroes(filled_ref);
            fill_zeroes(filled_cur);
            CHECK(same_vectors("fill_zeroes", filled_ref, nums(c.at("ref_filled"))));
            CHECK(same_vectors("fill_zeroes", filled_cur, nums(c.at("cur_filled"))));
        }
        CHECK(close("psi", psi(shares), num(c.at("psi"))));
        CHECK(close("kl_divergence", kl_divergence(shares), num(c.at("kl"))));
        CHECK(close("jensenshannon", jensenshannon(shares), num(c.at("js"))));
        CHECK(close("hellinger_numeric", hellinger_numeric(ref, cur), num(c.at("hellinger"))));
        const double w = wasserstein_distance(ref, cur);
        CHECK(close("wasserstein_distance", w, num(c.at("wasserstein"))));
        CHECK(close("energy_distance", energy_distance(ref, cur), num(c.at("energy"))));
        // np.std sums in data order: bit-equal on the data as numpy saw it, within 1e-9 once sorted.
        CHECK(same("std_population (data order)", std_population(ref_in_data_order), num(c.at("std_ref"))));
        const double spread = std_population(ref);
        CHECK(close("std_population (sorted)", spread, num(c.at("std_ref"))));
        CHECK(close("wasserstein_normed", wasserstein_normed(w, spread), num(c.at("wasserstein_normed"))));
    }
}

TEST_CASE("drift Evidently categorical shares, divergences and count tests", "[drift]") {
    for (const json& c : golden().at("categorical")) {
        INFO(c.at("name").get<std::string>());
        const std::vector<double> ref = nums(c.at("ref_counts"));
        const std::vector<double> cur = nums(c.at("cur_counts"));
        const Shares shares = count_shares(ref, cur);
        CHECK(same_vectors("count_shares", shares.reference, nums(c.at("ref_shares"))));
        CHECK(same_vectors("count_shares", shares.current, nums(c.at("cur_shares"))));
        CHECK(close("psi", psi(shares), num(c.at("psi"))));
        CHECK(close("kl_divergence", kl_divergence(shares), num(c.at("kl"))));
        CHECK(close("jensenshannon", jensenshannon(shares), num(c.at("js"))));
        CHECK(close("hellinger_categorical", hellinger_categorical(shares), num(c.at("hellinger"))));
        const TestResult chi = evidently_chisquare(ref, cur);
        CHECK(close("evidently_chisquare stat", chi.statistic, num(c.at("chisquare_stat"))));
        CHECK(close_p("evidently_chisquare p", chi.pvalue, num(c.at("chisquare_p"))));
        const TestResult z = proportion_z_test(ref, cur);
        if (!c.at("z").is_null()) CHECK(close("proportion_z_test z", z.statistic, num(c.at("z"))));
        CHECK(close_p("proportion_z_test p", z.pvalue, num(c.at("z_p"))));

        // A category no one has (here in front, where it would be "the first category") changes nothing.
        std::vector<double> ref_padded = ref;
        std::vector<double> cur_padded = cur;
        ref_padded.insert(ref_padded.begin(), 0.0);
        cur_padded.insert(cur_padded.begin(), 0.0);
        const Shares padded = count_shares(ref_padded, cur_padded);
        CHECK(padded.reference == shares.reference);
        CHECK(padded.current == shares.current);
        const TestResult chi_padded = evidently_chisquare(ref_padded, cur_padded);
        const TestResult z_padded = proportion_z_test(ref_padded, cur_padded);
        CHECK((chi_padded.pvalue == chi.pvalue || (std::isnan(chi_padded.pvalue) && std::isnan(chi.pvalue))));
        CHECK(z_padded.pvalue == z.pvalue);
    }
}

TEST_CASE("drift scipy chisquare including its inf, NaN and sum-check cases", "[drift]") {
    for (const json& c : golden().at("chisquare")) {
        INFO(c.at("name").get<std::string>());
        const std::vector<double> observed = nums(c.at("observed"));
        const std::vector<double> expected = c.at("expected").is_null() ? std::vector<double>{} : nums(c.at("expected"));
        const TestResult r = chisquare(observed, expected);
        if (c.at("stat").is_string() && c.at("stat").get<std::string>() == "error") {
            CHECK(std::isnan(r.statistic));  // scipy raises: the sums disagree
            CHECK(std::isnan(r.pvalue));
            continue;
        }
        CHECK(close("chisquare stat", r.statistic, num(c.at("stat"))));
        CHECK(close_p("chisquare p", r.pvalue, num(c.at("p"))));
    }
}

TEST_CASE("drift fill_zeroes follows Evidently's feel_zeroes", "[drift]") {
    for (const json& c : golden().at("fill_zeroes")) {
        std::vector<double> shares = nums(c.at("shares"));
        fill_zeroes(shares);
        CHECK(same_vectors("fill_zeroes", shares, nums(c.at("filled"))));
    }
    std::vector<double> zeros{0.0, 0.0};
    fill_zeroes(zeros);  // Evidently raises here; nothing to fill with
    CHECK(zeros == std::vector<double>{0.0, 0.0});
}

TEST_CASE("drift identical samples give zero distance and no drift", "[drift]") {
    const std::vector<double> a = sorted(build(json{{"gen", "bell"}, {"n", 5000}, {"seed", 3}, {"exp", 1}}));
    const Shares shares = evidently_numeric_shares(a, a);
    CHECK(psi(shares) == 0.0);
    CHECK(kl_divergence(shares) == 0.0);
    CHECK(jensenshannon(shares) == 0.0);
    CHECK(hellinger_numeric(a, a) == Approx(0.0).margin(1e-7));
    CHECK(wasserstein_distance(a, a) == 0.0);
    CHECK(energy_distance(a, a) == 0.0);
    const std::vector<double> counts{5, 0, 12, 3};
    const Shares same_counts = count_shares(counts, counts);
    CHECK(psi(same_counts) == 0.0);
    CHECK(jensenshannon(same_counts) == 0.0);
    CHECK(hellinger_categorical(same_counts) == Approx(0.0).margin(1e-7));
    CHECK(evidently_chisquare(counts, counts).pvalue == 1.0);
    CHECK(proportion_z_test(counts, counts).pvalue == 1.0);
}

TEST_CASE("drift single values and degenerate ranges", "[drift]") {
    const std::vector<double> one{4.0};
    const std::vector<double> other{6.0};
    CHECK(wasserstein_distance(one, other) == 2.0);
    CHECK(energy_distance(one, one) == 0.0);
    CHECK(std_population(one) == 0.0);
    CHECK(wasserstein_normed(2.0, 0.0) == 2000.0);  // constant reference: the 0.001 floor
    CHECK(hellinger_numeric(one, one) == 0.0);
    CHECK(hellinger_numeric(one, other) == 1.0);
    const std::vector<double> huge{1e17, 1e17};  // numpy's +-0.5 cannot widen this range
    CHECK(sturges_edges(1e17, 1e17, 2) == std::vector<double>{1e17, 1e17});
    CHECK(histogram_counts(huge, sturges_edges(1e17, 1e17, 2)) == std::vector<double>{2.0});
    CHECK(hellinger_numeric(huge, huge) == 0.0);  // Evidently: 0/0 = NaN
    const TestResult single = proportion_z_test(std::vector<double>{0, 7}, std::vector<double>{0, 3});
    CHECK(single.pvalue == 1.0);
    CHECK(std::isnan(chisquare(std::vector<double>{5}, std::vector<double>{5}).pvalue));  // one cell
}

TEST_CASE("drift metrics never produce NaN for valid input", "[drift]") {
    const char* kinds[] = {"uniform", "bell", "ratio", "int", "grid", "mixed"};
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        json ref_spec{{"gen", kinds[seed % 6]}, {"n", 1 + (seed * 37) % 400}, {"seed", seed}, {"k", 1 + seed % 25}, {"d", 7.0}};
        json cur_spec{{"gen", kinds[(seed / 6) % 6]}, {"n", 1 + (seed * 53) % 300}, {"seed", seed + 1000}, {"k", 1 + seed % 4}, {"d", 3.0}};
        const std::vector<double> ref = sorted(build(ref_spec));
        const std::vector<double> cur = sorted(build(cur_spec));
        INFO("seed " << seed);
        const Shares shares = evidently_numeric_shares(ref, cur);
        const double w = wasserstein_distance(ref, cur);
        CHECK(all_finite({psi(shares), kl_divergence(shares), jensenshannon(shares), hellinger_numeric(ref, cur), w,
                          energy_distance(ref, cur), wasserstein_normed(w, std_population(ref))}));
        std::vector<double> ref_counts(5), cur_counts(5);
        for (std::size_t i = 0; i < ref.size(); ++i) ref_counts[static_cast<std::size_t>(i * seed) % 5] += 1;
        for (std::size_t i = 0; i < cur.size(); ++i) cur_counts[static_cast<std::size_t>(i + seed) % 5] += 1;
        const Shares categorical = count_shares(ref_counts, cur_counts);
        CHECK(all_finite({psi(categorical), kl_divergence(categorical), jensenshannon(categorical),
                          hellinger_categorical(categorical), evidently_chisquare(ref_counts, cur_counts).pvalue,
                          proportion_z_test(ref_counts, cur_counts).pvalue}));
    }
}

TEST_CASE("drift invalid input gives NaN or empty results, never a crash", "[drift]") {
    const std::vector<double> empty;
    const std::vector<double> some{1.0, 2.0};
    CHECK(std::isnan(wasserstein_distance(empty, some)));
    CHECK(std::isnan(energy_distance(some, empty)));
    CHECK(std::isnan(std_population(empty)));
    CHECK(std::isnan(hellinger_numeric(empty, some)));
    CHECK(evidently_numeric_shares(empty, some).reference.empty());
    CHECK(std::isnan(psi(Shares{})));
    CHECK(std::isnan(jensenshannon(Shares{{0.5, 0.5}, {1.0}})));
    CHECK(count_shares(some, std::vector<double>{1.0}).reference.empty());
    CHECK(count_shares(some, std::vector<double>{0.0, 0.0}).reference.empty());
    CHECK(std::isnan(evidently_chisquare(some, std::vector<double>{0.0, 0.0}).pvalue));
    CHECK(std::isnan(proportion_z_test(some, std::vector<double>{1.0}).pvalue));
    CHECK(std::isnan(chisquare(some, std::vector<double>{1.0}).pvalue));
    CHECK(std::isnan(chisquare(empty, empty).pvalue));
    CHECK(sturges_edges(kNaN, 1.0, 10).empty());
    CHECK(sturges_edges(0.0, kInf, 10).empty());
    CHECK(sturges_edges(0.0, 0.0, 0) == std::vector<double>{0.0, 1.0});  // numpy on an empty array
    CHECK(histogram_counts(some, std::vector<double>{1.0}).empty());
    CHECK(histogram_counts(some, std::vector<double>{2.0, 1.0}).empty());
}
