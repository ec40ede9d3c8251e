// What a CSV cell's text means, apart from numbers (csv_number.hpp): a missing value, a
// boolean word or an ISO 8601 date-time. Every function reads the whole text, already trimmed.
#pragma once

#include "drift/civil_time.hpp"  // days_from_civil, used here and by the tests

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mlwb::drift {

// Missing values, compared ignoring ASCII case, quoted or not: "", "NA", "N/A", "#N/A", "NaN",
// "null", "None", "-" and "?" (the last is what the UCI repository's files use). Everything
// else is a value ("nil", "missing", "0", " " inside quotes).
bool is_missing_token(std::string_view text);
// A quick filter for the hot path: false for (almost) every value.
inline bool may_be_missing_token(std::string_view text) {
    if (text.empty()) return true;
    if (text.size() > 4) return false;
    const char first = static_cast<char>(text[0] | 0x20);  // ASCII lower case; '-', '?', '#' unchanged
    return first == 'n' || first == '-' || first == '?' || first == '#';
}

// "true"/"false" and "yes"/"no", ignoring ASCII case: 1 or 0. Not "0"/"1" (those keep a
// column Integer) and not single letters ("t", "y", "f", "n" are as often grades or codes).
bool parse_boolean_word(std::string_view text, double& value);

// YYYY-MM-DD, optionally followed by 'T', 't' or ' ' and hh:mm[:ss[.f...]] and then 'Z', 'z'
// or an offset ±hh, ±hhmm or ±hh:mm. Calendar-checked (leap years of the proleptic Gregorian
// calendar; hours 0-23, minutes and seconds 0-59, no leap second). `seconds` is the time since
// 1970-01-01T00:00:00Z, the offset applied (no offset = UTC), with the fraction kept (as
// whole seconds + fraction, one rounding each). Untouched when the text does not match.
bool parse_iso_datetime(std::string_view text, double& seconds);


}  // namespace mlwb::drift
