// The instruments' static pages (state/instrument_page): readable without script, every preset
// link opens exactly that preset in the app, and the default results shown are the engine's.
#include <catch2/catch.hpp>

#include <string>

#include "power/power_report.hpp"
#include "state/app_state.hpp"
#include "state/instrument_page.hpp"
#include "state/presets_json.hpp"

using namespace mlwb::state;

namespace {

// Every href="../index.html#..." of a page, unescaped (&amp; -> &).
std::vector<std::string> app_links(const std::string& html) {
    std::vector<std::string> out;
    const std::string lead = "href=\"../index.html#";
    for (std::size_t at = html.find(lead); at != std::string::npos; at = html.find(lead, at + 1)) {
        const std::size_t begin = at + lead.size(), end = html.find('"', begin);
        std::string hash = html.substr(begin, end - begin);
        for (std::size_t amp = hash.find("&amp;"); amp != std::string::npos; amp = hash.find("&amp;", amp + 1)) hash.replace(amp, 5, "&");
        out.push_back(hash);
    }
    return out;
}

}  // namespace

TEST_CASE("each preset link of an instrument page opens that preset", "[pages]") {
    for (const auto id : {InstrumentId::Power, InstrumentId::Serving, InstrumentId::Drift}) {
        const std::string html = instrument_page_html(id, {});
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("<h2>Methods</h2>") != std::string::npos);
        CHECK(html.find("<h2>References</h2>") != std::string::npos);
        const auto presets = presets_json(id);
        const auto links = app_links(html);
        REQUIRE(links.size() == presets.size() + 1);  // "open in the app", then one per preset
        for (std::size_t i = 0; i < presets.size(); ++i) {
            AppState from_link;
            CHECK(apply_hash(from_link, links[i + 1]).empty());
            CHECK(from_link.active == id);
            CHECK(instrument_state_json(from_link, id) == presets[i]["state"]);
        }
    }
}

TEST_CASE("the power page shows the engine's default results", "[pages]") {
    InstrumentPageOptions options;
    options.default_results = mlwb::power::power_results_json(AppState{}.power);
    const std::string html = instrument_page_html(InstrumentId::Power, options);
    // 14,750.79... per arm for the defaults (10 % -> 11 %, alpha 0.05, power 0.8: R's power.prop.test)
    CHECK(html.find("<th scope=\"row\">n_per_arm_ceil</th><td>14751</td>") != std::string::npos);
    CHECK(instrument_index_html("../index.html").find("href=\"power.html\"") != std::string::npos);
}
