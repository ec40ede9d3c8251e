// The tokenizer: a state machine that can stop after any byte and resume with the next chunk.
// Records wholly inside a chunk are read in place; only the unfinished field at a chunk's end
// is copied (into `pending`), and the next chunk is appended to it. Offsets, not pointers, are
// kept across chunks, so the copy may move.
#include "drift/csv_reader.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "drift/csv_column.hpp"
#include "drift/csv_delimiter.hpp"

namespace mlwb::drift {
namespace {

enum class Scan : std::uint8_t {
    RecordStart,  // before a record: blank lines are skipped here
    FieldStart,   // before a field: leading spaces are skipped here
    Unquoted,     // inside an unquoted field, which started at `seg`
    Quoted,       // inside quotes; the text not yet copied to `scratch` starts at `seg`
    AfterQuote,   // after the quote at `quote`: "" escape, end of field, or text after it
    QuotedTail,   // text after a closing quote, from `seg`, appended to `scratch`
};

constexpr std::string_view kBom = "\xEF\xBB\xBF";

unsigned char byte(char c) { return static_cast<unsigned char>(c); }

bool valid_delimiter(char c) { return c != 0 && c != '"' && c != '\n' && c != '\r'; }

// Eight bytes at a time (SWAR): a word whose bytes equal `c` has high bits set where
// (w ^ c...c) - 1...1 borrows into a zero byte; bits above the lowest match may be false
// positives, the lowest set bit is exact. Bytes are loaded little-endian (x86, wasm).
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

std::uint64_t bytes_equal(std::uint64_t word, char c) {
    const std::uint64_t x = word ^ (kOnes * byte(c));
    return (x - kOnes) & ~x & kHighs;
}

std::uint64_t load_word(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

// The first of b[p, n) equal to a, b or c, or n.
std::size_t find_any(const char* b, std::size_t p, std::size_t n, char x, char y, char z) {
    for (; p + 8 <= n; p += 8) {
        const std::uint64_t word = load_word(b + p);
        const std::uint64_t hits = bytes_equal(word, x) | bytes_equal(word, y) | bytes_equal(word, z);
        if (hits != 0) return p + static_cast<std::size_t>(std::countr_zero(hits) / 8);
    }
    for (; p < n; ++p) {
        if (b[p] == x || b[p] == y || b[p] == z) return p;
    }
    return n;
}

// Header names: the first occurrence of a name keeps it; an empty name becomes column_<i>
// and a repeated one <name>_2, _3, ..., never taking a name used elsewhere in the header.
std::vector<std::string> unique_names(std::vector<std::string> names) {
    std::unordered_set<std::string> taken;
    std::vector<bool> keeps(names.size(), false);
    for (std::size_t i = 0; i < names.size(); ++i) keeps[i] = !names[i].empty() && taken.insert(names[i]).second;
    std::unordered_map<std::string, std::size_t> next_suffix;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (keeps[i]) continue;
        const std::string base = names[i].empty() ? "column_" + std::to_string(i + 1) : names[i];
        std::string name = base;
        std::size_t& suffix = next_suffix.try_emplace(base, 2).first->second;
        while (!taken.insert(name).second) name = base + "_" + std::to_string(suffix++);
        names[i] = std::move(name);
    }
    return names;
}

}  // namespace

// A field of the record being read: where its text is (relative to the record's start in the
// buffer, or in `scratch` when it had to be rewritten) and whether it was quoted.
struct FieldRef {
    std::size_t begin = 0;
    std::size_t size = 0;
    bool quoted = false;
    bool in_scratch = false;
};

struct CsvReader::State {
    explicit State(const CsvOptions& o) : options(o) {}

    void feed(std::string_view chunk);
    Table finish();

    bool ready_to_start(std::string_view head) const;
    void start(std::string_view head, bool at_end);
    void read_pending();
    std::size_t run(const char* b, std::size_t n, bool at_end);
    void rebase(std::size_t dropped);
    std::size_t find_stop(const char* b, std::size_t p, std::size_t n) const { return find_any(b, p, n, delimiter, '\n', '\r'); }
    static std::size_t find_quoted_stop(const char* b, std::size_t p, std::size_t n) { return find_any(b, p, n, '"', '\n', '\r'); }
    std::size_t after_field(const char* b, std::size_t n, std::size_t p);
    std::size_t end_line(const char* b, std::size_t p);
    void end_field(std::size_t begin, std::size_t end, bool quoted) {
        if (field_count++ < field_limit) fields.push_back({begin - record, end - begin, quoted, false});
    }
    void end_quoted_field(const char* b, std::size_t end);
    void escape_into_scratch(const char* b, std::size_t end);
    void end_record(const char* b);
    void add_row(const char* b);
    std::string_view text_of(const char* b, const FieldRef& field) const;
    void make_columns(const char* b);
    std::string column_label(std::size_t index) const;
    void add_problem(std::size_t line_number, std::string column, std::string message);

