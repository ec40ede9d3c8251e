// The drift lens's CSV reader on nasty files: quoting, line breaks, delimiters, ragged rows,
// types, chunk boundaries anywhere (a chunked read must give the very same Table as a one-shot
// read), line numbers of problems. Numbers are checked bit for bit against std::strtod and
// date-times against Python's datetime (values quoted below).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "drift/csv_cell.hpp"
#include "drift/csv_number.hpp"
#include "drift/csv_reader.hpp"
#include "timing_note.hpp"
#include "csv_same_table.hpp"

using namespace mlwb::drift;

using mlwb::drift::testing::same_bits;
using mlwb::drift::testing::same_table;

namespace {


// Everything in two Tables, numbers bit for bit (NaN equal to NaN, -0 apart from +0).

Table read_in_chunks(std::string_view text, std::size_t chunk, CsvOptions options = {}) {
    CsvReader reader(options);
    for (std::size_t i = 0; i < text.size(); i += chunk) reader.feed(text.substr(i, chunk));
    return reader.finish();
}

Table read_in_random_chunks(std::string_view text, std::mt19937& rng, std::size_t largest, CsvOptions options = {}) {
    CsvReader reader(options);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = 1 + rng() % largest;
        reader.feed(text.substr(i, n));
        i += n;
    }
    return reader.finish();
}

const Column& column(const Table& t, const std::string& name) {
    for (const Column& c : t.columns) {
        if (c.name == name) return c;
    }
    FAIL("no column " << name);
    return t.columns.front();
}

// The basic invariants of any Table.
void check_shape(const Table& t) {
    for (const Column& c : t.columns) {
        CHECK((c.numbers.empty() || c.numbers.size() == t.rows));
        CHECK((c.codes.empty() || c.codes.size() == t.rows));
        for (const std::uint32_t code : c.codes) CHECK((code == kMissingCode || code < c.categories.size()));
        CHECK(c.missing <= t.rows);
    }
    CHECK(t.problems.size() <= t.problem_count);
}

const std::vector<std::string>& nasty_files() {
    static const std::vector<std::string> files = {
        "a,b,c\n1,2,3\n4,5,6\n",
        "\xEF\xBB\xBFid;name;score\r\n1;\"Smith; John\";3.5\r\n2;\"O\"\"Brien\";4\r\n",
        "x\ty\n\"multi\nline\"\t2\n\"a\"\"b\"\t-3e2\n",
        "h1,h2\r\n\r\n  padded  ,  \" kept \"  \r\n\"unterminated,2\n3,4\n",
        "a,b\rone,1\rtwo,2\r\rthree\r",
        "a,,a,\n1,2,3,4\n5,6,7,8,9\n10\n",
        "when,flag,amount\n2024-02-29T12:00:00Z,true,1e3\n2023-01-01,FALSE,-inf\nNA,yes,\n",
        "n\n\"\"\n\"x\"y z\n\"\"\"\"\n",
        std::string("nul,b\n\0x,1\n2,\0\n", 15),
        "only header",
        "",
        "\n\n\n",
        "a\n\"\r\n\"\n\"\r\"\n",
        "q,r\n\"abc\"  ,\"def\"\t\n\"open",
    };
    return files;
}

}  // namespace

