#include "state/app_state.hpp"

#include "persona/library.hpp"
#include "persona/progress.hpp"
#include "power/power_report.hpp"
#include "serving/analytic.hpp"
#include "serving/serving_report.hpp"
#include "state/power_state.hpp"
#include "state/readout_state.hpp"
#include "state/serving_state.hpp"
#include "state/drift_state.hpp"
#include "drift/drift_report.hpp"
#include "drift/synthetic.hpp"
#include "state/json_fields.hpp"
#include "state/url_hash.hpp"

namespace mlwb::state {

nlohmann::json instrument_state_json(const AppState& s, InstrumentId id) {
    switch (id) {
        case InstrumentId::Power: {
            nlohmann::json j = power_state_to_json(s.power);
            j["check"] = readout_state_to_json(s.power_check);
            return j;
        }
        case InstrumentId::Serving: return serving_state_to_json(s.serving);
        case InstrumentId::Drift: return drift_state_to_json(s.drift);
        case InstrumentId::Guide: return guide_state_to_json(s.guide);
    }
    return nlohmann::json::object();
}

std::vector<std::string> set_instrument_state(AppState& s, InstrumentId id, const nlohmann::json& j) {
    switch (id) {
        case InstrumentId::Power: {
            auto decoded = power_state_from_json(j);
            s.power = decoded.value;
            s.power_check = power::ReadoutInputs{};
            if (j.is_object() && j.contains("check")) {
                auto check = readout_state_from_json(j["check"]);
                s.power_check = check.value;
                decoded.notices.insert(decoded.notices.end(), check.notices.begin(), check.notices.end());
            }
            return decoded.notices;
        }
        case InstrumentId::Serving: {
            auto decoded = serving_state_from_json(j);
            s.serving = std::move(decoded.value);
            return decoded.notices;
        }
        case InstrumentId::Drift: {
            auto decoded = drift_state_from_json(j);
            s.drift = std::move(decoded.value);
            return decoded.notices;
        }
        case InstrumentId::Guide: {
            auto decoded = guide_state_from_json(j);
            s.guide = decoded.value;
            return decoded.notices;
        }
    }
    return {};
}

std::vector<std::string> set_instrument_state_text(AppState& s, InstrumentId id, std::string_view text) {
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        set_instrument_state(s, id, nlohmann::json::object());
        return {std::string("Saved ") + instrument_info(id).title + " state is not valid JSON; using defaults."};
    }
    return set_instrument_state(s, id, j);
}

nlohmann::json power_instrument_results_json(const power::PowerInputs& in, const Outcome<power::PowerResult>& solved,
                                             const power::ReadoutInputs& check) {
    nlohmann::json j = power::power_results_json(in, solved);
    j["check"] = readout_results_json(check);
    return j;
}

// The guide from the engine alone (CLI, tests): a shipped soul with no progress. The app
// answers with the user's own progress and imported souls instead (ui::active_results).
nlohmann::json guide_results_json(const GuideState& g) {
    const auto shipped = persona::load_shipped_souls();
    for (const auto& soul : shipped.value)
        if (soul.checklist.soul_id == g.soul) return persona::checklist_json(soul.checklist, {});
    return {{"ok", false}, {"error", "no shipped soul with id '" + g.soul + "'"}};
}

nlohmann::json drift_results_json(const DriftState& d) {
    if (d.source != DriftSource::Synthetic)
        return {{"instrument", "drift"}, {"ok", false},
                {"error", "no data loaded: the drift lens reads files in the page, never from a link"}};
    const auto data = drift::generate_synthetic(synthetic_spec(d));
    drift::DriftAnalysis analysis(data.reference, &data.current, d.settings);
    analysis.run();
    return drift::drift_report_json(analysis.result(), synthetic_source(d, data.reference), synthetic_source(d, data.current));
}

nlohmann::json instrument_results_json(const AppState& s, InstrumentId id) {
    switch (id) {
        case InstrumentId::Power: return power_instrument_results_json(s.power, power::solve(s.power), s.power_check);
        case InstrumentId::Serving: return serving::serving_results_json(s.serving, serving::analyze(s.serving), nullptr);
        case InstrumentId::Drift: return drift_results_json(s.drift);
        case InstrumentId::Guide: return guide_results_json(s.guide);
    }
    return nlohmann::json::object();
}

nlohmann::json without_defaults(const nlohmann::json& state, const nlohmann::json& defaults) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = state.begin(); it != state.end(); ++it) {
        // The version stays: it says how to read the rest.
        if (it.key() == "v" || !defaults.contains(it.key()) || defaults[it.key()] != it.value()) out[it.key()] = it.value();
    }
    return out;
}

std::string app_state_to_hash(const AppState& s) {
    const AppState defaults;
    // The serving scenario is nested in groups: its sparse form drops defaults field by field.
    if (s.active == InstrumentId::Serving) {
        nlohmann::json fields = serving_state_without_defaults(s.serving);
        std::string hash = encode_hash(instrument_info(s.active).key, fields);
        if (hash.size() <= kMaxHashLength) return hash;
        // Pasted latencies or a replayed trace do not fit in a link; the scenario keeps them
        // (storage, export), the link carries the rest.
        if (fields.contains("service")) fields["service"].erase("samples_ms");
        if (fields.contains("arrival")) fields["arrival"].erase("replay_s");
        return encode_hash(instrument_info(s.active).key, fields);
    }
    return encode_hash(instrument_info(s.active).key,
                       without_defaults(instrument_state_json(s, s.active), instrument_state_json(defaults, s.active)));
}

std::vector<std::string> apply_hash(AppState& s, std::string_view hash) {
    auto decoded = decode_hash(hash);
    std::vector<std::string> notices = std::move(decoded.notices);
    const HashRoute& route = decoded.value;
    if (route.instrument.empty()) return notices;
    auto id = instrument_from_key(route.instrument);
    if (!id) {
        notices.push_back("The link opens an instrument called " + quote_for_notice(route.instrument) +
                          ", which this app does not have; showing " + instrument_info(s.active).title + ".");
        return notices;
    }
    s.active = *id;
    if (route.has_fields) {
        auto more = set_instrument_state(s, *id, route.fields);
        notices.insert(notices.end(), more.begin(), more.end());
    }
    return notices;
}

}  // namespace mlwb::state
