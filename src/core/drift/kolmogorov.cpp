#include "drift/kolmogorov.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

#include "drift/numpy_sum.hpp"

namespace mlwb::drift {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.141592653589793;
constexpr double kDoubleEpsilon = std::numeric_limits<double>::epsilon();

// np.clip(p, 0, 1); NaN stays NaN.
double clip_probability(double p) { return p < 0.0 ? 0.0 : (p > 1.0 ? 1.0 : p); }

// ---------------------------------------------------------------------------------------
// smirnov(n, x): Birnbaum–Tingey, P(D_n^+ >= x) = x · sum_{v=0}^{floor(n(1-x))} A_v with
// A_v = C(n,v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v). Since (x + v/n) + (1 - x - v/n) = 1,
// A_v is the binomial probability b(v; n, x + v/n) divided by x + v/n. Loader's form of that
// probability (Stirling remainders plus the deviance bd0) keeps every piece small, where
// C(n,v) and the two powers would each over- or underflow for n beyond a thousand.

// Stirling's remainder log(k!) - (k + 1/2) log k + k - log sqrt(2 pi), for integer k >= 1.
// k <= 15 from a table (computed with mpmath at 40 digits), else the asymptotic series,
// truncated where the next term is below 1e-16.
double stirling_remainder(double k) {
    static constexpr double kSmall[16] = {
        0.0,                     0.08106146679532726,   0.0413406959554093,    0.02767792568499834,
        0.020790672103765093,    0.016644691189821193,  0.013876128823070748,  0.01189670994589177,
        0.010411265261972096,    0.009255462182712733,  0.00833056343336287,   0.007573675487951841,
        0.00694284010720953,     0.006408994188004207,  0.0059513701127588475, 0.005554733551962801};
    if (k <= 15.0) return kSmall[static_cast<int>(k)];
    constexpr double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
    const double r = 1 / k, rr = r * r;  // one division: this runs once per term of smirnov's sum
    if (k > 500) return (s0 - s1 * rr) * r;
    if (k > 80) return (s0 - (s1 - s2 * rr) * rr) * r;
    if (k > 35) return (s0 - (s1 - (s2 - s3 * rr) * rr) * rr) * r;
    return (s0 - (s1 - (s2 - (s3 - s4 * rr) * rr) * rr) * rr) * r;
}

// bd0(x, M) = x log(x/M) + M - x, the binomial deviance, with the difference x - M passed in
// exactly (the caller knows it better than x - M would round). Near x = M a series in
// v = (x - M)/(x + M) avoids the cancellation.
double deviance(double x, double M, double x_minus_M) {
    const double sum = x + M;
    if (std::fabs(x_minus_M) < 0.1 * sum) {
        // x log(x/M) = 2x (v + v^3/3 + v^5/5 + ...) and M - x = -(x - M), with x - M = v (x + M):
        // bd0 = (x - M) v + 2 x v sum_{j>=1} v^(2j)/(2j+1). Evaluated by Horner with as many
        // terms as |v| needs for 1e-17 (a fixed count per range: no data-dependent loop exit).
        const double v = x_minus_M / sum;
        const double w = v * v;
        double tail;
        if (w < 1e-4) {  // |v| < 0.01: w^5 < 1e-20
            tail = w * (1.0 / 3 + w * (1.0 / 5 + w * (1.0 / 7 + w * (1.0 / 9 + w * (1.0 / 11)))));
        } else {  // |v| < 0.1: w^10 < 1e-20
            tail = w * (1.0 / 3 + w * (1.0 / 5 + w * (1.0 / 7 + w * (1.0 / 9 + w * (1.0 / 11 + w * (1.0 / 13 + w * (1.0 / 15 + w * (1.0 / 17 + w * (1.0 / 19 + w * (1.0 / 21))))))))));
        }
        return x_minus_M * v + 2 * x * v * tail;
    }
    return x * std::log(x / M) - x_minus_M;
}

// x + y as an unevaluated sum hi + lo (Knuth's two-sum).
void two_sum(double x, double y, double& hi, double& lo) {
    hi = x + y;
    const double yv = hi - x;
    lo = (x - (hi - yv)) + (y - yv);
}

// n·x = floor + alpha with 0 <= alpha < 1 as a double-double (alpha_hi + alpha_lo), exact
// (cephes' modNX). floor(n x) decides the number of terms and the special cases.
struct FloorFraction {
    long long floor;
    double alpha_hi;
    double alpha_lo;
};

FloorFraction floor_fraction(long long n, double x) {
    const double nd = static_cast<double>(n);
    const double prod = nd * x;
    const double err = std::fma(nd, x, -prod);  // n·x = prod + err exactly
    double fl = std::floor(prod);
    double hi = 0.0, lo = 0.0;
    if (fl == prod) {
        if (err < 0) {
            fl -= 1.0;
            two_sum(1.0, err, hi, lo);
        } else {
            hi = err;
        }
    } else {
        two_sum(prod - fl, err, hi, lo);  // prod - fl is exact
    }
    if (hi >= 1.0) {  // the fraction rounded up to 1
        fl += 1.0;
        hi = 0.0;
        lo = 0.0;
    }
    return {static_cast<long long>(fl), hi, lo};
}

// Neumaier's compensated sum: the terms are all positive, but there are up to 10^6 of them.
struct CompensatedSum {
    double sum = 0.0;
    double carry = 0.0;
    void add(double v) {
        const double t = sum + v;
        carry += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
    }
    double value() const { return sum + carry; }
};

// cephes' MINLOG, log(2^-1075): below it exp underflows to zero.
constexpr double kMinLog = -7.451332191019412076235e2;
constexpr long long kSmirnovMaxComputeN = 1000000;
constexpr long long kMaxDurbinK = 128;

// ---------------------------------------------------------------------------------------
// The Durbin matrix, scaled powers (Marsaglia, Tsang & Wang 2003, as scipy's _kolmogn_DMTW).

using Matrix = std::vector<double>;  // row-major, size m x m

void multiply(const Matrix& a, const Matrix& b, Matrix& out, std::size_t m) {
    std::fill(out.begin(), out.end(), 0.0);
    for (std::size_t i = 0; i < m; ++i) {
        double* row = out.data() + i * m;
        for (std::size_t k = 0; k < m; ++k) {
            const double aik = a[i * m + k];
            if (aik == 0.0) continue;
            const double* brow = b.data() + k * m;
            for (std::size_t j = 0; j < m; ++j) row[j] += aik * brow[j];
        }
    }
}

// ---------------------------------------------------------------------------------------
// Pelz–Good's asymptotic series for P(D_n <= x) (scipy's _kolmogn_PelzGood, same order).

double pelz_good_cdf(long long n, double x) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    const double pi_squared = std::pow(kPi, 2.0);
    const double pi_four = std::pow(kPi, 4.0);
    const double pi_six = std::pow(kPi, 6.0);
    const double sqrt_2pi = std::sqrt(2 * kPi);
    const double sqrt3 = std::sqrt(3.0);

