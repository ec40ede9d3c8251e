// The whole app's state: which instrument is open and the inputs of each. Everything that
// restores or shares work (URL hash, localStorage, window.mlwb, tests) goes through here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "power/power_inputs.hpp"
#include "power/readout.hpp"
#include "power/solve.hpp"
#include "serving/scenario.hpp"
#include "state/drift_state.hpp"
#include "state/guide_state.hpp"
#include "state/instruments.hpp"

namespace mlwb::state {

struct AppState {
    InstrumentId active = InstrumentId::Power;
    power::PowerInputs power;
    power::ReadoutInputs power_check;  // "check a running test", part of the power instrument
    serving::Scenario serving;
    DriftState drift;
    GuideState guide;
};

nlohmann::json instrument_state_json(const AppState& s, InstrumentId id);

// Replaces one instrument's inputs from outside JSON. Returns notices (empty when all was used).
std::vector<std::string> set_instrument_state(AppState& s, InstrumentId id, const nlohmann::json& j);

// Same, from JSON text (localStorage, setState): unparseable text keeps the defaults.
std::vector<std::string> set_instrument_state_text(AppState& s, InstrumentId id, std::string_view text);

nlohmann::json instrument_results_json(const AppState& s, InstrumentId id);

// The Experiment power results with the test check under "check": what
// instrument_results_json gives for it, from a solve the caller may already hold (the panel).
nlohmann::json power_instrument_results_json(const power::PowerInputs& in, const Outcome<power::PowerResult>& solved,
                                             const power::ReadoutInputs& check);

// The fields of `state` whose values differ from `defaults` (and "v"): what a link must carry,
// since a link's missing fields take their defaults.
nlohmann::json without_defaults(const nlohmann::json& state, const nlohmann::json& defaults);

// "power?v=2&baseline=0.05&..." for the active instrument (no leading '#'), non-default fields only.
std::string app_state_to_hash(const AppState& s);

// Applies a URL hash: switches instrument and, when the hash carries fields, replaces that
// instrument's inputs (missing fields take defaults, so a link reproduces exactly).
std::vector<std::string> apply_hash(AppState& s, std::string_view hash);

}  // namespace mlwb::state
