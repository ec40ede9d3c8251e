// The Drift lens's views, drawn by drift_panel.cpp: data sources and settings
// (drift_inputs_view.cpp), and the verdict, table, details, heat map, quality and exports
// (drift_results_view.cpp).
#pragma once

#include "drift_panel.hpp"

namespace mlwb::ui {

// Each returns true when the user committed a change to the state.
bool draw_drift_data(DriftPanel& panel, state::DriftState& state, PageRequests& page);
bool draw_drift_settings(DriftPanel& panel, state::DriftState& state);
bool draw_drift_results(DriftPanel& panel, state::DriftState& state, PageRequests& page);

// The data the state's source points at: both tables (current null for one file split by time).
struct DriftData {
    const drift::Table* reference = nullptr;
    const drift::Table* current = nullptr;
    bool ready = false;
    std::string missing;  // what the user still has to provide
};
DriftData drift_data(const DriftPanel& panel, const state::DriftState& state);

// How far past its threshold a score is: 1 at the threshold, above 1 when drifted, in the
// test's direction (p-values on a log scale). NaN for no score. Sorting and colours use it.
double drift_severity(drift::StatTest test, double score, double threshold);

}  // namespace mlwb::ui
