// The YAML front matter of a persona ("soul") file: the `--- ... ---` block some souls start
// with (name, description, tags). Only the simple YAML that such files use is understood;
// anything else is kept as raw text with a notice, so a soul never fails to load because of
// its header.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mlwb::persona {

enum class FrontMatterValueKind {
    Scalar,  // key: value, key: 'quoted', key: "quoted"
    List,    // key: [a, b] or key: followed by "- item" lines
    Raw,     // anything we do not understand (nested maps, | and > blocks, bad quotes)
};

struct FrontMatterEntry {
    std::string key;
    FrontMatterValueKind kind = FrontMatterValueKind::Scalar;
    std::string value;              // Scalar: the unquoted value; Raw: the original text
    std::vector<std::string> items;  // List only
    int line = 0;                    // 1-based line of the key in the text given to the parser
};

struct FrontMatter {
    bool present = false;
    std::string raw;  // the text between the fences, LF line ends
    std::vector<FrontMatterEntry> entries;
    std::vector<std::string> notices;

    // The first entry with this key, or nullptr.
    const FrontMatterEntry* find(std::string_view key) const;
};

struct FrontMatterSplit {
    FrontMatter front_matter;
    std::size_t body_offset = 0;  // where the Markdown starts in the text given to split_front_matter
};

// Splits a leading `---` ... `---` (or `...`) block off `text`. Tolerates a UTF-8 BOM and CRLF
// line ends. Without a closing fence there is no front matter (body_offset 0, present false).
FrontMatterSplit split_front_matter(std::string_view text);

// Parses the lines between the fences (CRLF tolerated). `first_line` is the line number of the
// first of them, for FrontMatterEntry::line.
FrontMatter parse_front_matter(std::string_view yaml, int first_line = 1);

}  // namespace mlwb::persona
