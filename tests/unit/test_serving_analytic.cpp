// Closed-form queueing results of the Serving simulator against independent references.
// Golden values: tests/golden/serving_analytic.json, made by scripts/golden/serving_analytic.py
// (Erlang sums and Erlang's M/D/1 formula in mpmath, convolution integrals, scipy's brentq).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "golden.hpp"

#include "serving/analytic.hpp"

MLWB_GOLDEN(serving_analytic);

namespace {

using namespace mlwb::serving;

constexpr double kMeanTolerance = 1e-9;      // means and probabilities, relative
constexpr double kQuantileTolerance = 1e-7;  // quantiles, relative

nlohmann::json golden() { return parse_golden(golden_serving_analytic, golden_serving_analytic_size); }

// |got - want| within rel of |want|, or within abs.
bool close(double got, double want, double rel, double abs = 0) {
    return std::fabs(got - want) <= rel * std::fabs(want) || std::fabs(got - want) <= abs;
}

struct Level {
    const char* name;
    double p;
    double Percentiles::*field;
};
constexpr Level kLevels[] = {{"p50", 0.5, &Percentiles::p50},
                             {"p90", 0.9, &Percentiles::p90},
                             {"p95", 0.95, &Percentiles::p95},
                             {"p99", 0.99, &Percentiles::p99},
                             {"p999", 0.999, &Percentiles::p999}};

bool all_nan(const Percentiles& p) {
    return std::isnan(p.p50) && std::isnan(p.p90) && std::isnan(p.p95) && std::isnan(p.p99) && std::isnan(p.p999);
}

ArrivalKind arrival_kind(const std::string& s) {
    if (s == "poisson") return ArrivalKind::Poisson;
    if (s == "gamma") return ArrivalKind::Gamma;
    if (s == "onoff") return ArrivalKind::OnOff;
    if (s == "daily") return ArrivalKind::Daily;
    return ArrivalKind::Replay;
}

ServiceKind service_kind(const std::string& s) {
    if (s == "deterministic") return ServiceKind::Deterministic;
    if (s == "exponential") return ServiceKind::Exponential;
    if (s == "lognormal") return ServiceKind::Lognormal;
    if (s == "gamma") return ServiceKind::Gamma;
    if (s == "empirical") return ServiceKind::Empirical;
    return ServiceKind::Trace;
}

LognormalFit lognormal_fit(const std::string& s) {
    if (s == "mean_cv") return LognormalFit::MeanCv;
    if (s == "p50_p99") return LognormalFit::P50P99;
    return LognormalFit::MeanP99;
}

// The golden file names only the fields a case sets; everything else keeps the defaults.
Scenario scenario_of(const nlohmann::json& c) {
    Scenario s;
    const auto& a = c["arrival"];
    s.arrival.kind = arrival_kind(a["kind"].get<std::string>());
    s.arrival.rate_rps = a.value("rate_rps", s.arrival.rate_rps);
    s.arrival.cv = a.value("cv", s.arrival.cv);
    s.arrival.on_mean_s = a.value("on_mean_s", s.arrival.on_mean_s);
    s.arrival.off_mean_s = a.value("off_mean_s", s.arrival.off_mean_s);
    if (a.contains("replay_s")) s.arrival.replay_s = a["replay_s"].get<std::vector<double>>();
    const auto& v = c["service"];
    s.service.kind = service_kind(v["kind"].get<std::string>());
    s.service.mean_ms = v.value("mean_ms", s.service.mean_ms);
    s.service.cv = v.value("cv", s.service.cv);
    if (v.contains("fit")) s.service.fit = lognormal_fit(v["fit"].get<std::string>());
    s.service.p50_ms = v.value("p50_ms", s.service.p50_ms);
    s.service.p99_ms = v.value("p99_ms", s.service.p99_ms);
    if (v.contains("samples_ms")) s.service.samples_ms = v["samples_ms"].get<std::vector<double>>();
    const auto& f = c["fleet"];
    s.fleet.replicas = f["replicas"].get<int>();
    s.fleet.concurrency = f["concurrency"].get<int>();
    s.fleet.cache_hit_rate = f.value("cache_hit_rate", 0.0);
    s.fleet.cache_latency_ms = f.value("cache_latency_ms", s.fleet.cache_latency_ms);
    return s;
}

// A scenario the M/M/c formulas describe exactly: Poisson 2000 rps, exponential 20 ms, 48 replicas.
Scenario mmc_scenario() {
    Scenario s;
    s.arrival.kind = ArrivalKind::Poisson;
    s.service.kind = ServiceKind::Exponential;
    s.service.mean_ms = 20;
    return s;
}

}  // namespace

