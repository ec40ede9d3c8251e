// The LLM roofline against closed forms worked by hand, and the serving catalog's parser.
// Hand figures: Llama-2-7B has 6,738,415,616 parameters (config.json), 32 layers, hidden 4096,
// 32 heads of 128 and no grouped-query attention; the A100-80GB-SXM peaks are 312 dense FP16
// TFLOP/s and 2,039 GB/s; efficiencies are LlmModel's defaults (compute 0.5, memory 0.7).
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "serving/catalog.hpp"
#include "serving/llm.hpp"

namespace {

using namespace mlwb::serving;

constexpr double kLlama2Params = 6738415616.0;

bool mentions(const std::vector<std::string>& notices, const std::string& text) {
    for (const auto& n : notices)
        if (n.find(text) != std::string::npos) return true;
    return false;
}

// Llama-2-7B in FP16 on one A100-80GB-SXM, typed in rather than read from the catalog.
LlmModel llama2_7b_a100() {
    LlmModel m;
    m.enabled = true;
    m.model = "llama-2-7b";
    m.params_b = kLlama2Params / 1e9;
    m.layers = 32;
    m.hidden = 4096;
    m.heads = 32;
    m.kv_heads = 32;
    m.bytes_per_param = 2;
    m.kv_bytes = 2;
    m.gpu = "A100-80GB-SXM";
    m.gpu_tflops = 312;
    m.gpu_bandwidth_gbs = 2039;
    m.gpu_memory_gb = 80;
    m.gpus_per_replica = 1;
    m.compute_efficiency = 0.5;
    m.memory_efficiency = 0.7;
    m.memory_reserved = 0.1;
    m.max_batch_seqs = 256;
    m.prompt_tokens_mean = 1000;
    m.output_tokens_mean = 250;
    return m;
}

const double kWeights = kLlama2Params * 2;          // 13,476,831,232 bytes
const double kKvPerToken = 2.0 * 32 * 32 * 128 * 2;  // 524,288 bytes
const double kByteRate = 2039e9 * 0.7;               // bytes per second reached
const double kFlopRate = 312e12 * 0.5;               // FLOP per second reached

}  // namespace

TEST_CASE("Llama-2-7B fp16 sizes: weights, KV per token, capacity", "[serving][llm]") {
    const LlmModel m = llama2_7b_a100();
    CHECK(weights_bytes(m) == Approx(13476831232.0).epsilon(1e-12));
    CHECK(std::round(weights_bytes(m) / 1e7) / 100 == Approx(13.48));  // 13.48 GB
    CHECK(head_dim(m) == 128);
    CHECK(kv_bytes_per_token(m) == 524288);
    CHECK(usable_memory_bytes(m) == Approx(72e9));
    const double capacity = (72e9 - kWeights) / kKvPerToken;  // 111,623.9 tokens
    CHECK(kv_capacity_tokens(m) == Approx(capacity).epsilon(1e-12));
    CHECK(model_fits(m));
    CHECK(max_concurrent_sequences(m) == static_cast<int>(std::floor(capacity / 1250)));  // 89
    CHECK(max_concurrent_sequences(m) == 89);
}

TEST_CASE("decode at batch 1 is memory-bound and takes one read of the weights", "[serving][llm]") {
    const LlmModel m = llama2_7b_a100();
    // An empty context: the weights read plus one token's keys and values written.
    const double want = (kWeights + kKvPerToken) / kByteRate * 1e3;  // 9.4427 ms
    CHECK(decode_step_ms(m, 1, 0) == Approx(want).epsilon(1e-12));
    CHECK(decode_step_ms(m, 1, 0) == Approx(kWeights / kByteRate * 1e3).epsilon(1e-4));

    IterationLoad load;
    load.decode_seqs = 1;
    load.decode_context = 1000;
    const IterationCost c = iteration_cost(m, load);
    CHECK(c.bound == Bound::Memory);
    CHECK(c.flops == Approx(2 * kLlama2Params + 4.0 * 32 * 4096 * 1000).epsilon(1e-12));
    CHECK(c.bytes == Approx(kWeights + kKvPerToken * 1001).epsilon(1e-12));
    CHECK(c.ms == Approx(c.bytes / kByteRate * 1e3).epsilon(1e-12));
    CHECK(c.compute_ms < c.memory_ms / 50);
}

