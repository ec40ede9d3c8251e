#include "serving/samplers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mlwb::serving {

// Parameters go through det_log too: a last-bit difference in mu would shift every draw.
namespace {
constexpr double kZ99 = 2.3263478740408408;  // standard normal 0.99 quantile
}

double sample_exponential(Rng& rng, double mean) { return -mean * det_log(rng.uniform_positive()); }

double NormalSampler::draw(Rng& rng) {
    if (has_spare_) {
        has_spare_ = false;
        return spare_;
    }
    double u, v, s;
    do {
        u = 2 * rng.uniform() - 1;
        v = 2 * rng.uniform() - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    const double factor = std::sqrt(-2 * det_log(s) / s);
    spare_ = v * factor;
    has_spare_ = true;
    return u * factor;
}

double sample_gamma(Rng& rng, NormalSampler& normal, double shape, double scale) {
    if (shape < 1) {
        const double boost = det_exp(det_log(rng.uniform_positive()) / shape);
        return sample_gamma(rng, normal, shape + 1, scale) * boost;
    }
    const double d = shape - 1.0 / 3;
    const double c = 1 / std::sqrt(9 * d);
    for (;;) {
        double x, v;
        do {
            x = normal.draw(rng);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const double u = rng.uniform_positive();
        if (u < 1 - 0.0331 * (x * x) * (x * x)) return d * v * scale;
        if (det_log(u) < 0.5 * x * x + d * (1 - v + det_log(v))) return d * v * scale;
    }
}

namespace {
bool positive(double v) { return std::isfinite(v) && v > 0; }
}  // namespace

LognormalParams lognormal_from_mean_cv(double mean, double cv) {
    if (!positive(mean) || !(std::isfinite(cv) && cv >= 0)) return {};
    const double sigma2 = det_log(1 + cv * cv);
    return {det_log(mean) - sigma2 / 2, std::sqrt(sigma2)};
}

LognormalParams lognormal_from_p50_p99(double p50, double p99) {
    if (!positive(p50) || !std::isfinite(p99) || !(p99 > p50)) return {};
    return {det_log(p50), det_log(p99 / p50) / kZ99};
}

LognormalParams lognormal_from_mean_p99(double mean, double p99) {
    if (!positive(mean) || !std::isfinite(p99) || !(p99 > mean)) return {};
    // mu + sigma^2 / 2 = ln mean and mu + z sigma = ln p99: sigma^2 / 2 - z sigma + L = 0 with
    // L = ln(p99 / mean). The smaller root, in the form that does not cancel for small L.
    const double gap = det_log(p99 / mean);
    const double discriminant = kZ99 * kZ99 - 2 * gap;
    if (discriminant < 0) return {};  // p99 above ~15x the mean: no lognormal has both
    const double sigma = 2 * gap / (kZ99 + std::sqrt(discriminant));
    return {det_log(mean) - sigma * sigma / 2, sigma};
}

LognormalParams lognormal_params(const ServiceModel& service) {
    switch (service.fit) {
        case LognormalFit::MeanCv: return lognormal_from_mean_cv(service.mean_ms, service.cv);
        case LognormalFit::P50P99: return lognormal_from_p50_p99(service.p50_ms, service.p99_ms);
        case LognormalFit::MeanP99: return lognormal_from_mean_p99(service.mean_ms, service.p99_ms);
    }
    return {};
}

ServiceSampler::ServiceSampler(const ServiceModel& service)
    : kind_(service.kind), mean_ms_(service.mean_ms), samples_(&service.samples_ms) {
    if (kind_ == ServiceKind::Lognormal) lognormal_ = lognormal_params(service);
    if (kind_ == ServiceKind::Gamma) gamma_shape_ = 1 / (service.cv * service.cv);
    if ((kind_ == ServiceKind::Empirical || kind_ == ServiceKind::Trace) && samples_->empty())
        kind_ = ServiceKind::Deterministic;  // validate() rejects this; never index an empty list
}

double ServiceSampler::draw_ms(Rng& rng) {
    switch (kind_) {
        case ServiceKind::Deterministic: return mean_ms_;
        case ServiceKind::Exponential: return sample_exponential(rng, mean_ms_);
        case ServiceKind::Lognormal: return det_exp(lognormal_.mu + lognormal_.sigma * normal_.draw(rng));
        case ServiceKind::Gamma: return sample_gamma(rng, normal_, gamma_shape_, mean_ms_ / gamma_shape_);
        case ServiceKind::Empirical: {
            const auto n = samples_->size();
            return (*samples_)[static_cast<std::size_t>(rng.uniform() * static_cast<double>(n)) % n];
        }
        case ServiceKind::Trace: {
            const double value = (*samples_)[next_trace_];
            next_trace_ = (next_trace_ + 1) % samples_->size();
            return value;
        }
    }
    return mean_ms_;
}

TokenSampler::TokenSampler(double mean, double cv) : lognormal_(lognormal_from_mean_cv(mean, cv)) {}

int TokenSampler::draw(Rng& rng) {
    const double x = det_exp(lognormal_.mu + lognormal_.sigma * normal_.draw(rng));
    if (!(x < 1e9)) return 1000000000;
    return std::max(1, static_cast<int>(std::lround(x)));
}

}  // namespace mlwb::serving
