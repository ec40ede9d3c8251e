// Calendar dates <-> days since 1970-01-01 (proleptic Gregorian, UTC), by Howard Hinnant's
// published algorithms: exact for every date, no time zone database, no <chrono> calendar
// (the wasm toolchain's libc++ lacks it).
#pragma once

#include <cstdint>
#include <string>

namespace mlwb::drift {

struct CivilDate {
    int year = 1970, month = 1, day = 1;
};

std::int64_t days_from_civil(int year, int month, int day);
CivilDate civil_from_days(std::int64_t days);

// "2025-01-07" (whole days), "2025-01-07 06:00" (minutes) or "2025-01-07T06:00:05Z" (ISO, seconds).
enum class TimeText { Date, Minutes, Iso };
std::string format_utc(double seconds_since_epoch, TimeText form);

}  // namespace mlwb::drift
