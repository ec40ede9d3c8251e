// The parts of the Serving panel, each drawing one region from the panel's view model.
#pragma once

#include <string>

#include "serving_panel.hpp"

namespace mlwb::ui {

// Presets and the grouped inputs (workload, service or LLM, batching, fleet, autoscaling,
// cost, SLO, run); true when one changed.
bool draw_serving_inputs(ServingPanel& panel, serving::Scenario& in);

// Progress of the run, the result cards, analytic against simulated, the plots and the
// cheapest-fleet search. May apply a configuration the search found to `in`: true then.
bool draw_serving_results(ServingPanel& panel, serving::Scenario& in);

// Numbers as the panel writes them: `digits` significant digits without an exponent for large
// values (7960, not 7.96e+03), a dash when not finite; times in ms below a second, s above.
std::string serving_number(double v, int digits = 3);
std::string serving_ms_text(double ms);

}  // namespace mlwb::ui
