// The drift lens's part of the app state: where the data comes from and the comparison's
// settings. Links and storage carry these, never the data: with files as the source a link
// reopens the same settings and asks for the files; with synthetic data it reproduces the exact
// rows (preset, seed and size), which is what a workshop link needs.
//   {"v":1,"source":"synthetic","preset":"sudden","seed":42,"rows":5000,"column":"channel",
//    "columns":[],"stat_test":"","threshold":null,"drift_share":0.5,"correction":"none",
//    "time_column":"timestamp","window":"1d","reference_windows":1,
//    "per_column":[{"name":"age","test":"psi","threshold":0.2,"skip":false,"as_category":false}]}
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "drift/drift_report.hpp"
#include "drift/drift_settings.hpp"
#include "drift/synthetic.hpp"
#include "util/outcome.hpp"

namespace mlwb::state {

constexpr int kDriftStateVersion = 1;

enum class DriftSource { Synthetic, Files, Histograms };

struct DriftState {
    DriftSource source = DriftSource::Synthetic;
    std::string preset = "sudden";  // a drift::synthetic_presets() key
    std::uint64_t seed = 42;
    std::size_t rows = 5000;        // synthetic rows per period
    std::string column;             // the column shown in detail
    drift::DriftSettings settings = default_drift_settings();
    bool operator==(const DriftState&) const = default;

    static drift::DriftSettings default_drift_settings() {
        drift::DriftSettings s;
        s.time_column = "timestamp";  // the synthetic data's time column
        return s;
    }
};

// The synthetic data the state describes: its preset with the state's seed and rows.
drift::SyntheticSpec synthetic_spec(const DriftState& s);
// "synthetic: sudden (seed 42)" and the table's size, for the report's header.
drift::DataSource synthetic_source(const DriftState& s, const drift::Table& table);

const char* key_of(DriftSource s);
bool parse_key(const std::string& text, DriftSource& out);

nlohmann::json drift_state_to_json(const DriftState& s);
// Never fails: wrong or unknown fields keep their defaults with a notice, and the result passes
// drift::validate (an invalid field falls back to its default with the validation message).
Decoded<DriftState> drift_state_from_json(const nlohmann::json& j);

}  // namespace mlwb::state
