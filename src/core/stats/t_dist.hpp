// Student's t and the non-central t distribution, through Boost.Math: the two-sample t-test's
// power is the tail of a non-central t beyond the central t's critical value.
#pragma once

namespace mlwb::stats {

double t_upper_quantile(double p, double df);                  // t with P(T > t) = p
double noncentral_t_upper_tail(double x, double df, double ncp);  // P(T' > x)
double noncentral_t_cdf(double x, double df, double ncp);         // P(T' <= x)

}  // namespace mlwb::stats
