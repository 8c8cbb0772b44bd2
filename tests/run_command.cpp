#include "run_command.hpp"

#include <array>
#include <cstdio>

namespace kaiyuan::test {

std::string run_command(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return "failed: " + command;
    std::array<char, 256> buf{};
    while (std::fgets(buf.data(), static_cast<int>(buf.size()), p))
        out += buf.data();
    if (::pclose(p) != 0) return "failed: " + command;
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

} // namespace kaiyuan::test
