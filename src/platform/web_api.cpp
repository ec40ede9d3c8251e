// The functions behind window.mlwb (web/loader.js wraps them). JSON text in, JSON text out;
// the returned pointer stays valid until the next call.
#include <emscripten.h>

#include <algorithm>
#include <string>
#include <vector>

#include "imgui.h"
#include "state/app_state.hpp"
#include "state/instruments.hpp"
#include "state/presets_json.hpp"
#include "state/results_export.hpp"
#include "web_app.hpp"

namespace {

std::string g_out;

const char* reply(const nlohmann::json& j) {
    g_out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_out.c_str();
}

nlohmann::json notices_json(const std::vector<std::string>& notices) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& n : notices) a.push_back(n);
    return a;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* mlwb_api_instruments() {
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& info : mlwb::state::instruments()) ids.push_back(info.key);
    return reply(ids);
}

// An instrument's presets: [{key, title, story, state}], state being what setState takes.
EMSCRIPTEN_KEEPALIVE const char* mlwb_api_presets(const char* id) {
    auto found = mlwb::state::instrument_from_key(id ? id : "");
    if (!found) return reply({{"ok", false}, {"error", std::string("no instrument called '") + (id ? id : "") + "'"}});
    return reply(mlwb::state::presets_json(*found));
}

EMSCRIPTEN_KEEPALIVE const char* mlwb_api_open(const char* id) {
    auto found = mlwb::state::instrument_from_key(id ? id : "");
    if (!found) return reply({{"ok", false}, {"error", std::string("no instrument called '") + (id ? id : "") + "'"}});
    mlwb::web::app().model.state.active = *found;
    mlwb::web::request_frames();
    return reply({{"ok", true}});
}

EMSCRIPTEN_KEEPALIVE const char* mlwb_api_get_state() {
    const auto& s = mlwb::web::app().model.state;
    return reply({{"instrument", mlwb::state::instrument_info(s.active).key},
                  {"state", mlwb::state::instrument_state_json(s, s.active)}});
}

// Accepts {"instrument": "power", "state": {...}} (what getState returns) or a bare state
// object for the active instrument. Unusable parts keep defaults and come back as notices,
// which the page also shows.
EMSCRIPTEN_KEEPALIVE const char* mlwb_api_set_state(const char* text) {
    auto& model = mlwb::web::app().model;
    const auto j = nlohmann::json::parse(text ? text : "", nullptr, false);
    if (j.is_discarded() || !j.is_object()) return reply({{"ok", false}, {"error", "setState expects a JSON object"}});
    mlwb::state::InstrumentId id = model.state.active;
    const nlohmann::json* state = &j;
    if (j.contains("instrument") || j.contains("state")) {
        // Checked accessors only: a wrong type must not throw (no exceptions in the wasm build).
        std::string name = mlwb::state::instrument_info(id).key;
        if (auto it = j.find("instrument"); it != j.end()) {
            if (!it->is_string()) return reply({{"ok", false}, {"error", "'instrument' must be a string"}});
            name = it->get<std::string>();
        }
        auto found = mlwb::state::instrument_from_key(name);
        if (!found) return reply({{"ok", false}, {"error", "no instrument called '" + name + "'"}});
        id = *found;
        auto it = j.find("state");
        if (it == j.end()) return reply({{"ok", false}, {"error", "missing 'state'"}});
        state = &*it;
    }
    model.state.active = id;
    auto notices = mlwb::state::set_instrument_state(model.state, id, *state);
    for (const auto& n : notices) model.notices.push_back("setState: " + n);
    mlwb::web::request_frames();
    return reply({{"ok", notices.empty()}, {"notices", notices_json(notices)}});
}

// Frames drawn since start and the CPU time the app spent in its latest frames (milliseconds;
// GPU work and the browser's compositing are not included), and the part of it that built
// the UI (Dear ImGui from NewFrame to Render: the panels' own work, without GL submission).
EMSCRIPTEN_KEEPALIVE const char* mlwb_api_stats() {
    const auto& a = mlwb::web::app();
    const long long n = a.frames_drawn < 128 ? a.frames_drawn : 128;
    auto quantiles = [&](const double* ring) {
        std::vector<double> times(ring, ring + n);
        std::sort(times.begin(), times.end());
        auto q = [&](double p) { return times.empty() ? 0.0 : times[static_cast<std::size_t>(p * (times.size() - 1))]; };
        return std::vector<double>{q(0.5), q(0.95), q(1.0)};
    };
    const auto cpu = quantiles(a.frame_cpu_ms), ui = quantiles(a.frame_ui_ms);
    // The same frames in the order drawn, oldest first (a benchmark picks the ones it caused).
    std::vector<double> recent;
    std::vector<double> recent_ui;
    for (long long i = a.frames_drawn - n; i < a.frames_drawn; ++i) {
        recent.push_back(a.frame_cpu_ms[i % 128]);
        recent_ui.push_back(a.frame_ui_ms[i % 128]);
    }
    // The drift lens's files: how far each has been read (a large file streams over many frames).
    nlohmann::json slots = nlohmann::json::array();
    for (const auto& slot : a.model.drift.slots)
        slots.push_back({{"name", slot.name}, {"loading", slot.loading}, {"loaded", slot.loaded},
                         {"bytes_total", slot.bytes_total}, {"bytes_read", slot.reader ? slot.reader->bytes_fed() : (slot.loaded ? slot.bytes_total : 0)},
                         {"rows", slot.loaded ? slot.table.rows : (slot.reader ? slot.reader->rows_read() : 0)},
                         {"problems", slot.table.problem_count}});
    return reply({{"drift_slots", std::move(slots)}, {"drift_running", a.model.drift.running}, {"busy", a.model.work_in_progress},
                  {"presenter", a.model.presenter}, {"gallery_open", a.model.workshop.gallery_open}, {"shortcuts_open", a.model.workshop.shortcuts_open}, {"notices", notices_json(a.model.notices)},{"frames", a.frames_drawn}, {"frame_cpu_ms_p50", cpu[0]}, {"frame_cpu_ms_p95", cpu[1]},
                  {"frame_cpu_ms_max", cpu[2]}, {"frame_ui_ms_p50", ui[0]}, {"frame_ui_ms_p95", ui[1]}, {"frame_ui_ms_max", ui[2]},
                  {"frames_sampled", n}, {"frame_cpu_ms_recent", recent}, {"frame_ui_ms_recent", recent_ui},
                  {"text_input_active", ImGui::GetCurrentContext() != nullptr && ImGui::GetIO().WantTextInput}});
}

