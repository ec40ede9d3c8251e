#define IMGUI_DEFINE_MATH_OPERATORS
#include "plot.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "fonts.hpp"
#include "imgui_internal.h"
#include "theme.hpp"

namespace mlwb::ui::plot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kHuge = 1e300;  // range ends are clamped to this, so spans stay finite
constexpr double kTiny = 1e-290; // below this a value counts as 0 when widening an empty range
constexpr double kFar = 1e5;     // pixels beyond the area that points are clamped to
constexpr int kMaxTicks = 12;
constexpr std::size_t kMaxRun = 4096;  // points per AddPolyline call (ImGui's temp buffers stay small)

// ---- numbers -----------------------------------------------------------------------------

// 10^k, correctly rounded for |k| <= 22 (exact products, one division), so that ticks like 0.3
// come out as the double nearest 0.3 rather than 3 * 0.1.
double pow10i(int k) {
    if (k < -22 || k > 22) return std::pow(10.0, k);
    double p = 1;
    for (int i = 0; i < (k < 0 ? -k : k); ++i) p *= 10;
    return k < 0 ? 1 / p : p;
}

// m x 10^e with the same care.
double scaled(double m, int e) { return e < 0 ? m / pow10i(-e) : m * pow10i(e); }

double clamp_abs(double v, double limit) { return std::min(std::max(v, -limit), limit); }

// Like std::clamp, but defined when lo > hi (a widget narrower than its label): lo wins.
float clamp_to(float v, float lo, float hi) { return std::max(lo, std::min(v, hi)); }

// Decimals a label needs to tell apart values `step` apart (0.05 -> 2, 5 -> 0).
int decimals_for(double step) {
    if (!(step > 0) || !std::isfinite(step)) return 0;
    const double d = -std::floor(std::log10(step) + 1e-9);
    return static_cast<int>(std::clamp(d, 0.0, 15.0));
}

// ---- tick labels -------------------------------------------------------------------------

// printf("%.*f") without trailing zeros, and never "-0".
void write_fixed(char* out, std::size_t size, double v, int decimals) {
    std::snprintf(out, size, "%.*f", decimals, v);
    if (std::strchr(out, '.')) {
        char* end = out + std::strlen(out);
        while (end > out && end[-1] == '0') *--end = '\0';
        if (end > out && end[-1] == '.') *--end = '\0';
    }
    if (std::strcmp(out, "-0") == 0) std::strcpy(out, "0");
}

// "1.5e-7", "2e16": %e with the mantissa trimmed and the exponent without '+' or leading zeros.
void write_scientific(char* out, std::size_t size, double v, double step) {
    const double a = std::fabs(v);
    const double wanted = a > 0 && step > 0 ? std::floor(std::log10(a)) - std::floor(std::log10(step) + 1e-9) : 0;
    const int digits = static_cast<int>(std::clamp(wanted, 0.0, 10.0));
    char tmp[48];
    std::snprintf(tmp, sizeof tmp, "%.*e", digits, v);
    char* e = std::strchr(tmp, 'e');
    if (!e) {
        std::snprintf(out, size, "%s", tmp);
        return;
    }
    *e = '\0';
    const int exponent = std::atoi(e + 1);
    char mantissa[48];
    write_fixed(mantissa, sizeof mantissa, std::atof(tmp), digits);
    std::snprintf(out, size, "%se%d", mantissa, exponent);
}

void write_grouped(char* out, std::size_t size, double v, int decimals) {
    char digits[64];
    write_fixed(digits, sizeof digits, v, decimals);
    const char* p = digits;
    const bool negative = *p == '-';
    if (negative) ++p;
    const char* dot = std::strchr(p, '.');
    const std::size_t int_len = dot ? static_cast<std::size_t>(dot - p) : std::strlen(p);
    char grouped[96];
    std::size_t n = 0;
    if (negative) grouped[n++] = '-';
    for (std::size_t i = 0; i < int_len; ++i) {
        if (i > 0 && (int_len - i) % 3 == 0) grouped[n++] = ',';
        grouped[n++] = p[i];
    }
    grouped[n] = '\0';
    std::snprintf(out, size, "%s%s", grouped, dot ? dot : "");
}

