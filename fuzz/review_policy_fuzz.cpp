// libFuzzer target for review policies: the input is a policy, then "\n---\n", then one
// "purl version" per line, each judged by the policy's deny-packages, deny-groups and
// allow-dependencies-licenses.
#include "kaiyuan/review/policy.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto split = in.find("\n---\n");
    auto policy = kaiyuan::review::read_review_policy(in.substr(0, split), "fuzz.yml");
    if (!policy || split == std::string_view::npos) return 0;
    std::string_view rest = in.substr(split + 5);
    while (!rest.empty()) {
        auto eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        auto space = line.find(' ');
        std::string purl(line.substr(0, space));
        std::string version(space == std::string_view::npos ? "" : line.substr(space + 1));
        (void)kaiyuan::review::denied_by(*policy, purl, version);
        (void)kaiyuan::review::is_license_exempt(*policy, purl);
        if (eol == std::string_view::npos) break;
        rest.remove_prefix(eol + 1);
    }
    return 0;
}
