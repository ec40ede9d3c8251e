// Worked examples for the Experiment power instrument, each with a sentence of story: what a
// team would plan, and why the design options matter for it. Shared by the UI's preset menu,
// workshop material and the tests (every preset must solve).
#pragma once

#include <span>

#include "power/power_inputs.hpp"

namespace mlwb::power {

struct PowerPreset {
    const char* key;    // "checkout"
    const char* title;  // "Checkout conversion"
    const char* story;  // one sentence
    PowerInputs inputs;
};

std::span<const PowerPreset> power_presets();

}  // namespace mlwb::power
