#include "kaiyuan/catalog/engine/ownership.hpp"

#include <string_view>
#include <unordered_map>

namespace kaiyuan::catalog {

namespace {

bool is_os_package(const model::Component& c) {
    return c.package_type == "deb" || c.package_type == "rpm" || c.package_type == "apk";
}

/// The root (as a tree path prefix, "" or "rootfs/") of the package database a component was
/// read from: what its absolute file names are relative to.
std::string root_of(const model::Component& c) {
    if (c.locations.empty()) return {};
    std::string_view path = c.locations.front().path;
    for (std::string_view db : {"var/lib/dpkg/", "var/lib/rpm/", "usr/lib/sysimage/rpm/",
                                "usr/share/rpm/", "lib/apk/db/"}) {
        auto at = path.find(db);
        if (at != std::string_view::npos && (at == 0 || path[at - 1] == '/'))
            return std::string(path.substr(0, at));
    }
    return {};
}

} // namespace

std::size_t relate_owned_packages(model::Sbom& sbom) {
    bool any_language = false, any_files = false;
    for (const auto& c : sbom.components) {
        if (!is_os_package(c) && !c.locations.empty()) any_language = true;
        if (is_os_package(c) && !c.files.empty()) any_files = true;
    }
    if (!any_language || !any_files) return 0;
    // Owned file (tree path) -> owner. A file two packages list (dpkg diversions, directories)
    // keeps its first owner, in component order, so the result is deterministic.
    std::unordered_map<std::string, std::size_t> owner;
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        const auto& c = sbom.components[i];
        if (!is_os_package(c) || c.files.empty()) continue;
        std::string root = root_of(c);
        for (const auto& f : c.files) {
            std::string_view file = f;
            while (file.starts_with('/'))
                file.remove_prefix(1);
            owner.emplace(root + std::string(file), i);
        }
    }
    std::size_t related = 0;
    for (auto& c : sbom.components) {
        if (is_os_package(c)) continue;
        for (const auto& loc : c.locations) {
            auto it = owner.find(loc.path);
            if (it == owner.end()) continue;
            const model::Component& os = sbom.components[it->second];
            c.properties[model::k_owned_by_property] = os.purl.empty() ? os.name : os.purl;
            sbom.relationships.push_back({os.id, c.id, model::RelationshipType::contains});
            ++related;
            break;
        }
    }
    return related;
}

} // namespace kaiyuan::catalog
