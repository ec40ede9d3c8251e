#include "drift/csv_column.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "drift/csv_cell.hpp"
#include "drift/csv_number.hpp"

namespace mlwb::drift {
namespace {

constexpr std::uint8_t kBoolean = 1, kInteger = 2, kNumeric = 4, kDatetime = 8;
constexpr std::size_t kFirstBlock = 1024, kLargestBlock = 65536;
constexpr std::size_t kShortText = 8;

std::uint64_t load64(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
}

std::uint32_t load32(const char* p) {
    std::uint32_t word;
    std::memcpy(&word, p, 4);
    return word;
}

// A text of up to 8 bytes as one word, different for different texts of the same length
// (the length is compared apart): every byte lands in it, from two overlapping loads.
std::uint64_t pack_short(const char* p, std::size_t n) {
    if (n >= 4) return load32(p) | static_cast<std::uint64_t>(load32(p + n - 4)) << 32;
    if (n == 0) return 0;
    return static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) |
           static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
           static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
}

std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h;
}

constexpr std::uint32_t kIndexBits = 24;  // kMaxCategories + 1 fits
constexpr std::uint32_t kIndexMask = (1u << kIndexBits) - 1;

std::uint32_t entry_of(std::size_t index, std::size_t size) {
    return static_cast<std::uint32_t>(size < 255 ? size : 255) << kIndexBits | static_cast<std::uint32_t>(index + 1);
}

}  // namespace

template <class T>
void ValueStore<T>::next_block() {
    const std::size_t size = last_block_size_ == 0 ? kFirstBlock : std::min(last_block_size_ * 2, kLargestBlock);
    blocks_.emplace_back(new T[size]);
    last_block_size_ = size;
    cursor_ = blocks_.back().get();
    end_ = cursor_ + size;
}

template <class T>
void ValueStore<T>::gather(std::vector<T>& values, std::size_t left) {
    std::size_t block_size = kFirstBlock;
    for (auto& block : blocks_) {
        const std::size_t take = std::min(left, block_size);
        values.insert(values.end(), block.get(), block.get() + take);
        block.reset();
        left -= take;
        block_size = std::min(block_size * 2, kLargestBlock);
    }
    std::vector<std::unique_ptr<T[]>>().swap(blocks_);
    last_block_size_ = 0;
}

template <class T>
void ValueStore<T>::reserve(std::size_t count) {
    if (count <= size_ || count <= first_.size()) return;
    const std::size_t in_first = std::min(size_, first_.size());
    std::vector<T> values;
    values.reserve(count);
    values.assign(first_.begin(), first_.begin() + static_cast<std::ptrdiff_t>(in_first));
    gather(values, size_ - in_first);
    values.resize(count);
    first_.swap(values);
    cursor_ = first_.data() + size_;
    end_ = first_.data() + count;
}

template <class T>
std::vector<T> ValueStore<T>::to_vector() {
    const std::size_t in_first = std::min(size_, first_.size());
    std::vector<T> values;
    values.swap(first_);
    values.resize(in_first);  // smaller: no copy
    if (!blocks_.empty()) {
        values.reserve(size_);
        gather(values, size_ - in_first);
    }
    release();
    return values;
}

template <class T>
void ValueStore<T>::release() {
    std::vector<T>().swap(first_);
    std::vector<std::unique_ptr<T[]>>().swap(blocks_);
    last_block_size_ = 0;
    size_ = 0;
    cursor_ = end_ = nullptr;
}

template class ValueStore<double>;
template class ValueStore<std::uint32_t>;

std::uint64_t TextDictionary::hash(std::string_view text) {
    const char* p = text.data();
    const std::size_t n = text.size();
    std::uint64_t h = 0x9e3779b97f4a7c15ull * (n + 1);
    if (n <= kShortText) return mix(h ^ pack_short(p, n));
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) h = mix(h ^ load64(p + i));
    if (i < n) h = mix(h ^ load64(p + n - 8));  // the last bytes, overlapping the previous word
    return h;
}

