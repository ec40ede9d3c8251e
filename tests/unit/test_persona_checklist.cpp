// The checklist extracted from persona ("soul") files and the progress kept against it.
// Expectations for the five shared souls were written by reading the files by hand: which
// sections hold rules, steps, principles, practices, deliverables or metrics, how many items
// each gives, and a sample of exact texts and lines. The shared souls are not in the
// repository; they are read from $MLWB_SHARED_SOULS (default /work/shared/souls), and a missing
// file skips its case with a warning (or fails when MLWB_REQUIRE_SHARED_SOULS=1), as in
// test_persona_parse.cpp.
#include <catch2/catch.hpp>

#include "shared_souls.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "persona/checklist.hpp"
#include "persona/library.hpp"
#include "persona/parse.hpp"
#include "persona/progress.hpp"

using namespace mlwb::persona;

namespace {

struct Extracted {
    Document doc;
    Checklist list;
};

Extracted extract(std::string_view text, std::string_view fallback = "soul") {
    auto parsed = parse_persona(text);
    REQUIRE(parsed.ok());
    Extracted e;
    e.doc = std::move(parsed.value);
    e.list = extract_checklist(e.doc, fallback);
    return e;
}

std::optional<Extracted> shared_soul(const std::string& name) {
    const auto text = read_shared_soul(name);
    if (!text) return std::nullopt;
    return extract(*text, name.substr(0, name.rfind('.')));
}

// The items whose innermost section has this title.
std::vector<ChecklistItem> items_in(const Checklist& list, const std::string& section) {
    std::vector<ChecklistItem> out;
    for (const auto& item : list.items)
        if (!item.section_path.empty() && item.section_path.back() == section) out.push_back(item);
    return out;
}

std::vector<std::string> texts_of(const std::vector<ChecklistItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.text);
    return out;
}

std::vector<int> lines_of(const std::vector<ChecklistItem>& items) {
    std::vector<int> out;
    for (const auto& i : items) out.push_back(i.line);
    return out;
}

// Items recovered from an XML element whose path ends in `suffix` ("mandatory_gates/gate").
std::vector<ChecklistItem> xml_items(const Extracted& e, const std::string& suffix) {
    std::vector<ChecklistItem> out;
    for (const auto& item : e.list.items) {
        const Block& b = e.doc.blocks[static_cast<std::size_t>(item.block)];
        const std::string& p = b.xml_path;
        if (b.from_xml && p.size() >= suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0 &&
            (p.size() == suffix.size() || p[p.size() - suffix.size() - 1] == '/'))
            out.push_back(item);
    }
    return out;
}

// The blocks of an XML element whose path ends in `suffix`, item or not.
int xml_blocks(const Document& d, const std::string& suffix) {
    int n = 0;
    for (const auto& b : d.blocks) {
        const std::string& p = b.xml_path;
        n += b.from_xml && p.size() >= suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0;
    }
    return n;
}

void check_roles(const std::vector<ChecklistItem>& items, const std::string& role) {
    for (const auto& i : items) {
        INFO(i.text);
        CHECK(i.role == role);
        CHECK_FALSE(i.role_reason.empty());
    }
}

