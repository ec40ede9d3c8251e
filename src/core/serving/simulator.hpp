// The discrete-event simulation of a serving fleet (the model is described in scenario.hpp).
// It runs in slices, so that the browser can keep drawing frames while a long run proceeds:
//
//     Simulator sim(scenario);
//     while (!sim.step(200000)) draw_progress(sim.progress());
//     SimResult r = sim.result();
//
// Everything random comes from serving::Rng streams derived from run.seed, so the same
// scenario gives bit-identical results natively and in wasm, whatever the slice sizes.
#pragma once

#include <memory>

#include "serving/scenario.hpp"
#include "serving/sim_result.hpp"

namespace mlwb::serving {

struct SimOptions {
    bool record_requests = false;  // keep every request's fate (tests; costs memory)
};

class Simulator {
public:
    explicit Simulator(const Scenario& scenario, SimOptions options = {});
    ~Simulator();
    Simulator(Simulator&&) noexcept;
    Simulator& operator=(Simulator&&) noexcept;

    // Processes up to `max_events` events; true once the run has finished.
    bool step(long long max_events);
    bool done() const;
    double progress() const;        // share of the arrivals generated so far, 0..1
    long long events() const;       // processed so far (for speed measurements)
    // The summary of what is done so far (complete once done()).
    SimResult result() const;
    // A finished run's summary in pieces of about `budget` values each (a 1M-request run's
    // percentiles, intervals and series take ~75 ms natively at once); true once complete,
    // and result() then returns it without recomputing.
    bool summarize(long long budget);
    // Every request in arrival order (warm-up included), when options.record_requests.
    const std::vector<RequestRecord>& requests() const;

private:
    struct Engine;
    std::unique_ptr<Engine> engine_;
};

// Runs to the end in one call.
SimResult simulate(const Scenario& scenario);

}  // namespace mlwb::serving
