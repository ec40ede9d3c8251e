#include "persona_command.hpp"

#include <filesystem>
#include <iostream>

#include "cli_io.hpp"
#include "persona/library.hpp"
#include "persona/persona_html.hpp"
#include "persona/persona_json.hpp"
#include "persona/progress.hpp"

namespace mlwb::cli {

namespace {

using namespace mlwb::persona;

constexpr const char* kPersonaUsage = R"(usage: mlwb persona <command>

  parse FILE [--json]        the soul's sections and item counts; --json: front matter, section
                             tree, blocks and the checklist (stage, instrument, source line)
  checklist FILE [--format markdown|json] [--progress FILE]
                             the checklist as a GitHub task list (default) or JSON; --progress
                             applies a progress file exported from the app
  list                       the souls shipped with the app, with their ids and versions
  site DIR [--app PAGE] [--date TEXT]
                             the static guide: DIR/guide/index.html and one page per shipped
                             soul, linking into the app at PAGE (default ../index.html)
FILE '-' reads stdin.
)";

// Reads and parses FILE into a soul; prints the parser's notices. Returns false after
// reporting the problem.
bool load_file(const std::string& path, LoadedSoul& out) {
    std::string text;
    if (!read_all(path, text)) {
        fail("cannot read " + path);
        return false;
    }
    auto loaded = load_soul(text, path, path == "-" ? "stdin" : file_stem(path));
    if (!loaded.ok()) {
        fail(path + ": " + loaded.errors.front().message);
        return false;
    }
    for (const auto& n : loaded.value.doc.notices) std::cerr << "mlwb: " << path << ": " << n << "\n";
    out = std::move(loaded.value);
    return true;
}

void print_summary(const LoadedSoul& soul) {
    const Document& doc = soul.doc;
    std::cout << soul.checklist.title << "  (id " << soul.checklist.soul_id << ", version " << soul.checklist.version << ")\n";
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        int items = 0, tasks = 0, checklist = 0;
        for (const auto& b : doc.blocks) {
            if (b.section != static_cast<int>(s) || b.kind != BlockKind::ListItem) continue;
            ++items;
            if (b.task != TaskState::None) ++tasks;
        }
        for (const auto& item : soul.checklist.items) {
            const Block& b = doc.blocks[static_cast<std::size_t>(item.block)];
            checklist += b.section == static_cast<int>(s);
        }
        std::cout << std::string(static_cast<std::size_t>(2 * doc.sections[s].level - 2), ' ') << doc.sections[s].title << "  ("
                  << items << " items" << (tasks ? ", " + std::to_string(tasks) + " tasks" : "")
                  << (checklist ? ", " + std::to_string(checklist) + " in the checklist" : "") << ")\n";
    }
}

int run_parse(const std::vector<std::string>& args) {
    std::string path;
    bool json_out = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--json") json_out = true;
        else if (path.empty()) path = args[i];
        else return fail("persona parse takes one file, got '" + args[i] + "' too");
    }
    if (path.empty()) return fail("persona parse needs a file name ('-' for stdin)");
    LoadedSoul soul;
    if (!load_file(path, soul)) return 2;
    if (!json_out) {
        print_summary(soul);
        return 0;
    }
    nlohmann::json out = document_json(soul.doc);
    out["checklist"] = checklist_json(soul.checklist, {});
    std::cout << out.dump(2) << "\n";
    return 0;
}

int run_checklist(const std::vector<std::string>& args) {
    std::string path, format = "markdown", progress_path;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const bool has_value = i + 1 < args.size();
        if (args[i] == "--format" && has_value) format = args[++i];
        else if (args[i] == "--progress" && has_value) progress_path = args[++i];
        else if (args[i].rfind("--", 0) == 0) return fail("unknown or incomplete option '" + args[i] + "'\n" + kPersonaUsage);
        else if (path.empty()) path = args[i];
        else return fail("persona checklist takes one file, got '" + args[i] + "' too");
    }
    if (format != "markdown" && format != "json") return fail("--format must be markdown or json, not '" + format + "'");
    if (path.empty()) return fail("persona checklist needs a file name ('-' for stdin)");
    LoadedSoul soul;
    if (!load_file(path, soul)) return 2;
    ChecklistProgress progress;
    if (!progress_path.empty()) {
        std::string text;
        if (!read_all(progress_path, text)) return fail("cannot read " + progress_path);
        auto decoded = progress_from_text(text);
        if (!decoded.value.soul_id.empty() && decoded.value.soul_id != soul.checklist.soul_id)
            return fail(progress_path + " is progress for '" + decoded.value.soul_id + "', not '" + soul.checklist.soul_id + "'");
        auto migrated = migrate_progress(decoded.value, soul.checklist);
        for (const auto& n : decoded.notices) std::cerr << "mlwb: " << progress_path << ": " << n << "\n";
        for (const auto& n : migrated.notices) std::cerr << "mlwb: " << progress_path << ": " << n << "\n";
        progress = std::move(migrated.value);
    }
    if (format == "json") std::cout << checklist_json(soul.checklist, progress).dump(2) << "\n";
    else std::cout << checklist_markdown(soul.checklist, progress);
    return 0;
}

int run_list() {
    const auto shipped = load_shipped_souls();
    for (const auto& n : shipped.notices) std::cerr << "mlwb: " << n << "\n";
    for (const auto& soul : shipped.value)
        std::cout << soul.checklist.soul_id << "\t" << soul.checklist.version << "\t" << (soul.is_checklist ? "checklist" : "persona") << "\t"
                  << soul.checklist.items.size() << " items\t" << soul.origin << "\n";
    return shipped.notices.empty() ? 0 : 1;
}

int run_site(const std::vector<std::string>& args) {
    std::string dir;
    SiteOptions options;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const bool has_value = i + 1 < args.size();
        if (args[i] == "--app" && has_value) options.app_page = args[++i];
        else if (args[i] == "--date" && has_value) options.generated_on = args[++i];
        else if (args[i].rfind("--", 0) == 0) return fail("unknown or incomplete option '" + args[i] + "'\n" + kPersonaUsage);
        else if (dir.empty()) dir = args[i];
        else return fail("persona site takes one directory, got '" + args[i] + "' too");
    }
    if (dir.empty()) return fail("persona site needs an output directory");
    const auto shipped = load_shipped_souls();
    for (const auto& n : shipped.notices) std::cerr << "mlwb: " << n << "\n";
    int written = 0;
    for (const auto& page : guide_site(shipped.value, options)) {
        const std::filesystem::path path = std::filesystem::path(dir) / page.path;
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec || !write_all(path.string(), page.html)) return fail("cannot write " + path.string());
        ++written;
    }
    std::cout << "wrote " << written << " pages to " << (std::filesystem::path(dir) / "guide").string() << "\n";
    return shipped.notices.empty() ? 0 : 1;
}

}  // namespace

int run_persona(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::cout << kPersonaUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "parse") return run_parse(args);
    if (args[0] == "checklist") return run_checklist(args);
    if (args[0] == "list") return run_list();
    if (args[0] == "site") return run_site(args);
    return fail("unknown persona command '" + args[0] + "'\n" + kPersonaUsage);
}

}  // namespace mlwb::cli
