#include "serving/capacity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <utility>

#include "serving/analytic.hpp"
#include "serving/cost.hpp"
#include "serving/llm.hpp"
#include "serving/sim_stats.hpp"
#include "serving/simulator.hpp"
#include "serving/validate.hpp"
#include "util/format.hpp"

namespace mlwb::serving {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr long long kAnalyticCost = 1000;   // budget charged for one closed-form evaluation
constexpr int kMaxFleet = 100000;           // validate()'s limit on fleet.replicas
constexpr double kMaxSlots = 2e6;           // replicas x concurrency a short simulation may hold
constexpr int kLinearSteps = 4;             // counts tried one by one before doubling the step

// ---- the configuration one point evaluates -------------------------------------------------

void scale_service(Scenario& s, double speed) {
    if (!(speed > 0) || speed == 1) return;
    s.service.mean_ms /= speed;
    s.service.p50_ms /= speed;
    s.service.p99_ms /= speed;
    for (double& v : s.service.samples_ms) v /= speed;
    s.batching.fixed_ms /= speed;
    s.batching.per_item_ms /= speed;
}

// The candidate's instance, price and GPUs applied to the scenario (not the fleet size).
Scenario with_instance(const Scenario& base, const InstanceCandidate& c) {
    Scenario s = base;
    s.cost.instance = c.name;
    s.cost.price_per_hour = c.price_per_hour;
    s.cost.spot_discount = c.spot_discount;
    if (s.llm.enabled) {
        if (!c.gpu.empty() && c.gpu != s.llm.gpu)
            if (const GpuType* gpu = find_gpu(shipped_catalog(), c.gpu)) apply_gpu(s.llm, *gpu);
        if (c.gpus_per_replica > 0) s.llm.gpus_per_replica = c.gpus_per_replica;
    } else {
        scale_service(s, c.speed);
    }
    s.autoscaling.enabled = false;
    return s;
}

Scenario configured(const Scenario& base, const InstanceCandidate& c, int replicas, int max_batch) {
    Scenario s = with_instance(base, c);
    s.fleet.replicas = replicas;
    if (max_batch > 0) s.batching.max_batch = max_batch;
    return s;
}

// Requests per second reaching the fleet (after the cache) that a fixed fleet must sustain:
// the long-run rate, or a daily profile's busiest hour.
double fleet_load_rps(const Scenario& s) {
    const ArrivalSummary a = summarize_arrivals(s.arrival);
    if (!a.problem.empty()) return kNaN;
    const double peak = s.arrival.kind == ArrivalKind::Daily ? a.peak_factor : 1;
    return a.rate_rps * peak * (1 - s.fleet.cache_hit_rate);
}

// Requests per second one replica completes when always busy (with batching, at full batches;
// in LLM mode, the roofline's steady continuous batch). 0 when it cannot serve at all.
double replica_capacity_rps(const Scenario& s) {
    if (s.llm.enabled) {
        const LlmEstimate e = estimate(s.llm);
        return e.fits && e.requests_per_s > 0 ? e.requests_per_s : 0;
    }
    const double slots = std::max(1, s.fleet.concurrency);
    if (s.batching.enabled) {
        const double b = std::max(1, s.batching.max_batch);
        const double batch_ms = s.batching.fixed_ms + s.batching.per_item_ms * b;
        return batch_ms > 0 ? slots * b * 1000 / batch_ms : kInf;
    }
    const double mean_ms = summarize_service(s.service).mean_ms;
    return mean_ms > 0 ? slots * 1000 / mean_ms : kInf;
}


std::string money(double v) { return "$" + format_grouped(static_cast<std::int64_t>(std::llround(v))); }
std::string ms_text(double v) {
    if (!std::isfinite(v)) return "unbounded";
    if (v >= 1000) return format_significant(v / 1000, 3) + " s";
    return format_significant(v, 3) + " ms";
}
std::string percentile_name(double pct) { return "p" + format_shortest(pct); }
std::string rate_text(double rps) {
    return rps >= 100 ? format_grouped(static_cast<std::int64_t>(std::llround(rps))) : format_significant(rps, 3);
}

std::vector<int> default_batch_sizes(int current) {
    current = std::clamp(current, 1, 4096);
    const int lo = std::max(1, current / 8), hi = std::min(4096, current * 4);
    std::vector<int> sizes;
    for (int b = 1; b <= hi; b *= 2)
        if (b >= lo) sizes.push_back(b);
    sizes.push_back(current);
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    return sizes;
}

}  // namespace

