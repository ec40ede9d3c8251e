// The answer of the Serving panel: the run's progress, result cards (the SLO percentile against
// the SLO, cost, utilisation), the formulas beside the simulation, the LLM figures, the plots
// (latency CDF, load, replicas and p99 over time) and the cheapest-fleet search.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "imgui.h"
#include "plot.hpp"
#include "serving/cost.hpp"
#include "serving/explain.hpp"
#include "serving/llm.hpp"
#include "serving/sim_stats.hpp"
#include "serving_views.hpp"
#include "theme.hpp"
#include "util/format.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

using namespace serving;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
const char* const kDash = "\xE2\x80\x93";

// ---- formatting --------------------------------------------------------------------------

std::string number(double v, int digits = 3) { return serving_number(v, digits); }
std::string ms_text(double ms) { return serving_ms_text(ms); }

std::string money(double v) {
    if (!std::isfinite(v)) return kDash;
    if (v >= 1000) return "$" + format_grouped(std::llround(v));
    return "$" + format_significant(v, 3);
}

std::string percent(double fraction, int digits = 3) {
    if (!std::isfinite(fraction)) return kDash;
    return format_significant(100 * fraction, digits) + " %";
}

std::string rate_text(double rps) {
    if (!std::isfinite(rps)) return kDash;
    return number(rps, 4) + "/s";
}


// ---- the SLO percentile ------------------------------------------------------------------

std::string percentile_name(double percentile) { return "p" + format_shortest(percentile); }

// ---- progress ----------------------------------------------------------------------------

bool draw_errors(const ServingPanel& panel) {
    if (panel.input_errors.empty()) return false;
    begin_card(palette().warning_bg);
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("These inputs cannot be simulated:");
    ImGui::PopFont();
    for (const auto& e : panel.input_errors) error_text(e.field + ": " + e.message);
    muted_text("Fields typed in the panel never accept such values; these came with a link or setState.");
    end_card();
    return true;
}

void draw_progress(ServingPanel& panel) {
    ServingRun& run = panel.run;
    if (!run.active || !run.sim) return;
    const long long requests = run.scenario.run.requests;
    if (run.running) {
        const double p = run.sim->progress();
        const std::string label = "Simulating " + percent(p, 2) + " of " + format_grouped(requests) + " requests";
        ImGui::ProgressBar(static_cast<float>(p), ImVec2(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 6.0f, 0),
                           label.c_str());
        ImGui::SameLine();
        if (ImGui::Button("Cancel##run")) cancel_serving_run(panel);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop here and keep the partial results.");
        muted_text("Partial figures, from " + percent(run.summary_progress, 2) +
                   " of the run, refine as it proceeds; any edit restarts it.");
        return;
    }
    if (run.cancelled) {
        muted_text("Cancelled at " + percent(run.sim->progress(), 2) + ": the figures below cover only what was simulated.");
        ImGui::SameLine();
        if (ImGui::SmallButton("Run again")) restart_serving_run(panel);
        return;
    }
    if (run.has_result)
        muted_text("Simulated " + format_grouped(run.result.arrived) + " requests (" + number(run.result.sim_time_s, 3) +
                   " s of traffic, seed " + std::to_string(run.scenario.run.seed) + ") in " +
                   number(run.wall_ms / 1000, 2) + " s.");
}

// ---- cards -------------------------------------------------------------------------------

