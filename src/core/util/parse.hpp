// Reading numbers the way people type them, shared by the UI's inputs and the CLI's options.
#pragma once

namespace mlwb {

// Accepts "0.1", " 10% " (= 0.1), "1e-3", ".05". Refuses empty text, trailing junk, hex floats,
// inf and nan, and values that overflow. Returns false and leaves `out` alone when refused.
bool parse_user_number(const char* text, double& out);

}  // namespace mlwb
