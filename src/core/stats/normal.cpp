#include "stats/normal.hpp"

#include <boost/math/distributions/normal.hpp>

namespace mlwb::stats {

namespace {
const boost::math::normal_distribution<double> kStandardNormal(0.0, 1.0);
}

double normal_cdf(double z) { return boost::math::cdf(kStandardNormal, z); }

double normal_upper_tail(double z) { return boost::math::cdf(boost::math::complement(kStandardNormal, z)); }

double normal_quantile(double p) { return boost::math::quantile(kStandardNormal, p); }

double normal_upper_quantile(double p) { return boost::math::quantile(boost::math::complement(kStandardNormal, p)); }

}  // namespace mlwb::stats
