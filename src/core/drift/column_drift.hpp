// Every drift metric of one column pair, the column's test (its default or the user's choice),
// its score and the verdict. Metrics are computed in groups so that the UI can spread a large
// column over frames (one group per slice) and the CLI can run them all at once.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "drift/column_pair.hpp"
#include "drift/stat_tests.hpp"

namespace mlwb::drift {

constexpr double kNotComputed = std::numeric_limits<double>::quiet_NaN();

// The report's "metrics" object: NaN = not defined for this column's kind (left out of JSON).
struct ColumnMetrics {
    double ks_statistic = kNotComputed, ks_pvalue = kNotComputed;
    double psi = kNotComputed, kl_divergence = kNotComputed, jensenshannon = kNotComputed;
    double wasserstein = kNotComputed, wasserstein_normed = kNotComputed;
    double chi2_statistic = kNotComputed, chi2_pvalue = kNotComputed;
    double z_statistic = kNotComputed, z_pvalue = kNotComputed;
    double hellinger = kNotComputed;
    double anderson_statistic = kNotComputed, anderson_pvalue = kNotComputed;
    double cvm_statistic = kNotComputed, cvm_pvalue = kNotComputed;
    double energy_distance = kNotComputed;
};

// The metric that scores `test` (its report key is stat_test_info(test).metric_key).
double ColumnMetrics::*metric_member(StatTest test);
inline double metric_value(const ColumnMetrics& m, StatTest test) { return m.*metric_member(test); }

// The work, in groups of similar cost (each a pass or two over the sorted samples).
enum class MetricGroup { Ks, Binned, Wasserstein, Energy, Anderson, CramerVonMises, Counts };

// What a user may set per column (and the CLI per test); unset keeps the default.
struct ColumnChoice {
    std::optional<StatTest> test;
    double threshold = kNotComputed;  // NaN: the test's default
};

struct ColumnDrift {
    std::string name;
    std::string type;
    ColumnKind kind = ColumnKind::Numeric;
    std::size_t n_reference = 0, n_current = 0;
    std::size_t reference_dropped = 0, current_dropped = 0;
    std::size_t distinct = 0;  // distinct values of both sides together
    StatTest test = StatTest::Ks;
    bool test_is_default = true;
    double score = kNotComputed;
    double threshold = kNotComputed;
    double pvalue_adjusted = kNotComputed;  // after a multiple-testing correction, p-value tests only
    bool drift_detected = false;
    ColumnMetrics metrics;
    std::string skipped;  // why the column was not tested; empty when it was
};

// The test, threshold and the groups to compute. `all_metrics` false computes only what the
// test needs (the time-window heat map); true computes every metric defined for the kind.
ColumnDrift start_column_drift(const ColumnPair& pair, const ColumnChoice& choice);
std::vector<MetricGroup> metric_groups(const ColumnDrift& d, bool all_metrics);
void compute_metric_group(const ColumnPair& pair, MetricGroup group, ColumnDrift& d);
// Reads the score from the metrics and applies the threshold (again after a correction).
void decide_column(ColumnDrift& d);

// All of it at once.
ColumnDrift column_drift(const ColumnPair& pair, const ColumnChoice& choice, bool all_metrics = true);

}  // namespace mlwb::drift
