#include "serving/serving_report.hpp"

#include <cmath>
#include <limits>

#include "serving/cost.hpp"
#include "serving/llm.hpp"
#include "serving/sim_stats.hpp"
#include "serving/validate.hpp"

namespace mlwb::serving {

namespace {
using nlohmann::json;

json errors_json(const std::vector<FieldError>& errors) {
    json out = json::array();
    for (const auto& e : errors) out.push_back({{"field", e.field}, {"message", e.message}});
    return out;
}

json cost_json(const CostSummary& c, const Scenario& s) {
    json j = {{"instance", s.cost.instance},
              {"spot", s.cost.spot},
              {"replica_price_per_hour", c.replica_price_per_hour},
              {"replicas", c.replicas},
              {"per_hour", c.per_hour},
              {"per_month", c.per_month},
              {"per_million", c.per_million}};
    if (s.llm.enabled) j["per_million_output_tokens"] = c.per_million_tokens;
    return j;
}

json slo_json(const Scenario& s, double latency, double attainment) {
    return {{"latency_ms", s.slo.latency_ms},
            {"percentile", s.slo.percentile},
            {"latency_at_percentile_ms", latency},
            {"attainment", attainment},
            // null when the formulas give no percentile (M/G/1, G/G/c): unknown, not missed
            {"met", std::isnan(latency) ? json(nullptr) : json(latency <= s.slo.latency_ms)}};
}

}  // namespace

json percentiles_json(const Percentiles& p) {
    return {{"p50", p.p50}, {"p90", p.p90}, {"p95", p.p95}, {"p99", p.p99}, {"p999", p.p999}, {"mean", p.mean}};
}

json analytic_results_json(const Scenario& s, const AnalyticResult& a) {
    json j = {{"model", a.model},
              {"applicable", a.applicable},
              {"exact_mean", a.exact_mean},
              {"exact_percentiles", a.exact_percentiles},
              {"stable", a.stable},
              {"note", a.note}};
    if (!a.applicable) return j;
    j["latency_ms"] = percentiles_json(a.latency_ms);
    j["wait_ms"] = percentiles_json(a.wait_ms);
    j["prob_wait"] = a.prob_wait;
    j["utilization"] = a.utilization;
    const double offered = s.arrival.rate_rps;
    j["throughput_rps"] = a.stable ? offered : std::numeric_limits<double>::quiet_NaN();
    const double slo_latency = latency_at_percentile(a.latency_ms, {}, s.slo.percentile);
    j["slo"] = slo_json(s, slo_latency, std::numeric_limits<double>::quiet_NaN());
    j["cost"] = cost_json(cost_of_fleet(s, s.fleet.replicas, a.stable ? offered : 0), s);
    return j;
}

json serving_results_json(const Scenario& s, const AnalyticResult& a, const SimResult* sim) {
    const auto errors = validate(s);
    if (!errors.empty()) return {{"ok", false}, {"errors", errors_json(errors)}};
    json j = {{"ok", true}, {"simulated", sim != nullptr}};
    j["analytic"] = analytic_results_json(s, a);
    if (s.llm.enabled) {
        const LlmEstimate e = estimate(s.llm);
        j["llm_estimate"] = {{"weights_gb", e.weights_gb},
                             {"kv_bytes_per_token", e.kv_bytes_per_token},
                             {"kv_capacity_tokens", e.kv_capacity_tokens},
                             {"fits", e.fits},
                             {"max_sequences", e.max_sequences},
                             {"ttft_ms", e.ttft_ms},
                             {"tpot_ms", e.tpot_ms},
                             {"prefill_bound", bound_key(e.prefill_bound)},
                             {"decode_bound", bound_key(e.decode_bound)},
                             {"tokens_per_s", e.tokens_per_s}};
    }
    if (!sim) {
        // The analytic answer at the top level too, so scripts read the same keys either way.
        for (const char* key : {"latency_ms", "wait_ms", "prob_wait", "utilization", "throughput_rps", "slo", "cost"})
            if (j["analytic"].contains(key)) j[key] = j["analytic"][key];
        return j;
    }
    const SimResult& r = *sim;
    j["latency_ms"] = percentiles_json(r.latency_ms);
    j["latency_ci95_ms"] = percentiles_json({r.latency_ci.p50, r.latency_ci.p90, r.latency_ci.p95, r.latency_ci.p99,
                                            r.latency_ci.p999, r.latency_ci.mean});
    j["wait_ms"] = percentiles_json(r.wait_ms);
    j["wait_ci95_ms"] = percentiles_json({r.wait_ci.p50, r.wait_ci.p90, r.wait_ci.p95, r.wait_ci.p99, r.wait_ci.p999, r.wait_ci.mean});
    j["prob_wait"] = r.prob_wait;
    j["prob_wait_ci95"] = r.prob_wait_ci;
    j["utilization"] = r.utilization;
    j["throughput_rps"] = r.throughput_rps;
    j["timeout_rate"] = r.timeout_rate;
    j["shed_rate"] = r.shed_rate;
    j["requests"] = {{"arrived", r.arrived},       {"completed", r.completed}, {"answered_in_time", r.answered_in_time},
                     {"timed_out", r.timed_out},   {"shed", r.shed},           {"cache_hits", r.cache_hits}};
    j["mean_in_system"] = r.mean_in_system;
    j["mean_batch"] = r.mean_batch;
    j["mean_replicas"] = r.mean_replicas;
    j["replica_hours"] = r.replica_hours;
    j["sim_time_s"] = r.sim_time_s;
    j["unstable"] = r.unstable;
    j["seed"] = s.run.seed;
    j["slo"] = slo_json(s, latency_at_percentile(r.latency_ms, r.latency_quantiles_ms, s.slo.percentile), r.slo_attainment);
    j["cost"] = cost_json(cost_of_run(s, r), s);
    if (r.has_llm) {
        j["llm"] = {{"ttft_ms", percentiles_json(r.llm.ttft_ms)},
                    {"tpot_ms", percentiles_json(r.llm.tpot_ms)},
                    {"output_tokens_per_s", r.llm.output_tokens_per_s},
                    {"mean_batch", r.llm.mean_batch}};
    }
    json series = json::array();
    for (const TimePoint& p : r.series)
        series.push_back({{"t_s", p.t_s}, {"arrivals_rps", p.arrivals_rps}, {"throughput_rps", p.throughput_rps},
                          {"replicas", p.replicas}, {"p99_ms", p.p99_ms}, {"queue", p.queue}});
    j["series"] = series;
    j["notes"] = r.notes;
    return j;
}

}  // namespace mlwb::serving
