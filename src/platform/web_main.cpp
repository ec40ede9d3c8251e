// The browser app's entry point and frame loop. Frames are drawn on demand: an event asks for
// a few animation frames (web_events.cpp); when they are drawn and no input is pending the
// loop stops, so an idle page costs no CPU, and a hidden tab gets no frames at all.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cmath>

#include "fonts.hpp"
#include "imgui.h"
#include "plot.hpp"
#include "state/app_state.hpp"
#include "state/instruments.hpp"
#include "state/results_export.hpp"
#include "web_app.hpp"
#include "web_renderer.hpp"

namespace mlwb::web {

namespace {

WebApp g_app;
std::string g_clipboard;
double g_last_frame_ms = 0;
double g_last_history_push_ms = -1e9;

// clang-format off
EM_JS(void, js_report_fatal, (const char* message), {
    if (Module["onFatal"]) Module["onFatal"](UTF8ToString(message));
});
// clang-format on

std::string storage_key(state::InstrumentId id) { return std::string("mlwb.state.") + state::instrument_info(id).key; }

void set_clipboard(void*, const char* text) {
    g_clipboard = text ? text : "";
    browser::clipboard_write(g_clipboard.c_str());
}

const char* get_clipboard(void*) { return g_clipboard.c_str(); }

void resize_if_needed() {
    int w = 0, h = 0;
    browser::window_size(w, h);
    float ratio = static_cast<float>(browser::device_pixel_ratio());
    if (!(ratio > 0.25f && ratio < 8.0f)) ratio = 1.0f;
    if (ratio != g_app.pixel_ratio) {
        g_app.pixel_ratio = ratio;
        g_app.fonts_dirty = true;
    }
    if (w != g_app.css_width || h != g_app.css_height || g_app.fonts_dirty) {
        g_app.css_width = w;
        g_app.css_height = h;
        // Backing store at device pixels; the CSS size (100vw x 100vh) stays in shell.html.
        g_app.framebuffer_width = static_cast<int>(std::lround(w * ratio));
        g_app.framebuffer_height = static_cast<int>(std::lround(h * ratio));
        // The loader sized the canvas before the app started; setting a canvas's size, even to
        // the same value, reallocates its drawing buffer.
        int current_w = 0, current_h = 0;
        emscripten_get_canvas_element_size("#canvas", &current_w, &current_h);
        if (current_w != g_app.framebuffer_width || current_h != g_app.framebuffer_height)
            emscripten_set_canvas_element_size("#canvas", g_app.framebuffer_width, g_app.framebuffer_height);
    }
}

std::string slug(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        const bool upper = c >= 'A' && c <= 'Z';
        if (keep || upper) out += upper ? static_cast<char>(c - 'A' + 'a') : c;
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "plot" : out.substr(0, 40);
}

// Export > plots and report: each whole plot on screen as a PNG, then the HTML report with them.
// Runs right after a frame is drawn (the canvas holds exactly that frame).
void download_plots_and_report() {
    ui::UiModel& m = g_app.model;
    state::ReportInfo info;
    info.title = state::instrument_info(m.state.active).title;
    info.app_link = ui::share_link(m.share, m.state);
    info.generated_on = browser::local_time();
    const std::string base = ui::export_base_name(m.state);
    int index = 0;
    for (const auto& plot : ui::plot::plots_on_screen()) {
        std::string png = browser::capture_plot(plot.min.x, plot.min.y, plot.max.x - plot.min.x, plot.max.y - plot.min.y);
        if (png.rfind("data:image/png;base64,", 0) != 0) continue;
        ++index;
        browser::download_data_url((base + "-" + std::to_string(index) + "-" + slug(plot.title) + ".png").c_str(), png);
        info.plots.push_back({plot.title, std::move(png)});
    }
    browser::download((base + "-report.html").c_str(), "text/html", state::results_html_report(info, ui::export_document(m.state, ui::active_results(m))));
}

EM_BOOL draw_frame(double now_ms, void*) {
    const double started = emscripten_get_now();
    g_app.frame_scheduled = false;
    resize_if_needed();
    ImGuiIO& io = ImGui::GetIO();
    const float ui_scale = g_app.model.presenter ? ui::kPresenterScale : 1.0f;
    if (ui_scale != g_app.font_scale) {
        g_app.font_scale = ui_scale;
        g_app.fonts_dirty = true;
    }
    if (g_app.fonts_dirty) {
        ui::load_fonts(g_app.pixel_ratio, g_app.font_scale);
        renderer::upload_fonts();
        g_app.fonts_dirty = false;
        browser::mark("mlwb-fonts");
    }
    io.DisplaySize = ImVec2(static_cast<float>(g_app.css_width), static_cast<float>(g_app.css_height));
    io.DisplayFramebufferScale = ImVec2(g_app.pixel_ratio, g_app.pixel_ratio);
    const double dt = g_last_frame_ms > 0 ? (now_ms - g_last_frame_ms) / 1000.0 : 1.0 / 60.0;
    io.DeltaTime = static_cast<float>(dt < 1e-4 ? 1e-4 : dt > 0.25 ? 0.25 : dt);
    g_last_frame_ms = now_ms;

    g_app.input.apply_frame(io);
    const double ui_started = emscripten_get_now();
    ImGui::NewFrame();
    ui::draw_app(g_app.model);
    ImGui::Render();
    g_app.frame_ui_ms[g_app.frames_drawn % 128] = emscripten_get_now() - ui_started;
    if (!g_app.first_frame_done) browser::mark("mlwb-first-ui");

    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const float clear_rgb[3] = {bg.x, bg.y, bg.z};
    if (!renderer::render(*ImGui::GetDrawData(), g_app.framebuffer_width, g_app.framebuffer_height, clear_rgb)) {
        js_report_fatal(renderer::error().c_str());
        return EM_FALSE;  // no further frames: the page shows the message
    }

    if (g_app.capture_plots_next_frame) {
        g_app.capture_plots_next_frame = false;
        download_plots_and_report();
    }
    if (g_app.model.committed_edit) request_frames();  // let results and layout settle
    sync_state_out();
    serve_page_requests();
    post_to_host_if_changed();
    if (!g_app.first_frame_done) {
        g_app.first_frame_done = true;
        browser::notify_first_frame();
    }
    g_app.frame_cpu_ms[g_app.frames_drawn % 128] = emscripten_get_now() - started;
    ++g_app.frames_drawn;
    if (g_app.frames_wanted > 0) --g_app.frames_wanted;
    // Long computations advance a slice per frame and set work_in_progress until they finish.
    if (g_app.model.work_in_progress) request_frames(1);
    if (g_app.frames_wanted > 0 || !g_app.input.empty()) request_frames(g_app.frames_wanted > 0 ? g_app.frames_wanted : 1);
    return EM_FALSE;  // one-shot: the next frame is requested only when needed
}

EM_BOOL on_context_lost(int, const void*, void*) {
    js_report_fatal("The graphics context was lost (the GPU was reset or too many tabs use WebGL). Reload the page to continue; your inputs are saved.");
    return EM_TRUE;
}

bool init_graphics() {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
    // The renderer uses WebGL2 core only; enabling every extension by default costs one
    // synchronous getExtension round trip to the GPU process each (~50 ms before the first frame).
    attrs.enableExtensionsByDefault = EM_FALSE;
    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx = emscripten_webgl_create_context("#canvas", &attrs);
    if (ctx <= 0) return false;
    emscripten_webgl_make_context_current(ctx);
    emscripten_set_webglcontextlost_callback("#canvas", nullptr, true, on_context_lost);
    return true;
}

}  // namespace

WebApp& app() { return g_app; }

void request_frames(int count) {
    if (count > g_app.frames_wanted) g_app.frames_wanted = count;
    if (!g_app.frame_scheduled && g_app.frames_wanted > 0) {
        g_app.frame_scheduled = true;
        emscripten_request_animation_frame(draw_frame, nullptr);
    }
}

void serve_page_requests() {
    ui::PageRequests& page = g_app.model.page;
    if (!page.open_url.empty()) browser::open_url(page.open_url.c_str());
    if (page.pick_file) browser::pick_file(page.pick_accept.c_str());
    for (const auto& d : page.downloads) browser::download(d.file_name.c_str(), d.mime.c_str(), d.text);
    if (!page.copy_text.empty()) browser::clipboard_write(page.copy_text.c_str());
    if (page.capture_plots) {
        g_app.capture_plots_next_frame = true;  // this frame still shows the open menu
        request_frames(2);
    }
    page = ui::PageRequests{};
}

void post_to_host_if_changed() {
    ui::UiModel& m = g_app.model;
    if (!m.share.embedded) return;
    const int height = static_cast<int>(std::ceil(m.content_height));
    if (height != g_app.posted_height && height > 0) {
        g_app.posted_height = height;
        browser::post_to_host("mlwb:height", nlohmann::json{{"height", height}}.dump());
    }
    // Results when they are final (a simulation or a drift analysis still running posts nothing
    // until it ends) and only when they differ from the last ones posted.
    if (m.work_in_progress) return;
    nlohmann::json message = {{"instrument", state::instrument_info(m.state.active).key}, {"results", ui::active_results(m)}};
    std::string text = message.dump();
    if (text == g_app.posted_results) return;
    browser::post_to_host("mlwb:results", text);
    g_app.posted_results = std::move(text);
}

void load_initial_state() {
    ui::UiModel& m = g_app.model;
    // The guide reads its souls and progress when first shown (parsing is not first-frame work).
    m.guide.storage_get = [](const std::string& key) { return browser::storage_get(key.c_str()); };
    // Preferences, then each instrument's last inputs, then the link (a link wins).
    const std::string prefs_text = browser::storage_get("mlwb.prefs");
    if (!prefs_text.empty()) {
        const auto prefs = nlohmann::json::parse(prefs_text, nullptr, false);
        if (prefs.is_object() && prefs.contains("theme") && prefs["theme"].is_string()) {
            m.theme = ui::theme_from_key(prefs["theme"].get<std::string>());
            const auto presenter = prefs.find("presenter");  // value() would throw on a wrong type
            m.presenter = presenter != prefs.end() && presenter->is_boolean() && presenter->get<bool>();
        }
        else m.notices.push_back("Saved preferences were unreadable; using defaults.");
    }
    m.share.embedded = browser::is_embed_page();
    m.share.app_url = browser::page_link(false);
    m.share.embed_url = browser::page_link(true);
    // An embed shows exactly what its host's link says, not this browser's last inputs.
    for (const auto& info : state::instruments()) {
        if (m.share.embedded) break;
        const std::string saved = browser::storage_get(storage_key(info.id).c_str());
        if (saved.empty()) continue;
        for (auto& n : state::set_instrument_state_text(m.state, info.id, saved)) m.notices.push_back("Saved state: " + n);
    }
    const std::string hash = browser::location_hash();
    for (auto& n : state::apply_hash(m.state, hash)) m.notices.push_back("Link: " + n);
    g_app.last_hash = state::app_state_to_hash(m.state);
    if (hash != g_app.last_hash) browser::set_location_hash(g_app.last_hash, false);
}

void sync_state_out() {
    ui::UiModel& m = g_app.model;
    const std::string hash = state::app_state_to_hash(m.state);
    if (hash != g_app.last_hash) {
        // Coalesce a burst of edits (typing a number) into one history entry; instrument
        // switches always get their own, so Back returns to the previous instrument.
        const double now = emscripten_get_now();
        const bool switched = hash.substr(0, hash.find('?')) != g_app.last_hash.substr(0, g_app.last_hash.find('?'));
        // An embed never adds history entries: in an iframe they would become the host page's
        // Back button.
        const bool push = !m.share.embedded && (switched || now - g_last_history_push_ms > 1500.0);
        browser::set_location_hash(hash, push);
        if (push) g_last_history_push_ms = now;
        g_app.last_hash = hash;
    }
    const std::string saved = state::instrument_state_json(m.state, m.state.active).dump();
    if (saved != g_app.last_saved_state && !m.share.embedded) {  // the embed leaves the app's saved inputs alone
        browser::storage_set(storage_key(m.state.active).c_str(), saved);
        g_app.last_saved_state = saved;
    }
    if (m.guide.storage_dirty) {
        for (auto& [key, value] : ui::storage_entries(m.guide)) {
            std::string& last = g_app.last_saved_guide[key];
            if (last == value) continue;
            browser::storage_set(key.c_str(), value);
            last = std::move(value);
        }
        m.guide.storage_dirty = false;
    }
    const std::string prefs = nlohmann::json{{"theme", ui::theme_key(m.theme)}, {"presenter", m.presenter}}.dump();
    if (prefs != g_app.last_saved_prefs) {
        browser::storage_set("mlwb.prefs", prefs);
        g_app.last_saved_prefs = prefs;
    }
}

}  // namespace mlwb::web

