#include "fonts.hpp"

#include <cstddef>

#include "imgui.h"

extern const unsigned char mlwb_font_sans[];
extern const std::size_t mlwb_font_sans_size;
extern const unsigned char mlwb_font_sans_bold[];
extern const std::size_t mlwb_font_sans_bold_size;
extern const unsigned char mlwb_font_sans_italic[];
extern const std::size_t mlwb_font_sans_italic_size;
extern const unsigned char mlwb_font_mono[];
extern const std::size_t mlwb_font_mono_size;
extern const unsigned char mlwb_font_arrows[];
extern const std::size_t mlwb_font_arrows_size;

namespace mlwb::ui {

namespace {

Fonts g_fonts;

// Must match MLWB_FONT_UNICODES in cmake/Fonts.cmake (the subset the fonts were cut to).
const ImWchar kGlyphRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x0160, 0x0161, 0x0394, 0x0394, 0x03A3, 0x03A3, 0x03A6, 0x03A6,
    0x03B1, 0x03B2, 0x03B4, 0x03B4, 0x03BB, 0x03BC, 0x03C1, 0x03C1, 0x03C3, 0x03C4, 0x03C7, 0x03C7, 0x2074, 0x2074, 0x2013, 0x2014, 0x2018, 0x201D, 0x2022, 0x2022, 0x2026, 0x2026,
    0x2190, 0x2193, 0x2212, 0x2212, 0x221A, 0x221A, 0x221E, 0x221E, 0x2248, 0x2248, 0x2260, 0x2260,
    0x2264, 0x2265, 0};

const ImWchar kArrowRanges[] = {0x2190, 0x2193, 0};
// The headline shows numbers and short labels only; its 30 px glyphs are the costliest to
// rasterise, so it gets ASCII alone (-40 ms on first load with software GL).
const ImWchar kHeadlineRanges[] = {0x0020, 0x007E, 0};

ImFont* add_font(const unsigned char* data, std::size_t size, float pixels, bool merge = false,
                 const ImWchar* ranges = kGlyphRanges) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // static data compiled into the binary
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = false;
    config.MergeMode = merge;
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), pixels,
                                                      &config, ranges);
}

// A Roboto face with DejaVu's arrows merged in (Roboto has none).
ImFont* add_sans(const unsigned char* data, std::size_t size, float pixels) {
    ImFont* font = add_font(data, size, pixels);
    add_font(mlwb_font_arrows, mlwb_font_arrows_size, pixels, true, kArrowRanges);
    return font;
}

}  // namespace

const Fonts& fonts() { return g_fonts; }

void load_fonts(float pixel_ratio, float ui_scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float k = pixel_ratio * ui_scale;
    g_fonts.regular = add_sans(mlwb_font_sans, mlwb_font_sans_size, 15.0f * k);
    g_fonts.bold = add_sans(mlwb_font_sans_bold, mlwb_font_sans_bold_size, 15.0f * k);
    g_fonts.italic = add_sans(mlwb_font_sans_italic, mlwb_font_sans_italic_size, 15.0f * k);
    g_fonts.mono = add_font(mlwb_font_mono, mlwb_font_mono_size, 14.0f * k);
    g_fonts.headline = add_font(mlwb_font_sans_bold, mlwb_font_sans_bold_size, 30.0f * k, false, kHeadlineRanges);
    io.Fonts->Build();
    io.FontDefault = g_fonts.regular;
    io.FontGlobalScale = 1.0f / pixel_ratio;
}

}  // namespace mlwb::ui
