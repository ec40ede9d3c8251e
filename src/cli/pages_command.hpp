// mlwb pages DIR: the instruments' static pages (DIR/instruments/*.html), written at build time
// into build/site by the CLI built for Node, from the same engine as the app.
#pragma once
#include <string>
#include <vector>

namespace mlwb::cli {

int run_pages(const std::vector<std::string>& args);

}  // namespace mlwb::cli
