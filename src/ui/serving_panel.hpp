// The Serving simulator panel: grouped inputs on the left, the answer (cards, analytic against
// simulated, plots, the cheapest fleet) on the right, stacked on narrow screens.
//
// The formulas are instant, the simulation is not: it runs in slices across frames, each frame
// stepping the simulator for at most kServingFrameBudgetMs of wall-clock time (the number of
// events per slice follows the measured speed), so the page keeps drawing while a long run
// proceeds and partial results refine on screen. A committed edit restarts the run. The
// capacity search runs the same way.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "number_field.hpp"
#include "serving/analytic.hpp"
#include "serving/capacity.hpp"
#include "serving/scenario.hpp"
#include "serving/sim_result.hpp"
#include "serving/simulator.hpp"

namespace mlwb::ui {

// Wall-clock time a frame may spend simulating (and searching), in ms: half a 60 Hz frame
// left for drawing.
constexpr double kServingFrameBudgetMs = 8.0;
// Events in the first slice, before any speed is measured (well under the budget even in a
// slow wasm build), and the least any slice does (so a run always progresses).
constexpr long long kServingFirstSliceEvents = 4000;
constexpr long long kServingMinSliceEvents = 1000;

// One frame's worth of simulation, kept for the progress line and the tests.
struct SimSlice {
    long long planned = 0;       // events asked of Simulator::step
    long long events = 0;        // events it processed
    double ms = 0;               // wall-clock time of the step (without the summary)
    double speed_before = 0;     // events per ms the plan was made from (0 = none measured yet)
    double summary_ms = 0;       // time of the partial summary taken in the same frame, if any
};

// A simulation of `scenario`, running or finished.
struct ServingRun {
    std::unique_ptr<serving::Simulator> sim;
    serving::Scenario scenario;
    unsigned long long inputs_version = 0;  // ServingPanel::inputs_version it was started for
    bool active = false;         // a run exists for `scenario` (running, finished or cancelled)
    bool running = false;        // still being stepped
    bool cancelled = false;
    bool has_result = false;     // `result` holds a summary (partial while running)
    serving::SimResult result;
    double events_per_ms = 0;    // measured speed, smoothed
    double summary_ms = 0;       // what the last Simulator::result() took
    double summary_values_per_ms = 0;  // speed of the finished run's sliced summary
    double summary_progress = 0; // the run's progress when it was taken
    std::chrono::steady_clock::time_point started, last_summary;
    double wall_ms = 0;          // time spent stepping so far
    long long slices = 0;
    SimSlice last_slice;
    std::vector<SimSlice> slice_log;  // the last few hundred slices (tests, diagnostics)
};

// The "Find cheapest fleet" search, run in slices like the simulation.
struct ServingSearch {
    std::optional<serving::CapacitySearch> search;
    serving::Scenario scenario;  // what it searched for (the inputs when it was started)
    unsigned long long inputs_version = 0;
    serving::CapacityResult result;  // what it found so far (complete once finished)
    int chosen = -1;             // the point the user picked to apply; -1 = the cheapest
    bool running = false;
    bool cancelled = false;
    bool stale = false;          // the inputs changed since: the frontier is for older inputs
    double units_per_ms = 0;     // measured speed in CapacitySearch::step budget units
    long long last_budget = 0;
    double wall_ms = 0;
};

// Text boxes of the panel keyed by the field's dotted state key ("fleet.replicas").
using ServingFields = std::map<std::string, NumberField, std::less<>>;

struct ServingPanel {
    ServingFields fields;
    // Messages of refused choices (a combo or checkbox whose new value does not fit the other
    // inputs), keyed like the fields; cleared when the choice is accepted.
    std::map<std::string, std::string, std::less<>> choice_errors;
    // Lists typed into text areas (latency samples, replay timestamps, the daily profile), with
    // the message of the last refused one.
    std::string samples_text, replay_text, profile_text;
    std::array<double, 24> profile_text_for{};  // the profile profile_text was filled from
    std::string samples_error, replay_error, profile_error;
    int preset = -1;             // the preset last applied, for its story; -1 after any edit

    // View model: the formulas for `analytic_for`, recomputed only when the inputs change.
    bool has_analytic = false;
    serving::Scenario analytic_for;
    // Bumped whenever the inputs differ from analytic_for: the run and the search remember the
    // version they are for, so the scenario (whose sample lists may hold a million values) is
    // compared once a frame, not once per consumer.
    unsigned long long inputs_version = 0;
    std::vector<FieldError> input_errors;  // validate() of analytic_for: nothing runs while any
    serving::AnalyticResult analytic;

    ServingRun run;
    ServingSearch search;

    bool has_results = false;
    unsigned long long results_version = 0;   // bumped whenever analytic or run.result change
    unsigned long long results_built_for = 0;
    nlohmann::json results;
};

// Draws the panel and advances its running work by one slice. Returns true when the user
// committed a change to the inputs this frame.
bool draw_serving_panel(ServingPanel& panel, serving::Scenario& inputs);

// A simulation or capacity search is running: the app must keep requesting frames.
bool serving_panel_busy(const ServingPanel& panel);

// The results JSON for these inputs: serving_results_json with the formulas and, when a run of
// these very inputs exists, its (possibly partial) simulation. Cached in the panel; it is also
// what window.mlwb.results() gives.
const nlohmann::json& serving_panel_results(ServingPanel& panel, const serving::Scenario& inputs);

// ---- helpers the views and tests share ---------------------------------------------------

// Every field of both scenarios equal (Scenario has no operator==).
bool same_scenario(const serving::Scenario& a, const serving::Scenario& b);

// Recomputes the formulas when `inputs` differ from what they were computed for, and starts a
// new simulation when the inputs are valid and differ from the run's.
void refresh_serving(ServingPanel& panel, const serving::Scenario& inputs);

// One frame of the running work: steps the simulation (and the search) for at most
// `budget_ms`. Separate from drawing so tests can drive it.
void advance_serving(ServingPanel& panel, double budget_ms = kServingFrameBudgetMs);

// Stops the simulation, keeping what it has so far as a partial result.
void cancel_serving_run(ServingPanel& panel);
// Runs the current run's scenario again from the start (after a cancel).
void restart_serving_run(ServingPanel& panel);

// Starts the cheapest-fleet search for `inputs` (replacing any earlier one), and stops it
// keeping what it found so far.
void start_serving_search(ServingPanel& panel, const serving::Scenario& inputs);
void cancel_serving_search(ServingPanel& panel);

}  // namespace mlwb::ui
