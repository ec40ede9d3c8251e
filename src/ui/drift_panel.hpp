// The Drift lens panel: where the data comes from (synthetic, two CSV files or one split by
// time, pre-aggregated histograms), the comparison's settings, then the verdict, the column
// table, the selected column in detail, the time-window heat map, data quality and exports.
//
// Files are read in the page and never leave it. Large files arrive in chunks (the platform
// reads a File in 1 MB slices, one per frame) and are parsed as they come, with progress; the
// analysis then runs in pieces within a frame budget, so the page keeps answering.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "drift/csv_reader.hpp"
#include "drift/drift_analysis.hpp"
#include "drift/drift_report.hpp"
#include "drift/synthetic.hpp"
#include "number_field.hpp"
#include "state/drift_state.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

constexpr double kDriftFrameBudgetMs = 8.0;
// Largest file the lens reads: 1M rows of 20 columns is ~150 MB of CSV.
constexpr std::size_t kMaxDriftFileBytes = 512ull * 1024 * 1024;

enum class DriftSlotId { Reference = 0, Current = 1 };

// One CSV file: being read, read, or failed.
struct DriftDataSlot {
    std::string name;
    std::size_t bytes_total = 0;
    std::unique_ptr<drift::CsvReader> reader;  // while loading
    drift::Table table;
    bool loading = false;
    bool loaded = false;
    std::string error;
    unsigned long long version = 0;  // bumped when `table` changes
};

struct DriftPanel {
    DriftDataSlot slots[2];
    int stream_slot = -1;            // the slot receiving the file being streamed
    int picking_slot = -1;           // the slot whose "Choose file" opened the picker
    bool single_file = false;        // files: one file split by the time column
    std::string paste_text;          // CSV (or histogram JSON) typed or pasted into the page
    std::string paste_error;
    std::string histogram_text;      // the histogram JSON in use
    std::vector<std::string> histogram_errors;

    // Synthetic data generated for `synthetic_for` (preset, seed, rows).
    drift::SyntheticData synthetic;
    state::DriftState synthetic_for;
    bool has_synthetic = false;

    // The analysis, for the data and settings it was started with.
    std::unique_ptr<drift::DriftAnalysis> analysis;
    std::string analysis_key;        // what it runs for: source, data versions, settings
    drift::DriftResult result;
    bool has_result = false;
    bool running = false;
    double analysis_ms = 0;          // wall time of the last complete analysis
    std::chrono::steady_clock::time_point started;
    drift::DataSource reference_source, current_source;
    unsigned long long results_version = 0, results_built_for = ~0ull;
    nlohmann::json results;

    // View.
    int selected = -1;               // index into result.columns
    int selected_window = -1;        // heat map cell picked, or -1
    NumberField threshold_field, share_field, seed_field, rows_field, column_threshold_field;
    std::string window_text, window_error;  // the window as typed, and why it was refused
    bool window_editing = false;
    std::string message;             // the last thing the panel wants the user to know (a load, an export)
};

// Draws the panel and advances loading and analysis. Returns true when the user committed a
// change to the drift state.
bool draw_drift_panel(DriftPanel& panel, state::DriftState& state, PageRequests& page);

// Work is pending (a file streaming in, an analysis running): keep frames coming.
bool drift_panel_busy(const DriftPanel& panel);

// The report JSON of the current result (what window.mlwb.results() gives), or a JSON saying
// why there is none yet.
const nlohmann::json& drift_panel_results(DriftPanel& panel, const state::DriftState& state);

// ---- data in (the platform calls these; tests too) ----------------------------------------

// Starts reading a CSV into a slot (the first empty one if `slot` < 0; the current one when
// both are full). Returns false (with panel.message) when the file cannot be taken.
bool begin_drift_file(DriftPanel& panel, state::DriftState& state, int slot, const std::string& name,
                      std::size_t bytes_total);
void feed_drift_file(DriftPanel& panel, std::string_view chunk);
void end_drift_file(DriftPanel& panel);
// A whole file or pasted text at once (CSV, or histogram JSON when it starts with '{').
void load_drift_text(DriftPanel& panel, state::DriftState& state, int slot, const std::string& name,
                     std::string_view text);

// Brings the data and analysis up to date with `state`, then steps the analysis for at most
// `budget_ms`. Separate from drawing so tests can drive it.
void advance_drift(DriftPanel& panel, const state::DriftState& state, double budget_ms = kDriftFrameBudgetMs);

}  // namespace mlwb::ui
