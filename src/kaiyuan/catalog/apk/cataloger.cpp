#include "kaiyuan/catalog/apk/cataloger.hpp"

#include "kaiyuan/catalog/apk/installed.hpp"
#include "kaiyuan/catalog/os/os_release.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/model/purl.hpp"

#include <unordered_map>

namespace kaiyuan::catalog::apk {

namespace {
// "so:libc.musl-x86_64.so.1", "cmd:sh=1.36", "busybox>=1.0", "!conflict" -> the name part.
std::string dependency_name(std::string_view d) {
    if (d.starts_with('!')) return {};
    auto end = d.find_first_of("=<>~");
    return std::string(d.substr(0, end));
}
} // namespace

CatalogResult ApkCataloger::catalog(const std::vector<const FileData*>& files,
                                    const Environments& envs) const {
    CatalogResult result;
    for (const FileData* f : files) {
        auto db = parse_installed(f->data, f->location());
        for (auto& d : db.diagnostics)
            result.diagnostics.push_back(std::move(d));
        const model::Distro& distro = envs.for_path(f->path).distro;
        std::unordered_map<std::string, std::string> provider;
        std::vector<std::string> ids;
        for (auto& pkg : db.packages) {
            model::Component c;
            c.package_type = "apk";
            c.name = pkg.name;
            c.version = pkg.version;
            c.arch = pkg.arch;
            c.source_name = pkg.origin.empty() ? pkg.name : pkg.origin;
            c.supplier = pkg.maintainer;
            c.description = pkg.description;
            c.homepage = pkg.url;
            c.license_declared = model::to_spdx_expression(pkg.license, model::LicenseDialect::apk);
            if (!pkg.license.empty()) c.properties["kaiyuan:license:raw"] = pkg.license;
            if (!pkg.commit.empty()) c.properties["kaiyuan:apk:commit"] = pkg.commit;
            if (!pkg.checksum.empty()) c.properties["kaiyuan:apk:checksum"] = pkg.checksum;
            c.files = pkg.files;
            model::Location where = f->location();
            where.line = pkg.line;
            c.locations.push_back(where);
            model::Purl purl;
            purl.type = "apk";
            purl.namespace_ = distro.id.empty() ? "alpine" : distro.id;
            purl.name = pkg.name;
            purl.version = pkg.version;
            purl.qualifiers["arch"] = pkg.arch;
            purl.qualifiers["distro"] = os::distro_qualifier(distro);
            if (!pkg.origin.empty() && pkg.origin != pkg.name)
                purl.qualifiers["upstream"] = pkg.origin;
            c.purl = purl.to_string();
            model::assign_id(c);
            provider.emplace(pkg.name, c.id);
            for (auto& p : pkg.provides)
                provider.emplace(dependency_name(p), c.id);
            ids.push_back(c.id);
            result.components.push_back(std::move(c));
        }
        for (std::size_t i = 0; i < db.packages.size(); ++i)
            for (auto& d : db.packages[i].depends)
                if (auto it = provider.find(dependency_name(d)); it != provider.end())
                    result.relationships.push_back(
                        {ids[i], it->second, model::RelationshipType::depends_on});
    }
    return result;
}

} // namespace kaiyuan::catalog::apk
