// JSON for the "check a running test" inputs, carried inside the Experiment power state as
// {"check": {"control_units": 10000, ...}}, and the check's results JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "power/readout.hpp"
#include "util/outcome.hpp"

namespace mlwb::state {

nlohmann::json readout_state_to_json(const power::ReadoutInputs& in);

// Never fails: a missing object gives defaults silently; bad parts give defaults and notices.
Decoded<power::ReadoutInputs> readout_state_from_json(const nlohmann::json& j);

nlohmann::json readout_results_json(const power::ReadoutInputs& in);

}  // namespace mlwb::state
