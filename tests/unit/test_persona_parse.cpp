// The persona ("soul") parser: front matter, the block model, hostile input, and the five
// real-world souls in the shared directory (read at run time, not stored in the repository).
#include <catch2/catch.hpp>

#include "timing_note.hpp"

#include "shared_souls.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "persona/parse.hpp"

using namespace mlwb::persona;
using mlwb::test::note_if_slow;
using mlwb::test::seconds;
using mlwb::Outcome;

namespace {

Document parse_ok(std::string_view text) {
    auto r = parse_persona(text);
    REQUIRE(r.ok());
    return r.value;
}

std::vector<std::string> texts(const Document& d, const std::vector<int>& idx) {
    std::vector<std::string> out;
    for (int i : idx) out.push_back(d.blocks[static_cast<std::size_t>(i)].text);
    return out;
}

// Items of the section with this title (not of its subsections).
std::vector<std::string> items_of(const Document& d, const std::string& title) {
    const int s = d.find_section(title);
    INFO("section: " << title);
    REQUIRE(s >= 0);
    return texts(d, d.blocks_in(s, BlockKind::ListItem));
}



}  // namespace

TEST_CASE("front matter: scalars, quotes and lists", "[persona]") {
    const auto split = split_front_matter(
        "---\n"
        "name: ml-engineer\n"
        "title: 'It''s: quoted'\n"
        "motto: \"say \\\"hi\\\"\" # comment\n"
        "tags: [mlops, 'a, b', serving]\n"
        "tools:\n"
        "  - mlflow\n"
        "  - \"kubeflow\"\n"
        "note: plain value # trailing comment\n"
        "---\n"
        "# Body\n");
    const FrontMatter& fm = split.front_matter;
    REQUIRE(fm.present);
    CHECK(fm.notices.empty());
    REQUIRE(fm.find("name") != nullptr);
    CHECK(fm.find("name")->value == "ml-engineer");
    CHECK(fm.find("title")->value == "It's: quoted");
    CHECK(fm.find("motto")->value == "say \"hi\"");
    CHECK(fm.find("note")->value == "plain value");
    REQUIRE(fm.find("tags")->kind == FrontMatterValueKind::List);
    CHECK(fm.find("tags")->items == std::vector<std::string>{"mlops", "a, b", "serving"});
    REQUIRE(fm.find("tools")->kind == FrontMatterValueKind::List);
    CHECK(fm.find("tools")->items == std::vector<std::string>{"mlflow", "kubeflow"});
    CHECK(fm.find("tools")->line == 6);
    CHECK(fm.find("missing") == nullptr);
}

TEST_CASE("front matter: BOM and CRLF are tolerated", "[persona]") {
    const std::string text = "\xEF\xBB\xBF---\r\nname: x\r\nlist: [a, b]\r\n---\r\n# Title\r\n";
    const auto split = split_front_matter(text);
    REQUIRE(split.front_matter.present);
    CHECK(split.front_matter.find("name")->value == "x");
    CHECK(split.front_matter.find("list")->items == std::vector<std::string>{"a", "b"});
    CHECK(text.substr(split.body_offset) == "# Title\r\n");

    const Document d = parse_ok(text);
    CHECK(d.front_matter.find("name")->value == "x");
    REQUIRE(d.sections.size() == 1);
    CHECK(d.sections[0].title == "Title");
    CHECK(d.blocks[0].line == 5);
}

TEST_CASE("front matter: complex YAML is kept raw with a notice, never a failure", "[persona]") {
    const auto split = split_front_matter(
        "---\n"
        "name: ok\n"
        "nested:\n"
        "  inner: 1\n"
        "text: |\n"
        "  line one\n"
        "  line two\n"
        "bad: 'unterminated\n"
        "just some words\n"
        "---\n");
    const FrontMatter& fm = split.front_matter;
    REQUIRE(fm.present);
    CHECK(fm.find("name")->value == "ok");
    CHECK(fm.find("nested")->kind == FrontMatterValueKind::Raw);
    CHECK(fm.find("nested")->value == "  inner: 1\n");
    CHECK(fm.find("text")->kind == FrontMatterValueKind::Raw);
    CHECK(fm.find("text")->value == "|\n  line one\n  line two");
    CHECK(fm.find("bad")->kind == FrontMatterValueKind::Raw);
    CHECK(fm.notices.size() == 4);

    // No closing fence: not front matter; the --- is Markdown.
    const auto open = split_front_matter("---\nname: x\n# Title\n");
    CHECK_FALSE(open.front_matter.present);
    CHECK(open.body_offset == 0);
    // Not at the very start: not front matter either.
    CHECK_FALSE(split_front_matter("\n---\nname: x\n---\n").front_matter.present);
}

