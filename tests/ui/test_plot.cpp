// Plot widgets: the pure helpers (ticks, labels, mapping, interpolation) against hand-worked
// values and invariants, and headless frames that check what the draw list really holds:
// clipping, filled areas, gaps at NaN, the hover read-out, and no allocation once warmed up.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <new>
#include <numbers>
#include <vector>

#include "imgui_internal.h"
#include "plot.hpp"
#include "theme.hpp"
#include "ui_test_context.hpp"

namespace plot = mlwb::ui::plot;
using plot::TickFormat;

// ---- counting allocations (not under AddressSanitizer, which owns operator new) ----------
#if defined(__SANITIZE_ADDRESS__)
#define MLWB_COUNT_NEW 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MLWB_COUNT_NEW 0
#endif
#endif
#ifndef MLWB_COUNT_NEW
#define MLWB_COUNT_NEW 1
#endif

#if MLWB_COUNT_NEW
namespace {
std::atomic<long> g_news{0};
}
void* operator new(std::size_t size) {
    g_news.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// ---- tick invariants ---------------------------------------------------------------------

bool is_125_power_of_ten(double step) {
    if (!(step > 0)) return false;
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-12));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (std::fabs(mantissa - m) < 1e-9 * m) return true;
    return false;
}

// Checks everything a tick set must satisfy and returns it for value checks.
plot::Ticks checked_ticks(double min, double max, int max_count, bool log = false) {
    INFO("range [" << min << ", " << max << "] max_count " << max_count << (log ? " log" : ""));
    const plot::Ticks t = plot::nice_ticks(min, max, max_count, log);
    const plot::Range r = plot::sanitize_range(min, max, log);
    CHECK(r.min < r.max);
    CHECK(std::isfinite(r.min));
    CHECK(std::isfinite(r.max));
    CHECK(static_cast<int>(t.values.size()) <= std::max(max_count, 0));
    const double tolerance = 1e-9 * (r.max - r.min);
    for (std::size_t i = 0; i < t.values.size(); ++i) {
        const double v = t.values[i];
        INFO("tick " << i << " = " << v << " step " << t.step);
        CHECK(std::isfinite(v));
        CHECK(v >= r.min - tolerance);
        CHECK(v <= r.max + tolerance);
        if (i > 0) CHECK(v > t.values[i - 1]);
        if (!t.log) {
            // On the step grid, one step apart (to rounding: far from 0 a step is few ulps of v).
            const double ulps = 4 * std::numeric_limits<double>::epsilon() * std::fabs(v);
            CHECK(std::fabs(v / t.step - std::round(v / t.step)) <= 1e-6 + ulps / t.step);
            if (i > 0) CHECK(std::fabs((v - t.values[i - 1]) - t.step) <= 1e-6 * t.step + ulps);
        } else if (t.step == 0) {
            CHECK(is_125_power_of_ten(v));
        } else {
            CHECK(std::fabs(std::log10(v) / t.step - std::round(std::log10(v) / t.step)) < 1e-9);
        }
    }
    if (!t.values.empty() && (!t.log || t.step > 0)) CHECK(is_125_power_of_ten(t.step));
    return t;
}

// ---- a headless window holding plots -----------------------------------------------------

struct PlotHarness {
    HeadlessImGui ui{800, 600};
    PlotHarness() { mlwb::ui::apply_theme(false); }

    // One frame with `draw` inside a full-screen window "plots"; returns the vertices drawn.
    int frame(const std::function<void()>& draw) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("plots", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
        draw();
        ImGui::End();
        ImGui::Render();
        return ImGui::GetDrawData()->TotalVtxCount;
    }
    void frames(const std::function<void()>& draw, int count) {
        for (int i = 0; i < count; ++i) frame(draw);
    }
    static ImDrawList* draw_list() { return ImGui::FindWindowByName("plots")->DrawList; }
    static void mouse(float x, float y) { ImGui::GetIO().MousePos = ImVec2(x, y); }
};

const plot::AxisSpec kUnitX{.label = "x", .min = 0, .max = 1};
const plot::AxisSpec kUnitY{.label = "y", .min = 0, .max = 1};

// Sum of the areas of the triangles whose three vertices have `colour`.
double triangle_area(const ImDrawList* dl, ImU32 colour) {
    double area = 0;
    for (const ImDrawCmd& cmd : dl->CmdBuffer) {
        for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
            const ImDrawVert& a = dl->VtxBuffer[cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i]];
            const ImDrawVert& b = dl->VtxBuffer[cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i + 1]];
            const ImDrawVert& c = dl->VtxBuffer[cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i + 2]];
            if (a.col != colour || b.col != colour || c.col != colour) continue;
            area += 0.5 * std::fabs((b.pos.x - a.pos.x) * (c.pos.y - a.pos.y) - (c.pos.x - a.pos.x) * (b.pos.y - a.pos.y));
        }
    }
    return area;
}

