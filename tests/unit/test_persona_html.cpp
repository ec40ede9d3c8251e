// The persona guide's static pages: Markdown rendering that cannot be turned against the
// reader (escaped HTML, refused link schemes, no images loaded), the pages of the shipped
// souls, the index, and hostile input.
#include <catch2/catch.hpp>

#include "timing_note.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "persona/persona_html.hpp"
#include "persona/progress.hpp"

using namespace mlwb::persona;
using mlwb::test::note_if_slow;
using mlwb::test::seconds;

namespace {



bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + needle.size())) ++n;
    return n;
}

std::string repeat(std::string_view unit, std::size_t n) {
    std::string out;
    out.reserve(unit.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += unit;
    return out;
}

// How the pages are expected to escape text from a soul.
std::string esc(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

// A small structural check of generated HTML: every element opened is closed in order (void
// elements aside), and the heading levels seen, in order. Text in the pages never holds a raw
// '<' (it is escaped), so every '<' starts a tag; <style> is skipped whole.
struct TagReport {
    std::string problem;  // empty: balanced
    std::vector<int> headings;
};

TagReport check_tags(const std::string& html) {
    static const std::set<std::string> kVoid = {"meta", "br", "hr", "img", "input", "link", "wbr"};
    TagReport r;
    std::vector<std::string> open;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string::npos) {
        const std::size_t end = html.find('>', i);
        if (end == std::string::npos) {
            r.problem = "unterminated tag at " + std::to_string(i);
            return r;
        }
        const std::string tag = html.substr(i + 1, end - i - 1);
        i = end + 1;
        if (tag.rfind("!doctype", 0) == 0) continue;
        const bool closing = !tag.empty() && tag[0] == '/';
        std::size_t n = closing ? 1 : 0;
        std::string name;
        while (n < tag.size() && std::isalnum(static_cast<unsigned char>(tag[n]))) name += tag[n++];
        if (name.empty()) {
            r.problem = "not a tag: <" + tag.substr(0, 40) + ">";
            return r;
        }
        if (closing) {
            if (open.empty() || open.back() != name) {
                r.problem = "</" + name + "> closes <" + (open.empty() ? std::string("nothing") : open.back()) + ">";
                return r;
            }
            open.pop_back();
            continue;
        }
        if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') r.headings.push_back(name[1] - '0');
        if (kVoid.count(name) != 0) continue;
        if (name == "style") {
            const std::size_t close = html.find("</style>", i);
            if (close == std::string::npos) {
                r.problem = "<style> not closed";
                return r;
            }
            i = close + 8;
            continue;
        }
        open.push_back(name);
    }
    if (!open.empty()) r.problem = "<" + open.back() + "> not closed (" + std::to_string(open.size()) + " open)";
    return r;
}

// The headings start at one h1 and never skip a level going down.
void require_outline(const std::vector<int>& headings) {
    REQUIRE_FALSE(headings.empty());
    CHECK(headings.front() == 1);
    CHECK(std::count(headings.begin(), headings.end(), 1) == 1);
    for (std::size_t k = 1; k < headings.size(); ++k) {
        INFO("heading " << k << ": h" << headings[k - 1] << " then h" << headings[k]);
        CHECK(headings[k] <= headings[k - 1] + 1);
    }
}

const std::vector<LoadedSoul>& shipped() {
    static const std::vector<LoadedSoul> souls = [] {
        auto loaded = load_shipped_souls();
        return loaded.value;
    }();
    return souls;
}

LoadedSoul soul_from(std::string_view text, std::string_view fallback = "hand") {
    auto r = load_soul(text, "imported: hand.md", fallback);
    REQUIRE(r.ok());
    return r.value;
}

// Every href="..." in `html`, in order.
std::vector<std::string> hrefs(const std::string& html) {
    std::vector<std::string> out;
    for (std::size_t p = html.find("href=\""); p != std::string::npos; p = html.find("href=\"", p + 6)) {
        const std::size_t e = html.find('"', p + 6);
        out.push_back(html.substr(p + 6, e - p - 6));
    }
    return out;
}

}  // namespace

// ---- markdown_to_html ----------------------------------------------------------------------

