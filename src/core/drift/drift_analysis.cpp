#include "drift/drift_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mlwb::drift {
namespace {

const ColumnSetting* setting_for(const DriftSettings& s, const std::string& name) {
    for (const auto& c : s.per_column)
        if (c.name == name) return &c;
    return nullptr;
}

int column_index(const Table& t, const std::string& name) {
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        if (t.columns[i].name == name) return static_cast<int>(i);
    return -1;
}

ColumnChoice choice_for(const DriftSettings& s, const ColumnSetting* c) {
    ColumnChoice choice;
    if (c && !c->test.empty()) {
        choice.test = stat_test_from_key(c->test);
        choice.threshold = c->threshold;
    } else if (!s.stat_test.empty()) {
        choice.test = stat_test_from_key(s.stat_test);
        choice.threshold = s.threshold;
    }
    if (c && !std::isnan(c->threshold)) choice.threshold = c->threshold;
    return choice;
}

void count_verdict(const std::vector<ColumnDrift>& cols, std::size_t& tested, std::size_t& drifted) {
    tested = drifted = 0;
    for (const auto& c : cols) {
        if (!c.skipped.empty()) continue;
        ++tested;
        if (c.drift_detected) ++drifted;
    }
}

}  // namespace

void apply_correction(std::vector<ColumnDrift>& columns, Correction correction) {
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        columns[i].pvalue_adjusted = kNotComputed;
        if (columns[i].skipped.empty() && is_pvalue_test(columns[i].test) && !std::isnan(columns[i].score))
            idx.push_back(i);
    }
    const double m = double(idx.size());
    if (correction == Correction::Bonferroni) {
        for (std::size_t i : idx) columns[i].pvalue_adjusted = std::min(1.0, columns[i].score * m);
    } else if (correction == Correction::BenjaminiHochberg && !idx.empty()) {
        // Step-up: adjusted p of rank k is min over ranks j >= k of p_(j) * m / j.
        std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return columns[a].score < columns[b].score; });
        double running = 1.0;
        for (std::size_t k = idx.size(); k-- > 0;) {
            running = std::min(running, columns[idx[k]].score * m / double(k + 1));
            columns[idx[k]].pvalue_adjusted = std::min(1.0, running);
        }
    }
    for (auto& c : columns)
        if (c.skipped.empty()) decide_column(c);
}

DriftAnalysis::DriftAnalysis(const Table& reference, const Table* current, DriftSettings settings)
    : reference_(reference), current_(current ? *current : reference), single_table_(current == nullptr),
      settings_(std::move(settings)) {
    plan();
}

