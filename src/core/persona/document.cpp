#include "persona/document.hpp"

#include <algorithm>
#include <cstdint>

#include <md4c.h>
extern "C" {
#include <entity.h>  // md4c's HTML entity table (compiled into the md4c library)
}

#include "util/ascii.hpp"

namespace mlwb::persona {

int Document::find_section(std::string_view title) const {
    for (std::size_t i = 0; i < sections.size(); ++i)
        if (sections[i].title == title) return static_cast<int>(i);
    return -1;
}

std::vector<int> Document::blocks_in(int section, BlockKind kind) const {
    std::vector<int> out;
    for (std::size_t i = 0; i < blocks.size(); ++i)
        if (blocks[i].section == section && blocks[i].kind == kind) out.push_back(static_cast<int>(i));
    return out;
}

namespace {

constexpr std::size_t kMaxNotices = 32;  // hostile input must not grow the notices without bound

void append_utf8(std::string& out, unsigned cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// "&amp;", "&#233;", "&#x1F600;" -> UTF-8; unknown entities stay as written.
std::string decode_entity(std::string_view e) {
    std::string out;
    if (e.size() >= 4 && e[1] == '#') {
        const bool hex = e[2] == 'x' || e[2] == 'X';
        unsigned long cp = 0;
        for (std::size_t i = hex ? 3 : 2; i + 1 < e.size() && cp <= 0x10FFFF; ++i) {
            const char c = e[i];
            const int d = (c >= '0' && c <= '9') ? c - '0'
                          : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                          : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                           : -1;
            if (d < 0) return std::string(e);
            cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
        }
        append_utf8(out, cp > 0x10FFFF ? 0xFFFD : static_cast<unsigned>(cp));
        return out;
    }
    const entity* ent = entity_lookup(e.data(), e.size());
    if (ent == nullptr) return std::string(e);
    append_utf8(out, ent->codepoints[0]);
    if (ent->codepoints[1] != 0) append_utf8(out, ent->codepoints[1]);
    return out;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (ascii_to_lower(s[i]) != prefix[i]) return false;
    return true;
}

// The href to keep, or "" to show the link as plain text. md4c hands over permissive
// autolinks without a scheme ("www.x.org", "a@b.org"), as md4c-html would complete them.
std::string safe_href(std::string_view href) {
    if (is_safe_link(href)) return std::string(href);
    if (starts_with_nocase(href, "www.")) return "http://" + std::string(href);
    if (href.find(':') == std::string_view::npos && href.find('@') != std::string_view::npos &&
        href.find('/') == std::string_view::npos)
        return "mailto:" + std::string(href);
    return {};
}

struct Open {
    MD_BLOCKTYPE type;
    int block;  // the block that receives this container's text, or -1
};

struct Builder {
    Builder(Document& d, std::string_view b) : doc(d), body(b) {}

    Document& doc;
    std::string_view body;  // what md4c parses
    std::size_t base = 0;   // body's offset in doc.source
    std::size_t max_blocks = 0;
    std::vector<std::size_t> line_starts;

    std::vector<Open> open;
    struct List {
        bool ordered;
        unsigned next;
    };
    std::vector<List> lists;
    int quote_depth = 0;
    int section = -1;
    int target = -1;        // block receiving text
    bool to_cell = false;   // ... into its last cell
    int bold = 0, italic = 0, code = 0, strike = 0;
    std::vector<std::string> links;  // hrefs of open links ("" = refused)
    std::size_t last_text_end = 0;   // in doc.source, for blocks without text
    bool code_fenced = false;
    char fence_char = 0;

    // After a fenced code block the closing fence is not text; step over it so that a block
    // without text that follows (a rule) is not placed on the fence's line.
    void skip_closing_fence() {
        const std::string& s = doc.source;
        if (fence_char == 0 || last_text_end == 0 || last_text_end >= s.size()) return;
        std::size_t p = s.find('\n', last_text_end);
        if (p == std::string::npos) return;
        const std::size_t q = s.find_first_not_of(" \t", p + 1);
        if (q != std::string::npos && s[q] == fence_char) {
            const std::size_t e = s.find('\n', q);
            last_text_end = e == std::string::npos ? s.size() : e;
        }
    }

    int line_of(std::size_t offset) const {
        const auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
        return static_cast<int>(it - line_starts.begin());
    }

    void notice(std::string message) {
        if (doc.notices.size() < kMaxNotices) doc.notices.push_back(std::move(message));
    }

    // First non-blank line after the last text seen: where a block without text (a rule, an
    // empty item) most likely starts; md4c reports no positions for those.
    std::size_t guess_from = static_cast<std::size_t>(-1);
    int guess_result = 1;

    int guess_line() {
        const std::string& s = doc.source;
        std::size_t q = base;
        if (last_text_end > 0) {
            const std::size_t p = s.find('\n', std::min(last_text_end, s.size()));
            if (p == std::string::npos) return line_of(s.empty() ? 0 : s.size() - 1);
            q = p + 1;
        }
        // Many text-less blocks in a row (hostile input) all ask from the same place.
        if (q == guess_from) return guess_result;
        guess_from = q;
        guess_result = first_nonblank_line(q);
        return guess_result;
    }

    int first_nonblank_line(std::size_t q) const {
        const std::string& s = doc.source;
        while (q < s.size()) {
            const std::size_t e = s.find('\n', q);
            const std::size_t end = e == std::string::npos ? s.size() : e;
            if (s.find_first_not_of(" \t", q) < end) return line_of(q);
            if (e == std::string::npos) break;
            q = e + 1;
        }
        return line_of(std::min(q, s.empty() ? 0 : s.size() - 1));
    }

    int new_block(BlockKind kind) {
        Block b;
        b.kind = kind;
        b.section = section;
        b.quote_depth = quote_depth;
        b.list_depth = static_cast<int>(lists.size());
        doc.blocks.push_back(std::move(b));
        return static_cast<int>(doc.blocks.size()) - 1;
    }

    void add_text(std::string_view text, const MD_CHAR* where) {
        if (target < 0) return;
        Block& b = doc.blocks[static_cast<std::size_t>(target)];
        const auto p = reinterpret_cast<std::uintptr_t>(where);
        const auto lo = reinterpret_cast<std::uintptr_t>(body.data());
        if (where != nullptr && p >= lo && p < lo + body.size()) {
            const std::size_t off = base + (p - lo);
            if (b.line == 0) {
                b.line = line_of(off);
                // Empty code lines arrive as "\n" strings outside the source; count them back,
                // and the opening fence.
                if (b.kind == BlockKind::Code)
                    b.line -= static_cast<int>(std::count(b.text.begin(), b.text.end(), '\n')) + (code_fenced ? 1 : 0);
                if (b.line < 1) b.line = 1;
            }
            last_text_end = off + text.size();
        }
        if (b.kind == BlockKind::Code) {
            b.text += text;
            return;
        }
        std::vector<Span>& spans = to_cell ? b.cells.back() : b.spans;
        Span style;
        style.bold = bold > 0;
        style.italic = italic > 0;
        style.code = code > 0;
        style.strike = strike > 0;
        for (auto it = links.rbegin(); it != links.rend(); ++it)
            if (!it->empty()) {
                style.href = *it;
                break;
            }
        if (!spans.empty()) {
            Span& last = spans.back();
            if (last.bold == style.bold && last.italic == style.italic && last.code == style.code &&
                last.strike == style.strike && last.href == style.href) {
                last.text += text;
                return;
            }
        }
        style.text = std::string(text);
        spans.push_back(std::move(style));
    }

    static std::string join(const std::vector<Span>& spans) {
        std::string s;
        for (const auto& sp : spans) s += sp.text;
        return s;
    }

    int enter(MD_BLOCKTYPE type, void* detail) {
        if (doc.blocks.size() >= max_blocks) {
            if (!doc.truncated) notice("the document has more than " + std::to_string(max_blocks) +
                                       " blocks; the rest was not read");
            doc.truncated = true;
            return 1;  // stops md_parse
        }
        int block = -1;
        switch (type) {
            case MD_BLOCK_QUOTE: ++quote_depth; break;
            case MD_BLOCK_UL: lists.push_back({false, 0}); break;
            case MD_BLOCK_OL: lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start}); break;
            case MD_BLOCK_LI: {
                block = new_block(BlockKind::ListItem);
                Block& b = doc.blocks.back();
                if (!lists.empty() && lists.back().ordered) {
                    b.ordered = true;
                    b.number = lists.back().next++;
                }
                const auto* li = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
                if (li->is_task) {
                    b.task = (li->task_mark == 'x' || li->task_mark == 'X') ? TaskState::Checked : TaskState::Unchecked;
                    b.task_offset = base + li->task_mark_offset;
                    b.line = line_of(b.task_offset);
                }
                break;
            }
            case MD_BLOCK_H: {
                const int level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                Section s;
                s.level = level;
                s.heading_block = static_cast<int>(doc.blocks.size());
                int parent = section;
                while (parent >= 0 && doc.sections[static_cast<std::size_t>(parent)].level >= level)
                    parent = doc.sections[static_cast<std::size_t>(parent)].parent;
                s.parent = parent;
                doc.sections.push_back(s);
                section = static_cast<int>(doc.sections.size()) - 1;
                block = new_block(BlockKind::Heading);
                doc.blocks.back().level = level;
                break;
            }
            case MD_BLOCK_P: {
                // A paragraph that opens a list item is the item's own text (loose lists).
                if (!open.empty() && open.back().type == MD_BLOCK_LI &&
                    open.back().block == static_cast<int>(doc.blocks.size()) - 1) {
                    block = open.back().block;
                    Block& li = doc.blocks[static_cast<std::size_t>(block)];
                    if (!li.spans.empty()) add_separator(li);
                } else {
                    block = new_block(BlockKind::Paragraph);
                }
                break;
            }
            case MD_BLOCK_CODE: {
                block = new_block(BlockKind::Code);
                const auto* cd = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
                doc.blocks.back().language.assign(cd->lang.text, cd->lang.size);
                code_fenced = cd->fence_char != 0;
                doc.blocks.back().fenced = code_fenced;
                fence_char = cd->fence_char;
                break;
            }
            case MD_BLOCK_HR: block = new_block(BlockKind::Rule); break;
            case MD_BLOCK_TR: block = new_block(BlockKind::TableRow); break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD:
                block = open.empty() ? -1 : open.back().block;
                if (block >= 0) {
                    Block& row = doc.blocks[static_cast<std::size_t>(block)];
                    row.cells.emplace_back();
                    row.header_row = type == MD_BLOCK_TH;
                }
                break;
            case MD_BLOCK_HTML:  // not produced with MD_FLAG_NOHTML; kept as a paragraph if it is
                block = new_block(BlockKind::Paragraph);
                break;
            default: break;
        }
        open.push_back({type, block});
        target = block;
        to_cell = type == MD_BLOCK_TH || type == MD_BLOCK_TD;
        return 0;
    }

