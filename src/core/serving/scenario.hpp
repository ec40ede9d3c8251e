// Inputs of the Serving simulator: one plain struct that the UI edits, links and storage carry,
// the CLI reads (`mlwb serve --scenario FILE`) and both the analytic formulas and the
// discrete-event simulation consume. Times are in the unit the field name says.
//
// The model. Requests arrive at one load balancer with a single FIFO queue in front of a fleet
// of replicas; each replica has `concurrency` slots. A request first checks the cache (a hit is
// answered in `cache_latency_ms` without touching the fleet). A free slot takes the oldest
// waiting request (or, with batching, up to `max_batch` of them, see Batching). A request that
// waited longer than `timeout_ms` when a slot would take it has been abandoned by its client and
// is dropped without using the slot; a request in service past its timeout still occupies the
// slot but counts as timed out. A request arriving to a full queue (`queue_capacity`) is shed.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace mlwb::serving {

enum class ArrivalKind {
    Poisson,  // exponential inter-arrival times
    Gamma,    // renewal process with gamma inter-arrival times of a given coefficient of variation
    OnOff,    // Poisson bursts: exponential on and off periods, no arrivals while off
    Daily,    // non-homogeneous Poisson whose rate follows a 24-hour profile (thinning)
    Replay,   // arrival timestamps given (e.g. a CSV column)
};

struct ArrivalModel {
    ArrivalKind kind = ArrivalKind::Poisson;
    double rate_rps = 2000;  // long-run mean rate (Replay: ignored, the timestamps decide)
    double cv = 2.0;         // Gamma: coefficient of variation of the inter-arrival time
    double on_mean_s = 2.0;  // OnOff: mean length of a burst; the rate inside is rate * (on + off) / on
    double off_mean_s = 8.0; // OnOff: mean length of a silence
    // Daily: relative rate for each hour of the day (scaled so their mean is 1), linearly
    // interpolated between hour midpoints; `day_length_s` compresses a day for teaching.
    std::array<double, 24> hourly_profile{0.35, 0.25, 0.2, 0.2, 0.25, 0.4, 0.7, 1.0, 1.25, 1.35, 1.4, 1.4,
                                          1.45, 1.4, 1.35, 1.3, 1.3, 1.35, 1.45, 1.55, 1.5, 1.2, 0.8, 0.5};
    double day_length_s = 86400;
    double start_hour = 0;
    std::vector<double> replay_s;  // Replay: arrival times in seconds, any order and origin
    friend bool operator==(const ArrivalModel&, const ArrivalModel&) = default;
};

enum class ServiceKind { Deterministic, Exponential, Lognormal, Gamma, Empirical, Trace };
// How a lognormal is given: mean and CV, median and p99, or mean and p99.
enum class LognormalFit { MeanCv, P50P99, MeanP99 };

struct ServiceModel {
    ServiceKind kind = ServiceKind::Lognormal;
    double mean_ms = 20;
    double cv = 0.5;  // Lognormal (MeanCv) and Gamma
    LognormalFit fit = LognormalFit::MeanP99;
    double p50_ms = 16;
    double p99_ms = 60;
    // Empirical: a latency sample drawn from uniformly. Trace: used in order, one per request
    // that reaches a slot (for cross-checks against other simulators), then wraps around.
    std::vector<double> samples_ms;
    friend bool operator==(const ServiceModel&, const ServiceModel&) = default;
};

// Dynamic batching, per replica slot, like Triton's dynamic batcher: a free slot takes up to
// max_batch waiting requests at once. If fewer are waiting it holds them until the batch is
// full or the oldest has waited max_delay_ms. A batch takes fixed_ms + per_item_ms * size,
// times a mean-one lognormal noise factor of coefficient of variation noise_cv (0 = none).
// When batching is on, this replaces the service model.
struct Batching {
    bool enabled = false;
    int max_batch = 8;
    double max_delay_ms = 5;
    double fixed_ms = 12;
    double per_item_ms = 1.5;
    double noise_cv = 0.1;
    friend bool operator==(const Batching&, const Batching&) = default;
};

