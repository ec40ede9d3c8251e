// Browser events -> the input queue, through Emscripten's html5.h (Emscripten 3.1.6's built-in
// GLFW cannot do HiDPI, clipboard or touch properly). Every event asks for a few frames; with
// no events and no work, no frame is drawn at all.
#include <emscripten/html5.h>

#include <cfloat>
#include <cstring>

#include "imgui.h"
#include "web_app.hpp"

namespace mlwb::web {

namespace {

using ui::InputEvent;
using ui::InputKind;

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void*) {
    InputEvent ev;
    ev.kind = InputKind::MouseMove;
    ev.x = static_cast<float>(e->clientX);
    ev.y = static_cast<float>(e->clientY);
    app().input.push(ev);
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_mouse_button(int type, const EmscriptenMouseEvent* e, void*) {
    on_mouse_move(0, e, nullptr);
    InputEvent ev;
    ev.kind = InputKind::MouseButton;
    // DOM buttons: 0 left, 1 middle, 2 right; ImGui: 0 left, 1 right, 2 middle.
    ev.code = e->button == 1 ? 2 : e->button == 2 ? 1 : e->button;
    ev.down = type == EMSCRIPTEN_EVENT_MOUSEDOWN;
    app().input.push(ev);
    request_frames();
    return EM_FALSE;  // let the page keep focus handling (needed for keyboard and paste)
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    // ImGui scrolls ~5 lines per unit; browsers report pixels (mode 0), lines (1) or pages (2).
    const double scale = e->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100.0 : e->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0 : 1.0;
    InputEvent ev;
    ev.kind = InputKind::Wheel;
    ev.x = static_cast<float>(-e->deltaX * scale);
    ev.y = static_cast<float>(-e->deltaY * scale);
    app().input.push(ev);
    request_frames();
    return EM_TRUE;  // no page zoom or scroll behind the canvas
}

// Touch: the first finger drives the mouse. Down and up of a tap arrive together; the input
// queue spreads them over frames. After the finger lifts, the pointer leaves so nothing stays
// hovered. (ImGui 1.86 has no way to be told the pointer is a finger; 1.89 added one.)
EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    if (e->numTouches < 1) return EM_FALSE;
    const EmscriptenTouchPoint& t = e->touches[0];
    InputEvent move;
    move.kind = InputKind::MouseMove;
    move.x = static_cast<float>(t.clientX);
    move.y = static_cast<float>(t.clientY);
    app().input.push(move);
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART || type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
        InputEvent button;
        button.kind = InputKind::MouseButton;
        button.code = 0;
        button.down = type == EMSCRIPTEN_EVENT_TOUCHSTART;
        app().input.push(button);
        if (!button.down) {
            InputEvent away;
            away.kind = InputKind::MouseMove;
            away.x = away.y = -FLT_MAX;
            app().input.push(away);
        }
    }
    request_frames();
    return EM_TRUE;  // no synthetic mouse events and no page panning on the canvas
}

bool is_single_character(const char* key) {
    const auto len = std::strlen(key);
    if (len == 0 || len > 4) return false;
    const auto lead = static_cast<unsigned char>(key[0]);
    const std::size_t expected = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    return expected == len;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    InputEvent ev;
    ev.kind = InputKind::Key;
    ev.code = static_cast<int>(e->keyCode);
    ev.down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    ev.ctrl = e->ctrlKey;
    ev.shift = e->shiftKey;
    ev.alt = e->altKey;
    ev.super = e->metaKey;
    const bool shortcut = e->ctrlKey || e->metaKey;
    // Ctrl+V reaches ImGui from the paste event instead (mlwb_platform_on_paste), which is the
    // moment the clipboard's text is known; the keydown alone could paste stale text.
    if (shortcut && ev.code == 86) ev.kind = InputKind::Modifiers;
    app().input.push(ev);
    if (ev.down && !shortcut && is_single_character(e->key)) {
        InputEvent text;
        text.kind = InputKind::Text;
        text.text = e->key;
        app().input.push(text);
    }
    request_frames();
    // With Ctrl/Cmd, keep only the shortcuts text editing uses (select all, undo, redo, word
    // moves and deletes); the browser keeps the rest: copy/cut/paste (it then fires the paste
    // event we read), zoom, find, reload, tabs, devtools.
    if (shortcut) {
        const int c = ev.code;
        const bool editing = c == 65 || c == 89 || c == 90 || (c >= 35 && c <= 40) || c == 8 || c == 46;
        return editing ? EM_TRUE : EM_FALSE;
    }
    return (ev.code >= 112 && ev.code <= 123) ? EM_FALSE : EM_TRUE;  // F1-F12 stay the browser's
}

EM_BOOL on_blur(int, const EmscriptenFocusEvent*, void*) {
    InputEvent ev;
    ev.kind = InputKind::Blur;
    app().input.push(ev);
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_visibility(int, const EmscriptenVisibilityChangeEvent* e, void*) {
    if (!e->hidden) request_frames();  // hidden tabs get no animation frames at all
    return EM_FALSE;
}

}  // namespace

void install_event_callbacks() {
    const char* canvas = "#canvas";
    const char* win = EMSCRIPTEN_EVENT_TARGET_WINDOW;
    emscripten_set_mousedown_callback(canvas, nullptr, true, on_mouse_button);
    // Moves and releases on the window, so a drag that leaves the canvas still ends.
    emscripten_set_mouseup_callback(win, nullptr, true, on_mouse_button);
    emscripten_set_mousemove_callback(win, nullptr, true, on_mouse_move);
    emscripten_set_wheel_callback(canvas, nullptr, true, on_wheel);
    emscripten_set_touchstart_callback(canvas, nullptr, true, on_touch);
    emscripten_set_touchmove_callback(canvas, nullptr, true, on_touch);
    emscripten_set_touchend_callback(canvas, nullptr, true, on_touch);
    emscripten_set_touchcancel_callback(canvas, nullptr, true, on_touch);
    emscripten_set_keydown_callback(win, nullptr, true, on_key);
    emscripten_set_keyup_callback(win, nullptr, true, on_key);
    emscripten_set_blur_callback(win, nullptr, true, on_blur);
    emscripten_set_resize_callback(win, nullptr, true, on_resize);
    emscripten_set_visibilitychange_callback(nullptr, true, on_visibility);
}

}  // namespace mlwb::web
