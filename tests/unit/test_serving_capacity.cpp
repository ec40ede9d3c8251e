// Capacity search and the Serving presets. The M/M/c reference is computed here, independently
// of analytic.cpp: Erlang C from the textbook sums (not the Erlang B recursion), the response-time
// survival (1 - C) e^{-mu t} + C (theta e^{-mu t} - mu e^{-theta t}) / (theta - mu) derived from
// W ~ C x Exp(theta) plus an independent Exp(mu) service, inverted by bisection, and a plain scan
// of every replica count.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "serving/capacity.hpp"
#include "serving/catalog.hpp"
#include "serving/cost.hpp"
#include "serving/llm.hpp"
#include "serving/presets.hpp"
#include "serving/simulator.hpp"
#include "serving/validate.hpp"

namespace {

using namespace mlwb::serving;

// P(wait) in M/M/c at offered load a (in servers): the textbook ratio of sums.
double erlang_c_by_sums(int c, double a) {
    double term = 1, head = 0;  // term = a^k / k!
    for (int k = 0; k < c; ++k) {
        head += term;
        term *= a / (k + 1);
    }
    const double waiting = term * c / (c - a);
    return waiting / (head + waiting);
}

// Quantile p of the M/M/c response time, in ms, or +inf when unstable.
double mmc_response_quantile_ms(int c, double lambda_per_s, double mean_service_ms, double p) {
    const double mu = 1000 / mean_service_ms;  // per second
    const double a = lambda_per_s / mu;
    if (a >= c) return INFINITY;
    const double C = erlang_c_by_sums(c, a);
    const double theta = c * mu - lambda_per_s;
    auto survival = [&](double t) {
        const double hypo = std::abs(theta - mu) < 1e-9 * mu ? (1 + mu * t) * std::exp(-mu * t)
                                                             : (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
        return (1 - C) * std::exp(-mu * t) + C * hypo;
    };
    double lo = 0, hi = 1;
    while (survival(hi) > 1 - p) hi *= 2;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (survival(mid) > 1 - p ? lo : hi) = mid;
    }
    return (lo + hi) / 2 * 1000;
}

Scenario mmc_scenario() {
    Scenario s;
    s.arrival.kind = ArrivalKind::Poisson;
    s.arrival.rate_rps = 2000;
    s.service.kind = ServiceKind::Exponential;
    s.service.mean_ms = 20;
    s.fleet.replicas = 10;
    s.fleet.concurrency = 2;
    s.slo.latency_ms = 120;
    s.slo.percentile = 99;
    s.cost.instance = "base";
    s.cost.price_per_hour = 0.34;
    return s;
}

std::vector<InstanceCandidate> three_speeds() {
    InstanceCandidate slow, base, fast;
    slow.name = slow.label = "slow";
    slow.price_per_hour = 0.2;
    slow.speed = 0.8;
    base.name = base.label = "base";
    base.price_per_hour = 0.34;
    fast.name = fast.label = "fast";
    fast.price_per_hour = 0.6;
    fast.speed = 2;
    return {slow, base, fast};
}

struct BruteForce {
    std::string instance;
    int replicas = 0;
    double per_month = INFINITY;
};

BruteForce brute_force(const Scenario& s, const std::vector<InstanceCandidate>& candidates) {
    BruteForce best;
    for (const InstanceCandidate& c : candidates) {
        const double mean_ms = s.service.mean_ms / c.speed;
        for (int n = 1; n <= 1000; ++n) {
            const double q = mmc_response_quantile_ms(n * s.fleet.concurrency, s.arrival.rate_rps, mean_ms, s.slo.percentile / 100);
            if (q <= s.slo.latency_ms) {
                const double per_month = n * c.price_per_hour * kHoursPerMonth;
                if (per_month < best.per_month) best = {c.name, n, per_month};
                break;
            }
        }
    }
    return best;
}

bool dominates(const CapacityPoint& a, const CapacityPoint& b) {
    return a.cost_per_month <= b.cost_per_month && a.latency_ms <= b.latency_ms &&
           (a.cost_per_month < b.cost_per_month || a.latency_ms < b.latency_ms);
}

void check_pareto(const CapacityResult& r) {
    REQUIRE_FALSE(r.frontier.empty());
    for (std::size_t k = 0; k < r.frontier.size(); ++k) {
        const CapacityPoint& f = r.points[r.frontier[k]];
        CHECK(std::isfinite(f.latency_ms));
        for (const CapacityPoint& p : r.points) CHECK_FALSE(dominates(p, f));
        if (k > 0) {  // cheapest first, each step buys lower latency
            const CapacityPoint& prev = r.points[r.frontier[k - 1]];
            CHECK(prev.cost_per_month < f.cost_per_month);
            CHECK(prev.latency_ms > f.latency_ms);
        }
    }
    // Every other point with a latency is dominated by, or equal to, a frontier point.
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const CapacityPoint& p = r.points[i];
        if (!std::isfinite(p.latency_ms)) continue;
        bool covered = false;
        for (std::size_t f : r.frontier) {
            const CapacityPoint& q = r.points[f];
            covered = covered || f == i || dominates(q, p) ||
                      (q.cost_per_month == p.cost_per_month && q.latency_ms == p.latency_ms);
        }
        CHECK(covered);
    }
}

