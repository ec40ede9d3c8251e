#include "serving/llm.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

namespace mlwb::serving {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double non_negative(double x) { return x > 0 ? x : 0; }  // also maps NaN to 0

// Time in ms to do `amount` at `rate` per second; infinite when the rate is not positive.
double ms_at(double amount, double rate_per_s) {
    if (amount <= 0) return 0;
    if (!(rate_per_s > 0)) return kInf;
    return amount / rate_per_s * 1e3;
}

double flop_rate(const LlmModel& m) {
    return m.gpus_per_replica * m.gpu_tflops * 1e12 * m.compute_efficiency;
}

double byte_rate(const LlmModel& m) {
    return m.gpus_per_replica * m.gpu_bandwidth_gbs * 1e9 * m.memory_efficiency;
}

// A steady continuous-batching iteration with `batch` sequences at the mean lengths (see
// LlmEstimate): every term is proportional to the batch except the weights' read.
IterationLoad steady_load(const LlmModel& m, double batch) {
    const double prompt = non_negative(m.prompt_tokens_mean);
    const double output = std::max(1.0, m.output_tokens_mean);
    IterationLoad load;
    load.decode_seqs = static_cast<int>(batch);
    load.decode_context = batch * (prompt + output / 2);
    load.prefill_tokens = batch * prompt / output;
    load.prefill_attended = load.prefill_tokens * (prompt + 1) / 2;
    return load;
}

}  // namespace

double head_dim(const LlmModel& m) {
    if (m.head_dim > 0) return m.head_dim;
    return m.heads > 0 ? static_cast<double>(m.hidden) / m.heads : 0;
}

double weights_bytes(const LlmModel& m) {
    return m.params_b * 1e9 * m.bytes_per_param;
}

double kv_bytes_per_token(const LlmModel& m) {
    return 2.0 * m.layers * m.kv_heads * head_dim(m) * m.kv_bytes;
}

double usable_memory_bytes(const LlmModel& m) {
    return m.gpus_per_replica * m.gpu_memory_gb * 1e9 * (1 - m.memory_reserved);
}

double kv_capacity_tokens(const LlmModel& m) {
    const double free_bytes = usable_memory_bytes(m) - weights_bytes(m);
    const double per_token = kv_bytes_per_token(m);
    if (!(per_token > 0)) return free_bytes > 0 ? kInf : 0;
    return free_bytes / per_token;
}

bool model_fits(const LlmModel& m) {
    return kv_capacity_tokens(m) > 0;
}

int max_concurrent_sequences(const LlmModel& m) {
    const double capacity = kv_capacity_tokens(m);
    if (!(capacity > 0)) return 0;
    const double length = std::max(1.0, non_negative(m.prompt_tokens_mean) + non_negative(m.output_tokens_mean));
    const double n = std::floor(capacity / length);
    return n >= INT_MAX ? INT_MAX : static_cast<int>(n);
}

const char* bound_key(Bound b) {
    return b == Bound::Compute ? "compute" : "memory";
}

IterationCost iteration_cost(const LlmModel& m, const IterationLoad& load) {
    IterationCost out;
    const double prefill = non_negative(load.prefill_tokens);
    const double decode = load.decode_seqs > 0 ? load.decode_seqs : 0;
    const double new_tokens = prefill + decode;
    if (new_tokens <= 0) return out;  // an idle engine reads nothing

    // A mixture of experts holds every expert in memory but computes with the active ones.
    const double params = (m.active_params_b > 0 ? m.active_params_b : m.params_b) * 1e9;
    const double attended = non_negative(load.prefill_attended) + non_negative(load.decode_context);
    out.flops = 2 * params * new_tokens + 4.0 * m.layers * m.heads * head_dim(m) * attended;

    const double kv = kv_bytes_per_token(m);
    const double cached_read = non_negative(load.prefill_cached_tokens) + non_negative(load.decode_context);
    out.bytes = weights_bytes(m) + kv * cached_read + kv * new_tokens;

    out.compute_ms = ms_at(out.flops, flop_rate(m));
    out.memory_ms = ms_at(out.bytes, byte_rate(m));
    out.bound = out.compute_ms > out.memory_ms ? Bound::Compute : Bound::Memory;
    out.ms = std::max(out.compute_ms, out.memory_ms);
    return out;
}

double iteration_ms(const LlmModel& m, double prefill_tokens, int decode_seqs, double context_tokens) {
    IterationLoad load;
    load.prefill_tokens = prefill_tokens;
    load.prefill_attended = non_negative(prefill_tokens) * (non_negative(prefill_tokens) + 1) / 2;
    load.decode_seqs = decode_seqs;
    load.decode_context = context_tokens;
    return iteration_cost(m, load).ms;
}

double prefill_ms(const LlmModel& m, double prompt_tokens) {
    return iteration_ms(m, prompt_tokens, 0, 0);
}

double decode_step_ms(const LlmModel& m, int batch, double context_per_seq) {
    return iteration_ms(m, 0, batch, (batch > 0 ? batch : 0) * non_negative(context_per_seq));
}

LlmEstimate estimate(const LlmModel& m) {
    LlmEstimate e;
    e.weights_gb = weights_bytes(m) / 1e9;
    e.kv_bytes_per_token = kv_bytes_per_token(m);
    e.kv_capacity_tokens = kv_capacity_tokens(m);
    e.fits = e.kv_capacity_tokens > 0;
    e.max_sequences = max_concurrent_sequences(m);
    e.ttft_ms = e.tpot_ms = e.batch_step_ms = e.ridge_batch = kNaN;
    if (!e.fits) return e;

    const double prompt = non_negative(m.prompt_tokens_mean);
    const double output = non_negative(m.output_tokens_mean);

    IterationLoad lone_prefill;
    lone_prefill.prefill_tokens = prompt;
    lone_prefill.prefill_attended = prompt * (prompt + 1) / 2;
    const IterationCost ttft = iteration_cost(m, lone_prefill);
    e.ttft_ms = ttft.ms;
    e.prefill_bound = ttft.bound;

    IterationLoad lone_decode;
    lone_decode.decode_seqs = 1;
    lone_decode.decode_context = prompt + output / 2;
    const IterationCost tpot = iteration_cost(m, lone_decode);
    e.tpot_ms = tpot.ms;
    e.decode_bound = tpot.bound;

    // Ridge: compute grows as a * batch, memory as W + b * batch.
    const IterationCost one = iteration_cost(m, steady_load(m, 1));
    const double weights_ms = ms_at(weights_bytes(m), byte_rate(m));
    const double a = one.compute_ms;
    const double b = one.memory_ms - weights_ms;
    e.ridge_batch = a > b ? weights_ms / (a - b) : kInf;

    e.batch = std::max(0, std::min(m.max_batch_seqs, e.max_sequences));
    if (e.batch == 0) return e;
    const IterationCost step = iteration_cost(m, steady_load(m, e.batch));
    e.batch_step_ms = step.ms;
    e.batch_bound = step.bound;
    e.tokens_per_s = step.ms > 0 ? e.batch / step.ms * 1e3 : 0;
    e.requests_per_s = e.tokens_per_s / std::max(1.0, output);
    return e;
}

}  // namespace mlwb::serving