// ---- candidates -----------------------------------------------------------------------------

std::vector<InstanceCandidate> instance_candidates(const Scenario& s, const Catalog& catalog) {
    std::vector<InstanceCandidate> out;
    InstanceCandidate own;
    own.name = s.cost.instance;
    own.label = s.cost.instance;
    own.price_per_hour = s.cost.price_per_hour;
    own.spot_discount = s.cost.spot_discount;
    if (s.llm.enabled) {
        own.gpu = s.llm.gpu;
        own.gpus_per_replica = s.llm.gpus_per_replica;
        own.label += " (" + std::to_string(s.llm.gpus_per_replica) + " x " + s.llm.gpu + ")";
    }
    out.push_back(own);
    const InstanceType* mine = find_instance(catalog, s.cost.instance);

    for (const InstanceType& it : catalog.instances) {
        if (it.name == s.cost.instance) continue;
        InstanceCandidate c;
        c.name = it.name;
        c.label = it.name;
        c.spot_discount = it.spot_discount;
        if (!s.llm.enabled) {
            // Same hardware shape: the service time is taken as unchanged (the catalog has no
            // speed figure), so only the price differs.
            if (!mine || it.vcpus != mine->vcpus || it.gpus != mine->gpus || it.gpu != mine->gpu) continue;
            c.price_per_hour = it.price_per_hour;
            out.push_back(c);
            continue;
        }
        const GpuType* gpu = it.gpus > 0 ? find_gpu(catalog, it.gpu) : nullptr;
        if (!gpu) continue;
        // The scenario's tensor-parallel degree when the instance splits evenly into such
        // replicas, else the whole instance; then more GPUs while the weights do not fit.
        int tp = s.llm.gpus_per_replica;
        if (tp < 1 || tp > it.gpus || it.gpus % tp != 0) tp = it.gpus;
        LlmModel m = s.llm;
        apply_gpu(m, *gpu);
        m.gpus_per_replica = tp;
        while (!model_fits(m) && tp * 2 <= it.gpus && it.gpus % (tp * 2) == 0) m.gpus_per_replica = tp *= 2;
        if (!model_fits(m) || estimate(m).requests_per_s <= 0) continue;
        c.gpu = gpu->name;
        c.gpus_per_replica = tp;
        c.price_per_hour = it.price_per_hour * tp / it.gpus;
        c.label = it.name + " (" + (tp == it.gpus ? std::to_string(tp) : std::to_string(tp) + " of " + std::to_string(it.gpus)) +
                  " x " + gpu->name + ")";
        out.push_back(c);
    }
    return out;
}

const char* key_of(CapacityMethod m) { return m == CapacityMethod::Analytic ? "analytic" : "simulation"; }

// ---- the search -----------------------------------------------------------------------------

struct CapacitySearch::Engine {
    Scenario base;           // the scenario as given, for scenario_of
    Scenario eval_base;      // what every configuration starts from (short run, fixed fleet)
    CapacitySettings settings;
    CapacityResult r;
    bool finished = false;

    // A lane: one instance type and one batch size.
    struct Lane {
        std::size_t instance = 0;
        int max_batch = 0;
        Scenario scenario;     // with the instance applied (and the batch size)
        // What decides latency, apart from the fleet size: lanes that share it (instance types of
        // the same speed, or the same GPUs) share evaluations and differ only in price.
        std::string performance;
        int min_stable = 1;    // the smallest count whose capacity exceeds the load
        int max_n = 1;
        int lo_fail = 0;       // the largest count known to miss the SLO (min_stable - 1 at first)
        int hi_ok = 0;         // the smallest count known to meet it; 0 = none yet
        int walked = 0;        // counts tried while walking up
        int margin_next = 0;   // next count above hi_ok for the frontier
        std::map<int, std::size_t> seen;  // count -> point
        int last_fail_n = 0;   // the previous failing count walked, and its latency
        double last_fail_latency = kNaN;
        bool flat = false;     // more replicas cannot reach the SLO within max_n
    };
    std::vector<Lane> lanes;
    std::size_t lane = 0;
    std::map<std::pair<std::string, int>, CapacityPoint> evaluated;  // (performance, count) -> point
    double best_ok_cost = kInf;  // $/month of the cheapest point meeting the SLO so far
    bool pruned = false;         // a lane stopped climbing at max_cost_ratio
    std::optional<Simulator> sim;
    int sim_replicas = 0;
    int evaluations_in_lane = 0;

