#include "power/presets.hpp"

#include <array>

namespace mlwb::power {

namespace {

PowerInputs checkout() {
    PowerInputs in;
    in.baseline = 0.032;
    in.effect_scale = EffectScale::Relative;
    in.effect = 0.05;
    in.daily_units = 40000;
    return in;
}

PowerInputs revenue_cuped() {
    PowerInputs in;
    in.metric = Metric::Mean;
    in.mean_baseline = 4.80;
    in.sd = 19.0;
    in.effect_scale = EffectScale::Relative;
    in.effect = 0.03;
    in.cuped_rho = 0.6;
    in.daily_units = 60000;
    return in;
}

PowerInputs pricing() {
    PowerInputs in;
    in.baseline = 0.12;
    in.effect_scale = EffectScale::Relative;
    in.effect = 0.08;
    in.variants = 4;
    in.correction = Correction::Sidak;
    in.daily_units = 8000;
    return in;
}

PowerInputs b2b_sequential() {
    PowerInputs in;
    in.baseline = 0.25;
    in.effect_scale = EffectScale::Absolute;
    in.effect = 0.05;
    in.power = 0.9;
    in.sequential = Sequential::OBrienFleming;
    in.looks = 5;
    in.daily_units = 300;
    return in;
}

const std::array<PowerPreset, 4> kPresets{{
    {"checkout", "Checkout conversion",
     "3.2 % of 40,000 daily visitors check out; the redesign should lift that by 5 % relative, and the test must say how many "
     "days that takes.",
     checkout()},
    {"revenue-cuped", "Revenue per user with CUPED",
     "Revenue per user is $4.80 with a $19 standard deviation; last month's revenue correlates 0.6 with this month's, so CUPED "
     "cuts the variance by 36 % and the test shortens accordingly.",
     revenue_cuped()},
    {"pricing", "4-variant pricing test",
     "Four new prices against the current one on a 12 % trial-to-paid rate: each comparison gets a \xC5\xA0id\xC3\xA1k-corrected "
     "alpha so the chance of any false winner stays at 5 %.",
     pricing()},
    {"b2b-sequential", "Low-traffic B2B test with sequential looks",
     "Only 300 sign-ups a day reach the new onboarding flow; five planned looks with O'Brien-Fleming boundaries let the team "
     "stop early if it is clearly better, for a few percent more maximum sample.",
     b2b_sequential()},
}};

}  // namespace

std::span<const PowerPreset> power_presets() { return kPresets; }

}  // namespace mlwb::power
