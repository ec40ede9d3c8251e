// Whole drift reports against tests/golden/drift_report.json (scripts/golden/drift_report.py:
// pandas reads the same CSV text, Evidently's rules are written out, scipy computes every
// statistic and statsmodels the corrections), plus the lens's own pieces: the test registry,
// windows, synthetic data, histogram input, the state codec and the exports.
#include <algorithm>
#include <cmath>
#include <random>

#include <catch2/catch.hpp>

#include "drift/civil_time.hpp"
#include "drift/csv_reader.hpp"
#include "drift/drift_analysis.hpp"
#include "drift/drift_report.hpp"
#include "drift/histogram_input.hpp"
#include "drift/sort_values.hpp"
#include "util/escape.hpp"
#include "drift/stat_tests.hpp"
#include "drift/synthetic.hpp"
#include "drift/windows.hpp"
#include "golden.hpp"
#include "state/app_state.hpp"
#include "state/drift_state.hpp"

MLWB_GOLDEN(drift_report);

using namespace mlwb::drift;

namespace {

nlohmann::json golden() { return parse_golden(golden_drift_report, golden_drift_report_size); }

bool close(double actual, double expected, double rel = 1e-9, double abs = 1e-12) {
    if (std::isnan(expected)) return std::isnan(actual);
    return std::fabs(actual - expected) <= std::max(abs, rel * std::fabs(expected));
}

const ColumnDrift& column(const DriftResult& r, const std::string& name) {
    for (const auto& c : r.columns)
        if (c.name == name) return c;
    FAIL("no column " << name);
    return r.columns.front();
}

double metric(const ColumnDrift& c, const std::string& key) {
    if (key == "ks_pvalue") return c.metrics.ks_pvalue;
    if (key == "wasserstein") return c.metrics.wasserstein;
    if (key == "energy_distance") return c.metrics.energy_distance;
    if (key == "cvm_pvalue") return c.metrics.cvm_pvalue;
    if (key == "anderson_pvalue") return c.metrics.anderson_pvalue;
    return NAN;
}

void check_report(const DriftResult& r, const nlohmann::json& expected) {
    for (const auto& e : expected["columns"]) {
        const std::string name = e["name"].get<std::string>();
        INFO("column " << name);
        const ColumnDrift& c = column(r, name);
        CHECK(c.skipped.empty());
        CHECK(c.n_reference == e["n_reference"].get<std::size_t>());
        CHECK(c.n_current == e["n_current"].get<std::size_t>());
        CHECK(stat_test_info(c.test).key == e["test"].get<std::string>());
        if (e["score"].is_null())
            CHECK(std::isinf(c.score));
        else
            CHECK(close(c.score, e["score"].get<double>()));
        CHECK(c.threshold == e["threshold"].get<double>());
        if (e.contains("pvalue_adjusted")) CHECK(close(c.pvalue_adjusted, e["pvalue_adjusted"].get<double>()));
        CHECK(c.drift_detected == e["drift_detected"].get<bool>());
        if (e.contains("metrics"))
            for (auto it = e["metrics"].begin(); it != e["metrics"].end(); ++it) {
                INFO("metric " << it.key());
                CHECK(close(metric(c, it.key()), it.value().get<double>()));
            }
    }
    CHECK(close(r.share, expected["share"].get<double>()));
    CHECK(r.detected == expected["detected"].get<bool>());
}

}  // namespace

