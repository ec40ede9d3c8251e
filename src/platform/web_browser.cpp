// Small JavaScript helpers the app calls. Each one catches its own errors: storage can be
// disabled, the clipboard can be refused, and none of that may reach the wasm side as a throw.
#include <emscripten.h>

#include <cstdlib>
#include <string>

#include "web_app.hpp"

// clang-format off
EM_JS(char*, js_location_hash, (), {
    var h = location.hash.slice(1);  // still percent-encoded: the engine's decoder handles that
    var len = lengthBytesUTF8(h) + 1;
    var p = _malloc(len);
    stringToUTF8(h, p, len);
    return p;
});

EM_JS(void, js_set_location_hash, (const char* hash, int push), {
    var url = location.pathname + location.search + "#" + UTF8ToString(hash);
    try {
        if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    } catch (e) { /* sandboxed iframes may refuse; the app works without it */ }
});

EM_JS(char*, js_storage_get, (const char* key), {
    var v = null;
    try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) { v = null; }
    if (v === null) v = "";
    var len = lengthBytesUTF8(v) + 1;
    var p = _malloc(len);
    stringToUTF8(v, p, len);
    return p;
});

EM_JS(void, js_storage_set, (const char* key, const char* value), {
    try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) { /* full or disabled */ }
});

EM_JS(void, js_clipboard_write, (const char* text), {
    var t = UTF8ToString(text);
    Module["mlwbClipboard"] = t;
    try { if (navigator.clipboard) navigator.clipboard.writeText(t).catch(function () {}); } catch (e) {}
});

EM_JS(int, js_prefers_dark, (), {
    try { return window.matchMedia("(prefers-color-scheme: dark)").matches ? 1 : 0; } catch (e) { return 0; }
});

EM_JS(void, js_window_size, (int* w, int* h), {
    setValue(w, window.innerWidth | 0, "i32");
    setValue(h, window.innerHeight | 0, "i32");
});

EM_JS(void, js_install_listeners, (), {
    document.addEventListener("paste", function (e) {
        var t = (e.clipboardData || window.clipboardData).getData("text") || "";
        var len = lengthBytesUTF8(t) + 1;
        var p = _malloc(len);
        stringToUTF8(t, p, len);
        _mlwb_platform_on_paste(p);
        _free(p);
        e.preventDefault();
    });
    window.addEventListener("hashchange", function () { _mlwb_platform_on_hash_change(); });
    // Files: dropped anywhere on the page, or chosen in the picker (js_pick_file).
    // Data files for the drift lens are streamed in 1 MB slices, one per animation frame, so a
    // 100 MB file loads with progress while the page keeps drawing and answering.
    // Other large files are not read at all: the engine is told the size and explains the limit.
    Module["mlwbReceiveFile"] = function (file) {
        var nn = lengthBytesUTF8(file.name) + 1, pname = _malloc(nn);
        stringToUTF8(file.name, pname, nn);
        var route = _mlwb_platform_file_begin(pname, file.size);
        _free(pname);
        if (route === 2) return;
        if (route === 1) {
            // Read 4 MB ahead while the last 4 MB is parsed, and parse it 1 MB at a time for
            // as long as 8 ms of this frame allow: reading a slice takes the browser a frame or
            // two, parsing 1 MB takes the app ~10 ms, and neither may block the page.
            var readSize = 4 << 20, feedSize = 1 << 20, readAt = 0;
            var buffer = null, offset = 0, pending = null;
            var readNext = function () {
                if (readAt >= file.size) return null;
                var from = readAt;
                readAt = Math.min(file.size, readAt + readSize);
                return file.slice(from, readAt).arrayBuffer();
            };
            pending = readNext();
            var pump = function () {
                var start = performance.now();
                while (performance.now() - start < 8) {
                    if (buffer === null || offset >= buffer.length) {
                        if (pending === null) { _mlwb_platform_file_end(); return; }
                        var p = pending;
                        pending = null;
                        p.then(function (b) { buffer = new Uint8Array(b); offset = 0; pending = readNext(); pump(); })
                         .catch(function () { _mlwb_platform_file_end(); });
                        return;
                    }
                    var n = Math.min(feedSize, buffer.length - offset);
                    var ptr = _malloc(n || 1);
                    HEAPU8.set(buffer.subarray(offset, offset + n), ptr);
                    _mlwb_platform_file_chunk(ptr, n);
                    _free(ptr);
                    offset += n;
                }
                requestAnimationFrame(pump);
            };
            pump();
            return;
        }
        var read = file.size <= 16 * 1024 * 1024 ? file.text() : Promise.resolve("");
        read.then(function (text) {
            var n = lengthBytesUTF8(file.name) + 1, t = lengthBytesUTF8(text) + 1;
            var pn = _malloc(n), pt = _malloc(t);
            stringToUTF8(file.name, pn, n);
            stringToUTF8(text, pt, t);
            _mlwb_platform_on_file(pn, pt, file.size);
            _free(pn);
            _free(pt);
        }).catch(function () {});
    };
    window.addEventListener("dragover", function (e) { e.preventDefault(); });
    window.addEventListener("drop", function (e) {
        e.preventDefault();
        var files = e.dataTransfer && e.dataTransfer.files;
        if (files && files.length > 0) Module["mlwbReceiveFile"](files[0]);
    });
    window.addEventListener("popstate", function () { _mlwb_platform_on_hash_change(); });
    try {
        window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function (e) {
            _mlwb_platform_on_color_scheme(e.matches ? 1 : 0);
        });
    } catch (e) {}
});

EM_JS(void, js_mark, (const char* name), {
    try { performance.mark(UTF8ToString(name)); } catch (e) {}
});