TEST_CASE("csv: columns are typed over all rows", "[csv]") {
    const Table t = read_csv(
        "int,num,bool,when,cat,empty,zeroone\n"
        "1,1.5,true,2024-01-01,red,,0\n"
        "-2,2,FALSE,2024-01-02T03:04:05Z,blue,NA,1\n"
        "+3,,Yes,,red,null,1\n"
        "NaN,inf,no,2024-01-03 10:00,,N/A,0\n");
    check_shape(t);
    REQUIRE(t.rows == 4);
    REQUIRE(t.problem_count == 0);
    CHECK(t.delimiter == ',');

    const Column& i = column(t, "int");
    CHECK(i.type == ColumnType::Integer);
    CHECK(i.numbers[0] == 1.0);
    CHECK(i.numbers[1] == -2.0);
    CHECK(i.numbers[2] == 3.0);
    CHECK(std::isnan(i.numbers[3]));
    CHECK(i.missing == 1);
    REQUIRE(i.categories == std::vector<std::string>{"1", "-2", "+3"});  // integers keep their texts too
    CHECK(i.codes == std::vector<std::uint32_t>{0, 1, 2, kMissingCode});

    const Column& n = column(t, "num");
    CHECK(n.type == ColumnType::Numeric);
    CHECK(n.numbers[0] == 1.5);
    CHECK(std::isinf(n.numbers[3]));
    CHECK(n.missing == 1);

    const Column& b = column(t, "bool");
    CHECK(b.type == ColumnType::Boolean);
    CHECK(b.numbers == std::vector<double>{1, 0, 1, 0});
    CHECK(b.categories == std::vector<std::string>{"true", "FALSE", "Yes", "no"});
    CHECK(b.codes == std::vector<std::uint32_t>{0, 1, 2, 3});

    const Column& w = column(t, "when");
    CHECK(w.type == ColumnType::Datetime);
    CHECK(w.numbers[0] == 1704067200.0);
    CHECK(w.numbers[1] == 1704164645.0);
    CHECK(std::isnan(w.numbers[2]));
    CHECK(w.numbers[3] == 1704276000.0);
    CHECK(w.codes.empty());
    CHECK(w.categories.empty());

    const Column& c = column(t, "cat");
    CHECK(c.type == ColumnType::Categorical);
    CHECK(c.numbers.empty());
    CHECK(c.categories == std::vector<std::string>{"red", "blue"});
    CHECK(c.codes == std::vector<std::uint32_t>{0, 1, 0, kMissingCode});

    const Column& e = column(t, "empty");
    CHECK(e.type == ColumnType::Empty);
    CHECK(e.missing == 4);
    CHECK(e.numbers.empty());
    CHECK(e.codes.empty());

    CHECK(column(t, "zeroone").type == ColumnType::Integer);  // 0/1 is not a boolean
}

TEST_CASE("csv: mixed values make a column categorical", "[csv]") {
    const Table t = read_csv(
        "a,b,c,d,e,f\n"
        "1,true,2024-01-01,1,\"1,234\",1 234\n"
        "x,1,5,2.5,\"5,678\",7\n");
    CHECK(column(t, "a").type == ColumnType::Categorical);
    CHECK(column(t, "b").type == ColumnType::Categorical);
    CHECK(column(t, "c").type == ColumnType::Categorical);
    CHECK(column(t, "d").type == ColumnType::Numeric);      // integers and decimals
    CHECK(column(t, "e").type == ColumnType::Categorical);  // thousands separators are not numbers
    CHECK(column(t, "f").type == ColumnType::Categorical);
    CHECK(column(t, "a").categories == std::vector<std::string>{"1", "x"});
    CHECK(column(t, "a").numbers.empty());
}

TEST_CASE("csv: missing tokens", "[csv]") {
    for (const char* token : {"", "NA", "na", "N/A", "n/a", "#N/A", "NaN", "nan", "NAN", "null", "NULL", "None", "none", "-", "?"}) {
        INFO(token);
        CHECK(is_missing_token(token));
        CHECK(may_be_missing_token(token));
    }
    for (const char* value : {"0", "n", "N/AA", "nil", "--", "-1", "Nonee", "missing", " "}) {
        INFO(value);
        CHECK_FALSE(is_missing_token(value));
    }
    const Table t = read_csv("x\n\"\"\n\"NA\"\n  -  \n3\n");
    REQUIRE(t.rows == 4);
    CHECK(t.columns[0].type == ColumnType::Integer);
    CHECK(t.columns[0].missing == 3);
}

TEST_CASE("csv: boolean words", "[csv]") {
    double v = -1;
    for (const char* yes : {"true", "TRUE", "True", "yes", "YES", "Yes"}) {
        CHECK(parse_boolean_word(yes, v));
        CHECK(v == 1.0);
    }
    for (const char* no : {"false", "FALSE", "no", "No"}) {
        CHECK(parse_boolean_word(no, v));
        CHECK(v == 0.0);
    }
    for (const char* other : {"t", "f", "y", "n", "1", "0", "on", "off", "truee", ""}) CHECK_FALSE(parse_boolean_word(other, v));
}

