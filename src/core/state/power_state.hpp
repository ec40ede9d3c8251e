// Versioned JSON for the Experiment power inputs: {"v":1,"baseline":0.1,"target":0.11,...}.
// Bump kPowerStateVersion when a field changes meaning, and teach the decoder the old form.
#pragma once

#include <nlohmann/json.hpp>

#include "power/power_inputs.hpp"
#include "util/outcome.hpp"

namespace mlwb::state {

constexpr int kPowerStateVersion = 1;

nlohmann::json power_state_to_json(const power::PowerInputs& in);

// Never fails: unusable parts fall back to defaults and are explained in notices.
Decoded<power::PowerInputs> power_state_from_json(const nlohmann::json& j);

}  // namespace mlwb::state
