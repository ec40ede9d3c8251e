// mlwb serve ...: the Serving simulator from a terminal. See kServeUsage in serve_command.cpp.
#pragma once
#include <string>
#include <vector>

namespace mlwb::cli {

int run_serve(const std::vector<std::string>& args);

}  // namespace mlwb::cli
