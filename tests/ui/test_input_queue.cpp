// Events that arrive between two frames are spread so Dear ImGui 1.86 sees each one.
#include <catch2/catch.hpp>

#include "ui_test_context.hpp"

using mlwb::ui::InputEvent;
using mlwb::ui::InputKind;

namespace {
InputEvent button(bool down) {
    InputEvent e;
    e.kind = InputKind::MouseButton;
    e.code = 0;
    e.down = down;
    return e;
}
InputEvent move(float x, float y) {
    InputEvent e;
    e.kind = InputKind::MouseMove;
    e.x = x;
    e.y = y;
    return e;
}
}  // namespace

TEST_CASE("a tap (down and up before one frame) becomes a press frame and a release frame", "[ui][input]") {
    HeadlessImGui ui;
    ImGuiIO& io = ImGui::GetIO();
    ui.queue.push(move(10, 20));
    ui.queue.push(button(true));
    ui.queue.push(button(false));
    ui.queue.push(move(-1e30f, -1e30f));
    ui.queue.apply_frame(io);
    CHECK(io.MouseDown[0]);
    CHECK(io.MousePos.x == 10);
    ui.queue.apply_frame(io);
    CHECK(!io.MouseDown[0]);
    CHECK(io.MousePos.x == 10);  // the release happens where the press was
    ui.queue.apply_frame(io);
    CHECK(io.MousePos.x < -1e29f);
    CHECK(ui.queue.empty());
}

TEST_CASE("key taps and typed text keep their order", "[ui][input]") {
    HeadlessImGui ui;
    ImGuiIO& io = ImGui::GetIO();
    InputEvent text;
    text.kind = InputKind::Text;
    text.text = "a";
    InputEvent back;
    back.kind = InputKind::Key;
    back.code = 8;
    back.down = true;
    ui.queue.push(text);
    ui.queue.push(back);
    back.down = false;
    ui.queue.push(back);
    ui.queue.apply_frame(io);
    CHECK(io.InputQueueCharacters.Size == 1);
    CHECK(!io.KeysDown[8]);
    io.InputQueueCharacters.resize(0);
    ui.queue.apply_frame(io);
    CHECK(io.KeysDown[8]);
    ui.queue.apply_frame(io);
    CHECK(!io.KeysDown[8]);
}

TEST_CASE("losing focus releases every key and button", "[ui][input]") {
    HeadlessImGui ui;
    ImGuiIO& io = ImGui::GetIO();
    InputEvent ctrl;
    ctrl.kind = InputKind::Key;
    ctrl.code = 17;
    ctrl.down = true;
    ctrl.ctrl = true;
    ui.queue.push(ctrl);
    ui.queue.push(button(true));
    ui.queue.apply_frame(io);
    CHECK(io.KeyCtrl);
    InputEvent blur;
    blur.kind = InputKind::Blur;
    ui.queue.push(blur);
    ui.queue.apply_frame(io);
    CHECK(!io.KeyCtrl);
    CHECK(!io.KeysDown[17]);
    CHECK(!io.MouseDown[0]);
}
