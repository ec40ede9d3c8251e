#include "drift/drift_report.hpp"

#include <cmath>
#include <cstdio>

#include "util/escape.hpp"

namespace mlwb::drift {
namespace {

// Every metric with its report key, in the order the report lists them.
struct MetricKey {
    const char* key;
    double ColumnMetrics::*member;
};
constexpr MetricKey kMetricKeys[] = {
    {"ks_statistic", &ColumnMetrics::ks_statistic},     {"ks_pvalue", &ColumnMetrics::ks_pvalue},
    {"psi", &ColumnMetrics::psi},                       {"kl_divergence", &ColumnMetrics::kl_divergence},
    {"jensenshannon", &ColumnMetrics::jensenshannon},   {"wasserstein", &ColumnMetrics::wasserstein},
    {"wasserstein_normed", &ColumnMetrics::wasserstein_normed},
    {"chi2_statistic", &ColumnMetrics::chi2_statistic}, {"chi2_pvalue", &ColumnMetrics::chi2_pvalue},
    {"z_statistic", &ColumnMetrics::z_statistic},       {"z_pvalue", &ColumnMetrics::z_pvalue},
    {"hellinger", &ColumnMetrics::hellinger},           {"anderson_statistic", &ColumnMetrics::anderson_statistic},
    {"anderson_pvalue", &ColumnMetrics::anderson_pvalue}, {"cvm_statistic", &ColumnMetrics::cvm_statistic},
    {"cvm_pvalue", &ColumnMetrics::cvm_pvalue},         {"energy_distance", &ColumnMetrics::energy_distance},
};

// JSON has no infinity: an infinite statistic (a category unseen in the reference makes
// chi-square infinite) is written as the string "inf" so that it is not mistaken for "missing".
nlohmann::json number(double v) {
    if (std::isnan(v)) return nullptr;
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return v;
}

std::string text(double v) {
    if (std::isnan(v)) return "";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}



nlohmann::json source_json(const DataSource& s) {
    return {{"name", s.name}, {"rows", s.rows}, {"columns", s.columns}, {"parse_problems", s.problems}};
}

}  // namespace

std::string short_number(double v) {
    if (std::isnan(v)) return "n/a";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[40];
    std::snprintf(buf, sizeof buf, (v != 0 && std::fabs(v) < 1e-3) ? "%.2e" : "%.4g", v);
    return buf;
}

nlohmann::json drift_report_json(const DriftResult& r, const DataSource& reference, const DataSource& current) {
    nlohmann::json cols = nlohmann::json::array();
    for (const auto& c : r.columns) {
        nlohmann::json j = {{"name", c.name}, {"type", c.type},
                            {"kind", c.kind == ColumnKind::Numeric ? "numeric" : "categorical"},
                            {"n_reference", c.n_reference}, {"n_current", c.n_current}};
        if (!c.skipped.empty()) {
            j["skipped"] = c.skipped;
            j["drift_detected"] = false;
            cols.push_back(std::move(j));
            continue;
        }
        j["missing_reference"] = c.reference_dropped;
        j["missing_current"] = c.current_dropped;
        j["distinct_values"] = c.distinct;
        j["test"] = stat_test_info(c.test).key;
        j["test_is_default"] = c.test_is_default;
        j["score"] = number(c.score);
        j["threshold"] = c.threshold;
        if (!std::isnan(c.pvalue_adjusted)) j["pvalue_adjusted"] = number(c.pvalue_adjusted);
        j["drift_detected"] = c.drift_detected;
        nlohmann::json m = nlohmann::json::object();
        for (const auto& k : kMetricKeys)
            if (!std::isnan(c.metrics.*k.member)) m[k.key] = number(c.metrics.*k.member);
        j["metrics"] = std::move(m);
        cols.push_back(std::move(j));
    }
    nlohmann::json out;
    out["instrument"] = "drift";
    out["reference"] = source_json(reference);
    out["current"] = source_json(current);
    out["columns"] = std::move(cols);
    out["dataset_drift"] = {{"share", r.share},
                            {"detected", r.detected},
                            {"drifted_columns", r.drifted},
                            {"tested_columns", r.tested},
                            {"drift_share_threshold", r.drift_share},
                            {"correction", correction_key(r.correction)}};
    nlohmann::json quality = nlohmann::json::array();
    for (const auto& q : r.quality)
        quality.push_back({{"column", q.column}, {"kind", q.kind}, {"message", q.message}, {"value", number(q.value)}});
    out["quality"] = std::move(quality);
    if (!r.time_column.empty()) {
        nlohmann::json w = {{"time_column", r.time_column}, {"window", r.window}};
        if (!r.windows_error.empty()) w["error"] = r.windows_error;
        nlohmann::json list = nlohmann::json::array();
        for (const auto& win : r.windows) {
            nlohmann::json scores = nlohmann::json::object(), drifted = nlohmann::json::object();
            for (std::size_t c = 0; c < r.columns.size() && c < win.scores.size(); ++c) {
                if (std::isnan(win.scores[c])) continue;
                scores[r.columns[c].name] = number(win.scores[c]);
                drifted[r.columns[c].name] = win.drifted[c] != 0;
            }
            list.push_back({{"label", win.label}, {"rows", win.rows}, {"is_reference", win.is_reference},
                            {"share", win.share}, {"detected", win.detected}, {"scores", std::move(scores)},
                            {"drift_detected", std::move(drifted)}});
        }
        w["windows"] = std::move(list);
        out["windows"] = std::move(w);
    }
    if (!r.notes.empty()) out["notes"] = r.notes;
    out["method"] =
        "Evidently's default tests and thresholds; statistics as scipy 1.10 computes them (NaN and infinities "
        "dropped per column; PSI, KL and Jensen-Shannon on Sturges bins of the pooled data when the reference has "
        "more than 20 distinct values, else one bucket per value)";
    return out;
}

std::string drift_metrics_csv(const DriftResult& r) {
    std::string out = "name,type,kind,n_reference,n_current,test,score,threshold,pvalue_adjusted,drift_detected,skipped";
    for (const auto& k : kMetricKeys) out += std::string(",") + k.key;
    out += "\n";
    for (const auto& c : r.columns) {
        out += csv_field(c.name) + "," + c.type + "," + (c.kind == ColumnKind::Numeric ? "numeric" : "categorical") +
               "," + std::to_string(c.n_reference) + "," + std::to_string(c.n_current) + ",";
        if (c.skipped.empty())
            out += std::string(stat_test_info(c.test).key) + "," + text(c.score) + "," + text(c.threshold) + "," +
                   text(c.pvalue_adjusted) + "," + (c.drift_detected ? "true" : "false") + ",";
        else
            out += ",,,,false," + csv_field(c.skipped);
        for (const auto& k : kMetricKeys) out += "," + text(c.metrics.*k.member);
        out += "\n";
    }
    return out;
}

std::string drift_markdown(const DriftResult& r, const DataSource& reference, const DataSource& current) {
    std::string md = "# Drift report\n\n";
    md += "Reference: " + markdown_cell(reference.name) + " (" + std::to_string(r.reference_rows) + " rows). ";
    md += "Current: " + markdown_cell(current.name) + " (" + std::to_string(r.current_rows) + " rows).\n\n";
    char share[64];
    std::snprintf(share, sizeof share, "%.0f %%", r.share * 100);
    md += std::string("**Dataset drift: ") + (r.detected ? "DETECTED" : "not detected") + "** - " +
          std::to_string(r.drifted) + " of " + std::to_string(r.tested) + " columns drifted (" + share +
          "; the rule is >= " + short_number(r.drift_share * 100) + " %";
    if (r.correction != Correction::None) md += std::string(", p-values corrected: ") + correction_key(r.correction);
    md += ").\n\n| column | type | test | score | threshold | drift |\n| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& c : r.columns) {
        if (!c.skipped.empty()) {
            md += "| " + markdown_cell(c.name) + " | " + c.type + " | - | - | - | not tested: " + markdown_cell(c.skipped) + " |\n";
            continue;
        }
        md += "| " + markdown_cell(c.name) + " | " + c.type + " | " + stat_test_info(c.test).key + " | " +
              short_number(c.score) + " | " + short_number(c.threshold) + " | " + (c.drift_detected ? "**drift**" : "ok") + " |\n";
    }
    if (!r.quality.empty()) {
        md += "\n## Data quality\n\n";
        for (const auto& q : r.quality) md += "- **" + markdown_cell(q.column) + "**: " + markdown_cell(q.message) + "\n";
    }
    if (!r.windows.empty()) {
        md += "\n## Over time (" + markdown_cell(r.time_column) + ", window " + markdown_cell(r.window) + ")\n\n";
        md += "| window | rows | drifted share | dataset drift |\n| --- | --- | --- | --- |\n";
        for (const auto& w : r.windows)
            md += "| " + markdown_cell(w.label) + (w.is_reference ? " (reference)" : "") + " | " + std::to_string(w.rows) +
                  " | " + short_number(w.share) + " | " + (w.detected ? "**yes**" : "no") + " |\n";
    }
    md += "\nComputed in the browser by MLOps Workbench: the data never left the machine.\n";
    return md;
}

}  // namespace mlwb::drift
