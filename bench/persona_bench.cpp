// Persona parser throughput, native or as wasm under Node (same source): every shipped soul
// and, when MLWB_SHARED_SOULS names a directory holding them, the five shared souls, parsed
// and turned into checklists as the app does on first use. Budget (issue): all of them under
// 5 ms natively. Prints "name|microseconds per set|bytes per set" (median of 15 batches);
// bench/persona.mjs runs both builds and prints the table with MB/s and the wasm/native ratio.
#include <cstdio>

#include "bench_timing.hpp"
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "persona/library.hpp"
#include "persona/persona_html.hpp"

namespace {

using mlwb::bench::median_microseconds;
volatile std::size_t g_sink = 0;


struct Source {
    std::string name;
    std::string text;
};

std::vector<Source> shared_souls() {
    std::vector<Source> out;
    const char* dir = std::getenv("MLWB_SHARED_SOULS");
    const std::string base = dir ? dir : "/work/shared/souls";
    for (const char* name : {"000_a31a7bcd4232987b.txt", "001_4ae0a8e048934592.txt", "002_da4301a9f6576b3d.txt",
                             "003_d0335ee4b085b26b.txt", "004_a193b6b09aa4a382.txt"}) {
        std::ifstream f(base + "/" + name, std::ios::binary);
        if (!f) continue;
        std::ostringstream ss;
        ss << f.rdbuf();
        out.push_back({name, ss.str()});
    }
    return out;
}

std::size_t parse_all(const std::vector<Source>& sources) {
    std::size_t items = 0;
    for (const auto& s : sources) items += mlwb::persona::load_soul(s.text, s.name, s.name).value.checklist.items.size();
    return items;
}

void report(const char* name, const std::vector<Source>& sources, int calls) {
    std::size_t bytes = 0;
    for (const auto& s : sources) bytes += s.text.size();
    const double us = median_microseconds([&] { g_sink = g_sink + parse_all(sources); }, calls);
    std::printf("%s|%.3f|%zu\n", name, us, bytes);
}

}  // namespace

int main() {
    std::vector<Source> shipped;
    for (const auto& s : mlwb::persona::shipped_souls()) shipped.push_back({std::string(s.path), std::string(s.text)});
    const std::vector<Source> shared = shared_souls();
    std::vector<Source> all = shipped;
    all.insert(all.end(), shared.begin(), shared.end());

    report("parse + checklist: shipped souls", shipped, 20);
    if (shared.size() == 5) {
        report("parse + checklist: shared souls", shared, 20);
        report("parse + checklist: all souls", all, 10);
    } else {
        std::fprintf(stderr, "persona_bench: the five shared souls were not found (set MLWB_SHARED_SOULS); shipped souls only\n");
    }
    // The static guide pages (md4c-html) for the shipped souls: build-time work, no budget.
    const auto loaded = mlwb::persona::load_shipped_souls().value;
    std::size_t bytes = 0;
    for (const auto& s : shipped) bytes += s.text.size();
    const double us = median_microseconds([&] { g_sink = g_sink + mlwb::persona::guide_site(loaded, {}).size(); }, 5);
    std::printf("render guide pages (md4c-html)|%.3f|%zu\n", us, bytes);
    return 0;
}
