// The browser side of the app: one global that the html5 callbacks, the frame loop and the
// window.mlwb API share. This folder is the only code that includes Emscripten headers.
#pragma once

#include <map>
#include <string>

#include "app_ui.hpp"
#include "input_queue.hpp"

namespace mlwb::web {

struct WebApp {
    ui::UiModel model;
    ui::InputQueue input;
    float pixel_ratio = 1.0f;       // devicePixelRatio the fonts were built for
    float font_scale = 1.0f;        // and the UI scale (presenter mode)
    int css_width = 0, css_height = 0;
    int framebuffer_width = 0, framebuffer_height = 0;  // the canvas's backing store, device pixels
    int frames_wanted = 0;          // frames still to draw after the last event
    double keep_alive_until = 0;    // ms: keep drawing (tooltip delays) while something is hovered
    bool frame_scheduled = false;
    bool first_frame_done = false;
    bool fonts_dirty = true;
    std::string last_hash;          // the hash we last wrote or read, to tell our changes from the user's
    std::string last_saved_state;   // per active instrument, to write localStorage only on change
    std::string last_saved_prefs;
    std::map<std::string, std::string> last_saved_guide;  // storage key -> value, for the persona guide
    // Observability for window.mlwb.stats(): how many frames were drawn and what they cost.
    long long frames_drawn = 0;
    double frame_cpu_ms[128] = {};  // ring buffer of the latest frames' CPU time in the app
    double frame_ui_ms[128] = {};   // the part of it spent building the UI (ImGui NewFrame..Render, no GL)
    // The embed page's messages to its host: what was posted last, to post only changes.
    int posted_height = 0;
    std::string posted_results;
    bool capture_plots_next_frame = false;  // Export > plots and report: after the menu has closed
};

WebApp& app();

// Ask for frames: after any event ImGui needs a few to settle hover and layout.
void request_frames(int count = 3);

// Browser services (web_browser.cpp), thin wrappers over JavaScript.
namespace browser {
std::string location_hash();                       // without '#'
void set_location_hash(const std::string& hash, bool push_history);
std::string storage_get(const char* key);          // "" when absent or storage is unavailable
void storage_set(const char* key, const std::string& value);
void clipboard_write(const char* text);
bool prefers_dark();
double device_pixel_ratio();
void window_size(int& width, int& height);
void install_listeners();                          // paste, hashchange, color scheme
void notify_first_frame();                         // resolves window.mlwb.ready
void mark(const char* name);                       // performance.mark, for start-up timings
void open_url(const char* url);                    // a new tab, http/https/mailto only
void pick_file(const char* accept);                // the file picker; the file arrives via mlwb_platform_file_begin or _on_file
void download(const char* file_name, const char* mime, const std::string& text);
std::string page_link(bool embed);                 // the full app's address / the embed page's ("" if none)
bool is_embed_page();                              // embed.html (window.MLWB_EMBED)
void post_to_host(const char* type, const std::string& payload_json);  // to the iframe's parent, if any
std::string capture_plot(float x, float y, float w, float h);          // PNG data URL of a canvas rectangle
void download_data_url(const char* file_name, const std::string& url);
std::string local_time();                          // "2026-11-23 14:05", for a report's date
}  // namespace browser

void install_event_callbacks();                    // web_events.cpp
void load_initial_state();                         // web_main.cpp
void sync_state_out();                             // web_main.cpp: URL + storage after a frame
void serve_page_requests();                        // web_main.cpp: links, file picker, downloads
void post_to_host_if_changed();                    // web_main.cpp: the embed page's height and results

}  // namespace mlwb::web
