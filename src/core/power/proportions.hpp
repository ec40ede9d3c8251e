// Sample size for comparing two proportions with the pooled-variance z-test, the method of
// R's stats::power.prop.test. With p1, p2, alpha and power given, the per-arm n solves
//
//   power = Phi((sqrt(n)*|p1-p2| - z_{1-a/t} * sqrt(2*pbar*qbar)) / sqrt(p1*q1 + p2*q2))
//           [ + Phi(-(sqrt(n)*|p1-p2| + z_{1-a/t} * sqrt(2*pbar*qbar)) / sqrt(p1*q1 + p2*q2)) if strict ]
//
// with t = 2 for a two-sided test, pbar = (p1+p2)/2 and q = 1-p. Without the strict term the
// root has a closed form; with it, the power is still increasing in n and we bisect on sqrt(n).
#pragma once

#include <cstdint>
#include <vector>

#include "power/power_inputs.hpp"
#include "util/outcome.hpp"

namespace mlwb::power {

// The parts of the power formula that do not depend on n, exposed so the UI can show the
// formula with the user's own numbers.
struct PooledTerms {
    double d = 0;        // |p1 - p2|
    double z_crit = 0;   // z_{1 - alpha/tails}
    double sd_null = 0;  // sqrt(2 pbar qbar): per-unit sd of the difference under H0 (pooled)
    double sd_alt = 0;   // sqrt(p1 q1 + p2 q2): the same under H1
};
PooledTerms pooled_terms(const PowerInputs& in);  // inputs must be valid

// n from the closed form without the far-tail term: the answer when not strict, and the upper
// bound the strict root is searched below. Inputs must be valid.
double pooled_closed_form_n(const PowerInputs& in);

struct SampleSize {
    double n_per_arm = 0;            // the exact root, unrounded
    std::int64_t n_per_arm_ceil = 0; // what to plan for: the smallest whole n that reaches the power
    double power_at_ceil = 0;        // the power actually achieved with n_per_arm_ceil per arm
};

// Field-level validation, keyed by the state JSON names (baseline, target, alpha, power).
std::vector<FieldError> validate(const PowerInputs& in);

// Power of the pooled test with n units per arm (n may be fractional, as in R).
double pooled_power(const PowerInputs& in, double n);

Outcome<SampleSize> pooled_sample_size(const PowerInputs& in);

}  // namespace mlwb::power
