// Inputs of the Experiment power instrument: one plain struct, the single source of truth
// that the UI edits, the URL hash and localStorage carry, and the CLI reads.
// Conventions: arm 1 is the control; n_per_arm counts control units; `allocation` is the
// treatment:control ratio of each treatment arm, so a treatment arm has allocation * n units.
#pragma once

#include <string_view>

namespace mlwb::power {

enum class Alternative { TwoSided, OneSided };
enum class Metric { Proportion, Mean, Ratio };
// Proportions: which variance the z statistic uses, each the convention of a known tool.
enum class ProportionMethod { Pooled, Arcsine, Unpooled, EvanMiller };
enum class MeanMethod { T, Z };
enum class Solve { SampleSize, Mde, Power };  // the unknown
// How `effect` is given: a difference in the metric's units, a lift relative to the
// baseline, or the treatment's value itself (R's p2).
enum class EffectScale { Absolute, Relative, Target };
enum class Correction { Bonferroni, Sidak };  // for several treatment variants vs one control
enum class Sequential { Fixed, OBrienFleming, Pocock, AlwaysValid };

// Per-unit statistics of a ratio metric Y/X (revenue per session: Y = revenue, X = sessions
// of a user), from a pre-period. Defaults: a plausible revenue-per-session metric.
struct RatioStats {
    double mean_num = 2.0;   // mean of Y per unit
    double mean_den = 1.6;   // mean of X per unit
    double var_num = 30.0;   // variance of Y
    double var_den = 1.1;    // variance of X
    double cov = 2.4;        // covariance of Y and X
    friend bool operator==(const RatioStats&, const RatioStats&) = default;
};

struct PowerInputs {
    Metric metric = Metric::Proportion;
    Solve solve = Solve::SampleSize;

    // Proportion metric
    double baseline = 0.10;  // control conversion rate
    ProportionMethod proportion_method = ProportionMethod::Pooled;
    // Mean metric
    double mean_baseline = 50.0;  // control mean (only for relative or target effects)
    double sd = 20.0;             // per-unit standard deviation
    MeanMethod mean_method = MeanMethod::T;
    // Ratio metric
    RatioStats ratio;

    // The minimum detectable effect (unused when solving for it)
    EffectScale effect_scale = EffectScale::Target;
    double effect = 0.11;

    double alpha = 0.05;  // significance level, family-wise when there are several variants
    double power = 0.80;  // 1 - beta (unused when solving for power)
    Alternative alternative = Alternative::TwoSided;
    bool strict = false;  // two-sided: also count rejections in the wrong tail (R's strict = TRUE)

    // Design
    double allocation = 1.0;  // treatment:control units per treatment arm
    int variants = 1;         // treatment arms, each compared with the control
    Correction correction = Correction::Bonferroni;
    double cuped_rho = 0.0;   // correlation with the pre-period covariate: variance x (1 - rho^2)
    double ni_margin = 0.0;   // non-inferiority margin (> 0: one-sided test of "not worse by more")
    Sequential sequential = Sequential::Fixed;
    int looks = 5;            // group sequential: equally spaced analyses
    double msprt_tau = 0.0;   // always-valid: mixing sd of the effect, 0 = the MDE itself

    double n_per_arm = 10000;  // control units, when solving for MDE or power

    // Traffic
    double daily_units = 20000;  // eligible units per day
    double traffic_share = 1.0;  // share of them enrolled in the experiment

    friend bool operator==(const PowerInputs&, const PowerInputs&) = default;
};

// The names used in the state JSON, the URL hash and the CLI.
const char* key_of(Alternative);
const char* key_of(Metric);
const char* key_of(ProportionMethod);
const char* key_of(MeanMethod);
const char* key_of(Solve);
const char* key_of(EffectScale);
const char* key_of(Correction);
const char* key_of(Sequential);
inline const char* alternative_key(Alternative a) { return key_of(a); }

// Parses a key back; false when the text is none of the names.
bool parse_key(std::string_view text, Alternative& out);
bool parse_key(std::string_view text, Metric& out);
bool parse_key(std::string_view text, ProportionMethod& out);
bool parse_key(std::string_view text, MeanMethod& out);
bool parse_key(std::string_view text, Solve& out);
bool parse_key(std::string_view text, EffectScale& out);
bool parse_key(std::string_view text, Correction& out);
bool parse_key(std::string_view text, Sequential& out);

}  // namespace mlwb::power
