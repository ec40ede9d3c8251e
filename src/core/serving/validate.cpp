#include "serving/validate.hpp"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "serving/rng.hpp"
#include "util/enum_names.hpp"
#include "util/format.hpp"

namespace mlwb::serving {

namespace {

// ---- names of the choices -------------------------------------------------------------------

constexpr std::pair<ArrivalKind, const char*> kArrivalKind[] = {
    {ArrivalKind::Poisson, "poisson"}, {ArrivalKind::Gamma, "gamma"}, {ArrivalKind::OnOff, "on-off"},
    {ArrivalKind::Daily, "daily"},     {ArrivalKind::Replay, "replay"}};
constexpr std::pair<ServiceKind, const char*> kServiceKind[] = {
    {ServiceKind::Deterministic, "deterministic"}, {ServiceKind::Exponential, "exponential"},
    {ServiceKind::Lognormal, "lognormal"},         {ServiceKind::Gamma, "gamma"},
    {ServiceKind::Empirical, "empirical"},         {ServiceKind::Trace, "trace"}};
constexpr std::pair<LognormalFit, const char*> kLognormalFit[] = {
    {LognormalFit::MeanCv, "mean-cv"}, {LognormalFit::P50P99, "p50-p99"}, {LognormalFit::MeanP99, "mean-p99"}};
constexpr std::pair<ScaleMetric, const char*> kScaleMetric[] = {{ScaleMetric::Utilization, "utilization"},
                                                                {ScaleMetric::InFlight, "in-flight"}};


// ---- limits ---------------------------------------------------------------------------------

constexpr double kMaxRateRps = 1e7;
constexpr double kMaxMs = 3600000;          // an hour: the longest service, batch or SLO time
constexpr double kMaxTimeoutMs = 86400000;  // a day
constexpr double kDayS = 86400;
constexpr double kMaxCv = 10;
constexpr long long kMaxReplicas = 100000;
constexpr std::size_t kMaxNameBytes = 64;

// 99 % of a lognormal's mass lies below exp(mu + z99 sigma) while its mean is exp(mu + sigma^2/2),
// so ln(p99 / mean) = z99 sigma - sigma^2 / 2, which is largest (z99^2 / 2) at sigma = z99:
// a p99 further above the mean than exp(z99^2 / 2) ~ 14.97 times fits no lognormal. The same
// det_log as the sampler (samplers.cpp), so both agree to the last bit at the edge.
bool lognormal_mean_p99_fits(double mean, double p99) {
    return kLognormalZ99 * kLognormalZ99 - 2 * det_log(p99 / mean) >= 0;
}

std::string limit(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return format_grouped(static_cast<std::int64_t>(v));
    return format_shortest(v);
}

std::string shown(double v) {
    if (std::isnan(v)) return "not a number";
    if (std::isinf(v)) return v > 0 ? "infinite" : "minus infinite";
    return format_significant(v, 6);
}

bool valid_printable_utf8(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) return false;
        std::size_t extra = 0;
        std::uint32_t code = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { extra = 1; code = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; code = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; code = c & 0x07; }
        else return false;
        if (i + extra >= text.size()) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto d = static_cast<unsigned char>(text[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            code = (code << 6) | (d & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
        static constexpr std::uint32_t kMinCode[] = {0, 0x80, 0x800, 0x10000};
        if (code < kMinCode[extra] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return false;
        i += extra + 1;
    }
    return true;
}

// One end of an allowed range: open ends exclude their value.
struct Bound {
    double value;
    bool open;
};
constexpr Bound above(double v) { return {v, true}; }
constexpr Bound from(double v) { return {v, false}; }
constexpr Bound below(double v) { return {v, true}; }
constexpr Bound up_to(double v) { return {v, false}; }

// A broken rule, and the other fields it ties `field` to (for validate_field).
struct Issue {
    const char* field;
    std::string message;
    std::vector<const char*> related;
};

class Checks {
public:
    std::vector<Issue> issues;

    void add(const char* field, std::string message, std::initializer_list<const char*> related = {}) {
        issues.push_back({field, std::move(message), std::vector<const char*>(related)});
    }

    // A real number in [lo, hi] (ends open or closed); NaN and infinities fail. `unit` follows
    // the upper limit (" ms"), `note` follows the range (" (0 = never)").
    bool range(const char* field, double v, Bound lo, Bound hi, const char* label, const char* unit = "",
               const char* note = "") {
        const bool ok = std::isfinite(v) && (lo.open ? v > lo.value : v >= lo.value) && (hi.open ? v < hi.value : v <= hi.value);
        if (ok) return true;
        const std::string l = limit(lo.value), h = limit(hi.value);
        std::string text = std::string(label) + " must be ";
        if (lo.open && hi.open) text += "above " + l + " and below " + h;
        else if (lo.open) text += "above " + l + " and at most " + h;
        else if (hi.open) text += "at least " + l + " and below " + h;
        else text += "from " + l + " to " + h;
        add(field, text + unit + note + ".");
        return false;
    }

    bool whole(const char* field, long long v, long long lo, long long hi, const char* label, const char* note = "") {
        if (v >= lo && v <= hi) return true;
        add(field, std::string(label) + " must be a whole number from " + format_grouped(lo) + " to " + format_grouped(hi) + note + ".");
        return false;
    }

    bool name(const char* field, const std::string& text, const char* label) {
        if (text.size() <= kMaxNameBytes && valid_printable_utf8(text)) return true;
        add(field, std::string(label) + " must be printable text of at most " + std::to_string(kMaxNameBytes) + " bytes.");
        return false;
    }

    // Each value finite and within [lo, hi]; at most kMaxSamples of them. Reports the first offender.
    bool values(const char* field, const std::vector<double>& v, double lo, double hi, const char* what) {
        if (v.size() > kMaxSamples) {
            add(field, std::string("At most ") + limit(static_cast<double>(kMaxSamples)) + " " + what + " are allowed (got " +
                           limit(static_cast<double>(v.size())) + ").");
            return false;
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (std::isfinite(v[i]) && v[i] >= lo && v[i] <= hi) continue;
            add(field, std::string("Each of the ") + what + " must be a number from " + limit(lo) + " to " + limit(hi) + " (number " +
                           std::to_string(i + 1) + " is " + shown(v[i]) + ").");
            return false;
        }
        return true;
    }
};

void check_arrival(const ArrivalModel& a, Checks& c) {
    c.range("arrival.rate_rps", a.rate_rps, above(0), up_to(kMaxRateRps), "Arrival rate", " requests per second");
    c.range("arrival.cv", a.cv, above(0), up_to(kMaxCv), "Coefficient of variation of the time between arrivals");
    c.range("arrival.on_mean_s", a.on_mean_s, above(0), up_to(kDayS), "Mean length of a burst", " s");
    c.range("arrival.off_mean_s", a.off_mean_s, above(0), up_to(kDayS), "Mean length of a silence between bursts", " s");
    double sum = 0;
    bool hours_ok = true;
    for (std::size_t h = 0; h < a.hourly_profile.size() && hours_ok; ++h) {
        const double v = a.hourly_profile[h];
        if (std::isfinite(v) && v >= 0 && v <= 1e6) { sum += v; continue; }
        c.add("arrival.hourly_profile", "Each hour of the daily profile must be a relative rate from 0 to 1,000,000 (hour " +
                                            std::to_string(h) + " is " + shown(v) + ").");
        hours_ok = false;
    }
    if (hours_ok && !(sum > 0))
        c.add("arrival.hourly_profile", "At least one hour of the daily profile must have traffic (a value above 0).");
    c.range("arrival.day_length_s", a.day_length_s, from(1), up_to(kDayS), "Length of a simulated day", " s");
    c.range("arrival.start_hour", a.start_hour, from(0), below(24), "Start hour");
    if (c.values("arrival.replay_s", a.replay_s, -1e12, 1e12, "replay timestamps (seconds)") && a.kind == ArrivalKind::Replay) {
        if (a.replay_s.size() < 2) {
            c.add("arrival.replay_s", "Replaying arrivals needs at least 2 timestamps (got " + std::to_string(a.replay_s.size()) + ").",
                  {"arrival.kind"});
        } else {
            double lo = a.replay_s[0], hi = a.replay_s[0];
            for (double t : a.replay_s) lo = std::fmin(lo, t), hi = std::fmax(hi, t);
            if (!(hi > lo)) c.add("arrival.replay_s", "Replay timestamps must not all be the same time.", {"arrival.kind"});
        }
    }
}

void check_service(const ServiceModel& m, Checks& c) {
    const bool mean_ok = c.range("service.mean_ms", m.mean_ms, above(0), up_to(kMaxMs), "Mean service time", " ms");
    c.range("service.cv", m.cv, above(0), up_to(kMaxCv), "Coefficient of variation of the service time");
    const bool p50_ok = c.range("service.p50_ms", m.p50_ms, above(0), up_to(kMaxMs), "Median service time", " ms");
    const bool p99_ok = c.range("service.p99_ms", m.p99_ms, above(0), up_to(kMaxMs), "99th percentile of the service time", " ms");
    if (m.kind == ServiceKind::Lognormal && p99_ok) {
        if (m.fit == LognormalFit::P50P99 && p50_ok && !(m.p99_ms > m.p50_ms)) {
            c.add("service.p99_ms", "The p99 service time must be above the median (" + shown(m.p50_ms) + " ms) for a lognormal.",
                  {"service.p50_ms", "service.kind", "service.fit"});
        } else if (m.fit == LognormalFit::MeanP99 && mean_ok) {
            if (!(m.p99_ms > m.mean_ms)) {
                c.add("service.p99_ms", "The p99 service time must be above the mean (" + shown(m.mean_ms) + " ms) for a lognormal.",
                      {"service.mean_ms", "service.kind", "service.fit"});
            } else if (!lognormal_mean_p99_fits(m.mean_ms, m.p99_ms)) {
                const double max_ratio = std::exp(kLognormalZ99 * kLognormalZ99 / 2);
                c.add("service.p99_ms", "The p99 (" + shown(m.p99_ms) + " ms) is too far above the mean (" + shown(m.mean_ms) +
                                            " ms) for a lognormal: its p99 is at most " + format_significant(max_ratio, 4) +
                                            " times its mean, here " + format_significant(m.mean_ms * max_ratio, 4) +
                                            " ms. Lower the p99, or give the median and p99 instead.",
                      {"service.mean_ms", "service.kind", "service.fit"});
            }
        }
    }
    if (c.values("service.samples_ms", m.samples_ms, 0, kMaxMs, "latency samples (ms)") &&
        (m.kind == ServiceKind::Empirical || m.kind == ServiceKind::Trace)) {
        bool any_positive = false;
        for (double v : m.samples_ms) any_positive = any_positive || v > 0;
        if (!any_positive)
            c.add("service.samples_ms", std::string("The ") + key_of(m.kind) + " service model needs at least one latency sample above 0 ms.",
                  {"service.kind"});
    }
}

void check_batching(const Batching& b, Checks& c) {
    c.whole("batching.max_batch", b.max_batch, 1, 4096, "Maximum batch size");
    c.range("batching.max_delay_ms", b.max_delay_ms, from(0), up_to(kMaxMs), "Maximum wait to fill a batch", " ms");
    const bool fixed_ok = c.range("batching.fixed_ms", b.fixed_ms, from(0), up_to(kMaxMs), "Fixed time per batch", " ms");
    const bool item_ok = c.range("batching.per_item_ms", b.per_item_ms, from(0), up_to(kMaxMs), "Time per request in a batch", " ms");
    if (fixed_ok && item_ok && !(b.fixed_ms + b.per_item_ms > 0))
        c.add("batching.per_item_ms", "A batch must take some time: the fixed time and the time per request cannot both be 0 ms.",
              {"batching.fixed_ms"});
    c.range("batching.noise_cv", b.noise_cv, from(0), up_to(kMaxCv), "Coefficient of variation of the batch time", "", " (0 = none)");
}

void check_fleet(const Fleet& f, Checks& c) {
    c.whole("fleet.replicas", f.replicas, 1, kMaxReplicas, "Replicas");
    c.whole("fleet.concurrency", f.concurrency, 1, 1024, "Concurrency (slots per replica)");
    c.whole("fleet.queue_capacity", f.queue_capacity, 0, 10000000, "Queue capacity", " (0 = unbounded)");
    c.range("fleet.timeout_ms", f.timeout_ms, from(0), up_to(kMaxTimeoutMs), "Client timeout", " ms", " (0 = never)");
    c.range("fleet.cache_hit_rate", f.cache_hit_rate, from(0), below(1), "Cache hit rate");
    c.range("fleet.cache_latency_ms", f.cache_latency_ms, from(0), up_to(kMaxMs), "Cache latency", " ms");
}

void check_autoscaling(const Autoscaling& a, Checks& c) {
    if (a.metric == ScaleMetric::Utilization) {
        if (!(std::isfinite(a.target) && a.target > 0 && a.target <= 1))
            c.add("autoscaling.target", "Target utilization must be above 0 and at most 1.", {"autoscaling.metric"});
    } else {
        c.range("autoscaling.target", a.target, above(0), up_to(100000), "Target requests in flight per replica");
    }
    c.range("autoscaling.interval_s", a.interval_s, from(1), up_to(3600), "Autoscaler interval", " s");
    c.range("autoscaling.up_window_s", a.up_window_s, from(0), up_to(kDayS), "Scale-up stabilisation window", " s");
    c.range("autoscaling.down_window_s", a.down_window_s, from(0), up_to(kDayS), "Scale-down stabilisation window", " s");
    const bool min_ok = c.whole("autoscaling.min_replicas", a.min_replicas, 1, kMaxReplicas, "Minimum replicas");
    const bool max_ok = c.whole("autoscaling.max_replicas", a.max_replicas, 1, kMaxReplicas, "Maximum replicas");
    if (min_ok && max_ok && a.min_replicas > a.max_replicas)
        c.add("autoscaling.min_replicas", "Minimum replicas (" + format_grouped(a.min_replicas) + ") must be at most the maximum (" +
                                              format_grouped(a.max_replicas) + ").",
              {"autoscaling.max_replicas"});
    c.range("autoscaling.cold_start_s", a.cold_start_s, from(0), up_to(3600), "Cold start", " s");
}

void check_cost(const Cost& k, Checks& c) {
    c.name("cost.instance", k.instance, "Instance name");
    c.range("cost.price_per_hour", k.price_per_hour, from(0), up_to(1000), "Price per replica-hour (US$)");
    c.range("cost.spot_discount", k.spot_discount, from(0), below(1), "Spot discount");
}

void check_slo(const Slo& s, Checks& c) {
    c.range("slo.latency_ms", s.latency_ms, above(0), up_to(kMaxMs), "SLO latency", " ms");
    c.range("slo.percentile", s.percentile, above(0), below(100), "SLO percentile");
}

void check_llm(const LlmModel& m, Checks& c) {
    c.name("llm.model", m.model, "Model name");
    c.range("llm.params_b", m.params_b, above(0), up_to(10000), "Parameters (billions)");
    c.whole("llm.layers", m.layers, 1, 1000, "Layers");
    const bool hidden_ok = c.whole("llm.hidden", m.hidden, 1, 1000000, "Hidden size");
    const bool heads_ok = c.whole("llm.heads", m.heads, 1, 4096, "Attention heads");
    const bool kv_ok = c.whole("llm.kv_heads", m.kv_heads, 1, 4096, "KV heads");
    if (heads_ok && kv_ok && m.heads % m.kv_heads != 0)
        c.add("llm.kv_heads", "Attention heads (" + std::to_string(m.heads) + ") must be a multiple of the KV heads (" +
                                  std::to_string(m.kv_heads) + ").",
              {"llm.heads"});
    c.whole("llm.head_dim", m.head_dim, 0, 65536, "Head width (0 = hidden / heads)");
    c.range("llm.active_params_b", m.active_params_b, from(0), up_to(10000), "Active parameters (billions, 0 = all)");
    if (m.active_params_b > m.params_b)
        c.add("llm.active_params_b", "Active parameters cannot exceed the model's parameters.", {"llm.params_b"});
    if (hidden_ok && heads_ok && m.head_dim == 0 && m.hidden % m.heads != 0)
        c.add("llm.hidden", "Hidden size (" + std::to_string(m.hidden) + ") must be a multiple of the attention heads (" +
                                std::to_string(m.heads) + ").",
              {"llm.heads"});
    c.range("llm.bytes_per_param", m.bytes_per_param, above(0), up_to(8), "Bytes per parameter");
    c.range("llm.kv_bytes", m.kv_bytes, above(0), up_to(8), "Bytes per KV-cache element");
    c.name("llm.gpu", m.gpu, "GPU name");
    c.range("llm.gpu_tflops", m.gpu_tflops, above(0), up_to(100000), "GPU peak TFLOP/s");
    c.range("llm.gpu_bandwidth_gbs", m.gpu_bandwidth_gbs, above(0), up_to(1000000), "GPU memory bandwidth", " GB/s");
    c.range("llm.gpu_memory_gb", m.gpu_memory_gb, above(0), up_to(10000), "GPU memory", " GB");
    c.whole("llm.gpus_per_replica", m.gpus_per_replica, 1, 64, "GPUs per replica");
    c.range("llm.compute_efficiency", m.compute_efficiency, above(0), up_to(1), "Compute efficiency");
    c.range("llm.memory_efficiency", m.memory_efficiency, above(0), up_to(1), "Memory bandwidth efficiency");
    c.range("llm.memory_reserved", m.memory_reserved, from(0), below(1), "Reserved share of GPU memory");
    c.whole("llm.max_batch_seqs", m.max_batch_seqs, 1, 65536, "Sequences per batch");
    c.range("llm.prompt_tokens_mean", m.prompt_tokens_mean, from(1), up_to(1000000), "Mean prompt length", " tokens");
    c.range("llm.prompt_tokens_cv", m.prompt_tokens_cv, from(0), up_to(kMaxCv), "Coefficient of variation of the prompt length");
    c.range("llm.output_tokens_mean", m.output_tokens_mean, from(1), up_to(1000000), "Mean output length", " tokens");
    c.range("llm.output_tokens_cv", m.output_tokens_cv, from(0), up_to(kMaxCv), "Coefficient of variation of the output length");
}

void check_run(const RunSettings& r, Checks& c) {
    c.whole("run.requests", r.requests, 1, 50000000, "Requests to simulate");
    c.range("run.warmup_share", r.warmup_share, from(0), up_to(0.9), "Warm-up share");
    c.range("run.max_duration_s", r.max_duration_s, from(0), up_to(1e8), "Longest simulated time", " s", " (0 = no limit)");
    if (r.seed > kMaxSeed) c.add("run.seed", "Seed must be a whole number from 0 to " + format_grouped(static_cast<std::int64_t>(kMaxSeed)) + ".");
    c.whole("run.batches", r.batches, 2, 100, "Batches for the confidence intervals");
    c.whole("run.max_queue", r.max_queue, 1, 10000000, "Queue length that stops an unstable run");
}

Checks check_all(const Scenario& s) {
    Checks c;
    check_arrival(s.arrival, c);
    check_service(s.service, c);
    check_batching(s.batching, c);
    check_fleet(s.fleet, c);
    check_autoscaling(s.autoscaling, c);
    check_cost(s.cost, c);
    check_slo(s.slo, c);
    check_llm(s.llm, c);
    check_run(s.run, c);
    return c;
}

}  // namespace

std::vector<FieldError> validate(const Scenario& s) {
    std::vector<FieldError> out;
    for (auto& issue : check_all(s).issues) out.push_back({issue.field, std::move(issue.message)});
    return out;
}

std::vector<FieldError> validate_field(const Scenario& s, std::string_view key) {
    std::vector<FieldError> out;
    for (auto& issue : check_all(s).issues) {
        bool involved = key == issue.field;
        for (const char* other : issue.related) involved = involved || key == other;
        if (involved) out.push_back({std::string(key), std::move(issue.message)});
    }
    return out;
}

const char* key_of(ArrivalKind v) { return name_in(kArrivalKind, v); }
const char* key_of(ServiceKind v) { return name_in(kServiceKind, v); }
const char* key_of(LognormalFit v) { return name_in(kLognormalFit, v); }
const char* key_of(ScaleMetric v) { return name_in(kScaleMetric, v); }

bool parse_key(std::string_view t, ArrivalKind& out) { return value_in(kArrivalKind, t, out); }
bool parse_key(std::string_view t, ServiceKind& out) { return value_in(kServiceKind, t, out); }
bool parse_key(std::string_view t, LognormalFit& out) { return value_in(kLognormalFit, t, out); }
bool parse_key(std::string_view t, ScaleMetric& out) { return value_in(kScaleMetric, t, out); }

}  // namespace mlwb::serving
