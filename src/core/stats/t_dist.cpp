#include "stats/t_dist.hpp"

#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace mlwb::stats {

double t_upper_quantile(double p, double df) {
    return boost::math::quantile(boost::math::complement(boost::math::students_t_distribution<double>(df), p));
}

double noncentral_t_upper_tail(double x, double df, double ncp) {
    return boost::math::cdf(boost::math::complement(boost::math::non_central_t_distribution<double>(df, ncp), x));
}

double noncentral_t_cdf(double x, double df, double ncp) {
    return boost::math::cdf(boost::math::non_central_t_distribution<double>(df, ncp), x);
}

}  // namespace mlwb::stats
