// One frame of the whole UI: the top bar (instrument switcher, theme), notices, and the active
// instrument's panel. Holds no browser knowledge: the platform layer feeds input, reads the
// state afterwards and syncs it to the URL and storage.
#pragma once

#include <string>
#include <vector>

#include "drift_panel.hpp"
#include "guide_model.hpp"
#include "guide_panel.hpp"
#include "power_panel.hpp"
#include "serving_panel.hpp"
#include "share_menu.hpp"
#include "state/app_state.hpp"
#include "theme.hpp"
#include "workshop.hpp"

namespace mlwb::ui {

struct ReceivedFile {
    std::string name;
    std::string text;
    std::size_t bytes = 0;  // the file's size; more than text.size() when it was too large to read
};

struct UiModel {
    state::AppState state;              // every instrument's inputs: the single source of truth
    std::vector<std::string> notices;   // what was ignored or replaced when loading; dismissable
    ThemeChoice theme = ThemeChoice::System;
    bool system_prefers_dark = false;
    bool applied_dark = false;          // the theme currently applied to ImGui
    bool theme_applied = false;
    PowerPanel power;
    ServingPanel serving;
    DriftPanel drift;
    GuideModel guide;                   // souls and checklist progress (saved by the platform)
    GuidePanel guide_panel;
    PageRequests page;                  // links, file picker, downloads: for the platform after the frame
    std::vector<ReceivedFile> received_files;  // picked or dropped by the user, not yet handled
    bool committed_edit = false;        // set during a frame when the user changed an input
    state::InstrumentId drawn_instrument = state::InstrumentId::Power;  // the panel drawn last frame
    bool focus_panel = true;            // give the panel keyboard focus (first frame, instrument switch)
    bool work_in_progress = false;      // a panel runs work spread over frames: keep frames coming
    ShareContext share;                 // links for Share, and whether this is the embed page
    bool presenter = false;             // presenter mode (saved with the preferences)
    bool applied_presenter = false;     // the mode the style was last built for
    WorkshopView workshop;              // preset gallery and shortcut help
    float content_height = 0;           // CSS px the page needs to show everything (embed auto-resize)
};

void draw_app(UiModel& m);

// A file the drift lens reads whatever instrument is open (.csv, .tsv).
bool is_data_file_name(const std::string& name);

// Results of the active instrument (cached; recomputed only when its inputs change).
const nlohmann::json& active_results(UiModel& m);

// "system" / "light" / "dark", for the preferences JSON.
const char* theme_key(ThemeChoice t);
ThemeChoice theme_from_key(const std::string& key);

}  // namespace mlwb::ui
