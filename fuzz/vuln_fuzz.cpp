// libFuzzer targets for the advisory and VEX readers, one per KAIYUAN_FUZZ_PARSER: osv_json,
// osv_yaml, openeuler_csaf, openeuler_cvrf, vex. Whatever a reader accepts must also survive
// being stored as OSV JSON and read back, and scored.
#include "kaiyuan/vuln/cvss.hpp"
#include "kaiyuan/vuln/openeuler.hpp"
#include "kaiyuan/vuln/osv_json.hpp"
#include "kaiyuan/vuln/vex.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void exercise(const kaiyuan::vuln::Advisory& a) {
    auto again = kaiyuan::vuln::read_osv_json(kaiyuan::vuln::to_osv_json(a));
    if (!again || again->size() != 1) __builtin_trap(); // what is stored must read back
    for (const auto& s : a.severity)
        (void)kaiyuan::vuln::cvss_base(s.score);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kaiyuan::vuln;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string_view parser = KAIYUAN_FUZZ_PARSER;
    if (parser == "osv_json" || parser == "osv_yaml") {
        auto r = parser == "osv_json" ? read_osv_json(text) : read_osv_yaml(text);
        if (r)
            for (const auto& a : *r)
                exercise(a);
    } else if (parser == "openeuler_csaf") {
        if (auto a = read_openeuler_csaf(text)) exercise(*a);
    } else if (parser == "openeuler_cvrf") {
        if (auto a = read_openeuler_cvrf(text)) exercise(*a);
    } else if (parser == "vex") {
        (void)read_vex(text, "fuzz");
        (void)cvss_base(text.substr(0, 256));
    }
    return 0;
}
