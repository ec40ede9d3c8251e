#include "state/readout_state.hpp"

#include <cmath>

#include "power/power_report.hpp"
#include "state/json_fields.hpp"

namespace mlwb::state {

using power::ReadoutInputs;

nlohmann::json readout_state_to_json(const ReadoutInputs& in) {
    return {{"control_units", in.control_units},     {"control_conversions", in.control_conversions},
            {"treatment_units", in.treatment_units}, {"treatment_conversions", in.treatment_conversions},
            {"alpha", in.alpha},                     {"ratio", in.ratio}};
}

Decoded<ReadoutInputs> readout_state_from_json(const nlohmann::json& j) {
    Decoded<ReadoutInputs> out;
    if (!j.is_object()) {
        out.notices.push_back("The test check ('check') is not a JSON object; using its defaults.");
        return out;
    }
    JsonFieldReader read(j, out.notices);
    read.number("control_units", out.value.control_units);
    read.number("control_conversions", out.value.control_conversions);
    read.number("treatment_units", out.value.treatment_units);
    read.number("treatment_conversions", out.value.treatment_conversions);
    read.number("alpha", out.value.alpha);
    read.number("ratio", out.value.ratio);
    read.report_unknown_keys();
    const auto errors = power::validate(out.value);
    if (!errors.empty()) {
        for (const auto& e : errors) out.notices.push_back("Test check: " + e.message);
        out.notices.push_back("Test check: using its defaults.");
        out.value = ReadoutInputs{};
    }
    return out;
}

using power::number_or_null;

nlohmann::json readout_results_json(const ReadoutInputs& in) {
    const auto r = power::analyse_readout(in);
    if (!r.ok()) return {{"ok", false}, {"errors", power::errors_json(r.errors)}};
    const power::Readout& v = r.value;
    return {{"ok", true},
            {"control_rate", v.control_rate},
            {"treatment_rate", v.treatment_rate},
            {"difference", v.difference},
            {"relative_lift", number_or_null(v.relative_lift)},
            {"z", v.z},
            {"p_value", v.p_value},
            {"significant", v.significant},
            {"confidence", v.confidence},
            {"ci_low", v.ci_low},
            {"ci_high", v.ci_high},
            {"rel_ci_low", number_or_null(v.rel_ci_low)},
            {"rel_ci_high", number_or_null(v.rel_ci_high)},
            {"srm_chi2", v.srm_chi2},
            {"srm_p_value", v.srm_p_value},
            {"srm_alert", v.srm_alert},
            {"srm_message", v.srm_message},
            {"verdict", v.verdict},
            {"reference", "R prop.test(correct = FALSE), chisq.test"}};
}

}  // namespace mlwb::state
