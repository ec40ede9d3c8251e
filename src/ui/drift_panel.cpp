#include "drift_panel.hpp"

#include <algorithm>
#include <cmath>

#include "drift/histogram_input.hpp"
#include "drift_views.hpp"
#include "imgui.h"
#include "state/drift_state.hpp"

namespace mlwb::ui {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string settings_key(const drift::DriftSettings& s) {
    nlohmann::json j = state::drift_state_to_json([&] {
        state::DriftState d;
        d.settings = s;
        return d;
    }());
    return j.dump();
}

void ensure_synthetic(DriftPanel& p, const state::DriftState& s) {
    if (p.has_synthetic && p.synthetic_for.preset == s.preset && p.synthetic_for.seed == s.seed &&
        p.synthetic_for.rows == s.rows)
        return;
    p.synthetic = drift::generate_synthetic(state::synthetic_spec(s));
    p.synthetic_for = s;
    p.has_synthetic = true;
}

// Everything the analysis depends on, as one string: a change restarts it.
std::string analysis_key(const DriftPanel& p, const state::DriftState& s) {
    std::string key = state::key_of(s.source);
    if (s.source == state::DriftSource::Synthetic)
        key += "|" + s.preset + "|" + std::to_string(s.seed) + "|" + std::to_string(s.rows);
    else if (s.source == state::DriftSource::Files)
        key += "|" + std::to_string(p.slots[0].version) + "|" + std::to_string(p.slots[1].version) + "|" +
               (p.single_file ? "1" : "2");
    else
        key += "|" + std::to_string(std::hash<std::string>{}(p.histogram_text));
    return key + "|" + settings_key(s.settings);
}

drift::DataSource source_of(const DriftDataSlot& slot) {
    return {slot.name, slot.table.rows, slot.table.columns.size(), slot.table.problem_count};
}

}  // namespace

DriftData drift_data(const DriftPanel& p, const state::DriftState& s) {
    DriftData d;
    if (s.source == state::DriftSource::Synthetic) {
        if (!p.has_synthetic) return d;
        d.reference = &p.synthetic.reference;
        d.current = &p.synthetic.current;
        d.ready = true;
        return d;
    }
    if (s.source == state::DriftSource::Histograms) {
        d.ready = !p.histogram_text.empty();
        if (!d.ready) d.missing = "Paste or load a histogram JSON file.";
        return d;
    }
    const DriftDataSlot& ref = p.slots[0];
    const DriftDataSlot& cur = p.slots[1];
    if (!ref.loaded) {
        d.missing = p.single_file ? "Load a CSV file to split by its time column."
                                  : "Load a reference CSV file (the data the model was trained or validated on).";
        return d;
    }
    d.reference = &ref.table;
    if (p.single_file) {
        d.ready = !s.settings.time_column.empty();
        if (!d.ready) d.missing = "Choose the time column that splits the file into windows.";
        return d;
    }
    if (!cur.loaded) {
        d.missing = "Load the current CSV file (the data the model sees now).";
        return d;
    }
    d.current = &cur.table;
    d.ready = true;
    return d;
}

double drift_severity(drift::StatTest test, double score, double threshold) {
    if (std::isnan(score) || std::isnan(threshold)) return std::nan("");
    if (drift::is_pvalue_test(test)) {
        // p = threshold -> 1; each decade below it adds as much again.
        const double p = std::max(score, 1e-300), t = std::clamp(threshold, 1e-300, 0.999999);
        return std::log(p) / std::log(t);
    }
    if (std::isinf(score)) return 1e9;
    return threshold > 0 ? score / threshold : (score > 0 ? 1e9 : 0);
}

bool begin_drift_file(DriftPanel& p, state::DriftState& s, int slot, const std::string& name, std::size_t bytes) {
    if (bytes > kMaxDriftFileBytes) {
        p.message = "Not loaded: '" + name + "' is " + std::to_string(bytes >> 20) + " MB; the lens reads files up to " +
                    std::to_string(kMaxDriftFileBytes >> 20) + " MB. Aggregate larger data to histograms (see the help).";
        return false;
    }
    if (slot < 0) slot = !p.slots[0].loaded && !p.slots[0].loading ? 0 : (p.single_file ? 0 : 1);
    slot = std::clamp(slot, 0, 1);
    DriftDataSlot& d = p.slots[slot];
    // No size hint here: reserving a whole file's columns at once zero-fills them in one frame
    // (a one-second stall for 100 MB, bench/drift_frames.mjs); growing block by block keeps
    // every frame short at the price of one copy at the end.
    d = DriftDataSlot{std::string(name), bytes, std::make_unique<drift::CsvReader>(), {}, true, false, {}, d.version + 1};
    p.stream_slot = slot;
    s.source = state::DriftSource::Files;
    p.message.clear();
    return true;
}

void feed_drift_file(DriftPanel& p, std::string_view chunk) {
    if (p.stream_slot < 0) return;
    DriftDataSlot& d = p.slots[p.stream_slot];
    if (d.reader) d.reader->feed(chunk);
}

void end_drift_file(DriftPanel& p) {
    if (p.stream_slot < 0) return;
    DriftDataSlot& d = p.slots[p.stream_slot];
    p.stream_slot = -1;
    if (!d.reader) return;
    d.table = d.reader->finish();
    d.reader.reset();
    d.loading = false;
    d.loaded = !d.table.columns.empty();
    d.error = d.loaded ? "" : "'" + d.name + "' has no columns: is it a CSV file?";
    ++d.version;
}

