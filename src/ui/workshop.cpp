#include "workshop.hpp"

#include <algorithm>

#include "app_ui.hpp"
#include "fonts.hpp"
#include "imgui.h"
#include "state/instruments.hpp"
#include "state/presets_json.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

namespace {

struct Shortcut {
    char key;
    const char* what;
};

// One table for the keys and the overlay that lists them, so they cannot drift apart.
constexpr Shortcut kShortcuts[] = {
    {'1', "Experiment power"},        {'2', "Serving simulator"}, {'3', "Drift lens"}, {'4', "Persona guide"},
    {'g', "Preset gallery"},          {'p', "Presenter mode on/off"},
    {'l', "Copy link to these inputs"}, {'?', "This list"},
};

void open_instrument(UiModel& m, state::InstrumentId id) {
    if (m.state.active == id) return;
    m.state.active = id;
    m.committed_edit = true;
    m.focus_panel = true;
}

void run_shortcut(UiModel& m, char key) {
    const auto all = state::instruments();
    if (key >= '1' && key < static_cast<char>('1' + all.size())) open_instrument(m, all[static_cast<std::size_t>(key - '1')].id);
    else if (key == 'g') m.workshop.gallery_open = true;
    else if (key == 'p') m.presenter = !m.presenter;
    else if (key == '?') m.workshop.shortcuts_open = true;
    else if (key == 'l' && !m.share.app_url.empty()) {
        m.page.copy_text = share_link(m.share, m.state);
        m.share.confirmation = "Link copied";
    }
}

void apply_preset(UiModel& m, state::InstrumentId id, const nlohmann::json& preset_state) {
    for (auto& notice : state::set_instrument_state(m.state, id, preset_state)) m.notices.push_back("Preset: " + notice);
    open_instrument(m, id);
    m.committed_edit = true;
}

// A centred window over the page (a modal: the page behind waits), closed by its button or Esc.
bool begin_overlay(const char* title, bool& open, float width_em) {
    if (!open) return false;
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float width = std::min(vp->WorkSize.x - 16.0f, ImGui::GetFontSize() * width_em);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + 8.0f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, vp->WorkSize.y - 16.0f));
    if (!ImGui::BeginPopupModal(title, &open, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
        open = false;
        return false;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        open = false;
        ImGui::CloseCurrentPopup();
    }
    return true;
}

void draw_gallery(UiModel& m) {
    if (!begin_overlay("Preset gallery", m.workshop.gallery_open, 44.0f)) return;
    if (m.workshop.gallery.is_null()) {
        m.workshop.gallery = nlohmann::json::object();
        for (const auto& info : state::instruments()) m.workshop.gallery[info.key] = state::presets_json(info.id);
    }
    muted_text("Each preset is a situation worth discussing. Choose one to open it; your current inputs are replaced, "
               "and Back returns to them.");
    for (const auto& info : state::instruments()) {
        const auto& presets = m.workshop.gallery[info.key];
        if (!presets.is_array() || presets.empty()) continue;
        ImGui::Spacing();
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted(info.title);
        ImGui::PopFont();
        ImGui::Separator();
        for (const auto& p : presets) {
            const std::string title = p.contains("title") && p["title"].is_string() ? p["title"].get<std::string>() : std::string("preset");
            ImGui::PushID(info.key);
            ImGui::PushID(title.c_str());
            if (ImGui::Button(title.c_str())) {
                apply_preset(m, info.id, p["state"]);
                m.workshop.gallery_open = false;
                ImGui::CloseCurrentPopup();
            }
            ImGui::PopID();
            ImGui::PopID();
            ImGui::Indent();
            if (p.contains("story") && p["story"].is_string()) ImGui::TextWrapped("%s", p["story"].get_ref<const std::string&>().c_str());
            ImGui::Unindent();
        }
    }
    ImGui::Spacing();
    if (ImGui::Button("Close")) {
        m.workshop.gallery_open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void draw_shortcuts(UiModel& m) {
    if (!begin_overlay("Keyboard shortcuts", m.workshop.shortcuts_open, 26.0f)) return;
    muted_text("When no input field has the focus:");
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3.0f);
        ImGui::TableSetupColumn("does", ImGuiTableColumnFlags_WidthStretch);
        for (const auto& s : kShortcuts) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushFont(fonts().bold);
            // Letters as on the keycap (either case works): "L", not an "l" that reads as "1".
            ImGui::Text("%c", s.key >= 'a' && s.key <= 'z' ? s.key - 'a' + 'A' : s.key);
            ImGui::PopFont();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s.what);
        }
        ImGui::EndTable();
    }
    muted_text("Everywhere: Tab and Shift+Tab move between fields, Enter applies a typed value, Esc closes this window.");
    if (ImGui::Button("Close")) {
        m.workshop.shortcuts_open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace

void draw_view_menu(UiModel& m) {
    if (!ImGui::BeginMenu("View")) return;
    ImGui::MenuItem("Presenter mode", "P", &m.presenter);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Larger text and controls with stronger contrast, for projectors and screen sharing.");
    if (ImGui::MenuItem("Preset gallery", "G")) m.workshop.gallery_open = true;
    if (ImGui::MenuItem("Keyboard shortcuts", "?")) m.workshop.shortcuts_open = true;
    ImGui::EndMenu();
}

void handle_shortcuts(UiModel& m) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeySuper || io.KeyAlt || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
        const ImWchar c = io.InputQueueCharacters[i];
        for (const auto& s : kShortcuts)
            if (c == static_cast<ImWchar>(s.key) || (s.key >= 'a' && s.key <= 'z' && c == static_cast<ImWchar>(s.key - 'a' + 'A')))
                run_shortcut(m, s.key);
    }
}

void draw_workshop_windows(UiModel& m) {
    draw_gallery(m);
    draw_shortcuts(m);
}

}  // namespace mlwb::ui
