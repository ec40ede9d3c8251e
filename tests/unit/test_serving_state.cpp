// The Serving scenario's rules (serving/validate) and its versioned JSON (state/serving_state):
// round trips in the full and the sparse (link) form, every rule with its message, and hostile
// or stale input ending in a valid scenario plus notices, without throwing.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "serving/validate.hpp"
#include "state/serving_state.hpp"
#include "state/url_hash.hpp"

using mlwb::serving::Scenario;
using mlwb::serving::validate;
using mlwb::serving::validate_field;
using mlwb::state::serving_state_from_json;
using mlwb::state::serving_state_to_json;
using mlwb::state::serving_state_without_defaults;
using nlohmann::json;
namespace sv = mlwb::serving;

namespace {

// A valid scenario in which every field differs from its default.
Scenario every_field_changed() {
    Scenario s;
    s.arrival.kind = sv::ArrivalKind::Daily;
    s.arrival.rate_rps = 3500.5;
    s.arrival.cv = 1.5;
    s.arrival.on_mean_s = 3;
    s.arrival.off_mean_s = 5;
    for (double& h : s.arrival.hourly_profile) h = 1;
    s.arrival.hourly_profile[3] = 2.25;
    s.arrival.day_length_s = 3600;
    s.arrival.start_hour = 7.5;
    s.arrival.replay_s = {0.5, 1.25, 3, -2.0 / 3};
    s.service.kind = sv::ServiceKind::Empirical;
    s.service.mean_ms = 25;
    s.service.cv = 0.7;
    s.service.fit = sv::LognormalFit::P50P99;
    s.service.p50_ms = 12;
    s.service.p99_ms = 90;
    s.service.samples_ms = {5, 7.5, 30, 0.1};
    s.batching.enabled = true;
    s.batching.max_batch = 16;
    s.batching.max_delay_ms = 2.5;
    s.batching.fixed_ms = 8;
    s.batching.per_item_ms = 0.75;
    s.batching.noise_cv = 0;
    s.fleet.replicas = 12;
    s.fleet.concurrency = 4;
    s.fleet.queue_capacity = 500;
    s.fleet.timeout_ms = 2000;
    s.fleet.cache_hit_rate = 0.25;
    s.fleet.cache_latency_ms = 0.5;
    s.autoscaling.enabled = true;
    s.autoscaling.metric = sv::ScaleMetric::InFlight;
    s.autoscaling.target = 3;
    s.autoscaling.interval_s = 30;
    s.autoscaling.up_window_s = 10;
    s.autoscaling.down_window_s = 120;
    s.autoscaling.min_replicas = 3;
    s.autoscaling.max_replicas = 40;
    s.autoscaling.cold_start_s = 45;
    s.cost.instance = "g5.xlarge \xC3\xA9";  // non-ASCII names survive too
    s.cost.price_per_hour = 1.006;
    s.cost.spot = true;
    s.cost.spot_discount = 0.7;
    s.slo.latency_ms = 150;
    s.slo.percentile = 95;
    s.llm.enabled = true;
    s.llm.model = "custom-70b";
    s.llm.params_b = 70.6;
    s.llm.layers = 80;
    s.llm.hidden = 8192;
    s.llm.heads = 64;
    s.llm.kv_heads = 16;
    s.llm.head_dim = 128;
    s.llm.active_params_b = 10;
    s.llm.bytes_per_param = 1;
    s.llm.kv_bytes = 1;
    s.llm.gpu = "A100-40GB";
    s.llm.gpu_tflops = 312;
    s.llm.gpu_bandwidth_gbs = 1555;
    s.llm.gpu_memory_gb = 40;
    s.llm.gpus_per_replica = 4;
    s.llm.compute_efficiency = 0.45;
    s.llm.memory_efficiency = 0.8;
    s.llm.memory_reserved = 0.15;
    s.llm.max_batch_seqs = 128;
    s.llm.prompt_tokens_mean = 2000;
    s.llm.prompt_tokens_cv = 0.5;
    s.llm.output_tokens_mean = 400;
    s.llm.output_tokens_cv = 0.6;
    s.run.requests = 123456;
    s.run.warmup_share = 0.2;
    s.run.max_duration_s = 3600;
    s.run.seed = sv::kMaxSeed;
    s.run.batches = 30;
    s.run.max_queue = 50000;
    return s;
}

bool has_notice_containing(const std::vector<std::string>& notices, const std::string& part) {
    for (const auto& n : notices)
        if (n.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("serving defaults are valid and the JSON names every field of every group", "[serving][state]") {
    CHECK(validate(Scenario{}).empty());
    const json j = serving_state_to_json(Scenario{});
    CHECK(j["v"] == mlwb::state::kServingStateVersion);
    const std::pair<const char*, std::size_t> groups[] = {{"arrival", 9}, {"service", 7}, {"batching", 6},
                                                          {"fleet", 6},   {"autoscaling", 9}, {"cost", 4},
                                                          {"slo", 2},     {"llm", 24},      {"run", 6}};
    CHECK(j.size() == 10);
    for (const auto& [group, fields] : groups) {
        INFO(group);
        REQUIRE(j.contains(group));
        CHECK(j[group].size() == fields);
    }
    CHECK(j["arrival"]["kind"] == "poisson");
    CHECK(j["service"]["fit"] == "mean-p99");
    CHECK(j["autoscaling"]["metric"] == "utilization");
    CHECK(j["arrival"]["hourly_profile"].size() == 24);
}

TEST_CASE("a scenario with every field changed round-trips through JSON and text", "[serving][state]") {
    const Scenario in = every_field_changed();
    REQUIRE(validate(in).empty());
    const json j = serving_state_to_json(in);
    const json defaults = serving_state_to_json(Scenario{});
    // Every field really differs, so the round trip below covers all of them.
    for (auto g = defaults.begin(); g != defaults.end(); ++g) {
        if (!g->is_object()) continue;
        for (auto f = g->begin(); f != g->end(); ++f) {
            INFO(g.key() + "." + f.key());
            CHECK(j[g.key()][f.key()] != f.value());
        }
    }
    auto back = serving_state_from_json(j);
    CHECK(back.notices.empty());
    CHECK(serving_state_to_json(back.value) == j);
    CHECK(back.value.run.seed == sv::kMaxSeed);
    CHECK(back.value.arrival.replay_s[3] == -2.0 / 3);

    const json reparsed = json::parse(j.dump(), nullptr, false);
    back = serving_state_from_json(reparsed);
    CHECK(back.notices.empty());
    CHECK(serving_state_to_json(back.value) == j);
}

TEST_CASE("links carry only the fields that differ, per group, and read back exactly", "[serving][state]") {
    CHECK(serving_state_without_defaults(Scenario{}) == json{{"v", 1}});

    Scenario s;
    s.fleet.replicas = 10;
    s.arrival.kind = sv::ArrivalKind::Gamma;
    s.service.samples_ms = {1, 2, 3};
    s.run.seed = 42;
    const json sparse = serving_state_without_defaults(s);
    CHECK(sparse == json::parse(R"({"v":1,"fleet":{"replicas":10},"arrival":{"kind":"gamma"},
                                    "service":{"samples_ms":[1,2,3]},"run":{"seed":42}})"));
    const auto back = serving_state_from_json(sparse);
    CHECK(back.notices.empty());
    CHECK(serving_state_to_json(back.value) == serving_state_to_json(s));

    // Every field changed: the sparse form is the full form.
    const Scenario all = every_field_changed();
    CHECK(serving_state_without_defaults(all) == serving_state_to_json(all));

    // Through the URL hash codec, where each group travels as percent-encoded JSON.
    const std::string hash = mlwb::state::encode_hash("serving", serving_state_without_defaults(all));
    const auto route = mlwb::state::decode_hash(hash);
    CHECK(route.notices.empty());
    const auto from_link = serving_state_from_json(route.value.fields);
    CHECK(from_link.notices.empty());
    CHECK(serving_state_to_json(from_link.value) == serving_state_to_json(all));

    // Missing groups and fields take their defaults silently, even without "v".
    const auto d = serving_state_from_json(json{{"fleet", {{"concurrency", 2}}}});
    CHECK(d.notices.empty());
    CHECK(d.value.fleet.concurrency == 2);
    CHECK(d.value.fleet.replicas == Scenario{}.fleet.replicas);
}

TEST_CASE("every enum name reads back and unknown names are refused", "[serving][state]") {
    for (auto k : {sv::ArrivalKind::Poisson, sv::ArrivalKind::Gamma, sv::ArrivalKind::OnOff, sv::ArrivalKind::Daily,
                   sv::ArrivalKind::Replay}) {
        sv::ArrivalKind back = sv::ArrivalKind::Poisson;
        CHECK(sv::parse_key(sv::key_of(k), back));
        CHECK(back == k);
    }
    for (auto k : {sv::ServiceKind::Deterministic, sv::ServiceKind::Exponential, sv::ServiceKind::Lognormal,
                   sv::ServiceKind::Gamma, sv::ServiceKind::Empirical, sv::ServiceKind::Trace}) {
        sv::ServiceKind back = sv::ServiceKind::Deterministic;
        CHECK(sv::parse_key(sv::key_of(k), back));
        CHECK(back == k);
    }
    for (auto k : {sv::LognormalFit::MeanCv, sv::LognormalFit::P50P99, sv::LognormalFit::MeanP99}) {
        sv::LognormalFit back = sv::LognormalFit::MeanCv;
        CHECK(sv::parse_key(sv::key_of(k), back));
        CHECK(back == k);
    }
    for (auto k : {sv::ScaleMetric::Utilization, sv::ScaleMetric::InFlight}) {
        sv::ScaleMetric back = sv::ScaleMetric::Utilization;
        CHECK(sv::parse_key(sv::key_of(k), back));
        CHECK(back == k);
    }
    CHECK(std::string(sv::key_of(sv::ArrivalKind::OnOff)) == "on-off");
    CHECK(std::string(sv::key_of(sv::LognormalFit::P50P99)) == "p50-p99");
    CHECK(std::string(sv::key_of(sv::ScaleMetric::InFlight)) == "in-flight");
    sv::ServiceKind kind = sv::ServiceKind::Trace;
    CHECK_FALSE(sv::parse_key("Lognormal", kind));
    CHECK_FALSE(sv::parse_key("", kind));
    CHECK(kind == sv::ServiceKind::Trace);
}

TEST_CASE("each serving rule names its field and says the allowed range", "[serving][state]") {
    struct Rule {
        std::function<void(Scenario&)> change;
        const char* field;
        const char* message;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<Rule> rules = {
        {[](Scenario& s) { s.arrival.rate_rps = 0; }, "arrival.rate_rps",
         "Arrival rate must be above 0 and at most 10,000,000 requests per second."},
        {[](Scenario& s) { s.arrival.rate_rps = 2e7; }, "arrival.rate_rps",
         "Arrival rate must be above 0 and at most 10,000,000 requests per second."},
        {[&](Scenario& s) { s.arrival.rate_rps = nan; }, "arrival.rate_rps",
         "Arrival rate must be above 0 and at most 10,000,000 requests per second."},
        {[](Scenario& s) { s.arrival.cv = 0; }, "arrival.cv",
         "Coefficient of variation of the time between arrivals must be above 0 and at most 10."},
        {[](Scenario& s) { s.arrival.on_mean_s = 0; }, "arrival.on_mean_s",
         "Mean length of a burst must be above 0 and at most 86,400 s."},
        {[](Scenario& s) { s.arrival.off_mean_s = -1; }, "arrival.off_mean_s",
         "Mean length of a silence between bursts must be above 0 and at most 86,400 s."},
        {[](Scenario& s) { s.arrival.hourly_profile[5] = -1; }, "arrival.hourly_profile",
         "Each hour of the daily profile must be a relative rate from 0 to 1,000,000 (hour 5 is -1)."},
        {[](Scenario& s) { s.arrival.hourly_profile.fill(0); }, "arrival.hourly_profile",
         "At least one hour of the daily profile must have traffic (a value above 0)."},
        {[](Scenario& s) { s.arrival.day_length_s = 0.5; }, "arrival.day_length_s",
         "Length of a simulated day must be from 1 to 86,400 s."},
        {[](Scenario& s) { s.arrival.start_hour = 24; }, "arrival.start_hour", "Start hour must be at least 0 and below 24."},
        {[](Scenario& s) { s.arrival.kind = sv::ArrivalKind::Replay; s.arrival.replay_s = {3}; }, "arrival.replay_s",
         "Replaying arrivals needs at least 2 timestamps (got 1)."},
        {[](Scenario& s) { s.arrival.kind = sv::ArrivalKind::Replay; s.arrival.replay_s = {5, 5, 5}; }, "arrival.replay_s",
         "Replay timestamps must not all be the same time."},
        {[&](Scenario& s) { s.arrival.replay_s = {1, inf}; }, "arrival.replay_s",
         "Each of the replay timestamps (seconds) must be a number from -1,000,000,000,000 to 1,000,000,000,000 (number 2 is infinite)."},
        {[](Scenario& s) { s.service.mean_ms = 0; }, "service.mean_ms",
         "Mean service time must be above 0 and at most 3,600,000 ms."},
        {[](Scenario& s) { s.service.cv = 11; }, "service.cv",
         "Coefficient of variation of the service time must be above 0 and at most 10."},
        {[](Scenario& s) { s.service.p50_ms = -1; }, "service.p50_ms", "Median service time must be above 0 and at most 3,600,000 ms."},
        {[&](Scenario& s) { s.service.p99_ms = nan; }, "service.p99_ms",
         "99th percentile of the service time must be above 0 and at most 3,600,000 ms."},
        {[](Scenario& s) { s.service.fit = sv::LognormalFit::P50P99; s.service.p50_ms = 60; }, "service.p99_ms",
         "The p99 service time must be above the median (60 ms) for a lognormal."},
        {[](Scenario& s) { s.service.mean_ms = 60; }, "service.p99_ms",
         "The p99 service time must be above the mean (60 ms) for a lognormal."},
        {[](Scenario& s) { s.service.p99_ms = 400; }, "service.p99_ms",
         "The p99 (400 ms) is too far above the mean (20 ms) for a lognormal: its p99 is at most 14.97 times its mean, "
         "here 299.4 ms. Lower the p99, or give the median and p99 instead."},
        {[](Scenario& s) { s.service.kind = sv::ServiceKind::Empirical; s.service.samples_ms = {0, 0}; }, "service.samples_ms",
         "The empirical service model needs at least one latency sample above 0 ms."},
        {[](Scenario& s) { s.service.kind = sv::ServiceKind::Trace; }, "service.samples_ms",
         "The trace service model needs at least one latency sample above 0 ms."},
        {[](Scenario& s) { s.service.samples_ms = {-1}; }, "service.samples_ms",
         "Each of the latency samples (ms) must be a number from 0 to 3,600,000 (number 1 is -1)."},
        {[](Scenario& s) { s.service.samples_ms.assign(sv::kMaxSamples + 1, 1.0); }, "service.samples_ms",
         "At most 1,000,000 latency samples (ms) are allowed (got 1,000,001)."},
        {[](Scenario& s) { s.batching.max_batch = 0; }, "batching.max_batch", "Maximum batch size must be a whole number from 1 to 4,096."},
        {[](Scenario& s) { s.batching.max_delay_ms = -1; }, "batching.max_delay_ms",
         "Maximum wait to fill a batch must be from 0 to 3,600,000 ms."},
        {[](Scenario& s) { s.batching.fixed_ms = -1; }, "batching.fixed_ms", "Fixed time per batch must be from 0 to 3,600,000 ms."},
        {[](Scenario& s) { s.batching.per_item_ms = 4e6; }, "batching.per_item_ms",
         "Time per request in a batch must be from 0 to 3,600,000 ms."},
        {[](Scenario& s) { s.batching.fixed_ms = 0; s.batching.per_item_ms = 0; }, "batching.per_item_ms",
         "A batch must take some time: the fixed time and the time per request cannot both be 0 ms."},
        {[](Scenario& s) { s.batching.noise_cv = -0.1; }, "batching.noise_cv",
         "Coefficient of variation of the batch time must be from 0 to 10 (0 = none)."},
        {[](Scenario& s) { s.fleet.replicas = 0; }, "fleet.replicas", "Replicas must be a whole number from 1 to 100,000."},
        {[](Scenario& s) { s.fleet.replicas = 100001; }, "fleet.replicas", "Replicas must be a whole number from 1 to 100,000."},
        {[](Scenario& s) { s.fleet.concurrency = 2000; }, "fleet.concurrency",
         "Concurrency (slots per replica) must be a whole number from 1 to 1,024."},
        {[](Scenario& s) { s.fleet.queue_capacity = -1; }, "fleet.queue_capacity",
         "Queue capacity must be a whole number from 0 to 10,000,000 (0 = unbounded)."},
        {[](Scenario& s) { s.fleet.timeout_ms = -5; }, "fleet.timeout_ms", "Client timeout must be from 0 to 86,400,000 ms (0 = never)."},
        {[](Scenario& s) { s.fleet.cache_hit_rate = 1; }, "fleet.cache_hit_rate", "Cache hit rate must be at least 0 and below 1."},
        {[](Scenario& s) { s.fleet.cache_latency_ms = -1; }, "fleet.cache_latency_ms", "Cache latency must be from 0 to 3,600,000 ms."},
        {[](Scenario& s) { s.autoscaling.target = 1.2; }, "autoscaling.target", "Target utilization must be above 0 and at most 1."},
        {[](Scenario& s) { s.autoscaling.metric = sv::ScaleMetric::InFlight; s.autoscaling.target = 0; }, "autoscaling.target",
         "Target requests in flight per replica must be above 0 and at most 100,000."},
        {[](Scenario& s) { s.autoscaling.interval_s = 0.5; }, "autoscaling.interval_s", "Autoscaler interval must be from 1 to 3,600 s."},
        {[](Scenario& s) { s.autoscaling.up_window_s = -1; }, "autoscaling.up_window_s",
         "Scale-up stabilisation window must be from 0 to 86,400 s."},
        {[](Scenario& s) { s.autoscaling.down_window_s = 1e6; }, "autoscaling.down_window_s",
         "Scale-down stabilisation window must be from 0 to 86,400 s."},
        {[](Scenario& s) { s.autoscaling.min_replicas = 0; }, "autoscaling.min_replicas",
         "Minimum replicas must be a whole number from 1 to 100,000."},
        {[](Scenario& s) { s.autoscaling.max_replicas = 200000; }, "autoscaling.max_replicas",
         "Maximum replicas must be a whole number from 1 to 100,000."},
        {[](Scenario& s) { s.autoscaling.min_replicas = 300; }, "autoscaling.min_replicas",
         "Minimum replicas (300) must be at most the maximum (200)."},
        {[](Scenario& s) { s.autoscaling.cold_start_s = 4000; }, "autoscaling.cold_start_s", "Cold start must be from 0 to 3,600 s."},
        {[](Scenario& s) { s.cost.instance = std::string(65, 'x'); }, "cost.instance",
         "Instance name must be printable text of at most 64 bytes."},
        {[](Scenario& s) { s.cost.instance = "bad\xFF"; }, "cost.instance", "Instance name must be printable text of at most 64 bytes."},
        {[](Scenario& s) { s.cost.price_per_hour = -1; }, "cost.price_per_hour", "Price per replica-hour (US$) must be from 0 to 1,000."},
        {[](Scenario& s) { s.cost.spot_discount = 1; }, "cost.spot_discount", "Spot discount must be at least 0 and below 1."},
        {[](Scenario& s) { s.slo.latency_ms = 0; }, "slo.latency_ms", "SLO latency must be above 0 and at most 3,600,000 ms."},
        {[](Scenario& s) { s.slo.percentile = 100; }, "slo.percentile", "SLO percentile must be above 0 and below 100."},
        {[](Scenario& s) { s.llm.model = "line\nbreak"; }, "llm.model", "Model name must be printable text of at most 64 bytes."},
        {[](Scenario& s) { s.llm.params_b = 0; }, "llm.params_b", "Parameters (billions) must be above 0 and at most 10,000."},
        {[](Scenario& s) { s.llm.layers = 0; }, "llm.layers", "Layers must be a whole number from 1 to 1,000."},
        {[](Scenario& s) { s.llm.hidden = 0; }, "llm.hidden", "Hidden size must be a whole number from 1 to 1,000,000."},
        {[](Scenario& s) { s.llm.heads = 5000; }, "llm.heads", "Attention heads must be a whole number from 1 to 4,096."},
        {[](Scenario& s) { s.llm.kv_heads = 0; }, "llm.kv_heads", "KV heads must be a whole number from 1 to 4,096."},
        {[](Scenario& s) { s.llm.kv_heads = 5; }, "llm.kv_heads", "Attention heads (32) must be a multiple of the KV heads (5)."},
        {[](Scenario& s) { s.llm.hidden = 4100; }, "llm.hidden", "Hidden size (4100) must be a multiple of the attention heads (32)."},
        {[](Scenario& s) { s.llm.bytes_per_param = 0; }, "llm.bytes_per_param", "Bytes per parameter must be above 0 and at most 8."},
        {[](Scenario& s) { s.llm.kv_bytes = 9; }, "llm.kv_bytes", "Bytes per KV-cache element must be above 0 and at most 8."},
        {[](Scenario& s) { s.llm.gpu = std::string(70, 'g'); }, "llm.gpu", "GPU name must be printable text of at most 64 bytes."},
        {[](Scenario& s) { s.llm.gpu_tflops = 0; }, "llm.gpu_tflops", "GPU peak TFLOP/s must be above 0 and at most 100,000."},
        {[](Scenario& s) { s.llm.gpu_bandwidth_gbs = -1; }, "llm.gpu_bandwidth_gbs",
         "GPU memory bandwidth must be above 0 and at most 1,000,000 GB/s."},
        {[](Scenario& s) { s.llm.gpu_memory_gb = 0; }, "llm.gpu_memory_gb", "GPU memory must be above 0 and at most 10,000 GB."},
        {[](Scenario& s) { s.llm.gpus_per_replica = 0; }, "llm.gpus_per_replica", "GPUs per replica must be a whole number from 1 to 64."},
        {[](Scenario& s) { s.llm.compute_efficiency = 0; }, "llm.compute_efficiency", "Compute efficiency must be above 0 and at most 1."},
        {[](Scenario& s) { s.llm.memory_efficiency = 1.5; }, "llm.memory_efficiency",
         "Memory bandwidth efficiency must be above 0 and at most 1."},
        {[](Scenario& s) { s.llm.memory_reserved = 1; }, "llm.memory_reserved",
         "Reserved share of GPU memory must be at least 0 and below 1."},
        {[](Scenario& s) { s.llm.max_batch_seqs = 0; }, "llm.max_batch_seqs", "Sequences per batch must be a whole number from 1 to 65,536."},
        {[](Scenario& s) { s.llm.prompt_tokens_mean = 0.5; }, "llm.prompt_tokens_mean",
         "Mean prompt length must be from 1 to 1,000,000 tokens."},
        {[](Scenario& s) { s.llm.prompt_tokens_cv = -1; }, "llm.prompt_tokens_cv",
         "Coefficient of variation of the prompt length must be from 0 to 10."},
        {[](Scenario& s) { s.llm.output_tokens_mean = 0; }, "llm.output_tokens_mean",
         "Mean output length must be from 1 to 1,000,000 tokens."},
        {[](Scenario& s) { s.llm.output_tokens_cv = 11; }, "llm.output_tokens_cv",
         "Coefficient of variation of the output length must be from 0 to 10."},
        {[](Scenario& s) { s.run.requests = 0; }, "run.requests", "Requests to simulate must be a whole number from 1 to 50,000,000."},
        {[](Scenario& s) { s.run.requests = 50000001; }, "run.requests",
         "Requests to simulate must be a whole number from 1 to 50,000,000."},
        {[](Scenario& s) { s.run.warmup_share = 0.95; }, "run.warmup_share", "Warm-up share must be from 0 to 0.9."},
        {[](Scenario& s) { s.run.max_duration_s = -1; }, "run.max_duration_s",
         "Longest simulated time must be from 0 to 100,000,000 s (0 = no limit)."},
        {[](Scenario& s) { s.run.seed = sv::kMaxSeed + 1; }, "run.seed", "Seed must be a whole number from 0 to 9,007,199,254,740,991."},
        {[](Scenario& s) { s.run.batches = 1; }, "run.batches", "Batches for the confidence intervals must be a whole number from 2 to 100."},
        {[](Scenario& s) { s.run.max_queue = 0; }, "run.max_queue",
         "Queue length that stops an unstable run must be a whole number from 1 to 10,000,000."},
    };
    for (const auto& rule : rules) {
        Scenario s;
        rule.change(s);
        INFO(rule.field);
        const auto errors = validate(s);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == rule.field);
        CHECK(errors[0].message == rule.message);
        const auto same = validate_field(s, rule.field);
        REQUIRE(same.size() == 1);
        CHECK(same[0].message == rule.message);

        // Decoding the bad scenario restores a valid one and says what it replaced.
        const auto decoded = serving_state_from_json(serving_state_to_json(s));
        CHECK(validate(decoded.value).empty());
        CHECK_FALSE(decoded.notices.empty());
    }
}

TEST_CASE("limits of the serving rules are inclusive where they say so", "[serving][state]") {
    Scenario s;
    s.arrival.rate_rps = 1e7;
    s.fleet.replicas = 100000;
    s.fleet.concurrency = 1024;
    s.fleet.cache_hit_rate = 0;
    s.batching.max_batch = 4096;
    s.run.requests = 50000000;
    s.run.warmup_share = 0.9;
    s.run.batches = 100;
    s.run.seed = 0;
    s.autoscaling.min_replicas = s.autoscaling.max_replicas;
    s.cost.instance = std::string(64, 'x');
    s.llm.kv_heads = s.llm.heads;
    CHECK(validate(s).empty());

    // The mean-p99 lognormal exists up to p99 = mean * exp(z99^2 / 2), about 14.97 times.
    const double edge = 20 * std::exp(sv::kLognormalZ99 * sv::kLognormalZ99 / 2);
    s.service.p99_ms = edge * (1 - 1e-9);
    CHECK(validate(s).empty());
    s.service.p99_ms = edge * (1 + 1e-9);
    CHECK(validate(s).size() == 1);
}

TEST_CASE("rules of a choice apply only while it is chosen", "[serving][state]") {
    Scenario s;
    s.service.kind = sv::ServiceKind::Exponential;
    s.service.mean_ms = 100;  // above the lognormal's p99 of 60, which this kind ignores
    CHECK(validate(s).empty());
    s.service.kind = sv::ServiceKind::Lognormal;
    s.service.fit = sv::LognormalFit::MeanCv;
    CHECK(validate(s).empty());
    s.arrival.kind = sv::ArrivalKind::Poisson;  // no timestamps needed
    s.autoscaling.metric = sv::ScaleMetric::InFlight;
    s.autoscaling.target = 8;  // more than 1 is fine for requests in flight
    CHECK(validate(s).empty());
}

TEST_CASE("validate_field reports a rule at every field it ties together", "[serving][state]") {
    Scenario s;
    s.service.fit = sv::LognormalFit::P50P99;
    s.service.p50_ms = 80;  // above the p99 of 60
    const std::string message = "The p99 service time must be above the median (80 ms) for a lognormal.";
    for (const char* key : {"service.p99_ms", "service.p50_ms", "service.kind", "service.fit"}) {
        INFO(key);
        const auto errors = validate_field(s, key);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == key);
        CHECK(errors[0].message == message);
    }
    CHECK(validate_field(s, "service.mean_ms").empty());
    CHECK(validate_field(s, "fleet.replicas").empty());

    s = Scenario{};
    s.autoscaling.min_replicas = 500;
    CHECK(validate_field(s, "autoscaling.max_replicas").size() == 1);
    s.fleet.replicas = 0;
    CHECK(validate_field(s, "fleet.replicas").size() == 1);
    CHECK(validate(s).size() == 2);

    s = Scenario{};
    s.arrival.kind = sv::ArrivalKind::Replay;
    CHECK(validate_field(s, "arrival.kind").size() == 1);
    CHECK(validate_field(s, "arrival.replay_s").size() == 1);
}

TEST_CASE("out-of-range values take their field's default and a notice", "[serving][state]") {
    auto d = serving_state_from_json(json::parse(R"({"v":1,"fleet":{"replicas":0,"concurrency":8},
                                                     "run":{"warmup_share":2,"requests":5000}})"));
    CHECK(d.value.fleet.replicas == Scenario{}.fleet.replicas);
    CHECK(d.value.fleet.concurrency == 8);
    CHECK(d.value.run.warmup_share == Scenario{}.run.warmup_share);
    CHECK(d.value.run.requests == 5000);
    REQUIRE(d.notices.size() == 2);
    CHECK(d.notices[0] == "'fleet.replicas': Replicas must be a whole number from 1 to 100,000. Kept the default.");

    // A median above the p99 stays wrong once the p99 is back at its default of 60 ms:
    // then the whole service group takes its defaults, and the other groups are kept.
    d = serving_state_from_json(json::parse(R"({"service":{"fit":"p50-p99","p50_ms":100,"p99_ms":90,"mean_ms":30},
                                                "fleet":{"replicas":7}})"));
    CHECK(validate(d.value).empty());
    CHECK(d.value.service.mean_ms == Scenario{}.service.mean_ms);
    CHECK(d.value.service.fit == Scenario{}.service.fit);
    CHECK(d.value.fleet.replicas == 7);
    CHECK(d.notices.size() == 2);
    CHECK(has_notice_containing(d.notices, "'service' settings do not fit together"));

    // A p99 too far above the mean for a lognormal: the p99 goes back to its default.
    d = serving_state_from_json(json::parse(R"({"service":{"mean_ms":10,"p99_ms":500}})"));
    CHECK(d.value.service.mean_ms == 10);
    CHECK(d.value.service.p99_ms == Scenario{}.service.p99_ms);
    CHECK(has_notice_containing(d.notices, "too far above the mean"));
}

TEST_CASE("hostile serving JSON ends in a valid scenario with notices and never throws", "[serving][state]") {
    const Scenario defaults;
    auto decode = [](const json& j) {
        mlwb::Decoded<Scenario> d;
        CHECK_NOTHROW(d = serving_state_from_json(j));
        CHECK(validate(d.value).empty());
        CHECK_NOTHROW(serving_state_to_json(d.value).dump());
        return d;
    };

    // Not an object, text that is not JSON, a version from the future or of the wrong type.
    for (const json& j : {json::array({1, 2}), json("serving"), json(nullptr), json(3.5),
                          json::parse("{\"v\":1,\"fleet\":", nullptr, false), json::parse("NaN", nullptr, false)}) {
        const auto d = decode(j);
        CHECK(serving_state_to_json(d.value) == serving_state_to_json(defaults));
        CHECK(d.notices.size() == 1);
    }
    for (const json& v : {json(99), json("1"), json(0), json(1.0), json(-1), json::array()}) {
        const auto d = decode(json{{"v", v}, {"fleet", {{"replicas", 3}}}});
        CHECK(d.value.fleet.replicas == defaults.fleet.replicas);
        CHECK(d.notices.size() == 1);
    }

    // Wrong types, NaN as text, unknown names and keys: each a notice, each field its default.
    auto d = decode(json::parse(R"({
        "arrival": {"rate_rps": "NaN", "kind": "bursty", "hourly_profile": [1, 2, 3], "replay_s": "1,2,3"},
        "service": {"mean_ms": {"nested": [1, {"deeper": true}]}, "fit": 2, "samples_ms": [1, "2", 3]},
        "fleet": {"replicas": 2.5, "concurrency": "4", "cache_hit_rate": null, "evil": 1},
        "batching": {"enabled": 1},
        "run": {"requests": 1e300, "seed": -1, "max_queue": "many"},
        "cost": {"instance": 42},
        "slo": [1, 2],
        "llm": "llama",
        "extra": {}, "also": 1
    })"));
    CHECK(serving_state_to_json(d.value) == serving_state_to_json(defaults));
    CHECK(d.notices.size() == 19);
    CHECK(has_notice_containing(d.notices, "'arrival.rate_rps' must be a number, got \"NaN\"; kept the default."));
    CHECK(has_notice_containing(d.notices, "'arrival.kind' must be one of poisson, gamma, on-off, daily, replay"));
    CHECK(has_notice_containing(d.notices, "'arrival.hourly_profile' must be a list of 24 numbers, got a list of 3 values"));
    CHECK(has_notice_containing(d.notices, "'service.samples_ms' must be a list of numbers, but value 2 is \"2\""));
    CHECK(has_notice_containing(d.notices, "'fleet.replicas' must be a whole number, got 2.5"));
    CHECK(has_notice_containing(d.notices, "Ignored unknown field \"fleet.evil\"."));
    CHECK(has_notice_containing(d.notices, "'slo' must be an object of settings, got a list; kept its defaults."));
    CHECK(has_notice_containing(d.notices, "Ignored unknown fields \"also\", \"extra\"."));
    CHECK(has_notice_containing(d.notices, "'run.seed' must be a whole number from 0 to 9,007,199,254,740,991"));

    // Huge arrays are refused whole, without quoting them.
    json huge = json::object();
    huge["service"]["samples_ms"] = json(std::vector<double>(sv::kMaxSamples + 1, 1.0));
    huge["arrival"]["replay_s"] = json(std::vector<double>(sv::kMaxSamples + 5, 2.0));
    d = decode(huge);
    CHECK(d.value.service.samples_ms.empty());
    CHECK(d.value.arrival.replay_s.empty());
    REQUIRE(d.notices.size() == 2);
    CHECK(d.notices[0].size() < 200);
    CHECK(has_notice_containing(d.notices, "holds 1,000,001 values, more than the 1,000,000 allowed"));
    // The largest allowed array is read.
    huge = json::object();
    huge["service"]["samples_ms"] = json(std::vector<double>(sv::kMaxSamples, 1.0));
    d = decode(huge);
    CHECK(d.notices.empty());
    CHECK(d.value.service.samples_ms.size() == sv::kMaxSamples);

    // Values only C++ can put in a json (NaN, infinity) and text that is not UTF-8.
    json odd = serving_state_to_json(defaults);
    odd["fleet"]["timeout_ms"] = std::numeric_limits<double>::quiet_NaN();
    odd["arrival"]["hourly_profile"][0] = std::numeric_limits<double>::infinity();
    odd["cost"]["instance"] = "bad\xFF\xFE";
    odd["llm"]["model"] = std::string(5000, 'm');
    d = decode(odd);
    CHECK(serving_state_to_json(d.value) == serving_state_to_json(defaults));
    CHECK(d.notices.size() == 4);

    // Out-of-range integers of every JSON kind.
    d = decode(json::parse(R"({"run":{"requests":18446744073709551615,"max_queue":-5,"batches":1e12,
                                      "seed":18446744073709551615}})"));
    CHECK(d.value.run.requests == defaults.run.requests);
    CHECK(d.value.run.max_queue == defaults.run.max_queue);
    CHECK(d.value.run.batches == defaults.run.batches);
    CHECK(d.value.run.seed == defaults.run.seed);
    CHECK(d.notices.size() == 4);

    // Deep nesting where a group should be.
    std::string deep(2000, '[');
    deep += std::string(2000, ']');
    d = decode(json{{"arrival", json::parse(deep, nullptr, false)}});
    CHECK(d.notices.size() == 1);
}
