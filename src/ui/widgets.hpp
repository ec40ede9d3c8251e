// Small drawing helpers shared by the panels.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"

namespace mlwb::ui {

// A panel of content with a background and border that fits its content exactly (a child
// window would need a fixed height in Dear ImGui 1.86). Pair every begin_card with end_card.
// `background` defaults to the theme's card colour.
void begin_card();
void begin_card(const ImVec4& background);
void end_card();

// The label column of a form row: the label (with `help` as its tooltip, may be null), then
// the cursor moved to where every row's widget starts, so fields line up.
void field_label(const char* label, const char* help);
float field_column();  // x where a row's widget starts, relative to the row

void muted_text(const std::string& text);   // secondary information, wrapped
// One step of a "Show the formula" derivation: its label in bold, the formula with the user's
// numbers below it in the monospace face (power and serving draw theirs with it).
void formula_step(const std::string& label, const std::string& text);
void error_text(const std::string& text);   // what is wrong, wrapped, in the error colour

}  // namespace mlwb::ui

namespace mlwb::ui {

// An InputText / InputTextMultiline over a std::string that grows as the user types.
bool input_string(const char* label, std::string& text, const char* hint = nullptr);
bool input_string_multiline(const char* label, std::string& text, ImVec2 size);

// What a panel asks of the page it runs in; the platform carries it out after the frame.
struct PageRequests {
    std::string open_url;    // a safe link to open in a new tab
    bool pick_file = false;  // show the browser's file picker
    std::string pick_accept = ".md,.markdown,.txt,text/markdown,text/plain";  // its file types
    struct Download {
        std::string file_name;
        std::string mime;
        std::string text;
    };
    std::vector<Download> downloads;
    std::string copy_text;   // put on the clipboard (Copy link, Copy embed code, Copy Markdown)
    bool capture_plots = false;  // after drawing: each plot's pixels as PNG, for the HTML report
};

}  // namespace mlwb::ui
