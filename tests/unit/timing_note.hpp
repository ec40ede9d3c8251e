// Hostile inputs must finish, and in linear time; how long they take depends on the machine
// (a sanitizer build on a busy CI runner is 50x slower), so a slow run is reported as a
// warning in the log, not a failure: speed is measured by the benchmarks, not by tests.
#pragma once

#include <chrono>

#include <catch2/catch.hpp>

namespace mlwb::test {

template <class F>
double seconds(F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline void note_if_slow(double elapsed_seconds, double expected_seconds = 2.0) {
    if (elapsed_seconds > expected_seconds) WARN("hostile input took " << elapsed_seconds << " s (expected under " << expected_seconds << " s)");
}

}  // namespace mlwb::test
