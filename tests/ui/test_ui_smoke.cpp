// The whole UI, run headless: it draws, survives invalid state, and a value typed into a
// field goes through validation into the state (or stays out of it, with a message).
#include <catch2/catch.hpp>

#include <cstring>

#include "imgui_internal.h"
#include "ui_test_context.hpp"

namespace {

// The id Dear ImGui gives the input of a NumberField drawn with PushID(field_id) in the
// instrument window.
ImGuiID number_field_id(const char* field_id) {
    ImGuiWindow* window = ImGui::FindWindowByName("instrument");
    REQUIRE(window != nullptr);
    return ImHashStr("##value", 0, ImHashStr(field_id, 0, window->ID));
}

void type_into(HeadlessImGui& ui, mlwb::ui::UiModel& m, const char* field_id, const char* text) {
    ImGui::ActivateItem(number_field_id(field_id));
    ui.frame(m);  // activation is processed when the item is drawn
    ui.frame(m);
    REQUIRE(ImGui::GetActiveID() == number_field_id(field_id));
    // AutoSelectAll selected the old text; typing replaces it.
    ImGui::GetIO().AddInputCharactersUTF8(text);
    ui.frame(m);
    ui.frame(m);
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

TEST_CASE("typing a valid value commits it; typing garbage keeps the last good state", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    ui.frame(m);
    ui.frame(m);

    type_into(ui, m, "baseline", "0.2");
    CHECK(m.state.power.baseline == 0.2);
    CHECK(m.power.baseline.error.empty());
    CHECK(mlwb::ui::active_results(m)["ok"] == true);

    type_into(ui, m, "target", "abc");
    CHECK(m.state.power.target == 0.11);
    CHECK(m.power.target.error == "Not a number.");

    type_into(ui, m, "alpha", "1.5");
    CHECK(m.state.power.alpha == 0.05);
    CHECK(!m.power.alpha.error.empty());

    type_into(ui, m, "target", "20%");  // equal to the baseline: rejected with the engine's message
    CHECK(m.state.power.target == 0.11);
    CHECK(m.power.target.error.find("differ") != std::string::npos);

    type_into(ui, m, "target", "25%");
    CHECK(m.state.power.target == 0.25);
    CHECK(mlwb::ui::active_results(m)["n_per_arm_ceil"] > 0);
}

TEST_CASE("keyboard only: the first Tab on a fresh page reaches the first input", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    ui.frame(m);
    auto tab = [&]() {
        mlwb::ui::InputEvent e;
        e.kind = mlwb::ui::InputKind::Key;
        e.code = 9;
        e.down = true;
        ui.queue.push(e);
        e.down = false;
        ui.queue.push(e);
        for (int i = 0; i < 3; ++i) ui.frame(m);
    };
    tab();
    CHECK(ImGui::GetActiveID() == number_field_id("baseline"));
    tab();
    CHECK(ImGui::GetActiveID() == number_field_id("target"));
}

TEST_CASE("keyboard only: Tab after clicking the panel reaches the first input", "[ui]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m;
    ui.frame(m);
    auto push = [&](mlwb::ui::InputKind kind, int code, bool down, float x = 0, float y = 0) {
        mlwb::ui::InputEvent e;
        e.kind = kind;
        e.code = code;
        e.down = down;
        e.x = x;
        e.y = y;
        ui.queue.push(e);
    };
    push(mlwb::ui::InputKind::MouseMove, 0, false, 500, 600);
    push(mlwb::ui::InputKind::MouseButton, 0, true);
    push(mlwb::ui::InputKind::MouseButton, 0, false);
    for (int i = 0; i < 4; ++i) ui.frame(m);
    push(mlwb::ui::InputKind::Key, 9, true);
    push(mlwb::ui::InputKind::Key, 9, false);
    for (int i = 0; i < 4; ++i) ui.frame(m);
    CHECK(ImGui::GetActiveID() == number_field_id("baseline"));
}
