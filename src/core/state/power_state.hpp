// Versioned JSON for the Experiment power inputs: {"v":2,"metric":"proportion","baseline":0.1,...}.
// Bump kPowerStateVersion when a field changes meaning, and teach the decoder the old form
// (version 1 had "target" instead of "effect" + "effect_scale").
#pragma once

#include <nlohmann/json.hpp>

#include "power/power_inputs.hpp"
#include "util/outcome.hpp"

namespace mlwb::state {

constexpr int kPowerStateVersion = 2;

nlohmann::json power_state_to_json(const power::PowerInputs& in);

// Never fails: unusable parts fall back to defaults and are explained in notices.
Decoded<power::PowerInputs> power_state_from_json(const nlohmann::json& j);

}  // namespace mlwb::state
