#include "guide_model.hpp"

#include <algorithm>

namespace mlwb::ui {

namespace {

using persona::ChecklistProgress;
using persona::LoadedSoul;

void load_progress(GuideModel& g, const LoadedSoul& soul) {
    if (!g.storage_get) return;
    const std::string text = g.storage_get(progress_storage_key(soul.checklist.soul_id));
    if (text.empty()) return;
    auto decoded = persona::progress_from_text(text);
    for (auto& n : decoded.notices) g.notices.push_back(soul.checklist.title + ": " + n);
    auto migrated = persona::migrate_progress(decoded.value, soul.checklist);
    for (auto& n : migrated.notices) g.notices.push_back(n);
    if (decoded.value.version != soul.checklist.version && !decoded.value.version.empty())
        g.storage_dirty = true;  // save it under the new version
    g.progress[soul.checklist.soul_id] = std::move(migrated.value);
}

Outcome<LoadedSoul> parse_import(std::string_view name, std::string_view text) {
    Outcome<LoadedSoul> out;
    if (text.size() > kMaxImportBytes) {
        out.errors.push_back({"import", "'" + std::string(name) + "' is " + std::to_string(text.size() / 1024) +
                                            " kB; souls up to " + std::to_string(kMaxImportBytes / 1024) + " kB can be imported"});
        return out;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out.errors.push_back({"import", "'" + std::string(name) + "' is empty"});
        return out;
    }
    out = persona::load_soul(text, "imported: " + std::string(name), persona::file_stem(name));
    if (out.ok() && out.value.checklist.items.empty() && out.value.doc.sections.empty())
        out.value.doc.notices.push_back("no headings or checklist items were found; is this a Markdown soul?");
    return out;
}

}  // namespace

std::string progress_storage_key(const std::string& soul_id) { return "mlwb.checklist." + soul_id; }

void ensure_loaded(GuideModel& g) {
    if (g.loaded) return;
    g.loaded = true;
    auto shipped = persona::load_shipped_souls();
    g.souls = std::move(shipped.value);
    g.shipped_count = g.souls.size();
    for (auto& n : shipped.notices) g.notices.push_back("Built-in soul: " + n);
    if (g.storage_get) {
        const std::string saved = g.storage_get(kImportedSoulsKey);
        if (!saved.empty()) {
            const auto j = nlohmann::json::parse(saved, nullptr, false);
            if (!j.is_array()) {
                g.notices.push_back("Saved imported souls were unreadable and were not restored.");
            } else {
                for (const auto& e : j) {
                    const auto name = e.is_object() ? e.find("name") : e.end();
                    const auto text = e.is_object() ? e.find("text") : e.end();
                    if (name == e.end() || text == e.end() || !name->is_string() || !text->is_string()) {
                        g.notices.push_back("A saved imported soul was unreadable and was skipped.");
                        continue;
                    }
                    auto r = import_soul(g, name->get<std::string>(), text->get<std::string>());
                    if (!r.ok()) g.notices.push_back(r.errors.front().message);
                }
            }
        }
    }
    // Restoring the imports (import_soul read their progress already) is not a change to save;
    // a shipped soul's progress migrated to its new version is.
    g.storage_dirty = false;
    for (std::size_t i = 0; i < g.shipped_count; ++i) load_progress(g, g.souls[i]);
}

const LoadedSoul* find_soul(const GuideModel& g, std::string_view id) {
    for (const auto& s : g.souls)
        if (s.checklist.soul_id == id) return &s;
    return nullptr;
}

const ChecklistProgress& progress_of(GuideModel& g, const LoadedSoul& soul) {
    ChecklistProgress& p = g.progress[soul.checklist.soul_id];
    if (p.soul_id.empty()) {
        p.soul_id = soul.checklist.soul_id;
        p.version = soul.checklist.version;
    }
    return p;
}

void set_item_progress(GuideModel& g, const LoadedSoul& soul, const persona::ChecklistItem& item, persona::ItemProgress p) {
    progress_of(g, soul);
    p.text = item.text;
    g.progress[soul.checklist.soul_id].items[item.id] = std::move(p);
    g.storage_dirty = true;
}

void reset_progress(GuideModel& g, const LoadedSoul& soul) {
    g.progress[soul.checklist.soul_id].items.clear();
    g.storage_dirty = true;
}

Outcome<std::string> import_soul(GuideModel& g, std::string_view name, std::string_view text) {
    Outcome<std::string> out;
    auto parsed = parse_import(name, text);
    if (!parsed.ok()) {
        out.errors = std::move(parsed.errors);
        return out;
    }
    LoadedSoul soul = std::move(parsed.value);
    for (std::size_t i = 0; i < g.shipped_count; ++i)
        if (g.souls[i].checklist.soul_id == soul.checklist.soul_id) {
            soul.checklist.soul_id += "-imported";
            break;
        }
    const std::string id = soul.checklist.soul_id;
    for (auto& n : soul.doc.notices) g.notices.push_back("Imported '" + std::string(name) + "': " + n);
    auto same = std::find_if(g.souls.begin() + static_cast<std::ptrdiff_t>(g.shipped_count), g.souls.end(),
                             [&](const LoadedSoul& s) { return s.checklist.soul_id == id; });
    if (same != g.souls.end()) {
        const auto index = static_cast<std::size_t>(same - g.souls.begin()) - g.shipped_count;
        g.imported[index] = {std::string(name), std::string(text)};
        *same = std::move(soul);
        if (auto p = g.progress.find(id); p != g.progress.end()) {
            auto migrated = persona::migrate_progress(p->second, same->checklist);
            for (auto& n : migrated.notices) g.notices.push_back(n);
            p->second = std::move(migrated.value);
        }
    } else {
        if (g.imported.size() >= kMaxImportedSouls) {
            out.errors.push_back({"import", "at most " + std::to_string(kMaxImportedSouls) + " souls can be imported; remove one first"});
            return out;
        }
        g.imported.push_back({std::string(name), std::string(text)});
        g.souls.push_back(std::move(soul));
        load_progress(g, g.souls.back());
    }
    g.storage_dirty = true;
    out.value = id;
    return out;
}

void remove_imported(GuideModel& g, std::string_view id) {
    for (std::size_t i = g.shipped_count; i < g.souls.size(); ++i)
        if (g.souls[i].checklist.soul_id == id) {
            g.souls.erase(g.souls.begin() + static_cast<std::ptrdiff_t>(i));
            g.imported.erase(g.imported.begin() + static_cast<std::ptrdiff_t>(i - g.shipped_count));
            g.storage_dirty = true;
            return;
        }
}

std::vector<std::pair<std::string, std::string>> storage_entries(const GuideModel& g) {
    std::vector<std::pair<std::string, std::string>> out;
    nlohmann::json imports = nlohmann::json::array();
    for (const auto& s : g.imported) imports.push_back({{"name", s.name}, {"text", s.text}});
    out.emplace_back(kImportedSoulsKey, imports.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    for (const auto& [id, p] : g.progress) {
        if (find_soul(g, id) == nullptr) continue;  // a removed import's progress stays where it was
        out.emplace_back(progress_storage_key(id), persona::progress_json(p).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    return out;
}

}  // namespace mlwb::ui
