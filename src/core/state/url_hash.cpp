#include "state/url_hash.hpp"

#include <cerrno>
#include <cstdlib>

#include "state/json_fields.hpp"
#include "util/format.hpp"

namespace mlwb::state {

namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// JSON number grammar, plus a leading '.' that people type ("-.5" stays invalid, as in JSON).
bool looks_like_number(std::string_view s, bool& is_integer) {
    std::size_t i = 0;
    if (i < s.size() && s[i] == '-') ++i;
    std::size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
    is_integer = true;
    if (i < s.size() && s[i] == '.') {
        is_integer = false;
        ++i;
        std::size_t frac = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac;
        if (frac == 0) return false;
        digits += frac;
    }
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        is_integer = false;
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        std::size_t exp = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp;
        if (exp == 0) return false;
    }
    return i == s.size();
}

nlohmann::json typed_value(const std::string& text, std::vector<std::string>& notices, const std::string& key) {
    if (text == "true") return true;
    if (text == "false") return false;
    bool is_integer = false;
    if (looks_like_number(text, is_integer)) {
        if (is_integer && text.size() <= 18) return std::strtoll(text.c_str(), nullptr, 10);
        return std::strtod(text.c_str(), nullptr);  // may be inf for 1e999; the field reader rejects that
    }
    if (!text.empty() && (text[0] == '{' || text[0] == '[')) {
        nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (!parsed.is_discarded()) return parsed;
        notices.push_back("The link's value for " + quote_for_notice(key) + " is not valid JSON; ignored.");
        return nullptr;
    }
    return text;
}

std::string encode_value(const nlohmann::json& v) {
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer()) return v.dump();
    if (v.is_number()) return format_shortest(v.get<double>());
    if (v.is_string()) return percent_encode(v.get_ref<const std::string&>());
    return percent_encode(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

std::string percent_encode(std::string_view text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (is_unreserved(c)) out += static_cast<char>(c);
        else { out += '%'; out += kHex[c >> 4]; out += kHex[c & 15]; }
    }
    return out;
}

bool percent_decode(std::string_view text, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') { out += text[i]; continue; }
        const int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) return false;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return true;
}

std::string encode_hash(std::string_view instrument, const nlohmann::json& fields) {
    std::string out(instrument);
    if (!fields.is_object() || fields.empty()) return out;
    // "v" first so a reader of the link sees the schema version before the values.
    char sep = '?';
    if (auto v = fields.find("v"); v != fields.end()) { out += "?v=" + encode_value(*v); sep = '&'; }
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.key() == "v") continue;
        out += sep;
        out += percent_encode(it.key()) + "=" + encode_value(it.value());
        sep = '&';
    }
    return out;
}

Decoded<HashRoute> decode_hash(std::string_view hash) {
    Decoded<HashRoute> out;
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    if (hash.empty()) return out;
    if (hash.size() > kMaxHashLength) {
        out.notices.push_back("The link is too long (" + std::to_string(hash.size()) + " characters) to be one of ours; ignored it.");
        return out;
    }
    const std::size_t q = hash.find('?');
    const std::string_view name = hash.substr(0, q);
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            out.notices.push_back("The link names an instrument that does not exist; ignored it.");
            return out;
        }
    }
    out.value.instrument = std::string(name);
    if (q == std::string_view::npos) return out;
    out.value.has_fields = true;

    std::string_view rest = hash.substr(q + 1);
    int malformed = 0;
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        std::string key, value;
        if (eq == std::string_view::npos || !percent_decode(pair.substr(0, eq), key) ||
            !percent_decode(pair.substr(eq + 1), value) || key.empty()) {
            ++malformed;
            continue;
        }
        nlohmann::json typed = typed_value(value, out.notices, key);
        if (!typed.is_null()) out.value.fields[key] = std::move(typed);
    }
    if (malformed > 0)
        out.notices.push_back("Ignored " + std::to_string(malformed) + " malformed part" + (malformed > 1 ? "s" : "") +
                              " of the link.");
    return out;
}

}  // namespace mlwb::state