    Engine(const Scenario& scenario, CapacitySettings s) : base(scenario), eval_base(scenario), settings(std::move(s)) {
        r.instances = settings.instances.empty() ? instance_candidates(scenario, shipped_catalog()) : settings.instances;
        if (const auto errors = validate(scenario); !errors.empty()) {
            r.summary = "The scenario has errors to fix first (" + errors.front().field + ": " + errors.front().message + ")";
            finish();
            return;
        }
        eval_base.run.requests = std::max(1LL, settings.requests_per_config);
        if (scenario.autoscaling.enabled)
            r.notes.push_back("Autoscaling is off during the search: each configuration is a fixed fleet.");
        if (scenario.arrival.kind == ArrivalKind::Daily) {
            eval_base.arrival.kind = ArrivalKind::Poisson;
            eval_base.arrival.rate_rps = scenario.arrival.rate_rps * summarize_arrivals(scenario.arrival).peak_factor;
            r.notes.push_back("A fixed fleet must hold the busiest hour: the daily profile is evaluated as Poisson arrivals at its peak, " +
                              rate_text(eval_base.arrival.rate_rps) + " requests/s.");
        }
        if (!scenario.llm.enabled && r.instances.size() > 1)
            r.notes.push_back("The catalog has no speed figure for instance types: each keeps the scenario's service time, so only "
                              "the price differs between them.");
        if (!settings.use_analytic)
            r.notes.push_back("Every configuration is simulated (the formulas are switched off).");
        build_lanes();
        if (lanes.empty()) finish();
    }

    void build_lanes() {
        std::vector<int> batches{0};
        if (eval_base.batching.enabled && !eval_base.llm.enabled) {
            batches = settings.batch_sizes.empty() ? default_batch_sizes(eval_base.batching.max_batch) : settings.batch_sizes;
            batches.erase(std::remove_if(batches.begin(), batches.end(), [](int b) { return b < 1 || b > 4096; }), batches.end());
            if (batches.empty()) batches.push_back(eval_base.batching.max_batch);
        }
        for (std::size_t i = 0; i < r.instances.size(); ++i) {
            for (int b : batches) {
                Lane l;
                l.instance = i;
                l.max_batch = b;
                l.scenario = configured(eval_base, r.instances[i], 1, b);
                l.performance = l.scenario.llm.enabled
                                    ? l.scenario.llm.gpu + "|" + std::to_string(l.scenario.llm.gpus_per_replica)
                                    : format_shortest(r.instances[i].speed);
                l.performance += "|" + std::to_string(b);
                const double load = fleet_load_rps(l.scenario), cap = replica_capacity_rps(l.scenario);
                const std::string& label = r.instances[i].label.empty() ? r.instances[i].name : r.instances[i].label;
                if (!(load >= 0)) {
                    r.notes.push_back(label + " is skipped: the arrival rate is unknown.");
                    continue;
                }
                if (!(cap > 0)) {
                    r.notes.push_back(label + " is skipped: " +
                                      (l.scenario.llm.enabled ? "the model does not fit its GPUs." : "a replica cannot serve at all."));
                    continue;
                }
                const double stable = std::floor(load / cap) + 1;  // utilisation strictly below 1
                l.min_stable = static_cast<int>(std::clamp(stable, 1.0, static_cast<double>(kMaxFleet) + 1));
                const int automatic = static_cast<int>(std::min<long long>(
                    kMaxFleet, std::max<long long>(4LL * l.min_stable, l.min_stable + 32LL)));
                l.max_n = settings.max_replicas > 0 ? std::min(settings.max_replicas, kMaxFleet) : automatic;
                const double slots = static_cast<double>(l.max_n) * std::max(1, l.scenario.fleet.concurrency);
                if (slots > kMaxSlots) l.max_n = static_cast<int>(kMaxSlots / std::max(1, l.scenario.fleet.concurrency));
                if (l.min_stable > l.max_n) {
                    r.notes.push_back(label + (b > 0 ? " at batch " + std::to_string(b) : std::string()) + " needs at least " +
                                      format_grouped(l.min_stable) + " replicas to keep up with " + rate_text(load) +
                                      " requests/s, more than the " + format_grouped(l.max_n) + " searched.");
                    continue;
                }
                l.lo_fail = l.min_stable - 1;
                lanes.push_back(std::move(l));
            }
        }
    }

