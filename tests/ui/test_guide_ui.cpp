// The persona guide run headless: every soul in every view draws at desktop and embed sizes,
// hostile imports draw without harm, progress and imports survive a storage round trip (and
// corrupt storage), and the Markdown view lays out only what it must.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "guide_model.hpp"
#include "markdown_view.hpp"
#include "persona/parse.hpp"
#include "ui_test_context.hpp"

namespace {

using mlwb::state::GuideView;
using mlwb::state::InstrumentId;

mlwb::ui::UiModel guide_model(GuideView view, const std::string& soul) {
    mlwb::ui::UiModel m;
    m.state.active = InstrumentId::Guide;
    m.state.guide.view = view;
    m.state.guide.soul = soul;
    return m;
}

std::string hostile_soul() {
    std::string s = "---\nname: Hostile soul\nversion: 2\n---\n# Hostile\n\n## Hard rules\n\n";
    s += "- Never open [this](javascript:alert(1)) or <script>alert(1)</script>.\n";
    s += "- A word longer than any line: " + std::string(5000, 'x') + "\n";
    s += "- [ ] A task with `code` and **bold _nested italic_** text.\n\n";
    s += "| " + std::string(60 * 4, ' ') + "|\n";
    for (int c = 0; c < 70; ++c) s += "| c" + std::to_string(c) + " ";
    s += "|\n";
    for (int c = 0; c < 70; ++c) s += "|---";
    s += "|\n";
    for (int c = 0; c < 70; ++c) s += "| v ";
    s += "|\n\n```\n" + std::string(3000, 'y') + "\n\tindented\n```\n\n";
    for (int d = 0; d < 2000; ++d) s += std::string(static_cast<std::size_t>(d % 40) * 2, ' ') + "- level\n";
    return s;
}

}  // namespace

TEST_CASE("guide: every shipped soul draws in every view, wide and embed-sized", "[ui][guide]") {
    for (const auto size : {ImVec2(1280, 900), ImVec2(360, 300)}) {
        HeadlessImGui ui(size.x, size.y);
        mlwb::ui::UiModel m = guide_model(GuideView::Checklist, "principal-ml-engineer");
        ui.frame(m);
        REQUIRE(m.guide.souls.size() == 7);
        for (const auto& soul : m.guide.souls) {
            for (GuideView view : {GuideView::Checklist, GuideView::Read, GuideView::Compare}) {
                m.state.guide.soul = soul.checklist.soul_id;
                m.state.guide.view = view;
                INFO(soul.checklist.soul_id << " view " << mlwb::state::key_of(view));
                CHECK(ui.frame(m) > 500);
                CHECK(ui.frame(m) > 500);
            }
        }
        CHECK(m.guide.notices.empty());
        const auto& results = mlwb::ui::active_results(m);
        CHECK(results["souls"].size() == 7);
    }
}

TEST_CASE("guide: an unknown soul in the state falls back with a notice", "[ui][guide]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m = guide_model(GuideView::Read, "no-such-soul");
    CHECK(ui.frame(m) > 0);
    CHECK(m.state.guide.soul == "principal-ml-engineer");
    REQUIRE(m.guide.notices.size() == 1);
    CHECK(m.guide.notices[0].find("no-such-soul") != std::string::npos);
}

TEST_CASE("guide: a hostile import draws in every view and opens no unsafe link", "[ui][guide]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m = guide_model(GuideView::Read, "principal-ml-engineer");
    ui.frame(m);
    m.received_files.push_back({"hostile.md", hostile_soul(), hostile_soul().size()});
    ui.frame(m);
    CHECK(m.state.guide.soul == "hostile-soul");
    CHECK_FALSE(m.guide_panel.import_failed);
    for (GuideView view : {GuideView::Read, GuideView::Checklist, GuideView::Compare}) {
        m.state.guide.view = view;
        for (int i = 0; i < 20; ++i) CHECK(ui.frame(m) > 0);  // the reader finishes its layout over frames
    }
    CHECK(m.page.open_url.empty());
    const auto& r = mlwb::ui::active_results(m);
    CHECK(r["soul"] == "hostile-soul");
    CHECK(r["items"].size() >= 3);
}

TEST_CASE("guide: imports that are empty, too large or over the count are refused with a message", "[ui][guide]") {
    HeadlessImGui ui;
    mlwb::ui::UiModel m = guide_model(GuideView::Checklist, "ml-test-score");
    ui.frame(m);
    m.received_files.push_back({"empty.md", "  \n", 3});
    ui.frame(m);
    CHECK(m.guide_panel.import_failed);
    CHECK(m.guide_panel.import_message.find("empty") != std::string::npos);
    CHECK(m.state.guide.soul == "ml-test-score");
    m.received_files.push_back({"big.md", std::string(600 * 1024, 'a'), 600 * 1024});
    ui.frame(m);
    CHECK(m.guide_panel.import_failed);
    CHECK(m.guide_panel.import_message.find("512 kB") != std::string::npos);
    m.received_files.push_back({"huge.md", "", 40u * 1024u * 1024u});  // too large to be read at all
    ui.frame(m);
    CHECK(m.guide_panel.import_message.find("40960 kB") != std::string::npos);
    for (int i = 0; i < 13; ++i)
        m.received_files.push_back({"s" + std::to_string(i) + ".md", "# Soul " + std::to_string(i) + "\n\n## Rules\n\n- Rule.\n", 30});
    ui.frame(m);
    CHECK(m.guide.imported.size() == mlwb::ui::kMaxImportedSouls);
    CHECK(m.guide_panel.import_failed);
}