void check_same(const CapacityResult& a, const CapacityResult& b) {
    REQUIRE(a.points.size() == b.points.size());
    for (std::size_t i = 0; i < a.points.size(); ++i) {
        const CapacityPoint &p = a.points[i], &q = b.points[i];
        CHECK(p.instance == q.instance);
        CHECK(p.replicas == q.replicas);
        CHECK(p.max_batch == q.max_batch);
        // Bit for bit: both runs draw the same numbers in the same order.
        CHECK((p.latency_ms == q.latency_ms || (std::isnan(p.latency_ms) && std::isnan(q.latency_ms))));
        CHECK(p.p99_ms == q.p99_ms);
        CHECK(p.cost_per_month == q.cost_per_month);
        CHECK(p.meets_slo == q.meets_slo);
    }
    CHECK(a.frontier == b.frontier);
    CHECK(a.cheapest == b.cheapest);
    CHECK(a.summary == b.summary);
}

}  // namespace

TEST_CASE("Capacity search on M/M/c finds the cheapest fleet of a brute-force Erlang C scan", "[serving][capacity]") {
    for (const double percentile : {99.0, 95.0}) {
        Scenario s = mmc_scenario();
        s.slo.percentile = percentile;
        CapacitySettings settings;
        settings.instances = three_speeds();
        const CapacityResult r = search_capacity(s, settings);
        const BruteForce expected = brute_force(s, settings.instances);
        INFO("percentile " << percentile << ": " << r.summary);
        REQUIRE(r.complete);
        REQUIRE(r.cheapest >= 0);
        const CapacityPoint& best = r.points[static_cast<std::size_t>(r.cheapest)];
        CHECK(r.instances[best.instance].name == expected.instance);
        CHECK(best.replicas == expected.replicas);
        CHECK(best.cost_per_month == Approx(expected.per_month).epsilon(1e-12));
        CHECK(best.method == CapacityMethod::Analytic);  // exact formulas, no simulation needed
        // The latency reported is the closed form's, matching the independent one.
        const double mean_ms = s.service.mean_ms / r.instances[best.instance].speed;
        CHECK(best.latency_ms ==
              Approx(mmc_response_quantile_ms(best.replicas * s.fleet.concurrency, s.arrival.rate_rps, mean_ms, percentile / 100))
                  .epsilon(1e-9));
        // For each instance type, the first count meeting the SLO is the scan's, and the one
        // below it was evaluated and misses, or cannot keep up at all (the search brackets it).
        for (std::size_t i = 0; i < r.instances.size(); ++i) {
            BruteForce own = brute_force(s, {r.instances[i]});
            int first_ok = 0;
            const double offered = s.arrival.rate_rps * s.service.mean_ms / r.instances[i].speed / 1000;
            bool below_fails = offered >= (own.replicas - 1) * s.fleet.concurrency;
            for (const CapacityPoint& p : r.points) {
                if (p.instance != i) continue;
                if (p.meets_slo && (first_ok == 0 || p.replicas < first_ok)) first_ok = p.replicas;
                if (p.replicas == own.replicas - 1 && !p.meets_slo) below_fails = true;
            }
            CHECK(first_ok == own.replicas);
            CHECK(below_fails);
        }
        check_pareto(r);
    }
}

