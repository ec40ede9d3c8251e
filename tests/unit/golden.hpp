// Golden files are compiled into the test binary (cmake/Embed.cmake), so the wasm build, which
// has no filesystem, reads the same values as the native one.
#pragma once

#include <cstddef>

#include <nlohmann/json.hpp>

#define MLWB_GOLDEN(name)                         \
    extern const unsigned char golden_##name[];  \
    extern const std::size_t golden_##name##_size

inline nlohmann::json parse_golden(const unsigned char* data, std::size_t size) {
    return nlohmann::json::parse(reinterpret_cast<const char*>(data), reinterpret_cast<const char*>(data) + size);
}
