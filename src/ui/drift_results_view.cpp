// The Drift lens's answer: the dataset verdict, the column table (sortable by how far each
// score is past its threshold, with a badge and a sparkline), the selected column in detail
// (its own test and threshold, every metric, overlaid histograms, ECDFs with the KS gap, category
// bars, quantiles), the columns x windows heat map, data quality, and the exports.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

#include "drift/stat_tests.hpp"
#include "drift_views.hpp"
#include "fonts.hpp"
#include "imgui.h"
#include "plot.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace mlwb::ui {
namespace {

using drift::ColumnDrift;

std::string num(double v) { return drift::short_number(v); }

std::string pct(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", share * 100);
    return buf;
}

ImU32 drift_cell_colour(double severity) {
    // Below the threshold: a faint accent growing towards it; past it: the error colour.
    if (std::isnan(severity)) return plot::with_alpha(palette().muted, 0.15f);
    if (severity < 1) return plot::with_alpha(palette().accent, 0.10f + 0.35f * float(std::clamp(severity, 0.0, 1.0)));
    return plot::with_alpha(palette().error, 0.55f + 0.45f * float(std::min(1.0, (severity - 1) / 3)));
}

void draw_verdict(DriftPanel& p) {
    const auto& r = p.result;
    begin_card();
    if (p.running) {
        ImGui::TextUnformatted("Comparing...");
        ImGui::ProgressBar(0.0f, ImVec2(-1, 0), "");
    }
    if (p.has_result && r.tested == 0) {
        ImGui::PushFont(fonts().headline);
        ImGui::TextUnformatted("Nothing compared");
        ImGui::PopFont();
        ImGui::TextWrapped("%s", r.columns.empty() ? "The two files share no column names (see Data quality below)."
                                                   : "No column could be compared: hover 'not tested' in the table for why.");
        for (const auto& n : r.notes) muted_text(n);
    } else if (p.has_result) {
        ImGui::PushFont(fonts().headline);
        ImGui::PushStyleColor(ImGuiCol_Text, r.detected ? palette().error : good_colour());
        ImGui::TextUnformatted(r.detected ? "Dataset drift" : "No dataset drift");
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::TextWrapped("%zu of %zu columns drifted (%s; the rule is at least %s).", r.drifted, r.tested,
                           pct(r.share).c_str(), pct(r.drift_share).c_str());
        muted_text("Reference: " + p.reference_source.name + ", " + std::to_string(r.reference_rows) +
                   " rows. Current: " + p.current_source.name + ", " + std::to_string(r.current_rows) + " rows. " +
                   "Computed in " + num(p.analysis_ms) + " ms in this tab.");
        for (const auto& n : r.notes) muted_text(n);
    }
    end_card();
}

void progress_line(DriftPanel& p) {
    if (!p.running || !p.analysis) return;
    ImGui::ProgressBar(float(p.analysis->progress()), ImVec2(-1, 0));
}

// A tiny trend of a column's severity over the windows, or its two display histograms.
void sparkline(const DriftPanel& p, std::size_t column, float width, float height) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::Dummy(ImVec2(width, height));
    const auto& r = p.result;
    if (!r.windows.empty()) {
        const ColumnDrift& c = r.columns[column];
        const std::size_t n = r.windows.size();
        double top = 2.0;
        for (const auto& w : r.windows)
            if (column < w.scores.size()) top = std::max(top, std::min(6.0, drift_severity(c.test, w.scores[column], c.threshold)));
        const float y1 = at.y + height - 1 - float(1.0 / top) * (height - 2);
        dl->AddLine(ImVec2(at.x, y1), ImVec2(at.x + width, y1), plot::with_alpha(palette().error, 0.5f));
        ImVec2 prev;
        for (std::size_t i = 0; i < n; ++i) {
            const double s = column < r.windows[i].scores.size() ? drift_severity(c.test, r.windows[i].scores[column], c.threshold) : NAN;
            if (std::isnan(s)) continue;
            const ImVec2 pt(at.x + (n == 1 ? width / 2 : width * float(i) / float(n - 1)),
                            at.y + height - 1 - float(std::min(s, top) / top) * (height - 2));
            if (i > 0) dl->AddLine(prev, pt, plot::with_alpha(palette().accent), 1.5f);
            prev = pt;
        }
        return;
    }
    if (column >= p.result.views.size()) return;
    const drift::ColumnView& v = p.result.views[column];
    const auto& ref = v.kind == drift::ColumnKind::Numeric ? v.reference_share : v.category_reference_share;
    const auto& cur = v.kind == drift::ColumnKind::Numeric ? v.current_share : v.category_current_share;
    if (ref.empty()) return;
    double top = 1e-9;
    for (std::size_t i = 0; i < ref.size(); ++i) top = std::max({top, ref[i], cur[i]});
    const float bw = width / float(ref.size());
    for (std::size_t i = 0; i < ref.size(); ++i) {
        const float x = at.x + bw * float(i);
        dl->AddRectFilled(ImVec2(x, at.y + height - float(ref[i] / top) * height), ImVec2(x + bw, at.y + height),
                          plot::with_alpha(palette().muted, 0.45f));
        const float yc = at.y + height - float(cur[i] / top) * height;
        dl->AddLine(ImVec2(x, yc), ImVec2(x + bw, yc), plot::with_alpha(palette().accent), 1.5f);
    }
}