TEST_CASE("csv: quoting follows RFC 4180", "[csv]") {
    const Table t = read_csv(
        "name,note\n"
        "\"Smith, John\",\"said \"\"hi\"\"\"\n"
        "\"two\nlines\",\"cr\r\nlf\"\n"
        "  \" spaced \"  ,plain  \n");
    check_shape(t);
    REQUIRE(t.rows == 3);
    CHECK(t.problem_count == 0);
    const Column& name = column(t, "name");
    CHECK(name.categories == std::vector<std::string>{"Smith, John", "two\nlines", " spaced "});
    const Column& note = column(t, "note");
    CHECK(note.categories == std::vector<std::string>{"said \"hi\"", "cr\r\nlf", "plain"});
}

TEST_CASE("csv: text after a closing quote is kept, with a problem", "[csv]") {
    const Table t = read_csv("a,b\n\"ab\"cd ,2\n\"x\"\"y\" z,3\n");
    REQUIRE(t.rows == 2);
    CHECK(t.columns[0].categories == std::vector<std::string>{"abcd", "x\"y z"});
    REQUIRE(t.problem_count == 2);
    CHECK(t.problems[0].line == 2);
    CHECK(t.problems[0].column == "a");
    CHECK(t.problems[1].line == 3);
}

TEST_CASE("csv: an unterminated quote keeps its text to the end", "[csv]") {
    const Table t = read_csv("a,b\n1,\"open\nstill open, with a comma\n");
    REQUIRE(t.rows == 1);
    REQUIRE(t.problem_count == 1);
    CHECK(t.problems[0].line == 2);
    CHECK(t.problems[0].column == "b");
    CHECK(column(t, "b").categories == std::vector<std::string>{"open\nstill open, with a comma\n"});
}

TEST_CASE("csv: line endings CRLF, LF and lone CR give the same table", "[csv]") {
    const std::string lf = "a,b\n1,x\n\n2,\"y\nz\"\n3\n";
    std::string crlf, cr;
    for (const char c : lf) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        cr += c == '\n' ? '\r' : c;
    }
    const Table a = read_csv(lf);
    REQUIRE(a.rows == 3);
    REQUIRE(a.problem_count == 1);
    CHECK(a.problems[0].line == 6);  // the record "3" starts on line 6: the quoted break counts
    CHECK(a.problems[0].column == "b");
    // The quoted line break itself is kept as written, so only compare what does not hold it.
    for (const std::string& other : {crlf, cr}) {
        const Table b = read_csv(other);
        REQUIRE(b.rows == 3);
        CHECK(b.columns[0].numbers == a.columns[0].numbers);
        REQUIRE(b.problem_count == 1);
        CHECK(b.problems[0].line == 6);
    }
}

TEST_CASE("csv: line numbers of problems", "[csv]") {
    const std::string text =
        "a,b,c\r\n"           // 1
        "1,2,3\r\n"           // 2
        "\r\n"                // 3 (blank)
        "4,5\r\n"             // 4: too few
        "\"multi\r\n"         // 5
        "line\",6,7,8\r\n"    // 6: too many, record starts on 5
        "   \n"               // 7 (blank)
        "9,\"x\"y,10\n"       // 8: text after quote
        "11,12,13,14,15\r"    // 9: too many
        "16\n";               // 10: too few
    const Table t = read_csv(text);
    check_shape(t);
    CHECK(t.rows == 6);
    REQUIRE(t.problem_count == 5);
    CHECK(t.problems[0].line == 4);
    CHECK(t.problems[0].column == "c");
    CHECK(t.problems[1].line == 5);
    CHECK(t.problems[1].column.empty());
    CHECK(t.problems[2].line == 8);
    CHECK(t.problems[2].column == "b");
    CHECK(t.problems[3].line == 9);
    CHECK(t.problems[4].line == 10);
    CHECK(t.problems[4].column == "b");
    for (std::size_t chunk = 1; chunk <= 7; ++chunk) CHECK(same_table(read_in_chunks(text, chunk), t));
}

