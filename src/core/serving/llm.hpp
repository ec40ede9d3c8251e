// A roofline model of LLM inference on GPUs, for the Serving simulator's LLM mode.
//
// One iteration of a continuous-batching engine (vLLM, TGI, TensorRT-LLM) runs the whole model
// once over every token it advances: the new prompt tokens being prefilled and one new token for
// each sequence being decoded. It takes the longer of
//   compute = FLOPs / (gpus * peak FLOP/s * compute_efficiency)
//   memory  = bytes moved / (gpus * peak bandwidth * memory_efficiency)
// with
//   FLOPs = 2 * params * (prefill tokens + decode sequences)            weight matmuls
//         + 4 * layers * hidden * (positions attended by the new tokens) attention
// (each new token attending to c positions costs 2 * hidden * c per layer for Q.K and the same
// for the weighted sum of V; hidden = heads * head_dim), and
//   bytes = weights                                  read once per iteration, whatever the batch
//         + kv_per_token * cached tokens read        the decoding sequences' contexts
//         + kv_per_token * new tokens                their keys and values written.
// Decode of a small batch therefore costs one read of the weights (memory-bound), a long prompt
// costs 2 * params FLOPs per token (compute-bound). Not modelled: tensor-parallel communication,
// kernel launch overheads, activations' memory traffic, sliding-window attention, quantisation
// kernels' speed (bytes_per_param only scales the bytes). GB means 10^9 bytes throughout.
#pragma once

#include "serving/scenario.hpp"

namespace mlwb::serving {

// ---- Sizes -------------------------------------------------------------------------------

double head_dim(const LlmModel& m);             // hidden / heads
double weights_bytes(const LlmModel& m);        // params_b * 1e9 * bytes_per_param
double kv_bytes_per_token(const LlmModel& m);   // 2 (K and V) * layers * kv_heads * head_dim * kv_bytes
// GPU memory left for weights and KV cache: gpus * memory * (1 - memory_reserved).
double usable_memory_bytes(const LlmModel& m);
// Tokens of KV cache that fit beside the weights: (usable memory - weights) / kv_per_token.
// Zero or negative means the weights alone do not fit: the replica cannot serve at all.
double kv_capacity_tokens(const LlmModel& m);
bool model_fits(const LlmModel& m);             // kv_capacity_tokens > 0
// Sequences whose KV cache fits at once when each holds the mean prompt plus the mean output
// (the length a sequence reaches before it leaves): floor(capacity / (prompt + output)), >= 0.
int max_concurrent_sequences(const LlmModel& m);

// ---- One iteration -----------------------------------------------------------------------

enum class Bound { Memory, Compute };
const char* bound_key(Bound b);  // "memory", "compute"

// What one engine iteration advances. Counts below zero are taken as zero.
struct IterationLoad {
    double prefill_tokens = 0;    // prompt tokens processed in this iteration
    // Sum over those tokens of the positions each attends to; a fresh prompt of n tokens
    // prefilled in one go attends causally: n (n + 1) / 2.
    double prefill_attended = 0;
    // Cached tokens the prefill reads (earlier chunks of a chunked prompt, a prefix-cache hit).
    double prefill_cached_tokens = 0;
    int decode_seqs = 0;          // sequences that each generate one token
    // Sum of the decoding sequences' lengths: each attends to, and reads the KV of, its whole
    // context.
    double decode_context = 0;
};

struct IterationCost {
    double flops = 0;
    double bytes = 0;
    double compute_ms = 0;
    double memory_ms = 0;
    double ms = 0;  // max(compute_ms, memory_ms); 0 for an iteration with no tokens
    Bound bound = Bound::Memory;
};

// Zero or negative peaks or efficiencies give infinite times (validate() rejects them first).
IterationCost iteration_cost(const LlmModel& m, const IterationLoad& load);

// The same for the common case: prefill_tokens of one fresh prompt (attending causally; for
// several prompts at once use iteration_cost with their summed n (n + 1) / 2), plus decode_seqs
// sequences whose lengths sum to context_tokens.
double iteration_ms(const LlmModel& m, double prefill_tokens, int decode_seqs, double context_tokens);
// A lone request's prompt: the time to its first token when nothing else runs.
double prefill_ms(const LlmModel& m, double prompt_tokens);
// One decode step of `batch` sequences, each context_per_seq tokens long.
double decode_step_ms(const LlmModel& m, int batch, double context_per_seq);

// ---- Summary for the panel and the simulator ---------------------------------------------

struct LlmEstimate {
    double weights_gb = 0;
    double kv_bytes_per_token = 0;
    double kv_capacity_tokens = 0;  // <= 0 when the model does not fit
    bool fits = false;
    int max_sequences = 0;          // by KV memory at the mean prompt + output length

    // A lone request at the mean lengths (NaN when the model does not fit).
    double ttft_ms = 0;             // prefill of the mean prompt
    Bound prefill_bound = Bound::Compute;
    double tpot_ms = 0;             // a batch-1 decode step at the mean context, prompt + output / 2
    Bound decode_bound = Bound::Memory;

    // Steady continuous batching with `batch` sequences in flight: each iteration decodes one
    // token for each and prefills, spread over iterations, the prompts of the batch / output
    // sequences that replace those finishing. The weights are read once per iteration whatever
    // the batch, so output tokens per second never fall as the batch grows: the
    // throughput-optimal batch is the largest allowed, min(max_batch_seqs, max_sequences).
    int batch = 0;                  // 0 when not even one mean-length sequence fits
    double batch_step_ms = 0;       // one such iteration (NaN when batch is 0)
    Bound batch_bound = Bound::Memory;
    double tokens_per_s = 0;        // output tokens per second per replica at that batch
    double requests_per_s = 0;      // tokens_per_s / mean output tokens
    // The batch beyond which the steady iteration is compute-bound, so more sequences stop
    // coming for free (infinite when attention's KV reads keep it memory-bound at any batch;
    // NaN when the model does not fit).
    double ridge_batch = 0;
};

LlmEstimate estimate(const LlmModel& m);

}  // namespace mlwb::serving
