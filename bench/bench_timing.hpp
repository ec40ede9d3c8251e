// Timing shared by the engine benchmarks (native and wasm under Node, same source).
#pragma once
#include <algorithm>
#include <chrono>
#include <vector>

namespace mlwb::bench {

// Median over 15 batches of the time per call, in microseconds: a batch of `calls_per_batch`
// calls smooths the clock's resolution, the median the machine's noise.
template <class F>
double median_microseconds(F&& work, int calls_per_batch) {
    using Clock = std::chrono::steady_clock;
    std::vector<double> batches;
    for (int b = 0; b < 15; ++b) {
        const auto start = Clock::now();
        for (int i = 0; i < calls_per_batch; ++i) work();
        const std::chrono::duration<double, std::micro> took = Clock::now() - start;
        batches.push_back(took.count() / calls_per_batch);
    }
    std::sort(batches.begin(), batches.end());
    return batches[batches.size() / 2];
}

}  // namespace mlwb::bench
