// Numbers in CSV cells, read without std::from_chars (the wasm toolchain's libc++ has none for
// double) and without locale: a decimal point is always '.', and no thousands separators.
#pragma once

#include <cstdint>
#include <string_view>

namespace mlwb::drift {

enum class NumberSyntax : std::uint8_t {
    None,     // not a number: the cell is text
    Integer,  // [+-]digits
    Decimal,  // with a '.', an exponent, or ±inf / ±infinity (any case)
};

// Reads the whole of `text` (already trimmed) as [+-](digits[.digits*] | .digits)([eE][+-]digits)?
// or [+-]inf / [+-]infinity. `value` is the correctly rounded double, equal to std::strtod's:
// up to 19 significant digits with a power of ten that is exact in a double are computed
// directly (Clinger's fast path, one rounding); everything else goes to strtod on a copy.
// Out of range values become ±inf or (±)0 like strtod's. `value` is untouched for None.
NumberSyntax parse_csv_number(std::string_view text, double& value);

}  // namespace mlwb::drift
