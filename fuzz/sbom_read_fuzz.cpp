// libFuzzer target: every SBOM reader (format detection, CycloneDX JSON/XML, SPDX 2.3 JSON and
// tag-value, SPDX 3 JSON-LD, kaiyuan JSON) and the validator.
#include "kaiyuan/format/format.hpp"
#include "kaiyuan/format/validate.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto sbom = kaiyuan::format::read(text, "fuzz");
    if (sbom)
        for (auto& [f, name] : kaiyuan::format::all_formats())
            (void)kaiyuan::format::write(*sbom, f);
    (void)kaiyuan::format::validate(text);
    return 0;
}
