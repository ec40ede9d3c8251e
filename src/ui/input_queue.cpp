#include "input_queue.hpp"

#include <bitset>

#include "imgui.h"

namespace mlwb::ui {

void configure_key_map(ImGuiIO& io) {
    io.KeyMap[ImGuiKey_Tab] = 9;
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
    io.KeyMap[ImGuiKey_Home] = 36;
    io.KeyMap[ImGuiKey_End] = 35;
    io.KeyMap[ImGuiKey_Insert] = 45;
    io.KeyMap[ImGuiKey_Delete] = 46;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
    io.KeyMap[ImGuiKey_A] = 65;
    io.KeyMap[ImGuiKey_C] = 67;
    io.KeyMap[ImGuiKey_V] = 86;
    io.KeyMap[ImGuiKey_X] = 88;
    io.KeyMap[ImGuiKey_Y] = 89;
    io.KeyMap[ImGuiKey_Z] = 90;
}

void InputQueue::push_key_tap(int key_code, bool ctrl) {
    InputEvent e;
    e.kind = InputKind::Key;
    e.code = key_code;
    e.ctrl = ctrl;
    e.down = true;
    push(e);
    e.down = false;
    push(e);
}

namespace {
void apply_modifiers(const InputEvent& e, ImGuiIO& io) {
    io.KeyCtrl = e.ctrl;
    io.KeyShift = e.shift;
    io.KeyAlt = e.alt;
    io.KeySuper = e.super;
}
}  // namespace

void InputQueue::apply_frame(ImGuiIO& io) {
    std::bitset<8> buttons_changed;
    std::bitset<512> keys_changed;
    bool moved_after_button = false;
    bool typed = false;
    while (!events_.empty()) {
        const InputEvent& e = events_.front();
        switch (e.kind) {
            case InputKind::MouseMove:
                // A move after a press in the same frame would make ImGui see the press at the
                // new place; keep the press where it happened.
                if (buttons_changed.any()) { moved_after_button = true; break; }
                io.MousePos = ImVec2(e.x, e.y);
                break;
            case InputKind::MouseButton:
                if (e.code < 0 || e.code >= 5) break;
                if (buttons_changed[e.code]) return;
                io.MouseDown[e.code] = e.down;
                buttons_changed[e.code] = true;
                break;
            case InputKind::Wheel:
                io.MouseWheel += e.y;
                io.MouseWheelH += e.x;
                break;
            case InputKind::Key:
                if (e.code < 0 || e.code >= 512) break;
                if (keys_changed[e.code] || (typed && e.down)) return;
                io.KeysDown[e.code] = e.down;
                keys_changed[e.code] = true;
                apply_modifiers(e, io);
                // Tab moves focus, which ImGui settles during this frame: whatever was typed
                // after it belongs to the next field, so it waits for the next frame.
                if (e.code == 9 && e.down) {
                    events_.pop_front();
                    return;
                }
                break;
            case InputKind::Modifiers:
                apply_modifiers(e, io);
                break;
            case InputKind::Text:
                // Keep typed characters and key presses in order (typing "ab" then Backspace).
                if (keys_changed.any()) return;
                io.AddInputCharactersUTF8(e.text.c_str());
                typed = true;
                break;
            case InputKind::Blur:
                // Keys released while the page had no focus never send keyup: release them all.
                for (bool& k : io.KeysDown) k = false;
                for (bool& b : io.MouseDown) b = false;
                io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
                break;
        }
        if (moved_after_button) return;
        events_.pop_front();
    }
}

}  // namespace mlwb::ui
