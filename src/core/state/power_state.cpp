#include "state/power_state.hpp"

#include "power/proportions.hpp"
#include "state/json_fields.hpp"

namespace mlwb::state {

using power::Alternative;
using power::PowerInputs;

nlohmann::json power_state_to_json(const PowerInputs& in) {
    return {{"v", kPowerStateVersion},  {"baseline", in.baseline},
            {"target", in.target},      {"alpha", in.alpha},
            {"power", in.power},        {"alternative", power::alternative_key(in.alternative)},
            {"strict", in.strict}};
}

namespace {

void reset_field(PowerInputs& in, const std::string& field) {
    const PowerInputs defaults;
    if (field == "baseline") in.baseline = defaults.baseline;
    else if (field == "target") in.target = defaults.target;
    else if (field == "alpha") in.alpha = defaults.alpha;
    else if (field == "power") in.power = defaults.power;
}

}  // namespace

Decoded<PowerInputs> power_state_from_json(const nlohmann::json& j) {
    Decoded<PowerInputs> out;
    if (!j.is_object()) {
        out.notices.push_back("Experiment power state is not a JSON object; using defaults.");
        return out;
    }
    if (auto v = j.find("v"); v != j.end()) {
        if (!v->is_number_integer() || v->get<long long>() != kPowerStateVersion) {
            out.notices.push_back("Experiment power state has version " + quote_for_notice(*v) +
                                  ", which this version of the app does not know; using defaults.");
            return out;
        }
    }

    JsonFieldReader read(j, out.notices);
    read.known("v");  // checked above
    PowerInputs& in = out.value;
    read.number("baseline", in.baseline);
    read.number("target", in.target);
    read.number("alpha", in.alpha);
    read.number("power", in.power);
    read.choice("alternative", in.alternative, {{"two-sided", Alternative::TwoSided}, {"one-sided", Alternative::OneSided}});
    read.boolean("strict", in.strict);
    read.report_unknown_keys();

    // Values of the right type can still be out of range: replace each offending field by its
    // default; if the combination is still unusable, fall back to the defaults entirely.
    const auto errors = power::validate(in);
    for (const auto& e : errors) {
        out.notices.push_back(e.message + " Kept the default.");
        reset_field(in, e.field);
    }
    if (!errors.empty() && !power::validate(in).empty()) {
        out.notices.push_back("The remaining Experiment power values do not fit together; using defaults.");
        in = PowerInputs{};
    }
    return out;
}

}  // namespace mlwb::state
