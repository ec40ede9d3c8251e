#include "drift/anderson_ksamp.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include "drift/merge_walk.hpp"
#include "drift/numpy_sum.hpp"

namespace mlwb::drift {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();


// Table 2 of Scholz & Stephens for k = 2 samples (m = k - 1 = 1): critical values
// b0 + b1/sqrt(m) + b2/m at the significance levels below, evaluated as scipy does.
constexpr double kB0[7] = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
constexpr double kB1[7] = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
constexpr double kB2[7] = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
// np.polyfit(critical, log(levels), 2) for these critical values (the fit does not depend
// on the data): highest power first.
constexpr double kLogLevelFit[3] = {0.01819809457411139, -1.008226564465251, -1.0777702798204876};

double critical_value(int i) { return kB0[i] + kB1[i] / 1.0 + kB2[i] / 1; }

// Sum over distinct pooled values z_j of (l_j/N) (N M_j - B_j n_1)^2 / (B_j (N - B_j) - N l_j/4),
// with l_j the multiplicity of z_j, B_j = #(pooled < z_j) + l_j/2 and M_j = #(x <= z_j) - #(x == z_j)/2
// (the midrank EDF of x). For two samples the second sample's term is identical: with
// M'_j = B_j - M_j and n_2 = N - n_1, N M'_j - B_j n_2 = -(N M_j - B_j n_1), and every quantity
// is an exact multiple of 1/2, so its square is the same double.

struct DistinctSum {
    double sum;
    std::size_t distinct;
};

DistinctSum midrank_sum(std::span<const double> x, std::span<const double> y) {
    const double N = static_cast<double>(x.size() + y.size());
    const double n1 = static_cast<double>(x.size());
    const double one_over_n = 1 / N;
    StreamingNumpySum sum;
    std::size_t distinct = 0;
    std::size_t prev_i = 0, prev_j = 0;
    for_each_distinct(x, y, [&](std::size_t i, std::size_t j) __attribute__((always_inline)) {
        // This value occupies pooled positions [prev_i + prev_j, i + j).
        const std::size_t count = (i + j) - (prev_i + prev_j);
        const double l = static_cast<double>(count);
        const double B = static_cast<double>(prev_i + prev_j) + l / 2.;
        const double M = static_cast<double>(i) - static_cast<double>(i - prev_i) / 2.;
        const double dev = N * M - B * n1;
        const double share = count == 1 ? one_over_n : l / N;  // same division either way
        sum.add(share * (dev * dev) / (B * (N - B) - N * l / 4.));
        ++distinct;
        prev_i = i;
        prev_j = j;
    });
    return {sum.total(), distinct};
}

// h = sum_{i=1}^{N-1} 1/i and g = sum_{i=1}^{N-2} sum_{j=i+1}^{N-1} 1/((N - i) j).
// Up to kExactHarmonicLimit in scipy's order (h: the cumulative sum of 1/(N-1), ..., 1/2, plus 1;
// g: numpy's sum of cumsum_t / (t + 2)), so small samples match bit for bit. Beyond it the
// closed forms h = H_{N-1} and g = H2_N - 2 H_{N-1}/N - 1/N^2 (H2 the second-order harmonic
// number; from sum_{i+j<=N} 1/(ij) = H_N^2 - H2_N), through digamma and trigamma: 2N divisions
// cost ~15 ms at N = 2e6, and sigma only scales A2 (no cancellation), so agreement to ~1e-14
// (scipy's own rounding there) is plenty.
struct HarmonicSums {
    double h;
    double g;
};

constexpr std::size_t kExactHarmonicLimit = 65536;

HarmonicSums harmonic_sums(std::size_t total) {
    if (total <= kExactHarmonicLimit) {
        double running = 0.0;
        StreamingNumpySum g_sum;
        for (std::size_t t = 0; t + 2 < total; ++t) {
            running += 1. / static_cast<double>(total - 1 - t);
            g_sum.add(running / static_cast<double>(t + 2));
        }
        return {running + 1, g_sum.total()};
    }
    constexpr double kEulerGamma = 0.57721566490153286061;
    constexpr double kZeta2 = 1.6449340668482264365;  // pi^2 / 6
    const double N = static_cast<double>(total);
    const double h = boost::math::digamma(N) + kEulerGamma;  // H_{N-1}
    const double h2 = kZeta2 - boost::math::trigamma(N + 1);  // H2_N
    return {h, h2 - 2 * h / N - 1 / (N * N)};
}

}  // namespace

TestResult anderson_ksamp(std::span<const double> x_sorted, std::span<const double> y_sorted) {
    const std::size_t n1 = x_sorted.size(), n2 = y_sorted.size();
    const std::size_t total = n1 + n2;
    if (n1 == 0 || n2 == 0 || total < 3) return {kNaN, kNaN};
    const DistinctSum inner = midrank_sum(x_sorted, y_sorted);
    if (inner.distinct < 2) return {kNaN, kNaN};

    const double N = static_cast<double>(total);
    double a2kn = 0.;
    a2kn += inner.sum / static_cast<double>(n1);
    a2kn += inner.sum / static_cast<double>(n2);
    a2kn *= (N - 1.) / N;

    // Scholz & Stephens' variance of A2kN under the null (their eq. 4) needs
    // h = sum_{i<N} 1/i and g = sum_{i<j<N} 1/((N - i) j).
    const double H = (0.0 + 1. / static_cast<double>(n1)) + 1. / static_cast<double>(n2);
    const HarmonicSums sums = harmonic_sums(total);
    const double h = sums.h, g = sums.g;
    const double k = 2;
    const double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
    const double b = (2 * g - 4) * (k * k) + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
    const double c = (6 * h + 2 * g - 2) * (k * k) + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
    const double d = (2 * h + 6) * (k * k) - 4 * h * k;
    const double N2 = N * N;  // exact for N < 9.4e7
    const double N3 = N2 * N;  // one rounding, as Python's int N**3 converted to float
    const double sigmasq = (a * N3 + b * N2 + c * N + d) / ((N - 1.) * (N - 2.) * (N - 3.));
    if (sigmasq < 0) return {kNaN, kNaN};  // scipy: math.sqrt raises (only N = 3 gets here)
    const double A2 = (a2kn - 1) / std::sqrt(sigmasq);

    double p;
    if (A2 < critical_value(0)) {
        p = 0.25;
    } else if (A2 > critical_value(6)) {
        p = 0.001;
    } else {
        const double log_p = (0.0 * A2 + kLogLevelFit[0]) * A2 + kLogLevelFit[1];
        p = std::exp(log_p * A2 + kLogLevelFit[2]);
    }
    return {A2, p};
}

}  // namespace mlwb::drift
