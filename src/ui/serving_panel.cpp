#include "serving_panel.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "imgui.h"
#include "serving/serving_report.hpp"
#include "serving/validate.hpp"
#include "serving_views.hpp"

namespace mlwb::ui {

using namespace serving;
using Clock = std::chrono::steady_clock;

namespace {

// Partial summaries: Simulator::result() selects percentiles from every latency simulated so
// far, so it costs more as the run grows and cannot itself be sliced (~50 ms for 200k requests
// natively). One is taken at most every kRefreshMs of wall-clock time, spaced so they take at
// most 1/kSummaryShare of the time, and only while one is predicted to take at most
// kMaxPartialSummaryMs; after that the figures stay as last summarised until the run ends
// (the final summary has to be taken whatever it costs).
constexpr double kRefreshMs = 250;
constexpr double kSummaryShare = 10;
constexpr double kMaxPartialSummaryMs = 2 * kServingFrameBudgetMs;  // with the slice: ~25 ms frames
constexpr std::size_t kSliceLogSize = 512;

double ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}


// The formulas, and which inputs are in error, for `inputs` when they changed.
void refresh_analytic(ServingPanel& panel, const Scenario& inputs) {
    if (panel.has_analytic && same_scenario(panel.analytic_for, inputs)) return;
    panel.analytic_for = inputs;
    panel.input_errors = validate(inputs);
    panel.analytic = panel.input_errors.empty() ? analyze(inputs) : AnalyticResult{};
    panel.has_analytic = true;
    ++panel.inputs_version;
    ++panel.results_version;
}

void summarise(ServingRun& run) {
    const Clock::time_point t0 = Clock::now();
    run.result = run.sim->result();
    const Clock::time_point t1 = Clock::now();
    run.summary_ms = ms_between(t0, t1);
    run.last_summary = t1;
    run.summary_progress = run.sim->progress();
    run.has_result = true;
}

void start_run(ServingPanel& panel, const Scenario& inputs) {
    ServingRun& run = panel.run;
    run = ServingRun{};
    run.sim = std::make_unique<Simulator>(inputs);
    run.scenario = inputs;
    run.inputs_version = panel.inputs_version;
    run.active = true;
    run.running = true;
    run.started = Clock::now();
    run.last_summary = run.started;
    run.slice_log.reserve(kSliceLogSize);
    ++panel.results_version;
}

// Events to ask of the simulator this frame, given `budget_ms` for stepping.
long long plan_slice(const ServingRun& run, double budget_ms) {
    if (run.events_per_ms <= 0) return kServingFirstSliceEvents;
    const double by_speed = run.events_per_ms * std::max(0.0, budget_ms);
    // Speed measured on a short slice is noisy: grow by at most 4x a slice.
    const double cap = std::max<double>(kServingFirstSliceEvents, 4.0 * static_cast<double>(run.last_slice.events));
    return std::max(kServingMinSliceEvents, static_cast<long long>(std::min(by_speed, cap)));
}

void step_run(ServingPanel& panel, double budget_ms) {
    ServingRun& run = panel.run;
    const Clock::time_point frame_start = Clock::now();
    // A partial summary due this frame comes out of the same budget. Its cost grows with the
    // latencies simulated, so it is predicted from the last one scaled by the progress since.
    const double progress = run.sim->progress();
    const double predicted = run.summary_ms * std::max(1.0, progress / std::max(run.summary_progress, 1e-3));
    const double interval = std::max(kRefreshMs, kSummaryShare * predicted);
    const bool summary_due = !run.has_result || (predicted <= kMaxPartialSummaryMs && ms_between(run.last_summary, frame_start) >= interval);
    const double step_budget = budget_ms - (summary_due ? predicted : 0.0);

    SimSlice slice;
    slice.speed_before = run.events_per_ms;
    slice.planned = plan_slice(run, step_budget);
    const long long events_before = run.sim->events();
    // In a few chunks, checking the clock between them, so a slower phase of the run (a
    // growing queue, long LLM steps) cannot overrun the budget by much.
    const long long chunk = std::max(kServingMinSliceEvents, slice.planned / 4);
    bool finished = run.sim->done();
    while (!finished) {
        const long long done_so_far = run.sim->events() - events_before;
        const long long left = slice.planned - done_so_far;
        if (left <= 0) break;
        finished = run.sim->step(std::min(chunk, left));
        if (ms_between(frame_start, Clock::now()) >= step_budget) break;
    }
    const Clock::time_point stepped = Clock::now();
    slice.events = run.sim->events() - events_before;
    slice.ms = ms_between(frame_start, stepped);
    run.wall_ms += slice.ms;
    // Speed from slices long enough to time; smoothed, but following phase changes quickly.
    if (slice.ms > 0.05 && slice.events > 0) {
        const double measured = static_cast<double>(slice.events) / slice.ms;
        run.events_per_ms = run.events_per_ms > 0 ? 0.5 * run.events_per_ms + 0.5 * measured : measured;
    }
    if (finished) {
        // The final summary (percentiles of every latency, batch means, the series) in pieces
        // across frames too: at a million requests it is ~75 ms natively in one go.
        const Clock::time_point t0 = Clock::now();
        const double left_ms = std::max(1.0, step_budget - slice.ms);
        const long long budget = run.summary_values_per_ms > 0 ? static_cast<long long>(run.summary_values_per_ms * left_ms) : 100000;
        const bool complete = run.sim->summarize(budget);
        const double took = ms_between(t0, Clock::now());
        if (took > 0.05) run.summary_values_per_ms = static_cast<double>(budget) / took;
        if (complete) {
            run.running = false;
            summarise(run);  // the finished summary, cached: no recomputation
            ++panel.results_version;
        }
    } else if (summary_due) {
        summarise(run);
        ++panel.results_version;
    }
    if (run.has_result && run.last_summary >= stepped) slice.summary_ms = run.summary_ms;
    run.last_slice = slice;
    ++run.slices;
    if (run.slice_log.size() >= kSliceLogSize) run.slice_log.erase(run.slice_log.begin());
    run.slice_log.push_back(slice);
}

void step_search(ServingSearch& s, double budget_ms) {
    const Clock::time_point start = Clock::now();
    long long planned = kServingFirstSliceEvents;
    if (s.units_per_ms > 0)
        planned = std::max(kServingMinSliceEvents,
                           static_cast<long long>(std::min(s.units_per_ms * std::max(0.0, budget_ms),
                                                           std::max<double>(kServingFirstSliceEvents, 4.0 * static_cast<double>(s.last_budget)))));
    const long long chunk = std::max(kServingMinSliceEvents, planned / 4);
    long long spent = 0;
    bool finished = s.search->done();
    while (!finished && spent < planned) {
        const long long part = std::min(chunk, planned - spent);
        finished = s.search->step(part);
        spent += part;
        if (ms_between(start, Clock::now()) >= budget_ms) break;
    }
    const double ms = ms_between(start, Clock::now());
    s.wall_ms += ms;
    if (ms > 0.05 && spent > 0) {
        const double measured = static_cast<double>(spent) / ms;
        s.units_per_ms = s.units_per_ms > 0 ? 0.5 * s.units_per_ms + 0.5 * measured : measured;
    }
    s.last_budget = spent;
    s.result = s.search->result();
    if (finished) s.running = false;
}

}  // namespace