    static void add_separator(Block& b) {
        Span sp;
        sp.text = " ";
        b.spans.push_back(sp);
    }

    int leave(MD_BLOCKTYPE type) {
        if (open.empty()) return 0;
        const Open o = open.back();
        open.pop_back();
        if (o.block >= 0 && type != MD_BLOCK_TH && type != MD_BLOCK_TD) {
            Block& b = doc.blocks[static_cast<std::size_t>(o.block)];
            if (b.line == 0) b.line = guess_line();
            if (b.kind == BlockKind::Code) skip_closing_fence();
            if (b.kind == BlockKind::TableRow) {
                for (std::size_t i = 0; i < b.cells.size(); ++i) {
                    if (i > 0) b.text += " | ";
                    b.text += join(b.cells[i]);
                }
            } else if (b.kind != BlockKind::Code) {
                b.text = join(b.spans);
            }
            if (b.kind == BlockKind::Heading)
                doc.sections[static_cast<std::size_t>(b.section)].title = b.text;
        }
        switch (type) {
            case MD_BLOCK_QUOTE: --quote_depth; break;
            case MD_BLOCK_UL:
            case MD_BLOCK_OL:
                if (!lists.empty()) lists.pop_back();
                break;
            default: break;
        }
        target = -1;
        to_cell = false;
        // Text after a nested block still belongs to the enclosing item or cell.
        if (!open.empty()) {
            target = open.back().block;
            to_cell = open.back().type == MD_BLOCK_TH || open.back().type == MD_BLOCK_TD;
        }
        return 0;
    }

