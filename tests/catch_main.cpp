// Catch2's main, alone in its file so the slow single header is compiled once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
