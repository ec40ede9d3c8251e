// The Experiment power panel: grouped inputs on the left, the answer, its plots and its
// formula on the right (stacked on narrow screens), and the check of a running test below.
// Reads and edits the power inputs in the app state; asks the engine for results only when the
// inputs change, and draws those.
#pragma once

#include <nlohmann/json.hpp>

#include "number_field.hpp"
#include "power/curves.hpp"
#include "power/power_inputs.hpp"
#include "power/readout.hpp"
#include "power/solve.hpp"

namespace mlwb::ui {

struct PowerFields {
    NumberField baseline, effect, mean_baseline, sd;
    NumberField ratio_mean_num, ratio_mean_den, ratio_var_num, ratio_var_den, ratio_cov;
    NumberField alpha, power, allocation, variants, cuped_rho, ni_margin, looks, msprt_tau, n_per_arm;
    NumberField daily_units, traffic_share;
};

struct CheckFields {
    NumberField control_units, control_conversions, treatment_units, treatment_conversions, alpha, ratio;
};

struct PowerPanel {
    PowerFields fields;
    CheckFields check_fields;
    int preset = -1;
    bool check_opened = false;  // the check section was opened for counts that came with the state  // the preset last applied, for its story; -1 after any edit
    // View model: the engine's answer for `computed_for` / `check_for`, recomputed only when
    // the inputs change.
    power::PowerInputs computed_for;
    power::ReadoutInputs check_for;
    bool has_results = false;
    Outcome<power::PowerResult> solved;
    power::PowerCurves curves;
    nlohmann::json results;
};

// Returns true when the user committed a change to the inputs this frame.
bool draw_power_panel(PowerPanel& panel, power::PowerInputs& inputs, power::ReadoutInputs& check);

// The results JSON for these inputs (plan and check), cached in the panel; it is also what
// window.mlwb.results() gives.
const nlohmann::json& power_panel_results(PowerPanel& panel, const power::PowerInputs& inputs,
                                          const power::ReadoutInputs& check);

}  // namespace mlwb::ui
