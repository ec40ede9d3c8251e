// Light and dark themes. The app follows the system's prefers-color-scheme unless the user
// picks one; the choice is remembered with the rest of the UI preferences.
#pragma once

#include "imgui.h"

namespace mlwb::ui {

enum class ThemeChoice { System, Light, Dark };

// Colours panels use for meaning, on top of ImGui's style colours.
struct Palette {
    ImVec4 error;
    ImVec4 warning_bg;
    ImVec4 muted;
    ImVec4 accent;
    ImVec4 card_bg;
    ImVec4 code_bg;  // code blocks and inline code in the Markdown view
};

// presenter: high contrast and every size scaled by kPresenterScale (workshop.hpp).
void apply_theme(bool dark, bool presenter = false);
const Palette& palette();
// The palette has no "good" colour: a green that reads on the current background.
ImVec4 good_colour();
bool theme_is_dark(ThemeChoice choice, bool system_prefers_dark);

}  // namespace mlwb::ui