void write_compact(char* out, std::size_t size, double v, double step) {
    const double a = std::fabs(v);
    if (a >= 1e15 || step < 1e-6) {
        write_scientific(out, size, v, step);
        return;
    }
    // The suffix follows the value as it will be shown, so 999.96 with step 0.1 is "1k".
    const double q = pow10i(-decimals_for(step));
    const double shown = std::round(a / q) * q;
    struct Suffix {
        double scale;
        const char* text;
    };
    static const Suffix kSuffixes[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    for (const Suffix& s : kSuffixes) {
        if (shown >= s.scale) {
            char number[48];
            write_fixed(number, sizeof number, v / s.scale, decimals_for(step / s.scale));
            std::snprintf(out, size, "%s%s", number, s.text);
            return;
        }
    }
    write_fixed(out, size, v, decimals_for(step));
}

// ---- the open plot -----------------------------------------------------------------------

struct Entry {
    char label[kLabelCapacity];
    ImU32 colour;
    bool area;        // legend swatch is a filled square (fills) rather than a line
    double hover_y;   // lines only: y at the cursor
};

// A label placed in end_plot, once the legend's box is known, so that it avoids the legend
// and the labels placed before it.
enum class Anchor { Point, VerticalLine, HorizontalLine };

struct Annotation {
    Anchor anchor;
    float at_x, at_y;  // the point, the line's x, or the line's y
    ImU32 colour;
    char text[kLabelCapacity];
};

constexpr int kMaxAnnotations = 16;

struct State {
    bool open = false;
    ImDrawList* dl = nullptr;
    ImGuiID id = 0;
    ImRect frame, area;
    AxisMap x, y;
    TickFormat x_format = TickFormat::Auto, y_format = TickFormat::Auto;
    char x_label[kLabelCapacity] = "";
    Legend legend = Legend::TopRight;
    bool hovered = false;
    double cursor_x = 0;
    float cursor_px = 0;
    ImFont* font = nullptr;
    float small = 13;  // tick labels and annotations
    ImU32 text = 0, muted = 0, grid = 0, axis = 0, plate = 0, solid_bg = 0;
    Ticks x_ticks, y_ticks;
    char tick_text[kMaxTicks][32] = {};
    float tick_width[kMaxTicks] = {};
    std::vector<ImVec2> points;
    Entry entries[kMaxLegendEntries] = {};
    int entry_count = 0;
    Annotation annotations[kMaxAnnotations] = {};
    int annotation_count = 0;
    PlotInfo info;
    HoverReadout hover;
};

State g;

// The part of a label that is shown: up to "##", as ImGui does.
const char* label_end(const char* label) {
    const char* hash = std::strstr(label, "##");
    return hash ? hash : label + std::strlen(label);
}

ImU32 scale_alpha(ImU32 colour, float factor) {
    const ImU32 a = (colour >> IM_COL32_A_SHIFT) & 0xFF;
    const ImU32 scaled_a = static_cast<ImU32>(static_cast<float>(a) * factor + 0.5f);
    return (colour & ~IM_COL32_A_MASK) | (std::min<ImU32>(scaled_a, 255) << IM_COL32_A_SHIFT);
}

ImVec2 text_size(const char* begin, const char* end = nullptr) {
    return g.font->CalcTextSizeA(g.small, FLT_MAX, 0.0f, begin, end);
}

void small_text(ImVec2 pos, ImU32 colour, const char* begin, const char* end = nullptr) {
    g.dl->AddText(g.font, g.small, ImVec2(std::floor(pos.x), std::floor(pos.y)), colour, begin, end);
}

// Text on a translucent plate, so that it reads over grid lines and curves.
void plated_text(ImVec2 pos, ImU32 colour, const char* begin, const char* end) {
    const ImVec2 size = text_size(begin, end);
    g.dl->AddRectFilled(pos - ImVec2(3, 1), pos + size + ImVec2(3, 1), g.plate, 3.0f);
    small_text(pos, colour, begin, end);
}

// A data point in pixels; false when either coordinate is NaN/inf or not on a log axis.
bool to_screen(double xv, double yv, ImVec2& out) {
    const double px = g.x.to_px(xv), py = g.y.to_px(yv);
    if (!std::isfinite(px) || !std::isfinite(py)) return false;
    out.x = static_cast<float>(std::clamp(px, g.area.Min.x - kFar, g.area.Max.x + kFar));
    out.y = static_cast<float>(std::clamp(py, g.area.Min.y - kFar, g.area.Max.y + kFar));
    return true;
}

// The shown part of a label, cut to fit `out` at a UTF-8 character boundary; false if empty.
bool copy_label(char (&out)[kLabelCapacity], const char* label) {
    out[0] = '\0';
    if (!label) return false;
    std::size_t len = std::min<std::size_t>(static_cast<std::size_t>(label_end(label) - label), kLabelCapacity - 1);
    if (len == kLabelCapacity - 1)
        while (len > 0 && (static_cast<unsigned char>(label[len]) & 0xC0) == 0x80) --len;
    std::memcpy(out, label, len);
    out[len] = '\0';
    return len > 0;
}

void add_annotation(Anchor anchor, float at_x, float at_y, ImU32 colour, const char* label) {
    if (g.annotation_count == kMaxAnnotations) return;
    Annotation& a = g.annotations[g.annotation_count];
    if (!copy_label(a.text, label)) return;
    a.anchor = anchor;
    a.at_x = at_x;
    a.at_y = at_y;
    a.colour = colour;
    ++g.annotation_count;
}

// Places each annotation at the first of its candidate spots that lies inside the area and
// clear of the legend and of the labels already placed (else the first inside, else the first).
void draw_annotations(const ImRect& legend) {
    ImRect placed[kMaxAnnotations];
    const ImRect inner(g.area.Min + ImVec2(3, 2), g.area.Max - ImVec2(3, 2));
    for (int i = 0; i < g.annotation_count; ++i) {
        const Annotation& a = g.annotations[i];
        const ImVec2 size = text_size(a.text);
        ImVec2 spots[4];
        switch (a.anchor) {
            case Anchor::Point:
                spots[0] = ImVec2(a.at_x + 9, a.at_y - 9 - size.y);
                spots[1] = ImVec2(a.at_x - 9 - size.x, a.at_y - 9 - size.y);
                spots[2] = ImVec2(a.at_x + 9, a.at_y + 9);
                spots[3] = ImVec2(a.at_x - 9 - size.x, a.at_y + 9);
                break;
            case Anchor::VerticalLine: {
                const float below_legend = legend.Max.y + 4;
                spots[0] = ImVec2(a.at_x + 5, g.area.Min.y + 3);
                spots[1] = ImVec2(a.at_x - 5 - size.x, g.area.Min.y + 3);
                spots[2] = ImVec2(a.at_x + 5, below_legend);
                spots[3] = ImVec2(a.at_x - 5 - size.x, below_legend);
                break;
            }
            case Anchor::HorizontalLine: {
                const float left_of_legend = legend.Min.x - 6 - size.x;
                spots[0] = ImVec2(g.area.Max.x - 6 - size.x, a.at_y - 4 - size.y);
                spots[1] = ImVec2(g.area.Max.x - 6 - size.x, a.at_y + 4);
                spots[2] = ImVec2(left_of_legend, a.at_y - 4 - size.y);
                spots[3] = ImVec2(left_of_legend, a.at_y + 4);
                break;
            }
        }
        int chosen = -1, first_inside = -1;
        for (int k = 0; k < 4 && chosen < 0; ++k) {
            const ImRect r(spots[k], spots[k] + size);
            if (!inner.Contains(r)) continue;
            if (first_inside < 0) first_inside = k;
            bool clear = !r.Overlaps(legend);
            for (int j = 0; j < i && clear; ++j) clear = !r.Overlaps(placed[j]);
            if (clear) chosen = k;
        }
        if (chosen < 0) chosen = first_inside >= 0 ? first_inside : 0;
        placed[i] = ImRect(spots[chosen], spots[chosen] + size);
        plated_text(spots[chosen], a.colour, a.text, nullptr);
    }
}

Entry* add_entry(const char* label, ImU32 colour, bool area) {
    if (!label) return nullptr;
    char shown[kLabelCapacity];
    if (!copy_label(shown, label)) return nullptr;
    const std::size_t len = std::strlen(shown);
    for (int i = 0; i < g.entry_count; ++i) {
        Entry& e = g.entries[i];
        if (e.area == area && std::strcmp(e.label, shown) == 0) return &e;
    }
    if (g.entry_count == kMaxLegendEntries) return nullptr;
    Entry& e = g.entries[g.entry_count++];
    std::memcpy(e.label, shown, len + 1);
    e.colour = colour;
    e.area = area;
    e.hover_y = kNaN;
    return &e;
}

// A dashed polyline. The dash pattern runs on across vertices, and each dash is one path, so
// dashes bend with the curve. Segments wholly outside the area only advance the pattern.
void dashed_polyline(const ImVec2* p, int n, ImU32 colour, float thickness) {
    constexpr float kDash = 6.0f, kGap = 4.0f;
    ImDrawList* dl = g.dl;
    const ImRect bounds(g.area.Min - ImVec2(4, 4), g.area.Max + ImVec2(4, 4));
    bool on = true;
    float left = kDash;  // of the current dash or gap
    dl->PathClear();
    if (n > 0) dl->PathLineTo(p[0]);
    for (int i = 0; i + 1 < n; ++i) {
        const ImVec2 a = p[i], b = p[i + 1];
        const ImVec2 d = b - a;
        const float len = std::sqrt(d.x * d.x + d.y * d.y);
        if (!(len > 0)) continue;
        const bool outside = (a.x < bounds.Min.x && b.x < bounds.Min.x) || (a.x > bounds.Max.x && b.x > bounds.Max.x) ||
                             (a.y < bounds.Min.y && b.y < bounds.Min.y) || (a.y > bounds.Max.y && b.y > bounds.Max.y);
        if (outside) {
            if (on) dl->PathStroke(colour, 0, thickness);
            float rest = std::fmod(len, kDash + kGap);
            while (rest >= left) {
                rest -= left;
                on = !on;
                left = on ? kDash : kGap;
            }
            left -= rest;
            dl->PathClear();
            if (on) dl->PathLineTo(b);
            continue;
        }
        float pos = 0;
        while (len - pos > left) {
            pos += left;
            const ImVec2 q = a + d * (pos / len);
            dl->PathLineTo(q);
            if (on) dl->PathStroke(colour, 0, thickness);  // ends the dash and clears the path
            else {
                dl->PathClear();
                dl->PathLineTo(q);
            }
            on = !on;
            left = on ? kDash : kGap;
        }
        left -= len - pos;
        if (on) dl->PathLineTo(b);
    }
    if (on) dl->PathStroke(colour, 0, thickness);
    dl->PathClear();
}

void flush_run(ImU32 colour, float thickness, bool dashed) {
    const int n = static_cast<int>(g.points.size());
    if (n == 1) g.dl->AddCircleFilled(g.points[0], std::max(thickness, 1.5f), colour, 8);
    else if (n >= 2 && dashed) dashed_polyline(g.points.data(), n, colour, thickness);
    else if (n >= 2) g.dl->AddPolyline(g.points.data(), n, colour, 0, thickness);
    g.points.clear();
}

// One column of a filled area between the polylines (a.x, a_top)-(b.x, b_top) and
// (a.x, a_base)-(b.x, b_base): a trapezoid, or two triangles meeting where the lines cross
// (a single quad would fold over itself there). Raw triangles, no anti-aliased fringe: the
// columns share edges exactly, so translucent fills show no seams.
void fill_column(double ax, double a_top, double a_base, double bx, double b_top, double b_base, ImU32 colour,
                 ImVec2 uv) {
    ImDrawList* dl = g.dl;
    const auto v = [](double px, double py) { return ImVec2(static_cast<float>(px), static_cast<float>(py)); };
    const double lo = g.area.Min.y - kFar, hi = g.area.Max.y + kFar;
    a_top = std::clamp(a_top, lo, hi);
    b_top = std::clamp(b_top, lo, hi);
    a_base = std::clamp(a_base, lo, hi);
    b_base = std::clamp(b_base, lo, hi);
    const double da = a_top - a_base, db = b_top - b_base;
    if ((da > 0 && db < 0) || (da < 0 && db > 0)) {
        const double t = da / (da - db);
        const ImVec2 cross = v(ax + t * (bx - ax), a_base + t * (b_base - a_base));
        dl->PrimReserve(12, 8);
        // A quad with its last two corners equal is one triangle (the second is empty).
        dl->PrimQuadUV(v(ax, a_top), cross, v(ax, a_base), v(ax, a_base), uv, uv, uv, uv, colour);
        dl->PrimQuadUV(cross, v(bx, b_top), v(bx, b_base), v(bx, b_base), uv, uv, uv, uv, colour);
    } else {
        dl->PrimReserve(6, 4);
        dl->PrimQuadUV(v(ax, a_top), v(bx, b_top), v(bx, b_base), v(ax, a_base), uv, uv, uv, uv, colour);
    }
}

void fill_area(const char* label, const double* xs, const double* ys, const double* base, int count, double x_from,
               double x_to, ImU32 colour) {
    if (!g.open) return;
    add_entry(label, colour, true);
    if (!xs || !ys || count < 2) return;
    // The x window in pixels; NaN or infinite ends leave that side open.
    double lo = std::isfinite(x_from) ? g.x.to_px(x_from) : kNaN;
    double hi = std::isfinite(x_to) ? g.x.to_px(x_to) : kNaN;
    if (std::isnan(lo)) lo = -kInf;
    if (std::isnan(hi)) hi = kInf;
    if (lo > hi) std::swap(lo, hi);
    lo = std::max(lo, static_cast<double>(g.area.Min.x) - 1);
    hi = std::min(hi, static_cast<double>(g.area.Max.x) + 1);
    if (!(lo < hi)) return;
    // "Under" reaches y = 0, or the bottom of a log axis (which has no 0).
    const double base_const = g.y.log ? g.area.Max.y : g.y.to_px(0.0);
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    for (int i = 0; i + 1 < count; ++i) {
        double ax = g.x.to_px(xs[i]), bx = g.x.to_px(xs[i + 1]);
        double at = g.y.to_px(ys[i]), bt = g.y.to_px(ys[i + 1]);
        double ab = base ? g.y.to_px(base[i]) : base_const, bb = base ? g.y.to_px(base[i + 1]) : base_const;
        if (!std::isfinite(ax) || !std::isfinite(bx) || !std::isfinite(at) || !std::isfinite(bt) || !std::isfinite(ab) ||
            !std::isfinite(bb))
            continue;
        if (ax > bx) {
            std::swap(ax, bx);
            std::swap(at, bt);
            std::swap(ab, bb);
        }
        if (!(bx > lo) || !(ax < hi) || !(bx > ax)) continue;
        if (ax < lo) {  // cut at the window's left edge
            const double t = (lo - ax) / (bx - ax);
            at += t * (bt - at);
            ab += t * (bb - ab);
            ax = lo;
        }
        if (bx > hi) {  // and at its right edge
            const double t = (hi - ax) / (bx - ax);
            bt = at + t * (bt - at);
            bb = ab + t * (bb - ab);
            bx = hi;
        }
        fill_column(ax, at, ab, bx, bt, bb, colour, uv);
    }
}

// Where a read-out of this axis needs its last digit: one pixel's worth, as a power of ten.
double readout_step(const AxisMap& m, double px) {
    const double d = std::fabs(m.from_px(px + 1) - m.from_px(px));
    if (!(d > 0) || !std::isfinite(d)) return 0;
    return pow10i(static_cast<int>(std::floor(std::log10(d))));
}

// nice_ticks with a soft budget: one tick alone does not show a scale, so allow up to two more
// than the budget rather than that (e.g. [0.6, 1.2] has 0.6 ... 1.2 by 0.2, or only 1 by 0.5).
void axis_ticks(double min, double max, bool log, int budget, Ticks& out) {
    nice_ticks(min, max, budget, log, out);
    for (int extra = 1; extra <= 2 && out.values.size() < 2; ++extra) nice_ticks(min, max, budget + extra, log, out);
}

// Layout of the x tick labels: as many as fit without crowding each other.
void layout_x_ticks(double min, double max, bool log, TickFormat format, float width) {
    // A generous budget: the crowding check below thins it to what the labels allow.
    int max_count = std::clamp(static_cast<int>(width / (g.small * 3.5f)), 2, kMaxTicks - 2);
    for (int attempt = 0; attempt < 6; ++attempt) {
        axis_ticks(min, max, log, max_count, g.x_ticks);
        const int n = static_cast<int>(g.x_ticks.values.size());
        for (int i = 0; i < n; ++i) {
            format_tick(g.tick_text[i], sizeof g.tick_text[i], g.x_ticks.values[i], g.x_ticks.log ? 0 : g.x_ticks.step,
                        format);
            g.tick_width[i] = text_size(g.tick_text[i]).x;
        }
        bool crowded = false;
        for (int i = 0; i + 1 < n && !crowded; ++i) {
            const double gap = g.x.to_px(g.x_ticks.values[i + 1]) - g.x.to_px(g.x_ticks.values[i]);
            crowded = gap < 0.5 * (g.tick_width[i] + g.tick_width[i + 1]) + g.small;
        }
        if (!crowded || n <= 2) return;
        max_count = n - 1;
    }
}

}  // namespace

