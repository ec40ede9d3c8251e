#include "power_panel.hpp"

#include <string>

#include "fonts.hpp"
#include "imgui.h"
#include "power/power_report.hpp"
#include "power/proportions.hpp"
#include "stats/normal.hpp"
#include "theme.hpp"
#include "util/format.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

using power::Alternative;
using power::PowerInputs;

namespace {

// A candidate value is acceptable when the inputs with it pass the engine's validation; the
// message shown is the one about this field, or else the first (e.g. "must differ from ...").
NumberValidator validator_for(const PowerInputs& inputs, double PowerInputs::*member, const char* field) {
    return [inputs, member, field](double candidate) {
        PowerInputs trial = inputs;
        trial.*member = candidate;
        const auto errors = power::validate(trial);
        for (const auto& e : errors)
            if (e.field == field) return e.message;
        return errors.empty() ? std::string() : errors.front().message;
    };
}

void draw_results(const PowerInputs& in, const nlohmann::json& r) {
    begin_card();
    if (!r.value("ok", false)) {
        for (const auto& e : r["errors"]) error_text(e.value("message", ""));
        end_card();
        return;
    }
    const auto n_ceil = r["n_per_arm_ceil"].get<std::int64_t>();
    const float top = ImGui::GetCursorPosY();
    ImGui::PushFont(fonts().headline);
    ImGui::TextUnformatted(format_grouped(n_ceil).c_str());
    const float headline_size = ImGui::GetFontSize();
    ImGui::PopFont();
    ImGui::SameLine();
    // Sit the label on the number's baseline rather than at its top.
    ImGui::SetCursorPosY(top + (headline_size - ImGui::GetFontSize()) * 0.78f);
    ImGui::TextUnformatted("units per arm");
    ImGui::Text("%s in total (2 arms, 1:1).", format_grouped(r["n_total_ceil"].get<std::int64_t>()).c_str());
    muted_text("Exact root n = " + format_significant(r["n_per_arm"].get<double>(), 10) + "; with " +
               format_grouped(n_ceil) + " per arm the power is " +
               format_significant(r["power_at_ceil"].get<double>(), 5) + ".");
    const double rel = r["relative_difference"].get<double>();
    muted_text("Detects " + format_significant(in.baseline * 100, 6) + " % \xE2\x86\x92 " +
               format_significant(in.target * 100, 6) + " % (" + (rel >= 0 ? "+" : "") +
               format_significant(rel * 100, 4) + " % relative) with a " + power::alternative_key(in.alternative) +
               " test at \xCE\xB1 = " + format_significant(in.alpha, 4) + ".");
    end_card();
}

void draw_method(const PowerInputs& in, const nlohmann::json& r) {
    if (!r.value("ok", false)) return;
    if (!ImGui::CollapsingHeader("Method and formula")) return;
    const auto t = power::pooled_terms(in);
    const bool two = in.alternative == Alternative::TwoSided;
    ImGui::TextWrapped("Pooled-variance z-test for two proportions, the method of R's power.prop.test%s. "
                       "Results agree with R to 1e-9 (tests/golden/power_prop.json).",
                       in.strict ? " with strict = TRUE (rejections in the wrong tail count as power)" : "");
    ImGui::PushFont(fonts().mono);
    ImGui::TextUnformatted(two ? "n = ((z[1-\xCE\xB1/2]\xC2\xB7\xE2\x88\x9A(2 pbar qbar) + z[1-\xCE\xB2]\xC2\xB7\xE2\x88\x9A(p1 q1 + p2 q2)) / |p2 - p1|)\xC2\xB2"
                               : "n = ((z[1-\xCE\xB1]\xC2\xB7\xE2\x88\x9A(2 pbar qbar) + z[1-\xCE\xB2]\xC2\xB7\xE2\x88\x9A(p1 q1 + p2 q2)) / |p2 - p1|)\xC2\xB2");
    const double z_power = stats::normal_quantile(in.power);
    const std::string filled = "  = ((" + format_significant(t.z_crit, 5) + " \xC3\x97 " + format_significant(t.sd_null, 5) +
                               " + " + format_significant(z_power, 5) + " \xC3\x97 " + format_significant(t.sd_alt, 5) +
                               ") / " + format_significant(t.d, 5) + ")\xC2\xB2";
    ImGui::TextUnformatted(filled.c_str());
    ImGui::Text("  = %s", format_significant(power::pooled_closed_form_n(in), 10).c_str());
    if (in.strict && two) ImGui::Text("strict: n = %s", format_significant(r["n_per_arm"].get<double>(), 10).c_str());
    ImGui::PopFont();
    if (in.strict && two) muted_text("With strict, n solves the power equation including the far-tail term, which has no "
                                     "closed form; the formula above gives the non-strict n it starts from.");
}

}  // namespace

const nlohmann::json& power_panel_results(PowerPanel& panel, const PowerInputs& inputs) {
    if (!panel.has_results || !(panel.computed_for == inputs)) {
        panel.results = power::power_results_json(inputs);
        panel.computed_for = inputs;
        panel.has_results = true;
    }
    return panel.results;
}

bool draw_power_panel(PowerPanel& panel, PowerInputs& in) {
    bool changed = false;
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("Sample size for two conversion rates");
    ImGui::PopFont();
    muted_text("How many units per arm an A/B test needs to detect a change from the baseline rate to the target rate.");
    ImGui::Spacing();

    changed |= draw_number_field("Baseline rate", "baseline", panel.baseline, in.baseline,
                                 validator_for(in, &PowerInputs::baseline, "baseline"),
                                 "Conversion rate of the control arm today, as a fraction (0.1) or percent (10%).");
    changed |= draw_number_field("Target rate", "target", panel.target, in.target,
                                 validator_for(in, &PowerInputs::target, "target"),
                                 "The treatment rate you want to be able to detect (baseline plus the minimum detectable effect).");
    changed |= draw_number_field("Significance \xCE\xB1", "alpha", panel.alpha, in.alpha,
                                 validator_for(in, &PowerInputs::alpha, "alpha"),
                                 "False-positive rate you accept: the chance of declaring a winner when there is no difference.");
    changed |= draw_number_field("Power 1 \xE2\x88\x92 \xCE\xB2", "power", panel.power, in.power,
                                 validator_for(in, &PowerInputs::power, "power"),
                                 "Chance of detecting the effect if it is real. 0.8 is common; 0.9 for decisions that are costly to get wrong.");

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Test");
    ImGui::SameLine(ImGui::GetFontSize() * 9.5f);
    int alt = in.alternative == Alternative::TwoSided ? 0 : 1;
    if (ImGui::RadioButton("two-sided", &alt, 0)) { in.alternative = Alternative::TwoSided; changed = true; }
    ImGui::SameLine();
    if (ImGui::RadioButton("one-sided", &alt, 1)) { in.alternative = Alternative::OneSided; changed = true; }
    if (in.alternative == Alternative::TwoSided) {
        ImGui::SameLine();
        if (ImGui::Checkbox("strict", &in.strict)) changed = true;
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Also count rejections in the wrong direction as power (R's strict = TRUE). Slightly smaller n.");
    }
    ImGui::Spacing();

    const nlohmann::json& r = power_panel_results(panel, in);
    draw_results(in, r);
    draw_method(in, r);
    return changed;
}

}  // namespace mlwb::ui
