// The souls the app knows: the ones shipped in personas/ (compiled in, see
// cmake/Embed.cmake) and any the user imports. Each is parsed once into its document and
// checklist; the UI and the CLI only read them afterwards.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "persona/checklist.hpp"
#include "persona/document.hpp"
#include "util/outcome.hpp"

namespace mlwb::persona {

struct SoulSource {
    std::string_view path;  // "personas/experimentation.md"
    std::string_view text;
};

// Generated at build time from the files in personas/ (their order in CMakeLists.txt).
std::span<const SoulSource> shipped_souls();

struct LoadedSoul {
    std::string origin;  // the shipped path, or "imported: <name>"
    bool is_checklist = false;  // front matter `kind: checklist`: a checklist set rather than a persona
    Document doc;
    Checklist checklist;
};

// Parses `text` into a LoadedSoul. Errors (field "persona") only for input the parser refuses.
Outcome<LoadedSoul> load_soul(std::string_view text, std::string_view origin, std::string_view fallback_id);

// Every shipped soul, parsed. A shipped soul that fails to parse is a build defect: it is left
// out and its error returned as a notice.
Decoded<std::vector<LoadedSoul>> load_shipped_souls();

// "experimentation" from "personas/experimentation.md" or "C:\\x\\Soul File.txt" -> "Soul File".
std::string file_stem(std::string_view path);

}  // namespace mlwb::persona
