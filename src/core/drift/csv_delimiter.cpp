#include "drift/csv_delimiter.hpp"

#include <vector>

namespace mlwb::drift {
namespace {

// Delimiters outside quotes in each non-blank record of the sample.
std::vector<std::size_t> delimiters_per_record(std::string_view sample, char delimiter, bool last_is_complete) {
    std::vector<std::size_t> counts;
    std::size_t count = 0;
    bool blank = true;
    bool field_start = true;
    bool in_quotes = false;
    for (std::size_t i = 0; i < sample.size(); ++i) {
        const char c = sample[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < sample.size() && sample[i + 1] == '"') {
                    ++i;
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (!blank) counts.push_back(count);
            count = 0;
            blank = true;
            field_start = true;
        } else if (c == delimiter) {
            ++count;
            blank = false;
            field_start = true;
        } else if (c != ' ' && c != '\t') {
            blank = false;
            if (c == '"' && field_start) in_quotes = true;
            field_start = false;
        }
    }
    if (!blank && (last_is_complete || counts.empty())) counts.push_back(count);
    return counts;
}

}  // namespace

char detect_delimiter(std::string_view text, bool is_whole_file) {
    std::size_t end = text.size() < kDelimiterSampleBytes ? text.size() : kDelimiterSampleBytes;
    std::size_t lines = 0;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n' && ++lines == kDelimiterSampleLines) {
            end = i + 1;
            break;
        }
    }
    const std::string_view sample = text.substr(0, end);
    const bool last_is_complete = is_whole_file && end == text.size();

    char best = ',';
    std::size_t best_agree = 0, best_records = 1;  // a share of 0: any candidate that appears beats it
    for (const char candidate : {',', ';', '\t'}) {
        const std::vector<std::size_t> counts = delimiters_per_record(sample, candidate, last_is_complete);
        if (counts.empty() || counts[0] == 0) continue;
        std::size_t agree = 0;
        for (const std::size_t count : counts) agree += count == counts[0];
        if (agree * best_records > best_agree * counts.size()) {
            best = candidate;
            best_agree = agree;
            best_records = counts.size();
        }
    }
    return best;
}

}  // namespace mlwb::drift
