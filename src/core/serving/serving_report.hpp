// The Serving simulator's results as JSON: what `mlwb serve --json` prints, what
// window.mlwb.results() returns and what the panel exports. Keys are stable (scripts read them).
#pragma once

#include <nlohmann/json.hpp>

#include "serving/analytic.hpp"
#include "serving/scenario.hpp"
#include "serving/sim_result.hpp"

namespace mlwb::serving {

nlohmann::json percentiles_json(const Percentiles& p);

// The closed-form answer alone (`mlwb serve --analytic`): latency_ms, wait_ms, prob_wait,
// utilization, throughput_rps, model and whether it is exact, cost for the fixed fleet.
nlohmann::json analytic_results_json(const Scenario& scenario, const AnalyticResult& analytic);

// The simulation's answer with the analytic one beside it under "analytic" (sim may be null:
// then the analytic answer alone, with "simulated": false).
nlohmann::json serving_results_json(const Scenario& scenario, const AnalyticResult& analytic, const SimResult* sim);

}  // namespace mlwb::serving
