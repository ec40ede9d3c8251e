// The URL hash names the active instrument and carries its state as readable key=value pairs,
// short enough to paste in chat:  #power?v=1&baseline=0.1&target=0.11&alternative=two-sided
// Values are typed on the way in: true/false are booleans, JSON-style numbers are numbers,
// a value starting with { or [ is parsed as JSON, anything else is a string. The typed object
// then goes through the same decoder as localStorage and setState().
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/outcome.hpp"

namespace mlwb::state {

constexpr std::size_t kMaxHashLength = 4096;

struct HashRoute {
    std::string instrument;                        // empty when the hash names none
    nlohmann::json fields = nlohmann::json::object();
    bool has_fields = false;                       // a '?' part was present
};

// `fields` must be an object; nested values are written as percent-encoded JSON.
std::string encode_hash(std::string_view instrument, const nlohmann::json& fields);

// Accepts the hash with or without its leading '#'. Never fails; problems become notices.
Decoded<HashRoute> decode_hash(std::string_view hash);

std::string percent_encode(std::string_view text);
bool percent_decode(std::string_view text, std::string& out);  // false on a malformed escape

}  // namespace mlwb::state
