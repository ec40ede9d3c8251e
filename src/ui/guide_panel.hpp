// The persona guide: pick a soul, work through its checklist by lifecycle stage (done / not
// applicable with a reason / open, a note per item), read the soul itself, compare two souls'
// rules stage by stage, import souls and export progress. Edits go to the GuideModel, which
// the platform saves; the open soul and view live in the app state (and so in links).
#pragma once

#include <string>

#include "guide_model.hpp"
#include "markdown_view.hpp"
#include "state/app_state.hpp"
#include "widgets.hpp"

namespace mlwb::ui {

struct GuidePanel {
    MarkdownView reader;
    std::string reader_soul;       // the soul the reader's layout belongs to
    std::string editing_item;      // the item whose note and reason are open
    std::string scrolled_to_item;  // the state's item we last brought into view
    std::string note_buffer, reason_buffer;
    std::string paste_buffer;
    std::string import_message;    // the last import's result, shown beside the import controls
    bool import_failed = false;
    bool confirm_reset = false;
    std::string copied;            // "Copied task list": feedback for the last copy
    nlohmann::json results;        // cached window.mlwb.results() for the guide
    state::GuideState results_for;
    bool results_dirty = true;      // progress changed since `results` was made
};

struct GuideFrame {
    bool committed = false;          // the app state (soul, view) changed: update the link
    bool work_pending = false;       // layout is still being finished over frames
    state::InstrumentId open_instrument = state::InstrumentId::Guide;  // an item's instrument link was followed
    bool switch_instrument = false;
};

GuideFrame draw_guide_panel(GuidePanel& panel, GuideModel& model, state::GuideState& state, PageRequests& page);

// The open soul's checklist with the user's progress (checklist_json) plus the soul list:
// what window.mlwb.results() gives while the guide is open.
const nlohmann::json& guide_results(GuidePanel& panel, GuideModel& model, const state::GuideState& state);

// A file the page received (picked or dropped): imported as a soul and opened.
void import_file_into_guide(GuidePanel& panel, GuideModel& model, state::GuideState& state, const std::string& name,
                            const std::string& text);

// "The principal's checklist for this": every loaded soul's items linked to `instrument`,
// with their progress, under the instrument's own panel. Returns true if an item's link to
// the guide was followed (state.soul/item set, the caller switches instrument).
bool draw_linked_items(GuideModel& model, state::GuideState& guide_state, const char* instrument_key);

}  // namespace mlwb::ui
