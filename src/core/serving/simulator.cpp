#include "serving/simulator.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>

#include "serving/arrivals.hpp"
#include "serving/llm.hpp"
#include "serving/samplers.hpp"
#include "serving/sim_stats.hpp"

namespace mlwb::serving {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kTargetBuckets = 120;  // time-series resolution the panel draws

enum class EventKind : unsigned char { Arrival, SlotDone, BatchDeadline, AutoscaleTick, ReplicaReady, LlmStepDone };

// Ties in time are broken by the order events were scheduled, so every correct heap pops the
// same sequence (libstdc++ and libc++ heaps differ in how they order equal keys).
struct Event {
    double t;
    unsigned long long order;
    EventKind kind;
    int index;      // slot or replica
    unsigned generation;  // BatchDeadline: stale if the slot's generation moved on
};
struct Later {
    bool operator()(const Event& a, const Event& b) const { return a.t > b.t || (a.t == b.t && a.order > b.order); }
};

struct Request {
    double arrival_s;
    long long id;    // arrival sequence number; counted when >= the warm-up count
    int prompt = 0;  // LLM tokens
    int output = 0;
};

struct InService {
    double arrival_s;
    double wait_ms;
    long long id;
};

enum class ReplicaState : unsigned char { Starting, Ready, Draining, Gone };

struct Replica {
    ReplicaState state = ReplicaState::Ready;
    int busy_slots = 0;
    double launched_s = 0;
    // LLM mode: the sequences of its continuous batch.
    struct Sequence {
        double arrival_s;
        double wait_ms;
        double ttft_ms = kNaN;
        long long id;
        int prompt, output, generated = 0;
    };
    std::vector<Sequence> running;
    double kv_tokens = 0;  // reserved for prompt + output of the running sequences
    bool stepping = false;
};

struct Bucket {
    long long arrivals = 0, completions = 0;
    double ready_area = 0;  // replica-seconds ready
    std::size_t latency_end = 0;  // index into the latency log after this bucket
    double queue_at_end = 0;
};
}  // namespace

struct SummaryJob;

struct Simulator::Engine {
    Scenario sc;
    SimOptions options;
    Rng arrival_rng, service_rng, routing_rng;
    ArrivalProcess arrivals;
    ServiceSampler service;
    NormalSampler noise_normal;
    LognormalParams noise;
    TokenSampler prompt_tokens, output_tokens;
    double kv_capacity = kInf;

    std::vector<Event> heap;
    unsigned long long order = 0;
    double now = 0;
    long long events = 0;
    bool finished = false;

    long long warmup = 0, total_arrivals = 0, generated = 0;
    double first_counted_s = kInf;  // the counted window starts at the first counted arrival
    bool arrivals_done = false;
    long long queue_at_arrivals_end = 0;

    std::deque<Request> queue;
    std::vector<Replica> replicas;
    std::vector<int> slot_replica;       // slot -> replica
    std::vector<std::vector<InService>> slot_batch;
    std::vector<int> free_slots;         // may hold slots of draining replicas: skipped on pop
    std::vector<unsigned> slot_generation;
    int forming_slot = -1;
    long long forming_head = -1;  // the request whose deadline the forming slot waits for
    int ready_replicas = 0, alive_replicas = 0, busy_slots = 0, in_service = 0;

    // Autoscaler
    std::deque<std::pair<double, int>> desires;
    double iv_busy = 0, iv_ready_slots = 0, iv_inflight = 0, iv_ready = 0;

    // Statistics
    SimResult r;
    std::vector<double> latencies, waits, ttfts, tpots;
    long long fleet_answered = 0, fleet_waited = 0, batches = 0, batched_requests = 0, llm_steps = 0;
    double decode_seqs_sum = 0, step_ms_sum = 0, output_tokens_done = 0;
    double area_busy = 0, area_ready_slots = 0, area_alive = 0, area_in_system = 0, area_ready = 0;
    double last_t = 0;
    std::vector<Bucket> buckets;
    double bucket_width = 1;
    std::vector<RequestRecord> records;