void check_unique_ids(const Checklist& list) {
    std::set<std::string> ids;
    for (const auto& item : list.items) {
        INFO(list.soul_id << ": " << item.text);
        CHECK_FALSE(item.id.empty());
        CHECK(ids.insert(item.id).second);
    }
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

// ---- the shared souls ------------------------------------------------------------------------

TEST_CASE("checklist of shared soul 000: the eleven hard rules and nothing else", "[checklist]") {
    const auto e = shared_soul("000_a31a7bcd4232987b.txt");
    if (!e) return;
    const Checklist& list = e->list;
    const auto rules = items_in(list, "\xF0\x9F\x9A\xA7 Hard Rules & Boundaries");
    REQUIRE(rules.size() == 11);  // 6 absolute prohibitions + 5 non-negotiable practices
    // Identity, objectives, expertise and voice & tone hold no obligations.
    CHECK(list.items.size() == 11);
    for (const char* none : {"\xF0\x9F\xA4\x96 Identity", "\xF0\x9F\x8E\xAF Core Objectives", "\xF0\x9F\xA7\xA0 Expertise & Skills",
                             "\xF0\x9F\x97\xA3\xEF\xB8\x8F Voice & Tone"}) {
        INFO(none);
        CHECK(items_in(list, none).empty());
    }
    check_roles(rules, "rule");
    for (const auto& r : rules) {
        CHECK(r.origin == ItemOrigin::Section);
        CHECK(r.section_path == std::vector<std::string>{"Principal Machine Learning Engineer", "\xF0\x9F\x9A\xA7 Hard Rules & Boundaries"});
    }
    CHECK(rules[0].text == "You never generate or endorse \"vibe-based\" ML. Every modeling decision must be justified by data "
                           "characteristics or explicit hypotheses.");
    CHECK(rules[6].text == "When the user presents a modeling problem, your default first step is deep data exploration questions "
                           "or requests for data profiles/statistics.");
    CHECK(rules[10].text == "You treat reproducibility as a first-class requirement, not an afterthought.");
    CHECK(lines_of(rules) == std::vector<int>{79, 80, 81, 82, 83, 84, 87, 88, 89, 90, 91});
    // "monitoring for distribution shift" in the deploy rule: the drift lens helps answer it.
    CHECK(rules[1].stage == Stage::Deployment);
    CHECK(rules[1].instrument == "drift");
    CHECK(rules[9].stage == Stage::ResponsibleAi);  // "unacceptable ethical, legal, or reputational risks"
    CHECK(rules[10].stage == Stage::Training);      // reproducibility
    check_unique_ids(list);
}

TEST_CASE("checklist of shared soul 001: the flattened soul's philosophy, protocol and discipline", "[checklist]") {
    const auto e = shared_soul("001_4ae0a8e048934592.txt");
    if (!e) return;
    REQUIRE(e->doc.recovered_from_flattened);
    const Checklist& list = e->list;
    CHECK(list.title == "Principal Machine Learning Engineer");  // front matter name, recovered
    CHECK(list.version == "1.0.0");

    const auto philosophy = items_in(list, "Engineering Philosophy (Non-negotiable)");
    REQUIRE(philosophy.size() == 7);
    for (const auto& p : philosophy) CHECK((p.role == "rule" || p.role == "principle"));
    CHECK(philosophy[2].text.rfind("Observability is Non-Negotiable \xE2\x80\x94 You cannot debug or improve what you cannot measure.", 0) == 0);

    const auto protocol = items_in(list, "Thinking Protocol (Mandatory Internal Steps)");
    REQUIRE(protocol.size() == 7);
    check_roles(protocol, "step");
    CHECK(protocol[0].text == "Understand the Business Objective in Quantifiable Terms \xE2\x80\x94 What exact metric moves the needle? "
                              "How is success measured 30/90/365 days out? What are the failure costs (false positives vs false negatives)?");
    CHECK(protocol[6].text == "Document Assumptions Explicitly \xE2\x80\x94 Write down every assumption about data, users, hardware, and "
                              "business context. Revisit them regularly as the system runs in production.");
    CHECK(protocol[2].text.rfind("Design the Evaluation Strategy First", 0) == 0);
    CHECK(protocol[2].stage == Stage::Evaluation);

    const auto discipline = items_in(list, "Output Discipline");
    REQUIRE(discipline.size() == 6);
    check_roles(discipline, "practice");
    CHECK(discipline[0].text == "Produce architecture decision records (ADRs) for every significant choice.");
    CHECK(discipline[5].stage == Stage::ExperimentDesign);  // "For experiments: ... confidence intervals"
    CHECK(discipline[5].instrument == "power");

    const auto ethics = items_in(list, "Ethical and Governance Framework");
    REQUIRE(ethics.size() == 5);
    CHECK(ethics[0].text == "Bias and fairness audits with documented mitigation steps");
    for (const auto& i : ethics) CHECK(i.stage == Stage::ResponsibleAi);

    // Identity, style, experience, the improvement loop and capabilities are not obligations.
    for (const char* none : {"Core Identity", "Communication Style", "Real-World Experience Integration", "Self-Improving Loop",
                             "Specialized Capabilities", "Evolution Mandate"}) {
        INFO(none);
        CHECK(items_in(list, none).empty());
    }
    CHECK(list.items.size() == 25);
    // Lines refer to the recovered text: positive and increasing in reading order.
    int previous = 0;
    for (const auto& item : list.items) {
        INFO(item.text);
        CHECK(item.line > previous);
        previous = item.line;
    }
    check_unique_ids(list);
}

TEST_CASE("checklist of shared soul 002: the Approach yields its five steps in order", "[checklist]") {
    const auto e = shared_soul("002_da4301a9f6576b3d.txt");
    if (!e) return;
    const Checklist& list = e->list;
    CHECK(list.soul_id == "ml-engineer");
    CHECK(list.title == "ml-engineer");
    CHECK(list.version.rfind("content-", 0) == 0);  // no version in the front matter

    const auto approach = items_in(list, "Approach");
    CHECK(texts_of(approach) == std::vector<std::string>{"Start with simple baseline model", "Version everything - data, features, models",
                                                         "Monitor prediction quality in production", "Implement gradual rollouts",
                                                         "Plan for model retraining"});
    CHECK(lines_of(approach) == std::vector<int>{24, 25, 26, 27, 28});
    check_roles(approach, "step");
    REQUIRE(approach.size() == 5);
    CHECK(approach[0].section_path == std::vector<std::string>{"Approach"});
    CHECK(approach[2].stage == Stage::Monitoring);
    CHECK(approach[2].instrument == "drift");
    CHECK(approach[3].stage == Stage::Deployment);  // gradual rollouts
    CHECK(approach[4].stage == Stage::Training);    // retraining

    const auto deliverables = items_in(list, "Deliverables");
    REQUIRE(deliverables.size() == 5);
    check_roles(deliverables, "deliverable");
    CHECK(deliverables[0].text == "ML System Design Document: A comprehensive architectural plan for an end-to-end machine learning system.");
    CHECK(deliverables[3].text.rfind("Model Monitoring & Alerting Plan: ", 0) == 0);
    CHECK(deliverables[4].line == 35);

    CHECK(items_in(list, "Focus Areas").empty());
    CHECK(list.items.size() == 10);  // the numbered principles before the first heading sit in no section
    check_unique_ids(list);
}

TEST_CASE("checklist of shared soul 003: constitutional principles, approach and reasoning phases", "[checklist]") {
    const auto e = shared_soul("003_d0335ee4b085b26b.txt");
    if (!e) return;
    const Checklist& list = e->list;

    const auto principles = items_in(list, "Constitutional AI Principles");
    REQUIRE(principles.size() == 6);
    check_roles(principles, "principle");
    CHECK(principles[0].text == "Reliability: Have I implemented comprehensive error handling, retries, and fallbacks? "
                                "Will the system degrade gracefully under load?");
    CHECK(principles[5].text == "Security: Are models and data encrypted? Are API endpoints authenticated and rate-limited?");
    CHECK(lines_of(principles) == std::vector<int>{185, 187, 189, 191, 193, 195});
    CHECK(principles[2].instrument == "serving");  // latency and throughput SLAs, load-tested

    const auto approach = items_in(list, "Response Approach");
    REQUIRE(approach.size() == 8);
    check_roles(approach, "step");
    CHECK(approach[0].text == "Analyze ML requirements for production scale and reliability needs");
    CHECK(approach[7].text == "Document system behavior and provide operational runbooks");
    CHECK(approach[0].line == 226);
    CHECK(approach[7].line == 233);

    for (const char* phase : {"1. Requirements Analysis Phase", "2. System Design Phase", "3. Implementation Phase", "4. Optimization Phase",
                              "5. Deployment Phase", "6. Operations Phase"}) {
        INFO(phase);
        const auto items = items_in(list, phase);
        REQUIRE(items.size() == 5);
        CHECK(items[0].section_path == std::vector<std::string>{"Core Reasoning Framework", phase});
        for (const auto& i : items) CHECK_FALSE(i.role.empty());
    }
    const auto optimisation = items_in(list, "4. Optimization Phase");
    CHECK(optimisation[3].text == "Load test to verify SLA compliance");
    CHECK(optimisation[3].line == 162);
    CHECK(optimisation[3].stage == Stage::Deployment);
    CHECK(optimisation[3].instrument == "serving");
    check_roles(items_in(list, "2. System Design Phase"), "step");

    // Capability lists, traits, knowledge, output templates and worked examples are not obligations.
    for (const char* none : {"Purpose", "Core ML Frameworks & Libraries", "Model Serving & Deployment", "Model Training & Optimization",
                             "Production ML Infrastructure", "MLOps & CI/CD Integration", "Performance & Scalability",
                             "Model Evaluation & Testing", "Specialized ML Applications", "Data Management for ML", "Behavioral Traits",
                             "Knowledge Base", "Structured Output Format", "System Architecture", "Implementation Details",
                             "Performance Characteristics", "Operational Runbook", "Few-Shot Examples with Reasoning Traces",
                             "Example 1: Real-Time Recommendation System", "Example 2: Model A/B Testing Framework",
                             "Example Interactions", "Available Skills"}) {
        INFO(none);
        CHECK(items_in(list, none).empty());
    }
    check_unique_ids(list);
}

TEST_CASE("checklist of shared soul 003: capability lists are not steps", "[checklist]") {
    // "Feature Engineering & Data Processing" lists tools; the role keyword "process" matches
    // "Processing". "1. Requirements Analysis Phase" is a phase of the framework like the other
    // five; "requirement" (gate) wins over "phase" (step) only by table order.
    const auto e = shared_soul("003_d0335ee4b085b26b.txt");
    if (!e) return;
    CHECK(items_in(e->list, "Feature Engineering & Data Processing").empty());
    check_roles(items_in(e->list, "1. Requirements Analysis Phase"), "step");
    CHECK(e->list.items.size() == 44);  // 6 principles + 8 approach steps + 6 phases x 5
}

TEST_CASE("checklist of shared soul 004: XML gates, metrics, steps and priorities", "[checklist]") {
    const auto e = shared_soul("004_a193b6b09aa4a382.txt");
    if (!e) return;

    const auto gates = xml_items(*e, "mandatory_gates/gate");
    CHECK(texts_of(gates) == std::vector<std::string>{"Model performance and accuracy validation", "Bias and fairness assessment",
                                                      "Production deployment and monitoring", "Model interpretability and explainability",
                                                      "Cost optimization and resource efficiency"});
    CHECK(lines_of(gates) == std::vector<int>{40, 41, 42, 43, 44});
    check_roles(gates, "gate");
    for (const auto& g : gates) {
        CHECK(g.origin == ItemOrigin::Xml);
        CHECK(g.section_path == std::vector<std::string>{"ML Engineer Persona"});
    }
    REQUIRE(gates.size() == 5);
    CHECK(gates[1].stage == Stage::ResponsibleAi);

    const auto metrics = xml_items(*e, "success_metrics/metric");
    CHECK(texts_of(metrics) == std::vector<std::string>{"Model accuracy > 95% on validation set",
                                                        "Inference latency < 100ms for real-time predictions",
                                                        "Model drift detection < 5% threshold", "Cost per prediction < baseline by 30%",
                                                        "Bias metrics within acceptable ranges"});
    CHECK(lines_of(metrics) == std::vector<int>{47, 48, 49, 50, 51});
    check_roles(metrics, "metric");
    REQUIRE(metrics.size() == 5);
    CHECK(metrics[0].stage == Stage::Evaluation);
    CHECK(metrics[1].stage == Stage::Deployment);
    CHECK(metrics[1].instrument == "serving");
    CHECK(metrics[2].stage == Stage::Monitoring);
    CHECK(metrics[2].instrument == "drift");
    CHECK(metrics[4].stage == Stage::ResponsibleAi);

    // The development process: seven steps, their "1. " numbering removed.
    const auto steps = xml_items(*e, "development_process/step");
    REQUIRE(steps.size() == 7);
    check_roles(steps, "step");
    CHECK(steps[0].text == "Define problem requirements and success metrics");
    CHECK(steps[4].text == "Deploy model to production environment");
    CHECK(steps[6].text == "Optimize and retrain models based on feedback");
    CHECK(steps[0].line == 134);
    CHECK(steps[4].stage == Stage::Deployment);
    CHECK(steps[5].stage == Stage::Monitoring);
    CHECK(steps[5].instrument == "drift");

    // Decision priorities: one element, one item per numbered line.
    const auto priorities = xml_items(*e, "decision_priorities");
    REQUIRE(priorities.size() == 5);
    check_roles(priorities, "principle");
    CHECK(priorities[0].text == "Model performance and reliability in production");
    CHECK(priorities[4].text == "Cost optimization and resource efficiency");
    CHECK(priorities[3].line == 25);

    CHECK(xml_items(*e, "error_handling_philosophy/principle").size() == 1);
    const auto approach = xml_items(*e, "error_handling_philosophy/approach");
    REQUIRE(approach.size() == 4);
    CHECK(approach[1].text == "Monitor model performance and drift continuously");

    // Identity, tools, expertise, domains, blind spots, patterns and obsessions are not
    // obligations (the elements exist in the document, yet give no item).
    for (const char* none : {"persona_identity/name", "persona_identity/perspective", "trade_off_preferences", "risk_tolerance",
                             "primary_tools/tool", "automation_focus/focus", "core_expertise/expertise", "adjacent_domains/domain",
                             "blind_spots/limitation", "architecture_patterns/batch_inference", "ml_optimization/bias_mitigation",
                             "quality_obsessions/obsession", "communication_patterns/with_engineers"}) {
        INFO(none);
        CHECK(xml_blocks(e->doc, none) > 0);
        CHECK(xml_items(*e, none).empty());
    }
    check_unique_ids(e->list);
}

TEST_CASE("checklist of shared soul 004: analysis methods and learning priorities are not obligations", "[checklist]") {
    // <tool_preferences>/<analysis_methods>/<method> lists techniques the persona uses and
    // <domain_knowledge>/<learning_priorities>/<priority> what it wants to learn; the role
    // keywords "method" (step) and "priorit" (principle) turn them into 5 steps and 4 principles.
    const auto e = shared_soul("004_a193b6b09aa4a382.txt");
    if (!e) return;
    CHECK(xml_blocks(e->doc, "analysis_methods/method") == 5);
    CHECK(xml_items(*e, "analysis_methods/method").empty());
    CHECK(xml_blocks(e->doc, "learning_priorities/priority") == 4);
    CHECK(xml_items(*e, "learning_priorities/priority").empty());
}

TEST_CASE("checklist stages of real items: training data and experimental wording", "[checklist]") {
    // "Analyze and prepare training data" (004, development step 2) is about data: "train"
    // occurs first only as the adjective of "training data". "experimental performance" names
    // no experiment, yet the instrument keyword "experiment" matches "experimental".
    std::string reason;
    CHECK(classify_stage("Analyze and prepare training data", {}, reason) == Stage::Data);
    CHECK(classify_instrument("Production reliability and responsible AI over experimental performance", {}).value.empty());
    CHECK(classify_stage("Experimental features stay behind a flag", {}, reason) != Stage::ExperimentDesign);
}

// ---- the project's own souls ---------------------------------------------------------------

namespace {

// The 1-based lines of `text` that hold a GitHub task item ("- [ ] ", "- [x] ", any bullet).
std::vector<std::pair<int, std::string>> task_lines(std::string_view text) {
    std::vector<std::pair<int, std::string>> out;
    int line = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view l = text.substr(start, end - start);
        std::size_t i = 0;
        while (i < l.size() && l[i] == ' ') ++i;
        l.remove_prefix(i);
        if (l.size() > 6 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && l[1] == ' ' && l[2] == '[' &&
            (l[3] == ' ' || l[3] == 'x' || l[3] == 'X') && l[4] == ']' && l[5] == ' ')
            out.emplace_back(line, std::string(l.substr(6)));
        ++line;
        start = end + 1;
    }
    return out;
}

const LoadedSoul& soul_at(const std::vector<LoadedSoul>& souls, const std::string& origin) {
    for (const auto& s : souls)
        if (s.origin == origin) return s;
    FAIL("no shipped soul " << origin);
    return souls.front();
}

}  // namespace

