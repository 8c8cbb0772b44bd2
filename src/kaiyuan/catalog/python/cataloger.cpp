#include "kaiyuan/catalog/python/cataloger.hpp"

#include "kaiyuan/catalog/engine/file_cataloger.hpp"
#include "kaiyuan/catalog/python/installed.hpp"
#include "kaiyuan/catalog/python/pypi.hpp"
#include "kaiyuan/catalog/python/requirement.hpp"
#include "kaiyuan/util/strings.hpp"

#include <map>

namespace kaiyuan::catalog::python {

namespace {

std::string join(std::string_view from_file, std::string_view rel) {
    if (rel.starts_with('/')) return std::string(rel.substr(1));
    auto slash = from_file.rfind('/');
    std::string base =
        slash == std::string_view::npos ? "" : std::string(from_file.substr(0, slash + 1));
    std::string joined = base + std::string(rel);
    // Collapse "a/../" and "./" segments.
    std::vector<std::string> parts;
    for (auto seg : util::split(joined, '/')) {
        if (seg.empty() || seg == ".") continue;
        if (seg == "..") {
            if (!parts.empty()) parts.pop_back();
            continue;
        }
        parts.emplace_back(seg);
    }
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : "/") + p;
    return out;
}

bool is_constraints_file(std::string_view path) {
    std::string_view name = path.substr(path.rfind('/') + 1);
    return name.find("constraints") != std::string_view::npos;
}

} // namespace

CatalogResult RequirementsCataloger::catalog(const std::vector<const FileData*>& files,
                                             const Environments&) const {
    CatalogResult result;
    std::map<std::string, const FileData*> by_path;
    for (const FileData* f : files)
        by_path.emplace(f->path, f);
    for (const FileData* f : files) {
        if (in_vendor_dir(f->path) || is_constraints_file(f->path)) continue;
        RequirementsFile file = read_requirements(f->data, f->location());
        std::vector<std::pair<std::string, std::string>> pins;
        auto referenced = [&](const std::string& rel, const char* what) -> const FileData* {
            auto it = by_path.find(join(f->path, rel));
            if (it != by_path.end()) return it->second;
            file.diagnostics.push_back(
                {model::Severity::info, f->location(),
                 std::string(what) + " '" + rel + "' is not among the scanned files; not read"});
            return nullptr;
        };
        for (const auto& c : file.constraints) {
            const FileData* cf = referenced(c, "constraints file");
            if (!cf) continue;
            for (const auto& [req, line] : read_requirements(cf->data, cf->location()).requirements)
                if (auto v = req.pinned_version(); !v.empty())
                    pins.emplace_back(normalize_name(req.name), v);
        }
        for (const auto& inc : file.includes)
            (void)referenced(inc, "included requirements file"); // cataloged on its own when found
        result.append(requirements_components(file, f->location(), pins));
    }
    return result;
}

CatalogResult ProjectLockCataloger::catalog(const std::vector<const FileData*>& files,
                                            const Environments&) const {
    CatalogResult result;
    std::map<std::string, const FileData*> manifests; // by directory
    for (const FileData* f : files)
        if (f->path == m_manifest || f->path.ends_with("/" + m_manifest))
            manifests.emplace(f->path.substr(0, f->path.size() - m_manifest.size()), f);
    for (const FileData* f : files) {
        if (in_vendor_dir(f->path) || !(f->path == m_lock || f->path.ends_with("/" + m_lock)))
            continue;
        std::optional<PythonProject> project;
        auto m = manifests.find(f->path.substr(0, f->path.size() - m_lock.size()));
        if (m != manifests.end()) {
            project = m_manifest_parser(m->second->data);
            if (!project)
                result.diagnostics.push_back(
                    {model::Severity::info, m->second->location(),
                     "not read as " + m_manifest +
                         " (not TOML, or names no project or "
                         "dependencies): the lockfile's direct dependencies stay unknown"});
        }
        result.append(m_lock_parser(f->data, f->location(), project ? &*project : nullptr));
    }
    return result;
}

CatalogResult InstalledCataloger::catalog(const std::vector<const FileData*>& files,
                                          const Environments&) const {
    return catalog_installed(files);
}

} // namespace kaiyuan::catalog::python
