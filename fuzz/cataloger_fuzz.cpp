// libFuzzer target for one registered cataloger, chosen at build time by KAIYUAN_FUZZ_CATALOGER
// (its registry name). The input becomes a file at a path the cataloger's first glob matches,
// and goes through the same entry point a scan uses.
#include "kaiyuan/catalog/engine/registry.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

const kaiyuan::catalog::Cataloger& chosen() {
    static const auto all = kaiyuan::catalog::all_catalogers();
    for (const auto& c : all)
        if (c->name() == KAIYUAN_FUZZ_CATALOGER) return *c;
    std::abort(); // a build mistake: the CMake list names a cataloger that does not exist
}

// "**/*.dist-info/METADATA" -> "site/x.dist-info/METADATA".
std::string sample_path(std::string glob) {
    if (glob.starts_with("**/")) glob = "site/" + glob.substr(3);
    for (auto& ch : glob)
        if (ch == '*') ch = 'x';
    return glob;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& cataloger = chosen();
    // Catalogers of executables have no globs: they take any file with their magic.
    static const std::string path =
        cataloger.globs().empty() ? "bin/app" : sample_path(cataloger.globs().front());
    kaiyuan::catalog::FileData file{path, "",
                                    std::string(reinterpret_cast<const char*>(data), size)};
    kaiyuan::catalog::Environments envs;
    (void)cataloger.catalog({&file}, envs);
    return 0;
}
