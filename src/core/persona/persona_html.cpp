#include "persona/persona_html.hpp"

#include <algorithm>
#include <set>

#include <md4c-html.h>
#include <md4c.h>

#include "persona/front_matter.hpp"
#include "persona/parse.hpp"
#include "persona/progress.hpp"
#include "util/escape.hpp"

namespace mlwb::persona {
namespace {

constexpr std::size_t kMaxMarkdownBytes = 16u * 1024u * 1024u;  // as ParseOptions::max_bytes

// GitHub's dialect with raw HTML switched off: a soul is pasted or downloaded text, and
// passing its HTML through would let it run script in our origin.
constexpr unsigned kParserFlags = MD_FLAG_TABLES | MD_FLAG_TASKLISTS | MD_FLAG_STRIKETHROUGH |
                                  MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_NOHTML;

// Small on purpose: one readable column, the reader's own fonts and colour scheme.
constexpr std::string_view kStyle = R"css(
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--link:#0550ae;--line:#d1d9e0;--code:#f3f5f7;--accent:#0550ae;--on-accent:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#e6e8eb;--muted:#9ba5b0;--link:#79b8ff;--line:#3d444d;--code:#1d2228;--accent:#79b8ff;--on-accent:#0b1117}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}
body>header,main,body>footer{max-width:72ch;margin:0 auto;padding:0 1.25rem}
body>header{padding-top:1rem;border-bottom:1px solid var(--line);padding-bottom:1rem}
body>footer{border-top:1px solid var(--line);margin-top:3rem;padding-top:1rem;padding-bottom:2rem;color:var(--muted)}
body>footer p{font-size:.9rem}
h1,h2,h3,h4,h5,h6{line-height:1.25;margin:1.6em 0 .5em}
h1{font-size:2rem;margin-top:.5rem}
a{color:var(--link)}
a:not([href]){color:inherit;text-decoration:none}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
main:focus{outline:none}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.skip{position:absolute;left:.5rem;top:-4rem;background:var(--bg);padding:.5rem 1rem;z-index:1}
.skip:focus{top:.5rem}
.site{display:flex;gap:1.25rem;flex-wrap:wrap;font-size:.95rem}
.kind{margin:1rem 0 0;text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;font-weight:600;color:var(--muted)}
.lede{font-size:1.15rem;margin:.25rem 0 .75rem}
.meta{color:var(--muted);font-size:.95rem;margin:.25rem 0}
.tags{display:inline;list-style:none;padding:0;margin:0}
.tags li{display:inline-block;border:1px solid var(--line);border-radius:1rem;padding:0 .6rem;margin:.15rem .25rem .15rem 0;font-size:.85rem}
.open-app{display:inline-block;margin:.75rem 0 .25rem;background:var(--accent);color:var(--on-accent);padding:.55rem 1.1rem;border-radius:.4rem;font-weight:600;text-decoration:none}
.open-app:hover{text-decoration:underline}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.9em}
code{background:var(--code);padding:.1em .3em;border-radius:.25rem}
pre{background:var(--code);padding:.75rem 1rem;border-radius:.4rem;overflow-x:auto;line-height:1.45}
pre code{background:none;padding:0}
blockquote{margin:1rem 0;padding:0 1rem;border-left:4px solid var(--line);color:var(--muted)}
.table-wrap{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse}
th,td{border:1px solid var(--line);padding:.35rem .65rem;text-align:left;vertical-align:top}
th{background:var(--code)}
.task-list-item{list-style:none}
.task-list-item input{margin:0 .5em 0 -1.4em}
.items li{margin:.6rem 0}
.items .src{display:block;color:var(--muted);font-size:.88rem}
.cards{list-style:none;padding:0}
.cards li{border:1px solid var(--line);border-radius:.5rem;padding:0 1rem .75rem;margin:1rem 0}
.cards h3{margin:.75rem 0 .25rem}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
@media print{.skip,.open-app{display:none}}
)css";