TEST_CASE("prefill of 2000 tokens on an A100 is compute-bound", "[serving][llm]") {
    const LlmModel m = llama2_7b_a100();
    // 2 P FLOPs per token plus causal attention, 4 * layers * hidden * 2000 * 2001 / 2.
    const double flops = 2 * kLlama2Params * 2000 + 4.0 * 32 * 4096 * (2000.0 * 2001 / 2);
    const double want = flops / kFlopRate * 1e3;  // 179.5 ms
    CHECK(prefill_ms(m, 2000) == Approx(want).epsilon(1e-12));
    CHECK(want == Approx(179.505).epsilon(1e-4));

    IterationLoad load;
    load.prefill_tokens = 2000;
    load.prefill_attended = 2000.0 * 2001 / 2;
    const IterationCost c = iteration_cost(m, load);
    CHECK(c.bound == Bound::Compute);
    CHECK(c.memory_ms == Approx((kWeights + 2000 * kKvPerToken) / kByteRate * 1e3).epsilon(1e-12));
    CHECK(iteration_ms(m, 2000, 0, 0) == Approx(c.ms).epsilon(1e-12));
    CHECK(std::string(bound_key(c.bound)) == "compute");
}

TEST_CASE("doubling a peak halves the time of the phase bound by it", "[serving][llm]") {
    const LlmModel m = llama2_7b_a100();
    LlmModel fast_memory = m;
    fast_memory.gpu_bandwidth_gbs *= 2;
    CHECK(decode_step_ms(fast_memory, 4, 800) == Approx(decode_step_ms(m, 4, 800) / 2).epsilon(1e-12));
    CHECK(prefill_ms(fast_memory, 2000) == Approx(prefill_ms(m, 2000)).epsilon(1e-12));  // compute-bound: unchanged

    LlmModel fast_compute = m;
    fast_compute.gpu_tflops *= 2;
    CHECK(prefill_ms(fast_compute, 2000) == Approx(prefill_ms(m, 2000) / 2).epsilon(1e-12));
    CHECK(decode_step_ms(fast_compute, 1, 0) == Approx(decode_step_ms(m, 1, 0)).epsilon(1e-12));

    LlmModel two_gpus = m;  // tensor parallel, communication not modelled
    two_gpus.gpus_per_replica = 2;
    CHECK(decode_step_ms(two_gpus, 1, 0) == Approx(decode_step_ms(m, 1, 0) / 2).epsilon(1e-12));
}

TEST_CASE("a batch of decodes shares one read of the weights", "[serving][llm]") {
    const LlmModel m = llama2_7b_a100();
    const double batch = 64, context = 1125;
    const double bytes = kWeights + kKvPerToken * batch * context + kKvPerToken * batch;
    const double flops = 2 * kLlama2Params * batch + 4.0 * 32 * 4096 * batch * context;
    const double want = std::max(bytes / kByteRate, flops / kFlopRate) * 1e3;
    CHECK(decode_step_ms(m, 64, context) == Approx(want).epsilon(1e-12));
    CHECK(iteration_ms(m, 0, 64, batch * context) == Approx(want).epsilon(1e-12));
    // 64 tokens cost far less than 64 lone steps.
    CHECK(decode_step_ms(m, 64, context) < 10 * decode_step_ms(m, 1, context));
}

TEST_CASE("an iteration with no tokens costs nothing and bad peaks give infinite time", "[serving][llm]") {
    LlmModel m = llama2_7b_a100();
    CHECK(iteration_ms(m, 0, 0, 5000) == 0);
    CHECK(iteration_ms(m, -3, -1, 0) == 0);
    m.gpu_tflops = 0;
    CHECK(std::isinf(prefill_ms(m, 100)));
    m = llama2_7b_a100();
    m.memory_efficiency = 0;
    CHECK(std::isinf(decode_step_ms(m, 1, 10)));
}

