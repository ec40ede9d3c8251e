#include "serving/rng.hpp"

#include <array>
#include <cstring>
#include <cmath>
#include <limits>

namespace mlwb::serving {

namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (the low bits are zero).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kLog2e = 1.44269504088896338700e+00;

// log of the cell centres c = 1 + (i + 0.5) / 128, computed by the compiler (IEEE arithmetic,
// so the same table on every platform) as 2 atanh(s) with s = (c - 1) / (c + 1) < 1/3,
// whose series reaches 1e-19 relative in twenty terms.
struct LogTable {
    double centre[128];
    double inverse_centre[128];
    double log_centre[128];
};
constexpr LogTable kLogTable = [] {
    LogTable table{};
    for (int i = 0; i < 128; ++i) {
        const double c = 1 + (i + 0.5) / 128;
        const double s = (c - 1) / (c + 1);
        double series = 0;
        for (int k = 19; k >= 0; --k) series = 1.0 / (2 * k + 1) + s * s * series;
        table.centre[i] = c;
        table.inverse_centre[i] = 1 / c;
        table.log_centre[i] = 2 * s * series;
    }
    return table;
}();

constexpr std::array<double, 15> kInverseFactorial = [] {
    std::array<double, 15> table{};
    table[0] = 1;
    for (int i = 1; i < 15; ++i) table[i] = table[i - 1] / i;
    return table;
}();
}  // namespace

Rng::Rng(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
}

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
double Rng::uniform_positive() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }

Rng Rng::split() { return Rng(next()); }

double det_log(double x) {
    if (!(x > 0)) return x == 0 ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    if (x == std::numeric_limits<double>::infinity()) return x;
    int e = 0;
    double m = x;
    if (x < 0x1.0p-1022) m = x * 0x1.0p54, e = -54;  // subnormal: scale into the normal range
    // x = m * 2^e with m in [1, 2), read from the bits (exact, and faster than frexp)
    std::uint64_t bits;  // std::bit_cast is missing from Emscripten 3.1.6's libc++
    std::memcpy(&bits, &m, sizeof bits);
    e += static_cast<int>((bits >> 52) & 0x7ff) - 1023;
    const std::uint64_t mantissa_bits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
    std::memcpy(&m, &mantissa_bits, sizeof m);
    // m = c (1 + t) with c the centre of m's 1/128-wide cell, |t| < 1/256: the series of
    // log(1 + t) then needs six terms, which keeps the sampler's hot path short.
    const auto cell = static_cast<std::size_t>((bits >> 45) & 0x7f);
    const double t = (m - kLogTable.centre[cell]) * kLogTable.inverse_centre[cell];
    const double log1p_t = t * (1 + t * (-0.5 + t * (1.0 / 3 + t * (-0.25 + t * (0.2 + t * (-1.0 / 6))))));
    return e * kLn2Hi + (e * kLn2Lo + kLogTable.log_centre[cell] + log1p_t);
}

double det_exp(double x) {
    if (std::isnan(x)) return x;
    if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
    if (x < -745.2) return 0;
    // x = k ln2 + r with |r| <= ln2 / 2, exp x = 2^k exp r; Taylor to degree 14 reaches 1e-18.
    const double k = std::nearbyint(x * kLog2e);
    const double r = (x - k * kLn2Hi) - k * kLn2Lo;
    double p = kInverseFactorial[14];
    for (int i = 13; i >= 0; --i) p = kInverseFactorial[i] + r * p;
    return std::ldexp(p, static_cast<int>(k));
}

}  // namespace mlwb::serving