    // ---- which count next -----------------------------------------------------------------
    // 0 when the lane is finished.
    int next_count(Lane& l) {
        if (l.hi_ok == 0) {
            if (l.flat || l.lo_fail >= l.max_n) return 0;
            const int step = l.walked < kLinearSteps ? 1 : 1 << std::min(20, l.walked - kLinearSteps + 1);
            const int n = std::min(l.max_n, l.lo_fail + step);
            // Climbing past max_cost_ratio x the cheapest fleet found meeting the SLO only finds
            // fleets far from the answer (and failing ones, all dominated by it).
            const double per_month = cost_of_fleet(l.scenario, n, 0).per_month;
            if (settings.max_cost_ratio > 0 && best_ok_cost < kInf && per_month > settings.max_cost_ratio * best_ok_cost) {
                pruned = true;
                return 0;
            }
            return n;
        }
        if (l.hi_ok - l.lo_fail > 1) return l.lo_fail + (l.hi_ok - l.lo_fail) / 2;
        if (l.margin_next <= l.hi_ok) l.margin_next = l.hi_ok + 1;
        while (l.margin_next <= std::min(l.max_n, l.hi_ok + settings.extra_replicas)) {
            const int n = l.margin_next++;
            if (!l.seen.count(n)) return n;
        }
        return 0;
    }

    void record(Lane& l, int n, CapacityPoint p) {
        evaluated.emplace(std::make_pair(l.performance, n), p);
        if (p.meets_slo) best_ok_cost = std::min(best_ok_cost, p.cost_per_month);
        const std::size_t index = r.points.size();
        r.points.push_back(p);
        l.seen[n] = index;
        ++evaluations_in_lane;
        if (l.hi_ok != 0 && n > l.hi_ok) return;  // a margin point: the search is settled
        if (p.meets_slo) {
            l.hi_ok = n;
            return;
        }
        if (l.hi_ok == 0) ++l.walked;
        l.lo_fail = std::max(l.lo_fail, n);
        // Latency falls ever more slowly as replicas are added (queueing vanishes, service time
        // remains), so the slope between the last two failing counts overstates what further
        // replicas can gain: if even that slope cannot reach the SLO by max_n, nothing will.
        if (l.hi_ok == 0 && l.last_fail_n > 0 && std::isfinite(p.latency_ms) && std::isfinite(l.last_fail_latency)) {
            const double gain_per_replica = (l.last_fail_latency - p.latency_ms) / (n - l.last_fail_n);
            const double best_reachable = p.latency_ms - std::max(0.0, gain_per_replica) * (l.max_n - n);
            if (best_reachable > base.slo.latency_ms) l.flat = true;
        }
        l.last_fail_n = n;
        l.last_fail_latency = p.latency_ms;
    }

    static CapacityPoint point_for(const Lane& l, int n) {
        CapacityPoint p;
        p.instance = l.instance;
        p.replicas = n;
        p.max_batch = l.max_batch;
        return p;
    }

    void judge(CapacityPoint& p, const Scenario& s) const {
        const double pct = s.slo.percentile;
        p.meets_slo = std::isfinite(p.latency_ms) && p.latency_ms <= s.slo.latency_ms &&
                      (std::isnan(p.slo_attainment) || p.slo_attainment >= pct / 100 - 1e-12);
        const CostSummary c = cost_of_fleet(s, p.replicas, p.throughput_rps);
        p.cost_per_month = c.per_month;
        p.cost_per_million = c.per_million;
    }

