#include "state/results_export.hpp"

#include <cmath>

#include "util/escape.hpp"
#include "util/format.hpp"

namespace mlwb::state {

namespace {

constexpr std::size_t kScalarListRow = 16;   // a list of scalars this short reads well in one cell
constexpr std::size_t kExpandedObjects = 40; // formula steps, quantiles, columns: rows of their own

bool is_scalar(const nlohmann::json& v) { return !v.is_object() && !v.is_array(); }

std::string scalar_text(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
    if (v.is_number_float()) {
        const double d = v.get<double>();
        return std::isfinite(d) ? format_shortest(d) : (std::isnan(d) ? "NaN" : d > 0 ? "inf" : "-inf");
    }
    return "";  // null: no value (not computed, or not applicable)
}

bool all_scalars(const nlohmann::json& list) {
    for (const auto& v : list)
        if (!is_scalar(v)) return false;
    return true;
}

void flatten(const nlohmann::json& v, const std::string& path, std::vector<ExportRow>& rows) {
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) flatten(it.value(), path.empty() ? it.key() : path + "." + it.key(), rows);
        return;
    }
    if (v.is_array()) {
        if (v.empty()) {
            rows.push_back({path, ""});
        } else if (all_scalars(v) && v.size() <= kScalarListRow) {
            std::string joined;
            for (const auto& item : v) joined += (joined.empty() ? "" : "; ") + scalar_text(item);
            rows.push_back({path, joined});
        } else if (v.size() <= kExpandedObjects) {
            for (std::size_t i = 0; i < v.size(); ++i) flatten(v[i], path + "[" + std::to_string(i) + "]", rows);
        } else {
            rows.push_back({path, std::to_string(v.size()) + " items (in the JSON export)"});
        }
        return;
    }
    rows.push_back({path, scalar_text(v)});
}

bool is_input_row(const ExportRow& row) { return row.field.rfind("inputs.", 0) == 0 || row.field == "inputs"; }

// Method notes: a formula as steps ({step, text}), notes and warnings as lists of text.
void append_method_notes(std::string& out, const nlohmann::json& results) {
    std::string items;
    auto add = [&](const std::string& lead, const std::string& text) {
        items += "<li>";
        if (!lead.empty()) items += "<strong>" + html_escaped(lead) + ":</strong> ";
        items += html_escaped(text) + "</li>\n";
    };
    if (!results.is_object()) return;
    for (const char* key : {"method", "formula", "notes", "warnings", "assumptions"}) {
        const auto it = results.find(key);
        if (it == results.end()) continue;
        if (it->is_string()) add("", it->get<std::string>());
        if (!it->is_array()) continue;
        for (const auto& item : *it) {
            if (item.is_string()) add("", item.get<std::string>());
            else if (item.is_object() && item.contains("text") && item["text"].is_string())
                add(item.contains("step") && item["step"].is_string() ? item["step"].get<std::string>() : "", item["text"].get<std::string>());
        }
    }
    if (items.empty()) return;
    out += "<h2>Method</h2>\n<ul class=\"method\">\n" + items + "</ul>\n";
}

void append_table(std::string& out, const char* heading, const std::vector<ExportRow>& rows, bool inputs) {
    std::string body;
    for (const auto& row : rows) {
        if (is_input_row(row) != inputs) continue;
        body += "<tr><th scope=\"row\">" + html_escaped(inputs ? row.field.substr(row.field.find('.') + 1) : row.field) +
                "</th><td>" + html_escaped(row.value) + "</td></tr>\n";
    }
    if (body.empty()) return;
    out += std::string("<h2>") + heading + "</h2>\n<table>\n" + body + "</table>\n";
}

constexpr const char* kReportCss = R"css(
:root{color-scheme:light dark;--fg:#1d1f24;--bg:#fff;--muted:#5b616e;--line:#d9dce3;--accent:#1a66d9}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--bg:#1c1f24;--muted:#a3a9b4;--line:#353a42;--accent:#5c9efa}}
body{margin:0 auto;max-width:60rem;padding:1.5rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
p.meta{color:var(--muted);margin:0}a{color:var(--accent)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .6rem;border-bottom:1px solid var(--line)}
th{font-weight:600;white-space:nowrap}td{font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid var(--line)}figcaption{color:var(--muted)}
@media print{a{color:inherit}}
)css";

}  // namespace

std::vector<ExportRow> flatten_results(const nlohmann::json& results) {
    std::vector<ExportRow> rows;
    flatten(results, "", rows);
    return rows;
}

std::string results_csv(const nlohmann::json& results) {
    std::string out = "field,value\n";
    for (const auto& row : flatten_results(results)) out += csv_field(row.field) + "," + csv_field(row.value) + "\n";
    return out;
}

std::string results_markdown(const std::string& title, const nlohmann::json& results) {
    std::string out = "# " + markdown_cell(title) + "\n\n| Field | Value |\n| --- | --- |\n";
    for (const auto& row : flatten_results(results)) out += "| " + markdown_cell(row.field) + " | " + markdown_cell(row.value) + " |\n";
    return out;
}

std::string results_html_report(const ReportInfo& info, const nlohmann::json& results) {
    const auto rows = flatten_results(results);
    std::string out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      // Opens anywhere, offline: no script, and nothing but inline data may load.
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
                      "<title>" + html_escaped(info.title) + " · MLOps Workbench report</title>\n<style>" + kReportCss + "</style>\n</head>\n<body>\n";
    out += "<h1>" + html_escaped(info.title) + "</h1>\n<p class=\"meta\">MLOps Workbench report";
    if (!info.generated_on.empty()) out += ", " + html_escaped(info.generated_on);
    out += ".";
    const bool web_link = info.app_link.rfind("https://", 0) == 0 || info.app_link.rfind("http://", 0) == 0;
    if (web_link) out += " <a href=\"" + html_escaped(info.app_link) + "\">Open these inputs in the app</a>.";
    out += "</p>\n";
    append_table(out, "Inputs", rows, true);
    append_table(out, "Results", rows, false);
    append_method_notes(out, results);
    bool plots_heading = false;
    for (const auto& plot : info.plots) {
        if (plot.png_data_url.rfind("data:image/png;base64,", 0) != 0) continue;
        if (plot.png_data_url.find_first_of("\"'<> ") != std::string::npos) continue;
        if (!plots_heading) out += "<h2>Plots</h2>\n";
        plots_heading = true;
        out += "<figure><img src=\"" + plot.png_data_url + "\" alt=\"" + html_escaped(plot.title) + "\"><figcaption>" +
               html_escaped(plot.title) + "</figcaption></figure>\n";
    }
    if (web_link) out += "<p class=\"meta\">Link: <a href=\"" + html_escaped(info.app_link) + "\">" + html_escaped(info.app_link) + "</a></p>\n";
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace mlwb::state
