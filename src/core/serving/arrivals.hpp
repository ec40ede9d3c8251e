// Arrival processes of the Serving simulator: each call gives the next arrival time.
#pragma once

#include <vector>

#include "serving/rng.hpp"
#include "serving/samplers.hpp"
#include "serving/scenario.hpp"

namespace mlwb::serving {

// Relative rate of the daily profile at `hour` (0-24, wrapping): hourly values sit at the
// middle of their hour and are interpolated linearly; the profile is scaled to a mean of 1.
double daily_multiplier(const ArrivalModel& arrival, double hour);

class ArrivalProcess {
public:
    ArrivalProcess(const ArrivalModel& arrival, Rng rng);
    // Seconds since the start; +infinity once a replayed trace is exhausted.
    double next();
    // Offered rate at time t (for the load series): constant except for the daily profile.
    double rate_at(double t_s) const;
    // Replay: how many arrivals the trace holds (others: effectively unlimited).
    long long available() const;

private:
    ArrivalModel model_;
    Rng rng_;
    NormalSampler normal_;
    double t_ = 0;
    double gamma_shape_ = 1;
    double on_rate_ = 0;      // OnOff: rate inside a burst
    double on_until_ = 0;     // OnOff: end of the current burst
    double peak_rate_ = 0;    // Daily: the thinning envelope
    std::vector<double> replay_;
    std::size_t next_replay_ = 0;
};

}  // namespace mlwb::serving