void draw_column_table(DriftPanel& p) {
    auto& r = p.result;
    std::vector<std::size_t> order(r.columns.size());
    std::iota(order.begin(), order.end(), 0);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("drift_columns", 5, flags)) return;
    ImGui::TableSetupColumn("Column", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Test", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort |
                                         ImGuiTableColumnFlags_PreferSortDescending, 1.6f);
    ImGui::TableSetupColumn("Drift", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn(r.windows.empty() ? "Shape" : "Over time", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 1.4f);
    ImGui::TableHeadersRow();
    int sort_column = 2;
    bool ascending = false;
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
        sort_column = specs->Specs[0].ColumnIndex;
        ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    }
    auto severity = [&](std::size_t i) {
        const auto& c = r.columns[i];
        const double s = c.skipped.empty() ? drift_severity(c.test, c.score, c.threshold) : NAN;
        return std::isnan(s) ? -1.0 : s;
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        bool less;
        switch (sort_column) {
        case 0: less = r.columns[a].name < r.columns[b].name; break;
        case 1: less = std::string(drift::stat_test_info(r.columns[a].test).key) < drift::stat_test_info(r.columns[b].test).key; break;
        case 3: less = r.columns[a].drift_detected < r.columns[b].drift_detected; break;
        default: less = severity(a) < severity(b); break;
        }
        return ascending ? less : (!less && (sort_column == 0 ? r.columns[a].name != r.columns[b].name : severity(a) != severity(b)));
    });
    const float line = ImGui::GetTextLineHeight();
    for (std::size_t i : order) {
        const ColumnDrift& c = r.columns[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(c.name.c_str(), p.selected == static_cast<int>(i), ImGuiSelectableFlags_SpanAllColumns)) {
            p.selected = static_cast<int>(i);
            p.selected_window = -1;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s column, %zu vs %zu values", c.type.c_str(), c.n_reference, c.n_current);
        ImGui::TableNextColumn();
        if (!c.skipped.empty()) {
            ImGui::TextDisabled("not tested");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.skipped.c_str());
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            ImGui::PopID();
            continue;
        }
        ImGui::TextUnformatted(drift::stat_test_info(c.test).key);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s%s", drift::stat_test_info(c.test).title, c.test_is_default ? " (Evidently's default for this column)" : " (chosen)");
        ImGui::TableNextColumn();
        ImGui::Text("%s %s %s", num(c.score).c_str(), drift::is_pvalue_test(c.test) ? "vs" : "vs", num(c.threshold).c_str());
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, c.drift_detected ? palette().error : good_colour());
        ImGui::TextUnformatted(c.drift_detected ? "DRIFT" : "ok");
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        sparkline(p, i, std::max(40.0f, ImGui::GetContentRegionAvail().x), line);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// A histogram as a step outline: x at the edges, each bin's share held across it.
void step_series(const std::vector<double>& edges, const std::vector<double>& shares, std::vector<double>& xs,
                 std::vector<double>& ys) {
    xs.clear();
    ys.clear();
    for (std::size_t b = 0; b < shares.size(); ++b) {
        xs.push_back(edges[b]);
        ys.push_back(b == 0 ? 0 : shares[b - 1]);
        xs.push_back(edges[b]);
        ys.push_back(shares[b]);
    }
    xs.push_back(edges.back());
    ys.push_back(shares.back());
    xs.push_back(edges.back());
    ys.push_back(0);
}

void draw_numeric_detail(const drift::ColumnView& v, const ColumnDrift& c) {
    std::vector<double> xr, yr, xc, yc;
    step_series(v.edges, v.reference_share, xr, yr);
    step_series(v.edges, v.current_share, xc, yc);
    double top = 0;
    for (double y : yr) top = std::max(top, y);
    for (double y : yc) top = std::max(top, y);
    plot::AxisSpec x{c.name.c_str(), v.edges.front(), v.edges.back()};
    plot::AxisSpec y{"share of rows", 0, top * 1.1, false, plot::TickFormat::Percent};
    const char* title = v.clipped ? "Distribution (central 99 % of values)" : "Distribution (display bins)";
    if (plot::begin_plot("drift_hist", ImVec2(-1, 220), x, y, {.title = title})) {
        plot::fill_under("reference", xr.data(), yr.data(), int(xr.size()), NAN, NAN, plot::with_alpha(palette().muted, 0.35f));
        plot::line("current", xc.data(), yc.data(), int(xc.size()), plot::with_alpha(palette().accent), 2.0f);
        plot::end_plot();
    }
    // The same central range as the histogram, widened to show the KS gap wherever it is.
    const double lo = std::min(v.edges.front(), v.ks_x), hi = std::max(v.edges.back(), v.ks_x);
    plot::AxisSpec ex{c.name.c_str(), lo, hi};
    plot::AxisSpec ey{"share at or below", 0, 1, false, plot::TickFormat::Percent};
    if (plot::begin_plot("drift_ecdf", ImVec2(-1, 220), ex, ey, {.title = "ECDFs and the KS gap", .legend = plot::Legend::BottomRight})) {
        std::vector<double> sx, sy;
        auto steps = [&](const std::vector<double>& xs, const std::vector<double>& ys) {
            sx.clear();
            sy.clear();
            for (std::size_t i = 0; i < xs.size(); ++i) {
                sx.push_back(xs[i]);
                sy.push_back(i == 0 ? 0 : ys[i - 1]);
                sx.push_back(xs[i]);
                sy.push_back(ys[i]);
            }
        };
        steps(v.ecdf_x_reference, v.ecdf_y_reference);
        plot::line("reference", sx.data(), sy.data(), int(sx.size()), plot::with_alpha(palette().muted), 2.0f);
        steps(v.ecdf_x_current, v.ecdf_y_current);
        plot::line("current", sx.data(), sy.data(), int(sx.size()), plot::with_alpha(palette().accent), 2.0f);
        const double gx[2] = {v.ks_x, v.ks_x}, gy[2] = {v.ks_reference, v.ks_current};
        plot::line("KS gap", gx, gy, 2, plot::with_alpha(palette().error), 3.0f);
        plot::end_plot();
    }
    if (ImGui::BeginTable("quantiles", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableSetupColumn("quantile");
        ImGui::TableSetupColumn("reference");
        ImGui::TableSetupColumn("current");
        ImGui::TableHeadersRow();
        const auto& a = v.reference_quantiles;
        const auto& b = v.current_quantiles;
        const struct { const char* name; double x, y; } rows[] = {
            {"min", a.min, b.min}, {"p5", a.p5, b.p5}, {"p25", a.p25, b.p25}, {"median", a.p50, b.p50},
            {"p75", a.p75, b.p75}, {"p95", a.p95, b.p95}, {"max", a.max, b.max}, {"mean", a.mean, b.mean},
            {"std", a.std, b.std}};
        for (const auto& row : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(num(row.x).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(num(row.y).c_str());
        }
        ImGui::EndTable();
    }
}

void share_bar(double share, double top, ImU32 colour) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x * 0.6f, h = ImGui::GetTextLineHeight() * 0.7f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + 2), ImVec2(at.x + float(share / top) * width, at.y + 2 + h), colour, 2.0f);
    ImGui::Dummy(ImVec2(width, h + 2));
    ImGui::SameLine();
    ImGui::TextUnformatted(pct(share).c_str());
}

