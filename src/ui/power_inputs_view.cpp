// Grouped inputs of the Experiment power panel. Every number goes through a NumberField whose
// validator is the engine's own validate() on a copy of the inputs with the candidate value,
// so a value that would make the problem unsolvable never reaches the state.
#include <cmath>
#include <string>
#include <utility>

#include "fonts.hpp"
#include "imgui.h"
#include "power/presets.hpp"
#include "power_views.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

using namespace power;

namespace {

// One numeric input bound to a value of the inputs through `set` (which may convert, e.g. to int).
template <class Set>
bool number(NumberField& field, const char* label, const char* key, PowerInputs& in, double current, Set set,
            const char* help, bool whole = false) {
    double value = current;
    const NumberValidator validate = [&in, &set, key, whole](double candidate) -> std::string {
        if (whole && candidate != std::floor(candidate)) return "Must be a whole number.";
        if (whole && std::fabs(candidate) > 1e6) return "Too large.";
        PowerInputs trial = in;
        set(trial, candidate);
        return message_for_field(power::validate(trial), key);
    };
    if (!draw_number_field(label, key, field, value, validate, help)) return false;
    set(in, value);
    return true;
}

#define MLWB_SETTER(member) [](PowerInputs& p, double v) { p.member = v; }

void heading(const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

template <class E, std::size_t N>
bool combo(const char* label, const char* id, E& value, const std::pair<E, const char*> (&options)[N], const char* help) {
    ImGui::PushID(id);
    field_label(label, help);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
    const char* current = options[0].second;
    for (const auto& [e, name] : options)
        if (e == value) current = name;
    bool changed = false;
    if (ImGui::BeginCombo("##combo", current)) {
        for (const auto& [e, name] : options) {
            if (ImGui::Selectable(name, e == value) && e != value) {
                value = e;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    if (help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
    ImGui::PopID();
    return changed;
}

constexpr std::pair<Solve, const char*> kSolveNames[] = {
    {Solve::SampleSize, "sample size per arm"}, {Solve::Mde, "minimum detectable effect"}, {Solve::Power, "power"}};
constexpr std::pair<Metric, const char*> kMetricNames[] = {
    {Metric::Proportion, "conversion rate"}, {Metric::Mean, "mean (continuous)"}, {Metric::Ratio, "ratio (Y per X)"}};
constexpr std::pair<ProportionMethod, const char*> kProportionMethodNames[] = {
    {ProportionMethod::Pooled, "pooled (R power.prop.test)"}, {ProportionMethod::Arcsine, "arcsine (pwr, statsmodels)"},
    {ProportionMethod::Unpooled, "unpooled (Wald)"}, {ProportionMethod::EvanMiller, "Evan Miller"}};
constexpr std::pair<MeanMethod, const char*> kMeanMethodNames[] = {
    {MeanMethod::T, "t-test (R power.t.test)"}, {MeanMethod::Z, "z-test (statsmodels)"}};
constexpr std::pair<EffectScale, const char*> kEffectScaleNames[] = {
    {EffectScale::Target, "treatment value"}, {EffectScale::Absolute, "absolute difference"},
    {EffectScale::Relative, "relative lift"}};
constexpr std::pair<Correction, const char*> kCorrectionNames[] = {
    {Correction::Bonferroni, "Bonferroni"}, {Correction::Sidak, "\xC5\xA0id\xC3\xA1k"}};
constexpr std::pair<Sequential, const char*> kSequentialNames[] = {
    {Sequential::Fixed, "fixed horizon"}, {Sequential::OBrienFleming, "O'Brien-Fleming looks"},
    {Sequential::Pocock, "Pocock looks"}, {Sequential::AlwaysValid, "always valid (mSPRT)"}};

bool draw_presets(PowerPanel& panel, PowerInputs& in) {
    bool changed = false;
    const auto presets = power_presets();
    field_label("Start from", "Worked examples, each with its story; any edit afterwards is yours.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    const char* current = panel.preset >= 0 ? presets[panel.preset].title : "a preset\xE2\x80\xA6";
    if (ImGui::BeginCombo("##preset", current)) {
        for (int i = 0; i < static_cast<int>(presets.size()); ++i) {
            if (ImGui::Selectable(presets[i].title, i == panel.preset)) {
                in = presets[i].inputs;
                panel.preset = i;
                changed = true;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", presets[i].story);
        }
        ImGui::EndCombo();
    }
    if (panel.preset >= 0) muted_text(presets[panel.preset].story);
    return changed;
}

bool draw_metric(PowerPanel& panel, PowerInputs& in) {
    PowerFields& f = panel.fields;
    bool changed = combo("Metric", "metric", in.metric, kMetricNames,
                         "Conversion rate: a share of units that do something. Mean: revenue, time. Ratio: a sum over a "
                         "sum per unit, such as revenue per session when users are randomised.");
    switch (in.metric) {
        case Metric::Proportion:
            changed |= combo("Method", "method", in.proportion_method, kProportionMethodNames,
                             "Calculators differ by the variance they use; each method reproduces the tool named.");
            changed |= number(f.baseline, "Baseline rate", "baseline", in, in.baseline, MLWB_SETTER(baseline),
                              "Conversion rate of the control today, as a fraction (0.1) or percent (10%).");
            break;
        case Metric::Mean:
            changed |= combo("Method", "mean_method", in.mean_method, kMeanMethodNames,
                             "The t-test is exact for normal data and matters for small samples; z is its large-sample limit.");
            changed |= number(f.sd, "Std. deviation", "sd", in, in.sd, MLWB_SETTER(sd),
                              "Per-unit standard deviation of the metric, from historical data.");
            changed |= number(f.mean_baseline, "Baseline mean", "mean_baseline", in, in.mean_baseline,
                              MLWB_SETTER(mean_baseline), "The control's mean: needed for a relative effect.");
            break;
        case Metric::Ratio:
            muted_text("Per-unit statistics of numerator Y and denominator X from a pre-period; the delta method "
                       "gives the ratio's variance.");
            changed |= number(f.ratio_mean_num, "Mean of Y", "ratio_mean_num", in, in.ratio.mean_num,
                              MLWB_SETTER(ratio.mean_num), "Average numerator per unit (e.g. revenue per user).");
            changed |= number(f.ratio_mean_den, "Mean of X", "ratio_mean_den", in, in.ratio.mean_den,
                              MLWB_SETTER(ratio.mean_den), "Average denominator per unit (e.g. sessions per user).");
            changed |= number(f.ratio_var_num, "Variance of Y", "ratio_var_num", in, in.ratio.var_num,
                              MLWB_SETTER(ratio.var_num), "Per-unit variance of the numerator.");
            changed |= number(f.ratio_var_den, "Variance of X", "ratio_var_den", in, in.ratio.var_den,
                              MLWB_SETTER(ratio.var_den), "Per-unit variance of the denominator.");
            changed |= number(f.ratio_cov, "Cov(Y, X)", "ratio_cov", in, in.ratio.cov, MLWB_SETTER(ratio.cov),
                              "Covariance of numerator and denominator per unit; usually positive.");
            break;
    }
    return changed;
}

bool draw_effect(PowerPanel& panel, PowerInputs& in) {
    PowerFields& f = panel.fields;
    bool changed = false;
    if (in.solve != Solve::Mde) {
        changed |= combo("Effect given as", "effect_scale", in.effect_scale, kEffectScaleNames,
                         "The smallest change worth detecting: the treatment's value itself, its difference from the "
                         "baseline, or that difference relative to the baseline (5% = a 5 % lift).");
        const char* label = in.effect_scale == EffectScale::Target ? (in.metric == Metric::Proportion ? "Target rate" : "Target value")
                            : in.effect_scale == EffectScale::Absolute ? "Difference" : "Relative lift";
        changed |= number(f.effect, label, "effect", in, in.effect, MLWB_SETTER(effect),
                          "The minimum detectable effect: smaller effects need quadratically more units.");
    }
    if (in.solve != Solve::SampleSize)
        changed |= number(f.n_per_arm, "Units per arm", "n_per_arm", in, in.n_per_arm, MLWB_SETTER(n_per_arm),
                          "Control units available (each treatment arm gets allocation \xC3\x97 this).");
    return changed;
}

bool draw_error_rates(PowerPanel& panel, PowerInputs& in) {
    PowerFields& f = panel.fields;
    bool changed = number(f.alpha, "Significance \xCE\xB1", "alpha", in, in.alpha, MLWB_SETTER(alpha),
                          "False-positive rate: the chance of declaring a winner when there is no difference.");
    if (in.solve != Solve::Power)
        changed |= number(f.power, "Power 1 \xE2\x88\x92 \xCE\xB2", "power", in, in.power, MLWB_SETTER(power),
                          "Chance of detecting the effect if it is real. 0.8 is common; 0.9 for costly decisions.");
    field_label("Test", "Two-sided detects a change either way; one-sided only the direction planned.");
    int alt = in.alternative == Alternative::TwoSided ? 0 : 1;
    if (ImGui::RadioButton("two-sided", &alt, 0)) { in.alternative = Alternative::TwoSided; changed = true; }
    ImGui::SameLine();
    if (ImGui::RadioButton("one-sided", &alt, 1)) { in.alternative = Alternative::OneSided; changed = true; }
    if (in.alternative == Alternative::TwoSided) {
        ImGui::NewLine();
        ImGui::SameLine(field_column());
        if (ImGui::Checkbox("strict: count the far tail", &in.strict)) changed = true;
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Also count rejections in the wrong direction as power (R's strict = TRUE). Slightly smaller n.");
    }
    return changed;
}

bool draw_design(PowerPanel& panel, PowerInputs& in) {
    PowerFields& f = panel.fields;
    bool changed = number(f.allocation, "Allocation T:C", "allocation", in, in.allocation, MLWB_SETTER(allocation),
                          "Treatment units per control unit in each treatment arm (1 = an even split).");
    changed |= number(f.variants, "Treatment arms", "variants", in, in.variants,
                      [](PowerInputs& p, double v) { p.variants = static_cast<int>(v); },
                      "Variants each compared with the one control; alpha is split between the comparisons.", true);
    if (in.variants > 1)
        changed |= combo("Correction", "correction", in.correction, kCorrectionNames,
                         "Bonferroni: alpha/k. \xC5\xA0id\xC3\xA1k: 1 - (1 - alpha)^(1/k), slightly less conservative.");
    changed |= number(f.cuped_rho, "CUPED \xCF\x81", "cuped_rho", in, in.cuped_rho, MLWB_SETTER(cuped_rho),
                      "Correlation of the metric with its pre-experiment value; CUPED multiplies the variance by 1 - \xCF\x81\xC2\xB2.");
    changed |= number(f.ni_margin, "Non-inferiority", "ni_margin", in, in.ni_margin, MLWB_SETTER(ni_margin),
                      "Margin by which the treatment may be worse and still ship (0 = a superiority test). One-sided.");
    changed |= combo("Analysis", "sequential", in.sequential, kSequentialNames,
                     "Fixed: look once at the end. Group sequential: planned looks with Lan-DeMets alpha spending. "
                     "Always valid: look any time (mixture SPRT).");
    if (in.sequential == Sequential::OBrienFleming || in.sequential == Sequential::Pocock)
        changed |= number(f.looks, "Looks", "looks", in, in.looks, [](PowerInputs& p, double v) { p.looks = static_cast<int>(v); },
                          "Equally spaced analyses, the last at the maximum sample size.", true);
    if (in.sequential == Sequential::AlwaysValid)
        changed |= number(f.msprt_tau, "Mixing sd \xCF\x84", "msprt_tau", in, in.msprt_tau, MLWB_SETTER(msprt_tau),
                          "Tuning of the mixture: the effect size the test is most sensitive to. 0 = the MDE.");
    return changed;
}

bool draw_traffic(PowerPanel& panel, PowerInputs& in) {
    PowerFields& f = panel.fields;
    bool changed = number(f.daily_units, "Daily units", "daily_units", in, in.daily_units, MLWB_SETTER(daily_units),
                          "Eligible units (users, sessions) that reach the tested experience per day.");
    changed |= number(f.traffic_share, "Share in test", "traffic_share", in, in.traffic_share, MLWB_SETTER(traffic_share),
                      "Share of the eligible units enrolled in the experiment, across all arms (100% = everyone).");
    return changed;
}

#undef MLWB_SETTER

}  // namespace

bool draw_power_inputs(PowerPanel& panel, PowerInputs& in) {
    bool changed = draw_presets(panel, in);
    const bool preset_applied = changed;
    heading("Solve for");
    changed |= combo("Unknown", "solve", in.solve, kSolveNames, "Pick what to compute; the other inputs are given.");
    heading("Metric");
    changed |= draw_metric(panel, in);
    heading("Effect");
    changed |= draw_effect(panel, in);
    heading("Error rates");
    changed |= draw_error_rates(panel, in);
    heading("Design");
    changed |= draw_design(panel, in);
    heading("Traffic");
    changed |= draw_traffic(panel, in);
    if (changed && !preset_applied) panel.preset = -1;
    return changed;
}

}  // namespace mlwb::ui
