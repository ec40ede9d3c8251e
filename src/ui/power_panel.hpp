// The Experiment power panel: two-proportion sample size. Reads and edits the power inputs in
// the app state, calls the engine when they change, and draws the answer with its method and
// the formula filled in with the user's numbers.
#pragma once

#include <nlohmann/json.hpp>

#include "number_field.hpp"
#include "power/power_inputs.hpp"

namespace mlwb::ui {

struct PowerPanel {
    NumberField baseline, target, alpha, power;
    // View model: the engine's answer for `computed_for`; recomputed only when inputs change.
    power::PowerInputs computed_for;
    nlohmann::json results;
    bool has_results = false;
};

// Returns true when the user committed a change to the inputs this frame.
bool draw_power_panel(PowerPanel& panel, power::PowerInputs& inputs);

// The results JSON for these inputs, cached in the panel (also what window.mlwb.results() gives).
const nlohmann::json& power_panel_results(PowerPanel& panel, const power::PowerInputs& inputs);

}  // namespace mlwb::ui
