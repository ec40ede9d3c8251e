// "Show the formulas" of the Serving simulator (serving/explain): each step's numbers are those
// of the textbook formula computed here independently (Erlang C by its recursion, the
// Pollaczek–Khinchine mean), and the last step is the engine's own mean latency.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "serving/explain.hpp"
#include "util/format.hpp"

using namespace mlwb::serving;

namespace {

double erlang_c_by_recursion(int c, double a) {  // Erlang B by recursion, then C
    double b = 1;
    for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
    return c * b / (c - a * (1 - b));
}

bool has(const std::vector<ExplainStep>& steps, const std::string& label, const std::string& text) {
    for (const auto& s : steps)
        if (s.label == label && s.text.find(text) != std::string::npos) return true;
    return false;
}

Scenario mm(int servers, double rate, double mean_ms, ServiceKind kind) {
    Scenario s;
    s.arrival.kind = ArrivalKind::Poisson;
    s.arrival.rate_rps = rate;
    s.service.kind = kind;
    s.service.mean_ms = mean_ms;
    s.fleet.replicas = servers;
    s.fleet.concurrency = 1;
    return s;
}

}  // namespace

TEST_CASE("the M/M/c derivation shows Erlang C and the mean wait with the scenario's numbers", "[serving][explain]") {
    const Scenario s = mm(8, 1600, 4, ServiceKind::Exponential);
    const AnalyticResult a = analyze(s);
    REQUIRE(a.model == kModelMmc);
    const auto steps = explain(s, a);
    const double c = erlang_c_by_recursion(8, 6.4);
    const double wait_ms = 1000 * c / (8 / 0.004 - 1600);
    CHECK(has(steps, "Utilisation", "= 0.8"));
    CHECK(has(steps, "Erlang C", "= " + mlwb::format_significant(c, 4)));
    CHECK(has(steps, "Mean wait", "= " + mlwb::format_significant(wait_ms, 4) + " ms"));
    CHECK(has(steps, "Latency", "= " + mlwb::format_significant(wait_ms + 4, 4) + " ms"));
}

TEST_CASE("M/D/1 uses the Pollaczek-Khinchine mean and a cache thins the arrivals", "[serving][explain]") {
    Scenario s = mm(1, 200, 4, ServiceKind::Deterministic);
    s.fleet.cache_hit_rate = 0.5;  // 100/s reach the server: rho 0.4
    const AnalyticResult a = analyze(s);
    REQUIRE(a.model == kModelMd1);
    const auto steps = explain(s, a);
    const double wait_ms = 0.4 * 4 / (2 * (1 - 0.4));
    CHECK(has(steps, "Arrivals at the fleet", "= 100/s"));
    CHECK(has(steps, "Pollaczek–Khinchine (M/D/1)", "= " + mlwb::format_significant(wait_ms, 4) + " ms"));
    CHECK(has(steps, "Latency", mlwb::format_significant(0.5 * s.fleet.cache_latency_ms + 0.5 * (wait_ms + 4), 4) + " ms"));
}

TEST_CASE("an unstable fleet says so and an inapplicable model explains nothing", "[serving][explain]") {
    const Scenario s = mm(2, 1000, 4, ServiceKind::Exponential);  // rho 2
    const auto steps = explain(s, analyze(s));
    CHECK(has(steps, "Unstable", "ρ ≥ 1"));
    Scenario batched = s;
    batched.batching.enabled = true;
    CHECK(explain(batched, analyze(batched)).empty());
}