void card_value(const char* title, const std::string& value, const ImVec4* colour, const std::string& detail, const char* help) {
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    ImGui::PushFont(fonts().headline);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
    ImGui::TextUnformatted(value.c_str());
    if (colour) ImGui::PopStyleColor();
    ImGui::PopFont();
    if (!detail.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        ImGui::TextWrapped("%s", detail.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();  // apart from the next row when the cards wrap
    ImGui::EndGroup();
    if (help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
}

// What the cards show: the simulation when there is one, else the formulas.
struct Headline {
    bool from_sim = false;
    bool partial = false;
    double latency = kNaN;      // at the SLO percentile
    double latency_ci = kNaN;
    double attainment = kNaN;
    double utilization = kNaN;
    double replicas = kNaN;
    CostSummary cost;
    bool unstable = false;
};

Headline headline(const ServingPanel& panel, const Scenario& in) {
    Headline h;
    const double pct = in.slo.percentile;
    if (panel.run.has_result) {
        const SimResult& r = panel.run.result;
        h.from_sim = true;
        h.partial = panel.run.running || panel.run.cancelled;
        h.latency = latency_at_percentile(r.latency_ms, r.latency_quantiles_ms, pct);
        h.latency_ci = named_percentile(r.latency_ci, pct);
        h.attainment = r.slo_attainment;
        h.utilization = r.utilization;
        h.replicas = r.mean_replicas;
        h.cost = cost_of_run(panel.run.scenario, r);
        h.unstable = r.unstable;
        return h;
    }
    const AnalyticResult& a = panel.analytic;
    if (!a.applicable) return h;
    h.latency = latency_at_percentile(a.latency_ms, {}, pct);
    h.utilization = a.utilization;
    h.replicas = in.fleet.replicas;
    h.cost = cost_of_fleet(in, in.fleet.replicas, a.stable ? in.arrival.rate_rps : 0.0);
    h.unstable = !a.stable;
    return h;
}

void draw_cards(const ServingPanel& panel, const Scenario& in) {
    const Headline h = headline(panel, in);
    const std::string pname = percentile_name(in.slo.percentile);
    begin_card();
    const float avail = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize();
    const int columns = avail > ImGui::GetFontSize() * 30.0f ? 4 : 2;
    if (ImGui::BeginTable("cards", columns, ImGuiTableFlags_SizingStretchSame, ImVec2(avail, 0))) {
        ImGui::TableNextColumn();
        const bool known = std::isfinite(h.latency);
        const bool meets = known && h.latency <= in.slo.latency_ms && !h.unstable;
        const ImVec4 colour = meets ? good_colour() : palette().error;
        std::string detail = (meets ? "meets " : "misses ") + pname + " \xE2\x89\xA4 " + ms_text(in.slo.latency_ms);
        if (std::isfinite(h.latency_ci)) detail += ", \xC2\xB1" + ms_text(h.latency_ci);
        if (h.unstable) detail = "unstable: the queue keeps growing";
        // The headline font holds ASCII only (first-load size): no infinity sign.
        card_value((pname + " latency").c_str(), h.unstable ? std::string("unbounded") : ms_text(h.latency),
                   known || h.unstable ? &colour : nullptr, detail,
                   "End-to-end latency (queue, batching, service) at the SLO's percentile; \xC2\xB1 is the 95 % confidence "
                   "half-width from batch means.");
        ImGui::TableNextColumn();
        card_value("cost per month", money(h.cost.per_month), nullptr,
                   (in.llm.enabled && std::isfinite(h.cost.per_million_tokens) ? money(h.cost.per_million_tokens) + " per 1M output tokens"
                                                                               : money(h.cost.per_million) + " per 1M requests"),
                   "Billed replica-hours (cold starts and draining included) at the price per replica-hour, over 730 hours a month.");
        if (columns == 2) ImGui::TableNextRow();
        ImGui::TableNextColumn();
        card_value("utilisation", percent(h.utilization), nullptr,
                   number(h.replicas, 3) + (in.autoscaling.enabled ? " replicas on average" : " replicas"),
                   "Busy slot-time over ready slot-time. Above ~80 % the queue, and so the tail, grows fast.");
        ImGui::TableNextColumn();
        if (h.from_sim) {
            const double target = in.slo.percentile / 100;
            const ImVec4 c = h.attainment >= target ? good_colour() : palette().error;
            card_value("within the SLO", percent(h.attainment, 4), std::isfinite(h.attainment) ? &c : nullptr,
                       "of requests answered in " + ms_text(in.slo.latency_ms) + " (goal " + percent(target, 4) + ")",
                       "Share of all arrivals (shed and timed-out ones count as misses) answered within the SLO latency.");
        } else {
            card_value("within the SLO", kDash, nullptr, "needs the simulation", nullptr);
        }
        ImGui::EndTable();
    }
    if (h.partial) muted_text("Partial: the run has not finished.");
    else if (!h.from_sim) muted_text("From the formulas; the simulation fills these in.");
    end_card();
}

void draw_warnings(const ServingPanel& panel, const Scenario& in) {
    const bool sim_unstable = panel.run.has_result && panel.run.result.unstable;
    const bool formula_unstable = panel.analytic.applicable && !panel.analytic.stable;
    if (!sim_unstable && !formula_unstable) return;
    // The formulas take the configured replicas; an autoscaler may add what they lack.
    if (!sim_unstable && in.autoscaling.enabled) {
        muted_text("The formulas take the " + std::to_string(in.fleet.replicas) + " initial replicas, which cannot keep up with "
                   "the mean load; the simulation lets the autoscaler add more.");
        return;
    }
    begin_card(palette().warning_bg);
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("Unstable: this fleet cannot keep up with the load.");
    ImGui::PopFont();
    ImGui::TextWrapped("%s", "Requests arrive faster than the replicas can serve them, so the queue and the latency grow "
                             "without bound however long it runs. Add replicas or concurrency, batch, or cache.");
    end_card();
}

// ---- analytic against simulated ----------------------------------------------------------

void row(const char* name, const std::string& formula, const std::string& sim) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(formula.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(sim.c_str());
}

// A simulated time with the half-width of its 95 % interval, in the value's unit.
std::string with_ci(double value, double half) {
    std::string s = ms_text(value);
    if (std::isfinite(half) && std::isfinite(value)) s += " \xC2\xB1" + number(value >= 1000 ? half / 1000 : half, 2);
    return s;
}

void draw_comparison(const ServingPanel& panel) {
    const AnalyticResult& a = panel.analytic;
    const bool sim = panel.run.has_result;
    const SimResult& r = panel.run.result;
    std::string formula_head = "formulas";
    if (a.applicable)
        formula_head += std::string(": ") + a.model +
                        (a.exact_percentiles ? " (exact)" : a.exact_mean ? " (exact mean)" : " (approximate)");
    else formula_head += ": not applicable";
    const ImVec2 size(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize(), 0);
    if (ImGui::BeginTable("compare", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH, size)) {
        // Row names get a fixed width: an empty header would give them a stretch weight of ~0,
        // and on a phone the names would wrap one letter per line.
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6.0f);
        ImGui::TableSetupColumn(formula_head.c_str());
        ImGui::TableSetupColumn(sim ? (panel.run.running ? "simulation (running)" : "simulation") : "simulation (pending)");
        ImGui::TableHeadersRow();
        auto f = [&](double v) { return a.applicable ? ms_text(v) : std::string(kDash); };
        auto s = [&](double v, double half) { return sim ? with_ci(v, half) : std::string(kDash); };
        row("p50", f(a.latency_ms.p50), s(r.latency_ms.p50, r.latency_ci.p50));
        row("p90", f(a.latency_ms.p90), s(r.latency_ms.p90, r.latency_ci.p90));
        row("p95", f(a.latency_ms.p95), s(r.latency_ms.p95, r.latency_ci.p95));
        row("p99", f(a.latency_ms.p99), s(r.latency_ms.p99, r.latency_ci.p99));
        row("p99.9", f(a.latency_ms.p999), s(r.latency_ms.p999, r.latency_ci.p999));
        row("mean", f(a.latency_ms.mean), s(r.latency_ms.mean, r.latency_ci.mean));
        row("mean wait", f(a.wait_ms.mean), s(r.wait_ms.mean, r.wait_ci.mean));
        row("P(wait)", a.applicable ? percent(a.prob_wait) : kDash, sim ? percent(r.prob_wait) : kDash);
        row("utilisation", a.applicable ? percent(a.utilization) : kDash, sim ? percent(r.utilization) : kDash);
        row("throughput", a.applicable && a.stable ? rate_text(panel.analytic_for.arrival.rate_rps) : kDash,
            sim ? rate_text(r.throughput_rps) : kDash);
        if (sim && (r.timed_out > 0 || r.shed > 0)) row("timed out / shed", kDash, percent(r.timeout_rate) + " / " + percent(r.shed_rate));
        if (sim && r.cache_hits > 0) row("cache hits", kDash, format_grouped(r.cache_hits));
        if (sim && r.mean_batch > 1) row("mean batch", kDash, number(r.mean_batch, 3));
        ImGui::EndTable();
    }
    if (!a.note.empty()) muted_text(a.note);
    if (sim)
        for (const std::string& note : r.notes) muted_text(note);
    // The formulas' derivation with this scenario's numbers (what "formulas" above computed).
    if (a.applicable && ImGui::CollapsingHeader("Show the formulas"))
        for (const auto& step : serving::explain(panel.analytic_for, a)) formula_step(step.label, step.text);
}

// ---- LLM ---------------------------------------------------------------------------------

void draw_llm_results(const ServingPanel& panel, const Scenario& in) {
    if (!in.llm.enabled) return;
    const LlmEstimate e = estimate(in.llm);
    begin_card();
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("LLM serving");
    ImGui::PopFont();
    const bool sim = panel.run.has_result && panel.run.result.has_llm;
    const SimResult& r = panel.run.result;
    const ImVec2 size(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize(), 0);
    if (ImGui::BeginTable("llm", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH, size)) {
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9.0f);
        ImGui::TableSetupColumn("roofline, lone request");
        ImGui::TableSetupColumn("simulation, under load");
        ImGui::TableHeadersRow();
        auto s = [&](double v) { return sim ? ms_text(v) : std::string(kDash); };
        row("TTFT p50", ms_text(e.ttft_ms), s(r.llm.ttft_ms.p50));
        row("TTFT p99", kDash, s(r.llm.ttft_ms.p99));
        row("TPOT p50", ms_text(e.tpot_ms), s(r.llm.tpot_ms.p50));
        row("TPOT p99", kDash, s(r.llm.tpot_ms.p99));
        const double replicas = sim ? r.mean_replicas : in.fleet.replicas;
        row("output tokens/s", e.tokens_per_s > 0 ? number(e.tokens_per_s, 4) + " per replica at batch " + std::to_string(e.batch) : kDash,
            sim ? number(r.llm.output_tokens_per_s, 4) + " (" +
                      number(r.llm.output_tokens_per_s / std::max(1.0, replicas), 4) + " per replica)"
                : kDash);
        row("mean batch", e.batch > 0 ? std::to_string(e.batch) + " (max)" : kDash, sim ? number(r.llm.mean_batch, 3) : kDash);
        const CostSummary full = cost_of_fleet(in, 1, 0, e.tokens_per_s);
        const CostSummary run_cost = sim ? cost_of_run(panel.run.scenario, r) : CostSummary{};
        row("$ per 1M output tokens", std::isfinite(full.per_million_tokens) ? money(full.per_million_tokens) + " at full batch" : kDash,
            sim ? money(run_cost.per_million_tokens) : kDash);
        ImGui::EndTable();
    }
    muted_text("TTFT: time to the first token (queueing and prefill). TPOT: time per output token after it. The roofline "
               "column is one request alone on a replica, and the throughput a replica reaches with a full batch.");
    end_card();
}

// ---- plots -------------------------------------------------------------------------------

void draw_cdf(const ServingPanel& panel, const Scenario& in) {
    const SimResult& r = panel.run.result;
    if (!panel.run.has_result || r.latency_quantiles_ms.size() != 101 || !std::isfinite(r.latency_quantiles_ms[0])) return;
    const Palette& pal = palette();
    double xs[101], ys[101];
    for (int i = 0; i <= 100; ++i) {
        xs[i] = r.latency_quantiles_ms[static_cast<std::size_t>(i)];
        ys[i] = i / 100.0;
    }
    double lo = std::max(1e-3, xs[0]);
    double hi = std::max(xs[100], in.slo.latency_ms) * 1.1;
    const bool log = hi / lo > 50;
    plot::AxisSpec x{"latency (ms)", log ? lo : 0, hi, log, plot::TickFormat::Auto};
    plot::AxisSpec y{"share of requests answered within", 0, 1, false, plot::TickFormat::Percent};
    if (plot::begin_plot("latency_cdf", ImVec2(0, ImGui::GetFontSize() * 14.0f), x, y,
                         {.title = "Latency distribution (simulated)", .legend = plot::Legend::BottomRight})) {
        const ImU32 accent = plot::with_alpha(pal.accent);
        plot::line("latency CDF", xs, ys, 101, accent);
        plot::vline(in.slo.latency_ms, plot::with_alpha(pal.error), "SLO", true);
        plot::hline(in.slo.percentile / 100, plot::with_alpha(pal.muted), "##goal", true);
        plot::marker(r.latency_ms.p50, 0.5, plot::with_alpha(pal.muted), "p50");
        plot::marker(r.latency_ms.p99, 0.99, accent, "p99");
        if (in.slo.percentile != 99) {
            const double v = latency_at_percentile(r.latency_ms, r.latency_quantiles_ms, in.slo.percentile);
            plot::marker(v, in.slo.percentile / 100, accent, percentile_name(in.slo.percentile).c_str());
        }
        plot::end_plot();
    }
}

void draw_series(const ServingPanel& panel, const Scenario& in) {
    const SimResult& r = panel.run.result;
    if (!panel.run.has_result || r.series.size() < 2) return;
    const Palette& pal = palette();
    // From the bucket of the first counted arrival (the warm-up's buckets count nothing), without
    // the last bucket, which the end of the run cuts short so that its rates read low.
    std::size_t begin = 0;
    while (begin < r.series.size() && !(r.series[begin].arrivals_rps > 0)) ++begin;
    const std::size_t end = r.series.size() - (panel.run.running ? 0 : 1);
    if (begin + 2 > end) return;
    const std::size_t n = end - begin;
    const double last_t = r.series[end - 1].t_s;
    const bool hours = last_t > 3 * 3600;
    const double scale = hours ? 1.0 / 3600 : 1.0;
    std::vector<double> t(n), load(n), thr(n), reps(n), p99(n);
    double load_max = 0, reps_max = 0, p99_max = in.slo.latency_ms;
    for (std::size_t i = 0; i < n; ++i) {
        const TimePoint& p = r.series[begin + i];
        t[i] = p.t_s * scale;
        load[i] = p.arrivals_rps;
        thr[i] = p.throughput_rps;
        reps[i] = p.replicas;
        p99[i] = p.p99_ms;
        load_max = std::max({load_max, p.arrivals_rps, p.throughput_rps});
        reps_max = std::max(reps_max, p.replicas);
        if (std::isfinite(p.p99_ms)) p99_max = std::max(p99_max, p.p99_ms);
    }
    const char* t_label = hours ? "simulated time (h)" : "simulated time (s)";
    const float height = ImGui::GetFontSize() * 10.0f;
    const ImU32 accent = plot::with_alpha(pal.accent);
    const ImU32 muted = plot::with_alpha(pal.muted);

    plot::AxisSpec x{t_label, t.front(), t.back(), false, plot::TickFormat::Auto};
    plot::AxisSpec y_load{"requests/s", 0, load_max > 0 ? load_max * 1.1 : 1, false, plot::TickFormat::Auto};
    if (plot::begin_plot("series_load", ImVec2(0, height), x, y_load, {.title = "Load over time", .legend = plot::Legend::BottomRight})) {
        plot::line("offered", t.data(), load.data(), static_cast<int>(n), muted);
        plot::line("served", t.data(), thr.data(), static_cast<int>(n), accent);
        plot::end_plot();
    }
    plot::AxisSpec y_reps{"ready replicas", 0, reps_max > 0 ? reps_max * 1.15 : 1, false, plot::TickFormat::Auto};
    if (plot::begin_plot("series_replicas", ImVec2(0, height), x, y_reps, {.title = "Replicas over time", .legend = plot::Legend::Hidden})) {
        plot::line("replicas", t.data(), reps.data(), static_cast<int>(n), accent);
        if (in.autoscaling.enabled) {
            plot::hline(in.autoscaling.max_replicas, muted, "max", true);
            plot::hline(in.autoscaling.min_replicas, muted, "min", true);
        }
        plot::end_plot();
    }
    plot::AxisSpec y_p99{"p99 latency (ms)", 0, p99_max * 1.1, false, plot::TickFormat::Auto};
    if (plot::begin_plot("series_p99", ImVec2(0, height), x, y_p99, {.title = "p99 latency over time", .legend = plot::Legend::Hidden})) {
        plot::line("p99", t.data(), p99.data(), static_cast<int>(n), accent);
        plot::hline(in.slo.latency_ms, plot::with_alpha(pal.error), "SLO", true);
        plot::end_plot();
    }
}

// ---- the cheapest fleet ------------------------------------------------------------------

std::string point_label(const CapacityResult& result, const CapacityPoint& p) {
    std::string s = std::to_string(p.replicas) + " \xC3\x97 ";
    s += p.instance < result.instances.size() ? (result.instances[p.instance].label.empty() ? result.instances[p.instance].name
                                                                                          : result.instances[p.instance].label)
                                              : std::string("?");
    if (p.max_batch > 0) s += ", batch " + std::to_string(p.max_batch);
    return s;
}

void draw_frontier_plot(const CapacityResult& result, const Scenario& searched, int chosen) {
    const Palette& pal = palette();
    std::vector<double> all_x, all_y, fx, fy;
    double x_lo = searched.slo.latency_ms, x_hi = searched.slo.latency_ms, y_lo = kInf, y_hi = 0;
    for (const CapacityPoint& p : result.points) {
        if (!std::isfinite(p.latency_ms) || !std::isfinite(p.cost_per_month)) continue;
        all_x.push_back(p.latency_ms), all_y.push_back(p.cost_per_month);
        all_x.push_back(kNaN), all_y.push_back(kNaN);  // a gap: each point a lone dot
        x_lo = std::min(x_lo, p.latency_ms), x_hi = std::max(x_hi, p.latency_ms), y_hi = std::max(y_hi, p.cost_per_month);
        y_lo = std::min(y_lo, p.cost_per_month);
    }
    for (std::size_t i : result.frontier) {
        if (i >= result.points.size()) continue;
        const CapacityPoint& p = result.points[i];
        if (!std::isfinite(p.latency_ms)) continue;
        fx.push_back(p.latency_ms), fy.push_back(p.cost_per_month);
    }
    if (all_x.empty()) return;
    // Fitted to the points (and the SLO line): the differences between fleets are what matters.
    const bool log = x_hi / std::max(1e-6, x_lo) > 20;
    const std::string x_label = percentile_name(searched.slo.percentile) + " latency (ms)";
    plot::AxisSpec x{x_label.c_str(), log ? x_lo * 0.8 : x_lo - 0.08 * (x_hi - x_lo), log ? x_hi * 1.25 : x_hi + 0.08 * (x_hi - x_lo), log,
                     plot::TickFormat::Auto};
    const double y_bottom = y_lo > 0.4 * y_hi ? y_lo - 0.1 * (y_hi - y_lo) : 0.0;
    plot::AxisSpec y{"$ per month", y_bottom, y_hi > 0 ? y_hi + 0.1 * (y_hi - y_bottom) : 1, false, plot::TickFormat::Auto};
    if (plot::begin_plot("frontier", ImVec2(0, ImGui::GetFontSize() * 14.0f), x, y, {.title = "Cost against latency"})) {
        plot::line("configurations", all_x.data(), all_y.data(), static_cast<int>(all_x.size()), plot::with_alpha(pal.muted, 0.7f));
        plot::line("Pareto frontier", fx.data(), fy.data(), static_cast<int>(fx.size()), plot::with_alpha(pal.accent));
        plot::vline(searched.slo.latency_ms, plot::with_alpha(pal.error), "SLO", true);
        if (result.cheapest >= 0 && static_cast<std::size_t>(result.cheapest) < result.points.size()) {
            const CapacityPoint& c = result.points[static_cast<std::size_t>(result.cheapest)];
            plot::marker(c.latency_ms, c.cost_per_month, plot::with_alpha(good_colour()), "cheapest meeting the SLO");
        }
        if (chosen >= 0 && chosen != result.cheapest && static_cast<std::size_t>(chosen) < result.points.size()) {
            const CapacityPoint& c = result.points[static_cast<std::size_t>(chosen)];
            plot::marker(c.latency_ms, c.cost_per_month, plot::with_alpha(pal.accent), "chosen");
        }
        plot::end_plot();
    }
}

bool draw_search(ServingPanel& panel, Scenario& in) {
    ServingSearch& s = panel.search;
    bool changed = false;
    ImGui::Spacing();
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("Cheapest fleet meeting the SLO");
    ImGui::PopFont();
    const bool can_start = panel.input_errors.empty();
    if (s.running) {
        const std::string label = "Searching " + percent(s.search->progress(), 2) + ", " + std::to_string(s.result.points.size()) +
                                  " configurations so far";
        ImGui::ProgressBar(static_cast<float>(s.search->progress()),
                           ImVec2(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 6.0f, 0), label.c_str());
        ImGui::SameLine();
        if (ImGui::Button("Cancel##search")) cancel_serving_search(panel);
    } else {
        if (!can_start) ImGui::BeginDisabled();
        if (ImGui::Button(s.search ? "Search again" : "Find cheapest fleet")) start_serving_search(panel, in);
        if (!can_start) ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("Sweeps replica counts and instance types (and batch sizes when batching), with the formulas where "
                              "they are exact and short simulations elsewhere, for the cheapest fleet that meets the SLO.");
    }
    if (!s.search) return false;
    const CapacityResult& r = s.result;
    if (s.stale) muted_text("The inputs changed since this search: it answers for the earlier inputs.");
    if (s.cancelled && !s.stale) muted_text("Cancelled: what it found so far.");
    if (!r.summary.empty()) ImGui::TextWrapped("%s", r.summary.c_str());
    // The configuration to apply: the cheapest unless the user picked another row.
    const bool picked = s.chosen >= 0 && static_cast<std::size_t>(s.chosen) < r.points.size();
    const int chosen = picked ? s.chosen : r.cheapest;
    draw_frontier_plot(r, s.scenario, chosen);
    // The frontier as a table: a row chooses the configuration to apply.
    if (!r.frontier.empty()) {
        const ImVec2 size(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize(), 0);
        if (ImGui::BeginTable("frontier_table", 5, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH,
                              size)) {
            ImGui::TableSetupColumn("fleet");
            ImGui::TableSetupColumn((percentile_name(s.scenario.slo.percentile) + " latency").c_str());
            ImGui::TableSetupColumn("$/month");
            ImGui::TableSetupColumn("$ per 1M");
            ImGui::TableSetupColumn("by");
            ImGui::TableHeadersRow();
            for (std::size_t i : r.frontier) {
                if (i >= r.points.size()) continue;
                const CapacityPoint& p = r.points[i];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(static_cast<int>(i));
                const std::string label = point_label(r, p) + (static_cast<int>(i) == r.cheapest ? "  (cheapest)" : "");
                if (!p.meets_slo) ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
                if (ImGui::Selectable(label.c_str(), static_cast<int>(i) == chosen, ImGuiSelectableFlags_SpanAllColumns))
                    s.chosen = static_cast<int>(i) == r.cheapest ? -1 : static_cast<int>(i);
                if (!p.meets_slo) ImGui::PopStyleColor();
                ImGui::PopID();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ms_text(p.latency_ms).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(money(p.cost_per_month).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(money(p.cost_per_million).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(key_of(p.method));
            }
            ImGui::EndTable();
        }
    }
    if (chosen >= 0 && static_cast<std::size_t>(chosen) < r.points.size()) {
        const std::string label = "Use " + point_label(r, r.points[static_cast<std::size_t>(chosen)]);
        if (ImGui::Button(label.c_str())) {
            in = scenario_of(s.scenario, r, static_cast<std::size_t>(chosen));
            panel.preset = -1;
            changed = true;
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Sets the instance, its price, the replicas (and batch size) in the inputs, autoscaling off; the "
                              "simulation then checks it in full.");
    }
    for (const std::string& note : r.notes) muted_text(note);
    return changed;
}

}  // namespace

std::string serving_number(double v, int digits) {
    if (!std::isfinite(v)) return kDash;
    if (std::fabs(v) >= std::pow(10.0, digits)) return format_grouped(std::llround(v));
    return format_significant(v, digits);
}

std::string serving_ms_text(double ms) {
    if (!std::isfinite(ms)) return ms > 0 ? "\xE2\x88\x9E" : kDash;
    if (ms >= 1000) return serving_number(ms / 1000) + " s";
    return serving_number(ms) + " ms";
}

bool draw_serving_results(ServingPanel& panel, Scenario& in) {
    if (draw_errors(panel)) return false;
    draw_progress(panel);
    draw_warnings(panel, in);
    draw_cards(panel, in);
    ImGui::Spacing();
    draw_comparison(panel);
    draw_llm_results(panel, in);
    ImGui::Spacing();
    draw_cdf(panel, in);
    draw_series(panel, in);
    return draw_search(panel, in);
}

}  // namespace mlwb::ui
