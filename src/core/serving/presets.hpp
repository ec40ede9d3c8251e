// Worked examples for the Serving simulator, each with a sentence of story: a team's traffic, its
// latency target and the hardware it would run on, with numbers that can be defended (the
// reasoning is beside each number in presets.cpp). Shared by the UI's preset menu, workshop
// material and the tests (every preset must validate and simulate quickly enough for a browser).
#pragma once

#include <span>
#include <string_view>

#include "serving/scenario.hpp"

namespace mlwb::serving {

struct ServingPreset {
    const char* key;    // "fraud"
    const char* title;  // "Fraud scoring at 50k TPS"
    const char* story;  // one sentence
    Scenario scenario;
};

// fraud, recs, chat, nightly. Prices come from the shipped instance catalog (built on first call).
std::span<const ServingPreset> serving_presets();

// By key; nullptr when absent.
const ServingPreset* find_serving_preset(std::string_view key);

}  // namespace mlwb::serving
