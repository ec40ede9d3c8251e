#include "persona/parse.hpp"

#include <algorithm>
#include <utility>

#include "util/ascii.hpp"

namespace mlwb::persona {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
constexpr std::size_t kMaxXmlSearch = 64;  // how far down a mismatched closing tag is looked for


std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

void trim_trailing_spaces(std::string& s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
}

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    const auto cont = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return k < s.size() && b(k) >= lo && b(k) <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;  // no overlongs
        const unsigned char hi = c == 0xED ? 0x9F : 0xBF;  // no surrogates
        return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
        return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    return 0;
}

// ---- flattened souls --------------------------------------------------------------------
// A soul copied from a web page as text arrives as lines of navigation ("Browse", "Log in",
// "Raw", "Copy") followed by the whole Markdown on ONE line: newlines are gone, but the
// markers survive with a space before them. The heuristic, deliberately small:
//  1. A line of at least kFlatLineMin bytes with at least 3 heading markers (start of line or
//     a space, 1-6 '#', a space, then not a space) is a flattened soul.
//  2. Everything before its first heading marker is page chrome and is dropped (lines after
//     it are kept as they are).
//  3. The line is cut at the markers: a heading gets its own line; its title is the run of
//     Title Case words after the marker (connectors like "and"/"of" and "(...)" allowed),
//     minus the capitalised word that starts the first sentence ("Core Identity You are ...");
//     " N. " + capital letter starts a numbered item when N is 1 or the next number;
//     " - " + capital letter starts a bullet item.
//  4. "--- key: value key: [a, b] ---" right after the first heading is the front matter.
constexpr std::size_t kFlatLineMin = 1000;
constexpr std::size_t kMaxTitleWords = 12;

// Number of '#' of a heading marker at s[i], or 0.
std::size_t heading_marker(std::string_view s, std::size_t i) {
    if (i > 0 && s[i - 1] != ' ') return 0;
    std::size_t h = 0;
    while (i + h < s.size() && s[i + h] == '#' && h < 7) ++h;
    if (h == 0 || h > 6 || i + h + 1 >= s.size() || s[i + h] != ' ') return 0;
    const char next = s[i + h + 1];
    return next != ' ' && next != '#' ? h : 0;
}

