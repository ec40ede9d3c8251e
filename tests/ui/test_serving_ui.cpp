// The Serving panel run headless: it draws with the default inputs and simulates them to the
// end over frames (partial results first), never giving a frame more simulation than the budget
// allows, keeps bad typed values out of the state, switches to LLM mode, applies presets,
// cancels and restarts runs, and finds the cheapest fleet.
#include <catch2/catch.hpp>

#include <string>
#include <type_traits>

#include "imgui_internal.h"
#include "serving/presets.hpp"
#include "serving/validate.hpp"
#include "serving_panel.hpp"
#include "theme.hpp"
#include "ui_test_context.hpp"

namespace {

using mlwb::serving::Scenario;
using mlwb::ui::ServingPanel;

// The app model holds the panel by value and is moved, never copied (the panel owns a running
// simulator and search).
static_assert(std::is_move_constructible_v<ServingPanel> && std::is_move_assignable_v<ServingPanel>);

// The panel alone in a full-size window, driven like the app drives it.
struct ServingUi {
    explicit ServingUi(float width = 1280, float height = 900) : ui(width, height) { mlwb::ui::apply_theme(false); }

    int frame() {
        ui.queue.apply_frame(ImGui::GetIO());
        ImGui::NewFrame();
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(vp->WorkPos);
        ImGui::SetNextWindowSize(vp->WorkSize);
        if (first) ImGui::SetNextWindowFocus();
        first = false;
        ImGui::Begin("serving", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
        committed = mlwb::ui::draw_serving_panel(panel, inputs);
        ImGui::End();
        ImGui::Render();
        return ImGui::GetDrawData()->TotalVtxCount;
    }

    void frames(int count) {
        for (int i = 0; i < count; ++i) frame();
    }

    // Frames until nothing runs; false if that takes more than max_frames.
    bool run_until_idle(int max_frames = 20000) {
        for (int i = 0; i < max_frames; ++i) {
            frame();
            if (!mlwb::ui::serving_panel_busy(panel)) return true;
        }
        return false;
    }

    void press(int key_code) {
        ui.key_tap(key_code);
        frames(3);
    }

    // Types into a field the way a keyboard user does: Enter leaves the current field, Tab moves
    // from input to input until the field is reached (Tab selects its text, so typing replaces it).
    void type_into(const char* key, const char* text) {
        press(13);
        const auto it = panel.fields.find(key);
        REQUIRE(it != panel.fields.end());
        REQUIRE(it->second.input_id != 0);
        for (int i = 0; i < 80 && ImGui::GetActiveID() != it->second.input_id; ++i) press(9);
        REQUIRE(ImGui::GetActiveID() == it->second.input_id);
        ui.type(text);
        frames(3);
    }

    const mlwb::ui::NumberField& field(const char* key) const { return panel.fields.at(key); }

    HeadlessImGui ui;
    ServingPanel panel;
    Scenario inputs;
    bool committed = false;
    bool first = true;
};

}  // namespace

TEST_CASE("serving: the default inputs draw, simulate over frames with partial results, then finish", "[ui][serving]") {
    ServingUi s;
    CHECK(s.frame() > 3000);
    // After one frame the run is under way and already shows a partial summary.
    REQUIRE(s.panel.run.active);
    CHECK(s.panel.run.running);
    CHECK(s.panel.run.has_result);
    CHECK(mlwb::ui::serving_panel_busy(s.panel));
    CHECK(s.panel.run.sim->progress() < 1);
    const long long first_arrived = s.panel.run.result.arrived;

    REQUIRE(s.run_until_idle());
    const auto& run = s.panel.run;
    CHECK_FALSE(run.running);
    CHECK_FALSE(run.cancelled);
    CHECK(run.sim->done());
    CHECK(run.result.arrived == s.inputs.run.requests);
    CHECK(run.result.arrived > first_arrived);
    CHECK(run.result.latency_quantiles_ms.size() == 101);
    CHECK(run.result.series.size() >= 2);
    CHECK(run.slices > 1);  // it took several frames: the run was sliced
    CHECK(s.frame() > 5000);  // cards, table and plots

    const auto& results = mlwb::ui::serving_panel_results(s.panel, s.inputs);
    CHECK(results["ok"] == true);
    CHECK(results["simulated"] == true);
    CHECK(results["latency_ms"]["p99"].get<double>() > 0);
    // Cached: the same object while nothing changes.
    CHECK(&mlwb::ui::serving_panel_results(s.panel, s.inputs) == &results);
}

TEST_CASE("serving: no slice plans more events than the measured speed fits in the frame budget", "[ui][serving]") {
    ServingUi s;
    REQUIRE(s.run_until_idle());
    const auto& log = s.panel.run.slice_log;
    REQUIRE(log.size() >= 2);
    long long total = 0;
    for (std::size_t i = 0; i < log.size(); ++i) {
        const mlwb::ui::SimSlice& slice = log[i];
        INFO("slice " << i << ": planned " << slice.planned << ", events " << slice.events << ", speed " << slice.speed_before);
        CHECK(slice.events <= slice.planned);
        if (slice.speed_before <= 0) {
            CHECK(slice.planned == mlwb::ui::kServingFirstSliceEvents);
        } else {
            // The plan never exceeds what the measured speed does in the budget, and never grows
            // more than 4x over the previous slice (a speed from a short slice is noisy).
            const double fits = slice.speed_before * mlwb::ui::kServingFrameBudgetMs;
            CHECK(static_cast<double>(slice.planned) <= std::max(fits, double(mlwb::ui::kServingMinSliceEvents)) + 1);
            if (i > 0)
                CHECK(slice.planned <= std::max(mlwb::ui::kServingFirstSliceEvents, 4 * log[i - 1].events));
        }
        total += slice.events;
    }
    CHECK(total == s.panel.run.sim->events());
}

TEST_CASE("serving: a bad value typed into a field shows its message and keeps the state", "[ui][serving]") {
    ServingUi s;
    s.frames(2);
    const int replicas = s.inputs.fleet.replicas;

    s.type_into("fleet.replicas", "abc");
    CHECK(s.inputs.fleet.replicas == replicas);
    CHECK(s.field("fleet.replicas").error == "Not a number.");

    s.type_into("fleet.replicas", "2.5");
    CHECK(s.inputs.fleet.replicas == replicas);
    CHECK(s.field("fleet.replicas").error == "Must be a whole number.");

    s.type_into("fleet.replicas", "0");
    CHECK(s.inputs.fleet.replicas == replicas);
    CHECK(s.field("fleet.replicas").error.find("Replicas") != std::string::npos);  // the engine's own message

    s.type_into("slo.percentile", "100");
    CHECK(s.inputs.slo.percentile == 99);
    CHECK_FALSE(s.field("slo.percentile").error.empty());

    // A lognormal median above its p99 is refused at the median's box (a rule across fields).
    s.inputs.service.fit = mlwb::serving::LognormalFit::P50P99;
    s.frames(2);
    s.type_into("service.p50_ms", "90");
    CHECK(s.inputs.service.p50_ms == 16);
    CHECK_FALSE(s.field("service.p50_ms").error.empty());

    // A good value goes in, and the run restarts for it.
    s.type_into("fleet.replicas", "60");
    CHECK(s.inputs.fleet.replicas == 60);
    CHECK(s.field("fleet.replicas").error.empty());
    CHECK(s.panel.run.scenario.fleet.replicas == 60);
    CHECK(s.panel.analytic_for.fleet.replicas == 60);
}

TEST_CASE("serving: the LLM switch shows the LLM inputs and roofline, and simulates tokens", "[ui][serving]") {
    ServingUi s;
    s.frames(2);
    CHECK(s.field("service.mean_ms").input_id != 0);
    CHECK(s.panel.fields.count("llm.max_batch_seqs") == 0);
    s.inputs.llm.enabled = true;
    s.inputs.arrival.rate_rps = 5;
    s.inputs.fleet.replicas = 2;
    s.inputs.run.requests = 2000;
    CHECK(s.frame() > 3000);
    CHECK(s.panel.fields.count("llm.max_batch_seqs") == 1);
    CHECK(s.field("llm.max_batch_seqs").input_id != 0);
    CHECK(s.panel.input_errors.empty());
    REQUIRE(s.run_until_idle());
    CHECK(s.panel.run.result.has_llm);
    CHECK(s.panel.run.result.llm.ttft_ms.p50 > 0);
    const auto& results = mlwb::ui::serving_panel_results(s.panel, s.inputs);
    CHECK(results["llm"]["output_tokens_per_s"].get<double>() > 0);
    CHECK(results.contains("llm_estimate"));
    // A model that does not fit is a result, not an input error: the roofline says so.
    s.inputs.llm.params_b = 400;
    CHECK(s.frame() > 0);
    CHECK(s.panel.input_errors.empty());
    s.run_until_idle();
    // Back to request/response: the service inputs return.
    s.inputs.llm.enabled = false;
    s.frames(2);
    CHECK(s.field("service.mean_ms").input_id != 0);
}

TEST_CASE("serving: every preset applies, validates and shows its story", "[ui][serving]") {
    ServingUi s;
    s.frame();
    const auto presets = mlwb::serving::serving_presets();
    REQUIRE(presets.size() == 4);
    for (int i = 0; i < static_cast<int>(presets.size()); ++i) {
        INFO(presets[static_cast<std::size_t>(i)].key);
        s.inputs = presets[static_cast<std::size_t>(i)].scenario;
        s.panel.preset = i;
        CHECK(s.frame() > 3000);
        CHECK(s.panel.input_errors.empty());
        CHECK(s.panel.preset == i);  // kept: no edit since
        CHECK(s.panel.run.running);
        CHECK(mlwb::ui::serving_panel_results(s.panel, s.inputs)["ok"] == true);
    }
}

TEST_CASE("serving: cancel keeps partial results, an edit or Run again restarts, busy ends", "[ui][serving]") {
    ServingUi s;
    s.frames(2);
    REQUIRE(mlwb::ui::serving_panel_busy(s.panel));
    mlwb::ui::cancel_serving_run(s.panel);
    CHECK_FALSE(mlwb::ui::serving_panel_busy(s.panel));
    CHECK(s.panel.run.cancelled);
    CHECK(s.panel.run.has_result);
    CHECK(s.frame() > 0);
    CHECK_FALSE(mlwb::ui::serving_panel_busy(s.panel));  // a cancelled run stays cancelled
    mlwb::ui::restart_serving_run(s.panel);
    CHECK(mlwb::ui::serving_panel_busy(s.panel));
    mlwb::ui::cancel_serving_run(s.panel);
    s.inputs.run.seed = 7;  // an edit from outside (a link, setState) restarts too
    s.frame();
    CHECK(mlwb::ui::serving_panel_busy(s.panel));
    CHECK(s.panel.run.scenario.run.seed == 7);
    REQUIRE(s.run_until_idle());
    CHECK_FALSE(s.panel.run.cancelled);
}

TEST_CASE("serving: invalid state set directly shows the errors and runs nothing", "[ui][serving]") {
    ServingUi s;
    s.inputs.fleet.replicas = 0;
    CHECK(s.frame() > 0);
    CHECK_FALSE(s.panel.input_errors.empty());
    CHECK_FALSE(s.panel.run.active);
    CHECK_FALSE(mlwb::ui::serving_panel_busy(s.panel));
    CHECK(mlwb::ui::serving_panel_results(s.panel, s.inputs)["ok"] == false);
    s.inputs.fleet.replicas = 48;
    s.frame();
    CHECK(s.panel.run.running);
}

TEST_CASE("serving: the cheapest-fleet search runs in slices and its answer applies", "[ui][serving]") {
    ServingUi s;
    s.inputs.run.requests = 20000;
    REQUIRE(s.run_until_idle());
    mlwb::ui::start_serving_search(s.panel, s.inputs);
    CHECK(mlwb::ui::serving_panel_busy(s.panel));
    s.frame();
    CHECK(s.panel.search.running);
    REQUIRE(s.run_until_idle());
    const auto& r = s.panel.search.result;
    CHECK(r.complete);
    REQUIRE(r.cheapest >= 0);
    CHECK(r.points[static_cast<std::size_t>(r.cheapest)].meets_slo);
    CHECK(s.frame() > 5000);  // the frontier plot and table
    const Scenario applied = mlwb::serving::scenario_of(s.panel.search.scenario, r, static_cast<std::size_t>(r.cheapest));
    // What "Use ..." does: the inputs become the point's configuration, and the run restarts.
    s.inputs = applied;
    s.frame();
    CHECK(s.panel.search.stale);
    CHECK(s.panel.run.scenario.fleet.replicas == applied.fleet.replicas);
    CHECK(mlwb::serving::validate(s.inputs).empty());
}

TEST_CASE("serving: the panel draws embed-sized and in the dark theme", "[ui][serving]") {
    ServingUi s(360, 300);
    CHECK(s.frame() > 0);
    CHECK(s.frame() > 0);
    mlwb::ui::apply_theme(true);
    s.inputs.autoscaling.enabled = true;
    s.inputs.arrival.kind = mlwb::serving::ArrivalKind::Daily;
    s.inputs.arrival.day_length_s = 600;
    CHECK(s.frame() > 0);
    CHECK(s.frame() > 0);
}
