#include "drift/column_view.hpp"

#include "drift/merge_walk.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mlwb::drift {
namespace {

constexpr std::size_t kEcdfPoints = 400;
constexpr std::size_t kShownCategories = 30;

// The ECDF as steps at (at most) kEcdfPoints evenly spaced ranks, plus both ends.
void thin_ecdf(const std::vector<double>& v, std::vector<double>& xs, std::vector<double>& ys) {
    const std::size_t n = v.size();
    if (n == 0) return;
    const std::size_t points = std::min(n, kEcdfPoints);
    for (std::size_t k = 0; k <= points; ++k) {
        const std::size_t i = k == points ? n - 1 : k * (n - 1) / std::max<std::size_t>(1, points - 1);
        const std::size_t idx = std::min(i, n - 1);
        // F(x) at this value: the count of values <= x over n (ties: the last of the run).
        const auto upto = std::upper_bound(v.begin(), v.end(), v[idx]) - v.begin();
        xs.push_back(v[idx]);
        ys.push_back(double(upto) / double(n));
    }
}

Quantiles quantiles_of(const std::vector<double>& v) {
    Quantiles q;
    if (v.empty()) return q;
    q.min = v.front();
    q.max = v.back();
    q.p5 = sorted_quantile(v, 0.05);
    q.p25 = sorted_quantile(v, 0.25);
    q.p50 = sorted_quantile(v, 0.5);
    q.p75 = sorted_quantile(v, 0.75);
    q.p95 = sorted_quantile(v, 0.95);
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    q.mean = mean;
    q.std = std::sqrt(ss / double(v.size()));
    return q;
}

void shares_in_bins(const std::vector<double>& v, const std::vector<double>& edges, std::vector<double>& out) {
    out.assign(edges.size() - 1, 0.0);
    for (std::size_t b = 0; b + 1 < edges.size(); ++b) {
        const bool last = b + 2 == edges.size();
        const auto lo = std::lower_bound(v.begin(), v.end(), edges[b]);
        const auto hi = last ? std::upper_bound(v.begin(), v.end(), edges[b + 1])
                             : std::lower_bound(v.begin(), v.end(), edges[b + 1]);
        out[b] = double(hi - lo) / double(std::max<std::size_t>(1, v.size()));
    }
}

}  // namespace

double sorted_quantile(const std::vector<double>& v, double q) {
    if (v.empty()) return std::nan("");
    const double pos = q * double(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    const double frac = pos - double(lo);
    return v[lo] + (v[hi] - v[lo]) * frac;
}

ColumnView make_column_view(const ColumnPair& p) {
    ColumnView view;
    view.kind = p.kind;
    if (p.kind == ColumnKind::Numeric) {
        thin_ecdf(p.reference, view.ecdf_x_reference, view.ecdf_y_reference);
        thin_ecdf(p.current, view.ecdf_x_current, view.ecdf_y_current);
        // Where the ECDFs are furthest apart (the KS statistic's location).
        const auto& a = p.reference;
        const auto& b = p.current;
        double best = -1;
        for_each_distinct(a, b, [&](std::size_t i, std::size_t j) {
            const double fa = double(i) / double(a.size()), fb = double(j) / double(b.size());
            if (std::fabs(fa - fb) > best) {
                best = std::fabs(fa - fb);
                // The value just consumed: the larger of the two sides' last values.
                view.ks_x = (j == 0 || (i > 0 && a[i - 1] >= b[j - 1])) ? a[i - 1] : b[j - 1];
                view.ks_reference = fa;
                view.ks_current = fb;
            }
        });
        view.reference_quantiles = quantiles_of(a);
        view.current_quantiles = quantiles_of(b);
        // Freedman–Diaconis on the larger interquartile range, bounded so the plot stays legible,
        // over the central 99 % of either sample: one far outlier would squeeze the rest into a
        // single bar (the quantile table still shows min and max).
        const double lo = std::min(sorted_quantile(a, 0.005), sorted_quantile(b, 0.005));
        const double hi = std::max(sorted_quantile(a, 0.995), sorted_quantile(b, 0.995));
        view.clipped = lo > std::min(a.front(), b.front()) || hi < std::max(a.back(), b.back());
        const double iqr = std::max(view.reference_quantiles.p75 - view.reference_quantiles.p25,
                                    view.current_quantiles.p75 - view.current_quantiles.p25);
        const double n = double(a.size() + b.size());
        int bins = 20;
        if (iqr > 0 && hi > lo) bins = static_cast<int>(std::ceil((hi - lo) / (2 * iqr / std::cbrt(n))));
        bins = std::clamp(bins, 8, 60);
        const double span = hi > lo ? hi - lo : 1.0;
        const double first = hi > lo ? lo : lo - 0.5;
        for (int k = 0; k <= bins; ++k) view.edges.push_back(first + span * k / bins);
        view.edges.back() = hi > lo ? hi : lo + 0.5;
        shares_in_bins(a, view.edges, view.reference_share);
        shares_in_bins(b, view.edges, view.current_share);
        return view;
    }
    const double nr = std::max(1.0, double(p.n_reference())), nc = std::max(1.0, double(p.n_current()));
    std::vector<std::size_t> order(p.categories.size());
    std::iota(order.begin(), order.end(), 0);
    auto weight = [&](std::size_t i) { return std::max(p.reference_counts[i] / nr, p.current_counts[i] / nc); };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return weight(x) > weight(y); });
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        if (k < kShownCategories) {
            view.categories.push_back(p.categories[i]);
            view.category_reference_share.push_back(p.reference_counts[i] / nr);
            view.category_current_share.push_back(p.current_counts[i] / nc);
        } else {
            view.other_reference_share += p.reference_counts[i] / nr;
            view.other_current_share += p.current_counts[i] / nc;
        }
    }
    return view;
}

}  // namespace mlwb::drift
