#include "state/drift_state.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "drift/synthetic.hpp"
#include "state/json_fields.hpp"

namespace mlwb::state {
namespace {

constexpr std::size_t kMaxListedColumns = 200;

nlohmann::json threshold_json(double t) { return std::isnan(t) ? nlohmann::json(nullptr) : nlohmann::json(t); }

bool known_preset(const std::string& key) {
    for (const auto& p : drift::synthetic_presets())
        if (key == p.key) return true;
    return false;
}

// A threshold field: a number, or null for "the test's default".
void read_threshold(const nlohmann::json& j, const char* key, double& out, std::vector<std::string>& notices) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    if (it->is_number()) {
        out = it->get<double>();
        return;
    }
    notices.push_back("'" + std::string(key) + "' must be a number or null; kept the default.");
}

drift::ColumnSetting read_column_setting(const nlohmann::json& j, std::vector<std::string>& notices) {
    drift::ColumnSetting c;
    if (!j.is_object()) {
        notices.push_back("a per-column setting is not an object; ignored.");
        return c;
    }
    JsonFieldReader r(j, notices);
    r.text("name", c.name, 256);
    r.text("test", c.test, 32);
    r.known("threshold");
    read_threshold(j, "threshold", c.threshold, notices);
    r.boolean("skip", c.skip);
    r.boolean("as_category", c.as_category);
    r.report_unknown_keys();
    return c;
}

}  // namespace

drift::SyntheticSpec synthetic_spec(const DriftState& s) {
    drift::SyntheticSpec spec = drift::synthetic_presets()[0].spec;
    for (const auto& p : drift::synthetic_presets())
        if (s.preset == p.key) spec = p.spec;
    spec.seed = s.seed;
    spec.reference_rows = s.rows;
    spec.current_rows = s.rows;
    return spec;
}

drift::DataSource synthetic_source(const DriftState& s, const drift::Table& table) {
    return {"synthetic: " + s.preset + " (seed " + std::to_string(s.seed) + ")", table.rows, table.columns.size(), 0};
}

const char* key_of(DriftSource s) {
    switch (s) {
        case DriftSource::Synthetic: return "synthetic";
        case DriftSource::Files: return "files";
        case DriftSource::Histograms: return "histograms";
    }
    return "synthetic";
}

bool parse_key(const std::string& text, DriftSource& out) {
    for (DriftSource s : {DriftSource::Synthetic, DriftSource::Files, DriftSource::Histograms})
        if (text == key_of(s)) {
            out = s;
            return true;
        }
    return false;
}

nlohmann::json drift_state_to_json(const DriftState& s) {
    const auto& d = s.settings;
    nlohmann::json per = nlohmann::json::array();
    for (const auto& c : d.per_column)
        per.push_back({{"name", c.name}, {"test", c.test}, {"threshold", threshold_json(c.threshold)},
                       {"skip", c.skip}, {"as_category", c.as_category}});
    return {{"v", kDriftStateVersion},
            {"source", key_of(s.source)},
            {"preset", s.preset},
            {"seed", s.seed},
            {"rows", s.rows},
            {"column", s.column},
            {"columns", d.columns},
            {"stat_test", d.stat_test},
            {"threshold", threshold_json(d.threshold)},
            {"drift_share", d.drift_share},
            {"correction", drift::correction_key(d.correction)},
            {"time_column", d.time_column},
            {"window", d.window},
            {"reference_windows", d.reference_windows},
            {"per_column", std::move(per)}};
}

