// window.mlwb.presets(): every preset's state, applied through set_instrument_state as a host
// page or a link would, gives exactly the preset's inputs and no notices.
#include <catch2/catch.hpp>

#include "drift/synthetic.hpp"
#include "power/presets.hpp"
#include "serving/presets.hpp"
#include "state/app_state.hpp"
#include "state/presets_json.hpp"

using mlwb::state::AppState;
using mlwb::state::InstrumentId;
using mlwb::state::presets_json;

TEST_CASE("each power preset's state applies to exactly its inputs", "[state][presets]") {
    const auto listed = presets_json(InstrumentId::Power);
    const auto presets = mlwb::power::power_presets();
    REQUIRE(listed.size() == presets.size());
    for (std::size_t i = 0; i < presets.size(); ++i) {
        CHECK(listed[i]["key"] == presets[i].key);
        CHECK(listed[i]["story"] == presets[i].story);
        AppState s;
        CHECK(mlwb::state::set_instrument_state(s, InstrumentId::Power, listed[i]["state"]).empty());
        CHECK(s.power == presets[i].inputs);
    }
}

TEST_CASE("each serving preset's state applies to exactly its scenario", "[state][presets]") {
    const auto listed = presets_json(InstrumentId::Serving);
    const auto presets = mlwb::serving::serving_presets();
    REQUIRE(listed.size() == presets.size());
    for (std::size_t i = 0; i < presets.size(); ++i) {
        CHECK(listed[i]["title"] == presets[i].title);
        AppState s;
        CHECK(mlwb::state::set_instrument_state(s, InstrumentId::Serving, listed[i]["state"]).empty());
        CHECK(s.serving == presets[i].scenario);
    }
}

TEST_CASE("drift presets select the synthetic story, the guide has none", "[state][presets]") {
    const auto listed = presets_json(InstrumentId::Drift);
    REQUIRE(listed.size() == mlwb::drift::synthetic_presets().size());
    for (const auto& p : listed) {
        AppState s;
        s.drift.preset = "no-drift";
        CHECK(mlwb::state::set_instrument_state(s, InstrumentId::Drift, p["state"]).empty());
        CHECK(s.drift.preset == p["key"].get<std::string>());
    }
    CHECK(presets_json(InstrumentId::Guide).empty());
}