// The area between the polyline and y = 0 over [x_from, x_to], in pixels, by fine sampling of
// the plot's own mapping (independent of the column code under test).
double expected_pixel_area(const plot::PlotInfo& info, const std::vector<double>& xs, const std::vector<double>& ys,
                           double x_from, double x_to) {
    const double base = info.y.to_px(0.0);
    const int steps = 200000;
    double area = 0;
    const double px0 = info.x.to_px(x_from), px1 = info.x.to_px(x_to);
    for (int i = 0; i < steps; ++i) {
        const double px = px0 + (px1 - px0) * (i + 0.5) / steps;
        const double y = plot::interpolate_y(xs.data(), ys.data(), static_cast<int>(xs.size()), info.x.from_px(px));
        area += std::fabs(info.y.to_px(y) - base) * (px1 - px0) / steps;
    }
    return area;
}

}  // namespace

// ---- nice_ticks --------------------------------------------------------------------------

TEST_CASE("nice ticks on everyday ranges use 1-2-5 steps and stay inside the range", "[plot]") {
    plot::Ticks t = checked_ticks(0, 1, 6);
    CHECK(t.step == Approx(0.2));
    CHECK(t.values.size() == 6);

    t = checked_ticks(0, 1, 11);
    REQUIRE(t.values.size() == 11);
    CHECK(t.values[3] == 0.3);  // the double nearest 0.3, not 3 * 0.1
    CHECK(t.values[7] == 0.7);

    t = checked_ticks(0.0123, 0.0456, 6);
    CHECK(t.step == Approx(0.01));
    CHECK(t.values == std::vector<double>{0.02, 0.03, 0.04});

    t = checked_ticks(14750, 90000, 8);
    CHECK(t.step == 10000);
    CHECK(t.values.front() == 20000);
    CHECK(t.values.back() == 90000);

    t = checked_ticks(-3.7, 4.2, 10);
    CHECK(t.step == 1);
    CHECK(t.values.front() == -3);

    t = checked_ticks(0, 100000, 5);
    CHECK(t.step == 50000);
    t = checked_ticks(0, 0.25, 6);
    CHECK(t.step == Approx(0.05));
}

TEST_CASE("nice ticks on log axes", "[plot]") {
    plot::Ticks t = checked_ticks(1, 1e6, 10, true);
    CHECK(t.log);
    CHECK(t.step == 1);
    CHECK(t.values == std::vector<double>{1, 10, 100, 1000, 10000, 100000, 1000000});

    t = checked_ticks(1, 1e6, 4, true);
    CHECK(t.step == 2);
    CHECK(t.values == std::vector<double>{1, 100, 10000, 1000000});

    t = checked_ticks(1, 100, 8, true);  // room for 1, 2, 5 in each decade
    CHECK(t.step == 0);
    CHECK(t.values == std::vector<double>{1, 2, 5, 10, 20, 50, 100});

    t = checked_ticks(0.001, 0.1, 10, true);
    CHECK(t.values.front() == 0.001);
    CHECK(t.values.back() == 0.1);

    t = checked_ticks(3, 8, 6, true);  // inside one decade: linear ticks
    CHECK(!t.log);
    CHECK(t.values.size() >= 2);

    t = checked_ticks(0, 1e6, 10, true);  // a log axis cannot start at 0
    CHECK(t.values.front() > 0);
}

TEST_CASE("nice ticks survive degenerate, reversed and non-finite ranges", "[plot]") {
    plot::Ticks t = checked_ticks(5, 5, 6);
    CHECK(t.values.size() >= 2);
    CHECK(checked_ticks(0, 0, 6).values.size() >= 2);
    CHECK(checked_ticks(-1e-320, 1e-320, 6).values.size() >= 2);
    CHECK(checked_ticks(1e300, 1e300, 6).values.size() >= 2);

    const plot::Ticks forward = checked_ticks(0, 1, 6);
    const plot::Ticks reversed = checked_ticks(1, 0, 6);
    CHECK(forward.values == reversed.values);

    for (double a : {kNaN, kInf, -kInf, 0.0, 3.0}) {
        for (double b : {kNaN, kInf, -kInf, 2.0}) {
            for (bool log : {false, true}) {
                const plot::Ticks u = checked_ticks(a, b, 6, log);
                CHECK(!u.values.empty());
            }
        }
    }
    CHECK(plot::sanitize_range(kNaN, kNaN, false).min == 0);
    CHECK(plot::sanitize_range(kNaN, kNaN, false).max == 1);
    CHECK(checked_ticks(-1e308, 1e308, 6).values.size() >= 2);
    CHECK(checked_ticks(1e-300, 1e300, 6, true).values.size() >= 2);

    CHECK(checked_ticks(0, 1, 0).values.empty());
    CHECK(checked_ticks(0, 1, -3).values.empty());
    CHECK(checked_ticks(0, 1, 1).values.size() == 1);
    CHECK(checked_ticks(0.6, 0.9, 1).values.size() <= 1);
}

TEST_CASE("nice ticks hold their invariants over many ranges and budgets", "[plot]") {
    std::uint64_t state = 12345;
    const auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
    };
    for (int i = 0; i < 3000; ++i) {
        const double magnitude = std::pow(10.0, -8 + 20 * next());
        const double a = (next() * 2 - 1) * magnitude;
        const double b = a + std::pow(10.0, -3 + 6 * next()) * magnitude * next();
        const int max_count = 2 + static_cast<int>(next() * 11);
        const plot::Ticks t = checked_ticks(a, b, max_count);
        CHECK(!t.values.empty());
        const double lo = std::fabs(a) + magnitude * 1e-3;
        const plot::Ticks l = checked_ticks(lo, lo * std::pow(10.0, 6 * next()), max_count, true);
        CHECK(!l.values.empty());
    }
}

