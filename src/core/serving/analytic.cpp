#include "serving/analytic.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "util/format.hpp"
#include "util/root.hpp"

namespace mlwb::serving {

namespace {

constexpr double kNaN = kAnalyticNaN;
constexpr double kInf = std::numeric_limits<double>::infinity();

// The Erlang B recursion costs one step per server; a million slots is far beyond any fleet the
// panel can describe and still takes only milliseconds.
constexpr long long kMaxServers = 1000000;

bool finite_at_least(double v, double low) { return std::isfinite(v) && v >= low; }
bool finite_positive(double v) { return std::isfinite(v) && v > 0; }

// (1 - e^{-x}) / x, which is 1 at x = 0 and loses no digits near it.
double one_minus_exp_over(double x) { return x == 0 ? 1.0 : -std::expm1(-x) / x; }

// ---- M/M/c, by upper-tail probability (1 - p), which keeps its digits when p is near 1.

double mmc_wait_upper_quantile(const MmcQueue& q, double tail) {
    if (!q.stable || std::isnan(tail)) return kNaN;
    if (tail >= q.prob_wait) return 0;  // at least this share never waits
    if (tail <= 0) return kInf;
    return std::log(q.prob_wait / tail) / q.drain_rate;
}

double mmc_response_upper_quantile(const MmcQueue& q, double tail) {
    if (!q.stable || std::isnan(tail)) return kNaN;
    if (tail >= 1) return 0;
    if (tail <= 0) return kInf;
    // P(W + S > a + b) <= P(W > a) + P(S > b): with each at tail / 2 the survival at a + b is at
    // most `tail`, so [0, a + b] brackets the answer.
    const double hi = mmc_wait_upper_quantile(q, tail / 2) + q.mean_service * std::log(2 / tail);
    return find_root([&](double t) { return response_survival(q, t) - tail; }, 0.0, hi);
}

// ---- M/D/1.
//
// The classical exact result (Erlang 1909, Crommelin 1932) is
//     P(W <= t) = (1 - rho) sum_{k=0}^{floor(t/D)} (lambda (kD - t))^k / k! e^{-lambda (kD - t)},
// an alternating sum whose terms reach e^{2 lambda t}: at rho = 0.95 and the 99.9th percentile
// (t ~ 68 D) they are ~1e56 for a result below 1, so in doubles it returns noise. We use two
// other exact forms instead.
//
// Up to t = kMd1ExactSpan D, a positive-term form. With D deterministic, one departure happens in
// any window of length D that starts with the server busy, and none if it starts idle. Write
// t = kD + y (0 <= y < D) and look at the moment D - y before our arrival: the customers ahead
// of us are the N found then (stationary, by PASTA), minus the one departure in the next D if
// N >= 1, plus the A ~ Poisson(lambda (D - y)) arrivals before ours; after that one of them
// leaves every D, and we start by t if at most k remain. So
//     P(W > t) = sum_{a=0}^{k} P(A = a) P(N > k + 1 - a) + P(A > k),
// every term positive. P(N > n) comes from the embedded chain's recursion; it subtracts, but
// only over the first ~20 levels, where it loses no more than ~1e-16 in absolute terms.
//
// From t = kMd1ExactSpan D on, the spectral form. The waiting time's transform
// (1 - rho) s / (s - lambda (1 - e^{-sD})) has a real pole at s = -gamma, gamma D = x the root of
// rho (e^x - 1) = x, and complex poles whose real parts lie at least ~2/D further left for
// rho >= 0.5 (0.8/D at rho = 0.1, where the tail is already below 1e-30 at 20 D). The residue at
// -gamma gives P(W > t) = K e^{-gamma t}, K = (1 - rho) / (x - (1 - rho)); beyond 20 D the other
// terms are below 1e-16 of it (checked against Erlang's sum in 400-digit arithmetic).

// gamma D: the positive root of rho (e^x - 1) = x, as log(rho) + log(e^x - 1) - log(x) = 0, which
// increases in x and stays finite for any rho in (0, 1). At x = 2 (1 - rho) / rho the left side
// is already >= 0 (e^x - 1 >= x + x^2 / 2), so 1.5 times that brackets the root.
double md1_decay_exponent(double rho) {
    const double log_rho = std::log(rho);
    auto f = [&](double x) { return x == 0 ? log_rho : x + std::log(one_minus_exp_over(x)) + log_rho; };
    return find_root(f, 0.0, 3 * (1 - rho) / rho, 1e-15);
}

double md1_wait_upper_quantile(const Md1Queue& q, double tail) {
    if (!q.stable || std::isnan(tail)) return kNaN;
    if (tail >= q.utilization) return 0;  // P(W > 0) = rho
    if (tail <= 0) return kInf;
    const double d = q.service_time;
    const double exact_span = kMd1ExactSpan * d;
    if (tail <= q.tail_constant * std::exp(-q.tail_rate * exact_span))
        return std::log(q.tail_constant / tail) / q.tail_rate;
    // The survival is smooth between multiples of D (with kinks at them): find the interval first.
    for (int k = 0; k < kMd1ExactSpan; ++k) {
        if (wait_survival(q, (k + 1) * d) <= tail)
            return find_root([&](double t) { return wait_survival(q, t) - tail; }, k * d, (k + 1) * d);
    }
    return kNaN;  // not reached: the survival at exact_span is below `tail`
}

// ---- the cache's mixture: latency L = cache_ms with probability `hit`, else the fleet's T.
// Smallest t with P(L > t) <= tail, given the fleet's upper quantile function. For t >= cache_ms,
// P(L > t) = (1 - hit) P(T > t); below it, hit + (1 - hit) P(T > t).
template <class FleetUpperQuantile>
double mixed_upper_quantile(double tail, double hit, double cache_ms, FleetUpperQuantile&& fleet) {
    if (hit <= 0) return fleet(tail);
    if (hit >= 1) return cache_ms;
    const double keep = 1 - hit;
    const double after = tail >= keep ? 0.0 : fleet(tail / keep);
    if (after >= cache_ms || std::isnan(after)) return after;
    if (tail <= hit) return cache_ms;  // the hits alone keep P(L > t) above `tail` until cache_ms
    return std::min(fleet((tail - hit) / keep), cache_ms);
}

struct Level {
    double p;
    double Percentiles::*field;
};
constexpr Level kLevels[] = {{0.5, &Percentiles::p50},
                             {0.9, &Percentiles::p90},
                             {0.95, &Percentiles::p95},
                             {0.99, &Percentiles::p99},
                             {0.999, &Percentiles::p999}};

Percentiles nan_percentiles() {
    Percentiles out;
    for (const auto& level : kLevels) out.*level.field = kNaN;
    out.mean = kNaN;
    return out;
}

template <class UpperQuantile>
Percentiles percentiles_of(double mean, UpperQuantile&& quantile) {
    Percentiles out;
    for (const auto& level : kLevels) out.*level.field = quantile(1 - level.p);
    out.mean = mean;
    return out;
}

std::string percent(double share) { return format_significant(100 * share, 3) + " %"; }
std::string ms(double v) { return format_significant(v, 3) + " ms"; }

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : " ") + part;
    return out;
}

}  // namespace

