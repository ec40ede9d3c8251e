#include "power/power_report.hpp"

#include "power/proportions.hpp"

namespace mlwb::power {

nlohmann::json power_results_json(const PowerInputs& in) {
    const Outcome<SampleSize> r = pooled_sample_size(in);
    if (!r.ok()) {
        nlohmann::json errors = nlohmann::json::array();
        for (const auto& e : r.errors) errors.push_back({{"field", e.field}, {"message", e.message}});
        return {{"ok", false}, {"instrument", "power"}, {"errors", errors}};
    }
    return {
        {"ok", true},
        {"instrument", "power"},
        {"metric", "proportion"},
        {"method", "pooled"},
        {"reference", "R stats::power.prop.test"},
        {"alternative", alternative_key(in.alternative)},
        {"strict", in.strict},
        {"n_per_arm", r.value.n_per_arm},
        {"n_per_arm_ceil", r.value.n_per_arm_ceil},
        {"n_total_ceil", 2 * r.value.n_per_arm_ceil},
        {"power_at_ceil", r.value.power_at_ceil},
        {"absolute_difference", in.target - in.baseline},
        {"relative_difference", (in.target - in.baseline) / in.baseline},
    };
}

}  // namespace mlwb::power
