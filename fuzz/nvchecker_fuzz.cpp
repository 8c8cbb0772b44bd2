// libFuzzer target for nvchecker configuration files (nvchecker.hpp): the packages read, their
// list options compiled as tag rules, and the oldver reader on the same bytes.
#include "kaiyuan/upstream/nvchecker.hpp"
#include "kaiyuan/upstream/tags.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<kaiyuan::model::Diagnostic> diagnostics;
    // A path that names no oldver file beside it: only the configuration's bytes are read.
    auto packages = kaiyuan::upstream::read_nvchecker(text, "/nonexistent/fuzz.toml", diagnostics);
    if (packages)
        for (const auto& p : *packages)
            if (p.upstream) {
                kaiyuan::upstream::TagCleaner cleaner(*p.upstream);
                (void)cleaner.clean("v1.2.3");
            }
    (void)kaiyuan::upstream::read_nvchecker_versions(text);
    return 0;
}