    Engine(const Scenario& s, SimOptions o)
        : sc(s), options(o), arrival_rng(s.run.seed), service_rng(arrival_rng.split()), routing_rng(arrival_rng.split()),
          arrivals(sc.arrival, arrival_rng.split()), service(sc.service),
          prompt_tokens(s.llm.prompt_tokens_mean, s.llm.prompt_tokens_cv),
          output_tokens(s.llm.output_tokens_mean, s.llm.output_tokens_cv) {
        const long long counted = std::max(1LL, s.run.requests);
        warmup = static_cast<long long>(std::floor(static_cast<double>(counted) * std::clamp(s.run.warmup_share, 0.0, 0.9)));
        total_arrivals = std::min(counted + warmup, arrivals.available());
        if (total_arrivals <= warmup) warmup = 0;  // a short replay: count all of it
        noise = lognormal_from_mean_cv(1, s.batching.noise_cv);
        if (s.llm.enabled) {
            const LlmEstimate estimated = estimate(s.llm);
            kv_capacity = estimated.kv_capacity_tokens;
        }
        bucket_width = std::max(1e-6, expected_duration() / kTargetBuckets);
        buckets.emplace_back();

        int initial = std::max(1, s.fleet.replicas);
        if (s.autoscaling.enabled) initial = std::clamp(initial, s.autoscaling.min_replicas, s.autoscaling.max_replicas);
        for (int i = 0; i < initial; ++i) add_replica(ReplicaState::Ready);
        if (options.record_requests) records.reserve(static_cast<std::size_t>(total_arrivals));
        latencies.reserve(static_cast<std::size_t>(std::min(counted, 20000000LL)));
        waits.reserve(latencies.capacity());

        schedule_next_arrival();
        if (s.autoscaling.enabled) schedule(s.autoscaling.interval_s, EventKind::AutoscaleTick, 0);
    }

    double expected_duration() const {
        if (sc.arrival.kind == ArrivalKind::Replay) {
            if (sc.arrival.replay_s.size() < 2) return 1;
            const auto [lo, hi] = std::minmax_element(sc.arrival.replay_s.begin(), sc.arrival.replay_s.end());
            return std::max(1e-3, *hi - *lo);
        }
        double d = static_cast<double>(total_arrivals) / std::max(1e-9, sc.arrival.rate_rps);
        if (sc.run.max_duration_s > 0) d = std::min(d, sc.run.max_duration_s);
        return d;
    }

    bool llm() const { return sc.llm.enabled; }
    int slots_per_replica() const { return llm() ? 1 : std::max(1, sc.fleet.concurrency); }

    void schedule(double t, EventKind kind, int index, unsigned generation = 0) {
        heap.push_back({t, order++, kind, index, generation});
        std::push_heap(heap.begin(), heap.end(), Later{});
    }

    void schedule_next_arrival() {
        if (generated >= total_arrivals) return end_arrivals();
        const double t = arrivals.next();
        if (!(t < kInf) || (sc.run.max_duration_s > 0 && t > sc.run.max_duration_s)) return end_arrivals();
        schedule(t, EventKind::Arrival, 0);
    }

    // A stable queue stays short compared with the run; one that holds a twentieth of all
    // arrivals when they stop has been growing: the fleet cannot keep up (utilisation >= 1).
    // Batches being formed wait in the queue too, so a full batch per slot does not count.
    void end_arrivals() {
        arrivals_done = true;
        queue_at_arrivals_end = static_cast<long long>(queue.size());
        const long long forming = sc.batching.enabled ? static_cast<long long>(sc.batching.max_batch) * static_cast<long long>(slot_batch.size()) : 0;
        if (queue_at_arrivals_end > std::max(1000LL, total_arrivals / 20) + forming) r.unstable = true;
    }

    // ---- fleet -----------------------------------------------------------------------------
    int add_replica(ReplicaState state) {
        const int id = static_cast<int>(replicas.size());
        Replica replica;
        replica.state = state;
        replica.launched_s = now;
        replicas.push_back(std::move(replica));
        ++alive_replicas;
        for (int k = 0; k < slots_per_replica(); ++k) {
            slot_replica.push_back(id);
            slot_batch.emplace_back();
            slot_generation.push_back(0);
        }
        if (state == ReplicaState::Ready) make_ready(id);
        return id;
    }

    void make_ready(int id) {
        replicas[static_cast<std::size_t>(id)].state = ReplicaState::Ready;
        ++ready_replicas;
        const int per = slots_per_replica();
        for (int k = per - 1; k >= 0; --k) free_slots.push_back(id * per + k);
    }

