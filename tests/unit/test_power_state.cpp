// Versioned JSON of the power inputs: round trips, and hostile or stale input ending in
// defaults plus notices.
#include <catch2/catch.hpp>

#include "power/proportions.hpp"
#include "state/app_state.hpp"
#include "state/power_state.hpp"

using mlwb::power::Alternative;
using mlwb::power::PowerInputs;
using mlwb::state::power_state_from_json;
using mlwb::state::power_state_to_json;
using nlohmann::json;

TEST_CASE("power state round-trips through JSON", "[state]") {
    PowerInputs in;
    in.baseline = 0.0123;
    in.target = 0.0145;
    in.alpha = 0.01;
    in.power = 0.95;
    in.alternative = Alternative::OneSided;
    in.strict = false;
    const auto j = power_state_to_json(in);
    CHECK(j["v"] == 1);
    const auto back = power_state_from_json(j);
    CHECK(back.notices.empty());
    CHECK(back.value == in);
}

TEST_CASE("missing fields take defaults silently", "[state]") {
    const auto d = power_state_from_json(json{{"v", 1}, {"baseline", 0.2}, {"target", 0.25}});
    CHECK(d.notices.empty());
    CHECK(d.value.baseline == 0.2);
    CHECK(d.value.alpha == PowerInputs{}.alpha);
}

TEST_CASE("unknown version, wrong types, unknown keys and bad values become notices", "[state]") {
    CHECK(power_state_from_json(json{{"v", 2}, {"baseline", 0.3}}).value == PowerInputs{});
    CHECK(power_state_from_json(json{{"v", 2}}).notices.size() == 1);
    CHECK(power_state_from_json(json{{"v", "1"}}).notices.size() == 1);
    CHECK(power_state_from_json(json::array({1, 2})).value == PowerInputs{});

    auto d = power_state_from_json(json{{"baseline", "0.3"}, {"alternative", "sideways"}, {"strict", 1}, {"evil", true}});
    CHECK(d.value == PowerInputs{});
    CHECK(d.notices.size() == 4);

    d = power_state_from_json(json{{"baseline", 1.5}, {"target", 0.2}});
    CHECK(d.value.baseline == PowerInputs{}.baseline);
    CHECK(d.value.target == 0.2);
    CHECK(d.notices.size() == 1);

    // Equal rates: the target is reset to its default and the baseline kept...
    d = power_state_from_json(json{{"baseline", 0.2}, {"target", 0.2}});
    CHECK(d.value.baseline == 0.2);
    CHECK(d.value.target == PowerInputs{}.target);
    // ...unless the baseline equals that default too: then everything falls back.
    d = power_state_from_json(json{{"baseline", 0.11}, {"target", 0.11}});
    CHECK(d.value == PowerInputs{});
    CHECK(d.notices.size() == 2);
    d = power_state_from_json(json{{"baseline", 0.11}, {"target", 7}});
    CHECK(mlwb::power::validate(d.value).empty());
}

TEST_CASE("stored text that is not JSON keeps defaults with a notice", "[state]") {
    mlwb::state::AppState s;
    s.power.baseline = 0.3;
    s.power.target = 0.35;
    const auto notices = mlwb::state::set_instrument_state_text(s, mlwb::state::InstrumentId::Power, "{\"v\":1,\"baseline\":");
    CHECK(notices.size() == 1);
    CHECK(s.power == PowerInputs{});
    CHECK(mlwb::state::set_instrument_state_text(s, mlwb::state::InstrumentId::Power, "\xff\xfe garbage").size() == 1);
}

TEST_CASE("results JSON carries the numbers the CLI and window.mlwb.results() report", "[state]") {
    mlwb::state::AppState s;
    const auto r = mlwb::state::instrument_results_json(s, mlwb::state::InstrumentId::Power);
    CHECK(r["ok"] == true);
    CHECK(r["instrument"] == "power");
    CHECK(r["n_per_arm_ceil"] == 14751);
    CHECK(r["method"] == "pooled");
}
