#include "share_menu.hpp"

#include "imgui.h"
#include "state/instruments.hpp"
#include "state/results_export.hpp"
#include "util/escape.hpp"

namespace mlwb::ui {

std::string share_link(const ShareContext& share, const state::AppState& state) {
    return share.app_url + "#" + state::app_state_to_hash(state);
}

std::string embed_code(const ShareContext& share, const state::AppState& state) {
    const std::string src = share.embed_url + "#" + state::app_state_to_hash(state);
    const std::string title = std::string("MLOps Workbench: ") + state::instrument_info(state.active).title;
    // 100 % wide up to a comfortable reading width; 600 px tall shows the answer and the main
    // inputs, and a host that listens for "mlwb:height" can size it to the content exactly.
    return "<iframe src=\"" + html_escaped(src) + "\" title=\"" + html_escaped(title) +
           "\" width=\"100%\" height=\"600\" style=\"border:0;max-width:960px\" loading=\"lazy\"></iframe>";
}

std::string export_base_name(const state::AppState& state) {
    return std::string("mlwb-") + state::instrument_info(state.active).key;
}

nlohmann::json export_document(const state::AppState& state, const nlohmann::json& results) {
    nlohmann::json doc = results.is_object() ? results : nlohmann::json{{"results", results}};
    doc["inputs"] = state::instrument_state_json(state, state.active);
    return doc;
}

std::string results_json_text(const nlohmann::json& results) {
    // NaN and infinities are not JSON: nlohmann writes them as null, which parses everywhere.
    return results.dump(2) + "\n";
}

bool export_kind_from_key(const std::string& key, ExportKind& kind) {
    static constexpr std::pair<const char*, ExportKind> kKeys[] = {{"copy-markdown", ExportKind::CopyMarkdown},
                                                                   {"json", ExportKind::Json},
                                                                   {"csv", ExportKind::Csv},
                                                                   {"markdown", ExportKind::Markdown},
                                                                   {"plots", ExportKind::PlotsAndReport}};
    for (const auto& [name, value] : kKeys)
        if (key == name) {
            kind = value;
            return true;
        }
    return false;
}

void request_export(ExportKind kind, ShareContext& share, const state::AppState& state, const nlohmann::json& results,
                    PageRequests& page) {
    const std::string base = export_base_name(state);
    const char* title = state::instrument_info(state.active).title;
    switch (kind) {
        case ExportKind::CopyMarkdown:
            page.copy_text = state::results_markdown(title, export_document(state, results));
            share.confirmation = "Markdown copied";
            break;
        case ExportKind::Json:
            page.downloads.push_back({base + ".json", "application/json", results_json_text(export_document(state, results))});
            break;
        case ExportKind::Csv:
            page.downloads.push_back({base + ".csv", "text/csv", state::results_csv(export_document(state, results))});
            break;
        case ExportKind::Markdown:
            page.downloads.push_back({base + ".md", "text/markdown", state::results_markdown(title, export_document(state, results))});
            break;
        case ExportKind::PlotsAndReport:
            page.capture_plots = true;  // the platform captures the plots after the next frame, then writes the report
            break;
    }
}

bool draw_share_menus(ShareContext& share, const state::AppState& state, const nlohmann::json& (*results)(void*), void* context,
                      PageRequests& page) {
    bool asked = false;
    const char* title = state::instrument_info(state.active).title;
    if (ImGui::BeginMenu("Share")) {
        if (ImGui::MenuItem("Copy link", nullptr, false, !share.app_url.empty())) {
            page.copy_text = share_link(share, state);
            share.confirmation = "Link copied";
            asked = true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link that opens %s with exactly these inputs.", title);
        if (ImGui::MenuItem("Copy embed code", nullptr, false, !share.embed_url.empty())) {
            page.copy_text = embed_code(share, state);
            share.confirmation = "Embed code copied";
            asked = true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("An <iframe> for a wiki or web page, showing this instrument alone.");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Export")) {
        struct Item {
            const char* label;
            ExportKind kind;
            const char* tooltip;
        };
        static constexpr Item kItems[] = {
            {"Copy results as Markdown", ExportKind::CopyMarkdown, "A table of the inputs and results, for a ticket or a chat."},
            {"Download results (JSON)", ExportKind::Json, "The results exactly as window.mlwb.results() gives them, with the inputs."},
            {"Download results (CSV)", ExportKind::Csv, "One row per field: field,value."},
            {"Download results (Markdown)", ExportKind::Markdown, nullptr},
            {"Download plots (PNG) and report (HTML)", ExportKind::PlotsAndReport,
             "Each whole plot on screen as a PNG, and one HTML file with the inputs, results, method notes and those plots."},
        };
        for (const Item& item : kItems) {
            if (item.kind == ExportKind::Json) ImGui::Separator();
            if (ImGui::MenuItem(item.label)) {
                request_export(item.kind, share, state, results(context), page);
                asked = true;
            }
            if (item.tooltip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", item.tooltip);
        }
        ImGui::EndMenu();
    }
    if (asked) ImGui::CloseCurrentPopup();
    return asked;
}

}  // namespace mlwb::ui
