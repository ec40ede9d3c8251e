#include "state/serving_state.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "serving/validate.hpp"
#include "state/json_fields.hpp"
#include "util/format.hpp"

namespace mlwb::state {

using namespace mlwb::serving;
using nlohmann::json;

namespace {

constexpr const char* kGroups[] = {"arrival", "service", "batching", "fleet", "autoscaling", "cost", "slo", "llm", "run"};
constexpr std::size_t kMaxTextBytes = 1024;  // longer text is not a name; validate() allows far less

// ---- writing --------------------------------------------------------------------------------

json to_json(const ArrivalModel& a) {
    return {{"kind", key_of(a.kind)},     {"rate_rps", a.rate_rps},
            {"cv", a.cv},                 {"on_mean_s", a.on_mean_s},
            {"off_mean_s", a.off_mean_s}, {"hourly_profile", a.hourly_profile},
            {"day_length_s", a.day_length_s}, {"start_hour", a.start_hour},
            {"replay_s", a.replay_s}};
}

json to_json(const ServiceModel& m) {
    return {{"kind", key_of(m.kind)}, {"mean_ms", m.mean_ms}, {"cv", m.cv},
            {"fit", key_of(m.fit)},   {"p50_ms", m.p50_ms},   {"p99_ms", m.p99_ms},
            {"samples_ms", m.samples_ms}};
}

json to_json(const Batching& b) {
    return {{"enabled", b.enabled},   {"max_batch", b.max_batch},     {"max_delay_ms", b.max_delay_ms},
            {"fixed_ms", b.fixed_ms}, {"per_item_ms", b.per_item_ms}, {"noise_cv", b.noise_cv}};
}

json to_json(const Fleet& f) {
    return {{"replicas", f.replicas},     {"concurrency", f.concurrency},       {"queue_capacity", f.queue_capacity},
            {"timeout_ms", f.timeout_ms}, {"cache_hit_rate", f.cache_hit_rate}, {"cache_latency_ms", f.cache_latency_ms}};
}

json to_json(const Autoscaling& a) {
    return {{"enabled", a.enabled},           {"metric", key_of(a.metric)},       {"target", a.target},
            {"interval_s", a.interval_s},     {"up_window_s", a.up_window_s},     {"down_window_s", a.down_window_s},
            {"min_replicas", a.min_replicas}, {"max_replicas", a.max_replicas},   {"cold_start_s", a.cold_start_s}};
}

json to_json(const Cost& c) {
    return {{"instance", c.instance}, {"price_per_hour", c.price_per_hour}, {"spot", c.spot}, {"spot_discount", c.spot_discount}};
}

json to_json(const Slo& s) { return {{"latency_ms", s.latency_ms}, {"percentile", s.percentile}}; }

json to_json(const LlmModel& m) {
    return {{"enabled", m.enabled},
            {"model", m.model},
            {"params_b", m.params_b},
            {"layers", m.layers},
            {"hidden", m.hidden},
            {"heads", m.heads},
            {"kv_heads", m.kv_heads},
            {"head_dim", m.head_dim},
            {"active_params_b", m.active_params_b},
            {"bytes_per_param", m.bytes_per_param},
            {"kv_bytes", m.kv_bytes},
            {"gpu", m.gpu},
            {"gpu_tflops", m.gpu_tflops},
            {"gpu_bandwidth_gbs", m.gpu_bandwidth_gbs},
            {"gpu_memory_gb", m.gpu_memory_gb},
            {"gpus_per_replica", m.gpus_per_replica},
            {"compute_efficiency", m.compute_efficiency},
            {"memory_efficiency", m.memory_efficiency},
            {"memory_reserved", m.memory_reserved},
            {"max_batch_seqs", m.max_batch_seqs},
            {"prompt_tokens_mean", m.prompt_tokens_mean},
            {"prompt_tokens_cv", m.prompt_tokens_cv},
            {"output_tokens_mean", m.output_tokens_mean},
            {"output_tokens_cv", m.output_tokens_cv}};
}

json to_json(const RunSettings& r) {
    return {{"requests", r.requests}, {"warmup_share", r.warmup_share}, {"max_duration_s", r.max_duration_s},
            {"seed", r.seed},         {"batches", r.batches},           {"max_queue", r.max_queue}};
}

// ---- reading --------------------------------------------------------------------------------

// JsonFieldReader for one group: notices name the field by its dotted path ("fleet.replicas"),
// and it also reads the 64-bit counts, the seed and the arrays. A missing field keeps its
// default silently; a field of the wrong type keeps its default with a notice.
class GroupReader {
public:
    GroupReader(const json& object, const char* group, std::vector<std::string>& notices)
        : object_(object), group_(group), notices_(notices) {}