    int pop_free_slot() {
        while (!free_slots.empty()) {
            const int slot = free_slots.back();
            free_slots.pop_back();
            if (replicas[static_cast<std::size_t>(slot_replica[static_cast<std::size_t>(slot)])].state == ReplicaState::Ready) return slot;
        }
        return -1;
    }

    void retire_if_idle(int id) {
        Replica& replica = replicas[static_cast<std::size_t>(id)];
        const bool forming = forming_slot >= 0 && slot_replica[static_cast<std::size_t>(forming_slot)] == id;
        if (replica.state == ReplicaState::Draining && replica.busy_slots == 0 && !replica.stepping && !forming) {
            replica.state = ReplicaState::Gone;
            --alive_replicas;
        }
    }

    // ---- time integrals --------------------------------------------------------------------
    void integrate(double from, double to) {
        const double dt = to - from;
        if (dt <= 0) return;
        const double in_system = static_cast<double>(queue.size()) + in_service;
        if (from >= first_counted_s) {
            area_busy += busy_slots * dt;
            area_ready_slots += static_cast<double>(ready_replicas) * slots_per_replica() * dt;
            area_alive += alive_replicas * dt;
            area_in_system += in_system * dt;
            area_ready += ready_replicas * dt;
        }
        iv_busy += busy_slots * dt;
        iv_ready_slots += static_cast<double>(ready_replicas) * slots_per_replica() * dt;
        iv_inflight += in_system * dt;
        iv_ready += ready_replicas * dt;
        buckets.back().ready_area += ready_replicas * dt;
    }

    void advance_to(double t) {
        double bucket_end = static_cast<double>(buckets.size()) * bucket_width;
        while (t > bucket_end) {
            integrate(last_t, bucket_end);
            last_t = bucket_end;
            buckets.back().latency_end = latencies.size();
            buckets.back().queue_at_end = static_cast<double>(queue.size());
            buckets.emplace_back();
            bucket_end = static_cast<double>(buckets.size()) * bucket_width;
        }
        integrate(last_t, t);
        last_t = t;
        now = t;
    }

    // ---- requests --------------------------------------------------------------------------
    bool counted(long long id) const { return id >= warmup; }

    void record(long long id, double arrival_s, double wait_ms, double latency_ms, RequestFate fate) {
        if (!options.record_requests) return;
        const auto index = static_cast<std::size_t>(id);
        if (records.size() <= index) records.resize(index + 1);
        records[index] = {arrival_s, wait_ms, latency_ms, fate};
    }

    bool expired(const Request& q) const {
        return sc.fleet.timeout_ms > 0 && (now - q.arrival_s) * 1000 > sc.fleet.timeout_ms;
    }

    void abandon_front() {
        const Request q = queue.front();
        queue.pop_front();
        if (counted(q.id)) ++r.timed_out;
        record(q.id, q.arrival_s, (now - q.arrival_s) * 1000, kNaN, RequestFate::Abandoned);
    }

    void answer(long long id, double arrival_s, double wait_ms) {
        const double latency_ms = (now - arrival_s) * 1000;
        const bool late = sc.fleet.timeout_ms > 0 && latency_ms > sc.fleet.timeout_ms;
        record(id, arrival_s, wait_ms, latency_ms, late ? RequestFate::Late : RequestFate::Answered);
        ++buckets.back().completions;
        if (!counted(id)) return;
        ++r.completed;
        if (late) ++r.timed_out;  // answered, but the client had given up: still a real latency
        else ++r.answered_in_time;
        latencies.push_back(latency_ms);
        waits.push_back(wait_ms);
        ++fleet_answered;
        if (wait_ms > 0) ++fleet_waited;
    }

