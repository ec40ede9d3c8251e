// The top bar's Share and Export menus for the open instrument: a link that reproduces its exact
// state, an iframe snippet for the embed page, and its results as JSON, CSV, Markdown or a
// self-contained HTML report. The texts come from the engine (state/url_hash, state/results_export);
// the platform copies and downloads them (PageRequests).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "state/app_state.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

struct ShareContext {
    std::string app_url;    // the full app without hash: "https://host/path/" (set by the platform)
    std::string embed_url;  // the embed page: "https://host/path/embed.html"
    bool embedded = false;  // this page is the embed page (minimal chrome, inside a host's iframe)
    std::string confirmation;  // "Link copied", shown in the top bar until the next edit
};

std::string share_link(const ShareContext& share, const state::AppState& state);
std::string embed_code(const ShareContext& share, const state::AppState& state);

// File names and texts of the exports of the active instrument's results.
std::string export_base_name(const state::AppState& state);  // "mlwb-power"
// What every export holds: the instrument's results with its complete inputs under "inputs"
// (the state JSON a link or setState() takes), so a file says what produced its numbers.
nlohmann::json export_document(const state::AppState& state, const nlohmann::json& results);
std::string results_json_text(const nlohmann::json& document);

enum class ExportKind { CopyMarkdown, Json, Csv, Markdown, PlotsAndReport };
// "copy-markdown", "json", "csv", "markdown", "plots" (for window.mlwb); false when unknown.
bool export_kind_from_key(const std::string& key, ExportKind& kind);

// Asks the page for one export of the active instrument (what the Export menu's items do).
void request_export(ExportKind kind, ShareContext& share, const state::AppState& state, const nlohmann::json& results,
                    PageRequests& page);

// Draws the two menus (inside the main menu bar). Results are asked for only when an export is
// chosen. Returns true when it asked the page to do something (copy, download).
bool draw_share_menus(ShareContext& share, const state::AppState& state, const nlohmann::json& (*results)(void*), void* context,
                      PageRequests& page);

}  // namespace mlwb::ui
