// "Show the formula": the chosen method's formula with the user's numbers substituted, step
// by step, as plain text lines shared by the UI, the CLI and the JSON results.
#pragma once

#include <string>
#include <vector>

#include "power/power_inputs.hpp"
#include "power/solve.hpp"

namespace mlwb::power {

struct FormulaStep {
    std::string label;  // "Critical value"
    std::string text;   // "z[1 - α/2] = z[0.975] = 1.96"
};

struct MethodInfo {
    const char* key;        // "pooled", "t", "ratio-delta", ...
    const char* name;       // "Pooled-variance z-test"
    const char* reference;  // the tool whose numbers it reproduces
};

MethodInfo method_info(const PowerInputs& in);

// `result` must be the successful solve of `in`.
std::vector<FormulaStep> explain(const PowerInputs& in, const PowerResult& result);

}  // namespace mlwb::power