// ---------------------------------------------------------------- Erlang formulas

double erlang_b(int servers, double offered_load) {
    if (servers < 0 || !finite_at_least(offered_load, 0)) return kNaN;
    double b = 1;  // no servers: everyone is blocked
    for (int k = 1; k <= servers; ++k) b = offered_load * b / (k + offered_load * b);
    return b;
}

double erlang_c(int servers, double offered_load) {
    if (servers < 1 || !finite_at_least(offered_load, 0) || !(offered_load < servers)) return kNaN;
    const double b = erlang_b(servers, offered_load);
    // c B / (c - a (1 - B)), with c - a formed first: it is the small difference near saturation.
    return servers * b / ((servers - offered_load) + offered_load * b);
}

// ---------------------------------------------------------------- M/M/c

MmcQueue solve_mmc(int servers, double arrival_rate, double mean_service) {
    MmcQueue q;
    q.servers = servers;
    q.arrival_rate = arrival_rate;
    q.mean_service = mean_service;
    if (servers < 1 || !finite_at_least(arrival_rate, 0) || !finite_positive(mean_service)) {
        q.offered_load = q.utilization = kNaN;
        return q;
    }
    q.offered_load = arrival_rate * mean_service;
    q.utilization = q.offered_load / servers;
    if (!(q.utilization < 1)) return q;
    q.stable = true;
    q.prob_wait = erlang_c(servers, q.offered_load);
    q.drain_rate = (servers - q.offered_load) / mean_service;
    q.mean_wait = q.prob_wait / q.drain_rate;
    q.mean_response = q.mean_wait + mean_service;
    return q;
}

