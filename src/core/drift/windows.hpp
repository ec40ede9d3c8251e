// Splitting rows into time windows by a time column, for drift over time. A window is a span of
// time ("1d": UTC days, "6h", "30m", "1w": weeks from Monday) over a datetime or numeric time
// column, or a number of consecutive rows ("5000r"). A categorical time column (period labels
// such as "2024-Q1") gives one window per label in sorted order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "drift/csv_reader.hpp"

namespace mlwb::drift {

struct WindowSpec {
    bool by_rows = false;
    double seconds = 86400;  // width in seconds (datetime) or in the column's units (numeric)
    std::size_t rows = 0;
};

// "1d", "12h", "30m", "45s", "2w", "5000r"; an empty string or garbage gives an error message.
bool parse_window(std::string_view text, WindowSpec& out, std::string& error);

struct Window {
    std::string label;                 // "2024-03-01", "2024-03-01 06:00", "rows 1-5000", or the period label
    double start = 0;                  // the window's start on the time axis (NaN for labels and row windows)
    std::vector<std::uint32_t> rows;   // row indices, ascending
};

// Rows whose time is missing belong to no window. Returns an error message, or "".
// At most `max_windows` windows (a 1-minute window over years would be millions); more is an error.
std::string split_windows(const Table& table, std::string_view time_column, const WindowSpec& spec,
                          std::vector<Window>& out, std::size_t max_windows = 400);

}  // namespace mlwb::drift