TEST_CASE("csv: ragged rows", "[csv]") {
    const Table t = read_csv("a,b,c\n1,2\n3,4,5,6,7\n8,9,10\n");
    check_shape(t);
    REQUIRE(t.rows == 3);
    CHECK(column(t, "c").numbers.size() == 3);
    CHECK(std::isnan(column(t, "c").numbers[0]));
    CHECK(column(t, "c").numbers[1] == 5);
    CHECK(column(t, "c").missing == 1);
    REQUIRE(t.problem_count == 2);
    CHECK(t.problems[0].message == "expected 3 fields, found 2: the rest are missing");
    CHECK(t.problems[1].message == "expected 3 fields, found 5: the extra fields are dropped");
}

TEST_CASE("csv: problems beyond max_problems are counted, not listed", "[csv]") {
    std::string text = "a,b\n";
    for (int i = 0; i < 50; ++i) text += "1\n";
    CsvOptions options;
    options.max_problems = 5;
    const Table t = read_csv(text, options);
    CHECK(t.rows == 50);
    CHECK(t.problem_count == 50);
    CHECK(t.problems.size() == 5);
    CHECK(t.problems[4].line == 6);
}

TEST_CASE("csv: delimiter detection", "[csv]") {
    CHECK(read_csv("a,b\n1,2\n").delimiter == ',');
    CHECK(read_csv("a;b\n1;2\n").delimiter == ';');
    CHECK(read_csv("a\tb\n1\t2\n").delimiter == '\t');
    // European decimals: the header has no comma, so ';' is the only consistent candidate.
    const Table eu = read_csv("price;qty\n1,5;2\n2,25;3\n");
    CHECK(eu.delimiter == ';');
    CHECK(column(eu, "price").type == ColumnType::Categorical);  // '.' is the only decimal point
    CHECK(column(eu, "qty").type == ColumnType::Integer);
    // Commas inside quotes do not count; the tab is consistent.
    CHECK(read_csv("name\tcity\n\"Doe, J\"\t\"Paris, FR\"\nX\tY\n").delimiter == '\t');
    // A tie between ',' and ';' goes to ','.
    CHECK(read_csv("a,b;c\n1,2;3\n").delimiter == ',');
    // No candidate at all: one column, ','.
    const Table one = read_csv("value\n1\n2\n");
    CHECK(one.delimiter == ',');
    CHECK(one.columns.size() == 1);
    // The explicit option wins, and '|' can be one.
    CsvOptions pipe;
    pipe.delimiter = '|';
    const Table p = read_csv("a|b\n1|x,y\n", pipe);
    CHECK(p.delimiter == '|');
    CHECK(column(p, "b").categories == std::vector<std::string>{"x,y"});
    // The sample is the same whatever the chunks: a file whose 31st line would change the answer.
    std::string long_file = "a;b,c\n";
    for (int i = 0; i < 40; ++i) long_file += i < 29 ? "1;2,3\n" : "1;2;3;4\n";
    const Table whole = read_csv(long_file);
    for (std::size_t chunk : {1u, 2u, 3u, 5u, 64u}) CHECK(read_in_chunks(long_file, chunk).delimiter == whole.delimiter);
}

TEST_CASE("csv: BOM, blank lines, whitespace, header names", "[csv]") {
    const Table t = read_csv("\xEF\xBB\xBF x ,,x,\" x \",x_2\n\n  \n1,2,3,4,5\n\n");
    REQUIRE(t.columns.size() == 5);
    CHECK(t.columns[0].name == "x");
    CHECK(t.columns[1].name == "column_2");
    CHECK(t.columns[2].name == "x_3");  // x_2 is taken by the last column
    CHECK(t.columns[3].name == " x ");
    CHECK(t.columns[4].name == "x_2");
    CHECK(t.rows == 1);
    CHECK(t.problem_count == 0);
    for (std::size_t chunk = 1; chunk <= 4; ++chunk) CHECK(same_table(read_in_chunks("\xEF\xBB\xBFx\n1\n", chunk), read_csv("x\n1\n")));
    // Only a whole BOM is dropped.
    CHECK(read_csv("\xEF\xBBx\n1\n").columns[0].name == "\xEF\xBBx");
}