void DriftAnalysis::plan() {
    result_.drift_share = settings_.drift_share;
    result_.correction = settings_.correction;
    result_.time_column = settings_.time_column;
    result_.window = settings_.window;

    if (!settings_.time_column.empty()) {
        WindowSpec spec;
        std::string error;
        if (!parse_window(settings_.window, spec, error))
            result_.windows_error = error;
        else
            result_.windows_error = split_windows(current_, settings_.time_column, spec, windows_);
        if (!result_.windows_error.empty()) windows_.clear();
    }
    if (single_table_) {
        const std::size_t ref_windows = static_cast<std::size_t>(std::max(1, settings_.reference_windows));
        if (windows_.size() < ref_windows + 1 && result_.windows_error.empty())
            result_.windows_error = "one file needs a time column with at least " + std::to_string(ref_windows + 1) +
                                    " windows (the first " + std::to_string(ref_windows) +
                                    " as the reference); it has " + std::to_string(windows_.size());
        if (!result_.windows_error.empty()) windows_.clear();
        for (std::size_t w = 0; w < windows_.size(); ++w) {
            auto& dest = w < ref_windows ? reference_window_rows_ : current_window_rows_;
            dest.insert(dest.end(), windows_[w].rows.begin(), windows_[w].rows.end());
        }
        std::sort(reference_window_rows_.begin(), reference_window_rows_.end());
        std::sort(current_window_rows_.begin(), current_window_rows_.end());
    }

    // Columns: the reference's order; by default those present in both, minus the time column.
    for (const auto& col : reference_.columns) {
        if (col.name == settings_.time_column) continue;
        if (!settings_.columns.empty() &&
            std::find(settings_.columns.begin(), settings_.columns.end(), col.name) == settings_.columns.end())
            continue;
        const ColumnSetting* s = setting_for(settings_, col.name);
        if (s && s->skip) continue;
        if (col.type == ColumnType::Datetime && settings_.columns.empty()) {
            // Times say when a row was taken, not what it holds (Evidently leaves them out too).
            result_.notes.push_back("'" + col.name + "' holds dates and times: used only for windows, not compared");
            continue;
        }
        const int cur = column_index(current_, col.name);
        if (cur < 0) {
            result_.quality.push_back({col.name, "only_in_reference", "missing from the current data", 0});
            continue;
        }
        Job job;
        job.ref_index = static_cast<std::size_t>(&col - reference_.columns.data());
        job.cur_index = static_cast<std::size_t>(cur);
        job.kind = (s && s->as_category) ? ColumnKind::Categorical : default_kind(col.type);
        job.choice = choice_for(settings_, s);
        jobs_.push_back(job);
    }
    if (!single_table_)
        for (const auto& col : current_.columns)
            if (col.name != settings_.time_column && column_index(reference_, col.name) < 0)
                result_.quality.push_back({col.name, "only_in_current", "not in the reference data", 0});
    for (const auto& name : settings_.columns)
        if (column_index(reference_, name) < 0) result_.notes.push_back("no column named '" + name + "'");

    result_.reference_rows = single_table_ ? reference_window_rows_.size() : reference_.rows;
    result_.current_rows = single_table_ ? current_window_rows_.size() : current_.rows;
    if (single_table_ && windows_.empty()) {
        // Nothing to compare: report the reason and stop.
        if (result_.windows_error.empty()) result_.windows_error = "one file needs a time column to split";
        result_.notes.push_back(result_.windows_error);
        jobs_.clear();
    }
    // Pieces: per column, preparation plus about seven metric groups; per window and column one.
    pieces_planned_ = std::max<std::size_t>(1, jobs_.size() * 8 + windows_.size() * jobs_.size());
    if (jobs_.empty()) finish();
}

RowSelection DriftAnalysis::reference_rows() const {
    if (!single_table_) return RowSelection{};
    return RowSelection{false, reference_window_rows_};
}

void DriftAnalysis::step() {
    if (stage_ == Stage::Columns)
        step_column();
    else if (stage_ == Stage::Windows)
        step_window();
}

void DriftAnalysis::run() {
    while (!done()) step();
}

double DriftAnalysis::progress() const {
    if (done()) return 1.0;
    return std::min(0.99, double(pieces_done_) / double(pieces_planned_));
}

void DriftAnalysis::step_column() {
    const Job& job = jobs_[column_];
    const Column& ref = reference_.columns[job.ref_index];
    const Column& cur = current_.columns[job.cur_index];
    if (!prepared_) {
        const RowSelection ref_rows = reference_rows();
        const RowSelection cur_rows = single_table_ ? RowSelection{false, current_window_rows_} : RowSelection{};
        ColumnDrift d;
        const std::string why = make_column_pair(ref, ref_rows, cur, cur_rows, job.kind, pair_);
        if (!why.empty()) {
            d.name = ref.name;
            d.type = column_type_name(ref.type);
            d.kind = job.kind;
            d.skipped = why;
            result_.quality.push_back({ref.name, "not_compared", why, 0});
            if (ref.type != cur.type && comparable(ref.type) && comparable(cur.type))
                result_.quality.push_back({ref.name, "type_change",
                                           std::string(column_type_name(ref.type)) + " in the reference, " +
                                               column_type_name(cur.type) + " now",
                                           0});
            result_.columns.push_back(std::move(d));
            result_.views.emplace_back();
            pieces_done_ += 8;
            if (++column_ == jobs_.size()) stage_ = windows_.empty() ? (finish(), Stage::Done) : Stage::Windows;
            return;
        }
        d = start_column_drift(pair_, job.choice);
        groups_ = metric_groups(d, true);
        group_ = 0;
        quality_of_pair(pair_, result_.quality);
        result_.columns.push_back(std::move(d));
        result_.views.push_back(make_column_view(pair_));
        prepared_ = true;
        ++pieces_done_;
        return;
    }
    ColumnDrift& d = result_.columns.back();
    if (group_ < groups_.size()) {
        compute_metric_group(pair_, groups_[group_++], d);
        ++pieces_done_;
        return;
    }
    decide_column(d);
    pieces_done_ += 8 > groups_.size() + 1 ? 8 - groups_.size() - 1 : 0;
    prepared_ = false;
    pair_ = ColumnPair{};  // free the samples before the next column
    if (++column_ == jobs_.size()) {
        apply_correction(result_.columns, settings_.correction);
        if (windows_.empty()) {
            finish();
            stage_ = Stage::Done;
        } else {
            stage_ = Stage::Windows;
            column_ = 0;
            window_ = 0;
            result_.windows.resize(windows_.size());
        }
    }
}