double wait_survival(const MmcQueue& q, double t) {
    if (!q.stable || std::isnan(t)) return kNaN;
    if (t < 0) return 1;
    return q.prob_wait * std::exp(-q.drain_rate * t);
}

double response_survival(const MmcQueue& q, double t) {
    if (!q.stable || std::isnan(t)) return kNaN;
    if (t <= 0) return 1;
    const double mu = 1 / q.mean_service;
    const double theta = q.drain_rate;
    const double mu_t = t / q.mean_service;
    // theta - mu = ((c - 1) - a) mu: formed from c - 1 - a so that theta = mu comes out as exactly 0.
    const double d_t = ((q.servers - 1) - q.offered_load) * mu_t;
    // P(Exp(theta) + Exp(mu) > t). Near theta = mu the difference of exponentials cancels, so it is
    // written as e^{-mu t} (1 + mu t (1 - e^{-(theta - mu) t}) / ((theta - mu) t)); away from it
    // (|theta - mu| t >= 1) the textbook form loses at most a bit and cannot overflow.
    double both;
    if (std::fabs(d_t) < 1)
        both = std::exp(-mu_t) * (1 + mu_t * one_minus_exp_over(d_t));
    else
        both = (mu * std::exp(-theta * t) - theta * std::exp(-mu_t)) / (mu - theta);
    return (1 - q.prob_wait) * std::exp(-mu_t) + q.prob_wait * both;
}

double wait_quantile(const MmcQueue& q, double p) {
    if (!(p >= 0 && p <= 1)) return kNaN;
    return mmc_wait_upper_quantile(q, 1 - p);
}

double response_quantile(const MmcQueue& q, double p) {
    if (!(p >= 0 && p <= 1)) return kNaN;
    return mmc_response_upper_quantile(q, 1 - p);
}

// ---------------------------------------------------------------- M/D/1

Md1Queue solve_md1(double arrival_rate, double service_time) {
    Md1Queue q;
    q.arrival_rate = arrival_rate;
    q.service_time = service_time;
    if (!finite_at_least(arrival_rate, 0) || !finite_positive(service_time)) {
        q.utilization = kNaN;
        return q;
    }
    const double rho = arrival_rate * service_time;
    q.utilization = rho;
    if (!(rho < 1)) return q;
    q.stable = true;
    q.mean_wait = rho * service_time / (2 * (1 - rho));
    q.mean_response = q.mean_wait + service_time;
    if (rho == 0) {  // no arrivals: nobody waits
        q.tail_rate = kInf;
        q.tail_constant = 0;
        return q;
    }
    // Embedded chain at times D apart: N' = max(N - 1, 0) + A, A ~ Poisson(rho) with
    // probabilities a_j. In cumulative form Q_k = P(N <= k):
    //     Q_k = sum_{j=0}^{k} a_j Q_{k+1-j},  Q_0 = 1 - rho,
    // solved for Q_{k+1}.
    constexpr int kTableSize = kMd1ExactSpan + 2;
    std::array<double, kTableSize> a{};
    a[0] = std::exp(-rho);
    for (int j = 1; j < kTableSize; ++j) a[j] = a[j - 1] * rho / j;
    std::array<double, kTableSize> cumulative{};
    cumulative[0] = 1 - rho;
    for (int k = 0; k + 1 < kTableSize; ++k) {
        double rest = cumulative[k];
        for (int j = 1; j <= k; ++j) rest -= a[j] * cumulative[k + 1 - j];
        cumulative[k + 1] = rest / a[0];
    }
    for (int n = 0; n < kTableSize; ++n) q.queue_tail[n] = std::clamp(1 - cumulative[n], 0.0, 1.0);
    const double x = md1_decay_exponent(rho);
    q.tail_rate = x / service_time;
    q.tail_constant = (1 - rho) / (x - (1 - rho));
    return q;
}