void draw_categorical_detail(const drift::ColumnView& v) {
    double top = 1e-9;
    for (std::size_t i = 0; i < v.categories.size(); ++i)
        top = std::max({top, v.category_reference_share[i], v.category_current_share[i]});
    ImGui::TextUnformatted("Share of rows per category: reference (grey) and current (colour)");
    if (!ImGui::BeginTable("categories", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("category", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("shares", ImGuiTableColumnFlags_WidthStretch, 2.5f);
    auto row = [&](const std::string& name, double ref, double cur) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", name.c_str());
        if (ref == 0 && cur > 0) {
            ImGui::SameLine();
            ImGui::TextColored(palette().error, "new");
        }
        ImGui::TableNextColumn();
        share_bar(ref, top, plot::with_alpha(palette().muted, 0.6f));
        share_bar(cur, top, plot::with_alpha(palette().accent));
    };
    for (std::size_t i = 0; i < v.categories.size(); ++i) row(v.categories[i], v.category_reference_share[i], v.category_current_share[i]);
    if (v.other_reference_share > 0 || v.other_current_share > 0) row("(other categories)", v.other_reference_share, v.other_current_share);
    ImGui::EndTable();
}

void draw_metrics_table(const ColumnDrift& c) {
    const struct { const char* name; double value; const char* help; } rows[] = {
        {"KS statistic", c.metrics.ks_statistic, "largest gap between the two ECDFs"},
        {"KS p-value", c.metrics.ks_pvalue, "scipy ks_2samp, exact up to 10,000 rows a side"},
        {"PSI", c.metrics.psi, "population stability index on Evidently's bins"},
        {"KL divergence", c.metrics.kl_divergence, "scipy entropy(reference, current)"},
        {"Jensen-Shannon distance", c.metrics.jensenshannon, "scipy jensenshannon, natural log"},
        {"Wasserstein", c.metrics.wasserstein, "in the column's units"},
        {"Wasserstein (normed)", c.metrics.wasserstein_normed, "divided by the reference's standard deviation"},
        {"chi-square", c.metrics.chi2_statistic, "current counts against reference shares"},
        {"chi-square p-value", c.metrics.chi2_pvalue, ""},
        {"z-test p-value", c.metrics.z_pvalue, "two proportions: first value against the rest"},
        {"Hellinger distance", c.metrics.hellinger, ""},
        {"Anderson-Darling p-value", c.metrics.anderson_pvalue, "scipy anderson_ksamp: capped at 0.25, floored at 0.001"},
        {"Cramer-von Mises p-value", c.metrics.cvm_pvalue, "scipy cramervonmises_2samp"},
        {"energy distance", c.metrics.energy_distance, "scipy energy_distance"},
    };
    if (!ImGui::BeginTable("metrics", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchSame)) return;
    for (const auto& r : rows) {
        if (std::isnan(r.value)) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.name);
        if (r.help[0] && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.help);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(num(r.value).c_str());
    }
    ImGui::EndTable();
}

drift::ColumnSetting* find_setting(state::DriftState& s, const std::string& name) {
    for (auto& c : s.settings.per_column)
        if (c.name == name) return &c;
    return nullptr;
}

bool draw_overrides(DriftPanel& p, state::DriftState& s, const ColumnDrift& c) {
    bool changed = false;
    drift::ColumnSetting* setting = find_setting(s, c.name);
    auto ensure = [&]() -> drift::ColumnSetting& {
        if (!setting) {
            s.settings.per_column.push_back({});
            s.settings.per_column.back().name = c.name;
            setting = &s.settings.per_column.back();
        }
        return *setting;
    };
    field_label("This column's test", "Overrides the default rule and the test chosen for all columns.");
    ImGui::SetNextItemWidth(-1);
    // The column's own test, if it has one (a plain flag: GCC 12 misreads an optional here).
    drift::StatTest chosen = drift::StatTest::Ks;
    bool has_chosen = false;
    if (setting && !setting->test.empty())
        if (const auto t = drift::stat_test_from_key(setting->test)) chosen = *t, has_chosen = true;
    if (ImGui::BeginCombo("##column_test", has_chosen ? drift::stat_test_info(chosen).title : "As for all columns")) {
        if (ImGui::Selectable("As for all columns", !has_chosen) && has_chosen) {
            ensure().test.clear();
            changed = true;
        }
        for (const auto& t : drift::stat_tests()) {
            if (!drift::test_applies(t.id, c.kind)) continue;
            if (ImGui::Selectable(t.title, has_chosen && chosen == t.id)) {
                ensure().test = t.key;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    double threshold = c.threshold;
    const NumberValidator ok = [](double v) -> std::string { return v >= 0 && std::isfinite(v) ? "" : "A number >= 0."; };
    if (draw_number_field("Threshold", "drift.column_threshold", p.column_threshold_field, threshold, ok,
                          "This column's threshold for its test.")) {
        ensure().threshold = threshold;
        changed = true;
    }
    bool as_category = setting && setting->as_category;
    if (c.type == "integer" || c.type == "numeric" || as_category) {
        if (ImGui::Checkbox("Compare values as categories", &as_category)) {
            ensure().as_category = as_category;
            changed = true;
        }
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Leave this column out")) {
        ensure().skip = true;
        changed = true;
    }
    if (setting && ImGui::SmallButton("Reset this column")) {
        s.settings.per_column.erase(s.settings.per_column.begin() + (setting - s.settings.per_column.data()));
        changed = true;
    }
    return changed;
}

bool draw_detail(DriftPanel& p, state::DriftState& s) {
    if (p.selected < 0 || p.selected >= static_cast<int>(p.result.columns.size())) return false;
    const ColumnDrift c = p.result.columns[p.selected];
    bool changed = false;
    begin_card();
    ImGui::PushFont(fonts().bold);
    ImGui::TextWrapped("%s", c.name.c_str());
    ImGui::PopFont();
    if (!c.skipped.empty()) {
        muted_text("Not tested: " + c.skipped);
    } else {
        ImGui::TextWrapped("%s column: %zu reference and %zu current values (%zu and %zu missing dropped), %zu distinct. "
                           "%s: %s against %s, so %s.",
                           c.type.c_str(), c.n_reference, c.n_current, c.reference_dropped, c.current_dropped, c.distinct,
                           drift::stat_test_info(c.test).title, num(c.score).c_str(), num(c.threshold).c_str(),
                           c.drift_detected ? "drift" : "no drift");
        if (!std::isnan(c.pvalue_adjusted)) muted_text("Corrected p-value: " + num(c.pvalue_adjusted));
        if (c.test == drift::StatTest::ChiSquare)
            muted_text("Evidently's chi-square takes the reference shares as exact, so it ignores the reference's own "
                       "sampling noise: with samples of similar size it flags drift far more often than its threshold "
                       "suggests (measured: about 1 in 3 comparisons of two same-distribution samples of 800 rows at 0.05). "
                       "Prefer a larger reference, or Jensen-Shannon or PSI with a threshold you have calibrated.");
        changed |= draw_overrides(p, s, c);
        if (static_cast<std::size_t>(p.selected) < p.result.views.size()) {
            const drift::ColumnView& v = p.result.views[p.selected];
            if (v.kind == drift::ColumnKind::Numeric && !v.edges.empty()) draw_numeric_detail(v, c);
            else if (v.kind == drift::ColumnKind::Categorical) draw_categorical_detail(v);
        }
        draw_metrics_table(c);
    }
    end_card();
    return changed;
}

void draw_heat_map(DriftPanel& p) {
    const auto& r = p.result;
    if (!r.windows_error.empty()) {
        begin_card();
        ImGui::TextUnformatted("Over time");
        error_text(r.windows_error);
        end_card();
        return;
    }
    if (r.windows.empty()) return;
    begin_card();
    ImGui::TextWrapped("Over time: each column in each %s window of '%s' (darker red = further past the threshold; "
                       "click a cell for the column)", r.window.c_str(), r.time_column.c_str());
    const float label_w = ImGui::GetFontSize() * 7.0f;
    const float avail = ImGui::GetContentRegionAvail().x - label_w;
    const std::size_t n = r.windows.size();
    const float cell_w = std::max(6.0f, avail / float(n));
    const float cell_h = ImGui::GetTextLineHeight() + 2;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        const ColumnDrift& col = r.columns[c];
        if (!col.skipped.empty()) continue;
        ImGui::PushID(static_cast<int>(c));
        ImGui::TextUnformatted(col.name.c_str());
        ImGui::SameLine(label_w);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        for (std::size_t w = 0; w < n; ++w) {
            const double score = c < r.windows[w].scores.size() ? r.windows[w].scores[c] : NAN;
            const double sev = drift_severity(col.test, score, col.threshold);
            const ImVec2 a(at.x + cell_w * float(w), at.y), b(a.x + cell_w - 1, a.y + cell_h - 1);
            dl->AddRectFilled(a, b, drift_cell_colour(sev));
            if (r.windows[w].is_reference) dl->AddRect(a, b, plot::with_alpha(palette().muted, 0.8f));
            if (p.selected == static_cast<int>(c) && p.selected_window == static_cast<int>(w))
                dl->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_Text), 0, 0, 2.0f);
        }
        ImGui::InvisibleButton("cells", ImVec2(cell_w * float(n), cell_h));
        if (ImGui::IsItemHovered()) {
            const int w = std::clamp(int((ImGui::GetIO().MousePos.x - at.x) / cell_w), 0, int(n) - 1);
            const double score = c < r.windows[w].scores.size() ? r.windows[w].scores[c] : NAN;
            ImGui::SetTooltip("%s, %s%s: %s %s (threshold %s), %zu rows", col.name.c_str(), r.windows[w].label.c_str(),
                              r.windows[w].is_reference ? " (reference)" : "", drift::stat_test_info(col.test).key,
                              num(score).c_str(), num(col.threshold).c_str(), r.windows[w].rows);
            if (ImGui::IsItemClicked()) {
                p.selected = static_cast<int>(c);
                p.selected_window = w;
            }
        }
        ImGui::PopID();
    }
    // The dataset verdict per window, and the first and last labels under the grid.
    ImGui::TextUnformatted("dataset");
    ImGui::SameLine(label_w);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    for (std::size_t w = 0; w < n; ++w) {
        const ImVec2 a(at.x + cell_w * float(w), at.y), b(a.x + cell_w - 1, a.y + cell_h - 1);
        dl->AddRectFilled(a, b, r.windows[w].detected ? plot::with_alpha(palette().error) : plot::with_alpha(good_colour(), 0.35f));
    }
    ImGui::Dummy(ImVec2(cell_w * float(n), cell_h));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + label_w);
    muted_text(r.windows.front().label + "  ...  " + r.windows.back().label + " (" + std::to_string(n) + " windows)");
    if (p.selected_window >= 0 && p.selected_window < static_cast<int>(n) && p.selected >= 0 &&
        p.selected < static_cast<int>(r.columns.size())) {
        const auto& win = r.windows[p.selected_window];
        const auto& col = r.columns[p.selected];
        ImGui::TextWrapped("%s in %s: %s %s against %s -> %s; %s of the columns drifted in this window.", col.name.c_str(),
                           win.label.c_str(), drift::stat_test_info(col.test).key, num(win.scores[p.selected]).c_str(),
                           num(col.threshold).c_str(), win.drifted[p.selected] ? "drift" : "no drift", pct(win.share).c_str());
    }
    end_card();
}

