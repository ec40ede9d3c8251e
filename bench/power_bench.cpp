// Experiment power engine throughput, native or as wasm under Node (same source):
//   one solve per method against the 50 us budget, and a full view-model update (solve,
//   results JSON with the formula, and the three curves at 240 points each) against 2 ms.
// Prints one line per case, "kind|name|microseconds per call" (median of 15 batches); kind is
// "solve" (budget 50 us native), "update" (budget 2 ms in wasm) or "design" (no budget). bench/power.mjs runs the
// native and the wasm build, prints both with their ratio and marks each budget PASS/FAIL.
#include <cstdio>

#include "bench_timing.hpp"
#include <vector>

#include "power/curves.hpp"
#include "power/power_report.hpp"
#include "power/presets.hpp"
#include "power/solve.hpp"

namespace {

using namespace mlwb::power;
using mlwb::bench::median_microseconds;

// Keeps the optimiser from dropping work whose result is unused.
volatile double g_sink = 0;


void report(const char* kind, const char* name, double us) { std::printf("%s|%s|%.3f\n", kind, name, us); }

PowerInputs with(Metric metric, ProportionMethod pm, MeanMethod mm, bool strict) {
    PowerInputs in;
    in.metric = metric;
    in.proportion_method = pm;
    in.mean_method = mm;
    in.strict = strict;
    if (metric != Metric::Proportion) {
        in.effect_scale = EffectScale::Relative;
        in.effect = 0.03;
    }
    return in;
}

}  // namespace

int main() {
    struct Case {
        const char* name;
        PowerInputs in;
    };
    std::vector<Case> cases = {
        {"solve n: proportion pooled", with(Metric::Proportion, ProportionMethod::Pooled, MeanMethod::T, false)},
        {"solve n: proportion pooled strict", with(Metric::Proportion, ProportionMethod::Pooled, MeanMethod::T, true)},
        {"solve n: proportion arcsine", with(Metric::Proportion, ProportionMethod::Arcsine, MeanMethod::T, false)},
        {"solve n: mean t-test", with(Metric::Mean, ProportionMethod::Pooled, MeanMethod::T, false)},
        {"solve n: ratio metric", with(Metric::Ratio, ProportionMethod::Pooled, MeanMethod::Z, false)},
    };
    PowerInputs mde = with(Metric::Mean, ProportionMethod::Pooled, MeanMethod::T, false);
    mde.solve = Solve::Mde;
    cases.push_back({"solve mde: mean t-test", mde});
    PowerInputs gs;
    gs.sequential = Sequential::OBrienFleming;
    gs.looks = 10;
    cases.push_back({"solve n: 10-look O'Brien-Fleming", gs});
    PowerInputs avl;
    avl.sequential = Sequential::AlwaysValid;
    cases.push_back({"solve n: always valid", avl});

    for (const auto& c : cases) {
        const double us = median_microseconds([&] { g_sink = g_sink + solve(c.in).value.n_per_arm; }, 200);
        report("solve", c.name, us);
    }

    // A group-sequential design from scratch (the solve above reuses the last design, which
    // depends only on looks, spending, alpha and power): what changing one of those costs.
    int k = 0;
    const double us_design = median_microseconds(
        [&] {
            PowerInputs fresh = gs;
            fresh.alpha = 0.05 + 1e-9 * (++k);  // a new key each call defeats the cache
            g_sink = g_sink + solve(fresh).value.n_per_arm;
        },
        20);
    report("design", "10-look O'Brien-Fleming design from scratch", us_design);

    // The UI's work when an input changes: solve, results JSON (with the formula), 3 curves.
    for (const auto& preset : power_presets()) {
        PowerCurves curves;
        const double us = median_microseconds(
            [&] {
                const auto solved = solve(preset.inputs);
                const auto json = power_results_json(preset.inputs, solved);
                compute_power_curves(preset.inputs, solved.value, 240, curves);
                g_sink = g_sink + curves.mde_vs_days.y.back() + static_cast<double>(json.size());
            },
            5);
        char name[96];
        std::snprintf(name, sizeof name, "update with curves: %s", preset.key);
        report("update", name, us);
    }
    PowerCurves curves;
    const double us_t = median_microseconds(
        [&] {
            const auto solved = solve(mde);
            compute_power_curves(mde, solved.value, 240, curves);
            g_sink = g_sink + curves.mde_vs_days.y.back();
        },
        3);
    report("update", "update with curves: mean t-test, solve mde", us_t);
    return 0;
}
