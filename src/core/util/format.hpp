// Number formatting shared by messages, the CLI and the UI (no locale, no <format>: libc++ 14 lacks it).
#pragma once
#include <cstdint>
#include <string>

namespace mlwb {

std::string format_significant(double v, int digits);  // "0.0253" for (0.025314, 3)
std::string format_grouped(std::int64_t v);             // "14,751"
std::string format_shortest(double v);                  // shortest text that reads back as v: "0.1"

}  // namespace mlwb
