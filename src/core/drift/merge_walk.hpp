// The walk every two-sample statistic of the drift lens makes over two sorted samples: one pass
// through the pooled values in order, stopping once per distinct value. KS, Anderson–Darling,
// Cramér–von Mises, the count tests on few-valued numeric columns and the plotted KS gap all
// use it, so ties are handled the same way everywhere.
#pragma once

#include <cstddef>
#include <span>

namespace mlwb::drift {

// Calls on_value(i, j) once per distinct pooled value, after every copy of it has been consumed
// from both samples: i = #(x <= value), j = #(y <= value). Branch-free merge step (clamped
// reads instead of bounds branches) because with continuous data which sample supplies the
// next value is a coin flip the branch predictor cannot learn. (always_inline: emscripten's -Os
// build adds -fno-inline-functions, and a call per value doubles the cost of the walk.)
template <class OnValue>
[[gnu::always_inline]] inline void for_each_distinct(std::span<const double> x, std::span<const double> y, OnValue on_value) {
    const std::size_t n1 = x.size(), n2 = y.size();
    const double* xp = x.data();
    const double* yp = y.data();
    std::size_t i = 0, j = 0;
    while (i + j < n1 + n2) {
        const bool x_left = i < n1, y_left = j < n2;
        const double a = xp[x_left ? i : n1 - 1], b = yp[y_left ? j : n2 - 1];
        const bool take_x = x_left & (!y_left | !(b < a));
        const double v = take_x ? a : b;
        i += take_x;
        j += !take_x;
        // !(next > v) rather than next == v: a NaN that slipped through is consumed, not looped on.
        const double next_a = xp[i < n1 ? i : n1 - 1], next_b = yp[j < n2 ? j : n2 - 1];
        if (((i < n1) & !(next_a > v)) | ((j < n2) & !(next_b > v))) continue;
        on_value(i, j);
    }
}

}  // namespace mlwb::drift
