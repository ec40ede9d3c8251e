#include "drift/count_tests.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include <boost/math/special_functions/gamma.hpp>

#include "drift/numpy_sum.hpp"

namespace mlwb::drift {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSqrtHalf = 0.70710678118654752440;  // cephes M_SQRT1_2

// scipy.stats.chi2.sf(x, df): the distribution wrapper's special cases around cephes chdtrc,
// which is the regularised upper incomplete gamma Q(df/2, x/2).
double chi2_sf(double x, double df) {
    if (!(df > 0.0) || std::isnan(x)) return kNaN;
    if (x <= 0.0) return 1.0;
    if (std::isinf(x)) return 0.0;
    return boost::math::gamma_q(df / 2.0, x / 2.0);
}

// np.minimum: NaN wins.
double nan_minimum(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return kNaN;
    return std::min(a, b);
}

// cephes ndtr (scipy.special.ndtr = norm.cdf): erf near the centre, erfc in the tails.
double ndtr(double a) {
    if (std::isnan(a)) return kNaN;
    const double x = a * kSqrtHalf;
    const double z = std::fabs(x);
    if (z < kSqrtHalf) return 0.5 + 0.5 * std::erf(x);
    const double y = 0.5 * std::erfc(z);
    return x > 0.0 ? 1.0 - y : y;
}

double plain_sum(std::span<const double> counts) {
    double total = 0.0;  // whole numbers: exact in any order
    for (double count : counts) total += count;
    return total;
}

}  // namespace

TestResult chisquare(std::span<const double> observed, std::span<const double> expected) {
    const std::size_t cells = observed.size();
    const bool given = !expected.empty();
    if (given && expected.size() != cells) return {kNaN, kNaN};
    double mean = 0.0;
    if (given) {
        const double sum_observed = numpy_sum(observed);
        const double sum_expected = numpy_sum(expected);
        const double relative = std::fabs(sum_observed - sum_expected) / nan_minimum(sum_observed, sum_expected);
        if (relative > 1e-8) return {kNaN, kNaN};  // scipy raises: the totals must agree
    } else {
        mean = numpy_sum(observed) / static_cast<double>(cells);
    }
    const double statistic = numpy_sum_of(cells, [&](std::size_t i) {
        const double e = given ? expected[i] : mean;
        const double difference = observed[i] - e;
        return difference * difference / e;
    });
    return {statistic, chi2_sf(statistic, static_cast<double>(cells) - 1.0)};
}

TestResult evidently_chisquare(std::span<const double> ref_counts, std::span<const double> cur_counts) {
    if (ref_counts.size() != cur_counts.size()) return {kNaN, kNaN};
    const double ref_rows = plain_sum(ref_counts);
    const double cur_rows = plain_sum(cur_counts);
    if (!(ref_rows > 0.0) || !(cur_rows > 0.0)) return {kNaN, kNaN};
    const double k_norm = cur_rows / ref_rows;
    std::vector<double> observed;
    std::vector<double> expected;
    for (std::size_t i = 0; i < ref_counts.size(); ++i) {
        if (ref_counts[i] == 0.0 && cur_counts[i] == 0.0) continue;
        observed.push_back(cur_counts[i]);
        expected.push_back(ref_counts[i] * k_norm);
    }
    return chisquare(observed, expected);
}

TestResult proportion_z_test(std::span<const double> ref_counts, std::span<const double> cur_counts) {
    if (ref_counts.size() != cur_counts.size()) return {kNaN, kNaN};
    const double n1 = plain_sum(ref_counts);
    const double n2 = plain_sum(cur_counts);
    if (!(n1 > 0.0) || !(n2 > 0.0)) return {kNaN, kNaN};
    // The smallest category that occurs, and whether each sample holds a single category.
    std::size_t first = ref_counts.size();
    std::size_t ref_categories = 0;
    std::size_t cur_categories = 0;
    std::size_t ref_only = 0;
    std::size_t cur_only = 0;
    for (std::size_t i = 0; i < ref_counts.size(); ++i) {
        if (first == ref_counts.size() && (ref_counts[i] > 0.0 || cur_counts[i] > 0.0)) first = i;
        if (ref_counts[i] > 0.0) ++ref_categories, ref_only = i;
        if (cur_counts[i] > 0.0) ++cur_categories, cur_only = i;
    }
    if (ref_categories == 1 && cur_categories == 1 && ref_only == cur_only) return {0.0, 1.0};
    // Evidently maps the first category to 0 and the rest to 1, then compares the means.
    const double p1 = (n1 - ref_counts[first]) / n1;
    const double p2 = (n2 - cur_counts[first]) / n2;
    const double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    const double z = (p1 - p2) / std::sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));
    // scipy's norm.cdf is 1 at +inf before it reaches ndtr.
    const double magnitude = std::fabs(z);
    const double cdf = std::isinf(magnitude) ? 1.0 : ndtr(magnitude);
    return {z, 2.0 * (1.0 - cdf)};
}

}  // namespace mlwb::drift