// ---- format_tick -------------------------------------------------------------------------

TEST_CASE("tick labels are compact and as precise as their step", "[plot]") {
    CHECK(plot::format_tick(12000, 1000, TickFormat::Auto) == "12k");
    CHECK(plot::format_tick(1.5e6, 5e5, TickFormat::Auto) == "1.5M");
    CHECK(plot::format_tick(3e9, 1e9, TickFormat::Auto) == "3B");
    CHECK(plot::format_tick(2e12, 1e12, TickFormat::Auto) == "2T");
    CHECK(plot::format_tick(0.05, 0.01, TickFormat::Auto) == "0.05");
    CHECK(plot::format_tick(0.1, 0.05, TickFormat::Auto) == "0.1");
    CHECK(plot::format_tick(250, 50, TickFormat::Auto) == "250");
    CHECK(plot::format_tick(-2500, 500, TickFormat::Auto) == "-2.5k");
    CHECK(plot::format_tick(14750, 10, TickFormat::Auto) == "14.75k");
    CHECK(plot::format_tick(0.1 + 0.2, 0.1, TickFormat::Auto) == "0.3");
    CHECK(plot::format_tick(1e-17, 0.1, TickFormat::Auto) == "0");
    CHECK(plot::format_tick(-1e-17, 0.1, TickFormat::Auto) == "0");
    CHECK(plot::format_tick(999.96, 0.1, TickFormat::Auto) == "1k");
    CHECK(plot::format_tick(1e-7, 1e-8, TickFormat::Auto) == "1e-7");
    CHECK(plot::format_tick(1.5e-7, 1e-8, TickFormat::Auto) == "1.5e-7");
    CHECK(plot::format_tick(2.5e16, 5e15, TickFormat::Auto) == "2.5e16");
    CHECK(plot::format_tick(0.000012, 0.000001, TickFormat::Auto) == "0.000012");

    // step <= 0: the value's own magnitude (log ticks)
    CHECK(plot::format_tick(1000, 0, TickFormat::Auto) == "1k");
    CHECK(plot::format_tick(20, 0, TickFormat::Auto) == "20");
    CHECK(plot::format_tick(0.002, 0, TickFormat::Auto) == "0.002");
    CHECK(plot::format_tick(0, 0, TickFormat::Auto) == "0");

    CHECK(plot::format_tick(0.25, 0.05, TickFormat::Percent) == "25 %");
    CHECK(plot::format_tick(0.025, 0.005, TickFormat::Percent) == "2.5 %");
    CHECK(plot::format_tick(0.8034, 0.001, TickFormat::Percent) == "80.3 %");
    CHECK(plot::format_tick(1, 0.2, TickFormat::Percent) == "100 %");

    CHECK(plot::format_tick(14751, 1, TickFormat::Grouped) == "14,751");
    CHECK(plot::format_tick(-1234567, 1, TickFormat::Grouped) == "-1,234,567");
    CHECK(plot::format_tick(100000, 20000, TickFormat::Grouped) == "100,000");
    CHECK(plot::format_tick(999, 1, TickFormat::Grouped) == "999");
    CHECK(plot::format_tick(1234.5, 0.5, TickFormat::Grouped) == "1,234.5");

    CHECK(plot::format_tick(kNaN, 1, TickFormat::Auto) == "\xE2\x80\x93");
    CHECK(plot::format_tick(kInf, 1, TickFormat::Percent) == "\xE2\x80\x93");
    CHECK(plot::format_tick(1e300, 1e299, TickFormat::Grouped) == "1e300");

    char small[4];
    CHECK(plot::format_tick(small, sizeof small, 14751, 1, TickFormat::Grouped) == 3);
    CHECK(std::string(small) == "14,");
    CHECK(plot::format_tick(nullptr, 0, 1, 1, TickFormat::Auto) == 0);
}

// ---- mapping and interpolation -----------------------------------------------------------

TEST_CASE("axis mapping, linear and log, both ways", "[plot]") {
    const plot::AxisMap x = plot::map_axis(0, 10, false, 100, 200);
    CHECK(x.to_px(5) == Approx(150));
    CHECK(x.to_px(-10) == Approx(0));
    CHECK(x.from_px(175) == Approx(7.5));

    const plot::AxisMap y = plot::map_axis(0, 1, false, 300, 100);  // screen y grows downwards
    CHECK(y.to_px(1) == Approx(100));
    CHECK(y.to_px(0.25) == Approx(250));
    CHECK(y.from_px(200) == Approx(0.5));

    const plot::AxisMap l = plot::map_axis(1, 1000, true, 0, 300);
    CHECK(l.to_px(10) == Approx(100));
    CHECK(l.to_px(1000) == Approx(300));
    CHECK(l.from_px(200) == Approx(100));
    CHECK(std::isnan(l.to_px(0)));
    CHECK(std::isnan(l.to_px(-5)));
    CHECK(std::isnan(x.to_px(kNaN)));

    const plot::AxisMap flat = plot::map_axis(2, 2, false, 0, 100);  // widened, not a division by 0
    CHECK(std::isfinite(flat.to_px(2)));
    CHECK(flat.to_px(2) == Approx(50));
}