TEST_CASE("guide: progress and imports survive a storage round trip, corrupt storage is survived", "[ui][guide]") {
    std::map<std::string, std::string> storage;
    auto get = [&](const std::string& k) { auto it = storage.find(k); return it == storage.end() ? std::string() : it->second; };
    {
        mlwb::ui::GuideModel g;
        g.storage_get = get;
        mlwb::ui::ensure_loaded(g);
        const auto* soul = mlwb::ui::find_soul(g, "launch-an-a-b-experiment");
        REQUIRE(soul);
        mlwb::persona::ItemProgress done;
        done.status = mlwb::persona::ItemStatus::Done;
        done.note = "plan in the wiki";
        mlwb::ui::set_item_progress(g, *soul, soul->checklist.items[0], done);
        REQUIRE(mlwb::ui::import_soul(g, "mine.md", "# Mine\n\n## Hard rules\n\n- Keep it simple.\n").ok());
        CHECK(g.storage_dirty);
        for (auto& [k, v] : mlwb::ui::storage_entries(g)) storage[k] = v;
    }
    {
        mlwb::ui::GuideModel g;
        g.storage_get = get;
        mlwb::ui::ensure_loaded(g);
        CHECK(g.notices.empty());
        REQUIRE(mlwb::ui::find_soul(g, "mine"));
        const auto* soul = mlwb::ui::find_soul(g, "launch-an-a-b-experiment");
        const auto e = mlwb::persona::progress_of(mlwb::ui::progress_of(g, *soul), soul->checklist.items[0]);
        CHECK(e.status == mlwb::persona::ItemStatus::Done);
        CHECK(e.note == "plan in the wiki");
    }
    storage["mlwb.checklist.launch-an-a-b-experiment"] = "{not json";
    storage["mlwb.souls.imported"] = "[1,2";
    {
        mlwb::ui::GuideModel g;
        g.storage_get = get;
        mlwb::ui::ensure_loaded(g);
        CHECK(g.notices.size() == 2);
        CHECK(g.souls.size() == 7);
        const auto* soul = mlwb::ui::find_soul(g, "launch-an-a-b-experiment");
        CHECK(mlwb::persona::progress_of(mlwb::ui::progress_of(g, *soul), soul->checklist.items[0]).status == mlwb::persona::ItemStatus::Open);
    }
}

TEST_CASE("markdown view: a long document is laid out only where it is seen, then in slices", "[ui][guide]") {
    HeadlessImGui ui(1000, 700);
    std::string text = "# Long\n\n";
    for (int i = 0; i < 3000; ++i) text += "Paragraph " + std::to_string(i) + " with some words to wrap across the line.\n\n";
    const auto doc = mlwb::persona::parse_persona(text).value;
    mlwb::ui::MarkdownView view;
    auto laid_out = [&] { int n = 0; for (const auto& b : view.blocks) n += b.laid_out; return n; };
    ImGui::NewFrame();
    ImGui::Begin("t");
    const auto ev = mlwb::ui::draw_markdown("reader", view, doc, {}, ImVec2(600, 500));
    ImGui::End();
    ImGui::Render();
    CHECK(ev.more_layout_pending);
    CHECK(laid_out() < 300);  // the visible blocks plus one slice, of 3001
    CHECK(laid_out() > 10);
    for (int f = 0; f < 30; ++f) {
        ImGui::NewFrame();
        ImGui::Begin("t");
        mlwb::ui::draw_markdown("reader", view, doc, {}, ImVec2(600, 500));
        ImGui::End();
        ImGui::Render();
    }
    CHECK(laid_out() == static_cast<int>(doc.blocks.size()));
}

TEST_CASE("markdown view: links and sections", "[ui][guide]") {
    CHECK(mlwb::persona::is_safe_link("https://example.org"));
    CHECK(mlwb::persona::is_safe_link("HTTP://example.org"));
    CHECK(mlwb::persona::is_safe_link("mailto:a@b.c"));
    CHECK_FALSE(mlwb::persona::is_safe_link("javascript:alert(1)"));
    CHECK_FALSE(mlwb::persona::is_safe_link("data:text/html,x"));
    CHECK_FALSE(mlwb::persona::is_safe_link("//evil.example"));
    const auto doc = mlwb::persona::parse_persona("# T\n\nintro\n\n## A\n\n- one\n\n### A.1\n\nx\n\n## B\n\ny\n").value;
    int a = -1;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i)
        if (doc.blocks[i].text == "A") a = static_cast<int>(i);
    REQUIRE(a >= 0);
    CHECK(mlwb::ui::section_source(doc, a) == "## A\n\n- one\n\n### A.1\n\nx\n");
}
