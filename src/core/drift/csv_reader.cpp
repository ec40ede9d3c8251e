// The reader: the file's start (BOM, delimiter) held back until the delimiter can be told,
// then chunks to the tokenizer, in place when they hold whole records, and records to columns.
#include "drift/csv_reader.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "drift/csv_column.hpp"
#include "drift/csv_delimiter.hpp"
#include "drift/csv_tokenizer.hpp"

namespace mlwb::drift {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kRowsBeforeReserve = 1024;

bool valid_delimiter(char c) { return c != 0 && c != '"' && c != '\n' && c != '\r'; }

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

struct CsvReader::State final : CsvTokenizer::Sink {
    explicit State(const CsvOptions& o) : options(o) {}

    void feed(std::string_view chunk);
    Table finish();

    bool ready_to_start(std::string_view head) const;
    void start(std::string_view head, bool at_end);
    void read_pending(bool at_end);
    void record(const CsvTokenizer& tokens, const char* buffer) override;
    void problem(std::size_t line, std::size_t field, const char* message) override;
    void add_row(const CsvTokenizer& tokens, const char* buffer);
    void make_columns(const CsvTokenizer& tokens, const char* buffer);
    void reserve_columns(const CsvTokenizer& tokens);
    void add_problem(std::size_t line, std::string column, std::string message);

    CsvOptions options;
    bool spent = false;
    std::size_t fed = 0;
    std::size_t prelude_newlines = 0;
    std::string pending;            // the file's start, then the unfinished record of the last chunk and what follows
    std::size_t buffer_offset = 0;  // where in the file the buffer being tokenized starts
    char delimiter = ',';
    std::optional<CsvTokenizer> tokens;  // once the delimiter is known

