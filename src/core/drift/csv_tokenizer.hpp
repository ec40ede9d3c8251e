// CSV bytes into records of fields: RFC 4180 quoting with the leniencies listed in
// csv_reader.hpp. A state machine that can stop after any byte and resume with the next chunk:
// it keeps offsets, not pointers, so its owner may move the unfinished record between calls.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlwb::drift {

class CsvTokenizer {
public:
    // What the tokenizer tells its owner.
    class Sink {
    public:
        // A record ended; its fields are readable through the tokenizer until this returns.
        // Blank (and whitespace-only) lines are not records.
        virtual void record(const CsvTokenizer& tokenizer, const char* buffer) = 0;
        // Field `field` (0-based) of the record starting on `line` was read leniently.
        virtual void problem(std::size_t line, std::size_t field, const char* message) = 0;

    protected:
        ~Sink() = default;
    };

    explicit CsvTokenizer(char delimiter);

    // Scans buffer[position(), size). Returns the offset from which the buffer must be kept
    // for the next call (the unfinished record), size when nothing. At the end of the file
    // (`at_end`) every field and record is finished.
    std::size_t run(const char* buffer, std::size_t size, bool at_end, Sink& sink);
    // The caller dropped the first `dropped` bytes of the buffer (at most the offset run() returned).
    void rebase(std::size_t dropped);
    void set_position(std::size_t offset) { pos_ = offset; }
    // From now on keep the text of at most `limit` fields per record (the rest are counted).
    void set_field_limit(std::size_t limit) { field_limit_ = limit; }

    // The record being reported (inside Sink::record):
    std::size_t field_count() const { return field_count_; }  // all its fields
    std::size_t kept_fields() const { return field_count_ < field_limit_ ? field_count_ : field_limit_; }
    std::string_view field(const char* buffer, std::size_t index) const {
        const Field& f = fields_[index];
        return f.in_scratch ? std::string_view(scratch_.data() + f.begin, f.size) : std::string_view(buffer + record_ + f.begin, f.size);
    }
    std::size_t record_line() const { return record_line_; }  // 1-based physical line of its first byte
    std::size_t record_offset() const { return record_; }     // where it starts in the buffer

private:
    enum class Scan : std::uint8_t {
        RecordStart,  // before a record: blank lines are skipped here
        FieldStart,   // before a field: leading spaces are skipped here
        Unquoted,     // inside an unquoted field, which started at seg_
        Quoted,       // inside quotes; the text not yet copied to scratch_ starts at seg_
        AfterQuote,   // after the quote at quote_: "" escape, end of field, or text after it
        QuotedTail,   // text after a closing quote, from seg_, to be appended to scratch_
    };
    // Where a field's text is: relative to the record's start in the buffer, or in scratch_
    // when it had to be rewritten (quotes unescaped, text after a closing quote joined).
    struct Field {
        std::size_t begin = 0;
        std::size_t size = 0;
        bool quoted = false;
        bool in_scratch = false;
    };

    void store_field(const Field& field) {
        const std::size_t index = field_count_++;
        if (index < fields_.size()) {
            fields_[index] = field;  // fields_ only grows: entries past kept_fields() are stale
        } else {
            store_new_field(field, index);
        }
    }
    void store_new_field(const Field& field, std::size_t index);
    void end_field(std::size_t begin, std::size_t end) { store_field({begin - record_, end - begin, false, false}); }
    void end_quoted_field(const char* b, std::size_t end);
    void escape_into_scratch(const char* b, std::size_t end);
    std::size_t after_field(const char* b, std::size_t n, std::size_t p, Sink& sink);
    void end_record(const char* b, Sink& sink);

    char delimiter_;
    std::array<bool, 256> stops_{};   // end an unquoted field: the delimiter, '\n', '\r'
    std::array<bool, 256> spaces_{};  // trimmed around unquoted fields: ' ' and '\t', unless the delimiter

    Scan scan_ = Scan::RecordStart;
    std::size_t pos_ = 0;     // next byte to scan
    std::size_t record_ = 0;  // start of the current record
    std::size_t seg_ = 0;     // start of the current field's text not yet in scratch_
    std::size_t quote_ = 0;   // the last quote of a quoted field
    bool escaped_ = false;    // the current quoted field's text is in scratch_ from escape_begin_
    std::size_t escape_begin_ = 0;
    bool skip_lf_ = false;    // the last line break was a '\r': a '\n' right after it belongs to it
    std::string scratch_;     // rewritten fields of the current record
    std::size_t line_ = 1;
    std::size_t record_line_ = 1;
    std::vector<Field> fields_;
    std::size_t field_count_ = 0;
    std::size_t field_limit_ = static_cast<std::size_t>(-1);
};

}  // namespace mlwb::drift