TEST_CASE("interpolate_y between points, at ends, outside and around NaN", "[plot]") {
    const double xs[] = {0, 1, 2, 3};
    const double ys[] = {0, 10, 20, kNaN};
    CHECK(plot::interpolate_y(xs, ys, 4, 0.5) == Approx(5));
    CHECK(plot::interpolate_y(xs, ys, 4, 0) == 0);
    CHECK(plot::interpolate_y(xs, ys, 4, 2) == 20);
    CHECK(plot::interpolate_y(xs, ys, 4, 1.75) == Approx(17.5));
    CHECK(std::isnan(plot::interpolate_y(xs, ys, 4, 2.5)));  // next to the NaN
    CHECK(std::isnan(plot::interpolate_y(xs, ys, 4, 3)));
    CHECK(std::isnan(plot::interpolate_y(xs, ys, 4, -1)));
    CHECK(std::isnan(plot::interpolate_y(xs, ys, 4, 4)));
    CHECK(std::isnan(plot::interpolate_y(xs, ys, 4, kNaN)));

    const double down_x[] = {3, 2, 1};
    const double down_y[] = {30, 20, 10};
    CHECK(plot::interpolate_y(down_x, down_y, 3, 1.5) == Approx(15));

    const double gap_x[] = {0, kNaN, 2, 3};
    const double gap_y[] = {0, 1, 2, 3};
    CHECK(std::isnan(plot::interpolate_y(gap_x, gap_y, 4, 1)));
    CHECK(plot::interpolate_y(gap_x, gap_y, 4, 2.5) == Approx(2.5));

    CHECK(plot::interpolate_y(xs, ys, 1, 0) == 0);
    CHECK(std::isnan(plot::interpolate_y(xs, ys, 1, 0.5)));
    CHECK(std::isnan(plot::interpolate_y(xs, ys, 0, 0)));
    CHECK(std::isnan(plot::interpolate_y(nullptr, ys, 4, 0)));

    const double log_x[] = {1, 100};
    const double log_y[] = {0, 2};
    CHECK(plot::interpolate_y(log_x, log_y, 2, 10, true) == Approx(1));            // halfway on a log axis
    CHECK(plot::interpolate_y(log_x, log_y, 2, 10, false) == Approx(18.0 / 99.0));  // and on a linear one
    CHECK(std::isnan(plot::interpolate_y(log_x, log_y, 2, -1, true)));
}

// ---- drawing -----------------------------------------------------------------------------

TEST_CASE("a plot frame draws axes, items and legend inside its frame", "[plot]") {
    PlotHarness h;
    std::vector<double> xs(400), ys(400);
    for (int i = 0; i < 400; ++i) {
        xs[i] = i / 399.0;
        ys[i] = xs[i] * xs[i];
    }
    const int empty = h.frame([] {});
    const int drawn = h.frame([&] {
        REQUIRE(plot::begin_plot("p", ImVec2(600, 300), kUnitX, kUnitY, {.title = "Power"}));
        plot::fill_under("area", xs.data(), ys.data(), 400, 0.2, 0.6, plot::with_alpha(mlwb::ui::palette().error, 0.3f));
        plot::line("curve", xs.data(), ys.data(), 400, plot::with_alpha(mlwb::ui::palette().accent));
        plot::line("curve", xs.data(), ys.data(), 400, plot::with_alpha(mlwb::ui::palette().accent));  // same entry
        plot::line("##unlisted", xs.data(), ys.data(), 10, IM_COL32(0, 0, 0, 255));
        plot::hline(0.8, plot::with_alpha(mlwb::ui::palette().muted), "target 80 %", true);
        plot::vline(0.5, plot::with_alpha(mlwb::ui::palette().error), "critical");
        plot::marker(0.5, 0.25, plot::with_alpha(mlwb::ui::palette().accent), "current design");
        plot::end_plot();
    });
    CHECK(drawn > empty + 1000);
    const plot::PlotInfo& info = plot::last_plot();
    CHECK(info.frame == ImGui::GetFrameCount());
    CHECK(info.legend_entries == 2);  // "area" and "curve"; the duplicate and "##" are not listed
    CHECK(info.x_ticks >= 3);
    CHECK(info.y_ticks >= 3);
    CHECK(info.area_min.x > info.frame_min.x);   // room for y tick labels
    CHECK(info.area_min.y > info.frame_min.y);   // title
    CHECK(info.area_max.y < info.frame_max.y);   // x tick labels and axis label
    CHECK(info.area_max.x <= info.frame_max.x);
    CHECK(info.frame_max.x - info.frame_min.x == Approx(600));
    CHECK(info.frame_max.y - info.frame_min.y == Approx(300));
    CHECK(info.x.to_px(0) == Approx(info.area_min.x));
    CHECK(info.y.to_px(0) == Approx(info.area_max.y));

    h.frame([&] {
        REQUIRE(plot::begin_plot("p", ImVec2(600, 300), kUnitX, kUnitY, {.legend = plot::Legend::Hidden}));
        plot::line("curve", xs.data(), ys.data(), 400, IM_COL32(0, 0, 255, 255));
        plot::end_plot();
    });
    CHECK(plot::last_plot().legend_entries == 0);
}

