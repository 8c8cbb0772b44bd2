#include "kaiyuan/catalog/rpm/package.hpp"

#include "kaiyuan/catalog/os/os_release.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/model/purl.hpp"

#include <unordered_map>

namespace kaiyuan::catalog::rpm {

std::pair<std::string, std::string> split_source_rpm(std::string_view s) {
    for (std::string_view suffix : {".src.rpm", ".nosrc.rpm"})
        if (s.ends_with(suffix)) {
            s.remove_suffix(suffix.size());
            break;
        }
    auto rel = s.rfind('-');
    if (rel == std::string_view::npos || rel == 0) return {std::string(s), {}};
    auto ver = s.rfind('-', rel - 1);
    if (ver == std::string_view::npos || ver == 0) return {std::string(s), {}};
    return {std::string(s.substr(0, ver)), std::string(s.substr(ver + 1))};
}

std::string rpm_namespace(const model::Distro& distro) {
    // The purl namespace names the vendor. os-release says "rhel" where the purl examples and the
    // other SBOM tools say "redhat"; every other ID (openeuler, rocky, almalinux, centos, fedora,
    // ...) is the vendor's name already.
    if (distro.id == "rhel") return "redhat";
    return distro.id;
}

model::Component to_component(RpmPackage&& pkg, const model::Distro& distro,
                              const model::Location& where) {
    model::Component c;
    c.package_type = "rpm";
    c.name = pkg.name;
    std::string version_release =
        pkg.release.empty() ? pkg.version : pkg.version + "-" + pkg.release;
    // The version as rpm prints it (%{EVR}: "2:3.0-1", epoch only when set and not 0), as trivy
    // and syft write it; the purl keeps the epoch as a qualifier (purl spec, rpm type).
    c.version = pkg.epoch > 0 ? std::to_string(pkg.epoch) + ":" + version_release : version_release;
    if (pkg.epoch >= 0) {
        c.properties["kaiyuan:rpm:epoch"] = std::to_string(pkg.epoch);
    }
    c.arch = pkg.arch;
    if (!pkg.source_rpm.empty()) {
        auto [sname, sver] = split_source_rpm(pkg.source_rpm);
        c.source_name = sname;
        c.source_version = sver;
        c.properties["kaiyuan:rpm:sourcerpm"] = pkg.source_rpm;
    }
    c.supplier = !pkg.vendor.empty() ? pkg.vendor : pkg.packager;
    c.description = pkg.summary;
    c.homepage = pkg.url;
    c.license_declared = model::to_spdx_expression(pkg.license, model::LicenseDialect::rpm);
    if (!pkg.license.empty()) c.properties["kaiyuan:license:raw"] = pkg.license;
    if (!pkg.modularity_label.empty())
        c.properties["kaiyuan:rpm:modularitylabel"] = pkg.modularity_label;
    if (pkg.size) c.properties["kaiyuan:rpm:size"] = std::to_string(pkg.size);
    c.files = std::move(pkg.files);
    c.locations.push_back(where);
    // What rpm's database holds of the package's digests, each said for what it is: SIGMD5 is
    // rpm's own package digest (MD5 over the header and the compressed payload, what `rpm -K`
    // checks; trivy writes it as the component's MD5 too), not the .rpm file's MD5;
    // SHA256HEADER covers the header only, so it is a property, not a component hash.
    if (!pkg.sha256_header.empty()) c.properties["kaiyuan:rpm:sha256header"] = pkg.sha256_header;
    if (pkg.sigmd5.size() == 32) {
        c.properties["kaiyuan:rpm:sigmd5"] = pkg.sigmd5;
        c.hashes.push_back({"MD5", pkg.sigmd5});
    }
    model::Purl purl;
    purl.type = "rpm";
    purl.namespace_ = rpm_namespace(distro);
    purl.name = pkg.name;
    purl.version = version_release;
    purl.qualifiers["arch"] = pkg.arch;
    if (pkg.epoch > 0) purl.qualifiers["epoch"] = std::to_string(pkg.epoch);
    purl.qualifiers["distro"] = os::distro_qualifier(distro);
    if (!pkg.source_rpm.empty()) purl.qualifiers["upstream"] = pkg.source_rpm;
    c.purl = purl.to_string();
    model::assign_id(c);
    return c;
}

void add_dependencies(const std::vector<Capabilities>& caps,
                      const std::vector<model::Component>& components,
                      std::vector<model::Relationship>& out) {
    std::unordered_map<std::string_view, std::size_t> provider;
    for (std::size_t i = 0; i < caps.size(); ++i) {
        provider.emplace(caps[i].name, i);
        for (const auto& p : caps[i].provides)
            provider.emplace(p, i);
    }
    // Path requirements nobody Provides are resolved through file ownership. Only those few
    // paths are indexed; every owned file is then checked against them once.
    std::unordered_map<std::string_view, std::size_t> owner;
    for (const auto& c : caps)
        for (const auto& req : c.requires_)
            if (req.starts_with('/') && !provider.contains(req)) owner.emplace(req, caps.size());
    if (!owner.empty())
        for (std::size_t k = 0; k < components.size(); ++k)
            for (const auto& f : components[k].files)
                if (auto it = owner.find(f); it != owner.end() && it->second == caps.size())
                    it->second = k;
    for (std::size_t i = 0; i < caps.size(); ++i) {
        for (const auto& req : caps[i].requires_) {
            std::size_t target = caps.size();
            if (auto it = provider.find(req); it != provider.end())
                target = it->second;
            else if (auto it2 = owner.find(req); it2 != owner.end())
                target = it2->second;
            if (target < caps.size() && target != i)
                out.push_back(
                    {components[i].id, components[target].id, model::RelationshipType::depends_on});
        }
    }
}

} // namespace kaiyuan::catalog::rpm
