// A whole drift comparison: every column of the reference against the same column of the
// current data, the dataset verdict, the quality findings and, with a time column, the drift of
// every column in every window. It runs in pieces (a column's preparation, one metric group,
// one window cell) so the browser can spread a million rows over frames; the CLI calls run().
//
// Two tables: reference vs current; windows (if any) split the current table, each compared
// with the whole reference. One table (`current` null) with a time column: the first
// `reference_windows` windows are the reference and the rest the current data; each window is
// compared with the reference, a reference window with the reference minus itself (as NannyML
// does with its chunks), so no window is compared with itself.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "drift/column_drift.hpp"
#include "drift/column_view.hpp"
#include "drift/csv_reader.hpp"
#include "drift/drift_settings.hpp"
#include "drift/quality.hpp"
#include "drift/windows.hpp"

namespace mlwb::drift {

struct WindowDrift {
    std::string label;
    std::size_t rows = 0;
    bool is_reference = false;
    std::vector<double> scores;    // per column of DriftResult::columns (NaN: not tested)
    std::vector<char> drifted;     // per column
    double share = 0;              // drifted / tested in this window
    bool detected = false;
};

struct DriftResult {
    std::vector<ColumnDrift> columns;  // in the order of the reference file
    std::vector<ColumnView> views;     // aligned with columns (empty view for a skipped column)
    std::size_t tested = 0, drifted = 0;
    double share = 0;
    bool detected = false;
    double drift_share = 0.5;
    Correction correction = Correction::None;
    std::vector<QualityFinding> quality;
    std::vector<WindowDrift> windows;
    std::string time_column, window;
    std::string windows_error;         // why there are no windows, when a time column was asked for
    std::size_t reference_rows = 0, current_rows = 0;
    std::vector<std::string> notes;
};

class DriftAnalysis {
public:
    // The tables must outlive the analysis. `current` null: one table split by its time column.
    DriftAnalysis(const Table& reference, const Table* current, DriftSettings settings);

    bool done() const { return stage_ == Stage::Done; }
    void step();               // one piece of work; nothing once done
    void run();                // every remaining piece
    double progress() const;   // 0..1, by pieces
    const DriftResult& result() const { return result_; }  // complete once done()

private:
    enum class Stage { Columns, Windows, Done };
    struct Job {
        std::size_t ref_index = 0, cur_index = 0;  // columns in the two tables
        ColumnKind kind = ColumnKind::Numeric;
        ColumnChoice choice;
    };
    void plan();
    void step_column();
    void step_window();
    void finish();
    RowSelection reference_rows() const;  // the whole comparison's reference rows

    const Table& reference_;
    const Table& current_;
    bool single_table_;
    DriftSettings settings_;
    DriftResult result_;
    std::vector<Job> jobs_;
    std::vector<Window> windows_;
    std::vector<std::uint32_t> reference_window_rows_;  // one table: the rows of the reference windows
    std::vector<std::uint32_t> current_window_rows_;    // one table: the rows of the later windows
    std::vector<std::uint32_t> scratch_rows_;
    Stage stage_ = Stage::Columns;
    std::size_t column_ = 0, window_ = 0;
    ColumnPair pair_;
    std::vector<MetricGroup> groups_;
    std::size_t group_ = 0;
    bool prepared_ = false;
    std::size_t pieces_done_ = 0, pieces_planned_ = 1;
};

// Applies the correction to the p-value tests among `columns` (tested ones only) and decides
// each column again; then counts drifted columns.
void apply_correction(std::vector<ColumnDrift>& columns, Correction correction);

// The dataset verdict from the columns' verdicts: tested, drifted, share, detected.
void summarize_dataset(DriftResult& r);

}  // namespace mlwb::drift
