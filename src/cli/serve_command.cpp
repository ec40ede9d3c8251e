#include "serve_command.hpp"

#include <cmath>
#include <iostream>
#include <sstream>

#include "cli_io.hpp"
#include "serving/analytic.hpp"
#include "serving/catalog.hpp"
#include "serving/presets.hpp"
#include "serving/serving_report.hpp"
#include "serving/simulator.hpp"
#include "serving/validate.hpp"
#include "state/serving_state.hpp"
#include "util/format.hpp"
#include "util/parse.hpp"

namespace mlwb::cli {

namespace {

using serving::Scenario;

constexpr const char* kServeUsage = R"(usage: mlwb serve [options]

Latency and cost of a serving fleet: a seeded discrete-event simulation (default) or the
closed-form queueing answer (--analytic). Defaults are the app's defaults.

  --scenario FILE           the scenario JSON the app exports (options after it override)
  --preset fraud|recs|chat|nightly   start from one of the app's presets
  --arrival-rate QPS        mean requests per second
  --arrival-dist poisson|gamma|on-off|daily  --arrival-cv CV
  --replay FILE             arrival timestamps (seconds), one per line or the first CSV column
  --servers C               replicas (each with --concurrency slots, default 1)
  --service-dist exponential|deterministic|lognormal|gamma|empirical
  --service-mean-ms M       mean service time
  --service-p99-ms P        lognormal: fitted to the mean and this p99 (or to --service-p50-ms and it)
  --service-p50-ms P        lognormal: median (with --service-p99-ms)
  --service-cv CV           lognormal (with the mean) and gamma
  --service-samples FILE    empirical: latencies in ms, one per line or the first CSV column
  --batch-max N --batch-delay-ms D --batch-fixed-ms F --batch-per-item-ms X
                            dynamic batching (on when --batch-max is given)
  --timeout-ms T --queue-capacity Q --cache-hit-rate H --cache-latency-ms L
  --instance NAME           price from the instance catalog (mlwb serve --list-instances)
  --price-per-hour P --spot
  --slo-ms L --slo-percentile P   latency objective (80 ms at p99)
  --requests N --seed S --warmup SHARE
  --analytic                print the closed-form values instead of simulating
  --json                    JSON on stdout (latency_ms, wait_ms, prob_wait, utilization,
                            throughput_rps, cost, ...)
  --fail-on-slo             exit 3 when the SLO is not met (for CI pipelines)

Exit codes: 0 success, 2 bad input (message on stderr), 3 SLO missed with --fail-on-slo.
)";

// The state key of a flag's field, so engine messages name the flag the user typed.
struct FlagField {
    const char* flag;
    const char* field;
};
constexpr FlagField kFlagFields[] = {
    {"--arrival-rate", "arrival.rate_rps"},   {"--arrival-cv", "arrival.cv"},
    {"--servers", "fleet.replicas"},          {"--concurrency", "fleet.concurrency"},
    {"--service-mean-ms", "service.mean_ms"}, {"--service-p99-ms", "service.p99_ms"},
    {"--service-p50-ms", "service.p50_ms"},   {"--service-cv", "service.cv"},
    {"--batch-max", "batching.max_batch"},    {"--batch-delay-ms", "batching.max_delay_ms"},
    {"--batch-fixed-ms", "batching.fixed_ms"}, {"--batch-per-item-ms", "batching.per_item_ms"},
    {"--timeout-ms", "fleet.timeout_ms"},     {"--queue-capacity", "fleet.queue_capacity"},
    {"--cache-hit-rate", "fleet.cache_hit_rate"}, {"--cache-latency-ms", "fleet.cache_latency_ms"},
    {"--price-per-hour", "cost.price_per_hour"}, {"--slo-ms", "slo.latency_ms"},
    {"--slo-percentile", "slo.percentile"},   {"--requests", "run.requests"},
    {"--seed", "run.seed"},                   {"--warmup", "run.warmup_share"},
};

std::string flag_for(const std::string& field) {
    for (const auto& f : kFlagFields)
        if (field == f.field) return f.flag;
    return field;
}

// Numbers from a file: one per line, or the first field of each CSV row; a header is skipped.
bool read_numbers(const std::string& path, std::vector<double>& out, std::string& problem) {
    std::string text;
    if (!read_all(path, text)) {
        problem = "cannot read " + path;
        return false;
    }
    std::istringstream lines(text);
    std::string line;
    long long row = 0;
    while (std::getline(lines, line)) {
        ++row;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::string field = line.substr(0, line.find_first_of(",;\t"));
        if (field.empty()) continue;
        double v = 0;
        if (!parse_user_number(field.c_str(), v)) {
            if (row == 1) continue;  // a header
            problem = path + ": row " + std::to_string(row) + ": '" + field.substr(0, 40) + "' is not a number";
            return false;
        }
        out.push_back(v);
    }
    if (out.empty()) problem = path + " holds no numbers";
    return !out.empty();
}

void print_human(const Scenario& s, const nlohmann::json& r) {
    auto ms = [](const nlohmann::json& v) {
        return v.is_number() && std::isfinite(v.get<double>()) ? format_significant(v.get<double>(), 4) + " ms" : std::string("n/a");
    };
    const auto& lat = r["latency_ms"];
    std::cout << (r["simulated"].get<bool>() ? "simulated " : "analytic ") << "latency: p50 " << ms(lat["p50"]) << ", p90 "
              << ms(lat["p90"]) << ", p99 " << ms(lat["p99"]) << ", p99.9 " << ms(lat["p999"]) << ", mean " << ms(lat["mean"]) << "\n";
    if (r.contains("prob_wait") && r["prob_wait"].is_number())
        std::cout << "waits: " << format_significant(100 * r["prob_wait"].get<double>(), 4) << "% of requests, mean " << ms(r["wait_ms"]["mean"]) << "\n";
    if (r.contains("utilization") && r["utilization"].is_number())
        std::cout << "utilisation: " << format_significant(100 * r["utilization"].get<double>(), 4) << "%\n";
    if (r.contains("slo")) {
        const auto& slo = r["slo"];
        std::cout << "SLO p" << format_shortest(s.slo.percentile) << " <= " << format_shortest(s.slo.latency_ms) << " ms: "
                  << (!slo["met"].is_boolean() ? "unknown (the formulas give no percentile here)"
                      : slo["met"].get<bool>() ? "met" : "MISSED") << "\n";
    }
    if (r.contains("cost") && r["cost"]["per_month"].is_number())
        std::cout << "cost: $" << format_significant(r["cost"]["per_month"].get<double>(), 4) << " per month (" << s.cost.instance << ")\n";
    if (r.contains("notes"))
        for (const auto& n : r["notes"]) std::cout << "note: " << n.get<std::string>() << "\n";
    if (r.contains("analytic") && !r["analytic"]["note"].get<std::string>().empty())
        std::cout << "analytic: " << r["analytic"]["note"].get<std::string>() << "\n";
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
    Scenario s;
    bool json_out = false, analytic_only = false, fail_on_slo = false;
    bool mean_only = false, shape_given = false;  // which lognormal fit the flags describe
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string v;
        auto value = [&]() {
            if (i + 1 >= args.size()) return false;
            v = args[++i];
            return true;
        };
        auto number = [&](double& out) {
            if (!value()) return fail(a + " needs a value") == 0;
            if (!parse_user_number(v.c_str(), out)) return fail(a + ": '" + v + "' is not a number") == 0;
            return true;
        };
        auto whole = [&](auto& out) {
            double d = 0;
            if (!number(d)) return false;
            if (d != std::floor(d) || std::fabs(d) > 9e15) return fail(a + ": '" + v + "' is not a whole number") == 0;
            out = static_cast<std::remove_reference_t<decltype(out)>>(d);
            return true;
        };
        bool ok = true;
        if (a == "--json") json_out = true;
        else if (a == "--analytic") analytic_only = true;
        else if (a == "--fail-on-slo") fail_on_slo = true;
        else if (a == "--spot") s.cost.spot = true;
        else if (a == "--help" || a == "-h") {
            std::cout << kServeUsage;
            return 0;
        } else if (a == "--list-instances") {
            for (const auto& inst : serving::shipped_catalog().instances)
                std::cout << inst.name << "\t$" << format_significant(inst.price_per_hour, 4) << "/h\t" << inst.provider << "\t" << inst.as_of << "\n";
            return 0;
        } else if (a == "--preset") {
            if (!value()) return fail("--preset needs a name");
            const auto* preset = serving::find_serving_preset(v);
            if (!preset) {
                std::string names;
                for (const auto& p : serving::serving_presets()) names += std::string(names.empty() ? "" : ", ") + p.key;
                return fail("--preset must be one of " + names);
            }
            s = preset->scenario;
        } else if (a == "--scenario") {
            std::string text;
            if (!value()) return fail("--scenario needs a file name or -");
            if (!read_all(v, text)) return fail("cannot read " + v);
            auto j = nlohmann::json::parse(text, nullptr, false);
            if (j.is_discarded()) return fail(v + " is not valid JSON");
            if (j.is_object() && j.contains("state") && j["state"].is_object()) j = j["state"];
            auto decoded = state::serving_state_from_json(j);
            // In a terminal or CI job a silently replaced value is worse than stopping.
            for (const auto& n : decoded.notices) std::cerr << "mlwb: " << v << ": " << n << "\n";
            if (!decoded.notices.empty()) return 2;
            s = std::move(decoded.value);
        } else if (a == "--arrival-rate") ok = number(s.arrival.rate_rps);
        else if (a == "--arrival-cv") ok = number(s.arrival.cv);
        else if (a == "--arrival-dist") {
            if (!value() || !serving::parse_key(v, s.arrival.kind) || s.arrival.kind == serving::ArrivalKind::Replay)
                return fail("--arrival-dist must be poisson, gamma, on-off or daily (use --replay FILE for a trace)");
        } else if (a == "--replay") {
            if (!value()) return fail("--replay needs a file name");
            std::string problem;
            s.arrival.replay_s.clear();
            if (!read_numbers(v, s.arrival.replay_s, problem)) return fail("--replay: " + problem);
            s.arrival.kind = serving::ArrivalKind::Replay;
        } else if (a == "--servers") ok = whole(s.fleet.replicas);
        else if (a == "--concurrency") ok = whole(s.fleet.concurrency);
        else if (a == "--service-dist") {
            if (!value() || !serving::parse_key(v, s.service.kind) || s.service.kind == serving::ServiceKind::Trace)
                return fail("--service-dist must be exponential, deterministic, lognormal, gamma or empirical");
        } else if (a == "--service-mean-ms") {
            ok = number(s.service.mean_ms);
            if (s.service.fit == serving::LognormalFit::P50P99) s.service.fit = serving::LognormalFit::MeanP99;
            mean_only = !shape_given;
        } else if (a == "--service-p99-ms") {
            ok = number(s.service.p99_ms);
            shape_given = true, mean_only = false;
            if (s.service.fit == serving::LognormalFit::MeanCv) s.service.fit = serving::LognormalFit::MeanP99;
        } else if (a == "--service-p50-ms") {
            ok = number(s.service.p50_ms);
            s.service.fit = serving::LognormalFit::P50P99;
            shape_given = true, mean_only = false;
        } else if (a == "--service-cv") {
            ok = number(s.service.cv);
            s.service.fit = serving::LognormalFit::MeanCv;
            shape_given = true, mean_only = false;
        } else if (a == "--service-samples") {
            if (!value()) return fail("--service-samples needs a file name");
            std::string problem;
            s.service.samples_ms.clear();
            if (!read_numbers(v, s.service.samples_ms, problem)) return fail("--service-samples: " + problem);
            s.service.kind = serving::ServiceKind::Empirical;
        } else if (a == "--batch-max") {
            ok = whole(s.batching.max_batch);
            s.batching.enabled = true;
        } else if (a == "--batch-delay-ms") ok = number(s.batching.max_delay_ms);
        else if (a == "--batch-fixed-ms") ok = number(s.batching.fixed_ms);
        else if (a == "--batch-per-item-ms") ok = number(s.batching.per_item_ms);
        else if (a == "--timeout-ms") ok = number(s.fleet.timeout_ms);
        else if (a == "--queue-capacity") ok = whole(s.fleet.queue_capacity);
        else if (a == "--cache-hit-rate") ok = number(s.fleet.cache_hit_rate);
        else if (a == "--cache-latency-ms") ok = number(s.fleet.cache_latency_ms);
        else if (a == "--instance") {
            if (!value()) return fail("--instance needs a name");
            const auto* inst = serving::find_instance(serving::shipped_catalog(), v);
            if (!inst) return fail("--instance: '" + v + "' is not in the catalog (mlwb serve --list-instances)");
            serving::apply_instance(s.cost, *inst);
        } else if (a == "--price-per-hour") {
            ok = number(s.cost.price_per_hour);
            s.cost.instance = "custom";
        } else if (a == "--slo-ms") ok = number(s.slo.latency_ms);
        else if (a == "--slo-percentile") ok = number(s.slo.percentile);
        else if (a == "--requests") ok = whole(s.run.requests);
        else if (a == "--seed") ok = whole(s.run.seed);
        else if (a == "--warmup") ok = number(s.run.warmup_share);
        else return fail("unknown option '" + a + "' (see mlwb serve --help)");
        if (!ok) return 2;
    }
    // A lognormal given only its mean takes the default CV (a p99 or median given with it picks
    // those fits instead), rather than the app's default p99, which may sit below the mean.
    if (mean_only) s.service.fit = serving::LognormalFit::MeanCv;
    const auto errors = serving::validate(s);
    if (!errors.empty()) {
        for (const auto& e : errors) std::cerr << "mlwb: " << flag_for(e.field) << ": " << e.message << "\n";
        return 2;
    }
    const serving::AnalyticResult analytic = serving::analyze(s);
    nlohmann::json out;
    if (analytic_only) {
        out = serving::serving_results_json(s, analytic, nullptr);
    } else {
        const serving::SimResult sim = serving::simulate(s);
        out = serving::serving_results_json(s, analytic, &sim);
    }
    if (json_out) {
        out["inputs"] = state::serving_state_without_defaults(s);
        std::cout << out.dump(2) << "\n";
    } else {
        print_human(s, out);
    }
    if (fail_on_slo && out.contains("slo") && out["slo"]["met"].is_boolean() && !out["slo"]["met"].get<bool>()) return 3;
    return 0;
}

}  // namespace mlwb::cli
