// The k-sample Anderson–Darling test for two samples, as scipy 1.10.1 computes it:
// scipy.stats.anderson_ksamp([x, y]) with midrank=True (Scholz & Stephens 1987, eq. 7).
#pragma once

#include <span>

#include "drift/test_result.hpp"

namespace mlwb::drift {

// x_sorted and y_sorted: ascending, NaN-free.
// statistic: the standardized A2 (scipy's `statistic`). pvalue: scipy's `significance_level`,
// a quadratic interpolation of log(level) in Table 2 of the paper, capped at 0.25 and floored
// at 0.001 outside the table.
// NaN for both where scipy raises: an empty sample, fewer than two distinct pooled values,
// fewer than three observations, or a negative variance estimate (N = 3).
// Cost: one merge walk over the distinct pooled values and one O(N) harmonic sum, no
// allocation beyond one 8192-value block (numpy's summation order, reproduced exactly so that
// A2 agrees with scipy even where A2kN - 1 cancels).
TestResult anderson_ksamp(std::span<const double> x_sorted, std::span<const double> y_sorted);

}  // namespace mlwb::drift