TEST_CASE("spans: bold, italic, code, strike, links", "[persona]") {
    const Document d = parse_ok(
        "Plain **bold** *it* `code` ~~gone~~ [site](https://example.org) and **[b](http://x.io)**.\n"
        "\n"
        "[bad](javascript:alert(1)) [rel](docs/x.md) <mailto:a@b.org> www.example.com\n");
    REQUIRE(d.blocks.size() == 2);
    const auto& s = d.blocks[0].spans;
    REQUIRE(s.size() == 13);
    CHECK(s[0].text == "Plain ");
    CHECK((s[1].text == "bold" && s[1].bold && !s[1].italic));
    CHECK((s[3].text == "it" && s[3].italic));
    CHECK((s[5].text == "code" && s[5].code));
    CHECK((s[7].text == "gone" && s[7].strike));
    CHECK((s[9].text == "site" && s[9].href == "https://example.org"));
    CHECK((s[11].text == "b" && s[11].bold && s[11].href == "http://x.io"));
    CHECK(d.blocks[0].text == "Plain bold it code gone site and b.");

    const auto& t = d.blocks[1].spans;
    // javascript: and relative links become plain text, merged with the text around them.
    CHECK(t[0].text == "bad rel ");
    CHECK(t[0].href.empty());
    CHECK((t[1].text == "mailto:a@b.org" && t[1].href == "mailto:a@b.org"));
    CHECK((t[3].text == "www.example.com" && t[3].href == "http://www.example.com"));
    bool refused = false;
    for (const auto& n : d.notices) refused = refused || n.find("javascript:") != std::string::npos;
    CHECK(refused);
}

TEST_CASE("nested lists, ordered numbers and block quotes", "[persona]") {
    const Document d = parse_ok(
        "# A\n"
        "- one\n"
        "  - one.a\n"
        "    1. deep\n"
        "    2. deeper\n"
        "- two\n"
        "\n"
        "> quoted\n"
        "> > twice\n");
    REQUIRE(d.blocks.size() == 8);
    CHECK(d.blocks[1].text == "one");
    CHECK(d.blocks[1].list_depth == 1);
    CHECK(d.blocks[2].list_depth == 2);
    CHECK((d.blocks[3].list_depth == 3 && d.blocks[3].ordered && d.blocks[3].number == 1));
    CHECK(d.blocks[4].number == 2);
    CHECK(d.blocks[4].line == 5);
    CHECK((d.blocks[5].text == "two" && !d.blocks[5].ordered && d.blocks[5].list_depth == 1));
    CHECK((d.blocks[6].kind == BlockKind::Paragraph && d.blocks[6].quote_depth == 1));
    CHECK((d.blocks[7].text == "twice" && d.blocks[7].quote_depth == 2 && d.blocks[7].line == 9));
    for (const auto& b : d.blocks) CHECK(b.section == 0);

    const Document numbered = parse_ok("7. seven\n8. eight\n");
    REQUIRE(numbered.blocks.size() == 2);
    CHECK((numbered.blocks[0].number == 7 && numbered.blocks[1].number == 8));
}

TEST_CASE("loose list items keep their paragraph text", "[persona]") {
    const Document d = parse_ok("1. **First**: text\n\n2. Second\n\n   more\n");
    REQUIRE(d.blocks.size() == 2);
    CHECK(d.blocks[0].text == "First: text");
    CHECK(d.blocks[0].spans[0].bold);
    CHECK(d.blocks[1].text == "Second more");
}

