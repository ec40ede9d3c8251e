// An instrument's results JSON (what window.mlwb.results() returns) as the files a user takes
// away: a field/value table as CSV or Markdown, and a self-contained HTML report. Generic over
// the JSON, so every instrument exports the same way and an export can never disagree with the
// results the page shows.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlwb::state {

struct ExportRow {
    std::string field;  // dotted path: "inputs.alpha", "latency_ms.p99", "formula[2].text"
    std::string value;  // numbers in their shortest exact form; lists joined by "; "
};

// Every scalar of the results, depth first in the JSON's key order. Lists of up to 16 scalars
// become one row; lists of objects up to 40 items are expanded item by item; longer lists (plot
// series, per-row data) become one row saying how many items the JSON export holds.
std::vector<ExportRow> flatten_results(const nlohmann::json& results);

std::string results_csv(const nlohmann::json& results);                           // header "field,value"
std::string results_markdown(const std::string& title, const nlohmann::json& results);  // "# title" + table

struct ReportPlot {
    std::string title;
    std::string png_data_url;  // "data:image/png;base64,..." (anything else is left out)
};

struct ReportInfo {
    std::string title;          // "A/B test power"
    std::string app_link;       // the link that reopens exactly this state in the app
    std::string generated_on;   // free text from the page ("2026-11-23 14:05"); may be empty
    std::vector<ReportPlot> plots;
};

// One HTML file with its styles inline and no external requests: the inputs, the results, the
// method notes (formula steps, notes and warnings the results carry), the plots and the link.
std::string results_html_report(const ReportInfo& info, const nlohmann::json& results);

}  // namespace mlwb::state
