#include "drift/distance.hpp"

#include <cmath>
#include <cstddef>
#include <limits>

#include "drift/numpy_sum.hpp"

namespace mlwb::drift {

namespace {

// scipy's _cdf_distance without its arrays: the merged order of x and y is walked once, and
// term i is f(U(a_i) - V(a_i)) * (a_{i+1} - a_i) for the i-th merged value a_i, with U, V the
// ECDFs (counts <= a_i over sizes). The walk only ever has the consumed counts, which equal
// the ECDFs unless a_{i+1} == a_i, and then the term is 0 * finite = +0 whatever they are.
// numpy_sum_of asks for the terms exactly once each, in index order, which the walk relies on.
template <class Power>
double cdf_distance_sum(std::span<const double> x, std::span<const double> y, Power power) {
    const std::size_t nx = x.size();
    const std::size_t ny = y.size();
    const double size_x = static_cast<double>(nx);
    const double size_y = static_cast<double>(ny);
    std::size_t ix = 0;
    std::size_t iy = 0;
    auto next = [&]() {
        if (ix < nx && iy < ny) {  // a select, not a branch: the interleaving is unpredictable
            const double a = x[ix];
            const double b = y[iy];
            const bool take_x = a <= b;
            ix += take_x ? 1 : 0;
            iy += take_x ? 0 : 1;
            return take_x ? a : b;
        }
        return ix < nx ? x[ix++] : y[iy++];
    };
    double current = next();
    return numpy_sum_of(nx + ny - 1, [&](std::size_t) {
        const double difference = static_cast<double>(ix) / size_x - static_cast<double>(iy) / size_y;
        const double following = next();
        const double delta = following - current;
        current = following;
        return power(difference) * delta;
    });
}

}  // namespace

double wasserstein_distance(std::span<const double> x_sorted, std::span<const double> y_sorted) {
    if (x_sorted.empty() || y_sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
    return cdf_distance_sum(x_sorted, y_sorted, [](double d) { return std::fabs(d); });
}

double energy_distance(std::span<const double> x_sorted, std::span<const double> y_sorted) {
    if (x_sorted.empty() || y_sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
    const double sum = cdf_distance_sum(x_sorted, y_sorted, [](double d) { return d * d; });
    return std::sqrt(2.0) * std::sqrt(sum);
}

double std_population(std::span<const double> values) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    const double count = static_cast<double>(values.size());
    const double mean = numpy_sum(values) / count;
    const double squares = numpy_sum_of(values.size(), [&](std::size_t i) {
        const double deviation = values[i] - mean;
        return deviation * deviation;
    });
    return std::sqrt(squares / count);
}

double wasserstein_normed(double w, double reference_std) {
    // Python's max(std, 0.001): the floor only when it is strictly larger.
    const double norm = 0.001 > reference_std ? 0.001 : reference_std;
    return w / norm;
}

}  // namespace mlwb::drift
