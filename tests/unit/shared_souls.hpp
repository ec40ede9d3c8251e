// The five real-world souls the persona tests read: not in the repository (they cannot be
// committed), so they come from $MLWB_SHARED_SOULS (default /work/shared/souls). Missing, a
// test is skipped with a warning, or fails when MLWB_REQUIRE_SHARED_SOULS=1.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

inline std::optional<std::string> read_shared_soul(const std::string& name) {
    const char* env = std::getenv("MLWB_SHARED_SOULS");
    const std::string dir = env != nullptr && *env != '\0' ? env : "/work/shared/souls";
    std::ifstream f(dir + "/" + name, std::ios::binary);
    if (!f) {
        const char* req = std::getenv("MLWB_REQUIRE_SHARED_SOULS");
        if (req != nullptr && std::string(req) == "1")
            FAIL("shared soul " << dir << "/" << name << " not found (MLWB_REQUIRE_SHARED_SOULS=1); set MLWB_SHARED_SOULS to its directory");
        WARN("shared soul " << dir << "/" << name << " not found: test skipped (set MLWB_SHARED_SOULS)");
        return std::nullopt;
    }
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}
