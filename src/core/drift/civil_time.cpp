#include "drift/civil_time.hpp"

#include <cmath>
#include <cstdio>

namespace mlwb::drift {

std::int64_t days_from_civil(int year, int month, int day) {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = month > 2 ? month - 3 : month + 9;
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    CivilDate c;
    c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2 ? 1 : 0));
    return c;
}

std::string format_utc(double seconds, TimeText form) {
    if (!std::isfinite(seconds) || std::fabs(seconds) > 1e14) return "";
    const double day = std::floor(seconds / 86400.0);
    const CivilDate c = civil_from_days(static_cast<std::int64_t>(day));
    const auto sod = static_cast<long long>(seconds - day * 86400.0);
    char buf[48];
    switch (form) {
    case TimeText::Date: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day); break;
    case TimeText::Minutes:
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02lld:%02lld", c.year, c.month, c.day, sod / 3600, sod / 60 % 60);
        break;
    case TimeText::Iso:
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02lld:%02lld:%02lldZ", c.year, c.month, c.day, sod / 3600,
                      sod / 60 % 60, sod % 60);
        break;
    }
    return buf;
}

}  // namespace mlwb::drift
