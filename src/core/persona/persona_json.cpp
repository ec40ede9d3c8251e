#include "persona/persona_json.hpp"

namespace mlwb::persona {

namespace {

const char* kind_key(BlockKind k) {
    switch (k) {
        case BlockKind::Heading: return "heading";
        case BlockKind::Paragraph: return "paragraph";
        case BlockKind::ListItem: return "list_item";
        case BlockKind::Code: return "code";
        case BlockKind::TableRow: return "table_row";
        case BlockKind::Rule: return "rule";
    }
    return "paragraph";
}

nlohmann::json front_matter_json(const FrontMatter& fm) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& e : fm.entries) {
        if (e.kind == FrontMatterValueKind::List) out[e.key] = e.items;
        else out[e.key] = e.value;  // Raw entries keep their text
    }
    return out;
}

}  // namespace

nlohmann::json document_json(const Document& doc) {
    nlohmann::json sections = nlohmann::json::array();
    for (const auto& s : doc.sections) {
        const int line = s.heading_block >= 0 ? doc.blocks[static_cast<std::size_t>(s.heading_block)].line : 0;
        sections.push_back({{"title", s.title}, {"level", s.level}, {"parent", s.parent}, {"line", line}});
    }
    nlohmann::json blocks = nlohmann::json::array();
    for (const auto& b : doc.blocks) {
        nlohmann::json j = {{"kind", kind_key(b.kind)}, {"text", b.text}, {"line", b.line}, {"section", b.section}};
        if (b.kind == BlockKind::Heading) j["level"] = b.level;
        if (b.kind == BlockKind::ListItem) {
            j["depth"] = b.list_depth;
            if (b.ordered) j["number"] = b.number;
            if (b.task != TaskState::None) j["task"] = b.task == TaskState::Checked ? "done" : "open";
            if (b.from_xml) {
                j["xml_element"] = b.xml_element;
                j["xml_path"] = b.xml_path;
            }
        }
        if (b.kind == BlockKind::Code && !b.language.empty()) j["language"] = b.language;
        if (b.quote_depth > 0) j["quote_depth"] = b.quote_depth;
        nlohmann::json links = nlohmann::json::array();
        for (const auto& span : b.spans)
            if (!span.href.empty()) links.push_back({{"text", span.text}, {"href", span.href}});
        if (!links.empty()) j["links"] = links;
        blocks.push_back(std::move(j));
    }
    // Invalid UTF-8 was replaced during parsing, so dump() cannot fail on these strings.
    return {{"front_matter", front_matter_json(doc.front_matter)},
            {"sections", sections},
            {"blocks", blocks},
            {"notices", doc.notices},
            {"truncated", doc.truncated},
            {"recovered_from_flattened", doc.recovered_from_flattened}};
}

}  // namespace mlwb::persona