TEST_CASE("Drift reports equal pandas + scipy + Evidently's rules on the golden cases", "[drift][report]") {
    const auto g = golden();
    int checked = 0;
    for (const auto& c : g["cases"]) {
        INFO("case " << c["name"].get<std::string>());
        DriftSettings settings;
        settings.time_column.clear();
        if (c.contains("correction")) REQUIRE(correction_from_key(c["correction"].get<std::string>(), settings.correction));
        if (c.contains("tests"))
            for (auto it = c["tests"].begin(); it != c["tests"].end(); ++it) {
                ColumnSetting s;
                s.name = it.key();
                s.test = it.value().get<std::string>();
                settings.per_column.push_back(s);
            }
        if (c.contains("data")) {
            const Table one = read_csv(c["data"].get<std::string>());
            settings.time_column = c["time_column"].get<std::string>();
            settings.window = c["window"].get<std::string>();
            DriftAnalysis analysis(one, nullptr, settings);
            analysis.run();
            const DriftResult& r = analysis.result();
            REQUIRE(r.windows_error.empty());
            const auto& expected = c["expected_windows"];
            REQUIRE(r.windows.size() == expected.size() + 1);  // plus the reference window
            CHECK(r.windows[0].is_reference);
            for (std::size_t w = 0; w < expected.size(); ++w) {
                const WindowDrift& win = r.windows[w + 1];
                CHECK(win.label == expected[w]["label"].get<std::string>());
                CHECK(win.rows == expected[w]["rows"].get<std::size_t>());
                for (std::size_t k = 0; k < r.columns.size(); ++k) {
                    const std::string& name = r.columns[k].name;
                    INFO("window " << win.label << " column " << name);
                    CHECK(close(win.scores[k], expected[w]["scores"][name].get<double>()));
                    CHECK((win.drifted[k] != 0) == expected[w]["drift_detected"][name].get<bool>());
                }
            }
            ++checked;
            continue;
        }
        const Table ref = read_csv(c["reference"].get<std::string>());
        const Table cur = read_csv(c["current"].get<std::string>());
        DriftAnalysis analysis(ref, &cur, settings);
        analysis.run();
        check_report(analysis.result(), c["expected"]);
        ++checked;
    }
    CHECK(checked == 6);
}

TEST_CASE("The analysis in pieces gives the same report as in one go", "[drift][report]") {
    const auto data = generate_synthetic(synthetic_presets()[1].spec);
    DriftSettings s;
    s.time_column = "timestamp";
    DriftAnalysis whole(data.reference, &data.current, s);
    whole.run();
    DriftAnalysis sliced(data.reference, &data.current, s);
    double last = -1;
    int pieces = 0;
    while (!sliced.done()) {
        CHECK(sliced.progress() >= last);
        last = sliced.progress();
        sliced.step();
        ++pieces;
    }
    CHECK(pieces > 30);
    const DataSource src{"x", 1, 1, 0};
    CHECK(drift_report_json(whole.result(), src, src) == drift_report_json(sliced.result(), src, src));
}

TEST_CASE("Evidently's default test rule", "[drift]") {
    CHECK(default_stat_test(ColumnKind::Numeric, 1000, 6) == StatTest::Ks);
    CHECK(default_stat_test(ColumnKind::Numeric, 1000, 5) == StatTest::ChiSquare);
    CHECK(default_stat_test(ColumnKind::Numeric, 1000, 3) == StatTest::ChiSquare);
    CHECK(default_stat_test(ColumnKind::Numeric, 1000, 2) == StatTest::Z);
    CHECK(default_stat_test(ColumnKind::Categorical, 10, 40) == StatTest::ChiSquare);
    CHECK(default_stat_test(ColumnKind::Categorical, 10, 2) == StatTest::Z);
    CHECK(default_stat_test(ColumnKind::Numeric, 1001, 6) == StatTest::Wasserstein);
    CHECK(default_stat_test(ColumnKind::Numeric, 1001, 5) == StatTest::JensenShannon);
    CHECK(default_stat_test(ColumnKind::Categorical, 1001, 2) == StatTest::JensenShannon);
    // Drift rules: strict or not as Evidently has them.
    CHECK(drift_detected(StatTest::Ks, 0.05, 0.05));
    CHECK_FALSE(drift_detected(StatTest::ChiSquare, 0.05, 0.05));
    CHECK(drift_detected(StatTest::Psi, 0.1, 0.1));
    CHECK_FALSE(drift_detected(StatTest::Energy, 0.1, 0.1));
    CHECK_FALSE(drift_detected(StatTest::Ks, NAN, 0.05));
    for (const auto& t : stat_tests()) CHECK(stat_test_from_key(t.key) == t.id);
    CHECK_FALSE(stat_test_from_key("kolmogorov"));
}

TEST_CASE("A category never seen in the reference is drift by itself, and a quality finding", "[drift]") {
    const Table ref = read_csv("c\na\na\nb\nb\nb\n");
    const Table cur = read_csv("c\na\nb\nb\nnew\n");
    DriftSettings s;
    s.time_column.clear();
    DriftAnalysis a(ref, &cur, s);
    a.run();
    const auto& c = a.result().columns.at(0);
    CHECK(c.test == StatTest::ChiSquare);
    CHECK(c.metrics.chi2_pvalue == 0.0);
    CHECK(std::isinf(c.metrics.chi2_statistic));
    CHECK(c.drift_detected);
    const auto& q = a.result().quality;
    CHECK(std::any_of(q.begin(), q.end(), [](const QualityFinding& f) { return f.kind == "unseen_categories"; }));
    // JSON has no infinity: the report writes the string "inf".
    const auto j = drift_report_json(a.result(), {}, {});
    CHECK(j["columns"][0]["metrics"]["chi2_statistic"] == "inf");
}