// ---- escaping ------------------------------------------------------------------------------

// Percent-encodes everything but RFC 3986's unreserved characters: for an id in a URL.
std::string url_component(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ---- md4c-html output, made safe -----------------------------------------------------------

// An href as md4c-html writes it (URL-escaped: only ASCII letters, digits and -_.+!*(),%#@?=;:/$
// and &amp; remain), so the scheme is exactly what precedes the first ':' unless a '/', '?' or
// '#' comes first. Anything with a scheme other than http, https or mailto is refused, even
// unknown harmless ones: the list of dangerous schemes is not ours to keep up to date.
bool allowed_href(std::string_view href) {
    const std::size_t colon = href.find(':');
    if (colon == std::string_view::npos) return true;
    const std::size_t delimiter = href.find_first_of("/?#");
    if (delimiter < colon) return true;
    std::string scheme(href.substr(0, colon));
    for (auto& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return scheme == "http" || scheme == "https" || scheme == "mailto";
}

// Rewrites md4c-html's output in one pass. With MD_FLAG_NOHTML every '<' of the soul's text
// arrives escaped, so each literal '<' here opens a tag md4c wrote, in md4c's exact spelling.
//  - <a href="...">: the href is dropped when its scheme is not allowed (the <a> stays, so
//    the text and any title remain).
//  - <img src=".." alt="..">: replaced by its alt text, linked to the image (when allowed and
//    not already inside a link): the page makes no request the reader did not ask for.
//  - <hN>: moved down `heading_shift` levels (at most to h6), under the page's own h1.
//  - <th align=..>, <td align=..>: the alignment as a style attribute instead.
//  - <table>: wrapped in a div that scrolls sideways, so a wide table does not widen the page.
std::string make_safe(std::string_view raw, int heading_shift) {
    std::string out;
    out.reserve(raw.size() + raw.size() / 16);
    int link_depth = 0;
    std::size_t i = 0;
    while (i < raw.size()) {
        const std::size_t lt = raw.find('<', i);
        if (lt == std::string_view::npos) {
            out.append(raw.substr(i));
            break;
        }
        out.append(raw.substr(i, lt - i));
        i = lt;
        const std::string_view rest = raw.substr(lt);
        if (starts_with(rest, "<a href=\"")) {
            const std::size_t start = lt + 9;
            std::size_t end = raw.find('"', start);
            if (end == std::string_view::npos) end = raw.size();
            const std::string_view href = raw.substr(start, end - start);
            if (allowed_href(href)) {
                out += "<a href=\"";
                out.append(href);
                out += '"';
            } else {
                out += "<a";
            }
            ++link_depth;
            i = std::min(raw.size(), end + 1);  // the title (if any) and '>' are copied as they are
        } else if (starts_with(rest, "</a>")) {
            link_depth = std::max(0, link_depth - 1);
            out += "</a>";
            i += 4;
        } else if (starts_with(rest, "<img src=\"")) {
            const std::size_t start = lt + 10;
            std::size_t src_end = raw.find('"', start);
            if (src_end == std::string_view::npos) src_end = raw.size();
            std::size_t tag_end = raw.find('>', src_end);
            if (tag_end == std::string_view::npos) tag_end = raw.size();
            const std::string_view src = raw.substr(start, src_end - start);
            std::string_view alt;
            const std::string_view tail = raw.substr(src_end, tag_end - src_end);
            if (starts_with(tail, "\" alt=\"")) {
                alt = tail.substr(7);
                alt = alt.substr(0, alt.find('"'));
            }
            const bool link = link_depth == 0 && !src.empty() && allowed_href(src);
            if (link) {
                out += "<a href=\"";
                out.append(src);
                out += "\">";
            }
            out += "<span class=\"image\">";
            out.append(alt.empty() ? std::string_view("image") : alt);
            out += "</span>";
            if (link) out += "</a>";
            i = std::min(raw.size(), tag_end + 1);
        } else if (rest.size() >= 4 && (starts_with(rest, "<h") || starts_with(rest, "</h")) && heading_shift > 0) {
            const std::size_t d = rest[1] == '/' ? 3 : 2;
            const char level = rest.size() > d ? rest[d] : '\0';
            if (level >= '1' && level <= '6' && rest.size() > d + 1 && rest[d + 1] == '>') {
                out.append(rest.substr(0, d));
                out += static_cast<char>(std::min('6', static_cast<char>(level + heading_shift)));
                out += '>';
                i += d + 2;
            } else {
                out += '<';
                ++i;
            }
        } else if (starts_with(rest, "<th align=\"") || starts_with(rest, "<td align=\"")) {
            out.append(rest.substr(0, 3));  // align is obsolete in HTML5; the same thing as a style
            out += " style=\"text-align:";
            i += 11;
        } else if (starts_with(rest, "<table>")) {
            out += "<div class=\"table-wrap\"><table>";
            i += 7;
        } else if (starts_with(rest, "</table>")) {
            out += "</table></div>";
            i += 8;
        } else {
            out += '<';
            ++i;
        }
    }
    return out;
}

void collect_output(const MD_CHAR* text, MD_SIZE size, void* userdata) {
    static_cast<std::string*>(userdata)->append(text, size);
}

// md4c-html's output, unsafe as yet; `ok` false when md4c refused or ran out of memory.
std::string md4c_html(std::string_view markdown, bool& ok) {
    std::string raw;
    raw.reserve(markdown.size() + markdown.size() / 4);
    ok = md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), collect_output, &raw, kParserFlags, 0) == 0;
    return raw;
}

