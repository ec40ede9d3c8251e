#include "power/solve.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "stats/normal.hpp"
#include "util/format.hpp"
#include "util/root.hpp"

namespace mlwb::power {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Below this n the test is not defined (t-test: df >= 1); the bracket's lower end.
double lowest_n(const TestModel& m) { return m.t_test ? 3.0 / (1 + m.allocation) : 0.0; }

// Solves increasing g(x) = 0 for x > lo, given g(lo) < 0: grows `hi` until g(hi) >= 0.
template <class G>
double root_above(G&& g, double lo, double hi, double limit) {
    hi = std::fmax(hi, lo > 0 ? lo * 2 : 1e-300);
    for (int i = 0; i < 200 && g(hi) < 0; ++i) {
        if (hi > limit) return kNaN;
        hi *= 2;
    }
    return find_root(g, lo, hi);
}

double tau_on_test_scale(const TestModel& m, double effect, double tau) {
    return tau > 0 ? tau : z_terms(m, effect).delta;
}

// The group-sequential design depends only on (looks, spending, alpha, power) and costs about
// a millisecond of numerical integration, while the effect, baseline or traffic change far
// more often: keep the last one. Solving for power there is no planned power, so the stopping
// chances (computed at a planned power's drift) are unknown: such a design is kept with them
// blanked, rather than copied and blanked for every solve.
Outcome<std::shared_ptr<const seq::GroupSequentialDesign>> cached_design(int looks, seq::Spending spending, double alpha, double power,
                                                                         bool stops_known) {
    struct Key {
        int looks;
        seq::Spending spending;
        double alpha, power;
        bool stops_known;
        bool operator==(const Key&) const = default;
    };
    thread_local Key last_key{0, seq::Spending::OBrienFleming, 0, 0, true};
    thread_local Outcome<std::shared_ptr<const seq::GroupSequentialDesign>> last;
    const Key key{looks, spending, alpha, power, stops_known};
    if (!(key == last_key)) {
        auto made = seq::design_group_sequential(looks, spending, alpha, power);
        if (!stops_known)
            for (auto& look : made.value.looks) look.stop_prob_h1 = std::numeric_limits<double>::quiet_NaN();
        last.errors = std::move(made.errors);
        last.value = std::make_shared<const seq::GroupSequentialDesign>(std::move(made.value));
        last_key = key;
    }
    return last;
}

bool group_sequential(const PowerInputs& in) {
    return in.sequential == Sequential::OBrienFleming || in.sequential == Sequential::Pocock;
}

constexpr const char* kTooSmallToDetect = "The effect is too small to detect: more than 10^15 units per arm would be needed.";

std::string no_data_power_message(double floor_power) {
    return "Power must exceed " + format_significant(floor_power, 3) +
           ", the rejection rate of this test with no data (about alpha).";
}

}  // namespace

const std::vector<seq::Look>& PowerResult::looks() const {
    static const std::vector<seq::Look> none;
    return design ? design->looks : none;
}

double normal_approximation_numerator(const TestModel& m, const ZTerms& t, double power) {
    return m.z_crit * t.s0 + stats::normal_quantile(power) * t.s1;
}

double fixed_sample_size(const TestModel& m, double effect, double power) {
    const ZTerms t = z_terms(m, effect);
    if (!(t.delta > 0)) return kNaN;
    const double lo = lowest_n(m);
    auto shortfall = [&](double n) { return power_at(m, n, effect) - power; };
    if (!(shortfall(lo) < 0)) return kNaN;  // reached with no data: nothing to solve
    // The normal approximation without the far tail: exact for z tests that ignore it, an
    // upper bound when the far tail counts, a starting point for the t-test.
    const double root_n = normal_approximation_numerator(m, t, power) / t.delta;
    const double n_z = root_n * root_n;
    if (!m.t_test && !m.far_tail) return n_z;
    if (!m.t_test) return find_root(shortfall, lo, n_z);
    return root_above(shortfall, lo, n_z, 4 * kMaxSampleSize);
}

