// Versioned JSON of the power inputs: round trips, and hostile or stale input ending in
// defaults plus notices.
#include <catch2/catch.hpp>

#include "power/solve.hpp"
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
    in.effect = 0.0145;
    in.metric = mlwb::power::Metric::Mean;
    in.variants = 3;
    in.sequential = mlwb::power::Sequential::Pocock;
    in.ratio.cov = -1.5;
    in.alpha = 0.01;
    in.power = 0.95;
    in.alternative = Alternative::OneSided;
    in.strict = false;
    const auto j = power_state_to_json(in);
    CHECK(j["v"] == 2);
    const auto back = power_state_from_json(j);
    CHECK(back.notices.empty());
    CHECK(back.value == in);
}

TEST_CASE("missing fields take defaults silently", "[state]") {
    const auto d = power_state_from_json(json{{"v", 2}, {"baseline", 0.2}, {"effect", 0.25}});
    CHECK(d.notices.empty());
    CHECK(d.value.baseline == 0.2);
    CHECK(d.value.effect == 0.25);
    CHECK(d.value.alpha == PowerInputs{}.alpha);
}

TEST_CASE("unknown version, wrong types, unknown keys and bad values become notices", "[state]") {
    CHECK(power_state_from_json(json{{"v", 3}, {"baseline", 0.3}}).value == PowerInputs{});
    CHECK(power_state_from_json(json{{"v", 3}}).notices.size() == 1);
    CHECK(power_state_from_json(json{{"v", "1"}}).notices.size() == 1);
    CHECK(power_state_from_json(json::array({1, 2})).value == PowerInputs{});

    auto d = power_state_from_json(json{{"baseline", "0.3"}, {"alternative", "sideways"}, {"strict", 1}, {"evil", true}});
    CHECK(d.value == PowerInputs{});
    CHECK(d.notices.size() == 4);

    d = power_state_from_json(json{{"baseline", 1.5}, {"effect", 0.2}});
    CHECK(d.value.baseline == PowerInputs{}.baseline);
    CHECK(d.value.effect == 0.2);
    CHECK(d.notices.size() == 1);

    // Equal rates: the target is reset to its default and the baseline kept...
    d = power_state_from_json(json{{"baseline", 0.2}, {"effect", 0.2}});
    CHECK(d.value.baseline == 0.2);
    CHECK(d.value.effect == PowerInputs{}.effect);
    // ...unless the baseline equals that default too: then everything falls back.
    d = power_state_from_json(json{{"baseline", 0.11}, {"effect", 0.11}});
    CHECK(d.value == PowerInputs{});
    CHECK(d.notices.size() == 2);
    d = power_state_from_json(json{{"baseline", 0.11}, {"effect", 7}});
    CHECK(mlwb::power::validate(d.value).empty());
}

TEST_CASE("version 1 links and storage still open: target becomes the effect", "[state]") {
    const auto d = power_state_from_json(json{{"v", 1}, {"baseline", 0.2}, {"target", 0.25}, {"alternative", "one-sided"}});
    CHECK(d.notices.empty());
    CHECK(d.value.effect == 0.25);
    CHECK(d.value.effect_scale == mlwb::power::EffectScale::Target);
    CHECK(d.value.alternative == Alternative::OneSided);
}

TEST_CASE("whole-number fields refuse fractions and every enum refuses unknown names", "[state]") {
    auto d = power_state_from_json(json{{"variants", 2.5}, {"looks", "5"}, {"metric", "median"}, {"sequential", 3}});
    CHECK(d.value == PowerInputs{});
    CHECK(d.notices.size() == 4);
    d = power_state_from_json(json{{"variants", 25}});  // in type, out of range
    CHECK(d.value.variants == PowerInputs{}.variants);
    CHECK(d.notices.size() == 1);
}

TEST_CASE("links carry only what differs from the defaults", "[state]") {
    mlwb::state::AppState s;
    CHECK(mlwb::state::app_state_to_hash(s) == "power?v=2");
    s.power.baseline = 0.05;
    s.power.variants = 3;
    const std::string hash = mlwb::state::app_state_to_hash(s);
    CHECK(hash == "power?v=2&baseline=0.05&variants=3");
    mlwb::state::AppState back;
    back.power.alpha = 0.2;  // a link replaces everything: missing fields take defaults
    CHECK(mlwb::state::apply_hash(back, hash).empty());
    CHECK(back.power == s.power);
}

TEST_CASE("stored text that is not JSON keeps defaults with a notice", "[state]") {
    mlwb::state::AppState s;
    s.power.baseline = 0.3;
    s.power.effect = 0.35;
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