// Markdown -> safe HTML. A body that is itself outlined from h1 is shifted one level when the
// page already has its own h1 (`under_h1`).
std::string render(std::string_view markdown, bool under_h1) {
    if (markdown.size() > kMaxMarkdownBytes)
        return "<p>This text is " + std::to_string(markdown.size() / (1024 * 1024)) +
               " MB long; texts over 16 MB are not shown.</p>\n";
    std::size_t replaced = 0;
    const std::string text = normalise_text(markdown, replaced);  // md4c expects valid UTF-8
    bool ok = false;
    const std::string raw = md4c_html(text, ok);
    if (!ok) {
        std::string out = "<pre>";
        append_html_escaped(out, text);
        out += "</pre>\n";
        return out;
    }
    const int shift = under_h1 && raw.find("<h1>") != std::string::npos ? 1 : 0;
    return make_safe(raw, shift);
}

// ---- page parts ----------------------------------------------------------------------------

std::string soul_title(const LoadedSoul& soul) {
    if (!soul.checklist.title.empty()) return soul.checklist.title;
    return soul.checklist.soul_id.empty() ? "Untitled soul" : soul.checklist.soul_id;
}

std::string app_link(const SiteOptions& options, const std::string& soul_id) {
    return html_escaped(options.app_page + "#guide?soul=" + url_component(soul_id));
}

const char* instrument_name(std::string_view instrument) {
    if (instrument == "power") return "Experiment power";
    if (instrument == "serving") return "Serving simulator";
    if (instrument == "drift") return "Drift lens";
    return nullptr;
}

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::vector<std::string> tags_of(const Document& doc) {
    const FrontMatterEntry* e = doc.front_matter.find("tags");
    if (e == nullptr) return {};
    if (e->kind == FrontMatterValueKind::List) return e->items;
    if (e->kind == FrontMatterValueKind::Scalar && !e->value.empty()) return {e->value};
    return {};
}

void open_page(std::string& out, std::string_view title, std::string_view description) {
    out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
    out += "<meta name=\"description\" content=\"";
    append_html_escaped(out, description);
    out += "\">\n<title>";
    append_html_escaped(out, title);
    out += "</title>\n<style>";
    out += kStyle;
    out += "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#content\">Skip to content</a>\n";
}