    void number(const char* key, double& out) {
        const json* v = find(key);
        if (!v) return;
        if (v->is_number() && std::isfinite(v->get<double>())) { out = v->get<double>(); return; }
        wrong(key, "a number", *v);
    }

    void boolean(const char* key, bool& out) {
        const json* v = find(key);
        if (!v) return;
        if (v->is_boolean()) { out = v->get<bool>(); return; }
        wrong(key, "true or false", *v);
    }

    void integer(const char* key, int& out) {
        const json* v = find(key);
        if (!v) return;
        if (v->is_number()) {
            const double d = v->get<double>();
            if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 1e9) { out = static_cast<int>(d); return; }
        }
        wrong(key, "a whole number", *v);
    }

    void count(const char* key, long long& out) {
        const json* v = find(key);
        if (!v) return;
        if (v->is_number_unsigned()) {
            if (v->get<unsigned long long>() <= 9000000000000000000ULL) { out = static_cast<long long>(v->get<unsigned long long>()); return; }
        } else if (v->is_number_integer()) {
            out = v->get<long long>();
            return;
        } else if (v->is_number_float()) {
            const double d = v->get<double>();
            if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 9e15) { out = static_cast<long long>(d); return; }
        }
        wrong(key, "a whole number", *v);
    }

    void seed(const char* key, unsigned long long& out) {
        const json* v = find(key);
        if (!v) return;
        if (v->is_number_unsigned()) { out = v->get<unsigned long long>(); return; }
        if (v->is_number_integer() && v->get<long long>() >= 0) { out = static_cast<unsigned long long>(v->get<long long>()); return; }
        if (v->is_number_float()) {
            const double d = v->get<double>();
            if (d >= 0 && d <= 9007199254740992.0 && d == std::floor(d)) { out = static_cast<unsigned long long>(d); return; }
        }
        wrong(key, "a whole number from 0 to " + format_grouped(static_cast<std::int64_t>(kMaxSeed)), *v);
    }

    void text(const char* key, std::string& out) {
        const json* v = find(key);
        if (!v) return;
        if (v->is_string() && v->get_ref<const std::string&>().size() <= kMaxTextBytes) { out = v->get<std::string>(); return; }
        wrong(key, "a short text", *v);
    }

    // A string that serving::parse_key accepts; `allowed` lists the names for the notice.
    template <class E>
    void choice(const char* key, E& out, const char* allowed) {
        const json* v = find(key);
        if (!v) return;
        if (v->is_string() && parse_key(v->get_ref<const std::string&>(), out)) return;
        notices_.push_back("'" + path(key) + "' must be one of " + allowed + ", got " + quote_for_notice(*v) + "; kept the default.");
    }

    // A list of at most `max_count` numbers; a longer list or one non-number rejects it whole.
    void numbers(const char* key, std::vector<double>& out, std::size_t max_count) {
        const json* v = find(key);
        if (!v) return;
        std::vector<double> read;
        if (read_numbers(key, *v, max_count, read)) out = std::move(read);
    }

    template <std::size_t N>
    void fixed_numbers(const char* key, std::array<double, N>& out) {
        const json* v = find(key);
        if (!v) return;
        if (!v->is_array() || v->size() != N) {
            wrong(key, "a list of " + std::to_string(N) + " numbers", *v);
            return;
        }
        std::vector<double> read;
        if (!read_numbers(key, *v, N, read)) return;
        for (std::size_t i = 0; i < N; ++i) out[i] = read[i];
    }

