// Readout of a running or finished A/B test on a conversion metric: how the two groups'
// rates differ, whether the difference is significant, and whether the groups received the
// share of units that was planned (sample ratio mismatch, SRM).
//
// The methods are those of R, so results can be checked there:
//   p-value, z     pooled two-proportion z-test       = prop.test(c(x2, x1), c(n2, n1), correct = FALSE)
//   difference CI  Wald, unpooled, clipped to [-1, 1]  = the same call's $conf.int at 1 - alpha
//   lift CI        Katz interval for the risk ratio p2/p1 on the log scale, minus 1:
//                  log(p2/p1) -/+ z_{1-alpha/2} * sqrt(1/x2 - 1/n2 + 1/x1 - 1/n1)
//   SRM            chi-square goodness of fit of (n1, n2) to the planned split 1 : r
//                                                      = chisq.test(c(n1, n2), p = c(1, r)/(1 + r))
// Everything is computed from whole counts in forms that keep their digits at 10^9 units, and
// upper tails come from complements, so p-values keep full relative precision down to ~1e-300.
#pragma once

#include <string>
#include <vector>

#include "util/outcome.hpp"

namespace mlwb::power {

// Counts are doubles because they arrive from text fields and JSON, but must be whole numbers.
struct ReadoutInputs {
    double control_units = 10000;         // n1: units assigned to control
    double control_conversions = 1000;    // x1: of those, units that converted
    double treatment_units = 10000;       // n2
    double treatment_conversions = 1100;  // x2
    double alpha = 0.05;                  // significance level; the intervals are at 1 - alpha, two-sided
    double ratio = 1;                     // planned split, treatment units per control unit (r in 1 : r)

    friend bool operator==(const ReadoutInputs&, const ReadoutInputs&) = default;
};

// The SRM check raises its alert below this p-value: strict on purpose, because the check runs
// on every readout and a broken split invalidates everything else on the page.
inline constexpr double kSrmAlertLevel = 0.001;

// Counts above this are refused: sums and differences of counts must stay exact in a double.
inline constexpr double kMaxReadoutUnits = 1e15;

// Planned splits more lopsided than 1 : 10^6 (either way) are refused: that is not an A/B test,
// and the bounds keep every intermediate of the SRM statistic finite.
inline constexpr double kMinPlannedRatio = 1e-6;
inline constexpr double kMaxPlannedRatio = 1e6;

struct Readout {
    double control_rate = 0;    // p1 = x1 / n1
    double treatment_rate = 0;  // p2 = x2 / n2
    double difference = 0;      // p2 - p1

    // (p2 - p1) / p1, undefined (NaN, flag false) when the control group has no conversions.
    bool relative_lift_defined = false;
    double relative_lift = 0;

    // Pooled two-proportion z-test, two-sided. z > 0 when treatment converts more.
    double z = 0;
    double p_value = 1;
    bool significant = false;  // p_value < alpha
    double pooled_se = 0;      // sd of p2 - p1 under "no difference", the denominator of z

    // Wald interval for p2 - p1 at 1 - alpha.
    double confidence = 0;    // 1 - alpha
    double z_critical = 0;    // z_{1 - alpha/2}
    double unpooled_se = 0;   // sqrt(p1 q1 / n1 + p2 q2 / n2)
    double ci_low = 0, ci_high = 0;

    // Katz interval for the relative lift at 1 - alpha. It needs a conversion in each group
    // (log 0): otherwise the flag is false, the bounds NaN and relative_note says why.
    bool relative_ci_defined = false;
    double rel_ci_low = 0, rel_ci_high = 0;
    std::string relative_note;  // empty when the lift and its interval are both defined

    // Sample ratio mismatch.
    double expected_treatment_share = 0;  // r / (1 + r)
    double observed_treatment_share = 0;  // n2 / (n1 + n2)
    double srm_chi2 = 0;
    double srm_p_value = 1;
    bool srm_alert = false;   // srm_p_value < kSrmAlertLevel
    std::string srm_message;  // a sentence to show when srm_alert, empty otherwise

    std::string verdict;  // "Significant at alpha = 0.05 (p = 0.0211): ..." or "Not significant ..."
};

// Field-level validation, keyed by the state JSON names control_units, control_conversions,
// treatment_units, treatment_conversions, alpha and ratio. Besides each field on its own it
// rejects conversions above units, and data with no variation at all (no unit converted, or
// every unit did), where the z-test has a zero variance and no p-value.
// analyse_readout() fails exactly when this returns errors.
std::vector<FieldError> validate(const ReadoutInputs& in);

Outcome<Readout> analyse_readout(const ReadoutInputs& in);

}  // namespace mlwb::power
