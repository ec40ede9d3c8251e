// Parsing a persona ("soul") file into a Document: normalisation, front matter, md4c, and two
// recoveries for the formats souls are found in:
//  - XML in code fences (```xml <gates><gate>...</gate></gates> ```): every element holding
//    text becomes a list item of the fence's section, one per non-empty line of that text,
//    marked from_xml with the element's name, placed right after the code block.
//  - Flattened souls: a web page copied as text, the whole Markdown collapsed into one long
//    line after lines of navigation. See unflatten() in parse.cpp for the exact heuristic.
// Hostile input is expected (a soul is pasted or downloaded): the parser never throws, never
// aborts, and bounds its time and memory (size cap, block cap; md4c itself is non-recursive).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "persona/document.hpp"
#include "util/outcome.hpp"

namespace mlwb::persona {

struct ParseOptions {
    std::size_t max_bytes = 16u * 1024u * 1024u;  // larger input is refused with an error
    std::size_t max_blocks = 200000;              // beyond this the document is truncated
};

// Errors (field "persona"): only for input over max_bytes. Everything else (bad UTF-8, odd
// YAML, refused links, recovered layouts, truncation) is reported in Document::notices.
Outcome<Document> parse_persona(std::string_view text, const ParseOptions& options = {});

// The normalisation parse_persona applies first: drops a UTF-8 BOM, turns CRLF and lone CR
// into LF, and replaces NUL bytes and invalid UTF-8 with U+FFFD (one per bad byte).
// `replaced` counts the replacements.
std::string normalise_text(std::string_view text, std::size_t& replaced);

}  // namespace mlwb::persona