EM_JS(void, js_open_url, (const char* url), {
    var u = UTF8ToString(url);
    if (!/^(https?:|mailto:)/i.test(u)) return;  // the app checked already; a second look costs nothing
    try { window.open(u, "_blank", "noopener,noreferrer"); } catch (e) {}
});

// The picker for the file types the asking panel reads (souls: Markdown; the drift lens: CSV,
// TSV, histogram JSON). The file goes through mlwbReceiveFile like a dropped one.
EM_JS(void, js_pick_file, (const char* accept), {
    try {
        var input = document.createElement("input");
        input.type = "file";
        input.accept = UTF8ToString(accept);
        input.addEventListener("change", function () {
            var f = input.files && input.files[0];
            if (f) Module["mlwbReceiveFile"](f);
        });
        input.click();
    } catch (e) {}
});

EM_JS(void, js_download, (const char* name, const char* mime, const char* text), {
    try {
        var blob = new Blob([UTF8ToString(text)], {type: UTF8ToString(mime)});
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = UTF8ToString(name);
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    } catch (e) {}
});

// The app's own addresses, for Share: the full app (this directory) and the embed page beside it.
// A single-file copy (file://, or no embed page shipped with it) has no embed page to offer.
EM_JS(char*, js_page_link, (int embed), {
    var href = location.href.split("#")[0].split("?")[0];
    var dir = href.slice(0, href.lastIndexOf("/") + 1);
    var single = !!(window.MLWB_BUILD && window.MLWB_BUILD.singleFile);
    var v = embed ? (single || location.protocol === "file:" ? "" : dir + "embed.html")
                  : (single ? location.href.split("#")[0] : dir);
    var len = lengthBytesUTF8(v) + 1;
    var p = _malloc(len);
    stringToUTF8(v, p, len);
    return p;
});

EM_JS(int, js_is_embed, (), {
    return window.MLWB_EMBED === true ? 1 : 0;
});

// The embed page's messages to the page that holds its iframe (docs/embedding.md). Any origin may
// embed it, so any origin may hear them: they carry only what the host's own link put in.
EM_JS(void, js_post_to_host, (const char* type, const char* payload_json), {
    try {
        if (window.parent === window) return;
        var message = JSON.parse(UTF8ToString(payload_json));
        message.source = "mlwb";
        message.type = UTF8ToString(type);
        window.parent.postMessage(message, "*");
    } catch (e) {}
});

// One plot's pixels (CSS px rectangle of the canvas) as a PNG data URL. Called right after the
// frame is drawn, in the same task, so the WebGL drawing buffer still holds it.
EM_JS(char*, js_capture_plot, (double x, double y, double w, double h), {
    var v = "";
    try {
        var src = Module["canvas"];
        var k = src.width / Math.max(1, src.clientWidth || window.innerWidth);
        var c = document.createElement("canvas");
        c.width = Math.max(1, Math.round(w * k));
        c.height = Math.max(1, Math.round(h * k));
        c.getContext("2d").drawImage(src, Math.round(x * k), Math.round(y * k), c.width, c.height, 0, 0, c.width, c.height);
        v = c.toDataURL("image/png");
    } catch (e) { v = ""; }
    var len = lengthBytesUTF8(v) + 1;
    var p = _malloc(len);
    stringToUTF8(v, p, len);
    return p;
});

EM_JS(void, js_download_data_url, (const char* name, const char* url), {
    try {
        var a = document.createElement("a");
        a.href = UTF8ToString(url);
        a.download = UTF8ToString(name);
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { a.remove(); }, 1000);
    } catch (e) {}
});

EM_JS(char*, js_local_time, (), {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var v = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
    var len = lengthBytesUTF8(v) + 1;
    var p = _malloc(len);
    stringToUTF8(v, p, len);
    return p;
});

EM_JS(void, js_notify_first_frame, (), {
    if (Module["onFirstFrame"]) Module["onFirstFrame"]();
});
// clang-format on

namespace mlwb::web::browser {

namespace {
std::string take(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}
}  // namespace

std::string location_hash() { return take(js_location_hash()); }
void set_location_hash(const std::string& hash, bool push_history) { js_set_location_hash(hash.c_str(), push_history ? 1 : 0); }
std::string storage_get(const char* key) { return take(js_storage_get(key)); }
void storage_set(const char* key, const std::string& value) { js_storage_set(key, value.c_str()); }
void clipboard_write(const char* text) { js_clipboard_write(text); }
bool prefers_dark() { return js_prefers_dark() != 0; }
double device_pixel_ratio() { return emscripten_get_device_pixel_ratio(); }
void window_size(int& width, int& height) { js_window_size(&width, &height); }
void install_listeners() { js_install_listeners(); }
void notify_first_frame() { js_notify_first_frame(); }
void mark(const char* name) { js_mark(name); }
void open_url(const char* url) { js_open_url(url); }
std::string page_link(bool embed) { return take(js_page_link(embed ? 1 : 0)); }
bool is_embed_page() { return js_is_embed() != 0; }
void post_to_host(const char* type, const std::string& payload_json) { js_post_to_host(type, payload_json.c_str()); }
std::string capture_plot(float x, float y, float w, float h) { return take(js_capture_plot(x, y, w, h)); }
void download_data_url(const char* file_name, const std::string& url) { js_download_data_url(file_name, url.c_str()); }
std::string local_time() { return take(js_local_time()); }
void pick_file(const char* accept) { js_pick_file(accept); }
void download(const char* file_name, const char* mime, const std::string& text) { js_download(file_name, mime, text.c_str()); }

}  // namespace mlwb::web::browser
