// The two-sample Cramér–von Mises test as scipy 1.10.1 computes it:
// scipy.stats.cramervonmises_2samp(x, y), method='auto'.
#pragma once

#include <span>

#include "drift/test_result.hpp"

namespace mlwb::drift {

// x_sorted and y_sorted: ascending, NaN-free.
// statistic: Anderson's T (1962, eq. 9) from the midranks of the pooled sample.
// pvalue: exact (Xiao, Gordon & Yakovlev 2006: lattice paths counted in integers) when both
// sizes are at most 20, else the Csörgő–Faraway limiting distribution of the normalized T.
// NaN for both when either sample has fewer than two values (scipy raises).
// Cost: one merge walk, no allocation beyond two 8192-value blocks (numpy's summation order,
// needed because T = u/(k N) - (4k - 1)/(6N) cancels); the exact path takes at most ~40 ms
// (20 x 19, p near 0.005).
TestResult cramervonmises_2samp(std::span<const double> x_sorted, std::span<const double> y_sorted);

}  // namespace mlwb::drift
