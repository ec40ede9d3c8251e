// Exports of an instrument's results (state/results_export): the CSV reads back through the
// drift lens's RFC 4180 reader with the same fields, the Markdown table keeps one row per field
// whatever the text holds, and the HTML report is self-contained and escapes what it shows.
#include <catch2/catch.hpp>

#include <string>

#include "drift/csv_reader.hpp"
#include "power/power_inputs.hpp"
#include "power/power_report.hpp"
#include "state/power_state.hpp"
#include "state/results_export.hpp"

using mlwb::state::flatten_results;
using nlohmann::json;

namespace {

std::string field_value(const std::vector<mlwb::state::ExportRow>& rows, const std::string& field) {
    for (const auto& r : rows)
        if (r.field == field) return r.value;
    return "<missing>";
}

// Pipes that end cells: those not escaped by a backslash.
int cell_bars(const std::string& line) {
    int bars = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') { ++i; continue; }
        if (line[i] == '|') ++bars;
    }
    return bars;
}

const json kHostile = {
    {"inputs", {{"name", "a,b \"quoted\"\nline | pipe"}, {"alpha", 0.05}}},
    {"p_value", 1e-300},
    {"notes", {"<script>alert(1)</script>", "x & y"}},
    {"series", json::array()},
    {"missing", nullptr},
};

}  // namespace

TEST_CASE("power results flatten to dotted fields with exact numbers", "[export]") {
    json results = mlwb::power::power_results_json(mlwb::power::PowerInputs{});
    results["inputs"] = mlwb::state::power_state_to_json(mlwb::power::PowerInputs{});
    const auto rows = flatten_results(results);
    CHECK(field_value(rows, "inputs.alpha") == "0.05");
    CHECK(field_value(rows, "arms") == "2");
    CHECK(field_value(rows, "formula[0].step") == "Effect");
    // Plot series are summarised, not spilled into thousands of rows.
    for (const auto& r : rows)
        for (std::size_t at = r.field.find('['); at != std::string::npos; at = r.field.find('[', at + 1))
            CHECK(std::stoi(r.field.substr(at + 1)) < 40);
    CHECK(rows.size() < 400);
}

TEST_CASE("a long list becomes one row and short scalar lists join", "[export]") {
    json long_list = json::array();
    for (int i = 0; i < 121; ++i) long_list.push_back({{"t", i}, {"v", i * 0.5}});
    const auto rows = flatten_results({{"series", long_list}, {"quantiles", {0.5, 0.9, 0.99}}});
    CHECK(field_value(rows, "series") == "121 items (in the JSON export)");
    CHECK(field_value(rows, "quantiles") == "0.5; 0.9; 0.99");
}

TEST_CASE("the CSV export reads back with the same fields", "[export]") {
    const std::string csv = mlwb::state::results_csv(kHostile);
    REQUIRE(csv.rfind("field,value\n", 0) == 0);
    const auto table = mlwb::drift::read_csv(csv);
    CHECK(table.problems.empty());
    REQUIRE(table.columns.size() == 2);
    CHECK(table.columns[0].name == "field");
    CHECK(table.columns[1].name == "value");
    const auto rows = flatten_results(kHostile);
    REQUIRE(table.rows == rows.size());
    const auto& fields = table.columns[0];
    for (std::size_t r = 0; r < rows.size(); ++r) CHECK(fields.categories[fields.codes[r]] == rows[r].field);
    // The value with a comma, quotes, a line break and a pipe survives quoting intact.
    const auto& values = table.columns[1];
    bool found = false;
    for (const auto& c : values.categories) found |= c == "a,b \"quoted\"\nline | pipe";
    CHECK(found);
}

TEST_CASE("the Markdown table keeps one row per field", "[export]") {
    const std::string md = mlwb::state::results_markdown("Power | test", kHostile);
    CHECK(md.rfind("# Power \\| test\n", 0) == 0);
    std::size_t table_lines = 0, start = md.find("| Field");
    while (start < md.size()) {
        const std::size_t end = md.find('\n', start);
        const std::string line = md.substr(start, end - start);
        CHECK(cell_bars(line) == 3);
        ++table_lines;
        start = end + 1;
    }
    CHECK(table_lines == flatten_results(kHostile).size() + 2);
}

TEST_CASE("the HTML report is self-contained and escapes what it shows", "[export]") {
    mlwb::state::ReportInfo info;
    info.title = "Power <b>";
    info.app_link = "https://example.org/app/#power?alpha=0.01";
    info.plots = {{"Power curve", "data:image/png;base64,iVBORw0KGgo="}, {"Bad", "javascript:alert(1)"}, {"Bad2", "data:image/png;base64,x\" onerror=\"y"}};
    const std::string html = mlwb::state::results_html_report(info, kHostile);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);  // the note, as text
    CHECK(html.find("Power &lt;b&gt;") != std::string::npos);
    CHECK(html.find("<h2>Inputs</h2>") != std::string::npos);
    CHECK(html.find("<h2>Method</h2>") != std::string::npos);
    CHECK(html.find("src=\"data:image/png;base64,iVBORw0KGgo=\"") != std::string::npos);
    CHECK(html.find("javascript:") == std::string::npos);
    CHECK(html.find("onerror") == std::string::npos);
    CHECK(html.find("href=\"https://example.org/app/#power?alpha=0.01\"") != std::string::npos);
    // Only inline data may load: no external stylesheet, image or script source.
    CHECK(html.find("src=\"http") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
}

TEST_CASE("a link that is not http(s) is not made a link", "[export]") {
    mlwb::state::ReportInfo info;
    info.title = "x";
    info.app_link = "javascript:alert(1)";
    CHECK(mlwb::state::results_html_report(info, json::object()).find("javascript") == std::string::npos);
}
