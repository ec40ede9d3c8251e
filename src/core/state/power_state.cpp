#include "state/power_state.hpp"

#include "power/solve.hpp"
#include "state/json_fields.hpp"

namespace mlwb::state {

using namespace mlwb::power;

nlohmann::json power_state_to_json(const PowerInputs& in) {
    return {
        {"v", kPowerStateVersion},
        {"metric", key_of(in.metric)},
        {"solve", key_of(in.solve)},
        {"baseline", in.baseline},
        {"method", key_of(in.proportion_method)},
        {"mean_baseline", in.mean_baseline},
        {"sd", in.sd},
        {"mean_method", key_of(in.mean_method)},
        {"ratio_mean_num", in.ratio.mean_num},
        {"ratio_mean_den", in.ratio.mean_den},
        {"ratio_var_num", in.ratio.var_num},
        {"ratio_var_den", in.ratio.var_den},
        {"ratio_cov", in.ratio.cov},
        {"effect", in.effect},
        {"effect_scale", key_of(in.effect_scale)},
        {"alpha", in.alpha},
        {"power", in.power},
        {"alternative", key_of(in.alternative)},
        {"strict", in.strict},
        {"allocation", in.allocation},
        {"variants", in.variants},
        {"correction", key_of(in.correction)},
        {"cuped_rho", in.cuped_rho},
        {"ni_margin", in.ni_margin},
        {"sequential", key_of(in.sequential)},
        {"looks", in.looks},
        {"msprt_tau", in.msprt_tau},
        {"n_per_arm", in.n_per_arm},
        {"daily_units", in.daily_units},
        {"traffic_share", in.traffic_share},
    };
}

namespace {

void read_fields(const nlohmann::json& j, int version, PowerInputs& in, std::vector<std::string>& notices) {
    JsonFieldReader read(j, notices);
    read.known("v");      // checked by the caller
    read.known("check");  // the test check's inputs: state/readout_state.hpp
    read.key("metric", in.metric, "proportion, mean, ratio");
    read.key("solve", in.solve, "n, mde, power");
    read.number("baseline", in.baseline);
    read.key("method", in.proportion_method, "pooled, arcsine, unpooled, evan-miller");
    read.number("mean_baseline", in.mean_baseline);
    read.number("sd", in.sd);
    read.key("mean_method", in.mean_method, "t, z");
    read.number("ratio_mean_num", in.ratio.mean_num);
    read.number("ratio_mean_den", in.ratio.mean_den);
    read.number("ratio_var_num", in.ratio.var_num);
    read.number("ratio_var_den", in.ratio.var_den);
    read.number("ratio_cov", in.ratio.cov);
    if (version == 1) {
        // Version 1 named the treatment's rate itself.
        in.effect_scale = EffectScale::Target;
        read.number("target", in.effect);
    } else {
        read.number("effect", in.effect);
        read.key("effect_scale", in.effect_scale, "absolute, relative, target");
    }
    read.number("alpha", in.alpha);
    read.number("power", in.power);
    read.key("alternative", in.alternative, "two-sided, one-sided");
    read.boolean("strict", in.strict);
    read.number("allocation", in.allocation);
    read.integer("variants", in.variants);
    read.key("correction", in.correction, "bonferroni, sidak");
    read.number("cuped_rho", in.cuped_rho);
    read.number("ni_margin", in.ni_margin);
    read.key("sequential", in.sequential, "fixed, obrien-fleming, pocock, always-valid");
    read.integer("looks", in.looks);
    read.number("msprt_tau", in.msprt_tau);
    read.number("n_per_arm", in.n_per_arm);
    read.number("daily_units", in.daily_units);
    read.number("traffic_share", in.traffic_share);
    read.report_unknown_keys();
}

}  // namespace

Decoded<PowerInputs> power_state_from_json(const nlohmann::json& j) {
    Decoded<PowerInputs> out;
    if (!j.is_object()) {
        out.notices.push_back("Experiment power state is not a JSON object; using defaults.");
        return out;
    }
    // Hand-written links may omit "v": one that names "target" (and no "effect") is version 1.
    int version = j.contains("target") && !j.contains("effect") ? 1 : kPowerStateVersion;
    if (auto v = j.find("v"); v != j.end()) {
        if (!v->is_number_integer() || v->get<long long>() < 1 || v->get<long long>() > kPowerStateVersion) {
            out.notices.push_back("Experiment power state has version " + quote_for_notice(*v) +
                                  ", which this version of the app does not know; using defaults.");
            return out;
        }
        version = static_cast<int>(v->get<long long>());
    }
    read_fields(j, version, out.value, out.notices);

    // Values of the right type can still be out of range or not fit together: replace each
    // offending field by its default; if that is still unusable, use the defaults entirely.
    const auto errors = validate(out.value);
    if (errors.empty()) return out;
    const PowerInputs defaults;
    nlohmann::json repaired = power_state_to_json(out.value);
    const nlohmann::json default_json = power_state_to_json(defaults);
    for (const auto& e : errors) {
        out.notices.push_back(e.message + " Kept the default.");
        if (default_json.contains(e.field)) repaired[e.field] = default_json[e.field];
    }
    std::vector<std::string> ignored;
    PowerInputs second;
    read_fields(repaired, kPowerStateVersion, second, ignored);
    if (validate(second).empty()) {
        out.value = second;
    } else {
        out.notices.push_back("The remaining Experiment power values do not fit together; using defaults.");
        out.value = defaults;
    }
    return out;
}

}  // namespace mlwb::state
