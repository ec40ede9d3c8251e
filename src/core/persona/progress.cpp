#include "persona/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace mlwb::persona {

namespace {

constexpr double kMatchThreshold = 0.6;

std::set<std::string> word_set(std::string_view text) {
    std::set<std::string> words;
    const std::string norm = normalise_item_text(text);
    std::size_t start = 0;
    while (start < norm.size()) {
        std::size_t end = norm.find(' ', start);
        if (end == std::string::npos) end = norm.size();
        words.insert(norm.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
    if (a.empty() && b.empty()) return 1.0;
    std::size_t common = 0;
    for (const auto& w : a) common += b.count(w);
    return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

bool status_from_key(std::string_view key, ItemStatus& out) {
    for (ItemStatus s : {ItemStatus::Open, ItemStatus::Done, ItemStatus::NotApplicable})
        if (key == status_key(s)) {
            out = s;
            return true;
        }
    return false;
}

std::string one_line(std::string_view text) {
    std::string out(text);
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

const char* band_of(double score) {
    if (score <= 0) return "More a research project than a production system.";
    if (score <= 1) return "Not entirely untested, but serious gaps in reliability are likely.";
    if (score <= 2) return "A first pass at productionisation; more investment may well be needed.";
    if (score <= 3) return "Reasonably well tested; more of it could be automated.";
    if (score <= 5) return "Strong automated testing and monitoring, fit for mission-critical use.";
    return "Exceptional testing and monitoring.";
}

}  // namespace

const char* status_key(ItemStatus s) {
    switch (s) {
        case ItemStatus::Open: return "open";
        case ItemStatus::Done: return "done";
        case ItemStatus::NotApplicable: return "n/a";
    }
    return "open";
}

ItemProgress progress_of(const ChecklistProgress& p, const ChecklistItem& item) {
    if (auto it = p.items.find(item.id); it != p.items.end()) return it->second;
    ItemProgress fresh;
    fresh.status = item.done_in_source ? ItemStatus::Done : ItemStatus::Open;
    fresh.text = item.text;
    return fresh;
}

Decoded<ChecklistProgress> migrate_progress(const ChecklistProgress& saved, const Checklist& list) {
    Decoded<ChecklistProgress> out;
    out.value.soul_id = list.soul_id;
    out.value.version = list.version;
    std::set<std::string> claimed;
    std::vector<const std::pair<const std::string, ItemProgress>*> orphans;
    for (const auto& entry : saved.items) {
        const bool present = std::any_of(list.items.begin(), list.items.end(), [&](const ChecklistItem& i) { return i.id == entry.first; });
        if (present) {
            out.value.items[entry.first] = entry.second;
            claimed.insert(entry.first);
        } else {
            orphans.push_back(&entry);
        }
    }
    for (const auto* orphan : orphans) {
        const auto words = word_set(orphan->second.text);
        const ChecklistItem* best = nullptr;
        double best_score = kMatchThreshold;
        for (const auto& item : list.items) {
            if (claimed.count(item.id) != 0) continue;
            const double score = jaccard(words, word_set(item.text));
            if (score >= best_score) {
                best_score = score;
                best = &item;
            }
        }
        if (best != nullptr) {
            ItemProgress moved = orphan->second;
            moved.text = best->text;
            out.value.items[best->id] = moved;
            claimed.insert(best->id);
        } else if (orphan->second.status != ItemStatus::Open || !orphan->second.note.empty()) {
            out.notices.push_back("an item is no longer in '" + list.title + "' and its saved state was dropped: \"" +
                                  orphan->second.text.substr(0, 80) + "\"");
        }
    }
    return out;
}

nlohmann::json progress_json(const ChecklistProgress& p) {
    nlohmann::json items = nlohmann::json::object();
    for (const auto& [id, e] : p.items) {
        nlohmann::json j = {{"status", status_key(e.status)}, {"text", e.text}};
        if (e.automated) j["automated"] = true;
        if (!e.reason.empty()) j["reason"] = e.reason;
        if (!e.note.empty()) j["note"] = e.note;
        items[id] = std::move(j);
    }
    return {{"soul", p.soul_id}, {"version", p.version}, {"items", items}};
}

Decoded<ChecklistProgress> progress_from_json(const nlohmann::json& j) {
    Decoded<ChecklistProgress> out;
    if (!j.is_object()) {
        out.notices.push_back("saved checklist progress is not a JSON object; starting fresh");
        return out;
    }
    auto text_field = [&](const nlohmann::json& obj, const char* key, std::string& dest) {
        if (auto it = obj.find(key); it != obj.end()) {
            if (it->is_string()) dest = it->get<std::string>();
            else out.notices.push_back(std::string("checklist progress: '") + key + "' is not text; ignored");
        }
    };
    text_field(j, "soul", out.value.soul_id);
    text_field(j, "version", out.value.version);
    auto items = j.find("items");
    if (items == j.end()) return out;
    if (!items->is_object()) {
        out.notices.push_back("checklist progress: 'items' is not an object; starting fresh");
        return out;
    }
    for (auto it = items->begin(); it != items->end(); ++it) {
        const nlohmann::json& e = it.value();
        ItemProgress entry;
        const auto status = e.is_object() ? e.find("status") : e.end();
        if (!e.is_object() || status == e.end() || !status->is_string() || !status_from_key(status->get_ref<const std::string&>(), entry.status)) {
            out.notices.push_back("checklist progress: the entry for item " + it.key() + " is unreadable; it is open again");
            continue;
        }
        if (auto a = e.find("automated"); a != e.end()) {
            if (a->is_boolean()) entry.automated = a->get<bool>();
            else out.notices.push_back("checklist progress: 'automated' is not true or false; ignored");
        }
        text_field(e, "reason", entry.reason);
        text_field(e, "note", entry.note);
        text_field(e, "text", entry.text);
        out.value.items[it.key()] = std::move(entry);
    }
    return out;
}

Decoded<ChecklistProgress> progress_from_text(std::string_view text) {
    const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        Decoded<ChecklistProgress> out;
        out.notices.push_back("saved checklist progress is not valid JSON; starting fresh");
        return out;
    }
    return progress_from_json(j);
}

ChecklistTotals totals(const Checklist& list, const ChecklistProgress& p) {
    ChecklistTotals t;
    for (const auto& item : list.items) {
        const ItemStatus s = progress_of(p, item).status;
        ++t.total;
        t.done += s == ItemStatus::Done;
        t.not_applicable += s == ItemStatus::NotApplicable;
    }
    return t;
}

std::vector<StageSummary> summarise_by_stage(const Checklist& list, const ChecklistProgress& p) {
    std::vector<StageSummary> all(kStageCount);
    for (int i = 0; i < kStageCount; ++i) all[static_cast<std::size_t>(i)].stage = static_cast<Stage>(i);
    for (const auto& item : list.items) {
        StageSummary& s = all[static_cast<std::size_t>(item.stage)];
        ++s.total;
        const ItemStatus status = progress_of(p, item).status;
        s.done += status == ItemStatus::Done;
        s.not_applicable += status == ItemStatus::NotApplicable;
    }
    std::vector<StageSummary> out;
    for (const auto& s : all)
        if (s.total > 0) out.push_back(s);
    return out;
}

MlTestScore ml_test_score(const Checklist& list, const ChecklistProgress& p) {
    MlTestScore score;
    for (const auto& item : list.items) {
        const std::string title = item.section_path.size() >= 2 ? item.section_path[1] : item.section_path.empty() ? "" : item.section_path[0];
        auto it = std::find_if(score.sections.begin(), score.sections.end(), [&](const ScoreSection& s) { return s.title == title; });
        if (it == score.sections.end()) it = score.sections.insert(score.sections.end(), ScoreSection{title});
        ++it->tests;
        const ItemProgress e = progress_of(p, item);
        if (e.status != ItemStatus::Done) continue;
        if (e.automated) ++it->automated;
        else ++it->manual;
        it->score = it->manual * 0.5 + it->automated;
    }
    score.final_score = 0;
    for (std::size_t i = 0; i < score.sections.size(); ++i)
        score.final_score = i == 0 ? score.sections[i].score : std::min(score.final_score, score.sections[i].score);
    score.band = band_of(score.final_score);
    return score;
}

std::string checklist_markdown(const Checklist& list, const ChecklistProgress& p) {
    std::ostringstream out;
    const ChecklistTotals t = totals(list, p);
    out << "### " << one_line(list.title) << " (" << list.version << "): " << t.done << " of " << t.total << " done";
    if (t.not_applicable > 0) out << ", " << t.not_applicable << " not applicable";
    out << "\n";
    for (const auto& summary : summarise_by_stage(list, p)) {
        out << "\n**" << stage_title(summary.stage) << "** (" << summary.done << "/" << summary.total << ")\n\n";
        for (const auto& item : list.items) {
            if (item.stage != summary.stage) continue;
            const ItemProgress e = progress_of(p, item);
            out << (e.status == ItemStatus::Open ? "- [ ] " : "- [x] ");
            if (e.status == ItemStatus::NotApplicable) out << "~~" << one_line(item.text) << "~~ (not applicable";
            else out << one_line(item.text);
            if (e.status == ItemStatus::NotApplicable) out << (e.reason.empty() ? ")" : ": " + one_line(e.reason) + ")");
            if (list.scoring == Scoring::MlTestScore && e.status == ItemStatus::Done) out << (e.automated ? " (automated)" : " (manual)");
            if (!e.note.empty()) out << " — " << one_line(e.note);
            out << "\n";
        }
    }
    if (list.scoring == Scoring::MlTestScore) {
        const MlTestScore score = ml_test_score(list, p);
        out << "\n**ML Test Score: " << number(score.final_score) << "** (lowest of";
        for (std::size_t i = 0; i < score.sections.size(); ++i)
            out << (i == 0 ? " " : ", ") << one_line(score.sections[i].title) << " " << number(score.sections[i].score);
        out << "). " << score.band << "\n";
    }
    return out.str();
}

nlohmann::json checklist_json(const Checklist& list, const ChecklistProgress& p) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : list.items) {
        const ItemProgress e = progress_of(p, item);
        nlohmann::json j = {{"id", item.id},
                            {"text", item.text},
                            {"stage", stage_key(item.stage)},
                            {"stage_reason", item.stage_reason},
                            {"role", item.role},
                            {"role_reason", item.role_reason},
                            {"instrument", item.instrument.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.instrument)},
                            {"source", {{"section", item.section_path}, {"line", item.line}}},
                            {"status", status_key(e.status)}};
        if (!item.instrument_reason.empty()) j["instrument_reason"] = item.instrument_reason;
        if (e.automated) j["automated"] = true;
        if (!e.reason.empty()) j["reason"] = e.reason;
        if (!e.note.empty()) j["note"] = e.note;
        items.push_back(std::move(j));
    }
    nlohmann::json stages = nlohmann::json::array();
    for (const auto& s : summarise_by_stage(list, p))
        stages.push_back({{"stage", stage_key(s.stage)}, {"title", stage_title(s.stage)}, {"total", s.total}, {"done", s.done},
                          {"not_applicable", s.not_applicable}});
    nlohmann::json out = {{"soul", list.soul_id}, {"title", list.title}, {"version", list.version}, {"items", items}, {"stages", stages}};
    if (list.scoring == Scoring::MlTestScore) {
        const MlTestScore score = ml_test_score(list, p);
        nlohmann::json sections = nlohmann::json::array();
        for (const auto& s : score.sections)
            sections.push_back({{"section", s.title}, {"tests", s.tests}, {"manual", s.manual}, {"automated", s.automated}, {"score", s.score}});
        out["ml_test_score"] = {{"sections", sections}, {"final", score.final_score}, {"band", score.band}};
    }
    return out;
}

}  // namespace mlwb::persona