    const double z = std::sqrt(static_cast<double>(n)) * x;
    const double z2 = z * z, z3 = std::pow(z, 3.0), z4 = std::pow(z, 4.0), z6 = std::pow(z, 6.0);
    const double qlog = -pi_squared / 8 / z2;
    if (qlog < -708) return 0.0;
    double q = std::exp(qlog);
    const double k1a = -z2;
    const double k1b = pi_squared / 4;
    const double k2a = 6 * z6 + 2 * z4;
    const double k2b = (2 * z4 - 5 * z2) * pi_squared / 4;
    const double k2c = pi_four * (1 - 2 * z2) / 16;
    const double k3d = pi_six * (5 - 30 * z2) / 64;
    const double k3c = pi_four * (-60 * z2 + 212 * z4) / 16;
    const double k3b = pi_squared * (135 * z4 - 96 * z6) / 4;
    const double k3a = -30 * z6 - 90 * std::pow(z, 8.0);

    double K[4] = {0.0, 0.0, 0.0, 0.0};
    const long long maxk = static_cast<long long>(std::ceil(16 * z / kPi));
    for (long long k = maxk; k >= 1; --k) {
        const double m = static_cast<double>(2 * k - 1);
        const double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;  // exact: m < 2^13
        const double qpower = std::pow(q, static_cast<double>(8 * k));
        const double coeffs[4] = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4,
                                  k3a + k3b * m2 + k3c * m4 + k3d * m6};
        for (int i = 0; i < 4; ++i) K[i] = K[i] * qpower + coeffs[i];
    }
    const double divisors[4] = {z, 6 * z4, 72 * std::pow(z, 7.0), 6480 * std::pow(z, 10.0)};
    for (int i = 0; i < 4; ++i) K[i] = K[i] * q * sqrt_2pi / divisors[i];

    q = std::exp(-pi_squared / 2 / z2);
    const double sqrt3z = sqrt3 * z;
    // Terms in scipy's order: k = maxk, maxk-1, ..., 1 (numpy's pairwise sum).
    auto k_at = [maxk](std::size_t i) { return static_cast<double>(maxk - static_cast<long long>(i)); };
    const std::size_t count = static_cast<std::size_t>(maxk > 0 ? maxk : 0);
    double k2extra = numpy_sum_of(count, [&](std::size_t i) {
        const double k = k_at(i);
        return (k * k) * std::pow(q, k * k);
    });
    k2extra *= pi_squared * sqrt_2pi / (-36 * z3);
    K[2] += k2extra;
    double k3extra = numpy_sum_of(count, [&](std::size_t i) {
        const double k = k_at(i);
        const double kpi = kPi * k;
        return (sqrt3z + kpi) * (sqrt3z - kpi) * (k * k) * std::pow(q, k * k);
    });
    k3extra *= pi_squared * sqrt_2pi / (216 * z6);
    K[3] += k3extra;
    const double nd = static_cast<double>(n);
    for (int i = 0; i < 4; ++i) K[i] /= std::pow(nd, i / 2.0);
    return ((0.0 + K[0]) + K[1] + K[2]) + K[3];
}