std::string_view TextDictionary::text(std::size_t index) const {
    const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(arena_.data() + begin, ends_[index] - begin);
}

void TextDictionary::release() {
    std::string().swap(arena_);
    std::vector<std::size_t>().swap(ends_);
    std::vector<Slot>().swap(slots_);
}

void TextDictionary::grow_table() {
    std::vector<Slot> slots(slots_.empty() ? 16 : slots_.size() * 2);
    const std::size_t mask = slots.size() - 1;
    for (const Slot& slot : slots_) {
        if (slot.entry == 0) continue;
        std::size_t at = slot.hash & mask;
        while (slots[at].entry != 0) at = (at + 1) & mask;
        slots[at] = slot;
    }
    slots_.swap(slots);
}

std::uint32_t TextDictionary::find_or_add(std::string_view text_in, std::uint64_t h, std::size_t limit) {
    if (slots_.empty()) grow_table();
    const std::size_t n = text_in.size();
    const bool is_short = n <= kShortText;
    const std::uint64_t word = is_short ? pack_short(text_in.data(), n) : 0;
    const auto hash32 = static_cast<std::uint32_t>(h);
    const std::uint32_t length_bits = entry_of(0, n) & ~kIndexMask;
    std::size_t mask = slots_.size() - 1;
    std::size_t at = h & mask;
    for (;; at = (at + 1) & mask) {
        const Slot& slot = slots_[at];
        if (slot.entry == 0) break;
        if (slot.hash != hash32 || (slot.entry & ~kIndexMask) != length_bits) continue;
        const std::uint32_t index = (slot.entry & kIndexMask) - 1;
        if (is_short) {
            if (slot.word == word) return index;
            continue;
        }
        // Equal length bits mean equal lengths below 255; longer texts compare their arena spans.
        const std::size_t stored = n < 255 ? n : ends_[index] - slot.word;
        if (stored == n && std::memcmp(arena_.data() + slot.word, text_in.data(), n) == 0) return index;
    }
    if (ends_.size() >= limit || ends_.size() >= kIndexMask - 1) return kFull;
    if ((ends_.size() + 1) * 2 > slots_.size()) {  // keep the table at most half full
        grow_table();
        mask = slots_.size() - 1;
        for (at = h & mask; slots_[at].entry != 0;) at = (at + 1) & mask;
    }
    const std::size_t index = ends_.size();
    const std::size_t offset = arena_.size();
    arena_.append(text_in);
    ends_.push_back(arena_.size());
    slots_[at] = Slot{is_short ? word : offset, entry_of(index, n), hash32};
    return static_cast<std::uint32_t>(index);
}

bool ColumnBuilder::read_value(std::string_view text, double& value) {
    // A non-missing cell is at most one of number, date-time and boolean word, so the first
    // value decides the family and later cells are only tried against it.
    if (possible_ & (kInteger | kNumeric)) {
        switch (parse_csv_number(text, value)) {
        case NumberSyntax::Integer: possible_ &= kInteger | kNumeric; return true;
        case NumberSyntax::Decimal: possible_ &= kNumeric; return true;
        case NumberSyntax::None: possible_ &= static_cast<std::uint8_t>(~(kInteger | kNumeric)); break;
        }
    }
    if (possible_ & kDatetime) {
        if (parse_iso_datetime(text, value)) {
            possible_ = kDatetime;
            return true;
        }
        possible_ &= static_cast<std::uint8_t>(~kDatetime);
    }
    if (possible_ & kBoolean) {
        if (parse_boolean_word(text, value)) {
            possible_ = kBoolean;
            return true;
        }
        possible_ &= static_cast<std::uint8_t>(~kBoolean);
    }
    return false;
}

void ColumnBuilder::drop_numbers() {
    keep_numbers_ = false;
    numbers_.release();
}

