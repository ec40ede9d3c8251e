#include "markdown_view.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "fonts.hpp"
#include "theme.hpp"

namespace mlwb::ui {

namespace {

using persona::Block;
using persona::BlockKind;
using persona::Document;
using persona::Span;

constexpr float kListIndent = 22.0f;
constexpr float kQuoteIndent = 16.0f;
constexpr float kCodePad = 8.0f;
constexpr float kLineSpacing = 1.35f;      // line height / font size: prose needs air
constexpr int kBackgroundLayoutPerFrame = 150;  // blocks laid out per frame beyond the visible ones

float heading_scale(int level) {
    static constexpr float kScales[] = {1.0f, 1.6f, 1.35f, 1.15f, 1.05f, 1.0f, 1.0f};
    return kScales[std::clamp(level, 0, 6)];
}

float base_size(ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

float text_width(ImFont* font, float size, std::string_view s) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Large headings use the headline face (rasterised at 30 px, so sharp when drawn at 20-24 px)
// when they are plain ASCII, the only glyphs it has; otherwise the body bold, scaled.
ImFont* font_for(const Span& s, bool heading, bool large_ascii_heading = false) {
    const Fonts& f = fonts();
    if (s.code) return f.mono;
    if (large_ascii_heading && f.headline) return f.headline;
    if (heading || s.bold) return f.bold;
    if (s.italic) return f.italic ? f.italic : f.regular;
    return f.regular;
}

float block_font_size(const Block& b) {
    const float body = base_size(fonts().regular);
    return b.kind == BlockKind::Heading ? body * heading_scale(b.level) : body;
}

float line_height(const Block& b) {
    if (b.kind == BlockKind::Code) return base_size(fonts().mono) * 1.3f;
    return block_font_size(b) * kLineSpacing;
}

float indent_of(const Block& b) {
    float x = static_cast<float>(b.quote_depth) * kQuoteIndent;
    if (b.kind == BlockKind::ListItem) {
        x += static_cast<float>(b.list_depth) * kListIndent;
        if (b.task != persona::TaskState::None) x += 6.0f;
    }
    return x;
}

// Greedy word wrap of styled spans: words never split unless one alone is wider than a line.
class LineBreaker {
public:
    LineBreaker(BlockLayout& out, float left, float right, float line_h, bool keep_spaces = false)
        : out_(out), left_(left), right_(right), line_h_(line_h), x_(left), keep_spaces_(keep_spaces) {}

    void add(std::string_view text, ImFont* font, float size, RunStyle style, bool strike, int span) {
        std::size_t i = 0;
        while (i < text.size()) {
            // A token: a word plus the spaces after it.
            std::size_t word_end = i;
            while (word_end < text.size() && text[word_end] != ' ' && text[word_end] != '\n') ++word_end;
            std::size_t token_end = word_end;
            while (token_end < text.size() && (text[token_end] == ' ' || text[token_end] == '\n')) ++token_end;
            const std::string_view word = text.substr(i, word_end - i);
            const std::string_view token = text.substr(i, token_end - i);
            const float word_w = text_width(font, size, word);
            if (x_ > left_ && x_ + word_w > right_) new_line();
            if (word_w > right_ - left_) {
                add_long_word(word, font, size, style, strike, span);
                append(text.substr(word_end, token_end - word_end), font, size, style, strike, span);
            } else {
                append(token, font, size, style, strike, span);
            }
            i = token_end;
        }
    }

    float height() const { return y_ + line_h_; }

private:
    void new_line() {
        x_ = left_;
        y_ += line_h_;
    }

    void append(std::string_view piece, ImFont* font, float size, RunStyle style, bool strike, int span) {
        if (piece.empty()) return;
        if (x_ == left_ && !keep_spaces_) {  // no leading spaces at the start of a line (code keeps its indentation)
            while (!piece.empty() && (piece.front() == ' ' || piece.front() == '\n')) piece.remove_prefix(1);
            if (piece.empty()) return;
        }
        const float w = text_width(font, size, piece);
        TextRun* last = out_.runs.empty() ? nullptr : &out_.runs.back();
        if (last && last->span == span && last->font == font && last->pos.y == y_ && last->style == style &&
            last->text.data() + last->text.size() == piece.data()) {
            last->text = std::string_view(last->text.data(), last->text.size() + piece.size());
            last->width = text_width(font, size, last->text);
        } else {
            out_.runs.push_back({piece, font, size, ImVec2(x_, y_), w, style, strike, span});
        }
        x_ += w;
    }

    // A URL or identifier wider than the line: cut it at character boundaries.
    void add_long_word(std::string_view word, ImFont* font, float size, RunStyle style, bool strike, int span) {
        std::size_t start = 0;
        while (start < word.size()) {
            std::size_t end = start;
            float w = 0;
            while (end < word.size()) {
                std::size_t next = end + 1;
                while (next < word.size() && (static_cast<unsigned char>(word[next]) & 0xC0) == 0x80) ++next;
                const float cw = text_width(font, size, word.substr(end, next - end));
                if (w + cw > right_ - x_ && end > start) break;
                w += cw;
                end = next;
            }
            append(word.substr(start, end - start), font, size, style, strike, span);
            start = end;
            if (start < word.size()) new_line();
        }
    }

    BlockLayout& out_;
    float left_, right_, line_h_;
    float x_;
    bool keep_spaces_;
    float y_ = 0;
};

float estimate_height(const Block& b, float width) {
    const float line_h = line_height(b);
    if (b.kind == BlockKind::Rule) return 14.0f;
    if (b.kind == BlockKind::Code) {
        const float lines = 1.0f + static_cast<float>(std::count(b.text.begin(), b.text.end(), '\n'));
        return lines * line_h + 2 * kCodePad;
    }
    const float chars_per_line = std::max(8.0f, (width - indent_of(b)) / (block_font_size(b) * 0.5f));
    return std::ceil(std::max(1.0f, static_cast<float>(b.text.size()) / chars_per_line)) * line_h;
}

float table_row_height(const Block& row, int columns, float width) {
    const float cell_w = std::max(40.0f, width / static_cast<float>(std::max(columns, 1)) - 12.0f);
    float h = 0;
    for (const auto& cell : row.cells) {
        std::string text;
        for (const auto& s : cell) text += s.text;
        ImFont* font = row.header_row ? fonts().bold : fonts().regular;
        h = std::max(h, font->CalcTextSizeA(base_size(font), FLT_MAX, cell_w, text.c_str()).y);
    }
    return std::max(h, base_size(fonts().regular)) + ImGui::GetStyle().CellPadding.y * 2 + 1;
}

void layout_block(MarkdownView& view, const Document& doc, int index) {
    const Block& b = doc.blocks[static_cast<std::size_t>(index)];
    BlockLayout& L = view.blocks[static_cast<std::size_t>(index)];
    L.runs.clear();
    L.indent = indent_of(b);
    L.laid_out = true;
    switch (b.kind) {
        case BlockKind::Rule: L.height = 14.0f; return;
        case BlockKind::TableRow: {
            const bool starts_table = index == 0 || doc.blocks[static_cast<std::size_t>(index - 1)].kind != BlockKind::TableRow;
            if (!starts_table) {  // drawn with the table's first row
                L.height = 0;
                return;
            }
            int rows = 0;
            float h = 0;
            const int columns = static_cast<int>(b.cells.size());
            for (std::size_t r = static_cast<std::size_t>(index); r < doc.blocks.size() && doc.blocks[r].kind == BlockKind::TableRow; ++r) {
                h += table_row_height(doc.blocks[r], columns, view.width - L.indent);
                ++rows;
            }
            L.table_rows = rows;
            L.height = h + 2;
            return;
        }
        case BlockKind::Code: {
            ImFont* mono = fonts().mono;
            const float size = base_size(mono);
            std::string_view code = b.text;
            while (!code.empty() && code.back() == '\n') code.remove_suffix(1);
            // One breaker call per source line keeps the line structure; spaces are content here.
            BlockLayout scratch;
            float y = 0;
            std::size_t start = 0;
            while (start <= code.size()) {
                std::size_t end = code.find('\n', start);
                if (end == std::string_view::npos) end = code.size();
                scratch.runs.clear();
                LineBreaker one(scratch, kCodePad, std::max(view.width - L.indent - kCodePad, kCodePad + 40.0f), line_height(b), true);
                one.add(code.substr(start, end - start), mono, size, RunStyle::Code, false, -1);
                for (auto run : scratch.runs) {
                    run.pos.y += y + kCodePad;
                    L.runs.push_back(run);
                }
                y += one.height();
                start = end + 1;
            }
            L.height = y + 2 * kCodePad;
            return;
        }
        default: break;
    }
    const bool heading = b.kind == BlockKind::Heading;
    const float size_scale = heading ? heading_scale(b.level) : 1.0f;
    LineBreaker lines(L, 0, std::max(view.width - L.indent - (heading ? 110.0f : 0.0f), 60.0f), line_height(b));
    if (b.from_xml) {
        // The element's name first: it says why this line is an item (a gate, a metric, ...).
        lines.add(b.xml_element, fonts().mono, base_size(fonts().mono) * 0.9f, RunStyle::Muted, false, -1);
        lines.add("  ", fonts().regular, block_font_size(b), RunStyle::Muted, false, -1);
    }
    const bool large_ascii = heading && b.level <= 2 && is_ascii(b.text);
    for (std::size_t s = 0; s < b.spans.size(); ++s) {
        const Span& span = b.spans[s];
        ImFont* font = font_for(span, heading, large_ascii);
        // Sizes are relative to the body face, whichever face draws them.
        const float size = (span.code ? base_size(font) : base_size(fonts().bold)) * size_scale;
        const RunStyle style = !span.href.empty() ? RunStyle::Link : span.code ? RunStyle::Code : RunStyle::Text;
        lines.add(span.text, font, size, style, span.strike, static_cast<int>(s));
    }
    L.height = lines.height();
}

float margin_before(const Document& doc, std::size_t i) {
    if (i == 0) return 0;
    const Block& b = doc.blocks[i];
    const Block& prev = doc.blocks[i - 1];
    switch (b.kind) {
        case BlockKind::Heading: return b.level <= 2 ? 20.0f : 14.0f;
        case BlockKind::ListItem: return prev.kind == BlockKind::ListItem ? 4.0f : 8.0f;
        case BlockKind::TableRow: return prev.kind == BlockKind::TableRow ? 0.0f : 10.0f;
        default: return 10.0f;
    }
}

void place_blocks(MarkdownView& view, const Document& doc) {
    float y = 0;
    for (std::size_t i = 0; i < view.blocks.size(); ++i) {
        y += margin_before(doc, i);
        view.blocks[i].y = y;
        y += view.blocks[i].height;
    }
}

void reset_layout(MarkdownView& view, const Document& doc, float width) {
    view.doc = &doc;
    view.doc_blocks = doc.blocks.size();
    view.width = width;
    view.font_size = ImGui::GetFontSize();
    view.blocks.assign(doc.blocks.size(), BlockLayout{});
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) view.blocks[i].height = estimate_height(doc.blocks[i], width);
    place_blocks(view, doc);
}

ImU32 colour_of(RunStyle style) {
    switch (style) {
        case RunStyle::Link: return ImGui::GetColorU32(palette().accent);
        case RunStyle::Muted: return ImGui::GetColorU32(palette().muted);
        default: return ImGui::GetColorU32(ImGuiCol_Text);
    }
}

TaskMark mark_of(const Block& b, const std::vector<TaskMark>& marks, std::size_t index) {
    if (b.task == persona::TaskState::None && (index >= marks.size() || marks[index] == TaskMark::None)) return TaskMark::None;
    if (index < marks.size() && marks[index] != TaskMark::None) return marks[index];
    return b.task == persona::TaskState::Checked ? TaskMark::Done : TaskMark::Open;
}

void draw_table(const Document& doc, std::size_t first, int rows, ImVec2 pos, float width) {
    const Block& head = doc.blocks[first];
    const int columns = std::clamp(static_cast<int>(head.cells.size()), 1, 63);
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushID(static_cast<int>(first));
    if (ImGui::BeginTable("table", columns, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame,
                          ImVec2(width, 0))) {
        for (int r = 0; r < rows; ++r) {
            const Block& row = doc.blocks[first + static_cast<std::size_t>(r)];
            ImGui::TableNextRow();
            for (int c = 0; c < columns; ++c) {
                ImGui::TableSetColumnIndex(c);
                if (static_cast<std::size_t>(c) >= row.cells.size()) continue;
                std::string text;
                for (const auto& s : row.cells[static_cast<std::size_t>(c)]) text += s.text;
                if (row.header_row) ImGui::PushFont(fonts().bold);
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextUnformatted(text.c_str());
                ImGui::PopTextWrapPos();
                if (row.header_row) ImGui::PopFont();
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopID();
}

}  // namespace

std::string section_source(const Document& doc, int block) {
    if (block < 0 || static_cast<std::size_t>(block) >= doc.blocks.size()) return {};
    const Block& h = doc.blocks[static_cast<std::size_t>(block)];
    int end_line = -1;
    for (std::size_t i = static_cast<std::size_t>(block) + 1; i < doc.blocks.size(); ++i) {
        const Block& b = doc.blocks[i];
        if (b.kind == BlockKind::Heading && (h.kind != BlockKind::Heading || b.level <= h.level)) {
            end_line = b.line;
            break;
        }
    }
    // Lines [h.line, end_line) of the source.
    std::size_t start = 0;
    for (int line = 1; line < h.line && start != std::string::npos; ++line) {
        start = doc.source.find('\n', start);
        if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) return {};
    std::size_t end = start;
    if (end_line < 0) {
        end = doc.source.size();
    } else {
        for (int line = h.line; line < end_line && end != std::string::npos; ++line) {
            end = doc.source.find('\n', end);
            if (end != std::string::npos) ++end;
        }
        if (end == std::string::npos) end = doc.source.size();
    }
    std::string out = doc.source.substr(start, end - start);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out + "\n";
}

MarkdownEvents draw_markdown(const char* id, MarkdownView& view, const Document& doc, const std::vector<TaskMark>& task_marks, ImVec2 size) {
    MarkdownEvents events;
    if (!ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoNavInputs)) {
        ImGui::EndChild();
        return events;
    }
    const float width = std::floor(ImGui::GetContentRegionAvail().x);
    if (view.doc != &doc || view.doc_blocks != doc.blocks.size() || std::fabs(view.width - width) > 0.5f ||
        view.font_size != ImGui::GetFontSize())
        reset_layout(view, doc, width);
    if (view.scroll_to_block >= 0 && static_cast<std::size_t>(view.scroll_to_block) < view.blocks.size()) {
        // Lay out everything above the target first, so its position is exact.
        for (int i = 0; i <= view.scroll_to_block; ++i)
            if (!view.blocks[static_cast<std::size_t>(i)].laid_out) layout_block(view, doc, i);
        place_blocks(view, doc);
        ImGui::SetScrollY(view.blocks[static_cast<std::size_t>(view.scroll_to_block)].y);
        view.scroll_to_block = -1;
    }

    const float scroll = ImGui::GetScrollY();
    const float visible_h = ImGui::GetWindowHeight();
    auto first_visible = [&]() {
        auto it = std::lower_bound(view.blocks.begin(), view.blocks.end(), scroll - 40.0f,
                                   [](const BlockLayout& L, float y) { return L.y + L.height < y; });
        return static_cast<std::size_t>(it - view.blocks.begin());
    };
    // Lay out what is on screen, then a slice of the rest; positions follow the new heights.
    bool changed = false;
    for (std::size_t i = first_visible(); i < view.blocks.size() && view.blocks[i].y <= scroll + visible_h + 40.0f; ++i)
        if (!view.blocks[i].laid_out) {
            layout_block(view, doc, static_cast<int>(i));
            changed = true;
        }
    int budget = kBackgroundLayoutPerFrame;
    for (std::size_t i = 0; i < view.blocks.size() && budget > 0; ++i)
        if (!view.blocks[i].laid_out) {
            layout_block(view, doc, static_cast<int>(i));
            changed = true;
            --budget;
        }
    if (changed) place_blocks(view, doc);
    events.more_layout_pending = budget == 0;

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool hovered_window = ImGui::IsWindowHovered();
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 muted_col = ImGui::GetColorU32(palette().muted);
    const ImU32 code_bg = ImGui::GetColorU32(palette().code_bg);
    bool relayout = false;

    for (std::size_t i = first_visible(); i < view.blocks.size(); ++i) {
        const BlockLayout& L = view.blocks[i];
        if (L.y > scroll + visible_h + 40.0f) break;
        const Block& b = doc.blocks[i];
        const ImVec2 top(origin.x + L.indent, origin.y + L.y);
        for (int q = 0; q < b.quote_depth; ++q) {
            const float x = origin.x + static_cast<float>(q) * kQuoteIndent + 3.0f;
            draw->AddRectFilled(ImVec2(x, top.y - margin_before(doc, i)), ImVec2(x + 3.0f, top.y + L.height), muted_col);
        }
        if (b.kind == BlockKind::Rule) {
            draw->AddLine(ImVec2(top.x, top.y + 7), ImVec2(origin.x + width, top.y + 7), muted_col);
            continue;
        }
        if (b.kind == BlockKind::TableRow) {
            if (L.table_rows == 0) continue;
            draw_table(doc, i, L.table_rows, top, width - L.indent);
            const float measured = ImGui::GetCursorScreenPos().y - top.y - ImGui::GetStyle().ItemSpacing.y;
            if (std::fabs(measured - L.height) > 0.5f) {
                view.blocks[i].height = measured;
                relayout = true;
            }
            continue;
        }
        if (b.kind == BlockKind::Code) {
            draw->AddRectFilled(top, ImVec2(origin.x + width, top.y + L.height), code_bg, 4.0f);
            ImGui::SetCursorScreenPos(ImVec2(origin.x + width - 52.0f, top.y + 2.0f));
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::SmallButton("Copy")) events.copy_text = b.text;
            ImGui::PopID();
        }
        if (b.kind == BlockKind::Heading && b.level <= 3) {
            ImGui::SetCursorScreenPos(ImVec2(origin.x + width - 100.0f, top.y + 2.0f));
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::SmallButton("Copy section")) events.copy_text = section_source(doc, static_cast<int>(i));
            ImGui::PopID();
        }
        if (b.kind == BlockKind::ListItem) {
            const float size = block_font_size(b);
            const TaskMark mark = mark_of(b, task_marks, i);
            if (mark != TaskMark::None) {
                const float box = size * 0.95f;
                const ImVec2 a(top.x - box - 4.0f, top.y + (size * kLineSpacing - box) * 0.5f);
                const ImVec2 z(a.x + box, a.y + box);
                const bool over = hovered_window && mouse.x >= a.x - 3 && mouse.x <= z.x + 3 && mouse.y >= a.y - 3 && mouse.y <= z.y + 3;
                draw->AddRectFilled(a, z, ImGui::GetColorU32(over ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg), 3.0f);
                draw->AddRect(a, z, ImGui::GetColorU32(ImGuiCol_Border), 3.0f);
                if (mark == TaskMark::Done) {
                    const ImU32 c = ImGui::GetColorU32(ImGuiCol_CheckMark);
                    draw->AddLine(ImVec2(a.x + box * 0.2f, a.y + box * 0.55f), ImVec2(a.x + box * 0.42f, a.y + box * 0.78f), c, 2.0f);
                    draw->AddLine(ImVec2(a.x + box * 0.42f, a.y + box * 0.78f), ImVec2(a.x + box * 0.82f, a.y + box * 0.25f), c, 2.0f);
                } else if (mark == TaskMark::NotApplicable) {
                    draw->AddLine(ImVec2(a.x + box * 0.25f, a.y + box * 0.5f), ImVec2(a.x + box * 0.75f, a.y + box * 0.5f), muted_col, 2.0f);
                }
                if (over) {
                    ImGui::SetTooltip(mark == TaskMark::Done ? "Done: click to reopen" : "Click to mark done");
                    if (ImGui::IsMouseClicked(0)) events.toggled_task_block = static_cast<int>(i);
                }
            } else if (b.ordered) {
                const std::string n = std::to_string(b.number) + ".";
                const float w = text_width(fonts().regular, size, n);
                draw->AddText(fonts().regular, size, ImVec2(top.x - w - 6.0f, top.y + size * (kLineSpacing - 1) * 0.5f), muted_col, n.c_str());
            } else {
                draw->AddText(fonts().regular, size, ImVec2(top.x - 13.0f, top.y + size * (kLineSpacing - 1) * 0.5f), muted_col, "\xE2\x80\xA2");
            }
        }
        const TaskMark mark = b.kind == BlockKind::ListItem ? mark_of(b, task_marks, i) : TaskMark::None;
        for (const TextRun& run : L.runs) {
            const ImVec2 p(top.x + run.pos.x, top.y + run.pos.y + run.size * (kLineSpacing - 1) * 0.5f);
            if (b.kind == BlockKind::Code) {
                draw->AddText(run.font, run.size, ImVec2(top.x + run.pos.x, top.y + run.pos.y), text_col, run.text.data(),
                              run.text.data() + run.text.size());
                continue;
            }
            if (run.style == RunStyle::Code) draw->AddRectFilled(ImVec2(p.x - 2, p.y - 1), ImVec2(p.x + run.width + 2, p.y + run.size + 1), code_bg, 3.0f);
            ImU32 col = mark == TaskMark::NotApplicable ? muted_col : colour_of(run.style);
            const bool link = run.style == RunStyle::Link;
            const bool over = link && hovered_window && mouse.x >= p.x && mouse.x <= p.x + run.width && mouse.y >= p.y && mouse.y <= p.y + run.size;
            draw->AddText(run.font, run.size, p, col, run.text.data(), run.text.data() + run.text.size());
            if (link) draw->AddLine(ImVec2(p.x, p.y + run.size), ImVec2(p.x + run.width, p.y + run.size), col, over ? 1.5f : 1.0f);
            if (run.strike || mark == TaskMark::NotApplicable)
                draw->AddLine(ImVec2(p.x, p.y + run.size * 0.55f), ImVec2(p.x + run.width, p.y + run.size * 0.55f), col, 1.0f);
            if (over) {
                const std::string& href = b.spans[static_cast<std::size_t>(run.span)].href;
                ImGui::SetTooltip("%s", href.c_str());
                if (ImGui::IsMouseClicked(0) && persona::is_safe_link(href)) events.open_url = href;
            }
        }
    }
    if (relayout) place_blocks(view, doc);
    const float total = view.blocks.empty() ? 0.0f : view.blocks.back().y + view.blocks.back().height;
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, total + 8.0f));
    ImGui::EndChild();
    return events;
}

}  // namespace mlwb::ui
