#include "drift/stat_tests.hpp"

#include <cmath>

namespace mlwb::drift {
namespace {

// Thresholds and rules as Evidently's stattests define them (v0.6.x): p-value tests default
// to 0.05 except Anderson–Darling and Cramér–von Mises (0.1); distances to 0.1.
constexpr StatTestInfo kTests[] = {
    {StatTest::Ks, "ks", "Kolmogorov-Smirnov p-value", "ks_pvalue", true, false, 0.05, DriftRule::PValueAtMost},
    {StatTest::ChiSquare, "chisquare", "chi-square p-value", "chi2_pvalue", true, true, 0.05, DriftRule::PValueBelow},
    {StatTest::Z, "z", "two-proportion z-test p-value", "z_pvalue", true, true, 0.05, DriftRule::PValueBelow},
    {StatTest::Wasserstein, "wasserstein", "Wasserstein distance (normed)", "wasserstein_normed", true, false, 0.1,
     DriftRule::ScoreAtLeast},
    {StatTest::Psi, "psi", "PSI", "psi", true, true, 0.1, DriftRule::ScoreAtLeast},
    {StatTest::Kl, "kl_div", "Kullback-Leibler divergence", "kl_divergence", true, true, 0.1, DriftRule::ScoreAtLeast},
    {StatTest::JensenShannon, "jensenshannon", "Jensen-Shannon distance", "jensenshannon", true, true, 0.1,
     DriftRule::ScoreAtLeast},
    {StatTest::Anderson, "anderson", "Anderson-Darling p-value", "anderson_pvalue", true, false, 0.1,
     DriftRule::PValueBelow},
    {StatTest::CramerVonMises, "cramer_von_mises", "Cramer-von Mises p-value", "cvm_pvalue", true, false, 0.1,
     DriftRule::PValueAtMost},
    {StatTest::Energy, "ed", "energy distance", "energy_distance", true, false, 0.1, DriftRule::ScoreAbove},
    {StatTest::Hellinger, "hellinger", "Hellinger distance", "hellinger", true, true, 0.1, DriftRule::ScoreAtLeast},
};

}  // namespace

std::span<const StatTestInfo> stat_tests() { return kTests; }

const StatTestInfo& stat_test_info(StatTest test) {
    for (const auto& t : kTests)
        if (t.id == test) return t;
    return kTests[0];
}

std::optional<StatTest> stat_test_from_key(std::string_view key) {
    for (const auto& t : kTests)
        if (key == t.key) return t.id;
    return std::nullopt;
}

bool is_pvalue_test(StatTest test) {
    const DriftRule r = stat_test_info(test).rule;
    return r == DriftRule::PValueAtMost || r == DriftRule::PValueBelow;
}

bool test_applies(StatTest test, ColumnKind kind) {
    const auto& info = stat_test_info(test);
    return kind == ColumnKind::Numeric ? info.numeric : info.categorical;
}

bool drift_detected(StatTest test, double score, double threshold) {
    if (std::isnan(score)) return false;
    switch (stat_test_info(test).rule) {
    case DriftRule::PValueAtMost: return score <= threshold;
    case DriftRule::PValueBelow: return score < threshold;
    case DriftRule::ScoreAtLeast: return score >= threshold;
    case DriftRule::ScoreAbove: return score > threshold;
    }
    return false;
}

StatTest default_stat_test(ColumnKind kind, std::size_t reference_rows, std::size_t distinct) {
    if (reference_rows <= 1000) {
        if (kind == ColumnKind::Numeric && distinct > 5) return StatTest::Ks;
        return distinct > 2 ? StatTest::ChiSquare : StatTest::Z;
    }
    if (kind == ColumnKind::Numeric && distinct > 5) return StatTest::Wasserstein;
    return StatTest::JensenShannon;
}

}  // namespace mlwb::drift
