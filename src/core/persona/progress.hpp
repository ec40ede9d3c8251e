// A user's progress through one soul's checklist: what is done, what does not apply (and why),
// notes. Saved per soul id (localStorage "mlwb.checklist.<id>") with the version it was made
// for; when the soul changes, entries follow their items by id, or by wording close enough.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "persona/checklist.hpp"
#include "util/outcome.hpp"

namespace mlwb::persona {

enum class ItemStatus { Open, Done, NotApplicable };
const char* status_key(ItemStatus s);  // "open", "done", "n/a"

struct ItemProgress {
    ItemStatus status = ItemStatus::Open;
    bool automated = false;  // ML Test Score: a done item is worth 1 instead of 0.5
    std::string reason;      // why the item does not apply
    std::string note;
    std::string text;        // the item's wording when saved: how it is found again after edits
    bool operator==(const ItemProgress&) const = default;
};

struct ChecklistProgress {
    std::string soul_id;
    std::string version;
    std::map<std::string, ItemProgress> items;  // by ChecklistItem::id; absent = open (or as the source says)
    bool operator==(const ChecklistProgress&) const = default;
};

// The state of `item` (an absent entry: done when the source ticked it, otherwise open).
ItemProgress progress_of(const ChecklistProgress& p, const ChecklistItem& item);

// Saved progress for `list`: entries whose id is gone are matched to a remaining item by word
// overlap (Jaccard >= 0.6, best unclaimed match) and move to its id; the rest are dropped,
// each with a notice. The version becomes the list's.
Decoded<ChecklistProgress> migrate_progress(const ChecklistProgress& saved, const Checklist& list);

nlohmann::json progress_json(const ChecklistProgress& p);
// Forgiving: a wrong type or unknown status drops that entry with a notice, never the rest.
Decoded<ChecklistProgress> progress_from_json(const nlohmann::json& j);
Decoded<ChecklistProgress> progress_from_text(std::string_view text);

struct ChecklistTotals {
    int total = 0;
    int done = 0;
    int not_applicable = 0;
};

ChecklistTotals totals(const Checklist& list, const ChecklistProgress& p);

struct StageSummary {
    Stage stage = Stage::General;
    int total = 0;
    int done = 0;
    int not_applicable = 0;
};

// Per stage in Stage order, only stages that have items.
std::vector<StageSummary> summarise_by_stage(const Checklist& list, const ChecklistProgress& p);

struct ScoreSection {
    std::string title;
    int tests = 0;
    int manual = 0;
    int automated = 0;
    double score = 0;  // manual * 0.5 + automated
};

struct MlTestScore {
    std::vector<ScoreSection> sections;  // in document order, by the item's top-level section
    double final_score = 0;              // the lowest section score
    std::string band;                    // what the final score means
};

MlTestScore ml_test_score(const Checklist& list, const ChecklistProgress& p);

// "- [x] text" lines grouped by stage, notes and reasons after the text: pasteable into a
// GitHub pull request or issue, where the boxes stay clickable.
std::string checklist_markdown(const Checklist& list, const ChecklistProgress& p);

// Items with id, text, stage, instrument, source (section path and line), reasons, and
// status; the per-stage summary; the ML Test Score when the soul is scored that way.
nlohmann::json checklist_json(const Checklist& list, const ChecklistProgress& p);

}  // namespace mlwb::persona
