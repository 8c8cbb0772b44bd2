// libFuzzer target: npm package-lock.json / npm-shrinkwrap.json (v1, v2, v3).
#include "kaiyuan/catalog/npm/package_lock.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)kaiyuan::catalog::npm::parse_package_lock(text, {"package-lock.json", "", 0});
    (void)kaiyuan::catalog::npm::checksum_from_integrity(text);
    return 0;
}