bool same_scenario(const Scenario& a, const Scenario& b) { return a == b; }

void refresh_serving(ServingPanel& panel, const Scenario& inputs) {
    refresh_analytic(panel, inputs);
    if (panel.input_errors.empty()) {
        if (!panel.run.active || panel.run.inputs_version != panel.inputs_version) start_run(panel, inputs);
    } else if (panel.run.active) {
        panel.run = ServingRun{};  // nothing runs on inputs in error; the errors are shown instead
        ++panel.results_version;
    }
    ServingSearch& s = panel.search;
    if (s.search && !s.stale && s.inputs_version != panel.inputs_version) {
        // A search of inputs that no longer hold wastes the page's time: stop it, keep what it found.
        s.stale = true;
        if (s.running) {
            s.running = false;
            s.cancelled = true;
        }
    }
}

void cancel_serving_run(ServingPanel& panel) {
    ServingRun& run = panel.run;
    if (!run.running) return;
    run.running = false;
    run.cancelled = true;
    if (run.sim) summarise(run);
    ++panel.results_version;
}

void advance_serving(ServingPanel& panel, double budget_ms) {
    const Clock::time_point start = Clock::now();
    // Both running: each gets half the frame.
    if (panel.run.running && panel.run.sim) step_run(panel, panel.search.running ? budget_ms / 2 : budget_ms);
    if (panel.search.running && panel.search.search)
        step_search(panel.search, std::max(0.0, budget_ms - ms_between(start, Clock::now())));
}

void start_serving_search(ServingPanel& panel, const Scenario& inputs) {
    ServingSearch& s = panel.search;
    s = ServingSearch{};
    refresh_analytic(panel, inputs);
    s.search.emplace(inputs);
    s.scenario = inputs;
    s.inputs_version = panel.inputs_version;
    s.running = true;
}

void cancel_serving_search(ServingPanel& panel) {
    ServingSearch& s = panel.search;
    if (!s.running) return;
    s.running = false;
    s.cancelled = true;
    if (s.search) s.result = s.search->result();
}

void restart_serving_run(ServingPanel& panel) {
    if (!panel.run.active) return;
    const Scenario scenario = panel.run.scenario;
    const unsigned long long version = panel.run.inputs_version;
    start_run(panel, scenario);
    panel.run.inputs_version = version;
}

bool serving_panel_busy(const ServingPanel& panel) { return panel.run.running || panel.search.running; }

const nlohmann::json& serving_panel_results(ServingPanel& panel, const Scenario& inputs) {
    refresh_analytic(panel, inputs);
    if (panel.has_results && panel.results_built_for == panel.results_version) return panel.results;
    const bool sim_matches = panel.run.active && panel.run.has_result && panel.run.inputs_version == panel.inputs_version;
    panel.results = serving_results_json(inputs, panel.analytic, sim_matches ? &panel.run.result : nullptr);
    panel.results_built_for = panel.results_version;
    panel.has_results = true;
    return panel.results;
}

bool draw_serving_panel(ServingPanel& panel, Scenario& in) {
    // The state may have changed outside the panel (a link, setState, undo): catch up first,
    // then advance the running work so this frame shows its newest partial result.
    refresh_serving(panel, in);
    advance_serving(panel);
    bool changed = false;
    const float width = ImGui::GetContentRegionAvail().x;
    const bool wide = width > ImGui::GetFontSize() * 46.0f;
    ImGui::PushTextWrapPos(0.0f);
    if (wide && ImGui::BeginTable("serving_layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("inputs", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 25.0f);
        ImGui::TableSetupColumn("results", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        changed |= draw_serving_inputs(panel, in);
        ImGui::TableNextColumn();
        changed |= draw_serving_results(panel, in);
        ImGui::EndTable();
    } else {
        // Narrow (phones, embeds): the answer first, the inputs that change it below.
        changed |= draw_serving_results(panel, in);
        ImGui::Spacing();
        changed |= draw_serving_inputs(panel, in);
    }
    ImGui::PopTextWrapPos();
    // A committed edit restarts the run now, so the next frame already simulates the new inputs.
    if (changed) refresh_serving(panel, in);
    return changed;
}

}  // namespace mlwb::ui
