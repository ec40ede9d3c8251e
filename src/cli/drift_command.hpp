// mlwb drift ...: the drift lens from a terminal and in CI. See kDriftUsage in drift_command.cpp.
#pragma once
#include <string>
#include <vector>

namespace mlwb::cli {

int run_drift(const std::vector<std::string>& args);

}  // namespace mlwb::cli
