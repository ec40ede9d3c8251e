// The drift report in the forms people take away: JSON (the CLI's --json, window.mlwb.results()
// and the UI's export; its names are fixed by the issue that specified the lens), a CSV of the
// metrics (one row per column) and a Markdown summary for a pull request or a wiki page.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "drift/drift_analysis.hpp"

namespace mlwb::drift {

// Where the data came from, for the report's header (file names and reader findings).
struct DataSource {
    std::string name;          // file name, "pasted", "synthetic: ..."
    std::size_t rows = 0, columns = 0;
    std::size_t problems = 0;  // parse problems found by the reader
};

// A statistic for people: 4 significant digits, small values in scientific notation, "n/a"
// for NaN and "inf" for infinity (the Markdown summary and the panel).
std::string short_number(double v);

nlohmann::json drift_report_json(const DriftResult& r, const DataSource& reference, const DataSource& current);
std::string drift_metrics_csv(const DriftResult& r);
std::string drift_markdown(const DriftResult& r, const DataSource& reference, const DataSource& current);

}  // namespace mlwb::drift