    // Call once all fields were read: one notice naming the keys that were not recognised.
    void report_unknown_keys() {
        std::string unknown;
        int count = 0;
        for (auto it = object_.begin(); it != object_.end(); ++it) {
            if (seen_.count(it.key())) continue;
            if (++count <= 5) unknown += (unknown.empty() ? "" : ", ") + quote_for_notice(path(it.key().c_str()));
        }
        if (count > 5) unknown += " and " + std::to_string(count - 5) + " more";
        if (count > 0) notices_.push_back("Ignored unknown field" + std::string(count > 1 ? "s " : " ") + unknown + ".");
    }

private:
    const json* find(const char* key) {
        seen_.insert(key);
        auto it = object_.find(key);
        return it == object_.end() ? nullptr : &*it;
    }

    std::string path(const char* key) const { return std::string(group_) + "." + key; }

    void wrong(const char* key, const std::string& expected, const json& got) {
        // A huge array is described, not quoted: the notice only needs its shape.
        const std::string shown =
            got.is_array() ? "a list of " + format_grouped(static_cast<std::int64_t>(got.size())) + " values" : quote_for_notice(got);
        notices_.push_back("'" + path(key) + "' must be " + expected + ", got " + shown + "; kept the default.");
    }

    bool read_numbers(const char* key, const json& v, std::size_t max_count, std::vector<double>& out) {
        if (!v.is_array()) {
            wrong(key, "a list of numbers", v);
            return false;
        }
        if (v.size() > max_count) {
            notices_.push_back("'" + path(key) + "' holds " + format_grouped(static_cast<std::int64_t>(v.size())) +
                               " values, more than the " + format_grouped(static_cast<std::int64_t>(max_count)) +
                               " allowed; kept the default.");
            return false;
        }
        out.reserve(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) {
            const json& e = v[i];
            if (!e.is_number() || !std::isfinite(e.get<double>())) {
                notices_.push_back("'" + path(key) + "' must be a list of numbers, but value " + std::to_string(i + 1) + " is " +
                                   quote_for_notice(e) + "; kept the default.");
                return false;
            }
            out.push_back(e.get<double>());
        }
        return true;
    }

    const json& object_;
    const char* group_;
    std::vector<std::string>& notices_;
    std::set<std::string> seen_;
};

void read(GroupReader& r, ArrivalModel& a) {
    r.choice("kind", a.kind, "poisson, gamma, on-off, daily, replay");
    r.number("rate_rps", a.rate_rps);
    r.number("cv", a.cv);
    r.number("on_mean_s", a.on_mean_s);
    r.number("off_mean_s", a.off_mean_s);
    r.fixed_numbers("hourly_profile", a.hourly_profile);
    r.number("day_length_s", a.day_length_s);
    r.number("start_hour", a.start_hour);
    r.numbers("replay_s", a.replay_s, kMaxSamples);
}

void read(GroupReader& r, ServiceModel& m) {
    r.choice("kind", m.kind, "deterministic, exponential, lognormal, gamma, empirical, trace");
    r.number("mean_ms", m.mean_ms);
    r.number("cv", m.cv);
    r.choice("fit", m.fit, "mean-cv, p50-p99, mean-p99");
    r.number("p50_ms", m.p50_ms);
    r.number("p99_ms", m.p99_ms);
    r.numbers("samples_ms", m.samples_ms, kMaxSamples);
}

void read(GroupReader& r, Batching& b) {
    r.boolean("enabled", b.enabled);
    r.integer("max_batch", b.max_batch);
    r.number("max_delay_ms", b.max_delay_ms);
    r.number("fixed_ms", b.fixed_ms);
    r.number("per_item_ms", b.per_item_ms);
    r.number("noise_cv", b.noise_cv);
}

void read(GroupReader& r, Fleet& f) {
    r.integer("replicas", f.replicas);
    r.integer("concurrency", f.concurrency);
    r.integer("queue_capacity", f.queue_capacity);
    r.number("timeout_ms", f.timeout_ms);
    r.number("cache_hit_rate", f.cache_hit_rate);
    r.number("cache_latency_ms", f.cache_latency_ms);
}

