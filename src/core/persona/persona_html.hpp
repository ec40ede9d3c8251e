// The persona guide's readable face: static HTML pages, one per soul plus an index, that a
// search engine, a screen reader or a browser without WebGL can read. Generated at build time
// next to the app (site/guide/), so they need no JavaScript and make no requests of their own:
// styles are inline, fonts are the system's, Markdown images become links.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "persona/library.hpp"

namespace mlwb::persona {

struct SiteOptions {
    std::string app_page = "../index.html";  // link target of the app, relative to a guide page
    std::string generated_on;                // e.g. "2026-11-23", shown in the footer; may be empty
};

struct SitePage {
    std::string path;  // relative to the site root: "guide/index.html", "guide/<soul_id>.html"
    std::string html;
};

// A Markdown body as an HTML fragment (md4c-html, GitHub flavour: tables, task lists,
// strikethrough, autolinks). Raw HTML is escaped, never passed through. A link keeps its href
// only when it is relative, a #fragment, or http, https or mailto; any other scheme
// (javascript:, data:, file:, ...) leaves an <a> without href. Images are never loaded: each
// becomes its alt text, linked to the image when that link would be allowed. Never fails;
// time and memory are linear in the input (inputs over 16 MiB are not rendered).
std::string markdown_to_html(std::string_view markdown);

// A whole page for one soul: header (name, description, version, tags, kind, "Open in the
// app"), the Markdown body without its front matter, the checklist grouped by lifecycle stage
// with links into the instruments, and a footer with the source and the date.
std::string soul_page_html(const LoadedSoul& soul, const SiteOptions& options);

// The guide's index: personas and checklists in two lists, each entry linking to its page and
// into the app.
std::string guide_index_html(const std::vector<LoadedSoul>& souls, const SiteOptions& options);

// guide/index.html followed by guide/<soul_id>.html for every soul, in the order given. Two
// souls with the same id (or a soul called "index") get distinct file names ("<id>-2.html").
std::vector<SitePage> guide_site(const std::vector<LoadedSoul>& souls, const SiteOptions& options);

}  // namespace mlwb::persona