TEST_CASE("task items and the offsets of their markers", "[persona]") {
    const std::string text = "## Checks\n- [ ] write tests\n- [x] ship it\n  - [X] nested\n- not a task\n";
    const Document d = parse_ok(text);
    REQUIRE(d.blocks.size() == 5);
    CHECK(d.blocks[1].task == TaskState::Unchecked);
    CHECK(d.blocks[1].text == "write tests");
    CHECK(d.blocks[1].task_offset == text.find("[ ]") + 1);
    CHECK(d.source[d.blocks[1].task_offset] == ' ');
    CHECK(d.blocks[2].task == TaskState::Checked);
    CHECK(d.blocks[2].task_offset == text.find("[x]") + 1);
    CHECK(d.blocks[3].task == TaskState::Checked);
    CHECK(d.source[d.blocks[3].task_offset] == 'X');
    CHECK(d.blocks[3].line == 4);
    CHECK(d.blocks[4].task == TaskState::None);

    // With front matter and CRLF the offset is into Document::source (normalised).
    const Document f = parse_ok("---\r\nname: a\r\n---\r\n- [x] done\r\n");
    REQUIRE(f.blocks.size() == 1);
    CHECK(f.source[f.blocks[0].task_offset] == 'x');
    CHECK(f.blocks[0].line == 4);
}

TEST_CASE("tables, code languages, rules and the section tree", "[persona]") {
    const Document d = parse_ok(
        "# Top\n"
        "| a | **b** |\n"
        "|---|---|\n"
        "| 1 | 2 |\n"
        "\n"
        "## Sub\n"
        "```python\n"
        "print(1)\n"
        "```\n"
        "\n"
        "---\n"
        "\n"
        "### Deeper\n"
        "    indented code\n"
        "## Sibling\n"
        "# Second top\n");
    REQUIRE(d.blocks.size() == 10);
    const Block& head = d.blocks[1];
    CHECK((head.kind == BlockKind::TableRow && head.header_row));
    REQUIRE(head.cells.size() == 2);
    CHECK(head.cells[1][0].bold);
    CHECK(head.text == "a | b");
    CHECK((d.blocks[2].text == "1 | 2" && !d.blocks[2].header_row && d.blocks[2].line == 4));
    const Block& code = d.blocks[4];
    CHECK((code.kind == BlockKind::Code && code.language == "python" && code.text == "print(1)\n"));
    CHECK(code.fenced);
    CHECK(code.line == 7);
    CHECK((d.blocks[5].kind == BlockKind::Rule && d.blocks[5].line == 11));
    CHECK((d.blocks[7].kind == BlockKind::Code && d.blocks[7].language.empty()));

    REQUIRE(d.sections.size() == 5);
    CHECK((d.sections[0].title == "Top" && d.sections[0].parent == -1));
    CHECK((d.sections[1].title == "Sub" && d.sections[1].parent == 0 && d.sections[1].heading_block == 3));
    CHECK((d.sections[2].title == "Deeper" && d.sections[2].parent == 1 && d.sections[2].level == 3));
    CHECK((d.sections[3].title == "Sibling" && d.sections[3].parent == 0));
    CHECK((d.sections[4].title == "Second top" && d.sections[4].parent == -1));
    CHECK(d.blocks[7].section == 2);
}

TEST_CASE("XML in a code fence becomes list items of its section", "[persona]") {
    const Document d = parse_ok(
        "# Gates\n"
        "```xml\n"
        "<root a=\"1\">\n"
        "  <!-- ignored -->\n"
        "  <gates><gate>First &amp; best</gate><gate>Latency < 100ms</gate><empty/></gates>\n"
        "  <steps>\n"
        "    1. one\n"
        "    2. two\n"
        "  </steps>\n"
        "</root>\n"
        "```\n"
        "after\n");
    const auto items = d.blocks_in(0, BlockKind::ListItem);
    CHECK(texts(d, items) == std::vector<std::string>{"First & best", "Latency < 100ms", "1. one", "2. two"});
    REQUIRE(items.size() == 4);
    const Block& gate = d.blocks[static_cast<std::size_t>(items[0])];
    CHECK((gate.from_xml && gate.xml_element == "gate" && gate.line == 5));
    CHECK(d.blocks[static_cast<std::size_t>(items[3])].line == 8);
    CHECK(d.blocks[static_cast<std::size_t>(items[3])].xml_element == "steps");
    CHECK(d.blocks.back().text == "after");
    CHECK(d.sections[0].heading_block == 0);
    // Indented code that looks like XML: no fence line to skip.
    const Document ind = parse_ok("Intro\n\n    <list>\n      <item>one</item>\n    </list>\n");
    REQUIRE(ind.blocks.size() == 3);
    CHECK_FALSE(ind.blocks[1].fenced);
    CHECK((ind.blocks[2].text == "one" && ind.blocks[2].line == 4 && ind.blocks[2].section == -1));
}

