// The Drift lens panel run headless: the synthetic default compares over frames (no frame given
// more analysis than the budget allows beyond one piece), CSV files arrive in chunks of any size,
// a bad file shows its problems and keeps the other data, a file over the limit is refused with
// a message, histograms load from pasted JSON, and the heat map and detail views draw.
#include <catch2/catch.hpp>

#include <string>

#include "drift/synthetic.hpp"
#include "drift_panel.hpp"
#include "drift_views.hpp"
#include "imgui_internal.h"
#include "theme.hpp"
#include "ui_test_context.hpp"

namespace {

using mlwb::state::DriftSource;
using mlwb::state::DriftState;
using mlwb::ui::DriftPanel;

struct DriftUi {
    explicit DriftUi(float width = 1280, float height = 900) : ui(width, height) { mlwb::ui::apply_theme(false); }

    int frame() {
        ui.queue.apply_frame(ImGui::GetIO());
        ImGui::NewFrame();
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(vp->WorkPos);
        ImGui::SetNextWindowSize(vp->WorkSize);
        ImGui::Begin("drift", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
        committed = mlwb::ui::draw_drift_panel(panel, state, page);
        ImGui::End();
        ImGui::Render();
        return ImGui::GetDrawData()->TotalVtxCount;
    }

    bool run_until_idle(int max_frames = 5000) {
        for (int i = 0; i < max_frames; ++i) {
            frame();
            if (!mlwb::ui::drift_panel_busy(panel)) return true;
        }
        return false;
    }

    HeadlessImGui ui;
    DriftPanel panel;
    DriftState state;
    mlwb::ui::PageRequests page;
    bool committed = false;
};

std::string csv_of(const mlwb::drift::Table& t) { return mlwb::drift::table_to_csv(t); }

}  // namespace

TEST_CASE("Drift panel: the synthetic default compares over frames and draws every view", "[ui][drift]") {
    DriftUi d;
    CHECK(d.frame() > 0);
    REQUIRE(d.run_until_idle());
    d.frame();
    REQUIRE(d.panel.has_result);
    const auto& r = d.panel.result;
    CHECK(r.columns.size() == 5);
    CHECK(r.windows.size() == 14);  // the default time column splits the current period by day
    const auto& results = mlwb::ui::drift_panel_results(d.panel, d.state);
    CHECK(results["columns"].size() == 5);
    CHECK(results["windows"]["windows"].size() == 14);
    // The "sudden" story: channel and basket value drift after day 7 only.
    CHECK(r.windows[2].share < r.windows[12].share);
    CHECK(d.panel.selected >= 0);  // the worst column opens by itself
    // Every column's detail draws (numeric and categorical).
    for (std::size_t i = 0; i < r.columns.size(); ++i) {
        d.panel.selected = static_cast<int>(i);
        CHECK(d.frame() > 0);
    }
}

TEST_CASE("Drift panel: CSV files streamed in odd chunks, a broken file and one too large", "[ui][drift]") {
    DriftUi d;
    const auto data = mlwb::drift::generate_synthetic(mlwb::drift::synthetic_presets()[0].spec);
    const std::string ref = csv_of(data.reference), cur = csv_of(data.current);
    REQUIRE(mlwb::ui::begin_drift_file(d.panel, d.state, 0, "ref.csv", ref.size()));
    for (std::size_t at = 0; at < ref.size(); at += 997) {
        mlwb::ui::feed_drift_file(d.panel, std::string_view(ref).substr(at, 997));
        d.frame();  // the page draws between chunks, with the progress bar
    }
    mlwb::ui::end_drift_file(d.panel);
    CHECK(d.state.source == DriftSource::Files);
    CHECK(d.panel.slots[0].loaded);
    CHECK(d.panel.slots[0].table.rows == 5000);
    d.frame();
    CHECK_FALSE(d.panel.has_result);  // waiting for the current file
    mlwb::ui::load_drift_text(d.panel, d.state, 1, "cur.csv", cur);
    REQUIRE(d.run_until_idle());
    d.frame();
    REQUIRE(d.panel.has_result);
    CHECK(d.panel.result.columns.size() == 5);

    // A ragged, quoted mess: read anyway, problems listed with line numbers, nothing lost.
    mlwb::ui::load_drift_text(d.panel, d.state, 1, "bad.csv", "basket_value,age\n1,2,3\n\"unterminated,4\n");
    CHECK(d.panel.slots[1].loaded);
    CHECK(d.panel.slots[1].table.problem_count >= 1);
    CHECK(d.panel.slots[0].loaded);  // the reference stays
    CHECK(d.run_until_idle());
    d.frame();

    // Over the limit: refused with a message, the loaded data kept.
    CHECK_FALSE(mlwb::ui::begin_drift_file(d.panel, d.state, 1, "huge.csv", mlwb::ui::kMaxDriftFileBytes + 1));
    CHECK(d.panel.message.find("huge.csv") != std::string::npos);
    CHECK(d.panel.slots[1].loaded);
}

TEST_CASE("Drift panel: histogram JSON, and garbage that is neither", "[ui][drift]") {
    DriftUi d;
    mlwb::ui::load_drift_text(d.panel, d.state, -1, "bins.json",
                              R"({"columns":[{"name":"x","kind":"categorical","categories":["a","b"],"reference":[50,50],"current":[80,20]}]})");
    CHECK(d.state.source == DriftSource::Histograms);
    d.run_until_idle();
    d.frame();
    REQUIRE(d.panel.has_result);
    CHECK(d.panel.result.columns.at(0).drift_detected);
    mlwb::ui::load_drift_text(d.panel, d.state, -1, "bins.json", "{ not json");
    d.frame();
    CHECK_FALSE(d.panel.histogram_errors.empty());
}

TEST_CASE("Drift panel: a narrow screen stacks the views", "[ui][drift]") {
    DriftUi d(360, 640);
    REQUIRE(d.run_until_idle());
    CHECK(d.frame() > 0);
}

TEST_CASE("Drift panel: files without the default time column get theirs, or none", "[ui][drift]") {
    DriftUi d;
    mlwb::ui::load_drift_text(d.panel, d.state, 0, "ref.csv", "when,x\n2024-01-01,1\n2024-01-02,2\n");
    d.frame();
    CHECK(d.state.settings.time_column == "when");  // its own date-time column
    mlwb::ui::load_drift_text(d.panel, d.state, 0, "ref.csv", "x,y\n1,a\n2,b\n");
    mlwb::ui::load_drift_text(d.panel, d.state, 1, "cur.csv", "x,y\n1,a\n3,b\n");
    d.frame();
    CHECK(d.state.settings.time_column.empty());  // none: no windows, and no error about 'when'
    REQUIRE(d.run_until_idle());
    d.frame();
    CHECK(d.panel.result.windows_error.empty());
    CHECK(d.panel.result.tested == 2);
}
