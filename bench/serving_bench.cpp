// Serving simulator throughput, native or as wasm under Node (same source): simulated requests
// per second of wall time on the reference model, M/M/8 at utilisation 0.8 (mean
// service 10 ms), plus a batching and an LLM scenario for information. Prints one line per
// case, "name|requests|seconds (median of 5 runs)|digest"; bench/serving.mjs compares native,
// wasm and SimPy (bench/serving_simpy.py). The digest (p99 and mean latency) shows the
// native and wasm runs simulated the very same requests.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "serving/simulator.hpp"

namespace {

using namespace mlwb::serving;

double seconds_to_simulate(const Scenario& s, SimResult& out) {
    const auto start = std::chrono::steady_clock::now();
    Simulator sim(s);
    while (!sim.step(1 << 20)) {
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    out = sim.result();  // summarising (percentiles, series) is timed apart: it is not the simulation
    return took.count();
}

void run(const char* name, const Scenario& s) {
    std::vector<double> times;
    SimResult r;
    for (int i = 0; i < 5; ++i) times.push_back(seconds_to_simulate(s, r));
    std::sort(times.begin(), times.end());
    const auto requests = static_cast<double>(s.run.requests) * (1 + s.run.warmup_share);
    std::printf("%s|%.0f|%.6f|%.17g,%.17g\n", name, requests, times[2], r.latency_ms.p99, r.latency_ms.mean);
}

}  // namespace

int main(int argc, char** argv) {
    const long long requests = argc > 1 ? std::atoll(argv[1]) : 1000000;
    Scenario mm8;
    mm8.arrival.rate_rps = 640;  // 8 servers x 100/s x 0.8
    mm8.service.kind = ServiceKind::Exponential;
    mm8.service.mean_ms = 10;
    mm8.fleet.replicas = 8;
    mm8.run.requests = requests;
    mm8.run.warmup_share = 0;
    run("M/M/8 rho 0.8", mm8);

    Scenario batching = mm8;
    batching.arrival.rate_rps = 3000;
    batching.batching.enabled = true;
    batching.service.kind = ServiceKind::Lognormal;
    batching.run.requests = requests / 2;
    run("batching, 8 replicas", batching);

    Scenario autoscaled;  // the app's default scenario with autoscaling on
    autoscaled.autoscaling.enabled = true;
    autoscaled.run.requests = requests / 2;
    run("lognormal, autoscaling", autoscaled);
    return 0;
}
