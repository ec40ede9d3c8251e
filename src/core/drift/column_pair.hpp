// One column of the reference data and the same column of the current data, cleaned the way
// Evidently cleans them before any statistic: missing values, NaN and infinities dropped from
// each side separately. Numeric columns keep their values sorted (every numeric metric walks
// sorted samples); categorical ones keep counts per category, categories in ascending byte
// order (as Python's sorted() orders str), both sides over the same category list.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drift/csv_reader.hpp"
#include "drift/stat_tests.hpp"

namespace mlwb::drift {

struct ColumnPair {
    std::string name;
    ColumnKind kind = ColumnKind::Numeric;
    std::string type;  // the reader's type of the reference column ("integer", "categorical", ...)
    // Numeric: finite values, ascending.
    std::vector<double> reference;
    std::vector<double> current;
    // Categorical: the union of categories; counts aligned with it.
    std::vector<std::string> categories;
    std::vector<double> reference_counts;
    std::vector<double> current_counts;
    // Rows looked at, and how many of them were missing, NaN or infinite.
    std::size_t reference_rows = 0;
    std::size_t current_rows = 0;
    std::size_t reference_dropped = 0;
    std::size_t current_dropped = 0;

    std::size_t n_reference() const;  // values left after dropping
    std::size_t n_current() const;
};

// Which rows of a column take part: all of them, or a list of row indices (a time window).
struct RowSelection {
    bool all = true;
    std::span<const std::uint32_t> rows;
};

// How a column is compared by default: integer and numeric columns as numbers; boolean and
// categorical as categories. Datetime, text and empty columns are not compared.
bool comparable(ColumnType type);
ColumnKind default_kind(ColumnType type);

// Builds the pair. `kind` may ask for categories on a numeric column (its distinct texts, when
// the reader kept them). Returns an empty string, or why the column cannot be compared.
std::string make_column_pair(const Column& reference, RowSelection reference_rows, const Column& current,
                             RowSelection current_rows, ColumnKind kind, ColumnPair& out);

// Distinct values of a numeric pair, both sides together (from the sorted samples).
std::size_t distinct_numeric_values(const ColumnPair& pair);

}  // namespace mlwb::drift
