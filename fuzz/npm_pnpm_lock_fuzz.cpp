// libFuzzer target: pnpm-lock.yaml (v5, v6, v9), through the YAML reader and its yaml-cpp fallback.
#include "kaiyuan/catalog/npm/pnpm_lock.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)kaiyuan::catalog::npm::parse_pnpm_lock(text, {"pnpm-lock.yaml", "", 0});
    return 0;
}
