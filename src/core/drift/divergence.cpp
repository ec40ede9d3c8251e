#include "drift/divergence.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include "drift/numpy_sum.hpp"

namespace mlwb::drift {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What feel_zeroes writes over the zeros of `shares`; 0 (nothing to fill with) if all are zero.
double zero_fill_value(std::span<const double> shares) {
    bool found = false;
    double smallest = 0.0;
    for (double share : shares) {
        if (share != 0.0 && (!found || share < smallest)) {
            smallest = share;
            found = true;
        }
    }
    if (!found) return 0.0;
    return smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
}

// A share as feel_zeroes leaves it, without copying the vector.
double filled(double share, double fill) { return share == 0.0 ? fill : share; }

// scipy.special.rel_entr: one log of the ratio, +inf where x > 0 meets y == 0.
double rel_entr(double x, double y) {
    if (std::isnan(x) || std::isnan(y)) return kNaN;
    if (x > 0.0 && y > 0.0) return x * std::log(x / y);
    if (x == 0.0 && y >= 0.0) return 0.0;
    return std::numeric_limits<double>::infinity();
}

bool usable(const Shares& shares) {
    return !shares.reference.empty() && shares.reference.size() == shares.current.size();
}

}  // namespace

void fill_zeroes(std::vector<double>& shares) {
    const double fill = zero_fill_value(shares);
    for (double& share : shares) share = filled(share, fill);
}

double psi(const Shares& shares) {
    if (!usable(shares)) return kNaN;
    const std::vector<double>& r = shares.reference;
    const std::vector<double>& c = shares.current;
    const double fill_r = zero_fill_value(r);
    const double fill_c = zero_fill_value(c);
    return numpy_sum_of(r.size(), [&](std::size_t i) {
        const double ri = filled(r[i], fill_r);
        const double ci = filled(c[i], fill_c);
        return (ri - ci) * std::log(ri / ci);
    });
}

double kl_divergence(const Shares& shares) {
    if (!usable(shares)) return kNaN;
    const std::vector<double>& r = shares.reference;
    const std::vector<double>& c = shares.current;
    const double fill_r = zero_fill_value(r);
    const double fill_c = zero_fill_value(c);
    const std::size_t k = r.size();
    // scipy.stats.entropy renormalises both vectors (the filled shares no longer sum to 1).
    const double sum_r = numpy_sum_of(k, [&](std::size_t i) { return filled(r[i], fill_r); });
    const double sum_c = numpy_sum_of(k, [&](std::size_t i) { return filled(c[i], fill_c); });
    return numpy_sum_of(k, [&](std::size_t i) {
        return rel_entr(filled(r[i], fill_r) / sum_r, filled(c[i], fill_c) / sum_c);
    });
}

double jensenshannon(const Shares& shares) {
    if (!usable(shares)) return kNaN;
    const std::vector<double>& r = shares.reference;
    const std::vector<double>& c = shares.current;
    const std::size_t k = r.size();
    const double sum_r = numpy_sum(r);
    const double sum_c = numpy_sum(c);
    const double left = numpy_sum_of(k, [&](std::size_t i) {
        const double p = r[i] / sum_r;
        const double m = (p + c[i] / sum_c) / 2.0;
        return rel_entr(p, m);
    });
    const double right = numpy_sum_of(k, [&](std::size_t i) {
        const double q = c[i] / sum_c;
        const double m = (r[i] / sum_r + q) / 2.0;
        return rel_entr(q, m);
    });
    const double divergence = left + right;
    // Rounding could leave a divergence of a hair below zero, where scipy's sqrt gives NaN.
    return divergence > 0.0 ? std::sqrt(divergence / 2.0) : (std::isnan(divergence) ? kNaN : 0.0);
}

double hellinger_categorical(const Shares& shares) {
    if (!usable(shares)) return kNaN;
    double affinity = 0.0;  // Python's running float sum, in category order
    for (std::size_t i = 0; i < shares.reference.size(); ++i)
        affinity += std::sqrt(shares.reference[i] * shares.current[i]);
    affinity = std::clamp(affinity, 0.0, 1.0);
    return std::sqrt(1.0 - affinity);
}

double hellinger_numeric(std::span<const double> ref_sorted, std::span<const double> cur_sorted) {
    if (ref_sorted.empty() || cur_sorted.empty()) return kNaN;
    // Evidently bins the distinct values of the union: only their number, min and max matter.
    const std::size_t distinct = distinct_in_union(ref_sorted, cur_sorted);
    const double min = std::min(ref_sorted.front(), cur_sorted.front());
    const double max = std::max(ref_sorted.back(), cur_sorted.back());
    const std::vector<double> edges = sturges_edges(min, max, distinct);
    if (edges.size() < 2) return kNaN;
    // Both samples are one and the same value too large for numpy's +-0.5 to widen the range:
    // Evidently divides 0 by 0 there; the distributions are identical.
    if (edges.back() == edges.front()) return 0.0;
    const std::vector<double> ref_counts = histogram_counts(ref_sorted, edges);
    const std::vector<double> cur_counts = histogram_counts(cur_sorted, edges);
    const std::size_t bins = ref_counts.size();
    // np.histogram(density=True): count / bin width / total count (counts are whole numbers).
    double ref_total = 0.0;
    double cur_total = 0.0;
    for (std::size_t i = 0; i < bins; ++i) {
        ref_total += ref_counts[i];
        cur_total += cur_counts[i];
    }
    const double mean_width = (edges.back() - edges.front()) / static_cast<double>(bins);
    double affinity = 0.0;
    for (std::size_t i = 0; i < bins; ++i) {
        const double width = edges[i + 1] - edges[i];
        if (width == 0.0) continue;
        const double ref_density = ref_counts[i] / width / ref_total;
        const double cur_density = cur_counts[i] / width / cur_total;
        affinity += std::sqrt(ref_density * cur_density) * mean_width;
    }
    affinity = std::clamp(affinity, 0.0, 1.0);
    return std::sqrt(1.0 - affinity);
}

}  // namespace mlwb::drift