TEST_CASE("csv: without a header the first record is data", "[csv]") {
    CsvOptions options;
    options.header = false;
    const Table t = read_csv("1,a\n2,b\n", options);
    REQUIRE(t.rows == 2);
    CHECK(t.columns[0].name == "column_1");
    CHECK(t.columns[1].name == "column_2");
    CHECK(t.columns[0].numbers == std::vector<double>{1, 2});
}

TEST_CASE("csv: empty and degenerate files", "[csv]") {
    for (const char* text : {"", "\n", "\r\n\r\n", "   \n \n"}) {
        const Table t = read_csv(text);
        CHECK(t.columns.empty());
        CHECK(t.rows == 0);
        CHECK(t.problem_count == 0);
    }
    const Table h = read_csv("a,b");
    REQUIRE(h.columns.size() == 2);
    CHECK(h.rows == 0);
    CHECK(h.columns[0].type == ColumnType::Empty);
    const Table single = read_csv("v\n\"\"\n\n7");  // a quoted empty field is a value (missing), a blank line is not
    CHECK(single.rows == 2);
    CHECK(single.columns[0].missing == 1);
}

TEST_CASE("csv: NUL bytes and invalid UTF-8 are kept as bytes", "[csv]") {
    const std::string text("k,v\n\0a,1\n\xff\xfe,2\n\xe2\x82,3\n", 19);
    const Table t = read_csv(text);
    REQUIRE(t.rows == 3);
    CHECK(column(t, "k").categories == std::vector<std::string>{std::string("\0a", 2), "\xff\xfe", "\xe2\x82"});
    CHECK(column(t, "v").type == ColumnType::Integer);
}

TEST_CASE("csv: a huge quoted field in any chunks", "[csv]") {
    std::string big;
    for (int i = 0; big.size() < 300000; ++i) big += i % 97 == 0 ? "\"\"\r\n" : "abc,def;";
    const std::string text = "h,n\n\"" + big + "\",1\nsmall,2\n";
    const Table t = read_csv(text);
    REQUIRE(t.rows == 2);
    std::string unescaped;
    for (std::size_t i = 0; i < big.size(); ++i) {
        unescaped += big[i];
        if (big[i] == '"') ++i;
    }
    CHECK(column(t, "h").categories[0] == unescaped);
    double elapsed = mlwb::test::seconds([&] {
        for (std::size_t chunk : {1u, 3u, 7u, 4096u}) CHECK(same_table(read_in_chunks(text, chunk), t));
    });
    mlwb::test::note_if_slow(elapsed);
}

TEST_CASE("csv: chunk sizes 1 to 7 and random splits give the one-shot table", "[csv]") {
    std::mt19937 rng(12345);
    for (const std::string& file : nasty_files()) {
        INFO(file);
        for (const bool header : {true, false}) {
            CsvOptions options;
            options.header = header;
            const Table whole = read_csv(file, options);
            check_shape(whole);
            for (std::size_t chunk = 1; chunk <= 7; ++chunk) CHECK(same_table(read_in_chunks(file, chunk, options), whole));
            for (int round = 0; round < 20; ++round) CHECK(same_table(read_in_random_chunks(file, rng, 9, options), whole));
        }
    }
    // A bigger file with every feature, in random chunks of up to 300 bytes.
    std::string mixed = "id,price,flag,when,label,note\n";
    for (int i = 0; i < 2000; ++i) {
        mixed += std::to_string(i) + "," + std::to_string(i * 0.25) + "," + (i % 3 ? "true" : "no") + ",2024-03-" +
                 std::to_string(10 + i % 19) + "T01:02:03+01:00," + "\"l" + std::to_string(i % 17) + "\"," +
                 (i % 11 == 0 ? "\"multi\r\nline \"\"q\"\"\"" : i % 13 == 0 ? "" : "plain") + (i % 7 == 0 ? "\r\n" : "\n");
    }
    const Table whole = read_csv(mixed);
    REQUIRE(whole.rows == 2000);
    CHECK(whole.problem_count == 0);
    CHECK(column(whole, "id").type == ColumnType::Integer);
    CHECK(column(whole, "price").type == ColumnType::Numeric);
    CHECK(column(whole, "flag").type == ColumnType::Boolean);
    CHECK(column(whole, "when").type == ColumnType::Datetime);
    CHECK(column(whole, "label").type == ColumnType::Categorical);
    for (int round = 0; round < 10; ++round) CHECK(same_table(read_in_random_chunks(mixed, rng, 300), whole));
    CsvReader reader;
    reader.feed(std::string_view(mixed).substr(0, 1000));
    CHECK(reader.bytes_fed() == 1000);
    reader.feed(std::string_view(mixed).substr(1000));
    CHECK(reader.bytes_fed() == mixed.size());
    CHECK(reader.rows_read() >= 1999);
    CHECK(same_table(reader.finish(), whole));
    CHECK(reader.finish().columns.empty());  // spent
}

