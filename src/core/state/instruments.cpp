#include "state/instruments.hpp"

#include <array>

namespace mlwb::state {

namespace {
constexpr std::array<InstrumentInfo, 4> kInstruments{{
    {InstrumentId::Power, "power", "Experiment power"},
    {InstrumentId::Serving, "serving", "Serving simulator"},
    {InstrumentId::Drift, "drift", "Drift lens"},
    {InstrumentId::Guide, "guide", "Persona guide"},
}};
}

std::span<const InstrumentInfo> instruments() { return kInstruments; }

const InstrumentInfo& instrument_info(InstrumentId id) {
    for (const auto& info : kInstruments)
        if (info.id == id) return info;
    return kInstruments[0];
}

std::optional<InstrumentId> instrument_from_key(std::string_view key) {
    for (const auto& info : kInstruments)
        if (key == info.key) return info.id;
    return std::nullopt;
}

}  // namespace mlwb::state
