// Which Serving scenarios the simulator accepts, and the names of its choices in the state JSON,
// links and the CLI. Every error is keyed by the field's dotted state-JSON path
// ("fleet.replicas", "service.p99_ms") and says the allowed range, so the UI can show it beside
// the widget and the state decoder can name what it replaced.
//
// Two kinds of rules:
//  - each field on its own is range-checked always, whatever is switched on, so a stored
//    scenario stays usable when the user switches a model on later;
//  - rules that tie fields together apply always too, except those that only matter for one
//    choice (the lognormal fit, samples for Empirical/Trace, timestamps for Replay, the
//    utilization target <= 1): they apply only while that choice is selected.
// Not a rule: fleet.replicas is the initial fleet; with autoscaling on, the simulator clamps
// it into [autoscaling.min_replicas, autoscaling.max_replicas], so the two groups never
// contradict each other. Whether an LLM's weights fit its GPUs is a result (llm.hpp), not
// an input error.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "serving/scenario.hpp"
#include "util/outcome.hpp"

namespace mlwb::serving {

constexpr double kLognormalZ99 = 2.3263478740408408;      // standard normal 99th percentile
constexpr std::size_t kMaxSamples = 1000000;                // samples_ms and replay_s
constexpr unsigned long long kMaxSeed = 9007199254740991;   // 2^53 - 1: exact in JavaScript and links

// All problems of the scenario; empty when the simulator and the formulas may use it.
std::vector<FieldError> validate(const Scenario& s);

// The problems one field takes part in, for the UI checking a typed value before it enters
// the state: errors keyed by `key`, plus errors of rules that tie `key` to other fields,
// re-keyed to `key` (typing a median above the p99 is refused at the median's box; choosing
// the lognormal kind with an impossible p99 is refused at the kind's box).
std::vector<FieldError> validate_field(const Scenario& s, std::string_view key);

// The names used in the state JSON, the URL hash and the CLI.
const char* key_of(ArrivalKind);   // poisson, gamma, on-off, daily, replay
const char* key_of(ServiceKind);   // deterministic, exponential, lognormal, gamma, empirical, trace
const char* key_of(LognormalFit);  // mean-cv, p50-p99, mean-p99
const char* key_of(ScaleMetric);   // utilization, in-flight

// Parses a key back; false (and `out` untouched) when the text is none of the names.
bool parse_key(std::string_view text, ArrivalKind& out);
bool parse_key(std::string_view text, ServiceKind& out);
bool parse_key(std::string_view text, LognormalFit& out);
bool parse_key(std::string_view text, ScaleMetric& out);

}  // namespace mlwb::serving
