// Which of ',', ';' and '\t' separates a CSV file's fields, from its first records.
#pragma once

#include <cstddef>
#include <string_view>

namespace mlwb::drift {

// The sample is the file's first kDelimiterSampleLines '\n' or kDelimiterSampleBytes bytes,
// whichever ends first, so the answer does not depend on how the file was cut into chunks:
// the reader waits for that much (or the end of the file) before it reads any record.
inline constexpr std::size_t kDelimiterSampleBytes = 64 * 1024;
inline constexpr std::size_t kDelimiterSampleLines = 30;

// `text` is the file from its start (after a BOM); `is_whole_file` says that nothing follows.
// Each candidate splits the sample into records (quotes respected: a quote opens a field
// only at its start, "" is a quote inside one) and counts its delimiters outside quotes. A
// candidate must appear in the first record; the one whose count in the first record is
// matched by the largest share of records wins, ties in the order ',', ';', '\t'. A record
// cut off by the sample's end is not counted, unless it is the only one. No candidate in the
// first record: ','.
char detect_delimiter(std::string_view text, bool is_whole_file);

}  // namespace mlwb::drift
