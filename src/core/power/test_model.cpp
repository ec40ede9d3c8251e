#include "power/test_model.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "stats/normal.hpp"
#include "stats/t_dist.hpp"

namespace mlwb::power {

namespace {

bool open_unit(double p) { return std::isfinite(p) && p > 0.0 && p < 1.0; }
bool positive(double v) { return std::isfinite(v) && v > 0.0; }

double per_comparison_alpha(const PowerInputs& in) {
    const double k = in.variants;
    if (in.variants <= 1) return in.alpha;
    // Bonferroni: alpha/k. Sidak: exact for independent comparisons, 1 - (1 - alpha)^(1/k),
    // written with expm1/log1p so that small alphas keep their digits.
    return in.correction == Correction::Bonferroni ? in.alpha / k : -std::expm1(std::log1p(-in.alpha) / k);
}

// The proportion methods' per-unit sds on the control-arm scale, before CUPED.
ZTerms proportion_terms(const TestModel& m, double effect) {
    const double p1 = m.baseline, p2 = m.baseline + effect, r = m.allocation;
    const double var_alt = p1 * (1 - p1) + p2 * (1 - p2) / r;
    ZTerms t;
    t.delta = std::fabs(effect);
    switch (m.proportion_method) {
        case ProportionMethod::Pooled: {
            const double pbar = (p1 + r * p2) / (1 + r);
            // For r = 1 this is R's own expression, (p1 + p2) * (1 - pbar), so rounding agrees too.
            t.s0 = r == 1.0 ? std::sqrt((p1 + p2) * (1 - pbar)) : std::sqrt(pbar * (1 - pbar) * (1 + 1 / r));
            t.s1 = std::sqrt(var_alt);
            break;
        }
        case ProportionMethod::Unpooled:
            // Wald: both hypotheses use the rates of the alternative. The non-inferiority margin
            // shifts the null difference to -margin (Blackwelder), which only this method allows.
            t.delta = m.margin > 0 ? effect + m.margin : std::fabs(effect);
            t.s0 = t.s1 = std::sqrt(var_alt);
            break;
        case ProportionMethod::EvanMiller:
            t.s0 = std::sqrt(p1 * (1 - p1) * (1 + 1 / r));  // the control's variance, in both arms
            t.s1 = std::sqrt(var_alt);
            break;
        case ProportionMethod::Arcsine:
            t.delta = std::fabs(2 * std::asin(std::sqrt(p2)) - 2 * std::asin(std::sqrt(p1)));  // Cohen's h
            t.s0 = t.s1 = std::sqrt(1 + 1 / r);
            break;
    }
    return t;
}

}  // namespace

double ratio_metric_sd(const RatioStats& s) {
    // Var(Y/X) per unit by the delta method around (mean_num, mean_den).
    const double mx = s.mean_den, my = s.mean_num;
    const double v = s.var_num / (mx * mx) - 2 * my * s.cov / (mx * mx * mx) + my * my * s.var_den / (mx * mx * mx * mx);
    return v > 0 && std::isfinite(v) ? std::sqrt(v) : std::numeric_limits<double>::quiet_NaN();
}

double baseline_value(const PowerInputs& in) {
    switch (in.metric) {
        case Metric::Proportion: return in.baseline;
        case Metric::Mean: return in.mean_baseline;
        case Metric::Ratio: return in.ratio.mean_num / in.ratio.mean_den;
    }
    return in.baseline;
}

double absolute_effect(const PowerInputs& in) {
    const double base = baseline_value(in);
    switch (in.effect_scale) {
        case EffectScale::Absolute: return in.effect;
        case EffectScale::Relative: return in.effect * base;
        case EffectScale::Target: return in.effect - base;
    }
    return in.effect;
}

std::vector<FieldError> field_errors(const PowerInputs& in) {
    std::vector<FieldError> e;
    auto add = [&](const char* field, std::string message) { e.push_back({field, std::move(message)}); };

    // The metric and its baseline
    bool baseline_ok = true;
    switch (in.metric) {
        case Metric::Proportion:
            if (!open_unit(in.baseline)) { add("baseline", "Baseline rate must be between 0 and 1 (exclusive)."); baseline_ok = false; }
            break;
        case Metric::Mean:
            if (!positive(in.sd)) add("sd", "Standard deviation must be a positive number.");
            if (!std::isfinite(in.mean_baseline)) { add("mean_baseline", "Baseline mean must be a number."); baseline_ok = false; }
            else if (in.effect_scale == EffectScale::Relative && in.mean_baseline == 0) {
                add("mean_baseline", "A relative effect needs a non-zero baseline mean."); baseline_ok = false;
            }
            break;
        case Metric::Ratio: {
            const RatioStats& s = in.ratio;
            if (!positive(s.mean_den)) { add("ratio_mean_den", "Mean of the denominator must be positive."); baseline_ok = false; }
            if (!std::isfinite(s.mean_num)) { add("ratio_mean_num", "Mean of the numerator must be a number."); baseline_ok = false; }
            if (!(std::isfinite(s.var_num) && s.var_num >= 0)) add("ratio_var_num", "Variance of the numerator must be 0 or more.");
            if (!(std::isfinite(s.var_den) && s.var_den >= 0)) add("ratio_var_den", "Variance of the denominator must be 0 or more.");
            if (!std::isfinite(s.cov)) add("ratio_cov", "Covariance must be a number.");
            else if (std::isfinite(s.var_num) && std::isfinite(s.var_den) && s.cov * s.cov > s.var_num * s.var_den * (1 + 1e-12))
                add("ratio_cov", "Covariance cannot exceed \xE2\x88\x9A(var numerator \xC3\x97 var denominator) in size.");
            if (e.empty() && !(ratio_metric_sd(s) > 0))
                add("ratio_var_num", "These statistics give the ratio no variance; check the variances and covariance.");
            break;
        }
    }

    // The effect (not needed when it is the unknown)
    if (in.solve != Solve::Mde) {
        if (!std::isfinite(in.effect)) add("effect", "Effect must be a number.");
        else if (baseline_ok) {
            const double d = absolute_effect(in);
            if (in.metric == Metric::Proportion) {
                const double p2 = in.baseline + d;
                if (!open_unit(p2)) add("effect", "The treatment rate this effect implies (" + std::to_string(p2) + ") must be between 0 and 1.");
            }
            if (d == 0 && !(in.ni_margin > 0))
                add("effect", in.effect_scale == EffectScale::Target ? "Target must differ from the baseline."
                                                                     : "Effect must not be zero.");
        }
    }

    if (!open_unit(in.alpha)) add("alpha", "Significance level must be between 0 and 1 (exclusive).");
    if (in.solve != Solve::Power && !open_unit(in.power)) add("power", "Power must be between 0 and 1 (exclusive).");

    if (!(std::isfinite(in.allocation) && in.allocation >= 0.01 && in.allocation <= 100))
        add("allocation", "Allocation (treatment:control) must be between 0.01 and 100.");
    if (in.variants < 1 || in.variants > 20) add("variants", "Number of treatment variants must be between 1 and 20.");
    if (!(std::isfinite(in.cuped_rho) && std::fabs(in.cuped_rho) < 1))
        add("cuped_rho", "CUPED correlation \xCF\x81 must be between -1 and 1 (exclusive).");
    if (!(std::isfinite(in.ni_margin) && in.ni_margin >= 0)) add("ni_margin", "Non-inferiority margin must be 0 or a positive number.");
    else if (in.ni_margin > 0) {
        if (in.metric == Metric::Proportion && in.proportion_method != ProportionMethod::Unpooled)
            add("ni_margin", "A non-inferiority margin needs the unpooled (Wald) method: the pooled, arcsine and Evan Miller "
                             "variances assume a null difference of zero.");
        if (in.solve == Solve::Mde) add("ni_margin", "With a non-inferiority margin, solve for sample size or power.");
        if (in.sequential != Sequential::Fixed) add("ni_margin", "Non-inferiority is available for fixed designs only.");
    }
    if (in.sequential == Sequential::OBrienFleming || in.sequential == Sequential::Pocock) {
        if (in.looks < 1 || in.looks > 20) add("looks", "Number of looks must be between 1 and 20.");
    }
    if (in.sequential == Sequential::AlwaysValid && !(std::isfinite(in.msprt_tau) && in.msprt_tau >= 0))
        add("msprt_tau", "Mixing sd \xCF\x84 must be 0 (use the MDE) or a positive number.");
    if (in.solve != Solve::SampleSize && !(std::isfinite(in.n_per_arm) && in.n_per_arm >= 2 && in.n_per_arm <= 1e15))
        add("n_per_arm", "Sample size per arm must be between 2 and 10^15.");
    if (!positive(in.daily_units)) add("daily_units", "Daily eligible units must be a positive number.");
    if (!(std::isfinite(in.traffic_share) && in.traffic_share > 0 && in.traffic_share <= 1))
        add("traffic_share", "Share of traffic must be above 0 and at most 1 (100 %).");
    return e;
}

TestModel make_test_model(const PowerInputs& in) {
    TestModel m;
    m.metric = in.metric;
    m.proportion_method = in.proportion_method;
    m.t_test = in.metric == Metric::Mean && in.mean_method == MeanMethod::T;
    m.baseline = baseline_value(in);
    m.cuped_factor = std::sqrt(1 - in.cuped_rho * in.cuped_rho);
    if (in.metric == Metric::Mean) m.sd = in.sd;
    if (in.metric == Metric::Ratio) m.sd = ratio_metric_sd(in.ratio);
    m.margin = in.effect_scale == EffectScale::Relative ? in.ni_margin * m.baseline : in.ni_margin;
    m.alpha_test = per_comparison_alpha(in);
    // A non-inferiority test is one-sided by nature: "not worse than -margin".
    m.tails = in.alternative == Alternative::TwoSided && !(in.ni_margin > 0) ? 2 : 1;
    m.far_tail = m.tails == 2 && (in.strict || (in.metric == Metric::Proportion && in.proportion_method == ProportionMethod::Arcsine));
    m.allocation = in.allocation;
    m.z_crit = stats::normal_upper_quantile(m.alpha_test / m.tails);
    return m;
}

double max_effect(const TestModel& m) {
    return m.metric == Metric::Proportion ? 1 - m.baseline : std::numeric_limits<double>::infinity();
}

ZTerms z_terms(const TestModel& m, double effect) {
    ZTerms t;
    if (m.metric == Metric::Proportion) {
        t = proportion_terms(m, effect);
    } else {
        // With a margin the direction matters: a true effect below -margin has less power than alpha.
        t.delta = m.margin > 0 ? effect + m.margin : std::fabs(effect);
        t.s0 = t.s1 = m.sd * std::sqrt(1 + 1 / m.allocation);
    }
    t.s0 *= m.cuped_factor;
    t.s1 *= m.cuped_factor;
    return t;
}

double min_sample_size(const TestModel& m) { return m.t_test ? 2.0 / (1 + m.allocation) * (1 + 1e-9) : 0.0; }

double power_at(const TestModel& m, double n, double effect) {
    if (!(n >= 0)) return std::numeric_limits<double>::quiet_NaN();
    const ZTerms t = z_terms(m, effect);
    const double root_n = std::sqrt(n);
    if (m.t_test) {
        const double df = n * (1 + m.allocation) - 2;
        if (!(df > 0)) return std::numeric_limits<double>::quiet_NaN();
        const double t_crit = stats::t_upper_quantile(m.alpha_test / m.tails, df);
        const double ncp = t.delta * root_n / t.s1;
        double p = stats::noncentral_t_upper_tail(t_crit, df, ncp);
        if (m.far_tail) p += stats::noncentral_t_cdf(-t_crit, df, ncp);
        return p;
    }
    double p = stats::normal_cdf((t.delta * root_n - m.z_crit * t.s0) / t.s1);
    if (m.far_tail) p += stats::normal_upper_tail((t.delta * root_n + m.z_crit * t.s0) / t.s1);
    return p;
}

}  // namespace mlwb::power
