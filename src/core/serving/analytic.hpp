// Closed-form queueing results for the Serving simulator: what theory says the latency of a
// scenario should be, shown next to the simulation and used to check it.
//
// Building blocks first, in any one time unit the caller chooses (rates per that unit):
//   erlang_b, erlang_c    blocking and waiting probabilities of c servers at offered load a = lambda S;
//   M/M/c (exact)         utilisation, P(wait), mean wait and response, survival functions and
//                         quantiles of the wait and of the response time (wait + exponential service);
//   M/D/1 (exact)         mean wait (Pollaczek-Khinchine) and the waiting-time distribution;
//   M/G/1                 Pollaczek-Khinchine mean wait, exact for the mean only;
//   G/G/c                 Allen-Cunneen mean wait, an approximation.
// Then analyze(Scenario), which picks the model a scenario fits and reports in milliseconds.
//
// Nothing here throws or aborts: impossible inputs give NaN (building blocks) or a result whose
// note says why (analyze).
#pragma once

#include <array>
#include <limits>
#include <string>

#include "serving/samplers.hpp"
#include "serving/scenario.hpp"
#include "serving/sim_result.hpp"

namespace mlwb::serving {

inline constexpr double kAnalyticNaN = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------- Erlang formulas

// Erlang B: the share of arrivals that find all `servers` busy when there is no waiting room,
// at offered load a = lambda / mu (in servers). Computed by the recursion
// B(k) = a B(k-1) / (k + a B(k-1)), which stays within [0, 1] at every step, so c = 10^4 and
// beyond cost c steps and never overflow. NaN for servers < 0 or a < 0.
double erlang_b(int servers, double offered_load);

// Erlang C: the probability that an arrival to M/M/c waits, c B / (c - a + a B).
// NaN unless servers >= 1 and 0 <= a < servers (at a >= c the queue is unstable).
double erlang_c(int servers, double offered_load);

// ---------------------------------------------------------------- M/M/c

// An M/M/c queue with its derived quantities. Time unit: the caller's.
struct MmcQueue {
    int servers = 1;
    double arrival_rate = 0;   // lambda
    double mean_service = 0;   // S = 1 / mu
    double offered_load = 0;   // a = lambda S, busy servers on average
    double utilization = 0;    // a / c
    bool stable = false;       // valid inputs and utilization < 1; otherwise the rest is NaN
    double prob_wait = kAnalyticNaN;     // Erlang C
    double drain_rate = kAnalyticNaN;    // c mu - lambda: given a wait, it is exponential at this rate
    double mean_wait = kAnalyticNaN;     // C / (c mu - lambda)
    double mean_response = kAnalyticNaN; // mean_wait + S
};

MmcQueue solve_mmc(int servers, double arrival_rate, double mean_service);

// P(W > t) = C e^{-(c mu - lambda) t}.
double wait_survival(const MmcQueue& q, double t);
// P(W + S > t), S ~ Exp(mu) independent of W:
//   (1 - C) e^{-mu t} + C (mu e^{-theta t} - theta e^{-mu t}) / (mu - theta),  theta = c mu - lambda,
// evaluated as e^{-mu t} (1 + mu t (1 - e^{-(theta - mu) t}) / ((theta - mu) t)) near theta = mu,
// whose limit theta = mu is C e^{-mu t} (1 + mu t).
double response_survival(const MmcQueue& q, double t);
// Smallest t with P(W <= t) >= p: 0 when p <= 1 - C, else ln(C / (1 - p)) / theta.
double wait_quantile(const MmcQueue& q, double p);
// Smallest t with P(W + S <= t) >= p, by root finding on response_survival.
double response_quantile(const MmcQueue& q, double p);

// ---------------------------------------------------------------- M/D/1

// Below this many service times the M/D/1 waiting-time survival is summed exactly; from there on
// the single exponential of the dominant pole is exact to double precision (see analytic.cpp).
inline constexpr int kMd1ExactSpan = 20;

// An M/D/1 queue: Poisson arrivals, one server, every service takes exactly D.
struct Md1Queue {
    double arrival_rate = 0;   // lambda
    double service_time = 0;   // D
    double utilization = 0;    // rho = lambda D
    bool stable = false;
    double mean_wait = kAnalyticNaN;      // Pollaczek-Khinchine: rho D / (2 (1 - rho))
    double mean_response = kAnalyticNaN;  // mean_wait + D
    // P(W > t) = tail_constant e^{-tail_rate t} for t >= kMd1ExactSpan D, where tail_rate D is the
    // positive root x of rho (e^x - 1) = x and tail_constant = (1 - rho) / (x - (1 - rho)).
    double tail_rate = kAnalyticNaN;
    double tail_constant = kAnalyticNaN;
    // P(N > n), n = 0 .. kMd1ExactSpan + 1: the stationary number in system, from the embedded chain.
    std::array<double, kMd1ExactSpan + 2> queue_tail{};
};

Md1Queue solve_md1(double arrival_rate, double service_time);

double wait_survival(const Md1Queue& q, double t);      // P(W > t)
double response_survival(const Md1Queue& q, double t);  // P(W + D > t)
double wait_quantile(const Md1Queue& q, double p);      // 0 when p <= 1 - rho
double response_quantile(const Md1Queue& q, double p);  // wait_quantile + D

// ---------------------------------------------------------------- M/G/1 and G/G/c means

// Pollaczek-Khinchine: Wq = rho (1 + cs^2) / 2 * S / (1 - rho), rho = lambda S; exact for Poisson
// arrivals and any service law with mean S and coefficient of variation cs. NaN when unstable.
double mg1_mean_wait(double arrival_rate, double mean_service, double service_cv);

// Allen-Cunneen: Wq(M/M/c) * (ca^2 + cs^2) / 2, an approximation for renewal arrivals of
// coefficient of variation ca and service of cs. NaN when unstable.
double allen_cunneen_mean_wait(int servers, double arrival_rate, double mean_service, double arrival_cv,
                               double service_cv);

// ---------------------------------------------------------------- what a scenario's models give

// Coefficient of variation of the gaps between arrivals of an on/off source (exponential on and
// off periods, Poisson at rate * (on + off) / on while on). It is a renewal process (every arrival
// happens while on, and the future is memoryless), with squared CV 1 + 2 rate off^2 / (on + off);
// seconds and requests per second.
double onoff_interarrival_cv(double rate_rps, double on_mean_s, double off_mean_s);

// A renewal process of gap CV `cv` that keeps each arrival with probability keep_share (the
// cache takes the others) is a renewal process whose gap is a geometric sum of gaps:
// squared CV keep * cv^2 + (1 - keep).
double thinned_cv(double cv, double keep_share);

// lognormal_params(ServiceModel) lives in samplers.hpp: the simulator draws from the very same fit.

// Mean and coefficient of variation of a service model, or why there are none.
struct ServiceSummary {
    double mean_ms = kAnalyticNaN;
    double cv = kAnalyticNaN;     // Empirical and Trace: population sd / mean of the samples
    bool exponential = false;     // Exponential, or Gamma with cv 1
    bool deterministic = false;
    std::string problem;          // empty when usable
};
ServiceSummary summarize_service(const ServiceModel& service);

// Long-run rate and coefficient of variation of inter-arrival times, or why there are none.
struct ArrivalSummary {
    double rate_rps = kAnalyticNaN;  // Replay: (n - 1) / span of the timestamps
    double cv = kAnalyticNaN;
    bool poisson = false;            // Poisson, or Gamma with cv 1
    bool cv_exact = true;            // false for Daily (a time-varying Poisson rate taken at its mean)
    double peak_factor = 1;          // Daily: busiest hour / mean rate
    std::string problem;
};
ArrivalSummary summarize_arrivals(const ArrivalModel& arrival);

// ---------------------------------------------------------------- the scenario's answer

inline constexpr const char* kModelMmc = "M/M/c";
inline constexpr const char* kModelMd1 = "M/D/1";
inline constexpr const char* kModelMg1 = "M/G/1";
inline constexpr const char* kModelGgc = "G/G/c (Allen-Cunneen)";

// Times in ms. Waits (prob_wait, mean_wait_ms, wait_ms) are of requests that reach the fleet: a
// cache hit never queues. Latency mixes in the hits, answered at fleet.cache_latency_ms (a miss
// pays no cache latency). Fields that a model cannot give are NaN.
struct AnalyticResult {
    bool applicable = false;         // false: batching, LLM mode or unusable inputs; `note` says why
    std::string model;               // one of kModel*, empty when not applicable
    bool exact_mean = false;         // the formula is exact for the modelled queue (see `note`)
    bool exact_percentiles = false;  // percentiles given, and exact (M/M/c, M/D/1); otherwise NaN
    bool stable = false;             // utilization < 1
    int servers = 0;                 // replicas x concurrency
    double fleet_rate_rps = kAnalyticNaN;  // arrivals that miss the cache
    double service_mean_ms = kAnalyticNaN;
    double service_cv = kAnalyticNaN;
    double arrival_cv = kAnalyticNaN;      // of the fleet's arrivals, after the cache's thinning
    double utilization = kAnalyticNaN;     // fleet_rate x service mean / servers; >= 1 when unstable
    double prob_wait = kAnalyticNaN;       // M/G/1: rho; G/G/c: Erlang C of the same load (approximate)
    double mean_wait_ms = kAnalyticNaN;
    double mean_latency_ms = kAnalyticNaN;
    Percentiles wait_ms;     // .mean = mean_wait_ms
    Percentiles latency_ms;  // .mean = mean_latency_ms
    std::string note;        // why not applicable or unstable, what is approximate, what is ignored
};

AnalyticResult analyze(const Scenario& scenario);

}  // namespace mlwb::serving
