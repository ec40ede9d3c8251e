// Distances between two numeric samples as scipy 1.10 computes them, and the reference spread
// Evidently normalises the Wasserstein distance by. Inputs are sorted ascending, finite and
// non-empty (an empty one gives NaN); each function is one pass, with no copies of the data.
#pragma once

#include <span>

namespace mlwb::drift {

// scipy.stats.wasserstein_distance(x, y): the area between the two empirical CDFs.
double wasserstein_distance(std::span<const double> x_sorted, std::span<const double> y_sorted);

// scipy.stats.energy_distance(x, y): sqrt(2) times the L2 distance between the empirical CDFs.
double energy_distance(std::span<const double> x_sorted, std::span<const double> y_sorted);

// numpy.std(values) (ddof = 0), in numpy's summation order; any order of values.
double std_population(std::span<const double> values);

// Evidently's "wasserstein" score: w / max(reference std, 0.001), so a constant reference
// does not divide by zero.
double wasserstein_normed(double w, double reference_std);

}  // namespace mlwb::drift
