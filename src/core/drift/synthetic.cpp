#include "drift/synthetic.hpp"

#include <cmath>
#include <cstdio>
#include <utility>

#include "drift/civil_time.hpp"
#include "serving/rng.hpp"
#include "serving/samplers.hpp"
#include "util/enum_names.hpp"
#include "util/escape.hpp"

namespace mlwb::drift {
namespace {

constexpr std::pair<Family, const char*> kFamilies[] = {{Family::Normal, "normal"},
                                                         {Family::Lognormal, "lognormal"},
                                                         {Family::Uniform, "uniform"},
                                                         {Family::Categorical, "categorical"},
                                                         {Family::Mixture, "mixture"}};
constexpr std::pair<DriftKind, const char*> kDrifts[] = {{DriftKind::None, "none"},
                                                          {DriftKind::MeanShift, "mean_shift"},
                                                          {DriftKind::ScaleChange, "scale_change"},
                                                          {DriftKind::Reweight, "reweight"},
                                                          {DriftKind::NewCategory, "new_category"}};
constexpr std::pair<Timing, const char*> kTimings[] = {
    {Timing::Whole, "whole"}, {Timing::Sudden, "sudden"}, {Timing::Gradual, "gradual"}, {Timing::Recurring, "recurring"}};

// Categories and their reference weights; "NEW" appears only with the new-category drift.
constexpr const char* kCategories[] = {"web", "ios", "android", "partner", "api"};
constexpr double kWeights[] = {0.40, 0.25, 0.15, 0.12, 0.08};

SyntheticSpec make_spec(Timing timing, std::vector<SyntheticColumn> columns) {
    SyntheticSpec s;
    s.timing = timing;
    s.columns = std::move(columns);
    return s;
}

const SyntheticPreset kPresets[] = {
    {"mean-shift", "A shifted mean",
     "Basket value moved up by a third of a standard deviation on the whole current period; everything else is stable.",
     make_spec(Timing::Whole, {{"basket_value", Family::Lognormal, DriftKind::MeanShift, 0.35},
                               {"age", Family::Normal, DriftKind::None, 0},
                               {"session_minutes", Family::Mixture, DriftKind::None, 0},
                               {"discount", Family::Uniform, DriftKind::None, 0},
                               {"channel", Family::Categorical, DriftKind::None, 0}})},
    {"sudden", "A sudden launch",
     "On day 7 a partner launch re-weights the channel mix and widens basket values overnight.",
     make_spec(Timing::Sudden, {{"basket_value", Family::Lognormal, DriftKind::ScaleChange, 0.6},
                                {"age", Family::Normal, DriftKind::None, 0},
                                {"session_minutes", Family::Mixture, DriftKind::None, 0},
                                {"discount", Family::Uniform, DriftKind::None, 0},
                                {"channel", Family::Categorical, DriftKind::Reweight, 0.3}})},
    {"gradual", "A gradual slide",
     "Users age slowly into the product: the mean drifts along a sigmoid centred on day 7, and no single day looks alarming.",
     make_spec(Timing::Gradual, {{"basket_value", Family::Lognormal, DriftKind::None, 0},
                                 {"age", Family::Normal, DriftKind::MeanShift, 0.8},
                                 {"session_minutes", Family::Mixture, DriftKind::Reweight, 0.5},
                                 {"discount", Family::Uniform, DriftKind::None, 0},
                                 {"channel", Family::Categorical, DriftKind::None, 0}})},
    {"new-category", "A category nobody saw",
     "A new client starts sending traffic as channel 'NEW', which the reference never had; chi-square flags it at once.",
     make_spec(Timing::Sudden, {{"basket_value", Family::Lognormal, DriftKind::None, 0},
                                {"age", Family::Normal, DriftKind::None, 0},
                                {"session_minutes", Family::Mixture, DriftKind::None, 0},
                                {"discount", Family::Uniform, DriftKind::None, 0},
                                {"channel", Family::Categorical, DriftKind::NewCategory, 0.1}})},
    {"recurring", "A recurring pattern",
     "Discount campaigns run four days on, four days off: drift comes and goes, and a single comparison averages it away.",
     make_spec(Timing::Recurring, {{"basket_value", Family::Lognormal, DriftKind::None, 0},
                                   {"age", Family::Normal, DriftKind::None, 0},
                                   {"session_minutes", Family::Mixture, DriftKind::None, 0},
                                   {"discount", Family::Uniform, DriftKind::MeanShift, 0.25},
                                   {"channel", Family::Categorical, DriftKind::None, 0}})},
    {"no-drift", "No drift at all",
     "Both periods come from the same distributions: whatever a test flags here is a false alarm (about 5 % of p-value tests).",
     make_spec(Timing::Whole, {{"basket_value", Family::Lognormal, DriftKind::None, 0},
                               {"age", Family::Normal, DriftKind::None, 0},
                               {"session_minutes", Family::Mixture, DriftKind::None, 0},
                               {"discount", Family::Uniform, DriftKind::None, 0},
                               {"channel", Family::Categorical, DriftKind::None, 0}})},
};

bool numeric_family(Family f) { return f != Family::Categorical; }

// One draw of a column at drift strength s (0 = the reference distribution).
double draw_number(const SyntheticColumn& c, double s, serving::Rng& rng, serving::NormalSampler& normal) {
    const double shift = c.drift == DriftKind::MeanShift ? c.magnitude * s : 0.0;
    const double scale = c.drift == DriftKind::ScaleChange ? 1.0 + c.magnitude * s : 1.0;
    switch (c.family) {
    case Family::Normal: return 40.0 + 12.0 * (shift + scale * normal.draw(rng));
    case Family::Lognormal: return 30.0 * serving::det_exp(0.6 * (shift + scale * normal.draw(rng)));
    case Family::Uniform: {
        const double u = rng.uniform();
        return 0.3 * (shift + 0.5 + scale * (u - 0.5));
    }
    case Family::Mixture: {
        // Short and long sessions; re-weighting moves sessions from short to long.
        const double long_share = 0.3 + (c.drift == DriftKind::Reweight ? c.magnitude * 0.6 * s : 0.0);
        const bool is_long = rng.uniform() < long_share;
        const double z = normal.draw(rng);
        const double v = is_long ? 25.0 + 6.0 * (shift + scale * z) : 6.0 + 2.0 * (shift + scale * z);
        return std::max(0.0, v);
    }
    case Family::Categorical: return 0;
    }
    return 0;
}

std::uint32_t draw_category(const SyntheticColumn& c, double s, serving::Rng& rng) {
    if (c.drift == DriftKind::NewCategory && rng.uniform() < c.magnitude * s) return 5;  // "NEW"
    double w[5];
    for (int i = 0; i < 5; ++i) w[i] = kWeights[i];
    if (c.drift == DriftKind::Reweight) {  // move weight from the largest category to the smallest two
        const double moved = kWeights[0] * std::min(1.0, c.magnitude * s);
        w[0] -= moved;
        w[3] += moved / 2;
        w[4] += moved / 2;
    }
    double u = rng.uniform();
    for (std::uint32_t i = 0; i < 5; ++i) {
        if (u < w[i]) return i;
        u -= w[i];
    }
    return 4;
}

// The reference period ends where the current one starts: 2025-01-01 (days since 1970).
constexpr double kCurrentStartDay = 20089;

Table make_table(const SyntheticSpec& spec, bool current, serving::Rng& rng) {
    serving::NormalSampler normal;
    const std::size_t rows = current ? spec.current_rows : spec.reference_rows;
    const int days = current ? spec.current_days : spec.reference_days;
    const double first_day = current ? kCurrentStartDay : kCurrentStartDay - spec.reference_days;
    Table t;
    t.rows = rows;
    Column time;
    time.name = "timestamp";
    time.type = ColumnType::Datetime;
    time.numbers.resize(rows);
    t.columns.push_back(std::move(time));
    for (const auto& c : spec.columns) {
        Column col;
        col.name = c.name;
        if (numeric_family(c.family)) {
            col.type = ColumnType::Numeric;
            col.numbers.resize(rows);
        } else {
            col.type = ColumnType::Categorical;
            col.codes.resize(rows);
            for (const char* name : kCategories) col.categories.emplace_back(name);
            col.categories.emplace_back("NEW");
        }
        t.columns.push_back(std::move(col));
    }
    for (std::size_t r = 0; r < rows; ++r) {
        // Rows spread evenly over the days, at a random second of their day.
        const int day = static_cast<int>(r * static_cast<std::size_t>(days) / std::max<std::size_t>(1, rows));
        t.columns[0].numbers[r] = (first_day + day) * 86400.0 + std::floor(rng.uniform() * 86400.0);
        const double s = current ? drift_intensity(spec, day) : 0.0;
        for (std::size_t k = 0; k < spec.columns.size(); ++k) {
            const auto& c = spec.columns[k];
            Column& col = t.columns[k + 1];
            if (numeric_family(c.family))
                col.numbers[r] = draw_number(c, s, rng, normal);
            else
                col.codes[r] = draw_category(c, s, rng);
        }
    }
    // Keep only categories that occur, as the reader would.
    for (auto& col : t.columns) {
        if (col.type != ColumnType::Categorical) continue;
        std::vector<std::uint32_t> remap(col.categories.size(), kMissingCode);
        std::vector<std::string> used;
        for (auto& code : col.codes) {
            if (remap[code] == kMissingCode) {
                remap[code] = static_cast<std::uint32_t>(used.size());
                used.push_back(col.categories[code]);
            }
            code = remap[code];
        }
        col.categories = std::move(used);
    }
    return t;
}


}  // namespace

std::span<const SyntheticPreset> synthetic_presets() { return kPresets; }

const char* family_key(Family f) { return name_in(kFamilies, f); }
const char* drift_kind_key(DriftKind d) { return name_in(kDrifts, d); }
const char* timing_key(Timing t) { return name_in(kTimings, t); }
bool family_from_key(std::string_view key, Family& out) { return value_in(kFamilies, key, out); }
bool drift_kind_from_key(std::string_view key, DriftKind& out) { return value_in(kDrifts, key, out); }
bool timing_from_key(std::string_view key, Timing& out) { return value_in(kTimings, key, out); }

std::vector<FieldError> validate(const SyntheticSpec& s) {
    std::vector<FieldError> e;
    if (s.reference_rows < 10 || s.reference_rows > 2'000'000)
        e.push_back({"reference_rows", "reference rows must be between 10 and 2,000,000"});
    if (s.current_rows < 10 || s.current_rows > 2'000'000)
        e.push_back({"current_rows", "current rows must be between 10 and 2,000,000"});
    if (s.reference_days < 1 || s.reference_days > 365) e.push_back({"reference_days", "reference days must be 1 to 365"});
    if (s.current_days < 1 || s.current_days > 365) e.push_back({"current_days", "current days must be 1 to 365"});
    if (s.onset_day < 0 || s.onset_day > 365) e.push_back({"onset_day", "onset day must be 0 to 365"});
    if (!(s.transition_days > 0 && s.transition_days <= 100))
        e.push_back({"transition_days", "transition must be more than 0 and at most 100 days"});
    if (s.period_days < 1 || s.period_days > 100) e.push_back({"period_days", "period must be 1 to 100 days"});
    if (s.columns.empty() || s.columns.size() > 50) e.push_back({"columns", "between 1 and 50 columns"});
    for (std::size_t i = 0; i < s.columns.size(); ++i) {
        const auto& c = s.columns[i];
        const std::string at = "columns." + std::to_string(i) + ".";
        if (c.name.empty() || c.name == "timestamp") e.push_back({at + "name", "a column needs a name other than 'timestamp'"});
        if (!(c.magnitude >= 0 && c.magnitude <= 10)) e.push_back({at + "magnitude", "magnitude must be 0 to 10"});
        const bool numeric = numeric_family(c.family);
        if (c.drift == DriftKind::NewCategory && numeric)
            e.push_back({at + "drift", "a new category needs a categorical column"});
        if (c.drift == DriftKind::Reweight && c.family != Family::Categorical && c.family != Family::Mixture)
            e.push_back({at + "drift", "re-weighting needs a categorical or mixture column"});
        if ((c.drift == DriftKind::MeanShift || c.drift == DriftKind::ScaleChange) && !numeric)
            e.push_back({at + "drift", "a shift or scale change needs a numeric column"});
        if (c.drift == DriftKind::Reweight && c.family == Family::Categorical && c.magnitude > 1)
            e.push_back({at + "magnitude", "a categorical re-weighting moves at most all (1) of the top category"});
        if (c.drift == DriftKind::NewCategory && c.magnitude > 1)
            e.push_back({at + "magnitude", "the new category's share must be at most 1"});
    }
    return e;
}

double drift_intensity(const SyntheticSpec& s, int day) {
    switch (s.timing) {
    case Timing::Whole: return 1.0;
    case Timing::Sudden: return day >= s.onset_day ? 1.0 : 0.0;
    case Timing::Gradual: return 1.0 / (1.0 + serving::det_exp(-(day - s.onset_day + 0.5) / s.transition_days));
    case Timing::Recurring: return (day / s.period_days) % 2 == 1 ? 1.0 : 0.0;
    }
    return 0.0;
}

SyntheticData generate_synthetic(const SyntheticSpec& spec) {
    if (!validate(spec).empty()) return {};
    serving::Rng rng(spec.seed);
    serving::Rng ref_rng = rng.split();
    serving::Rng cur_rng = rng.split();
    return {make_table(spec, false, ref_rng), make_table(spec, true, cur_rng)};
}

std::string table_to_csv(const Table& t) {
    std::string out;
    for (std::size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + csv_field(t.columns[c].name);
    out += "\n";
    char buf[40];
    for (std::size_t r = 0; r < t.rows; ++r) {
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            if (c) out += ',';
            const Column& col = t.columns[c];
            if (col.type == ColumnType::Datetime && r < col.numbers.size()) {
                out += format_utc(col.numbers[r], TimeText::Iso);
            } else if (!col.numbers.empty() && col.type != ColumnType::Categorical) {
                const double v = r < col.numbers.size() ? col.numbers[r] : NAN;
                if (std::isfinite(v)) {
                    std::snprintf(buf, sizeof buf, "%.17g", v);
                    out += buf;
                }
            } else if (r < col.codes.size() && col.codes[r] < col.categories.size()) {
                out += csv_field(col.categories[col.codes[r]]);
            }
        }
        out += "\n";
    }
    return out;
}

}  // namespace mlwb::drift