// ---- pure helpers ------------------------------------------------------------------------

Range sanitize_range(double min, double max, bool log) {
    if (log) {
        const bool min_ok = std::isfinite(min) && min > 0, max_ok = std::isfinite(max) && max > 0;
        if (!min_ok && !max_ok) return {1, 10};
        // A log axis cannot reach 0: a missing end becomes three decades from the other.
        if (!min_ok) min = std::min(max, kHuge) * 1e-3;
        if (!max_ok) max = min * 1e3;
        min = std::clamp(min, kTiny, kHuge);
        max = std::clamp(max, kTiny, kHuge);
        if (min > max) std::swap(min, max);
        if (max / min < 1 + 1e-9) {  // one value: a decade around it
            const double c = std::sqrt(min) * std::sqrt(max);
            min = std::max(c / std::sqrt(10.0), kTiny);
            max = std::min(c * std::sqrt(10.0), kHuge);
        }
        return {min, max};
    }
    const bool min_ok = std::isfinite(min), max_ok = std::isfinite(max);
    if (!min_ok && !max_ok) return {0, 1};
    if (!min_ok) min = max;
    if (!max_ok) max = min;
    min = clamp_abs(min, kHuge);
    max = clamp_abs(max, kHuge);
    if (min > max) std::swap(min, max);
    const double magnitude = std::max(std::fabs(min), std::fabs(max));
    if (magnitude < kTiny) return {-0.5, 0.5};  // all but 0: too small for ticks to resolve
    if (max - min <= magnitude * 1e-12) {       // one value: widen around it
        const double c = 0.5 * (min + max);
        const double half = std::fabs(c) * 0.1;
        return {c - half, c + half};
    }
    return {min, max};
}

