// libFuzzer target: yarn.lock, classic v1 and berry.
#include "kaiyuan/catalog/npm/yarn_lock.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    kaiyuan::catalog::npm::PackageJson project;
    project.name = "p";
    project.dependencies = {{"a", "^1"}};
    project.resolutions = {{"**/a", "1.0.0"}};
    (void)kaiyuan::catalog::npm::parse_yarn_lock(text, {"yarn.lock", "", 0}, project);
    return 0;
}
