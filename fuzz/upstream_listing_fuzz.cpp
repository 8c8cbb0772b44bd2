// libFuzzer target for the answers registries and pages give (listing.hpp): the first byte
// picks the kind whose reader runs on the rest; the versions read are then cleaned and judged
// as upstream check judges them.
#include "kaiyuan/upstream/check.hpp"
#include "kaiyuan/upstream/listing.hpp"

#include <cstddef>
#include <cstdint>

using kaiyuan::upstream::UpstreamKind;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr UpstreamKind kinds[] = {
        UpstreamKind::pypi,        UpstreamKind::rubygem,   UpstreamKind::metacpan,
        UpstreamKind::npm,         UpstreamKind::cratesio,  UpstreamKind::maven,
        UpstreamKind::go,          UpstreamKind::packagist, UpstreamKind::nuget,
        UpstreamKind::hg,          UpstreamKind::gnu_ftp,   UpstreamKind::ftp,
        UpstreamKind::sourceforge, UpstreamKind::regex,
    };
    if (size == 0) return 0;
    kaiyuan::upstream::UpstreamDescription d;
    d.kind = kinds[data[0] % std::size(kinds)];
    d.src_repo = "monolog/monolog";
    d.regex = R"(href="[^"]*-([0-9][0-9.]*)\.tar)";
    auto listed = kaiyuan::upstream::read_listing(
        d, std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
    if (!listed) return 0;
    kaiyuan::upstream::PackagedSource pkg;
    pkg.name = "fuzz";
    pkg.version = "1.0";
    pkg.ecosystem = "npm";
    pkg.upstream = d;
    (void)kaiyuan::upstream::judge(pkg, *listed);
    return 0;
}
