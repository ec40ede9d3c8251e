// The app's faces (Roboto regular, bold and italic, Noto Sans Mono), embedded at build time from
// Debian font packages. Glyphs are rasterised at the screen's pixel ratio and drawn at 1/ratio,
// so text is crisp on HiDPI screens while layout stays in CSS pixels.
#pragma once

struct ImFont;

namespace mlwb::ui {

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* mono = nullptr;
    ImFont* headline = nullptr;  // large bold, for the one number a panel exists to give
    ImFont* italic = nullptr;    // emphasis in the persona guide's Markdown view
};

const Fonts& fonts();

// (Re)builds the font atlas for this pixel ratio and UI scale. The renderer must re-upload
// the atlas texture afterwards.
void load_fonts(float pixel_ratio, float ui_scale = 1.0f);

}  // namespace mlwb::ui