TEST_CASE("markdown: text that looks like HTML is escaped, never passed through", "[persona-html]") {
    const std::string html = markdown_to_html(
        "Hello <script>alert(1)</script> and <b onclick=\"x()\">bold</b>.\n\n"
        "<script>\nalert(2)\n</script>\n\n"
        "<div onclick=\"steal()\">\n*raw* block\n</div>\n\n"
        "<img src=x onerror=alert(3)>\n\n"
        "<!-- comment --> `<code>` and **<i>x</i>**\n");
    CHECK_FALSE(contains(lower(html), "<script"));
    CHECK_FALSE(contains(html, "<div"));
    CHECK_FALSE(contains(html, "<img"));
    CHECK_FALSE(contains(html, "<b "));
    CHECK_FALSE(contains(html, "<i>"));
    CHECK_FALSE(contains(html, "<!--"));
    CHECK(contains(html, "Hello &lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(contains(html, "&lt;div onclick=&quot;steal()&quot;&gt;"));
    CHECK(contains(html, "&lt;img src=x onerror=alert(3)&gt;"));
    CHECK(contains(html, "<code>&lt;code&gt;</code>"));
    CHECK(check_tags(html).problem.empty());
}

TEST_CASE("markdown: links keep their href only for http, https, mailto and relative targets", "[persona-html]") {
    SECTION("allowed") {
        const std::string html = markdown_to_html(
            "[a](https://example.org/x?y=1) [b](http://example.org) [c](mailto:someone@example.org) "
            "[d](../checklists/launch.md) [e](#principles) [f](/abs/path) [g](HTTPS://EXAMPLE.ORG) "
            "<https://auto.example.org> www.example.com\n");
        CHECK(contains(html, "<a href=\"https://example.org/x?y=1\">a</a>"));
        CHECK(contains(html, "<a href=\"http://example.org\">b</a>"));
        CHECK(contains(html, "<a href=\"mailto:someone@example.org\">c</a>"));
        CHECK(contains(html, "<a href=\"../checklists/launch.md\">d</a>"));
        CHECK(contains(html, "<a href=\"#principles\">e</a>"));
        CHECK(contains(html, "<a href=\"/abs/path\">f</a>"));
        CHECK(contains(html, "<a href=\"HTTPS://EXAMPLE.ORG\">g</a>"));
        CHECK(contains(html, "<a href=\"https://auto.example.org\">"));
        CHECK(contains(html, "<a href=\"http://www.example.com\">"));
    }
    SECTION("refused") {
        const std::string html = markdown_to_html(
            "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](java&#x73;cript:alert(1)) "
            "[d](&#106;avascript:alert(1)) [e](data:text/html;base64,PHNjcmlwdD4=) [f](vbscript:msgbox) "
            "[g](file:///etc/passwd) [h](<javascript:x>) [i]( javascript:x) <javascript:alert(2)> [j][ref] "
            "[k](custom-scheme:whatever \"a title\")\n\n"
            "[ref]: javascript:alert(3)\n");
        for (const char* text : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}) {
            INFO("link " << text);
            CHECK(contains(html, std::string("<a>") + text + "</a>"));
        }
        CHECK(contains(html, "<a title=\"a title\">k</a>"));  // the title stays, the href goes
        CHECK(hrefs(html).empty());
        CHECK_FALSE(contains(lower(html), "href=\"javascript"));
        CHECK(check_tags(html).problem.empty());
    }
}

TEST_CASE("markdown: images are never loaded, only linked", "[persona-html]") {
    const std::string html = markdown_to_html(
        "![diagram of *the* loop](https://example.org/loop.png \"Loop\") "
        "![evil](javascript:alert(1)) ![](data:image/png;base64,AAAA) "
        "[![badge](https://img.example.org/b.svg)](https://example.org/ci)\n");
    CHECK_FALSE(contains(html, "<img"));
    CHECK_FALSE(contains(html, "src="));
    CHECK(contains(html, "<a href=\"https://example.org/loop.png\"><span class=\"image\">diagram of the loop</span></a>"));
    CHECK(contains(html, "<span class=\"image\">evil</span>"));
    CHECK_FALSE(contains(html, "javascript"));
    CHECK_FALSE(contains(html, "data:"));
    // An image inside a link becomes text inside that link, not a link in a link.
    CHECK(contains(html, "<a href=\"https://example.org/ci\"><span class=\"image\">badge</span></a>"));
    CHECK(check_tags(html).problem.empty());
}

TEST_CASE("markdown: GitHub tables, task lists, strikethrough, code", "[persona-html]") {
    const std::string html = markdown_to_html(
        "| metric | threshold |\n"
        "| :--- | ---: |\n"
        "| p99 latency | 120 ms |\n"
        "| error <rate> | ~~1%~~ 0.1% |\n"
        "\n"
        "- [ ] open item\n"
        "- [x] done item\n"
        "\n"
        "```python\nif a < b and c > d:\n    pass\n```\n");
    CHECK(contains(html, "<div class=\"table-wrap\"><table>"));
    CHECK(contains(html, "<th style=\"text-align:left\">metric</th>"));
    CHECK(contains(html, "<td style=\"text-align:right\">120 ms</td>"));
    CHECK(contains(html, "<td style=\"text-align:left\">error &lt;rate&gt;</td>"));
    CHECK_FALSE(contains(html, "align=\""));  // obsolete in HTML5
    CHECK(contains(html, "<del>1%</del>"));
    CHECK(count(html, "type=\"checkbox\"") == 2);
    CHECK(count(html, " checked") == 1);
    CHECK(contains(html, "open item"));
    CHECK(contains(html, "<pre><code class=\"language-python\">if a &lt; b and c &gt; d:"));
    CHECK(check_tags(html).problem.empty());
}

TEST_CASE("markdown: bad bytes are replaced, oversized input is refused politely", "[persona-html]") {
    const std::string html = markdown_to_html(std::string("caf\xC3\xA9 \xFF bad \0 nul\r\nnext", 23));
    CHECK(contains(html, "caf\xC3\xA9"));
    CHECK(contains(html, "\xEF\xBF\xBD bad \xEF\xBF\xBD nul"));
    CHECK_FALSE(contains(html, "\xFF"));
    CHECK_FALSE(contains(html, "\r"));

    const std::string huge(17u * 1024u * 1024u, 'a');
    std::string refused;
    note_if_slow(seconds([&] { refused = markdown_to_html(huge); }));
    CHECK(refused.size() < 1000);
    CHECK(contains(refused, "not shown"));
}

TEST_CASE("markdown: hostile input finishes", "[persona-html]") {
    SECTION("a 10 MB line") {
        const std::string line = repeat("word *em* [a](javascript:x) <b> `c` www.example.org ", 10u * 1024u * 1024u / 52u);
        std::string html;
        note_if_slow(seconds([&] { html = markdown_to_html(line); }));
        CHECK(html.size() > line.size() / 2);
        CHECK_FALSE(contains(html, "<b>"));
        CHECK_FALSE(contains(html, "javascript:x\""));
        CHECK(check_tags(html).problem.empty());
    }
    SECTION("10,000-deep block quotes") {
        std::string html;
        note_if_slow(seconds([&] { html = markdown_to_html(repeat(">", 10000) + " deep\n"); }));
        CHECK(count(html, "<blockquote>") == 10000);
        CHECK(contains(html, "<p>deep</p>"));
        CHECK(check_tags(html).problem.empty());
    }
    SECTION("10,000-deep lists") {
        std::string html;
        note_if_slow(seconds([&] { html = markdown_to_html(repeat("- ", 10000) + "deep\n"); }));
        CHECK(count(html, "<ul>") == 10000);
        CHECK(check_tags(html).problem.empty());
    }
    SECTION("10,000-deep brackets and emphasis") {
        std::string html;
        note_if_slow(seconds([&] {
                  html = markdown_to_html(repeat("[", 10000) + "x" + repeat("](javascript:y)", 10000) + "\n\n" +
                                          repeat("*a ", 10000) + repeat(" b*", 10000) + "\n");
              }));
        CHECK_FALSE(contains(html, "href=\"javascript"));
        CHECK(check_tags(html).problem.empty());
    }
}

// ---- soul pages ----------------------------------------------------------------------------

TEST_CASE("soul page: everything from the soul is escaped", "[persona-html]") {
    const LoadedSoul soul = soul_from(
        "---\n"
        "name: \"<script>alert(1)</script> & Co\"\n"
        "description: 'Says \"hi\" <b>loudly</b>'\n"
        "version: 2.0.0<x>\n"
        "tags: [a<b, c&d]\n"
        "---\n\n"
        "# <script>alert(1)</script> & Co\n\n"
        "Body with <script>alert(2)</script>.\n\n"
        "## Checks\n\n"
        "- [ ] Item with <script>alert(3)</script> and \"quotes\" and it's fine (Drift lens)\n");
    const std::string html = soul_page_html(soul, {});
    CHECK_FALSE(contains(lower(html), "<script"));
    CHECK_FALSE(contains(html, "<b>"));
    CHECK_FALSE(contains(html, "<x>"));
    CHECK(contains(html, "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    CHECK(contains(html, "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</h1>"));
    CHECK(contains(html, "<meta name=\"description\" content=\"Says &quot;hi&quot; &lt;b&gt;loudly&lt;/b&gt;\">"));
    CHECK(contains(html, "2.0.0&lt;x&gt;"));
    CHECK(contains(html, "<li>a&lt;b</li>"));
    CHECK(contains(html, "<li>c&amp;d</li>"));
    CHECK(contains(html, "Body with &lt;script&gt;alert(2)&lt;/script&gt;."));
    REQUIRE(soul.checklist.items.size() == 1);
    CHECK(contains(html, "<li>" + esc(soul.checklist.items[0].text)));
    CHECK(contains(html, "it&#39;s fine"));
    const TagReport tags = check_tags(html);
    CHECK(tags.problem.empty());
    require_outline(tags.headings);
}

TEST_CASE("soul page: structure, body without front matter, checklist by stage", "[persona-html]") {
    const LoadedSoul soul = soul_from(
        "---\n"
        "name: Tiny Soul\n"
        "description: A tiny soul.\n"
        "version: 0.1.0\n"
        "tags: [alpha, beta]\n"
        "---\n"
        "# Tiny Soul\n\n"
        "Intro paragraph.\n\n"
        "## Gates\n\n"
        "### Before launch\n\n"
        "- [ ] Sample size per arm is computed for the chosen power. (Experiment power)\n"
        "- [x] The p99 latency budget holds under peak load. (Serving simulator)\n"
        "- [ ] Feature drift is watched with an alert. (Drift lens)\n"
        "- [ ] Someone owns the rollback.\n");
    SiteOptions options;
    options.app_page = "../app.html";
    options.generated_on = "2026-11-23";
    const std::string html = soul_page_html(soul, options);

    CHECK(html.rfind("<!doctype html>\n<html lang=\"en\">", 0) == 0);
    CHECK(contains(html, "<meta name=\"viewport\""));
    CHECK(contains(html, "<meta charset=\"utf-8\">"));
    CHECK(contains(html, "<a class=\"skip\" href=\"#content\">"));
    CHECK(contains(html, "<main id=\"content\""));
    for (const char* landmark : {"<header>", "<nav ", "<main ", "<footer>"}) CHECK(contains(html, landmark));
    CHECK(contains(html, "prefers-color-scheme:dark"));
    CHECK(contains(html, "prefers-reduced-motion"));
    CHECK(contains(html, "focus-visible"));
    // No script, no requests: nothing is loaded from anywhere.
    for (const char* banned : {"<script", "<link", "<img", "src=", "@import", "url(", "<iframe"}) {
        INFO(banned);
        CHECK_FALSE(contains(lower(html), banned));
    }

    CHECK(contains(html, "<p class=\"kind\">Persona</p>"));
    CHECK(contains(html, "A tiny soul."));
    CHECK(contains(html, "0.1.0"));
    CHECK(contains(html, "<li>alpha</li>"));
    CHECK(contains(html, "<a class=\"open-app\" href=\"../app.html#guide?soul=tiny-soul\">Open in the app</a>"));
    // The front matter is not part of the body, and the body's "# Tiny Soul" is the page's h1.
    CHECK_FALSE(contains(html, "version: 0.1.0"));
    CHECK_FALSE(contains(html, "tags: ["));
    CHECK(count(html, "Tiny Soul</h1>") == 1);
    CHECK(contains(html, "<p>Intro paragraph.</p>"));
    CHECK(contains(html, "<h2>Gates</h2>"));

    CHECK(contains(html, "<h2 id=\"checklist\">Checklist by lifecycle stage</h2>"));
    REQUIRE(soul.checklist.items.size() == 4);
    for (const auto& item : soul.checklist.items) {
        INFO(item.text);
        CHECK(contains(html, "<li>" + esc(item.text)));
        CHECK(contains(html, "Gates \xE2\x80\xBA Before launch, line " + std::to_string(item.line)));
    }
    CHECK(contains(html, "<a href=\"../app.html#power\">Experiment power</a>"));
    CHECK(contains(html, "<a href=\"../app.html#serving\">Serving simulator</a>"));
    CHECK(contains(html, "<a href=\"../app.html#drift\">Drift lens</a>"));
    CHECK(count(html, "../app.html#") == 4);  // three instruments and the soul; the rollback item has none
    for (const auto& s : summarise_by_stage(soul.checklist, {})) {
        INFO(stage_title(s.stage));
        CHECK(contains(html, std::string("<h3 id=\"stage-") + stage_key(s.stage) + "\">" + stage_title(s.stage) + " <small>(" +
                                 std::to_string(s.total) + (s.total == 1 ? " item" : " items") + ")</small></h3>"));
    }
    CHECK(contains(html, "Source: <code>imported: hand.md</code>"));
    CHECK(contains(html, "Generated on 2026-11-23."));
    CHECK(contains(html, "<a href=\"index.html\">All personas and checklists</a>"));

    const TagReport tags = check_tags(html);
    CHECK(tags.problem.empty());
    require_outline(tags.headings);

    SECTION("without a date there is no date") {
        CHECK_FALSE(contains(soul_page_html(soul, {}), "Generated on"));
    }
    SECTION("a hostile app page is escaped") {
        SiteOptions odd;
        odd.app_page = "x.html\"><script>";
        const std::string page = soul_page_html(soul, odd);
        CHECK_FALSE(contains(page, "<script"));
        CHECK(contains(page, "x.html&quot;&gt;&lt;script&gt;#guide?soul=tiny-soul"));
    }
}

TEST_CASE("soul page: a body outlined from h1 moves under the page's h1", "[persona-html]") {
    const LoadedSoul soul = soul_from(
        "---\nname: Outlined\nkind: checklist\n---\n"
        "Intro first.\n\n# Part one\n\n- [ ] An item\n\n## Detail\n\nText.\n\n# Part two\n\nMore.\n");
    const std::string html = soul_page_html(soul, {});
    CHECK(contains(html, "<p class=\"kind\">Checklist</p>"));
    CHECK(contains(html, "<h2>Part one</h2>"));
    CHECK(contains(html, "<h3>Detail</h3>"));
    CHECK(contains(html, "<h2>Part two</h2>"));
    const TagReport tags = check_tags(html);
    CHECK(tags.problem.empty());
    require_outline(tags.headings);
}

TEST_CASE("soul page: every shipped soul", "[persona-html]") {
    const auto& souls = shipped();
    REQUIRE(souls.size() >= 7);
    SiteOptions options;
    options.generated_on = "2026-11-23";
    for (const auto& soul : souls) {
        INFO(soul.origin);
        const std::string html = soul_page_html(soul, options);
        CHECK(contains(html, "<title>" + esc(soul.checklist.title)));
        CHECK(contains(html, "<h1>" + esc(soul.checklist.title) + "</h1>"));
        CHECK(contains(html, "href=\"../index.html#guide?soul=" + soul.checklist.soul_id + "\""));
        CHECK(contains(html, soul.is_checklist ? "<p class=\"kind\">Checklist</p>" : "<p class=\"kind\">Persona</p>"));
        CHECK(contains(html, "Source: <code>" + esc(soul.origin) + "</code>"));
        CHECK_FALSE(contains(lower(html), "<script"));
        CHECK_FALSE(contains(html, "\nname: "));  // the front matter stays out of the body
        REQUIRE_FALSE(soul.checklist.items.empty());
        for (const auto& item : soul.checklist.items) {
            INFO(item.text);
            CHECK(contains(html, "<li>" + esc(item.text)));
        }
        const TagReport tags = check_tags(html);
        CHECK(tags.problem.empty());
        require_outline(tags.headings);
    }
}

// ---- index and site ------------------------------------------------------------------------

TEST_CASE("guide index lists every shipped soul in its list", "[persona-html]") {
    const auto& souls = shipped();
    const std::string html = guide_index_html(souls, {});
    const std::size_t checklists_heading = html.find("<h2 id=\"checklists\">Checklists</h2>");
    REQUIRE(html.find("<h2 id=\"personas\">Personas</h2>") < checklists_heading);
    REQUIRE(checklists_heading != std::string::npos);
    std::size_t personas = 0;
    for (const auto& soul : souls) {
        INFO(soul.origin);
        const std::string link = "<h3><a href=\"" + soul.checklist.soul_id + ".html\">" + esc(soul.checklist.title) + "</a></h3>";
        const std::size_t at = html.find(link);
        REQUIRE(at != std::string::npos);
        CHECK((at > checklists_heading) == soul.is_checklist);
        CHECK(contains(html, "href=\"../index.html#guide?soul=" + soul.checklist.soul_id + "\""));
        CHECK(contains(html, esc(soul.checklist.description)));
        CHECK(contains(html, std::to_string(soul.checklist.items.size()) + " checklist items"));
        personas += !soul.is_checklist;
    }
    CHECK(personas >= 3);
    CHECK(personas < souls.size());
    CHECK_FALSE(contains(lower(html), "<script"));
    const TagReport tags = check_tags(html);
    CHECK(tags.problem.empty());
    require_outline(tags.headings);
}

TEST_CASE("guide site: an index and one page per soul, file names unique", "[persona-html]") {
    const auto& souls = shipped();
    SiteOptions options;
    options.generated_on = "2026-11-23";
    const auto pages = guide_site(souls, options);
    REQUIRE(pages.size() == souls.size() + 1);
    CHECK(pages[0].path == "guide/index.html");
    CHECK(pages[0].html == guide_index_html(souls, options));
    for (std::size_t k = 0; k < souls.size(); ++k) {
        CHECK(pages[k + 1].path == "guide/" + souls[k].checklist.soul_id + ".html");
        CHECK(pages[k + 1].html == soul_page_html(souls[k], options));
    }

    SECTION("clashing ids") {
        std::vector<LoadedSoul> clash = {souls[0], souls[0], soul_from("---\nid: index\nname: Called Index\n---\n- [ ] x\n")};
        const auto site = guide_site(clash, {});
        REQUIRE(site.size() == 4);
        std::set<std::string> paths;
        for (const auto& p : site) paths.insert(p.path);
        CHECK(paths.size() == 4);
        const std::string id = souls[0].checklist.soul_id;
        CHECK(site[1].path == "guide/" + id + ".html");
        CHECK(site[2].path == "guide/" + id + "-2.html");
        CHECK(site[3].path == "guide/index-2.html");
        CHECK(contains(site[0].html, "href=\"" + id + "-2.html\""));
        CHECK(contains(site[0].html, "href=\"index-2.html\""));
    }
    SECTION("no souls") {
        const auto site = guide_site({}, {});
        REQUIRE(site.size() == 1);
        CHECK(contains(site[0].html, "No personas yet."));
        CHECK(check_tags(site[0].html).problem.empty());
    }
}

TEST_CASE("soul page: a hostile soul finishes and stays well formed", "[persona-html]") {
    std::string text = "---\nname: Hostile\n---\n# Hostile\n\n";
    text += repeat(">", 10000) + " - [ ] deep <script>item</script>\n\n";
    text += repeat("- ", 10000) + "[ ] deeper\n\n";
    text += repeat("[x](javascript:alert(1)) <b>", 100000) + "\n";
    std::string html;
    note_if_slow(seconds([&] { html = soul_page_html(soul_from(text), {}); }));
    CHECK_FALSE(contains(lower(html), "<script"));
    CHECK_FALSE(contains(lower(html), "href=\"javascript"));
    CHECK(check_tags(html).problem.empty());
}
