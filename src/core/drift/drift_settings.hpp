// What the user chose for a drift comparison: columns, tests and thresholds, the dataset rule,
// a multiple-testing correction and the time windows. Plain data; it is the drift lens's part of
// the app state (so in links), while the data itself never leaves the page.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "util/outcome.hpp"

namespace mlwb::drift {

enum class Correction { None, Bonferroni, BenjaminiHochberg };

struct ColumnSetting {
    std::string name;
    std::string test;  // a stat test key ("ks", "psi", ...); empty = the default rule
    double threshold = std::numeric_limits<double>::quiet_NaN();  // NaN = the test's default
    bool skip = false;         // leave the column out
    bool as_category = false;  // compare a numeric column's values as categories
    bool operator==(const ColumnSetting& o) const {
        return name == o.name && test == o.test && same_threshold(threshold, o.threshold) && skip == o.skip &&
               as_category == o.as_category;
    }
    // NaN means "the default" and equals NaN here.
    static bool same_threshold(double a, double b) { return a == b || (a != a && b != b); }
};

struct DriftSettings {
    std::vector<std::string> columns;  // empty = every column present in both files
    std::string stat_test;             // one test for every column it applies to; empty = per column
    double threshold = std::numeric_limits<double>::quiet_NaN();  // with stat_test: its threshold
    std::vector<ColumnSetting> per_column;
    double drift_share = 0.5;          // dataset drift when this share of tested columns drifted
    Correction correction = Correction::None;
    std::string time_column;           // split the current data (or the only file) into windows
    std::string window = "1d";         // 30m, 6h, 1d, 1w; or a number of rows: 5000r
    int reference_windows = 1;         // one file: the first windows are the reference
    bool operator==(const DriftSettings& o) const {
        return columns == o.columns && stat_test == o.stat_test && ColumnSetting::same_threshold(threshold, o.threshold) &&
               per_column == o.per_column && drift_share == o.drift_share && correction == o.correction &&
               time_column == o.time_column && window == o.window && reference_windows == o.reference_windows;
    }
};

const char* correction_key(Correction c);  // "none", "bonferroni", "bh"
bool correction_from_key(std::string_view key, Correction& out);

// Field errors keyed by the state path ("drift_share", "window", "per_column.2.test").
std::vector<FieldError> validate(const DriftSettings& s);

}  // namespace mlwb::drift