bool is_connector(std::string_view w) {
    static constexpr std::string_view kWords[] = {"and", "or", "of", "the", "for", "in", "to", "a",
                                                  "an", "&", "on", "with", "vs", "vs."};
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Where the title of a flattened heading starting at s[p] ends.
std::size_t title_end(std::string_view s, std::size_t p) {
    std::vector<std::pair<std::size_t, std::size_t>> words;
    bool sentence_started = false;
    std::size_t q = p;
    while (q < s.size() && words.size() < kMaxTitleWords) {
        std::size_t e = s.find(' ', q);
        if (e == std::string_view::npos) e = s.size();
        const std::string_view w = s.substr(q, e - q);
        if (w.empty()) {
            q = e + 1;
            continue;
        }
        const bool number_marker = w.size() >= 2 && w.back() == '.' &&
                                   std::all_of(w.begin(), w.end() - 1, [](char c) { return ascii_digit(c); });
        if (w == "-" || w.substr(0, 3) == "---" || w[0] == '#' || number_marker) break;
        if (w[0] == '(') {
            const std::size_t close = s.substr(q, 80).find(')');  // bounded: no quadratic scans
            if (close == std::string_view::npos) break;
            e = s.find(' ', q + close);
            if (e == std::string_view::npos) e = s.size();
            words.emplace_back(q, e);
            q = e + 1;
            continue;
        }
        const bool title_word = !ascii_alpha(w[0]) || ascii_upper(w[0]) ||
                                std::any_of(w.begin(), w.end(), [](char c) { return ascii_digit(c); });
        if (!title_word && !is_connector(w)) {
            sentence_started = true;
            break;
        }
        words.emplace_back(q, e);
        q = e + 1;
    }
    if (sentence_started && words.size() > 1 && ascii_upper(s[words.back().first])) words.pop_back();
    while (words.size() > 1 && is_connector(s.substr(words.back().first, words.back().second - words.back().first)))
        words.pop_back();
    if (words.empty()) {
        const std::size_t e = s.find(' ', p);
        return e == std::string_view::npos ? s.size() : e;
    }
    return words.back().second;
}

// "name: X role: Y tags: [a, b]" -> one `key: value` per line.
std::string inline_front_matter(std::string_view s) {
    std::string out;
    int depth = 0;
    std::size_t q = 0;
    while (q < s.size()) {
        std::size_t e = s.find(' ', q);
        if (e == std::string_view::npos) e = s.size();
        const std::string_view w = s.substr(q, e - q);
        const bool key = depth == 0 && w.size() >= 2 && w.back() == ':' && w[0] >= 'a' && w[0] <= 'z' &&
                         std::all_of(w.begin(), w.end() - 1,
                                     [](char c) { return (c >= 'a' && c <= 'z') || ascii_digit(c) || c == '_'; });
        if (key && !out.empty()) {
            trim_trailing_spaces(out);
            out += '\n';
        } else if (!out.empty() && out.back() != '\n') {
            out += ' ';
        }
        out += w;
        for (const char c : w) depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        q = e + 1;
    }
    out += '\n';
    return out;
}

struct Unflattened {
    std::string text;
    std::string front_matter_yaml;
    std::size_t dropped_lines = 0;
    int line = 0;
};

bool unflatten(std::string_view body, Unflattened& u) {
    std::size_t pos = 0;
    int line_no = 1;
    std::string_view line;
    std::size_t first_marker = std::string_view::npos;
    while (pos < body.size()) {
        const std::size_t nl = body.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? body.size() : nl;
        if (end - pos >= kFlatLineMin) {
            line = body.substr(pos, end - pos);
            int markers = 0;
            std::size_t first = std::string_view::npos;
            for (std::size_t i = line.find('#'); i != std::string_view::npos && markers < 3; i = line.find('#', i + 1)) {
                const std::size_t h = heading_marker(line, i);
                if (h == 0) continue;
                if (markers++ == 0) first = i;
                i += h;
            }
            if (markers >= 3) {
                first_marker = first;
                break;
            }
        }
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
        ++line_no;
    }
    if (first_marker == std::string_view::npos) return false;
    u.dropped_lines = static_cast<std::size_t>(line_no - 1);
    u.line = line_no;
    const std::string_view rest = body.substr(std::min(body.size(), pos + line.size() + 1));

    std::string& out = u.text;
    out.reserve(line.size() + rest.size() + 1024);
    unsigned expected = 1;
    bool first_heading = true;
    std::size_t i = first_marker;
    while (i < line.size()) {
        const bool boundary = i == first_marker || line[i - 1] == ' ';
        if (boundary) {
            if (const std::size_t h = heading_marker(line, i); h > 0) {
                trim_trailing_spaces(out);
                if (!out.empty()) out += "\n\n";
                const std::size_t t = title_end(line, i + h + 1);
                out += line.substr(i, t - i);
                out += "\n\n";
                i = t;
                while (i < line.size() && line[i] == ' ') ++i;
                expected = 1;
                if (first_heading && line.substr(i, 4) == "--- ") {
                    const std::size_t close = line.find(" ---", i + 3);
                    if (close != std::string_view::npos) {
                        u.front_matter_yaml = inline_front_matter(trim(line.substr(i + 4, close - i - 4)));
                        i = close + 4;
                        while (i < line.size() && line[i] == ' ') ++i;
                    }
                }
                first_heading = false;
                continue;
            }
            std::size_t d = 0;
            unsigned n = 0;
            while (d < 2 && i + d < line.size() && ascii_digit(line[i + d])) n = n * 10 + static_cast<unsigned>(line[i + d++] - '0');
            if (d > 0 && i + d + 2 < line.size() && line[i + d] == '.' && line[i + d + 1] == ' ' &&
                ascii_upper(line[i + d + 2]) && (n == 1 || n == expected)) {
                trim_trailing_spaces(out);
                out += '\n';
                out += line.substr(i, d + 2);
                expected = n + 1;
                i += d + 2;
                continue;
            }
            if (i + 2 < line.size() && line[i] == '-' && line[i + 1] == ' ' && ascii_upper(line[i + 2])) {
                trim_trailing_spaces(out);
                out += "\n- ";
                i += 2;
                continue;
            }
        }
        out += line[i++];
    }
    trim_trailing_spaces(out);
    out += "\n\n";
    out += rest;
    return true;
}

// ---- XML in code fences ---------------------------------------------------------------------

bool is_xml_code(const Block& b) {
    if (b.kind != BlockKind::Code) return false;
    std::string lang = b.language;
    for (auto& c : lang) c = ascii_to_lower(c);
    if (lang == "xml") return true;
    const std::string_view t = trim(b.text);
    return lang.empty() && t.size() > 2 && t[0] == '<' && (ascii_alpha(t[1]) || t[1] == '?');
}

std::string decode_xml_text(std::string_view s) {
    static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}, {"&apos;", "'"}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool done = false;
        if (s[i] == '&')
            for (const auto& [from, to] : kEntities)
                if (s.substr(i, from.size()) == from) {
                    out += to;
                    i += from.size();
                    done = true;
                    break;
                }
        if (!done) out += s[i++];
    }
    return out;
}