void load_drift_text(DriftPanel& p, state::DriftState& s, int slot, const std::string& name, std::string_view text) {
    std::size_t first = 0;
    while (first < text.size() && (text[first] == ' ' || text[first] == '\n' || text[first] == '\r' || text[first] == '\t'))
        ++first;
    if (first < text.size() && text[first] == '{') {  // pre-aggregated histograms
        p.histogram_text = std::string(text);
        s.source = state::DriftSource::Histograms;
        p.message = "Read histograms from '" + name + "'.";
        return;
    }
    if (!begin_drift_file(p, s, slot, name, text.size())) return;
    feed_drift_file(p, text);
    end_drift_file(p);
}

void advance_drift(DriftPanel& p, const state::DriftState& s, double budget_ms) {
    if (s.source == state::DriftSource::Synthetic) ensure_synthetic(p, s);
    const DriftData data = drift_data(p, s);
    if (!data.ready) {
        if (p.analysis || p.has_result) {
            p.analysis.reset();
            p.has_result = false;
            p.running = false;
            p.analysis_key.clear();
            ++p.results_version;
        }
        return;
    }
    const std::string key = analysis_key(p, s);
    if (key != p.analysis_key) {
        p.analysis_key = key;
        p.analysis.reset();
        p.selected_window = -1;
        p.started = Clock::now();
        if (s.source == state::DriftSource::Histograms) {
            p.histogram_errors.clear();
            p.result = drift::histogram_drift_text(p.histogram_text, s.settings, p.histogram_errors);
            p.reference_source = {"histograms (reference counts)", p.result.reference_rows, p.result.columns.size(), 0};
            p.current_source = {"histograms (current counts)", p.result.current_rows, p.result.columns.size(), 0};
            p.has_result = true;
            p.running = false;
            p.analysis_ms = ms_since(p.started);
            ++p.results_version;
            return;
        }
        p.analysis = std::make_unique<drift::DriftAnalysis>(*data.reference, data.current, s.settings);
        if (s.source == state::DriftSource::Synthetic) {
            p.reference_source = state::synthetic_source(s, *data.reference);
            p.current_source = state::synthetic_source(s, *data.current);
        } else {
            p.reference_source = source_of(p.slots[0]);
            p.current_source = p.single_file ? p.reference_source : source_of(p.slots[1]);
        }
        p.running = true;
    }
    if (!p.analysis || !p.running) return;
    const Clock::time_point start = Clock::now();
    do {
        p.analysis->step();
    } while (!p.analysis->done() && ms_since(start) < budget_ms);
    if (p.analysis->done()) {
        p.result = p.analysis->result();
        p.has_result = true;
        p.running = false;
        p.analysis_ms = ms_since(p.started);
        p.analysis.reset();
        ++p.results_version;
        if (p.selected >= static_cast<int>(p.result.columns.size())) p.selected = -1;
    }
}

bool drift_panel_busy(const DriftPanel& p) { return p.running || p.stream_slot >= 0; }

const nlohmann::json& drift_panel_results(DriftPanel& p, const state::DriftState& s) {
    if (p.results_built_for == p.results_version) return p.results;
    p.results_built_for = p.results_version;
    if (p.has_result) {
        p.results = drift::drift_report_json(p.result, p.reference_source, p.current_source);
        p.results["analysis_ms"] = p.analysis_ms;
    } else {
        const DriftData data = drift_data(p, s);
        p.results = {{"instrument", "drift"}, {"ok", false},
                     {"error", data.ready ? "the analysis is running" : data.missing}};
    }
    return p.results;
}

// Files that lack the time column the state names (by default the synthetic data's
// "timestamp"): use the file's first date-time column instead, or none, rather than greet the
// user's own data with an error about a column it never had.
bool adopt_time_column(const DriftPanel& p, state::DriftState& s) {
    if (s.source != state::DriftSource::Files || !p.slots[0].loaded || s.settings.time_column.empty()) return false;
    const auto& cols = p.slots[0].table.columns;
    for (const auto& c : cols)
        if (c.name == s.settings.time_column) return false;
    std::string found;
    for (const auto& c : cols)
        if (c.type == drift::ColumnType::Datetime) {
            found = c.name;
            break;
        }
    if (found.empty() && !p.single_file) {
        s.settings.time_column.clear();
        return true;
    }
    if (found.empty()) return false;  // one file needs a time column: the panel asks for one
    s.settings.time_column = found;
    return true;
}

bool draw_drift_panel(DriftPanel& p, state::DriftState& s, PageRequests& page) {
    bool committed = adopt_time_column(p, s);
    advance_drift(p, s);
    const bool wide = ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 46.0f;
    ImGui::PushTextWrapPos(0.0f);
    if (wide && ImGui::BeginTable("drift_layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("inputs", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 22.0f);
        ImGui::TableSetupColumn("results", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        committed |= draw_drift_data(p, s, page);
        committed |= draw_drift_settings(p, s);
        ImGui::TableNextColumn();
        committed |= draw_drift_results(p, s, page);
        ImGui::EndTable();
    } else {
        // Narrow: the data first (nothing to show without it), then the answer, then settings.
        committed |= draw_drift_data(p, s, page);
        committed |= draw_drift_results(p, s, page);
        committed |= draw_drift_settings(p, s);
    }
    ImGui::PopTextWrapPos();
    // An edit restarts the analysis now, so the next frame already works on the new settings.
    if (committed) advance_drift(p, s, 0.0);
    return committed;
}

}  // namespace mlwb::ui
