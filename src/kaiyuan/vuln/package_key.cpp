#include "kaiyuan/vuln/package_key.hpp"

#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/vuln/database.hpp"

namespace kaiyuan::vuln {

namespace {

/// purl type -> OSV ecosystem (https://ossf.github.io/osv-schema/#affectedpackage-field).
std::string language_ecosystem(std::string_view type) {
    static constexpr std::pair<std::string_view, std::string_view> table[] = {
        {"npm", "npm"},         {"pypi", "PyPI"},          {"golang", "Go"},
        {"cargo", "crates.io"}, {"maven", "Maven"},        {"gem", "RubyGems"},
        {"nuget", "NuGet"},     {"composer", "Packagist"}, {"pub", "Pub"},
        {"hex", "Hex"},         {"swift", "SwiftURL"},     {"conan", "ConanCenter"},
        {"cran", "CRAN"},       {"hackage", "Hackage"},    {"bitnami", "Bitnami"}};
    for (auto [t, e] : table)
        if (t == type) return std::string(e);
    return {};
}

/// purl namespace of a distribution package -> OSV ecosystem.
std::string distro_ecosystem(std::string_view type, std::string_view ns) {
    if (type == "deb") return ns == "ubuntu" ? "Ubuntu" : ns == "debian" ? "Debian" : "";
    if (type == "apk") return ns == "alpine" ? "Alpine" : ns == "wolfi" ? "Wolfi" : "";
    if (type == "rpm") {
        static constexpr std::pair<std::string_view, std::string_view> table[] = {
            {"openeuler", "openEuler"}, {"almalinux", "AlmaLinux"},   {"rocky", "Rocky Linux"},
            {"redhat", "Red Hat"},      {"opensuse", "openSUSE"},     {"suse", "SUSE"},
            {"mageia", "Mageia"},       {"azurelinux", "Azure Linux"}};
        for (auto [n, e] : table)
            if (n == ns) return std::string(e);
    }
    return {};
}

/// The release an advisory ecosystem names, from os-release facts: Debian "12", AlmaLinux and
/// Rocky the major version, Alpine "v3.19", openEuler "24.03-LTS-SP1" (VERSION_ID plus the
/// parenthesised part of PRETTY_NAME, "openEuler 24.03 (LTS-SP1)").
std::string release_of(std::string_view ecosystem, const model::Distro& d) {
    std::string v = d.version_id;
    if (ecosystem == "AlmaLinux" || ecosystem == "Rocky Linux" || ecosystem == "Red Hat")
        return v.substr(0, v.find('.'));
    if (ecosystem == "Alpine") {
        auto second = v.find('.', v.find('.') + 1);
        return "v" + v.substr(0, second);
    }
    if (ecosystem == "openEuler") {
        auto open = d.pretty_name.find('(');
        auto close = d.pretty_name.find(')', open);
        if (open != std::string::npos && close != std::string::npos)
            return v + "-" + d.pretty_name.substr(open + 1, close - open - 1);
    }
    return v;
}

/// "distro=debian-12" -> "12"; from an SBOM that carries no os-release.
std::string release_from_purl(const model::Purl& p) {
    auto it = p.qualifiers.find("distro");
    if (it == p.qualifiers.end()) return {};
    auto dash = it->second.rfind('-');
    return dash == std::string::npos ? std::string() : it->second.substr(dash + 1);
}

} // namespace

std::string normalize_repository_url(std::string_view url) {
    url = util::trim(url);
    if (url.starts_with("git+")) url.remove_prefix(4);
    if (auto scheme = url.find("://"); scheme != std::string_view::npos) {
        url.remove_prefix(scheme + 3);
        auto at = url.find('@'), slash = url.find('/');
        if (at != std::string_view::npos && (slash == std::string_view::npos || at < slash))
            url.remove_prefix(at + 1);
    } else if (auto at = url.find('@'); at != std::string_view::npos && at < url.find(':')) {
        url.remove_prefix(at + 1); // scp-like "git@host:path"
    }
    std::string out = util::to_lower(url);
    // "host:path" (scp-like) and "host:port/path" both become "host/path".
    if (auto colon = out.find(':'); colon != std::string::npos) {
        auto end = colon + 1;
        while (end < out.size() && out[end] >= '0' && out[end] <= '9')
            ++end;
        bool port = end > colon + 1 && (end == out.size() || out[end] == '/');
        out.erase(colon, port ? end - colon : 1);
        if (!port && colon < out.size() && out[colon] != '/') out.insert(colon, "/");
    }
    while (out.ends_with('/'))
        out.pop_back();
    if (out.ends_with(".git")) out.resize(out.size() - 4);
    return out;
}

std::vector<PackageKey> package_keys(const model::Component& c, const model::Distro& distro) {
    std::vector<PackageKey> keys;
    auto commit = c.properties.find(model::k_commit_property);
    auto repo = c.properties.find(model::k_repository_property);
    if (commit != c.properties.end() && repo != c.properties.end())
        keys.push_back(
            {k_git_ecosystem, {}, normalize_repository_url(repo->second), commit->second});
    auto purl = model::Purl::parse(c.purl);
    if (!purl) return keys;
    if (std::string eco = language_ecosystem(purl->type); !eco.empty()) {
        std::string name = purl->name;
        if (!purl->namespace_.empty())
            name = purl->namespace_ + (purl->type == "maven" ? ":" : "/") + purl->name;
        std::string version = purl->version.empty() ? c.version : purl->version;
        if (version.empty()) return keys;
        keys.push_back({eco, {}, normalize_package_name(eco, name), version});
        return keys;
    }
    std::string eco = distro_ecosystem(purl->type, purl->namespace_);
    if (eco.empty()) return keys;
    std::string release;
    if (!distro.empty() &&
        distro_ecosystem(purl->type, distro.id == "rhel" ? "redhat" : distro.id) == eco)
        release = release_of(eco, distro);
    else
        release = release_from_purl(*purl);
    if (eco == "AlmaLinux" || eco == "Rocky Linux") release = release.substr(0, release.find('.'));
    std::string version = c.version;
    if (purl->type == "rpm") {
        auto epoch = c.properties.find("kaiyuan:rpm:epoch");
        std::string e = epoch != c.properties.end() ? epoch->second : "";
        if (auto q = purl->qualifiers.find("epoch"); e.empty() && q != purl->qualifiers.end())
            e = q->second;
        // The component's version carries the epoch already when kaiyuan wrote it ("2:3.0-1");
        // an SBOM from another tool may give it only as a property or purl qualifier.
        if (!e.empty() && e != "0" && version.find(':') == std::string::npos)
            version = e + ":" + version;
    }
    if (purl->type == "deb") {
        // Debian advisories name source packages and their versions.
        std::string name = c.source_name.empty() ? c.name : c.source_name;
        std::string v = c.source_version.empty() ? c.version : c.source_version;
        keys.push_back({eco, release, name, v});
        return keys;
    }
    if (!c.source_name.empty() && c.source_name != c.name)
        keys.push_back({eco, release, c.source_name, version});
    keys.push_back({eco, release, c.name, version});
    return keys;
}

bool ecosystem_applies(std::string_view stored, const PackageKey& key) {
    auto colon = stored.find(':');
    std::string_view base = stored.substr(0, colon);
    if (base != key.ecosystem) return false;
    if (colon == std::string_view::npos) return true; // no release: every release
    std::string_view release = stored.substr(colon + 1);
    if (key.release.empty()) return true;
    if (release == key.release) return true;
    // "24.03" known, "24.03-LTS-SP1" stored; Ubuntu's "22.04:LTS".
    return release.starts_with(key.release) &&
           (release[key.release.size()] == '-' || release[key.release.size()] == ':');
}

} // namespace kaiyuan::vuln