void DriftAnalysis::step_window() {
    const std::size_t ref_windows = static_cast<std::size_t>(std::max(1, settings_.reference_windows));
    WindowDrift& wd = result_.windows[window_];
    const Window& win = windows_[window_];
    if (wd.scores.empty()) {
        wd.label = win.label;
        wd.rows = win.rows.size();
        wd.is_reference = single_table_ && window_ < ref_windows;
        wd.scores.assign(jobs_.size(), kNotComputed);
        wd.drifted.assign(jobs_.size(), 0);
    }
    const ColumnDrift& whole = result_.columns[column_];
    if (whole.skipped.empty()) {
        const Job& job = jobs_[column_];
        RowSelection ref_rows{};
        if (single_table_) {
            if (wd.is_reference) {
                scratch_rows_.clear();
                std::set_difference(reference_window_rows_.begin(), reference_window_rows_.end(), win.rows.begin(),
                                    win.rows.end(), std::back_inserter(scratch_rows_));
                ref_rows = RowSelection{false, scratch_rows_};
            } else {
                ref_rows = RowSelection{false, reference_window_rows_};
            }
        }
        ColumnPair pair;
        const std::string why = make_column_pair(reference_.columns[job.ref_index], ref_rows,
                                                 current_.columns[job.cur_index], RowSelection{false, win.rows},
                                                 job.kind, pair);
        if (why.empty()) {
            // The whole comparison's test and threshold, so one column's cells are comparable.
            ColumnChoice choice;
            choice.test = whole.test;
            choice.threshold = whole.threshold;
            const ColumnDrift cell = column_drift(pair, choice, false);
            wd.scores[column_] = cell.score;
            wd.drifted[column_] = cell.drift_detected ? 1 : 0;
        }
    }
    ++pieces_done_;
    if (++column_ < jobs_.size()) return;
    column_ = 0;
    // The window's verdict, with the same correction as the whole comparison.
    std::vector<ColumnDrift> cells;
    for (std::size_t c = 0; c < jobs_.size(); ++c) {
        ColumnDrift cell;
        cell.test = result_.columns[c].test;
        cell.threshold = result_.columns[c].threshold;
        cell.skipped = std::isnan(wd.scores[c]) ? "not tested" : "";
        cell.metrics.*metric_member(cell.test) = wd.scores[c];  // where decide_column reads it
        cells.push_back(std::move(cell));
    }
    apply_correction(cells, settings_.correction);
    std::size_t tested = 0, drifted = 0;
    count_verdict(cells, tested, drifted);
    for (std::size_t c = 0; c < cells.size(); ++c) wd.drifted[c] = cells[c].drift_detected ? 1 : 0;
    wd.share = tested ? double(drifted) / double(tested) : 0;
    wd.detected = tested > 0 && wd.share >= settings_.drift_share;
    if (++window_ == windows_.size()) {
        finish();
        stage_ = Stage::Done;
    }
}

void summarize_dataset(DriftResult& r) {
    count_verdict(r.columns, r.tested, r.drifted);
    r.share = r.tested ? double(r.drifted) / double(r.tested) : 0;
    r.detected = r.tested > 0 && r.share >= r.drift_share;
}

void DriftAnalysis::finish() {
    summarize_dataset(result_);
    stage_ = Stage::Done;
}

}  // namespace mlwb::drift
