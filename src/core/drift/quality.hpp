// Data-quality findings shown beside drift: a column can look stable while its missing share
// doubled, or drift only because of values the reference never had. Derived from the cleaned
// column pair (and the reader's types), so it costs a pass over data already in memory.
#pragma once

#include <string>
#include <vector>

#include "drift/column_pair.hpp"

namespace mlwb::drift {

struct QualityFinding {
    std::string column;
    std::string kind;     // missing_share_change, unseen_categories, out_of_reference_range,
                          // constant_column, type_change, only_in_reference, only_in_current, not_compared
    std::string message;  // one sentence with the figures
    double value = 0;     // the share or count the message is about (for sorting and tests)
};

// Findings for a prepared pair (missing shares, unseen categories, range, constant sides).
void quality_of_pair(const ColumnPair& pair, std::vector<QualityFinding>& out);

}  // namespace mlwb::drift