void site_nav(std::string& out, const SiteOptions& options, bool on_index) {
    out += on_index ? "<nav class=\"site\" aria-label=\"Site\"><a href=\"index.html\" aria-current=\"page\">Persona guide</a><a href=\""
                    : "<nav class=\"site\" aria-label=\"Site\"><a href=\"index.html\">Persona guide</a><a href=\"";
    append_html_escaped(out, options.app_page);
    out += "\">MLOps Workbench app</a></nav>\n";
}

void close_page(std::string& out, const SiteOptions& options, std::string_view source, bool link_index) {
    out += "<footer>\n<p>";
    if (!source.empty()) {
        out += "Source: <code>";
        append_html_escaped(out, source);
        out += "</code>. ";
    }
    if (!options.generated_on.empty()) {
        out += "Generated on ";
        append_html_escaped(out, options.generated_on);
        out += ". ";
    }
    if (link_index) out += "<a href=\"index.html\">All personas and checklists</a>.";
    out += "</p>\n</footer>\n</body>\n</html>\n";
}

// The soul's Markdown after its front matter, without a leading "# <title>" that would repeat
// the page's h1.
std::string_view body_of(const LoadedSoul& soul) {
    const std::string& src = soul.doc.source;
    const std::size_t body_offset = std::min(src.size(), split_front_matter(src).body_offset);
    std::string_view body = std::string_view(src).substr(body_offset);
    if (soul.doc.blocks.empty()) return body;
    const Block& first = soul.doc.blocks.front();
    if (first.kind != BlockKind::Heading || first.level != 1 || first.text != soul.checklist.title || first.line < 1)
        return body;
    std::size_t line_start = 0;
    for (int line = 1; line < first.line && line_start != std::string::npos; ++line) {
        line_start = src.find('\n', line_start);
        if (line_start != std::string::npos) ++line_start;
    }
    if (line_start == std::string::npos || line_start < body_offset) return body;
    // Only blank lines may precede the heading in the body, or something would be lost.
    if (std::string_view(src).substr(body_offset, line_start - body_offset).find_first_not_of(" \t\n") != std::string_view::npos)
        return body;
    auto next_line = [&](std::size_t p) {
        const std::size_t nl = src.find('\n', p);
        return nl == std::string::npos ? src.size() : nl + 1;
    };
    const std::size_t first_char = src.find_first_not_of(' ', line_start);
    std::size_t cut = next_line(line_start);
    if (first_char == std::string::npos || src[first_char] != '#') {  // a setext heading: text, then ===
        std::size_t p = cut;
        while (p < src.size() && src[p] == ' ') ++p;
        if (p >= src.size() || src[p] != '=') return body;
        cut = next_line(p);
    }
    return std::string_view(src).substr(cut);
}

// "Design, line 21": where an item is in its source, the soul's own title left out.
std::string item_source(const ChecklistItem& item, std::string_view title) {
    std::string out;
    for (std::size_t k = 0; k < item.section_path.size(); ++k) {
        const std::string& part = item.section_path[k];
        if (part.empty() || (k == 0 && part == title)) continue;
        if (!out.empty()) out += " \xE2\x80\xBA ";  // ›
        out += part;
    }
    if (item.line > 0) out += (out.empty() ? "line " : ", line ") + std::to_string(item.line);
    return out;
}