TEST_CASE("shipped souls: ids, versions and every task item", "[checklist]") {
    const auto loaded = load_shipped_souls();
    CHECK(loaded.notices.empty());
    const auto& souls = loaded.value;
    REQUIRE(souls.size() == shipped_souls().size());
    REQUIRE(souls.size() == 7);

    const std::map<std::string, std::pair<std::string, bool>> expected = {
        {"personas/principal-ml-engineer.md", {"principal-ml-engineer", false}},
        {"personas/experimentation.md", {"experimentation-specialist", false}},
        {"personas/serving-and-monitoring.md", {"serving-and-monitoring-engineer", false}},
        {"personas/checklists/launch-experiment.md", {"launch-an-a-b-experiment", true}},
        {"personas/checklists/deployment-readiness.md", {"model-deployment-readiness", true}},
        {"personas/checklists/production-monitoring.md", {"production-monitoring", true}},
        {"personas/checklists/ml-test-score.md", {"ml-test-score", true}},
    };
    std::set<std::string> ids;
    for (const SoulSource& source : shipped_souls()) {
        const std::string origin(source.path);
        INFO(origin);
        const LoadedSoul& soul = soul_at(souls, origin);
        REQUIRE(expected.count(origin) == 1);
        CHECK(soul.checklist.soul_id == expected.at(origin).first);
        CHECK(soul.is_checklist == expected.at(origin).second);
        CHECK(soul.checklist.version == "1.0.0");
        CHECK(ids.insert(soul.checklist.soul_id).second);
        check_unique_ids(soul.checklist);

        // Every task line of the file is an item at that line, unticked, with that wording.
        const auto tasks = task_lines(source.text);
        int task_items = 0;
        for (const auto& item : soul.checklist.items) task_items += item.origin == ItemOrigin::Task;
        CHECK(task_items == static_cast<int>(tasks.size()));
        for (const auto& task : tasks) {
            const int line = task.first;  // a plain variable: clang 14 cannot capture a structured binding
            const std::string& text = task.second;
            INFO("line " << line << ": " << text);
            const auto it = std::find_if(soul.checklist.items.begin(), soul.checklist.items.end(),
                                         [&](const ChecklistItem& i) { return i.line == line; });
            REQUIRE(it != soul.checklist.items.end());
            CHECK(it->origin == ItemOrigin::Task);
            CHECK(it->role == "task");
            CHECK_FALSE(it->done_in_source);
            CHECK(normalise_item_text(it->text).rfind(normalise_item_text(text), 0) == 0);
        }
        if (soul.is_checklist) CHECK(tasks.size() >= 25);
    }
}

