#include "power/explain.hpp"

#include <cmath>

#include "stats/normal.hpp"
#include "util/format.hpp"

namespace mlwb::power {

namespace {

std::string num(double v, int digits = 5) { return format_significant(v, digits); }

// UTF-8 symbols the fonts carry.
constexpr const char* kAlpha = "\xCE\xB1";
constexpr const char* kBeta = "\xCE\xB2";
constexpr const char* kDelta = "\xCE\xB4";
constexpr const char* kRho = "\xCF\x81";
constexpr const char* kSqrt = "\xE2\x88\x9A";
constexpr const char* kTimes = " \xC3\x97 ";
constexpr const char* kPhi = "\xCE\xA6";

std::string sd_formula(const PowerInputs& in, const TestModel& m, const ZTerms& t, double effect) {
    const std::string r = num(m.allocation);
    switch (in.metric) {
        case Metric::Proportion: {
            const double p1 = m.baseline, p2 = m.baseline + effect;
            const std::string alt = std::string("s1 = ") + kSqrt + "(p1 q1 + p2 q2 / r) = " + kSqrt + "(" + num(p1) + kTimes +
                                    num(1 - p1) + " + " + num(p2) + kTimes + num(1 - p2) + " / " + r + ")";
            switch (in.proportion_method) {
                case ProportionMethod::Pooled:
                    return std::string("s0 = ") + kSqrt + "(pbar qbar (1 + 1/r)), pbar = (p1 + r p2)/(1 + r) = " +
                           num((p1 + m.allocation * p2) / (1 + m.allocation)) + ";  " + alt;
                case ProportionMethod::Unpooled: return alt + " = s0 (Wald: no pooling)";
                case ProportionMethod::EvanMiller:
                    return std::string("s0 = ") + kSqrt + "(p1 q1 (1 + 1/r)) (control variance in both arms);  " + alt;
                case ProportionMethod::Arcsine:
                    return std::string("h = 2 asin ") + kSqrt + "p2 - 2 asin " + kSqrt + "p1 = " + num(t.delta) + ";  s0 = s1 = " +
                           kSqrt + "(1 + 1/r)";
            }
            return alt;
        }
        case Metric::Mean:
            return std::string("s0 = s1 = sd ") + kSqrt + "(1 + 1/r) = " + num(in.sd) + kTimes + kSqrt + "(1 + 1/" + r + ")";
        case Metric::Ratio:
            return std::string("sd(Y/X) = ") + kSqrt + "(var Y/mx\xC2\xB2 - 2 my cov/mx\xC2\xB3 + my\xC2\xB2 var X/mx\xE2\x81\xB4) = " +
                   num(m.sd) + " (delta method);  s0 = s1 = sd " + kSqrt + "(1 + 1/r)";
    }
    return {};
}

}  // namespace

MethodInfo method_info(const PowerInputs& in) {
    switch (in.metric) {
        case Metric::Proportion:
            switch (in.proportion_method) {
                case ProportionMethod::Pooled: return {"pooled", "Pooled-variance z-test", "R stats::power.prop.test"};
                case ProportionMethod::Arcsine:
                    return {"arcsine", "Arcsine (Cohen's h) z-test", "R pwr::pwr.2p.test / pwr.2p2n.test, statsmodels NormalIndPower"};
                case ProportionMethod::Unpooled: return {"unpooled", "Unpooled (Wald) z-test", "closed form, separate variances"};
                case ProportionMethod::EvanMiller:
                    return {"evan-miller", "Evan Miller's formula", "evanmiller.org sample size calculator (which rounds to the nearest unit)"};
            }
            break;
        case Metric::Mean:
            if (in.mean_method == MeanMethod::T)
                return {"t", "Two-sample t-test (non-central t)", "R stats::power.t.test, pwr::pwr.t2n.test"};
            return {"z", "Two-sample z-test", "statsmodels NormalIndPower"};
        case Metric::Ratio: return {"ratio-delta", "z-test on a ratio metric, delta-method variance", "closed form (Deng et al. 2018)"};
    }
    return {"pooled", "Pooled-variance z-test", "R stats::power.prop.test"};
}

std::vector<FormulaStep> explain(const PowerInputs& in, const PowerResult& res) {
    const TestModel& m = res.model;
    const ZTerms t = z_terms(m, res.effect);
    const bool two = m.tails == 2;
    std::vector<FormulaStep> steps;
    auto add = [&](std::string label, std::string text) { steps.push_back({std::move(label), std::move(text)}); };

    const double base = m.baseline;
    std::string effect = std::string(kDelta) + " = " + num(res.effect) + " (" + num(100 * res.effect_relative, 4) +
                         " % of the baseline " + num(base) + ")";
    if (m.margin > 0) effect += "; non-inferiority margin " + num(m.margin) + ", so the test detects " + kDelta + " + margin = " +
                                num(res.effect + m.margin);
    add(in.solve == Solve::Mde ? "Effect (solved)" : "Effect", effect);

    std::string alpha = std::string(kAlpha) + " = " + num(in.alpha);
    if (in.variants > 1)
        alpha += ", " + std::string(in.correction == Correction::Bonferroni ? "Bonferroni" : "\xC5\xA0id\xC3\xA1k") + " over " +
                 std::to_string(in.variants) + " comparisons: " + kAlpha + "' = " + num(m.alpha_test);
    alpha += two ? "; z[1 - " + std::string(kAlpha) + "'/2] = " : "; z[1 - " + std::string(kAlpha) + "'] = ";
    alpha += num(m.z_crit) + (two ? (m.far_tail ? " (both tails count)" : " (the far tail is ignored)") : " (one-sided)");
    add("Critical value", alpha);

    add("Standard deviations", sd_formula(in, m, t, res.effect) + "  \xE2\x86\x92  s0 = " + num(t.s0 / m.cuped_factor) +
                                   ", s1 = " + num(t.s1 / m.cuped_factor));
    if (m.cuped_factor < 1)
        add("CUPED", std::string("both \xC3\x97 ") + kSqrt + "(1 - " + kRho + "\xC2\xB2) = " + num(m.cuped_factor) + "  \xE2\x86\x92  s0 = " +
                         num(t.s0) + ", s1 = " + num(t.s1));

    const double z_power = stats::normal_quantile(in.solve == Solve::Power ? 0.5 : in.power);
    switch (in.solve) {
        case Solve::SampleSize:
            if (m.t_test) {
                add("Sample size", std::string("P(T' > t_crit) = ") + num(in.power) + " with df = n(1 + r) - 2 and ncp = " + kDelta + " " +
                                       kSqrt + "n / s1, solved for n (the normal formula, n = ((z_crit s0 + z[1-" + kBeta +
                                       "] s1)/" + kDelta + ")\xC2\xB2, is the start): n = " + num(res.n_fixed, 10));
            } else {
                std::string s = std::string("n = ((z_crit s0 + z[1-") + kBeta + "] s1) / " + kDelta + ")\xC2\xB2 = ((" + num(m.z_crit) +
                                kTimes + num(t.s0) + " + " + num(z_power) + kTimes + num(t.s1) + ") / " + num(t.delta) + ")\xC2\xB2";
                const double closed = std::pow(normal_approximation_numerator(m, t, in.power) / t.delta, 2);
                s += " = " + num(closed, 10);
                if (m.far_tail) s += "; counting the far tail too, solved numerically: n = " + num(res.n_fixed, 10);
                add("Sample size", s);
            }
            break;
        case Solve::Mde:
            add("MDE", std::string("the smallest ") + kDelta + " with power(" + kDelta + ", n = " + num(res.n_fixed, 8) + ") = " +
                           num(in.power) + " (normal approximation " + kDelta + " \xE2\x89\x88 (z_crit s0 + z[1-" + kBeta + "] s1)/" +
                           kSqrt + "n), solved numerically: " + kDelta + " = " + num(res.effect));
            break;
        case Solve::Power:
            if (m.t_test) add("Power", "P(T' > t_crit) with ncp = " + num(t.delta * std::sqrt(res.n_per_arm) / t.s1) + " = " + num(res.power));
            else
                add("Power", std::string(kPhi) + "((" + kDelta + " " + kSqrt + "n - z_crit s0) / s1) = " + kPhi + "((" + num(t.delta) +
                                 kTimes + num(std::sqrt(res.n_per_arm)) + " - " + num(m.z_crit) + kTimes + num(t.s0) + ") / " +
                                 num(t.s1) + ") = " + num(res.power) + (m.far_tail ? " (far tail included)" : ""));
            break;
    }
    if (!res.looks().empty() && in.solve == Solve::Power) {
        add("Group sequential", std::to_string(res.looks().size()) + " looks with Lan-DeMets spending: power = P(some z_k \xE2\x89\xA5 c_k) at drift "
                                    "z_crit + z[fixed-test power at n], by the same numerical integration as the boundaries = " + num(res.power));
    } else if (!res.looks().empty()) {
        add("Group sequential", std::to_string(res.looks().size()) + " looks, " +
                                    (in.sequential == Sequential::Pocock ? "Pocock" : "O'Brien-Fleming") +
                                    "-type Lan-DeMets spending: maximum n = fixed n \xC3\x97 " + num(res.inflation) + " = " +
                                    num(res.n_per_arm, 10) + "; expected n if the effect is real " + num(res.expected_n_h1, 8));
    }
    if (in.sequential == Sequential::AlwaysValid) {
        add("Always valid", std::string("mixture SPRT, ") + "\xCF\x84 = " + num(res.always_valid_tau) + ": reject when |z| \xE2\x89\xA5 " +
                                kSqrt + "((1 + V/(n\xCF\x84\xC2\xB2)) (2 ln(1/" + kAlpha + ") + ln(1 + n\xCF\x84\xC2\xB2/V))) = " +
                                num(res.always_valid_z) + " at n; power counted at n only (a lower bound)");
    }
    add("Round up", "n per arm " + format_grouped(res.n_per_arm_ceil) + "; each treatment arm ceil(r n) = " +
                        format_grouped(res.n_treatment_ceil) + "; total " + format_grouped(res.n_per_arm_ceil) + " + " +
                        std::to_string(in.variants) + kTimes + format_grouped(res.n_treatment_ceil) + " = " +
                        format_grouped(res.n_total_ceil));
    add("Duration", format_grouped(res.n_total_ceil) + " units / (" + num(in.daily_units) + " a day" + kTimes +
                        num(100 * in.traffic_share, 4) + " %) = " + format_grouped(res.days) + (res.days == 1 ? " day" : " days") + " \xE2\x86\x92 " +
                        std::to_string(res.weeks) + (res.weeks == 1 ? " week" : " weeks"));
    return steps;
}

}  // namespace mlwb::power
