// The Experiment power results as JSON: the one shape shared by the CLI (`mlwb power --json`),
// window.mlwb.results() in the browser, exports and the tests.
#pragma once

#include <nlohmann/json.hpp>

#include "power/power_inputs.hpp"
#include "power/solve.hpp"

namespace mlwb::power {

// {"ok":true,"method":"pooled","n_per_arm":...,"n_per_arm_ceil":...,"mde":...,"power":...,...} or
// {"ok":false,"errors":[{"field":"baseline","message":"..."}]}
nlohmann::json power_results_json(const PowerInputs& in);
nlohmann::json power_results_json(const PowerInputs& in, const Outcome<PowerResult>& solved);

nlohmann::json errors_json(const std::vector<FieldError>& errors);

// JSON has no NaN: a value that does not exist is written as null.
nlohmann::json number_or_null(double v);

}  // namespace mlwb::power