TEST_CASE("shipped souls: explicit instrument names link their items", "[checklist]") {
    const auto souls = load_shipped_souls().value;
    std::map<std::string, int> linked;
    for (const auto& soul : souls)
        for (const auto& item : soul.checklist.items) {
            INFO(soul.origin << ": " << item.text);
            for (const auto& [tag, key] : std::vector<std::pair<std::string, std::string>>{
                     {"(Experiment power)", "power"}, {"(Serving simulator)", "serving"}, {"(Drift lens)", "drift"}}) {
                if (!contains(item.text, tag)) continue;
                CHECK(item.instrument == key);
                CHECK(contains(item.instrument_reason, "text names"));
                ++linked[key];
            }
        }
    // Counted in the files' task and role-section items by hand.
    CHECK(linked["power"] == 1 + 11 + 1 + 1 + 7);   // deployment-readiness, launch, ml-test-score, principal, experimentation (3 in its traps)
    CHECK(linked["serving"] == 4 + 4 + 1 + 1 + 9);  // deployment-readiness, production-monitoring, ml-test-score, principal, serving
    CHECK(linked["drift"] == 1 + 6 + 2 + 1 + 4);    // same order
}

TEST_CASE("shipped soul principal-ml-engineer: sections and their roles", "[checklist]") {
    const auto souls = load_shipped_souls().value;
    const Checklist& list = soul_at(souls, "personas/principal-ml-engineer.md").checklist;
    CHECK(list.title == "Principal ML Engineer");
    CHECK(list.scoring == Scoring::Plain);
    const auto principles = items_in(list, "Principles");
    REQUIRE(principles.size() == 12);
    check_roles(principles, "principle");
    CHECK(principles[0].text.rfind("Name the decision before the model.", 0) == 0);
    CHECK(principles[0].line == 34);
    const auto rules = items_in(list, "Hard rules");
    REQUIRE(rules.size() == 9);
    check_roles(rules, "rule");
    CHECK(rules[8].line == 90);
    const auto protocol = items_in(list, "Thinking protocol");
    REQUIRE(protocol.size() == 10);
    check_roles(protocol, "step");
    CHECK(protocol[5].instrument == "power");
    CHECK(protocol[5].stage == Stage::ExperimentDesign);
    CHECK(protocol[6].instrument == "serving");
    CHECK(protocol[7].instrument == "drift");
    CHECK(protocol[7].stage == Stage::Monitoring);
    check_roles(items_in(list, "What they deliver"), "deliverable");
    CHECK(items_in(list, "What they deliver").size() == 7);
    check_roles(items_in(list, "Success metrics"), "metric");
    CHECK(items_in(list, "Success metrics").size() == 8);
    CHECK(items_in(list, "Identity").empty());
    CHECK(items_in(list, "Using the workbench").empty());
    // Red flags are rules stated as what to catch.
    const auto flags = items_in(list, "Red flags they call out");
    CHECK(flags.size() == 8);
    check_roles(flags, "rule");
    CHECK(list.items.size() == 54);
}

