// mlwb: the workbench's engine from a terminal or a CI job. JSON in, JSON out.
//
//   mlwb power --baseline 0.10 --target 0.11 --alpha 0.05 --power 0.8 --alternative two-sided --json
//   mlwb power --metric mean --delta 0.5 --sd 1 --power 0.9 --method t --json
//   mlwb power --scenario inputs.json --json   (the same state JSON as the URL hash and the app)
//
// Exit codes: 0 success, 2 bad input (message on stderr), 1 anything else.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "cli_io.hpp"
#include "pages_command.hpp"
#include "persona_command.hpp"
#include "serve_command.hpp"
#include "drift_command.hpp"
#include "power/power_report.hpp"
#include "state/power_state.hpp"
#include "state/readout_state.hpp"
#include "util/format.hpp"
#include "util/parse.hpp"

namespace {

using namespace mlwb::power;
using mlwb::cli::fail;
using mlwb::cli::read_all;

constexpr const char* kUsage = R"(usage: mlwb <command> [options]

commands:
  power     A/B test power: sample size per arm, minimum detectable effect, or power
  serve     serving latency and cost: simulation or closed form (see mlwb serve --help)
  drift     drift between a reference and current CSV, per column and over time (see mlwb drift --help)
  persona   souls (persona Markdown): parse, checklist, list, site (see mlwb persona --help)
  pages     DIR: the instruments' static pages into DIR/instruments/

mlwb power options (defaults: the app's defaults; a --scenario file first, options after it override):
  --solve n|mde|power       the unknown                                            (n)
  --metric proportion|mean|ratio                                                   (proportion)
  --method M                proportion: pooled | arcsine | unpooled | evan-miller  (pooled)
                            mean: t | z                                            (t)
  --baseline P              control conversion rate, 0 < P < 1 (0.1 or 10%)        (0.10)
  --target P                the treatment rate to detect (sets the effect)         (0.11)
  --mde X                   effect as an absolute difference
  --relative-mde X          effect relative to the baseline (0.06 or 6%)
  --delta D --sd S          mean metric: difference to detect and per-unit sd
  --mean-baseline M         mean metric: control mean (for a relative effect)
  --num-mean --den-mean --num-var --den-var --cov
                            ratio metric Y/X: per-unit means, variances, covariance
  --alpha A --power B       error rates (family-wise alpha with several variants)
  --alternative S           two-sided | one-sided                                  (two-sided)
  --strict                  two-sided: count rejections in the wrong tail too (R strict = TRUE)
  --ratio R                 allocation, treatment:control units                    (1)
  --variants K              treatment arms, each against the control               (1)
  --correction bonferroni|sidak                                                    (bonferroni)
  --cuped-rho R             pre-period correlation: variance x (1 - R^2)           (0)
  --ni-margin M             non-inferiority margin (one-sided test)                (0)
  --sequential fixed|obrien-fleming|pocock|always-valid --looks K --tau T
  --n N                     control units per arm (when solving for mde or power)
  --daily U --share S       eligible units per day, share of them in the test     (20000, 1)
  --scenario FILE           state JSON exported from the app ('-' for stdin); also --state
  --json                    print the results as JSON
)";

void print_human(const PowerInputs& in, const nlohmann::json& r) {
    using mlwb::format_grouped;
    using mlwb::format_significant;
    std::cout << r["method_name"].get<std::string>() << " (as " << r["reference"].get<std::string>() << "), "
              << r["alternative"].get<std::string>() << "\n";
    if (in.solve == Solve::SampleSize)
        std::cout << "  n per arm: " << format_grouped(r["n_per_arm_ceil"].get<std::int64_t>()) << "  (exact "
                  << format_significant(r["n_per_arm"].get<double>(), 10) << ")\n"
                  << "  total:     " << format_grouped(r["n_total_ceil"].get<std::int64_t>()) << " in "
                  << r["arms"].get<int>() << " arms\n";
    if (in.solve == Solve::Mde)
        std::cout << "  MDE: " << format_significant(r["mde"].get<double>(), 6) << " absolute ("
                  << (r["mde_relative"].is_number() ? format_significant(100 * r["mde_relative"].get<double>(), 4) + " %" : "-")
                  << " relative)\n";
    if (in.solve == Solve::Power) std::cout << "  power: " << format_significant(r["power"].get<double>(), 6) << "\n";
    const auto days = r["days"].get<std::int64_t>(), weeks = r["weeks"].get<std::int64_t>();
    std::cout << "  duration: " << days << (days == 1 ? " day (" : " days (") << weeks << (weeks == 1 ? " week)\n" : " weeks)\n");
}

template <class E>
bool set_key(const std::string& text, E& out) { return parse_key(text, out); }

int run_power(const std::vector<std::string>& args) {
    PowerInputs in;
    bool json_out = false;
    std::string method;
    nlohmann::json check;  // a scenario's "check a running test" counts, reported alongside
    // Options that take a number, and where it goes.
    struct NumberOption {
        const char* flag;
        double* target;
        EffectScale scale;  // for options that set the effect
        bool sets_effect;
    };
    const NumberOption numbers[] = {
        {"--baseline", &in.baseline, {}, false},       {"--target", &in.effect, EffectScale::Target, true},
        {"--mde", &in.effect, EffectScale::Absolute, true}, {"--relative-mde", &in.effect, EffectScale::Relative, true},
        {"--delta", &in.effect, EffectScale::Absolute, true}, {"--sd", &in.sd, {}, false},
        {"--mean-baseline", &in.mean_baseline, {}, false},  {"--num-mean", &in.ratio.mean_num, {}, false},
        {"--den-mean", &in.ratio.mean_den, {}, false},      {"--num-var", &in.ratio.var_num, {}, false},
        {"--den-var", &in.ratio.var_den, {}, false},        {"--cov", &in.ratio.cov, {}, false},
        {"--alpha", &in.alpha, {}, false},                  {"--power", &in.power, {}, false},
        {"--ratio", &in.allocation, {}, false},             {"--cuped-rho", &in.cuped_rho, {}, false},
        {"--ni-margin", &in.ni_margin, {}, false},          {"--tau", &in.msprt_tau, {}, false},
        {"--n", &in.n_per_arm, {}, false},                  {"--daily", &in.daily_units, {}, false},
        {"--share", &in.traffic_share, {}, false},
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string v;
        auto value = [&]() {
            if (i + 1 >= args.size()) return false;
            v = args[++i];
            return true;
        };
        if (a == "--json") { json_out = true; continue; }
        if (a == "--strict") { in.strict = true; continue; }
        if (a == "--help" || a == "-h") { std::cout << kUsage; return 0; }
        bool handled = false;
        for (const auto& o : numbers) {
            if (a != o.flag) continue;
            handled = true;
            double d = 0;
            if (!value()) return fail(a + " needs a value");
            if (!mlwb::parse_user_number(v.c_str(), d)) return fail(a + ": '" + v + "' is not a number");
            *o.target = d;
            if (o.sets_effect) in.effect_scale = o.scale;
        }
        if (handled) continue;
        if (a == "--variants" || a == "--looks") {
            double d = 0;
            if (!value()) return fail(a + " needs a value");
            if (!mlwb::parse_user_number(v.c_str(), d) || d != std::floor(d) || std::fabs(d) > 1e6)
                return fail(a + ": '" + v + "' is not a whole number");
            (a == "--variants" ? in.variants : in.looks) = static_cast<int>(d);
        } else if (a == "--alternative") {
            if (!value()) return fail("--alternative needs a value");
            if (v == "two.sided" || v == "two-sided") in.alternative = Alternative::TwoSided;
            else if (v == "one.sided" || v == "one-sided" || v == "greater" || v == "less") in.alternative = Alternative::OneSided;
            else return fail("--alternative must be two-sided or one-sided, not '" + v + "'");
        } else if (a == "--solve") {
            if (!value() || !set_key(v, in.solve)) return fail("--solve must be n, mde or power");
        } else if (a == "--metric") {
            if (!value() || !set_key(v, in.metric)) return fail("--metric must be proportion, mean or ratio");
        } else if (a == "--correction") {
            if (!value() || !set_key(v, in.correction)) return fail("--correction must be bonferroni or sidak");
        } else if (a == "--sequential") {
            if (!value() || !set_key(v, in.sequential))
                return fail("--sequential must be fixed, obrien-fleming, pocock or always-valid");
        } else if (a == "--method") {
            if (!value()) return fail("--method needs a value");
            method = v;  // its meaning depends on --metric, which may come later
        } else if (a == "--scenario" || a == "--state") {
            std::string text;
            if (!value()) return fail(a + " needs a file name or -");
            if (!read_all(v, text)) return fail("cannot read " + v);
            auto j = nlohmann::json::parse(text, nullptr, false);
            if (j.is_discarded()) return fail(v + " is not valid JSON");
            // An exported scenario is what window.mlwb.getState() returns: {"instrument", "state"}.
            if (j.is_object() && j.contains("state") && j["state"].is_object()) j = j["state"];
            // In a terminal or CI job a silently replaced value is worse than stopping.
            auto refused = [&](const std::vector<std::string>& notices) {
                for (const auto& n : notices) std::cerr << "mlwb: " << v << ": " << n << "\n";
                return !notices.empty();
            };
            auto decoded = mlwb::state::power_state_from_json(j);
            if (refused(decoded.notices)) return 2;
            in = decoded.value;
            if (j.is_object() && j.contains("check")) {
                auto counts = mlwb::state::readout_state_from_json(j["check"]);
                if (refused(counts.notices)) return 2;
                check = mlwb::state::readout_results_json(counts.value);
            }
        } else {
            return fail("unknown option '" + a + "' (see mlwb --help)");
        }
    }
    if (!method.empty()) {
        const bool ok = in.metric == Metric::Mean ? set_key(method, in.mean_method)
                        : in.metric == Metric::Proportion ? set_key(method, in.proportion_method)
                                                          : method == "delta" || method == "z";
        if (!ok)
            return fail("--method '" + method + "' does not apply to the " + key_of(in.metric) +
                        " metric (proportion: pooled, arcsine, unpooled, evan-miller; mean: t, z; ratio: z)");
    }
    const nlohmann::json r = power_results_json(in);
    if (!r["ok"].get<bool>()) {
        for (const auto& e : r["errors"]) std::cerr << "mlwb: --" << e["field"].get<std::string>() << ": " << e["message"].get<std::string>() << "\n";
        return 2;
    }
    if (json_out) {
        nlohmann::json out = r;
        out["inputs"] = mlwb::state::power_state_to_json(in);
        if (!check.is_null()) out["check"] = check;
        std::cout << out.dump(2) << "\n";
    } else {
        print_human(in, r);
        if (!check.is_null() && check["ok"].get<bool>())
            std::cout << "check: " << check["verdict"].get<std::string>() << "\n"
                      << (check["srm_alert"].get<bool>() ? "  " + check["srm_message"].get<std::string>() + "\n" : "");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (command == "power") return run_power(args);
    if (command == "persona") return mlwb::cli::run_persona(args);
    if (command == "serve") return mlwb::cli::run_serve(args);
    if (command == "drift") return mlwb::cli::run_drift(args);
    if (command == "pages") return mlwb::cli::run_pages(args);
    return fail("unknown command '" + command + "' (see mlwb --help)");
}
