#include "theme.hpp"

#include "workshop.hpp"

namespace mlwb::ui {

namespace {
Palette g_palette;
}

const Palette& palette() { return g_palette; }

ImVec4 good_colour() {
    const bool dark = ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x < 0.5f;
    return dark ? ImVec4(0.40f, 0.85f, 0.50f, 1.0f) : ImVec4(0.05f, 0.50f, 0.20f, 1.0f);
}

bool theme_is_dark(ThemeChoice choice, bool system_prefers_dark) {
    return choice == ThemeChoice::Dark || (choice == ThemeChoice::System && system_prefers_dark);
}

void apply_theme(bool dark, bool presenter) {
    ImGuiStyle style;  // start from defaults so switching back and forth never accumulates
    if (dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);

    style.WindowRounding = 0.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.ChildRounding = 6.0f;
    style.PopupRounding = 4.0f;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(10, 8);
    style.WindowPadding = ImVec2(16, 14);
    style.WindowBorderSize = 0.0f;
    style.ChildBorderSize = 1.0f;

    ImVec4* c = style.Colors;
    const ImVec4 accent = dark ? ImVec4(0.36f, 0.62f, 0.98f, 1.0f) : ImVec4(0.10f, 0.40f, 0.85f, 1.0f);
    c[ImGuiCol_WindowBg] = dark ? ImVec4(0.11f, 0.12f, 0.14f, 1.0f) : ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
    c[ImGuiCol_MenuBarBg] = dark ? ImVec4(0.08f, 0.09f, 0.10f, 1.0f) : ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
    c[ImGuiCol_FrameBg] = dark ? ImVec4(0.18f, 0.20f, 0.23f, 1.0f) : ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = dark ? ImVec4(0.23f, 0.26f, 0.30f, 1.0f) : ImVec4(0.93f, 0.95f, 1.0f, 1.0f);
    c[ImGuiCol_FrameBgActive] = c[ImGuiCol_FrameBgHovered];
    c[ImGuiCol_Border] = dark ? ImVec4(0.30f, 0.32f, 0.36f, 1.0f) : ImVec4(0.78f, 0.80f, 0.84f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(accent.x, accent.y, accent.z, 0.30f);
    c[ImGuiCol_HeaderHovered] = ImVec4(accent.x, accent.y, accent.z, 0.45f);
    c[ImGuiCol_HeaderActive] = ImVec4(accent.x, accent.y, accent.z, 0.60f);
    c[ImGuiCol_Button] = ImVec4(accent.x, accent.y, accent.z, 0.20f);
    c[ImGuiCol_ButtonHovered] = ImVec4(accent.x, accent.y, accent.z, 0.40f);
    c[ImGuiCol_ButtonActive] = ImVec4(accent.x, accent.y, accent.z, 0.60f);
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_PlotHistogram] = ImVec4(accent.x, accent.y, accent.z, 0.55f);  // progress bars
    if (!dark) style.FrameBorderSize = 1.0f;
    if (presenter) {
        // For projectors and shared screens: full-contrast text and borders, every size scaled
        // with the fonts (which the platform rebuilds at kPresenterScale).
        c[ImGuiCol_Text] = dark ? ImVec4(1, 1, 1, 1) : ImVec4(0, 0, 0, 1);
        c[ImGuiCol_WindowBg] = dark ? ImVec4(0, 0, 0, 1) : ImVec4(1, 1, 1, 1);
        c[ImGuiCol_Border] = dark ? ImVec4(0.75f, 0.77f, 0.80f, 1.0f) : ImVec4(0.25f, 0.27f, 0.30f, 1.0f);
        style.FrameBorderSize = 1.0f;
        style.ScaleAllSizes(kPresenterScale);
    }
    ImGui::GetStyle() = style;

    g_palette.error = dark ? ImVec4(1.0f, 0.45f, 0.42f, 1.0f) : ImVec4(0.75f, 0.10f, 0.08f, 1.0f);
    g_palette.warning_bg = dark ? ImVec4(0.35f, 0.27f, 0.08f, 1.0f) : ImVec4(1.0f, 0.95f, 0.78f, 1.0f);
    g_palette.muted = dark ? ImVec4(0.62f, 0.65f, 0.70f, 1.0f) : ImVec4(0.38f, 0.40f, 0.45f, 1.0f);
    if (presenter) g_palette.muted = dark ? ImVec4(0.82f, 0.84f, 0.87f, 1.0f) : ImVec4(0.20f, 0.21f, 0.24f, 1.0f);
    g_palette.accent = accent;
    g_palette.card_bg = dark ? ImVec4(0.15f, 0.16f, 0.19f, 1.0f) : ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    g_palette.code_bg = dark ? ImVec4(0.17f, 0.18f, 0.21f, 1.0f) : ImVec4(0.91f, 0.92f, 0.94f, 1.0f);
}

}  // namespace mlwb::ui
