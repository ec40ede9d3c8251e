// The Drift lens's inputs: where the data comes from and how columns are compared. Files are
// read in the page (the platform streams them in); what the reader found wrong is listed with
// line numbers beside the file. Settings go through drift::validate before they enter the state.
#include <cmath>
#include <cstdio>
#include <string>

#include "drift/stat_tests.hpp"
#include "drift/synthetic.hpp"
#include "drift_views.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "widgets.hpp"

namespace mlwb::ui {
namespace {

constexpr const char* kCsvAccept = ".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,text/plain,application/json";

std::string size_text(std::size_t bytes) {
    char buf[32];
    if (bytes >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / (1 << 20));
    else std::snprintf(buf, sizeof buf, "%.1f kB", double(bytes) / 1024);
    return buf;
}

bool draw_source_choice(state::DriftState& s) {
    bool changed = false;
    const struct {
        state::DriftSource source;
        const char* label;
        const char* help;
    } options[] = {
        {state::DriftSource::Synthetic, "Synthetic", "Generated data with a known drift: for learning what each test sees."},
        {state::DriftSource::Files, "CSV files", "Your reference and current data, read in this tab and never uploaded."},
        {state::DriftSource::Histograms, "Histograms",
         "Counts per bin computed elsewhere (for example by SQL over a warehouse), for data too big for a browser."},
    };
    for (const auto& o : options) {
        if (ImGui::RadioButton(o.label, s.source == o.source) && s.source != o.source) {
            s.source = o.source;
            changed = true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", o.help);
        if (&o != &options[2]) ImGui::SameLine();
    }
    return changed;
}

bool draw_synthetic(DriftPanel& p, state::DriftState& s, PageRequests& page) {
    bool changed = false;
    const drift::SyntheticPreset* current = nullptr;
    for (const auto& preset : drift::synthetic_presets())
        if (s.preset == preset.key) current = &preset;
    field_label("Story", "Each preset is a drift a workshop can discuss: what changed, and which test notices.");
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##preset", current ? current->title : s.preset.c_str())) {
        for (const auto& preset : drift::synthetic_presets()) {
            if (ImGui::Selectable(preset.title, current == &preset) && s.preset != preset.key) {
                s.preset = preset.key;
                changed = true;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", preset.story);
        }
        ImGui::EndCombo();
    }
    if (current) muted_text(current->story);
    double seed = static_cast<double>(s.seed);
    const NumberValidator seed_ok = [](double v) -> std::string {
        return (v >= 0 && v <= 9007199254740991.0 && v == std::floor(v)) ? "" : "A whole number from 0 to 2^53.";
    };
    if (draw_number_field("Seed", "drift.seed", p.seed_field, seed, seed_ok,
                          "The same seed gives the same rows, here and in a shared link.")) {
        s.seed = static_cast<std::uint64_t>(seed);
        changed = true;
    }
    double rows = static_cast<double>(s.rows);
    const NumberValidator rows_ok = [](double v) -> std::string {
        return (v >= 10 && v <= 1'000'000 && v == std::floor(v)) ? "" : "A whole number from 10 to 1,000,000.";
    };
    if (draw_number_field("Rows per period", "drift.rows", p.rows_field, rows, rows_ok,
                          "Rows in the reference and in the current period; both are spread over 14 days.")) {
        s.rows = static_cast<std::size_t>(rows);
        changed = true;
    }
    if (p.has_synthetic) {
        if (ImGui::SmallButton("Download reference CSV"))
            page.downloads.push_back({"reference-" + s.preset + ".csv", "text/csv", drift::table_to_csv(p.synthetic.reference)});
        ImGui::SameLine();
        if (ImGui::SmallButton("Download current CSV"))
            page.downloads.push_back({"current-" + s.preset + ".csv", "text/csv", drift::table_to_csv(p.synthetic.current)});
    }
    return changed;
}

void draw_problems(const drift::Table& t) {
    if (t.problem_count == 0) return;
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    const std::string title = std::to_string(t.problem_count) + " problem" + (t.problem_count == 1 ? "" : "s") +
                              " while reading###problems";
    const bool open = ImGui::TreeNode(title.c_str());
    ImGui::PopStyleColor();
    if (!open) return;
    for (const auto& pr : t.problems)
        ImGui::TextWrapped("line %zu%s%s: %s", pr.line, pr.column.empty() ? "" : ", ", pr.column.c_str(), pr.message.c_str());
    if (t.problem_count > t.problems.size()) muted_text("... and " + std::to_string(t.problem_count - t.problems.size()) + " more");
    ImGui::TreePop();
}

void draw_slot(DriftPanel& p, int index, const char* title, PageRequests& page) {
    DriftDataSlot& slot = p.slots[index];
    ImGui::PushID(index);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    ImGui::SameLine(field_column());
    if (ImGui::Button("Choose file...")) {
        page.pick_file = true;
        page.pick_accept = kCsvAccept;
        p.picking_slot = index;
    }
    if (slot.loading) {
        const std::size_t read = slot.reader ? slot.reader->bytes_fed() : 0;
        const float fraction = slot.bytes_total ? float(double(read) / double(slot.bytes_total)) : 0.0f;
        const std::string label = size_text(read) + " of " + size_text(slot.bytes_total) + ", " +
                                  std::to_string(slot.reader ? slot.reader->rows_read() : 0) + " rows";
        ImGui::TextWrapped("Reading '%s'", slot.name.c_str());
        ImGui::ProgressBar(fraction, ImVec2(-1, 0), label.c_str());
    } else if (slot.loaded) {
        ImGui::TextWrapped("%s: %zu rows, %zu columns (delimiter '%s')", slot.name.c_str(), slot.table.rows,
                           slot.table.columns.size(), slot.table.delimiter == '\t' ? "tab" : std::string(1, slot.table.delimiter).c_str());
        draw_problems(slot.table);
    } else if (!slot.error.empty()) {
        error_text(slot.error);
    } else {
        muted_text("No file yet: choose one, drop it on the page, or paste below.");
    }
    ImGui::PopID();
}

bool draw_files(DriftPanel& p, state::DriftState& s, PageRequests& page) {
    bool changed = false;
    if (ImGui::Checkbox("One file, split by time", &p.single_file)) {
        changed = true;
        if (p.single_file && s.settings.time_column.empty()) s.settings.time_column = "timestamp";
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The first windows of the time column are the reference; each later window is compared with it.");
    draw_slot(p, 0, p.single_file ? "Data" : "Reference", page);
    if (!p.single_file) draw_slot(p, 1, "Current", page);
    ImGui::TextUnformatted("Or paste CSV text:");
    input_string_multiline("##paste", p.paste_text, ImVec2(-1, ImGui::GetTextLineHeight() * 4));
    const bool empty = p.paste_text.empty();
    ImGui::BeginDisabled(empty);
    if (ImGui::SmallButton(p.single_file ? "Use as data" : "Use as reference")) {
        load_drift_text(p, s, 0, "pasted", p.paste_text);
        p.paste_text.clear();
        changed = true;
    }
    if (!p.single_file) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Use as current")) {
            load_drift_text(p, s, 1, "pasted", p.paste_text);
            p.paste_text.clear();
            changed = true;
        }
    }
    ImGui::EndDisabled();
    return changed;
}

constexpr const char* kHistogramExample = R"({"columns": [
  {"name": "amount", "kind": "numeric", "edges": [0, 10, 50, 100, 1000],
   "reference": [1200, 3400, 2000, 400], "current": [1000, 3000, 2600, 700]},
  {"name": "country", "kind": "categorical", "categories": ["DE", "FR", "US"],
   "reference": [5000, 3000, 2000], "current": [4500, 2800, 3200]}]})";

