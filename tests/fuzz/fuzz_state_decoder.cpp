// libFuzzer target for everything that decodes state from outside: the URL hash and the JSON
// text of localStorage / setState. Besides "no crash, no sanitizer report", it checks that
// whatever comes in, the state that results is valid, computes, and survives its own link.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "power/curves.hpp"
#include "power/solve.hpp"
#include "state/app_state.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mlwb::state;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    auto check = [](const AppState& s) {
        if (!mlwb::power::validate(s.power).empty()) std::abort();
        if (!mlwb::power::validate(s.power_check).empty()) std::abort();
        const auto results = instrument_results_json(s, s.active);
        if (results["ok"] != true || results["check"]["ok"] != true) std::abort();
        // The view model the UI builds from it: every curve point computed without trouble.
        mlwb::power::PowerCurves curves;
        mlwb::power::compute_power_curves(s.power, mlwb::power::solve(s.power).value, 32, curves);
        AppState again;
        const std::string hash = app_state_to_hash(s);
        if (!apply_hash(again, hash).empty()) std::abort();
        if (!(again.power == s.power) || !(again.power_check == s.power_check) || again.active != s.active) std::abort();
    };

    AppState from_hash;
    apply_hash(from_hash, text);
    check(from_hash);

    AppState from_text;
    set_instrument_state_text(from_text, InstrumentId::Power, text);
    check(from_text);
    return 0;
}