TEST_CASE("csv: the size hint only changes how memory is reserved", "[csv]") {
    std::string text = "a,b\n";
    for (int i = 0; i < 5000; ++i) text += std::to_string(i % 100) + "," + std::to_string(i) + ".5\n";
    CsvOptions small_hint, big_hint;
    small_hint.size_hint = 100;
    big_hint.size_hint = text.size() * 10;
    const Table t = read_in_chunks(text, 1000);
    CHECK(same_table(read_in_chunks(text, 1000, small_hint), t));
    CHECK(same_table(read_in_chunks(text, 1000, big_hint), t));
    CHECK(same_table(read_csv(text), t));
    // Long rows first, short ones after: the estimate falls short and the rest goes to blocks.
    std::string uneven = "a,b\n";
    for (int i = 0; i < 1100; ++i) uneven += "1000000000,x" + std::to_string(i % 5) + "\n";
    for (int i = 0; i < 6000; ++i) uneven += std::to_string(i % 10) + ",y\n";
    CsvOptions exact;
    exact.size_hint = uneven.size();
    const Table blocks_only = read_in_chunks(uneven, 4096);
    REQUIRE(blocks_only.rows == 7100);
    CHECK(same_table(read_in_chunks(uneven, 4096, exact), blocks_only));
    CHECK(same_table(read_csv(uneven), blocks_only));
    CHECK(column(blocks_only, "a").numbers[7099] == 9);
}

TEST_CASE("csv: more than kMaxCategories distinct texts", "[csv]") {
    std::string text = "num,word,small\n";
    for (std::size_t i = 0; i < kMaxCategories + 10; ++i) {
        text += std::to_string(i) + ".5,w" + std::to_string(i) + "," + std::to_string(i % 3) + "\n";
    }
    text += "\n";
    const Table t = read_csv(text);
    check_shape(t);
    REQUIRE(t.rows == kMaxCategories + 10);
    const Column& num = column(t, "num");
    CHECK(num.type == ColumnType::Numeric);
    CHECK(num.codes.empty());  // too many texts to be categories
    CHECK(num.categories.empty());
    CHECK(num.numbers.back() == static_cast<double>(kMaxCategories + 9) + 0.5);
    const Column& word = column(t, "word");
    CHECK(word.type == ColumnType::Text);
    CHECK(word.codes.empty());
    CHECK(word.numbers.empty());
    const Column& small = column(t, "small");
    CHECK(small.type == ColumnType::Integer);
    CHECK(small.categories == std::vector<std::string>{"0", "1", "2"});
    CHECK(small.codes.size() == t.rows);

    // Exactly kMaxCategories distinct texts are still categories.
    std::string at_limit = "c\n";
    for (std::size_t i = 0; i < kMaxCategories; ++i) at_limit += "c" + std::to_string(i) + "\n";
    const Table limit = read_csv(at_limit);
    CHECK(limit.columns[0].type == ColumnType::Categorical);
    CHECK(limit.columns[0].categories.size() == kMaxCategories);
}

