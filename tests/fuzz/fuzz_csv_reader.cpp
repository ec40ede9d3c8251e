// libFuzzer target for the drift lens's CSV reader. Besides "no crash, no sanitizer report",
// it checks that the Table is well formed and that reading the same bytes in chunks (sizes
// chosen by the input, so chunk boundaries are fuzzed too) gives the very same Table.
//
// Input layout: byte 0 = options (bits 0-1 delimiter: detect , ; \t; bit 2 header; bit 3 at
// most 3 problems listed; bits 4-5 a wrong size hint), byte 1 = chunking (largest chunk 1..16
// and the seed of the sizes), then the file.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "drift/csv_reader.hpp"
#include "../unit/csv_same_table.hpp"

using mlwb::drift::testing::same_bits;
using mlwb::drift::testing::same_table;

namespace {

using namespace mlwb::drift;



void check(const Table& t, const CsvOptions& options, std::size_t physical_lines) {
    if (t.problems.size() > t.problem_count || t.problems.size() > options.max_problems) std::abort();
    for (const ParseProblem& p : t.problems) {
        if (p.line < 1 || p.line > physical_lines) std::abort();
    }
    if (t.columns.size() > kMaxColumns) std::abort();
    for (const Column& c : t.columns) {
        if (c.missing > t.rows) std::abort();
        if (!c.numbers.empty() && c.numbers.size() != t.rows) std::abort();
        if (!c.codes.empty() && c.codes.size() != t.rows) std::abort();
        if (c.categories.size() > kMaxCategories) std::abort();
        for (const std::uint32_t code : c.codes) {
            if (code != kMissingCode && code >= c.categories.size()) std::abort();
        }
        switch (c.type) {
        case ColumnType::Integer:
        case ColumnType::Numeric:
        case ColumnType::Boolean:
        case ColumnType::Datetime:
            if (c.numbers.size() != t.rows) std::abort();
            break;
        case ColumnType::Categorical:
            if (c.codes.size() != t.rows || !c.numbers.empty()) std::abort();
            break;
        case ColumnType::Text:
        case ColumnType::Empty:
            if (!c.numbers.empty() || !c.codes.empty()) std::abort();
            break;
        }
        if (c.type == ColumnType::Boolean) {
            for (const double v : c.numbers) {
                if (!(v == 0.0 || v == 1.0 || v != v)) std::abort();
            }
        }
        if (c.type == ColumnType::Integer) {
            for (const double v : c.numbers) {
                if (std::isfinite(v) && v != std::floor(v)) std::abort();
            }
        }
        if (c.type == ColumnType::Empty && c.missing != t.rows) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    CsvOptions options;
    static constexpr char kDelimiters[] = {0, ',', ';', '\t'};
    options.delimiter = kDelimiters[data[0] & 3];
    options.header = (data[0] & 4) != 0;
    if (data[0] & 8) options.max_problems = 3;
    const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
    if (data[0] & 16) options.size_hint = text.size() / 4 + 1;  // too small: the columns outgrow it
    if (data[0] & 32) options.size_hint = text.size() * 4;      // too large
    const std::size_t largest = (data[1] & 15) + 1;
    std::uint32_t seed = data[1];

    std::size_t physical_lines = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++physical_lines;
    }

    const Table whole = read_csv(text, options);
    check(whole, options, physical_lines);

    CsvReader reader(options);
    for (std::size_t i = 0; i < text.size();) {
        seed = seed * 1103515245u + 12345u;
        const std::size_t n = 1 + (seed >> 16) % largest;
        reader.feed(text.substr(i, n));
        i += n;
    }
    if (reader.bytes_fed() != text.size()) std::abort();
    const Table chunked = reader.finish();
    if (reader.rows_read() != chunked.rows) std::abort();
    if (!same_table(whole, chunked)) std::abort();
    return 0;
}
