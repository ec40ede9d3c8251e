#include "drift/column_drift.hpp"

#include <cmath>

#include "drift/anderson_ksamp.hpp"
#include "drift/binning.hpp"
#include "drift/count_tests.hpp"
#include "drift/cramer_von_mises.hpp"
#include "drift/distance.hpp"
#include "drift/divergence.hpp"
#include "drift/ks_test.hpp"
#include "drift/merge_walk.hpp"

namespace mlwb::drift {
namespace {

// A numeric column seen as categories: one bucket per distinct value (merge walk over the two
// sorted samples), values in ascending order as Python would sort them.
void numeric_value_counts(const ColumnPair& p, std::vector<double>& ref_counts, std::vector<double>& cur_counts) {
    std::size_t prev_i = 0, prev_j = 0;
    for_each_distinct(p.reference, p.current, [&](std::size_t i, std::size_t j) {
        ref_counts.push_back(static_cast<double>(i - prev_i));
        cur_counts.push_back(static_cast<double>(j - prev_j));
        prev_i = i;
        prev_j = j;
    });
}

// Distinct values up to which a numeric column also gets the count tests (chi-square, z):
// Evidently's default uses them up to 5; 20 is where its binning stops using one bucket per value.
constexpr std::size_t kCountTestsUpTo = 20;

}  // namespace

double ColumnMetrics::*metric_member(StatTest test) {
    switch (test) {
    case StatTest::Ks: return &ColumnMetrics::ks_pvalue;
    case StatTest::ChiSquare: return &ColumnMetrics::chi2_pvalue;
    case StatTest::Z: return &ColumnMetrics::z_pvalue;
    case StatTest::Wasserstein: return &ColumnMetrics::wasserstein_normed;
    case StatTest::Psi: return &ColumnMetrics::psi;
    case StatTest::Kl: return &ColumnMetrics::kl_divergence;
    case StatTest::JensenShannon: return &ColumnMetrics::jensenshannon;
    case StatTest::Anderson: return &ColumnMetrics::anderson_pvalue;
    case StatTest::CramerVonMises: return &ColumnMetrics::cvm_pvalue;
    case StatTest::Energy: return &ColumnMetrics::energy_distance;
    case StatTest::Hellinger: return &ColumnMetrics::hellinger;
    }
    return &ColumnMetrics::ks_pvalue;
}

ColumnDrift start_column_drift(const ColumnPair& pair, const ColumnChoice& choice) {
    ColumnDrift d;
    d.name = pair.name;
    d.type = pair.type;
    d.kind = pair.kind;
    d.n_reference = pair.n_reference();
    d.n_current = pair.n_current();
    d.reference_dropped = pair.reference_dropped;
    d.current_dropped = pair.current_dropped;
    d.distinct = pair.kind == ColumnKind::Numeric ? distinct_numeric_values(pair) : pair.categories.size();
    d.test = default_stat_test(pair.kind, d.n_reference, d.distinct);
    if (choice.test && test_applies(*choice.test, pair.kind)) {
        d.test_is_default = *choice.test == d.test;
        d.test = *choice.test;
    }
    d.threshold = std::isnan(choice.threshold) ? stat_test_info(d.test).default_threshold : choice.threshold;
    return d;
}

std::vector<MetricGroup> metric_groups(const ColumnDrift& d, bool all_metrics) {
    std::vector<MetricGroup> groups;
    const bool few_values = d.kind == ColumnKind::Categorical || d.distinct <= kCountTestsUpTo;
    if (!all_metrics) {
        switch (d.test) {
        case StatTest::Ks: groups.push_back(MetricGroup::Ks); break;
        case StatTest::ChiSquare:
        case StatTest::Z: groups.push_back(MetricGroup::Counts); break;
        case StatTest::Wasserstein: groups.push_back(MetricGroup::Wasserstein); break;
        case StatTest::Psi:
        case StatTest::Kl:
        case StatTest::JensenShannon:
        case StatTest::Hellinger: groups.push_back(MetricGroup::Binned); break;
        case StatTest::Anderson: groups.push_back(MetricGroup::Anderson); break;
        case StatTest::CramerVonMises: groups.push_back(MetricGroup::CramerVonMises); break;
        case StatTest::Energy: groups.push_back(MetricGroup::Energy); break;
        }
        return groups;
    }
    if (d.kind == ColumnKind::Numeric) {
        groups = {MetricGroup::Ks, MetricGroup::Binned, MetricGroup::Wasserstein, MetricGroup::Energy,
                  MetricGroup::Anderson, MetricGroup::CramerVonMises};
        if (few_values) groups.push_back(MetricGroup::Counts);
    } else {
        groups = {MetricGroup::Binned, MetricGroup::Counts};
    }
    return groups;
}

void compute_metric_group(const ColumnPair& p, MetricGroup group, ColumnDrift& d) {
    ColumnMetrics& m = d.metrics;
    const bool numeric = p.kind == ColumnKind::Numeric;
    switch (group) {
    case MetricGroup::Ks: {
        if (!numeric) return;
        const TestResult r = ks_2samp(p.reference, p.current);
        m.ks_statistic = r.statistic;
        m.ks_pvalue = r.pvalue;
        return;
    }
    case MetricGroup::Binned: {
        const Shares shares = numeric ? evidently_numeric_shares(p.reference, p.current)
                                      : count_shares(p.reference_counts, p.current_counts);
        m.psi = psi(shares);
        m.kl_divergence = kl_divergence(shares);
        m.jensenshannon = jensenshannon(shares);
        m.hellinger = numeric ? hellinger_numeric(p.reference, p.current) : hellinger_categorical(shares);
        return;
    }
    case MetricGroup::Wasserstein:
        if (!numeric) return;
        m.wasserstein = wasserstein_distance(p.reference, p.current);
        m.wasserstein_normed = wasserstein_normed(m.wasserstein, std_population(p.reference));
        return;
    case MetricGroup::Energy:
        if (numeric) m.energy_distance = energy_distance(p.reference, p.current);
        return;
    case MetricGroup::Anderson: {
        if (!numeric) return;
        const TestResult r = anderson_ksamp(p.reference, p.current);
        m.anderson_statistic = r.statistic;
        m.anderson_pvalue = r.pvalue;
        return;
    }
    case MetricGroup::CramerVonMises: {
        if (!numeric) return;
        const TestResult r = cramervonmises_2samp(p.reference, p.current);
        m.cvm_statistic = r.statistic;
        m.cvm_pvalue = r.pvalue;
        return;
    }
    case MetricGroup::Counts: {
        std::vector<double> ref_counts, cur_counts;
        if (numeric)
            numeric_value_counts(p, ref_counts, cur_counts);
        const auto& rc = numeric ? ref_counts : p.reference_counts;
        const auto& cc = numeric ? cur_counts : p.current_counts;
        const TestResult chi = evidently_chisquare(rc, cc);
        m.chi2_statistic = chi.statistic;
        m.chi2_pvalue = chi.pvalue;
        if (rc.size() <= 2 || d.test == StatTest::Z) {  // Evidently's z maps the first value vs the rest
            const TestResult z = proportion_z_test(rc, cc);
            m.z_statistic = z.statistic;
            m.z_pvalue = z.pvalue;
        }
        return;
    }
    }
}

void decide_column(ColumnDrift& d) {
    d.score = metric_value(d.metrics, d.test);
    const double judged = std::isnan(d.pvalue_adjusted) ? d.score : d.pvalue_adjusted;
    d.drift_detected = drift_detected(d.test, judged, d.threshold);
}

ColumnDrift column_drift(const ColumnPair& pair, const ColumnChoice& choice, bool all_metrics) {
    ColumnDrift d = start_column_drift(pair, choice);
    for (MetricGroup g : metric_groups(d, all_metrics)) compute_metric_group(pair, g, d);
    decide_column(d);
    return d;
}

}  // namespace mlwb::drift
