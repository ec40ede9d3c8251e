// Browser input events, queued and handed to Dear ImGui one frame at a time.
//
// ImGui 1.86 reads input as per-frame state (io.MouseDown, io.KeysDown), so a click or key tap
// whose down and up both arrive before the next frame (a touch tap always does) would be
// missed. Like the input queue ImGui itself gained in 1.87, we apply events in order and stop
// at the first one that would change a button or key already changed this frame; the rest
// waits for the next frame.
#pragma once

#include <deque>
#include <string>

struct ImGuiIO;

namespace mlwb::ui {

enum class InputKind { MouseMove, MouseButton, Wheel, Key, Text, Modifiers, Blur };

struct InputEvent {
    InputKind kind = InputKind::MouseMove;
    float x = 0, y = 0;            // MouseMove: position in CSS pixels; Wheel: scroll in ImGui units
    int code = 0;                  // MouseButton: 0 left, 1 right, 2 middle; Key: DOM keyCode
    bool down = false;             // MouseButton, Key
    bool ctrl = false, shift = false, alt = false, super = false;  // Key, Modifiers
    std::string text;              // Text: UTF-8 characters typed
};

// Key indices are DOM keyCode values; this fills io.KeyMap to match.
void configure_key_map(ImGuiIO& io);

class InputQueue {
public:
    void push(InputEvent e) { events_.push_back(std::move(e)); }
    // A key pressed and released (keyCode), as a tap or a shortcut replayed by the platform.
    void push_key_tap(int key_code, bool ctrl = false);
    bool empty() const { return events_.empty(); }
    std::size_t size() const { return events_.size(); }
    // Applies this frame's share of the queued events to io (call before ImGui::NewFrame()).
    void apply_frame(ImGuiIO& io);

private:
    std::deque<InputEvent> events_;
};

}  // namespace mlwb::ui
