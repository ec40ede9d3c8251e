#include "drift/quality.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mlwb::drift {
namespace {

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, share != 0 && std::fabs(share) < 0.001 ? "%.3f %%" : "%.1f %%", share * 100);
    return buf;
}

std::size_t distinct_sorted(const std::vector<double>& v) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (i == 0 || v[i] != v[i - 1]) ++n;
    return n;
}

std::size_t distinct_counts(const std::vector<double>& counts) {
    return static_cast<std::size_t>(std::count_if(counts.begin(), counts.end(), [](double c) { return c > 0; }));
}

}  // namespace

void quality_of_pair(const ColumnPair& p, std::vector<QualityFinding>& out) {
    const double ref_missing = p.reference_rows ? double(p.reference_dropped) / double(p.reference_rows) : 0;
    const double cur_missing = p.current_rows ? double(p.current_dropped) / double(p.current_rows) : 0;
    // One percentage point, or any missing value where the reference had none.
    if (std::fabs(cur_missing - ref_missing) >= 0.01 || (ref_missing == 0 && cur_missing > 0)) {
        out.push_back({p.name, "missing_share_change",
                       "missing (or NaN/inf) values " + percent(ref_missing) + " in the reference, " +
                           percent(cur_missing) + " now",
                       cur_missing - ref_missing});
    }
    if (p.kind == ColumnKind::Numeric) {
        if (!p.reference.empty() && !p.current.empty()) {
            const double lo = p.reference.front(), hi = p.reference.back();
            const auto below = std::lower_bound(p.current.begin(), p.current.end(), lo) - p.current.begin();
            const auto above = p.current.end() - std::upper_bound(p.current.begin(), p.current.end(), hi);
            const double share = double(below + above) / double(p.current.size());
            if (share > 0) {
                char range[96];
                std::snprintf(range, sizeof range, "[%.6g, %.6g]", lo, hi);
                out.push_back({p.name, "out_of_reference_range",
                               percent(share) + " of current values lie outside the reference range " + range +
                                   " (" + std::to_string(below) + " below, " + std::to_string(above) + " above)",
                               share});
            }
        }
        const std::size_t dr = distinct_sorted(p.reference), dc = distinct_sorted(p.current);
        if (dr == 1 || dc == 1)
            out.push_back({p.name, "constant_column",
                           std::string("constant in the ") + (dr == 1 && dc == 1 ? "reference and current data"
                                                              : dr == 1        ? "reference"
                                                                               : "current data"),
                           1});
        return;
    }
    std::string unseen;
    std::size_t unseen_count = 0;
    double unseen_rows = 0;
    for (std::size_t i = 0; i < p.categories.size(); ++i) {
        if (p.reference_counts[i] == 0 && p.current_counts[i] > 0) {
            if (unseen_count < 5) unseen += (unseen.empty() ? "'" : ", '") + p.categories[i] + "'";
            ++unseen_count;
            unseen_rows += p.current_counts[i];
        }
    }
    if (unseen_count > 0) {
        const double share = unseen_rows / std::max(1.0, double(p.n_current()));
        out.push_back({p.name, "unseen_categories",
                       std::to_string(unseen_count) + " categor" + (unseen_count == 1 ? "y" : "ies") +
                           " never seen in the reference (" + unseen + (unseen_count > 5 ? ", ..." : "") + "): " +
                           percent(share) + " of current rows",
                       share});
    }
    const std::size_t dr = distinct_counts(p.reference_counts), dc = distinct_counts(p.current_counts);
    if (dr == 1 || dc == 1)
        out.push_back({p.name, "constant_column",
                       std::string("a single category in the ") +
                           (dr == 1 && dc == 1 ? "reference and current data" : dr == 1 ? "reference" : "current data"),
                       1});
}

}  // namespace mlwb::drift
