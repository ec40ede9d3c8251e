// Capacity search: which fleet meets the latency SLO for the least money. It sweeps replica
// counts x instance types (x maximum batch size when batching is on) and evaluates each
// configuration with the closed-form queueing result when analyze() says it is exact (instant),
// otherwise with a short simulation that uses the same seed for every configuration (common
// random numbers: two fleets see the same arrivals and service draws, so their difference is
// not noise). It reports every configuration it evaluated, the cost-vs-latency Pareto frontier
// and the cheapest configuration that meets the SLO.
//
// Replica counts are searched, not scanned: for each instance type and batch size (a "lane")
// the search starts at the smallest fleet that can keep up with the mean load, walks up one at
// a time, then in doubling steps, bisects back to the first count that meets the SLO, and adds a
// few counts above it for the frontier. That assumes the SLO percentile falls as replicas are
// added, which holds for the formulas and, with common random numbers, for the simulations.
// A lane stops climbing early when even the latest gain per replica could not reach the SLO
// before the maximum (the service time itself is above it), or once a fleet costs more than
// max_cost_ratio x the cheapest found so far that meets the SLO. Lanes whose latency cannot
// differ (instance types of the same speed, the same GPUs) share evaluations.
//
// Like the Simulator, it runs in slices so the browser can draw frames meanwhile:
//
//     CapacitySearch search(scenario);
//     while (!search.step(200000)) draw_progress(search.progress());
//     CapacityResult r = search.result();
//
// The configurations are evaluated in a fixed order and each is deterministic, so the result
// does not depend on the slice sizes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "serving/catalog.hpp"
#include "serving/scenario.hpp"

namespace mlwb::serving {

// One instance type to try. The catalog has no speed figure for CPU instances, so outside LLM
// mode every candidate keeps the scenario's service time (speed 1) unless the caller knows
// better; in LLM mode the speed comes from the roofline of the candidate's GPUs.
struct InstanceCandidate {
    std::string name;             // "c6i.2xlarge"
    std::string label;            // for display: "p5.48xlarge (4 of 8 GPUs)"
    double price_per_hour = 0;    // on-demand $ per replica-hour (a share of the instance in LLM mode)
    double spot_discount = 0;
    double speed = 1;             // service and batch times are divided by this
    // LLM mode: the GPU (a catalog GpuType name) and how many serve one replica; "" / 0 keep
    // the scenario's.
    std::string gpu;
    int gpus_per_replica = 0;
};

// The instance types compared by default. Candidate 0 is always the scenario's own instance at
// the scenario's price. Outside LLM mode the others are the catalog's instances with the same
// hardware shape (vCPUs, accelerator and its count), whose service time is taken as unchanged;
// in LLM mode, every catalog instance with a known GPU on which the model fits, using the
// scenario's tensor-parallel degree where the instance has that many GPUs (a replica then pays
// its share of the instance), else all of the instance's GPUs.
std::vector<InstanceCandidate> instance_candidates(const Scenario& scenario, const Catalog& catalog);

struct CapacitySettings {
    long long requests_per_config = 20000;  // simulated arrivals per configuration (after warm-up)
    int extra_replicas = 3;                 // evaluated above the first count meeting the SLO
    int max_replicas = 0;                   // per lane; 0 = max(4 x, 32 +) the smallest stable fleet
    std::vector<InstanceCandidate> instances;  // empty = instance_candidates(scenario, shipped_catalog())
    std::vector<int> batch_sizes;           // batching only; empty = powers of two around the scenario's
    // A lane stops adding replicas once a fleet would cost more than this many times the
    // cheapest found meeting the SLO (0 = never): such fleets are far from the answer.
    double max_cost_ratio = 2;
    bool use_analytic = true;               // false: simulate every configuration
};

enum class CapacityMethod { Analytic, Simulation };
const char* key_of(CapacityMethod);  // "analytic", "simulation"

struct CapacityPoint {
    std::size_t instance = 0;   // index into CapacityResult::instances
    int replicas = 0;
    int max_batch = 0;          // 0 when batching is off
    CapacityMethod method = CapacityMethod::Simulation;
    double latency_ms = 0;      // the SLO percentile of end-to-end latency (inf: cannot keep up)
    double p99_ms = 0;
    double utilization = 0;     // busy share of the slots (analytic: offered load / slots)
    double slo_attainment = 0;  // share of arrivals answered within the SLO latency (NaN: analytic)
    double throughput_rps = 0;  // answered within the timeout
    double cost_per_month = 0;  // cost_of_fleet at this many replicas
    double cost_per_million = 0;
    bool meets_slo = false;     // latency_ms <= SLO, attainment >= the percentile, and stable
};

struct CapacityResult {
    std::vector<InstanceCandidate> instances;
    std::vector<CapacityPoint> points;  // every configuration evaluated, in evaluation order
    // Indices into points of the cost-vs-latency Pareto frontier, cheapest first: no other
    // point is at most as expensive and at most as slow while better in one of the two.
    std::vector<std::size_t> frontier;
    int cheapest = -1;                  // index into points of the cheapest meeting the SLO; -1: none
    std::string summary;                // one sentence: the answer, or why there is none
    std::vector<std::string> notes;     // what the search assumed or skipped
    bool complete = false;              // false while the search is running
};

class CapacitySearch {
public:
    explicit CapacitySearch(const Scenario& scenario, CapacitySettings settings = {});
    ~CapacitySearch();
    CapacitySearch(CapacitySearch&&) noexcept;
    CapacitySearch& operator=(CapacitySearch&&) noexcept;

    // Works for about `budget` simulation events (a closed-form evaluation counts as 1,000);
    // true once the search has finished.
    bool step(long long budget);
    bool done() const;
    double progress() const;  // 0..1, an estimate (the number of evaluations is not known ahead)
    // What is found so far (complete once done()).
    CapacityResult result() const;

private:
    struct Engine;
    std::unique_ptr<Engine> engine_;
};

// Runs to the end in one call.
CapacityResult search_capacity(const Scenario& scenario, const CapacitySettings& settings = {});

// The scenario a point describes, to adopt it: `base` (the scenario searched) with the point's
// instance, price and GPUs (or service time divided by its speed), replica count and batch size,
// and autoscaling off. An index out of range gives `base` unchanged.
Scenario scenario_of(const Scenario& base, const CapacityResult& result, std::size_t point);

}  // namespace mlwb::serving
