#include "kaiyuan/catalog/dpkg/cataloger.hpp"

#include "kaiyuan/catalog/dpkg/copyright.hpp"
#include "kaiyuan/catalog/dpkg/deb_file.hpp"
#include "kaiyuan/catalog/dpkg/package.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace kaiyuan::catalog::dpkg {

namespace {

constexpr std::string_view k_status = "var/lib/dpkg/status";
constexpr std::string_view k_status_d = "var/lib/dpkg/status.d/";
constexpr std::string_view k_info = "var/lib/dpkg/info/";
constexpr std::string_view k_doc = "usr/share/doc/";

std::string declared_license(const std::vector<std::string>& names) {
    std::vector<std::string> parts;
    for (const auto& n : names) {
        std::string e = model::to_spdx_expression(n, model::LicenseDialect::debian);
        if (e.empty()) continue;
        bool compound = e.find(' ') != std::string::npos;
        std::string part = compound ? "(" + e + ")" : e;
        // Debian names that differ ("GPL-2+" in one paragraph, "GPL-2.0+" in another) can map
        // to the same SPDX id; say it once.
        if (std::find(parts.begin(), parts.end(), part) == parts.end())
            parts.push_back(std::move(part));
    }
    if (parts.empty()) return {};
    auto parsed = model::LicenseExpression::parse(util::join(parts, " AND "));
    return parsed ? parsed->to_string() : std::string();
}

// One dpkg database: the packages of one root, with the files and licenses beside them.
struct Database {
    std::string root;
    std::vector<const FileData*> status_files;
    std::unordered_map<std::string, const FileData*> lists;      // "pkg" or "pkg:arch" -> .list
    std::unordered_map<std::string, const FileData*> copyrights; // pkg -> copyright
};

} // namespace

std::vector<std::string> DpkgCataloger::globs() const {
    return {"**/var/lib/dpkg/status", "**/var/lib/dpkg/status.d/*", "**/var/lib/dpkg/info/*.list",
            "**/usr/share/doc/*/copyright"};
}

CatalogResult DpkgCataloger::catalog(const std::vector<const FileData*>& files,
                                     const Environments& envs) const {
    std::map<std::string, Database> dbs;
    std::vector<std::pair<std::string, const FileData*>>
        docs; // root candidates for copyright files
    for (const FileData* f : files) {
        const std::string& p = f->path;
        if (p.ends_with(k_status) &&
            (p.size() == k_status.size() || p[p.size() - k_status.size() - 1] == '/')) {
            auto root = root_prefix(p, k_status);
            dbs[root].root = root;
            dbs[root].status_files.push_back(f);
        } else if (auto pos = p.find(k_status_d);
                   pos != std::string::npos && (pos == 0 || p[pos - 1] == '/')) {
            auto root = p.substr(0, pos);
            // status.d holds "<pkg>" and "<pkg>.md5sums" files; only the former are stanzas.
            if (p.ends_with(".md5sums")) continue;
            dbs[root].root = root;
            dbs[root].status_files.push_back(f);
        } else if (auto ipos = p.find(k_info); ipos != std::string::npos && p.ends_with(".list")) {
            auto root = p.substr(0, ipos);
            auto name = p.substr(ipos + k_info.size());
            name.resize(name.size() - 5);
            dbs[root].lists[name] = f;
        } else if (auto dpos = p.rfind(k_doc); dpos != std::string::npos) {
            docs.emplace_back(p.substr(0, dpos), f);
        }
    }
    for (auto& [root, f] : docs) {
        auto it = dbs.find(root);
        if (it == dbs.end()) continue;
        std::string_view rest = std::string_view(f->path).substr(root.size() + k_doc.size());
        it->second.copyrights[std::string(rest.substr(0, rest.find('/')))] = f;
    }

    CatalogResult result;
    for (auto& [root, db] : dbs) {
        if (db.status_files.empty()) continue; // info files without a database
        const model::Distro& distro = envs.for_path(root + std::string(k_status)).distro;
        std::vector<DpkgPackage> pkgs;
        std::vector<std::string> ids;
        std::size_t not_installed = 0;
        for (const FileData* f : db.status_files) {
            auto parsed = parse_status(f->data, f->location());
            not_installed += parsed.not_installed;
            for (auto& d : parsed.diagnostics)
                result.diagnostics.push_back(std::move(d));
            for (auto& pkg : parsed.packages) {
                model::Location where = f->location();
                where.line = pkg.line;
                model::Component c = to_component(pkg, distro, where);
                // Files: var/lib/dpkg/info/<pkg>.list or <pkg>:<arch>.list (multi-arch: same).
                const FileData* list = nullptr;
                if (auto it = db.lists.find(pkg.name + ":" + pkg.architecture);
                    it != db.lists.end())
                    list = it->second;
                else if (auto it2 = db.lists.find(pkg.name); it2 != db.lists.end())
                    list = it2->second;
                if (list) {
                    for (auto line : util::split(list->data, '\n')) {
                        if (line.empty() || line == "/.") continue;
                        c.files.push_back(util::sanitize_text(line));
                    }
                }
                if (auto it = db.copyrights.find(pkg.name); it != db.copyrights.end()) {
                    auto names = copyright_licenses(it->second->data);
                    c.license_declared = declared_license(names);
                    if (!names.empty())
                        c.properties["kaiyuan:license:raw"] =
                            util::sanitize_text(util::join(names, ", "));
                    c.properties["kaiyuan:license:source"] = it->second->path;
                }
                ids.push_back(c.id);
                result.components.push_back(std::move(c));
                pkgs.push_back(std::move(pkg));
            }
        }
        if (not_installed)
            result.diagnostics.push_back(
                {model::Severity::info,
                 {root + std::string(k_status), "", 0},
                 std::to_string(not_installed) +
                     " packages are known to dpkg but not installed; not listed"});
        add_dependencies(pkgs, ids, result.relationships);
    }
    return result;
}

std::vector<std::string> DebFileCataloger::globs() const {
    return {"*.deb", "**/*.deb"};
}

CatalogResult DebFileCataloger::catalog(const std::vector<const FileData*>& files,
                                        const Environments& envs) const {
    CatalogResult result;
    for (const FileData* f : files) {
        auto deb = parse_deb(f->data);
        if (!deb) {
            result.diagnostics.push_back({model::Severity::warning, f->location(),
                                          "not a readable .deb: " + deb.error().message});
            continue;
        }
        model::Component c =
            to_component(deb->package, envs.for_path(f->path).distro, f->location());
        c.files = std::move(deb->files);
        c.hashes.push_back({"SHA256", util::digest_hex(util::DigestAlgorithm::sha256, f->data)});
        result.components.push_back(std::move(c));
    }
    return result;
}

} // namespace kaiyuan::catalog::dpkg