TEST_CASE("items are clipped to the plot area", "[plot]") {
    PlotHarness h;
    // Far outside the axis range on every side.
    const double xs[] = {-0.5, 0.2, 0.4, 0.6, 1.5};
    const double ys[] = {-1.0, 2.0, -3.0, 0.5, 4.0};
    h.frame([&] {
        REQUIRE(plot::begin_plot("clip", ImVec2(500, 250), kUnitX, kUnitY));
        plot::fill_under("f", xs, ys, 5, -kInf, kInf, IM_COL32(10, 200, 30, 77));
        plot::line("l", xs, ys, 5, IM_COL32(200, 10, 30, 255), 2.0f, false);
        plot::line("d", xs, ys, 5, IM_COL32(200, 10, 30, 255), 2.0f, true);
        plot::marker(2.0, 2.0, IM_COL32(7, 7, 7, 255), "off the chart");
        plot::marker(0.9, 0.1, IM_COL32(7, 7, 7, 255), "near the corner");
        plot::end_plot();
    });
    const plot::PlotInfo& info = plot::last_plot();
    const ImDrawList* dl = PlotHarness::draw_list();
    // The items' vertices, known by colour (anti-aliased fringes have alpha 0).
    const auto is_item = [](ImU32 col) {
        const ImU32 rgb = col & ~IM_COL32_A_MASK;
        return rgb == (IM_COL32(10, 200, 30, 0)) || rgb == IM_COL32(200, 10, 30, 0) || rgb == IM_COL32(7, 7, 7, 0);
    };
    int outside = 0;
    for (const ImDrawCmd& cmd : dl->CmdBuffer) {
        const bool clipped_to_area = cmd.ClipRect.x >= info.area_min.x - 0.01f && cmd.ClipRect.y >= info.area_min.y - 0.01f &&
                                     cmd.ClipRect.z <= info.area_max.x + 0.01f && cmd.ClipRect.w <= info.area_max.y + 0.01f;
        for (unsigned int i = 0; i < cmd.ElemCount; ++i) {
            const ImDrawVert& v = dl->VtxBuffer[cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i]];
            if (!is_item(v.col)) continue;
            const ImVec2 p = v.pos;
            const bool beyond_frame = p.x < info.frame_min.x - 2 || p.y < info.frame_min.y - 2 ||
                                      p.x > info.frame_max.x + 2 || p.y > info.frame_max.y + 2;
            if (!beyond_frame) continue;
            ++outside;
            INFO("vertex (" << p.x << ", " << p.y << ") drawn with clip rect (" << cmd.ClipRect.x << ", "
                            << cmd.ClipRect.y << ", " << cmd.ClipRect.z << ", " << cmd.ClipRect.w << ")");
            CHECK(clipped_to_area);
        }
    }
    CHECK(outside > 10);  // the test saw geometry that needed the clip
}

TEST_CASE("filled areas cover exactly the region under the curve, concave or crossing zero", "[plot]") {
    PlotHarness h;
    const ImU32 fill = IM_COL32(10, 200, 30, 77);
    const ImU32 band = IM_COL32(30, 10, 200, 77);

    // A bell curve: the region under it over [-2.5, 0.3] is concave. (No legend: its swatch
    // has the fill's colour.)
    std::vector<double> xs(300), bell(300), wave(300), lower(300), upper(300);
    for (int i = 0; i < 300; ++i) {
        xs[i] = -4 + 8.0 * i / 299.0;
        bell[i] = std::exp(-0.5 * xs[i] * xs[i]) / std::sqrt(2 * std::numbers::pi);
        wave[i] = 0.3 * std::sin(2 * xs[i]);
        lower[i] = bell[i] - 0.05;
        upper[i] = bell[i] + 0.05;
    }
    const plot::AxisSpec x{.min = -4, .max = 4};
    const plot::AxisSpec y{.min = -0.4, .max = 0.45};

    h.frame([&] {
        REQUIRE(plot::begin_plot("bell", ImVec2(640, 320), x, y, {.legend = plot::Legend::Hidden}));
        plot::fill_under("alpha", xs.data(), bell.data(), 300, -2.5, 0.3, fill);
        plot::end_plot();
    });
    const plot::PlotInfo info = plot::last_plot();
    const double want = expected_pixel_area(info, xs, bell, -2.5, 0.3);
    CHECK(want > 5000);
    CHECK(triangle_area(PlotHarness::draw_list(), fill) == Approx(want).epsilon(0.002));

    // Crossing y = 0 many times: each part counts once, none is folded.
    h.frame([&] {
        REQUIRE(plot::begin_plot("bell", ImVec2(640, 320), x, y, {.legend = plot::Legend::Hidden}));
        plot::fill_under("wave", xs.data(), wave.data(), 300, 3.9, -3.3, fill);  // reversed window
        plot::end_plot();
    });
    const double want_wave = expected_pixel_area(plot::last_plot(), xs, wave, -3.3, 3.9);
    CHECK(triangle_area(PlotHarness::draw_list(), fill) == Approx(want_wave).epsilon(0.002));

    // A coarse zigzag: every column crosses y = 0, so a column drawn as one quad would fold
    // over itself and count twice the area.
    const std::vector<double> zig_x{-4, -2, 0, 2, 4}, zig_y{0.3, -0.3, 0.3, -0.3, 0.3};
    h.frame([&] {
        REQUIRE(plot::begin_plot("bell", ImVec2(640, 320), x, y, {.legend = plot::Legend::Hidden}));
        plot::fill_under("zigzag", zig_x.data(), zig_y.data(), 5, -kInf, kInf, fill);
        plot::end_plot();
    });
    const plot::PlotInfo& z = plot::last_plot();
    const double triangles = 8 * 0.5 * (z.x.to_px(-3) - z.x.to_px(-4)) * (z.y.to_px(0) - z.y.to_px(0.3));
    CHECK(triangle_area(PlotHarness::draw_list(), fill) == Approx(triangles).epsilon(0.001));

    // A band between two curves is the band's width times the window.
    h.frame([&] {
        REQUIRE(plot::begin_plot("bell", ImVec2(640, 320), x, y, {.legend = plot::Legend::Hidden}));
        plot::fill_between("band", xs.data(), lower.data(), upper.data(), 300, -1, 1, band);
        plot::end_plot();
    });
    const plot::PlotInfo& b = plot::last_plot();
    const double band_px = (b.x.to_px(1) - b.x.to_px(-1)) * (b.y.to_px(0) - b.y.to_px(0.1));
    CHECK(triangle_area(PlotHarness::draw_list(), band) == Approx(band_px).epsilon(0.001));
}

