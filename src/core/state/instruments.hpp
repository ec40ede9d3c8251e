// The instruments that exist. One appears here only once it works end to end: the top bar,
// the URL hash, localStorage and window.mlwb.instruments() all read this list.
#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace mlwb::state {

enum class InstrumentId { Power, Serving, Drift, Guide };

struct InstrumentInfo {
    InstrumentId id;
    const char* key;    // in URLs, storage keys and the JS API: "power"
    const char* title;  // in the top bar: "Experiment power"
};

std::span<const InstrumentInfo> instruments();
const InstrumentInfo& instrument_info(InstrumentId id);
std::optional<InstrumentId> instrument_from_key(std::string_view key);

}  // namespace mlwb::state
