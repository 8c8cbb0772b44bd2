// libFuzzer target: .deb files (ar + control.tar through libarchive).
#include "kaiyuan/catalog/dpkg/deb_file.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)kaiyuan::catalog::dpkg::parse_deb({reinterpret_cast<const char*>(data), size});
    return 0;
}
