// Every instrument's presets as data: key, title, the one-sentence story, and the instrument
// state that reproduces the preset (what setState and the link take). For window.mlwb.presets(),
// benchmarks that need "the heaviest preset", and any gallery of them.
#pragma once

#include <nlohmann/json.hpp>

#include "state/instruments.hpp"

namespace mlwb::state {

// [{key, title, story, state}, ...]; empty for an instrument without presets (the guide).
nlohmann::json presets_json(InstrumentId id);

}  // namespace mlwb::state