TEST_CASE("shipped soul ml-test-score: 28 tests in four sections of seven", "[checklist]") {
    const auto souls = load_shipped_souls().value;
    const Checklist& list = soul_at(souls, "personas/checklists/ml-test-score.md").checklist;
    CHECK(list.scoring == Scoring::MlTestScore);
    REQUIRE(list.items.size() == 28);
    for (const char* section : {"Data", "Model development", "Infrastructure", "Monitoring"}) {
        INFO(section);
        const auto items = items_in(list, section);
        REQUIRE(items.size() == 7);
        for (const auto& i : items) CHECK(i.origin == ItemOrigin::Task);
    }
    CHECK(items_in(list, "Data")[0].text.rfind("Data 1. Schema. The expected type, range and distribution", 0) == 0);
    CHECK(items_in(list, "Monitoring")[6].text.rfind("Monitoring 7. Prediction quality does not regress.", 0) == 0);
    const ChecklistProgress none;
    const MlTestScore score = ml_test_score(list, none);
    REQUIRE(score.sections.size() == 4);
    CHECK(score.sections[0].title == "Data");
    CHECK(score.sections[3].title == "Monitoring");
    for (const auto& s : score.sections) CHECK(s.tests == 7);
}

// ---- the rules on hand-written items ---------------------------------------------------------

TEST_CASE("checklist rules: stage and instrument of hand-written hard rules", "[checklist]") {
    const auto e = extract(
        "# Soul\n"
        "\n"
        "## Hard rules\n"
        "\n"
        "- Monitor feature drift weekly\n"
        "- Size the A/B test before launch\n"
        "- Keep p99 latency under 80 ms at 2,000 QPS\n"
        "- Audit fairness across groups\n"
        "- Write down every constraint before kickoff\n"
        "- Weigh the options fairly\n");
    const Checklist& list = e.list;
    REQUIRE(list.items.size() == 6);
    for (const auto& i : list.items) {
        CHECK(i.role == "rule");
        CHECK(i.role_reason == "section 'Hard rules' contains 'rule'");
        CHECK(i.section_path == std::vector<std::string>{"Soul", "Hard rules"});
    }
    CHECK(list.items[0].line == 5);
    CHECK(list.items[5].line == 10);

    const auto& drift = list.items[0];
    CHECK(drift.stage == Stage::Monitoring);
    CHECK(drift.stage_reason == "text contains 'monitor'");
    CHECK(drift.instrument == "drift");
    CHECK(contains(drift.instrument_reason, "'monitor'"));

    const auto& ab = list.items[1];
    CHECK(ab.stage == Stage::ExperimentDesign);
    CHECK(ab.stage_reason == "text contains 'a/b'");
    CHECK(ab.instrument == "power");
    CHECK(ab.instrument_reason == "text contains 'a/b'");

    const auto& latency = list.items[2];
    CHECK(latency.stage == Stage::Deployment);
    CHECK(contains(latency.stage_reason, "'p99'"));
    CHECK(latency.instrument == "serving");
    CHECK(contains(latency.instrument_reason, "'p99'"));

    const auto& fair = list.items[3];
    CHECK(fair.stage == Stage::ResponsibleAi);
    CHECK(fair.stage_reason == "text contains 'fairness'");
    CHECK(fair.instrument.empty());
    CHECK(fair.instrument_reason.empty());

    // Word starts only: "constraint" holds "train" but is no training item.
    const auto& constraint = list.items[4];
    CHECK(constraint.stage == Stage::General);
    CHECK(constraint.stage_reason == "no stage keyword in the text or its sections");
    CHECK(constraint.instrument.empty());
    // "fair$" must end a word: "fairly" is not about fairness.
    CHECK(list.items[5].stage == Stage::General);
}

TEST_CASE("checklist rules: word starts, word ends, earliest keyword, explicit names, section fallback", "[checklist]") {
    std::string reason;
    CHECK(classify_stage("Respect every constraint", {}, reason) == Stage::General);
    CHECK(classify_stage("Train with a fixed seed", {}, reason) == Stage::Training);
    CHECK(reason == "text contains 'train'");
    CHECK(classify_stage("Retrain weekly", {}, reason) == Stage::Training);
    CHECK(classify_stage("Remodel the kitchen", {}, reason) == Stage::General);   // "mde$", "model card" not here
    CHECK(classify_instrument("Compute the MDE first", {}).value == "power");     // "mde$" ends a word
    CHECK(classify_instrument("Compute the MDEs first", {}).value.empty());
    CHECK(classify_instrument("Restrain the budget", {}).value.empty());
    // The earliest keyword names the subject; a tie goes to the earlier table entry.
    CHECK(classify_stage("Plan for rollback using guardrail metrics", {}, reason) == Stage::Deployment);
    CHECK(classify_stage("Check data quality daily", {}, reason) == Stage::Data);
    CHECK(classify_instrument("Check data quality daily", {}).value == "drift");
    // Explicit instrument names win over any keyword.
    const Classified explicit_name = classify_instrument("Keep p99 latency low during the experiment (Drift lens)", {});
    CHECK(explicit_name.value == "drift");
    CHECK(explicit_name.reason == "text names '(drift lens)'");
    // An item without a keyword takes its innermost section's, and says so.
    const std::vector<std::string> path{"Playbook", "Monitoring rules"};
    CHECK(classify_stage("Name an owner", path, reason) == Stage::Monitoring);
    CHECK(reason == "section 'Monitoring rules' contains 'monitor'");
    const Classified from_section = classify_instrument("Name an owner", path);
    CHECK(from_section.value == "drift");
    CHECK(from_section.reason == "section 'Monitoring rules' contains 'monitor'");
    CHECK(classify_stage("Name an owner", {"Playbook", "Rules"}, reason) == Stage::General);
}

TEST_CASE("checklist rules: roles of sections and XML elements", "[checklist]") {
    CHECK(classify_role({"Soul", "Hard Rules & Boundaries"}, "").value == "rule");
    CHECK(classify_role({"Non-negotiable practices"}, "").value == "rule");
    CHECK(classify_role({"Thinking Protocol (Mandatory Internal Steps)"}, "").value == "step");
    CHECK(classify_role({"Approach"}, "").value == "step");
    CHECK(classify_role({"Mandatory gates"}, "").value == "gate");
    CHECK(classify_role({"Constitutional AI Principles"}, "").value == "principle");
    CHECK(classify_role({"Output Discipline"}, "").value == "practice");
    CHECK(classify_role({"Deliverables"}, "").value == "deliverable");
    CHECK(classify_role({"Success metrics"}, "").value == "metric");
    CHECK(classify_role({"Success criteria"}, "").value == "metric");
    const Classified phase = classify_role({"Reasoning framework", "Phase 1"}, "");
    CHECK(phase.value == "step");
    CHECK(phase.reason == "section 'Phase 1' contains 'phase'");
    for (const char* none : {"Identity", "Voice & Tone", "Capabilities", "Examples", "Core Objectives", "Expertise & Skills", "Focus Areas",
                             "Principal Machine Learning Engineer"}) {
        INFO(none);
        CHECK(classify_role({none}, "").value.empty());
        CHECK(classify_role({none}, "").reason.empty());
    }
    const Classified gate = classify_role({"Persona"}, "ctx/quality_standards/mandatory_gates/gate");
    CHECK(gate.value == "gate");
    CHECK(gate.reason == "element <gate> contains 'gate'");
    CHECK(classify_role({"Persona"}, "ctx/success_metrics/metric").value == "metric");
    CHECK(classify_role({"Persona"}, "ctx/tool_preferences/primary_tools/tool").value.empty());
    CHECK(classify_role({"Persona"}, "ctx/persona_identity/name").value.empty());
}

