// The transparent rules behind a checklist: ordered keyword tables for an item's role, stage
// and instrument. A keyword matches at the start of a word (so "monitor" finds "monitoring"
// but "train" does not find "constraint"); a keyword ending in '$' must also end a word.
// Roles: a section title is checked against the table in order and the first keyword found
// wins. Stages and instruments: the keyword that occurs earliest in the item's text wins (the
// lead words name the subject), the table order breaking ties ("data quality" is a drift
// keyword before "data" is a data one); an item without one takes its innermost section's.
#include <vector>

#include "persona/checklist.hpp"
#include "util/ascii.hpp"

namespace mlwb::persona {

namespace {

struct Keyword {
    std::string_view word;
    std::string_view value;
};

bool is_word_char(char c) { return ascii_alnum(c) || (static_cast<unsigned char>(c) & 0x80) != 0; }

// Lowercase ASCII, '_' as a space (XML names: mandatory_gates), whitespace runs as one space,
// so "data  quality" and "data\nquality" both match the keyword "data quality".
std::string lower_words(std::string_view text) {
    std::string out(text.size(), '\0');  // written by index: per-byte appends are slow in wasm
    std::size_t n = 0;
    for (const char ch : text) {
        char c = ascii_to_lower(ch);
        if (c == '_' || c == '\n' || c == '\t') c = ' ';
        if (c == ' ' && n > 0 && out[n - 1] == ' ') continue;
        out[n++] = c;
    }
    out.resize(n);
    return out;
}

// A keyword table indexed by first character, so a text is scanned once, word start by word
// start, instead of once per keyword: extraction is ~20x faster, which the parse budget needs.
class KeywordIndex {
public:
    template <std::size_t N>
    explicit KeywordIndex(const Keyword (&table)[N]) : table_(table), size_(N) {
        for (std::size_t i = 0; i < N; ++i)
            if (!table[i].word.empty()) buckets_[static_cast<unsigned char>(table[i].word[0])].push_back(i);
    }

    // The hit with the lowest table index anywhere in the text (roles: table order decides).
    const Keyword* first_in_table(std::string_view lower) const { return scan(lower, false); }
    // The hit at the earliest word start; at one position, the lowest table index.
    const Keyword* earliest(std::string_view lower) const { return scan(lower, true); }

private:
    const Keyword* scan(std::string_view lower, bool earliest) const {
        std::size_t best = size_;
        for (std::size_t at = 0; at < lower.size(); ++at) {
            if (!is_word_char(lower[at]) || (at > 0 && is_word_char(lower[at - 1]))) continue;
            for (const std::size_t k : buckets_[static_cast<unsigned char>(lower[at])])
                if (k < best && matches_at(lower, at, table_[k].word)) best = k;
            if (earliest && best < size_) break;
        }
        return best < size_ ? &table_[best] : nullptr;
    }

    static bool matches_at(std::string_view lower, std::size_t at, std::string_view word) {
        const bool whole = word.back() == '$';
        if (whole) word.remove_suffix(1);
        if (lower.compare(at, word.size(), word) != 0) return false;
        const std::size_t end = at + word.size();
        return !whole || end >= lower.size() || !is_word_char(lower[end]);
    }