TEST_CASE("a model too big for its GPUs says so", "[serving][llm]") {
    LlmModel m = llama2_7b_a100();
    m.model = "llama-2-70b";
    m.params_b = 68.976648192;  // 137.95 GB in FP16, one GPU holds 72 GB after the reserve
    m.layers = 80;
    m.hidden = 8192;
    m.heads = 64;
    m.kv_heads = 8;
    CHECK(kv_capacity_tokens(m) == Approx((72e9 - 137953296384.0) / (2.0 * 80 * 8 * 128 * 2)).epsilon(1e-12));
    CHECK(kv_capacity_tokens(m) < 0);
    CHECK_FALSE(model_fits(m));
    CHECK(max_concurrent_sequences(m) == 0);
    const LlmEstimate e = estimate(m);
    CHECK_FALSE(e.fits);
    CHECK(e.max_sequences == 0);
    CHECK(e.batch == 0);
    CHECK(e.tokens_per_s == 0);
    CHECK(std::isnan(e.ttft_ms));
    CHECK(std::isnan(e.tpot_ms));

    m.gpus_per_replica = 2;  // 144 GB usable
    CHECK(model_fits(m));
    CHECK(estimate(m).fits);
}

TEST_CASE("estimate: lone request, throughput-optimal batch and ridge", "[serving][llm]") {
    LlmModel m = llama2_7b_a100();
    const LlmEstimate e = estimate(m);
    CHECK(e.fits);
    CHECK(e.weights_gb == Approx(13.476831232));
    CHECK(e.kv_bytes_per_token == 524288);
    CHECK(e.max_sequences == 89);
    CHECK(e.ttft_ms == Approx(prefill_ms(m, 1000)).epsilon(1e-12));
    CHECK(e.prefill_bound == Bound::Compute);
    CHECK(e.tpot_ms == Approx(decode_step_ms(m, 1, 1000 + 125)).epsilon(1e-12));
    CHECK(e.decode_bound == Bound::Memory);

    // KV memory limits the batch (89 < 256). The steady iteration, as the header describes it:
    // 89 decodes at context 1000 + 125 and 89 * 1000 / 250 prompt tokens prefilled.
    CHECK(e.batch == 89);
    IterationLoad steady;
    steady.decode_seqs = 89;
    steady.decode_context = 89 * 1125.0;
    steady.prefill_tokens = 89 * 1000.0 / 250;
    steady.prefill_attended = steady.prefill_tokens * 1001 / 2;
    const IterationCost step = iteration_cost(m, steady);
    CHECK(e.batch_step_ms == Approx(step.ms).epsilon(1e-12));
    CHECK(e.batch_bound == step.bound);
    CHECK(e.tokens_per_s == Approx(89 / step.ms * 1e3).epsilon(1e-12));
    CHECK(e.requests_per_s == Approx(e.tokens_per_s / 250).epsilon(1e-12));
    CHECK(e.tokens_per_s > 15 * (1e3 / e.tpot_ms));  // 1,919 against 101 alone

    m.max_batch_seqs = 16;  // the engine's limit binds instead
    CHECK(estimate(m).batch == 16);
    CHECK(estimate(m).tokens_per_s < e.tokens_per_s);

    // Llama-3-8B (8 KV heads) on an H100: the steady iteration turns compute-bound past the ridge.
    LlmModel l3;
    const LlmEstimate e3 = estimate(l3);
    REQUIRE(std::isfinite(e3.ridge_batch));
    auto steady_bound = [&](int batch) {
        IterationLoad load;
        load.decode_seqs = batch;
        load.decode_context = batch * (l3.prompt_tokens_mean + l3.output_tokens_mean / 2);
        load.prefill_tokens = batch * l3.prompt_tokens_mean / l3.output_tokens_mean;
        load.prefill_attended = load.prefill_tokens * (l3.prompt_tokens_mean + 1) / 2;
        return iteration_cost(l3, load).bound;
    };
    const int below = static_cast<int>(std::floor(e3.ridge_batch)) - 1;
    const int above = static_cast<int>(std::ceil(e3.ridge_batch)) + 1;
    CHECK(below > 1);
    CHECK(steady_bound(below) == Bound::Memory);
    CHECK(steady_bound(above) == Bound::Compute);
}

