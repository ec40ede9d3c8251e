#include "power/power_inputs.hpp"

#include <utility>

#include "util/enum_names.hpp"

namespace mlwb::power {

namespace {

constexpr std::pair<Alternative, const char*> kAlternative[] = {{Alternative::TwoSided, "two-sided"}, {Alternative::OneSided, "one-sided"}};
constexpr std::pair<Metric, const char*> kMetric[] = {{Metric::Proportion, "proportion"}, {Metric::Mean, "mean"}, {Metric::Ratio, "ratio"}};
constexpr std::pair<ProportionMethod, const char*> kProportionMethod[] = {
    {ProportionMethod::Pooled, "pooled"}, {ProportionMethod::Arcsine, "arcsine"},
    {ProportionMethod::Unpooled, "unpooled"}, {ProportionMethod::EvanMiller, "evan-miller"}};
constexpr std::pair<MeanMethod, const char*> kMeanMethod[] = {{MeanMethod::T, "t"}, {MeanMethod::Z, "z"}};
constexpr std::pair<Solve, const char*> kSolve[] = {{Solve::SampleSize, "n"}, {Solve::Mde, "mde"}, {Solve::Power, "power"}};
constexpr std::pair<EffectScale, const char*> kEffectScale[] = {
    {EffectScale::Absolute, "absolute"}, {EffectScale::Relative, "relative"}, {EffectScale::Target, "target"}};
constexpr std::pair<Correction, const char*> kCorrection[] = {{Correction::Bonferroni, "bonferroni"}, {Correction::Sidak, "sidak"}};
constexpr std::pair<Sequential, const char*> kSequential[] = {
    {Sequential::Fixed, "fixed"}, {Sequential::OBrienFleming, "obrien-fleming"},
    {Sequential::Pocock, "pocock"}, {Sequential::AlwaysValid, "always-valid"}};


}  // namespace

const char* key_of(Alternative v) { return name_in(kAlternative, v); }
const char* key_of(Metric v) { return name_in(kMetric, v); }
const char* key_of(ProportionMethod v) { return name_in(kProportionMethod, v); }
const char* key_of(MeanMethod v) { return name_in(kMeanMethod, v); }
const char* key_of(Solve v) { return name_in(kSolve, v); }
const char* key_of(EffectScale v) { return name_in(kEffectScale, v); }
const char* key_of(Correction v) { return name_in(kCorrection, v); }
const char* key_of(Sequential v) { return name_in(kSequential, v); }

bool parse_key(std::string_view t, Alternative& out) { return value_in(kAlternative, t, out); }
bool parse_key(std::string_view t, Metric& out) { return value_in(kMetric, t, out); }
bool parse_key(std::string_view t, ProportionMethod& out) { return value_in(kProportionMethod, t, out); }
bool parse_key(std::string_view t, MeanMethod& out) { return value_in(kMeanMethod, t, out); }
bool parse_key(std::string_view t, Solve& out) { return value_in(kSolve, t, out); }
bool parse_key(std::string_view t, EffectScale& out) { return value_in(kEffectScale, t, out); }
bool parse_key(std::string_view t, Correction& out) { return value_in(kCorrection, t, out); }
bool parse_key(std::string_view t, Sequential& out) { return value_in(kSequential, t, out); }

}  // namespace mlwb::power
