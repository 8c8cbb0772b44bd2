// libFuzzer target: package.json as installed in node_modules, with the graph built over it.
#include "kaiyuan/catalog/npm/node_modules.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    kaiyuan::catalog::FileData project{"package.json", "", text};
    kaiyuan::catalog::FileData installed{"node_modules/a/package.json", "", text};
    (void)kaiyuan::catalog::npm::catalog_node_modules({&project, &installed});
    return 0;
}
