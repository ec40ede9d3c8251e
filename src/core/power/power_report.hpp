// The Experiment power results as JSON: the one shape shared by the CLI (`mlwb power --json`),
// window.mlwb.results() in the browser, and the tests.
#pragma once

#include <nlohmann/json.hpp>

#include "power/power_inputs.hpp"

namespace mlwb::power {

// {"ok":true,"method":"pooled","n_per_arm":...,"n_per_arm_ceil":...,...} or
// {"ok":false,"errors":[{"field":"baseline","message":"..."}]}
nlohmann::json power_results_json(const PowerInputs& in);

}  // namespace mlwb::power