TEST_CASE("Quality findings: missing share, range, constant, columns on one side", "[drift]") {
    const Table ref = read_csv("x,k,only_ref\n1,5,a\n2,5,b\n3,5,c\n4,5,d\n");
    const Table cur = read_csv("x,k,only_cur\n1,5,a\n9,5,b\nNA,5,c\n,5,d\n");
    DriftSettings s;
    s.time_column.clear();
    DriftAnalysis a(ref, &cur, s);
    a.run();
    std::vector<std::string> kinds;
    for (const auto& f : a.result().quality) kinds.push_back(f.column + ":" + f.kind);
    auto has = [&](const std::string& k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); };
    CHECK(has("x:missing_share_change"));
    CHECK(has("x:out_of_reference_range"));
    CHECK(has("k:constant_column"));
    CHECK(has("only_ref:only_in_reference"));
    CHECK(has("only_cur:only_in_current"));
}

TEST_CASE("Columns that cannot be compared are skipped with a reason, never an abort", "[drift]") {
    const Table ref = read_csv("a,b,t\n1,x,2024-01-01\n2,y,2024-01-02\n");
    const Table cur = read_csv("a,b,t\nNA,x,2024-01-03\n,y,2024-01-04\n");
    DriftSettings s;
    s.time_column.clear();
    DriftAnalysis a(ref, &cur, s);
    a.run();
    const auto& r = a.result();
    REQUIRE(r.columns.size() == 2);  // a datetime column is not compared, only noted
    CHECK_FALSE(column(r, "a").skipped.empty());  // no values left in the current data
    CHECK(column(r, "b").skipped.empty());
    CHECK(r.notes.size() == 1);
    CHECK(r.tested == 1);
    // Nothing at all to compare.
    const Table empty = read_csv("");
    DriftAnalysis none(empty, &empty, s);
    none.run();
    CHECK(none.result().tested == 0);
    CHECK_FALSE(none.result().detected);
}

TEST_CASE("Windows: units, labels, row windows and limits", "[drift][windows]") {
    WindowSpec spec;
    std::string err;
    REQUIRE(parse_window("1d", spec, err));
    CHECK(spec.seconds == 86400);
    REQUIRE(parse_window("6h", spec, err));
    CHECK(spec.seconds == 21600);
    REQUIRE(parse_window("5000r", spec, err));
    CHECK((spec.by_rows && spec.rows == 5000));
    CHECK_FALSE(parse_window("0d", spec, err));
    CHECK_FALSE(parse_window("1 fortnight", spec, err));
    CHECK_FALSE(parse_window("", spec, err));

    const Table t = read_csv("t,x\n2024-02-28T23:00:00Z,1\n2024-02-29T01:00:00+02:00,2\n2024-02-29T12:00:00Z,3\n2024-03-01,4\n");
    std::vector<Window> w;
    REQUIRE(parse_window("1d", spec, err));
    REQUIRE(split_windows(t, "t", spec, w).empty());
    REQUIRE(w.size() == 3);  // 01:00+02:00 on the 29th is 23:00 on the 28th in UTC
    CHECK(w[0].label == "2024-02-28");
    CHECK(w[0].rows.size() == 2);
    CHECK(w[1].label == "2024-02-29");
    CHECK(w[2].label == "2024-03-01");
    REQUIRE(parse_window("1m", spec, err));
    CHECK_FALSE(split_windows(t, "t", spec, w, 400).empty());  // thousands of minute windows
    CHECK_FALSE(split_windows(t, "nope", spec, w).empty());
    // Period labels in a categorical column: one window each, sorted.
    const Table q = read_csv("p,x\n2024-Q2,1\n2024-Q1,2\n2024-Q2,3\n");
    REQUIRE(split_windows(q, "p", spec, w).empty());
    REQUIRE(w.size() == 2);
    CHECK(w[0].label == "2024-Q1");
    CHECK(civil_from_days(days_from_civil(2000, 2, 29)).day == 29);
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(format_utc(951782400.0, TimeText::Iso) == "2000-02-29T00:00:00Z");
}

