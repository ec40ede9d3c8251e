// The standard normal distribution, through Boost.Math.
// Upper-tail functions are separate so that tails far from the centre keep full precision
// (1 - cdf(z) loses every digit once cdf(z) rounds to 1).
#pragma once

namespace mlwb::stats {

double normal_cdf(double z);             // P(Z <= z)
double normal_upper_tail(double z);      // P(Z > z)
double normal_quantile(double p);        // z such that P(Z <= z) = p, for 0 < p < 1
double normal_upper_quantile(double p);  // z such that P(Z > z) = p, for 0 < p < 1

}  // namespace mlwb::stats
