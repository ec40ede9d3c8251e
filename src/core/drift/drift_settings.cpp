#include "drift/drift_settings.hpp"

#include <cmath>
#include <utility>

#include "drift/stat_tests.hpp"
#include "drift/windows.hpp"
#include "util/enum_names.hpp"

namespace mlwb::drift {
namespace {

constexpr std::pair<Correction, const char*> kCorrections[] = {
    {Correction::None, "none"}, {Correction::Bonferroni, "bonferroni"}, {Correction::BenjaminiHochberg, "bh"}};

std::string test_list() {
    std::string keys;
    for (const auto& t : stat_tests()) keys += (keys.empty() ? "" : ", ") + std::string(t.key);
    return keys;
}

void check_threshold(double t, const std::string& field, std::vector<FieldError>& errors) {
    if (!std::isnan(t) && (!std::isfinite(t) || t < 0))
        errors.push_back({field, "threshold must be a number >= 0"});
}

}  // namespace

const char* correction_key(Correction c) { return name_in(kCorrections, c); }
bool correction_from_key(std::string_view key, Correction& out) { return value_in(kCorrections, key, out); }

std::vector<FieldError> validate(const DriftSettings& s) {
    std::vector<FieldError> errors;
    if (!(s.drift_share > 0 && s.drift_share <= 1))
        errors.push_back({"drift_share", "share of drifted columns must be in (0, 1]"});
    if (!s.stat_test.empty() && !stat_test_from_key(s.stat_test))
        errors.push_back({"stat_test", "unknown test '" + s.stat_test + "': use one of " + test_list()});
    check_threshold(s.threshold, "threshold", errors);
    if (s.reference_windows < 1 || s.reference_windows > 100)
        errors.push_back({"reference_windows", "reference windows must be between 1 and 100"});
    if (!s.time_column.empty()) {
        WindowSpec spec;
        std::string error;
        if (!parse_window(s.window, spec, error)) errors.push_back({"window", error});
    }
    for (std::size_t i = 0; i < s.per_column.size(); ++i) {
        const auto& c = s.per_column[i];
        const std::string at = "per_column." + std::to_string(i) + ".";
        if (c.name.empty()) errors.push_back({at + "name", "a column setting needs the column's name"});
        if (!c.test.empty() && !stat_test_from_key(c.test))
            errors.push_back({at + "test", "unknown test '" + c.test + "': use one of " + test_list()});
        check_threshold(c.threshold, at + "threshold", errors);
    }
    return errors;
}

}  // namespace mlwb::drift
