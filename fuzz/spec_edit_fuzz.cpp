// libFuzzer target for the spec edits of an upgrade (spec_edit.hpp): Version set, Release
// reset and a %changelog entry added to any text; the strip level read from it.
#include "kaiyuan/upstream/patch_check.hpp"
#include "kaiyuan/upstream/spec_edit.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)kaiyuan::upstream::patch_strip_level(text);
    auto edited = kaiyuan::upstream::set_version(text, "1.3.1");
    if (edited)
        (void)kaiyuan::upstream::add_changelog(
            *edited, {"Fri Dec 04 2026", "P <p@x>", "1.3.1-1", {"update to 1.3.1"}});
    return 0;
}