struct Fleet {
    int replicas = 48;
    int concurrency = 1;        // slots per replica
    int queue_capacity = 0;     // waiting requests the balancer holds; 0 = unbounded
    double timeout_ms = 0;      // client gives up after this long; 0 = never
    double cache_hit_rate = 0;  // share of requests answered by the cache
    double cache_latency_ms = 1;
    friend bool operator==(const Fleet&, const Fleet&) = default;
};

enum class ScaleMetric {
    Utilization,  // busy slots / ready slots, averaged over the evaluation interval
    InFlight,     // requests queued or in service per ready replica, averaged likewise
};

// A Kubernetes HPA-shaped autoscaler: every interval_s, desired = ceil(ready * metric / target),
// clamped to [min, max]; a scale-up acts on the lowest desire within up_window_s, a scale-down
// on the highest desire within down_window_s (stabilisation). New replicas serve after
// cold_start_s and are billed from launch; removed replicas finish their work first.
struct Autoscaling {
    bool enabled = false;
    ScaleMetric metric = ScaleMetric::Utilization;
    double target = 0.6;
    double interval_s = 15;
    double up_window_s = 0;
    double down_window_s = 300;
    int min_replicas = 2;
    int max_replicas = 200;
    double cold_start_s = 60;
    friend bool operator==(const Autoscaling&, const Autoscaling&) = default;
};

struct Cost {
    std::string instance = "c6i.2xlarge";  // a name from the instance catalog, or custom
    double price_per_hour = 0.34;          // on-demand $ per replica-hour (copied from the catalog)
    bool spot = false;
    double spot_discount = 0.6;            // share off the on-demand price when spot is used
    friend bool operator==(const Cost&, const Cost&) = default;
};

struct Slo {
    double latency_ms = 80;
    double percentile = 99;  // the SLO holds when this percentile of latency <= latency_ms
    friend bool operator==(const Slo&, const Slo&) = default;
};

// A large language model on GPUs: the service time of each request comes from a roofline
// model of prefill and decode, and a replica runs continuous batching (see llm.hpp).
struct LlmModel {
    bool enabled = false;
    std::string model = "llama-3-8b";  // preset name, or custom with the fields below
    double params_b = 8.03;            // parameters, billions
    int layers = 32;
    int hidden = 4096;
    int heads = 32;
    int kv_heads = 8;
    int head_dim = 0;                  // width of a head; 0 = hidden / heads (Gemma-2 differs)
    double active_params_b = 0;        // parameters used per token (mixture of experts); 0 = all
    double bytes_per_param = 2;        // fp16 2, int8 1, int4 0.5
    double kv_bytes = 2;               // per cached element
    std::string gpu = "H100-SXM";
    double gpu_tflops = 989;           // peak dense fp16/bf16 tensor FLOP/s, in 10^12
    double gpu_bandwidth_gbs = 3350;   // memory bandwidth, GB/s
    double gpu_memory_gb = 80;
    int gpus_per_replica = 1;          // tensor parallel
    double compute_efficiency = 0.5;   // share of peak FLOP/s reached
    double memory_efficiency = 0.7;    // share of peak bandwidth reached
    double memory_reserved = 0.1;      // share of GPU memory kept for activations and the runtime
    int max_batch_seqs = 256;          // continuous batching: sequences per replica at once
    double prompt_tokens_mean = 1000;
    double prompt_tokens_cv = 0.8;
    double output_tokens_mean = 250;
    double output_tokens_cv = 0.8;
    friend bool operator==(const LlmModel&, const LlmModel&) = default;
};

struct RunSettings {
    long long requests = 200000;  // arrivals to simulate (after warm-up)
    double warmup_share = 0.1;    // extra arrivals before these, discarded from statistics
    double max_duration_s = 0;    // stop arriving after this simulated time too; 0 = no limit
    unsigned long long seed = 1;
    int batches = 20;             // batch means for the confidence intervals
    long long max_queue = 2000000;  // an unstable queue stops the run here, reported as such
    friend bool operator==(const RunSettings&, const RunSettings&) = default;
};

struct Scenario {
    ArrivalModel arrival;
    ServiceModel service;
    Batching batching;
    Fleet fleet;
    Autoscaling autoscaling;
    Cost cost;
    Slo slo;
    LlmModel llm;
    RunSettings run;
    friend bool operator==(const Scenario&, const Scenario&) = default;
};

}  // namespace mlwb::serving
