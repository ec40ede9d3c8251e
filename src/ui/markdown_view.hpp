// A Markdown view drawn from a parsed persona::Document, never from the text: the document is
// parsed once, each block is laid out (words wrapped across styled spans) only when it first
// comes into view or the width changes, and only the blocks inside the scroll window are drawn.
// The view reports what the user did (a task box clicked, a link or a copy button pressed);
// the caller decides what that means.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "persona/document.hpp"

namespace mlwb::ui {

enum class RunStyle : unsigned char { Text, Link, Code, Muted };

// A piece of one span on one line, positioned relative to its block's top-left corner.
struct TextRun {
    std::string_view text;  // points into the Document's spans (valid while the document lives)
    ImFont* font = nullptr;
    float size = 0;
    ImVec2 pos;
    float width = 0;
    RunStyle style = RunStyle::Text;
    bool strike = false;
    int span = -1;  // index in the block's spans (links: the href to open)
};

struct BlockLayout {
    bool laid_out = false;
    float y = 0;       // top, relative to the document's top
    float height = 0;  // estimated until laid_out
    float indent = 0;
    std::vector<TextRun> runs;
    int table_rows = 0;  // the first TableRow of a table: rows in it (the rest are drawn with it)
};

struct MarkdownView {
    const persona::Document* doc = nullptr;
    std::size_t doc_blocks = 0;
    float width = -1;
    float font_size = 0;
    std::vector<BlockLayout> blocks;
    int scroll_to_block = -1;  // set by the caller: scroll so this block is at the top, once
};

// A block's task box as the caller wants it shown (its own progress, not the source's [x]).
enum class TaskMark : signed char { None = -1, Open = 0, Done = 1, NotApplicable = 2 };

struct MarkdownEvents {
    int toggled_task_block = -1;  // a task box was clicked
    std::string open_url;         // a safe link was clicked (http, https, mailto only)
    std::string copy_text;        // a copy button was pressed: put this on the clipboard
    bool more_layout_pending = false;  // blocks still estimated: draw another frame to finish
};

// Draws `doc` into a scrolling child window of `size` (0 = fill). `task_marks` is indexed by
// block (may be shorter than the block list: missing entries show the source's own marks).
MarkdownEvents draw_markdown(const char* id, MarkdownView& view, const persona::Document& doc,
                             const std::vector<TaskMark>& task_marks, ImVec2 size = ImVec2(0, 0));

// The Markdown source of the section starting at heading block `block` (through the line
// before the next heading of the same or a higher level): what "Copy section" copies.
std::string section_source(const persona::Document& doc, int block);

}  // namespace mlwb::ui
