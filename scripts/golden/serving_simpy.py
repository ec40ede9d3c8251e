#!/usr/bin/python3
"""Golden traces for the Serving simulator: an independent SimPy model of the same queue.

Run with the system python (Debian's python3-simpy, which is SimPy 2.3.1, imported as `SimPy`):
    /usr/bin/python3 scripts/golden/serving_simpy.py [OUT.json]     (default tests/golden/serving_simpy.json)
It checks itself (hand cases, two SimPy formulations against each other, Little's law, Erlang C)
and fails loudly on disagreement. About 45 s on one core, nearly all of it case (e).

The model (src/core/serving/scenario.hpp, no cache, no autoscaling, noise_cv = 0)
---------------------------------------------------------------------------------
One FIFO queue at the load balancer in front of c = replicas * concurrency identical slots.

Batching rule, "one forming slot":
 1. Free slots line up FIFO for a single forming permission. At most one slot holds it at a time
    (the forming slot); the other free slots stay idle and never start a second batch on the same
    waiting requests.
 2. The forming slot looks at the queue when it gets the permission, at every arrival, and when
    the max_delay deadline of the oldest waiting request comes. Each look first drops, from the
    head, every request that has waited longer than timeout_ms (strictly longer; FIFO with one
    timeout makes them a prefix). Then:
      a. max_batch or more wait      -> it takes the oldest max_batch at once;
      b. 1..max_batch-1 wait and the oldest (after the drop) has waited >= max_delay_ms
                                     -> it takes them all;
      c. otherwise it keeps the permission and waits (for an arrival, or the oldest's
         arrival + max_delay_ms).
    Taking removes the requests from the queue; until then they are waiting (they count against
    queue_capacity and their wait runs to the take time). The slot hands the permission on at
    the same instant, so the next free slot, if any, looks at what is left at once: several full
    batches can leave at one instant, and a remainder is formed by one slot only.
 3. A batch of size k runs fixed_ms + per_item_ms * k; then its slot is free and lines up again.
 4. Without batching it is the same with max_batch = 1 (a free slot takes the oldest waiting
    request that has not timed out); service times come from a trace in the order services start.
 5. An arrival that finds queue_capacity requests waiting is shed (0 = unbounded). The count
    includes requests whose client already gave up but that no slot has looked at yet: a
    balancer only finds out when it would hand the request to a slot.
 6. timed_out = dropped in the queue (latency null) + answered after more than timeout_ms
    (late: completed, latency given). timeout_ms = 0 means never.
 7. No two events of a golden case fall on the same instant, so no tie rule is needed.

Per request: wait_ms = take time - arrival, latency_ms = completion - arrival (null when dropped
or shed). Summary percentiles are numpy's default (linear, R type 7) over answered requests
(late ones included); mean_batch = answered-or-late requests taken / batches.

Case (d1) tiny_batching, by hand: 2 slots, max_batch 3, max_delay 4, fixed 10, per item 2 (ms),
no timeout, unbounded queue. Arrivals at 0, 1, 2, 3, 5, 8 ms.
   0  r1 arrives, slot A gets the permission, waits (deadline 4).
   1  r2 arrives; A still forming; slot B stays idle (rule 1).
   2  r3 arrives: 3 waiting -> A takes {r1,r2,r3}, runs 10+2*3 = 16 -> done at 18.
   3  r4 arrives, B forms (deadline 7).    5  r5 arrives, 2 waiting, B keeps forming.
   7  deadline: B takes {r4,r5}, runs 14 -> done at 21.
   8  r6 arrives, no free slot.   18  A free, r6 waited 10 >= 4 -> takes {r6}, runs 12 -> 30.
   latency 18, 17, 16, 18, 16, 22; wait 2, 1, 0, 4, 2, 10; 3 batches, mean_batch 2.
Case (d2) tiny_timeout_shed: 1 slot, max_batch 2, max_delay 2, fixed 6, per item 2, timeout 12,
queue_capacity 3. Arrivals at 0, 1, 3, 4, 5, 6, 19.5 ms.
   0  r1, slot forms (deadline 2).   1  r2: 2 waiting -> takes {r1,r2}, runs 10 -> done at 11.
   3, 4, 5  r3, r4, r5 wait (queue 3 = full).   6  r6 is shed.
   11 slot free: takes {r3,r4} (waited 8, 7), done at 21: latency 18 and 17 > 12 -> late.
   19.5 r7 waits.   21 slot free: r5 waited 16 > 12 -> dropped; r7 waited 1.5 < 2 -> forms
      (deadline 21.5).   21.5 takes {r7}, runs 8 -> done at 29.5.
   latency 11, 10, 18, 17, null, null, 10; wait 1, 0, 8, 7, null, null, 2;
   completed 5, timed_out 3 (r3, r4 late; r5 dropped), shed 1, 3 batches, mean_batch 5/3.

JSON layout
-----------
{"generator": ..., "model": "<the rule above, short>",
 "cases": [{"name", "description",
            "params": {replicas, concurrency, max_batch, max_delay_ms, fixed_ms, per_item_ms,
                       timeout_ms, queue_capacity, batching},
            "arrivals_s": [...]            arrival times, seconds, nondecreasing, first = 0.0,
            "service_ms": [...]            non-batching: k-th service to START takes this long;
                                           batching: [] (batch time from the params),
            "latency_ms": [...]            per request in arrival order, null = dropped or shed,
            "wait_ms": [...]               likewise,
            "outcome": [...]               "ok" | "late" | "dropped" | "shed",
            "summary": {mean_latency_ms, p50_latency_ms, p99_latency_ms, mean_wait_ms,
                        arrived, completed, timed_out, dropped, late, shed, batches, mean_batch}}],
 "stat_cases": [{"name", "description", "params", "erlang_c": {...}, "simpy": {...}}]}
Floats are written with repr (shortest round-trip), nothing rounded.
"""
import collections
import json
import math
import os
import random
import sys
import time

