#include "power_panel.hpp"

#include "imgui.h"
#include "power_views.hpp"
#include "state/app_state.hpp"

namespace mlwb::ui {

using power::PowerInputs;
using power::ReadoutInputs;

namespace {

// Points per curve: smooth at any plot width the layout gives (the budget asks for >= 200).
constexpr int kCurvePoints = 240;

void refresh(PowerPanel& panel, const PowerInputs& inputs, const ReadoutInputs& check) {
    if (panel.has_results && panel.computed_for == inputs && panel.check_for == check) return;
    if (!panel.has_results || !(panel.computed_for == inputs)) {
        panel.solved = power::solve(inputs);
        if (panel.solved.ok()) power::compute_power_curves(inputs, panel.solved.value, kCurvePoints, panel.curves);
    }
    panel.results = state::power_instrument_results_json(inputs, panel.solved, check);
    panel.computed_for = inputs;
    panel.check_for = check;
    panel.has_results = true;
}

}  // namespace

const nlohmann::json& power_panel_results(PowerPanel& panel, const PowerInputs& inputs, const ReadoutInputs& check) {
    refresh(panel, inputs, check);
    return panel.results;
}

bool draw_power_panel(PowerPanel& panel, PowerInputs& in, ReadoutInputs& check) {
    bool changed = false;
    // Two columns when there is room for inputs beside results; one below the other otherwise.
    const float width = ImGui::GetContentRegionAvail().x;
    const bool wide = width > ImGui::GetFontSize() * 46.0f;
    ImGui::PushTextWrapPos(0.0f);
    if (wide && ImGui::BeginTable("power_layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("inputs", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 25.0f);
        ImGui::TableSetupColumn("results", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        changed |= draw_power_inputs(panel, in);
        ImGui::Spacing();
        changed |= draw_power_check(panel, check);
        ImGui::TableNextColumn();
        refresh(panel, in, check);
        draw_power_results(panel, in);
        ImGui::EndTable();
    } else {
        // Narrow (phones, embeds): the answer first, the inputs that change it below.
        refresh(panel, in, check);
        draw_power_results(panel, in);
        ImGui::Spacing();
        changed |= draw_power_inputs(panel, in);
        ImGui::Spacing();
        changed |= draw_power_check(panel, check);
    }
    ImGui::PopTextWrapPos();
    return changed;
}

}  // namespace mlwb::ui
