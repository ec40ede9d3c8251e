// Divergences between the binned reference and current distributions, as Evidently 0.6 scores
// them with numpy 1.24 / scipy 1.10 (natural logarithms throughout).
// Each takes the unfilled Shares (binning.hpp) and does any zero filling itself on the fly, so
// one Shares serves all of them. Mismatched or empty Shares give NaN.
#pragma once

#include <span>
#include <vector>

#include "drift/binning.hpp"

namespace mlwb::drift {

// Evidently's feel_zeroes: every zero share becomes (smallest non-zero share) / 1e6 if that
// share is <= 1e-4, else 1e-4. Not renormalised. A vector with no non-zero share is left alone.
void fill_zeroes(std::vector<double>& shares);

// Population stability index: sum of (r - c) * ln(r / c) over zero-filled shares.
double psi(const Shares& shares);

// scipy.stats.entropy(r, c) on zero-filled shares: both renormalised, sum of r * ln(r / c).
double kl_divergence(const Shares& shares);

// scipy.spatial.distance.jensenshannon(r, c) on unfilled shares: the JS *distance*
// sqrt((KL(r, m) + KL(c, m)) / 2), m the average, in [0, sqrt(ln 2)].
double jensenshannon(const Shares& shares);

// Evidently's categorical Hellinger distance: sqrt(1 - clip(sum sqrt(r * c), 0, 1)).
double hellinger_categorical(const Shares& shares);

// Evidently's numeric Hellinger distance: Sturges edges over the DISTINCT values of
// reference ∪ current, numpy density histograms of each sample, and the same sum with each
// product weighted by the mean bin width. Zero-width bins (a range within a few ulps of its
// magnitude) are skipped where Evidently would produce NaN.
double hellinger_numeric(std::span<const double> ref_sorted, std::span<const double> cur_sorted);

}  // namespace mlwb::drift
