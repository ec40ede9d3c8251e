// Errors as values. The engine never throws and never aborts: in the browser a wasm abort
// kills the whole page, so every function that can fail returns what went wrong instead.
#pragma once
#include <string>
#include <vector>

namespace mlwb {

// A problem tied to one input field, keyed by the field's name in the state JSON, so the UI
// can show the message beside the widget that holds the bad value.
struct FieldError {
    std::string field;
    std::string message;
};

template <class T>
struct Outcome {
    T value{};
    std::vector<FieldError> errors;
    bool ok() const { return errors.empty(); }
};

// Result of decoding something from outside (URL hash, localStorage, setState, CLI file):
// always a usable value, plus notices that say what was ignored or replaced by a default.
template <class T>
struct Decoded {
    T value{};
    std::vector<std::string> notices;
};

}  // namespace mlwb