TEST_CASE("Erlang B and C match the textbook sums, up to 10000 servers", "[serving][analytic]") {
    const auto g = golden();
    REQUIRE(g["erlang"].size() >= 10);
    for (const auto& c : g["erlang"]) {
        const int servers = c["servers"].get<int>();
        const double a = c["offered_load"].get<double>();
        INFO("c = " << servers << ", a = " << a);
        CHECK(close(erlang_b(servers, a), c["erlang_b"].get<double>(), kMeanTolerance));
        if (c["erlang_c"].is_null())
            CHECK(std::isnan(erlang_c(servers, a)));
        else
            CHECK(close(erlang_c(servers, a), c["erlang_c"].get<double>(), kMeanTolerance));
    }
}

TEST_CASE("Erlang formulas return NaN for impossible inputs", "[serving][analytic]") {
    CHECK(std::isnan(erlang_b(-1, 1.0)));
    CHECK(std::isnan(erlang_b(3, -0.5)));
    CHECK(std::isnan(erlang_b(3, std::numeric_limits<double>::infinity())));
    CHECK(erlang_b(0, 2.0) == 1.0);
    CHECK(erlang_b(5, 0.0) == 0.0);
    CHECK(std::isnan(erlang_c(0, 0.5)));
    CHECK(std::isnan(erlang_c(4, 4.0)));
    CHECK(std::isnan(erlang_c(4, 7.0)));
    CHECK(erlang_c(4, 0.0) == 0.0);
    CHECK(close(erlang_c(1, 0.7), 0.7, 1e-15));  // M/M/1: P(wait) = rho
}

TEST_CASE("M/M/c means, P(wait) and quantiles of wait and response match the reference", "[serving][analytic]") {
    const auto g = golden();
    REQUIRE(g["mmc"].size() >= 25);
    for (const auto& c : g["mmc"]) {
        const int servers = c["servers"].get<int>();
        const double lambda = c["arrival_rate"].get<double>();
        const double s = c["mean_service"].get<double>();
        INFO("c = " << servers << ", lambda = " << lambda << ", S = " << s);
        const MmcQueue q = solve_mmc(servers, lambda, s);
        REQUIRE(q.stable);
        CHECK(close(q.utilization, c["utilization"].get<double>(), kMeanTolerance));
        CHECK(close(q.prob_wait, c["prob_wait"].get<double>(), kMeanTolerance));
        CHECK(close(q.mean_wait, c["mean_wait"].get<double>(), kMeanTolerance));
        CHECK(close(q.mean_response, c["mean_response"].get<double>(), kMeanTolerance));
        for (const auto& level : kLevels) {
            INFO(level.name);
            CHECK(close(wait_quantile(q, level.p), c["wait_q"][level.name].get<double>(), kQuantileTolerance));
            CHECK(close(response_quantile(q, level.p), c["response_q"][level.name].get<double>(), kQuantileTolerance));
        }
    }
}

