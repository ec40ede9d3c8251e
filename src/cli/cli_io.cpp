#include "cli_io.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace mlwb::cli {

int fail(const std::string& message) {
    std::cerr << "mlwb: " << message << "\n";
    return 2;
}

bool read_all(const std::string& path, std::string& out) {
    if (path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), {});
        return true;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}

bool write_all(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    if (!f) return false;
    f << text;
    return static_cast<bool>(f);
}

}  // namespace mlwb::cli