namespace {

void linear_ticks(double min, double max, int max_count, Ticks& out) {
    const double raw = (max - min) / max_count;
    const int e = static_cast<int>(std::floor(std::log10(raw)));
    static const double kMantissas[] = {1, 2, 5};
    // Densest first: 1, 2, 5 x 10^e, then x 10^(e+1)...; with step >= 2 raw at most max_count
    // ticks fit, which the sequence reaches within six steps.
    // With max_count 1 a step can fit by leaving no tick inside: then a coarser step that hits
    // one is better, if there is one.
    int chosen = -1;
    for (int k = 0; k < 12; ++k) {
        const double step = scaled(kMantissas[k % 3], e + k / 3);
        const double first = std::ceil(min / step - 1e-9), last = std::floor(max / step + 1e-9);
        if (last - first + 1 > max_count) continue;
        if (chosen < 0) chosen = k;
        if (last >= first) {
            chosen = k;
            break;
        }
    }
    if (chosen < 0) return;
    const double m = kMantissas[chosen % 3];
    const int ek = e + chosen / 3;
    const double step = scaled(m, ek);
    out.step = step;
    const double first = std::ceil(min / step - 1e-9), last = std::floor(max / step + 1e-9);
    const int n = static_cast<int>(last - first + 1);  // <= max_count, checked above
    for (int j = 0; j < n; ++j) out.values.push_back(scaled((first + j) * m, ek));
}

// Ticks at 1, 2, 5 in each decade, or at every 1, 2, 5, 10... decades; false when neither
// gives two ticks (a range inside one decade), which then gets linear ticks.
bool log_ticks(double min, double max, int max_count, Ticks& out) {
    const double lo = std::log10(min), hi = std::log10(max);
    const double below = min * (1 - 1e-9), above = max * (1 + 1e-9);
    const int d0 = static_cast<int>(std::floor(lo)), d1 = static_cast<int>(std::floor(hi));
    static const double kMantissas[] = {1, 2, 5};
    if (d1 - d0 + 1 <= max_count) {
        int n = 0;
        for (int d = d0; d <= d1; ++d)
            for (double m : kMantissas) n += scaled(m, d) >= below && scaled(m, d) <= above;
        if (n >= 2 && n <= max_count) {
            for (int d = d0; d <= d1; ++d)
                for (double m : kMantissas)
                    if (scaled(m, d) >= below && scaled(m, d) <= above) out.values.push_back(scaled(m, d));
            out.step = 0;
            out.log = true;
            return true;
        }
    }
    for (int k = 0; k < 12; ++k) {
        const double decades = scaled(kMantissas[k % 3], k / 3);
        const double first = std::ceil(lo / decades - 1e-9), last = std::floor(hi / decades + 1e-9);
        if (last - first + 1 > max_count) continue;
        if (last - first + 1 < 2) return false;
        const int n = static_cast<int>(last - first + 1);
        for (int j = 0; j < n; ++j) out.values.push_back(pow10i(static_cast<int>((first + j) * decades)));
        out.step = decades;
        out.log = true;
        return true;
    }
    return false;
}

}  // namespace

