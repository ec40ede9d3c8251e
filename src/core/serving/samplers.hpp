// The distributions the simulator draws from, built only on serving::Rng, det_log and
// det_exp so that a seed gives the same numbers natively and in wasm.
#pragma once

#include <limits>
#include <vector>

#include "serving/rng.hpp"
#include "serving/scenario.hpp"

namespace mlwb::serving {

double sample_exponential(Rng& rng, double mean);

// Standard normal by Marsaglia's polar method (log and sqrt only; the second value of each
// pair is kept for the next call).
class NormalSampler {
public:
    double draw(Rng& rng);

private:
    double spare_ = 0;
    bool has_spare_ = false;
};

// Gamma(shape, scale) by Marsaglia and Tsang; shape < 1 through Gamma(shape + 1) * U^(1/shape).
double sample_gamma(Rng& rng, NormalSampler& normal, double shape, double scale);

// ln X ~ Normal(mu, sigma); NaN when the numbers describe no lognormal.
struct LognormalParams {
    double mu = std::numeric_limits<double>::quiet_NaN();
    double sigma = std::numeric_limits<double>::quiet_NaN();
};
LognormalParams lognormal_from_mean_cv(double mean, double cv);
LognormalParams lognormal_from_p50_p99(double p50, double p99);
// The smaller of the two sigmas that fit; sigma is NaN when p99 is too far above the mean for
// any lognormal (validate() says so first).
LognormalParams lognormal_from_mean_p99(double mean, double p99);
// The fit a lognormal service model asks for (mean and CV; p50 and p99; mean and p99), NaN
// when its numbers describe no lognormal (p99 <= p50, p99 <= mean, p99 above ~15x the mean,
// non-positive values). The analytic formulas use the same fit the simulator draws from.
LognormalParams lognormal_params(const ServiceModel& service);

// Service times in ms as the scenario describes them. Trace samples are used in order.
class ServiceSampler {
public:
    explicit ServiceSampler(const ServiceModel& service);
    double draw_ms(Rng& rng);

private:
    ServiceKind kind_;
    double mean_ms_;
    double gamma_shape_ = 1;
    LognormalParams lognormal_;
    const std::vector<double>* samples_;
    std::size_t next_trace_ = 0;
    NormalSampler normal_;
};

// A positive whole number of tokens with the given mean and CV (lognormal, rounded, >= 1).
class TokenSampler {
public:
    TokenSampler(double mean, double cv);
    int draw(Rng& rng);

private:
    LognormalParams lognormal_;
    NormalSampler normal_;
};

}  // namespace mlwb::serving
