#include "power/readout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <boost/math/distributions/chi_squared.hpp>

#include "stats/normal.hpp"
#include "util/format.hpp"

namespace mlwb::power {

namespace {

// Below this a p-value is shown as "< 1e-300" rather than as a denormal or 0.
constexpr double kSmallestShownP = 1e-300;

bool is_whole(double v) { return std::isfinite(v) && std::floor(v) == v; }

// a*d - b*c with one rounding instead of three (Kahan's fma trick). x2*n1 - x1*n2 at 10^9
// units subtracts two numbers near 10^17 that agree in most of their digits; done naively the
// difference, and so z, would keep only what survives the cancellation.
double product_difference(double a, double d, double b, double c) {
    const double bc = b * c;
    const double bc_error = std::fma(-b, c, bc);  // bc - b*c exactly
    return std::fma(a, d, -bc) + bc_error;
}

void check_units(std::vector<FieldError>& errors, const char* field, const std::string& label, double n) {
    if (!is_whole(n)) errors.push_back({field, label + " must be a whole number."});
    else if (n < 1) errors.push_back({field, label + " must be at least 1: a group with no units has no rate."});
    else if (n > kMaxReadoutUnits) errors.push_back({field, label + " must be at most 10^15."});
}

void check_conversions(std::vector<FieldError>& errors, const char* field, const std::string& label, double x) {
    if (!is_whole(x)) errors.push_back({field, label + " must be a whole number."});
    else if (x < 0) errors.push_back({field, label + " must not be negative."});
}

bool has_error(const std::vector<FieldError>& errors, const char* field) {
    return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
}

// A p-value with enough digits that the shown number falls on the same side of the threshold
// as the real one: 0.04996 against 0.05 reads "0.04996", not "0.0500".
std::string format_p(double p, double threshold) {
    if (p < kSmallestShownP) return "p < 1e-300";
    std::string text;
    for (int digits = 3; digits <= 17; ++digits) {
        text = format_significant(p, digits);
        if ((std::strtod(text.c_str(), nullptr) < threshold) == (p < threshold)) break;
    }
    return "p = " + text;
}

std::string percent(double share, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f%%", decimals, 100.0 * share);
    return buf;
}

std::string count(double v) { return format_grouped(static_cast<std::int64_t>(std::llround(v))); }

std::string verdict_sentence(const ReadoutInputs& in, const Readout& r) {
    const std::string at = "at alpha = " + format_shortest(in.alpha) + " (" + format_p(r.p_value, in.alpha) + ")";
    if (!r.significant) return "Not significant " + at + ": the data cannot tell the two rates apart.";
    return "Significant " + at + ": the treatment rate is " + (r.difference > 0 ? "higher" : "lower") +
           " than the control rate.";
}

std::string srm_sentence(const ReadoutInputs& in, const Readout& r) {
    // As many decimals as it takes for the two shares to read differently (a 0.02-point drift
    // is an alert at 10^8 units).
    int decimals = 1;
    while (decimals < 6 && percent(r.observed_treatment_share, decimals) == percent(r.expected_treatment_share, decimals))
        ++decimals;
    const double total = in.control_units + in.treatment_units;
    return "Sample ratio mismatch: treatment got " + percent(r.observed_treatment_share, decimals) + " of units (" +
           count(in.treatment_units) + " of " + count(total) + ") but the planned 1:" + format_significant(in.ratio, 4) +
           " split expects " + percent(r.expected_treatment_share, decimals) + " (about " +
           count(total * r.expected_treatment_share) + "). A split this far off the plan has " +
           format_p(r.srm_p_value, kSrmAlertLevel) +
           ", so check assignment and logging before trusting the results.";
}

}  // namespace

std::vector<FieldError> validate(const ReadoutInputs& in) {
    std::vector<FieldError> errors;
    check_units(errors, "control_units", "Control units", in.control_units);
    check_conversions(errors, "control_conversions", "Control conversions", in.control_conversions);
    check_units(errors, "treatment_units", "Treatment units", in.treatment_units);
    check_conversions(errors, "treatment_conversions", "Treatment conversions", in.treatment_conversions);
    if (!(std::isfinite(in.alpha) && in.alpha > 0 && in.alpha < 1))
        errors.push_back({"alpha", "Significance level must be between 0 and 1 (exclusive)."});
    if (!(std::isfinite(in.ratio) && in.ratio > 0))
        errors.push_back({"ratio", "Planned split ratio must be a positive number (treatment units per control unit)."});
    else if (in.ratio < kMinPlannedRatio || in.ratio > kMaxPlannedRatio)
        errors.push_back({"ratio", "Planned split ratio must be between 10^-6 and 10^6."});

    // The checks between fields need both fields valid on their own.
    const bool control_ok = !has_error(errors, "control_units") && !has_error(errors, "control_conversions");
    const bool treatment_ok = !has_error(errors, "treatment_units") && !has_error(errors, "treatment_conversions");
    const bool control_fits = control_ok && in.control_conversions <= in.control_units;
    const bool treatment_fits = treatment_ok && in.treatment_conversions <= in.treatment_units;
    if (control_ok && !control_fits)
        errors.push_back({"control_conversions", "Control conversions cannot exceed control units."});
    if (treatment_ok && !treatment_fits)
        errors.push_back({"treatment_conversions", "Treatment conversions cannot exceed treatment units."});
    if (!control_fits || !treatment_fits) return errors;

    // With both rates 0 (or both 1) the pooled variance is 0 and z would be 0/0.
    const char* no_variation = nullptr;
    if (in.control_conversions == 0 && in.treatment_conversions == 0)
        no_variation = "No variation: every unit in both groups failed to convert, so there is nothing to test. "
                       "The test needs at least one conversion.";
    else if (in.control_conversions == in.control_units && in.treatment_conversions == in.treatment_units)
        no_variation = "No variation: every unit in both groups converted, so there is nothing to test. "
                       "The test needs at least one unit that did not convert.";
    if (no_variation) {
        errors.push_back({"control_conversions", no_variation});
        errors.push_back({"treatment_conversions", no_variation});
    }
    return errors;
}

Outcome<Readout> analyse_readout(const ReadoutInputs& in) {
    Outcome<Readout> out;
    out.errors = validate(in);
    if (!out.ok()) return out;

    const double n1 = in.control_units, x1 = in.control_conversions;
    const double n2 = in.treatment_units, x2 = in.treatment_conversions;
    // Whole numbers below 2 * 10^15: these sums and differences are exact, so q = 1 - p keeps its
    // digits even when p is 1 - 1e-8.
    const double total = n1 + n2, converted = x1 + x2, not_converted = (n1 - x1) + (n2 - x2);
    const double p1 = x1 / n1, q1 = (n1 - x1) / n1;
    const double p2 = x2 / n2, q2 = (n2 - x2) / n2;
    const double cross = product_difference(x2, n1, x1, n2);  // x2 n1 - x1 n2 = (p2 - p1) n1 n2

    Readout& r = out.value;
    r.control_rate = p1;
    r.treatment_rate = p2;
    r.difference = cross / (n1 * n2);
    r.relative_lift_defined = x1 > 0;
    r.relative_lift = r.relative_lift_defined ? cross / (x1 * n2) : std::nan("");

    // validate() ruled out converted == 0 and not_converted == 0, so pooled_se > 0.
    r.pooled_se = std::sqrt((converted / total) * (not_converted / total) * (1 / n1 + 1 / n2));
    r.z = r.difference / r.pooled_se;
    r.p_value = 2 * stats::normal_upper_tail(std::fabs(r.z));
    r.significant = r.p_value < in.alpha;

    r.confidence = 1 - in.alpha;
    r.z_critical = stats::normal_upper_quantile(in.alpha / 2);
    r.unpooled_se = std::sqrt(p1 * q1 / n1 + p2 * q2 / n2);
    // Clipped to the possible range of a difference of rates, as prop.test does.
    r.ci_low = std::max(-1.0, r.difference - r.z_critical * r.unpooled_se);
    r.ci_high = std::min(1.0, r.difference + r.z_critical * r.unpooled_se);

    r.relative_ci_defined = x1 > 0 && x2 > 0;
    if (r.relative_ci_defined) {
        // log(p2/p1) as log1p(lift) and 1/x - 1/n as q/x: both stay accurate when the rates
        // are close to each other or to 1. expm1 keeps small lifts accurate on the way back.
        const double log_ratio = std::log1p(r.relative_lift);
        const double se = std::sqrt(q2 / x2 + q1 / x1);
        r.rel_ci_low = std::expm1(log_ratio - r.z_critical * se);
        r.rel_ci_high = std::expm1(log_ratio + r.z_critical * se);
    } else {
        r.rel_ci_low = r.rel_ci_high = std::nan("");
        r.relative_note = x1 == 0 ? "The relative lift is undefined: the control group has no conversions."
                                  : "The interval for the relative lift needs at least one conversion in each group.";
    }

    // chisq.test's sum over both groups of (observed - expected)^2 / expected, with expected
    // N/(1+r) and N r/(1+r), simplifies to (r n1 - n2)^2 / (r N).
    const double planned = in.ratio;
    const double imbalance = std::fma(planned, n1, -n2);  // one rounding: r n1 and n2 may agree closely
    r.expected_treatment_share = planned / (1 + planned);
    r.observed_treatment_share = n2 / total;
    r.srm_chi2 = imbalance * imbalance / (planned * total);  // finite: counts and ratio are bounded
    const boost::math::chi_squared_distribution<double> one_df(1.0);
    r.srm_p_value = boost::math::cdf(boost::math::complement(one_df, r.srm_chi2));
    r.srm_alert = r.srm_p_value < kSrmAlertLevel;
    if (r.srm_alert) r.srm_message = srm_sentence(in, r);

    r.verdict = verdict_sentence(in, r);
    return out;
}

}  // namespace mlwb::power