void checklist_section(std::string& out, const LoadedSoul& soul, const SiteOptions& options) {
    const Checklist& list = soul.checklist;
    out += "<section aria-labelledby=\"checklist\">\n<h2 id=\"checklist\">Checklist by lifecycle stage</h2>\n";
    if (list.items.empty()) {
        out += "<p>This soul has no checklist items.</p>\n</section>\n";
        return;
    }
    const std::vector<StageSummary> stages = summarise_by_stage(list, ChecklistProgress{});
    out += "<p>" + count_of(list.items.size(), "item", "items") + " in " + count_of(stages.size(), "stage", "stages") +
           ". Open the soul in the app to tick them off; your progress stays in your browser.</p>\n";
    out += "<nav aria-label=\"Lifecycle stages\"><ul>\n";
    for (const auto& s : stages) {
        out += "<li><a href=\"#stage-";
        out += stage_key(s.stage);
        out += "\">";
        out += stage_title(s.stage);
        out += "</a> (" + std::to_string(s.total) + ")</li>\n";
    }
    out += "</ul></nav>\n";
    const std::string title = soul_title(soul);
    for (const auto& s : stages) {
        out += "<section aria-labelledby=\"stage-";
        out += stage_key(s.stage);
        out += "\">\n<h3 id=\"stage-";
        out += stage_key(s.stage);
        out += "\">";
        out += stage_title(s.stage);
        out += " <small>(" + count_of(static_cast<std::size_t>(s.total), "item", "items") + ")</small></h3>\n";
        out += "<ul class=\"items\">\n";
        for (const auto& item : list.items) {
            if (item.stage != s.stage) continue;
            out += "<li>";
            append_html_escaped(out, item.text);
            if (item.done_in_source) out += " <em>(ticked in the source)</em>";
            out += "<span class=\"src\">";
            append_html_escaped(out, item_source(item, title));
            if (!item.instrument.empty()) {
                const char* name = instrument_name(item.instrument);
                out += " \xC2\xB7 <a href=\"";
                append_html_escaped(out, options.app_page + "#" + url_component(item.instrument));
                out += "\">";
                append_html_escaped(out, name != nullptr ? std::string_view(name) : std::string_view(item.instrument));
                out += "</a>";
            }
            out += "</span></li>\n";
        }
        out += "</ul>\n</section>\n";
    }
    out += "</section>\n";
}

// File names for the souls' pages, in order: the soul id (a slug, see extract_checklist),
// made unique and never "index".
std::vector<std::string> page_files(const std::vector<LoadedSoul>& souls) {
    std::set<std::string> taken = {"index"};
    std::vector<std::string> out;
    for (const auto& soul : souls) {
        std::string base = slug(soul.checklist.soul_id);
        if (base.empty()) base = "soul";
        std::string name = base;
        for (int n = 2; taken.count(name) != 0; ++n) name = base + "-" + std::to_string(n);
        taken.insert(name);
        out.push_back(name + ".html");
    }
    return out;
}

void index_list(std::string& out, const std::vector<LoadedSoul>& souls, const std::vector<std::string>& files,
                bool checklists, const SiteOptions& options) {
    const char* id = checklists ? "checklists" : "personas";
    out += "<section aria-labelledby=\"";
    out += id;
    out += "\">\n<h2 id=\"";
    out += id;
    out += checklists ? "\">Checklists</h2>\n" : "\">Personas</h2>\n";
    const bool any = std::any_of(souls.begin(), souls.end(), [&](const LoadedSoul& s) { return s.is_checklist == checklists; });
    if (!any) {
        out += checklists ? "<p>No checklists yet.</p>\n</section>\n" : "<p>No personas yet.</p>\n</section>\n";
        return;
    }
    out += "<ul class=\"cards\">\n";
    for (std::size_t k = 0; k < souls.size(); ++k) {
        const LoadedSoul& soul = souls[k];
        if (soul.is_checklist != checklists) continue;
        out += "<li>\n<h3><a href=\"";
        append_html_escaped(out, files[k]);
        out += "\">";
        append_html_escaped(out, soul_title(soul));
        out += "</a></h3>\n";
        if (!soul.checklist.description.empty()) {
            out += "<p>";
            append_html_escaped(out, soul.checklist.description);
            out += "</p>\n";
        }
        out += "<p class=\"meta\">" + count_of(soul.checklist.items.size(), "checklist item", "checklist items") +
               " \xC2\xB7 <a href=\"" + app_link(options, soul.checklist.soul_id) + "\">Open<span class=\"vh\"> " +
               html_escaped(soul_title(soul)) + "</span> in the app</a></p>\n</li>\n";
    }
    out += "</ul>\n</section>\n";
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) { return render(markdown, false); }