// Appends, after the code block `code`, one list item per non-empty line of every element
// that holds text and no child elements.
void append_xml_items(const Block& code, std::vector<Block>& out, std::size_t max_blocks) {
    struct Element {
        std::string_view name;
        std::size_t content;
        bool has_child;
    };
    const std::string_view text = code.text;
    std::vector<Element> stack;
    std::size_t counted_to = 0;
    int counted_lines = 0;
    auto line_at = [&](std::size_t offset) {  // offsets only grow: count newlines incrementally
        counted_lines += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted_to),
                                                     text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
        counted_to = offset;
        return code.line + (code.fenced ? 1 : 0) + counted_lines;
    };
    auto emit = [&](const Element& e, std::size_t end) {
        std::size_t p = e.content;
        while (p < end && out.size() < max_blocks) {
            std::size_t nl = text.find('\n', p);
            if (nl == std::string_view::npos || nl > end) nl = end;
            const std::string_view part = trim(text.substr(p, nl - p));
            if (!part.empty()) {
                Block item;
                item.kind = BlockKind::ListItem;
                item.from_xml = true;
                item.xml_element = std::string(e.name);
                for (const auto& ancestor : stack) {
                    if (!item.xml_path.empty()) item.xml_path += '/';
                    item.xml_path += ancestor.name;
                }
                item.text = decode_xml_text(part);
                Span plain;
                plain.text = item.text;
                item.spans.push_back(std::move(plain));
                item.line = line_at(p);
                item.section = code.section;
                item.quote_depth = code.quote_depth;
                item.list_depth = code.list_depth + 1;
                out.push_back(std::move(item));
            }
            p = nl + 1;
        }
    };
    std::size_t i = 0;
    while ((i = text.find('<', i)) != std::string_view::npos && i + 1 < text.size()) {
        const char next = text[i + 1];
        if (text.substr(i, 4) == "<!--") {
            const std::size_t e = text.find("-->", i + 4);
            i = e == std::string_view::npos ? text.size() : e + 3;
            continue;
        }
        if (next == '?' || next == '!') {
            const std::size_t e = text.find('>', i);
            i = e == std::string_view::npos ? text.size() : e + 1;
            continue;
        }
        if (!ascii_alpha(next) && next != '_' && next != '/') {  // "latency < 100ms" is text
            ++i;
            continue;
        }
        const std::size_t close = text.find('>', i);
        if (close == std::string_view::npos) break;
        std::string_view tag = text.substr(i + 1, close - i - 1);
        if (tag[0] == '/') {
            const std::string_view name = trim(tag.substr(1));
            const std::size_t lowest = stack.size() > kMaxXmlSearch ? stack.size() - kMaxXmlSearch : 0;
            for (std::size_t k = stack.size(); k > lowest; --k) {
                if (stack[k - 1].name != name) continue;
                if (k == stack.size() && !stack[k - 1].has_child) emit(stack[k - 1], i);
                stack.resize(k - 1);
                break;
            }
        } else {
            const bool self_closing = tag.back() == '/';
            const std::size_t name_end = tag.find_first_of(" \t\n/");
            const std::string_view name = tag.substr(0, name_end);
            if (!stack.empty()) stack.back().has_child = true;
            if (!self_closing) stack.push_back({name, close + 1, false});
        }
        i = close + 1;
    }
}