TEST_CASE("the shipped catalog loads with no notices and cites every figure", "[serving][llm][catalog]") {
    const auto decoded = parse_catalog(shipped_catalog_json());
    for (const auto& n : decoded.notices) FAIL_CHECK(n);
    CHECK(decoded.notices.empty());
    const Catalog& c = shipped_catalog();
    CHECK(c == decoded.value);
    CHECK_FALSE(c.note.empty());

    for (const char* name : {"c6i.xlarge", "c6i.2xlarge", "c7g.2xlarge", "m6i.2xlarge", "inf2.xlarge", "g4dn.xlarge",
                             "g5.xlarge", "g6.xlarge", "p4d.24xlarge", "p5.48xlarge", "n2-standard-8", "g2-standard-8",
                             "a2-highgpu-1g", "a3-highgpu-8g", "Standard_NC24ads_A100_v4"})
        CHECK(find_instance(c, name) != nullptr);
    for (const char* name :
         {"T4", "A10G", "L4", "L40S", "A100-40GB", "A100-80GB-SXM", "H100-SXM", "H100-PCIe", "H200"})
        CHECK(find_gpu(c, name) != nullptr);
    for (const char* name : {"llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "mistral-7b",
                             "mixtral-8x7b", "qwen2-7b", "gemma-2-9b", "phi-3-mini"})
        CHECK(find_model(c, name) != nullptr);
    CHECK(find_model(c, "gpt-5") == nullptr);

    // A date the source states: a year, a month or a day, not after the day the file was written.
    const std::regex date(R"(\d{4}(-\d{2}(-\d{2})?)?)");
    auto cited = [&](const std::string& name, const std::string& source, const std::string& as_of) {
        INFO(name);
        CHECK(source.rfind("https://", 0) == 0);
        CHECK(std::regex_match(as_of, date));
        CHECK(as_of <= std::string("2026-11-23"));
    };
    for (const auto& i : c.instances) {
        cited(i.name, i.source, i.as_of);
        if (i.gpu != "Inferentia2" && i.gpus > 0) CHECK(find_gpu(c, i.gpu) != nullptr);
    }
    for (const auto& g : c.gpus) cited(g.name, g.source, g.as_of);
    for (const auto& m : c.models) cited(m.name, m.source, m.as_of);
}

TEST_CASE("presets from the catalog give the hand-computed sizes", "[serving][llm][catalog]") {
    const Catalog& c = shipped_catalog();
    LlmModel m;
    apply_model_preset(m, *find_model(c, "llama-2-7b"));
    apply_gpu(m, *find_gpu(c, "A100-80GB-SXM"));
    CHECK(m.model == "llama-2-7b");
    CHECK(m.gpu == "A100-80GB-SXM");
    CHECK(weights_bytes(m) == Approx(kWeights).epsilon(1e-12));
    CHECK(kv_bytes_per_token(m) == 524288);
    CHECK(decode_step_ms(m, 1, 0) == Approx((kWeights + kKvPerToken) / kByteRate * 1e3).epsilon(1e-12));

    apply_model_preset(m, *find_model(c, "llama-3-8b"));
    CHECK(kv_bytes_per_token(m) == 2.0 * 32 * 8 * 128 * 2);  // 131,072: grouped-query attention

    // Gemma 2's heads are 256 wide, not 3584 / 16: the preset carries head_dim, so the KV cache
    // is 2 * 42 layers * 8 KV heads * 256 * 2 bytes.
    apply_model_preset(m, *find_model(c, "gemma-2-9b"));
    CHECK(m.heads == 16);
    CHECK(head_dim(m) == 256);
    CHECK(kv_bytes_per_token(m) == 2.0 * 42 * 8 * 256 * 2);

    const ModelPreset& mixtral = *find_model(c, "mixtral-8x7b");
    CHECK(mixtral.active_params_b == Approx(12.9));
    apply_model_preset(m, mixtral);
    CHECK(m.params_b == Approx(46.702792704));  // what must fit in memory

    Cost cost;
    apply_instance(cost, *find_instance(c, "g5.xlarge"));
    CHECK(cost.instance == "g5.xlarge");
    CHECK(cost.price_per_hour == 1.006);
    CHECK(cost.spot_discount == 0.6);
}

TEST_CASE("parse_catalog survives broken JSON", "[serving][llm][catalog]") {
    auto d = parse_catalog("{\"gpus\": [ {\"name\": \"T4\", ");
    CHECK(d.value == Catalog{});
    REQUIRE(d.notices.size() == 1);
    CHECK(mentions(d.notices, "not valid JSON"));

    d = parse_catalog("[1, 2]");
    CHECK(d.value == Catalog{});
    CHECK(mentions(d.notices, "not a JSON object"));

    d = parse_catalog("{\"gpus\": {\"T4\": 65}, \"note\": 7}");
    CHECK(d.value.gpus.empty());
    CHECK(mentions(d.notices, "'gpus' is not a list"));
    CHECK(mentions(d.notices, "'note' is not text"));

    CHECK(parse_catalog("").notices.size() == 1);
}