extern "C" {

// The browser's paste event (from Ctrl/Cmd+V or its menu): remember the text, then play
// Ctrl+V to ImGui so the focused input pastes exactly this text.
EMSCRIPTEN_KEEPALIVE void mlwb_platform_on_paste(const char* text) {
    mlwb::web::g_clipboard = text ? text : "";
    mlwb::web::g_app.input.push_key_tap(86, /*ctrl=*/true);
    mlwb::web::request_frames();
}

// A file the user picked or dropped on the page (web_browser.cpp reads it as text).
EMSCRIPTEN_KEEPALIVE void mlwb_platform_on_file(const char* name, const char* text, double bytes) {
    mlwb::web::g_app.model.received_files.push_back({name ? name : "file", text ? text : "", static_cast<std::size_t>(bytes > 0 ? bytes : 0)});
    mlwb::web::request_frames();
}

// A file streamed in slices (web_browser.cpp): CSV for the drift lens, read as it arrives so a
// 100 MB file never sits in memory as text. Returns 1 when the lens takes the file, 2 when it
// refuses it (too large: the message is in the panel), 0 when it is not a data file (then the
// page reads it whole and hands it to mlwb_platform_on_file).
EMSCRIPTEN_KEEPALIVE int mlwb_platform_file_begin(const char* name, double bytes) {
    auto& m = mlwb::web::g_app.model;
    const std::string file = name ? name : "file";
    if (m.state.active != mlwb::state::InstrumentId::Drift && !mlwb::ui::is_data_file_name(file)) return 0;
    if (file.size() > 5 && file.substr(file.size() - 5) == ".json") return 0;  // histograms: read whole
    const bool ok = mlwb::ui::begin_drift_file(m.drift, m.state.drift, m.drift.picking_slot, file,
                                                static_cast<std::size_t>(bytes > 0 ? bytes : 0));
    m.drift.picking_slot = -1;
    m.state.active = mlwb::state::InstrumentId::Drift;
    mlwb::web::request_frames();
    return ok ? 1 : 2;
}

EMSCRIPTEN_KEEPALIVE void mlwb_platform_file_chunk(const char* data, int length) {
    mlwb::ui::feed_drift_file(mlwb::web::g_app.model.drift, std::string_view(data, length > 0 ? length : 0));
    mlwb::web::request_frames();
}

EMSCRIPTEN_KEEPALIVE void mlwb_platform_file_end() {
    mlwb::ui::end_drift_file(mlwb::web::g_app.model.drift);
    mlwb::web::request_frames();
}

EMSCRIPTEN_KEEPALIVE void mlwb_platform_on_hash_change() {
    using namespace mlwb::web;
    const std::string hash = browser::location_hash();
    if (hash == g_app.last_hash) return;  // our own replaceState/pushState
    for (auto& n : mlwb::state::apply_hash(g_app.model.state, hash)) g_app.model.notices.push_back("Link: " + n);
    g_app.last_hash = mlwb::state::app_state_to_hash(g_app.model.state);
    if (hash != g_app.last_hash) browser::set_location_hash(g_app.last_hash, false);
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void mlwb_platform_on_color_scheme(int dark) {
    mlwb::web::g_app.model.system_prefers_dark = dark != 0;
    mlwb::web::request_frames();
}

}  // extern "C"

int main() {
    using namespace mlwb::web;
    browser::mark("mlwb-main");
    if (!init_graphics()) {
        js_report_fatal("This browser could not create a WebGL2 context. Try a current Chrome, Edge, Firefox or Safari, "
                        "and check that hardware acceleration is enabled.");
        return 1;
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is fixed; state lives in the URL and localStorage
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames while idle
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    io.BackendPlatformName = "mlwb_html5";
    mlwb::ui::configure_key_map(io);
    if (!renderer::init()) {
        js_report_fatal(renderer::error().c_str());
        return 1;
    }

    g_app.model.system_prefers_dark = browser::prefers_dark();
    load_initial_state();
    browser::install_listeners();
    install_event_callbacks();
    // The first frame is drawn now rather than at the next animation frame: that wait is
    // pure latency before the user sees anything.
    g_app.frames_wanted = 3;  // and a few more after it, via animation frames, to settle layout
    draw_frame(emscripten_get_now(), nullptr);
    return 0;
}