double fixed_mde(const TestModel& m, double n, double power) {
    if (!(n >= lowest_n(m))) return kNaN;
    auto shortfall = [&](double e) { return power_at(m, n, e) - power; };
    if (!(shortfall(0) < 0)) return kNaN;
    const double top = max_effect(m);
    if (std::isfinite(top)) {
        const double hi = top * (1 - 1e-12);
        return shortfall(hi) >= 0 ? find_root(shortfall, 0, hi) : kNaN;
    }
    const ZTerms t = z_terms(m, 1.0);  // means and ratios: the sds do not depend on the effect
    const double guess = normal_approximation_numerator(m, t, power) / std::sqrt(n);
    if (m.t_test) {
        // The t-test is less powerful than the z-test at the same n (heavier tails, larger
        // critical value), so its MDE lies above the z-test's: a tight bracket, few evaluations.
        TestModel z = m;
        z.t_test = false;
        const double z_mde = fixed_mde(z, n, power);
        if (std::isfinite(z_mde) && shortfall(z_mde) < 0) return root_above(shortfall, z_mde, z_mde * 1.05, std::numeric_limits<double>::max() / 4);
    }
    return root_above(shortfall, 0, guess, std::numeric_limits<double>::max() / 4);
}

double always_valid_boundary(const TestModel& m, double n, double effect, double tau) {
    // Mixture SPRT with a N(0, tau^2) prior on the difference: the likelihood ratio after n
    // control units reaches 1/alpha exactly when |z| >= this boundary (z = difference / its
    // sd under H0). Valid at every n at once, so the test may be checked continuously.
    const double v = z_terms(m, effect).s0;
    const double tau_t = tau_on_test_scale(m, effect, tau);
    const double x = n * tau_t * tau_t / (v * v);
    return std::sqrt((1 + 1 / x) * (2 * std::log(1 / m.alpha_test) + std::log1p(x)));
}

double always_valid_power(const TestModel& m, double n, double effect, double tau) {
    if (!(n > 0)) return 0;
    const ZTerms t = z_terms(m, effect);
    const double b = always_valid_boundary(m, n, effect, tau);
    return stats::normal_cdf((t.delta * std::sqrt(n) - b * t.s0) / t.s1);
}

double design_mde(const PowerInputs& in, const TestModel& m, double inflation, double n) {
    if (in.sequential != Sequential::AlwaysValid) return fixed_mde(m, n / inflation, in.power);
    auto shortfall = [&](double eff) { return always_valid_power(m, n, eff, in.msprt_tau) - in.power; };
    // The always-valid boundary is above the fixed one, so its MDE is larger than the fixed MDE.
    const double guess = fixed_mde(m, n, in.power);
    if (!std::isfinite(guess)) return kNaN;
    const double top = max_effect(m) * (1 - 1e-12);
    if (std::isfinite(top)) return shortfall(top) >= 0 ? find_root(shortfall, guess, top) : kNaN;
    return root_above(shortfall, guess, 2 * guess, std::numeric_limits<double>::max() / 4);
}

double design_power(const PowerInputs& in, const TestModel& m, const seq::GroupSequentialDesign* gs, double n, double effect) {
    if (in.sequential == Sequential::AlwaysValid) return always_valid_power(m, n, effect, in.msprt_tau);
    if (!gs) return power_at(m, n, effect);
    const double fixed = power_at(m, n, effect);
    if (!(fixed > 0 && fixed < 1)) return fixed;
    return seq::rejection_probability(*gs, sequential_drift(m, fixed));
}

double sequential_drift(const TestModel& m, double fixed_power) { return std::fmax(0.0, m.z_crit + stats::normal_quantile(fixed_power)); }

std::vector<FieldError> validate(const PowerInputs& in) { return solve(in).errors; }