TEST_CASE("csv: numbers equal strtod's on random decimal strings", "[csv]") {
    std::mt19937_64 rng(2024);
    auto digits = [&](std::size_t n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
        return s;
    };
    std::size_t checked = 0, mismatches = 0;
    for (int i = 0; i < 100000; ++i) {
        std::string s;
        const unsigned shape = rng() % 8;
        if (rng() % 4 == 0) s += rng() % 2 ? '-' : '+';
        const std::size_t int_digits = shape == 0 ? 0 : rng() % (shape < 4 ? 8 : 22);
        const std::size_t frac_digits = rng() % (shape < 6 ? 8 : 22);
        s += digits(int_digits);
        bool decimal = false;
        if (frac_digits > 0 || int_digits == 0 || rng() % 3 == 0) {
            s += '.';
            s += digits(frac_digits);
            decimal = true;
        }
        if (int_digits == 0 && frac_digits == 0) s += '7';
        if (rng() % 3 == 0) {
            s += rng() % 2 ? 'e' : 'E';
            const int e = static_cast<int>(rng() % 700) - 350;
            if (e >= 0 && rng() % 2) s += '+';
            s += std::to_string(e);
            decimal = true;
        }
        double value = 0;
        const NumberSyntax syntax = parse_csv_number(s, value);
        const double expected = std::strtod(s.c_str(), nullptr);
        ++checked;
        if (syntax != (decimal ? NumberSyntax::Decimal : NumberSyntax::Integer) || !same_bits(value, expected)) {
            ++mismatches;
            UNSCOPED_INFO(s);
        }
    }
    CHECK(checked == 100000);
    CHECK(mismatches == 0);

    // Hard cases: ties, the edges of the fast path, subnormals, overflow, many digits.
    for (const char* s : {"9007199254740993", "9007199254740992", "9007199254740991.5", "1e22", "1e23", "123456789e22",
                          "9007199254740992e15", "0.1", "0.3", "2.2250738585072011e-308", "2.2250738585072014e-308",
                          "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
                          "1.7976931348623159e308", "1e400", "1e-400", "-0", "-0.0e10", "0e999999999999", "+.5", "5.",
                          "00000000000000000000000001.5", "0.000000000000000000000000000001",
                          "123456789012345678901234567890", "1.00000000000000000000000000001",
                          "7.2057594037927933e16", "1e-22", "1e-23", "3.14159265358979323846264338327950288"}) {
        INFO(s);
        double value = 0;
        CHECK(parse_csv_number(s, value) != NumberSyntax::None);
        CHECK(same_bits(value, std::strtod(s, nullptr)));
    }
}

TEST_CASE("csv: number syntax", "[csv]") {
    double v = 0;
    CHECK(parse_csv_number("42", v) == NumberSyntax::Integer);
    CHECK(parse_csv_number("-007", v) == NumberSyntax::Integer);
    CHECK(v == -7);
    CHECK(parse_csv_number("1.", v) == NumberSyntax::Decimal);
    CHECK(parse_csv_number("1e5", v) == NumberSyntax::Decimal);
    CHECK(parse_csv_number("-Infinity", v) == NumberSyntax::Decimal);
    CHECK((std::isinf(v) && v < 0));
    CHECK(parse_csv_number("INF", v) == NumberSyntax::Decimal);
    for (const char* bad : {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "1 000", "0x10", "nan", "infinit", "1e5x",
                            " 1", "1 ", "--1", "+-1", "1d5", "١"}) {
        INFO(bad);
        v = 99;
        CHECK(parse_csv_number(bad, v) == NumberSyntax::None);
        CHECK(v == 99);
    }
}