void nice_ticks(double min, double max, int max_count, bool log, Ticks& out) {
    out.values.clear();
    out.step = 0;
    out.log = false;
    if (max_count <= 0) return;
    max_count = std::min(max_count, 1000);
    const Range r = sanitize_range(min, max, log);
    if (log && log_ticks(r.min, r.max, max_count, out)) return;
    out.values.clear();
    linear_ticks(r.min, r.max, max_count, out);
}

Ticks nice_ticks(double min, double max, int max_count, bool log) {
    Ticks t;
    nice_ticks(min, max, max_count, log, t);
    return t;
}

int format_tick(char* buf, int size, double value, double step, TickFormat format) {
    if (!buf || size <= 0) return 0;
    char text[96];
    if (!std::isfinite(value)) {
        std::snprintf(text, sizeof text, "\xE2\x80\x93");
    } else {
        if (std::fabs(value) < 1e-300) value = 0;  // subnormals read as 0
        if (!(step > 0) || !std::isfinite(step))
            step = value == 0 ? 1 : pow10i(static_cast<int>(std::floor(std::log10(std::fabs(value)))));
        if (std::fabs(value) < step * 1e-6) value = 0;  // 1e-17 from rounding is a 0 tick
        switch (format) {
            case TickFormat::Percent: {
                char number[64];
                const double percent = value * 100, percent_step = step * 100;
                if (std::fabs(percent) >= 1e15 || percent_step < 1e-6) write_scientific(number, sizeof number, percent, percent_step);
                else write_fixed(number, sizeof number, percent, decimals_for(percent_step));
                std::snprintf(text, sizeof text, "%s %%", number);
                break;
            }
            case TickFormat::Grouped:
                if (std::fabs(value) >= 1e15 || step < 1e-6) write_scientific(text, sizeof text, value, step);
                else write_grouped(text, sizeof text, value, decimals_for(step));
                break;
            case TickFormat::Auto: write_compact(text, sizeof text, value, step); break;
        }
    }
    std::size_t len = std::strlen(text);
    if (len > static_cast<std::size_t>(size - 1)) len = static_cast<std::size_t>(size - 1);
    std::memcpy(buf, text, len);
    buf[len] = '\0';
    return static_cast<int>(len);
}

std::string format_tick(double value, double step, TickFormat format) {
    char buf[96];
    format_tick(buf, sizeof buf, value, step, format);
    return buf;
}

double AxisMap::to_px(double v) const {
    const double t = log ? (v > 0 ? std::log10(v) : kNaN) : v;
    return px_min + (t - origin) * scale;
}

double AxisMap::from_px(double px) const {
    if (scale == 0) return min;
    const double t = origin + (px - px_min) / scale;
    return log ? std::pow(10.0, t) : t;
}

