// numpy's summation order. np.sum over a float64 array is not a left-to-right loop: it adds
// blocks of 8192 elements, each summed pairwise with eight accumulators. The drift metrics
// must agree with scipy to 1e-9 and several of them (Cramér–von Mises, the divergences) sum
// terms of mixed size, so the engine sums in the same order and gets the same bits.
#pragma once
#include <cstddef>
#include <span>

namespace mlwb::drift {

double numpy_sum(std::span<const double> values);

// The same order for values produced on the fly: term(i) for i in [0, n). Lets a metric sum
// terms without first storing them in a vector (the 1M-row budget has no room for copies).
template <class Term>
double numpy_sum_of(std::size_t n, Term term);

}  // namespace mlwb::drift

#include "numpy_sum_impl.hpp"

#include <vector>

namespace mlwb::drift {

// np.sum's order for values that arrive one at a time: numpy adds 8192-value blocks, each
// summed pairwise, left to right, so one block of buffer reproduces it bit for bit.
class StreamingNumpySum {
public:
    StreamingNumpySum() : storage_(kBlock), block_(storage_.data()) {}
    void add(double v) {
        block_[filled_++] = v;
        if (filled_ == kBlock) flush();
    }
    double total() {
        flush();
        return total_;
    }

private:
    static constexpr std::size_t kBlock = 8192;
    void flush() {
        if (filled_ == 0) return;
        const double* block = block_;
        total_ += numpy_sum_of(filled_, [block](std::size_t i) __attribute__((always_inline)) { return block[i]; });
        filled_ = 0;
    }
    std::vector<double> storage_;
    double* block_;  // storage_.data(): a plain pointer keeps add() cheap in unoptimized and -Os builds
    std::size_t filled_ = 0;
    double total_ = 0.0;
};

}  // namespace mlwb::drift