TEST_CASE("checklist extraction: tasks anywhere, sub-bullets and role-less sections skipped", "[checklist]") {
    const auto e = extract(
        "---\n"
        "name: Demo Soul\n"
        "---\n"
        "# Demo\n"
        "\n"
        "## Identity\n"
        "\n"
        "- Calm under pressure\n"
        "- [ ] A task in a role-less section still counts\n"
        "\n"
        "## Principles\n"
        "\n"
        "1. **Measure first.** Then decide.\n"
        "   - a sub-bullet explains its parent\n"
        "   - [x] but a nested task is an item\n"
        "2. Measure first; then decide!\n"
        "\n"
        "## Examples\n"
        "\n"
        "- Design a feature store\n");
    const Checklist& list = e.list;
    CHECK(list.soul_id == "demo-soul");
    CHECK(list.title == "Demo Soul");
    REQUIRE(list.items.size() == 4);
    CHECK(list.items[0].text == "A task in a role-less section still counts");
    CHECK(list.items[0].origin == ItemOrigin::Task);
    CHECK(list.items[0].line == 9);
    CHECK(list.items[1].text == "Measure first. Then decide.");
    CHECK(list.items[1].role == "principle");
    CHECK(list.items[2].text == "but a nested task is an item");
    CHECK(list.items[2].done_in_source);
    // The same words twice: distinct ids, so each keeps its own state.
    CHECK(normalise_item_text(list.items[1].text) == normalise_item_text(list.items[3].text));
    CHECK(list.items[1].id != list.items[3].id);
    check_unique_ids(list);
}

// ---- progress ------------------------------------------------------------------------------

namespace {

const char* kDemoV1 =
    "---\n"
    "name: Demo\n"
    "version: 1\n"
    "---\n"
    "# Demo\n"
    "\n"
    "## Checks\n"
    "\n"
    "- [ ] Monitor feature drift weekly with PSI\n"
    "- [x] Size the experiment before launch\n"
    "- [ ] Keep p99 latency under budget at peak traffic\n"
    "- [ ] Remove the legacy feature flag\n"
    "- [ ] Write the runbook\n";

const char* kDemoV2 =
    "---\n"
    "name: Demo\n"
    "version: 2\n"
    "---\n"
    "# Demo\n"
    "\n"
    "## Checks\n"
    "\n"
    "- [ ] Monitor feature drift weekly with PSI\n"
    "- [x] Size the experiment before launch\n"
    "- [ ] Keep p99 latency under budget at peak load\n"
    "- [ ] Write the runbook\n";

ItemProgress entry(ItemStatus status, const std::string& text, const std::string& reason = "", const std::string& note = "",
                   bool automated = false) {
    ItemProgress p;
    p.status = status;
    p.text = text;
    p.reason = reason;
    p.note = note;
    p.automated = automated;
    return p;
}

}  // namespace

TEST_CASE("progress: migration keeps state by id, follows a reworded item, drops a removed one", "[checklist]") {
    const Checklist v1 = extract(kDemoV1).list;
    const Checklist v2 = extract(kDemoV2).list;
    REQUIRE(v1.items.size() == 5);
    REQUIRE(v2.items.size() == 4);
    CHECK(v1.version == "1");
    CHECK(v1.items[0].id == v2.items[0].id);
    CHECK(v1.items[2].id != v2.items[2].id);  // one word changed

    ChecklistProgress saved;
    saved.soul_id = v1.soul_id;
    saved.version = v1.version;
    saved.items[v1.items[0].id] = entry(ItemStatus::Done, v1.items[0].text, "", "PSI job runs on Mondays", true);
    saved.items[v1.items[2].id] = entry(ItemStatus::NotApplicable, v1.items[2].text, "batch only");
    saved.items[v1.items[3].id] = entry(ItemStatus::Done, v1.items[3].text);

    // Same version, same items: nothing moves.
    const auto same = migrate_progress(saved, v1);
    CHECK(same.notices.empty());
    CHECK(same.value == saved);

    const auto moved = migrate_progress(saved, v2);
    CHECK(moved.value.soul_id == "demo");
    CHECK(moved.value.version == "2");
    REQUIRE(moved.value.items.size() == 2);
    CHECK(moved.value.items.at(v2.items[0].id) == saved.items.at(v1.items[0].id));
    const ItemProgress& followed = moved.value.items.at(v2.items[2].id);
    CHECK(followed.status == ItemStatus::NotApplicable);
    CHECK(followed.reason == "batch only");
    CHECK(followed.text == "Keep p99 latency under budget at peak load");
    CHECK(moved.value.items.count(v1.items[3].id) == 0);
    REQUIRE(moved.notices.size() == 1);
    CHECK(contains(moved.notices[0], "Remove the legacy feature flag"));

    // The ticked source item is done without an entry; an item without one is open.
    CHECK(progress_of(moved.value, v2.items[1]).status == ItemStatus::Done);
    CHECK(progress_of(moved.value, v2.items[3]).status == ItemStatus::Open);
    CHECK(progress_of(ChecklistProgress{}, v1.items[1]).status == ItemStatus::Done);
    // A saved "open" overrides the source tick.
    ChecklistProgress reopened;
    reopened.items[v1.items[1].id] = entry(ItemStatus::Open, v1.items[1].text);
    CHECK(progress_of(reopened, v1.items[1]).status == ItemStatus::Open);

    // A wholly different wording does not capture the state.
    ChecklistProgress stranger;
    stranger.items["i000000000000"] = entry(ItemStatus::Done, "Completely unrelated words here");
    const auto dropped = migrate_progress(stranger, v2);
    CHECK(dropped.value.items.empty());
    CHECK(dropped.notices.size() == 1);
}