TEST_CASE("M/M/c response survival is continuous across c mu - lambda = mu", "[serving][analytic]") {
    // The special case theta = mu and its neighbours agree to rounding: no cancellation either side.
    const MmcQueue at = solve_mmc(2, 0.0625, 16.0);
    for (double eps : {1e-12, 1e-9, 1e-6}) {
        const MmcQueue below = solve_mmc(2, 0.0625 * (1 - eps), 16.0);
        const MmcQueue above = solve_mmc(2, 0.0625 * (1 + eps), 16.0);
        for (double t : {1.0, 16.0, 100.0, 400.0}) {
            INFO("eps = " << eps << ", t = " << t);
            CHECK(close(response_survival(below, t), response_survival(at, t), 30 * eps + 1e-14));
            CHECK(close(response_survival(above, t), response_survival(at, t), 30 * eps + 1e-14));
        }
    }
    // and the quantile hits its level
    const MmcQueue q = solve_mmc(8, 0.36, 20.0);
    for (const auto& level : kLevels)
        CHECK(close(response_survival(q, response_quantile(q, level.p)), 1 - level.p, 1e-12));
}

TEST_CASE("M/M/c with utilisation >= 1 or nonsense inputs is unstable, with NaN results", "[serving][analytic]") {
    for (const MmcQueue& q : {solve_mmc(4, 0.2, 20.0), solve_mmc(4, 0.3, 20.0), solve_mmc(0, 0.1, 20.0),
                              solve_mmc(4, -1.0, 20.0), solve_mmc(4, 0.1, 0.0)}) {
        CHECK_FALSE(q.stable);
        CHECK(std::isnan(q.prob_wait));
        CHECK(std::isnan(q.mean_wait));
        CHECK(std::isnan(wait_quantile(q, 0.99)));
        CHECK(std::isnan(response_quantile(q, 0.99)));
    }
    CHECK(solve_mmc(4, 0.3, 20.0).utilization == Approx(1.5));
    const MmcQueue idle = solve_mmc(3, 0.0, 20.0);
    REQUIRE(idle.stable);
    CHECK(idle.prob_wait == 0);
    CHECK(wait_quantile(idle, 0.999) == 0);
    CHECK(close(response_quantile(idle, 0.5), 20 * std::log(2.0), 1e-12));
}

TEST_CASE("M/D/1 waiting-time distribution matches Erlang's formula in high precision", "[serving][analytic]") {
    const auto g = golden();
    REQUIRE(g["md1"].size() >= 3);
    for (const auto& c : g["md1"]) {
        const double lambda = c["arrival_rate"].get<double>();
        const double d = c["service_time"].get<double>();
        INFO("rho = " << c["utilization"].get<double>());
        const Md1Queue q = solve_md1(lambda, d);
        REQUIRE(q.stable);
        CHECK(close(q.utilization, c["utilization"].get<double>(), kMeanTolerance));
        CHECK(close(q.mean_wait, c["mean_wait"].get<double>(), kMeanTolerance));
        for (const auto& level : kLevels) {
            INFO(level.name);
            CHECK(close(wait_quantile(q, level.p), c["wait_q"][level.name].get<double>(), kQuantileTolerance));
            CHECK(close(response_quantile(q, level.p), c["response_q"][level.name].get<double>(), kQuantileTolerance));
        }
        // The survival is exact to ~1e-15 in absolute terms: relative where it matters for
        // percentiles, and negligible where it is itself far below that.
        for (const auto& point : c["wait_survival"]) {
            const double t = point[0].get<double>();
            INFO("t = " << t);
            CHECK(close(wait_survival(q, t), point[1].get<double>(), kMeanTolerance, 1e-15));
        }
    }
}

TEST_CASE("M/D/1 survival is continuous where the exact sum hands over to the exponential tail",
          "[serving][analytic]") {
    for (double rho : {0.05, 0.3, 0.5, 0.8, 0.95, 0.99, 0.999}) {
        const Md1Queue q = solve_md1(rho / 20, 20.0);
        REQUIRE(q.stable);
        const double seam = kMd1ExactSpan * 20.0;
        const double below = wait_survival(q, std::nextafter(seam, 0.0));
        const double at = wait_survival(q, seam);
        INFO("rho = " << rho << ": " << below << " vs " << at);
        // both sides are exact to ~1e-14 in absolute terms (the recursion's rounding), which is
        // relative 1e-10 or better wherever the survival exceeds 1e-4
        CHECK(close(below, at, 1e-10, 1e-15));
    }
}

