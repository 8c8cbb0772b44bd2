// libFuzzer target for openEuler-Advisor upstream-info files: the description, then its tag
// rules compiled and run on its recorded tags, and each version's stability and order.
#include "kaiyuan/upstream/description.hpp"
#include "kaiyuan/upstream/tags.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<kaiyuan::model::Diagnostic> diagnostics;
    auto d = kaiyuan::upstream::read_upstream_info(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml", diagnostics);
    if (!d) return 0;
    kaiyuan::upstream::TagCleaner cleaner(*d);
    std::vector<std::string> versions;
    for (const auto& [date, tag] : d->recorded_tags)
        if (auto v = cleaner.clean(tag)) {
            (void)kaiyuan::upstream::stability(*v);
            (void)kaiyuan::upstream::advisor_accepts(*v);
            versions.push_back(*v);
        }
    if (!versions.empty()) (void)kaiyuan::upstream::newest_in_series(versions, versions.front());
    return 0;
}