TEST_CASE("progress: JSON round trip", "[checklist]") {
    ChecklistProgress p;
    p.soul_id = "demo";
    p.version = "content-0123456789ab";
    p.items["iaaaaaaaaaaaa"] = entry(ItemStatus::Done, "Size the \"A/B\" test \xE2\x80\x94 before launch", "", "see PR #12\nline two", true);
    p.items["ibbbbbbbbbbbb"] = entry(ItemStatus::NotApplicable, "Serve on GPUs", "CPU only");
    p.items["icccccccccccc-2"] = entry(ItemStatus::Open, "Write the runbook", "", "draft in wiki");
    p.items["idddddddddddd"] = entry(ItemStatus::Done, "Plain", "", "", false);
    const std::string text = progress_json(p).dump();
    const auto back = progress_from_text(text);
    CHECK(back.notices.empty());
    CHECK(back.value == p);
    CHECK(progress_from_json(progress_json(p)).value == p);
    const auto empty = progress_from_text(progress_json(ChecklistProgress{}).dump());
    CHECK(empty.notices.empty());
    CHECK(empty.value == ChecklistProgress{});
}

TEST_CASE("progress: corrupt saved state gives notices, never throws", "[checklist]") {
    auto decode = [](const std::string& text) {
        mlwb::Decoded<ChecklistProgress> out;
        CHECK_NOTHROW(out = progress_from_text(text));
        return out;
    };
    for (const char* bad : {"", "not json {", "{\"items\": ", "\xFF\xFE{}", "[1, 2]", "\"text\"", "42", "null"}) {
        INFO(bad);
        const auto r = decode(bad);
        CHECK_FALSE(r.notices.empty());
        CHECK(r.value.items.empty());
    }
    {
        const auto r = decode(R"({"soul": "x", "version": "1", "items": [1, 2]})");
        CHECK(r.value.soul_id == "x");
        CHECK(r.value.items.empty());
        REQUIRE(r.notices.size() == 1);
        CHECK(contains(r.notices[0], "items"));
    }
    {
        const auto r = decode(R"({"items": {"a": {"status": "finished"}, "b": {"status": "done", "text": "kept"}}})");
        CHECK(r.value.items.count("a") == 0);
        REQUIRE(r.value.items.count("b") == 1);
        CHECK(r.value.items.at("b").status == ItemStatus::Done);
        CHECK(r.notices.size() == 1);
    }
    {
        const auto r = decode(R"({"soul": 5, "version": [], "items": {
            "a": {"status": "n/a", "reason": 7, "note": {"x": 1}, "text": null},
            "b": "done",
            "c": {"status": 3},
            "d": {},
            "e": {"status": "open"}}})");
        CHECK(r.value.soul_id.empty());
        CHECK(r.value.version.empty());
        REQUIRE(r.value.items.count("a") == 1);
        CHECK(r.value.items.at("a").status == ItemStatus::NotApplicable);
        CHECK(r.value.items.at("a").reason.empty());
        CHECK(r.value.items.count("b") == 0);
        CHECK(r.value.items.count("c") == 0);
        CHECK(r.value.items.count("d") == 0);
        CHECK(r.value.items.count("e") == 1);
        CHECK(r.notices.size() == 8);  // soul, version, reason, note, text, b, c, d
    }
    {
        // Deep nesting and a huge number of entries stay bounded and harmless.
        const auto deep = decode(std::string(100000, '[') + std::string(100000, ']'));
        CHECK_FALSE(deep.notices.empty());
        std::string many = "{\"items\": {";
        for (int i = 0; i < 20000; ++i) many += (i ? "," : "") + std::string("\"i") + std::to_string(i) + "\": {\"status\": \"done\"}";
        many += "}}";
        CHECK(decode(many).value.items.size() == 20000);
    }
}

TEST_CASE("progress: a wrongly typed 'automated' flag is reported", "[checklist]") {
    // The header promises a notice for every wrong type; "automated" is skipped silently.
    const auto r = progress_from_text(R"({"items": {"a": {"status": "done", "automated": "yes"}}})");
    CHECK(r.value.items.count("a") == 1);
    CHECK(r.notices.size() == 1);
}

TEST_CASE("progress: summary by stage", "[checklist]") {
    const Checklist v1 = extract(kDemoV1).list;
    ChecklistProgress p;
    p.items[v1.items[2].id] = entry(ItemStatus::NotApplicable, v1.items[2].text, "batch only");
    const auto summary = summarise_by_stage(v1, p);
    // monitoring (drift), experiment design, deployment (p99), data (feature flag), monitoring (runbook)
    REQUIRE(summary.size() == 4);
    CHECK(summary[0].stage == Stage::Data);
    CHECK(summary[1].stage == Stage::ExperimentDesign);
    CHECK(summary[1].done == 1);
    CHECK(summary[2].stage == Stage::Deployment);
    CHECK(summary[2].not_applicable == 1);
    CHECK(summary[3].stage == Stage::Monitoring);
    CHECK(summary[3].total == 2);
}

// ---- ML Test Score -------------------------------------------------------------------------

namespace {

const Checklist& ml_test_score_list(const std::vector<LoadedSoul>& souls) {
    return soul_at(souls, "personas/checklists/ml-test-score.md").checklist;
}

// Marks the first `per_section` items of every section done.
ChecklistProgress done_per_section(const Checklist& list, int per_section, bool automated, const std::string& skip = "") {
    ChecklistProgress p;
    std::map<std::string, int> seen;
    for (const auto& item : list.items) {
        const std::string& section = item.section_path.back();
        if (section == skip || seen[section]++ >= per_section) continue;
        p.items[item.id] = entry(ItemStatus::Done, item.text, "", "", automated);
    }
    return p;
}

}  // namespace

