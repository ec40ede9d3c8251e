// "Show the formulas" for the Serving simulator: the queueing model the formulas chose, with the
// scenario's numbers substituted step by step (the power calculator's explain, for queues).
// Shared by the UI and the results JSON ("formula"), so both show the same derivation.
#pragma once

#include <string>
#include <vector>

#include "serving/analytic.hpp"
#include "serving/scenario.hpp"

namespace mlwb::serving {

struct ExplainStep {
    std::string label;  // "Utilisation"
    std::string text;   // "ρ = λ S / c = 1,600/s × 4 ms / 8 = 0.8"
};

// Empty when no formula applies (batching, LLM mode, unusable inputs: analytic.note says why).
std::vector<ExplainStep> explain(const Scenario& scenario, const AnalyticResult& analytic);

}  // namespace mlwb::serving
