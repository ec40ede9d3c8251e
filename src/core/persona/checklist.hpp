// Turning a parsed soul into a checklist: which blocks are items, the lifecycle stage of each,
// and the instrument that helps answer it. Every decision comes from a small ordered table of
// keywords (checklist_rules.cpp) and is recorded with the keyword that made it, so the UI can
// say why an item is where it is.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "persona/document.hpp"

namespace mlwb::persona {

enum class Stage { ProblemFraming, Data, ExperimentDesign, Training, Evaluation, Deployment, Monitoring, ResponsibleAi, General };
inline constexpr int kStageCount = 9;

const char* stage_key(Stage s);    // "experiment-design"
const char* stage_title(Stage s);  // "Experiment design"

// Why a block became an item.
enum class ItemOrigin {
    Task,     // a GitHub task list item, anywhere in the soul
    Section,  // a top-level list item in a section whose title names a role (rules, steps, ...)
    Xml,      // an element of XML in a code fence whose name names a role (gate, metric, ...)
};

// How a checklist is scored. Plain: done / not applicable / open. MlTestScore: a done item is
// worth 0.5 when manual and 1 when automated, a section is the sum of its items, and the final
// score is the lowest section (front matter `scoring: ml-test-score`).
enum class Scoring { Plain, MlTestScore };

struct ChecklistItem {
    std::string id;    // stable across edits elsewhere in the soul: a hash of the normalised text
    std::string text;  // plain text as written (an XML item's leading "1. " removed)
    int block = -1;    // index in Document::blocks
    int line = 0;      // 1-based source line
    std::vector<std::string> section_path;  // outermost heading first ("" when before any heading)
    ItemOrigin origin = ItemOrigin::Section;
    std::string role;         // "task", "rule", "gate", "step", "principle", "practice", "deliverable", "metric"
    std::string role_reason;  // "section 'Hard rules' contains 'rule'"
    Stage stage = Stage::General;
    std::string stage_reason;       // "text contains 'drift'"
    std::string instrument;         // "power", "serving", "drift" or "" (none)
    std::string instrument_reason;  // "text names '(Drift lens)'"
    bool done_in_source = false;    // a task item written as "- [x]"
};

struct Checklist {
    std::string soul_id;  // front matter `id`, else a slug of `name`, else of the first heading, else the fallback
    std::string title;    // front matter `name`, else the first heading
    std::string version;  // front matter `version`, else "content-" + a hash of the text
    std::string description;
    Scoring scoring = Scoring::Plain;
    std::vector<ChecklistItem> items;
};

// `fallback_id` names the soul when nothing in it does (a file name without extension).
Checklist extract_checklist(const Document& doc, std::string_view fallback_id);

// Lowercase, words of letters and digits separated by single spaces: what item ids and
// matching compare, so punctuation, emphasis and spacing edits do not orphan an item's state.
std::string normalise_item_text(std::string_view text);

// "a-b-c" from any title: lowercase ASCII letters and digits, other runs become one '-'.
std::string slug(std::string_view text);

// The rules themselves (checklist_rules.cpp): a value ("" when nothing matched) and why.
struct Classified {
    std::string value;
    std::string reason;
};
Classified classify_role(const std::vector<std::string>& section_path, std::string_view xml_path);
Classified classify_instrument(std::string_view text, const std::vector<std::string>& section_path);
Stage classify_stage(std::string_view text, const std::vector<std::string>& section_path, std::string& reason);

}  // namespace mlwb::persona
