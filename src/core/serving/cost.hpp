// What a fleet costs: replica-hours times the price, per month and per million answers.
#pragma once

#include "serving/scenario.hpp"
#include "serving/sim_result.hpp"

namespace mlwb::serving {

constexpr double kHoursPerMonth = 730;  // 365 * 24 / 12, the convention of cloud price pages

struct CostSummary {
    double replica_price_per_hour = 0;  // after the spot discount
    double replicas = 0;                // mean billed replicas (cold starts and draining included)
    double per_hour = 0;
    double per_month = 0;
    double per_million = 0;             // $ per million requests answered within the timeout
    double per_million_tokens = 0;      // LLM mode: $ per million output tokens (NaN otherwise)
};

double replica_price_per_hour(const Cost& cost);

// From a simulation: billed replica-hours over the simulated window.
CostSummary cost_of_run(const Scenario& scenario, const SimResult& result);

// A fixed fleet answering `throughput_rps` (the analytic view and capacity search).
CostSummary cost_of_fleet(const Scenario& scenario, double replicas, double throughput_rps,
                          double output_tokens_per_s = 0);

}  // namespace mlwb::serving
