// The product and package names openEuler's CSAF and CVRF documents share: products are
// "openEuler-<release>" (CPE cpe:/a:openEuler:openEuler:<release>), packages are rpm file names
// "name-version-release.arch[.rpm]".
#include "kaiyuan/vuln/openeuler.hpp"

#include <string>

namespace kaiyuan::vuln {

namespace {

struct Nevra {
    std::string name, version_release;
};

/// "vim-X11-9.0-33.oe2203sp3.aarch64" -> {vim-X11, 9.0-33.oe2203sp3}; "" name when not an rpm
/// file name.
Nevra split(std::string_view s) {
    if (s.ends_with(".rpm")) s.remove_suffix(4);
    auto arch = s.rfind('.');
    if (arch == std::string_view::npos) return {};
    s = s.substr(0, arch);
    auto rel = s.rfind('-');
    if (rel == std::string_view::npos || rel == 0) return {};
    auto ver = s.rfind('-', rel - 1);
    if (ver == std::string_view::npos || ver == 0) return {};
    return {std::string(s.substr(0, ver)), std::string(s.substr(ver + 1))};
}

std::string ecosystem_of(std::string_view product) {
    constexpr std::string_view prefix = "openEuler-";
    if (product.starts_with(prefix)) product.remove_prefix(prefix.size());
    return "openEuler:" + std::string(product);
}

Affected& entry(Advisory& advisory, const std::string& ecosystem, const std::string& name) {
    for (auto& a : advisory.affected)
        if (a.ecosystem == ecosystem && a.name == name) return a;
    Affected a;
    a.ecosystem = ecosystem;
    a.name = name;
    a.purl = "pkg:rpm/openeuler/" + name;
    advisory.affected.push_back(std::move(a));
    return advisory.affected.back();
}

} // namespace

void add_openeuler_fix(Advisory& advisory, std::string_view product, std::string_view nevra) {
    Nevra n = split(nevra);
    if (n.name.empty()) return;
    Affected& a = entry(advisory, ecosystem_of(product), n.name);
    if (!a.ranges.empty()) {
        // Several arches of one package: the same fix; keep the lowest fixed version-release.
        for (auto& ev : a.ranges.front().events)
            if (ev.kind == RangeEvent::Kind::fixed) return;
        a.ranges.front().events.push_back({RangeEvent::Kind::fixed, n.version_release});
        return;
    }
    a.ranges.push_back(
        {"ECOSYSTEM",
         {},
         {{RangeEvent::Kind::introduced, "0"}, {RangeEvent::Kind::fixed, n.version_release}}});
}

void add_openeuler_affected(Advisory& advisory, std::string_view product, std::string_view nevra) {
    Nevra n = split(nevra);
    if (n.name.empty()) return;
    Affected& a = entry(advisory, ecosystem_of(product), n.name);
    if (a.ranges.empty())
        a.ranges.push_back({"ECOSYSTEM", {}, {{RangeEvent::Kind::introduced, "0"}}});
}

} // namespace kaiyuan::vuln