import numpy as np
import SimPy
from scipy import stats
from SimPy.Simulation import Process, Resource, Simulation, hold, passivate, release, request

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, '..', '..', 'tests', 'golden', 'serving_simpy.json'))
FAR_FUTURE = 1e30


class Req:
    __slots__ = ('index', 'arrival', 'taken', 'done', 'outcome')

    def __init__(self, index, arrival):
        self.index, self.arrival = index, arrival
        self.taken = self.done = None
        self.outcome = None


# ---------------------------------------------------------------------------------------------
# Formulation 1: the balancer with slot processes and a forming permission (rules 1-6).
# ---------------------------------------------------------------------------------------------
class Balancer:
    def __init__(self, sim, p, service_ms):
        self.sim = sim
        self.batching = p['batching']
        self.max_batch = p['max_batch'] if self.batching else 1
        self.max_delay_s = p['max_delay_ms'] / 1000.0 if self.batching else 0.0
        self.fixed_s, self.per_item_s = p['fixed_ms'] / 1000.0, p['per_item_ms'] / 1000.0
        self.timeout_s = p['timeout_ms'] / 1000.0
        self.capacity = p['queue_capacity']
        self.service_ms = service_ms
        self.started = 0                  # services started (index into the trace)
        self.queue = collections.deque()
        self.permission = Resource(capacity=1, name='forming permission', sim=sim)
        self.forming = None               # the slot holding the permission while it waits
        self.batch_sizes = []

    def arrive(self, req, by):
        if self.capacity > 0 and len(self.queue) >= self.capacity:
            req.outcome = 'shed'
            return
        self.queue.append(req)
        slot = self.forming
        if slot is not None:              # the forming slot looks again
            if slot.passive():
                self.sim.reactivate(slot)
            else:
                by.interrupt(slot)

    def drop_expired(self, now):
        q = self.queue
        while q and self.timeout_s > 0 and now - q[0].arrival > self.timeout_s:
            q.popleft().outcome = 'dropped'

    def run_time_s(self, size):
        if self.batching:
            return self.fixed_s + self.per_item_s * size
        t = self.service_ms[self.started] / 1000.0
        self.started += 1
        return t