TEST_CASE("NaN points break a line into separate runs", "[plot]") {
    PlotHarness h;
    const double xs[] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    const double ys[] = {0.2, 0.3, 0.2, kNaN, 0.6, 0.7, 0.6, 0.7};
    const double bridged_x[] = {0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8};
    const double bridged_y[] = {0.2, 0.3, 0.2, 0.6, 0.7, 0.6, 0.7};
    int with_nan = 0, split = 0, bridged = 0;
    h.frame([&] {
        REQUIRE(plot::begin_plot("nan", ImVec2(500, 250), kUnitX, kUnitY));
        ImDrawList* dl = PlotHarness::draw_list();
        int before = dl->IdxBuffer.Size;
        plot::line("a", xs, ys, 8, IM_COL32(255, 0, 0, 255));
        with_nan = dl->IdxBuffer.Size - before;
        before = dl->IdxBuffer.Size;
        plot::line("b", xs, ys, 3, IM_COL32(255, 0, 0, 255));
        plot::line("b", xs + 4, ys + 4, 4, IM_COL32(255, 0, 0, 255));
        split = dl->IdxBuffer.Size - before;
        before = dl->IdxBuffer.Size;
        plot::line("c", bridged_x, bridged_y, 7, IM_COL32(255, 0, 0, 255));
        bridged = dl->IdxBuffer.Size - before;
        plot::end_plot();
    });
    CHECK(with_nan > 0);
    CHECK(with_nan == split);
    CHECK(with_nan < bridged);
}

TEST_CASE("nothing breaks with empty, tiny, NaN or odd input", "[plot]") {
    PlotHarness h;
    const double one_x[] = {0.5};
    const double one_y[] = {0.5};
    const double nan_x[] = {kNaN, kNaN, 0.5};
    const double nan_y[] = {kNaN, 0.2, kNaN};
    const double neg_x[] = {-1, 0, 10, 100, kInf};
    const double neg_y[] = {1, 2, -3, 4, 5};
    for (ImVec2 size : {ImVec2(600, 300), ImVec2(1, 1), ImVec2(30, 20), ImVec2(0, 0), ImVec2(-1, -1)}) {
        for (const auto& axes : {std::make_pair(kUnitX, kUnitY),
                                 std::make_pair(plot::AxisSpec{.min = kNaN, .max = kNaN}, plot::AxisSpec{.min = 3, .max = 3}),
                                 std::make_pair(plot::AxisSpec{.min = 1, .max = 0}, plot::AxisSpec{.min = -kInf, .max = kInf}),
                                 std::make_pair(plot::AxisSpec{.min = 0, .max = 1000, .log = true},
                                                plot::AxisSpec{.min = -1, .max = 10, .log = true})}) {
            CHECK(h.frame([&] {
                if (!plot::begin_plot("odd", size, axes.first, axes.second, {.title = "##no title"})) return;
                plot::line("none", nullptr, nullptr, 0, IM_COL32(255, 0, 0, 255));
                plot::line("negative count", one_x, one_y, -5, IM_COL32(255, 0, 0, 255));
                plot::line("one", one_x, one_y, 1, IM_COL32(255, 0, 0, 255));
                plot::line("nan", nan_x, nan_y, 3, IM_COL32(255, 0, 0, 255), 2.0f, true);
                plot::line("neg", neg_x, neg_y, 5, IM_COL32(255, 0, 0, 255));
                plot::fill_under("fill none", nullptr, nullptr, 0, 0, 1, IM_COL32(0, 255, 0, 80));
                plot::fill_under("fill one", one_x, one_y, 1, 0, 1, IM_COL32(0, 255, 0, 80));
                plot::fill_under("fill nan", nan_x, nan_y, 3, kNaN, kNaN, IM_COL32(0, 255, 0, 80));
                plot::fill_under("fill neg", neg_x, neg_y, 5, -kInf, kNaN, IM_COL32(0, 255, 0, 80));
                plot::fill_between("band", neg_x, neg_y, nullptr, 5, 0, 1, IM_COL32(0, 255, 0, 80));
                plot::marker(kNaN, 0.5, IM_COL32(0, 0, 0, 255), "nan");
                plot::marker(0.5, 0.5, IM_COL32(0, 0, 0, 255), nullptr);
                plot::hline(kInf, IM_COL32(0, 0, 0, 255), nullptr);
                plot::vline(kNaN, IM_COL32(0, 0, 0, 255), "x");
                plot::vline(0.5, IM_COL32(0, 0, 0, 255), "");
                plot::end_plot();
            }) > 0);
        }
    }
    // Calls outside a plot do nothing; a second begin while one is open is refused.
    plot::line("stray", one_x, one_y, 1, IM_COL32(255, 0, 0, 255));
    plot::end_plot();
    h.frame([&] {
        REQUIRE(plot::begin_plot("outer", ImVec2(300, 200), kUnitX, kUnitY));
        CHECK_FALSE(plot::begin_plot("inner", ImVec2(300, 200), kUnitX, kUnitY));
        plot::end_plot();
        CHECK(plot::begin_plot("after", ImVec2(300, 200), kUnitX, kUnitY));
        plot::end_plot();
    });
}