// log(n! / n^n) by Stirling's series (scipy's _log_nfactorial_div_n_pow_n).
double log_factorial_over_power(long long n) {
    static constexpr double kCoefficients[] = {
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2};
    const double nd = static_cast<double>(n);
    const double rn = 1.0 / nd;
    const double x = rn / nd;
    double poly = 0.0;
    for (double c : kCoefficients) poly = poly * x + c;
    return std::log(nd) / 2 - nd + std::log(2 * kPi) / 2 + rn * poly;
}

long long floor_div(long long a, long long b) {  // b > 0
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

long long ceil_div(long long a, long long b) {  // b > 0
    return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

// One column of the inside method: U(i, j) for j in [lo, hi), in place over U(i-1, j).
// `val` is U(i, lo-1) (1 outside the band, 0 below the grid).
inline void inside_column(double* a, long long i, long long lo, long long hi) {
    double val = lo == 0 ? 0.0 : 1.0;
    const double di = static_cast<double>(i);
    for (long long j = lo; j < hi; ++j) {
        val = (a[j] * di + val * static_cast<double>(j)) / static_cast<double>(i + j);
        a[j] = val;
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------

double smirnov(long long n, double x) {
    if (!(n > 0 && x >= 0.0 && x <= 1.0)) return kNaN;
    if (n == 1) return 1 - x;
    if (x == 0.0) return 1.0;
    if (x == 1.0) return 0.0;

    const FloorFraction nx = floor_fraction(n, x);
    const double nd = static_cast<double>(n);
    if (nx.floor == 0 || (nx.floor == 1 && nx.alpha_hi == 0.0)) {  // x <= 1/n
        const double t = std::exp(static_cast<double>(n - 1) * std::log1p(x));
        return 1 - x * t;
    }
    if (-2 * nd * x * x < kMinLog) return 0.0;
    if (nx.floor >= n - 1) return std::pow(1 - x, nd);  // 1 - x is exact: x >= 1/2 here
    if (n > kSmirnovMaxComputeN) {
        const double logp = -std::pow(6.0 * nd * x + 1, 2.0) / 18.0 / nd;
        return logp < -std::log(2.0) ? std::exp(logp) : 1 - (-std::expm1(logp));
    }

    // Terms v = 0 .. n - floor(n x) - 1 (when n x is an integer the last one, zero, is left out).
    const long long terms = n - nx.floor;
    const double d = static_cast<double>(nx.floor) + nx.alpha_hi;  // n·x
    const double log_common = stirling_remainder(nd);
    CompensatedSum sum;
    sum.add(std::exp(nd * std::log1p(-x)) / x);  // A_0 = (1-x)^n / x
    const long long middle = n / 2;
    for (long long v = 1; v < terms; ++v) {
        const double vd = static_cast<double>(v);
        const double rest = static_cast<double>(n - v);
        // b(v; n, p) with n p = v + n x and n q = (n - v) - n x.
        const double np = static_cast<double>(v + nx.floor) + nx.alpha_hi;
        const double nq = (static_cast<double>(n - v - nx.floor) - nx.alpha_hi) - nx.alpha_lo;
        const double lc = log_common - stirling_remainder(vd) - stirling_remainder(rest) - deviance(vd, np, -d) -
                          deviance(rest, nq, d);
        // b(v; n, p) / p with p = np/n: exp(lc) sqrt(n / (2 pi v (n - v))) n / np.
        const double term = std::exp(lc) * std::sqrt(nd / (2 * kPi * vd * rest * (np * np))) * nd;
        if (std::isfinite(term) && term != 0.0) sum.add(term);
        // scipy's early stop: the remaining terms cannot reach an ulp of the sum.
        if (term != 0.0) {
            if (4.0 * static_cast<double>(terms - v) * std::fabs(term) < kDoubleEpsilon * sum.value() && v != terms - 1)
                break;
        } else if (v > middle) {
            break;
        }
    }
    return clip_probability(x * sum.value());
}

double kolmogorov_cdf_durbin(long long n, double d) {
    if (n < 1 || std::isnan(d)) return kNaN;
    if (d >= 1.0) return 1.0;
    const double nd_ = static_cast<double>(n) * d;
    if (nd_ <= 0.5) return 0.0;
    const long long k = static_cast<long long>(std::ceil(nd_));
    // ks_2samp only needs k <= 59 (n <= 10^5 with n d^1.5 <= 1.4); a larger matrix would cost
    // O(k^3 log n) time and O(k^2) memory for no caller.
    if (k > kMaxDurbinK) return kNaN;
    const double h = static_cast<double>(k) - nd_;
    const std::size_t m = static_cast<std::size_t>(2 * k - 1);

    // First column v[r] = (1 - h^(r+1)) / (r+1)!, the other columns 1/(r-c+1)! on and below the
    // subdiagonal, the last row the first column reversed with a corrected corner.
    std::vector<double> v(m), w(m);
    double fac = 1.0;
    for (std::size_t j = 1; j <= m; ++j) {
        w[j - 1] = fac;
        fac /= static_cast<double>(j);
        v[j - 1] = (1.0 - std::pow(h, static_cast<double>(j))) * fac;
    }
    const double md = static_cast<double>(m);
    const double tt = std::pow(std::max(2 * h - 1.0, 0.0), md) - 2 * std::pow(h, md);
    v[m - 1] = (1.0 + tt) * fac;

    Matrix H(m * m, 0.0);
    for (std::size_t c = 1; c < m; ++c)
        for (std::size_t r = c - 1; r < m; ++r) H[r * m + c] = w[r - (c - 1)];
    for (std::size_t r = 0; r < m; ++r) H[r * m] = v[r];
    for (std::size_t c = 0; c < m; ++c) H[(m - 1) * m + c] = v[m - 1 - c];

    // H^n by squaring; H is divided by 2^128 whenever its centre entry passes 2^128.
    Matrix power(m * m, 0.0), scratch(m * m);
    for (std::size_t i = 0; i < m; ++i) power[i * m + i] = 1.0;
    const double two128 = std::ldexp(1.0, 128), two_minus128 = std::ldexp(1.0, -128);
    const std::size_t centre = static_cast<std::size_t>(k - 1) * m + static_cast<std::size_t>(k - 1);
    long long exponent = 0, h_exponent = 0;
    for (long long nn = n; nn > 0; nn /= 2) {
        if (nn % 2) {
            multiply(power, H, scratch, m);
            power.swap(scratch);
            exponent += h_exponent;
        }
        multiply(H, H, scratch, m);
        H.swap(scratch);
        h_exponent *= 2;
        if (std::fabs(H[centre]) > two128) {
            for (double& e : H) e /= two128;
            h_exponent += 128;
        }
    }
    double p = power[centre];
    const double ndouble = static_cast<double>(n);
    for (long long i = 1; i <= n; ++i) {
        p = static_cast<double>(i) * p / ndouble;
        if (std::fabs(p) < two_minus128) {
            p *= two128;
            exponent -= 128;
        }
    }
    if (exponent != 0) p = std::ldexp(p, static_cast<int>(std::clamp<long long>(exponent, -100000, 100000)));
    return clip_probability(p);
}

double kstwo_sf(double d, long long n) {
    if (n < 1 || std::isnan(d)) return kNaN;
    const double nd = static_cast<double>(n);
    // rv_continuous.sf: the support is [0.5/n, 1].
    if (d <= 0.5 / nd) return 1.0;
    if (d >= 1.0) return 0.0;

    const double t = nd * d;
    if (t <= 1.0) {  // Ruben–Gambino, lower end
        double prob;
        if (n <= 140) {
            const double rn = 1.0 / nd, base = 2 * t - 1;
            prob = 1.0;
            for (long long i = 1; i <= n; ++i) prob *= static_cast<double>(i) * rn * base;
        } else {
            prob = std::exp(log_factorial_over_power(n) + nd * std::log(2 * t - 1));
        }
        return clip_probability(1.0 - prob);
    }
    if (t >= nd - 1) return clip_probability(2 * std::pow(1.0 - d, nd));  // Ruben–Gambino, upper end
    if (d >= 0.5) return clip_probability(2 * smirnov(n, d));

    const double s = t * d;
    if (n <= 140) {
        // scipy uses Pomeranz's recursion for 0.754693 < s <= 4; the Durbin matrix is exact there
        // too and agrees with it to 2e-11 relative (spec §1.5).
        if (s <= 4) return clip_probability(1.0 - kolmogorov_cdf_durbin(n, d));
        return clip_probability(2 * smirnov(n, d));
    }
    if (s >= 370.0) return 0.0;
    if (s >= 2.2) return clip_probability(2 * smirnov(n, d));
    double cdf;
    if (s >= 18.0)
        cdf = 1.0;
    else if (n <= 100000 && nd * std::pow(d, 1.5) <= 1.4)
        cdf = kolmogorov_cdf_durbin(n, d);
    else
        cdf = pelz_good_cdf(n, d);
    return clip_probability(1.0 - cdf);
}

double ks_prob_outside_square(long long n, long long h) {
    if (n < 1 || h < 1 || h > n) return kNaN;
    // 2 sum_k (-1)^(k+1) C(2n, n - kh) / C(2n, n), Horner-like from the largest k.
    double P = 0.0;
    for (long long k = n / h; k >= 0; --k) {
        double p1 = 1.0;
        for (long long j = 0; j < h; ++j)
            p1 = static_cast<double>(n - k * h - j) * p1 / static_cast<double>(n + k * h + j + 1);
        P = p1 * (1.0 - P);
    }
    return 2 * P;
}

double ks_outer_prob_inside(long long m, long long n, long long h) {
    if (m < 1 || n < 1 || h < 0) return kNaN;
    if (m < n) std::swap(m, n);
    const long long g = std::gcd(m, n);
    const long long mg = m / g, ng = n / g;
    // U(i, j): the share of lattice paths from (0,0) to (i,j) that have left the band
    // |ng·i - mg·j| < h. One column, indexed by j and updated in place: the band's window
    // [lo, hi) only moves up with i, so entries at and above the previous hi are still the
    // initial 1 (outside) when read.
    std::vector<double> column(static_cast<std::size_t>(n) + 1, 1.0);
    double* a = column.data();
    const long long first_hi = std::min(ceil_div(h, mg), n + 1);
    std::fill(a, a + first_hi, 0.0);

    auto window = [&](long long i, long long& lo, long long& hi) {
        lo = std::min(std::max(floor_div(ng * i - h, mg) + 1, 0LL), n);
        hi = std::min(ceil_div(ng * i + h, mg), n + 1);
    };

    // The recursion along a column is a chain of dependent divisions; four columns are walked
    // together on a skewed schedule (column c at row t - c) so their chains overlap. Same
    // operations on the same values as one column at a time: the result is bit-identical.
    constexpr int kLanes = 4;
    long long i = 1;
    for (; i + kLanes - 1 <= m; i += kLanes) {
        long long lo[kLanes], hi[kLanes];
        for (int c = 0; c < kLanes; ++c) {
            window(i + c, lo[c], hi[c]);
            if (hi[c] <= lo[c]) return 1.0;
        }
        long long t0 = lo[0], t1 = hi[0];
        for (int c = 1; c < kLanes; ++c) {
            t0 = std::max(t0, lo[c] + c);
            t1 = std::min(t1, hi[c] + c);
        }
        if (t1 - t0 < 8) {  // little overlap: plain order
            for (int c = 0; c < kLanes; ++c) inside_column(a, i + c, lo[c], hi[c]);
            continue;
        }
        double val[kLanes], di[kLanes];
        for (int c = 0; c < kLanes; ++c) {
            val[c] = lo[c] == 0 ? 0.0 : 1.0;
            di[c] = static_cast<double>(i + c);
        }
        // Lead-in: column c up to row t0 - c - 1.
        for (int c = 0; c < kLanes; ++c)
            for (long long j = lo[c]; j < t0 - c; ++j) {
                val[c] = (a[j] * di[c] + val[c] * static_cast<double>(j)) / static_cast<double>(i + c + j);
                a[j] = val[c];
            }
        // All four columns active: at step t column c is at row t - c.
        for (long long t = t0; t < t1; ++t) {
            const double j0 = static_cast<double>(t), j1 = j0 - 1, j2 = j0 - 2, j3 = j0 - 3;
            const double s0 = di[0] + j0, s1 = di[1] + j1, s2 = di[2] + j2, s3 = di[3] + j3;
            val[0] = (a[t] * di[0] + val[0] * j0) / s0;
            val[1] = (a[t - 1] * di[1] + val[1] * j1) / s1;
            val[2] = (a[t - 2] * di[2] + val[2] * j2) / s2;
            val[3] = (a[t - 3] * di[3] + val[3] * j3) / s3;
            a[t] = val[0];
            a[t - 1] = val[1];
            a[t - 2] = val[2];
            a[t - 3] = val[3];
        }
        // Lead-out: column c from row t1 - c.
        for (int c = 0; c < kLanes; ++c)
            for (long long j = t1 - c; j < hi[c]; ++j) {
                val[c] = (a[j] * di[c] + val[c] * static_cast<double>(j)) / static_cast<double>(i + c + j);
                a[j] = val[c];
            }
    }
    for (; i <= m; ++i) {
        long long lo, hi;
        window(i, lo, hi);
        if (hi <= lo) return 1.0;
        inside_column(a, i, lo, hi);
    }
    return a[n];
}

}  // namespace mlwb::drift