class Slot(Process):
    def run(self, lb):
        sim, q = self.sim, lb.queue
        while True:
            yield request, self, lb.permission
            due = None                    # the head whose max_delay deadline we slept until
            while True:
                now = sim.now()
                lb.drop_expired(now)
                if len(q) >= lb.max_batch:
                    break
                lb.forming = self
                if q:
                    head = q[0]
                    deadline = head.arrival + lb.max_delay_s
                    if head is due or now >= deadline:
                        lb.forming = None
                        break
                    yield hold, self, deadline - now
                    if self.interrupted():
                        self.interruptReset()
                    else:
                        due = head
                else:
                    yield passivate, self
                lb.forming = None
            now = sim.now()
            batch = [q.popleft() for _ in range(min(lb.max_batch, len(q)))]
            for r in batch:
                r.taken = now
            lb.batch_sizes.append(len(batch))
            duration = lb.run_time_s(len(batch))
            yield release, self, lb.permission
            yield hold, self, duration
            done = sim.now()
            for r in batch:
                r.done = done
                late = lb.timeout_s > 0 and done - r.arrival > lb.timeout_s
                r.outcome = 'late' if late else 'ok'


class Arrival(Process):
    def run(self, lb, req):
        lb.arrive(req, self)
        yield hold, self, 0.0


def simulate_balancer(p, arrivals_s, service_ms=None):
    sim = Simulation()
    lb = Balancer(sim, p, service_ms)
    for k in range(p['replicas'] * p['concurrency']):
        s = Slot(name='slot%d' % k, sim=sim)
        sim.activate(s, s.run(lb))
    reqs = [Req(i, t) for i, t in enumerate(arrivals_s)]
    for r in reqs:                        # at=t: each arrival happens at exactly its time
        a = Arrival(name='arrival', sim=sim)
        sim.activate(a, a.run(lb, r), at=r.arrival)
    sim.simulate(until=FAR_FUTURE)
    assert all(r.outcome is not None for r in reqs), 'requests left in the system'
    return reqs, lb.batch_sizes


# ---------------------------------------------------------------------------------------------
# Formulation 2: plain FCFS M/M/c the way SimPy's examples write it (Resource of capacity c).
# ---------------------------------------------------------------------------------------------
class Customer(Process):
    def run(self, servers, req, next_service_s):
        yield request, self, servers
        req.taken = self.sim.now()
        yield hold, self, next_service_s()
        yield release, self, servers
        req.done = self.sim.now()
        req.outcome = 'ok'


def simulate_fcfs_trace(c, arrivals_s, service_ms):
    sim = Simulation()
    servers = Resource(capacity=c, name='servers', sim=sim)
    trace = iter(service_ms)
    reqs = [Req(i, t) for i, t in enumerate(arrivals_s)]
    for r in reqs:
        cust = Customer(name='customer', sim=sim)
        sim.activate(cust, cust.run(servers, r, lambda: next(trace) / 1000.0), at=r.arrival)
    sim.simulate(until=FAR_FUTURE)
    return reqs


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
def per_request(reqs):
    lat = [None if r.done is None else (r.done - r.arrival) * 1000.0 for r in reqs]
    wait = [None if r.done is None else (r.taken - r.arrival) * 1000.0 for r in reqs]
    return lat, wait, [r.outcome for r in reqs]


def summarise(lat, wait, outcome, batch_sizes):
    answered = np.array([x for x in lat if x is not None])
    waits = np.array([x for x in wait if x is not None])
    count = collections.Counter(outcome)
    return {
        'mean_latency_ms': float(answered.mean()),
        'p50_latency_ms': float(np.percentile(answered, 50)),
        'p99_latency_ms': float(np.percentile(answered, 99)),
        'mean_wait_ms': float(waits.mean()),
        'arrived': len(outcome),
        'completed': count['ok'] + count['late'],
        'timed_out': count['late'] + count['dropped'],
        'dropped': count['dropped'],
        'late': count['late'],
        'shed': count['shed'],
        'batches': len(batch_sizes),
        'mean_batch': sum(batch_sizes) / len(batch_sizes),
    }