bool draw_histograms(DriftPanel& p, state::DriftState& s, PageRequests& page) {
    bool changed = false;
    muted_text("Counts per bin or category for each column, computed anywhere (docs/drift.md has a SQL query that "
               "writes this JSON). KS, Wasserstein and the other tests on raw values need the rows themselves.");
    if (p.paste_text.empty() && p.histogram_text.empty()) p.paste_text = kHistogramExample;
    input_string_multiline("##histograms", p.paste_text, ImVec2(-1, ImGui::GetTextLineHeight() * 8));
    if (ImGui::SmallButton("Compare these histograms")) {
        p.histogram_text = p.paste_text;
        s.source = state::DriftSource::Histograms;
        changed = true;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Choose file...")) {
        page.pick_file = true;
        page.pick_accept = kCsvAccept;
        p.picking_slot = 0;
    }
    for (const auto& e : p.histogram_errors) error_text(e);
    return changed;
}

}  // namespace

bool draw_drift_data(DriftPanel& p, state::DriftState& s, PageRequests& page) {
    bool changed = false;
    begin_card();
    ImGui::TextUnformatted("Data");
    ImGui::PushStyleColor(ImGuiCol_Text, good_colour());
    ImGui::TextWrapped("Private: files are read by this page and never uploaded. No request leaves it after loading.");
    ImGui::PopStyleColor();
    changed |= draw_source_choice(s);
    switch (s.source) {
    case state::DriftSource::Synthetic: changed |= draw_synthetic(p, s, page); break;
    case state::DriftSource::Files: changed |= draw_files(p, s, page); break;
    case state::DriftSource::Histograms: changed |= draw_histograms(p, s, page); break;
    }
    if (!p.message.empty()) muted_text(p.message);
    end_card();
    return changed;
}

