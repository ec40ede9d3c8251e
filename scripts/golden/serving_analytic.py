#!/usr/bin/python3
"""Golden values for the Serving simulator's closed-form queueing results (src/core/serving/analytic.*).

Run with the system python (scipy, numpy, mpmath):
    /usr/bin/python3 scripts/golden/serving_analytic.py tests/golden/serving_analytic.json

Every reference here is computed another way than the engine does it:
  Erlang B / C    the textbook sums of a^k / k! in mpmath at 60 digits (the engine uses the Erlang B
                  recursion in doubles);
  M/M/c           waiting-time quantiles from that Erlang C in mpmath; response-time survival as the
                  convolution integral of the wait's law with the exponential service (mpmath.quad),
                  inverted with scipy.optimize.brentq (the engine uses a closed form of that integral);
  M/D/1           Erlang's (Crommelin's) alternating-sum formula for P(W <= t), evaluated in mpmath with
                  enough digits to absorb its cancellation, inverted with brentq (the engine uses a
                  positive-term form and the dominant pole of the exact spectral expansion); checked here
                  against the Pollaczek-Khinchine mean by integrating the survival function (rho <= 0.5,
                  to 2e-16), and against a Lindley-recursion simulation (rho <= 0.8, to Monte Carlo error);
  M/G/1           Pollaczek-Khinchine with E[S^2] from scipy.stats (lognormal fitted by brentq on
                  scipy's own quantile function, not by the engine's quadratic);
  G/G/c           Allen-Cunneen with the mpmath Erlang C; the on/off inter-arrival CV from the
                  moments of the Markovian arrival process (numpy linear algebra); the cache's
                  thinning of a renewal process by the law of total variance;
  cache mixture   latency quantiles by brentq on the mixed CDF (hits answered at the cache latency).

The quantile levels are p50, p90, p95, p99 and p99.9 (p = 0.999 as a double).
"""
import datetime
import json
import math
import sys

import mpmath
import numpy as np
import scipy
from scipy import optimize, stats

