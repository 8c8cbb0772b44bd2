// libFuzzer target: the dpkg status parser (any bytes in, never a crash).
#include "kaiyuan/catalog/dpkg/status.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)kaiyuan::catalog::dpkg::parse_status(text, {"var/lib/dpkg/status", "", 0});
    return 0;
}
