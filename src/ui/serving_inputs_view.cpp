// Grouped inputs of the Serving panel. Every number goes through a NumberField whose validator
// is the engine's own validate_field() on a copy of the scenario with the candidate value, and
// every choice (combo, checkbox, catalog entry, pasted list) is tried on a copy the same way,
// so a value that the simulator or the formulas would refuse never reaches the state: its
// message shows beside the widget and the state keeps the last good value.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "fonts.hpp"
#include "imgui.h"
#include "plot.hpp"
#include "serving/catalog.hpp"
#include "serving/llm.hpp"
#include "serving/presets.hpp"
#include "serving/validate.hpp"
#include "serving_views.hpp"
#include "state/serving_state.hpp"
#include "theme.hpp"
#include "util/format.hpp"
#include "util/parse.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

using namespace serving;

namespace {

// What the helpers below edit: the panel's widgets and the scenario in the state.
struct Form {
    ServingPanel& panel;
    Scenario& in;
};

// A candidate for an integer field as that integer type. Values beyond the type's range are
// clamped (validate then names the allowed range); `exact` says whether nothing was lost.
template <class T>
T to_integer(double candidate, bool& exact) {
    // 2^53 - 1: at or above every limit the engine allows (the seed's), and exact in a double.
    const double hi = 9007199254740991.0;
    const double lo = std::is_signed_v<T> ? -hi : 0.0;
    const double hi_t = static_cast<double>(std::numeric_limits<T>::max());
    const double clamped = std::clamp(candidate, lo, std::min(hi, hi_t));
    exact = clamped == candidate;
    return static_cast<T>(clamped);
}

// One numeric input bound to a member of the scenario through `field` (a captureless lambda
// returning a reference to it; integer members are checked to be whole). One instantiation
// per member type, not per field, keeps the wasm small.
template <class T>
bool number_of(Form& f, const char* label, const char* key, T& (*field)(Scenario&), const char* help) {
    NumberField& box = f.panel.fields[key];
    double value = static_cast<double>(field(f.in));
    Scenario& in = f.in;
    const NumberValidator validate = [&in, field, key](double candidate) -> std::string {
        Scenario trial = in;
        if constexpr (std::is_integral_v<T>) {
            if (candidate != std::floor(candidate)) return "Must be a whole number.";
            if (!std::is_signed_v<T> && candidate < 0) return "Must be 0 or more.";
            bool exact = true;
            field(trial) = to_integer<T>(candidate, exact);
            std::string message = message_for_field(validate_field(trial, key), key);
            if (message.empty() && !exact) message = "Too large.";
            return message;
        } else {
            field(trial) = candidate;
            return message_for_field(validate_field(trial, key), key);
        }
    };
    if (!draw_number_field(label, key, box, value, validate, help)) return false;
    if constexpr (std::is_integral_v<T>) {
        bool exact = true;
        field(in) = to_integer<T>(value, exact);
    } else {
        field(in) = value;
    }
    return true;
}

bool number(Form& f, const char* label, const char* key, double& (*field)(Scenario&), const char* help) {
    return number_of(f, label, key, field, help);
}
bool number(Form& f, const char* label, const char* key, int& (*field)(Scenario&), const char* help) {
    return number_of(f, label, key, field, help);
}
bool number(Form& f, const char* label, const char* key, long long& (*field)(Scenario&), const char* help) {
    return number_of(f, label, key, field, help);
}
bool number(Form& f, const char* label, const char* key, unsigned long long& (*field)(Scenario&), const char* help) {
    return number_of(f, label, key, field, help);
}

#define MLWB_FIELD(member) [](Scenario& s) -> auto& { return s.member; }

// The message of a refused choice, in the error colour, beside the widget just drawn.
void choice_message(Form& f, const char* key) {
    const auto it = f.panel.choice_errors.find(key);
    if (it == f.panel.choice_errors.end() || it->second.empty()) return;
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(it->second.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

// Applies `trial` to the state when validate_field accepts it for `key`; otherwise records the
// message beside that widget. True when the state changed.
bool commit_choice(Form& f, const char* key, const Scenario& trial) {
    std::vector<FieldError> errors = validate_field(trial, key);
    if (!errors.empty()) {
        f.panel.choice_errors[key] = errors.front().message;
        return false;
    }
    f.panel.choice_errors.erase(std::string(key));
    f.in = trial;
    return true;
}

// The first problem of `after` that `before` did not have (a change touching several fields:
// a catalog entry, a preset), or "".
std::string new_problem(const Scenario& before, const Scenario& after) {
    const std::vector<FieldError> had = validate(before);
    for (const FieldError& e : validate(after)) {
        const bool old = std::any_of(had.begin(), had.end(), [&](const FieldError& h) { return h.field == e.field && h.message == e.message; });
        if (!old) return e.message;
    }
    return {};
}

bool commit_group(Form& f, const char* key, const Scenario& trial) {
    if (std::string message = new_problem(f.in, trial); !message.empty()) {
        f.panel.choice_errors[key] = std::move(message);
        return false;
    }
    f.panel.choice_errors.erase(std::string(key));
    f.in = trial;
    return true;
}

template <class E>
struct Option {
    E value;
    const char* name;
    const char* help;  // tooltip while the option is hovered in the list
};

// The list of a choice: picking an option commits it through validate_field like typed text.
template <class E, std::size_t N, class Access>
bool option_combo(Form& f, const char* key, const char* current_label, E current, Access access, const Option<E> (&options)[N],
                  const char* help) {
    bool changed = false;
    if (ImGui::BeginCombo("##combo", current_label)) {
        for (const auto& o : options) {
            if (ImGui::Selectable(o.name, o.value == current) && o.value != current) {
                Scenario trial = f.in;
                access(trial) = o.value;
                changed = commit_choice(f, key, trial);
            }
            if (o.help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", o.help);
        }
        ImGui::EndCombo();
    }
    if (help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
    choice_message(f, key);
    ImGui::PopID();
    return changed;
}

template <class E, std::size_t N, class Access>
bool choice(Form& f, const char* label, const char* key, Access access, const Option<E> (&options)[N], const char* help) {
    ImGui::PushID(key);
    field_label(label, help);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    const E current = access(f.in);
    const char* current_name = options[0].name;
    for (const auto& o : options)
        if (o.value == current) current_name = o.name;
    return option_combo(f, key, current_name, current, access, options, help);
}

template <class Access>
bool toggle(Form& f, const char* label, const char* key, const char* text, Access access, const char* help) {
    ImGui::PushID(key);
    field_label(label, help);
    bool value = access(f.in);
    bool changed = false;
    if (ImGui::Checkbox(text, &value)) {
        Scenario trial = f.in;
        access(trial) = value;
        changed = commit_choice(f, key, trial);
    }
    if (help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
    choice_message(f, key);
    ImGui::PopID();
    return changed;
}

// A collapsing group; the label may carry a state ("Batching: off") after "###id".
bool group(const char* label, bool open_by_default) {
    ImGui::Spacing();
    ImGui::PushFont(fonts().bold);
    const bool open = ImGui::CollapsingHeader(label, open_by_default ? ImGuiTreeNodeFlags_DefaultOpen : 0);
    ImGui::PopFont();
    return open;
}

// Numbers from pasted text: separated by spaces, commas, semicolons or new lines. A first line
// that holds no number is taken as a CSV header and skipped. "" when all parsed, else why not.
std::string parse_list(const std::string& text, std::vector<double>& out) {
    out.clear();
    std::size_t line = 1;
    bool line_has_number = false;
    std::string token;
    std::string bad;
    std::size_t bad_line = 0;
    auto flush = [&] {
        if (token.empty()) return;
        double v = 0;
        if (parse_user_number(token.c_str(), v)) {
            out.push_back(v);
            line_has_number = true;
        } else if (bad.empty()) {
            bad = token;
            bad_line = line;
        }
        token.clear();
    };
    for (char c : text) {
        if (c == '\n' || c == '\r') {
            flush();
            // A header: the first line, with no number in it.
            if (line == 1 && !line_has_number && !bad.empty() && bad_line == 1) bad.clear();
            if (c == '\n') ++line, line_has_number = false;
        } else if (c == ' ' || c == '\t' || c == ',' || c == ';') {
            flush();
        } else {
            token += c;
        }
    }
    flush();
    if (!bad.empty()) {
        if (bad.size() > 24) bad = bad.substr(0, 24) + "\xE2\x80\xA6";
        return "Line " + std::to_string(bad_line) + ": '" + bad + "' is not a number.";
    }
    if (out.empty()) return "No numbers found.";
    return {};
}

// A text area for a list of numbers with an Apply button; the list goes into the state only
// when it parses and validate_field accepts it for `key`.
template <class Access>
bool list_input(Form& f, const char* key, std::string& text, std::string& error, Access access, const char* hint,
                const char* unit) {
    ImGui::PushID(key);
    const auto& values = access(f.in);
    if (values.empty()) {
        muted_text(std::string("No values yet: paste them below (") + hint + ").");
    } else {
        double sum = 0, lo = values.front(), hi = values.front();
        for (double v : values) sum += v, lo = std::min(lo, v), hi = std::max(hi, v);
        muted_text(format_grouped(static_cast<std::int64_t>(values.size())) + " values in use, from " + serving_number(lo, 4) +
                   " to " + serving_number(hi, 4) + " " + unit + ", mean " +
                   serving_number(sum / static_cast<double>(values.size()), 4) + ".");
    }
    input_string_multiline("##list", text, ImVec2(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize(), ImGui::GetFontSize() * 4.5f));
    bool changed = false;
    if (ImGui::SmallButton("Apply")) {
        std::vector<double> parsed;
        error = parse_list(text, parsed);
        if (error.empty()) {
            Scenario trial = f.in;
            access(trial) = std::move(parsed);
            std::vector<FieldError> errors = validate_field(trial, key);
            if (errors.empty()) {
                f.in = std::move(trial);
                changed = true;
            } else {
                error = errors.front().message;
            }
        }
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Use these values (the state keeps the previous list until they are valid).");
    if (!error.empty()) error_text(error);
    ImGui::PopID();
    return changed;
}

// ---- presets, export ---------------------------------------------------------------------

// After the whole scenario is replaced, refused edits no longer apply.
void forget_refused(ServingPanel& panel) {
    panel.choice_errors.clear();
    panel.profile_error.clear();
    panel.samples_error.clear();
    panel.replay_error.clear();
}

bool draw_presets(Form& f) {
    bool changed = false;
    const auto& presets = serving_presets();
    const int count = static_cast<int>(std::size(presets));
    field_label("Start from", "Worked examples, each with its story; any edit afterwards is yours.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    const bool shown = f.panel.preset >= 0 && f.panel.preset < count;
    const char* current = shown ? presets[static_cast<std::size_t>(f.panel.preset)].title : "a preset\xE2\x80\xA6";
    if (ImGui::BeginCombo("##preset", current)) {
        for (int i = 0; i < count; ++i) {
            const auto& p = presets[static_cast<std::size_t>(i)];
            if (ImGui::Selectable(p.title, i == f.panel.preset)) {
                f.in = p.scenario;
                f.panel.preset = i;
                forget_refused(f.panel);
                changed = true;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.story);
        }
        ImGui::EndCombo();
    }
    if (shown) muted_text(presets[static_cast<std::size_t>(f.panel.preset)].story);
    return changed;
}

bool draw_export_reset(Form& f) {
    ImGui::NewLine();
    ImGui::SameLine(field_column());
    if (ImGui::SmallButton("Copy scenario JSON"))
        ImGui::SetClipboardText(state::serving_state_to_json(f.in).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Every input as JSON, for a ticket, a notebook or `mlwb serve --scenario FILE`.");
    ImGui::SameLine();
    bool changed = false;
    if (ImGui::SmallButton("Reset to defaults")) {
        f.in = Scenario{};
        f.panel.preset = -1;
        forget_refused(f.panel);
        changed = true;
    }
    return changed;
}

// ---- workload ----------------------------------------------------------------------------

constexpr Option<ArrivalKind> kArrivalKinds[] = {
    {ArrivalKind::Poisson, "Poisson", "Independent users: exponential times between requests. The usual baseline."},
    {ArrivalKind::Gamma, "bursty (gamma)", "A renewal process whose inter-arrival CV you set: above 1 is burstier than Poisson, below 1 smoother."},
    {ArrivalKind::OnOff, "on/off bursts", "Bursts of Poisson traffic separated by silences: batch jobs, retries, cron fan-out."},
    {ArrivalKind::Daily, "daily profile", "The rate follows a 24-hour curve (peak and trough), compressed to a day length you choose."},
    {ArrivalKind::Replay, "replay timestamps", "Arrival times from your own logs, pasted below."},
};

void draw_profile_plot(const ArrivalModel& a) {
    double hours[25], values[25];
    double mean = 0;
    for (double v : a.hourly_profile) mean += v / 24;
    for (int h = 0; h < 24; ++h) {
        hours[h] = h + 0.5;
        values[h] = mean > 0 ? a.hourly_profile[static_cast<std::size_t>(h)] / mean : 0;
    }
    double peak = 0;
    for (int h = 0; h < 24; ++h) peak = std::max(peak, values[h]);
    plot::AxisSpec x{"hour of day", 0, 24, false, plot::TickFormat::Auto};
    plot::AxisSpec y{"\xC3\x97 mean rate", 0, peak > 0 ? peak * 1.1 : 1, false, plot::TickFormat::Auto};
    if (plot::begin_plot("daily_profile", ImVec2(0, ImGui::GetFontSize() * 8.0f), x, y, {.legend = plot::Legend::Hidden})) {
        plot::line("rate", hours, values, 24, plot::with_alpha(palette().accent));
        plot::hline(1, plot::with_alpha(palette().muted), "mean", true);
        plot::end_plot();
    }
}

std::string profile_to_text(const ArrivalModel& a) {
    std::string s;
    for (std::size_t h = 0; h < a.hourly_profile.size(); ++h) s += (h ? ", " : "") + format_shortest(a.hourly_profile[h]);
    return s;
}

bool draw_workload(Form& f) {
    ArrivalModel& a = f.in.arrival;
    bool changed = choice(f, "Arrivals", "arrival.kind", MLWB_FIELD(arrival.kind), kArrivalKinds,
                          "How requests arrive in time. Burstier traffic needs more headroom for the same mean rate.");
    if (a.kind != ArrivalKind::Replay)
        changed |= number(f, "Rate (req/s)", "arrival.rate_rps", MLWB_FIELD(arrival.rate_rps),
                          "Long-run average requests per second offered to the fleet (before the cache).");
    switch (a.kind) {
        case ArrivalKind::Poisson: break;
        case ArrivalKind::Gamma:
            changed |= number(f, "Inter-arrival CV", "arrival.cv", MLWB_FIELD(arrival.cv),
                              "Coefficient of variation of the time between requests: 1 = Poisson, 2-4 = bursty clients or "
                              "retry storms, below 1 = paced (e.g. a load generator).");
            break;
        case ArrivalKind::OnOff:
            changed |= number(f, "Burst (s)", "arrival.on_mean_s", MLWB_FIELD(arrival.on_mean_s),
                              "Mean seconds a burst lasts. Inside a burst the rate is mean rate \xC3\x97 (on + off) / on.");
            changed |= number(f, "Silence (s)", "arrival.off_mean_s", MLWB_FIELD(arrival.off_mean_s),
                              "Mean seconds between bursts, with no traffic.");
            if (a.on_mean_s > 0)
                muted_text("Inside a burst: " + serving_number(a.rate_rps * (a.on_mean_s + a.off_mean_s) / a.on_mean_s, 4) +
                           " requests per second.");
            break;
        case ArrivalKind::Daily:
            changed |= number(f, "Day length (s)", "arrival.day_length_s", MLWB_FIELD(arrival.day_length_s),
                              "Seconds one simulated day takes: 86400 for real time, less to see a whole day in a short run "
                              "(autoscaling then reacts relatively slower).");
            changed |= number(f, "Start hour", "arrival.start_hour", MLWB_FIELD(arrival.start_hour),
                              "Hour of the day (0-24) the simulation starts at.");
            draw_profile_plot(a);
            ImGui::PushID("profile");
            // The text follows the state when it changed elsewhere (a preset, a link), unless it
            // holds a refused edit the user is fixing.
            if (f.panel.profile_text.empty() || (f.panel.profile_text_for != a.hourly_profile && f.panel.profile_error.empty())) {
                f.panel.profile_text = profile_to_text(a);
                f.panel.profile_text_for = a.hourly_profile;
            }
            field_label("Hourly profile", "24 relative rates, one per hour from midnight; scaled so their mean is 1.");
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize());
            input_string("##profile", f.panel.profile_text);
            ImGui::NewLine();
            ImGui::SameLine(field_column());
            if (ImGui::SmallButton("Apply profile")) {
                std::vector<double> parsed;
                f.panel.profile_error = parse_list(f.panel.profile_text, parsed);
                if (f.panel.profile_error.empty() && parsed.size() != 24)
                    f.panel.profile_error = "Give 24 values, one per hour (got " + std::to_string(parsed.size()) + ").";
                if (f.panel.profile_error.empty()) {
                    Scenario trial = f.in;
                    std::copy(parsed.begin(), parsed.end(), trial.arrival.hourly_profile.begin());
                    const auto errors = validate_field(trial, "arrival.hourly_profile");
                    if (errors.empty()) {
                        f.in = trial;
                        changed = true;
                    } else {
                        f.panel.profile_error = errors.front().message;
                    }
                }
            }
            ImGui::SameLine();
            if (ImGui::SmallButton("Show current")) {
                f.panel.profile_text = profile_to_text(a);
                f.panel.profile_text_for = a.hourly_profile;
                f.panel.profile_error.clear();
            }
            if (!f.panel.profile_error.empty()) error_text(f.panel.profile_error);
            ImGui::PopID();
            break;
        case ArrivalKind::Replay:
            changed |= list_input(f, "arrival.replay_s", f.panel.replay_text, f.panel.replay_error, MLWB_FIELD(arrival.replay_s),
                                  "arrival times in seconds, any order and origin, e.g. a CSV column", "s");
            break;
    }
    return changed;
}

// ---- service -----------------------------------------------------------------------------

constexpr Option<ServiceKind> kServiceKinds[] = {
    {ServiceKind::Deterministic, "fixed", "Every request takes the mean: the best case, no variance at all."},
    {ServiceKind::Exponential, "exponential", "Memoryless (CV 1): the M/M/c textbook case."},
    {ServiceKind::Lognormal, "lognormal", "The usual shape of measured latencies: a long right tail."},
    {ServiceKind::Gamma, "gamma", "Mean and CV; a lighter tail than the lognormal of the same CV."},
    {ServiceKind::Empirical, "empirical sample", "Draws uniformly from latencies you paste (e.g. a load test's log)."},
    {ServiceKind::Trace, "trace (in order)", "Uses pasted latencies one after another, for cross-checks with other simulators."},
};
constexpr Option<LognormalFit> kLognormalFits[] = {
    {LognormalFit::MeanP99, "mean and p99", "What dashboards usually show: the average and the 99th percentile."},
    {LognormalFit::P50P99, "median and p99", "From a load test's percentile report."},
    {LognormalFit::MeanCv, "mean and CV", "Mean and coefficient of variation (standard deviation / mean)."},
};

bool draw_service(Form& f) {
    const ServiceModel& m = f.in.service;
    bool changed = choice(f, "Distribution", "service.kind", MLWB_FIELD(service.kind), kServiceKinds,
                          "Time one request occupies a slot, without queueing. Its variability, not only its mean, sets the "
                          "tail latency.");
    const bool lognormal = m.kind == ServiceKind::Lognormal;
    if (lognormal)
        changed |= choice(f, "Given as", "service.fit", MLWB_FIELD(service.fit), kLognormalFits,
                          "Which two figures pin the lognormal down; the others follow from them.");
    const bool uses_mean = m.kind == ServiceKind::Deterministic || m.kind == ServiceKind::Exponential || m.kind == ServiceKind::Gamma ||
                           (lognormal && m.fit != LognormalFit::P50P99);
    if (uses_mean)
        changed |= number(f, "Mean (ms)", "service.mean_ms", MLWB_FIELD(service.mean_ms), "Average service time of one request, ms.");
    if (m.kind == ServiceKind::Gamma || (lognormal && m.fit == LognormalFit::MeanCv))
        changed |= number(f, "CV", "service.cv", MLWB_FIELD(service.cv),
                          "Standard deviation / mean of the service time: 0.3 steady, 1 exponential-like, 2+ heavy-tailed.");
    if (lognormal && m.fit == LognormalFit::P50P99)
        changed |= number(f, "Median (ms)", "service.p50_ms", MLWB_FIELD(service.p50_ms), "50th percentile of the service time, ms.");
    if (lognormal && m.fit != LognormalFit::MeanCv)
        changed |= number(f, "p99 (ms)", "service.p99_ms", MLWB_FIELD(service.p99_ms),
                          "99th percentile of the service time alone (not end-to-end latency), ms.");
    if (m.kind == ServiceKind::Empirical || m.kind == ServiceKind::Trace)
        changed |= list_input(f, "service.samples_ms", f.panel.samples_text, f.panel.samples_error, MLWB_FIELD(service.samples_ms),
                              "latencies in ms, one per line or comma-separated", "ms");
    return changed;
}

bool draw_batching(Form& f) {
    bool changed = toggle(f, "Dynamic batching", "batching.enabled", "on##batching", MLWB_FIELD(batching.enabled),
                          "Like Triton's dynamic batcher: a free slot takes up to the maximum batch of waiting requests and "
                          "runs them together. Replaces the service distribution above.");
    if (!f.in.batching.enabled) return changed;
    changed |= number(f, "Max batch", "batching.max_batch", MLWB_FIELD(batching.max_batch), "Requests one batch may hold.");
    changed |= number(f, "Max delay (ms)", "batching.max_delay_ms", MLWB_FIELD(batching.max_delay_ms),
                      "How long the oldest waiting request may be held to fill a batch, ms. Trades latency for throughput.");
    changed |= number(f, "Fixed (ms)", "batching.fixed_ms", MLWB_FIELD(batching.fixed_ms),
                      "Time every batch costs whatever its size (kernel launch, weight reads), ms.");
    changed |= number(f, "Per request (ms)", "batching.per_item_ms", MLWB_FIELD(batching.per_item_ms),
                      "Extra time each request adds to its batch, ms.");
    changed |= number(f, "Noise CV", "batching.noise_cv", MLWB_FIELD(batching.noise_cv),
                      "Variability of a batch's time (lognormal, mean 1); 0 = exactly fixed + per request \xC3\x97 size.");
    const Batching& b = f.in.batching;
    const double full = b.fixed_ms + b.per_item_ms * b.max_batch;
    if (full > 0)
        muted_text("A full batch takes " + serving_number(full, 4) + " ms: at most " +
                   serving_number(b.max_batch / full * 1000, 4) + " requests per second per slot.");
    return changed;
}

// ---- LLM ---------------------------------------------------------------------------------

constexpr Option<double> kPrecisions[] = {
    {2.0, "fp16 / bf16", "2 bytes per weight: the unquantised model."},
    {1.0, "int8 / fp8", "1 byte per weight: half the memory and half the bytes read per decode step."},
    {0.5, "int4", "Half a byte per weight (GPTQ, AWQ): a quarter of fp16's memory traffic."},
};
constexpr Option<double> kKvPrecisions[] = {
    {2.0, "fp16", "2 bytes per cached key or value element."},
    {1.0, "fp8 / int8", "1 byte per element: twice the sequences in the same memory."},
};

// A combo of the usual precisions; a value typed elsewhere (a link) shows as custom.
template <std::size_t N, class Access>
bool precision_combo(Form& f, const char* label, const char* key, Access access, const Option<double> (&options)[N], const char* help) {
    ImGui::PushID(key);
    field_label(label, help);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    const double value = access(f.in);
    std::string current = format_shortest(value) + " bytes (custom)";
    for (const auto& o : options)
        if (o.value == value) current = o.name;
    return option_combo(f, key, current.c_str(), value, access, options, help);
}

std::string sourced(const std::string& note, const std::string& source, const std::string& as_of) {
    std::string s = note;
    if (!source.empty()) s += (s.empty() ? "" : "\n") + std::string("Source: ") + source;
    if (!as_of.empty()) s += (s.empty() ? "" : "\n") + std::string("As of ") + as_of;
    return s;
}

bool draw_model_combo(Form& f) {
    const Catalog& catalog = shipped_catalog();
    LlmModel& m = f.in.llm;
    ImGui::PushID("llm.model");
    field_label("Model", "An open model whose shape (parameters, layers, heads) comes from the catalog; edit the shape below "
                         "for another model.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    const bool known = find_model(catalog, m.model) != nullptr;
    const std::string current = known ? m.model : m.model + " (custom)";
    bool changed = false;
    if (ImGui::BeginCombo("##combo", current.c_str())) {
        for (const ModelPreset& p : catalog.models) {
            const std::string name = p.name + "  (" + serving_number(p.params_b, 3) + "B)";
            if (ImGui::Selectable(name.c_str(), p.name == m.model)) {
                Scenario trial = f.in;
                apply_model_preset(trial.llm, p);
                changed = commit_group(f, "llm.model", trial);
            }
            if (ImGui::IsItemHovered()) {
                const std::string tip = sourced(p.note, p.source, p.as_of);
                if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
            }
        }
        ImGui::EndCombo();
    }
    choice_message(f, "llm.model");
    ImGui::PopID();
    return changed;
}

bool draw_gpu_combo(Form& f) {
    const Catalog& catalog = shipped_catalog();
    LlmModel& m = f.in.llm;
    ImGui::PushID("llm.gpu");
    field_label("GPU", "The accelerator's datasheet peaks (dense FP16 TFLOP/s, memory bandwidth and size) from the catalog.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    const bool known = find_gpu(catalog, m.gpu) != nullptr;
    const std::string current = known ? m.gpu : m.gpu + " (custom)";
    bool changed = false;
    if (ImGui::BeginCombo("##combo", current.c_str())) {
        for (const GpuType& g : catalog.gpus) {
            const std::string name = g.name + "  (" + serving_number(g.memory_gb, 3) + " GB)";
            if (ImGui::Selectable(name.c_str(), g.name == m.gpu)) {
                Scenario trial = f.in;
                apply_gpu(trial.llm, g);
                changed = commit_group(f, "llm.gpu", trial);
            }
            if (ImGui::IsItemHovered()) {
                const std::string tip = serving_number(g.tflops, 4) + " TFLOP/s, " + serving_number(g.bandwidth_gbs, 4) +
                                        " GB/s\n" + sourced(g.note, g.source, g.as_of);
                ImGui::SetTooltip("%s", tip.c_str());
            }
        }
        ImGui::EndCombo();
    }
    choice_message(f, "llm.gpu");
    ImGui::PopID();
    return changed;
}

const char* bound_name(Bound b) { return b == Bound::Compute ? "compute-bound" : "memory-bound"; }

std::string ms_text(double ms) { return serving_ms_text(ms); }

std::string count_text(double v) {
    if (!std::isfinite(v)) return "\xE2\x88\x9E";
    if (v >= 1e9) return serving_number(v / 1e9, 3) + "B";
    if (v >= 1e6) return serving_number(v / 1e6, 3) + "M";
    if (v >= 1e4) return serving_number(v / 1e3, 3) + "k";
    return format_grouped(std::llround(v));
}

// The roofline's answer for one replica, shown under the LLM inputs as they change.
void draw_roofline(const LlmModel& m) {
    const LlmEstimate e = estimate(m);
    begin_card();
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("Roofline estimate, one replica");
    ImGui::PopFont();
    const double usable_gb = usable_memory_bytes(m) / 1e9;
    ImGui::Text("Weights %s GB of %s GB usable", serving_number(e.weights_gb, 3).c_str(), serving_number(usable_gb, 3).c_str());
    if (!e.fits) {
        error_text("The weights do not fit in " + std::to_string(m.gpus_per_replica) + " \xC3\x97 " + serving_number(m.gpu_memory_gb, 3) +
                   " GB: use more GPUs per replica, a lower precision or a larger GPU.");
        end_card();
        return;
    }
    ImGui::Text("KV cache: %s tokens (%s kB per token)", count_text(e.kv_capacity_tokens).c_str(),
                serving_number(e.kv_bytes_per_token / 1e3, 3).c_str());
    ImGui::Text("Sequences in memory at the mean length: %s", format_grouped(e.max_sequences).c_str());
    if (e.max_sequences == 0) error_text("Not even one sequence of the mean length fits beside the weights.");
    ImGui::Text("Lone request: TTFT %s (%s), TPOT %s (%s)", ms_text(e.ttft_ms).c_str(), bound_name(e.prefill_bound),
                ms_text(e.tpot_ms).c_str(), bound_name(e.decode_bound));
    if (e.batch > 0) {
        ImGui::Text("At batch %d: %s per step, %s", e.batch, ms_text(e.batch_step_ms).c_str(), bound_name(e.batch_bound));
        ImGui::Text("%s output tokens/s = %s requests/s per replica", serving_number(e.tokens_per_s, 4).c_str(),
                    serving_number(e.requests_per_s, 4).c_str());
    }
    muted_text(std::isfinite(e.ridge_batch)
                   ? "Steps turn compute-bound beyond about " + serving_number(e.ridge_batch, 3) +
                         " sequences; below that, more sequences per step come almost free."
                   : "Reading the KV cache keeps every step memory-bound at any batch.");
    const char* limit = e.max_sequences < m.max_batch_seqs ? "KV memory" : "the max batch setting";
    muted_text(std::string("The batch is limited by ") + limit + ".");
    end_card();
}

bool draw_llm(Form& f) {
    LlmModel& m = f.in.llm;
    bool changed = draw_model_combo(f);
    changed |= precision_combo(f, "Weights", "llm.bytes_per_param", MLWB_FIELD(llm.bytes_per_param), kPrecisions,
                               "Precision of the weights: memory needed and bytes read per decode step scale with it.");
    changed |= precision_combo(f, "KV cache", "llm.kv_bytes", MLWB_FIELD(llm.kv_bytes), kKvPrecisions,
                               "Precision of the cached keys and values: sets how many tokens fit beside the weights.");
    ImGui::NewLine();
    ImGui::SameLine(field_column());
    ImGui::SetNextItemOpen(false, ImGuiCond_Once);
    if (ImGui::TreeNode("Model shape")) {
        bool shape = number(f, "Parameters (B)", "llm.params_b", MLWB_FIELD(llm.params_b), "Total parameters, billions.");
        shape |= number(f, "Layers", "llm.layers", MLWB_FIELD(llm.layers), "Transformer blocks.");
        shape |= number(f, "Hidden size", "llm.hidden", MLWB_FIELD(llm.hidden), "Model width (d_model).");
        shape |= number(f, "Heads", "llm.heads", MLWB_FIELD(llm.heads), "Attention (query) heads.");
        shape |= number(f, "KV heads", "llm.kv_heads", MLWB_FIELD(llm.kv_heads),
                        "Key/value heads: fewer than heads with grouped-query attention, which shrinks the KV cache.");
        if (shape && find_model(shipped_catalog(), m.model)) m.model = "custom";
        changed |= shape;
        ImGui::TreePop();
    }
    changed |= draw_gpu_combo(f);
    ImGui::NewLine();
    ImGui::SameLine(field_column());
    ImGui::SetNextItemOpen(false, ImGuiCond_Once);
    if (ImGui::TreeNode("GPU specs")) {
        bool specs = number(f, "Peak TFLOP/s", "llm.gpu_tflops", MLWB_FIELD(llm.gpu_tflops), "Dense FP16/BF16 tensor peak, no sparsity.");
        specs |= number(f, "Bandwidth (GB/s)", "llm.gpu_bandwidth_gbs", MLWB_FIELD(llm.gpu_bandwidth_gbs), "Peak memory bandwidth.");
        specs |= number(f, "Memory (GB)", "llm.gpu_memory_gb", MLWB_FIELD(llm.gpu_memory_gb), "Memory per GPU.");
        if (specs && find_gpu(shipped_catalog(), m.gpu)) m.gpu = "custom";
        changed |= specs;
        ImGui::TreePop();
    }
    changed |= number(f, "GPUs per replica", "llm.gpus_per_replica", MLWB_FIELD(llm.gpus_per_replica),
                      "Tensor parallel degree: memory and peaks add up (communication is not modelled). Price the replica "
                      "accordingly in Cost.");
    changed |= number(f, "Compute efficiency", "llm.compute_efficiency", MLWB_FIELD(llm.compute_efficiency),
                      "Share of peak FLOP/s reached in practice: 0.4-0.6 is typical for prefill.");
    changed |= number(f, "Bandwidth efficiency", "llm.memory_efficiency", MLWB_FIELD(llm.memory_efficiency),
                      "Share of peak bandwidth reached in decode: 0.6-0.8 is typical.");
    changed |= number(f, "Reserved memory", "llm.memory_reserved", MLWB_FIELD(llm.memory_reserved),
                      "Share of GPU memory kept for activations, CUDA graphs and the runtime (vLLM uses 0.1).");
    changed |= number(f, "Max batch", "llm.max_batch_seqs", MLWB_FIELD(llm.max_batch_seqs),
                      "Sequences a replica runs at once with continuous batching (vLLM's max_num_seqs).");
    changed |= number(f, "Prompt tokens", "llm.prompt_tokens_mean", MLWB_FIELD(llm.prompt_tokens_mean),
                      "Mean input length, tokens: prefill work and KV cache per request.");
    changed |= number(f, "Prompt CV", "llm.prompt_tokens_cv", MLWB_FIELD(llm.prompt_tokens_cv),
                      "Variability of the input length (0 = all the same).");
    changed |= number(f, "Output tokens", "llm.output_tokens_mean", MLWB_FIELD(llm.output_tokens_mean),
                      "Mean generated length, tokens: each one is a decode step.");
    changed |= number(f, "Output CV", "llm.output_tokens_cv", MLWB_FIELD(llm.output_tokens_cv),
                      "Variability of the output length (0 = all the same).");
    draw_roofline(m);
    return changed;
}

// ---- fleet, autoscaling, cost, SLO, run --------------------------------------------------

bool draw_fleet(Form& f) {
    const bool llm = f.in.llm.enabled;
    bool changed = number(f, f.in.autoscaling.enabled ? "Initial replicas" : "Replicas", "fleet.replicas", MLWB_FIELD(fleet.replicas),
                          "Copies of the model behind the load balancer. With autoscaling, the fleet it starts with (kept "
                          "within the autoscaler's min and max).");
    if (!llm)
        changed |= number(f, "Concurrency", "fleet.concurrency", MLWB_FIELD(fleet.concurrency),
                          "Requests one replica serves at once (worker threads, model instances), each at the full service time.");
    changed |= number(f, "Queue capacity", "fleet.queue_capacity", MLWB_FIELD(fleet.queue_capacity),
                      "Waiting requests the balancer holds; more are shed (HTTP 503). 0 = unbounded.");
    changed |= number(f, "Timeout (ms)", "fleet.timeout_ms", MLWB_FIELD(fleet.timeout_ms),
                      "Clients give up after this many ms: a request still queued is dropped, one in service wastes its slot. "
                      "0 = never.");
    changed |= number(f, "Cache hit rate", "fleet.cache_hit_rate", MLWB_FIELD(fleet.cache_hit_rate),
                      "Share of requests answered by a cache in front of the fleet (0.3 or 30%).");
    if (f.in.fleet.cache_hit_rate > 0)
        changed |= number(f, "Cache latency (ms)", "fleet.cache_latency_ms", MLWB_FIELD(fleet.cache_latency_ms),
                          "Latency of a cache hit, ms.");
    return changed;
}

constexpr Option<ScaleMetric> kScaleMetrics[] = {
    {ScaleMetric::Utilization, "utilization", "Busy slots / ready slots, like a CPU or GPU utilization target."},
    {ScaleMetric::InFlight, "requests in flight", "Queued plus in-service requests per replica, like KEDA or Knative concurrency."},
};

bool draw_autoscaling(Form& f) {
    bool changed = toggle(f, "Autoscaling", "autoscaling.enabled", "on##autoscaling", MLWB_FIELD(autoscaling.enabled),
                          "A Kubernetes HPA: every interval, desired = ceil(ready \xC3\x97 metric / target), within min and max.");
    if (!f.in.autoscaling.enabled) return changed;
    changed |= choice(f, "Metric", "autoscaling.metric", MLWB_FIELD(autoscaling.metric), kScaleMetrics,
                      "What the autoscaler compares with its target.");
    changed |= number(f, "Target", "autoscaling.target", MLWB_FIELD(autoscaling.target),
                      f.in.autoscaling.metric == ScaleMetric::Utilization
                          ? "Utilization to hold, 0-1 (0.6 leaves headroom for bursts and cold starts)."
                          : "Requests in flight per replica to hold.");
    changed |= number(f, "Min replicas", "autoscaling.min_replicas", MLWB_FIELD(autoscaling.min_replicas), "Never fewer than this.");
    changed |= number(f, "Max replicas", "autoscaling.max_replicas", MLWB_FIELD(autoscaling.max_replicas),
                      "Never more (quota, budget).");
    changed |= number(f, "Interval (s)", "autoscaling.interval_s", MLWB_FIELD(autoscaling.interval_s),
                      "Seconds between evaluations (HPA: 15).");
    changed |= number(f, "Up window (s)", "autoscaling.up_window_s", MLWB_FIELD(autoscaling.up_window_s),
                      "Scale-up stabilisation, s: acts on the lowest desire in this window (HPA default 0).");
    changed |= number(f, "Down window (s)", "autoscaling.down_window_s", MLWB_FIELD(autoscaling.down_window_s),
                      "Scale-down stabilisation, s: acts on the highest desire in this window (HPA default 300).");
    changed |= number(f, "Cold start (s)", "autoscaling.cold_start_s", MLWB_FIELD(autoscaling.cold_start_s),
                      "Seconds from launch until a new replica serves (node, image pull, model load); billed meanwhile.");
    return changed;
}

// In LLM mode the replica's price must be that of its GPUs: say so when the instance does not
// carry the GPU the roofline uses, and offer the cheapest catalog instance that does, priced at
// the share of it one replica uses (as the capacity search prices it).
bool draw_llm_price_check(Form& f, const InstanceType* known) {
    const LlmModel& m = f.in.llm;
    if (known && known->gpus > 0 && known->gpu == m.gpu) {
        if (known->gpus != m.gpus_per_replica)
            muted_text("A replica uses " + std::to_string(m.gpus_per_replica) + " of the " + std::to_string(known->gpus) + " GPUs of " +
                       known->name + " ($" + serving_number(known->price_per_hour, 4) + "/h for the whole machine).");
        return false;
    }
    const InstanceType* best = nullptr;
    double best_price = 0;
    for (const InstanceType& it : shipped_catalog().instances) {
        if (it.gpus <= 0 || it.gpu != m.gpu || it.gpus < m.gpus_per_replica) continue;
        const double share = it.price_per_hour * m.gpus_per_replica / it.gpus;
        if (!best || share < best_price) best = &it, best_price = share;
    }
    error_text(f.in.cost.instance + (known && known->gpus > 0 ? " has no " + m.gpu : " has no GPU") +
               ": the cost is not that of the GPUs the model runs on.");
    if (!best) return false;
    const std::string label = "Price as " + std::to_string(m.gpus_per_replica) + "/" + std::to_string(best->gpus) + " of " + best->name +
                              ": $" + serving_number(best_price, 4) + "/h";
    if (!ImGui::SmallButton(label.c_str())) return false;
    Scenario trial = f.in;
    apply_instance(trial.cost, *best);
    trial.cost.price_per_hour = best_price;
    return commit_group(f, "cost.instance", trial);
}

bool draw_cost(Form& f) {
    const Catalog& catalog = shipped_catalog();
    Cost& c = f.in.cost;
    bool changed = false;
    ImGui::PushID("cost.instance");
    field_label("Instance", "The machine one replica runs on, with its on-demand price from the catalog.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    const InstanceType* known = find_instance(catalog, c.instance);
    const std::string current = known ? c.instance : c.instance + " (custom)";
    if (ImGui::BeginCombo("##combo", current.c_str())) {
        for (const InstanceType& it : catalog.instances) {
            std::string name = it.name + "  $" + serving_number(it.price_per_hour, 4) + "/h";
            if (it.gpus > 0) name += "  " + std::to_string(it.gpus) + "\xC3\x97" + it.gpu;
            if (ImGui::Selectable(name.c_str(), it.name == c.instance)) {
                Scenario trial = f.in;
                apply_instance(trial.cost, it);
                // An LLM replica on a GPU machine uses its GPUs: keep the two groups consistent.
                if (trial.llm.enabled && it.gpus > 0)
                    if (const GpuType* g = find_gpu(catalog, it.gpu)) {
                        apply_gpu(trial.llm, *g);
                        trial.llm.gpus_per_replica = it.gpus;
                    }
                changed = commit_group(f, "cost.instance", trial);
            }
            if (ImGui::IsItemHovered()) {
                const std::string tip = it.provider + " " + it.region + ", " + std::to_string(it.vcpus) + " vCPU, " +
                                        serving_number(it.memory_gb, 4) + " GB\n" + sourced(it.note, it.source, it.as_of) +
                                        (f.in.llm.enabled && it.gpus > 0 ? "\nAlso sets the LLM's GPU and GPUs per replica." : "");
                ImGui::SetTooltip("%s", tip.c_str());
            }
        }
        ImGui::EndCombo();
    }
    choice_message(f, "cost.instance");
    ImGui::PopID();
    changed |= number(f, "Price ($/hour)", "cost.price_per_hour", MLWB_FIELD(cost.price_per_hour),
                      "On-demand US$ per replica-hour (your negotiated price, if any).");
    if (f.in.llm.enabled) changed |= draw_llm_price_check(f, known);
    else if (known && known->price_per_hour != c.price_per_hour)
        muted_text("The catalog lists $" + serving_number(known->price_per_hour, 4) + "/h for " + known->name + " (" +
                   known->region + (known->as_of.empty() ? "" : ", " + known->as_of) + ").");
    else if (known && !known->as_of.empty())
        muted_text("Catalog price, " + known->region + ", as of " + known->as_of + ".");
    changed |= toggle(f, "Spot", "cost.spot", "use spot capacity##spot", MLWB_FIELD(cost.spot),
                      "Spot or preemptible machines: cheaper, but can be reclaimed (interruptions are not simulated).");
    if (c.spot)
        changed |= number(f, "Spot discount", "cost.spot_discount", MLWB_FIELD(cost.spot_discount),
                          "Share off the on-demand price (0.6 = pay 40 %).");
    return changed;
}

bool draw_slo(Form& f) {
    bool changed = number(f, "Latency (ms)", "slo.latency_ms", MLWB_FIELD(slo.latency_ms),
                          "End-to-end latency objective, ms (queueing, batching and service).");
    changed |= number(f, "Percentile", "slo.percentile", MLWB_FIELD(slo.percentile),
                      "The objective holds when this percentile of latency is within it: 99 means p99 \xE2\x89\xA4 latency.");
    return changed;
}

bool draw_run(Form& f) {
    bool changed = number(f, "Requests", "run.requests", MLWB_FIELD(run.requests),
                          "Arrivals to simulate after the warm-up. More gives tighter tail estimates (p99.9 needs 100k+).");
    changed |= number(f, "Warm-up share", "run.warmup_share", MLWB_FIELD(run.warmup_share),
                      "Extra arrivals before these, discarded so the empty start does not flatter the results.");
    changed |= number(f, "Max duration (s)", "run.max_duration_s", MLWB_FIELD(run.max_duration_s),
                      "Stop arriving after this much simulated time too, s (0 = no limit).");
    changed |= number(f, "Seed", "run.seed", MLWB_FIELD(run.seed),
                      "Random seed: the same seed gives the same run, here, in the CLI and in links.");
    changed |= number(f, "CI batches", "run.batches", MLWB_FIELD(run.batches),
                      "Batch means for the 95 % confidence intervals of the percentiles.");
    changed |= number(f, "Unstable at queue", "run.max_queue", MLWB_FIELD(run.max_queue),
                      "A queue this long stops the run and reports the fleet as unable to keep up.");
    return changed;
}

#undef MLWB_FIELD

}  // namespace

bool draw_serving_inputs(ServingPanel& panel, Scenario& in) {
    Form f{panel, in};
    bool changed = draw_presets(f);
    const bool preset_applied = changed;
    changed |= draw_export_reset(f);

    ImGui::Spacing();
    field_label("Model served", "A request/response model on CPUs or GPUs, or a large language model whose latency comes "
                                "from a GPU roofline with continuous batching.");
    {
        int mode = in.llm.enabled ? 1 : 0;
        const int before = mode;
        ImGui::RadioButton("request/response", &mode, 0);
        ImGui::SameLine();
        ImGui::RadioButton("LLM on GPUs", &mode, 1);
        if (mode != before) {
            Scenario trial = in;
            trial.llm.enabled = mode == 1;
            changed |= commit_choice(f, "llm.enabled", trial);
        }
        choice_message(f, "llm.enabled");
    }

    if (group("Workload###workload", true)) changed |= draw_workload(f);
    if (in.llm.enabled) {
        if (group("LLM###llm", true)) changed |= draw_llm(f);
    } else {
        if (group("Service time###service", true)) changed |= draw_service(f);
        const std::string batching = std::string("Batching: ") + (in.batching.enabled ? "on" : "off") + "###batching";
        if (group(batching.c_str(), false)) changed |= draw_batching(f);
    }
    if (group("Fleet###fleet", true)) changed |= draw_fleet(f);
    const std::string autoscaling = std::string("Autoscaling: ") + (in.autoscaling.enabled ? "on" : "off") + "###autoscaling";
    if (group(autoscaling.c_str(), false)) changed |= draw_autoscaling(f);
    if (group("Cost###cost", true)) changed |= draw_cost(f);
    const std::string slo = "SLO: p" + format_shortest(in.slo.percentile) + " \xE2\x89\xA4 " + format_shortest(in.slo.latency_ms) +
                            " ms###slo";
    if (group(slo.c_str(), true)) changed |= draw_slo(f);
    if (group("Run###run", false)) changed |= draw_run(f);
    if (changed && !preset_applied) panel.preset = -1;
    return changed;
}

}  // namespace mlwb::ui