    void on_arrival() {
        const long long id = generated++;
        ++buckets.back().arrivals;  // the series covers the warm-up too
        if (counted(id)) {
            ++r.arrived;
            if (first_counted_s == kInf) first_counted_s = now;
        }
        schedule_next_arrival();
        if (sc.fleet.cache_hit_rate > 0 && routing_rng.uniform() < sc.fleet.cache_hit_rate) {
            const double latency_ms = sc.fleet.cache_latency_ms;
            record(id, now, 0, latency_ms, RequestFate::CacheHit);
            ++buckets.back().completions;
            if (counted(id)) {
                ++r.cache_hits;
                ++r.answered_in_time;
                ++r.completed;
                latencies.push_back(latency_ms);
            }
            return;
        }
        Request q{now, id};
        if (llm()) {
            q.prompt = prompt_tokens.draw(service_rng);
            q.output = output_tokens.draw(service_rng);
            if (q.prompt + q.output > kv_capacity) {  // could never fit in a replica's KV cache
                shed(q);
                return;
            }
        }
        if (sc.fleet.queue_capacity > 0 && static_cast<long long>(queue.size()) >= sc.fleet.queue_capacity) {
            shed(q);
            return;
        }
        queue.push_back(q);
        if (static_cast<long long>(queue.size()) > sc.run.max_queue) {
            r.unstable = true;
            finished = true;
            return;
        }
        if (llm()) wake_llm_replica();
        else try_dispatch();
    }

    void shed(const Request& q) {
        record(q.id, q.arrival_s, kNaN, kNaN, RequestFate::Shed);
        if (counted(q.id)) ++r.shed;
    }

    // Start as much work as free slots allow. With batching, at most one slot at a time holds
    // a forming batch; it leaves when full or when its oldest request has waited max_delay.
    void try_dispatch() {
        const Batching& b = sc.batching;
        while (!queue.empty()) {
            if (forming_slot >= 0) {
                // The forming slot looks at the queue: drop abandoned heads, leave when full.
                while (!queue.empty() && expired(queue.front())) abandon_front();
                if (static_cast<int>(queue.size()) < b.max_batch) {
                    if (queue.empty()) release_forming_slot();
                    return;
                }
                const int slot = forming_slot;
                forming_slot = -1;
                ++slot_generation[static_cast<std::size_t>(slot)];  // its deadline is now stale
                dispatch(slot, b.max_batch);
                continue;
            }
            const int slot = pop_free_slot();
            if (slot < 0) return;
            if (!b.enabled) {
                dispatch(slot, 1);
                continue;
            }
            while (!queue.empty() && expired(queue.front())) abandon_front();
            if (queue.empty()) {
                free_slots.push_back(slot);
                return;
            }
            const double deadline = queue.front().arrival_s + b.max_delay_ms / 1000;
            if (static_cast<int>(queue.size()) >= b.max_batch || deadline <= now) {
                dispatch(slot, b.max_batch);
                continue;
            }
            start_forming(slot);
            return;
        }
    }

    // Takes up to `limit` requests from the queue (dropping abandoned ones) into the slot.
    void dispatch(int slot, int limit) {
        auto& batch = slot_batch[static_cast<std::size_t>(slot)];
        batch.clear();
        while (!queue.empty() && static_cast<int>(batch.size()) < limit) {
            if (expired(queue.front())) {
                abandon_front();
                continue;
            }
            const Request& q = queue.front();
            batch.push_back({q.arrival_s, (now - q.arrival_s) * 1000, q.id});
            queue.pop_front();
        }
        const int replica = slot_replica[static_cast<std::size_t>(slot)];
        if (batch.empty()) {
            free_slots.push_back(slot);
            retire_if_idle(replica);
            return;
        }
        double duration_ms;
        if (sc.batching.enabled) {
            duration_ms = sc.batching.fixed_ms + sc.batching.per_item_ms * static_cast<double>(batch.size());
            if (sc.batching.noise_cv > 0) duration_ms *= det_exp(noise.mu + noise.sigma * noise_normal.draw(service_rng));
            ++batches;
            batched_requests += static_cast<long long>(batch.size());
        } else {
            duration_ms = service.draw_ms(service_rng);
        }
        ++replicas[static_cast<std::size_t>(replica)].busy_slots;
        ++busy_slots;
        in_service += static_cast<int>(batch.size());
        schedule(now + duration_ms / 1000, EventKind::SlotDone, slot);
    }

    void on_slot_done(int slot) {
        auto& batch = slot_batch[static_cast<std::size_t>(slot)];
        for (const InService& s : batch) answer(s.id, s.arrival_s, s.wait_ms);
        in_service -= static_cast<int>(batch.size());
        batch.clear();
        const int replica = slot_replica[static_cast<std::size_t>(slot)];
        --replicas[static_cast<std::size_t>(replica)].busy_slots;
        --busy_slots;
        if (replicas[static_cast<std::size_t>(replica)].state == ReplicaState::Ready) free_slots.push_back(slot);
        else retire_if_idle(replica);
        try_dispatch();
    }