double wait_survival(const Md1Queue& q, double t) {
    if (!q.stable || std::isnan(t)) return kNaN;
    if (t < 0) return 1;
    if (q.utilization == 0) return 0;
    const double d = q.service_time;
    if (t >= kMd1ExactSpan * d) return q.tail_constant * std::exp(-q.tail_rate * t);
    const double in_services = t / d;
    const int k = std::min(static_cast<int>(std::floor(in_services)), kMd1ExactSpan - 1);
    const double y = std::clamp(in_services - k, 0.0, 1.0);
    const double mean = q.utilization * (1 - y);  // Poisson arrivals in the D - y before ours
    double pmf = std::exp(-mean);
    double survival = 0;
    for (int arrivals = 0; arrivals <= k; ++arrivals) {
        survival += pmf * q.queue_tail[k + 1 - arrivals];
        pmf *= mean / (arrivals + 1);
    }
    // P(A > k): mean < 1, so the terms shrink faster than geometrically.
    double beyond = 0;
    for (int arrivals = k + 1; pmf > 0 && arrivals < k + 60; ++arrivals) {
        beyond += pmf;
        if (pmf < 1e-18 * beyond) break;
        pmf *= mean / (arrivals + 1);
    }
    return survival + beyond;
}

double response_survival(const Md1Queue& q, double t) { return wait_survival(q, t - q.service_time); }

double wait_quantile(const Md1Queue& q, double p) {
    if (!(p >= 0 && p <= 1)) return kNaN;
    return md1_wait_upper_quantile(q, 1 - p);
}

double response_quantile(const Md1Queue& q, double p) { return wait_quantile(q, p) + q.service_time; }

// ---------------------------------------------------------------- M/G/1 and G/G/c means

double mg1_mean_wait(double arrival_rate, double mean_service, double service_cv) {
    if (!finite_at_least(arrival_rate, 0) || !finite_positive(mean_service) || !finite_at_least(service_cv, 0))
        return kNaN;
    const double rho = arrival_rate * mean_service;
    if (!(rho < 1)) return kNaN;
    return rho * (1 + service_cv * service_cv) / 2 * mean_service / (1 - rho);
}

double allen_cunneen_mean_wait(int servers, double arrival_rate, double mean_service, double arrival_cv,
                               double service_cv) {
    if (!finite_at_least(arrival_cv, 0) || !finite_at_least(service_cv, 0)) return kNaN;
    const MmcQueue q = solve_mmc(servers, arrival_rate, mean_service);
    if (!q.stable) return kNaN;
    return q.mean_wait * (arrival_cv * arrival_cv + service_cv * service_cv) / 2;
}

// ---------------------------------------------------------------- scenario models

double onoff_interarrival_cv(double rate_rps, double on_mean_s, double off_mean_s) {
    if (!finite_positive(rate_rps) || !finite_positive(on_mean_s) || !finite_at_least(off_mean_s, 0)) return kNaN;
    // Right after an arrival the source is on. Let Lambda be the rate while on, alpha = 1/on,
    // beta = 1/off. The gap is Exp(Lambda + alpha), and with probability alpha / (Lambda + alpha)
    // an off period Exp(beta) plus a fresh gap follows. Its first two moments give mean 1 / rate
    // and squared CV 1 + 2 alpha Lambda / (alpha + beta)^2 = 1 + 2 rate off^2 / (on + off).
    return std::sqrt(1 + 2 * rate_rps * off_mean_s * off_mean_s / (on_mean_s + off_mean_s));
}

double thinned_cv(double cv, double keep_share) {
    if (!finite_at_least(cv, 0) || !(keep_share >= 0 && keep_share <= 1)) return kNaN;
    return std::sqrt(keep_share * cv * cv + (1 - keep_share));
}

