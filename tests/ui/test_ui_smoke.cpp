// The whole UI, run headless: it draws, survives invalid state, and a value typed into a
// field goes through validation into the state (or stays out of it, with a message).
#include <catch2/catch.hpp>

#include <cstring>

#include "imgui_internal.h"
#include "power/presets.hpp"
#include "ui_test_context.hpp"

namespace {

// The id Dear ImGui gave the field's text input when it was last drawn.
ImGuiID number_field_id(const mlwb::ui::NumberField& field) {
    REQUIRE(field.input_id != 0);
    return field.input_id;
}

void press(HeadlessImGui& ui, mlwb::ui::UiModel& m, int key_code) {
    ui.key_tap(key_code);
    ui.frames(m, 3);
}

// Types into the field the way a keyboard user does: confirm and leave the current field
// (Enter; Escape would cancel the edit), Tab to the first input and on to field number
// `index`, then type (Tab selects the field's text, so typing replaces it).
void type_into(HeadlessImGui& ui, mlwb::ui::UiModel& m, int index, const mlwb::ui::NumberField& field, const char* text) {
    press(ui, m, 13);
    for (int i = 0; i <= index; ++i) press(ui, m, 9);
    REQUIRE(ImGui::GetActiveID() == number_field_id(field));
    ui.type(text);
    ui.frames(m, 3);
}

}  // namespace

TEST_CASE("the app draws its top bar and the power panel", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    for (int i = 0; i < 3; ++i) CHECK(ui.frame(m) > 1000);
    CHECK(ImGui::FindWindowByName("instrument") != nullptr);
}

TEST_CASE("both themes and notices draw", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    m.theme = mlwb::ui::ThemeChoice::Dark;
    m.notices = {"one", "two", "three", "four", "five"};
    CHECK(ui.frame(m) > 0);
    CHECK(m.applied_dark);
    m.theme = mlwb::ui::ThemeChoice::Light;
    ui.frame(m);
    CHECK(ui.frame(m) > 0);
    CHECK(!m.applied_dark);
}

TEST_CASE("invalid state set directly still draws (errors shown instead of results)", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    m.state.power.baseline = 2.0;
    CHECK(ui.frame(m) > 0);
    CHECK(mlwb::ui::active_results(m)["ok"] == false);
}

TEST_CASE("a narrow embed-sized viewport still draws", "[ui]") {
    HeadlessImGui ui(360, 300);
    mlwb::ui::UiModel m;
    CHECK(ui.frame(m) > 0);
    CHECK(ui.frame(m) > 0);
}

TEST_CASE("typing a valid value commits it and typing garbage keeps the last good state", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    ui.frame(m);
    ui.frame(m);

    type_into(ui, m, 0, m.power.fields.baseline, "0.2");
    CHECK(m.state.power.baseline == 0.2);
    CHECK(m.power.fields.baseline.error.empty());
    CHECK(mlwb::ui::active_results(m)["ok"] == true);

    type_into(ui, m, 1, m.power.fields.effect, "abc");
    CHECK(m.state.power.effect == 0.11);
    CHECK(m.power.fields.effect.error == "Not a number.");

    type_into(ui, m, 2, m.power.fields.alpha, "1.5");
    CHECK(m.state.power.alpha == 0.05);
    CHECK(!m.power.fields.alpha.error.empty());

    type_into(ui, m, 1, m.power.fields.effect, "20%");  // equal to the baseline: rejected with the engine's message
    CHECK(m.state.power.effect == 0.11);
    CHECK(m.power.fields.effect.error.find("differ") != std::string::npos);

    type_into(ui, m, 1, m.power.fields.effect, "25%");
    CHECK(m.state.power.effect == 0.25);
    CHECK(m.state.power.baseline == 0.2);
    CHECK(mlwb::ui::active_results(m)["n_per_arm_ceil"] > 0);
}

TEST_CASE("Escape cancels an edit and restores the value the field had", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    ui.frame(m);
    type_into(ui, m, 0, m.power.fields.baseline, "0.3");
    CHECK(m.state.power.baseline == 0.3);
    press(ui, m, 27);
    CHECK(m.state.power.baseline == 0.1);
}

TEST_CASE("keyboard only: the first Tab on a fresh page reaches the first input", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    ui.frame(m);
    press(ui, m, 9);
    CHECK(ImGui::GetActiveID() == number_field_id(m.power.fields.baseline));
    press(ui, m, 9);
    CHECK(ImGui::GetActiveID() == number_field_id(m.power.fields.effect));
}

TEST_CASE("keyboard only: Tab after clicking the panel reaches the first input", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    ui.frame(m);
    ui.click(900, 650);
    ui.frames(m, 4);
    press(ui, m, 9);
    CHECK(ImGui::GetActiveID() == number_field_id(m.power.fields.baseline));
}

TEST_CASE("keys typed right after Tab, before any frame, land in the field Tab moved to", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    ui.frame(m);
    ui.key_tap(9);
    for (const char* c : {"0", ".", "3"}) ui.type(c);
    ui.frames(m, 8);
    CHECK(m.state.power.baseline == 0.3);
}

TEST_CASE("every metric, unknown and analysis draws its inputs, answer and plots", "[ui]") {
    using namespace mlwb::power;
    HeadlessImGui ui(1200, 900);
    mlwb::ui::UiModel m;
    for (Metric metric : {Metric::Proportion, Metric::Mean, Metric::Ratio})
        for (Solve solve : {Solve::SampleSize, Solve::Mde, Solve::Power})
            for (Sequential seq : {Sequential::Fixed, Sequential::OBrienFleming, Sequential::AlwaysValid}) {
                m.state.power = PowerInputs{};
                m.state.power.metric = metric;
                m.state.power.solve = solve;
                m.state.power.sequential = seq;
                if (metric != Metric::Proportion) m.state.power.effect_scale = EffectScale::Relative, m.state.power.effect = 0.05;
                INFO(key_of(metric) << " " << key_of(solve) << " " << key_of(seq));
                CHECK(ui.frame(m) > 3000);
                CHECK(mlwb::ui::active_results(m)["ok"] == true);
                CHECK(m.power.curves.power_vs_n.x.size() >= 200);
            }
}

TEST_CASE("counts that come with the state open the test check, with its SRM alarm", "[ui]") {
    HeadlessImGui ui(1200, 1200);
    mlwb::ui::UiModel m;
    ui.frame(m);
    CHECK(m.power.check_fields.control_units.input_id == 0);  // closed by default
    m.state.power_check.control_units = 50000;
    m.state.power_check.treatment_units = 51500;
    ui.frames(m, 2);
    CHECK(m.power.check_fields.control_units.input_id != 0);
    CHECK(m.power.check_fields.ratio.input_id != 0);
    const auto& check = mlwb::ui::active_results(m)["check"];
    CHECK(check["ok"] == true);
    CHECK(check["srm_alert"] == true);
}

TEST_CASE("choosing a preset fills the inputs and shows its story", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    ui.frame(m);
    for (int i = 0; i < 4; ++i) {
        m.state.power = mlwb::power::power_presets()[i].inputs;
        m.power.preset = i;
        CHECK(ui.frame(m) > 0);
        CHECK(mlwb::ui::active_results(m)["ok"] == true);
    }
}
