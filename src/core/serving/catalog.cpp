#include "serving/catalog.hpp"

#include <climits>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>

// assets/serving/catalog.json, embedded by cmake/embed_binary.cmake (NUL-terminated; the size
// excludes the NUL).
extern const unsigned char serving_catalog_json[];
extern const std::size_t serving_catalog_json_size;

namespace mlwb::serving {

namespace {

using nlohmann::json;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Reads the fields of one catalog entry, remembering the first problem. Only non-throwing
// accessors are used (find, is_*, get after a type check): the wasm build has no exceptions,
// so a throwing accessor on a user's file would abort the page.
class EntryFields {
public:
    explicit EntryFields(const json& obj) : obj_(obj) {}

    void text(const char* key, std::string& dest, bool required) {
        const auto it = obj_.find(key);
        if (it == obj_.end()) {
            if (required) fail(std::string("'") + key + "' is missing");
            return;
        }
        if (!it->is_string()) {
            fail(std::string("'") + key + "' is not text");
            return;
        }
        dest = it->get<std::string>();
        if (required && dest.empty()) fail(std::string("'") + key + "' is empty");
    }

    // A number in [lo, hi] (lo excluded when lo_open). Absent: an error when required, else
    // dest keeps its default. True when a valid value was stored.
    bool number(const char* key, double& dest, double lo, double hi, bool lo_open, bool required = true) {
        const auto it = obj_.find(key);
        if (it == obj_.end()) {
            if (required) fail(std::string("'") + key + "' is missing");
            return false;
        }
        if (!it->is_number()) {
            fail(std::string("'") + key + "' is not a number");
            return false;
        }
        const double v = it->get<double>();
        if (!(lo_open ? v > lo : v >= lo) || !(v <= hi)) {
            fail(std::string("'") + key + "' is out of range");
            return false;
        }
        dest = v;
        return true;
    }

    // A whole number >= lo (a JSON 8.0 counts as 8).
    void integer(const char* key, int& dest, int lo, bool required = true) {
        double v = 0;
        if (!number(key, v, static_cast<double>(lo), static_cast<double>(INT_MAX), false, required)) return;
        if (v != std::floor(v)) {
            fail(std::string("'") + key + "' is not a whole number");
            return;
        }
        dest = static_cast<int>(v);
    }

