// What every mlwb command shares: reading a file (or stdin) and reporting bad input.
#pragma once
#include <string>

namespace mlwb::cli {

// Prints "mlwb: <message>" to stderr and returns 2, the exit code for bad input.
int fail(const std::string& message);

// The whole of `path` ('-' for stdin) into `out`; false if it cannot be read.
bool read_all(const std::string& path, std::string& out);

// Writes `text` to `path`, creating nothing but the file; false if it cannot be written.
bool write_all(const std::string& path, const std::string& text);

}  // namespace mlwb::cli
