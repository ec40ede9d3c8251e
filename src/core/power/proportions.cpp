#include "power/proportions.hpp"

#include <cmath>
#include <string>

#include "stats/normal.hpp"
#include "util/format.hpp"

namespace mlwb::power {

namespace {

// Samples larger than this cannot be planned for and are beyond exact integers in a double.
constexpr double kMaxN = 1e15;

bool is_open_probability(double p) { return std::isfinite(p) && p > 0.0 && p < 1.0; }

bool counts_far_tail(const PowerInputs& in) { return in.strict && in.alternative == Alternative::TwoSided; }

double power_at_root_n(const PowerInputs& in, const PooledTerms& t, double sqrt_n) {
    double p = stats::normal_cdf((sqrt_n * t.d - t.z_crit * t.sd_null) / t.sd_alt);
    if (counts_far_tail(in)) p += stats::normal_upper_tail((sqrt_n * t.d + t.z_crit * t.sd_null) / t.sd_alt);
    return p;
}

// Without the far-tail term: sqrt(n) = (z_crit*sd_null + z_power*sd_alt) / d.
double closed_form_root_n(const PowerInputs& in, const PooledTerms& t) {
    return (t.z_crit * t.sd_null + stats::normal_quantile(in.power) * t.sd_alt) / t.d;
}

}  // namespace

PooledTerms pooled_terms(const PowerInputs& in) {
    const double tails = in.alternative == Alternative::TwoSided ? 2.0 : 1.0;
    const double pbar = (in.baseline + in.target) / 2.0;
    PooledTerms t;
    t.d = std::fabs(in.baseline - in.target);
    t.z_crit = stats::normal_upper_quantile(in.alpha / tails);
    // Written as R writes it, (p1 + p2) * (1 - (p1 + p2)/2), so rounding matches too.
    t.sd_null = std::sqrt((in.baseline + in.target) * (1.0 - pbar));
    t.sd_alt = std::sqrt(in.baseline * (1.0 - in.baseline) + in.target * (1.0 - in.target));
    return t;
}

double pooled_closed_form_n(const PowerInputs& in) {
    const double root_n = closed_form_root_n(in, pooled_terms(in));
    return root_n * root_n;
}

const char* alternative_key(Alternative a) { return a == Alternative::TwoSided ? "two-sided" : "one-sided"; }

std::vector<FieldError> validate(const PowerInputs& in) {
    std::vector<FieldError> errors;
    if (!is_open_probability(in.baseline)) errors.push_back({"baseline", "Baseline rate must be between 0 and 1 (exclusive)."});
    if (!is_open_probability(in.target)) errors.push_back({"target", "Target rate must be between 0 and 1 (exclusive)."});
    else if (in.target == in.baseline) errors.push_back({"target", "Target rate must differ from the baseline rate."});
    if (!is_open_probability(in.alpha)) errors.push_back({"alpha", "Significance level must be between 0 and 1 (exclusive)."});
    if (!is_open_probability(in.power)) errors.push_back({"power", "Power must be between 0 and 1 (exclusive)."});
    if (!errors.empty()) return errors;

    // With no data the test still rejects with probability ~alpha; a power at or below that
    // is reached by any n, so there is nothing to solve for.
    const PooledTerms t = pooled_terms(in);
    const double floor_power = power_at_root_n(in, t, 0.0);
    if (in.power <= floor_power) {
        errors.push_back({"power", "Power must exceed " + format_significant(floor_power, 3) +
                                       ", the rejection rate of this test with no data (about alpha)."});
        return errors;
    }
    // The strict root is never above the closed-form one, so this bounds both.
    const double root_n = closed_form_root_n(in, t);
    if (!(root_n * root_n <= kMaxN)) {
        errors.push_back({"target", "The difference is too small to detect: more than 10^15 units per arm would be needed."});
    }
    return errors;
}

double pooled_power(const PowerInputs& in, double n) {
    if (!(n >= 0.0)) return std::nan("");
    return power_at_root_n(in, pooled_terms(in), std::sqrt(n));
}

Outcome<SampleSize> pooled_sample_size(const PowerInputs& in) {
    Outcome<SampleSize> out;
    out.errors = validate(in);
    if (!out.ok()) return out;

    const PooledTerms t = pooled_terms(in);
    double root_n = closed_form_root_n(in, t);

    if (counts_far_tail(in)) {
        // The far-tail term only adds power, so the strict root lies in [0, closed-form root];
        // power is increasing in sqrt(n) there (see header), so bisection converges to the root.
        double lo = 0.0, hi = root_n;
        for (int i = 0; i < 200 && hi - lo > 4e-16 * hi; ++i) {
            const double mid = 0.5 * (lo + hi);
            (power_at_root_n(in, t, mid) < in.power ? lo : hi) = mid;
        }
        root_n = 0.5 * (lo + hi);
    }

    const double n = root_n * root_n;  // finite and <= kMaxN: validate() checked
    out.value.n_per_arm = n;
    const double ceil_n = std::ceil(n);
    out.value.n_per_arm_ceil = static_cast<std::int64_t>(ceil_n);
    out.value.power_at_ceil = pooled_power(in, ceil_n);
    return out;
}

}  // namespace mlwb::power
