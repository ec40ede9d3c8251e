// Summaries of simulated latencies: percentiles (linear interpolation between order
// statistics, numpy's default, so the numbers match what a user computes in a notebook) and
// 95 % confidence intervals from batch means.
#pragma once

#include <limits>
#include <span>
#include <vector>

#include "serving/sim_result.hpp"

namespace mlwb::serving {

// Quantile p (0..1) of values, reordering them (nth_element; no full sort).
double quantile_in_place(std::span<double> values, double p);

// p50 .. p99.9 and the mean; NaN for an empty sample.
Percentiles percentiles_of(std::span<const double> values);

// Split the sample (in completion order) into `batches` consecutive groups, take each
// group's percentiles, and give t(0.975, batches - 1) * sd / sqrt(batches) of each.
// Consecutive groups of a long run are nearly independent, which is what batch means assume.
PercentileErrors batch_means_halfwidths(std::span<const double> values, int batches);

// The same one batch at a time (the panel summarises a long run across frames):
// batch_of gives batch b (empty when batches hold fewer than 10 values), BatchMeans collects
// each batch's percentiles and gives the half-widths.
std::span<const double> batch_of(std::span<const double> values, int batches, int b);
class BatchMeans {
public:
    explicit BatchMeans(int batches) : batches_(batches) {}
    void add(const Percentiles& batch);
    PercentileErrors halfwidths() const;  // NaN unless every batch was added

private:
    int batches_;
    int added_ = 0;
    double sum_[6] = {}, squares_[6] = {};
};

// The same for the share of values above `threshold` (e.g. the probability of waiting).
double batch_share_halfwidth(std::span<const double> values, int batches, double threshold);

// One of the reported percentiles (50, 90, 95, 99, 99.9) of a summary or of its errors;
// NaN for any other percentile.
template <class Summary>  // Percentiles or PercentileErrors
double named_percentile(const Summary& s, double percentile) {
    if (percentile == 50) return s.p50;
    if (percentile == 90) return s.p90;
    if (percentile == 95) return s.p95;
    if (percentile == 99) return s.p99;
    if (percentile == 99.9) return s.p999;
    return std::numeric_limits<double>::quiet_NaN();
}

// The latency at an SLO's percentile: a reported percentile when it is one; between p99 and
// p99.9 interpolated between them; above p99.9 the p99.9 (the most the summary holds, a lower
// bound); otherwise read linearly from the 0..100 percentile curve (NaN without one), whose
// top step would jump to the maximum.
double latency_at_percentile(const Percentiles& p, std::span<const double> curve, double percentile);

// The 0th, 1st, ..., 100th percentile: the latency CDF the panel draws (from a systematic
// sample of 50,000 values when there are more; the reported percentiles are always exact).
std::vector<double> percentile_curve(std::span<const double> values);

}  // namespace mlwb::serving