    void start_forming(int slot) {
        forming_slot = slot;
        forming_head = queue.front().id;
        const double deadline = queue.front().arrival_s + sc.batching.max_delay_ms / 1000;
        schedule(deadline, EventKind::BatchDeadline, slot, ++slot_generation[static_cast<std::size_t>(slot)]);
    }

    void release_forming_slot() {
        const int slot = forming_slot;
        forming_slot = -1;
        ++slot_generation[static_cast<std::size_t>(slot)];
        free_slots.push_back(slot);
        retire_if_idle(slot_replica[static_cast<std::size_t>(slot)]);
    }

    // The oldest request's wait reached max_delay. If it was abandoned meanwhile, the new
    // oldest sets the deadline (it is not re-tested against the clock when it is the request
    // the slot slept for: (arrival + delay) - arrival can round below delay).
    void on_batch_deadline(int slot, unsigned generation) {
        if (slot != forming_slot || generation != slot_generation[static_cast<std::size_t>(slot)]) return;
        while (!queue.empty() && expired(queue.front())) abandon_front();
        if (queue.empty()) {
            release_forming_slot();
            return;
        }
        const double deadline = queue.front().arrival_s + sc.batching.max_delay_ms / 1000;
        if (queue.front().id != forming_head && deadline > now) {
            start_forming(slot);
            return;
        }
        forming_slot = -1;
        dispatch(slot, sc.batching.max_batch);
        try_dispatch();
    }

    // ---- LLM: continuous batching per replica ----------------------------------------------
    void wake_llm_replica() {
        // The first ready replica not stepping starts; replicas are few, a scan is cheap.
        for (std::size_t i = 0; i < replicas.size() && !queue.empty(); ++i)
            if (replicas[i].state == ReplicaState::Ready && !replicas[i].stepping) start_llm_step(static_cast<int>(i));
    }

    void start_llm_step(int id) {
        Replica& replica = replicas[static_cast<std::size_t>(id)];
        double prefill = 0, context = 0;
        int decoding = 0;
        for (const auto& s : replica.running) {
            context += s.prompt + s.generated;
            ++decoding;
        }
        // Admit waiting requests while the batch and the KV cache (full prompt + output
        // reserved, so nothing is ever pre-empted) have room.
        if (replica.state == ReplicaState::Ready) {
            while (!queue.empty() && static_cast<int>(replica.running.size()) < sc.llm.max_batch_seqs) {
                if (expired(queue.front())) {
                    abandon_front();
                    continue;
                }
                const Request& q = queue.front();
                if (replica.kv_tokens + q.prompt + q.output > kv_capacity) break;
                replica.running.push_back({q.arrival_s, (now - q.arrival_s) * 1000, kNaN, q.id, q.prompt, q.output});
                replica.kv_tokens += q.prompt + q.output;
                prefill += q.prompt;
                queue.pop_front();
                ++in_service;
            }
        }
        if (replica.running.empty()) {
            replica.stepping = false;
            retire_if_idle(id);
            return;
        }
        if (!replica.stepping) ++busy_slots;
        replica.stepping = true;
        ++llm_steps;
        // The batch is averaged over time, not steps: a nearly empty replica takes many short steps.
        const double step_ms = iteration_ms(sc.llm, prefill, decoding, context);
        decode_seqs_sum += decoding * step_ms;
        step_ms_sum += step_ms;
        schedule(now + step_ms / 1000, EventKind::LlmStepDone, id);
    }

