// libFuzzer target for the persona ("soul") parser: whatever a user pastes or downloads must
// parse without a crash, a sanitizer report or a hang, and the model must be self-consistent
// (indices in range, task offsets pointing at a task mark, lines within the text). The
// checklist built from it, its exports and the static HTML page must hold up too.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "persona/checklist.hpp"
#include "persona/parse.hpp"
#include "persona/persona_html.hpp"
#include "persona/progress.hpp"
#include <set>
#include <string>

namespace {
bool has_prefix_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mlwb::persona;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto result = parse_persona(text);
    if (!result.ok()) std::abort();  // fuzz inputs are far below the size cap
    const Document& doc = result.value;

    int lines = 1;
    for (const char c : doc.source) lines += c == '\n';
    const int n_sections = static_cast<int>(doc.sections.size());
    for (const Block& b : doc.blocks) {
        if (b.section < -1 || b.section >= n_sections) std::abort();
        if (b.line < 1 || b.line > lines) std::abort();
        if (b.task != TaskState::None && !b.from_xml) {
            if (b.task_offset >= doc.source.size()) std::abort();
            const char mark = doc.source[b.task_offset];
            if (mark != ' ' && mark != 'x' && mark != 'X') std::abort();
        }
        for (const Span& s : b.spans)
            if (!s.href.empty() && !has_prefix_nocase(s.href, "http://") && !has_prefix_nocase(s.href, "https://") &&
                !has_prefix_nocase(s.href, "mailto:"))
                std::abort();
    }
    for (int i = 0; i < n_sections; ++i) {
        const Section& s = doc.sections[static_cast<std::size_t>(i)];
        if (s.heading_block < 0 || s.heading_block >= static_cast<int>(doc.blocks.size())) std::abort();
        if (doc.blocks[static_cast<std::size_t>(s.heading_block)].kind != BlockKind::Heading) std::abort();
        if (s.parent >= i || s.parent < -1) std::abort();
    }
    // Normalised text is valid UTF-8 without NUL or CR: parsing it again gives the same blocks
    // (unless it still starts with a BOM, i.e. the input had two).
    if (!doc.recovered_from_flattened && !doc.truncated && doc.source.rfind("\xEF\xBB\xBF", 0) != 0) {
        const auto again = parse_persona(doc.source);
        if (again.value.blocks.size() != doc.blocks.size()) std::abort();
    }

    const Checklist list = extract_checklist(doc, "fuzz");
    std::set<std::string> ids;
    for (const auto& item : list.items) {
        if (item.block < 0 || item.block >= static_cast<int>(doc.blocks.size())) std::abort();
        if (doc.blocks[static_cast<std::size_t>(item.block)].kind != BlockKind::ListItem) std::abort();
        if (!ids.insert(item.id).second) std::abort();  // ids are unique within a soul
    }
    (void)checklist_markdown(list, {});
    (void)checklist_json(list, {}).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const std::string html = markdown_to_html(doc.source);
    if (html.find("<script") != std::string::npos) std::abort();  // raw HTML never passes through
    return 0;
}