    // The closed form, when its percentiles are exact for this configuration and the SLO's
    // percentile is one it gives. analyze() ignores timeouts and a bounded queue (and says so),
    // so those configurations are simulated.
    bool try_analytic(const Lane& l, int n, const Scenario& s) {
        if (!settings.use_analytic || s.fleet.timeout_ms > 0 || s.fleet.queue_capacity > 0) return false;
        const AnalyticResult a = analyze(s);
        if (!a.applicable || !a.exact_percentiles) return false;
        CapacityPoint p = point_for(l, n);
        p.method = CapacityMethod::Analytic;
        p.slo_attainment = kNaN;  // the formulas give percentiles, not the share within the SLO
        if (!a.stable) {
            p.latency_ms = p.p99_ms = kInf;
            p.utilization = 1;
            p.throughput_rps = 0;
        } else {
            p.latency_ms = named_percentile(a.latency_ms, s.slo.percentile);
            if (std::isnan(p.latency_ms)) return false;
            p.p99_ms = a.latency_ms.p99;
            p.utilization = a.utilization;
            p.throughput_rps = s.arrival.rate_rps;  // an exact model loses nothing: all is answered
        }
        judge(p, s);
        record(lanes[lane], n, p);
        return true;
    }

    void finish_simulation() {
        Lane& l = lanes[lane];
        const SimResult res = sim->result();
        const Scenario s = configured(eval_base, r.instances[l.instance], sim_replicas, l.max_batch);
        CapacityPoint p = point_for(l, sim_replicas);
        p.method = CapacityMethod::Simulation;
        p.latency_ms = res.unstable ? kInf : latency_at_percentile(res.latency_ms, res.latency_quantiles_ms, s.slo.percentile);
        p.p99_ms = res.unstable ? kInf : res.latency_ms.p99;
        if (std::isnan(p.latency_ms)) p.latency_ms = kInf;  // nothing answered
        p.utilization = res.utilization;
        p.slo_attainment = std::isnan(res.slo_attainment) ? 0 : res.slo_attainment;
        p.throughput_rps = res.throughput_rps;
        judge(p, s);
        if (res.unstable) p.meets_slo = false;
        sim.reset();
        record(l, sim_replicas, p);
    }

    // ---- slices ---------------------------------------------------------------------------
    bool step(long long budget) {
        while (!finished && budget > 0) {
            if (sim) {
                const long long before = sim->events();
                const bool over = sim->step(budget);
                budget -= std::max(1LL, sim->events() - before);
                if (over) finish_simulation();
                continue;
            }
            if (lane >= lanes.size()) {
                finish();
                break;
            }
            Lane& l = lanes[lane];
            const int n = next_count(l);
            if (n == 0) {
                ++lane;
                evaluations_in_lane = 0;
                continue;
            }
            const Scenario s = configured(eval_base, r.instances[l.instance], n, l.max_batch);
            if (const auto same = evaluated.find({l.performance, n}); same != evaluated.end()) {
                // The same latency as an instance type of the same speed: only the price differs.
                CapacityPoint p = same->second;
                p.instance = l.instance;
                judge(p, s);
                record(l, n, p);
                budget -= 1;
                continue;
            }
            if (try_analytic(l, n, s)) {
                budget -= kAnalyticCost;
                continue;
            }
            sim.emplace(s);
            sim_replicas = n;
        }
        return finished;
    }

    double progress() const {
        if (finished) return 1;
        if (lanes.empty()) return 0;
        // Each lane takes an unknown number of evaluations, typically a handful.
        double in_lane = evaluations_in_lane + (sim ? sim->progress() : 0.0);
        in_lane /= in_lane + 3;
        return std::min(0.999, (static_cast<double>(lane) + in_lane) / static_cast<double>(lanes.size()));
    }

    // ---- the answer -----------------------------------------------------------------------
    void finish() {
        finished = true;
        sim.reset();
    }

