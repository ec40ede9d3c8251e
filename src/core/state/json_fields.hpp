// Typed, forgiving reads of fields from a JSON object that came from outside (URL, storage,
// setState, a CLI file). A missing field keeps its default silently; a field of the wrong
// type keeps its default and leaves a notice; keys nobody asked for are reported at the end.
// Uses only nlohmann's non-throwing accessors, so it is safe in builds without exceptions.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlwb::state {

class JsonFieldReader {
public:
    JsonFieldReader(const nlohmann::json& object, std::vector<std::string>& notices)
        : object_(object), notices_(notices) {}

    void known(const char* key) { seen_.insert(key); }  // handled by the caller, not unknown
    void number(const char* key, double& out);
    void boolean(const char* key, bool& out);
    void integer(const char* key, int& out);  // a whole JSON number that fits an int
    void text(const char* key, std::string& out, std::size_t max_size = 256);  // a string up to max_size bytes

    // A string that parse_key(text, out) accepts; `allowed` lists the names for the notice.
    template <class E>
    void key(const char* key, E& out, const char* allowed) {
        const nlohmann::json* v = find(key);
        if (!v) return;
        if (v->is_string() && parse_key(v->get_ref<const std::string&>(), out)) return;
        notices_.push_back("'" + std::string(key) + "' must be one of " + allowed + "; kept the default.");
    }

    // Call once all fields were read: adds a notice naming the keys that were not recognised.
    void report_unknown_keys();

private:
    const nlohmann::json* find(const char* key);

    const nlohmann::json& object_;
    std::vector<std::string>& notices_;
    std::set<std::string> seen_;
};

// Short, safe rendering of an outside value for a notice (hostile input may be huge).
std::string quote_for_notice(const nlohmann::json& v);

}  // namespace mlwb::state