    CsvOptions options;
    bool started = false;  // BOM and delimiter settled, tokenizer running
    bool spent = false;
    std::size_t fed = 0;
    std::size_t prelude_newlines = 0;
    std::string pending;  // the prelude, then the unfinished record of the last chunk and what follows

    char delimiter = ',';
    std::array<bool, 256> stops{};   // end an unquoted field: delimiter, '\n', '\r'
    std::array<bool, 256> spaces{};  // trimmed around unquoted fields: ' ' and '\t', unless the delimiter

    Scan scan = Scan::RecordStart;
    std::size_t pos = 0;        // next byte to scan
    std::size_t record = 0;     // start of the current record
    std::size_t seg = 0;        // start of the current field's text not yet in scratch
    std::size_t quote = 0;      // the last quote of a quoted field
    bool escaped = false;       // the current quoted field's text is in scratch from escape_begin
    std::size_t escape_begin = 0;
    bool skip_lf = false;       // the last line break was a '\r': a '\n' right after it belongs to it
    std::string scratch;        // rewritten fields of the current record
    std::size_t line = 1;
    std::size_t record_line = 1;

    std::vector<FieldRef> fields;  // of the current record, as many as there are columns
    std::size_t field_count = 0;   // all of them
    std::size_t field_limit = kMaxColumns;
    std::vector<std::string_view> texts;
    std::vector<std::uint64_t> hashes;
    bool have_columns = false;
    std::vector<std::string> names;
    std::vector<ColumnBuilder> columns;
    std::size_t rows = 0;
    std::vector<ParseProblem> problems;
    std::size_t problem_count = 0;
};

void CsvReader::State::feed(std::string_view chunk) {
    if (spent) return;
    fed += chunk.size();
    if (!started) {
        // Count line breaks only until the sample is complete: a whole file may come in one chunk.
        for (std::size_t i = 0; i < chunk.size() && prelude_newlines < kDelimiterSampleLines; ++i) prelude_newlines += chunk[i] == '\n';
        if (!pending.empty() || !ready_to_start(chunk)) {
            pending.append(chunk);
            if (ready_to_start(pending)) {
                start(pending, false);
                read_pending();
            }
            return;
        }
        start(chunk, false);  // then read this first chunk in place, without copying it
    }
    if (pending.empty()) {
        const std::size_t keep = run(chunk.data(), chunk.size(), false);
        pending.assign(chunk.substr(keep));
        rebase(keep);
    } else {
        pending.append(chunk);
        read_pending();
    }
}

void CsvReader::State::read_pending() {
    const std::size_t keep = run(pending.data(), pending.size(), false);
    pending.erase(0, keep);
    rebase(keep);
}

// `head` is the file so far (its first prelude_newlines are counted).
bool CsvReader::State::ready_to_start(std::string_view head) const {
    if (valid_delimiter(options.delimiter)) return head.size() >= kBom.size();
    // Enough for the delimiter's sample (csv_delimiter.hpp), whatever the BOM turns out to be.
    return head.size() >= kDelimiterSampleBytes + kBom.size() || prelude_newlines >= kDelimiterSampleLines;
}

// Settles the BOM and the delimiter from the file's start.
void CsvReader::State::start(std::string_view head, bool at_end) {
    started = true;
    const std::size_t begin = head.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
    delimiter = valid_delimiter(options.delimiter) ? options.delimiter : detect_delimiter(head.substr(begin), at_end);
    stops[byte(delimiter)] = stops['\n'] = stops['\r'] = true;
    spaces[' '] = spaces['\t'] = true;
    spaces[byte(delimiter)] = false;
    pos = begin;
}

// Field offsets are relative to the record's start, so only these move with the buffer.
void CsvReader::State::rebase(std::size_t dropped) {
    pos -= dropped;
    record = record >= dropped ? record - dropped : 0;
    seg = seg >= dropped ? seg - dropped : 0;
    quote = quote >= dropped ? quote - dropped : 0;
}

// Scans b[pos, n). Returns where the bytes to keep for the next chunk start (the unfinished
// record), n when none. At the end of the file every state finishes its field and record.
std::size_t CsvReader::State::run(const char* b, std::size_t n, bool at_end) {
    std::size_t p = pos;
    for (;;) {
        switch (scan) {
        case Scan::RecordStart:
            for (; p < n; ++p) {
                if (b[p] == '\n') {
                    if (!skip_lf) ++line;
                    skip_lf = false;
                } else if (b[p] == '\r') {
                    ++line;
                    skip_lf = true;
                } else {
                    break;
                }
            }
            if (p == n) {
                pos = p;
                return p;
            }
            skip_lf = false;
            record = p;
            record_line = line;
            scan = Scan::FieldStart;
            [[fallthrough]];
        case Scan::FieldStart:
        case Scan::Unquoted: {
            // Unquoted fields one after another without going back to the switch: the common case.
            bool inside = scan == Scan::Unquoted;
            for (;;) {
                if (!inside) {
                    while (p < n && spaces[byte(b[p])]) ++p;
                    if (p == n && !at_end) {
                        scan = Scan::FieldStart;
                        pos = p;
                        return record;
                    }
                    const char c = p < n ? b[p] : '\n';
                    if (c == '"') {
                        seg = ++p;
                        escaped = false;
                        scan = Scan::Quoted;
                        break;
                    }
                    if (stops[byte(c)]) {
                        end_field(p, p, false);
                        if (c == delimiter) {
                            ++p;
                            continue;
                        }
                        p = after_field(b, n, p);
                        break;
                    }
                    seg = p;
                }
                inside = false;
                p = find_stop(b, p, n);
                if (p == n && !at_end) {
                    scan = Scan::Unquoted;
                    pos = p;
                    return record;
                }
                std::size_t end = p;
                while (end > seg && spaces[byte(b[end - 1])]) --end;
                end_field(seg, end, false);
                if (p < n && b[p] == delimiter) {
                    ++p;
                    continue;
                }
                p = after_field(b, n, p);
                break;
            }
            continue;
        }
        case Scan::Quoted: {
            for (; (p = find_quoted_stop(b, p, n)) < n; ++p) {
                const char c = b[p];
                if (c == '"') break;
                // Line breaks inside quotes still count: CRLF once, a lone CR or LF once.
                if (c == '\r' || b[p - 1] != '\r') ++line;
            }
            if (p == n) {
                if (!at_end) {
                    pos = p;
                    return record;
                }
                add_problem(record_line, column_label(field_count),
                            "the quote is not closed before the end of the file: the text up to there is kept");
                end_quoted_field(b, n);
                p = after_field(b, n, p);
                continue;
            }
            quote = p++;
            scan = Scan::AfterQuote;
            [[fallthrough]];
        }
        case Scan::AfterQuote: {
            if (p == quote + 1) {
                if (p < n && b[p] == '"') {  // "" is one quote in the text
                    escape_into_scratch(b, p);
                    seg = ++p;
                    scan = Scan::Quoted;
                    continue;
                }
                if (p == n && !at_end) {
                    pos = p;
                    return record;
                }
            }
            while (p < n && spaces[byte(b[p])]) ++p;
            if (p == n && !at_end) {
                pos = p;
                return record;
            }
            if (p == n || stops[byte(b[p])]) {
                end_quoted_field(b, quote);
                p = after_field(b, n, p);
                continue;
            }
            add_problem(record_line, column_label(field_count), "text after the closing quote is kept in the field");
            escape_into_scratch(b, quote);
            seg = quote + 1;
            scan = Scan::QuotedTail;
            [[fallthrough]];
        }
        case Scan::QuotedTail: {
            while (p < n && !stops[byte(b[p])]) ++p;
            if (p == n && !at_end) {
                pos = p;
                return record;
            }
            std::size_t end = p;
            while (end > seg && spaces[byte(b[end - 1])]) --end;
            end_quoted_field(b, end);
            p = after_field(b, n, p);
            continue;
        }
        }
    }
}

// Moves the quoted field's text b[seg, end) into scratch: it is about to differ from the file.
void CsvReader::State::escape_into_scratch(const char* b, std::size_t end) {
    if (!escaped) escape_begin = scratch.size();
    escaped = true;
    scratch.append(b + seg, end - seg);
}

// The quoted field (with any text after its closing quote) ends at b[end].
void CsvReader::State::end_quoted_field(const char* b, std::size_t end) {
    if (!escaped) {
        end_field(seg, end, true);
        return;
    }
    scratch.append(b + seg, end - seg);
    if (field_count++ < field_limit) fields.push_back({escape_begin, scratch.size() - escape_begin, true, true});
}

// After a field ended at b[p]: a delimiter starts the next field, a line break or the end of
// the file ends the record.
std::size_t CsvReader::State::after_field(const char* b, std::size_t n, std::size_t p) {
    if (p < n && b[p] == delimiter) {
        scan = Scan::FieldStart;
        return p + 1;
    }
    if (p < n) return end_line(b, p);
    end_record(b);
    scan = Scan::RecordStart;
    return p;
}

std::size_t CsvReader::State::end_line(const char* b, std::size_t p) {
    ++line;
    skip_lf = b[p] == '\r';
    end_record(b);
    scan = Scan::RecordStart;
    return p + 1;
}

std::string_view CsvReader::State::text_of(const char* b, const FieldRef& field) const {
    if (field.in_scratch) return std::string_view(scratch.data() + field.begin, field.size);
    return std::string_view(b + record + field.begin, field.size);
}

void CsvReader::State::end_record(const char* b) {
    const bool blank = field_count == 1 && !fields.empty() && fields[0].size == 0 && !fields[0].quoted;
    if (!blank) {
        if (have_columns) {
            add_row(b);
        } else {
            make_columns(b);
            if (!options.header) add_row(b);  // without a header the first record is also the first row
        }
    }
    fields.clear();
    field_count = 0;
    scratch.clear();
}

// Every cell's dictionary slot is asked for first, then the cells are read: the record's
// cache misses overlap instead of following one another.
void CsvReader::State::add_row(const char* b) {
    const std::size_t expected = columns.size();
    const std::size_t present = fields.size() < expected ? fields.size() : expected;
    for (std::size_t i = 0; i < present; ++i) {
        texts[i] = text_of(b, fields[i]);
        hashes[i] = columns[i].prepare(texts[i]);
    }
    for (std::size_t i = 0; i < present; ++i) columns[i].add(texts[i], hashes[i]);
    for (std::size_t i = present; i < expected; ++i) columns[i].add_missing();
    if (field_count < expected) {
        add_problem(record_line, names[field_count], "expected " + std::to_string(expected) + " fields, found " +
                                                         std::to_string(field_count) + ": the rest are missing");
    } else if (field_count > expected) {
        add_problem(record_line, "", "expected " + std::to_string(expected) + " fields, found " +
                                         std::to_string(field_count) + ": the extra fields are dropped");
    }
    ++rows;
}

void CsvReader::State::make_columns(const char* b) {
    if (field_count > kMaxColumns) {
        add_problem(record_line, "", "the first record has " + std::to_string(field_count) + " fields: only the first " +
                                         std::to_string(kMaxColumns) + " are read");
    }
    const std::size_t count = fields.size();
    names.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        names[i] = options.header ? std::string(text_of(b, fields[i])) : "column_" + std::to_string(i + 1);
    }
    if (options.header) names = unique_names(std::move(names));
    columns.resize(count);
    texts.resize(count);
    hashes.resize(count);
    have_columns = true;
    field_limit = count;  // from now on a record keeps only as many fields as there are columns
}

