// libFuzzer target for license and copyright detection: any bytes as a file's text.
#include "kaiyuan/license/copyright.hpp"
#include "kaiyuan/license/detector.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)kaiyuan::license::detect_licenses(text);
    (void)kaiyuan::license::find_copyrights(text);
    return 0;
}
