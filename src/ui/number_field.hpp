// A numeric input that never lets a bad value into the state. The user's text is kept as typed;
// while it does not parse or fails validation, a message shows beside it and the state (and
// so every result) keeps the last good value.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "util/outcome.hpp"

namespace mlwb::ui {

struct NumberField {
    char text[48] = "";
    double synced_value = 0;  // the state value `text` was last filled from
    bool synced = false;
    std::string error;        // why `text` was not accepted; empty when it was
    bool editing = false;     // the input was active last frame: its text is the user's
    unsigned int input_id = 0;  // ImGuiID of the text input last drawn (for focus checks and tests)
};

// Returns "" when the candidate is acceptable, else the message to show.
using NumberValidator = std::function<std::string(double candidate)>;

// What a validator shows for the field `key`, given the engine's errors for a trial state with
// the candidate: the message about that field, else the first one (a combination problem), or
// "" when there are none.
std::string message_for_field(const std::vector<FieldError>& errors, const char* key);

// Applies typed text to the field: on success writes `value` and returns true; otherwise sets
// `field.error` and leaves `value` alone. Separate from drawing so it can be tested directly.
bool commit_number_text(NumberField& field, double& value, const NumberValidator& validate);

// Refreshes the text from `value` when the state changed elsewhere (URL, setState, reset).
void sync_number_field(NumberField& field, double value);

// Draws label, input and message; returns true when `value` changed.
bool draw_number_field(const char* label, const char* id, NumberField& field, double& value,
                       const NumberValidator& validate, const char* help);

}  // namespace mlwb::ui
