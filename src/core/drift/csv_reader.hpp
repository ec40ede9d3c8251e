// The drift lens's CSV reader: a file, fed in chunks as the browser reads a File in slices,
// into typed columns. It never throws, never aborts and takes any bytes (invalid UTF-8 is kept
// as bytes): what it cannot read as asked is read some other way and listed as a problem.
//
// Reading: RFC 4180 quoting ("" is a quote inside a quoted field, which may span lines);
// line breaks CRLF, LF or a lone CR; a UTF-8 BOM dropped; blank (or whitespace-only) lines
// skipped (so in a one-column file an empty line is no row; a quoted "" is a missing value);
// spaces and tabs around unquoted fields trimmed, quoted text kept as written. Text
// after a closing quote is kept in the field (a problem). A record with too few fields gets
// missing values for the rest, one with too many loses the extras (a problem each); a quote
// still open at the end of the file keeps its text to the end (a problem).
//
// Types, over all rows (missing cells, see is_missing_token in csv_cell.hpp, never decide):
// Boolean if every value is true/false/yes/no (any case), Integer if every value is an
// integer, Numeric if every value is a number ('.' decimal point, exponents, ±inf; no
// thousands separators), Datetime if every value is ISO 8601 (see parse_iso_datetime),
// else Categorical, or Text beyond kMaxCategories distinct texts. No value at all: Empty.
//
// Memory while reading: 8 bytes a cell while a column can still be a number, boolean or
// date-time, 4 more while it has at most kMaxCategories distinct texts (plus that dictionary);
// whichever becomes impossible is freed at once. A text cell is never a string of its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlwb::drift {

enum class ColumnType { Integer, Numeric, Boolean, Datetime, Categorical, Text /* too many distinct values to be a category */, Empty };

// line: 1-based physical line of the record's start in the file (header = line 1); column:
// the column's name, or empty for a problem of the whole record.
struct ParseProblem {
    std::size_t line = 0;
    std::string column;
    std::string message;
};

inline constexpr std::uint32_t kMissingCode = 0xffffffffu;
inline constexpr std::size_t kMaxCategories = 65536;
// Distinct texts up to which a column of numbers also keeps its texts as categories.
inline constexpr std::size_t kMaxNumericCategories = 1024;
// A first record (header) with more fields than this is cut here (a problem): it bounds the
// memory a hostile file of delimiters can take.
inline constexpr std::size_t kMaxColumns = 100000;

// numbers and codes are each either empty or exactly Table::rows long.
struct Column {
    std::string name;
    ColumnType type = ColumnType::Empty;
    // Integer/Numeric: the value; Boolean: 0/1; Datetime: seconds since 1970-01-01T00:00:00Z
    // (offsets applied, fractional seconds kept); NaN = missing. Empty for the other types.
    std::vector<double> numbers;
    // Categorical/Boolean: index into categories, kMissingCode for missing. Also kept for
    // Integer/Numeric columns with <= kMaxNumericCategories distinct texts (so the user may treat
    // them as categories); empty otherwise (Datetime, Text, Empty, and numbers with more texts).
    std::vector<std::uint32_t> codes;
    std::vector<std::string> categories;  // distinct cell texts in first-seen order, when codes are kept
    std::size_t missing = 0;
};

struct CsvOptions {
    char delimiter = 0;  // 0 = detect among , ; \t (also for '"', '\n' or '\r', which cannot be one)
    bool header = true;  // false: columns are named column_1, column_2, ...
    std::size_t max_problems = 200;
    // The file's size in bytes when known (File.size; read_csv passes the text's): after the
    // first rows the columns reserve room for the rows expected, instead of growing and copying.
    std::size_t size_hint = 0;
};

struct Table {
    std::vector<Column> columns;  // header names made unique: empty -> "column_3", repeated -> "x_2"
    std::size_t rows = 0;
    char delimiter = ',';
    std::vector<ParseProblem> problems;  // at most max_problems listed ...
    std::size_t problem_count = 0;       // ... of this many
};

class CsvReader {
public:
    explicit CsvReader(CsvOptions options = {});
    ~CsvReader();
    CsvReader(CsvReader&&) noexcept;
    CsvReader& operator=(CsvReader&&) noexcept;

    // Any split, even inside a quoted field, a CRLF or a UTF-8 sequence, gives the same Table.
    void feed(std::string_view chunk);
    // Flushes the last record; the reader is spent afterwards (feed ignored, finish empty).
    Table finish();
    std::size_t bytes_fed() const;
    std::size_t rows_read() const;  // data rows completed so far

private:
    struct State;
    std::unique_ptr<State> state_;
};

Table read_csv(std::string_view text, CsvOptions options = {});

// "integer", "numeric", "boolean", "datetime", "categorical", "text", "empty"
const char* column_type_name(ColumnType type);

}  // namespace mlwb::drift
