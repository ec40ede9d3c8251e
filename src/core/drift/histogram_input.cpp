#include "drift/histogram_input.hpp"

#include <cmath>
#include <cstdio>

namespace mlwb::drift {
namespace {

bool read_counts(const nlohmann::json& j, const char* key, std::vector<double>& out, std::string& error) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array()) {
        error = std::string("'") + key + "' must be an array of counts";
        return false;
    }
    for (const auto& v : *it) {
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0) {
            error = std::string("'") + key + "' holds something that is not a count >= 0";
            return false;
        }
        out.push_back(v.get<double>());
    }
    return true;
}

std::string bin_label(double lo, double hi, bool last) {
    char buf[80];
    std::snprintf(buf, sizeof buf, last ? "[%.6g, %.6g]" : "[%.6g, %.6g)", lo, hi);
    return buf;
}

// A histogram column as a categorical pair: one category per bin, in bin order (labels are
// made sortable by position so the pair keeps that order).
std::string column_pair_from_json(const nlohmann::json& j, ColumnPair& p) {
    if (!j.is_object()) return "a column must be an object";
    const auto name = j.find("name");
    if (name == j.end() || !name->is_string() || name->get<std::string>().empty()) return "a column needs a \"name\"";
    p.name = name->get<std::string>();
    p.kind = ColumnKind::Categorical;
    std::string error;
    if (!read_counts(j, "reference", p.reference_counts, error) || !read_counts(j, "current", p.current_counts, error))
        return p.name + ": " + error;
    const std::size_t n = p.reference_counts.size();
    if (n == 0 || p.current_counts.size() != n)
        return p.name + ": 'reference' and 'current' need the same, non-zero number of counts";
    const std::string kind = j.value("kind", std::string("categorical"));
    if (kind == "numeric") {
        const auto edges = j.find("edges");
        if (edges == j.end() || !edges->is_array() || edges->size() != n + 1)
            return p.name + ": a numeric histogram needs 'edges' with one more entry than the counts";
        double prev = -INFINITY;
        for (std::size_t i = 0; i <= n; ++i) {
            const auto& e = (*edges)[i];
            if (!e.is_number() || !(e.get<double>() > prev)) return p.name + ": 'edges' must be increasing numbers";
            prev = e.get<double>();
        }
        for (std::size_t i = 0; i < n; ++i)
            p.categories.push_back(bin_label((*edges)[i].get<double>(), (*edges)[i + 1].get<double>(), i + 1 == n));
        p.type = "numeric (binned)";
    } else if (kind == "categorical") {
        const auto cats = j.find("categories");
        if (cats == j.end() || !cats->is_array() || cats->size() != n)
            return p.name + ": 'categories' must list one name per count";
        for (const auto& c : *cats) p.categories.push_back(c.is_string() ? c.get<std::string>() : c.dump());
        p.type = "categorical";
    } else {
        return p.name + ": 'kind' must be \"numeric\" or \"categorical\"";
    }
    auto missing = [&](const char* key) {
        const auto it = j.find(key);
        return (it != j.end() && it->is_number_unsigned()) ? it->get<std::size_t>() : std::size_t{0};
    };
    p.reference_dropped = missing("reference_missing");
    p.current_dropped = missing("current_missing");
    p.reference_rows = p.n_reference() + p.reference_dropped;
    p.current_rows = p.n_current() + p.current_dropped;
    if (p.n_reference() == 0 || p.n_current() == 0) return p.name + ": a side with no counts cannot be compared";
    return {};
}

}  // namespace

DriftResult histogram_drift(const nlohmann::json& doc, const DriftSettings& settings, std::vector<std::string>& errors) {
    DriftResult r;
    r.drift_share = settings.drift_share;
    r.correction = settings.correction;
    const auto cols = doc.is_object() ? doc.find("columns") : doc.end();
    if (!doc.is_object() || cols == doc.end() || !cols->is_array()) {
        errors.push_back("a histogram file is an object with a \"columns\" array");
        return r;
    }
    for (const auto& j : *cols) {
        ColumnPair p;
        const std::string why = column_pair_from_json(j, p);
        if (!why.empty()) {
            errors.push_back(why);
            continue;
        }
        ColumnChoice choice;
        bool skip = false;
        for (const auto& s : settings.per_column)
            if (s.name == p.name) {
                skip = s.skip;
                if (!s.test.empty()) choice.test = stat_test_from_key(s.test);
                choice.threshold = s.threshold;
            }
        if (skip) continue;
        if (!choice.test && !settings.stat_test.empty()) {
            choice.test = stat_test_from_key(settings.stat_test);
            if (std::isnan(choice.threshold)) choice.threshold = settings.threshold;
        }
        ColumnDrift d = column_drift(p, choice);
        d.type = p.type;
        quality_of_pair(p, r.quality);
        r.columns.push_back(std::move(d));
        r.views.push_back(make_column_view(p));
        r.reference_rows = std::max(r.reference_rows, p.reference_rows);
        r.current_rows = std::max(r.current_rows, p.current_rows);
    }
    apply_correction(r.columns, settings.correction);
    summarize_dataset(r);
    r.notes.push_back("from pre-aggregated histograms: KS, Wasserstein, energy, Anderson-Darling and Cramer-von Mises "
                      "need the raw values and are not computed");
    return r;
}

DriftResult histogram_drift_text(std::string_view text, const DriftSettings& settings, std::vector<std::string>& errors) {
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        errors.push_back("not valid JSON");
        DriftResult r;
        r.drift_share = settings.drift_share;
        return r;
    }
    return histogram_drift(doc, settings, errors);
}

}  // namespace mlwb::drift