    void on_llm_step_done(int id) {
        Replica& replica = replicas[static_cast<std::size_t>(id)];
        auto& running = replica.running;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < running.size(); ++i) {
            auto& s = running[i];
            ++s.generated;
            if (s.generated == 1) s.ttft_ms = (now - s.arrival_s) * 1000;
            if (counted(s.id)) output_tokens_done += 1;
            if (s.generated >= s.output) {
                const double latency_ms = (now - s.arrival_s) * 1000;
                answer(s.id, s.arrival_s, s.wait_ms);
                if (counted(s.id)) {
                    ttfts.push_back(s.ttft_ms);
                    if (s.output > 1) tpots.push_back((latency_ms - s.ttft_ms) / (s.output - 1));
                }
                replica.kv_tokens -= s.prompt + s.output;
                --in_service;
            } else {
                running[kept++] = s;
            }
        }
        running.resize(kept);
        --busy_slots;
        replica.stepping = false;
        start_llm_step(id);
    }

    // ---- autoscaling -----------------------------------------------------------------------
    void on_autoscale_tick() {
        const Autoscaling& a = sc.autoscaling;
        double metric = kNaN;
        if (a.metric == ScaleMetric::Utilization && iv_ready_slots > 0) metric = iv_busy / iv_ready_slots;
        if (a.metric == ScaleMetric::InFlight && iv_ready > 0) metric = iv_inflight / iv_ready;
        iv_busy = iv_ready_slots = iv_inflight = iv_ready = 0;
        if (!arrivals_done || !queue.empty() || in_service > 0) schedule(now + a.interval_s, EventKind::AutoscaleTick, 0);
        if (std::isnan(metric)) return;
        // ceil with a little slack so that exactly-on-target does not add a replica
        int desired = static_cast<int>(std::ceil(ready_replicas * metric / a.target - 1e-9));
        desired = std::clamp(desired, a.min_replicas, a.max_replicas);
        desires.emplace_back(now, desired);
        const double keep = std::max(a.up_window_s, a.down_window_s);
        while (!desires.empty() && desires.front().first < now - keep) desires.pop_front();
        int up = desired, down = desired;
        for (const auto& [t, d] : desires) {
            if (t >= now - a.up_window_s) up = std::min(up, d);
            if (t >= now - a.down_window_s) down = std::max(down, d);
        }
        int active = 0;  // starting or ready: what the autoscaler counts as current
        for (const Replica& replica : replicas)
            if (replica.state == ReplicaState::Starting || replica.state == ReplicaState::Ready) ++active;
        if (up > active) {
            for (int i = active; i < up; ++i) {
                const int id = add_replica(ReplicaState::Starting);
                schedule(now + a.cold_start_s, EventKind::ReplicaReady, id);
            }
        } else if (down < active) {
            int remove = active - down;
            // Cancel launches first (youngest first), then drain the newest ready replicas.
            for (int i = static_cast<int>(replicas.size()) - 1; i >= 0 && remove > 0; --i) {
                Replica& replica = replicas[static_cast<std::size_t>(i)];
                if (replica.state == ReplicaState::Starting) {
                    replica.state = ReplicaState::Gone;
                    --alive_replicas;
                    --remove;
                }
            }
            for (int i = static_cast<int>(replicas.size()) - 1; i >= 0 && remove > 0; --i) {
                Replica& replica = replicas[static_cast<std::size_t>(i)];
                if (replica.state == ReplicaState::Ready) {
                    replica.state = ReplicaState::Draining;
                    --ready_replicas;
                    --remove;
                    retire_if_idle(i);
                }
            }
        }
    }

    void on_replica_ready(int id) {
        if (replicas[static_cast<std::size_t>(id)].state != ReplicaState::Starting) return;  // cancelled
        make_ready(id);
        if (llm()) wake_llm_replica();
        else try_dispatch();
    }

    // ---- the loop --------------------------------------------------------------------------
    bool step(long long max_events) {
        for (long long i = 0; i < max_events && !finished; ++i) {
            if (heap.empty()) {
                finished = true;
                break;
            }
            std::pop_heap(heap.begin(), heap.end(), Later{});
            const Event e = heap.back();
            heap.pop_back();
            advance_to(e.t);
            ++events;
            switch (e.kind) {
                case EventKind::Arrival: on_arrival(); break;
                case EventKind::SlotDone: on_slot_done(e.index); break;
                case EventKind::BatchDeadline: on_batch_deadline(e.index, e.generation); break;
                case EventKind::AutoscaleTick: on_autoscale_tick(); break;
                case EventKind::ReplicaReady: on_replica_ready(e.index); break;
                case EventKind::LlmStepDone: on_llm_step_done(e.index); break;
            }
        }
        return finished;
    }

    SimResult summary() const;
    SummaryJob summary_job() const;
    TimePoint series_point(std::size_t start, std::size_t end, std::vector<double>& scratch) const;
    bool summarize(long long budget);
    std::unique_ptr<SummaryJob> job;  // a finished run's summary in progress
    bool summarized = false;
    SimResult cached;
};

