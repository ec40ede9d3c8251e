// Two tables read from the same CSV are the same: columns, types, codes, categories, problems,
// and numbers to the bit. Shared by the CSV reader's unit tests and its fuzz target (chunked
// reads must equal a one-shot read).
#pragma once

#include <cstring>

#include "drift/csv_reader.hpp"

namespace mlwb::drift::testing {

inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

inline bool same_table(const Table& a, const Table& b) {
    if (a.rows != b.rows || a.delimiter != b.delimiter || a.problem_count != b.problem_count) return false;
    if (a.columns.size() != b.columns.size() || a.problems.size() != b.problems.size()) return false;
    for (std::size_t i = 0; i < a.problems.size(); ++i) {
        const ParseProblem &p = a.problems[i], &q = b.problems[i];
        if (p.line != q.line || p.column != q.column || p.message != q.message) return false;
    }
    for (std::size_t i = 0; i < a.columns.size(); ++i) {
        const Column &c = a.columns[i], &d = b.columns[i];
        if (c.name != d.name || c.type != d.type || c.missing != d.missing || c.codes != d.codes ||
            c.categories != d.categories || c.numbers.size() != d.numbers.size())
            return false;
        for (std::size_t k = 0; k < c.numbers.size(); ++k) {
            if (!same_bits(c.numbers[k], d.numbers[k])) return false;
        }
    }
    return true;
}

}  // namespace mlwb::drift::testing