ServiceSummary summarize_service(const ServiceModel& service) {
    ServiceSummary out;
    const char* kNeedMean = "The mean service time must be a positive number of milliseconds.";
    switch (service.kind) {
        case ServiceKind::Deterministic:
            if (!finite_positive(service.mean_ms)) break;
            out.mean_ms = service.mean_ms, out.cv = 0, out.deterministic = true;
            return out;
        case ServiceKind::Exponential:
            if (!finite_positive(service.mean_ms)) break;
            out.mean_ms = service.mean_ms, out.cv = 1, out.exponential = true;
            return out;
        case ServiceKind::Gamma:
            if (!finite_positive(service.mean_ms)) break;
            if (!finite_positive(service.cv)) {
                out.problem = "The gamma service time needs a positive coefficient of variation.";
                return out;
            }
            out.mean_ms = service.mean_ms, out.cv = service.cv, out.exponential = service.cv == 1;
            return out;
        case ServiceKind::Lognormal: {
            const LognormalParams params = lognormal_params(service);
            if (std::isnan(params.sigma)) {
                out.problem = service.fit == LognormalFit::MeanCv
                                  ? "The lognormal service time needs a positive mean and a CV of at least 0."
                              : service.fit == LognormalFit::P50P99
                                  ? "The lognormal service time needs 0 < p50 < p99."
                                  : "The lognormal service time needs 0 < mean < p99 <= about 15 x the mean.";
                return out;
            }
            if (service.fit == LognormalFit::MeanCv) {
                out.mean_ms = service.mean_ms, out.cv = service.cv;
            } else {
                const double s2 = params.sigma * params.sigma;
                out.mean_ms = std::exp(params.mu + s2 / 2);
                out.cv = std::sqrt(std::expm1(s2));
            }
            return out;
        }
        case ServiceKind::Empirical:
        case ServiceKind::Trace: {
            const auto& x = service.samples_ms;
            if (x.empty()) {
                out.problem = "The service time samples are empty.";
                return out;
            }
            double sum = 0;
            for (double v : x) {
                if (!finite_at_least(v, 0)) {
                    out.problem = "Service time samples must be finite and not negative.";
                    return out;
                }
                sum += v;
            }
            const double mean = sum / static_cast<double>(x.size());
            if (!(mean > 0)) {
                out.problem = "The service time samples are all zero.";
                return out;
            }
            // The population sd: the simulation draws from exactly these values.
            double squares = 0;
            for (double v : x) squares += (v - mean) * (v - mean);
            out.mean_ms = mean;
            out.cv = std::sqrt(squares / static_cast<double>(x.size())) / mean;
            return out;
        }
    }
    out.problem = kNeedMean;
    return out;
}

ArrivalSummary summarize_arrivals(const ArrivalModel& arrival) {
    ArrivalSummary out;
    const char* kNeedRate = "The arrival rate must be a positive number of requests per second.";
    if (arrival.kind != ArrivalKind::Replay && !finite_positive(arrival.rate_rps)) {
        out.problem = kNeedRate;
        return out;
    }
    switch (arrival.kind) {
        case ArrivalKind::Poisson:
            out.rate_rps = arrival.rate_rps, out.cv = 1, out.poisson = true;
            return out;
        case ArrivalKind::Gamma:
            if (!finite_positive(arrival.cv)) {
                out.problem = "Gamma inter-arrival times need a positive coefficient of variation.";
                return out;
            }
            out.rate_rps = arrival.rate_rps, out.cv = arrival.cv, out.poisson = arrival.cv == 1;
            return out;
        case ArrivalKind::OnOff:
            out.cv = onoff_interarrival_cv(arrival.rate_rps, arrival.on_mean_s, arrival.off_mean_s);
            if (std::isnan(out.cv)) {
                out.problem = "On/off arrivals need a positive mean burst length and a non-negative mean silence.";
                return out;
            }
            out.rate_rps = arrival.rate_rps;
            return out;
        case ArrivalKind::Daily: {
            double sum = 0, peak = 0;
            for (double v : arrival.hourly_profile) {
                if (!finite_at_least(v, 0)) {
                    out.problem = "The daily profile's hourly values must be finite and not negative.";
                    return out;
                }
                sum += v, peak = std::max(peak, v);
            }
            if (!(sum > 0)) {
                out.problem = "The daily profile is zero at every hour.";
                return out;
            }
            // Piecewise linear between hour midpoints, so the busiest instant is the busiest hour.
            out.rate_rps = arrival.rate_rps, out.cv = 1, out.cv_exact = false;
            out.peak_factor = peak / (sum / static_cast<double>(arrival.hourly_profile.size()));
            return out;
        }
        case ArrivalKind::Replay: {
            std::vector<double> t = arrival.replay_s;
            for (double v : t) {
                if (!std::isfinite(v)) {
                    out.problem = "Replay timestamps must be finite numbers of seconds.";
                    return out;
                }
            }
            std::sort(t.begin(), t.end());
            if (t.size() < 2 || !(t.back() > t.front())) {
                out.problem = "Replay needs at least two distinct arrival timestamps.";
                return out;
            }
            const double gaps = static_cast<double>(t.size() - 1);
            const double mean_gap = (t.back() - t.front()) / gaps;
            double squares = 0;
            for (std::size_t i = 1; i < t.size(); ++i) squares += (t[i] - t[i - 1] - mean_gap) * (t[i] - t[i - 1] - mean_gap);
            out.rate_rps = 1 / mean_gap;
            out.cv = std::sqrt(squares / gaps) / mean_gap;
            return out;
        }
    }
    out.problem = kNeedRate;
    return out;
}