namespace {

// Column names of the loaded data, for the time-column combo.
std::vector<std::string> column_names(const DriftPanel& p, const state::DriftState& s) {
    std::vector<std::string> names;
    const DriftData data = drift_data(p, s);
    const drift::Table* t = data.reference ? data.reference : (p.slots[0].loaded ? &p.slots[0].table : nullptr);
    if (t)
        for (const auto& c : t->columns) names.push_back(c.name);
    return names;
}

bool commit_settings(state::DriftState& s, const drift::DriftSettings& trial, std::string& error) {
    const auto errors = drift::validate(trial);
    if (!errors.empty()) {
        error = errors.front().message;
        return false;
    }
    error.clear();
    s.settings = trial;
    return true;
}

}  // namespace

bool draw_drift_settings(DriftPanel& p, state::DriftState& s) {
    bool changed = false;
    std::string& window_error = p.window_error;
    begin_card();
    ImGui::TextUnformatted("Tests");
    drift::DriftSettings& d = s.settings;

    field_label("Test", "Evidently's rule picks a test per column from its type and size; or use one test for all.");
    ImGui::SetNextItemWidth(-1);
    const auto test = drift::stat_test_from_key(d.stat_test);
    if (ImGui::BeginCombo("##stat_test", test ? drift::stat_test_info(*test).title : "Default per column")) {
        if (ImGui::Selectable("Default per column", !test)) {
            d.stat_test.clear();
            d.threshold = std::nan("");
            changed = true;
        }
        for (const auto& t : drift::stat_tests())
            if (ImGui::Selectable(t.title, test == t.id) && d.stat_test != t.key) {
                d.stat_test = t.key;
                d.threshold = std::nan("");
                changed = true;
            }
        ImGui::EndCombo();
    }
    if (test) {
        double threshold = std::isnan(d.threshold) ? drift::stat_test_info(*test).default_threshold : d.threshold;
        const NumberValidator ok = [](double v) -> std::string { return v >= 0 && std::isfinite(v) ? "" : "A number >= 0."; };
        if (draw_number_field("Threshold", "drift.threshold", p.threshold_field, threshold, ok,
                              drift::is_pvalue_test(*test) ? "Drift when the p-value is below this."
                                                           : "Drift when the distance reaches this.")) {
            d.threshold = threshold;
            changed = true;
        }
    }
    const NumberValidator share_ok = [](double v) -> std::string {
        return v > 0 && v <= 1 ? "" : "A share above 0 and at most 1.";
    };
    if (draw_number_field("Drift share", "drift.drift_share", p.share_field, d.drift_share, share_ok,
                          "The dataset drifts when at least this share of the tested columns drift (Evidently: 0.5)."))
        changed = true;

    field_label("Correction", "Many p-value tests at once raise false alarms; a correction keeps the error rate in check.");
    ImGui::SetNextItemWidth(-1);
    const char* labels[] = {"None (as Evidently)", "Bonferroni", "Benjamini-Hochberg"};
    int c = static_cast<int>(d.correction);
    if (ImGui::Combo("##correction", &c, labels, 3) && c != static_cast<int>(d.correction)) {
        d.correction = static_cast<drift::Correction>(c);
        changed = true;
    }

    ImGui::Spacing();
    ImGui::TextUnformatted("Over time");
    field_label("Time column", "Splits the current data (or the only file) into windows for the heat map.");
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##time_column", d.time_column.empty() ? "None" : d.time_column.c_str())) {
        if (ImGui::Selectable("None", d.time_column.empty())) {
            d.time_column.clear();
            changed = true;
        }
        for (const auto& name : column_names(p, s))
            if (ImGui::Selectable(name.c_str(), name == d.time_column) && name != d.time_column) {
                d.time_column = name;
                changed = true;
            }
        ImGui::EndCombo();
    }
    if (!d.time_column.empty()) {
        field_label("Window", "30m, 6h, 1d, 1w, or a number of rows such as 5000r.");
        ImGui::SetNextItemWidth(-1);
        std::string& window_text = p.window_text;
        if (!p.window_editing && window_error.empty()) window_text = d.window;
        if (input_string("##window", window_text)) {
            drift::DriftSettings trial = d;
            trial.window = window_text;
            if (commit_settings(s, trial, window_error)) changed = true;
        }
        p.window_editing = ImGui::IsItemActive();
        if (!window_error.empty()) error_text(window_error);
        if (p.single_file && s.source == state::DriftSource::Files) {
            int ref = d.reference_windows;
            field_label("Reference windows", "The first windows that form the reference.");
            ImGui::SetNextItemWidth(-1);
            if (ImGui::InputInt("##refwin", &ref) && ref >= 1 && ref <= 100 && ref != d.reference_windows) {
                d.reference_windows = ref;
                changed = true;
            }
        }
    }
    end_card();
    return changed;
}

}  // namespace mlwb::ui
