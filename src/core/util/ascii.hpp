// ASCII character classes, as the "C" locale defines them, inline. The <cctype> functions are
// out-of-line library calls in wasm (musl), which made per-character loops 2-3x slower there.
#pragma once

namespace mlwb {

constexpr bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool ascii_alpha(char c) { return ascii_lower(c) || ascii_upper(c); }
constexpr bool ascii_alnum(char c) { return ascii_alpha(c) || ascii_digit(c); }
constexpr char ascii_to_lower(char c) { return ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace mlwb