    CapacityResult summary() const {
        CapacityResult out = r;
        out.complete = finished;
        if (pruned)
            out.notes.push_back("Instance types stop adding replicas once a fleet costs more than " +
                                format_shortest(settings.max_cost_ratio) + " times the cheapest found meeting the SLO.");
        // Cheapest meeting the SLO: lowest cost, then lowest latency, then the first evaluated.
        for (std::size_t i = 0; i < out.points.size(); ++i) {
            const CapacityPoint& p = out.points[i];
            if (!p.meets_slo) continue;
            if (out.cheapest < 0) {
                out.cheapest = static_cast<int>(i);
                continue;
            }
            const CapacityPoint& best = out.points[static_cast<std::size_t>(out.cheapest)];
            if (p.cost_per_month < best.cost_per_month || (p.cost_per_month == best.cost_per_month && p.latency_ms < best.latency_ms))
                out.cheapest = static_cast<int>(i);
        }
        // Pareto frontier of (cost, latency) over the points with a finite latency: sorted by
        // cost then latency, a point is kept when it is faster than everything cheaper.
        std::vector<std::size_t> order;
        for (std::size_t i = 0; i < out.points.size(); ++i)
            if (std::isfinite(out.points[i].latency_ms)) order.push_back(i);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const CapacityPoint &pa = out.points[a], &pb = out.points[b];
            if (pa.cost_per_month != pb.cost_per_month) return pa.cost_per_month < pb.cost_per_month;
            return pa.latency_ms < pb.latency_ms;
        });
        double best_latency = kInf;
        for (std::size_t i : order) {
            if (out.points[i].latency_ms < best_latency) {
                out.frontier.push_back(i);
                best_latency = out.points[i].latency_ms;
            }
        }
        if (!out.summary.empty()) return out;  // the scenario was invalid
        const std::string slo =
            percentile_name(base.slo.percentile) + " <= " + ms_text(base.slo.latency_ms);
        if (!finished) {
            out.summary = "Searching: " + std::to_string(out.points.size()) + " configurations evaluated so far.";
        } else if (out.cheapest >= 0) {
            const CapacityPoint& p = out.points[static_cast<std::size_t>(out.cheapest)];
            const InstanceCandidate& c = out.instances[p.instance];
            out.summary = "Cheapest fleet meeting " + slo + ": " + format_grouped(p.replicas) + " x " +
                          (c.label.empty() ? c.name : c.label) +
                          (p.max_batch > 0 ? " with batches of up to " + std::to_string(p.max_batch) : std::string()) + ", " +
                          percentile_name(base.slo.percentile) + " " + ms_text(p.latency_ms) + ", " + money(p.cost_per_month) +
                          " a month.";
        } else {
            const CapacityPoint* fastest = nullptr;
            for (const CapacityPoint& p : out.points)
                if (std::isfinite(p.latency_ms) && (!fastest || p.latency_ms < fastest->latency_ms)) fastest = &p;
            out.summary = "No configuration meets " + slo + ".";
            if (fastest) {
                const InstanceCandidate& c = out.instances[fastest->instance];
                out.summary += " The lowest " + percentile_name(base.slo.percentile) + " found is " + ms_text(fastest->latency_ms) +
                               " (" + format_grouped(fastest->replicas) + " x " + (c.label.empty() ? c.name : c.label) +
                               "): loosen the SLO or make each request faster; more replicas do not help once queueing is gone.";
            } else {
                out.summary += " No fleet within the searched sizes keeps up with the load.";
            }
        }
        return out;
    }
};

CapacitySearch::CapacitySearch(const Scenario& scenario, CapacitySettings settings)
    : engine_(std::make_unique<Engine>(scenario, std::move(settings))) {}
CapacitySearch::~CapacitySearch() = default;
CapacitySearch::CapacitySearch(CapacitySearch&&) noexcept = default;
CapacitySearch& CapacitySearch::operator=(CapacitySearch&&) noexcept = default;

bool CapacitySearch::step(long long budget) { return engine_->step(budget); }
bool CapacitySearch::done() const { return engine_->finished; }
double CapacitySearch::progress() const { return engine_->progress(); }
CapacityResult CapacitySearch::result() const { return engine_->summary(); }

CapacityResult search_capacity(const Scenario& scenario, const CapacitySettings& settings) {
    CapacitySearch search(scenario, settings);
    while (!search.step(1000000)) {
    }
    return search.result();
}

Scenario scenario_of(const Scenario& base, const CapacityResult& result, std::size_t point) {
    if (point >= result.points.size()) return base;
    const CapacityPoint& p = result.points[point];
    if (p.instance >= result.instances.size()) return base;
    return configured(base, result.instances[p.instance], p.replicas, p.max_batch);
}

}  // namespace mlwb::serving