Decoded<DriftState> drift_state_from_json(const nlohmann::json& j) {
    Decoded<DriftState> out;
    if (!j.is_object()) {
        out.notices.push_back("The drift lens state is not a JSON object; using defaults.");
        return out;
    }
    DriftState& s = out.value;
    auto& d = s.settings;
    std::vector<std::string>& notices = out.notices;
    JsonFieldReader r(j, notices);
    r.known("v");
    if (const auto v = j.find("v"); v != j.end() && (!v->is_number_integer() || v->get<int>() != kDriftStateVersion)) {
        notices.push_back("The drift lens state has version " + quote_for_notice(*v) + ", which this app does not know; using defaults.");
        return out;
    }
    r.key("source", s.source, "synthetic, files, histograms");
    r.text("preset", s.preset, 32);
    if (!known_preset(s.preset)) {
        notices.push_back("No synthetic preset called " + quote_for_notice(s.preset) + "; using 'sudden'.");
        s.preset = DriftState{}.preset;
    }
    r.known("seed");
    if (const auto v = j.find("seed"); v != j.end()) {
        // Links carry numbers as text, decoded as doubles: any whole value in range will do.
        const double d = v->is_number() ? v->get<double>() : -1.0;
        if (d >= 0 && d <= 9007199254740992.0 && d == std::floor(d))
            s.seed = static_cast<std::uint64_t>(d);
        else
            notices.push_back("'seed' must be a whole number from 0 to 2^53; kept 42.");
    }
    r.known("rows");
    if (const auto v = j.find("rows"); v != j.end()) {
        const double d = v->is_number() ? v->get<double>() : -1.0;
        if (d >= 10 && d <= 1'000'000 && d == std::floor(d))
            s.rows = static_cast<std::size_t>(d);
        else
            notices.push_back("'rows' must be a whole number from 10 to 1,000,000; kept 5000.");
    }
    r.text("column", s.column, 256);
    r.known("columns");
    if (const auto v = j.find("columns"); v != j.end()) {
        if (v->is_array() && v->size() <= kMaxListedColumns && std::all_of(v->begin(), v->end(), [](const auto& e) { return e.is_string(); }))
            for (const auto& e : *v) d.columns.push_back(e.get<std::string>());
        else
            notices.push_back("'columns' must be a list of column names; using all columns.");
    }
    r.text("stat_test", d.stat_test, 32);
    r.known("threshold");
    read_threshold(j, "threshold", d.threshold, notices);
    r.number("drift_share", d.drift_share);
    std::string correction = drift::correction_key(d.correction);
    r.text("correction", correction, 16);
    if (!drift::correction_from_key(correction, d.correction))
        notices.push_back("'correction' must be none, bonferroni or bh; kept none.");
    r.text("time_column", d.time_column, 256);
    r.text("window", d.window, 16);
    r.integer("reference_windows", d.reference_windows);
    r.known("per_column");
    if (const auto v = j.find("per_column"); v != j.end()) {
        if (v->is_array() && v->size() <= kMaxListedColumns) {
            for (const auto& e : *v) {
                drift::ColumnSetting c = read_column_setting(e, notices);
                if (!c.name.empty()) d.per_column.push_back(std::move(c));
            }
        } else {
            notices.push_back("'per_column' must be a list of at most 200 settings; ignored.");
        }
    }
    r.report_unknown_keys();

    // Anything out of range falls back to its default, with the message that says why.
    const drift::DriftSettings defaults = DriftState::default_drift_settings();
    for (const auto& e : drift::validate(d)) {
        notices.push_back(e.message + "; kept the default.");
        if (e.field == "drift_share") d.drift_share = defaults.drift_share;
        else if (e.field == "stat_test") d.stat_test.clear();
        else if (e.field == "threshold") d.threshold = defaults.threshold;
        else if (e.field == "reference_windows") d.reference_windows = defaults.reference_windows;
        else if (e.field == "window") d.window = defaults.window;
        else if (e.field.rfind("per_column.", 0) == 0) {
            const std::size_t i = std::strtoul(e.field.c_str() + 11, nullptr, 10);
            if (i < d.per_column.size()) {
                if (e.field.find(".test") != std::string::npos) d.per_column[i].test.clear();
                if (e.field.find(".threshold") != std::string::npos) d.per_column[i].threshold = NAN;
            }
        }
    }
    return out;
}

}  // namespace mlwb::state
