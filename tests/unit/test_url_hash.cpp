// The URL hash: encoding is readable and compact, decoding survives anything.
#include <catch2/catch.hpp>

#include <string>

#include "power/solve.hpp"
#include "state/app_state.hpp"
#include "state/url_hash.hpp"

using mlwb::state::AppState;
using mlwb::state::apply_hash;
using mlwb::state::app_state_to_hash;
using mlwb::state::decode_hash;
using nlohmann::json;

TEST_CASE("hash encodes the active instrument and its state readably", "[hash]") {
    AppState s;
    s.power.baseline = 0.05;
    s.power.alternative = mlwb::power::Alternative::OneSided;
    CHECK(app_state_to_hash(s) == "power?v=2&alternative=one-sided&baseline=0.05");
}

TEST_CASE("hash round-trips any valid state exactly", "[hash]") {
    AppState s;
    s.power.baseline = 0.1 + 1e-17 * 3;
    s.power.effect = 1.0 / 3.0;
    s.power.metric = mlwb::power::Metric::Mean;
    s.power.looks = 7;
    s.power.alpha = 0.000123456789;
    s.power.power = 0.975;
    s.power.strict = true;
    AppState t;
    CHECK(apply_hash(t, "#" + app_state_to_hash(s)).empty());
    CHECK(t.power == s.power);
}

TEST_CASE("hash decoding types values and percent-decodes", "[hash]") {
    const auto d = decode_hash("#power?a=1&b=-2.5e-3&c=true&d=two%2Dsided&e=%7B%22k%22%3A1%7D&f=.5&g=1e999&h=1.&i=0x10");
    CHECK(d.notices.empty());
    const json& f = d.value.fields;
    CHECK(f["a"].is_number_integer());
    CHECK(f["b"] == -2.5e-3);
    CHECK(f["c"] == true);
    CHECK(f["d"] == "two-sided");
    CHECK(f["e"]["k"] == 1);
    CHECK(f["f"] == 0.5);
    CHECK(f["g"].is_number());  // inf: rejected later by the field reader with a notice
    CHECK(f["h"].is_string());
    CHECK(f["i"].is_string());
}

TEST_CASE("mangled hashes leave a working state and say what happened", "[hash]") {
    const char* hostile[] = {
        "#power?baseline=abc",           "#power?baseline=%ZZ&target=0.2", "#nothing-here?x=1",
        "#POWER",                        "#power?&&&=&baseline",          "#power?baseline=1e999",
        "#power?e=%7Bbroken",            "#power?v=7",                     "#%00%ff?%ff=%00",
        "#power?baseline=0.5&target=0.5", "#power?alternative=%C3%28",      "#<script>alert(1)</script>",
    };
    for (const char* h : hostile) {
        AppState s;
        const auto notices = apply_hash(s, h);
        INFO(h);
        CHECK(!notices.empty());
        CHECK(mlwb::power::validate(s.power).empty());
        CHECK(mlwb::state::instrument_results_json(s, s.active)["ok"] == true);
    }
}

TEST_CASE("an empty hash or a bare instrument name changes nothing else", "[hash]") {
    AppState s;
    s.power.baseline = 0.3;
    CHECK(apply_hash(s, "").empty());
    CHECK(apply_hash(s, "#").empty());
    CHECK(apply_hash(s, "#power").empty());
    CHECK(s.power.baseline == 0.3);
}

TEST_CASE("over-long hashes are refused before parsing", "[hash]") {
    const std::string huge = "#power?baseline=" + std::string(100000, '1');
    AppState s;
    CHECK(apply_hash(s, huge).size() == 1);
    CHECK(s.power == mlwb::power::PowerInputs{});
}