TEST_CASE("M/D/1 survival integrates to the Pollaczek-Khinchine mean", "[serving][analytic]") {
    for (double rho : {0.2, 0.6, 0.9, 0.95}) {
        const double d = 20.0;
        const Md1Queue q = solve_md1(rho / d, d);
        // Simpson on each service time (the survival is smooth between multiples of D), then the
        // exponential tail in closed form.
        double integral = 0;
        const int steps = 200;
        for (int k = 0; k < kMd1ExactSpan; ++k) {
            const double h = d / steps;
            double sum = wait_survival(q, k * d) + wait_survival(q, (k + 1) * d);
            for (int i = 1; i < steps; ++i) sum += (i % 2 ? 4 : 2) * wait_survival(q, k * d + i * h);
            integral += sum * h / 3;
        }
        integral += q.tail_constant * std::exp(-q.tail_rate * kMd1ExactSpan * d) / q.tail_rate;
        INFO("rho = " << rho);
        CHECK(close(integral, q.mean_wait, 1e-9));
    }
}

TEST_CASE("M/D/1 at utilisation >= 1 is unstable", "[serving][analytic]") {
    for (const Md1Queue& q : {solve_md1(0.05, 20.0), solve_md1(0.06, 20.0), solve_md1(0.01, 0.0)}) {
        CHECK_FALSE(q.stable);
        CHECK(std::isnan(q.mean_wait));
        CHECK(std::isnan(wait_quantile(q, 0.5)));
        CHECK(std::isnan(wait_survival(q, 1.0)));
    }
    const Md1Queue idle = solve_md1(0.0, 20.0);
    REQUIRE(idle.stable);
    CHECK(wait_quantile(idle, 0.999) == 0);
    CHECK(response_quantile(idle, 0.999) == 20);
}

TEST_CASE("M/G/1 and Allen-Cunneen means", "[serving][analytic]") {
    // M/M/1 and M/D/1 are special cases of Pollaczek-Khinchine.
    CHECK(close(mg1_mean_wait(0.04, 20, 1), solve_mmc(1, 0.04, 20).mean_wait, 1e-14));
    CHECK(close(mg1_mean_wait(0.04, 20, 0), solve_md1(0.04, 20).mean_wait, 1e-14));
    // Allen-Cunneen is exact for M/M/c (ca = cs = 1).
    CHECK(close(allen_cunneen_mean_wait(8, 0.36, 20, 1, 1), solve_mmc(8, 0.36, 20).mean_wait, 1e-14));
    CHECK(std::isnan(mg1_mean_wait(0.05, 20, 1)));
    CHECK(std::isnan(allen_cunneen_mean_wait(8, 0.4, 20, 1, 1)));
    CHECK(std::isnan(allen_cunneen_mean_wait(8, 0.3, 20, -1, 1)));
    // On/off with no silences is Poisson; thinning keeps Poisson Poisson.
    CHECK(onoff_interarrival_cv(100, 2, 0) == 1);
    CHECK(thinned_cv(1, 0.3) == 1);
    CHECK(close(thinned_cv(3, 1), 3, 1e-15));
}