TEST_CASE("ml_test_score: manual, automated, an empty section and the bands", "[checklist]") {
    const auto souls = load_shipped_souls().value;
    const Checklist& list = ml_test_score_list(souls);
    REQUIRE(list.items.size() == 28);

    const MlTestScore manual = ml_test_score(list, done_per_section(list, 7, false));
    REQUIRE(manual.sections.size() == 4);
    for (const auto& s : manual.sections) {
        INFO(s.title);
        CHECK(s.manual == 7);
        CHECK(s.automated == 0);
        CHECK(s.score == Approx(3.5));
    }
    CHECK(manual.final_score == Approx(3.5));
    CHECK(manual.band == "Strong automated testing and monitoring, fit for mission-critical use.");

    const MlTestScore automated = ml_test_score(list, done_per_section(list, 7, true));
    for (const auto& s : automated.sections) CHECK(s.score == Approx(7.0));
    CHECK(automated.final_score == Approx(7.0));
    CHECK(automated.band == "Exceptional testing and monitoring.");

    const MlTestScore no_monitoring = ml_test_score(list, done_per_section(list, 7, true, "Monitoring"));
    CHECK(no_monitoring.sections[3].title == "Monitoring");
    CHECK(no_monitoring.sections[3].score == 0);
    CHECK(no_monitoring.final_score == 0);
    CHECK(no_monitoring.band == "More a research project than a production system.");

    // Band edges: exactly 3 is "up to 3"; 1 automated + 1 manual = 1.5 is "above 1, up to 2".
    CHECK(ml_test_score(list, done_per_section(list, 6, false)).final_score == Approx(3.0));
    CHECK(ml_test_score(list, done_per_section(list, 6, false)).band == "Reasonably well tested; more of it could be automated.");
    CHECK(ml_test_score(list, done_per_section(list, 2, false)).band ==
          "Not entirely untested, but serious gaps in reliability are likely.");

    // Mixed: a done-automated item is worth 1, a done-manual one 0.5; n/a and open earn nothing.
    ChecklistProgress mixed = done_per_section(list, 2, true);
    const auto data = items_in(list, "Data");
    mixed.items[data[2].id] = entry(ItemStatus::Done, data[2].text);
    mixed.items[data[3].id] = entry(ItemStatus::NotApplicable, data[3].text, "no organisation rules");
    const MlTestScore m = ml_test_score(list, mixed);
    CHECK(m.sections[0].automated == 2);
    CHECK(m.sections[0].manual == 1);
    CHECK(m.sections[0].score == Approx(2.5));
    CHECK(m.final_score == Approx(2.0));
    CHECK(m.band == "A first pass at productionisation; more investment may well be needed.");

    const MlTestScore nothing = ml_test_score(list, ChecklistProgress{});
    CHECK(nothing.final_score == 0);
}

// ---- exports -------------------------------------------------------------------------------

TEST_CASE("checklist_markdown: GitHub task lines, n/a struck through with its reason", "[checklist]") {
    const Checklist v1 = extract(kDemoV1).list;
    ChecklistProgress p;
    p.items[v1.items[0].id] = entry(ItemStatus::Done, v1.items[0].text, "", "weekly job");
    p.items[v1.items[2].id] = entry(ItemStatus::NotApplicable, v1.items[2].text, "batch only");
    const std::string md = checklist_markdown(v1, p);
    INFO(md);
    int task_lines = 0;
    std::istringstream in(md);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("- [", 0) != 0) continue;
        ++task_lines;
        CHECK((line.rfind("- [ ] ", 0) == 0 || line.rfind("- [x] ", 0) == 0));
    }
    CHECK(task_lines == 5);
    CHECK(contains(md, "- [x] Monitor feature drift weekly with PSI \xE2\x80\x94 weekly job\n"));
    CHECK(contains(md, "- [x] Size the experiment before launch\n"));  // ticked in the source
    CHECK(contains(md, "- [x] ~~Keep p99 latency under budget at peak traffic~~ (not applicable: batch only)\n"));
    CHECK(contains(md, "- [ ] Remove the legacy feature flag\n"));
    CHECK(contains(md, "2 of 5 done, 1 not applicable"));
    CHECK(contains(md, "**Monitoring** (1/2)"));

    // An n/a item without a reason, and the ML Test Score line for a scored checklist.
    const auto souls = load_shipped_souls().value;
    const Checklist& score_list = ml_test_score_list(souls);
    ChecklistProgress sp = done_per_section(score_list, 7, false);
    sp.items[score_list.items[0].id] = entry(ItemStatus::NotApplicable, score_list.items[0].text);
    const std::string smd = checklist_markdown(score_list, sp);
    CHECK(contains(smd, "- [x] ~~Data 1. Schema."));
    CHECK(contains(smd, "~~ (not applicable)"));
    CHECK(contains(smd, " (manual)"));
    CHECK(contains(smd, "**ML Test Score: 3**"));
    CHECK(contains(smd, "Data 3, Model development 3.5, Infrastructure 3.5, Monitoring 3.5"));
}

TEST_CASE("checklist_json: items, sources, stages and the score", "[checklist]") {
    const Checklist v1 = extract(kDemoV1).list;
    ChecklistProgress p;
    p.items[v1.items[2].id] = entry(ItemStatus::NotApplicable, v1.items[2].text, "batch only", "ask again in Q3");
    const auto j = nlohmann::json::parse(checklist_json(v1, p).dump());
    CHECK(j.at("soul") == "demo");
    CHECK(j.at("title") == "Demo");
    CHECK(j.at("version") == "1");
    CHECK_FALSE(j.contains("ml_test_score"));
    REQUIRE(j.at("items").size() == 5);
    for (const auto& item : j.at("items")) {
        INFO(item.dump());
        for (const char* field : {"id", "text", "stage", "stage_reason", "role", "role_reason", "instrument", "source", "status"})
            CHECK(item.contains(field));
        CHECK(item.at("source").at("section") == nlohmann::json::array({"Demo", "Checks"}));
        CHECK(item.at("source").at("line").get<int>() >= 9);
    }
    const auto& first = j.at("items")[0];
    CHECK(first.at("id") == v1.items[0].id);
    CHECK(first.at("stage") == "monitoring");
    CHECK(first.at("instrument") == "drift");
    CHECK(first.at("role") == "task");
    CHECK(first.at("source").at("line") == 9);
    CHECK(first.at("status") == "open");
    CHECK(j.at("items")[1].at("status") == "done");
    const auto& na = j.at("items")[2];
    CHECK(na.at("status") == "n/a");
    CHECK(na.at("reason") == "batch only");
    CHECK(na.at("note") == "ask again in Q3");
    CHECK(j.at("items")[4].at("instrument").is_null());  // "Write the runbook": monitoring, no instrument
    REQUIRE(j.at("stages").is_array());
    CHECK(j.at("stages").size() == 4);
    for (const auto& s : j.at("stages"))
        for (const char* field : {"stage", "title", "total", "done", "not_applicable"}) CHECK(s.contains(field));

    const auto souls = load_shipped_souls().value;
    const Checklist& score_list = ml_test_score_list(souls);
    const auto sj = nlohmann::json::parse(checklist_json(score_list, done_per_section(score_list, 7, true)).dump());
    REQUIRE(sj.contains("ml_test_score"));
    CHECK(sj.at("ml_test_score").at("final") == 7.0);
    REQUIRE(sj.at("ml_test_score").at("sections").size() == 4);
    CHECK(sj.at("ml_test_score").at("sections")[1].at("section") == "Model development");
    CHECK(sj.at("ml_test_score").at("sections")[1].at("automated") == 7);
    CHECK(sj.at("items").size() == 28);
}
