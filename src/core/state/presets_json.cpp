#include "state/presets_json.hpp"

#include "drift/synthetic.hpp"
#include "power/presets.hpp"
#include "serving/presets.hpp"
#include "state/app_state.hpp"

namespace mlwb::state {

namespace {

// A preset's state is the instrument's state JSON with the preset's inputs in place, so it
// carries the schema version and round-trips through set_instrument_state like any other.
template <class Presets, class Apply>
nlohmann::json list(InstrumentId id, const Presets& presets, Apply apply) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : presets) {
        AppState s;
        apply(s, p);
        out.push_back({{"key", p.key}, {"title", p.title}, {"story", p.story}, {"state", instrument_state_json(s, id)}});
    }
    return out;
}

}  // namespace

nlohmann::json presets_json(InstrumentId id) {
    switch (id) {
        case InstrumentId::Power:
            return list(id, power::power_presets(), [](AppState& s, const power::PowerPreset& p) { s.power = p.inputs; });
        case InstrumentId::Serving:
            return list(id, serving::serving_presets(), [](AppState& s, const serving::ServingPreset& p) { s.serving = p.scenario; });
        case InstrumentId::Drift:
            return list(id, drift::synthetic_presets(), [](AppState& s, const drift::SyntheticPreset& p) {
                s.drift.source = DriftSource::Synthetic;
                s.drift.preset = p.key;
            });
        case InstrumentId::Guide:
            break;
    }
    return nlohmann::json::array();
}

}  // namespace mlwb::state
