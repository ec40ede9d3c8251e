// Solving a power problem for its unknown: sample size per arm, minimum detectable effect
// (MDE) or power, for fixed, group-sequential and always-valid designs, plus the duration
// that traffic implies. The formulas are in test_model.hpp.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "power/power_inputs.hpp"
#include "power/sequential.hpp"
#include "power/test_model.hpp"
#include "util/outcome.hpp"

namespace mlwb::power {

// Samples larger than this cannot be planned for and are beyond exact integers in a double.
constexpr double kMaxSampleSize = 1e15;

struct PowerResult {
    TestModel model;
    double n_fixed = 0;              // control units of the equivalent fixed design, unrounded
    double n_per_arm = 0;            // control units planned: n_fixed, or the sequential maximum
    std::int64_t n_per_arm_ceil = 0; // the smallest whole number of control units that does it
    std::int64_t n_treatment_ceil = 0;  // units in each treatment arm: ceil(allocation * n_per_arm)
    std::int64_t n_total_ceil = 0;      // control + every treatment arm
    double power = 0;                // achieved with the rounded n (fixed), the answer, or the goal
    double effect = 0;               // absolute effect: the input, or the solved MDE
    double effect_relative = 0;      // effect / baseline (NaN when the baseline is 0)
    // Solving for the MDE of a rate: the smallest detectable decrease (negative), which differs
    // from the increase because a rate's variance depends on it; NaN when none exists.
    double effect_decrease = std::numeric_limits<double>::quiet_NaN();

    // Sequential designs
    double inflation = 1;            // n_per_arm / n_fixed
    double expected_n_h1 = 0;        // expected control units when the effect is real
    double expected_n_h0 = 0;        // ... when there is none
    // Group sequential: the looks and what evaluates their power at other n. Shared with the
    // solver's cache of the last design: its grids hold thousands of values, and copying them
    // into every result cost 18 us per solve in wasm (bench/power.mjs).
    std::shared_ptr<const seq::GroupSequentialDesign> design;
    const seq::GroupSequentialDesign* sequential_design() const { return design && !design->looks.empty() ? design.get() : nullptr; }
    const std::vector<seq::Look>& looks() const;  // empty for a fixed or always-valid design
    double always_valid_tau = 0;     // mixing sd used (test scale)
    double always_valid_z = 0;       // the always-valid z boundary at n_per_arm

    // Duration
    double units_per_day = 0;        // daily eligible units x traffic share
    std::int64_t days = 0;           // to enrol n_total_ceil
    std::int64_t weeks = 0;          // days rounded up to whole weeks (weekly seasonality)
    double planned_days = 0;         // days n_per_arm takes, before rounding (the plots' marker)
    double expected_days = 0;        // group sequential: expected under H1; otherwise planned_days
};

// Everything field_errors() checks, plus whether an answer exists (power above the no-data
// rejection rate, an effect some sample size can detect, ...).
std::vector<FieldError> validate(const PowerInputs& in);

Outcome<PowerResult> solve(const PowerInputs& in);

// z_crit s0 + z[power] s1: the normal approximation without the far tail gives
// n = (this / delta)^2 and delta = this / sqrt(n) (exact for z tests that ignore the far tail).
double normal_approximation_numerator(const TestModel& m, const ZTerms& t, double power);

// The fixed design's pieces, for curves and the formula view. NaN when there is no answer.
double fixed_sample_size(const TestModel& m, double effect, double power);
double fixed_mde(const TestModel& m, double n, double power);
// Power of the rejection rule "always-valid z >= boundary" evaluated at n alone; crossings
// earlier than n only add power, so this is a lower bound.
double always_valid_power(const TestModel& m, double n, double effect, double tau);
double always_valid_boundary(const TestModel& m, double n, double effect, double tau);

// The design's MDE at n control units (group sequential: n is the maximum, and at the planned
// power the design equals a fixed one of n / inflation units).
double design_mde(const PowerInputs& in, const TestModel& m, double inflation, double n);
// The design's power at n control units. Group sequential (`gs` not null): the boundaries'
// crossing probability at the drift z_crit + z[power of a fixed test with n units], which is
// delta sqrt(n)/s when the test's sds under H0 and H1 agree.
double design_power(const PowerInputs& in, const TestModel& m, const seq::GroupSequentialDesign* gs, double n, double effect);
// That drift, from the power of the fixed test with the same n (which must be in (0, 1)).
double sequential_drift(const TestModel& m, double fixed_power);

}  // namespace mlwb::power
