// One column of a CSV file while it streams in: its type is narrowed cell by cell, and only
// what can still be useful is kept (values while the column can be a number, boolean or
// date-time; the category dictionary while it has at most kMaxCategories distinct texts).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drift/csv_reader.hpp"

namespace mlwb::drift {

// Append-only storage for one value per row. With reserve() (the reader's estimate of the
// rows, from the file's size) the values go straight into the vector the Column will own;
// beyond it, or without it, into blocks (1024 values, doubling up to 65536): growing never
// copies, and to_vector() makes the one copy at the end.
template <class T>
class ValueStore {
public:
    void push(T value) {
        if (cursor_ == end_) next_block();
        *cursor_++ = value;
        ++size_;
    }
    std::size_t size() const { return size_; }
    void reserve(std::size_t count);
    std::vector<T> to_vector();  // and empties the store
    void release();

private:
    void next_block();
    void gather(std::vector<T>& values, std::size_t count);  // appends the `count` values in blocks_, frees them
    std::vector<T> first_;  // holds the first first_.size() values (zero-filled ahead)
    std::vector<std::unique_ptr<T[]>> blocks_;
    std::size_t last_block_size_ = 0;
    std::size_t size_ = 0;
    T* cursor_ = nullptr;
    T* end_ = nullptr;
};

// Distinct texts in first-seen order. An open-addressing table of 16-byte slots holds each
// entry's hash bits and length and either the text itself (up to 8 bytes: numbers, most
// category labels) or its place in one arena, so a lookup costs one cache line, rarely two,
// and a cell never allocates.
class TextDictionary {
public:
    static constexpr std::uint32_t kFull = 0xffffffffu;

    static std::uint64_t hash(std::string_view text);
    // Where find_or_add() starts looking for a text of this hash (null while the table is empty).
    const void* home_slot(std::uint64_t hash) const { return slots_.empty() ? nullptr : &slots_[hash & (slots_.size() - 1)]; }
    // The index of `text` (whose hash() is given), added if new; kFull (nothing added) when it
    // would be entry number `limit` + 1.
    std::uint32_t find_or_add(std::string_view text, std::uint64_t hash, std::size_t limit);
    std::size_t size() const { return ends_.size(); }
    std::string_view text(std::size_t index) const;
    void release();  // empty, with its memory given back

private:
    struct Slot {
        std::uint64_t word = 0;   // the text (<= 8 bytes, see pack_short) or its arena offset
        std::uint32_t entry = 0;  // min(length, 255) << 24 | (index + 1); 0 = free
        std::uint32_t hash = 0;   // the hash's low 32 bits: the home slot, also after growing
    };
    void grow_table();

    std::string arena_;              // every text, back to back
    std::vector<std::size_t> ends_;  // entry i is arena_[ends_[i-1] (or 0) .. ends_[i])
    std::vector<Slot> slots_;
};

class ColumnBuilder {
public:
    // Readies the dictionary for `text` (prefetching its slot), so that the cells of a record
    // can all be looked up while the memory loads overlap. Returns what add() takes as `hash`.
    std::uint64_t prepare(std::string_view text) const {
        if (!keep_codes_) return 0;
        const std::uint64_t hash = TextDictionary::hash(text);
#if defined(__GNUC__)
        // Here and not in a void helper: GCC deems such a helper free of effects and drops the call.
        if (const void* slot = dictionary_.home_slot(hash)) __builtin_prefetch(slot);
#endif
        return hash;
    }
    void add(std::string_view text, std::uint64_t hash);  // one cell, trimmed if it was unquoted
    void add_missing();                                   // a cell the record did not have
    void reserve(std::size_t rows);                       // the expected rows, for the values kept
    Column finish(std::string name);                      // the builder is spent afterwards

private:
    bool read_value(std::string_view text, double& value);
    void drop_numbers();
    void drop_codes();
    void store_leading_missing();

    // Which of Boolean, Integer, Numeric, Datetime the column can still be.
    std::uint8_t possible_ = 0xf;
    bool keep_numbers_ = true;
    bool keep_codes_ = true;
    std::size_t values_ = 0;           // non-missing cells
    std::size_t missing_ = 0;
    std::size_t leading_missing_ = 0;  // missing cells before the first value: stored only then
    ValueStore<double> numbers_;
    ValueStore<std::uint32_t> codes_;
    TextDictionary dictionary_;
};

}  // namespace mlwb::drift
