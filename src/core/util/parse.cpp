#include "util/parse.hpp"

#include <cmath>
#include <cstdlib>

namespace mlwb {

bool parse_user_number(const char* text, double& out) {
    while (*text == ' ' || *text == '\t') ++text;
    // strtod also reads hex floats, "inf" and "nan"; nobody types those into a calculator.
    for (const char* p = text; *p; ++p) {
        const char c = *p;
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' || c == '%' ||
              c == ' ' || c == '\t'))
            return false;
    }
    if (*text == '\0') return false;
    char* end = nullptr;
    double v = std::strtod(text, &end);
    if (end == text) return false;
    while (*end == ' ' || *end == '\t') ++end;
    if (*end == '%') {
        v /= 100.0;
        ++end;
        while (*end == ' ' || *end == '\t') ++end;
    }
    if (*end != '\0' || !std::isfinite(v)) return false;
    out = v;
    return true;
}

}  // namespace mlwb
