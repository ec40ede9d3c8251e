#include "drift/binning.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mlwb::drift {

namespace {

// Evidently bins a numeric column only when the reference has more than this many distinct values.
constexpr std::size_t kMaxDistinctForValueBuckets = 20;

bool has_more_distinct_than(std::span<const double> sorted, std::size_t limit) {
    if (sorted.empty()) return false;
    std::size_t distinct = 1;
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        if (sorted[i] != sorted[i - 1] && ++distinct > limit) return true;
    }
    return false;
}

// Length of the run of values equal to `value` starting at `from` (sorted input).
std::size_t run_length(std::span<const double> sorted, std::size_t from, double value) {
    std::size_t end = from;
    while (end < sorted.size() && sorted[end] == value) ++end;
    return end - from;
}

}  // namespace

std::vector<double> sturges_edges(double min, double max, std::size_t count) {
    if (count == 0) return {0.0, 1.0};  // numpy's range for an empty array, one bin
    if (!std::isfinite(min) || !std::isfinite(max)) return {};
    double first = min;
    double last = max;
    if (first == last) {
        first = first - 0.5;
        last = last + 0.5;
    }
    // _hist_bin_sturges returns a bin WIDTH from the unexpanded range; the count is then
    // recovered by a division, which is why it is not always ceil(log2(n) + 1).
    const double width = (max - min) / (std::log2(static_cast<double>(count)) + 1.0);
    std::size_t bins = 1;
    if (width != 0.0) {
        const double raw = std::ceil((last - first) / width);
        if (!(raw >= 1.0 && raw <= 1e6)) return {};  // NaN or inf: numpy raises
        bins = static_cast<std::size_t>(raw);
    }
    // np.linspace(first, last, bins + 1): i * step + first, each operation rounded, the last
    // edge exactly `last`.
    const double delta = last - first;
    const double divisor = static_cast<double>(bins);
    const double step = delta / divisor;
    std::vector<double> edges(bins + 1);
    for (std::size_t i = 0; i < bins; ++i) {
        const double index = static_cast<double>(i);
        const double offset = step == 0.0 ? (index / divisor) * delta : index * step;
        edges[i] = offset + first;
    }
    edges[bins] = last;
    return edges;
}

std::size_t distinct_in_union(std::span<const double> a_sorted, std::span<const double> b_sorted) {
    const std::size_t na = a_sorted.size();
    const std::size_t nb = b_sorted.size();
    std::size_t i = 0;
    std::size_t j = 0;
    std::size_t distinct = 0;
    double previous = std::numeric_limits<double>::quiet_NaN();  // unequal to the first value
    // Selects rather than branches: the interleaving of two samples is unpredictable.
    while (i < na && j < nb) {
        const double a = a_sorted[i];
        const double b = b_sorted[j];
        const bool take_a = a <= b;
        const double value = take_a ? a : b;
        i += take_a ? 1 : 0;
        j += take_a ? 0 : 1;
        distinct += value != previous ? 1 : 0;
        previous = value;
    }
    for (; i < na; previous = a_sorted[i++]) distinct += a_sorted[i] != previous ? 1 : 0;
    for (; j < nb; previous = b_sorted[j++]) distinct += b_sorted[j] != previous ? 1 : 0;
    return distinct;
}

std::vector<double> histogram_counts(std::span<const double> sorted, std::span<const double> edges) {
    if (edges.size() < 2) return {};
    for (std::size_t i = 1; i < edges.size(); ++i) {
        if (!(edges[i - 1] <= edges[i])) return {};
    }
    const std::size_t bins = edges.size() - 1;
    std::vector<double> counts(bins);
    // numpy: cumulative counts #(v < edge) for every edge but the last, #(v <= edge) for the
    // last, then differences. The edges increase, so each search starts where the previous ended.
    auto from = sorted.begin();
    from = std::lower_bound(from, sorted.end(), edges[0]);
    std::size_t below = static_cast<std::size_t>(from - sorted.begin());
    for (std::size_t i = 0; i < bins; ++i) {
        const double edge = edges[i + 1];
        from = i + 1 < bins ? std::lower_bound(from, sorted.end(), edge) : std::upper_bound(from, sorted.end(), edge);
        const std::size_t cumulative = static_cast<std::size_t>(from - sorted.begin());
        counts[i] = static_cast<double>(cumulative - below);
        below = cumulative;
    }
    return counts;
}

Shares evidently_numeric_shares(std::span<const double> ref_sorted, std::span<const double> cur_sorted) {
    Shares shares;
    if (ref_sorted.empty() || cur_sorted.empty()) return shares;
    const double ref_size = static_cast<double>(ref_sorted.size());
    const double cur_size = static_cast<double>(cur_sorted.size());

    if (has_more_distinct_than(ref_sorted, kMaxDistinctForValueBuckets)) {
        const double min = std::min(ref_sorted.front(), cur_sorted.front());
        const double max = std::max(ref_sorted.back(), cur_sorted.back());
        const std::vector<double> edges = sturges_edges(min, max, ref_sorted.size() + cur_sorted.size());
        shares.reference = histogram_counts(ref_sorted, edges);
        shares.current = histogram_counts(cur_sorted, edges);
        for (double& share : shares.reference) share = share / ref_size;
        for (double& share : shares.current) share = share / cur_size;
        return shares;
    }

    // One bucket per distinct value of the union, walked in ascending order. Counting them first
    // spares the reallocations (the current sample may have a million distinct values).
    const std::size_t buckets = distinct_in_union(ref_sorted, cur_sorted);
    shares.reference.reserve(buckets);
    shares.current.reserve(buckets);
    std::size_t r = 0;
    std::size_t c = 0;
    while (r < ref_sorted.size() || c < cur_sorted.size()) {
        double value;
        if (r == ref_sorted.size()) value = cur_sorted[c];
        else if (c == cur_sorted.size()) value = ref_sorted[r];
        else value = std::min(ref_sorted[r], cur_sorted[c]);
        const std::size_t in_ref = run_length(ref_sorted, r, value);
        const std::size_t in_cur = run_length(cur_sorted, c, value);
        shares.reference.push_back(static_cast<double>(in_ref) / ref_size);
        shares.current.push_back(static_cast<double>(in_cur) / cur_size);
        r += in_ref;
        c += in_cur;
    }
    return shares;
}

Shares count_shares(std::span<const double> ref_counts, std::span<const double> cur_counts) {
    Shares shares;
    if (ref_counts.size() != cur_counts.size()) return shares;
    // Counts are whole numbers, so any summation order gives the exact row count.
    double ref_total = 0.0;
    double cur_total = 0.0;
    for (std::size_t i = 0; i < ref_counts.size(); ++i) {
        ref_total += ref_counts[i];
        cur_total += cur_counts[i];
    }
    if (!(ref_total > 0.0) || !(cur_total > 0.0)) return shares;
    for (std::size_t i = 0; i < ref_counts.size(); ++i) {
        if (ref_counts[i] == 0.0 && cur_counts[i] == 0.0) continue;
        shares.reference.push_back(ref_counts[i] / ref_total);
        shares.current.push_back(cur_counts[i] / cur_total);
    }
    return shares;
}

}  // namespace mlwb::drift
