// Histograms as numpy 1.24 and Evidently 0.6 build them, so the divergences computed from them
// (PSI, KL, Jensen–Shannon, Hellinger) give the numbers a user gets from Evidently.
// Numeric samples are sorted ascending and finite: counting a bin is two binary searches.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mlwb::drift {

// numpy.histogram_bin_edges(a, bins='sturges') for an array with this min, max and size.
// The bin count is ceil(range / (range / (log2(size) + 1))), computed literally: for a size that
// is a power of two it can exceed log2(size) + 1 by one. Empty when numpy would raise
// (a non-finite min or max, or a range that overflows).
std::vector<double> sturges_edges(double min, double max, std::size_t count);

// np.histogram(a, edges)[0] as doubles: bin i holds edges[i] <= v < edges[i+1], the last bin
// also its right edge; values outside the edges are not counted. Empty if edges has fewer
// than two entries or decreases (numpy raises).
std::vector<double> histogram_counts(std::span<const double> sorted, std::span<const double> edges);

// Number of distinct values in a ∪ b (both sorted), by one merge walk.
std::size_t distinct_in_union(std::span<const double> a_sorted, std::span<const double> b_sorted);

// Share of each sample in each bucket (count / sample size); bucket i is the same in both.
struct Shares {
    std::vector<double> reference, current;
};

// Evidently's get_binned_data for a numeric column, before any zero filling: Sturges bins on
// the pooled data when the reference has more than 20 distinct values, otherwise one bucket
// per distinct value of reference ∪ current (ascending). Empty if either sample is.
Shares evidently_numeric_shares(std::span<const double> ref_sorted, std::span<const double> cur_sorted);

// The same for a categorical column given as counts per category (index i is the same
// category in both, ascending key order). A category absent from both samples is dropped,
// as Evidently only sees categories that occur. Empty if the vectors differ in length or a
// sample has no rows.
Shares count_shares(std::span<const double> ref_counts, std::span<const double> cur_counts);

}  // namespace mlwb::drift
