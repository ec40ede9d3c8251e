#include "power/power_report.hpp"

#include <cmath>

#include "power/explain.hpp"

namespace mlwb::power {

nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json errors_json(const std::vector<FieldError>& errors) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
    return list;
}

nlohmann::json power_results_json(const PowerInputs& in) { return power_results_json(in, solve(in)); }

nlohmann::json power_results_json(const PowerInputs& in, const Outcome<PowerResult>& solved) {
    if (!solved.ok()) return {{"ok", false}, {"instrument", "power"}, {"errors", errors_json(solved.errors)}};
    const PowerResult& r = solved.value;
    const TestModel& m = r.model;
    const MethodInfo method = method_info(in);
    nlohmann::json j = {
        {"ok", true},
        {"instrument", "power"},
        {"solve", key_of(in.solve)},
        {"metric", key_of(in.metric)},
        {"method", method.key},
        {"method_name", method.name},
        {"reference", method.reference},
        {"alternative", m.tails == 2 ? "two-sided" : "one-sided"},
        {"far_tail_counted", m.far_tail},
        {"alpha_per_comparison", m.alpha_test},
        {"n_per_arm", r.n_per_arm},
        {"n_per_arm_ceil", r.n_per_arm_ceil},
        {"n_treatment_arm_ceil", r.n_treatment_ceil},
        {"arms", 1 + in.variants},
        {"n_total_ceil", r.n_total_ceil},
        {"power", r.power},
        {"baseline", m.baseline},
        {"mde", r.effect},
        {"mde_relative", number_or_null(r.effect_relative)},
        {"target", m.baseline + r.effect},
        {"units_per_day", r.units_per_day},
        {"days", r.days},
        {"weeks", r.weeks},
    };
    if (in.solve == Solve::SampleSize) j["power_at_ceil"] = r.power;
    if (in.solve == Solve::Mde && in.metric == Metric::Proportion) j["mde_decrease"] = number_or_null(r.effect_decrease);
    if (in.metric != Metric::Proportion) j["sd_per_unit"] = m.sd * m.cuped_factor;
    if (in.ni_margin > 0) j["ni_margin"] = m.margin;
    if (in.sequential == Sequential::OBrienFleming || in.sequential == Sequential::Pocock) {
        nlohmann::json looks = nlohmann::json::array();
        for (const auto& l : r.looks())
            looks.push_back({{"information", l.information}, {"z_boundary", l.z_boundary}, {"nominal_p", l.nominal_p},
                             {"alpha_spent", l.alpha_spent}, {"stop_prob_h1", number_or_null(l.stop_prob_h1)},
                             {"n_per_arm", l.information * r.n_per_arm}});
        j["sequential"] = {{"design", key_of(in.sequential)}, {"n_fixed", r.n_fixed}, {"inflation", r.inflation},
                           {"looks", looks}};
        if (in.solve != Solve::Power)
            j["sequential"].update({{"expected_n_h1", r.expected_n_h1}, {"expected_n_h0", r.expected_n_h0},
                                    {"expected_days_h1", r.expected_days}});
    }
    if (in.sequential == Sequential::AlwaysValid) {
        j["sequential"] = {{"design", "always-valid"}, {"n_fixed", r.n_fixed}, {"tau", r.always_valid_tau},
                           {"z_boundary_at_n", r.always_valid_z},
                           {"note", "mixture SPRT; power counts a crossing at n only, so it is a lower bound"}};
    }
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : explain(in, r)) steps.push_back({{"step", s.label}, {"text", s.text}});
    j["formula"] = steps;
    return j;
}

}  // namespace mlwb::power
