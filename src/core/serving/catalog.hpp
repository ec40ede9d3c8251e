// The Serving simulator's reference data: cloud instance types with their on-demand prices,
// GPUs with their datasheet peaks, and open LLMs with the shapes the roofline needs. The shipped
// list is assets/serving/catalog.json, compiled in; every entry names the page its numbers come
// from (`source`) and the date that page gives them (`as_of`), because prices and specs change
// and the user must be able to see how old a figure is. A user-edited catalog goes through the
// same forgiving parser and round-trips through catalog_to_json.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "serving/scenario.hpp"
#include "util/outcome.hpp"

namespace mlwb::serving {

struct InstanceType {
    std::string name;      // "g5.xlarge", the provider's own spelling
    std::string provider;  // "aws", "gcp", "azure"
    int vcpus = 0;
    double memory_gb = 0;  // host memory as the provider lists it (AWS and Azure list GiB)
    int gpus = 0;          // accelerators attached; 0 for CPU-only machines
    std::string gpu;       // a GpuType name, another accelerator's name, or "" for none
    double price_per_hour = 0;  // on-demand, USD, Linux, in `region`
    std::string region;
    double spot_discount = 0;   // typical share off on-demand for spot capacity, in [0, 1)
    std::string source;
    std::string as_of;
    std::string note;
    bool operator==(const InstanceType&) const = default;
};

struct GpuType {
    std::string name;           // "H100-SXM"
    double tflops = 0;          // peak dense FP16/BF16 tensor TFLOP/s, without 2:4 sparsity
    double bandwidth_gbs = 0;   // peak memory bandwidth, GB/s
    double memory_gb = 0;
    std::string source;
    std::string as_of;
    std::string note;
    bool operator==(const GpuType&) const = default;
};

struct ModelPreset {
    std::string name;        // "llama-3-8b"
    double params_b = 0;     // all parameters, billions (what must sit in GPU memory)
    double active_params_b = 0;  // mixture of experts: parameters used per token; 0 = dense (all)
    int layers = 0;
    int hidden = 0;
    int heads = 0;
    int kv_heads = 0;
    int head_dim = 0;        // 0 = hidden / heads; set when the model differs (Gemma 2)
    std::string source;
    std::string as_of;
    std::string note;
    bool operator==(const ModelPreset&) const = default;
};

struct Catalog {
    std::vector<InstanceType> instances;
    std::vector<GpuType> gpus;
    std::vector<ModelPreset> models;
    std::string note;  // the file's own remarks (how prices were taken, what moves)
    bool operator==(const Catalog&) const = default;
};

// Forgiving: text that is not JSON gives an empty catalog and a notice; an entry that is not an
// object, lacks a name, repeats a name, or has a missing, mistyped or out-of-range number is
// skipped with a notice naming it; the rest is kept. Unknown keys are ignored. Never throws.
Decoded<Catalog> parse_catalog(std::string_view json_text);
Decoded<Catalog> catalog_from_json(const nlohmann::json& j);
nlohmann::json catalog_to_json(const Catalog& c);

// The compiled-in assets/serving/catalog.json, and the catalog parsed from it once.
std::string_view shipped_catalog_json();
const Catalog& shipped_catalog();

// By exact name; nullptr when absent.
const InstanceType* find_instance(const Catalog& c, std::string_view name);
const GpuType* find_gpu(const Catalog& c, std::string_view name);
const ModelPreset* find_model(const Catalog& c, std::string_view name);

// Copies a preset's shape into the LLM inputs (precision, GPU and traffic are left alone).
// LlmModel derives head_dim as hidden / heads and has one parameter count: a preset with its own
// head_dim (Gemma 2: 256, not 3584 / 16 = 224) sets `heads` to hidden / head_dim when that
// divides, so the KV cache size is exact (the attention FLOPs then use hidden instead of
// heads * head_dim); a mixture of experts keeps its total parameters, which is what must fit in
// memory and what decode reads once a batch touches every expert.
void apply_model_preset(LlmModel& m, const ModelPreset& preset);
void apply_gpu(LlmModel& m, const GpuType& gpu);
// Copies the instance's name, on-demand price and typical spot discount into the cost inputs.
void apply_instance(Cost& cost, const InstanceType& instance);

}  // namespace mlwb::serving
