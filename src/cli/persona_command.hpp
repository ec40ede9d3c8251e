// mlwb persona ...: souls (persona Markdown) from a terminal. See kPersonaUsage.
#pragma once
#include <string>
#include <vector>

namespace mlwb::cli {

int run_persona(const std::vector<std::string>& args);

}  // namespace mlwb::cli
