#include "drift/csv_cell.hpp"

namespace mlwb::drift {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (ascii_lower(text[i]) != lower[i]) return false;
    }
    return true;
}

// Reads `count` decimal digits at text[at]; false when any is missing or not a digit.
bool read_digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
    if (at + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}


constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                             1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

}  // namespace

bool is_missing_token(std::string_view text) {
    switch (text.size()) {
    case 0: return true;
    case 1: return text[0] == '-' || text[0] == '?';
    case 2: return equals_ignoring_case(text, "na");
    case 3: return equals_ignoring_case(text, "n/a") || equals_ignoring_case(text, "nan");
    case 4:
        return equals_ignoring_case(text, "null") || equals_ignoring_case(text, "none") || equals_ignoring_case(text, "#n/a");
    default: return false;
    }
}

bool parse_boolean_word(std::string_view text, double& value) {
    if (equals_ignoring_case(text, "true") || equals_ignoring_case(text, "yes")) {
        value = 1.0;
        return true;
    }
    if (equals_ignoring_case(text, "false") || equals_ignoring_case(text, "no")) {
        value = 0.0;
        return true;
    }
    return false;
}

bool parse_iso_datetime(std::string_view text, double& seconds) {
    int year = 0, month = 0, day = 0;
    if (text.size() < 10 || !read_digits(text, 0, 4, year) || text[4] != '-' || !read_digits(text, 5, 2, month) ||
        text[7] != '-' || !read_digits(text, 8, 2, day))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
    std::int64_t whole = days_from_civil(year, month, day) * 86400;
    double fraction = 0.0;
    std::size_t i = 10;
    if (i < text.size()) {
        const char separator = text[i];
        if (separator != 'T' && separator != 't' && separator != ' ') return false;
        int hour = 0, minute = 0, second = 0;
        if (!read_digits(text, i + 1, 2, hour) || i + 3 >= text.size() || text[i + 3] != ':' ||
            !read_digits(text, i + 4, 2, minute))
            return false;
        i += 6;
        if (i < text.size() && text[i] == ':') {
            if (!read_digits(text, i + 1, 2, second)) return false;
            i += 3;
            if (i < text.size() && text[i] == '.') {
                ++i;
                std::uint64_t digits = 0;
                int count = 0;
                const std::size_t first = i;
                for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
                    // Beyond 18 digits (attoseconds) nothing survives in a double anyway.
                    if (count < 18) {
                        digits = digits * 10 + static_cast<std::uint64_t>(text[i] - '0');
                        ++count;
                    }
                }
                if (i == first) return false;
                fraction = static_cast<double>(digits) / kPow10[count];
            }
        }
        if (hour > 23 || minute > 59 || second > 59) return false;
        whole += hour * 3600 + minute * 60 + second;
        if (i < text.size()) {
            const char zone = text[i];
            if (zone == 'Z' || zone == 'z') {
                ++i;
            } else if (zone == '+' || zone == '-') {
                int offset_hours = 0, offset_minutes = 0;
                if (!read_digits(text, i + 1, 2, offset_hours)) return false;
                i += 3;
                if (i < text.size()) {
                    if (text[i] == ':') ++i;
                    if (!read_digits(text, i, 2, offset_minutes)) return false;
                    i += 2;
                }
                if (offset_hours > 23 || offset_minutes > 59) return false;
                const std::int64_t offset = offset_hours * 3600 + offset_minutes * 60;
                // Local time = UTC + offset, so UTC = local - offset.
                whole -= zone == '+' ? offset : -offset;
            } else {
                return false;
            }
        }
        if (i != text.size()) return false;
    }
    seconds = static_cast<double>(whole) + fraction;
    return true;
}

}  // namespace mlwb::drift
