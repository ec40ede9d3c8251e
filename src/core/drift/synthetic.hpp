// Seeded synthetic data for teaching drift: a reference period and a current period, each with
// a "timestamp" column (one day per window), whose columns come from a chosen family and drift
// in a chosen way, switched on over the current period suddenly, gradually (a sigmoid across
// windows) or on and off (recurring). Drawn with the serving simulator's generator, so a seed
// gives the same data natively and in the browser.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drift/csv_reader.hpp"
#include "util/outcome.hpp"

namespace mlwb::drift {

enum class Family { Normal, Lognormal, Uniform, Categorical, Mixture };
enum class DriftKind { None, MeanShift, ScaleChange, Reweight, NewCategory };
enum class Timing { Whole, Sudden, Gradual, Recurring };

struct SyntheticColumn {
    std::string name;
    Family family = Family::Normal;
    DriftKind drift = DriftKind::None;
    double magnitude = 0.5;  // mean shift in reference sds; scale factor - 1; share of weight moved
    bool operator==(const SyntheticColumn&) const = default;
};

struct SyntheticSpec {
    std::uint64_t seed = 42;
    std::size_t reference_rows = 5000;
    std::size_t current_rows = 5000;
    int reference_days = 14;    // the reference period's windows (days)
    int current_days = 14;      // the current period's windows (days)
    Timing timing = Timing::Whole;
    int onset_day = 7;          // sudden and gradual: the current day where drift reaches half strength
    double transition_days = 2; // gradual: the sigmoid's scale in days
    int period_days = 4;        // recurring: drift on for this many days, then off as long
    std::vector<SyntheticColumn> columns;
    bool operator==(const SyntheticSpec&) const = default;
};

struct SyntheticPreset {
    const char* key;
    const char* title;
    const char* story;  // one sentence for the workshop
    SyntheticSpec spec;
};
std::span<const SyntheticPreset> synthetic_presets();

const char* family_key(Family f);
const char* drift_kind_key(DriftKind d);
const char* timing_key(Timing t);
bool family_from_key(std::string_view key, Family& out);
bool drift_kind_from_key(std::string_view key, DriftKind& out);
bool timing_from_key(std::string_view key, Timing& out);

std::vector<FieldError> validate(const SyntheticSpec& spec);

// Drift strength (0..1) on a day of the current period.
double drift_intensity(const SyntheticSpec& spec, int current_day);

struct SyntheticData {
    Table reference;
    Table current;
};
// A spec that fails validate() gives empty tables.
SyntheticData generate_synthetic(const SyntheticSpec& spec);

// Writes a table as CSV (so generated data can be downloaded and read back in).
std::string table_to_csv(const Table& table);

}  // namespace mlwb::drift
