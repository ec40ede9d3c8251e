#include "drift/csv_number.hpp"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

namespace mlwb::drift {
namespace {

// Every power of ten up to 1e22 is exact in a double (5^22 < 2^53), so m * 10^e and m / 10^e
// with m < 2^53 are a single correctly rounded operation.
constexpr double kExactPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr std::uint64_t kIntPow10[] = {1ull,
                                       10ull,
                                       100ull,
                                       1000ull,
                                       10000ull,
                                       100000ull,
                                       1000000ull,
                                       10000000ull,
                                       100000000ull,
                                       1000000000ull,
                                       10000000000ull,
                                       100000000000ull,
                                       1000000000000ull,
                                       10000000000000ull,
                                       100000000000000ull,
                                       1000000000000000ull};
constexpr std::uint64_t kMaxExactInteger = std::uint64_t{1} << 53;
constexpr std::size_t kMaxMantissaDigits = 19;  // 10^19 - 1 < 2^64

bool is_digit(char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned{'0'} < 10u; }

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char folded = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
        if (folded != lower[i]) return false;
    }
    return true;
}

// strtod needs a terminated string; cells are views into the file. Only text already checked
// against the grammar above gets here, so strtod reads all of it (no hex, no "nan(...)").
double strtod_of(std::string_view text) {
    char small[128];
    if (text.size() < sizeof small) {
        std::memcpy(small, text.data(), text.size());
        small[text.size()] = '\0';
        return std::strtod(small, nullptr);
    }
    const std::string copy(text);
    return std::strtod(copy.c_str(), nullptr);
}

}  // namespace

NumberSyntax parse_csv_number(std::string_view text, double& value) {
    const char* p = text.data();
    const char* const end = p + text.size();
    bool negative = false;
    if (p != end && (*p == '+' || *p == '-')) {
        negative = *p == '-';
        ++p;
    }
    if (p == end) return NumberSyntax::None;

    // The common case first, in one pass: [+-]digits[.digits] with at most 19 digits in all
    // (leading zeros included) and a value below 2^53 -- one division or none.
    if (static_cast<std::size_t>(end - p) <= kMaxMantissaDigits + 1) {
        std::uint64_t mantissa = 0;
        const char* dot = nullptr;
        const char* q = p;
        for (; q != end; ++q) {
            const unsigned digit = static_cast<unsigned>(static_cast<unsigned char>(*q)) - unsigned{'0'};
            if (digit < 10) {
                mantissa = mantissa * 10 + digit;
            } else if (*q == '.' && dot == nullptr) {
                dot = q;
            } else {
                break;
            }
        }
        const std::size_t digits = static_cast<std::size_t>(q - p) - (dot != nullptr);
        if (q == end && digits != 0 && digits <= kMaxMantissaDigits && mantissa <= kMaxExactInteger) {
            const std::size_t decimals = dot == nullptr ? 0 : static_cast<std::size_t>(end - dot - 1);
            double magnitude = static_cast<double>(mantissa);
            if (decimals != 0) magnitude /= kExactPow10[decimals];  // decimals <= 19: exact power of ten
            value = negative ? -magnitude : magnitude;
            return dot == nullptr ? NumberSyntax::Integer : NumberSyntax::Decimal;
        }
    }
    if (!is_digit(*p) && *p != '.') {
        const std::string_view word(p, static_cast<std::size_t>(end - p));
        if (!equals_ignoring_case(word, "inf") && !equals_ignoring_case(word, "infinity")) return NumberSyntax::None;
        value = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return NumberSyntax::Decimal;
    }

    // The value is mantissa * 10^exponent, with the significant digits (leading zeros skipped)
    // in `mantissa`: exact while there are at most 19 of them, else strtod reads the text.
    std::uint64_t mantissa = 0;
    std::int64_t exponent = 0;
    const char* const digits_begin = p;
    while (p != end && *p == '0') ++p;
    const char* significant = p;
    for (; p != end && is_digit(*p); ++p) mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
    std::size_t significant_digits = static_cast<std::size_t>(p - significant);
    bool any_digit = p != digits_begin;
    NumberSyntax syntax = NumberSyntax::Integer;
    if (p != end && *p == '.') {
        syntax = NumberSyntax::Decimal;
        const char* const fraction_begin = ++p;
        if (significant_digits == 0) {
            while (p != end && *p == '0') ++p;
        }
        significant = p;
        for (; p != end && is_digit(*p); ++p) mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
        significant_digits += static_cast<std::size_t>(p - significant);
        exponent = -static_cast<std::int64_t>(p - fraction_begin);
        any_digit |= p != fraction_begin;
    }
    if (!any_digit) return NumberSyntax::None;
    if (p != end && (*p == 'e' || *p == 'E')) {
        syntax = NumberSyntax::Decimal;
        ++p;
        bool negative_exponent = false;
        if (p != end && (*p == '+' || *p == '-')) {
            negative_exponent = *p == '-';
            ++p;
        }
        if (p == end || !is_digit(*p)) return NumberSyntax::None;
        std::int64_t written = 0;
        for (; p != end && is_digit(*p); ++p) {
            // Beyond this every double is 0 or inf anyway; saturating keeps the sum from overflowing.
            if (written < 1000000000) written = written * 10 + (*p - '0');
        }
        exponent += negative_exponent ? -written : written;
    }
    if (p != end) return NumberSyntax::None;
    if (significant_digits > kMaxMantissaDigits) {  // the mantissa wrapped around: not used
        value = strtod_of(text);
        return syntax;
    }

    if (mantissa == 0) {
        value = negative ? -0.0 : 0.0;
        return syntax;
    }
    if (mantissa <= kMaxExactInteger) {
        double magnitude = 0.0;
        bool exact = true;
        if (exponent >= 0 && exponent <= 22) {
            magnitude = static_cast<double>(mantissa) * kExactPow10[exponent];
        } else if (exponent < 0 && exponent >= -22) {
            magnitude = static_cast<double>(mantissa) / kExactPow10[-exponent];
        } else if (exponent > 22 && exponent <= 22 + 15 && mantissa <= kMaxExactInteger / kIntPow10[exponent - 22]) {
            // e.g. 12e30 = (12 * 10^8) * 10^22: the first product is still an exact integer.
            magnitude = static_cast<double>(mantissa * kIntPow10[exponent - 22]) * kExactPow10[22];
        } else {
            exact = false;
        }
        if (exact) {
            value = negative ? -magnitude : magnitude;
            return syntax;
        }
    }
    value = strtod_of(text);
    return syntax;
}

}  // namespace mlwb::drift