TEST_CASE("Synthetic data: seeded, drifting as told, readable back as CSV", "[drift][synthetic]") {
    for (const auto& preset : synthetic_presets()) {
        INFO(preset.key);
        CHECK(validate(preset.spec).empty());
        const auto a = generate_synthetic(preset.spec);
        const auto b = generate_synthetic(preset.spec);
        CHECK(a.reference.rows == preset.spec.reference_rows);
        CHECK(table_to_csv(a.current) == table_to_csv(b.current));
        // CSV round trip: the reader gets the same types and rows back.
        const Table back = read_csv(table_to_csv(a.current));
        CHECK(back.rows == a.current.rows);
        CHECK(back.columns.size() == a.current.columns.size());
        CHECK(back.columns[0].type == ColumnType::Datetime);
        CHECK(back.problem_count == 0);
    }
    SyntheticSpec spec = synthetic_presets()[0].spec;
    spec.seed = 7;
    CHECK(table_to_csv(generate_synthetic(spec).current) != table_to_csv(generate_synthetic(synthetic_presets()[0].spec).current));
    // A mean shift of 0.35 sd on 5000 rows is found; the no-drift preset finds (almost) nothing.
    DriftSettings s;
    s.time_column.clear();
    const auto shifted = generate_synthetic(synthetic_presets()[0].spec);
    DriftAnalysis a(shifted.reference, &shifted.current, s);
    a.run();
    CHECK(column(a.result(), "basket_value").drift_detected);
    CHECK_FALSE(column(a.result(), "age").drift_detected);
    // Timing: sudden switches at the onset, gradual passes 0.5 around it, recurring alternates.
    spec.timing = Timing::Sudden;
    CHECK(drift_intensity(spec, spec.onset_day - 1) == 0);
    CHECK(drift_intensity(spec, spec.onset_day) == 1);
    spec.timing = Timing::Gradual;
    CHECK(drift_intensity(spec, spec.onset_day - 1) < 0.5);
    CHECK(drift_intensity(spec, spec.onset_day) > 0.5);
    spec.timing = Timing::Recurring;
    CHECK(drift_intensity(spec, 0) == 0);
    CHECK(drift_intensity(spec, spec.period_days) == 1);
    // Bad specs are refused with messages, and generate nothing.
    SyntheticSpec bad = spec;
    bad.columns[0].drift = DriftKind::NewCategory;
    bad.reference_rows = 3;
    CHECK(validate(bad).size() == 2);
    CHECK(generate_synthetic(bad).reference.rows == 0);
}

TEST_CASE("Histogram input: counts per bin give the count-based metrics, bad columns a message", "[drift][histograms]") {
    const char* doc = R"({"columns": [
      {"name": "amount", "kind": "numeric", "edges": [0, 10, 50, 100], "reference": [100, 300, 600], "current": [150, 300, 550]},
      {"name": "country", "kind": "categorical", "categories": ["DE", "FR"], "reference": [500, 500], "current": [450, 560]},
      {"name": "broken", "kind": "numeric", "edges": [0, 1], "reference": [1, 2], "current": [1, 2]},
      {"name": "neg", "categories": ["a"], "reference": [-1], "current": [1]}]})";
    std::vector<std::string> errors;
    DriftSettings s;
    const DriftResult r = histogram_drift_text(doc, s, errors);
    CHECK(errors.size() == 2);
    REQUIRE(r.columns.size() == 2);
    const ColumnDrift& amount = column(r, "amount");
    CHECK(amount.test == StatTest::ChiSquare);  // 1000 reference rows, three bins: Evidently's rule for categories
    CHECK(amount.n_reference == 1000);
    // scipy.stats.chisquare([150, 300, 550], [100, 300, 600])
    CHECK(close(amount.metrics.chi2_statistic, 29.166666666666668));
    CHECK(close(amount.metrics.chi2_pvalue, 4.640222499769401e-07));
    CHECK(std::isnan(amount.metrics.ks_pvalue));
    const ColumnDrift& country = column(r, "country");
    CHECK(!std::isnan(country.metrics.z_pvalue));
    errors.clear();
    CHECK(histogram_drift_text("{nope", s, errors).columns.empty());
    CHECK(errors.size() == 1);
}

