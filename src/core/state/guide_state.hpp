// The persona guide's part of the app state: which soul is open, in which view, and what it
// is compared with. Progress through checklists is not here: it is saved per soul (see
// persona/progress.hpp), because a link must not carry or overwrite someone's ticks.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "util/outcome.hpp"

namespace mlwb::state {

enum class GuideView { Checklist, Read, Compare };
const char* key_of(GuideView v);
bool parse_key(const std::string& text, GuideView& out);

struct GuideState {
    std::string soul = "principal-ml-engineer";          // a ChecklistItem's soul_id
    GuideView view = GuideView::Checklist;
    std::string compare = "experimentation-specialist";  // the second soul in the comparison
    std::string item;                                     // an item id to show (set by an instrument's link)
    bool operator==(const GuideState&) const = default;
};

constexpr int kGuideStateVersion = 1;

nlohmann::json guide_state_to_json(const GuideState& s);

// Never fails: bad parts keep defaults and say so. Whether the soul exists is for the UI to
// check (imported souls live in the browser only).
Decoded<GuideState> guide_state_from_json(const nlohmann::json& j);

}  // namespace mlwb::state