    const Keyword* table_;
    std::size_t size_;
    std::vector<std::size_t> buckets_[256];
};

std::string keyword_text(std::string_view word) {
    if (!word.empty() && word.back() == '$') word.remove_suffix(1);
    return std::string(word);
}

// ---- roles: what kind of obligation a section holds ------------------------------------------
// Practice comes before deliverable so "Output discipline" is a practice; metric before gate so
// "Success criteria" reads as metrics.
constexpr Keyword kRoles[] = {
    {"rule", "rule"},          {"boundar", "rule"},        {"guardrail", "rule"},      {"non-negotiable", "rule"},
    {"constraint", "rule"},    {"must$", "rule"},          {"red flag", "rule"},       {"trap", "rule"},           {"pitfall", "rule"},        {"anti-pattern", "rule"},          {"success metric", "metric"}, {"success criteria", "metric"},
    {"metric", "metric"},      {"kpi", "metric"},          {"gate", "gate"},           {"checklist", "gate"},
    {"criteria", "gate"},      {"readiness", "gate"},      {"sign-off", "gate"},
    {"step", "step"},          {"protocol", "step"},       {"approach", "step"},       {"process$", "step"},       {"processes$", "step"},
    {"workflow", "step"},      {"phase", "step"},          {"procedure", "step"},      {"method", "step"},         {"requirement", "gate"},
    {"principle", "principle"}, {"philosoph", "principle"}, {"tenet", "principle"},    {"ethic", "principle"},
    {"priorit", "principle"},  {"practice", "practice"},   {"discipline", "practice"}, {"standard", "practice"},
    {"deliver", "deliverable"},
};

// Sections and XML elements that list what a persona knows, uses or is good at: their items are
// no obligations even when a role word appears ("Capabilities > Data Processing",
// <tool_preferences><analysis_methods>, <domain_knowledge><learning_priorities>).
constexpr Keyword kNoRole[] = {
    {"capabilit", ""}, {"knowledge", ""}, {"expertise", ""}, {"skill", ""}, {"tool", ""}, {"example", ""},
};

// ---- stages: where in the lifecycle an item belongs --------------------------------------------
constexpr Keyword kStages[] = {
    // responsible AI
    {"fairness", "responsible-ai"}, {"fair$", "responsible-ai"}, {"unfair", "responsible-ai"}, {"bias", "responsible-ai"},
    {"ethic", "responsible-ai"}, {"privacy", "responsible-ai"}, {"personal data", "responsible-ai"}, {"pii$", "responsible-ai"},
    {"consent", "responsible-ai"}, {"inclusion", "responsible-ai"}, {"inclusive", "responsible-ai"},
    {"sensitive attribute", "responsible-ai"}, {"protected attribute", "responsible-ai"}, {"explainab", "responsible-ai"},
    {"interpretab", "responsible-ai"}, {"responsible", "responsible-ai"}, {"accountab", "responsible-ai"},
    {"discriminat", "responsible-ai"}, {"gdpr", "responsible-ai"}, {"model card", "responsible-ai"},
    {"transparen", "responsible-ai"}, {"governance", "responsible-ai"}, {"regulat", "responsible-ai"},
    {"compliance", "responsible-ai"}, {"equit", "responsible-ai"},
    // experiment design
    {"experiment$", "experiment-design"}, {"experiments$", "experiment-design"}, {"experimentation", "experiment-design"}, {"a/b", "experiment-design"}, {"ab test", "experiment-design"},
    {"hypothes", "experiment-design"}, {"randomi", "experiment-design"}, {"sample size", "experiment-design"},
    {"power analysis", "experiment-design"}, {"statistical power", "experiment-design"}, {"mde$", "experiment-design"},
    {"minimum detectable", "experiment-design"}, {"significance", "experiment-design"}, {"statistically significant", "experiment-design"}, {"p-value", "experiment-design"},
    {"p value", "experiment-design"}, {"confidence interval", "experiment-design"}, {"srm$", "experiment-design"},
    {"sample ratio", "experiment-design"}, {"guardrail metric", "experiment-design"}, {"primary metric", "experiment-design"},
    {"treatment", "experiment-design"}, {"control group", "experiment-design"}, {"peek", "experiment-design"},
    {"sequential", "experiment-design"}, {"multiple comparison", "experiment-design"}, {"multiplicity", "experiment-design"},
    {"cuped", "experiment-design"}, {"novelty", "experiment-design"}, {"enrol", "experiment-design"},
    {"variant", "experiment-design"}, {"arms$", "experiment-design"}, {"whole week", "experiment-design"},
    // monitoring
    {"monitor", "monitoring"}, {"drift", "monitoring"}, {"alert", "monitoring"}, {"dashboard", "monitoring"},
    {"on-call", "monitoring"}, {"oncall", "monitoring"}, {"observab", "monitoring"}, {"incident", "monitoring"},
    {"psi$", "monitoring"}, {"skew", "monitoring"}, {"freshness", "monitoring"}, {"stale", "monitoring"},
    {"paging", "monitoring"}, {"runbook", "monitoring"}, {"postmortem", "monitoring"}, {"post-mortem", "monitoring"},
    // deployment and serving
    {"deploy", "deployment"}, {"serving", "deployment"}, {"serve$", "deployment"}, {"latency", "deployment"},
    {"throughput", "deployment"}, {"rollback", "deployment"}, {"roll back", "deployment"}, {"rollout", "deployment"},
    {"roll out", "deployment"}, {"canary", "deployment"}, {"shadow", "deployment"}, {"replica", "deployment"},
    {"autoscal", "deployment"}, {"capacity", "deployment"}, {"cost", "deployment"}, {"gpu", "deployment"},
    {"qps$", "deployment"}, {"release", "deployment"}, {"inference", "deployment"}, {"p99", "deployment"},
    {"slo$", "deployment"}, {"sla$", "deployment"}, {"timeout", "deployment"}, {"cold start", "deployment"},
    {"load test", "deployment"}, {"traffic", "deployment"}, {"production", "deployment"},
    // evaluation
    {"evaluat", "evaluation"}, {"validation", "evaluation"}, {"validate", "evaluation"}, {"held-out", "evaluation"},
    {"holdout", "evaluation"}, {"hold-out", "evaluation"}, {"test set", "evaluation"}, {"baseline", "evaluation"},
    {"benchmark", "evaluation"}, {"accuracy", "evaluation"}, {"precision", "evaluation"}, {"recall", "evaluation"},
    {"auc$", "evaluation"}, {"calibrat", "evaluation"}, {"slice", "evaluation"}, {"error analysis", "evaluation"},
    {"ablation", "evaluation"}, {"metric", "evaluation"},
    // training
    {"training data", "data"}, {"train", "training"}, {"hyperparameter", "training"}, {"reproducib", "training"}, {"checkpoint", "training"},
    {"fine-tun", "training"}, {"retrain", "training"}, {"loss$", "training"}, {"seed", "training"},
    // data
    {"data", "data"}, {"feature", "data"}, {"label", "data"}, {"schema", "data"}, {"leakage", "data"},
    {"lineage", "data"}, {"annotat", "data"}, {"sampling", "data"}, {"imbalance", "data"}, {"missing value", "data"},
    {"outlier", "data"},
    // problem framing last: its words are the most general
    {"problem", "problem-framing"}, {"business", "problem-framing"}, {"objective", "problem-framing"},
    {"goal", "problem-framing"}, {"stakeholder", "problem-framing"}, {"requirement", "problem-framing"},
    {"scope", "problem-framing"}, {"success criteria", "problem-framing"}, {"user need", "problem-framing"},
    {"heuristic", "problem-framing"}, {"kpi", "problem-framing"},
};

// ---- instruments: which instrument helps answer an item ----------------------------------------
constexpr Keyword kExplicitInstruments[] = {
    {"(experiment power)", "power"}, {"(serving simulator)", "serving"}, {"(drift lens)", "drift"},
};
constexpr Keyword kInstruments[] = {
    {"experiment$", "power"}, {"experiments$", "power"}, {"experimentation", "power"}, {"a/b", "power"}, {"ab test", "power"}, {"sample size", "power"},
    {"power analysis", "power"}, {"statistical power", "power"}, {"mde$", "power"}, {"minimum detectable", "power"},
    {"significance", "power"}, {"srm$", "power"}, {"sample ratio", "power"}, {"randomi", "power"}, {"peek", "power"},
    {"latency", "serving"}, {"throughput", "serving"}, {"capacity", "serving"}, {"cost", "serving"},
    {"replica", "serving"}, {"autoscal", "serving"}, {"qps$", "serving"}, {"gpu", "serving"}, {"p99", "serving"},
    {"slo$", "serving"}, {"queue", "serving"}, {"batching", "serving"}, {"batch size", "serving"},
    {"cold start", "serving"}, {"load test", "serving"},
    {"drift", "drift"}, {"distribution shift", "drift"}, {"psi$", "drift"}, {"skew", "drift"}, {"monitor", "drift"},
    {"data quality", "drift"}, {"stale", "drift"},
};

const KeywordIndex& roles() {
    static const KeywordIndex index(kRoles);
    return index;
}
const KeywordIndex& no_roles() {
    static const KeywordIndex index(kNoRole);
    return index;
}
const KeywordIndex& stages() {
    static const KeywordIndex index(kStages);
    return index;
}
const KeywordIndex& instruments() {
    static const KeywordIndex index(kInstruments);
    return index;
}

Stage stage_from_key(std::string_view key) {
    for (int i = 0; i < kStageCount; ++i)
        if (key == stage_key(static_cast<Stage>(i))) return static_cast<Stage>(i);
    return Stage::General;
}

}  // namespace

const char* stage_key(Stage s) {
    switch (s) {
        case Stage::ProblemFraming: return "problem-framing";
        case Stage::Data: return "data";
        case Stage::ExperimentDesign: return "experiment-design";
        case Stage::Training: return "training";
        case Stage::Evaluation: return "evaluation";
        case Stage::Deployment: return "deployment";
        case Stage::Monitoring: return "monitoring";
        case Stage::ResponsibleAi: return "responsible-ai";
        case Stage::General: return "general";
    }
    return "general";
}

const char* stage_title(Stage s) {
    switch (s) {
        case Stage::ProblemFraming: return "Problem framing";
        case Stage::Data: return "Data";
        case Stage::ExperimentDesign: return "Experiment design";
        case Stage::Training: return "Training";
        case Stage::Evaluation: return "Evaluation";
        case Stage::Deployment: return "Deployment";
        case Stage::Monitoring: return "Monitoring";
        case Stage::ResponsibleAi: return "Responsible AI";
        case Stage::General: return "Across the lifecycle";
    }
    return "Across the lifecycle";
}

Classified classify_role(const std::vector<std::string>& section_path, std::string_view xml_path) {
    if (!xml_path.empty()) {
        if (no_roles().first_in_table(lower_words(xml_path)) != nullptr) return {};
        // The element itself ("gate", "decision_priorities"), then its parent when the element is
        // one entry of it ("gate" inside "mandatory_gates"): wider ancestors say too little.
        const std::size_t slash = xml_path.rfind('/');
        const std::string_view leaf = slash == std::string_view::npos ? xml_path : xml_path.substr(slash + 1);
        if (const Keyword* k = roles().first_in_table(lower_words(leaf)))
            return {std::string(k->value), "element <" + std::string(leaf) + "> contains '" + keyword_text(k->word) + "'"};
        if (slash != std::string_view::npos) {
            const std::string_view before = xml_path.substr(0, slash);
            const std::size_t s2 = before.rfind('/');
            const std::string_view parent = s2 == std::string_view::npos ? before : before.substr(s2 + 1);
            if (parent.find(leaf) != std::string_view::npos)
                if (const Keyword* k = roles().first_in_table(lower_words(parent)))
                    return {std::string(k->value), "element <" + std::string(parent) + "> contains '" + keyword_text(k->word) + "'"};
        }
    }
    // The innermost section with a role decides: "Phase 1" under "Reasoning framework" is a step.
    for (auto it = section_path.rbegin(); it != section_path.rend(); ++it) {
        const std::string lower = lower_words(*it);
        if (no_roles().first_in_table(lower) != nullptr) return {};
        if (const Keyword* k = roles().first_in_table(lower))
            return {std::string(k->value), "section '" + *it + "' contains '" + keyword_text(k->word) + "'"};
    }
    return {};
}

Stage classify_stage(std::string_view text, const std::vector<std::string>& section_path, std::string& reason) {
    if (const Keyword* k = stages().earliest(lower_words(text))) {
        reason = "text contains '" + keyword_text(k->word) + "'";
        return stage_from_key(k->value);
    }
    for (auto it = section_path.rbegin(); it != section_path.rend(); ++it)
        if (const Keyword* k = stages().earliest(lower_words(*it))) {
            reason = "section '" + *it + "' contains '" + keyword_text(k->word) + "'";
            return stage_from_key(k->value);
        }
    reason = "no stage keyword in the text or its sections";
    return Stage::General;
}

Classified classify_instrument(std::string_view text, const std::vector<std::string>& section_path) {
    const std::string lower = lower_words(text);
    for (const auto& k : kExplicitInstruments)
        if (lower.find(k.word) != std::string::npos) return {std::string(k.value), "text names '" + std::string(k.word) + "'"};
    if (const Keyword* k = instruments().earliest(lower))
        return {std::string(k->value), "text contains '" + keyword_text(k->word) + "'"};
    for (auto it = section_path.rbegin(); it != section_path.rend(); ++it)
        if (const Keyword* k = instruments().earliest(lower_words(*it)))
            return {std::string(k->value), "section '" + *it + "' contains '" + keyword_text(k->word) + "'"};
    return {};
}

}  // namespace mlwb::persona
