// Inputs of the Experiment power instrument: one plain struct, the single source of truth
// that the UI edits, the URL hash and localStorage carry, and the CLI reads.
#pragma once

namespace mlwb::power {

enum class Alternative { TwoSided, OneSided };

struct PowerInputs {
    double baseline = 0.10;  // conversion rate of the control arm, p1
    double target = 0.11;    // conversion rate the treatment must reach to be detected, p2
    double alpha = 0.05;     // significance level (false-positive rate)
    double power = 0.80;     // 1 - beta: chance of detecting the effect if it is real
    Alternative alternative = Alternative::TwoSided;
    bool strict = false;     // two-sided only: also count rejections in the wrong tail (R's strict = TRUE)

    friend bool operator==(const PowerInputs&, const PowerInputs&) = default;
};

const char* alternative_key(Alternative);  // "two-sided" / "one-sided", as in the state JSON

}  // namespace mlwb::power