TEST_CASE("analyze picks the model and matches the references for whole scenarios", "[serving][analytic]") {
    const auto g = golden();
    REQUIRE(g["scenarios"].size() >= 15);
    for (const auto& c : g["scenarios"]) {
        const auto& e = c["expected"];
        INFO(c["name"].get<std::string>());
        const AnalyticResult r = analyze(scenario_of(c));
        REQUIRE(r.applicable);
        REQUIRE(r.stable);
        CHECK(r.model == e["model"].get<std::string>());
        CHECK(r.exact_mean == e["exact_mean"].get<bool>());
        CHECK(r.exact_percentiles == e["exact_percentiles"].get<bool>());
        CHECK(r.servers == e["servers"].get<int>());
        CHECK(close(r.fleet_rate_rps, e["fleet_rate_rps"].get<double>(), kMeanTolerance));
        CHECK(close(r.service_mean_ms, e["service_mean_ms"].get<double>(), kMeanTolerance));
        CHECK(close(r.service_cv, e["service_cv"].get<double>(), kMeanTolerance, 1e-12));
        CHECK(close(r.arrival_cv, e["arrival_cv"].get<double>(), kMeanTolerance));
        CHECK(close(r.utilization, e["utilization"].get<double>(), kMeanTolerance));
        CHECK(close(r.prob_wait, e["prob_wait"].get<double>(), kMeanTolerance));
        CHECK(close(r.mean_wait_ms, e["mean_wait_ms"].get<double>(), kMeanTolerance));
        CHECK(close(r.mean_latency_ms, e["mean_latency_ms"].get<double>(), kMeanTolerance));
        CHECK(r.wait_ms.mean == r.mean_wait_ms);
        CHECK(r.latency_ms.mean == r.mean_latency_ms);
        if (e["wait_q"].is_null()) {
            CHECK(all_nan(r.wait_ms));
            CHECK(all_nan(r.latency_ms));
        } else {
            for (const auto& level : kLevels) {
                INFO(level.name);
                CHECK(close(r.wait_ms.*level.field, e["wait_q"][level.name].get<double>(), kQuantileTolerance));
                CHECK(close(r.latency_ms.*level.field, e["latency_q"][level.name].get<double>(), kQuantileTolerance));
            }
        }
    }
}

TEST_CASE("analyze chooses the model from the arrival and service laws and the slot count", "[serving][analytic]") {
    Scenario s;  // the defaults: Poisson, lognormal service, 48 replicas
    CHECK(analyze(s).model == kModelGgc);
    CHECK_FALSE(analyze(s).exact_mean);

    s = mmc_scenario();
    CHECK(analyze(s).model == kModelMmc);
    s.fleet.replicas = 1;
    s.arrival.rate_rps = 30;
    CHECK(analyze(s).model == kModelMmc);  // M/M/1 is M/M/c
    s.service.kind = ServiceKind::Deterministic;
    CHECK(analyze(s).model == kModelMd1);
    s.fleet.concurrency = 2;
    CHECK(analyze(s).model == kModelGgc);  // M/D/2: approximate
    s.fleet.concurrency = 1;
    s.service.kind = ServiceKind::Gamma;
    s.service.cv = 0.5;
    const AnalyticResult mg1 = analyze(s);
    CHECK(mg1.model == kModelMg1);
    CHECK(mg1.exact_mean);
    CHECK_FALSE(mg1.exact_percentiles);
    CHECK(all_nan(mg1.latency_ms));
    s.arrival.kind = ArrivalKind::Gamma;
    s.arrival.cv = 2;
    CHECK(analyze(s).model == kModelGgc);  // renewal arrivals: not M/G/1

    Scenario daily = mmc_scenario();
    daily.arrival.kind = ArrivalKind::Daily;
    const AnalyticResult d = analyze(daily);
    CHECK(d.model == kModelGgc);
    CHECK(d.note.find("busiest hour") != std::string::npos);
}

TEST_CASE("analyze: utilisation >= 1 is an unstable result with NaN waits, not an error", "[serving][analytic]") {
    for (int replicas : {40, 30}) {  // exactly 100 %, and over
        Scenario s = mmc_scenario();
        s.fleet.replicas = replicas;
        const AnalyticResult r = analyze(s);
        INFO(r.note);
        CHECK(r.applicable);
        CHECK_FALSE(r.stable);
        CHECK(r.model == kModelMmc);
        CHECK(r.utilization >= 1);
        CHECK(std::isnan(r.prob_wait));
        CHECK(std::isnan(r.mean_wait_ms));
        CHECK(std::isnan(r.mean_latency_ms));
        CHECK(all_nan(r.wait_ms));
        CHECK(all_nan(r.latency_ms));
        CHECK(r.note.find("unstable") != std::string::npos);
    }
    Scenario deterministic = mmc_scenario();  // M/D/1 and G/G/c too
    deterministic.service.kind = ServiceKind::Deterministic;
    deterministic.fleet.replicas = 1;
    CHECK_FALSE(analyze(deterministic).stable);
    Scenario bursts;
    bursts.arrival.kind = ArrivalKind::OnOff;
    bursts.fleet.replicas = 10;
    CHECK_FALSE(analyze(bursts).stable);
}

