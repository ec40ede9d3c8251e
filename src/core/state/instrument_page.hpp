// The static HTML page of an instrument (build/site/instruments/<key>.html): what it computes,
// its methods and their references, its presets with links into the app, and the inputs and
// results of its defaults. Readable without the canvas, WebGL or script: for screen readers,
// search engines and anyone who wants the method before the tool.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "state/instruments.hpp"

namespace mlwb::state {

struct InstrumentPageOptions {
    std::string app_page = "../index.html";  // the app, relative to the page
    nlohmann::json default_results;          // the results of the default inputs (null: none shown)
};

std::string instrument_page_html(InstrumentId id, const InstrumentPageOptions& options);
// The index of the instrument pages (instruments/index.html), linking each and the guide.
std::string instrument_index_html(const std::string& app_page);

}  // namespace mlwb::state
