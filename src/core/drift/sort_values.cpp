#include "drift/sort_values.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace mlwb::drift {
namespace {

// Maps a double to an unsigned key with the same order: flip all bits of negatives, only the
// sign bit of positives.
std::uint64_t order_key(double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return (bits & 0x8000000000000000ull) ? ~bits : bits | 0x8000000000000000ull;
}

double from_key(std::uint64_t key) {
    const std::uint64_t bits = (key & 0x8000000000000000ull) ? key & ~0x8000000000000000ull : ~key;
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

}  // namespace

void sort_values(std::vector<double>& values) {
    const std::size_t n = values.size();
    if (n < 2048) {  // below this a comparison sort wins
        std::sort(values.begin(), values.end());
        return;
    }
    // LSD radix on 16-bit digits: four passes, skipping a pass whose digit is the same in every
    // key (common: the high digits of data within one order of magnitude).
    constexpr int kDigits = 4;
    constexpr std::size_t kBuckets = 1u << 16;
    std::vector<std::uint64_t> keys(n), scratch(n);
    std::vector<std::uint32_t> counts(kDigits * kBuckets, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t k = order_key(values[i]);
        keys[i] = k;
        for (int d = 0; d < kDigits; ++d) ++counts[d * kBuckets + ((k >> (16 * d)) & 0xffff)];
    }
    for (int d = 0; d < kDigits; ++d) {
        std::uint32_t* count = &counts[d * kBuckets];
        const std::uint64_t digit_of_first = (keys[0] >> (16 * d)) & 0xffff;
        if (count[digit_of_first] == n) continue;  // every key has this digit: nothing to move
        std::uint32_t offset = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            const std::uint32_t c = count[b];
            count[b] = offset;
            offset += c;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t k = keys[i];
            scratch[count[(k >> (16 * d)) & 0xffff]++] = k;
        }
        keys.swap(scratch);
    }
    for (std::size_t i = 0; i < n; ++i) values[i] = from_key(keys[i]);
}

}  // namespace mlwb::drift
