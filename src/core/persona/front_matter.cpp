#include "persona/front_matter.hpp"

#include "util/ascii.hpp"

namespace mlwb::persona {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (is_space(s.front()) || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// One line of `text` starting at `pos`, without its line end; `next` is where the next starts.
std::string_view line_at(std::string_view text, std::size_t pos, std::size_t& next) {
    const std::size_t end = text.find('\n', pos);
    next = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(pos, (end == std::string_view::npos ? text.size() : end) - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

bool is_fence(std::string_view line, std::string_view fence) { return trim(line) == fence && line.substr(0, 3) == fence; }

bool is_key_char(char c) { return ascii_alnum(c) || c == '_' || c == '-' || c == '.'; }

// Parses a quoted scalar starting at s[0] (a ' or "). Returns false if it is not closed or if
// anything but a comment follows the closing quote.
bool parse_quoted(std::string_view s, std::string& out) {
    const char quote = s[0];
    std::size_t i = 1;
    out.clear();
    bool closed = false;
    while (i < s.size()) {
        const char c = s[i];
        if (quote == '\'' && c == '\'') {
            if (i + 1 < s.size() && s[i + 1] == '\'') {  // '' is an escaped quote in YAML
                out += '\'';
                i += 2;
                continue;
            }
            closed = true;
            ++i;
            break;
        }
        if (quote == '"' && c == '"') {
            closed = true;
            ++i;
            break;
        }
        if (quote == '"' && c == '\\' && i + 1 < s.size()) {
            const char e = s[i + 1];
            out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
            i += 2;
            continue;
        }
        out += c;
        ++i;
    }
    if (!closed) return false;
    const std::string_view rest = trim(s.substr(i));
    return rest.empty() || rest[0] == '#';
}

// An unquoted scalar: a " #" starts a comment, as in YAML.
std::string plain_scalar(std::string_view s) {
    const std::size_t hash = s.find(" #");
    if (hash != std::string_view::npos) s = s.substr(0, hash);
    return std::string(trim(s));
}

// "[a, 'b, c', d]" -> a | b, c | d. False if a quoted item is malformed or nested brackets.
bool parse_inline_list(std::string_view s, std::vector<std::string>& items) {
    s = trim(s.substr(1, s.size() - 2));
    items.clear();
    while (!s.empty()) {
        std::string item;
        std::size_t used = 0;
        if (s[0] == '\'' || s[0] == '"') {
            const char quote = s[0];
            std::size_t close = 1;
            while (close < s.size() && s[close] != quote) ++close;
            if (close >= s.size()) return false;
            item = std::string(s.substr(1, close - 1));
            used = close + 1;
            while (used < s.size() && is_space(s[used])) ++used;
            if (used < s.size() && s[used] != ',') return false;
        } else {
            used = s.find(',');
            if (used == std::string_view::npos) used = s.size();
            const std::string_view raw = trim(s.substr(0, used));
            if (raw.find_first_of("[]{}") != std::string_view::npos) return false;
            item = std::string(raw);
        }
        if (!item.empty()) items.push_back(item);
        s = trim(s.substr(used < s.size() ? used + 1 : used));
    }
    return true;
}

}  // namespace

const FrontMatterEntry* FrontMatter::find(std::string_view key) const {
    for (const auto& e : entries)
        if (e.key == key) return &e;
    return nullptr;
}

FrontMatter parse_front_matter(std::string_view yaml, int first_line) {
    FrontMatter fm;
    fm.present = true;
    std::size_t pos = 0;
    int line_no = first_line;
    std::vector<std::string_view> lines;
    while (pos < yaml.size()) {
        std::size_t next = 0;
        lines.push_back(line_at(yaml, pos, next));
        pos = next;
    }
    for (const auto l : lines) {
        fm.raw += l;
        fm.raw += '\n';
    }

    auto raw_entry = [&](std::string key, std::string text, int line, const char* why) {
        fm.notices.push_back("front matter line " + std::to_string(line) + ": " + why + "; kept as raw text");
        FrontMatterEntry e;
        e.key = std::move(key);
        e.kind = FrontMatterValueKind::Raw;
        e.value = std::move(text);
        e.line = line;
        fm.entries.push_back(std::move(e));
    };

    for (std::size_t i = 0; i < lines.size(); ++i, ++line_no) {
        const std::string_view line = lines[i];
        const std::string_view t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        // A key must start the line; indented lines here belong to nothing we understood.
        std::size_t k = 0;
        while (k < line.size() && is_key_char(line[k])) ++k;
        const bool has_key = k > 0 && k < line.size() && line[k] == ':' &&
                             (k + 1 == line.size() || is_space(line[k + 1]));
        if (!has_key) {
            raw_entry("", std::string(line), line_no, "not a `key: value` line");
            continue;
        }
        FrontMatterEntry e;
        e.key = std::string(line.substr(0, k));
        e.line = line_no;
        const std::string_view value = trim(line.substr(k + 1));
        if (value.empty()) {
            // Either a block list ("- item" lines) or a nested map / nothing.
            std::size_t j = i + 1;
            std::string block;
            bool all_items = true;
            while (j < lines.size() && (lines[j].empty() || is_space(lines[j][0]) || lines[j][0] == '-')) {
                const std::string_view item = trim(lines[j]);
                if (!item.empty()) {
                    if (item[0] == '-' && (item.size() == 1 || is_space(item[1]))) {
                        const std::string_view v = trim(item.substr(1));
                        std::string unq;
                        if (!v.empty() && (v[0] == '\'' || v[0] == '"') && parse_quoted(v, unq))
                            e.items.push_back(unq);
                        else
                            e.items.push_back(plain_scalar(v));
                    } else {
                        all_items = false;
                    }
                }
                block += lines[j];
                block += '\n';
                ++j;
            }
            const int consumed = static_cast<int>(j - i - 1);
            if (!all_items) {
                raw_entry(e.key, block, line_no, "nested YAML is not supported");
            } else if (!e.items.empty()) {
                e.kind = FrontMatterValueKind::List;
                fm.entries.push_back(std::move(e));
            } else {
                fm.entries.push_back(std::move(e));  // `key:` with nothing: an empty scalar
            }
            line_no += consumed;
            i = j - 1;
            continue;
        }
        if (value[0] == '\'' || value[0] == '"') {
            if (!parse_quoted(value, e.value)) {
                raw_entry(e.key, std::string(value), line_no, "unterminated or malformed quoted string");
                continue;
            }
        } else if (value[0] == '[') {
            if (value.back() != ']' || !parse_inline_list(value, e.items)) {
                raw_entry(e.key, std::string(value), line_no, "inline list not understood");
                continue;
            }
            e.kind = FrontMatterValueKind::List;
        } else if (value[0] == '|' || value[0] == '>' || value[0] == '{' || value[0] == '&' || value[0] == '*') {
            std::string block(value);
            while (i + 1 < lines.size() && (lines[i + 1].empty() || is_space(lines[i + 1][0]))) {
                block += '\n';
                block += lines[++i];
                ++line_no;
            }
            raw_entry(e.key, block, e.line, "block scalars, flow maps and anchors are not supported");
            continue;
        } else {
            e.value = plain_scalar(value);
        }
        fm.entries.push_back(std::move(e));
    }
    return fm;
}

FrontMatterSplit split_front_matter(std::string_view text) {
    FrontMatterSplit out;
    std::size_t start = text.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
    std::size_t next = 0;
    if (!is_fence(line_at(text, start, next), "---")) return out;
    const std::size_t yaml_begin = next;
    std::size_t pos = next;
    while (pos < text.size()) {
        const std::string_view line = line_at(text, pos, next);
        if (is_fence(line, "---") || is_fence(line, "...")) {
            out.front_matter = parse_front_matter(text.substr(yaml_begin, pos - yaml_begin), 2);
            out.body_offset = next;
            return out;
        }
        pos = next;
    }
    return out;  // no closing fence: the `---` is Markdown (a rule), not front matter
}

}  // namespace mlwb::persona