    int enter_span(MD_SPANTYPE type, void* detail) {
        switch (type) {
            case MD_SPAN_STRONG: ++bold; break;
            case MD_SPAN_EM: ++italic; break;
            case MD_SPAN_CODE: ++code; break;
            case MD_SPAN_DEL: ++strike; break;
            case MD_SPAN_A: {
                const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
                const std::string_view href(a->href.text, a->href.size);
                std::string safe = safe_href(href);
                if (safe.empty())
                    notice("link to '" + std::string(href.substr(0, 60)) +
                           "' shown as text: only http, https and mailto links are kept");
                links.push_back(std::move(safe));
                break;
            }
            default: break;  // images: their alt text arrives as plain text
        }
        return 0;
    }

    int leave_span(MD_SPANTYPE type) {
        switch (type) {
            case MD_SPAN_STRONG: --bold; break;
            case MD_SPAN_EM: --italic; break;
            case MD_SPAN_CODE: --code; break;
            case MD_SPAN_DEL: --strike; break;
            case MD_SPAN_A:
                if (!links.empty()) links.pop_back();
                break;
            default: break;
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
        const std::string_view t(text, size);
        switch (type) {
            case MD_TEXT_NULLCHAR: add_text("\xEF\xBF\xBD", nullptr); break;
            case MD_TEXT_BR: add_text("\n", nullptr); break;
            case MD_TEXT_SOFTBR: add_text(" ", nullptr); break;
            case MD_TEXT_ENTITY: add_text(decode_entity(t), text); break;
            default: add_text(t, text); break;
        }
        return 0;
    }
};

}  // namespace

bool is_safe_link(std::string_view href) {
    return starts_with_nocase(href, "http://") || starts_with_nocase(href, "https://") || starts_with_nocase(href, "mailto:");
}

void build_blocks(Document& doc, std::size_t body_offset, std::size_t max_blocks) {
    Builder b(doc, std::string_view(doc.source).substr(std::min(body_offset, doc.source.size())));
    b.base = std::min(body_offset, doc.source.size());
    b.max_blocks = max_blocks;
    b.line_starts.push_back(0);
    for (std::size_t i = 0; i < doc.source.size(); ++i)
        if (doc.source[i] == '\n') b.line_starts.push_back(i + 1);

    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_TASKLISTS | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML |
                   MD_FLAG_PERMISSIVEAUTOLINKS;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Builder*>(u)->enter(t, d); };
    parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) { return static_cast<Builder*>(u)->leave(t); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Builder*>(u)->enter_span(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void*, void* u) { return static_cast<Builder*>(u)->leave_span(t); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
        return static_cast<Builder*>(u)->text(t, s, n);
    };
    md_parse(b.body.data(), static_cast<MD_SIZE>(b.body.size()), &parser, &b);
    // md_parse may stop early (block limit, out of memory): blocks read so far stay valid.
    for (auto& blk : doc.blocks)
        if (blk.line == 0) blk.line = 1;
}

}  // namespace mlwb::persona