// ---------------------------------------------------------------- analyze

AnalyticResult analyze(const Scenario& scenario) {
    AnalyticResult r;
    r.wait_ms = nan_percentiles();
    r.latency_ms = nan_percentiles();
    if (scenario.llm.enabled) {
        r.note = "Not applicable in LLM mode: service times come from the prefill/decode model with continuous "
                 "batching, which no closed-form queue describes. See the simulation.";
        return r;
    }
    if (scenario.batching.enabled) {
        r.note = "Not applicable with dynamic batching: the service time depends on the batch the queue forms, "
                 "which no closed-form queue here describes. See the simulation.";
        return r;
    }

    const Fleet& fleet = scenario.fleet;
    std::vector<std::string> problems;
    const long long slots = static_cast<long long>(fleet.replicas) * fleet.concurrency;
    if (fleet.replicas < 1 || fleet.concurrency < 1)
        problems.push_back("The fleet needs at least one replica with at least one slot.");
    else if (slots > kMaxServers)
        problems.push_back("More than a million slots: beyond what the formulas here are meant for.");
    if (!(fleet.cache_hit_rate >= 0 && fleet.cache_hit_rate <= 1))
        problems.push_back("The cache hit rate must be between 0 and 1.");
    if (!finite_at_least(fleet.cache_latency_ms, 0))
        problems.push_back("The cache latency must be a finite, non-negative number of milliseconds.");
    const ArrivalSummary arrivals = summarize_arrivals(scenario.arrival);
    if (!arrivals.problem.empty()) problems.push_back(arrivals.problem);
    const ServiceSummary service = summarize_service(scenario.service);
    if (!service.problem.empty()) problems.push_back(service.problem);
    if (!problems.empty()) {
        r.note = "Not applicable: " + join(problems);
        return r;
    }

    r.applicable = true;
    const int c = static_cast<int>(slots);
    const double hit = fleet.cache_hit_rate;
    const double keep = 1 - hit;
    const double cache_ms = fleet.cache_latency_ms;
    r.servers = c;
    r.fleet_rate_rps = arrivals.rate_rps * keep;
    r.arrival_cv = thinned_cv(arrivals.cv, keep);  // thinning keeps Poisson Poisson (cv 1)
    r.service_mean_ms = service.mean_ms;
    r.service_cv = service.cv;
    const double lambda = r.fleet_rate_rps / 1000;  // per ms
    const double s = service.mean_ms;
    r.utilization = lambda * s / c;

    std::vector<std::string> notes;
    if (arrivals.poisson && service.exponential) {
        r.model = kModelMmc, r.exact_mean = r.exact_percentiles = true;
    } else if (arrivals.poisson && service.deterministic && c == 1) {
        r.model = kModelMd1, r.exact_mean = r.exact_percentiles = true;
    } else if (arrivals.poisson && c == 1) {
        r.model = kModelMg1, r.exact_mean = true;
        notes.push_back("The Pollaczek-Khinchine mean is exact; percentiles need the whole service time "
                        "distribution (see the simulation).");
    } else {
        r.model = kModelGgc;
        notes.push_back("Allen-Cunneen approximation from the two coefficients of variation; no percentiles.");
    }

    switch (scenario.arrival.kind) {
        case ArrivalKind::Daily:
            notes.push_back("The daily profile is taken as Poisson at its mean rate; the busiest hour runs at " +
                            format_significant(arrivals.peak_factor, 3) + "x that rate (utilisation " +
                            percent(r.utilization * arrivals.peak_factor) + ")" +
                            (r.utilization * arrivals.peak_factor >= 1 ? ", over capacity: a queue builds every day."
                                                                        : "."));
            break;
        case ArrivalKind::OnOff:
            notes.push_back("Bursts: the arrival CV is that of the on/off process (" +
                            format_significant(arrivals.cv, 3) + "); the approximation is rough when bursts "
                            "outlast many service times.");
            break;
        case ArrivalKind::Replay:
            notes.push_back("Replay: rate and CV from the timestamps' gaps; their order (bursts) is not modelled.");
            break;
        default:
            break;
    }
    if (scenario.service.kind == ServiceKind::Trace)
        notes.push_back("Trace service times count by their mean and CV only.");
    if (hit > 0)
        notes.push_back("Cache hits (" + percent(hit) + ") are answered in " + ms(cache_ms) +
                        " and mixed into latency; waits are of requests that reach the fleet.");
    if (fleet.timeout_ms > 0) notes.push_back("Ignores the timeout (requests are never abandoned here).");
    if (fleet.queue_capacity > 0) notes.push_back("Ignores the queue capacity (nothing is shed here).");
    if (scenario.autoscaling.enabled)
        notes.push_back("Ignores autoscaling: uses the " + std::to_string(fleet.replicas) + " configured replicas.");

    if (!(r.utilization < 1)) {
        r.note = "Utilisation " + percent(r.utilization) +
                 " >= 100 %: unstable, the queue grows without bound. Add replicas or slots, or lower the load. " +
                 join(notes);
        return r;
    }
    r.stable = true;

    double fleet_mean = kNaN;
    if (r.model == kModelMmc) {
        const MmcQueue q = solve_mmc(c, lambda, s);
        r.prob_wait = q.prob_wait;
        r.mean_wait_ms = q.mean_wait;
        fleet_mean = q.mean_response;
        r.wait_ms = percentiles_of(q.mean_wait, [&](double tail) { return mmc_wait_upper_quantile(q, tail); });
        r.mean_latency_ms = hit * cache_ms + keep * fleet_mean;
        r.latency_ms = percentiles_of(r.mean_latency_ms, [&](double tail) {
            return mixed_upper_quantile(tail, hit, cache_ms,
                                        [&](double fleet_tail) { return mmc_response_upper_quantile(q, fleet_tail); });
        });
    } else if (r.model == kModelMd1) {
        const Md1Queue q = solve_md1(lambda, s);
        r.prob_wait = q.utilization;
        r.mean_wait_ms = q.mean_wait;
        fleet_mean = q.mean_response;
        r.wait_ms = percentiles_of(q.mean_wait, [&](double tail) { return md1_wait_upper_quantile(q, tail); });
        r.mean_latency_ms = hit * cache_ms + keep * fleet_mean;
        r.latency_ms = percentiles_of(r.mean_latency_ms, [&](double tail) {
            return mixed_upper_quantile(tail, hit, cache_ms,
                                        [&](double fleet_tail) { return md1_wait_upper_quantile(q, fleet_tail) + s; });
        });
    } else {
        if (r.model == kModelMg1) {
            r.prob_wait = lambda * s;  // Poisson arrivals see the server busy a share rho of the time
            r.mean_wait_ms = mg1_mean_wait(lambda, s, service.cv);
        } else {
            r.prob_wait = erlang_c(c, lambda * s);
            r.mean_wait_ms = allen_cunneen_mean_wait(c, lambda, s, r.arrival_cv, service.cv);
        }
        fleet_mean = r.mean_wait_ms + s;
        r.mean_latency_ms = hit * cache_ms + keep * fleet_mean;
        r.wait_ms.mean = r.mean_wait_ms;
        r.latency_ms.mean = r.mean_latency_ms;
    }
    r.note = join(notes);
    return r;
}

}  // namespace mlwb::serving
