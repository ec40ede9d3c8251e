// What the UI draws for a selected column, computed once when the column is prepared so the
// full samples need not stay in memory: ECDFs thinned to a few hundred points, display
// histograms, quantiles, and category shares.
#pragma once

#include <string>
#include <vector>

#include "drift/column_pair.hpp"

namespace mlwb::drift {

struct Quantiles {
    double min = 0, p5 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0, max = 0, mean = 0, std = 0;
};

struct ColumnView {
    ColumnKind kind = ColumnKind::Numeric;
    // Numeric: ECDF steps (x ascending, y in [0, 1]) of each side, and where they differ most.
    std::vector<double> ecdf_x_reference, ecdf_y_reference, ecdf_x_current, ecdf_y_current;
    double ks_x = 0, ks_reference = 0, ks_current = 0;
    // Display histogram: shares per bin (Freedman–Diaconis width, 8 to 60 bins, over the central
    // 99 % of the values; not the metric bins, which follow Evidently's Sturges rule).
    std::vector<double> edges, reference_share, current_share;
    bool clipped = false;  // the bins cover the central 99 % of the values, not all of them
    Quantiles reference_quantiles, current_quantiles;
    // Categorical: the largest categories by either share (at most 30), the rest as "other".
    std::vector<std::string> categories;
    std::vector<double> category_reference_share, category_current_share;
    double other_reference_share = 0, other_current_share = 0;
};

ColumnView make_column_view(const ColumnPair& pair);

// Linear-interpolated quantile of sorted values (numpy's default), q in [0, 1].
double sorted_quantile(const std::vector<double>& sorted, double q);

}  // namespace mlwb::drift