std::string CsvReader::State::column_label(std::size_t index) const {
    if (have_columns) return index < names.size() ? names[index] : std::string();
    return "column_" + std::to_string(index + 1);
}

void CsvReader::State::add_problem(std::size_t line_number, std::string column, std::string message) {
    ++problem_count;
    if (problems.size() < options.max_problems) problems.push_back({line_number, std::move(column), std::move(message)});
}

Table CsvReader::State::finish() {
    if (spent) return {};
    if (!started) start(pending, true);
    run(pending.data(), pending.size(), true);
    spent = true;
    std::string().swap(pending);
    std::string().swap(scratch);

    Table table;
    table.rows = rows;
    table.delimiter = delimiter;
    table.columns.reserve(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) table.columns.push_back(columns[i].finish(std::move(names[i])));
    std::vector<ColumnBuilder>().swap(columns);
    table.problems = std::move(problems);
    table.problem_count = problem_count;
    return table;
}

CsvReader::CsvReader(CsvOptions options) : state_(std::make_unique<State>(options)) {}
CsvReader::~CsvReader() = default;
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;

void CsvReader::feed(std::string_view chunk) {
    if (state_) state_->feed(chunk);
}

Table CsvReader::finish() { return state_ ? state_->finish() : Table{}; }

std::size_t CsvReader::bytes_fed() const { return state_ ? state_->fed : 0; }

std::size_t CsvReader::rows_read() const { return state_ ? state_->rows : 0; }

Table read_csv(std::string_view text, CsvOptions options) {
    CsvReader reader(options);
    reader.feed(text);
    return reader.finish();
}

const char* column_type_name(ColumnType type) {
    switch (type) {
    case ColumnType::Integer: return "integer";
    case ColumnType::Numeric: return "numeric";
    case ColumnType::Boolean: return "boolean";
    case ColumnType::Datetime: return "datetime";
    case ColumnType::Categorical: return "categorical";
    case ColumnType::Text: return "text";
    case ColumnType::Empty: return "empty";
    }
    return "empty";
}

}  // namespace mlwb::drift
