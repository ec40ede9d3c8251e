// Small plots drawn with Dear ImGui's draw list, shaped like ImPlot (which the app does not use):
//
//     if (plot::begin_plot("power", ImVec2(-1, 260), x_axis, y_axis, {.title = "Power"})) {
//         plot::fill_under(...); plot::line(...); plot::hline(...); plot::marker(...);
//         plot::end_plot();  // legend and hover read-out; only when begin_plot returned true
//     }
//
// Items draw in call order (put fills first), clipped to the plot area. Sizes are CSS-pixel
// layout units like the rest of the UI. A frame reuses the buffers of the previous one, so a
// warmed-up plot allocates nothing. Plots do not nest. Series are drawn in the order given and
// split wherever x or y is NaN or infinite (a gap, not a jump). Each plot adds a few thousand
// vertices to its window's draw list (3 x 400 points: ~5k), which with 16-bit indices and no
// vertex offsets (WebGL2) must stay under 65,536 per window.
//
// The pure helpers (ticks, tick labels, axis mapping, interpolation) need no ImGui context.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"

namespace mlwb::ui::plot {

// ---- pure helpers ------------------------------------------------------------------------

// How tick labels and read-outs write a value.
enum class TickFormat {
    Auto,     // compact: 0.05, 250, 12k, 1.5M, 3B
    Percent,  // a fraction shown as percent: 0.25 -> "25 %"
    Grouped,  // digits grouped in thousands: 14,751
};

// The range an axis really shows: NaN/inf replaced, reversed ends swapped, an empty range widened
// around its value, and on a log axis non-positive ends replaced. Plots and nice_ticks use it.
struct Range {
    double min = 0;
    double max = 1;
};
Range sanitize_range(double min, double max, bool log);

struct Ticks {
    std::vector<double> values;  // ascending, inside the sanitised range, at most max_count
    // Linear: the distance between ticks, 1, 2 or 5 x 10^k (0 when there are none).
    // Log (`log` true): decades between ticks, 1, 2 or 5 x 10^k, or 0 when the ticks are
    // 1, 2 and 5 in each decade. A log range inside one decade gets linear ticks (`log` false).
    double step = 0;
    bool log = false;
};

// "Nice" ticks for [min, max]: the densest 1-2-5 spacing with at most max_count ticks
// (max_count <= 0 gives none). The first overload refills `out`, keeping its capacity.
void nice_ticks(double min, double max, int max_count, bool log, Ticks& out);
Ticks nice_ticks(double min, double max, int max_count, bool log = false);

// Writes `value` as a tick label with the precision its tick `step` needs (trailing zeros
// dropped): format_tick(12000, 1000, Auto) = "12k", (0.25, 0.05, Percent) = "25 %". A step
// <= 0 or non-finite means "the value's own magnitude" (log ticks). Non-finite values give
// "\u2013". The buffer form writes at most size - 1 bytes plus a NUL and returns the length.
int format_tick(char* buf, int size, double value, double step, TickFormat format);
std::string format_tick(double value, double step, TickFormat format);

// Maps data values on an axis to pixels and back. For a y axis pass px_min > px_max (screen y
// grows downwards). Values outside the range map outside [px_min, px_max]; on a log axis a
// value <= 0 maps to NaN.
struct AxisMap {
    double min = 0, max = 1;   // the sanitised data range
    bool log = false;
    double px_min = 0, px_max = 1;
    double origin = 0;         // min, or log10(min)
    double scale = 1;          // pixels per data unit (per decade on a log axis)