TEST_CASE("a bad catalog entry is skipped with a notice naming it", "[serving][llm][catalog]") {
    const char* text = R"({
      "gpus": [
        {"name": "T4", "tflops": 65, "bandwidth_gbs": 320, "memory_gb": 16, "source": "https://x", "as_of": "2018-09-12"},
        {"name": "Slow", "tflops": "fast", "bandwidth_gbs": 320, "memory_gb": 16},
        {"name": "Zero", "tflops": 0, "bandwidth_gbs": 320, "memory_gb": 16},
        42,
        {"tflops": 1, "bandwidth_gbs": 1, "memory_gb": 1},
        {"name": "T4", "tflops": 1, "bandwidth_gbs": 1, "memory_gb": 1}
      ],
      "models": [
        {"name": "tiny", "params_b": 1, "layers": 4.0, "hidden": 512, "heads": 8, "kv_heads": 8, "future_key": true},
        {"name": "odd", "params_b": 1, "layers": 4.5, "hidden": 512, "heads": 8, "kv_heads": 8},
        {"name": "gqa", "params_b": 1, "layers": 4, "hidden": 512, "heads": 8, "kv_heads": 16}
      ],
      "instances": [
        {"name": "box", "provider": "aws", "vcpus": 2, "memory_gb": 4, "gpus": 0, "price_per_hour": 0.1},
        {"name": "gpubox", "provider": "aws", "vcpus": 2, "memory_gb": 4, "gpus": 1, "price_per_hour": 1},
        {"name": "free", "provider": "aws", "vcpus": 2, "memory_gb": 4, "gpus": 0, "price_per_hour": 0.1, "spot_discount": 1}
      ]
    })";
    const auto d = parse_catalog(text);
    REQUIRE(d.value.gpus.size() == 1);
    CHECK(d.value.gpus[0].name == "T4");
    CHECK(d.value.gpus[0].tflops == 65);
    CHECK(mentions(d.notices, "GPU 'Slow' skipped: 'tflops' is not a number"));
    CHECK(mentions(d.notices, "GPU 'Zero' skipped: 'tflops' is out of range"));
    CHECK(mentions(d.notices, "GPU #4 is not an object"));
    CHECK(mentions(d.notices, "GPU #5 skipped: 'name' is missing"));
    CHECK(mentions(d.notices, "GPU 'T4' appears twice"));

    REQUIRE(d.value.models.size() == 1);
    CHECK(d.value.models[0].layers == 4);
    CHECK(mentions(d.notices, "model 'odd' skipped: 'layers' is not a whole number"));
    CHECK(mentions(d.notices, "model 'gqa' skipped: 'kv_heads' exceeds 'heads'"));

    REQUIRE(d.value.instances.size() == 1);
    CHECK(d.value.instances[0].name == "box");
    CHECK(d.value.instances[0].spot_discount == 0);
    CHECK(mentions(d.notices, "instance 'gpubox' skipped: 'gpus' is set but 'gpu' names none"));
    CHECK(mentions(d.notices, "instance 'free' skipped: 'spot_discount' is out of range"));
    CHECK(d.notices.size() == 9);
}

TEST_CASE("a catalog round-trips through catalog_to_json", "[serving][llm][catalog]") {
    const Catalog& shipped = shipped_catalog();
    const auto again = catalog_from_json(catalog_to_json(shipped));
    CHECK(again.notices.empty());
    CHECK(again.value == shipped);

    // Through text too, as a user's edited file would come back.
    Catalog edited = shipped;
    edited.instances[0].price_per_hour = 0.123456789;
    edited.instances[0].note.clear();
    edited.models[0].head_dim = 64;
    const auto from_text = parse_catalog(catalog_to_json(edited).dump(2));
    CHECK(from_text.notices.empty());
    CHECK(from_text.value == edited);
    CHECK_FALSE(catalog_to_json(edited)["instances"][0].contains("note"));
}