void read(GroupReader& r, Autoscaling& a) {
    r.boolean("enabled", a.enabled);
    r.choice("metric", a.metric, "utilization, in-flight");
    r.number("target", a.target);
    r.number("interval_s", a.interval_s);
    r.number("up_window_s", a.up_window_s);
    r.number("down_window_s", a.down_window_s);
    r.integer("min_replicas", a.min_replicas);
    r.integer("max_replicas", a.max_replicas);
    r.number("cold_start_s", a.cold_start_s);
}

void read(GroupReader& r, Cost& c) {
    r.text("instance", c.instance);
    r.number("price_per_hour", c.price_per_hour);
    r.boolean("spot", c.spot);
    r.number("spot_discount", c.spot_discount);
}

void read(GroupReader& r, Slo& s) {
    r.number("latency_ms", s.latency_ms);
    r.number("percentile", s.percentile);
}

void read(GroupReader& r, LlmModel& m) {
    r.boolean("enabled", m.enabled);
    r.text("model", m.model);
    r.number("params_b", m.params_b);
    r.integer("layers", m.layers);
    r.integer("hidden", m.hidden);
    r.integer("heads", m.heads);
    r.integer("kv_heads", m.kv_heads);
    r.integer("head_dim", m.head_dim);
    r.number("active_params_b", m.active_params_b);
    r.number("bytes_per_param", m.bytes_per_param);
    r.number("kv_bytes", m.kv_bytes);
    r.text("gpu", m.gpu);
    r.number("gpu_tflops", m.gpu_tflops);
    r.number("gpu_bandwidth_gbs", m.gpu_bandwidth_gbs);
    r.number("gpu_memory_gb", m.gpu_memory_gb);
    r.integer("gpus_per_replica", m.gpus_per_replica);
    r.number("compute_efficiency", m.compute_efficiency);
    r.number("memory_efficiency", m.memory_efficiency);
    r.number("memory_reserved", m.memory_reserved);
    r.integer("max_batch_seqs", m.max_batch_seqs);
    r.number("prompt_tokens_mean", m.prompt_tokens_mean);
    r.number("prompt_tokens_cv", m.prompt_tokens_cv);
    r.number("output_tokens_mean", m.output_tokens_mean);
    r.number("output_tokens_cv", m.output_tokens_cv);
}

void read(GroupReader& r, RunSettings& s) {
    r.count("requests", s.requests);
    r.number("warmup_share", s.warmup_share);
    r.number("max_duration_s", s.max_duration_s);
    r.seed("seed", s.seed);
    r.integer("batches", s.batches);
    r.count("max_queue", s.max_queue);
}

template <class Group>
void read_group(const json& j, const char* name, Group& out, std::vector<std::string>& notices) {
    auto it = j.find(name);
    if (it == j.end()) return;
    if (!it->is_object()) {
        notices.push_back("'" + std::string(name) + "' must be an object of settings, got " +
                          (it->is_array() ? "a list" : quote_for_notice(*it)) + "; kept its defaults.");
        return;
    }
    GroupReader r(*it, name, notices);
    read(r, out);
    r.report_unknown_keys();
}

void read_scenario(const json& j, Scenario& s, std::vector<std::string>& notices) {
    read_group(j, "arrival", s.arrival, notices);
    read_group(j, "service", s.service, notices);
    read_group(j, "batching", s.batching, notices);
    read_group(j, "fleet", s.fleet, notices);
    read_group(j, "autoscaling", s.autoscaling, notices);
    read_group(j, "cost", s.cost, notices);
    read_group(j, "slo", s.slo, notices);
    read_group(j, "llm", s.llm, notices);
    read_group(j, "run", s.run, notices);

    std::string unknown;
    int count = 0;
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = it.key() == "v";
        for (const char* g : kGroups) known = known || it.key() == g;
        if (known) continue;
        if (++count <= 5) unknown += (unknown.empty() ? "" : ", ") + quote_for_notice(it.key());
    }
    if (count > 5) unknown += " and " + std::to_string(count - 5) + " more";
    if (count > 0) notices.push_back("Ignored unknown field" + std::string(count > 1 ? "s " : " ") + unknown + ".");
}

