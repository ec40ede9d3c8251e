#include "number_field.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "imgui.h"
#include "theme.hpp"
#include "util/format.hpp"
#include "widgets.hpp"
#include "util/parse.hpp"

namespace mlwb::ui {

bool commit_number_text(NumberField& field, double& value, const NumberValidator& validate) {
    double candidate = 0;
    if (!parse_user_number(field.text, candidate)) {
        field.error = "Not a number.";
        return false;
    }
    if (std::string message = validate ? validate(candidate) : std::string(); !message.empty()) {
        field.error = std::move(message);
        return false;
    }
    field.error.clear();
    field.synced_value = candidate;
    field.synced = true;
    const bool changed = candidate != value;
    value = candidate;
    return changed;
}

void sync_number_field(NumberField& field, double value) {
    if (field.synced && field.synced_value == value) return;
    std::snprintf(field.text, sizeof field.text, "%s", format_shortest(value).c_str());
    field.synced_value = value;
    field.synced = true;
    field.error.clear();
}

std::string message_for_field(const std::vector<FieldError>& errors, const char* key) {
    for (const auto& e : errors)
        if (e.field == key) return e.message;
    return errors.empty() ? std::string() : errors.front().message;
}

bool draw_number_field(const char* label, const char* id, NumberField& field, double& value,
                       const NumberValidator& validate, const char* help) {
    ImGui::PushID(id);
    field_label(label, help);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    // While the user edits, the text is theirs. Otherwise it mirrors the state when the state
    // changed elsewhere (link, setState); a rejected text stays, with its message, until then.
    if (!field.editing) sync_number_field(field, value);
    bool changed = false;
    if (ImGui::InputText("##value", field.text, sizeof field.text, ImGuiInputTextFlags_AutoSelectAll)) {
        changed = commit_number_text(field, value, validate);
    }
    field.editing = ImGui::IsItemActive();
    field.input_id = ImGui::GetID("##value");  // the InputText's id, in the same ID scope
    if (!field.error.empty()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(field.error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
    return changed;
}

}  // namespace mlwb::ui
