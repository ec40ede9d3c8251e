// A parsed persona as JSON: what `mlwb persona parse FILE --json` prints, and later what the
// guide exports. Blocks keep their source line and section, so an item can be found again.
#pragma once

#include <nlohmann/json.hpp>

#include "persona/document.hpp"

namespace mlwb::persona {

// {"front_matter": {...}, "sections": [{title, level, parent, line}], "blocks": [{kind, text,
//   line, section, ...}], "notices": [...], "truncated": false, "recovered_from_flattened": false}
nlohmann::json document_json(const Document& doc);

}  // namespace mlwb::persona
