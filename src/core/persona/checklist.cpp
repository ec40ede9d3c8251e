#include "persona/checklist.hpp"

#include <cstdint>
#include <cstdio>
#include <map>

#include "util/ascii.hpp"

namespace mlwb::persona {

namespace {

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

std::string hex(std::uint64_t v, int digits) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return std::string(buf + 16 - digits, static_cast<std::size_t>(digits));
}

std::string scalar(const FrontMatter& fm, std::string_view key) {
    const FrontMatterEntry* e = fm.find(key);
    return e != nullptr && e->kind == FrontMatterValueKind::Scalar ? e->value : std::string();
}

std::vector<std::string> section_path_of(const Document& doc, int section) {
    std::vector<std::string> path;
    for (int s = section; s >= 0 && path.size() < 64; s = doc.sections[static_cast<std::size_t>(s)].parent)
        path.insert(path.begin(), doc.sections[static_cast<std::size_t>(s)].title);
    return path;
}

// "1. Model performance" inside an XML element: the number is the element's formatting.
std::string without_enumerator(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && i < 3 && ascii_digit(text[i])) ++i;
    if (i > 0 && i + 1 < text.size() && (text[i] == '.' || text[i] == ')') && text[i + 1] == ' ') return std::string(text.substr(i + 2));
    return std::string(text);
}

}  // namespace

std::string normalise_item_text(std::string_view text) {
    std::string out(text.size(), '\0');  // written by index: per-byte appends are slow in wasm
    std::size_t n = 0;
    bool gap = false;
    for (const char c : text) {
        if (ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80) {
            if (gap && n > 0) out[n++] = ' ';
            gap = false;
            out[n++] = ascii_to_lower(c);
        } else {
            gap = true;
        }
    }
    out.resize(n);
    return out;
}

std::string slug(std::string_view text) {
    std::string out;
    bool dash = false;
    for (const char c : text) {
        if (ascii_alnum(c)) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += ascii_to_lower(c);
        } else {
            dash = true;
        }
        if (out.size() >= 64) break;
    }
    return out;
}

Checklist extract_checklist(const Document& doc, std::string_view fallback_id) {
    Checklist list;
    const FrontMatter& fm = doc.front_matter;
    std::string first_heading;
    for (const auto& s : doc.sections)
        if (!s.title.empty()) {
            first_heading = s.title;
            break;
        }
    list.title = scalar(fm, "name");
    if (list.title.empty()) list.title = first_heading;
    if (list.title.empty()) list.title = std::string(fallback_id);
    for (const std::string& candidate : {slug(scalar(fm, "id")), slug(scalar(fm, "name")), slug(first_heading), slug(fallback_id)})
        if (!candidate.empty()) {
            list.soul_id = candidate;
            break;
        }
    if (list.soul_id.empty()) list.soul_id = "soul";
    list.version = scalar(fm, "version");
    if (list.version.empty()) list.version = "content-" + hex(fnv1a(doc.source), 12);
    list.description = scalar(fm, "description");
    list.scoring = scalar(fm, "scoring") == "ml-test-score" ? Scoring::MlTestScore : Scoring::Plain;

    std::map<std::string, int> seen;  // normalised text -> how many items had it so far
    for (std::size_t bi = 0; bi < doc.blocks.size(); ++bi) {
        const Block& b = doc.blocks[bi];
        if (b.kind != BlockKind::ListItem) continue;
        ChecklistItem item;
        item.section_path = section_path_of(doc, b.section);
        if (b.task != TaskState::None) {
            item.origin = ItemOrigin::Task;
            item.role = "task";
            item.role_reason = "a task list item";
        } else {
            if (!b.from_xml && b.list_depth != 1) continue;  // sub-bullets explain their parent item
            const Classified role = classify_role(item.section_path, b.from_xml ? std::string_view(b.xml_path) : std::string_view());
            if (role.value.empty()) continue;
            item.origin = b.from_xml ? ItemOrigin::Xml : ItemOrigin::Section;
            item.role = role.value;
            item.role_reason = role.reason;
        }
        item.text = b.from_xml ? without_enumerator(b.text) : b.text;
        const std::string key = normalise_item_text(item.text);
        if (key.empty()) continue;
        // Repeated wording gets a suffix so both items keep their own state.
        const int repeat = seen[key]++;
        item.id = "i" + hex(fnv1a(key), 12) + (repeat > 0 ? "-" + std::to_string(repeat + 1) : "");
        item.block = static_cast<int>(bi);
        item.line = b.line;
        item.stage = classify_stage(item.text, item.section_path, item.stage_reason);
        const Classified instrument = classify_instrument(item.text, item.section_path);
        item.instrument = instrument.value;
        item.instrument_reason = instrument.reason;
        item.done_in_source = b.task == TaskState::Checked;
        list.items.push_back(std::move(item));
    }
    return list;
}

}  // namespace mlwb::persona