def make_case(name, description, p, arrivals_s, service_ms=None):
    reqs, batch_sizes = simulate_balancer(p, arrivals_s, service_ms)
    lat, wait, outcome = per_request(reqs)
    case = {'name': name, 'description': description, 'params': p,
            'arrivals_s': [float(t) for t in arrivals_s],
            'service_ms': [float(s) for s in service_ms] if service_ms is not None else [],
            'latency_ms': lat, 'wait_ms': wait, 'outcome': outcome,
            'summary': summarise(lat, wait, outcome, batch_sizes)}
    return case, reqs


def params(replicas, concurrency, batching, max_batch=1, max_delay_ms=0.0, fixed_ms=0.0,
           per_item_ms=0.0, timeout_ms=0.0, queue_capacity=0):
    return {'replicas': replicas, 'concurrency': concurrency, 'max_batch': max_batch,
            'max_delay_ms': max_delay_ms, 'fixed_ms': fixed_ms, 'per_item_ms': per_item_ms,
            'timeout_ms': timeout_ms, 'queue_capacity': queue_capacity, 'batching': batching}


def poisson_arrivals(rng, rate_rps, n):
    gaps = rng.exponential(1.0 / rate_rps, n - 1)
    return np.concatenate([[0.0], np.cumsum(gaps)])   # first arrival at 0: rebasing is a no-op


def erlang_c(c, offered):
    """P(wait) for M/M/c with offered load a = lambda / mu (Erlang C), summed stably."""
    term, total = 1.0, 1.0
    for k in range(1, c):
        term *= offered / k
        total += term
    last = term * offered / c / (1.0 - offered / c)
    return last / (total + last)


def littles_law(reqs):
    """Time-average number in system (swept from the events) vs throughput * mean sojourn."""
    events = []
    for r in reqs:
        if r.outcome in ('ok', 'late'):
            events += [(r.arrival, 1), (r.done, -1)]
    events.sort()
    area, n, last = 0.0, 0, events[0][0]
    for t, d in events:
        area += n * (t - last)
        n, last = n + d, t
    span = events[-1][0] - events[0][0]
    answered = [r for r in reqs if r.outcome in ('ok', 'late')]
    rate = len(answered) / span
    sojourn = sum(r.done - r.arrival for r in answered) / len(answered)
    return area / span, rate * sojourn


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol


# ---------------------------------------------------------------------------------------------
# Case (e): M/M/8, SimPy's own randomness, replications, against Erlang C
# ---------------------------------------------------------------------------------------------
class Source(Process):
    def run(self, servers, rng, rate, mean_s, n, warmup, waits):
        for k in range(n + warmup):
            cust = Waiter(name='c', sim=self.sim)
            self.sim.activate(cust, cust.run(servers, rng.expovariate(1.0 / mean_s),
                                             waits if k >= warmup else None))
            yield hold, self, rng.expovariate(rate)


class Waiter(Process):
    def run(self, servers, service_s, waits):
        arrived = self.sim.now()
        yield request, self, servers
        if waits is not None:
            waits.append(self.sim.now() - arrived)
        yield hold, self, service_s
        yield release, self, servers


