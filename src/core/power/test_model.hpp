// From the user's inputs to the few numbers every power formula here needs.
//
// Every method is a test of the difference between a treatment arm and the control. With n
// control units (and r*n treatment units) its power is
//
//   z-type:  Phi((delta*sqrt(n) - z_crit*s0) / s1)  [+ Phi((-delta*sqrt(n) - z_crit*s0) / s1)]
//   t-type:  P(T'(df, delta*sqrt(n)/s1) > t_crit)  [+ P(T' < -t_crit)],  df = n(1 + r) - 2
//
// where s0 and s1 are the per-unit standard deviations of the difference under H0 and H1
// (so the difference's sd is s/sqrt(n)) and the bracketed far-tail term counts only when
// `far_tail` (R's strict = TRUE; always for arcsine two-sided, as pwr and statsmodels do).
// The methods differ only in delta, s0 and s1: see z_terms().
#pragma once

#include <vector>

#include "power/power_inputs.hpp"
#include "util/outcome.hpp"

namespace mlwb::power {

struct TestModel {
    Metric metric = Metric::Proportion;
    ProportionMethod proportion_method = ProportionMethod::Pooled;
    bool t_test = false;         // mean metric with the t method
    double baseline = 0;         // p1, the control mean, or the control ratio
    double sd = 0;               // mean and ratio metrics: per-unit sd after CUPED
    double cuped_factor = 1;     // sqrt(1 - rho^2), applied to every method's sds
    double margin = 0;           // non-inferiority margin in the metric's units
    double alpha_test = 0;       // per comparison, after the multiplicity correction
    int tails = 2;
    bool far_tail = false;
    double allocation = 1;       // r
    double z_crit = 0;           // z_{1 - alpha_test/tails}
};

struct ZTerms {
    double delta = 0;  // effect on the test's scale (|h| for arcsine), margin included
    double s0 = 0;     // per-unit sd of the difference under H0
    double s1 = 0;     // ... under H1
};

// Range checks of each field on its own (and of fields that only make sense together), keyed
// by the state JSON names. validate() in solve.hpp adds whether the problem has an answer.
std::vector<FieldError> field_errors(const PowerInputs& in);

// Inputs must pass field_errors().
TestModel make_test_model(const PowerInputs& in);
double baseline_value(const PowerInputs& in);    // p1, the control mean or Y/X of the control
double absolute_effect(const PowerInputs& in);   // the effect as a signed difference in metric units
double ratio_metric_sd(const RatioStats& s);     // delta-method per-unit sd of Y/X (NaN if not positive)

// Largest upward effect the metric allows (p2 < 1 for proportions; unbounded otherwise).
double max_effect(const TestModel& m);

ZTerms z_terms(const TestModel& m, double effect);
double power_at(const TestModel& m, double n, double effect);  // n control units (fractional)

// Smallest n the test is defined for: the t-test needs df > 0.
double min_sample_size(const TestModel& m);

}  // namespace mlwb::power