std::string soul_page_html(const LoadedSoul& soul, const SiteOptions& options) {
    const Checklist& list = soul.checklist;
    const std::string title = soul_title(soul);
    const char* kind = soul.is_checklist ? "Checklist" : "Persona";
    const std::string description = !list.description.empty()
                                        ? list.description
                                        : title + ": a " + (soul.is_checklist ? "checklist" : "persona") +
                                              " from the MLOps Workbench persona guide.";
    std::string out;
    out.reserve(soul.doc.source.size() * 2 + 16384);
    open_page(out, title + " \xE2\x80\x94 " + kind + " \xC2\xB7 MLOps Workbench persona guide", description);

    out += "<header>\n";
    site_nav(out, options, false);
    out += "<p class=\"kind\">";
    out += kind;
    out += "</p>\n<h1>";
    append_html_escaped(out, title);
    out += "</h1>\n";
    if (!list.description.empty()) {
        out += "<p class=\"lede\">";
        append_html_escaped(out, list.description);
        out += "</p>\n";
    }
    out += "<p class=\"meta\">Version ";
    append_html_escaped(out, list.version);
    out += " \xC2\xB7 " + count_of(list.items.size(), "checklist item", "checklist items") + "</p>\n";
    const std::vector<std::string> tags = tags_of(soul.doc);
    if (!tags.empty()) {
        out += "<div class=\"meta\">Tags: <ul class=\"tags\">";
        for (const auto& tag : tags) {
            out += "<li>";
            append_html_escaped(out, tag);
            out += "</li>";
        }
        out += "</ul></div>\n";
    }
    out += "<p><a class=\"open-app\" href=\"" + app_link(options, list.soul_id) + "\">Open in the app</a></p>\n";
    out += "</header>\n";

    out += "<main id=\"content\" tabindex=\"-1\">\n<article>\n";
    out += render(body_of(soul), true);
    out += "</article>\n";
    checklist_section(out, soul, options);
    out += "</main>\n";
    close_page(out, options, soul.origin, true);
    return out;
}

std::string guide_index_html(const std::vector<LoadedSoul>& souls, const SiteOptions& options) {
    const std::vector<std::string> files = page_files(souls);
    std::string out;
    open_page(out, "Persona guide \xC2\xB7 MLOps Workbench",
              "Personas and checklists for machine learning engineering: how to frame, size, ship and watch "
              "a model, with every checklist item grouped by lifecycle stage.");
    out += "<header>\n";
    site_nav(out, options, true);
    out += "<h1>Persona guide</h1>\n<p class=\"lede\">Personas describe how an experienced engineer in one role "
           "thinks and works; checklists are what to tick before, during and after a launch. Each page groups its "
           "checklist by lifecycle stage and links to the instrument that answers an item.</p>\n";
    out += "<p><a class=\"open-app\" href=\"";
    append_html_escaped(out, options.app_page + "#guide");
    out += "\">Open the guide in the app</a></p>\n</header>\n";
    out += "<main id=\"content\" tabindex=\"-1\">\n";
    index_list(out, souls, files, false, options);
    index_list(out, souls, files, true, options);
    out += "</main>\n";
    close_page(out, options, "personas/", false);
    return out;
}

std::vector<SitePage> guide_site(const std::vector<LoadedSoul>& souls, const SiteOptions& options) {
    std::vector<SitePage> pages;
    pages.push_back({"guide/index.html", guide_index_html(souls, options)});
    const std::vector<std::string> files = page_files(souls);
    for (std::size_t k = 0; k < souls.size(); ++k) pages.push_back({"guide/" + files[k], soul_page_html(souls[k], options)});
    return pages;
}

}  // namespace mlwb::persona
