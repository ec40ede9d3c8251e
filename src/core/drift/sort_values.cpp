#include "drift/sort_values.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

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

// Keys share the values' storage, so they are read and written through memcpy (which the
// compiler turns into plain loads and stores) rather than through a type-punned pointer.
std::uint64_t load(const std::uint64_t* p, std::size_t i) {
    std::uint64_t k;
    std::memcpy(&k, reinterpret_cast<const unsigned char*>(p) + i * sizeof k, sizeof k);
    return k;
}
void store(std::uint64_t* p, std::size_t i, std::uint64_t k) {
    std::memcpy(reinterpret_cast<unsigned char*>(p) + i * sizeof k, &k, sizeof k);
}

}  // namespace

void sort_values(std::vector<double>& values) {
    const std::size_t n = values.size();
    if (n < 2048) {  // below this a comparison sort wins
        std::sort(values.begin(), values.end());
        return;
    }
    // LSD radix on 16-bit digits: four passes, skipping a pass whose digit is the same in every
    // key (common: the high digits of data within one order of magnitude). The keys live in the
    // values' own storage and one scratch buffer that is never zero-filled: on a VM, first
    // touches of fresh pages cost more than the sort itself.
    constexpr int kDigits = 4;
    constexpr std::size_t kBuckets = 1u << 16;
    auto* keys = reinterpret_cast<std::uint64_t*>(values.data());
    static_assert(sizeof(double) == sizeof(std::uint64_t));
    std::unique_ptr<std::uint64_t[]> scratch_owner(new std::uint64_t[n]);
    std::uint64_t* scratch = scratch_owner.get();
    std::unique_ptr<std::uint32_t[]> counts(new std::uint32_t[kDigits * kBuckets]());
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t k = order_key(values[i]);
        store(keys, i, k);
        for (int d = 0; d < kDigits; ++d) ++counts[d * kBuckets + ((k >> (16 * d)) & 0xffff)];
    }
    std::uint64_t* from = keys;
    std::uint64_t* to = scratch;
    for (int d = 0; d < kDigits; ++d) {
        std::uint32_t* count = &counts[d * kBuckets];
        if (count[(load(from, 0) >> (16 * d)) & 0xffff] == n) continue;  // every key has this digit
        std::uint32_t offset = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            const std::uint32_t c = count[b];
            count[b] = offset;
            offset += c;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t k = load(from, i);
            store(to, count[(k >> (16 * d)) & 0xffff]++, k);
        }
        std::swap(from, to);
    }
    for (std::size_t i = 0; i < n; ++i) values[i] = from_key(load(from, i));
}

}  // namespace mlwb::drift
