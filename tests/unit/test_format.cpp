#include <catch2/catch.hpp>

#include <cstdlib>
#include <limits>

#include "util/format.hpp"

TEST_CASE("shortest round-trip formatting", "[format]") {
    CHECK(mlwb::format_shortest(0.1) == "0.1");
    CHECK(mlwb::format_shortest(1.0 / 3.0) == "0.3333333333333333");
    CHECK(mlwb::format_shortest(1e-300) == "1e-300");
    CHECK(mlwb::format_shortest(20000) == "20000");  // as typed, not 2e+04
    CHECK(mlwb::format_shortest(-3) == "-3");
    CHECK(mlwb::format_shortest(1e300) == "1e+300");
    for (double v : {0.1 + 0.2, 123456.789, 5e-324, 1.7976931348623157e308})
        CHECK(std::strtod(mlwb::format_shortest(v).c_str(), nullptr) == v);
}

TEST_CASE("grouped integers", "[format]") {
    CHECK(mlwb::format_grouped(0) == "0");
    CHECK(mlwb::format_grouped(999) == "999");
    CHECK(mlwb::format_grouped(14751) == "14,751");
    CHECK(mlwb::format_grouped(-1234567) == "-1,234,567");
    CHECK(mlwb::format_grouped(std::numeric_limits<std::int64_t>::min()) == "-9,223,372,036,854,775,808");
}