TEST_CASE("Capacity search by simulation lands next to the exact answer", "[serving][capacity]") {
    Scenario s = mmc_scenario();
    CapacitySettings settings;
    settings.instances = {three_speeds()[1]};
    settings.use_analytic = false;
    settings.requests_per_config = 20000;
    const CapacityResult simulated = search_capacity(s, settings);
    settings.use_analytic = true;
    const CapacityResult exact = search_capacity(s, settings);
    REQUIRE(simulated.cheapest >= 0);
    REQUIRE(exact.cheapest >= 0);
    const int n_sim = simulated.points[static_cast<std::size_t>(simulated.cheapest)].replicas;
    const int n_exact = exact.points[static_cast<std::size_t>(exact.cheapest)].replicas;
    CHECK(std::abs(n_sim - n_exact) <= 1);
    for (const CapacityPoint& p : simulated.points) CHECK(p.method == CapacityMethod::Simulation);
    check_pareto(simulated);
}

TEST_CASE("Capacity search is deterministic whatever the slice sizes", "[serving][capacity]") {
    Scenario s = mmc_scenario();
    s.service.kind = ServiceKind::Lognormal;  // no closed form: every point is simulated
    s.service.fit = LognormalFit::MeanP99;
    s.service.mean_ms = 20;
    s.service.p99_ms = 70;
    s.slo.latency_ms = 100;
    CapacitySettings settings;
    settings.requests_per_config = 5000;

    CapacitySearch sliced(s, settings);
    double last_progress = 0;
    int slices = 0;
    while (!sliced.step(997)) {
        const double progress = sliced.progress();
        CHECK(progress >= last_progress);
        CHECK(progress < 1);
        last_progress = progress;
        CHECK_FALSE(sliced.result().complete);
        ++slices;
    }
    CHECK(slices > 10);
    CHECK(sliced.done());
    CHECK(sliced.progress() == 1);

    const CapacityResult a = sliced.result();
    const CapacityResult b = search_capacity(s, settings);
    REQUIRE(a.complete);
    REQUIRE(a.cheapest >= 0);
    check_same(a, b);
    check_pareto(a);
    // The cheapest point as a scenario is valid and has the fleet found.
    const Scenario adopted = scenario_of(s, a, static_cast<std::size_t>(a.cheapest));
    CHECK(validate(adopted).empty());
    CHECK(adopted.fleet.replicas == a.points[static_cast<std::size_t>(a.cheapest)].replicas);
    CHECK(adopted.cost.instance == a.instances[a.points[static_cast<std::size_t>(a.cheapest)].instance].name);
}

TEST_CASE("Capacity search reports an SLO no fleet can meet", "[serving][capacity]") {
    SECTION("exact: the exponential service alone has a p99 of 92 ms") {
        Scenario s = mmc_scenario();
        s.slo.latency_ms = 80;
        const CapacityResult r = search_capacity(s);
        REQUIRE(r.complete);
        CHECK(r.cheapest == -1);
        CHECK(r.summary.find("No configuration meets p99 <= 80 ms") != std::string::npos);
        CHECK(r.summary.find("The lowest p99 found is 92") != std::string::npos);
        for (const CapacityPoint& p : r.points) CHECK_FALSE(p.meets_slo);
        // It gives up once more replicas cannot reach the SLO, well before the maximum.
        CHECK(r.points.size() < 12 * r.instances.size());
    }
    SECTION("simulated: a lognormal whose p99 is 150 ms") {
        Scenario s = mmc_scenario();
        s.service.kind = ServiceKind::Lognormal;
        s.service.fit = LognormalFit::MeanP99;
        s.service.p99_ms = 150;
        s.slo.latency_ms = 100;
        CapacitySettings settings;
        settings.requests_per_config = 5000;
        settings.instances = {three_speeds()[1]};
        const CapacityResult r = search_capacity(s, settings);
        CHECK(r.cheapest == -1);
        CHECK(r.summary.find("No configuration meets") != std::string::npos);
        CHECK(r.points.size() < 12);
    }
    SECTION("an invalid scenario is refused with the validation message") {
        Scenario s = mmc_scenario();
        s.arrival.rate_rps = -1;
        const CapacityResult r = search_capacity(s);
        CHECK(r.complete);
        CHECK(r.points.empty());
        CHECK(r.cheapest == -1);
        CHECK(r.summary.find("arrival.rate_rps") != std::string::npos);
    }
}