void add_xml_items(Document& doc, std::size_t max_blocks) {
    if (std::none_of(doc.blocks.begin(), doc.blocks.end(), is_xml_code)) return;
    std::vector<Block> out;
    std::vector<int> new_index(doc.blocks.size());
    out.reserve(doc.blocks.size());
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        new_index[i] = static_cast<int>(out.size());
        out.push_back(std::move(doc.blocks[i]));
        if (is_xml_code(out.back())) {
            const Block code = out.back();
            append_xml_items(code, out, max_blocks);
        }
    }
    if (out.size() >= max_blocks && !doc.truncated) {
        doc.truncated = true;
        doc.notices.push_back("too many XML elements; the rest were not turned into items");
    }
    for (auto& s : doc.sections) s.heading_block = new_index[static_cast<std::size_t>(s.heading_block)];
    doc.blocks = std::move(out);
}

}  // namespace

std::string normalise_text(std::string_view text, std::size_t& replaced) {
    replaced = 0;
    std::string out;
    out.reserve(text.size());
    std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < text.size()) {
        // Plain ASCII is copied a run at a time: per-byte appends are 3x slower in wasm, where
        // libc++'s string::push_back is an out-of-line call.
        std::size_t run = i;
        while (run < text.size() && text[run] != '\r' && text[run] != '\0' && static_cast<unsigned char>(text[run]) < 0x80) ++run;
        out.append(text.data() + i, run - i);
        i = run;
        if (i == text.size()) break;
        const char c = text[i];
        if (c == '\r') {
            out += '\n';
            i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
        } else if (c == '\0') {
            out += kReplacement;
            ++replaced;
            ++i;
        } else if (const std::size_t n = utf8_length(text, i); n > 0) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += kReplacement;
            ++replaced;
            ++i;
        }
    }
    return out;
}

Outcome<Document> parse_persona(std::string_view text, const ParseOptions& options) {
    Outcome<Document> result;
    if (text.size() > options.max_bytes) {
        result.errors.push_back({"persona", "The file is " + std::to_string(text.size() / (1024 * 1024)) +
                                                " MB; persona files larger than " +
                                                std::to_string(options.max_bytes / (1024 * 1024)) +
                                                " MB are not read."});
        return result;
    }
    Document& doc = result.value;
    std::size_t replaced = 0;
    doc.source = normalise_text(text, replaced);
    if (replaced > 0)
        doc.notices.push_back(std::to_string(replaced) + " invalid UTF-8 or NUL byte(s) replaced by U+FFFD");

    FrontMatterSplit split = split_front_matter(doc.source);
    doc.front_matter = std::move(split.front_matter);
    const std::size_t body_offset = split.body_offset;

    Unflattened flat;
    if (unflatten(std::string_view(doc.source).substr(body_offset), flat)) {
        doc.source = doc.source.substr(0, body_offset) + flat.text;
        doc.recovered_from_flattened = true;
        doc.notices.push_back("line " + std::to_string(flat.line) +
                              " holds a whole flattened document: headings and items were split out of it, " +
                              std::to_string(flat.dropped_lines) +
                              " line(s) of page text before it were dropped; line numbers refer to the recovered text");
        if (!doc.front_matter.present && !flat.front_matter_yaml.empty())
            doc.front_matter = parse_front_matter(flat.front_matter_yaml);
    }
    for (const auto& n : doc.front_matter.notices) doc.notices.push_back(n);

    build_blocks(doc, body_offset, options.max_blocks);
    add_xml_items(doc, options.max_blocks);
    return result;
}

}  // namespace mlwb::persona