TEST_CASE("csv: ISO 8601 date-times", "[csv]") {
    // Expected values: Python 3 datetime.fromisoformat(s).timestamp() (UTC when no offset).
    struct Case {
        const char* text;
        double seconds;
    };
    const Case cases[] = {
        {"1970-01-01", 0.0},
        {"2000-02-29", 951782400.0},
        {"2024-02-29T12:34:56Z", 1709210096.0},
        {"2024-02-29t12:34:56z", 1709210096.0},
        {"1900-03-01 00:00", -2203891200.0},
        {"0001-01-01T00:00:00Z", -62135596800.0},
        {"9999-12-31T23:59:59Z", 253402300799.0},
        {"2021-06-15T08:00:00-07:00", 1623769200.0},
        {"2021-06-15T08:00-0700", 1623769200.0},
        {"2021-06-15T08:00:00+02", 1623736800.0},
        {"1600-02-29T06:00:00-01:30", -11670971400.0},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        double s = 0;
        REQUIRE(parse_iso_datetime(c.text, s));
        CHECK(s == c.seconds);
    }
    const Case fractional[] = {
        {"2024-02-29T12:34:56.789+05:30", 1709190296.789},
        {"1969-12-31T23:59:59.5Z", -0.5},
        {"2016-12-31T23:59:59.123456Z", 1483228799.123456},
    };
    for (const Case& c : fractional) {
        INFO(c.text);
        double s = 0;
        REQUIRE(parse_iso_datetime(c.text, s));
        CHECK(s == Approx(c.seconds).margin(1e-6));
    }
    for (const char* bad : {"2023-02-29", "1900-02-29", "2021-13-01", "2021-00-10", "2021-04-31", "2021-06-15T24:00",
                            "2021-06-15T12:60", "2021-06-15T12:00:60", "2021-06-15T12", "2021-06-15T", "2021-6-15",
                            "2021-06-15T12:00:00.", "2021-06-15T12:00:00+5", "2021-06-15T12:00:00+05:3", "2021-06-15Z",
                            "20210615", "2021-06-15 ", "2021-06-15T12:00:00+24:00", "2021/06/15", "-2021-06-15"}) {
        INFO(bad);
        double s = 7;
        CHECK_FALSE(parse_iso_datetime(bad, s));
        CHECK(s == 7);
    }
    // The calendar, day by day against a plain count.
    std::int64_t day = days_from_civil(1600, 1, 1);
    for (int y = 1600; y <= 2400; ++y) {
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        const int lengths[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        for (int m = 1; m <= 12; ++m) {
            for (int d = 1; d <= lengths[m - 1]; ++d) {
                if (days_from_civil(y, m, d) != day) FAIL("days_from_civil(" << y << "," << m << "," << d << ")");
                ++day;
            }
        }
    }
    CHECK(days_from_civil(1970, 1, 1) == 0);
}

TEST_CASE("csv: column type names", "[csv]") {
    CHECK(std::string(column_type_name(ColumnType::Integer)) == "integer");
    CHECK(std::string(column_type_name(ColumnType::Numeric)) == "numeric");
    CHECK(std::string(column_type_name(ColumnType::Boolean)) == "boolean");
    CHECK(std::string(column_type_name(ColumnType::Datetime)) == "datetime");
    CHECK(std::string(column_type_name(ColumnType::Categorical)) == "categorical");
    CHECK(std::string(column_type_name(ColumnType::Text)) == "text");
    CHECK(std::string(column_type_name(ColumnType::Empty)) == "empty");
}

TEST_CASE("csv: hostile inputs finish in linear time", "[csv]") {
    const double elapsed = mlwb::test::seconds([] {
        const Table commas = read_csv(std::string(200000, ','));  // one record of 200001 fields
        CHECK(commas.columns.size() == kMaxColumns);
        CHECK(commas.problem_count == 1);
        const Table quotes = read_csv(std::string(200001, '"'));
        CHECK(quotes.problem_count == 1);
        std::string many_lines = "a,b\n";
        for (int i = 0; i < 100000; ++i) many_lines += ",,,\n";
        const Table ragged = read_csv(many_lines);
        CHECK(ragged.rows == 100000);
        CHECK(ragged.problem_count == 100000);
        CHECK(ragged.problems.size() == 200);
        CHECK(read_in_chunks(std::string(20001, '"'), 1).problem_count == 1);  // an odd count leaves the quote open
    });
    mlwb::test::note_if_slow(elapsed);
}
