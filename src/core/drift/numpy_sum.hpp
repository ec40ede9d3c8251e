// numpy's summation order. np.sum over a float64 array is not a left-to-right loop: it adds
// blocks of 8192 elements, each summed pairwise with eight accumulators. The drift metrics
// must agree with scipy to 1e-9 and several of them (Cramér–von Mises, the divergences) sum
// terms of mixed size, so the engine sums in the same order and gets the same bits.
#pragma once
#include <cstddef>
#include <span>

namespace mlwb::drift {

double numpy_sum(std::span<const double> values);

// The same order for values produced on the fly: term(i) for i in [0, n). Lets a metric sum
// terms without first storing them in a vector (the 1M-row budget has no room for copies).
template <class Term>
double numpy_sum_of(std::size_t n, Term term);

}  // namespace mlwb::drift

#include "numpy_sum_impl.hpp"
