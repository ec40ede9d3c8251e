#include "state/instrument_page.hpp"

#include "drift/stat_tests.hpp"
#include "state/app_state.hpp"
#include "state/presets_json.hpp"
#include "state/results_export.hpp"
#include "util/escape.hpp"

namespace mlwb::state {

namespace {

struct Reference {
    const char* text;
    const char* url;  // may be null
};

struct InstrumentText {
    InstrumentId id;
    const char* summary;
    const char* methods[6];     // paragraphs; null-terminated
    Reference references[8];    // null text ends the list
};

// What each instrument computes and how, in the words its panels and results use.
constexpr InstrumentText kTexts[] = {
    {InstrumentId::Power,
     "Sample size, minimum detectable effect or power of an A/B test, with its duration at your traffic, "
     "and a check of a test that is already running.",
     {"Conversion rates: the pooled-variance z-test (as R's power.prop.test), the unpooled z-test, the arcsine "
      "transformation (Cohen's h, as R's pwr.2p.test) and Evan Miller's formula. Means: the two-sample t-test through "
      "the non-central t distribution (as R's power.t.test) or its normal approximation. Ratio metrics through the "
      "delta method.",
      "Variance reduction with CUPED (the variance shrinks by 1 - rho^2), unequal allocation, several treatment arms "
      "with Bonferroni or Sidak correction, and non-inferiority margins.",
      "Sequential designs: group-sequential boundaries by the Lan-DeMets alpha-spending functions (O'Brien-Fleming and "
      "Pocock shapes) computed by numerical integration, and always-valid inference (mSPRT).",
      "The running-test check: lift with its confidence interval, the p-value, and a sample ratio mismatch test.",
      nullptr},
     {{"R Core Team: stats::power.prop.test and stats::power.t.test", "https://stat.ethz.ch/R-manual/R-devel/library/stats/html/power.prop.test.html"},
      {"Champely: pwr, basic functions for power analysis (R package)", "https://cran.r-project.org/package=pwr"},
      {"Deng, Xu, Kohavi, Walker (2013): Improving the sensitivity of online controlled experiments by utilizing pre-experiment data (CUPED)", nullptr},
      {"Lan, DeMets (1983): Discrete sequential boundaries for clinical trials. Biometrika 70(3)", nullptr},
      {"Johari, Pekelis, Walsh (2017): Always valid inference: bringing sequential analysis to A/B testing", "https://arxiv.org/abs/1512.04922"},
      {nullptr, nullptr}}},
    {InstrumentId::Serving,
     "Latency percentiles, throughput, utilisation and monthly cost of a model-serving fleet, from queueing formulas "
     "and a discrete-event simulation of the same scenario, and the cheapest fleet that meets a latency SLO.",
     {"Formulas: Erlang C for M/M/c (waiting probability and the exact waiting-time distribution), M/D/1, the "
      "Pollaczek-Khinchine mean for M/G/1, and the Allen-Cunneen approximation for G/G/c.",
      "Simulation: one event queue ordered by time; Poisson, gamma-renewal, on-off bursty, daily-profile or replayed "
      "arrivals; fixed, exponential, lognormal, gamma, empirical or traced service times; dynamic batching, timeouts, load shedding, a cache, autoscaling, and LLM continuous "
      "batching with prefill and decode from a roofline model. Percentiles carry batch-means confidence intervals.",
      "Cost from instance prices with their sources and dates (assets/serving/catalog.json).",
      nullptr},
     {{"Kleinrock (1975): Queueing Systems, Volume 1: Theory", nullptr},
      {"Allen (1990): Probability, Statistics, and Queueing Theory (the Allen-Cunneen approximation)", nullptr},
      {"SimPy: discrete-event simulation for Python (the simulator's reference in its tests)", "https://simpy.readthedocs.io/"},
      {"Yu et al. (2022): Orca: a distributed serving system for transformer-based generative models (continuous batching)", nullptr},
      {nullptr, nullptr}}},
    {InstrumentId::Drift,
     "Whether the distribution of each column changed between a reference and a current data set, or over time "
     "windows of one data set, with the tests and thresholds Evidently uses. The data never leaves the browser.",
     {"Tests as scipy computes them: two-sample Kolmogorov-Smirnov (exact and asymptotic), chi-square, the z-test for "
      "proportions, Anderson-Darling k-sample, Cramer-von Mises, Wasserstein distance (also normed), energy "
      "distance; and on binned data PSI, Kullback-Leibler, Jensen-Shannon and Hellinger.",
      "The default test per column follows Evidently: KS, chi-square or z up to 1000 reference rows, normed "
      "Wasserstein or Jensen-Shannon above; the data set drifts when the share of drifted columns reaches 0.5. "
      "Bonferroni and Benjamini-Hochberg corrections are available.",
      nullptr},
     {{"Virtanen et al. (2020): SciPy 1.0, scipy.stats.ks_2samp, anderson_ksamp, cramervonmises_2samp", "https://docs.scipy.org/doc/scipy/reference/stats.html"},
      {"Evidently AI: data drift presets and their default tests", "https://docs.evidentlyai.com/"},
      {"Benjamini, Hochberg (1995): Controlling the false discovery rate. JRSS B 57(1)", nullptr},
      {nullptr, nullptr}}},
    {InstrumentId::Guide,
     "Checklists from the souls of a principal ML engineer: launch readiness, monitoring, the ML Test Score.",
     {"Each soul is Markdown; its sections become checklist items with the stage, role and instrument they belong to. "
      "Progress stays in your browser.",
      nullptr},
     {{"Breck et al. (2017): The ML Test Score: a rubric for ML production readiness", nullptr}, {nullptr, nullptr}}},
};

const InstrumentText& text_of(InstrumentId id) {
    for (const auto& t : kTexts)
        if (t.id == id) return t;
    return kTexts[0];
}

constexpr const char* kPageCss = R"css(
:root{color-scheme:light dark;--fg:#1d1f24;--bg:#f7f7fa;--card:#fff;--muted:#5b616e;--line:#d9dce3;--accent:#1a66d9}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--bg:#1c1f24;--card:#24282e;--muted:#a3a9b4;--line:#353a42;--accent:#5c9efa}}
body{margin:0 auto;max-width:52rem;padding:1.5rem;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.2rem;margin:2rem 0 .5rem}
.open-app{display:inline-block;padding:.45rem .9rem;border-radius:6px;background:var(--accent);color:#fff;text-decoration:none;font-weight:600}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--card);padding:.5rem}
table{border-collapse:collapse;width:100%;background:var(--card)}th,td{text-align:left;vertical-align:top;padding:.3rem .6rem;border-bottom:1px solid var(--line)}
th{font-weight:600}td{font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
li{margin:.3rem 0}p.muted{color:var(--muted)}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
@media print{.skip,.open-app{display:none}}
)css";

std::string page_head(const std::string& title, const std::string& description) {
    return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"description\" content=\"" +
           html_escaped(description) + "\">\n<title>" + html_escaped(title) + "</title>\n<style>" + kPageCss +
           "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n";
}

void append_rows(std::string& out, const std::vector<ExportRow>& rows, bool inputs) {
    for (const auto& row : rows) {
        const bool is_input = row.field.rfind("inputs.", 0) == 0;
        if (is_input != inputs) continue;
        out += "<tr><th scope=\"row\">" + html_escaped(inputs ? row.field.substr(7) : row.field) + "</th><td>" +
               html_escaped(row.value) + "</td></tr>\n";
    }
}

}  // namespace

std::string instrument_page_html(InstrumentId id, const InstrumentPageOptions& options) {
    const auto& info = instrument_info(id);
    const auto& text = text_of(id);
    const std::string app_link = options.app_page + "#" + info.key;
    std::string out = page_head(std::string(info.title) + " · MLOps Workbench", text.summary);
    out += "<nav><a href=\"index.html\">All instruments</a> · <a href=\"../guide/index.html\">Persona guide</a></nav>\n";
    out += "<main id=\"main\">\n<h1>" + html_escaped(info.title) + "</h1>\n<p>" + html_escaped(text.summary) + "</p>\n";
    out += "<p><a class=\"open-app\" href=\"" + html_escaped(app_link) + "\">Open " + html_escaped(info.title) + " in the app</a></p>\n";

    out += "<h2>Methods</h2>\n";
    for (const char* const* p = text.methods; *p; ++p) out += "<p>" + html_escaped(*p) + "</p>\n";
    if (id == InstrumentId::Drift) {
        out += "<table>\n<tr><th scope=\"col\">test</th><th scope=\"col\">columns</th><th scope=\"col\">default threshold</th></tr>\n";
        for (const auto& t : drift::stat_tests()) {
            const char* columns = t.numeric && t.categorical ? "numeric and categorical" : t.numeric ? "numeric" : "categorical";
            out += "<tr><td>" + html_escaped(t.title) + " (<code>" + html_escaped(t.key) + "</code>)</td><td>" + columns + "</td><td>" +
                   html_escaped(flatten_results(nlohmann::json{{"t", t.default_threshold}})[0].value) + "</td></tr>\n";
        }
        out += "</table>\n";
    }
    out += "<h2>References</h2>\n<ul>\n";
    for (const Reference& r : text.references) {
        if (!r.text) break;
        out += "<li>" + (r.url ? "<a href=\"" + html_escaped(r.url) + "\">" + html_escaped(r.text) + "</a>" : html_escaped(r.text)) + "</li>\n";
    }
    out += "</ul>\n";

    const nlohmann::json presets = presets_json(id);
    if (!presets.empty()) {
        out += "<h2>Presets</h2>\n<ul>\n";
        for (const auto& p : presets) {
            AppState s;
            set_instrument_state(s, id, p["state"]);
            s.active = id;
            out += "<li><a href=\"" + html_escaped(options.app_page + "#" + app_state_to_hash(s)) + "\">" +
                   html_escaped(p["title"].get<std::string>()) + "</a>: " + html_escaped(p["story"].get<std::string>()) + "</li>\n";
        }
        out += "</ul>\n";
    }
    if (options.default_results.is_object()) {
        const auto rows = flatten_results(options.default_results);
        out += "<h2>With the default inputs</h2>\n<p class=\"muted\">What the app computes before you change anything; "
               "every name is a field of <code>window.mlwb.results()</code>.</p>\n<h3>Inputs</h3>\n<table>\n";
        append_rows(out, rows, true);
        out += "</table>\n<h3>Results</h3>\n<table>\n";
        append_rows(out, rows, false);
        out += "</table>\n";
    }
    out += "</main>\n</body>\n</html>\n";
    return out;
}

std::string instrument_index_html(const std::string& app_page) {
    std::string out = page_head("Instruments · MLOps Workbench", "What each instrument of MLOps Workbench computes, and how.");
    out += "<main id=\"main\">\n<h1>MLOps Workbench: the instruments</h1>\n<p>Each page describes what the instrument computes, "
           "its methods and references, and its presets. <a href=\"" + html_escaped(app_page) + "\">Open the app</a>.</p>\n<ul>\n";
    for (const auto& info : instruments()) {
        const std::string href = info.id == InstrumentId::Guide ? "../guide/index.html" : std::string(info.key) + ".html";
        out += "<li><a href=\"" + html_escaped(href) + "\">" + html_escaped(info.title) + "</a>: " + html_escaped(text_of(info.id).summary) + "</li>\n";
    }
    out += "</ul>\n</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace mlwb::state
