// Drift from pre-aggregated histograms, for data bigger than a browser tab: counts per bin or
// category computed anywhere (a SQL GROUP BY over the warehouse; docs/drift.md has the query)
// and pasted or loaded as JSON:
//
//   {"columns": [
//     {"name": "amount", "kind": "numeric", "edges": [0, 10, 50, 100, 1000],
//      "reference": [120, 340, 200, 40], "current": [100, 300, 260, 70]},
//     {"name": "country", "kind": "categorical", "categories": ["DE", "FR", "US"],
//      "reference": [500, 300, 200], "current": [450, 280, 320],
//      "reference_missing": 3, "current_missing": 0}]}
//
// Only the metrics defined on counts can be computed: PSI, KL, Jensen–Shannon, Hellinger on the
// given bins, chi-square and (two bins) the z-test; the default test is chi-square (z for two
// bins) up to 1000 reference rows, Jensen–Shannon above, as Evidently chooses for categories.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "drift/drift_analysis.hpp"
#include "drift/drift_settings.hpp"

namespace mlwb::drift {

// Never throws. Problems (a column without counts, lengths that disagree, negative counts) skip
// that column with a message in `errors`; an unusable document gives an empty result.
DriftResult histogram_drift(const nlohmann::json& doc, const DriftSettings& settings, std::vector<std::string>& errors);

// Parses text first (a syntax error becomes one message).
DriftResult histogram_drift_text(std::string_view text, const DriftSettings& settings, std::vector<std::string>& errors);

}  // namespace mlwb::drift