AxisMap map_axis(double min, double max, bool log, double px_min, double px_max) {
    const Range r = sanitize_range(min, max, log);
    AxisMap m;
    m.min = r.min;
    m.max = r.max;
    m.log = log;
    m.px_min = px_min;
    m.px_max = px_max;
    m.origin = log ? std::log10(r.min) : r.min;
    const double extent = (log ? std::log10(r.max) : r.max) - m.origin;
    m.scale = (px_max - px_min) / extent;
    return m;
}

double interpolate_y(const double* xs, const double* ys, int count, double x, bool log_x) {
    if (!xs || !ys || count < 1 || !std::isfinite(x) || (log_x && !(x > 0))) return kNaN;
    for (int i = 0; i < count; ++i) {
        if (xs[i] == x && std::isfinite(ys[i])) return ys[i];
        if (i + 1 == count) break;
        const double x0 = xs[i], x1 = xs[i + 1];
        if (!((x0 <= x && x <= x1) || (x1 <= x && x <= x0))) continue;  // also skips NaN ends
        const double y0 = ys[i], y1 = ys[i + 1];
        if (!std::isfinite(y0) || !std::isfinite(y1) || !std::isfinite(x0) || !std::isfinite(x1)) continue;
        const double t = log_x ? (std::log10(x) - std::log10(x0)) / (std::log10(x1) - std::log10(x0)) : (x - x0) / (x1 - x0);
        if (!std::isfinite(t)) continue;
        return y0 + t * (y1 - y0);
    }
    return kNaN;
}

ImU32 with_alpha(const ImVec4& colour, float alpha) {
    return ImGui::GetColorU32(ImVec4(colour.x, colour.y, colour.z, colour.w * alpha));
}

// ---- drawing -----------------------------------------------------------------------------

struct OnScreen {
    int frame = -1;
    std::vector<DrawnPlot> plots;
} g_on_screen;

void record_on_screen(const ImRect& frame, const ImGuiWindow* window, const char* title) {
    const int now = ImGui::GetFrameCount();
    if (g_on_screen.frame != now) {
        g_on_screen.frame = now;
        g_on_screen.plots.clear();  // keeps its capacity
    }
    if (!window->ClipRect.Contains(frame)) return;  // partly scrolled away: not a whole picture
    DrawnPlot& plot = g_on_screen.plots.emplace_back();
    plot.min = frame.Min;
    plot.max = frame.Max;
    copy_label(plot.title, title && label_end(title) != title ? title : "Plot");
}

bool begin_plot(const char* id, ImVec2 size, const AxisSpec& x, const AxisSpec& y, const PlotOptions& options) {
    if (g.open) return false;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    const ImVec2 frame_size = ImMax(ImGui::CalcItemSize(size, ImGui::GetContentRegionAvail().x, 240.0f), ImVec2(1, 1));
    const ImRect frame(window->DC.CursorPos, window->DC.CursorPos + frame_size);
    ImGui::ItemSize(frame);
    // No id for the item: the plot takes no keyboard focus and claims no clicks.
    if (!ImGui::ItemAdd(frame, 0)) return false;
    const bool item_hovered = options.hover_readout && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    record_on_screen(frame, window, options.title);

    g.id = window->GetID(id ? id : "plot");
    g.dl = window->DrawList;
    g.frame = frame;
    g.font = ImGui::GetFont();
    const float font_size = ImGui::GetFontSize();
    g.small = std::floor(font_size * 0.87f + 0.5f);
    g.x_format = x.format;
    g.y_format = y.format;
    g.legend = options.legend;
    g.entry_count = 0;
    g.annotation_count = 0;
    copy_label(g.x_label, x.label);

    const Palette& pal = palette();
    g.text = ImGui::GetColorU32(ImGuiCol_Text);
    g.muted = pal.muted.w > 0 ? with_alpha(pal.muted) : ImGui::GetColorU32(ImGuiCol_TextDisabled);
    g.grid = ImGui::GetColorU32(ImGuiCol_Border, 0.45f);
    g.axis = ImGui::GetColorU32(ImGuiCol_Border);
    const ImVec4 bg = pal.card_bg.w > 0 ? pal.card_bg : ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    g.plate = with_alpha(bg, 0.85f);
    g.solid_bg = with_alpha(bg);
    ImDrawList* dl = g.dl;

    // Rows from the top: title, y axis label, half a tick label; from the bottom: x axis label,
    // tick labels.
    float top = frame.Min.y;
    if (options.title && label_end(options.title) != options.title) {
        ImFont* bold = fonts().bold ? fonts().bold : g.font;
        dl->AddText(bold, font_size, ImVec2(frame.Min.x, top), g.text, options.title, label_end(options.title));
        top += font_size + 6;
    }
    if (y.label && label_end(y.label) != y.label) {
        small_text(ImVec2(frame.Min.x, top), g.muted, y.label, label_end(y.label));
        top += g.small + 4;
    }
    top += std::floor(g.small * 0.5f);
    float bottom = frame.Max.y - (g.small + 6);
    if (g.x_label[0]) bottom -= g.small + 4;
    top = std::floor(top);
    bottom = std::floor(std::max(bottom, top + 1));

    // y ticks first: their labels' width decides where the area starts.
    g.y = map_axis(y.min, y.max, y.log, bottom, top);
    axis_ticks(y.min, y.max, y.log, std::clamp(static_cast<int>((bottom - top) / (g.small * 2.0f)), 2, kMaxTicks - 2),
               g.y_ticks);
    const int ny = static_cast<int>(g.y_ticks.values.size());
    float label_w = 0;
    for (int i = 0; i < ny; ++i) {
        format_tick(g.tick_text[i], sizeof g.tick_text[i], g.y_ticks.values[i], g.y_ticks.log ? 0 : g.y_ticks.step,
                    y.format);
        g.tick_width[i] = text_size(g.tick_text[i]).x;
        label_w = std::max(label_w, g.tick_width[i]);
    }
    const float left = std::floor(frame.Min.x + label_w + 6);
    const float right = std::floor(std::max(frame.Max.x - 6, left + 1));
    g.area = ImRect(ImVec2(left, top), ImVec2(right, bottom));
    g.x = map_axis(x.min, x.max, x.log, left, right);

    // Horizontal grid and y labels (their text is still in tick_text).
    for (int i = 0; i < ny; ++i) {
        const float py = std::floor(static_cast<float>(g.y.to_px(g.y_ticks.values[i]))) + 0.5f;
        dl->AddLine(ImVec2(left, py), ImVec2(right, py), g.grid);
        const float ty = clamp_to(py - g.small * 0.5f, frame.Min.y, frame.Max.y - g.small);
        small_text(ImVec2(left - 6 - g.tick_width[i], ty), g.muted, g.tick_text[i]);
    }
    layout_x_ticks(x.min, x.max, x.log, x.format, right - left);
    const int nx = static_cast<int>(g.x_ticks.values.size());
    for (int i = 0; i < nx; ++i) {
        const float px = std::floor(static_cast<float>(g.x.to_px(g.x_ticks.values[i]))) + 0.5f;
        dl->AddLine(ImVec2(px, top), ImVec2(px, bottom), g.grid);
        const float tx = clamp_to(px - g.tick_width[i] * 0.5f, frame.Min.x, frame.Max.x - g.tick_width[i]);
        small_text(ImVec2(tx, bottom + 4), g.muted, g.tick_text[i]);
    }
    dl->AddLine(ImVec2(left + 0.5f, top), ImVec2(left + 0.5f, bottom + 0.5f), g.axis);
    dl->AddLine(ImVec2(left, bottom + 0.5f), ImVec2(right, bottom + 0.5f), g.axis);
    if (g.x_label[0]) {
        const float w = text_size(g.x_label).x;
        const float tx = clamp_to(0.5f * (left + right - w), frame.Min.x, frame.Max.x - w);
        small_text(ImVec2(tx, frame.Max.y - g.small - 1), g.muted, g.x_label);
    }

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    g.hovered = item_hovered && g.area.Contains(mouse);
    g.cursor_px = mouse.x;
    g.cursor_x = g.hovered ? g.x.from_px(mouse.x) : kNaN;

    g.info.id = g.id;
    g.info.frame = ImGui::GetFrameCount();
    g.info.frame_min = frame.Min;
    g.info.frame_max = frame.Max;
    g.info.area_min = g.area.Min;
    g.info.area_max = g.area.Max;
    g.info.x = g.x;
    g.info.y = g.y;
    g.info.x_ticks = nx;
    g.info.y_ticks = ny;
    g.info.legend_entries = 0;

    dl->PushClipRect(g.area.Min, g.area.Max, true);
    g.open = true;
    return true;
}

