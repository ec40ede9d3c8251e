#include "serving/cost.hpp"

#include <limits>

namespace mlwb::serving {

double replica_price_per_hour(const Cost& cost) {
    return cost.price_per_hour * (cost.spot ? 1 - cost.spot_discount : 1.0);
}

CostSummary cost_of_fleet(const Scenario& scenario, double replicas, double throughput_rps, double output_tokens_per_s) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    CostSummary c;
    c.replica_price_per_hour = replica_price_per_hour(scenario.cost);
    c.replicas = replicas;
    c.per_hour = replicas * c.replica_price_per_hour;
    c.per_month = c.per_hour * kHoursPerMonth;
    c.per_million = throughput_rps > 0 ? c.per_hour / (throughput_rps * 3600) * 1e6 : kNaN;
    c.per_million_tokens = output_tokens_per_s > 0 ? c.per_hour / (output_tokens_per_s * 3600) * 1e6 : kNaN;
    return c;
}

CostSummary cost_of_run(const Scenario& scenario, const SimResult& result) {
    return cost_of_fleet(scenario, result.mean_replicas, result.throughput_rps,
                         result.has_llm ? result.llm.output_tokens_per_s : 0);
}

}  // namespace mlwb::serving
