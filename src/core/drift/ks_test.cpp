#include "drift/ks_test.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>

#include "drift/kolmogorov.hpp"
#include "drift/merge_walk.hpp"

namespace mlwb::drift {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// scipy's 'auto' tries the exact distribution when both sizes are at most this.
constexpr std::size_t kMaxExactSize = 10000;

// The extreme differences F1 - F2 of the two ECDFs over the pooled values, as scipy gets them
// (each difference is i/n1 - j/n2, two divisions and a subtraction in double).
struct EcdfExtremes {
    double max_diff;
    double min_diff;
};


// One merge walk, ties counted at full multiplicity (scipy's searchsorted side='right').
// Comparisons use the exact integer i·n2 - j·n1 (= n1 n2 (F1 - F2)); the double difference is
// computed only when that reaches or ties a running extreme. Exact ties between different
// (i, j) can round differently, so there the larger/smaller double is kept, as argmax would.
EcdfExtremes ecdf_extremes(std::span<const double> x, std::span<const double> y) {
    const long long l1 = static_cast<long long>(x.size()), l2 = static_cast<long long>(y.size());
    const double d1 = static_cast<double>(x.size()), d2 = static_cast<double>(y.size());
    // The last point (n1, n2) has difference exactly 0, so 0 starts both extremes.
    long long e_max = 0, e_min = 0;
    double diff_max = 0.0, diff_min = 0.0;
    for_each_distinct(x, y, [&](std::size_t i, std::size_t j) __attribute__((always_inline)) {
        const long long e = static_cast<long long>(i) * l2 - static_cast<long long>(j) * l1;
        if (e >= e_max) [[unlikely]] {
            const double diff = static_cast<double>(i) / d1 - static_cast<double>(j) / d2;
            if (e > e_max || diff > diff_max) diff_max = diff;
            e_max = e;
        } else if (e <= e_min) [[unlikely]] {
            const double diff = static_cast<double>(i) / d1 - static_cast<double>(j) / d2;
            if (e < e_min || diff < diff_min) diff_min = diff;
            e_min = e;
        }
    });
    return {diff_max, diff_min};
}

}  // namespace

TestResult ks_2samp(std::span<const double> x_sorted, std::span<const double> y_sorted) {
    const std::size_t n1 = x_sorted.size(), n2 = y_sorted.size();
    if (n1 == 0 || n2 == 0) return {kNaN, kNaN};

    const EcdfExtremes ext = ecdf_extremes(x_sorted, y_sorted);
    const double max_s = ext.max_diff;
    const double min_s = std::clamp(-ext.min_diff, 0.0, 1.0);
    double d = min_s > max_s ? min_s : max_s;

    if (std::max(n1, n2) <= kMaxExactSize) {
        const long long a = static_cast<long long>(n1), b = static_cast<long long>(n2);
        const long long lcm = (a / std::gcd(a, b)) * b;
        const long long h = static_cast<long long>(std::nearbyint(d * static_cast<double>(lcm)));
        d = static_cast<double>(h) / static_cast<double>(lcm);
        if (h == 0) return {d, 1.0};
        const double p = n1 == n2 ? ks_prob_outside_square(a, h) : ks_outer_prob_inside(a, b, h);
        if (p >= 0.0 && p <= 1.0) return {d, p};
        // The equal-size sum can round to 1 + ulp for small h: scipy then switches to the
        // asymptotic distribution, with the snapped statistic.
    }
    const double m = static_cast<double>(std::max(n1, n2)), n = static_cast<double>(std::min(n1, n2));
    const double en = m * n / (m + n);
    const double p = kstwo_sf(d, static_cast<long long>(std::nearbyint(en)));
    return {d, std::clamp(p, 0.0, 1.0)};
}

}  // namespace mlwb::drift
