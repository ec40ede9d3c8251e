#include "util/format.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace mlwb {

std::string format_significant(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

std::string format_grouped(std::int64_t v) {
    const bool negative = v < 0;
    const unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    const std::string digits = std::to_string(magnitude);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

std::string format_shortest(double v) {
    char buf[64];
    // Whole numbers as people write them (20000, not %g's 2e+04), exactly while below 2^53.
    if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    // Otherwise the shortest %.Ng that round-trips; 17 digits always does for a double.
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

}  // namespace mlwb