TEST_CASE("Default instance candidates: same hardware outside LLM mode, GPUs that fit in LLM mode", "[serving][capacity]") {
    const Catalog& catalog = shipped_catalog();
    const ServingPreset* fraud = find_serving_preset("fraud");
    REQUIRE(fraud);
    const auto cpu = instance_candidates(fraud->scenario, catalog);
    REQUIRE(cpu.size() >= 2);
    CHECK(cpu[0].name == "c6i.2xlarge");
    const InstanceType* own = find_instance(catalog, "c6i.2xlarge");
    REQUIRE(own);
    for (const InstanceCandidate& c : cpu) {
        const InstanceType* it = find_instance(catalog, c.name);
        REQUIRE(it);
        CHECK(it->vcpus == own->vcpus);
        CHECK(it->gpus == 0);
        CHECK(c.speed == 1);
        CHECK(c.price_per_hour == it->price_per_hour);
    }

    const ServingPreset* chat = find_serving_preset("chat");
    REQUIRE(chat);
    const auto gpu = instance_candidates(chat->scenario, catalog);
    REQUIRE(gpu.size() >= 2);
    CHECK(gpu[0].name == "p5.48xlarge");
    for (const InstanceCandidate& c : gpu) {
        const InstanceType* it = find_instance(catalog, c.name);
        REQUIRE(it);
        CHECK(c.gpus_per_replica >= 1);
        CHECK(c.gpus_per_replica <= it->gpus);
        CHECK(c.price_per_hour == Approx(it->price_per_hour * c.gpus_per_replica / it->gpus));
        LlmModel m = chat->scenario.llm;
        apply_gpu(m, *find_gpu(catalog, c.gpu));
        m.gpus_per_replica = c.gpus_per_replica;
        CHECK(model_fits(m));  // 70B in bf16 needs 141 GB: only 8-GPU machines qualify
    }
}

TEST_CASE("Serving presets are valid, priced from the catalog and simulate quickly", "[serving][capacity]") {
    const auto presets = serving_presets();
    REQUIRE(presets.size() == 4);
    const std::vector<std::string> keys{"fraud", "recs", "chat", "nightly"};
    for (std::size_t i = 0; i < presets.size(); ++i) {
        const ServingPreset& p = presets[i];
        INFO(p.key);
        CHECK(p.key == keys[i]);
        CHECK(std::string(p.title).size() > 5);
        CHECK(std::string(p.story).size() > 40);
        CHECK(find_serving_preset(p.key) == &p);
        CHECK(validate(p.scenario).empty());
        CHECK(p.scenario.run.requests <= 300000);
        const InstanceType* it = find_instance(shipped_catalog(), p.scenario.cost.instance);
        REQUIRE(it);
        CHECK(p.scenario.cost.price_per_hour == it->price_per_hour);
        CHECK(p.scenario.cost.spot_discount == it->spot_discount);

        // A short run of the preset as given meets its own SLO.
        Scenario s = p.scenario;
        s.run.requests = std::min<long long>(s.run.requests, 20000);
        const SimResult r = simulate(s);
        CHECK(r.completed > 0);
        CHECK_FALSE(r.unstable);
        CHECK(r.slo_attainment >= s.slo.percentile / 100);
    }
    CHECK(find_serving_preset("nope") == nullptr);
    CHECK(find_serving_preset("chat")->scenario.llm.enabled);
    CHECK(find_serving_preset("nightly")->scenario.cost.spot);
    CHECK(find_serving_preset("recs")->scenario.fleet.cache_hit_rate > 0);
    CHECK(find_serving_preset("recs")->scenario.batching.enabled);
}

TEST_CASE("Capacity search on each preset finds a fleet meeting its SLO", "[serving][capacity]") {
    for (const ServingPreset& p : serving_presets()) {
        INFO(p.key);
        CapacitySettings settings;
        settings.requests_per_config = 4000;
        const CapacityResult r = search_capacity(p.scenario, settings);
        INFO(r.summary);
        REQUIRE(r.cheapest >= 0);
        const CapacityPoint& best = r.points[static_cast<std::size_t>(r.cheapest)];
        CHECK(best.meets_slo);
        CHECK(best.latency_ms <= p.scenario.slo.latency_ms);
        // No point meeting the SLO is cheaper.
        for (const CapacityPoint& q : r.points)
            if (q.meets_slo) CHECK(q.cost_per_month >= best.cost_per_month);
        check_pareto(r);
    }
}
