#include <catch2/catch.hpp>

#include <cstring>

#include "number_field.hpp"
#include "util/parse.hpp"

using mlwb::ui::NumberField;

TEST_CASE("what people type is read as a number or refused", "[ui][field]") {
    double v = 0;
    CHECK(mlwb::parse_user_number("0.1", v));
    CHECK(v == 0.1);
    CHECK(mlwb::parse_user_number(" 10% ", v));
    CHECK(v == 0.1);
    CHECK(mlwb::parse_user_number(".05", v));
    CHECK(v == 0.05);
    CHECK(mlwb::parse_user_number("1e-3", v));
    for (const char* bad : {"", " ", "abc", "0.1.2", "inf", "nan", "0x1p-3", "1e999", "5%%", "%"})
        CHECK_FALSE(mlwb::parse_user_number(bad, v));
}

TEST_CASE("a rejected value leaves the state alone and says why", "[ui][field]") {
    NumberField f;
    double value = 0.5;
    auto in_unit = [](double c) { return c > 0 && c < 1 ? std::string() : std::string("between 0 and 1"); };
    mlwb::ui::sync_number_field(f, value);
    CHECK(std::strcmp(f.text, "0.5") == 0);
    std::strcpy(f.text, "2");
    CHECK_FALSE(mlwb::ui::commit_number_text(f, value, in_unit));
    CHECK(value == 0.5);
    CHECK(f.error == "between 0 and 1");
    // The state did not change, so syncing keeps the user's text and message visible.
    mlwb::ui::sync_number_field(f, 0.5);
    CHECK(std::strcmp(f.text, "2") == 0);
    std::strcpy(f.text, "0.25");
    CHECK(mlwb::ui::commit_number_text(f, value, in_unit));
    CHECK(value == 0.25);
    CHECK(f.error.empty());
    // A change from elsewhere (a link) replaces text and message.
    std::strcpy(f.text, "oops");
    mlwb::ui::commit_number_text(f, value, in_unit);
    mlwb::ui::sync_number_field(f, 0.75);
    CHECK(std::strcmp(f.text, "0.75") == 0);
    CHECK(f.error.empty());
}
