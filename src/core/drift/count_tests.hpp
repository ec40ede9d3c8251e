// Tests on counts per category: scipy 1.10's Pearson chi-square, and the two ways Evidently 0.6
// uses counts to test a categorical column (chi-square against the rescaled reference, and a
// two-proportion z-test of the first category against the rest).
// Count vectors are aligned by category (index i is the same category in both) in ascending
// key order; a category absent from both samples is ignored, as Evidently never sees it.
#pragma once

#include <span>

#include "drift/test_result.hpp"

namespace mlwb::drift {

// scipy.stats.chisquare(observed, expected): statistic sum((o - e)^2 / e), p = chi2.sf(stat, k - 1).
// An empty `expected` means scipy's default (every cell the mean of `observed`). As in scipy,
// a zero expected cell gives stat inf and p 0 (or NaN if its observed count is 0 too), and one
// cell gives p NaN. Sums of observed and expected that differ by more than 1e-8 relative (scipy
// raises), or vectors of different lengths, give {NaN, NaN}.
TestResult chisquare(std::span<const double> observed, std::span<const double> expected);

// Evidently's "chisquare": expected = reference counts * (current rows / reference rows).
// A category seen only in the current sample makes p 0 (drift). {NaN, NaN} for mismatched
// lengths or an empty sample.
TestResult evidently_chisquare(std::span<const double> ref_counts, std::span<const double> cur_counts);

// Evidently's "z": pooled two-proportion z-test of "is the smallest category" between the samples,
// p = 2 * (1 - Phi(|z|)) (not the tail function: p below ~1e-16 is 0, as in Evidently).
// statistic is z (positive when the reference has more rows outside the first category).
// Both samples holding one and the same single category: {0, 1}.
TestResult proportion_z_test(std::span<const double> ref_counts, std::span<const double> cur_counts);

}  // namespace mlwb::drift