    double to_px(double v) const;
    double from_px(double px) const;
};
AxisMap map_axis(double min, double max, bool log, double px_min, double px_max);

// y of the polyline (xs, ys) at x, interpolated linearly (in log10 x when log_x, as the line is
// drawn on a log axis); NaN when x is outside the series, count < 1, or the segment around x has
// a NaN end. Uses the first segment that contains x, so any x order works.
double interpolate_y(const double* xs, const double* ys, int count, double x, bool log_x = false);

// A theme colour (e.g. palette().accent) with its alpha scaled, as an ImU32. Needs a context.
ImU32 with_alpha(const ImVec4& colour, float alpha = 1.0f);

// ---- drawing -----------------------------------------------------------------------------

struct AxisSpec {
    const char* label = nullptr;  // under the x axis / above the y axis; null for none
    double min = 0;
    double max = 1;
    bool log = false;
    TickFormat format = TickFormat::Auto;
};

enum class Legend { TopRight, TopLeft, BottomRight, BottomLeft, Hidden };

struct PlotOptions {
    const char* title = nullptr;
    Legend legend = Legend::TopRight;
    bool hover_readout = true;  // vertical cursor and tooltip while the mouse is over the plot
};

// Lays out a plot of `size` (x <= 0 / y <= 0 as in ImGui::CalcItemSize: 0 = full width / 240 px
// tall, negative = that far from the right / bottom edge) and draws title, axes, grid and tick
// labels. Returns false when the plot is scrolled out of view or another plot is open: then
// draw no items and do not call end_plot.
bool begin_plot(const char* id, ImVec2 size, const AxisSpec& x, const AxisSpec& y, const PlotOptions& options = {});

// A series through (xs[i], ys[i]). Labels starting with "##" (or text after "##") stay out of
// the legend and read-out, as in ImGui. A lone point between gaps is drawn as a dot.
void line(const char* label, const double* xs, const double* ys, int count, ImU32 colour, float thickness = 2.0f,
          bool dashed = false);
// The area between the series and y = 0 (the axis bottom on a log y axis), over x in
// [x_from, x_to] (NaN or infinite = unbounded on that side). Concave shapes and curves that cross
// y = 0 fill exactly: each segment is its own quad (two triangles where it crosses). In the
// legend as a swatch, not in the read-out.
void fill_under(const char* label, const double* xs, const double* ys, int count, double x_from, double x_to,
                ImU32 colour);
// The same between two series sharing xs (a band).
void fill_between(const char* label, const double* xs, const double* ys_a, const double* ys_b, int count,
                  double x_from, double x_to, ImU32 colour);
// A point with dashed guide lines to the x and y axes and its label beside it.
void marker(double x, double y, ImU32 colour, const char* label);
// Reference lines across the plot, labelled at the right end / top (label in `colour`).
// The labels of markers and lines are placed by end_plot, clear of the legend and of each
// other where the area allows; null or "##..." for none.
void hline(double y, ImU32 colour, const char* label, bool dashed = false);
void vline(double x, ImU32 colour, const char* label, bool dashed = false);

// Draws the legend and, while hovered, the cursor line, a dot on each series and the read-out.
void end_plot();

// ---- what the last frames drew (for tests and callers that want to react to hovering) ----

constexpr int kMaxLegendEntries = 12;
constexpr int kLabelCapacity = 48;

struct PlotInfo {
    ImGuiID id = 0;      // the ImGui id of begin_plot's `id` in its window
    int frame = -1;      // ImGui::GetFrameCount() when it was drawn
    ImVec2 frame_min, frame_max;  // the whole widget
    ImVec2 area_min, area_max;    // the data area (the clip rectangle of the items)
    AxisMap x, y;
    int x_ticks = 0, y_ticks = 0;
    int legend_entries = 0;
};

struct HoverValue {
    char label[kLabelCapacity] = "";
    ImU32 colour = 0;
    double y = 0;      // NaN when the series has no value at x
    char text[32] = "";  // y as the read-out writes it
};

struct HoverReadout {
    ImGuiID plot = 0;
    int frame = -1;    // ImGui::GetFrameCount() when the mouse was last over a plot's area
    double x = 0;      // data x under the mouse
    char x_text[32] = "";
    int count = 0;     // series in `values`
    HoverValue values[kMaxLegendEntries];
};

// The plots of the current frame that are wholly on screen (display coordinates, CSS px),
// with their titles: what "Download plots (PNG)" captures after the frame is drawn.
struct DrawnPlot {
    ImVec2 min, max;
    char title[kLabelCapacity];  // fixed: a warmed-up frame allocates nothing
};
const std::vector<DrawnPlot>& plots_on_screen();

const PlotInfo& last_plot();        // the plot ended last
const HoverReadout& last_hover();   // the read-out of the plot hovered last

}  // namespace mlwb::ui::plot