// The summary is a list of tasks, each with its cost in values handled, so that a finished
// run can be summarised across frames (summarize) as well as at once (summary).
struct SummaryJob {
    SimResult out;
    struct Task {
        long long cost;
        std::function<void(SummaryJob&)> run;
    };
    std::vector<Task> tasks;
    std::size_t next = 0;
    BatchMeans latency_means{0}, wait_means{0};
    std::vector<double> scratch;
};

SummaryJob Simulator::Engine::summary_job() const {
    SummaryJob job;
    job.latency_means = BatchMeans(sc.run.batches);
    job.wait_means = BatchMeans(sc.run.batches);
    SimResult& out = job.out;
    out = r;
    const double window = first_counted_s < kInf ? std::max(0.0, last_t - first_counted_s) : 0.0;
    out.sim_time_s = window;
    const auto answered = static_cast<double>(r.answered_in_time);
    out.prob_wait = fleet_answered > 0 ? static_cast<double>(fleet_waited) / static_cast<double>(fleet_answered) : kNaN;
    out.utilization = area_ready_slots > 0 ? area_busy / area_ready_slots : kNaN;
    out.throughput_rps = window > 0 ? answered / window : kNaN;
    const auto arrived = static_cast<double>(out.arrived);
    out.timeout_rate = arrived > 0 ? static_cast<double>(out.timed_out) / arrived : kNaN;
    out.shed_rate = arrived > 0 ? static_cast<double>(out.shed) / arrived : kNaN;
    out.mean_in_system = window > 0 ? area_in_system / window : kNaN;
    out.mean_batch = batches > 0 ? static_cast<double>(batched_requests) / static_cast<double>(batches) : 1.0;
    out.replica_hours = area_alive / 3600;
    out.mean_replicas = window > 0 ? area_alive / window : static_cast<double>(alive_replicas);
    if (llm()) {
        out.has_llm = true;
        out.llm.output_tokens_per_s = window > 0 ? output_tokens_done / window : kNaN;
        out.llm.mean_batch = step_ms_sum > 0 ? decode_seqs_sum / step_ms_sum : 0;
        out.mean_batch = out.llm.mean_batch;
    }
    if (!finished) out.notes.push_back("The run is still in progress: these figures cover what is simulated so far.");
    if (out.unstable && !arrivals_done)
        out.notes.push_back("The queue passed " + std::to_string(sc.run.max_queue) +
                            " waiting requests, so the run stopped: the fleet cannot keep up with this load.");
    else if (out.unstable)
        out.notes.push_back(std::to_string(queue_at_arrivals_end) +
                            " requests were still waiting when arrivals stopped, and the queue kept growing: the fleet cannot keep up with this load (latencies grow with the length of the run).");

    const auto n = static_cast<long long>(latencies.size());
    const auto n_waits = static_cast<long long>(waits.size());
    using Task = SummaryJob::Task;
    job.tasks.push_back(Task{n, [this](SummaryJob& j) {
        j.out.latency_ms = percentiles_of(latencies);
        long long within = 0;  // late answers count only if the SLO is looser than the timeout
        for (double l : latencies) within += l <= sc.slo.latency_ms && !(sc.fleet.timeout_ms > 0 && l > sc.fleet.timeout_ms);
        j.out.slo_attainment = j.out.arrived > 0 ? static_cast<double>(within) / static_cast<double>(j.out.arrived) : kNaN;
    }});
    job.tasks.push_back(Task{n_waits, [this](SummaryJob& j) {
        j.out.wait_ms = percentiles_of(waits);
        j.out.prob_wait_ci = batch_share_halfwidth(waits, sc.run.batches, 0);
    }});
    for (int b = 0; b < sc.run.batches; ++b) {
        job.tasks.push_back(Task{n / std::max(1, sc.run.batches), [this, b](SummaryJob& j) {
            const auto batch = batch_of(latencies, sc.run.batches, b);
            if (!batch.empty()) j.latency_means.add(percentiles_of(batch));
        }});
        job.tasks.push_back(Task{n_waits / std::max(1, sc.run.batches), [this, b](SummaryJob& j) {
            const auto batch = batch_of(waits, sc.run.batches, b);
            if (!batch.empty()) j.wait_means.add(percentiles_of(batch));
        }});
    }
    job.tasks.push_back(Task{std::min(n, 50000LL), [this](SummaryJob& j) {
        j.out.latency_ci = j.latency_means.halfwidths();
        j.out.wait_ci = j.wait_means.halfwidths();
        j.out.latency_quantiles_ms = percentile_curve(latencies);
        if (llm()) {
            j.out.llm.ttft_ms = percentiles_of(ttfts);
            j.out.llm.tpot_ms = percentiles_of(tpots);
        }
    }});
    // Time series: merge buckets so that at most 2 * kTargetBuckets points remain (drains and
    // unstable runs go past the expected duration); a task per 16 points.
    std::size_t group = 1;
    while (buckets.size() / group > 2 * kTargetBuckets) group *= 2;
    const std::size_t per_task = 16 * group;
    for (std::size_t first = 0; first < buckets.size(); first += per_task) {
        const std::size_t last = std::min(buckets.size(), first + per_task);
        job.tasks.push_back(Task{n * static_cast<long long>(last - first) / static_cast<long long>(std::max<std::size_t>(1, buckets.size())),
                                 [this, first, last, group](SummaryJob& j) {
                                     for (std::size_t start = first; start < last; start += group)
                                         j.out.series.push_back(series_point(start, std::min(last, start + group), j.scratch));
                                 }});
    }
    return job;
}