TEST_CASE("hovering the plot area shows the cursor read-out with interpolated values", "[plot]") {
    PlotHarness h;
    std::vector<double> xs(401), ys(401), twice(401);
    for (int i = 0; i <= 400; ++i) {
        xs[i] = 1000.0 * i;  // 0 .. 400k
        ys[i] = 0.2 + 0.6 * i / 400.0;
        twice[i] = i < 200 ? kNaN : 0.5;  // no value left of 200k
    }
    const plot::AxisSpec x{.label = "Sample size", .min = 0, .max = 400000, .format = TickFormat::Grouped};
    const plot::AxisSpec y{.label = "Power", .min = 0, .max = 1, .format = TickFormat::Percent};
    const auto draw = [&] {
        REQUIRE(plot::begin_plot("hover", ImVec2(600, 300), x, y));
        plot::fill_under("fill", xs.data(), ys.data(), 401, 0, 100000, IM_COL32(0, 255, 0, 80));
        plot::line("rising", xs.data(), ys.data(), 401, IM_COL32(255, 0, 0, 255));
        plot::line("half", xs.data(), twice.data(), 401, IM_COL32(0, 0, 255, 255));
        plot::end_plot();
    };
    h.frames(draw, 2);
    const plot::PlotInfo info = plot::last_plot();

    // Over the data area, at x = 123,456.
    const float mx = static_cast<float>(info.x.to_px(123456));
    PlotHarness::mouse(mx, 0.5f * (info.area_min.y + info.area_max.y));
    h.frames(draw, 3);
    const plot::HoverReadout& r = plot::last_hover();
    CHECK(r.frame == ImGui::GetFrameCount());
    CHECK(r.plot == info.id);
    const double px_in_x = 400000.0 / (info.area_max.x - info.area_min.x);
    CHECK(std::fabs(r.x - 123456) <= px_in_x);
    REQUIRE(r.count == 2);  // lines only
    CHECK(std::string(r.values[0].label) == "rising");
    CHECK(r.values[0].y == Approx(0.2 + 0.6 * r.x / 400000).epsilon(1e-12));
    CHECK(std::string(r.values[0].text).find(" %") != std::string::npos);
    CHECK(std::isnan(r.values[1].y));
    CHECK(std::string(r.x_text).find(',') != std::string::npos);  // grouped, e.g. "123,4xx"
    const ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
    REQUIRE(tooltip != nullptr);
    CHECK(tooltip->Active);

    // Right of 200k the second series has a value too; the read-out text is what it shows.
    PlotHarness::mouse(static_cast<float>(info.x.to_px(300000)) + 0.3f, info.area_min.y + 5);
    h.frames(draw, 2);
    CHECK(r.values[1].y == 0.5);
    CHECK(std::string(r.values[1].text) == "50 %");

    // Over the tick labels (inside the widget, outside the area) and outside: no read-out.
    const int hovered_frame = r.frame;
    PlotHarness::mouse(info.frame_min.x + 2, 0.5f * (info.area_min.y + info.area_max.y));
    h.frames(draw, 2);
    CHECK(plot::last_hover().frame == hovered_frame);
    PlotHarness::mouse(790, 590);
    h.frames(draw, 2);
    CHECK(plot::last_hover().frame == hovered_frame);
    CHECK_FALSE(ImGui::FindWindowByName("##Tooltip_00")->Active);
}