void line(const char* label, const double* xs, const double* ys, int count, ImU32 colour, float thickness, bool dashed) {
    if (!g.open) return;
    Entry* entry = add_entry(label, colour, false);
    if (!xs || !ys || count <= 0) return;
    g.points.clear();
    // Points closer than half a pixel to the last one add nothing visible; the last of such a
    // stretch is kept so that a run ends where the data does.
    bool pending = false;
    ImVec2 pending_point(0, 0);
    for (int i = 0; i < count; ++i) {
        ImVec2 p;
        if (!to_screen(xs[i], ys[i], p)) {
            if (pending) g.points.push_back(pending_point);
            pending = false;
            flush_run(colour, thickness, dashed);
            continue;
        }
        if (!g.points.empty()) {
            const ImVec2 last = g.points.back();
            if (std::fabs(p.x - last.x) < 0.5f && std::fabs(p.y - last.y) < 0.5f) {
                pending = true;
                pending_point = p;
                continue;
            }
        }
        pending = false;
        g.points.push_back(p);
        if (g.points.size() >= kMaxRun) {  // long series: continue in a new call from this point
            flush_run(colour, thickness, dashed);
            g.points.push_back(p);
        }
    }
    if (pending) g.points.push_back(pending_point);
    flush_run(colour, thickness, dashed);
    if (entry && g.hovered) {
        const double y = interpolate_y(xs, ys, count, g.cursor_x, g.x.log);
        if (std::isfinite(y) || !std::isfinite(entry->hover_y)) entry->hover_y = y;
    }
}

void fill_under(const char* label, const double* xs, const double* ys, int count, double x_from, double x_to,
                ImU32 colour) {
    fill_area(label, xs, ys, nullptr, count, x_from, x_to, colour);
}

void fill_between(const char* label, const double* xs, const double* ys_a, const double* ys_b, int count,
                  double x_from, double x_to, ImU32 colour) {
    if (!ys_b) return;
    fill_area(label, xs, ys_a, ys_b, count, x_from, x_to, colour);
}

void marker(double x, double y, ImU32 colour, const char* label) {
    if (!g.open) return;
    ImVec2 p;
    if (!to_screen(x, y, p)) return;
    const ImVec2 guide_points[] = {ImVec2(p.x, g.area.Max.y), p, ImVec2(g.area.Min.x, p.y)};
    dashed_polyline(guide_points, 2, scale_alpha(colour, 0.75f), 1.0f);
    dashed_polyline(guide_points + 1, 2, scale_alpha(colour, 0.75f), 1.0f);
    g.dl->AddCircleFilled(p, 6.0f, g.solid_bg, 16);
    g.dl->AddCircleFilled(p, 4.5f, colour, 16);
    add_annotation(Anchor::Point, p.x, p.y, g.text, label);
}

void hline(double y, ImU32 colour, const char* label, bool dashed) {
    if (!g.open) return;
    const double py_d = g.y.to_px(y);
    if (!std::isfinite(py_d) || py_d < g.area.Min.y - 1 || py_d > g.area.Max.y + 1) return;
    const float py = std::floor(static_cast<float>(py_d)) + 0.5f;
    const ImVec2 ends[] = {ImVec2(g.area.Min.x, py), ImVec2(g.area.Max.x, py)};
    if (dashed) dashed_polyline(ends, 2, colour, 1.5f);
    else g.dl->AddLine(ends[0], ends[1], colour, 1.5f);
    add_annotation(Anchor::HorizontalLine, 0, py, colour, label);
}

