// "Check a running or finished test": counts per arm in, lift, interval, p-value and a sample
// ratio mismatch alarm out. Collapsed until opened; the plan above does not depend on it.
#include <cmath>
#include <string>

#include "fonts.hpp"
#include "imgui.h"
#include "power_views.hpp"
#include "theme.hpp"
#include "util/format.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

using namespace power;

namespace {

bool count_field(NumberField& field, const char* label, const char* key, ReadoutInputs& in, double ReadoutInputs::*member,
                 const char* help) {
    const NumberValidator validate = [&in, member, key](double candidate) -> std::string {
        ReadoutInputs trial = in;
        trial.*member = candidate;
        return message_for_field(power::validate(trial), key);
    };
    return draw_number_field(label, key, field, in.*member, validate, help);
}

std::string pct(double v, int digits = 4) { return format_significant(100 * v, digits) + " %"; }

}  // namespace

bool draw_power_check(PowerPanel& panel, ReadoutInputs& in) {
    // Counts that arrived with a link or a saved state are the user's: show them opened.
    if (!panel.check_opened && !(in == ReadoutInputs{})) {
        ImGui::SetNextItemOpen(true);
        panel.check_opened = true;
    }
    if (!ImGui::CollapsingHeader("Check a running or finished test")) return false;
    CheckFields& f = panel.check_fields;
    bool changed = false;
    changed |= count_field(f.control_units, "Control units", "control_units", in, &ReadoutInputs::control_units,
                           "Units assigned to the control so far.");
    changed |= count_field(f.control_conversions, "Control conv.", "control_conversions", in, &ReadoutInputs::control_conversions,
                           "Of those, units that converted.");
    changed |= count_field(f.treatment_units, "Treatment units", "treatment_units", in, &ReadoutInputs::treatment_units,
                           "Units assigned to the treatment so far.");
    changed |= count_field(f.treatment_conversions, "Treatment conv.", "treatment_conversions", in,
                           &ReadoutInputs::treatment_conversions, "Of those, units that converted.");
    changed |= count_field(f.alpha, "Significance \xCE\xB1", "alpha", in, &ReadoutInputs::alpha,
                           "Level of the test; the intervals are at 1 - \xCE\xB1.");
    changed |= count_field(f.ratio, "Planned T:C", "ratio", in, &ReadoutInputs::ratio,
                           "The split you configured, treatment units per control unit; the sample ratio check compares with it.");

    const auto r = analyse_readout(in);
    begin_card();
    if (!r.ok()) {
        for (const auto& e : r.errors) error_text(e.message);
        end_card();
        return changed;
    }
    const Readout& v = r.value;
    if (v.srm_alert) {
        ImGui::PushFont(fonts().bold);
        error_text("Sample ratio mismatch \xE2\x80\x94 do not trust this result.");
        ImGui::PopFont();
        error_text(v.srm_message);
    }
    ImGui::PushFont(fonts().bold);
    ImGui::TextWrapped("%s", v.verdict.c_str());
    ImGui::PopFont();
    ImGui::TextWrapped("Control %s, treatment %s: difference %s%s points (%s CI %s to %s points).", pct(v.control_rate).c_str(),
                       pct(v.treatment_rate).c_str(), v.difference >= 0 ? "+" : "", format_significant(100 * v.difference, 4).c_str(),
                       pct(v.confidence, 3).c_str(), format_significant(100 * v.ci_low, 4).c_str(), format_significant(100 * v.ci_high, 4).c_str());
    if (v.relative_lift_defined && v.relative_ci_defined)
        ImGui::TextWrapped("Relative lift %s (CI %s to %s).", pct(v.relative_lift).c_str(), pct(v.rel_ci_low).c_str(), pct(v.rel_ci_high).c_str());
    if (!v.relative_note.empty()) muted_text(v.relative_note);
    muted_text("z = " + format_significant(v.z, 4) + ", p = " + format_significant(v.p_value, 3) +
               " (pooled z-test = R prop.test without continuity correction). Sample ratio: treatment share " +
               pct(v.observed_treatment_share) + " vs planned " + pct(v.expected_treatment_share) + ", \xCF\x87\xC2\xB2 p = " +
               format_significant(v.srm_p_value, 3) + ".");
    end_card();
    return changed;
}

}  // namespace mlwb::ui
