#include "drift/csv_tokenizer.hpp"

#include <bit>
#include <cstring>

namespace mlwb::drift {
namespace {

unsigned char byte(char c) { return static_cast<unsigned char>(c); }

// Eight bytes at a time (SWAR): in x = word ^ (c repeated), a byte equal to c is zero, and
// (x - 0x01..01) & ~x & 0x80..80 sets its high bit. Bits above the lowest match may be false
// positives (borrows), the lowest set bit is exact. Loads are little-endian (x86, wasm).
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

std::uint64_t bytes_equal(std::uint64_t word, char c) {
    const std::uint64_t x = word ^ (kOnes * byte(c));
    return (x - kOnes) & ~x & kHighs;
}

// The first of b[p, n) equal to x, y or z, or n.
std::size_t find_any(const char* b, std::size_t p, std::size_t n, char x, char y, char z) {
    for (; p + 8 <= n; p += 8) {
        std::uint64_t word;
        std::memcpy(&word, b + p, sizeof word);
        const std::uint64_t hits = bytes_equal(word, x) | bytes_equal(word, y) | bytes_equal(word, z);
        if (hits != 0) return p + static_cast<std::size_t>(std::countr_zero(hits) / 8);
    }
    for (; p < n; ++p) {
        if (b[p] == x || b[p] == y || b[p] == z) return p;
    }
    return n;
}

}  // namespace

CsvTokenizer::CsvTokenizer(char delimiter) : delimiter_(delimiter) {
    stops_[byte(delimiter)] = stops_['\n'] = stops_['\r'] = true;
    spaces_[' '] = spaces_['\t'] = true;
    spaces_[byte(delimiter)] = false;
}

// Offsets within the record are relative to its start, so only these move with the buffer.
void CsvTokenizer::rebase(std::size_t dropped) {
    pos_ -= dropped;
    record_ = record_ >= dropped ? record_ - dropped : 0;
    seg_ = seg_ >= dropped ? seg_ - dropped : 0;
    quote_ = quote_ >= dropped ? quote_ - dropped : 0;
}

std::size_t CsvTokenizer::run(const char* b, std::size_t n, bool at_end, Sink& sink) {
    std::size_t p = pos_;
    for (;;) {
        switch (scan_) {
        case Scan::RecordStart:
            for (; p < n; ++p) {
                if (b[p] == '\n') {
                    if (!skip_lf_) ++line_;
                    skip_lf_ = false;
                } else if (b[p] == '\r') {
                    ++line_;
                    skip_lf_ = true;
                } else {
                    break;
                }
            }
            if (p == n) {
                pos_ = p;
                return p;
            }
            skip_lf_ = false;
            record_ = p;
            record_line_ = line_;
            scan_ = Scan::FieldStart;
            [[fallthrough]];
        case Scan::FieldStart:
        case Scan::Unquoted: {
            // Unquoted fields one after another without going back to the switch: the common case.
            bool inside = scan_ == Scan::Unquoted;
            for (;;) {
                if (!inside) {
                    while (p < n && spaces_[byte(b[p])]) ++p;
                    if (p == n && !at_end) {
                        scan_ = Scan::FieldStart;
                        pos_ = p;
                        return record_;
                    }
                    const char c = p < n ? b[p] : '\n';
                    if (c == '"') {
                        seg_ = ++p;
                        escaped_ = false;
                        scan_ = Scan::Quoted;
                        break;
                    }
                    if (stops_[byte(c)]) {
                        end_field(p, p);
                        if (c == delimiter_) {
                            ++p;
                            continue;
                        }
                        p = after_field(b, n, p, sink);
                        break;
                    }
                    seg_ = p;
                }
                inside = false;
                p = find_any(b, p, n, delimiter_, '\n', '\r');
                if (p == n && !at_end) {
                    scan_ = Scan::Unquoted;
                    pos_ = p;
                    return record_;
                }
                std::size_t end = p;
                while (end > seg_ && spaces_[byte(b[end - 1])]) --end;
                end_field(seg_, end);
                if (p < n && b[p] == delimiter_) {
                    ++p;
                    continue;
                }
                p = after_field(b, n, p, sink);
                break;
            }
            continue;
        }
        case Scan::Quoted: {
            for (; (p = find_any(b, p, n, '"', '\n', '\r')) < n; ++p) {
                if (b[p] == '"') break;
                // Line breaks inside quotes still count: CRLF once, a lone CR or LF once. b[p - 1]
                // exists: at the latest it is the opening quote.
                if (b[p] == '\r' || b[p - 1] != '\r') ++line_;
            }
            if (p == n) {
                if (!at_end) {
                    pos_ = p;
                    return record_;
                }
                sink.problem(record_line_, field_count_, "the quote is not closed before the end of the file: the text up to there is kept");
                end_quoted_field(b, n);
                p = after_field(b, n, p, sink);
                continue;
            }
            quote_ = p++;
            scan_ = Scan::AfterQuote;
            [[fallthrough]];
        }
        case Scan::AfterQuote: {
            if (p == quote_ + 1) {
                if (p < n && b[p] == '"') {  // "" is one quote in the text
                    escape_into_scratch(b, p);
                    seg_ = ++p;
                    scan_ = Scan::Quoted;
                    continue;
                }
                if (p == n && !at_end) {  // the next chunk may start with the second quote
                    pos_ = p;
                    return record_;
                }
            }
            while (p < n && spaces_[byte(b[p])]) ++p;
            if (p == n && !at_end) {
                pos_ = p;
                return record_;
            }
            if (p == n || stops_[byte(b[p])]) {
                end_quoted_field(b, quote_);
                p = after_field(b, n, p, sink);
                continue;
            }
            sink.problem(record_line_, field_count_, "text after the closing quote is kept in the field");
            escape_into_scratch(b, quote_);
            seg_ = quote_ + 1;
            scan_ = Scan::QuotedTail;
            [[fallthrough]];
        }
        case Scan::QuotedTail: {
            while (p < n && !stops_[byte(b[p])]) ++p;
            if (p == n && !at_end) {
                pos_ = p;
                return record_;
            }
            std::size_t end = p;
            while (end > seg_ && spaces_[byte(b[end - 1])]) --end;
            end_quoted_field(b, end);
            p = after_field(b, n, p, sink);
            continue;
        }
        }
    }
}

void CsvTokenizer::store_new_field(const Field& field, std::size_t index) {
    if (index < field_limit_) fields_.push_back(field);
}

// The quoted field's text b[seg_, end) goes to scratch_: it is about to differ from the file.
void CsvTokenizer::escape_into_scratch(const char* b, std::size_t end) {
    if (!escaped_) escape_begin_ = scratch_.size();
    escaped_ = true;
    scratch_.append(b + seg_, end - seg_);
}

// The quoted field (with any text after its closing quote) ends at b[end].
void CsvTokenizer::end_quoted_field(const char* b, std::size_t end) {
    if (!escaped_) {
        store_field({seg_ - record_, end - seg_, true, false});
        return;
    }
    scratch_.append(b + seg_, end - seg_);
    store_field({escape_begin_, scratch_.size() - escape_begin_, true, true});
}

// After a field ended at b[p]: a delimiter starts the next field, a line break or the end of
// the file ends the record.
std::size_t CsvTokenizer::after_field(const char* b, std::size_t n, std::size_t p, Sink& sink) {
    if (p < n && b[p] == delimiter_) {
        scan_ = Scan::FieldStart;
        return p + 1;
    }
    if (p < n) {
        ++line_;
        skip_lf_ = b[p] == '\r';
        ++p;
    }
    end_record(b, sink);
    scan_ = Scan::RecordStart;
    return p;
}

void CsvTokenizer::end_record(const char* b, Sink& sink) {
    const bool blank = field_count_ == 1 && kept_fields() == 1 && fields_[0].size == 0 && !fields_[0].quoted;
    if (!blank) sink.record(*this, b);
    field_count_ = 0;
    scratch_.clear();
}

}  // namespace mlwb::drift