Outcome<PowerResult> solve(const PowerInputs& in) {
    Outcome<PowerResult> out;
    out.errors = field_errors(in);
    if (!out.ok()) return out;
    auto fail = [&](const char* field, std::string message) {
        out.errors.push_back({field, std::move(message)});
        return out;
    };

    PowerResult& r = out.value;
    const TestModel m = make_test_model(in);
    r.model = m;
    const double lo = lowest_n(m);

    if (group_sequential(in)) {
        const auto spending = in.sequential == Sequential::Pocock ? seq::Spending::Pocock : seq::Spending::OBrienFleming;
        // The boundaries do not depend on the power (only the drift does): solving for power,
        // any planned power gives the same design to evaluate (and its expected n is not reported).
        const bool for_power = in.solve == Solve::Power;
        auto design = cached_design(in.looks, spending, m.alpha_test / m.tails, for_power ? 0.8 : in.power, !for_power);
        if (!design.ok()) {
            for (auto& e : design.errors) out.errors.push_back(e);
            return out;
        }
        r.design = std::move(design.value);
        r.inflation = r.design->inflation;
    }
    const bool avl = in.sequential == Sequential::AlwaysValid;

    switch (in.solve) {
        case Solve::SampleSize: {
            r.effect = absolute_effect(in);
            if (m.margin > 0 && !(r.effect + m.margin > 0))
                return fail("effect", "With a non-inferiority margin of " + format_significant(m.margin, 4) +
                                          " the true effect must be above -" + format_significant(m.margin, 4) +
                                          ": a treatment that much worse cannot be shown non-inferior.");
            const double floor_power = power_at(m, lo, r.effect);
            if (!(in.power > floor_power)) return fail("power", no_data_power_message(floor_power));
            r.n_fixed = fixed_sample_size(m, r.effect, in.power);
            if (!(r.n_fixed <= kMaxSampleSize))
                return fail("effect", kTooSmallToDetect);
            r.n_per_arm = r.n_fixed * r.inflation;
            if (avl) {
                auto shortfall = [&](double n) { return always_valid_power(m, n, r.effect, in.msprt_tau) - in.power; };
                const double start = std::fmax(r.n_fixed, 1e-9);
                r.n_per_arm = shortfall(start) < 0 ? root_above(shortfall, start, 2 * start, 4 * kMaxSampleSize) : start;
            }
            if (!(r.n_per_arm <= kMaxSampleSize))
                return fail("effect", kTooSmallToDetect);
            break;
        }
        case Solve::Mde: {
            r.n_per_arm = in.n_per_arm;
            r.n_fixed = in.n_per_arm / r.inflation;
            if (r.n_fixed < lo) return fail("n_per_arm", "Too few units per arm for this design.");
            const double e = design_mde(in, m, r.inflation, in.n_per_arm);
            if (!std::isfinite(e)) {
                const double floor_power = power_at(m, r.n_fixed, 0);
                if (!(in.power > floor_power)) return fail("power", no_data_power_message(floor_power));
                return fail("n_per_arm", "With " + format_significant(in.n_per_arm, 6) + " units per arm no effect reaches " +
                                             format_significant(in.power, 4) + " power" +
                                             (m.metric == Metric::Proportion ? ", not even a treatment rate of 100 %." : "."));
            }
            r.effect = e;
            if (m.metric == Metric::Proportion) {
                // Every proportion method is symmetric under swapping success and failure
                // (p -> 1 - p), so a decrease from p1 is an increase from 1 - p1.
                TestModel mirrored = m;
                mirrored.baseline = 1 - m.baseline;
                r.effect_decrease = -design_mde(in, mirrored, r.inflation, in.n_per_arm);
            }
            break;
        }
        case Solve::Power:
            r.effect = absolute_effect(in);
            r.n_per_arm = r.n_fixed = in.n_per_arm;
            if (in.n_per_arm < lo) return fail("n_per_arm", "Too few units per arm for a t-test.");
            break;
    }

    const double ceil_n = std::ceil(r.n_per_arm);
    r.n_per_arm_ceil = static_cast<std::int64_t>(ceil_n);
    r.n_treatment_ceil = static_cast<std::int64_t>(std::ceil(in.allocation * r.n_per_arm));
    r.n_total_ceil = r.n_per_arm_ceil + in.variants * r.n_treatment_ceil;
    const double base = baseline_value(in);
    r.effect_relative = base != 0 ? r.effect / base : kNaN;

    switch (in.solve) {
        case Solve::SampleSize:
            r.power = avl ? always_valid_power(m, ceil_n, r.effect, in.msprt_tau)
                          : group_sequential(in) ? in.power : power_at(m, ceil_n, r.effect);
            break;
        case Solve::Mde: r.power = in.power; break;
        case Solve::Power:
            r.power = design_power(in, m, r.sequential_design(), r.n_per_arm, r.effect);
            break;
    }
    if (group_sequential(in) && in.solve != Solve::Power) {  // expected n is known at the planned power
        r.expected_n_h1 = r.n_fixed * r.design->expected_n_h1;
        r.expected_n_h0 = r.n_fixed * r.design->expected_n_h0;
    }
    if (avl) {
        r.always_valid_tau = tau_on_test_scale(m, r.effect, in.msprt_tau);
        r.always_valid_z = always_valid_boundary(m, r.n_per_arm, r.effect, in.msprt_tau);
    }

    r.units_per_day = in.daily_units * in.traffic_share;
    r.days = static_cast<std::int64_t>(std::ceil(static_cast<double>(r.n_total_ceil) / r.units_per_day));
    r.weeks = (r.days + 6) / 7;
    const double days_per_control_unit = static_cast<double>(r.n_total_ceil) / r.n_per_arm_ceil / r.units_per_day;
    r.planned_days = r.n_per_arm * days_per_control_unit;
    r.expected_days = group_sequential(in) ? r.expected_n_h1 * days_per_control_unit : r.planned_days;
    return out;
}

}  // namespace mlwb::power
