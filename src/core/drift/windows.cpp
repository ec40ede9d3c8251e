#include "drift/windows.hpp"

#include "drift/civil_time.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace mlwb::drift {
namespace {

std::string number_label(double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

const Column* find_column(const Table& t, std::string_view name) {
    for (const auto& c : t.columns)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

bool parse_window(std::string_view text, WindowSpec& out, std::string& error) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    std::size_t digits = 0;
    std::uint64_t whole = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9' && digits < 9)
        whole = whole * 10 + static_cast<std::uint64_t>(text[digits++] - '0');
    if (digits == 0 || whole == 0) {
        error = "window must be a positive whole number and a unit: 30m, 6h, 1d, 1w, or 5000r rows";
        return false;
    }
    const std::string_view unit = text.substr(digits);
    out = WindowSpec{};
    if (unit == "r" || unit == "rows") {
        out.by_rows = true;
        out.rows = whole;
        return true;
    }
    double scale = 0;
    if (unit.empty()) scale = 1;  // the time column's own units (a numeric period column)
    else if (unit == "s") scale = 1;
    else if (unit == "m" || unit == "min") scale = 60;
    else if (unit == "h") scale = 3600;
    else if (unit == "d") scale = 86400;
    else if (unit == "w") scale = 7 * 86400;
    if (scale == 0) {
        error = "unknown window unit '" + std::string(unit) + "': use s, m, h, d, w or r (rows)";
        return false;
    }
    out.seconds = static_cast<double>(whole) * scale;
    return true;
}

std::string split_windows(const Table& table, std::string_view time_column, const WindowSpec& spec,
                          std::vector<Window>& out, std::size_t max_windows) {
    out.clear();
    if (spec.by_rows) {
        const std::size_t n = (table.rows + spec.rows - 1) / spec.rows;
        if (n > max_windows) return "more than " + std::to_string(max_windows) + " windows: choose a larger window";
        for (std::size_t w = 0; w < n; ++w) {
            Window win;
            const std::size_t first = w * spec.rows, last = std::min(table.rows, first + spec.rows);
            win.label = "rows " + std::to_string(first + 1) + "-" + std::to_string(last);
            win.start = std::nan("");
            for (std::size_t r = first; r < last; ++r) win.rows.push_back(static_cast<std::uint32_t>(r));
            out.push_back(std::move(win));
        }
        return {};
    }
    const Column* col = find_column(table, time_column);
    if (!col) return "no column named '" + std::string(time_column) + "'";

    if (col->type == ColumnType::Categorical || col->type == ColumnType::Boolean) {
        // One window per period label, labels in sorted order.
        std::map<std::string, std::vector<std::uint32_t>> by_label;
        for (std::size_t r = 0; r < col->codes.size(); ++r) {
            const std::uint32_t code = col->codes[r];
            if (code < col->categories.size()) by_label[col->categories[code]].push_back(static_cast<std::uint32_t>(r));
        }
        if (by_label.size() > max_windows)
            return "'" + std::string(time_column) + "' has more than " + std::to_string(max_windows) + " distinct periods";
        for (auto& [label, rows] : by_label) out.push_back(Window{label, std::nan(""), std::move(rows)});
        return {};
    }
    if (col->type != ColumnType::Datetime && col->type != ColumnType::Integer && col->type != ColumnType::Numeric)
        return "'" + std::string(time_column) + "' holds no times (" + column_type_name(col->type) + ")";

    const bool datetime = col->type == ColumnType::Datetime;
    // Weeks start on Monday: 1970-01-01 was a Thursday, so shift by four days.
    const double offset = (datetime && spec.seconds == 7 * 86400) ? 4 * 86400.0 : 0.0;
    double lo = INFINITY, hi = -INFINITY;
    for (double t : col->numbers)
        if (std::isfinite(t)) lo = std::min(lo, t), hi = std::max(hi, t);
    if (!(lo <= hi)) return "'" + std::string(time_column) + "' has no values";
    const double first = std::floor((lo - offset) / spec.seconds);
    const double count = std::floor((hi - offset) / spec.seconds) - first + 1;
    if (count > static_cast<double>(max_windows))
        return "a " + number_label(spec.seconds) + (datetime ? " s" : "") + " window gives " + number_label(count) +
               " windows (at most " + std::to_string(max_windows) + "): choose a larger window";
    std::vector<Window> all(static_cast<std::size_t>(count));
    for (std::size_t r = 0; r < col->numbers.size(); ++r) {
        const double t = col->numbers[r];
        if (!std::isfinite(t)) continue;
        const auto w = static_cast<std::size_t>(std::floor((t - offset) / spec.seconds) - first);
        all[std::min(w, all.size() - 1)].rows.push_back(static_cast<std::uint32_t>(r));
    }
    const bool with_time = std::fmod(spec.seconds, 86400.0) != 0;
    for (std::size_t w = 0; w < all.size(); ++w) {
        const double start = (first + static_cast<double>(w)) * spec.seconds + offset;
        all[w].start = start;
        all[w].label = datetime ? format_utc(start, with_time ? TimeText::Minutes : TimeText::Date) : number_label(start);
        if (!all[w].rows.empty()) out.push_back(std::move(all[w]));  // empty windows have nothing to compare
    }
    return {};
}

}  // namespace mlwb::drift
