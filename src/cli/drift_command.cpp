#include "drift_command.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli_io.hpp"
#include "drift/csv_reader.hpp"
#include "drift/drift_analysis.hpp"
#include "drift/drift_report.hpp"
#include "drift/histogram_input.hpp"
#include "drift/synthetic.hpp"
#include "util/parse.hpp"

namespace mlwb::cli {
namespace {

constexpr const char* kDriftUsage = R"(usage: mlwb drift --reference REF.csv --current CUR.csv [options]
       mlwb drift --data ONE.csv --time-column t --window 1d [options]
       mlwb drift --histograms BINS.json [options]
       mlwb drift --synthetic PRESET [--seed S --rows N] [options]

Compares every column of the current data with the reference, with Evidently's default tests
and thresholds and scipy's definitions of each statistic. Nothing is uploaded anywhere.

  --reference FILE --current FILE   two CSV files ('-' reads one of them from stdin)
  --data FILE               one CSV file split by --time-column: the first
                            --reference-windows windows (default 1) are the reference
  --histograms FILE         pre-aggregated counts per bin or category (docs/drift.md)
  --synthetic PRESET        generated data: mean-shift, sudden, gradual, new-category, recurring, no-drift
  --seed S --rows N         synthetic: seed (42) and rows per period (5000)
  --write-csv PREFIX        synthetic: also write PREFIX-reference.csv and PREFIX-current.csv
  --columns a,b             only these columns (default: every column in both files)
  --stat-test NAME          one test for every column: ks, chisquare, z, wasserstein, psi,
                            kl_div, jensenshannon, anderson, cramer_von_mises, ed, hellinger
  --threshold T             threshold of --stat-test (default: the test's own)
  --column-test col=NAME[:T]   a column's own test (and threshold); repeatable
  --as-category col         compare a numeric column's values as categories; repeatable
  --drift-share S           dataset drift when this share of columns drifted (0.5)
  --correction none|bonferroni|bh   multiple-testing correction of the p-value tests
  --time-column t --window 1d       drift per window (30m, 6h, 1d, 1w, or 5000r rows)
  --delimiter C             ',' ';' 'tab' (default: detected)
  --json                    the JSON report on stdout (--markdown and --csv for the others)
  --fail-on-drift           exit 3 when dataset drift is detected (for CI pipelines)

Exit codes: 0 success, 2 bad input (message on stderr), 3 drift with --fail-on-drift.
)";

struct Args {
    std::string reference, current, data, histograms, synthetic, write_csv;
    std::uint64_t seed = 42;
    std::size_t rows = 5000;
    char delimiter = 0;
    drift::DriftSettings settings;
    enum class Output { Text, Json, Markdown, Csv } output = Output::Text;
    bool fail_on_drift = false;
};

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const std::size_t comma = s.find(',', start);
        const std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty()) out.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

drift::ColumnSetting& setting_for(drift::DriftSettings& s, const std::string& name) {
    for (auto& c : s.per_column)
        if (c.name == name) return c;
    s.per_column.push_back({});
    s.per_column.back().name = name;
    return s.per_column.back();
}

// Parses the flags; returns an error message, or "" (then `help` may be set).
std::string parse_args(const std::vector<std::string>& args, Args& a, bool& help) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& flag = args[i];
        auto value = [&](std::string& out) -> bool {
            if (i + 1 >= args.size()) return false;
            out = args[++i];
            return true;
        };
        auto number = [&](double& out, std::string& err) -> bool {
            std::string text;
            if (!value(text)) {
                err = flag + " needs a value";
                return false;
            }
            if (!parse_user_number(text.c_str(), out)) {
                err = flag + ": '" + text + "' is not a number";
                return false;
            }
            return true;
        };
        std::string text, err;
        if (flag == "--help" || flag == "-h") {
            help = true;
            return {};
        } else if (flag == "--json") {
            a.output = Args::Output::Json;
        } else if (flag == "--markdown") {
            a.output = Args::Output::Markdown;
        } else if (flag == "--csv") {
            a.output = Args::Output::Csv;
        } else if (flag == "--fail-on-drift") {
            a.fail_on_drift = true;
        } else if (flag == "--reference" || flag == "--current" || flag == "--data" || flag == "--histograms" ||
                   flag == "--synthetic" || flag == "--write-csv" || flag == "--stat-test" || flag == "--time-column" ||
                   flag == "--window" || flag == "--correction" || flag == "--columns" || flag == "--delimiter" ||
                   flag == "--column-test" || flag == "--as-category") {
            if (!value(text)) return flag + " needs a value";
            if (flag == "--reference") a.reference = text;
            else if (flag == "--current") a.current = text;
            else if (flag == "--data") a.data = text;
            else if (flag == "--histograms") a.histograms = text;
            else if (flag == "--synthetic") a.synthetic = text;
            else if (flag == "--write-csv") a.write_csv = text;
            else if (flag == "--stat-test") a.settings.stat_test = text;
            else if (flag == "--time-column") a.settings.time_column = text;
            else if (flag == "--window") a.settings.window = text;
            else if (flag == "--columns") a.settings.columns = split_commas(text);
            else if (flag == "--as-category") setting_for(a.settings, text).as_category = true;
            else if (flag == "--correction") {
                if (!drift::correction_from_key(text, a.settings.correction))
                    return "--correction must be none, bonferroni or bh";
            } else if (flag == "--delimiter") {
                if (text == "tab" || text == "\\t") a.delimiter = '\t';
                else if (text == "," || text == ";" || text == "|") a.delimiter = text[0];
                else return "--delimiter must be ',', ';', '|' or 'tab'";
            } else if (flag == "--column-test") {
                const std::size_t eq = text.find('=');
                if (eq == std::string::npos || eq == 0) return "--column-test needs column=test[:threshold]";
                auto& c = setting_for(a.settings, text.substr(0, eq));
                std::string test = text.substr(eq + 1);
                const std::size_t colon = test.find(':');
                if (colon != std::string::npos) {
                    double t = 0;
                    if (!parse_user_number(test.c_str() + colon + 1, t))
                        return "--column-test: '" + test.substr(colon + 1) + "' is not a number";
                    c.threshold = t;
                    test.resize(colon);
                }
                c.test = test;
            }
        } else if (flag == "--threshold") {
            if (!number(a.settings.threshold, err)) return err;
        } else if (flag == "--drift-share") {
            if (!number(a.settings.drift_share, err)) return err;
        } else if (flag == "--reference-windows") {
            double v = 0;
            if (!number(v, err)) return err;
            if (v != std::floor(v) || v < 1 || v > 100) return "--reference-windows must be a whole number from 1 to 100";
            a.settings.reference_windows = static_cast<int>(v);
        } else if (flag == "--seed" || flag == "--rows") {
            double v = 0;
            if (!number(v, err)) return err;
            if (v != std::floor(v) || v < 0 || v > 9e15) return flag + " must be a whole number";
            if (flag == "--seed") a.seed = static_cast<std::uint64_t>(v);
            else a.rows = static_cast<std::size_t>(v);
        } else {
            return "unknown option '" + flag + "' (see mlwb drift --help)";
        }
    }
    return {};
}

