// Root of an increasing or decreasing function on a bracket [lo, hi] where it changes sign:
// the Illinois variant of false position, which keeps the bracket (so it cannot diverge like
// Newton) and still converges superlinearly (about 8-12 evaluations to full precision).
#pragma once

#include <cmath>

namespace mlwb {

template <class F>
double find_root(F&& f, double lo, double hi, double relative_tolerance = 1e-14, int max_evaluations = 200) {
    double f_lo = f(lo), f_hi = f(hi);
    if (f_lo == 0) return lo;
    if (f_hi == 0) return hi;
    if (!(f_lo * f_hi < 0)) return std::nan("");  // no sign change (or NaN): no bracketed root
    int side = 0;  // which end stayed put last time; halve its value to avoid stalling
    for (int i = 0; i < max_evaluations; ++i) {
        double x = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
        if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
        const double fx = f(x);
        if (fx == 0) return x;
        if ((fx < 0) == (f_lo < 0)) {
            lo = x, f_lo = fx;
            if (side == -1) f_hi *= 0.5;
            side = -1;
        } else {
            hi = x, f_hi = fx;
            if (side == 1) f_lo *= 0.5;
            side = 1;
        }
        if (hi - lo <= relative_tolerance * std::fabs(hi) + 1e-300) break;
    }
    return (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
}

}  // namespace mlwb
