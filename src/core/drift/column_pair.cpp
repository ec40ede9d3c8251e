#include "drift/column_pair.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "drift/merge_walk.hpp"
#include "drift/sort_values.hpp"

namespace mlwb::drift {
namespace {

template <class Visit>
void for_rows(std::size_t column_rows, RowSelection sel, Visit visit) {
    if (sel.all) {
        for (std::size_t r = 0; r < column_rows; ++r) visit(r);
    } else {
        for (std::uint32_t r : sel.rows)
            if (r < column_rows) visit(r);
    }
}

std::size_t rows_of(const Column& c) { return std::max(c.numbers.size(), c.codes.size()); }

std::size_t selected_count(const Column& c, RowSelection sel) {
    std::size_t n = 0;
    for_rows(rows_of(c), sel, [&](std::size_t) { ++n; });
    return n;
}

// Finite values of the selected rows, sorted.
std::size_t collect_numbers(const Column& c, RowSelection sel, std::vector<double>& out) {
    out.clear();
    out.reserve(sel.all ? c.numbers.size() : sel.rows.size());
    std::size_t dropped = 0;
    for_rows(c.numbers.size(), sel, [&](std::size_t r) {
        const double v = c.numbers[r];
        if (std::isfinite(v))
            out.push_back(v);
        else
            ++dropped;
    });
    sort_values(out);
    return dropped;
}

bool has_categories(const Column& c) {
    if (c.type == ColumnType::Boolean) return !c.numbers.empty();
    return !c.codes.empty();
}

// The category text of a cell: booleans by value (files may spell them True/yes/1), others by
// the reader's text. Empty view = missing.
std::string_view category_of(const Column& c, std::size_t row) {
    if (c.type == ColumnType::Boolean) {
        if (row >= c.numbers.size() || std::isnan(c.numbers[row])) return {};
        return c.numbers[row] != 0 ? std::string_view("true") : std::string_view("false");
    }
    if (row >= c.codes.size()) return {};
    const std::uint32_t code = c.codes[row];
    if (code == kMissingCode || code >= c.categories.size()) return {};
    return c.categories[code];
}

// Counts per distinct text of one side.
std::size_t count_categories(const Column& c, RowSelection sel, std::unordered_map<std::string_view, double>& counts) {
    std::size_t dropped = 0;
    if (c.type != ColumnType::Boolean) {
        // Count codes first: one array increment per row instead of a hash lookup.
        std::vector<double> by_code(c.categories.size(), 0.0);
        for_rows(c.codes.size(), sel, [&](std::size_t r) {
            const std::uint32_t code = c.codes[r];
            if (code < by_code.size())
                by_code[code] += 1;
            else
                ++dropped;
        });
        for (std::size_t i = 0; i < by_code.size(); ++i)
            if (by_code[i] > 0) counts[c.categories[i]] += by_code[i];
        return dropped;
    }
    for_rows(rows_of(c), sel, [&](std::size_t r) {
        const std::string_view key = category_of(c, r);
        if (key.empty())
            ++dropped;
        else
            counts[key] += 1;
    });
    return dropped;
}

}  // namespace

std::size_t ColumnPair::n_reference() const {
    if (kind == ColumnKind::Numeric) return reference.size();
    double n = 0;
    for (double c : reference_counts) n += c;
    return static_cast<std::size_t>(n);
}

std::size_t ColumnPair::n_current() const {
    if (kind == ColumnKind::Numeric) return current.size();
    double n = 0;
    for (double c : current_counts) n += c;
    return static_cast<std::size_t>(n);
}

bool comparable(ColumnType type) {
    return type == ColumnType::Integer || type == ColumnType::Numeric || type == ColumnType::Boolean ||
           type == ColumnType::Categorical;
}

ColumnKind default_kind(ColumnType type) {
    return (type == ColumnType::Integer || type == ColumnType::Numeric) ? ColumnKind::Numeric
                                                                        : ColumnKind::Categorical;
}

std::string make_column_pair(const Column& reference, RowSelection reference_rows, const Column& current,
                             RowSelection current_rows, ColumnKind kind, ColumnPair& out) {
    out = ColumnPair{};
    out.name = reference.name;
    out.kind = kind;
    out.type = column_type_name(reference.type);
    out.reference_rows = selected_count(reference, reference_rows);
    out.current_rows = selected_count(current, current_rows);
    if (!comparable(reference.type))
        return std::string("a ") + column_type_name(reference.type) + " column is not compared";
    if (!comparable(current.type))
        return std::string("numbers in the reference but ") + column_type_name(current.type) +
               " values in the current data";

    if (kind == ColumnKind::Numeric) {
        if (default_kind(reference.type) != ColumnKind::Numeric || default_kind(current.type) != ColumnKind::Numeric)
            return std::string("not numeric on both sides (reference ") + column_type_name(reference.type) +
                   ", current " + column_type_name(current.type) + "): compare it as categories";
        out.reference_dropped = collect_numbers(reference, reference_rows, out.reference);
        out.current_dropped = collect_numbers(current, current_rows, out.current);
    } else {
        if (!has_categories(reference) || !has_categories(current))
            return "too many distinct values to compare as categories";
        std::unordered_map<std::string_view, double> ref_counts, cur_counts;
        out.reference_dropped = count_categories(reference, reference_rows, ref_counts);
        out.current_dropped = count_categories(current, current_rows, cur_counts);
        std::vector<std::string_view> keys;
        keys.reserve(ref_counts.size() + cur_counts.size());
        for (const auto& [k, n] : ref_counts) keys.push_back(k);
        for (const auto& [k, n] : cur_counts)
            if (!ref_counts.count(k)) keys.push_back(k);
        std::sort(keys.begin(), keys.end());
        for (std::string_view k : keys) {
            out.categories.emplace_back(k);
            const auto r = ref_counts.find(k);
            const auto c = cur_counts.find(k);
            out.reference_counts.push_back(r == ref_counts.end() ? 0.0 : r->second);
            out.current_counts.push_back(c == cur_counts.end() ? 0.0 : c->second);
        }
    }
    if (out.n_reference() == 0) return "no values in the reference after dropping missing ones";
    if (out.n_current() == 0) return "no values in the current data after dropping missing ones";
    return {};
}

std::size_t distinct_numeric_values(const ColumnPair& pair) {
    std::size_t distinct = 0;
    for_each_distinct(pair.reference, pair.current, [&](std::size_t, std::size_t) { ++distinct; });
    return distinct;
}

}  // namespace mlwb::drift
