// libFuzzer target: rpm header blobs, and whole .rpm files.
#include "kaiyuan/catalog/rpm/header.hpp"
#include "kaiyuan/catalog/rpm/rpm_file.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)kaiyuan::catalog::rpm::parse_header_blob(bytes);
    (void)kaiyuan::catalog::rpm::parse_rpm_file(bytes);
    return 0;
}
