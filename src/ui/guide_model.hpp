// What the persona guide works on: the souls it knows (shipped ones parsed on first use, plus
// the user's imports), the user's progress through each checklist, and how both are saved.
// Plain data and functions; the panel draws it, the platform moves it to and from storage.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "persona/library.hpp"
#include "persona/progress.hpp"
#include "util/outcome.hpp"

namespace mlwb::ui {

// Storage keys (localStorage in the browser).
inline constexpr const char* kImportedSoulsKey = "mlwb.souls.imported";
std::string progress_storage_key(const std::string& soul_id);  // "mlwb.checklist.<id>"

inline constexpr std::size_t kMaxImportedSouls = 12;
inline constexpr std::size_t kMaxImportBytes = 512u * 1024u;  // a soul is a few kB; storage holds ~5 MB

struct ImportedSource {
    std::string name;  // the file name it came from, or "pasted"
    std::string text;
};

struct GuideModel {
    // Set by the platform before first use; returns "" for a missing key.
    std::function<std::string(const std::string&)> storage_get;

    bool loaded = false;
    std::vector<persona::LoadedSoul> souls;  // shipped first, then imported
    std::size_t shipped_count = 0;
    std::vector<ImportedSource> imported;    // in the order of souls[shipped_count..]
    std::map<std::string, persona::ChecklistProgress> progress;  // by soul id
    std::vector<std::string> notices;        // loading and importing problems, shown in the guide
    bool storage_dirty = false;              // something to save (see storage_entries)
};

// Parses the shipped souls and reads imports and progress from storage, once.
void ensure_loaded(GuideModel& g);

const persona::LoadedSoul* find_soul(const GuideModel& g, std::string_view id);

// The soul's progress (empty progress if none was saved).
const persona::ChecklistProgress& progress_of(GuideModel& g, const persona::LoadedSoul& soul);

// Changes one item's progress and marks storage dirty.
void set_item_progress(GuideModel& g, const persona::LoadedSoul& soul, const persona::ChecklistItem& item, persona::ItemProgress p);
void reset_progress(GuideModel& g, const persona::LoadedSoul& soul);

// Adds a soul from text. An import whose id matches an earlier import replaces it (a newer
// version of the same soul: its progress is migrated); one whose id matches a shipped soul
// gets "-imported" appended. Returns the soul id, or errors (field "import").
Outcome<std::string> import_soul(GuideModel& g, std::string_view name, std::string_view text);
void remove_imported(GuideModel& g, std::string_view id);

// Key/value pairs that represent the guide in storage (imports and every progress).
std::vector<std::pair<std::string, std::string>> storage_entries(const GuideModel& g);

}  // namespace mlwb::ui
