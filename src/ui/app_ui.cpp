#include "app_ui.hpp"

#include <cctype>

#include "fonts.hpp"
#include "imgui.h"
#include "state/instruments.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

namespace {

void sync_theme(UiModel& m) {
    const bool dark = theme_is_dark(m.theme, m.system_prefers_dark);
    if (m.theme_applied && dark == m.applied_dark && m.presenter == m.applied_presenter) return;
    apply_theme(dark, m.presenter);
    m.applied_dark = dark;
    m.applied_presenter = m.presenter;
    m.theme_applied = true;
}

const nlohmann::json& results_of(void* model) { return active_results(*static_cast<UiModel*>(model)); }

// The embed page's bar: which instrument this is, a way out to the full app, and exports.
void draw_embed_bar(UiModel& m) {
    if (!ImGui::BeginMainMenuBar()) return;
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(state::instrument_info(m.state.active).title);
    ImGui::PopFont();
    if (ImGui::MenuItem("Open in full app"))
        m.page.open_url = share_link(m.share, m.state);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("MLOps Workbench in a new tab, with these inputs.");
    draw_share_menus(m.share, m.state, results_of, &m, m.page);
    if (!m.share.confirmation.empty()) ImGui::TextDisabled("%s", m.share.confirmation.c_str());
    ImGui::EndMainMenuBar();
}

void draw_top_bar(UiModel& m) {
    if (m.share.embedded) {
        draw_embed_bar(m);
        return;
    }
    if (!ImGui::BeginMainMenuBar()) return;
    // In an embed-sized box the instrument names need the room more than the product name.
    // Presenter mode's larger text needs the whole bar for the instruments and menus too.
    if (ImGui::GetIO().DisplaySize.x >= 520.0f && !m.presenter) {
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted("MLOps Workbench");
        ImGui::PopFont();
        ImGui::Separator();
    }
    for (const auto& info : state::instruments()) {
        const bool active = m.state.active == info.id;
        ImGui::PushID(info.key);
        if (ImGui::Selectable(info.title, active, 0, ImVec2(ImGui::CalcTextSize(info.title).x, 0)) && !active) {
            m.state.active = info.id;
            m.committed_edit = true;
            m.focus_panel = true;
        }
        ImGui::PopID();
    }
    ImGui::Separator();
    draw_share_menus(m.share, m.state, results_of, &m, m.page);
    draw_view_menu(m);
    if (!m.share.confirmation.empty()) ImGui::TextDisabled("%s", m.share.confirmation.c_str());
    // Theme menu on the right.
    const char* label = m.theme == ThemeChoice::System ? "Theme: system" : m.theme == ThemeChoice::Light ? "Theme: light" : "Theme: dark";
    if (ImGui::GetIO().DisplaySize.x < 420.0f || m.presenter) label = "Theme";
    const float width = ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemSpacing.x * 2 + ImGui::GetFontSize();
    const float right = ImGui::GetWindowContentRegionMax().x - width;
    if (right > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(right);
    if (ImGui::BeginMenu(label)) {
        if (ImGui::MenuItem("Follow system", nullptr, m.theme == ThemeChoice::System)) m.theme = ThemeChoice::System;
        if (ImGui::MenuItem("Light", nullptr, m.theme == ThemeChoice::Light)) m.theme = ThemeChoice::Light;
        if (ImGui::MenuItem("Dark", nullptr, m.theme == ThemeChoice::Dark)) m.theme = ThemeChoice::Dark;
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void draw_notices(UiModel& m) {
    if (m.notices.empty()) return;
    constexpr std::size_t kShown = 4;
    begin_card(palette().warning_bg);
    for (std::size_t i = 0; i < m.notices.size() && i < kShown; ++i) ImGui::TextWrapped("%s", m.notices[i].c_str());
    if (m.notices.size() > kShown) ImGui::Text("... and %d more.", static_cast<int>(m.notices.size() - kShown));
    if (ImGui::SmallButton("Dismiss")) m.notices.clear();
    end_card();
}

}  // namespace

bool is_data_file_name(const std::string& name) {
    auto ends_with = [&](const char* ext) {
        const std::string e(ext);
        if (name.size() < e.size()) return false;
        for (std::size_t i = 0; i < e.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(name[name.size() - e.size() + i])) != e[i]) return false;
        return true;
    };
    return ends_with(".csv") || ends_with(".tsv");
}

const char* theme_key(ThemeChoice t) {
    return t == ThemeChoice::Light ? "light" : t == ThemeChoice::Dark ? "dark" : "system";
}

ThemeChoice theme_from_key(const std::string& key) {
    return key == "light" ? ThemeChoice::Light : key == "dark" ? ThemeChoice::Dark : ThemeChoice::System;
}

const nlohmann::json& active_results(UiModel& m) {
    switch (m.state.active) {
        case state::InstrumentId::Power: return power_panel_results(m.power, m.state.power, m.state.power_check);
        case state::InstrumentId::Serving: return serving_panel_results(m.serving, m.state.serving);
        case state::InstrumentId::Drift: return drift_panel_results(m.drift, m.state.drift);
        case state::InstrumentId::Guide: return guide_results(m.guide_panel, m.guide, m.state.guide);
    }
    return power_panel_results(m.power, m.state.power, m.state.power_check);
}

void draw_app(UiModel& m) {
    m.committed_edit = false;
    m.work_in_progress = false;
    sync_theme(m);
    if (!m.share.embedded) handle_shortcuts(m);
    draw_top_bar(m);

    // The active instrument fills the rest of the viewport.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    // Focused from the start, so a keyboard user's first Tab lands on the first input.
    if (m.focus_panel) ImGui::SetNextWindowFocus();
    m.focus_panel = false;
    ImGui::Begin("instrument", nullptr, flags);
    // Another instrument starts at its top, not at the previous one's scroll position.
    if (m.drawn_instrument != m.state.active) ImGui::SetScrollY(0.0f);
    draw_notices(m);
    // Keep lines readable on wide screens.
    const float max_width = ImGui::GetFontSize() * 48.0f;
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + (avail < max_width ? avail : max_width));
    // A file the user gave the page: data for the drift lens when it is open or the file is a
    // CSV, otherwise a soul to import into the guide.
    for (const auto& file : m.received_files) {
        if (m.state.active == state::InstrumentId::Drift || is_data_file_name(file.name)) {
            load_drift_text(m.drift, m.state.drift, m.drift.picking_slot, file.name, file.text);
            m.drift.picking_slot = -1;
            m.state.active = state::InstrumentId::Drift;
            m.committed_edit = true;
            continue;
        }
        if (file.bytes > file.text.size() + 4) {  // not read: far over the limit
            m.guide_panel.import_failed = true;
            m.guide_panel.import_message = "Not imported: '" + file.name + "' is " + std::to_string(file.bytes / 1024) +
                                           " kB; souls up to " + std::to_string(kMaxImportBytes / 1024) + " kB can be imported.";
        } else {
            import_file_into_guide(m.guide_panel, m.guide, m.state.guide, file.name, file.text);
        }
        m.state.active = state::InstrumentId::Guide;
        m.committed_edit = true;
    }
    m.received_files.clear();
    switch (m.state.active) {
        case state::InstrumentId::Power:
            m.committed_edit |= draw_power_panel(m.power, m.state.power, m.state.power_check);
            if (!m.share.embedded && draw_linked_items(m.guide, m.state.guide, "power")) {
                m.state.active = state::InstrumentId::Guide;
                m.committed_edit = true;
            }
            break;
        case state::InstrumentId::Serving:
            m.committed_edit |= draw_serving_panel(m.serving, m.state.serving);
            if (!m.share.embedded && draw_linked_items(m.guide, m.state.guide, "serving")) {
                m.state.active = state::InstrumentId::Guide;
                m.committed_edit = true;
            }
            break;
        case state::InstrumentId::Drift:
            m.committed_edit |= draw_drift_panel(m.drift, m.state.drift, m.page);
            if (!m.share.embedded && draw_linked_items(m.guide, m.state.guide, "drift")) {
                m.state.active = state::InstrumentId::Guide;
                m.committed_edit = true;
            }
            break;
        case state::InstrumentId::Guide: {
            const GuideFrame frame = draw_guide_panel(m.guide_panel, m.guide, m.state.guide, m.page);
            m.committed_edit |= frame.committed;
            m.work_in_progress |= frame.work_pending;
            if (frame.switch_instrument) {
                m.state.active = frame.open_instrument;
                m.focus_panel = true;
            }
            break;
        }
    }
    ImGui::PopTextWrapPos();
    // A simulation advances only while its panel is drawn: frames keep coming while it is shown.
    if (m.state.active == state::InstrumentId::Serving) m.work_in_progress |= serving_panel_busy(m.serving);
    if (m.state.active == state::InstrumentId::Drift) m.work_in_progress |= drift_panel_busy(m.drift);
    m.drawn_instrument = m.state.active;
    // What the whole page needs, scrolled or not: the bar, the panel's content and its padding.
    m.content_height = vp->WorkPos.y + ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    if (m.committed_edit) m.share.confirmation.clear();
    ImGui::End();
    draw_workshop_windows(m);
    sync_theme(m);  // a theme picked this frame applies from the next one
}

}  // namespace mlwb::ui