TEST_CASE("hostile input finishes quickly and never fails", "[persona]") {
    SECTION("10,000-deep nesting") {
        std::string list, quote, mixed;
        for (int i = 0; i < 10000; ++i) {
            list += "- ";
            quote += "> ";
            mixed += "> 1. ";
        }
        for (const std::string& s : {list + "x\n", quote + "x\n", mixed + "x\n"}) {
            Outcome<Document> r;
            note_if_slow(seconds([&] { r = parse_persona(s); }));
            CHECK(r.ok());
        }
        const Document d = parse_ok(list + "x\n");
        CHECK(d.blocks.back().list_depth == 10000);
        CHECK(d.blocks.back().text == "x");
    }
    SECTION("a 10 MB line") {
        const std::string line(10 * 1024 * 1024, 'a');
        Outcome<Document> r;
        note_if_slow(seconds([&] { r = parse_persona(line); }));
        REQUIRE(r.ok());
        REQUIRE(r.value.blocks.size() == 1);
        CHECK(r.value.blocks[0].text.size() == line.size());
    }
    SECTION("two million empty items hit the block cap") {
        std::string s;
        for (int i = 0; i < 2000000; ++i) s += "-\n";
        Outcome<Document> r;
        note_if_slow(seconds([&] { r = parse_persona(s); }));
        CHECK(r.ok());
        CHECK(r.value.truncated);
        CHECK(r.value.blocks.size() == ParseOptions{}.max_blocks);
    }
    SECTION("HTML is text and javascript: links are refused") {
        const Document d = parse_ok(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](JAVASCRIPT:void) <javascript:alert(2)>\n");
        for (const auto& b : d.blocks)
            for (const auto& sp : b.spans) CHECK(sp.href.empty());
        CHECK(d.blocks[0].text == "<script>alert(1)</script>");
    }
    SECTION("invalid UTF-8, NUL and surrogates become U+FFFD") {
        static const char raw[] = "# T\xff\n\n- a\xc3( b\0c \xed\xa0\x80 \xf4\x90\x80\x80\n";
        const std::string bad(raw, sizeof raw - 1);
        const Document d = parse_ok(bad);
        CHECK(d.sections[0].title == "T\xEF\xBF\xBD");
        CHECK(d.blocks[1].text ==
              "a\xEF\xBF\xBD( b\xEF\xBF\xBD" "c \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
        CHECK_FALSE(d.notices.empty());
    }
    SECTION("deeply nested XML and brackets") {
        std::string xml = "```xml\n";
        for (int i = 0; i < 100000; ++i) xml += "<a>";
        xml += "x";
        for (int i = 0; i < 100000; ++i) xml += "</b>";
        Outcome<Document> r;
        note_if_slow(seconds([&] { r = parse_persona(xml + "\n```\n" + std::string(100000, '[') + std::string(100000, ']')); }));
        CHECK(r.ok());
    }
    SECTION("over the size cap: a clear error") {
        ParseOptions small;
        small.max_bytes = 1024 * 1024;
        const auto r = parse_persona(std::string(small.max_bytes + 1, 'a'), small);
        REQUIRE_FALSE(r.ok());
        CHECK(r.errors[0].field == "persona");
        CHECK(r.errors[0].message.find("larger than 1 MB") != std::string::npos);
    }
}

TEST_CASE("a flattened page is recovered", "[persona]") {
    std::string page = "Hub\nLog in\nRaw\n# Title Here --- name: x tags: [a, b] --- # First Part You are here. "
                       "1. Alpha item — text 2. Beta item 1. Not a restart? # Second (Notes) - Bullet one - Bullet two ";
    page += std::string(1000, 'z');
    page += "\nFooter\n";
    const Document d = parse_ok(page);
    CHECK(d.recovered_from_flattened);
    REQUIRE(d.sections.size() == 3);
    CHECK(d.sections[0].title == "Title Here");
    CHECK(d.sections[1].title == "First Part");
    CHECK(d.sections[2].title == "Second (Notes)");
    CHECK(d.front_matter.find("name")->value == "x");
    CHECK(d.front_matter.find("tags")->items == std::vector<std::string>{"a", "b"});
    CHECK(items_of(d, "First Part") == std::vector<std::string>{"Alpha item — text", "Beta item", "Not a restart?"});
    const auto second = items_of(d, "Second (Notes)");
    REQUIRE(second.size() == 2);
    CHECK(second[0] == "Bullet one");
    for (const auto& b : d.blocks) CHECK(b.text.find("Log in") == std::string::npos);
}

// ---- the shared souls ------------------------------------------------------------------------
// Real-world souls in five formats. They are not in the repository: they are read from
// $MLWB_SHARED_SOULS (default /work/shared/souls). Missing, the cases below are skipped with a
// warning, or fail if MLWB_REQUIRE_SHARED_SOULS=1.
namespace {

bool load_soul(const std::string& name, Document& out) {
    const auto text = read_shared_soul(name);
    if (!text) return false;
    const auto r = parse_persona(*text);
    REQUIRE(r.ok());
    out = r.value;
    return true;
}

}  // namespace

TEST_CASE("shared soul 000: emoji headings and plain Markdown", "[persona]") {
    Document d;
    if (!load_soul("000_a31a7bcd4232987b.txt", d)) return;
    CHECK_FALSE(d.front_matter.present);
    REQUIRE(d.sections.size() == 6);
    CHECK(d.sections[0].title == "Principal Machine Learning Engineer");
    CHECK(d.sections[1].title == "\xF0\x9F\xA4\x96 Identity");
    CHECK(d.sections[3].parent == 0);
    const auto objectives = items_of(d, "\xF0\x9F\x8E\xAF Core Objectives");
    REQUIRE(objectives.size() == 6);
    CHECK(objectives[5] == "Provide both the \"what\" and the deep \"why\" so the user grows their own judgment over time.");
    CHECK(items_of(d, "\xF0\x9F\xA7\xA0 Expertise & Skills").size() == 15);
    const auto voice = d.blocks_in(d.find_section("\xF0\x9F\x97\xA3\xEF\xB8\x8F Voice & Tone"), BlockKind::ListItem);
    REQUIRE(voice.size() == 16);
    const Block& step1 = d.blocks[static_cast<std::size_t>(voice[5])];
    CHECK((step1.ordered && step1.number == 1));
    CHECK(step1.spans[0].bold);
    CHECK(step1.spans[0].text == "Clarify constraints");
    CHECK(items_of(d, "\xF0\x9F\x9A\xA7 Hard Rules & Boundaries").size() == 11);
    CHECK(d.blocks[0].line == 1);
}

TEST_CASE("shared soul 001: a flattened web page", "[persona]") {
    Document d;
    if (!load_soul("001_4ae0a8e048934592.txt", d)) return;
    CHECK(d.recovered_from_flattened);
    CHECK(d.front_matter.find("role")->value == "Machine Learning Engineer");
    CHECK(d.front_matter.find("tags")->items.size() == 8);
    std::vector<std::string> titles;
    for (const auto& s : d.sections) titles.push_back(s.title);
    CHECK(titles == std::vector<std::string>{
                        "Principal Machine Learning Engineer \xE2\x80\x94 ML Systems Architect Soul v1.0",
                        "Core Identity", "Engineering Philosophy (Non-negotiable)",
                        "Thinking Protocol (Mandatory Internal Steps)", "Communication Style", "Output Discipline",
                        "Real-World Experience Integration", "Self-Improving Loop", "Specialized Capabilities",
                        "Ethical and Governance Framework", "Evolution Mandate"});
    const auto philosophy = items_of(d, "Engineering Philosophy (Non-negotiable)");
    REQUIRE(philosophy.size() == 7);
    CHECK(philosophy[0].rfind("Systems Thinking Over Model Heroics \xE2\x80\x94 The model is rarely the bottleneck.", 0) == 0);
    CHECK(items_of(d, "Thinking Protocol (Mandatory Internal Steps)").size() == 7);
    const auto loop = items_of(d, "Self-Improving Loop");
    REQUIRE(loop.size() == 5);
    CHECK(loop[2] == "Update personal and team playbooks with new patterns discovered.");
    const auto caps = items_of(d, "Specialized Capabilities");
    REQUIRE(caps.size() == 7);
    CHECK(caps[3] == "Causal inference and experimentation platforms at scale");
    // The navigation before the first heading is gone.
    CHECK(d.blocks[0].kind == BlockKind::Heading);
}

TEST_CASE("shared soul 002: front matter and a numbered Approach", "[persona]") {
    Document d;
    if (!load_soul("002_da4301a9f6576b3d.txt", d)) return;
    CHECK(d.front_matter.find("name")->value == "ml-engineer");
    CHECK(d.front_matter.find("description")->value.rfind("Implement ML pipelines", 0) == 0);
    REQUIRE(d.sections.size() == 3);
    CHECK(items_of(d, "Approach") == std::vector<std::string>{
                                         "Start with simple baseline model",
                                         "Version everything - data, features, models",
                                         "Monitor prediction quality in production", "Implement gradual rollouts",
                                         "Plan for model retraining"});
    CHECK(items_of(d, "Focus Areas").size() == 6);
    CHECK(items_of(d, "Deliverables").size() == 5);
    // The principles come before the first heading.
    const auto before = d.blocks_in(-1, BlockKind::ListItem);
    REQUIRE(before.size() == 5);
    const Block& first = d.blocks[static_cast<std::size_t>(before[0])];
    CHECK((first.ordered && first.number == 1 && first.line == 9));
    CHECK((first.spans[0].bold && first.spans[0].text == "Start with a Simple Baseline"));
}

TEST_CASE("shared soul 003: a long soul with code", "[persona]") {
    Document d;
    if (!load_soul("003_d0335ee4b085b26b.txt", d)) return;
    CHECK(d.front_matter.find("model")->value == "sonnet");
    CHECK(d.sections.size() == 33);
    const int frameworks = d.find_section("Core ML Frameworks & Libraries");
    REQUIRE(frameworks >= 0);
    CHECK(d.sections[static_cast<std::size_t>(d.sections[static_cast<std::size_t>(frameworks)].parent)].title ==
          "Capabilities");
    CHECK(items_of(d, "Core ML Frameworks & Libraries").size() == 7);
    const auto approach = items_of(d, "Response Approach");
    REQUIRE(approach.size() == 8);
    CHECK(approach[0] == "Analyze ML requirements for production scale and reliability needs");
    const auto principles = items_of(d, "Constitutional AI Principles");
    REQUIRE(principles.size() == 6);
    CHECK(principles[0] == "Reliability: Have I implemented comprehensive error handling, retries, and fallbacks? "
                           "Will the system degrade gracefully under load?");
    int python = 0;
    for (const auto& b : d.blocks) python += b.kind == BlockKind::Code && b.language == "python";
    CHECK(python == 7);
}

TEST_CASE("shared soul 004: XML in code fences", "[persona]") {
    Document d;
    if (!load_soul("004_a193b6b09aa4a382.txt", d)) return;
    REQUIRE(d.sections.size() == 2);
    CHECK(d.sections[0].title == "ML Engineer Persona");
    REQUIRE(d.blocks[0].kind == BlockKind::TableRow);
    CHECK(d.blocks[0].text == "version | last_updated | status");
    CHECK(d.blocks[1].text == "1.0.0 | 2025-07-11 | stable");

    std::vector<std::string> gates, steps;
    for (const auto& b : d.blocks) {
        if (b.xml_element == "gate") gates.push_back(b.text);
        if (b.xml_element == "step") steps.push_back(b.text);
    }
    CHECK(gates == std::vector<std::string>{"Model performance and accuracy validation", "Bias and fairness assessment",
                                            "Production deployment and monitoring",
                                            "Model interpretability and explainability",
                                            "Cost optimization and resource efficiency"});
    REQUIRE(steps.size() == 7);
    CHECK(steps[0] == "1. Define problem requirements and success metrics");
    CHECK(steps[6] == "7. Optimize and retrain models based on feedback");
    const int behaviour = d.find_section("Behavioral Characteristics");
    int obsessions = 0;
    for (int i : d.blocks_in(behaviour, BlockKind::ListItem)) {
        const Block& b = d.blocks[static_cast<std::size_t>(i)];
        CHECK(b.from_xml);
        obsessions += b.xml_element == "obsession";
    }
    CHECK(obsessions == 5);
    for (const auto& b : d.blocks)
        if (b.xml_element == "gate") CHECK(b.section == 0);
    // Line numbers point at the element in the file.
    for (const auto& b : d.blocks)
        if (b.text == "Bias and fairness assessment" && b.xml_element == "gate") CHECK(b.line == 41);
}