TEST_CASE("analyze: nonsense inputs give a note instead of numbers", "[serving][analytic]") {
    auto rejected = [](const Scenario& s, const char* phrase) {
        const AnalyticResult r = analyze(s);
        INFO(r.note);
        CHECK_FALSE(r.applicable);
        CHECK(r.model.empty());
        CHECK(std::isnan(r.mean_latency_ms));
        CHECK(all_nan(r.latency_ms));
        CHECK(r.note.find(phrase) != std::string::npos);
    };
    Scenario s = mmc_scenario();
    s.arrival.rate_rps = 0;
    rejected(s, "arrival rate");
    s.arrival.rate_rps = -5;
    rejected(s, "arrival rate");
    s = mmc_scenario();
    s.fleet.replicas = 0;
    rejected(s, "at least one replica");
    s.fleet.replicas = 4;
    s.fleet.concurrency = 0;
    rejected(s, "at least one replica");
    s = mmc_scenario();
    s.fleet.cache_hit_rate = 1.5;
    rejected(s, "cache hit rate");
    s = mmc_scenario();
    s.service.mean_ms = std::numeric_limits<double>::quiet_NaN();
    rejected(s, "mean service time");
    s = mmc_scenario();
    s.service.kind = ServiceKind::Empirical;
    rejected(s, "samples are empty");
    s = mmc_scenario();
    s.service.kind = ServiceKind::Lognormal;
    s.service.fit = LognormalFit::P50P99;
    s.service.p50_ms = 50, s.service.p99_ms = 40;
    rejected(s, "p50 < p99");
    s.service.fit = LognormalFit::MeanP99;
    s.service.mean_ms = 10, s.service.p99_ms = 200;  // 20x the mean: no lognormal has both
    rejected(s, "15 x the mean");
    s = mmc_scenario();
    s.arrival.kind = ArrivalKind::Replay;
    s.arrival.replay_s = {3.0};
    rejected(s, "two distinct");
}

TEST_CASE("analyze is not applicable with batching or in LLM mode", "[serving][analytic]") {
    Scenario s = mmc_scenario();
    s.batching.enabled = true;
    AnalyticResult r = analyze(s);
    CHECK_FALSE(r.applicable);
    CHECK(r.note.find("batching") != std::string::npos);
    CHECK(all_nan(r.latency_ms));
    s.batching.enabled = false;
    s.llm.enabled = true;
    r = analyze(s);
    CHECK_FALSE(r.applicable);
    CHECK(r.note.find("LLM") != std::string::npos);
    CHECK(std::isnan(r.mean_wait_ms));
}

TEST_CASE("analyze: every request a cache hit, and the settings it ignores", "[serving][analytic]") {
    Scenario s = mmc_scenario();
    s.fleet.cache_hit_rate = 1;
    s.fleet.cache_latency_ms = 2.5;
    const AnalyticResult all_hits = analyze(s);
    REQUIRE(all_hits.stable);
    CHECK(all_hits.utilization == 0);
    CHECK(all_hits.mean_latency_ms == 2.5);
    for (const auto& level : kLevels) CHECK(all_hits.latency_ms.*level.field == 2.5);

    s = mmc_scenario();
    s.fleet.timeout_ms = 200;
    s.fleet.queue_capacity = 100;
    s.autoscaling.enabled = true;
    const AnalyticResult r = analyze(s);
    CHECK(r.exact_percentiles);
    CHECK(r.note.find("timeout") != std::string::npos);
    CHECK(r.note.find("queue capacity") != std::string::npos);
    CHECK(r.note.find("autoscaling") != std::string::npos);
}