std::string group_of(const std::string& field) { return field.substr(0, field.find('.')); }

// Copies `defaults`' value at a dotted path ("fleet.replicas") into `state`.
void reset_field(json& state, const json& defaults, const std::string& field) {
    const std::string group = group_of(field);
    const std::string name = field.find('.') == std::string::npos ? std::string() : field.substr(field.find('.') + 1);
    auto g = defaults.find(group);
    if (g == defaults.end() || !state.contains(group)) return;
    auto v = g->find(name);
    if (v != g->end()) state[group][name] = *v;
}

}  // namespace

json serving_state_to_json(const Scenario& s) {
    return {{"v", kServingStateVersion},         {"arrival", to_json(s.arrival)}, {"service", to_json(s.service)},
            {"batching", to_json(s.batching)},   {"fleet", to_json(s.fleet)},     {"autoscaling", to_json(s.autoscaling)},
            {"cost", to_json(s.cost)},           {"slo", to_json(s.slo)},         {"llm", to_json(s.llm)},
            {"run", to_json(s.run)}};
}

json serving_state_without_defaults(const Scenario& s) {
    const json full = serving_state_to_json(s);
    const json defaults = serving_state_to_json(Scenario{});
    json out = {{"v", kServingStateVersion}};
    for (auto group = full.begin(); group != full.end(); ++group) {
        if (!group->is_object()) continue;  // "v"
        const auto default_group = defaults.find(group.key());
        json changed = json::object();
        for (auto field = group->begin(); field != group->end(); ++field) {
            const bool has_default = default_group != defaults.end() && default_group->contains(field.key());
            if (!has_default || (*default_group)[field.key()] != field.value()) changed[field.key()] = field.value();
        }
        if (!changed.empty()) out[group.key()] = std::move(changed);
    }
    return out;
}

Decoded<Scenario> serving_state_from_json(const json& j) {
    Decoded<Scenario> out;
    if (!j.is_object()) {
        out.notices.push_back("Serving simulator state is not a JSON object; using defaults.");
        return out;
    }
    if (auto v = j.find("v"); v != j.end()) {
        if (!v->is_number_integer() || v->get<long long>() < 1 || v->get<long long>() > kServingStateVersion) {
            out.notices.push_back("Serving simulator state has version " + quote_for_notice(*v) +
                                  ", which this version of the app does not know; using defaults.");
            return out;
        }
    }
    read_scenario(j, out.value, out.notices);

    // Values of the right type can still be out of range or not fit together: replace each
    // offending field by its default; a group that still does not fit together takes its
    // defaults entirely (no rule ties two groups, so that always ends in a valid scenario).
    const auto errors = validate(out.value);
    if (errors.empty()) return out;
    const json defaults = serving_state_to_json(Scenario{});
    json repaired = serving_state_to_json(out.value);
    for (const auto& e : errors) {
        out.notices.push_back("'" + e.field + "': " + e.message + " Kept the default.");
        reset_field(repaired, defaults, e.field);
    }
    std::vector<std::string> ignored;
    Scenario second;
    read_scenario(repaired, second, ignored);
    const auto remaining = validate(second);
    if (remaining.empty()) {
        out.value = std::move(second);
        return out;
    }
    std::set<std::string> groups;
    for (const auto& e : remaining) groups.insert(group_of(e.field));
    for (const auto& g : groups) {
        if (auto d = defaults.find(g); d != defaults.end()) repaired[g] = *d;
        out.notices.push_back("The remaining '" + g + "' settings do not fit together; using their defaults.");
    }
    Scenario third;
    read_scenario(repaired, third, ignored);
    if (validate(third).empty()) {
        out.value = std::move(third);
    } else {
        out.notices.push_back("The remaining Serving simulator settings do not fit together; using defaults.");
        out.value = Scenario{};
    }
    return out;
}

}  // namespace mlwb::state