def stat_case(c=8, rho=0.8, mean_ms=10.0, n=200_000, warmup=20_000, reps=20, seed=20240705):
    rate = rho * c / (mean_ms / 1000.0)
    per_rep_wait, per_rep_pw = [], []
    for rep in range(reps):
        sim = Simulation()
        servers = Resource(capacity=c, sim=sim)
        waits = []
        src = Source(name='source', sim=sim)
        sim.activate(src, src.run(servers, random.Random(seed + rep), rate, mean_ms / 1000.0,
                                  n, warmup, waits))
        sim.simulate(until=FAR_FUTURE)
        w = np.array(waits)
        per_rep_wait.append(float(w.mean() * 1000.0))
        per_rep_pw.append(float((w > 0).mean()))
    tq = stats.t.ppf(0.975, reps - 1)

    def ci(xs):
        m, h = float(np.mean(xs)), float(tq * np.std(xs, ddof=1) / math.sqrt(len(xs)))
        return m, [m - h, m + h]

    pw = erlang_c(c, rate * mean_ms / 1000.0)
    wq = pw / (c / (mean_ms / 1000.0) - rate) * 1000.0
    mw, mw_ci = ci(per_rep_wait)
    pwait, pw_ci = ci(per_rep_pw)
    return {
        'name': 'mm8_rho08_replications',
        'description': 'M/M/8 FCFS at rho 0.8, mean service 10 ms, no batching; each replication '
                       'counts 200,000 arrivals after 20,000 warm-up arrivals (empty start), '
                       'random.Random(seed + rep) for inter-arrival and service times. 95% CIs are '
                       't intervals over the 20 replication means.',
        'params': {'replicas': c, 'concurrency': 1, 'rate_rps': rate, 'mean_service_ms': mean_ms,
                   'service': 'exponential', 'requests': n, 'warmup_requests': warmup,
                   'replications': reps, 'seed': seed},
        'erlang_c': {'prob_wait': pw, 'mean_wait_ms': wq},
        'simpy': {'mean_wait_ms': mw, 'mean_wait_ci95': mw_ci, 'prob_wait': pwait,
                  'prob_wait_ci95': pw_ci,
                  'per_replication': {'mean_wait_ms': per_rep_wait, 'prob_wait': per_rep_pw}},
    }


# ---------------------------------------------------------------------------------------------
def dump(doc, path):
    """Readable top level, one line per array: keeps the file small without rounding."""
    def enc(x):
        return json.dumps(x, separators=(',', ':'), allow_nan=False)
    out = ['{']
    head = [k for k in doc if k not in ('cases', 'stat_cases')]
    for k in head:
        out.append('  %s: %s,' % (enc(k), enc(doc[k])))
    for group in ('cases', 'stat_cases'):
        out.append('  %s: [' % enc(group))
        items = []
        for case in doc[group]:
            fields = ['    %s: %s' % (enc(k), enc(v)) for k, v in case.items()]
            items.append('   {\n' + ',\n'.join(fields) + '\n   }')
        out.append(',\n'.join(items))
        out.append('  ]' + (',' if group == 'cases' else ''))
    out.append('}')
    text = '\n'.join(out) + '\n'
    json.loads(text)
    with open(path, 'w') as f:
        f.write(text)
    return len(text)


