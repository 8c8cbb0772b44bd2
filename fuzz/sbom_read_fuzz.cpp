// libFuzzer target: every SBOM reader (format detection, CycloneDX JSON/XML, SPDX 2.3 JSON and
// tag-value, SPDX 3 JSON-LD, kaiyuan JSON) and the validator.
#include "kaiyuan/format/format.hpp"
#include "kaiyuan/format/validate.hpp"

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto sbom = kaiyuan::format::read(text, "fuzz");
    // Whatever a reader accepts, every writer writes, and the JSON ones write valid JSON (a
    // value read from one document is never pasted into another unchecked).
    if (sbom)
        for (auto& [f, name] : kaiyuan::format::all_formats()) {
            std::string out = kaiyuan::format::write(*sbom, f);
            if (name.ends_with("json")) {
                simdjson::dom::parser parser;
                simdjson::dom::element doc;
                if (parser.parse(out).get(doc)) std::abort();
            }
        }
    (void)kaiyuan::format::validate(text);
    return 0;
}
