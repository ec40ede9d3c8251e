// Sorting a column's values, the first step of every numeric metric. A million doubles sort
// ~4x faster by radix than by comparison, which is most of the lens's 400 ms budget for
// 1M vs 1M rows. The values must be finite (the lens drops NaN and infinities first).
#pragma once
#include <vector>

namespace mlwb::drift {

// Ascending; -0.0 and 0.0 compare equal to each other as in std::sort, and end up in either order.
void sort_values(std::vector<double>& values);

}  // namespace mlwb::drift