void draw_quality(const DriftPanel& p) {
    if (p.result.quality.empty()) return;
    begin_card();
    ImGui::TextUnformatted("Data quality");
    for (const auto& q : p.result.quality) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s: %s", q.column.c_str(), q.message.c_str());
    }
    end_card();
}

void draw_exports(DriftPanel& p, const state::DriftState& s, PageRequests& page) {
    const nlohmann::json& report = drift_panel_results(p, s);
    if (ImGui::Button("Download JSON")) page.downloads.push_back({"drift-report.json", "application/json", report.dump(2)});
    ImGui::SameLine();
    if (ImGui::Button("Download CSV")) page.downloads.push_back({"drift-metrics.csv", "text/csv", drift::drift_metrics_csv(p.result)});
    ImGui::SameLine();
    if (ImGui::Button("Download Markdown"))
        page.downloads.push_back({"drift-summary.md", "text/markdown",
                                  drift::drift_markdown(p.result, p.reference_source, p.current_source)});
    ImGui::SameLine();
    if (ImGui::Button("Copy Markdown")) {
        const std::string md = drift::drift_markdown(p.result, p.reference_source, p.current_source);
        ImGui::SetClipboardText(md.c_str());
        p.message = "Copied the Markdown summary.";
    }
}

}  // namespace

