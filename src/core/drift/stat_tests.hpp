// The statistical tests the drift lens can use to decide whether a column drifted, under the
// names Evidently gives them, with Evidently's default thresholds and drift rules, and its rule
// for choosing a column's default test. One table serves the engine, the report, the CLI and
// the UI's per-column override combo.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace mlwb::drift {

enum class StatTest { Ks, ChiSquare, Z, Wasserstein, Psi, Kl, JensenShannon, Anderson, CramerVonMises, Energy, Hellinger };

// How a column is compared: numbers (order matters) or categories (only counts matter).
enum class ColumnKind { Numeric, Categorical };

// How a score becomes "drift detected". P-value tests drift when p is small, distances when the
// score is large; Evidently is strict or not depending on the test, and so are we.
enum class DriftRule { PValueAtMost, PValueBelow, ScoreAtLeast, ScoreAbove };

struct StatTestInfo {
    StatTest id;
    const char* key;         // Evidently's name: "ks", "chisquare", "wasserstein", ...
    const char* title;       // "Kolmogorov–Smirnov p-value" (UI and Markdown)
    const char* metric_key;  // which entry of the report's "metrics" is its score
    bool numeric;            // usable on numeric columns
    bool categorical;        // usable on categorical columns
    double default_threshold;
    DriftRule rule;
};

std::span<const StatTestInfo> stat_tests();
const StatTestInfo& stat_test_info(StatTest test);
std::optional<StatTest> stat_test_from_key(std::string_view key);
bool is_pvalue_test(StatTest test);
bool test_applies(StatTest test, ColumnKind kind);

// The score crosses the threshold in the test's direction. A NaN score is never a drift.
bool drift_detected(StatTest test, double score, double threshold);

// Evidently's default: with at most 1000 reference rows, KS for numeric columns with more than 5
// distinct values, else chi-square (3 to 5 values) or the z-test (at most 2); with more, the
// normed Wasserstein distance for numeric columns with more than 5 values, else Jensen–Shannon.
// `distinct` counts the values of reference and current together.
StatTest default_stat_test(ColumnKind kind, std::size_t reference_rows, std::size_t distinct);

}  // namespace mlwb::drift
