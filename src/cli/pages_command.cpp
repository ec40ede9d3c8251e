#include "pages_command.hpp"

#include <filesystem>
#include <iostream>

#include "cli_io.hpp"
#include "power/power_report.hpp"
#include "serving/analytic.hpp"
#include "serving/serving_report.hpp"
#include "serving/simulator.hpp"
#include "state/app_state.hpp"
#include "state/instrument_page.hpp"

namespace mlwb::cli {

namespace {

// The results the app shows before any edit, with the complete inputs (as its exports have them).
nlohmann::json default_results(state::InstrumentId id) {
    const state::AppState defaults;
    nlohmann::json out;
    if (id == state::InstrumentId::Power) {
        out = power::power_results_json(defaults.power);
    } else if (id == state::InstrumentId::Serving) {
        const serving::SimResult sim = serving::simulate(defaults.serving);
        out = serving::serving_results_json(defaults.serving, serving::analyze(defaults.serving), &sim);
        out.erase("series");  // the plot's data: nothing a table reads
    } else {
        return nullptr;  // the drift lens's results are of the user's data; the guide's of a soul
    }
    out["inputs"] = state::instrument_state_json(defaults, id);
    return out;
}

}  // namespace

int run_pages(const std::vector<std::string>& args) {
    if (args.size() != 1 || args[0].rfind("--", 0) == 0) return fail("usage: mlwb pages DIR (writes DIR/instruments/*.html)");
    const std::filesystem::path dir = std::filesystem::path(args[0]) / "instruments";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("cannot create " + dir.string());
    int written = 0;
    for (const auto& info : state::instruments()) {
        if (info.id == state::InstrumentId::Guide) continue;  // the guide has its own pages (persona site)
        state::InstrumentPageOptions options;
        options.default_results = default_results(info.id);
        const auto path = dir / (std::string(info.key) + ".html");
        if (!write_all(path.string(), state::instrument_page_html(info.id, options))) return fail("cannot write " + path.string());
        ++written;
    }
    if (!write_all((dir / "index.html").string(), state::instrument_index_html("../index.html"))) return fail("cannot write the index");
    std::cout << "wrote " << written + 1 << " pages to " << dir.string() << "\n";
    return 0;
}

}  // namespace mlwb::cli
