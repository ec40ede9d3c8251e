// Small drawing helpers shared by the panels.
#pragma once

#include <string>

#include "imgui.h"

namespace mlwb::ui {

// A panel of content with a background and border that fits its content exactly (a child
// window would need a fixed height in Dear ImGui 1.86). Pair every begin_card with end_card.
// `background` defaults to the theme's card colour.
void begin_card();
void begin_card(const ImVec4& background);
void end_card();

void muted_text(const std::string& text);   // secondary information, wrapped
void error_text(const std::string& text);   // what is wrong, wrapped, in the error colour

}  // namespace mlwb::ui