TEST_CASE("Drift state: round trip, sparse links, hostile input keeps defaults", "[drift][state]") {
    using namespace mlwb::state;
    DriftState s;
    s.source = DriftSource::Files;
    s.preset = "gradual";
    s.seed = 9;
    s.rows = 1234;
    s.column = "age";
    s.settings.stat_test = "psi";
    s.settings.threshold = 0.2;
    s.settings.correction = Correction::BenjaminiHochberg;
    s.settings.per_column.push_back({"age", "ks", 0.01, false, true});
    const auto back = drift_state_from_json(drift_state_to_json(s));
    CHECK(back.notices.empty());
    CHECK(back.value == s);

    const auto hostile = drift_state_from_json(nlohmann::json::parse(
        R"({"v":1,"source":"ftp","preset":"x","seed":-1,"rows":1e12,"drift_share":7,"stat_test":"bogus","window":"9q",
            "time_column":"t","per_column":[{"name":"a","test":"nope","threshold":"high"}],"extra":1})"));
    CHECK(hostile.value.source == DriftSource::Synthetic);
    CHECK(hostile.value.preset == "sudden");
    CHECK(hostile.value.seed == 42);
    CHECK(hostile.value.rows == 5000);
    CHECK(hostile.value.settings.drift_share == 0.5);
    CHECK(hostile.value.settings.stat_test.empty());
    CHECK(hostile.value.settings.window == "1d");
    CHECK(hostile.value.settings.per_column.at(0).test.empty());
    CHECK(validate(hostile.value.settings).empty());
    CHECK(hostile.notices.size() >= 8);
    CHECK(drift_state_from_json(nlohmann::json::parse(R"({"v":7})")).notices.size() == 1);
    CHECK(drift_state_from_json(nlohmann::json::array()).notices.size() == 1);

    AppState app;
    app.active = InstrumentId::Drift;
    app.drift.seed = 5;
    const std::string hash = app_state_to_hash(app);
    CHECK(hash.find("drift") == 0);
    CHECK(hash.find("seed=5") != std::string::npos);
    CHECK(hash.find("preset") == std::string::npos);  // defaults stay out of links
    AppState opened;
    CHECK(apply_hash(opened, hash).empty());
    CHECK(opened.drift == app.drift);
    // The engine alone (CLI, tests) answers for the synthetic default.
    const auto results = instrument_results_json(app, InstrumentId::Drift);
    CHECK(results["columns"].size() == 5);
    CHECK(results.contains("dataset_drift"));
}

TEST_CASE("Exports: CSV has one row per column and the header, Markdown escapes pipes", "[drift][report]") {
    const Table ref = read_csv("a|b,c\n1,x\n2,y\n3,x\n");
    const Table cur = read_csv("a|b,c\n1,y\n5,y\n3,y\n");
    DriftSettings s;
    s.time_column.clear();
    DriftAnalysis a(ref, &cur, s);
    a.run();
    const std::string csv = drift_metrics_csv(a.result());
    CHECK(csv.rfind("name,type,kind,n_reference,n_current,test,score,threshold", 0) == 0);
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
    const std::string md = drift_markdown(a.result(), {"ref.csv", 3, 2, 0}, {"cur.csv", 3, 2, 0});
    CHECK(md.find("a\\|b") != std::string::npos);
    const auto j = drift_report_json(a.result(), {"ref.csv", 3, 2, 0}, {"cur.csv", 3, 2, 0});
    for (const char* key : {"name", "type", "n_reference", "n_current", "test", "score", "threshold", "drift_detected", "metrics"})
        CHECK(j["columns"][0].contains(key));
    CHECK(j["dataset_drift"].contains("share"));
    CHECK(j["dataset_drift"].contains("detected"));
}

TEST_CASE("Radix sort equals std::sort", "[drift]") {
    std::mt19937_64 gen(3);
    for (std::size_t n : {0u, 1u, 100u, 2047u, 2048u, 100000u}) {
        std::vector<double> v(n);
        std::normal_distribution<double> nd(0, 1e6);
        for (auto& x : v) x = (gen() % 7 == 0) ? double(gen() % 5) : nd(gen);
        if (n > 10) v[3] = -0.0, v[4] = 0.0, v[5] = -1e-310, v[6] = 1e308, v[7] = -1e308;
        auto expected = v;
        std::sort(expected.begin(), expected.end());
        sort_values(v);
        REQUIRE(v.size() == expected.size());
        for (std::size_t i = 0; i < v.size(); ++i) REQUIRE(v[i] == expected[i]);
    }
}

TEST_CASE("csv_field quotes what needs it and the reader reads it back", "[drift][csv]") {
    using mlwb::csv_field;
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    for (const std::string text : {"a,\"b\";c\nd", "tab\there", "\"", "x\r\ny"}) {
        const Table t = read_csv("h,k\n" + csv_field(text) + ",1\n", {});
        REQUIRE(t.rows == 1);
        REQUIRE(t.columns[0].categories.size() == 1);
        CHECK(t.columns[0].categories[0] == text);
    }
}
