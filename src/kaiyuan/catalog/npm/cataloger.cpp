#include "kaiyuan/catalog/npm/cataloger.hpp"

#include "kaiyuan/catalog/npm/node_modules.hpp"
#include "kaiyuan/catalog/npm/package_json.hpp"
#include "kaiyuan/catalog/npm/pnpm_lock.hpp"
#include "kaiyuan/catalog/npm/yarn_lock.hpp"

#include <unordered_map>

namespace kaiyuan::catalog::npm {

namespace {

bool inside_node_modules(std::string_view path) {
    return path.starts_with("node_modules/") || path.find("/node_modules/") != std::string::npos;
}

// The package.json files that are not installed packages', by directory.
std::unordered_map<std::string, const FileData*>
project_manifests(const std::vector<const FileData*>& files) {
    std::unordered_map<std::string, const FileData*> out;
    for (const FileData* f : files)
        if (f->path.ends_with("package.json") && !inside_node_modules(f->path))
            out.emplace(parent_dir(f->path), f);
    return out;
}

std::optional<PackageJson> manifest_in(const std::unordered_map<std::string, const FileData*>& m,
                                       const std::string& dir, CatalogResult& result) {
    auto it = m.find(dir);
    if (it == m.end()) return std::nullopt;
    auto parsed = parse_package_json(it->second->data);
    if (!parsed) {
        result.diagnostics.push_back(
            {model::Severity::warning, it->second->location(),
             "package.json " + parsed.error().message + "; its names and scopes are not used"});
        return std::nullopt;
    }
    return std::move(*parsed);
}

} // namespace

CatalogResult PnpmLockCataloger::catalog(const std::vector<const FileData*>& files,
                                         const Environments&) const {
    CatalogResult result;
    auto manifests = project_manifests(files);
    for (const FileData* f : files) {
        if (!f->path.ends_with("pnpm-lock.yaml") || inside_node_modules(f->path)) continue;
        std::string dir = parent_dir(f->path);
        ImporterManifests importers;
        std::string prefix = dir.empty() ? "" : dir + "/";
        for (const auto& [mdir, mf] : manifests) {
            if (mdir != dir && !mdir.starts_with(prefix)) continue;
            std::string rel = mdir == dir ? "." : mdir.substr(prefix.size());
            if (auto m = manifest_in(manifests, mdir, result))
                importers.emplace(rel, std::move(*m));
        }
        result.append(parse_pnpm_lock(f->data, f->location(), importers));
    }
    return result;
}

CatalogResult YarnLockCataloger::catalog(const std::vector<const FileData*>& files,
                                         const Environments&) const {
    CatalogResult result;
    auto manifests = project_manifests(files);
    for (const FileData* f : files) {
        if (!f->path.ends_with("yarn.lock") || inside_node_modules(f->path)) continue;
        auto project = manifest_in(manifests, parent_dir(f->path), result);
        result.append(parse_yarn_lock(f->data, f->location(), project));
    }
    return result;
}

CatalogResult NodeModulesCataloger::catalog(const std::vector<const FileData*>& files,
                                            const Environments&) const {
    return catalog_node_modules(files);
}

} // namespace kaiyuan::catalog::npm
