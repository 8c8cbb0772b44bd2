// libFuzzer target for license policy files (YAML or JSON) and the SPDX expressions judged by
// them: the input is a policy, then "\n---\n", then one expression per line.
#include "kaiyuan/license/policy.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto split = in.find("\n---\n");
    auto policy = kaiyuan::license::read_policy(in.substr(0, split), "fuzz.yaml");
    if (!policy || split == std::string_view::npos) return 0;
    std::string_view rest = in.substr(split + 5);
    while (!rest.empty()) {
        auto eol = rest.find('\n');
        auto e = kaiyuan::model::LicenseExpression::parse(rest.substr(0, eol));
        if (e) (void)kaiyuan::license::evaluate(*policy, e->simplified());
        if (eol == std::string_view::npos) break;
        rest.remove_prefix(eol + 1);
    }
    return 0;
}
