// The data behind the Experiment power plots, computed by the engine so that the UI only
// draws: power against sample size, MDE against duration, and the two sampling
// distributions of the test statistic (the whiteboard picture of alpha and beta).
#pragma once

#include <vector>

#include "power/power_inputs.hpp"
#include "power/solve.hpp"

namespace mlwb::power {

struct Curve {
    std::vector<double> x, y;
};

struct PowerCurves {
    Curve power_vs_n;    // x: control units per arm, y: power of this design
    Curve mde_vs_days;   // x: days of traffic, y: MDE relative to the baseline (absolute when it is 0)
    bool mde_relative = true;
    // Sampling distributions of z = difference / (s0/sqrt(n)) at the planned n:
    Curve null_density;  // N(0, 1)
    Curve alt_density;   // N(delta sqrt(n)/s0, (s1/s0)^2)
    double z_crit = 0;   // reject beyond this (and below -z_crit when two-sided)
    bool two_sided = true;
    double alt_mean = 0;
    std::vector<double> t_ratio_anchors;  // scratch: t/z MDE ratios the t-test curve interpolates
};

// `result` must be the successful solve of `in`. Each curve has `points` points.
void compute_power_curves(const PowerInputs& in, const PowerResult& result, int points, PowerCurves& out);

}  // namespace mlwb::power