// Reads a CSV file through the streaming reader in 1 MB chunks, as the browser does.
bool read_table(const std::string& path, char delimiter, drift::Table& out, drift::DataSource& source, std::string& error) {
    std::string text;
    if (!read_all(path, text)) {
        error = "cannot read '" + path + "'";
        return false;
    }
    drift::CsvOptions options;
    options.delimiter = delimiter;
    options.size_hint = text.size();  // columns reserve once instead of growing
    drift::CsvReader reader(options);
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t at = 0; at < text.size(); at += kChunk)
        reader.feed(std::string_view(text).substr(at, kChunk));
    out = reader.finish();
    source = {path == "-" ? std::string("stdin") : path, out.rows, out.columns.size(), out.problem_count};
    for (const auto& p : out.problems)
        std::cerr << "mlwb: " << source.name << ":" << p.line << ": " << (p.column.empty() ? "" : p.column + ": ")
                  << p.message << "\n";
    if (out.problem_count > out.problems.size())
        std::cerr << "mlwb: " << source.name << ": " << out.problem_count - out.problems.size() << " more problems\n";
    return true;
}

void print_text(const drift::DriftResult& r) {
    std::printf("dataset drift: %s (%zu of %zu columns, share %.3f, rule >= %.3g)\n", r.detected ? "DETECTED" : "no",
                r.drifted, r.tested, r.share, r.drift_share);
    for (const auto& c : r.columns) {
        if (!c.skipped.empty()) {
            std::printf("  %-24s not tested: %s\n", c.name.c_str(), c.skipped.c_str());
            continue;
        }
        std::printf("  %-24s %-12s %-16s score %-12.6g threshold %-6.3g %s\n", c.name.c_str(), c.type.c_str(),
                    drift::stat_test_info(c.test).key, c.score, c.threshold, c.drift_detected ? "DRIFT" : "ok");
    }
    for (const auto& q : r.quality) std::printf("  quality: %s: %s\n", q.column.c_str(), q.message.c_str());
    for (const auto& w : r.windows)
        std::printf("  window %-18s rows %-8zu share %.3f %s%s\n", w.label.c_str(), w.rows, w.share,
                    w.detected ? "DRIFT" : "ok", w.is_reference ? " (reference)" : "");
    if (!r.windows_error.empty()) std::printf("  windows: %s\n", r.windows_error.c_str());
}

}  // namespace

