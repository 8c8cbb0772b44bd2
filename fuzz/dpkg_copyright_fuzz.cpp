// libFuzzer target: Debian copyright files (machine-readable and free-form).
#include "kaiyuan/catalog/dpkg/copyright.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)kaiyuan::catalog::dpkg::copyright_licenses({reinterpret_cast<const char*>(data), size});
    return 0;
}
