// The parts of the Experiment power panel, each drawing one region from the panel's view model.
#pragma once

#include "power_panel.hpp"

namespace mlwb::ui {

// Grouped inputs (metric, effect, error rates, design, traffic); true when one changed.
bool draw_power_inputs(PowerPanel& panel, power::PowerInputs& in);

// The answer as large numbers, the sequential boundaries, the plots and the formula.
void draw_power_results(PowerPanel& panel, const power::PowerInputs& in);

// Counts of a running or finished test: lift, interval, p-value, sample ratio mismatch.
bool draw_power_check(PowerPanel& panel, power::ReadoutInputs& check);

}  // namespace mlwb::ui