TEST_CASE("a log-x plot reads out in log space, in the dark theme too", "[plot]") {
    PlotHarness h;
    mlwb::ui::apply_theme(true);
    const double xs[] = {10, 100000};
    const double ys[] = {0, 4};
    const auto draw = [&] {
        REQUIRE(plot::begin_plot("log", ImVec2(500, 260), plot::AxisSpec{.min = 10, .max = 100000, .log = true}, kUnitY));
        plot::line("l", xs, ys, 2, IM_COL32(255, 0, 0, 255));
        plot::end_plot();
    };
    h.frames(draw, 2);
    const plot::PlotInfo info = plot::last_plot();
    CHECK(info.x_ticks == 5);  // 10, 100, 1k, 10k, 100k
    PlotHarness::mouse(static_cast<float>(info.x.to_px(1000)), info.area_min.y + 10);
    h.frames(draw, 2);
    const plot::HoverReadout& r = plot::last_hover();
    REQUIRE(r.frame == ImGui::GetFrameCount());
    CHECK(r.x == Approx(1000).epsilon(0.02));
    CHECK(r.values[0].y == Approx(std::log10(r.x) - 1).epsilon(1e-9));  // 2 at 1000, as drawn
}

TEST_CASE("a warmed-up plot frame allocates nothing", "[plot]") {
#if MLWB_COUNT_NEW
    PlotHarness h;
    std::vector<double> xs(400), a(400), b(400), c(400);
    for (int i = 0; i < 400; ++i) {
        xs[i] = 100.0 * i;
        a[i] = i / 400.0;
        b[i] = std::sqrt(i / 400.0);
        c[i] = i % 50 == 0 ? kNaN : 0.5;
    }
    long news = -1;
    const auto draw = [&] {
        const long before = g_news.load();
        if (!plot::begin_plot("alloc", ImVec2(600, 300), plot::AxisSpec{.label = "n", .min = 0, .max = 40000},
                              plot::AxisSpec{.label = "power", .format = TickFormat::Percent}, {.title = "t"}))
            return;
        plot::fill_under("f", xs.data(), a.data(), 400, 1000, 20000, IM_COL32(0, 255, 0, 80));
        plot::line("a", xs.data(), a.data(), 400, IM_COL32(255, 0, 0, 255));
        plot::line("b", xs.data(), b.data(), 400, IM_COL32(0, 255, 0, 255), 2.0f, true);
        plot::line("c", xs.data(), c.data(), 400, IM_COL32(0, 0, 255, 255));
        plot::marker(20000, 0.5, IM_COL32(0, 0, 0, 255), "current");
        plot::hline(0.8, IM_COL32(0, 0, 0, 255), "target");
        plot::end_plot();
        news = g_news.load() - before;
    };
    h.frames(draw, 3);
    PlotHarness::mouse(300, 150);
    h.frames(draw, 4);
    REQUIRE(plot::last_hover().frame == ImGui::GetFrameCount());
    CHECK(news == 0);
#else
    SUCCEED("operator new belongs to the sanitizer in this build");
#endif
}

// Hidden: run with `mlwb_ui_tests "[plot-bench]"` to measure.
TEST_CASE("cost of a plot with 3 series of 400 points", "[.][plot-bench]") {
    PlotHarness h;
    std::vector<double> xs(400), a(400), b(400), c(400);
    for (int i = 0; i < 400; ++i) {
        xs[i] = 100.0 + 100.0 * i;
        a[i] = 1 - std::exp(-xs[i] / 8000);
        b[i] = 1 - std::exp(-xs[i] / 12000);
        c[i] = 1 - std::exp(-xs[i] / 20000);
    }
    double plot_seconds = 0;
    const auto draw = [&] {
        const auto t0 = std::chrono::steady_clock::now();
        if (!plot::begin_plot("bench", ImVec2(640, 320),
                              plot::AxisSpec{.label = "n per arm", .min = 0, .max = 40000, .format = TickFormat::Grouped},
                              plot::AxisSpec{.label = "power", .format = TickFormat::Percent}, {.title = "Power"}))
            return;
        plot::fill_under("shade", xs.data(), c.data(), 400, 5000, 25000, IM_COL32(0, 255, 0, 80));
        plot::line("a", xs.data(), a.data(), 400, IM_COL32(255, 0, 0, 255));
        plot::line("b", xs.data(), b.data(), 400, IM_COL32(0, 255, 0, 255));
        plot::line("c", xs.data(), c.data(), 400, IM_COL32(0, 0, 255, 255));
        plot::hline(0.8, IM_COL32(0, 0, 0, 255), "target", true);
        plot::marker(14751, 0.8, IM_COL32(0, 0, 0, 255), "current design");
        plot::end_plot();
        plot_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    h.frames(draw, 10);
    for (bool hovered : {false, true}) {
        PlotHarness::mouse(hovered ? 300.0f : -100.0f, hovered ? 150.0f : -100.0f);
        h.frames(draw, 3);
        plot_seconds = 0;
        const int n = 2000;
        const auto t0 = std::chrono::steady_clock::now();
        int vertices = 0;
        for (int i = 0; i < n; ++i) vertices = h.frame(draw);
        const double frame_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        char line[200];
        std::snprintf(line, sizeof line, "%s: plot calls %.1f us, whole headless frame %.1f us, %d vertices",
                      hovered ? "hovered" : "not hovered", 1e6 * plot_seconds / n, 1e6 * frame_seconds / n, vertices);
        WARN(line);
    }
}
