// For workshops and meetings: the preset gallery (every instrument's presets, each with the
// sentence that tells its story), presenter mode (1.75x UI, high contrast) and keyboard shortcuts
// with their help overlay. Drawn by app_ui; the state they change is UiModel's.
#pragma once

#include <nlohmann/json.hpp>

#include "state/app_state.hpp"

namespace mlwb::ui {

struct UiModel;

constexpr float kPresenterScale = 1.75f;

struct WorkshopView {
    bool gallery_open = false;
    bool shortcuts_open = false;
    nlohmann::json gallery;  // per instrument: its presets (state::presets_json), built when first opened
};

// The top bar's View menu: presenter mode, preset gallery, keyboard shortcuts.
void draw_view_menu(UiModel& m);
// Single keys when no text field has focus (listed by the help overlay). Call after NewFrame.
void handle_shortcuts(UiModel& m);
// The gallery and the help overlay when open.
void draw_workshop_windows(UiModel& m);

}  // namespace mlwb::ui
