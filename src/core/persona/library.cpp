#include "persona/library.hpp"

#include "persona/parse.hpp"

namespace mlwb::persona {

std::string file_stem(std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
    const std::size_t dot = path.rfind('.');
    if (dot != std::string_view::npos && dot > 0) path = path.substr(0, dot);
    return std::string(path);
}

Outcome<LoadedSoul> load_soul(std::string_view text, std::string_view origin, std::string_view fallback_id) {
    Outcome<LoadedSoul> out;
    auto parsed = parse_persona(text);
    if (!parsed.ok()) {
        out.errors = std::move(parsed.errors);
        return out;
    }
    out.value.origin = std::string(origin);
    out.value.doc = std::move(parsed.value);
    out.value.checklist = extract_checklist(out.value.doc, fallback_id);
    const FrontMatterEntry* kind = out.value.doc.front_matter.find("kind");
    out.value.is_checklist = kind != nullptr && kind->value == "checklist";
    return out;
}

Decoded<std::vector<LoadedSoul>> load_shipped_souls() {
    Decoded<std::vector<LoadedSoul>> out;
    for (const SoulSource& source : shipped_souls()) {
        auto loaded = load_soul(source.text, source.path, file_stem(source.path));
        if (!loaded.ok()) {
            out.notices.push_back(std::string(source.path) + ": " + loaded.errors.front().message);
            continue;
        }
        out.value.push_back(std::move(loaded.value));
    }
    return out;
}

}  // namespace mlwb::persona
