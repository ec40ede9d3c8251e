// What a simulation run reports: plain data for the panel, the CLI JSON and the tests.
#pragma once

#include <string>
#include <vector>

namespace mlwb::serving {

struct Percentiles {
    double p50 = 0, p90 = 0, p95 = 0, p99 = 0, p999 = 0, mean = 0;
};

// Half-widths of 95 % confidence intervals from batch means (NaN when too few batches).
struct PercentileErrors {
    double p50 = 0, p90 = 0, p95 = 0, p99 = 0, p999 = 0, mean = 0;
};

// One bucket of simulated time.
struct TimePoint {
    double t_s = 0;            // start of the bucket
    double arrivals_rps = 0;   // offered load
    double throughput_rps = 0; // completions (successful or late)
    double replicas = 0;       // ready replicas, time-averaged
    double p99_ms = 0;         // of requests completed in the bucket (NaN if none)
    double queue = 0;          // waiting requests at the end of the bucket
};

struct LlmMetrics {
    Percentiles ttft_ms;       // time to first token
    Percentiles tpot_ms;       // time per output token after the first
    double output_tokens_per_s = 0;
    double mean_batch = 0;     // sequences decoding, averaged over busy time
};

struct SimResult {
    long long arrived = 0;     // counted arrivals (after warm-up)
    long long completed = 0;   // answered, including late ones and cache hits
    long long answered_in_time = 0;  // completed within the timeout (all, without one)
    long long timed_out = 0;   // abandoned in the queue, or answered after the timeout
    long long shed = 0;        // refused by a full queue
    long long cache_hits = 0;
    Percentiles latency_ms;    // end to end, of answered requests (late ones included)
    Percentiles wait_ms;       // in the queue (including batch forming), of answered fleet requests
    PercentileErrors latency_ci;
    PercentileErrors wait_ci;
    double prob_wait = 0;      // share of answered fleet requests that waited at all
    double prob_wait_ci = 0;   // its 95 % half-width from batch means
    double utilization = 0;    // busy slot-time / ready slot-time
    double throughput_rps = 0; // answered within the timeout per second
    double timeout_rate = 0;   // timed_out / arrived
    double shed_rate = 0;
    double slo_attainment = 0; // share of arrivals answered within the SLO latency
    double mean_in_system = 0; // time-average requests in the system (Little's law: = rate * W)
    double mean_batch = 0;     // requests per batch (1 without batching)
    double sim_time_s = 0;     // simulated time covered by the counted part
    double replica_hours = 0;  // billed, including cold starts
    double mean_replicas = 0;
    bool unstable = false;     // the queue grew past run.max_queue: the fleet cannot keep up
    bool has_llm = false;
    LlmMetrics llm;
    std::vector<TimePoint> series;
    std::vector<double> latency_quantiles_ms;  // 101 points: the 0th..100th percentile (CDF)
    std::vector<std::string> notes;            // what limited or changed the run, for the user
};

// One request's fate, kept only when asked (tests compare these with other simulators).
enum class RequestFate { Answered, Late, Abandoned, Shed, CacheHit, Unfinished };
struct RequestRecord {
    double arrival_s = 0;
    double wait_ms = 0;     // queue and batch forming, until service started
    double latency_ms = 0;  // arrival to answer (Answered, Late, CacheHit)
    RequestFate fate = RequestFate::Unfinished;
};

}  // namespace mlwb::serving
