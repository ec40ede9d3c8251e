// Builds without C++ exceptions (the wasm app) make Boost call this instead of throwing.
// The error policies set in CMakeLists.txt (errno_on_error) mean Boost.Math reports domain
// and overflow problems as NaN/inf rather than reaching here; callers validate inputs first.
// If it is ever reached, stopping is the only safe thing left to do.
#include <boost/config.hpp>

#ifdef BOOST_NO_EXCEPTIONS
#include <boost/assert/source_location.hpp>
#include <cstdlib>
#include <exception>

namespace boost {
[[noreturn]] void throw_exception(std::exception const&) { std::abort(); }
[[noreturn]] void throw_exception(std::exception const&, boost::source_location const&) { std::abort(); }
}  // namespace boost
#endif