// Imports a soul as if its file had been dropped on the page, and opens it in the guide.
EMSCRIPTEN_KEEPALIVE const char* mlwb_api_import_soul(const char* name, const char* text) {
    auto& model = mlwb::web::app().model;
    mlwb::ui::import_file_into_guide(model.guide_panel, model.guide, model.state.guide, name ? name : "pasted", text ? text : "");
    const bool ok = !model.guide_panel.import_failed;
    if (ok) model.state.active = mlwb::state::InstrumentId::Guide;
    mlwb::web::request_frames();
    return reply({{"ok", ok}, {"soul", ok ? model.state.guide.soul : ""}, {"message", model.guide_panel.import_message}});
}

// Drift lens data, as if the file had been dropped on the page: slot "reference", "current" or
// "" (the first empty one); CSV text, or histogram JSON. Opens the drift lens.
EMSCRIPTEN_KEEPALIVE const char* mlwb_api_load_drift(const char* slot, const char* name, const char* text) {
    auto& model = mlwb::web::app().model;
    const std::string s = slot ? slot : "";
    const int index = s == "reference" ? 0 : s == "current" ? 1 : -1;
    mlwb::ui::load_drift_text(model.drift, model.state.drift, index, name ? name : "pasted.csv", text ? text : "");
    model.state.active = mlwb::state::InstrumentId::Drift;
    mlwb::web::request_frames();
    const int used = index >= 0 ? index : (model.drift.slots[1].version > 0 && model.drift.slots[1].loaded ? 1 : 0);
    const auto& d = model.drift.slots[used];
    return reply({{"ok", d.loaded || model.state.drift.source == mlwb::state::DriftSource::Histograms},
                  {"rows", d.table.rows}, {"columns", d.table.columns.size()}, {"problems", d.table.problem_count},
                  {"message", model.drift.message.empty() ? d.error : model.drift.message}});
}

EMSCRIPTEN_KEEPALIVE const char* mlwb_api_results() {
    return reply(mlwb::ui::active_results(mlwb::web::app().model));
}

// What Share > Copy link ("link") or Copy embed code ("embed") copies, copied the same way.
EMSCRIPTEN_KEEPALIVE const char* mlwb_api_share(const char* kind) {
    auto& model = mlwb::web::app().model;
    const std::string k = kind ? kind : "";
    if (k != "link" && k != "embed") return reply({{"error", "share kind must be \"link\" or \"embed\""}});
    const std::string text = k == "link" ? mlwb::ui::share_link(model.share, model.state) : mlwb::ui::embed_code(model.share, model.state);
    model.page.copy_text = text;
    mlwb::web::serve_page_requests();
    return reply({{"text", text}});
}

// An item of the Export menu, done as if chosen there: "copy-markdown", "json", "csv",
// "markdown" or "plots" (the PNGs and the HTML report, after the next frame). Files arrive as
// the page's downloads.
EMSCRIPTEN_KEEPALIVE const char* mlwb_api_download(const char* kind) {
    auto& model = mlwb::web::app().model;
    mlwb::ui::ExportKind k;
    if (!mlwb::ui::export_kind_from_key(kind ? kind : "", k))
        return reply({{"error", "export must be copy-markdown, json, csv, markdown or plots"}});
    mlwb::ui::request_export(k, model.share, model.state, mlwb::ui::active_results(model), model.page);
    mlwb::web::serve_page_requests();
    mlwb::web::request_frames();
    return reply({{"ok", true}});
}

// The exports of the Export menu, as text: "json", "csv", "markdown" or "report" (HTML, without
// plots: those are pixels of the page and come only from the menu).
EMSCRIPTEN_KEEPALIVE const char* mlwb_api_export(const char* format) {
    auto& model = mlwb::web::app().model;
    const std::string f = format ? format : "";
    const nlohmann::json doc = mlwb::ui::export_document(model.state, mlwb::ui::active_results(model));
    const char* title = mlwb::state::instrument_info(model.state.active).title;
    if (f == "json") return reply({{"text", mlwb::ui::results_json_text(doc)}});
    if (f == "csv") return reply({{"text", mlwb::state::results_csv(doc)}});
    if (f == "markdown") return reply({{"text", mlwb::state::results_markdown(title, doc)}});
    if (f == "report") {
        mlwb::state::ReportInfo info;
        info.title = title;
        info.app_link = mlwb::ui::share_link(model.share, model.state);
        return reply({{"text", mlwb::state::results_html_report(info, doc)}});
    }
    return reply({{"error", "export format must be json, csv, markdown or report"}});
}

}  // extern "C"
