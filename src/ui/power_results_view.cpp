// The answer of the Experiment power panel: large copyable numbers with the method named,
// the group-sequential boundaries, three plots and the formula with the user's numbers.
#include <cmath>
#include <string>

#include "fonts.hpp"
#include "imgui.h"
#include "plot.hpp"
#include "power/explain.hpp"
#include "power_views.hpp"
#include "theme.hpp"
#include "util/format.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

using namespace power;

namespace {

std::string percent(double fraction, int digits = 4) { return format_significant(100 * fraction, digits) + " %"; }

// A headline number with its unit and a button that copies the number.
void big_number(const char* id, const std::string& value, const char* unit) {
    const float top = ImGui::GetCursorPosY();
    ImGui::PushFont(fonts().headline);
    ImGui::TextUnformatted(value.c_str());
    const float headline_size = ImGui::GetFontSize();
    ImGui::PopFont();
    ImGui::SameLine();
    // Sit the label on the number's baseline rather than at its top.
    ImGui::SetCursorPosY(top + (headline_size - ImGui::GetFontSize()) * 0.78f);
    ImGui::TextUnformatted(unit);
    ImGui::SameLine();
    ImGui::PushID(id);
    if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(value.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy %s to the clipboard", value.c_str());
    ImGui::PopID();
}

std::string effect_text(const PowerInputs& in, const PowerResult& r) {
    const double base = r.model.baseline;
    if (in.metric == Metric::Proportion)
        return percent(base, 6) + " \xE2\x86\x92 " + percent(base + r.effect, 6) + " (" + (r.effect >= 0 ? "+" : "") +
               format_significant(100 * r.effect, 4) + " points, " + (r.effect_relative >= 0 ? "+" : "") +
               percent(r.effect_relative) + " relative)";
    std::string s = (r.effect >= 0 ? "+" : "") + format_significant(r.effect, 5);
    if (std::isfinite(r.effect_relative)) s += " (" + std::string(r.effect_relative >= 0 ? "+" : "") + percent(r.effect_relative) + " of " + format_significant(base, 5) + ")";
    return s;
}

void draw_answer(const PowerInputs& in, const PowerResult& r) {
    switch (in.solve) {
        case Solve::SampleSize:
            big_number("n", format_grouped(r.n_per_arm_ceil), in.sequential == Sequential::Fixed ? "units per arm" : "units per arm (maximum)");
            break;
        case Solve::Mde:
            big_number("mde", in.metric == Metric::Proportion ? format_significant(100 * r.effect, 4) + " points"
                                                              : format_significant(r.effect, 5),
                       "minimum detectable effect");
            break;
        case Solve::Power: big_number("power", percent(r.power, 4), "power"); break;
    }
    // Total and duration: bold, copyable, one line each.
    const int arms = 1 + in.variants;
    const std::string total = format_grouped(r.n_total_ceil);
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(total.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextUnformatted(in.variants == 1 ? ("units in total: " + format_grouped(r.n_per_arm_ceil) + " control + " +
                                               format_grouped(r.n_treatment_ceil) + " treatment").c_str()
                                            : ("units in total: " + format_grouped(r.n_per_arm_ceil) + " control + " +
                                               std::to_string(in.variants) + " \xC3\x97 " + format_grouped(r.n_treatment_ceil) +
                                               " treatment (" + std::to_string(arms) + " arms)").c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy##total")) ImGui::SetClipboardText(total.c_str());
    ImGui::PushFont(fonts().bold);
    ImGui::Text("%s %s", format_grouped(r.days).c_str(), r.days == 1 ? "day" : "days");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::Text("= %lld %s at %s units a day", static_cast<long long>(r.weeks), r.weeks == 1 ? "week" : "weeks",
                format_grouped(std::llround(r.units_per_day)).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy##days")) ImGui::SetClipboardText(std::to_string(r.days).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Whole weeks cover every weekday equally (weekly seasonality).");

    const MethodInfo method = method_info(in);
    muted_text(std::string(method.name) + " \xE2\x80\x94 reproduces " + method.reference + ". " +
               (r.model.tails == 2 ? "Two-sided" : "One-sided") + ", \xCE\xB1 = " + format_significant(r.model.alpha_test, 4) +
               (in.variants > 1 ? " per comparison" : "") + ", power " + percent(r.power, 4) + ".");
    muted_text("Detects " + effect_text(in, r) + ".");
    if (in.solve == Solve::Mde && in.metric == Metric::Proportion)
        muted_text(std::isfinite(r.effect_decrease)
                       ? "Downward: " + format_significant(100 * r.effect_decrease, 4) + " points (" +
                             percent(r.effect_decrease / r.model.baseline) + " relative); a rate's variance depends on it, so the two differ."
                       : "No decrease is detectable with this sample.");
    if (in.solve == Solve::SampleSize && in.sequential == Sequential::Fixed)
        muted_text("Exact root n = " + format_significant(r.n_per_arm, 10) + "; rounded up to whole units.");
}

void draw_sequential(const PowerInputs& in, const PowerResult& r) {
    if (in.sequential == Sequential::AlwaysValid) {
        muted_text("Always valid (mixture SPRT, \xCF\x84 = " + format_significant(r.always_valid_tau, 4) +
                   "): peek at any time; reject when |z| \xE2\x89\xA5 " + format_significant(r.always_valid_z, 4) + " at the planned n (the "
                   "boundary grows slowly with n). The n shown gives the power at the last look alone, so it is conservative; "
                   "fixed design: " + format_grouped(static_cast<std::int64_t>(std::ceil(r.n_fixed))) + " per arm.");
        return;
    }
    if (r.looks().empty()) return;
    if (in.solve == Solve::Power)
        muted_text("Boundaries of the " + std::to_string(r.looks().size()) + " looks; the last at " +
                   format_grouped(static_cast<std::int64_t>(std::ceil(r.n_per_arm))) + " per arm.");
    else
        muted_text("Maximum " + format_significant(r.inflation, 4) + " \xC3\x97 the fixed design (" +
               format_grouped(static_cast<std::int64_t>(std::ceil(r.n_fixed))) + " per arm). Expected if the effect is real: " +
               format_grouped(std::llround(r.expected_n_h1)) + " per arm, about " + format_significant(r.expected_days, 3) + " days.");
    // Inside the card's right padding (a table is as wide as its outer size, not the wrap width).
    const ImVec2 table_size(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize(), 0);
    if (ImGui::BeginTable("looks", 5, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH,
                          table_size)) {
        for (const char* h : {"look", "units per arm", "z boundary", "nominal p", "stop chance"}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (std::size_t k = 0; k < r.looks().size(); ++k) {
            const auto& l = r.looks()[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%zu", k + 1);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_grouped(static_cast<std::int64_t>(std::ceil(l.information * r.n_per_arm * (1 - 1e-12)))).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_significant(l.z_boundary, 4).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_significant(l.nominal_p, 3).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::isfinite(l.stop_prob_h1) ? percent(l.stop_prob_h1, 3).c_str() : "\xE2\x80\x93");
        }
        ImGui::EndTable();
    }
}

void draw_plots(const PowerInputs& in, const PowerResult& r, const PowerCurves& c) {
    const Palette& pal = palette();
    const ImU32 accent = plot::with_alpha(pal.accent);
    const ImU32 muted = plot::with_alpha(pal.muted);
    const ImU32 error = plot::with_alpha(pal.error);
    const float height = ImGui::GetFontSize() * 14.0f;
    const int n_points = static_cast<int>(c.power_vs_n.x.size());

    plot::AxisSpec x{"units per arm (control)", c.power_vs_n.x.front(), c.power_vs_n.x.back(), false, plot::TickFormat::Auto};
    plot::AxisSpec y{"power", 0, 1, false, plot::TickFormat::Percent};
    if (plot::begin_plot("power_vs_n", ImVec2(0, height), x, y, {.title = "Power against sample size"})) {
        plot::line("power", c.power_vs_n.x.data(), c.power_vs_n.y.data(), n_points, accent);
        if (in.solve != Solve::Power) plot::hline(in.power, muted, "goal", true);
        plot::marker(r.n_per_arm, r.power, accent, "this design");
        plot::end_plot();
    }

    const auto& m = c.mde_vs_days;
    double y_max = c.mde_relative ? r.effect / r.model.baseline : r.effect;
    for (double v : m.y)
        if (std::isfinite(v) && v > y_max && v < 10) y_max = v;
    plot::AxisSpec dx{"days", m.x.front(), m.x.back(), false, plot::TickFormat::Auto};
    const std::string mde_label = "MDE at " + percent(in.power, 3) + " power" + (c.mde_relative ? ", relative to the baseline" : "");
    plot::AxisSpec dy{mde_label.c_str(), 0, y_max > 0 ? y_max * 1.05 : 1, false,
                      c.mde_relative ? plot::TickFormat::Percent : plot::TickFormat::Auto};
    if (plot::begin_plot("mde_vs_days", ImVec2(0, height), dx, dy, {.title = "Detectable effect against duration"})) {
        plot::line("MDE", m.x.data(), m.y.data(), static_cast<int>(m.x.size()), accent);
        // The design at the days its (maximum) sample takes, before rounding up to whole days.
        const double mde_now = c.mde_relative ? r.effect / r.model.baseline : r.effect;
        plot::marker(r.planned_days, mde_now, accent, "this design");
        plot::end_plot();
    }

    const auto& h0 = c.null_density;
    const auto& h1 = c.alt_density;
    double peak = 0;
    for (std::size_t i = 0; i < h0.y.size(); ++i) peak = std::fmax(peak, std::fmax(h0.y[i], h1.y[i]));
    plot::AxisSpec zx{"z statistic", h0.x.front(), h0.x.back(), false, plot::TickFormat::Auto};
    plot::AxisSpec zy{nullptr, 0, peak * 1.1, false, plot::TickFormat::Auto};
    // Sequential designs are drawn as the fixed design they are equivalent to at the planned power.
    const char* title = in.sequential == Sequential::Fixed ? "What the test sees: H0 and H1"
                                                           : "What the test sees: H0 and H1 (the equivalent fixed design)";
    if (plot::begin_plot("distributions", ImVec2(0, height), zx, zy, {.title = title, .legend = plot::Legend::TopRight})) {
        const int k = static_cast<int>(h0.x.size());
        const double inf = INFINITY;
        const ImU32 alpha_fill = plot::with_alpha(pal.error, 0.35f);
        const ImU32 beta_fill = plot::with_alpha(pal.muted, 0.3f);
        // beta: H1 mass where the test does not reject; alpha: H0 mass where it does.
        plot::fill_under("\xCE\xB2 (missed)", h1.x.data(), h1.y.data(), k, c.two_sided ? -c.z_crit : -inf, c.z_crit, beta_fill);
        plot::fill_under("\xCE\xB1 (false alarm)", h0.x.data(), h0.y.data(), k, c.z_crit, inf, alpha_fill);
        if (c.two_sided) plot::fill_under("##alpha low", h0.x.data(), h0.y.data(), k, -inf, -c.z_crit, alpha_fill);
        plot::line("H0: no effect", h0.x.data(), h0.y.data(), k, muted);
        plot::line("H1: the effect", h1.x.data(), h1.y.data(), k, accent);
        plot::vline(c.z_crit, error, "critical value", true);
        if (c.two_sided) plot::vline(-c.z_crit, error, "##low critical", true);
        plot::end_plot();
    }
}

void draw_formula(const PowerInputs& in, const PowerResult& r) {
    if (!ImGui::CollapsingHeader("Show the formula")) return;
    for (const auto& step : explain(in, r)) formula_step(step.label, step.text);
}

}  // namespace

void draw_power_results(PowerPanel& panel, const PowerInputs& in) {
    begin_card();
    if (!panel.solved.ok()) {
        for (const auto& e : panel.solved.errors) error_text(e.message);
        muted_text("The last inputs that had an answer are kept in every field; fix the one named above.");
        end_card();
        return;
    }
    const PowerResult& r = panel.solved.value;
    draw_answer(in, r);
    draw_sequential(in, r);
    end_card();
    ImGui::Spacing();
    draw_plots(in, r, panel.curves);
    draw_formula(in, r);
}

}  // namespace mlwb::ui