    bool have_columns = false;
    std::vector<std::string> names;
    std::vector<ColumnBuilder> columns;
    std::vector<std::string_view> texts;  // of one record, for add_row
    std::vector<std::uint64_t> hashes;
    std::size_t rows = 0;
    std::vector<ParseProblem> problems;
    std::size_t problem_count = 0;
};

void CsvReader::State::feed(std::string_view chunk) {
    if (spent) return;
    fed += chunk.size();
    if (!tokens) {
        // Count line breaks only until the sample is complete: a whole file may come in one chunk.
        for (std::size_t i = 0; i < chunk.size() && prelude_newlines < kDelimiterSampleLines; ++i) prelude_newlines += chunk[i] == '\n';
        if (!pending.empty() || !ready_to_start(chunk)) {
            pending.append(chunk);
            if (ready_to_start(pending)) {
                start(pending, false);
                read_pending(false);
            }
            return;
        }
        start(chunk, false);  // then read this first chunk in place, without copying it
    }
    if (pending.empty()) {
        buffer_offset = fed - chunk.size();
        const std::size_t keep = tokens->run(chunk.data(), chunk.size(), false, *this);
        pending.assign(chunk.substr(keep));
        tokens->rebase(keep);
    } else {
        pending.append(chunk);
        read_pending(false);
    }
}

void CsvReader::State::read_pending(bool at_end) {
    buffer_offset = fed - pending.size();
    const std::size_t keep = tokens->run(pending.data(), pending.size(), at_end, *this);
    pending.erase(0, keep);
    tokens->rebase(keep);
}

// `head` is the file so far (its first prelude_newlines are counted).
bool CsvReader::State::ready_to_start(std::string_view head) const {
    if (valid_delimiter(options.delimiter)) return head.size() >= kBom.size();
    // Enough for the delimiter's sample (csv_delimiter.hpp), whatever the BOM turns out to be.
    return head.size() >= kDelimiterSampleBytes + kBom.size() || prelude_newlines >= kDelimiterSampleLines;
}

// Settles the BOM and the delimiter from the file's start.
void CsvReader::State::start(std::string_view head, bool at_end) {
    const std::size_t begin = head.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
    delimiter = valid_delimiter(options.delimiter) ? options.delimiter : detect_delimiter(head.substr(begin), at_end);
    tokens.emplace(delimiter);
    tokens->set_field_limit(kMaxColumns);
    tokens->set_position(begin);
}

void CsvReader::State::record(const CsvTokenizer& tokens_in, const char* buffer) {
    if (have_columns) {
        add_row(tokens_in, buffer);
        return;
    }
    make_columns(tokens_in, buffer);
    if (!options.header) add_row(tokens_in, buffer);  // without a header the first record is also the first row
}

void CsvReader::State::problem(std::size_t line, std::size_t field, const char* message) {
    std::string column;
    if (!have_columns) {
        column = "column_" + std::to_string(field + 1);
    } else if (field < names.size()) {
        column = names[field];
    }
    add_problem(line, std::move(column), message);
}

// Every cell's dictionary slot is asked for first, then the cells are read: the record's
// cache misses overlap instead of following one another.
void CsvReader::State::add_row(const CsvTokenizer& t, const char* buffer) {
    const std::size_t expected = columns.size();
    const std::size_t present = t.kept_fields() < expected ? t.kept_fields() : expected;
    for (std::size_t i = 0; i < present; ++i) {
        texts[i] = t.field(buffer, i);
        hashes[i] = columns[i].prepare(texts[i]);
    }
    for (std::size_t i = 0; i < present; ++i) columns[i].add(texts[i], hashes[i]);
    for (std::size_t i = present; i < expected; ++i) columns[i].add_missing();
    const std::size_t found = t.field_count();
    if (found < expected) {
        add_problem(t.record_line(), names[found],
                    "expected " + std::to_string(expected) + " fields, found " + std::to_string(found) + ": the rest are missing");
    } else if (found > expected) {
        add_problem(t.record_line(), "",
                    "expected " + std::to_string(expected) + " fields, found " + std::to_string(found) + ": the extra fields are dropped");
    }
    ++rows;
    if (rows == kRowsBeforeReserve && options.size_hint != 0) reserve_columns(t);
}

// The rows so far took the file up to this record: as many again per as many bytes.
void CsvReader::State::reserve_columns(const CsvTokenizer& t) {
    const std::size_t read = buffer_offset + t.record_offset();
    if (read == 0 || options.size_hint <= read) return;
    const double expected = static_cast<double>(rows) * static_cast<double>(options.size_hint) / static_cast<double>(read);
    const auto reserved = static_cast<std::size_t>(expected * 1.05) + kRowsBeforeReserve;
    for (ColumnBuilder& column : columns) column.reserve(reserved);
}

void CsvReader::State::make_columns(const CsvTokenizer& t, const char* buffer) {
    if (t.field_count() > kMaxColumns) {
        add_problem(t.record_line(), "", "the first record has " + std::to_string(t.field_count()) + " fields: only the first " +
                                             std::to_string(kMaxColumns) + " are read");
    }
    const std::size_t count = t.kept_fields();
    names.resize(count);
    for (std::size_t i = 0; i < count; ++i) names[i] = options.header ? std::string(t.field(buffer, i)) : "column_" + std::to_string(i + 1);
    if (options.header) names = unique_names(std::move(names));
    columns.resize(count);
    texts.resize(count);
    hashes.resize(count);
    have_columns = true;
    tokens->set_field_limit(count);  // from now on a record keeps only as many fields as there are columns
}

void CsvReader::State::add_problem(std::size_t line, std::string column, std::string message) {
    ++problem_count;
    if (problems.size() < options.max_problems) problems.push_back({line, std::move(column), std::move(message)});
}

Table CsvReader::State::finish() {
    if (spent) return {};
    if (!tokens) start(pending, true);
    read_pending(true);
    spent = true;
    std::string().swap(pending);
    tokens.reset();

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
    if (options.size_hint == 0) options.size_hint = text.size();
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
