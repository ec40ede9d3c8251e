#include "serving/arrivals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mlwb::serving {

namespace {
double profile_mean(const ArrivalModel& arrival) {
    double sum = 0;
    for (double v : arrival.hourly_profile) sum += v;
    return sum / 24;
}
}  // namespace

double daily_multiplier(const ArrivalModel& arrival, double hour) {
    const double mean = profile_mean(arrival);
    if (!(mean > 0)) return 1;
    double h = std::fmod(hour - 0.5, 24.0);
    if (h < 0) h += 24;
    const int lo = static_cast<int>(h) % 24;
    const int hi = (lo + 1) % 24;
    const double frac = h - std::floor(h);
    return (arrival.hourly_profile[lo] * (1 - frac) + arrival.hourly_profile[hi] * frac) / mean;
}

ArrivalProcess::ArrivalProcess(const ArrivalModel& arrival, Rng rng) : model_(arrival), rng_(rng) {
    switch (model_.kind) {
        case ArrivalKind::Gamma: gamma_shape_ = 1 / (model_.cv * model_.cv); break;
        case ArrivalKind::OnOff: {
            const double cycle = model_.on_mean_s + model_.off_mean_s;
            on_rate_ = model_.rate_rps * cycle / model_.on_mean_s;
            // Start at a random phase of the cycle: in a burst with its long-run probability.
            if (rng_.uniform() < model_.on_mean_s / cycle) {
                on_until_ = sample_exponential(rng_, model_.on_mean_s);
            } else {
                t_ = sample_exponential(rng_, model_.off_mean_s);
                on_until_ = t_ + sample_exponential(rng_, model_.on_mean_s);
            }
            break;
        }
        case ArrivalKind::Daily: {
            const double mean = profile_mean(model_);
            const double peak = *std::max_element(model_.hourly_profile.begin(), model_.hourly_profile.end());
            peak_rate_ = mean > 0 ? model_.rate_rps * peak / mean : model_.rate_rps;
            break;
        }
        case ArrivalKind::Replay:
            replay_ = model_.replay_s;
            std::sort(replay_.begin(), replay_.end());
            if (!replay_.empty()) {
                const double origin = replay_.front();
                for (double& t : replay_) t -= origin;
            }
            break;
        case ArrivalKind::Poisson: break;
    }
}

double ArrivalProcess::next() {
    switch (model_.kind) {
        case ArrivalKind::Poisson: t_ += sample_exponential(rng_, 1 / model_.rate_rps); break;
        case ArrivalKind::Gamma:
            t_ += sample_gamma(rng_, normal_, gamma_shape_, 1 / (model_.rate_rps * gamma_shape_));
            break;
        case ArrivalKind::OnOff:
            // Within a burst arrivals are Poisson; past its end, skip a silence and start the
            // next burst (memorylessness makes restarting the draw there exact).
            for (;;) {
                const double candidate = t_ + sample_exponential(rng_, 1 / on_rate_);
                if (candidate <= on_until_) {
                    t_ = candidate;
                    break;
                }
                t_ = on_until_ + sample_exponential(rng_, model_.off_mean_s);
                on_until_ = t_ + sample_exponential(rng_, model_.on_mean_s);
            }
            break;
        case ArrivalKind::Daily:
            // Thinning (Lewis and Shedler): candidates at the peak rate, each kept with
            // probability rate(t) / peak.
            for (;;) {
                t_ += sample_exponential(rng_, 1 / peak_rate_);
                if (rng_.uniform() * peak_rate_ <= rate_at(t_)) break;
            }
            break;
        case ArrivalKind::Replay:
            if (next_replay_ >= replay_.size()) return std::numeric_limits<double>::infinity();
            t_ = replay_[next_replay_++];
            break;
    }
    return t_;
}

double ArrivalProcess::rate_at(double t_s) const {
    if (model_.kind != ArrivalKind::Daily) return model_.rate_rps;
    const double hour = model_.start_hour + 24 * t_s / model_.day_length_s;
    return model_.rate_rps * daily_multiplier(model_, hour);
}

long long ArrivalProcess::available() const {
    if (model_.kind == ArrivalKind::Replay) return static_cast<long long>(replay_.size());
    return std::numeric_limits<long long>::max();
}

}  // namespace mlwb::serving