bool draw_drift_results(DriftPanel& p, state::DriftState& s, PageRequests& page) {
    const DriftData data = drift_data(p, s);
    if (!data.ready && !p.has_result) {
        begin_card();
        ImGui::TextWrapped("%s", data.missing.c_str());
        muted_text("Or pick Synthetic to see the lens on data with a known drift.");
        end_card();
        return false;
    }
    draw_verdict(p);
    progress_line(p);
    if (!p.has_result) return false;
    bool changed = false;
    // A new result may have fewer columns than the one the selection was made in.
    if (p.selected >= static_cast<int>(p.result.columns.size())) p.selected = -1;
    if (p.selected_window >= static_cast<int>(p.result.windows.size())) p.selected_window = -1;
    // The state names the column shown in detail (so a link opens it); follow it.
    if (!s.column.empty() && (p.selected < 0 || p.result.columns[p.selected].name != s.column))
        for (std::size_t i = 0; i < p.result.columns.size(); ++i)
            if (p.result.columns[i].name == s.column) p.selected = static_cast<int>(i);
    begin_card();
    draw_column_table(p);
    end_card();
    if (p.selected < 0 && !p.result.columns.empty()) {
        // Open the column furthest past its threshold, so there is something to look at.
        double best = -1;
        for (std::size_t i = 0; i < p.result.columns.size(); ++i) {
            const auto& c = p.result.columns[i];
            const double sev = c.skipped.empty() ? drift_severity(c.test, c.score, c.threshold) : NAN;
            if (!std::isnan(sev) && sev > best) best = sev, p.selected = static_cast<int>(i);
        }
    }
    if (p.selected >= 0 && p.result.columns[p.selected].name != s.column) {
        const bool picked = !s.column.empty() || ImGui::IsMouseReleased(0);
        s.column = p.result.columns[p.selected].name;
        changed |= picked;  // an automatic first pick is not the user's edit
    }
    changed |= draw_detail(p, s);
    draw_heat_map(p);
    draw_quality(p);
    draw_exports(p, s, page);
    return changed;
}

}  // namespace mlwb::ui
