// Template body of numpy_sum_of (numpy_sum.hpp): numpy's pairwise_sum (umath loops) on
// blocks of 8192 elements, the blocks added left to right (its buffered reduction).
#pragma once
#include <cstddef>

namespace mlwb::drift::detail {

template <class Term>
double pairwise_sum(std::size_t first, std::size_t n, Term& term) {
    if (n < 8) {
        double sum = 0.0;  // numpy starts from zero here, which matters for -0.0
        for (std::size_t i = 0; i < n; ++i) sum += term(first + i);
        return sum;
    }
    if (n <= 128) {
        double r[8];
        for (std::size_t j = 0; j < 8; ++j) r[j] = term(first + j);
        std::size_t i = 8;
        const std::size_t whole = n - n % 8;
        for (; i < whole; i += 8)
            for (std::size_t j = 0; j < 8; ++j) r[j] += term(first + i + j);
        double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) sum += term(first + i);
        return sum;
    }
    std::size_t half = n / 2;
    half -= half % 8;
    const double left = pairwise_sum(first, half, term);
    return left + pairwise_sum(first + half, n - half, term);
}

}  // namespace mlwb::drift::detail

namespace mlwb::drift {

template <class Term>
double numpy_sum_of(std::size_t n, Term term) {
    constexpr std::size_t kBlock = 8192;
    double total = 0.0;
    for (std::size_t start = 0; start < n; start += kBlock) {
        const std::size_t len = n - start < kBlock ? n - start : kBlock;
        total += detail::pairwise_sum(start, len, term);
    }
    return total;
}

}  // namespace mlwb::drift
