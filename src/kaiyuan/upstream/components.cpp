#include "kaiyuan/upstream/components.hpp"

#include "kaiyuan/model/purl.hpp"

#include <map>
#include <set>

namespace kaiyuan::upstream {
namespace {

struct Registry {
    std::string_view purl_type;
    UpstreamKind kind;
    std::string_view ecosystem;
};
constexpr Registry registries[] = {
    {"pypi", UpstreamKind::pypi, "PyPI"},
    {"npm", UpstreamKind::npm, "npm"},
    {"cargo", UpstreamKind::cratesio, "crates.io"},
    {"gem", UpstreamKind::rubygem, "RubyGems"},
    {"maven", UpstreamKind::maven, "Maven"},
    {"golang", UpstreamKind::go, "Go"},
    {"composer", UpstreamKind::packagist, "Packagist"},
    {"nuget", UpstreamKind::nuget, "NuGet"},
    {"cpan", UpstreamKind::metacpan, ""},
};

/// The name the registry knows the package by.
std::string registry_name(const model::Purl& p, UpstreamKind kind) {
    switch (kind) {
    case UpstreamKind::maven:
        return p.namespace_.empty() ? std::string() : p.namespace_ + ":" + p.name;
    case UpstreamKind::metacpan: // pkg:cpan/AUTHOR/Dist-Name: the distribution
        return p.name;
    default:
        return p.namespace_.empty() ? p.name : p.namespace_ + "/" + p.name;
    }
}

} // namespace

void add_components(PackageSet& set, const model::Sbom& sbom, const std::string& label) {
    std::map<std::string, std::size_t> without_registry; // purl type -> count
    std::size_t without_purl = 0;
    std::set<std::string> seen;
    for (const auto& c : sbom.components) {
        if (c.purl.empty()) {
            ++without_purl;
            continue;
        }
        auto purl = model::Purl::parse(c.purl);
        if (!purl) {
            model::Diagnostic d;
            d.severity = model::Severity::warning;
            d.location.path = label;
            d.message = c.name + ": package URL '" + c.purl + "': " + purl.error().message;
            set.diagnostics.push_back(std::move(d));
            continue;
        }
        const Registry* r = nullptr;
        for (const auto& candidate : registries)
            if (candidate.purl_type == purl->type) r = &candidate;
        if (!r) {
            ++without_registry[purl->type];
            continue;
        }
        std::string name = registry_name(*purl, r->kind);
        std::string version = purl->version.empty() ? c.version : purl->version;
        // Go's versions carry a 'v' the proxy's list has too; listing.cpp compares without it.
        if (r->kind == UpstreamKind::go && version.starts_with("v")) version.erase(0, 1);
        if (name.empty() || !seen.insert(purl->type + " " + name + " " + version).second) continue;
        PackagedSource pkg;
        pkg.name = name;
        pkg.version = version;
        pkg.ecosystem = std::string(r->ecosystem);
        pkg.upstream_file = label;
        UpstreamDescription d;
        d.package = name;
        d.file = label;
        d.kind = r->kind;
        d.kind_as_written = purl->type;
        d.src_repo = name;
        pkg.upstream = std::move(d);
        set.packages.push_back(std::move(pkg));
    }
    if (!without_registry.empty() || without_purl) {
        std::string counts;
        for (const auto& [type, n] : without_registry)
            counts += (counts.empty() ? "" : ", ") + type + ": " + std::to_string(n);
        if (without_purl)
            counts += (counts.empty() ? "" : ", ") + std::string("no package URL: ") +
                      std::to_string(without_purl);
        model::Diagnostic d;
        d.severity = model::Severity::info;
        d.location.path = label;
        d.message = "components with no registry to ask are not checked (" + counts + ")";
        set.diagnostics.push_back(std::move(d));
    }
}

} // namespace kaiyuan::upstream