    void fail(std::string problem) {
        if (problem_.empty()) problem_ = std::move(problem);
    }
    const std::string& problem() const { return problem_; }

private:
    const json& obj_;
    std::string problem_;
};

// "instance 'g5.xlarge'" when the entry has a readable name, else "instance #3" (1-based).
std::string entry_label(const char* kind, const json& entry, std::size_t index) {
    if (entry.is_object()) {
        const auto it = entry.find("name");
        if (it != entry.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
            return std::string(kind) + " '" + it->get<std::string>() + "'";
    }
    return std::string(kind) + " #" + std::to_string(index + 1);
}

void read_common(EntryFields& f, std::string& name, std::string& source, std::string& as_of, std::string& note) {
    f.text("name", name, true);
    f.text("source", source, false);
    f.text("as_of", as_of, false);
    f.text("note", note, false);
}

std::string read_instance(const json& obj, InstanceType& out) {
    EntryFields f(obj);
    read_common(f, out.name, out.source, out.as_of, out.note);
    f.text("provider", out.provider, true);
    f.integer("vcpus", out.vcpus, 1);
    f.number("memory_gb", out.memory_gb, 0, kInf, true);
    f.integer("gpus", out.gpus, 0);
    f.text("gpu", out.gpu, false);
    f.number("price_per_hour", out.price_per_hour, 0, kInf, true);
    f.text("region", out.region, false);
    f.number("spot_discount", out.spot_discount, 0, 0.99, false, false);
    if (f.problem().empty() && out.gpus > 0 && out.gpu.empty()) f.fail("'gpus' is set but 'gpu' names none");
    return f.problem();
}

std::string read_gpu(const json& obj, GpuType& out) {
    EntryFields f(obj);
    read_common(f, out.name, out.source, out.as_of, out.note);
    f.number("tflops", out.tflops, 0, kInf, true);
    f.number("bandwidth_gbs", out.bandwidth_gbs, 0, kInf, true);
    f.number("memory_gb", out.memory_gb, 0, kInf, true);
    return f.problem();
}

std::string read_model(const json& obj, ModelPreset& out) {
    EntryFields f(obj);
    read_common(f, out.name, out.source, out.as_of, out.note);
    f.number("params_b", out.params_b, 0, kInf, true);
    f.number("active_params_b", out.active_params_b, 0, kInf, false, false);
    f.integer("layers", out.layers, 1);
    f.integer("hidden", out.hidden, 1);
    f.integer("heads", out.heads, 1);
    f.integer("kv_heads", out.kv_heads, 1);
    f.integer("head_dim", out.head_dim, 0, false);
    if (f.problem().empty() && out.kv_heads > out.heads) f.fail("'kv_heads' exceeds 'heads'");
    if (f.problem().empty() && out.active_params_b > out.params_b) f.fail("'active_params_b' exceeds 'params_b'");
    return f.problem();
}

// Reads one list of the catalog into `dest`, skipping bad and repeated entries with notices.
template <class Entry, class Reader>
void read_list(const json& root, const char* key, const char* kind, Reader read, std::vector<Entry>& dest,
               std::vector<std::string>& notices) {
    const auto list = root.find(key);
    if (list == root.end()) return;
    if (!list->is_array()) {
        notices.push_back(std::string("catalog: '") + key + "' is not a list; ignored");
        return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& entry = (*list)[i];
        const std::string label = entry_label(kind, entry, i);
        if (!entry.is_object()) {
            notices.push_back("catalog: " + label + " is not an object; skipped");
            continue;
        }
        Entry value;
        const std::string problem = read(entry, value);
        if (!problem.empty()) {
            notices.push_back("catalog: " + label + " skipped: " + problem);
            continue;
        }
        bool repeated = false;
        for (const Entry& seen : dest) repeated = repeated || seen.name == value.name;
        if (repeated) {
            notices.push_back("catalog: " + label + " appears twice; the later entry is skipped");
            continue;
        }
        dest.push_back(std::move(value));
    }
}

void write_common(json& j, const std::string& source, const std::string& as_of, const std::string& note) {
    j["source"] = source;
    j["as_of"] = as_of;
    if (!note.empty()) j["note"] = note;
}

template <class Entry>
const Entry* find_by_name(const std::vector<Entry>& list, std::string_view name) {
    for (const Entry& e : list)
        if (e.name == name) return &e;
    return nullptr;
}

}  // namespace

Decoded<Catalog> catalog_from_json(const json& j) {
    Decoded<Catalog> out;
    if (!j.is_object()) {
        out.notices.push_back("catalog: not a JSON object; the catalog is empty");
        return out;
    }
    if (const auto note = j.find("note"); note != j.end()) {
        if (note->is_string()) out.value.note = note->get<std::string>();
        else out.notices.push_back("catalog: 'note' is not text; ignored");
    }
    read_list(j, "instances", "instance", read_instance, out.value.instances, out.notices);
    read_list(j, "gpus", "GPU", read_gpu, out.value.gpus, out.notices);
    read_list(j, "models", "model", read_model, out.value.models, out.notices);
    return out;
}

Decoded<Catalog> parse_catalog(std::string_view json_text) {
    const json j = json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (j.is_discarded()) {
        Decoded<Catalog> out;
        out.notices.push_back("catalog: not valid JSON; the catalog is empty");
        return out;
    }
    return catalog_from_json(j);
}

json catalog_to_json(const Catalog& c) {
    json instances = json::array();
    for (const InstanceType& i : c.instances) {
        json j = {{"name", i.name},
                  {"provider", i.provider},
                  {"vcpus", i.vcpus},
                  {"memory_gb", i.memory_gb},
                  {"gpus", i.gpus},
                  {"gpu", i.gpu},
                  {"price_per_hour", i.price_per_hour},
                  {"region", i.region},
                  {"spot_discount", i.spot_discount}};
        write_common(j, i.source, i.as_of, i.note);
        instances.push_back(std::move(j));
    }
    json gpus = json::array();
    for (const GpuType& g : c.gpus) {
        json j = {{"name", g.name}, {"tflops", g.tflops}, {"bandwidth_gbs", g.bandwidth_gbs}, {"memory_gb", g.memory_gb}};
        write_common(j, g.source, g.as_of, g.note);
        gpus.push_back(std::move(j));
    }
    json models = json::array();
    for (const ModelPreset& m : c.models) {
        json j = {{"name", m.name},   {"params_b", m.params_b}, {"layers", m.layers},
                  {"hidden", m.hidden}, {"heads", m.heads},     {"kv_heads", m.kv_heads}};
        if (m.active_params_b > 0) j["active_params_b"] = m.active_params_b;
        if (m.head_dim > 0) j["head_dim"] = m.head_dim;
        write_common(j, m.source, m.as_of, m.note);
        models.push_back(std::move(j));
    }
    json out = json::object();
    if (!c.note.empty()) out["note"] = c.note;
    out["instances"] = std::move(instances);
    out["gpus"] = std::move(gpus);
    out["models"] = std::move(models);
    return out;
}

std::string_view shipped_catalog_json() {
    return {reinterpret_cast<const char*>(serving_catalog_json), serving_catalog_json_size};
}

const Catalog& shipped_catalog() {
    // Parsed on first use; the shipped file loading with notices is a build defect the tests catch.
    static const Catalog catalog = parse_catalog(shipped_catalog_json()).value;
    return catalog;
}

const InstanceType* find_instance(const Catalog& c, std::string_view name) { return find_by_name(c.instances, name); }
const GpuType* find_gpu(const Catalog& c, std::string_view name) { return find_by_name(c.gpus, name); }
const ModelPreset* find_model(const Catalog& c, std::string_view name) { return find_by_name(c.models, name); }

void apply_model_preset(LlmModel& m, const ModelPreset& preset) {
    m.model = preset.name;
    m.params_b = preset.params_b;
    m.layers = preset.layers;
    m.hidden = preset.hidden;
    m.heads = preset.heads;
    m.kv_heads = preset.kv_heads;
    m.head_dim = preset.head_dim;
    m.active_params_b = preset.active_params_b;
}

void apply_gpu(LlmModel& m, const GpuType& gpu) {
    m.gpu = gpu.name;
    m.gpu_tflops = gpu.tflops;
    m.gpu_bandwidth_gbs = gpu.bandwidth_gbs;
    m.gpu_memory_gb = gpu.memory_gb;
}

void apply_instance(Cost& cost, const InstanceType& instance) {
    cost.instance = instance.name;
    cost.price_per_hour = instance.price_per_hour;
    cost.spot_discount = instance.spot_discount;
}

}  // namespace mlwb::serving
