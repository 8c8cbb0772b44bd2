#include "kaiyuan/catalog/dpkg/package.hpp"

#include "kaiyuan/catalog/os/os_release.hpp"
#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/util/strings.hpp"

#include <unordered_map>

namespace kaiyuan::catalog::dpkg {

model::Component to_component(const DpkgPackage& pkg, const model::Distro& distro,
                              const model::Location& where) {
    model::Component c;
    c.package_type = "deb";
    c.name = pkg.name;
    c.version = pkg.version;
    c.arch = pkg.architecture;
    c.source_name = pkg.source_name.empty() ? pkg.name : pkg.source_name;
    c.source_version = pkg.source_version.empty() ? pkg.version : pkg.source_version;
    c.supplier = pkg.maintainer;
    c.description = pkg.description;
    c.homepage = pkg.homepage;
    c.locations.push_back(where);
    model::Purl purl;
    purl.type = "deb";
    purl.namespace_ = distro.id.empty() ? "debian" : distro.id;
    purl.name = pkg.name;
    purl.version = pkg.version;
    purl.qualifiers["arch"] = pkg.architecture;
    purl.qualifiers["distro"] = os::distro_qualifier(distro);
    if (!pkg.source_name.empty() && pkg.source_name != pkg.name) {
        purl.qualifiers["upstream"] =
            pkg.source_version.empty() || pkg.source_version == pkg.version
                ? pkg.source_name
                : pkg.source_name + "@" + pkg.source_version;
    }
    c.purl = purl.to_string();
    if (!pkg.installed_size.empty())
        c.properties["kaiyuan:deb:installed-size"] = pkg.installed_size;
    model::assign_id(c);
    return c;
}

namespace {
// "libc6 (>= 2.34) | libc6-udeb:any [amd64] <!nocheck>" -> names in order.
std::vector<std::string> alternatives(std::string_view clause) {
    std::vector<std::string> out;
    for (auto alt : util::split(clause, '|')) {
        alt = util::trim(alt);
        std::size_t end = 0;
        while (end < alt.size() && alt[end] != ' ' && alt[end] != '(' && alt[end] != '[' &&
               alt[end] != '<' && alt[end] != ':')
            ++end;
        if (end) out.emplace_back(alt.substr(0, end));
    }
    return out;
}
} // namespace

void add_dependencies(const std::vector<DpkgPackage>& pkgs, const std::vector<std::string>& ids,
                      std::vector<model::Relationship>& out) {
    std::unordered_map<std::string, std::string> by_name;
    for (std::size_t i = 0; i < pkgs.size(); ++i)
        by_name.emplace(pkgs[i].name, ids[i]);
    for (std::size_t i = 0; i < pkgs.size(); ++i)
        for (auto clause : util::split(pkgs[i].provides, ','))
            for (auto& name : alternatives(clause))
                by_name.emplace(name, ids[i]);
    for (std::size_t i = 0; i < pkgs.size(); ++i) {
        if (pkgs[i].depends.empty()) continue;
        for (auto clause : util::split(pkgs[i].depends, ',')) {
            for (auto& name : alternatives(clause)) {
                auto it = by_name.find(name);
                if (it == by_name.end()) continue;
                out.push_back({ids[i], it->second, model::RelationshipType::depends_on});
                break;
            }
        }
    }
}

} // namespace kaiyuan::catalog::dpkg
