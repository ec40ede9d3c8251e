#include "drift/numpy_sum.hpp"

namespace mlwb::drift {

double numpy_sum(std::span<const double> values) {
    return numpy_sum_of(values.size(), [&](std::size_t i) { return values[i]; });
}

}  // namespace mlwb::drift
