#include "state/guide_state.hpp"

#include "state/json_fields.hpp"

namespace mlwb::state {

const char* key_of(GuideView v) {
    switch (v) {
        case GuideView::Checklist: return "checklist";
        case GuideView::Read: return "read";
        case GuideView::Compare: return "compare";
    }
    return "checklist";
}

bool parse_key(const std::string& text, GuideView& out) {
    for (GuideView v : {GuideView::Checklist, GuideView::Read, GuideView::Compare})
        if (text == key_of(v)) {
            out = v;
            return true;
        }
    return false;
}

nlohmann::json guide_state_to_json(const GuideState& s) {
    nlohmann::json j = {{"v", kGuideStateVersion}, {"soul", s.soul}, {"view", key_of(s.view)}, {"compare", s.compare}};
    j["item"] = s.item;
    return j;
}

Decoded<GuideState> guide_state_from_json(const nlohmann::json& j) {
    Decoded<GuideState> out;
    if (!j.is_object()) {
        out.notices.push_back("The persona guide state is not a JSON object; using defaults.");
        return out;
    }
    JsonFieldReader r(j, out.notices);
    r.known("v");
    r.text("soul", out.value.soul, 64);
    r.key("view", out.value.view, "checklist, read, compare");
    r.text("compare", out.value.compare, 64);
    r.text("item", out.value.item, 64);
    r.report_unknown_keys();
    return out;
}

}  // namespace mlwb::state
