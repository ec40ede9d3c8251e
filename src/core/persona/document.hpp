// The document model of a persona ("soul") Markdown file: a flat list of blocks in reading
// order plus a section tree over the headings. Built once from md4c's callbacks; plain data,
// indices instead of pointers, so it can be copied, compared and handed to the UI freely.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "persona/front_matter.hpp"

namespace mlwb::persona {

// A run of inline text with one style. A link whose href is not http, https or mailto is kept
// as plain text (href empty), so nothing downstream can be tricked into opening javascript:.
struct Span {
    std::string text;
    bool bold = false;
    bool italic = false;
    bool code = false;
    bool strike = false;
    std::string href;  // non-empty: a link
    bool operator==(const Span&) const = default;
};

enum class BlockKind { Heading, Paragraph, ListItem, Code, TableRow, Rule };
enum class TaskState { None, Unchecked, Checked };

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    std::vector<Span> spans;  // inline content (TableRow: empty, see cells)
    std::string text;         // spans' text joined; Code: the code; TableRow: cells joined by " | "
    int line = 0;             // 1-based line in Document::source where the block starts
    int section = -1;         // index in Document::sections; -1 before the first heading
    int quote_depth = 0;      // how many block quotes enclose the block
    int list_depth = 0;       // how many lists enclose it (a top-level list item has 1)

    int level = 0;  // Heading: 1..6

    // ListItem
    bool ordered = false;
    unsigned number = 0;  // ordered: the item's number
    TaskState task = TaskState::None;
    std::size_t task_offset = 0;  // task items: byte offset in Document::source of the char between [ ]
    bool from_xml = false;        // an element of an XML code block, see parse.hpp
    std::string xml_element;      // its element name
    std::string xml_path;         // the open elements from the root down to it: "a/b/gate"

    std::string language;  // Code: the fence's info word ("" for indented code)
    bool fenced = false;   // Code: ``` or ~~~ (the code starts on the line after Block::line)

    // TableRow
    bool header_row = false;
    std::vector<std::vector<Span>> cells;
};

struct Section {
    int heading_block = -1;  // index in Document::blocks
    int level = 0;
    int parent = -1;  // index in Document::sections, -1 for a top-level section
    std::string title;
};

struct Document {
    FrontMatter front_matter;
    std::string source;  // the text the blocks point into (normalised: LF, valid UTF-8, no BOM)
    std::vector<Block> blocks;
    std::vector<Section> sections;
    std::vector<std::string> notices;  // what was dropped, replaced or recovered
    bool truncated = false;            // the block limit was reached
    bool recovered_from_flattened = false;

    // Index of the first section with this exact title, or -1.
    int find_section(std::string_view title) const;
    // Indices of the blocks of `kind` whose section is `section` (not its subsections).
    std::vector<int> blocks_in(int section, BlockKind kind) const;
};

// True for the link schemes a soul may open: http, https, mailto (case-insensitive). The
// parser keeps only such hrefs; the app checks again before opening one.
bool is_safe_link(std::string_view href);

// Runs md4c over doc.source from `body_offset` and fills doc.blocks and doc.sections. Never
// fails: at `max_blocks` it stops and sets doc.truncated.
void build_blocks(Document& doc, std::size_t body_offset, std::size_t max_blocks);

}  // namespace mlwb::persona
