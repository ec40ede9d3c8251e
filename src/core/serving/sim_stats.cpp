#include "serving/sim_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/t_dist.hpp"

namespace mlwb::serving {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kLevels[5] = {0.50, 0.90, 0.95, 0.99, 0.999};

double mean_of(std::span<const double> values) {
    double sum = 0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

// Places the order statistics of the given ranks (sorted, unique) in their final positions:
// select the middle rank, then recurse on each side, O(n log k) for k ranks (no full sort).
void select_ranks(std::span<double> values, std::size_t begin, std::size_t end, std::span<const std::size_t> ranks) {
    if (ranks.empty() || end - begin < 2) return;
    const std::size_t middle = ranks.size() / 2;
    const std::size_t rank = ranks[middle];
    std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(begin), values.begin() + static_cast<std::ptrdiff_t>(rank),
                     values.begin() + static_cast<std::ptrdiff_t>(end));
    select_ranks(values, begin, rank, ranks.first(middle));
    select_ranks(values, rank + 1, end, ranks.subspan(middle + 1));
}

// Quantiles at the given levels, interpolating between neighbouring order statistics. Only
// the lower rank of each pair is selected; the upper one is the smallest value between it and
// the next selected rank (the selection leaves that stretch unordered but bounded).
void quantiles_at(std::span<double> values, std::span<const double> levels, std::span<double> out) {
    const std::size_t n = values.size();
    std::vector<std::size_t> ranks;
    ranks.reserve(levels.size());
    for (double level : levels) ranks.push_back(static_cast<std::size_t>(std::floor((static_cast<double>(n) - 1) * level)));
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    select_ranks(values, 0, n, ranks);
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const double h = (static_cast<double>(n) - 1) * levels[i];
        const auto lo = static_cast<std::size_t>(std::floor(h));
        double result = values[lo];
        if (lo + 1 < n && h > static_cast<double>(lo)) {
            const auto next = std::upper_bound(ranks.begin(), ranks.end(), lo);
            const std::size_t stop = next == ranks.end() ? n : *next + 1;
            const double upper = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo) + 1,
                                                   values.begin() + static_cast<std::ptrdiff_t>(stop));
            result += (h - static_cast<double>(lo)) * (upper - result);
        }
        out[i] = result;
    }
}
}  // namespace

double quantile_in_place(std::span<double> values, double p) {
    if (values.empty()) return kNaN;
    double out = 0;
    const double level[1] = {p};
    quantiles_at(values, level, std::span<double>(&out, 1));
    return out;
}

Percentiles percentiles_of(std::span<const double> values) {
    if (values.empty()) return {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
    std::vector<double> copy(values.begin(), values.end());
    double q[5];
    quantiles_at(copy, kLevels, q);
    return {q[0], q[1], q[2], q[3], q[4], mean_of(values)};
}

namespace {
std::size_t batch_size(std::size_t n, int batches) {
    return batches >= 2 ? n / static_cast<std::size_t>(batches) : 0;
}

// t(0.975, k - 1) * sd / sqrt(k) of k batch statistics given their sum and sum of squares.
double halfwidth(double sum, double squares, int batches) {
    const double k = batches;
    const double variance = std::max(0.0, (squares - sum * sum / k) / (k - 1));
    return stats::t_upper_quantile(0.025, k - 1) * std::sqrt(variance / k);
}
}  // namespace

std::span<const double> batch_of(std::span<const double> values, int batches, int b) {
    const std::size_t per_batch = batch_size(values.size(), batches);
    if (per_batch < 10 || b < 0 || b >= batches) return {};
    return values.subspan(static_cast<std::size_t>(b) * per_batch, per_batch);
}

void BatchMeans::add(const Percentiles& p) {
    const double x[6] = {p.p50, p.p90, p.p95, p.p99, p.p999, p.mean};
    for (int i = 0; i < 6; ++i) sum_[i] += x[i], squares_[i] += x[i] * x[i];
    ++added_;
}

PercentileErrors BatchMeans::halfwidths() const {
    if (batches_ < 2 || added_ != batches_) return {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
    double half[6];
    for (int i = 0; i < 6; ++i) half[i] = halfwidth(sum_[i], squares_[i], batches_);
    return {half[0], half[1], half[2], half[3], half[4], half[5]};
}

PercentileErrors batch_means_halfwidths(std::span<const double> values, int batches) {
    BatchMeans means(batches);
    for (int b = 0; b < batches; ++b) {
        const auto batch = batch_of(values, batches, b);
        if (batch.empty()) break;
        means.add(percentiles_of(batch));
    }
    return means.halfwidths();
}

double batch_share_halfwidth(std::span<const double> values, int batches, double threshold) {
    const std::size_t per_batch = batch_size(values.size(), batches);
    if (per_batch < 10) return kNaN;
    double sum = 0, squares = 0;
    for (int b = 0; b < batches; ++b) {
        std::size_t above = 0;
        for (double v : values.subspan(static_cast<std::size_t>(b) * per_batch, per_batch)) above += v > threshold;
        const double share = static_cast<double>(above) / static_cast<double>(per_batch);
        sum += share, squares += share * share;
    }
    return halfwidth(sum, squares, batches);
}

double latency_at_percentile(const Percentiles& p, std::span<const double> curve, double percentile) {
    if (const double named = named_percentile(p, percentile); !std::isnan(named)) return named;
    if (percentile > 99 && percentile < 99.9) return p.p99 + (percentile - 99) / 0.9 * (p.p999 - p.p99);
    if (percentile > 99.9) return p.p999;
    if (curve.size() != 101 || !(percentile >= 0 && percentile <= 100)) return kNaN;
    const auto lo = static_cast<std::size_t>(std::floor(percentile));
    if (lo >= 100) return curve[100];
    return curve[lo] + (percentile - static_cast<double>(lo)) * (curve[lo + 1] - curve[lo]);
}

std::vector<double> percentile_curve(std::span<const double> values) {
    if (values.empty()) return {};
    // A curve for drawing: from every k-th value when there are many (completion order is
    // unrelated to size, so this is a fair sample), which keeps the run's final summary short.
    constexpr std::size_t kEnough = 50000;
    const std::size_t stride = values.size() > kEnough ? values.size() / kEnough : 1;
    std::vector<double> copy;
    copy.reserve(values.size() / stride + 1);
    for (std::size_t i = 0; i < values.size(); i += stride) copy.push_back(values[i]);
    double levels[101];
    for (int i = 0; i <= 100; ++i) levels[i] = i / 100.0;
    std::vector<double> out(101);
    quantiles_at(copy, levels, out);
    return out;
}

}  // namespace mlwb::serving
