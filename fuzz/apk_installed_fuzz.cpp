// libFuzzer target: Alpine's lib/apk/db/installed.
#include "kaiyuan/catalog/apk/installed.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)kaiyuan::catalog::apk::parse_installed({reinterpret_cast<const char*>(data), size},
                                                 {"installed", "", 0});
    return 0;
}
