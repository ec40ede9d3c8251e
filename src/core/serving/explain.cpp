#include "serving/explain.hpp"

#include <cmath>

#include "util/format.hpp"

namespace mlwb::serving {

namespace {

std::string num(double v, int digits = 4) { return format_significant(v, digits); }

}  // namespace

std::vector<ExplainStep> explain(const Scenario& s, const AnalyticResult& a) {
    std::vector<ExplainStep> steps;
    if (!a.applicable) return steps;
    const double lambda = a.fleet_rate_rps;               // per second, after the cache
    const double service_s = a.service_mean_ms / 1000.0;  // S
    const int c = a.servers;
    const double offered = lambda * service_s;            // a = λ S, in servers busy
    const double hit = s.fleet.cache_hit_rate;

    steps.push_back({"Arrivals at the fleet",
                     hit > 0 ? "λ = rate × (1 − cache hit rate) = " + num(s.arrival.rate_rps) + "/s × (1 − " + num(hit) + ") = " + num(lambda) + "/s"
                             : "λ = " + num(lambda) + "/s" + (std::isfinite(a.arrival_cv) ? " (inter-arrival cv " + num(a.arrival_cv, 3) + ")" : "")});
    steps.push_back({"Service", "S = " + num(a.service_mean_ms) + " ms mean (cv " + num(a.service_cv, 3) + "); c = replicas × concurrency = " +
                                    std::to_string(s.fleet.replicas) + " × " + std::to_string(s.fleet.concurrency) + " = " + std::to_string(c) +
                                    " servers"});
    steps.push_back({"Utilisation", "ρ = λ S / c = " + num(lambda) + " × " + num(service_s) + " s / " + std::to_string(c) + " = " + num(a.utilization)});
    if (!a.stable) {
        steps.push_back({"Unstable", "ρ ≥ 1: work arrives faster than the servers finish it, so the queue grows without bound "
                                     "and no waiting time exists. Add servers or cut the service time."});
        return steps;
    }
    const double drain = c / service_s - lambda;  // cμ − λ, per second
    if (a.model == kModelMmc) {
        steps.push_back({"Erlang C", "offered load a = λ S = " + num(offered) + "; P(wait) = C(c, a) = C(" + std::to_string(c) + ", " + num(offered) +
                                         ") = " + num(a.prob_wait)});
        steps.push_back({"Mean wait", "W = C / (cμ − λ) = " + num(a.prob_wait) + " / (" + num(c / service_s) + " − " + num(lambda) + ")/s = " +
                                          num(a.mean_wait_ms) + " ms"});
        steps.push_back({"Waiting-time tail", "P(W > t) = C e^(−(cμ − λ) t), so the q-quantile of the wait is max(0, ln(C / (1 − q)) / (cμ − λ)): "
                                                  "p99 wait = " + num(a.wait_ms.p99) + " ms"});
    } else if (a.model == kModelMd1) {
        steps.push_back({"Pollaczek–Khinchine (M/D/1)", "W = ρ S / (2 (1 − ρ)) = " + num(a.utilization) + " × " + num(a.service_mean_ms) + " ms / (2 × (1 − " +
                                                            num(a.utilization) + ")) = " + num(a.mean_wait_ms) + " ms"});
    } else if (a.model == kModelMg1) {
        steps.push_back({"Pollaczek–Khinchine (M/G/1)", "W = ρ S (1 + cs²) / (2 (1 − ρ)) = " + num(a.utilization) + " × " + num(a.service_mean_ms) +
                                                            " ms × (1 + " + num(a.service_cv, 3) + "²) / (2 × (1 − " + num(a.utilization) + ")) = " +
                                                            num(a.mean_wait_ms) + " ms"});
    } else if (a.model == kModelGgc) {
        steps.push_back({"Allen–Cunneen (G/G/c)", "W ≈ C(c, a) / (cμ − λ) × (ca² + cs²) / 2 = " + num(a.prob_wait) + " / " + num(drain) + "/s × (" +
                                                      num(a.arrival_cv, 3) + "² + " + num(a.service_cv, 3) + "²) / 2 = " + num(a.mean_wait_ms) + " ms"});
    }
    steps.push_back({"Latency", hit > 0 ? "mean = hits × cache latency + misses × (W + S) = " + num(hit) + " × " + num(s.fleet.cache_latency_ms) +
                                              " ms + " + num(1 - hit) + " × (" + num(a.mean_wait_ms) + " + " + num(a.service_mean_ms) + ") ms = " +
                                              num(a.mean_latency_ms) + " ms"
                                        : "mean = W + S = " + num(a.mean_wait_ms) + " + " + num(a.service_mean_ms) + " ms = " + num(a.mean_latency_ms) + " ms"});
    return steps;
}

}  // namespace mlwb::serving