int run_drift(const std::vector<std::string>& args) {
    Args a;
    bool help = false;
    if (const std::string err = parse_args(args, a, help); !err.empty()) return fail(err);
    if (help) {
        std::cout << kDriftUsage;
        return 0;
    }
    for (const auto& e : drift::validate(a.settings)) {
        std::string flag = e.field == "drift_share" ? "--drift-share" : e.field == "stat_test" ? "--stat-test"
                           : e.field == "window" ? "--window" : e.field == "threshold" ? "--threshold" : e.field;
        if (e.field.rfind("per_column.", 0) == 0) flag = "--column-test";
        return fail(flag + ": " + e.message);
    }
    const int sources = !a.reference.empty() + !a.data.empty() + !a.histograms.empty() + !a.synthetic.empty();
    if (sources != 1 || (!a.reference.empty() && a.current.empty()) || (a.reference.empty() && !a.current.empty()))
        return fail("give --reference and --current, or --data, --histograms or --synthetic (see mlwb drift --help)");

    drift::DriftResult result;
    drift::DataSource ref_source, cur_source;
    drift::Table reference, current;
    std::string error;
    if (!a.histograms.empty()) {
        std::string text;
        if (!read_all(a.histograms, text)) return fail("cannot read '" + a.histograms + "'");
        std::vector<std::string> errors;
        result = drift::histogram_drift_text(text, a.settings, errors);
        for (const auto& e : errors) std::cerr << "mlwb: " << a.histograms << ": " << e << "\n";
        if (result.columns.empty()) return fail(a.histograms + ": no column could be compared");
        ref_source = {a.histograms + " (reference counts)", result.reference_rows, result.columns.size(), 0};
        cur_source = {a.histograms + " (current counts)", result.current_rows, result.columns.size(), 0};
    } else {
        const drift::Table* current_table = &current;
        if (!a.synthetic.empty()) {
            const drift::SyntheticPreset* preset = nullptr;
            for (const auto& p : drift::synthetic_presets())
                if (a.synthetic == p.key) preset = &p;
            if (!preset) return fail("--synthetic must be one of mean-shift, sudden, gradual, new-category, recurring, no-drift");
            drift::SyntheticSpec spec = preset->spec;
            spec.seed = a.seed;
            spec.reference_rows = spec.current_rows = a.rows;
            for (const auto& e : drift::validate(spec))
                return fail((e.field == "reference_rows" || e.field == "current_rows" ? "--rows: " : "") + e.message);
            auto data = drift::generate_synthetic(spec);
            reference = std::move(data.reference);
            current = std::move(data.current);
            const std::string name = "synthetic: " + a.synthetic + " (seed " + std::to_string(a.seed) + ")";
            ref_source = {name, reference.rows, reference.columns.size(), 0};
            cur_source = {name, current.rows, current.columns.size(), 0};
            if (!a.write_csv.empty() && (!write_all(a.write_csv + "-reference.csv", drift::table_to_csv(reference)) ||
                                         !write_all(a.write_csv + "-current.csv", drift::table_to_csv(current))))
                return fail("--write-csv: cannot write '" + a.write_csv + "-*.csv'");
        } else if (!a.data.empty()) {
            if (a.settings.time_column.empty()) return fail("--data needs --time-column to split the file into windows");
            if (!read_table(a.data, a.delimiter, reference, ref_source, error)) return fail(error);
            cur_source = ref_source;
            current_table = nullptr;
        } else {
            if (!read_table(a.reference, a.delimiter, reference, ref_source, error)) return fail(error);
            if (!read_table(a.current, a.delimiter, current, cur_source, error)) return fail(error);
        }
        drift::DriftAnalysis analysis(reference, current_table, a.settings);
        analysis.run();
        result = analysis.result();
        if (!a.settings.time_column.empty() && !result.windows_error.empty() && !current_table)
            return fail("--time-column: " + result.windows_error);
        if (result.columns.empty()) return fail("no column to compare: the two files share no column names");
    }
    for (const auto& n : result.notes) std::cerr << "mlwb: note: " << n << "\n";

    switch (a.output) {
    case Args::Output::Json: std::cout << drift::drift_report_json(result, ref_source, cur_source).dump(2) << "\n"; break;
    case Args::Output::Markdown: std::cout << drift::drift_markdown(result, ref_source, cur_source); break;
    case Args::Output::Csv: std::cout << drift::drift_metrics_csv(result); break;
    case Args::Output::Text: print_text(result); break;
    }
    return a.fail_on_drift && result.detected ? 3 : 0;
}

}  // namespace mlwb::cli