void ColumnBuilder::drop_codes() {
    keep_codes_ = false;
    codes_.release();
    dictionary_.release();
}

// Nothing was dropped before the first value, so both stores take the missing cells so far.
void ColumnBuilder::store_leading_missing() {
    for (std::size_t i = 0; i < leading_missing_; ++i) {
        numbers_.push(std::numeric_limits<double>::quiet_NaN());
        codes_.push(kMissingCode);
    }
    leading_missing_ = 0;
}

void ColumnBuilder::add(std::string_view text, std::uint64_t hash) {
    if (may_be_missing_token(text) && is_missing_token(text)) {
        add_missing();
        return;
    }
    if (values_ == 0 && leading_missing_ != 0) store_leading_missing();
    ++values_;
    if (keep_numbers_) {
        double value = 0.0;
        bool read = false;
        if ((possible_ & ~(kInteger | kNumeric)) == 0) {  // numbers so far: the common case, directly
            const NumberSyntax syntax = parse_csv_number(text, value);
            read = syntax != NumberSyntax::None;
            possible_ = !read ? 0 : syntax == NumberSyntax::Integer ? possible_ : kNumeric;
        } else {
            read = read_value(text, value);
        }
        if (read) {
            numbers_.push(value);
        } else {
            drop_numbers();
        }
    }
    if (keep_codes_) {
        // A column that is still all numbers keeps its texts only while they are few enough to be
        // categories (a user may compare few-valued numbers as categories); beyond that the
        // dictionary would be built for nothing, and it is most of the cost of a numeric file.
        const std::size_t limit = keep_numbers_ ? kMaxNumericCategories : kMaxCategories;
        const std::uint32_t code = dictionary_.find_or_add(text, hash, limit);
        if (code == TextDictionary::kFull) {
            drop_codes();
        } else {
            codes_.push(code);
        }
    }
}

void ColumnBuilder::reserve(std::size_t rows) {
    if (values_ == 0) return;  // nothing stored yet: the column may stay empty
    if (keep_numbers_) numbers_.reserve(rows);
    if (keep_codes_) codes_.reserve(rows);
}

void ColumnBuilder::add_missing() {
    ++missing_;
    if (values_ == 0) {
        ++leading_missing_;
        return;
    }
    if (keep_numbers_) numbers_.push(std::numeric_limits<double>::quiet_NaN());
    if (keep_codes_) codes_.push(kMissingCode);
}

Column ColumnBuilder::finish(std::string name) {
    Column column;
    column.name = std::move(name);
    column.missing = missing_;
    if (values_ == 0) {
        column.type = ColumnType::Empty;
    } else if (keep_numbers_ && (possible_ & kBoolean)) {
        column.type = ColumnType::Boolean;
    } else if (keep_numbers_ && (possible_ & kInteger)) {
        column.type = ColumnType::Integer;
    } else if (keep_numbers_ && (possible_ & kNumeric)) {
        column.type = ColumnType::Numeric;
    } else if (keep_numbers_ && (possible_ & kDatetime)) {
        column.type = ColumnType::Datetime;
    } else {
        column.type = keep_codes_ ? ColumnType::Categorical : ColumnType::Text;
    }
    const bool has_numbers = column.type == ColumnType::Boolean || column.type == ColumnType::Integer ||
                             column.type == ColumnType::Numeric || column.type == ColumnType::Datetime;
    const bool has_codes = keep_codes_ && column.type != ColumnType::Datetime && column.type != ColumnType::Empty &&
                           column.type != ColumnType::Text;
    if (has_numbers) column.numbers = numbers_.to_vector();
    drop_numbers();
    if (has_codes) {
        column.codes = codes_.to_vector();
        column.categories.reserve(dictionary_.size());
        for (std::size_t i = 0; i < dictionary_.size(); ++i) column.categories.emplace_back(dictionary_.text(i));
    }
    drop_codes();
    return column;
}

}  // namespace mlwb::drift