def main():
    # --check FILE: re-run the SimPy traces (not the slow statistical case) and fail unless they
    # equal the committed ones, so the test suite shows the golden file is SimPy's own output.
    check_path = None
    args = sys.argv[1:]
    if args[:1] == ['--check']:
        check_path = args[1]
        args = args[2:]
    out_path = args[0] if args else DEFAULT_OUT
    t0 = time.perf_counter()
    cases = []

    # (a) FCFS M/M/3 trace.
    rng = np.random.default_rng(20240701)
    arr = poisson_arrivals(rng, 240.0, 2000)
    svc = rng.exponential(10.0, 2000)
    p = params(3, 1, False)
    case, reqs = make_case(
        'mm3_fcfs_trace',
        'M/M/3 FCFS, no batching: Poisson arrivals at 240/s, exponential service of mean 10 ms '
        '(rho 0.8), numpy default_rng(20240701). service_ms[k] is the k-th service to start.',
        p, arr, svc)
    cases.append(case)
    ref = simulate_fcfs_trace(3, arr, svc)       # formulation 2 must agree exactly
    lat_ref, wait_ref, _ = per_request(ref)
    assert all(close(a, b) for a, b in zip(case['latency_ms'], lat_ref)), '(a) formulations differ'
    assert all(close(a, b) for a, b in zip(case['wait_ms'], wait_ref)), '(a) formulations differ'
    s = case['summary']
    a = 240.0 * 0.010
    pw_ec = erlang_c(3, a)
    wq_ec = pw_ec / (300.0 - 240.0) * 1000.0
    pw_sim = float(np.mean([w > 0 for w in case['wait_ms']]))
    l_sweep, l_little = littles_law(reqs)
    print('(a) %s: mean wait %.3f ms (Erlang C %.3f), P(wait) %.3f (Erlang C %.3f), '
          'mean latency %.3f, p99 %.3f; L %.4f vs lambda*W %.4f'
          % (case['name'], s['mean_wait_ms'], wq_ec, pw_sim, pw_ec, s['mean_latency_ms'],
             s['p99_latency_ms'], l_sweep, l_little))
    assert abs(l_sweep - l_little) < 1e-9 * l_little

    # Cross-check of the batching code path: max_batch 1, max_delay 0, per item 10 ms is FCFS
    # with constant 10 ms service.
    pb1 = params(3, 1, True, max_batch=1, max_delay_ms=0.0, fixed_ms=0.0, per_item_ms=10.0)
    b1, _ = simulate_balancer(pb1, arr)
    f1 = simulate_fcfs_trace(3, arr, [10.0] * len(arr))
    assert all(close(x, y) for x, y in zip(per_request(b1)[0], per_request(f1)[0])), 'batch 1 != FCFS'

    # (b) dynamic batching near 0.7 of the batched capacity.
    full_batch_rps = 2 * 4 / ((8.0 + 2.0 * 4) / 1000.0)           # 2 slots x 4 per 16 ms = 500/s
    rng = np.random.default_rng(20240702)
    pb = params(2, 1, True, max_batch=4, max_delay_ms=5.0, fixed_ms=8.0, per_item_ms=2.0)
    arr_b = poisson_arrivals(rng, 0.7 * full_batch_rps, 2000)
    case, reqs = make_case(
        'batching_2slots_rho07',
        'Dynamic batching, 2 slots (2 replicas x 1), max_batch 4, max_delay 5 ms, batch time '
        '8 + 2 * size ms (deterministic). Poisson arrivals at 350/s = 0.7 of the full-batch '
        'capacity of 500/s, numpy default_rng(20240702).', pb, arr_b)
    cases.append(case)
    s = case['summary']
    l_sweep, l_little = littles_law(reqs)
    print('(b) %s: mean latency %.3f ms, p50 %.3f, p99 %.3f, mean wait %.3f, mean batch %.3f '
          '(%d batches); L %.4f vs lambda*W %.4f'
          % (case['name'], s['mean_latency_ms'], s['p50_latency_ms'], s['p99_latency_ms'],
             s['mean_wait_ms'], s['mean_batch'], s['batches'], l_sweep, l_little))
    assert abs(l_sweep - l_little) < 1e-9 * l_little
    assert s['completed'] == 2000 and max(case['wait_ms']) > 5.0

    # (c) the same under overload, with a timeout and a bounded queue.
    rng = np.random.default_rng(20240703)
    pc = dict(pb, timeout_ms=30.0, queue_capacity=20)
    arr_c = poisson_arrivals(rng, 1.3 * full_batch_rps, 2000)
    case, _ = make_case(
        'batching_overload_timeout_shed',
        'As batching_2slots_rho07 with timeout 30 ms and queue capacity 20, under overload: '
        'Poisson arrivals at 650/s = 1.3 x the full-batch capacity, numpy default_rng(20240703).',
        pc, arr_c)
    cases.append(case)
    s = case['summary']
    print('(c) %s: completed %d, timed out %d (dropped %d, late %d), shed %d, mean batch %.3f, '
          'mean latency %.3f, p99 %.3f'
          % (case['name'], s['completed'], s['timed_out'], s['dropped'], s['late'], s['shed'],
             s['mean_batch'], s['mean_latency_ms'], s['p99_latency_ms']))
    assert s['dropped'] > 0 and s['shed'] > 0
    assert s['completed'] + s['dropped'] + s['shed'] == 2000

    # (d1), (d2): the hand cases of the docstring.
    pd1 = params(2, 1, True, max_batch=3, max_delay_ms=4.0, fixed_ms=10.0, per_item_ms=2.0)
    case, _ = make_case(
        'tiny_batching',
        'Hand case (see scripts/golden/serving_simpy.py): one forming slot while another slot '
        'is idle, a full batch, a deadline batch, a late single.',
        pd1, [t / 1000.0 for t in (0, 1, 2, 3, 5, 8)])
    want = [18, 17, 16, 18, 16, 22]
    assert all(close(x, y) for x, y in zip(case['latency_ms'], want)), case['latency_ms']
    assert all(close(x, y) for x, y in zip(case['wait_ms'], [2, 1, 0, 4, 2, 10]))
    assert case['summary']['mean_batch'] == 2.0
    cases.append(case)
    pd2 = params(1, 1, True, max_batch=2, max_delay_ms=2.0, fixed_ms=6.0, per_item_ms=2.0,
                 timeout_ms=12.0, queue_capacity=3)
    case, _ = make_case(
        'tiny_timeout_shed',
        'Hand case (see scripts/golden/serving_simpy.py): shedding at a full queue, late '
        'answers, a drop at the head, then a fresh batch formed after the drop.',
        pd2, [t / 1000.0 for t in (0, 1, 3, 4, 5, 6, 19.5)])
    want = [11, 10, 18, 17, None, None, 10]
    assert all(close(x, y) for x, y in zip(case['latency_ms'], want)), case['latency_ms']
    assert all(close(x, y) for x, y in zip(case['wait_ms'], [1, 0, 8, 7, None, None, 2]))
    assert case['outcome'] == ['ok', 'ok', 'late', 'late', 'dropped', 'shed', 'ok']
    sm = case['summary']
    assert (sm['completed'], sm['timed_out'], sm['shed'], sm['batches']) == (5, 3, 1, 3)
    cases.append(case)
    print('(d) hand cases match the docstring')
    t_cases = time.perf_counter() - t0
    if check_path:
        with open(check_path) as f:
            committed = json.load(f)['cases']
        fresh = json.loads(json.dumps(cases))
        if fresh != committed:
            names = [c['name'] for c, d in zip(fresh, committed) if c != d] or ['the number of cases']
            sys.exit('SimPy traces differ from %s: %s' % (check_path, ', '.join(names)))
        print('%d SimPy trace cases equal the committed ones (%.1f s)' % (len(cases), t_cases))
        return

    # (e) statistical case.
    t1 = time.perf_counter()
    st = stat_case()
    t_stat = time.perf_counter() - t1
    e, sp = st['erlang_c'], st['simpy']
    print('(e) %s: mean wait %.4f ms, 95%% CI [%.4f, %.4f] vs Erlang C %.4f; '
          'P(wait) %.4f, CI [%.4f, %.4f] vs Erlang C %.4f'
          % (st['name'], sp['mean_wait_ms'], *sp['mean_wait_ci95'], e['mean_wait_ms'],
             sp['prob_wait'], *sp['prob_wait_ci95'], e['prob_wait']))

    doc = {'generator': 'scripts/golden/serving_simpy.py with SimPy %s, numpy %s, python %s'
                        % (SimPy.__version__, np.__version__, sys.version.split()[0]),
           'model': 'One FIFO queue, c = replicas * concurrency slots. At most one free slot forms '
                    'a batch at a time; at each look it drops the head requests that waited '
                    'longer than timeout_ms, takes max_batch at once if that many wait, else all '
                    'waiting once the oldest has waited max_delay_ms; then the next free slot '
                    'looks. Batch time fixed_ms + per_item_ms * size. An arrival finding '
                    'queue_capacity waiting (abandoned ones included) is shed.',
           'cases': cases, 'stat_cases': [st]}
    size = dump(doc, out_path)
    print('wrote %s (%d bytes); cases %.1f s, stat case %.1f s'
          % (out_path, size, t_cases, t_stat))


if __name__ == '__main__':
    main()
