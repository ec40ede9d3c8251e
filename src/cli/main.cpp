// mlwb: the workbench's engine from a terminal or a CI job. JSON in, JSON out.
//
//   mlwb power --baseline 0.10 --target 0.11 --alpha 0.05 --power 0.8 --alternative two-sided --json
//   mlwb power --state inputs.json --json      (the same state JSON as the URL hash and the app)
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

#include "power/power_report.hpp"
#include "power/proportions.hpp"
#include "state/power_state.hpp"
#include "util/format.hpp"
#include "util/parse.hpp"

namespace {

using mlwb::power::Alternative;
using mlwb::power::PowerInputs;

constexpr const char* kUsage = R"(usage: mlwb <command> [options]

commands:
  power     per-arm sample size for two proportions (pooled z-test, as R power.prop.test)

mlwb power options:
  --baseline P        control conversion rate, 0 < P < 1 (0.1 or 10%) (default 0.10)
  --target P          treatment rate to detect, 0 < P < 1, != baseline (default 0.11)
  --alpha A           significance level, 0 < A < 1                 (default 0.05)
  --power B           1 - beta, 0 < B < 1                           (default 0.80)
  --alternative S     two-sided | one-sided                         (default two-sided)
  --strict            two-sided: also count rejections in the wrong tail (R strict = TRUE)
  --state FILE        read inputs from state JSON ('-' for stdin); options given after override it
  --json              print the results as JSON
)";

int fail(const std::string& message) {
    std::cerr << "mlwb: " << message << "\n";
    return 2;
}

bool read_all(const std::string& path, std::string& out) {
    if (path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), {});
        return true;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}

void print_human(const PowerInputs& in, const nlohmann::json& r) {
    using mlwb::format_grouped;
    using mlwb::format_significant;
    std::cout << "Two proportions, pooled z-test (as R power.prop.test"
              << (in.strict ? ", strict" : "") << ")\n"
              << "  baseline " << format_significant(in.baseline, 6) << " -> target " << format_significant(in.target, 6)
              << " (" << format_significant(100 * r["relative_difference"].get<double>(), 4) << " % relative)\n"
              << "  alpha " << format_significant(in.alpha, 6) << " " << mlwb::power::alternative_key(in.alternative)
              << ", power " << format_significant(in.power, 6) << "\n"
              << "  n per arm: " << format_grouped(r["n_per_arm_ceil"].get<std::int64_t>()) << "  (exact "
              << format_significant(r["n_per_arm"].get<double>(), 10) << ")\n"
              << "  total:     " << format_grouped(r["n_total_ceil"].get<std::int64_t>()) << "\n";
}

int run_power(const std::vector<std::string>& args) {
    PowerInputs in;
    bool json_out = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size()) return false;
            out = args[++i];
            return true;
        };
        std::string v;
        if (a == "--json") json_out = true;
        else if (a == "--strict") in.strict = true;
        else if (a == "--help" || a == "-h") { std::cout << kUsage; return 0; }
        else if (a == "--baseline" || a == "--target" || a == "--alpha" || a == "--power") {
            double d = 0;
            if (!value(v)) return fail(a + " needs a value");
            if (!mlwb::parse_user_number(v.c_str(), d)) return fail(a + ": '" + v + "' is not a number");
            (a == "--baseline" ? in.baseline : a == "--target" ? in.target : a == "--alpha" ? in.alpha : in.power) = d;
        } else if (a == "--alternative") {
            if (!value(v)) return fail("--alternative needs a value");
            if (v == "two-sided" || v == "two.sided") in.alternative = Alternative::TwoSided;
            else if (v == "one-sided" || v == "one.sided" || v == "greater" || v == "less") in.alternative = Alternative::OneSided;
            else return fail("--alternative must be two-sided or one-sided, not '" + v + "'");
        } else if (a == "--state") {
            std::string text;
            if (!value(v)) return fail("--state needs a file name or -");
            if (!read_all(v, text)) return fail("cannot read " + v);
            auto j = nlohmann::json::parse(text, nullptr, false);
            if (j.is_discarded()) return fail(v + " is not valid JSON");
            auto decoded = mlwb::state::power_state_from_json(j);
            // In a terminal or CI job a silently replaced value is worse than stopping.
            if (!decoded.notices.empty()) {
                for (const auto& n : decoded.notices) std::cerr << "mlwb: " << v << ": " << n << "\n";
                return 2;
            }
            in = decoded.value;
        } else {
            return fail("unknown option '" + a + "' (see mlwb --help)");
        }
    }
    const nlohmann::json r = mlwb::power::power_results_json(in);
    if (!r["ok"].get<bool>()) {
        for (const auto& e : r["errors"]) std::cerr << "mlwb: --" << e["field"].get<std::string>() << ": " << e["message"].get<std::string>() << "\n";
        return 2;
    }
    if (json_out) {
        nlohmann::json out = r;
        out["inputs"] = mlwb::state::power_state_to_json(in);
        std::cout << out.dump(2) << "\n";
    } else {
        print_human(in, r);
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
    return fail("unknown command '" + command + "' (see mlwb --help)");
}
