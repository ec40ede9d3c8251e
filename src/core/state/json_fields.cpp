#include "state/json_fields.hpp"

#include <cmath>

namespace mlwb::state {

const nlohmann::json* JsonFieldReader::find(const char* key) {
    seen_.insert(key);
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
}

void JsonFieldReader::number(const char* key, double& out) {
    const nlohmann::json* v = find(key);
    if (!v) return;
    if (v->is_number()) {
        const double d = v->get<double>();
        if (std::isfinite(d)) { out = d; return; }
    }
    notices_.push_back("'" + std::string(key) + "' must be a number, got " + quote_for_notice(*v) + "; kept the default.");
}

void JsonFieldReader::boolean(const char* key, bool& out) {
    const nlohmann::json* v = find(key);
    if (!v) return;
    if (v->is_boolean()) { out = v->get<bool>(); return; }
    notices_.push_back("'" + std::string(key) + "' must be true or false, got " + quote_for_notice(*v) + "; kept the default.");
}

void JsonFieldReader::integer(const char* key, int& out) {
    const nlohmann::json* v = find(key);
    if (!v) return;
    if (v->is_number()) {
        const double d = v->get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 1e9) { out = static_cast<int>(d); return; }
    }
    notices_.push_back("'" + std::string(key) + "' must be a whole number, got " + quote_for_notice(*v) + "; kept the default.");
}

void JsonFieldReader::text(const char* key, std::string& out, std::size_t max_size) {
    const nlohmann::json* v = find(key);
    if (!v) return;
    if (v->is_string() && v->get_ref<const std::string&>().size() <= max_size) { out = v->get<std::string>(); return; }
    notices_.push_back("'" + std::string(key) + "' must be text of at most " + std::to_string(max_size) + " bytes, got " +
                       quote_for_notice(*v) + "; kept the default.");
}

void JsonFieldReader::report_unknown_keys() {
    std::string unknown;
    int count = 0;
    for (auto it = object_.begin(); it != object_.end(); ++it) {
        if (seen_.count(it.key())) continue;
        if (++count <= 5) unknown += (unknown.empty() ? "" : ", ") + quote_for_notice(it.key());
    }
    if (count > 5) unknown += " and " + std::to_string(count - 5) + " more";
    if (count > 0) notices_.push_back("Ignored unknown field" + std::string(count > 1 ? "s " : " ") + unknown + ".");
}

std::string quote_for_notice(const nlohmann::json& v) {
    // dump() with replace-mode error handling never throws, even on invalid UTF-8.
    std::string text = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    constexpr std::size_t kMax = 40;
    if (text.size() > kMax) {
        text.resize(kMax);
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();  // whole UTF-8 chars only
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
        text += "...";
    }
    return text;
}

}  // namespace mlwb::state
