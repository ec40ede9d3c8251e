// Versioned JSON for the Serving simulator's scenario, one object per group with the struct's
// member names:  {"v":1,"arrival":{"kind":"poisson","rate_rps":2000,...},"service":{...},
// "batching":{...},"fleet":{...},"autoscaling":{...},"cost":{...},"slo":{...},"llm":{...},"run":{...}}
// Enums are written with serving::key_of. Bump kServingStateVersion when a field changes
// meaning, and teach the decoder the old form.
#pragma once

#include <nlohmann/json.hpp>

#include "serving/scenario.hpp"
#include "util/outcome.hpp"

namespace mlwb::state {

constexpr int kServingStateVersion = 1;

// Every field of every group.
nlohmann::json serving_state_to_json(const serving::Scenario& s);

// What a link carries: "v" plus, per group, only the fields that differ from the defaults;
// groups left empty are dropped (app_state's without_defaults only looks at top-level keys).
nlohmann::json serving_state_without_defaults(const serving::Scenario& s);

// Never fails and never throws, and the result always passes serving::validate. Reads the
// full and the sparse form alike (a missing group or field keeps its default, silently).
// Everything else becomes a notice: a version it does not know (then all defaults), a value of
// the wrong type or an unknown name (that field keeps its default), unknown keys, arrays that
// are too long or hold a non-number (the array keeps its default). Values that are out of
// range or do not fit together are replaced by their field's default with the validation
// message; if the group still does not fit together, the whole group takes its defaults.
Decoded<serving::Scenario> serving_state_from_json(const nlohmann::json& j);

}  // namespace mlwb::state
