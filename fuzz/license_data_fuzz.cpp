// libFuzzer target for SPDX's machine-readable license list (--license-data): the first byte
// chooses the file read (licenses.json, exceptions.json, or a details file of either), the rest
// is its content.
#include "kaiyuan/license/license_data.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kaiyuan::license::ListKind;
    if (size == 0) return 0;
    std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
    ListKind kind = (data[0] & 1) ? ListKind::exceptions : ListKind::licenses;
    if (data[0] & 2)
        (void)kaiyuan::license::parse_license_details(in, kind);
    else
        (void)kaiyuan::license::parse_license_list_index(in, kind, "fuzz.json");
    return 0;
}
