#include "guide_panel.hpp"

#include <algorithm>
#include <cstdio>

#include "fonts.hpp"
#include "imgui.h"
#include "state/instruments.hpp"
#include "theme.hpp"

namespace mlwb::ui {

namespace {

using persona::ChecklistItem;
using persona::ItemProgress;
using persona::ItemStatus;
using persona::LoadedSoul;
using persona::Stage;

const char* instrument_title(const std::string& key) {
    if (key == "power") return "Experiment power";
    if (key == "serving") return "Serving simulator";
    if (key == "drift") return "Drift lens";
    return "";
}

// "Principles, line 34": the soul's own title (its top heading) says nothing here.
std::string source_label(const ChecklistItem& item, const std::string& soul_title) {
    std::string path;
    for (std::size_t i = 0; i < item.section_path.size(); ++i) {
        if (i == 0 && item.section_path.size() > 1 && item.section_path[0] == soul_title) continue;
        path += (path.empty() ? "" : " > ") + item.section_path[i];
    }
    return (path.empty() ? std::string("top") : path) + ", line " + std::to_string(item.line);
}

// The soul to show: the state's, or the first one with a notice when it is unknown.
const LoadedSoul* resolve_soul(GuideModel& model, state::GuideState& state, bool& committed) {
    if (const LoadedSoul* s = find_soul(model, state.soul)) return s;
    if (model.souls.empty()) return nullptr;
    model.notices.push_back("There is no soul with id '" + state.soul.substr(0, 64) + "' here; showing " + model.souls.front().checklist.title + ".");
    state.soul = model.souls.front().checklist.soul_id;
    committed = true;
    return &model.souls.front();
}

bool soul_combo(const char* label, GuideModel& model, std::string& soul_id, float width) {
    const LoadedSoul* current = find_soul(model, soul_id);
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(label, current ? current->checklist.title.c_str() : "(none)")) {
        const char* groups[] = {"Personas", "Checklists", "Imported"};
        for (int g = 0; g < 3; ++g) {
            bool header = false;
            for (std::size_t i = 0; i < model.souls.size(); ++i) {
                const LoadedSoul& s = model.souls[i];
                const int group = i >= model.shipped_count ? 2 : s.is_checklist ? 1 : 0;
                if (group != g) continue;
                if (!header) {
                    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
                    ImGui::TextUnformatted(groups[g]);
                    ImGui::PopStyleColor();
                    header = true;
                }
                ImGui::PushID(static_cast<int>(i));
                const bool selected = s.checklist.soul_id == soul_id;
                if (ImGui::Selectable(s.checklist.title.c_str(), selected)) {
                    soul_id = s.checklist.soul_id;
                    changed = true;
                }
                ImGui::PopID();
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// Bars stay within the readable column that text wraps at.
float column_width() { return std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 48.0f); }

void progress_bar(int done, int na, int total, float width) {
    const int counted = total - na;
    const float fraction = counted > 0 ? static_cast<float>(done) / static_cast<float>(counted) : 1.0f;
    char label[64];
    std::snprintf(label, sizeof label, na > 0 ? "%d of %d done, %d n/a" : "%d of %d done", done, total, na);
    ImGui::ProgressBar(fraction, ImVec2(width, 0), label);
}

void draw_header(GuideModel& model, const LoadedSoul& soul) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextWrapped("%s", soul.checklist.title.c_str());
    ImGui::PopFont();
    if (!soul.checklist.description.empty()) muted_text(soul.checklist.description);
    muted_text((soul.is_checklist ? "Checklist" : "Persona") + std::string(" \xE2\x80\xA2 id ") + soul.checklist.soul_id +
               " \xE2\x80\xA2 version " + soul.checklist.version + " \xE2\x80\xA2 " + soul.origin);
    const auto c = persona::totals(soul.checklist, progress_of(model, soul));
    progress_bar(c.done, c.not_applicable, c.total, column_width());
}

void draw_ml_test_score(GuideModel& model, const LoadedSoul& soul) {
    const auto score = persona::ml_test_score(soul.checklist, progress_of(model, soul));
    begin_card();
    ImGui::PushFont(fonts().bold);
    ImGui::Text("ML Test Score: %g", score.final_score);
    ImGui::PopFont();
    ImGui::TextWrapped("%s", score.band.c_str());
    std::string sections;
    for (const auto& s : score.sections) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "%s%s %g (%d manual, %d automated)", sections.empty() ? "" : "; ", s.title.c_str(), s.score,
                      s.manual, s.automated);
        sections += buf;
    }
    muted_text("Lowest of the sections: " + sections + ". A done item counts 0.5, or 1 when marked automated.");
    end_card();
}

// Buttons in a row that wraps on narrow screens: SameLine only when the next one fits.
void next_button(const char* label) {
    const float w = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

void draw_toolbar(GuidePanel& panel, GuideModel& model, const LoadedSoul& soul, PageRequests& page) {
    const auto& p = progress_of(model, soul);
    if (ImGui::Button("Copy as task list")) {
        ImGui::SetClipboardText(persona::checklist_markdown(soul.checklist, p).c_str());
        panel.copied = "Copied: paste it into a pull request or issue.";
    }
    next_button("Copy JSON");
    if (ImGui::Button("Copy JSON")) {
        ImGui::SetClipboardText(persona::checklist_json(soul.checklist, p).dump(2).c_str());
        panel.copied = "Copied the checklist as JSON.";
    }
    next_button("Download .md");
    if (ImGui::Button("Download .md"))
        page.downloads.push_back({soul.checklist.soul_id + "-checklist.md", "text/markdown", persona::checklist_markdown(soul.checklist, p)});
    next_button("Download .json");
    if (ImGui::Button("Download .json"))
        page.downloads.push_back({soul.checklist.soul_id + "-checklist.json", "application/json", persona::checklist_json(soul.checklist, p).dump(2)});
    next_button("Reset all items");
    if (!panel.confirm_reset) {
        if (ImGui::Button("Reset...")) panel.confirm_reset = true;
    } else {
        if (ImGui::Button("Reset all items")) {
            reset_progress(model, soul);
            panel.confirm_reset = false;
            panel.results_dirty = true;
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep")) panel.confirm_reset = false;
    }
    if (!panel.copied.empty()) muted_text(panel.copied);
}

// One item: a done box, its text, and a line with n/a, note, source and instrument link.
void draw_item(GuidePanel& panel, GuideModel& model, const LoadedSoul& soul, const ChecklistItem& item, state::GuideState& state,
               GuideFrame& frame) {
    ItemProgress e = persona::progress_of(progress_of(model, soul), item);
    ImGui::PushID(item.id.c_str());
    bool done = e.status == ItemStatus::Done;
    const bool na = e.status == ItemStatus::NotApplicable;
    if (state.item == item.id) {
        if (panel.scrolled_to_item != item.id) {  // an instrument or a link sent us here: show it
            ImGui::SetScrollHereY(0.25f);
            panel.scrolled_to_item = item.id;
        }
        const ImVec2 a = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x - 6, a.y - 2), ImVec2(a.x - 2, a.y + ImGui::GetFontSize() * 2.6f),
                                                  ImGui::GetColorU32(palette().accent));
    }
    if (ImGui::Checkbox("##done", &done)) {
        e.status = done ? ItemStatus::Done : ItemStatus::Open;
        set_item_progress(model, soul, item, e);
        panel.results_dirty = true;
    }
    ImGui::SameLine();
    if (na) ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextWrapped("%s", item.text.c_str());
    if (na) ImGui::PopStyleColor();

    const float indent = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
    ImGui::Indent(indent);
    if (ImGui::SmallButton(na ? "Applies after all" : "Not applicable")) {
        e.status = na ? ItemStatus::Open : ItemStatus::NotApplicable;
        set_item_progress(model, soul, item, e);
        panel.results_dirty = true;
        if (!na) {  // ask for the reason right away
            panel.editing_item = item.id;
            panel.note_buffer = e.note;
            panel.reason_buffer = e.reason;
        }
    }
    ImGui::SameLine();
    const bool editing = panel.editing_item == item.id;
    if (ImGui::SmallButton(editing ? "Close note" : (e.note.empty() ? "Add note" : "Edit note"))) {
        if (editing) panel.editing_item.clear();
        else {
            panel.editing_item = item.id;
            panel.note_buffer = e.note;
            panel.reason_buffer = e.reason;
        }
    }
    if (soul.checklist.scoring == persona::Scoring::MlTestScore && done) {
        ImGui::SameLine();
        bool automated = e.automated;
        if (ImGui::Checkbox("automated (1 point)", &automated)) {
            e.automated = automated;
            set_item_progress(model, soul, item, e);
            panel.results_dirty = true;
        }
    }
    if (!item.instrument.empty()) {
        ImGui::SameLine();
        if (auto id = state::instrument_from_key(item.instrument)) {
            const std::string label = std::string("Open ") + instrument_title(item.instrument);
            if (ImGui::SmallButton(label.c_str())) {
                frame.switch_instrument = true;
                frame.open_instrument = *id;
                state.item = item.id;
                frame.committed = true;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Linked because the %s", item.instrument_reason.c_str());
        } else {
            muted_text(std::string(instrument_title(item.instrument)) + ": not in this build yet");
        }
    }
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextWrapped("%s \xE2\x80\xA2 %s", source_label(item, soul.checklist.title).c_str(), persona::stage_title(item.stage));
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("In the checklist because the %s.\nStage: the %s.", item.role_reason.c_str(), item.stage_reason.c_str());
    if (na && !e.reason.empty()) muted_text("Not applicable: " + e.reason);
    if (!e.note.empty() && !editing) muted_text("Note: " + e.note);
    if (editing) {
        if (na) {
            ImGui::SetNextItemWidth(-1);
            if (input_string("##reason", panel.reason_buffer, "Why it does not apply")) {
                e.reason = panel.reason_buffer.substr(0, 500);
                set_item_progress(model, soul, item, e);
                panel.results_dirty = true;
            }
        }
        if (input_string_multiline("##note", panel.note_buffer, ImVec2(-1, ImGui::GetTextLineHeight() * 3.5f))) {
            e.note = panel.note_buffer.substr(0, 2000);
            set_item_progress(model, soul, item, e);
            panel.results_dirty = true;
        }
    }
    ImGui::Unindent(indent);
    ImGui::PopID();
    ImGui::Spacing();
}

void draw_checklist(GuidePanel& panel, GuideModel& model, const LoadedSoul& soul, state::GuideState& state, PageRequests& page,
                    GuideFrame& frame) {
    draw_toolbar(panel, model, soul, page);
    if (soul.checklist.scoring == persona::Scoring::MlTestScore) draw_ml_test_score(model, soul);
    if (soul.checklist.items.empty()) {
        muted_text("This soul has no checklist items: no task lists, and no section named like rules, gates, steps, principles, "
                   "practices, deliverables or success metrics. The Read view shows all of it.");
        return;
    }
    for (const auto& summary : persona::summarise_by_stage(soul.checklist, progress_of(model, soul))) {
        ImGui::PushID(static_cast<int>(summary.stage));
        char title[96];
        std::snprintf(title, sizeof title, "%s  (%d/%d)###stage", persona::stage_title(summary.stage), summary.done, summary.total);
        ImGui::SetNextItemOpen(true, ImGuiCond_Once);
        const bool open = ImGui::CollapsingHeader(title);
        progress_bar(summary.done, summary.not_applicable, summary.total, column_width());
        if (open) {
            ImGui::Indent(8.0f);
            for (const auto& item : soul.checklist.items)
                if (item.stage == summary.stage) draw_item(panel, model, soul, item, state, frame);
            ImGui::Unindent(8.0f);
        }
        ImGui::PopID();
    }
}

void draw_reader(GuidePanel& panel, GuideModel& model, const LoadedSoul& soul, PageRequests& page, GuideFrame& frame, int scroll_to) {
    if (panel.reader_soul != soul.checklist.soul_id) {
        panel.reader = MarkdownView{};
        panel.reader_soul = soul.checklist.soul_id;
    }
    if (scroll_to >= 0) panel.reader.scroll_to_block = scroll_to;
    // Task boxes show the user's progress, not the file's own [x].
    std::vector<TaskMark> marks(soul.doc.blocks.size(), TaskMark::None);
    const auto& p = progress_of(model, soul);
    for (const auto& item : soul.checklist.items) {
        if (item.origin != persona::ItemOrigin::Task) continue;
        const ItemStatus s = persona::progress_of(p, item).status;
        marks[static_cast<std::size_t>(item.block)] = s == ItemStatus::Done ? TaskMark::Done : s == ItemStatus::NotApplicable ? TaskMark::NotApplicable : TaskMark::Open;
    }
    if (ImGui::SmallButton("Copy the whole soul")) {
        ImGui::SetClipboardText(soul.doc.source.c_str());
        panel.copied = "Copied the soul's Markdown.";
    }
    if (!soul.doc.notices.empty()) {
        ImGui::SameLine();
        muted_text(std::to_string(soul.doc.notices.size()) + " parser notice(s): " + soul.doc.notices.front());
    }
    const float width = column_width();
    const MarkdownEvents ev = draw_markdown("reader", panel.reader, soul.doc, marks, ImVec2(width, 0));
    frame.work_pending |= ev.more_layout_pending;
    if (!ev.copy_text.empty()) ImGui::SetClipboardText(ev.copy_text.c_str());
    if (!ev.open_url.empty()) page.open_url = ev.open_url;
    if (ev.toggled_task_block >= 0)
        for (const auto& item : soul.checklist.items)
            if (item.block == ev.toggled_task_block) {
                ItemProgress e = persona::progress_of(p, item);
                e.status = e.status == ItemStatus::Done ? ItemStatus::Open : ItemStatus::Done;
                set_item_progress(model, soul, item, e);
                panel.results_dirty = true;
            }
}

void draw_compare(GuideModel& model, state::GuideState& state, GuideFrame& frame) {
    ImGui::TextUnformatted("Compare with");
    ImGui::SameLine();
    if (state.compare == state.soul) {  // comparing a soul with itself says nothing: take the next one
        for (const auto& s : model.souls)
            if (s.checklist.soul_id != state.soul) {
                state.compare = s.checklist.soul_id;
                break;
            }
    }
    if (soul_combo("##compare", model, state.compare, std::min(320.0f, ImGui::GetContentRegionAvail().x))) frame.committed = true;
    const LoadedSoul* a = find_soul(model, state.soul);
    const LoadedSoul* b = find_soul(model, state.compare);
    if (!a || !b) {
        muted_text("Pick a second soul to compare its rules with this one's, stage by stage.");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("compare", 3, flags)) return;
    ImGui::PushTextWrapPos(0.0f);  // wrap at each cell's edge, not at the panel's column
    ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn(a->checklist.title.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(b->checklist.title.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (int s = 0; s < persona::kStageCount; ++s) {
        const auto stage = static_cast<Stage>(s);
        int na = 0, nb = 0;
        for (const auto& i : a->checklist.items) na += i.stage == stage;
        for (const auto& i : b->checklist.items) nb += i.stage == stage;
        if (na == 0 && nb == 0) continue;
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushFont(fonts().bold);
        ImGui::TextWrapped("%s", persona::stage_title(stage));
        ImGui::PopFont();
        muted_text(std::to_string(na) + " vs " + std::to_string(nb));
        for (int col = 0; col < 2; ++col) {
            ImGui::TableSetColumnIndex(col + 1);
            const LoadedSoul* soul = col == 0 ? a : b;
            for (const auto& i : soul->checklist.items)
                if (i.stage == stage) {
                    ImGui::Bullet();
                    ImGui::TextWrapped("%s", i.text.c_str());
                }
            if ((col == 0 ? na : nb) == 0) muted_text("(nothing at this stage)");
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTable();
}

void draw_import(GuidePanel& panel, GuideModel& model, state::GuideState& state, PageRequests& page, GuideFrame& frame) {
    if (!ImGui::CollapsingHeader("Import a soul")) return;
    ImGui::TextWrapped("A soul is a Markdown file (front matter, headings, lists, task lists). It stays in this browser: nothing is uploaded.");
    if (ImGui::Button("Choose a file...")) page.pick_file = true;
    ImGui::SameLine();
    muted_text("or drop a .md or .txt file anywhere on the page, or paste below.");
    input_string_multiline("##paste", panel.paste_buffer, ImVec2(-1, ImGui::GetTextLineHeight() * 6));
    if (ImGui::Button("Import pasted text")) {
        import_file_into_guide(panel, model, state, "pasted", panel.paste_buffer);
        if (!panel.import_failed) panel.paste_buffer.clear();
        frame.committed = true;
    }
    for (std::size_t i = model.shipped_count; i < model.souls.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string id = model.souls[i].checklist.soul_id;
        if (ImGui::SmallButton("Remove")) {
            remove_imported(model, id);
            if (state.soul == id) state.soul = model.souls.front().checklist.soul_id;
            frame.committed = true;
            panel.results_dirty = true;
            ImGui::PopID();
            break;
        }
        ImGui::SameLine();
        ImGui::TextWrapped("%s (%s)", model.souls[i].checklist.title.c_str(), model.souls[i].origin.c_str());
        ImGui::PopID();
    }
}

}  // namespace

void import_file_into_guide(GuidePanel& panel, GuideModel& model, state::GuideState& state, const std::string& name, const std::string& text) {
    ensure_loaded(model);
    auto r = import_soul(model, name, text);
    panel.import_failed = !r.ok();
    if (!r.ok()) {
        panel.import_message = "Not imported: " + r.errors.front().message + ".";
        return;
    }
    const LoadedSoul* soul = find_soul(model, r.value);
    panel.import_message = "Imported '" + (soul ? soul->checklist.title : r.value) + "' with " +
                           std::to_string(soul ? soul->checklist.items.size() : 0) + " checklist items.";
    state.soul = r.value;
    state.item.clear();
    panel.results_dirty = true;
    panel.reader_soul.clear();
}

GuideFrame draw_guide_panel(GuidePanel& panel, GuideModel& model, state::GuideState& state, PageRequests& page) {
    GuideFrame frame;
    ensure_loaded(model);
    const LoadedSoul* soul = resolve_soul(model, state, frame.committed);

    const float picker_w = std::min(340.0f, ImGui::GetContentRegionAvail().x);
    if (soul_combo("##soul", model, state.soul, picker_w)) {
        frame.committed = true;
        state.item.clear();
        panel.editing_item.clear();
        panel.confirm_reset = false;
        panel.copied.clear();
        soul = find_soul(model, state.soul);
    }
    if (!model.notices.empty()) {
        begin_card(palette().warning_bg);
        for (const auto& n : model.notices) ImGui::TextWrapped("%s", n.c_str());
        if (ImGui::SmallButton("Dismiss##guide")) model.notices.clear();
        end_card();
    }
    // The last import's outcome, at the top: a dropped file may land here from any instrument.
    if (!panel.import_message.empty()) {
        begin_card(panel.import_failed ? palette().warning_bg : palette().card_bg);
        if (panel.import_failed) error_text(panel.import_message);
        else ImGui::TextWrapped("%s", panel.import_message.c_str());
        if (ImGui::SmallButton("Dismiss##import")) panel.import_message.clear();
        end_card();
    }
    if (!soul) {
        error_text("No souls could be loaded.");
        return frame;
    }
    draw_header(model, *soul);

    // Which block to scroll to when an instrument sent us to an item.
    int scroll_to = -1;
    if (!state.item.empty())
        for (const auto& item : soul->checklist.items)
            if (item.id == state.item) scroll_to = item.block;

    // A segmented control rather than an ImGui tab bar: the state (and so a link) picks the view.
    const state::GuideView views[] = {state::GuideView::Checklist, state::GuideView::Read, state::GuideView::Compare};
    const char* labels[] = {"Checklist", "Read the soul", "Compare"};
    for (int v = 0; v < 3; ++v) {
        const bool active = state.view == views[v];
        if (v > 0) ImGui::SameLine(0, 2);
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(labels[v]) && !active) {
            state.view = views[v];
            frame.committed = true;
        }
        if (active) ImGui::PopStyleColor();
    }
    switch (state.view) {
        case state::GuideView::Checklist: draw_checklist(panel, model, *soul, state, page, frame); break;
        case state::GuideView::Read: draw_reader(panel, model, *soul, page, frame, scroll_to); break;
        case state::GuideView::Compare: draw_compare(model, state, frame); break;
    }
    if (state.view != state::GuideView::Read) draw_import(panel, model, state, page, frame);
    if (frame.committed) panel.results_dirty = true;
    return frame;
}

const nlohmann::json& guide_results(GuidePanel& panel, GuideModel& model, const state::GuideState& state) {
    if (!panel.results_dirty && !panel.results.is_null() && panel.results_for == state) return panel.results;
    panel.results_for = state;
    ensure_loaded(model);
    const LoadedSoul* soul = find_soul(model, state.soul);
    if (!soul && !model.souls.empty()) soul = &model.souls.front();
    nlohmann::json souls = nlohmann::json::array();
    for (const auto& s : model.souls) {
        const auto c = persona::totals(s.checklist, progress_of(model, s));
        souls.push_back({{"id", s.checklist.soul_id}, {"title", s.checklist.title}, {"version", s.checklist.version},
                         {"kind", s.is_checklist ? "checklist" : "persona"}, {"items", c.total}, {"done", c.done},
                         {"not_applicable", c.not_applicable}, {"origin", s.origin}});
    }
    panel.results = soul ? persona::checklist_json(soul->checklist, progress_of(model, *soul)) : nlohmann::json::object();
    panel.results["souls"] = souls;
    panel.results["view"] = state::key_of(state.view);
    panel.results_dirty = false;
    return panel.results;
}

bool draw_linked_items(GuideModel& model, state::GuideState& guide_state, const char* instrument_key) {
    if (!ImGui::CollapsingHeader("The principal's checklist for this")) return false;
    ensure_loaded(model);
    bool followed = false;
    muted_text(std::string("Items from the guide's souls that this instrument helps answer. Tick them in the Persona guide."));
    for (const auto& soul : model.souls) {
        int shown = 0;
        for (const auto& item : soul.checklist.items) {
            if (item.instrument != instrument_key) continue;
            if (shown++ == 0) {
                ImGui::PushFont(fonts().bold);
                ImGui::TextWrapped("%s", soul.checklist.title.c_str());
                ImGui::PopFont();
            }
            const ItemStatus s = persona::progress_of(progress_of(model, soul), item).status;
            ImGui::PushID((soul.checklist.soul_id + item.id).c_str());
            ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
            ImGui::TextUnformatted(s == ItemStatus::Done ? "done" : s == ItemStatus::NotApplicable ? "n/a " : "open");
            ImGui::PopStyleColor();
            ImGui::SameLine();
            ImGui::TextWrapped("%s", item.text.c_str());
            if (ImGui::SmallButton("Open in the guide")) {
                guide_state.soul = soul.checklist.soul_id;
                guide_state.view = state::GuideView::Checklist;
                guide_state.item = item.id;
                followed = true;
            }
            ImGui::PopID();
        }
    }
    return followed;
}

}  // namespace mlwb::ui