mpmath.mp.dps = 60
LEVELS = [("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99), ("p999", 0.999)]
RTOL = 1e-15          # brentq: |x - root| <= XTOL + RTOL |x|
XTOL = 1e-300
checks = {}           # name -> worst value seen, printed at the end


def note_check(name, value):
    checks[name] = max(checks.get(name, 0.0), value)


def mpf(x):
    return mpmath.mpf(float(x))  # the exact double the engine sees


def root(f, lo, hi):
    """Root of a monotone f on [lo, hi]; widens hi until the sign changes."""
    while f(hi) * f(lo) > 0:
        hi *= 2
    return optimize.brentq(f, lo, hi, xtol=XTOL, rtol=RTOL, maxiter=500)


# ---------------------------------------------------------------- Erlang B and C (textbook sums)
def erlang_sums(c, a):
    """sum_{k<c} a^k/k! and a^c/c!, in mpmath."""
    a = mpf(a)
    term = mpmath.mpf(1)
    head = mpmath.mpf(0)
    for k in range(c):
        head += term
        term = term * a / (k + 1)
    return head, term


def erlang_b(c, a):
    head, last = erlang_sums(c, a)
    return last / (head + last)


def erlang_c(c, a):
    head, last = erlang_sums(c, a)
    a = mpf(a)
    waiting = last * c / (c - a)
    return waiting / (head + waiting)


# ---------------------------------------------------------------- M/M/c
class Mmc:
    def __init__(self, c, lam, s):
        self.c, self.lam, self.s = c, lam, s
        self.mu = 1 / mpf(s)
        self.a = mpf(lam) * mpf(s)
        self.C = self._erlang_c_exact()
        self.theta = c * self.mu - mpf(lam)

    def _erlang_c_exact(self):
        # Erlang C at the exact offered load lambda * S (not rounded to a double)
        a = self.a
        term = mpmath.mpf(1)
        head = mpmath.mpf(0)
        for k in range(self.c):
            head += term
            term = term * a / (k + 1)
        waiting = term * self.c / (self.c - a)
        return waiting / (head + waiting)

    def mean_wait(self):
        return self.C / self.theta

    def wait_survival(self, t):
        return self.C * mpmath.exp(-self.theta * t)

    def wait_quantile(self, p):
        tail = 1 - mpf(p)
        if tail >= self.C:
            return mpmath.mpf(0)
        return mpmath.log(self.C / tail) / self.theta

    def response_survival(self, t):
        t = mpf(t)
        if t <= 0:
            return mpmath.mpf(1)
        mu, th = self.mu, self.theta
        conv = mpmath.quad(lambda w: th * mpmath.exp(-th * w) * mpmath.exp(-mu * (t - w)), [0, t])
        return (1 - self.C) * mpmath.exp(-mu * t) + self.C * (mpmath.exp(-th * t) + conv)

    def response_quantile(self, p):
        tail = 1 - p
        return root(lambda t: float(self.response_survival(t)) - tail, 0.0, float(self.s))


# ---------------------------------------------------------------- M/D/1 (Erlang's formula)
def md1_cdf(lam, d, t):
    """P(W <= t) = (1 - rho) sum_{k=0}^{floor(t/D)} (lam (kD - t))^k / k! e^{-lam (kD - t)}."""
    lam, d, t = mpf(lam), mpf(d), mpf(t)
    if t < 0:
        return mpmath.mpf(0)
    rho = lam * d
    n = int(mpmath.floor(t / d))
    # the terms reach ~e^{2 lam t}; keep 40 digits beyond that
    with mpmath.workdps(40 + int(float(2 * lam * t) / 2.3) + int(math.log10(n + 2)) + 10):
        total = mpmath.mpf(0)
        for k in range(n + 1):
            u = lam * (k * d - t)
            total += u ** k / mpmath.factorial(k) * mpmath.exp(-u)
        return +((1 - rho) * total)


def md1_survival(lam, d, t):
    return 1 - md1_cdf(lam, d, t)


def md1_wait_quantile(lam, d, p):
    rho = lam * d
    tail = 1 - p
    if tail >= rho:
        return 0.0
    return root(lambda t: float(md1_survival(lam, d, t)) - tail, 0.0, d)


def md1_checks(lam, d, rho):
    # the survival integrates to the Pollaczek-Khinchine mean (for the lighter loads: cheap enough)
    if rho <= 0.5:
        pk = rho * d / (2 * (1 - rho))
        upto = 1
        while float(md1_survival(lam, d, upto * d)) > 1e-22:
            upto += 1
        integral = mpmath.fsum(mpmath.quad(lambda t: md1_survival(lam, d, t), [k * d, (k + 1) * d])
                               for k in range(upto))
        note_check("md1 integral of survival vs PK mean (rel)", abs(float(integral) / pk - 1))
    # and agrees with a simulation of Lindley's recursion (Monte Carlo error ~1e-3 up to rho = 0.8;
    # heavier loads correlate successive waits too strongly for a quick run)
    if rho > 0.8:
        return
    rng = np.random.default_rng(7)
    gaps = rng.exponential(1 / lam, 400000)
    w = np.empty(gaps.size)
    cur = 0.0
    for i, g in enumerate(gaps):
        w[i] = cur
        cur = max(0.0, cur + d - g)
    w = w[20000:]
    for q in (0.5, 0.9, 0.99):
        t = float(np.quantile(w, q))
        if t > 0:
            note_check("md1 Lindley simulation |empirical CDF - formula|",
                       abs(float(md1_cdf(lam, d, t)) - float(np.mean(w <= t))))


# ---------------------------------------------------------------- service and arrival moments
Z99 = stats.norm.ppf(0.99)


def lognormal_from(service):
    """(mu, sigma) of log(ms): solved with scipy's lognormal, not the engine's closed forms."""
    fit = service["fit"]
    if fit == "mean_cv":
        sigma = math.sqrt(math.log1p(service["cv"] ** 2))
        return math.log(service["mean_ms"]) - sigma ** 2 / 2, sigma
    if fit == "p50_p99":
        mu = math.log(service["p50_ms"])
        sigma = root(lambda s: stats.lognorm.ppf(0.99, s, scale=math.exp(mu)) - service["p99_ms"], 1e-9, 1.0)
        return mu, sigma
    # mean and p99: the smaller sigma that gives both (mu follows from the mean)
    mean, p99 = service["mean_ms"], service["p99_ms"]

    def gap(s):
        return stats.lognorm.ppf(0.99, s, scale=math.exp(math.log(mean) - s * s / 2)) - p99
    sigma = optimize.brentq(gap, 1e-9, Z99, xtol=XTOL, rtol=RTOL)  # gap rises then falls: the first root
    return math.log(mean) - sigma ** 2 / 2, sigma


def service_moments(service):
    """(E[S], E[S^2]) in ms."""
    kind = service["kind"]
    if kind == "deterministic":
        return service["mean_ms"], service["mean_ms"] ** 2
    if kind == "exponential":
        d = stats.expon(scale=service["mean_ms"])
        return d.mean(), d.moment(2)
    if kind == "gamma":
        shape = 1 / service["cv"] ** 2
        d = stats.gamma(shape, scale=service["mean_ms"] / shape)
        return d.mean(), d.moment(2)
    if kind == "lognormal":
        mu, sigma = lognormal_from(service)
        d = stats.lognorm(sigma, scale=math.exp(mu))
        return d.mean(), d.moment(2)
    if kind in ("empirical", "trace"):
        x = np.array(service["samples_ms"], dtype=float)
        return float(np.mean(x)), float(np.mean(x * x))
    raise ValueError(kind)


def onoff_scv(rate, on, off):
    """SCV of the inter-arrival time of an interrupted Poisson process, from its MAP (D0, D1)."""
    peak = rate * (on + off) / on
    alpha, beta = 1 / on, 1 / off
    d0 = np.array([[-(peak + alpha), alpha], [beta, -beta]])
    start = np.array([1.0, 0.0])  # right after an arrival the source is on
    inv = np.linalg.inv(-d0)
    m1 = start @ inv @ np.ones(2)
    m2 = 2 * start @ inv @ inv @ np.ones(2)
    note_check("on/off MAP mean inter-arrival vs 1/rate (rel)", abs(m1 * rate - 1))
    return m2 / m1 ** 2 - 1


def thinned_scv(scv, keep):
    """A renewal process keeping each arrival with probability `keep`: the gap is a geometric sum."""
    mean_n = 1 / keep
    var_n = (1 - keep) / keep ** 2
    mean_gap, var_gap = 1.0, scv  # in units of the original mean gap
    total_mean = mean_n * mean_gap
    total_var = mean_n * var_gap + var_n * mean_gap ** 2
    return total_var / total_mean ** 2


def arrival_scv_and_rate(arrival):
    kind = arrival["kind"]
    if kind == "poisson":
        return 1.0, arrival["rate_rps"]
    if kind == "gamma":
        return arrival["cv"] ** 2, arrival["rate_rps"]
    if kind == "onoff":
        return onoff_scv(arrival["rate_rps"], arrival["on_mean_s"], arrival["off_mean_s"]), arrival["rate_rps"]
    if kind == "daily":
        return 1.0, arrival["rate_rps"]
    if kind == "replay":
        t = np.sort(np.array(arrival["replay_s"], dtype=float))
        g = np.diff(t)
        return float(np.var(g) / np.mean(g) ** 2), float((t.size - 1) / (t[-1] - t[0]))
    raise ValueError(kind)


# ---------------------------------------------------------------- cache mixture
def mixture_quantile(p, hit, cache_ms, fleet_survival, hi):
    """Smallest t with P(L <= t) >= p, L = cache_ms w.p. hit, else the fleet's response time."""
    if hit == 0:
        return root(lambda t: 1 - fleet_survival(t) - p, 0.0, hi)

    def cdf(t):
        return (hit if t >= cache_ms else 0.0) + (1 - hit) * (1 - fleet_survival(t))
    return root(lambda t: cdf(t) - p, 0.0, hi)


def percentiles(fn):
    return {name: float(fn(p)) for name, p in LEVELS}


# ---------------------------------------------------------------- the cases
def erlang_cases():
    out = []
    for c, a in [(1, 0.3), (1, 0.95), (2, 1.0), (2, 3.5), (8, 5.6), (8, 20.0), (48, 40.0), (48, 47.5),
                 (500, 150.0), (500, 475.0), (500, 700.0), (10000, 9500.0), (10000, 9990.0), (10000, 3000.0),
                 (10000, 12000.0)]:
        b = erlang_b(c, a)
        row = {"servers": c, "offered_load": a, "erlang_b": float(b)}
        row["erlang_c"] = float(erlang_c(c, a)) if a < c else None
        out.append(row)
    return out


def mmc_cases():
    out = []
    specs = []
    service = 20.0
    for c in (1, 2, 8, 48, 500):
        for rho in (0.3, 0.7, 0.9, 0.95):
            specs.append((c, rho * c / service, service))
    specs += [
        (2, 0.0625, 16.0),             # c mu - lambda = mu exactly: the special case
        (2, 0.0625 * (1 - 1e-9), 16.0),  # next to it, both sides
        (2, 0.0625 * (1 + 1e-9), 16.0),
        (3, 0.125 + 1e-7, 16.0),
        (10000, 0.99 * 10000 / 20.0, 20.0),
    ]
    for c, lam, s in specs:
        m = Mmc(c, lam, s)
        row = {"servers": c, "arrival_rate": lam, "mean_service": s,
               "utilization": float(mpf(lam) * mpf(s) / c),
               "prob_wait": float(m.C),
               "mean_wait": float(m.mean_wait()),
               "mean_response": float(m.mean_wait() + mpf(s)),
               "wait_q": percentiles(m.wait_quantile),
               "response_q": percentiles(m.response_quantile)}
        out.append(row)
    return out


def md1_cases():
    out = []
    d = 20.0
    for rho in (0.15, 0.3, 0.5, 0.8, 0.9, 0.95):
        lam = rho / d
        rho_exact = float(mpf(lam) * mpf(d))
        md1_checks(lam, d, rho_exact)
        wq = percentiles(lambda p: md1_wait_quantile(lam, d, p))
        grid = [0.0, 0.37, 1.0, 2.5, 7.0, 12.25, 19.5, 19.999, 20.0, 20.001, 33.3, 60.0]
        survival = [[g * d, float(md1_survival(lam, d, g * d))] for g in grid]
        out.append({"arrival_rate": lam, "service_time": d, "utilization": rho_exact,
                    "mean_wait": float(mpf(lam) * mpf(d) * mpf(d) / (2 * (1 - mpf(lam) * mpf(d)))),
                    "wait_q": wq,
                    "response_q": {k: v + d for k, v in wq.items()},
                    "wait_survival": survival})
    return out


def mg1_mean_wait(lam_per_ms, es, es2):
    rho = lam_per_ms * es
    return lam_per_ms * es2 / (2 * (1 - rho))


def scenario(name, arrival, service, fleet):
    return {"name": name, "arrival": arrival, "service": service, "fleet": fleet}


def scenario_cases():
    cases = [
        scenario("M/M/c, 48 replicas", {"kind": "poisson", "rate_rps": 2000.0},
                 {"kind": "exponential", "mean_ms": 20.0}, {"replicas": 48, "concurrency": 1}),
        scenario("M/M/c, cache 30 % at 1 ms", {"kind": "poisson", "rate_rps": 2000.0},
                 {"kind": "exponential", "mean_ms": 20.0},
                 {"replicas": 30, "concurrency": 1, "cache_hit_rate": 0.3, "cache_latency_ms": 1.0}),
        scenario("M/M/c, cache 60 %: median at the cache latency", {"kind": "poisson", "rate_rps": 1500.0},
                 {"kind": "exponential", "mean_ms": 20.0},
                 {"replicas": 4, "concurrency": 4, "cache_hit_rate": 0.6, "cache_latency_ms": 1.0}),
        scenario("M/M/c, slow cache 20 % at 15 ms", {"kind": "poisson", "rate_rps": 400.0},
                 {"kind": "exponential", "mean_ms": 20.0},
                 {"replicas": 10, "concurrency": 1, "cache_hit_rate": 0.2, "cache_latency_ms": 15.0}),
        scenario("gamma arrivals cv 1 and gamma service cv 1 are M/M/c", {"kind": "gamma", "rate_rps": 300.0, "cv": 1.0},
                 {"kind": "gamma", "mean_ms": 25.0, "cv": 1.0}, {"replicas": 2, "concurrency": 5}),
        scenario("M/D/1", {"kind": "poisson", "rate_rps": 40.0},
                 {"kind": "deterministic", "mean_ms": 20.0}, {"replicas": 1, "concurrency": 1}),
        scenario("M/D/1 at 95 %", {"kind": "poisson", "rate_rps": 47.5},
                 {"kind": "deterministic", "mean_ms": 20.0}, {"replicas": 1, "concurrency": 1}),
        scenario("M/D/1, cache 25 % at 2 ms", {"kind": "poisson", "rate_rps": 40.0},
                 {"kind": "deterministic", "mean_ms": 20.0},
                 {"replicas": 1, "concurrency": 1, "cache_hit_rate": 0.25, "cache_latency_ms": 2.0}),
        scenario("M/G/1 lognormal mean+p99", {"kind": "poisson", "rate_rps": 30.0},
                 {"kind": "lognormal", "fit": "mean_p99", "mean_ms": 20.0, "p99_ms": 60.0},
                 {"replicas": 1, "concurrency": 1}),
        scenario("M/G/1 lognormal p50+p99, cache", {"kind": "poisson", "rate_rps": 40.0},
                 {"kind": "lognormal", "fit": "p50_p99", "p50_ms": 16.0, "p99_ms": 60.0},
                 {"replicas": 1, "concurrency": 1, "cache_hit_rate": 0.1, "cache_latency_ms": 1.0}),
        scenario("M/G/1 lognormal mean+cv", {"kind": "poisson", "rate_rps": 45.0},
                 {"kind": "lognormal", "fit": "mean_cv", "mean_ms": 20.0, "cv": 1.5},
                 {"replicas": 1, "concurrency": 1}),
        scenario("M/G/1 gamma", {"kind": "poisson", "rate_rps": 35.0},
                 {"kind": "gamma", "mean_ms": 20.0, "cv": 0.4}, {"replicas": 1, "concurrency": 1}),
        scenario("M/G/1 empirical", {"kind": "poisson", "rate_rps": 30.0},
                 {"kind": "empirical", "samples_ms": [12.0, 15.5, 18.0, 21.0, 22.5, 30.0, 45.0, 80.0]},
                 {"replicas": 1, "concurrency": 1}),
        scenario("G/G/c gamma arrivals, lognormal", {"kind": "gamma", "rate_rps": 2000.0, "cv": 2.0},
                 {"kind": "lognormal", "fit": "mean_p99", "mean_ms": 20.0, "p99_ms": 60.0},
                 {"replicas": 48, "concurrency": 1}),
        scenario("M/D/c is G/G/c", {"kind": "poisson", "rate_rps": 180.0},
                 {"kind": "deterministic", "mean_ms": 20.0}, {"replicas": 4, "concurrency": 1}),
        scenario("M/G/c lognormal, slots", {"kind": "poisson", "rate_rps": 2000.0},
                 {"kind": "lognormal", "fit": "mean_cv", "mean_ms": 20.0, "cv": 0.5},
                 {"replicas": 12, "concurrency": 4}),
        scenario("on/off bursts", {"kind": "onoff", "rate_rps": 100.0, "on_mean_s": 2.0, "off_mean_s": 8.0},
                 {"kind": "exponential", "mean_ms": 20.0}, {"replicas": 4, "concurrency": 1}),
        scenario("on/off bursts with cache", {"kind": "onoff", "rate_rps": 100.0, "on_mean_s": 2.0, "off_mean_s": 8.0},
                 {"kind": "exponential", "mean_ms": 20.0},
                 {"replicas": 4, "concurrency": 1, "cache_hit_rate": 0.4, "cache_latency_ms": 1.0}),
        scenario("gamma arrivals with cache (thinned)", {"kind": "gamma", "rate_rps": 1000.0, "cv": 3.0},
                 {"kind": "gamma", "mean_ms": 20.0, "cv": 0.7},
                 {"replicas": 25, "concurrency": 1, "cache_hit_rate": 0.2, "cache_latency_ms": 1.5}),
        scenario("daily profile", {"kind": "daily", "rate_rps": 500.0},
                 {"kind": "exponential", "mean_ms": 20.0}, {"replicas": 15, "concurrency": 1}),
        scenario("replay", {"kind": "replay", "rate_rps": 1.0,
                            "replay_s": [0.91, 0.0, 0.02, 0.05, 0.11, 0.12, 0.3, 0.31, 0.33, 0.52, 0.6, 0.75, 0.8]},
                 {"kind": "trace", "samples_ms": [8.0, 14.0, 9.5, 30.0, 12.0]}, {"replicas": 1, "concurrency": 1}),
    ]
    for case in cases:
        case["expected"] = expect(case)
    return cases


def expect(case):
    arrival, service, fleet = case["arrival"], case["service"], case["fleet"]
    hit = fleet.get("cache_hit_rate", 0.0)
    cache_ms = fleet.get("cache_latency_ms", 1.0)
    c = fleet["replicas"] * fleet["concurrency"]
    scv_a, rate = arrival_scv_and_rate(arrival)
    fleet_rate = rate * (1 - hit)
    lam = fleet_rate / 1000.0   # per ms
    es, es2 = service_moments(service)
    scv_s = es2 / es ** 2 - 1
    scv_fleet = thinned_scv(scv_a, 1 - hit)
    poisson = arrival["kind"] == "poisson" or (arrival["kind"] == "gamma" and arrival["cv"] == 1.0)
    exponential = service["kind"] == "exponential" or (service["kind"] == "gamma" and service["cv"] == 1.0)
    rho = lam * es / c
    out = {"servers": c, "fleet_rate_rps": fleet_rate, "service_mean_ms": es,
           "service_cv": math.sqrt(max(scv_s, 0.0)), "arrival_cv": math.sqrt(scv_fleet), "utilization": rho}
    if poisson and exponential:
        m = Mmc(c, lam, es)
        out.update(model="M/M/c", exact_mean=True, exact_percentiles=True, prob_wait=float(m.C),
                   mean_wait_ms=float(m.mean_wait()))
        out["wait_q"] = percentiles(m.wait_quantile)
        fleet_survival = lambda t: float(m.response_survival(t))
        fleet_mean = float(m.mean_wait() + mpf(es))
    elif poisson and service["kind"] == "deterministic" and c == 1:
        out.update(model="M/D/1", exact_mean=True, exact_percentiles=True, prob_wait=float(mpf(lam) * mpf(es)),
                   mean_wait_ms=float(mpf(lam) * mpf(es) ** 2 / (2 * (1 - mpf(lam) * mpf(es)))))
        out["wait_q"] = percentiles(lambda p: md1_wait_quantile(lam, es, p))
        fleet_survival = lambda t: float(md1_survival(lam, es, t - es))
        fleet_mean = out["mean_wait_ms"] + es
    elif poisson and c == 1:
        wq = mg1_mean_wait(lam, es, es2)
        out.update(model="M/G/1", exact_mean=True, exact_percentiles=False, prob_wait=rho, mean_wait_ms=wq)
        out["wait_q"] = None
        fleet_survival = None
        fleet_mean = wq + es
    else:
        m = Mmc(c, lam, es)
        wq = float(m.mean_wait()) * (scv_fleet + scv_s) / 2
        out.update(model="G/G/c (Allen-Cunneen)", exact_mean=False, exact_percentiles=False,
                   prob_wait=float(m.C), mean_wait_ms=wq)
        out["wait_q"] = None
        fleet_survival = None
        fleet_mean = wq + es
    out["mean_latency_ms"] = hit * cache_ms + (1 - hit) * fleet_mean
    if fleet_survival is None:
        out["latency_q"] = None
    else:
        out["latency_q"] = percentiles(lambda p: mixture_quantile(p, hit, cache_ms, fleet_survival, 4 * es))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: serving_analytic.py OUT.json")
    golden = {
        "generated_by": "scripts/golden/serving_analytic.py",
        "generated_on": datetime.date.today().isoformat(),
        "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__, "numpy": np.__version__,
                     "mpmath": mpmath.__version__},
        "levels": {name: p for name, p in LEVELS},
        "erlang": erlang_cases(),
        "mmc": mmc_cases(),
        "md1": md1_cases(),
        "scenarios": scenario_cases(),
    }
    with open(sys.argv[1], "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    for name, worst in sorted(checks.items()):
        print(f"check {name}: {worst:.3g}")
    # the simulation agrees to Monte Carlo accuracy, the integral to quadrature accuracy
    assert checks["md1 Lindley simulation |empirical CDF - formula|"] < 5e-3
    assert checks["md1 integral of survival vs PK mean (rel)"] < 1e-12
    assert checks["on/off MAP mean inter-arrival vs 1/rate (rel)"] < 1e-12


if __name__ == "__main__":
    main()