// One point of the time series from buckets [start, end).
TimePoint Simulator::Engine::series_point(std::size_t start, std::size_t end, std::vector<double>& scratch) const {
    TimePoint p;
    p.t_s = static_cast<double>(start) * bucket_width;
    // The last bucket ends with the run, not at its nominal width (rates would read low).
    const bool last = end == buckets.size();
    const double width = last ? std::max(1e-9, last_t - p.t_s) : static_cast<double>(end - start) * bucket_width;
    long long arrivals_in = 0, completions_in = 0;
    double ready_area = 0;
    for (std::size_t b = start; b < end; ++b) {
        arrivals_in += buckets[b].arrivals;
        completions_in += buckets[b].completions;
        ready_area += buckets[b].ready_area;
    }
    const std::size_t latency_begin = start == 0 ? 0 : buckets[start - 1].latency_end;
    const std::size_t latency_end = last ? latencies.size() : buckets[end - 1].latency_end;
    p.arrivals_rps = static_cast<double>(arrivals_in) / width;
    p.throughput_rps = static_cast<double>(completions_in) / width;
    p.replicas = ready_area / width;
    p.queue = last ? static_cast<double>(queue.size()) : buckets[end - 1].queue_at_end;
    scratch.assign(latencies.begin() + static_cast<std::ptrdiff_t>(latency_begin),
                   latencies.begin() + static_cast<std::ptrdiff_t>(latency_end));
    p.p99_ms = quantile_in_place(scratch, 0.99);
    return p;
}

SimResult Simulator::Engine::summary() const {
    SummaryJob job = summary_job();
    for (auto& task : job.tasks) task.run(job);
    return std::move(job.out);
}

bool Simulator::Engine::summarize(long long budget) {
    if (!finished) return false;
    if (summarized) return true;
    if (!job) job = std::make_unique<SummaryJob>(summary_job());
    do {
        SummaryJob::Task& task = job->tasks[job->next++];
        task.run(*job);
        budget -= task.cost;
    } while (budget > 0 && job->next < job->tasks.size());
    if (job->next < job->tasks.size()) return false;
    cached = std::move(job->out);
    job.reset();
    summarized = true;
    return true;
}

Simulator::Simulator(const Scenario& scenario, SimOptions options) : engine_(std::make_unique<Engine>(scenario, options)) {}
Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;

bool Simulator::step(long long max_events) { return engine_->step(max_events); }
bool Simulator::done() const { return engine_->finished; }
double Simulator::progress() const {
    if (engine_->finished) return 1;
    const double total = static_cast<double>(std::max(1LL, engine_->total_arrivals));
    return std::min(0.999, static_cast<double>(engine_->generated) / total);
}
long long Simulator::events() const { return engine_->events; }
SimResult Simulator::result() const { return engine_->summarized ? engine_->cached : engine_->summary(); }
bool Simulator::summarize(long long budget) { return engine_->summarize(budget); }
const std::vector<RequestRecord>& Simulator::requests() const { return engine_->records; }

SimResult simulate(const Scenario& scenario) {
    Simulator sim(scenario);
    while (!sim.step(1 << 20)) {
    }
    return sim.result();
}

}  // namespace mlwb::serving