void vline(double x, ImU32 colour, const char* label, bool dashed) {
    if (!g.open) return;
    const double px_d = g.x.to_px(x);
    if (!std::isfinite(px_d) || px_d < g.area.Min.x - 1 || px_d > g.area.Max.x + 1) return;
    const float px = std::floor(static_cast<float>(px_d)) + 0.5f;
    const ImVec2 ends[] = {ImVec2(px, g.area.Min.y), ImVec2(px, g.area.Max.y)};
    if (dashed) dashed_polyline(ends, 2, colour, 1.5f);
    else g.dl->AddLine(ends[0], ends[1], colour, 1.5f);
    add_annotation(Anchor::VerticalLine, px, 0, colour, label);
}

void end_plot() {
    if (!g.open) return;
    ImDrawList* dl = g.dl;

    if (g.hovered) {
        const float cx = std::floor(g.cursor_px) + 0.5f;
        dl->AddLine(ImVec2(cx, g.area.Min.y), ImVec2(cx, g.area.Max.y), scale_alpha(g.muted, 0.8f));
        for (int i = 0; i < g.entry_count; ++i) {
            const Entry& e = g.entries[i];
            ImVec2 p;
            if (e.area || !to_screen(g.cursor_x, e.hover_y, p)) continue;
            dl->AddCircleFilled(p, 4.5f, g.solid_bg, 12);
            dl->AddCircleFilled(p, 3.0f, e.colour, 12);
        }
    }

    // Legend: a swatch and label per entry, in a plated box in the chosen corner.
    g.info.legend_entries = g.legend == Legend::Hidden ? 0 : g.entry_count;
    ImRect legend(g.area.Max + ImVec2(1000, 1000), g.area.Max + ImVec2(1000, 1000));  // none: far away
    if (g.info.legend_entries > 0) {
        constexpr float kPad = 6, kSwatch = 16, kInset = 6;
        const float row = g.small + 4;
        float label_w = 0;
        for (int i = 0; i < g.entry_count; ++i) label_w = std::max(label_w, text_size(g.entries[i].label).x);
        const ImVec2 size(kPad + kSwatch + 6 + label_w + kPad, kPad * 2 + row * static_cast<float>(g.entry_count) - 4);
        const bool right = g.legend == Legend::TopRight || g.legend == Legend::BottomRight;
        const bool top = g.legend == Legend::TopRight || g.legend == Legend::TopLeft;
        const ImVec2 min(std::floor(right ? g.area.Max.x - kInset - size.x : g.area.Min.x + kInset),
                         std::floor(top ? g.area.Min.y + kInset : g.area.Max.y - kInset - size.y));
        legend = ImRect(min, min + size);
        dl->AddRectFilled(min, min + size, g.plate, 4.0f);
        dl->AddRect(min, min + size, g.grid, 4.0f);
        for (int i = 0; i < g.entry_count; ++i) {
            const Entry& e = g.entries[i];
            const float y0 = min.y + kPad + row * static_cast<float>(i);
            const float mid = y0 + g.small * 0.5f;
            if (e.area) dl->AddRectFilled(ImVec2(min.x + kPad + 3, mid - 5), ImVec2(min.x + kPad + kSwatch - 3, mid + 5), e.colour, 2.0f);
            else dl->AddLine(ImVec2(min.x + kPad, mid), ImVec2(min.x + kPad + kSwatch, mid), e.colour, 2.5f);
            small_text(ImVec2(min.x + kPad + kSwatch + 6, y0), g.text, e.label);
        }
    }
    draw_annotations(legend);
    dl->PopClipRect();

    if (g.hovered) {
        HoverReadout& h = g.hover;
        h.plot = g.id;
        h.frame = ImGui::GetFrameCount();
        h.x = g.cursor_x;
        format_tick(h.x_text, sizeof h.x_text, h.x, readout_step(g.x, g.cursor_px), g.x_format);
        h.count = 0;
        for (int i = 0; i < g.entry_count; ++i) {
            const Entry& e = g.entries[i];
            if (e.area) continue;
            HoverValue& v = h.values[h.count++];
            std::memcpy(v.label, e.label, sizeof v.label);
            v.colour = e.colour;
            v.y = e.hover_y;
            format_tick(v.text, sizeof v.text, v.y, readout_step(g.y, g.y.to_px(v.y)), g.y_format);
        }
        ImGui::BeginTooltip();
        if (g.x_label[0]) ImGui::Text("%s: %s", g.x_label, h.x_text);
        else ImGui::TextUnformatted(h.x_text);
        for (int i = 0; i < h.count; ++i) {
            const HoverValue& v = h.values[i];
            if (!std::isfinite(v.y)) continue;
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const float line_h = ImGui::GetTextLineHeight();
            ImGui::GetWindowDrawList()->AddRectFilled(pos + ImVec2(0, line_h * 0.25f), pos + ImVec2(line_h * 0.5f, line_h * 0.75f),
                                                      v.colour, 2.0f);
            ImGui::Dummy(ImVec2(line_h * 0.5f, line_h));
            ImGui::SameLine();
            ImGui::Text("%s: %s", v.label, v.text);
        }
        ImGui::EndTooltip();
    }
    g.open = false;
}

const PlotInfo& last_plot() { return g.info; }

const std::vector<DrawnPlot>& plots_on_screen() {
    static const std::vector<DrawnPlot> none;
    return g_on_screen.frame == ImGui::GetFrameCount() ? g_on_screen.plots : none;
}
const HoverReadout& last_hover() { return g.hover; }

}  // namespace mlwb::ui::plot
