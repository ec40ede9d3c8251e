// Enum <-> name tables for keys in the state JSON, links and the CLI: one table per enum,
// {value, "name"}, read both ways by these two lookups.
#pragma once

#include <string_view>
#include <utility>

namespace mlwb {

template <class E, std::size_t N>
const char* name_in(const std::pair<E, const char*> (&table)[N], E value) {
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return table[0].second;
}

template <class E, std::size_t N>
bool value_in(const std::pair<E, const char*> (&table)[N], std::string_view text, E& out) {
    for (const auto& [e, name] : table)
        if (text == name) {
            out = e;
            return true;
        }
    return false;
}

}  // namespace mlwb
